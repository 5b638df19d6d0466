"""What the general kernel keeps out of its per-ticket path gives the same figures: times added
to the histograms a batch at a time, and lognormal times drawn from a generator."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.loading import validate
from cskh_org.loading.workload import load_workload
from cskh_org.model.workload import Lognormal
from cskh_org.simulation import Simulation
from cskh_org.simulation.distributions import sampler
from cskh_org.simulation.stats import ClassKey, Histogram, TicketRecord

ROOT = Path(__file__).resolve().parents[2]

_times = st.one_of(
    st.just(0.0),
    st.floats(min_value=0.0, max_value=1e12, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_times, max_size=300), st.lists(_times, max_size=50))
def test_add_all_is_add_one_by_one(first: list[float], then: list[float]) -> None:
    """A batch adds the same bins, count and floating-point sums as adding each time in
    order, onto a histogram that already holds times or not."""
    one, batched = Histogram(), Histogram()
    for values in (first, then):
        for x in values:
            one.add(x)
        batched.add_all(list(values))
    assert batched.counts == one.counts
    assert (batched.n, batched.total, batched.squares) == (one.n, one.total, one.squares)


def _box_muller(mu: float, sigma: float, uniform: Callable[[], float]) -> Callable[[], float]:
    """The plain reference: two normal deviates per pair of uniforms, the second kept."""
    spare: list[float] = []

    def draw() -> float:
        if spare:
            return spare.pop()
        radius = math.sqrt(-2.0 * math.log(1.0 - uniform())) * sigma
        angle = 2.0 * math.pi * uniform()
        spare.append(math.exp(mu + radius * math.sin(angle)))
        return math.exp(mu + radius * math.cos(angle))

    return draw


@settings(max_examples=50, deadline=None)
@given(
    st.integers(0, 2**32),
    st.integers(1, 100_000),
    st.integers(1, 100_000),
    st.integers(1, 40),
)
def test_lognormal_draws_are_box_muller_draw_for_draw(
    seed: int, mean: int, sd: int, n: int
) -> None:
    dist = Lognormal.model_validate({"kind": "lognormal", "mean": f"{mean}s", "sd": f"{sd}s"})
    m, s = dist.mean.total_seconds(), dist.sd.total_seconds()
    sigma = math.sqrt(math.log1p((s / m) ** 2))
    reference = _box_muller(math.log(m) - sigma * sigma / 2, sigma, random.Random(seed).random)
    draw = sampler(dist, random.Random(seed))
    assert [draw() for _ in range(n)] == [reference() for _ in range(n)]


def test_batched_histograms_hold_every_ticket_of_a_long_run() -> None:
    """Over more than one batch (4,096 arrivals) of the growing example, each class's
    histograms count exactly the waits and times to resolution its records show: the
    resolutions added in the order they happened (so the sums to the bit), the first
    responses the same counts."""
    folder = ROOT / "examples" / "growing"
    department = validate(folder / "department.yaml").unwrap()
    workload = load_workload(folder / "workload.yaml", department).unwrap()
    sim = Simulation(department, workload, days=28.0)
    records: list[TicketRecord] = []
    run = sim.run(0, 11, records=records.append)
    assert run.arrived_total > 2 * 4096
    waits: dict[ClassKey, Histogram] = {}
    spents: dict[ClassKey, Histogram] = {}
    for r in records:
        if r.arrived < sim.warmup or r.outcome == "contained":
            continue
        key = ClassKey(r.unit, r.channel, r.priority, r.tier)
        if r.first_response is not None:
            waits.setdefault(key, Histogram()).add(r.first_response - r.arrived)
        if r.outcome == "resolved":
            assert r.closed is not None
            spents.setdefault(key, Histogram()).add(r.closed - r.arrived)
    for key, cs in run.classes.items():
        expected = waits.get(key, Histogram())
        assert cs.first_response.counts == expected.counts
        assert cs.first_response.n == expected.n == cs.answered
        assert math.isclose(cs.first_response.total, expected.total, rel_tol=1e-9)
        resolved = spents.get(key, Histogram())
        assert cs.resolution.counts == resolved.counts
        assert (cs.resolution.n, cs.resolution.total) == (resolved.n, resolved.total)
        assert cs.resolution.n == cs.resolved
    assert sum(cs.resolution.n for cs in run.classes.values()) > 4096
