"""The ticket checker read from data (a router file's schema, no pydantic) refuses and accepts
exactly as the one made from the schema model: the same TicketInvalid, word for word."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.errors import TicketInvalid
from cskh_org.model import TicketSchema
from cskh_org.routing.compiled import _dumps
from cskh_org.routing.tickets import Damaged, TicketChecker, TicketRules
from tests.conftest import examples
from tests.routing.strategies import Case, cases, invalid_tickets, valid_tickets

PROPERTY = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.lists(st.text(max_size=2), max_size=2),
)


def _outcome(checker: TicketChecker, ticket: object) -> Any:
    """What the checker says: the checked ticket, or the error's attribute and both texts."""
    try:
        return ("ok", checker.check(ticket))
    except TicketInvalid as exc:
        said = exc.words()
        return ("refused", exc.attribute, said.vi, said.en, str(exc))


def _data(schema: TicketSchema) -> dict[str, Any]:
    """The schema as a router file carries it (the dump, through JSON)."""
    dumped = schema.model_dump(by_alias=True, exclude_unset=True)
    data: dict[str, Any] = json.loads(_dumps(dumped), parse_float=Decimal)
    return data


@PROPERTY
@given(case=cases(), data=st.data())
def test_the_checker_from_data_says_what_the_model_checker_says(
    case: Case, data: st.DataObject
) -> None:
    """On valid tickets, tickets with one fault and tickets of random values (any type, any
    attribute name), the checker of the dumped schema gives the same checked ticket or the
    same TicketInvalid (attribute, Vietnamese and English) as the checker of the model."""
    model = TicketChecker(case.schema)
    light = TicketChecker(TicketRules.from_data(_data(case.schema)))
    names = [*case.schema.attributes, "zz_unknown"]
    tickets: list[object] = [
        *data.draw(st.lists(valid_tickets(case.schema, case.routing), max_size=4)),
        *(bad.ticket for bad in data.draw(st.lists(invalid_tickets(case.schema, case.routing)))),
        *data.draw(st.lists(st.dictionaries(st.sampled_from(names), JUNK, max_size=4))),
        5,
        "ticket",
    ]
    for ticket in tickets:
        assert _outcome(light, ticket) == _outcome(model, ticket), ticket


@PROPERTY
@given(case=cases())
def test_the_rules_from_data_are_the_rules_of_the_model(case: Case) -> None:
    """Every attribute's kind, bounds, values and labels read from the dump equal the
    model's; value labels are said the same."""
    model = TicketRules.of(case.schema)
    light = TicketRules.from_data(_data(case.schema))
    assert list(light.attributes) == list(model.attributes)
    for name, spec in model.attributes.items():
        other = light.attributes[name]
        for field in AttributeFields:
            assert getattr(other, field) == getattr(spec, field), (name, field)
        for value in spec.values:
            for languages in (("vi",), ("en", "vi")):
                assert light.value_label(name, value, languages) == case.schema.value_label(
                    name, value, languages
                )


AttributeFields = ("type", "required", "values", "minimum", "maximum", "integer", "max_length")


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (5, "schema"),
        ({"attributes": {}}, "schema.attributes"),
        ({"attributes": {"Bad": {"type": "boolean"}}}, "schema.attributes.Bad"),
        ({"attributes": {"a": {"type": "colour"}}}, "schema.attributes.a.type"),
        ({"attributes": {"a": {"type": "boolean", "x": 1}}}, "schema.attributes.a.x"),
        ({"attributes": {"a": {"type": "boolean", "required": 1}}}, "schema.attributes.a.required"),
        ({"attributes": {"a": {"type": "enum", "values": []}}}, "schema.attributes.a.values"),
        (
            {"attributes": {"a": {"type": "enum", "values": ["x", "x"]}}},
            "schema.attributes.a.values",
        ),
        ({"attributes": {"a": {"type": "enum", "values": ["-x"]}}}, "schema.attributes.a.values"),
        (
            {"attributes": {"a": {"type": "enum", "values": ["x"], "labels": {"y": {"en": "Y"}}}}},
            "schema.attributes.a.labels",
        ),
        (
            {"attributes": {"a": {"type": "number", "minimum": 2, "maximum": 1}}},
            "schema.attributes.a",
        ),
        ({"attributes": {"a": {"type": "number", "minimum": 0.5}}}, "schema.attributes.a.minimum"),
        ({"attributes": {"a": {"type": "number", "minimum": True}}}, "schema.attributes.a.minimum"),
        (
            {"attributes": {"a": {"type": "number", "minimum": Decimal("NaN")}}},
            "schema.attributes.a.minimum",
        ),
        (
            {"attributes": {"a": {"type": "text", "max_length": 0}}},
            "schema.attributes.a.max_length",
        ),
        ({"attributes": {"a": {"type": "text", "label": {}}}}, "schema.attributes.a.label"),
    ],
)
def test_a_damaged_schema_is_refused_naming_the_place(data: Any, where: str) -> None:
    """What the model refuses in a dumped schema, the reader refuses too, naming the place."""
    with pytest.raises(Damaged) as info:
        TicketRules.from_data(data)
    assert info.value.where == where
