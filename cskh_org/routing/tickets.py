"""Tickets as the router sees them: a mapping of attribute → value, checked against the schema.

A ticket may be a plain ``dict`` (``{"channel": "email", "tier": "vip"}``), any mapping, a
pydantic model or a dataclass instance; ``None`` values count as missing attributes.

The checker reads the schema as :class:`TicketRules`, plain values made either from the
:class:`~cskh_org.model.TicketSchema` model (:meth:`TicketRules.of`) or from the schema a
router file carries (:meth:`TicketRules.from_data`, which needs no pydantic): one checker, so
both give the same :class:`TicketInvalid`, word for word.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from cskh_org.errors import TicketInvalid
from cskh_org.routing.sealed import Sealed
from cskh_org.routing.values import is_number
from cskh_org.words import both, pick
from cskh_org.words import routing as _words  # noqa: F401  (registers the ticket errors)

if TYPE_CHECKING:
    from cskh_org.model import TicketSchema

__all__ = ["AttributeRule", "Damaged", "TicketChecker", "TicketRules", "as_mapping"]

Ticket = Mapping[str, Any]

KINDS: Final = ("enum", "number", "boolean", "text")
_VALUE: Final = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z"
_ATTR: Final = r"^[a-z][a-z0-9_]{0,63}\Z"
"""The patterns of the model's enum values and attribute names (:mod:`re` is imported only
when a schema is read as data)."""
_KEYS: Final = {
    "enum": frozenset({"type", "label", "required", "values", "labels"}),
    "number": frozenset({"type", "label", "required", "minimum", "maximum", "integer", "unit"}),
    "boolean": frozenset({"type", "label", "required"}),
    "text": frozenset({"type", "label", "required", "max_length"}),
}


def as_mapping(ticket: object) -> Mapping[str, Any]:
    """A mapping view of a ticket given as a mapping, pydantic model or dataclass."""
    if isinstance(ticket, Mapping):
        return ticket
    dump = getattr(ticket, "model_dump", None)
    if callable(dump):
        data = dump()
        if isinstance(data, Mapping):
            return data
    if hasattr(type(ticket), "__dataclass_fields__") and not isinstance(ticket, type):
        import dataclasses  # imported already: the ticket's class is a dataclass

        return {f.name: getattr(ticket, f.name) for f in dataclasses.fields(ticket)}  # type: ignore[arg-type]
    raise TicketInvalid(both("ticket.not_mapping", kind=type(ticket).__name__))


class Damaged(ValueError):
    """A schema given as data that is not one the model accepts; ``where`` names the place."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


