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
* **Meets, with confidence** ``c``: an interval's figure is a ratio over the tickets of
  every replication pooled (answered within the threshold over arrived; gave up over
  arrived; waits over answered), not a mean of the replications' own shares, so a
  replication with one ticket weighs one ticket. Its one-sided bound at ``c`` (lower for a
  service level, upper for an ASA or an abandonment) is the ratio estimator's: the
  replications are independent, the tickets within one are not, so the ratio's standard
  error comes from the spread of the replications' residuals (the delta method) and the
  Student-t quantile with one degree of freedom fewer than the replications. Where that
  spread is nil (every ticket of every replication answered in time) it would prove
  anything, so a share's bound is also at most the Wilson score bound of the pooled tickets
  (as if independent): 14 tickets, all answered, show 80 % at 95 % (0.84), 8 cannot (0.75).
  The same seeds in every run (common random numbers): two candidates see the same
  customers.
* **Too quiet to verify**: an interval whose tickets over all the replications would not
  show its targets at ``c`` even if every one of them were answered at once (the Wilson
  bound of all of them) is not searched: it keeps the analytic answer, its figures are
  reported with ``verified`` false, and its target is not changed. More replications
  verify more of them. Which intervals these are is settled by the first run (its tickets
  per replication times ``replications``).
* **Approach** (the iterative staffing algorithm of Feldman, Mandelbaum, Massey and Whitt,
  2008, for time-varying load: run, add agents to every interval that misses, run again):
  half the replications (at least 2), the figures' point estimates, at most
  :data:`APPROACH_RUNS` runs or until at most one interval in a hundred misses. An interval
  that misses by :data:`FAR` or more gets the agents Erlang says it lacks at the load it
  behaves as having (the load at which Erlang's service level with the agents on duty is
  the one measured; at least one agent more, at most twice the agents); one that misses by
  less, one agent.
* **Settle** (every replication, the bounds), one run a step: take one agent from every
  interval of one parity (even, then odd, so that no two neighbours lose one together) not
  yet proven necessary, run, give back each removal next to an interval that missed, and
  raise every other interval that missed (as the approach does, on the bound). A removal
  given back is proven necessary (taking the agent away broke a run), and so is an interval
  raised (one agent fewer missed): neither is tried again. Done when a run misses nowhere
  and no interval is left to try: the answer meets every target in every interval
  verified, in its last run, and taking one agent from any interval broke a run. Out of
  rounds, the last staffing that met everywhere stands.
* **Given up**: either stage gives up on an interval where the agents added changed nothing
  it measures (its tickets wait for something else: a self-service stage that hands them
  on after the close); it stays missed, and may lose the agents added.
