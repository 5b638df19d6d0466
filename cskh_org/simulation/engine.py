"""The discrete-event engine: tickets flow through the department's own router, SLA
policies, calendars and escalation steps.

How a ticket lives
------------------
1. A stream draws it (Poisson arrivals, hour by hour at the profile's rate) with its
   attributes; the department's router names the unit, the skills an agent needs and the
   priority. Its SLA deadlines are worked out on the target's calendar, as the SLA engine
   does.
2. At a unit it waits for an eligible agent (one whose role and staff line give every skill
   the route asks for) who is at work (the staff line's calendar, else the unit's; part-timers
   work the first FTE share of each opening). Higher priorities go first; within a priority,
   first come first served. A service started before closing time is finished.
3. While it waits for its first response the customer may give up (``patience`` of its
   channel), and a step of the holder that fires on a first-response SLA breach or warning
   takes it away at that instant.
4. After each visit the department's escalation steps from the holder are tested (resolution
   breach or warning, tier, category, reopenings: the first step in document order that fires,
   each step at most once per ticket); if none fires the workload's ``holders`` odds decide:
   resolve, escalate (the holder's ``manual`` step) or a partner (the holder's first
   functional step), which keeps it for its ``turnaround`` and hands it back.
5. A resolution may be followed by a follow-up contact (agent time at the unit) and may be
   reopened (back to the holder that resolved it; at most :data:`MAX_REOPENS` times).

Stations
--------
A unit that only ever gets tickets of one priority is a first-come-first-served station: a
ticket's start is known when it arrives (the eligible agent who can start first, as in the
Kiefer–Wolfowitz recursion), so it needs no queue and no events of its own. A unit that
gets several priorities keeps priority queues and completion events. Both give the same
waits under first come first served; the choice is made once, when the simulation compiles.

Arrivals
--------
The streams are one Poisson process of their total rate (hour by hour when profiles shape
them); each arrival draws its stream and its whole attribute combination at once, with
probability proportional to the stream's rate in that hour times the combination's weight:
the same law as independent streams, at the cost of one draw.

Randomness comes only from :class:`random.Random` instances seeded with text naming the seed,
the replication and the purpose (``arrivals``, ``streams``, ``service:<unit>``,
``patience:<channel>``…), so runs are reproducible and two versions of a department under the
same workload see the same customers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import itertools
import math
import random
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import log, log1p
from typing import TYPE_CHECKING, Any, Final

from cskh_org.errors import SimulationError
from cskh_org.escalation import EscalationEvent
from cskh_org.model.escalation import StepKind, TriggerKind
from cskh_org.model.sla import Clock, TargetName
from cskh_org.money import exact_sum
from cskh_org.simulation.distributions import Sampler, sampler
from cskh_org.simulation.stats import (
    BINS_PER_E,
    ClassKey,
    ClassStats,
    ReplicationStats,
    TicketRecord,
    UnitStats,
)
from cskh_org.simulation.timetable import Timetable

if TYPE_CHECKING:
    from cskh_org.escalation import Escalator, Handoff
    from cskh_org.model import Department
    from cskh_org.model.workload import Distribution, Workload
    from cskh_org.routing import Router

__all__ = ["MAX_REOPENS", "Simulation"]

MAX_REOPENS: Final = 50
"""Reopenings after which a ticket is not reopened again (a workload cannot loop for ever)."""
_MAX_COMBOS: Final = 100_000
"""Attribute combinations enumerated to decide the stations' disciplines."""
_HOUR: Final = 3600.0
_DAY: Final = 86_400.0
_MONTH_DAYS: Final = 365.25 / 12
_INF: Final = math.inf

_VISIT, _LEAVE, _PICK, _FOLLOW = 1, 2, 3, 4
"""Kinds of heap events (arrivals are not on the heap: they come from one generator)."""
_NO_SKILLS: Final[frozenset[str]] = frozenset()
_SLA_KINDS: Final = frozenset({TriggerKind.SLA_BREACH, TriggerKind.SLA_WARNING})


# -- compiled pieces ----------------------------------------------------------------------------


class _Events:
    """Escalation events made once and reused (they are immutable and hashable)."""

    def __init__(self) -> None:
        self._make = EscalationEvent
        self.manual = EscalationEvent(TriggerKind.MANUAL)
        self.tier = EscalationEvent(TriggerKind.TIER)
        self.category = EscalationEvent(TriggerKind.CATEGORY)
        self._cache: dict[tuple[Any, ...], EscalationEvent] = {}

    def breach(self, target: str) -> EscalationEvent:
        key = ("breach", target)
        found = self._cache.get(key)
        if found is None:
            found = self._make(TriggerKind.SLA_BREACH, TargetName(target))
            self._cache[key] = found
        return found

    def warning(self, target: str, percent: int | None) -> EscalationEvent:
        key = ("warning", target, percent)
        found = self._cache.get(key)
        if found is None:
            found = self._make(TriggerKind.SLA_WARNING, TargetName(target), percent)
            self._cache[key] = found
        return found

    def reopened(self, reopens: int) -> EscalationEvent:
        key = ("reopened", reopens)
        found = self._cache.get(key)
        if found is None:
            found = self._make(TriggerKind.REOPENED, reopens=reopens)
            self._cache[key] = found
        return found


_EVENTS: Final = _Events()


@dataclass(slots=True)
class _Group:
    """Agents of one staff line (same skills, calendar and FTE): a heap of free instants."""

    skills: frozenset[str]
    timetable: Timetable | None
    agents: int
    fte: float


@dataclass(slots=True)
class _Target:
    """An SLA target of a ticket class: its length and the timetable it counts on."""

    name: str
    within: float
    timetable: Timetable | None
    warn_at: int


@dataclass(slots=True)
class _Class:
    """Tickets with the same attributes: their route, SLA and statistics key."""

    index: int
    stream: str
    attributes: dict[str, Any]
    key: ClassKey
    category: str
    unit: str
    skills: frozenset[str]
    level: int
    targets: tuple[_Target, ...]
    first_response: _Target | None
    """The first-response target among ``targets``."""
    resolution: _Target | None
    """The resolution target among ``targets``."""
    patience: Distribution | None
    """The channel's patience (drawn from each run's own random stream)."""
    waiting_percent: dict[str, int | None] = dataclasses.field(default_factory=dict)
    """Per holder: the percent of the first-response target at which a step of the holder
    takes a waiting ticket of this class that has taken no step (``None``: never)."""
    after_static: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Per holder: the step that fires after a visit of a ticket of this class that has
    taken no step, was never reopened and has no SLA warning or breach (``None``: none)."""
    quiet: float = _INF
    """Seconds after arrival before which no resolution or next-response target can warn
    or breach (business time never runs faster than the clock)."""
    station: _Unit | None = None
    """The unit routing sends the tickets to."""
    waits: bool = False
    """Whether a step of that unit may take its tickets while they wait."""


class _Ticket:
    """One ticket's state as it moves through the department."""

    __slots__ = (
        "arrived",
        "cls",
        "counted",
        "dues",
        "escalated",
        "first",
        "handoffs",
        "holder",
        "holders",
        "ident",
        "leave_at",
        "level",
        "patience_at",
        "queued",
        "reopens",
        "returning",
        "rough",
        "skills",
        "taken",
        "visits",
        "waiting",
    )

    def __init__(self, ident: int, cls: _Class, t: float, counted: bool) -> None:
        self.ident = ident
        self.cls = cls
        self.arrived = t
        self.counted = counted
        self.first: float | None = None
        """When an agent first started on it."""
        self.handoffs = 1  # routing is the first handoff
        self.holder = cls.unit
        self.holders: list[str] | None = None
        """Every holder visited (only when records are written)."""
        self.level = cls.level
        self.skills = cls.skills
        self.taken: frozenset[str] = _NO_SKILLS
        """Escalation steps already taken (each fires at most once per ticket)."""
        self.reopens = 0
        self.visits = 0
        self.escalated = False
        self.returning: str | None = None
        """The holder a partner hands the ticket back to."""
        self.dues: dict[str, float] | None = None
        """SLA due instants worked out so far (see ``_due``)."""
        self.patience_at = _INF
        self.leave_at = _INF
        self.rough = False
        """Whether ``leave_at`` is only a lower bound (see ``_waiting_escalation_at``)."""
        self.queued = t
        self.waiting = False


