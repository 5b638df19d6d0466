"""Loading a ticket history: a mapping document, then a helpdesk export read row by row.

:func:`load_mapping` loads a mapping file (or a ready one by name: ``zendesk``,
``freshdesk``, ``canonical`` — the CSV that ``cskh-org history import`` writes) through the
stages a workload goes through, and checks it against the department.

:func:`read_history` reads an export (CSV with a header, or JSON lines) once, a line at a
time, so memory stays flat however long the file is (the ids seen are kept, to refuse a second
row with the same id). Each row becomes a :class:`~cskh_org.model.history.PastTicket` or,
with every problem it has, a bad row: each problem a finding at its ``file:line:col`` (the
first :data:`LISTED` of each code; past them, one ``history-more`` finding per code counts the
rest), and every bad row counted. No row is dropped without a finding.
"""

from __future__ import annotations

import codecs
import csv
import json
import operator
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

from cskh_org.checks.history import FIELDS, HISTORY_CODES, Problem, RowRules, check_mapping
from cskh_org.findings import Finding, Location, Said, Severity, both, did_you_mean, sort_findings
from cskh_org.loading.build import build_model
from cskh_org.loading.pipeline import Loaded, issue_finding, mapping_tree
from cskh_org.loading.source import (
    Limits,
    MarkedDict,
    ParsedSource,
    current_limits,
    open_source,
    parse_text,
    read_source,
    unreadable,
)
from cskh_org.model import Department
from cskh_org.model.history import READY_MAPPINGS, ColumnSpec, HistoryMapping, PastTicket

__all__ = [
    "LISTED",
    "MAX_LINE",
    "HistoryImport",
    "ImportSummary",
    "MappingResult",
    "load_mapping",
    "load_mapping_text",
    "read_history",
]

MAX_LINE: Final = 1 << 20
"""The longest line read, in bytes (1 MiB): a longer one is a bad line, skipped to its end."""
LISTED: Final = 1_000
"""Findings listed one by one per code; the rest of that code are counted."""


@dataclass(frozen=True)
class MappingResult(Loaded):
    """What loading a mapping gave: the mapping (if it could be built) and every finding."""

    name: str
    mapping: HistoryMapping | None
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)

    def _document(self) -> object | None:
        return self.mapping

    def unwrap(self, *, strict: bool = False) -> HistoryMapping:
        """The mapping, or :class:`DocumentInvalid` with every finding."""
        self._require(strict=strict)
        assert self.mapping is not None
        return self.mapping


def load_mapping(
    source: str | os.PathLike[str],
    department: Department | None = None,
    *,
    limits: Limits | None = None,
) -> MappingResult:
    """Load a mapping file, or a ready mapping by name (a file of that name wins), and check
    it against ``department`` (``None``: build only). Raises
    :class:`~cskh_org.errors.SourceError` if the file cannot be read at all."""
    limits = limits or current_limits()
    name = os.fspath(source)
    if name in READY_MAPPINGS and not Path(name).exists():
        return _mapping(parse_text(_ready_text(name), f"<{name}>", limits), department, ready=True)
    return _mapping(read_source(Path(name), limits, name), department, ready=False)


def load_mapping_text(
    text: str, department: Department | None = None, *, name: str = "<string>"
) -> MappingResult:
    """Load a mapping from text (``extends`` merged as from a file) and check it against
    ``department`` (``None``: build only)."""
    return _mapping(parse_text(text, name), department, ready=False)


def _ready_text(name: str) -> str:
    return resources.files("cskh_org.loading").joinpath(f"mappings/{name}.yaml").read_text("utf-8")


