"""Running replications: :func:`simulate` (one department under a workload, ``replications``
times, in one process or spread over several) and :func:`compare` (two versions with the
same seeds, common random numbers).

Each replication is one :meth:`Simulation.run <cskh_org.simulation.engine.Simulation.run>`;
:func:`~cskh_org.simulation.results.summarize` turns their accumulators into the typed
:class:`~cskh_org.simulation.results.SimulationResult`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from cskh_org.errors import UsageError, grouped
from cskh_org.simulation.results import (
    Comparison,
    ReplicationSummary,
    SimulationResult,
    sum_up,
    summarize,
)
from cskh_org.simulation.stats import TicketRecord

if TYPE_CHECKING:
    from cskh_org.model.department import Department
    from cskh_org.model.workload import Workload
    from cskh_org.simulation.engine import Simulation

__all__ = [
    "MAX_REPLICATIONS",
    "MAX_SEED",
    "MAX_WORKERS",
    "Progress",
    "Staffing",
    "compare",
    "simulate",
]

MAX_REPLICATIONS: Final = 10_000
"""The most replications one simulation runs (the confidence intervals hardly narrow after a
few hundred; more is a typo, and would run for days)."""
MAX_WORKERS: Final = 32
"""The most processes replications are spread over."""
MAX_SEED: Final = 10**18 - 1
"""The largest seed (in absolute value): 18 digits at most."""

Progress = Callable[[int, int], None]
"""``progress(done_replications, total)``."""


@dataclasses.dataclass(frozen=True, slots=True)
class Staffing:
    """Agents on duty given outright, in place of some units' staff lines: per unit, the
    agents on duty in each of the equal intervals of a period of ``weeks`` weeks from Monday
    00:00 local time (the length of a unit's counts is the period's intervals, so it is never
    ambiguous), the period repeated from the Monday ``start`` (``None``: the Monday of the
    simulated start's week). A roster's cover is one (:mod:`cskh_org.simulation.rostered`)."""

    counts: Mapping[str, Sequence[int]]
    weeks: int = 1
    start: datetime.date | None = None


def _replicate(
    department: Department,
    workload: Workload,
    *,
    days: float,
    replications: int,
    seed: int,
    warmup: datetime.timedelta | None,
    records: Callable[[TicketRecord], None] | None,
    progress: Progress | None,
    workers: int = 1,
    done: int = 0,
    total: int | None = None,
    staffing: Staffing | None = None,
) -> SimulationResult:
    from cskh_org.simulation.engine import Simulation

    _check_count("replications", replications, MAX_REPLICATIONS)
    if not days > 0:
        raise UsageError.of("error.simulation.days-positive", days=days)
    _check_count("workers", workers, MAX_WORKERS)
    if isinstance(seed, bool) or not isinstance(seed, int) or abs(seed) > MAX_SEED:
        raise UsageError.of("error.simulation.seed", seed=_brief(seed))
    on_duty = staffing or Staffing({})
    sim = Simulation(
        department,
        workload,
        days=days,
        warmup=warmup,
        staffing=on_duty.counts or None,
        staffing_weeks=on_duty.weeks,
        staffing_start=on_duty.start,
    )
    total = total or replications
    if progress is not None and done == 0:
        progress(0, total)
    workers = min(workers, replications)
    stats: list[ReplicationSummary]
    if workers > 1 and records is None:
        stats = _in_processes(
            sim,
            replications=replications,
            seed=seed,
            workers=workers,
            progress=progress,
            done=done,
            total=total,
        )
    else:
        # each replication summed up as soon as it ends, as the workers do: its classes'
        # histograms (some 30 MB a replication for a national department) are not all kept
        # until the last one ends
        ran: list[ReplicationSummary] = []
        for r in range(replications):
            ran.append(sum_up(sim.run(r, seed, records=records)))
            if progress is not None:
                progress(done + r + 1, total)
        stats = ran
    result = summarize(
        stats, department=department, workload=workload, days=days, warmup=sim.warmup, seed=seed
    )
    return dataclasses.replace(result, warnings=sim.warnings) if sim.warnings else result


def _check_count(what: str, value: int, most: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise UsageError.of(
            "error.simulation.count", what=what, most=grouped(most), value=_brief(value)
        )


def _brief(value: object) -> str:
    """A value for a message, at most 40 characters (an int of 5,000 digits cannot even be
    printed)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "a number of more than 40 digits"
    return f"{value!r:.40}"


_WORKER: list[Simulation] = []
"""In a worker process only: the simulation it was given when it started."""


def _start_worker(sim: Simulation) -> None:
    _WORKER[:] = [sim]


def _run_in_worker(replication: int, seed: int) -> ReplicationSummary:
    """One replication, summed up in the worker: it sends back a few figures per group
    rather than every class's histograms."""
    return sum_up(_WORKER[0].run(replication, seed))


def _in_processes(
    sim: Simulation,
    *,
    replications: int,
    seed: int,
    workers: int,
    progress: Progress | None,
    done: int,
    total: int,
) -> list[ReplicationSummary]:
    """Replications run and summed up in ``workers`` processes; each replication draws from
    its own random streams, so the results are those of a run in one process, in
    replication order."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    out: list[ReplicationSummary | None] = [None] * replications
    sim.work_out_timetables()  # once, here, not again in each worker
    # the compiled plan (and everything imported) is frozen out of the garbage collector
    # while the workers fork: their collections would otherwise walk, and so copy, every
    # page of it in each process. Thawed after, unless objects were frozen already (by the
    # command's collector.keep_loaded, or by the app): gc thaws all or nothing, and what
    # another froze stays frozen
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(workers, context, _start_worker, (sim,))
        futures = {pool.submit(_run_in_worker, r, seed): r for r in range(replications)}
    finally:
        if not frozen_before:
            gc.unfreeze()
    with pool:
        for finished, future in enumerate(as_completed(futures), 1):
            out[futures[future]] = future.result()
            if progress is not None:
                progress(done + finished, total)
    return [summary for summary in out if summary is not None]


def simulate(
    department: Department,
    workload: Workload,
    *,
    days: float = 7.0,
    replications: int = 1,
    seed: int = 0,
    warmup: datetime.timedelta | None = None,
    records: Callable[[TicketRecord], None] | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    staffing: Staffing | None = None,
) -> SimulationResult:
    """Simulate ``days`` of ``department`` under ``workload``, ``replications`` times (seed
    ``seed``); ``warmup`` ``None`` takes the workload's. ``records`` receives every ticket
    (see :func:`open_records`); ``progress(done, total)`` is called after each replication.
    ``workers`` above 1 runs replications in that many processes (not with ``records``),
    with the same results. ``staffing`` puts its agents on duty in place of its units' staff
    lines. Raises :class:`~cskh_org.errors.SimulationError` for a pair that cannot be
    simulated."""
    return _replicate(
        department,
        workload,
        days=days,
        replications=replications,
        seed=seed,
        warmup=warmup,
        records=records,
        progress=progress,
        workers=workers,
        staffing=staffing,
    )


def compare(
    base: tuple[Department, Workload],
    other: tuple[Department, Workload],
    *,
    days: float = 7.0,
    replications: int = 5,
    seed: int = 0,
    warmup: datetime.timedelta | None = None,
    progress: Progress | None = None,
    workers: int = 1,
) -> Comparison:
    """Simulate two (department, workload) versions with the same seeds (common random
    numbers) and compare them KPI by KPI. ``progress(done, total)`` counts the replications
    of both runs (``total`` is twice ``replications``)."""
    runs = [
        _replicate(
            department,
            workload,
            days=days,
            replications=replications,
            seed=seed,
            warmup=warmup,
            records=None,
            progress=progress,
            workers=workers,
            done=i * replications,
            total=2 * replications,
        )
        for i, (department, workload) in enumerate((base, other))
    ]
    return Comparison.of(runs[0], runs[1])
