"""The compiled router: immutable, thread-safe, picklable, and fast.

Each rule's condition is compiled to boxes over finite attribute domains
(:mod:`cskh_org.routing.boxes`); every box gets a bit, in rule order, and the default a last
bit that is always set. Per attribute and element, a bitmask says which boxes allow it. To
route a ticket, AND the masks of its elements: the lowest set bit is the first rule that
matches. The masks of a ticket's enum values are ANDed once per combination and memoized;
with one number attribute, the memo keeps the few cuts of that number the combination's
remaining rules can tell apart, and the decision between each two.
Rules whose normal form is too large are marked *opaque*: their bit is always set and their
condition is evaluated directly when it comes first.
"""

from __future__ import annotations

import math
import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from cskh_org.errors import TicketInvalid
from cskh_org.model import (
    BooleanAttribute,
    EnumAttribute,
    NumberAttribute,
    TextAttribute,
    TicketSchema,
)
from cskh_org.model.routing import Routing
from cskh_org.routing.boxes import Domain, Space, TooComplex
from cskh_org.routing.reference import (
    Decision,
    PriorityScale,
    RuleTrace,
    condition_holds,
    condition_reasons,
    reference_route,
)
from cskh_org.routing.sealed import Sealed
from cskh_org.routing.semantics import MISSING
from cskh_org.routing.tickets import TicketChecker
from cskh_org.words import say

__all__ = ["Explanation", "Router"]

_MEMO_LIMIT = 1 << 18


_Cuts = tuple[tuple[int, ...], tuple[int | None, ...]]
_Entry = tuple[int, tuple[Decision | None, ...], int]
"""A memo entry: the mask of an enum combination, the decisions per bit at its priority level,
and how many of its enum attributes the ticket carries."""
_Cell = tuple[int, tuple[int, ...], tuple[Decision | None, ...], int, Decision | None]
"""A memo entry with one number attribute: the ticket's length when it carries the number, the
integer cuts that still matter for this enum combination, the decision between consecutive
cuts (``None``: the checked path), the length without the number and the decision then."""


def _int_cuts(thresholds: Sequence[Decimal]) -> _Cuts:
    """Thresholds as integers, for comparing an ``int`` value fast and exactly.

    For an integer ``v`` and any threshold ``t``: ``t < v`` exactly when ``floor(t) < v``, so
    bisecting the floors counts the thresholds below ``v``; ``v == t`` only for an integral
    ``t``. (Comparing an ``int`` with a ``Decimal`` is ten times slower than with an ``int``.)
    """
    floors = tuple(math.floor(t) for t in thresholds)
    exact = tuple(int(t) if t == t.to_integral_value() else None for t in thresholds)
    return floors, exact


