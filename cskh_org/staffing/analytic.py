"""Analytic staffing: per unit (or channel) and interval of the week, the fewest agents on
duty that meet the targets, by Erlang C or Erlang A; and the gap to the staff lines of today.

Semantics, in one place:

* **The week** is cut into intervals of 15, 30 or 60 minutes from Monday 00:00, local time.
* **The tickets** a unit answers are the workload's first visits, as the capacity check counts
  them (:func:`cskh_org.checks.capacity.first_visits`): every combination of a stream's mix
  routed by the department's router, less what self-service contains, with the unit's
  handling time and after-contact work for the ticket's category and channel. A profile's
  factors are hourly, so the intervals of one hour share its rate. Escalations, hand-backs,
  follow-ups and reopenings are not counted here (the simulation counts them).
* **A queue** is, by default, all of one unit's tickets, every agent of the unit taking
  every channel (as the simulation has them do), answered first come, first served and in
  steady state within each interval (the period-by-period method: it misses where the load
  climbs faster than a queue settles, as a morning ramp does). Its handling time is the mean
  of its tickets', weighted by their arrivals in the interval, each counted at the share of an
  agent it takes: a chat held three at once counts a third. With ``per_channel``, each
  channel is a queue with agents of its own, and a unit needs the sum of its queues' agents
  (more than pooled: an upper bound).
* **Concurrency** (``per_channel``): an agent who holds ``N`` tickets of a channel at once
  is ``N`` servers of its queue; the agents are the servers divided by ``N``, rounded up.
* **Patience**: a queue whose channels all have a patience in the workload is an Erlang A
  queue, with the patience's mean (as if exponential; several channels: the patience whose
  rate of giving up is their arrivals' mean rate); otherwise, or with ``method="erlang-c"``,
  an Erlang C queue.
* **Targets**: the given ones apply to every queue. By default each ticket brings its SLA
  first-response target (the SLA policy that applies to it, else the section's default) as a
  service level of ``sla_share`` within it; a queue must meet every target its tickets bring
  (first come, first served, they all see the same waits). A target in business days counts as
  24 hours a day. ``max_occupancy`` caps the servers' busy share.
* **Closed intervals** (the unit's calendar shut) need no agents; their tickets wait for the
  opening (:attr:`QueueNeed.closed_arrivals` counts them; the simulation shows the backlog).
* **On duty, scheduled, FTE**: the agents on duty are scheduled as ``on duty ÷ (1 −
  shrinkage)`` (the unit's shrinkage: its lines' mean, weighted by headcount); the FTE needed
  are the scheduled hours of the week over ``full_time_hours`` (default: the department's
  weekly working-time limit, 48 hours by Vietnam's Labour Code).
* **Today**: the agents on duty in each interval from the staff lines' shifts, contracts and
  shrinkage (:mod:`cskh_org.working_time`); an interval is short when they are fewer than
  needed.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from cskh_org.checks.capacity import Flow, first_visits
from cskh_org.checks.workload import tested_attributes
from cskh_org.errors import StaffingError
from cskh_org.model import Calendar, Department, Unit
from cskh_org.model.workload import Workload, mean_seconds
from cskh_org.money import exact_product, exact_sum, quantize
from cskh_org.staffing.erlang import Figures, Queue
from cskh_org.staffing.targets import Requirement, ServiceLevelTarget, Target, fewest_agents
from cskh_org.working_time import WEEK_MINUTES, calendar_week, on_duty, open_intervals

__all__ = [
    "INTERVALS",
    "Measured",
    "Method",
    "QueueNeed",
    "StaffingPlan",
    "UnitNeed",
    "Verification",
    "analytic_staffing",
    "answering",
    "skill_groups",
    "unit_need",
]

INTERVALS = (15, 30, 60)
"""The interval lengths, minutes."""

_HOUR = 60


class Method(enum.StrEnum):
    """How a queue's figures are worked out."""

    AUTO = "auto"
    """Erlang A where the workload gives the channel a patience, else Erlang C."""
    ERLANG_C = "erlang-c"
    """Erlang C everywhere: no one abandons."""
    ERLANG_A = "erlang-a"
    """Erlang A everywhere: a channel without a patience is an error."""
    SIMULATION = "simulation"
    """The analytic answer verified and adjusted by simulation
    (:mod:`cskh_org.staffing.simulated`)."""


