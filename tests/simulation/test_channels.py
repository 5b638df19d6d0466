"""Channels and hand-offs as they are worked (issue 14, item 2): concurrency per channel,
handling time by channel, after-contact work, number attributes drawn from a distribution.

Against exact values: one chat agent holding ``N`` chats at once is an M/M/N queue (Erlang
C, three standard errors over the replications), on the streamlined kernel, on the general
kernel's priority stations and on its shared-capacity stations alike; tickets of different
weights never take more than an agent's capacity and never wait while there is room for them
(the per-ticket records, with fixed handling times); after-contact work keeps the agent busy
(the Kiefer–Wolfowitz recursion on handling plus wrap-up) while the ticket is resolved at the
end of its handling; a routing rule on a drawn number gets the share of tickets the
distribution puts past its threshold.
"""

from __future__ import annotations

import datetime
import math
import random
import statistics
from collections.abc import Sequence
from typing import Any

import pytest

from cskh_org.errors import SimulationError
from cskh_org.model import Department
from cskh_org.model.workload import (
    NumberEmpirical,
    NumberFixed,
    NumberLognormal,
    NumberUniform,
    Workload,
)
from cskh_org.routing.numbers import drawn_regions
from cskh_org.simulation import Simulation
from cskh_org.simulation.stats import ReplicationStats, TicketRecord
from tests.simulation.conftest import FUNCTIONS, NEVER, START, exponential, fixed, pooled
from tests.simulation.oracles import erlang_c, kiefer_wolfowitz
from tests.simulation.test_oracles import _within_3se

WARMUP = datetime.timedelta(days=1)


def _department(
    *,
    servers: int = 1,
    concurrency: dict[str, int] | None = None,
    channels: Sequence[str] = ("chat", "phone", "social"),
    queues: bool = False,
    extra_units: Sequence[str] = (),
    rules: Sequence[dict[str, Any]] = (),
    schema: dict[str, Any] | None = None,
) -> Department:
    """A desk of ``servers`` agents, every ticket routed to it (or by ``rules`` to the
    ``extra_units``, one agent each); with ``queues`` a never-drawn category raises the
    priority, so the desk keeps priority queues (see ``one_unit_department``)."""
    attributes: dict[str, Any] = {
        "channel": {"type": "enum", "required": True, "values": list(channels)},
        **(schema or {}),
    }
    routing: dict[str, Any] = {"default": {"unit": "desk"}, "rules": list(rules)}
    if queues:
        attributes["category"] = {"type": "enum", "values": ["common", "rare"]}
        attributes["priority"] = {"type": "enum", "values": ["normal", "high"]}
        routing["rules"].append(
            {
                "id": "rare_first",
                "when": {"category": "rare"},
                "to": {"unit": "desk", "priority": 1},
            }
        )

    def unit(uid: str, n: int, parent: str | None) -> dict[str, Any]:
        found: dict[str, Any] = {
            "id": uid,
            "name": uid,
            "head": "agent",
            "functions": list(FUNCTIONS),
            "channels": list(channels),
            "concurrency": concurrency or {},
            "staff": [{"role": "agent", "headcount": n}],
        }
        if parent is not None:
            found["parent"] = parent
        return found

    return Department.model_validate(
        {
            "id": "channels",
            "name": "Channels",
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": "Agent", "monthly_cost": "10000000 VND"}],
            "units": [unit("desk", servers, None)] + [unit(u, 1, "desk") for u in extra_units],
            "ticket_schema": {"attributes": attributes},
            "routing": routing,
        }
    )


def _workload(
    rate: float,
    service: Sequence[dict[str, Any]],
    *,
    attributes: dict[str, Any] | None = None,
    mix: dict[str, Any] | None = None,
    draw: dict[str, Any] | None = None,
) -> Workload:
    stream: dict[str, Any] = {"id": "s", "rate": rate, "attributes": attributes or {}}
    if mix:
        stream["mix"] = mix
    if draw:
        stream["draw"] = draw
    return Workload.model_validate(
        {"id": "w", "start": START, "streams": [stream], "service": list(service)}
    )


