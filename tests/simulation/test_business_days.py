"""Targets in business days (``1bd``) in the simulation: the timetable counts opening days as
the calendar engine does, and a ticket's ``1bd`` first response is met when it is answered by
the same time of day, one opening day later.

Against exact values: every ticket of the unit below arrives on a Friday afternoon, while the
SLA calendar is open and the desk already closed, so its deadline is the same wall time on
Monday, and the attainment is a recount of the tickets' own times.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.calendars import BusinessCalendar
from cskh_org.model import Calendar, Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation, TicketRecord
from cskh_org.simulation.plan import Plan
from cskh_org.simulation.timetable import Timetable
from tests.simulation.conftest import FUNCTIONS, START, fixed, pooled

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
ICT = dt.timezone(dt.timedelta(hours=7))
ORIGIN = dt.datetime(2027, 1, 25, tzinfo=ICT)
"""A Monday, two weeks before the Tết 2027 holidays."""

OFFICE: dict[str, Any] = {
    "id": "office",
    "name": "Office",
    "week": {key: ["08:00-17:00"] for key in WEEKDAYS},
}


def _friday_desk(first_response: str = "1bd") -> Department:
    """One agent at ``desk``, closed from Friday noon to Monday 08:00; the SLA counts on
    ``office``, Monday to Friday 08:00-17:00."""
    desk_hours = {
        "id": "desk_hours",
        "name": "Desk",
        "week": {**{key: ["08:00-17:00"] for key in WEEKDAYS[:4]}, "fri": ["08:00-12:00"]},
    }
    return Department.model_validate(
        {
            "id": "friday",
            "name": "Friday",
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
            "calendars": [OFFICE, desk_hours],
            "units": [
                {
                    "id": "desk",
                    "name": "Desk",
                    "head": "agent",
                    "functions": list(FUNCTIONS),
                    "channels": ["phone"],
                    "calendar": "desk_hours",
                    "staff": [{"role": "agent", "headcount": 1}],
                }
            ],
            "ticket_schema": {
                "attributes": {"channel": {"type": "enum", "required": True, "values": ["phone"]}}
            },
            "routing": {"default": {"unit": "desk"}},
            "sla": {"calendar": "office", "default": {"first_response": first_response}},
        }
    )


def _friday_afternoons() -> Workload:
    """Three phone tickets an hour on Friday from 12:00 to 17:00, none at other times; an
    hour's work each."""
    hours = [1.0 if 12 <= h < 17 else 0.0 for h in range(24)]
    days = {d: (1.0 if d == "fri" else 0.0) for d in [*WEEKDAYS, "sat", "sun"]}
    return Workload.model_validate(
        {
            "id": "fridays",
            "start": START,
            "profiles": [{"id": "friday_pm", "hours": hours, "days": days}],
            "streams": [
                {
                    "id": "calls",
                    "rate": 3.0,
                    "profile": "friday_pm",
                    "attributes": {"channel": "phone"},
                }
            ],
            "service": [{"unit": "desk", "time": fixed(3600)}],
        }
    )


def test_a_friday_afternoon_ticket_is_due_at_the_same_time_on_monday() -> None:
    """Answered on Monday by the time of day it arrived on Friday: met; later: missed. Both
    happen, each ticket is judged so, and the attainment is the recount of its tickets."""
    simulation = Simulation(_friday_desk(), _friday_afternoons(), days=9)
    records: list[TicketRecord] = []
    stats = simulation.run(0, 2027, records=records.append)
    origin = dt.datetime.fromisoformat(START)
    met = 0
    for record in records:
        arrived = origin + dt.timedelta(seconds=record.arrived)
        assert arrived.astimezone(ICT).strftime("%a") == "Fri"
        assert 12 <= arrived.astimezone(ICT).hour < 17
        assert record.first_response is not None  # all answered by Tuesday evening
        monday_same_time = record.arrived + 3 * 86_400.0  # no DST in Vietnam
        expected = record.first_response <= monday_same_time
        assert record.sla_met["first_response"] is expected, record
        met += expected
    judged = [r.sla_met["first_response"] for r in records]
    assert judged.count(True) >= 3, judged
    assert judged.count(False) >= 3, judged
    total = pooled(stats)
    assert total.sla_counted["first_response"] == len(records)
    assert total.sla_met["first_response"] == met


def test_business_days_are_not_24_hour_days_in_the_simulation() -> None:
    """The same tickets under ``1d`` (24 opening hours, past Monday to Tuesday afternoon) are
    all met: the two units mean different deadlines."""
    simulation = Simulation(_friday_desk("1d"), _friday_afternoons(), days=9)
    records: list[TicketRecord] = []
    simulation.run(0, 2027, records=records.append)
    assert records
    assert all(r.sla_met["first_response"] for r in records)


def test_a_business_day_target_has_no_clock_time_bound() -> None:
    """A business-day target's clock-time bound is 0 s (it decides nothing) and its days are
    kept; a duration's bound is its length, as before."""
    for written, within, days in [("1bd", 0.0, 1), ("4h", 4 * 3600.0, 0)]:
        plan = Plan(_friday_desk(written), _friday_afternoons(), days=9)
        targets = {(t.within, t.days) for cls in plan.classes for t in cls.targets}
        assert targets == {(within, days)}


