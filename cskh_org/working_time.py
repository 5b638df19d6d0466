"""When people are on duty: staff lines' shifts, contracts and shrinkage as weekly hours.

A staff line's people are on duty

* **on shifts** when the line names ``shifts``: each shift's days and hours less its breaks,
  cut to the unit's calendar (a closed hour or a holiday is not worked). Several shifts are a
  weekly rotation: the line's people spread evenly over them, so every week has the same
  share on each. A contract with fewer days a week than a shift runs gives the people rest
  days in turn, spread evenly over the shift's days, so each day of the shift has
  ``days_per_week / len(days)`` of them at work (the agents on duty, not who they are);
* **by contract** when the line names only a ``contract``: each person works the contract's
  hours a week, spread evenly over the calendar's openings (so a 40-hour contract on a
  105-hour hotline puts 40/105 of the people on duty at every opening hour);
* otherwise **every opening** of their calendar, cut to their ``fte`` (the first share of
  each opening), as before working time was data.

Shrinkage takes its share of the people on duty in every case. The answer is a list of
:class:`Duty` values, people (possibly fractional) with the same hours; the simulation turns
each into agents with a timetable, the checks into agent-hours per hour of the week.
Minutes of the week count from Monday 00:00 local time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from cskh_org.model import Calendar, DayOverride, Department, StaffLine, Unit, Weekday
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.working_time import Shift, minutes_of

__all__ = [
    "DAY_MINUTES",
    "WEEK_MINUTES",
    "Duty",
    "Ranges",
    "calendar_week",
    "duty_calendar",
    "line_calendar",
    "line_duties",
    "on_duty",
    "shift_week",
    "subtract",
    "unit_duties",
    "weekly_hours",
]

DAY_MINUTES: Final = 24 * 60
WEEK_MINUTES: Final = 7 * DAY_MINUTES
_WEEKDAYS: Final = tuple(Weekday)
Ranges = tuple[tuple[int, int], ...]
"""Disjoint, sorted ``[start, end)`` minutes of the week."""


@dataclass(frozen=True, slots=True)
class Duty:
    """People of one staff line with the same hours on duty."""

    line: int
    """The staff line's index in its unit."""
    people: float
    """How many people are on duty in these hours, after shrinkage (fractional when the
    line's people spread unevenly over shifts and rest days, or work part of the hours)."""
    week: Ranges | None
    """Their hours, minutes of the week, already cut to the unit's calendar week (``None``:
    every opening of the calendar)."""
    share: float = 1.0
    """The share of every opening they work, when ``week`` is ``None`` (their ``fte``)."""
    shift: str | None = None
    """The shift these hours come from (``None``: no shift)."""


