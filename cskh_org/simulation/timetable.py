"""Working time as seconds from the simulated start, taken from the department's business
calendars.

A :class:`Timetable` holds the openings of one :class:`~cskh_org.calendars.BusinessCalendar`
(optionally cut to a part-timer's share) as two sorted lists of float seconds, worked out
from the calendar engine a chunk of days at a time as the simulation reaches them, so the
simulation counts working time exactly as the SLA engine does.

Part-time agents (FTE below 1) work the first ``fte`` share of every opening of their
calendar (a half-time agent on ``08:00-12:00, 13:30-17:30`` works ``08:00-10:00`` and
``13:30-15:30``); without a calendar they work the first ``fte`` share of every day.

A target of business days (``1bd``) counts the calendar's *opening days*, the local dates it
opens on: :meth:`Timetable.add_days` keeps, from the first time it is asked, each opening
day's first opening and last close in seconds (a chunk of days at a time, as the openings),
and applies :meth:`~cskh_org.calendars.BusinessCalendar.add_business_days`'s rule to them.

:class:`WeeklyOpenings` stands for a calendar where openings are given outright, as ranges of
minutes from Monday 00:00 local time repeated every week (no holidays): the agents on duty of a
staffing being tried (:class:`~cskh_org.simulation.plan.Plan`'s ``staffing``). Over a period of
``weeks`` weeks (a roster's), the ranges run over the whole period, from the Monday ``anchor``
(the roster's first), and the period repeats before and after it: a date ``7 × weeks × k`` days
from the anchor is the period's first Monday again.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from cskh_org.errors import SimulationError

if TYPE_CHECKING:
    from cskh_org.calendars import BusinessCalendar

__all__ = ["Timetable", "WeeklyOpenings"]

_CHUNK_DAYS: Final = 28
_DAY: Final = 86_400.0
_MAX_AHEAD: Final = 5 * 366 * _DAY
"""How far :meth:`Timetable.add` looks for the end of an amount of working time (as the
calendar engine's ``MAX_DEADLINE_DAYS``)."""


class WeeklyOpenings:
    """Openings that repeat every week (every ``weeks`` weeks, counted from the Monday
    ``anchor``), without holidays: ``ranges`` of minutes from Monday 00:00 in the time zone
    ``zone`` (sorted, apart, within the period), named ``id`` in errors. A :class:`Timetable`
    takes it where it takes a business calendar (not for business days)."""

    __slots__ = ("anchor", "id", "ranges", "weeks", "zone")

    def __init__(
        self,
        ident: str,
        ranges: Sequence[tuple[int, int]],
        zone: dt.tzinfo,
        *,
        weeks: int = 1,
        anchor: dt.date | None = None,
    ) -> None:
        if weeks < 1 or (weeks > 1 and (anchor is None or anchor.weekday() != 0)):
            raise ValueError("a period of several weeks repeats from a Monday")
        self.id = ident
        self.ranges = tuple(ranges)
        self.zone = zone
        self.weeks = weeks
        self.anchor = anchor

    def open_intervals(
        self, begin: dt.datetime, end: dt.datetime
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """The openings within ``[begin, end)``, cut to it, in order."""
        out: list[tuple[dt.datetime, dt.datetime]] = []
        monday = begin.astimezone(self.zone).date()
        monday -= dt.timedelta(days=monday.weekday())
        if self.weeks > 1:
            assert self.anchor is not None
            into = ((monday - self.anchor).days // 7) % self.weeks  # weeks into its period
            monday -= dt.timedelta(days=7 * into)
        while True:
            week = dt.datetime.combine(monday, dt.time(), self.zone)
            if week >= end:
                return out
            for a, b in self.ranges:
                s = week + dt.timedelta(minutes=a)  # wall-clock arithmetic, as a calendar's
                e = week + dt.timedelta(minutes=b)
                if e > begin and s < end:
                    out.append((max(s, begin), min(e, end)))
            monday += dt.timedelta(days=7 * self.weeks)


class Timetable:
    """Openings of a calendar (or of whole days) as seconds from an origin instant."""

    __slots__ = (
        "_calendar",
        "_dates_until",
        "_day_close",
        "_day_length",
        "_day_open",
        "_fte",
        "_origin",
        "_until",
        "done",
        "ends",
        "starts",
    )

    def __init__(
        self,
        calendar: BusinessCalendar | WeeklyOpenings | None,
        origin: dt.datetime,
        fte: float = 1.0,
    ) -> None:
        if calendar is None and fte >= 1.0:
            raise ValueError("an always-open timetable needs no Timetable: use None")
        self._calendar = calendar
        self._origin = origin
        self._fte = fte
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.done: list[float] = []
        """Working seconds from the origin to the end of each opening (prefix sums), so
        adding and measuring working time are two bisections, however long the span."""
        self._until = 0.0
        self._extend(0.0)
        # the opening days (see `add_days`), worked out on first need only
        self._day_open: list[float] = []
        self._day_close: list[float] = []
        self._day_length: list[float] = []
        self._dates_until: dt.date | None = None

    def _extend(self, t: float) -> None:
        """Work out openings until past ``t`` (and at least one opening after it)."""
        while self._until <= t or not self.ends or self.ends[-1] <= t:
            self._chunk()
            if self._until > t + 5 * 366 * _DAY and (not self.ends or self.ends[-1] <= t):
                name = self._calendar.id if self._calendar is not None else "every day"
                raise SimulationError.of("error.simulation.no-opening", calendar=name)

    def work_out(self, until: float) -> None:
        """Work out the openings until past ``until`` now, the chunks a run would work out
        as it reaches them (the same openings: so the processes replications are forked
        into share them instead of each working them out again)."""
        while self._until <= until:
            self._chunk()

    def _chunk(self) -> None:
        """Work out the openings of the next chunk of days."""
        a = self._until
        b = a + _CHUNK_DAYS * _DAY
        if self._calendar is None:
            days = [(d, d + _DAY) for d in _days(a, b)]
        else:
            begin = self._origin + dt.timedelta(seconds=a)
            end = self._origin + dt.timedelta(seconds=b)
            days = [
                ((s - self._origin).total_seconds(), (e - self._origin).total_seconds())
                for s, e in self._calendar.open_intervals(begin, end)
            ]
        for s, whole in days:
            e = s + (whole - s) * self._fte if self._fte < 1.0 else whole
            if self.ends and s <= self.ends[-1]:
                if e > self.ends[-1]:  # continues across a chunk edge
                    self.done[-1] += e - self.ends[-1]
                    self.ends[-1] = e
            elif e > s:
                self.done.append((self.done[-1] if self.done else 0.0) + e - s)
                self.starts.append(s)
                self.ends.append(e)
        self._until = b

    def next_open(self, t: float) -> float:
        """The first working instant at or after ``t``."""
        ends = self.ends
        if not ends or ends[-1] <= t:
            self._extend(t)
        i = bisect_right(ends, t)
        start = self.starts[i]
        return start if start > t else t

    def _worked(self, t: float) -> float:
        """Working seconds from the origin to ``t``."""
        if not self.ends or self.ends[-1] <= t:
            self._extend(t)
        i = bisect_right(self.ends, t)
        start = self.starts[i]
        return self.done[i] - (self.ends[i] - (start if start > t else t))

    def open_time(self, a: float, b: float) -> float:
        """Working seconds within ``[a, b)``."""
        if b <= a:
            return 0.0
        return self._worked(b) - self._worked(a)

    def add(self, t: float, seconds: float) -> float:
        """The instant by which ``seconds`` of working time have passed from ``t`` (counting
        from the next opening when closed; an amount ending with an opening gives its
        close)."""
        if seconds <= 0.0:
            return t
        target = self._worked(t) + seconds
        done = self.done
        limit = t + _MAX_AHEAD
        while done[-1] < target:
            if self.ends[-1] > limit:
                name = self._calendar.id if self._calendar is not None else "every day"
                raise SimulationError.of(
                    "error.simulation.too-far",
                    calendar=name,
                    duration=str(dt.timedelta(seconds=round(seconds))),
                )
            self._extend(self.ends[-1])
        j = bisect_left(done, target)
        return self.ends[j] - (done[j] - target)

    def add_days(self, t: float, days: int) -> float:
        """The instant ``days`` business days after ``t``: at the same position in its opening
        day, ``days`` opening days later (the rule of
        :meth:`~cskh_org.calendars.BusinessCalendar.add_business_days`, in seconds). A
        timetable of a whole calendar only (an SLA clock's: no FTE share)."""
        if self._calendar is None or isinstance(self._calendar, WeeklyOpenings) or self._fte < 1:
            raise ValueError("business days count the opening days of a whole calendar")
        closes = self._day_close
        i = bisect_right(closes, t)  # the first opening day whose last close is after t
        while i + days >= len(closes):
            self._extend_days(t, days)
            i = bisect_right(closes, t)
        if self._day_open[i] < t:  # inside day i: the same business offset, `days` days on
            offset = self._worked(t) - (self._worked(closes[i]) - self._day_length[i])
            j = i + days
            length = self._day_length[j]
            if offset < length:
                target = self._worked(closes[j]) - length + offset
                done = self.done
                k = bisect_left(done, target)
                return self.ends[k] - (done[k] - target)
            return closes[j]
        return closes[i + days - 1]  # closed at t: day i is the first, due at its close

    def _extend_days(self, t: float, days: int) -> None:
        """Work out opening days a chunk of dates at a time, from the origin's date on."""
        calendar = self._calendar
        assert calendar is not None
        assert not isinstance(calendar, WeeklyOpenings)
        first = self._dates_until
        if first is None:
            first = self._origin.astimezone(calendar.zone).date()
        if (first - self._origin.astimezone(calendar.zone).date()).days * _DAY > t + _MAX_AHEAD:
            raise SimulationError.of(
                "error.simulation.too-far", calendar=calendar.id, duration=f"{days}bd"
            )
        last = first + dt.timedelta(days=_CHUNK_DAYS - 1)
        origin = self._origin
        for _, opens, closes, length in calendar.opening_days(first, last):
            self._day_open.append((opens - origin).total_seconds())
            self._day_close.append((closes - origin).total_seconds())
            self._day_length.append(length.total_seconds())
        self._dates_until = last + dt.timedelta(days=1)


def _days(a: float, b: float) -> list[float]:
    first = int(a // _DAY)
    return [d * _DAY for d in range(first, int(-(-b // _DAY)))]
