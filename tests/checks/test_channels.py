"""The checks of channels and hand-offs as they are worked (issue 14, item 2): concurrency
names a channel, service times by channel and with after-contact work, number attributes
drawn from a distribution; and the capacity check's load, which divides a channel's work by
its concurrency, adds the wrap-up and follows the drawn numbers, checked against the
simulated busy time."""

from __future__ import annotations

import datetime
import math
import statistics
from typing import Any

import pytest
from pydantic import ValidationError

from cskh_org.checks.capacity import offered_load
from cskh_org.checks.references import resolve_references
from cskh_org.checks.workload import check_workload, points_at_key, reachable_holders
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation
from tests.simulation.conftest import START, exponential, fixed
from tests.simulation.test_channels import (
    LOGNORMAL,
    ORDER_VALUE,
    VIP_RULE,
    _department,
    _lognormal_above,
    _workload,
)


def _codes(workload: Workload, dept: Department) -> list[tuple[str, tuple[Any, ...]]]:
    return [(i.code, i.path) for i in check_workload(workload, dept)]


# -- concurrency -------------------------------------------------------------------------------


def test_concurrency_names_a_channel_of_the_department() -> None:
    """A concurrency key that is no channel is an unknown channel, at the key, with a
    did-you-mean, in both languages."""
    dept = _department(concurrency={"chatt": 3, "social": 2})
    [issue] = [i for i in resolve_references(dept) if i.code == "unknown-channel"]
    assert issue.path == ("units", 0, "concurrency", "chatt")
    assert "did you mean `chat`?" in issue.message
    assert issue.message_vi != issue.message


@pytest.mark.parametrize("value", [0, 51, 2.5])
def test_concurrency_is_a_whole_number_from_1_to_50(value: object) -> None:
    with pytest.raises(ValidationError):
        _department(concurrency={"chat": value})  # type: ignore[dict-item]


# -- service times by channel ---------------------------------------------------------------------


def test_a_service_channel_must_be_a_channel() -> None:
    """`channel: chatt` is a wrong value at the service entry's `channel`."""
    service = [
        {"unit": "desk", "channel": "chatt", "time": fixed(60)},
        {"unit": "desk", "time": fixed(60)},
    ]
    found = check_workload(_workload(1, service, attributes={"channel": "chat"}), _department())
    [issue] = [i for i in found if i.code == "workload-attribute-value"]
    assert issue.path == ("service", 0, "channel")
    assert "did you mean `chat`?" in issue.message


def test_duplicates_are_the_same_unit_category_and_channel() -> None:
    """A unit's time for every channel and its time for chat are two entries; two times for
    chat are a duplicate, reported at the second's `channel`."""
    service = [
        {"unit": "desk", "time": fixed(60)},
        {"unit": "desk", "channel": "chat", "time": fixed(90)},
        {"unit": "desk", "channel": "chat", "time": fixed(120)},
    ]
    found = check_workload(_workload(1, service, attributes={"channel": "chat"}), _department())
    [issue] = [i for i in found if i.code == "workload-duplicate-service"]
    assert issue.path == ("service", 2, "channel")
    assert "service[1] already gives unit `desk` a time for every category on channel `chat`" in (
        issue.message
    )


def test_a_unit_with_times_by_channel_needs_one_for_every_channel_it_gets() -> None:
    """A desk with a chat time only, and phone tickets reach it: no handling time for them,
    named by channel."""
    service = [{"unit": "desk", "channel": "chat", "time": fixed(60)}]
    workload = _workload(1, service, mix={"channel": {"chat": 1, "phone": 1}})
    [issue] = [i for i in check_workload(workload, _department()) if i.code.startswith("workload")]
    assert issue.code == "workload-no-service-time"
    assert "(categories: (none) on phone;" in issue.message
    covered = [*service, {"unit": "desk", "channel": "phone", "time": fixed(60)}]
    assert (
        _codes(_workload(1, covered, mix={"channel": {"chat": 1, "phone": 1}}), _department()) == []
    )


# -- numbers drawn -----------------------------------------------------------------------------


def _vip_department() -> Department:
    return _department(extra_units=["vip_desk"], rules=[VIP_RULE], schema=ORDER_VALUE)


SERVICE = [{"unit": u, "time": exponential(60)} for u in ("desk", "vip_desk")]


def test_a_drawn_number_reaches_the_units_its_rules_send_it_to() -> None:
    """Only large drawn orders reach the vip desk; without a time for it, that is reported."""
    workload = _workload(
        1, SERVICE, attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL}
    )
    assert set(reachable_holders(workload, _vip_department())) == {"desk", "vip_desk"}
    small = {"kind": "uniform", "low": 0, "high": 1000}
    quiet = _workload(1, SERVICE, attributes={"channel": "phone"}, draw={"order_value": small})
    assert set(reachable_holders(quiet, _vip_department())) == {"desk"}
    lacking = _workload(
        1, SERVICE[:1], attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL}
    )
    assert _codes(lacking, _vip_department()) == [("workload-no-service-time", ("streams", 0))]


