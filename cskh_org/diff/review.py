"""A review of a change: the change list, the routing decision diff and the effect, and the
gates a CI job fails on.

:func:`review` takes the two versions as models with their findings (the loader's), never
files: the CLI loads them (from files or ``git:REV:path``) and shows the answer through
:mod:`cskh_org.report.diff`.

**Effect** — figures of each version and their difference:

* staff cost for the year (and a month, a twelfth of it) in the department's currency, per
  unit and in total, as the budget checks price staff (each line rounded to the currency's
  minor unit, × 12; lines costed in another currency left out and counted);
* the budget plan's total against its cap;
* findings: the ones the change introduces and the ones it clears, matched by code and
  message (their places move with the text around them).

**Gates** (``fail_on``): ``error`` (the change introduces an error finding), ``warning``
(an error or a warning), ``cost`` (staff cost rises), ``cap`` (the new budget is over its
cap), ``moves`` (a ticket's routing decision changes), and any finding code (the change
introduces a finding with that code, e.g. ``routing.rule-shadowed``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cskh_org.diff.changes import Change, changes
from cskh_org.diff.routing import RoutingDiff, routing_diff
from cskh_org.errors import UsageError
from cskh_org.findings import Finding, Severity
from cskh_org.model import Department
from cskh_org.model.workload import Workload

if TYPE_CHECKING:
    from cskh_org.simulation.results import Comparison

__all__ = ["GATES", "Effect", "Review", "UnitCost", "review"]

GATES: Final = ("error", "warning", "cost", "cap", "moves")
"""The named gates of ``fail_on`` (any other word is a finding code)."""


@dataclass(frozen=True, slots=True)
class UnitCost:
    """One unit's staff cost for the year in each version (``None``: not in it)."""

    unit: str
    old: Decimal | None
    new: Decimal | None

    @property
    def change(self) -> Decimal:
        return (self.new or Decimal(0)) - (self.old or Decimal(0))


@dataclass(frozen=True, slots=True)
class Effect:
    """What the change does to the figures."""

    currency: str
    units: tuple[UnitCost, ...]
    """Units whose staff cost differs, largest change first."""
    old_staff_year: Decimal
    new_staff_year: Decimal
    old_budget: Decimal | None
    """The budget plan's total (``None``: no budget)."""
    new_budget: Decimal | None
    old_cap: Decimal | None
    new_cap: Decimal | None
    introduced: tuple[Finding, ...]
    """Findings of the new version that the old one does not have."""
    cleared: tuple[Finding, ...]
    """Findings of the old version that the new one no longer has."""

    @property
    def staff_year_change(self) -> Decimal:
        return self.new_staff_year - self.old_staff_year

    @property
    def staff_month_change(self) -> Decimal:
        return self.staff_year_change / 12

    @property
    def over_cap(self) -> bool:
        """The new budget is over its cap."""
        return (
            self.new_budget is not None
            and self.new_cap is not None
            and self.new_budget > self.new_cap
        )


@dataclass(frozen=True, slots=True)
class Review:
    """The answer of :func:`review`."""

    old: str
    """The old version's name (a file, or ``git:REV:path``)."""
    new: str
    changes: tuple[Change, ...]
    routing: RoutingDiff
    effect: Effect
    failed: tuple[str, ...] = field(default=())
    """The gates of ``fail_on`` the change trips, in the order asked."""
    simulated: Comparison | None = None
    """With a workload: both versions simulated under common random numbers, KPI by KPI."""

    def unit_states(self) -> dict[str, str]:
        """What the change did to each unit it touches: ``added``, ``removed``, ``moved``
        (its parent changed) or ``changed`` (anything else of it, its staff lines included),
        the first that applies in that order (for the org chart of the change)."""
        rank = {"added": 0, "removed": 1, "moved": 2, "changed": 3}
        out: dict[str, str] = {}
        for change in self.changes:
            if change.section == "unit":
                unit, state = change.subject, change.kind.value
                if state not in rank:
                    state = "changed"
            elif change.section == "staff-line":
                unit, state = change.subject.split("/", 1)[0], "changed"
            else:
                continue
            if unit not in out or rank[state] < rank[out[unit]]:
                out[unit] = state
        return out


