"""Attribute values as every evaluator sees them: ``MISSING``, numbers, type-strict equality.

The light part of :mod:`cskh_org.routing.semantics` (which states the rule language and
re-exports these): a router loaded from a router file imports this, not the models.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

__all__ = ["MISSING", "Missing", "is_number", "same_value"]


class Missing:
    """The one value of an attribute a ticket does not carry."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Final = Missing()


def is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def same_value(a: object, b: object) -> bool:
    """Type-strict equality of two attribute values."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if is_number(a):
        return is_number(b) and a == b
    return type(a) is type(b) and a == b
