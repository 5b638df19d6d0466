"""Attribute values as every evaluator sees them: ``MISSING``, numbers, type-strict equality.

The light part of :mod:`cskh_org.routing.semantics` (which states the rule language and
re-exports these): a router loaded from a router file imports this, not the models.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

__all__ = ["MISSING", "Missing", "element_of", "is_number", "same_value"]


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


def element_of(
    kind: str, values: Sequence[Any], index: Mapping[Any, int], size: int, value: Any
) -> int:
    """The element of an attribute's domain a (validated) concrete value falls in: 0 for
    ``MISSING``; a number between or on the sorted thresholds ``values`` (odd: between,
    even: on); ``False``/``True`` 1/2; an enum or text value its ``index`` entry, else the
    last element for a text ("any other text") and -1 for an enum."""
    if value is MISSING:
        return 0
    if kind == "number":
        i = bisect_left(values, value)
        return 2 * i + 2 if i < len(values) and values[i] == value else 2 * i + 1
    if kind == "boolean":
        return 2 if value else 1
    found = index.get(value)
    if found is None:
        return size - 1 if kind == "text" else -1
    return found
