"""The compiled router on hand-written examples: order, defaults, priorities, equality, shapes."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest
from pydantic import BaseModel

from cskh_org.errors import TicketInvalid
from cskh_org.model.routing import Routing
from cskh_org.model.tickets import TicketSchema
from cskh_org.routing import Decision
from cskh_org.routing.router import Router

SCHEMA = TicketSchema.model_validate(
    {
        "attributes": {
            "channel": {"type": "enum", "values": ["phone", "email", "chat"], "required": True},
            "tier": {"type": "enum", "values": ["vip", "regular"]},
            "priority": {"type": "enum", "values": ["low", "normal", "high", "urgent"]},
            "order_value": {"type": "number", "minimum": 0},
            "repeat": {"type": "boolean"},
            "note": {"type": "text", "max_length": 40},
        }
    }
)


def _router(
    rules: list[dict[str, Any]],
    default: Any = "general",
    schema: TicketSchema = SCHEMA,
    **extra: Any,
) -> Router:
    return Router(Routing.model_validate({"rules": rules, "default": default, **extra}), schema)


def _both(router: Router, ticket: object) -> Decision:
    """The decision, checked to be the same on the first call, the memoized call and the
    reference evaluator."""
    first = router.route(ticket)
    assert router.route(ticket) == first
    assert router.route_reference(ticket) == first
    return first


VIP_THEN_PHONE = [
    {"id": "vip", "when": {"tier": "vip"}, "to": "vip_desk"},
    {"id": "phone", "when": {"channel": "phone"}, "to": "phone_desk"},
]


def test_first_matching_rule_wins_in_file_order() -> None:
    """When several rules match, the one written first decides."""
    ticket = {"channel": "phone", "tier": "vip"}
    assert _both(_router(VIP_THEN_PHONE), ticket).rule == "vip"
    assert _both(_router(VIP_THEN_PHONE[::-1]), ticket).rule == "phone"
    assert _both(_router(VIP_THEN_PHONE), {"channel": "phone"}).unit == "phone_desk"


def test_default_when_no_rule_matches() -> None:
    """A ticket no rule matches goes to the default target, with no rule named."""
    decision = _both(_router(VIP_THEN_PHONE), {"channel": "email", "tier": "regular"})
    assert decision.unit == "general"
    assert decision.rule is None
    assert decision.is_default
    assert decision.to_dict()["default"] is True


def test_priority_shift_clamps_at_both_ends_and_uses_default_priority() -> None:
    """A rule's priority shift moves the ticket's level, stops at the lowest and highest
    levels, and starts from ``default_priority`` (else the lowest) when the ticket has none."""
    rules = [
        {"id": "up", "when": {"channel": "phone"}, "to": {"unit": "a", "priority": 2}},
        {"id": "down", "when": {"channel": "email"}, "to": {"unit": "b", "priority": -3}},
        {"id": "max", "when": {"tier": "vip"}, "to": {"unit": "c", "priority": 10}},
    ]
    router = _router(rules, default={"unit": "d", "priority": 1}, default_priority="normal")
    assert _both(router, {"channel": "phone", "priority": "low"}).priority == "high"
    assert _both(router, {"channel": "phone", "priority": "high"}).priority == "urgent"
    assert _both(router, {"channel": "phone", "priority": "urgent"}).priority == "urgent"
    assert _both(router, {"channel": "email", "priority": "high"}).priority == "low"
    assert _both(router, {"channel": "email", "priority": "urgent"}).priority == "low"
    assert _both(router, {"channel": "chat", "tier": "vip"}).priority == "urgent"
    up = _both(router, {"channel": "phone"})
    assert (up.priority, up.priority_shift) == ("urgent", 2)  # normal + 2
    assert _both(router, {"channel": "chat"}).priority == "high"  # default target: normal + 1
    assert _both(router, {"channel": "chat", "priority": "urgent"}).priority == "urgent"
    lowest = _router(rules, default={"unit": "d", "priority": 1})
    assert _both(lowest, {"channel": "phone"}).priority == "high"  # low + 2
    assert _both(lowest, {"channel": "chat"}).priority == "normal"  # low + 1


def test_no_priority_attribute_means_no_priority() -> None:
    """Without a priority enum in the schema, decisions carry no priority but keep the shift."""
    schema = TicketSchema.model_validate(
        {"attributes": {"tier": {"type": "enum", "values": ["a"]}}}
    )
    router = _router([{"id": "r", "to": {"unit": "u", "priority": 3}}], schema=schema)
    decision = _both(router, {"tier": "a"})
    assert (decision.priority, decision.priority_shift) == (None, 3)


def test_required_skills_are_in_the_decision() -> None:
    """The skills a rule's target requires are part of the decision, in order."""
    rules = [
        {
            "id": "vip",
            "when": {"tier": "vip"},
            "to": {"unit": "vip_desk", "skills": ["vietnamese", "refunds"]},
        }
    ]
    router = _router(rules, default={"unit": "general", "skills": ["triage"]})
    assert _both(router, {"channel": "chat", "tier": "vip"}).skills == ("vietnamese", "refunds")
    assert _both(router, {"channel": "chat"}).skills == ("triage",)
    assert router.route({"channel": "chat", "tier": "vip"}).to_dict()["skills"] == [
        "vietnamese",
        "refunds",
    ]


