"""The static analysis of rule tables: shadowing, contradictions, honest unknowns, fall-through."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.model.routing import Routing
from cskh_org.model.tickets import TicketSchema
from cskh_org.routing import analysis as analysis_module
from cskh_org.routing.analysis import (
    NO_REASON,
    Reach,
    RoutingAnalysis,
    analyse_routing,
    merge_boxes,
)
from cskh_org.routing.boxes import Box
from cskh_org.routing.router import Router
from cskh_org.words import Said
from tests.conftest import examples

SCHEMA = TicketSchema.model_validate(
    {
        "attributes": {
            "channel": {"type": "enum", "values": ["phone", "email", "chat"], "required": True},
            "tier": {"type": "enum", "values": ["vip", "regular"]},
            "order_value": {"type": "number", "minimum": 0},
            "contacts": {"type": "number", "integer": True},
            "repeat": {"type": "boolean"},
            "note": {"type": "text", "max_length": 5},
        }
    }
)


def _routing(rules: list[dict[str, Any]]) -> Routing:
    return Routing.model_validate({"rules": rules, "default": "general"})


def _analyse(
    rules: list[dict[str, Any]], schema: TicketSchema = SCHEMA, **options: Any
) -> RoutingAnalysis:
    return analyse_routing(_routing(rules), schema, **options)


def _reach(analysis: RoutingAnalysis) -> dict[str, Reach]:
    return {v.rule: v.reach for v in analysis.rules}


def test_rule_shadowed_by_the_union_of_two_earlier_rules_names_both() -> None:
    """A rule no single earlier rule covers, but two together do, is shadowed and both are
    named in ``covered_by`` (and a disjoint earlier rule is not)."""
    analysis = _analyse(
        [
            {"id": "email", "when": {"channel": "email"}, "to": "mail"},
            {"id": "small", "when": {"order_value": {"lt": 1000}}, "to": "a"},
            {"id": "big", "when": {"order_value": {"gte": 1000}}, "to": "b"},
            {
                "id": "phone_valued",
                "when": {"channel": "phone", "order_value": {"present": True}},
                "to": "c",
            },
        ]
    )
    verdict = analysis.rules[3]
    assert verdict.reach is Reach.SHADOWED
    assert verdict.covered_by == ("small", "big")
    assert verdict.witness is None
    assert [v.reach for v in analysis.rules[:3]] == [Reach.REACHABLE] * 3
    router = Router(_routing([]), SCHEMA)
    for rule in analysis.rules[:3]:
        assert rule.witness is not None
        router.check_ticket(rule.witness)


def test_rule_after_a_catch_all_is_shadowed_by_it() -> None:
    """Every rule after a rule without condition is shadowed by it, and nothing falls through."""
    analysis = _analyse(
        [
            {"id": "vip", "when": {"tier": "vip"}, "to": "a"},
            {"id": "everything", "to": "b"},
            {"id": "phone", "when": {"channel": "phone"}, "to": "c"},
        ]
    )
    assert _reach(analysis) == {
        "vip": Reach.REACHABLE,
        "everything": Reach.REACHABLE,
        "phone": Reach.SHADOWED,
    }
    assert analysis.rules[2].covered_by == ("vip", "everything")
    assert analysis.fallthrough.known
    assert analysis.fallthrough.empty
    assert analysis.fallthrough.descriptions == ()


def test_contradictions_are_unsatisfiable() -> None:
    """Conditions no valid ticket satisfies are unsatisfiable: two different equalities, an
    empty numeric range, an integer strictly between consecutive integers, a value outside
    the enum, a text longer than allowed, a boolean compared with a number."""
    contradictions: dict[str, Any] = {
        "two_values": {"all": [{"channel": "phone"}, {"channel": "email"}]},
        "two_values_one_test": {"tier": {"eq": "vip", "in": ["regular"]}},
        "empty_range": {"order_value": {"gt": 10, "lt": 5}},
        "between_integers": {"contacts": {"gt": 1, "lt": 2}},
        "below_minimum": {"order_value": {"lt": 0}},
        "outside_enum": {"channel": "fax"},
        "present_and_missing": {"tier": {"present": False, "eq": "vip"}},
        "too_long": {"note": "far too long"},
        "bool_is_not_one": {"repeat": 1},
        "required_missing": {"channel": {"present": False}},
        "ne_missing": {"all": [{"tier": {"ne": "vip"}}, {"tier": {"present": False}}]},
        "not_everything": {"not": {}},
    }
    rules = [{"id": rid, "when": when, "to": "x"} for rid, when in contradictions.items()]
    rules.append({"id": "fraction", "when": {"order_value": {"gt": 1, "lt": 2}}, "to": "y"})
    analysis = _analyse(rules)
    reach = _reach(analysis)
    for rid in contradictions:
        assert reach[rid] is Reach.UNSATISFIABLE, rid
    fraction = analysis.rules[-1]
    assert fraction.reach is Reach.REACHABLE  # 1.5 is a valid non-integer order value
    assert fraction.witness is not None
    assert Router(_routing(rules), SCHEMA).route(fraction.witness).rule == "fraction"


def test_no_valid_ticket_makes_every_rule_unsatisfiable() -> None:
    """When a required integer attribute has no whole number in its range, no ticket is valid:
    every rule is unsatisfiable and nothing falls through (a box with an empty attribute was
    once reported reachable, with an invalid witness)."""
    schema = TicketSchema.model_validate(
        {
            "attributes": {
                "seats": {"type": "number", "integer": True, "minimum": "0.2", "maximum": "0.8"},
                "tier": {"type": "enum", "values": ["vip", "regular"]},
            }
        }
    )
    required = TicketSchema.model_validate(
        {
            "attributes": {
                **schema.model_dump()["attributes"],
                "seats": {
                    "type": "number",
                    "integer": True,
                    "minimum": "0.2",
                    "maximum": "0.8",
                    "required": True,
                },
            }
        }
    )
    rules: list[dict[str, Any]] = [
        {"id": "vip", "when": {"tier": "vip"}, "to": "a"},
        {"id": "anything", "to": "b"},
    ]
    impossible = _analyse(rules, required)
    assert _reach(impossible) == {"vip": Reach.UNSATISFIABLE, "anything": Reach.UNSATISFIABLE}
    assert impossible.fallthrough.empty
    possible = _analyse(rules, schema)  # `seats` optional: tickets without it are valid
    assert _reach(possible) == {"vip": Reach.REACHABLE, "anything": Reach.REACHABLE}
    witness = possible.rules[0].witness
    assert witness is not None
    assert "seats" not in witness


def test_text_witnesses_fit_the_schema() -> None:
    """Witnesses for text tests are texts the schema accepts, even with a short
    ``max_length``."""
    rules = [
        {"id": "hello", "when": {"note": "hello"}, "to": "a"},
        {"id": "noted", "when": {"note": {"present": True}}, "to": "b"},
    ]
    analysis = _analyse(rules)
    router = Router(_routing(rules), SCHEMA)
    for verdict in analysis.rules:
        assert verdict.reach is Reach.REACHABLE
        assert verdict.witness is not None
        assert router.route(verdict.witness).rule == verdict.rule
    for witness in analysis.fallthrough.witnesses:
        assert router.route(witness).rule is None


def _huge(count: int = 300) -> dict[str, Any]:
    return {"not": {"any": [{"order_value": {"eq": n}} for n in range(count)]}}


def test_too_complex_condition_gives_unknown_never_a_wrong_verdict() -> None:
    """A condition with more boxes than the limit is unknown, and so is every later satisfiable
    rule and the fall-through; earlier verdicts and contradictions stay exact."""
    rules: list[dict[str, Any]] = [
        {"id": "first", "when": {"tier": "vip"}, "to": "a"},
        {"id": "huge", "when": _huge(), "to": "b"},
        {"id": "later", "when": {"channel": "phone"}, "to": "c"},
        {"id": "impossible", "when": {"all": [{"tier": "vip"}, {"tier": "regular"}]}, "to": "d"},
        {"id": "catch_all", "to": "e"},
    ]
    analysis = _analyse(rules)
    assert _reach(analysis) == {
        "first": Reach.REACHABLE,
        "huge": Reach.UNKNOWN,
        "later": Reach.UNKNOWN,
        "impossible": Reach.UNSATISFIABLE,
        "catch_all": Reach.UNKNOWN,
    }
    assert "alternatives" in analysis.rules[1].reason.en
    assert "`huge`" in analysis.rules[2].reason.en
    assert not analysis.fallthrough.known
    assert not analysis.fallthrough.empty
    assert "`huge`" in analysis.fallthrough.reason.en
    witness = analysis.rules[0].witness
    assert witness is not None
    assert Router(_routing(rules), SCHEMA).route(witness).rule == "first"


def test_normal_form_blow_up_is_unknown() -> None:
    """``all`` of nine two-way ``any`` expands to 512 boxes, past the limit: unknown; a lower
    ``limit`` makes a smaller condition unknown too."""
    blow_up = {
        "all": [
            {"any": [{"order_value": {"gte": 10 * i}}, {"contacts": {"lte": i}}]} for i in range(9)
        ]
    }
    analysis = _analyse([{"id": "blow_up", "when": blow_up, "to": "a"}])
    assert analysis.rules[0].reach is Reach.UNKNOWN
    assert not analysis.fallthrough.known
    three = {"any": [{"channel": "phone"}, {"channel": "email"}, {"tier": "vip"}]}
    rules = [{"id": "three", "when": three, "to": "a"}]
    assert _analyse(rules, limit=2).rules[0].reach is Reach.UNKNOWN
    assert _analyse(rules).rules[0].reach is Reach.REACHABLE


def _points(boxes: list[Box], width: int) -> set[tuple[int, ...]]:
    return {
        p
        for p in itertools.product(range(4), repeat=width)
        if any(all(b[k] >> p[k] & 1 for k in range(width)) for b in boxes)
    }


@settings(max_examples=examples(200), deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(1, 15), min_size=width, max_size=width).map(tuple),
            max_size=10,
        )
    )
)
def test_merge_boxes_keeps_the_union(boxes: list[Box]) -> None:
    """Merging gives the same union with no more boxes, and no two results differ in one
    attribute only."""
    merged = merge_boxes(boxes)
    assert len(merged) <= len(set(boxes))
    if not boxes:
        assert merged == []
        return
    width = len(boxes[0])
    assert _points(merged, width) == _points(boxes, width)
    for a, b in itertools.combinations(merged, 2):
        assert sum(x != y for x, y in zip(a, b, strict=True)) >= 2, (a, b)


WIDE = TicketSchema.model_validate(
    {
        "attributes": {
            "channel": {
                "type": "enum",
                "values": ["phone", "email", "chat", "social", "app", "shop"],
                "required": True,
            },
            "tier": {"type": "enum", "values": ["vip", "wholesale", "regular", "new"]},
            "language": {"type": "enum", "values": ["vi", "en"]},
            "stage": {"type": "enum", "values": ["before", "during", "after"]},
            "order_value": {"type": "number", "minimum": 0},
            "repeat": {"type": "boolean"},
        }
    }
)


def test_fallthrough_descriptions_are_compact() -> None:
    """Forty rules over six attributes leave a fall-through of many disjoint pieces, described
    in a handful of merged lines, each with a witness that reaches the default."""
    rules = [
        {
            "id": f"r{i}",
            "when": {
                "all": [
                    {"channel": channel, "tier": tier, "language": language},
                    {
                        "any": [
                            {"stage": {"present": True}},
                            {"repeat": True},
                            {"order_value": {"gte": 1000}},
                        ]
                    },
                ]
            },
            "to": "desk",
        }
        for i, (channel, tier, language) in enumerate(
            itertools.product(
                ["phone", "email", "chat", "social", "app"],
                ["vip", "wholesale", "regular", "new"],
                ["vi", "en"],
            )
        )
    ]
    assert len(rules) == 40
    analysis = _analyse(rules, WIDE)
    assert {v.reach for v in analysis.rules} == {Reach.REACHABLE}
    fallthrough = analysis.fallthrough
    assert fallthrough.known
    assert len(fallthrough.regions) > 20
    assert 1 <= len(fallthrough.descriptions) <= 6
    assert len(fallthrough.witnesses) == len(fallthrough.descriptions)
    assert "channel = shop" in fallthrough.descriptions
    router = Router(_routing(rules), WIDE)
    for witness in fallthrough.witnesses:
        assert router.route(witness).is_default, witness


def test_unknown_verdicts_say_why_in_both_languages() -> None:
    """Each reason the analysis gives up is the catalogue's, in Vietnamese and English, with
    the limit or the rule it names; a verdict that is not unknown has none."""
    rules: list[dict[str, Any]] = [
        {"id": "first", "when": {"tier": "vip"}, "to": "a"},
        {"id": "huge", "when": _huge(), "to": "b"},
        {"id": "later", "when": {"channel": "phone"}, "to": "c"},
    ]
    first, huge, later = _analyse(rules).rules
    assert first.reason == NO_REASON
    assert huge.reason == Said(
        vi="điều kiện của quy tắc có hơn 256 phương án khi khai triển `all`/`any`/`not`",
        en="its condition has more than 256 alternatives once `all`/`any`/`not` are expanded",
    )
    assert later.reason == Said(
        vi="một quy tắc đứng trước, `huge`, quá phức tạp để phân tích",
        en="an earlier rule, `huge`, is too complex to analyse",
    )
    assert _analyse(rules).fallthrough.reason == Said(
        vi="quy tắc `huge` quá phức tạp để phân tích",
        en="rule `huge` is too complex to analyse",
    )


def test_too_many_pieces_say_why_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the work limit a later rule is unknown, and past the piece limit the fall-through,
    saying so in both languages with the limit; a rule the limit on pieces alone would cut
    too finely is still answered (its first piece is found depth first)."""
    monkeypatch.setattr(analysis_module, "PIECE_LIMIT", 1)
    rules: list[dict[str, Any]] = [
        {"id": "vip", "when": {"tier": "vip", "channel": "phone"}, "to": "a"},
        {"id": "valued", "when": {"repeat": True}, "to": "b"},
    ]
    answered = _analyse(rules).rules[1]
    assert answered.reach is Reach.REACHABLE
    assert answered.witness == {"channel": "phone", "repeat": True}
    assert len(answered.regions) == 2
    monkeypatch.setattr(analysis_module, "WORK_LIMIT", 0)
    analysis = _analyse(rules)
    assert analysis.rules[1].reach is Reach.UNKNOWN
    assert analysis.rules[1].reason == Said(
        vi="các quy tắc đứng trước chia các phiếu của quy tắc thành quá nhiều phần (hơn 1) "
        "hoặc phép phân tích đã dùng hết khối lượng tính toán cho phép",
        en="the earlier rules split its tickets into too many pieces (more than 1) or the "
        "analysis ran out of its work budget",
    )
    assert not analysis.fallthrough.known
    assert analysis.fallthrough.reason == Said(
        vi="các quy tắc chia các phiếu thành quá nhiều phần (hơn 1) hoặc phép phân tích đã "
        "dùng hết khối lượng tính toán cho phép",
        en="the rules split the tickets into too many pieces (more than 1) or the analysis "
        "ran out of its work budget",
    )
