"""Checks of a workload document against the department it is written for.

A workload (:class:`cskh_org.model.workload.Workload`) names the department's units,
external parties, channels and attribute values; these checks prove that every name exists,
that every stream's tickets fit the ticket schema, and that every holder a ticket can reach
(through the department's router and escalation steps) can work on it: a staffed unit with a
handling time, or an external party with a turnaround. The simulation relies on all of it.

Self-service stages (``self_service``) are checked too: the attributes their ``when`` tests
and the categories of their ``by_category`` exist, some ticket of the workload enters each
stage (the first stage whose ``when`` holds takes a ticket), and each stage hands some of its
tickets on to the router. A ticket a stage always contains (share 1 for its category) reaches
no holder, so it needs no handling time.

They are not part of :data:`cskh_org.checks.REGISTRY` (those take a department alone); their
codes and severities are :data:`WORKLOAD_CODES`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from cskh_org.errors import TicketInvalid
from cskh_org.findings import NOTHING, Issue, Said, Severity, both, concat, did_you_mean
from cskh_org.model import (
    BooleanAttribute,
    Department,
    EnumAttribute,
    NumberAttribute,
    StepKind,
    TextAttribute,
    TriggerKind,
)
from cskh_org.model.escalation import EscalationStep
from cskh_org.model.routing import AllOf, AnyOf, Condition, NotOf
from cskh_org.model.tickets import AttributeSpec
from cskh_org.model.workload import (
    AttributeValue,
    HolderBehaviour,
    Profile,
    SelfService,
    ServiceTime,
    Stream,
    Workload,
)
from cskh_org.routing.boxes import condition_atoms
from cskh_org.routing.numbers import department_conditions, drawn_regions, outside_share
from cskh_org.routing.reference import condition_holds

__all__ = [
    "MAX_COMBINATIONS",
    "WORKLOAD_CODES",
    "Arrival",
    "WorkloadCode",
    "check_workload",
    "points_at_key",
    "reachable_holders",
    "relevant_attributes",
    "stage_for",
    "stream_choices",
    "tested_attributes",
]

Path = tuple[str | int, ...]

E, W = Severity.ERROR, Severity.WARNING


class WorkloadCode(NamedTuple):
    """A workload finding code: its severity and what it means."""

    severity: Severity
    meaning: str


WORKLOAD_CODES: dict[str, WorkloadCode] = {
    "workload-department-mismatch": WorkloadCode(
        E, "The workload's `department` is not the id of the department it is checked against."
    ),
    "workload-duplicate-id": WorkloadCode(E, "Two streams, or two profiles, share an id."),
    "workload-unknown-profile": WorkloadCode(E, "A stream names a profile that is not defined."),
    "workload-unknown-calendar": WorkloadCode(
        E, "A profile's `special_days` name a calendar the department does not define."
    ),
    "workload-special-days-no-holidays": WorkloadCode(
        W,
        "A profile's `special_days` give factors to holidays or the dates around them, but "
        "their calendar has no holidays at all (neither `holidays` nor `public_holidays`).",
    ),
    "workload-unknown-attribute": WorkloadCode(
        E,
        "A stream fixes, mixes or draws an attribute the department's ticket schema does not have.",
    ),
    "workload-attribute-value": WorkloadCode(
        E,
        "A value the ticket schema does not allow: in a stream's `attributes` or `mix`, a "
        "`draw` of an attribute that is not a number, a service time's `category` or "
        "`channel`, or a `patience` channel.",
    ),
    "workload-missing-attribute": WorkloadCode(
        E, "A stream's tickets lack an attribute the ticket schema requires (fix it or mix it)."
    ),
    "workload-unknown-unit": WorkloadCode(E, "A service time names a unit that is not defined."),
    "workload-duplicate-service": WorkloadCode(
        E, "Two service times are given for the same unit, category and channel."
    ),
    "workload-unknown-holder": WorkloadCode(
        E, "A holder behaviour names neither a unit nor an external party."
    ),
    "workload-duplicate-holder": WorkloadCode(E, "A holder's behaviour is given twice."),
    "workload-no-routing": WorkloadCode(
        E, "The department has no `routing` section, so no ticket can be placed."
    ),
    "workload-no-service-time": WorkloadCode(
        E, "A unit tickets can reach (routing, then escalation) has no handling time for them."
    ),
    "workload-unit-unstaffed": WorkloadCode(
        E, "A unit tickets can reach has no staff to work on them."
    ),
    "workload-no-turnaround": WorkloadCode(
        E, "An external party tickets can reach has no `turnaround` under `holders`."
    ),
    "workload-no-manual-step": WorkloadCode(
        W, "A holder escalates (`escalate` > 0) but has no escalation step with a `manual` trigger."
    ),
    "workload-no-partner-step": WorkloadCode(
        W, "A holder sends tickets to a partner (`partner` > 0) but has no functional step."
    ),
    "workload-draw-clipped": WorkloadCode(
        W,
        "A stream draws a number attribute from a distribution that puts more than 0.1 % of "
        "its values outside the ticket schema's `minimum` or `maximum` (they are taken as the "
        "bound).",
    ),
    "workload-profile-zero": WorkloadCode(
        W, "A profile's factors are all zero, so the streams that use it never send a ticket."
    ),
    "workload-self-service-unmatched": WorkloadCode(
        W,
        "No ticket of the workload enters a self-service stage: its `when` matches no "
        "stream's tickets, or an earlier stage takes them all.",
    ),
    "workload-self-service-contains-all": WorkloadCode(
        W,
        "A self-service stage contains (share 1) every category of the tickets that enter "
        "it, so none of them reaches the router or an agent.",
    ),
    "capacity-short": WorkloadCode(
        W,
        "In an open hour of the week the tickets routed to a unit bring more work (first "
        "visits, in erlangs) than its agents on duty can do, or a week brings more work than "
        "its agent-hours.",
    ),
    "capacity-unchecked": WorkloadCode(
        W,
        "A stream mixes too many combinations of routed attributes for the capacity check.",
    ),
}
"""Every code :func:`check_workload` reports, with its severity and meaning."""

MAX_COMBINATIONS = 4096
"""Most combinations of a stream's ``mix`` values routed one by one; beyond it, every value
of every mixed attribute is still routed at least once."""

_SERVICE_EXAMPLE = "{{unit: {unit}, time: {{kind: lognormal, mean: 8m, sd: 5m}}}}"
_TURNAROUND_EXAMPLE = "{{holder: {holder}, turnaround: {{kind: lognormal, mean: 1d, sd: 8h}}}}"


def points_at_key(issue: Issue) -> bool:
    """Whether an issue is about the mapping key its path ends with (a name written wrong:
    an unknown attribute, a mixed value, a drawn attribute, a ``patience`` channel) rather
    than about the value."""
    path = issue.path
    return (
        issue.code == "workload-unknown-attribute"
        or "mix" in path[-3:-1]
        or (len(path) == 4 and path[2] == "draw")
        or (len(path) == 2 and path[0] == "patience")
        or (len(path) == 4 and path[0] == "self_service" and path[2] == "by_category")
    )


def _sort_key(issue: Issue) -> tuple[list[tuple[int, int, str]], str, str]:
    parts = [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in issue.path]
    return parts, issue.code, issue.message


def check_workload(workload: Workload, department: Department) -> list[Issue]:
    """Every problem of ``workload`` as written for ``department``, sorted by place.

    Each issue's code is one of :data:`WORKLOAD_CODES` (which gives its severity), its path
    is the place in the workload document and its message says how to fix it.
    """
    issues: list[Issue] = []
    issues += _department(workload, department)
    issues += _ids(workload)
    issues += _profiles(workload)
    issues += _special_calendars(workload, department)
    bad_streams: set[int] = set()
    for i, stream_issues in _streams(workload, department):
        issues += stream_issues
        if stream_issues:
            bad_streams.add(i)
    issues += _draws_clipped(workload, department)
    issues += _service(workload, department)
    issues += _patience(workload, department)
    issues += _holders(workload, department)
    issues += _self_service(workload, department, bad_streams)
    issues += _reach(workload, department, bad_streams)
    from cskh_org.checks.capacity import capacity_short  # it uses this module's routing view

    issues += capacity_short(workload, department, skip=frozenset(bad_streams))
    return sorted(issues, key=_sort_key)


# -- names -------------------------------------------------------------------------------------


def _department(workload: Workload, dept: Department) -> Iterator[Issue]:
    if workload.department is not None and workload.department != dept.id:
        yield Issue.said(
            "workload-department-mismatch",
            ("department",),
            written=workload.department,
            dept=dept.id,
        )


def _ids(workload: Workload) -> Iterator[Issue]:
    sections: dict[str, Iterable[str]] = {
        "streams": (s.id for s in workload.streams),
        "profiles": (p.id for p in workload.profiles),
        "self_service": (s.id for s in workload.self_service),
    }
    for section, ids in sections.items():
        first: dict[str, int] = {}
        for i, item_id in enumerate(ids):
            if item_id in first:
                yield Issue.said(
                    "workload-duplicate-id",
                    (section, i, "id"),
                    id=item_id,
                    section=section,
                    index=first[item_id],
                )
            else:
                first[item_id] = i


def _zero(profile: Profile) -> str | None:
    """``"hours"`` or ``"days"`` when those factors alone make the profile zero all week."""
    if not any(profile.hours):
        return "hours"
    if len(profile.days) == 7 and not any(profile.days.values()):
        return "days"
    return None


def _special_calendars(workload: Workload, dept: Department) -> Iterator[Issue]:
    calendars = {c.id: c for c in dept.calendars}
    for i, profile in enumerate(workload.profiles):
        special = profile.special_days
        if special is None:
            continue
        calendar = calendars.get(special.calendar)
        if calendar is not None:
            around = special.holiday != 1 or special.before or special.after
            if around and not calendar.holidays and calendar.public_holidays is None:
                yield Issue.said(
                    "workload-special-days-no-holidays",
                    ("profiles", i, "special_days", "calendar"),
                    calendar=special.calendar,
                    profile=profile.id,
                )
            continue
        hint = did_you_mean(special.calendar, calendars) or both("workload-unknown-calendar.use")
        yield Issue.said(
            "workload-unknown-calendar",
            ("profiles", i, "special_days", "calendar"),
            calendar=special.calendar,
            profile=profile.id,
            hint=hint,
        )


def _profiles(workload: Workload) -> Iterator[Issue]:
    profile_ids = {p.id for p in workload.profiles}
    for i, stream in enumerate(workload.streams):
        if stream.profile is not None and stream.profile not in profile_ids:
            hint = did_you_mean(stream.profile, profile_ids) or both(
                "hint.define-under", section="profiles"
            )
            yield Issue.said(
                "workload-unknown-profile",
                ("streams", i, "profile"),
                profile=stream.profile,
                hint=hint,
            )
    for i, profile in enumerate(workload.profiles):
        which = _zero(profile)
        if which is None:
            continue
        users = [s.id for s in workload.streams if s.profile == profile.id]
        names = ", ".join(f"`{u}`" for u in users)
        many = "many" if len(users) > 1 else "one"
        silenced = (
            both(f"workload-profile-zero.{many}", names=names)
            if users
            else both("workload-profile-zero.unused")
        )
        yield Issue.said(
            "workload-profile-zero",
            ("profiles", i, which),
            which=which,
            profile=profile.id,
            silenced=silenced,
        )


# -- attributes --------------------------------------------------------------------------------


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _problem(variant: str, **fields: object) -> Said:
    return both(f"workload-attribute-value.{variant}", **fields)


def _value_problem(name: str, spec: AttributeSpec, value: AttributeValue) -> Said | None:
    """Why ``value`` does not fit attribute ``name`` (a message that says how to fix it)."""
    shown = _show(value)
    if isinstance(spec, EnumAttribute):
        if isinstance(value, str) and value in spec.values:
            return None
        hint = (did_you_mean(value, spec.values) if isinstance(value, str) else None) or NOTHING
        return _problem("enum", name=name, value=shown, hint=hint, values=", ".join(spec.values))
    if isinstance(spec, BooleanAttribute):
        if isinstance(value, bool):
            return None
        return _problem("boolean", name=name, value=shown)
    if isinstance(spec, NumberAttribute):
        if not _is_number(value) or (isinstance(value, float) and not math.isfinite(value)):
            return _problem("number", name=name, value=shown)
        number = Decimal(str(value))
        if spec.integer and number != number.to_integral_value():
            return _problem("integer", name=name, value=shown)
        if spec.minimum is not None and number < spec.minimum:
            return _problem("below", name=name, value=shown, minimum=spec.minimum)
        if spec.maximum is not None and number > spec.maximum:
            return _problem("above", name=name, value=shown, maximum=spec.maximum)
        return None
    assert isinstance(spec, TextAttribute)
    if not isinstance(value, str):
        return _problem("text", name=name)
    if len(value) > spec.max_length:
        return _problem("long", name=name, most=spec.max_length)
    return None


def _unknown_attribute(name: str, known: Mapping[str, AttributeSpec], where: str) -> Said:
    hint = did_you_mean(name, known) or both(
        "workload-unknown-attribute.has", known=", ".join(known)
    )
    return both("workload-unknown-attribute", name=name, where=where, hint=hint)


def _streams(workload: Workload, dept: Department) -> Iterator[tuple[int, list[Issue]]]:
    schema = dept.ticket_schema.attributes
    required = [n for n, a in schema.items() if a.required]
    for i, stream in enumerate(workload.streams):
        issues: list[Issue] = []
        base: Path = ("streams", i)
        for name, value in stream.attributes.items():
            spec = schema.get(name)
            path = (*base, "attributes", name)
            if spec is None:
                message = _unknown_attribute(name, schema, "attributes")
                issues.append(_issue("workload-unknown-attribute", path, message))
            elif (problem := _value_problem(name, spec, value)) is not None:
                issues.append(_issue("workload-attribute-value", path, problem))
        for name, weights in stream.mix.items():
            spec = schema.get(name)
            path = (*base, "mix", name)
            if spec is None:
                message = _unknown_attribute(name, schema, "mix")
                issues.append(_issue("workload-unknown-attribute", path, message))
            elif isinstance(spec, NumberAttribute):
                problem = both("workload-attribute-value.mix-number", name=name)
                issues.append(_issue("workload-attribute-value", path, problem))
            elif not isinstance(spec, EnumAttribute):
                issues.append(
                    _issue(
                        "workload-attribute-value", path, _problem("mix", name=name, type=spec.type)
                    )
                )
            else:
                for value in weights:
                    problem = _value_problem(name, spec, value)
                    if problem is not None:
                        issues.append(_issue("workload-attribute-value", (*path, value), problem))
        for name in stream.draw:
            spec = schema.get(name)
            path = (*base, "draw", name)
            if spec is None:
                message = _unknown_attribute(name, schema, "draw")
                issues.append(_issue("workload-unknown-attribute", path, message))
            elif not isinstance(spec, NumberAttribute):
                problem = both("workload-attribute-value.draw", name=name, type=spec.type)
                issues.append(_issue("workload-attribute-value", path, problem))
        drawn = (*stream.attributes, *stream.mix, *stream.draw)
        missing = [n for n in required if n not in drawn]
        for name in missing:
            issues.append(
                Issue.said(
                    "workload-missing-attribute", (*base, "attributes"), stream=stream.id, name=name
                )
            )
        yield i, issues


_CLIPPED_AT = 0.001
"""The share of drawn values outside the schema's bounds above which the check warns."""