def test_equality_is_type_strict() -> None:
    """A boolean never equals a number, text never equals a number, and numbers compare by
    value whatever their type."""
    rules = [
        {"id": "repeat_one", "when": {"repeat": 1}, "to": "x"},
        {"id": "repeat_in", "when": {"repeat": {"in": [1, "true"]}}, "to": "x"},
        {"id": "note_one", "when": {"note": 1}, "to": "x"},
        {"id": "value_five", "when": {"order_value": Decimal("5.0")}, "to": "five"},
        {"id": "value_seven", "when": {"order_value": {"eq": 7}}, "to": "seven"},
        {"id": "repeat_true", "when": {"repeat": True}, "to": "repeat"},
        {"id": "note_text", "when": {"note": "1"}, "to": "note"},
    ]
    router = _router(rules)
    assert _both(router, {"channel": "chat", "repeat": True}).rule == "repeat_true"
    assert _both(router, {"channel": "chat", "note": "1"}).rule == "note_text"
    for five in (5, Decimal("5.0"), Decimal("5"), 5.0):
        assert _both(router, {"channel": "chat", "order_value": five}).rule == "value_five"
    for seven in (7, Decimal("7.000"), 7.0):
        assert _both(router, {"channel": "chat", "order_value": seven}).rule == "value_seven"
    assert _both(router, {"channel": "chat", "order_value": Decimal("5.01")}).rule is None
    assert _both(router, {"channel": "chat", "repeat": False}).rule is None


def test_ne_and_not_in_need_the_attribute_present() -> None:
    """``ne`` and ``not_in`` hold only for a present attribute with a different value."""
    for test in ({"ne": "vip"}, {"not_in": ["vip"]}):
        router = _router([{"id": "other", "when": {"tier": test}, "to": "x"}])
        assert _both(router, {"channel": "chat"}).rule is None
        assert _both(router, {"channel": "chat", "tier": None}).rule is None
        assert _both(router, {"channel": "chat", "tier": "vip"}).rule is None
        assert _both(router, {"channel": "chat", "tier": "regular"}).rule == "other"


def test_present_false_matches_only_a_missing_attribute() -> None:
    """``present: false`` holds when the ticket lacks the attribute, ``present: true`` when it
    carries it."""
    router = _router(
        [
            {"id": "no_tier", "when": {"tier": {"present": False}}, "to": "x"},
            {"id": "has_note", "when": {"note": {"present": True}}, "to": "y"},
        ]
    )
    assert _both(router, {"channel": "chat"}).rule == "no_tier"
    assert _both(router, {"channel": "chat", "tier": None}).rule == "no_tier"
    assert _both(router, {"channel": "chat", "tier": "vip"}).rule is None
    assert _both(router, {"channel": "chat", "tier": "vip", "note": ""}).rule == "has_note"