@dataclass(frozen=True, slots=True)
class Measured:
    """What simulation measured in one interval of a queue: ratios over the tickets of every
    replication pooled (:mod:`cskh_org.staffing.simulated`)."""

    tickets: float
    """Tickets that arrived in the interval, per replication."""
    service_level: float | None
    """The first service-level target's share met (``None``: no such target)."""
    lower_bound: float | None
    """Its one-sided lower confidence bound."""
    asa: float | None
    """Mean wait of the answered tickets, seconds."""
    abandonment: float | None
    met: bool
    """Every target of the queue met at the confidence asked (where not :attr:`verified`:
    the point estimates met)."""
    verified: bool = True
    """Whether the tickets over all the replications are enough to show the targets at the
    confidence asked, were every one answered at once; else the interval is too quiet to
    verify and keeps the analytic answer."""


@dataclass(frozen=True, slots=True)
class Verification:
    """How a simulation-verified plan was found."""

    replications: int
    seed: int
    confidence: float
    runs: int
    """Candidate staffings simulated (``replications`` each, half of them in the search's
    approach)."""
    converged: bool
    """Every interval met its targets in the last run and no further removal held; else the
    search ran out of runs, and the plan is the last staffing that met every target (or the
    last tried, when none did: see each queue's :attr:`QueueNeed.measured`)."""
    start_agents: int
    """Agent-intervals of the analytic start (for comparison with the answer's)."""
    simulated: int = 0
    """Replications simulated in all, over every run."""


@dataclass(frozen=True, slots=True)
class QueueNeed:
    """One queue of a unit (all its channels, or one), interval by interval."""

    unit: str
    channels: tuple[str | None, ...]
    """The channels of its tickets (``None``: tickets without a channel)."""
    pooled: bool
    """Agents take every channel of the unit (else the queue is one channel's)."""
    method: Method
    """``erlang-c`` or ``erlang-a``, as used for this queue."""
    patience: float | None
    """Mean patience, seconds (Erlang A)."""
    concurrency: int
    """Tickets an agent holds at once (a pooled queue counts each ticket's share instead)."""
    targets: tuple[Target, ...]
    arrivals: tuple[float, ...]
    """Mean arrivals per hour in each interval."""
    handle: tuple[float, ...]
    """Mean handling time in each interval, seconds (0 when nothing arrives); in a pooled
    queue an agent's share of it (a chat held three at once counts a third)."""
    agents: tuple[int, ...]
    """Agents on duty needed in each interval."""
    figures: tuple[Figures | None, ...]
    """The figures at that count, at the first target's threshold (``None``: closed or
    nothing arrives)."""
    closed_arrivals: float
    """Tickets a week that arrive while the unit is closed (they wait for the opening)."""
    measured: tuple[Measured | None, ...] = ()
    """Simulation-verified plans: what the last run measured in each interval (``None``: not
    verified, closed or nothing arrives); empty for analytic plans."""
    erlang: tuple[int, ...] = ()
    """Simulation-verified plans: the agents of the analytic start in each interval."""
    skills: frozenset[str] | None = None
    """A queue of a skill group (``by_skill``): the skills of its agents, those of the unit's
    staff lines with exactly these skills (see :func:`skill_groups`); ``None``: any agent of
    the unit."""

    @property
    def channel(self) -> str | None:
        """The channel of a one-channel queue (``None`` for a pooled one)."""
        return None if self.pooled else self.channels[0]


