"""The CP-SAT model of a roster, built once for the solver and for the explanation of an
infeasible one.

Semantics, in one place:

* **A rotation**: the period wraps around (see :mod:`cskh_org.rosters.agents`).
* **Variables**: a boolean ``x[a, d, t]`` for each agent ``a``, day ``d`` and template ``t``
  of the agent's unit that may start on that weekday; at most one per agent and day.
* **Hard rules**, each a :class:`Rule` instance (one agent's week, one unit's day…) made of
  linear rows ``expr ≤ rhs``: ``hours-per-week`` and ``contract-hours`` (paid minutes of a
  roster week), ``rest-days`` and ``contract-days`` (days with a shift in a week),
  ``rest-between`` (no two shifts closer than the rest), ``minimum-cover`` (agents on duty in
  each open interval of a day), ``day-off`` (hard days off), ``weekends-off`` (a full weekend
  off in each window of weeks), ``same-start`` when hard. A row that cannot bind is left out.
* **Objective**: agent-intervals short of the requirement, weighted to dominate everything
  else; then paid minutes; then soft penalties (days off asked for, changes of start time).
* **Symmetry**: agents of one unit with the same contract and no days off of their own are
  interchangeable; their paid minutes over the period are ordered (the first works most).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cskh_org.rosters.agents import Instance
from cskh_org.working_time import DAY_MINUTES

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

__all__ = ["Built", "Rule", "build_model"]


@dataclass
class Rule:
    """One instance of a hard rule: its code, what it binds and the rows it adds."""

    code: str
    subject: str
    document: str
    """``rules`` or ``department``: where it is written."""
    path: tuple[str | int, ...]
    fields: dict[str, object]
    rows: list[tuple[Any, int]] = field(default_factory=list)
    """``(linear expression, rhs)``: each ``expr ≤ rhs``."""
    unit: int = 1
    """What one unit of slack of its rows is worth in the words' ``amount`` (60: minutes
    counted in hours)."""


@dataclass
class Built:
    model: cp_model.CpModel
    x: dict[tuple[int, int, int], Any]
    """``(agent, day, template)`` → boolean."""
    rules: list[Rule]
    short: dict[tuple[str, int], Any]
    """``(unit, interval)`` → agent-intervals short (an integer variable)."""
    weight: int
    """The under-cover weight."""
    objective: Any


def _sum(terms: Sequence[tuple[Any, int]]) -> Any:
    from ortools.sat.python import cp_model

    return cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms])


def build_model(inst: Instance, *, objective: bool = True) -> Built:
    """The model with every rule's rows (not yet added: :func:`add_rules` says how)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x: dict[tuple[int, int, int], Any] = {}
    by_day: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    for a in range(len(inst.agents)):
        for d, t in inst.options(a):
            var = model.new_bool_var(f"x{a}_{d}_{t}")
            x[a, d, t] = var
            by_day.setdefault((a, d), []).append((t, var))
    for choices in by_day.values():
        if len(choices) > 1:
            model.add_at_most_one(v for _, v in choices)
    rules = _rules(inst, model, x, by_day)
    short: dict[tuple[str, int], Any] = {}
    paid: list[tuple[Any, int]] = []
    penalties: list[tuple[Any, int]] = []
    weight = 1
    terms: list[tuple[Any, int]] = []
    if objective:
        cover: dict[tuple[str, int], list[Any]] = {}
        for (a, d, t), var in x.items():
            unit = inst.unit_of(a)
            for k in inst.covered(unit, d, t):
                cover.setdefault((unit, k), []).append(var)
            paid.append((var, inst.templates[unit][t].paid_minutes))
        for unit, required in inst.required.items():
            for k, need in enumerate(required):
                if need <= 0:
                    continue
                on = cover.get((unit, k), [])
                s = model.new_int_var(max(0, need - len(on)), need, f"s{unit}_{k}")
                model.add(s + sum(on) >= need)
                short[unit, k] = s
        penalties = _soft(inst, model, x, by_day)
        weight = sum(c for _, c in paid) + sum(c for _, c in penalties) + 1
        terms = [(s, weight) for s in short.values()] + paid + penalties
        _symmetry(inst, model, x)
    expr = _sum(terms) if objective and terms else 0
    if objective:
        model.minimize(expr)
    return Built(model, x, rules, short, weight, expr)


