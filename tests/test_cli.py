"""The ``cskh-org`` command: exit codes, output formats, colour, schema and checks listing."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from cskh_org.cli import main
from tests.conftest import ROOT, RunCli

CLEAN = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: owner, title: Owner, monthly_cost: 15000000 VND}
units:
  - id: care
    name: Care
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: owner}]
"""
WARNING_ONLY = CLEAN + "  - {id: planned, name: Planned, parent: care}\n"
ERRORS = CLEAN.replace(", sales]", "]") + "    calendar: office\n"
NOTE_ONLY = CLEAN.replace(
    "units:", "  - {id: trainer, title: Trainer, monthly_cost: 14000000 VND}\nunits:"
)
ANSI = re.compile(r"\x1b\[")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, str]:
    """Paths of inline documents written to a temporary folder."""
    out = {}
    for name, text in {
        "clean": CLEAN,
        "warning": WARNING_ONLY,
        "errors": ERRORS,
        "note": NOTE_ONLY,
    }.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, "utf-8")
        out[name] = str(path)
    return out


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


# -- validate ----------------------------------------------------------------------------------


def test_clean_document_exits_0(docs: dict[str, str]) -> None:
    """A document without findings exits 0 and says it is valid."""
    code, out = _run("validate", docs["clean"])
    assert code == 0
    assert out == f"{docs['clean']}: valid (0 errors, 0 warnings, 0 notes)\n"


def test_document_with_errors_exits_1_and_prints_each_finding(docs: dict[str, str]) -> None:
    """Error findings exit 1; each prints as `file:line:col: error[code]: message`."""
    code, out = _run("validate", docs["errors"])
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{docs['errors']}:8:3: error[function-uncovered]: function `sales`")
    assert lines[1].startswith(f"{docs['errors']}:13:15: error[unknown-calendar]: calendar")
    assert lines[2] == f"{docs['errors']}: invalid (2 errors, 0 warnings, 0 notes)"
    assert len(lines) == 3


def test_missing_file_exits_2_with_a_one_line_reason(run_cli: RunCli, tmp_path: Path) -> None:
    """A missing file exits 2 with a one-line reason and no traceback."""
    missing = tmp_path / "nope.yaml"
    result = run_cli(["validate", str(missing)])
    assert result.code == 2
    assert result.out == f"error: {missing}: no such file\n"
    assert "Traceback" not in result.err


def test_bad_usage_exits_2(run_cli: RunCli) -> None:
    """`validate` without a file is bad usage: exit 2, reason and usage on stderr."""
    result = run_cli(["validate"])
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("cskh-org: error: the following arguments are required: FILE")


@pytest.mark.parametrize(
    "args",
    [["validate", "--bogus", "x.yaml"], ["validate", "--format", "xml", "x.yaml"], ["frobnicate"]],
)
def test_bad_option_is_one_line_of_reason_and_one_of_usage(
    run_cli: RunCli, args: list[str]
) -> None:
    """A bad option or command exits 2 with `cskh-org: error: …`, a one-line usage, no traceback."""
    result = run_cli(args)
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 2, result.err
    assert lines[0].startswith("cskh-org: error: ")
    assert lines[1].startswith("usage: cskh-org")
    assert "Traceback" not in result.err


def test_warnings_pass_but_fail_with_strict(docs: dict[str, str]) -> None:
    """Warnings alone exit 0; `--strict` makes them fail with exit 1."""
    code, out = _run("validate", docs["warning"])
    assert code == 0
    assert "warning[unit-without-staff]" in out
    assert out.splitlines()[-1].endswith(": valid (0 errors, 1 warning, 0 notes)")
    code, out = _run("validate", "--strict", docs["warning"])
    assert code == 1
    assert out.splitlines()[-1].endswith(": invalid (0 errors, 1 warning, 0 notes)")


def test_notes_are_hidden_unless_verbose(docs: dict[str, str]) -> None:
    """Info findings are counted but shown only with `-v`; they never fail, even strict."""
    code, out = _run("validate", "--strict", docs["note"])
    assert code == 0
    assert "info[role-unused]" not in out
    assert out.endswith("valid (0 errors, 0 warnings, 1 note) (-v shows notes)\n")
    code, out = _run("validate", "-v", docs["note"])
    assert code == 0
    assert "info[role-unused]: role `trainer`" in out


def test_several_files_are_all_reported(docs: dict[str, str], tmp_path: Path) -> None:
    """Every file given is reported; the exit code is the worst (missing file → 2)."""
    code, out = _run("validate", docs["clean"], docs["errors"])
    assert code == 1
    assert f"{docs['clean']}: valid" in out
    assert f"{docs['errors']}: invalid" in out
    missing = str(tmp_path / "missing.yaml")
    code, out = _run("validate", docs["errors"], missing, docs["clean"])
    assert code == 2
    assert f"{docs['errors']}: invalid" in out
    assert f"error: {missing}: no such file" in out
    assert f"{docs['clean']}: valid" in out


