"""Export: import then export gives every fixture back, up to the differences listed; an
edit in the YAML is written back, and imports again as edited."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cskh_org.helpdesk import export_freshdesk, export_set, export_zendesk, import_set
from cskh_org.helpdesk.export import department_data
from tests.helpdesk.fixtures import FIXTURES, documents
from tests.helpdesk.synthetic import zendesk_set


def _diff(a: Any, b: Any, path: str) -> set[str]:
    """Every JSON path where ``a`` and ``b`` differ (a key or item present on one side only,
    or a different value), in the vendors' path form."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: set[str] = set()
        for key in set(a) | set(b):
            where = f"{path}.{key}"
            if key not in a or key not in b:
                out.add(where)
            else:
                out |= _diff(a[key], b[key], where)
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return {path}
        return set().union(
            *(_diff(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True)))
        )
    return set() if a == b else {path}


def _all_differences(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for name in set(before) | set(after):
        out |= _diff(before.get(name), after.get(name), f"{name}:$")
    return out


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_round_trip_gives_the_input_up_to_the_listed_differences(name: str) -> None:
    docs = documents(name)
    imported = import_set(FIXTURES[name], copy.deepcopy(docs))
    exported = export_set(FIXTURES[name], department_data(imported.department), imported.sidecar)
    listed = {d.path for d in exported.differences}
    assert _all_differences(docs, dict(exported.documents)) == listed
    # on an unedited department, the only differences are the API's read-only fields
    assert {d.reason for d in exported.differences} <= {"helpdesk.difference.read-only"}


def test_round_trip_of_the_generated_set() -> None:
    docs, _ = zendesk_set(500, mistakes=True)
    imported = import_set("zendesk", copy.deepcopy(docs))
    exported = export_zendesk(department_data(imported.department), imported.sidecar)
    assert _all_differences(docs, dict(exported.documents)) == {
        d.path for d in exported.differences
    }


def test_the_export_reimports_to_the_same_routing() -> None:
    for name, vendor in FIXTURES.items():
        imported = import_set(vendor, documents(name))
        exported = export_set(vendor, department_data(imported.department), imported.sidecar)
        again = import_set(vendor, dict(exported.documents))
        assert again.department["routing"] == imported.department["routing"], name


def _edited(vendor: str) -> tuple[Any, dict[str, Any], Any]:
    imported = import_set(vendor, documents(vendor))  # type: ignore[arg-type]
    data = department_data(imported.department)
    rules = data["routing"]["rules"]
    rules[0]["to"] = {"unit": "billing"}
    rules[0], rules[1] = rules[1], rules[0]
    rules[2]["when"] = {
        "all": [
            {"priority": {"in": ["high", "urgent"]}},
            {"any": [{"channel": "email"}, {"channel": "chat"}]},
        ]
    }
    del rules[3]
    rules.append({"id": "new_rule", "when": {"channel": "email"}, "to": {"unit": "returns"}})
    return imported, data, export_set(vendor, data, imported.sidecar)  # type: ignore[arg-type]


@pytest.mark.parametrize("vendor", ["zendesk", "freshdesk"])
def test_an_edited_routing_is_written_back_and_imports_as_edited(vendor: str) -> None:
    _, data, exported = _edited(vendor)
    reasons = {d.reason.rsplit(".", 1)[1] for d in exported.differences}
    assert {"edited", "position", "removed", "added"} <= reasons
    again = import_set(vendor, dict(exported.documents))  # type: ignore[arg-type]
    want = [(r.get("when"), r["to"]["unit"]) for r in department_data(data)["routing"]["rules"]]
    got = [
        (r.get("when"), r["to"]["unit"])
        for r in department_data(again.department)["routing"]["rules"]
    ]
    assert got == want


def test_an_edited_group_action_is_named() -> None:
    _, _, exported = _edited("freshdesk")
    assert any(d.path == "dispatch_rules.json:$[0].actions[0].value" for d in exported.differences)
    rules = exported.documents["dispatch_rules.json"]
    assert rules[0]["actions"][0]["value"] == 43000002


def test_edits_outside_groups_and_routing_are_listed_as_not_exported() -> None:
    imported = import_set("freshdesk", documents("freshdesk"))
    data = department_data(imported.department)
    data["sla"]["policies"] = data["sla"]["policies"][1:]
    exported = export_freshdesk(data, imported.sidecar)
    assert any(
        d.path == "sla_policies.json:$" and d.reason == "helpdesk.difference.not-exported"
        for d in exported.differences
    )