def _draws_clipped(workload: Workload, dept: Department) -> Iterator[Issue]:
    """``workload-draw-clipped`` for every drawn number attribute whose distribution puts
    more than :data:`_CLIPPED_AT` of its values outside the schema's bounds."""
    schema = dept.ticket_schema.attributes
    for i, stream in enumerate(workload.streams):
        for name, dist in stream.draw.items():
            spec = schema.get(name)
            if not isinstance(spec, NumberAttribute):
                continue  # reported by the stream's own checks
            share = outside_share(spec, dist)
            if share > _CLIPPED_AT:
                bounds = [
                    f"{label} {_show(value)}"
                    for label, value in (("≥", spec.minimum), ("≤", spec.maximum))
                    if value is not None
                ]
                yield Issue.said(
                    "workload-draw-clipped",
                    ("streams", i, "draw", name),
                    name=name,
                    share=Said(vi=f"{share:.1%}".replace(".", ","), en=f"{share:.1%}"),
                    bounds=", ".join(bounds),
                )


def _issue(code: str, path: Path, words: Said) -> Issue:
    """An issue whose messages are ``words`` (built from the catalogue beforehand)."""
    return Issue(code, path, words.en, words.vi)


def _category_problem(category: str, dept: Department) -> Said | None:
    spec = dept.ticket_schema.attributes.get("category")
    if not isinstance(spec, EnumAttribute):
        return _problem("no-category", value=_show(category))
    return _value_problem("category", spec, category)