def _p_wait(run: ReplicationStats) -> float:
    p = pooled(run)
    return 1 - p.first_response.counts[0] / p.first_response.n


def _records(simulation: Simulation, seed: int = 1) -> list[TicketRecord]:
    records: list[TicketRecord] = []
    simulation.run(0, seed, records=records.append)
    return sorted(records, key=lambda r: (r.arrived, r.ticket))


# -- concurrency -------------------------------------------------------------------------------

N = 3
MEAN = 600.0
LOAD = 2.4
"""Erlangs of chat: 80 % of one agent's three chats."""
CHATS = LOAD * 3600 / MEAN


@pytest.fixture(scope="module", params=["streamlined", "queues", "shared"])
def chat_runs(request: pytest.FixtureRequest) -> tuple[str, Simulation, list[ReplicationStats]]:
    """One agent holding three chats at 80 %: on the streamlined kernel (every ticket a chat:
    three slots), on priority queues (slotted agents), and sharing capacity (phone tickets,
    weight 1, may come, drawn about once in 10¹² tickets, so the station keeps each agent's
    capacity in use exactly)."""
    kind = request.param
    service = [{"unit": "desk", "time": exponential(MEAN)}]
    if kind == "streamlined":
        dept = _department(concurrency={"chat": N})
        workload = _workload(CHATS, service, attributes={"channel": "chat"})
    elif kind == "queues":
        dept = _department(concurrency={"chat": N}, queues=True)
        mix = {"category": {"common": 1, "rare": NEVER}}
        workload = _workload(CHATS, service, attributes={"channel": "chat"}, mix=mix)
    else:
        dept = _department(concurrency={"chat": N})
        workload = _workload(CHATS, service, mix={"channel": {"chat": 1, "phone": NEVER}})
    simulation = Simulation(dept, workload, days=4, warmup=WARMUP)
    return kind, simulation, [simulation.run(r, 2027) for r in range(30)]


def test_the_station_is_compiled_for_its_channels(
    chat_runs: tuple[str, Simulation, list[ReplicationStats]],
) -> None:
    """Chats alone make three slots per agent (the streamlined kernel may run it); a phone
    ticket that may come makes the agents share a capacity of 3 units, a chat taking 1."""
    kind, simulation, _ = chat_runs
    desk = simulation.units["desk"]
    if kind == "shared":
        assert (desk.slots, desk.capacity, dict(desk.weights)) == (1, 3, {"chat": 1})
        assert not desk.fifo
        assert not simulation.fast
    else:
        assert (desk.slots, desk.capacity) == (N, 0)
        assert simulation.fast is (kind == "streamlined")


def test_one_agent_holding_n_chats_is_an_mmn_queue(
    chat_runs: tuple[str, Simulation, list[ReplicationStats]],
) -> None:
    """The probability that a chat waits is Erlang C with N servers (issue 14, "Done
    when"), whichever way the station is run."""
    _, _, runs = chat_runs
    _within_3se("P(wait)", [_p_wait(r) for r in runs], erlang_c(N, LOAD), runs)


def test_utilisation_of_a_concurrent_unit_is_busy_capacity_over_available(
    chat_runs: tuple[str, Simulation, list[ReplicationStats]],
) -> None:
    """Each chat takes a third of the agent: the agent is busy the offered load ÷ N, and
    its time at work is counted once (one agent, not three)."""
    _, _, runs = chat_runs
    for run in runs:
        assert run.units["desk"].available == pytest.approx(run.window)
    utilisation = [r.units["desk"].busy / r.units["desk"].available for r in runs]
    _within_3se("utilisation", utilisation, LOAD / N, runs)


