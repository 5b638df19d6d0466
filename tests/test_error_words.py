"""The errors the library raises on purpose are said in Vietnamese too, from the catalogue
(:mod:`cskh_org.words.errors`): ``str(error)`` is the English, exactly as it always was, and
``error.text("vi")`` the Vietnamese; the CLI prints the one of its ``--lang``.

An ``ast`` scan holds it: no :class:`~cskh_org.errors.CskhOrgError` (nor a subclass) is built
from English text of its own, but for the few named below; and every key a module asks of the
catalogue is one."""

from __future__ import annotations

import ast
import datetime as dt
import errno
import importlib
import io
import pickle
import pkgutil
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import cskh_org
from cskh_org.errors import CskhOrgError, DocumentInvalid, SimulationError, error_words
from cskh_org.words import catalogue
from tests.conftest import EXAMPLES, ROOT, RunCli

PACKAGE = ROOT / "cskh_org"
SMALL = EXAMPLES / "small" / "department.yaml"
GROWING = EXAMPLES / "growing" / "department.yaml"

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
"""A letter only Vietnamese writes (with its diacritics, or đ)."""


# -- the scan ----------------------------------------------------------------------------------

ALLOWED: dict[tuple[str, str, str], str] = {
    ("cli.py", "error", "UsageError"): (
        "argparse's own English message and usage line: the command's --lang is not known "
        "before its arguments parse"
    ),
    ("routing/router.py", "_first", "TicketInvalid"): (
        "internal: a validated ticket always matches the default, so this never reaches a user"
    ),
}
"""The errors still built from English text of their own: (module, function, class) → why."""


