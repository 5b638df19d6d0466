"""The sweep executor's and result store's words."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        "executor.no-dask": Said(
            "Chạy trên cụm Dask cần gói distributed: pip install 'cskh-org[dask]'",
            "Running on a Dask cluster needs distributed: pip install 'cskh-org[dask]'",
        ),
        "executor.workers": Said(
            "Số tiến trình phải từ 1 trở lên (nhận {value})",
            "workers must be 1 or more (got {value})",
        ),
        "executor.unknown-variant": Said(
            "Không có phương án {variant} trong lượt quét",
            "No variant {variant} in the sweep",
        ),
        "store.other-sweep": Said(
            "{path} là kết quả của một lượt quét khác; dùng tệp khác hoặc xoá nó",
            "{path} holds the results of another sweep; use another file or remove it",
        ),
        "store.not-store": Said(
            "{path} đã có và không phải tệp kết quả quét; không ghi đè",
            "{path} exists and is not a sweep's results file; it is not overwritten",
        ),
    }
)
