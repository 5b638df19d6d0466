"""`cskh-org escalation`: every path with its handoffs, one holder's paths, JSON, and clean
failures (invalid document: 1, unknown holder: 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import RunCli
from tests.documents import ESCALATION_ORG

GROWING = "examples/growing/department.yaml"

DOCUMENT = (
    ESCALATION_ORG
    + """\
externals:
  - {id: head_of_sales, name: {vi: Trưởng phòng bán hàng}, kind: head_of_sales, reports_to: board}
  - {id: board, name: {vi: Ban giám đốc}, kind: board}
  - {id: technical, name: {vi: Phòng Kỹ thuật}, kind: technical, reports_to: board}
routing:
  rules:
    - {id: chat, when: {channel: chat}, to: desk}
  default: team
escalation:
  steps:
    - {id: desk_up, from: desk, to: team, on: [{on: manual}]}
    - {id: team_tech, from: team, to: technical, kind: functional, on: [{on: manual}]}
    - {id: team_up, from: team, to: care, on: [{on: manual}]}
    - {id: care_up, from: care, to: head_of_sales, on: [{on: manual}]}
    - {id: hos_up, from: head_of_sales, to: board, on: [{on: manual}]}
  partners: [technical]
  closers: [care, team, desk, head_of_sales, board]
  max_handoffs: 7
"""
)


def _write(tmp_path: Path, text: str = DOCUMENT) -> str:
    path = tmp_path / "department.yaml"
    path.write_text(text, "utf-8")
    return str(path)


def test_prints_every_path_with_its_handoffs(run_cli: RunCli, tmp_path: Path) -> None:
    """Each routed queue's path is a line with its handoffs, then the worst case and a key."""
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path)])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "desk → team ⇄ technical → care → head_of_sales → board  (6 handoffs)",
        "team ⇄ technical → care → head_of_sales → board  (5 handoffs)",
        "worst case: 7 handoffs per ticket, routing included (max_handoffs: 7)",
        "→ up the reporting line (1 handoff); ⇄ to a partner and back (2 handoffs)",
    ]


def test_from_one_holder(run_cli: RunCli, tmp_path: Path) -> None:
    """`--from` lists the paths from that holder only, without the worst case line."""
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path), "--from", "care"])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "care → head_of_sales → board  (2 handoffs)",
        "→ up the reporting line (1 handoff); ⇄ to a partner and back (2 handoffs)",
    ]
    board = run_cli(["escalation", "--lang", "en", _write(tmp_path), "--from", "board"])
    assert board.out.splitlines() == ["board  (0 handoffs)"]


def test_json_format(run_cli: RunCli, tmp_path: Path) -> None:
    """`--format json` gives the paths with their hops, and the worst case and maximum."""
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path), "--format", "json"])
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["from"] is None
    assert report["worst_case_handoffs"] == 7
    assert report["max_handoffs"] == 7
    assert report["routing_handoffs"] == 1
    first = report["paths"][0]
    assert first["holders"] == ["desk", "team", "care", "head_of_sales", "board"]
    assert first["handoffs"] == 6
    assert [hop["step"] for hop in first["hops"]] == [
        "desk_up",
        "team_tech",
        "team_up",
        "care_up",
        "hos_up",
    ]
    assert first["hops"][1]["returns_to"] == "team"


def test_unknown_holder_exits_2_with_a_suggestion(run_cli: RunCli, tmp_path: Path) -> None:
    """An unknown `--from` holder is a usage error (exit 2) with a did-you-mean."""
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path), "--from", "tema"])
    assert result.code == 2
    assert result.out == ""
    assert "`tema` is neither a unit nor an external party" in result.err
    assert "(did you mean `team`?)" in result.err


def test_invalid_document_exits_1(run_cli: RunCli, tmp_path: Path) -> None:
    """A document with errors (here an escalation cycle) exits 1 and shows the errors."""
    text = DOCUMENT.replace("from: care, to: head_of_sales", "from: care, to: desk")
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path, text)])
    assert result.code == 1
    assert "error[escalation-cycle]" in result.err
    assert "the document is invalid" in result.err


