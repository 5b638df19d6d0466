"""Analytic staffing of a department (:mod:`cskh_org.staffing.analytic`): each queue and
interval equals the one-queue answer of :func:`~cskh_org.staffing.fewest_agents`, closed hours
need no one, concurrency divides, the SLA's targets are met together, and the gap to today's
staff lines is counted."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.staffing import (
    AnswerSpeedTarget,
    Queue,
    ServiceLevelTarget,
    fewest_agents,
)
from cskh_org.staffing.analytic import Method, StaffingPlan, analytic_staffing
from tests.staffing.support import DEPARTMENT, refused, workload_text

OPEN = range(8 * 60, 17 * 60)  # Monday's opening, minutes of the week


@pytest.fixture(scope="module")
def dept() -> Department:
    return cskh_org.loads(DEPARTMENT, name="desk.yaml")


def _workload(dept: Department, **kwargs: Any) -> Workload:
    result = load_workload_text(workload_text(**kwargs), dept, name="week.yaml")
    assert all(f.code == "capacity-short" for f in result.findings), result.findings
    assert result.workload is not None
    return result.workload


def _queue(plan: StaffingPlan, channel: str):  # type: ignore[no-untyped-def]
    (unit,) = plan.units
    return next(q for q in unit.queues if q.channel == channel)


def test_each_open_interval_is_the_one_queue_answer(dept: Department) -> None:
    """Phones: Erlang A (they have a patience) for 80 % within 20 s; chats: Erlang C, three at
    once per agent; closed intervals need no one and their arrivals are counted."""
    plan = analytic_staffing(dept, _workload(dept), interval=30, per_channel=True)
    phone, chat = _queue(plan, "phone"), _queue(plan, "chat")
    assert phone.method is Method.ERLANG_A
    assert phone.patience == 180.0
    assert chat.method is Method.ERLANG_C
    assert chat.concurrency == 3
    assert phone.targets == (ServiceLevelTarget(0.8, 20.0),)
    want_phone = fewest_agents(Queue(400, 240, 180), phone.targets).agents
    want_chat = math.ceil(fewest_agents(Queue(120, 600), chat.targets).agents / 3)
    for k, start in enumerate(plan.starts()):
        is_open = start % (24 * 60) in range(8 * 60, 17 * 60) and start < 5 * 24 * 60
        assert phone.agents[k] == (want_phone if is_open else 0), start
        assert chat.agents[k] == (want_chat if is_open else 0), start
    # 24 − 9 open hours on weekdays, 48 at the weekend: the tickets that wait for the opening
    assert phone.closed_arrivals == pytest.approx(400 * (5 * 15 + 48))
    (unit,) = plan.units
    assert unit.on_duty[OPEN.start // 30] == want_phone + want_chat


@settings(max_examples=25, deadline=None)
@given(
    phone=st.floats(min_value=5.0, max_value=900.0),
    seconds=st.integers(min_value=60, max_value=900),
    patience=st.integers(min_value=30, max_value=900),
    hours=st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 2.0]), min_size=24, max_size=24),
    interval=st.sampled_from([15, 30, 60]),
)
def test_every_interval_equals_the_plain_erlang_answer(
    dept: Department,
    *,
    phone: float,
    seconds: int,
    patience: int,
    hours: list[float],
    interval: int,
) -> None:
    """Against a plain reference: each open interval's phones, at the hour's rate, staffed by
    counting agents up one at a time with the exact Erlang A figures until 80 % are answered
    within 20 s."""
    text = workload_text(
        phone_per_hour=phone, phone_seconds=seconds, patience_seconds=patience, hours=hours
    )
    result = load_workload_text(text, dept, name="week.yaml")
    assert result.workload is not None
    plan = analytic_staffing(dept, result.workload, interval=interval, per_channel=True)
    queue = _queue(plan, "phone")
    for k, start in enumerate(plan.starts()):
        day, minute = divmod(start, 24 * 60)
        rate = phone * hours[minute // 60]
        assert queue.arrivals[k] == pytest.approx(rate)
        if day >= 5 or not 8 * 60 <= minute < 17 * 60 or rate == 0:
            assert queue.agents[k] == 0
            continue
        n = 0
        while (Queue(rate, seconds, patience).figures(n, 20).service_level or 0) < 0.8:
            n += 1
        assert queue.agents[k] == n, (start, rate)


def test_the_tightest_sla_target_of_a_queue_binds(dept: Department) -> None:
    """Urgent phones (10 s) share the queue with normal ones (20 s): the queue meets both."""
    plan = analytic_staffing(dept, _workload(dept, urgent=0.1), interval=60, per_channel=True)
    phone = _queue(plan, "phone")
    assert phone.targets == (ServiceLevelTarget(0.8, 10.0), ServiceLevelTarget(0.8, 20.0))
    queue = Queue(400, 240, 180)
    both = fewest_agents(queue, phone.targets).agents
    assert both == fewest_agents(queue, [ServiceLevelTarget(0.8, 10.0)]).agents
    assert phone.agents[8] == both


def test_given_targets_and_occupancy_apply_to_every_queue(dept: Department) -> None:
    target = AnswerSpeedTarget(15.0)
    plan = analytic_staffing(
        dept,
        _workload(dept),
        targets=[target],
        max_occupancy=0.85,
        method="erlang-c",
        per_channel=True,
    )
    phone = _queue(plan, "phone")
    assert phone.method is Method.ERLANG_C
    assert phone.patience is None
    assert (
        phone.agents[OPEN.start // 30]
        == fewest_agents(Queue(400, 240), [target], max_occupancy=0.85).agents
    )


def test_a_unit_pools_its_channels_by_default(dept: Department) -> None:
    """One queue of phones and chats: 520 tickets an hour, each at the share of an agent it
    takes (a chat a third), Erlang C since chats have no patience; fewer agents than a queue
    per channel by Erlang C."""
    workload = _workload(dept)
    plan = analytic_staffing(dept, workload, interval=60)
    (unit,) = plan.units
    (queue,) = unit.queues
    assert queue.pooled
    assert queue.channels == ("chat", "phone")
    assert queue.method is Method.ERLANG_C
    assert queue.arrivals[8] == pytest.approx(520.0)
    handle = (400 * 240 + 120 * 600 / 3) / 520
    assert queue.handle[8] == pytest.approx(handle)
    want = fewest_agents(Queue(520, queue.handle[8]), queue.targets).agents
    assert unit.on_duty[8] == want
    apart = analytic_staffing(dept, workload, interval=60, per_channel=True, method="erlang-c")
    assert want < apart.units[0].on_duty[8]


def test_pooled_channels_with_patience_are_erlang_a(dept: Department) -> None:
    """Every channel with a patience: the pooled patience gives up at the arrivals' mean
    rate (phones 3 minutes, chats 10)."""
    text = workload_text().replace(
        "  phone: {kind: exponential, mean: 180s}",
        "  phone: {kind: exponential, mean: 180s}\n  chat: {kind: exponential, mean: 600s}",
    )
    result = load_workload_text(text, dept, name="week.yaml")
    assert result.workload is not None
    (queue,) = analytic_staffing(dept, result.workload).units[0].queues
    assert queue.method is Method.ERLANG_A
    assert queue.patience == pytest.approx(520 / (400 / 180 + 120 / 600))


def test_fte_and_the_gap_to_today(dept: Department) -> None:
    """On duty ÷ (1 − 20 %) scheduled; FTE over 48 hours; today 30 agents × 80 % on duty in
    every opening hour, so a load that needs more is short in exactly the open intervals."""
    plan = analytic_staffing(dept, _workload(dept, phone_per_hour=600), interval=15)
    (unit,) = plan.units
    assert unit.shrinkage == pytest.approx(0.2)
    assert unit.scheduled[OPEN.start // 15] == pytest.approx(unit.on_duty[OPEN.start // 15] / 0.8)
    assert unit.fte_needed == pytest.approx(math.fsum(unit.scheduled) * 0.25 / 48)
    assert unit.today[OPEN.start // 15] == pytest.approx(24.0)
    assert unit.today[0] == 0.0
    need = unit.on_duty[OPEN.start // 15]
    assert need > 24
    assert len(unit.short) == 5 * 9 * 4  # every open quarter hour of the week
    assert unit.fte_today == 30


def _without_first_response(dept: Department) -> Department:
    return cskh_org.loads(
        DEPARTMENT.replace("      first_response: 10s\n", "      resolution: 1h\n").replace(
            "    first_response: 20s\n", "    resolution: 8h\n"
        ),
        name="desk.yaml",
    )


@pytest.mark.parametrize(
    ("call", "word"),
    [
        (lambda d, w: analytic_staffing(d, w, interval=20), "20 minutes"),
        (lambda d, w: analytic_staffing(d, w, method="erlang-a"), "`chat`"),
        (lambda d, w: analytic_staffing(d, w, full_time_hours=0), "full_time_hours"),
        (lambda d, w: analytic_staffing(d, w, sla_share=1.5), "1.5"),
        (lambda d, w: analytic_staffing(_without_first_response(d), w), "unit `desk`"),
    ],
)
def test_what_cannot_be_staffed_is_said(dept: Department, call, word: str) -> None:  # type: ignore[no-untyped-def]
    workload = _workload(dept)
    assert word in refused(lambda: call(dept, workload))
