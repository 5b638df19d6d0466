"""Rosters: who works which shift on which day, so that each interval's staffing requirement
is covered (:mod:`cskh_org.rosters.result` holds the shape every output reads).

:func:`build_roster` solves with OR-Tools CP-SAT (:mod:`cskh_org.rosters.solver`; imported
when called), :func:`check_roster` verifies a roster against every rule independently of the
solver (:mod:`cskh_org.rosters.checker`), :func:`greedy_roster` is the plain baseline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cskh_org.rosters.result import Agent, Assignment, Conflict, Cover, Roster, Status

if TYPE_CHECKING:
    from cskh_org.loading.pipeline import Loaded
    from cskh_org.model import Department
    from cskh_org.model.roster import RosterRules
    from cskh_org.rosters.checker import Violation
    from cskh_org.staffing.analytic import StaffingPlan

__all__ = [
    "Agent",
    "Assignment",
    "Conflict",
    "Cover",
    "Roster",
    "RosterMarks",
    "Status",
    "build_roster",
    "check_roster",
    "greedy_roster",
    "requirement_of",
]


@dataclass(frozen=True)
class RosterMarks:
    """Where the rules and the department were read from, so a conflict names its place."""

    rules: Loaded | None = None
    department: Loaded | None = None

    def place(self, document: str, path: tuple[str | int, ...]) -> str | None:
        loaded = self.rules if document == "rules" else self.department
        if loaded is None or loaded.tree is None:
            return None
        found = loaded.locate(path)
        return None if found is None else str(found)


def build_roster(
    department: Department,
    rules: RosterRules,
    requirement: Mapping[str, Sequence[int]],
    *,
    marks: RosterMarks | None = None,
    time_limit: float | None = None,
    seed: int | None = -1,
    workers: int | None = None,
) -> Roster:
    """The roster of ``rules`` covering ``requirement`` (per unit, required agents per
    interval of one week at ``rules.interval``, repeated over the weeks).

    ``time_limit``, ``seed`` and ``workers`` default to the rules' ``solver`` options
    (``seed=-1``: the rules'; ``None``: no seed, a faster search that may differ from run to
    run). An infeasible roster comes back with ``status`` infeasible and its ``conflicts``."""
    from cskh_org.rosters.agents import instance
    from cskh_org.rosters.solver import solve

    inst = instance(department, rules, requirement)
    options = rules.solver
    chosen_seed = options.seed if seed == -1 else seed
    places = (marks or RosterMarks()).place
    return solve(
        inst,
        time_limit=float(options.time_limit) if time_limit is None else time_limit,
        seed=chosen_seed,
        workers=options.workers if workers is None else workers,
        places=places,
    )


def greedy_roster(
    department: Department, rules: RosterRules, requirement: Mapping[str, Sequence[int]]
) -> Roster:
    """The greedy baseline's roster (:mod:`cskh_org.rosters.greedy`)."""
    from cskh_org.rosters.agents import instance
    from cskh_org.rosters.greedy import greedy

    return greedy(instance(department, rules, requirement))


def check_roster(
    department: Department,
    rules: RosterRules,
    roster: Roster,
    requirement: Mapping[str, Sequence[int]] | None = None,
) -> list[Violation]:
    """Every rule the roster breaks (empty: it keeps them all); with ``requirement``, its
    cover and objective are recounted too (:mod:`cskh_org.rosters.checker`)."""
    from cskh_org.rosters.checker import check

    return check(department, rules, roster, requirement)


def requirement_of(plan: StaffingPlan, interval: int) -> dict[str, tuple[int, ...]]:
    """A staffing plan's requirement for a roster: per unit, the agents to schedule in each
    interval, rounded up (see :mod:`cskh_org.rosters.requirement`)."""
    from cskh_org.rosters.requirement import requirement_from_plan

    return requirement_from_plan(plan, interval)
