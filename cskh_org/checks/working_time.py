"""Checks of working time: contracts and shifts within the working-time limits, shifts that
fit their contract and their unit's calendar, opening hours someone is on shift for, and
staff lines whose hours are not written at all.

When people are on duty is :mod:`cskh_org.working_time`'s answer; these checks compare it
with the calendars and the limits, on the weekly pattern (dated holidays and overrides
aside).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from cskh_org.checks import Issue, check
from cskh_org.findings import Severity
from cskh_org.graph import _per_department
from cskh_org.model import Department, Unit, Weekday, WorkingTimeLimits
from cskh_org.working_time import (
    DAY_MINUTES,
    Ranges,
    calendar_week,
    length,
    normalize,
    shift_week,
    subtract,
)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

__all__ = ["ranges_text"]

_SHOWN: Final = 8
"""Ranges a message lists before it says how many more there are."""
_TOLERANCE: Final = Decimal("0.25")
"""Hours a week a line's shifts may differ from its contract by (rounding of breaks)."""


def _hours(minutes: int | Decimal) -> str:
    value = (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()
    return f"{value:f}"


def ranges_text(ranges: Ranges) -> str:
    """Minutes of the week as ``mon 07:00-08:00, sun 21:00-22:00`` (the first few, then how
    many more)."""
    days = tuple(Weekday)
    parts = []
    for a, b in ranges:
        day = a // DAY_MINUTES
        start, end = a - day * DAY_MINUTES, b - day * DAY_MINUTES
        parts.append(
            f"{days[day].value} {start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
        )
    if len(parts) > _SHOWN:
        return f"{', '.join(parts[:_SHOWN])} (+{len(parts) - _SHOWN})"
    return ", ".join(parts)


def _split_days(ranges: Ranges) -> Ranges:
    """``ranges`` cut at every midnight, so each piece is on one weekday."""
    out = []
    for start, end in ranges:
        at = start
        while at < end:
            cut = min(end, (at // DAY_MINUTES + 1) * DAY_MINUTES)
            out.append((at, cut))
            at = cut
    return tuple(out)


def _calendar(dept: Department, calendar_id: str | None) -> Ranges | None:
    """The weekly openings of a calendar a line works to (``None``: all week); ``None`` when
    the id names nothing (``unknown-calendar`` says so)."""
    weeks = _weeks(dept)
    if calendar_id in weeks:
        return weeks[calendar_id]
    found: Ranges | None
    if calendar_id is None:
        found = calendar_week(None)
    else:
        calendar = dept.calendars_by_id.get(calendar_id)
        found = calendar_week(calendar) if calendar is not None else None
    weeks[calendar_id] = found
    return found


@_per_department
def _weeks(dept: Department) -> dict[str | None, Ranges | None]:
    """The weekly openings of each calendar (``None``: all week) the lines name, filled in
    as they are asked: a calendar is turned into minutes once, not once per staff line."""
    return {}


@check(
    "working-time",
    "Contracts and shifts keep the working-time limits (Vietnam's Labour Code unless the "
    "department sets its own); a line's shifts give its contract's hours and lie inside its "
    "calendar; every opening hour has someone on shift; every line's hours are written.",
    working_time_limit=E,
    contract_shift_hours=W,
    shift_outside_calendar=W,
    shift_gap=W,
    staff_hours_unstated=W,
    staff_function_outside_unit=E,
)
def working_time(dept: Department) -> Iterator[Issue]:
    limits = dept.working_limits
    most_days = 7 - limits.rest_days_per_week
    working = dept.working_time
    if working is not None:
        for i, contract in enumerate(working.contracts):
            where = ("working_time", "contracts", i)
            if contract.hours_per_week > limits.hours_per_week:
                yield Issue.said(
                    "working-time-limit",
                    (*where, "hours_per_week"),
                    "working-time-limit.contract-hours",
                    contract=contract.id,
                    hours=_hours(contract.hours_per_week * 60),
                    limit=_hours(limits.hours_per_week * 60),
                )
            if contract.days_per_week > most_days:
                yield Issue.said(
                    "working-time-limit",
                    (*where, "days_per_week"),
                    "working-time-limit.contract-days",
                    contract=contract.id,
                    days=contract.days_per_week,
                    rest=limits.rest_days_per_week,
                )
        for i, shift in enumerate(working.shifts):
            if shift.paid_minutes > limits.hours_per_day * 60:
                yield Issue.said(
                    "working-time-limit",
                    ("working_time", "shifts", i),
                    "working-time-limit.shift-hours",
                    shift=shift.id,
                    hours=_hours(shift.paid_minutes),
                    limit=_hours(limits.hours_per_day * 60),
                )
    unstated: dict[tuple[str, Decimal], Decimal | None] = {}
    weeks = _weeks(dept)
    for u, unit in enumerate(dept.units):
        yield from _unit(dept, u, unit, most_days, limits=limits, unstated=unstated, weeks=weeks)


def _unit(
    dept: Department,
    u: int,
    unit: Unit,
    most_days: int,
    *,
    limits: WorkingTimeLimits,
    unstated: dict[tuple[str, Decimal], Decimal | None],
    weeks: dict[str | None, Ranges | None],
) -> Iterator[Issue]:
    """The issues of one unit's staff lines. ``unstated`` keeps, per (calendar, FTE) of a
    line without shifts or contract, its weekly hours when they pass the limit (else
    ``None``): 50,000 lines share a handful of them. ``weeks``: :func:`_weeks` of ``dept``
    (the calendars turned into minutes so far)."""
    unit_calendar = dept.unit_calendar(unit.id)
    covered: list[tuple[int, int]] = []
    all_on_shifts = True
    staffed = False
    for j, line in enumerate(unit.staff):
        where = ("units", u, "staff", j)
        for k, function in enumerate(line.functions):
            if function not in unit.functions:
                yield Issue.said(
                    "staff-function-outside-unit",
                    (*where, "functions", k),
                    function=function,
                    unit=unit.id,
                )
        if line.headcount == 0:
            continue
        staffed = True
        calendar_id = line.calendar or unit_calendar
        open_week = weeks[calendar_id] if calendar_id in weeks else _calendar(dept, calendar_id)
        if open_week is None:
            all_on_shifts = False  # its hours are unknown: no gap is said
            continue
        contract = dept.contracts_by_id.get(line.contract) if line.contract else None
        if not line.shifts:
            all_on_shifts = False
            # a unit with no calendar is always open: a model of queueing theory, not said
            if contract is None and calendar_id is not None:
                key = (calendar_id, line.fte)
                if key not in unstated:
                    needed = Decimal(length(open_week)) / 60 * line.fte
                    unstated[key] = needed if needed > limits.hours_per_week else None
                hours = unstated[key]
                if hours is not None:
                    yield Issue.said(
                        "staff-hours-unstated",
                        where,
                        unit=unit.id,
                        role=line.role,
                        hours=_hours(hours * 60),
                        limit=_hours(limits.hours_per_week * 60),
                    )
            continue
        shifts = [(k, dept.shifts_by_id.get(s)) for k, s in enumerate(line.shifts)]
        known = [(k, s) for k, s in shifts if s is not None]
        for k, shift in known:
            week = shift_week(shift)
            covered += week
            outside = _split_days(subtract(week, open_week))
            if outside:
                yield Issue.said(
                    "shift-outside-calendar",
                    (*where, "shifts", k),
                    shift=shift.id,
                    calendar=calendar_id or "-",
                    hours=ranges_text(outside),
                )
            days = min(len(shift.days), contract.days_per_week if contract else 7)
            weekly = shift.paid_minutes * days
            if contract is None and days > most_days:
                yield Issue.said(
                    "working-time-limit",
                    (*where, "shifts", k),
                    "working-time-limit.shift-days",
                    shift=shift.id,
                    days=days,
                    rest=limits.rest_days_per_week,
                )
            elif weekly > limits.hours_per_week * 60:
                yield Issue.said(
                    "working-time-limit",
                    (*where, "shifts", k),
                    "working-time-limit.line-hours",
                    shift=shift.id,
                    hours=_hours(weekly),
                    limit=_hours(limits.hours_per_week * 60),
                )
            if contract is not None:
                gap = abs(Decimal(weekly) / 60 - contract.hours_per_week)
                if gap > _TOLERANCE:
                    yield Issue.said(
                        "contract-shift-hours",
                        (*where, "shifts", k),
                        shift=shift.id,
                        days=days,
                        paid=_hours(shift.paid_minutes),
                        hours=_hours(weekly),
                        contract=contract.id,
                        contracted=_hours(contract.hours_per_week * 60),
                    )
    if staffed and all_on_shifts and covered:
        cover = normalize(covered)
        opening = normalize(
            r
            for line in unit.staff
            if line.headcount
            for r in _calendar(dept, line.calendar or unit_calendar) or ()
        )
        gaps = _split_days(subtract(opening, cover))
        if gaps:
            yield Issue.said(
                "shift-gap",
                ("units", u, "staff"),
                unit=unit.id,
                hours=_hours(length(gaps)),
                ranges=ranges_text(gaps),
            )
