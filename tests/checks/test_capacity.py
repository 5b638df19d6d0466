"""Capacity checked statically (cskh_org/checks/capacity.py): the offered load per unit and
hour of the week against the agents on duty, and the issue's hotline.

The offered load is checked against the simulation itself: with agents enough that no
ticket waits, the agents of each unit are busy exactly the work the tickets bring, so the
simulated busy time over a week is the static load summed over its hours (within 3 SE).
"""

from __future__ import annotations

import datetime
import math
import statistics
from typing import Any

import pytest

from cskh_org.checks.capacity import HOURS, capacity_short, offered_load
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation
from tests.simulation.conftest import FUNCTIONS

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _department(staff: dict[str, list[dict[str, Any]]], **extra: Any) -> Department:
    return Department.model_validate(
        {
            "id": "care",
            "name": "Care",
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
            "units": [
                {
                    "id": unit,
                    "name": unit,
                    "functions": list(FUNCTIONS),
                    **({"parent": "front"} if unit != "front" else {}),
                    "staff": lines,
                }
                for unit, lines in staff.items()
            ],
            "routing": {
                "rules": [
                    {"id": "complaints", "when": {"category": "complaint"}, "to": {"unit": "back"}}
                ],
                "default": {"unit": "front"},
            },
            **extra,
        }
    )


def _workload(rate: float, **extra: Any) -> Workload:
    return Workload.model_validate(
        {
            "id": "w",
            "department": "care",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": [
                {
                    "id": "calls",
                    "rate": rate,
                    "profile": "daytime",
                    "attributes": {"channel": "phone"},
                    "mix": {
                        "category": {"question": 3, "complaint": 1},
                        "tier": {"vip": 1, "new": 4},
                    },
                }
            ],
            "profiles": [
                {
                    "id": "daytime",
                    "hours": [0.5] * 8 + [1.5] * 10 + [0.75] * 6,
                    "days": {"sun": 0.5},
                }
            ],
            "service": [
                {"unit": "front", "time": {"kind": "exponential", "mean": "6m"}},
                {"unit": "back", "time": {"kind": "exponential", "mean": "20m"}},
            ],
            **extra,
        }
    )


def test_the_offered_load_is_rate_times_factors_times_share_times_handling_time() -> None:
    dept = _department(
        {"front": [{"role": "agent", "headcount": 10}], "back": [{"role": "agent", "headcount": 4}]}
    )
    loads, left_out = offered_load(_workload(12), dept)
    assert left_out == []
    front, back = loads["front"], loads["back"]
    monday_9 = 9
    assert front.load[monday_9] == pytest.approx(12 * 1.5 * 3 / 4 * 6 / 60)
    assert back.load[monday_9] == pytest.approx(12 * 1.5 * 1 / 4 * 20 / 60)
    sunday_9 = 6 * 24 + 9
    assert back.load[sunday_9] == pytest.approx(back.load[monday_9] * 0.5)
    assert front.agents == (10.0,) * HOURS
    assert all(front.open)


def test_the_static_load_is_the_simulated_busy_time() -> None:
    """Agents enough that nobody waits: the simulated busy seconds of a week are the static
    load × 3600 summed over the week's hours, unit by unit."""
    dept = _department(
        {
            "front": [{"role": "agent", "headcount": 40}],
            "back": [{"role": "agent", "headcount": 30}],
        }
    )
    workload = _workload(12)
    loads, _ = offered_load(workload, dept)
    simulation = Simulation(dept, workload, days=8, warmup=datetime.timedelta(days=1))
    runs = [simulation.run(r, 7) for r in range(20)]
    for unit in ("front", "back"):
        busy = [run.units[unit].busy for run in runs]
        mean, se = statistics.fmean(busy), statistics.stdev(busy) / math.sqrt(len(busy))
        exact = sum(loads[unit].load) * 3600
        assert abs(mean - exact) <= 3 * se, (unit, mean, exact, se)


HOTLINE: dict[str, Any] = {
    "calendars": [
        {
            "id": "hotline_hours",
            "name": "Hotline hours",
            "week": {d: ["07:00-22:00"] for d in EVERY_DAY},
        }
    ],
    "working_time": {
        "contracts": [{"id": "full_time", "hours_per_week": 40, "days_per_week": 5}],
        "shifts": [
            {"id": "early", "days": EVERY_DAY, "start": "07:00", "end": "15:00"},
            {"id": "late", "days": EVERY_DAY, "start": "14:00", "end": "22:00"},
        ],
    },
}


def test_the_issue_hotline_is_short_for_the_week_and_in_its_hours() -> None:
    """24 agents on 40-hour contracts give 960 agent-hours a week; the calls bring more, and
    at the busy hours the agents on shift are fewer than the erlangs."""
    front = [
        {"role": "agent", "headcount": 24, "contract": "full_time", "shifts": ["early", "late"]}
    ]
    dept = Department.model_validate(
        {
            **_department({"front": front, "back": [{"role": "agent", "headcount": 2}]}).model_dump(
                by_alias=True, exclude_none=True
            ),
            **HOTLINE,
            "units": [
                {
                    "id": "front",
                    "name": "Hotline",
                    "functions": list(FUNCTIONS),
                    "calendar": "hotline_hours",
                    "staff": front,
                },
                {
                    "id": "back",
                    "name": "Back",
                    "parent": "front",
                    "staff": [{"role": "agent", "headcount": 6}],
                },
            ],
        }
    )
    found = list(capacity_short(_workload(90), dept))
    messages = [i.message for i in found if "`front`" in i.message]
    assert any("more than its agents' 960 hours on duty" in m for m in messages), messages
    assert any(
        "open hours of the week" in m and "mon 08:00-14:00, mon 15:00-18:00" in m for m in messages
    ), messages
    assert all(i.code == "capacity-short" and i.path == ("streams", 0) for i in found)
    assert all(i.message_vi != i.message for i in found)
    quiet = list(capacity_short(_workload(2), dept))
    assert quiet == []