class _Job:
    """A follow-up contact: agent time at a unit, not a ticket."""

    __slots__ = ("skills", "unit")

    def __init__(self, unit: str, skills: frozenset[str]) -> None:
        self.unit = unit
        self.skills = skills


@dataclass(slots=True)
class _Agent:
    group: _Group
    free_at: float = 0.0
    busy: bool = False
    pick_at: float = _INF


@dataclass(slots=True)
class _Unit:
    id: str
    groups: tuple[_Group, ...]
    fifo: bool
    cost_per_day: float
    service: dict[str | None, Distribution]


# -- the simulation -----------------------------------------------------------------------------


class Simulation:
    """A department and a workload compiled for simulation; :meth:`run` runs one replication.

    Raises :class:`~cskh_org.errors.SimulationError` when the pair cannot be simulated (no
    routing, a unit that receives tickets without a handling time…).
    """

    def __init__(
        self,
        department: Department,
        workload: Workload,
        *,
        days: float = 7.0,
        warmup: dt.timedelta | None = None,
    ) -> None:
        if not days > 0 or days > 3650:
            raise SimulationError(f"`days` is {days}; simulate between a minute and ten years")
        self.department: Final = department
        self.workload: Final = workload
        self.days: Final = days
        self.horizon: Final = days * _DAY
        """Seconds simulated."""
        span = workload.warmup if warmup is None else warmup
        self.warmup: Final = span.total_seconds()
        """Seconds at the start whose arrivals are not counted."""
        if not 0 <= self.warmup < self.horizon:
            raise SimulationError(
                f"the warm-up ({span}) must be shorter than the {days:g} simulated days"
            )
        self.origin: Final = workload.start
        if department.routing is None:
            raise SimulationError(
                f"department `{department.id}` has no `routing` section: the simulation routes "
                "tickets with the department's own rules; add rules and a `default`"
            )
        from cskh_org.calendars import BusinessCalendar
        from cskh_org.escalation import Escalator

        self._router: Router = department.router()
        self._escalator: Escalator = Escalator(department)
        self._calendars = {
            c.id: BusinessCalendar(c, department.timezone) for c in department.calendars
        }
        self._timetables: dict[tuple[str | None, float], Timetable | None] = {}
        self._units = self._compile_units()
        self._behaviour = {h.holder: h for h in workload.holders}
        self._streams = self._compile_streams()
        self._compile_arrivals()
        self._classes: list[_Class] = []
        self._class_index: dict[tuple[int, tuple[str, ...]], _Class] = {}
        self._escalation_cache: dict[Any, Handoff | None] = {}
        self._after_cache: dict[Any, Handoff | None] = {}
        self._compile_escalation()
        self._joint: dict[int, tuple[tuple[_Class, ...], tuple[float, ...]]] = {}
        """Per stream with a mix: its classes and their cumulative probabilities, so that one
        draw picks a ticket's whole combination."""
        self._fifo_everywhere()
        self._compile_draws()
        self.fast: Final = self._fast_eligible()
        """Whether runs without records take the streamlined kernel (see :meth:`run`)."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """Why results may be off: each calendar whose holiday data stops before the simulated
        period ends (its later holidays are simulated as working days)."""
        end = self.origin + dt.timedelta(seconds=self.horizon)
        found = (c.holiday_warning(end) for c in self._calendars.values())
        return tuple(w for w in found if w is not None)

    # -- compile ------------------------------------------------------------------------------

    def _timetable(self, calendar: str | None, fte: float) -> Timetable | None:
        key = (calendar, fte)
        if key not in self._timetables:
            if calendar is None and fte >= 1.0:
                self._timetables[key] = None
            else:
                cal = self._calendars.get(calendar) if calendar is not None else None
                if calendar is not None and cal is None:
                    raise SimulationError(f"calendar `{calendar}` is not defined")
                self._timetables[key] = Timetable(cal, self.origin, fte)
        return self._timetables[key]

    def _compile_units(self) -> dict[str, _Unit]:
        dept = self.department
        roles = dept.roles_by_id
        service: dict[str, dict[str | None, Distribution]] = {}
        for entry in self.workload.service:
            service.setdefault(entry.unit, {})[entry.category] = entry.time
        units: dict[str, _Unit] = {}
        for unit in dept.units:
            groups: dict[tuple[frozenset[str], str | None, float], int] = {}
            cost = Decimal(0)
            for line in unit.staff:
                role = roles.get(line.role)
                if role is None or line.headcount == 0:
                    continue
                skills = frozenset(role.skills) | frozenset(line.skills)
                calendar = line.calendar or dept.unit_calendar(unit.id)
                key = (skills, calendar, float(line.fte))
                groups[key] = groups.get(key, 0) + line.headcount
                cost = exact_sum((cost, line.monthly_cost(role)))
            compiled = tuple(
                _Group(skills, self._timetable(calendar, fte), n, fte)
                for (skills, calendar, fte), n in groups.items()
            )
            units[unit.id] = _Unit(
                unit.id,
                compiled,
                True,
                float(cost) / _MONTH_DAYS,
                service.get(unit.id, {}),
            )
        return units

    def _compile_streams(self) -> list[tuple[Any, ...]]:
        profiles = {p.id: p for p in self.workload.profiles}
        out = []
        for stream in self.workload.streams:
            if stream.profile is not None and stream.profile not in profiles:
                raise SimulationError(
                    f"stream `{stream.id}` names profile `{stream.profile}`, which is not defined"
                )
            rates = None
            if stream.profile is not None:
                rates = self._hourly_rates(stream.rate, profiles[stream.profile])
            mix = [
                (name, tuple(weights), tuple(itertools.accumulate(weights.values())))
                for name, weights in stream.mix.items()
            ]
            out.append((stream, rates, mix))
        return out

    def _compile_arrivals(self) -> None:
        """The streams as one Poisson process: its rate (per second, hour by hour when a
        profile shapes any stream) and, per hour, the cumulative rates that pick the stream of
        each arrival (superposition: the same process as independent streams)."""
        per_stream = [(rates, stream.rate / _HOUR) for stream, rates, _mix in self._streams]
        self._rate_total = sum(rate for _, rate in per_stream)
        self._rate_cum = tuple(itertools.accumulate(rate for _, rate in per_stream))
        self._hour_totals: list[float] | None = None
        self._hour_cums: list[tuple[float, ...]] = []
        self._hour_rates: list[tuple[float, ...]] = []
        """Per hour, each stream's rate (empty when no profile shapes any stream)."""
        self._rates = tuple(rate for _, rate in per_stream)
        if all(rates is None for rates, _ in per_stream):
            return
        tables: dict[tuple[float, ...], tuple[float, ...]] = {}
        hours = math.ceil(self.horizon / _HOUR) + 1
        totals = []
        for h in range(hours):
            key = tuple(rate if rates is None else rates[h] for rates, rate in per_stream)
            cum = tables.get(key)
            if cum is None:
                cum = tables[key] = tuple(itertools.accumulate(key))
            self._hour_cums.append(cum)
            self._hour_rates.append(key)
            totals.append(cum[-1])
        self._hour_totals = totals

    def _compile_draws(self) -> None:
        """When every stream's classes are enumerated: per distinct hour, the cumulative
        rates of every (stream, class) pair, so one draw gives an arrival its stream and its
        whole attribute combination (the same law as drawing the stream, then the mix)."""
        self._draw_classes: tuple[_Class, ...] = ()
        self._draw_cums: list[tuple[float, ...]] = []
        pairs: list[tuple[int, _Class, float]] = []
        for index, (_stream, _rates, mix) in enumerate(self._streams):
            if not mix:
                pairs.append((index, self._class(index, ()), 1.0))
                continue
            joint = self._joint.get(index)
            if joint is None:
                return  # too many combinations: draw the stream, then each attribute
            classes, cum = joint
            previous = 0.0
            for cls, upto in zip(classes, cum, strict=True):
                pairs.append((index, cls, (upto - previous) / cum[-1]))
                previous = upto
        self._draw_classes = tuple(cls for _, cls, _ in pairs)
        tables: dict[tuple[float, ...], tuple[float, ...]] = {}
        for rates in self._hour_rates or [self._rates]:
            found = tables.get(rates)
            if found is None:
                found = tables[rates] = tuple(
                    itertools.accumulate(rates[index] * share for index, _, share in pairs)
                )
            self._draw_cums.append(found)

    def _hourly_rates(self, rate: float, profile: Any) -> list[float]:
        """Arrivals per second in each hour of the horizon (local time of the department)."""
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.department.timezone)
        weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        days = {str(k.value): v for k, v in profile.days.items()}
        rates = []
        for h in range(math.ceil(self.horizon / _HOUR) + 1):
            local = (self.origin + dt.timedelta(seconds=h * _HOUR + 1800)).astimezone(zone)
            factor = profile.hours[local.hour] * days.get(weekdays[local.weekday()], 1.0)
            rates.append(rate * factor / _HOUR)
        return rates

    def _compile_escalation(self) -> None:
        esc = self._escalator
        self._step_order: dict[str, dict[str, int]] = {}
        self._auto: dict[str, frozenset[TriggerKind]] = {}
        self._waiting_triggers: dict[str, bool] = {}
        self._percents: dict[str, set[int]] = {}
        for holder in esc.holders:
            steps = esc.steps_from(holder)
            self._step_order[holder] = {s.id: i for i, s in enumerate(steps)}
            kinds = {t.on for s in steps for t in s.on if t.on is not TriggerKind.MANUAL}
            self._auto[holder] = frozenset(kinds)
            self._waiting_triggers[holder] = any(
                t.on in (TriggerKind.SLA_BREACH, TriggerKind.SLA_WARNING)
                and t.target in (None, TargetName.FIRST_RESPONSE)
                for s in steps
                for t in s.on
            )
            for s in steps:
                for t in s.on:
                    if t.at_percent is not None:
                        self._percents.setdefault(holder, set()).add(t.at_percent)
        self._percent_list = {h: tuple(sorted(p)) for h, p in self._percents.items()}
        self._auto_sla = frozenset(h for h, kinds in self._auto.items() if kinds & _SLA_KINDS)
        self._deciders = frozenset(h for h, kinds in self._auto.items() if kinds) | frozenset(
            h.holder for h in self.workload.holders
        )
        """Holders where something besides resolving may follow a visit."""
        self._reopen_holders = frozenset(
            h for h, kinds in self._auto.items() if TriggerKind.REOPENED in kinds
        )
        """Holders with a step on reopenings (tested as a set of ids: enum hashing is slow)."""
        """Holders with a step on an SLA warning or breach."""
        self._waiting_percent: dict[tuple[str, int, frozenset[str]], int | None] = {}
        self._waiting_table: dict[tuple[str, int], list[tuple[int, tuple[Any, ...]]]] = {}

    def waiting_events(self, holder: str, target: _Target) -> list[tuple[int, tuple[Any, ...]]]:
        """The first-response events that may take a waiting ticket from ``holder``, each with
        the percent of the target at which it happens (100: the breach), earliest first."""
        key = (holder, target.warn_at)
        found = self._waiting_table.get(key)
        if found is None:
            ev = _EVENTS
            fr = "first_response"
            found = []
            for percent in sorted(set(self._percent_list.get(holder, ())) | {target.warn_at}):
                if percent >= 100:
                    continue
                events = [
                    ev.warning(fr, p) for p in self._percent_list.get(holder, ()) if p <= percent
                ]
                if percent >= target.warn_at:
                    events.append(ev.warning(fr, None))
                found.append((percent, tuple(events)))
            everything = tuple(e for _, es in found for e in es)
            found.append((100, (ev.breach(fr), *dict.fromkeys(everything))))
            self._waiting_table[key] = found
        return found

    def _fifo_everywhere(self) -> None:
        """Units that can only receive one priority level serve first come first served."""
        levels: dict[str, set[int]] = {}
        combos = 0
        for index, (stream, _rates, mix) in enumerate(self._streams):
            classes: list[_Class] = []
            cumulative: list[float] = []
            total = 0.0
            weights = [stream.mix[name] for name, _, _ in mix]
            for picks in itertools.product(*(names for _, names, _ in mix)):
                combos += 1
                if combos > _MAX_COMBOS:
                    for unit in self._units.values():
                        unit.fifo = False
                    self._joint.clear()
                    return
                cls = self._class(index, tuple(picks))
                levels.setdefault(cls.unit, set()).add(cls.level)
                weight = 1.0
                for table, value in zip(weights, picks, strict=True):
                    weight *= table[value] / sum(table.values())
                total += weight
                classes.append(cls)
                cumulative.append(total)
            if mix:
                self._joint[index] = (tuple(classes), tuple(cumulative))
        # escalation carries a ticket's priority to every holder reachable from its unit
        reach: dict[str, set[int]] = {u: set(v) for u, v in levels.items()}
        changed = True
        while changed:
            changed = False
            for holder in list(reach):
                for step in self._escalator.steps_from(holder):
                    target = reach.setdefault(step.to, set())
                    if not reach[holder] <= target:
                        target |= reach[holder]
                        changed = True
        for unit in self._units.values():
            unit.fifo = len(reach.get(unit.id, ())) <= 1

    def _class(self, stream_index: int, picks: tuple[str, ...]) -> _Class:
        """The class of a ticket of stream ``stream_index`` with drawn mix values ``picks``."""
        key = (stream_index, picks)
        found = self._class_index.get(key)
        if found is not None:
            return found
        stream, _rates, mix = self._streams[stream_index]
        attrs: dict[str, Any] = dict(stream.attributes)
        for (name, _names, _cum), value in zip(mix, picks, strict=True):
            attrs[name] = value
        decision = self._router.route(attrs)
        unit = self._units.get(decision.unit)
        if unit is None:
            raise SimulationError(
                f"stream `{stream.id}` routes to `{decision.unit}`, which is not a unit"
            )
        schema = self.department.ticket_schema
        prio_attr = self.department.routing.priority_attribute if self.department.routing else ""
        levels = schema.enum_values(prio_attr)
        level = levels.index(decision.priority) if decision.priority in levels else 0
        channel = str(attrs.get("channel", "-"))
        targets = self._targets(attrs)
        cls = _Class(
            len(self._classes),
            stream.id,
            attrs,
            ClassKey(
                decision.unit,
                channel,
                str(decision.priority or "-"),
                str(attrs.get("tier", "-")),
            ),
            str(attrs.get("category", "-")),
            decision.unit,
            frozenset(decision.skills),
            level,
            targets,
            next((x for x in targets if x.name == "first_response"), None),
            next((x for x in targets if x.name == "resolution"), None),
            None,
        )
        cls.patience = self.workload.patience.get(channel)
        cls.station = unit
        cls.waits = self._waiting_triggers.get(unit.id, False)
        marks = [p for holder in self._percent_list.values() for p in holder]
        for target in targets:
            if target.name != "first_response":
                lowest = min([target.warn_at, *marks])
                cls.quiet = min(cls.quiet, target.within * lowest / 100)
        self._classes.append(cls)
        self._class_index[key] = cls
        return cls

    def _targets(self, attrs: dict[str, Any]) -> tuple[_Target, ...]:
        if self.department.sla is None:
            return ()
        from cskh_org.sla import SlaEngine

        engine = self.__dict__.get("_sla_engine")
        if engine is None:
            engine = SlaEngine(self.department)
            self.__dict__["_sla_engine"] = engine
        _, targets = engine.policy(attrs)
        out = []
        for name, target in targets.targets().items():
            if name is TargetName.NEXT_RESPONSE:
                continue  # replies to the customer's later messages are not simulated
            cal = engine.calendar_for(attrs, target, targets)
            timetable = None
            if target.clock is Clock.BUSINESS and cal is not None:
                timetable = self._timetable(cal.id, 1.0)
            out.append(
                _Target(name.value, target.within.total_seconds(), timetable, target.warn_at)
            )
        return tuple(out)

    # -- escalation decisions ---------------------------------------------------------------

    def _handoff(self, holder: str, events: tuple[EscalationEvent, ...], t: _Ticket) -> Any:
        """The first step from ``holder`` (document order) that any of ``events`` fires."""
        attrs = t.cls.attributes
        key = (holder, events, attrs.get("tier"), attrs.get("category"), t.taken)
        if key in self._escalation_cache:
            return self._escalation_cache[key]
        best = None
        order = self._step_order.get(holder, {})
        for event in events:
            found = self._escalator.next_holder(holder, event, attrs, taken=t.taken)
            if found is not None and (best is None or order[found.step] < order[best.step]):
                best = found
        self._escalation_cache[key] = best
        return best

    def _first_functional(self, holder: str, t: _Ticket) -> Any:
        from cskh_org.escalation import Handoff

        for step in self._escalator.steps_from(holder):
            if step.kind is StepKind.FUNCTIONAL and step.id not in t.taken:
                return Handoff(
                    step.id, holder, step.to, step.kind, "partner (workload)", holder, None
                )
        return None

    # -- run ------------------------------------------------------------------------------------

    def run(
        self,
        replication: int = 0,
        seed: int = 0,
        *,
        records: Callable[[TicketRecord], None] | None = None,
    ) -> ReplicationStats:
        """Run one replication; ``records`` receives every ticket when it finishes (and every
        ticket still open at the end).

        A department whose tickets go straight to always-open first-come-first-served units
        and are resolved there (no SLA, no escalation step, no outcome odds, follow-ups or
        reopenings, no mix, one staff line per unit) runs a streamlined kernel: the same
        steps and the same random draws in the same order with the general machinery left
        out, so its results are identical to the general kernel's (``kernel="general"``
        forces that one; the test suite checks they agree).
        """
        return self._run(replication, seed, records, "auto")

    def _run(
        self,
        replication: int,
        seed: int,
        records: Callable[[TicketRecord], None] | None,
        kernel: str,
    ) -> ReplicationStats:
        state = _Run(self, replication, seed, records)
        if kernel == "fast" or (kernel == "auto" and self.fast and records is None):
            if not self.fast:
                raise SimulationError("this department and workload need the general kernel")
            return state.go_fast()
        return state.go()

    def _fast_eligible(self) -> bool:
        dept, wl = self.department, self.workload
        if dept.sla is not None or (dept.escalation is not None and dept.escalation.steps):
            return False
        if wl.follow_up is not None or wl.reopen is not None:
            return False
        if any(h.resolve < 1.0 for h in wl.holders):
            return False
        for index, (stream, rates, mix) in enumerate(self._streams):
            if mix or rates is not None:
                return False
            cls = self._class(index, ())
            unit = self._units[cls.unit]
            if not unit.fifo or len(unit.groups) != 1:
                return False
            group = unit.groups[0]
            if group.timetable is not None or not cls.skills <= group.skills:
                return False
            if stream.id in {s.id for s, _, _ in self._streams[:index]}:
                return False
        return True