def _channel_problem(channel: str, dept: Department) -> Said | None:
    """Why ``channel`` is not a channel of the department (``None``: it is one)."""
    channels = dept.channels
    if channel in channels:
        return None
    known = ", ".join(channels) or both("workload.no-channel-enum")
    hint = did_you_mean(channel, channels) or both("workload.channels-are", known=known)
    return _problem("channel", channel=_show(channel), hint=hint)


def _service_what(entry: ServiceTime) -> Said:
    """What a service entry gives a time for, in words."""
    if entry.channel and entry.category:
        return both("workload.category-channel", category=entry.category, channel=entry.channel)
    if entry.channel:
        return both("workload.channel", channel=entry.channel)
    if entry.category:
        return both("workload.category", category=entry.category)
    return both("workload.every-category")


def _service(workload: Workload, dept: Department) -> Iterator[Issue]:
    units = dept.units_by_id
    first: dict[tuple[str, str | None, str | None], int] = {}
    for i, entry in enumerate(workload.service):
        if entry.unit not in units:
            hint = did_you_mean(entry.unit, units) or both("workload-unknown-unit.use")
            yield Issue.said(
                "workload-unknown-unit", ("service", i, "unit"), unit=entry.unit, hint=hint
            )
        if entry.category is not None:
            problem = _category_problem(entry.category, dept)
            if problem is not None:
                yield _issue("workload-attribute-value", ("service", i, "category"), problem)
        if entry.channel is not None:
            problem = _channel_problem(entry.channel, dept)
            if problem is not None:
                yield _issue("workload-attribute-value", ("service", i, "channel"), problem)
        key = (entry.unit, entry.category, entry.channel)
        if key in first:
            field = "channel" if entry.channel else "category" if entry.category else "unit"
            yield Issue.said(
                "workload-duplicate-service",
                ("service", i, field),
                first=first[key],
                unit=entry.unit,
                what=_service_what(entry),
            )
        else:
            first[key] = i


