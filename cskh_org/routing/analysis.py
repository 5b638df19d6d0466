"""Static analysis of a rule table: which rules can fire, and what falls through to the default.

Each condition is compiled to boxes (:mod:`cskh_org.routing.boxes`), an exact representation
over finite abstract domains, so the answers are exact, with two honest limits: a condition
whose normal form is too large, and a subtraction that splits into too many pieces, make the
answer ``unknown`` instead of a guess.

* A rule is **unsatisfiable** when no valid ticket satisfies its condition.
* A rule is **shadowed** when every ticket it matches is matched by some earlier rule (one
  rule or the union of several); the covering rules are named.
* A rule is **reachable** otherwise, with a *witness*: a ticket it decides.
* The **fall-through** is the set of tickets no rule matches (they go to ``default``),
  described compactly as merged boxes, each with a witness ticket.
"""

from __future__ import annotations

import enum
import itertools
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from cskh_org.model import TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing.boxes import Box, Space, TooComplex
from cskh_org.words import Said, both
from cskh_org.words import routing as _words  # noqa: F401  (registers the reasons)

__all__ = [
    "NO_REASON",
    "Fallthrough",
    "Reach",
    "RoutingAnalysis",
    "RuleAnalysis",
    "analyse_routing",
    "merge_boxes",
]

PIECE_LIMIT = 4096
"""Most disjoint pieces a rule's remainder (or the fall-through) may split into."""
COVER_AFTER = 2048
"""Subtractions one rule's search may take before the cover is woken (:class:`_Cover`)."""
COVER_LIMIT = 32_768
"""Most pieces the cover's fall-through may split into before the cover is given up."""
WORK_LIMIT = 2_000_000
"""Most box subtractions the whole analysis may perform before it answers ``unknown``."""
NO_REASON: Said = Said(vi="", en="")
"""The reason of a verdict that is not ``unknown``: none."""


class Reach(enum.StrEnum):
    """What the analysis proved about a rule."""

    REACHABLE = "reachable"
    SHADOWED = "shadowed"
    UNSATISFIABLE = "unsatisfiable"
    UNKNOWN = "unknown"


