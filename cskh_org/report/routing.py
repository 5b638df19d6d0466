"""Routing decisions as text and JSON: one ticket, its explanation, a stream of decisions.

The text speaks the language asked for (default: the document's first). English keeps the ids
the document and the ticket write (``unit: after_sales``, ``channel is `phone```), byte for
byte as before; Vietnamese names the unit, the ticket's attributes and their values by the
document's labels (``Nhóm Hậu mãi``, ``Kênh là Tổng đài``) and writes numbers the Vietnamese
way (``50.000.000``). Rule and skill ids have no names: they stay ids. JSON keeps the ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from cskh_org.routing import Decision, Explanation
from cskh_org.routing.decision import AS_WRITTEN, Shown
from cskh_org.routing.stream import RoutedLine
from cskh_org.terminal import printable
from cskh_org.words import Voice

if TYPE_CHECKING:
    from cskh_org.model.routing import Scalar

__all__ = [
    "RoutedDepartment",
    "decision_json",
    "decision_line",
    "decision_text",
    "explanation_json",
    "explanation_text",
]


class _Named(Protocol):
    @property
    def name(self) -> Mapping[str, str]: ...


class _Attribute(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def label(self) -> Mapping[str, str] | None: ...


class _Schema(Protocol):
    """What a report reads of a ticket schema (the model, or a router file's ticket rules)."""

    @property
    def attributes(self) -> Mapping[str, _Attribute]: ...

    def value_label(self, attribute: str, value: str, languages: Iterable[str]) -> str: ...


class _Priority(Protocol):
    @property
    def priority_attribute(self) -> str: ...


class RoutedDepartment(Protocol):
    """What a route report reads of a department: a :class:`~cskh_org.model.Department`, or
    a router file's :attr:`~cskh_org.routing.compiled.LoadedRouter.view` (read without the
    models)."""

    @property
    def languages(self) -> tuple[str, ...]: ...

    @property
    def units_by_id(self) -> Mapping[str, _Named]: ...

    @property
    def ticket_schema(self) -> _Schema: ...

    @property
    def routing(self) -> _Priority | None: ...


_MAX_DIGITS = 40
"""The most digits a number is written with in the language's format; a longer one (a ticket
may carry ``1e999999``) is written as the ticket gives it."""


class _Labels:
    """Vietnamese: a ticket's attributes and values by the document's labels, numbers and
    true/false as the language writes them."""

    def __init__(self, voice: Voice, department: RoutedDepartment) -> None:
        self.voice = voice
        self.lang = voice.lang
        self.schema = department.ticket_schema

    def name(self, attribute: str) -> str:
        spec = self.schema.attributes.get(attribute)
        return self.voice.pick(spec.label if spec is not None else None, attribute)

    def value(self, attribute: str, value: Scalar) -> str:
        if isinstance(value, bool):
            return self.voice.say("explain.true" if value else "explain.false")
        if isinstance(value, int | float | Decimal):  # not a bool: that is said above
            return _number(self.voice, value)
        spec = self.schema.attributes.get(attribute)
        if spec is not None and spec.type == "enum":
            return self.schema.value_label(attribute, str(value), self.voice.languages)
        return str(value)


def _number(voice: Voice, value: int | float | Decimal) -> str:
    """``50.000.000``, ``2,5``: every digit of the value, grouped as the language does."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        return str(value)
    exponent = exact.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    digits = max(-exponent, 0)
    if exact.adjusted() + 1 + digits > _MAX_DIGITS:
        return str(value)
    return voice.number(exact, digits=digits)


class _Say:
    """The words of one route report: the voice, and how units, attributes and values are
    shown (by id in English, by name in Vietnamese)."""

    def __init__(self, department: RoutedDepartment, lang: str | None) -> None:
        self.voice = Voice(lang, department.languages)
        self.department = department
        self.shown: Shown = (
            _Labels(self.voice, department) if self.voice.lang == "vi" else AS_WRITTEN
        )

    def unit(self, ident: str) -> str:
        if self.voice.lang != "vi":
            return ident
        unit = self.department.units_by_id.get(ident)
        return self.voice.pick(unit.name if unit is not None else None, ident)

    def decided(self, decision: Decision) -> str:
        unit = self.unit(decision.unit)
        if decision.rule is None:
            return self.voice.say("route.decided.default", unit=unit)
        return self.voice.say("route.decided", unit=unit, rule=decision.rule)


def _lines(lines: list[str]) -> str:
    return "".join(f"{printable(line)}\n" for line in lines)


def decision_text(decision: Decision, department: RoutedDepartment, lang: str | None = None) -> str:
    """The unit, rule, skills and priority, one per line (in Vietnamese the unit by name and
    the priority by its label)."""
    said = _Say(department, lang)
    say = said.voice.say
    priority = decision.priority
    if priority is not None and department.routing is not None:
        priority = said.shown.value(department.routing.priority_attribute, priority)
    return _lines(
        [
            say("route.unit", unit=said.unit(decision.unit)),
            say("route.rule", rule=decision.rule or say("route.default")),
            say("route.skills", skills=", ".join(decision.skills) or "-"),
            say("route.priority", priority=priority or "-"),
        ]
    )


def decision_json(decision: Decision) -> str:
    """The decision as one line of JSON."""
    return json.dumps(decision.to_dict(), ensure_ascii=False) + "\n"


def explanation_text(
    explanation: Explanation, department: RoutedDepartment, lang: str | None = None
) -> str:
    """Each rule tried (``→`` fired, ``✓`` matched, ``✗`` not) with the tests that decided
    it, and the decision."""
    said = _Say(department, lang)
    lines = []
    for t in explanation.traces:
        reasons = [reason.text(said.shown) for reason in t.why] if t.why else t.reasons
        lines.append(f"{t.mark} {t.rule}: {'; '.join(reasons)}")
    lines.append(said.decided(explanation.decision))
    return _lines(lines)


def explanation_json(explanation: Explanation) -> str:
    return json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2) + "\n"


def decision_line(routed: RoutedLine) -> str:
    """A routed line of a ticket stream as one line of JSON (JSON Lines)."""
    return json.dumps(routed.to_dict(), ensure_ascii=False) + "\n"
