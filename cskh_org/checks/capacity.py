"""Capacity checked statically: per unit and hour of the week, the work the workload's tickets
bring against the agents on duty, before any simulation runs (``capacity-short``).

The offered load of a unit in an hour is, over the streams and the combinations of their
``mix`` (and the regions of their ``draw``) that routing sends to it: the stream's rate in
that local hour (its profile's hour and day factors) × the combination's probability × the
unit's mean handling time for the ticket's category and channel, after-contact work
included (:meth:`~cskh_org.model.workload.Workload.service_for`, as the simulation looks it
up), ÷ the unit's concurrency for the channel (an agent holding three chats at once does a
third of an agent's work on each), × the share its self-service stage hands on (``1 −`` the
stage's containment for the ticket's category: a ticket the chatbot or the IVR resolves
brings no agent work; the minutes the stage delays the others are not counted), in erlangs
(agents kept busy). It counts the first visit
only, so it is a floor: escalations, partners' hand-backs, follow-ups and reopenings add to
it. The agents on duty are :func:`cskh_org.working_time.weekly_hours` (shifts, contracts,
shrinkage).

An open hour whose load is above its agents on duty is short: the queue grows through it. A
closed hour's tickets wait for the opening, so the hours are also summed over the week: a week
whose work is more than its agent-hours is short however the hours are spread.

The week is an ordinary one: a profile's ``special_days`` (its factors on a calendar's
holidays and the dates around them) are left out, as are holidays closing the agents'
calendars; the simulation of the weeks around them shows their load.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cskh_org.checks.workload import relevant_attributes, stage_for, stream_choices
from cskh_org.errors import TicketInvalid
from cskh_org.findings import Issue
from cskh_org.model import Department, Weekday
from cskh_org.model.workload import Stream, Workload, mean_seconds
from cskh_org.working_time import WEEK_MINUTES, calendar_week, open_intervals, weekly_hours

__all__ = [
    "HOURS",
    "MAX_COMBINATIONS",
    "Flow",
    "UnitLoad",
    "capacity_short",
    "first_visits",
    "offered_load",
]

HOURS: Final = 168
"""Hours of the week, Monday 00:00–01:00 first."""
MAX_COMBINATIONS: Final = 4096
"""Most combinations of a stream's routed attributes the load is worked out over; a stream
with more is left out of the check (and the finding says so)."""
_EPSILON: Final = 1e-9
_SHOWN: Final = 6


@dataclass(frozen=True, slots=True)
class UnitLoad:
    """A unit's offered load (erlangs) and agents on duty per hour of the week, and the
    stream that brings it most work."""

    unit: str
    load: tuple[float, ...]
    agents: tuple[float, ...]
    open: tuple[bool, ...]
    stream: int


def _hour_factors(stream: Stream, workload: Workload) -> list[float]:
    profile = next((p for p in workload.profiles if p.id == stream.profile), None)
    if stream.profile is None or profile is None:
        return [1.0] * HOURS
    days = {str(k.value): v for k, v in profile.days.items()}
    return [
        profile.hours[h % 24] * days.get(tuple(Weekday)[h // 24].value, 1.0) for h in range(HOURS)
    ]


def _combinations(
    mix: Mapping[str, Mapping[Any, float]], names: frozenset[str]
) -> Iterator[tuple[dict[str, Any], float]] | None:
    """Each combination of the mixed attributes in ``names`` with its probability (the
    others do not change where a ticket goes or how long it takes); ``None`` when there
    are more than :data:`MAX_COMBINATIONS`."""
    chosen = sorted(n for n in mix if n in names)
    if math.prod(len(mix[n]) for n in chosen) > MAX_COMBINATIONS:
        return None
    totals = {n: sum(mix[n].values()) for n in chosen}

    def each() -> Iterator[tuple[dict[str, Any], float]]:
        for values in itertools.product(*(list(mix[n]) for n in chosen)):
            p = 1.0
            for n, v in zip(chosen, values, strict=True):
                p *= mix[n][v] / totals[n]
            yield dict(zip(chosen, values, strict=True)), p

    return each()


@dataclass(frozen=True, slots=True)
class Flow:
    """The first visits of one stream's tickets of one combination of its mix (and region of
    its draw) at the unit routing sends them to."""

    stream: int
    """The stream's index in the workload."""
    unit: str
    ticket: Mapping[str, Any]
    """The ticket's attributes: the stream's, with the combination's."""
    channel: str | None
    category: str | None
    per_hour: float
    """Mean arrivals per hour before the profile's factors: the stream's rate × the
    combination's probability × the share its self-service stage hands on."""
    seconds: float
    """Mean handling time at the unit, after-contact work included."""
    concurrency: int
    """How many of these tickets one agent holds at once (the unit's, for the channel)."""
    factors: Sequence[float]
    """The stream's profile factor in each hour of the week (:data:`HOURS`), Monday 00:00
    first; shared by every flow of the stream."""
    skills: frozenset[str] = frozenset()
    """The skills routing asks of the agent who takes them."""

    @property
    def load(self) -> float:
        """Erlangs at factor 1: ``per_hour × seconds ÷ concurrency ÷ 3600``."""
        return self.per_hour * self.seconds / self.concurrency / 3600