def _patience(workload: Workload, dept: Department) -> Iterator[Issue]:
    for channel in workload.patience:
        problem = _channel_problem(channel, dept)
        if problem is not None:
            yield _issue("workload-attribute-value", ("patience", channel), problem)


def _steps_from(dept: Department) -> dict[str, list[EscalationStep]]:
    out: dict[str, list[EscalationStep]] = {}
    if dept.escalation is not None:
        for step in dept.escalation.steps:
            out.setdefault(step.from_, []).append(step)
    return out


def _holders(workload: Workload, dept: Department) -> Iterator[Issue]:
    known = set(dept.units_by_id) | set(dept.externals_by_id)
    steps = _steps_from(dept)
    first: dict[str, int] = {}
    for i, behaviour in enumerate(workload.holders):
        holder = behaviour.holder
        if holder not in known:
            hint = did_you_mean(holder, known) or both("workload-unknown-holder.use")
            yield Issue.said(
                "workload-unknown-holder", ("holders", i, "holder"), holder=holder, hint=hint
            )
            continue
        if holder in first:
            yield Issue.said(
                "workload-duplicate-holder",
                ("holders", i, "holder"),
                first=first[holder],
                holder=holder,
            )
            continue
        first[holder] = i
        own = steps.get(holder, [])
        manual = any(t.on is TriggerKind.MANUAL for s in own for t in s.on)
        if behaviour.escalate > 0 and not manual:
            yield Issue.said(
                "workload-no-manual-step",
                ("holders", i, "escalate"),
                holder=holder,
                share=f"{behaviour.escalate:g}",
            )
        functional = any(s.kind is StepKind.FUNCTIONAL for s in own)
        if behaviour.partner > 0 and not functional:
            yield Issue.said(
                "workload-no-partner-step",
                ("holders", i, "partner"),
                holder=holder,
                share=f"{behaviour.partner:g}",
            )


