"""The escalation engine: who takes a ticket over next, and why; every path and its length.

Built once from a :class:`~cskh_org.model.Department` (no file is read), an
:class:`Escalator` is immutable and answers:

* :meth:`Escalator.next_holder` — given the ticket's current holder and an
  :class:`EscalationEvent`, the :class:`Handoff` of the first step from that holder (in
  document order) with a trigger the event fires, or ``None``;
* :meth:`Escalator.follow` — the handoffs a ticket sees over a sequence of events;
* :meth:`Escalator.paths` — every maximal escalation path from a holder (or from every holder
  that receives routed tickets), each with its number of handoffs;
* :meth:`Escalator.worst_case_handoffs` — the most handoffs any ticket can see, routing
  included;
* :meth:`Escalator.follow_ups` — the follow-up steps (on ``resolved``), as hops.

Semantics, in one place:

* **hierarchical** steps (up the reporting line) and **lateral** steps (sideways to another
  unit) move the ticket: the new holder keeps it. **Functional** steps send it to a partner
  that works on it and hands it back: the sender still holds it afterwards.
* **Follow-up steps** (a ``resolved`` trigger, alone on its step) never move the ticket: a
  ``resolved`` event (the ticket was resolved at the step's ``from`` holder) fires the first
  of them not taken, whose ``to`` unit makes a follow-up contact; the ticket stays resolved, the
  follow-up costs no handoff, is no resolution (so it fires nothing further) and is on no path.
* **Each step fires at most once per ticket** (:meth:`Escalator.follow` and the ``taken``
  argument of :meth:`Escalator.next_holder`): a partner is consulted once per step, and a
  ticket never climbs the same step twice. This is what bounds the handoffs, even for a
  document whose steps form a cycle.
* **Handoffs** are counted 1 per hierarchical or lateral step, 2 per functional step (there
  and back), and 1 for routing the ticket to its first queue (:data:`ROUTING_HANDOFFS`).
* Trigger matching: an SLA trigger naming a ``target`` fires only on events about that
  target, one naming none on any target; ``sla_warning`` fires when the event's ``percent`` is
  at least the trigger's ``at_percent`` (default :data:`DEFAULT_WARN_AT`), and an event
  without a percent (the target's own warning point was reached) fires only triggers without
  ``at_percent``; ``sla_breach`` fires on a breach; ``reopened`` when the event's ``reopens``
  is at least the trigger's; ``tier`` and ``category`` on an event of that kind when the
  ticket's ``tier``/``category`` attribute is one of the trigger's ``values``; ``manual`` on a
  manual request; ``resolved`` on a resolution.
* Steps naming a holder that is neither a unit nor an external party are ignored (the
  references check reports them). An id that is both a unit and an external means the unit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from cskh_org.errors import UsageError, error_words
from cskh_org.model.escalation import EscalationStep, StepKind, Trigger, TriggerKind
from cskh_org.model.sla import TargetName
from cskh_org.words import say

if TYPE_CHECKING:
    import networkx as nx

    from cskh_org.model import Department

__all__ = [
    "DEFAULT_WARN_AT",
    "MAX_PATHS",
    "ROUTING_HANDOFFS",
    "EscalationEvent",
    "EscalationPath",
    "Escalator",
    "EventInvalid",
    "Handoff",
    "UnknownHolder",
    "describe_trigger",
    "step_arrow",
    "step_handoffs",
]

DEFAULT_WARN_AT = 80
"""Percent of a target at which an ``sla_warning`` trigger without ``at_percent`` fires."""
ROUTING_HANDOFFS = 1
"""Handoffs of routing a ticket to its first queue."""
MAX_PATHS = 10_000
"""Most paths :meth:`Escalator.paths` lists (a pathological document could have more)."""

_SLA_KINDS = (TriggerKind.SLA_WARNING, TriggerKind.SLA_BREACH)
_ATTRIBUTE_KINDS = (TriggerKind.TIER, TriggerKind.CATEGORY)


class UnknownHolder(UsageError, KeyError):
    """A holder id that is neither a unit nor an external party of the department."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class EventInvalid(UsageError, ValueError):
    """An :class:`EscalationEvent` whose fields do not fit its kind (a ``ValueError`` too,
    as it always was)."""


