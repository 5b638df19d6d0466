"""The routing section alone: loaded and checked without the budget, the SLA, the escalation
steps or the rest of the organisation, for an app that only routes tickets.

A router is built from the rules and the ticket schema; checking the rules needs a little
more of the organisation: the ids of the units (a rule may name one that does not exist),
the units the rules send tickets to (their staff, skills and channels), the roles' skills,
the functions and the display languages. :func:`validate_routing` reads that and no more.

Semantics, in one place:

1. **Files.** The document is parsed, and every file it includes that may hold a section
   read here: an included file whose text names none of them (nor ``include``) and has no
   backslash cannot hold them (:func:`~cskh_org.loading.includes.may_hold`), so it is not
   parsed (:attr:`RoutingResult.skipped`). Its problems are ``validate``'s.
2. **Built**, by the document's own models, every error a finding at the same place with
   the same words as the full load: ``languages``, ``functions``, ``roles``,
   ``ticket_schema`` and ``routing``, and of ``units`` only the units a rule or the default
   sends tickets to. Every other unit's ``id`` and ``functions`` are read as written: a rule
   naming no unit and a function no rule reaches are still found, without building 5,000
   units and their staff lines.
3. **Checked**, once everything built is sound (as the full load checks only a department
   it could build): the routing checks (``condition-terms``, ``routing-coverage``,
   ``routing-targets``) and, on the ``routing`` section, the ``references`` and ``repeats``
   checks. Their findings are the full load's (:data:`CHECKS`): same codes, severities,
   messages and ``file:line:col``.
4. **Not read**: ``sla``, ``escalation``, ``budget``, ``people``, ``externals``,
   ``calendars``, ``working_time``, the staff of the units no rule sends tickets to. A
   problem there is not reported (``cskh-org validate`` reports it); the parse, include and
   duplicate-key problems of the files read are, and stop the load as they stop every
   command.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, create_model

from cskh_org.errors import UsageError
from cskh_org.findings import Finding, sort_findings
from cskh_org.loading.build import build_model
from cskh_org.loading.includes import merge_includes
from cskh_org.loading.pipeline import Loaded, issue_finding, mapping_tree, unshadowed
from cskh_org.loading.source import (
    Limits,
    MarkedDict,
    MarkedList,
    ParsedSource,
    current_limits,
    parse_text,
    read_source,
)
from cskh_org.model import Department, TicketSchema, Unit
from cskh_org.model.base import Model
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.routing import Routing

if TYPE_CHECKING:
    from cskh_org.routing import Router

__all__ = [
    "CHECKS",
    "SECTIONS",
    "RoutingDocument",
    "RoutingResult",
    "validate_routing",
    "validate_routing_source",
    "validate_routing_text",
]

SECTIONS = ("languages", "functions", "roles", "ticket_schema", "routing")
"""The top-level sections built whole (``units`` is built for the routed units only)."""

CHECKS = ("condition-terms", "routing-coverage", "routing-targets")
"""The checks run whole; ``references`` and ``repeats`` run on the ``routing`` section."""

_WANTED = frozenset({*SECTIONS, "units"})


@dataclass(frozen=True)
class RoutingDocument:
    """What a router is built from, checked: the rules, the ticket schema, the units the
    rules send tickets to, and the findings that did not stop the load (warnings, notes)."""

    department: str
    """The department's id (as written; the document's name when it has none)."""
    routing: Routing
    ticket_schema: TicketSchema
    units: Mapping[str, Mapping[str, str]]
    """Every unit a rule or the default sends tickets to: its id and display name."""
    languages: tuple[str, ...]
    """The department's display languages, the preferred first."""
    findings: tuple[Finding, ...] = ()
    files: tuple[Path, ...] = field(default=(), repr=False, compare=False)
    """The files the document was read from, skipped ones included (see
    :attr:`RoutingResult.files`)."""

    def router(self) -> Router:
        """The compiled router of these rules (as ``Department.router()`` compiles it)."""
        from cskh_org.routing import Router

        return Router(self.routing, self.ticket_schema)

    def unit_name(self, unit: str, lang: str | None = None) -> str:
        """A routed unit's display name in ``lang`` (falling back along the department's
        languages), or its id when it is not a routed unit."""
        from cskh_org.words import order, pick

        return pick(self.units.get(unit), order(lang, self.languages)) or unit


