"""Routing speaks both languages from the catalogue: what is wrong with a ticket, and why a rule
matched it or not."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from cskh_org.errors import TicketInvalid
from cskh_org.model.routing import Routing, Scalar
from cskh_org.model.tickets import TicketSchema
from cskh_org.routing.reference import (
    AS_WRITTEN,
    Checked,
    Negated,
    Unconditional,
    explain_condition,
)
from cskh_org.routing.router import Router
from cskh_org.routing.stream import MAX_LINE, parse_ticket
from cskh_org.words import Said, catalogue

SCHEMA = TicketSchema.model_validate(
    {
        "attributes": {
            "channel": {"type": "enum", "values": ["phone", "email"], "required": True},
            "seats": {"type": "number", "integer": True, "minimum": 1, "maximum": 100},
            "repeat": {"type": "boolean"},
            "note": {"type": "text", "max_length": 5},
        }
    }
)
ROUTER = Router(
    Routing.model_validate(
        {
            "rules": [
                {"id": "big", "when": {"not": {"seats": {"lt": 10}}}, "to": "sales"},
                {"id": "phone", "when": {"channel": "phone", "repeat": True}, "to": "desk"},
                {"id": "rest", "to": "general"},
            ],
            "default": "general",
        }
    ),
    SCHEMA,
)

BAD_TICKETS: dict[str, tuple[object, str, str]] = {
    "unknown": (
        {"channel": "phone", "colour": "red"},
        "unknown attribute `colour`; the ticket schema has: channel, seats, repeat, note",
        "thuộc tính `colour` không có trong lược đồ phiếu; lược đồ phiếu có: channel, seats, "
        "repeat, note",
    ),
    "required": (
        {"seats": 2},
        "the ticket has no `channel`, which is required",
        "phiếu thiếu `channel`, một thuộc tính bắt buộc",
    ),
    "enum": (
        {"channel": "fax"},
        "`channel` is 'fax', not one of the allowed values: phone, email",
        "`channel` là 'fax', không thuộc các giá trị cho phép: phone, email",
    ),
    "boolean": (
        {"channel": "phone", "repeat": "yes"},
        "`repeat` must be true or false, not 'yes'",
        "`repeat` phải là true hoặc false, không phải 'yes'",
    ),
    "number": (
        {"channel": "phone", "seats": "two"},
        "`seats` must be a number, not 'two'",
        "`seats` phải là một số, không phải 'two'",
    ),
    "finite": (
        {"channel": "phone", "seats": math.inf},
        "`seats` must be a finite number",
        "`seats` phải là một số hữu hạn",
    ),
    "whole": (
        {"channel": "phone", "seats": Decimal("2.5")},
        "`seats` must be a whole number, not 2.5",
        "`seats` phải là số nguyên, không phải 2.5",
    ),
    "minimum": (
        {"channel": "phone", "seats": 0},
        "`seats` is 0, below the minimum 1",
        "`seats` là 0, nhỏ hơn giá trị tối thiểu 1",
    ),
    "maximum": (
        {"channel": "phone", "seats": 101},
        "`seats` is 101, above the maximum 100",
        "`seats` là 101, lớn hơn giá trị tối đa 100",
    ),
    "text": (
        {"channel": "phone", "note": 5},
        "`note` must be text, not 5",
        "`note` phải là văn bản, không phải 5",
    ),
    "long-text": (
        {"channel": "phone", "note": "too long"},
        "`note` is longer than 5 characters",
        "`note` dài hơn 5 ký tự",
    ),
    "mapping": (
        ["phone"],
        "a ticket is a mapping of attribute to value (or a pydantic model or dataclass), not list",
        "một phiếu là một ánh xạ từ thuộc tính sang giá trị (hoặc một mô hình pydantic hay một "
        "dataclass), không phải list",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_TICKETS))
def test_a_bad_ticket_is_said_in_both_languages(case: str) -> None:
    """Each fault of a ticket is the catalogue's, in Vietnamese and English: ``str(error)`` the
    English (as before), :meth:`text` either language."""
    ticket, en, vi = BAD_TICKETS[case]
    with pytest.raises(TicketInvalid) as info:
        ROUTER.route(ticket)
    error = info.value
    assert error.said == Said(vi=vi, en=en)
    assert str(error) == error.text("en") == en
    assert error.text("vi") == vi


BAD_JSON: dict[str, tuple[str, str, str]] = {
    "twice": (
        '{"channel": "phone", "channel": "email"}',
        "attribute `channel` is given twice",
        "thuộc tính `channel` được ghi hai lần",
    ),
    "constant": (
        '{"seats": NaN}',
        "`NaN` is not a number a ticket may carry",
        "`NaN` không phải là một số mà phiếu được phép mang",
    ),
    "json": (
        "{not json",
        "not valid JSON: Expecting property name enclosed in double quotes at column 2",
        "không phải JSON hợp lệ: Expecting property name enclosed in double quotes ở cột 2",
    ),
    "value": (
        '{"seats": ' + "9" * 5000 + "}",
        "not a usable JSON value: ",
        "không phải một giá trị JSON dùng được: ",
    ),
    "nested": (
        "[" * 100_000 + "]" * 100_000,
        "the JSON is nested too deeply",
        "JSON lồng nhau quá sâu",
    ),
    "object": (
        "[1]",
        'a ticket is a JSON object such as {"channel": "email"}, not list',
        'một phiếu là một đối tượng JSON, ví dụ {"channel": "email"}, không phải list',
    ),
    "long": (
        " " * (MAX_LINE + 1),
        "the ticket is longer than 1,048,576 characters",
        "phiếu dài hơn 1.048.576 ký tự",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_JSON))
def test_bad_json_is_said_in_both_languages(case: str) -> None:
    """A ticket's JSON text that cannot be used is said in both languages too (Python's own
    words of a JSON or conversion error stay as Python writes them)."""
    text, en, vi = BAD_JSON[case]
    with pytest.raises(TicketInvalid) as info:
        parse_ticket(text)
    error = info.value
    assert str(error) == error.text("en")
    if case == "value":  # then Python's words, which change between versions
        assert error.text("en").startswith(en)
        assert error.text("vi").startswith(vi)
        assert error.text("vi")[len(vi) :] == error.text("en")[len(en) :]
    else:
        assert (error.text("en"), error.text("vi")) == (en, vi)


def test_every_routing_entry_is_in_the_catalogue() -> None:
    """The routing words are registered by the routing package and listed by the catalogue."""
    entries = catalogue()
    for key in ("route.unit", "explain.is", "analysis.pieces", "ticket.unknown"):
        assert key in entries


class _Upper:
    """A stand-in for the report's labels: Vietnamese words, attributes and values upper-case."""

    lang = "vi"

    def name(self, attribute: str) -> str:
        return attribute.upper()

    def value(self, attribute: str, value: Scalar) -> str:
        return str(value).upper()


