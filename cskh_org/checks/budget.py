"""Checks of the care budget plan: caps, money, dates and the approval chain.

Costs are summed for the whole fiscal year, in the plan's currency (``budget.currency``,
default the department's; a plain number in the budget is in the plan's currency): staff cost
is derived from the units' staff lines (headcount × FTE × the role's monthly cost, rounded
half up to the currency's minor unit once per line and month, × 12 months), a monthly line
counts once per month it is spent in (every month by default, a month listed twice once), a
``per: year`` line and a dated line once. These are the cells of :func:`cskh_org.budget.plan`,
so a cap is compared with the figure its roll-up shows. A unit's cap covers the unit's own
staff and lines (not its sub-units'); the ``staff`` category cap covers the derived staff
cost. Amounts in another currency than the plan's, dated lines outside the fiscal year and
lines of unknown units are reported (by these checks or the references check) and left out of
the sums.

Nothing is checked without a ``budget`` section; units, roles and parties the references
check reports as unknown are skipped.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cskh_org.checks import Issue, check
from cskh_org.findings import NOTHING, Said, Severity, both, concat, joined
from cskh_org.graph import superiors
from cskh_org.model import Department
from cskh_org.model.budget import (
    ApprovalChain,
    Budget,
    BudgetLine,
    CostCategory,
    LinePeriod,
    Party,
)
from cskh_org.money import CONTEXT, Money, exact_product, exact_sum, minor_unit, quantize

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

Path = tuple[str | int, ...]

_BUDGET: Path = ("budget",)
_MONTHS = 12


def _currency(dept: Department, budget: Budget) -> str:
    return budget.currency or dept.currency


def _money(amount: Decimal, currency: str) -> str:
    """An amount as the document accepts it back: ``2_520_000_000 VND``."""
    return f"{format(quantize(amount, currency), ',f').replace(',', '_')} {currency}"


def _fiscal_year(budget: Budget) -> tuple[datetime.date, datetime.date]:
    """The first day of the fiscal year and the first day after it."""
    start = datetime.date(budget.fiscal_year, budget.start_month, 1)
    return start, datetime.date(budget.fiscal_year + 1, budget.start_month, 1)


def _year_label(budget: Budget) -> Said:
    if budget.start_month == 1:
        return both("budget.year", year=budget.fiscal_year)
    start, end = _fiscal_year(budget)
    last = end - datetime.timedelta(days=1)
    return both(
        "budget.year-span", year=budget.fiscal_year, start=f"{start:%Y-%m}", last=f"{last:%Y-%m}"
    )


def _rounder(currency: str) -> Callable[[Decimal], Decimal]:
    """:func:`~cskh_org.money.quantize` to ``currency``, its quantum worked out once."""
    quantum = Decimal(1).scaleb(-minor_unit(currency), context=CONTEXT)

    def rounded(amount: Decimal) -> Decimal:
        return amount.quantize(quantum, rounding=ROUND_HALF_UP, context=CONTEXT)

    return rounded


def _line_year(line: BudgetLine, currency: str) -> Decimal:
    """The line's amount for the whole fiscal year (each month's amount rounded once; a
    ``per: year`` line's amount as written, which its months add up to exactly)."""
    return _year_of(line, _rounder(currency))


def _year_of(line: BudgetLine, rounded: Callable[[Decimal], Decimal]) -> Decimal:
    """:func:`_line_year`, with the currency's rounding given."""
    amount = rounded(line.amount.amount)
    if line.date is not None or line.per is LinePeriod.YEAR:
        return amount
    months = len(set(line.months)) if line.months is not None else _MONTHS
    return CONTEXT.multiply(amount, months)


def _within_minor_unit(amount: Decimal, digits: int) -> bool:
    """True if ``amount`` has no more decimals than ``digits`` (what
    :meth:`Money.check_minor_unit` says of it in a currency of that minor unit)."""
    exponent = amount.normalize().as_tuple().exponent
    return not isinstance(exponent, int) or -exponent <= digits


def _plain(money: Money, digits: int) -> bool:
    """:func:`_within_minor_unit` of the amount, at once when it is written with no more
    decimals than ``digits`` (normalizing only drops trailing zeros)."""
    exponent = money.amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent <= digits:
        return True
    return _within_minor_unit(money.amount, digits)


