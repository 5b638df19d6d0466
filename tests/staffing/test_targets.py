"""The fewest agents for a queue's targets (:mod:`cskh_org.staffing.targets`): the issue's
oracle, and against counting up one agent at a time with the plain figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.staffing import (
    AbandonmentTarget,
    AnswerSpeedTarget,
    Queue,
    ServiceLevelTarget,
    Target,
    fewest_agents,
)
from tests.staffing.support import refused


def test_the_m_m_56_oracle_needs_56() -> None:
    """λ = 1,000/h, 180 s, 80 % within 20 s: 56 agents (55 give 0.7794)."""
    need = fewest_agents(Queue(1000, 180), [ServiceLevelTarget(0.8, 20)])
    assert need.agents == 56
    assert need.binding == "target 1"
    assert need.figures[0].service_level == pytest.approx(0.8412, abs=5e-5)


def test_an_occupancy_cap_can_bind() -> None:
    need = fewest_agents(Queue(1000, 180), [ServiceLevelTarget(0.8, 20)], max_occupancy=0.85)
    assert need.agents == 59  # 50 erlangs / 0.85 = 58.8
    assert need.binding == "occupancy"


def test_no_arrivals_need_no_agent() -> None:
    assert fewest_agents(Queue(0, 180), [ServiceLevelTarget(0.8, 20)]).agents == 0


def _counted_up(queue: Queue, targets: list[Target], cap: float | None) -> int:
    n = 0
    while True:
        figures = [queue.figures(n, t.within) for t in targets]
        busy = queue.figures(n).occupancy
        if all(t.met(f) for t, f in zip(targets, figures, strict=True)) and (
            cap is None or (busy is not None and busy <= cap)
        ):
            return n
        n += 1


_TARGETS = st.lists(
    st.one_of(
        st.builds(
            ServiceLevelTarget,
            st.floats(min_value=0.05, max_value=0.99),
            st.floats(min_value=0.0, max_value=120.0),
        ),
        st.builds(AnswerSpeedTarget, st.floats(min_value=1.0, max_value=300.0)),
        st.builds(AbandonmentTarget, st.floats(min_value=0.005, max_value=0.5)),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(
    per_hour=st.floats(min_value=1.0, max_value=2000.0),
    handle=st.floats(min_value=30.0, max_value=900.0),
    patience=st.one_of(st.none(), st.floats(min_value=10.0, max_value=900.0)),
    targets=_TARGETS,
    cap=st.one_of(st.none(), st.floats(min_value=0.5, max_value=1.0)),
)
def test_fewest_agents_equals_counting_up(
    per_hour: float, handle: float, patience: float | None, targets: list[Target], cap: float | None
) -> None:
    queue = Queue(per_hour, handle, patience)
    need = fewest_agents(queue, targets, max_occupancy=cap)
    assert need.agents == _counted_up(queue, targets, cap)
    assert all(t.met(f) for t, f in zip(targets, need.figures, strict=True))


@pytest.mark.parametrize(
    "build",
    [
        lambda: ServiceLevelTarget(1.0, 20),
        lambda: ServiceLevelTarget(0.8, -1),
        lambda: AbandonmentTarget(0.0),
        lambda: AnswerSpeedTarget(float("nan")),
        lambda: fewest_agents(Queue(10, 180), []),
        lambda: fewest_agents(Queue(10, 180), [AnswerSpeedTarget(10)], max_occupancy=1.5),
    ],
)
def test_impossible_targets_are_refused(build: Callable[[], object]) -> None:
    refused(build)
