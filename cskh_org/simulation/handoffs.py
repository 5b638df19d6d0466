"""Which escalation step takes a ticket: the department's steps compiled per holder, and the
decisions of the :class:`~cskh_org.escalation.Escalator` remembered, so that a run asks the
escalation engine once per distinct situation (holder, events, tier, category, steps taken).

The kernels read the compiled facts (:attr:`Handoffs.auto`, :attr:`Handoffs.deciders`…) and
ask for decisions (:meth:`Handoffs.handoff`, :meth:`Handoffs.after_visit`…); the answers
depend only on the department and the workload, so every replication shares them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from cskh_org.escalation import EscalationEvent
from cskh_org.model.escalation import StepKind, TriggerKind
from cskh_org.model.sla import TargetName

if TYPE_CHECKING:
    from cskh_org.escalation import Escalator, Handoff

__all__ = ["EVENTS", "SLA_KINDS", "Events", "Handoffs"]

SLA_KINDS: Final = frozenset({TriggerKind.SLA_BREACH, TriggerKind.SLA_WARNING})

_NOT_AUTO: Final = frozenset({TriggerKind.MANUAL, TriggerKind.RESOLVED})
"""Trigger kinds no visit's end fires: a manual request (the workload's odds) and a
resolution (a follow-up step, fired when the ticket is resolved)."""

Taken = frozenset[str]
"""Escalation steps a ticket has already taken (each fires at most once per ticket)."""


class Events:
    """Escalation events made once and reused (they are immutable and hashable)."""

    def __init__(self) -> None:
        self._make = EscalationEvent
        self.manual = EscalationEvent(TriggerKind.MANUAL)
        self.tier = EscalationEvent(TriggerKind.TIER)
        self.category = EscalationEvent(TriggerKind.CATEGORY)
        self._cache: dict[tuple[Any, ...], EscalationEvent] = {}

    def breach(self, target: str) -> EscalationEvent:
        key = ("breach", target)
        found = self._cache.get(key)
        if found is None:
            found = self._make(TriggerKind.SLA_BREACH, TargetName(target))
            self._cache[key] = found
        return found

    def warning(self, target: str, percent: int | None) -> EscalationEvent:
        key = ("warning", target, percent)
        found = self._cache.get(key)
        if found is None:
            found = self._make(TriggerKind.SLA_WARNING, TargetName(target), percent)
            self._cache[key] = found
        return found

    def reopened(self, reopens: int) -> EscalationEvent:
        key = ("reopened", reopens)
        found = self._cache.get(key)
        if found is None:
            found = self._make(TriggerKind.REOPENED, reopens=reopens)
            self._cache[key] = found
        return found


EVENTS: Final = Events()


class Handoffs:
    """The escalation steps of a department compiled for simulation, and their decisions.

    ``outcome_holders`` are the holders the workload gives outcome odds (``holders``): after
    a visit there, something besides resolving may follow even without an automatic step.
    """

    def __init__(self, escalator: Escalator, outcome_holders: Iterable[str]) -> None:
        self.escalator: Final = escalator
        self.step_order: Final[dict[str, dict[str, int]]] = {}
        """Per holder: each of its steps' position in document order."""
        self.auto: Final[dict[str, frozenset[TriggerKind]]] = {}
        """Per holder: the kinds of trigger its steps fire on (manual and resolved aside)."""
        self.follow_ups: Final[dict[str, tuple[tuple[str, str], ...]]] = {}
        """Per holder with follow-up steps (on ``resolved``) to a unit: each step's id and
        unit, in document order (the first not taken fires when a ticket is resolved)."""
        self.waiting_triggers: Final[dict[str, bool]] = {}
        """Per holder: whether a step fires on a first-response breach or warning (so it may
        take a ticket while it waits)."""
        percents: dict[str, set[int]] = {}
        for holder in escalator.holders:
            steps = escalator.steps_from(holder)
            self.step_order[holder] = {s.id: i for i, s in enumerate(steps)}
            kinds = {t.on for s in steps for t in s.on if t.on not in _NOT_AUTO}
            self.auto[holder] = frozenset(kinds)
            follow = tuple(
                (s.id, s.to)
                for s in steps
                if s.follow_up
                and escalator.is_holder(s.to)
                and escalator.holder_kind(s.to) == "unit"
            )
            if follow:
                self.follow_ups[holder] = follow
            self.waiting_triggers[holder] = any(
                t.on in (TriggerKind.SLA_BREACH, TriggerKind.SLA_WARNING)
                and t.target in (None, TargetName.FIRST_RESPONSE)
                for s in steps
                for t in s.on
            )
            for s in steps:
                for t in s.on:
                    if t.at_percent is not None:
                        percents.setdefault(holder, set()).add(t.at_percent)
        self.percents: Final[Mapping[str, tuple[int, ...]]] = {
            h: tuple(sorted(p)) for h, p in percents.items()
        }
        """Per holder: the percents its warning triggers name, lowest first."""
        self.auto_sla: Final = frozenset(h for h, kinds in self.auto.items() if kinds & SLA_KINDS)
        """Holders with a step on an SLA warning or breach."""
        self.deciders: Final = frozenset(h for h, kinds in self.auto.items() if kinds) | frozenset(
            outcome_holders
        )
        """Holders where something besides resolving may follow a visit."""
        self.reopen_holders: Final = frozenset(
            h for h, kinds in self.auto.items() if TriggerKind.REOPENED in kinds
        )
        """Holders with a step on reopenings (tested as a set of ids: enum hashing is slow)."""
        self._decided: dict[Any, Handoff | None] = {}
        self._after: dict[Any, Handoff | None] = {}
        self._waiting_percent: dict[tuple[str, int, Taken], int | None] = {}
        self._waiting_table: dict[tuple[str, int], list[tuple[int, tuple[Any, ...]]]] = {}

    def handoff(
        self,
        holder: str,
        events: tuple[EscalationEvent, ...],
        attributes: Mapping[str, Any],
        taken: Taken,
    ) -> Handoff | None:
        """The first step from ``holder`` (document order) that any of ``events`` fires for a
        ticket with ``attributes`` that has taken the steps ``taken``."""
        key = (holder, events, attributes.get("tier"), attributes.get("category"), taken)
        if key in self._decided:
            return self._decided[key]
        best = None
        order = self.step_order.get(holder, {})
        for event in events:
            found = self.escalator.next_holder(holder, event, attributes, taken=taken)
            if found is not None and (best is None or order[found.step] < order[best.step]):
                best = found
        self._decided[key] = best
        return best

    def follow_up(self, holder: str, taken: Taken) -> tuple[str, str] | None:
        """The follow-up step (its id and unit) that a resolution at ``holder`` fires for a
        ticket that has taken the steps ``taken``: the first not taken (``None``: none)."""
        for step, unit in self.follow_ups.get(holder, ()):
            if step not in taken:
                return step, unit
        return None

    def first_functional(self, holder: str, taken: Taken) -> Handoff | None:
        """The holder's first functional step not taken yet, as a partner handoff."""
        from cskh_org.escalation import Handoff

        for step in self.escalator.steps_from(holder):
            if step.kind is StepKind.FUNCTIONAL and step.id not in taken:
                return Handoff(
                    step.id, holder, step.to, step.kind, "partner (workload)", holder, None
                )
        return None

    def after_visit(
        self,
        holder: str,
        class_index: int,
        attributes: Mapping[str, Any],
        taken: Taken,
        *,
        sla: tuple[EscalationEvent, ...],
        reopens: int,
    ) -> Handoff | None:
        """The step that fires after a visit at ``holder`` of a ticket of class
        ``class_index``, given its SLA events and (at a holder with a step on reopenings) its
        reopenings."""
        key = (holder, class_index, taken, sla, reopens)
        cache = self._after
        if key in cache:
            return cache[key]
        auto = self.auto.get(holder, frozenset())
        events = list(sla)
        if TriggerKind.TIER in auto and "tier" in attributes:
            events.append(EVENTS.tier)
        if TriggerKind.CATEGORY in auto and "category" in attributes:
            events.append(EVENTS.category)
        if TriggerKind.REOPENED in auto and reopens:
            events.append(EVENTS.reopened(reopens))
        handoff = self.handoff(holder, tuple(events), attributes, taken) if events else None
        cache[key] = handoff
        return handoff

    def waiting_events(self, holder: str, warn_at: int) -> list[tuple[int, tuple[Any, ...]]]:
        """The first-response events that may take a waiting ticket from ``holder`` (its
        target warning at ``warn_at`` percent), each with the percent of the target at which
        it happens (100: the breach), earliest first."""
        key = (holder, warn_at)
        found = self._waiting_table.get(key)
        if found is None:
            ev = EVENTS
            fr = "first_response"
            marks = self.percents.get(holder, ())
            found = []
            for percent in sorted(set(marks) | {warn_at}):
                if percent >= 100:
                    continue
                events = [ev.warning(fr, p) for p in marks if p <= percent]
                if percent >= warn_at:
                    events.append(ev.warning(fr, None))
                found.append((percent, tuple(events)))
            everything = tuple(e for _, es in found for e in es)
            found.append((100, (ev.breach(fr), *dict.fromkeys(everything))))
            self._waiting_table[key] = found
        return found

    def waiting_percent(
        self,
        holder: str,
        class_index: int,
        attributes: Mapping[str, Any],
        taken: Taken,
        *,
        warn_at: int,
    ) -> int | None:
        """The percent of the first-response target at which a step of ``holder`` takes a
        waiting ticket of class ``class_index`` (``None``: never)."""
        key = (holder, class_index, taken)
        percent = self._waiting_percent.get(key, -1)
        if percent == -1:
            percent = None
            for p, events in self.waiting_events(holder, warn_at):
                if self.handoff(holder, events, attributes, taken) is not None:
                    percent = p
                    break
            self._waiting_percent[key] = percent
        return percent

    def waiting_handoff(
        self, holder: str, attributes: Mapping[str, Any], taken: Taken, warn_at: int
    ) -> Handoff | None:
        """The step of ``holder`` that takes a waiting ticket, once its first-response events
        have happened."""
        for _percent, events in self.waiting_events(holder, warn_at):
            found = self.handoff(holder, events, attributes, taken)
            if found is not None:
                return found
        return None
