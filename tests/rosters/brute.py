"""The exhaustive answer to a tiny roster: every schedule of every agent enumerated, the rules
kept in plain minute arithmetic (a third reading, beside the solver's and the checker's), the
best roster by under-cover first, then paid minutes plus soft penalties.

Only for a handful of agents, one or two templates and few working days: the product of the
agents' schedules is enumerated.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cskh_org.model import Department
from cskh_org.model.roster import RosterRules
from cskh_org.rosters.agents import Instance, instance

DAY = 1440


@dataclass(frozen=True)
class Best:
    under_cover: int
    cost: int
    """Paid minutes plus soft penalties."""
    feasible: bool


def _schedules(inst: Instance, a: int) -> list[tuple[int | None, ...]]:
    plan = inst.agents[a]
    templates = inst.templates[plan.agent.unit]
    days = inst.days
    choices = [
        [None, *(t for t, tpl in enumerate(templates) if d % 7 in tpl.weekdays)]
        for d in range(days)
    ]
    week_cap = inst.hours_per_week.value
    if plan.weekly_minutes is not None:
        week_cap = min(week_cap, plan.weekly_minutes)
    day_cap = min(7 - inst.rest_days.value, plan.days_per_week)
    off = inst.hard_off.get(a, {})
    rules = inst.rules
    out = []
    for pick in itertools.product(*choices):
        if any(pick[d] is not None for d in off):
            continue
        ok = True
        for w in range(rules.weeks):
            week = [t for t in pick[7 * w : 7 * w + 7] if t is not None]
            if len(week) > day_cap or sum(templates[t].paid_minutes for t in week) > week_cap:
                ok = False
        worked = [(d, t) for d, t in enumerate(pick) if t is not None]
        for (d, t), (e, u) in itertools.permutations(worked, 2):
            ahead = (e - d) % days
            gap = ahead * DAY + templates[u].start - templates[t].end
            if ahead in (1, 2) and gap < inst.rest_between.value:
                ok = False
        same = rules.fairness.same_start
        if same is not None and same.hard:
            for d in range(days):
                a_, b_ = pick[d], pick[(d + 1) % days]
                if a_ is not None and b_ is not None:
                    ok = ok and templates[a_].start == templates[b_].start
        weekends = rules.fairness.weekends_off
        if weekends is not None:
            free = [pick[7 * w + 5] is None and pick[7 * w + 6] is None for w in range(rules.weeks)]
            span = min(weekends.every, rules.weeks)
            starts = range(rules.weeks) if span < rules.weeks else range(1)
            if not all(any(free[(w + k) % rules.weeks] for k in range(span)) for w in starts):
                ok = False
        if ok:
            out.append(pick)
    return out


def _penalty(inst: Instance, a: int, pick: tuple[int | None, ...]) -> int:
    templates = inst.templates[inst.agents[a].agent.unit]
    cost = sum(templates[t].paid_minutes for t in pick if t is not None)
    for d, (_, weight) in inst.soft_off.get(a, {}).items():
        if pick[d] is not None:
            cost += weight
    same = inst.rules.fairness.same_start
    if same is not None and not same.hard:
        for d in range(inst.days):
            t, u = pick[d], pick[(d + 1) % inst.days]
            if t is not None and u is not None and templates[t].start != templates[u].start:
                cost += same.weight
    return cost


def brute_force(
    department: Department, rules: RosterRules, requirement: Mapping[str, Sequence[int]]
) -> Best:
    """The best roster's objective, by enumeration."""
    inst = instance(department, rules, requirement)
    per_agent = []
    for a in range(len(inst.agents)):
        unit = inst.agents[a].agent.unit
        rows = []
        for pick in _schedules(inst, a):
            cover: dict[int, int] = {}
            for d, t in enumerate(pick):
                if t is not None:
                    for k in inst.covered(unit, d, t):
                        cover[k] = cover.get(k, 0) + 1
            rows.append((unit, cover, _penalty(inst, a, pick)))
        per_agent.append(rows)
    best: tuple[int, int] | None = None
    needed = {
        unit: {
            k: (r, m)
            for k, (r, m) in enumerate(zip(req, inst.minimum[unit], strict=True))
            if r or m
        }
        for unit, req in inst.required.items()
    }
    for combo in itertools.product(*per_agent):
        totals: dict[str, dict[int, int]] = {unit: {} for unit in needed}
        cost = 0
        for unit, cover, penalty in combo:
            cost += penalty
            mine = totals[unit]
            for k, n in cover.items():
                mine[k] = mine.get(k, 0) + n
        short = 0
        ok = True
        for unit, wanted in needed.items():
            for k, (r, m) in wanted.items():
                n = totals[unit].get(k, 0)
                if n < m:
                    ok = False
                    break
                short += max(0, r - n)
            if not ok:
                break
        if ok and (best is None or (short, cost) < best):
            best = (short, cost)
    if best is None:
        return Best(0, 0, feasible=False)
    return Best(best[0], best[1], feasible=True)


def roster_cost(inst: Instance, chosen: Mapping[tuple[int, int], int]) -> int:
    """Paid minutes plus soft penalties of ``(agent, day) → template``."""
    total = 0
    for a in range(len(inst.agents)):
        pick = tuple(chosen.get((a, d)) for d in range(inst.days))
        total += _penalty(inst, a, pick)
    return total