def step_handoffs(kind: StepKind) -> int:
    """Handoffs one step costs: 1 up the line or sideways to keep, 2 to a partner and back."""
    return kind.handoffs


_ARROWS = {StepKind.HIERARCHICAL: "→", StepKind.FUNCTIONAL: "⇄", StepKind.LATERAL: "⇒"}
FOLLOW_UP_ARROW = "↷"


def step_arrow(kind: StepKind, follow_up: bool = False) -> str:
    """The arrow a path writes for a step: ``→`` up the line, ``⇄`` to a partner and back,
    ``⇒`` sideways to keep, ``↷`` a follow-up."""
    return FOLLOW_UP_ARROW if follow_up else _ARROWS[kind]


@dataclass(frozen=True, slots=True)
class EscalationEvent:
    """Something that happens to a ticket and may fire a step.

    ``target`` names the SLA target of an ``sla_warning``/``sla_breach`` (``None``: not
    said); ``percent`` is how much of the target has elapsed for an ``sla_warning`` (``None``:
    the target's own warning point); ``reopens`` is how many times the ticket has been
    reopened, for ``reopened``. ``tier``, ``category``, ``manual`` and ``resolved`` events
    carry nothing: tier and category are read from the ticket.
    """

    kind: TriggerKind
    target: TargetName | None = None
    percent: int | None = None
    reopens: int | None = None

    def __post_init__(self) -> None:
        kind = TriggerKind(self.kind)
        object.__setattr__(self, "kind", kind)
        if self.target is not None:
            if kind not in _SLA_KINDS:
                raise EventInvalid.of("error.escalation.event.target")
            object.__setattr__(self, "target", TargetName(self.target))
        if self.percent is not None and (kind is not TriggerKind.SLA_WARNING or self.percent < 0):
            raise EventInvalid.of("error.escalation.event.percent")
        if kind is TriggerKind.REOPENED and (self.reopens is None or self.reopens < 0):
            raise EventInvalid.of("error.escalation.event.reopens-needed")
        if self.reopens is not None and kind is not TriggerKind.REOPENED:
            raise EventInvalid.of("error.escalation.event.reopens")

    def __str__(self) -> str:
        if self.kind is TriggerKind.SLA_WARNING:
            at = f" at {self.percent}%" if self.percent is not None else ""
            return f"SLA warning on {self.target.value if self.target else 'a target'}{at}"
        if self.kind is TriggerKind.SLA_BREACH:
            return f"SLA breach of {self.target.value if self.target else 'a target'}"
        if self.kind is TriggerKind.REOPENED:
            return f"reopened {self.reopens} times"
        if self.kind is TriggerKind.MANUAL:
            return "manual request"
        if self.kind is TriggerKind.RESOLVED:
            return "resolution"
        return f"{self.kind.value} check"


def describe_trigger(
    trigger: Trigger, lang: str = "en", label: Callable[[str, str], str] | None = None
) -> str:
    """A trigger in words (``lang``: a display language): ``SLA breach of first_response``,
    ``reopened 2 times or more``; ``vi phạm SLA phản hồi đầu`` in Vietnamese. ``label(attribute,
    value)`` names a tier or category value (default: its id)."""
    kind = trigger.on
    target = say(f"target.{trigger.target.value}" if trigger.target else "target.any", lang)
    if kind is TriggerKind.SLA_WARNING:
        at = trigger.at_percent if trigger.at_percent is not None else DEFAULT_WARN_AT
        return say("trigger.sla_warning", lang, at=at, target=target)
    if kind is TriggerKind.SLA_BREACH:
        return say("trigger.sla_breach", lang, target=target)
    if kind is TriggerKind.REOPENED:
        return say("trigger.reopened", lang, n=trigger.reopens)
    if kind in _ATTRIBUTE_KINDS:
        name = label or (lambda _attribute, value: value)
        values = say("or", lang).join(name(kind.value, v) for v in trigger.values)
        return say(f"trigger.{kind.value}", lang, values=values)
    if kind is TriggerKind.RESOLVED:
        return say("trigger.resolved", lang)
    return say("trigger.manual", lang)


