"""Routing rules: ordered, declarative, first match wins. No expression is ever evaluated.

A condition is one of:

* a mapping of attribute tests, all of which must hold: ``{tier: vip, channel: phone}``;
  a test is a value (equality) or a mapping of operators:
  ``{order_value: {gte: 10000000}}``, ``{channel: {in: [phone, chat]}}``,
  ``{language: {present: false}}``;
* ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}`` combining conditions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import Discriminator, Field, GetJsonSchemaHandler, Tag, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from cskh_org.findings import refusal
from cskh_org.model.base import (
    ID_SCHEMA,
    Id,
    Integer,
    LocalizedText,
    Model,
    Number,
    Ref,
    shorthand_json_schema,
)
from cskh_org.model.frozen import FrozenMap

__all__ = [
    "AllOf",
    "AnyOf",
    "AttributeTest",
    "AttributeTests",
    "Condition",
    "NotOf",
    "RouteTarget",
    "Routing",
    "Rule",
    "Scalar",
]

Scalar = bool | int | Decimal | str
"""A value a ticket attribute may hold."""

UnitRef = Annotated[Id, Ref("unit")]
FunctionRef = Annotated[Id, Ref("function")]

_OPERATORS = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "present")


class AttributeTest(Model):
    """Operators applied to one attribute; several operators must all hold."""

    eq: Scalar | None = None
    """Equal to this value."""
    ne: Scalar | None = None
    """Present and different from this value."""
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in", min_length=1)
    """One of these values."""
    not_in: tuple[Scalar, ...] | None = Field(default=None, min_length=1)
    """Present and none of these values."""
    gt: Number | None = None
    """Greater than (numbers)."""
    gte: Number | None = None
    """Greater than or equal to (numbers)."""
    lt: Number | None = None
    """Less than (numbers)."""
    lte: Number | None = None
    """Less than or equal to (numbers)."""
    present: bool | None = None
    """Whether the ticket carries the attribute at all."""

    model_config = Model.model_config | {"populate_by_name": True, "serialize_by_alias": True}

    @model_validator(mode="after")
    def _not_empty(self) -> AttributeTest:
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise refusal(
                "empty_test", "value.attribute-test.empty", operators=", ".join(_OPERATORS)
            )
        return self


def _test_tag(value: Any) -> str:
    return "test" if isinstance(value, dict | AttributeTest) else "value"


AttributeCheck = Annotated[
    Annotated[AttributeTest, Tag("test")] | Annotated[Scalar, Tag("value")],
    Discriminator(_test_tag),
]

AttributeTests = FrozenMap[str, AttributeCheck]
"""Tests on attributes by name, all of which must hold."""


class AllOf(Model):
    """All the conditions hold."""

    all: tuple[Condition, ...] = Field(min_length=1)
    """Conditions that must all hold."""


class AnyOf(Model):
    """At least one of the conditions holds."""

    any: tuple[Condition, ...] = Field(min_length=1)
    """Conditions of which at least one must hold."""


class NotOf(Model):
    """The condition does not hold."""

    not_: Condition = Field(alias="not")
    """The condition that must not hold."""

    model_config = Model.model_config | {"populate_by_name": True, "serialize_by_alias": True}


def _condition_tag(value: Any) -> str:
    if isinstance(value, AllOf):
        return "all"
    if isinstance(value, AnyOf):
        return "any"
    if isinstance(value, NotOf):
        return "not"
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        if key in ("all", "any", "not"):
            return str(key)
    return "attributes"


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[AttributeTests, Tag("attributes")],
    Discriminator(_condition_tag),
]
"""A condition over a ticket's attributes (see the module documentation)."""

# Built now, although models are otherwise built when first used (see `Model`): only a
# rebuild resolves `Condition` in their field annotations, which the loader's reference walk
# and the format reference read without building any model.
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


def _target_from_text(value: object) -> object:
    return {"unit": value} if isinstance(value, str) else value


class RouteTarget(Model):
    """Where a rule sends a ticket: a unit's queue, with required skills and a priority shift."""

    unit: UnitRef
    """The unit whose queue receives the ticket."""
    skills: tuple[Id, ...] = ()
    """Skills the agent who takes the ticket must have (all of them)."""
    priority: Integer = Field(default=0, ge=-10, le=10)
    """Shift of the ticket's priority: ``1`` raises it one level, ``-1`` lowers it."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        return _target_from_text(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        short = {**ID_SCHEMA, "description": "The unit's id: short for `{unit: ID}`."}
        return shorthand_json_schema(short, core_schema, handler)


class Rule(Model):
    """A routing rule: when the condition holds (and no earlier rule matched), route there."""

    id: Id
    """Id of the rule, reported in every decision (``rule: vip_phone``)."""
    description: LocalizedText | None = None
    """What the rule is for."""
    when: Condition | None = None
    """The condition; omitted means every ticket (a catch-all)."""
    to: RouteTarget
    """Where matching tickets go; ``to: support`` is short for ``to: {unit: support}``."""


class Routing(Model):
    """Ordered routing rules. The first rule whose condition holds decides; else ``default``."""

    rules: tuple[Rule, ...] = ()
    """Rules in evaluation order: the order in the file is the order of evaluation."""
    default: RouteTarget
    """Where a ticket no rule matches goes; mandatory, so no ticket is ever unrouted."""
    priority_attribute: str = "priority"
    """The enum attribute holding a ticket's priority (values lowest first)."""
    default_priority: str | None = None
    """Priority of a ticket that carries none (default: the lowest value)."""
    unrouted_functions: tuple[FunctionRef, ...] = ()
    """Functions that take no routed tickets (e.g. outbound ``sales``); not reported by the
    ``function-unrouted`` check."""
