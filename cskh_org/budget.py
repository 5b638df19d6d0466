"""The budget engine: the costed plan, roll-ups, what-ifs, and variance against actual spend.

:func:`plan` expands a department's ``budget`` section into cost **cells**: one amount per
(unit, function, category, fiscal month). Where the cells come from:

* **Staff** (category ``staff``) is derived from the units' staff lines, never typed: for each
  of the 12 months, headcount × FTE × the role's monthly cost. A staff line's monthly cost is
  **split equally across the unit's functions** (in the order the unit lists them); the minor
  units an equal split leaves over go one each to the first functions, so the shares always
  add up to the line's cost. A unit with no function books its staff under function ``none``.
* A **monthly line** costs its amount in each of its ``months`` (default all 12; a month listed
  twice counts once), under its ``function`` (default the unit's first function, else ``none``).
  With ``per: year`` its amount is the year's, spread over those months by
  :func:`cskh_org.money.allocate`: whole minor units that sum to it exactly, the leftover
  going one each to the first months.
* A **dated line** costs its whole amount in the fiscal month its ``date`` falls in (fiscal
  month 1 is the plan's ``start_month`` of ``fiscal_year``).

A plain number in the ``budget`` section is in the plan's currency (``budget.currency``, else
the department's); a role's monthly cost written without a currency is in the department's.
Costs that cannot be placed are left out of every total and listed in
:attr:`BudgetPlan.excluded`: amounts in another currency (never converted,
:meth:`BudgetPlan.currency_mismatches`), dated lines outside the fiscal year
(:meth:`BudgetPlan.dates_outside_year`), and lines or staff naming a unit or role the
department does not define.

**The rounding rule.** Each cell is rounded once, to the currency's minor unit, half up (the
half goes away from zero, as :func:`cskh_org.money.quantize` does): a staff line's cost of a
month is rounded, then split into whole minor units as above; a line's amount is rounded (a
no-op when it is written with the currency's decimals). Nothing is rounded again: every
total, roll-up row, difference and variance is an exact sum of cells, so every roll-up sums
exactly to the total at every grouping. Internally, cell amounts are integers of minor units
(dong, cents); all arithmetic before the one rounding is :class:`~decimal.Decimal` in a
private context with 60 digits, whatever the caller's decimal context is.

Roll-ups (:meth:`BudgetPlan.rollup`) group cells by ``unit``, ``function``, ``category`` and
``month``, any one or two crossed, or none (the total). The plan stores its cells as
*series* — for each (unit, function, category), its 12 monthly amounts — so a roll-up walks
the series, not every cell: 600,000 cells roll up in well under a tenth of a second
(``benchmarks/bench_budget.py``).

The engine reads no file: :func:`read_actuals` parses lines the caller gives it.
"""

from __future__ import annotations

import csv
import datetime
import enum
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import reduce
from itertools import repeat
from operator import add, or_
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from cskh_org.errors import UsageError
from cskh_org.hints import did_you_mean
from cskh_org.model.budget import CostCategory, LinePeriod
from cskh_org.model.org import BUILTIN_FUNCTIONS
from cskh_org.money import MAX_AMOUNT, Money, allocate, minor_unit
from cskh_org.terminal import printable

if TYPE_CHECKING:
    from cskh_org.model.department import Department

__all__ = [
    "CATEGORIES",
    "DEPARTMENT_WIDE",
    "DIMENSIONS",
    "MAX_ACTUALS_LINE",
    "MAX_ACTUALS_LINE_BYTES",
    "MONTHS",
    "NO_FUNCTION",
    "ActualEntry",
    "ActualsProblem",
    "ActualsResult",
    "BudgetPlan",
    "Cell",
    "ExcludedCost",
    "ExclusionReason",
    "Keys",
    "Rollup",
    "StructureChange",
    "Variance",
    "VarianceRow",
    "plan",
    "read_actuals",
    "row_keys",
    "variance",
]

DIMENSIONS: tuple[str, ...] = ("unit", "function", "category", "month")
"""What a roll-up can group by: any one, any two crossed, or none (the total)."""
CATEGORIES: tuple[CostCategory, ...] = tuple(CostCategory)
"""Cost categories in the order roll-ups list them (the enum's order, ``staff`` first)."""
MONTHS = 12
"""Months in a fiscal year."""
NO_FUNCTION = "none"
"""The function of costs of a unit that lists no function, and of a line of the department as
a whole that names none."""
DEPARTMENT_WIDE = "(department)"
"""The unit key of the costs of the department as a whole (a budget line without ``unit``); no
unit can have it, since ids have no parentheses. Actual spend of the whole department names it
in the ``unit`` column."""

MAX_ACTUALS_LINE = 1 << 16
"""The longest line of actual spend, in characters (a row is a few dozen); a longer line is
a problem of its own, skipped, and the lines after it are still read."""
MAX_ACTUALS_LINE_BYTES = 4 * MAX_ACTUALS_LINE
"""The longest line in bytes that may hold :data:`MAX_ACTUALS_LINE` characters: a file is read
in lines cut past it (:func:`cskh_org.files.input_lines`)."""

_CTX = Context(prec=60, rounding=ROUND_HALF_UP)
_CATEGORY_INDEX = {c.value: i for i, c in enumerate(CATEGORIES)}
_CATEGORY_NAMES = tuple(c.value for c in CATEGORIES)
_ALL_MONTHS = (1 << MONTHS) - 1
_MONTH_NUMBERS = range(1, MONTHS + 1)

Key = str | int
"""One key of a roll-up row: an id (unit, function, category) or a fiscal month (1-12)."""
Keys = tuple[Key, ...]
Path = tuple[str | int, ...]


# -- money in minor units ---------------------------------------------------------------------


def _to_minor(amount: Decimal, digits: int) -> int:
    """``amount`` rounded half up to the minor unit, as an integer of minor units.

    This is the one rounding of the engine (same rule as :func:`cskh_org.money.quantize`).
    """
    scaled = amount.scaleb(digits, context=_CTX)
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_CTX))


def _to_decimal(minor: int, digits: int) -> Decimal:
    """Minor units back to an exact amount with the currency's decimals (``1234`` → ``12.34``)."""
    return Decimal(minor).scaleb(-digits, context=_CTX) if digits else Decimal(minor)


