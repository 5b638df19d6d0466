"""Verification with the vendor's semantics, on the hostile fixtures and on a generated
500-trigger set with seeded mistakes."""

from __future__ import annotations

from cskh_org.helpdesk import import_set, read_vendor_set, verify
from tests.helpdesk.fixtures import documents
from tests.helpdesk.synthetic import zendesk_set


def _found(vendor: str, docs: dict[str, object]) -> set[tuple[str, str]]:
    result = verify(read_vendor_set(vendor, docs))  # type: ignore[arg-type]
    return {(v.vendor_path, v.finding.code) for v in result.verdicts}


def test_the_zendesk_hostile_set() -> None:
    assert _found("zendesk", documents("zendesk_hostile")) == {
        ("triggers.json:$.triggers[3].actions[0]", "helpdesk-unknown-group"),
        ("triggers.json:$.triggers[6]", "helpdesk-never-fires"),
        ("triggers.json:$.triggers[1]", "helpdesk-trigger-loop"),
        ("triggers.json:$.triggers[3]", "helpdesk-order-dependent"),
        ("sla_policies.json:$.sla_policies[2]", "helpdesk-sla-unmatched"),
        ("schedules.json:$.schedules[1]", "helpdesk-schedule-closed"),
    }


def test_the_freshdesk_hostile_set() -> None:
    found = _found("freshdesk", documents("freshdesk_hostile"))
    assert ("dispatch_rules.json:$[7]", "helpdesk-never-fires") in found
    assert ("dispatch_rules.json:$[5].actions[0]", "helpdesk-unknown-group") in found
    assert ("sla_policies.json:$[2]", "helpdesk-sla-unmatched") in found
    assert ("business_hours.json:$[1]", "helpdesk-schedule-closed") in found
    # the disabled rule is not verified (it never runs)
    assert not any(path.startswith("dispatch_rules.json:$[4]") for path, _ in found)


def test_an_exception_before_its_rule_is_not_order_dependent() -> None:
    docs = documents("freshdesk")
    rules = docs["dispatch_rules.json"]
    narrow = {
        **rules[1],
        "id": 99,
        "position": 0,
        "actions": [{"field_name": "group_id", "value": 43000003}],
    }
    narrow["conditions"] = [
        {
            "name": "condition_set_1",
            "match_type": "all",
            "properties": [
                {
                    "resource_type": "ticket",
                    "field_name": "ticket_type",
                    "operator": "is",
                    "value": "Refund",
                },
                {"resource_type": "ticket", "field_name": "source", "operator": "is", "value": 1},
                {"resource_type": "ticket", "field_name": "priority", "operator": "is", "value": 1},
            ],
        }
    ]
    docs["dispatch_rules.json"] = [narrow, *rules]
    found = _found("freshdesk", docs)
    assert not any(path == "dispatch_rules.json:$[0]" for path, _ in found)


def test_findings_say_both_languages_and_point_into_the_yaml() -> None:
    imported = import_set("zendesk", documents("zendesk"))
    verdict = next(v for v in imported.verdicts if v.vendor_path == "triggers.json:$.triggers[3]")
    assert verdict.yaml_path == "routing.rules[1]"
    assert verdict.finding.path == ("routing", "rules", 1)
    assert "phụ thuộc thứ tự" in verdict.finding.text("vi")
    assert "depends on the order" in verdict.finding.text("en")
    assert verdict.line().startswith(
        "triggers.json:$.triggers[3]: warning[helpdesk-order-dependent]"
    )


def test_500_generated_triggers_clean_report_nothing() -> None:
    docs, seeded = zendesk_set(500, mistakes=False)
    assert not seeded
    assert _found("zendesk", docs) == set()


def test_500_generated_triggers_every_seeded_mistake_is_found_and_nothing_else() -> None:
    docs, seeded = zendesk_set(500, mistakes=True)
    assert _found("zendesk", docs) == set(seeded.items())
    assert set(seeded.values()) >= {
        "helpdesk-never-fires",
        "helpdesk-trigger-loop",
        "helpdesk-sla-unmatched",
        "helpdesk-schedule-closed",
    }


def test_the_seeded_rules_are_left_out_of_the_yaml_and_it_loads() -> None:
    import yaml

    from cskh_org.loading import validate_text

    docs, _ = zendesk_set(500, mistakes=True)
    imported = import_set("zendesk", docs)
    ids = {r["id"] for r in imported.department["routing"]["rules"]}
    assert "trigger_90001" not in ids
    assert "trigger_90002" not in ids
    assert len(ids) == 500
    text = yaml.safe_dump(dict(imported.department), sort_keys=False)
    assert not [f for f in validate_text(text).findings if f.severity.is_error]
