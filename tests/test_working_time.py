"""When staff are on duty (:mod:`cskh_org.working_time`), against plain references.

The range arithmetic is checked against sets of minutes; the duties of a staff line against
what its shifts, contract and shrinkage say in words: every week the line's people work
their contract's days on their shifts' hours, less shrinkage, wherever the rest days fall.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.model import Department, Shift, Weekday
from cskh_org.working_time import (
    DAY_MINUTES,
    WEEK_MINUTES,
    calendar_week,
    duty_calendar,
    intersect,
    line_duties,
    normalize,
    open_intervals,
    shift_week,
    subtract,
    unit_duties,
    weekly_hours,
)
from tests.conftest import examples

DAYS = [d.value for d in Weekday]
FUNCTIONS = [
    "account_management",
    "loyalty",
    "returns_warranty",
    "issue_resolution",
    "support",
    "sales",
]


def _department(
    staff: list[dict[str, Any]],
    *,
    shifts: list[dict[str, Any]] = (),  # type: ignore[assignment]
    contracts: list[dict[str, Any]] = (),  # type: ignore[assignment]
    calendar: dict[str, list[str]] | None = None,
    shrinkage: dict[str, str] | None = None,
) -> Department:
    unit: dict[str, Any] = {
        "id": "desk",
        "name": "Desk",
        "functions": FUNCTIONS,
        "staff": staff,
    }
    doc: dict[str, Any] = {
        "id": "shop",
        "name": "Shop",
        "currency": "VND",
        "timezone": "Asia/Ho_Chi_Minh",
        "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
        "units": [unit],
        "working_time": {"shifts": list(shifts), "contracts": list(contracts)},
    }
    if calendar is not None:
        doc["calendars"] = [{"id": "open", "name": "Open", "week": calendar}]
        unit["calendar"] = "open"
    if shrinkage is not None:
        unit["shrinkage"] = shrinkage
    return Department.model_validate(doc)


# -- range arithmetic against sets of minutes ---------------------------------------------------

_RANGES = st.lists(
    st.tuples(st.integers(0, WEEK_MINUTES + 600), st.integers(0, 900)).map(
        lambda p: (p[0], p[0] + p[1])
    ),
    max_size=6,
)


def _minutes(ranges: Any) -> set[int]:
    return {m % WEEK_MINUTES for a, b in ranges for m in range(a, b)}


@settings(max_examples=examples(200), deadline=None)
@given(left=_RANGES, right=_RANGES)
def test_range_arithmetic_is_set_arithmetic_on_minutes(left: Any, right: Any) -> None:
    """normalize wraps past Sunday midnight and merges; intersect and subtract are ∩ and −;
    the results are sorted, disjoint and inside the week."""
    a, b = normalize(left), normalize(right)
    assert _minutes(a) == _minutes(left)
    for ranges in (a, b, intersect(a, b), subtract(a, b)):
        assert all(0 <= s < e <= WEEK_MINUTES for s, e in ranges)
        assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(ranges))
    assert _minutes(intersect(a, b)) == _minutes(a) & _minutes(b)
    assert _minutes(subtract(a, b)) == _minutes(a) - _minutes(b)


# -- shifts -------------------------------------------------------------------------------------


def test_a_shift_is_its_hours_less_its_breaks() -> None:
    shift = Shift(
        id="early", days=["mon", "tue"], start="07:00", end="15:30", breaks=["11:00-11:30"]
    )
    assert shift.paid_minutes == 8 * 60
    day = 24 * 60
    assert shift_week(shift) == (
        (7 * 60, 11 * 60),
        (11 * 60 + 30, 15 * 60 + 30),
        (day + 7 * 60, day + 11 * 60),
        (day + 11 * 60 + 30, day + 15 * 60 + 30),
    )


def test_a_night_shift_runs_past_midnight_and_sunday_night_into_monday() -> None:
    shift = Shift(id="night", days=["sun"], start="22:00", end="06:00", breaks=["02:00-02:30"])
    assert shift.paid_minutes == 7 * 60 + 30
    sunday = 6 * 24 * 60
    assert shift_week(shift) == (
        (0, 2 * 60),
        (2 * 60 + 30, 6 * 60),
        (sunday + 22 * 60, WEEK_MINUTES),
    )


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"breaks": ["06:00-06:30"]}, "value.shift.break-outside"),
        ({"breaks": ["07:00-07:30"]}, "value.shift.break-outside"),
        ({"breaks": ["10:00-11:00", "10:30-11:30"]}, "value.shift.break-overlap"),
        ({"days": ["mon", "mon"]}, "value.shift.day-twice"),
        ({"start": "7:00"}, "value.clock-time"),
    ],
)
def test_shifts_that_cannot_be_worked_are_refused(fields: dict[str, Any], code: str) -> None:
    from pydantic import ValidationError

    doc = {"id": "s", "days": ["mon"], "start": "07:00", "end": "15:00", **fields}
    with pytest.raises(ValidationError) as caught:
        Shift.model_validate(doc)
    assert caught.value.errors()[0]["ctx"]["said"] == code


# -- duties -------------------------------------------------------------------------------------


def test_a_rotation_over_two_shifts_on_five_day_contracts() -> None:
    """24 people rotating over an early and a late shift that run every day, on 5-day
    contracts: 12 on each shift, each day 12 × 5/7 of them at work."""
    dept = _department(
        [{"role": "agent", "headcount": 24, "contract": "full", "shifts": ["early", "late"]}],
        shifts=[
            {"id": "early", "days": DAYS, "start": "07:00", "end": "15:00"},
            {"id": "late", "days": DAYS, "start": "14:00", "end": "22:00"},
        ],
        contracts=[{"id": "full", "hours_per_week": 40, "days_per_week": 5}],
    )
    duties = line_duties(dept, dept.units[0], 0)
    assert len(duties) == 2  # a duty per shift, each day of it at 5/7 of its people
    assert sum(d.people for d in duties) == pytest.approx(24 * 5 / 7)
    hours = weekly_hours(dept, dept.units[0])
    assert sum(hours) == pytest.approx(24 * 40)
    monday = hours[:24]
    assert monday[7] == pytest.approx(12 * 5 / 7)  # 07:00, early only
    assert monday[14] == pytest.approx(24 * 5 / 7)  # 14:00, both
    assert monday[22] == 0


_SHIFT = st.fixed_dictionaries(
    {
        "days": st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True),
        "start": st.integers(0, 23),
        "hours": st.integers(1, 12),
    }
)


@settings(max_examples=examples(200), deadline=None)
@given(
    shift=_SHIFT,
    headcount=st.integers(1, 40),
    days_per_week=st.integers(1, 7),
    shrink=st.sampled_from(["0", "0.1", "0.25"]),
)
def test_weekly_agent_hours_are_people_times_days_worked_times_paid_hours(
    shift: dict[str, Any], headcount: int, days_per_week: int, shrink: str
) -> None:
    """On an always-open unit, a line's agent-hours a week are its people × (1 − shrinkage)
    × the days they work (the contract's, at most the shift's) × the shift's hours."""
    start = f"{shift['start']:02d}:00"
    end = f"{(shift['start'] + shift['hours']) % 24:02d}:00"
    dept = _department(
        [{"role": "agent", "headcount": headcount, "contract": "c", "shifts": ["s"]}],
        shifts=[{"id": "s", "days": shift["days"], "start": start, "end": end}],
        contracts=[{"id": "c", "hours_per_week": 40, "days_per_week": days_per_week}],
        shrinkage={"planned": shrink},
    )
    worked = min(days_per_week, len(shift["days"]))
    expected = headcount * (1 - float(shrink)) * worked * shift["hours"]
    assert sum(weekly_hours(dept, dept.units[0])) == pytest.approx(expected)
    # every hour the shift runs has the same people on duty on average, whatever the turn
    on_duty = [h for h in weekly_hours(dept, dept.units[0]) if h > 0]
    per_day = headcount * (1 - float(shrink)) * worked / len(shift["days"])
    assert on_duty == pytest.approx([per_day] * len(on_duty))


