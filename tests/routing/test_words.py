"""Routing speaks both languages from the catalogue: what is wrong with a ticket."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from cskh_org.errors import TicketInvalid
from cskh_org.model.routing import Routing
from cskh_org.model.tickets import TicketSchema
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
    for key in ("analysis.pieces", "ticket.unknown"):
        assert key in entries