# -- where tickets go --------------------------------------------------------------------------


def tested_attributes(condition: object) -> set[str]:
    """The attributes a routing condition tests."""
    if isinstance(condition, AllOf):
        return set().union(*(tested_attributes(c) for c in condition.all))
    if isinstance(condition, AnyOf):
        return set().union(*(tested_attributes(c) for c in condition.any))
    if isinstance(condition, NotOf):
        return tested_attributes(condition.not_)
    if isinstance(condition, Mapping):
        return {str(name) for name in condition}
    return set()


def relevant_attributes(department: Department, workload: Workload | None = None) -> frozenset[str]:
    """The attributes that can change where a ticket goes or how long it takes: those the
    routing rules test (and the ``when`` of the ``workload``'s self-service stages), the
    category and tier escalation triggers and service times use, and the channel service
    times and concurrency use."""
    names = {"category", "tier", "channel"}
    if department.routing is not None:
        for rule in department.routing.rules:
            names |= tested_attributes(rule.when)
    for stage in workload.self_service if workload is not None else ():
        names |= tested_attributes(stage.when)
    return frozenset(names)


def _conditions(department: Department, workload: Workload | None) -> list[Condition | None] | None:
    """What tells a drawn number's regions apart when the workload has self-service stages:
    the department's conditions and theirs (``None``: the department's alone)."""
    if workload is None or not workload.self_service:
        return None
    return [*department_conditions(department), *(s.when for s in workload.self_service)]