def _split(minor: int, parts: int) -> list[int]:
    """``minor`` split into ``parts`` whole shares, the leftover going one each to the first.

    Symmetric in sign (``_split(-x)`` is ``-_split(x)``), so a change and its inverse cancel.
    """
    quotient, remainder = divmod(abs(minor), parts)
    sign = -1 if minor < 0 else 1
    return [sign * (quotient + (1 if i < remainder else 0)) for i in range(parts)]


# -- what cannot be placed --------------------------------------------------------------------


class ExclusionReason(enum.StrEnum):
    """Why a cost is left out of the plan's totals."""

    CURRENCY_MISMATCH = "currency_mismatch"
    """The amount is in another currency than the plan's; it is never converted."""
    OUTSIDE_FISCAL_YEAR = "outside_fiscal_year"
    """A dated line falls outside the fiscal year."""
    UNKNOWN_UNIT = "unknown_unit"
    """A line names a unit the department does not define."""
    UNKNOWN_ROLE = "unknown_role"
    """A staff line names a role the department does not define."""


@dataclass(frozen=True, slots=True)
class ExcludedCost:
    """A cost the plan leaves out of every total, with why and where it is written."""

    reason: ExclusionReason
    path: Path
    """Where in the document: ``("budget", "lines", 3, "date")``, ``("units", 2, "staff", 0)``."""
    unit: str
    category: CostCategory
    source: str
    """The line's id, or the role of a staff line."""
    amount: Money
    """As written: the monthly amount, the one-off amount, or the role's monthly cost."""
    currency: str
    """The amount's currency (for a plain number: the plan's in the budget section, the
    department's in a role's cost)."""
    message: str
    """What is wrong and how to fix it."""
    date: datetime.date | None = None


# -- cells and their storage ------------------------------------------------------------------


class Cell(NamedTuple):
    """One cost cell: what a unit spends on a function and category in one fiscal month."""

    unit: str
    function: str
    category: CostCategory
    month: int
    amount: Decimal


SeriesKey = tuple[int, int, int]
"""(unit index, function index, category index)."""


@dataclass(frozen=True, slots=True)
class _Table:
    """Cells as series: for each (unit, function, category), 12 monthly minor-unit amounts.

    Columns are parallel tuples sorted by (unit, function, category); a series with every month
    zero is not stored, and a zero month is not a cell.
    """

    units: tuple[str, ...]
    functions: tuple[str, ...]
    s_unit: tuple[int, ...]
    s_func: tuple[int, ...]
    s_cat: tuple[int, ...]
    s_vec: tuple[tuple[int, ...], ...]
    s_total: tuple[int, ...]
    s_mask: tuple[int, ...]
    """Bit ``m - 1`` set when month ``m`` has a cell (a non-zero amount)."""

    @classmethod
    def build(
        cls,
        units: tuple[str, ...],
        functions: tuple[str, ...],
        series: Mapping[SeriesKey, Sequence[int]],
    ) -> _Table:
        keys = sorted(k for k, v in series.items() if any(v))
        vecs = tuple(tuple(series[k]) for k in keys)
        return cls(
            units=units,
            functions=functions,
            s_unit=tuple(k[0] for k in keys),
            s_func=tuple(k[1] for k in keys),
            s_cat=tuple(k[2] for k in keys),
            s_vec=vecs,
            s_total=tuple(map(sum, vecs)),
            s_mask=tuple(sum(1 << i for i, amount in enumerate(vec) if amount) for vec in vecs),
        )

    def series(self) -> dict[SeriesKey, tuple[int, ...]]:
        return {
            (u, f, c): v
            for u, f, c, v in zip(self.s_unit, self.s_func, self.s_cat, self.s_vec, strict=True)
        }

    def by_labels(self) -> dict[tuple[str, str, int], tuple[int, ...]]:
        return {(self.units[u], self.functions[f], c): v for (u, f, c), v in self.series().items()}

    def total(self) -> int:
        return sum(self.s_total)

    def _size(self, dim: str) -> int:
        return {"unit": len(self.units), "function": len(self.functions)}.get(dim, len(CATEGORIES))

    def _column(self, dim: str) -> tuple[int, ...]:
        return {"unit": self.s_unit, "function": self.s_func, "category": self.s_cat}[dim]

    def labels(self, dim: str) -> Sequence[Key]:
        """The key of each index of ``dim`` (a month's index is the month itself)."""
        if dim == "unit":
            return self.units
        if dim == "function":
            return self.functions
        if dim == "category":
            return _CATEGORY_NAMES
        return range(MONTHS + 1)

    def group(self, by: tuple[str, ...]) -> list[tuple[tuple[int, ...], int]]:
        """Rows ``(indexes in by's order, minor units)``: the groups holding at least one cell,
        ordered by ``by`` (units and functions in document order, categories in enum order,
        months 1-12). With no dimension, the one row ``((), total)``."""
        if not by:
            return [((), self.total())]
        plain = [d for d in by if d != "month"]
        with_month = len(plain) < len(by)
        if not plain:
            sums = [sum(col) for col in zip(*self.s_vec, strict=True)] if self.s_vec else []
            mask = reduce(or_, self.s_mask, 0)
            return [((m,), sums[m - 1]) for m in range(1, MONTHS + 1) if mask >> (m - 1) & 1]
        index: Sequence[int]
        if len(plain) == 1:
            index, size, inner = self._column(plain[0]), self._size(plain[0]), 1
        else:
            inner = self._size(plain[1])
            size = self._size(plain[0]) * inner
            index = [
                a * inner + b
                for a, b in zip(self._column(plain[0]), self._column(plain[1]), strict=True)
            ]
        rows: list[tuple[tuple[int, ...], int]] = []
        if not with_month:
            acc = [0] * size
            seen = bytearray(size)
            for k, amount in zip(index, self.s_total, strict=True):
                acc[k] += amount
                seen[k] = 1
            for k in range(size):
                if seen[k]:
                    rows.append(((k,) if inner == 1 else divmod(k, inner), acc[k]))
            return rows
        vectors: list[list[int] | None] = [None] * size
        masks = [0] * size
        for k, vec, bits in zip(index, self.s_vec, self.s_mask, strict=True):
            got = vectors[k]
            vectors[k] = list(vec) if got is None else list(map(add, got, vec))
            masks[k] |= bits
        for k in range(size):
            got, bits = vectors[k], masks[k]
            if got is None:
                continue
            head = (k,) if len(plain) == 1 else divmod(k, inner)
            if bits == _ALL_MONTHS:  # the common case, built in C
                keys = zip(*(repeat(h, MONTHS) for h in head), _MONTH_NUMBERS, strict=True)
                rows.extend(zip(keys, got, strict=True))
                continue
            for m in range(1, MONTHS + 1):
                if bits >> (m - 1) & 1:
                    rows.append(((*head, m), got[m - 1]))
        if by[-1] != "month":  # month first: (month, x) — reorder the (x, month) rows
            rows = [((key[-1], *key[:-1]), amount) for key, amount in rows]
            rows.sort(key=lambda row: row[0])
        return rows