def first_visits(
    workload: Workload,
    dept: Department,
    *,
    skip: frozenset[int] = frozenset(),
    also: frozenset[str] = frozenset(),
) -> tuple[list[Flow], list[int]]:
    """Every :class:`Flow` of the workload's tickets to the staffed units routing sends them
    to, and the streams left out (more than :data:`MAX_COMBINATIONS` combinations). Streams
    in ``skip`` (those with findings of their own) are left out silently, as are tickets the
    router refuses, self-service always contains, or that reach a unit without a handling
    time (other findings say so). The combinations are of the attributes that change where a
    ticket goes or how long it takes, and of those in ``also``."""
    router = dept.router()
    names = relevant_attributes(dept, workload) | also
    flows: list[Flow] = []
    left_out: list[int] = []
    for i, stream in enumerate(workload.streams):
        if i in skip:
            continue
        combos = _combinations(stream_choices(stream, dept, workload), names)
        if combos is None:
            left_out.append(i)
            continue
        factors = _hour_factors(stream, workload)
        for drawn, p in combos:
            ticket = {**stream.attributes, **drawn}
            try:
                decision = router.route(ticket)
            except TicketInvalid:
                continue
            unit = decision.unit
            category, channel = ticket.get("category"), ticket.get("channel")
            category = category if isinstance(category, str) else None
            channel = channel if isinstance(channel, str) else None
            stage = stage_for(workload, ticket)
            handed = 1.0 if stage is None else 1.0 - stage.containment_of(category)
            if handed <= 0.0:
                continue  # always contained in self-service
            entry = workload.service_for(unit, category, channel)
            staffed = dept.units_by_id.get(unit)
            if entry is None or staffed is None:
                continue  # `workload-no-service-time` or a routing finding says so
            seconds = mean_seconds(entry.time)
            if entry.after_work is not None:
                seconds += mean_seconds(entry.after_work)
            concurrency = staffed.concurrency.get(channel, 1) if channel is not None else 1
            flows.append(
                Flow(
                    i,
                    unit,
                    ticket,
                    channel,
                    category,
                    stream.rate * p * handed,
                    seconds,
                    concurrency,
                    factors,
                    frozenset(decision.skills),
                )
            )
    return flows, left_out


def offered_load(
    workload: Workload, dept: Department, *, skip: frozenset[int] = frozenset()
) -> tuple[dict[str, UnitLoad], list[int]]:
    """Per unit tickets reach by routing: its offered load and agents on duty per hour of
    the week; and the streams left out (too many combinations). Streams in ``skip`` (those
    with findings of their own) are left out silently."""
    flows, left_out = first_visits(workload, dept, skip=skip)
    loads: dict[str, list[float]] = {}
    by_stream: dict[str, dict[int, float]] = {}
    for flow in flows:
        work = flow.load
        hours = loads.setdefault(flow.unit, [0.0] * HOURS)
        for h, factor in enumerate(flow.factors):
            hours[h] += work * factor
        per = by_stream.setdefault(flow.unit, {})
        per[flow.stream] = per.get(flow.stream, 0.0) + work * sum(flow.factors)
    out = {}
    for unit_id, load in loads.items():
        staffed = dept.units_by_id[unit_id]
        if staffed.headcount == 0:
            continue  # `workload-unit-unstaffed` says so
        calendar_id = dept.unit_calendar(unit_id)
        calendar = dept.calendars_by_id.get(calendar_id) if calendar_id is not None else None
        week = calendar_week(calendar)
        open_hours = open_intervals(week, WEEK_MINUTES // HOURS)
        most = max(by_stream[unit_id].items(), key=lambda kv: kv[1])[0]
        out[unit_id] = UnitLoad(
            unit_id, tuple(load), tuple(weekly_hours(dept, staffed)), open_hours, most
        )
    return out, left_out


def _when(hour: int) -> str:
    return f"{tuple(Weekday)[hour // 24].value} {hour % 24:02d}:00"


def _hours_text(hours: list[int]) -> str:
    """Hours of the week as ranges: ``mon 10:00-12:00, tue 10:00-11:00``."""
    runs: list[tuple[int, int]] = []
    for h in hours:
        if runs and runs[-1][1] == h and h % 24:
            runs[-1] = (runs[-1][0], h + 1)
        else:
            runs.append((h, h + 1))
    parts = [f"{_when(a)}-{'24:00' if b % 24 == 0 else f'{b % 24:02d}:00'}" for a, b in runs]
    if len(parts) > _SHOWN:
        return f"{', '.join(parts[:_SHOWN])} (+{len(parts) - _SHOWN})"
    return ", ".join(parts)


def capacity_short(
    workload: Workload, dept: Department, *, skip: frozenset[int] = frozenset()
) -> Iterator[Issue]:
    """``capacity-short`` for every unit with open hours whose offered load is above its
    agents on duty, or a week whose work is above its agent-hours; each at the stream that
    brings the unit most work."""
    if dept.routing is None:
        return
    loads, left_out = offered_load(workload, dept, skip=skip)
    for i in left_out:
        yield Issue.said("capacity-unchecked", ("streams", i, "mix"), limit=MAX_COMBINATIONS)
    for unit_id in sorted(loads, key=lambda u: loads[u].stream):
        entry = loads[unit_id]
        short = [
            h for h in range(HOURS) if entry.open[h] and entry.load[h] > entry.agents[h] + _EPSILON
        ]
        work, staffed = sum(entry.load), sum(entry.agents)
        where = ("streams", entry.stream)
        if short:
            worst = max(short, key=lambda h: entry.load[h] - entry.agents[h])
            yield Issue.said(
                "capacity-short",
                where,
                "capacity-short.hours",
                unit=unit_id,
                n=len(short),
                hours=_hours_text(short),
                when=_when(worst),
                load=f"{entry.load[worst]:.1f}",
                agents=f"{entry.agents[worst]:.1f}",
            )
        if work > staffed + _EPSILON:
            yield Issue.said(
                "capacity-short",
                where,
                "capacity-short.week",
                unit=unit_id,
                work=f"{work:.0f}",
                staffed=f"{staffed:.0f}",
            )
