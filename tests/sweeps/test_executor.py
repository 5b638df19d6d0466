from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

from cskh_org.sweeps.executor import DaskExecutor, Executor, LocalExecutor, run_replications
from cskh_org.sweeps.store import ResultStore
from tests.sweeps.helpers import variants

SPECS = variants(3)
REQUESTS = [(s.id, r) for s in SPECS for r in range(4)]
DAYS = 2.0


def _run(executor: Executor, **kw: object) -> list[str]:
    """The results, bit for bit (a float's repr is exact; NaN equals NaN here)."""
    got = run_replications(
        SPECS,
        REQUESTS,
        days=DAYS,
        seed=7,
        executor=executor,
        batch=2,
        **kw,  # type: ignore[arg-type]
    )
    assert list(got) == REQUESTS
    return [json.dumps(r.to_json(), sort_keys=True) for r in got.values()]


@pytest.fixture(scope="module")
def local() -> list[str]:
    return _run(LocalExecutor(1))


def test_local_kpis(local: list[str]) -> None:
    first = json.loads(local[0])["kpis"]
    assert "overall/sla.first_response" in first
    assert first["staff_cost_month"] > 0
    assert json.loads(local[4])["kpis"]["staff_cost_month"] > first["staff_cost_month"]
    assert local[0] != local[1]


def test_two_processes_identical(local: list[str]) -> None:
    executor = LocalExecutor(2)
    assert _run(executor) == local
    # 3 variants, 6 tasks: each worker compiles each variant it meets at most once
    assert executor.compilations <= 2 * len(SPECS)


def test_compiled_once_per_variant() -> None:
    executor = LocalExecutor(1)
    _run(executor)
    assert executor.compilations == len(SPECS)


def test_dask_identical_and_killed_worker(local: list[str]) -> None:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        with DaskExecutor(cluster.scheduler_address) as first:
            assert _run(first) == local
            assert _run(first) == local  # the client kept open: a second run on it
            assert first.client is not None
        assert first.client is None
        executor = DaskExecutor(cluster.scheduler_address)
        killed: list[str] = []

        def kill(done: int, total: int) -> None:
            if done > 0 and not killed and executor.client is not None:
                address = sorted(executor.client.scheduler_info()["workers"])[0]
                killed.append(address)
                with contextlib.suppress(Exception):  # the worker dies answering
                    executor.client.run(os._exit, 1, workers=[address])

        assert _run(executor, progress=kill) == local
        assert killed
        executor.close()
    finally:
        cluster.close()


def test_resume(tmp_path: Path, local: list[str]) -> None:
    path = tmp_path / "sweep.jsonl"

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done >= total // 2:
            raise Stop

    with pytest.raises(Stop):
        _run(LocalExecutor(1), store=ResultStore(path), progress=stop)
    seen: list[int] = []
    again = _run(LocalExecutor(1), store=ResultStore(path), progress=lambda d, t: seen.append(d))
    assert again == local
    assert 0 < seen[0] < len(REQUESTS)
