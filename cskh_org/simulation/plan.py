"""The compile step: a department and a workload become a :class:`Plan`, the typed, read-only
description the kernels run.

A plan holds the units as :class:`Station` values (their staff lines as
:class:`AgentGroup` values with their timetables, their discipline and handling times), the
streams and their arrival rates (:mod:`cskh_org.simulation.arrivals`), the ticket classes
(:class:`TicketClass`: one per attribute combination, with its route, SLA targets and
statistics key), the escalation steps (:class:`~cskh_org.simulation.handoffs.Handoffs`) and
whether the streamlined kernel may run it (:attr:`Plan.fast`).

Disciplines
-----------
A unit that only ever gets tickets of one priority is a first-come-first-served station: a
ticket's start is known when it arrives (the eligible agent who can start first, as in the
Kiefer–Wolfowitz recursion), so it needs no queue and no events of its own. A unit that
gets several priorities keeps priority queues and completion events. Both give the same
waits under first come first served; the choice is made here, once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from cskh_org.errors import SimulationError, UsageError
from cskh_org.model.org import Calendar, Weekday
from cskh_org.model.sla import BusinessDays, Clock
from cskh_org.model.working_time import minutes_of
from cskh_org.money import exact_sum
from cskh_org.routing.numbers import department_conditions, drawn_regions
from cskh_org.routing.reference import condition_holds
from cskh_org.simulation.arrivals import (
    HOUR,
    ArrivalRates,
    LocalHours,
    arrival_rates,
    local_hours,
    profile_rates,
    special_day_factors,
)
from cskh_org.simulation.handoffs import Handoffs
from cskh_org.simulation.stats import ClassKey
from cskh_org.simulation.timetable import Timetable
from cskh_org.working_time import Duty, Ranges, duty_calendar, line_calendar, unit_duties

if TYPE_CHECKING:
    from cskh_org.model import Department, Unit
    from cskh_org.model.routing import Condition
    from cskh_org.model.workload import (
        Distribution,
        HolderBehaviour,
        Profile,
        Stream,
        Workload,
    )
    from cskh_org.routing import Decision

__all__ = [
    "MAX_COMBOS",
    "MAX_DAYS",
    "MAX_STAFFING_WEEKS",
    "AgentGroup",
    "CompiledStream",
    "Plan",
    "SlaTarget",
    "Stage",
    "Station",
    "TicketClass",
]

MAX_COMBOS: Final = 100_000
"""Attribute combinations enumerated to decide the stations' disciplines (beyond it every
unit keeps priority queues and arrivals draw their attributes one by one)."""
DAY: Final = 86_400.0
MAX_DAYS: Final = 3650
"""The longest simulated period, in days (ten years)."""
MAX_STAFFING_WEEKS: Final = 52
"""The longest period of agents on duty (``staffing_weeks``) that repeats, in weeks."""
_MONTH_DAYS: Final = 365.25 / 12
_INF: Final = math.inf


@dataclass(frozen=True, slots=True)
class AgentGroup:
    """Agents of one staff line (same skills, calendar and FTE)."""

    skills: frozenset[str]
    timetable: Timetable | None
    """When they work (``None``: always)."""
    agents: int
    fte: float


@dataclass(frozen=True, slots=True)
class SlaTarget:
    """An SLA target of a ticket class: its length and the timetable it counts on."""

    name: str
    within: float
    """Seconds of the target, on its timetable (business time never runs faster than the
    clock, so also a lower bound of its clock time); for business days 0.0, a lower bound
    that decides nothing (how long they allow depends on the ticket: see :attr:`days`)."""
    timetable: Timetable | None
    warn_at: int
    days: int = 0
    """Business days (``1bd``: :meth:`Timetable.add_days`), 0 for a duration; each ticket's
    due instant and its working time to it stand for :attr:`within`
    (:func:`~cskh_org.simulation.tickets.allowed`)."""


@dataclass(frozen=True, slots=True, eq=False)
class Station:
    """A unit as the kernels see it.

    Concurrency (``Unit.concurrency``) gives each agent a capacity of 1 and each ticket of
    channel ``c`` a weight ``1/N_c``. When every ticket that can reach the unit (routed there,
    escalated there, its follow-ups) has the same weight ``1/N``, an agent is ``N``
    independent slots (:attr:`slots`), each taking one ticket at a time on the agent's
    timetable: both kernels run that as ``N`` times the agents. Otherwise the station shares
    capacity exactly (:attr:`capacity`): the general kernel keeps each agent's capacity in
    use, in whole units of :attr:`capacity` per agent, and its priority queues."""

    id: str
    groups: tuple[AgentGroup, ...]
    fifo: bool
    """First come first served (no queue of its own); else priority queues."""
    cost_per_day: float
    fte: float = 0.0
    """The unit's staff in full-time equivalents (headcount × FTE of its lines), whatever
    hours they are on duty."""
    slots: int = 1
    """Tickets an agent holds at once when they all weigh the same (the kernels run
    ``agents × slots`` servers, and count busy time per slot)."""
    capacity: int = 0
    """An agent's capacity in whole units when tickets of different weights share it (the
    least common multiple of the unit's concurrencies); 0: not shared."""
    weights: Mapping[str, int] = dataclasses.field(default_factory=dict)
    """With :attr:`capacity`: the units a ticket of each channel takes (a channel not listed
    takes the whole capacity)."""
    wraps: bool = False
    """Whether a service entry of the unit has after-contact work."""
    timed: bool = False
    """Whether some of its agents work by a timetable (so a service may run past the end of
    their duty: overtime); ``False``: every agent is always on duty."""


