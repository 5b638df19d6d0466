"""Replay and the engine against an independent reference evaluator of the vendors'
semantics (``tests/helpdesk/reference.py``): random rule sets, and for each 2,000 random
tickets — 100,000 tickets over the 50 examples of the default profile."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.helpdesk import Engine, TicketMapping, read_vendor_set, replay, vendor_ticket
from cskh_org.helpdesk.fields import field_infos
from cskh_org.model.history import PastTicket
from tests.conftest import examples
from tests.helpdesk import reference
from tests.helpdesk.fixtures import documents

TICKETS = 2_000
VALUES = {
    "priority": ["low", "normal", "high", "urgent"],
    "status": ["new", "open", "pending", "hold", "solved", "closed"],
    "type": ["question", "incident", "problem", "task"],
    "via_id": ["0", "4", "29", "33"],
    "group_id": ["1", "2", "3"],
}
TAGS = ["vip", "billing", "spam"]
ORDERED_OPS = [
    "is",
    "is_not",
    "less_than",
    "greater_than",
    "less_than_equal",
    "greater_than_equal",
    "present",
    "not_present",
]
PLAIN_OPS = ["is", "is_not", "present", "not_present"]


@st.composite
def conditions(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(st.sampled_from([*VALUES, "current_tags"]))
    if field == "current_tags":
        op = draw(st.sampled_from(["includes", "not_includes"]))
        value = " ".join(draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True)))
        return {"field": field, "operator": op, "value": value}
    ops = ORDERED_OPS if field in ("priority", "status") else PLAIN_OPS
    op = draw(st.sampled_from(ops))
    chosen = None if op in ("present", "not_present") else draw(st.sampled_from(VALUES[field]))
    return {"field": field, "operator": op, "value": chosen}


@st.composite
def actions(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(
        st.sampled_from([*VALUES, "current_tags", "remove_tags", "set_tags", "notification_user"])
    )
    if field in ("current_tags", "remove_tags", "set_tags"):
        return {
            "field": field,
            "value": " ".join(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
        }
    if field == "notification_user":
        return {"field": field, "value": ["requester_id", "Hello", "Body"]}
    if field == "via_id":
        field = "group_id"
    return {"field": field, "value": draw(st.sampled_from(VALUES[field]))}


@st.composite
def trigger_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 12))
    positions = draw(st.permutations(list(range(1, n + 1))))
    return [
        {
            "id": 100 + i,
            "title": f"t{i}",
            "active": draw(st.booleans()) or draw(st.booleans()),
            "position": positions[i],
            "conditions": {
                "all": draw(st.lists(conditions(), max_size=3)),
                "any": draw(st.lists(conditions(), max_size=2)),
            },
            "actions": draw(st.lists(actions(), min_size=1, max_size=3)),
        }
        for i in range(n)
    ]


def _ticket(rng: random.Random) -> dict[str, Any]:
    ticket: dict[str, Any] = {}
    for field, values in VALUES.items():
        if rng.random() < 0.8:
            ticket[field] = rng.choice(values)
    ticket["current_tags"] = frozenset(t for t in TAGS if rng.random() < 0.3)
    return ticket


def _plain(state: Any) -> dict[str, Any]:
    return {k: (sorted(v) if isinstance(v, set | frozenset) else v) for k, v in dict(state).items()}


@settings(max_examples=examples(50))
@given(trigger_sets(), st.integers(0, 2**32))
def test_the_engine_agrees_with_the_reference_on_every_ticket(
    triggers: list[dict[str, Any]], seed: int
) -> None:
    vendor_set = read_vendor_set("zendesk", {"triggers.json": {"triggers": triggers}})
    engine = Engine("zendesk", vendor_set.rules, field_infos(vendor_set))
    assert engine.undecided == ()
    rng = random.Random(seed)
    for _ in range(TICKETS):
        ticket = _ticket(rng)
        outcome = engine.run(ticket)
        state, fired = reference.zendesk(triggers, ticket)
        assert list(outcome.fired) == fired
        assert _plain(outcome.ticket) == _plain(state)


CHANNELS = {"email": "4", "chat": "29", "phone": "33", "web": "0"}


def _past(rng: random.Random, i: int) -> PastTicket:
    return PastTicket(
        line=i + 2,
        id=f"T{i}",
        created=dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC),
        channel=rng.choice([*CHANNELS, None]),
        priority=rng.choice([*VALUES["priority"], None]),
        category=rng.choice([*VALUES["type"], None]),
        tier=rng.choice([*TAGS, None]),
    )


@settings(max_examples=examples(50))
@given(trigger_sets(), trigger_sets(), st.integers(0, 2**32))
def test_replay_counts_exactly_the_tickets_the_reference_decides_differently(
    before: list[dict[str, Any]], after: list[dict[str, Any]], seed: int
) -> None:
    rng = random.Random(seed)
    tickets = [_past(rng, i) for i in range(TICKETS)]
    mapping = TicketMapping.default("zendesk")
    result = replay(
        tickets,
        read_vendor_set("zendesk", {"triggers.json": {"triggers": before}}),
        read_vendor_set("zendesk", {"triggers.json": {"triggers": after}}),
        mapping,
    )
    differ = []
    for past in tickets:
        start = vendor_ticket(past, mapping)
        a, _ = reference.zendesk(before, start)
        b, _ = reference.zendesk(after, start)
        if _plain(a) != _plain(b):
            differ.append(past.id)
    assert result.tickets == TICKETS
    assert [c.ticket for c in result.changes] == differ
    moved = sum(result.moves.values())
    assert moved == sum(1 for c in result.changes if c.group_before != c.group_after)


def test_freshdesk_first_match_agrees_with_the_reference() -> None:
    docs = documents("freshdesk_hostile")
    rules = docs["dispatch_rules.json"]
    vendor_set = read_vendor_set("freshdesk", docs)
    engine = Engine("freshdesk", vendor_set.rules, field_infos(vendor_set))
    rng = random.Random(7)
    for _ in range(TICKETS):
        ticket = {
            "priority": rng.choice([1, 2, 3, 4]),
            "source": rng.choice([1, 2, 3, 7]),
            "ticket_type": rng.choice(["Refund", "Return", "Billing question", "Other"]),
        }
        outcome = engine.run(ticket)
        state, fired = reference.freshdesk(rules, ticket)
        assert list(outcome.fired) == fired
        assert outcome.ticket == state


def test_replay_of_the_fixture_lists_a_moved_ticket() -> None:
    before = read_vendor_set("zendesk", documents("zendesk"))
    docs = documents("zendesk")
    docs["triggers.json"]["triggers"][4]["actions"][0]["value"] = 360002  # incidents to Billing
    after = read_vendor_set("zendesk", docs)
    ticket = PastTicket(
        line=2,
        id="42",
        created=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        channel="email",
        category="incident",
        priority="normal",
    )
    other = PastTicket(
        line=3,
        id="43",
        created=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        channel="chat",
        category="incident",
    )
    result = replay([ticket, other], before, after)
    assert result.tickets == 2
    assert [(c.ticket, c.group_before, c.group_after, c.fields) for c in result.changes] == [
        ("42", "360001", "360002", ("group_id",))
    ]
    assert result.moves == {("360001", "360002"): 1}
