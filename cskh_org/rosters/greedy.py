"""A greedy roster, the baseline the solver is measured against.

Day by day, it repeatedly takes the unit's template that covers the most intervals still
short (of the requirement, or of the hard minimum where that is higher) and gives it to the
agent of the unit with the fewest paid minutes so far who may work it: free that day, within
the weekly and contract hours and days, outside hard days off, rested since the shift before
and before the shift after, and at the same start as the day before when that is a hard rule.
It stops a day when no template covers anything short. With weekends off in rotation, agent
``a`` keeps the weekends of the weeks ``w ≡ a (mod every)`` free (which keeps the rule when
the weeks are a multiple of ``every``). It does not look ahead, so it may leave a hard minimum
short where the solver would not (the checker says so).
"""

from __future__ import annotations

import time

from cskh_org.rosters.agents import Instance
from cskh_org.rosters.result import Roster, Status
from cskh_org.rosters.solver import make_roster
from cskh_org.working_time import DAY_MINUTES

__all__ = ["greedy", "greedy_choice"]


def greedy(inst: Instance) -> Roster:
    """The greedy roster of ``inst`` (status ``feasible``, no bound)."""
    began = time.perf_counter()
    chosen = greedy_choice(inst)
    return make_roster(
        inst,
        chosen,
        Status.FEASIBLE,
        bound=None,
        gap=None,
        seconds=time.perf_counter() - began,
        seed=None,
    )


def greedy_choice(inst: Instance) -> list[tuple[int, int, int]]:
    """The greedy ``(agent, day, template)`` choices (the solver starts from them)."""
    days = inst.days
    short = {
        unit: [max(r, m) for r, m in zip(inst.required[unit], inst.minimum[unit], strict=True)]
        for unit in inst.required
    }
    taken: dict[tuple[int, int], int] = {}  # (agent, day) -> template
    paid = [0] * len(inst.agents)
    week_minutes: dict[tuple[int, int], int] = {}
    week_days: dict[tuple[int, int], int] = {}
    same = inst.rules.fairness.same_start
    hard_same = same is not None and same.hard
    weekends = inst.rules.fairness.weekends_off
    span = min(weekends.every, inst.rules.weeks) if weekends is not None else 0

    def weekend_off(a: int, d: int) -> bool:
        """Agents take their weekends off in turn: agent ``a`` the weeks ``w ≡ a (mod span)``."""
        return bool(span) and d % 7 >= 5 and (d // 7) % span == a % span

    def may(a: int, d: int, t: int) -> bool:
        plan = inst.agents[a]
        unit = plan.agent.unit
        template = inst.templates[unit][t]
        if (a, d) in taken or d in inst.hard_off.get(a, {}) or d % 7 not in template.weekdays:
            return False
        if weekend_off(a, d):
            return False
        w = d // 7
        cap = inst.hours_per_week.value
        if plan.weekly_minutes is not None:
            cap = min(cap, plan.weekly_minutes)
        if week_minutes.get((a, w), 0) + template.paid_minutes > cap:
            return False
        if week_days.get((a, w), 0) + 1 > min(7 - inst.rest_days.value, plan.days_per_week):
            return False
        start = d * DAY_MINUTES + template.start
        end = d * DAY_MINUTES + template.end
        for e in (d - 2, d - 1, d + 1, d + 2):
            other = taken.get((a, e % days))
            if other is None or e % days == d:
                continue
            o = inst.templates[unit][other]
            o_start = e * DAY_MINUTES + o.start
            o_end = e * DAY_MINUTES + o.end
            if e < d and start - o_end < inst.rest_between.value:
                return False
            if e > d and o_start - end < inst.rest_between.value:
                return False
            if hard_same and abs(e - d) == 1 and o.start != template.start:
                return False
        return True

    for d in range(days):
        blocked: set[tuple[str, int]] = set()
        while True:
            best: tuple[int, int, str, int] | None = None  # (gain, -paid, unit, template)
            for unit, templates in inst.templates.items():
                for t, template in enumerate(templates):
                    if (unit, t) in blocked or d % 7 not in template.weekdays:
                        continue
                    gain = sum(1 for k in inst.covered(unit, d, t) if short[unit][k] > 0)
                    if gain and (best is None or (gain, -template.paid_minutes) > best[:2]):
                        best = (gain, -template.paid_minutes, unit, t)
            if best is None:
                break
            _, _, unit, t = best
            eligible = [
                a for a, plan in enumerate(inst.agents) if plan.agent.unit == unit and may(a, d, t)
            ]
            if not eligible:
                blocked.add((unit, t))
                continue
            a = min(eligible, key=lambda i: (paid[i], i))
            minutes = inst.templates[unit][t].paid_minutes
            taken[a, d] = t
            paid[a] += minutes
            week_minutes[a, d // 7] = week_minutes.get((a, d // 7), 0) + minutes
            week_days[a, d // 7] = week_days.get((a, d // 7), 0) + 1
            for k in inst.covered(unit, d, t):
                short[unit][k] -= 1
    return sorted((a, d, t) for (a, d), t in taken.items())