def _fiscal_month(fiscal_year: int, start_month: int, day: datetime.date) -> int | None:
    month = (day.year - fiscal_year) * 12 + day.month - start_month + 1
    return month if 1 <= month <= MONTHS else None


def _last_day(fiscal_year: int, start_month: int) -> datetime.date:
    return datetime.date(fiscal_year + 1, start_month, 1) - datetime.timedelta(days=1)


def _check_by(by: Sequence[str] | str, allowed: Sequence[str] = DIMENSIONS) -> tuple[str, ...]:
    dims = (by,) if isinstance(by, str) else tuple(by)
    for dim in dims:
        if dim not in allowed:
            raise UsageError(
                f"cannot group by `{dim}`{did_you_mean(dim, allowed)}; "
                f"group by {', '.join(allowed)} (one or two of them)"
            )
    if len(set(dims)) != len(dims):
        raise UsageError(f"`{' × '.join(dims)}` groups by the same dimension twice")
    if len(dims) > 2:
        raise UsageError(f"group by at most two dimensions, not {len(dims)} ({', '.join(dims)})")
    return dims


# -- roll-ups ---------------------------------------------------------------------------------


def row_keys(
    by: tuple[str, ...], keys: Keys, periods: tuple[str, ...]
) -> dict[str, str | int | None]:
    """A row's keys by dimension; a month key (the fiscal month) with its ``period``."""
    out: dict[str, str | int | None] = {}
    for dim, key in zip(by, keys, strict=True):
        out[dim] = key
        if dim == "month" and isinstance(key, int):
            out["period"] = periods[key - 1]
    return out