@dataclass(frozen=True, slots=True)
class Handoff:
    """One hop of a ticket: which step, from whom to whom, which way, and why.

    For a functional step ``returns_to`` is the sender, which gets the ticket back when the
    partner is done; for a hierarchical or lateral step it is ``None`` (the new holder keeps
    it). ``trigger`` is the trigger that fired (``None`` for a hop of a listed path, whose
    ``reason`` then names every trigger of the step). ``follow_up`` is set for a follow-up
    step (on ``resolved``): the ticket stays resolved where it is, ``to_holder`` makes a
    follow-up contact, and no handoff is counted.
    """

    step: str
    from_holder: str
    to_holder: str
    kind: StepKind
    reason: str
    returns_to: str | None = None
    trigger: Trigger | None = None
    follow_up: bool = False

    @property
    def handoffs(self) -> int:
        """1 for a hierarchical or lateral step, 2 for a functional one (there and back), 0
        for a follow-up."""
        return 0 if self.follow_up else step_handoffs(self.kind)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "step": self.step,
            "from": self.from_holder,
            "to": self.to_holder,
            "kind": self.kind.value,
            "handoffs": self.handoffs,
            "returns_to": self.returns_to,
            "reason": self.reason,
        }
        if self.follow_up:  # (only then: the hops of a path stay as they were)
            out["follow_up"] = True
        return out


@dataclass(frozen=True, slots=True)
class EscalationPath:
    """A maximal path: from ``start``, every functional detour of each holder on the way (in
    document order), then a hierarchical or lateral step, until a holder with none.

    ``handoffs`` counts the escalation only (routing excluded). ``cycle`` is set when the
    path stopped because its last step leads back to a holder already on it: the holders of
    the cycle, from that holder on.
    """

    start: str
    hops: tuple[Handoff, ...] = ()
    cycle: tuple[str, ...] = ()

    @property
    def handoffs(self) -> int:
        return sum(hop.handoffs for hop in self.hops)

    @property
    def holders(self) -> tuple[str, ...]:
        """The holders that keep the ticket in turn: the start and each hierarchical or
        lateral target."""
        return (self.start, *(h.to_holder for h in self.hops if h.kind.moves))

    @property
    def end(self) -> str:
        """The holder the path ends at (for a cycle: the holder it comes back to)."""
        return self.holders[-1]

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(h.step for h in self.hops)

    def __str__(self) -> str:
        text = self.start
        for hop in self.hops:
            text += f" {step_arrow(hop.kind)} {hop.to_holder}"
        return text + (" (cycle)" if self.cycle else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "holders": list(self.holders),
            "hops": [hop.to_dict() for hop in self.hops],
            "handoffs": self.handoffs,
            "cycle": list(self.cycle),
        }


@dataclass(frozen=True, slots=True)
class _Step:
    index: int
    step: EscalationStep

    @property
    def id(self) -> str:
        return self.step.id

    @property
    def to(self) -> str:
        return self.step.to


def _path_hop(step: EscalationStep) -> Handoff:
    why = "; or ".join(describe_trigger(t) for t in step.on)
    functional = step.kind is StepKind.FUNCTIONAL
    follow_up = step.follow_up
    then = f"; `{step.to}` makes a follow-up contact" if follow_up else ""
    return Handoff(
        step.id,
        step.from_,
        step.to,
        step.kind,
        f"step `{step.id}` fires on {why}{then}",
        step.from_ if functional else None,
        follow_up=follow_up,
    )


