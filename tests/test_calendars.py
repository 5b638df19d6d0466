"""Business calendars: hand examples (a Vietnamese office with Tết, DST days in Berlin and New
York) and properties over random calendars and instants in random zones."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.calendars import (
    MAX_CLOSED_DAYS,
    MAX_DEADLINE_DAYS,
    BusinessCalendar,
    DepartmentCalendars,
    business_calendar,
)
from cskh_org.errors import CalendarError, CskhOrgError
from cskh_org.model import Calendar, DayOverride, Department, Weekday
from tests.conftest import EXAMPLES, examples

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
ZERO = dt.timedelta(0)
OFFICE_DAY = ["08:00-12:00", "13:30-17:30"]
WEEK = [w.value for w in Weekday]


def calendar(zone: str | None = None, **fields: Any) -> BusinessCalendar:
    """A business calendar from model fields (``week`` etc.), in ``zone`` (default Hồ Chí Minh)."""
    model = Calendar.model_validate({"id": "cal", "name": {"vi": "Lịch"}, **fields})
    return BusinessCalendar(model, zone or "Asia/Ho_Chi_Minh")


def vn(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, second: int = 0, us: int = 0
) -> dt.datetime:
    """A wall time in Hồ Chí Minh City."""
    return dt.datetime(year, month, day, hour, minute, second, us, tzinfo=VN)


def office(**fields: Any) -> BusinessCalendar:
    """Mon–Sat 08:00-12:00 and 13:30-17:30 in Asia/Ho_Chi_Minh, with Tết 2027 as data."""
    return calendar(
        week=dict.fromkeys(WEEK[:6], OFFICE_DAY),
        holidays=[
            {"date": "2027-01-01", "name": {"vi": "Tết Dương lịch"}},
            {"date": "2027-02-05", "until": "2027-02-10", "name": {"vi": "Tết Nguyên đán"}},
        ],
        **fields,
    )


def real(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Real time from ``start`` to ``end`` (``end - start`` between datetimes of one zone
    object subtracts wall clocks, ignoring DST)."""
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


def utc(instant: dt.datetime) -> dt.datetime:
    """The instant in UTC, to compare: Python compares datetimes of one zone object by wall
    clock (ignoring DST), and an instant of a repeated hour unequal to any other zone's."""
    return instant.astimezone(dt.UTC)


def later(instant: dt.datetime, span: dt.timedelta) -> dt.datetime:
    """The instant ``span`` of real time after ``instant`` (added in UTC, not to a wall clock)."""
    return instant.astimezone(dt.UTC) + span


def example(name: str) -> Department:
    """The department of ``examples/NAME`` (findings of sections other than calendars are
    test_examples' business, so a department that has some still serves)."""
    dept = cskh_org.validate(EXAMPLES / name / "department.yaml").department
    assert dept is not None
    return dept


def around_the_clock(zone: str) -> BusinessCalendar:
    return calendar(zone, week={d: ["00:00-24:00"] for d in WEEK})


# -- hand examples: a Vietnamese office ----------------------------------------------------------


def test_add_carries_over_the_night_to_saturday() -> None:
    """Four business hours from Friday 16:50 are 40 minutes on Friday and 3h20 on Saturday."""
    friday = vn(2027, 1, 29, 16, 50)
    assert friday.weekday() == 4
    due = office().add(friday, 4 * H)
    assert due == vn(2027, 1, 30, 11, 20)
    assert due.tzinfo == VN


def test_add_jumps_over_tet() -> None:
    """Business time added before Tết continues after the holiday range (5–10 Feb 2027)."""
    cal = office()
    # Thursday 4 Feb 16:00: 1h30 that day, Tết closes 5..10 Feb, the rest on Thursday 11 Feb.
    due = cal.add(vn(2027, 2, 4, 16), 4 * H)
    assert due == vn(2027, 2, 11, 10, 30)
    assert cal.elapsed(vn(2027, 2, 4, 16), due) == 4 * H
    assert not cal.is_open(vn(2027, 2, 8, 9))
    assert cal.next_open(vn(2027, 2, 4, 18)) == vn(2027, 2, 11, 8)


def test_tet_eve_override_closes_at_noon() -> None:
    """An override closing early replaces the week's hours of its date (Tết eve, 08:00-12:00)."""
    cal = office(overrides=[{"date": "2027-02-04", "hours": ["08:00-12:00"]}])
    assert cal.next_close(vn(2027, 2, 4, 9)) == vn(2027, 2, 4, 12)
    assert not cal.is_open(vn(2027, 2, 4, 14))
    assert cal.add(vn(2027, 2, 4, 11), 2 * H) == vn(2027, 2, 11, 9)
    assert cal.hours(dt.date(2027, 2, 4)) == ("08:00-12:00",)


def test_override_opens_a_sunday() -> None:
    """An override with hours opens a Sunday the week keeps closed."""
    sunday = dt.date(2027, 1, 31)
    assert sunday.weekday() == 6
    cal = office(overrides=[{"date": sunday.isoformat(), "hours": ["08:00-12:00"]}])
    saturday_close = vn(2027, 1, 30, 17, 30)
    assert cal.next_open(saturday_close) == vn(2027, 1, 31, 8)
    assert office().next_open(saturday_close) == vn(2027, 2, 1, 8)
    assert cal.elapsed(vn(2027, 1, 31), vn(2027, 2, 1)) == 4 * H


def test_override_wins_over_a_holiday() -> None:
    """An override on a holiday opens it: override > holiday > week."""
    cal = office(overrides=[{"date": "2027-02-08", "hours": ["09:00-11:00"]}])
    assert cal.is_open(vn(2027, 2, 8, 10))
    assert cal.hours(dt.date(2027, 2, 8)) == ("09:00-11:00",)
    assert cal.hours(dt.date(2027, 2, 9)) == ()
    assert cal.hours(dt.date(2027, 2, 3)) == tuple(OFFICE_DAY)


