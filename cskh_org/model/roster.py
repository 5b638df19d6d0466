"""Roster rules as data: the document (``roster.yaml``, beside the department) that says which
shifts each unit may roster, who its agents are, the limits and fairness rules they keep, and
how long the solver may search.

Every unit named under ``units`` is rostered; its agents are, by default, every person of its
staff lines (``<unit>/<line>#<n>``, see :mod:`cskh_org.rosters.agents`). Limits default to the
department's ``working_time.limits`` (Vietnam's Labour Code: 8 normal hours a day, 48 a week,
one rest day a week) and a rest of 12 hours between two shifts (article 109, shift work).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from cskh_org.findings import refusal
from cskh_org.model.base import Id, Integer, Model, Number, Ref
from cskh_org.model.department import Department
from cskh_org.model.org import TimeRange, Weekday
from cskh_org.model.working_time import ClockTime, Shift

__all__ = [
    "AGENT_ID",
    "AgentRef",
    "DayOff",
    "Fairness",
    "RosterLimits",
    "RosterRules",
    "SameStart",
    "ShiftTemplate",
    "SolverOptions",
    "UnitRoster",
    "WeekendsOff",
    "agent_ids",
    "line_ids",
]

AGENT_ID = r"^[A-Za-z][A-Za-z0-9_-]{0,63}/[A-Za-z][A-Za-z0-9_-]{0,63}#[1-9][0-9]{0,5}$"
"""The form of an agent id: ``<unit>/<line>#<n>``."""

AgentRef = Annotated[
    str,
    Field(pattern=AGENT_ID),
    WithJsonSchema({"type": "string", "pattern": AGENT_ID, "examples": ["cskh/care_officer#1"]}),
]
"""An agent's id, ``<unit>/<line>#<n>`` (the ``n``-th person of the unit's staff line)."""

UnitRef = Annotated[Id, Ref("unit")]
ShiftRef = Annotated[Id, Ref("shift")]

_ALL_DAYS = tuple(Weekday)


class ShiftTemplate(Model):
    """A shift a unit may roster, written in the rules (beside the department's named
    ``working_time.shifts``): its start, its length or end, unpaid breaks, the weekdays it
    may run."""

    id: Id
    """Id shown in the roster (unique among the unit's shifts)."""
    start: ClockTime
    """When it starts, local time (``07:00``)."""
    end: ClockTime | None = None
    """When it ends (not after ``start``: the next day); or give ``hours``."""
    hours: Number | None = Field(default=None, gt=0, le=24, decimal_places=2)
    """Its length in hours, breaks included (``8.5``); or give ``end``."""
    breaks: tuple[TimeRange, ...] = ()
    """Unpaid breaks inside the shift (``[11:30-12:00]``)."""
    days: tuple[Weekday, ...] = _ALL_DAYS
    """The weekdays it may run on (default: every day)."""

    @model_validator(mode="after")
    def _end_or_hours(self) -> ShiftTemplate:
        if (self.end is None) == (self.hours is None):
            raise refusal("roster_template", "value.roster.end-or-hours")
        if self.hours is not None and (self.hours * 60) % 1 != 0:
            raise refusal("roster_template", "value.roster.whole-minutes")
        return self

    @property
    def end_clock(self) -> str:
        """The end as ``HH:MM`` (from ``hours`` when given)."""
        if self.end is not None:
            return self.end
        start = int(self.start[:2]) * 60 + int(self.start[3:5])
        assert self.hours is not None
        end = (start + int(self.hours * 60)) % (24 * 60)
        return f"{end // 60:02d}:{end % 60:02d}"

    def as_shift(self) -> Shift:
        """The template as a department shift (the same start, end, breaks and days)."""
        return Shift.model_validate(
            {
                "id": self.id,
                "days": [d.value for d in self.days],
                "start": self.start,
                "end": self.end_clock,
                "breaks": list(self.breaks),
            }
        )


class DayOff(Model):
    """Days an agent does not work: unavailable (``hard``) or asked for (soft, a penalty
    of ``weight`` for each such day worked)."""

    agent: AgentRef
    """The agent (``cskh/care_officer#1``)."""
    dates: tuple[dt.date, ...] = ()
    """Dates (``2027-06-09``), within the roster's period."""
    weekdays: tuple[Weekday, ...] = ()
    """Weekdays, every week (``[sat, sun]``)."""
    hard: bool = False
    """``true``: the agent cannot work then (availability); ``false``: a wish the solver
    keeps when it can."""
    weight: Integer = Field(default=60, ge=1, le=100_000)
    """The penalty of working one such day, in paid minutes' worth (soft only)."""

    @model_validator(mode="after")
    def _some_day(self) -> DayOff:
        if not self.dates and not self.weekdays:
            raise refusal("roster_day_off", "value.roster.day-off-empty")
        return self


