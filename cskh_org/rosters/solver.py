"""The roster solver: OR-Tools CP-SAT over the model of :mod:`cskh_org.rosters.model`.

Semantics, in one place:

* **The search** minimises under-cover (agent-intervals short of the requirement) first, then
  paid minutes, then soft penalties, within ``time_limit`` seconds; the roster says what it
  proved (:class:`~cskh_org.rosters.result.Status`) and the gap ``(objective − bound) /
  objective`` (0 when optimal).
* **A start**: the greedy baseline's roster (:mod:`cskh_org.rosters.greedy`) is given to the
  search as a hint, so a roster is at hand from the first second.
* **Determinism**: with a ``seed``, the search runs one worker and its time limit is CP-SAT's
  *deterministic* time (work counted, not seconds): the same seed and input give the same
  roster whatever the machine's load. (CP-SAT's interleaved multi-worker search is
  deterministic too, but found far worse rosters in the same work on these models.) A
  wall-clock stop at ten times the limit guards a very slow machine. Without a seed,
  ``workers`` threads race under a wall-clock limit: faster to a proof, not repeatable.
* **Infeasible**: the answer names a minimal set of clashing rules
  (:mod:`cskh_org.rosters.explain`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from cskh_org.rosters.agents import Instance
from cskh_org.rosters.result import Assignment, Conflict, Cover, Roster, Status

__all__ = ["Places", "make_roster", "solve", "solver_for"]

Places = Callable[[str, tuple[str | int, ...]], str | None]
"""``(document, path) → file:line:col`` of where the data at ``path`` is written
(``document``: ``rules`` or ``department``); ``None`` when not known."""


def solver_for(time_limit: float, seed: int | None, workers: int) -> Any:
    """A CP-SAT solver with the search parameters of the module's semantics."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    params = solver.parameters
    if seed is None:
        params.num_workers = workers
        params.max_time_in_seconds = time_limit
    else:
        params.num_workers = 1
        params.random_seed = seed
        params.repair_hint = True
        params.hint_conflict_limit = 10_000  # the greedy hint may break a hard minimum
        params.max_deterministic_time = time_limit
        params.max_time_in_seconds = 10 * time_limit
    return solver


def solve(
    inst: Instance,
    *,
    time_limit: float,
    seed: int | None,
    workers: int,
    places: Places,
) -> Roster:
    """The best roster found within the limit, or the refusal with its conflicts."""
    from ortools.sat.python import cp_model

    from cskh_org.rosters.model import build_model

    began = time.perf_counter()
    built = build_model(inst)
    for rule in built.rules:
        for expr, rhs in rule.rows:
            built.model.add(expr <= rhs)
    from cskh_org.rosters.greedy import greedy_choice

    start = set(greedy_choice(inst))  # a first roster to start from (a hint, not a rule)
    for key, var in built.x.items():
        built.model.add_hint(var, key in start)
    solver = solver_for(time_limit, seed, workers)
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [key for key, var in built.x.items() if solver.boolean_value(var)]
        objective, bound = solver.objective_value, solver.best_objective_bound
        optimal = code == cp_model.OPTIMAL
        gap = 0.0 if optimal or objective <= 0 else max(0.0, (objective - bound) / objective)
        return make_roster(
            inst,
            chosen,
            Status.OPTIMAL if optimal else Status.FEASIBLE,
            bound=bound,
            gap=gap,
            seconds=time.perf_counter() - began,
            seed=seed,
        )
    conflicts: tuple[Conflict, ...] = ()
    status = Status.UNKNOWN
    if code == cp_model.INFEASIBLE:
        from cskh_org.rosters.explain import explain

        status = Status.INFEASIBLE
        conflicts = explain(inst, places, time_limit=time_limit)
    return make_roster(
        inst,
        [],
        status,
        bound=None,
        gap=None,
        seconds=time.perf_counter() - began,
        seed=seed,
        conflicts=conflicts,
    )


def make_roster(
    inst: Instance,
    chosen: Iterable[tuple[int, int, int]],
    status: Status,
    *,
    bound: float | None,
    gap: float | None,
    seconds: float,
    seed: int | None,
    conflicts: tuple[Conflict, ...] = (),
) -> Roster:
    """The roster of the chosen ``(agent, day, template)``, its cover and objective counted
    from the choice itself (not from the solver's figures)."""
    rostered = {unit: [0] * inst.size for unit in inst.required}
    assignments: list[Assignment] = []
    for a, d, t in sorted(chosen):
        plan = inst.agents[a]
        unit = plan.agent.unit
        template = inst.templates[unit][t]
        for k in inst.covered(unit, d, t):
            rostered[unit][k] += 1
        assignments.append(
            Assignment(
                plan.agent.id,
                unit,
                template.id,
                inst.rules.days[d],
                inst.moment(d, template.start),
                inst.moment(d, template.end),
                tuple((inst.moment(d, b), inst.moment(d, e)) for b, e in template.breaks),
                template.paid_minutes,
            )
        )
    cover = tuple(
        Cover(unit, tuple(inst.required[unit]), tuple(rostered[unit])) for unit in inst.required
    )
    return Roster(
        department=inst.department,
        timezone=inst.zone.key,
        start=inst.rules.start,
        weeks=inst.rules.weeks,
        interval=inst.interval,
        status=status,
        agents=tuple(p.agent for p in inst.agents),
        assignments=tuple(sorted(assignments, key=lambda x: (x.agent, x.start))),
        cover=cover,
        under_cover=sum(c.short for c in cover),
        paid_minutes=sum(a.paid_minutes for a in assignments),
        bound=bound,
        gap=gap,
        seconds=seconds,
        seed=-1 if seed is None else seed,
        conflicts=conflicts,
    )
