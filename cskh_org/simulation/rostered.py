"""A roster simulated: the service level its shifts really give (``simulate --roster``).

Semantics, in one place:

* **What is read of the roster**: its department, time zone, first Monday, weeks and, per
  unit, its agents on duty in each interval (its cover's ``rostered``: the solver's count,
  breaks left out). Any value with those fields will do (:class:`RosterCover`, which
  :class:`cskh_org.rosters.Roster` is); the simulation sits below the rosters and imports
  nothing of them.
* **It must fit the department**: the same department id and time zone (the intervals are
  local time), and every rostered unit one of the department's; else a clear
  :class:`~cskh_org.errors.UsageError`. A roster without cover (infeasible, or no roster
  found in time) has nothing to simulate.
* **In place of the staff lines**: each rostered unit's agents are the roster's counts,
  interval by interval, each with every skill of the unit's staff lines (the ``k``-th agent
  on duty wherever the count is at least ``k``); units the roster does not cover keep their
  staff lines.
* **The period simulated is the roster's**: from its first Monday 00:00 local time (the
  workload's own start is replaced; its rates by weekday and hour stay), ``7 × weeks`` days
  unless ``days`` says otherwise; a longer period repeats the roster, week 1 again after its
  last week, as a rota does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from cskh_org.errors import UsageError
from cskh_org.simulation.run import Progress, Staffing, simulate

if TYPE_CHECKING:
    from cskh_org.model.department import Department
    from cskh_org.model.workload import Workload
    from cskh_org.simulation.results import SimulationResult
    from cskh_org.simulation.stats import TicketRecord

__all__ = ["RosterCover", "UnitCover", "rostered_staffing", "simulate_roster"]


class UnitCover(Protocol):
    """One unit's agents on duty per interval of the roster."""

    @property
    def unit(self) -> str: ...
    @property
    def rostered(self) -> Sequence[int]: ...


class RosterCover(Protocol):
    """What the simulation reads of a roster."""

    @property
    def department(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def weeks(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def cover(self) -> Sequence[UnitCover]: ...


def rostered_staffing(roster: RosterCover, department: Department) -> Staffing:
    """The roster's agents on duty as the simulation's :class:`Staffing`, once it is known to
    fit ``department`` (see the module's semantics)."""
    if roster.department != department.id:
        raise UsageError.of(
            "error.roster.department", roster=roster.department, department=department.id
        )
    if roster.timezone != department.timezone:
        raise UsageError.of(
            "error.roster.timezone", roster=roster.timezone, department=department.timezone
        )
    if not roster.cover:
        raise UsageError.of("error.roster.not-solved", status=str(roster.status))
    units = department.units_by_id
    for cover in roster.cover:
        if cover.unit not in units:
            raise UsageError.of("error.roster.unknown-unit", unit=cover.unit)
    return Staffing(
        {c.unit: tuple(c.rostered) for c in roster.cover}, weeks=roster.weeks, start=roster.start
    )


def simulate_roster(
    department: Department,
    workload: Workload,
    roster: RosterCover,
    *,
    days: float | None = None,
    replications: int = 5,
    seed: int = 0,
    warmup: dt.timedelta | None = None,
    records: Callable[[TicketRecord], None] | None = None,
    progress: Progress | None = None,
    workers: int = 1,
) -> SimulationResult:
    """Simulate ``department`` under ``workload`` with ``roster``'s agents in place of its
    units' staff lines, over the roster's weeks (``days`` ``None``: ``7 × weeks``), from its
    first Monday; the other options as :func:`~cskh_org.simulation.run.simulate`'s."""
    staffing = rostered_staffing(roster, department)
    local = dt.datetime.combine(roster.start, dt.time(), ZoneInfo(department.timezone))
    offset = local.utcoffset()
    assert offset is not None
    # a fixed offset, as a written start has: the simulation counts seconds from it
    first = local.replace(tzinfo=dt.timezone(offset))
    moved = workload.model_copy(update={"start": first})
    return simulate(
        department,
        moved,
        days=7.0 * roster.weeks if days is None else days,
        replications=replications,
        seed=seed,
        warmup=warmup,
        records=records,
        progress=progress,
        workers=workers,
        staffing=staffing,
    )