def _mapping(parsed: ParsedSource, department: Department | None, *, ready: bool) -> MappingResult:
    """Build a mapping and check it against ``department``: what its own file says (a ready
    mapping's translations into values some department lacks are not errors; rows with such
    values are, with a hint to translate them)."""
    tree, findings = mapping_tree(parsed, kind="mapping")
    if tree is None:
        kept = parsed.data if isinstance(parsed.data, MarkedDict) else None
        return MappingResult(parsed.name, None, tuple(sort_findings(findings)), kept)
    data: Any = tree
    base = tree.get("extends")
    if isinstance(base, str) and base in READY_MAPPINGS:
        data = _extended(parse_text(_ready_text(base), f"<{base}>").data, tree)
    mapping, built = build_model(HistoryMapping, data, tree)
    findings.extend(built)
    if mapping is not None and department is not None and not ready:
        severity = HISTORY_CODES["history-mapping-value"].severity
        findings.extend(
            issue_finding(tree, issue, severity)
            for issue in check_mapping(mapping, department)
            if _written(tree, issue.path)  # in this file, not inherited from a ready one
        )
    return MappingResult(parsed.name, mapping, tuple(sort_findings(findings)), tree)


def _written(tree: Any, path: Sequence[str | int]) -> bool:
    """Whether the mapping file itself writes the entry at ``path``."""
    for part in path:
        if not isinstance(tree, Mapping) or part not in tree:
            return False
        tree = tree[part]
    return True


