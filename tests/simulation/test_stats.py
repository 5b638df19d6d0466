"""The streaming accumulators: one histogram update, clipped to the histogram's bins, used by
both kernels."""

from __future__ import annotations

import math

import pytest

from cskh_org.simulation import Simulation, stats
from cskh_org.simulation.engine import Kernel
from cskh_org.simulation.stats import BINS_PER_E, Histogram, bin_of
from tests.simulation.conftest import exponential, one_stream_workload, one_unit_department


def test_a_time_beyond_the_last_bin_counts_in_the_last_bin() -> None:
    """Times longer than the histogram holds go to its last bin; zero and negative times to
    bin 0; every other time to the bin :func:`bin_of` names."""
    hist = Histogram()
    last = len(hist.counts) - 1
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
    assert len(cs.first_response.counts) == len(cs.resolution.counts) == 50
    assert cs.resolution.n == cs.resolved > 0
    assert cs.resolution.counts[49] == cs.resolved  # every resolution took over 0.6 s
    assert sum(cs.first_response.counts) == cs.first_response.n == cs.answered
    assert cs.first_response.counts[49] > 0
