"""The vendors' semantics on one ticket: Zendesk's cycle (the last group set wins, a
trigger fires once, the cycle restarts after each), Freshdesk's first match."""

from __future__ import annotations

from typing import Any

from cskh_org.helpdesk import Engine, read_vendor_set
from cskh_org.helpdesk.fields import field_infos


def _zendesk(*triggers: tuple[int, list[tuple[str, str, Any]], list[tuple[str, Any]]]) -> Engine:
    raw = [
        {
            "id": i,
            "position": i,
            "active": True,
            "conditions": {"all": [{"field": f, "operator": o, "value": v} for f, o, v in all_]},
            "actions": [{"field": f, "value": v} for f, v in actions],
        }
        for i, all_, actions in triggers
    ]
    vendor_set = read_vendor_set("zendesk", {"triggers.json": {"triggers": raw}})
    return Engine("zendesk", vendor_set.rules, field_infos(vendor_set))


def test_the_last_group_set_wins() -> None:
    engine = _zendesk(
        (1, [("via_id", "is", "4")], [("group_id", 10)]),
        (2, [("priority", "is", "urgent")], [("group_id", 20)]),
    )
    outcome = engine.run({"via_id": "4", "priority": "urgent"})
    assert outcome.group == "20"
    assert outcome.fired == ("1", "2")


def test_the_cycle_restarts_and_an_earlier_trigger_sees_the_change() -> None:
    engine = _zendesk(
        (1, [("priority", "is", "urgent")], [("group_id", 30)]),
        (2, [("current_tags", "includes", "vip")], [("priority", "urgent")]),
    )
    outcome = engine.run({"priority": "low", "current_tags": frozenset({"vip"})})
    assert outcome.fired == ("2", "1")
    assert outcome.group == "30"


def test_a_trigger_fires_at_most_once() -> None:
    engine = _zendesk(
        (1, [("status", "is", "new")], [("status", "open")]),
        (2, [("status", "is", "open")], [("status", "new")]),
    )
    outcome = engine.run({"status": "new"})
    assert outcome.fired == ("1", "2")
    assert outcome.ticket["status"] == "new"


def test_an_undecidable_condition_never_fires_and_is_listed() -> None:
    engine = _zendesk((1, [("comment_includes_word", "includes", "refund")], [("group_id", 1)]))
    assert [r.id for r in engine.undecided] == [1]
    assert engine.run({}).fired == ()


def test_freshdesk_runs_the_first_matching_rule_only() -> None:
    raw = [
        {
            "id": i,
            "position": i,
            "active": True,
            "conditions": [
                {
                    "match_type": "all",
                    "properties": [{"field_name": "priority", "operator": op, "value": v}],
                }
            ],
            "operator": "condition_set_1",
            "actions": [{"field_name": "group_id", "value": 100 + i}],
        }
        for i, op, v in [(1, "greater_than", 2), (2, "in", [3, 4])]
    ]
    vendor_set = read_vendor_set("freshdesk", {"dispatch_rules.json": raw})
    engine = Engine("freshdesk", vendor_set.rules, field_infos(vendor_set))
    assert engine.run({"priority": 4}).fired == ("1",)
    assert engine.run({"priority": 3}).group == "101"
    assert engine.run({"priority": 1}).fired == ()