def test_the_reasons_are_the_tests_that_decided_said_in_either_language() -> None:
    """``explain`` keeps the tests that decided each rule (:attr:`RuleTrace.why`); their
    English words are :attr:`RuleTrace.reasons`, and any other way of showing attributes and
    values says them in its language: a negation, a test that held or not, a missing value,
    a rule without a condition."""
    explanation = ROUTER.explain({"channel": "phone", "seats": 4})
    big, phone, rest = explanation.traces
    for trace in explanation.traces:
        assert tuple(r.text() for r in trace.why) == trace.reasons
        assert tuple(r.text(AS_WRITTEN) for r in trace.why) == trace.reasons
    assert isinstance(big.why[0], Negated)
    assert big.reasons == ("not (seats is `4`, and the rule wants < `10`)",)
    assert [r.text(_Upper()) for r in big.why] == ["không phải (SEATS là 4, và quy tắc cần < 10)"]
    assert phone.reasons == ("repeat is missing, but the rule wants = `True`",)
    assert isinstance(phone.why[0], Checked)
    assert [r.text(_Upper()) for r in phone.why] == ["không có REPEAT, nhưng quy tắc cần = TRUE"]
    assert rest.why == (Unconditional(),)
    assert rest.reasons == ("no condition: matches every ticket",)
    assert rest.why[0].text(_Upper()) == "không có điều kiện: khớp mọi phiếu"
    assert str(explanation).splitlines()[-1] == "= general (rule rest)"


def test_every_operator_is_said_in_both_languages() -> None:
    """Each operator of an attribute test has its words: compared, in, not in, present,
    missing, several joined by "and"."""
    ticket: dict[str, Any] = {"channel": "email", "seats": 4}
    condition: Any = (
        Routing.model_validate(
            {
                "rules": [
                    {
                        "id": "all",
                        "when": {
                            "channel": {"in": ["phone"], "not_in": ["email"], "ne": "email"},
                            "seats": {"gt": 1, "gte": 2, "lte": 3, "present": True},
                            "note": {"present": False},
                        },
                        "to": "x",
                    }
                ],
                "default": "x",
            }
        )
        .rules[0]
        .when
    )
    holds, reasons = explain_condition(condition, ticket)
    assert not holds
    assert reasons == [
        "channel is `email`, but the rule wants ≠ `email` and in [phone] and not in [email]",
        "seats is `4`, but the rule wants > `1` and ≥ `2` and ≤ `3` and present",
    ]
    tested = Checked("note", "hello", condition["note"], False)
    assert tested.text() == "note is `hello`, but the rule wants missing"
    assert tested.text(_Upper()) == "NOTE là HELLO, nhưng quy tắc cần để trống"
    channel = Checked("channel", "email", condition["channel"], False)
    assert channel.text(_Upper()) == (
        "CHANNEL là EMAIL, nhưng quy tắc cần ≠ EMAIL và một trong [PHONE] và không thuộc [EMAIL]"
    )
