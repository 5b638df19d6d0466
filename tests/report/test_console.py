"""The terminal's conventions: colour only on a terminal without NO_COLOR, finding lines."""

from __future__ import annotations

import io

import pytest

from cskh_org.findings import Finding, Location, Severity
from cskh_org.loading import validate_documents
from cskh_org.report.console import Style, finding_line, plural, warning_lines
from cskh_org.report.findings import validation_text
from tests.conftest import EXAMPLES


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


FINDING = Finding("org-cycle", Severity.ERROR, "units loop", Location("d.yaml", 3, 5))


def test_colour_on_a_terminal_only_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert "\x1b[1;31m" in finding_line(FINDING, Style(_Tty()))
    assert finding_line(FINDING, Style(io.StringIO())) == "d.yaml:3:5: error[org-cycle]: units loop"
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in finding_line(FINDING, Style(_Tty()))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b[" not in finding_line(FINDING, Style(_Tty()))


def test_plurals_and_warnings_once_each() -> None:
    assert plural(1, "error") == "1 error"
    assert plural(2, "error") == "2 errors"
    assert warning_lines(["a", "b", "a"]) == ["cskh-org: warning: a", "cskh-org: warning: b"]


def test_a_file_that_cannot_be_read_does_not_stop_the_others() -> None:
    """Every file is validated: an unreadable one is reported in its place, in order."""
    good = str(EXAMPLES / "small" / "department.yaml")
    checked = validate_documents(["no/such/file.yaml", good])
    assert [c.result is None for c in checked] == [True, False]
    text = validation_text(checked, Style(io.StringIO()))
    first, last = text.splitlines()[0], text.splitlines()[-1]
    assert first.startswith("error: ")
    assert "no/such/file.yaml" in first
    assert last.startswith(f"{good}: valid")


def test_the_progress_bar_counts_replications_and_leaves_nothing_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a terminal the bar shows done/total while it runs and erases itself when closed."""
    from cskh_org.report.console import ProgressBar

    monkeypatch.setenv("TERM", "xterm")
    stream = _Tty()
    bar = ProgressBar(stream)
    bar(1, 3)
    assert "1/3" in stream.getvalue()
    bar(3, 3)
    assert "3/3" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\x1b[1A\x1b[2K")  # the bar's line, erased


def test_a_progress_bar_never_drawn_writes_nothing() -> None:
    from cskh_org.report.console import ProgressBar

    stream = _Tty()
    ProgressBar(stream).close()
    assert stream.getvalue() == ""


def test_the_progress_bar_has_no_colour_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from cskh_org.report.console import ProgressBar

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    stream = _Tty()
    bar = ProgressBar(stream)
    bar(1, 3)
    bar.close()
    assert "1/3" in stream.getvalue()
    assert "\x1b[3" not in stream.getvalue()  # no foreground colour
