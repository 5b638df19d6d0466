"""The streamlined kernel: first-come-first-served desks without an event list.

A plan whose tickets go straight to always-open first-come-first-served units and are
resolved there (no SLA, no escalation step, no outcome odds, follow-ups or reopenings, no
mix, one staff line per unit, no after-contact work: :attr:`Plan.fast
<cskh_org.simulation.plan.Plan.fast>`) needs no queue and no events: a ticket's start is
known when it arrives (the agent of its unit's one staff line who is free first, the
Kiefer–Wolfowitz recursion). A unit whose agents hold ``N`` tickets at once, all of the same
weight, is the same recursion on ``N`` slots per agent. :func:`run_streamlined`
takes the same steps and the same random draws in the same order as the general kernel
(:mod:`cskh_org.simulation.event_loop`) with the general machinery left out, so its results
are identical (the test suite checks they agree). Arrivals, the start, abandonment and the
statistics are inline in one loop of local variables; exponential gaps and handling times
are drawn inline with the same formula and random stream as their samplers.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from math import log
from typing import Any

from cskh_org.simulation.arrivals import HOUR
from cskh_org.simulation.replication import Replication
from cskh_org.simulation.stats import ReplicationStats

__all__ = ["run_streamlined"]


def run_streamlined(state: Replication) -> ReplicationStats:
    """Run the replication ``state`` of a plan the streamlined kernel may run."""
    from cskh_org.model.workload import Exponential

    plan = state.plan
    horizon, warmup = state.horizon, state.warmup
    plans: list[tuple[Any, ...]] = []
    for index in range(len(plan.streams)):
        cls = plan.class_of(index, ())
        unit = plan.units[cls.unit]
        patience = state.patience_sampler(cls)
        service, _wrap, entry = state.work_samplers(unit, cls.category, cls.key.channel)
        dist = entry.time
        svc_rate = 0.0
        svc_uniform = None
        if isinstance(dist, Exponential):
            svc_rate = 1.0 / dist.mean.total_seconds()
            svc_uniform = state.rng(f"service:{unit.id}").random
        plans.append(
            (
                state.pools[unit.id][0][1],
                service,
                svc_uniform,
                svc_rate,
                patience,
                state.stats_of(cls),
                state.units[unit.id],
                unit.id,
            )
        )
    last = len(plans) - 1
    uniform = state.rng("arrivals").random
    pick = state.rng("streams").random
    rate = plan.arrivals.total
    cum = plan.arrivals.cumulative
    stats = state.stats
    heapreplace = heapq.heapreplace
    area_of = {uid: u.queue_area for uid, u in state.units.items()}
    n_area = math.ceil((horizon - warmup) / HOUR)
    queue_area = state.queue_area
    arrived = finished = abandoned = open_end = 0
    in_system = 0.0
    t = 0.0
    while True:
        t += -log(1.0 - uniform()) / rate
        if t >= horizon:
            break
        index = bisect_right(cum, pick() * cum[-1]) if last else 0
        index = index if index < last else last
        (free, service, svc_uniform, svc_rate, patience, cs, us, uid) = plans[index]
        arrived += 1
        counted = t >= warmup
        if counted:
            cs.arrived += 1
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
                        cs.in_system += 1
                else:
                    abandoned += 1
                    if counted:
                        cs.abandoned += 1
                        cs.patience_used += leave - t
                a = t if t > warmup else warmup
                if end > a:
                    in_system += end - a
                continue
        if start >= horizon:
            queue_area(uid, t, horizon)
            open_end += 1
            if counted:
                cs.in_system += 1
            in_system += horizon - (t if t > warmup else warmup)
            continue
        work = -log(1.0 - svc_uniform()) / svc_rate if svc_uniform is not None else service()
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
            cs.answered += 1
            cs.first_response.add(wait)
        if end >= horizon:
            open_end += 1
            if counted:
                cs.in_system += 1
            in_system += horizon - (t if t > warmup else warmup)
            continue
        finished += 1
        if end > warmup:
            in_system += end - (t if t > warmup else warmup)
        if counted:
            spent = end - t
            cs.resolved += 1
            cs.resolution.add(spent)
            cs.handoffs[1] += 1
            cs.first_contact += 1
    stats.arrived_total += arrived
    stats.finished_total += finished
    stats.abandoned_total += abandoned
    stats.in_system_total += open_end
    stats.time_in_system += in_system
    stats.events = arrived
    return state.finish()
