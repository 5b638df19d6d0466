"""Reading the vendors' API JSON: rules in position order, conditions as trees, every part
with its JSON path, what cannot be read listed."""

from __future__ import annotations

from cskh_org.helpdesk import read_vendor_set
from cskh_org.helpdesk.vendor import Group
from cskh_org.helpdesk.vendor import Test as VendorTest
from tests.helpdesk.fixtures import documents


def test_zendesk_triggers_in_position_order_with_paths() -> None:
    vendor_set = read_vendor_set("zendesk", documents("zendesk"))
    assert [r.id for r in vendor_set.rules] == [9001, 9002, 9003, 9004, 9005]
    rule = vendor_set.rules[3]
    assert rule.path == "triggers.json:$.triggers[3]"
    assert rule.when.kind == "all"
    *_, any_ = rule.when.items
    assert isinstance(any_, Group)
    assert any_.kind == "any"
    assert [t.path for t in any_.items if isinstance(t, VendorTest)] == [
        "triggers.json:$.triggers[3].conditions.any[0]",
        "triggers.json:$.triggers[3].conditions.any[1]",
    ]
    assert rule.actions[1].path == "triggers.json:$.triggers[3].actions[1]"
    assert rule.set_fields() == frozenset({"group_id"})  # a notification changes no field


def test_freshdesk_condition_sets_joined_by_the_rules_operator() -> None:
    vendor_set = read_vendor_set("freshdesk", documents("freshdesk"))
    rule = vendor_set.rules[2]
    assert rule.when.kind == "all"
    assert [g.path for g in rule.when.items] == [
        "dispatch_rules.json:$[2].conditions[0]",
        "dispatch_rules.json:$[2].conditions[1]",
    ]
    docs = documents("freshdesk")
    docs["dispatch_rules.json"][2]["operator"] = "condition_set_1 or condition_set_2"
    assert read_vendor_set("freshdesk", docs).rules[2].when.kind == "any"


def test_what_cannot_be_read_is_listed() -> None:
    docs = {
        "triggers.json": {"triggers": [7, {"id": 1, "position": 1, "conditions": "all"}]},
        "groups.json": ["not", "zendesk"],
        "notes.json": {},
    }
    problems = {(p.path, p.reason_key) for p in read_vendor_set("zendesk", docs).problems}
    assert problems == {
        ("notes.json:$", "helpdesk.not-imported.unknown-file"),
        ("triggers.json:$.triggers[0]", "helpdesk.not-imported.shape"),
        ("triggers.json:$.triggers[1].conditions", "helpdesk.not-imported.shape"),
        ("groups.json:$", "helpdesk.not-imported.shape"),
    }


def test_deleted_groups_do_not_exist() -> None:
    vendor_set = read_vendor_set("zendesk", documents("zendesk_hostile"))
    assert "360009" not in vendor_set.group_ids()
    assert "360004" in vendor_set.group_ids()


def test_a_document_of_another_shape_is_listed_never_ignored() -> None:
    cases = [
        ("zendesk", {"triggers": "x"}, "triggers.json:$.triggers"),
        ("zendesk", {"triggers": {"id": 1}}, "triggers.json:$.triggers"),
        ("zendesk", {"rules": []}, "triggers.json:$"),
        ("zendesk", [{"id": 1}], "triggers.json:$"),
        ("freshdesk", {"rules": [{"id": 1}]}, "dispatch_rules.json:$"),
    ]
    for vendor, document, where in cases:
        name = "triggers.json" if vendor == "zendesk" else "dispatch_rules.json"
        vendor_set = read_vendor_set(vendor, {name: document})  # type: ignore[arg-type]
        assert [p.path for p in vendor_set.problems] == [where], (vendor, document)
        assert vendor_set.problems[0].reason_key == "helpdesk.not-imported.shape"
    for vendor, name, empty in [
        ("zendesk", "triggers.json", {"triggers": [], "count": 0, "next_page": None}),
        ("zendesk", "triggers.json", {}),
        ("freshdesk", "dispatch_rules.json", []),
    ]:
        assert read_vendor_set(vendor, {name: empty}).problems == ()  # type: ignore[arg-type]


def test_a_repeated_id_is_listed_and_the_first_part_kept() -> None:
    groups = {"groups": [{"id": 1, "name": "First"}, {"id": 1, "name": "Second"}, {"id": 2}]}
    rule = {
        "id": 5,
        "title": "t",
        "active": True,
        "position": 1,
        "conditions": {"all": [{"field": "priority", "operator": "is", "value": "urgent"}]},
        "actions": [{"field": "group_id", "value": 1}],
    }
    triggers = {"triggers": [rule, {**rule, "title": "again"}]}
    vendor_set = read_vendor_set("zendesk", {"groups.json": groups, "triggers.json": triggers})
    assert [g.name for g in vendor_set.groups] == ["First", "2"]
    assert [r.title for r in vendor_set.rules] == ["t"]
    assert [(p.path, p.reason_key, p.detail) for p in vendor_set.problems] == [
        (
            "groups.json:$.groups[1]",
            "helpdesk.not-imported.duplicate-id",
            "1 (groups.json:$.groups[0])",
        ),
        (
            "triggers.json:$.triggers[1]",
            "helpdesk.not-imported.duplicate-id",
            "5 (triggers.json:$.triggers[0])",
        ),
    ]


def test_a_position_not_a_whole_number_is_listed() -> None:
    rule = {"id": 5, "position": 1e308, "conditions": {"all": []}, "actions": []}
    vendor_set = read_vendor_set("zendesk", {"triggers.json": {"triggers": [rule]}})
    assert [r.position for r in vendor_set.rules] == [1]  # its place in the list
    assert [p.path for p in vendor_set.problems] == ["triggers.json:$.triggers[0].position"]
