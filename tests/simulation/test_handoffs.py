"""Escalation steps in the simulation that move or follow up a ticket without handing it back:
a lateral step keeps the ticket at the receiving unit, and a follow-up step (on ``resolved``)
gives its unit a follow-up contact for every resolution at the step's ``from`` holder, timed
exactly (the unit's handling time, after the workload's ``follow_up.delay``)."""

from __future__ import annotations

from typing import Any

import pytest

from cskh_org.errors import SimulationError
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation, TicketRecord
from cskh_org.simulation.stats import ReplicationStats
from tests.simulation.conftest import (
    START,
    exponential,
    fixed,
    many_units_department,
    pooled,
)

DAYS = 2
FOLLOW_UP = 120.0
"""The handling time of a follow-up at ``u0`` (fixed)."""


def _department(*steps: dict[str, Any], servers: int = 40, **escalation: Any) -> Department:
    """Three always-open desks: ``u0`` on top, ``u1`` and ``u2`` side by side under it; a
    ticket of category ``k{i}`` is routed to ``u{i}``; the given escalation steps."""
    doc = many_units_department(3, servers).model_dump(mode="json", by_alias=True)
    doc["escalation"] = {"steps": list(steps), **escalation}
    return Department.model_validate(doc)


def _workload(*, rate: float = 20.0, **extra: Any) -> Workload:
    """Phone tickets of category ``k1`` (routed to ``u1``) at ``rate`` an hour; handling
    time exponential at ``u1`` and ``u2``, fixed :data:`FOLLOW_UP` at ``u0``."""
    return Workload.model_validate(
        {
            "id": "transfers",
            "start": START,
            "streams": [
                {"id": "calls", "rate": rate, "attributes": {"channel": "phone", "category": "k1"}}
            ],
            "service": [
                {"unit": "u0", "time": fixed(FOLLOW_UP)},
                {"unit": "u1", "time": exponential(300)},
                {"unit": "u2", "time": exponential(300)},
            ],
            **extra,
        }
    )


def _run(dept: Department, wl: Workload, seed: int = 3) -> tuple[ReplicationStats, list[Any]]:
    sim = Simulation(dept, wl, days=DAYS)
    records: list[TicketRecord] = []
    stats = sim.run(0, seed, records=records.append)
    return stats, records


RESOLVED_U1_TO_U0 = {"id": "after_care", "from": "u1", "to": "u0", "on": [{"on": "resolved"}]}


def test_every_resolution_at_the_source_gives_the_unit_one_follow_up() -> None:
    """Every ticket is resolved at ``u1``; ``u0`` makes exactly one follow-up per resolution
    in the window, at the instant of the resolution (no ``follow_up``: no delay), and is busy
    for exactly its handling time each, cut at the end of the window. The ticket stays
    resolved: its resolution time is the one of its visit at ``u1``."""
    stats, records = _run(_department(RESOLVED_U1_TO_U0), _workload())
    resolved = [r for r in records if r.outcome == "resolved"]
    assert resolved
    assert all(r.holders == ("u1",) for r in resolved)
    assert pooled(stats).resolved == len(resolved)
    u0 = stats.units["u0"]
    assert u0.follow_ups == len(resolved)
    assert stats.units["u1"].follow_ups == 0
    assert u0.visits == 0  # a follow-up is no visit of the ticket
    horizon = DAYS * 86_400
    expected = sum(min(FOLLOW_UP, horizon - r.closed) for r in resolved)
    assert u0.busy == pytest.approx(expected, rel=1e-12)
    assert u0.busy == pytest.approx(len(resolved) * FOLLOW_UP, abs=FOLLOW_UP)


