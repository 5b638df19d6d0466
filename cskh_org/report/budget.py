"""The budget as a person reads it: the aligned table, CSV for a spreadsheet, the JSON document."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cskh_org.approval import ApprovalRecord
from cskh_org.budget import ActualsResult, BudgetPlan, Keys, Rollup, Variance, VarianceRow, row_keys

__all__ = ["budget_header", "budget_json", "table_csv", "table_text"]


def _amount(amount: Decimal, sign: bool = False) -> str:
    text = format(amount, ",f")
    return f"+{text}" if sign and amount > 0 else text


def _key(dim: str, key: object, periods: tuple[str, ...]) -> str:
    if dim == "month" and isinstance(key, int):
        return f"{key:02d} ({periods[key - 1]})"
    return str(key)


def _keys(table: Rollup | Variance, keys: Keys) -> list[str]:
    return [_key(d, k, table.periods) for d, k in zip(table.by, keys, strict=True)]


def _variance_figures(row: VarianceRow) -> list[str]:
    return [
        _amount(row.planned),
        _amount(row.actual),
        _amount(row.difference, sign=True),
        "n/a" if row.percent is None else f"{row.percent:+}%",
    ]


def _grid(table: Rollup | Variance, currency: str) -> tuple[list[str], list[list[str]], list[str]]:
    """The header, the body rows and the total row, as text."""
    if isinstance(table, Rollup):
        header = [*table.by, f"amount ({currency})"]
        body = [[*_keys(table, keys), _amount(amount)] for keys, amount in table.rows.items()]
        total = ["total", _amount(table.total)]
    else:
        header = [
            *table.by,
            f"planned ({currency})",
            f"actual ({currency})",
            "difference",
            "percent",
        ]
        body = [[*_keys(table, keys), *_variance_figures(row)] for keys, row in table.rows.items()]
        total = ["total", *_variance_figures(table.total)]
    return header, body if table.by else [], total


def table_text(table: Rollup | Variance, currency: str | None = None) -> str:
    """``table`` as aligned text for a terminal: keys left-aligned, amounts right-aligned with
    thousands separators (``12,345,679``), a rule under the header and a total line.

    ``currency`` labels the amount columns (default: the table's own).
    """
    header, body, total = _grid(table, currency or table.currency)
    keys = max(len(table.by), 1)  # with no dimension, one key column holds "total"
    if not table.by:
        header = ["", *header]
    total_row = [total[0], *([""] * (keys - 1)), *total[1:]]
    grid = [header, *body, total_row]
    widths = [max(len(r[i]) for r in grid) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(w) if i < keys else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    rows = [line(header), rule, *map(line, body)]
    if body:
        rows.append(rule)
    return "\n".join([*rows, line(total_row)]) + "\n"


def table_csv(table: Rollup | Variance) -> str:
    """CSV: a header, then one line per row (no total line, so a spreadsheet can sum); amounts
    are plain decimals without thousands separators; a month comes with its ``period``; a
    variance's ``percent`` is empty when nothing was planned."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [name for dim in table.by for name in ((dim, "period") if dim == "month" else (dim,))]
    if isinstance(table, Rollup):
        writer.writerow([*header, "amount"])
        if not table.by:
            writer.writerow([str(table.total)])
        for keys, amount in table.rows.items() if table.by else ():
            writer.writerow([*row_keys(table.by, keys, table.periods).values(), str(amount)])
        return out.getvalue()
    writer.writerow([*header, "planned", "actual", "difference", "percent"])
    items = table.rows.items() if table.by else [((), table.total)]
    for keys, row in items:
        writer.writerow(
            [
                *row_keys(table.by, keys, table.periods).values(),
                str(row.planned),
                str(row.actual),
                str(row.difference),
                "" if row.percent is None else str(row.percent),
            ]
        )
    return out.getvalue()


def budget_header(
    department: str, costed: BudgetPlan, record: ApprovalRecord | None, *, actuals: bool
) -> str:
    """What the table is: the department, fiscal year, currency and approval state."""
    what = "plan against actual spend" if actuals else "plan"
    state = record.summary() if record is not None else "no approval chain"
    return (
        f"budget of {department}, fiscal year {costed.fiscal_year} "
        f"({costed.periods[0]} to {costed.periods[-1]}), {what} in {costed.currency}\n"
        f"state: {state}\n\n"
    )


def budget_json(
    *,
    file: str,
    department: str,
    costed: BudgetPlan,
    record: ApprovalRecord | None,
    table: Rollup | Variance,
    actuals: ActualsResult | None = None,
    actuals_file: str | None = None,
) -> str:
    """The plan's identity, approval state and table (the roll-up, or the variance with the
    actuals read and their problems) as one JSON document."""
    state = record.summary() if record is not None else "no approval chain"
    document: dict[str, Any] = {
        "file": file,
        "department": department,
        "fiscal_year": costed.fiscal_year,
        "start_month": costed.start_month,
        "currency": costed.currency,
        "approval": None if record is None else {"summary": state, **record.to_dict()},
    }
    if actuals is None:
        document["rollup"] = table.to_dict()
    else:
        document["actuals"] = {
            "file": actuals_file,
            "rows": len(actuals.entries),
            "problems": [
                {"line": p.line, "column": p.column, "message": p.message} for p in actuals.problems
            ],
        }
        document["variance"] = table.to_dict()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