def test_a_contract_without_shifts_spreads_its_hours_over_the_openings() -> None:
    """40-hour contracts on a 07:00–22:00 week (105 h): 40/105 of the people at every
    opening hour; without a contract every person counts for every opening hour."""
    week = {day: ["07:00-22:00"] for day in DAYS}
    dept = _department(
        [{"role": "agent", "headcount": 21, "contract": "full"}, {"role": "agent", "headcount": 1}],
        contracts=[{"id": "full", "hours_per_week": 40}],
        calendar=week,
    )
    contract, legacy = unit_duties(dept, dept.units[0])
    assert contract.people == pytest.approx(21 * 40 / 105)
    assert contract.week is None
    assert legacy.people == 1
    assert legacy.share == 1.0
    assert sum(weekly_hours(dept, dept.units[0])) == pytest.approx(21 * 40 + 105)


def test_a_shift_is_cut_to_the_unit_calendar_and_keeps_its_holidays() -> None:
    """On duty means on shift while the unit is open: the duty's calendar is the shift's
    hours inside the calendar's, with the calendar's holidays."""
    dept = Department.model_validate(
        {
            "id": "shop",
            "name": "Shop",
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
            "calendars": [
                {
                    "id": "office",
                    "name": "Office",
                    "week": {d: ["08:00-17:00"] for d in DAYS[:5]},
                    "holidays": [{"date": "2027-04-30"}],
                }
            ],
            "working_time": {
                "shifts": [{"id": "early", "days": DAYS[:6], "start": "07:00", "end": "15:00"}]
            },
            "units": [
                {
                    "id": "desk",
                    "name": "Desk",
                    "functions": FUNCTIONS,
                    "calendar": "office",
                    "staff": [{"role": "agent", "headcount": 2, "shifts": ["early"]}],
                }
            ],
        }
    )
    (duty,) = line_duties(dept, dept.units[0], 0)
    assert duty.week == intersect(
        shift_week(dept.shifts_by_id["early"]), calendar_week(dept.calendars[0])
    )
    calendar = duty_calendar(dept, dept.units[0], duty, "early")
    assert calendar is not None
    assert calendar.week[Weekday.MON] == ("08:00-15:00",)
    assert Weekday.SAT not in calendar.week  # the office is closed on Saturday
    assert calendar.holidays == dept.calendars[0].holidays


