"""The streamlined kernel: first-come-first-served desks without an event list.

A plan whose tickets go straight to always-open first-come-first-served units and are
resolved there (no escalation step, no outcome odds, follow-ups or reopenings, no mix, one
staff line per unit, no after-contact work: :attr:`Plan.fast
<cskh_org.simulation.plan.Plan.fast>`) needs no queue and no events: a ticket's start is
known when it arrives (the agent of its unit's one staff line who is free first, the
Kiefer–Wolfowitz recursion). A unit whose agents hold ``N`` tickets at once, all of the same
weight, is the same recursion on ``N`` slots per agent; agents on a calendar open round the
clock are always on duty. A plan whose every stream goes to one priority station of
always-on agents, without patience, runs :func:`_run_priority`: the same non-preemptive
priority queue, with the agents' free instants as one heap and no events.
:func:`run_streamlined` takes the same steps and the same random draws in the same order as
the general kernel (:mod:`cskh_org.simulation.event_loop`) with the general machinery left
out, so its results are identical (the test suite checks they
agree). Arrivals, the start, abandonment and the statistics are inline in one loop of local
variables; exponential gaps and handling times are drawn inline with the same formula and
random stream as their samplers.

What can wait is batched: the loop appends each counted ticket's wait and time to resolution
to lists (one pair per class accumulator, in arrival order) and, with an SLA, the few that
took longer than a target's length; every 4,096 arrivals and at the end :func:`_summarise`
adds them to the accumulators and empties the lists (memory stays flat), in the same order
(the sums are the same floating-point sums as the general kernel's, ticket by ticket), and
decides the late ones on the target's calendar exactly as the general kernel does
(``wait <= within or start <= due``).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable
from math import log
from typing import Any

from cskh_org.model.workload import SlaCount
from cskh_org.simulation.arrivals import HOUR
from cskh_org.simulation.plan import SlaTarget, Station, TicketClass
from cskh_org.simulation.replication import Replication
from cskh_org.simulation.stats import ClassStats, ReplicationStats
from cskh_org.simulation.tickets import due_from

__all__ = ["run_streamlined"]

_INF = math.inf
_FLUSH = 4095
"""Every 4,096 arrivals the kept waits are added to the accumulators and the lists emptied
(the additions in the same order as all at once), so memory stays flat however many tickets
are simulated."""


class _Batch:
    """What the loop keeps of the counted tickets of one class accumulator until the end:
    waits and times to resolution in arrival order, and the (arrival, instant) of those past
    a target's length."""

    __slots__ = ("fr_late", "res_late", "spents", "waits")

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.spents: list[float] = []
        self.fr_late: list[tuple[float, float, SlaTarget]] = []
        self.res_late: list[tuple[float, float, SlaTarget]] = []


def _service_draw(
    state: Replication, unit: Station, cls: TicketClass
) -> tuple[Any, Callable[[], float] | None, float]:
    """A class's handling-time sampler at ``unit`` on its first visit (every visit here: the
    tickets are resolved where routing sends them), drawn when the ticket arrives (see
    :meth:`~cskh_org.simulation.replication.Replication.first_work`) and, for an exponential
    time, the unit's ``first_service`` stream's uniform draw and the rate, negated, that
    turns it into a time
    inline: ``log(1.0 - u) / -rate``, the sampler's ``-log(1.0 - u) / rate`` to the bit (a
    quotient's sign is its operands' product of signs, its magnitude the same), without
    negating each logarithm first."""
    from cskh_org.model.workload import Exponential

    service, _wrap, entry = state.work_samplers(unit, cls.category, cls.key.channel, "first_")
    if isinstance(entry.time, Exponential):
        return (
            service,
            state.rng(f"first_service:{unit.id}").random,
            -(1.0 / entry.time.mean.total_seconds()),
        )
    return service, None, 0.0


