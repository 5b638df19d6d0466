"""PyYAML's scanner and parser problems in both languages, for the ``yaml-syntax`` finding.

PyYAML (libyaml's C parser, or its own pure-Python one) says what went wrong in English, as
a ``context`` (``while parsing a flow sequence``) and a ``problem`` (``did not find expected
',' or ']'``); the two parsers word the same problem differently, and the pure-Python one
quotes the character or token it met (``found character '@' that cannot start any token``).
Each known wording is read here into a catalogue entry (``yaml-problem.…``), the quoted parts
as its fields; one it does not know is quoted as PyYAML wrote it. The English message stays
PyYAML's own words, exactly.

Imported only when a document fails to parse.
"""

from __future__ import annotations

import re
from typing import Final

from cskh_org.findings import Said, both
from cskh_org.loading.source import _shown

__all__ = ["yaml_problem"]

_CONTEXTS: Final[dict[str, str]] = {
    "while scanning for the next token": "next-token",
    "while scanning a simple key": "simple-key",
    "while parsing a block mapping": "block-mapping",
    "while parsing a block collection": "block-collection",
    "while parsing a flow mapping": "flow-mapping",
    "while parsing a flow sequence": "flow-sequence",
    "while parsing a node": "node",
    "while parsing a block node": "node",
    "while parsing a flow node": "node",
    "while scanning a quoted scalar": "quoted",
    "while parsing a quoted scalar": "quoted",
    "while scanning a double-quoted scalar": "quoted",
    "while scanning a single-quoted scalar": "quoted",
    "while scanning a plain scalar": "plain",
    "while scanning a block scalar": "block-scalar",
    "while scanning an alias": "alias",
    "while scanning an anchor": "anchor",
    "while scanning a tag": "tag",
    "while parsing a tag": "tag",
    "while scanning a directive": "directive",
    "while scanning a %YAML directive": "directive",
    "while scanning a %TAG directive": "directive",
    "while parsing a %TAG directive": "directive",
    "while scanning a tag directive": "directive",
    "while parsing a tag directive": "directive",
}
"""Where the reader was, in either parser's words → the entry ``yaml-problem.while.…``."""


def _pattern(text: str) -> re.Pattern[str]:
    """``text`` as a whole-string pattern, each of its ``{name}`` parts a group."""
    parts = re.split(r"\{(\w+)\}", text)
    return re.compile(
        "".join(f"(?P<{part}>.+)" if i % 2 else re.escape(part) for i, part in enumerate(parts))
        + r"\Z"
    )


_PROBLEMS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (_pattern(text), key)
    for text, key in (
        ("mapping values are not allowed here", "mapping-values"),
        ("mapping values are not allowed in this context", "mapping-values"),
        ("mapping keys are not allowed here", "mapping-keys"),
        ("mapping keys are not allowed in this context", "mapping-keys"),
        ("sequence entries are not allowed here", "sequence-entries"),
        ("block sequence entries are not allowed in this context", "sequence-entries"),
        ("found character that cannot start any token", "cannot-start"),
        ("found character '{char}' that cannot start any token", "cannot-start.char"),
        ("found a tab character that violates indentation", "tab"),
        ("found a tab character where an indentation space is expected", "tab"),
        ("could not find expected ':'", "colon"),
        ("did not find expected key", "key"),
        ("did not find expected '-' indicator", "entry"),
        ("expected <block end>, but found {found}", "block-end"),
        ("did not find expected node content", "node-content"),
        ("expected the node content, but found {found}", "node-content.found"),
        ("did not find expected ',' or ']'", "flow-sequence"),
        ("expected ',' or ']', but got {found}", "flow-sequence.found"),
        ("did not find expected ',' or '}'", "flow-mapping"),
        ("expected ',' or '}', but got {found}", "flow-mapping.found"),
        ("found unexpected end of stream", "end-of-stream"),
        ("found unexpected document separator", "document-separator"),
        ("found unexpected document indicator", "document-separator"),
        ("did not find expected <document start>", "document-start"),
        ("expected '<document start>', but found {found}", "document-start.found"),
        ("found unknown escape character", "escape"),
        ("found unknown escape character '{char}'", "escape.char"),
        ("did not find expected hexdecimal number", "hex-escape"),
        ("found undefined tag handle", "tag-handle"),
        ("found undefined tag handle '{handle}'", "tag-handle.named"),
        ("found an indentation indicator equal to 0", "indentation-zero"),
        ("expected indentation indicator in the range 1-9, but found 0", "indentation-zero"),
        ("did not find expected alphabetic or numeric character", "name"),
        ("expected alphabetic or numeric character, but found '{char}'", "name.found"),
        (
            "expected escape sequence of {digits} hexadecimal numbers, but found '{char}'",
            "hex-escape.found",
        ),
        ("found unknown directive name", "directive"),
    )
)
"""Each parser's wording of a problem → the entry ``yaml-problem.…``, whose fields are the
parts PyYAML fills in (a character or a token it met, without PyYAML's quotes)."""

_TOKENS: Final[dict[str, str]] = {
    "<scalar>": "scalar",
    "<block mapping start>": "block-mapping-start",
    "<block sequence start>": "block-sequence-start",
    "<block end>": "block-end",
    "<stream end>": "stream-end",
    "<document start>": "document-start",
    "<document end>": "document-end",
    "<alias>": "alias",
    "<anchor>": "anchor",
    "<tag>": "tag",
    "?": "key",
    "-": "entry",
}
"""The tokens the pure-Python parser names (``but found '<scalar>'``) → ``yaml-problem.found.…``."""


def _found(token: str) -> Said:
    """The token PyYAML met (``'<scalar>'``, ``']'``), named in Vietnamese."""
    key = _TOKENS.get(token.removeprefix("'").removesuffix("'"))
    if key is not None:
        return both(f"yaml-problem.found.{key}")
    return both("yaml-problem.found.unknown", found=_shown(token, 20))


def _fields(match: re.Match[str]) -> dict[str, object]:
    return {
        name: _found(value) if name == "found" else _shown(value, 40)
        for name, value in match.groupdict().items()
    }


def _problem(text: str) -> str:
    for pattern, key in _PROBLEMS:
        match = pattern.match(text)
        if match:
            return both(f"yaml-problem.{key}", **_fields(match)).vi
    return both("yaml-problem.unknown", text=_shown(text, 200)).vi


def _context(text: str) -> str:
    key = _CONTEXTS.get(text)
    if key is not None:
        return both(f"yaml-problem.while.{key}").vi
    return both("yaml-problem.unknown", text=_shown(text, 100)).vi


def yaml_problem(context: object, problem: object) -> Said:
    """What PyYAML's ``context`` and ``problem`` (either may be ``None``) say, in Vietnamese
    from the catalogue (a wording it does not know quoted as written) and in English as
    PyYAML wrote them, each on one line."""
    parts = [" ".join(str(p).split()) for p in (context, problem) if p]
    english = _shown(" ".join(parts), 300)
    if context and problem:
        vi = both(
            "yaml-problem.in-context", problem=_problem(parts[1]), context=_context(parts[0])
        ).vi
    elif problem:
        vi = _problem(parts[0])
    elif context:
        vi = _context(parts[0])
    else:
        return Said(vi=english, en=english)
    return Said(vi=vi, en=english)
