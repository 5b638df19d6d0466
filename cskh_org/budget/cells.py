"""The plan's storage: cost cells as monthly series, and roll-ups of them."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import reduce
from itertools import repeat
from operator import add, or_
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from cskh_org.errors import UsageError
from cskh_org.findings import NOTHING
from cskh_org.findings import did_you_mean as hint_for
from cskh_org.model.budget import CostCategory
from cskh_org.money import Money

if TYPE_CHECKING:
    pass

__all__ = [
    "CATEGORIES",
    "DEPARTMENT_WIDE",
    "DIMENSIONS",
    "MONTHS",
    "NO_FUNCTION",
    "Cell",
    "ExcludedCost",
    "ExclusionReason",
    "Key",
    "Keys",
    "Rollup",
    "row_keys",
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


def _mask(vec: Sequence[int]) -> int:
    """Bit ``m - 1`` set for each month ``m`` with a non-zero amount."""
    return sum(1 << i for i, amount in enumerate(vec) if amount)


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
            s_mask=tuple(_ALL_MONTHS if all(vec) else _mask(vec) for vec in vecs),
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
            raise UsageError.of(
                "error.budget.by.unknown",
                dim=dim,
                hint=hint_for(dim, allowed) or NOTHING,
                allowed=", ".join(allowed),
            )
    if len(set(dims)) != len(dims):
        raise UsageError.of("error.budget.by.twice", dims=" × ".join(dims))
    if len(dims) > 2:
        raise UsageError.of("error.budget.by.many", n=len(dims), dims=", ".join(dims))
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