@dataclass(frozen=True, slots=True)
class CompiledStream:
    """A workload stream: its rates (``None``: constant) and the attributes it draws per
    ticket, each as its name, its values and their cumulative weights: the ``mix``, then the
    ``draw`` (a number attribute's values are the regions its conditions tell apart,
    :func:`cskh_org.routing.numbers.drawn_regions`, weighted by their probabilities)."""

    stream: Stream
    rates: Sequence[float] | None
    """Arrivals per second in each piece of :attr:`Plan.local_hours` (``None``: constant)."""
    mix: tuple[tuple[str, tuple[Any, ...], tuple[float, ...]], ...]
    weights: tuple[tuple[float, ...], ...] = ()
    """The weights of each attribute's values, in the order of :attr:`mix`."""


@dataclass(frozen=True, slots=True)
class Stage:
    """The self-service stage (chatbot, IVR) the tickets of a class pass before the router
    (:class:`~cskh_org.model.workload.SelfService`), with the share of them it resolves."""

    id: str
    time: Distribution
    """The time in the stage (each run draws it from its ``self_service_time:<id>``
    stream)."""
    containment: float
    """The share of the class's tickets resolved there (each run draws from its
    ``self_service:<id>`` stream)."""


@dataclass(frozen=True, slots=True, eq=False)
class TicketClass:
    """Tickets with the same attributes: their route, SLA and statistics key."""

    index: int
    stream: str
    attributes: Mapping[str, Any]
    key: ClassKey
    category: str
    unit: str
    skills: frozenset[str]
    level: int
    targets: tuple[SlaTarget, ...]
    first_response: SlaTarget | None
    """The first-response target among ``targets``."""
    resolution: SlaTarget | None
    """The resolution target among ``targets``."""
    patience: Distribution | None
    """The channel's patience (drawn from each run's own random stream)."""
    quiet: float
    """Seconds after arrival before which no resolution or next-response target can warn
    or breach (business time never runs faster than the clock)."""
    station: Station
    """The unit routing sends the tickets to."""
    waits: bool
    """Whether a step of that unit may take its tickets while they wait."""
    stage: Stage | None = None
    """The self-service stage its tickets pass first (``None``: straight to the router)."""
    waiting_percent: dict[str, int | None] = dataclasses.field(default_factory=dict)
    """A memo the general kernel fills: per holder, the percent of the first-response target
    at which a step of the holder takes a waiting ticket of this class that has taken no
    step (``None``: never). It depends only on the plan."""
    after_static: dict[str, Any] = dataclasses.field(default_factory=dict)
    """A memo the general kernel fills: per holder, the step that fires after a visit of a
    ticket of this class that has taken no step, was never reopened and has no SLA warning
    or breach (``None``: none). It depends only on the plan."""
    next_response: SlaTarget | None = None
    """The next-response target: measured from each reopening (the customer writes again)
    to the start of the ticket's next agent visit; not among ``targets``, whose figures count
    once per ticket."""


def _settling(workload: Workload) -> float:
    """The workload's longest follow-up delay or mean reopen delay, in seconds."""
    from cskh_org.model.workload import mean_seconds

    delays = [0.0]
    if workload.follow_up is not None:
        delays.append(workload.follow_up.delay.total_seconds())
    if workload.reopen is not None:
        delays.append(mean_seconds(workload.reopen.delay))
    return max(delays)