def _agent_days(by_day: dict[tuple[int, int], list[tuple[int, Any]]], a: int, d: int) -> list[Any]:
    return [v for _, v in by_day.get((a, d), [])]


def _rules(
    inst: Instance,
    model: cp_model.CpModel,
    x: dict[tuple[int, int, int], Any],
    by_day: dict[tuple[int, int], list[tuple[int, Any]]],
) -> list[Rule]:
    rules: list[Rule] = []
    fairness = inst.rules.fairness
    for a, plan in enumerate(inst.agents):
        ident = plan.agent.id
        templates = inst.templates[plan.agent.unit]
        for w in range(inst.rules.weeks):
            days = range(7 * w, 7 * w + 7)
            paid = [(v, templates[t].paid_minutes) for d in days for t, v in by_day.get((a, d), [])]
            most = sum(
                max((templates[t].paid_minutes for t, _ in by_day.get((a, d), [])), default=0)
                for d in days
            )
            worked = [(v, 1) for d in days for v in _agent_days(by_day, a, d)]
            week = {"agent": ident, "week": w + 1}
            limit = inst.hours_per_week
            if most > limit.value:
                rule = Rule(
                    "hours-per-week",
                    ident,
                    limit.document,
                    limit.path,
                    {**week, "hours": _hours(limit.value)},
                    [(_sum(paid), limit.value)],
                    60,
                )
                rules.append(rule)
            if plan.weekly_minutes is not None and plan.weekly_minutes < min(limit.value, most):
                assert plan.contract_path is not None
                rules.append(
                    Rule(
                        "contract-hours",
                        ident,
                        "department",
                        (*plan.contract_path, "hours_per_week"),
                        {
                            **week,
                            "hours": _hours(plan.weekly_minutes),
                            "contract": plan.agent.contract,
                        },
                        [(_sum(paid), plan.weekly_minutes)],
                        60,
                    )
                )
            days_worked = sum(1 for d in days if by_day.get((a, d)))
            allowed = 7 - inst.rest_days.value
            if days_worked > allowed:
                rules.append(
                    Rule(
                        "rest-days",
                        ident,
                        inst.rest_days.document,
                        inst.rest_days.path,
                        {**week, "days": inst.rest_days.value},
                        [(_sum(worked), allowed)],
                    )
                )
            if plan.days_per_week < min(allowed, days_worked):
                assert plan.contract_path is not None
                rules.append(
                    Rule(
                        "contract-days",
                        ident,
                        "department",
                        (*plan.contract_path, "days_per_week"),
                        {**week, "days": plan.days_per_week, "contract": plan.agent.contract},
                        [(_sum(worked), plan.days_per_week)],
                    )
                )
        rest = Rule(
            "rest-between",
            ident,
            inst.rest_between.document,
            inst.rest_between.path,
            {"agent": ident, "hours": _hours(inst.rest_between.value)},
        )
        for d in range(inst.days):
            for t, v in by_day.get((a, d), []):
                end = d * DAY_MINUTES + templates[t].end
                for e in sorted({(d + 1) % inst.days, (d + 2) % inst.days} - {d}):
                    later = (e + (inst.days if e < d else 0)) * DAY_MINUTES
                    for u, w_ in by_day.get((a, e), []):
                        if later + templates[u].start - end < inst.rest_between.value:
                            rest.rows.append((v + w_, 1))
        if rest.rows:
            rules.append(rest)
        offs: dict[int, list[int]] = {}
        for d, j in inst.hard_off.get(a, {}).items():
            offs.setdefault(j, []).append(d)
        for j, days_off in sorted(offs.items()):
            vars_ = [v for d in days_off for v in _agent_days(by_day, a, d)]
            if vars_:
                rules.append(
                    Rule(
                        "day-off",
                        ident,
                        "rules",
                        ("days_off", j),
                        {"agent": ident, "days": len(days_off)},
                        [(sum(vars_), 0)],
                    )
                )
        if fairness.weekends_off is not None:
            every = fairness.weekends_off.every
            free = []
            for w in range(inst.rules.weeks):
                weekend = _agent_days(by_day, a, 7 * w + 5) + _agent_days(by_day, a, 7 * w + 6)
                z = model.new_bool_var(f"z{a}_{w}")
                for v in weekend:
                    model.add_implication(z, v.Not())
                free.append(z)
            weeks = inst.rules.weeks
            span = min(every, weeks)
            for w in range(weeks if span < weeks else 1):
                window = [free[(w + k) % weeks] for k in range(span)]
                rules.append(
                    Rule(
                        "weekends-off",
                        ident,
                        "rules",
                        ("fairness", "weekends_off", "every"),
                        {"agent": ident, "every": every, "week": w + 1},
                        [(-sum(window), -1)],
                    )
                )
        if fairness.same_start is not None and fairness.same_start.hard:
            same = Rule(
                "same-start", ident, "rules", ("fairness", "same_start", "hard"), {"agent": ident}
            )
            for d in range(inst.days):
                for t, v in by_day.get((a, d), []):
                    for u, w_ in by_day.get((a, (d + 1) % inst.days), []):
                        if templates[t].start != templates[u].start:
                            same.rows.append((v + w_, 1))
            if same.rows:
                rules.append(same)
    for u, entry in enumerate(inst.rules.units):
        unit = entry.unit
        minimum = inst.minimum[unit]
        if not any(minimum):
            continue
        cover: dict[int, list[Any]] = {}
        for (a, d, t), v in x.items():
            if inst.unit_of(a) == unit:
                for k in inst.covered(unit, d, t):
                    cover.setdefault(k, []).append(v)
        per_day = DAY_MINUTES // inst.interval
        for d in range(inst.days):
            ks = [k for k in range(d * per_day, (d + 1) * per_day) if minimum[k] > 0]
            if not ks:
                continue
            rule = Rule(
                "minimum-cover",
                unit,
                "rules",
                ("units", u, "minimum"),
                {"unit": unit, "day": inst.rules.days[d].isoformat(), "agents": entry.minimum},
            )
            rule.rows = [(-sum(cover.get(k, [])), -minimum[k]) for k in ks]
            rules.append(rule)
    return rules


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}"


