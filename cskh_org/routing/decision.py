"""What routing gives: a :class:`Decision`, the trace of a rule, and the priority scale.

Light on purpose (no model is imported): a router loaded from a router file decides with these
without pydantic. :mod:`cskh_org.routing.reference` re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Protocol

from cskh_org.routing.sealed import Sealed

if TYPE_CHECKING:
    from cskh_org.model import TicketSchema
    from cskh_org.model.routing import Routing, Scalar
    from cskh_org.routing.reference import Reason

__all__ = ["AS_WRITTEN", "Decision", "Frozen", "PriorityScale", "RuleTrace", "Shown", "Target"]


class Frozen:
    """A record of a few fields: compared, hashed and shown by them, and never changed (what
    ``@dataclass(frozen=True, slots=True)`` makes, written out so that a router loaded from a
    file does not import :mod:`dataclasses`)."""

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(object.__getattribute__(self, n) for n in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Frozen)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{n}={v!r}" for n, v in zip(self.__match_args__, self._fields(), strict=True)
        )
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._fields())


class Decision(Frozen):
    """Where a ticket goes and why."""

    __slots__ = ("priority", "priority_shift", "rule", "skills", "unit")
    __match_args__ = ("unit", "rule", "skills", "priority", "priority_shift")

    unit: str
    """The unit whose queue receives the ticket."""
    rule: str | None
    """The rule that fired; ``None`` when no rule matched and the default applied."""
    skills: tuple[str, ...]
    """Skills the agent taking the ticket must have."""
    priority: str | None
    """The ticket's priority after the rule's shift (``None`` if the schema has none)."""
    priority_shift: int
    """How many levels the rule moved the priority."""

    def __init__(
        self,
        unit: str,
        rule: str | None,
        skills: tuple[str, ...],
        priority: str | None,
        priority_shift: int = 0,
    ) -> None:
        put = object.__setattr__
        put(self, "unit", unit)
        put(self, "rule", rule)
        put(self, "skills", skills)
        put(self, "priority", priority)
        put(self, "priority_shift", priority_shift)

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


class RuleTrace(Frozen):
    """Why one rule matched a ticket or not."""

    __slots__ = ("fired", "matched", "reasons", "rule", "why")
    __match_args__ = ("rule", "matched", "reasons", "fired", "why")

    rule: str
    matched: bool
    reasons: tuple[str, ...]
    """The tests that decided, in English (:attr:`why` as written)."""
    fired: bool
    """True for the one rule that decided (the first that matched)."""
    why: tuple[Reason, ...]
    """The tests that decided, to say in any language (``reason.text(shown)``)."""

    def __init__(
        self,
        rule: str,
        matched: bool,
        reasons: tuple[str, ...],
        fired: bool = False,
        why: tuple[Reason, ...] = (),
    ) -> None:
        put = object.__setattr__
        put(self, "rule", rule)
        put(self, "matched", matched)
        put(self, "reasons", reasons)
        put(self, "fired", fired)
        put(self, "why", why)

    @property
    def mark(self) -> str:
        """``→`` the rule that fired, ``✓`` a later one that matched too, ``✗`` no match."""
        return "→" if self.fired else ("✓" if self.matched else "✗")


class Target(Protocol):
    """Where a rule sends a ticket (a :class:`~cskh_org.model.routing.RouteTarget`)."""

    @property
    def unit(self) -> str: ...

    @property
    def skills(self) -> tuple[str, ...]: ...

    @property
    def priority(self) -> int: ...


class Targets(Protocol):
    """Each rule's target then the default's, by the rule's position (a tuple; a router file's
    are made when a decision first needs them)."""

    def __getitem__(self, index: int, /) -> Target: ...


class PriorityScale(Sealed):
    """Turns a ticket's priority and a rule's shift into the resulting priority."""

    __slots__ = ("attribute", "default_index", "levels")

    def __init__(self, routing: Routing, schema: TicketSchema) -> None:
        levels = tuple(schema.enum_values(routing.priority_attribute))
        self._fill(routing.priority_attribute, levels, routing.default_priority)

    @classmethod
    def of(cls, attribute: str, levels: tuple[str, ...], default: str | None) -> PriorityScale:
        """The scale of ``attribute`` whose values, lowest first, are ``levels`` (empty when
        the schema has no such enum), ``default`` for a ticket without it."""
        scale = cls.__new__(cls)
        scale._fill(attribute, levels, default)
        return scale

    def _fill(self, attribute: str, levels: tuple[str, ...], default: str | None) -> None:
        self.attribute = attribute
        self.levels: tuple[str, ...] = levels
        self.default_index = levels.index(default) if default in levels else 0

    def index(self, ticket: Mapping[str, Any]) -> int:
        value = ticket.get(self.attribute)
        return self.levels.index(value) if value in self.levels else self.default_index

    def decide(self, target: Target, rule: str | None, level: int) -> Decision:
        if not self.levels:
            return Decision(target.unit, rule, target.skills, None, target.priority)
        shifted = min(max(level + target.priority, 0), len(self.levels) - 1)
        return Decision(target.unit, rule, target.skills, self.levels[shifted], target.priority)


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
