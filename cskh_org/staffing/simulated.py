"""Simulation-verified staffing: the analytic answer, corrected by simulating the department's
own router, escalations, priorities, calendars and skills until every interval meets its
targets with the confidence asked, and no interval keeps an agent it does not need.

Semantics, in one place:

* **Start**: :func:`~cskh_org.staffing.analytic.analytic_staffing`, pooled (each unit one
  queue, its agents taking every channel: as the simulation has them do), with the same
  targets. The intervals it staffs (the unit open, tickets arriving) are the ones verified;
  the others keep no one.
* **A candidate staffing** is, per unit, its agents on duty in each interval of the week. It
  is simulated in place of the unit's staff lines (:class:`~cskh_org.simulation.plan.Plan`'s
  ``staffing``): the ``k``-th agent is on duty wherever the count is at least ``k``, with
  every skill of the unit's lines, and finishes a ticket begun before going off duty. Every
  other part of the department (routing, SLA, escalations, priorities, patience, follow-ups)
  is the document's.
* **One run** simulates the workload's warm-up, one week from its start and a tail as long as
  the longest target, ``replications`` times; the tickets that *arrive* in an interval of the
  measured week (by the department's local clock, Monday 00:00 first) and that routing sends
  to a unit are that unit's interval: its service level is the share answered (an agent
  started on them) within the threshold, of all that arrived (one that gave up missed); its
  ASA the mean wait of those answered; its abandonment the share that gave up.
* **Meets, with confidence** ``c``: over the replications in which tickets arrived in the
  interval, the one-sided Student-t bound of the replications' mean (lower for a service
  level, upper for an ASA or an abandonment) meets the target; with one such replication,
  its figure does. The same seeds in every run (common random numbers): two candidates
  see the same customers.
* **Raise** (the iterative staffing algorithm of Feldman, Mandelbaum, Massey and Whitt,
  2008): run, add one agent to every interval that misses, run again, until none misses.
* **Trim**: take one agent away from every other interval of each unit at once (the even
  ones, then the odd ones, so that no two neighbours lose one together), run, keep each
  removal whose interval and neighbours still meet; then run the kept ones together and give
  back any removal next to an interval that misses. An interval whose removal failed is not
  tried again; the others are, until no removal holds. The answer meets every target in every
  interval verified (the last run says so), and taking one agent from any interval broke a
  run.
* **Several units**: the search acts per unit, all units in the same runs (what one unit's
  staffing does to another's load through escalations is in the runs); agents are pooled per
  unit, so a multi-skill unit is verified as a whole, not skill by skill.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from cskh_org.errors import StaffingError
from cskh_org.staffing.analytic import (
    Measured,
    Method,
    QueueNeed,
    StaffingPlan,
    UnitNeed,
    Verification,
    analytic_staffing,
    unit_need,
)
from cskh_org.staffing.targets import (
    AbandonmentTarget,
    AnswerSpeedTarget,
    ServiceLevelTarget,
    Target,
)
from cskh_org.working_time import WEEK_MINUTES

if TYPE_CHECKING:
    from cskh_org.model import Department
    from cskh_org.model.workload import Workload
    from cskh_org.simulation import Simulation
    from cskh_org.simulation.stats import TicketRecord

__all__ = ["MAX_ROUNDS", "Progress", "measure_staffing", "simulated_staffing"]

MAX_ROUNDS: Final = 40
"""The most runs of candidate staffings one search makes before it stops (and says so)."""
MAX_TAIL: Final = 86_400.0
"""The longest tail simulated after the measured week, seconds."""
_WEEK: Final = WEEK_MINUTES * 60.0

Progress = Callable[[int, int], None]
"""``progress(done_replications, total)``; the total grows as runs are added."""

Staffing = dict[str, list[int]]
"""Per unit, agents on duty in each interval of the week."""


def simulated_staffing(
    dept: Department,
    workload: Workload,
    *,
    interval: int = 30,
    targets: Sequence[Target] = (),
    sla_share: float = 0.8,
    max_occupancy: float | None = None,
    method: Method | str = Method.AUTO,
    full_time_hours: float | None = None,
    replications: int = 8,
    seed: int = 0,
    workers: int = 1,
    confidence: float = 0.95,
    max_rounds: int = MAX_ROUNDS,
    progress: Progress | None = None,
) -> StaffingPlan:
    """The agents each unit needs, interval by interval, verified by simulation (see the
    module's semantics); the plan's method is :attr:`Method.SIMULATION`, its
    :attr:`~StaffingPlan.verification` says how the search went, and each queue's
    :attr:`~QueueNeed.measured` what the last run measured. ``method`` is the analytic
    start's."""
    _check_run(replications, workers, seed, confidence, max_rounds)
    start = analytic_staffing(
        dept,
        workload,
        interval=interval,
        targets=targets,
        sla_share=sla_share,
        max_occupancy=max_occupancy,
        method=method,
        full_time_hours=full_time_hours,
    )
    queues = {u.unit: u.queues[0] for u in start.units if max(u.on_duty, default=0) > 0}
    staffing: Staffing = {u: list(q.agents) for u, q in queues.items()}
    floor = {u: [int(f is not None) for f in q.figures] for u, q in queues.items()}
    with _Runs(
        dept,
        workload,
        interval=interval,
        queues=queues,
        replications=replications,
        seed=seed,
        workers=workers,
        confidence=confidence,
        progress=progress,
    ) as runs:
        search = _Search(runs, staffing, floor, max_rounds)
        search.run()
        final = search.measured
        assert final is not None
    units = tuple(
        _verified_unit(
            dept,
            need=u,
            counts=search.staffing.get(u.unit),
            measured=final.get(u.unit),
            interval=interval,
            hours=start.full_time_hours,
        )
        for u in start.units
    )
    verification = Verification(
        replications,
        seed,
        confidence,
        search.rounds,
        search.converged,
        start_agents=sum(sum(u.on_duty) for u in start.units),
    )
    return replace(start, method=Method.SIMULATION, units=units, verification=verification)


def measure_staffing(
    dept: Department,
    workload: Workload,
    plan: StaffingPlan,
    *,
    replications: int = 8,
    seed: int = 0,
    workers: int = 1,
    confidence: float = 0.95,
) -> dict[str, tuple[Measured | None, ...]]:
    """What a simulation measures of ``plan``'s staffing (its units' agents on duty, their
    queues' targets), per unit and interval: to check a plan with other seeds, or to see
    what an analytic plan gives (a pooled one: the simulation's agents take every channel)."""
    _check_run(replications, workers, seed, confidence, 1)
    if not plan.pooled:
        raise StaffingError.of("error.staffing.simulation-option-per-channel")
    queues = {u.unit: u.queues[0] for u in plan.units if max(u.on_duty, default=0) > 0}
    staffing = {u.unit: list(u.on_duty) for u in plan.units if u.unit in queues}
    with _Runs(
        dept,
        workload,
        interval=plan.interval,
        queues=queues,
        replications=replications,
        seed=seed,
        workers=workers,
        confidence=confidence,
        progress=None,
    ) as runs:
        return {u: tuple(m) for u, m in runs.measure(staffing).items()}


def _check_run(
    replications: int, workers: int, seed: int, confidence: float, max_rounds: int
) -> None:
    from cskh_org.simulation.run import MAX_REPLICATIONS, MAX_SEED, MAX_WORKERS

    for name, value, low, high in (
        ("replications", replications, 2, MAX_REPLICATIONS),
        ("workers", workers, 1, MAX_WORKERS),
        ("max_rounds", max_rounds, 1, 10_000),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise StaffingError.of(
                "error.staffing.count", name=name, low=low, high=high, value=f"{value!r:.40}"
            )
    if isinstance(seed, bool) or not isinstance(seed, int) or abs(seed) > MAX_SEED:
        raise StaffingError.of("error.staffing.seed", value=f"{seed!r:.40}")
    if not isinstance(confidence, int | float) or not 0.5 <= confidence < 1.0:
        raise StaffingError.of("error.staffing.confidence", value=f"{confidence!r:.40}")


# -- the runs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Setup:
    """What every replication of a search needs, sent once to each worker process."""

    dept: Department
    workload: Workload
    interval: int
    thresholds: Mapping[str, tuple[float, ...]]
    """Per unit, its service levels' thresholds, seconds."""
    days: float
    warmup: float
    tail: float


class _Tally:
    """Per unit and interval of the measured week: tickets arrived, given up, answered,
    their waits' sum, and answered within each threshold (``None`` counts: not known by the
    end of the run)."""

    def __init__(self, setup: _Setup, origin: dt.datetime, zone: dt.tzinfo) -> None:
        self.setup = setup
        count = WEEK_MINUTES // setup.interval
        self.table: dict[str, list[list[float]]] = {
            u: [[0.0] * (4 + len(t)) for _ in range(count)] for u, t in setup.thresholds.items()
        }
        self.start = setup.warmup
        self.end = setup.warmup + _WEEK
        self.horizon = setup.days * 86_400.0
        self.size = setup.interval * 60.0
        self.longest = max((w for t in setup.thresholds.values() for w in t), default=0.0)
        local = origin.astimezone(zone)
        monday = dt.datetime.combine(local.date() - dt.timedelta(days=local.weekday()), dt.time())
        self.base = (local.replace(tzinfo=None) - monday).total_seconds()
        first = local.utcoffset() or dt.timedelta(0)
        # the local clock's shift from the start's, hour by hour (a change of offset)
        self.shift = [
            ((origin + dt.timedelta(hours=h)).astimezone(zone).utcoffset() or first) - first
            for h in range(int(self.horizon // 3600) + 2)
        ]

    def __call__(self, record: TicketRecord) -> None:
        t = record.arrived
        if t < self.start or t >= self.end:
            return
        row = self.table.get(record.unit)
        if row is None or record.outcome == "contained":
            return  # resolved in self-service: never queued for an agent
        local = self.base + t + self.shift[int(t // 3600)].total_seconds()
        answered = record.first_response
        if answered is None and record.outcome == "open" and self.horizon - t <= self.longest:
            return  # still waiting at the end, not yet past every threshold: not known
        cell = row[int((local % _WEEK) // self.size)]
        cell[0] += 1
        if record.outcome == "abandoned":
            cell[1] += 1
        if answered is not None:
            wait = answered - t
            cell[2] += 1
            cell[3] += wait
            for j, within in enumerate(self.setup.thresholds[record.unit]):
                if wait <= within + 1e-9:
                    cell[4 + j] += 1


def _replicate(
    setup: _Setup, staffing: Mapping[str, Sequence[int]], r: int, seed: int
) -> dict[str, list[list[float]]]:
    """One replication of ``staffing``: its tally."""
    from zoneinfo import ZoneInfo

    sim = _simulation(setup, staffing)
    tally = _Tally(setup, sim.origin, ZoneInfo(setup.dept.timezone))
    sim.run(r, seed, records=tally, kernel="general")
    return tally.table


_CACHE: list[tuple[tuple[tuple[str, tuple[int, ...]], ...], Simulation]] = []
"""The last staffing compiled in this process, and its simulation."""


def _simulation(setup: _Setup, staffing: Mapping[str, Sequence[int]]) -> Simulation:
    from cskh_org.simulation import Simulation

    key = tuple((u, tuple(c)) for u, c in sorted(staffing.items()))
    if _CACHE and _CACHE[0][0] == key:
        return _CACHE[0][1]
    sim = Simulation(
        setup.dept,
        setup.workload,
        days=setup.days,
        warmup=dt.timedelta(seconds=setup.warmup),
        staffing=staffing,
    )
    _CACHE[:] = [(key, sim)]
    return sim


_WORKER: list[_Setup] = []


def _start_worker(setup: _Setup) -> None:
    _WORKER[:] = [setup]


def _run_in_worker(
    staffing: Mapping[str, Sequence[int]], r: int, seed: int
) -> dict[str, list[list[float]]]:
    return _replicate(_WORKER[0], staffing, r, seed)


class _Runs:
    """Runs of candidate staffings, ``replications`` each with the same seeds, in this
    process or in ``workers`` processes."""

    def __init__(
        self,
        dept: Department,
        workload: Workload,
        *,
        interval: int,
        queues: Mapping[str, QueueNeed],
        replications: int,
        seed: int,
        workers: int,
        confidence: float,
        progress: Progress | None,
    ) -> None:
        self.queues = queues
        thresholds = {
            u: tuple(t.within for t in q.targets if isinstance(t, ServiceLevelTarget))
            for u, q in queues.items()
        }
        longest = max((w for t in thresholds.values() for w in t), default=0.0)
        tail = min(max(longest, 3600.0), MAX_TAIL)
        warmup = workload.warmup.total_seconds()
        days = (warmup + _WEEK + tail) / 86_400.0
        self.setup = _Setup(dept, workload, interval, thresholds, days, warmup, tail)
        self.replications = replications
        self.seed = seed
        self.workers = min(workers, replications)
        self.confidence = confidence
        self.progress = progress
        self.done = 0
        self.pool: object | None = None

    def __enter__(self) -> _Runs:
        if self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self.pool = ProcessPoolExecutor(self.workers, context, _start_worker, (self.setup,))
        return self

    def __exit__(self, *exc: object) -> None:
        from concurrent.futures import ProcessPoolExecutor

        if isinstance(self.pool, ProcessPoolExecutor):
            self.pool.shutdown(cancel_futures=True)

    def measure(self, staffing: Mapping[str, Sequence[int]]) -> dict[str, list[Measured | None]]:
        """Run ``staffing``; per unit and interval verified, what it measured."""
        from concurrent.futures import ProcessPoolExecutor

        total = self.done + self.replications
        tables: list[dict[str, list[list[float]]]] = []
        if isinstance(self.pool, ProcessPoolExecutor):
            futures = [
                self.pool.submit(_run_in_worker, dict(staffing), r, self.seed)
                for r in range(self.replications)
            ]
            for future in futures:
                tables.append(future.result())
                self._tick(total)
        else:
            for r in range(self.replications):
                tables.append(_replicate(self.setup, staffing, r, self.seed))
                self._tick(total)
        return {
            u: [self._cell(q, k, [t[u][k] for t in tables]) for k in range(len(q.agents))]
            for u, q in self.queues.items()
        }

    def _tick(self, total: int) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, total)

    def _cell(self, queue: QueueNeed, k: int, cells: list[list[float]]) -> Measured | None:
        if queue.figures[k] is None:
            return None  # closed, or nothing arrives: not verified
        t = _Bounds(self.confidence)
        seen = [c for c in cells if c[0] > 0.5]
        tickets = math.fsum(c[0] for c in cells) / len(cells)
        met = True
        levels = [c[4] / c[0] for c in seen] if len(cells[0]) > 4 else []
        sl = _mean(levels)
        sl_bound = t.lower(levels)
        thresholds_seen = 0
        for target in queue.targets:
            if isinstance(target, ServiceLevelTarget):
                j = 4 + thresholds_seen
                thresholds_seen += 1
                values = [c[j] / c[0] for c in seen]
                bound = t.lower(values)
                met = met and (bound is None or bound >= target.share - 1e-12)
            elif isinstance(target, AnswerSpeedTarget):
                values = [c[3] / c[2] for c in seen if c[2] > 0]
                bound = t.upper(values)
                met = met and (bound is None or bound <= target.seconds + 1e-9)
            else:
                assert isinstance(target, AbandonmentTarget)
                values = [c[1] / c[0] for c in seen]
                bound = t.upper(values)
                met = met and (bound is None or bound <= target.share + 1e-12)
        asa = _mean([c[3] / c[2] for c in seen if c[2] > 0])
        abandon = _mean([c[1] / c[0] for c in seen])
        return Measured(tickets, sl, sl_bound, asa, abandon, met)


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


@dataclass(frozen=True, slots=True)
class _Bounds:
    confidence: float

    def _half(self, values: Sequence[float]) -> float:
        from cskh_org.simulation.student_t import t_quantile

        n = len(values)
        if n < 2:
            return 0.0
        mean = math.fsum(values) / n
        var = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
        return t_quantile(self.confidence, n - 1) * math.sqrt(var / n)

    def lower(self, values: Sequence[float]) -> float | None:
        mean = _mean(values)
        return None if mean is None else mean - self._half(values)

    def upper(self, values: Sequence[float]) -> float | None:
        mean = _mean(values)
        return None if mean is None else mean + self._half(values)


# -- the search -----------------------------------------------------------------------------


class _Search:
    """Raise, then trim (see the module's semantics)."""

    def __init__(
        self, runs: _Runs, staffing: Staffing, floor: Mapping[str, list[int]], max_rounds: int
    ) -> None:
        self.runs = runs
        self.staffing = staffing
        self.floor = floor
        self.max_rounds = max_rounds
        self.rounds = 0
        self.converged = False
        self.measured: dict[str, list[Measured | None]] | None = None
        self.stuck: set[tuple[str, int]] = set()
        """Intervals an agent more did not help: given up on (they stay missed)."""

    def _run(self, staffing: Staffing) -> dict[str, list[Measured | None]] | None:
        if self.rounds >= self.max_rounds:
            return None
        self.rounds += 1
        return self.runs.measure(staffing)

    def run(self) -> None:
        if not self._raise():
            return
        tried: set[tuple[str, int]] = set()
        idle = 0
        parity = 0
        while idle < 2:
            kept = self._trim(parity, tried)
            if kept is None:
                return  # out of rounds: the last staffing that met everywhere stands
            idle = 0 if kept else idle + 1
            parity = 1 - parity
        self.converged = True

    def _raise(self) -> bool:
        """Add an agent wherever the run misses until none does; an interval where the agent
        added changed nothing it measures (its tickets wait for something else: a
        self-service stage that hands them on after the close) is given up on, one agent
        less its floor; ``False``: out of rounds."""
        raised: dict[tuple[str, int], Measured] = {}
        while True:
            found = self._run(self.staffing)
            if found is None:
                return False
            self.measured = found
            for (unit, k), before in raised.items():
                after = found[unit][k]
                if after is not None and not after.met and not _better(after, before):
                    self.stuck.add((unit, k))
                    self.floor[unit][k] = self.staffing[unit][k] - 1
            missed = self._missed(found)
            if not missed:
                return True
            raised = {}
            for unit, k in missed:
                self.staffing[unit][k] += 1
                cell = found[unit][k]
                assert cell is not None
                raised[unit, k] = cell

    def _missed(self, found: Mapping[str, Sequence[Measured | None]]) -> list[tuple[str, int]]:
        """The intervals that miss, but those given up on."""
        return [
            (u, k)
            for u, cells in found.items()
            for k, m in enumerate(cells)
            if m is not None and not m.met and (u, k) not in self.stuck
        ]

    def _holds(self, unit: str, cells: Sequence[Measured | None], k: int) -> bool:
        """Whether interval ``k`` and its neighbours meet their targets (or are given up)."""
        for j in (k - 1, k, k + 1):
            if 0 <= j < len(cells):
                m = cells[j]
                if m is not None and not m.met and (unit, j) not in self.stuck:
                    return False
        return True

    def _trim(self, parity: int, tried: set[tuple[str, int]]) -> int | None:
        """One trimming step on the intervals of ``parity``: the removals kept (``None``: out
        of rounds)."""
        assert self.measured is not None
        batch = [
            (u, k)
            for u, counts in self.staffing.items()
            for k in range(parity, len(counts), 2)
            if counts[k] > self.floor[u][k] and (u, k) not in tried
        ]
        if not batch:
            return 0
        trial = _without(self.staffing, batch)
        found = self._run(trial)
        if found is None:
            return None
        keep = [(u, k) for u, k in batch if self._holds(u, found[u], k)]
        kept = set(keep)
        tried.update(b for b in batch if b not in kept)
        while keep:
            if len(keep) == len(batch) and not self._missed(found):
                self.staffing, self.measured = trial, found
                return len(keep)
            trial = _without(self.staffing, keep)
            found = self._run(trial)
            if found is None:
                return None
            missed = self._missed(found)
            if not missed:
                self.staffing, self.measured = trial, found
                return len(keep)
            near = {(u, k + d) for u, k in missed for d in (-1, 0, 1)}
            back = [b for b in keep if b in near] or list(keep)  # elsewhere: all of them
            tried.update(back)
            gone = set(back)
            keep = [b for b in keep if b not in gone]
            batch = keep
        return 0


def _without(staffing: Staffing, removals: Sequence[tuple[str, int]]) -> Staffing:
    out = {u: list(c) for u, c in staffing.items()}
    for u, k in removals:
        out[u][k] -= 1
    return out


def _better(after: Measured, before: Measured) -> bool:
    """Whether an interval's figures improved (beyond a rounding's worth)."""
    if (after.service_level or 0.0) > (before.service_level or 0.0) + 0.002:
        return True
    if (after.abandonment or 0.0) < (before.abandonment or 0.0) - 0.002:
        return True
    return (after.asa or 0.0) < (before.asa or 0.0) * 0.99


def _verified_unit(
    dept: Department,
    *,
    need: UnitNeed,
    counts: Sequence[int] | None,
    measured: Sequence[Measured | None] | None,
    interval: int,
    hours: float,
) -> UnitNeed:
    """``need`` with the verified agents on duty and what the last run measured."""
    if counts is None:
        return need
    queue = replace(need.queues[0], agents=tuple(counts), measured=tuple(measured or ()))
    unit = dept.units_by_id[need.unit]
    return unit_need(dept, unit, (queue,), interval, hours)
