"""Planned against actual spend, grouped as a roll-up is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from cskh_org.errors import UsageError

if TYPE_CHECKING:
    pass
from cskh_org.budget.actuals import (
    ActualsResult,
)
from cskh_org.budget.cells import (
    _CATEGORY_INDEX,
    _CTX,
    MONTHS,
    NO_FUNCTION,
    Keys,
    SeriesKey,
    _check_by,
    _Table,
    _to_decimal,
    _to_minor,
    row_keys,
)
from cskh_org.budget.plan import (
    BudgetPlan,
)

__all__ = [
    "Variance",
    "VarianceRow",
    "variance",
]

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
        raise UsageError.of(
            "error.budget.actuals-plan",
            currency=actuals.currency,
            year=actuals.fiscal_year,
            plan_currency=plan.currency,
            plan_year=plan.fiscal_year,
        )
    digits = plan.digits
    unit_index = {u: i for i, u in enumerate(plan._table.units)}
    # Actual rows as series with one placeholder function (never grouped by).
    series: dict[SeriesKey, list[int]] = {}
    for entry in actuals.entries:
        if entry.unit not in unit_index:
            raise UsageError.of("error.budget.actuals-unit", unit=entry.unit)
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
