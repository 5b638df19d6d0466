"""Which sections of a department each command reads, and which findings stop it.

A department document has one structural part and four rule sections:

* ``org`` — everything but the four below: the department's own keys, roles, people,
  units, externals, calendars, functions, the ticket schema, the check settings;
* ``routing``, ``sla``, ``escalation``, ``budget`` — the sections of those names.

Semantics, in one place:

1. A finding belongs to the section its ``path`` starts in (``("units", 3, "head")`` is
   ``org``, ``("budget", "caps", "total")`` is ``budget``), except the codes in
   :data:`CODE_SECTIONS`, reported at a place outside the section whose use they break.
2. A finding with no path (a YAML, include or duplicate-key problem) is about the whole
   document: it stops every command, as does a department that could not be built at all.
3. A command (:data:`USES`) refuses the document when a section it uses has an error, with
   every error of those sections, as :class:`~cskh_org.errors.DocumentInvalid`; errors in
   sections it does not use are counted, not acted on (the caller notes them).
4. Some commands exist to show a problem: ``budget`` shows a plan that is over its caps,
   the ``routing`` view draws rules that never fire. Those codes (``tolerates``) do not stop
   them; they are handed back so the caller reports them beside the output.

Warnings and notes never stop a command (``validate --strict`` is where warnings fail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cskh_org.errors import DocumentInvalid
from cskh_org.findings import Finding
from cskh_org.model import Department

__all__ = [
    "CODE_SECTIONS",
    "SECTIONS",
    "USES",
    "SectionUse",
    "Usable",
    "gate",
    "section_of",
]

SECTIONS = ("org", "routing", "sla", "escalation", "budget")
"""The sections of a department document, structure first."""

_RULE_SECTIONS = frozenset(SECTIONS[1:])

CODE_SECTIONS: Mapping[str, str] = {
    # A used role's monthly cost in another currency than the plan's: reported at the role,
    # it only stops the staff cost from being planned.
    "budget-currency-mismatch": "budget",
    # A function no routed ticket reaches (a warning), reported at the unit covering it.
    "function-unrouted": "routing",
}
"""Codes that belong to another section than the one their path starts in."""

OVER_CAP = frozenset(
    {
        "budget-total-over-cap",
        "budget-unit-over-cap",
        "budget-category-over-cap",
        "budget-staff-over-cap",
    }
)
NEVER_FIRES = frozenset({"rule-shadowed", "rule-unsatisfiable"})


@dataclass(frozen=True, slots=True)
class SectionUse:
    """What a command reads of a department, and the error codes it shows rather than
    refuses (its purpose is to show that problem)."""

    name: str
    sections: frozenset[str]
    tolerates: frozenset[str] = frozenset()


def _use(name: str, *sections: str, tolerates: Iterable[str] = ()) -> SectionUse:
    return SectionUse(name, frozenset({"org", *sections}), frozenset(tolerates))


USES: Mapping[str, SectionUse] = {
    use.name: use
    for use in (
        _use("route", "routing"),
        _use("sla", "routing", "sla"),  # a business clock runs on the routed unit's calendar
        _use("escalation", "routing", "escalation"),  # paths start where routing sends tickets
        _use("budget", "budget", tolerates=OVER_CAP),
        _use("render:org"),
        _use("render:routing", "routing", tolerates=NEVER_FIRES),
        _use("render:escalation", "routing", "escalation"),
        _use("render:approval", "budget", tolerates=OVER_CAP),
        _use("render:all", "routing", "escalation", "budget", tolerates=OVER_CAP | NEVER_FIRES),
        _use("simulate", "routing", "sla", "escalation"),  # cost per ticket: roles (org)
        _use("staff", "routing", "sla"),  # targets: SLA first responses; cost: roles (org)
        _use("history"),  # the ticket schema's values and the unit ids (org)
        # the review-meeting report shows every section, over-cap plans and dead rules too
        _use("report", "routing", "sla", "escalation", "budget", tolerates=OVER_CAP | NEVER_FIRES),
    )
}
"""Every command (and render view) that works on a department, with what it uses. A
command not listed here uses every section (``validate`` reports, it does not use)."""


def section_of(finding: Finding) -> str | None:
    """The section ``finding`` belongs to; ``None`` for the whole document (no path)."""
    if finding.code in CODE_SECTIONS:
        return CODE_SECTIONS[finding.code]
    if not finding.path:
        return None
    head = finding.path[0]
    return head if isinstance(head, str) and head in _RULE_SECTIONS else "org"


@dataclass(frozen=True, slots=True)
class Usable:
    """A department a command may work on, with the errors it did not refuse."""

    department: Department
    shown: tuple[Finding, ...] = ()
    """Errors in a used section of a code the command tolerates: report them with the output."""
    elsewhere: tuple[Finding, ...] = ()
    """Errors in sections the command does not use: not acted on."""
    files: tuple[Path, ...] = ()
    """The files the department was read from (:attr:`LoadResult.files
    <cskh_org.loading.LoadResult.files>`): inputs a command must not write over."""

    def elsewhere_sections(self) -> tuple[str, ...]:
        """The sections of :attr:`elsewhere`, in document order."""
        found = {section_of(f) for f in self.elsewhere}
        return tuple(s for s in SECTIONS if s in found)


def gate(
    department: Department | None, findings: Iterable[Finding], use: SectionUse | str
) -> Usable:
    """The department, usable for ``use`` (a :class:`SectionUse` or a name in :data:`USES`),
    or :class:`DocumentInvalid` with every error of the sections it uses (every finding when
    the department could not be built)."""
    if isinstance(use, str):
        use = USES[use]
    findings = tuple(findings)
    if department is None:
        raise DocumentInvalid(findings)
    used: list[Finding] = []
    elsewhere: list[Finding] = []
    for finding in findings:
        if finding.severity.is_error:
            section = section_of(finding)
            unused = section is not None and section not in use.sections
            (elsewhere if unused else used).append(finding)
    if any(f.code not in use.tolerates or section_of(f) is None for f in used):
        raise DocumentInvalid(used)
    return Usable(department, tuple(used), tuple(elsewhere))