class AttributeRule(Sealed):
    """One attribute of the ticket schema as plain values (``type`` is its kind)."""

    __slots__ = (
        "integer",
        "label",
        "labels",
        "max_length",
        "maximum",
        "minimum",
        "required",
        "type",
        "values",
    )

    def __init__(
        self,
        kind: str,
        *,
        required: bool = False,
        values: tuple[str, ...] = (),
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        integer: bool = False,
        max_length: int = 1000,
        label: Mapping[str, str] | None = None,
        labels: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.type = kind
        self.required = required
        self.values = values
        self.minimum = minimum
        self.maximum = maximum
        self.integer = integer
        self.max_length = max_length
        self.label = label
        self.labels: Mapping[str, Mapping[str, str]] = MappingProxyType(dict(labels or {}))


class TicketRules(Sealed):
    """The ticket schema as plain values: what the checker, the router and a report of its
    decisions read of it (attribute kinds, bounds, values and their labels)."""

    __slots__ = ("attributes",)

    def __init__(self, attributes: Mapping[str, AttributeRule]) -> None:
        self.attributes: Mapping[str, AttributeRule] = MappingProxyType(dict(attributes))

    @classmethod
    def of(cls, schema: TicketSchema) -> TicketRules:
        """The rules of a :class:`~cskh_org.model.TicketSchema` model."""
        return cls(
            {
                name: AttributeRule(
                    spec.type,
                    required=spec.required,
                    values=tuple(getattr(spec, "values", ())),
                    minimum=getattr(spec, "minimum", None),
                    maximum=getattr(spec, "maximum", None),
                    integer=getattr(spec, "integer", False),
                    max_length=getattr(spec, "max_length", 1000),
                    label=spec.label,
                    labels=getattr(spec, "labels", None),
                )
                for name, spec in schema.attributes.items()
            }
        )

    @classmethod
    def from_data(cls, data: object, where: str = "schema") -> TicketRules:
        """The rules of a ticket schema written as data (a router file's ``schema``, the
        model's dump), checked as the model would; raises :class:`Damaged` naming the place
        of the first fault."""
        import re

        if not isinstance(data, dict) or set(data) != {"attributes"}:
            raise Damaged(where)
        attributes = data["attributes"]
        if not isinstance(attributes, dict) or not attributes:
            raise Damaged(f"{where}.attributes")
        rules: dict[str, AttributeRule] = {}
        for name, spec in attributes.items():
            at = f"{where}.attributes.{name!s:.40}"
            if not isinstance(name, str) or not re.match(_ATTR, name):
                raise Damaged(at)
            rules[name] = _attribute(spec, at)
        return cls(rules)

    def enum_values(self, attribute: str) -> tuple[str, ...]:
        spec = self.attributes.get(attribute)
        return spec.values if spec is not None and spec.type == "enum" else ()

    def value_label(self, attribute: str, value: str, languages: Iterable[str]) -> str:
        """The display text of an enum ``value`` in the first of ``languages`` its labels
        have, as :meth:`~cskh_org.model.TicketSchema.value_label` says it."""
        spec = self.attributes.get(attribute)
        if spec is None or spec.type != "enum":
            return value
        return pick(spec.labels.get(value), languages, value)


def _attribute(spec: object, at: str) -> AttributeRule:
    import re

    if not isinstance(spec, dict) or spec.get("type") not in KINDS:
        raise Damaged(f"{at}.type" if isinstance(spec, dict) else at)
    kind = spec["type"]
    for key in spec:
        if key not in _KEYS[kind]:
            raise Damaged(f"{at}.{key!s:.40}")
    required = spec.get("required", False)
    if type(required) is not bool:
        raise Damaged(f"{at}.required")
    label = _text(spec.get("label"), f"{at}.label")
    if kind == "enum":
        values = spec.get("values")
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) and re.match(_VALUE, v) for v in values)
            or len(set(values)) != len(values)
        ):
            raise Damaged(f"{at}.values")
        labels_data = spec.get("labels", {})
        if not isinstance(labels_data, dict):
            raise Damaged(f"{at}.labels")
        labels: dict[str, Mapping[str, str]] = {}
        for key, text in labels_data.items():
            if key not in values:
                raise Damaged(f"{at}.labels")
            found = _text(text, f"{at}.labels.{key!s:.40}")
            if found is None:
                raise Damaged(f"{at}.labels.{key!s:.40}")
            labels[key] = found
        return AttributeRule(
            kind, required=required, values=tuple(values), label=label, labels=labels
        )
    if kind == "number":
        minimum = _decimal(spec.get("minimum"), f"{at}.minimum")
        maximum = _decimal(spec.get("maximum"), f"{at}.maximum")
        integer = spec.get("integer", False)
        unit = spec.get("unit")
        if type(integer) is not bool:
            raise Damaged(f"{at}.integer")
        if unit is not None and (not isinstance(unit, str) or len(unit) > 20):
            raise Damaged(f"{at}.unit")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise Damaged(at)
        return AttributeRule(
            kind, required=required, minimum=minimum, maximum=maximum, integer=integer, label=label
        )
    if kind == "text":
        max_length = spec.get("max_length", 1000)
        if type(max_length) is not int or not 1 <= max_length <= 1_000_000:
            raise Damaged(f"{at}.max_length")
        return AttributeRule(kind, required=required, max_length=max_length, label=label)
    return AttributeRule(kind, required=required, label=label)