def test_shrinkage_comes_from_the_unit_then_the_role_then_the_department() -> None:
    dept = _department([{"role": "agent", "headcount": 10}], shrinkage={"planned": "0.2"})
    assert dept.shrinkage(dept.units[0], dept.units[0].staff[0]) == Decimal("0.2")
    doc = dept.model_dump(by_alias=True, exclude_none=True)
    doc["units"][0].pop("shrinkage")
    doc["roles"][0]["shrinkage"] = {"unplanned": "0.05"}
    doc["working_time"]["shrinkage"] = {"planned": "0.3"}
    by_role = Department.model_validate(doc)
    assert by_role.shrinkage(by_role.units[0], by_role.units[0].staff[0]) == Decimal("0.05")
    doc["roles"][0].pop("shrinkage")
    by_dept = Department.model_validate(doc)
    assert by_dept.shrinkage(by_dept.units[0], by_dept.units[0].staff[0]) == Decimal("0.3")
    assert sum(weekly_hours(by_dept, by_dept.units[0])) == pytest.approx(10 * 168 * 0.7)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, WEEK_MINUTES), st.integers(1, 2 * DAY_MINUTES)), max_size=12),
    st.sampled_from([15, 30, 60]),
)
def test_open_intervals_match_a_plain_test_of_each_interval(
    spans: list[tuple[int, int]], interval: int
) -> None:
    """``open_intervals`` (cached per week) says of each interval what testing it against
    every opening says: some opening starts before its end and ends after its start."""
    week = normalize((a, a + n) for a, n in spans)
    got = open_intervals(week, interval)
    assert len(got) == WEEK_MINUTES // interval
    for k, start in enumerate(range(0, WEEK_MINUTES, interval)):
        assert got[k] == any(a < start + interval and b > start for a, b in week)
    assert open_intervals(week, interval) is got  # the same calendar week: worked out once