class _NumberCuts:
    """The one number attribute of a router, cut per enum combination.

    A ticket's enum values leave few rules that can still match it, and only their thresholds
    can change the decision: :meth:`cell` gives, for a combination's mask, the cuts that matter
    as integers and the decision between each two, so the hot path bisects a handful of cuts
    (often none) instead of every constant of the table. Exact for ``int`` values: the element
    boundary below threshold ``t`` is ``v >= ceil(t)``, the one above it ``v >= floor(t) + 1``.
    """

    __slots__ = ("_bounds", "_changes", "_full", "_row", "_valid", "_valid_bounds")

    def __init__(self, domain: Domain, row: tuple[int, ...]) -> None:
        self._row = row
        self._valid = valid = domain.valid
        size = domain.size
        # the integer cut of the boundary between element e and e + 1 (e ≥ 1)
        self._bounds: dict[int, int] = {}
        for e in range(1, size - 1):
            t = domain.values[(e - 1) // 2]
            self._bounds[e] = math.ceil(t) if e % 2 else math.floor(t) + 1
        # the boundaries each bit's box changes at, between two valid elements
        self._valid_bounds: list[int] = []
        changes: dict[int, list[int]] = {}
        full = -1
        for e in range(1, size):
            if valid >> e & 1:
                full &= row[e]
        for e in range(1, size - 1):
            if (valid >> e & 1) != (valid >> (e + 1) & 1):
                self._valid_bounds.append(e)
                continue
            if not valid >> e & 1:
                continue
            diff = row[e] ^ row[e + 1]
            while diff:
                low = diff & -diff
                changes.setdefault(low.bit_length() - 1, []).append(e)
                diff ^= low
        self._full = full
        self._changes = changes

    def cell(self, mask: int, decisions: tuple[Decision | None, ...], present: int) -> _Cell:
        """The memo entry of an enum combination whose mask (no text) is ``mask``."""
        row, valid = self._row, self._valid

        def decide(element: int) -> Decision | None:
            if not valid >> element & 1:
                return None
            bits = mask & row[element]
            return decisions[(bits & -bits).bit_length() - 1] if bits else None

        # bits below the first one that holds for every number: only theirs can decide
        stop = mask & self._full
        live = mask & ((stop & -stop) - 1) if stop else mask
        boundaries = set(self._valid_bounds)
        changes = self._changes
        while live:
            low = live & -live
            boundaries.update(changes.get(low.bit_length() - 1, ()))
            live ^= low
        ordered = sorted(boundaries)
        cuts = tuple(self._bounds[e] for e in ordered)
        decided = tuple(decide(e + 1) for e in [0, *ordered])
        return present + 1, cuts, decided, present, decide(0)


class Explanation(Sealed):
    """The decision for a ticket and, for each rule in order, why it matched or not."""

    __slots__ = ("decision", "traces")

    def __init__(self, decision: Decision, traces: tuple[RuleTrace, ...]) -> None:
        self.decision = decision
        self.traces = traces

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision.to_dict(),
            "rules": [
                {"rule": t.rule, "matched": t.matched, "fired": t.fired, "reasons": list(t.reasons)}
                for t in self.traces
            ],
        }

    def __str__(self) -> str:
        """Each rule tried (``→`` fired, ``✓`` matched, ``✗`` not) and the decision, in
        English with the ids (``cskh-org route --explain`` says it in either language)."""
        lines = [f"{t.mark} {t.rule}: {'; '.join(t.reasons)}" for t in self.traces]
        d = self.decision
        if d.rule:
            lines.append(say("route.decided", "en", unit=d.unit, rule=d.rule))
        else:
            lines.append(say("route.decided.default", "en", unit=d.unit))
        return "\n".join(lines)


def _keyed(schema: TicketSchema) -> list[str]:
    """The attributes the fast path reads (every enum, number and boolean of the schema)."""
    return [
        n
        for n, a in schema.attributes.items()
        if isinstance(a, EnumAttribute | NumberAttribute | BooleanAttribute)
    ]


def _space(routing: Routing, schema: TicketSchema) -> Space:
    return Space(schema, (r.when for r in routing.rules), extra=_keyed(schema))


