"""The general kernel: a discrete-event loop in which tickets flow through the department's
own router, SLA policies, calendars and escalation steps.

How a ticket lives
------------------
1. A stream draws it (Poisson arrivals at the profile's rate for each local hour, see
   :mod:`cskh_org.simulation.arrivals`) with its attributes; the department's router names
   the unit, the skills an agent needs and the priority (its class,
   :class:`~cskh_org.simulation.plan.TicketClass`). Its SLA deadlines are worked out on the
   target's calendar, as the SLA engine does. A ticket whose class passes a self-service
   stage (chatbot, IVR) first spends the stage's time there, no agent, 24/7; the stage
   resolves it (contained: counted per stage and category, never offered to an agent) or
   it enters the router at the end of that time, its arrival unchanged (its waits and SLA
   clocks count the stage time; its patience starts in the queue).
2. At a unit it waits for an eligible agent (one whose role and staff line give every skill
   the route asks for) who is at work (the staff line's calendar, else the unit's; part-timers
   work the first FTE share of each opening). Higher priorities go first; within a priority,
   first come first served. A service started before closing time is finished: the time
   worked past the end of the agent's duty is the unit's overtime. A
   first-come-first-served station starts a ticket when it arrives; a priority station keeps
   queues and completion events (see :mod:`cskh_org.simulation.plan`).
3. While it waits for its first response the customer may give up (``patience`` of its
   channel), and a step of the holder that fires on a first-response SLA breach or warning
   takes it away at that instant.
4. After each visit the department's escalation steps from the holder are tested (resolution
   breach or warning, tier, category, reopenings: the first step in document order that fires,
   each step at most once per ticket; :mod:`cskh_org.simulation.handoffs`); if none fires
   the workload's ``holders`` odds decide: resolve, escalate (the holder's ``manual`` step) or
   a partner (the holder's first functional step), which keeps it for its ``turnaround`` and
   hands it back.
5. A resolution may be followed by a follow-up contact (agent time at the unit) and may be
   reopened (back to the holder that resolved it; at most :data:`MAX_REOPENS` times): the
   customer wrote again, and the start of the ticket's next agent visit is the next response
   its next-response target measures. A follow-up step of the holder (on ``resolved``) gives
   its unit a follow-up contact too: the unit's handling time for the ticket's category and
   channel, after the workload's ``follow_up.delay`` (none without ``follow_up``); the
   ticket stays resolved.

This module is longer than the others on purpose: its methods are one state machine over one
replication's heap, queues and accumulators, calling each other on the hot path (a visit
starts, ends, escalates, resolves, reopens); splitting it would spread one class over several
files.
"""

from __future__ import annotations

import heapq
import itertools
import random
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Final

from cskh_org.errors import SimulationError
from cskh_org.escalation import EscalationEvent
from cskh_org.model.escalation import StepKind, TriggerKind
from cskh_org.model.workload import SlaCount
from cskh_org.simulation.arrivals import HOUR, arrival_times
from cskh_org.simulation.distributions import Sampler, sampler
from cskh_org.simulation.handoffs import EVENTS
from cskh_org.simulation.plan import Plan, SlaTarget, Station, TicketClass
from cskh_org.simulation.replication import Replication
from cskh_org.simulation.stats import ClassStats, ReplicationStats, StageStats, TicketRecord
from cskh_org.simulation.tickets import (
    INF,
    NO_SKILLS,
    Agent,
    Job,
    Ticket,
    allowed,
    allowed_from,
    due,
    due_from,
)
from cskh_org.simulation.timetable import Timetable

__all__ = ["MAX_REOPENS", "run_general"]

MAX_REOPENS: Final = 50
"""Reopenings after which a ticket is not reopened again (a workload cannot loop for ever)."""

_VISIT, _LEAVE, _PICK, _FOLLOW, _DONE, _ENTER = 1, 2, 3, 4, 5, 6
"""Kinds of heap events (arrivals are not on the heap: they come from one generator)."""


def run_general(
    plan: Plan,
    replication: int,
    seed: int,
    records: Callable[[TicketRecord], None] | None = None,
) -> ReplicationStats:
    """Run replication ``replication`` of seed ``seed`` of ``plan``; ``records`` receives
    every ticket when it finishes (and every ticket still open at the end)."""
    return _Run(plan, replication, seed, records).go()


