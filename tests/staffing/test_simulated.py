"""Simulation-verified staffing (:mod:`cskh_org.staffing.simulated`): equal to the exact
Erlang answer for a stationary one-unit department, within 3 points of the target on the
issue's ramp (measured again with other seeds), and the staffing hook of the simulation
(:class:`~cskh_org.simulation.plan.Plan`'s ``staffing``) puts on duty exactly the agents asked."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.errors import SimulationError
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation
from cskh_org.staffing import Queue, ServiceLevelTarget, fewest_agents
from cskh_org.staffing.analytic import Method, analytic_staffing
from cskh_org.staffing.simulated import measure_staffing, simulated_staffing
from tests.staffing.stationary import RAMP, department, workload
from tests.staffing.support import refused

HOUR = 3600.0


def _load(dept: Department, text: str) -> Workload:
    result = load_workload_text(text, dept, name="week.yaml")
    assert result.workload is not None, result.findings
    return result.workload


@pytest.fixture(scope="module")
def always() -> Department:
    return cskh_org.loads(department(), name="desk.yaml")


@pytest.mark.parametrize("patience", [None, 60.0])
def test_a_stationary_desk_needs_the_exact_erlang_answer(
    always: Department, patience: float | None
) -> None:
    """120 calls an hour of 30 s (one erlang), 83 % answered within 5 s, every hour of the
    week: Erlang C (no patience) and Erlang A (a mean patience of 1 minute) both need 3
    agents, and 2 are far below the target (C: 0.718, 0.935; A: 0.769, 0.941), so the noise
    of 8 replications of about 120 calls an interval cannot flip it; every one of the 168
    intervals comes out at exactly 3."""
    wl = _load(always, workload(per_hour=120, seconds=30, patience=patience))
    target = ServiceLevelTarget(0.83, 5)
    queue = Queue(120, 30, patience)
    exact = fewest_agents(queue, [target])
    assert exact.agents == 3
    low = queue.figures(2, 5).service_level
    high = queue.figures(3, 5).service_level
    assert low is not None
    assert high is not None
    assert low < 0.78
    assert high > 0.93
    plan = simulated_staffing(always, wl, interval=60, targets=[target], replications=8, seed=3)
    assert plan.method is Method.SIMULATION
    assert plan.verification is not None
    assert plan.verification.converged
    (unit,) = plan.units
    assert unit.on_duty == (3,) * 168
    (q,) = unit.queues
    assert q.method is (Method.ERLANG_C if patience is None else Method.ERLANG_A)
    assert all(m is not None and m.met for m in q.measured)
    assert all(m is not None and m.tickets > 100 for m in q.measured)


def test_the_ramp_stays_within_3_points_and_erlang_misses_by_more() -> None:
    """The issue's ramp (20/h at 07:00, 110/h at 08:00, 200/h from 09:00 to 19:00, on a
    Monday; 4-minute calls; 80 % within 20 s): measured again with 40 replications of
    another seed, every interval of the verified staffing is at least 77 %; the
    period-by-period Erlang answer falls further below the target."""
    dept = cskh_org.loads(department("07:00-19:00"), name="ramp.yaml")
    wl = _load(dept, workload(per_hour=200, seconds=240, factors=RAMP, mondays=True))
    target = [ServiceLevelTarget(0.8, 20)]
    erlang = analytic_staffing(dept, wl, interval=30, targets=target)
    verified = simulated_staffing(dept, wl, interval=30, targets=target, replications=30, seed=3)
    fresh = measure_staffing(dept, wl, verified, replications=40, seed=99)["desk"]
    before = measure_staffing(dept, wl, erlang, replications=40, seed=99)["desk"]
    levels = [m.service_level for m in fresh if m is not None and m.service_level is not None]
    erlang_levels = [
        m.service_level for m in before if m is not None and m.service_level is not None
    ]
    assert len(levels) == len(erlang_levels) == 24  # Monday 07:00-19:00
    assert min(levels) >= 0.8 - 0.03
    assert 0.8 - min(erlang_levels) > 0.8 - min(levels)


def test_more_replications_and_workers_give_the_same_plan(always: Department) -> None:
    """Replications in two processes give the plan of one process (the same seeds)."""
    wl = _load(always, workload(per_hour=20, seconds=120))
    args = {"interval": 60, "targets": [ServiceLevelTarget(0.8, 20)], "replications": 2}
    one = simulated_staffing(always, wl, seed=5, **args)  # type: ignore[arg-type]
    two = simulated_staffing(always, wl, seed=5, workers=2, **args)  # type: ignore[arg-type]
    assert one.units[0].on_duty == two.units[0].on_duty
    assert one.units[0].queues[0].measured == two.units[0].queues[0].measured


@pytest.mark.parametrize(
    ("options", "word"),
    [
        ({"replications": 1}, "`replications` must be a whole number from 2"),
        ({"workers": 0}, "`workers` must be a whole number from 1"),
        ({"seed": True}, "the seed must be a whole number"),
        ({"confidence": 1.0}, "the confidence must be a share"),
        ({"interval": 20}, "an interval of 20 minutes"),
    ],
)
def test_what_cannot_be_searched_is_refused(
    always: Department, options: dict[str, object], word: str
) -> None:
    wl = _load(always, workload(per_hour=20, seconds=120))
    text = refused(
        lambda: simulated_staffing(
            always,
            wl,
            targets=[ServiceLevelTarget(0.8, 20)],
            **options,  # type: ignore[arg-type]
        )
    )
    assert word in text
    assert "simulated_staffing" in refused(
        lambda: analytic_staffing(always, wl, method="simulation")
    )


def _on_duty(sim: Simulation, unit: str, interval: int) -> list[float]:
    """Agents on duty in each interval of the first week, from the groups' timetables."""
    out = []
    for k in range(7 * 24 * 60 // interval):
        a, b = k * interval * 60.0, (k + 1) * interval * 60.0
        on = 0.0
        for g in sim.units[unit].groups:
            worked = b - a if g.timetable is None else g.timetable.open_time(a, b)
            on += g.agents * worked / (b - a)
        out.append(on)
    return out


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from([60, 120, 360]).flatmap(
        lambda n: st.lists(st.integers(0, 4), min_size=n, max_size=n)
    )
)
def test_the_staffing_hook_puts_on_duty_exactly_the_counts(counts: list[int]) -> None:
    """Against a plain reference (each interval's open time of every group): the agents on
    duty in each interval of the week are the counts asked, whatever their shape."""
    dept = cskh_org.loads(department(), name="desk.yaml")
    wl = _load(dept, workload(per_hour=10, seconds=60))
    if not any(counts):
        counts[0] = 1
    sim = Simulation(dept, wl, days=7, staffing={"desk": counts})
    interval = 7 * 24 * 60 // len(counts)
    assert [round(x, 9) for x in _on_duty(sim, "desk", interval)] == [float(c) for c in counts]
    assert sum(g.agents for g in sim.units["desk"].groups) == max(counts)