def _in_plan_currency(money: Money, currency: str) -> bool:
    return money.currency is None or money.currency == currency


def staff_costs(dept: Department, currency: str | None = None) -> dict[str, Decimal]:
    """Each unit's staff cost for the year in ``currency`` (default the plan's): for each
    staff line, headcount × FTE × the role's monthly cost rounded to the currency's minor
    unit, × 12. Roles costed in another currency, and unknown roles, are left out."""
    budget = dept.budget
    if currency is None:
        currency = _currency(dept, budget) if budget is not None else dept.currency
    roles = dept.roles_by_id
    rounded = _rounder(currency)
    yearly: dict[tuple[str, object, object], Decimal | None] = {}
    """A line's yearly cost by (role, headcount, FTE): lines repeat a few of them (exact sums:
    summing them at once gives what adding them one by one did)."""
    costs: dict[str, Decimal] = {}
    for unit in dept.units:
        parts: list[Decimal] = []
        for line in unit.staff:
            key = (line.role, line.headcount, line.fte)
            if key in yearly:
                cost = yearly[key]
            else:
                role = roles.get(line.role)
                if role is None or (role.monthly_cost.currency or dept.currency) != currency:
                    cost = None
                else:
                    cost = exact_product(rounded(line.monthly_cost(role)), _MONTHS)
                yearly[key] = cost
            if cost is not None:
                parts.append(cost)
        costs[unit.id] = exact_sum((costs.get(unit.id, Decimal(0)), exact_sum(parts)))
    return costs


@dataclass(frozen=True, slots=True)
class CapFigures:
    """The figures a budget's caps are compared with, for the fiscal year, in the plan's
    currency (exact; each shown rounded to its minor unit): what its roll-ups show."""

    currency: str
    staff: Mapping[str, Decimal]
    """Each unit's derived staff cost (:func:`staff_costs`)."""
    lines_by_unit: Mapping[str, Decimal]
    """Each unit's own budget lines."""
    by_category: Mapping[CostCategory, Decimal]
    """Each category, staff included."""

    @property
    def total(self) -> Decimal:
        """The whole plan: every category."""
        return exact_sum(self.by_category.values())


def cap_figures(dept: Department) -> CapFigures | None:
    """The figures of ``dept``'s budget that its caps are checked against (``None``: no
    budget). Lines in another currency, of an unknown unit, or dated outside the fiscal year
    are left out, as the plan leaves them out of its totals."""
    budget = dept.budget
    if budget is None:
        return None
    currency = _currency(dept, budget)
    staff = staff_costs(dept, currency)
    start, end = _fiscal_year(budget)
    rounded = _rounder(currency)
    known = dept.units_by_id.keys()  # (a view of the dict: a C lookup per line)
    unit_parts: dict[str, list[Decimal]] = defaultdict(list)
    category_parts: dict[CostCategory, list[Decimal]] = defaultdict(list)
    years: dict[tuple[Decimal, bool, LinePeriod, tuple[int, ...] | None, bool], Decimal] = {}
    """A line's amount for the year by what it depends on (the amount's value and sign, as
    rounding sets the exponent): 50,000 lines share a few thousand."""
    for line in budget.lines:
        money = line.amount
        if (
            (money.currency is not None and money.currency != currency)  # currency-mismatch
            or (line.unit is not None and line.unit not in known)  # unknown-unit
            or (line.date is not None and not start <= line.date < end)  # date outside year
        ):
            continue
        key = (money.amount, money.amount.is_signed(), line.per, line.months, line.date is None)
        amount = years.get(key)
        if amount is None:
            amount = years[key] = _year_of(line, rounded)
        if line.unit is not None:  # a line of the whole department is under no unit's cap
            unit_parts[line.unit].append(amount)
        category_parts[line.category].append(amount)
    # exact sums: summing each list at once gives what adding the lines one by one did
    lines_by_unit: dict[str, Decimal] = defaultdict(Decimal)
    lines_by_unit.update((unit, exact_sum(parts)) for unit, parts in unit_parts.items())
    by_category: dict[CostCategory, Decimal] = defaultdict(Decimal)
    by_category[CostCategory.STAFF] = exact_sum(staff.values())
    for category, parts in category_parts.items():
        by_category[category] = exact_sum((by_category[category], exact_sum(parts)))
    return CapFigures(currency, staff, lines_by_unit, by_category)


