"""`cskh-org route`: one ticket (with --explain), a JSONL stream, and clean failures."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli

GROWING = "examples/growing/department.yaml"
VIP_COMPLAINT = '{"channel": "phone", "tier": "vip", "category": "complaint", "priority": "normal"}'


def test_one_ticket_prints_the_decision(run_cli: RunCli) -> None:
    """A single ticket prints its queue, the rule that fired, skills and priority."""
    result = run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "unit:     after_sales",
        "rule:     vip_complaint",
        "skills:   complaint_handling",
        "priority: urgent",
    ]


def test_one_ticket_as_json(run_cli: RunCli) -> None:
    """`--format json` prints the decision as one JSON object."""
    result = run_cli(["route", GROWING, "--ticket", '{"channel": "zalo"}', "--format", "json"])
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "unit": "online_care",
        "rule": "online_channels",
        "default": False,
        "skills": [],
        "priority": "low",
        "priority_shift": 0,
    }


def test_default_is_named_as_such(run_cli: RunCli) -> None:
    """A ticket no rule matches is shown going to the default."""
    result = run_cli(["route", GROWING, "--ticket", '{"channel": "phone"}'])
    assert result.code == 0, result.err
    assert "rule:     (default: no rule matched)" in result.out
    assert "unit:     support" in result.out


def test_explain_gives_a_line_per_rule_and_marks_the_winner(run_cli: RunCli) -> None:
    """--explain lists every rule in order with why it matched, marking the one that fired."""
    ticket = '{"channel": "phone", "category": "complaint"}'
    result = run_cli(["route", GROWING, "--ticket", ticket, "--explain"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "✗ online_channels",
        "✗ vip_complaint",
        "→ complaints",
        "✗ returns_and_warranty",
        "✗ english_speakers",
        "✗ large_orders",
    ]
    assert "tier is missing, but the rule wants = `vip`" in lines[1]
    assert lines[-1] == "= after_sales (rule complaints)"


def test_explain_as_json(run_cli: RunCli) -> None:
    """--explain --format json gives the decision and one entry per rule."""
    result = run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT, "--explain", "--format", "json"])
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["decision"]["rule"] == "vip_complaint"
    fired = [r["rule"] for r in report["rules"] if r["fired"]]
    matched = [r["rule"] for r in report["rules"] if r["matched"]]
    assert fired == ["vip_complaint"]
    assert matched == ["vip_complaint", "complaints"]


def test_invalid_ticket_exits_2_naming_the_attribute(run_cli: RunCli) -> None:
    """A ticket outside the schema exits 2 with a one-line reason naming the attribute."""
    result = run_cli(["route", GROWING, "--ticket", '{"channel": "phone", "teir": "vip"}'])
    assert result.code == 2
    assert "unknown attribute `teir`" in result.err
    assert "Traceback" not in result.err
    result = run_cli(["route", GROWING, "--ticket", "{not json"])
    assert result.code == 2
    assert "not valid JSON" in result.err


def test_invalid_document_exits_1_with_its_errors(run_cli: RunCli) -> None:
    """Routing with a document that has errors prints each error and exits 1."""
    result = run_cli(["route", "examples/invalid/rule-shadowed.yaml", "--ticket", "{}"])
    assert result.code == 1
    assert "error[rule-shadowed]" in result.err
    assert "the document is invalid (1 error)" in result.err


NO_ROUTING = """\
id: shop
name: {vi: Cửa hàng}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles: [{id: owner, title: Chủ cửa hàng, monthly_cost: 15000000 VND}]
units:
  - id: care
    name: Chăm sóc khách hàng
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: owner}]
"""


def test_document_without_routing_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    """A document without a `routing` section cannot route: exit 2 saying what to add."""
    path = tmp_path / "no-routing.yaml"
    path.write_text(NO_ROUTING, "utf-8")
    result = run_cli(["route", str(path), "--ticket", '{"channel": "phone"}'])
    assert result.code == 2, result.err
    assert "has no `routing` section" in result.err


def test_ticket_and_tickets_are_exclusive(run_cli: RunCli) -> None:
    """--ticket and --tickets cannot be combined, and one of them is required."""
    assert run_cli(["route", GROWING, "--ticket", "{}", "--tickets", "x.jsonl"]).code == 2
    assert run_cli(["route", GROWING]).code == 2
    result = run_cli(["route", GROWING, "--tickets", "-", "--explain"], stdin="")
    assert result.code == 2
    assert "--explain goes with --ticket" in result.err


STREAM = (
    '{"channel": "chat"}\n'
    "\n"
    '{"channel": "fax"}\n'
    "not json\n"
    '{"channel": "phone", "order_value": 60000000, "stage": "before_sale"}\n'
)


def test_stream_routes_every_valid_line_and_reports_the_others(run_cli: RunCli) -> None:
    """Each valid line gives one JSON decision with its line number; invalid lines go to
    stderr with their number, and the exit code is 2."""
    result = run_cli(["route", GROWING, "--tickets", "-"], stdin=STREAM)
    assert result.code == 2
    decisions = [json.loads(line) for line in result.out.splitlines()]
    assert [(d["line"], d["unit"], d["rule"]) for d in decisions] == [
        (1, "online_care", "online_channels"),
        (5, "support", "large_orders"),
    ]
    errors = result.err.splitlines()
    assert errors[0].startswith("<stdin>:3: error: `channel` is 'fax'")
    assert errors[1].startswith("<stdin>:4: error: not valid JSON")
    assert errors[2] == "<stdin>: 2 invalid lines skipped"


def test_stream_fail_fast_stops_at_the_first_invalid_line(run_cli: RunCli) -> None:
    """--fail-fast stops at the first invalid line with exit 2, after the lines before it."""
    result = run_cli(["route", GROWING, "--tickets", "-", "--fail-fast"], stdin=STREAM)
    assert result.code == 2
    assert len(result.out.splitlines()) == 1
    assert "stopped at line 3" in result.err


def test_stream_from_a_file_with_bad_bytes(run_cli: RunCli, tmp_path: Path) -> None:
    """A file with a line that is not UTF-8 is routed, that line reported by number."""
    path = tmp_path / "tickets.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"channel": "email"}\n\xff\xfe\n{"channel": "app"}\n')
    result = run_cli(["route", GROWING, "--tickets", str(path)])
    assert result.code == 2
    assert [json.loads(line)["line"] for line in result.out.splitlines()] == [1, 3]
    assert f"{path}:2: error: not UTF-8" in result.err


def test_clean_stream_exits_0(run_cli: RunCli) -> None:
    """A stream of valid tickets exits 0 with one decision per ticket."""
    lines = "".join('{"channel": "email", "category": "return"}\n' for _ in range(50))
    result = run_cli(["route", GROWING, "--tickets", "-"], stdin=lines)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 50


def test_missing_tickets_file_exits_2(run_cli: RunCli) -> None:
    """A tickets file that does not exist is a one-line error with exit 2."""
    result = run_cli(["route", GROWING, "--tickets", "no/such/file.jsonl"])
    assert result.code == 2
    assert "cannot read the tickets" in result.err