* **Several units**: the search acts per unit, all units in the same runs (what one unit's
  staffing does to another's load through escalations is in the runs); agents are pooled per
  unit, so a multi-skill unit is verified as a whole, not skill by skill.
* **Processes**: the replications of a run go to ``workers`` processes; each compiles the
  department once and puts each candidate's agents on duty in place
  (:meth:`~cskh_org.simulation.plan.Plan.restaff`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
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
    answering,
    skill_groups,
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

__all__ = ["MAX_ROUNDS", "Progress", "measure_staffing", "seat_key", "simulated_staffing"]

MAX_ROUNDS: Final = 80
"""The most runs of candidate staffings one search makes before it stops (and says so)."""
APPROACH_RUNS: Final = 6
"""The most runs of the search's approach (point estimates, half the replications)."""
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
        by_skill=True,
    )
    queues = _seats(start)
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
            counts=search.staffing,
            measured=final,
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
        simulated=runs.used,
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
    queues' targets), per queue (:func:`seat_key`: a unit's id, or ``unit#i`` for its
    ``i``-th skill group) and interval: to check a plan with other seeds, or to see what an
    analytic plan gives (a pooled one: the simulation's agents take every channel)."""
    _check_run(replications, workers, seed, confidence, 1)
    if not plan.pooled:
        raise StaffingError.of("error.staffing.simulation-option-per-channel")
    queues = _seats(plan)
    staffing = {key: list(q.agents) for key, q in queues.items()}
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
        return {key: tuple(m) for key, m in runs.measure(staffing).items()}


def seat_key(unit: str, group: int | None) -> str:
    """The search's key of a queue: its unit's id, or for one of a unit's skill groups
    ``unit#i`` (the ``i``-th queue of the unit)."""
    return unit if group is None else f"{unit}#{group}"


def _seats(plan: StaffingPlan) -> dict[str, QueueNeed]:
    """The queues a search staffs, by :func:`seat_key`: each unit's one queue, or each of
    its skill groups' (units that need no agent left out)."""
    out: dict[str, QueueNeed] = {}
    for u in plan.units:
        if max(u.on_duty, default=0) == 0:
            continue
        if len(u.queues) == 1 and u.queues[0].skills is None:
            out[u.unit] = u.queues[0]
            continue
        for i, q in enumerate(u.queues):
            out[seat_key(u.unit, i)] = q
    return out


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
    """Per queue (:func:`seat_key`), its service levels' thresholds, seconds."""
    days: float
    warmup: float
    tail: float
    groups: Mapping[str, tuple[str, frozenset[str]]] = dataclasses.field(default_factory=dict)
    """The queues of skill groups: each its unit and its agents' skills."""
    answers: Mapping[str, tuple[tuple[frozenset[str], ...], Mapping[int, str]]] = dataclasses.field(
        default_factory=dict
    )
    """Per unit staffed by skill group: its skill groups (:func:`skill_groups`) and the
    queue of each that answers tickets (:func:`answering`)."""

    def queue_of(self, unit: str, skills: Sequence[str]) -> str | None:
        """The queue a ticket routed to ``unit`` asking for ``skills`` counts in."""
        found = self.answers.get(unit)
        if found is None:
            return unit
        groups, keys = found
        return keys.get(answering(groups, frozenset(skills)))


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
        key = self.setup.queue_of(record.unit, record.skills)
        if key is None:
            return  # a skill group that answers nothing here: not measured
        row = self.table.get(key)
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
            for j, within in enumerate(self.setup.thresholds[key]):
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
"""This process's simulation of the search (compiled once, restaffed for each candidate:
:meth:`~cskh_org.simulation.plan.Plan.restaff`), and the staffing it has on duty."""


def _simulation(setup: _Setup, staffing: Mapping[str, Sequence[int]]) -> Simulation:
    from cskh_org.simulation import Simulation

    key = tuple((u, tuple(c)) for u, c in sorted(staffing.items()))
    if _CACHE and _CACHE[0][1].department is setup.dept and _CACHE[0][1].workload is setup.workload:
        found, sim = _CACHE[0]
        if found != key:
            sim.restaff({u: list(c) for u, c in key})
            _CACHE[:] = [(key, sim)]
        return sim
    sim = Simulation(
        setup.dept,
        setup.workload,
        days=setup.days,
        warmup=dt.timedelta(seconds=setup.warmup),
        staffing=staffing,
        skill_groups=setup.groups,
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
    """Runs of candidate staffings, up to ``replications`` each with the same seeds, in this
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
        groups = {k: (q.unit, q.skills) for k, q in queues.items() if q.skills is not None}
        answers: dict[str, tuple[tuple[frozenset[str], ...], dict[int, str]]] = {}
        for key, (uid, skills) in groups.items():
            unit_groups = skill_groups(dept, dept.units_by_id[uid])
            answers.setdefault(uid, (unit_groups, {}))[1][unit_groups.index(skills)] = key
        self.setup = _Setup(
            dept, workload, interval, thresholds, days, warmup, tail, groups, answers
        )
        self.replications = replications
        self.seed = seed
        self.workers = min(workers, replications)
        self.bounds = _Bounds(confidence)
        self.progress = progress
        self.done = 0
        self.used = 0
        """Replications run, in all."""
        self.pool: object | None = None
        self.quiet: set[tuple[str, int]] | None = None
        """The intervals too quiet to verify, settled by the first run (``None``: none yet)."""

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

    def measure(
        self, staffing: Mapping[str, Sequence[int]], replications: int | None = None
    ) -> dict[str, list[Measured | None]]:
        """Run ``staffing`` (the first ``replications``, all of them by default); per unit
        and interval verified, what it measured."""
        from concurrent.futures import ProcessPoolExecutor

        count = self.replications if replications is None else replications
        total = self.done + count
        tables: list[dict[str, list[list[float]]]] = []
        if isinstance(self.pool, ProcessPoolExecutor):
            futures = [
                self.pool.submit(_run_in_worker, dict(staffing), r, self.seed) for r in range(count)
            ]
            for future in futures:
                tables.append(future.result())
                self._tick(total)
        else:
            for r in range(count):
                tables.append(_replicate(self.setup, staffing, r, self.seed))
                self._tick(total)
        self.used += count
        settle = self.quiet is None
        if settle:
            self.quiet = set()
        return {
            u: [
                self._cell(u, q, k, [t[u][k] for t in tables], settle) for k in range(len(q.agents))
            ]
            for u, q in self.queues.items()
        }

    def _tick(self, total: int) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, total)

    def _cell(
        self, unit: str, queue: QueueNeed, k: int, cells: list[list[float]], settle: bool
    ) -> Measured | None:
        """An interval's figures over the replications' tallies ``cells``: ratios over the
        tickets pooled, their bounds (see the module's semantics)."""
        assert self.quiet is not None
        if queue.figures[k] is None:
            return None  # closed, or nothing arrives: not verified
        t = self.bounds
        n = len(cells)
        arrived = [c[0] for c in cells]
        tickets = math.fsum(arrived) / n
        if settle and not t.can_show(queue.targets, tickets * self.replications):
            self.quiet.add((unit, k))
        verified = (unit, k) not in self.quiet
        met = True
        first: tuple[float | None, float | None] | None = None
        j = 4
        for target in queue.targets:
            if isinstance(target, ServiceLevelTarget):
                share, low = t.share_lower([c[j] for c in cells], arrived)
                j += 1
                first = first or (share, low)
                met = met and (share is None or _at_least(low, target.share))
            elif isinstance(target, AnswerSpeedTarget):
                _, high = t.ratio_upper([c[3] for c in cells], [c[2] for c in cells])
                met = met and (high is None or high <= target.seconds + 1e-9)
            else:
                assert isinstance(target, AbandonmentTarget)
                _, high = t.share_upper([c[1] for c in cells], arrived)
                met = met and (high is None or high <= target.share + 1e-12)
        asa = _ratio([c[3] for c in cells], [c[2] for c in cells])
        abandon = _ratio([c[1] for c in cells], arrived)
        sl, low = first or (None, None)
        return Measured(tickets, sl, low, asa, abandon, met, verified)

    def points(self, found: Mapping[str, Sequence[Measured | None]]) -> set[tuple[str, int]]:
        """The intervals whose point estimates miss a target (the approach's test)."""
        out = set()
        for u, cells in found.items():
            q = self.queues[u]
            for k, m in enumerate(cells):
                if m is not None and m.verified and not _points_meet(q.targets, m):
                    out.add((u, k))
        return out


def _at_least(value: float | None, share: float) -> bool:
    return value is not None and value >= share - 1e-12


def _points_meet(targets: Sequence[Target], m: Measured) -> bool:
    """Whether ``m``'s point estimates meet ``targets`` (the first service level's only, of
    several)."""
    for target in targets:
        if isinstance(target, ServiceLevelTarget):
            if m.service_level is not None and m.service_level < target.share - 1e-12:
                return False
        elif isinstance(target, AnswerSpeedTarget):
            if m.asa is not None and m.asa > target.seconds + 1e-9:
                return False
        elif m.abandonment is not None and m.abandonment > target.share + 1e-12:
            return False
    return True


def _ratio(tops: Sequence[float], bottoms: Sequence[float]) -> float | None:
    below = math.fsum(bottoms)
    return math.fsum(tops) / below if below > 0.5 else None


@dataclass(frozen=True, slots=True)
class _Bounds:
    """One-sided bounds at ``confidence`` of a ratio over replications."""

    confidence: float

    def _half(self, tops: Sequence[float], bottoms: Sequence[float], ratio: float) -> float:
        """The ratio estimator's half-width: Student-t with ``n − 1`` degrees of freedom
        times the delta method's standard error, from the replications' residuals
        ``top − ratio · bottom`` (``0`` with one replication)."""
        from cskh_org.simulation.student_t import t_quantile

        n = len(tops)
        if n < 2:
            return 0.0
        mean = math.fsum(bottoms) / n
        residuals = [y - ratio * x for y, x in zip(tops, bottoms, strict=True)]
        centre = math.fsum(residuals) / n
        var = math.fsum((e - centre) ** 2 for e in residuals) / (n - 1)
        return t_quantile(self.confidence, n - 1) * math.sqrt(var / n) / mean

    def _z(self) -> float:
        import statistics

        return statistics.NormalDist().inv_cdf(self.confidence)

    def wilson(self, share: float, count: float) -> tuple[float, float]:
        """The Wilson score bounds (lower, upper) of ``share`` of ``count`` trials."""
        z = self._z()
        z2 = z * z
        centre = share + z2 / (2 * count)
        half = z * math.sqrt(max(share * (1 - share), 0.0) / count + z2 / (4 * count * count))
        return (centre - half) / (1 + z2 / count), (centre + half) / (1 + z2 / count)

    def share_lower(
        self, tops: Sequence[float], bottoms: Sequence[float]
    ) -> tuple[float | None, float | None]:
        """A share pooled over the replications and its lower bound: the ratio estimator's,
        and at most Wilson's (``None``: no ticket)."""
        share = _ratio(tops, bottoms)
        if share is None:
            return None, None
        low = share - self._half(tops, bottoms, share)
        return share, min(low, self.wilson(share, math.fsum(bottoms))[0])

    def share_upper(
        self, tops: Sequence[float], bottoms: Sequence[float]
    ) -> tuple[float | None, float | None]:
        share = _ratio(tops, bottoms)
        if share is None:
            return None, None
        high = share + self._half(tops, bottoms, share)
        return share, max(high, self.wilson(share, math.fsum(bottoms))[1])

    def ratio_upper(
        self, tops: Sequence[float], bottoms: Sequence[float]
    ) -> tuple[float | None, float | None]:
        value = _ratio(tops, bottoms)
        if value is None:
            return None, None
        return value, value + self._half(tops, bottoms, value)

    def can_show(self, targets: Sequence[Target], tickets: float) -> bool:
        """Whether ``tickets`` pooled, every one answered at once, would show ``targets``."""
        for target in targets:
            if isinstance(target, ServiceLevelTarget | AbandonmentTarget):
                if tickets < 0.5:
                    return False
                low = self.wilson(1.0, tickets)[0]  # all answered; none gave up: 1 − low
                if isinstance(target, ServiceLevelTarget) and low < target.share - 1e-12:
                    return False
                if isinstance(target, AbandonmentTarget) and 1.0 - low > target.share + 1e-12:
                    return False
        return True


# -- the search -----------------------------------------------------------------------------


class _Search:
    """Approach, then settle (see the module's semantics)."""

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
        units = {key: q.unit for key, q in runs.queues.items()}
        self.siblings: dict[str, tuple[str, ...]] = {
            key: tuple(k for k, u in units.items() if u == unit) for key, unit in units.items()
        }
        """Per queue, the queues of its unit (itself; a unit's skill groups): taking an
        agent of one group may be what makes another miss."""

    def _run(
        self, staffing: Staffing, replications: int | None = None
    ) -> dict[str, list[Measured | None]] | None:
        if self.rounds >= self.max_rounds:
            return None
        self.rounds += 1
        found = self.runs.measure(staffing, replications)
        quiet = self.runs.quiet
        assert quiet is not None
        for u, k in quiet:  # too quiet to verify: the analytic answer stands
            self.floor[u][k] = self.staffing[u][k]
        return found

    def run(self) -> None:
        if self._approach():
            self._settle()

    def _approach(self) -> bool:
        """Raise on the point estimates of half the replications, by the agents Erlang says
        each interval that misses lacks, for at most :data:`APPROACH_RUNS` runs or until at
        most one interval in a hundred misses; ``False``: out of rounds."""
        few = max(2, -(-self.runs.replications // 2))
        if few >= self.runs.replications:
            return True
        raised: dict[tuple[str, int], Measured] = {}
        ran = self.staffing
        for _ in range(APPROACH_RUNS):
            found = self._run(self.staffing, few)
            if found is None:
                self.staffing = ran  # out of rounds: the last staffing run, as it measured
                return False
            ran = {u: list(c) for u, c in self.staffing.items()}
            self.measured = found
            self._give_up(found, raised, self.runs.points(found))
            missed = [b for b in self.runs.points(found) if b not in self.stuck]
            raised = {}
            for unit, k in missed:
                cell = found[unit][k]
                assert cell is not None
                self.staffing[unit][k] += _lacking(
                    self.runs.queues[unit], k, self.staffing[unit][k], cell.service_level
                )
                raised[unit, k] = cell
            verified = sum(1 for c in found.values() for m in c if m is not None and m.verified)
            if len(missed) * 100 <= verified:
                break
        return True

    def _give_up(
        self,
        found: Mapping[str, Sequence[Measured | None]],
        raised: Mapping[tuple[str, int], Measured],
        missing: set[tuple[str, int]],
    ) -> None:
        """Give up on each interval raised whose figures the agents added did not change."""
        for (unit, k), before in raised.items():
            after = found[unit][k]
            if after is not None and (unit, k) in missing and not _better(after, before):
                self.stuck.add((unit, k))
                self.floor[unit][k] = self.staffing[unit][k] - 1

    def _settle(self) -> None:
        """Raise and trim, one run a step, every replication, the bounds: each step takes one
        agent from every interval of one parity (alternately) that is not yet proven
        necessary, runs, gives back each removal that a missed interval is next to (it is
        then proven necessary) and raises every other interval that missed (one proven
        necessary too: one agent fewer missed). Done when a run misses nowhere and no
        interval is left to try; out of rounds, the last staffing that met everywhere
        stands (or the last one run, if none did)."""
        tried: set[tuple[str, int]] = set()
        raised: dict[tuple[str, int], Measured] = {}
        clean: tuple[Staffing, dict[str, list[Measured | None]]] | None = None
        last = clean
        parity = 0
        while True:
            batch = [
                (u, k)
                for u, counts in self.staffing.items()
                for k in range(parity, len(counts), 2)
                if counts[k] > self.floor[u][k] and (u, k) not in tried
            ]
            parity = 1 - parity
            trial = _without(self.staffing, batch)
            found = self._run(trial)
            if found is None:
                if clean is not None:
                    self.staffing, self.measured = clean
                elif last is not None:
                    self.staffing, self.measured = last
                return
            self.staffing, self.measured = trial, found
            last = ({u: list(c) for u, c in trial.items()}, found)
            self._give_up(found, raised, self._failing(found, raised))
            missed = self._missed(found)
            if not missed:
                clean = (trial, found)
                if not batch and not any(
                    counts[k] > self.floor[u][k] and (u, k) not in tried
                    for u, counts in trial.items()
                    for k in range(len(counts))
                ):
                    self.converged = True
                    return
                raised = {}
                continue
            removed = set(batch)
            near = {(s, k + d) for u, k in missed for s in self.siblings[u] for d in (-1, 0, 1)}
            back = [b for b in batch if b in near]
            tried.update(back)
            for u, k in back:
                self.staffing[u][k] += 1
            raised = {}
            for u, k in missed:
                if any((s, k + d) in removed for s in self.siblings[u] for d in (-1, 0, 1)):
                    continue  # given back
                cell = found[u][k]
                assert cell is not None
                self.staffing[u][k] += _lacking(
                    self.runs.queues[u], k, self.staffing[u][k], cell.lower_bound
                )
                tried.add((u, k))
                raised[u, k] = cell

    @staticmethod
    def _failing(
        found: Mapping[str, Sequence[Measured | None]], raised: Mapping[tuple[str, int], Measured]
    ) -> set[tuple[str, int]]:
        return {(u, k) for u, k in raised if (m := found[u][k]) is not None and not m.met}

    def _missed(self, found: Mapping[str, Sequence[Measured | None]]) -> list[tuple[str, int]]:
        """The intervals that miss, but those given up on and those too quiet to verify."""
        return [
            (u, k)
            for u, cells in found.items()
            for k, m in enumerate(cells)
            if m is not None and m.verified and not m.met and (u, k) not in self.stuck
        ]


FAR: Final = 0.05
"""How far below its target an interval's service level must be for the raise to jump by
Erlang's count rather than add one agent."""


def _lacking(queue: QueueNeed, k: int, agents: int, level: float | None) -> int:
    """The agents interval ``k`` lacks: one, or where its first service level ``level`` (the
    one measured: a point estimate or a bound) is :data:`FAR` or more below the target, the
    agents Erlang says it lacks at the load it behaves as having (the load at which Erlang's
    service level with ``agents`` on duty is ``level``), at most ``agents``."""
    target = next((t for t in queue.targets if isinstance(t, ServiceLevelTarget)), None)
    rate, handle = queue.arrivals[k], queue.handle[k]
    if target is None or level is None or rate <= 0 or handle <= 0 or agents < 1:
        return 1
    if level > target.share - FAR:
        return 1
    needed = _erlang_count(
        rate, handle, queue.patience, agents=agents, level=round(level, 2), targets=queue.targets
    )
    return min(max(needed - agents, 1), agents)


@functools.lru_cache(maxsize=4096)
def _erlang_count(
    rate: float,
    handle: float,
    patience: float | None,
    *,
    agents: int,
    level: float,
    targets: tuple[Target, ...],
) -> int:
    """The fewest agents Erlang says meet ``targets`` at the load where ``agents`` give the
    first service level ``level`` (at most 16 times the nominal load)."""
    from cskh_org.staffing.erlang import Queue
    from cskh_org.staffing.targets import fewest_agents

    target = next(t for t in targets if isinstance(t, ServiceLevelTarget))

    def erlang(factor: float) -> float:
        found = Queue(rate * factor, handle, patience).figures(agents, target.within)
        return 0.0 if found.service_level is None else found.service_level

    low, high = 1.0 / 16, 16.0  # the service level falls as the load grows
    if erlang(high) >= level:
        low = high  # worse than Erlang says of 16 times the load: that load
    for _ in range(10 if low < high else 0):  # the load to within 0.6 %
        middle = math.sqrt(low * high)
        low, high = (middle, high) if erlang(middle) >= level else (low, middle)
    try:
        return fewest_agents(Queue(rate * low, handle, patience), targets).agents
    except StaffingError:
        return 2 * agents


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
    counts: Mapping[str, Sequence[int]],
    measured: Mapping[str, Sequence[Measured | None]],
    interval: int,
    hours: float,
) -> UnitNeed:
    """``need`` with the verified agents on duty of each of its queues (:func:`seat_key`)
    and what the last run measured."""
    single = len(need.queues) == 1 and need.queues[0].skills is None
    queues = []
    for i, queue in enumerate(need.queues):
        key = seat_key(need.unit, None if single else i)
        if key not in counts:
            queues.append(queue)
            continue
        found = measured.get(key)
        queues.append(
            replace(
                queue, agents=tuple(counts[key]), measured=tuple(found or ()), erlang=queue.agents
            )
        )
    if all(q is p for q, p in zip(queues, need.queues, strict=True)):
        return need
    unit = dept.units_by_id[need.unit]
    return unit_need(dept, unit, tuple(queues), interval, hours)