def test_draw_names_a_number_attribute() -> None:
    """An unknown drawn attribute, and one that is not a number, are reported at the key."""
    workload = _workload(
        1,
        SERVICE,
        attributes={"channel": "phone"},
        draw={"order_valu": LOGNORMAL, "channel_": LOGNORMAL},
    )
    found = check_workload(workload, _vip_department())
    unknown = [i for i in found if i.code == "workload-unknown-attribute"]
    assert [i.path for i in unknown] == [
        ("streams", 0, "draw", "channel_"),
        ("streams", 0, "draw", "order_valu"),
    ]
    assert all(points_at_key(i) for i in unknown)
    enum = Workload.model_validate(
        {
            "id": "w",
            "start": START,
            "streams": [{"id": "s", "rate": 1, "draw": {"channel": LOGNORMAL}}],
            "service": SERVICE,
        }
    )
    [issue] = [
        i for i in check_workload(enum, _vip_department()) if i.code == "workload-attribute-value"
    ]
    assert issue.path == ("streams", 0, "draw", "channel")
    assert "draws numbers only" in issue.message
    assert points_at_key(issue)


def test_a_required_number_may_be_drawn() -> None:
    """A drawn attribute counts as the stream's: a required one is not missing."""
    required = {"order_value": {**ORDER_VALUE["order_value"], "required": True}}
    dept = _department(extra_units=["vip_desk"], rules=[VIP_RULE], schema=required)
    drawn = _workload(1, SERVICE, attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL})
    assert _codes(drawn, dept) == []
    missing = _workload(1, SERVICE, attributes={"channel": "phone"})
    assert ("workload-missing-attribute", ("streams", 0, "attributes")) in _codes(missing, dept)


def test_a_distribution_past_the_schema_s_bounds_is_a_warning() -> None:
    """A quarter of a uniform draw below the minimum 0 is clipped to it: a warning naming the
    share and the bound; a lognormal (never below 0) is not."""
    spread = {"kind": "uniform", "low": -1000000, "high": 3000000}
    workload = _workload(1, SERVICE, attributes={"channel": "phone"}, draw={"order_value": spread})
    [issue] = check_workload(workload, _vip_department())
    assert issue.code == "workload-draw-clipped"
    assert issue.path == ("streams", 0, "draw", "order_value")
    assert "puts 25.0% of its values outside the ticket schema's bounds (≥ 0)" in issue.message
    fine = _workload(1, SERVICE, attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL})
    assert check_workload(fine, _vip_department()) == []


def test_the_model_refuses_a_number_both_fixed_and_drawn_and_an_empty_range() -> None:
    with pytest.raises(ValidationError, match="is both in `attributes` and drawn in `draw`"):
        _workload(
            1,
            SERVICE,
            attributes={"channel": "phone", "order_value": 1},
            draw={"order_value": LOGNORMAL},
        )
    with pytest.raises(ValidationError, match=r"`high` .* must be above `low`"):
        _workload(1, SERVICE, draw={"order_value": {"kind": "uniform", "low": 5, "high": 5}})


# -- the capacity check ----------------------------------------------------------------------


def test_the_load_divides_by_concurrency_adds_wrap_up_and_uses_the_channel_s_time() -> None:
    """Chats of 9 minutes held three at once, calls of 4 minutes plus 2 of wrap-up: the
    desk's load per hour is chats × 9/60 ÷ 3 + calls × 6/60."""
    service = [
        {"unit": "desk", "time": fixed(240), "after_work": fixed(120)},
        {"unit": "desk", "channel": "chat", "time": fixed(540)},
    ]
    workload = _workload(10, service, mix={"channel": {"chat": 3, "phone": 1}})
    loads, _ = offered_load(workload, _department(concurrency={"chat": 3}))
    assert loads["desk"].load[0] == pytest.approx(7.5 * 9 / 60 / 3 + 2.5 * 6 / 60)


def test_the_load_of_a_drawn_number_is_its_share() -> None:
    """The vip desk's load is the rate × the share of order values of 5 M or more × its time
    (the values are whole numbers: those from 4,999,999.5 up round to 5 M or more)."""
    workload = _workload(
        10, SERVICE, attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL}
    )
    loads, _ = offered_load(workload, _vip_department())
    share = _lognormal_above(4_999_999.5, 2_000_000, 1_500_000)
    assert loads["vip_desk"].load[0] == pytest.approx(10 * share / 60, rel=1e-9)
    assert loads["desk"].load[0] == pytest.approx(10 * (1 - share) / 60, rel=1e-9)


def test_the_static_load_of_concurrent_work_is_the_simulated_busy_time() -> None:
    """Agents enough that nobody waits, chats held two at once next to calls with wrap-up
    (the desk shares capacity): the simulated busy capacity over a week is the static load
    summed over its hours (within 3 SE)."""
    service = [
        {"unit": "desk", "time": exponential(240), "after_work": exponential(120)},
        {"unit": "desk", "channel": "chat", "time": exponential(540)},
    ]
    workload = _workload(30, service, mix={"channel": {"chat": 2, "phone": 1}})
    dept = _department(servers=40, concurrency={"chat": 2})
    loads, _ = offered_load(workload, dept)
    simulation = Simulation(dept, workload, days=8, warmup=datetime.timedelta(days=1))
    assert simulation.units["desk"].capacity == 2
    runs = [simulation.run(r, 7) for r in range(20)]
    busy = [run.units["desk"].busy for run in runs]
    mean, se = statistics.fmean(busy), statistics.stdev(busy) / math.sqrt(len(busy))
    exact = sum(loads["desk"].load) * 3600
    assert abs(mean - exact) <= 3 * se, (mean, exact, se)
