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

import contextlib
import functools
import itertools
import math
import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from cskh_org.errors import TicketInvalid
from cskh_org.routing.decision import Decision, PriorityScale, RuleTrace, Target, Targets
from cskh_org.routing.sealed import Sealed
from cskh_org.routing.tickets import TicketChecker, TicketRules
from cskh_org.routing.values import MISSING, element_of
from cskh_org.words import say

if TYPE_CHECKING:
    from cskh_org.model import TicketSchema
    from cskh_org.model.routing import Routing
    from cskh_org.routing.boxes import Domain, Space

__all__ = ["Elements", "Explanation", "Router"]

_MEMO_LIMIT = 1 << 18


_Cuts = tuple[tuple[int, ...], tuple[int | None, ...]]
_Entry = tuple[int, list[Decision | None], int]
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


def _absent_as_none(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """``lambda t: tuple(t.get(n) for n in names)``, as fast as ``itemgetter(*names)``.

    The combination key of a ticket missing optional attributes: absent reads as ``None``.
    Written out for up to eight attributes, since ``tuple(map(ticket.get, names))`` costs
    twice an ``itemgetter`` (the iterator and a call per name) and the ticket is the
    caller's plain ``dict``, with no ``__missing__`` to give a default."""
    if len(names) > 8:
        return lambda t: tuple(map(t.get, names))
    a, b, c, d, e, f, g, h = (*names, *[""] * (8 - len(names)))
    getters: tuple[Callable[[Mapping[str, Any]], tuple[Any, ...]], ...] = (
        lambda t: (),
        lambda t: (t.get(a),),
        lambda t: (t.get(a), t.get(b)),
        lambda t: (t.get(a), t.get(b), t.get(c)),
        lambda t: (t.get(a), t.get(b), t.get(c), t.get(d)),
        lambda t: (t.get(a), t.get(b), t.get(c), t.get(d), t.get(e)),
        lambda t: (t.get(a), t.get(b), t.get(c), t.get(d), t.get(e), t.get(f)),
        lambda t: (t.get(a), t.get(b), t.get(c), t.get(d), t.get(e), t.get(f), t.get(g)),
        lambda t: (t.get(a), t.get(b), t.get(c), t.get(d), t.get(e), t.get(f), t.get(g), t.get(h)),
    )
    return getters[len(names)]


class _NumberCuts:
    """The one number attribute of a router, cut per enum combination.

    A ticket's enum values leave few rules that can still match it, and only their thresholds
    can change the decision: :meth:`cell` gives, for a combination's mask, the cuts that matter
    as integers and the decision between each two, so the hot path bisects a handful of cuts
    (often none) instead of every constant of the table. Exact for ``int`` values: the element
    boundary below threshold ``t`` is ``v >= ceil(t)``, the one above it ``v >= floor(t) + 1``.
    """

    __slots__ = ("_bounds", "_changes", "_full", "_row", "_valid", "_valid_bounds")

    def __init__(self, domain: Elements, row: tuple[int, ...]) -> None:
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

    def cell(self, mask: int, made: Callable[[int], Decision | None], present: int) -> _Cell:
        """The memo entry of an enum combination whose mask (no text) is ``mask``; ``made``
        gives the decision of a bit (``None`` for an opaque rule's)."""
        row, valid = self._row, self._valid

        def decide(element: int) -> Decision | None:
            if not valid >> element & 1:
                return None
            bits = mask & row[element]
            return made((bits & -bits).bit_length() - 1) if bits else None

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


class Elements(Sealed):
    """One attribute's abstract elements as the router reads them (element 0 is ``MISSING``):
    what a :class:`~cskh_org.routing.boxes.Domain` says, without the models, so that a router
    file can give it too (:meth:`of`, :meth:`to_data`, :meth:`from_data`)."""

    __slots__ = ("_index", "kind", "name", "size", "valid", "values")

    def __init__(self, name: str, kind: str, values: tuple[Any, ...], valid: int) -> None:
        self.name = name
        self.kind = kind
        self.values = values
        """enum/text: the concrete value of element i+1; number: the sorted thresholds."""
        self.valid = valid
        """Elements a valid ticket can take."""
        if kind == "number":
            self.size = 2 * len(values) + 2
        elif kind == "boolean":
            self.size = 3
        else:
            self.size = len(values) + (2 if kind == "text" else 1)
        self._index: Mapping[Any, int] = (
            {v: i + 1 for i, v in enumerate(values)} if kind in ("enum", "text") else {}
        )

    @classmethod
    def of(cls, domain: Domain) -> Elements:
        values = () if domain.kind == "boolean" else tuple(domain.values)
        return cls(domain.name, domain.kind, values, domain.valid)

    def element(self, value: Any) -> int:
        """The element a (validated) concrete value falls in (as ``Domain.element``)."""
        return element_of(self.kind, self.values, self._index, self.size, value)

    def to_data(self) -> dict[str, Any]:
        """The elements as a router file writes them."""
        return {
            "name": self.name,
            "kind": self.kind,
            "values": list(self.values),
            "valid": format(self.valid, "x"),
        }

    @classmethod
    def from_data(cls, data: object, rules: TicketRules) -> Elements | None:
        """The elements :meth:`to_data` wrote, or ``None`` when they cannot be the elements of
        an attribute of ``rules`` (a damaged file)."""
        if not isinstance(data, dict) or set(data) != {"name", "kind", "values", "valid"}:
            return None
        name, kind, values, valid = data["name"], data["kind"], data["values"], data["valid"]
        spec = rules.attributes.get(name) if isinstance(name, str) else None
        if spec is None or kind != spec.type or not isinstance(values, list):
            return None
        if not isinstance(valid, str) or not valid or len(valid) > 4 * len(values) + 4:
            return None  # longer than the mask of any domain with this many values
        try:
            valid_mask = int(valid, 16)
        except ValueError:
            return None
        if valid != format(valid_mask, "x"):
            return None
        if kind == "enum" and tuple(values) != spec.values:
            return None
        if kind == "boolean" and values:
            return None
        if kind == "text" and (
            not all(type(v) is str for v in values) or values != sorted(set(values))
        ):
            return None
        if kind == "number":
            if not all(isinstance(v, Decimal | int) and type(v) is not bool for v in values):
                return None
            values = [Decimal(v) for v in values]
            if not all(v.is_finite() for v in values) or any(
                a >= b for a, b in itertools.pairwise(values)
            ):
                return None
        elements = cls(name, kind, tuple(values), valid_mask)
        if valid_mask >> elements.size:
            return None
        return elements


class _Target(Sealed):
    """Where a rule sends a ticket, read from a router file (a ``RouteTarget``'s fields)."""

    __slots__ = ("priority", "skills", "unit")

    unit: str
    skills: tuple[str, ...]
    priority: int

    def __init__(self, unit: str, skills: tuple[str, ...], priority: int) -> None:
        put = object.__setattr__  # a new object's empty slots (a router file has thousands)
        put(self, "unit", unit)
        put(self, "skills", skills)
        put(self, "priority", priority)


def target_of(data: object) -> Target | None:
    """A rule's target as a router file writes it (``{unit, skills?, priority?}`` or the unit's
    id), or ``None`` when it is not one the model accepts."""
    if isinstance(data, str):
        data = {"unit": data}
    if not isinstance(data, dict) or not set(data) <= {"unit", "skills", "priority"}:
        return None
    unit, skills, priority = data.get("unit"), data.get("skills", []), data.get("priority", 0)
    if not isinstance(unit, str) or not unit:
        return None
    if not isinstance(skills, list) or not all(isinstance(k, str) and k for k in skills):
        return None
    if type(priority) is not int or not -10 <= priority <= 10:
        return None
    return _Target(unit, tuple(skills), priority)


def _keyed(rules: TicketRules) -> list[str]:
    """The attributes the fast path reads (every enum, number and boolean of the schema)."""
    return [n for n, a in rules.attributes.items() if a.type in ("enum", "number", "boolean")]


def _space(routing: Routing, schema: TicketSchema) -> Space:
    from cskh_org.routing.boxes import Space

    return Space(schema, (r.when for r in routing.rules), extra=_keyed(TicketRules.of(schema)))


class Router(Sealed):
    """Routes tickets with a department's rules; build it with ``department.router()``.

    ``route`` is safe to call from many threads at once; the router never changes after it is
    built: no attribute can be set or deleted (:class:`Sealed`), the tables are tuples, and the
    models it reads are deep-immutable, so ``route``, ``explain`` and ``route_reference``
    always read the same rules. Only its memo of enum-value combinations grows, and every
    entry is final. A router read from a router file (:meth:`from_parts`) builds its
    ``routing`` and ``schema`` models only when something asks for them.
    """

    __slots__ = (
        "_bits",
        "_cell_number",
        "_cells",
        "_checker",
        "_combo_get",
        "_combos",
        "_decisions",
        "_domains",
        "_enum_attrs",
        "_load_models",
        "_masks",
        "_models",
        "_no_text",
        "_opaque",
        "_other_attrs",
        "_position",
        "_priority",
        "_rule_ids",
        "_spaces",
        "_targets",
        "_text_attrs",
        "route",
    )

    _spaces: tuple[Space]
    _models: tuple[Routing, TicketSchema]
    _load_models: Callable[[], tuple[Routing, TicketSchema]]
    route: Callable[[object], Decision]
    """The decision for one ticket; raises :class:`TicketInvalid` naming the attribute.

    A per-instance function (not a method) so that the hot path costs a single call."""

    def __init__(self, routing: Routing, schema: TicketSchema) -> None:
        from cskh_org.routing.boxes import TooComplex

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
        self._from_models(
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
        router._from_models(routing, schema, space, bits=bits, opaque=opaque, masks=masks)
        return router

    @classmethod
    def from_parts(
        cls,
        rules: TicketRules,
        priority: PriorityScale,
        targets: Targets,
        rule_ids: Sequence[str],
        domains: Sequence[Elements],
        *,
        bits: tuple[int, ...],
        opaque: frozenset[int],
        masks: tuple[tuple[int, ...], ...],
        models: Callable[[], tuple[Routing, TicketSchema]],
    ) -> Router:
        """A router from plain parts, without the models (a router file read without pydantic):
        the ticket rules, the priority scale, each rule's target then the default's, the rule
        ids, the elements of each attribute of the tables and the tables. ``models`` gives
        the ``Routing`` and ``TicketSchema`` models when :attr:`routing`, :attr:`schema`,
        ``explain``, ``route_reference`` or an opaque rule first need them; the caller
        vouches that the parts are theirs (:mod:`cskh_org.routing.compiled` checks shapes)."""
        router = cls.__new__(cls)
        router._load_models = models
        router._build(
            TicketChecker(rules),
            priority,
            targets,
            (*rule_ids, None),
            tuple(domains),
            bits=bits,
            opaque=opaque,
            masks=masks,
        )
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
    def ticket_rules(self) -> TicketRules:
        """The ticket schema as the checker reads it (plain values, no model)."""
        return self._checker.rules

    @property
    def elements(self) -> tuple[Elements, ...]:
        """The attributes of the tables, in :attr:`space`'s order, each with its elements."""
        return self._domains

    @property
    def space(self) -> Space:
        """The attributes the tables are over, each with its abstract domain."""
        try:
            return self._spaces[0]
        except AttributeError:
            pass
        routing, schema = self._both()
        with_space = (_space(routing, schema),)
        with contextlib.suppress(AttributeError):  # another thread was first: the same space
            self._spaces = with_space
        return self._spaces[0]

    def _both(self) -> tuple[Routing, TicketSchema]:
        """The routing and schema models, built on first use for a router made of parts."""
        try:
            return self._models
        except AttributeError:
            pass
        models = self._load_models()
        with contextlib.suppress(AttributeError):  # another thread was first: the same models
            self._models = models
        return self._models

    def _from_models(
        self,
        routing: Routing,
        schema: TicketSchema,
        space: Space,
        *,
        bits: tuple[int, ...],
        opaque: frozenset[int],
        masks: tuple[tuple[int, ...], ...],
    ) -> None:
        models = (routing, schema)
        self._models = models
        self._load_models = lambda: models
        self._spaces = (space,)
        self._build(
            TicketChecker(schema),
            PriorityScale(routing, schema),
            (*(r.to for r in routing.rules), routing.default),
            (*(r.id for r in routing.rules), None),
            tuple(Elements.of(d) for d in space.domains),
            bits=bits,
            opaque=opaque,
            masks=masks,
        )

    def _build(
        self,
        checker: TicketChecker,
        priority: PriorityScale,
        targets: Targets,
        rule_ids: tuple[str | None, ...],
        domains: tuple[Elements, ...],
        *,
        bits: tuple[int, ...],
        opaque: frozenset[int],
        masks: tuple[tuple[int, ...], ...],
    ) -> None:
        self._checker = checker
        self._priority = priority
        self._domains = domains
        self._position = {d.name: i for i, d in enumerate(domains)}
        self._bits = bits
        self._opaque = opaque
        self._masks = masks
        attrs = checker.attributes
        keyed = _keyed(checker.rules)
        # each priority level's decisions, each made when a ticket first needs it (a cold
        # process routing one ticket makes one decision, not one per rule and level)
        self._targets = targets
        self._rule_ids = rule_ids
        self._decisions: list[list[Decision | None] | None] = [None] * max(
            len(self._priority.levels), 1
        )
        self._enum_attrs = tuple(n for n in keyed if attrs[n].type == "enum")
        self._other_attrs = tuple(
            (n, self._position[n], attrs[n].type == "boolean")
            for n in keyed
            if attrs[n].type != "enum"
        )
        # text attributes the rules test: their masks apply after the memoized ones
        self._text_attrs = tuple((d.name, pos) for pos, d in enumerate(domains) if d.kind == "text")
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
            _NumberCuts(domains[pos], masks[pos]) if one_number else None
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
        return (Router, self._both())

    @property
    def routing(self) -> Routing:
        return self._both()[0]

    @property
    def schema(self) -> TicketSchema:
        return self._both()[1]

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
        if any(a.type == "text" and a.required for a in self._checker.attributes.values()):
            return slow  # a valid ticket carries text, which only the checked path reads
        no_text = self._no_text  # a ticket on the fast path carries no text
        combos = self._combos
        full_key = self._combo_get
        n_full = len(self._enum_attrs) + len(self._other_attrs)
        # a partial ticket's key: the absent enum attributes read as None
        enum_attrs = self._enum_attrs
        part_key: Callable[[Mapping[str, Any]], Any]
        if len(enum_attrs) == 1:
            only = enum_attrs[0]

            def part_key(ticket: Mapping[str, Any]) -> Any:
                return ticket.get(only)
        else:
            part_key = _absent_as_none(enum_attrs)

        others: list[tuple[str, bool, _Cuts, tuple[int, ...], tuple[int, ...], int]] = []
        for name, pos, boolean in self._other_attrs:
            domain = self._domains[pos]
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
                        (full_key(ticket) if (size := len(ticket)) == n_full else part_key(ticket))
                    ]
                except (KeyError, TypeError):
                    return slow(ticket)
                if size != count:
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
                        (full_key(ticket) if (size := len(ticket)) == n_full else part_key(ticket))
                    ]
                except (KeyError, TypeError):
                    return slow(ticket)
                value = ticket.get(name)
                if type(value) is int and size == with_number:
                    return decided[bisect_right(cuts, value)] or slow(ticket)
                if value is None and size == without:
                    return missing or slow(ticket)
                return slow(ticket)

            return fast_one

        def fast_many(ticket: Any) -> Decision:
            if type(ticket) is not dict:
                return slow(ticket)
            try:
                mask, decisions, count = combos[
                    (full_key(ticket) if len(ticket) == n_full else part_key(ticket))
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
        domains = self._domains
        for name in self._enum_attrs:
            pos = self._position[name]
            mask &= self._masks[pos][domains[pos].element(data.get(name, MISSING))]
        present = sum(data.get(name) is not None for name in self._enum_attrs)
        level = self._priority.index(data)
        entry = (mask, self._decisions[level] or self._level(level), present)
        if len(self._combos) < _MEMO_LIMIT:
            self._combos[key] = entry
        return entry

    def _level(self, level: int) -> list[Decision | None]:
        """The decisions of the bits for tickets of priority ``level``: ``None`` until
        :meth:`_made` makes one (two threads may both make it: the same decision)."""
        made: list[Decision | None] = [None] * len(self._bits)
        self._decisions[level] = made
        return made

    def _made(self, decisions: list[Decision | None], bit: int, level: int) -> Decision | None:
        """The decision of ``bit`` in the decisions of priority ``level``, made the first time
        it is asked for (``None`` for an opaque rule's bit: its condition decides)."""
        decision = decisions[bit]
        if decision is None and bit not in self._opaque:
            rule = self._bits[bit]
            decision = self._priority.decide(self._targets[rule], self._rule_ids[rule], level)
            decisions[bit] = decision
        return decision

    def _route_checked(self, ticket: object) -> Decision:
        data = self._checker.check(ticket)
        key = self._key(data)
        combo, decisions, present = self._entry(key, data)
        level = self._priority.index(data)
        cells = self._cells
        if cells is not None and key not in cells and len(cells) < _MEMO_LIMIT:
            assert self._cell_number is not None
            made = functools.partial(self._made, decisions, level=level)
            cells[key] = self._cell_number.cell(combo & self._no_text, made, present)
        mask = combo
        domains = self._domains
        for name, pos, _ in self._other_attrs:
            mask &= self._masks[pos][domains[pos].element(data.get(name, MISSING))]
        for name, pos in self._text_attrs:
            mask &= self._masks[pos][domains[pos].element(data.get(name, MISSING))]
        return self._first(mask, decisions, data, level)

    def _first(
        self, mask: int, decisions: list[Decision | None], data: Mapping[str, Any], level: int
    ) -> Decision:
        """The first rule of ``mask`` that decides a ticket of priority ``level``: its bit's
        decision, or an opaque rule whose condition holds for ``data``."""
        while True:
            if not mask:  # cannot happen for a validated ticket: the default bit is always set
                raise TicketInvalid("the ticket falls outside every rule and the default")
            bit = (mask & -mask).bit_length() - 1
            decision = self._made(decisions, bit, level)
            if decision is not None:
                return decision
            from cskh_org.routing.reference import condition_holds

            rule = self.routing.rules[self._bits[bit]]
            if condition_holds(rule.when, data):
                return self._priority.decide(rule.to, rule.id, level)
            mask &= ~(1 << bit)

    def route_reference(self, ticket: object) -> Decision:
        """The decision by the plain first-match evaluator (for tests and comparisons)."""
        from cskh_org.routing.reference import reference_route

        return reference_route(self.routing, self._priority, self._checker.check(ticket))

    def explain(self, ticket: object) -> Explanation:
        """The decision, and for each rule why it matched or not."""
        from cskh_org.routing.reference import condition_reasons

        data = self._checker.check(ticket)
        decision = self.route(data)
        traces = []
        fired = False  # only the first matching rule fires (ids may repeat in a bad table)
        for rule in self.routing.rules:
            matched, why = condition_reasons(rule.when, data)
            first = matched and not fired and decision.rule is not None
            fired = fired or first
            reasons = tuple(reason.text() for reason in why)
            traces.append(RuleTrace(rule.id, matched, reasons, fired=first, why=tuple(why)))
        return Explanation(decision, tuple(traces))

    def check_ticket(self, ticket: object) -> dict[str, Any]:
        """The ticket's attributes, validated against the schema (raises TicketInvalid)."""
        return self._checker.check(ticket)