def stage_for(workload: Workload, ticket: Mapping[str, Any]) -> SelfService | None:
    """The self-service stage a ticket with these attributes enters: the first whose
    ``when`` holds (``None``: none; it goes straight to the router)."""
    for stage in workload.self_service:
        if condition_holds(stage.when, ticket):
            return stage
    return None


def _category_of(ticket: Mapping[str, Any]) -> str | None:
    category = ticket.get("category")
    return category if isinstance(category, str) else None


def stream_choices(
    stream: Stream, department: Department, workload: Workload | None = None
) -> dict[str, dict[Any, float]]:
    """The attributes a stream draws per ticket, each value with its weight: its ``mix``,
    and its ``draw`` as the regions of values the department's routing rules and SLA policies
    (and the ``workload``'s self-service stages) tell apart, each a value inside it weighted
    by its probability (:func:`cskh_org.routing.numbers.drawn_regions`); a drawn attribute
    that is not a number of the schema is left out (the stream's checks report it)."""
    choices: dict[str, dict[Any, float]] = {n: dict(w) for n, w in stream.mix.items()}
    conditions = _conditions(department, workload)
    for name, dist in stream.draw.items():
        regions = drawn_regions(department, name, dist, conditions)
        if regions:
            choices[name] = {r.value: r.probability for r in regions}
    return choices


def _combinations(
    mix: Mapping[str, Mapping[Any, float]], relevant: frozenset[str]
) -> Iterator[dict[str, Any]]:
    """Every combination of the mixed values of ``relevant`` attributes (the others at their
    first value), or (beyond :data:`MAX_COMBINATIONS`) the first ones plus each value of each
    attribute with the others at their first value."""
    names = sorted(mix)
    choices = [list(mix[n]) if n in relevant else list(mix[n])[:1] for n in names]
    total = math.prod(len(c) for c in choices)
    yield from (
        dict(zip(names, combo, strict=True))
        for combo in itertools.islice(itertools.product(*choices), MAX_COMBINATIONS)
    )
    if total > MAX_COMBINATIONS:
        baseline = {n: c[0] for n, c in zip(names, choices, strict=True)}
        for name, values in zip(names, choices, strict=True):
            for value in values[1:]:
                yield {**baseline, name: value}


class Arrival(NamedTuple):
    """How a ticket first reaches a holder: the stream (index) and the rule or step."""

    stream: int
    via: str
    """The rule or step (in English)."""
    via_vi: str = ""
    """The rule or step in Vietnamese."""

    @property
    def said(self) -> Said:
        """:attr:`via` in both languages."""
        return Said(vi=self.via_vi or self.via, en=self.via)


_State = tuple[str, str | None, str | None, str | None]
"""A holder and the category, tier and channel of a ticket there (what escalation triggers
test, and what its handling time depends on)."""


@dataclass(frozen=True)
class _Firing:
    """What, besides a ticket's category and tier, makes a step fire in the simulation."""

    escalating: frozenset[str]
    """Holders with ``escalate`` > 0: their steps with a ``manual`` trigger fire."""
    partnering: frozenset[str]
    """The first functional step of each holder with ``partner`` > 0 (by step id)."""
    sla: bool
    """Whether the department has SLA targets (for ``sla_warning`` and ``sla_breach``)."""
    reopen: bool
    """Whether tickets are reopened (for ``reopened``)."""

    @classmethod
    def of(cls, workload: Workload, department: Department) -> _Firing:
        steps = _steps_from(department)
        partnering: set[str] = set()
        for b in workload.holders:
            functional = [s for s in steps.get(b.holder, ()) if s.kind is StepKind.FUNCTIONAL]
            if b.partner > 0 and functional:
                partnering.add(functional[0].id)
        return cls(
            escalating=frozenset(b.holder for b in workload.holders if b.escalate > 0),
            partnering=frozenset(partnering),
            sla=department.sla is not None,
            reopen=workload.reopen is not None and workload.reopen.probability > 0,
        )

    def fires(self, step: EscalationStep, category: str | None, tier: str | None) -> bool:
        """Whether ``step`` can fire for a ticket of this category and tier."""
        if step.id in self.partnering:
            return True
        for trigger in step.on:
            kind = trigger.on
            if (
                (kind is TriggerKind.CATEGORY and category in trigger.values)
                or (kind is TriggerKind.TIER and tier in trigger.values)
                or (kind is TriggerKind.MANUAL and step.from_ in self.escalating)
                or (kind in (TriggerKind.SLA_WARNING, TriggerKind.SLA_BREACH) and self.sla)
                or (kind is TriggerKind.REOPENED and self.reopen)
            ):
                return True
        return False