def test_elapsed_skips_the_lunch_break() -> None:
    """Business time between 11:00 and 14:00 is 1h30: the lunch break 12:00-13:30 is closed."""
    cal = office()
    assert cal.elapsed(vn(2027, 2, 3, 11), vn(2027, 2, 3, 14)) == 90 * M
    assert cal.elapsed(vn(2027, 2, 3, 14), vn(2027, 2, 3, 11)) == ZERO
    assert list(cal.open_intervals(vn(2027, 2, 3, 11), vn(2027, 2, 3, 14))) == [
        (vn(2027, 2, 3, 11), vn(2027, 2, 3, 12)),
        (vn(2027, 2, 3, 13, 30), vn(2027, 2, 3, 14)),
    ]


def test_next_open_at_night() -> None:
    """At 22:00 on a Wednesday the office next opens at 08:00 on Thursday."""
    cal = office()
    assert cal.next_open(vn(2027, 2, 3, 22)) == vn(2027, 2, 4, 8)
    assert cal.next_close(vn(2027, 2, 3, 22)) == vn(2027, 2, 4, 12)
    assert cal.next_open(vn(2027, 2, 3, 9)) == vn(2027, 2, 3, 9)
    assert cal.next_close(vn(2027, 2, 3, 9)) == vn(2027, 2, 3, 12)


def test_opening_includes_its_start_not_its_end() -> None:
    """08:00 is open and 12:00 is closed: an opening is the half-open interval [08:00, 12:00)."""
    cal = office()
    assert cal.is_open(vn(2027, 2, 3, 8))
    assert not cal.is_open(vn(2027, 2, 3, 12))
    assert not cal.is_open(vn(2027, 2, 3, 7, 59, second=59, us=999999))


def test_add_ending_at_a_closing_gives_the_closing() -> None:
    """A duration that uses up an opening exactly ends at its closing, not at the next opening."""
    assert office().add(vn(2027, 2, 3, 11), H) == vn(2027, 2, 3, 12)


def test_add_zero_is_the_instant_itself() -> None:
    """Adding no business time returns the instant itself, even when closed (inverse of elapsed)."""
    cal = office()
    night = dt.datetime(2027, 2, 3, 15, tzinfo=dt.UTC)  # 22:00 in Hồ Chí Minh
    assert cal.add(night, ZERO) == night
    assert cal.add(night, ZERO).tzinfo == VN


def test_negative_duration_is_an_error() -> None:
    """A negative duration raises CalendarError (a ValueError, exit code 2)."""
    with pytest.raises(CalendarError, match="negative") as info:
        office().add(vn(2027, 2, 3, 9), -M)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, CskhOrgError)
    assert info.value.exit_code == 2


def test_longest_closure_spans_tet() -> None:
    """The longest closure around Tết runs from Thursday 4 Feb 17:30 to Thursday 11 Feb 08:00."""
    cal = office()
    start, end = vn(2027, 1, 25), vn(2027, 3, 1)
    assert cal.longest_closure(start, end) == dt.timedelta(days=6, hours=14, minutes=30)
    # an ordinary week: Saturday 17:30 to Monday 08:00
    assert cal.longest_closure(vn(2027, 3, 1), vn(2027, 3, 15)) == dt.timedelta(
        days=1, hours=14, minutes=30
    )
    # a window with no opening is closed throughout
    assert cal.longest_closure(vn(2027, 2, 6), vn(2027, 2, 8)) == dt.timedelta(days=2)


def test_night_shift_across_midnight_is_one_opening() -> None:
    """22:00-24:00 followed by 00:00-07:00 is one opening: next_close is 07:00 next morning."""
    cal = calendar(week={d: ["00:00-07:00", "22:00-24:00"] for d in WEEK})
    assert cal.next_close(vn(2027, 2, 3, 23)) == vn(2027, 2, 4, 7)
    assert list(cal.open_intervals(vn(2027, 2, 3, 20), vn(2027, 2, 4, 10))) == [
        (vn(2027, 2, 3, 22), vn(2027, 2, 4, 7))
    ]


def test_instants_in_other_zones_mean_the_same() -> None:
    """An instant written in UTC or with a +07:00 offset gives the same answer as local time."""
    cal = office()
    in_utc = dt.datetime(2027, 1, 29, 9, 50, tzinfo=dt.UTC)
    offset = dt.datetime.fromisoformat("2027-01-29T16:50+07:00")
    assert cal.add(in_utc, 4 * H) == cal.add(offset, 4 * H) == vn(2027, 1, 30, 11, 20)


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda c, t: c.is_open(t),
        lambda c, t: c.next_open(t),
        lambda c, t: c.next_close(t),
        lambda c, t: c.add(t, H),
        lambda c, t: c.elapsed(t, t),
        lambda c, t: list(c.open_intervals(t, t)),
        lambda c, t: c.longest_closure(t, t),
    ],
)
def test_naive_instant_is_an_error(call: Any) -> None:
    """Every method refuses a naive datetime with CalendarError asking for an offset or zone."""
    with pytest.raises(CalendarError, match="no time zone; give a UTC offset"):
        call(office(), dt.datetime(2027, 2, 3, 9))


def test_never_open_calendar_raises_quickly() -> None:
    """Searches on a calendar with no hours raise CalendarError naming it, without a hang."""
    cal = calendar(week={}, holidays=[{"date": "2027-01-01"}])
    assert cal.is_never_open()
    t = vn(2027, 2, 3, 9)
    for search in (cal.next_open, cal.next_close, lambda t: cal.add(t, H)):
        with pytest.raises(CalendarError, match="calendar `cal` never opens"):
            search(t)
    with pytest.raises(CalendarError, match="calendar `cal` never opens"):
        cal.longest_closure(t, t + H)
    assert not cal.is_open(t)
    assert cal.elapsed(t, t + 1000 * H) == ZERO
    assert list(cal.open_intervals(t, t + 1000 * H)) == []


def test_search_gives_up_after_years_closed() -> None:
    """A calendar whose only opening is in the past raises after about five closed years."""
    cal = calendar(week={}, overrides=[{"date": "2027-01-04", "hours": ["08:00-09:00"]}])
    assert not cal.is_never_open()
    assert cal.next_open(vn(2026, 1, 1)) == vn(2027, 1, 4, 8)
    assert cal.next_close(vn(2027, 1, 4, 8, 30)) == vn(2027, 1, 4, 9)
    with pytest.raises(
        CalendarError, match=f"calendar `cal` does not open in the {MAX_CLOSED_DAYS}"
    ):
        cal.add(vn(2027, 1, 4, 8, 30), H)


