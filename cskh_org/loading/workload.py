"""Loading a workload document, through the stages a department goes through:

1. **parse** — bytes → marked tree (:mod:`cskh_org.loading.source`), with the same limits;
2. **build** — tree → :class:`~cskh_org.model.workload.Workload` (:func:`build_model`);
3. **check** — against the department it is written for
   (:func:`cskh_org.checks.workload.check_workload`).

A workload has no ``include`` (the key is unknown there). Every finding has its
``file:line:col``; a stage that cannot produce its output stops the pipeline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskh_org.findings import Finding, sort_findings
from cskh_org.loading.build import build_model
from cskh_org.loading.pipeline import Loaded, issue_finding, mapping_tree, unshadowed
from cskh_org.loading.source import (
    Limits,
    MarkedDict,
    ParsedSource,
    parse_text,
    read_source,
)
from cskh_org.model import Department
from cskh_org.model.workload import Workload

__all__ = ["WorkloadResult", "load_workload", "load_workload_text"]


@dataclass(frozen=True)
class WorkloadResult(Loaded):
    """What loading a workload gave: the workload (if it could be built) and every finding."""

    name: str
    workload: Workload | None
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)

    def _document(self) -> object | None:
        return self.workload

    def unwrap(self, *, strict: bool = False) -> Workload:
        """The workload, or :class:`DocumentInvalid` with every finding."""
        self._require(strict=strict)
        assert self.workload is not None
        return self.workload


def load_workload(
    path: str | os.PathLike[str], department: Department | None, *, limits: Limits | None = None
) -> WorkloadResult:
    """Load a workload file and check it against ``department`` (``None``: build only).
    Raises :class:`~cskh_org.errors.SourceError` if the file cannot be read at all."""
    return _run(read_source(Path(path), limits, os.fspath(path)), department)


def load_workload_text(
    text: str,
    department: Department | None,
    *,
    name: str = "<string>",
    limits: Limits | None = None,
) -> WorkloadResult:
    """Load a workload from text and check it against ``department`` (``None``: build only)."""
    return _run(parse_text(text, name, limits), department)


def load_workload_source(parsed: ParsedSource, department: Department | None) -> WorkloadResult:
    """Build a parsed workload and check it against ``department`` (``None``: build only)."""
    return _run(parsed, department)


def _run(parsed: ParsedSource, department: Department | None) -> WorkloadResult:
    name = parsed.name
    tree, findings = mapping_tree(
        parsed,
        kind="workload",
    )
    if tree is None:
        kept = parsed.data if isinstance(parsed.data, MarkedDict) else None
        return WorkloadResult(name, None, tuple(sort_findings(findings)), kept)
    workload, build_findings = build_model(Workload, tree, tree)
    findings.extend(unshadowed(build_findings, findings))
    if workload is not None and department is not None:
        from cskh_org.checks.workload import WORKLOAD_CODES, check_workload, points_at_key

        for issue in check_workload(workload, department):
            severity = WORKLOAD_CODES[issue.code].severity
            findings.append(issue_finding(tree, issue, severity, key=points_at_key(issue)))
    return WorkloadResult(name, workload, tuple(sort_findings(findings)), tree)