class TicketModel(BaseModel):
    channel: str
    tier: str | None = None
    order_value: int | None = None


@dataclass
class TicketRecord:
    channel: str
    tier: str | None = None
    order_value: int | None = None


class TicketMapping(Mapping[str, Any]):
    """A read-only mapping that is not a dict."""

    def __init__(self, **data: Any) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def test_tickets_may_be_dicts_models_dataclasses_or_mappings() -> None:
    """A ticket given as a dict, a pydantic model, a dataclass or any mapping routes alike."""
    router = _router(
        [
            {"id": "big", "when": {"order_value": {"gte": 1000}}, "to": "sales"},
            *VIP_THEN_PHONE,
        ]
    )
    shapes: list[tuple[object, str | None]] = [
        ({"channel": "phone", "tier": "vip"}, "vip"),
        (TicketModel(channel="phone", tier="vip"), "vip"),
        (TicketRecord(channel="phone"), "phone"),
        (TicketMapping(channel="email", tier="vip"), "vip"),
        (MappingProxyType({"channel": "email", "order_value": 1000}), "big"),
        (TicketModel(channel="email", order_value=999), None),
        (TicketRecord(channel="chat", order_value=5000), "big"),
    ]
    for ticket, rule in shapes:
        assert _both(router, ticket).rule == rule, ticket
    with pytest.raises(TicketInvalid, match="mapping"):
        router.route(["channel", "phone"])


def test_none_values_count_as_missing() -> None:
    """An attribute given as ``None`` is missing: it matches ``present: false`` and a required
    attribute given as ``None`` is reported missing."""
    router = _router(
        [
            {"id": "no_value", "when": {"order_value": {"present": False}}, "to": "x"},
            *VIP_THEN_PHONE,
        ]
    )
    assert _both(router, {"channel": "email", "tier": None, "order_value": None}).rule == (
        "no_value"
    )
    assert router.route({"channel": "email", "tier": None}) == router.route({"channel": "email"})
    with pytest.raises(TicketInvalid, match="required") as info:
        router.route({"channel": None, "tier": "vip"})
    assert info.value.attribute == "channel"


def test_explain_marks_the_fired_rule_and_gives_reasons() -> None:
    """``explain`` gives the decision and, per rule, whether it matched, which one fired and
    the tests that decided it."""
    router = _router([*VIP_THEN_PHONE, {"id": "catch_all", "to": "x"}])
    explanation = router.explain({"channel": "phone", "tier": "regular"})
    assert explanation.decision == router.route({"channel": "phone", "tier": "regular"})
    traces = {t.rule: t for t in explanation.traces}
    assert [t.rule for t in explanation.traces] == ["vip", "phone", "catch_all"]
    assert (traces["vip"].matched, traces["vip"].fired) == (False, False)
    assert (traces["phone"].matched, traces["phone"].fired) == (True, True)
    assert (traces["catch_all"].matched, traces["catch_all"].fired) == (True, False)
    assert any("tier is `regular`" in r and "but" in r for r in traces["vip"].reasons)
    assert any("channel is `phone`" in r for r in traces["phone"].reasons)
    text = str(explanation)
    assert "→ phone:" in text
    assert "✗ vip:" in text
    assert text.endswith("= phone_desk (rule phone)")
    data = explanation.to_dict()
    assert data["decision"]["rule"] == "phone"
    assert [r["fired"] for r in data["rules"]] == [False, True, False]
    nothing = router.explain({"channel": "email"})
    assert nothing.decision.rule == "catch_all"
    default = _router(VIP_THEN_PHONE).explain({"channel": "email"})
    assert not any(t.fired for t in default.traces)
    assert str(default).endswith("(default: no rule matched)")