def test_a_deadline_more_than_five_years_away_is_an_error() -> None:
    """On a calendar open a minute a week, a year of business time would end ten thousand
    years later (a walk of 45 s): the search gives up after about five years with an error
    naming the calendar and its weekly hours; what fits in five years is still found."""
    sparse = calendar(week={"mon": ["08:00-08:01"]})
    assert sparse.open_per_week() == M
    with pytest.raises(
        CalendarError,
        match=rf"calendar `cal`: 365d of business time from 2027-02-01 ends more than "
        rf"{MAX_DEADLINE_DAYS:,} days \(five years\) later, on a calendar open only 1m a week",
    ):
        sparse.add(vn(2027, 2, 1), dt.timedelta(days=365))
    weeks = MAX_DEADLINE_DAYS // 7 - 1
    due = sparse.add(vn(2027, 2, 1), weeks * M)  # a Monday: `weeks` Mondays, the last one
    assert due == vn(2027, 2, 1, 8, 1) + (weeks - 1) * dt.timedelta(weeks=1)
    daily = _overrides_only()
    assert daily.add(vn(2027, 1, 4), 400 * H) == vn(2028, 2, 7, 9)
    with pytest.raises(CalendarError, match="on a calendar open on its overrides only"):
        daily.add(vn(2027, 1, 4), 1900 * H)


def _overrides_only() -> BusinessCalendar:
    """No week hours; an hour opened on each of the first 2,000 days from 2027-01-04."""
    first = dt.date(2027, 1, 4)
    days = [first + dt.timedelta(days=i) for i in range(2000)]
    return calendar(
        week={}, overrides=[{"date": d.isoformat(), "hours": ["08:00-09:00"]} for d in days]
    )


def test_unknown_calendar_id_is_an_error() -> None:
    """business_calendar names an unknown id and lists the defined ones."""
    dept = example("large")
    with pytest.raises(CalendarError, match=r"calendar `nope` is not defined.*`office_hours`"):
        business_calendar(dept, "nope")
    calendars = DepartmentCalendars(dept)
    assert set(calendars) == {c.id for c in dept.calendars}
    assert calendars["office_hours"] is calendars["office_hours"]


# -- DST ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Berlin", dt.date(2027, 3, 28), 23),
        ("Europe/Berlin", dt.date(2027, 10, 31), 25),
        ("Europe/Berlin", dt.date(2027, 3, 27), 24),
        ("America/New_York", dt.date(2027, 3, 14), 23),
        ("America/New_York", dt.date(2027, 11, 7), 25),
        ("Asia/Ho_Chi_Minh", dt.date(2027, 3, 28), 24),
    ],
)
def test_whole_day_has_its_real_length(zone: str, day: dt.date, hours: int) -> None:
    """An 00:00-24:00 day counts its real duration: 23 h when clocks spring forward, 25 h back."""
    cal = around_the_clock(zone)
    tz = ZoneInfo(zone)
    start = dt.datetime.combine(day, dt.time(), tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz)
    assert cal.elapsed(start, end) == hours * H
    assert utc(cal.add(start, hours * H)) == utc(end)
    assert cal.longest_closure(start, end) == ZERO


def test_berlin_spring_forward_gap_maps_forward() -> None:
    """On 28 Mar 2027 Berlin skips 02:00-03:00: a range closing at 02:30 closes at 03:30 CEST."""
    cal = calendar("Europe/Berlin", week={"sun": ["01:00-02:30", "04:00-05:00"]})
    day = dt.date(2027, 3, 28)
    intervals = list(
        cal.open_intervals(
            dt.datetime.combine(day, dt.time(), BERLIN), dt.datetime(2027, 3, 29, tzinfo=BERLIN)
        )
    )
    one_utc = dt.datetime(2027, 3, 28, 0, tzinfo=dt.UTC)  # 01:00 CET
    assert [(a.astimezone(dt.UTC), b.astimezone(dt.UTC)) for a, b in intervals] == [
        (one_utc, one_utc + 90 * M),  # 01:00 CET .. 03:30 CEST
        (one_utc + 2 * H, one_utc + 3 * H),  # 04:00 .. 05:00 CEST
    ]
    assert intervals[0][1].utcoffset() == 2 * H
    assert cal.elapsed(intervals[0][0], intervals[1][1]) == 150 * M


def test_berlin_fall_back_fold_counts_both_hours() -> None:
    """On 31 Oct 2027 Berlin repeats 02:00-03:00: 02:00-03:00 opens at the first 02:00 for 2 h."""
    cal = calendar("Europe/Berlin", week={"sun": ["02:00-03:00"]})
    start = dt.datetime(2027, 10, 31, 2, tzinfo=BERLIN)  # fold=0: 02:00 CEST
    assert utc(cal.next_open(dt.datetime(2027, 10, 30, 12, tzinfo=BERLIN))) == utc(start)
    closes = cal.next_close(start)
    assert real(start, closes) == 2 * H
    assert cal.elapsed(start, closes) == 2 * H
    assert cal.next_close(start).utcoffset() == H  # 03:00 CET
    assert cal.is_open(dt.datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=BERLIN))


def test_new_york_office_hours_across_dst() -> None:
    """A 09:00-17:00 weekday office in New York keeps its wall hours across both DST changes."""
    cal = calendar("America/New_York", week={d: ["09:00-17:00"] for d in WEEK[:5]})
    friday = dt.datetime(2027, 3, 12, 16, tzinfo=NEW_YORK)
    # one hour on Friday (EST), the weekend with the change, then Monday 09:00 EDT
    assert cal.add(friday, 3 * H) == dt.datetime(2027, 3, 15, 11, tzinfo=NEW_YORK)
    assert cal.add(friday, 3 * H).utcoffset() == -4 * H
    before = dt.datetime(2027, 11, 5, 16, tzinfo=NEW_YORK)
    assert cal.add(before, 3 * H) == dt.datetime(2027, 11, 8, 11, tzinfo=NEW_YORK)
    assert cal.elapsed(before, dt.datetime(2027, 11, 8, 11, tzinfo=NEW_YORK)) == 3 * H
    # the weekend closure is 64 h of wall clock, 63 h real in March and 65 h real in November
    assert cal.longest_closure(friday, friday + 7 * 24 * H) == 63 * H
    assert cal.longest_closure(before, before + 7 * 24 * H) == 65 * H


