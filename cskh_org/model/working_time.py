"""Working time as data: shifts, contracts and the limits they must keep.

A department's ``working_time`` section names its shift patterns (the days they run, start,
end and unpaid breaks) and its contracts (hours and days a week), and the working-time limits
they are checked against: by default Vietnam's Labour Code (Bộ luật Lao động 2019, articles
105 and 111): at most 8 normal hours a day and 48 a week, at least one rest day a week. Staff
lines name a contract and the shifts they work (several: a rotation, a week on each);
units and roles carry their :class:`~cskh_org.model.org.Shrinkage`.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema, field_validator, model_validator

from cskh_org.findings import refusal
from cskh_org.model.base import Id, Integer, LocalizedText, Model, Number
from cskh_org.model.org import Shrinkage, TimeRange, Weekday

__all__ = [
    "ClockTime",
    "Contract",
    "Shift",
    "WorkingTime",
    "WorkingTimeLimits",
    "minutes_of",
]

_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])\Z|^24:00\Z", re.ASCII)


def minutes_of(clock: str) -> int:
    """Minutes after midnight of a ``HH:MM`` time (``24:00`` is 1440)."""
    return int(clock[:2]) * 60 + int(clock[3:5])


def _check_clock(value: str) -> str:
    if not _CLOCK.match(value):
        raise refusal("clock_time", "value.clock-time", value=value[:40])
    return value


ClockTime = Annotated[
    str,
    AfterValidator(_check_clock),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
            "examples": ["07:00", "22:00"],
        }
    ),
]
"""A local time of day, ``HH:MM`` (24-hour clock; ``24:00`` is the end of the day)."""


class Shift(Model):
    """A named shift pattern: the weekdays it runs and its hours, breaks unpaid.

    A shift whose ``end`` is not after its ``start`` runs past midnight into the next day
    (``22:00`` to ``06:00``); it is counted on the day it starts.
    """

    id: Id
    """Id used in staff lines' ``shifts``."""
    name: LocalizedText | None = None
    """Display name, e.g. ``{vi: Ca sáng, en: Early shift}``."""
    days: tuple[Weekday, ...] = Field(min_length=1)
    """The weekdays the shift runs on (``[mon, tue, wed, thu, fri]``)."""
    start: ClockTime
    """When it starts, local time of the unit's calendar (``07:00``)."""
    end: ClockTime
    """When it ends (``15:30``; not after ``start``: the next day)."""
    breaks: tuple[TimeRange, ...] = ()
    """Unpaid breaks inside the shift, off duty (``[11:30-12:00]``)."""

    @field_validator("days")
    @classmethod
    def _days_once(cls, value: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        seen: set[Weekday] = set()
        for day in value:
            if day in seen:
                raise refusal("shift_days", "value.shift.day-twice", day=day.value)
            seen.add(day)
        return value

    @property
    def span(self) -> tuple[int, int]:
        """Start and end in minutes after the start day's midnight (``end`` > ``start``)."""
        start, end = minutes_of(self.start), minutes_of(self.end)
        return start, end if end > start else end + 24 * 60

    def _break_span(self, text: str) -> tuple[int, int]:
        a, b = minutes_of(text[:5]), minutes_of(text[6:])
        if a < self.span[0]:  # a shift past midnight: the break is on the next day
            a, b = a + 24 * 60, b + 24 * 60
        return a, b

    @property
    def break_spans(self) -> tuple[tuple[int, int], ...]:
        """The breaks in minutes after the start day's midnight, in order."""
        return tuple(sorted(self._break_span(text) for text in self.breaks))

    @property
    def paid_minutes(self) -> int:
        """Minutes worked on each day of the shift: its length less its breaks."""
        start, end = self.span
        return end - start - sum(b - a for a, b in self.break_spans)

    @model_validator(mode="after")
    def _breaks_inside(self) -> Shift:
        start, end = self.span
        for text in self.breaks:
            a, b = self._break_span(text)
            if a <= start or b >= end:
                raise refusal(
                    "shift_break",
                    "value.shift.break-outside",
                    value=text,
                    start=self.start,
                    end=self.end,
                )
        spans = self.break_spans
        for (_, b), (a, _) in itertools.pairwise(spans):
            if a < b:
                raise refusal("shift_break", "value.shift.break-overlap")
        return self


class Contract(Model):
    """A contract of employment: the hours and days a week its holders work."""

    id: Id
    """Id used in staff lines' ``contract``."""
    name: LocalizedText | None = None
    """Display name, e.g. ``{vi: Toàn thời gian, en: Full time}``."""
    hours_per_week: Number = Field(gt=0, le=168, max_digits=6, decimal_places=2)
    """Normal working hours a week (``40``; ``20`` part time)."""
    days_per_week: Integer = Field(default=5, ge=1, le=7)
    """Working days a week; the others are rest days."""


class WorkingTimeLimits(Model):
    """The working-time limits contracts and shifts are checked against.

    The defaults are Vietnam's Labour Code (2019): normal working hours of at most 8 a day
    and 48 a week (article 105), and at least one rest day a week (article 111).
    """

    hours_per_day: Number = Field(default=Decimal(8), gt=0, le=24, decimal_places=2)
    """Most normal working hours in a day."""
    hours_per_week: Number = Field(default=Decimal(48), gt=0, le=168, decimal_places=2)
    """Most normal working hours in a week."""
    rest_days_per_week: Integer = Field(default=1, ge=0, le=6)
    """Fewest rest days in a week."""


class WorkingTime(Model):
    """Shifts, contracts and the working-time limits of the department."""

    limits: WorkingTimeLimits = Field(default_factory=WorkingTimeLimits)
    """The limits every contract and shift is checked against."""
    shifts: tuple[Shift, ...] = ()
    """Named shift patterns staff lines work."""
    contracts: tuple[Contract, ...] = ()
    """Named contracts staff lines are hired on."""
    shrinkage: Shrinkage | None = None
    """The share of paid time an agent is not available to customers, for every unit and
    role that does not set its own."""