class _Run:
    """One replication's mutable state."""

    def __init__(
        self,
        sim: Simulation,
        replication: int,
        seed: int,
        records: Callable[[TicketRecord], None] | None,
    ) -> None:
        self.sim = sim
        self.replication = replication
        self.seed = seed
        self.records = records
        self.horizon = sim.horizon
        self.warmup = sim.warmup
        self.heap: list[tuple[float, int, int, Any]] = []
        self.seq = itertools.count()
        self.stats = ReplicationStats(replication, seed, sim.horizon - sim.warmup)
        self.class_stats: dict[int, ClassStats] = {}
        self.rngs: dict[str, random.Random] = {}
        self.service: dict[tuple[str, str], Sampler] = {}
        self.class_service: dict[int, Sampler] = {}
        """Per class: the handling-time sampler at the unit routing sends it to."""
        self.patience: dict[str, Sampler] = {}
        self.turnaround: dict[str, Sampler | None] = {}
        self.outcome = self._rng("outcome").random
        self.reopen_draw = self._rng("reopen").random
        self.follow_draw = self._rng("follow_up").random
        wl = sim.workload
        self.reopen_delay = (
            sampler(wl.reopen.delay, self._rng("reopen_delay")) if wl.reopen else None
        )
        self.follow_time = (
            sampler(wl.follow_up.time, self._rng("follow_up_time")) if wl.follow_up else None
        )
        self.follow_p = wl.follow_up.probability if wl.follow_up else 0.0
        self.follow_delay = wl.follow_up.delay.total_seconds() if wl.follow_up else 0.0
        self.reopen_p = wl.reopen.probability if wl.reopen else 0.0
        self.tickets = 0
        self.units: dict[str, UnitStats] = {}
        self.free: dict[str, list[list[float]]] = {}
        self.pools: dict[str, list[tuple[_Group, list[float]]]] = {}
        """Per unit: each staff line with the heap of its agents' free instants."""
        self.agents: dict[str, list[_Agent]] = {}
        self.queues: dict[str, dict[int, deque[Any]]] = {}
        hours = math.ceil((sim.horizon - sim.warmup) / _HOUR)
        for unit in sim._units.values():
            agents = sum(g.agents * g.fte for g in unit.groups)
            available = 0.0
            for g in unit.groups:
                span = (
                    sim.horizon - sim.warmup
                    if g.timetable is None
                    else g.timetable.open_time(sim.warmup, sim.horizon)
                )
                available += g.agents * span
            self.units[unit.id] = UnitStats(
                agents=agents,
                available=available,
                queue_area=[0.0] * hours,
                staff_cost_per_day=unit.cost_per_day,
            )
            self.free[unit.id] = [[0.0] * g.agents for g in unit.groups]
            self.pools[unit.id] = list(zip(unit.groups, self.free[unit.id], strict=True))
            self.agents[unit.id] = [_Agent(g) for g in unit.groups for _ in range(g.agents)]
            self.queues[unit.id] = {}
        self.stats.units = self.units

    def _rng(self, purpose: str) -> random.Random:
        rng = self.rngs.get(purpose)
        if rng is None:
            rng = random.Random(f"cskh-org:{self.seed}:{self.replication}:{purpose}")
            self.rngs[purpose] = rng
        return rng

    def _service(self, unit: _Unit, category: str) -> Sampler:
        key = (unit.id, category)
        found = self.service.get(key)
        if found is None:
            dist = unit.service.get(category) or unit.service.get(None)
            if dist is None:
                raise SimulationError(
                    f"unit `{unit.id}` receives `{category}` tickets but the workload gives it "
                    "no handling time; add a `service` entry for it"
                )
            found = sampler(dist, self._rng(f"service:{unit.id}"))
            self.service[key] = found
        return found

    def _stats(self, cls: _Class) -> ClassStats:
        found = self.class_stats.get(cls.index)
        if found is None:
            found = self.stats.classes.get(cls.key)
            if found is None:
                found = ClassStats()
                self.stats.classes[cls.key] = found
            for target in (cls.first_response, cls.resolution):
                if target is not None:  # counters the hot path adds to without a lookup
                    found.sla_counted.setdefault(target.name, 0)
                    found.sla_met.setdefault(target.name, 0)
            self.class_stats[cls.index] = found
        return found

    # -- the event loop -----------------------------------------------------------------------

    def go(self) -> ReplicationStats:
        sim = self.sim
        heap = self.heap
        horizon = self.horizon
        streams = sim._streams
        n_streams = len(streams)
        mixers = [self._rng(f"mix:{stream.id}") for stream, _, _ in streams]
        pick = self._rng("streams").random
        times = _arrivals(sim._rate_total, sim._hour_totals, self._rng("arrivals"), horizon)
        hour_cums = sim._hour_cums
        nxt = next(times, _INF)
        events = 0
        heappop = heapq.heappop
        classes = sim._draw_classes
        draw_cums = sim._draw_cums
        hourly = len(draw_cums) > 1
        last = len(classes) - 1
        while True:
            if nxt <= (heap[0][0] if heap else _INF):
                if nxt == _INF:
                    break
                t = nxt
                nxt = next(times, _INF)
                events += 1
                if classes:  # one draw: the stream and its attributes together
                    if last:
                        cum = draw_cums[int(t // _HOUR)] if hourly else draw_cums[0]
                        i = bisect_right(cum, pick() * cum[-1])
                        cls = classes[i if i < last else last]
                    else:
                        cls = classes[0]
                    self._arrive(cls, t)
                    continue
                index = 0
                if n_streams > 1:
                    cum = hour_cums[int(t // _HOUR)] if hour_cums else sim._rate_cum
                    index = min(bisect_right(cum, pick() * cum[-1]), n_streams - 1)
                self._arrive(self._mixed(index, mixers[index], streams[index][2]), t)
                continue
            if not heap:
                break
            t, _, kind, obj = heap[0]
            if t >= horizon:
                break
            events += 1
            heappop(heap)
            if kind == _VISIT:
                self._visit(obj, t)
            elif kind == _LEAVE:
                if obj.waiting and obj.leave_at == t:
                    obj.waiting = False
                    self._queue_area(obj.holder, obj.queued, t)
                    self._leave(obj, t)
            elif kind == _PICK:
                self._pick(obj, t)
            else:
                self._follow(obj, t)
        self.stats.events = events
        self.stats.arrived_total = self.tickets
        self._finish_open()
        return self.stats

    def go_fast(self) -> ReplicationStats:
        """The streamlined kernel (see :meth:`Simulation.run`): arrivals, a first-come-first-
        served start on the unit's one staff line (Kiefer–Wolfowitz), abandonment, and the
        statistics, inline. Exponential gaps and handling times are drawn inline with the
        same formula and random stream as their samplers."""
        from cskh_org.model.workload import Exponential

        sim = self.sim
        horizon, warmup = self.horizon, self.warmup
        plans: list[tuple[Any, ...]] = []
        for index in range(len(sim._streams)):
            cls = sim._class(index, ())
            unit = sim._units[cls.unit]
            patience = None
            if cls.patience is not None:
                patience = self.patience.get(cls.key.channel)
                if patience is None:
                    patience = sampler(cls.patience, self._rng(f"patience:{cls.key.channel}"))
                    self.patience[cls.key.channel] = patience
            service = self._service(unit, cls.category)
            dist = unit.service.get(cls.category) or unit.service.get(None)
            svc_rate = 0.0
            svc_uniform = None
            if isinstance(dist, Exponential):
                svc_rate = 1.0 / dist.mean.total_seconds()
                svc_uniform = self._rng(f"service:{unit.id}").random
            plans.append(
                (
                    self.free[unit.id][0],
                    service,
                    svc_uniform,
                    svc_rate,
                    patience,
                    self._stats(cls),
                    self.units[unit.id],
                    unit.id,
                )
            )
        last = len(plans) - 1
        uniform = self._rng("arrivals").random
        pick = self._rng("streams").random
        rate = sim._rate_total
        cum = sim._rate_cum
        stats = self.stats
        heapreplace = heapq.heapreplace
        log1p = math.log1p
        top = len(ClassStats().first_response.counts) - 1
        area_of = {uid: u.queue_area for uid, u in self.units.items()}
        n_area = math.ceil((horizon - warmup) / _HOUR)
        queue_area = self._queue_area
        arrived = finished = abandoned = open_end = 0
        in_system = 0.0
        t = 0.0
        while True:
            t += -log(1.0 - uniform()) / rate
            if t >= horizon:
                break
            index = bisect_right(cum, pick() * cum[-1]) if last else 0
            index = index if index < last else last
            (free, service, svc_uniform, svc_rate, patience, cs, us, uid) = plans[index]
            arrived += 1
            counted = t >= warmup
            if counted:
                cs.arrived += 1
            f = free[0]
            start = f if f > t else t
            if patience is not None:
                leave = t + patience()
                if start > leave:
                    end = leave if leave < horizon else horizon
                    if end > t:
                        queue_area(uid, t, end)
                    if leave >= horizon:
                        open_end += 1
                        if counted:
                            cs.in_system += 1
                    else:
                        abandoned += 1
                        if counted:
                            cs.abandoned += 1
                            cs.patience_used += leave - t
                    a = t if t > warmup else warmup
                    if end > a:
                        in_system += end - a
                    continue
            if start >= horizon:
                queue_area(uid, t, horizon)
                open_end += 1
                if counted:
                    cs.in_system += 1
                in_system += horizon - (t if t > warmup else warmup)
                continue
            work = -log(1.0 - svc_uniform()) / svc_rate if svc_uniform is not None else service()
            end = start + work
            heapreplace(free, end)
            if start > t:
                # the wait, hour by hour, into the unit's queue-length series
                a = t if t > warmup else warmup
                if start > a:
                    h = int((a - warmup) // _HOUR)
                    if start <= warmup + (h + 1) * _HOUR and h < n_area:
                        area_of[uid][h] += start - a
                    else:
                        queue_area(uid, a, start)
            a = start if start > warmup else warmup
            b = end if end < horizon else horizon
            if b > a:
                us.busy += b - a
            if start >= warmup:
                us.visits += 1
            if counted:
                wait = start - t
                cs.answered += 1
                hist = cs.first_response
                hist.counts[min(1 + int(log1p(wait) * BINS_PER_E), top) if wait > 0.0 else 0] += 1
                hist.n += 1
                hist.total += wait
                hist.squares += wait * wait
            if end >= horizon:
                open_end += 1
                if counted:
                    cs.in_system += 1
                in_system += horizon - (t if t > warmup else warmup)
                continue
            finished += 1
            if end > warmup:
                in_system += end - (t if t > warmup else warmup)
            if counted:
                spent = end - t
                cs.resolved += 1
                hist = cs.resolution
                hist.counts[min(1 + int(log1p(spent) * BINS_PER_E), top) if spent > 0.0 else 0] += 1
                hist.n += 1
                hist.total += spent
                hist.squares += spent * spent
                cs.handoffs[1] += 1
                cs.first_contact += 1
        self.tickets = arrived
        stats.arrived_total += arrived
        stats.finished_total += finished
        stats.abandoned_total += abandoned
        stats.in_system_total += open_end
        stats.time_in_system += in_system
        stats.events = arrived
        return stats

    def _finish_open(self) -> None:
        """Tickets still open at the end: pending visits and tickets waiting in queues."""
        seen: set[int] = set()
        for _t, _, kind, obj in self.heap:
            if kind == _VISIT and obj.ident not in seen:
                seen.add(obj.ident)
                self._open_at_end(obj)
        for queues in self.queues.values():
            for queue in queues.values():
                for obj in queue:
                    if isinstance(obj, _Ticket) and obj.waiting and obj.ident not in seen:
                        seen.add(obj.ident)
                        self._queue_area(obj.holder, obj.queued, self.horizon)
                        self._open_at_end(obj)

    # -- arrivals -------------------------------------------------------------------------------

    def _mixed(self, index: int, mixer: random.Random, mix: Sequence[Any]) -> _Class:
        """The class of an arrival of stream ``index``, its mix drawn attribute by attribute
        (streams with too many combinations to enumerate)."""
        uniform = mixer.random
        picks = tuple(
            names[min(bisect_right(cum, uniform() * cum[-1]), len(cum) - 1)]
            for _name, names, cum in mix
        )
        return self.sim._class_index.get((index, picks)) or self.sim._class(index, picks)

    def _arrive(self, cls: _Class, t: float) -> None:
        self.tickets += 1
        counted = t >= self.warmup
        ticket = _Ticket(self.tickets, cls, t, counted)
        if counted:
            cs = self.class_stats.get(cls.index) or self._stats(cls)
            cs.arrived += 1
        if self.records is not None:
            ticket.holders = []
        if cls.patience is not None:
            draw = self.patience.get(cls.key.channel)
            if draw is None:
                draw = sampler(cls.patience, self._rng(f"patience:{cls.key.channel}"))
                self.patience[cls.key.channel] = draw
            ticket.patience_at = ticket.leave_at = t + draw()
        unit = cls.station
        if unit is not None and unit.fifo and ticket.holders is None:
            # the first visit, in short (see _visit): the ticket is at its routed unit
            if cls.waits:
                at = self._waiting_escalation_at(ticket, unit.id, exact=False)
                if at < ticket.leave_at:
                    ticket.leave_at = at
                    ticket.rough = True
            self._fifo(unit, ticket, t)
        else:
            self._visit(ticket, t)

    # -- visits ----------------------------------------------------------------------------------

    def _visit(self, ticket: _Ticket, t: float) -> None:
        holder = ticket.holder
        if ticket.holders is not None:
            ticket.holders.append(holder)
        unit = self.sim._units.get(holder)
        if unit is None:
            self._external(ticket, holder, t)
            return
        # the route's skills bind at the routed unit; escalated, any agent may take it
        cls = ticket.cls
        ticket.skills = cls.skills if holder == cls.unit else _NO_SKILLS
        ticket.leave_at = ticket.patience_at if ticket.first is None else _INF
        ticket.rough = False
        if ticket.first is None and self.sim._waiting_triggers.get(holder):
            at = self._waiting_escalation_at(ticket, holder, exact=not unit.fifo)
            if at < ticket.leave_at:
                ticket.leave_at = at
                ticket.rough = unit.fifo
        if unit.fifo:
            self._fifo(unit, ticket, t)
        else:
            self._enqueue(unit, ticket, t)

    def _fifo(self, unit: _Unit, ticket: _Ticket, t: float) -> None:
        best = _INF
        best_heap: list[float] | None = None
        skills = ticket.skills
        for g, free in self.pools[unit.id]:
            if skills and not skills <= g.skills:
                continue
            f = free[0]
            s = f if f > t else t
            tt = g.timetable
            if tt is not None:
                ends = tt.ends
                if ends and ends[-1] > s:  # the common case, inline: s within known openings
                    opening = tt.starts[bisect_right(ends, s)]
                    s = opening if opening > s else s
                else:
                    s = tt.next_open(s)
            if s < best:
                best, best_heap = s, free
        if best_heap is None:
            self._stuck(unit, ticket, t)
            return
        if best > ticket.leave_at and ticket.rough:
            ticket.rough = False
            exact = self._waiting_escalation_at(ticket, unit.id)
            ticket.leave_at = min(ticket.patience_at, exact)
        if best > ticket.leave_at:
            self._queue_area(unit.id, t, ticket.leave_at)
            if ticket.leave_at >= self.horizon:
                self._open_at_end(ticket)
            else:
                self._leave(ticket, ticket.leave_at)
            return
        if best >= self.horizon:
            self._queue_area(unit.id, t, self.horizon)
            self._open_at_end(ticket)
            return
        cls = ticket.cls
        if unit is cls.station:
            draw = self.class_service.get(cls.index)
            if draw is None:
                draw = self.class_service[cls.index] = self._service(unit, cls.category)
        else:
            draw = self.service.get((unit.id, cls.category)) or self._service(unit, cls.category)
        service = draw()
        heapq.heapreplace(best_heap, best + service)
        self._started(unit, ticket, t, best, service)

    def _started(
        self, unit: _Unit, ticket: _Ticket, queued: float, t: float, service: float
    ) -> None:
        u = self.units[unit.id]
        warmup, horizon = self.warmup, self.horizon
        if t > queued:
            a = queued if queued > warmup else warmup
            h = int((a - warmup) // _HOUR)
            if t <= warmup + (h + 1) * _HOUR and a < t and h < len(u.queue_area):
                u.queue_area[h] += t - a  # the wait is within one hour: the common case
            else:
                self._queue_area(unit.id, queued, t)
        end = t + service
        a = t if t > warmup else warmup
        b = end if end < horizon else horizon
        if b > a:
            u.busy += b - a
        if t >= warmup:
            u.visits += 1
        ticket.visits += 1
        if ticket.first is None:
            ticket.first = t
            if ticket.counted:
                cs = self.class_stats.get(ticket.cls.index) or self._stats(ticket.cls)
                cs.answered += 1
                wait = t - ticket.arrived
                hist = cs.first_response
                hist.counts[1 + int(log1p(wait) * BINS_PER_E) if wait > 0.0 else 0] += 1
                hist.n += 1
                hist.total += wait
                hist.squares += wait * wait
                target = ticket.cls.first_response
                if target is not None:
                    cs.sla_counted["first_response"] += 1
                    if wait <= target.within or t <= _due(ticket, target):
                        cs.sla_met["first_response"] += 1
        if end >= self.horizon:
            self._open_at_end(ticket)
            return
        if unit.id in self.sim._deciders or ticket.returning is not None:
            self._after(ticket, unit.id, end)
        else:
            self._resolve(ticket, unit.id, end)  # no trigger, no odds: resolved

    def _stuck(self, unit: _Unit, ticket: _Ticket, t: float) -> None:
        if not unit.groups:
            raise SimulationError(
                f"unit `{unit.id}` receives tickets but has no staff; staff it or route elsewhere"
            )
        raise SimulationError(
            f"unit `{unit.id}` receives tickets that need skills "
            f"{', '.join(sorted(ticket.skills))} but no agent of it has them all; add the "
            "skills to a role or staff line of the unit"
        )

    # -- priority stations ---------------------------------------------------------------------

    def _enqueue(self, unit: _Unit, ticket: _Ticket, t: float) -> None:
        agents = self.agents[unit.id]
        if not agents or not any(
            not ticket.skills or ticket.skills <= a.group.skills for a in agents
        ):
            self._stuck(unit, ticket, t)
        best, best_agent = _INF, None
        for agent in agents:
            if agent.busy or (ticket.skills and not ticket.skills <= agent.group.skills):
                continue
            s = agent.free_at if agent.free_at > t else t
            tt = agent.group.timetable
            if tt is not None:
                s = tt.next_open(s)
            if s < best:
                best, best_agent = s, agent
        if best_agent is not None and best == t:
            self._start_agent(unit, best_agent, ticket, t, t)
            return
        ticket.waiting = True
        ticket.queued = t
        self.queues[unit.id].setdefault(ticket.level, deque()).append(ticket)
        self._wake(unit, ticket.skills, t)
        if ticket.leave_at < _INF:
            heapq.heappush(self.heap, (ticket.leave_at, next(self.seq), _LEAVE, ticket))

    def _start_agent(
        self, unit: _Unit, agent: _Agent, ticket: Any, queued: float, t: float
    ) -> None:
        if isinstance(ticket, _Job):
            service = self._follow_time()
        else:
            service = self._service(unit, ticket.cls.category)()
        agent.busy = True
        end = t + service
        agent.free_at = end
        nxt = end if agent.group.timetable is None else agent.group.timetable.next_open(end)
        agent.pick_at = nxt
        heapq.heappush(self.heap, (nxt, next(self.seq), _PICK, (unit, agent)))
        if isinstance(ticket, _Job):
            self._job_done(unit, t, service)
            return
        ticket.waiting = False
        self._started(unit, ticket, queued, t, service)

    def _pick(self, obj: tuple[_Unit, _Agent], t: float) -> None:
        unit, agent = obj
        if agent.pick_at != t:
            return  # a later event superseded this one
        agent.pick_at = _INF
        agent.busy = False
        queues = self.queues[unit.id]
        skills = agent.group.skills
        for level in sorted(queues, reverse=True):
            queue = queues[level]
            while queue and not (isinstance(queue[0], _Job) or queue[0].waiting):
                queue.popleft()
            for i, item in enumerate(queue):
                if isinstance(item, _Ticket) and not item.waiting:
                    continue
                if item.skills and not item.skills <= skills:
                    continue
                del queue[i]
                queued = item.queued if isinstance(item, _Ticket) else t
                self._start_agent(unit, agent, item, queued, t)
                return
        agent.free_at = t

    # -- leaving the queue ---------------------------------------------------------------------

    def _waiting_escalation_at(self, ticket: _Ticket, holder: str, exact: bool = True) -> float:
        """When a step of ``holder`` on a first-response breach or warning takes the ticket
        while it waits (infinity: never). Not ``exact``: a lower bound that costs nothing
        (business time never runs faster than the clock), which the FIFO station refines
        only when a ticket would wait that long."""
        target = ticket.cls.first_response
        if target is None:
            return _INF
        key = (holder, ticket.cls.index, ticket.taken)
        percent = (
            self.sim._waiting_percent.get(key, -1)
            if ticket.taken
            else (ticket.cls.waiting_percent.get(holder, -1))
        )
        if percent == -1:
            percent = None
            for p, events in self.sim.waiting_events(holder, target):
                if self.sim._handoff(holder, events, ticket) is not None:
                    percent = p
                    break
            self.sim._waiting_percent[key] = percent
            if not ticket.taken:
                ticket.cls.waiting_percent[holder] = percent
        if percent is None:
            return _INF
        if not exact:
            return ticket.arrived + target.within * (percent if percent < 100 else 100) / 100
        if percent >= 100:
            return _due(ticket, target)
        span = target.within * percent / 100
        tt = target.timetable
        return ticket.arrived + span if tt is None else tt.add(ticket.arrived, span)

    def _leave(self, ticket: _Ticket, t: float) -> None:
        """The ticket leaves the queue at ``t``: its customer gives up, or a first-response
        step takes it."""
        if t < ticket.patience_at:
            handoff = self._waiting_handoff(ticket, t)
            if handoff is not None:
                self._hand(ticket, handoff, t)
                return
        self.stats.abandoned_total += 1
        self._in_window(ticket, t)
        if ticket.counted:
            cs = self._stats(ticket.cls)
            cs.abandoned += 1
            cs.patience_used += t - ticket.arrived
        self._record(ticket, None, "abandoned")

    def _waiting_handoff(self, ticket: _Ticket, t: float) -> Any:
        target = ticket.cls.first_response
        if target is None:
            return None
        for _percent, events in self.sim.waiting_events(ticket.holder, target):
            found = self.sim._handoff(ticket.holder, events, ticket)
            if found is not None:
                return found
        return None

    # -- after a visit ---------------------------------------------------------------------------

    def _after(self, ticket: _Ticket, holder: str, t: float) -> None:
        """Decide what happens to ``ticket`` when its visit at ``holder`` ends at ``t``."""
        if ticket.returning is not None:
            back = ticket.returning
            ticket.returning = None
            ticket.holder = back
            heapq.heappush(self.heap, (t, next(self.seq), _VISIT, ticket))
            return
        sim = self.sim
        auto = sim._auto.get(holder)
        if not auto and holder not in sim._behaviour:
            self._resolve(ticket, holder, t)
            return
        handoff = None
        if auto:
            sla: tuple[EscalationEvent, ...] = ()
            # before the earliest warning or breach of any target nothing SLA-driven fires
            if holder in sim._auto_sla and t - ticket.arrived >= ticket.cls.quiet:
                sla = self._sla_events(ticket, holder, t, auto)
            reopens = ticket.reopens if holder in sim._reopen_holders else 0
            # what fires depends on the holder, the class, the steps taken and these events
            plain = not (sla or reopens or ticket.taken)
            static = ticket.cls.after_static
            if plain and holder in static:
                handoff = static[holder]
            else:
                key = (holder, ticket.cls.index, ticket.taken, sla, reopens)
                cache = sim._after_cache
                if key in cache:
                    handoff = cache[key]
                else:
                    events = self._events(ticket, auto, sla)
                    handoff = sim._handoff(holder, events, ticket) if events else None
                    cache[key] = handoff
                if plain:
                    static[holder] = handoff
        if handoff is None:
            behaviour = sim._behaviour.get(holder)
            if behaviour is not None and behaviour.resolve < 1.0:
                x = self.outcome()
                if x >= behaviour.resolve:
                    if x < behaviour.resolve + behaviour.escalate:
                        handoff = sim._handoff(holder, (_EVENTS.manual,), ticket)
                    else:
                        handoff = sim._first_functional(holder, ticket)
        if handoff is not None:
            self._hand(ticket, handoff, t)
            return
        self._resolve(ticket, holder, t)

    def _sla_events(
        self, ticket: _Ticket, holder: str, t: float, auto: frozenset[TriggerKind]
    ) -> tuple[EscalationEvent, ...]:
        """The SLA breach and warning events of the ticket's targets (first response aside:
        it is decided while the ticket waits) at the end of a visit at ``t``."""
        ev = _EVENTS
        out: list[EscalationEvent] = []
        for target in ticket.cls.targets:
            if target.name == "first_response":
                continue
            name = target.name
            spent = t - ticket.arrived  # business time never runs faster than the clock
            if (
                TriggerKind.SLA_BREACH in auto
                and spent > target.within
                and t > _due(ticket, target)
            ):
                out.append(ev.breach(name))
            if TriggerKind.SLA_WARNING in auto:
                marks = self.sim._percent_list.get(holder)
                lowest = min(target.warn_at, marks[0]) if marks else target.warn_at
                if spent * 100 < target.within * lowest:
                    continue
                elapsed = self._elapsed_percent(ticket, target, t)
                if elapsed >= target.warn_at:
                    out.append(ev.warning(name, None))
                for percent in self.sim._percent_list.get(holder, ()):
                    if elapsed >= percent:
                        out.append(ev.warning(name, percent))
        return tuple(out)

    def _events(
        self,
        ticket: _Ticket,
        auto: frozenset[TriggerKind],
        sla: tuple[EscalationEvent, ...],
    ) -> tuple[EscalationEvent, ...]:
        ev = _EVENTS
        out = list(sla)
        attrs = ticket.cls.attributes
        if TriggerKind.TIER in auto and "tier" in attrs:
            out.append(ev.tier)
        if TriggerKind.CATEGORY in auto and "category" in attrs:
            out.append(ev.category)
        if TriggerKind.REOPENED in auto and ticket.reopens:
            out.append(ev.reopened(ticket.reopens))
        return tuple(out)

    def _elapsed_percent(self, ticket: _Ticket, target: _Target, t: float) -> int:
        tt = target.timetable
        used = t - ticket.arrived if tt is None else tt.open_time(ticket.arrived, t)
        return int(100 * used / target.within)

    def _hand(self, ticket: _Ticket, handoff: Any, t: float) -> None:
        ticket.taken = ticket.taken | {handoff.step}
        ticket.handoffs += 2 if handoff.kind is StepKind.FUNCTIONAL else 1
        ticket.escalated = True
        if handoff.kind is StepKind.FUNCTIONAL:
            ticket.returning = handoff.from_holder
        ticket.holder = handoff.to_holder
        heapq.heappush(self.heap, (t, next(self.seq), _VISIT, ticket))

    def _external(self, ticket: _Ticket, holder: str, t: float) -> None:
        draw = self.turnaround.get(holder, ...)
        if draw is ...:
            behaviour = self.sim._behaviour.get(holder)
            dist = behaviour.turnaround if behaviour is not None else None
            draw = sampler(dist, self._rng(f"turnaround:{holder}")) if dist else None
            self.turnaround[holder] = draw
        end = t + (draw() if draw is not None else 0.0)
        ticket.visits += 1
        if end >= self.horizon:
            self._open_at_end(ticket)
            return
        self._after(ticket, holder, end)

    # -- endings ----------------------------------------------------------------------------------

    def _resolve(self, ticket: _Ticket, holder: str, t: float) -> None:
        sim = self.sim
        if self.follow_p > 0.0 and holder in sim._units and self.follow_draw() < self.follow_p:
            # (a follow-up is agent time at the unit that resolved the ticket)
            at = t + self.follow_delay
            if at < self.horizon:
                job = _Job(holder, _NO_SKILLS)
                heapq.heappush(self.heap, (at, next(self.seq), _FOLLOW, job))
        if (
            self.reopen_p > 0.0
            and self.reopen_delay is not None
            and ticket.reopens < MAX_REOPENS
            and self.reopen_draw() < self.reopen_p
        ):
            at = t + self.reopen_delay()
            if at < self.horizon:
                ticket.reopens += 1
                if ticket.counted:
                    self._stats(ticket.cls).reopened += 1
                ticket.holder = holder
                if holder in sim._reopen_holders:
                    event = _EVENTS.reopened(ticket.reopens)
                    handoff = sim._handoff(holder, (event,), ticket)
                    if handoff is not None:
                        self._hand(ticket, handoff, at)
                        return
                heapq.heappush(self.heap, (at, next(self.seq), _VISIT, ticket))
                return
        stats = self.stats
        stats.finished_total += 1
        arrived = ticket.arrived
        a = arrived if arrived > self.warmup else self.warmup
        if t > a:  # t is before the horizon here
            stats.time_in_system += t - a
        if ticket.counted:
            cs = self.class_stats.get(ticket.cls.index) or self._stats(ticket.cls)
            cs.resolved += 1
            spent = t - ticket.arrived
            hist = cs.resolution
            hist.counts[1 + int(log1p(spent) * BINS_PER_E) if spent > 0.0 else 0] += 1
            hist.n += 1
            hist.total += spent
            hist.squares += spent * spent
            target = ticket.cls.resolution
            if target is not None:
                cs.sla_counted["resolution"] += 1
                if spent <= target.within or t <= _due(ticket, target):
                    cs.sla_met["resolution"] += 1
            handoffs = ticket.handoffs
            cs.handoffs[handoffs if handoffs < 15 else 15] += 1
            if ticket.escalated:
                cs.escalated += 1
            elif ticket.visits == 1 and ticket.reopens == 0:
                cs.first_contact += 1
        if self.records is not None:
            self._record(ticket, t, "resolved")

    def _open_at_end(self, ticket: _Ticket) -> None:
        self.stats.in_system_total += 1
        self._in_window(ticket, self.horizon)
        if ticket.counted:
            self._stats(ticket.cls).in_system += 1
        self._record(ticket, None, "open")

    def _in_window(self, ticket: _Ticket, end: float) -> None:
        a = ticket.arrived if ticket.arrived > self.warmup else self.warmup
        b = end if end < self.horizon else self.horizon
        if b > a:
            self.stats.time_in_system += b - a

    def _record(self, ticket: _Ticket, closed: float | None, outcome: str) -> None:
        if self.records is None:
            return
        cls = ticket.cls
        met = {}
        for target in cls.targets:
            due = _due(ticket, target)
            if target.name == "first_response" and ticket.first is not None:
                met[target.name] = ticket.first <= due
            elif target.name == "resolution" and closed is not None:
                met[target.name] = closed <= due
        self.records(
            TicketRecord(
                self.replication,
                ticket.ident,
                cls.stream,
                cls.unit,
                cls.key.channel,
                cls.key.priority,
                cls.key.tier,
                cls.category,
                ticket.arrived,
                ticket.first,
                closed,
                outcome,
                ticket.handoffs,
                tuple(ticket.holders or ()),
                ticket.reopens,
                met,
            )
        )

    # -- follow-ups -------------------------------------------------------------------------------

    def _follow_time(self) -> float:
        assert self.follow_time is not None
        return self.follow_time()

    def _follow(self, job: _Job, t: float) -> None:
        unit = self.sim._units[job.unit]
        if not unit.groups:
            return
        if unit.fifo:
            best, best_heap = _INF, None
            for g, free in self.pools[unit.id]:
                f = free[0]
                s = f if f > t else t
                if g.timetable is not None:
                    s = g.timetable.next_open(s)
                if s < best:
                    best, best_heap = s, free
            if best_heap is None or best >= self.horizon:
                return
            service = self._follow_time()
            heapq.heapreplace(best_heap, best + service)
            self._job_done(unit, best, service)
            return
        self.queues[unit.id].setdefault(-1, deque()).append(job)
        self._wake(unit, job.skills, t)

    def _wake(self, unit: _Unit, skills: frozenset[str], t: float) -> None:
        """Every idle agent who may take work needing ``skills`` picks at its next opening."""
        for agent in self.agents[unit.id]:
            if agent.busy or agent.pick_at != _INF:
                continue
            if skills and not skills <= agent.group.skills:
                continue
            s = agent.free_at if agent.free_at > t else t
            tt = agent.group.timetable
            if tt is not None:
                s = tt.next_open(s)
            agent.pick_at = s
            heapq.heappush(self.heap, (s, next(self.seq), _PICK, (unit, agent)))

    def _job_done(self, unit: _Unit, t: float, service: float) -> None:
        u = self.units[unit.id]
        a, b = max(t, self.warmup), min(t + service, self.horizon)
        if b > a:
            u.busy += b - a
        if t >= self.warmup:
            u.follow_ups += 1

    # -- queue length -----------------------------------------------------------------------------

    def _queue_area(self, unit: str, a: float, b: float) -> None:
        warmup = self.warmup
        a = max(a, warmup)
        b = min(b, self.horizon)
        if b <= a:
            return
        area = self.units[unit].queue_area
        h = int((a - warmup) // _HOUR)
        while a < b and h < len(area):
            edge = warmup + (h + 1) * _HOUR
            top = edge if edge < b else b
            area[h] += top - a
            a = top
            h += 1


def _due(ticket: _Ticket, target: _Target) -> float:
    """When ``target`` falls due for ``ticket`` (worked out once, on first need)."""
    dues = ticket.dues
    if dues is None:
        dues = ticket.dues = {}
    due = dues.get(target.name)
    if due is None:
        tt = target.timetable
        t = ticket.arrived
        due = t + target.within if tt is None else tt.add(t, target.within)
        dues[target.name] = due
    return due


def _arrivals(
    rate: float, rates: list[float] | None, rng: random.Random, horizon: float
) -> Iterator[float]:
    """Arrival instants of a Poisson stream: constant ``rate`` per second, or piecewise
    constant by hour (``rates``), by inverting the cumulative rate."""
    uniform = rng.random
    t = 0.0
    if rates is None:
        while True:
            t += -log(1.0 - uniform()) / rate
            if t >= horizon:
                return
            yield t
    hour = 0
    last = len(rates) - 1
    while True:
        need = -log(1.0 - uniform())
        while True:
            lam = rates[hour]
            edge = (hour + 1) * _HOUR
            room = (edge - t) * lam
            if need < room:
                t += need / lam
                break
            need -= room
            t = edge
            hour += 1
            if hour > last or t >= horizon:
                return
        if t >= horizon:
            return
        yield t