# -- the examples ------------------------------------------------------------------------------


def test_growing_example_counts_business_time_across_tet() -> None:
    """The growing example's office calendar closes at noon on Tết eve and over Tết 2027."""
    dept = example("growing")
    cal = business_calendar(dept, "office_hours")
    assert cal.timezone == "Asia/Ho_Chi_Minh"
    assert cal.add(vn(2027, 2, 4, 11), 2 * H) == vn(2027, 2, 11, 9)
    assert cal.hours(dt.date(2027, 9, 2)) == ()
    assert cal.is_open(vn(2027, 9, 3, 8))


def test_large_example_calendars() -> None:
    """The large example closes its office over Tết and keeps its hotline on short Tết hours."""
    dept = example("large")
    calendars = DepartmentCalendars(dept)
    office_hours, hotline = calendars["office_hours"], calendars["hotline_hours"]
    assert office_hours.add(vn(2027, 2, 3, 17), H) == vn(2027, 2, 4, 8, 30)
    assert office_hours.elapsed(vn(2027, 2, 4), vn(2027, 2, 12)) == 12 * H
    assert hotline.elapsed(vn(2027, 2, 6), vn(2027, 2, 7)) == 4 * H
    assert not hotline.is_never_open()
    assert not calendars["night_shift"].is_open(vn(2027, 2, 6, 12))


def test_always_open_calendar_never_closes() -> None:
    """next_close on a calendar open around the clock raises CalendarError after the bound."""
    cal = around_the_clock("Europe/Berlin")
    t = dt.datetime(2027, 3, 1, tzinfo=BERLIN)
    assert cal.next_open(t) == t
    assert utc(cal.add(t, dt.timedelta(days=400))) == later(t, dt.timedelta(days=400))
    with pytest.raises(CalendarError, match="calendar `cal` does not close"):
        cal.next_close(t)


# -- properties --------------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
FIRST_DAY, LAST_DAY = dt.date(2026, 9, 1), dt.date(2028, 6, 30)
IANA = [
    "Asia/Ho_Chi_Minh",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # 30-minute DST
    "America/Santiago",  # DST changes at midnight
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/St_Johns",
    "Europe/London",
    "UTC",
]
FIXED_ZONES = ["Asia/Ho_Chi_Minh", "Asia/Kolkata", "UTC"]
"""Zones without DST in the window, where an opening is exactly its wall-clock minutes."""


def _fmt(start: int, end: int) -> str:
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


