"""The routing decision diff, exact: which tickets a change sends elsewhere.

Both rule tables are compiled to boxes over one :class:`~cskh_org.routing.boxes.Space` (the
attributes and constants of both versions' conditions, plus the priority attribute), so a box
means the same set of tickets in both. Each version is cut into its *decision pieces* —
disjoint boxes, each decided by one rule (or the default) under first-match semantics — and
every old piece is met with every new piece: where a ticket in their intersection gets another
unit, other skills or another priority, the intersection is a *move*. Moves with the same old
and new decision are merged into few boxes and written in words, each with a witness ticket.

The sets are exact. Two honest limits make the answer ``unknown`` instead of a guess: a
condition whose normal form is too large, and a first-match cut into more than
:data:`PIECE_LIMIT` pieces.

With a workload, each move is weighted by the share of the week's tickets in it: per stream,
the mean weekly rate (rate × the profile's mean factor over an ordinary week, no special days)
times the probability that its fixed, mixed and drawn attributes fall in the box (mixed and
drawn attributes are drawn independently, as the simulation draws them; attributes a stream
does not set are missing). Self-service stages, which may change a ticket before it is
routed, are not followed: the shares are of the tickets as they arrive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from cskh_org.model import Department
from cskh_org.model.routing import RouteTarget, Routing
from cskh_org.model.workload import Workload
from cskh_org.routing.analysis import merge_boxes
from cskh_org.routing.boxes import Box, Space, TooComplex, intersect, subtract
from cskh_org.routing.decision import PriorityScale

__all__ = ["Destination", "Move", "RoutingDiff", "routing_diff"]

PIECE_LIMIT: Final = 20_000
"""Most disjoint decision pieces one version may be cut into."""
PAIR_LIMIT: Final = 4_000_000
"""Most piece intersections the diff may try."""


@dataclass(frozen=True, slots=True, order=True)
class Destination:
    """What a rule (or the default) gives a ticket: where it goes, with which skills, and by
    how many levels it moves the ticket's priority."""

    unit: str
    skills: tuple[str, ...]
    priority_shift: int
    rule: str | None
    """The rule that decides (``None``: the default)."""


@dataclass(frozen=True, slots=True)
class Move:
    """Tickets routed one way before the change and another way after it."""

    old: Destination
    new: Destination
    what: tuple[str, ...]
    """What differs for these tickets: ``unit``, ``skills``, ``priority`` (in that order;
    ``priority`` is the resulting priority, after each version's shift, clamped to the
    scale, and each version's ``default_priority``)."""
    boxes: tuple[Box, ...]
    description: Mapping[str, str]
    """The tickets in words, by language (``vi``, ``en``)."""
    witness: Mapping[str, Any]
    """A ticket (the attributes that matter) that moves so."""
    share: float | None
    """The share of the workload's tickets that move so (``None`` without a workload)."""


@dataclass(frozen=True, slots=True)
class RoutingDiff:
    """Every move, or why the diff could not be worked out exactly."""

    known: bool
    moves: tuple[Move, ...] = ()
    schema_changed: bool = False
    """The ticket schemas differ: the diff is over the tickets the new one accepts."""
    weighted: bool = False
    moved_share: float | None = None
    """The share of the workload's tickets whose decision changes."""
    reason: str = ""
    """Why not ``known`` (``too-complex``, ``no-routing``)."""
    space: Space | None = field(default=None, compare=False, repr=False)
    """The attribute domains the moves' boxes are over."""