def _tickets(count: int, seed: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for _ in range(count):
        ticket: dict[str, Any] = {"channel": rng.choice(["phone", "email", "chat"])}
        if rng.random() < 0.8:
            ticket["tier"] = rng.choice(["vip", "regular"])
        if rng.random() < 0.7:
            ticket["priority"] = rng.choice(["low", "normal", "high", "urgent"])
        if rng.random() < 0.8:
            ticket["order_value"] = rng.choice([0, 999, 1000, 1001, 250_000, Decimal("999.5")])
        if rng.random() < 0.5:
            ticket["repeat"] = rng.random() < 0.5
        if rng.random() < 0.1:
            ticket["note"] = rng.choice(["refund", "other"])
        out.append(ticket)
    return out


MIXED_RULES = [
    {"id": "refund", "when": {"note": "refund"}, "to": {"unit": "refunds", "priority": 1}},
    {
        "id": "big_vip",
        "when": {"all": [{"tier": "vip"}, {"order_value": {"gte": 1000}}]},
        "to": {"unit": "vip_desk", "skills": ["vip"], "priority": 2},
    },
    {"id": "repeat_phone", "when": {"repeat": True, "channel": "phone"}, "to": "phone_desk"},
    {"id": "not_chat", "when": {"not": {"channel": {"in": ["chat"]}}}, "to": "mail_desk"},
]


def test_pickle_round_trip_gives_equal_decisions() -> None:
    """A router pickled and unpickled routes every ticket as the original does."""
    router = _router(MIXED_RULES, default_priority="normal")
    tickets = _tickets(500)
    expected = router.route_many(tickets)
    clone = pickle.loads(pickle.dumps(router))
    assert isinstance(clone, Router)
    assert clone.routing == router.routing
    assert clone.schema == router.schema
    assert clone.route_many(tickets) == expected
    assert [clone.route_reference(t) for t in tickets] == expected


def test_a_router_cannot_be_changed() -> None:
    """No attribute of a router, or of the parts it reads, can be set, added or deleted; its
    tables are tuples and its rules are frozen, so ``route``, ``explain`` and the reference
    keep agreeing."""
    router = _router(MIXED_RULES, default_priority="normal")
    tickets = _tickets(200)
    expected = router.route_many(tickets)
    names = [*Router.__slots__, "routing", "schema", "new_attribute"]
    for name in names:
        with pytest.raises(AttributeError, match="immutable"):
            setattr(router, name, lambda _ticket: None)
        with pytest.raises(AttributeError, match="immutable"):
            delattr(router, name)
    for part in (router._priority, router._checker):
        for name in (*type(part).__slots__, "new_attribute"):
            with pytest.raises(AttributeError, match="immutable"):
                setattr(part, name, None)
            with pytest.raises(AttributeError, match="immutable"):
                delattr(part, name)
    with pytest.raises(TypeError):
        router._checker.attributes["tier"] = None  # type: ignore[index]
    assert all(type(masks) is tuple for masks in router._masks)
    rule = router.routing.rules[0]
    with pytest.raises(AttributeError):  # a FrozenMap has no `clear`
        rule.when.clear()  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        rule.when["tier"] = "regular"  # type: ignore[index]
    explanation = router.explain(tickets[0])
    with pytest.raises(AttributeError, match="immutable"):
        explanation.decision = expected[1]
    assert router.route_many(tickets) == expected
    assert [router.route_reference(t) for t in tickets] == expected
    assert [router.explain(t).decision for t in tickets] == expected


def test_an_unpickled_router_is_as_immutable() -> None:
    clone = pickle.loads(pickle.dumps(_router(MIXED_RULES)))
    with pytest.raises(AttributeError, match="immutable"):
        clone.route = clone.route_reference
    with pytest.raises(AttributeError, match="immutable"):
        del clone._masks


def test_routing_from_many_threads_matches_sequential_routing() -> None:
    """Eight threads routing 10,000 tickets through one fresh router (its memo growing
    meanwhile) give exactly the sequential decisions."""
    tickets = _tickets(10_000, seed=1)
    sequential = _router(MIXED_RULES).route_many(tickets)
    shared = _router(MIXED_RULES)
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(shared.route, tickets, chunksize=16))
    assert concurrent == sequential
    assert shared.route_many(tickets) == sequential


