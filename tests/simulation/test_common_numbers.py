"""Common random numbers between staffings: a ticket brings the same work to the unit routing
sends it to however that unit is staffed, on both kernels, so two candidate staffings (of a
staffing search, a sweep or a what-if) are compared on the same tickets."""

from __future__ import annotations

import pytest

from cskh_org.simulation import Simulation
from cskh_org.simulation.stats import TicketRecord
from tests.simulation.conftest import exponential, one_stream_workload, one_unit_department
from tests.sweeps.helpers import growing, with_more


def _first_visits(sim: Simulation, seed: int = 3) -> dict[int, float]:
    """Per ticket answered and resolved on its one visit: its handling time."""
    out: dict[int, float] = {}

    def keep(record: TicketRecord) -> None:
        if (
            record.outcome == "resolved"
            and len(record.holders) == 1
            and record.reopens == 0
            and record.first_response is not None
            and record.closed is not None
        ):
            out[record.ticket] = record.closed - record.first_response

    sim.run(0, seed, records=keep)
    return out


def test_a_ticket_brings_the_same_work_whatever_the_staffing() -> None:
    """The growing example (priorities, escalations, business hours, after-contact work)
    with 0, 2 and 5 more agents on the support desk: every ticket answered on its one visit
    in two of the runs took the same time in both (to the rounding of its start and end):
    drawn when it was routed, not when an agent started on it (with the draws in order of
    service, most would differ)."""
    dept, wl = growing()
    runs = [_first_visits(Simulation(with_more(dept, extra), wl, days=7)) for extra in (0, 2, 5)]
    for other in runs[1:]:
        both = runs[0].keys() & other.keys()
        assert len(both) > 500
        assert all(runs[0][t] == pytest.approx(other[t], rel=1e-9, abs=1e-6) for t in both)


@pytest.mark.parametrize("patience", [None, 60.0])
def test_the_streamlined_kernel_draws_the_same_work_on_arrival(patience: float | None) -> None:
    """One desk with customers who give up (or not): the streamlined kernel's results equal
    the general kernel's with 2 and 3 agents, and fewer agents change what waits, not the
    work: the tickets both staffings answer took the same time."""
    wl = one_stream_workload(
        40.0, exponential(240.0), patience=None if patience is None else exponential(patience)
    )
    runs = []
    for servers in (2, 3):
        sim = Simulation(one_unit_department(servers), wl, days=2)
        assert sim.fast
        fast, general = sim.run(0, 5, kernel="fast"), sim.run(0, 5, kernel="general")
        assert fast.classes.keys() == general.classes.keys()
        for key, c in fast.classes.items():
            assert c.first_response.mean == general.classes[key].first_response.mean
        runs.append(_first_visits(sim, 5))
    both = runs[0].keys() & runs[1].keys()
    assert len(both) > 100
    assert all(runs[0][t] == pytest.approx(runs[1][t], rel=1e-9, abs=1e-6) for t in both)
