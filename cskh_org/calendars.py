"""Business calendars: exact business-time arithmetic on a department's calendars.

A :class:`BusinessCalendar` is built from a :class:`~cskh_org.model.Calendar` and the
department's time zone (used when the calendar names none)::

    office = business_calendar(department, "office_hours")
    due = office.add(opened, timedelta(hours=4))        # 4 business hours later
    spent = office.elapsed(opened, replied)             # business time in [opened, replied)
    due = office.add_business_days(opened, 1)           # 1 business day (`1bd`) later

Every instant given must be time-zone aware (any UTC offset or zone: the result is the same
whatever zone an instant is written in); every instant returned is aware, in the calendar's
zone. The engine never reads files and keeps no global state.

Compare and subtract returned instants in UTC (``.astimezone(UTC)``) or measure with
:meth:`BusinessCalendar.elapsed`: Python subtracts and orders two datetimes of the same zone
by their wall clocks (``b - a`` across a DST change is off by the change), and an instant in
a repeated (fall-back) hour never compares equal to one written in another zone.

How opening hours become instants
---------------------------------
The hours of a local date are its override's (if any), else none if a holiday covers the date
(one of ``holidays``, or a public holiday of the country named under ``public_holidays`` that
``exclude`` does not drop), else the week's for that weekday. Each range ``HH:MM-HH:MM`` of
the date is the real time from its opening wall time to its closing wall time in the
calendar's zone (``24:00`` is the next date's midnight), worked out with :mod:`zoneinfo` and
then handled in UTC only:

* a wall time in a spring-forward gap maps forward (``02:30`` on the day Berlin skips from
  02:00 to 03:00 is 03:30), so ``00:00-24:00`` on that day is 23 hours of business time;
* in a fall-back fold a range opens at the first occurrence of its opening time and closes at
  the second occurrence of its closing time, so ``00:00-24:00`` is 25 hours; a range whose
  closing time maps before its opening time (both inside a gap) is empty;
* a range never leaves its date's day (from its local midnight to the next);
* ranges that touch or overlap are one opening, across midnight too (``22:00-24:00`` then
  ``00:00-07:00`` is one night shift).

Arithmetic is exact to the microsecond. Days are looked at one at a time (a 90-day duration
walks about 90 to 300 days, never minutes), each worked out once and kept in a bounded
per-calendar cache. Adding a duration looks :data:`MAX_DEADLINE_DAYS` (about five years)
ahead at most, then gives up with a :class:`~cskh_org.errors.CalendarError` naming the
calendar and its weekly hours. A search for an opening gives up after :data:`MAX_CLOSED_DAYS`
consecutive closed days with a :class:`~cskh_org.errors.CalendarError` naming the calendar,
so a calendar that never opens cannot hang a caller.

Where holiday data runs out
---------------------------
A calendar's holiday data covers :attr:`BusinessCalendar.holiday_years`: the years from the
first to the last its ``holidays`` touch, widened to the years the `holidays` package has
rules for when it names a country (1901 to 2100 for Vietnam); ``None`` when it has neither
(a hotline open on holidays). Business time after the last of those years counts public
holidays as working days for want of data: :meth:`BusinessCalendar.holiday_warning` says
so, and the SLA engine and the simulation pass the warning on. A country's holidays are
read a year at a time when first needed (:mod:`cskh_org.public_holidays`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cskh_org.errors import CalendarError, error_words, grouped
from cskh_org.model.org import Weekday
from cskh_org.words import Said

if TYPE_CHECKING:
    from cskh_org.model import Calendar, Department

__all__ = [
    "MAX_CLOSED_DAYS",
    "MAX_DEADLINE_DAYS",
    "BusinessCalendar",
    "DepartmentCalendars",
    "business_calendar",
]

MAX_CLOSED_DAYS: Final = 5 * 366
"""Consecutive closed days after which a search for an opening gives up (about five years)."""

MAX_DEADLINE_DAYS: Final = 5 * 366
"""How far (in calendar days) :meth:`BusinessCalendar.add` looks for the instant a duration
of business time ends, about five years: a year-long target on a calendar open a minute a
week would otherwise walk ten thousand years. The check ``sla-target-beyond-calendar`` finds
targets longer than their calendar is open in that time."""

_CACHE_DAYS: Final = 8192
"""Days whose openings one calendar keeps worked out (about 22 years); then it starts over."""

_NEVER_CLOSES: Final = MAX_CLOSED_DAYS * 86_400_000_000
"""An opening longer than this (in microseconds) is taken for one that never closes."""
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO: Final = dt.timedelta(microseconds=1)
_WEEKDAYS: Final = tuple(Weekday)

_Minutes = tuple[tuple[int, int], ...]
"""Opening ranges of a day in minutes after local midnight, sorted, disjoint, not touching."""
_Span = tuple[int, int]
"""An opening ``[start, end)`` in microseconds since 1970-01-01 UTC."""


def _parse_ranges(texts: Iterable[str]) -> _Minutes:
    """``["13:30-17:30", "08:00-12:00"]`` as sorted minute ranges, touching ones merged."""
    ranges = sorted(
        (int(t[0:2]) * 60 + int(t[3:5]), int(t[6:8]) * 60 + int(t[9:11])) for t in texts
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _aware_us(instant: dt.datetime, what: str = "instant") -> int:
    """Microseconds since the epoch of an aware datetime; a naive one is an error."""
    if not isinstance(instant, dt.datetime):
        raise CalendarError.of(
            "error.calendars.not-datetime", what=_what(what), kind=type(instant).__name__
        )
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise CalendarError.of(
            "error.calendars.no-zone", what=_what(what), instant=instant.isoformat()
        )
    return (instant - _EPOCH) // _MICRO


def _what(what: str) -> Said:
    """``instant``, ``start`` or ``end``: which instant a message is about, in both languages."""
    return error_words(f"error.calendars.what.{what}")


def _duration_us(duration: dt.timedelta) -> int:
    if not isinstance(duration, dt.timedelta):
        raise CalendarError.of("error.calendars.not-timedelta", kind=type(duration).__name__)
    if duration < dt.timedelta(0):
        raise CalendarError.of("error.calendars.negative", duration=str(duration))
    return duration // _MICRO


class BusinessCalendar:
    """Opening hours of one calendar as instants: open or not, next opening, adding and
    measuring business time. Immutable in use (only its cache of worked-out days changes)."""

    __slots__ = (
        "_days",
        "_fetched",
        "_holidays",
        "_never_open",
        "_overrides",
        "_public_days",
        "_public_known",
        "_week",
        "calendar",
        "holiday_years",
        "id",
        "timezone",
        "zone",
    )

    def __init__(self, calendar: Calendar, default_timezone: str) -> None:
        self.calendar: Final = calendar
        """The model this calendar was built from."""
        self.id: Final = calendar.id
        """The calendar's id (named in every error)."""
        self.timezone: Final = calendar.timezone or default_timezone
        """IANA name of the zone the hours are in: the calendar's, else the default."""
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise CalendarError.of(
                "error.calendars.zone", calendar=calendar.id, zone=self.timezone
            ) from None
        self.zone: Final = zone
        """The calendar's zone; every instant returned is in it."""
        week: list[_Minutes] = [()] * 7
        for day, texts in calendar.week.items():
            week[_WEEKDAYS.index(Weekday(day))] = _parse_ranges(texts)
        self._week: tuple[_Minutes, ...] = tuple(week)
        # holidays: merged ordinal ranges searched by bisection (a long range costs nothing)
        ranges = sorted(
            (h.date.toordinal(), (h.until or h.date).toordinal()) for h in calendar.holidays
        )
        holidays: list[tuple[int, int]] = []
        for first, last in ranges:
            if holidays and first <= holidays[-1][1] + 1:
                holidays[-1] = (holidays[-1][0], max(holidays[-1][1], last))
            else:
                holidays.append((first, last))
        self._holidays: tuple[tuple[int, int], ...] = tuple(holidays)
        # a country's public holidays: ordinals read a year at a time, on first use
        self._public_days: set[int] = set()
        self._public_known: set[int] = set()
        self._fetched: set[int] = set()
        years = [y for h in calendar.holidays for y in (h.date.year, (h.until or h.date).year)]
        if calendar.public_holidays is not None:
            from cskh_org.public_holidays import year_range

            years.extend(year_range(calendar.public_holidays.country))
        self.holiday_years: Final = (min(years), max(years)) if years else None
        """The first and last year the calendar has holiday data for (``None``: it has none)."""
        # overrides: several on one date open the union of their hours
        by_date: dict[int, list[str]] = {}
        for override in calendar.overrides:
            by_date.setdefault(override.date.toordinal(), []).extend(override.hours)
        self._overrides: dict[int, _Minutes] = {
            day: _parse_ranges(hours) for day, hours in by_date.items()
        }
        self._never_open: bool = not any(self._week) and not any(self._overrides.values())
        self._days: dict[int, tuple[tuple[_Span, ...], int]] = {}

    def __repr__(self) -> str:
        return f"BusinessCalendar({self.id!r}, {self.timezone!r})"

    # -- the hours of a date ------------------------------------------------------------------

    def is_never_open(self) -> bool:
        """True when no week day and no override has opening hours: the calendar never opens."""
        return self._never_open

    def hours(self, date: dt.date) -> tuple[str, ...]:
        """The opening ranges of a local date once overrides and holidays are applied
        (``("08:00-12:00", "13:30-17:30")``; empty when closed)."""
        return tuple(
            f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}"
            for s, e in self._minutes(date.toordinal())
        )

    def open_per_week(self) -> dt.timedelta:
        """How long the week's hours open in a week (wall-clock hours, without holidays,
        overrides or changes of UTC offset)."""
        return dt.timedelta(minutes=sum(e - s for day in self._week for s, e in day))

    def open_in_overrides(self) -> dt.timedelta:
        """How long the overrides open on their dates, together (wall-clock hours)."""
        return dt.timedelta(minutes=sum(e - s for day in self._overrides.values() for s, e in day))

    def holiday_dates(self, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
        """The local dates from ``first`` to ``last`` (both included), in order, on which the
        calendar is closed for a holiday: one of its ``holidays`` or a public holiday of its
        country that ``exclude`` keeps, unless an override gives the date opening hours (an
        override without hours leaves it a holiday). A weekday the week leaves closed is not
        a holiday. Empty when ``last`` is before ``first``."""
        for what, value in (("first", first), ("last", last)):
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise CalendarError.of(
                    "error.calendars.not-date", what=_what(what), kind=type(value).__name__
                )
        public = self.calendar.public_holidays is not None
        found = []
        for day in range(first.toordinal(), last.toordinal() + 1):
            if self._overrides.get(day):
                continue
            if self._own_holiday(day) or (public and self._is_public_holiday(day)):
                found.append(dt.date.fromordinal(day))
        return tuple(found)

    def _own_holiday(self, day: int) -> bool:
        """Whether one of the calendar's own ``holidays`` covers the date ``day`` (an
        ordinal)."""
        i = bisect.bisect_right(self._holidays, (day, 1 << 62)) - 1
        return i >= 0 and self._holidays[i][0] <= day <= self._holidays[i][1]

    def _minutes(self, day: int) -> _Minutes:
        found = self._overrides.get(day)
        if found is not None:
            return found
        if self._own_holiday(day):
            return ()
        if self.calendar.public_holidays is not None and self._is_public_holiday(day):
            return ()
        return self._week[(day - 1) % 7]  # ordinal 1 (0001-01-01) is a Monday

    def _is_public_holiday(self, day: int) -> bool:
        year = dt.date.fromordinal(day).year
        if year not in self._public_known:
            # a year's observed days may spill into the next: read the year before too
            for y in (year - 1, year):
                if y not in self._fetched:
                    self._fetched.add(y)
                    self._public_days.update(self._public_year(y))
            self._public_known.add(year)
        return day in self._public_days

    def _public_year(self, year: int) -> Iterator[int]:
        """The ordinals of the country's public holidays of ``year`` that are not excluded."""
        from cskh_org.public_holidays import holidays_of_year, matches

        public = self.calendar.public_holidays
        assert public is not None
        dates = {d for d in public.exclude if isinstance(d, dt.date)}
        names = [n for n in public.exclude if isinstance(n, str)]
        found = holidays_of_year(public.country, public.subdivision, year, observed=public.observed)
        for date, held in found.items():
            if date not in dates and not any(matches(n, held) for n in names):
                yield date.toordinal()

    def holiday_warning(self, instant: dt.datetime) -> str | None:
        """A warning when ``instant`` falls (in the calendar's zone) after the last year the
        calendar has holiday data for; ``None`` when its holidays are known then."""
        if self.holiday_years is None:
            return None
        from cskh_org.public_holidays import year_range as year_range_of

        year = self._instant(_aware_us(instant)).year
        last = self.holiday_years[1]
        if year <= last:
            return None
        public = self.calendar.public_holidays
        if public is not None and last == year_range_of(public.country)[1]:
            return (
                f"calendar `{self.id}`: the `holidays` package has {public.country}'s public "
                f"holidays only up to {last}, so {year}'s are counted as working days (a "
                f"deadline then may be early); list {year}'s holidays under `holidays`"
            )
        return (
            f"calendar `{self.id}` has holidays only up to {last}, so {year}'s are counted as "
            "working days (a deadline then may be early): name the country under "
            f"`public_holidays` (`{{country: VN}}`) or list {year}'s holidays"
        )

    def _midnight(self, date: dt.date) -> int:
        """The instant a local date begins (its first midnight; the end of a gap over it)."""
        return _aware_us(dt.datetime(date.year, date.month, date.day, tzinfo=self.zone))

    def _wall(self, date: dt.date, minute: int, *, closing: bool) -> int:
        """The instant of a wall time: forward out of a gap; in a fold, the first occurrence
        for an opening and the second for a closing."""
        if minute == 1440:
            date, minute = date + dt.timedelta(days=1), 0
        local = dt.datetime(date.year, date.month, date.day, minute // 60, minute % 60)
        first = _aware_us(local.replace(tzinfo=self.zone))
        if not closing:
            return first
        return max(first, _aware_us(local.replace(tzinfo=self.zone, fold=1)))

    def _day(self, day: int) -> tuple[tuple[_Span, ...], int]:
        """The openings of a local date (sorted, disjoint) and the instant the next date
        begins; every opening lies between the date's midnight and that instant."""
        found = self._days.get(day)
        if found is not None:
            return found
        try:
            date = dt.date.fromordinal(day)
            following = self._midnight(date + dt.timedelta(days=1))
            spans: list[_Span] = []
            minutes = self._minutes(day)
            if minutes:
                low = self._midnight(date)
                for start, end in minutes:
                    a = max(low, self._wall(date, start, closing=False))
                    b = min(following, self._wall(date, end, closing=True))
                    if a < b:
                        spans.append((a, b))
                spans.sort()
                merged: list[_Span] = []
                for a, b in spans:
                    if merged and a <= merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(merged[-1][1], b))
                    else:
                        merged.append((a, b))
                spans = merged
        except (OverflowError, ValueError):
            raise CalendarError.of("error.calendars.years", calendar=self.id) from None
        result = (tuple(spans), following)
        if len(self._days) >= _CACHE_DAYS:
            self._days.clear()
        self._days[day] = result
        return result

    # -- walking openings -------------------------------------------------------------------------

    def _local_day(self, us: int) -> int:
        try:
            return (_EPOCH + us * _MICRO).astimezone(self.zone).toordinal()
        except (OverflowError, ValueError):
            raise CalendarError.of("error.calendars.years", calendar=self.id) from None

    def _instant(self, us: int) -> dt.datetime:
        try:
            return (_EPOCH + us * _MICRO).astimezone(self.zone)
        except (OverflowError, ValueError):
            raise CalendarError.of("error.calendars.after-9999", calendar=self.id) from None

    def _never_opens_error(self) -> CalendarError:
        return CalendarError.of("error.calendars.never-opens", calendar=self.id)

    def _pieces(self, after: int, until: int | None = None) -> Iterator[tuple[int, int, int]]:
        """The openings of each local date in order (disjoint; those of consecutive dates may
        touch) that end after ``after``, each with its date (an ordinal): with ``until``,
        the dates up to it, else without end (a search, given up after
        :data:`MAX_CLOSED_DAYS` closed days in a row)."""
        if until is None and self._never_open:
            raise self._never_opens_error()
        day = self._local_day(after) - 1
        last = None if until is None else self._local_day(until) + 1
        closed = 0
        while last is None or day <= last:
            spans, _ = self._day(day)
            if spans:
                closed = 0
                for start, end in spans:
                    if end > after:
                        yield start, end, day
            elif last is None:
                closed += 1
                if closed > MAX_CLOSED_DAYS:
                    first = dt.date.fromordinal(day - closed + 1).isoformat()
                    raise CalendarError.of(
                        "error.calendars.closed-days",
                        calendar=self.id,
                        days=MAX_CLOSED_DAYS,
                        first=first,
                    )
            day += 1

    def _openings(self, after: int, until: int | None = None) -> Iterator[_Span]:
        """Whole openings (touching pieces merged) that end after ``after``, in order; without
        ``until``, an opening that lasts :data:`MAX_CLOSED_DAYS` days is an error (a calendar
        open around the clock never closes)."""
        pending: _Span | None = None
        for start, end, day in self._pieces(after, until):
            if pending is not None and start <= pending[1]:
                pending = (pending[0], max(pending[1], end))
                if until is None and pending[1] - max(pending[0], after) > _NEVER_CLOSES:
                    raise CalendarError.of(
                        "error.calendars.never-closes",
                        calendar=self.id,
                        days=MAX_CLOSED_DAYS,
                        first=str(self._instant(max(pending[0], after)).date()),
                    )
            else:
                if pending is not None:
                    yield pending
                pending = (start, end)
            # later pieces start at the next date's midnight (`following`) or after: one can
            # touch this opening only if the opening ends there and the next date opens then
            _, following = self._day(day)
            if pending[1] < following or not self._opens_at(day + 1, pending[1]):
                yield pending
                pending = None
        if pending is not None:
            yield pending

    def _opens_at(self, day: int, instant: int) -> bool:
        """Whether the first opening from a local date on starts exactly at ``instant`` (the
        date's midnight), looking past dates of no length (a date a zone skipped)."""
        while True:
            spans, following = self._day(day)
            if spans:
                return spans[0][0] == instant
            if following != instant:
                return False
            day += 1

    def _first_piece(self, after: int) -> _Span:
        for start, end, _ in self._pieces(after):
            return start, end
        raise AssertionError("unreachable: an unbounded search ends in an opening or raises")

    # -- the API --------------------------------------------------------------------------------

    def is_open(self, instant: dt.datetime) -> bool:
        """Whether the calendar is open at ``instant`` (an opening includes its start, not its
        end)."""
        t = _aware_us(instant)
        for start, _, _ in self._pieces(t, t + 1):
            return start <= t
        return False

    def next_open(self, instant: dt.datetime) -> dt.datetime:
        """The first open instant at or after ``instant`` (``instant`` itself when open)."""
        t = _aware_us(instant)
        start, _ = self._first_piece(t)
        return self._instant(max(start, t))

    def next_close(self, instant: dt.datetime) -> dt.datetime:
        """When the opening that holds ``instant`` ends; when closed, when the next one ends."""
        for _, end in self._openings(_aware_us(instant)):
            return self._instant(end)
        raise AssertionError("unreachable: an unbounded search ends in an opening or raises")

    def open_intervals(
        self, start: dt.datetime, end: dt.datetime
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """The openings within ``[start, end)``, clipped to it, in order; openings that touch
        (``24:00`` then ``00:00``) are one."""
        a, b = _aware_us(start, "start"), _aware_us(end, "end")
        for s, e in self._spans(a, b):
            yield self._instant(s), self._instant(e)

    def _spans(self, a: int, b: int) -> Iterator[_Span]:
        if b <= a:
            return
        for s, e in self._openings(a, b):
            if s >= b:
                return
            yield max(s, a), min(e, b)

    def add(self, instant: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The earliest instant by which ``duration`` of business time has elapsed from
        ``instant``: counting starts at the next opening when closed, and a duration ending
        with an opening gives its closing instant (not the next opening).

        ``add(t, timedelta(0))`` is ``t`` itself (in the calendar's zone), open or not: it is
        the inverse of :meth:`elapsed`, and a target with nothing left falls due now. A
        negative duration is a :class:`CalendarError`.
        """
        t = _aware_us(instant)
        left = _duration_us(duration)
        if left == 0:
            return self._instant(t)
        last = self._local_day(t) + MAX_DEADLINE_DAYS
        for s, e, day in self._pieces(t):
            if day > last:
                raise self._too_far(duration, t)
            begin = max(s, t)
            if e - begin >= left:
                return self._instant(begin + left)
            left -= e - begin
        raise AssertionError("unreachable: an unbounded search ends in an opening or raises")

    def _too_far(self, duration: dt.timedelta | int, start: int) -> CalendarError:
        """A deadline beyond :data:`MAX_DEADLINE_DAYS`: of an amount of business time, or (an
        ``int``) of that many business days."""
        from cskh_org.model.sla import format_duration

        weekly = self.open_per_week()
        hours = (
            error_words("error.calendars.open.weekly", weekly=format_duration(weekly))
            if weekly
            else error_words("error.calendars.open.overrides")
        )
        if isinstance(duration, int):
            return CalendarError.of(
                "error.calendars.too-far.days",
                calendar=self.id,
                n=duration,
                start=str(self._instant(start).date()),
                days=grouped(MAX_DEADLINE_DAYS),
                hours=hours,
            )
        return CalendarError.of(
            "error.calendars.too-far",
            calendar=self.id,
            duration=format_duration(duration),
            start=str(self._instant(start).date()),
            days=grouped(MAX_DEADLINE_DAYS),
            hours=hours,
        )

    def add_business_days(self, instant: dt.datetime, days: int) -> dt.datetime:
        """The instant ``days`` business days after ``instant``: at the same position in its
        opening day, ``days`` opening days later (what ``3bd`` means; see
        :class:`~cskh_org.model.sla.BusinessDays`).

        An *opening day* is a local date on which the calendar opens at all (a holiday is
        skipped, a short override day is a day). When ``instant`` is inside an opening day
        (after its first opening, before its last close) at business offset ``x`` from its
        first opening, the result is at business offset ``x`` into the ``days``-th following
        opening day: the earliest instant by which ``x`` of it has elapsed, or its close when
        it is shorter. When ``instant`` falls while closed (or at the day's first opening),
        counting starts at the next opening, whose day is the first: the result is the close
        of the ``days``-th opening day.

        ``days`` is a whole number from 1; looking further than :data:`MAX_DEADLINE_DAYS`
        ahead, or on a calendar that never opens, is a :class:`CalendarError`.
        """
        t = _aware_us(instant)
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise CalendarError.of("error.calendars.business-days", days=f"{days!r:.40}")
        if self._never_open:
            raise self._never_opens_error()
        day = self._local_day(t)
        last = day + MAX_DEADLINE_DAYS
        spans, _ = self._day(day)
        offset: int | None = None  # business time of the instant's own day before it
        if spans and spans[0][0] < t < spans[-1][1]:
            offset = sum(min(e, t) - s for s, e in spans if s < t)
            day += 1
        elif not spans or t > spans[0][0]:
            day += 1  # closed after the day's last close, or a closed date: from the next
        left = days
        while True:
            if day > last:
                raise self._too_far(days, t)
            spans, _ = self._day(day)
            if spans:
                left -= 1
                if not left:
                    break
            day += 1
        if offset is not None:
            for s, e in spans:
                if e - s >= offset:
                    return self._instant(s + offset)
                offset -= e - s
        return self._instant(spans[-1][1])

    def opening_days(
        self, first: dt.date, last: dt.date
    ) -> Iterator[tuple[dt.date, dt.datetime, dt.datetime, dt.timedelta]]:
        """The opening days among the local dates ``first`` to ``last`` (both included), in
        order: each date with its first opening, its last close and its business time (the
        days :meth:`add_business_days` counts)."""
        for day in range(first.toordinal(), last.toordinal() + 1):
            spans, _ = self._day(day)
            if spans:
                yield (
                    dt.date.fromordinal(day),
                    self._instant(spans[0][0]),
                    self._instant(spans[-1][1]),
                    sum(e - s for s, e in spans) * _MICRO,
                )

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Business time within ``[start, end)``; zero when ``end`` is not after ``start`` (and
        on a calendar that never opens)."""
        a, b = _aware_us(start, "start"), _aware_us(end, "end")
        if b <= a:
            return dt.timedelta(0)
        total = 0
        for s, e, _ in self._pieces(a, b):
            if s >= b:
                break
            total += min(e, b) - max(s, a)
        return total * _MICRO

    def longest_closure(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The longest closed stretch within ``[start, end)`` (clipped to it); the whole window
        when it holds no opening. A calendar that never opens has no longest closure: that is
        a :class:`CalendarError` naming it."""
        a, b = _aware_us(start, "start"), _aware_us(end, "end")
        if self._never_open:
            raise self._never_opens_error()
        longest, cursor = 0, a
        for s, e in self._spans(a, b):
            longest = max(longest, s - cursor)
            cursor = e
        return max(longest, b - cursor, 0) * _MICRO


class DepartmentCalendars(Mapping[str, BusinessCalendar]):
    """The business calendars of one department by id, each built on first use and kept
    (the mapping lives as long as its holder: there is no global cache)."""

    def __init__(self, department: Department) -> None:
        self._timezone = department.timezone
        self._models: dict[str, Calendar] = {c.id: c for c in department.calendars}
        self._built: dict[str, BusinessCalendar] = {}

    def __getitem__(self, calendar_id: str) -> BusinessCalendar:
        found = self._built.get(calendar_id)
        if found is None:
            found = BusinessCalendar(self._models[calendar_id], self._timezone)
            self._built[calendar_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._models)

    def __len__(self) -> int:
        return len(self._models)

    def get_calendar(self, calendar_id: str) -> BusinessCalendar:
        """The calendar with this id; an unknown id is a :class:`CalendarError`."""
        if calendar_id not in self._models:
            known = ", ".join(f"`{c}`" for c in self._models)
            raise CalendarError.of(
                "error.calendars.undefined.known",
                calendar=calendar_id,
                known=known or error_words("error.calendars.none"),
            )
        return self[calendar_id]


def business_calendar(department: Department, calendar_id: str) -> BusinessCalendar:
    """The business calendar ``calendar_id`` of ``department``, in the department's zone unless
    it names its own; an unknown id is a :class:`CalendarError`. (Keep a
    :class:`DepartmentCalendars` to reuse calendars across calls.)"""
    return DepartmentCalendars(department).get_calendar(calendar_id)