def test_extra_attribute_is_refused_naming_it() -> None:
    """A ticket with an attribute the schema lacks raises TicketInvalid naming it, also after
    a ticket with the same enum values warmed the memo."""
    router = _router(VIP_THEN_PHONE)
    router.route({"channel": "phone", "tier": "vip"})
    for ticket in (
        {"channel": "phone", "tier": "vip", "colour": "red"},
        {"channel": "phone", "colour": "red"},
    ):
        with pytest.raises(TicketInvalid, match="unknown attribute `colour`") as info:
            router.route(ticket)
        assert info.value.attribute == "colour"


# -- regressions ---------------------------------------------------------------------------


def test_text_tests_are_honoured_on_every_path() -> None:
    """Rules testing a text attribute decide by its value, on the first and memoized calls,
    with or without other attributes (the compiled masks once ignored text)."""
    router = _router(
        [
            {"id": "refund", "when": {"note": "refund"}, "to": "refunds"},
            {"id": "noted", "when": {"note": {"present": True}}, "to": "notes"},
            {"id": "not_refund", "when": {"not": {"note": "refund"}}, "to": "others"},
        ]
    )
    cases = [
        ({"channel": "chat"}, "not_refund"),
        ({"channel": "chat", "note": "refund"}, "refund"),
        ({"channel": "chat", "note": "other"}, "noted"),
        ({"channel": "chat", "note": ""}, "noted"),
        ({"channel": "chat", "tier": "vip", "order_value": 3, "repeat": True}, "not_refund"),
        ({"channel": "chat", "tier": "vip", "order_value": 3, "note": "refund"}, "refund"),
    ]
    for _ in range(2):
        for ticket, rule in cases:
            assert _both(router, ticket).rule == rule, ticket


def test_required_text_is_checked_after_the_memo_is_warm() -> None:
    """A ticket lacking a required text attribute is refused even when its enum values were
    seen before (the fast path once skipped the check)."""
    schema = TicketSchema.model_validate(
        {
            "attributes": {
                "channel": {"type": "enum", "values": ["phone", "email"]},
                "subject": {"type": "text", "required": True},
            }
        }
    )
    router = _router(VIP_THEN_PHONE[1:], schema=schema)
    assert router.route({"channel": "phone", "subject": "hello"}).rule == "phone"
    with pytest.raises(TicketInvalid, match="required") as info:
        router.route({"channel": "phone"})
    assert info.value.attribute == "subject"


def test_all_of_an_empty_mapping_holds_when_no_attribute_is_compiled() -> None:
    """``all: [{}]`` holds for every ticket even when the rules mention no attribute of the
    schema (an empty box was once taken for no box)."""
    schema = TicketSchema.model_validate({"attributes": {"note": {"type": "text"}}})
    whens: list[dict[str, Any]] = [{"all": [{}]}, {"all": [{"ghost": {"present": False}}]}]
    for when in whens:
        router = _router([{"id": "always", "when": when, "to": "x"}], schema=schema)
        assert _both(router, {}).rule == "always"
        assert _both(router, {"note": "hi"}).rule == "always"


def test_thresholds_closer_than_the_decimal_context_are_told_apart() -> None:
    """A value strictly between two thresholds that differ beyond the 28th digit matches a
    test between them (the midpoint was once rounded onto a threshold)."""
    low, high = (
        Decimal("0.10000000000000000000000000001"),
        Decimal("0.10000000000000000000000000002"),
    )
    router = _router(
        [{"id": "between", "when": {"order_value": {"gt": low, "lt": high}}, "to": "x"}]
    )
    middle = Decimal("0.100000000000000000000000000015")
    assert _both(router, {"channel": "chat", "order_value": middle}).rule == "between"
    assert _both(router, {"channel": "chat", "order_value": low}).rule is None
    assert _both(router, {"channel": "chat", "order_value": high}).rule is None


