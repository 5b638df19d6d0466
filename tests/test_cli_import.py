"""``cskh-org import``, ``export`` and ``replay`` for Zendesk and Freshdesk sets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cskh_org.loading import validate
from tests.conftest import RunCli
from tests.helpdesk.fixtures import DATA, FIXTURES


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_import_writes_a_department_that_loads_and_its_sidecar(
    name: str, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "dept.yaml"
    result = run_cli(["import", FIXTURES[name], str(DATA / name), "-o", str(out)])
    hostile = name.endswith("hostile")
    assert result.code == (1 if hostile else 0), result.err
    assert "Traceback" not in result.err
    assert not [f for f in validate(out).findings if f.severity.is_error]
    sidecar = json.loads((tmp_path / "dept.helpdesk.json").read_text(encoding="utf-8"))
    assert sidecar["vendor"] == FIXTURES[name]
    assert "not imported:" in result.out


def test_import_lists_findings_with_json_and_yaml_paths(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["import", "zendesk", str(DATA / "zendesk"), "-o", str(tmp_path / "d.yaml")])
    # the place in the vendor's file leads, then the JSON path
    line = (
        r"zendesk/triggers\.json:(\d+):(\d+): "
        r"\$\.triggers\[3\]: warning\[helpdesk-order-dependent\]"
    )
    found = re.search(line, result.out)
    assert found, result.out
    text = (DATA / "zendesk" / "triggers.json").read_text(encoding="utf-8").splitlines()
    row, column = int(found[1]), int(found[2])
    assert text[row - 1][column - 1] == "{"  # the trigger's object starts there
    assert "(YAML: routing.rules[1])" in result.out
    assert "imported 4 routing rules" in result.out


def test_import_speaks_vietnamese(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(
        ["import", "zendesk", str(DATA / "zendesk"), "-o", str(tmp_path / "d.yaml"), "--lang", "vi"]
    )
    assert "không nhập" in result.out
    assert "đã nhập 4 quy tắc định tuyến" in result.out


def test_import_refuses_to_overwrite_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "d.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = run_cli(["import", "zendesk", str(DATA / "zendesk"), "-o", str(out)])
    assert result.code == 2
    assert "--force" in result.err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert not (tmp_path / "d.helpdesk.json").exists()
    assert (
        run_cli(["import", "zendesk", str(DATA / "zendesk"), "-o", str(out), "--force"]).code == 0
    )


def test_bad_json_is_an_error_not_a_traceback(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "triggers.json"
    bad.write_text('{"triggers": [', encoding="utf-8")
    result = run_cli(["import", "zendesk", str(bad), "-o", str(tmp_path / "d.yaml")])
    assert result.code == 2
    assert "is not valid JSON (line 1" in result.err
    assert "Traceback" not in result.err


def test_export_round_trip_through_the_files(run_cli: RunCli, tmp_path: Path) -> None:
    dept = tmp_path / "dept.yaml"
    assert run_cli(["import", "freshdesk", str(DATA / "freshdesk"), "-o", str(dept)]).code == 0
    result = run_cli(["export", "freshdesk", str(dept), "-o", str(tmp_path / "out")])
    assert result.code == 0, result.err
    assert "a read-only field of the API" in result.out
    for name in ("groups.json", "dispatch_rules.json", "sla_policies.json", "business_hours.json"):
        original = json.loads((DATA / "freshdesk" / name).read_text(encoding="utf-8"))
        written = json.loads((tmp_path / "out" / name).read_text(encoding="utf-8"))
        for item in original:
            for key in ("created_at", "updated_at", "meta"):
                item.pop(key, None)
        assert written == original, name
    again = run_cli(["export", "freshdesk", str(dept), "-o", str(tmp_path / "out")])
    assert again.code == 2
    assert "--force" in again.err


def test_export_needs_the_sidecar_of_the_same_vendor(run_cli: RunCli, tmp_path: Path) -> None:
    dept = tmp_path / "dept.yaml"
    assert run_cli(["import", "zendesk", str(DATA / "zendesk"), "-o", str(dept)]).code == 0
    wrong = run_cli(["export", "freshdesk", str(dept), "-o", str(tmp_path / "out")])
    assert wrong.code == 2
    assert "the sidecar is zendesk's, not freshdesk's" in wrong.err
    (tmp_path / "dept.helpdesk.json").unlink()
    missing = run_cli(["export", "zendesk", str(dept), "-o", str(tmp_path / "out")])
    assert missing.code == 2
    assert "sidecar" in missing.err


def test_replay_compares_the_sidecar_with_the_edited_yaml(run_cli: RunCli, tmp_path: Path) -> None:
    dept = tmp_path / "dept.yaml"
    assert run_cli(["import", "zendesk", str(DATA / "zendesk"), "-o", str(dept)]).code == 0
    text = dept.read_text(encoding="utf-8")
    # send incidents to Billing instead of Support
    edited = text.replace("  to: support\n", "  to: billing\n", 1)  # trigger_9005's
    dept.write_text(edited, encoding="utf-8")
    history = tmp_path / "history.csv"
    history.write_text(
        "id,created,channel,category,priority\n"
        "1,2026-11-02T08:00:00Z,email,incident,normal\n"
        "2,2026-11-02T09:00:00Z,chat,incident,normal\n"
        "3,2026-11-02T10:00:00Z,email,question,low\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "format: csv\ntimezone: UTC\ncolumns: {id: id, created: created, channel: channel, "
        "category: category, priority: priority}\n",
        encoding="utf-8",
    )
    args = ["replay", "zendesk", str(history), "--department", str(dept), "--mapping", str(mapping)]
    result = run_cli(args)
    assert "3 tickets: 1 decided differently" in result.out, result.err
    assert "1: Support (360001) -> Billing (360002) (group_id)" in result.out


def test_import_json_gives_both_messages_and_both_paths(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "d.yaml"
    result = run_cli(
        ["import", "freshdesk", str(DATA / "freshdesk_hostile"), "-o", str(out), "--format", "json"]
    )
    assert result.code == 1  # a rule sends tickets to a deleted group
    data = json.loads(result.out)
    unknown = next(f for f in data["findings"] if f["code"] == "helpdesk-unknown-group")
    assert unknown["vendor_path"] == "dispatch_rules.json:$[5].actions[0]"
    assert unknown["yaml_path"] is None  # the rule is not in the YAML
    assert unknown["message_vi"].startswith("quy tắc 6")
    shadowed = next(f for f in data["findings"] if f["code"] == "helpdesk-never-fires")
    assert shadowed["vendor_path"] == "dispatch_rules.json:$[7]"
    reasons = {n["reason"] for n in data["not_imported"]}
    assert "helpdesk.not-imported.inactive" in reasons
    assert "imported 4 routing rules" in result.err


def test_replay_json_counts_the_moves(run_cli: RunCli, tmp_path: Path) -> None:
    ex = "examples/helpdesk"
    dept = tmp_path / "dept.yaml"
    assert run_cli(["import", "zendesk", f"{ex}/zendesk", "-o", str(dept)]).code == 0
    args = [
        "replay",
        "zendesk",
        f"{ex}/history.csv",
        "--department",
        str(dept),
        "--mapping",
        f"{ex}/mapping.yaml",
    ]
    args += [
        "--before",
        f"{ex}/zendesk",
        "--after",
        f"{ex}/zendesk-edited",
        "--format",
        "json",
        "--limit",
        "2",
    ]
    result = run_cli(args)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["tickets"] == 200
    assert data["moves"] == [{"before": "360001", "after": "360002", "tickets": data["differ"]}]
    assert len(data["changes"]) == 2


def test_a_renamed_unit_renames_its_group_on_export(run_cli: RunCli, tmp_path: Path) -> None:
    dept = tmp_path / "dept.yaml"
    assert run_cli(["import", "zendesk", str(DATA / "zendesk"), "-o", str(dept)]).code == 0
    text = dept.read_text(encoding="utf-8").replace(
        "en: Billing\n", "en: Billing and payments\n", 1
    )
    dept.write_text(text, encoding="utf-8")
    result = run_cli(["export", "zendesk", str(dept), "-o", str(tmp_path / "out")])
    assert "groups.json:$.groups[1].name: edited in the YAML" in result.out
    groups = json.loads((tmp_path / "out" / "groups.json").read_text(encoding="utf-8"))["groups"]
    assert groups[1]["name"] == "Billing and payments"


def test_a_file_not_of_the_api_shape_fails_the_import(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "zd"
    folder.mkdir()
    (folder / "triggers.json").write_text('{"triggers": "x"}', encoding="utf-8")
    result = run_cli(["import", "zendesk", str(folder), "-o", str(tmp_path / "d.yaml")])
    assert result.code == 1, result.out
    assert "triggers.json:1:14: $.triggers: not imported: unreadable" in result.out
    assert "Traceback" not in result.err