@dataclass(frozen=True)
class RoutingResult(Loaded):
    """What loading the routing section gave: its parts (``None`` where they could not be
    built) and every finding of what was read (see the module documentation)."""

    name: str
    department: str
    routing: Routing | None
    ticket_schema: TicketSchema | None
    units: Mapping[str, Mapping[str, str]]
    languages: tuple[str, ...]
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)
    files: tuple[Path, ...] = field(default=(), repr=False, compare=False)
    """The files the document was read from: its own and every file it includes, directly
    or not (resolved), the skipped ones too; empty for a document read from text."""
    skipped: tuple[Path, ...] = field(default=(), repr=False, compare=False)
    """The included files not parsed, because they cannot hold what routing reads."""

    def _document(self) -> object | None:
        return self.ticket_schema

    def unwrap(self, *, strict: bool = False) -> RoutingDocument:
        """The routing section, or :class:`~cskh_org.errors.DocumentInvalid` with every
        finding if any is an error (any warning too with ``strict``); a document without a
        ``routing`` section is a :class:`~cskh_org.errors.UsageError` (nothing to route by)."""
        self._require(strict=strict)
        if self.routing is None:
            raise UsageError.of("error.routing.no-section", department=self.department)
        assert self.ticket_schema is not None
        return RoutingDocument(
            self.department,
            self.routing,
            self.ticket_schema,
            self.units,
            self.languages,
            self.findings,
            self.files,
        )


def validate_routing(
    path: str | os.PathLike[str], *, limits: Limits | None = None
) -> RoutingResult:
    """Load the routing section of a department file, with every finding of what it read.
    Raises :class:`~cskh_org.errors.SourceError` if the file cannot be read."""
    limits = limits or current_limits()
    p = Path(path)
    return _run(read_source(p, limits, os.fspath(path)), p, limits)


def validate_routing_text(
    text: str, *, name: str = "<string>", limits: Limits | None = None
) -> RoutingResult:
    """:func:`validate_routing` on text (no includes: they need a folder)."""
    limits = limits or current_limits()
    return _run(parse_text(text, name, limits), None, limits)


def validate_routing_source(
    parsed: ParsedSource, path: Path | None, limits: Limits
) -> RoutingResult:
    """:func:`validate_routing` on a parsed department document (``path``: its file, for
    includes)."""
    return _run(parsed, path, limits)


@cache
def _part() -> type[Model]:
    """The document's model cut to what routing reads: :data:`SECTIONS` with the
    department's own fields (so every error is the full load's), and ``units`` with a
    placeholder for every unit not built."""
    fields: dict[str, Any] = {
        name: (info.annotation, copy.copy(info))
        for name, info in Department.model_fields.items()
        if name in SECTIONS
    }
    fields["units"] = (tuple[Unit | None, ...], Field(min_length=1))
    part: type[Model] = create_model("RoutingPart", __base__=Model, **fields)
    return part


def _run(parsed: ParsedSource, path: Path | None, limits: Limits) -> RoutingResult:
    name = parsed.name
    tree, findings = mapping_tree(parsed, kind="department")
    files = [path] if path is not None else []
    if tree is None:
        kept = parsed.data if isinstance(parsed.data, MarkedDict) else None
        return _result(name, part=None, tree=None, findings=findings, kept=kept, files=files)
    skipped: list[Path] = []
    tree = merge_includes(
        tree,
        path,
        limits,
        findings,
        nodes=parsed.nodes,
        included=files,
        wanted=_WANTED,
        skipped=skipped,
    )
    data: dict[str, Any] = {key: tree[key] for key in SECTIONS if key in tree}
    units = tree.get("units")
    routed = _routed_units(tree.get("routing"))
    if "units" in tree:
        data["units"] = (
            [u if _unit_id(u) in routed else None for u in units]
            if isinstance(units, MarkedList)
            else units
        )
    part, build_findings = build_model(_part(), data, tree)
    findings.extend(unshadowed(build_findings, findings))
    if part is not None:
        findings.extend(_checked(_department(part, tree), tree))
    return _result(
        name, part=part, tree=tree, findings=findings, kept=tree, files=files, skipped=skipped
    )


