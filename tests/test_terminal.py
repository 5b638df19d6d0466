"""The one escape for printed input (`cskh_org.terminal`), and the CLI printing through it."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cskh_org.errors import SourceError, TicketInvalid
from cskh_org.findings import Finding, Location, Severity
from cskh_org.terminal import printable, printable_lines
from tests.conftest import EXAMPLES, RunCli

ESCAPE = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|\\U([0-9a-f]{8})")
HOSTILE = "red\x1b[31m\rover\u202eevil\n" + "error: forged\x00\x85\u2028end"


def _unescape(text: str) -> str:
    return ESCAPE.sub(lambda m: chr(int(next(g for g in m.groups() if g), 16)), text)


@given(st.text().filter(lambda t: "\\" not in t))
def test_printable_is_one_inert_line_that_shows_every_character(text: str) -> None:
    shown = printable(text)
    assert shown.isprintable()  # no control, format or line-separator character is left
    assert _unescape(shown) == text  # and each is shown as its escape, in place


@given(st.text())
def test_printable_text_is_unchanged(text: str) -> None:
    if text.isprintable():
        assert printable(text) == text
    assert printable(printable(text)) == printable(text)


def test_printable_lines_keeps_only_its_own_line_breaks() -> None:
    shown = printable_lines("first\x1b[2J\nsecond\r")
    assert shown == "first\\x1b[2J\nsecond\\x0d"


def test_errors_print_inert() -> None:
    """An error's own line breaks stay; a one-line ticket error escapes them too."""
    assert str(SourceError(f"{HOSTILE}: cannot be read\nusage: …")).count("\n") == 2
    assert "\x1b" not in str(SourceError(HOSTILE))
    ticket = str(TicketInvalid(f"attribute `{HOSTILE}` is unknown", HOSTILE))
    assert ticket.isprintable()
    assert "\\x1b[31m" in ticket


def test_a_finding_escapes_its_file_name_and_message() -> None:
    finding = Finding("x", Severity.ERROR, HOSTILE, Location(HOSTILE, 1, 2))
    assert finding.format().isprintable()


def _only_escaped(text: str) -> None:
    for line in text.splitlines():
        assert line.isprintable(), line
        assert not line.startswith("error: forged"), text


def test_ticket_attribute_names_reach_the_terminal_escaped(tmp_path: Path, run_cli: RunCli) -> None:
    tickets = tmp_path / "t.jsonl"
    forged = '{"channel": "phone", "\\u001b[2Jx\\nerror: forged": 1}\n{"channel": "phone"}\n'
    tickets.write_text(forged, "utf-8")
    result = run_cli(["route", str(EXAMPLES / "small/department.yaml"), "--tickets", str(tickets)])
    assert result.code != 0
    assert "\\x1b[2J" in result.err
    _only_escaped(result.err)
    _only_escaped(result.out)


def test_actuals_cells_reach_the_terminal_escaped(tmp_path: Path, run_cli: RunCli) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        'date,unit,category,amount\n2027-02-01,"sup\x1b[31mport\nerror: forged",tools,100\n',
        "utf-8",
    )
    result = run_cli(
        ["budget", str(EXAMPLES / "growing/department.yaml"), "--actuals", str(actuals)]
    )
    assert result.code == 2
    assert "sup\\x1b[31mport\\x0aerror: forged" in result.err
    _only_escaped(result.err)


def test_file_names_reach_the_terminal_escaped(tmp_path: Path, run_cli: RunCli) -> None:
    missing = tmp_path / "d\x1b[2J\u202e.yaml"
    result = run_cli(["validate", str(missing)])
    assert result.code == 2
    assert "d\\x1b[2J\\u202e.yaml" in result.out + result.err
    _only_escaped(result.out + result.err)
