"""Stage 1 of the load pipeline: bytes → a marked tree of dicts, lists and scalars.

The tree is built straight from libyaml's event stream (PyYAML's C parser where present,
its pure-Python parser otherwise), never through PyYAML's constructors:

* every mapping key and value and every list item keeps its source mark
  (``file``, 1-based ``line`` and ``column``);
* a duplicate key is a finding (PyYAML silently keeps the last one);
* nesting depth, alias expansion and file size are bounded, each with a clear finding;
* scalars resolve by the YAML 1.2 core schema: only ``true``/``false`` are booleans (``no``
  stays the text "no"), ``12:30`` stays text, numbers with a fraction become exact
  ``Decimal``, a number with a leading zero (``0123``) stays text, and ``_`` groups digits
  only between them (``12_000``; ``1_`` stays text);
* a number is bounded on its text before it is converted (:data:`MAX_NUMBER_TEXT`
  characters, below ``10**MAX_NUMBER_MAGNITUDE``): past that it is ``number-too-large`` and
  kept as text, so ``1e999999999`` never becomes a billion-digit integer;
* only the standard ``!!str``/``!!int``/``!!float``/``!!bool``/``!!null`` tags are
  understood; any other tag (``!!python/object``…) is a finding, never executed.
"""

from __future__ import annotations

import os
import re
import stat
import threading
import unicodedata
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from sys import intern
from typing import Any, BinaryIO, NoReturn

import yaml

from cskh_org.errors import SourceError
from cskh_org.findings import Finding, Location, Said, Severity, both

__all__ = [
    "Limits",
    "MarkedDict",
    "MarkedList",
    "ParsedSource",
    "SourceMark",
    "current_limits",
    "locate",
    "parse_text",
    "read_source",
    "using_limits",
]


def _libyaml_parser() -> Any:
    """libyaml's event parser; ``yaml.CParser`` does not exist (PyYAML exports only loaders)."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return None
    return CParser


_CParser: Any = _libyaml_parser()
HAVE_LIBYAML = _CParser is not None


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile files from exhausting time or memory."""

    max_bytes: int = 20 * 1024 * 1024
    """Largest file read, in bytes, and largest document with all its included files."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists."""
    max_nodes: int = 250_000
    """Most nodes the document may expand to, counting each alias use in full, the included
    files' nodes with the including one's. At 400,000 a mapping of 200,000 keys took 2.0 s
    (`benchmarks/bench_limits.py`); 250,000 keep every document under 2 s and 200 MB, a
    hundred times what the large example holds."""
    max_alias_nodes: int = 100_000
    """Most nodes alias uses may add in all, or as many as the document writes itself if that
    is more: a few kilobytes of aliases must not expand to millions of objects to build."""
    max_includes: int = 256
    """Most files one document may include, directly or not."""


_DEFAULTS = Limits()  # frozen: one instance serves every load that changes nothing
_LIMITS: ContextVar[Limits] = ContextVar("cskh_org_limits", default=_DEFAULTS)


def current_limits() -> Limits:
    """The limits a load given none uses: :class:`Limits`' defaults, or those of the innermost
    :func:`using_limits` around it."""
    return _LIMITS.get()


@contextmanager
def using_limits(limits: Limits) -> Iterator[Limits]:
    """Loads inside the ``with`` block that are given no limits use ``limits`` (what
    ``cskh-org --max-nodes`` sets for its command); the block's end restores the ones before.
    Scoped to the context (thread, task): another thread's loads keep their own."""
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


SourceMark = tuple[str, int, int]
"""``(file, line, column)``, 1-based."""

# -- the compact mark store ----------------------------------------------------------------
#
# A generated national department holds about 1.3 million marks (a key's and its value's for
# every mapping entry, one for every list item). As a tuple each (with its line, an int past
# 256, its own object) they took 150 MB of the 400 MB a load peaked at; here each mark is three
# unsigned ints in its container's ``array('I')``, 12 bytes, and the ``(file, line, column)``
# tuple is made only when asked for (a finding's location, a test). A container's array holds
# its own mark first, then, in insertion order, a mapping's key and value marks per key or a
# list's item marks per item: the order of the dict's keys (never deleted, a duplicate key
# is never re-inserted) and of the list's items is the order of the marks.