def normalize(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """``ranges`` as disjoint sorted minutes of the week: wrapped past Sunday midnight,
    overlapping and touching ranges merged, empty ones dropped."""
    pieces: list[tuple[int, int]] = []
    for start, end in ranges:
        if end <= start:
            continue
        a = start % WEEK_MINUTES
        b = a + (end - start)
        if b > WEEK_MINUTES:
            pieces += [(a, WEEK_MINUTES), (0, b - WEEK_MINUTES)]
        else:
            pieces.append((a, b))
    pieces.sort()
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def intersect(left: Ranges, right: Ranges) -> Ranges:
    """Minutes in both."""
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(left) and j < len(right):
        a, b = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if a < b:
            out.append((a, b))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def subtract(left: Ranges, right: Ranges) -> Ranges:
    """Minutes of ``left`` not in ``right``."""
    out: list[tuple[int, int]] = []
    for a, b in left:
        start = a
        for c, d in right:
            if d <= start or c >= b:
                continue
            if c > start:
                out.append((start, c))
            start = max(start, d)
        if start < b:
            out.append((start, b))
    return tuple(out)


def length(ranges: Ranges) -> int:
    """Minutes in ``ranges``."""
    return sum(b - a for a, b in ranges)


def _day_ranges(texts: Iterable[str]) -> list[tuple[int, int]]:
    return [(minutes_of(t[:5]), minutes_of(t[6:])) for t in texts]


def calendar_week(calendar: Calendar | None) -> Ranges:
    """A calendar's weekly openings in minutes of the week (no calendar: all week);
    holidays and overrides are dated, so they are not in it."""
    if calendar is None:
        return ((0, WEEK_MINUTES),)
    return _openings(calendar.week)


@functools.lru_cache(maxsize=1024)
def _openings(week: FrozenMap[Weekday, tuple[str, ...]]) -> Ranges:
    """:func:`calendar_week` of a week (immutable, its hash kept): worked out once for the
    50,000 staff lines of a national department that share a few calendars."""
    return normalize(
        (i * DAY_MINUTES + a, i * DAY_MINUTES + b)
        for i, day in enumerate(_WEEKDAYS)
        for a, b in _day_ranges(week.get(day, ()))
    )


@functools.lru_cache(maxsize=256)
def open_intervals(week: Ranges, interval: int) -> tuple[bool, ...]:
    """Whether each ``interval`` minutes of the week (Monday 00:00 first; ``interval``
    divides a day) meet an opening of ``week``: worked out once for all the units of a
    calendar (5,000 of them in a national department share a few)."""
    return tuple(
        any(a < start + interval and b > start for a, b in week)
        for start in range(0, WEEK_MINUTES, interval)
    )


def shift_day(shift: Shift) -> list[tuple[int, int]]:
    """One day of a shift, minutes after its start day's midnight, less its breaks (past
    1440 for a shift that runs past midnight)."""
    start, end = shift.span
    pieces, at = [], start
    for a, b in shift.break_spans:
        pieces.append((at, a))
        at = b
    pieces.append((at, end))
    return [(a, b) for a, b in pieces if b > a]


def shift_week(shift: Shift, days: Iterable[Weekday] | None = None) -> Ranges:
    """A shift's hours on ``days`` (default: all its days), in minutes of the week."""
    chosen = shift.days if days is None else tuple(days)
    day = shift_day(shift)
    return normalize(
        (_WEEKDAYS.index(d) * DAY_MINUTES + a, _WEEKDAYS.index(d) * DAY_MINUTES + b)
        for d in chosen
        for a, b in day
    )


def line_duties(dept: Department, unit: Unit, index: int) -> list[Duty]:
    """When the people of ``unit``'s staff line ``index`` are on duty (see the module)."""
    line = unit.staff[index]
    if line.headcount == 0:
        return []
    available = float(1 - dept.shrinkage(unit, line))
    people = line.headcount * available
    calendar = _unit_calendar(dept, unit, line)
    open_week = calendar_week(calendar)
    contract = dept.contracts_by_id.get(line.contract) if line.contract else None
    shifts = [dept.shifts_by_id[s] for s in line.shifts if s in dept.shifts_by_id]
    if shifts:
        out: list[Duty] = []
        for shift in shifts:
            # rest days in turn: each day of the shift has the same share of the line at work
            days = contract.days_per_week if contract is not None else len(shift.days)
            share = min(1.0, days / len(shift.days))
            week = intersect(shift_week(shift), open_week)
            out.append(Duty(index, people / len(shifts) * share, week, 1.0, shift.id))
        return _merged(out)
    if contract is not None:
        open_hours = length(open_week) / 60
        share = min(1.0, float(contract.hours_per_week) / open_hours) if open_hours else 0.0
        return [Duty(index, people * share, None, 1.0)]
    return [Duty(index, people, None, float(line.fte))]


def _merged(duties: Sequence[Duty]) -> list[Duty]:
    """Duties with the same hours as one."""
    merged: dict[tuple[Ranges | None, float, str | None], Duty] = {}
    for duty in duties:
        key = (duty.week, duty.share, duty.shift)
        found = merged.get(key)
        merged[key] = (
            duty
            if found is None
            else Duty(duty.line, found.people + duty.people, duty.week, duty.share, duty.shift)
        )
    return list(merged.values())


def unit_duties(dept: Department, unit: Unit) -> list[Duty]:
    """Every staff line's duties, in line order."""
    return [duty for i in range(len(unit.staff)) for duty in line_duties(dept, unit, i)]


def line_calendar(dept: Department, unit: Unit, line: StaffLine) -> str | None:
    """The calendar a staff line's people work to: the line's own, else the unit's (or its
    nearest ancestor's); ``None``: always open."""
    return line.calendar or dept.unit_calendar(unit.id)


def _unit_calendar(dept: Department, unit: Unit, line: StaffLine) -> Calendar | None:
    calendar_id = line_calendar(dept, unit, line)
    if calendar_id is None:
        return None
    return dept.calendars_by_id.get(calendar_id)


def weekly_hours(dept: Department, unit: Unit) -> list[float]:
    """People on duty in the unit, on average, in each of the 168 hours of the week
    (Monday 00:00–01:00 first), after shrinkage; dated holidays and overrides aside."""
    return on_duty(dept, unit, 60)


def on_duty(dept: Department, unit: Unit, interval: int) -> list[float]:
    """People on duty in the unit, on average over each ``interval`` minutes of the week
    (``interval`` divides a day; Monday 00:00 first), after shrinkage; dated holidays and
    overrides aside."""
    out = [0.0] * (WEEK_MINUTES // interval)
    for duty in unit_duties(dept, unit):
        line = unit.staff[duty.line]
        week = duty.week
        weight = duty.people
        if week is None:
            week = calendar_week(_unit_calendar(dept, unit, line))
            weight *= duty.share
        for a, b in week:
            for k in range(a // interval, -(-b // interval)):
                inside = min(b, (k + 1) * interval) - max(a, k * interval)
                out[k] += weight * inside / interval
    return out


def _day_of(ranges: Ranges, day: int) -> tuple[str, ...]:
    """The ranges on weekday ``day`` as ``HH:MM-HH:MM`` texts."""
    lo, hi = day * DAY_MINUTES, (day + 1) * DAY_MINUTES
    out = []
    for start, end in ranges:
        a, b = max(start, lo), min(end, hi)
        if a < b:
            out.append(f"{_clock(a - lo)}-{_clock(b - lo)}")
    return tuple(out)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duty_calendar(dept: Department, unit: Unit, duty: Duty, ident: str) -> Calendar | None:
    """A duty on shifts as a calendar of its own (``ident`` its id): its weekly hours, with
    the unit calendar's time zone, holidays and overrides (an override keeps only the hours
    the duty works that weekday). ``None`` for a duty without weekly hours."""
    if duty.week is None:
        return None
    base = _unit_calendar(dept, unit, unit.staff[duty.line])
    week = {day: _day_of(duty.week, i) for i, day in enumerate(_WEEKDAYS)}
    overrides: tuple[DayOverride, ...] = ()
    if base is not None:
        overrides = tuple(
            DayOverride(
                date=o.date,
                hours=_day_of(
                    intersect(
                        normalize(_day_ranges(o.hours)),
                        normalize(_day_ranges(week[_WEEKDAYS[o.date.weekday()]])),
                    ),
                    0,
                ),
            )
            for o in base.overrides
        )
    return Calendar(
        id=ident,
        name=ident,
        timezone=base.timezone if base is not None else None,
        week={day: hours for day, hours in week.items() if hours},
        public_holidays=base.public_holidays if base is not None else None,
        holidays=base.holidays if base is not None else (),
        overrides=overrides,
    )