def test_json_format_structure(docs: dict[str, str], tmp_path: Path) -> None:
    """`--format json` prints one object: strict flag, and per file validity and findings."""
    missing = str(tmp_path / "missing.yaml")
    code, out = _run("validate", "--format", "json", docs["clean"], docs["errors"], missing)
    assert code == 2
    report = json.loads(out)
    assert report["strict"] is False
    clean, errors, absent = report["files"]
    assert clean == {"file": docs["clean"], "kind": "department", "valid": True, "findings": []}
    assert errors["valid"] is False
    first = errors["findings"][0]
    assert set(first) == {
        "code",
        "severity",
        "message",
        "message_vi",
        "file",
        "line",
        "column",
        "path",
    }
    assert (first["code"], first["severity"], first["line"], first["column"]) == (
        "function-uncovered",
        "error",
        8,
        3,
    )
    assert first["path"] == ["units"]
    assert absent["valid"] is False
    assert "no such file" in absent["error"]


def test_json_format_includes_notes_and_strict(docs: dict[str, str]) -> None:
    """JSON lists info findings too, and reports `strict: true` when asked."""
    code, out = _run("validate", "--format", "json", "--strict", docs["note"])
    assert code == 0
    report = json.loads(out)
    assert report["strict"] is True
    assert [f["code"] for f in report["files"][0]["findings"]] == ["role-unused"]


# -- colour ------------------------------------------------------------------------------------


def test_colour_only_on_a_terminal_without_no_color(
    docs: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ANSI colour appears on a TTY; NO_COLOR, TERM=dumb or a non-TTY stream give none."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    tty = _Tty()
    main(["validate", docs["errors"]], out=tty)
    assert ANSI.search(tty.getvalue())

    plain = io.StringIO()
    main(["validate", docs["errors"]], out=plain)
    assert not ANSI.search(plain.getvalue())

    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Tty()
    main(["validate", docs["errors"]], out=tty)
    assert not ANSI.search(tty.getvalue())

    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    tty = _Tty()
    main(["validate", docs["errors"]], out=tty)
    assert not ANSI.search(tty.getvalue())


def test_piped_output_has_no_escapes(run_cli: RunCli, docs: dict[str, str]) -> None:
    """With output to a pipe (not a terminal), nothing carries an ANSI escape."""
    result = run_cli(["validate", docs["errors"], docs["warning"]])
    assert result.code == 1
    assert not ANSI.search(result.out + result.err)


# -- schema and checks -------------------------------------------------------------------------


def test_schema_prints_valid_json_schema() -> None:
    """`schema` prints JSON with `$schema` (draft 2020-12) and the department's properties."""
    code, out = _run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"id", "units", "roles", "currency"} <= set(schema["properties"])


@pytest.mark.parametrize(
    "kind", ["department", "workload", "fragment", "mapping", "roster", "sweep"]
)
def test_schema_kind_prints_the_committed_schema(kind: str) -> None:
    """`schema --kind KIND` prints docs/schema/KIND.schema.json; no `--kind` is a department."""
    from cskh_org.serialize import SCHEMA_KINDS

    assert set(SCHEMA_KINDS) == {"department", "workload", "fragment", "mapping", "roster", "sweep"}
    code, out = _run("schema", "--kind", kind)
    assert code == 0
    assert out == (ROOT / "docs" / "schema" / f"{kind}.schema.json").read_text("utf-8")
    if kind == "department":
        assert _run("schema")[1] == out


def test_schema_output_file(tmp_path: Path) -> None:
    """`schema -o FILE` writes the same JSON to the file and nothing to stdout."""
    target = tmp_path / "schema.json"
    code, out = _run("schema", "-o", str(target))
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text("utf-8")) == json.loads(_run("schema")[1])


def test_checks_lists_every_check_with_codes_and_severities() -> None:
    """`checks` lists each check with its summary, then its codes with their severity."""
    code, out = _run("checks")
    assert code == 0
    assert "functions: Every built-in function is covered" in out
    assert re.search(r"^  error\s+function-uncovered$", out, flags=re.MULTILINE)
    assert re.search(r"^  warning\s+span-of-control$", out, flags=re.MULTILINE)
    assert re.search(r"^  info\s+role-unused$", out, flags=re.MULTILINE)


def test_validate_only_routing(run_cli: RunCli, tmp_path: Path) -> None:
    """`--only routing` checks the routing section alone: an error elsewhere is not its
    business, one in the rules is, at the full validation's place."""
    text = CLEAN + "routing:\n  default: care\n"
    path = tmp_path / "department.yaml"
    path.write_text(text + "budget: {fiscal_year: soon}\n", "utf-8")
    assert run_cli(["validate", str(path)]).code == 1
    alone = run_cli(["validate", "--only", "routing", str(path)])
    assert alone.code == 0
    assert "— the `routing` section only" in alone.out
    path.write_text(text.replace("default: care", "default: caer"), "utf-8")
    full = run_cli(["validate", str(path)])
    alone = run_cli(["validate", "--only", "routing", str(path)])
    assert alone.code == full.code == 1
    unknown = [line for line in full.out.splitlines() if "unknown-unit" in line]
    assert unknown
    assert unknown == [line for line in alone.out.splitlines() if "unknown-unit" in line]
