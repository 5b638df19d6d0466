"""Reading a helpdesk's JSON files, with the place of every value in them.

``json`` gives values, not where they were written; a finding about a vendor's trigger must
point into the vendor's file (``triggers.json:14:9``). :func:`json_places` walks the text
once more after ``json.loads`` accepted it and records the line and column of every value
under its JSON path, written as the helpdesk engine writes it: ``$.triggers[3].actions[1]``
(a key as ``.key``, a list index as ``[3]``; a top-level list as ``$[3]``).

The walk is iterative (a deeply nested hostile file cannot exhaust the stack) and linear in
the text.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskh_org.errors import SourceError, error_words
from cskh_org.files import open_regular, reason, require_regular_file, shown_path
from cskh_org.findings import Location
from cskh_org.words import Said

__all__ = ["VendorFiles", "json_places", "read_json", "read_sidecar", "read_vendor_files"]

_SPACE = " \t\n\r"
_DECODER = json.JSONDecoder()
# the decoder's own string scanner (C), typeshed does not declare it
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def json_places(text: str) -> dict[str, tuple[int, int]]:
    """JSON path → (line, column), 1-based, of every value in ``text`` (valid JSON)."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def where(offset: int) -> tuple[int, int]:
        line = bisect_right(newlines, offset - 1)
        start = newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    places: dict[str, tuple[int, int]] = {}
    n = len(text)

    def skip(i: int) -> int:
        while i < n and text[i] in _SPACE:
            i += 1
        return i

    # a stack of open containers: (path, kind, next index); a value is read at `i`
    i = skip(1 if text.startswith("\ufeff") else 0)
    stack: list[list[Any]] = []
    path = "$"
    while True:
        # read one value at i, under `path`
        places[path] = where(i)
        ch = text[i] if i < n else ""
        if ch == "{":
            i = skip(i + 1)
            if text[i] == "}":
                i += 1
            else:
                key, i = scanstring(text, i + 1)
                i = skip(skip(i) + 1)  # past the colon
                stack.append([path, "{"])
                path = f"{path}.{key}"
                continue
        elif ch == "[":
            i = skip(i + 1)
            if text[i] == "]":
                i += 1
            else:
                stack.append([path, "[", 0])
                path = f"{path}[0]"
                continue
        elif ch == '"':
            _, i = scanstring(text, i + 1)
        else:
            _, i = _DECODER.raw_decode(text, i)
        # the value ended at i: go on in the containers it closes
        while stack:
            top = stack[-1]
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
                if top[1] == "{":
                    key, i = scanstring(text, i + 1)
                    i = skip(skip(i) + 1)
                    path = f"{top[0]}.{key}"
                else:
                    top[2] += 1
                    path = f"{top[0]}[{top[2]}]"
                break
            i += 1  # the closing bracket
            stack.pop()
        else:
            return places


@dataclass(frozen=True, slots=True)
class VendorFiles:
    """A helpdesk's documents (file name → JSON value) and where each value is written
    (``triggers.json:$.triggers[3]`` → its :class:`Location`)."""

    documents: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)

    def locate(self, vendor_path: str) -> Location | None:
        """The place of ``vendor_path``, or of the nearest enclosing value written."""
        root = vendor_path.find(":$")
        if root < 0:
            return None
        path = vendor_path
        while (found := self.places.get(path)) is None:
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= root + 1:
                return None
            path = path[:cut]
        return found


def _text(path: str, what: str) -> str:
    require_regular_file(path, what)
    try:
        with open_regular(path) as handle:
            data = handle.read()
    except OSError as exc:
        raise SourceError(
            error_words(
                "error.helpdesk.json", file=shown_path(path), line=0, column=0, reason=reason(exc)
            )
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        why = Said(vi=str(exc), en=str(exc))
        raise SourceError(
            error_words(
                "error.helpdesk.json",
                file=shown_path(path),
                line=1,
                column=exc.start + 1,
                reason=why,
            )
        ) from None


def _parse(path: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        why = Said(vi=exc.msg, en=exc.msg)
        raise SourceError(
            error_words(
                "error.helpdesk.json",
                file=shown_path(path),
                line=exc.lineno,
                column=exc.colno,
                reason=why,
            )
        ) from None
    except RecursionError:
        why = Said(vi="lồng nhau quá sâu", en="nested too deeply")
        raise SourceError(
            error_words("error.helpdesk.json", file=shown_path(path), line=1, column=1, reason=why)
        ) from None


def read_json(path: str, what: str = "helpdesk") -> Any:
    """A JSON file's value; :class:`SourceError` (both languages) when it cannot be read."""
    return _parse(path, _text(path, what))


def read_vendor_files(paths: Sequence[str]) -> VendorFiles:
    """The files given and the ``*.json`` of the folders given (not the sidecars), each value
    with its place."""
    files = VendorFiles()
    for path in paths:
        folder = Path(path)
        found = sorted(folder.glob("*.json")) if folder.is_dir() else [folder]
        for file in found:
            if file.name.endswith(".helpdesk.json"):
                continue
            name = os.fspath(file)
            text = _text(name, "helpdesk")
            files.documents[file.name] = _parse(name, text)
            shown = shown_path(name)
            for where, (line, column) in json_places(text).items():
                files.places[f"{file.name}:{where}"] = Location(shown, line, column)
    return files


def read_sidecar(path: str, format_name: str) -> Mapping[str, Any]:
    """A department's helpdesk sidecar (``dept.helpdesk.json``), checked for its format."""
    name = shown_path(path)
    if not Path(path).is_file():
        raise SourceError(error_words("error.helpdesk.sidecar", file=name))
    data = read_json(path, "helpdesk")
    if not isinstance(data, dict) or data.get("format") != format_name:
        raise SourceError(error_words("error.helpdesk.sidecar", file=name))
    return data
