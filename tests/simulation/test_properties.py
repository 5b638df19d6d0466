"""Properties of every simulation run, over random small departments and workloads
(Hypothesis): tickets are conserved, times run forward (no negative wait, a first response
never before the arrival, a closing never before the first response) and a seed decides
the run.

Departments are one desk (random agents, FTE, handling-time distribution and patience), a
small tree of teams under a manager with escalation to the manager and a functional step
to an external partner (random holder odds, follow-ups, reopenings), and the bundled
``examples/growing`` department with its workload (calendars, SLA and escalation).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.loading import validate
from cskh_org.loading.workload import load_workload
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation
from cskh_org.simulation.stats import ReplicationStats, TicketRecord
from tests.simulation.conftest import FUNCTIONS, START, one_unit_department, span

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- strategies ------------------------------------------------------------------------------


def _seconds(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high).map(lambda x: round(x, 3))


@st.composite
def distributions(draw: st.DrawFn, low: float = 5.0, high: float = 1200.0) -> dict[str, Any]:
    """Any of the five kinds of time distribution, with means between ``low`` and ``high``
    seconds."""
    kind = draw(st.sampled_from(["exponential", "lognormal", "gamma", "fixed", "empirical"]))
    mean = draw(_seconds(low, high))
    if kind == "exponential":
        return {"kind": kind, "mean": span(mean)}
    if kind in ("lognormal", "gamma"):
        sd = draw(_seconds(0.05, 3.0)) * mean
        return {"kind": kind, "mean": span(mean), "sd": span(max(sd, 0.001))}
    if kind == "fixed":
        return {"kind": kind, "value": span(draw(_seconds(0.0, high)))}
    values = draw(st.lists(_seconds(0.0, high), min_size=1, max_size=6))
    return {"kind": kind, "values": [span(v) for v in values]}


@st.composite
def one_desk(draw: st.DrawFn) -> tuple[Department, Workload, float, datetime.timedelta]:
    """A one-unit department and workload: random agents and FTE, load from light to
    overloaded, any handling-time distribution, patience or none."""
    servers = draw(st.integers(1, 6))
    fte = draw(st.sampled_from(["1", "1", "0.5", "0.75"]))
    service = draw(distributions())
    doc: dict[str, Any] = {
        "id": "random_desk",
        "start": START,
        "streams": [
            {
                "id": "calls",
                "rate": draw(st.floats(0.5, 80.0)),
                "attributes": {"channel": "phone"},
            }
        ],
        "service": [{"unit": "desk", "time": service}],
    }
    if draw(st.booleans()):
        doc["patience"] = {"phone": draw(distributions(1.0, 900.0))}
    days = draw(st.sampled_from([0.25, 0.5, 1.0]))
    warmup = datetime.timedelta(hours=draw(st.sampled_from([0, 1, 3])))
    return (
        one_unit_department(servers, fte=fte),
        Workload.model_validate(doc),
        days,
        warmup,
    )


def _unit(uid: str, servers: int, parent: str | None) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "id": uid,
        "name": {"en": uid},
        "head": "agent",
        "functions": list(FUNCTIONS),
        "channels": ["phone", "email"],
        "staff": [{"role": "agent", "headcount": servers}],
    }
    if parent:
        unit["parent"] = parent
    return unit


@st.composite
def escalating(draw: st.DrawFn) -> tuple[Department, Workload, float, datetime.timedelta]:
    """A manager unit over 1–3 teams. Tickets are routed to a team by category (urgent ones
    with a raised priority); each team escalates to the manager (``manual``) and sends
    ``technical`` tickets to an external partner (functional, handed back). The workload
    draws every holder's resolve/escalate/partner odds, handling times, patience per
    channel, follow-ups and reopenings."""
    teams = draw(st.integers(1, 3))
    categories = [f"c{i}" for i in range(teams)] + ["technical"]
    units = [_unit("manager", draw(st.integers(1, 2)), None)] + [
        _unit(f"t{i}", draw(st.integers(1, 4)), "manager") for i in range(teams)
    ]
    rules: list[dict[str, Any]] = [
        {
            "id": "urgent",
            "when": {"urgent": True},
            "to": {"unit": "t0", "priority": draw(st.integers(0, 2))},
        }
    ]
    rules += [
        {"id": f"r{i}", "when": {"category": f"c{i}"}, "to": {"unit": f"t{i}"}}
        for i in range(teams)
    ]
    steps: list[dict[str, Any]] = []
    for i in range(teams):
        steps.append(
            {"id": f"t{i}_manager", "from": f"t{i}", "to": "manager", "on": [{"on": "manual"}]}
        )
        steps.append(
            {
                "id": f"t{i}_technical",
                "from": f"t{i}",
                "to": "technical",
                "kind": "functional",
                "on": [{"on": "category", "values": ["technical"]}],
            }
        )
    department = Department.model_validate(
        {
            "id": "random_tree",
            "name": {"en": "Random tree"},
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "reports_to": "head_of_sales",
            "roles": [{"id": "agent", "title": {"en": "Agent"}, "monthly_cost": "9000000 VND"}],
            "externals": [
                {"id": "head_of_sales", "name": {"en": "Head of sales"}, "kind": "head_of_sales"},
                {"id": "technical", "name": {"en": "Technical"}, "kind": "technical"},
            ],
            "units": units,
            "ticket_schema": {
                "attributes": {
                    "channel": {"type": "enum", "required": True, "values": ["phone", "email"]},
                    "category": {"type": "enum", "values": categories},
                    "priority": {"type": "enum", "values": ["low", "normal", "high"]},
                    "urgent": {"type": "boolean"},
                }
            },
            "routing": {"rules": rules, "default": {"unit": "t0"}},
            "escalation": {"steps": steps, "partners": ["technical"]},
        }
    )

    def odds() -> dict[str, float]:
        escalate = draw(st.sampled_from([0.0, 0.1, 0.3]))
        partner = draw(st.sampled_from([0.0, 0.1, 0.2]))
        return {
            "resolve": round(1 - escalate - partner, 9),
            "escalate": escalate,
            "partner": partner,
        }

    holders: list[dict[str, Any]] = [{"holder": f"t{i}", **odds()} for i in range(teams)]
    holders.append({"holder": "technical", "turnaround": draw(distributions(60.0, 7200.0))})
    doc: dict[str, Any] = {
        "id": "random_tree",
        "start": START,
        "streams": [
            {
                "id": "calls",
                "rate": draw(st.floats(1.0, 30.0)),
                "attributes": {"channel": "phone"},
                "mix": {"category": dict.fromkeys(categories, 1)},
            },
            {
                "id": "mail",
                "rate": draw(st.floats(0.5, 10.0)),
                "attributes": {"channel": "email", "urgent": draw(st.booleans())},
                "mix": {"category": dict.fromkeys(categories, 1)},
            },
        ],
        "service": [{"unit": "manager", "time": draw(distributions(30.0, 900.0))}]
        + [{"unit": f"t{i}", "time": draw(distributions(30.0, 900.0))} for i in range(teams)],
        "holders": holders,
    }
    if draw(st.booleans()):
        doc["patience"] = {
            "phone": draw(distributions(10.0, 600.0)),
            "email": draw(distributions(600.0, 86_400.0)),
        }
    if draw(st.booleans()):
        doc["follow_up"] = {
            "probability": draw(st.sampled_from([0.1, 0.5, 1.0])),
            "delay": span(draw(_seconds(0.0, 7200.0))),
            "time": draw(distributions(10.0, 300.0)),
        }
    if draw(st.booleans()):
        doc["reopen"] = {
            "probability": draw(st.sampled_from([0.05, 0.3, 0.6])),
            "delay": draw(distributions(60.0, 7200.0)),
        }
    days = draw(st.sampled_from([0.5, 1.0, 2.0]))
    warmup = datetime.timedelta(hours=draw(st.sampled_from([0, 2])))
    return department, Workload.model_validate(doc), days, warmup


# -- the invariants --------------------------------------------------------------------------


def _run(simulation: Simulation, seed: int) -> tuple[ReplicationStats, list[TicketRecord]]:
    records: list[TicketRecord] = []
    stats = simulation.run(0, seed, records=records.append)
    return stats, records


def _check(simulation: Simulation, seed: int) -> None:
    stats, records = _run(simulation, seed)
    where = f"seed {seed}"
    # conservation, in total and per class
    assert stats.arrived_total == (
        stats.finished_total + stats.abandoned_total + stats.in_system_total
    ), where
    for key, cls in stats.classes.items():
        assert cls.arrived == cls.resolved + cls.abandoned + cls.in_system, (where, key, cls)
        assert cls.answered + cls.abandoned <= cls.arrived, (where, key, cls)
        assert cls.first_response.n == cls.answered, (where, key)
        assert cls.resolution.n == cls.resolved, (where, key)
        assert cls.first_contact <= cls.resolved, (where, key)
        assert cls.escalated <= cls.arrived, (where, key)
        assert sum(cls.handoffs) <= cls.arrived, (where, key)
        assert cls.first_response.total >= 0, (where, key)
        assert cls.first_response.counts[0] <= cls.first_response.n, (where, key)
        assert cls.patience_used >= 0, (where, key)
    assert sum(c.arrived for c in stats.classes.values()) <= stats.arrived_total, where
    # the records tell the same story
    assert len(records) == stats.arrived_total, where
    assert len({r.ticket for r in records}) == len(records), where
    outcomes = {"resolved": 0, "abandoned": 0, "open": 0}
    for r in records:
        outcomes[r.outcome] += 1
        assert 0 <= r.arrived <= simulation.horizon, (where, r)
        if r.first_response is not None:
            assert r.first_response >= r.arrived, (where, r)
            assert r.first_response <= simulation.horizon, (where, r)
        if r.closed is not None:
            assert r.first_response is not None, (where, r)
            assert r.closed >= r.first_response, (where, r)
            assert r.closed <= simulation.horizon, (where, r)
            assert r.outcome == "resolved", (where, r)
        if r.outcome == "abandoned":
            assert r.first_response is None, (where, r)
            assert r.closed is None, (where, r)
        assert r.handoffs >= 1, (where, r)
        assert len(r.holders) >= (r.first_response is not None), (where, r)
    assert outcomes == {
        "resolved": stats.finished_total,
        "abandoned": stats.abandoned_total,
        "open": stats.in_system_total,
    }, where
    # load and time in system
    for uid, unit in stats.units.items():
        assert unit.busy >= 0, (where, uid, unit)
        assert unit.available >= 0, (where, uid, unit)
        assert all(area >= 0 for area in unit.queue_area), (where, uid)
    assert 0 <= stats.time_in_system <= stats.arrived_total * stats.window + 1e-6, where
    assert stats.window == pytest.approx(simulation.horizon - simulation.warmup), where
    # the seed decides the run
    again, again_records = _run(simulation, seed)
    assert again == stats, where
    assert again_records == records, where


@SETTINGS
@given(case=one_desk(), seed=st.integers(0, 2**32))
def test_one_desk_runs_keep_the_invariants(
    case: tuple[Department, Workload, float, datetime.timedelta], seed: int
) -> None:
    """On one desk with any agents, FTE, handling times and patience, tickets are conserved,
    times run forward and the seed decides the run."""
    department, workload, days, warmup = case
    _check(Simulation(department, workload, days=days, warmup=warmup), seed)


@SETTINGS
@given(case=escalating(), seed=st.integers(0, 2**32))
def test_escalating_departments_keep_the_invariants(
    case: tuple[Department, Workload, float, datetime.timedelta], seed: int
) -> None:
    """With escalation to a manager, a functional partner, several priorities, follow-ups
    and reopenings, tickets are conserved, times run forward and the seed decides the
    run."""
    department, workload, days, warmup = case
    _check(Simulation(department, workload, days=days, warmup=warmup), seed)


@pytest.fixture(scope="module")
def growing() -> tuple[Department, Workload]:
    folder = EXAMPLES / "growing"
    if not (folder / "workload.yaml").exists():
        pytest.skip("examples/growing/workload.yaml is not written yet")
    department = validate(folder / "department.yaml").unwrap()
    return department, load_workload(folder / "workload.yaml", department).unwrap()


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32), days=st.sampled_from([2.0, 3.0, 8.0]))
def test_the_growing_example_keeps_the_invariants(
    growing: tuple[Department, Workload], seed: int, days: float
) -> None:
    """The bundled growing department (calendars, SLA, escalation, partners, follow-ups,
    reopenings) conserves tickets, runs forward and is decided by its seed."""
    department, workload = growing
    _check(Simulation(department, workload, days=days), seed)


def test_a_run_without_arrivals_in_the_window_is_empty() -> None:
    """A stream so slow that no ticket arrives leaves every count at zero and NaN means."""
    workload = Workload.model_validate(
        {
            "id": "quiet",
            "start": START,
            "streams": [{"id": "calls", "rate": 1e-6, "attributes": {"channel": "phone"}}],
            "service": [{"unit": "desk", "time": {"kind": "fixed", "value": "60s"}}],
        }
    )
    stats = Simulation(one_unit_department(1), workload, days=1.0).run(0, 3)
    assert stats.arrived_total == 0
    assert all(c.arrived == 0 for c in stats.classes.values())
    assert stats.time_in_system == 0
    assert stats.units["desk"].busy == 0
    assert stats.units["desk"].available == pytest.approx(stats.window)
