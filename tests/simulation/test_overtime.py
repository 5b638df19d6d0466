"""Overtime (issue 14): an agent starts work only on duty, and a service started before the
end of duty is finished past it; the agent-hours worked past the end of duty and the services
that ran over are counted per unit, and utilisation stays measured against duty hours.

Exact cases: one agent on duty 08:00–17:00 who starts 30 minutes of work at 16:50 works 20
minutes of overtime; and, with fixed handling times ``D`` and agents enough that nobody waits
in the last hours of the day, every ticket that arrives in the last ``D`` before closing
runs over, so a day brings ``λ·D`` such services and ``λ·D²/2`` of overtime (the arrivals
of the last ``D`` are uniform over it). Three standard errors over the replications.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import pytest

from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.report.simulation import result_json, result_table
from cskh_org.simulation import Simulation, simulate
from cskh_org.simulation.plan import Plan
from cskh_org.simulation.replication import Replication
from cskh_org.simulation.stats import ReplicationStats, TicketRecord
from tests.simulation.conftest import FUNCTIONS, fixed, one_stream_workload, pooled
from tests.simulation.test_oracles import _within_3se

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
OPEN, CLOSE = 8 * 3600.0, 17 * 3600.0
"""The duty, in seconds from midnight: 08:00–17:00 every day."""
HALF_HOUR = 1800.0
SERVICE_25 = 1500.0
"""Not a divisor of the nine hours on duty: back-to-back services do not end at 17:00."""


def _desk(agents: int, *, queues: bool = False, concurrency: bool = False) -> Department:
    """One unit ``desk`` of ``agents`` agents on duty 08:00–17:00 every day (no holidays).
    ``queues``: two priority levels possible (priority queues and completion events);
    ``concurrency``: an agent holds two chats or one call (capacity shared by weight)."""
    channels = ["phone", "chat"] if concurrency else ["phone"]
    schema: dict[str, Any] = {"channel": {"type": "enum", "required": True, "values": channels}}
    routing: dict[str, Any] = {"default": {"unit": "desk"}}
    if queues:
        schema["category"] = {"type": "enum", "values": ["common", "rare"]}
        schema["priority"] = {"type": "enum", "values": ["normal", "high"]}
        routing["rules"] = [
            {"id": "rare", "when": {"category": "rare"}, "to": {"unit": "desk", "priority": 1}}
        ]
    unit: dict[str, Any] = {
        "id": "desk",
        "name": "Desk",
        "head": "agent",
        "functions": list(FUNCTIONS),
        "channels": channels,
        "calendar": "day",
        "staff": [{"role": "agent", "headcount": agents}],
    }
    if concurrency:
        unit["concurrency"] = {"chat": 2}
    return Department.model_validate(
        {
            "id": "overtime",
            "name": "Overtime",
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
            "calendars": [
                {
                    "id": "day",
                    "name": "Day",
                    "week": {day: ["08:00-17:00"] for day in EVERY_DAY},
                }
            ],
            "units": [unit],
            "ticket_schema": {"attributes": schema},
            "routing": routing,
        }
    )


def _workload(rate: float, seconds: float, *, queues: bool = False, chat: bool = False) -> Workload:
    doc: dict[str, Any] = one_stream_workload(rate, fixed(seconds), queues=queues).model_dump(
        by_alias=True, exclude_none=True
    )
    if chat:
        del doc["streams"][0]["attributes"]["channel"]
        doc["streams"][0]["mix"] = {"channel": {"chat": 1, "phone": 1e-12}}
    return Workload.model_validate(doc)


# -- the deterministic case ---------------------------------------------------------------------


def test_half_an_hour_started_at_ten_to_five_is_twenty_minutes_of_overtime() -> None:
    """One agent on duty 08:00–17:00 starts 30 minutes of work at 16:50: 20 minutes past
    the end of duty, one service that ran over; work that ends at 17:00 sharp is none."""
    plan = Plan(_desk(1), _workload(1.0, HALF_HOUR), days=2, warmup=datetime.timedelta(0))
    run = Replication(plan, 0, 0)
    unit = plan.units["desk"]
    timetable = unit.groups[0].timetable
    assert unit.timed
    assert timetable is not None
    run.overtime(unit, timetable, CLOSE - 600, HALF_HOUR)
    run.overtime(unit, timetable, CLOSE - HALF_HOUR, HALF_HOUR)  # ends on the hour
    run.overtime(unit, timetable, OPEN, HALF_HOUR)
    stats = run.units["desk"]
    assert stats.overtime == pytest.approx(1200.0)
    assert stats.overruns == 1
    # 20 hours started at 16:50: the hours of the next day's duty are not overtime
    run.overtime(unit, timetable, CLOSE - 600, 20 * 3600.0)
    # (16:50 to 12:50 the next day: 10 minutes and 4 h 50 of it on duty)
    assert stats.overtime == pytest.approx(1200.0 + 20 * 3600.0 - 5 * 3600.0)


@pytest.mark.parametrize("path", ["fifo", "queues", "shared"])
def test_the_overtime_is_the_recount_from_every_service(path: str) -> None:
    """Fixed 25-minute handling, two agents on duty 08:00–17:00: the overtime counted is
    each service's time past the close of the opening it started in (its first response
    is its start: every ticket takes one visit), on each of the kernel's paths."""
    queues, shared = path == "queues", path == "shared"
    dept = _desk(2, queues=queues, concurrency=shared)
    workload = _workload(2.5, SERVICE_25, queues=queues, chat=shared)
    records: list[TicketRecord] = []
    stats = Simulation(dept, workload, days=6, warmup=datetime.timedelta(0)).run(
        0, 11, records=records.append
    )
    share = 0.5 if shared else 1.0  # a chat takes half an agent
    over, ran_over = 0.0, 0
    for record in records:
        if record.first_response is None:
            continue
        start = record.first_response
        day = math.floor(start / 86_400) * 86_400
        assert day + OPEN <= start < day + CLOSE  # work starts only on duty
        end = min(start + SERVICE_25, 6 * 86_400.0)
        if start + SERVICE_25 > day + CLOSE:
            ran_over += 1
            over += (end - max(day + CLOSE, start)) * share
    unit = stats.units["desk"]
    assert ran_over >= 3
    assert unit.overruns == ran_over
    assert unit.overtime == pytest.approx(over)
    # utilisation stays busy time over duty time: six days of two agents' nine hours
    assert unit.available == pytest.approx(6 * 2 * 9 * 3600.0)


