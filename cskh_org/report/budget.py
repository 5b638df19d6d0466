"""The budget as a person reads it: the aligned table, CSV for a spreadsheet, the JSON document."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cskh_org.approval import ApprovalRecord
from cskh_org.budget import (
    DEPARTMENT_WIDE,
    NO_FUNCTION,
    ActualsResult,
    BudgetPlan,
    Key,
    Keys,
    Rollup,
    Variance,
    VarianceRow,
    row_keys,
)
from cskh_org.model import Department
from cskh_org.terminal import printable
from cskh_org.words import Voice

__all__ = ["budget_header", "budget_json", "table_csv", "table_text"]


class _Words(Voice):
    """The table's words and figures in one display language, names from the department."""

    def __init__(self, department: Department, lang: str | None, digits: int) -> None:
        super().__init__(lang, department.languages)
        self.department = department
        self.digits = digits

    def __call__(self, key: str, **fields: object) -> str:
        return self.say(key, **fields)

    def amount(self, amount: Decimal, sign: bool = False) -> str:
        text = self.number(amount, self.digits)
        return f"+{text}" if sign and amount > 0 else text

    def percent(self, percent: Decimal | None) -> str:
        if percent is None:
            return self("budget.none")
        return f"{'+' if percent >= 0 else ''}{self.number(percent, 1)}%"

    def key(self, dim: str, key: Key, periods: tuple[str, ...]) -> str:
        """A row's key: the fiscal month with its calendar month; in English the id the
        document writes (as the CSV and JSON do), in Vietnamese the unit's or function's name
        and the category in words."""
        dept = self.department
        if dim == "month" and isinstance(key, int):
            return f"{key:02d} ({periods[key - 1]})"
        if self.lang == "en":
            return str(key)
        if dim == "category":
            return self(f"category.{key}")
        if dim == "unit":
            if key == DEPARTMENT_WIDE:
                return self("budget.department_wide")
            unit = dept.units_by_id.get(str(key))
            return self.pick(unit.name, str(key)) if unit is not None else str(key)
        if dim == "function":
            if key == NO_FUNCTION:
                return self("budget.no_function")
            return self.pick(dept.function_names.get(str(key)), str(key))
        return str(key)


def _grid(table: Rollup | Variance, say_: _Words) -> tuple[list[str], list[list[str]], list[str]]:
    """The header, the body rows and the total row, as text."""
    dims = [say_(f"dim.{d}") for d in table.by]

    def keys(row: Keys) -> list[str]:
        return [say_.key(d, k, table.periods) for d, k in zip(table.by, row, strict=True)]

    def figures(row: VarianceRow) -> list[str]:
        return [
            say_.amount(row.planned),
            say_.amount(row.actual),
            say_.amount(row.difference, sign=True),
            say_.percent(row.percent),
        ]

    currency = table.currency
    if isinstance(table, Rollup):
        header = [*dims, say_("budget.amount", currency=currency)]
        body = [[*keys(k), say_.amount(amount)] for k, amount in table.rows.items()]
        total = [say_("budget.total"), say_.amount(table.total)]
    else:
        header = [
            *dims,
            say_("budget.planned", currency=currency),
            say_("budget.actual", currency=currency),
            say_("budget.difference"),
            say_("budget.percent"),
        ]
        body = [[*keys(k), *figures(row)] for k, row in table.rows.items()]
        total = [say_("budget.total"), *figures(table.total)]
    return header, body if table.by else [], total


def table_text(
    table: Rollup | Variance, department: Department, *, digits: int, lang: str | None = None
) -> str:
    """``table`` as aligned text for a terminal, in ``lang`` (default: the department's first
    display language): keys by name, left-aligned; amounts with ``digits`` decimals (the
    currency's), right-aligned, grouped by the locale (``12,345,679`` / ``12.345.679``); a
    rule under the header and a total line.
    Widths are measured in terminal cells (:func:`rich.cells.cell_len`), so Vietnamese text,
    composed or not, lines up."""
    from rich.cells import cell_len

    header, body, total = _grid(table, _Words(department, lang, digits))
    keys = max(len(table.by), 1)  # with no dimension, one key column holds "total"
    if not table.by:
        header = ["", *header]
    total_row = [total[0], *([""] * (keys - 1)), *total[1:]]
    grid = [header, *body, total_row]
    widths = [max(cell_len(r[i]) for r in grid) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (width - cell_len(cell))
            padded.append(cell + pad if i < keys else pad + cell)
        return "  ".join(padded).rstrip()

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
    department: Department,
    costed: BudgetPlan,
    record: ApprovalRecord | None,
    *,
    actuals: bool,
    lang: str | None = None,
) -> str:
    """What the table is: the department, fiscal year, currency and approval state."""
    say_ = _Words(department, lang, costed.digits)
    dept = department
    state = record.summary(say_.lang) if record is not None else say_("budget.no_chain")
    name = dept.id if say_.lang == "en" else say_.pick(dept.name, dept.id)
    title = say_(
        "budget.title",
        department=name,
        year=costed.fiscal_year,
        first=costed.periods[0],
        last=costed.periods[-1],
        what=say_("budget.against" if actuals else "budget.plan"),
        currency=costed.currency,
    )
    return f"{printable(title)}\n{say_('budget.state', state=state)}\n\n"


def budget_json(
    *,
    file: str,
    department: str,
    costed: BudgetPlan,
    record: ApprovalRecord | None,
    table: Rollup | Variance,
    actuals: ActualsResult | None = None,
    actuals_file: str | None = None,
    indent: int | None = 2,
) -> str:
    """The plan's identity, approval state and table (the roll-up, or the variance with the
    actuals read and their problems) as one JSON document, indented by ``indent`` (``None``:
    one line)."""
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
    return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