_FILES: list[str] = []
"""Every file name a mark was made in (marks store its index)."""
_FILE_IDS: dict[str, int] = {}
_FILES_LOCK = threading.Lock()
_MARK_TYPE = "I" if array("I").itemsize >= 4 else "L"
"""Unsigned ints of at least 32 bits: lines and columns of any file a process can read."""


def _file_id(name: str) -> int:
    """The index of ``name`` in the file table (added on first use)."""
    found = _FILE_IDS.get(name)
    if found is not None:
        return found
    with _FILES_LOCK:
        found = _FILE_IDS.get(name)
        if found is None:
            found = len(_FILES)
            _FILES.append(name)
            _FILE_IDS[name] = found
        return found


def _packed(mark: SourceMark) -> tuple[int, int, int]:
    return (_file_id(mark[0]), mark[1], mark[2])


class MarkedDict(dict[str, Any]):
    """A YAML mapping that remembers where each key and value was written.

    Keys are added with :meth:`put` (or by the parser), which records both marks; read them
    with :meth:`key_mark` / :meth:`value_mark` (or the :attr:`key_marks` / :attr:`value_marks`
    copies)."""

    __slots__ = ("_index", "_marks")

    def __init__(self, mark: SourceMark) -> None:
        super().__init__()
        self._marks = array(_MARK_TYPE, _packed(mark))
        self._index: dict[str, int] | None = None

    @classmethod
    def _opened(cls, file: int, line: int, column: int) -> MarkedDict:
        """An empty mapping starting at a packed mark (the parser's way: no tuple, no lookup)."""
        self = dict.__new__(cls)
        self._marks = array(_MARK_TYPE, (file, line, column))
        self._index = None
        return self

    @property
    def mark(self) -> SourceMark:
        """Where the mapping starts."""
        m = self._marks
        return (_FILES[m[0]], m[1], m[2])

    def _offset(self, key: str) -> int:
        """Where ``key``'s marks start in ``_marks`` (``KeyError`` if the key is not here)."""
        index = self._index
        if index is None or len(index) != len(self):
            index = self._index = {k: i for i, k in enumerate(self)}
        return 3 + 6 * index[key]

    def key_mark(self, key: str) -> SourceMark:
        """Where ``key`` is written."""
        at, m = self._offset(key), self._marks
        return (_FILES[m[at]], m[at + 1], m[at + 2])

    def value_mark(self, key: str) -> SourceMark:
        """Where the value of ``key`` is written."""
        at, m = self._offset(key) + 3, self._marks
        return (_FILES[m[at]], m[at + 1], m[at + 2])

    @property
    def key_marks(self) -> dict[str, SourceMark]:
        """Every key's mark (a copy)."""
        return {k: self.key_mark(k) for k in self}

    @property
    def value_marks(self) -> dict[str, SourceMark]:
        """Every value's mark (a copy)."""
        return {k: self.value_mark(k) for k in self}

    def put(self, key: str, value: Any, key_mark: SourceMark, value_mark: SourceMark) -> None:
        """Add a new ``key`` with its value and both marks."""
        if key in self:
            raise KeyError(key)
        self[key] = value
        self._marks.extend((*_packed(key_mark), *_packed(value_mark)))

    def put_from(self, other: MarkedDict, key: str) -> None:
        """Add ``other``'s ``key`` (new here) with its value and marks (an include merged)."""
        if key in self:
            raise KeyError(key)
        at = other._offset(key)
        self[key] = other[key]
        self._marks.extend(other._marks[at : at + 6])


