"""The load pipeline, stage by stage:

1. **parse** — bytes → marked tree (:mod:`cskh_org.loading.source`);
2. **include** — merge included files (:mod:`cskh_org.loading.includes`);
3. **build** — tree → :class:`Department` models (:mod:`cskh_org.loading.build`);
4. **check** — references and graph checks (:mod:`cskh_org.checks`).

Each stage adds findings; a stage that cannot produce its output stops the pipeline, the
findings so far are all reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cskh_org.collector import paused
from cskh_org.errors import DocumentInvalid
from cskh_org.findings import (
    Finding,
    Issue,
    Location,
    Severity,
    both,
    has_errors,
    sort_findings,
)
from cskh_org.loading.build import build_department
from cskh_org.loading.includes import merge_includes
from cskh_org.loading.sections import SectionUse, Usable, gate
from cskh_org.loading.source import (
    Limits,
    MarkedDict,
    ParsedSource,
    current_limits,
    locate,
    parse_text,
    read_source,
)
from cskh_org.model import Department

__all__ = ["LoadResult", "validate", "validate_text"]


class Loaded:
    """What every load result offers: the verdict on its findings and source locations.
    Subclasses hold the findings, the marked tree and the built document."""

    findings: tuple[Finding, ...]
    tree: Any

    def _document(self) -> object | None:
        raise NotImplementedError

    def ok(self, *, strict: bool = False) -> bool:
        """True if no finding fails validation (warnings fail it too when ``strict``)."""
        return self._document() is not None and not has_errors(self.findings, strict=strict)

    def _require(self, *, strict: bool) -> None:
        if not self.ok(strict=strict):
            raise DocumentInvalid(self.findings)

    def locate(self, path: tuple[str | int, ...]) -> Location | None:
        """Where the data at ``path`` is written in the source."""
        mark = locate(self.tree, path)
        return Location(*mark) if mark else None


@dataclass(frozen=True)
class LoadResult(Loaded):
    """What loading a document gave: the department (if it could be built) and every finding."""

    name: str
    department: Department | None
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)
    files: tuple[Path, ...] = field(default=(), repr=False, compare=False)
    """The files the document was read from: its own and every file it includes, directly or
    not (included ones resolved); empty for a document read from text. A command that writes
    files refuses to write over any of them."""

    def _document(self) -> object | None:
        return self.department

    def unwrap(self, *, strict: bool = False) -> Department:
        """The department, or :class:`DocumentInvalid` with every finding."""
        self._require(strict=strict)
        assert self.department is not None
        return self.department

    def usable_for(self, use: SectionUse | str) -> Usable:
        """The department for a command that reads only some sections (``use``, a name in
        :data:`~cskh_org.loading.sections.USES`), with the errors it does not act on; or
        :class:`DocumentInvalid` with every error of the sections it uses. See
        :mod:`cskh_org.loading.sections`."""
        return replace(gate(self.department, self.findings, use), files=self.files)


def mapping_tree(parsed: ParsedSource, *, kind: str) -> tuple[MarkedDict | None, list[Finding]]:
    """The first stage's verdict on a parsed document: its tree when it is a mapping that
    parsed cleanly (``None`` otherwise), and the findings so far. ``kind`` (``department`` or
    ``workload``) picks the messages for an empty document and for one that is no mapping."""
    findings = list(parsed.findings)
    tree = parsed.data
    name = parsed.name
    if tree is None and not findings:
        findings.append(
            Finding.said(
                "empty-document",
                Severity.ERROR,
                both(f"empty-document.{kind}"),
                Location(name, 1, 1),
            )
        )
    if tree is not None and not isinstance(tree, MarkedDict):
        findings.append(
            Finding.said(
                "not-a-mapping",
                Severity.ERROR,
                both(f"not-a-mapping.{kind}", type=type(tree).__name__),
                Location(name, 1, 1),
            )
        )
        tree = None
    if tree is None or any(f.code.startswith("yaml-") for f in findings):
        return None, findings
    return tree, findings


def unshadowed(build: list[Finding], earlier: list[Finding]) -> list[Finding]:
    """The build findings not at a place an earlier stage already reported a number the
    parser would not read (``number-too-large``: the build sees only its text there)."""
    places = {f.location for f in earlier if f.code == "number-too-large"}
    if not places:
        return build
    return [f for f in build if f.location not in places]


def issue_finding(tree: Any, issue: Issue, severity: Severity, *, key: bool = False) -> Finding:
    """A check's issue as a finding, located in the source (at the key when ``key``)."""
    mark = locate(tree, issue.path, key=key)
    return Finding(
        issue.code,
        severity,
        issue.message,
        Location(*mark) if mark else None,
        issue.path,
        issue.text("vi"),
    )


@paused
def validate(path: str | os.PathLike[str], *, limits: Limits | None = None) -> LoadResult:
    """Load a document file through the whole pipeline. Raises ``SourceError`` if unreadable."""
    limits = limits or current_limits()
    p = Path(path)
    return _run(read_source(p, limits, os.fspath(path)), p, limits)


@paused
def validate_text(text: str, *, name: str = "<string>", limits: Limits | None = None) -> LoadResult:
    """Load a document from text (no includes: they need a folder)."""
    limits = limits or current_limits()
    return _run(parse_text(text, name, limits), None, limits)


@paused
def validate_source(parsed: ParsedSource, path: Path | None, limits: Limits) -> LoadResult:
    """Stages 2 to 4 on a parsed department document (``path``: its file, for includes)."""
    return _run(parsed, path, limits)


def _run(parsed: ParsedSource, path: Path | None, limits: Limits) -> LoadResult:
    name = parsed.name
    tree, findings = mapping_tree(
        parsed,
        kind="department",
    )
    files = [path] if path is not None else []
    if tree is None:
        kept = parsed.data if isinstance(parsed.data, MarkedDict) else None
        return LoadResult(name, None, tuple(sort_findings(findings)), kept, tuple(files))
    tree = merge_includes(tree, path, limits, findings, nodes=parsed.nodes, included=files)
    department, build_findings = build_department(tree, tree)
    findings.extend(unshadowed(build_findings, findings))
    if department is not None:
        from cskh_org.checks import run_checks

        for issue, severity in run_checks(department):
            findings.append(issue_finding(tree, issue, severity))
    return LoadResult(name, department, tuple(sort_findings(findings)), tree, tuple(files))