def _extended(ready: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """``own`` over ``ready``: ``columns`` and ``values`` key by key (each field's
    translations too), every other key whole."""
    merged = {k: v for k, v in ready.items() if k != "extends"}
    for key, value in own.items():
        base = merged.get(key)
        if (
            key in ("columns", "values")
            and isinstance(value, Mapping)
            and isinstance(base, Mapping)
        ):
            inner = dict(base)
            for name, entry in value.items():
                below = inner.get(name)
                both_maps = key == "values" and isinstance(entry, Mapping)
                inner[name] = (
                    {**below, **entry} if both_maps and isinstance(below, Mapping) else entry
                )
            merged[key] = inner
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class ImportSummary:
    """What an import read: rows, tickets imported, bad rows, and the findings."""

    name: str
    rows: int
    """Rows read (the header and blank lines not counted)."""
    imported: int
    bad: int
    """Rows not imported (each with at least one finding, listed or counted)."""
    findings: tuple[Finding, ...]
    by_code: Mapping[str, int]
    """Bad rows (and file-level problems) per code."""

    @property
    def ok(self) -> bool:
        """True if every row was imported and nothing was wrong."""
        return not self.bad and not any(f.severity.is_error for f in self.findings)


class HistoryImport:
    """An export being read: iterate :meth:`tickets` once, then read :meth:`summary`."""

    def __init__(
        self, path: Path, name: str, mapping: HistoryMapping, department: Department
    ) -> None:
        self.path = path
        self.name = name
        self.mapping = mapping
        self.rules = RowRules(mapping, department)
        self._findings: list[Finding] = []
        self._listed: Counter[str] = Counter()
        self._first: dict[str, int] = {}
        self.by_code: Counter[str] = Counter()
        self.rows = self.imported = self.bad = 0
        self._seen: set[int | str] = set()
        self._started = False
        self._line = 0
        """The last line read."""
        self._after = 0
        """The last line of the last record read (or skipped)."""
        self._text = ""

    # -- the result -------------------------------------------------------------------------

    def summary(self) -> ImportSummary:
        """The counts and findings so far (all of them once :meth:`tickets` is exhausted)."""
        findings = list(self._findings)
        for code, n in self.by_code.items():
            more = n - self._listed[code]
            if more > 0:
                findings.append(
                    Finding.said(
                        "history-more",
                        Severity.INFO,
                        both("history.more", n=more, code=code, first=self._first[code]),
                        Location(self.name, self._first[code], 1),
                    )
                )
        return ImportSummary(
            self.name,
            self.rows,
            self.imported,
            self.bad,
            tuple(sort_findings(findings)),
            dict(self.by_code),
        )

    def _report(self, code: str, words: Said, line: int, column: int, *, row: bool = True) -> None:
        """One problem; counted per bad row (``row``) or once (a file-level problem)."""
        if row:
            self._first.setdefault(code, line)
        if self._listed[code] < LISTED:
            self._listed[code] += 1
            severity = HISTORY_CODES[code].severity
            self._findings.append(
                Finding.said(code, severity, words, Location(self.name, line, column))
            )

    def _bad_row(self, line: int, problems: Sequence[Problem], columns: Mapping[str, int]) -> None:
        self.bad += 1
        for code in dict.fromkeys(p.code for p in problems):
            self.by_code[code] += 1
        for problem in problems:
            self._report(problem.code, problem.words, line, columns.get(problem.field, 1))

    # -- reading ----------------------------------------------------------------------------

    def tickets(self) -> Iterator[PastTicket]:
        """Every good row's ticket, in file order (once)."""
        if self._started:
            raise RuntimeError("a history import is read once")
        self._started = True
        with open_source(self.path, self.name) as handle:
            try:
                if self.mapping.format == "csv":
                    yield from self._csv(handle)
                else:
                    yield from self._jsonl(handle)
            except OSError as exc:
                raise unreadable(exc, self.name) from None

    def _lines(self, handle: BinaryIO) -> Iterator[str]:
        """The file's lines, decoded one at a time; a line too long or not in the mapping's
        encoding is a bad line (reported, counted, skipped)."""
        encoding = self.mapping.encoding
        signed = codecs.lookup(encoding).name == "utf-8-sig"
        if signed:  # its decoder is written in Python, and slow: UTF-8's, after the mark
            encoding = "utf-8"
        line = 0
        while raw := handle.readline(MAX_LINE + 1):
            line += 1
            if line == 1 and signed and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            self._line = line
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                while (rest := handle.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass
                self._bad_line(line, 1, both("history.long-line", limit=f"{MAX_LINE:,}"))
                continue
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                self._bad_line(line, exc.start + 1, both("history.not-encoded", encoding=encoding))
                continue
            self._text = text
            yield text

    def _bad_line(self, line: int, column: int, words: Said) -> None:
        self._after = line  # the next record starts below it
        self.rows += 1
        self.bad += 1
        self.by_code["history-bad-line"] += 1
        self._first.setdefault("history-bad-line", line)
        self._report("history-bad-line", words, line, column)

    def _csv(self, handle: BinaryIO) -> Iterator[PastTicket]:
        delimiter = self.mapping.delimiter
        reader = csv.reader(self._lines(handle), delimiter=delimiter, strict=True)
        header = self._next_record(reader)
        while header == []:
            header = self._next_record(reader)
        if header is None:
            self._report("history-bad-line", both("history.no-header"), 1, 1, row=False)
            self.by_code["history-bad-line"] += 1
            return
        header_line = self._after = self._line
        places = {name: i for i, name in reversed(list(enumerate(header)))}
        indexes: list[int | None] = []
        for name in FIELDS:
            spec = getattr(self.mapping.columns, name)
            if spec is None:
                indexes.append(None)
                continue
            column = spec.column if isinstance(spec, ColumnSpec) else spec
            index = places.get(column)
            indexes.append(index)
            if index is None:
                key = "history.missing-created" if name == "created" else "history.missing-column"
                hint = did_you_mean(column, header) or Said("", "")
                words = both(key, column=column, field=name, hint=hint)
                self._report("history-missing-column", words, header_line, 1, row=False)
                self.by_code["history-missing-column"] += 1
        readable = indexes[FIELDS.index("created")] is not None
        pick = operator.itemgetter(*(-1 if i is None else i for i in indexes))
        width = len(header)
        while (row := self._next_record(reader)) is not None:
            line, end = self._after + 1, self._line
            self._after = end
            if not row:
                continue  # a blank line: no ticket
            self.rows += 1
            if not readable:
                self.bad += 1
                continue
            if len(row) != width:
                words = both("history.short-row", found=len(row), expected=width)
                self._bad_row(line, [Problem("history-short-row", "", words)], {})
                continue
            cells = cast("list[str | None]", row)
            cells.append(None)  # what a field without a column reads (index -1)
            found = self._ticket(line, pick(cells))
            if isinstance(found, PastTicket):
                yield found
                continue
            columns = _csv_columns(self._text, delimiter, indexes) if line == end else {}
            self._bad_row(line, found, columns)

    def _next_record(self, reader: Any) -> list[str] | None:
        """The next CSV record; one the reader cannot read is a bad line, skipped."""
        while True:
            try:
                record: list[str] = next(reader)
                return record
            except StopIteration:
                return None
            except csv.Error as exc:
                self._bad_line(self._line, 1, both("history.csv-error", reason=str(exc)[:120]))

    def _jsonl(self, handle: BinaryIO) -> Iterator[PastTicket]:
        paths = []
        for name in FIELDS:
            spec = getattr(self.mapping.columns, name)
            column = None if spec is None else spec.column if isinstance(spec, ColumnSpec) else spec
            paths.append(None if column is None else tuple(column.split(".")))
        for text in self._lines(handle):
            line = self._line
            if not text.strip():
                continue
            self.rows += 1
            try:
                item = json.loads(text)
            except (ValueError, RecursionError) as exc:
                reason = getattr(exc, "msg", type(exc).__name__)
                self._bad_line(
                    line, getattr(exc, "colno", 1), both("history.not-object", reason=reason)
                )
                self.rows -= 1
                continue
            if not isinstance(item, dict):
                self._bad_line(line, 1, both("history.not-object", reason=type(item).__name__))
                self.rows -= 1
                continue
            raw = [None if path is None else _dig(item, path) for path in paths]
            found = self._ticket(line, raw)
            if isinstance(found, PastTicket):
                yield found
            else:
                self._bad_row(line, found, _json_columns(text, paths))

    def _ticket(self, line: int, raw: Sequence[str | None]) -> PastTicket | list[Problem]:
        found = self.rules.ticket(line, raw)
        if isinstance(found, list):
            return found
        ident = found.id
        if ident is not None:
            key: int | str = int(ident) if _plain_digits(ident) else ident
            if key in self._seen:
                return [
                    Problem("history-duplicate-id", "id", both("history.duplicate-id", id=ident))
                ]
            self._seen.add(key)
        self.imported += 1
        return found


def read_history(
    path: str | os.PathLike[str], mapping: HistoryMapping, department: Department
) -> HistoryImport:
    """An export at ``path`` read with ``mapping`` for ``department``: iterate
    ``.tickets()``, then ``.summary()``. Opening the file is checked at once
    (:class:`~cskh_org.errors.SourceError` if it cannot be read)."""
    name = os.fspath(path)
    open_source(Path(name), name).close()
    return HistoryImport(Path(name), name, mapping, department)


def _dig(item: Mapping[str, Any], path: tuple[str, ...]) -> str | None:
    """The text at a dotted ``path`` of a JSON object (``None`` where it is not there)."""
    value: Any = item
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)[:200]


def _plain_digits(text: str) -> bool:
    """Whether an id is a whole number written plainly (``"7"``, not ``"007"``): then it is
    kept as an int, which takes half the memory of its text."""
    return (
        text.isdecimal() and text.isascii() and len(text) < 19 and (text == "0" or text[0] != "0")
    )


def _csv_columns(text: str, delimiter: str, indexes: Sequence[int | None]) -> dict[str, int]:
    """Each mapped field's column (1-based, in characters) on a one-line CSV record."""
    starts = [1]
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(i + 2)
    return {
        name: starts[index]
        for name, index in zip(FIELDS, indexes, strict=True)
        if index is not None and index < len(starts)
    }


def _json_columns(text: str, paths: Sequence[tuple[str, ...] | None]) -> dict[str, int]:
    """Each mapped field's column on a JSON line: where its (last) key is written."""
    found = {}
    for name, path in zip(FIELDS, paths, strict=True):
        if path is not None:
            at = text.find(json.dumps(path[-1], ensure_ascii=False))
            if at >= 0:
                found[name] = at + 1
    return found
