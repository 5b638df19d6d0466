"""An independent check of a roster: every rule re-derived from the rules document and the
department, every assignment and the cover verified in plain Python, with dates and times
rather than the solver's interval indices. The solver's rosters are checked by it in the
tests; a hand-made roster that breaks a rule is caught by it.

Times are compared as local wall-clock times of the department's zone; roster weeks run
Monday to Sunday from the rules' ``start``; a shift belongs to the day it starts. The roster
is a rotation: its period repeats, so the first shift comes again one period after it starts
(rest, same start), a shift past the end covers the start, and weekend windows wrap.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from cskh_org.model import Department, Weekday
from cskh_org.model.roster import RosterRules, line_ids
from cskh_org.rosters.result import Assignment, Roster
from cskh_org.working_time import calendar_week

__all__ = ["Violation", "check"]

_DAYS = tuple(Weekday)


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule a roster breaks."""

    rule: str
    """The rule's code (as the solver's conflicts name them, plus ``agent``, ``shift``,
    ``one-a-day``, ``period``, ``cover`` and ``objective``)."""
    subject: str
    detail: str


@dataclass(frozen=True, slots=True)
class _Shape:
    start: dt.time
    minutes: int
    breaks: tuple[tuple[int, int], ...]
    """Minutes after the start."""
    weekdays: frozenset[int]


def _clock(text: str) -> int:
    return int(text[:2]) * 60 + int(text[3:5])


def _shape(start: str, end: str, breaks: Sequence[str], weekdays: Sequence[Weekday]) -> _Shape:
    s, e = _clock(start), _clock(end)
    length = e - s if e > s else e + 1440 - s
    spans = []
    for text in breaks:
        a, b = _clock(text[:5]) - s, _clock(text[6:]) - s
        if a < 0:
            a, b = a + 1440, b + 1440
        spans.append((a, b))
    hour, minute = divmod(s, 60)
    return _Shape(
        dt.time(hour, minute),
        length,
        tuple(sorted(spans)),
        frozenset(_DAYS.index(d) for d in weekdays),
    )


def _shapes(department: Department, rules: RosterRules) -> dict[str, dict[str, _Shape]]:
    out: dict[str, dict[str, _Shape]] = {}
    for entry in rules.units:
        shapes: dict[str, _Shape] = {}
        for name in entry.shifts:
            shift = department.shifts_by_id.get(name)
            if shift is not None:
                shapes[name] = _shape(shift.start, shift.end, shift.breaks, shift.days)
        for t in entry.templates:
            if t.end is not None:
                end = t.end
            else:
                assert t.hours is not None
                total = _clock(t.start) + int(t.hours * 60)
                end = f"{total // 60 % 24:02d}:{total % 60:02d}"
            shapes[t.id] = _shape(t.start, end, t.breaks, t.days)
        out[entry.unit] = shapes
    return out


@dataclass(frozen=True, slots=True)
class _Person:
    unit: str
    weekly: Decimal | None
    days: int | None


def _people(department: Department, rules: RosterRules) -> dict[str, _Person]:
    out: dict[str, _Person] = {}
    for entry in rules.units:
        unit = department.units_by_id[entry.unit]
        for line, name in zip(unit.staff, line_ids(department, unit.id), strict=True):
            contract = department.contracts_by_id.get(line.contract or "")
            for n in range(line.headcount):
                ident = f"{unit.id}/{name}#{n + 1}"
                if entry.agents is None or ident in entry.agents:
                    out[ident] = _Person(
                        unit.id,
                        contract.hours_per_week if contract else None,
                        contract.days_per_week if contract else None,
                    )
    return out


