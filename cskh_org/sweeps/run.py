"""A sweep run: every variant simulated with common random numbers (brute force), or the best
one selected by a sequential procedure that asks for replications only while they decide
something (:mod:`cskh_org.sweeps.selection`), on any executor.

Replication ``r`` of every variant runs with the sweep's seed as replication ``r``: the same
random streams in every variant (common random numbers), so the differences between variants
are measured on the same tickets, and the results do not depend on the executor, its number of
workers or the order its tasks finish.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cskh_org.model.sweep import Constraint, Selection, Sweep
from cskh_org.sweeps.spec import RepResult, VariantSpec

if TYPE_CHECKING:
    from cskh_org.sweeps.executor import Executor
    from cskh_org.sweeps.selection import Goal, Selected
    from cskh_org.sweeps.store import ResultStore

__all__ = ["SHOWN", "Outcome", "Summary", "goal_of", "kpis_of", "parse_select", "run_sweep"]

SHOWN = (
    "overall/sla.first_response",
    "overall/abandonment",
    "overall/first_response.mean",
    "overall/cost_per_ticket",
    "staff_cost_month",
)
"""The KPIs a sweep's table shows for each variant (every KPI is in its JSON)."""


@dataclass(frozen=True, slots=True)
class Summary:
    """One KPI of one variant over its replications: the mean and the half-width of its
    95 % interval (Student's t; 0 with one replication or no spread)."""

    mean: float
    half_width: float
    n: int


@dataclass(frozen=True)
class Outcome:
    """What a sweep gave: each variant's KPIs, the replications run, and the selection."""

    sweep: str
    variants: tuple[VariantSpec, ...]
    results: Mapping[tuple[str, int], RepResult]
    selected: Selected | None
    brute_force: int
    """Replications a brute-force run of the sweep takes (variants × replications, or
    × the selection's ``most``)."""

    def summary(self, variant: str, kpi: str) -> Summary | None:
        values = [
            r.kpis[kpi]
            for (v, _), r in sorted(self.results.items())
            if v == variant and kpi in r.kpis and math.isfinite(r.kpis[kpi])
        ]
        if not values:
            return None
        return _summary(values)

    @property
    def replications(self) -> int:
        return len(self.results)


def _summary(values: Sequence[float]) -> Summary:
    from cskh_org.simulation.student_t import t_quantile

    n = len(values)
    mean = math.fsum(values) / n
    if n < 2:
        return Summary(mean, 0.0, n)
    var = math.fsum((x - mean) ** 2 for x in values) / (n - 1)
    return Summary(mean, t_quantile(0.975, n - 1) * math.sqrt(var / n), n)


def goal_of(sweep: Sweep) -> Goal | None:
    """The selection goal the sweep file states (``None``: no ``select``)."""
    from cskh_org.sweeps.selection import Bound, Goal

    chosen = sweep.select
    if chosen is None:
        return None
    kpi = chosen.minimize or chosen.maximize
    assert kpi is not None  # the model asks for exactly one
    return Goal(
        kpi,
        minimize=chosen.minimize is not None,
        subject_to=tuple(
            Bound(
                c.kpi,
                at_least=None if c.at_least is None else float(c.at_least),
                at_most=None if c.at_most is None else float(c.at_most),
            )
            for c in chosen.subject_to
        ),
        indifference=float(chosen.indifference),
        tolerance=float(chosen.tolerance),
        confidence=float(chosen.confidence),
        first=chosen.first,
        most=chosen.most,
        batch=1,
    )


_GOAL = re.compile(r"^(min|minimize|max|maximize)\s+(\S{1,200})$")
_BOUND = re.compile(r"^(\S{1,200}?)\s*(>=|<=|≥|≤)\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)$")


def parse_select(text: str, base: Selection | None = None) -> Selection:
    """The selection ``--select`` writes: ``min staff_cost_month;
    overall/sla.first_response >= 0.8; overall/abandonment <= 0.05`` (one goal, ``min`` or
    ``max`` a KPI, then constraints ``KPI >= number`` or ``KPI <= number``, separated by
    ``;``), with the rest (indifference, confidence, first, most…) from ``base`` (the
    file's ``select``) or the defaults. A :class:`~cskh_org.errors.UsageError` names the
    clause it cannot read."""
    from cskh_org.errors import UsageError

    shown = text[:200]
    goals: list[tuple[str, str]] = []
    bounds: list[Constraint] = []
    for raw in text.split(";"):
        clause = " ".join(raw.split())
        if not clause:
            continue
        goal, bound = _GOAL.match(clause), _BOUND.match(clause)
        if goal is not None:
            goals.append(("minimize" if goal[1].startswith("min") else "maximize", goal[2]))
        elif bound is not None:
            side = "at_least" if bound[2] in (">=", "≥") else "at_most"
            bounds.append(Constraint.model_validate({"kpi": bound[1], side: Decimal(bound[3])}))
        else:
            raise UsageError.of("error.selection.expression", text=shown, clause=clause[:80])
    if len(goals) != 1:
        raise UsageError.of("error.selection.goals", text=shown, n=len(goals))
    ((side, kpi),) = goals
    rest = {} if base is None else base.model_dump(exclude={"minimize", "maximize", "subject_to"})
    return Selection.model_validate({**rest, side: kpi, "subject_to": bounds})


def kpis_of(goal: Goal) -> tuple[str, ...]:
    """The KPIs a selection's replications keep: its goal's, its constraints' and
    :data:`SHOWN`."""
    return tuple(dict.fromkeys([goal.kpi, *(b.kpi for b in goal.subject_to), *SHOWN]))


def run_sweep(
    sweep: Sweep,
    variants: Sequence[VariantSpec],
    *,
    executor: Executor,
    store: ResultStore | None = None,
    select: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Simulate ``variants`` (from :func:`~cskh_org.sweeps.variants.expand`): with the
    sweep's ``select`` (and ``select``), the sequential selection decides how many
    replications each variant gets; otherwise every variant gets ``sweep.replications``."""
    from cskh_org.sweeps.executor import run_replications

    days, seed = float(sweep.days), int(sweep.seed)
    results: dict[tuple[str, int], RepResult] = {}
    goal = goal_of(sweep) if select else None
    ids = [v.id for v in variants]
    # a selection keeps the KPIs it decides on and the table's; a brute-force run every KPI
    kpis = None if goal is None else kpis_of(goal)

    def ask(requests: Sequence[tuple[str, int]]) -> dict[tuple[str, int], RepResult]:
        got = run_replications(
            variants, requests, days=days, seed=seed, executor=executor, store=store, kpis=kpis
        )
        results.update(got)
        if progress is not None:
            progress(len(results), brute)
        return {key: got[key] for key in requests}

    if goal is None:
        brute = len(ids) * sweep.replications
        ask([(v, r) for r in range(sweep.replications) for v in ids])
        return Outcome(sweep.id, tuple(variants), results, None, brute)
    from cskh_org.sweeps.selection import select as choose

    brute = len(ids) * goal.most

    def sample(requests: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Mapping[str, float]]:
        return {key: r.kpis for key, r in ask(requests).items()}

    selected = choose(ids, sample, goal)
    return Outcome(sweep.id, tuple(variants), results, selected, brute)
