"""Checks of the routing rules: their terms, what can fire and what falls through, and targets.

The coverage check rests on :mod:`cskh_org.routing.analysis`, which is exact (or says
``unknown``): a rule reported as never firing never fires, and one not reported fires on the
witness ticket the analysis found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cskh_org.checks import Issue, check
from cskh_org.findings import Severity
from cskh_org.hints import did_you_mean
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


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if is_number(value):
        return "a number"
    return "text"


_last: list[tuple[Any, Any, RoutingAnalysis]] = []


def _analysis(dept: Department) -> RoutingAnalysis:
    """The analysis of the department's rules, computed once for the checks that use it."""
    from cskh_org.routing.analysis import analyse_routing

    assert dept.routing is not None
    if _last and _last[0][0] is dept.routing and _last[0][1] is dept.ticket_schema:
        return _last[0][2]
    result = analyse_routing(dept.routing, dept.ticket_schema)
    _last[:] = [(dept.routing, dept.ticket_schema, result)]
    return result


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
    sections: list[tuple[str, Path, Any]] = []
    if dept.routing is not None:
        sections.append(("rule", _RULES, dept.routing.rules))
    if dept.sla is not None:
        sections.append(("SLA policy", ("sla", "policies"), dept.sla.policies))
    for word, prefix, items in sections:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                yield Issue(
                    "rule-duplicate-id",
                    (*prefix, i, "id"),
                    f"`{item.id}` is already the id of {word} {first[item.id] + 1}; decisions "
                    f"name the {word} that applied, so ids must be unique: rename one",
                )
            first.setdefault(item.id, i)
            yield from condition_issues(dept, f"{word} `{item.id}`", item.when, (*prefix, i))
    if dept.routing is not None:
        yield from _check_priority(dept)


def condition_issues(
    dept: Department, who: str, condition: Condition | None, path: Path
) -> Iterator[Issue]:
    """Term problems of one condition (at ``path + ("when", ...)``), reported for ``who``."""
    attributes = dept.ticket_schema.attributes
    for name, test, at in _atoms(condition, (*path, "when")):
        spec = attributes.get(name)
        if spec is None:
            hint = did_you_mean(name, attributes) or (
                "; declare it under `ticket_schema.attributes` or remove the test"
            )
            yield Issue(
                "rule-unknown-attribute",
                at,
                f"{who} tests `{name}`, which the ticket schema does not declare{hint}",
            )
            continue
        yield from _check_terms(who, name, spec, test, at)


def _check_terms(rule: str, name: str, spec: Any, test: Any, path: Path) -> Iterator[Issue]:
    if isinstance(spec, EnumAttribute | TextAttribute | BooleanAttribute):
        for op in _ORDER_OPS:
            if isinstance(test, AttributeTest) and getattr(test, op) is not None:
                yield Issue(
                    "rule-type-mismatch",
                    (*path, op),
                    f"{rule} compares `{name}` with `{op}`, but `{name}` is "
                    f"{spec.type}, not a number; use `in`/`not_in` (or equality) instead",
                )
    for op, value, at in _constants(test, path):
        if op in _ORDER_OPS:
            continue  # numbers by the model; a mismatch on the attribute is reported above
        if isinstance(spec, EnumAttribute):
            if not isinstance(value, str):
                yield _mismatch(rule, name, "one of its values (text)", value, at)
            elif value not in spec.values:
                hint = did_you_mean(value, spec.values) or (
                    f"; the allowed values are {', '.join(spec.values)}"
                )
                yield Issue(
                    "rule-unknown-value",
                    at,
                    f"{rule} compares `{name}` with `{value}`, which is not one of its "
                    f"values{hint}",
                )
        elif isinstance(spec, BooleanAttribute):
            if not isinstance(value, bool):
                yield _mismatch(rule, name, "true or false", value, at)
        elif isinstance(spec, NumberAttribute):
            if not is_number(value):
                yield _mismatch(rule, name, "a number", value, at)
            elif (spec.minimum is not None and value < spec.minimum) or (
                spec.maximum is not None and value > spec.maximum
            ):
                yield Issue(
                    "rule-unknown-value",
                    at,
                    f"{rule} compares `{name}` with {value}, outside its range "
                    f"[{spec.minimum if spec.minimum is not None else '-∞'}, "
                    f"{spec.maximum if spec.maximum is not None else '+∞'}]; no ticket "
                    "carries that value",
                )
        elif isinstance(spec, TextAttribute) and not isinstance(value, str):
            yield _mismatch(rule, name, "text", value, at)