class Router(Sealed):
    """Routes tickets with a department's rules; build it with ``department.router()``.

    ``route`` is safe to call from many threads at once; the router never changes after it is
    built: no attribute can be set or deleted (:class:`Sealed`), the tables are tuples, and the
    models it reads are deep-immutable, so ``route``, ``explain`` and ``route_reference``
    always read the same rules. Only its memo of enum-value combinations grows, and every
    entry is final.
    """

    __slots__ = (
        "_bits",
        "_cell_number",
        "_cells",
        "_checker",
        "_combo_get",
        "_combos",
        "_decisions",
        "_enum_attrs",
        "_masks",
        "_no_text",
        "_opaque",
        "_other_attrs",
        "_priority",
        "_routing",
        "_schema",
        "_space",
        "_text_attrs",
        "route",
    )

    route: Callable[[object], Decision]
    """The decision for one ticket; raises :class:`TicketInvalid` naming the attribute.

    A per-instance function (not a method) so that the hot path costs a single call."""

    def __init__(self, routing: Routing, schema: TicketSchema) -> None:
        space = _space(routing, schema)
        # bits: one per box, in rule order; the default's bit is last and always set
        bits: list[int] = []
        opaque: set[int] = set()
        boxes = []
        for index, rule in enumerate(routing.rules):
            try:
                rule_boxes = space.compile(rule.when)
            except TooComplex:
                opaque.add(len(bits))
                bits.append(index)
                boxes.append(space.universe)
                continue
            for box in rule_boxes:
                bits.append(index)
                boxes.append(box)
        bits.append(len(routing.rules))
        boxes.append(space.universe)
        masks: list[tuple[int, ...]] = []
        for pos, domain in enumerate(space.domains):
            per_element = [0] * domain.size
            for bit, box in enumerate(boxes):
                allowed = box[pos] & domain.valid
                element = 0
                while allowed:
                    if allowed & 1:
                        per_element[element] |= 1 << bit
                    allowed >>= 1
                    element += 1
            masks.append(tuple(per_element))
        self._build(
            routing, schema, space, bits=tuple(bits), opaque=frozenset(opaque), masks=tuple(masks)
        )

    @classmethod
    def from_tables(
        cls,
        routing: Routing,
        schema: TicketSchema,
        *,
        bits: tuple[int, ...],
        opaque: frozenset[int],
        masks: tuple[tuple[int, ...], ...],
        space: Space | None = None,
    ) -> Router:
        """A router from tables :meth:`tables` gave, without compiling any condition (the
        caller vouches that they are this routing's: :mod:`cskh_org.routing.compiled` checks
        their shape and the documents' hash). ``space`` is :meth:`space_of` the two."""
        router = cls.__new__(cls)
        space = space if space is not None else _space(routing, schema)
        router._build(routing, schema, space, bits=bits, opaque=opaque, masks=masks)
        return router

    @staticmethod
    def space_of(routing: Routing, schema: TicketSchema) -> Space:
        """The attributes a router of these rules works over, with their domains."""
        return _space(routing, schema)

    @classmethod
    def load(
        cls, source: str | os.PathLike[str], *, documents: str | os.PathLike[str] | None = None
    ) -> Router:
        """The router saved in a router file (``cskh-org compile``), a path or its JSON text,
        rebuilt without compiling the rules; with ``documents`` (the department file), refused
        unless their content has the hash the file recorded. Raises
        :class:`~cskh_org.errors.SourceError` for a missing, damaged, stale or other-version
        file (see :func:`cskh_org.routing.compiled.load_router`)."""
        from cskh_org.routing.compiled import load_router

        return load_router(source, documents=documents).router

    def tables(self) -> tuple[tuple[int, ...], frozenset[int], tuple[tuple[int, ...], ...]]:
        """The compiled tables: the rule of each bit, the opaque bits, the masks per
        attribute of :attr:`space` and element."""
        return self._bits, self._opaque, self._masks

    @property
    def space(self) -> Space:
        """The attributes the tables are over, each with its abstract domain."""
        return self._space

    def _build(
        self,
        routing: Routing,
        schema: TicketSchema,
        space: Space,
        *,
        bits: tuple[int, ...],
        opaque: frozenset[int],
        masks: tuple[tuple[int, ...], ...],
    ) -> None:
        self._routing = routing
        self._schema = schema
        self._checker = TicketChecker(schema)
        self._priority = PriorityScale(routing, schema)
        self._space = space
        self._bits = bits
        self._opaque = opaque
        self._masks = masks
        attrs = schema.attributes
        keyed = _keyed(schema)
        targets = [*(r.to for r in routing.rules), routing.default]
        rule_ids: list[str | None] = [*(r.id for r in routing.rules), None]
        levels = max(len(self._priority.levels), 1)
        self._decisions = tuple(
            tuple(
                None
                if bit in opaque
                else self._priority.decide(targets[bits[bit]], rule_ids[bits[bit]], level)
                for bit in range(len(bits))
            )
            for level in range(levels)
        )
        self._enum_attrs = tuple(n for n in keyed if isinstance(attrs[n], EnumAttribute))
        self._other_attrs = tuple(
            (n, space.position[n], isinstance(attrs[n], BooleanAttribute))
            for n in keyed
            if not isinstance(attrs[n], EnumAttribute)
        )
        # text attributes the rules test: their masks apply after the memoized ones
        self._text_attrs = tuple(
            (d.name, pos) for pos, d in enumerate(space.domains) if d.kind == "text"
        )
        self._combos: dict[Any, _Entry] = {}
        # a ticket on the fast path carries no text: the masks of "text missing", ANDed
        no_text = -1
        for _, pos in self._text_attrs:
            no_text &= masks[pos][0]
        self._no_text = no_text
        # with exactly one number attribute: per enum combination, its few cuts and decisions
        one_number = len(self._other_attrs) == 1 and not self._other_attrs[0][2]
        self._cells: dict[Any, _Cell] | None = {} if one_number else None
        pos = self._other_attrs[0][1] if one_number else 0
        self._cell_number: _NumberCuts | None = (
            _NumberCuts(space.domains[pos], masks[pos]) if one_number else None
        )
        getter: Callable[[Mapping[str, Any]], Any]
        if self._enum_attrs:
            getter = itemgetter(*self._enum_attrs)
        else:

            def getter(_ticket: Mapping[str, Any]) -> Any:
                return ()

        self._combo_get = getter
        self.route = self._make_fast()

    # -- pickling: rebuild from the models -------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        return (Router, (self._routing, self._schema))

    @property
    def routing(self) -> Routing:
        return self._routing

    @property
    def schema(self) -> TicketSchema:
        return self._schema

    # -- routing ---------------------------------------------------------------------------

    def _make_fast(self) -> Callable[[Any], Decision]:
        """The hot path for a ``dict`` ticket whose enum combination was seen before, complete
        or missing optional attributes; anything else goes to the checked path (which
        validates and memoizes).

        Missing attributes are resolved when the memo entry is made: an absent (or ``None``)
        enum attribute is ``None`` in the combination key, and each entry keeps how many of
        its enum attributes are present. A ticket is taken on the fast path only when its
        length is exactly that count plus the number and boolean attributes it carries, so
        it holds no other key (no unknown attribute, no text, no ``None`` value); the memo
        only holds combinations that passed the checks, so every value read is valid.
        """
        slow = self._route_checked
        if any(
            isinstance(a, TextAttribute) and a.required for a in self._schema.attributes.values()
        ):
            return slow  # a valid ticket carries text, which only the checked path reads
        no_text = self._no_text  # a ticket on the fast path carries no text
        combos = self._combos
        full_key = self._combo_get
        n_full = len(self._enum_attrs) + len(self._other_attrs)
        # a partial ticket's key: the absent enum attributes read as None
        enum_attrs = self._enum_attrs
        # (written out in each hot path below: a call to a helper costs more than the key)
        one_enum = len(enum_attrs) == 1
        only = enum_attrs[0] if one_enum else ""

        others: list[tuple[str, bool, _Cuts, tuple[int, ...], tuple[int, ...], int]] = []
        for name, pos, boolean in self._other_attrs:
            domain = self._space.domains[pos]
            masks = self._masks[pos]
            if boolean:
                others.append((name, True, ((), ()), masks[1::1], masks, masks[0]))
            else:
                # element 2i+1 = open region below threshold i, 2i+2 = the threshold itself
                others.append(
                    (name, False, _int_cuts(domain.values), masks[1::2], masks[2::2], masks[0])
                )
        if not others:

            def fast(ticket: Any) -> Decision:
                if type(ticket) is not dict:
                    return slow(ticket)
                try:
                    mask, decisions, count = combos[
                        (
                            full_key(ticket)
                            if len(ticket) == n_full
                            else ticket.get(only)
                            if one_enum
                            else tuple(map(ticket.get, enum_attrs))
                        )
                    ]
                except (KeyError, TypeError):
                    return slow(ticket)
                if len(ticket) != count:
                    return slow(ticket)
                mask &= no_text
                return decisions[(mask & -mask).bit_length() - 1] or slow(ticket)

            return fast
        if self._cells is not None:
            name = others[0][0]
            cells = self._cells

            def fast_one(ticket: Any) -> Decision:
                if type(ticket) is not dict:
                    return slow(ticket)
                try:
                    with_number, cuts, decided, without, missing = cells[
                        (
                            full_key(ticket)
                            if len(ticket) == n_full
                            else ticket.get(only)
                            if one_enum
                            else tuple(map(ticket.get, enum_attrs))
                        )
                    ]
                except (KeyError, TypeError):
                    return slow(ticket)
                value = ticket.get(name)
                if type(value) is int and len(ticket) == with_number:
                    return decided[bisect_right(cuts, value)] or slow(ticket)
                if value is None and len(ticket) == without:
                    return missing or slow(ticket)
                return slow(ticket)

            return fast_one

        def fast_many(ticket: Any) -> Decision:
            if type(ticket) is not dict:
                return slow(ticket)
            try:
                mask, decisions, count = combos[
                    (
                        full_key(ticket)
                        if len(ticket) == n_full
                        else ticket.get(only)
                        if one_enum
                        else tuple(map(ticket.get, enum_attrs))
                    )
                ]
            except (KeyError, TypeError):
                return slow(ticket)
            mask &= no_text
            for name, boolean, (floors, exact), regions, points, missing in others:
                value = ticket.get(name)
                if value is None:
                    mask &= missing  # nothing if the attribute is required: the checked path
                    continue
                count += 1
                if boolean:
                    if type(value) is not bool:
                        return slow(ticket)
                    mask &= points[2 if value else 1]
                    continue
                if type(value) is not int:
                    return slow(ticket)
                i = bisect_left(floors, value)
                mask &= points[i] if i < len(floors) and exact[i] == value else regions[i]
            if not mask or len(ticket) != count:
                return slow(ticket)
            return decisions[(mask & -mask).bit_length() - 1] or slow(ticket)

        return fast_many

    def route_many(self, tickets: Any) -> list[Decision]:
        """Decisions for many tickets, in order."""
        return list(map(self.route, tickets))

    def _key(self, data: Mapping[str, Any]) -> Any:
        """The combination key of a checked ticket: ``None`` for a missing enum attribute."""
        key: Any = tuple(data.get(a) for a in self._enum_attrs)
        return key[0] if len(self._enum_attrs) == 1 else key

    def _entry(self, key: Any, data: Mapping[str, Any]) -> _Entry:
        found = self._combos.get(key)
        if found is not None:
            return found
        mask = -1
        space = self._space
        for name in self._enum_attrs:
            pos = space.position[name]
            mask &= self._masks[pos][space.domains[pos].element(data.get(name, MISSING))]
        present = sum(data.get(name) is not None for name in self._enum_attrs)
        level = self._priority.index(data) if self._priority.levels else 0
        entry = (mask, self._decisions[level], present)
        if len(self._combos) < _MEMO_LIMIT:
            self._combos[key] = entry
        return entry

    def _route_checked(self, ticket: object) -> Decision:
        data = self._checker.check(ticket)
        key = self._key(data)
        combo, decisions, present = self._entry(key, data)
        cells = self._cells
        if cells is not None and key not in cells and len(cells) < _MEMO_LIMIT:
            assert self._cell_number is not None
            cells[key] = self._cell_number.cell(combo & self._no_text, decisions, present)
        mask = combo
        space = self._space
        for name, pos, _ in self._other_attrs:
            mask &= self._masks[pos][space.domains[pos].element(data.get(name, MISSING))]
        for name, pos in self._text_attrs:
            mask &= self._masks[pos][space.domains[pos].element(data.get(name, MISSING))]
        return self._first(mask, decisions, data)

    def _first(
        self, mask: int, decisions: tuple[Decision | None, ...], data: Mapping[str, Any]
    ) -> Decision:
        while True:
            if not mask:  # cannot happen for a validated ticket: the default bit is always set
                raise TicketInvalid("the ticket falls outside every rule and the default")
            bit = (mask & -mask).bit_length() - 1
            decision = decisions[bit]
            if decision is not None:
                return decision
            rule = self._routing.rules[self._bits[bit]]
            if condition_holds(rule.when, data):
                return self._priority.decide(rule.to, rule.id, self._priority.index(data))
            mask &= ~(1 << bit)

    def route_reference(self, ticket: object) -> Decision:
        """The decision by the plain first-match evaluator (for tests and comparisons)."""
        return reference_route(self._routing, self._priority, self._checker.check(ticket))

    def explain(self, ticket: object) -> Explanation:
        """The decision, and for each rule why it matched or not."""
        data = self._checker.check(ticket)
        decision = self.route(data)
        traces = []
        fired = False  # only the first matching rule fires (ids may repeat in a bad table)
        for rule in self._routing.rules:
            matched, why = condition_reasons(rule.when, data)
            first = matched and not fired and decision.rule is not None
            fired = fired or first
            reasons = tuple(reason.text() for reason in why)
            traces.append(RuleTrace(rule.id, matched, reasons, fired=first, why=tuple(why)))
        return Explanation(decision, tuple(traces))

    def check_ticket(self, ticket: object) -> dict[str, Any]:
        """The ticket's attributes, validated against the schema (raises TicketInvalid)."""
        return self._checker.check(ticket)