def _reachable(
    workload: Workload, department: Department, skip: Iterable[int]
) -> dict[_State, Arrival]:
    """Every state (holder, category, tier, channel) the workload's tickets can reach, with
    how the first ticket in it came (see :func:`reachable_holders`)."""
    router = department.router()
    relevant = relevant_attributes(department, workload)
    skipped = set(skip)
    arrivals: dict[_State, Arrival] = {}
    for i, stream in enumerate(workload.streams):
        if i in skipped:
            continue
        for drawn in _combinations(stream_choices(stream, department, workload), relevant):
            ticket = {**stream.attributes, **drawn}
            stage = stage_for(workload, ticket)
            if stage is not None and stage.containment_of(_category_of(ticket)) >= 1.0:
                continue  # always contained in self-service: it reaches no holder
            try:
                decision = router.route(ticket)
            except TicketInvalid:
                continue
            category = ticket.get("category")
            tier = ticket.get("tier")
            channel = ticket.get("channel")
            state = (
                decision.unit,
                category if isinstance(category, str) else None,
                tier if isinstance(tier, str) else None,
                channel if isinstance(channel, str) else None,
            )
            if state not in arrivals:
                via = (
                    both("workload.via.rule", rule=decision.rule)
                    if decision.rule
                    else both("routing.who.default")
                )
                arrivals[state] = Arrival(i, via.en, via.vi)
    steps = _steps_from(department)
    firing = _Firing.of(workload, department)
    queue = sorted(
        arrivals, key=lambda s: (arrivals[s].stream, s[0], str(s[1]), str(s[2]), str(s[3]))
    )
    held = set(queue)  # the states a ticket is held in (a follow-up step's unit holds none)
    while queue:
        holder, category, tier, channel = state = queue.pop(0)
        for step in steps.get(holder, ()):
            nxt = (step.to, category, tier, channel)
            if nxt in held:
                continue
            # a follow-up step's unit works on the ticket (a follow-up) but never holds it
            follow_up = step.follow_up
            if not follow_up and not firing.fires(step, category, tier):
                continue
            if nxt not in arrivals:
                via = both("workload.via.step", step=step.id, holder=holder)
                arrivals[nxt] = Arrival(arrivals[state].stream, via.en, via.vi)
            if not follow_up:
                held.add(nxt)
                queue.append(nxt)
    return arrivals


def _self_service(workload: Workload, dept: Department, bad_streams: set[int]) -> Iterator[Issue]:
    """The names a self-service stage uses, whether some ticket enters it, and whether it
    hands some on."""
    schema = dept.ticket_schema.attributes
    for i, stage in enumerate(workload.self_service):
        for name in dict.fromkeys(n for n, _ in condition_atoms(stage.when)):
            if name not in schema:
                message = _unknown_attribute(name, schema, "when")
                yield _issue("workload-unknown-attribute", ("self_service", i, "when"), message)
        for category in stage.by_category:
            problem = _category_problem(category, dept)
            if problem is not None:
                path = ("self_service", i, "by_category", category)
                yield _issue("workload-attribute-value", path, problem)
    if not workload.self_service or dept.routing is None:
        return
    stages = workload.self_service
    entering: list[set[str | None]] = [set() for _ in stages]
    """Per stage: the categories of the tickets that enter it."""
    relevant = relevant_attributes(dept, workload)
    for i, stream in enumerate(workload.streams):
        if i in bad_streams:
            continue
        for drawn in _combinations(stream_choices(stream, dept, workload), relevant):
            ticket = {**stream.attributes, **drawn}
            for j, stage in enumerate(stages):
                if condition_holds(stage.when, ticket):
                    entering[j].add(_category_of(ticket))
                    break
    for i, (stage, categories) in enumerate(zip(stages, entering, strict=True)):
        if not categories:
            field = "when" if stage.when is not None else "id"
            earlier = [s.id for s in workload.self_service[:i]]
            yield Issue.said(
                "workload-self-service-unmatched",
                ("self_service", i, field),
                stage=stage.id,
                why=both(
                    "workload-self-service-unmatched.earlier"
                    if earlier
                    else "workload-self-service-unmatched.none",
                    earlier=", ".join(f"`{e}`" for e in earlier),
                ),
            )
        elif all(stage.containment_of(c) >= 1.0 for c in categories):
            listed = all(c in stage.by_category for c in categories if c is not None)
            field = "by_category" if stage.by_category and listed else "containment"
            yield Issue.said(
                "workload-self-service-contains-all",
                ("self_service", i, field),
                stage=stage.id,
                categories=", ".join(sorted(c or "-" for c in categories)),
            )