@dataclass(frozen=True, slots=True)
class UnitNeed:
    """A unit's need against its staff of today."""

    unit: str
    queues: tuple[QueueNeed, ...]
    on_duty: tuple[int, ...]
    """Agents on duty needed in each interval: the sum of the queues'."""
    shrinkage: float
    scheduled: tuple[float, ...]
    """Agents to schedule in each interval: on duty ÷ (1 − shrinkage)."""
    fte_needed: float
    today: tuple[float, ...]
    """Agents on duty today in each interval (staff lines, after shrinkage)."""
    fte_today: Decimal
    """The FTE of the unit's staff lines."""
    short: tuple[int, ...]
    """The intervals where today's agents on duty are fewer than needed."""
    cost_per_fte: Decimal | None
    """The monthly cost of one FTE of the unit's staff lines (their roles' cost, weighted by
    FTE), in the department's currency; ``None`` when the unit has no FTE today."""

    @property
    def fte_gap(self) -> Decimal:
        """FTE needed less FTE today, to two decimals (positive: hire)."""
        return Decimal(f"{self.fte_needed:.2f}") - self.fte_today

    def gap_cost(self, currency: str) -> Decimal | None:
        """What the FTE gap costs (or saves, negative) a month, in minor units of
        ``currency``."""
        if self.cost_per_fte is None:
            return None
        return quantize(exact_product(self.fte_gap, self.cost_per_fte), currency)


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    """Every unit the workload's tickets reach, with its need."""

    interval: int
    """Minutes per interval."""
    currency: str
    """The department's currency (ISO 4217), of every cost."""
    method: Method
    full_time_hours: float
    pooled: bool
    """One queue per unit, its agents taking every channel (else one per channel)."""
    units: tuple[UnitNeed, ...]
    left_out: tuple[int, ...]
    """Streams left out (too many mix combinations to count)."""
    verification: Verification | None = None
    """How simulation verified the plan (``None``: an analytic plan)."""

    def starts(self) -> range:
        """The start of each interval, minutes from Monday 00:00."""
        return range(0, WEEK_MINUTES, self.interval)


def analytic_staffing(
    dept: Department,
    workload: Workload,
    *,
    interval: int = 30,
    targets: Sequence[Target] = (),
    sla_share: float = 0.8,
    max_occupancy: float | None = None,
    method: Method | str = Method.AUTO,
    full_time_hours: float | None = None,
    per_channel: bool = False,
    by_skill: bool = False,
) -> StaffingPlan:
    """The agents each unit needs, interval by interval (see the module's semantics).

    ``targets``: the same for every queue (none: each ticket's SLA first-response target as
    a service level of ``sla_share``); ``per_channel``: each channel its own queue and
    agents, instead of one queue of the unit's channels; ``by_skill``: in a unit whose
    tickets ask for skills some of its staff lines lack, each skill group its own queue of
    the tickets it answers (:func:`skill_groups`, :func:`answering`) and its own agents."""
    if interval not in INTERVALS:
        raise StaffingError.of("error.staffing.interval", interval=interval, known="15, 30, 60")
    method = Method(method)
    if method is Method.SIMULATION:
        raise StaffingError.of("error.staffing.analytic-method")
    hours = (
        float(dept.working_limits.hours_per_week) if full_time_hours is None else full_time_hours
    )
    if not math.isfinite(hours) or hours <= 0:
        raise StaffingError.of("error.staffing.number", name="full_time_hours", value=repr(hours))
    if not targets and dept.sla is None and max_occupancy is None:
        raise StaffingError.of("error.staffing.no-sla")
    flows, left_out = first_visits(
        workload, dept, also=_sla_attributes(dept) if not targets else frozenset()
    )
    by_queue: dict[tuple[str, str | None, int], list[Flow]] = {}
    groups = _split_by_skill(dept, flows) if by_skill else {}
    for flow in flows:
        seat = -1
        if flow.unit in groups:
            seat = answering(groups[flow.unit], flow.skills)
        key = (flow.unit, flow.channel if per_channel else None, seat)
        by_queue.setdefault(key, []).append(flow)
    sla_targets = _SlaTargets(dept, sla_share) if not targets else None
    planner = _Planner(dept, workload, interval, max_occupancy, method)
    units: dict[str, list[QueueNeed]] = {}
    for (unit_id, _, seat), queue_flows in sorted(by_queue.items(), key=_queue_order):
        unit = dept.units_by_id[unit_id]
        if unit.headcount == 0:
            continue  # `workload-unit-unstaffed` says so
        wanted = tuple(targets) if sla_targets is None else sla_targets.of(queue_flows)
        if not wanted and max_occupancy is None:
            raise StaffingError.of("error.staffing.untargeted", unit=unit_id)
        need = planner.queue(unit, queue_flows, wanted, pooled=not per_channel)
        if seat >= 0:
            need = replace(need, skills=groups[unit_id][seat])
        units.setdefault(unit_id, []).append(need)
    needs = tuple(
        unit_need(dept, dept.units_by_id[u], tuple(q), interval, hours) for u, q in units.items()
    )
    return StaffingPlan(
        interval, dept.currency, method, hours, not per_channel, needs, tuple(left_out)
    )