def routing_diff(old: Department, new: Department, workload: Workload | None = None) -> RoutingDiff:
    """The tickets whose routing decision differs between ``old`` and ``new``."""
    if old.routing is None or new.routing is None:
        if old.routing is None and new.routing is None:
            return RoutingDiff(known=True)
        return RoutingDiff(known=False, reason="no-routing")
    schema = new.ticket_schema
    priority = new.routing.priority_attribute
    conditions = [r.when for r in (*old.routing.rules, *new.routing.rules)]
    if new.sla is not None:  # drawn numbers' regions are cut at these constants too
        conditions += [p.when for p in new.sla.policies]
    try:
        required = [name for name, spec in schema.attributes.items() if spec.required]
        space = Space(schema, conditions, extra=(*required, priority))
        before = _pieces(old.routing, space)
        after = _pieces(new.routing, space)
    except TooComplex:
        return RoutingDiff(known=False, reason="too-complex")
    scales = (
        PriorityScale(old.routing, old.ticket_schema),
        PriorityScale(new.routing, schema),
    )
    moves = _moves(space, (old.routing, new.routing), (before, after), scales)
    if moves is None:
        return RoutingDiff(known=False, reason="too-complex")
    mass = _Mass(space, new, workload, conditions) if workload is not None else None
    out = []
    total = 0.0
    for (a, b), (what, boxes) in sorted(moves.items(), key=lambda kv: _order(*kv[0])):
        merged = tuple(merge_boxes(boxes))
        share = None if mass is None else sum(mass.of(box) for box in merged)
        if share is not None:
            total += share
        out.append(
            Move(
                a,
                b,
                tuple(w for w in ("unit", "skills", "priority") if w in what),
                merged,
                {lang: _describe(space, merged, lang) for lang in ("vi", "en")},
                space.witness(merged[0]),
                share,
            )
        )
    out.sort(key=lambda m: (-(m.share or 0.0), _order(m.old, m.new)))
    return RoutingDiff(
        known=True,
        moves=tuple(out),
        schema_changed=old.ticket_schema != new.ticket_schema,
        weighted=mass is not None,
        moved_share=total if mass is not None else None,
        space=space,
    )


def _describe(space: Space, boxes: Sequence[Box], lang: str) -> str:
    from cskh_org.words import say

    parts = [space.describe(box, lang) for box in boxes]
    either = f" {say('word.or', lang)} "
    return either.join(f"({p})" if len(parts) > 1 and " " in p else p for p in parts)


def _pieces(routing: Routing, space: Space) -> list[tuple[int, Box]]:
    """First-match decision pieces: (the index of the deciding rule, ``len(rules)`` for the
    default; a box), disjoint, covering every valid ticket."""
    remaining = [space.universe] if 0 not in space.universe else []
    out: list[tuple[int, Box]] = []
    for index, rule in enumerate(routing.rules):
        for box in space.compile(rule.when):
            kept: list[Box] = []
            for piece in remaining:
                meet = intersect(piece, box)
                if meet is None:
                    kept.append(piece)
                    continue
                out.append((index, meet))
                kept.extend(subtract(piece, box))
            remaining = kept
            if len(remaining) + len(out) > PIECE_LIMIT:
                raise TooComplex
    out.extend((len(routing.rules), piece) for piece in remaining)
    return out


def _moves(
    space: Space,
    routings: tuple[Routing, Routing],
    pieces: tuple[list[tuple[int, Box]], list[tuple[int, Box]]],
    scales: tuple[PriorityScale, PriorityScale],
) -> dict[tuple[Destination, Destination], tuple[set[str], list[Box]]] | None:
    old, new = routings
    before, after = pieces
    pos = space.position.get(old.priority_attribute if scales[0].levels else "")
    pos_new = space.position.get(new.priority_attribute if scales[1].levels else "")
    targets_old = [*(r.to for r in old.rules), old.default]
    targets_new = [*(r.to for r in new.rules), new.default]
    ids_old = [*(r.id for r in old.rules), None]
    ids_new = [*(r.id for r in new.rules), None]
    found: dict[tuple[Destination, Destination], tuple[set[str], list[Box]]] = {}
    tried = 0
    for i, a in before:
        ta = targets_old[i]
        for j, b in after:
            tried += 1
            if tried > PAIR_LIMIT:
                return None
            meet = intersect(a, b)
            if meet is None:
                continue
            tb = targets_new[j]
            key = (_destination(ta, ids_old[i]), _destination(tb, ids_new[j]))
            if pos is None and pos_new is None:
                what = _differ(scales, (ta, tb), {})
                if what:
                    entry = found.setdefault(key, (set(), []))
                    entry[0].update(what)
                    entry[1].append(meet)
                continue
            at = pos if pos is not None else pos_new
            assert at is not None
            domain = space.domains[at]
            for element in range(domain.size):
                if not meet[at] >> element & 1:
                    continue
                value = domain.representatives[element]
                ticket = {} if element == 0 else {domain.name: value}
                what = _differ(scales, (ta, tb), ticket)
                if what:
                    entry = found.setdefault(key, (set(), []))
                    entry[0].update(what)
                    entry[1].append((*meet[:at], 1 << element, *meet[at + 1 :]))
    return found