def _mismatch(rule: str, name: str, wanted: str, value: object, path: Path) -> Issue:
    return Issue(
        "rule-type-mismatch",
        path,
        f"{rule} compares `{name}` with {_kind(value)} (`{value}`), but `{name}` holds "
        f"{wanted}; no ticket can match; quote the value or fix the attribute",
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
            what = "is not declared" if spec is None else f"is {spec.type}, not an enum"
            yield Issue(
                "routing-priority",
                ("routing", "priority_attribute"),
                f"the priority attribute `{name}` {what}; priorities are an enum attribute "
                "with values from lowest to highest (e.g. `[low, normal, high, urgent]`)",
            )
        return
    default = routing.default_priority
    if default is not None and default not in spec.values:
        hint = did_you_mean(default, spec.values) or f"; one of {', '.join(spec.values)}"
        yield Issue(
            "routing-priority",
            ("routing", "default_priority"),
            f"default priority `{default}` is not a value of `{name}`{hint}",
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
            yield Issue(
                "rule-unsatisfiable",
                where,
                f"rule `{rule.id}` can never fire: no ticket satisfies its condition (its "
                "tests contradict each other or need values the schema does not allow); "
                "fix the condition or remove the rule",
            )
        elif verdict.reach is Reach.SHADOWED:
            names = ", ".join(f"`{r}`" for r in verdict.covered_by)
            several = len(verdict.covered_by) > 1
            yield Issue(
                "rule-shadowed",
                where,
                f"rule `{rule.id}` can never fire: every ticket it matches is taken first by "
                f"{'the earlier rules' if several else 'the earlier rule'} {names} (first match "
                "wins); move it above "
                f"{'them' if several else 'it'}, narrow {'them' if several else 'it'}, or "
                "remove it",
            )
        elif verdict.reach is Reach.UNKNOWN:
            reached.add(rule.to.unit)
            yield Issue(
                "rule-analysis-unknown",
                where,
                f"whether rule `{rule.id}` can fire is unknown: {verdict.reason}; the check "
                "cannot tell, simplify the condition to have it verified",
            )
        else:
            reached.add(rule.to.unit)
    fall = analysis.fallthrough
    if not fall.known:
        reached.add(routing.default.unit)
        yield Issue(
            "rule-analysis-unknown",
            ("routing", "default"),
            f"which tickets fall through to the default is unknown: {fall.reason}",
        )
    elif not fall.empty:
        reached.add(routing.default.unit)
        shown = "; ".join(fall.descriptions[:_MAX_SHOWN])
        more = len(fall.descriptions) - _MAX_SHOWN
        tail = f"; and {more} more regions" if more > 0 else ""
        yield Issue(
            "routing-fallthrough",
            ("routing", "default"),
            f"tickets no rule matches go to the default `{routing.default.unit}`: {shown}{tail}; "
            "add rules if some of them belong elsewhere",
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
        yield Issue(
            "function-unrouted",
            ("units", units[0], "functions"),
            f"function `{function}` ({name}) is covered by unit `{first.id}` but no rule that "
            "can fire sends tickets to a unit covering it; add a rule, or list it under "
            "`routing.unrouted_functions` if it takes no tickets (e.g. outbound sales)",
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
    targets: list[tuple[str, RouteTarget, Path]] = [
        (f"rule `{r.id}`", r.to, (*_rules_path(i), "to")) for i, r in enumerate(routing.rules)
    ]
    targets.append(("the default route", routing.default, ("routing", "default")))
    for who, target, path in targets:
        unit = units.get(target.unit)
        if unit is None:
            continue  # unknown-unit, from the references check
        if unit.headcount == 0:
            yield Issue(
                "route-unit-unstaffed",
                path,
                f"{who} sends tickets to `{unit.id}`, which has no staff; add a staff line "
                "to the unit or route elsewhere",
            )
            continue
        skills: set[str] = set()
        for line in unit.staff:
            if line.headcount:
                role = roles.get(line.role)
                skills.update(line.skills, role.skills if role else ())
        for skill in target.skills:
            if skill not in skills:
                have = ", ".join(sorted(skills)) or "none"
                yield Issue(
                    "route-skill-missing",
                    (*path, "skills"),
                    f"{who} requires skill `{skill}`, which nobody in `{unit.id}` has (skills "
                    f"there: {have}); add it to a role or staff line of the unit, or route "
                    "elsewhere",
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
            yield _not_served(f"rule `{rule.id}`", unit.id, missing, _rules_path(verdict.index))
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
            yield _not_served("the default route", unit.id, missing, ("routing", "default"))


def _not_served(who: str, unit: str, channels: list[str], path: Path) -> Issue:
    shown = ", ".join(channels)
    return Issue(
        "route-channel-not-served",
        (*path, "to") if path[0] == "routing" and len(path) == 3 else path,
        f"{who} sends {shown} tickets to `{unit}`, which does not serve "
        f"{'that channel' if len(channels) == 1 else 'those channels'}; add "
        f"{'it' if len(channels) == 1 else 'them'} to the unit's `channels`, narrow the rule "
        "with a `channel` test, or route elsewhere",
    )
