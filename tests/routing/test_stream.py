"""Routing JSON lines: strict parsing, per-line errors, and constant memory on long streams."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from decimal import Decimal

import pytest

from cskh_org.errors import TicketInvalid
from cskh_org.model.routing import Routing
from cskh_org.model.tickets import TicketSchema
from cskh_org.routing.router import Router
from cskh_org.routing.stream import MAX_LINE, RoutedLine, parse_ticket, route_lines

SCHEMA = TicketSchema.model_validate(
    {
        "attributes": {
            "channel": {"type": "enum", "values": ["phone", "email", "chat"], "required": True},
            "order_value": {"type": "number", "minimum": 0},
            "seats": {"type": "number", "integer": True, "maximum": 100},
        }
    }
)
ROUTER = Router(
    Routing.model_validate(
        {
            "rules": [
                {"id": "big", "when": {"order_value": {"gte": 1000}}, "to": "sales"},
                {"id": "phone", "when": {"channel": "phone"}, "to": "phone_desk"},
            ],
            "default": "general",
        }
    ),
    SCHEMA,
)


def test_fractions_become_decimals_and_integers_stay_int() -> None:
    """A number with a fraction or exponent is parsed as a Decimal, exactly; an integer stays
    an int."""
    ticket = parse_ticket('{"a": 0.1, "b": 2, "c": 1e3, "d": -7, "e": "x", "f": true}')
    assert ticket == {
        "a": Decimal("0.1"),
        "b": 2,
        "c": Decimal("1E+3"),
        "d": -7,
        "e": "x",
        "f": True,
    }
    assert type(ticket["a"]) is Decimal
    assert type(ticket["b"]) is int
    assert type(ticket["d"]) is int


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    """``NaN`` and ``Infinity`` are not numbers a ticket may carry."""
    with pytest.raises(TicketInvalid, match="not a number a ticket may carry"):
        parse_ticket(f'{{"order_value": {constant}}}')


def test_duplicate_keys_are_refused() -> None:
    """An attribute given twice, at any depth, is refused, naming it."""
    with pytest.raises(TicketInvalid, match="given twice") as info:
        parse_ticket('{"channel": "phone", "channel": "email"}')
    assert info.value.attribute == "channel"
    with pytest.raises(TicketInvalid, match="given twice"):
        parse_ticket('{"meta": {"a": 1, "a": 2}}')


@pytest.mark.parametrize("text", ["[1, 2]", "1", '"phone"', "null", "true", "[]"])
def test_a_ticket_must_be_an_object(text: str) -> None:
    """A JSON value that is not an object is not a ticket."""
    with pytest.raises(TicketInvalid, match="a ticket is a JSON object"):
        parse_ticket(text)


@pytest.mark.parametrize("text", ["{", '{"a": }', "", "{'a': 1}", '{"a": 1} x'])
def test_invalid_json_is_refused(text: str) -> None:
    """Malformed JSON raises TicketInvalid saying so."""
    with pytest.raises(TicketInvalid, match="not valid JSON"):
        parse_ticket(text)


def test_over_long_line_is_refused() -> None:
    """A line longer than MAX_LINE characters is refused before it is parsed."""
    text = '{"note": "' + "x" * MAX_LINE + '"}'
    with pytest.raises(TicketInvalid, match="longer than"):
        parse_ticket(text)


@pytest.mark.parametrize("opening", ["[", '{"a": '])
def test_deep_nesting_is_refused_without_a_recursion_error(opening: str) -> None:
    """Deeply nested JSON raises TicketInvalid, never a RecursionError."""
    with pytest.raises(TicketInvalid):
        parse_ticket(opening * 200_000)


def test_an_integer_too_long_to_convert_is_refused() -> None:
    """An integer with more digits than Python converts is a TicketInvalid, not a ValueError
    that would stop the stream."""
    with pytest.raises(TicketInvalid, match="not a usable JSON value"):
        parse_ticket('{"order_value": ' + "9" * 5000 + "}")
    lines = ['{"channel": "phone", "order_value": ' + "9" * 5000 + "}", '{"channel": "email"}']
    results = list(route_lines(ROUTER, lines))
    assert [r.line for r in results] == [1, 2]
    assert results[0].error is not None
    assert results[1].decision is not None


def test_a_huge_exponent_is_checked_without_building_the_integer() -> None:
    """``1e400000`` for an integer attribute is refused by its maximum at once (the whole-number
    check once built the 400,000-digit integer, taking seconds)."""
    results = list(
        route_lines(ROUTER, ['{"channel": "phone", "seats": 1e400000}', '{"channel": "phone"}'])
    )
    assert results[0].error is not None
    assert "maximum" in results[0].error
    assert results[1].decision is not None


def _check_mixed(results: list[RoutedLine]) -> None:
    by_line = {r.line: r for r in results}
    assert sorted(by_line) == [1, 4, 5, 6, 7, 8]
    assert by_line[1].decision is not None
    assert by_line[1].decision.rule == "phone"
    for number in (5, 6, 7):
        assert by_line[number].decision is None
        assert by_line[number].error
    assert by_line[8].decision is not None
    assert by_line[8].decision.rule == "big"
    assert by_line[8].to_dict()["line"] == 8
    assert by_line[5].to_dict() == {"line": 5, "error": by_line[5].error}
    assert "`channel`" in (by_line[5].error or "")


def test_route_lines_over_bytes_reports_bad_utf8_and_routes_the_rest() -> None:
    """Over bytes: blank lines are skipped but counted, a line that is not UTF-8 is reported by
    its number, a BOM on the first line is ignored, and every other line is routed."""
    lines = [
        b'\xef\xbb\xbf{"channel": "phone"}\n',
        b"\n",
        b"   \r\n",
        b'{"channel": "\xff\xfe"}\n',
        b'{"channel": "fax"}\n',
        b"not json\n",
        b'{"channel": "email", "extra": 1}\n',
        b'{"channel": "chat", "order_value": 1000.0}',
    ]
    results = list(route_lines(ROUTER, lines))
    assert results[1].line == 4
    assert results[1].error == "not UTF-8 (byte 14 of the line)"
    assert results[1].decision is None
    _check_mixed(results)


def test_route_lines_over_text_skips_blank_lines_and_keeps_numbering() -> None:
    """Over str: the same lines route the same way, numbered from 1 including blank lines."""
    lines = [
        '{"channel": "phone"}',
        "",
        "  \t ",
        '{"channel": "email", "order_value": 1}',
        '{"channel": "fax"}',
        "not json",
        '{"channel": "email", "extra": 1}',
        '{"channel": "chat", "order_value": 1000.0}',
    ]
    results = list(route_lines(ROUTER, lines))
    assert [r.line for r in results] == [1, 4, 5, 6, 7, 8]
    assert results[1].decision is not None
    assert results[1].decision.is_default
    _check_mixed(results)


def _stream_peak(count: int) -> int:
    """Route a generator of ``count`` lines (one in 1,000 garbage), checking that each result
    comes after exactly one more line is pulled; the peak traced memory."""
    pulled = 0

    def lines() -> Iterator[str]:
        nonlocal pulled
        channels = ("phone", "email", "chat")
        for i in range(count):
            pulled += 1
            if i % 1000 == 999:
                yield "garbage"
            else:
                yield f'{{"channel": "{channels[i % 3]}", "order_value": {i % 2000}}}'

    ROUTER.route({"channel": "phone", "order_value": 5})  # compile-time allocations done
    tracemalloc.start()
    try:
        routed = errors = 0
        for result in route_lines(ROUTER, lines()):
            assert pulled == result.line
            if result.decision is None:
                errors += 1
            else:
                routed += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (routed, errors) == (count - count // 1000, count // 1000)
    return peak


def test_a_long_stream_is_consumed_lazily_in_constant_memory() -> None:
    """Routing pulls one line per result, and peak memory does not grow with the stream's
    length: four times the lines (30,000 more results, megabytes if any were kept) peak
    within 256 kB of the shorter run, and under a few MB."""
    short, long = _stream_peak(10_000), _stream_peak(40_000)
    assert long < short + 256 * 1024, (short, long)
    assert long < 4 * 1024 * 1024, long
