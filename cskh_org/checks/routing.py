"""Checks of the routing rules: their terms, what can fire and what falls through, and targets.

The coverage check rests on :mod:`cskh_org.routing.analysis`, which is exact (or says
``unknown``): a rule reported as never firing never fires, and one not reported fires on the
witness ticket the analysis found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cskh_org.checks import Issue, check
from cskh_org.findings import NOTHING, Said, Severity, both, did_you_mean
from cskh_org.graph import _per_department
from cskh_org.model import (
    BooleanAttribute,
    Department,
    EnumAttribute,
    NumberAttribute,
    TextAttribute,
)
from cskh_org.model.routing import AllOf, AnyOf, AttributeTest, Condition, NotOf, RouteTarget
from cskh_org.routing.semantics import is_number

if TYPE_CHECKING:
    from cskh_org.routing.analysis import RoutingAnalysis

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

Path = tuple[str | int, ...]

_ORDER_OPS = ("gt", "gte", "lt", "lte")
_VALUE_OPS = ("eq", "ne")
_LIST_OPS = (("in_", "in"), ("not_in", "not_in"))
_MAX_SHOWN = 6


def _atoms(condition: Condition | None, path: Path) -> Iterator[tuple[str, Any, Path]]:
    """Every ``(attribute, test, path)`` of a condition, with the path to the attribute key."""
    if condition is None:
        return
    if isinstance(condition, AllOf):
        for k, part in enumerate(condition.all):
            yield from _atoms(part, (*path, "all", k))
    elif isinstance(condition, AnyOf):
        for k, part in enumerate(condition.any):
            yield from _atoms(part, (*path, "any", k))
    elif isinstance(condition, NotOf):
        yield from _atoms(condition.not_, (*path, "not"))
    else:
        for name, test in condition.items():
            yield name, test, (*path, name)


def _constants(test: Any, path: Path) -> Iterator[tuple[str, Any, Path]]:
    """``(operator, constant, path)`` of each value a test compares with."""
    if not isinstance(test, AttributeTest):
        yield "eq", test, path
        return
    for op in (*_VALUE_OPS, *_ORDER_OPS):
        value = getattr(test, op)
        if value is not None:
            yield op, value, (*path, op)
    for field, key in _LIST_OPS:
        for k, value in enumerate(getattr(test, field) or ()):
            yield key, value, (*path, key, k)


def _kind(value: object) -> Said:
    if isinstance(value, bool):
        return both("routing.kind.boolean")
    if is_number(value):
        return both("routing.kind.number")
    return both("routing.kind.text")


def _analysis(dept: Department) -> RoutingAnalysis:
    """The analysis of the department's rules (worked out once per rule table: the checks
    that use it, the escalation engine and the routing view share it)."""
    from cskh_org.routing.analysis import analyse_routing

    assert dept.routing is not None
    return analyse_routing(dept.routing, dept.ticket_schema)


_RULES: Path = ("routing", "rules")


def _rules_path(index: int) -> Path:
    return (*_RULES, index)


@check(
    "condition-terms",
    "Conditions of routing rules and SLA policies name attributes the ticket schema declares, "
    "with values of the right type and in the allowed set; rule and policy ids are unique; "
    "the priority settings fit the schema.",
    rule_duplicate_id=E,
    rule_unknown_attribute=E,
    rule_unknown_value=E,
    rule_type_mismatch=E,
    routing_priority=E,
)
def condition_terms(dept: Department) -> Iterator[Issue]:
    yield from _condition_terms(dept)


@_per_department
def _condition_terms(dept: Department) -> tuple[Issue, ...]:
    """The issues of :func:`condition_terms`, worked out once per department (the coverage
    check asks which rules have wrong terms too)."""
    return tuple(_terms(dept))


def _terms(dept: Department) -> Iterator[Issue]:
    sections: list[tuple[Said, Path, Any]] = []
    if dept.routing is not None:
        sections.append((both("word.rule"), _RULES, dept.routing.rules))
    if dept.sla is not None:
        sections.append((both("word.sla-policy"), ("sla", "policies"), dept.sla.policies))
    for word, prefix, items in sections:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                yield Issue.said(
                    "rule-duplicate-id",
                    (*prefix, i, "id"),
                    id=item.id,
                    word=word,
                    n=first[item.id] + 1,
                )
            first.setdefault(item.id, i)
            who = both("routing.who", word=word, id=item.id)
            yield from condition_issues(dept, who, item.when, (*prefix, i))
    if dept.routing is not None:
        yield from _check_priority(dept)


def condition_issues(
    dept: Department, who: Said, condition: Condition | None, path: Path
) -> Iterator[Issue]:
    """Term problems of one condition (at ``path + ("when", ...)``), reported for ``who``."""
    attributes = dept.ticket_schema.attributes
    for name, test, at in _atoms(condition, (*path, "when")):
        spec = attributes.get(name)
        if spec is None:
            hint = did_you_mean(name, attributes) or both("rule-unknown-attribute.declare")
            yield Issue.said("rule-unknown-attribute", at, who=who, name=name, hint=hint)
            continue
        yield from _check_terms(who, name, spec, test, at)


def _check_terms(rule: Said, name: str, spec: Any, test: Any, path: Path) -> Iterator[Issue]:
    if isinstance(spec, EnumAttribute | TextAttribute | BooleanAttribute):
        for op in _ORDER_OPS:
            if isinstance(test, AttributeTest) and getattr(test, op) is not None:
                yield Issue.said(
                    "rule-type-mismatch",
                    (*path, op),
                    "rule-type-mismatch.order",
                    rule=rule,
                    name=name,
                    op=op,
                    type=spec.type,
                )
    for op, value, at in _constants(test, path):
        if op in _ORDER_OPS:
            continue  # numbers by the model; a mismatch on the attribute is reported above
        if isinstance(spec, EnumAttribute):
            if not isinstance(value, str):
                yield _mismatch(rule, name, both("routing.kind.enum"), value, at)
            elif value not in spec.values:
                hint = did_you_mean(value, spec.values) or both(
                    "hint.allowed-values", values=", ".join(spec.values)
                )
                yield Issue.said(
                    "rule-unknown-value",
                    at,
                    "rule-unknown-value.enum",
                    rule=rule,
                    name=name,
                    value=value,
                    hint=hint,
                )
        elif isinstance(spec, BooleanAttribute):
            if not isinstance(value, bool):
                yield _mismatch(rule, name, both("routing.kind.yes-no"), value, at)
        elif isinstance(spec, NumberAttribute):
            if not is_number(value):
                yield _mismatch(rule, name, both("routing.kind.number"), value, at)
            elif (spec.minimum is not None and value < spec.minimum) or (
                spec.maximum is not None and value > spec.maximum
            ):
                yield Issue.said(
                    "rule-unknown-value",
                    at,
                    "rule-unknown-value.range",
                    rule=rule,
                    name=name,
                    value=value,
                    low=spec.minimum if spec.minimum is not None else "-∞",
                    high=spec.maximum if spec.maximum is not None else "+∞",
                )
        elif isinstance(spec, TextAttribute) and not isinstance(value, str):
            yield _mismatch(rule, name, both("routing.kind.text"), value, at)


def _mismatch(rule: Said, name: str, wanted: Said, value: object, path: Path) -> Issue:
    return Issue.said(
        "rule-type-mismatch",
        path,
        "rule-type-mismatch.value",
        rule=rule,
        name=name,
        kind=_kind(value),
        value=value,
        wanted=wanted,
    )


def _check_priority(dept: Department) -> Iterator[Issue]:
    routing = dept.routing
    assert routing is not None
    name = routing.priority_attribute
    spec = dept.ticket_schema.attributes.get(name)
    shifts = [(i, r.to) for i, r in enumerate(routing.rules) if r.to.priority] + [
        (-1, routing.default)
    ] * bool(routing.default.priority)
    explicit = "priority_attribute" in routing.model_fields_set
    if not isinstance(spec, EnumAttribute):
        if explicit or shifts or routing.default_priority is not None:
            yield Issue.said(
                "routing-priority",
                ("routing", "priority_attribute"),
                "routing-priority.undeclared" if spec is None else "routing-priority.not-enum",
                name=name,
                type=spec.type if spec is not None else "",
            )
        return
    default = routing.default_priority
    if default is not None and default not in spec.values:
        hint = did_you_mean(default, spec.values) or both(
            "hint.one-of", values=", ".join(spec.values)
        )
        yield Issue.said(
            "routing-priority",
            ("routing", "default_priority"),
            "routing-priority.default",
            value=default,
            name=name,
            hint=hint,
        )


@check(
    "routing-coverage",
    "Every rule can fire (no contradiction, not covered by earlier rules); which tickets fall "
    "through to the default; every function the department covers receives tickets.",
    rule_unsatisfiable=E,
    rule_shadowed=E,
    rule_analysis_unknown=I,
    routing_fallthrough=I,
    function_unrouted=W,
)
def routing_coverage(dept: Department) -> Iterator[Issue]:
    routing = dept.routing
    if routing is None:
        return
    from cskh_org.routing.analysis import Reach

    analysis = _analysis(dept)
    # rules whose terms are wrong are reported by `routing-terms`; "can never fire" would
    # only repeat it
    broken = {issue.path[2] for issue in condition_terms(dept) if issue.path[:2] == _RULES}
    reached: set[str] = set()
    for verdict in analysis.rules:
        rule = routing.rules[verdict.index]
        where = (*_rules_path(verdict.index), "when")
        if verdict.index in broken:
            reached.add(rule.to.unit)
        elif verdict.reach is Reach.UNSATISFIABLE:
            yield Issue.said("rule-unsatisfiable", where, rule=rule.id)
        elif verdict.reach is Reach.SHADOWED:
            names = ", ".join(f"`{r}`" for r in verdict.covered_by)
            several = len(verdict.covered_by) > 1
            yield Issue.said(
                "rule-shadowed",
                where,
                "rule-shadowed.many" if several else "rule-shadowed.one",
                rule=rule.id,
                names=names,
            )
        elif verdict.reach is Reach.UNKNOWN:
            reached.add(rule.to.unit)
            yield Issue.said(
                "rule-analysis-unknown",
                where,
                "rule-analysis-unknown.rule",
                rule=rule.id,
                reason=verdict.reason,
            )
        else:
            reached.add(rule.to.unit)
    fall = analysis.fallthrough
    if not fall.known:
        reached.add(routing.default.unit)
        yield Issue.said(
            "rule-analysis-unknown",
            ("routing", "default"),
            "rule-analysis-unknown.default",
            reason=fall.reason,
        )
    elif not fall.empty:
        reached.add(routing.default.unit)
        shown = Said(
            vi="; ".join(fall.descriptions_vi[:_MAX_SHOWN]),
            en="; ".join(fall.descriptions[:_MAX_SHOWN]),
        )
        more = len(fall.descriptions) - _MAX_SHOWN
        tail = both("routing-fallthrough.more", more=more) if more > 0 else NOTHING
        yield Issue.said(
            "routing-fallthrough",
            ("routing", "default"),
            unit=routing.default.unit,
            shown=shown,
            tail=tail,
        )
    yield from _unrouted_functions(dept, reached)


def _unrouted_functions(dept: Department, reached: set[str]) -> Iterator[Issue]:
    covered: dict[str, list[int]] = {}
    for i, unit in enumerate(dept.units):
        for function in unit.functions:
            covered.setdefault(function, []).append(i)
    reached_functions = {f for unit in dept.units if unit.id in reached for f in unit.functions}
    waived = set(dept.routing.unrouted_functions) if dept.routing else set()
    for function, units in covered.items():
        if function in reached_functions or function in waived:
            continue
        first = dept.units[units[0]]
        name = dept.label(dept.function_names.get(function)) or function
        yield Issue.said(
            "function-unrouted",
            ("units", units[0], "functions"),
            function=function,
            name=name,
            unit=first.id,
        )


@check(
    "routing-targets",
    "Every target unit has staff, has the skills its rules require, and serves the channels "
    "of the tickets sent to it.",
    route_unit_unstaffed=E,
    route_skill_missing=E,
    route_channel_not_served=W,
)
def routing_targets(dept: Department) -> Iterator[Issue]:
    routing = dept.routing
    if routing is None:
        return
    units = dept.units_by_id
    roles = dept.roles_by_id
    targets: list[tuple[Said, RouteTarget, Path]] = [
        (both("routing.who", word=both("word.rule"), id=r.id), r.to, (*_rules_path(i), "to"))
        for i, r in enumerate(routing.rules)
    ]
    targets.append((both("routing.who.default"), routing.default, ("routing", "default")))
    for who, target, path in targets:
        unit = units.get(target.unit)
        if unit is None:
            continue  # unknown-unit, from the references check
        if unit.headcount == 0:
            yield Issue.said("route-unit-unstaffed", path, who=who, unit=unit.id)
            continue
        skills: set[str] = set()
        for line in unit.staff:
            if line.headcount:
                role = roles.get(line.role)
                skills.update(line.skills, role.skills if role else ())
        for skill in target.skills:
            if skill not in skills:
                have = ", ".join(sorted(skills)) or both("word.none")
                yield Issue.said(
                    "route-skill-missing",
                    (*path, "skills"),
                    who=who,
                    skill=skill,
                    unit=unit.id,
                    have=have,
                )
    yield from _channels_not_served(dept)


def _channels_not_served(dept: Department) -> Iterator[Issue]:
    routing = dept.routing
    assert routing is not None
    if "channel" not in dept.ticket_schema.attributes:
        return
    from cskh_org.routing.analysis import Reach

    analysis = _analysis(dept)
    if "channel" not in analysis.space.position:
        all_channels = frozenset(dept.channels)
    else:
        all_channels = analysis.channels([analysis.space.universe])
    units = dept.units_by_id
    for verdict in analysis.rules:
        rule = routing.rules[verdict.index]
        unit = units.get(rule.to.unit)
        if unit is None or not unit.channels or verdict.reach is not Reach.REACHABLE:
            continue
        arriving = (
            analysis.channels(verdict.regions)
            if "channel" in analysis.space.position
            else all_channels
        )
        missing = [c for c in dept.channels if c in arriving and c not in unit.channels]
        if missing:
            who = both("routing.who", word=both("word.rule"), id=rule.id)
            yield _not_served(who, unit.id, missing, _rules_path(verdict.index))
    unit = units.get(routing.default.unit)
    fall = analysis.fallthrough
    if unit is not None and unit.channels and fall.known and not fall.empty:
        arriving = (
            analysis.channels(fall.regions)
            if "channel" in analysis.space.position
            else all_channels
        )
        missing = [c for c in dept.channels if c in arriving and c not in unit.channels]
        if missing:
            who = both("routing.who.default")
            yield _not_served(who, unit.id, missing, ("routing", "default"))


def _not_served(who: Said, unit: str, channels: list[str], path: Path) -> Issue:
    return Issue.said(
        "route-channel-not-served",
        (*path, "to") if path[0] == "routing" and len(path) == 3 else path,
        "route-channel-not-served.one" if len(channels) == 1 else "route-channel-not-served.many",
        who=who,
        shown=", ".join(channels),
        unit=unit,
    )