def test_the_follow_up_waits_the_workloads_follow_up_delay() -> None:
    """With a workload ``follow_up`` (here made with probability 0, so it adds none of its
    own) the step's follow-up is due its ``delay`` after the resolution: those due after the
    end of the window are not made."""
    delay = 3_600.0
    own = {"probability": 0, "delay": "1h", "time": fixed(1)}
    stats, records = _run(_department(RESOLVED_U1_TO_U0), _workload(follow_up=own))
    horizon = DAYS * 86_400
    closed = [r.closed for r in records if r.outcome == "resolved"]
    due = [c + delay for c in closed if c + delay < horizon]
    assert len(due) < len(closed)
    u0 = stats.units["u0"]
    assert u0.follow_ups == len(due)
    assert u0.busy == pytest.approx(sum(min(FOLLOW_UP, horizon - d) for d in due), rel=1e-12)


def test_a_follow_up_is_no_resolution_so_nothing_chains() -> None:
    """A follow-up step from ``u0`` back to ``u1`` never fires: ``u0`` resolves no ticket,
    its follow-up contacts are not resolutions."""
    back = {"id": "back", "from": "u0", "to": "u1", "on": [{"on": "resolved"}]}
    stats, records = _run(_department(RESOLVED_U1_TO_U0, back), _workload())
    resolved = [r for r in records if r.outcome == "resolved"]
    assert stats.units["u0"].follow_ups == len(resolved)
    assert stats.units["u1"].follow_ups == 0


def test_a_reopened_ticket_is_followed_up_once() -> None:
    """Each step fires at most once per ticket: a ticket resolved, reopened and resolved
    again at ``u1`` gives ``u0`` one follow-up, not two."""
    reopen = {"probability": 0.5, "delay": fixed(60)}
    stats, records = _run(_department(RESOLVED_U1_TO_U0), _workload(reopen=reopen))
    resolved = [r for r in records if r.outcome == "resolved"]
    open_ = [r for r in records if r.outcome == "open"]
    assert any(r.reopens for r in resolved)
    # a ticket open at the end after a reopening was followed up at its first resolution
    followed = len(resolved) + sum(1 for r in open_ if r.reopens)
    assert stats.units["u0"].follow_ups == followed


def test_a_follow_up_needs_a_handling_time_at_its_unit() -> None:
    """A follow-up unit without a handling time for the ticket's category is a clear error."""
    wl = Workload.model_validate(
        {
            "id": "transfers",
            "start": START,
            "streams": [
                {"id": "calls", "rate": 20, "attributes": {"channel": "phone", "category": "k1"}}
            ],
            "service": [{"unit": "u1", "time": exponential(300)}],
        }
    )
    with pytest.raises(SimulationError, match="u0"):
        Simulation(_department(RESOLVED_U1_TO_U0), wl, days=DAYS).run(0, 1)


def test_a_lateral_step_keeps_the_ticket_at_the_receiving_unit() -> None:
    """A lateral step from ``u1`` to its sibling ``u2`` on category ``k1``: every ticket is
    worked at ``u1``, moves to ``u2`` and is resolved there, never handed back (a
    functional step to the same unit hands it back to ``u1``)."""
    lateral = {
        "id": "to_complaints",
        "from": "u1",
        "to": "u2",
        "kind": "lateral",
        "on": [{"on": "category", "values": ["k1"]}],
    }
    stats, records = _run(_department(lateral), _workload())
    resolved = [r for r in records if r.outcome == "resolved"]
    assert resolved
    assert {r.holders for r in resolved} == {("u1", "u2")}
    assert {r.handoffs for r in resolved} == {2}  # routing, then the lateral step
    assert stats.units["u2"].visits == pytest.approx(stats.units["u1"].visits, abs=40)
    assert pooled(stats).escalated == len(resolved)

    functional = {**lateral, "kind": "functional"}
    _stats, back = _run(_department(functional, partners=["u2"]), _workload())
    done = [r for r in back if r.outcome == "resolved"]
    assert {r.holders for r in done} == {("u1", "u2", "u1")}
    assert {r.handoffs for r in done} == {3}
