"""The meaning of the rule language, stated once, shared by every evaluator and the analysis.

* A ticket attribute is either present with a valid value, or missing.
* ``{attr: v}`` and ``eq: v`` hold when the attribute is present and equal to ``v``.
  Equality is type-strict: a boolean never equals a number, a number never equals text;
  numbers compare by value (``5 == 5.0``).
* ``ne: v`` and ``not_in: [...]`` hold when the attribute is present and differs from every
  value (a missing attribute satisfies neither, nor ``eq``/``in``).
* ``gt``/``gte``/``lt``/``lte`` hold when the attribute is present, is a number, and compares
  so; on a non-numeric attribute they never hold.
* ``present: true`` holds when the attribute is present, ``present: false`` when it is missing.
* Several tests on one attribute, and several attributes in one mapping, must all hold;
  ``all``/``any``/``not`` combine conditions as their names say.
* Rules are tried in the order written; the first whose condition holds decides. A rule with
  no ``when`` holds for every ticket. No rule holding means the ``default`` target.
"""

from __future__ import annotations

from decimal import Decimal

from cskh_org.model.routing import AttributeTest, Scalar
from cskh_org.routing.values import MISSING, Missing, is_number, same_value

__all__ = ["MISSING", "Missing", "is_number", "same_value", "test_holds"]


def _compare(value: object, op: str, bound: Decimal) -> bool:
    if not is_number(value):
        return False
    v: Decimal | int | float = value  # type: ignore[assignment]
    if op == "gt":
        return v > bound
    if op == "gte":
        return v >= bound
    if op == "lt":
        return v < bound
    return v <= bound


def test_holds(test: AttributeTest | Scalar, value: object) -> bool:
    """Whether one attribute's test holds for ``value`` (``MISSING`` when absent)."""
    present = value is not MISSING
    if not isinstance(test, AttributeTest):
        return present and same_value(value, test)
    if test.present is not None and test.present != present:
        return False
    if not present:
        # every operator other than `present: false` needs the attribute
        return all(
            getattr(test, op) is None
            for op in ("eq", "ne", "in_", "not_in", "gt", "gte", "lt", "lte")
        )
    if test.eq is not None and not same_value(value, test.eq):
        return False
    if test.ne is not None and same_value(value, test.ne):
        return False
    if test.in_ is not None and not any(same_value(value, v) for v in test.in_):
        return False
    if test.not_in is not None and any(same_value(value, v) for v in test.not_in):
        return False
    for op in ("gt", "gte", "lt", "lte"):
        bound = getattr(test, op)
        if bound is not None and not _compare(value, op, bound):
            return False
    return True