@check(
    "budget-caps",
    "The plan stays under its caps for the fiscal year: each unit's derived staff cost and its "
    "total (own staff and lines), each category (staff included), and the whole plan.",
    budget_staff_over_cap=E,
    budget_unit_over_cap=E,
    budget_category_over_cap=E,
    budget_total_over_cap=E,
)
def budget_caps(dept: Department) -> Iterator[Issue]:
    budget = dept.budget
    if budget is None:
        return
    caps = budget.caps
    if caps.total is None and not caps.units and not caps.categories:
        return  # no cap to pass: the plan's figures are not needed (50,000 lines: 0.15 s)
    figures = cap_figures(dept)
    assert figures is not None
    currency, year, staff = figures.currency, _year_label(budget), figures.staff
    lines_by_unit, by_category = figures.lines_by_unit, figures.by_category
    units = dept.units_by_id
    for unit_id, cap in caps.units.items():
        if unit_id not in units or not _in_plan_currency(cap, currency):
            continue
        limit = cap.amount
        own_staff = quantize(staff.get(unit_id, Decimal(0)), currency)
        total = quantize(
            exact_sum((staff.get(unit_id, Decimal(0)), lines_by_unit[unit_id])), currency
        )
        where = ("budget", "caps", "units", unit_id)
        if own_staff > limit:
            fte = units[unit_id].fte.normalize()
            yield Issue.said(
                "budget-staff-over-cap",
                where,
                unit=unit_id,
                cost=_money(own_staff, currency),
                year=year,
                fte=f"{fte:f}",
                months=_MONTHS,
                cap=_money(limit, currency),
                over=_money(own_staff - limit, currency),
            )
        elif total > limit:
            lines = quantize(lines_by_unit[unit_id], currency)
            yield Issue.said(
                "budget-unit-over-cap",
                where,
                unit=unit_id,
                total=_money(total, currency),
                year=year,
                staff=_money(own_staff, currency),
                lines=_money(lines, currency),
                cap=_money(limit, currency),
                over=_money(total - limit, currency),
            )
    for category, cap in caps.categories.items():
        if not _in_plan_currency(cap, currency):
            continue
        total = quantize(by_category[category], currency)
        if total > cap.amount:
            yield Issue.said(
                "budget-category-over-cap",
                ("budget", "caps", "categories", category.value),
                "budget-category-over-cap."
                + ("staff" if category is CostCategory.STAFF else "lines"),
                category=category.value,
                total=_money(total, currency),
                year=year,
                cap=_money(cap.amount, currency),
                over=_money(total - cap.amount, currency),
            )
    if caps.total is not None and _in_plan_currency(caps.total, currency):
        total = quantize(exact_sum(by_category.values()), currency)
        if total > caps.total.amount:
            staff_total = quantize(by_category[CostCategory.STAFF], currency)
            yield Issue.said(
                "budget-total-over-cap",
                ("budget", "caps", "total"),
                total=_money(total, currency),
                year=year,
                staff=_money(staff_total, currency),
                lines=_money(total - staff_total, currency),
                cap=_money(caps.total.amount, currency),
                over=_money(total - caps.total.amount, currency),
            )


