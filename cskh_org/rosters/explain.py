"""Why a roster is impossible: the smallest set of clashing rules found, each with where it
is written and what dropping it would give.

Semantics, in one place:

* every hard rule instance (:class:`~cskh_org.rosters.model.Rule`: one agent's weekly limit in
  one week, a unit's minimum cover on one day, one rest rule…) gets an assumption literal that
  enforces its rows; CP-SAT's ``sufficient_assumptions_for_infeasibility`` gives a clashing
  subset, which is **shrunk by deletion**: a rule is dropped from the set when the rest still
  clash, so every rule left is needed (the set is minimal, as far as the time allows);
* **what relaxing gives**: each rule left is re-solved with every other hard rule kept and
  that rule's rows given slack, the slack minimised: feasible with the least violation
  (hours over the limit, intervals below the minimum…); or, when other rules clash too, the
  same within the set alone (dropping the rule resolves this clash, at that cost), said in
  both languages.
"""

from __future__ import annotations

import time
from typing import Any

from cskh_org.rosters.agents import Instance
from cskh_org.rosters.model import Rule, build_model
from cskh_org.rosters.result import Conflict
from cskh_org.rosters.solver import Places, solver_for
from cskh_org.words import both

__all__ = ["explain"]


def explain(inst: Instance, places: Places, *, time_limit: float) -> tuple[Conflict, ...]:
    """The conflicts of an infeasible instance (empty if it turns out feasible)."""
    from ortools.sat.python import cp_model

    deadline = time.perf_counter() + max(2.0, 2 * time_limit)
    built = build_model(inst, objective=False)
    model = built.model
    lits = []
    for i, rule in enumerate(built.rules):
        lit = model.new_bool_var(f"r{i}")
        for expr, rhs in rule.rows:
            model.add(expr <= rhs).only_enforce_if(lit)
        lits.append(lit)
    index_of = {lit.index: i for i, lit in enumerate(lits)}

    def clash(chosen: list[int]) -> list[int] | None:
        """The core among ``chosen`` if they clash, else ``None``."""
        model.clear_assumptions()
        model.add_assumptions([lits[i] for i in chosen])
        solver = solver_for(max(0.5, deadline - time.perf_counter()), 0, 1)
        solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        return sorted(index_of[k] for k in solver.sufficient_assumptions_for_infeasibility())

    core = clash(list(range(len(lits))))
    if core is None:
        return ()
    kept = list(core)
    for i in list(core):
        if i not in kept or time.perf_counter() > deadline:
            continue
        smaller = clash([j for j in kept if j != i])
        if smaller is not None:
            kept = smaller
    return tuple(
        _conflict(inst, built.rules, i, kept=kept, places=places, deadline=deadline) for i in kept
    )


def _relaxed(
    inst: Instance, rules_index: int, deadline: float, among: list[int] | None = None
) -> tuple[str, float]:
    """``("feasible", least slack)``, ``("infeasible", 0)`` or ``("unknown", 0)`` with the
    rule's rows given slack and every other rule kept (or only those ``among``)."""
    from ortools.sat.python import cp_model

    built = build_model(inst, objective=False)
    model = built.model
    slack: list[Any] = []
    for i, rule in enumerate(built.rules):
        for expr, rhs in rule.rows:
            if i == rules_index:
                s = model.new_int_var(0, 10**9, f"slack{len(slack)}")
                model.add(expr <= rhs + s)
                slack.append(s)
            elif among is None or i in among:
                model.add(expr <= rhs)
    model.minimize(sum(slack))
    solver = solver_for(max(0.5, deadline - time.perf_counter()), 0, 1)
    solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "feasible", solver.objective_value
    if code == cp_model.INFEASIBLE:
        return "infeasible", 0.0
    return "unknown", 0.0


def _place(places: Places, rule: Rule) -> str | None:
    path = rule.path
    while path:
        found = places(rule.document, path)
        if found is not None:
            return found
        path = path[:-1]
    return places(rule.document, ())


def _conflict(
    inst: Instance,
    rules: list[Rule],
    i: int,
    *,
    kept: list[int],
    places: Places,
    deadline: float,
) -> Conflict:
    rule = rules[i]
    outcome, amount = _relaxed(inst, i, deadline)
    fields = {name: "" if value is None else value for name, value in rule.fields.items()}
    what = both(f"roster.rule.{rule.code}", **fields)
    key = f"roster.relaxed.{outcome}"
    if outcome == "infeasible":
        outcome, amount = _relaxed(inst, i, deadline, among=kept)
        key = "roster.relaxed.this-clash"
    if outcome == "feasible":
        shown = f"{amount / rule.unit:g}"
        then = both(key, amount=both(f"roster.amount.{rule.code}", amount=shown, **fields))
    else:
        then = both(f"roster.relaxed.{outcome}")
    message = {"vi": f"{what.vi}; {then.vi}", "en": f"{what.en}; {then.en}"}
    return Conflict(rule.code, rule.subject, _place(places, rule), message)