class _Run(Replication):
    """One replication's mutable state in the general kernel."""

    __slots__ = (
        "agents",
        "batched",
        "eligible",
        "follow_delay",
        "follow_draw",
        "follow_p",
        "follow_steps",
        "follow_time",
        "handoffs",
        "heap",
        "levels",
        "outcome",
        "queues",
        "records",
        "reopen_delay",
        "reopen_draw",
        "reopen_p",
        "rough_offsets",
        "seq",
        "short_abandon",
        "sla_offered",
        "spents",
        "stages",
        "step_follow_time",
        "tickets",
        "turnaround",
        "waits",
    )

    stages: dict[str, tuple[Sampler, Callable[[], float]]]
    """Per self-service stage: its time sampler and its containment draw (set only when the
    plan has stages, so a run without keeps its attributes as they were)."""

    def __init__(
        self,
        plan: Plan,
        replication: int,
        seed: int,
        records: Callable[[TicketRecord], None] | None,
    ) -> None:
        super().__init__(plan, replication, seed)
        self.records = records
        self.heap: list[tuple[float, int, int, Any]] = []
        self.seq = itertools.count()
        self.turnaround: dict[str, Sampler | None] = {}
        self.outcome = self.rng("outcome").random
        self.reopen_draw = self.rng("reopen").random
        self.follow_draw = self.rng("follow_up").random
        wl = plan.workload
        self.reopen_delay = (
            sampler(wl.reopen.delay, self.rng("reopen_delay")) if wl.reopen else None
        )
        self.follow_time = (
            sampler(wl.follow_up.time, self.rng("follow_up_time")) if wl.follow_up else None
        )
        self.follow_p = wl.follow_up.probability if wl.follow_up else 0.0
        self.follow_delay = wl.follow_up.delay.total_seconds() if wl.follow_up else 0.0
        self.reopen_p = wl.reopen.probability if wl.reopen else 0.0
        self.follow_steps = plan.handoffs.follow_ups
        """Per holder: its follow-up steps (empty for most departments: nothing to do)."""
        self.step_follow_time: dict[tuple[str, str, str], Sampler] = {}
        """Per unit, category and channel: the handling time of a follow-up step's contact."""
        level = wl.service_level
        self.sla_offered = level.count is not SlaCount.ANSWERED
        """Whether abandoned and overdue open tickets count as SLA misses."""
        self.short_abandon = (
            level.short_abandon.total_seconds()
            if level.count is SlaCount.SHORT_ABANDONS_EXCLUDED
            else 0.0
        )
        """Abandons within this many seconds are left out of the SLA figures."""
        self.tickets = 0
        self.agents: dict[str, list[Agent]] = {
            unit.id: [Agent(g) for g in unit.groups for _ in range(g.agents * unit.slots)]
            for unit in plan.units.values()
        }
        self.queues: dict[str, dict[int, deque[Any]]] = {uid: {} for uid in plan.units}
        self.levels: dict[str, tuple[deque[Any], ...]] = dict.fromkeys(plan.units, ())
        """Per unit: its queues, from the highest priority down (see :meth:`_queue`)."""
        self.handoffs = plan.handoffs
        self.eligible: dict[tuple[str, frozenset[str]], list[Any]] = {}
        """Per first-come-first-served unit and skills: :meth:`_eligible`."""
        self.waits: dict[int, list[float]] = {}
        """Per class: the first-response waits not yet added to its histogram (added a
        batch at a time, :meth:`_flush`; classes with the same key share the list)."""
        self.spents: dict[int, list[float]] = {}
        """Per class: the times to resolution not yet added, the same way."""
        self.batched: list[tuple[ClassStats, list[float], list[float]]] = []
        self.rough_offsets: dict[int, float] = {}
        """Per class: :meth:`_rough_offset` (a ticket's first wait at its routed unit)."""
        if plan.stages:
            self.stages = {}

    # -- the event loop -----------------------------------------------------------------------

    def go(self) -> ReplicationStats:
        plan = self.plan
        heap = self.heap
        horizon = self.horizon
        streams = plan.streams
        n_streams = len(streams)
        mixers = [self.rng(f"mix:{s.stream.id}") for s in streams]
        pick = self.rng("streams").random
        rates = plan.arrivals
        times = arrival_times(
            rates.total, rates.piece_totals, rates.ends, self.rng("arrivals"), horizon
        )
        piece_cums = rates.piece_cumulative
        ends = rates.ends
        piece = 0  # the piece of the local clock that holds the latest arrival
        nxt = next(times, INF)
        events = 0
        heappop = heapq.heappop
        classes = plan.draw_classes
        draw_cums = plan.draw_cumulative
        hourly = len(draw_cums) > 1
        last = len(classes) - 1
        warmup = self.warmup
        tickets = 0
        while True:
            if nxt <= (heap[0][0] if heap else INF):
                if nxt == INF:
                    break
                t = nxt
                nxt = next(times, INF)
                if ends:  # arrivals come in order: the piece moves forward only
                    while t >= ends[piece]:
                        piece += 1
                if classes:  # one draw: the stream and its attributes together
                    if last:
                        cum = draw_cums[piece] if hourly else draw_cums[0]
                        i = bisect_right(cum, pick() * cum[-1])
                        cls = classes[i if i < last else last]
                    else:
                        cls = classes[0]
                else:
                    index = 0
                    if n_streams > 1:
                        cum = piece_cums[piece] if piece_cums else rates.cumulative
                        index = min(bisect_right(cum, pick() * cum[-1]), n_streams - 1)
                    cls = self._mixed(index, mixers[index], streams[index].mix)
                tickets += 1
                if not tickets & 4095:
                    self._flush()  # (the batches stay short: memory stays flat)
                ticket = Ticket(tickets, cls, t, t >= warmup)
                if cls.stage is not None:
                    self._self_service(ticket, t)
                else:
                    self._enter(ticket, t)
                continue
            if not heap:
                break
            t, _, kind, obj = heap[0]
            if t >= horizon:
                break
            events += 1
            heappop(heap)
            if kind == _VISIT:
                self._visit(obj, t)
            elif kind == _LEAVE:
                if obj.waiting and obj.leave_at == t:
                    obj.waiting = False
                    self.queue_area(obj.holder, obj.queued, t)
                    self._leave(obj, t)
            elif kind == _PICK:
                self._pick(obj, t)
            elif kind == _DONE:
                self._done(obj, t)
            elif kind == _ENTER:
                self._enter(obj, t)
            else:
                self._follow(obj, t)
        self.stats.events = events + tickets  # (the heap's events and the arrivals)
        self.stats.arrived_total = self.tickets = tickets
        self._finish_open()
        self._flush()
        return self.finish()

    def stats_of(self, cls: TicketClass) -> ClassStats:
        found = self.class_stats.get(cls.index)
        if found is None:
            found = super().stats_of(cls)
            batch = next((b for b in self.batched if b[0] is found), None)
            if batch is None:
                batch = (found, [], [])
                self.batched.append(batch)
            self.waits[cls.index], self.spents[cls.index] = batch[1], batch[2]
        return found

    def _flush(self) -> None:
        """Add the waits and times to resolution kept so far to their histograms."""
        for cs, waits, spents in self.batched:
            cs.first_response.add_all(waits)
            waits.clear()
            cs.resolution.add_all(spents)
            spents.clear()

    def _finish_open(self) -> None:
        """Tickets still open at the end: pending visits and tickets waiting in queues."""
        seen: set[int] = set()
        for _t, _, kind, obj in self.heap:
            if kind == _VISIT and obj.ident not in seen:
                seen.add(obj.ident)
                self._open_at_end(obj)
        for queues in self.queues.values():
            for queue in queues.values():
                for obj in queue:
                    if isinstance(obj, Ticket) and obj.waiting and obj.ident not in seen:
                        seen.add(obj.ident)
                        self.queue_area(obj.holder, obj.queued, self.horizon)
                        self._open_at_end(obj)

    # -- arrivals -------------------------------------------------------------------------------

    def _mixed(self, index: int, mixer: random.Random, mix: Sequence[Any]) -> TicketClass:
        """The class of an arrival of stream ``index``, its mix drawn attribute by attribute
        (streams with too many combinations to enumerate)."""
        uniform = mixer.random
        picks = tuple(
            names[min(bisect_right(cum, uniform() * cum[-1]), len(cum) - 1)]
            for _name, names, cum in mix
        )
        return self.plan.class_of(index, picks)

    def _enter(self, ticket: Ticket, t: float) -> None:
        """The ticket enters the router at ``t``: when it arrives, or when its self-service
        stage hands it on (its ``arrived`` stays the instant it arrived)."""
        cls = ticket.cls
        if ticket.counted:
            cs = self.class_stats.get(cls.index) or self.stats_of(cls)
            cs.arrived += 1
        if self.records is not None:
            ticket.holders = []
        if cls.patience is not None:
            draw = self.patience.get(cls.key.channel)
            if draw is None:
                draw = sampler(cls.patience, self.rng(f"patience:{cls.key.channel}"))
                self.patience[cls.key.channel] = draw
            ticket.patience_at = ticket.leave_at = t + draw()
        unit = cls.station
        if unit is not None:  # its first visit's work, drawn now (common random numbers)
            first = self.first.get(cls.index) or self.first_work(cls)
            wrap = first[1]
            ticket.work = (first[0](), None if wrap is None else wrap())
        if unit is not None and unit.fifo and ticket.holders is None:
            # the first visit, in short (see _visit): the ticket is at its routed unit
            if cls.waits:
                offset = self.rough_offsets.get(cls.index)
                if offset is None:
                    offset = self.rough_offsets[cls.index] = self._rough_offset(cls, unit.id)
                at = ticket.arrived + offset
                if at < ticket.leave_at:
                    ticket.leave_at = at
                    ticket.rough = True
            self._fifo(unit, ticket, t)
        else:
            self._visit(ticket, t)

    def _self_service(self, ticket: Ticket, t: float) -> None:
        """The ticket arrives at its class's self-service stage at ``t``: it stays the drawn
        stage time (no agent, whatever the calendars say), then is resolved there with the
        class's containment share, else enters the router (an ``_ENTER`` event). A ticket
        still in the stage at the end of the simulated period is open."""
        stage = ticket.cls.stage
        assert stage is not None
        draws = self.stages.get(stage.id)
        if draws is None:
            draws = self.stages[stage.id] = (
                sampler(stage.time, self.rng(f"self_service_time:{stage.id}")),
                self.rng(f"self_service:{stage.id}").random,
            )
        end = t + draws[0]()
        contained = draws[1]() < stage.containment
        counts = None
        if ticket.counted:
            key = (stage.id, ticket.cls.category)
            counts = self.stats.self_service.get(key)
            if counts is None:
                counts = self.stats.self_service[key] = StageStats()
            counts.entered += 1
        if end >= self.horizon:
            self.stats.in_system_total += 1
            self._in_window(ticket, self.horizon)
            self._record(ticket, None, "open")
        elif contained:
            self.stats.finished_total += 1
            self._in_window(ticket, end)
            if counts is not None:
                counts.contained += 1
            self._record(ticket, end, "contained")
        else:
            if counts is not None:
                counts.handed += 1
            heapq.heappush(self.heap, (end, next(self.seq), _ENTER, ticket))

    # -- visits ----------------------------------------------------------------------------------

    def _visit(self, ticket: Ticket, t: float) -> None:
        holder = ticket.holder
        if ticket.holders is not None:
            ticket.holders.append(holder)
        unit = self.plan.units.get(holder)
        if unit is None:
            self._external(ticket, holder, t)
            return
        # the route's skills bind at the routed unit; escalated, any agent may take it
        cls = ticket.cls
        ticket.skills = cls.skills if holder == cls.unit else NO_SKILLS
        ticket.leave_at = ticket.patience_at if ticket.first is None else INF
        ticket.rough = False
        if ticket.first is None and self.handoffs.waiting_triggers.get(holder):
            at = self._waiting_escalation_at(ticket, holder, exact=not unit.fifo)
            if at < ticket.leave_at:
                ticket.leave_at = at
                ticket.rough = unit.fifo
        if unit.fifo:
            self._fifo(unit, ticket, t)
        elif unit.capacity:
            self._shared(unit, ticket, t)
        else:
            self._enqueue(unit, ticket, t)

    def _fifo(self, unit: Station, ticket: Ticket, t: float) -> None:
        best = close = INF
        best_heap: list[float] | None = None
        best_tt = None
        key = (unit.id, ticket.skills)
        eligible = self.eligible.get(key)
        if eligible is None:
            eligible = self.eligible[key] = self._eligible(unit, ticket.skills)
        for tt, free in eligible:
            f = free[0]
            s = f if f > t else t
            if s >= best:
                continue  # (an opening is never before s: this line cannot start first)
            end = INF
            if tt is not None:
                ends = tt.ends
                if ends and ends[-1] > s:  # the common case, inline: s within known openings
                    i = bisect_right(ends, s)
                    opening = tt.starts[i]
                    s = opening if opening > s else s
                    end = ends[i]  # the close of the opening that holds s
                else:
                    s = tt.next_open(s)
                    end = -INF  # (unknown here: overtime() looks it up)
            if s < best:
                best, best_heap, best_tt, close = s, free, tt, end
                if s == t:
                    break  # (no line starts before now)
        if best_heap is None:
            self._stuck(unit, ticket, t)
            return
        if best > ticket.leave_at and ticket.rough:
            ticket.rough = False
            exact = self._waiting_escalation_at(ticket, unit.id)
            ticket.leave_at = min(ticket.patience_at, exact)
        if best > ticket.leave_at:
            self.queue_area(unit.id, t, ticket.leave_at)
            if ticket.leave_at >= self.horizon:
                self._open_at_end(ticket)
            else:
                self._leave(ticket, ticket.leave_at)
            return
        if best >= self.horizon:
            self.queue_area(unit.id, t, self.horizon)
            self._open_at_end(ticket)
            return
        pre = ticket.work
        if pre is not None and unit is ticket.cls.station:
            ticket.work = None
            service, after_work = pre
        else:
            cls = ticket.cls
            work = self.service.get((unit.id, cls.category, cls.key.channel, "")) or (
                self.work_samplers(unit, cls.category, cls.key.channel)
            )
            service = work[0]()
            wrap = work[1]
            after_work = None if wrap is None else wrap()
        if after_work is None:
            heapq.heapreplace(best_heap, best + service)
            # overtime only when the service runs past the close of its opening
            if best_tt is not None and best + service > close:
                self.overtime(unit, best_tt, best, service)
            self._started(unit, ticket, t, best, service)
            return
        after = after_work  # after-contact work: the agent stays busy, the visit is over
        heapq.heapreplace(best_heap, best + service + after)
        if best_tt is not None and best + (service + after) > close:
            self.overtime(unit, best_tt, best, service + after)
        self._started(unit, ticket, t, best, service)
        self._busy(unit, best + service, after)

    def _eligible(
        self, unit: Station, skills: frozenset[str]
    ) -> list[tuple[Timetable | None, list[float]]]:
        """The staff lines of first-come-first-served ``unit`` whose agents may take work
        needing ``skills``, in order: each timetable with the heap of its agents' free
        instants."""
        return [
            (g.timetable, free)
            for g, free in self.pools[unit.id]
            if not skills or skills <= g.skills
        ]

    def _pool_overtime(self, unit: Station, free: list[float], start: float, span: float) -> None:
        """Overtime of the agent of the staff line whose free instants are ``free`` (a
        first-come-first-served station), who starts ``span`` seconds of work at ``start``."""
        for g, heap in self.pools[unit.id]:
            if heap is free:
                if g.timetable is not None:
                    self.overtime(unit, g.timetable, start, span)
                return

    def _started(
        self,
        unit: Station,
        ticket: Ticket,
        queued: float,
        t: float,
        service: float,
        *,
        share: float = 1.0,
    ) -> None:
        u = self.units[unit.id]
        warmup, horizon = self.warmup, self.horizon
        if t > queued:
            a = queued if queued > warmup else warmup
            h = int((a - warmup) // HOUR)
            if t <= warmup + (h + 1) * HOUR and a < t and h < len(u.queue_area):
                u.queue_area[h] += t - a  # the wait is within one hour: the common case
            else:
                self.queue_area(unit.id, queued, t)
        end = t + service
        a = t if t > warmup else warmup
        b = end if end < horizon else horizon
        if b > a:
            u.busy += (b - a) * share
        if t >= warmup:
            u.visits += 1
        ticket.visits += 1
        if ticket.first is None:
            ticket.first = t
            if ticket.counted:
                cs = self.class_stats.get(ticket.cls.index) or self.stats_of(ticket.cls)
                cs.answered += 1
                wait = t - ticket.arrived
                self.waits[ticket.cls.index].append(wait)
                target = ticket.cls.first_response
                if target is not None:
                    cs.sla_counted["first_response"] += 1
                    if wait <= target.within or t <= due(ticket, target):
                        cs.sla_met["first_response"] += 1
            if ticket.asked is not None:
                self._replied(ticket, t)
        elif ticket.asked is not None:
            self._replied(ticket, t)
        if end >= self.horizon:
            self._open_at_end(ticket)
            return
        if unit.id in self.handoffs.deciders or ticket.returning is not None:
            self._after(ticket, unit.id, end)
        else:
            self._resolve(ticket, unit.id, end)  # no trigger, no odds: resolved

    def _stuck(self, unit: Station, ticket: Ticket, t: float) -> None:
        if not unit.groups:
            raise SimulationError.of("error.simulation.no-staff", unit=unit.id)
        raise SimulationError.of(
            "error.simulation.no-skills", unit=unit.id, skills=", ".join(sorted(ticket.skills))
        )

    # -- priority stations ---------------------------------------------------------------------

    def _enqueue(self, unit: Station, ticket: Ticket, t: float) -> None:
        agents = self.agents[unit.id]
        if not agents or not any(
            not ticket.skills or ticket.skills <= a.group.skills for a in agents
        ):
            self._stuck(unit, ticket, t)
        best, best_agent = INF, None
        for agent in agents:
            if agent.busy or (ticket.skills and not ticket.skills <= agent.group.skills):
                continue
            s = agent.free_at if agent.free_at > t else t
            if s >= best:
                continue  # (an opening is never before s: this agent cannot start first)
            tt = agent.group.timetable
            if tt is not None:
                ends = tt.ends
                if ends and ends[-1] > s:  # tt.next_open(s), inline: s within known openings
                    opening = tt.starts[bisect_right(ends, s)]
                    s = opening if opening > s else s
                else:
                    s = tt.next_open(s)
            if s < best:
                best, best_agent = s, agent
                if s == t:
                    break  # (no agent starts before now)
        if best_agent is not None and best == t:
            self._start_agent(unit, best_agent, ticket, t, t)
            return
        ticket.waiting = True
        ticket.queued = t
        queue = self.queues[unit.id].get(ticket.level)
        (self._queue(unit.id, ticket.level) if queue is None else queue).append(ticket)
        self._wake(unit, ticket.skills, t)
        if ticket.leave_at < INF:
            heapq.heappush(self.heap, (ticket.leave_at, next(self.seq), _LEAVE, ticket))

    def _queue(self, unit: str, level: int) -> deque[Any]:
        """The queue of priority ``level`` at ``unit`` (made on first need, and the unit's
        queues kept from the highest priority down in :attr:`levels`)."""
        queues = self.queues[unit]
        queue = queues.get(level)
        if queue is None:
            queue = queues[level] = deque()
            self.levels[unit] = tuple(queues[k] for k in sorted(queues, reverse=True))
        return queue

    def _work(self, unit: Station, item: Ticket | Job) -> tuple[float, float]:
        """The handling time of ``item`` at ``unit`` and the after-contact work that
        follows it (0 without), drawn in that order."""
        if isinstance(item, Job):
            return self._follow_time(item), 0.0
        cls = item.cls
        pre = item.work
        if pre is not None and unit is cls.station:
            item.work = None
            return pre[0], (0.0 if pre[1] is None else pre[1])
        draw, wrap, _ = self.work_samplers(unit, cls.category, cls.key.channel)
        service = draw()
        return service, (0.0 if wrap is None else wrap())

    def _start_agent(
        self, unit: Station, agent: Agent, ticket: Any, queued: float, t: float
    ) -> None:
        service, after = self._work(unit, ticket)
        agent.busy = True
        end = t + service
        agent.free_at = end + after
        tt = agent.group.timetable
        if tt is None:
            nxt = end + after
        else:
            nxt = tt.next_open(end + after)
            self.overtime(unit, tt, t, service + after)
        agent.pick_at = nxt
        heapq.heappush(self.heap, (nxt, next(self.seq), _PICK, (unit, agent)))
        if isinstance(ticket, Job):
            self._job_done(unit, t, service)
            return
        ticket.waiting = False
        self._started(unit, ticket, queued, t, service)
        if after:
            self._busy(unit, end, after)

    def _pick(self, obj: tuple[Station, Agent], t: float) -> None:
        unit, agent = obj
        if agent.pick_at != t:
            return  # a later event superseded this one
        agent.pick_at = INF
        if unit.capacity:
            self._shared_pick(unit, agent, t)
            return
        agent.busy = False
        skills = agent.group.skills
        for queue in self.levels[unit.id]:
            while queue and not (isinstance(queue[0], Job) or queue[0].waiting):
                queue.popleft()
            for i, item in enumerate(queue):
                if isinstance(item, Ticket) and not item.waiting:
                    continue
                if item.skills and not item.skills <= skills:
                    continue
                del queue[i]
                queued = item.queued if isinstance(item, Ticket) else t
                self._start_agent(unit, agent, item, queued, t)
                return
        agent.free_at = t

    # -- leaving the queue ---------------------------------------------------------------------

    def _waiting_escalation_at(self, ticket: Ticket, holder: str, exact: bool = True) -> float:
        """When a step of ``holder`` on a first-response breach or warning takes the ticket
        while it waits (infinity: never). Not ``exact``: a lower bound that costs nothing
        (business time never runs faster than the clock), which the FIFO station refines
        only when a ticket would wait that long."""
        target = ticket.cls.first_response
        if target is None:
            return INF
        cls = ticket.cls
        taken = ticket.taken
        percent = -1 if taken else cls.waiting_percent.get(holder, -1)
        if percent == -1:
            percent = self.handoffs.waiting_percent(
                holder, cls.index, cls.attributes, taken, warn_at=target.warn_at
            )
            if not taken:
                cls.waiting_percent[holder] = percent
        if percent is None:
            return INF
        if not exact:
            return ticket.arrived + target.within * (percent if percent < 100 else 100) / 100
        if percent >= 100:
            return due(ticket, target)
        span = (target.within if not target.days else allowed(ticket, target)) * percent / 100
        tt = target.timetable
        return ticket.arrived + span if tt is None else tt.add(ticket.arrived, span)

    def _rough_offset(self, cls: TicketClass, holder: str) -> float:
        """The lower bound of ``_waiting_escalation_at`` (not exact) for a ticket of ``cls``
        that has taken no step, less its arrival: the same for every such ticket (infinity:
        no step of ``holder`` takes it while it waits)."""
        target = cls.first_response
        if target is None:
            return INF
        percent = cls.waiting_percent.get(holder, -1)
        if percent == -1:
            percent = self.handoffs.waiting_percent(
                holder, cls.index, cls.attributes, NO_SKILLS, warn_at=target.warn_at
            )
            cls.waiting_percent[holder] = percent
        if percent is None:
            return INF
        return target.within * (percent if percent < 100 else 100) / 100

    def _leave(self, ticket: Ticket, t: float) -> None:
        """The ticket leaves the queue at ``t``: its customer gives up, or a first-response
        step takes it."""
        if t < ticket.patience_at:
            handoff = self._waiting_handoff(ticket, t)
            if handoff is not None:
                self._hand(ticket, handoff, t)
                return
        self.stats.abandoned_total += 1
        self._in_window(ticket, t)
        if ticket.counted:
            cs = self.stats_of(ticket.cls)
            cs.abandoned += 1
            waited = t - ticket.arrived
            cs.patience_used += waited
            if self.sla_offered and waited >= self.short_abandon:
                for target in ticket.cls.targets:  # never answered, never resolved: missed
                    if target.name in cs.sla_counted:
                        cs.sla_counted[target.name] += 1
            if ticket.asked is not None:
                self._unanswered(ticket, cs, t, due_past=False)
        self._record(ticket, None, "abandoned")

    def _waiting_handoff(self, ticket: Ticket, t: float) -> Any:
        target = ticket.cls.first_response
        if target is None:
            return None
        return self.handoffs.waiting_handoff(
            ticket.holder, ticket.cls.attributes, ticket.taken, target.warn_at
        )

    # -- after a visit ---------------------------------------------------------------------------

    def _after(self, ticket: Ticket, holder: str, t: float) -> None:
        """Decide what happens to ``ticket`` when its visit at ``holder`` ends at ``t``."""
        if ticket.returning is not None:
            back = ticket.returning
            ticket.returning = None
            ticket.holder = back
            heapq.heappush(self.heap, (t, next(self.seq), _VISIT, ticket))
            return
        handoffs = self.handoffs
        auto = handoffs.auto.get(holder)
        if not auto and holder not in self.plan.behaviour:
            self._resolve(ticket, holder, t)
            return
        handoff = None
        if auto:
            sla: tuple[EscalationEvent, ...] = ()
            # before the earliest warning or breach of any target nothing SLA-driven fires
            if holder in handoffs.auto_sla and t - ticket.arrived >= ticket.cls.quiet:
                sla = self._sla_events(ticket, holder, t, auto)
            reopens = ticket.reopens if holder in handoffs.reopen_holders else 0
            # what fires depends on the holder, the class, the steps taken and these events
            plain = not (sla or reopens or ticket.taken)
            static = ticket.cls.after_static
            if plain and holder in static:
                handoff = static[holder]
            else:
                cls = ticket.cls
                handoff = handoffs.after_visit(
                    holder, cls.index, cls.attributes, ticket.taken, sla=sla, reopens=reopens
                )
                if plain:
                    static[holder] = handoff
        if handoff is None:
            behaviour = self.plan.behaviour.get(holder)
            if behaviour is not None and behaviour.resolve < 1.0:
                x = self.outcome()
                if x >= behaviour.resolve:
                    if x < behaviour.resolve + behaviour.escalate:
                        handoff = handoffs.handoff(
                            holder, (EVENTS.manual,), ticket.cls.attributes, ticket.taken
                        )
                    else:
                        handoff = handoffs.first_functional(holder, ticket.taken)
        if handoff is not None:
            self._hand(ticket, handoff, t)
            return
        self._resolve(ticket, holder, t)

    def _sla_events(
        self, ticket: Ticket, holder: str, t: float, auto: frozenset[TriggerKind]
    ) -> tuple[EscalationEvent, ...]:
        """The SLA breach and warning events of the ticket's targets (first response aside:
        it is decided while the ticket waits) at the end of a visit at ``t``."""
        ev = EVENTS
        out: list[EscalationEvent] = []
        for target in ticket.cls.targets:
            if target.name == "first_response":
                continue
            name = target.name
            spent = t - ticket.arrived  # business time never runs faster than the clock
            if TriggerKind.SLA_BREACH in auto and spent > target.within and t > due(ticket, target):
                out.append(ev.breach(name))
            if TriggerKind.SLA_WARNING in auto:
                marks = self.handoffs.percents.get(holder)
                lowest = min(target.warn_at, marks[0]) if marks else target.warn_at
                if spent * 100 < target.within * lowest:
                    continue
                elapsed = self._elapsed_percent(ticket, target, t)
                if elapsed >= target.warn_at:
                    out.append(ev.warning(name, None))
                for percent in self.handoffs.percents.get(holder, ()):
                    if elapsed >= percent:
                        out.append(ev.warning(name, percent))
        if ticket.late >= 0.0:
            out += self._next_events(ticket, holder, auto)
        return tuple(out)

    def _next_events(
        self, ticket: Ticket, holder: str, auto: frozenset[TriggerKind]
    ) -> list[EscalationEvent]:
        """The next-response breach and warning events at the end of a visit: the longest
        wait for a next response so far against the target (a breach stays one, as in the
        SLA engine's status)."""
        target = ticket.cls.next_response
        assert target is not None  # ticket.late is set only with a next-response target
        out: list[EscalationEvent] = []
        name, late = target.name, ticket.late
        if TriggerKind.SLA_BREACH in auto and late > 1.0:
            out.append(EVENTS.breach(name))
        if TriggerKind.SLA_WARNING in auto:
            elapsed = int(100 * late)
            if elapsed >= target.warn_at:
                out.append(EVENTS.warning(name, None))
            for percent in self.handoffs.percents.get(holder, ()):
                if elapsed >= percent:
                    out.append(EVENTS.warning(name, percent))
        return out

    def _elapsed_percent(self, ticket: Ticket, target: SlaTarget, t: float) -> int:
        tt = target.timetable
        used = t - ticket.arrived if tt is None else tt.open_time(ticket.arrived, t)
        return int(100 * used / (target.within if not target.days else allowed(ticket, target)))

    def _hand(self, ticket: Ticket, handoff: Any, t: float) -> None:
        ticket.taken = ticket.taken | {handoff.step}
        ticket.handoffs += 2 if handoff.kind is StepKind.FUNCTIONAL else 1
        ticket.escalated = True
        if handoff.kind is StepKind.FUNCTIONAL:
            ticket.returning = handoff.from_holder
        ticket.holder = handoff.to_holder
        heapq.heappush(self.heap, (t, next(self.seq), _VISIT, ticket))

    def _external(self, ticket: Ticket, holder: str, t: float) -> None:
        draw = self.turnaround.get(holder, ...)
        if draw is ...:
            behaviour = self.plan.behaviour.get(holder)
            dist = behaviour.turnaround if behaviour is not None else None
            draw = sampler(dist, self.rng(f"turnaround:{holder}")) if dist else None
            self.turnaround[holder] = draw
        end = t + (draw() if draw is not None else 0.0)
        ticket.visits += 1
        if end >= self.horizon:
            self._open_at_end(ticket)
            return
        self._after(ticket, holder, end)

    # -- endings ----------------------------------------------------------------------------------

    def _resolve(self, ticket: Ticket, holder: str, t: float) -> None:
        if ticket.asked is not None:
            self._replied(ticket, t)  # resolved (by a party) without an agent's visit
        if self.follow_p > 0.0 and holder in self.plan.units and self.follow_draw() < self.follow_p:
            # (a follow-up is agent time at the unit that resolved the ticket)
            at = t + self.follow_delay
            if at < self.horizon:
                job = Job(holder, NO_SKILLS, ticket.cls.key.channel)
                heapq.heappush(self.heap, (at, next(self.seq), _FOLLOW, job))
        if self.follow_steps and holder in self.follow_steps:
            self._follow_step(ticket, holder, t)
        if (
            self.reopen_p > 0.0
            and self.reopen_delay is not None
            and ticket.reopens < MAX_REOPENS
            and self.reopen_draw() < self.reopen_p
        ):
            at = t + self.reopen_delay()
            if at < self.horizon:
                ticket.reopens += 1
                if ticket.counted:
                    self.stats_of(ticket.cls).reopened += 1
                ticket.holder = holder
                if ticket.cls.next_response is not None:
                    ticket.asked = at  # the customer wrote again: a next response is owed
                if holder in self.handoffs.reopen_holders:
                    event = EVENTS.reopened(ticket.reopens)
                    handoff = self.handoffs.handoff(
                        holder, (event,), ticket.cls.attributes, ticket.taken
                    )
                    if handoff is not None:
                        self._hand(ticket, handoff, at)
                        return
                heapq.heappush(self.heap, (at, next(self.seq), _VISIT, ticket))
                return
        stats = self.stats
        stats.finished_total += 1
        arrived = ticket.arrived
        a = arrived if arrived > self.warmup else self.warmup
        if t > a:  # t is before the horizon here
            stats.time_in_system += t - a
        if ticket.counted:
            cs = self.class_stats.get(ticket.cls.index) or self.stats_of(ticket.cls)
            cs.resolved += 1
            spent = t - ticket.arrived
            self.spents[ticket.cls.index].append(spent)
            target = ticket.cls.resolution
            if target is not None:
                cs.sla_counted["resolution"] += 1
                if spent <= target.within or t <= due(ticket, target):
                    cs.sla_met["resolution"] += 1
            handoffs = ticket.handoffs
            cs.handoffs[handoffs if handoffs < 15 else 15] += 1
            if ticket.escalated:
                cs.escalated += 1
            elif ticket.visits == 1 and ticket.reopens == 0:
                cs.first_contact += 1
        if self.records is not None:
            self._record(ticket, t, "resolved")

    # -- next responses ---------------------------------------------------------------------------
    # A reopening is the customer writing again: the next agent visit that starts (at the
    # holder, or wherever a step takes the ticket) is the next response. One measurement each.

    def _replied(self, ticket: Ticket, t: float) -> None:
        """An agent starts on ``ticket`` at ``t``: the next response the customer waited for
        since ``ticket.asked``."""
        asked = ticket.asked
        target = ticket.cls.next_response
        assert asked is not None
        assert target is not None
        ticket.asked = None
        tt = target.timetable
        wait = t - asked
        used = wait if tt is None else tt.open_time(asked, t)
        if target.days:  # each wait its own working time
            share = used / allowed_from(asked, target, due_from(asked, target))
        else:
            share = used / target.within
        ticket.late = max(ticket.late, share)
        if ticket.counted:
            cs = self.stats_of(ticket.cls)
            name = target.name
            cs.sla_counted[name] = cs.sla_counted.get(name, 0) + 1
            met = wait <= target.within or t <= due_from(asked, target)
            cs.sla_met[name] = cs.sla_met.get(name, 0) + met

    def _unanswered(self, ticket: Ticket, cs: ClassStats, t: float, *, due_past: bool) -> None:
        """``ticket`` ends at ``t`` still owed a next response: a miss when SLA figures count
        every ticket offered, if its customer gave up (not within the short abandon) or, open
        at the end (``due_past``), once the target is past."""
        asked = ticket.asked
        target = ticket.cls.next_response
        assert asked is not None
        assert target is not None
        if not self.sla_offered:
            return
        if due_past and not due_from(asked, target) < self.horizon:
            return
        if not due_past and t - asked < self.short_abandon:
            return
        name = target.name
        cs.sla_counted[name] = cs.sla_counted.get(name, 0) + 1
        cs.sla_met.setdefault(name, 0)

    def _open_at_end(self, ticket: Ticket) -> None:
        self.stats.in_system_total += 1
        self._in_window(ticket, self.horizon)
        if ticket.counted:
            cs = self.stats_of(ticket.cls)
            cs.in_system += 1
            if self.sla_offered:
                # open at the end: a miss once past its target (not yet due: not counted)
                for target in ticket.cls.targets:
                    name = target.name
                    answered = name == "first_response" and ticket.first is not None
                    if (
                        name in cs.sla_counted
                        and not answered
                        and due(ticket, target) < self.horizon
                    ):
                        cs.sla_counted[name] += 1
                if ticket.asked is not None:
                    self._unanswered(ticket, cs, self.horizon, due_past=True)
        self._record(ticket, None, "open")

    def _in_window(self, ticket: Ticket, end: float) -> None:
        a = ticket.arrived if ticket.arrived > self.warmup else self.warmup
        b = end if end < self.horizon else self.horizon
        if b > a:
            self.stats.time_in_system += b - a

    def _record(self, ticket: Ticket, closed: float | None, outcome: str) -> None:
        if self.records is None:
            return
        cls = ticket.cls
        met = {}
        # a ticket contained in self-service never reached an agent: no SLA of it is measured
        for target in cls.targets if outcome != "contained" else ():
            deadline = due(ticket, target)
            if target.name == "first_response" and ticket.first is not None:
                met[target.name] = ticket.first <= deadline
            elif target.name == "resolution" and closed is not None:
                met[target.name] = closed <= deadline
        nxt = cls.next_response
        if nxt is not None and (ticket.late >= 0.0 or ticket.asked is not None):
            waiting = ticket.asked is not None and due_from(ticket.asked, nxt) < self.horizon
            met[nxt.name] = ticket.late <= 1.0 and not waiting
        self.records(
            TicketRecord(
                self.replication,
                ticket.ident,
                cls.stream,
                cls.unit,
                cls.key.channel,
                cls.key.priority,
                cls.key.tier,
                cls.category,
                ticket.arrived,
                ticket.first,
                closed,
                outcome,
                ticket.handoffs,
                tuple(ticket.holders or ()),
                ticket.reopens,
                met,
                tuple(sorted(cls.skills)),
            )
        )

    # -- follow-ups -------------------------------------------------------------------------------

    def _follow_time(self, job: Job) -> float:
        if job.time is not None:
            return job.time()
        assert self.follow_time is not None
        return self.follow_time()

    def _follow_step(self, ticket: Ticket, holder: str, t: float) -> None:
        """A ticket resolved at ``holder`` at ``t``: its first follow-up step not taken gives
        the step's unit a follow-up contact (the unit's handling time for the ticket's
        category and channel, drawn from the ``follow_up_step:<unit>`` stream) after the
        workload's ``follow_up.delay``. The ticket stays resolved; the contact is no
        resolution, so nothing follows it."""
        found = self.handoffs.follow_up(holder, ticket.taken)
        if found is None:
            return
        step, unit_id = found
        ticket.taken = ticket.taken | {step}
        unit = self.plan.units.get(unit_id)
        at = t + self.follow_delay
        if unit is None or at >= self.horizon:
            return
        cls = ticket.cls
        channel = cls.key.channel
        key = (unit_id, cls.category, channel)
        draw = self.step_follow_time.get(key)
        if draw is None:
            entry = self.plan.workload.service_for(unit_id, cls.category, channel)
            if entry is None:
                raise SimulationError.of(
                    "error.simulation.no-service",
                    unit=unit_id,
                    category=cls.category,
                    channel=channel,
                )
            draw = sampler(entry.time, self.rng(f"follow_up_step:{unit_id}"))
            self.step_follow_time[key] = draw
        job = Job(unit_id, NO_SKILLS, channel, draw)
        heapq.heappush(self.heap, (at, next(self.seq), _FOLLOW, job))

    def _follow(self, job: Job, t: float) -> None:
        unit = self.plan.units[job.unit]
        if not unit.groups:
            return
        if unit.capacity:
            self._shared(unit, job, t)
            return
        if unit.fifo:
            best, best_heap = INF, None
            for g, free in self.pools[unit.id]:
                f = free[0]
                s = f if f > t else t
                if g.timetable is not None:
                    s = g.timetable.next_open(s)
                if s < best:
                    best, best_heap = s, free
            if best_heap is None or best >= self.horizon:
                return
            service = self._follow_time(job)
            heapq.heapreplace(best_heap, best + service)
            if unit.timed:
                self._pool_overtime(unit, best_heap, best, service)
            self._job_done(unit, best, service)
            return
        self._queue(unit.id, -1).append(job)
        self._wake(unit, job.skills, t)

    def _wake(self, unit: Station, skills: frozenset[str], t: float) -> None:
        """Every idle agent who may take work needing ``skills`` picks at its next opening."""
        for agent in self.agents[unit.id]:
            if agent.busy or agent.pick_at != INF:
                continue
            if skills and not skills <= agent.group.skills:
                continue
            s = agent.free_at if agent.free_at > t else t
            tt = agent.group.timetable
            if tt is not None:
                s = tt.next_open(s)
            agent.pick_at = s
            heapq.heappush(self.heap, (s, next(self.seq), _PICK, (unit, agent)))

    def _job_done(self, unit: Station, t: float, service: float, share: float = 1.0) -> None:
        self._busy(unit, t, service, share)
        if t >= self.warmup:
            self.units[unit.id].follow_ups += 1

    def _busy(self, unit: Station, t: float, span: float, share: float = 1.0) -> None:
        """``share`` of an agent of ``unit`` is busy from ``t`` for ``span`` seconds (within
        the window): a follow-up, or after-contact work after a visit."""
        a, b = max(t, self.warmup), min(t + span, self.horizon)
        if b > a:
            self.units[unit.id].busy += (b - a) * share

    # -- shared capacity --------------------------------------------------------------------------
    # A station whose tickets weigh differently (concurrency by channel): each agent holds
    # tickets while their weights, in whole units of `unit.capacity`, sum to at most that.

    def _weight(self, unit: Station, item: Ticket | Job) -> int:
        """The capacity units ``item`` takes at ``unit``."""
        channel = item.cls.key.channel if isinstance(item, Ticket) else item.channel
        return unit.weights.get(channel, unit.capacity)

    def _shared(self, unit: Station, item: Ticket | Job, t: float) -> None:
        """A ticket or follow-up at a station that shares capacity: the eligible agent at work
        with the most capacity free starts it now if it fits (the first such agent on a tie),
        else it waits in the station's queues."""
        agents = self.agents[unit.id]
        skills = item.skills
        if not any(not skills or skills <= a.group.skills for a in agents):
            if isinstance(item, Job):
                return  # (no agent: a follow-up is not made, as at any unstaffed unit)
            self._stuck(unit, item, t)
        weight = self._weight(unit, item)
        capacity = unit.capacity
        best, most = None, weight - 1
        for agent in agents:
            spare = capacity - agent.used
            if spare <= most or (skills and not skills <= agent.group.skills):
                continue
            tt = agent.group.timetable
            if tt is not None and tt.next_open(t) != t:
                continue
            best, most = agent, spare
        if best is not None:
            self._shared_start(unit, best, item, t, t)
            return
        if isinstance(item, Ticket):
            item.waiting = True
            item.queued = t
        level = item.level if isinstance(item, Ticket) else -1
        self._queue(unit.id, level).append(item)
        for agent in agents:  # agents off duty with room for it pick at their next opening
            if agent.pick_at != INF or capacity - agent.used < weight:
                continue
            if skills and not skills <= agent.group.skills:
                continue
            tt = agent.group.timetable
            agent.pick_at = s = t if tt is None else tt.next_open(t)
            heapq.heappush(self.heap, (s, next(self.seq), _PICK, (unit, agent)))
        if isinstance(item, Ticket) and item.leave_at < INF:
            heapq.heappush(self.heap, (item.leave_at, next(self.seq), _LEAVE, item))

    def _shared_start(
        self, unit: Station, agent: Agent, item: Ticket | Job, queued: float, t: float
    ) -> None:
        weight = self._weight(unit, item)
        share = weight / unit.capacity
        service, after = self._work(unit, item)
        agent.used += weight
        done = (unit, agent, weight)
        heapq.heappush(self.heap, (t + service + after, next(self.seq), _DONE, done))
        tt = agent.group.timetable
        if tt is not None:
            self.overtime(unit, tt, t, service + after, share)
        if isinstance(item, Job):
            self._job_done(unit, t, service, share)
            return
        item.waiting = False
        self._started(unit, item, queued, t, service, share=share)
        if after:
            self._busy(unit, t + service, after, share)

    def _done(self, obj: tuple[Station, Agent, int], t: float) -> None:
        """An agent of a shared station ends a ticket (its after-contact work included): its
        capacity frees, and it picks now if at work, else at its next opening."""
        unit, agent, weight = obj
        agent.used -= weight
        tt = agent.group.timetable
        s = t if tt is None else tt.next_open(t)
        if s == t:
            self._shared_pick(unit, agent, t)
        elif s < agent.pick_at:
            agent.pick_at = s
            heapq.heappush(self.heap, (s, next(self.seq), _PICK, (unit, agent)))

    def _shared_pick(self, unit: Station, agent: Agent, t: float) -> None:
        """The agent starts the waiting work that fits its free capacity: highest priority
        first, first come first served within a priority; work that does not fit (or needs
        skills it lacks) is passed over for work behind it that does."""
        capacity = unit.capacity
        skills = agent.group.skills
        for queue in self.levels[unit.id]:
            i = 0
            while i < len(queue) and agent.used < capacity:
                item = queue[i]
                if isinstance(item, Ticket) and not item.waiting:
                    del queue[i]
                    continue
                weight = self._weight(unit, item)
                if agent.used + weight > capacity or (item.skills and not item.skills <= skills):
                    i += 1
                    continue
                del queue[i]
                queued = item.queued if isinstance(item, Ticket) else t
                self._shared_start(unit, agent, item, queued, t)

    # -- queue length -----------------------------------------------------------------------------
