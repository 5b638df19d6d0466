"""`cskh-org route`: one ticket (with --explain), a JSONL stream, and clean failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunCli

GROWING = "examples/growing/department.yaml"
VIP_COMPLAINT = '{"channel": "phone", "tier": "vip", "category": "complaint", "priority": "normal"}'


def test_one_ticket_prints_the_decision(run_cli: RunCli) -> None:
    """A single ticket prints its queue, the rule that fired, skills and priority."""
    result = run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT, "--lang", "en"])
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
    result = run_cli(["route", GROWING, "--ticket", '{"channel": "phone"}', "--lang", "en"])
    assert result.code == 0, result.err
    assert "rule:     (default: no rule matched)" in result.out
    assert "unit:     support" in result.out


def test_explain_gives_a_line_per_rule_and_marks_the_winner(run_cli: RunCli) -> None:
    """--explain lists every rule in order with why it matched, marking the one that fired."""
    ticket = '{"channel": "phone", "category": "complaint"}'
    result = run_cli(["route", GROWING, "--ticket", ticket, "--explain", "--lang", "en"])
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


def test_lang_vi_names_the_unit_and_the_priority(run_cli: RunCli) -> None:
    """`--lang vi` gives the unit by name and the priority by its label; rule and skill ids
    have no names and stay ids. Without `--lang`, the document's first language (vi)."""
    result = run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT, "--lang", "vi"])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "đơn vị:   Nhóm Hậu mãi",
        "quy tắc:  vip_complaint",
        "kỹ năng:  complaint_handling",
        "ưu tiên:  Khẩn cấp",
    ]
    assert run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT]).out == result.out
    default = run_cli(["route", GROWING, "--ticket", '{"channel": "phone"}', "--lang", "vi"])
    assert "quy tắc:  (mặc định: không quy tắc nào khớp)" in default.out
    assert "đơn vị:   Nhóm Hỗ trợ và Tài khoản" in default.out


def test_explain_in_vietnamese_says_every_test_by_its_labels(run_cli: RunCli) -> None:
    """--explain --lang vi: each rule's tests with the attributes' and values' labels and the
    numbers written the Vietnamese way, and the decision with the unit's name."""
    ticket = '{"channel": "phone", "stage": "before_sale", "order_value": 60000000}'
    result = run_cli(["route", GROWING, "--ticket", ticket, "--explain", "--lang", "vi"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == (
        "✗ online_channels: Kênh là Tổng đài, nhưng quy tắc cần một trong [Chat website, "
        "Zalo OA, Fanpage Facebook, Ứng dụng Bếp Xanh]"
    )
    assert lines[1] == (
        "✗ vip_complaint: không có Hạng khách hàng, nhưng quy tắc cần = Khách VIP; không có "
        "Loại yêu cầu, nhưng quy tắc cần = Khiếu nại"
    )
    assert lines[-2] == (
        "→ large_orders: Giai đoạn là Trước bán, và quy tắc cần một trong [Trước bán, Trong "
        "khi bán]; Giá trị đơn hàng là 60.000.000, và quy tắc cần ≥ 50.000.000"
    )
    assert lines[-1] == "= Nhóm Hỗ trợ và Tài khoản (quy tắc large_orders)"


def test_json_keeps_the_ids_in_either_language(run_cli: RunCli) -> None:
    """`--format json` is the same whatever `--lang` says: ids, and English reasons."""
    for extra in (["--explain"], []):
        args = ["route", GROWING, "--ticket", VIP_COMPLAINT, "--format", "json", *extra]
        english = run_cli([*args, "--lang", "en"])
        assert english.code == 0, english.err
        assert run_cli([*args, "--lang", "vi"]).out == english.out
        assert run_cli(args).out == english.out


def test_invalid_ticket_in_vietnamese(run_cli: RunCli) -> None:
    """With `--lang vi` a ticket outside the schema, or not JSON, is explained in Vietnamese;
    without `--lang` the error is in English, as a command's findings are."""
    ticket = '{"channel": "phone", "teir": "vip"}'
    result = run_cli(["route", GROWING, "--ticket", ticket, "--lang", "vi"])
    assert result.code == 2
    assert "thuộc tính `teir` không có trong lược đồ phiếu; lược đồ phiếu có: channel" in (
        result.err
    )
    assert "unknown attribute" not in result.err
    assert "unknown attribute `teir`" in run_cli(["route", GROWING, "--ticket", ticket]).err
    result = run_cli(["route", GROWING, "--ticket", '{"channel": "fax"}', "--lang", "vi"])
    assert "`channel` là 'fax', không thuộc các giá trị cho phép: phone, email" in result.err
    result = run_cli(["route", GROWING, "--ticket", "[1]", "--lang", "vi"])
    assert result.code == 2
    assert 'một phiếu là một đối tượng JSON, ví dụ {"channel": "email"}, không phải list' in (
        result.err
    )


def test_an_unknown_lang_says_so(run_cli: RunCli) -> None:
    """`--lang fr` exits 2 naming the display languages instead of routing in English."""
    result = run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT, "--lang", "fr"])
    assert result.code == 2
    assert "argument --lang: `fr` is not a display language; use one of vi, en" in result.err
    assert result.out == ""


def test_the_collector_is_paused_only_for_one_ticket_from_a_router_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`route FILE --router R --ticket T` (bounded work) runs with the cycle collector paused
    and gives it back, also when routing fails; any other command runs with it on."""
    import gc

    from cskh_org import cli

    router = tmp_path / "router.json"
    assert run_cli(["compile", GROWING, "-o", str(router)]).code == 0
    seen: list[bool] = []
    real = cli._cmd_route

    def watched(args: Any, out: Any) -> int:
        seen.append(gc.isenabled())
        return real(args, out)

    monkeypatch.setattr(cli, "_cmd_route", watched)
    assert gc.isenabled()
    one = ["route", GROWING, "--router", str(router), "--ticket", VIP_COMPLAINT]
    assert run_cli(one).code == 0
    assert run_cli([*one[:-1], '{"channel": "fax"}']).code == 2  # refused: still given back
    assert run_cli(["route", GROWING, "--ticket", VIP_COMPLAINT]).code == 0
    assert seen == [False, False, True]
    assert gc.isenabled()
