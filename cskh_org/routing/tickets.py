"""Tickets as the router sees them: a mapping of attribute → value, checked against the schema.

A ticket may be a plain ``dict`` (``{"channel": "email", "tier": "vip"}``), any mapping, a
pydantic model or a dataclass instance; ``None`` values count as missing attributes.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from cskh_org.errors import TicketInvalid
from cskh_org.model import BooleanAttribute, EnumAttribute, NumberAttribute, TicketSchema
from cskh_org.model.tickets import TextAttribute
from cskh_org.routing.sealed import Sealed
from cskh_org.routing.semantics import is_number
from cskh_org.words import both
from cskh_org.words import routing as _words  # noqa: F401  (registers the ticket errors)

__all__ = ["TicketChecker", "as_mapping"]

Ticket = Mapping[str, Any]


def as_mapping(ticket: object) -> Mapping[str, Any]:
    """A mapping view of a ticket given as a mapping, pydantic model or dataclass."""
    if isinstance(ticket, Mapping):
        return ticket
    dump = getattr(ticket, "model_dump", None)
    if callable(dump):
        data = dump()
        if isinstance(data, Mapping):
            return data
    if dataclasses.is_dataclass(ticket) and not isinstance(ticket, type):
        return {f.name: getattr(ticket, f.name) for f in dataclasses.fields(ticket)}
    raise TicketInvalid(both("ticket.not_mapping", kind=type(ticket).__name__))


class TicketChecker(Sealed):
    """Validates tickets against a ticket schema, naming the attribute at fault."""

    __slots__ = ("_enum_values", "attributes", "required", "schema")

    def __init__(self, schema: TicketSchema) -> None:
        self.schema = schema
        # read-only views of plain dicts: looked up on every checked ticket, at C speed
        self.attributes = MappingProxyType(dict(schema.attributes))
        self.required = tuple(n for n, a in self.attributes.items() if a.required)
        self._enum_values = MappingProxyType(
            {
                n: frozenset(a.values)
                for n, a in self.attributes.items()
                if isinstance(a, EnumAttribute)
            }
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

    def _value(self, name: str, spec: object, value: object) -> object:
        if isinstance(spec, EnumAttribute):
            if not isinstance(value, str) or value not in self._enum_values[name]:
                allowed = ", ".join(spec.values)
                said = both("ticket.not_allowed", name=name, value=_show(value), allowed=allowed)
                raise TicketInvalid(said, name)
            return value
        if isinstance(spec, BooleanAttribute):
            if not isinstance(value, bool):
                raise TicketInvalid(both("ticket.not_boolean", name=name, value=_show(value)), name)
            return value
        if isinstance(spec, NumberAttribute):
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
        assert isinstance(spec, TextAttribute)
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