def _error_classes() -> set[str]:
    """The names of CskhOrgError and every subclass of it the package defines."""
    for module in pkgutil.walk_packages(cskh_org.__path__, "cskh_org."):
        if module.name.startswith("cskh_org.__main__"):
            continue
        importlib.import_module(module.name)
    names = set()
    todo: list[type] = [CskhOrgError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _english_of_its_own(node: ast.expr) -> bool:
    """A message written in the call: a string, an f-string, or text joined to one."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _english_of_its_own(node.left) or _english_of_its_own(node.right)
    return False


def _calls(tree: ast.AST) -> list[tuple[str, str, ast.Call]]:
    """Every call in ``tree`` with the name it calls and the function it is in."""
    found: list[tuple[str, str, ast.Call]] = []

    def walk(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                walk(child, child.name)
                continue
            if isinstance(child, ast.Call):
                func = child.func
                name = (
                    func.id
                    if isinstance(func, ast.Name)
                    else func.attr
                    if isinstance(func, ast.Attribute)
                    else ""
                )
                found.append((function, name, child))
            walk(child, function)

    walk(tree, "<module>")
    return found


def _sources() -> list[tuple[str, ast.AST]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text("utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_no_error_is_built_from_english_of_its_own() -> None:
    """``raise UsageError(f"…")`` (or any CskhOrgError subclass built from a string) says its
    message in English only: each is a catalogue entry, raised as ``UsageError.of(key, …)``."""
    classes = _error_classes()
    found = set()
    offending = []
    for module, tree in _sources():
        for function, name, call in _calls(tree):
            if name not in classes or not call.args or not _english_of_its_own(call.args[0]):
                continue
            where = (module, function, name)
            if where in ALLOWED:
                found.add(where)
            else:
                offending.append(f"{module}:{call.lineno}: {name} in {function}()")
    assert offending == []
    assert found == set(ALLOWED), "an allowed exception is gone: take it off the list"


def test_every_key_an_error_is_said_with_is_in_the_catalogue() -> None:
    """Each literal key given to ``.of(…)`` or ``error_words(…)`` is an entry of the errors'
    part of the catalogue."""
    entries = catalogue()
    keys = set()
    for _, tree in _sources():
        for _, name, call in _calls(tree):
            if name not in ("of", "error_words") or not call.args:
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
    assert len(keys) > 100
    assert sorted(k for k in keys if k not in entries) == []
    assert all(k.startswith("error.") for k in keys)


def test_every_error_entry_is_vietnamese() -> None:
    """The Vietnamese of each error entry is written with its diacritics (but for the few
    made of ids, fields and option names alone)."""
    import cskh_org.words.errors  # noqa: F401

    plain = {"error.document.invalid", "error.sla.in", "error.simulation.days-positive"}
    entries = {k: v for k, v in catalogue().items() if k.startswith("error.")}
    assert len(entries) > 110
    english = [k for k, v in entries.items() if k not in plain and not VIETNAMESE.search(v.vi)]
    assert english == []


def test_an_error_keeps_both_languages_through_a_pickle() -> None:
    """A worker process's error reaches the parent with its Vietnamese (the simulation's
    process pool pickles it)."""
    error = SimulationError.of("error.simulation.no-staff", unit="support")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is SimulationError
    assert (str(copy), copy.text("vi")) == (str(error), error.text("vi"))
    assert copy.text("vi").startswith("đơn vị `support` nhận phiếu")


def test_an_error_given_english_only_says_it_in_both() -> None:
    error = CskhOrgError("plain")
    assert (str(error), error.text("vi"), error.said) == ("plain", "plain", None)
    assert error_words("error.cli.all-output").en == str(CskhOrgError.of("error.cli.all-output"))


# -- each module's errors, through the public API ---------------------------------------------


def _department(path: Path = GROWING, **drop: None) -> cskh_org.Department:
    department = cskh_org.load(path)
    return department.model_copy(update=drop) if drop else department


def _calendar_unknown() -> None:
    from cskh_org.calendars import business_calendar

    business_calendar(_department(), "nope")


def _calendar_naive() -> None:
    from cskh_org.calendars import business_calendar

    office = business_calendar(_department(), "office_hours")
    office.elapsed(dt.datetime(2027, 2, 3, 9, tzinfo=dt.UTC), dt.datetime(2027, 2, 3, 17))


def _calendar_negative() -> None:
    from cskh_org.calendars import business_calendar

    office = business_calendar(_department(), "office_hours")
    office.add(dt.datetime(2027, 2, 3, 9, tzinfo=dt.UTC), dt.timedelta(hours=-1))


def _sla_no_section() -> None:
    from cskh_org.sla import SlaEngine

    SlaEngine(_department(sla=None))


def _sla_events_too_long() -> None:
    from cskh_org.sla import parse_events_json

    parse_events_json("[" + " " * (1 << 20) + "]")


def _sla_instant() -> None:
    from cskh_org.sla import parse_instant

    parse_instant("2027-02-03T16:50", "--opened", "Asia/Ho_Chi_Minh")


def _sla_history_opened() -> None:
    from cskh_org.sla import EventKind, SlaEngine, TicketEvent

    at = dt.datetime(2027, 2, 3, 9, tzinfo=dt.UTC)
    replied = TicketEvent(at, EventKind.REPLIED)
    SlaEngine(_department()).status({"channel": "email"}, [replied], at)


def _budget_no_section() -> None:
    from cskh_org.budget import plan

    plan(_department(budget=None))


def _budget_group() -> None:
    from cskh_org.budget import plan

    plan(_department()).rollup(("unitt",))


def _budget_change() -> None:
    from cskh_org.budget import plan
    from cskh_org.budget.plan import StructureChange

    plan(_department()).apply(StructureChange("suport", "agent", 1))


def _budget_delta() -> None:
    from cskh_org.budget.plan import StructureChange

    StructureChange("support", "agent", 0)


def _escalation_holder() -> None:
    from cskh_org.escalation import Escalator

    Escalator(_department()).paths("suport")


def _escalation_event() -> None:
    from cskh_org.escalation import EscalationEvent
    from cskh_org.model.escalation import TriggerKind

    EscalationEvent(TriggerKind.MANUAL, percent=50)


def _render_suffix() -> None:
    from cskh_org.render import output_format

    output_format("org.txt")


def _render_view() -> None:
    from cskh_org.render.views import build_view

    build_view(_department(), "map")


def _render_no_data() -> None:
    from cskh_org.render.views import build_view

    build_view(_department(escalation=None), "escalation")


def _render_no_dot() -> None:
    from cskh_org.render.output import pipe

    pipe("digraph {}", "svg")


def _languages() -> None:
    from cskh_org.languages import display_language

    display_language("fr")


def _routing_no_section() -> None:
    from cskh_org.routing import compile_router

    compile_router(_department(routing=None))


def _records_suffix() -> None:
    from cskh_org.report.records import open_records

    with open_records("tickets.txt"):
        pass  # pragma: no cover - refused before


def _starter_size() -> None:
    from cskh_org.starter import write_starter

    write_starter("huge", Path("department.yaml"))


def _simulation_days() -> None:
    from cskh_org.loading import load_workload
    from cskh_org.simulation.run import simulate

    department = _department(SMALL)
    workload = load_workload(EXAMPLES / "small" / "workload.yaml", department).unwrap()
    simulate(department, workload, days=0)


def _simulation_no_routing() -> None:
    from cskh_org.loading import load_workload
    from cskh_org.simulation.plan import Plan

    department = _department(SMALL)
    workload = load_workload(EXAMPLES / "small" / "workload.yaml", department).unwrap()
    Plan(department.model_copy(update={"routing": None}), workload)


def _document_invalid() -> None:
    cskh_org.load(EXAMPLES / "invalid" / "org-cycle.yaml")


CASES: dict[str, tuple[Callable[[], object], str, str]] = {
    "calendars.undefined": (
        _calendar_unknown,
        "calendar `nope` is not defined (the department's calendars: `office_hours`, "
        "`showroom_hours`, `evening_weekend`)",
        "lịch `nope` chưa được khai báo (các lịch của bộ phận: `office_hours`, "
        "`showroom_hours`, `evening_weekend`)",
    ),
    "calendars.no-zone": (
        _calendar_naive,
        "the end 2027-02-03T17:00:00 has no time zone; give a UTC offset "
        "(`2027-02-03T16:50+07:00`) or a zone (`ZoneInfo('Asia/Ho_Chi_Minh')`)",
        "thời điểm kết thúc 2027-02-03T17:00:00 không có múi giờ; hãy ghi độ lệch UTC "
        "(`2027-02-03T16:50+07:00`) hoặc một múi giờ (`ZoneInfo('Asia/Ho_Chi_Minh')`)",
    ),
    "calendars.negative": (
        _calendar_negative,
        "a business-time duration cannot be negative (-1 day, 23:00:00)",
        "một khoảng giờ làm việc không thể âm (-1 day, 23:00:00)",
    ),
    "sla.no-section": (
        _sla_no_section,
        "department `bep_xanh_cskh` has no `sla` section; add policies and a `default`",
        "bộ phận `bep_xanh_cskh` không có mục `sla`; hãy thêm các chính sách và một `default`",
    ),
    "sla.events.too-long": (
        _sla_events_too_long,
        "the events are longer than 1,048,576 characters",
        "các sự kiện dài hơn 1.048.576 ký tự",
    ),
    "sla.instant.offset": (
        _sla_instant,
        "--opened 2027-02-03T16:50 has no UTC offset; write e.g. 2027-02-03T16:50+07:00",
        "--opened 2027-02-03T16:50 không có độ lệch UTC; hãy ghi, ví dụ, 2027-02-03T16:50+07:00",
    ),
    "sla.history.opened": (
        _sla_history_opened,
        "a ticket's history starts with an `opened` event",
        "lịch sử của một phiếu bắt đầu bằng một sự kiện `opened`",
    ),
    "budget.no-section": (
        _budget_no_section,
        "department `bep_xanh_cskh` has no `budget` section; add one with `fiscal_year` (and "
        "`lines`) to plan its costs",
        "bộ phận `bep_xanh_cskh` không có mục `budget`; hãy thêm mục này với `fiscal_year` "
        "(và `lines`) để lập kế hoạch chi phí",
    ),
    "budget.by.unknown": (
        _budget_group,
        "cannot group by `unitt` (did you mean `unit`?); group by unit, function, category, "
        "month (one or two of them)",
        "không thể nhóm theo `unitt` (ý bạn là `unit`?); hãy nhóm theo unit, function, "
        "category, month (một hoặc hai trong số đó)",
    ),
    "budget.change.unit": (
        _budget_change,
        "structure change: `suport` is not a unit (did you mean `support`?)",
        "thay đổi cơ cấu: `suport` không phải một đơn vị (ý bạn là `support`?)",
    ),
    "budget.change.delta": (
        _budget_delta,
        "a structure change adds or removes heads: `delta` 0",
        "một thay đổi cơ cấu thêm hoặc bớt nhân sự: `delta` 0",
    ),
    "escalation.unknown-holder": (
        _escalation_holder,
        "`suport` is neither a unit nor an external party of `bep_xanh_cskh` (did you mean "
        "`support`?)",
        "`suport` không phải đơn vị cũng không phải bên ngoài của `bep_xanh_cskh` (ý bạn là "
        "`support`?)",
    ),
    "escalation.event": (
        _escalation_event,
        "an event's `percent` (0 or more) goes with sla_warning only",
        "`percent` (từ 0 trở lên) của một sự kiện chỉ đi với sla_warning",
    ),
    "render.suffix": (
        _render_suffix,
        "org.txt: `.txt` is not a diagram suffix; name the file with one of .svg (svg), "
        ".png (png), .pdf (pdf), .dot (dot), .mmd (mermaid)",
        "org.txt: `.txt` không phải đuôi tệp của sơ đồ; hãy đặt tên tệp với một trong các "
        "đuôi .svg (svg), .png (png), .pdf (pdf), .dot (dot), .mmd (mermaid)",
    ),
    "render.view": (
        _render_view,
        "`map` is not a view; use one of org, routing, escalation, approval",
        "`map` không phải một sơ đồ; hãy dùng một trong org, routing, escalation, approval",
    ),
    "render.no-data": (
        _render_no_data,
        "the document has no `escalation` steps: nothing to draw as `escalation`",
        "tài liệu không có các bước `escalation`: không có gì để vẽ thành `escalation`",
    ),
    "languages.unknown": (
        _languages,
        "`fr` is not a display language; use one of vi, en",
        "`fr` không phải một ngôn ngữ hiển thị; hãy dùng một trong vi, en",
    ),
    "routing.no-section": (
        _routing_no_section,
        "department `bep_xanh_cskh` has no `routing` section; add rules and a `default`",
        "bộ phận `bep_xanh_cskh` không có mục `routing`; hãy thêm các quy tắc và một `default`",
    ),
    "records.suffix": (
        _records_suffix,
        "tickets.txt: records are written as .jsonl or .csv, not '.txt'",
        "tickets.txt: bản ghi được ghi dạng .jsonl hoặc .csv, không phải '.txt'",
    ),
    "starter.size": (
        _starter_size,
        "unknown size `huge`; choose one of small, growing, large",
        "không có cỡ `huge`; hãy chọn một trong small, growing, large",
    ),
    "simulation.days": (
        _simulation_days,
        "days must be more than 0, not 0",
        "days phải lớn hơn 0, không phải 0",
    ),
    "simulation.no-routing": (
        _simulation_no_routing,
        "department `dien_may_minh_an` has no `routing` section: the simulation routes "
        "tickets with the department's own rules; add rules and a `default`",
        "bộ phận `dien_may_minh_an` không có mục `routing`: mô phỏng định tuyến phiếu bằng "
        "chính các quy tắc của bộ phận; hãy thêm các quy tắc và một `default`",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_error_says_its_english_as_before_and_its_vietnamese(case: str) -> None:
    call, english, vietnamese = CASES[case]
    with pytest.raises(CskhOrgError) as caught:
        call()
    assert str(caught.value) == english
    assert caught.value.text("en") == english
    assert caught.value.text("vi") == vietnamese


def test_graphviz_missing_is_said_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(CskhOrgError) as caught:
        _render_no_dot()
    assert str(caught.value).startswith("Graphviz's `dot` is not installed, so SVG output is")
    assert caught.value.text("vi").startswith("chưa cài `dot` của Graphviz nên không xuất được")


def test_a_refused_document_names_its_first_error_in_either_language() -> None:
    with pytest.raises(DocumentInvalid) as caught:
        _document_invalid()
    first = next(f for f in caught.value.findings if f.severity.is_error)
    errors = sum(1 for f in caught.value.findings if f.severity.is_error)
    more = f" (and {errors - 1} more)" if errors > 1 else ""
    more_vi = f" (và {errors - 1} lỗi khác)" if errors > 1 else ""
    assert str(caught.value) == f"{first.format()}{more}"
    assert caught.value.text("vi") == f"{first.format('vi')}{more_vi}"
    assert VIETNAMESE.search(caught.value.text("vi"))


# -- through the CLI ---------------------------------------------------------------------------

CLI_CASES: dict[str, tuple[list[str], str, str]] = {
    "cli.explain-tickets": (
        ["route", str(GROWING), "--explain", "--tickets", "-"],
        "--explain goes with --ticket (one ticket), not with --tickets",
        "--explain đi với --ticket (một phiếu), không đi với --tickets",
    ),
    "cli.all-output": (
        ["render", str(GROWING), "--all"],
        "--all writes a folder of files: give it with -o DIR",
        "--all ghi ra một thư mục gồm nhiều tệp: hãy ghi thư mục đó bằng -o DIR",
    ),
    "render.unit": (
        ["render", str(GROWING), "--unit", "nope"],
        "--unit `nope` is not a unit of the document (units: after_sales, cskh, online_care, "
        "support)",
        "--unit `nope` không phải một đơn vị của tài liệu (các đơn vị: after_sales, cskh, "
        "online_care, support)",
    ),
    "sla.events": (
        [
            "sla",
            str(GROWING),
            "--ticket",
            '{"channel": "email"}',
            "--opened",
            "2027-02-03T09:00+07:00",
            "--events",
            "[1]",
        ],
        '--events: the events are a JSON list of {"at": ..., "kind": ...} objects',
        '--events: các sự kiện là một danh sách JSON gồm các đối tượng {"at": ..., "kind": ...}',
    ),
    "escalation.unknown-holder": (
        ["escalation", str(GROWING), "--from", "nobody_here"],
        "`nobody_here` is neither a unit nor an external party of `bep_xanh_cskh`; the "
        "holders are cskh, after_sales, support, online_care, head_of_sales, board, "
        "marketing, technical, warehouse, delivery_partner",
        "`nobody_here` không phải đơn vị cũng không phải bên ngoài của `bep_xanh_cskh`; các "
        "đơn vị và bên ngoài là cskh, after_sales, support, online_care, head_of_sales, "
        "board, marketing, technical, warehouse, delivery_partner",
    ),
}


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_the_cli_prints_an_error_in_its_lang(case: str, run_cli: RunCli) -> None:
    args, english, vietnamese = CLI_CASES[case]
    result = run_cli(args)
    assert (result.code, result.err) == (2, f"cskh-org: error: {english}\n")
    result = run_cli([*args, "--lang", "vi"])
    assert (result.code, result.err) == (2, f"cskh-org: error: {vietnamese}\n")


def test_a_refused_document_ends_with_its_count_in_either_language(run_cli: RunCli) -> None:
    invalid = str(EXAMPLES / "invalid" / "org-cycle.yaml")
    english = run_cli(["route", invalid, "--ticket", "{}"]).err.splitlines()[-1]
    assert re.fullmatch(
        r"cskh-org: error: the document is invalid \(\d+ errors?\); `cskh-org validate` "
        r"shows every finding",
        english,
    )
    vietnamese = run_cli(["route", invalid, "--ticket", "{}", "--lang", "vi"]).err
    assert re.fullmatch(
        r"cskh-org: error: tài liệu không hợp lệ \(\d+ lỗi\); `cskh-org validate` cho thấy "
        r"mọi phát hiện",
        vietnamese.splitlines()[-1],
    )


def test_a_workload_without_its_department_is_said_in_vietnamese(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workload = tmp_path / "workload.yaml"
    shutil.copy(EXAMPLES / "small" / "workload.yaml", workload)
    english = run_cli(["validate", str(workload)])
    assert (
        f"{workload} is a workload, checked against the department it is written for; give "
        "that department's file with --department FILE (there is no department.yaml beside "
        "it)"
    ) in english.out
    vietnamese = run_cli(["validate", str(workload), "--lang", "vi"])
    assert (
        f"{workload} là một khối lượng công việc, được kiểm tra với bộ phận mà nó được viết "
        "cho; hãy ghi tệp của bộ phận đó bằng --department FILE (không có department.yaml "
        "bên cạnh nó)"
    ) in vietnamese.out


def test_a_ticket_line_not_utf8_is_said_in_vietnamese(run_cli: RunCli, tmp_path: Path) -> None:
    tickets = tmp_path / "tickets.jsonl"
    tickets.write_bytes(b'{"channel": "email"}\n{"channel": "\xff"}\n')
    english = run_cli(["route", str(GROWING), "--tickets", str(tickets)])
    assert f"{tickets}:2: error: not UTF-8 (byte 14 of the line)\n" in english.err
    vietnamese = run_cli(["route", str(GROWING), "--tickets", str(tickets), "--lang", "vi"])
    assert f"{tickets}:2: error: không phải UTF-8 (byte 14 của dòng)\n" in vietnamese.err


def test_a_ticket_line_that_does_not_fit_is_said_in_vietnamese(
    run_cli: RunCli, tmp_path: Path
) -> None:
    tickets = tmp_path / "tickets.jsonl"
    tickets.write_text('{"channel": "fax"}\n', encoding="utf-8")
    english = run_cli(["route", str(GROWING), "--tickets", str(tickets)]).err
    vietnamese = run_cli(["route", str(GROWING), "--tickets", str(tickets), "--lang", "vi"]).err
    assert f"{tickets}:1: error: `channel` is 'fax', not one of" in english
    assert f"{tickets}:1: error: `channel` là" in vietnamese


def test_an_actuals_line_not_utf8_is_said_in_vietnamese(run_cli: RunCli, tmp_path: Path) -> None:
    actuals = tmp_path / "actuals.csv"
    actuals.write_bytes(b"date,unit,category,amount\n2027-02-05,support,tools,\xff100\n")
    args = ["budget", str(GROWING), "--actuals", str(actuals)]
    english = run_cli(args).err
    assert (
        f"{actuals}:2: error: not UTF-8 (byte 26 of the line); save the file as UTF-8\n" in english
    )
    vietnamese = run_cli([*args, "--lang", "vi"]).err
    assert (
        f"{actuals}:2: error: không phải UTF-8 (byte 26 của dòng); hãy lưu tệp dạng UTF-8\n"
        in vietnamese
    )


class _Full(io.StringIO):
    """Standard output on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_an_output_that_cannot_be_written_is_said_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from cskh_org.cli import main

    assert main(["validate", str(GROWING)], out=_Full()) == 2
    assert capsys.readouterr().err.endswith(
        "cskh-org: error: <stdout>: cannot write the output (No space left on device)\n"
    )
    assert main(["validate", str(GROWING), "--lang", "vi"], out=_Full()) == 2
    assert capsys.readouterr().err.endswith(
        "cskh-org: error: <stdout>: không ghi được kết quả (thiết bị đã hết dung lượng)\n"
    )
