"""Stage 2: merge the files a document includes, confined to the document's own folder.

``include: [org/units.yaml, staff.yaml]`` at the top of a document merges each file's
top-level sections into it: lists are appended (in include order), mappings are merged key by
key, and a key set in two files is a finding (never silently overwritten). Included files may
include others, relative to themselves; every path must stay inside the root document's
folder, and a cycle is a finding.

A caller that reads only some top-level sections (:mod:`cskh_org.loading.routing_only`)
passes their keys as ``wanted``: an included file that cannot hold any of them (see
:func:`may_hold`) is then not parsed, only listed in ``skipped``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from cskh_org.errors import SourceError
from cskh_org.findings import Finding, Location, Said, Severity, both
from cskh_org.loading.source import (
    Limits,
    MarkedDict,
    MarkedList,
    SourceMark,
    _shown,
    read_source,
)

__all__ = ["may_hold", "merge_includes"]


def _err(code: str, words: Said, mark: SourceMark | None) -> Finding:
    return Finding.said(code, Severity.ERROR, words, Location(*mark) if mark else None)


def merge_includes(
    root: MarkedDict,
    root_path: Path | None,
    limits: Limits,
    findings: list[Finding],
    *,
    nodes: int = 0,
    included: list[Path] | None = None,
    wanted: frozenset[str] | None = None,
    skipped: list[Path] | None = None,
) -> MarkedDict:
    """Merge every included file into ``root`` (in place) and return it. The root's ``nodes``
    and size count against the limits with the included files': ``max_bytes`` and
    ``max_nodes`` bound the whole document, not each file of it. ``included``, when given,
    receives the path (resolved) of every file the document includes, directly or not.

    With ``wanted`` (top-level keys), an included file that cannot hold any of them nor
    ``include`` (:func:`may_hold`) is not parsed; its path is added to ``skipped``."""
    if "include" not in root:
        return root
    if root_path is None:
        findings.append(
            _err(
                "include-error",
                both("include-error.no-file"),
                root.value_mark("include"),
            )
        )
        return root
    real_path = root_path.resolve()  # includes are relative to the file itself, not a link to it
    state = _State(real_path.parent, limits, findings)
    if wanted is not None:
        state.wanted = tuple(key.encode() for key in {*wanted, "include"})
    state.nodes = nodes
    try:
        state.size = real_path.stat().st_size
    except OSError:  # pragma: no cover - the root was just read
        state.size = 0
    state.chain.append(real_path)
    try:
        state.expand(root, real_path, top=root)
    finally:
        if included is not None:
            included.extend(state.included)
        if skipped is not None:
            skipped.extend(state.skipped)
    return root


def may_hold(path: Path, keys: tuple[bytes, ...], limits: Limits) -> bool:
    """Whether the file at ``path`` may hold a mapping key among ``keys`` (ASCII words).

    Exact in one direction, which is all a caller skipping files needs: a key YAML reads is
    written in the text as its letters (plain, quoted, tagged or as an anchor an alias
    repeats, all within the file), except in a double-quoted scalar with an escape
    (``"\\x72outing"``, or a line break escaped to join ``rout`` and ``ing``); line folding
    without an escape adds a space. UTF-8 writes an ASCII letter as its own byte and no other
    character with it. So a file in which no key of ``keys`` appears and no backslash does
    cannot hold them. A file that cannot be read may hold them: :func:`read_source` then says
    why it cannot be read."""
    from cskh_org.files import open_regular

    try:
        with open_regular(path) as handle:
            raw = handle.read(limits.max_bytes + 1)
    except (OSError, ValueError):
        return True
    return b"\\" in raw or any(key in raw for key in keys)


class _State:
    def __init__(self, folder: Path, limits: Limits, findings: list[Finding]) -> None:
        self.folder = folder
        self.limits = limits
        self.findings = findings
        self.chain: list[Path] = []
        self.count = 0
        self.included: dict[Path, SourceMark] = {}
        self.nodes = 0  # nodes read so far, the root's included
        self.size = 0  # bytes read so far, the root's included
        self.wanted: tuple[bytes, ...] | None = None  # parse only files that may hold these
        self.skipped: list[Path] = []

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except (ValueError, OSError):  # elsewhere, or the working folder is gone
            return str(path)

    def expand(self, doc: MarkedDict, doc_path: Path, top: MarkedDict) -> None:
        includes = doc["include"]
        list_mark = doc.value_mark("include")
        if not isinstance(includes, list):
            self.findings.append(
                _err(
                    "include-error",
                    both("include-error.not-list"),
                    list_mark,
                )
            )
            return
        for i, item in enumerate(includes):
            mark = includes.item_mark(i) if isinstance(includes, MarkedList) else list_mark
            target = self._resolve(item, doc_path, mark)
            if target is None:
                continue
            self.included[target] = mark
            self.count += 1
            if self.count > self.limits.max_includes:
                self.findings.append(
                    _err(
                        "include-error",
                        both("include-error.too-many", most=self.limits.max_includes),
                        mark,
                    )
                )
                return
            if self.wanted is not None and not may_hold(target, self.wanted, self.limits):
                self.skipped.append(target)
                continue
            limits = self.limits
            try:
                size = target.stat().st_size
            except OSError:
                size = 0  # read_source says why it cannot be read
            if self.size + size > limits.max_bytes or self.nodes >= limits.max_nodes:
                self.findings.append(
                    _err(
                        "include-error",
                        both(
                            "include-error.too-large",
                            item=_shown(item),
                            bytes=f"{limits.max_bytes:,}",
                            nodes=f"{limits.max_nodes:,}",
                        ),
                        mark,
                    )
                )
                return
            left = replace(limits, max_nodes=limits.max_nodes - self.nodes)
            try:
                parsed = read_source(target, left, self._display(target))
            except SourceError as exc:  # unreadable or too large: the include is at fault
                words = both("include-error.unreadable", item=_shown(item), reason=exc.said)
                self.findings.append(_err("include-error", words, mark))
                continue
            self.size += size
            self.nodes += parsed.nodes
            self.findings.extend(parsed.findings)
            if parsed.data is None:
                continue
            if not isinstance(parsed.data, MarkedDict):
                self.findings.append(
                    _err(
                        "include-error",
                        both("include-error.not-mapping", item=_shown(item)),
                        mark,
                    )
                )
                continue
            self.chain.append(target)
            if "include" in parsed.data:
                self.expand(parsed.data, target, top)
            self.chain.pop()
            self._merge(top, parsed.data)

    def _resolve(self, item: Any, doc_path: Path, mark: SourceMark) -> Path | None:
        if not isinstance(item, str) or not item.strip():
            self.findings.append(_err("include-error", both("include-error.not-path"), mark))
            return None
        shown = _shown(item)
        candidate = Path(item)
        if candidate.is_absolute() or item.startswith("~"):
            self.findings.append(
                _err(
                    "include-escape",
                    both("include-escape.absolute", item=shown),
                    mark,
                )
            )
            return None
        try:
            target = (doc_path.parent / candidate).resolve()
        except (OSError, RuntimeError, ValueError) as exc:  # too long, a link loop, a NUL
            self._unfollowable(shown, exc, mark)
            return None
        if not target.is_relative_to(self.folder):
            self.findings.append(
                _err(
                    "include-escape",
                    both("include-escape.outside", item=shown, folder=self.folder),
                    mark,
                )
            )
            return None
        if target in self.chain:
            loop = [*self.chain[self.chain.index(target) :], target]
            cycle = " → ".join(_shown(p.name) for p in loop)
            self.findings.append(_err("include-cycle", both("include-cycle", cycle=cycle), mark))
            return None
        if target in self.included:
            first = self.included[target]
            self.findings.append(
                _err(
                    "include-error",
                    both("include-error.twice", item=shown, file=first[0], line=first[1]),
                    mark,
                )
            )
            return None
        try:
            is_file = target.is_file()
        except OSError as exc:  # a name too long, a folder that may not be searched
            self._unfollowable(shown, exc, mark)
            return None
        if not is_file:
            problem = "include-error.not-a-file" if target.exists() else "include-error.missing"
            looked = _shown(str(target), 300)
            self.findings.append(
                _err("include-error", both(problem, item=shown, target=looked), mark)
            )
            return None
        return target

    def _unfollowable(self, shown: str, exc: Exception, mark: SourceMark) -> None:
        from cskh_org.files import reason

        if isinstance(exc, OSError) and not exc.strerror:
            words = Said(vi=str(exc), en=str(exc))
        else:
            words = reason(exc)
        why = Said(vi=_shown(words.vi, 100), en=_shown(words.en, 100))
        self.findings.append(
            _err("include-error", both("include-error.unfollowable", item=shown, reason=why), mark)
        )

    def _merge(self, into: MarkedDict, part: MarkedDict) -> None:
        for key, value in part.items():
            if key == "include":
                continue
            if key not in into:
                into.put_from(part, key)
                continue
            existing = into[key]
            if isinstance(existing, MarkedList) and isinstance(value, MarkedList):
                existing.extend_from(value)
            elif isinstance(existing, MarkedDict) and isinstance(value, MarkedDict):
                self._merge(existing, value)
            else:
                first = into.value_mark(key)
                self.findings.append(
                    _err(
                        "include-conflict",
                        both("include-conflict", key=_shown(key), file=first[0], line=first[1]),
                        part.key_mark(key),
                    )
                )
