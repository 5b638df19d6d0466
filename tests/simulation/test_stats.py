"""The streaming accumulators: one histogram update, clipped to the histogram's bins, used by
both kernels."""

from __future__ import annotations

import bisect
import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cskh_org.simulation import Simulation, stats
from cskh_org.simulation.engine import Kernel
from cskh_org.simulation.stats import BINS_PER_E, Histogram, bin_of
from tests.simulation.conftest import exponential, one_stream_workload, one_unit_department


def test_a_time_beyond_the_last_bin_counts_in_the_last_bin() -> None:
    """Times longer than the histogram holds go to its last bin; zero and negative times to
    bin 0; every other time to the bin :func:`bin_of` names."""
    hist = Histogram()
    last = stats._TOP
    for seconds in (1e12, math.expm1(last / BINS_PER_E) * 10, -5.0, 0.0, 42.0):
        hist.add(seconds)
    assert hist.counts[last] == 2
    assert hist.counts[0] == 2
    assert hist.counts[bin_of(42.0)] == 1
    assert hist.n == 5
    assert bin_of(1e12) == last
    assert bin_of(-5.0) == 0
    for seconds in (0.5, 1.0, 59.9, 3600.0, 86_400.0 * 365):
        one = Histogram()
        one.add(seconds)
        assert one.counts[bin_of(seconds)] == 1


@pytest.mark.parametrize("kernel", ["fast", "general"])
def test_both_kernels_clip_times_to_the_histogram(
    kernel: Kernel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With histograms of 50 bins (times up to about 0.6 s), every wait and resolution of a
    run lands in range: each kernel counts times through the one clipped update (an
    unclipped copy would index past the end)."""
    monkeypatch.setattr(stats, "_SIZE", 50)
    monkeypatch.setattr(stats, "_TOP", 49)
    sim = Simulation(one_unit_department(2), one_stream_workload(40, exponential(200)), days=1)
    assert sim.fast
    run = sim.run(0, 7, kernel=kernel)
    (cs,) = run.classes.values()
    assert max(cs.first_response.counts) == max(cs.resolution.counts) == 49
    assert cs.resolution.n == cs.resolved > 0
    assert cs.resolution.counts[49] == cs.resolved  # every resolution took over 0.6 s
    assert cs.first_response.counts.total() == cs.first_response.n == cs.answered
    assert cs.first_response.counts[49] > 0


class _Dense:
    """The plain histogram: one count per bin, every bin kept (the reference)."""

    def __init__(self) -> None:
        self.counts = [0] * (stats._TOP + 1)
        self.n = 0

    def add(self, seconds: float) -> None:
        self.counts[bin_of(seconds)] += 1
        self.n += 1

    def quantile(self, q: float) -> float:
        running = list(itertools.accumulate(self.counts))
        return stats._bin_value(bisect.bisect_left(running, q * self.n))

    def share_at_most(self, seconds: float) -> float:
        return sum(self.counts[: bin_of(seconds) + 1]) / self.n


_TIMES = st.lists(
    st.one_of(
        st.just(0.0),
        st.floats(min_value=1e-6, max_value=1e13, allow_nan=False),
        st.sampled_from([1.0, 59.9, 60.0, 3600.0]),
    ),
    max_size=60,
)


@given(first=_TIMES, batch=_TIMES, other=_TIMES)
def test_a_histogram_keeps_only_the_bins_it_counted_and_reads_as_the_dense_one(
    first: list[float], batch: list[float], other: list[float]
) -> None:
    """Times added one by one, in a batch and merged from another histogram: the bins kept
    are exactly the ones counted, and every count, quantile and share equals the plain
    histogram's that keeps every bin."""
    hist, dense, more = Histogram(), _Dense(), Histogram()
    for seconds in first:
        hist.add(seconds)
    hist.add_all(batch)
    for seconds in other:
        more.add(seconds)
    hist.merge(more)
    everything = [*first, *batch, *other]
    for seconds in everything:
        dense.add(seconds)
    assert hist.n == len(everything)
    assert set(hist.counts) == {bin_of(s) for s in everything}
    assert all(hist.counts[i] == n for i, n in enumerate(dense.counts))
    if not everything:
        assert math.isnan(hist.quantile(0.5))
        return
    for q in (1e-9, 0.1, 0.5, 0.9, 0.95, 1.0):
        assert hist.quantile(q) == dense.quantile(q)
    for seconds in (0.0, *everything[:5], 1e12):
        assert hist.share_at_most(seconds) == dense.share_at_most(seconds)
