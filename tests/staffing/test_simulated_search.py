"""The parts of the simulation-verified search (:mod:`cskh_org.staffing.simulated`) against
plain references: the pooled-ratio bounds against SciPy's t and normal quantiles, the jump
against Erlang's own count, a plan restaffed in place against one compiled for the staffing,
and intervals too quiet to verify keeping the analytic answer."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation
from cskh_org.simulation.stats import TicketRecord
from cskh_org.staffing import Queue, ServiceLevelTarget, fewest_agents
from cskh_org.staffing.analytic import analytic_staffing
from cskh_org.staffing.simulated import (
    FAR,
    _Bounds,
    _erlang_count,
    measure_staffing,
    simulated_staffing,
)
from tests.staffing.stationary import RAMP, department, workload


def _load(dept: Department, text: str) -> Workload:
    result = load_workload_text(text, dept, name="week.yaml")
    assert result.workload is not None, result.findings
    return result.workload


def _reference_lower(tops: list[int], bottoms: list[int], confidence: float) -> float:
    """The textbook ratio estimator's lower bound (Law, *Simulation Modeling and Analysis*:
    R = Ȳ/X̄, s² = (s_Y² − 2R s_XY + R² s_X²), half-width t·s/(X̄√n)), no higher than the
    Wilson score bound of the pooled tickets."""
    from scipy import stats

    n = len(tops)
    x_bar, y_bar = sum(bottoms) / n, sum(tops) / n
    r = y_bar / x_bar
    s_x = sum((x - x_bar) ** 2 for x in bottoms) / (n - 1)
    s_y = sum((y - y_bar) ** 2 for y in tops) / (n - 1)
    s_xy = sum((x - x_bar) * (y - y_bar) for x, y in zip(bottoms, tops, strict=True)) / (n - 1)
    var = max(s_y - 2 * r * s_xy + r * r * s_x, 0.0)
    ratio_bound = r - stats.t.ppf(confidence, n - 1) * math.sqrt(var) / (x_bar * math.sqrt(n))
    total = sum(bottoms)
    z = stats.norm.ppf(confidence)
    wilson = (
        r + z * z / (2 * total) - z * math.sqrt(r * (1 - r) / total + z * z / (4 * total**2))
    ) / (1 + z * z / total)
    return float(min(ratio_bound, wilson))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.integers(1, 60).flatmap(lambda x: st.tuples(st.just(x), st.integers(0, x))),
        min_size=2,
        max_size=40,
    ),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_the_pooled_share_and_its_bound_match_the_textbook_ratio_estimator(
    cells: list[tuple[int, int]], confidence: float
) -> None:
    bottoms = [x for x, _ in cells]
    tops = [y for _, y in cells]
    share, low = _Bounds(confidence).share_lower(
        [float(y) for y in tops], [float(x) for x in bottoms]
    )
    assert share == pytest.approx(sum(tops) / sum(bottoms), abs=1e-12)
    assert low == pytest.approx(_reference_lower(tops, bottoms, confidence), abs=1e-7)


def test_a_replication_of_one_ticket_weighs_one_ticket() -> None:
    """Seven replications of 20 tickets all answered and one of a single ticket that gave
    up: the pooled share is 140/141, where a mean of the replications' shares says 7/8."""
    share, low = _Bounds(0.95).share_lower([20.0] * 7 + [0.0], [20.0] * 7 + [1.0])
    assert share == pytest.approx(140 / 141)
    assert low is not None
    assert share is not None
    assert 0.8 < low < share


@pytest.mark.parametrize(("tickets", "shown"), [(8, False), (10, False), (11, True), (14, True)])
def test_all_answered_shows_80_percent_only_from_enough_tickets(tickets: int, shown: bool) -> None:
    """Every ticket answered, no spread between replications: the Wilson bound decides
    (n / (n + z²) with z = 1.645: 0.787 for 10 tickets, 0.803 for 11)."""
    bounds = _Bounds(0.95)
    _, low = bounds.share_lower([float(tickets)], [float(tickets)])
    assert low is not None
    assert (low >= 0.8) is shown
    assert bounds.can_show([ServiceLevelTarget(0.8, 20)], tickets) is shown