@dataclass(frozen=True, eq=False)
class Escalator:
    """The escalation policy of one department, compiled once and immutable (answers that
    need the routing analysis are computed on first use and kept)."""

    department: Department
    _units: frozenset[str] = field(init=False, repr=False)
    _externals: frozenset[str] = field(init=False, repr=False)
    _holders: tuple[str, ...] = field(init=False, repr=False)
    _from: Mapping[str, tuple[_Step, ...]] = field(init=False, repr=False)
    _cache: dict[str, Any] = field(init=False, repr=False, default_factory=dict)
    """Answers computed on first use (the routed holders, the longest paths)."""

    def __post_init__(self) -> None:
        dept = self.department
        units = frozenset(u.id for u in dept.units)
        externals = frozenset(e.id for e in dept.externals)
        known = units | externals
        steps = dept.escalation.steps if dept.escalation is not None else ()
        by_holder: dict[str, list[_Step]] = {}
        for i, step in enumerate(steps):
            if step.from_ in known and step.to in known:
                by_holder.setdefault(step.from_, []).append(_Step(i, step))
        object.__setattr__(self, "_units", units)
        holders = dict.fromkeys(u.id for u in dept.units)
        holders.update(dict.fromkeys(e.id for e in dept.externals))
        object.__setattr__(self, "_holders", tuple(holders))
        object.__setattr__(self, "_externals", externals)
        object.__setattr__(
            self, "_from", MappingProxyType({k: tuple(v) for k, v in by_holder.items()})
        )

    # -- holders --------------------------------------------------------------------------------

    @property
    def holders(self) -> tuple[str, ...]:
        """Every holder: the units, then the external parties (document order)."""
        return self._holders

    def is_holder(self, holder: str) -> bool:
        return holder in self._units or holder in self._externals

    def holder_kind(self, holder: str) -> str:
        """``unit`` or ``external`` (a unit when the id is both)."""
        self._require(holder)
        return "unit" if holder in self._units else "external"

    def _require(self, holder: str) -> None:
        if not self.is_holder(holder):
            from cskh_org.findings import did_you_mean

            hint = did_you_mean(holder, self.holders) or error_words(
                "error.escalation.holders", holders=", ".join(self.holders)
            )
            raise UnknownHolder.of(
                "error.escalation.unknown-holder",
                holder=holder,
                department=self.department.id,
                hint=hint,
            )

    @property
    def closers(self) -> frozenset[str]:
        """Holders with authority to close a ticket (default: every unit)."""
        esc = self.department.escalation
        if esc is None or esc.closers is None:
            return self._units
        return frozenset(esc.closers)

    @property
    def partners(self) -> frozenset[str]:
        esc = self.department.escalation
        return frozenset(esc.partners) if esc is not None else frozenset()

    @property
    def max_handoffs(self) -> int:
        esc = self.department.escalation
        if esc is None:
            from cskh_org.model import Escalation

            return Escalation().max_handoffs
        return esc.max_handoffs

    def steps_from(self, holder: str) -> tuple[EscalationStep, ...]:
        """The steps leaving ``holder``, in document (priority) order."""
        return tuple(s.step for s in self._from.get(holder, ()))

    def _up(self, holder: str) -> tuple[_Step, ...]:
        """The steps from ``holder`` whose new holder keeps the ticket (hierarchical and
        lateral; follow-up steps move nothing)."""
        return tuple(
            s for s in self._from.get(holder, ()) if s.step.kind.moves and not s.step.follow_up
        )

    def _sideways(self, holder: str) -> tuple[_Step, ...]:
        return tuple(s for s in self._from.get(holder, ()) if s.step.kind is StepKind.FUNCTIONAL)

    def reporting_line(self, holder: str) -> tuple[str, ...]:
        """The holders above ``holder``, nearest first: a unit's parent, …, the top unit, the
        external the department reports to, that party's ``reports_to``, … (cycle-safe)."""
        self._require(holder)
        from cskh_org.graph import superiors

        kind = "unit" if holder in self._units else "external"
        line: list[str] = []
        for _, id_ in superiors(self.department, (kind, holder)):
            if id_ == holder or id_ in line:  # an id that is a unit and an external: one holder
                break
            line.append(id_)
        return tuple(line)

    # -- one decision ----------------------------------------------------------------------------

    def next_holder(
        self,
        holder: str,
        event: EscalationEvent,
        ticket: Mapping[str, Any] | None = None,
        *,
        taken: Collection[str] = (),
    ) -> Handoff | None:
        """The handoff of the first step from ``holder`` (document order) that ``event``
        fires, skipping the steps in ``taken`` (already taken for this ticket); ``None`` if
        no step fires. ``ticket`` gives the ``tier`` and ``category`` that ``tier`` and
        ``category`` triggers test. Raises :class:`UnknownHolder` for an unknown holder."""
        self._require(holder)
        for entry in self._from.get(holder, ()):
            step = entry.step
            if step.id in taken:
                continue
            for trigger in step.on:
                why = _fires(trigger, event, ticket)
                if why is None:
                    continue
                functional = step.kind is StepKind.FUNCTIONAL
                follow_up = step.follow_up
                back = f"; `{step.to}` hands it back to `{holder}`" if functional else ""
                if follow_up:
                    back = f"; the ticket stays resolved, `{step.to}` makes a follow-up contact"
                return Handoff(
                    step.id,
                    holder,
                    step.to,
                    step.kind,
                    f"step `{step.id}` fires on {why}{back}",
                    holder if functional else None,
                    trigger,
                    follow_up,
                )
        return None

    def follow(
        self,
        start: str,
        events: Iterable[EscalationEvent],
        ticket: Mapping[str, Any] | None = None,
    ) -> list[Handoff]:
        """The handoffs of a ticket held by ``start`` over ``events``, in order: each event
        fires at most one step from the current holder, each step at most once; after a
        functional step the sender still holds the ticket, and after a follow-up step (on a
        ``resolved`` event) the ticket stays where it was resolved."""
        holder = start
        taken: set[str] = set()
        out: list[Handoff] = []
        for event in events:
            handoff = self.next_holder(holder, event, ticket, taken=taken)
            if handoff is None:
                continue
            out.append(handoff)
            taken.add(handoff.step)
            if handoff.returns_to is None and not handoff.follow_up:
                holder = handoff.to_holder
        return out

    # -- every path ------------------------------------------------------------------------------

    def routed_holders(self) -> tuple[str, ...]:
        """The holders tickets are routed to: the target of every rule that can fire and the
        default when some tickets fall through (exactly, by :mod:`cskh_org.routing.analysis`).
        Without routing: every unit no escalation step leads to."""
        cached: tuple[str, ...] | None = self._cache.get("routed")
        if cached is not None:
            return cached
        dept = self.department
        found: list[str] = []
        if dept.routing is None:
            targets = {s.to for steps in self._from.values() for s in steps if not s.step.follow_up}
            found = [u.id for u in dept.units if u.id not in targets]
        else:
            from cskh_org.routing.analysis import Reach, analyse_routing

            analysis = analyse_routing(dept.routing, dept.ticket_schema)
            dead = (Reach.UNSATISFIABLE, Reach.SHADOWED)
            for verdict in analysis.rules:
                if verdict.reach not in dead:
                    found.append(dept.routing.rules[verdict.index].to.unit)
            if not analysis.fallthrough.empty:
                found.append(dept.routing.default.unit)
        result = tuple(h for h in dict.fromkeys(found) if self.is_holder(h))
        self._cache["routed"] = result
        return result

    def paths(self, start: str | None = None) -> list[EscalationPath]:
        """Every maximal path from ``start``, or from each holder that receives routed
        tickets (:meth:`routed_holders`) when ``start`` is ``None``; at most
        :data:`MAX_PATHS`. A path stops at a holder with no hierarchical or lateral step, or where a
        step leads back to a holder already on it (``cycle`` set)."""
        if start is not None:
            self._require(start)
        starts = (start,) if start is not None else self.routed_holders()
        out: list[EscalationPath] = []
        for origin in starts:
            for path in self._walk(origin):
                out.append(path)
                if len(out) >= MAX_PATHS:
                    return out
        return out

    def _walk(self, start: str) -> Iterator[EscalationPath]:
        # Depth-first and iterative; an entry is (holder, hops so far, holders on the line),
        # or (None, hops, cycle) for a path that stopped on a cycle, emitted in its turn.
        stack: list[tuple[str | None, tuple[Handoff, ...], tuple[str, ...]]] = [
            (start, (), (start,))
        ]
        while stack:
            holder, hops, line = stack.pop()
            if holder is None:
                yield EscalationPath(start, hops, line)
                continue
            hops = hops + tuple(_path_hop(s.step) for s in self._sideways(holder))
            up = self._up(holder)
            if not up:
                yield EscalationPath(start, hops)
                continue
            for entry in reversed(up):  # popped in document order
                hop = _path_hop(entry.step)
                if entry.to in line:
                    stack.append((None, (*hops, hop), line[line.index(entry.to) :]))
                else:
                    stack.append((entry.to, (*hops, hop), (*line, entry.to)))

    def cycles(self) -> list[tuple[str, ...]]:
        """One cycle of hierarchical and lateral steps per strongly connected group of holders
        (a step from a holder to itself included), each starting at its first holder in document
        order; empty for a valid policy."""
        if self._bottom_up() is not None:
            return []  # no cycle: networkx has nothing to find
        return self._cycles_by_groups()

    def _cycles_by_groups(self) -> list[tuple[str, ...]]:
        """:meth:`cycles` from networkx's strongly connected groups."""
        order = {h: i for i, h in enumerate(self.holders)}
        graph, groups = self._hierarchy()
        out: list[tuple[str, ...]] = []
        for _group, members in groups.nodes(data="members"):
            first = min(members, key=order.__getitem__)
            if len(members) == 1 and not graph.has_edge(first, first):
                continue
            out.append(_cycle_through(graph.subgraph(members), first))
        out.sort(key=lambda c: order[c[0]])
        return out

    def most_handoffs(self, start: str) -> int:
        """The most handoffs a ticket held by ``start`` can see from there on (routing
        excluded). Exact for a policy without cycles (the longest path); with a cycle, the
        handoffs of every step reachable from ``start``, a bound since each step fires at
        most once per ticket."""
        self._require(start)
        best = self._longest()
        if start in best:
            return best[start][0]
        reachable = self._reachable(start)
        return sum(
            step_handoffs(s.step.kind)
            for holder in reachable
            for s in self._from.get(holder, ())
            if not s.step.follow_up
        )

    def worst_case_handoffs(self) -> int:
        """The most handoffs any routed ticket can see: routing to its first queue (1) plus
        the most escalation handoffs from that queue (:meth:`most_handoffs`)."""
        starts = self.routed_holders()
        return ROUTING_HANDOFFS + max((self.most_handoffs(s) for s in starts), default=0)

    def worst_case_path(self) -> EscalationPath | None:
        """A path with the most handoffs from a routed holder (``None`` without any).
        Without cycles its handoffs plus routing are :meth:`worst_case_handoffs`."""
        best = self._longest()
        top: EscalationPath | None = None
        for start in self.routed_holders():
            if start in best:
                path = self._rebuild(start, best)
            else:
                walk = itertools.islice(self._walk(start), MAX_PATHS)
                path = max(walk, key=lambda p: p.handoffs)
            if top is None or path.handoffs > top.handoffs:
                top = path
        return top

    def follow_ups(self, holder: str | None = None) -> list[Handoff]:
        """The follow-up steps (on ``resolved``) from ``holder``, or from every holder when
        ``None``, in document order, as hops (no handoff each)."""
        if holder is not None:
            self._require(holder)
        holders = (holder,) if holder is not None else self.holders
        found = [s for h in holders for s in self._from.get(h, ()) if s.step.follow_up]
        return [_path_hop(s.step) for s in sorted(found, key=lambda s: s.index)]

    def _hierarchy(self) -> tuple[nx.DiGraph, nx.DiGraph]:  # type: ignore[type-arg]
        """The steps that move the ticket (hierarchical and lateral) over the holders
        (:func:`cskh_org.graph.hierarchy_graph`, built once per department) and its
        condensation: a node per strongly connected group, with its ``members``."""
        cached: tuple[nx.DiGraph, nx.DiGraph] | None = self._cache.get("hierarchy")  # type: ignore[type-arg]
        if cached is not None:
            return cached
        import networkx as nx

        from cskh_org.graph import hierarchy_graph

        graph = hierarchy_graph(self.department)
        result = (graph, nx.condensation(graph))
        self._cache["hierarchy"] = result
        return result

    def _longest(self) -> dict[str, tuple[int, _Step | None]]:
        """For each holder from which no cycle is reachable: its most handoffs and the
        hierarchical or lateral step that achieves them (the first in document order among the
        best), holders taken in reverse topological order of the strongly connected groups."""
        cached: dict[str, tuple[int, _Step | None]] | None = self._cache.get("longest")
        if cached is not None:
            return cached
        best: dict[str, tuple[int, _Step | None]] = {}
        order = self._bottom_up()
        if order is not None:  # no cycle: each holder after every holder it leads to
            for holder in order:
                best[holder] = self._best(holder, best)
        else:
            best = self._longest_by_groups()
        self._cache["longest"] = best
        return best

    def _longest_by_groups(self) -> dict[str, tuple[int, _Step | None]]:
        """:meth:`_longest` from networkx's condensation of the steps into strongly connected
        groups, in reverse topological order: a group that is a cycle or reaches one has none."""
        import networkx as nx

        best: dict[str, tuple[int, _Step | None]] = {}
        graph, groups = self._hierarchy()
        cyclic: set[int] = set()  # groups that are a cycle or reach one
        for group in reversed(list(nx.topological_sort(groups))):
            members = groups.nodes[group]["members"]
            if (
                len(members) > 1
                or any(graph.has_edge(h, h) for h in members)
                or any(g in cyclic for g in groups.successors(group))
            ):
                cyclic.add(group)
                continue
            (holder,) = members
            best[holder] = self._best(holder, best)
        return best

    def _best(
        self, holder: str, best: Mapping[str, tuple[int, _Step | None]]
    ) -> tuple[int, _Step | None]:
        """The most handoffs from ``holder`` and the step that gives them (the first in
        document order among the best), from ``best`` of every holder its steps lead to."""
        side = sum(step_handoffs(s.step.kind) for s in self._sideways(holder))
        choice: _Step | None = None
        value = 0
        for entry in self._up(holder):
            candidate = 1 + best[entry.to][0]
            if candidate > value:
                value, choice = candidate, entry
        return side + value, choice

    def _bottom_up(self) -> list[str] | None:
        """Every holder, each after all the holders its hierarchical and lateral steps lead
        to (a depth-first postorder), or ``None`` if those steps form a cycle. A plain walk
        over the steps, so that a policy without cycles (the usual case) is answered without
        importing networkx; :meth:`_hierarchy` answers the rest."""
        if "bottom-up" in self._cache:
            found: list[str] | None = self._cache["bottom-up"]
            return found
        order: list[str] = []
        state: dict[str, bool] = {}  # False: on the current line; True: done
        for root in self.holders:
            if root in state:
                continue
            state[root] = False
            stack = [(root, iter(self._up(root)))]
            while stack:
                holder, steps = stack[-1]
                entry = next(steps, None)
                if entry is None:
                    stack.pop()
                    state[holder] = True
                    order.append(holder)
                    continue
                seen = state.get(entry.to)
                if seen is None:
                    state[entry.to] = False
                    stack.append((entry.to, iter(self._up(entry.to))))
                elif not seen:  # back to a holder on the line: a cycle
                    self._cache["bottom-up"] = None
                    return None
        self._cache["bottom-up"] = order
        return order

    def _rebuild(self, start: str, best: Mapping[str, tuple[int, _Step | None]]) -> EscalationPath:
        hops: list[Handoff] = []
        holder: str | None = start
        while holder is not None:
            hops.extend(_path_hop(s.step) for s in self._sideways(holder))
            choice = best[holder][1]
            if choice is None:
                break
            hops.append(_path_hop(choice.step))
            holder = choice.to
        return EscalationPath(start, tuple(hops))

    def _reachable(self, start: str) -> set[str]:
        """``start`` and every holder its hierarchical and lateral steps lead to, however far."""
        import networkx as nx

        graph, _groups = self._hierarchy()
        return {start} | nx.descendants(graph, start)

    def path_to(self, holder: str) -> tuple[str, ...] | None:
        """The shortest line of holders from a routed holder to ``holder`` along hierarchical
        and lateral steps (``None`` if no routed ticket can get there); among equally short
        lines, the one a breadth-first search meets first (routed holders in order, steps in
        document order).
        """
        import networkx as nx

        starts = self.routed_holders()
        if not starts:
            return None
        graph, _groups = self._hierarchy()
        try:
            # Every step weighs 1: Dijkstra pops in (distance, discovery) order and keeps the
            # first line found to each holder, which is breadth-first search from all starts.
            _length, line = nx.multi_source_dijkstra(graph, starts, holder)
        except nx.NetworkXNoPath:
            return None
        return tuple(line)