class RosterLimits(Model):
    """The working-time limits every agent keeps; each unset one is the department's
    ``working_time.limits``."""

    hours_per_day: Number | None = Field(default=None, gt=0, le=24, decimal_places=2)
    """Most paid hours in one shift (default: the department's, 8 by the Labour Code)."""
    hours_per_week: Number | None = Field(default=None, gt=0, le=168, decimal_places=2)
    """Most paid hours in a roster week, Monday to Sunday (default: the department's, 48)."""
    rest_days_per_week: Integer | None = Field(default=None, ge=0, le=6)
    """Fewest days without a shift in a roster week (default: the department's, 1)."""
    rest_between_shifts: Number = Field(default=Decimal(12), ge=0, le=48, decimal_places=2)
    """Fewest hours from the end of one shift to the start of the next (12: the Labour
    Code's article 109 on shift work)."""


class WeekendsOff(Model):
    """Weekends off in rotation: in every ``every`` consecutive roster weeks, each agent has
    at least one full weekend (no shift starting on the Saturday or the Sunday)."""

    every: Integer = Field(ge=1, le=6)
    """The window, in weeks (``2``: one weekend off in every two)."""


class SameStart(Model):
    """The same start time on consecutive working days."""

    hard: bool = False
    """``true``: two shifts on consecutive days always start at the same time."""
    weight: Integer = Field(default=30, ge=1, le=100_000)
    """Soft: the penalty of each change of start time between consecutive working days, in
    paid minutes' worth."""


class Fairness(Model):
    """Rules that share the roster's burdens among agents."""

    weekends_off: WeekendsOff | None = None
    """Weekends off in rotation (none: no such rule)."""
    same_start: SameStart | None = None
    """The same start time on consecutive working days (none: no such rule)."""


class UnitRoster(Model):
    """One rostered unit: the shifts it may use and the cover it must keep."""

    unit: UnitRef
    """The unit (its agents: every person of its staff lines)."""
    shifts: tuple[ShiftRef, ...] = ()
    """Named shifts of the department (``working_time.shifts``) the unit may roster, on
    their own weekdays."""
    templates: tuple[ShiftTemplate, ...] = ()
    """Shifts written here."""
    minimum: Integer = Field(default=0, ge=0, le=10_000)
    """Hard minimum cover: at least this many agents on duty in every interval the unit's
    calendar opens (its week; dated holidays do not close it). The requirement (from
    staffing) is the soft target beside it."""
    agents: tuple[AgentRef, ...] | None = None
    """The agents rostered (default: every person of the unit's staff lines)."""

    @model_validator(mode="after")
    def _some_shift(self) -> UnitRoster:
        if not self.shifts and not self.templates:
            raise refusal("roster_unit", "value.roster.no-shift")
        return self


class SolverOptions(Model):
    """How the solver searches."""

    time_limit: Number = Field(default=Decimal(10), gt=0, le=3600, decimal_places=3)
    """Seconds of search (deterministic time when a ``seed`` is given: see docs/rosters.md)."""
    seed: Integer | None = Field(default=0, ge=0, le=2**31 - 1)
    """The search's seed: the same seed and input give the same roster (``null``: the
    workers race under a wall-clock limit, usually faster, not repeatable)."""
    workers: Integer = Field(default=2, ge=1, le=64)
    """Search workers (threads)."""


class RosterRules(Model):
    """The rules a roster of a department is built to."""

    version: Literal[1] = 1
    """Format version of the document."""
    department: Id
    """The id of the department the rules are written for."""
    start: dt.date
    """The roster's first day, a Monday."""
    weeks: Integer = Field(default=1, ge=1, le=6)
    """Weeks rostered, 1 to 6; the requirement's week repeats in each."""
    interval: Literal[15, 30, 60] = 30
    """Minutes per interval of cover."""
    units: tuple[UnitRoster, ...] = Field(min_length=1)
    """The rostered units."""
    days_off: tuple[DayOff, ...] = ()
    """Availability and days off asked for."""
    limits: RosterLimits = Field(default_factory=RosterLimits)
    """Working-time limits (default: the department's)."""
    fairness: Fairness = Field(default_factory=Fairness)
    """Fairness rules (default: none)."""
    solver: SolverOptions = Field(default_factory=SolverOptions)
    """Search options."""

    @field_validator("start")
    @classmethod
    def _monday(cls, value: dt.date) -> dt.date:
        if value.weekday() != 0:
            raise refusal("roster_start", "value.roster.monday", value=value.isoformat())
        return value

    @property
    def days(self) -> tuple[dt.date, ...]:
        """Every date of the roster, in order."""
        return tuple(self.start + dt.timedelta(days=d) for d in range(self.weeks * 7))


def line_ids(department: Department, unit: str) -> list[str]:
    """The ids of a unit's staff lines, in order: the line's named person if it has one,
    else its role (``care_officer``; a second line of the same role in the unit is
    ``care_officer-2``)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for line in department.units_by_id[unit].staff:
        base = line.person or line.role
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def agent_ids(department: Department, unit: str) -> list[str]:
    """Every agent id of a unit, ``<unit>/<line>#<n>``, line by line."""
    lines = department.units_by_id[unit].staff
    return [
        f"{unit}/{name}#{n}"
        for line, name in zip(lines, line_ids(department, unit), strict=True)
        for n in range(1, line.headcount + 1)
    ]
