"""The plain first-match evaluator: the reference semantics, written for clarity, not speed.

The compiled :class:`~cskh_org.routing.router.Router` must return exactly what this returns
(a hypothesis property checks it); ``explain`` uses it to say why each rule matched or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Protocol

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
from cskh_org.routing.semantics import MISSING, Missing, test_holds
from cskh_org.words import routing as _words  # noqa: F401  (registers the explanation words)
from cskh_org.words import say

__all__ = [
    "AS_WRITTEN",
    "Checked",
    "Decision",
    "Negated",
    "PriorityScale",
    "Reason",
    "RuleTrace",
    "Shown",
    "Unconditional",
    "condition_holds",
    "condition_reasons",
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
    """The tests that decided, in English (:attr:`why` as written)."""
    fired: bool = False
    """True for the one rule that decided (the first that matched)."""
    why: tuple[Reason, ...] = ()
    """The tests that decided, to say in any language (``reason.text(shown)``)."""

    @property
    def mark(self) -> str:
        """``→`` the rule that fired, ``✓`` a later one that matched too, ``✗`` no match."""
        return "→" if self.fired else ("✓" if self.matched else "✗")


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


class Shown(Protocol):
    """How a reason shows a ticket's attributes and values, in one display language."""

    @property
    def lang(self) -> str:
        """The display language the words are said in."""
        ...

    def name(self, attribute: str) -> str:
        """An attribute (``channel``, or its label ``Kênh``)."""
        ...

    def value(self, attribute: str, value: Scalar) -> str:
        """A value of ``attribute`` (``phone``, or its label ``Tổng đài``)."""
        ...


class _AsWritten:
    """English: attributes and values as the document and the ticket write them."""

    lang = "en"

    def name(self, attribute: str) -> str:
        return attribute

    def value(self, attribute: str, value: Scalar) -> str:
        return str(value)


AS_WRITTEN: Final[Shown] = _AsWritten()
"""Attributes and values as written, in English: the words of :attr:`RuleTrace.reasons`."""

_SIGNS: Final = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}


@dataclass(frozen=True, slots=True)
class Checked:
    """One attribute test of a rule's condition, on a ticket: its value and whether it held."""

    attribute: str
    value: Scalar | Missing
    """The ticket's value, or :data:`~cskh_org.routing.semantics.MISSING`."""
    test: AttributeTest | Scalar
    holds: bool

    def text(self, shown: Shown = AS_WRITTEN) -> str:
        """``channel is `phone`, but the rule wants in [chat, zalo]`` (as ``shown``)."""
        lang, name = shown.lang, shown.name(self.attribute)
        if isinstance(self.value, Missing):
            ticket = say("explain.missing", lang, name=name)
        else:
            ticket = say(
                "explain.is", lang, name=name, value=shown.value(self.attribute, self.value)
            )
        key = "explain.holds" if self.holds else "explain.fails"
        return say(key, lang, ticket=ticket, want=self._want(shown))

    def _want(self, shown: Shown) -> str:
        lang, test = shown.lang, self.test
        if not isinstance(test, AttributeTest):
            return say("explain.compare", lang, sign="=", value=shown.value(self.attribute, test))
        parts = []
        for op, sign in _SIGNS.items():
            value = getattr(test, op)
            if value is not None:
                parts.append(
                    say(
                        "explain.compare", lang, sign=sign, value=shown.value(self.attribute, value)
                    )
                )
        for key, values in (("explain.in", test.in_), ("explain.not_in", test.not_in)):
            if values is not None:
                listed = ", ".join(shown.value(self.attribute, v) for v in values)
                parts.append(say(key, lang, values=listed))
        if test.present is not None:
            parts.append(say("explain.present" if test.present else "explain.absent", lang))
        return say("explain.and", lang).join(parts)


@dataclass(frozen=True, slots=True)
class Negated:
    """A ``not`` condition: the reasons of the condition it negates."""

    reasons: tuple[Reason, ...]

    def text(self, shown: Shown = AS_WRITTEN) -> str:
        inner = "; ".join(r.text(shown) for r in self.reasons)
        return say("explain.not", shown.lang, reasons=inner)


@dataclass(frozen=True, slots=True)
class Unconditional:
    """A rule without a condition: it matches every ticket."""

    def text(self, shown: Shown = AS_WRITTEN) -> str:
        return say("explain.every", shown.lang)


Reason = Checked | Negated | Unconditional
"""Why a condition held or not: the tests that decided it."""


def condition_reasons(
    condition: Condition | None, ticket: Mapping[str, Any]
) -> tuple[bool, list[Reason]]:
    """Whether the condition holds for a validated ticket, and the reasons (the tests that
    decided it)."""
    if condition is None:
        return True, [Unconditional()]
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        results = [condition_reasons(c, ticket) for c in parts]
        holds = (all if isinstance(condition, AllOf) else any)(r for r, _ in results)
        deciding = [reason for r, reasons in results if r == holds for reason in reasons]
        return holds, deciding
    if isinstance(condition, NotOf):
        inner, reasons = condition_reasons(condition.not_, ticket)
        return not inner, [Negated(tuple(reasons))]
    holds = True
    passed: list[Reason] = []
    failed: list[Reason] = []
    for name, test in condition.items():
        value = ticket.get(name, MISSING)
        ok = test_holds(test, value)
        (passed if ok else failed).append(Checked(name, value, test, ok))
        holds = holds and ok
    return holds, failed if not holds else passed


def explain_condition(
    condition: Condition | None, ticket: Mapping[str, Any]
) -> tuple[bool, list[str]]:
    """Whether the condition holds, and the reasons (the tests that decided it) in English."""
    holds, reasons = condition_reasons(condition, ticket)
    return holds, [reason.text() for reason in reasons]