def _sla_attributes(dept: Department) -> frozenset[str]:
    """The attributes the SLA policies test (and ``priority``, which routing may change)."""
    if dept.sla is None:
        return frozenset()
    names = {"priority"}
    for policy in dept.sla.policies:
        names |= tested_attributes(policy.when)
    return frozenset(names)


def _queue_order(item: tuple[tuple[str, str | None, int], list[Flow]]) -> tuple[str, str, int]:
    (unit, channel, seat), _ = item
    return unit, channel or "", seat


def skill_groups(dept: Department, unit: Unit) -> tuple[frozenset[str], ...]:
    """The skill groups of ``unit``: the distinct skill sets (the role's and the line's) of
    its staff lines with people, in the order of their first line."""
    roles = dept.roles_by_id
    out: dict[frozenset[str], None] = {}
    for line in unit.staff:
        role = roles.get(line.role)
        if role is None or not line.headcount:
            continue
        out[frozenset(role.skills) | frozenset(line.skills)] = None
    return tuple(out)


def answering(groups: Sequence[frozenset[str]], needed: frozenset[str]) -> int:
    """The skill group that answers tickets asking for ``needed``: the one with the fewest
    skills among those that have them all (the first of equals; the first group when none
    has them: the simulation's tickets then wait, its figures say so). Agents of other
    groups that have the skills take such tickets too, when free: the simulation has them
    do; the analytic queue counts them for the group that answers."""
    best = -1
    for i, skills in enumerate(groups):
        if needed <= skills and (best < 0 or len(skills) < len(groups[best])):
            best = i
    return max(best, 0)


def _split_by_skill(
    dept: Department, flows: Sequence[Flow]
) -> dict[str, tuple[frozenset[str], ...]]:
    """The units to staff by skill group, with their groups: those whose tickets ask for
    skills that some group lacks."""
    out: dict[str, tuple[frozenset[str], ...]] = {}
    for flow in flows:
        if flow.unit in out or not flow.skills:
            continue
        groups = skill_groups(dept, dept.units_by_id[flow.unit])
        if len(groups) > 1 and any(not flow.skills <= g for g in groups):
            out[flow.unit] = groups
    return out


class _SlaTargets:
    """Each ticket's SLA first-response target as a service level of ``share``."""

    def __init__(self, dept: Department, share: float) -> None:
        from cskh_org.sla import SlaEngine

        self._engine = SlaEngine(dept) if dept.sla is not None else None
        self._share = share
        ServiceLevelTarget(share, 0.0)  # the share is checked once, here

    def of(self, flows: Iterable[Flow]) -> tuple[Target, ...]:
        if self._engine is None:
            return ()
        found: dict[float, Target] = {}
        for flow in flows:
            _, policy = self._engine.policy(flow.ticket)
            if policy.first_response is None:
                continue
            within = _seconds(policy.first_response.within)
            found.setdefault(within, ServiceLevelTarget(self._share, within))
        return tuple(found[w] for w in sorted(found))


def _seconds(within: object) -> float:
    if isinstance(within, timedelta):
        return within.total_seconds()
    days = getattr(within, "days", None)
    if isinstance(days, int):
        return days * 86_400.0  # business days: 24 hours each, the tightest reading
    raise StaffingError.of("error.staffing.number", name="within", value=repr(within))