def _local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def check(
    department: Department,
    rules: RosterRules,
    roster: Roster,
    requirement: Mapping[str, Sequence[int]] | None = None,
) -> list[Violation]:
    """Every violation of the rules by ``roster`` (see the module)."""
    zone = ZoneInfo(department.timezone)
    limits = department.working_limits
    per_day = Decimal(rules.limits.hours_per_day or limits.hours_per_day) * 60
    per_week = Decimal(rules.limits.hours_per_week or limits.hours_per_week) * 60
    rest_days = (
        limits.rest_days_per_week
        if rules.limits.rest_days_per_week is None
        else rules.limits.rest_days_per_week
    )
    rest = dt.timedelta(hours=float(rules.limits.rest_between_shifts))
    shapes = _shapes(department, rules)
    people = _people(department, rules)
    first = dt.datetime.combine(rules.start, dt.time())
    period = dt.timedelta(days=7 * rules.weeks)
    last_day = rules.start + dt.timedelta(days=7 * rules.weeks - 1)
    out: list[Violation] = []

    def bad(rule: str, subject: str, detail: str) -> None:
        out.append(Violation(rule, subject, detail))

    mine: dict[str, list[Assignment]] = {}
    for a in roster.assignments:
        person = people.get(a.agent)
        if person is None or person.unit != a.unit:
            bad("agent", a.agent, f"not an agent of unit {a.unit}")
            continue
        mine.setdefault(a.agent, []).append(a)
        start, end = _local(a.start, zone), _local(a.end, zone)
        if not rules.start <= a.day <= last_day:
            bad("period", a.agent, f"{a.day} is outside the roster")
        shape = shapes[a.unit].get(a.shift)
        if shape is None:
            bad("shift", a.agent, f"{a.shift} is not a shift of {a.unit}")
            continue
        breaks = tuple(
            (
                int((_local(b, zone) - start).total_seconds() // 60),
                int((_local(e, zone) - start).total_seconds() // 60),
            )
            for b, e in a.breaks
        )
        paid = shape.minutes - sum(e - b for b, e in shape.breaks)
        if (
            start.date() != a.day
            or start.time() != shape.start
            or end - start != dt.timedelta(minutes=shape.minutes)
            or breaks != shape.breaks
            or a.paid_minutes != paid
        ):
            bad("shift", a.agent, f"{a.day} {a.shift} is not as the template says")
        if a.day.weekday() not in shape.weekdays:
            bad("shift", a.agent, f"{a.shift} does not run on {a.day:%A}")
        if paid > per_day:
            bad("hours-per-day", a.agent, f"{a.day}: {paid} paid minutes")
    for agent, shifts in mine.items():
        person = people[agent]
        shifts.sort(key=lambda s: s.start)
        days = [s.day for s in shifts]
        if len(set(days)) != len(days):
            bad("one-a-day", agent, "two shifts start on one day")
        # the rotation repeats: the first shift comes again one period later
        times = [(_local(s.start, zone), _local(s.end, zone), s.day) for s in shifts]
        times.append((times[0][0] + period, times[0][1] + period, times[0][2] + period))
        for (_, prev_end, prev_day), (nxt_start, _, nxt_day) in itertools.pairwise(times):
            if nxt_start - prev_end < rest:
                bad("rest-between", agent, f"{prev_day} to {nxt_day}")
        for w in range(rules.weeks):
            week = [s for s in shifts if (s.day - rules.start).days // 7 == w]
            minutes = sum(s.paid_minutes for s in week)
            worked = len({s.day for s in week})
            if minutes > per_week:
                bad("hours-per-week", agent, f"week {w + 1}: {minutes} minutes")
            if person.weekly is not None and minutes > person.weekly * 60:
                bad("contract-hours", agent, f"week {w + 1}: {minutes} minutes")
            if worked > 7 - rest_days:
                bad("rest-days", agent, f"week {w + 1}: {worked} days worked")
            if person.days is not None and worked > person.days:
                bad("contract-days", agent, f"week {w + 1}: {worked} days worked")
        worked_days = set(days)
        for off in rules.days_off:
            if off.agent == agent and off.hard:
                hit = [
                    d for d in worked_days if d in off.dates or _DAYS[d.weekday()] in off.weekdays
                ]
                if hit:
                    bad("day-off", agent, f"works on {min(hit)}")
        weekends = rules.fairness.weekends_off
        if weekends is not None:
            free = [
                not any(rules.start + dt.timedelta(days=7 * w + k) in worked_days for k in (5, 6))
                for w in range(rules.weeks)
            ]
            span = min(weekends.every, rules.weeks)
            for w in range(rules.weeks if span < rules.weeks else 1):
                if not any(free[(w + k) % rules.weeks] for k in range(span)):
                    bad("weekends-off", agent, f"no weekend off in {span} weeks from week {w + 1}")
        same = rules.fairness.same_start
        if same is not None and same.hard:
            for (prev, _, prev_day), (nxt, _, nxt_day) in itertools.pairwise(times):
                if (nxt_day - prev_day).days == 1 and prev.time() != nxt.time():
                    bad("same-start", agent, f"{prev_day} and {nxt_day}")
    size = rules.weeks * 7 * 1440 // rules.interval
    step = dt.timedelta(minutes=rules.interval)

    def on_duty(unit: str) -> list[int]:
        counts = [0] * size
        for a in roster.assignments:
            if a.unit != unit or a.agent not in people:
                continue
            pieces, at = [], _local(a.start, zone)
            for b, e in a.breaks:
                pieces.append((at, _local(b, zone)))
                at = _local(e, zone)
            pieces.append((at, _local(a.end, zone)))
            for b, e in pieces:
                k = -(-int((b - first).total_seconds()) // (60 * rules.interval))
                while first + k * step + step <= e:
                    counts[k % size] += 1  # past the end: the rotation's start
                    k += 1
        return counts

    for entry in rules.units:
        counts = on_duty(entry.unit)
        if entry.minimum:
            name = department.unit_calendar(entry.unit)
            calendar = next((c for c in department.calendars if c.id == name), None)
            opens = calendar_week(calendar)
            for k in range(size):
                minute = k * rules.interval % (7 * 1440)
                if any(a <= minute < b for a, b in opens) and counts[k] < entry.minimum:
                    moment = first + k * step
                    bad(
                        "minimum-cover", entry.unit, f"{moment:%Y-%m-%d %H:%M}: {counts[k]} on duty"
                    )
        if requirement is not None:
            given = next((c for c in roster.cover if c.unit == entry.unit), None)
            one = tuple(requirement.get(entry.unit, (0,) * (size // rules.weeks)))
            if (
                given is None
                or given.rostered != tuple(counts)
                or given.required != one * rules.weeks
            ):
                bad("cover", entry.unit, "the roster's cover is not its shifts'")
    if requirement is not None:
        short = 0
        for entry in rules.units:
            counts = on_duty(entry.unit)
            one = tuple(requirement.get(entry.unit, (0,) * (size // rules.weeks)))
            short += sum(max(0, r - n) for r, n in zip(one * rules.weeks, counts, strict=True))
        paid = sum(a.paid_minutes for a in roster.assignments)
        if short != roster.under_cover or paid != roster.paid_minutes:
            bad("objective", roster.department, f"under-cover {short}, paid {paid}")
    return out
