"""Findings: every problem in a document, with its place, a stable code and a severity.

A finding prints as ``file:line:col: severity[code]: message`` — the format compilers use, so
editors and CI annotate the line. Lines and columns are 1-based.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field

from cskh_org.terminal import printable

__all__ = ["Finding", "Issue", "Location", "Severity", "has_errors", "printable", "sort_findings"]


class Severity(enum.Enum):
    """How serious a finding is. Errors fail validation; warnings fail it only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def is_error(self) -> bool:
        return self is Severity.ERROR

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a source file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{printable(self.file)}:{self.line}:{self.column}"


Path = tuple[str | int, ...]


class Issue(typing.NamedTuple):
    """A problem found by a check, before it is given a location: code, path, message (the
    pipeline turns it into a :class:`Finding` at the place ``path`` is written)."""

    code: str
    path: Path
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: a stable ``code``, a ``severity``, a message that says how to fix it.

    ``path`` is the place in the document's data (``("units", 2, "parent")``); ``location``
    is where that data is written, when it came from a file.
    """

    code: str
    severity: Severity
    message: str
    location: Location | None = None
    path: Path = field(default=())

    def __post_init__(self) -> None:
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))

    def format(self) -> str:
        where = str(self.location) if self.location else "<document>"
        return f"{where}: {self.severity.value}[{self.code}]: {self.message}"

    def to_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "path": list(self.path),
        }

    def __str__(self) -> str:
        return self.format()


def _sort_key(f: Finding) -> tuple[str, int, int, int, str, str]:
    loc = f.location
    return (
        loc.file if loc else "\uffff",
        loc.line if loc else 0,
        loc.column if loc else 0,
        f.severity.rank,
        f.code,
        f.message,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order: by file, line, column, then severity and code."""
    return sorted(findings, key=_sort_key)


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """True if any finding fails validation (any warning too when ``strict``)."""
    return any(f.severity.is_error or (strict and f.severity is Severity.WARNING) for f in findings)