@st.composite
def day_hours(draw: st.DrawFn) -> list[str]:
    """Opening ranges of one day: none, some disjoint ones (touching ones too), or all day."""
    kind = draw(st.sampled_from(["closed", "ranges", "ranges", "ranges", "all_day", "night"]))
    if kind == "closed":
        return []
    if kind == "all_day":
        return ["00:00-24:00"]
    if kind == "night":
        return ["00:00-07:00", "22:00-24:00"]
    grid = draw(st.sampled_from([1, 15, 30]))
    points = sorted(draw(st.sets(st.integers(0, 1440 // grid), min_size=2, max_size=8)))
    points = [p * grid for p in points[: len(points) // 2 * 2]]
    ranges: list[str] = []
    for start, end in zip(points[::2], points[1::2], strict=True):
        if end - start >= 2 and draw(st.booleans()):
            cut = draw(st.integers(start + 1, end - 1))
            ranges += [_fmt(start, cut), _fmt(cut, end)]  # touching ranges
        else:
            ranges.append(_fmt(start, end))
    return draw(st.permutations(ranges))


dates = st.dates(FIRST_DAY, LAST_DAY)


@st.composite
def calendars(draw: st.DrawFn, zones: list[str] = IANA) -> BusinessCalendar:
    """A random calendar that opens on at least one weekday, in a random zone."""
    week = {d: h for d in WEEK if (h := draw(day_hours()))}
    assume(week)
    holidays = [
        {"date": d, "until": d + dt.timedelta(days=draw(st.integers(0, 9)))}
        for d in draw(st.lists(dates, max_size=4))
    ]
    overrides = [
        {"date": d, "hours": draw(day_hours())}
        for d in draw(st.lists(dates, max_size=4, unique=True))
    ]
    fields = {"week": week, "holidays": holidays, "overrides": overrides}
    return calendar(draw(st.sampled_from(zones)), **fields)


zones = st.one_of(
    st.sampled_from(IANA).map(ZoneInfo),
    st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
)


def _transitions() -> list[dt.datetime]:
    """Instants (to the day) when a zone of :data:`IANA` changes its UTC offset in the window."""
    found = []
    for name in IANA:
        zone = ZoneInfo(name)
        day = dt.datetime.combine(FIRST_DAY, dt.time(12), dt.UTC)
        offset = day.astimezone(zone).utcoffset()
        while day.date() < LAST_DAY:
            day += dt.timedelta(days=1)
            if (now := day.astimezone(zone).utcoffset()) != offset:
                found.append(day)
                offset = now
    return found


TRANSITIONS = _transitions()


@st.composite
def instants(draw: st.DrawFn) -> dt.datetime:
    """An aware instant in the window, in a random zone; often on a whole minute, often within
    a day and a half of a DST change."""
    if draw(st.booleans()):
        low = (dt.datetime.combine(FIRST_DAY, dt.time(), dt.UTC) - EPOCH) // M
        high = (dt.datetime.combine(LAST_DAY, dt.time(), dt.UTC) - EPOCH) // M
    else:
        change = (draw(st.sampled_from(TRANSITIONS)) - EPOCH) // M
        low, high = change - 36 * 60, change + 36 * 60
    minute = draw(st.integers(low, high))
    micro = draw(st.one_of(st.just(0), st.integers(0, 59_999_999)))
    return (EPOCH + minute * M + dt.timedelta(microseconds=micro)).astimezone(draw(zones))


def weekly_open(cal: BusinessCalendar) -> dt.timedelta:
    """Wall-clock opening time of the calendar's week (a rough scale for durations)."""
    total = 0
    for hours in cal.calendar.week.values():
        for text in hours:
            total += int(text[6:8]) * 60 + int(text[9:11]) - int(text[0:2]) * 60 - int(text[3:5])
    return total * M


@st.composite
def durations(draw: st.DrawFn, cal: BusinessCalendar) -> dt.timedelta:
    """Up to about six weeks' opening of the calendar, to the microsecond."""
    scale = weekly_open(cal) * 6 // dt.timedelta(microseconds=1)
    return dt.timedelta(microseconds=draw(st.integers(0, scale)))


@PROPERTY
@given(data=st.data())
def test_adding_then_measuring_gives_the_duration(data: st.DataObject) -> None:
    """elapsed(t, add(t, d)) == d: adding business time then measuring it back gives d."""
    cal = data.draw(calendars())
    t = data.draw(instants())
    d = data.draw(durations(cal))
    due = cal.add(t, d)
    assert utc(due) >= utc(t)
    assert due.tzinfo is cal.zone
    assert cal.elapsed(t, due) == d
    if d > ZERO:
        assert cal.is_open(later(due, -dt.timedelta(microseconds=1)))  # the earliest such


@PROPERTY
@given(data=st.data())
def test_elapsed_is_additive(data: st.DataObject) -> None:
    """elapsed(a, c) == elapsed(a, b) + elapsed(b, c) for a ≤ b ≤ c; open intervals sum to it."""
    cal = data.draw(calendars())
    a, b, c = sorted(data.draw(st.lists(instants(), min_size=3, max_size=3)), key=utc)
    assume(real(a, c) < dt.timedelta(days=120))
    whole = cal.elapsed(a, c)
    assert whole == cal.elapsed(a, b) + cal.elapsed(b, c)
    assert ZERO <= whole <= real(a, c)
    assert cal.elapsed(c, a) == ZERO
    intervals = list(cal.open_intervals(a, c))
    assert sum((real(start, end) for start, end in intervals), ZERO) == whole
    for start, end in intervals:
        assert utc(a) <= utc(start) < utc(end) <= utc(c)
        assert cal.is_open(start)
    for (_, end), (start, _) in itertools.pairwise(intervals):
        assert utc(end) < utc(start)  # disjoint and not touching: touching openings are one
        assert not cal.is_open(end)
    gaps = [real(end, start) for (_, end), (start, _) in itertools.pairwise(intervals)]
    if intervals:
        gaps += [real(a, intervals[0][0]), real(intervals[-1][1], c)]
    assert cal.longest_closure(a, c) == max(gaps, default=real(a, c))


@PROPERTY
@given(data=st.data())
def test_results_do_not_depend_on_the_zone_of_the_instants(data: st.DataObject) -> None:
    """The same instants written in three zones give the same answers, compared as instants."""
    cal = data.draw(calendars())
    t = data.draw(instants())
    after = later(t, data.draw(st.timedeltas(ZERO, dt.timedelta(days=40))))
    d = data.draw(durations(cal))
    answers = set()
    for zone in data.draw(st.lists(zones, min_size=3, max_size=3)):
        u, v = t.astimezone(zone), after.astimezone(zone)
        answers.add(
            (
                cal.is_open(u),
                utc(cal.next_open(u)),
                utc(cal.add(u, d)),
                cal.elapsed(u, v),
                tuple((utc(a), utc(b)) for a, b in cal.open_intervals(u, v)),
                cal.longest_closure(u, v),
            )
        )
    assert len(answers) == 1


@PROPERTY
@given(data=st.data())
def test_add_is_monotone_in_the_duration(data: st.DataObject) -> None:
    """A longer duration never ends earlier: d1 ≤ d2 implies add(t, d1) ≤ add(t, d2)."""
    cal = data.draw(calendars())
    t = data.draw(instants())
    d1, d2 = sorted([data.draw(durations(cal)), data.draw(durations(cal))])
    assert utc(cal.add(t, d1)) <= utc(cal.add(t, d2))
    assert utc(cal.add(t, ZERO)) == utc(t)


@PROPERTY
@given(data=st.data())
def test_next_open_is_open(data: st.DataObject) -> None:
    """next_open(t) is open, t itself exactly when t is open, and next_close after it is closed."""
    cal = data.draw(calendars())
    t = data.draw(instants())
    opens = cal.next_open(t)
    assert utc(opens) >= utc(t)
    assert cal.is_open(opens)
    assert (utc(opens) == utc(t)) == cal.is_open(t)
    assert cal.elapsed(t, opens) == ZERO
    try:
        closes = cal.next_close(t)
    except CalendarError:  # open around the clock from here on
        assert utc(cal.add(t, dt.timedelta(days=30))) == later(opens, dt.timedelta(days=30))
        return
    assert utc(closes) > utc(opens)
    assert not cal.is_open(closes)
    assert cal.elapsed(opens, closes) == real(opens, closes)


def _reference_open(cal: BusinessCalendar, instant: dt.datetime) -> bool:
    """Whether the wall-clock minute of ``instant`` falls in its date's hours (override >
    holiday > week), straight from the model."""
    local = instant.astimezone(cal.zone)
    model = cal.calendar
    hours: tuple[str, ...] | None = None
    for override in model.overrides:
        if override.date == local.date():
            hours = (*(hours or ()), *override.hours)
    if hours is None:
        if any(local.date() in set(h.days()) for h in model.holidays):
            hours = ()
        else:
            hours = model.week.get(WEEK[local.weekday()], ())  # type: ignore[call-overload]
    minute = local.hour * 60 + local.minute
    return any(
        int(r[0:2]) * 60 + int(r[3:5]) <= minute < int(r[6:8]) * 60 + int(r[9:11]) for r in hours
    )


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_agrees_with_minute_by_minute_reference(data: st.DataObject) -> None:
    """In zones without DST, business time is exactly the count of open wall-clock minutes."""
    cal = data.draw(calendars(FIXED_ZONES))
    start = data.draw(instants()).replace(second=0, microsecond=0)
    minutes = data.draw(st.integers(0, 3 * 24 * 60))
    end = later(start, minutes * M)
    expected = sum(_reference_open(cal, later(start, i * M)) for i in range(minutes))
    assert cal.elapsed(start, end) == expected * M
    assert cal.is_open(start) == _reference_open(cal, start)


def test_single_whole_day_opening_closes_at_midnight() -> None:
    """An override opening one whole date on an empty week closes at the next midnight."""
    cal = calendar(week={}, overrides=[{"date": "2027-02-07", "hours": ["00:00-24:00"]}])
    assert cal.next_close(vn(2027, 2, 7, 9)) == vn(2027, 2, 8)
    assert cal.next_close(vn(2027, 2, 1)) == vn(2027, 2, 8)
    assert cal.longest_closure(vn(2027, 2, 6), vn(2027, 2, 9)) == dt.timedelta(days=1)


def test_skipped_date_keeps_an_opening_whole() -> None:
    """Samoa skipped 30 Dec 2011: a calendar open around the clock stays one opening across it."""
    apia = ZoneInfo("Pacific/Apia")
    cal = around_the_clock("Pacific/Apia")
    start, end = dt.datetime(2011, 12, 28, tzinfo=apia), dt.datetime(2012, 1, 2, tzinfo=apia)
    assert [(utc(a), utc(b)) for a, b in cal.open_intervals(start, end)] == [(utc(start), utc(end))]
    assert cal.elapsed(start, end) == dt.timedelta(days=4)
    office_week = calendar("Pacific/Apia", week=dict.fromkeys(WEEK, ("08:00-17:00",)))
    assert office_week.hours(dt.date(2011, 12, 30)) == ("08:00-17:00",)
    assert office_week.elapsed(start, end) == 4 * 9 * H


# -- public holidays of a country -------------------------------------------------------------


def vn_office(**public: Any) -> BusinessCalendar:
    """Mon–Sat office hours closed on Vietnam's public holidays (``public`` adds keys)."""
    return calendar(
        week=dict.fromkeys(WEEK[:6], OFFICE_DAY), public_holidays={"country": "VN", **public}
    )


def test_tet_2028_is_closed_on_a_vietnamese_calendar() -> None:
    """Tết 2028 (29 Tết, Monday 24 Jan, to Mùng 4, Saturday 29 Jan) is closed with no date
    typed in: 4 business hours from Friday 21 Jan 16:50 end on Saturday 22 Jan, and from
    Monday 24 Jan they end on Monday 31 Jan."""
    cal = vn_office()
    for day in range(24, 30):
        assert cal.hours(dt.date(2028, 1, day)) == (), day
    assert cal.hours(dt.date(2028, 1, 31)) == tuple(OFFICE_DAY)
    assert cal.add(vn(2028, 1, 21, 16, 50), 4 * H) == vn(2028, 1, 22, 11, 20)
    assert cal.add(vn(2028, 1, 24, 9), 4 * H) == vn(2028, 1, 31, 12)
    assert cal.hours(dt.date(2028, 4, 4)) == ()  # Giỗ Tổ Hùng Vương, 10/3 âm lịch


def test_observed_days_are_closed_unless_turned_off() -> None:
    """National Day 2028 falls on Saturday 2 Sep: Monday 4 Sep is its observed day off,
    unless `observed: false`."""
    assert vn_office().hours(dt.date(2028, 9, 4)) == ()
    assert vn_office(observed=False).hours(dt.date(2028, 9, 4)) == tuple(OFFICE_DAY)
    assert vn_office(observed=False).hours(dt.date(2028, 9, 2)) == ()


def test_local_holidays_add_and_exclude_removes() -> None:
    """`holidays` adds closed days to the country's; `exclude` drops a public holiday by name
    (English or Vietnamese, any case, with its observed day) or by date."""
    cal = calendar(
        week=dict.fromkeys(WEEK[:6], OFFICE_DAY),
        public_holidays={
            "country": "VN",
            "exclude": ["vietnam cultural day", "Ngày Chiến thắng", "2028-01-24"],
        },
        holidays=[{"date": "2028-02-01", "name": {"vi": "Nghỉ thêm sau Tết"}}],
    )
    assert cal.hours(dt.date(2028, 2, 1)) == ()  # the local addition
    assert cal.hours(dt.date(2028, 11, 24)) == tuple(OFFICE_DAY)  # Vietnam Cultural Day
    assert cal.hours(dt.date(2028, 5, 2)) == tuple(OFFICE_DAY)  # 30/4 observed, excluded
    assert cal.hours(dt.date(2028, 1, 24)) == tuple(OFFICE_DAY)  # 29 Tết, by date
    assert cal.hours(dt.date(2028, 1, 25)) == ()  # the rest of Tết stays


def test_an_override_wins_over_a_public_holiday() -> None:
    """An override opens a date the country closes (a hotline on Mùng 1 Tết)."""
    cal = vn_office(exclude=[]).calendar.model_copy(
        update={"overrides": (DayOverride(date=dt.date(2028, 1, 26), hours=("08:00-12:00",)),)}
    )
    assert BusinessCalendar(cal, "Asia/Ho_Chi_Minh").hours(dt.date(2028, 1, 26)) == ("08:00-12:00",)


def test_holiday_dates_are_the_countrys_in_a_range() -> None:
    """`holiday_dates` gives, in order, the dates of a range the country closes, as the
    `holidays` package lists them (Tết 2027 and New Year's Day), and nothing else: not the
    Sundays the week leaves closed."""
    import holidays

    first, last = dt.date(2026, 12, 25), dt.date(2027, 2, 20)
    expected = tuple(sorted(d for d in holidays.country_holidays("VN", years=2027) if first <= d))
    expected = tuple(d for d in expected if d <= last)
    assert dt.date(2027, 1, 1) in expected
    assert dt.date(2027, 2, 6) in expected  # Mùng 1 Tết
    assert vn_office().holiday_dates(first, last) == expected
    assert vn_office().holiday_dates(last, first) == ()
    assert vn_office().holiday_dates(dt.date(2027, 2, 6), dt.date(2027, 2, 6)) == (
        dt.date(2027, 2, 6),
    )


def test_holiday_dates_follow_exclude_own_holidays_and_overrides() -> None:
    """Own holidays count, excluded public holidays do not, and an override that gives a
    holiday opening hours makes it an open date, while one without hours leaves it closed for
    the holiday."""
    cal = calendar(
        week=dict.fromkeys(WEEK[:6], OFFICE_DAY),
        public_holidays={"country": "VN", "exclude": ["2027-02-04"]},
        holidays=[{"date": "2027-02-12", "until": "2027-02-13"}],
        overrides=[
            {"date": "2027-02-05", "hours": ["08:00-12:00"]},
            {"date": "2027-02-06", "hours": []},
            {"date": "2027-02-15", "hours": []},  # closed, but not for a holiday
        ],
    )
    days = cal.holiday_dates(dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    assert days == tuple(dt.date(2027, 2, d) for d in (6, 7, 8, 9, 10, 12, 13))
    assert office().holiday_dates(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == (
        dt.date(2027, 1, 1),
        *(dt.date(2027, 2, d) for d in range(5, 11)),
    )
    assert (
        calendar(week={"mon": OFFICE_DAY}).holiday_dates(dt.date(2027, 1, 1), dt.date(2027, 12, 31))
        == ()
    )


def test_holiday_dates_agree_with_the_hours_of_each_date() -> None:
    """Over five years, a date is a holiday date exactly when its hours are closed although
    the week opens that weekday (an office open every day of the week, so a closed date is
    a holiday or an override without hours)."""
    cal = calendar(week=dict.fromkeys(WEEK, OFFICE_DAY), public_holidays={"country": "VN"})
    first, last = dt.date(2027, 1, 1), dt.date(2031, 12, 31)
    closed = tuple(
        dt.date.fromordinal(d)
        for d in range(first.toordinal(), last.toordinal() + 1)
        if not cal.hours(dt.date.fromordinal(d))
    )
    assert len(closed) > 50
    assert cal.holiday_dates(first, last) == closed


def test_holiday_dates_want_dates() -> None:
    """A datetime or a text for a date is a `CalendarError` that names which and what."""
    with pytest.raises(CalendarError, match="the first date must be a date, not datetime"):
        vn_office().holiday_dates(vn(2027, 1, 1), dt.date(2027, 2, 1))
    with pytest.raises(CalendarError, match="the last date must be a date, not str"):
        vn_office().holiday_dates(dt.date(2027, 1, 1), "2027-02-01")  # type: ignore[arg-type]


def test_holiday_years_and_the_warning_past_them() -> None:
    """Typed-in holidays cover their own years; a country covers the package's years; a
    calendar with neither has no holiday data and never warns."""
    typed = office()
    assert typed.holiday_years == (2027, 2027)
    assert typed.holiday_warning(vn(2027, 12, 31, 23, 59)) is None
    warning = typed.holiday_warning(vn(2028, 1, 1))
    assert warning is not None
    assert "`cal` has holidays only up to 2027" in warning
    assert "public_holidays" in warning
    # the year is the calendar's: 2028-01-01 00:30 in Hồ Chí Minh is still 2027 in UTC
    assert typed.holiday_warning(vn(2028, 1, 1, 0, 30).astimezone(dt.UTC)) is not None
    country = vn_office()
    first, last = country.holiday_years or (0, 0)
    assert first <= 2027
    assert last >= 2050
    assert country.holiday_warning(vn(last, 12, 31)) is None
    assert country.holiday_warning(vn(last + 1, 1, 2)) is not None
    assert calendar(week={"mon": OFFICE_DAY}).holiday_warning(vn(3000, 1, 1)) is None


def _reference_public(cal: BusinessCalendar, date: dt.date) -> bool:
    """Whether the country closes ``date``, straight from the `holidays` package."""
    import holidays

    public = cal.calendar.public_holidays
    assert public is not None
    found = holidays.country_holidays(
        public.country, years=[date.year - 1, date.year], observed=public.observed
    )
    return date in found and date not in public.exclude


@st.composite
def near_vn_holidays(draw: st.DrawFn) -> dt.datetime:
    """A wall time in 2027–2031, half the time within three days of a Vietnamese holiday."""
    if draw(st.booleans()):
        import holidays

        days = sorted(holidays.country_holidays("VN", years=range(2027, 2032)))
        day = draw(st.sampled_from(days)) + dt.timedelta(days=draw(st.integers(-3, 1)))
        return dt.datetime.combine(day, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))))
    return draw(st.datetimes(dt.datetime(2027, 1, 1), dt.datetime(2031, 12, 31)))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=near_vn_holidays(),
    minutes=st.integers(0, 3 * 24 * 60),
    observed=st.booleans(),
    exclude=st.lists(st.dates(dt.date(2027, 1, 1), dt.date(2031, 12, 31)), max_size=3),
    week=st.sampled_from([WEEK[:5], WEEK[:6], WEEK]),
)
def test_country_holidays_agree_with_a_minute_walk(
    start: dt.datetime, minutes: int, observed: bool, exclude: list[dt.date], week: list[str]
) -> None:
    """Business time on a calendar with Vietnam's holidays is the count of open wall-clock
    minutes, each minute's date judged straight from the `holidays` package; adding that
    much business time ends right after the last open minute."""
    cal = calendar(
        week=dict.fromkeys(week, OFFICE_DAY),
        public_holidays={"country": "VN", "observed": observed, "exclude": exclude},
    )
    begin = start.replace(second=0, microsecond=0, tzinfo=VN)
    expected, last_open = 0, -1
    for i in range(minutes):
        local = later(begin, i * M).astimezone(VN)
        if _reference_public(cal, local.date()):
            continue
        hours = cal.calendar.week.get(WEEK[local.weekday()], ())  # type: ignore[call-overload]
        m = local.hour * 60 + local.minute
        if any(
            int(r[0:2]) * 60 + int(r[3:5]) <= m < int(r[6:8]) * 60 + int(r[9:11]) for r in hours
        ):
            expected, last_open = expected + 1, i
    assert cal.elapsed(begin, later(begin, minutes * M)) == expected * M
    if expected:
        assert utc(cal.add(begin, expected * M)) == later(begin, (last_open + 1) * M)


# -- business days (`1bd`) ---------------------------------------------------------------------


def office_week(**fields: Any) -> BusinessCalendar:
    """Monday to Friday 08:00-17:00 in Hồ Chí Minh City."""
    return calendar(week={key: ["08:00-17:00"] for key in WEEK[:5]}, **fields)


@pytest.mark.parametrize(
    ("opened", "days", "due"),
    [
        (vn(2027, 3, 5, 16), 1, vn(2027, 3, 8, 16)),  # Friday 16:00 → Monday 16:00
        (vn(2027, 3, 6, 10), 1, vn(2027, 3, 8, 17)),  # Saturday → Monday's close
        (vn(2027, 3, 8, 7), 1, vn(2027, 3, 8, 17)),  # before the opening: that day is the first
        (vn(2027, 3, 8, 8), 1, vn(2027, 3, 8, 17)),  # at the opening: the same
        (vn(2027, 3, 8, 17), 1, vn(2027, 3, 9, 17)),  # at the close: the next day is the first
        (vn(2027, 3, 8, 8, 1), 1, vn(2027, 3, 9, 8, 1)),
        (vn(2027, 3, 5, 16), 3, vn(2027, 3, 10, 16)),
        (vn(2027, 3, 5, 16), 5, vn(2027, 3, 12, 16)),
    ],
)
def test_business_days_keep_the_position_in_the_day(
    opened: dt.datetime, days: int, due: dt.datetime
) -> None:
    """N business days later is the same time of the opening day, N opening days on; from a
    closed instant, the close of the N-th opening day counting the next one."""
    got = office_week().add_business_days(opened, days)
    assert got == due
    assert got.tzinfo is VN


def test_business_days_skip_tet_and_count_a_short_day_as_one() -> None:
    """Tết 2027 (4 to 10 February, Vietnam's public holidays) is skipped like a weekend; a
    short override day is a whole day, ending at its close when it is shorter than the offset;
    a lunch break is inside the day (the offset is the morning's business time)."""
    tet = office_week(public_holidays={"country": "VN"})
    assert tet.add_business_days(vn(2027, 2, 3, 16), 1) == vn(2027, 2, 11, 16)
    assert tet.add_business_days(vn(2027, 2, 5, 9), 1) == vn(2027, 2, 11, 17)  # closed: Tết
    short = office_week(overrides=[{"date": "2027-03-09", "hours": ["08:00-10:00"]}])
    assert short.add_business_days(vn(2027, 3, 8, 9), 1) == vn(2027, 3, 9, 9)
    assert short.add_business_days(vn(2027, 3, 8, 16), 1) == vn(2027, 3, 9, 10)
    assert short.add_business_days(vn(2027, 3, 8, 16), 2) == vn(2027, 3, 10, 16)
    lunch = calendar(week=dict.fromkeys(WEEK[:5], OFFICE_DAY))  # 08:00-12:00, 13:30-17:30
    assert lunch.add_business_days(vn(2027, 3, 8, 12, 30), 1) == vn(2027, 3, 9, 12)
    assert lunch.add_business_days(vn(2027, 3, 8, 14), 1) == vn(2027, 3, 9, 14)


def test_business_days_refuse_what_they_cannot_count() -> None:
    """Zero, a fraction or a boolean is no number of business days; a calendar that never
    opens, or too few opening days in five years, is a CalendarError naming the calendar."""
    office = office_week()
    for bad in (0, -1, True, 1.5):
        with pytest.raises(CalendarError, match="a number of business days is a whole number"):
            office.add_business_days(vn(2027, 3, 8), bad)  # type: ignore[arg-type]
    never = calendar(week={})
    with pytest.raises(CalendarError, match="calendar `cal` never opens"):
        never.add_business_days(vn(2027, 3, 8), 1)
    yearly = calendar(week={}, overrides=[{"date": "2027-03-09", "hours": ["08:00-09:00"]}])
    assert yearly.add_business_days(vn(2027, 3, 8), 1) == vn(2027, 3, 9, 9)
    with pytest.raises(CalendarError, match="calendar `cal`: 2 business days from 2027-03-08"):
        yearly.add_business_days(vn(2027, 3, 8), 2)


def _reference_days(cal: BusinessCalendar, t: dt.datetime, n: int) -> dt.datetime:
    """N business days from ``t``, walking the local dates one by one with the public API:
    a date's openings are those within its midnights; the deadline is ``add`` from the N-th
    opening day's first opening by the business time ``t`` is into its own day."""

    def midnight(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), cal.zone)

    def openings(day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        return list(cal.open_intervals(midnight(day), midnight(day + dt.timedelta(days=1))))

    day = utc(t).astimezone(cal.zone).date()
    today = openings(day)
    offset: dt.timedelta | None = None
    if today and utc(today[0][0]) < utc(t) < utc(today[-1][1]):
        offset = cal.elapsed(today[0][0], t)
        day += dt.timedelta(days=1)
    elif not today or utc(t) > utc(today[0][0]):
        day += dt.timedelta(days=1)
    seen = 0
    while True:
        found = openings(day)
        seen += bool(found)
        if seen == n:
            break
        day += dt.timedelta(days=1)
    length = sum((real(a, b) for a, b in found), ZERO)
    if offset is None or offset >= length:
        return found[-1][1]
    return cal.add(found[0][0], offset)


@PROPERTY
@given(data=st.data())
def test_business_days_agree_with_a_walk_over_the_dates(data: st.DataObject) -> None:
    """add_business_days agrees with the date-by-date reference on random calendars (DST
    changes, holidays, overrides, touching ranges, night shifts) and is monotone in the
    start."""
    cal = data.draw(calendars())
    t = data.draw(instants())
    n = data.draw(st.integers(1, 8))
    got = cal.add_business_days(t, n)
    assert utc(got) == utc(_reference_days(cal, t, n))
    assert got.tzinfo is cal.zone
    assert utc(got) > utc(t)
    u = later(t, data.draw(st.timedeltas(ZERO, dt.timedelta(days=3))))
    assert utc(cal.add_business_days(u, n)) >= utc(got)
