"""The plain first-match evaluator: the reference semantics, written for clarity, not speed.

The compiled :class:`~cskh_org.routing.router.Router` must return exactly what this returns
(a hypothesis property checks it); ``explain`` uses it to say why each rule matched or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from cskh_org.model.routing import AllOf, AnyOf, AttributeTest, Condition, NotOf, Routing, Scalar
from cskh_org.routing.decision import AS_WRITTEN, Decision, PriorityScale, RuleTrace, Shown
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