@check(
    "budget-amounts",
    "Every amount of the plan is in the plan's currency, with no more decimals than it allows; "
    "one-off lines fall in the fiscal year.",
    budget_precision=E,
    budget_currency_mismatch=E,
    budget_date_outside_year=E,
)
def budget_amounts(dept: Department) -> Iterator[Issue]:
    budget = dept.budget
    if budget is None:
        return
    currency = _currency(dept, budget)
    digits = minor_unit(currency)
    allowed = (
        both("budget.decimals.none") if digits == 0 else both("budget.decimals.some", digits=digits)
    )
    source = "`budget.currency`" if budget.currency else both("budget.source.department")
    # what each amount is, said only when it is reported: (key, fields) for `both`
    amounts: list[tuple[Path, tuple[str, dict[str, str]], Money]] = []
    spreadable: set[Path] = set()  # monthly lines: an annual sum can be written `per: year`
    plain: dict[Decimal, bool] = {}  # _plain of each amount's value: 50,000 lines, few amounts
    for i, line in enumerate(budget.lines):
        money = line.amount
        if money.currency is None or money.currency == currency:
            ok = plain.get(money.amount)
            if ok is None:
                ok = plain[money.amount] = _plain(money, digits)
            if ok:
                continue  # nothing to say: only the amounts reported are described
        amounts.append(
            (("budget", "lines", i, "amount"), ("budget.what.line", {"line": line.id}), money)
        )
        if line.date is None and line.per is LinePeriod.MONTH:
            spreadable.add(("budget", "lines", i, "amount"))
    caps = budget.caps
    if caps.total is not None:
        amounts.append((("budget", "caps", "total"), ("budget.what.total-cap", {}), caps.total))
    for unit_id, cap in caps.units.items():
        amounts.append(
            (("budget", "caps", "units", unit_id), ("budget.what.unit-cap", {"unit": unit_id}), cap)
        )
    for category, cap in caps.categories.items():
        where: Path = ("budget", "caps", "categories", category.value)
        amounts.append((where, ("budget.what.category-cap", {"category": category.value}), cap))
    for path, (key, fields), money in amounts:
        if _in_plan_currency(money, currency) and _within_minor_unit(money.amount, digits):
            continue
        what = both(key, **fields)
        if not _in_plan_currency(money, currency):
            yield Issue.said(
                "budget-currency-mismatch",
                path,
                "budget-currency-mismatch.amount",
                what=what,
                money_currency=money.currency,
                currency=currency,
                source=source,
            )
        else:
            yield Issue.said(
                "budget-precision",
                path,
                what=what,
                amount=f"{money.amount:f}",
                currency=currency,
                allowed=allowed,
                rounded=f"{quantize(money.amount, currency):f}",
                per_year=both("budget-precision.per-year") if path in spreadable else NOTHING,
            )
    used = {line.role for u in dept.units for line in u.staff}
    for i, role in enumerate(dept.roles):
        role_currency = role.monthly_cost.currency or dept.currency
        if role.id in used and role_currency != currency:
            yield Issue.said(
                "budget-currency-mismatch",
                ("roles", i, "monthly_cost"),
                "budget-currency-mismatch.role",
                role=role.id,
                cost=role.monthly_cost,
                role_currency=role_currency,
                currency=currency,
                source=source,
            )
    start, end = _fiscal_year(budget)
    last = end - datetime.timedelta(days=1)
    for i, line in enumerate(budget.lines):
        if line.date is not None and not start <= line.date < end:
            yield Issue.said(
                "budget-date-outside-year",
                ("budget", "lines", i, "date"),
                line=line.id,
                date=line.date,
                year=_year_label(budget),
                start=start,
                last=last,
            )


def _party_path(role: str) -> Path:
    return ("budget", "approval", role)


def _same(a: Party, b: Party) -> bool:
    return (a.unit, a.external) == (b.unit, b.external)


def _known(dept: Department, party: Party) -> bool:
    if party.unit is not None:
        return party.unit in dept.units_by_id
    return party.external in dept.externals_by_id


def _above(dept: Department, party: Party) -> list[Party]:
    """Who is above ``party`` in the reporting line, nearest first: a unit's parent, …, the
    top unit, the external the department reports to, that party's ``reports_to``, …"""
    node = ("unit", party.unit) if party.unit is not None else ("external", party.id)
    return [
        Party(unit=id_) if kind == "unit" else Party(external=id_)
        for kind, id_ in superiors(dept, node)
    ]


def _line_text(line: list[Party]) -> str | Said:
    return " → ".join(p.id for p in line) if line else both("word.nobody")


