"""A sweep document (``sweep.yaml``): the variants of a department and its workload that a
manager compares, as a grid of parameters (their product) and a list of patched variants,
with an optional ranking-and-selection goal."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from cskh_org.findings import refusal
from cskh_org.model.base import Id, Integer, Model, Number

__all__ = [
    "Constraint",
    "GridParameter",
    "Operation",
    "ParameterOp",
    "Range",
    "Selection",
    "Sweep",
    "Variant",
]

OpName = Literal["replace", "add", "remove", "multiply"]
PointerPath = Annotated[str, Field(pattern=r"^(/[^/]*)+$", max_length=500)]
KpiName = Annotated[str, Field(min_length=1, max_length=200)]


def _given(name: str) -> dict[str, Any]:
    """The JSON Schema of "``name`` is given, and not null" (the loader reads a null as not
    given), for the ``oneOf``/``anyOf`` of the models below."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


class Operation(Model):
    """One patch operation of a listed variant (JSON Patch, plus ``multiply``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {
                    "properties": {"op": {"enum": ["replace", "add"]}},
                    "required": ["value"],
                    "not": _given("factor"),
                },
                {
                    **_given("factor"),
                    "properties": {"op": {"const": "multiply"}, **_given("factor")["properties"]},
                    "not": {"required": ["value"]},
                },
                {
                    "properties": {"op": {"const": "remove"}},
                    "not": {"anyOf": [{"required": ["value"]}, _given("factor")]},
                },
            ]
        }
    )

    op: OpName
    """``replace``, ``add``, ``remove`` (JSON Patch) or ``multiply`` (a number × ``factor``)."""
    path: PointerPath
    """Where: ``/units/support/staff/0/headcount`` (an item of a list by id or index, ``*``
    every item)."""
    value: Any = None
    """The new value (``replace`` and ``add``)."""
    factor: Number | None = None
    """The factor (``multiply``)."""

    @model_validator(mode="after")
    def _operands(self) -> Operation:
        wants_value = self.op in ("replace", "add")
        has_value = "value" in self.model_fields_set
        if wants_value != has_value or (self.op == "multiply") != (self.factor is not None):
            raise refusal("sweep_operand", "sweep.operand", op=self.op)
        return self


class ParameterOp(Model):
    """The operation of a grid parameter: its value fills ``value`` or ``factor``."""

    op: Literal["replace", "add", "multiply"]
    """``replace``/``add`` (the value is the new value) or ``multiply`` (the factor)."""
    path: PointerPath
    """Where, as in :class:`Operation`."""


class Range(Model):
    """Numbers from ``from`` to ``to`` (both included) by ``step``, exact in decimal."""

    start: Number = Field(alias="from")
    """The first value."""
    to: Number
    """The last value (included when a whole number of steps away)."""
    step: Annotated[Number, Field(gt=0)]
    """The step (more than 0)."""

    def values(self) -> tuple[Decimal, ...]:
        if self.to < self.start:
            return ()
        count = int((self.to - self.start) / self.step) + 1
        return tuple(self.start + i * self.step for i in range(min(count, 10_001)))


class GridParameter(Model):
    """One parameter of the grid: an operation and the values it takes."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {"oneOf": [_given("department"), _given("workload")]},
                {"oneOf": [_given("values"), _given("range")]},
            ]
        }
    )

    name: Id
    """Its name (in variant ids: ``support_agents=4``)."""
    department: ParameterOp | None = None
    """The operation on the department."""
    workload: ParameterOp | None = None
    """The operation on the workload."""
    values: tuple[Any, ...] | None = Field(default=None, min_length=1, max_length=10_000)
    """The values, listed."""
    range: Range | None = None
    """Or the values as a range."""

    @model_validator(mode="after")
    def _one_each(self) -> GridParameter:
        if (self.department is None) == (self.workload is None):
            raise refusal("sweep_parameter", "sweep.parameter.document")
        if (self.values is None) == (self.range is None):
            raise refusal("sweep_parameter", "sweep.parameter.values")
        return self

    @property
    def target(self) -> tuple[Literal["department", "workload"], ParameterOp]:
        if self.department is not None:
            return "department", self.department
        assert self.workload is not None
        return "workload", self.workload

    def all_values(self) -> tuple[Any, ...]:
        if self.values is not None:
            return self.values
        assert self.range is not None
        return self.range.values()


class Variant(Model):
    """One listed variant: its id and its patches."""

    id: Id
    """Its id (unique, not ``base``, not a grid id)."""
    department: tuple[Operation, ...] = ()
    """The operations on the department, in order."""
    workload: tuple[Operation, ...] = ()
    """The operations on the workload, in order."""


class Constraint(Model):
    """A KPI bound: ``{kpi: overall/abandonment, at_most: 0.05}``."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [_given("at_least"), _given("at_most")]})

    kpi: KpiName
    """The KPI's name."""
    at_least: Number | None = None
    """Its lowest allowed value."""
    at_most: Number | None = None
    """Its highest allowed value."""

    @model_validator(mode="after")
    def _bound(self) -> Constraint:
        if self.at_least is None and self.at_most is None:
            raise refusal("sweep_constraint", "sweep.constraint")
        return self


class Selection(Model):
    """Ranking and selection: the best variant by one KPI under constraints. (``most`` not
    below ``first`` is the one rule its JSON Schema cannot state: the loader checks it.)"""

    model_config = ConfigDict(json_schema_extra={"oneOf": [_given("minimize"), _given("maximize")]})

    minimize: KpiName | None = None
    """The KPI to make smallest."""
    maximize: KpiName | None = None
    """Or the KPI to make largest."""
    subject_to: tuple[Constraint, ...] = ()
    """The constraints."""
    indifference: Annotated[Number, Field(gt=0)] = Decimal("0.01")
    """δ: differences smaller than this are ties (in the KPI's unit)."""
    tolerance: Annotated[Number, Field(ge=0)] = Decimal("0.005")
    """ε of the constraints."""
    confidence: Annotated[Number, Field(gt=0, lt=1)] = Decimal("0.95")
    """The confidence of the choice."""
    first: Annotated[int, Field(ge=2, le=10_000)] = 10
    """Replications of every variant before screening (n0)."""
    most: Annotated[int, Field(ge=2, le=10_000)] = 100
    """At most this many replications per variant."""

    @model_validator(mode="after")
    def _goal(self) -> Selection:
        if (self.minimize is None) == (self.maximize is None):
            raise refusal("sweep_goal", "sweep.goal")
        if self.most < self.first:
            raise refusal("sweep_goal", "sweep.most", first=self.first, most=self.most)
        return self


class Sweep(Model):
    """A sweep: the variants to simulate and how many replications of each."""

    version: Literal[1]
    """The format's version (1)."""
    id: Id
    """The sweep's id."""
    replications: Annotated[Integer, Field(ge=1, le=10_000)] = 10
    """Replications per variant."""
    days: Annotated[Number, Field(gt=0, le=366)] = Decimal(7)
    """Days simulated per replication."""
    seed: Annotated[Integer, Field(ge=0, le=2**63 - 1)] = 0
    """The base seed."""
    base: bool = True
    """Include the unpatched department and workload as the variant ``base``."""
    grid: tuple[GridParameter, ...] = Field(default=(), max_length=50)
    """The parameters whose product is the grid."""
    variants: tuple[Variant, ...] = Field(default=(), max_length=10_000)
    """The listed variants."""
    select: Selection | None = None
    """Ranking and selection (optional)."""