@pytest.mark.parametrize("counts", [[], [1] * 11, [1, -1] * 168, [1.5] * 336])
def test_the_staffing_hook_refuses_what_is_not_a_week_of_counts(counts: list[int]) -> None:
    dept = cskh_org.loads(department(), name="desk.yaml")
    wl = _load(dept, workload(per_hour=10, seconds=60))
    with pytest.raises(SimulationError, match="agents on duty of unit `desk`"):
        Simulation(dept, wl, days=7, staffing={"desk": counts})


def test_the_staffing_hook_runs_and_follows_the_local_clock() -> None:
    """Agents on duty only on Monday 08:00-09:00 local time answer Monday's 08:00 calls;
    calls after 09:00 wait for next Monday (the simulated period ends first)."""
    dept = cskh_org.loads(department(), name="desk.yaml")
    wl = _load(dept, workload(per_hour=30, seconds=60))
    counts = [0] * 168
    counts[8] = 2
    sim = Simulation(dept, wl, days=2, staffing={"desk": counts})
    answered: list[float] = []
    sim.run(0, 1, records=lambda r: answered.append(r.first_response or math.inf))
    starts = sorted(t for t in answered if math.isfinite(t))
    assert starts
    assert starts[0] >= 8 * HOUR
    assert starts[-1] < 9 * HOUR + 1


def test_a_per_channel_plan_cannot_be_measured(always: Department) -> None:
    wl = _load(always, workload(per_hour=20, seconds=120))
    plan = analytic_staffing(always, wl, targets=[ServiceLevelTarget(0.8, 20)], per_channel=True)
    assert "--per-channel" in refused(lambda: measure_staffing(always, wl, plan))