@check(
    "budget-approval",
    "The approval chain goes up the reporting line (reviewer above preparer, approver above "
    "reviewer), no party both approves and prepares or reviews (unless the chain sets "
    "`separation_of_duties: false`, noted), and the history replays through the chain in "
    "order, by the right parties.",
    budget_approval_order=E,
    budget_separation_of_duties=E,
    budget_history=E,
    budget_no_approval=W,
    budget_sole_approver=I,
)
def budget_approval(dept: Department) -> Iterator[Issue]:
    budget = dept.budget
    if budget is None:
        return
    chain = budget.approval
    if chain is None:
        yield Issue.said("budget-no-approval", _BUDGET)
        if budget.history:
            yield Issue.said("budget-history", ("budget", "history", 0), "budget-history.no-chain")
        return
    shared = False
    if not chain.separation_of_duties:
        yield from _sole_approver(dept, chain)  # one party may hold consecutive roles
    for role in ("prepare", "review") if chain.separation_of_duties else ():
        other: Party = getattr(chain, role)
        if _same(other, chain.approve):
            shared = True
            line = _line_text(_above(dept, chain.approve)) if _known(dept, other) else "?"
            yield Issue.said(
                "budget-separation-of-duties",
                _party_path("approve"),
                f"budget-separation-of-duties.{role}",
                party=chain.approve.id,
                line=line,
            )
    yield from _approval_order(dept, budget, shared=shared)
    from cskh_org.approval import replay
    from cskh_org.errors import ApprovalError

    try:
        replay(chain, budget.history)
    except ApprovalError as exc:
        index = exc.index or 0
        path: Path = ("budget", "history", index)
        if exc.field:
            path = (*path, exc.field)
        yield Issue.said(
            "budget-history", path, "budget-history.refused", n=index + 1, reason=exc.said
        )


def _sole_approver(dept: Department, chain: ApprovalChain) -> Iterator[Issue]:
    """The note of a chain without separation of duties: who holds which roles."""
    roles = ("prepare", "review", "approve")
    holders: dict[str, list[Said]] = {}
    for role in roles:
        holders.setdefault(getattr(chain, role).id, []).append(both(f"budget.verb.{role}"))
    if len(holders) == len(roles):
        return
    people = sum(line.headcount for unit in dept.units for line in unit.staff)
    said = concat(
        "; ",
        (
            both(
                f"budget-sole-approver.{'first' if i == 0 else 'next'}",
                who=who,
                verbs=joined(verbs),
            )
            for i, (who, verbs) in enumerate(holders.items())
        ),
    )
    yield Issue.said(
        "budget-sole-approver",
        ("budget", "approval", "separation_of_duties"),
        said=said,
        staff=both(f"budget.people.{'one' if people == 1 else 'many'}", n=people),
    )


def _approval_order(dept: Department, budget: Budget, *, shared: bool) -> Iterator[Issue]:
    chain = budget.approval
    assert chain is not None
    if not all(_known(dept, p) for p in (chain.prepare, chain.review, chain.approve)):
        return  # unknown-unit / unknown-external, from the references check
    pairs = [("prepare", "review", both("budget.role.reviewer"), both("budget.role.preparer"))]
    if not shared:
        pairs.append(
            ("review", "approve", both("budget.role.approver"), both("budget.role.reviewer"))
        )
    for lower, upper, upper_word, lower_word in pairs:
        below: Party = getattr(chain, lower)
        above: Party = getattr(chain, upper)
        if not chain.separation_of_duties and _same(above, below):
            continue  # one party holds both roles, as allowed
        line = _above(dept, below)
        if any(_same(above, p) for p in line):
            continue
        if _same(above, below):
            fix = both(
                "budget-approval-order.same",
                below=below.id,
                line=_line_text(line),
                upper=upper_word,
            )
        elif any(_same(below, p) for p in _above(dept, above)):
            fix = both(
                "budget-approval-order.swap",
                above=above.id,
                below=below.id,
                lower=lower,
                upper=upper,
            )
        else:
            fix = both(
                "budget-approval-order.choose", upper=upper_word, below=below.id, above=above.id
            )
        yield Issue.said(
            "budget-approval-order",
            _party_path(upper),
            upper=upper_word,
            above=above.id,
            lower=lower_word,
            below=below.id,
            line=_line_text(line),
            fix=fix,
        )