def test_a_condition_too_large_to_compile_is_evaluated_directly() -> None:
    """A rule whose normal form exceeds the box limit still routes exactly as the reference
    evaluator does."""
    alternatives = [{"order_value": {"eq": n}} for n in range(300)]
    router = _router(
        [
            {"id": "small", "when": {"tier": "vip"}, "to": "vip_desk"},
            {"id": "huge", "when": {"not": {"any": alternatives}}, "to": "odd"},
            {"id": "after", "when": {"channel": "phone"}, "to": "phone_desk"},
        ]
    )
    expected = {
        (0, None): "after",
        (299, "vip"): "small",
        (300, None): "huge",
        (Decimal("0.5"), None): "huge",
    }
    for (value, tier), rule in expected.items():
        ticket = {"channel": "phone", "order_value": value, "tier": tier}
        assert _both(router, ticket).rule == rule, ticket
    assert _both(router, {"channel": "phone"}).rule == "huge"
    for ticket in _tickets(300, seed=2):
        assert router.route(ticket) == router.route_reference(ticket)


def _count_checked(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every ticket that goes through the checked (slow) path of routers built afterwards."""
    seen: list[object] = []
    checked = Router._route_checked

    def counting(self: Router, ticket: object) -> Decision:
        seen.append(ticket)
        return checked(self, ticket)

    monkeypatch.setattr(Router, "_route_checked", counting)
    return seen


@pytest.mark.parametrize(
    ("schema", "rules"),
    [
        (SCHEMA, VIP_THEN_PHONE),  # enums, a number and a boolean: the general fast path
        (
            TicketSchema.model_validate(
                {
                    "attributes": {
                        "channel": {"type": "enum", "values": ["phone", "email"], "required": True},
                        "tier": {"type": "enum", "values": ["vip", "regular"]},
                        "order_value": {"type": "number", "integer": True},
                    }
                }
            ),
            [*VIP_THEN_PHONE, {"id": "big", "when": {"order_value": {"gte": 10}}, "to": "x"}],
        ),  # enums and one integer: the per-combination cells
        (
            TicketSchema.model_validate(
                {"attributes": {"channel": {"type": "enum", "values": ["phone", "email"]}}}
            ),
            VIP_THEN_PHONE[1:],
        ),  # enums only
    ],
)
def test_partial_tickets_take_the_fast_path(
    monkeypatch: pytest.MonkeyPatch, schema: TicketSchema, rules: list[dict[str, Any]]
) -> None:
    """A ticket missing optional attributes is checked once, then routed on the fast path like
    a complete one (missing attributes are resolved when the memo entry is made)."""
    seen = _count_checked(monkeypatch)
    router = _router(rules, schema=schema)
    partial: list[dict[str, Any]] = [{"channel": "phone"}, {"channel": "email"}, {}]
    partial += [{"channel": "email", "tier": "vip"}, {"channel": "phone", "order_value": 12}]
    partial = [{k: v for k, v in t.items() if k in schema.attributes} for t in partial]
    if "channel" in schema.attributes and schema.attributes["channel"].required:
        partial = [t for t in partial if "channel" in t]
    expected = [router.route_reference(t) for t in partial]
    assert [router.route(t) for t in partial] == expected
    first = len(seen)
    assert [router.route(dict(t)) for t in partial] == expected
    assert len(seen) == first, seen[first:]


def test_the_fast_path_refuses_what_the_checks_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the memo warm for ``{"channel": "phone"}``: an extra unknown key, a ``None`` value,
    a text value and a missing required attribute all leave the fast path, and are refused or
    routed exactly as the checks and the reference say."""
    seen = _count_checked(monkeypatch)
    router = _router(VIP_THEN_PHONE)
    assert router.route({"channel": "phone"}).rule == "phone"
    assert router.route({"channel": "phone", "tier": "regular"}).rule == "phone"
    seen.clear()
    with pytest.raises(TicketInvalid) as info:
        router.route({"channel": "phone", "zz": 1})
    assert info.value.attribute == "zz"
    with pytest.raises(TicketInvalid) as info:
        router.route({"tier": "regular"})
    assert info.value.attribute == "channel"
    with pytest.raises(TicketInvalid) as info:
        router.route({"channel": "phone", "note": "x" * 41})
    assert info.value.attribute == "note"
    assert router.route({"channel": "phone", "tier": None}).rule == "phone"
    assert router.route({"channel": "phone", "note": "hi"}).rule == "phone"
    assert len(seen) == 5
