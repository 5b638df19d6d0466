"""Hypothesis strategies for the routing tests: schemas, rule tables, valid and invalid tickets.

* :func:`schemas` draws small ticket schemas (1–4 attributes of mixed kinds, some required,
  sometimes a ``priority`` enum);
* :func:`routings` draws rule tables over a schema, with conditions nested up to depth 3 that
  use every operator, values outside the schema, contradictions and empty mappings;
* :func:`cases` draws both at once;
* :func:`valid_tickets` draws tickets the schema accepts, with numbers as ``int``, ``Decimal``
  and ``float`` taken from the rules' own constants to hit every boundary;
* :func:`invalid_tickets` draws a valid ticket and the same ticket with exactly one fault.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cskh_org.model import (
    BooleanAttribute,
    EnumAttribute,
    NumberAttribute,
    TextAttribute,
    TicketSchema,
)
from cskh_org.model.routing import Routing, Scalar
from cskh_org.model.tickets import AttributeSpec
from cskh_org.routing.boxes import condition_atoms, condition_constants
from cskh_org.routing.semantics import is_number

__all__ = [
    "ALL_KINDS",
    "GHOST",
    "Case",
    "InvalidTicket",
    "cases",
    "condition_atoms",
    "constants_by_attribute",
    "fits",
    "invalid_tickets",
    "number_candidates",
    "numeric_constants",
    "routings",
    "schemas",
    "text_constants",
    "valid_tickets",
]

ALL_KINDS: tuple[str, ...] = ("enum", "boolean", "integer", "decimal", "text")
"""Every kind of attribute: ``integer`` and ``decimal`` are number attributes."""

ENUM_POOL = ("red", "green", "blue", "gold")
PRIORITY_LEVELS = ("low", "normal", "high", "urgent")
UNITS = ("u1", "u2", "u3")
SKILLS = ("s1", "s2", "s3")
GHOST = "ghost"
"""An attribute no drawn schema has."""
OUTSIDE = "purple"
"""A value no drawn enum allows."""
TEXTS: tuple[str, ...] = ("hi", "foo", "", "toolong")
"""Text constants rules compare with (``toolong`` is longer than a short ``max_length``)."""
FOREIGN: tuple[Scalar, ...] = (1, 0, True, False, OUTSIDE, "1", Decimal("2.5"), "hi")
"""Values of the wrong kind for some attribute, to test type-strict equality."""
_PREFIX = {"enum": "e", "boolean": "b", "integer": "i", "decimal": "x", "text": "t"}


@dataclass(frozen=True)
class Case:
    """A ticket schema and a rule table over it."""

    schema: TicketSchema
    routing: Routing


@dataclass(frozen=True)
class InvalidTicket:
    """A valid ticket, the same ticket with one fault, and the attribute the fault is in."""

    base: dict[str, Any]
    ticket: dict[str, Any]
    attribute: str
    fault: str


# -- schemas -------------------------------------------------------------------------------


@st.composite
def _attribute(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"required": draw(st.integers(0, 3)) == 0}
    if kind == "enum":
        values = draw(st.lists(st.sampled_from(ENUM_POOL), min_size=2, max_size=4, unique=True))
        spec.update(type="enum", values=values)
    elif kind == "boolean":
        spec["type"] = "boolean"
    elif kind == "integer":
        bounds = sorted(draw(st.lists(st.integers(-3, 12), max_size=2)))
        spec.update(type="number", integer=True)
        if bounds:
            side = draw(st.sampled_from(["minimum", "maximum", "both"]))
            if side in ("minimum", "both"):
                spec["minimum"] = bounds[0]
            if side in ("maximum", "both"):
                spec["maximum"] = bounds[-1]
    elif kind == "decimal":
        tenths = sorted(draw(st.lists(st.integers(-30, 120), max_size=2)))
        bounds_d = [Decimal(k) / 10 for k in tenths]
        spec["type"] = "number"
        if bounds_d:
            side = draw(st.sampled_from(["minimum", "maximum", "both"]))
            if side in ("minimum", "both"):
                spec["minimum"] = bounds_d[0]
            if side in ("maximum", "both"):
                spec["maximum"] = bounds_d[-1]
    else:
        spec.update(type="text", max_length=draw(st.sampled_from([3, 6, 1000])))
    return spec


@st.composite
def schemas(
    draw: st.DrawFn, kinds: Sequence[str] = ALL_KINDS, max_attributes: int = 4
) -> TicketSchema:
    """A ticket schema of 1–``max_attributes`` attributes of the given kinds (plus, sometimes,
    a ``priority`` enum)."""
    count = draw(st.integers(1, max_attributes))
    attributes: dict[str, Any] = {}
    for index in range(count):
        kind = draw(st.sampled_from(tuple(kinds)))
        attributes[f"{_PREFIX[kind]}{index}"] = draw(_attribute(kind))
    if draw(st.booleans()):
        levels = draw(st.integers(2, len(PRIORITY_LEVELS)))
        attributes["priority"] = {
            "type": "enum",
            "values": list(PRIORITY_LEVELS[:levels]),
            "required": draw(st.integers(0, 4)) == 0,
        }
    return TicketSchema.model_validate({"attributes": attributes})


# -- rule tables ---------------------------------------------------------------------------


def _own_constants(spec: AttributeSpec | None) -> list[Scalar]:
    """Constants that make sense for an attribute (and some that do not)."""
    if isinstance(spec, EnumAttribute):
        return [*spec.values, OUTSIDE]
    if isinstance(spec, BooleanAttribute):
        return [True, False]
    if isinstance(spec, NumberAttribute):
        base: list[Scalar] = (
            [-1, 0, 1, 2, 3, 5, 8, 10, Decimal("2.5"), Decimal("5.0")]
            if spec.integer
            else [Decimal("-0.5"), 0, Decimal("1.5"), 2, Decimal("2.5"), 5, Decimal("7.3"), 10]
        )
        return base + [b for b in (spec.minimum, spec.maximum) if b is not None]
    if isinstance(spec, TextAttribute):
        return list(TEXTS)
    return ["low", 1, True]


def _thresholds(spec: AttributeSpec | None) -> list[Decimal]:
    numbers = [Decimal(c) for c in _own_constants(spec) if is_number(c)]
    return numbers or [Decimal(0), Decimal(1), Decimal("2.5"), Decimal(5)]


@st.composite
def _scalar(draw: st.DrawFn, spec: AttributeSpec | None) -> Scalar:
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(FOREIGN))
    return draw(st.sampled_from(_own_constants(spec)))


_OPS = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "present")


@st.composite
def _test(draw: st.DrawFn, spec: AttributeSpec | None) -> Any:
    """A plain value (equality) or an operator mapping with 1–3 operators."""
    if draw(st.integers(0, 3)) == 0:
        return draw(_scalar(spec))
    ops = draw(st.lists(st.sampled_from(_OPS), min_size=1, max_size=3, unique=True))
    test: dict[str, Any] = {}
    for op in ops:
        if op in ("eq", "ne"):
            test[op] = draw(_scalar(spec))
        elif op in ("in", "not_in"):
            test[op] = draw(st.lists(_scalar(spec), min_size=1, max_size=3))
        elif op == "present":
            test[op] = draw(st.booleans())
        else:
            test[op] = draw(st.sampled_from(_thresholds(spec)))
    return test


@st.composite
def _leaf(draw: st.DrawFn, schema: TicketSchema) -> dict[str, Any]:
    names = sorted({*schema.attributes, GHOST, "priority"})
    if draw(st.integers(0, 15)) == 0:
        return {}  # an empty mapping: holds for every ticket
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    return {name: draw(_test(schema.attributes.get(name))) for name in chosen}


def _condition(schema: TicketSchema, depth: int) -> st.SearchStrategy[Any]:
    leaf = _leaf(schema)
    if depth == 0:
        return leaf
    inner = _condition(schema, depth - 1)
    return st.one_of(
        leaf,
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: {"all": parts}),
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: {"any": parts}),
        inner.map(lambda part: {"not": part}),
    )


@st.composite
def _target(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "unit": draw(st.sampled_from(UNITS)),
        "skills": draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True)),
        "priority": draw(st.one_of(st.integers(-3, 3), st.sampled_from([-10, 10]))),
    }


@st.composite
def routings(draw: st.DrawFn, schema: TicketSchema, max_rules: int = 8) -> Routing:
    """0–``max_rules`` rules over ``schema``; conditions nested up to depth 3."""
    count = draw(st.integers(0, max_rules))
    rules: list[dict[str, Any]] = []
    for index in range(count):
        rule: dict[str, Any] = {"id": f"r{index}", "to": draw(_target())}
        if draw(st.integers(0, 9)) != 0:
            rule["when"] = draw(_condition(schema, draw(st.integers(0, 3))))
        rules.append(rule)
    data: dict[str, Any] = {"rules": rules, "default": draw(_target())}
    if draw(st.booleans()):
        data["default_priority"] = draw(st.sampled_from(PRIORITY_LEVELS))
    return Routing.model_validate(data)


@st.composite
def cases(
    draw: st.DrawFn,
    kinds: Sequence[str] = ALL_KINDS,
    max_attributes: int = 4,
    max_rules: int = 8,
) -> Case:
    """A schema and a rule table over it."""
    schema = draw(schemas(kinds, max_attributes))
    return Case(schema, draw(routings(schema, max_rules)))


# -- constants of a rule table -------------------------------------------------------------


def numeric_constants(routing: Routing) -> list[Decimal]:
    """Every number any rule compares any attribute with, sorted."""
    found = {
        Decimal(value)
        for rule in routing.rules
        for _, test in condition_atoms(rule.when)
        for value in condition_constants(test)
        if is_number(value)
    }
    return sorted(found)


def constants_by_attribute(routing: Routing) -> dict[str, list[Scalar]]:
    """The constants the rules compare each attribute with, in order of appearance."""
    found: dict[str, list[Scalar]] = {}
    for rule in routing.rules:
        for name, test in condition_atoms(rule.when):
            found.setdefault(name, []).extend(condition_constants(test))
    return found


def text_constants(routing: Routing) -> list[str]:
    """Every text any rule compares any attribute with, sorted."""
    found = {
        value
        for rule in routing.rules
        for _, test in condition_atoms(rule.when)
        for value in condition_constants(test)
        if isinstance(value, str)
    }
    return sorted(found)


# -- valid tickets -------------------------------------------------------------------------


def fits(value: Decimal | int | float, spec: NumberAttribute) -> bool:
    """Whether the number is a valid value of the attribute."""
    if spec.integer and value != math.floor(value):
        return False
    if spec.minimum is not None and value < spec.minimum:
        return False
    return not (spec.maximum is not None and value > spec.maximum)


def number_candidates(spec: NumberAttribute, constants: Sequence[Decimal]) -> list[Decimal]:
    """Valid values of a number attribute at and around every constant and bound."""
    points = {Decimal(0), *constants}
    points.update(b for b in (spec.minimum, spec.maximum) if b is not None)
    out: set[Decimal] = set()
    for p in points:
        steps = (Decimal(-1), Decimal(0), Decimal(1))
        if spec.integer:
            out.update(Decimal(math.floor(p)) + s for s in steps)
            out.update(Decimal(math.ceil(p)) + s for s in steps)
        else:
            out.update(p + s for s in (*steps, Decimal("-0.25"), Decimal("0.25")))
    return sorted(v for v in out if fits(v, spec))


@st.composite
def _number(draw: st.DrawFn, spec: NumberAttribute, constants: Sequence[Decimal]) -> Any:
    candidates = number_candidates(spec, constants)
    value = draw(st.sampled_from(candidates))
    form = draw(st.sampled_from(["int", "int", "decimal", "padded", "float"]))
    if form == "int" and value == value.to_integral_value():
        return int(value)
    if form == "padded":
        return value.quantize(Decimal("0.001"))
    if form == "float":
        as_float = float(value)
        return as_float if fits(as_float, spec) else value
    return value


def _text(spec: TextAttribute, constants: Sequence[str]) -> st.SearchStrategy[str]:
    options = sorted({*constants, "z", "other", ""})
    return st.sampled_from([t for t in options if len(t) <= spec.max_length])


@st.composite
def valid_tickets(
    draw: st.DrawFn, schema: TicketSchema, routing: Routing, complete: bool | None = None
) -> dict[str, Any]:
    """A ticket the schema accepts. A *complete* ticket carries every enum, number and boolean
    attribute and no text unless required (the shape the router's fast paths take); others
    may lack attributes or give ``None`` for them."""
    if complete is None:
        complete = draw(st.booleans())
    numbers = numeric_constants(routing)
    texts = text_constants(routing)
    ticket: dict[str, Any] = {}
    for name, spec in schema.attributes.items():
        if not spec.required:
            if complete:
                if isinstance(spec, TextAttribute):
                    continue
            else:
                choice = draw(st.integers(0, 4))
                if choice == 0:
                    continue
                if choice == 1:
                    ticket[name] = None
                    continue
        if isinstance(spec, EnumAttribute):
            ticket[name] = draw(st.sampled_from(spec.values))
        elif isinstance(spec, BooleanAttribute):
            ticket[name] = draw(st.booleans())
        elif isinstance(spec, NumberAttribute):
            ticket[name] = draw(_number(spec, numbers))
        else:
            assert isinstance(spec, TextAttribute)
            ticket[name] = draw(_text(spec, texts))
    return ticket


# -- invalid tickets -----------------------------------------------------------------------


def _faults(schema: TicketSchema) -> list[tuple[str, str, Any]]:
    """(fault, attribute, bad value) for every way to break ``base`` in one place; a bad
    value of ``...`` means the attribute is removed."""
    faults: list[tuple[str, str, Any]] = [("unknown attribute", "zz_unknown", "x")]
    for name, spec in schema.attributes.items():
        if spec.required:
            faults.append(("missing required", name, ...))
            faults.append(("required given as None", name, None))
        if isinstance(spec, EnumAttribute):
            faults += [
                ("value outside enum", name, OUTSIDE),
                ("wrong type", name, 5),
                ("wrong type", name, True),
                ("unhashable", name, [spec.values[0]]),
            ]
        elif isinstance(spec, BooleanAttribute):
            faults += [("wrong type", name, 1), ("wrong type", name, "true")]
        elif isinstance(spec, NumberAttribute):
            faults += [
                ("wrong type", name, "5"),
                ("bool for a number", name, True),
                ("bool for a number", name, False),
                ("not finite", name, float("nan")),
                ("not finite", name, float("-inf")),
                ("not finite", name, Decimal("NaN")),
                ("not finite", name, Decimal("sNaN")),
                ("not finite", name, Decimal("Infinity")),
            ]
            if spec.minimum is not None:
                faults.append(("below minimum", name, math.floor(spec.minimum) - 1))
            if spec.maximum is not None:
                faults.append(("above maximum", name, math.ceil(spec.maximum) + 1))
                faults.append(("above maximum", name, Decimal(spec.maximum) + Decimal("0.5")))
            if spec.integer:
                faults += [
                    ("non-integer for integer", name, Decimal("2.5")),
                    ("non-integer for integer", name, 0.5),
                ]
        else:
            assert isinstance(spec, TextAttribute)
            faults += [("wrong type", name, 5), ("too long", name, "w" * (spec.max_length + 1))]
    return faults


@st.composite
def invalid_tickets(draw: st.DrawFn, schema: TicketSchema, routing: Routing) -> InvalidTicket:
    """A valid ticket and the same ticket with one fault (unknown attribute, wrong type, value
    outside the enum, out of range, boolean for a number, fraction for an integer, missing
    required attribute…)."""
    base = draw(valid_tickets(schema, routing))
    fault, name, value = draw(st.sampled_from(_faults(schema)))
    ticket = dict(base)
    if value is ...:
        ticket.pop(name, None)
    else:
        ticket[name] = value
    return InvalidTicket(base, ticket, name, fault)
