"""The plain first-match evaluator: the reference semantics, written for clarity, not speed.

The compiled :class:`~cskh_org.routing.router.Router` must return exactly what this returns
(a hypothesis property checks it); ``explain`` uses it to say why each rule matched or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cskh_org.model import EnumAttribute, TicketSchema
from cskh_org.model.routing import (
    AllOf,
    AnyOf,
    AttributeTest,
    Condition,
    NotOf,
    RouteTarget,
    Routing,
    Scalar,
)
from cskh_org.routing.sealed import Sealed
from cskh_org.routing.semantics import MISSING, test_holds

__all__ = [
    "Decision",
    "PriorityScale",
    "RuleTrace",
    "condition_holds",
    "explain_condition",
    "reference_route",
]


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a ticket goes and why."""

    unit: str
    """The unit whose queue receives the ticket."""
    rule: str | None
    """The rule that fired; ``None`` when no rule matched and the default applied."""
    skills: tuple[str, ...]
    """Skills the agent taking the ticket must have."""
    priority: str | None
    """The ticket's priority after the rule's shift (``None`` if the schema has none)."""
    priority_shift: int = 0
    """How many levels the rule moved the priority."""

    @property
    def is_default(self) -> bool:
        return self.rule is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "rule": self.rule,
            "default": self.rule is None,
            "skills": list(self.skills),
            "priority": self.priority,
            "priority_shift": self.priority_shift,
        }


@dataclass(frozen=True, slots=True)
class RuleTrace:
    """Why one rule matched a ticket or not."""

    rule: str
    matched: bool
    reasons: tuple[str, ...]
    fired: bool = False
    """True for the one rule that decided (the first that matched)."""


class PriorityScale(Sealed):
    """Turns a ticket's priority and a rule's shift into the resulting priority."""

    __slots__ = ("attribute", "default_index", "levels")

    def __init__(self, routing: Routing, schema: TicketSchema) -> None:
        spec = schema.attributes.get(routing.priority_attribute)
        self.attribute = routing.priority_attribute
        self.levels: tuple[str, ...] = spec.values if isinstance(spec, EnumAttribute) else ()
        default = routing.default_priority
        self.default_index = self.levels.index(default) if default in self.levels else 0

    def index(self, ticket: Mapping[str, Any]) -> int:
        value = ticket.get(self.attribute)
        return self.levels.index(value) if value in self.levels else self.default_index

    def decide(self, target: RouteTarget, rule: str | None, level: int) -> Decision:
        if not self.levels:
            return Decision(target.unit, rule, target.skills, None, target.priority)
        shifted = min(max(level + target.priority, 0), len(self.levels) - 1)
        return Decision(target.unit, rule, target.skills, self.levels[shifted], target.priority)


def condition_holds(condition: Condition | None, ticket: Mapping[str, Any]) -> bool:
    """Whether the condition holds for a validated ticket."""
    if condition is None:
        return True
    if isinstance(condition, AllOf):
        return all(condition_holds(c, ticket) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(condition_holds(c, ticket) for c in condition.any)
    if isinstance(condition, NotOf):
        return not condition_holds(condition.not_, ticket)
    return all(test_holds(test, ticket.get(name, MISSING)) for name, test in condition.items())


def reference_route(
    routing: Routing, priority: PriorityScale, ticket: Mapping[str, Any]
) -> Decision:
    """First match, the plain way: try each rule in order on a validated ticket."""
    level = priority.index(ticket)
    for rule in routing.rules:
        if condition_holds(rule.when, ticket):
            return priority.decide(rule.to, rule.id, level)
    return priority.decide(routing.default, None, level)


def _show(value: object) -> str:
    return "missing" if value is MISSING else f"`{value}`"


def _want(test: AttributeTest | Scalar) -> str:
    if not isinstance(test, AttributeTest):
        return f"= `{test}`"
    parts = []
    names = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
    for op, sign in names.items():
        value = getattr(test, op)
        if value is not None:
            parts.append(f"{sign} `{value}`")
    if test.in_ is not None:
        parts.append("in [" + ", ".join(str(v) for v in test.in_) + "]")
    if test.not_in is not None:
        parts.append("not in [" + ", ".join(str(v) for v in test.not_in) + "]")
    if test.present is not None:
        parts.append("present" if test.present else "missing")
    return " and ".join(parts)


def explain_condition(
    condition: Condition | None, ticket: Mapping[str, Any]
) -> tuple[bool, list[str]]:
    """Whether the condition holds, and the reasons (the tests that decided it)."""
    if condition is None:
        return True, ["no condition: matches every ticket"]
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        results = [explain_condition(c, ticket) for c in parts]
        holds = (all if isinstance(condition, AllOf) else any)(r for r, _ in results)
        deciding = [reason for r, reasons in results if r == holds for reason in reasons]
        return holds, deciding
    if isinstance(condition, NotOf):
        inner, reasons = explain_condition(condition.not_, ticket)
        return not inner, [f"not ({'; '.join(reasons)})"]
    holds = True
    passed: list[str] = []
    failed: list[str] = []
    for name, test in condition.items():
        value = ticket.get(name, MISSING)
        ok = test_holds(test, value)
        line = f"{name} is {_show(value)}, {'and' if ok else 'but'} the rule wants {_want(test)}"
        (passed if ok else failed).append(line)
        holds = holds and ok
    return holds, failed if not holds else passed
