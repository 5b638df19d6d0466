"""Routing a stream of JSON tickets, one per line (JSONL), in constant memory.

Each line is parsed on its own: numbers with a fraction become :class:`~decimal.Decimal`
(never binary floats), ``NaN``/``Infinity`` and duplicate keys are refused, and a line that is
not a JSON object, or whose ticket does not fit the schema, yields an error naming the line
instead of stopping the stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from cskh_org.errors import TicketInvalid
from cskh_org.routing.decision import Decision, Frozen
from cskh_org.routing.router import Router
from cskh_org.words import Said, both
from cskh_org.words import routing as _words  # noqa: F401  (registers the ticket errors)

__all__ = ["MAX_LINE", "MAX_LINE_BYTES", "RoutedLine", "parse_ticket", "route_lines"]

MAX_LINE = 1 << 20
"""The longest line (in characters) accepted as one ticket."""
MAX_LINE_BYTES = 4 * MAX_LINE
"""The longest line in bytes that may hold :data:`MAX_LINE` characters (UTF-8 takes at most 4
bytes a character): a file is read in lines cut past it
(:func:`cskh_org.files.bounded_lines`), and a longer line is too long without decoding it."""
_TOO_LONG: Said = both(
    "ticket.too_long", n=Said(vi=f"{MAX_LINE:,}".replace(",", "."), en=f"{MAX_LINE:,}")
)


class RoutedLine(Frozen):
    """The outcome of one input line: a decision, or the reason it was skipped."""

    __slots__ = ("decision", "error", "line", "said")
    __match_args__ = ("line", "decision", "error", "said")

    line: int
    """1-based line number in the input."""
    decision: Decision | None
    error: str | None
    """Why the line was skipped, in English."""
    said: Said | None
    """Why, in both languages (the English is :attr:`error`)."""

    def __init__(
        self,
        line: int,
        decision: Decision | None,
        error: str | None = None,
        said: Said | None = None,
    ) -> None:
        put = object.__setattr__
        put(self, "line", line)
        put(self, "decision", decision)
        put(self, "error", error)
        put(self, "said", said)

    def text(self, lang: str) -> str:
        """Why the line was skipped, in ``lang`` (``vi``, else English); empty if routed."""
        if self.said is not None and lang == "vi":
            return self.said.vi
        return self.error or ""

    def to_dict(self) -> dict[str, Any]:
        if self.decision is None:
            return {"line": self.line, "error": self.error}
        return {"line": self.line, **self.decision.to_dict()}


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise TicketInvalid(both("ticket.twice", name=f"{key:.60}"), key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise TicketInvalid(both("ticket.constant", name=name))


def parse_ticket(text: str) -> dict[str, Any]:
    """A ticket from JSON text: an object of attribute → value; raises :class:`TicketInvalid`."""
    if len(text) > MAX_LINE:
        raise TicketInvalid(_TOO_LONG)
    try:
        value = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_no_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        said = both("ticket.json", message=exc.msg, column=exc.colno)
        raise TicketInvalid(said) from None
    except TicketInvalid:
        raise
    except ValueError as exc:  # e.g. an integer longer than Python converts (4300 digits)
        raise TicketInvalid(both("ticket.json_value", message=f"{exc!s:.100}")) from None
    except RecursionError:
        raise TicketInvalid(both("ticket.nested")) from None
    if not isinstance(value, dict):
        raise TicketInvalid(both("ticket.not_object", kind=type(value).__name__))
    return value


def route_lines(router: Router, lines: Iterable[str | bytes]) -> Iterator[RoutedLine]:
    """Route each non-blank line; invalid lines yield a :class:`RoutedLine` with ``error``.

    Lines may be ``bytes`` (read from a binary file, e.g. through
    :func:`cskh_org.files.input_lines` with :data:`MAX_LINE_BYTES`): each is decoded as UTF-8
    on its own, so one badly encoded line is reported and skipped like any other invalid line;
    one of more than :data:`MAX_LINE_BYTES` bytes (a line cut there) is too long, undecoded.
    """
    route = router.route
    for number, raw in enumerate(lines, start=1):
        if (
            isinstance(raw, bytes)
            and len(raw) > MAX_LINE_BYTES
            and (len(raw.removesuffix(b"\n").removesuffix(b"\r")) > MAX_LINE_BYTES)
        ):
            yield RoutedLine(number, None, _TOO_LONG.en, _TOO_LONG)
            continue
        try:
            text = (
                raw.decode("utf-8-sig" if number == 1 else "utf-8")
                if isinstance(raw, bytes)
                else raw
            )
        except UnicodeDecodeError as exc:
            words = both("ticket.not_utf8", n=exc.start + 1)
            yield RoutedLine(number, None, words.en, words)
            continue
        if not text.strip():
            continue
        try:
            decision = route(parse_ticket(text))
        except TicketInvalid as exc:
            words = exc.words()
            yield RoutedLine(number, None, words.en, words)
            continue
        yield RoutedLine(number, decision)