class MarkedList(list[Any]):
    """A YAML sequence that remembers where each item was written (:meth:`item_mark`)."""

    __slots__ = ("_marks",)

    def __init__(self, mark: SourceMark) -> None:
        super().__init__()
        self._marks = array(_MARK_TYPE, _packed(mark))

    @classmethod
    def _opened(cls, file: int, line: int, column: int) -> MarkedList:
        """An empty sequence starting at a packed mark (see :meth:`MarkedDict._opened`)."""
        self = list.__new__(cls)
        self._marks = array(_MARK_TYPE, (file, line, column))
        return self

    @property
    def mark(self) -> SourceMark:
        """Where the sequence starts."""
        m = self._marks
        return (_FILES[m[0]], m[1], m[2])

    def item_mark(self, i: int) -> SourceMark:
        """Where item ``i`` (0-based, not negative) is written."""
        if not 0 <= i < len(self):
            raise IndexError(i)
        at, m = 3 + 3 * i, self._marks
        return (_FILES[m[at]], m[at + 1], m[at + 2])

    @property
    def item_marks(self) -> list[SourceMark]:
        """Every item's mark (a copy)."""
        return [self.item_mark(i) for i in range(len(self))]

    def add(self, value: Any, mark: SourceMark) -> None:
        """Append ``value``, written at ``mark``."""
        self.append(value)
        self._marks.extend(_packed(mark))

    def extend_from(self, other: MarkedList) -> None:
        """Append ``other``'s items with their marks (an included file's list merged)."""
        self.extend(other)
        self._marks.extend(other._marks[3:])


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """One file's tree (``None`` when it could not be parsed) and the findings made on the way."""

    name: str
    data: Any
    findings: tuple[Finding, ...]
    nodes: int = 0
    """Nodes the tree holds, aliases counted in full (what :attr:`Limits.max_nodes` bounds)."""


def _finding(
    code: str, words: Said, mark: SourceMark | None, path: tuple[str | int, ...] = ()
) -> Finding:
    loc = Location(*mark) if mark else None
    return Finding.said(code, Severity.ERROR, words, loc, path)


_MAX_SOFT_FINDINGS = 100
"""Findings that do not stop parsing (duplicate keys, misfit tags) reported per file; one more
stops it, so a file of a million duplicate keys costs no more than a hundred."""


def _shown(text: str, limit: int = 60) -> str:
    """``text`` for a one-line message: cut to ``limit`` characters, and every control, format
    (bidi override…) or line-separator character written as an escape (``\\x1b``, ``\\u202e``)
    so it can neither break the line nor reorder or colour what a terminal shows."""
    cut = text[:limit]
    if not cut.isprintable():
        cut = "".join(
            (
                f"\\x{ord(c):02x}"
                if ord(c) < 0x100
                else f"\\u{ord(c):04x}"
                if ord(c) < 0x10000
                else f"\\U{ord(c):08x}"
            )
            if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")
            else c
            for c in cut
        )
    return cut + ("…" if len(text) > limit else "")


# -- scalars -----------------------------------------------------------------------------------

_GROUPED = r"[0-9]+(?:_[0-9]+)*"
"""Digits, with single ``_`` between groups (``12_000_000``), never leading or trailing."""
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*(?:_[0-9]+)*)\Z")
_INT_BASED = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(
    rf"[-+]?(?:\.{_GROUPED}|(?:0|[1-9][0-9]*(?:_[0-9]+)*)(?:\.(?:{_GROUPED})?)?)"
    r"(?:[eE][-+]?[0-9]+)?\Z"
)
MAX_NUMBER_TEXT = 64
"""Longest plain scalar read as a number, in characters; a longer one is ``number-too-large``."""
MAX_NUMBER_MAGNITUDE = 30
"""A number read from the text is below ``10**MAX_NUMBER_MAGNITUDE`` in size, and its first
digit is no further than ``10**-MAX_NUMBER_MAGNITUDE`` behind the point (``0.5e-30`` is too
small, ``0e-999`` too): every field's own bound lies far inside, and the bound is checked on
the text, with no conversion past :data:`MAX_NUMBER_TEXT` characters (``1e999999999`` is never
expanded)."""
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), Decimal("Infinity")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), Decimal("-Infinity")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), Decimal("NaN")),
}
"""The YAML 1.2 core spellings only (``.Nan`` or ``.iNf`` stay text)."""
_INT_BOUND = 10**MAX_NUMBER_MAGNITUDE
_NUMERIC_START = frozenset("0123456789+-.")
_WORD_START = frozenset("tTfFnN~")
_STD_TAG = "tag:yaml.org,2002:"
_MAP_TAG = _STD_TAG + "map"
_SEQ_TAG = _STD_TAG + "seq"


