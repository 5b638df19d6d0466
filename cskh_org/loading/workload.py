"""Loading a workload document, through the stages a department goes through:

1. **parse** — bytes → marked tree (:mod:`cskh_org.loading.source`), with the same limits;
2. **build** — tree → :class:`~cskh_org.model.workload.Workload` (:func:`build_model`);
3. **check** — against the department it is written for
   (:func:`cskh_org.checks.workload.check_workload`).

A workload has no ``include`` (the key is unknown there). Every finding has its
``file:line:col``; a stage that cannot produce its output stops the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskh_org.errors import DocumentInvalid
from cskh_org.findings import Finding, Location, Severity, has_errors, sort_findings
from cskh_org.loading.build import build_model
from cskh_org.loading.source import (
    Limits,
    MarkedDict,
    ParsedSource,
    locate,
    parse_text,
    read_source,
)
from cskh_org.model import Department
from cskh_org.model.workload import Workload

__all__ = ["WorkloadResult", "load_workload", "load_workload_text"]


@dataclass(frozen=True)
class WorkloadResult:
    """What loading a workload gave: the workload (if it could be built) and every finding."""

    name: str
    workload: Workload | None
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)

    def ok(self, *, strict: bool = False) -> bool:
        """True if no finding fails validation (warnings fail it too when ``strict``)."""
        return self.workload is not None and not has_errors(self.findings, strict=strict)

    def unwrap(self, *, strict: bool = False) -> Workload:
        """The workload, or :class:`DocumentInvalid` with every finding."""
        if self.workload is None or not self.ok(strict=strict):
            raise DocumentInvalid(self.findings)
        return self.workload

    def locate(self, path: tuple[str | int, ...]) -> Location | None:
        """Where the data at ``path`` is written in the source."""
        mark = locate(self.tree, path)
        return Location(*mark) if mark else None


def load_workload(
    path: str | Path, department: Department | None, *, limits: Limits | None = None
) -> WorkloadResult:
    """Load a workload file and check it against ``department`` (``None``: build only).
    Raises :class:`~cskh_org.errors.SourceError` if the file cannot be read at all."""
    limits = limits or Limits()
    return _run(read_source(Path(path), limits, str(path)), department)


def load_workload_text(
    text: str,
    department: Department | None,
    *,
    name: str = "<string>",
    limits: Limits | None = None,
) -> WorkloadResult:
    """Load a workload from text and check it against ``department`` (``None``: build only)."""
    return _run(parse_text(text, name, limits or Limits()), department)


def _run(parsed: ParsedSource, department: Department | None) -> WorkloadResult:
    findings = list(parsed.findings)
    tree = parsed.data
    name = parsed.name
    if tree is None and not findings:
        findings.append(
            Finding(
                "empty-document",
                Severity.ERROR,
                "the workload is empty; write its `id`, `start` and `streams` (see "
                "examples/growing/workload.yaml)",
                Location(name, 1, 1),
            )
        )
    if tree is not None and not isinstance(tree, MarkedDict):
        findings.append(
            Finding(
                "not-a-mapping",
                Severity.ERROR,
                "a workload document is a mapping of sections (`id:`, `start:`, `streams:`…), "
                f"not a {type(tree).__name__}",
                Location(name, 1, 1),
            )
        )
        tree = None
    if tree is None or any(f.code.startswith("yaml-") for f in findings):
        return WorkloadResult(name, None, tuple(sort_findings(findings)), tree)
    workload, build_findings = build_model(Workload, tree, tree)
    findings.extend(build_findings)
    if workload is not None and department is not None:
        from cskh_org.checks.workload import WORKLOAD_CODES, check_workload, points_at_key

        for issue in check_workload(workload, department):
            mark = locate(tree, issue.path, key=points_at_key(issue))
            findings.append(
                Finding(
                    issue.code,
                    WORKLOAD_CODES[issue.code].severity,
                    issue.message,
                    Location(*mark) if mark else None,
                    issue.path,
                )
            )
    return WorkloadResult(name, workload, tuple(sort_findings(findings)), tree)