@settings(max_examples=60, deadline=None)
@given(st.floats(5.0, 400.0), st.sampled_from([60.0, 180.0, 300.0]), st.sampled_from([None, 120.0]))
def test_the_jump_lands_on_erlangs_count_when_the_load_is_as_modelled(
    rate: float, handle: float, patience: float | None
) -> None:
    """Where the measured service level is Erlang's own at the nominal load, the load the
    interval behaves as having is the nominal one, and the count jumped to is Erlang's
    (or one off where the 0.6 % on the load straddles a count's edge)."""
    target = ServiceLevelTarget(0.8, 20)
    queue = Queue(rate, handle, patience)
    need = fewest_agents(queue, [target]).agents
    below = max(1, need // 2)
    level = queue.figures(below, 20).service_level
    if level is None or level > target.share - FAR or below >= need:
        return
    found = _erlang_count(rate, handle, patience, agents=below, level=level, targets=(target,))
    assert abs(found - need) <= 1


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=48, max_size=48),
    st.lists(st.integers(0, 3), min_size=48, max_size=48),
)
def test_a_restaffed_plan_runs_as_one_compiled_for_the_staffing(
    first: list[int], second: list[int]
) -> None:
    """Compiled with one staffing and restaffed with another, a simulation gives the same
    tickets, to the last record, as one compiled with the second."""
    dept = cskh_org.loads(department(), name="desk.yaml")
    wl = _load(dept, workload(per_hour=12, seconds=300, patience=240))
    first[0] = max(first[0], 1)
    second[0] = max(second[0], 1)
    reused = Simulation(dept, wl, days=2, staffing={"desk": first})
    reused.run(0, 4, records=lambda r: None)
    reused.restaff({"desk": second})
    fresh = Simulation(dept, wl, days=2, staffing={"desk": second})
    seen: list[list[TicketRecord]] = [[], []]
    reused.run(1, 4, records=seen[0].append)
    fresh.run(1, 4, records=seen[1].append)
    assert seen[0] == seen[1]
    assert [g.agents for g in reused.units["desk"].groups] == [
        g.agents for g in fresh.units["desk"].groups
    ]


def test_intervals_too_quiet_to_verify_keep_the_analytic_answer() -> None:
    """A call an hour, two replications: two tickets an interval on average (the busiest of
    the seed's 168 has fewer than 11), which cannot show 80 % at 95 % even all answered.
    Every interval keeps Erlang's count, is reported as not verified with its measured
    figures, and keeps its target."""
    dept = cskh_org.loads(department(), name="desk.yaml")
    wl = _load(dept, workload(per_hour=1, seconds=120, patience=60))
    target = [ServiceLevelTarget(0.8, 20)]
    erlang = analytic_staffing(dept, wl, interval=60, targets=target)
    plan = simulated_staffing(dept, wl, interval=60, targets=target, replications=2, seed=7)
    (unit,) = plan.units
    assert unit.on_duty == erlang.units[0].on_duty
    (queue,) = unit.queues
    assert queue.targets == erlang.units[0].queues[0].targets
    cells = [m for m in queue.measured if m is not None]
    assert len(cells) == 168
    assert not any(m.verified for m in cells)
    assert sum(m.tickets for m in cells) > 100
    assert max(m.tickets for m in cells) * 2 < 11
    assert plan.verification is not None
    assert plan.verification.converged
    assert plan.verification.simulated >= 2


def test_the_search_runs_fewer_replications_while_approaching() -> None:
    """The approach runs half the replications: the replications simulated in all are fewer
    than the runs times the replications asked, and the plan still settles."""
    dept = cskh_org.loads(department(), name="desk.yaml")
    wl = _load(dept, workload(per_hour=120, seconds=30))
    plan = simulated_staffing(
        dept, wl, interval=60, targets=[ServiceLevelTarget(0.83, 5)], replications=8, seed=3
    )
    found = plan.verification
    assert found is not None
    assert found.converged
    assert 8 < found.simulated < found.runs * 8


@pytest.mark.parametrize("rounds", [1, 3])
def test_out_of_rounds_the_plan_is_a_staffing_that_was_run(rounds: int) -> None:
    """Stopped in the approach, the plan is the last staffing run, with what that run
    measured: with one round, Erlang's start itself."""
    dept = cskh_org.loads(department("07:00-19:00"), name="ramp.yaml")
    wl = _load(dept, workload(per_hour=200, seconds=240, factors=RAMP, mondays=True))
    target = [ServiceLevelTarget(0.8, 20)]
    erlang = analytic_staffing(dept, wl, interval=30, targets=target)
    plan = simulated_staffing(
        dept, wl, interval=30, targets=target, replications=8, seed=3, max_rounds=rounds
    )
    found = plan.verification
    assert found is not None
    assert not found.converged
    assert found.runs == rounds
    again = measure_staffing(dept, wl, plan, replications=4, seed=3)["desk"]
    assert [m.service_level if m else None for m in again] == [
        m.service_level if m else None for m in plan.units[0].queues[0].measured
    ]
    if rounds == 1:
        assert plan.units[0].on_duty == erlang.units[0].on_duty