class Plan:
    """A department and a workload compiled for simulation over ``days`` (``warmup``
    ``None``: the workload's).

    Raises :class:`~cskh_org.errors.SimulationError` when the pair cannot be simulated (no
    routing, a stream routed to something that is not a unit…).
    """

    def __init__(
        self,
        department: Department,
        workload: Workload,
        *,
        days: float = 7.0,
        warmup: dt.timedelta | None = None,
        staffing: Mapping[str, Sequence[int]] | None = None,
        staffing_weeks: int = 1,
        staffing_start: dt.date | None = None,
        skill_groups: Mapping[str, tuple[str, frozenset[str]]] | None = None,
    ) -> None:
        self._staffed_timetables: Final[
            dict[tuple[str, tuple[tuple[int, int], ...], int, dt.date | None], Timetable]
        ] = {}
        """The timetables of levels of agents on duty (:meth:`_staffed`), by unit, ranges of
        the period, its weeks and the Monday it is aligned on, so that a plan restaffed
        (:meth:`restaff`) works out each one once."""
        self._staffing_counts: Final = dict(staffing or {})
        """Per unit given: its agents on duty in each interval of the period (equal intervals
        from Monday 00:00 local time), instead of its staff lines' (:meth:`_staffed`); or per
        skill group of a unit (a key of ``skill_groups``)."""
        self._skill_groups: Final = dict(skill_groups or {})
        """The keys of ``staffing`` that are skill groups: each its unit and its agents'
        skills (the agents of a unit's key take every skill of its lines; a unit staffed by
        skill groups has the agents of all of them, and no others)."""
        for key, (uid, _skills) in self._skill_groups.items():
            if uid not in department.units_by_id or key in department.units_by_id:
                raise SimulationError.of("error.simulation.staffing", unit=key, count=0)
        if (
            isinstance(staffing_weeks, bool)
            or not isinstance(staffing_weeks, int)
            or not 1 <= staffing_weeks <= MAX_STAFFING_WEEKS
        ):
            raise SimulationError.of(
                "error.simulation.staffing-weeks",
                weeks=f"{staffing_weeks!r:.20}",
                most=MAX_STAFFING_WEEKS,
            )
        if staffing_start is not None and staffing_start.weekday() != 0:
            raise SimulationError.of("error.simulation.staffing-start", start=staffing_start)
        self._staffing_weeks: Final = staffing_weeks
        """The period ``staffing``'s counts cover, repeated, in weeks: a length of counts is
        so many intervals of a period of this many weeks, never ambiguous."""
        self._staffing_start: Final = staffing_start
        """The Monday a period of several weeks is aligned on (``None``: the Monday of the
        simulated start's local week)."""
        if not days > 0 or days > MAX_DAYS:
            raise SimulationError.of("error.simulation.days", days=days)
        self.department: Final = department
        self.workload: Final = workload
        self.days: Final = days
        self.horizon: Final = days * DAY
        """Seconds simulated."""
        self.settling: Final = _settling(workload)
        """Seconds the workload takes to reach its steady state: its longest follow-up delay
        or mean reopen delay (a ticket resolved at the start comes back that much later)."""
        self._default_warmup = warmup is None and "warmup" not in workload.model_fields_set
        if self._default_warmup:
            # no warm-up written: cover the settling time, if the simulated period allows it
            settle = dt.timedelta(seconds=self.settling)
            span = settle if settle < dt.timedelta(days=days) / 2 else workload.warmup
        else:
            span = workload.warmup if warmup is None else warmup
        self.warmup: Final = span.total_seconds()
        """Seconds at the start whose arrivals are not counted."""
        if not 0 <= self.warmup < self.horizon:
            raise SimulationError.of("error.simulation.warmup", span=str(span), days=f"{days:g}")
        self.origin: Final = workload.start
        if department.routing is None:
            raise SimulationError.of("error.simulation.no-routing", department=department.id)
        from cskh_org.calendars import BusinessCalendar
        from cskh_org.escalation import Escalator

        self._router = department.router()
        self._unit_ids = frozenset(u.id for u in department.units)
        self._calendars = {
            c.id: BusinessCalendar(c, department.timezone) for c in department.calendars
        }
        self._timetables: dict[tuple[str | None, float], Timetable | None] = {}
        self._duty_timetables: dict[tuple[str | None, Ranges, float], Timetable] = {}
        self._sla_engine: Any = None
        self.stages: Final = tuple(s.id for s in workload.self_service)
        """The ids of the workload's self-service stages, in document order."""
        self._conditions: list[Condition | None] | None = (
            [*department_conditions(department), *(s.when for s in workload.self_service)]
            if workload.self_service
            else None
        )
        """What tells a drawn number's regions apart: the department's conditions and the
        stages' (``None``: the department's alone)."""
        lines = self._staffing()
        self.behaviour: Final[Mapping[str, HolderBehaviour]] = {
            h.holder: h for h in workload.holders
        }
        """The workload's outcome odds, by holder."""
        self.local_hours: Final[LocalHours | None] = (
            local_hours(department.timezone, self.origin, self.horizon)
            if any(s.profile is not None for s in workload.streams)
            else None
        )
        """The simulated period cut where the department's local hour changes (``None``: no
        stream has a profile)."""
        self.streams: Final = self._compile_streams()
        self.arrivals: Final[ArrivalRates] = arrival_rates(
            [(s.rates, s.stream.rate / HOUR) for s in self.streams], self.local_hours
        )
        self.handoffs: Final = Handoffs(Escalator(department), self.behaviour)
        self._routes: dict[tuple[int, tuple[Any, ...]], tuple[dict[str, Any], Decision, int]] = {}
        enumerated, fifo, channels = self._disciplines()
        self.units: Final[Mapping[str, Station]] = {
            uid: self._station(
                uid,
                groups=groups,
                fifo=fifo.get(uid, False),
                cost=cost,
                fte=fte,
                channels=channels.get(uid),
            )
            for uid, (groups, cost, fte) in lines.items()
        }
        """The units, by id."""
        self.classes: Final[list[TicketClass]] = []
        """Every ticket class compiled so far (streams with too many combinations add
        theirs as runs meet them)."""
        self._class_index: dict[tuple[int, tuple[str, ...]], TicketClass] = {}
        self.joint: Final[dict[int, tuple[tuple[TicketClass, ...], tuple[float, ...]]]] = {}
        """Per stream with a mix: its classes and their cumulative probabilities, so that one
        draw picks a ticket's whole combination."""
        for index, (combos, cumulative) in enumerated.items():
            classes = tuple(self.class_of(index, picks) for picks in combos)
            if self.streams[index].mix:
                self.joint[index] = (classes, cumulative)
        self.draw_classes: tuple[TicketClass, ...] = ()
        """When every stream's classes are enumerated: every (stream, class) pair, in the
        order of :attr:`draw_cumulative` (empty: draw the stream, then each attribute)."""
        self.draw_cumulative: list[tuple[float, ...]] = []
        """Per piece of :attr:`local_hours` (one when no profile), the cumulative rates of
        :attr:`draw_classes`."""
        self._compile_draws()
        self.fast: Final = self._fast_eligible()
        """Whether runs without records may take the streamlined kernel."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """Why results may be off: each calendar whose holiday data stops before the simulated
        period ends (its later holidays are simulated as working days), and a default warm-up
        (none written) that the period leaves too short for the workload's settling time
        (:attr:`settling`); a warm-up written in the workload or given is the caller's."""
        end = self.origin + dt.timedelta(seconds=self.horizon)
        found = [c.holiday_warning(end) for c in self._calendars.values()]
        if self._default_warmup and self.warmup < self.settling:
            warm, settle = (dt.timedelta(seconds=round(x)) for x in (self.warmup, self.settling))
            found.append(
                f"the warm-up ({warm}) is shorter than the workload's longest follow-up or "
                f"reopen delay ({settle}): tickets resolved before the simulation started never "
                "come back, so follow-ups, reopenings and the load they bring are low at first; "
                "simulate longer, or write the `warmup` you want"
            )
        return tuple(w for w in found if w is not None)

    def restaff(self, staffing: Mapping[str, Sequence[int]]) -> None:
        """Put on duty, in each unit of ``staffing``, its agents in each interval of the week
        (as the constructor's ``staffing``) in place of the ones before, keeping every other
        part of the plan as compiled: a staffing search runs many candidates on one plan.
        The next run sees the new agents; a timetable of a level of agents already worked
        out is reused. The streamlined kernel's eligibility is not worked out again: runs
        with records (the general kernel) are what a search makes.

        Raises :class:`~cskh_org.errors.SimulationError` for counts that are not a week of
        whole numbers, or a unit the department does not have."""
        touched: list[str] = []
        for key, counts in staffing.items():
            uid = self._skill_groups[key][0] if key in self._skill_groups else key
            if uid not in self.units:
                raise SimulationError.of("error.simulation.staffing", unit=key, count=0)
            self._staffing_counts[key] = counts
            touched.append(uid)
        for uid in dict.fromkeys(touched):
            station = self.units[uid]
            groups = self._given(self.department.units_by_id[uid])
            assert groups is not None
            # a station is frozen for the kernels; its agents are what a staffing changes
            object.__setattr__(station, "groups", groups)
            object.__setattr__(station, "timed", any(g.timetable is not None for g in groups))

    def work_out_timetables(self) -> None:
        """Work out every timetable's openings over the simulated period now (runs work them
        out as they reach them, the same openings): replications forked after this share
        them instead of each process working them out again."""
        for tt in (*self._timetables.values(), *self._duty_timetables.values()):
            if tt is not None:
                tt.work_out(self.horizon)

    def class_of(self, stream_index: int, picks: tuple[Any, ...]) -> TicketClass:
        """The class of a ticket of stream ``stream_index`` with drawn mix values ``picks``
        (compiled on first need)."""
        key = (stream_index, picks)
        found = self._class_index.get(key)
        if found is not None:
            return found
        stream = self.streams[stream_index].stream
        attrs, decision, level = self._route(stream_index, picks)
        channel = str(attrs.get("channel", "-"))
        every = self._targets(attrs)
        targets = tuple(x for x in every if x.name != "next_response")
        unit = self.units[decision.unit]
        marks = [p for holder in self.handoffs.percents.values() for p in holder]
        quiet = _INF
        for target in every:
            if target.name != "first_response":
                lowest = min([target.warn_at, *marks])
                quiet = min(quiet, target.within * lowest / 100)
        cls = TicketClass(
            len(self.classes),
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
            self.workload.patience.get(channel),
            quiet,
            unit,
            self.handoffs.waiting_triggers.get(unit.id, False),
            self._stage(attrs),
            next_response=next((x for x in every if x.name == "next_response"), None),
        )
        self.classes.append(cls)
        self._class_index[key] = cls
        return cls

    # -- compile ------------------------------------------------------------------------------

    def _stage(self, attrs: Mapping[str, Any]) -> Stage | None:
        """The self-service stage tickets with ``attrs`` enter: the first whose ``when``
        holds (``None``: none)."""
        for stage in self.workload.self_service:
            if condition_holds(stage.when, attrs):
                category = attrs.get("category")
                share = stage.containment_of(category if isinstance(category, str) else None)
                return Stage(stage.id, stage.time, share)
        return None

    def _timetable(self, calendar: str | None, fte: float) -> Timetable | None:
        key = (calendar, fte)
        if key not in self._timetables:
            if calendar is None and fte >= 1.0:
                self._timetables[key] = None
            else:
                cal = self._calendars.get(calendar) if calendar is not None else None
                if calendar is not None and cal is None:
                    raise SimulationError.of("error.calendars.undefined", calendar=calendar)
                self._timetables[key] = Timetable(cal, self.origin, fte)
        return self._timetables[key]

    def _duty_timetable(self, unit: Unit, duty: Duty, share: float) -> Timetable | None:
        """The timetable of a duty's agents working ``share`` of its hours (``None``: always
        on duty, also on a calendar open round the clock every day: :func:`_always_open`)."""
        if duty.week is None:
            line = unit.staff[duty.line]
            named = line_calendar(self.department, unit, line)
            cal = self._calendars.get(named) if named is not None else None
            if cal is not None and share >= 1.0 and _always_open(cal.calendar):
                return None
            return self._timetable(named, share)
        # a duty's calendar is its weekly hours on its line's calendar (time zone, holidays,
        # overrides): units and shifts with the same hours on the same calendar share one
        # timetable, worked out once (only its id, which names it in errors, differs)
        key = (line_calendar(self.department, unit, unit.staff[duty.line]), duty.week, share)
        found = self._duty_timetables.get(key)
        if found is None:
            from cskh_org.calendars import BusinessCalendar

            calendar = duty_calendar(self.department, unit, duty, duty.shift or unit.id)
            assert calendar is not None  # a duty with weekly hours
            found = Timetable(
                BusinessCalendar(calendar, self.department.timezone), self.origin, share
            )
            self._duty_timetables[key] = found
        return found

    def _staffing(self) -> dict[str, tuple[tuple[AgentGroup, ...], float, float]]:
        """Per unit: its staff on duty as agent groups (:mod:`cskh_org.working_time`: by
        shift, by contract or every opening, after shrinkage), its staff cost per day and its
        staff in FTE."""
        dept = self.department
        roles = dept.roles_by_id
        units = {}
        for unit in dept.units:
            groups: dict[tuple[frozenset[str], Timetable | None, float], float] = {}
            cost = Decimal(0)
            for duty in unit_duties(dept, unit):
                line = unit.staff[duty.line]
                role = roles.get(line.role)
                if role is None:
                    continue
                skills = frozenset(role.skills) | frozenset(line.skills)
                whole = math.floor(duty.people + 1e-9)
                part = duty.people - whole
                for agents, share in ((whole, duty.share), (1, duty.share * part)):
                    if agents and share > 1e-9:
                        key = (skills, self._duty_timetable(unit, duty, share), float(line.fte))
                        groups[key] = groups.get(key, 0) + agents
            fte = 0.0
            for line in unit.staff:
                role = roles.get(line.role)
                if role is not None and line.headcount:
                    cost = exact_sum((cost, line.monthly_cost(role)))
                    fte += line.headcount * float(line.fte)
            compiled = tuple(
                AgentGroup(skills, timetable, int(n), fte)
                for (skills, timetable, fte), n in groups.items()
            )
            given = self._given(unit)
            if given is not None:
                compiled = given
            units[unit.id] = (compiled, float(cost) / _MONTH_DAYS, fte)
        return units

    def _given(self, unit: Unit) -> tuple[AgentGroup, ...] | None:
        """The agents ``staffing`` puts on duty in ``unit`` (``None``: none given, its staff
        lines stand): by the unit's key, or by each of its skill groups."""
        counts = self._staffing_counts
        if unit.id in counts:
            return self._staffed(unit, counts[unit.id])
        groups = [
            (key, skills)
            for key, (uid, skills) in self._skill_groups.items()
            if uid == unit.id and key in counts
        ]
        if not groups:
            return None
        return tuple(g for key, skills in groups for g in self._staffed(unit, counts[key], skills))

    def _staffed(
        self, unit: Unit, counts: Sequence[int], skills: frozenset[str] | None = None
    ) -> tuple[AgentGroup, ...]:
        """Agents on duty as ``counts`` says, interval by interval: the ``k``-th agent on duty
        wherever the count is at least ``k``, each with ``skills`` (``None``: every skill of
        the unit's lines)."""
        from zoneinfo import ZoneInfo

        from cskh_org.simulation.timetable import WeeklyOpenings
        from cskh_org.working_time import WEEK_MINUTES

        size = len(counts)
        weeks = self._staffing_weeks
        period = weeks * WEEK_MINUTES
        if (
            not size
            or period % size
            or any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in counts)
        ):
            raise SimulationError.of("error.simulation.staffing", unit=unit.id, count=size)
        interval = period // size
        roles = self.department.roles_by_id
        if skills is None:
            skills = frozenset(
                s
                for line in unit.staff
                for s in (*(roles[line.role].skills if line.role in roles else ()), *line.skills)
            )
        zone = ZoneInfo(self.department.timezone)
        anchor = None
        if weeks > 1:
            anchor = self._staffing_start
            if anchor is None:
                anchor = self.origin.astimezone(zone).date()
                anchor -= dt.timedelta(days=anchor.weekday())
        memo = self._staffed_timetables
        groups: dict[tuple[tuple[int, int], ...], int] = {}
        for level in range(1, max(counts) + 1):
            ranges: list[tuple[int, int]] = []
            for k, n in enumerate(counts):
                if n < level:
                    continue
                if ranges and ranges[-1][1] == k * interval:
                    ranges[-1] = (ranges[-1][0], (k + 1) * interval)
                else:
                    ranges.append((k * interval, (k + 1) * interval))
            groups[tuple(ranges)] = groups.get(tuple(ranges), 0) + 1
        out: list[AgentGroup] = []
        for level_ranges, n in groups.items():
            timetable = None
            if level_ranges != ((0, period),):
                key = (unit.id, level_ranges, weeks, anchor)
                timetable = memo.get(key)
                if timetable is None:
                    timetable = Timetable(
                        WeeklyOpenings(
                            f"{unit.id}:{n}", level_ranges, zone, weeks=weeks, anchor=anchor
                        ),
                        self.origin,
                    )
                    memo[key] = timetable
            out.append(AgentGroup(skills, timetable, n, 1.0))
        return tuple(out)

    def _station(
        self,
        uid: str,
        *,
        groups: tuple[AgentGroup, ...],
        fifo: bool,
        cost: float,
        fte: float,
        channels: set[str] | None,
    ) -> Station:
        """The unit ``uid`` as a station: slotted when the ``channels`` that can reach it
        (``None``: not known) all take the same share of an agent, else sharing capacity."""
        unit = self.department.units_by_id[uid]
        wraps = any(e.after_work is not None for e in self.workload.services_of(uid))
        timed = any(g.timetable is not None for g in groups)
        concurrency = {c: n for c, n in unit.concurrency.items() if n > 1}
        if not concurrency:
            return Station(uid, groups, fifo, cost, fte, wraps=wraps, timed=timed)
        if channels is not None:
            slots = {concurrency.get(c, 1) for c in channels}
            if len(slots) <= 1:
                most = max(slots, default=1)
                return Station(uid, groups, fifo, cost, fte, most, wraps=wraps, timed=timed)
        capacity = math.lcm(*concurrency.values())
        weights = {c: capacity // n for c, n in concurrency.items()}
        return Station(uid, groups, False, cost, fte, 1, capacity, weights, wraps, timed)

    def _special_days(self, profile: Profile) -> Mapping[int, float] | None:
        """The special-day factor of each local date of the period that ``profile``'s
        ``special_days`` change (``None``: it has none, or no stream has a profile)."""
        special = profile.special_days
        if special is None or self.local_hours is None:
            return None
        calendar = self._calendars.get(special.calendar)
        if calendar is None:
            raise SimulationError.of(
                "error.simulation.special-calendar", profile=profile.id, calendar=special.calendar
            )
        first, last = self.local_hours.dates[0], self.local_hours.dates[-1]
        # a run of holidays just outside the period still makes the dates in it before or after
        holidays = calendar.holiday_dates(
            dt.date.fromordinal(max(1, first - len(special.after))),
            dt.date.fromordinal(min(dt.date.max.toordinal(), last + len(special.before))),
        )
        return special_day_factors(special, {d.toordinal() for d in holidays}, first, last)

    def _compile_streams(self) -> tuple[CompiledStream, ...]:
        profiles = {p.id: p for p in self.workload.profiles}
        special: dict[str, Mapping[int, float] | None] = {}
        out = []
        for stream in self.workload.streams:
            if stream.profile is not None and stream.profile not in profiles:
                raise SimulationError.of(
                    "error.simulation.profile", stream=stream.id, profile=stream.profile
                )
            rates = None
            if stream.profile is not None and self.local_hours is not None:
                profile = profiles[stream.profile]
                if profile.id not in special:
                    special[profile.id] = self._special_days(profile)
                rates = profile_rates(stream.rate, profile, self.local_hours, special[profile.id])
            values: list[tuple[str, tuple[Any, ...], tuple[float, ...]]] = []
            weights: list[tuple[float, ...]] = []
            for name, table in stream.mix.items():
                values.append((name, tuple(table), tuple(itertools.accumulate(table.values()))))
                weights.append(tuple(table.values()))
            for name, dist in stream.draw.items():
                regions = drawn_regions(self.department, name, dist, self._conditions)
                if not regions:
                    raise SimulationError.of(
                        "error.simulation.draw-not-number", stream=stream.id, name=name
                    )
                shares = tuple(r.probability for r in regions)
                values.append(
                    (name, tuple(r.value for r in regions), tuple(itertools.accumulate(shares)))
                )
                weights.append(shares)
            out.append(CompiledStream(stream, rates, tuple(values), tuple(weights)))
        return tuple(out)

    def _route(
        self, stream_index: int, picks: tuple[Any, ...]
    ) -> tuple[dict[str, Any], Decision, int]:
        """The attributes, routing decision and priority level of a combination."""
        key = (stream_index, picks)
        found = self._routes.get(key)
        if found is not None:
            return found
        compiled = self.streams[stream_index]
        attrs: dict[str, Any] = dict(compiled.stream.attributes)
        for (name, _names, _cum), value in zip(compiled.mix, picks, strict=True):
            attrs[name] = value
        decision: Decision = self._router.route(attrs)
        if decision.unit not in self._unit_ids:
            raise SimulationError.of(
                "error.simulation.routes-outside", stream=compiled.stream.id, unit=decision.unit
            )
        schema = self.department.ticket_schema
        prio_attr = self.department.routing.priority_attribute if self.department.routing else ""
        levels = schema.enum_values(prio_attr)
        level = levels.index(decision.priority) if decision.priority in levels else 0
        found = self._routes[key] = (attrs, decision, level)
        return found

    def _disciplines(
        self,
    ) -> tuple[
        dict[int, tuple[list[tuple[Any, ...]], tuple[float, ...]]],
        dict[str, bool],
        dict[str, set[str]],
    ]:
        """Every stream's combinations with their cumulative probabilities, the units that
        can only receive one priority level (they serve first come first served) and the
        channels each unit can receive (routed there or escalated there); no combination, no
        such unit and no channels when there are more than :data:`MAX_COMBOS`."""
        levels: dict[str, set[int]] = {}
        channels: dict[str, set[str]] = {}
        combos = 0
        enumerated: dict[int, tuple[list[tuple[Any, ...]], tuple[float, ...]]] = {}
        for index, compiled in enumerate(self.streams):
            picked: list[tuple[Any, ...]] = []
            cumulative: list[float] = []
            total = 0.0
            sums = [sum(w) for w in compiled.weights]
            choices = [
                tuple(zip(names, w, strict=True))
                for (_, names, _), w in zip(compiled.mix, compiled.weights, strict=True)
            ]
            for combo in itertools.product(*choices):
                combos += 1
                if combos > MAX_COMBOS:
                    return {}, {}, {}
                picks = tuple(value for value, _ in combo)
                attrs, decision, level = self._route(index, picks)
                levels.setdefault(decision.unit, set()).add(level)
                channels.setdefault(decision.unit, set()).add(str(attrs.get("channel", "-")))
                weight = 1.0
                for (_, w), whole in zip(combo, sums, strict=True):
                    weight *= w / whole
                total += weight
                picked.append(picks)
                cumulative.append(total)
            enumerated[index] = (picked, tuple(cumulative))
        # escalation carries a ticket's priority and channel to every holder reachable from
        # its unit
        reached = _reach(levels, self.handoffs)
        fifo = {u.id: len(reached.get(u.id, ())) <= 1 for u in self.department.units}
        # a follow-up contact has no priority, but the channel of the ticket it follows
        return enumerated, fifo, _reach(channels, self.handoffs, follow_ups=True)

    def _compile_draws(self) -> None:
        """When every stream's classes are enumerated: per piece of the local clock, the
        cumulative rates of every (stream, class) pair, so one draw gives an arrival its
        stream and its whole attribute combination (the same law as drawing the stream, then
        the mix)."""
        pairs: list[tuple[int, TicketClass, float]] = []
        for index, compiled in enumerate(self.streams):
            if not compiled.mix:
                pairs.append((index, self.class_of(index, ()), 1.0))
                continue
            joint = self.joint.get(index)
            if joint is None:
                return  # too many combinations: draw the stream, then each attribute
            classes, cum = joint
            previous = 0.0
            for cls, upto in zip(classes, cum, strict=True):
                pairs.append((index, cls, (upto - previous) / cum[-1]))
                previous = upto
        self.draw_classes = tuple(cls for _, cls, _ in pairs)
        tables: dict[tuple[float, ...], tuple[float, ...]] = {}
        for rates in self.arrivals.piece_rates or [self.arrivals.rates]:
            found = tables.get(rates)
            if found is None:
                found = tables[rates] = tuple(
                    itertools.accumulate(rates[index] * share for index, _, share in pairs)
                )
            self.draw_cumulative.append(found)

    def _targets(self, attrs: dict[str, Any]) -> tuple[SlaTarget, ...]:
        if self.department.sla is None:
            return ()
        from cskh_org.sla import SlaEngine

        engine = self._sla_engine
        if engine is None:
            engine = self._sla_engine = SlaEngine(self.department)
        _, targets = engine.policy(attrs)
        out = []
        for name, target in targets.targets().items():
            cal = engine.calendar_for(attrs, target, targets)
            timetable = None
            if target.clock is Clock.BUSINESS and cal is not None:
                timetable = self._timetable(cal.id, 1.0)
            within = target.within
            if isinstance(within, BusinessDays):
                if timetable is None:
                    raise UsageError.of(
                        "error.sla.business-days.calendar-clock", target=name.value, within=within
                    )
                out.append(SlaTarget(name.value, 0.0, timetable, target.warn_at, within.days))
                continue
            out.append(SlaTarget(name.value, within.total_seconds(), timetable, target.warn_at))
        return tuple(out)

    def _fast_eligible(self) -> bool:
        """Whether the streamlined kernel may run the plan: no escalation step, outcome odds,
        follow-up or reopening; streams without a mix, draws or profile, each to its own
        always-open first-come-first-served unit of one staff line (a calendar open round the
        clock is always open), without after-contact work (slotted concurrency is the same
        recursion on more servers); no self-service stage. SLA targets are counted (streams
        whose tickets share accumulators must have the same targets). A priority station
        (tickets of several priority levels) may be the one unit every stream goes to, when
        its tickets have no patience."""
        dept, wl = self.department, self.workload
        if wl.self_service:
            return False
        if dept.escalation is not None and dept.escalation.steps:
            return False
        if wl.follow_up is not None or wl.reopen is not None:
            return False
        if any(h.resolve < 1.0 for h in wl.holders):
            return False
        targets: dict[ClassKey, tuple[bool, bool]] = {}
        reached: set[str] = set()
        queued = False
        for index, compiled in enumerate(self.streams):
            if compiled.mix or compiled.rates is not None:
                return False
            cls = self.class_of(index, ())
            unit = self.units[cls.unit]
            reached.add(unit.id)
            if not unit.fifo:  # a priority station: alone, its tickets without patience
                queued = True
                if unit.capacity or cls.patience is not None:
                    return False
            if len(unit.groups) != 1:
                return False
            group = unit.groups[0]
            if group.timetable is not None or not cls.skills <= group.skills:
                return False
            if unit.wraps or unit.capacity:
                return False
            if compiled.stream.id in {s.stream.id for s in self.streams[:index]}:
                return False
            # classes that share accumulators measure the same targets (the kernel counts
            # each target over the accumulators' answered and resolved tickets at the end)
            measured = (cls.first_response is not None, cls.resolution is not None)
            if targets.setdefault(cls.key, measured) != measured:
                return False
        return not queued or len(reached) == 1


def _always_open(calendar: Calendar) -> bool:
    """Whether ``calendar`` is open at every instant: every weekday ``00:00-24:00`` (in one
    range or ranges that touch), no holiday, no public holidays, no override. Agents on it
    are always on duty, as agents without a calendar: the kernels treat it as none (no
    timetable, no overtime), and the streamlined kernel may run their unit."""
    if calendar.holidays or calendar.overrides or calendar.public_holidays is not None:
        return False
    for day in Weekday:
        reached = 0
        for text in sorted(calendar.week.get(day, ())):
            begin, end = (minutes_of(part) for part in text.split("-"))
            if begin > reached:
                return False
            reached = max(reached, end)
        if reached < 24 * 60:
            return False
    return True


def _reach(
    found: Mapping[str, set[Any]], handoffs: Handoffs, *, follow_ups: bool = False
) -> dict[str, set[Any]]:
    """``found`` per unit, carried along the escalation steps to every holder reachable (with
    ``follow_ups``, along follow-up steps too: a bound, as they move no ticket)."""
    reach: dict[str, set[Any]] = {u: set(v) for u, v in found.items()}
    escalator = handoffs.escalator
    changed = True
    while changed:
        changed = False
        for holder in list(reach):
            for step in escalator.steps_from(holder):
                if step.follow_up and not follow_ups:
                    continue
                target = reach.setdefault(step.to, set())
                if not reach[holder] <= target:
                    target |= reach[holder]
                    changed = True
    return reach