def _order(*destinations: Destination) -> tuple[tuple[str, tuple[str, ...], int, bool, str], ...]:
    """A sort key of destinations (the default, whose rule is ``None``, after the rules)."""
    return tuple(
        (d.unit, d.skills, d.priority_shift, d.rule is None, d.rule or "") for d in destinations
    )


def _destination(target: RouteTarget, rule: str | None) -> Destination:
    return Destination(target.unit, tuple(target.skills), target.priority, rule)


def _differ(
    scales: tuple[PriorityScale, PriorityScale],
    targets: tuple[RouteTarget, RouteTarget],
    ticket: Mapping[str, Any],
) -> set[str]:
    """What differs between the two decisions of a ticket with these priority attributes."""
    a = scales[0].decide(targets[0], None, scales[0].index(ticket))
    b = scales[1].decide(targets[1], None, scales[1].index(ticket))
    out = set()
    if a.unit != b.unit:
        out.add("unit")
    if tuple(a.skills) != tuple(b.skills):
        out.add("skills")
    if a.priority != b.priority:
        out.add("priority")
    return out


class _Mass:
    """The share of a workload's tickets in a box."""

    def __init__(
        self,
        space: Space,
        department: Department,
        workload: Workload,
        conditions: Sequence[Any],
    ) -> None:
        from cskh_org.routing.numbers import drawn_regions

        self.space = space
        profiles = {p.id: p for p in workload.profiles}
        rates = []
        laws: list[list[dict[int, float]]] = []
        for stream in workload.streams:
            rate = stream.rate * _mean_factor(profiles.get(stream.profile or ""))
            per: list[dict[int, float]] = []
            for domain in space.domains:
                name = domain.name
                if name in stream.attributes:
                    per.append({domain.element(stream.attributes[name]): 1.0})
                elif name in stream.mix:
                    weights = stream.mix[name]
                    whole = float(sum(weights.values()))
                    law: dict[int, float] = {}
                    for value, weight in weights.items():
                        e = domain.element(value)
                        law[e] = law.get(e, 0.0) + float(weight) / whole
                    per.append(law)
                elif name in stream.draw:
                    law = {}
                    for region in drawn_regions(department, name, stream.draw[name], conditions):
                        e = domain.element(region.value)
                        law[e] = law.get(e, 0.0) + region.probability
                    per.append(law)
                else:
                    per.append({0: 1.0})
            rates.append(rate)
            laws.append(per)
        whole_rate = sum(rates)
        self.streams = [
            (rate / whole_rate, per) for rate, per in zip(rates, laws, strict=True) if rate > 0
        ]

    def of(self, box: Box) -> float:
        total = 0.0
        for weight, per in self.streams:
            p = weight
            for mask, law in zip(box, per, strict=True):
                p *= sum(q for e, q in law.items() if mask >> e & 1)
                if p == 0.0:
                    break
            total += p
        return total


def _mean_factor(profile: Any) -> float:
    """The mean of a profile's day × hour factors over an ordinary week (1 without one)."""
    if profile is None:
        return 1.0
    from cskh_org.model.org import Weekday

    hours = sum(float(h) for h in profile.hours) / 24.0
    days = sum(float(profile.days.get(day, 1.0)) for day in Weekday) / 7.0
    return hours * days