def reachable_holders(
    workload: Workload, department: Department, *, skip: Iterable[int] = ()
) -> dict[str, dict[str | None, Arrival]]:
    """The holders the workload's tickets can reach, each with the categories that reach it
    (``None``: tickets without one) and how the first such ticket came: by routing (every
    combination of the stream's ``mix`` and of the regions of its ``draw``, over the
    attributes that matter, up to :data:`MAX_COMBINATIONS`), then along the escalation steps
    that can fire: a category or tier trigger for the ticket's value, an SLA trigger when
    the department has SLA targets, a ``reopened`` trigger when tickets are reopened, a
    ``manual`` trigger at a holder with ``escalate`` > 0, and a holder's first functional
    step when its ``partner`` > 0; a follow-up step (on ``resolved``) reaches its unit, which
    handles the follow-up contact, but leads no further. Streams in ``skip`` are left out."""
    out: dict[str, dict[str | None, Arrival]] = {}
    for (holder, category, _tier, _channel), arrival in _reachable(
        workload, department, skip
    ).items():
        per = out.setdefault(holder, {})
        if category not in per or arrival.stream < per[category].stream:
            per[category] = arrival
    return out


def _missing_words(missing: list[tuple[str | None, str | None]], by_channel: bool) -> Said:
    """The categories (and, when the unit's times depend on the channel, the channels) of
    the tickets a unit has no handling time for."""
    none = both("workload.no-category")

    def category(c: str | None) -> Said:
        return none if c is None else Said(vi=c, en=c)

    if not by_channel:
        return concat(", ", (category(c) for c in dict.fromkeys(c for c, _ in missing)))
    return concat(
        ", ",
        (both("workload.on-channel", category=category(c), channel=ch or "-") for c, ch in missing),
    )


def _reach(workload: Workload, dept: Department, bad_streams: set[int]) -> Iterator[Issue]:
    if dept.routing is None:
        yield Issue.said("workload-no-routing", ("streams",), dept=dept.id)
        return
    states: dict[str, dict[tuple[str | None, str | None], Arrival]] = {}
    for (holder, category, _tier, channel), arrival in _reachable(
        workload, dept, bad_streams
    ).items():
        per = states.setdefault(holder, {})
        if (category, channel) not in per or arrival.stream < per[category, channel].stream:
            per[category, channel] = arrival
    behaviours: dict[str, tuple[int, HolderBehaviour]] = {}
    for i, b in enumerate(workload.holders):
        behaviours.setdefault(b.holder, (i, b))
    for holder in sorted(states):
        per = states[holder]
        first = min(per.values(), key=lambda a: a.stream)
        stream = workload.streams[first.stream]
        came = both("workload.came", stream=stream.id, via=first.said)
        unit = dept.units_by_id.get(holder)
        if unit is not None:
            if unit.headcount == 0:
                yield Issue.said(
                    "workload-unit-unstaffed", ("streams", first.stream), holder=holder, came=came
                )
                continue
            missing = sorted(
                (key for key in per if workload.service_for(holder, *key) is None),
                key=lambda k: (str(k[0]), str(k[1])),
            )
            if not missing:
                continue
            lacking = min((per[key] for key in missing), key=lambda a: a.stream)
            lacking_stream = workload.streams[lacking.stream]
            by_channel = any(e.channel for e in workload.services_of(holder))
            yield Issue.said(
                "workload-no-service-time",
                ("streams", lacking.stream),
                holder=holder,
                categories=_missing_words(missing, by_channel),
                stream=lacking_stream.id,
                via=lacking.said,
                example=_SERVICE_EXAMPLE.format(unit=holder),
            )
        elif holder in dept.externals_by_id:
            listed = behaviours.get(holder)
            if listed is not None and listed[1].turnaround is not None:
                continue
            path: Path = ("holders", listed[0], "holder") if listed else ("streams", first.stream)
            yield Issue.said(
                "workload-no-turnaround",
                path,
                holder=holder,
                came=came,
                example=_TURNAROUND_EXAMPLE.format(holder=holder),
            )
