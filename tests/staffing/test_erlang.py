"""Erlang B, C and A (:mod:`cskh_org.staffing.erlang`) against the issue's oracles and against
plain evaluations that share no formula with it (``tests/staffing/reference.py``)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.staffing import Queue, erlang_b, erlang_c
from tests.staffing.reference import (
    exact_erlang_b,
    exact_erlang_c,
    exact_service_level_c,
    tagged_erlang_a,
)
from tests.staffing.support import refused


def test_the_m_m_56_oracle() -> None:
    """λ = 1,000/h, 180 s: 56 agents give 0.8412 within 20 s, 55 give 0.7794."""
    queue = Queue(arrivals_per_hour=1000, handle_seconds=180)
    assert queue.load == 50.0
    assert queue.figures(56, 20).service_level == pytest.approx(0.8412, abs=5e-5)
    assert queue.figures(55, 20).service_level == pytest.approx(0.7794, abs=5e-5)


def test_the_erlang_a_oracle() -> None:
    """λ = 100/h, 4 min service, mean patience 1 min, 8 agents: P(abandon) = 0.11482."""
    figures = Queue(100, 240, patience_seconds=60).figures(8)
    assert figures.abandonment == pytest.approx(0.11482, abs=5e-6)


@pytest.mark.parametrize("agents", [1, 10, 50, 50 - 1])
def test_erlang_c_at_or_over_full_load_is_unstable(agents: int) -> None:
    figures = Queue(arrivals_per_hour=1000, handle_seconds=180).figures(agents)
    assert not figures.stable
    assert figures.service_level is None
    assert figures.asa is None
    assert figures.waiting is None
    assert erlang_c(agents, 50.0) is None


def test_no_arrivals_meet_every_target() -> None:
    for patience in (None, 60.0):
        figures = Queue(0, 180, patience).figures(3)
        assert figures.stable
        assert figures.service_level == 1.0
        assert figures.asa == 0.0


@settings(max_examples=40, deadline=None)
@given(
    load=st.floats(min_value=0.0, max_value=500.0, allow_subnormal=False),
    extra=st.integers(min_value=0, max_value=120),
)
def test_erlang_b_and_c_equal_the_exact_sums(load: float, extra: int) -> None:
    """To 1e-9 for loads up to 500 erlangs, agents from the load up to 120 more."""
    agents = max(1, math.floor(load) + extra)
    assert erlang_b(agents, load) == pytest.approx(exact_erlang_b(agents, load), abs=1e-9)
    if load < agents:
        c = erlang_c(agents, load)
        assert c is not None
        assert c == pytest.approx(exact_erlang_c(agents, load), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    load=st.floats(min_value=0.5, max_value=500.0, allow_subnormal=False),
    extra=st.integers(min_value=1, max_value=60),
    handle=st.floats(min_value=30.0, max_value=1800.0),
    within=st.floats(min_value=0.0, max_value=300.0),
)
def test_erlang_c_figures_equal_the_exact_ones(
    load: float, extra: int, handle: float, within: float
) -> None:
    agents = math.floor(load) + extra
    queue = Queue(load * 3600.0 / handle, handle)
    figures = queue.figures(agents, within)
    assert figures.stable
    assert figures.service_level == pytest.approx(
        exact_service_level_c(agents, queue.load, handle, within), abs=1e-9
    )
    c = exact_erlang_c(agents, queue.load)
    assert figures.asa == pytest.approx(c * handle / (agents - queue.load), rel=1e-9, abs=1e-9)
    assert figures.occupancy == pytest.approx(queue.load / agents, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    agents=st.integers(min_value=1, max_value=40),
    per_hour=st.floats(min_value=1.0, max_value=1200.0),
    handle=st.floats(min_value=30.0, max_value=900.0),
    patience=st.floats(min_value=10.0, max_value=600.0),
    within=st.floats(min_value=0.0, max_value=120.0),
)
def test_erlang_a_equals_the_tagged_arrivals_chain(
    agents: int, per_hour: float, handle: float, patience: float, within: float
) -> None:
    """Waiting, abandonment, service level and ASA to 1e-9 against the chain followed step
    by step, at any load (Erlang A is stable above full load too)."""
    figures = Queue(per_hour, handle, patience).figures(agents, within)
    wait, abandon, level, asa = tagged_erlang_a(
        agents, per_hour / 3600.0, 1.0 / handle, 1.0 / patience, within
    )
    assert figures.stable
    assert figures.waiting == pytest.approx(wait, abs=1e-9)
    assert figures.abandonment == pytest.approx(abandon, abs=1e-9)
    assert figures.service_level == pytest.approx(level, abs=1e-9)
    assert figures.asa == pytest.approx(asa, rel=1e-9, abs=1e-9)


def test_erlang_a_with_endless_patience_tends_to_erlang_c() -> None:
    c = Queue(1000, 180).figures(56, 20)
    a = Queue(1000, 180, patience_seconds=1e9).figures(56, 20)
    assert a.service_level == pytest.approx(c.service_level, abs=1e-6)
    assert a.asa == pytest.approx(c.asa, rel=1e-5)
    assert a.abandonment == pytest.approx(0.0, abs=1e-7)


def test_hundreds_of_agents_stay_finite() -> None:
    """Thousands of erlangs, no factorial: every figure a probability."""
    for patience in (None, 120.0):
        figures = Queue(72_000, 180, patience).figures(3_650, 20)
        assert figures.service_level is not None
        assert 0.0 <= figures.service_level <= 1.0
        assert figures.waiting is not None
        assert 0.0 <= figures.waiting <= 1.0


@pytest.mark.parametrize(
    ("build", "word"),
    [
        (lambda: Queue(-1, 180), "arrivals_per_hour"),
        (lambda: Queue(10, 0), "handle_seconds"),
        (lambda: Queue(10, math.nan), "handle_seconds"),
        (lambda: Queue(10, 180, 0), "patience_seconds"),
        (lambda: Queue(10, 180).figures(-1), "agents"),
        (lambda: Queue(10, 180).figures(3, math.inf), "answer_within"),
        (lambda: Queue(1e9, 180, 1e5).figures(3), "waiting tickets"),
        (lambda: erlang_b(3, -1.0), "load"),
    ],
)
def test_absurd_figures_are_refused_in_both_languages(
    build: Callable[[], object], word: str
) -> None:
    assert word in refused(build)
