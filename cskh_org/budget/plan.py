"""The costed plan: :func:`plan` expands a department's ``budget`` section into cells; what-ifs
(:class:`StructureChange`) and diffs of plans."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import TYPE_CHECKING

from cskh_org.errors import UsageError
from cskh_org.findings import NOTHING
from cskh_org.findings import did_you_mean as hint_for
from cskh_org.hints import did_you_mean
from cskh_org.model.budget import CostCategory, LinePeriod
from cskh_org.model.org import BUILTIN_FUNCTIONS
from cskh_org.money import Money, minor_unit

if TYPE_CHECKING:
    from cskh_org.model.department import Department
from cskh_org.budget.cells import (
    _CATEGORY_INDEX,
    CATEGORIES,
    DEPARTMENT_WIDE,
    MONTHS,
    NO_FUNCTION,
    Cell,
    ExcludedCost,
    ExclusionReason,
    Rollup,
    SeriesKey,
    _check_by,
    _fiscal_month,
    _last_day,
    _make_rollup,
    _split,
    _Table,
    _to_decimal,
    _to_minor,
)

__all__ = [
    "BudgetPlan",
    "StructureChange",
    "plan",
]

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
                raise UsageError.of("error.budget.change.fte-number", fte=repr(self.fte)) from None
        if isinstance(self.delta, bool) or not isinstance(self.delta, int) or self.delta == 0:
            raise UsageError.of("error.budget.change.delta", delta=repr(self.delta))
        if not isinstance(self.fte, Decimal) or not Decimal(0) < self.fte <= 1:
            raise UsageError.of("error.budget.change.fte", fte=str(self.fte))
        if not 1 <= self.from_month <= self.until_month <= MONTHS:
            raise UsageError.of(
                "error.budget.change.months", first=self.from_month, last=self.until_month
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
            raise UsageError.of(
                "error.budget.change.unit",
                unit=change.unit,
                hint=hint_for(change.unit, self.units) or NOTHING,
            )
        role = dept.roles_by_id.get(change.role)
        if role is None:
            raise UsageError.of(
                "error.budget.change.role",
                role=change.role,
                hint=hint_for(change.role, dept.roles_by_id) or NOTHING,
            )
        cost_currency = role.monthly_cost.currency or dept.currency
        if cost_currency != self.currency:
            raise UsageError.of(
                "error.budget.change.currency",
                role=role.id,
                cost=str(role.monthly_cost),
                currency=cost_currency,
                plan=self.currency,
            )
        months = range(change.from_month, change.until_month + 1)
        heads = change.fte * change.delta
        before = self.staffing(change.unit, change.role)
        after = list(before)
        for m in months:
            after[m - 1] = before[m - 1] + heads
            if after[m - 1] < 0:
                raise UsageError.of(
                    "error.budget.change.remove",
                    change=str(change),
                    unit=change.unit,
                    before=str(before[m - 1]),
                    role=change.role,
                    month=m,
                    period=str(self.period(m)),
                    heads=str(-heads),
                )
        monthly = _to_minor(role.monthly_cost.amount * heads, self._digits)
        functions = _unit_functions(unit.functions)
        shares = _split(monthly, len(functions))
        series = self._table.series()
        staff = _CATEGORY_INDEX[CostCategory.STAFF]
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
            raise UsageError.of(
                "error.budget.compare-currency", mine=self.currency, theirs=other.currency
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
        raise UsageError.of("error.budget.no-section", department=department.id)
    currency = budget.currency or department.currency
    digits = minor_unit(currency)
    units = (*(u.id for u in department.units), DEPARTMENT_WIDE)
    unit_index = {u: i for i, u in enumerate(units)}
    excluded: list[ExcludedCost] = []
    # (unit index, function id, category index) → 12 monthly amounts in minor units
    by_label: dict[tuple[int, str, int], list[int]] = {}
    staffing: dict[tuple[str, str], Decimal] = {}
    staff = _CATEGORY_INDEX[CostCategory.STAFF.value]

    # what is booked in every month, summed as one figure per key and spread at the end
    flat: dict[tuple[int, str, int], int] = {}

    splits: dict[tuple[int, int], list[int]] = {}

    def split(minor: int, parts: int) -> list[int]:
        found = splits.get((minor, parts))
        if found is None:
            found = splits[minor, parts] = _split(minor, parts)
        return found

    minors: dict[Decimal, int] = {}

    def to_minor(amount: Decimal) -> int:
        found = minors.get(amount)
        if found is None:
            found = minors[amount] = _to_minor(amount, digits)
        return found

    def money_currency(money: Money) -> str:
        return money.currency or department.currency

    every_month = range(1, MONTHS + 1)
    # plain dicts, read once per line (a FrozenMap's get is a Python call)
    roles = dict(department.roles_by_id)
    homes = dict(department.units_by_id)
    role_currency = {r: money_currency(role.monthly_cost) for r, role in roles.items()}
    # (role, headcount, FTE, functions) → each function's share of the line's monthly cost in
    # minor units: 50,000 lines share a few hundred of them
    priced: dict[tuple[str, int, Decimal, int], list[int]] = {}
    zero = Decimal(0)
    for ui, unit in enumerate(department.units):
        if not unit.staff:
            continue
        functions = _unit_functions(unit.functions)
        cells = [(ui, function, staff) for function in functions]
        for si, line in enumerate(unit.staff):
            role = roles.get(line.role)
            if role is None:
                excluded.append(
                    ExcludedCost(
                        ExclusionReason.UNKNOWN_ROLE,
                        ("units", ui, "staff", si, "role"),
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
            cost_currency = role_currency[role.id]
            if cost_currency != currency:
                excluded.append(
                    ExcludedCost(
                        ExclusionReason.CURRENCY_MISMATCH,
                        ("units", ui, "staff", si, "role"),
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
            headcount, fte = line.headcount, line.fte
            key = (unit.id, role.id)
            staffing[key] = staffing.get(key, zero) + fte * headcount
            price = (role.id, headcount, fte, len(cells))
            shares = priced.get(price)
            if shares is None:
                monthly = _to_minor(line.monthly_cost(role), digits)
                shares = priced[price] = split(monthly, len(cells))
            for cell, share in zip(cells, shares, strict=True):
                flat[cell] = flat.get(cell, 0) + share

    months_of: dict[tuple[int, ...], list[int]] = {}  # a line's months, sorted, once each
    for li, bline in enumerate(budget.lines):
        amount = bline.amount
        amount_currency = amount.currency or currency  # plain: the plan's currency
        unit_id = bline.unit
        home = homes.get(unit_id) if unit_id is not None else None
        spender = DEPARTMENT_WIDE if unit_id is None else unit_id
        if unit_id is not None and (home is None or unit_id not in unit_index):
            excluded.append(
                ExcludedCost(
                    ExclusionReason.UNKNOWN_UNIT,
                    ("budget", "lines", li, "unit"),
                    unit_id,
                    bline.category,
                    bline.id,
                    amount,
                    amount_currency,
                    f"line `{bline.id}` is for unit `{unit_id}`, which is not a unit"
                    f"{did_you_mean(unit_id, units)}; it is left out of the budget",
                    bline.date,
                )
            )
            continue
        if amount_currency != currency:
            excluded.append(
                ExcludedCost(
                    ExclusionReason.CURRENCY_MISMATCH,
                    ("budget", "lines", li, "amount"),
                    spender,
                    bline.category,
                    bline.id,
                    amount,
                    amount_currency,
                    f"line `{bline.id}` is {amount} but the budget is in {currency}; "
                    f"it is left out (amounts are not converted: give it in {currency})",
                    bline.date,
                )
            )
            continue
        function = bline.function or (
            home.functions[0] if home is not None and home.functions else NO_FUNCTION
        )
        cell = (unit_index[spender], function, _CATEGORY_INDEX[bline.category])
        months: Sequence[int] = every_month
        if bline.date is not None:
            month = _fiscal_month(budget.fiscal_year, budget.start_month, bline.date)
            if month is None:
                first = datetime.date(budget.fiscal_year, budget.start_month, 1)
                last = _last_day(budget.fiscal_year, budget.start_month)
                excluded.append(
                    ExcludedCost(
                        ExclusionReason.OUTSIDE_FISCAL_YEAR,
                        ("budget", "lines", li, "date"),
                        spender,
                        bline.category,
                        bline.id,
                        amount,
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
            found = months_of.get(bline.months)
            if found is None:
                found = months_of[bline.months] = sorted(set(bline.months))
            months = found
        minor = to_minor(amount.amount)
        if months is every_month and bline.per is not LinePeriod.YEAR:
            flat[cell] = flat.get(cell, 0) + minor  # booked in every month: spread at the end
            continue
        vec = by_label.get(cell)
        if vec is None:
            vec = by_label[cell] = [0] * MONTHS
        if bline.per is LinePeriod.YEAR:
            # money.allocate's shares, in minor units: rounded once, then split exactly
            for m, part in zip(months, split(minor, len(months)), strict=True):
                vec[m - 1] += part
        else:
            for m in months:
                vec[m - 1] += minor

    for cell, minor in flat.items():
        vec = by_label.get(cell)
        if vec is None:
            by_label[cell] = [minor] * MONTHS
        else:
            vec[:] = [v + minor for v in vec]
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