class _Lazy:
    """A dataclass field whose value may be given as a :class:`_Later`, worked out on first
    read (equality and ``repr`` read it too)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = f"_{name}"

    def __get__(self, obj: object, objtype: type | None = None) -> Any:
        if obj is None:
            return ()
        value = obj.__dict__[self.key]
        if isinstance(value, _Later):
            value = value()
            obj.__dict__[self.key] = value
        return value

    def __set__(self, obj: object, value: Any) -> None:
        obj.__dict__[self.key] = value


@dataclass(frozen=True)
class RuleAnalysis:
    """The verdict on one rule."""

    index: int
    rule: str
    reach: Reach
    covered_by: tuple[str, ...] = ()
    """For a shadowed rule: the earlier rules that together cover it, in order."""
    witness: dict[str, Any] | None = None
    """For a reachable rule: a ticket (the attributes that matter) this rule decides."""
    regions: tuple[Box, ...] = _Lazy()  # type: ignore[assignment]
    """For a reachable rule: the tickets it decides, as disjoint boxes (the pieces of taking
    every earlier box out of the rule's, in order; cut when first read)."""
    reason: Said = NO_REASON
    """For an unknown verdict: why the analysis gave up, in both languages."""


@dataclass(frozen=True)
class Fallthrough:
    """The tickets that reach the default target; ``known`` is False when not computed."""

    known: bool
    regions: tuple[Box, ...] = ()
    descriptions: tuple[str, ...] = ()
    witnesses: tuple[dict[str, Any], ...] = ()
    reason: Said = NO_REASON
    """When not ``known``: why, in both languages."""
    descriptions_vi: tuple[str, ...] = ()
    """:attr:`descriptions` in Vietnamese."""

    @property
    def empty(self) -> bool:
        return self.known and not self.regions


@dataclass(frozen=True)
class RoutingAnalysis:
    """Per-rule verdicts and the fall-through, over one :class:`Space`."""

    space: Space
    rules: tuple[RuleAnalysis, ...]
    fallthrough: Fallthrough

    def channels(self, regions: Sequence[Box], attribute: str = "channel") -> frozenset[str]:
        """The values of an enum attribute that tickets in ``regions`` can carry."""
        pos = self.space.position.get(attribute)
        if pos is None:
            return frozenset()
        domain = self.space.domains[pos]
        mask = 0
        for box in regions:
            mask |= box[pos]
        return frozenset(domain.labels[i] for i in range(1, domain.size) if mask >> i & 1)


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise TooComplex


class _Packing:
    """Boxes of one space packed into one integer each: the attributes' masks side by side,
    each followed by a guard bit, so that "do two boxes intersect?" is three integer
    operations: ``a & b`` has every field non-zero exactly when adding the all-ones of every
    field carries into every guard bit."""

    def __init__(self, space: Space) -> None:
        self.offsets: list[int] = []
        self.widths: list[int] = []
        self.fields: list[int] = []
        offset = 0
        for domain in space.domains:
            width = domain.size
            self.offsets.append(offset)
            self.widths.append(width)
            self.fields.append(((1 << width) - 1) << offset)
            offset += width + 1
        self.ones = sum(self.fields)
        self.cuts = [(field, ~field) for field in self.fields]
        """Each field with its complement (the mask that clears it), for the subtractions."""
        self.guards = sum(1 << (o + w) for o, w in zip(self.offsets, self.widths, strict=True))
        self.universe = self.pack(space.universe)
        self.full = [mask << o for mask, o in zip(space.universe, self.offsets, strict=True)]
        self.shifts = [(o, (1 << w) - 1) for o, w in zip(self.offsets, self.widths, strict=True)]
        self.universe_masks = list(space.universe)

    def pack(self, box: Box) -> int:
        packed = 0
        for mask, offset in zip(box, self.offsets, strict=True):
            packed |= mask << offset
        return packed

    def unpack(self, packed: int) -> Box:
        return tuple([packed >> o & m for o, m in self.shifts])

    def meets(self, a: int, b: int) -> bool:
        return ((a & b) + self.ones) & self.guards == self.guards

    def subtract(self, a: int, b: int) -> list[int]:
        """:func:`~cskh_org.routing.boxes.subtract` on packed boxes that intersect: the same
        pieces in the same order."""
        outside_all = a & ~b
        if not outside_all:
            return []
        pieces: list[int] = []
        current = a
        inside = a & b
        for field, clear in self.cuts:
            outside = outside_all & field
            if outside:
                kept = current & clear
                pieces.append(kept | outside)
                current = kept | inside & field
        return pieces


class _Region:
    """Disjoint packed boxes, kept as the tree of the subtractions that cut them: a node's box
    contains every piece below it, so one cut visits only the nodes its box meets. The leaves,
    left to right, are the pieces in the order a plain list of pieces would have them."""

    __slots__ = ("count", "packing", "root")

    def __init__(self, packing: _Packing, pieces: Sequence[int]) -> None:
        self.packing = packing
        self.root: list[list[Any]] = [[p, None] for p in pieces]
        self.count = len(pieces)

    def cut(self, box: int, budget: _Budget, taken: list[int] | None = None) -> int:
        """Take ``box`` out of every piece it meets (one subtraction each, spent from the
        budget); the number of pieces it met. The parts taken (each piece's intersection
        with ``box``) are appended to ``taken`` when it is given. (:meth:`_Packing.subtract`,
        written out.)"""
        packing = self.packing
        ones, guards, cuts = packing.ones, packing.guards, packing.cuts
        hits = 0
        stack = [self.root]
        while stack:
            nodes = stack.pop()
            dead = False
            for node in nodes:
                piece = node[0]
                if ((piece & box) + ones) & guards != guards:
                    continue
                below = node[1]
                if below is None:
                    hits += 1
                    budget.left -= 1
                    if budget.left < 0:
                        raise TooComplex
                    if taken is not None:
                        taken.append(piece & box)
                    outside_all = piece & ~box
                    if not outside_all:
                        self.count -= 1
                        node[1] = []
                        dead = True
                        continue
                    inside = piece & box
                    pieces: list[list[Any]] = []
                    current = piece
                    for field, clear in cuts:
                        outside = outside_all & field
                        if outside:
                            kept = current & clear
                            pieces.append([kept | outside, None])
                            current = kept | inside & field
                    if len(pieces) == 1:
                        node[0] = pieces[0][0]
                    else:
                        self.count += len(pieces) - 1
                        node[1] = pieces
                elif below:
                    stack.append(below)
                else:
                    dead = True
            if dead:
                nodes[:] = [
                    n if n[1] is None or len(n[1]) != 1 else n[1][0]
                    for n in nodes
                    if n[1] is None or n[1]
                ]
        return hits

    def meets(self, box: int) -> bool:
        """Whether ``box`` meets some piece (visiting only the nodes it meets)."""
        ones, guards = self.packing.ones, self.packing.guards
        stack = [self.root]
        while stack:
            for node in stack.pop():
                if ((node[0] & box) + ones) & guards == guards:
                    below = node[1]
                    if below is None:
                        return True
                    if below:
                        stack.append(below)
        return False

    def pieces(self) -> list[int]:
        out: list[int] = []
        stack = [iter(self.root)]
        while stack:
            for node in stack[-1]:
                below = node[1]
                if below is None:
                    out.append(node[0])
                elif below:
                    stack.append(iter(below))
                    break
            else:
                stack.pop()
        return out


class _Earlier:
    """The boxes of the rules so far, in order, indexed by attribute element: which of them can
    meet a region is a few integer ORs and ANDs over bitsets of their positions."""

    def __init__(self, packing: _Packing) -> None:
        self.packing = packing
        self.spans = [-(-w // _INDEX_WIDTH) if w > _INDEX_WIDTH else 1 for w in packing.widths]
        """Per attribute: how many elements share one entry of the index. 1 (every element
        its own), except that an attribute wider than ``_INDEX_WIDTH`` elements (an order
        value cut into hundreds of ranges) is indexed by runs of consecutive elements, at
        most ``_INDEX_WIDTH`` of them: adding a box then costs at most that many steps per
        attribute, and :meth:`meeting` finds a few more boxes that do not meet (each is
        tested, so the answers are the same)."""
        self._runs: list[dict[int, int]] = [{} for _ in packing.widths]
        """Per attribute indexed by runs: a mask's runs, remembered."""
        self.boxes: list[int] = []
        self.owners: list[int] = []
        self.index: list[list[int]] = [
            [0] * -(-w // span) for w, span in zip(packing.widths, self.spans, strict=True)
        ]
        self.whole = [0] * len(packing.widths)
        """Per attribute: the boxes that allow every valid element of it."""
        self._known = -1
        self._unions: list[dict[int, int]] = []
        """Per attribute: the boxes meeting a mask, remembered while no box is added."""

    def add(self, box: int, owner: int) -> None:
        self.add_many([box], owner)

    def add_many(self, boxes: Sequence[int], owner: int) -> None:
        """Add ``boxes``, all of ``owner``: their bits are gathered into small integers first
        (per mask, then per entry of the index) and shifted into the index once per entry
        they touch, not once per box or per mask: an entry of a long table is a long
        integer, and each change to it copies all of it."""
        start = len(self.boxes)
        self.boxes.extend(boxes)
        self.owners.extend([owner] * len(boxes))
        packing = self.packing
        for k, (offset, full) in enumerate(zip(packing.offsets, packing.full, strict=True)):
            field = packing.fields[k]
            alike: dict[int, int] = {}  # a mask of attribute k: the boxes that have it
            for i, box in enumerate(boxes):
                mask = box & field
                alike[mask] = alike.get(mask, 0) | 1 << i
            gathered: dict[int, int] = {}  # an entry of the index: the boxes that touch it
            for mask, owned in alike.items():
                if mask == full:
                    self.whole[k] |= owned << start
                    continue
                entries = self._entries(k, mask >> offset)
                while entries:
                    low = entries & -entries
                    entry = low.bit_length() - 1
                    gathered[entry] = gathered.get(entry, 0) | owned
                    entries ^= low
            column = self.index[k]
            for entry, owned in gathered.items():
                column[entry] |= owned << start

    def _entries(self, k: int, mask: int) -> int:
        """The entries of the index that attribute ``k``'s ``mask`` touches: the mask itself,
        or for an attribute indexed by runs the runs it meets."""
        span = self.spans[k]
        if span == 1:
            return mask
        runs = self._runs[k]
        got = runs.get(mask)
        if got is None:
            got, run, entry, rest = 0, (1 << span) - 1, 0, mask
            while rest:
                if rest & run:
                    got |= 1 << entry
                rest >>= span
                entry += 1
            runs[mask] = got
        return got

    def meeting(self, region: Sequence[int]) -> int:
        """A bitset of the earlier boxes that may meet some box of ``region`` (every one that
        does, and perhaps a few that do not)."""
        packing = self.packing
        self.current_unions()
        every = (1 << len(self.boxes)) - 1
        found = 0
        shifts = packing.shifts
        for piece in region:
            can = every
            for k, (offset, width) in enumerate(shifts):
                mask = piece >> offset & width
                unions = self._unions[k]
                some = unions.get(mask)
                if some is None:
                    some = unions[mask] = self._union(k, mask)
                can &= some
                if not can:
                    break
            found |= can
        return found

    def current_unions(self) -> list[dict[int, int]]:
        """Per attribute, the boxes meeting a mask as remembered, forgotten when a box was
        added since (filled by :meth:`_union`)."""
        if self._known != len(self.boxes):  # boxes were added: the remembered unions are old
            self._known = len(self.boxes)
            self._unions = [{} for _ in self.packing.widths]
        return self._unions

    def _union(self, k: int, mask: int) -> int:
        """The boxes whose attribute ``k`` may meet ``mask`` (every one that does)."""
        if mask == self.packing.universe_masks[k]:
            return (1 << len(self.boxes)) - 1
        mask = self._entries(k, mask)
        column = self.index[k]
        some = self.whole[k]
        while mask:
            low = mask & -mask
            some |= column[low.bit_length() - 1]
            mask ^= low
        return some


_INDEX_WIDTH = 64
"""Most entries of the index per attribute (:attr:`_Earlier.spans`)."""
_RECOUNT = 24
"""A piece whose parent had more candidate cutters than this asks the index for its own."""


def _positions(bits: int) -> Iterator[int]:
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


def _minus(region: _Region, cover: Sequence[int], budget: _Budget) -> None:
    """Take the union of ``cover`` out of ``region`` (``TooComplex`` past a limit)."""
    for box in cover:
        if not region.count:
            break
        if region.cut(box, budget) and region.count > PIECE_LIMIT:
            raise TooComplex


def _disjoint(packing: _Packing, boxes: Sequence[int], budget: _Budget) -> list[int]:
    """The union of possibly overlapping boxes as disjoint boxes."""
    out: list[int] = []
    for box in boxes:
        piece = _Region(packing, [box])
        _minus(piece, out, budget)
        out.extend(piece.pieces())
        if len(out) > PIECE_LIMIT:
            raise TooComplex
    return out


_ASLEEP, _LIVE, _GONE = "asleep", "live", "given up"
"""The states of a :class:`_Cover`: not made yet, kept up to date, dropped."""


class _Cover:
    """Where the tickets go, first match first, as far as the rules so far decide: the
    fall-through (:attr:`open`: the universe cut by every box so far, in order, the very cuts
    :func:`_fallthrough` makes) and the parts of it each rule took (:attr:`taken`, indexed,
    each rule's parts side by side). A ticket in a taken part belongs to the first rule that
    matches it, so the rules that take a shadowed rule's tickets are the owners of the parts
    it meets, and a rule is reachable exactly when it meets the fall-through.

    It starts asleep (a table whose rules are cut in a few steps each never needs it) and is
    woken, made up from the boxes so far, when one rule's search takes more than
    ``COVER_AFTER`` subtractions. The cuts spend their own budget (charged to the analysis's
    when the fall-through is read); past it, or past ``COVER_LIMIT`` pieces, the cover is
    given up and the verdicts are worked out without it."""

    __slots__ = ("budget", "earlier", "ends", "open", "overflowed", "state", "taken")

    def __init__(self, earlier: _Earlier) -> None:
        packing = earlier.packing
        self.earlier = earlier
        self.open = _Region(packing, [packing.universe])
        self.taken = _Earlier(packing)
        self.ends: dict[int, int] = {}
        """Each owner's parts end before this position of :attr:`taken` (they start after
        the previous owner's)."""
        self.budget = _Budget(WORK_LIMIT)
        self.state = _ASLEEP
        self.overflowed = False
        """Whether the fall-through was once cut into more than ``PIECE_LIMIT`` pieces (the
        plain cuts give up there: the fall-through is then unknown)."""

    @property
    def asleep(self) -> bool:
        return self.state is _ASLEEP

    @property
    def live(self) -> bool:
        return self.state is _LIVE

    @property
    def work(self) -> int:
        """The subtractions the cuts made."""
        return WORK_LIMIT - self.budget.left

    def wake(self) -> None:
        """Make the cover up from every box so far (each rule's boxes are side by side)."""
        self.state = _LIVE
        boxes = self.earlier.boxes
        for owner, positions in itertools.groupby(
            range(len(boxes)), self.earlier.owners.__getitem__
        ):
            self.take([boxes[j] for j in positions], owner)

    def take(self, boxes: Sequence[int], owner: int) -> None:
        """Cut the fall-through by ``boxes`` (the boxes of rule ``owner``), keeping the parts
        they take."""
        if not self.live:
            return
        parts: list[int] = []
        region = self.open
        try:
            for box in boxes:
                if not region.count:
                    break
                if region.cut(box, self.budget, parts) and region.count > PIECE_LIMIT:
                    self.overflowed = True
                    if region.count > COVER_LIMIT:
                        raise TooComplex
        except TooComplex:
            self.give_up()
            return
        self.taken.add_many(parts, owner)
        self.ends[owner] = len(self.taken.boxes)

    def give_up(self) -> None:
        self.state = _GONE

    def falls(self, pieces: Sequence[int]) -> bool:
        """Whether a ticket in ``pieces`` falls through every rule so far."""
        meets = self.open.meets
        return any(meets(piece) for piece in pieces)

    def takers(self, pieces: Sequence[int]) -> list[int]:
        """The rules that take the tickets in ``pieces``, in order: the owners of the taken
        parts that meet them (the index's candidates, checked; one part found is enough for
        its owner, whose other parts are skipped)."""
        taken = self.taken
        packing = taken.packing
        ones, guards = packing.ones, packing.guards
        parts, owners, ends = taken.boxes, taken.owners, self.ends
        found: list[int] = []
        # The candidates are a long integer (a bit per part, tens of thousands of them), and
        # every step on it would copy all of it: they are read from its binary digits, where
        # bit j is at index top - 1 - j, by searching leftwards for the next 1 (in C).
        digits = bin(taken.meeting(pieces))
        top = end = len(digits)
        while (i := digits.rfind("1", 2, end)) >= 0:
            j = top - 1 - i
            part = parts[j]
            if any(((part & piece) + ones) & guards == guards for piece in pieces):
                owner = owners[j]
                found.append(owner)
                # past this owner's parts, to the bits from ends[owner] on (none when that is
                # past the top bit: a negative end would count from the right)
                end = max(top - ends[owner], 0)
            else:
                end = i
        return found


class _Later:
    """The regions of a reachable rule, cut when first asked for: the rule's disjoint pieces
    minus the first ``count`` earlier boxes."""

    __slots__ = ("count", "earlier", "pieces")

    def __init__(self, pieces: list[int], earlier: _Earlier, count: int) -> None:
        self.pieces, self.earlier, self.count = pieces, earlier, count

    def __call__(self) -> tuple[Box, ...]:
        earlier = self.earlier
        region = _Region(earlier.packing, self.pieces)
        budget = _Budget(1 << 62)  # no limit: the verdict is known, these are its pieces
        meeting = earlier.meeting(self.pieces) & ((1 << self.count) - 1)
        for j in _positions(meeting):
            if not region.count:
                break
            region.cut(earlier.boxes[j], budget)
        return tuple(earlier.packing.unpack(p) for p in region.pieces())


def _first_piece(
    pieces: list[int],
    earlier: _Earlier,
    budget: _Budget,
    cutters: set[int],
    falls: Callable[[int], bool] | None = None,
) -> int | None:
    """The first of the pieces the plain subtraction of every earlier box would leave (None
    when it leaves none), found depth first: a piece is cut by the first earlier box that
    meets it, its pieces by the boxes after that one, and the first piece no later box meets
    is the answer. The subtractions are a part of those the plain one makes; when no piece is
    left they are all of them, and the boxes that cut (added to ``cutters``) are those that
    meet what is left of the rule when their turn comes: their rules take its tickets.

    This is the hot loop of a table whose rules overlap (a shadowed rule is cut to its last
    piece), so :meth:`_Earlier.meeting` and :meth:`_Packing.subtract` are written out in it,
    and the pieces wait on one stack (pushed in reverse, so they are taken in order).

    ``falls``, when given, tells whether a piece holds a ticket no earlier box matches; a
    piece that holds none leaves no piece (every box after its cutter takes the rest of it),
    so it is passed over: the first piece left is the same, found with fewer subtractions,
    and ``cutters`` is then only a part of the boxes that cut."""
    packing, boxes = earlier.packing, earlier.boxes
    ones, guards, cuts = packing.ones, packing.guards, packing.cuts
    columns = list(
        zip(packing.shifts, earlier.current_unions(), range(len(packing.shifts)), strict=True)
    )
    union = earlier._union
    every = (1 << len(boxes)) - 1
    left = budget.left
    stack: list[tuple[int, int]] = [(piece, every) for piece in reversed(pieces)]
    pop, push = stack.pop, stack.append
    try:
        while stack:
            piece, above = pop()
            if falls is not None and not falls(piece):
                continue
            # the boxes after the cutter that may meet the piece that was cut may meet this one
            if above == every or above.bit_count() > _RECOUNT:
                candidates = above
                for (offset, width), unions, k in columns:
                    mask = piece >> offset & width
                    some = unions.get(mask)
                    if some is None:
                        some = unions[mask] = union(k, mask)
                    candidates &= some
                    if not candidates:
                        break
            else:
                candidates = above
            cutter = -1
            while candidates:
                low = candidates & -candidates
                candidates ^= low
                j = low.bit_length() - 1
                if ((piece & boxes[j]) + ones) & guards == guards:
                    cutter = j
                    break
            if cutter < 0:
                return piece
            left -= 1
            if left < 0:
                raise TooComplex
            cutters.add(cutter)
            box = boxes[cutter]
            outside_all = piece & ~box
            if not outside_all:
                continue
            inside = piece & box
            current = piece
            cut: list[int] = []
            for field, clear in cuts:
                outside = outside_all & field
                if outside:
                    kept = current & clear
                    cut.append(kept | outside)
                    current = kept | inside & field
            for rest in reversed(cut):
                push((rest, candidates))
        return None
    finally:
        budget.left = left


def merge_boxes(boxes: Sequence[Box]) -> list[Box]:
    """Fewer, larger boxes with the same union: boxes that differ in one attribute only are
    joined, until no two do. Used to describe regions compactly."""
    current = list(dict.fromkeys(boxes))
    if not current:
        return current
    width = len(current[0])
    changed = True
    while changed and len(current) > 1:
        changed = False
        for pos in range(width):
            groups: dict[Box, int] = {}
            for box in current:
                key = box[:pos] + box[pos + 1 :]
                groups[key] = groups.get(key, 0) | box[pos]
            if len(groups) < len(current):
                changed = True
                current = [(*key[:pos], mask, *key[pos:]) for key, mask in groups.items()]
    return current


_analysed: dict[
    int, tuple[weakref.ref[Routing], TicketSchema, tuple[int, ...], RoutingAnalysis]
] = {}
"""The analysis of each live rule table, by identity: (the table, its schema, the limits it
was worked out under, the result)."""


def analyse_routing(routing: Routing, schema: TicketSchema, *, limit: int = 256) -> RoutingAnalysis:
    """Verdicts on every rule of ``routing`` and the fall-through, exact or ``unknown``.

    Worked out once per rule table: the models are immutable, so a second call with the same
    ``routing`` object, the same ``schema`` object and the same limits returns the first
    call's result (the checks, :meth:`~cskh_org.escalation.Escalator.routed_holders` and the
    routing view of one loaded department share it). Keyed by identity, as the networkx views
    of :mod:`cskh_org.graph` are (an equal table loaded twice is analysed twice; hashing it
    would walk all of it); the entry goes when the table does."""
    key = id(routing)
    limits = (limit, PIECE_LIMIT, WORK_LIMIT, COVER_AFTER, COVER_LIMIT)
    entry = _analysed.get(key)
    if entry is not None and entry[0]() is routing and entry[1] is schema and entry[2] == limits:
        return entry[3]
    result = _analyse(routing, schema, limit)
    _analysed[key] = (
        weakref.ref(routing, lambda _ref: _analysed.pop(key, None)),
        schema,
        limits,
        result,
    )
    return result


def _analyse(routing: Routing, schema: TicketSchema, limit: int) -> RoutingAnalysis:
    """:func:`analyse_routing`, worked out.

    The answers are those of subtracting, rule by rule, every earlier rule's boxes in order
    (the pieces and witnesses included; the work spent is at most theirs); only the boxes
    that can meet a region are looked at: an index of the earlier boxes picks them, and a
    region kept as the tree of its cuts visits only the pieces a box meets. Once a rule takes
    many cuts, the :class:`_Cover` answers the shadowed rules without any and spares the
    reachable ones the cuts of pieces with no ticket left."""
    required = [name for name, spec in schema.attributes.items() if spec.required]
    space = Space(schema, (r.when for r in routing.rules), extra=required)
    packing = _Packing(space)
    budget = _Budget(WORK_LIMIT)
    earlier = _Earlier(packing)  # boxes of every earlier rule (overlapping), with owners
    cover = _Cover(earlier)  # the fall-through so far, and the parts each rule took
    if COVER_AFTER <= 0:
        cover.wake()
    opaque_before: str | None = None  # an earlier rule the analysis could not compile
    verdicts: list[RuleAnalysis] = []
    for index, rule in enumerate(routing.rules):
        try:
            boxes = [packing.pack(b) for b in space.compile(rule.when, limit)]
        except TooComplex:
            verdicts.append(
                RuleAnalysis(
                    index,
                    rule.id,
                    Reach.UNKNOWN,
                    reason=both("analysis.alternatives", limit=limit),
                )
            )
            opaque_before = opaque_before or rule.id
            cover.give_up()
            continue
        if not boxes:
            verdicts.append(RuleAnalysis(index, rule.id, Reach.UNSATISFIABLE))
            continue
        if opaque_before is not None:
            verdicts.append(
                RuleAnalysis(
                    index,
                    rule.id,
                    Reach.UNKNOWN,
                    reason=both("analysis.opaque_before", rule=opaque_before),
                )
            )
        else:
            verdicts.append(
                _verdict(
                    index,
                    rule.id,
                    boxes,
                    earlier=earlier,
                    budget=budget,
                    routing=routing,
                    space=space,
                    cover=cover,
                )
            )
        for box in boxes:
            earlier.add(box, index)
        cover.take(boxes, index)
    fallthrough = _fallthrough(space, earlier, opaque_before, budget, cover)
    return RoutingAnalysis(space, tuple(verdicts), fallthrough)


def _verdict(
    index: int,
    rule: str,
    boxes: list[int],
    *,
    earlier: _Earlier,
    budget: _Budget,
    routing: Routing,
    space: Space,
    cover: _Cover,
) -> RuleAnalysis:
    try:
        pieces = _disjoint(earlier.packing, boxes, budget)
        found = _search(pieces, earlier, budget, cover)
    except TooComplex:
        return RuleAnalysis(
            index, rule, Reach.UNKNOWN, reason=both("analysis.pieces", limit=PIECE_LIMIT)
        )
    if isinstance(found, int):
        later = _Later(pieces, earlier, len(earlier.boxes))
        return RuleAnalysis(
            index,
            rule,
            Reach.REACHABLE,
            witness=space.witness(earlier.packing.unpack(found)),
            regions=later,  # type: ignore[arg-type]
        )
    return RuleAnalysis(
        index,
        rule,
        Reach.SHADOWED,
        covered_by=tuple(routing.rules[i].id for i in found),
    )


def _search(
    pieces: list[int], earlier: _Earlier, budget: _Budget, cover: _Cover
) -> int | list[int]:
    """The first piece the plain subtraction would leave of a rule's ``pieces``, or when it
    leaves none the rules that take their tickets, in order.

    While the cover sleeps, :func:`_first_piece` searches, as far as ``COVER_AFTER``
    subtractions; past them the cover is woken, and the search is made again with it: a rule
    none of whose tickets falls through is shadowed by the owners of the parts it meets (no
    subtraction at all), and a reachable rule's first piece is sought only in pieces that
    hold a ticket that falls through. Without the cover (given up), the plain search."""
    if cover.asleep:
        limit = min(budget.left, COVER_AFTER)
        trial = _Budget(limit)
        cutters: set[int] = set()
        try:
            first = _first_piece(pieces, earlier, trial, cutters)
        except TooComplex:
            if limit == budget.left:  # the analysis's own budget ran out, as it would have
                budget.left = trial.left
                raise
            cover.wake()  # the trial's work is not charged: what follows spends at most the
            # plain search's (and the trial is made once: the cover does not sleep again)
        else:
            budget.left -= limit - trial.left
            return first if first is not None else _owners(earlier, cutters)
    cutters = set()
    if cover.live:
        if cover.falls(pieces):
            first = _first_piece(pieces, earlier, budget, cutters, cover.open.meets)
            if first is not None:
                return first
        return cover.takers(pieces)
    first = _first_piece(pieces, earlier, budget, cutters)
    return first if first is not None else _owners(earlier, cutters)


def _owners(earlier: _Earlier, boxes: set[int]) -> list[int]:
    """The rules ``boxes`` belong to, in order."""
    return sorted({earlier.owners[j] for j in boxes})


def _fallthrough(
    space: Space, earlier: _Earlier, opaque: str | None, budget: _Budget, cover: _Cover
) -> Fallthrough:
    """The universe minus every box, in order; the cover has made those cuts already when it
    is live (their work is spent from ``budget`` now, as if they were made here)."""
    if opaque is not None:
        return Fallthrough(False, reason=both("analysis.opaque", rule=opaque))
    if 0 in space.universe:
        return Fallthrough(True)  # an attribute with no valid value: no ticket at all
    packing = earlier.packing
    try:
        if cover.live:
            budget.spend(cover.work)
            if cover.overflowed:
                raise TooComplex
            region = cover.open
        else:
            region = _Region(packing, [packing.universe])
            _minus(region, earlier.boxes, budget)
    except TooComplex:
        return Fallthrough(False, reason=both("analysis.fallthrough_pieces", limit=PIECE_LIMIT))
    rest = [packing.unpack(p) for p in region.pieces()]
    merged = merge_boxes(rest)
    return Fallthrough(
        True,
        tuple(rest),
        tuple(space.describe(b) for b in merged),
        tuple(space.witness(b) for b in merged),
        descriptions_vi=tuple(space.describe(b, "vi") for b in merged),
    )