def test_the_three_ways_give_the_same_waits() -> None:
    """With only chats arriving, slots and shared capacity are the same rule: identical
    waits, ticket by ticket (the same random draws)."""
    service = [{"unit": "desk", "time": exponential(MEAN)}]
    slotted = Simulation(
        _department(concurrency={"chat": N}),
        _workload(CHATS, service, mix={"channel": {"chat": 1}}),
        days=2,
    )
    shared = Simulation(
        _department(concurrency={"chat": N}),
        _workload(CHATS, service, mix={"channel": {"chat": 1, "phone": NEVER}}),
        days=2,
    )
    assert shared.units["desk"].capacity
    assert slotted.units["desk"].slots == N
    left = [(r.arrived, r.first_response, r.closed) for r in _records(slotted)]
    right = [(r.arrived, r.first_response, r.closed) for r in _records(shared)]
    assert left == right
    assert len(left) > 500


def _in_use(records: Sequence[TicketRecord], weight: dict[str, float], at: float) -> float:
    """The capacity the tickets in service at ``at`` (just after it) take (a ticket still
    open at the end is in service to the end)."""
    return sum(
        weight[r.channel]
        for r in records
        if r.first_response is not None
        and r.first_response <= at < (math.inf if r.closed is None else r.closed)
    )


def test_shared_capacity_is_never_exceeded_and_never_left_idle() -> None:
    """One agent, chats at 1/2 and phone calls at 1 (handling 9 and 4 minutes, by channel):
    at every start the tickets in service take at most the agent's capacity, and a waiting
    ticket, at its arrival and at every end during its wait, finds no room for itself
    (work that fits is never left waiting: a call waits for the agent to be free, and chats
    that fit are passed on before it)."""
    dept = _department(concurrency={"chat": 2})
    service = [
        {"unit": "desk", "time": fixed(240)},
        {"unit": "desk", "channel": "chat", "time": fixed(540)},
    ]
    workload = _workload(12, service, mix={"channel": {"chat": 2, "phone": 1}})
    simulation = Simulation(dept, workload, days=2)
    assert simulation.units["desk"].capacity == 2
    records = _records(simulation)
    weight = {"chat": 0.5, "phone": 1.0}
    ends = sorted(r.closed for r in records if r.closed is not None)
    waited = passed_over = 0
    for r in records:
        if r.first_response is None:
            continue
        handling = 540 if r.channel == "chat" else 240
        if r.closed is not None:
            assert r.closed - r.first_response == pytest.approx(handling)  # by channel
        assert _in_use(records, weight, r.first_response) <= 1 + 1e-9
        if r.first_response > r.arrived:
            waited += 1
            moments = [r.arrived] + [e for e in ends if r.arrived < e < r.first_response]
            for at in moments:
                assert _in_use(records, weight, at) + weight[r.channel] > 1 + 1e-9
            passed_over += any(
                o.channel == "chat"
                and r.arrived < o.arrived
                and o.first_response is not None
                and o.first_response < r.first_response
                for o in records
            )
    assert waited > 100
    assert passed_over > 10  # calls waited while later chats that fitted were answered


@pytest.mark.parametrize("shared", [False, True])
def test_follow_ups_take_the_capacity_of_their_ticket_s_channel(shared: bool) -> None:
    """A follow-up of a chat is a chat: with every ticket followed up, one agent holding two
    chats is busy twice the chats' handling ÷ 2 (slotted, or sharing capacity with calls
    that may come)."""
    dept = _department(concurrency={"chat": 2})
    stream: dict[str, Any] = {"id": "s", "rate": 2, "attributes": {"channel": "chat"}}
    if shared:
        stream = {"id": "s", "rate": 2, "mix": {"channel": {"chat": 1, "phone": NEVER}}}
    workload = Workload.model_validate(
        {
            "id": "w",
            "start": START,
            "streams": [stream],
            "service": [{"unit": "desk", "time": fixed(300)}],
            "follow_up": {"probability": 1, "delay": "1m", "time": fixed(300)},
        }
    )
    simulation = Simulation(dept, workload, days=3, warmup=WARMUP)
    desk = simulation.units["desk"]
    assert (desk.slots, desk.capacity) == ((1, 2) if shared else (2, 0))
    runs = [simulation.run(r, 5) for r in range(20)]
    utilisation = [r.units["desk"].busy / r.units["desk"].available for r in runs]
    assert statistics.fmean(utilisation) == pytest.approx(2 * 2 * 300 / 3600 / 2, rel=0.05)


