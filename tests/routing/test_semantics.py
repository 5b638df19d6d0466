"""The stated semantics of the rule language: type-strict equality and each operator's truth."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest

from cskh_org.model.routing import AttributeTest
from cskh_org.routing import semantics
from cskh_org.routing.semantics import MISSING, Missing, is_number, same_value

SAME: list[tuple[Any, Any, bool]] = [
    (True, True, True),
    (False, False, True),
    (True, False, False),
    (True, 1, False),
    (False, 0, False),
    (1, True, False),
    (True, "true", False),
    (5, 5, True),
    (5, Decimal("5.0"), True),
    (5, 5.0, True),
    (Decimal("0.5"), 0.5, True),
    (Decimal("0.1"), 0.1, False),  # the float is not exactly one tenth
    (5, 6, False),
    ("1", 1, False),
    (1, "1", False),
    ("1", Decimal(1), False),
    ("vip", "vip", True),
    ("vip", "VIP", False),
    ("", "", True),
]


@pytest.mark.parametrize(("a", "b", "expected"), SAME)
def test_same_value_is_type_strict_and_symmetric(a: Any, b: Any, expected: bool) -> None:
    """Booleans equal only booleans, numbers compare by value whatever their type, text equals
    only the same text; the relation is symmetric."""
    assert same_value(a, b) is expected
    assert same_value(b, a) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, True), (1.5, True), (Decimal("2.5"), True), (True, False), ("1", False), (None, False)],
)
def test_is_number_excludes_booleans_and_text(value: Any, expected: bool) -> None:
    """``is_number`` holds for int, float and Decimal, never for a boolean or text."""
    assert is_number(value) is expected


def _test(spec: dict[str, Any]) -> AttributeTest:
    return AttributeTest.model_validate(spec)


TRUTH: list[tuple[Any, list[tuple[Any, bool]]]] = [
    ("vip", [("vip", True), ("regular", False), (MISSING, False), (1, False)]),
    (5, [(5, True), (Decimal("5.00"), True), (5.0, True), (6, False), ("5", False)]),
    (True, [(True, True), (False, False), (1, False), (MISSING, False)]),
    ({"eq": 5}, [(5, True), (Decimal("5"), True), (6, False), (True, False), (MISSING, False)]),
    ({"eq": True}, [(True, True), (1, False), (MISSING, False)]),
    ({"ne": "vip"}, [("regular", True), ("vip", False), (1, True), (MISSING, False)]),
    ({"ne": 1}, [(2, True), (Decimal("1.0"), False), (True, True), (MISSING, False)]),
    ({"in": ["a", "b"]}, [("a", True), ("b", True), ("c", False), (MISSING, False)]),
    ({"in": [1, "x"]}, [(1, True), (True, False), ("x", True), ("1", False)]),
    ({"not_in": ["a"]}, [("b", True), ("a", False), (MISSING, False)]),
    ({"not_in": [1]}, [(2, True), (1, False), (True, True), (MISSING, False)]),
    (
        {"gt": 10},
        [
            (11, True),
            (10, False),
            (Decimal("10.0001"), True),
            (10.5, True),
            (9, False),
            ("11", False),
            (True, False),
            (MISSING, False),
        ],
    ),
    ({"gte": 10}, [(10, True), (Decimal("10.00"), True), (9.999, False), (MISSING, False)]),
    ({"lt": 10}, [(9, True), (10, False), (-1.5, True), ("1", False), (MISSING, False)]),
    ({"lte": "0.1"}, [(Decimal("0.1"), True), (0.1, False), (0, True), (MISSING, False)]),
    ({"present": True}, [("x", True), (0, True), (False, True), (MISSING, False)]),
    ({"present": False}, [(MISSING, True), ("x", False), (False, False)]),
    ({"present": False, "eq": 1}, [(MISSING, False), (1, False)]),
    ({"present": True, "ne": 1}, [(2, True), (1, False), (MISSING, False)]),
    ({"gte": 1, "lt": 3}, [(1, True), (2.5, True), (3, False), (0, False), (MISSING, False)]),
    ({"gt": 3, "lt": 1}, [(2, False), (0, False), (4, False), (MISSING, False)]),
    ({"in": ["a"], "not_in": ["a"]}, [("a", False), ("b", False), (MISSING, False)]),
]
CASES = [
    pytest.param(test, value, expected, id=f"{test}-{value!r}")
    for test, rows in TRUTH
    for value, expected in rows
]


@pytest.mark.parametrize(("test", "value", "expected"), CASES)
def test_holds_truth_table(test: Any, value: Any, expected: bool) -> None:
    """Each operator holds exactly as stated: equality and membership need a present, equal
    value; ``ne``/``not_in`` need a present, different value; comparisons need a present
    number; ``present`` tests presence; several operators must all hold."""
    compiled = _test(test) if isinstance(test, dict) else test
    assert semantics.test_holds(compiled, value) is expected


def test_missing_is_a_picklable_singleton() -> None:
    """There is one MISSING value: constructing or unpickling it gives the same object."""
    assert Missing() is MISSING
    assert pickle.loads(pickle.dumps(MISSING)) is MISSING
    assert repr(MISSING) == "MISSING"
