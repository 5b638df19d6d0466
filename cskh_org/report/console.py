"""The terminal's conventions: colour only where it is wanted, plurals, finding lines."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from cskh_org.findings import Finding, Severity
from cskh_org.terminal import printable, printable_lines

if TYPE_CHECKING:
    from rich.progress import TaskID

    from cskh_org.checks import Check
    from cskh_org.loading import Usable

__all__ = [
    "ProgressBar",
    "Style",
    "actuals_problems_line",
    "checks_text",
    "finding_line",
    "findings_invalid",
    "next_validate_line",
    "note_lines",
    "plural",
    "problem_line",
    "shown_errors",
    "skipped_line",
    "stopped_line",
    "usable_lines",
    "warning_lines",
    "wrote_lines",
]


class Style:
    """ANSI colour, only on a terminal and never with ``NO_COLOR`` or ``TERM=dumb``."""

    def __init__(self, stream: TextIO) -> None:
        self.on = (
            stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        )

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text


SEVERITY_COLOUR: Final = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "36"}


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def finding_line(f: Finding, style: Style, lang: str | None = None) -> str:
    """``file:line:col: severity[code]: message``, coloured by ``style``; the message in
    ``lang`` (``vi`` or ``en``, default English)."""
    where = str(f.location) if f.location else "<document>"
    tag = style(f"{f.severity.value}[{f.code}]", SEVERITY_COLOUR[f.severity])
    return f"{style(where, '1')}: {tag}: {f.text(lang or 'en')}"


def findings_invalid(
    findings: Iterable[Finding], style: Style, lang: str | None = None
) -> list[str]:
    """The lines for a document a command refuses: its errors, then what to run (in
    ``lang``, default English)."""
    from cskh_org.errors import error_words

    errors = [f for f in findings if f.severity.is_error]
    n = len(errors)
    count = error_words("error.console.errors.one" if n == 1 else "error.console.errors.many", n=n)
    invalid = error_words("error.console.invalid", errors=count)
    return [
        *(finding_line(f, style, lang) for f in errors),
        f"cskh-org: error: {invalid.text(lang or 'en')}",
    ]


def problem_line(name: str, line: int, message: str) -> str:
    """``name:line: error: message`` for a bad line of an input stream (tickets, actuals)."""
    return f"{printable(name)}:{line}: error: {message}"


def stopped_line(name: str, line: int) -> str:
    return f"{printable(name)}: stopped at line {line} (--fail-fast)"


def skipped_line(name: str, count: int) -> str:
    return f"{printable(name)}: {plural(count, 'invalid line')} skipped"


def actuals_problems_line(name: str, count: int) -> str:
    return (
        f"{printable(name)}: {plural(count, 'problem')}; the lines with problems are left out "
        "of the actual spend"
    )


def usable_lines(usable: Usable, path: str, style: Style, lang: str | None = None) -> list[str]:
    """The errors a command tolerates (shown with its output, in ``lang``), and a note of the
    errors in the sections it does not use."""
    lines = [finding_line(f, style, lang) for f in usable.shown]
    if usable.elsewhere:
        sections = ", ".join(usable.elsewhere_sections())
        lines.append(
            f"cskh-org: note: {plural(len(usable.elsewhere), 'error')} in other sections "
            f"({sections}) not acted on; cskh-org validate {path} shows them"
        )
    return lines


def shown_errors(count: int, what: str) -> str:
    """Why a command that printed its output exits 1: the errors it showed."""
    return f"cskh-org: error: the document has {plural(count, 'error')} (above); {what}"


def note_lines(notes: Iterable[str]) -> str:
    return "".join(f"note: {printable_lines(note)}\n" for note in notes)


def wrote_lines(paths: Iterable[Path]) -> str:
    return "".join(f"wrote {printable(str(path))}\n" for path in paths)


def next_validate_line(department: Path, workload: Path, given: Path | None) -> str:
    """What to run after ``init``: validate the two files written (``given``: the department
    file, when it is not the name a workload finds by default)."""
    pair = f" --department {given}" if given is not None else ""
    return f"next: cskh-org validate {department} {workload}{pair}\n"


def checks_text(entries: Iterable[Check]) -> str:
    """Every check with its summary, and each code it reports with its severity, by name (the
    order checks register in depends on what was imported first)."""
    lines = []
    for entry in sorted(entries, key=lambda e: e.name):
        lines.append(f"{entry.name}: {entry.summary}")
        lines += [f"  {severity.value:<7} {code}" for code, severity in entry.codes.items()]
    return "".join(f"{line}\n" for line in lines)


def warning_lines(warnings: Iterable[object]) -> list[str]:
    """``cskh-org: warning: …`` once per distinct warning, in order."""
    return [f"cskh-org: warning: {printable_lines(str(w))}" for w in dict.fromkeys(warnings)]


class ProgressBar:
    """``simulating ━━━━━━━━━━╸━━━━━━━ 3/5 0:00:04`` redrawn in place on a terminal, by rich
    (which honours ``NO_COLOR``); gone when closed. Call it with ``(done, total)``."""

    def __init__(self, stream: TextIO, what: str = "simulating") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn(what),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=True,
            redirect_stdout=False,  # the output goes where it is asked to, never into the bar
            redirect_stderr=False,
        )
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.task is None:
            self.progress.start()
            self.task = self.progress.add_task("", total=total)
        self.progress.update(self.task, completed=done, total=total, refresh=True)

    def close(self) -> None:
        if self.task is not None:
            self.progress.stop()


def text_grid(rows: Sequence[Sequence[str]], left: set[int]) -> list[str]:
    """``rows`` as aligned columns two spaces apart, by terminal cell width (wide characters
    count twice): the columns in ``left`` padded on the right, the others on the left."""
    from rich.cells import cell_len

    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = []
        for i, (c, w) in enumerate(zip(r, widths, strict=True)):
            pad = " " * (w - cell_len(c))
            cells.append(c + pad if i in left else pad + c)
        out.append("  ".join(cells).rstrip())
    return out