# -- after-contact work ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "queues", "shared"])
def test_after_work_keeps_the_agent_busy_after_the_ticket_is_resolved(kind: str) -> None:
    """Two agents, handling 5 minutes and wrap-up 3: a ticket is resolved 5 minutes after
    its start, and its wait is the Kiefer–Wolfowitz recursion's on 8-minute services; the
    agents are busy the arrivals × 8 minutes."""
    service = [{"unit": "desk", "time": fixed(300), "after_work": fixed(180)}]
    attributes: dict[str, Any] = {"channel": "phone"}
    mix: dict[str, Any] | None = None
    concurrency = None
    if kind == "queues":
        mix = {"category": {"common": 1, "rare": NEVER}}
    if kind == "shared":  # chats (never drawn) would share the agents' capacity
        concurrency, attributes, mix = {"chat": 2}, {}, {"channel": {"phone": 1, "chat": NEVER}}
    dept = _department(servers=2, concurrency=concurrency, queues=kind == "queues")
    simulation = Simulation(dept, _workload(12, service, attributes=attributes, mix=mix), days=3)
    assert not simulation.fast
    assert bool(simulation.units["desk"].capacity) is (kind == "shared")
    records = _records(simulation)
    arrivals = [r.arrived for r in records]
    waits = kiefer_wolfowitz(2, arrivals, [480.0] * len(records))
    waited = 0
    for record, wait in zip(records, waits, strict=True):
        if record.first_response is None:
            continue
        assert record.first_response - record.arrived == pytest.approx(wait, abs=1e-6)
        waited += wait > 0
        if record.closed is not None:
            assert record.closed - record.first_response == pytest.approx(300)
    assert waited > 20
    stats = simulation.run(0, 1)
    work = sum(
        min(a + w + 480, stats.window) - min(a + w, stats.window)
        for a, w in zip(arrivals, waits, strict=True)
    )
    assert stats.units["desk"].busy == pytest.approx(work)


def test_after_work_is_left_to_the_general_kernel() -> None:
    """Wrap-up takes the general kernel; the same workload without it, the streamlined."""
    dept = _department()
    plain = _workload(2, [{"unit": "desk", "time": fixed(60)}], attributes={"channel": "phone"})
    wrapped = _workload(
        2,
        [{"unit": "desk", "time": fixed(60), "after_work": fixed(30)}],
        attributes={"channel": "phone"},
    )
    assert Simulation(dept, plain).fast
    assert not Simulation(dept, wrapped).fast


# -- handling time by channel ------------------------------------------------------------------


def test_the_most_specific_service_entry_wins() -> None:
    """Unit + category + channel, then unit + channel, unit + category, unit: each ticket's
    handling time is the most specific entry for it."""
    category = {"category": {"type": "enum", "values": ["question", "order"]}}
    dept = _department(servers=50, schema=category)
    service = [
        {"unit": "desk", "time": fixed(100)},
        {"unit": "desk", "category": "order", "time": fixed(200)},
        {"unit": "desk", "channel": "chat", "time": fixed(300)},
        {"unit": "desk", "category": "order", "channel": "chat", "time": fixed(400)},
    ]
    mix = {"channel": {"phone": 1, "chat": 1}, "category": {"question": 1, "order": 1}}
    simulation = Simulation(dept, _workload(20, service, mix=mix), days=1)
    expected = {
        ("phone", "question"): 100,
        ("phone", "order"): 200,
        ("chat", "question"): 300,
        ("chat", "order"): 400,
    }
    seen = set()
    for r in _records(simulation):
        if r.closed is not None and r.first_response is not None:
            assert r.closed - r.first_response == pytest.approx(expected[r.channel, r.category])
            seen.add((r.channel, r.category))
    assert seen == set(expected)