def test_always_open_agents_have_no_overtime_in_the_results() -> None:
    """A unit whose agents are always on duty has no overtime figures: none in the JSON,
    no column in the table."""
    from tests.simulation.conftest import exponential, one_unit_department

    result = simulate(
        one_unit_department(2), one_stream_workload(10, exponential(300)), days=1, replications=2
    )
    assert result.units["desk"].overtime is None
    assert "overtime" not in result_json(result)
    one_line = result_json(result, indent=None)  # what the report reads back
    assert one_line.count("\n") == 1
    assert json.loads(one_line) == json.loads(result_json(result))
    assert "overtime" not in result_table(result, "en")


# -- against the exact expectation -----------------------------------------------------------


def _days_runs(replications: int = 30) -> list[ReplicationStats]:
    sim = Simulation(_desk(40), _workload(RATE, SERVICE), days=8, warmup=datetime.timedelta(days=1))
    return [sim.run(r, 2027) for r in range(replications)]


RATE, SERVICE = 6.0, 3600.0
"""Six tickets an hour, an hour's handling each: by the afternoon 40 agents on duty never
all busy (the night's backlog of 90 is cleared by 11:00), so a ticket that arrives in the
last hour starts at once and runs over by what is left of its hour."""


def test_the_overtime_of_the_last_hour_is_lambda_d_squared_over_two() -> None:
    runs = _days_runs()
    days = 7  # counted: 8 simulated less 1 of warm-up
    hours = [run.units["desk"].overtime / 3600 / days for run in runs]
    counts = [run.units["desk"].overruns / days for run in runs]
    d = SERVICE / 3600
    _within_3se("overtime per day (hours)", hours, RATE * d * d / 2, runs)
    _within_3se("services that ran over per day", counts, RATE * d, runs)
    for run in runs:
        assert pooled(run).in_system < 100  # (every night's tickets are served next morning)


def test_the_results_report_overtime_per_unit() -> None:
    """Hours and services per replication in the JSON, two columns in the load table."""
    result = simulate(_desk(2), _workload(2.5, SERVICE_25), days=3, replications=3, seed=1)
    kpis = result.units["desk"]
    assert kpis.overtime is not None
    assert kpis.ran_over is not None
    assert kpis.overtime.mean > 0
    assert kpis.ran_over.mean > 0
    document = result.to_dict()
    assert document["units"]["desk"]["overtime"]["mean"] == pytest.approx(kpis.overtime.mean)
    assert document["units"]["desk"]["ran_over"]["n"] == 3
    table = result_table(result, "en")
    assert "overtime h" in table
    assert "ran over" in table
    assert "giờ làm thêm" in result_table(result, "vi")