def _fires(
    trigger: Trigger, event: EscalationEvent, ticket: Mapping[str, Any] | None
) -> str | None:
    """Why ``trigger`` fires on ``event`` (words for the reason), or ``None``."""
    kind = trigger.on
    if kind is not event.kind:
        return None
    if kind in _SLA_KINDS:
        if trigger.target is not None and event.target != trigger.target:
            return None
        what = event.target.value if event.target else "a target"
        if kind is TriggerKind.SLA_BREACH:
            return f"an SLA breach of {what}"
        if event.percent is None:
            if trigger.at_percent is not None:
                return None
            return f"an SLA warning on {what} (its warning point)"
        at = trigger.at_percent if trigger.at_percent is not None else DEFAULT_WARN_AT
        if event.percent < at:
            return None
        return f"an SLA warning on {what} at {event.percent}% (the step fires from {at}%)"
    if kind is TriggerKind.REOPENED:
        assert event.reopens is not None
        assert trigger.reopens is not None
        if event.reopens < trigger.reopens:
            return None
        return f"{event.reopens} reopenings (the step fires from {trigger.reopens})"
    if kind is TriggerKind.RESOLVED:
        return "the ticket's resolution"
    if kind in _ATTRIBUTE_KINDS:
        value = ticket.get(kind.value) if ticket is not None else None
        if not isinstance(value, str) or value not in trigger.values:
            return None
        return f"{kind.value} `{value}` (one of {', '.join(trigger.values)})"
    return "a manual request"


def _cycle_through(group: nx.DiGraph, first: str) -> tuple[str, ...]:  # type: ignore[type-arg]
    """A shortest cycle from ``first`` back to itself inside a strongly connected ``group``:
    the line of the breadth-first tree from ``first`` to the first holder met (in
    breadth-first order, steps in document order) with a step back to ``first``."""
    import networkx as nx

    if group.has_edge(first, first):
        return (first,)
    previous = dict(nx.bfs_predecessors(group, first))
    for node in previous:  # breadth-first order
        if group.has_edge(node, first):
            line = [node]
            while line[-1] != first:
                line.append(previous[line[-1]])
            return tuple(reversed(line))
    return (first,)  # unreachable for a strongly connected group