def test_a_ticket_without_a_handling_time_for_its_channel_stops_the_run() -> None:
    """Only a chat time at the desk, and a phone ticket arrives: a SimulationError naming
    the unit, the category and the channel."""
    service = [{"unit": "desk", "channel": "chat", "time": fixed(60)}]
    simulation = Simulation(
        _department(), _workload(5, service, attributes={"channel": "phone"}), days=1
    )
    with pytest.raises(SimulationError, match=r"`desk` receives `-` tickets on `phone`"):
        simulation.run(0, 1, kernel="general")


# -- numbers drawn from a distribution -----------------------------------------------------------

ORDER_VALUE = {"order_value": {"type": "number", "minimum": 0, "integer": True}}
VIP_RULE = {
    "id": "big_orders",
    "when": {"order_value": {"gte": 5000000}},
    "to": {"unit": "vip_desk"},
}
LOGNORMAL = {"kind": "lognormal", "mean": 2000000, "sd": 1500000}


def _lognormal_above(threshold: float, mean: float, sd: float) -> float:
    sigma = math.sqrt(math.log1p((sd / mean) ** 2))
    mu = math.log(mean) - sigma**2 / 2
    return 0.5 * math.erfc((math.log(threshold) - mu) / (sigma * math.sqrt(2)))


def test_a_rule_on_a_drawn_number_gets_the_share_past_its_threshold() -> None:
    """`order_value >= 5000000 → vip_desk` with order values lognormal (mean 2 M, sd 1.5 M):
    the vip desk gets the share of tickets the distribution puts above 5 M (within 3 SE),
    and routing saw the drawn number (its classes carry a value past the threshold)."""
    dept = _department(servers=20, extra_units=["vip_desk"], rules=[VIP_RULE], schema=ORDER_VALUE)
    service = [{"unit": u, "time": exponential(60)} for u in ("desk", "vip_desk")]
    workload = _workload(
        60, service, attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL}
    )
    simulation = Simulation(dept, workload, days=2)
    vip = [c for c in simulation.classes if c.unit == "vip_desk"]
    assert vip
    assert all(c.attributes["order_value"] >= 5_000_000 for c in vip)
    assert all(c.attributes["order_value"] < 5_000_000 for c in simulation.classes if c not in vip)
    runs = [simulation.run(r, 11) for r in range(30)]
    shares = []
    for run in runs:
        arrived = {key.unit: s.arrived for key, s in run.classes.items()}
        shares.append(arrived.get("vip_desk", 0) / sum(arrived.values()))
    exact = _lognormal_above(5_000_000, 2_000_000, 1_500_000)
    assert 0.02 < exact < 0.1
    _within_3se("vip share", shares, exact, runs)


def test_drawn_regions_are_the_distribution_s_law() -> None:
    """The regions' probabilities against direct draws from the distribution (100,000
    values from Python's own lognormal, rounded and clipped as the docs say)."""
    dept = _department(
        extra_units=["vip_desk", "mid_desk"],
        rules=[
            VIP_RULE,
            {"id": "mid", "when": {"order_value": {"gt": 1000000}}, "to": {"unit": "mid_desk"}},
        ],
        schema=ORDER_VALUE,
    )
    dist = NumberLognormal(kind="lognormal", mean=2e6, sd=1.5e6)
    regions = drawn_regions(dept, "order_value", dist)
    assert [r.label for r in regions] == [
        "0",  # a value below 0.5 rounds to 0 (a vanishing share, but not none)
        "(0, 1000000)",
        "1000000",
        "(1000000, 5000000)",
        "5000000",
        "(5000000, +∞)",
    ]
    assert sum(r.probability for r in regions) == pytest.approx(1)
    rng = random.Random(3)
    sigma = math.sqrt(math.log1p(0.75**2))
    mu = math.log(2e6) - sigma**2 / 2
    values = [math.floor(rng.lognormvariate(mu, sigma) + 0.5) for _ in range(100_000)]
    for low, high, region in (
        (0, 1e6, regions[1]),
        (1e6, 5e6, regions[3]),
        (5e6, math.inf, regions[5]),
    ):
        share = sum(low < v < high for v in values) / len(values)
        assert region.probability == pytest.approx(share, abs=4 * math.sqrt(share / len(values)))
    assert 0 < regions[2].probability < 1e-5  # rounding to exactly 1,000,000