def _unit_id(unit: object) -> str | None:
    """A unit's id as written, if it is text."""
    found = unit.get("id") if isinstance(unit, Mapping) else None
    return found if isinstance(found, str) else None


def _routed_units(routing: object) -> frozenset[str]:
    """The unit ids the rules and the default name, as written (``to: ID`` or
    ``to: {unit: ID}``)."""
    if not isinstance(routing, Mapping):
        return frozenset()
    targets = [routing.get("default")]
    rules = routing.get("rules")
    if isinstance(rules, list):
        targets += [rule.get("to") for rule in rules if isinstance(rule, Mapping)]
    ids = (t.get("unit") if isinstance(t, Mapping) else t for t in targets)
    return frozenset(i for i in ids if isinstance(i, str))


def _department(part: Any, tree: MarkedDict) -> Department:
    """A department holding what the routing checks read: the parts built above (validated),
    and every unit not built as its id and functions as written, in its place (findings are
    located by a unit's index). Never handed out: the checks only read it."""
    units: list[Unit] = []
    blank = Unit.model_construct(id="", name=FrozenMap())  # copied: constructing is slow
    for built, raw in zip(part.units, tree["units"], strict=True):
        if built is not None:
            units.append(built)
            continue
        functions = raw.get("functions") if isinstance(raw, Mapping) else None
        written = {
            "id": _unit_id(raw) or "",
            "functions": tuple(f for f in functions if isinstance(f, str))
            if isinstance(functions, list)
            else (),
        }
        units.append(blank.model_copy(update=written))
    own_id = tree.get("id")
    return Department.model_construct(
        id=own_id if isinstance(own_id, str) else "",
        name=FrozenMap(),  # the department's own keys: no routing check reads them
        currency="XXX",
        timezone="UTC",
        languages=part.languages,
        functions=part.functions,
        roles=part.roles,
        units=tuple(units),
        ticket_schema=part.ticket_schema,
        routing=part.routing,
    )


def _checked(dept: Department, tree: MarkedDict) -> list[Finding]:
    """The findings of the routing checks, and of the references and repeats checks on the
    ``routing`` section, as the full load reports them."""
    from cskh_org.checks import REGISTRY
    from cskh_org.checks import names as _names
    from cskh_org.checks import org as _org  # noqa: F401  (registers `references`)
    from cskh_org.checks import routing as _routing  # noqa: F401  (registers the checks)
    from cskh_org.checks.references import reference_index, unknown_references

    found: list[Finding] = []
    for name in CHECKS:
        entry = REGISTRY[name]
        for issue in entry.function(dept):
            found.append(issue_finding(tree, issue, entry.codes[issue.code]))
    if dept.routing is None:
        return found
    section = ("routing",)
    references = REGISTRY["references"].codes
    for issue in unknown_references(dept.routing, section, reference_index(dept)):
        found.append(issue_finding(tree, issue, references[issue.code]))
    repeats = REGISTRY["repeats"].codes
    for issue in _names.repeated_entries(dept.routing, section):
        found.append(issue_finding(tree, issue, repeats[issue.code]))
    return found


def _result(
    name: str,
    *,
    part: Any,
    tree: MarkedDict | None,
    findings: list[Finding],
    kept: MarkedDict | None,
    files: list[Path],
    skipped: tuple[Path, ...] | list[Path] = (),
) -> RoutingResult:
    own_id = tree.get("id") if tree is not None else None
    units: dict[str, Mapping[str, str]] = {}
    if part is not None:
        units = {u.id: u.name for u in part.units if u is not None}
    return RoutingResult(
        name,
        own_id if isinstance(own_id, str) else name,
        part.routing if part is not None else None,
        part.ticket_schema if part is not None else None,
        FrozenMap(units),
        tuple(part.languages) if part is not None else ("vi", "en"),
        tuple(sort_findings(findings)),
        kept,
        tuple(files),
        tuple(skipped),
    )