class NumberTooLarge(ValueError):
    """A plain scalar is a number beyond :data:`MAX_NUMBER_TEXT` / :data:`MAX_NUMBER_MAGNITUDE`."""


def _resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar; raises :class:`NumberTooLarge` for a number past
    the bounds (judged on the text: nothing of unbounded size is ever converted)."""
    if not text:
        return None
    first = text[0]
    if first in _NUMERIC_START:
        if _INT.match(text):
            if len(text) > MAX_NUMBER_TEXT:
                raise NumberTooLarge(text)
            value = int(text.replace("_", ""))
            if abs(value) >= _INT_BOUND:
                raise NumberTooLarge(text)
            return value
        if _INT_BASED.match(text):
            if len(text) > MAX_NUMBER_TEXT:
                raise NumberTooLarge(text)
            value = int(text, 0)
            if value >= _INT_BOUND:
                raise NumberTooLarge(text)
            return value
        if _FLOAT.match(text) and any(c.isdigit() for c in text):
            if len(text) > MAX_NUMBER_TEXT:
                raise NumberTooLarge(text)
            try:
                number = Decimal(text.replace("_", ""))
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                return text
            if not -MAX_NUMBER_MAGNITUDE <= number.adjusted() < MAX_NUMBER_MAGNITUDE:
                if number:
                    raise NumberTooLarge(text)
                number = Decimal(0).copy_sign(number)  # `0e100` is zero, and no huge exponent
            return number
        return _SPECIAL_FLOATS.get(text, text)
    if first in _WORD_START:
        if text in _NULLS:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return text


def _resolve_tagged(tag: str, text: str) -> Any:
    """Value of a scalar with an explicit standard tag; raises ValueError when it does not fit."""
    kind = tag[len(_STD_TAG) :] if tag.startswith(_STD_TAG) else None
    if tag == "!" or kind == "str":
        return text
    value = _resolve_plain(text)
    expected: dict[str | None, type | tuple[type, ...]] = {
        "int": int,
        "float": (Decimal, int),
        "bool": bool,
        "null": type(None),
    }
    if kind not in expected:
        raise KeyError(tag)
    if isinstance(value, bool) and kind != "bool":
        raise ValueError(text)
    if not isinstance(value, expected[kind]):
        raise ValueError(text)
    if kind == "float" and isinstance(value, int):
        return Decimal(value)
    return value


# -- the event walk ----------------------------------------------------------------------------


class _Frame:
    __slots__ = ("anchor", "container", "is_map", "key", "key_column", "key_line", "marks", "size")

    def __init__(self, container: Any, anchor: str | None, is_map: bool) -> None:
        self.container = container  # MarkedDict if is_map else MarkedList
        self.marks: array[int] = container._marks
        self.anchor = anchor
        self.is_map = is_map
        self.key: str | None = None
        self.key_line = 0
        self.key_column = 0
        self.size = 1


class _Stop(Exception):
    """Parsing cannot go on; the finding that says why is already recorded."""


def parse_text(
    text: str,
    name: str = "<string>",
    limits: Limits | None = None,
    *,
    libyaml: bool | None = None,
) -> ParsedSource:
    """Parse YAML text into a marked tree, collecting every finding on the way.

    ``libyaml`` chooses the parser: libyaml (PyYAML's C parser) where available by default,
    ``False`` forces PyYAML's pure-Python parser (slower, same tree and marks).
    """
    limits = limits or current_limits()
    findings: list[Finding] = []
    builder = _Builder(name, limits, findings)
    use_c = HAVE_LIBYAML if libyaml is None else libyaml
    if use_c and not HAVE_LIBYAML:
        raise RuntimeError("libyaml is not available: PyYAML was built without it")
    try:
        builder.run(text, use_c)
    except _Stop:
        return ParsedSource(name, None, tuple(findings))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (name, mark.line + 1, mark.column + 1) if mark else None
        if _NESTING_LIMIT.search(str(exc.problem or "")):
            # libyaml ≥ 0.2.5 (bundled with PyYAML ≥ 6.0.4) stops deep flow nesting itself,
            # before our own depth bound sees the events: the same finding either way.
            findings.append(_too_deep(limits.max_depth, where))
            return ParsedSource(name, None, tuple(findings))
        from cskh_org.loading.yaml_problems import yaml_problem

        problem = yaml_problem(exc.context, exc.problem)
        findings.append(_finding("yaml-syntax", both("yaml-syntax", problem=problem), where))
        return ParsedSource(name, None, tuple(findings))
    except (yaml.reader.ReaderError, UnicodeEncodeError):
        findings.append(_bad_character(text, name))
        return ParsedSource(name, None, tuple(findings))
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line
        findings.append(
            _finding("yaml-syntax", both("yaml-syntax.other", problem=message), (name, 1, 1))
        )
        return ParsedSource(name, None, tuple(findings))
    return ParsedSource(name, builder.root, tuple(findings), builder.total)


_NESTING_LIMIT = re.compile(r"maximum nesting depth|nesting depth exceeded", re.IGNORECASE)


def _too_deep(max_depth: int, where: tuple[str, int, int] | None) -> Finding:
    return _finding(
        "yaml-too-deep",
        both("yaml-too-deep", depth=max_depth),
        where,
    )


# Compiled when first needed (only for a document the parser rejected): the character set
# spans all of Unicode and takes tens of milliseconds to compile, at every start otherwise.
_NOT_YAML_CHARACTER = r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def _bad_character(text: str, name: str) -> Finding:
    """The finding for the first character YAML does not allow (found after the parser failed)."""
    found = re.search(_NOT_YAML_CHARACTER, text)
    if found is None:  # pragma: no cover - the parsers reject only these characters
        return _finding("yaml-syntax", both("yaml-syntax.character-unknown"), None)
    pos = found.start()
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return _finding(
        "yaml-syntax",
        both("yaml-syntax.character", code=f"{ord(found.group()):04X}"),
        (name, line, column),
    )


class _Builder:
    """Builds the marked tree from parser events (one flat loop: this is the hot path)."""

    def __init__(self, name: str, limits: Limits, findings: list[Finding]) -> None:
        self.name = name
        self.limits = limits
        self.findings = findings
        self.root: Any = None
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.total = 0
        self.documents = 0
        self.soft_findings = 0

    def _mark(self, event: Any) -> SourceMark:
        m = event.start_mark
        return (self.name, m.line + 1, m.column + 1)

    def _stop(self, code: str, words: Said, mark: SourceMark) -> NoReturn:
        self.findings.append(_finding(code, words, mark))
        raise _Stop

    def run(self, text: str, use_c: bool) -> None:
        parser: Any = _CParser(text) if use_c else yaml.SafeLoader(text)
        try:
            self._walk(parser)
        finally:
            parser.dispose()

    def _soft(self, finding: Finding) -> None:
        """Record a finding that does not stop parsing, unless there are too many already."""
        self.soft_findings += 1
        if self.soft_findings > _MAX_SOFT_FINDINGS:
            mark = finding.location
            self._stop(
                finding.code,
                both(
                    "loader.too-many",
                    message=Said(vi=finding.message_vi, en=finding.message),
                    limit=_MAX_SOFT_FINDINGS,
                ),
                (mark.file, mark.line, mark.column) if mark else (self.name, 1, 1),
            )
        self.findings.append(finding)

    def _walk(self, parser: Any) -> None:
        scalar_t, alias_t = yaml.ScalarEvent, yaml.AliasEvent
        map_start, map_end = yaml.MappingStartEvent, yaml.MappingEndEvent
        seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
        doc_start = yaml.DocumentStartEvent
        get_event = parser.get_event
        name = self.name
        max_depth = self.limits.max_depth
        max_nodes = self.limits.max_nodes
        stack = self.stack
        anchors = self.anchors
        resolve = _resolve_plain
        # A plain scalar's value depends on its text alone, and values are immutable (text,
        # int, Decimal, bool, None): each distinct text is resolved once, and every place it
        # is written holds the one value (``agent``, ``0.5``, ``12000000 VND`` written
        # 50,000 times are one object each). A quoted one is its text, shared the same way.
        open_map, open_list = MarkedDict._opened, MarkedList._opened
        known: dict[str, Any] = {}
        texts: dict[str, str] = {}
        file = _file_id(name)
        max_aliased = self.limits.max_alias_nodes
        top: _Frame | None = None
        total = 0
        aliased = 0  # nodes added by alias uses (the rest of ``total`` is written in the text)
        aliased_mark: SourceMark | None = None  # where ``aliased`` first outgrew the rest
        value: Any
        line = column = 0  # where ``value`` is written
        # Each event either opens a container (pushed, nothing to attach yet) or yields a value
        # (a scalar, a closed container, an alias) attached to the container on top.
        while (event := get_event()) is not None:
            t = type(event)
            if t is scalar_t:
                m = event.start_mark
                line = m.line + 1
                column = m.column + 1
                text: str = event.value
                if top is not None and top.is_map and top.key is None:  # a mapping key
                    if event.tag is not None or (text == "<<" and not event.style):
                        self._check_key(event, text, (name, line, column))
                    if event.anchor is not None:
                        anchors[event.anchor] = (text, 1)
                    top.key = intern(text)
                    top.key_line = line
                    top.key_column = column
                    total += 1
                    if total > max_nodes:
                        self._too_large((name, line, column), aliased * 2 > total)
                    continue
                tag = event.tag
                if tag is None:
                    if event.style:
                        value = texts.setdefault(text, text)
                    else:
                        value = known.get(text, known)
                        if value is known:
                            try:
                                value = known[text] = resolve(text)
                            except NumberTooLarge:
                                value = self._number_too_large(text, (name, line, column))
                else:
                    value = self._tagged(tag, text, (name, line, column))
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                total += 1
                if total > max_nodes:
                    self._too_large((name, line, column), aliased * 2 > total)
                size = 1
            elif t is map_end or t is seq_end:
                frame = stack.pop()
                value = frame.container
                own = frame.marks
                line = own[1]
                column = own[2]
                size = frame.size
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, size)
                top = stack[-1] if stack else None
            elif t is map_start or t is seq_start:
                if len(stack) >= max_depth:
                    self.findings.append(_too_deep(max_depth, self._mark(event)))
                    raise _Stop
                if top is not None and top.is_map and top.key is None:
                    self._complex_key(event)
                tag = event.tag
                if tag is not None and tag not in ("!", _MAP_TAG if t is map_start else _SEQ_TAG):
                    self._tag(tag, self._mark(event))
                is_map = t is map_start
                m = event.start_mark
                container = (open_map if is_map else open_list)(file, m.line + 1, m.column + 1)
                top = _Frame(container, event.anchor, is_map)
                stack.append(top)
                continue
            elif t is alias_t:
                mark = self._mark(event)
                line = mark[1]
                column = mark[2]
                if top is not None and top.is_map and top.key is None:
                    self._complex_key(event)
                target = anchors.get(event.anchor)
                if target is None:
                    shown = _shown(event.anchor)
                    self._stop(
                        "yaml-syntax",
                        both("yaml-syntax.alias", name=shown),
                        mark,
                    )
                value, size = target
                total += size
                aliased += size
                if total > max_nodes:
                    self._too_large(mark, aliased * 2 > total)
                if aliased_mark is None and aliased > max_aliased and aliased > total - aliased:
                    aliased_mark = mark
            elif t is doc_start:
                self.documents += 1
                if self.documents > 1:
                    self._stop(
                        "yaml-multiple-documents",
                        both("yaml-multiple-documents"),
                        self._mark(event),
                    )
                continue
            else:
                continue
            # attach ``value`` (written at ``mark``, ``size`` nodes) to the open container
            if top is None:
                self.root = value
                continue
            top.size += size
            if top.is_map:
                mapping: MarkedDict = top.container
                key = top.key
                top.key = None
                if key in mapping:
                    self._duplicate(mapping, key, (name, top.key_line, top.key_column))  # type: ignore[arg-type]
                    continue
                mapping[key] = value  # type: ignore[index]
                top.marks.extend((file, top.key_line, top.key_column, file, line, column))
            else:
                top.container.append(value)
                top.marks.extend((file, line, column))
        # Aliases are judged once the whole text is read: they may add as many nodes as the
        # text writes itself (or ``max_alias_nodes``), never multiply a small file.
        self.total = total
        written = total - aliased
        if aliased_mark is not None and aliased > max(max_aliased, written):
            self._stop(
                "yaml-too-large",
                both(
                    "yaml-too-large.aliases",
                    aliased=f"{aliased:,}",
                    written=f"{written:,}",
                    most=f"{max(max_aliased, written):,}",
                    max_aliased=f"{max_aliased:,}",
                ),
                aliased_mark,
            )

    # -- the rare cases, out of the loop --------------------------------------------------------

    def _check_key(self, event: Any, text: str, mark: SourceMark) -> None:
        if text == "<<" and not event.style:
            self._stop(
                "yaml-merge-key",
                both("yaml-merge-key"),
                mark,
            )
        if event.tag not in (None, "!", _STD_TAG + "str"):
            self._tag(event.tag, mark)

    def _number_too_large(self, text: str, mark: SourceMark) -> str:
        """Report a number past the bounds; the text is kept (as text) in its place."""
        self._soft(
            _finding(
                "number-too-large",
                both(
                    "number-too-large",
                    text=_shown(text, 40),
                    length=MAX_NUMBER_TEXT,
                    magnitude=MAX_NUMBER_MAGNITUDE,
                ),
                mark,
            )
        )
        return text

    def _tagged(self, tag: str, text: str, mark: SourceMark) -> Any:
        try:
            return _resolve_tagged(tag, text)
        except NumberTooLarge:
            return self._number_too_large(text, mark)
        except KeyError:
            self._tag(tag, mark)
        except ValueError:
            self._soft(
                _finding(
                    "yaml-tag",
                    both("yaml-tag.misfit", text=_shown(text, 40), tag=_shown(tag)),
                    mark,
                )
            )
            return text

    def _too_large(self, mark: SourceMark, expanded: bool) -> NoReturn:
        """Past ``max_nodes`` at ``mark``; ``expanded``: alias uses added most of the nodes
        (remove them), else the text writes them (a department this large: raise the limit)."""
        key = "yaml-too-large.expanded" if expanded else "yaml-too-large.nodes"
        self._stop("yaml-too-large", both(key, nodes=f"{self.limits.max_nodes:,}"), mark)

    def _complex_key(self, event: Any) -> NoReturn:
        self._stop(
            "yaml-complex-key",
            both("yaml-complex-key"),
            self._mark(event),
        )

    def _tag(self, tag: str, mark: SourceMark) -> NoReturn:
        self._stop(
            "yaml-tag",
            both("yaml-tag.unsupported", tag=_shown(tag)),
            mark,
        )

    def _duplicate(self, mapping: MarkedDict, key: str, key_mark: SourceMark) -> None:
        first = mapping.key_mark(key)
        self._soft(
            _finding(
                "duplicate-key",
                both("duplicate-key", key=_shown(key), line=first[1]),
                key_mark,
            )
        )


# -- reading files -----------------------------------------------------------------------------


def read_source(
    path: Path, limits: Limits | None = None, display_name: str | None = None
) -> ParsedSource:
    """Read and parse one file. Raises :class:`SourceError` if it cannot be read at all."""
    limits = limits or current_limits()
    name = display_name or str(path)
    with open_source(path, name) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bytes:
                raise SourceError(
                    both(
                        "source.too-large",
                        name=name,
                        size=_count(size),
                        limit=_count(limits.max_bytes),
                    )
                )
            raw = handle.read(limits.max_bytes + 1)
        except OSError as exc:
            raise unreadable(exc, name) from None
    if len(raw) > limits.max_bytes:
        raise SourceError(both("source.too-large.read", name=name, limit=_count(limits.max_bytes)))
    return parse_bytes(raw, name, limits)


def open_source(path: Path, name: str) -> BinaryIO:
    """``path`` opened for binary reading, if it is a regular file (see
    :func:`cskh_org.files.open_regular`); else :class:`SourceError` saying why, with ``name``
    (the path as the user wrote it)."""
    from cskh_org.files import NotRegularFile, open_regular

    try:
        return open_regular(path)
    except NotRegularFile as exc:
        if stat.S_ISDIR(exc.mode):
            raise SourceError(both("source.folder", name=name)) from None
        raise SourceError(both("source.not-a-file", name=name, kind=exc.said)) from None
    except FileNotFoundError:
        raise SourceError(both("source.no-file", name=name)) from None
    except PermissionError:
        raise SourceError(both("source.permission", name=name)) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        raise unreadable(exc, name) from None


def unreadable(exc: OSError | ValueError, name: str) -> SourceError:
    """The error of a file that opened but could not be read (or a path holding a NUL)."""
    from cskh_org.files import reason

    if isinstance(exc, ValueError):
        return SourceError(both("source.unreadable", name=_shown(name, 200), reason=reason(exc)))
    words = reason(exc) if exc.strerror else Said(vi=str(exc), en=str(exc))
    return SourceError(both("source.unreadable", name=name, reason=words))


def _count(n: int) -> Said:
    """A count of bytes as each language groups its digits (``1.500`` / ``1,500``)."""
    return Said(vi=f"{n:,}".replace(",", "."), en=f"{n:,}")


def parse_bytes(
    raw: bytes, name: str, limits: Limits | None = None, *, libyaml: bool | None = None
) -> ParsedSource:
    """Decode UTF-8 (a byte-order mark is accepted) and parse (``libyaml`` as in parse_text)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return ParsedSource(
            name,
            None,
            (
                _finding(
                    "encoding",
                    both("encoding", byte=f"{raw[exc.start]:02X}"),
                    (name, line, column),
                ),
            ),
        )
    return parse_text(text, name, limits, libyaml=libyaml)


def locate(root: Any, path: tuple[str | int, ...], *, key: bool = False) -> SourceMark | None:
    """The mark of the deepest node of ``path`` found in the tree.

    Path elements not found (a union tag, a missing field) are skipped. With ``key``, the mark
    of the last mapping key is returned instead of its value's (for unknown keys).
    """
    node = root
    if not isinstance(root, MarkedDict | MarkedList):
        return None
    marks, at = root._marks, 0  # the mark found so far: three ints of ``marks`` from ``at``
    last = len(path) - 1
    for i, part in enumerate(path):
        if isinstance(node, MarkedDict) and isinstance(part, str) and part in node:
            marks, at = node._marks, node._offset(part) + (0 if key and i == last else 3)
            node = node[part]
        elif isinstance(node, MarkedList) and isinstance(part, int) and 0 <= part < len(node):
            marks, at = node._marks, 3 + 3 * part
            node = node[part]
        elif isinstance(node, MarkedDict | MarkedList):
            continue
        else:
            break
    return (_FILES[marks[at]], marks[at + 1], marks[at + 2])
