"""The saved roster: JSON data and back without loss, and a clear refusal of anything else."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from cskh_org.errors import UsageError
from cskh_org.rosters import Agent, Assignment, Conflict, Cover, Roster, Status

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _roster() -> Roster:
    day = dt.date(2026, 12, 7)
    start = dt.datetime(2026, 12, 7, 8, 0, tzinfo=ZONE)
    size = 7 * 24
    rostered = [0] * size
    for k in range(8, 17):
        rostered[k] = 1
    return Roster(
        department="shop",
        timezone="Asia/Ho_Chi_Minh",
        start=day,
        weeks=1,
        interval=60,
        status=Status.OPTIMAL,
        agents=(
            Agent("care/agents#1", "care", "agents", "agent", "full", frozenset({"vi"}), 40.0),
        ),
        assignments=(
            Assignment(
                "care/agents#1",
                "care",
                "day",
                day,
                start,
                start + dt.timedelta(hours=9),
                ((start + dt.timedelta(hours=4), start + dt.timedelta(hours=5)),),
                480,
            ),
        ),
        cover=(Cover("care", tuple([1] * 10 + [0] * (size - 10)), tuple(rostered)),),
        under_cover=8,
        paid_minutes=480,
        bound=8.0,
        gap=0.0,
        seconds=0.25,
        seed=7,
        conflicts=(Conflict("rest-days", "care/agents#1", "d.yaml:3:5", {"vi": "a", "en": "b"}),),
    )


def test_round_trip_through_json_text() -> None:
    roster = _roster()
    again = Roster.from_json(json.loads(json.dumps(roster.to_json())))
    assert again == roster
    assert again.counts("care")[8] == 1
    assert again.of_agent("care/agents#1") == roster.assignments
    assert roster.cover[0].short == 8  # required in hours 0-9, rostered from 8


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("format", "other"),
        ("weeks", 9),
        ("interval", 7),
        ("start", "2026-12-08"),
        ("seed", "7"),
        ("timezone", "Mars/Olympus"),
        ("agents", {}),
    ],
)
def test_refuses_what_it_did_not_write(field: str, value: object) -> None:
    data = _roster().to_json()
    data[field] = value
    with pytest.raises(UsageError):
        Roster.from_json(data)


def test_unknown_unit_is_an_error() -> None:
    with pytest.raises(UsageError):
        _roster().counts("sales")