@dataclass(frozen=True)
class Rollup:
    """Amounts grouped by zero, one or two dimensions, with the total.

    ``rows`` maps the keys (one per dimension of ``by``, in that order) to an exact amount in
    ``currency``; it holds the groups that have at least one cell, in document order (units
    and functions as written, categories in enum order, months 1-12). The rows always sum
    exactly to ``total``. Not hashable (``rows`` is a read-only mapping).
    """

    by: tuple[str, ...]
    currency: str
    rows: Mapping[Keys, Decimal]
    total: Decimal
    periods: tuple[str, ...] = field(default=())
    """``YYYY-MM`` of fiscal months 1-12 (for labels; a month key is the fiscal month)."""

    def to_rows(self) -> list[dict[str, Any]]:
        """One dict per row: each dimension's key and ``amount`` (a ``Decimal``)."""
        return [
            {**dict(zip(self.by, keys, strict=True)), "amount": amount}
            for keys, amount in self.rows.items()
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: amounts as strings (exact), months with their ``period`` (``2026-04``)."""
        return {
            "by": list(self.by),
            "currency": self.currency,
            "rows": [
                {**row_keys(self.by, keys, self.periods), "amount": str(amount)}
                for keys, amount in self.rows.items()
            ],
            "total": str(self.total),
        }


def _make_rollup(
    table: _Table,
    by: tuple[str, ...],
    currency: str,
    digits: int,
    periods: tuple[str, ...],
) -> Rollup:
    labels = [table.labels(d) for d in by]
    rows: dict[Keys, Decimal]
    grouped = table.group(by)
    if not by:
        rows = {(): _to_decimal(table.total(), digits)}
    elif len(by) == 1:
        (first,) = labels
        rows = {(first[i],): _to_decimal(minor, digits) for (i,), minor in grouped}
    else:
        first, second = labels
        rows = {(first[i], second[j]): _to_decimal(minor, digits) for (i, j), minor in grouped}
    return Rollup(
        by=by,
        currency=currency,
        rows=MappingProxyType(rows),
        total=_to_decimal(table.total(), digits),
        periods=periods,
    )


# -- structure changes ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StructureChange:
    """Add (``delta > 0``) or remove (``delta < 0``) heads of a role in a unit, each at ``fte``,
    from fiscal month ``from_month`` to ``until_month`` inclusive (default: the year's end).

    "+3 agents in support from April", with a fiscal year starting in January:
    ``StructureChange("support", "agent", 3, from_month=4)``. The change costs, each month,
    ``delta`` × ``fte`` × the role's monthly cost, rounded and split across the unit's
    functions exactly as a staff line is.
    """

    unit: str
    role: str
    delta: int
    fte: Decimal = Decimal(1)
    from_month: int = 1
    until_month: int = MONTHS

    def __post_init__(self) -> None:
        if isinstance(self.fte, int | str) and not isinstance(self.fte, bool):
            try:
                object.__setattr__(self, "fte", Decimal(self.fte))
            except InvalidOperation:
                raise UsageError(f"`fte` of a structure change is a number: {self.fte!r}") from None
        if isinstance(self.delta, bool) or not isinstance(self.delta, int) or self.delta == 0:
            raise UsageError(f"a structure change adds or removes heads: `delta` {self.delta!r}")
        if not isinstance(self.fte, Decimal) or not Decimal(0) < self.fte <= 1:
            raise UsageError(f"`fte` of a structure change is above 0 and at most 1: {self.fte}")
        if not 1 <= self.from_month <= self.until_month <= MONTHS:
            raise UsageError(
                f"a structure change runs from a fiscal month to a later one (1-12): "
                f"{self.from_month} to {self.until_month}"
            )

    def inverse(self) -> StructureChange:
        """The change that undoes this one (same role, unit, FTE and months; ``-delta``)."""
        return StructureChange(
            self.unit, self.role, -self.delta, self.fte, self.from_month, self.until_month
        )

    def __str__(self) -> str:
        until = f" until month {self.until_month}" if self.until_month != MONTHS else ""
        fte = f" at {self.fte} FTE" if self.fte != 1 else ""
        return (
            f"{self.delta:+d} {self.role}{fte} in {self.unit} from month {self.from_month}{until}"
        )


# -- the plan ---------------------------------------------------------------------------------


class BudgetPlan:
    """The costed plan of a department's budget: immutable; build it with :func:`plan`.

    See the module's documentation for how cells are derived and the rounding rule.
    """

    __slots__ = (
        "_digits",
        "_function_index",
        "_staffing",
        "_table",
        "_unit_index",
        "changes",
        "currency",
        "department",
        "excluded",
        "fiscal_year",
        "start_month",
    )

    department: Department
    currency: str
    """The plan's ISO 4217 currency (the budget's, else the department's)."""
    fiscal_year: int
    start_month: int
    excluded: tuple[ExcludedCost, ...]
    """Costs left out of every total (see :class:`ExclusionReason`)."""
    changes: tuple[StructureChange, ...]
    """The structure changes applied to the document's plan to get this one, in order."""
    _digits: int
    _unit_index: Mapping[str, int]
    _function_index: Mapping[str, int]
    _table: _Table
    _staffing: Mapping[tuple[str, str], tuple[Decimal, ...]]

    def __init__(
        self,
        department: Department,
        *,
        currency: str,
        fiscal_year: int,
        start_month: int,
        excluded: tuple[ExcludedCost, ...],
        changes: tuple[StructureChange, ...],
        table: _Table,
        staffing: Mapping[tuple[str, str], tuple[Decimal, ...]],
    ) -> None:
        values = {
            "department": department,
            "currency": currency,
            "fiscal_year": fiscal_year,
            "start_month": start_month,
            "excluded": excluded,
            "changes": changes,
            "_digits": minor_unit(currency),
            "_unit_index": {u: i for i, u in enumerate(table.units)},
            "_function_index": {f: i for i, f in enumerate(table.functions)},
            "_table": table,
            "_staffing": MappingProxyType(dict(staffing)),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a BudgetPlan is immutable (cannot set `{name}`)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a BudgetPlan is immutable (cannot delete `{name}`)")

    def __repr__(self) -> str:
        return (
            f"<BudgetPlan {self.department.id} FY{self.fiscal_year} {self.currency}: "
            f"{self.cell_count} cells, total {self.total}>"
        )

    # -- calendar -------------------------------------------------------------------------

    @property
    def digits(self) -> int:
        """Decimals of the plan's currency (VND 0, USD 2)."""
        return self._digits

    @property
    def first_day(self) -> datetime.date:
        """The first day of the fiscal year."""
        return datetime.date(self.fiscal_year, self.start_month, 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day of the fiscal year."""
        return _last_day(self.fiscal_year, self.start_month)

    def fiscal_month(self, day: datetime.date) -> int | None:
        """The fiscal month (1-12) ``day`` falls in, or ``None`` outside the fiscal year."""
        return _fiscal_month(self.fiscal_year, self.start_month, day)

    def period(self, month: int) -> str:
        """The calendar month of fiscal month ``month``, as ``YYYY-MM``."""
        offset = self.start_month - 1 + month - 1
        return f"{self.fiscal_year + offset // 12:04d}-{offset % 12 + 1:02d}"

    @property
    def periods(self) -> tuple[str, ...]:
        """``YYYY-MM`` of fiscal months 1-12."""
        return tuple(self.period(m) for m in range(1, MONTHS + 1))

    # -- cells ----------------------------------------------------------------------------

    @property
    def units(self) -> tuple[str, ...]:
        """Unit ids in document order (the order of roll-up rows; the costs of the department
        as a whole come last, as :data:`DEPARTMENT_WIDE`)."""
        return tuple(u for u in self._table.units if u != DEPARTMENT_WIDE)

    @property
    def functions(self) -> tuple[str, ...]:
        """Function ids in roll-up order: the six built-in ones, custom ones, ``none``."""
        return self._table.functions

    @property
    def cell_count(self) -> int:
        """Number of cells (non-zero (unit, function, category, month) amounts)."""
        return sum(bin(m).count("1") for m in self._table.s_mask)

    def cells(self) -> Iterator[Cell]:
        """Every cell, ordered by unit, function, category and month."""
        t, digits = self._table, self._digits
        for u, f, c, vec in zip(t.s_unit, t.s_func, t.s_cat, t.s_vec, strict=True):
            for m, minor in enumerate(vec, start=1):
                if minor:
                    yield Cell(
                        t.units[u], t.functions[f], CATEGORIES[c], m, _to_decimal(minor, digits)
                    )

    @property
    def total(self) -> Decimal:
        """The whole plan: the exact sum of its cells."""
        return _to_decimal(self._table.total(), self._digits)

    def currency_mismatches(self) -> tuple[ExcludedCost, ...]:
        """Amounts in another currency than the plan's: not converted, left out of totals."""
        return tuple(e for e in self.excluded if e.reason is ExclusionReason.CURRENCY_MISMATCH)

    def dates_outside_year(self) -> tuple[ExcludedCost, ...]:
        """Dated lines outside the fiscal year: left out of totals (an error to report)."""
        return tuple(e for e in self.excluded if e.reason is ExclusionReason.OUTSIDE_FISCAL_YEAR)

    def staffing(self, unit: str, role: str) -> tuple[Decimal, ...]:
        """FTE (Σ headcount × FTE) of ``role`` in ``unit`` per fiscal month, with the changes."""
        return self._staffing.get((unit, role), (Decimal(0),) * MONTHS)

    # -- roll-ups -------------------------------------------------------------------------

    def rollup(self, by: Sequence[str] = ()) -> Rollup:
        """Totals grouped by zero, one or two of ``unit``, ``function``, ``category``, ``month``
        (in the order given: ``("month", "unit")`` lists months, then units in each)."""
        dims = _check_by(by)
        return _make_rollup(self._table, dims, self.currency, self._digits, self.periods)

    # -- what-ifs -------------------------------------------------------------------------

    def apply(self, change: StructureChange) -> BudgetPlan:
        """A new plan with ``change`` applied (this one is unchanged).

        Raises :class:`UsageError` for an unknown unit or role, a role costed in another
        currency, or a removal of more FTE than the unit has of the role in some month.
        """
        dept = self.department
        unit = dept.units_by_id.get(change.unit)
        if unit is None or change.unit not in self._unit_index:
            raise UsageError(
                f"structure change: `{change.unit}` is not a unit"
                f"{did_you_mean(change.unit, self.units)}"
            )
        role = dept.roles_by_id.get(change.role)
        if role is None:
            raise UsageError(
                f"structure change: `{change.role}` is not a role"
                f"{did_you_mean(change.role, dept.roles_by_id)}"
            )
        cost_currency = role.monthly_cost.currency or dept.currency
        if cost_currency != self.currency:
            raise UsageError(
                f"structure change: role `{role.id}` costs {role.monthly_cost} ({cost_currency}), "
                f"the plan is in {self.currency}; amounts are not converted"
            )
        months = range(change.from_month, change.until_month + 1)
        heads = change.fte * change.delta
        before = self.staffing(change.unit, change.role)
        after = list(before)
        for m in months:
            after[m - 1] = before[m - 1] + heads
            if after[m - 1] < 0:
                raise UsageError(
                    f"structure change `{change}`: {change.unit} has {before[m - 1]} FTE of "
                    f"{change.role} in month {m} ({self.period(m)}); cannot remove "
                    f"{-heads} FTE"
                )
        monthly = _to_minor(role.monthly_cost.amount * heads, self._digits)
        functions = _unit_functions(unit.functions)
        shares = _split(monthly, len(functions))
        series = self._table.series()
        staff = _CATEGORY_INDEX[CostCategory.STAFF.value]
        fn_index = dict(self._function_index)
        fn_labels = list(self.functions)
        for function in functions:
            if function not in fn_index:  # a function the unit names but the department lacks
                fn_index[function] = len(fn_labels)
                fn_labels.append(function)
        u = self._unit_index[change.unit]
        for function, share in zip(functions, shares, strict=True):
            key = (u, fn_index[function], staff)
            vec = list(series.get(key, (0,) * MONTHS))
            for m in months:
                vec[m - 1] += share
            series[key] = tuple(vec)
        staffing = dict(self._staffing)
        staffing[(change.unit, change.role)] = tuple(after)
        return BudgetPlan(
            dept,
            currency=self.currency,
            fiscal_year=self.fiscal_year,
            start_month=self.start_month,
            excluded=self.excluded,
            changes=(*self.changes, change),
            table=_Table.build(self._table.units, tuple(fn_labels), series),
            staffing=staffing,
        )

    def diff(self, other: BudgetPlan, by: Sequence[str] = ()) -> Rollup:
        """``other`` minus this plan, grouped like :meth:`rollup`: what moving to ``other``
        costs (positive) or saves (negative). Rows are the groups holding a cell that differs.

        Both plans must be in the same currency; months are compared by fiscal month, and
        labelled with this plan's calendar months.
        """
        dims = _check_by(by)
        if other.currency != self.currency:
            raise UsageError(
                f"cannot compare a plan in {self.currency} with one in {other.currency}; "
                "amounts are not converted"
            )
        if other._table.units == self._table.units and other.functions == self.functions:
            mine, theirs = self._table.series(), other._table.series()
            units, functions = self._table.units, self.functions
            series: dict[SeriesKey, list[int]] = {k: list(v) for k, v in theirs.items()}
            for key, vec in mine.items():
                got = series.get(key, [0] * MONTHS)
                series[key] = [a - b for a, b in zip(got, vec, strict=True)]
        else:
            units = tuple(dict.fromkeys((*self.units, *other.units, DEPARTMENT_WIDE)))
            functions = _ordered_functions((*self.functions, *other.functions), self.department)
            ui = {u: i for i, u in enumerate(units)}
            fi = {f: i for i, f in enumerate(functions)}
            series = {}
            for sign, table in ((1, other._table), (-1, self._table)):
                for (u, f, c), vec in table.by_labels().items():
                    key = (ui[u], fi[f], c)
                    got = series.setdefault(key, [0] * MONTHS)
                    series[key] = [a + sign * b for a, b in zip(got, vec, strict=True)]
        table = _Table.build(units, functions, series)
        return _make_rollup(table, dims, self.currency, self._digits, self.periods)


def _unit_functions(functions: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(functions)) or (NO_FUNCTION,)


def _ordered_functions(used: Iterable[str], department: Department) -> tuple[str, ...]:
    """Built-in functions, the department's custom ones, ``none``, then any other id (sorted)."""
    known = [*BUILTIN_FUNCTIONS, *(f.id for f in department.functions), NO_FUNCTION]
    known = list(dict.fromkeys(known))
    extra = sorted(set(used) - set(known))
    return (*known, *extra)


def plan(department: Department) -> BudgetPlan:
    """The costed plan of ``department``'s ``budget`` section.

    Raises :class:`UsageError` when the document has no ``budget`` section.
    """
    budget = department.budget
    if budget is None:
        raise UsageError(
            f"department `{department.id}` has no `budget` section; add one with "
            "`fiscal_year` (and `lines`) to plan its costs"
        )
    currency = budget.currency or department.currency
    digits = minor_unit(currency)
    units = (*(u.id for u in department.units), DEPARTMENT_WIDE)
    unit_index = {u: i for i, u in enumerate(units)}
    excluded: list[ExcludedCost] = []
    # (unit index, function id, category index) → 12 monthly amounts in minor units
    by_label: dict[tuple[int, str, int], list[int]] = {}
    staffing: dict[tuple[str, str], Decimal] = {}
    staff = _CATEGORY_INDEX[CostCategory.STAFF.value]

    def book(key: tuple[int, str, int], months: Iterable[int], minor: int) -> None:
        vec = by_label.get(key)
        if vec is None:
            vec = by_label[key] = [0] * MONTHS
        for m in months:
            vec[m - 1] += minor

    def money_currency(money: Money) -> str:
        return money.currency or department.currency

    every_month = range(1, MONTHS + 1)
    for ui, unit in enumerate(department.units):
        functions = _unit_functions(unit.functions)
        for si, line in enumerate(unit.staff):
            path: Path = ("units", ui, "staff", si)
            role = department.roles_by_id.get(line.role)
            if role is None:
                excluded.append(
                    ExcludedCost(
                        ExclusionReason.UNKNOWN_ROLE,
                        (*path, "role"),
                        unit.id,
                        CostCategory.STAFF,
                        line.role,
                        Money(amount=Decimal(0), currency=currency),
                        currency,
                        f"staff line {si + 1} of unit `{unit.id}` has role `{line.role}`, which "
                        f"is not a role{did_you_mean(line.role, department.roles_by_id)}; its "
                        "cost is left out of the budget",
                    )
                )
                continue
            cost_currency = money_currency(role.monthly_cost)
            if cost_currency != currency:
                excluded.append(
                    ExcludedCost(
                        ExclusionReason.CURRENCY_MISMATCH,
                        (*path, "role"),
                        unit.id,
                        CostCategory.STAFF,
                        role.id,
                        role.monthly_cost,
                        cost_currency,
                        f"role `{role.id}` costs {role.monthly_cost} a month but the budget is "
                        f"in {currency}; the staff cost of unit `{unit.id}` for it is left out "
                        f"(amounts are not converted: give the role's cost in {currency})",
                    )
                )
                continue
            heads = line.fte * line.headcount
            key = (unit.id, role.id)
            staffing[key] = staffing.get(key, Decimal(0)) + heads
            monthly = _to_minor(line.monthly_cost(role), digits)
            for function, share in zip(functions, _split(monthly, len(functions)), strict=True):
                book((ui, function, staff), every_month, share)

    for li, bline in enumerate(budget.lines):
        path = ("budget", "lines", li)
        amount_currency = bline.amount.currency or currency  # plain: the plan's currency
        home = department.units_by_id.get(bline.unit) if bline.unit is not None else None
        spender = DEPARTMENT_WIDE if bline.unit is None else bline.unit
        if bline.unit is not None and (home is None or bline.unit not in unit_index):
            excluded.append(
                ExcludedCost(
                    ExclusionReason.UNKNOWN_UNIT,
                    (*path, "unit"),
                    bline.unit,
                    bline.category,
                    bline.id,
                    bline.amount,
                    amount_currency,
                    f"line `{bline.id}` is for unit `{bline.unit}`, which is not a unit"
                    f"{did_you_mean(bline.unit, units)}; it is left out of the budget",
                    bline.date,
                )
            )
            continue
        if amount_currency != currency:
            excluded.append(
                ExcludedCost(
                    ExclusionReason.CURRENCY_MISMATCH,
                    (*path, "amount"),
                    spender,
                    bline.category,
                    bline.id,
                    bline.amount,
                    amount_currency,
                    f"line `{bline.id}` is {bline.amount} but the budget is in {currency}; "
                    f"it is left out (amounts are not converted: give it in {currency})",
                    bline.date,
                )
            )
            continue
        months: Iterable[int] = every_month
        if bline.date is not None:
            month = _fiscal_month(budget.fiscal_year, budget.start_month, bline.date)
            if month is None:
                first = datetime.date(budget.fiscal_year, budget.start_month, 1)
                last = _last_day(budget.fiscal_year, budget.start_month)
                excluded.append(
                    ExcludedCost(
                        ExclusionReason.OUTSIDE_FISCAL_YEAR,
                        (*path, "date"),
                        spender,
                        bline.category,
                        bline.id,
                        bline.amount,
                        amount_currency,
                        f"line `{bline.id}` is dated {bline.date}, outside fiscal year "
                        f"{budget.fiscal_year} ({first} to {last}); it is left out of the "
                        "budget: date it inside the year or put it in another year's plan",
                        bline.date,
                    )
                )
                continue
            months = (month,)
        elif bline.months is not None:
            months = sorted(set(bline.months))
        function = bline.function or (
            home.functions[0] if home is not None and home.functions else NO_FUNCTION
        )
        category = _CATEGORY_INDEX[bline.category.value]
        cell = (unit_index[spender], function, category)
        if bline.per is LinePeriod.YEAR:
            spent = list(months)
            parts = allocate(bline.amount.amount, currency, len(spent))
            for m, part in zip(spent, parts, strict=True):
                book(cell, (m,), _to_minor(part, digits))
        else:
            book(cell, months, _to_minor(bline.amount.amount, digits))

    functions = _ordered_functions({k[1] for k in by_label}, department)
    fi = {f: i for i, f in enumerate(functions)}
    series = {(u, fi[f], c): vec for (u, f, c), vec in by_label.items()}
    return BudgetPlan(
        department,
        currency=currency,
        fiscal_year=budget.fiscal_year,
        start_month=budget.start_month,
        excluded=tuple(excluded),
        changes=(),
        table=_Table.build(units, functions, series),
        staffing={k: (v,) * MONTHS for k, v in staffing.items()},
    )


# -- actual spend -----------------------------------------------------------------------------

_ACTUALS_REQUIRED = ("date", "unit", "category", "amount")
_ACTUALS_COLUMNS = (*_ACTUALS_REQUIRED, "currency")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PLAIN_DECIMAL = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?\Z")
_MAX_AMOUNT_TEXT = 40
"""The longest amount cell (checked before it becomes a number), as for money in documents."""
_MAX_SHOWN = 40
"""Characters of a cell a problem quotes (a CSV field may hold 128 KiB)."""


def _cell(text: str) -> str:
    """A cell as a problem quotes it: at most :data:`_MAX_SHOWN` characters."""
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def _hint(word: str, candidates: Iterable[str]) -> str:
    """:func:`did_you_mean` for a cell no longer than any name (comparing a 128 KiB cell with
    every name is slow, and such a cell is no typo of a name)."""
    return did_you_mean(word, candidates) if len(word) <= _MAX_SHOWN else ""


_GROUPED = re.compile(r"^[-+]?[0-9]{1,3}([,.][0-9]{3})+([.,][0-9]+)?\Z")


@dataclass(frozen=True, slots=True)
class ActualsProblem:
    """A line of an actuals CSV that was skipped (or a header column that was ignored)."""

    line: int
    """1-based line number in the CSV (the header is line 1)."""
    column: str | None
    """The column at fault, when there is one."""
    message: str
    """What is wrong and how to fix it (one line: any control character or line break a cell
    held is escaped, :func:`~cskh_org.terminal.printable`)."""

    def __post_init__(self) -> None:
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ActualEntry:
    """One row of actual spend: a unit spent ``amount`` in a category on a date."""

    line: int
    date: datetime.date
    month: int
    """The fiscal month the date falls in."""
    unit: str
    category: CostCategory
    amount: Decimal


@dataclass(frozen=True, slots=True)
class ActualsResult:
    """What reading an actuals CSV gave: the good rows and, by line, the rows skipped."""

    currency: str
    fiscal_year: int
    start_month: int
    entries: tuple[ActualEntry, ...]
    problems: tuple[ActualsProblem, ...]

    @property
    def ok(self) -> bool:
        """True when every row was read."""
        return not self.problems

    @property
    def total(self) -> Decimal:
        """The sum of the rows read."""
        return sum((e.amount for e in self.entries), Decimal(0))


def _csv_lines(lines: Iterable[str | bytes], problems: list[ActualsProblem]) -> Iterator[str]:
    """The text of each line for :mod:`csv`; a line of bytes is decoded as UTF-8 on its own,
    and one that is too long or not UTF-8 is reported in ``problems`` and read as a blank
    line (skipped, and counted, so the numbers of the lines after it hold)."""
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            content = raw.removesuffix(b"\n")
            end = "\n" if len(content) < len(raw) else ""
            if len(content.removesuffix(b"\r")) > MAX_ACTUALS_LINE_BYTES:
                problems.append(ActualsProblem(number, None, _TOO_LONG))
                yield end
                continue
            try:
                text = content.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    ActualsProblem(
                        number,
                        None,
                        f"not UTF-8 (byte {exc.start + 1} of the line); save the file as UTF-8",
                    )
                )
                yield end
                continue
            line = text + end
        else:
            line = raw.removeprefix("\ufeff") if number == 1 else raw  # a spreadsheet's BOM
        if len(line.rstrip("\r\n")) > MAX_ACTUALS_LINE:
            problems.append(ActualsProblem(number, None, _TOO_LONG))
            yield "\n" if line.endswith("\n") else ""
            continue
        yield line


_TOO_LONG = (
    f"the line is longer than {MAX_ACTUALS_LINE:,} characters; a row of actual spend is "
    "`date,unit,category,amount`"
)


def read_actuals(lines: Iterable[str] | Iterable[bytes], plan: BudgetPlan) -> ActualsResult:
    """Read actual spend from CSV lines: a text file the caller opened (with ``newline=""``,
    as :mod:`csv` asks), ``text.splitlines()``, or lines of bytes as
    :func:`cskh_org.files.input_lines` reads them (each decoded as UTF-8 on its own).

    The header names the columns ``date,unit,category,amount`` in any order, and optionally
    ``currency``. Each row is one date (``YYYY-MM-DD``, inside the plan's fiscal year), unit
    (an id of the plan's department), category (``staff``, ``tools``…) and amount (a plain
    decimal such as ``1500000`` or ``-20.50``, with no more decimals than the currency allows,
    in the plan's currency; a ``currency`` cell, when given, must be the plan's). A date, unit
    and category appear on one row only. Every bad row is skipped and reported, by line, in
    :attr:`ActualsResult.problems`, with every problem it has; blank lines are ignored, and
    so are lines longer than :data:`MAX_ACTUALS_LINE` or not UTF-8, each reported.
    """
    problems: list[ActualsProblem] = []
    entries: list[ActualEntry] = []
    result_args = (plan.currency, plan.fiscal_year, plan.start_month)
    reader = csv.reader(_csv_lines(lines, problems))
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        problems.append(
            ActualsProblem(1, None, "the file is empty; start it with `date,unit,category,amount`")
        )
        return ActualsResult(*result_args, (), tuple(problems))
    except csv.Error as exc:
        problems.append(ActualsProblem(reader.line_num, None, f"not valid CSV: {exc}"))
        return ActualsResult(*result_args, (), tuple(problems))
    header_line = reader.line_num
    names = [cell.strip().lower() for cell in header]
    columns: dict[str, int] = {}
    twice = False
    for position, name in enumerate(names):
        if name in columns:
            twice = True
            problems.append(
                ActualsProblem(
                    header_line, _cell(name), f"column `{_cell(name)}` appears twice in the header"
                )
            )
        elif name in _ACTUALS_COLUMNS:
            columns[name] = position
        else:
            problems.append(
                ActualsProblem(
                    header_line,
                    _cell(name),
                    f"unknown column `{_cell(name)}`{_hint(name, _ACTUALS_COLUMNS)} (ignored); "
                    f"the columns are {', '.join(_ACTUALS_COLUMNS)}",
                )
            )
    missing = [c for c in _ACTUALS_REQUIRED if c not in columns]
    if missing:
        problems.append(
            ActualsProblem(
                header_line,
                None,
                f"the header lacks {', '.join(f'`{c}`' for c in missing)}; "
                "start the file with `date,unit,category,amount`",
            )
        )
    if missing or twice:
        return ActualsResult(*result_args, (), tuple(problems))

    units = {*plan.units, DEPARTMENT_WIDE}
    digits = plan.digits
    seen: dict[tuple[datetime.date, str, str], int] = {}
    last_line = header_line
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ActualsProblem(last_line + 1, None, f"not valid CSV: {exc}"))
            break
        line, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                ActualsProblem(
                    line,
                    None,
                    f"the row has {len(row)} fields, the header {len(header)}; "
                    "quote a field that contains a comma",
                )
            )
            continue
        found = _read_actual_row(row, columns, line, plan, units=units, digits=digits)
        if isinstance(found, list):
            problems.extend(found)
            continue
        key = (found.date, found.unit, found.category.value)
        if key in seen:
            problems.append(
                ActualsProblem(
                    line,
                    None,
                    f"{found.date}, {found.unit}, {found.category.value} is already on line "
                    f"{seen[key]}; give one row per date, unit and category (add the amounts)",
                )
            )
            continue
        seen[key] = line
        entries.append(found)
    return ActualsResult(*result_args, tuple(entries), tuple(problems))


def _read_actual_row(
    row: Sequence[str],
    columns: Mapping[str, int],
    line: int,
    plan: BudgetPlan,
    *,
    units: set[str],
    digits: int,
) -> ActualEntry | list[ActualsProblem]:
    problems: list[ActualsProblem] = []

    def bad(column: str, message: str) -> None:
        problems.append(ActualsProblem(line, column, message))

    raw_date = row[columns["date"]].strip()
    day: datetime.date | None = None
    month: int | None = None
    try:
        if not _DATE.match(raw_date):
            raise ValueError(raw_date)
        day = datetime.date.fromisoformat(raw_date)
    except ValueError:
        bad("date", f"`{_cell(raw_date)}` is not a date; write it as YYYY-MM-DD (2027-02-05)")
    if day is not None:
        month = plan.fiscal_month(day)
        if month is None:
            bad(
                "date",
                f"{day} is outside fiscal year {plan.fiscal_year} "
                f"({plan.first_day} to {plan.last_day})",
            )

    unit = row[columns["unit"]].strip()
    if not unit:
        bad(
            "unit",
            f"no unit; give the unit that spent it, or `{DEPARTMENT_WIDE}` for spend of the "
            "department as a whole",
        )
    elif unit not in units:
        bad("unit", f"`{_cell(unit)}` is not a unit of the department{_hint(unit, plan.units)}")

    raw_category = row[columns["category"]].strip()
    category = CostCategory(raw_category) if raw_category in _CATEGORY_INDEX else None
    if category is None:
        names = [c.value for c in CATEGORIES]
        bad(
            "category",
            f"`{_cell(raw_category)}` is not a cost category{_hint(raw_category, names)}; "
            f"the categories are {', '.join(names)}",
        )

    if "currency" in columns:
        given = row[columns["currency"]].strip()
        if given and given != plan.currency:
            bad(
                "currency",
                f"the amount is in `{_cell(given)}`, the plan in {plan.currency}; amounts are not "
                f"converted: give it in {plan.currency}",
            )

    raw_amount = row[columns["amount"]].strip()
    amount: Decimal | None = None
    too_large = False
    if len(raw_amount) > _MAX_AMOUNT_TEXT:  # before Decimal(): a 5,000-digit amount is a typo
        too_large = True
        bad(
            "amount",
            f"`{_cell(raw_amount)}` is longer than an amount can be ({_MAX_AMOUNT_TEXT} "
            "characters); check it",
        )
    elif _PLAIN_DECIMAL.match(raw_amount):
        try:
            amount = Decimal(raw_amount)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            amount = None
        if amount is not None and amount.copy_abs() >= MAX_AMOUNT:
            amount, too_large = None, True
            bad(
                "amount",
                f"`{raw_amount}` is more than an amount can be (below 10^15, a million "
                "billion); check the number of digits",
            )
    if amount is None and not too_large:
        hint = ""
        if _GROUPED.match(raw_amount):
            hint = ": write it without thousands separators, with `.` for decimals"
        bad("amount", f"`{_cell(raw_amount)}` is not an amount{hint} (e.g. 1500000 or 20.50)")
    elif amount is not None:
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            allowed = "no decimals" if digits == 0 else f"at most {digits} decimals"
            bad(
                "amount",
                f"`{raw_amount}` has more decimals than {plan.currency} allows ({allowed})",
            )
    if problems or day is None or month is None or category is None or amount is None:
        return problems
    return ActualEntry(line, day, month, unit, category, amount)


# -- variance ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VarianceRow:
    """Planned and actual spend of one group, and how far apart they are."""

    planned: Decimal
    actual: Decimal
    difference: Decimal
    """``actual - planned``: positive is overspending."""
    percent: Decimal | None
    """``difference / planned`` in percent, rounded half up to one decimal; ``None`` when
    nothing was planned."""


def _variance_row(planned: Decimal, actual: Decimal) -> VarianceRow:
    difference = actual - planned
    percent = None
    if planned:
        ratio = _CTX.divide(_CTX.multiply(difference, Decimal(100)), planned)
        percent = ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP, context=_CTX)
    return VarianceRow(planned, actual, difference, percent)