def review(
    old: Department,
    new: Department,
    *,
    old_name: str = "old",
    new_name: str = "new",
    old_findings: Sequence[Finding] = (),
    new_findings: Sequence[Finding] = (),
    workload: Workload | None = None,
    fail_on: Iterable[str] = (),
    simulate: bool = True,
    days: float = 7.0,
    replications: int = 5,
    seed: int = 0,
    workers: int = 1,
) -> Review:
    """What changed from ``old`` to ``new``, what it does, and which ``fail_on`` gates it
    trips (:data:`GATES`, or finding codes). With a ``workload`` (and ``simulate``), both
    versions are simulated with it for ``days``, ``replications`` times from ``seed`` with
    the same seeds (common random numbers), and their KPIs compared with 95 % intervals."""
    gates = tuple(dict.fromkeys(fail_on))
    for gate in gates:
        if not gate or not all(c.isalnum() or c in "-._" for c in gate):
            raise UsageError.of("error.diff.gate", gate=gate, gates=", ".join(GATES))
    listed = changes(old, new)
    routed = routing_diff(old, new, workload)
    effect = _effect(old, new, old_findings, new_findings)
    failed = tuple(g for g in gates if _trips(g, effect, routed))
    simulated = None
    if workload is not None and simulate:
        from cskh_org.simulation import compare

        simulated = compare(
            (old, workload),
            (new, workload),
            days=days,
            replications=replications,
            seed=seed,
            workers=workers,
        )
    return Review(old_name, new_name, listed, routed, effect, failed, simulated)


def _trips(gate: str, effect: Effect, routed: RoutingDiff) -> bool:
    if gate == "error":
        return any(f.severity is Severity.ERROR for f in effect.introduced)
    if gate == "warning":
        return any(f.severity in (Severity.ERROR, Severity.WARNING) for f in effect.introduced)
    if gate == "cost":
        return effect.staff_year_change > 0
    if gate == "cap":
        return effect.over_cap
    if gate == "moves":
        return bool(routed.moves) or not routed.known
    return any(f.code == gate for f in effect.introduced)


def _key(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.message


def _effect(
    old: Department,
    new: Department,
    old_findings: Sequence[Finding],
    new_findings: Sequence[Finding],
) -> Effect:
    from cskh_org.checks.budget import staff_costs

    currency = new.currency
    before = staff_costs(old, currency)
    after = staff_costs(new, currency)
    units = [
        UnitCost(u, before.get(u), after.get(u))
        for u in [*after, *(u for u in before if u not in after)]
        if before.get(u) != after.get(u)
    ]
    units.sort(key=lambda c: (-abs(c.change), c.unit))
    old_keys = Counter(_key(f) for f in old_findings)
    new_keys = Counter(_key(f) for f in new_findings)
    introduced = _beyond(new_findings, old_keys)
    cleared = _beyond(old_findings, new_keys)
    return Effect(
        currency=currency,
        units=tuple(units),
        old_staff_year=sum(before.values(), Decimal(0)),
        new_staff_year=sum(after.values(), Decimal(0)),
        old_budget=_budget_total(old),
        new_budget=_budget_total(new),
        old_cap=_cap(old),
        new_cap=_cap(new),
        introduced=introduced,
        cleared=cleared,
    )


def _beyond(
    findings: Sequence[Finding], other: Mapping[tuple[str, str], int]
) -> tuple[Finding, ...]:
    """The findings not matched one for one by ``other``'s."""
    left = Counter(other)
    out = []
    for finding in findings:
        key = _key(finding)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return tuple(out)


def _budget_total(dept: Department) -> Decimal | None:
    """The plan's total for the year, as the cap check and the roll-ups show it."""
    from cskh_org.checks.budget import cap_figures

    figures = cap_figures(dept)
    return None if figures is None else figures.total


def _cap(dept: Department) -> Decimal | None:
    if dept.budget is None or dept.budget.caps.total is None:
        return None
    return dept.budget.caps.total.amount