@dataclass(frozen=True, slots=True)
class _Planner:
    dept: Department
    workload: Workload
    interval: int
    max_occupancy: float | None
    method: Method

    def queue(
        self, unit: Unit, flows: Sequence[Flow], targets: tuple[Target, ...], *, pooled: bool
    ) -> QueueNeed:
        channels = tuple(sorted({f.channel for f in flows}, key=lambda c: c or ""))
        patience = self._patience(unit, flows)
        used = Method.ERLANG_C if patience is None else Method.ERLANG_A
        concurrency = 1 if pooled else flows[0].concurrency
        share = [1.0 / f.concurrency if pooled else 1.0 for f in flows]
        open_week = calendar_week(_by_id(self.dept, self.dept.unit_calendar(unit.id)))
        is_open = open_intervals(open_week, self.interval)
        arrivals: list[float] = []
        handle: list[float] = []
        agents: list[int] = []
        figures: list[Figures | None] = []
        closed = 0.0
        solved: dict[tuple[float, float], Requirement] = {}
        for start in range(0, WEEK_MINUTES, self.interval):
            hour = start // _HOUR
            rate = math.fsum(f.per_hour * f.factors[hour] for f in flows)
            work = math.fsum(
                f.per_hour * f.factors[hour] * f.seconds * c
                for f, c in zip(flows, share, strict=True)
            )
            arrivals.append(rate)
            handle.append(work / rate if rate > 0 else 0.0)
            if not is_open[start // self.interval]:
                closed += rate * self.interval / _HOUR
                agents.append(0)
                figures.append(None)
                continue
            if rate == 0 or not (targets or self.max_occupancy is not None):
                agents.append(0)
                figures.append(None)
                continue
            key = (rate, handle[-1])
            found = solved.get(key)
            if found is None:
                queue = Queue(rate, handle[-1], patience)
                found = fewest_agents(queue, targets, max_occupancy=self.max_occupancy)
                solved[key] = found
            agents.append(-(-found.agents // concurrency))
            figures.append(found.figures[0] if found.figures else None)
        return QueueNeed(
            unit.id,
            channels,
            pooled,
            used,
            patience,
            concurrency,
            targets,
            tuple(arrivals),
            tuple(handle),
            tuple(agents),
            tuple(figures),
            closed,
        )

    def _patience(self, unit: Unit, flows: Sequence[Flow]) -> float | None:
        """The queue's mean patience, seconds: its channel's; pooled, the one whose rate of
        giving up (1/patience) is the mean of its channels' over their weekly arrivals (the rate
        at which waiting tickets give up at the start of a wait); ``None`` (Erlang C) when a
        channel has none, or with ``erlang-c``."""
        if self.method is Method.ERLANG_C:
            return None
        weights: dict[str | None, float] = {}
        for flow in flows:
            weights[flow.channel] = weights.get(flow.channel, 0.0) + flow.per_hour * math.fsum(
                flow.factors
            )
        means: dict[str | None, float] = {}
        for channel in weights:
            dist = self.workload.patience.get(channel) if channel is not None else None
            if dist is None:
                if self.method is Method.ERLANG_A:
                    raise StaffingError.of(
                        "error.staffing.no-patience", channel=str(channel), unit=unit.id
                    )
                return None
            means[channel] = mean_seconds(dist)
        total = math.fsum(weights.values())
        if total == 0:
            weights = dict.fromkeys(weights, 1.0)
            total = float(len(weights))
        # the rate of giving up at the start of a wait, averaged over the arrivals
        return total / math.fsum(w / means[c] for c, w in weights.items())


def _by_id(dept: Department, ident: str | None) -> Calendar | None:
    return dept.calendars_by_id.get(ident) if ident is not None else None


def unit_need(
    dept: Department, unit: Unit, queues: tuple[QueueNeed, ...], interval: int, hours: float
) -> UnitNeed:
    """A unit's need from its queues' agents: on duty, scheduled, FTE, against today's."""
    count = WEEK_MINUTES // interval
    needed = tuple(sum(q.agents[k] for q in queues) for k in range(count))
    shrinkage = _shrinkage(dept, unit)
    scheduled = tuple(n / (1.0 - shrinkage) for n in needed)
    fte = math.fsum(scheduled) * interval / _HOUR / hours
    today = tuple(on_duty(dept, unit, interval))
    short = tuple(k for k in range(count) if today[k] + 1e-9 < needed[k])
    return UnitNeed(
        unit.id,
        queues,
        needed,
        shrinkage,
        scheduled,
        fte,
        today,
        unit.fte,
        short,
        _cost_per_fte(dept, unit),
    )


def _cost_per_fte(dept: Department, unit: Unit) -> Decimal | None:
    fte = unit.fte
    if fte == 0:
        return None
    roles = dept.roles_by_id
    cost = exact_sum(
        line.monthly_cost(roles[line.role]) for line in unit.staff if line.role in roles
    )
    return cost / fte


def _shrinkage(dept: Department, unit: Unit) -> float:
    """The unit's shrinkage: its staff lines', weighted by headcount."""
    people = unit.headcount
    if people == 0:
        return 0.0
    total = sum(float(dept.shrinkage(unit, line)) * line.headcount for line in unit.staff)
    return min(total / people, 0.99)