def run_streamlined(state: Replication) -> ReplicationStats:
    """Run the replication ``state`` of a plan the streamlined kernel may run."""

    plan = state.plan
    if plan.streams and not plan.units[plan.class_of(0, ()).unit].fifo:
        return _run_priority(state)
    horizon, warmup = state.horizon, state.warmup
    level = plan.workload.service_level
    sla_offered = level.count is not SlaCount.ANSWERED
    short_abandon = (
        level.short_abandon.total_seconds()
        if level.count is SlaCount.SHORT_ABANDONS_EXCLUDED
        else 0.0
    )
    plans: list[tuple[Any, ...]] = []
    batches: dict[int, tuple[ClassStats, _Batch]] = {}
    for index in range(len(plan.streams)):
        cls = plan.class_of(index, ())
        unit = plan.units[cls.unit]
        patience = state.patience_sampler(cls)
        service, svc_uniform, svc_rate = _service_draw(state, unit, cls)
        cs = state.stats_of(cls)
        batch = batches.setdefault(id(cs), (cs, _Batch()))[1]
        fr, res = cls.first_response, cls.resolution
        plans.append(
            (
                state.pools[unit.id][0][1],
                service,
                svc_uniform,
                svc_rate,
                patience,
                cs,
                state.units[unit.id],
                unit.id,
                batch.waits.append,
                batch.spents.append,
                _INF if fr is None else fr.within,
                _INF if res is None else res.within,
                fr,
                res,
                batch,
                cls,
            )
        )
    last = len(plans) - 1
    uniform = state.rng("arrivals").random
    pick = state.rng("streams").random
    rate = -plan.arrivals.total  # negated, as the service rates (see _service_draw)
    cum = plan.arrivals.cumulative
    stats = state.stats
    heapreplace = heapq.heapreplace
    area_of = {uid: u.queue_area for uid, u in state.units.items()}
    n_area = math.ceil((horizon - warmup) / HOUR)
    queue_area = state.queue_area
    arrived = abandoned = open_end = 0  # the others finished: counted once, at the end
    in_system = 0.0
    t = 0.0
    # one stream: its class plan, once (else each arrival's, picked by the streams draw)
    (
        free,
        service,
        svc_uniform,
        svc_rate,
        patience,
        cs,
        us,
        uid,
        wait_to,
        spent_to,
        fr_within,
        res_within,
        fr,
        res,
        batch,
        cls,
    ) = plans[0]
    while True:
        t += log(1.0 - uniform()) / rate
        if t >= horizon:
            break
        if last:
            index = bisect_right(cum, pick() * cum[-1])
            (
                free,
                service,
                svc_uniform,
                svc_rate,
                patience,
                cs,
                us,
                uid,
                wait_to,
                spent_to,
                fr_within,
                res_within,
                fr,
                res,
                batch,
                cls,
            ) = plans[index if index < last else last]
        arrived += 1
        if not arrived & _FLUSH:  # memory stays flat: the lists are emptied as they go
            for cs_batch in batches.values():
                _summarise(*cs_batch)
        # drawn on arrival, whether it is answered, abandons or still waits at the end
        work = log(1.0 - svc_uniform()) / svc_rate if svc_uniform is not None else service()
        counted = t >= warmup
        f = free[0]
        start = f if f > t else t
        if patience is not None:
            leave = t + patience()
            if start > leave:
                end = leave if leave < horizon else horizon
                if end > t:
                    queue_area(uid, t, end)
                if leave >= horizon:
                    open_end += 1
                    if counted:
                        cs.arrived += 1
                        cs.in_system += 1
                        if sla_offered:
                            _open_sla(cs, cls, t, None, horizon)
                else:
                    abandoned += 1
                    if counted:
                        cs.arrived += 1
                        cs.abandoned += 1
                        cs.patience_used += leave - t
                        if sla_offered and leave - t >= short_abandon:
                            for target in cls.targets:  # never answered, never resolved
                                cs.sla_counted[target.name] += 1
                a = t if t > warmup else warmup
                if end > a:
                    in_system += end - a
                continue
        if start >= horizon:
            queue_area(uid, t, horizon)
            open_end += 1
            if counted:
                cs.arrived += 1
                cs.in_system += 1
                if sla_offered:
                    _open_sla(cs, cls, t, None, horizon)
            in_system += horizon - (t if t > warmup else warmup)
            continue
        end = start + work
        heapreplace(free, end)
        if start > t:
            # the wait, hour by hour, into the unit's queue-length series
            a = t if t > warmup else warmup
            if start > a:
                h = int((a - warmup) // HOUR)
                if start <= warmup + (h + 1) * HOUR and h < n_area:
                    area_of[uid][h] += start - a
                else:
                    queue_area(uid, a, start)
        a = start if start > warmup else warmup
        b = end if end < horizon else horizon
        if b > a:
            us.busy += b - a
        if start >= warmup:
            us.visits += 1
        if counted:
            wait = start - t
            wait_to(wait)
            if wait > fr_within:
                batch.fr_late.append((t, start, fr))
        if end >= horizon:
            open_end += 1
            if counted:
                cs.in_system += 1
                if sla_offered:
                    _open_sla(cs, cls, t, start, horizon)
            in_system += horizon - (t if t > warmup else warmup)
            continue
        if end > warmup:
            in_system += end - (t if t > warmup else warmup)
        if counted:
            spent = end - t
            spent_to(spent)
            if spent > res_within:
                batch.res_late.append((t, end, res))
    for cs, batch in batches.values():
        _summarise(cs, batch)
    stats.arrived_total += arrived
    stats.finished_total += arrived - abandoned - open_end
    stats.abandoned_total += abandoned
    stats.in_system_total += open_end
    stats.time_in_system += in_system
    stats.events = arrived
    return state.finish()


def _open_sla(
    cs: ClassStats, cls: TicketClass, arrived: float, first: float | None, horizon: float
) -> None:
    """A counted ticket of ``cls`` that arrived at ``arrived`` is open at the end (``first``:
    when an agent started on it, ``None``: never): a miss of each target it has not met that
    fell due before the end (the general kernel's ``_open_at_end``)."""
    for target in cls.targets:
        if target.name == "first_response" and first is not None:
            continue
        if due_from(arrived, target) < horizon:
            cs.sla_counted[target.name] += 1


def _summarise(cs: ClassStats, batch: _Batch) -> None:
    """Add what the loop kept of one class accumulator's tickets to it, in arrival order,
    and empty the lists (the loop's bound ``append`` methods stay theirs)."""
    waits, spents = batch.waits, batch.spents
    cs.arrived += len(waits)
    cs.answered += len(waits)
    cs.first_response.add_all(waits)
    cs.resolved += len(spents)
    cs.resolution.add_all(spents)
    cs.handoffs[1] += len(spents)
    cs.first_contact += len(spents)
    for name, values, late in (
        ("first_response", waits, batch.fr_late),
        ("resolution", spents, batch.res_late),
    ):
        if name not in cs.sla_counted:
            continue
        missed = _missed(late)
        cs.sla_counted[name] += len(values)
        cs.sla_met[name] += len(values) - missed
    for kept in (waits, spents, batch.fr_late, batch.res_late):
        kept.clear()


def _missed(late: list[tuple[float, float, SlaTarget]]) -> int:
    """How many of ``late`` (arrival, instant, target) missed their target: the instant is
    after the target's due instant from the arrival (:func:`~cskh_org.simulation.tickets.
    due_from`). A duration on a timetable whose openings are already worked out past the due
    instant is :meth:`Timetable.add <cskh_org.simulation.timetable.Timetable.add>` inline
    (the same two bisections and the same floating-point operations, on the same lists);
    anything else (business days, a timetable still to extend) calls ``due_from``."""
    missed = 0
    current: SlaTarget | None = None
    clock = inline = False
    within = 0.0
    starts: list[float] = []
    ends: list[float] = []
    done: list[float] = []
    for arrived, at, target in late:
        if target is not current:
            current = target
            tt = target.timetable
            within = target.within
            clock = tt is None  # due_from: the arrival plus the length
            inline = tt is not None and not target.days and within > 0.0
            if tt is not None:
                starts, ends, done = tt.starts, tt.ends, tt.done
        if clock:
            if not at <= arrived + within:
                missed += 1
            continue
        if inline and ends and ends[-1] > arrived:
            i = bisect_right(ends, arrived)
            opening = starts[i]
            goal = done[i] - (ends[i] - (opening if opening > arrived else arrived)) + within
            if done[-1] >= goal:
                j = bisect_left(done, goal)
                if not at <= ends[j] - (done[j] - goal):
                    missed += 1
                continue
        if not at <= due_from(arrived, target):
            missed += 1
    return missed


def _run_priority(state: Replication) -> ReplicationStats:
    """Run ``state`` of a plan whose every stream goes to one priority station of always-on
    agents, without patience: the non-preemptive priority queue of the general kernel, with
    the agents' free instants as one heap. Before each arrival, the agents who free before it
    start the waiting tickets, highest priority first, first come first served within one
    (the general kernel's picks, in the same order: so the same handling-time draws, and
    every sum in the same order); an arrival starts at once when an agent is free and no
    ticket waits, else it waits."""

    plan = state.plan
    horizon, warmup = state.horizon, state.warmup
    level = plan.workload.service_level
    sla_offered = level.count is not SlaCount.ANSWERED
    station = plan.units[plan.class_of(0, ()).unit]
    uid = station.id
    free = state.pools[uid][0][1]
    us = state.units[uid]
    area = us.queue_area
    n_area = len(area)
    queue_area = state.queue_area
    plans: list[tuple[Any, ...]] = []
    batches: dict[int, tuple[ClassStats, _Batch]] = {}
    for index in range(len(plan.streams)):
        cls = plan.class_of(index, ())
        service, svc_uniform, svc_rate = _service_draw(state, station, cls)
        cs = state.stats_of(cls)
        batch = batches.setdefault(id(cs), (cs, _Batch()))[1]
        fr, res = cls.first_response, cls.resolution
        plans.append(
            (
                cls.level,
                service,
                svc_uniform,
                svc_rate,
                cs,
                batch,
                _INF if fr is None else fr.within,
                _INF if res is None else res.within,
                fr,
                res,
                cls,
            )
        )
    last = len(plans) - 1
    uniform = state.rng("arrivals").random
    pick = state.rng("streams").random
    rate = -plan.arrivals.total  # negated, as the service rates (see _service_draw)
    cum = plan.arrivals.cumulative
    heapreplace = heapq.heapreplace
    queues: dict[int, deque[tuple[tuple[Any, ...], float, float]]] = {}
    levels: list[deque[tuple[tuple[Any, ...], float, float]]] = []
    """The queues, highest priority first."""
    waiting = 0
    arrived = finished = open_end = 0
    in_system = 0.0

    def start(p: tuple[Any, ...], t: float, at: float, work: float) -> None:
        """The ticket of class plan ``p`` that arrived at ``t`` with ``work`` starts at
        ``at``: the general kernel's ``_started`` and ``_resolve``."""
        nonlocal in_system, finished, open_end
        (
            _level,
            _service,
            _svc_uniform,
            _svc_rate,
            cs,
            batch,
            fr_within,
            res_within,
            fr,
            res,
            cls,
        ) = p
        if at > t:
            a = t if t > warmup else warmup
            h = int((a - warmup) // HOUR)
            if at <= warmup + (h + 1) * HOUR and a < at and h < n_area:
                area[h] += at - a
            else:
                queue_area(uid, t, at)
        end = at + work
        heapreplace(free, end)
        a = at if at > warmup else warmup
        b = end if end < horizon else horizon
        if b > a:
            us.busy += b - a  # (a share of 1: the general kernel's product is the same)
        if at >= warmup:
            us.visits += 1
        counted = t >= warmup
        if counted:
            wait = at - t
            batch.waits.append(wait)
            if wait > fr_within:
                batch.fr_late.append((t, at, fr))
        a = t if t > warmup else warmup
        if end >= horizon:
            open_end += 1
            if horizon > a:
                in_system += horizon - a
            if counted:
                cs.in_system += 1
                if sla_offered:
                    _open_sla(cs, cls, t, at, horizon)
            return
        finished += 1
        if end > a:
            in_system += end - a
        if counted:
            spent = end - t
            batch.spents.append(spent)
            if spent > res_within:
                batch.res_late.append((t, end, res))

    def best() -> tuple[tuple[Any, ...], float, float]:
        for queue in levels:
            if queue:
                return queue.popleft()
        raise AssertionError("unreachable: a ticket waits")

    t = 0.0
    while True:
        t += log(1.0 - uniform()) / rate
        if t >= horizon:
            break
        index = bisect_right(cum, pick() * cum[-1]) if last else 0
        p = plans[index if index < last else last]
        arrived += 1
        if not arrived & _FLUSH:  # memory stays flat: the lists are emptied as they go
            for cs_batch in batches.values():
                _summarise(*cs_batch)
        svc_uniform, svc_rate = p[2], p[3]
        # drawn on arrival, as the general kernel does
        work = log(1.0 - svc_uniform()) / svc_rate if svc_uniform is not None else p[1]()
        while waiting and free[0] < t:  # agents free before it start the waiting tickets
            waiting -= 1
            item = best()
            start(item[0], item[1], free[0], item[2])
        if not waiting and free[0] <= t:
            start(p, t, t, work)
            continue
        queue = queues.get(p[0])
        if queue is None:
            queue = queues[p[0]] = deque()
            levels[:] = [queues[k] for k in sorted(queues, reverse=True)]
        queue.append((p, t, work))
        waiting += 1
    while waiting and free[0] < horizon:
        waiting -= 1
        item = best()
        start(item[0], item[1], free[0], item[2])
    for queue in queues.values():  # still waiting at the end: open
        for p, t, _work in queue:
            queue_area(uid, t, horizon)
            open_end += 1
            a = t if t > warmup else warmup
            if horizon > a:
                in_system += horizon - a
            if t >= warmup:
                cs, cls = p[4], p[10]
                cs.arrived += 1
                cs.in_system += 1
                if sla_offered:
                    _open_sla(cs, cls, t, None, horizon)
    for cs, batch in batches.values():
        _summarise(cs, batch)
    stats = state.stats
    stats.arrived_total += arrived
    stats.finished_total += finished
    stats.in_system_total += open_end
    stats.time_in_system += in_system
    stats.events = arrived
    return state.finish()