@dataclass(frozen=True)
class Variance:
    """Planned against actual spend, grouped by zero, one or two dimensions.

    ``rows`` holds every group with a planned cell or an actual row, in the order of a
    roll-up; each row's planned and actual amounts sum exactly to ``total``'s.
    """

    by: tuple[str, ...]
    currency: str
    rows: Mapping[Keys, VarianceRow]
    total: VarianceRow
    periods: tuple[str, ...] = field(default=())

    def to_rows(self) -> list[dict[str, Any]]:
        """One dict per row: each dimension's key, ``planned``, ``actual``, ``difference``
        and ``percent`` (``Decimal`` or ``None``)."""
        return [
            {
                **dict(zip(self.by, keys, strict=True)),
                "planned": row.planned,
                "actual": row.actual,
                "difference": row.difference,
                "percent": row.percent,
            }
            for keys, row in self.rows.items()
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: amounts as strings, ``percent`` a string or ``None``."""

        def figures(row: VarianceRow) -> dict[str, str | None]:
            return {
                "planned": str(row.planned),
                "actual": str(row.actual),
                "difference": str(row.difference),
                "percent": None if row.percent is None else str(row.percent),
            }

        return {
            "by": list(self.by),
            "currency": self.currency,
            "rows": [
                {**row_keys(self.by, keys, self.periods), **figures(row)}
                for keys, row in self.rows.items()
            ],
            "total": figures(self.total),
        }


def variance(plan: BudgetPlan, actuals: ActualsResult, by: Sequence[str] = ()) -> Variance:
    """Planned against actual spend by zero, one or two of ``unit``, ``category``, ``month``.

    Actual rows carry no function, so ``function`` is refused. ``actuals`` must have been read
    against a plan of the same currency and fiscal year.
    """
    dims = _check_by(by, ("unit", "category", "month"))
    if (actuals.currency, actuals.fiscal_year, actuals.start_month) != (
        plan.currency,
        plan.fiscal_year,
        plan.start_month,
    ):
        raise UsageError(
            f"the actuals were read for a {actuals.currency} plan of fiscal year "
            f"{actuals.fiscal_year}, not this {plan.currency} plan of {plan.fiscal_year}"
        )
    digits = plan.digits
    unit_index = {u: i for i, u in enumerate(plan._table.units)}
    # Actual rows as series with one placeholder function (never grouped by).
    series: dict[SeriesKey, list[int]] = {}
    for entry in actuals.entries:
        if entry.unit not in unit_index:
            raise UsageError(f"the actuals name unit `{entry.unit}`, which the plan lacks")
        key = (unit_index[entry.unit], 0, _CATEGORY_INDEX[entry.category.value])
        vec = series.setdefault(key, [0] * MONTHS)
        vec[entry.month - 1] += _to_minor(entry.amount, digits)
    actual_table = _Table.build(plan._table.units, (NO_FUNCTION,), series)
    planned = dict(plan._table.group(dims))
    actual = dict(actual_table.group(dims))
    rows: dict[Keys, VarianceRow] = {}
    labels = [plan._table.labels(d) for d in dims]
    for indexes in sorted(planned.keys() | actual.keys()):
        keys = tuple(labels[n][i] for n, i in enumerate(indexes))
        rows[keys] = _variance_row(
            _to_decimal(planned.get(indexes, 0), digits),
            _to_decimal(actual.get(indexes, 0), digits),
        )
    return Variance(
        by=dims,
        currency=plan.currency,
        rows=MappingProxyType(rows),
        total=_variance_row(
            _to_decimal(plan._table.total(), digits), _to_decimal(actual_table.total(), digits)
        ),
        periods=plan.periods,
    )