def test_without_escalation_section(run_cli: RunCli, tmp_path: Path) -> None:
    """Without `escalation` every routed queue is listed with no handoff, and a note."""
    text = DOCUMENT[: DOCUMENT.index("escalation:")]
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path, text)])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "desk  (0 handoffs)",
        "team  (0 handoffs)",
        "(no `escalation` section: tickets stay where they are routed)",
        "worst case: 1 handoff per ticket, routing included (max_handoffs: 5)",
    ]


def test_missing_file_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    """A file that does not exist is unreadable input: exit 2."""
    result = run_cli(["escalation", "--lang", "en", str(tmp_path / "missing.yaml")])
    assert result.code == 2
    assert "cskh-org: error:" in result.err


def test_growing_example_chain_ends_at_the_board(run_cli: RunCli) -> None:
    """The growing example's paths all end at the board, with technical and warehouse hops."""
    result = run_cli(["escalation", "--lang", "en", GROWING])
    assert result.code == 0, result.err
    paths = [line for line in result.out.splitlines() if re.search(r"  \(\d+ handoffs?\)$", line)]
    assert paths
    assert all(" → board  (" in line for line in paths)
    assert "after_sales ⇄ technical ⇄ warehouse → cskh → head_of_sales → board" in result.out
    assert "online_care → support" in result.out


def test_large_example_chain_ends_at_the_board(run_cli: RunCli) -> None:
    """The large example escalates from every routed queue up to the board, within its
    maximum."""
    result = run_cli(
        ["escalation", "--lang", "en", "examples/large/department.yaml", "--format", "json"]
    )
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["paths"]
    assert {path["end"] for path in report["paths"]} == {"board"}
    assert report["worst_case_handoffs"] <= report["max_handoffs"]
    partners = {
        hop["to"] for p in report["paths"] for hop in p["hops"] if hop["kind"] == "functional"
    }
    assert {"technical", "warehouse"} <= partners


SIDEWAYS = DOCUMENT.replace(
    "    - {id: team_up,",
    "    - {id: to_care, from: desk, to: care, kind: lateral,\n"
    "       on: [{on: category, values: [complaint]}]}\n"
    "    - {id: after_care, from: desk, to: care, on: [{on: resolved}]}\n"
    "    - {id: team_up,",
)


def test_lateral_steps_and_follow_ups_are_shown(run_cli: RunCli, tmp_path: Path) -> None:
    """A lateral step is drawn `⇒` (with its words in the key); the follow-up steps are
    listed after the paths, with no handoff."""
    result = run_cli(["escalation", "--lang", "en", _write(tmp_path, SIDEWAYS), "--from", "desk"])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "desk → team ⇄ technical → care → head_of_sales → board  (6 handoffs)",
        "desk ⇒ care → head_of_sales → board  (3 handoffs)",
        "→ up the reporting line (1 handoff); ⇄ to a partner and back (2 handoffs); "
        "⇒ sideways, the receiving unit keeps it (1 handoff)",
        "follow-ups on resolution (the ticket stays resolved, no handoff):",
        "  desk ↷ care  (step `after_care`)",
    ]
    team = run_cli(["escalation", "--lang", "en", _write(tmp_path, SIDEWAYS), "--from", "team"])
    assert team.out.splitlines() == [  # no lateral step, no follow-up from there
        "team ⇄ technical → care → head_of_sales → board  (5 handoffs)",
        "→ up the reporting line (1 handoff); ⇄ to a partner and back (2 handoffs)",
    ]
    vi = run_cli(["escalation", _write(tmp_path, SIDEWAYS)]).out
    assert "  Tổ chat ↷ Phòng CSKH  (bước `after_care`)\n" in vi
    report = json.loads(run_cli(["escalation", _write(tmp_path, SIDEWAYS), "--format", "json"]).out)
    [follow_up] = report["follow_ups"]
    assert (follow_up["step"], follow_up["handoffs"], follow_up["follow_up"]) == (
        "after_care",
        0,
        True,
    )
    plain = json.loads(run_cli(["escalation", _write(tmp_path), "--format", "json"]).out)
    assert "follow_ups" not in plain