def test_clipping_rounding_and_discrete_laws() -> None:
    """A value below the minimum is the minimum; an integer attribute rounds halves up; a
    fixed or empirical value on a threshold is that threshold."""
    dept = _department(extra_units=["vip_desk"], rules=[VIP_RULE], schema=ORDER_VALUE)
    uniform = NumberUniform(kind="uniform", low=-1e6, high=9e6)
    by_label = {r.label: r.probability for r in drawn_regions(dept, "order_value", uniform)}
    # below 0 is clipped to 0, below 0.5 rounds to it; 1 … 4,999,999 from [0.5, 4999999.5)
    assert by_label["0"] == pytest.approx((1e6 + 0.5) / 10e6)
    assert by_label["(0, 5000000)"] == pytest.approx(4999999 / 10e6)
    assert by_label["5000000"] == pytest.approx(1 / 10e6)
    assert by_label["(5000000, +∞)"] == pytest.approx((4e6 - 0.5) / 10e6)
    fixed_on = NumberFixed(kind="fixed", value=4999999.5)
    [region] = drawn_regions(dept, "order_value", fixed_on)
    assert (region.label, region.value, region.probability) == ("5000000", 5000000, 1.0)
    observed = NumberEmpirical(kind="empirical", values=(1, 5e6, 7e6))
    regions = drawn_regions(dept, "order_value", observed)
    assert [r.label for r in regions] == ["(0, 5000000)", "5000000", "(5000000, +∞)"]
    assert [r.probability for r in regions] == pytest.approx([1 / 3] * 3)


def test_sla_policies_split_drawn_numbers_too() -> None:
    """A drawn number's regions are cut by the SLA policies' constants as well as the
    routing rules', so a class's SLA targets are those of any value in its region."""
    dept = Department.model_validate(
        {
            **_department(
                extra_units=["vip_desk"], rules=[VIP_RULE], schema=ORDER_VALUE
            ).model_dump(mode="json", by_alias=True, exclude_defaults=True),
            "sla": {
                "policies": [
                    {
                        "id": "huge",
                        "when": {"order_value": {"gt": 20000000}},
                        "first_response": {"within": "10m", "clock": "calendar"},
                    }
                ],
                "default": {"first_response": {"within": "1h", "clock": "calendar"}},
            },
        }
    )
    service = [{"unit": u, "time": exponential(60)} for u in ("desk", "vip_desk")]
    workload = _workload(
        5, service, attributes={"channel": "phone"}, draw={"order_value": LOGNORMAL}
    )
    simulation = Simulation(dept, workload, days=1)
    targets = {
        (c.unit, c.attributes["order_value"] > 20_000_000): c.first_response.within
        for c in simulation.classes
        if c.first_response is not None
    }
    assert targets == {("desk", False): 3600, ("vip_desk", False): 3600, ("vip_desk", True): 600}


def test_a_draw_of_an_attribute_that_is_not_a_number_stops_the_plan() -> None:
    """The checks report it; a plan built from Python refuses it with a SimulationError."""
    workload = _workload(
        1, [{"unit": "desk", "time": fixed(60)}], attributes={}, draw={"channel": LOGNORMAL}
    )
    with pytest.raises(SimulationError, match="not a number attribute"):
        Simulation(_department(), workload)
