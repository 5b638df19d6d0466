"""The catalogue's words of sweeps: the sweep file's findings and its variants'."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        "empty-document.sweep": Said(
            "tệp kịch bản quét trống; hãy ghi ít nhất `version` và `id`",
            "the sweep file is empty; write at least `version` and `id`",
        ),
        "not-a-mapping.sweep": Said(
            "tệp kịch bản quét phải là một bảng khoá (mapping), không phải {type}",
            "the sweep must be a mapping of keys, not a {type}",
        ),
        "sweep.operand": Said(
            "phép `{op}`: `replace`/`add` cần `value`, `multiply` cần `factor`, `remove` "
            "không cần gì",
            "op `{op}`: `replace`/`add` take a `value`, `multiply` a `factor`, `remove` neither",
        ),
        "sweep.parameter.document": Said(
            "một tham số ghi đúng một trong `department` hoặc `workload`",
            "a parameter writes exactly one of `department` or `workload`",
        ),
        "sweep.parameter.values": Said(
            "một tham số ghi đúng một trong `values` hoặc `range`",
            "a parameter writes exactly one of `values` or `range`",
        ),
        "sweep.constraint": Said(
            "ràng buộc cần `at_least` hoặc `at_most`",
            "a constraint needs `at_least` or `at_most`",
        ),
        "sweep.goal": Said(
            "ghi đúng một trong `minimize` hoặc `maximize`",
            "write exactly one of `minimize` or `maximize`",
        ),
        "sweep.most": Said(
            "`most` ({most}) nhỏ hơn `first` ({first})",
            "`most` ({most}) is less than `first` ({first})",
        ),
        "sweep-too-many": Said(
            "lưới có {n} phương án, quá giới hạn {limit}",
            "the grid has {n} variants, more than the limit of {limit}",
        ),
        "sweep-duplicate-id": Said(
            "mã phương án `{id}` trùng với {other}",
            "variant id `{id}` clashes with {other}",
        ),
        "sweep.other.listed": Said("một phương án khác", "another listed variant"),
        "sweep.other.grid": Said("một phương án của lưới", "a grid variant"),
        "sweep.other.base": Said("phương án gốc `base`", "the base variant `base`"),
        "sweep-bad-path": Said(
            "phương án `{variant}`: đường dẫn `{path}` không trỏ tới gì ({reason}){hint}",
            "variant `{variant}`: path `{path}` names nothing ({reason}){hint}",
        ),
        "sweep.reason.id": Said("không có mục mã `{id}`", "no item with id `{id}`"),
        "sweep.reason.index": Said("không có mục số {index}", "no item number {index}"),
        "sweep.reason.field": Said("không có trường `{key}`", "no field `{key}`"),
        "sweep.reason.number": Said(
            "`multiply` cần một số, không phải {type}", "`multiply` needs a number, not a {type}"
        ),
        "sweep.reason.scalar": Said("không vào được bên trong {type}", "cannot go inside a {type}"),
        "sweep.hint": Said("; có phải ý bạn là `{word}`?", "; did you mean `{word}`?"),
        "sweep-variant": Said("phương án `{variant}`: {message}", "variant `{variant}`: {message}"),
    }
)
