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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cskh_org.model import TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing.boxes import Box, Space, TooComplex, boxes_intersect, subtract
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
    regions: tuple[Box, ...] = ()
    """For a reachable rule: the tickets it decides, as disjoint boxes."""
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


def _minus(region: list[Box], cover: Sequence[Box], budget: _Budget) -> list[Box]:
    """``region`` minus the union of ``cover``, as disjoint boxes (``TooComplex`` past a limit)."""
    for box in cover:
        if not region:
            break
        nxt: list[Box] = []
        for piece in region:
            if boxes_intersect(piece, box):
                budget.spend()
                nxt.extend(subtract(piece, box))
            else:
                nxt.append(piece)
        if len(nxt) > PIECE_LIMIT:
            raise TooComplex
        region = nxt
    return region


def _disjoint(boxes: Sequence[Box], budget: _Budget) -> list[Box]:
    """The union of possibly overlapping boxes as disjoint boxes."""
    out: list[Box] = []
    for box in boxes:
        out.extend(_minus([box], out, budget))
        if len(out) > PIECE_LIMIT:
            raise TooComplex
    return out


def _takers(boxes: list[Box], earlier: list[Box], owners: list[int], budget: _Budget) -> list[int]:
    """The earlier rules that, first match first, take some of the tickets in ``boxes``."""
    region = _disjoint(boxes, budget)
    takers: list[int] = []
    for box, owner in zip(earlier, owners, strict=True):
        if not region:
            break
        if any(boxes_intersect(piece, box) for piece in region):
            if not takers or takers[-1] != owner:
                takers.append(owner)
            region = _minus(region, [box], budget)
    return sorted(set(takers))


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


def analyse_routing(routing: Routing, schema: TicketSchema, *, limit: int = 256) -> RoutingAnalysis:
    """Verdicts on every rule of ``routing`` and the fall-through, exact or ``unknown``."""
    required = [name for name, spec in schema.attributes.items() if spec.required]
    space = Space(schema, (r.when for r in routing.rules), extra=required)
    budget = _Budget(WORK_LIMIT)
    earlier: list[Box] = []  # boxes of every earlier rule (overlapping)
    owners: list[int] = []  # the rule each box of `earlier` belongs to
    opaque_before: str | None = None  # an earlier rule the analysis could not compile
    verdicts: list[RuleAnalysis] = []
    for index, rule in enumerate(routing.rules):
        try:
            boxes = space.compile(rule.when, limit)
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
            earlier.extend(boxes)
            owners.extend([index] * len(boxes))
            continue
        try:
            remaining = _minus(_disjoint(boxes, budget), earlier, budget)
        except TooComplex:
            verdicts.append(
                RuleAnalysis(
                    index,
                    rule.id,
                    Reach.UNKNOWN,
                    reason=both("analysis.pieces", limit=PIECE_LIMIT),
                )
            )
        else:
            if remaining:
                verdicts.append(
                    RuleAnalysis(
                        index,
                        rule.id,
                        Reach.REACHABLE,
                        witness=space.witness(remaining[0]),
                        regions=tuple(remaining),
                    )
                )
            else:
                covering = _takers(boxes, earlier, owners, budget)
                verdicts.append(
                    RuleAnalysis(
                        index,
                        rule.id,
                        Reach.SHADOWED,
                        covered_by=tuple(routing.rules[i].id for i in covering),
                    )
                )
        earlier.extend(boxes)
        owners.extend([index] * len(boxes))
    fallthrough = _fallthrough(space, earlier, opaque_before, budget)
    return RoutingAnalysis(space, tuple(verdicts), fallthrough)


def _fallthrough(
    space: Space, earlier: list[Box], opaque: str | None, budget: _Budget
) -> Fallthrough:
    if opaque is not None:
        return Fallthrough(False, reason=both("analysis.opaque", rule=opaque))
    if 0 in space.universe:
        return Fallthrough(True)  # an attribute with no valid value: no ticket at all
    try:
        rest = _minus([space.universe], earlier, budget)
    except TooComplex:
        return Fallthrough(False, reason=both("analysis.fallthrough_pieces", limit=PIECE_LIMIT))
    merged = merge_boxes(rest)
    return Fallthrough(
        True,
        tuple(rest),
        tuple(space.describe(b) for b in merged),
        tuple(space.witness(b) for b in merged),
        descriptions_vi=tuple(space.describe(b, "vi") for b in merged),
    )