# -- the timetable against the calendar engine ------------------------------------------------


def _growing_office() -> Calendar:
    """Office hours with a lunch break, Saturday mornings and Vietnam's public holidays."""
    return Calendar.model_validate(
        {
            "id": "office_hours",
            "name": "Office",
            "week": {
                **{key: ["08:00-12:00", "13:30-17:30"] for key in WEEKDAYS},
                "sat": ["08:00-12:00"],
            },
            "public_holidays": {"country": "VN"},
            "overrides": [{"date": "2027-02-05", "hours": ["08:00-09:00"]}],
        }
    )


@settings(max_examples=80, deadline=None)
@given(offset_ms=st.integers(0, 40 * 86_400_000), days=st.integers(1, 12))
def test_timetable_adds_days_like_the_business_calendar(offset_ms: int, days: int) -> None:
    """Business days added on a timetable land where the calendar engine puts them (to 1 ms),
    across Tết 2027, a short override day, Saturday mornings and lunch breaks."""
    engine = BusinessCalendar(_growing_office(), "Asia/Ho_Chi_Minh")
    table = Timetable(engine, ORIGIN)
    offset = offset_ms / 1000
    got = table.add_days(offset, days)
    want = engine.add_business_days(ORIGIN + dt.timedelta(seconds=offset), days)
    assert abs((want - ORIGIN).total_seconds() - got) < 1e-3


def test_timetable_days_from_an_origin_inside_an_opening() -> None:
    """An origin in the middle of an opening day keeps that day's morning in the offset."""
    engine = BusinessCalendar(_growing_office(), "Asia/Ho_Chi_Minh")
    origin = ORIGIN + dt.timedelta(hours=10)  # Monday 10:00
    table = Timetable(engine, origin)
    got = table.add_days(3600.0, 1)  # Monday 11:00 → Tuesday 11:00
    assert got == 25 * 3600.0


# -- a next response in business days ---------------------------------------------------------


def test_a_next_response_in_business_days_is_due_the_next_opening_day() -> None:
    """Tickets answered on Friday morning (an hour each) are reopened in the afternoon, after
    the desk has closed; each reopening's ``1bd`` next response is due on Monday at the time
    of day it was reopened, and on Monday the desk first serves the tickets that waited since
    Friday morning, so the later replies miss. Every measurement is the recount of the visits
    the kernel started, against the calendar engine's deadline, and the figure counts both
    kinds; each ticket's flag says whether all its replies were in time."""
    from collections import defaultdict

    from tests.simulation.test_next_response import _Logged

    department = _friday_desk("4h")
    doc: dict[str, Any] = department.model_dump(by_alias=True, exclude_none=True)
    doc["sla"]["default"]["next_response"] = "1bd"
    department = Department.model_validate(doc)
    hours = [1.0 if 8 <= h < 11 else 0.0 for h in range(24)]
    days = {d: (1.0 if d == "fri" else 0.0) for d in [*WEEKDAYS, "sat", "sun"]}
    workload = Workload.model_validate(
        {
            "id": "reopened_fridays",
            "start": START,
            "profiles": [{"id": "friday_am", "hours": hours, "days": days}],
            "streams": [
                {
                    "id": "calls",
                    "rate": 4.0,
                    "profile": "friday_am",
                    "attributes": {"channel": "phone"},
                }
            ],
            "service": [{"unit": "desk", "time": fixed(3600)}],
            "reopen": {"probability": 1.0, "delay": fixed(3 * 3600)},
        }
    )
    plan = Plan(department, workload, days=9, warmup=dt.timedelta(0))
    records: list[TicketRecord] = []
    run = _Logged(plan, 0, 2027, records.append)
    run.starts = defaultdict(list)
    stats = run.go()
    engine = BusinessCalendar(Calendar.model_validate(OFFICE), "Asia/Ho_Chi_Minh")
    origin = dt.datetime.fromisoformat(START)
    met = counted = 0
    kinds = set()
    for record in records:
        visits = run.starts[record.ticket]
        for first, second in itertools.pairwise(visits):
            reopened = first + 3600 + 3 * 3600  # handled, then reopened 3 hours later
            deadline = engine.add_business_days(origin + dt.timedelta(seconds=reopened), 1)
            ok = origin + dt.timedelta(seconds=second) <= deadline
            met += ok
            counted += 1
            kinds.add(ok)
    assert kinds == {True, False}, "both met and missed replies are needed"
    total = pooled(stats)
    # the replies recounted, and replies still owed at the end past their deadline (misses)
    assert total.sla_counted["next_response"] >= counted
    assert total.sla_met["next_response"] == met
    for record in records:  # a ticket's flag: every one of its replies in time
        visits = run.starts[record.ticket]
        if len(visits) > 1 and record.outcome == "resolved":
            assert record.sla_met["next_response"] is all(
                origin + dt.timedelta(seconds=second)
                <= engine.add_business_days(
                    origin + dt.timedelta(seconds=first + 3600 + 3 * 3600), 1
                )
                for first, second in itertools.pairwise(visits)
            )
