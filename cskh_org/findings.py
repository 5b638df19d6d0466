"""Findings: every problem in a document, with its place, a stable code and a severity.

A finding prints as ``file:line:col: severity[code]: message`` — the format compilers use, so
editors and CI annotate the line. Lines and columns are 1-based. Every message exists in
Vietnamese and English, from one catalogue (:mod:`cskh_org.words.findings`): a check says
``Issue.said(code, path, key, **fields)`` and both texts are filled in from the entry ``key``
(by default the code itself); ``text(lang)`` is the one to print.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cskh_org.hints import nearest
from cskh_org.terminal import printable
from cskh_org.words import Said, both, say

if typing.TYPE_CHECKING:
    from pydantic_core import PydanticCustomError

__all__ = [
    "NOTHING",
    "Finding",
    "Issue",
    "Location",
    "Said",
    "Severity",
    "both",
    "concat",
    "did_you_mean",
    "has_errors",
    "joined",
    "printable",
    "refusal",
    "sort_findings",
]

NOTHING: typing.Final = Said(vi="", en="")
"""No words, in either language (a field left out of a sentence)."""


def refusal(kind: str, key: str, /, **fields: object) -> PydanticCustomError:
    """A pydantic error of type ``kind`` (what a model validator raises) whose message is the
    catalogue's entry ``key``: the English text, with the entry and its fields in the error's
    context so the loader writes the Vietnamese one too."""
    from pydantic_core import PydanticCustomError  # only a model raises one: imported then

    return PydanticCustomError(kind, say(key, "en", **fields), {"said": key, "said_fields": fields})


def joined(items: Sequence[str | Said], conjunction: str = "word.and") -> Said:
    """``a``, ``a and b``, ``a, b and c`` (``và`` in Vietnamese; ``word.or`` for "or").

    >>> joined(["`a`", "`b`", "`c`"]).vi
    '`a`, `b` và `c`'
    """
    texts = [item if isinstance(item, Said) else Said(vi=item, en=item) for item in items]
    word = both(conjunction)

    def join(lang: int) -> str:
        parts = [text[lang] for text in texts]
        if len(parts) == 1:
            return parts[0]
        return f"{', '.join(parts[:-1])} {word[lang]} {parts[-1]}"

    return Said(vi=join(0), en=join(1))


def concat(separator: str, items: Iterable[Said]) -> Said:
    """The words of ``items`` one after the other, ``separator`` between, in each language."""
    texts = list(items)
    return Said(vi=separator.join(t.vi for t in texts), en=separator.join(t.en for t in texts))


def did_you_mean(word: str, candidates: Iterable[str]) -> Said | None:
    """`` (did you mean `x`?)`` in both languages for the nearest candidate, or ``None``.

    >>> did_you_mean("suport", ["support", "sales"]).vi
    ' (ý bạn là `support`?)'
    """
    close = nearest(word, candidates)
    return None if close is None else both("hint.did-you-mean", name=close)


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
    """A problem found by a check, before it is given a location: code, path, message in
    English and in Vietnamese (the pipeline turns it into a :class:`Finding` at the place
    ``path`` is written). A check builds one with :meth:`said`."""

    code: str
    path: Path
    message: str
    message_vi: str = ""
    """The Vietnamese message (empty: the English one stands for it)."""

    @classmethod
    def said(cls, code: str, path: Path, key: str | None = None, /, **fields: object) -> Issue:
        """The issue whose messages are the catalogue's entry ``key`` (default: ``code``) in
        both languages, with ``fields`` filled in."""
        words = both(key or code, **fields)
        return cls(code, path, words.en, words.vi)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``vi``, else English)."""
        return (self.message_vi or self.message) if lang == "vi" else self.message


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
    message_vi: str = ""
    """The message in Vietnamese (given empty, it is the English one)."""

    def __post_init__(self) -> None:
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))
        if not self.message_vi:
            object.__setattr__(self, "message_vi", self.message)
        elif not self.message_vi.isprintable():
            object.__setattr__(self, "message_vi", printable(self.message_vi))

    @classmethod
    def said(
        cls,
        code: str,
        severity: Severity,
        words: Said,
        location: Location | None = None,
        path: Path = (),
    ) -> Finding:
        """The finding whose messages are ``words`` (from :func:`cskh_org.words.both`)."""
        return cls(code, severity, words.en, location, path, words.vi)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``vi``, else English)."""
        return self.message_vi if lang == "vi" else self.message

    def format(self, lang: str = "en") -> str:
        where = str(self.location) if self.location else "<document>"
        return f"{where}: {self.severity.value}[{self.code}]: {self.text(lang)}"

    def to_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "message_vi": self.message_vi,
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