def _soft(
    inst: Instance,
    model: cp_model.CpModel,
    x: dict[tuple[int, int, int], Any],
    by_day: dict[tuple[int, int], list[tuple[int, Any]]],
) -> list[tuple[Any, int]]:
    terms: list[tuple[Any, int]] = []
    for a, days in inst.soft_off.items():
        for d, (_, weight) in days.items():
            terms += [(v, weight) for v in _agent_days(by_day, a, d)]
    same = inst.rules.fairness.same_start
    if same is None or same.hard:
        return terms
    for a, plan in enumerate(inst.agents):
        templates = inst.templates[plan.agent.unit]
        starts = sorted({t.start for t in templates})
        if len(starts) < 2:
            continue
        for d in range(inst.days):
            today, tomorrow = by_day.get((a, d), []), by_day.get((a, (d + 1) % inst.days), [])
            if not today or not tomorrow:
                continue
            change = model.new_bool_var(f"c{a}_{d}")
            for s in starts:
                now = [v for t, v in today if templates[t].start == s]
                other = [v for t, v in tomorrow if templates[t].start != s]
                if now and other:
                    model.add(sum(now) + sum(other) - 1 <= change)
            terms.append((change, same.weight))
    return terms


def _symmetry(inst: Instance, model: cp_model.CpModel, x: dict[tuple[int, int, int], Any]) -> None:
    groups: dict[tuple[object, ...], list[int]] = {}
    for a, plan in enumerate(inst.agents):
        if a in inst.hard_off or a in inst.soft_off:
            continue
        key = (plan.agent.unit, plan.weekly_minutes, plan.days_per_week)
        groups.setdefault(key, []).append(a)
    paid: dict[int, list[tuple[Any, int]]] = {}
    for (a, _, t), v in x.items():
        paid.setdefault(a, []).append((v, inst.templates[inst.unit_of(a)][t].paid_minutes))
    for members in groups.values():
        for a, b in itertools.pairwise(members):
            if a in paid and b in paid:
                model.add(_sum(paid[a]) >= _sum(paid[b]))
