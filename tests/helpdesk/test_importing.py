"""Import: department data that loads with no errors, vendor ids in the sidecar, and every
part not imported listed with its JSON path and reason."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.helpdesk import import_set
from cskh_org.loading import validate_text
from tests.helpdesk.fixtures import FIXTURES, documents


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_fixture_imports_to_a_department_that_loads_without_errors(name: str) -> None:
    imported = import_set(FIXTURES[name], documents(name))
    text = yaml.safe_dump(dict(imported.department), sort_keys=False, allow_unicode=True)
    result = validate_text(text, name=name)
    assert not [f for f in result.findings if f.severity.is_error]
    assert result.unwrap().routing is not None


def test_zendesk_group_triggers_become_first_match_rules_in_reverse_position_order() -> None:
    imported = import_set("zendesk", documents("zendesk"))
    rules = imported.department["routing"]["rules"]
    assert [r["id"] for r in rules] == [
        "trigger_9005",
        "trigger_9004",
        "trigger_9003",
        "trigger_9002",
    ]
    assert rules[0]["when"] == {
        "all": [
            {"update_type": "create"},
            {"category": "incident"},
            {"not": {"channel": "chat"}},
        ]
    }
    # priority greater_than high: the values above it
    assert rules[1]["when"]["all"][1] == {"priority": {"in": ["urgent"]}}
    assert rules[1]["to"] == "vip_desk"
    assert imported.department["routing"]["default"] == "support"  # the group marked default


def test_the_sidecar_keeps_the_vendor_ids_and_documents() -> None:
    docs = documents("zendesk")
    imported = import_set("zendesk", docs)
    sidecar = imported.sidecar
    assert sidecar["vendor"] == "zendesk"
    assert sidecar["units"]["billing"] == 360002
    assert sidecar["rules"]["trigger_9002"] == {"id": 9002, "file": "triggers.json", "index": 1}
    assert sidecar["calendars"] == {"support_hours": 80001}
    assert sidecar["documents"] == docs


def test_what_is_not_imported_is_listed_with_its_json_path() -> None:
    imported = import_set("zendesk", documents("zendesk_hostile"))
    listed = {(n.path, n.reason_key.rsplit(".", 1)[1]) for n in imported.not_imported}
    assert listed == {
        ("schedules.json:$.schedules[1]", "closed-schedule"),
        ("groups.json:$.groups[4]", "deleted-group"),
        ("triggers.json:$.triggers[0]", "no-group"),
        ("triggers.json:$.triggers[1]", "tests-set-field"),
        ("triggers.json:$.triggers[2]", "no-group"),
        ("triggers.json:$.triggers[3].actions[0]", "unknown-group"),
        ("triggers.json:$.triggers[4].conditions.all[0]", "field"),
        ("triggers.json:$.triggers[5]", "inactive"),
        ("triggers.json:$.triggers[6]", "never-fires"),
        ("triggers.json:$.triggers[7].conditions.all[0]", "field"),
        ("sla_policies.json:$.sla_policies[2]", "sla-unmatched"),
    }
    assert imported.department["routing"]["rules"] == []  # none of them routes as first-match


def test_nothing_is_dropped_silently_every_rule_is_imported_or_listed() -> None:
    for name, vendor in FIXTURES.items():
        imported = import_set(vendor, documents(name))
        listed = {n.path for n in imported.not_imported}
        for rule in imported.vendor_set.rules:
            placed = rule.path in imported.yaml_paths
            named = any(p == rule.path or p.startswith(f"{rule.path}.") for p in listed)
            assert placed or named, (name, rule.path)


def test_freshdesk_rules_keep_their_order_and_sets() -> None:
    imported = import_set("freshdesk", documents("freshdesk"))
    rules = imported.department["routing"]["rules"]
    assert [r["id"] for r in rules] == ["rule_1", "rule_2", "rule_3", "rule_4"]
    assert rules[0]["when"] == {"any": [{"priority": "urgent"}, {"priority": "high"}]}
    assert rules[2]["when"] == {"all": [{"category": "Return"}, {"channel": "portal"}]}
    # a rule that sets no group keeps the ticket unassigned: the default route
    assert rules[3]["to"] == "unassigned"
    assert rules[3]["when"]["all"][1] == {"priority": {"in": ["low"]}}


def test_schedules_become_calendars_with_holidays() -> None:
    imported = import_set("zendesk", documents("zendesk"))
    (calendar,) = imported.department["calendars"]
    assert calendar["timezone"] == "Asia/Ho_Chi_Minh"
    assert calendar["week"]["mon"] == ["08:00-17:00"]
    assert "sun" not in calendar["week"]
    assert calendar["holidays"] == [
        {"date": "2027-02-05", "until": "2027-02-10", "name": {"en": "Tết"}}
    ]


def test_sla_metrics_become_policies_per_priority() -> None:
    imported = import_set("zendesk", documents("zendesk"))
    policies = imported.department["sla"]["policies"]
    first = policies[0]
    assert first["id"] == "sla_501_urgent"
    assert first["when"] == {"all": [{"category": "incident"}, {"priority": "urgent"}]}
    assert first["first_response"] == {"within": "30m", "clock": "calendar"}
    high = policies[1]
    assert high["resolution"] == {"within": "8h", "clock": "business", "calendar": "support_hours"}


@given(
    st.text(max_size=260),
    st.text(max_size=260),
)
@settings(max_examples=60, deadline=None)
def test_hostile_names_and_titles_still_give_a_department_that_loads(name: str, title: str) -> None:
    groups = {"groups": [{"id": 1, "name": name, "description": title}]}
    rule = {
        "id": 5,
        "title": title,
        "position": 1,
        "conditions": {"all": [{"field": "priority", "operator": "is", "value": "urgent"}]},
        "actions": [{"field": "group_id", "value": 1}],
    }
    docs = {"groups.json": groups, "triggers.json": {"triggers": [rule]}}
    imported = import_set("zendesk", docs)
    text = yaml.safe_dump(dict(imported.department), sort_keys=False, allow_unicode=True)
    result = validate_text(text, name="hostile")
    assert not [f for f in result.findings if f.severity.is_error], text
    changed = {n.path for n in imported.not_imported if n.reason_key.endswith("display-text")}
    unit = imported.department["units"][1]
    written = name or "1"  # a group without a name is named by its id
    # a text kept as written is not listed; one changed is, never silently
    assert (unit["name"]["en"] == written) == ("groups.json:$.groups[0].name" not in changed)
