"""The simulation puts agents on duty by their shifts, contracts and shrinkage (issue 14).

Against exact values: agents on three eight-hour shifts are busy the offered load over their
on-shift agent-hours; people on contracts without shifts, and people less shrinkage, are the
whole agents of an M/M/c queue (Erlang C). Three standard errors over the replications.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from cskh_org.model import Department
from cskh_org.simulation import Simulation
from cskh_org.simulation.stats import ReplicationStats
from tests.simulation.conftest import FUNCTIONS, exponential, one_stream_workload, pooled
from tests.simulation.oracles import erlang_c
from tests.simulation.test_oracles import _within_3se

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MEAN_SERVICE = 300.0
"""Five minutes."""


def _desk(staff: list[dict[str, Any]], working_time: dict[str, Any]) -> Department:
    return Department.model_validate(
        {
            "id": "shifts",
            "name": "Shifts",
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
            "working_time": working_time,
            "units": [
                {
                    "id": "desk",
                    "name": "Desk",
                    "head": "agent",
                    "functions": list(FUNCTIONS),
                    "channels": ["phone"],
                    "staff": staff,
                }
            ],
            "ticket_schema": {
                "attributes": {"channel": {"type": "enum", "required": True, "values": ["phone"]}}
            },
            "routing": {"default": {"unit": "desk"}},
        }
    )


def _runs(dept: Department, load: float, replications: int = 30) -> list[ReplicationStats]:
    workload = one_stream_workload(load * 3600 / MEAN_SERVICE, exponential(MEAN_SERVICE))
    simulation = Simulation(dept, workload, days=4, warmup=datetime.timedelta(days=1))
    return [simulation.run(r, 2027) for r in range(replications)]


CONTRACT = {"id": "full", "hours_per_week": 40, "days_per_week": 5}


def test_agents_on_shifts_are_busy_the_offered_load_over_their_on_shift_hours() -> None:
    """Night, early and late shifts of eight hours, every day, on five-day contracts: 7, 14
    and 7 people put 5, 10 and 5 agents on duty (the rest days in turn). At 3.5 erlangs of
    offered load the agents are busy 3.5 × 24 h over 160 agent-hours a day: 52.5 %."""
    shifts = [
        {"id": "night", "days": EVERY_DAY, "start": "00:00", "end": "08:00"},
        {"id": "early", "days": EVERY_DAY, "start": "08:00", "end": "16:00"},
        {"id": "late", "days": EVERY_DAY, "start": "16:00", "end": "24:00"},
    ]
    staff = [
        {"role": "agent", "headcount": n, "contract": "full", "shifts": [shift]}
        for n, shift in ((7, "night"), (14, "early"), (7, "late"))
    ]
    runs = _runs(_desk(staff, {"shifts": shifts, "contracts": [CONTRACT]}), 3.5)
    on_shift = (5 * 8 + 10 * 8 + 5 * 8) * 3600 * 3  # agent-seconds in the three counted days
    for run in runs:
        assert run.units["desk"].available == pytest.approx(on_shift)
        assert run.units["desk"].agents == 28  # the staff, in FTE, whatever their hours
    utilisation = [run.units["desk"].busy / run.units["desk"].available for run in runs]
    _within_3se("utilisation", utilisation, 3.5 * 24 / 160, runs)


def test_people_on_contracts_without_shifts_are_their_share_of_every_hour() -> None:
    """21 people on 40-hour contracts on an always-open desk are 21 × 40/168 = 5 agents at
    every hour: an M/M/5 queue, whose probability of waiting is Erlang C."""
    staff = [{"role": "agent", "headcount": 21, "contract": "full"}]
    runs = _runs(_desk(staff, {"contracts": [CONTRACT]}), 3.5)
    shares = [
        1 - pooled(run).first_response.counts[0] / pooled(run).first_response.n for run in runs
    ]
    _within_3se("P(wait)", shares, erlang_c(5, 3.5), runs)


def test_shrinkage_takes_its_share_of_the_people_on_duty() -> None:
    """Ten people less 20 % planned and 10 % unplanned shrinkage are seven agents: M/M/7."""
    staff = [{"role": "agent", "headcount": 10}]
    runs = _runs(_desk(staff, {"shrinkage": {"planned": "0.2", "unplanned": "0.1"}}), 5.0)
    shares = [
        1 - pooled(run).first_response.counts[0] / pooled(run).first_response.n for run in runs
    ]
    _within_3se("P(wait)", shares, erlang_c(7, 5.0), runs)
    for run in runs:
        assert run.units["desk"].available == pytest.approx(7 * run.window)


def test_rest_days_in_turn_keep_whole_agents_on_the_whole_shift() -> None:
    """Three people on a seven-day shift with five-day contracts are 15/7 agents each day:
    two whole agents for the whole shift and a part-timer for the rest (the rest-day turns
    used to become seven partial agents, all working the start of the shift)."""
    shifts = [{"id": "day", "days": EVERY_DAY, "start": "08:00", "end": "16:00"}]
    staff = [{"role": "agent", "headcount": 3, "contract": "full", "shifts": ["day"]}]
    dept = _desk(staff, {"shifts": shifts, "contracts": [CONTRACT]})
    workload = one_stream_workload(6, exponential(MEAN_SERVICE))
    plan = Simulation(dept, workload, days=7)
    groups = plan.units["desk"].groups
    assert sorted(g.agents for g in groups) == [1, 2]
    whole = next(g for g in groups if g.agents == 2)
    assert whole.timetable is not None
    assert whole.timetable.open_time(0, 86_400) == pytest.approx(8 * 3600)
    run = plan.run(0, 1)
    assert run.units["desk"].available == pytest.approx(15 / 7 * 8 * 3600 * 7)
