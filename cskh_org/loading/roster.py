"""Loading a roster rules document (``roster.yaml``), through the stages a workload goes
through:

1. **parse** — bytes → marked tree (:mod:`cskh_org.loading.source`), with the same limits and
   the same refusal of duplicate keys;
2. **build** — tree → :class:`~cskh_org.model.roster.RosterRules` (:func:`build_model`);
3. **check** — against the department it is written for
   (:func:`cskh_org.checks.roster.check_rules`).

Every finding has its ``file:line:col``; a stage that cannot produce its output stops the
pipeline. The result's tree gives the places of the rules a conflict names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskh_org.errors import SourceError, UsageError
from cskh_org.findings import Finding, sort_findings
from cskh_org.loading.build import build_model
from cskh_org.loading.pipeline import Loaded, issue_finding, mapping_tree, unshadowed
from cskh_org.loading.source import Limits, MarkedDict, ParsedSource, parse_text, read_source
from cskh_org.model import Department
from cskh_org.model.roster import RosterRules

__all__ = ["RulesResult", "load_requirement", "load_rules", "load_rules_text"]


@dataclass(frozen=True)
class RulesResult(Loaded):
    """What loading roster rules gave: the rules (if they could be built) and every finding."""

    name: str
    rules: RosterRules | None
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)

    def _document(self) -> object | None:
        return self.rules

    def unwrap(self, *, strict: bool = False) -> RosterRules:
        """The rules, or :class:`DocumentInvalid` with every finding."""
        self._require(strict=strict)
        assert self.rules is not None
        return self.rules


def load_rules(
    path: str | os.PathLike[str], department: Department | None, *, limits: Limits | None = None
) -> RulesResult:
    """Load a roster rules file and check it against ``department`` (``None``: build only).
    Raises :class:`~cskh_org.errors.SourceError` if the file cannot be read at all."""
    return _run(read_source(Path(path), limits, os.fspath(path)), department)


def load_rules_text(
    text: str,
    department: Department | None,
    *,
    name: str = "<string>",
    limits: Limits | None = None,
) -> RulesResult:
    """Load roster rules from text and check them against ``department`` (``None``: build
    only)."""
    return _run(parse_text(text, name, limits), department)


def _run(parsed: ParsedSource, department: Department | None) -> RulesResult:
    tree, findings = mapping_tree(parsed, kind="roster")
    if tree is None:
        kept = parsed.data if isinstance(parsed.data, MarkedDict) else None
        return RulesResult(parsed.name, None, tuple(sort_findings(findings)), kept)
    rules, build_findings = build_model(RosterRules, tree, tree)
    findings.extend(unshadowed(build_findings, findings))
    if rules is not None and department is not None:
        from cskh_org.checks.roster import ROSTER_CODES, check_rules

        for issue in check_rules(rules, department):
            findings.append(issue_finding(tree, issue, ROSTER_CODES[issue.code].severity))
    return RulesResult(parsed.name, rules, tuple(sort_findings(findings)), tree)


MAX_REQUIREMENT_BYTES = 64 * 1024 * 1024
"""The largest requirement file read (what ``cskh-org staff --format json`` writes)."""


def load_requirement(path: str | os.PathLike[str]) -> object:
    """The JSON data of a requirement file (``cskh-org staff --format json``'s output), for
    :func:`cskh_org.rosters.requirement.requirement_from_json`. Raises
    :class:`~cskh_org.errors.SourceError` if it cannot be read, :class:`UsageError` if it is
    not JSON."""
    import json

    from cskh_org.files import open_regular, require_regular_file

    require_regular_file(path, "requirement")
    try:
        with open_regular(path) as stream:
            data = stream.read(MAX_REQUIREMENT_BYTES + 1)
    except OSError as exc:
        from cskh_org.files import reason, shown_path
        from cskh_org.words import both

        raise SourceError(
            both(
                "file.unreadable-input",
                name=shown_path(path),
                what="requirement",
                reason=reason(exc),
            )
        ) from None
    if len(data) > MAX_REQUIREMENT_BYTES:
        raise UsageError.of("error.roster.requirement", reason="file too large")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError.of("error.roster.requirement", reason=str(exc)[:200]) from None