def _text(value: object, at: str) -> Mapping[str, str] | None:
    """A display text as the model reads it: ``{lang: text}`` not empty, or a plain text."""
    if value is None:
        return None
    if isinstance(value, str) and value:
        return MappingProxyType({"und": value})
    if (
        not isinstance(value, dict)
        or not value
        or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items())
    ):
        raise Damaged(at)
    return MappingProxyType(dict(value))


def _decimal(value: object, at: str) -> Decimal | None:
    if value is None:
        return None
    if not is_number(value) or isinstance(value, float):
        raise Damaged(at)
    try:
        number = Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, ValueError):
        raise Damaged(at) from None
    if not number.is_finite():
        raise Damaged(at)
    return number


class TicketChecker(Sealed):
    """Validates tickets against a ticket schema, naming the attribute at fault."""

    __slots__ = ("_enum_values", "attributes", "required", "rules")

    def __init__(self, schema: TicketSchema | TicketRules) -> None:
        rules = schema if isinstance(schema, TicketRules) else TicketRules.of(schema)
        self.rules = rules
        # read-only views of plain dicts: looked up on every checked ticket, at C speed
        self.attributes = rules.attributes
        self.required = tuple(n for n, a in self.attributes.items() if a.required)
        self._enum_values = MappingProxyType(
            {n: frozenset(a.values) for n, a in self.attributes.items() if a.type == "enum"}
        )

    def check(self, ticket: object) -> dict[str, Any]:
        """The ticket's present attributes, validated; raises :class:`TicketInvalid`."""
        data = as_mapping(ticket)
        out: dict[str, Any] = {}
        for name, value in data.items():
            if value is None:
                continue
            spec = self.attributes.get(name) if isinstance(name, str) else None
            if spec is None:
                known = ", ".join(self.attributes)
                raise TicketInvalid(
                    both("ticket.unknown", name=f"{name!s:.60}", known=known), str(name)
                )
            out[name] = self._value(name, spec, value)
        for name in self.required:
            if name not in out:
                raise TicketInvalid(both("ticket.required", name=name), name)
        return out

    def _value(self, name: str, spec: AttributeRule, value: object) -> object:
        kind = spec.type
        if kind == "enum":
            if not isinstance(value, str) or value not in self._enum_values[name]:
                allowed = ", ".join(spec.values)
                said = both("ticket.not_allowed", name=name, value=_show(value), allowed=allowed)
                raise TicketInvalid(said, name)
            return value
        if kind == "boolean":
            if not isinstance(value, bool):
                raise TicketInvalid(both("ticket.not_boolean", name=name, value=_show(value)), name)
            return value
        if kind == "number":
            if not is_number(value):
                raise TicketInvalid(both("ticket.not_number", name=name, value=_show(value)), name)
            if (isinstance(value, float) and not math.isfinite(value)) or (
                isinstance(value, Decimal) and not value.is_finite()
            ):
                raise TicketInvalid(both("ticket.not_finite", name=name), name)
            if spec.integer and not _whole(value):
                raise TicketInvalid(both("ticket.not_whole", name=name, value=value), name)
            if spec.minimum is not None and value < spec.minimum:  # type: ignore[operator]
                said = both("ticket.below", name=name, value=value, minimum=spec.minimum)
                raise TicketInvalid(said, name)
            if spec.maximum is not None and value > spec.maximum:  # type: ignore[operator]
                said = both("ticket.above", name=name, value=value, maximum=spec.maximum)
                raise TicketInvalid(said, name)
            return value
        if not isinstance(value, str):
            raise TicketInvalid(both("ticket.not_text", name=name, value=_show(value)), name)
        if len(value) > spec.max_length:
            raise TicketInvalid(both("ticket.too_long_text", name=name, n=spec.max_length), name)
        return value


def _whole(value: object) -> bool:
    """Whether a finite number is whole, without converting it (``int(Decimal("1e999999999"))``
    would build a billion-digit integer)."""
    if isinstance(value, Decimal):
        return value == value.to_integral_value()
    if isinstance(value, float):
        return value.is_integer()
    return True


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
