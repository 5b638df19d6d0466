"""What a simulation reports: KPIs with confidence intervals, what-if comparisons, records.

:func:`simulate` runs independent replications of a department under a workload and
:func:`summarize` turns their streaming accumulators
(:class:`~cskh_org.simulation.stats.ReplicationStats`) into a typed
:class:`SimulationResult`:

* **means** (first response, resolution, shares, utilisation, cost per ticket) are
  :class:`Estimate` values: the mean of the replications' values and the half-width of its
  95 % confidence interval by Student's t with ``n - 1`` degrees of freedom (each replication
  is one independent observation; the half-width is NaN with a single replication);
* **quantiles** (p50, p90, p95) are read from the histograms of every replication pooled;
* a share whose denominator is zero in a replication (no ticket of a group arrived) leaves
  that replication out of its estimate.

:func:`compare` runs two versions of a department (or of a workload) with the same seeds,
so replication ``r`` of both sees the same customers (common random numbers), and reports
each KPI's difference ``other - base`` with a paired-t 95 % confidence interval: the
differences of the replications' values are the observations, which removes most of the
noise the two runs share.

Per-ticket records stream to a file through :func:`open_records` (JSONL or CSV by suffix).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import functools
import json
import math
import os
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Literal

from cskh_org.errors import UsageError
from cskh_org.languages import display_language
from cskh_org.model.base import display
from cskh_org.model.workload import format_span
from cskh_org.simulation.stats import ClassKey, ClassStats, ReplicationStats, TicketRecord

if TYPE_CHECKING:
    from cskh_org.model.department import Department
    from cskh_org.model.workload import Workload
    from cskh_org.simulation.engine import Simulation

__all__ = [
    "DIMENSIONS",
    "MAX_REPLICATIONS",
    "MAX_SEED",
    "MAX_WORKERS",
    "Comparison",
    "Conservation",
    "Difference",
    "Estimate",
    "Kpis",
    "SimulationResult",
    "TimeKpi",
    "UnitKpis",
    "compare",
    "open_records",
    "simulate",
    "summarize",
    "t_quantile",
]

DIMENSIONS: Final = ("unit", "channel", "priority", "tier")
"""The dimensions results are broken down by (the fields of
:class:`~cskh_org.simulation.stats.ClassKey`)."""

MAX_REPLICATIONS: Final = 10_000
"""The most replications one simulation runs (the confidence intervals hardly narrow after a
few hundred; more is a typo, and would run for days)."""
MAX_WORKERS: Final = 32
"""The most processes replications are spread over."""
MAX_SEED: Final = 10**18 - 1
"""The largest seed (in absolute value): 18 digits at most."""

Progress = Callable[[int, int], None]
"""``progress(done_replications, total)``."""


# -- Student's t ---------------------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularized incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betai(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function ``I_x(a, b)``."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _t_cdf(t: float, df: float) -> float:
    tail = 0.5 * _betai(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


@functools.lru_cache(maxsize=256)
def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom (``math.inf``: the
    normal), by bisection on the exact distribution function: ``t_quantile(0.975, 10)`` is
    2.228…; exact to about 1e-12."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be in (0, 1), not {p}")
    if not df > 0:
        raise ValueError(f"degrees of freedom must be positive, not {df}")
    if math.isinf(df) or df > 1e7:
        return statistics.NormalDist().inv_cdf(p)
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if p == 0.5:
        return 0.0
    low, high = 0.0, 1.0
    while _t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if _t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low <= 1e-13 * max(1.0, high):
            break
    return (low + high) / 2.0


# -- estimates -----------------------------------------------------------------------------


def _finite(x: float) -> bool:
    return not (math.isnan(x) or math.isinf(x))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean over replications with the half-width of its 95 % confidence interval
    (Student's t, ``n - 1`` degrees of freedom; NaN when ``n < 2``). ``n`` counts the
    replications that measured the quantity (NaN values are left out)."""

    mean: float
    half_width: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float], level: float = 0.95) -> Estimate:
        """The estimate from one value per replication; NaN values are left out."""
        xs = [float(v) for v in values if _finite(float(v))]
        n = len(xs)
        if n == 0:
            return cls(math.nan, math.nan, 0)
        mean = math.fsum(xs) / n
        if n < 2:
            return cls(mean, math.nan, 1)
        sd = statistics.stdev(xs, mean)
        return cls(mean, t_quantile(0.5 + level / 2.0, n - 1) * sd / math.sqrt(n), n)

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width

    def excludes_zero(self) -> bool:
        """True if the confidence interval lies wholly above or below zero."""
        return _finite(self.half_width) and (self.low > 0 or self.high < 0)

    def to_dict(self) -> dict[str, Any]:
        return {"mean": _num(self.mean), "half_width": _num(self.half_width), "n": self.n}


def _num(x: float) -> float | None:
    return float(x) if _finite(x) else None


def _ratio(a: float, b: float) -> float:
    return a / b if b else math.nan


# -- KPIs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeKpi:
    """A time (seconds): its mean across replications and quantiles of the pooled tickets."""

    mean: Estimate
    p50: float
    p90: float
    p95: float
    count: int
    """Tickets measured, over every replication."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "mean": self.mean.to_dict(),
            "p50": _num(self.p50),
            "p90": _num(self.p90),
            "p95": _num(self.p95),
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class Kpis:
    """What customers of one group felt (tickets that arrived after the warm-up). Counts are
    per replication; shares are of the tickets that arrived, except first-contact
    resolution (of the resolved) and SLA attainment (of the tickets each target measured)."""

    arrived: Estimate
    answered: Estimate
    resolved: Estimate
    abandoned: Estimate
    in_system: Estimate
    """Tickets still open when the simulation ended."""
    first_response: TimeKpi
    """Time to the first response (answered tickets)."""
    resolution: TimeKpi
    """Time to the final resolution (resolved tickets)."""
    sla: Mapping[str, Estimate]
    """Per SLA target (``first_response``, ``resolution``, …): share of measured tickets
    that met it."""
    abandonment: Estimate
    first_contact_resolution: Estimate
    handoffs: Estimate
    """Mean handoffs per finished ticket (routing counts one)."""
    handoff_distribution: tuple[float, ...]
    """Share of finished tickets (pooled) with 0, 1, … 14, 15 or more handoffs."""
    escalation: Estimate
    """Share of tickets that took at least one escalation step."""
    reopened: Estimate
    """Reopenings per replication."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Estimate | TimeKpi):
                out[f.name] = value.to_dict()
            elif isinstance(value, tuple):
                out[f.name] = [_num(v) for v in value]
            else:
                out[f.name] = {k: v.to_dict() for k, v in value.items()}
        return out


@dataclass(frozen=True, slots=True)
class UnitKpis:
    """Load on one unit within the measured window."""

    agents: float
    """Agents (FTE) on the unit's staff lines."""
    utilisation: Estimate
    """Busy agent time ÷ agent time at work."""
    visits: Estimate
    """Visits served per replication."""
    follow_ups: Estimate
    """Follow-up contacts per replication."""
    queue: Estimate
    """Mean number of tickets waiting over the window."""
    queue_by_hour: tuple[float, ...]
    """Mean queue length in each hour of the window, averaged over replications."""
    cost_per_ticket: Estimate
    """Staff cost over the window ÷ tickets routed to the unit and resolved."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "agents": self.agents,
            "utilisation": self.utilisation.to_dict(),
            "visits": self.visits.to_dict(),
            "follow_ups": self.follow_ups.to_dict(),
            "queue": self.queue.to_dict(),
            "queue_by_hour": [_num(v) for v in self.queue_by_hour],
            "cost_per_ticket": self.cost_per_ticket.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Conservation:
    """One replication's ticket count: arrived = finished + abandoned + still in system."""

    replication: int
    arrived: int
    finished: int
    abandoned: int
    in_system: int

    @property
    def holds(self) -> bool:
        return self.arrived == self.finished + self.abandoned + self.in_system

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "holds": self.holds}


_TIME_FIELDS = ("first_response", "resolution")


def _time_samples(prefix: str, c: ClassStats, out: dict[str, float]) -> None:
    for name in _TIME_FIELDS:
        hist = getattr(c, name)
        out[f"{prefix}{name}.mean"] = hist.mean
        out[f"{prefix}{name}.p90"] = hist.quantile(0.9)


def _class_values(c: ClassStats) -> dict[str, float]:
    """One replication's KPI values of one group (the observations of every estimate)."""
    finished = sum(c.handoffs)
    values: dict[str, float] = {
        "arrived": c.arrived,
        "answered": c.answered,
        "resolved": c.resolved,
        "abandoned": c.abandoned,
        "in_system": c.in_system,
        "abandonment": _ratio(c.abandoned, c.arrived),
        "first_contact_resolution": _ratio(c.first_contact, c.resolved),
        "handoffs": _ratio(sum(i * n for i, n in enumerate(c.handoffs)), finished),
        "escalation": _ratio(c.escalated, c.arrived),
        "reopened": c.reopened,
    }
    _time_samples("", c, values)
    for target, counted in c.sla_counted.items():
        values[f"sla.{target}"] = _ratio(c.sla_met.get(target, 0), counted)
    return values


def _merged(parts: Sequence[ClassStats]) -> ClassStats:
    total = ClassStats()
    for part in parts:
        total.merge(part)
    return total


def _kpis(per_rep: Sequence[ClassStats]) -> tuple[Kpis, dict[str, list[float]]]:
    """The KPIs of one group from its merged stats in each replication, and the
    replications' values of each KPI."""
    samples: dict[str, list[float]] = {}
    for i, c in enumerate(per_rep):
        for name, value in _class_values(c).items():
            samples.setdefault(name, [math.nan] * len(per_rep))[i] = value
    pooled = _merged(per_rep)

    def est(name: str) -> Estimate:
        return Estimate.of(samples.get(name, ()))

    def time(name: str) -> TimeKpi:
        hist = getattr(pooled, name)
        return TimeKpi(
            est(f"{name}.mean"), hist.quantile(0.5), hist.quantile(0.9), hist.quantile(0.95), hist.n
        )

    finished = sum(pooled.handoffs)
    kpis = Kpis(
        arrived=est("arrived"),
        answered=est("answered"),
        resolved=est("resolved"),
        abandoned=est("abandoned"),
        in_system=est("in_system"),
        first_response=time("first_response"),
        resolution=time("resolution"),
        sla={t: est(f"sla.{t}") for t in sorted(pooled.sla_counted)},
        abandonment=est("abandonment"),
        first_contact_resolution=est("first_contact_resolution"),
        handoffs=est("handoffs"),
        handoff_distribution=tuple(_ratio(n, finished) for n in pooled.handoffs),
        escalation=est("escalation"),
        reopened=est("reopened"),
    )
    return kpis, samples


def _group(stats: ReplicationStats, dimension: str) -> dict[str, ClassStats]:
    """One replication's class stats merged by one field of the class key."""
    index = ClassKey._fields.index(dimension)
    groups: dict[str, ClassStats] = {}
    for key, c in stats.classes.items():
        groups.setdefault(key[index], ClassStats()).merge(c)
    return groups


# -- the result ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """The KPIs of a simulation, typed. ``overall`` covers every ticket that arrived after the
    warm-up; ``by[dimension][value]`` the tickets of one unit (the unit routing sent them
    to), channel, priority or tier; ``units`` the load on each unit."""

    department: str
    workload: str
    days: float
    warmup: float
    """Seconds at the start whose arrivals were simulated but not counted."""
    replications: int
    seed: int
    currency: str
    overall: Kpis
    by: Mapping[str, Mapping[str, Kpis]]
    units: Mapping[str, UnitKpis]
    cost_per_ticket: Estimate
    """Staff cost of every unit over the window ÷ tickets resolved, in :attr:`currency`."""
    in_system: Estimate
    """Mean number of tickets in the system over the window (Little's ``L``)."""
    conservation: tuple[Conservation, ...]
    events: int
    """Events the engine processed, over every replication."""
    samples: Mapping[str, tuple[float, ...]] = field(repr=False)
    """Each KPI's value in each replication (keys such as ``overall/first_response.mean``,
    ``unit=after_sales/sla.resolution``, ``load=after_sales/utilisation``): what
    :func:`compare` pairs."""
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    """Display names of the units, by language."""
    languages: tuple[str, ...] = ("vi", "en")
    warnings: tuple[str, ...] = ()
    """Why the results may be off: a calendar whose holiday data stops before the simulated
    period ends (see :attr:`Simulation.warnings <cskh_org.simulation.engine.Simulation>`)."""

    @property
    def window(self) -> float:
        """Measured seconds: the horizon minus the warm-up."""
        return self.days * 86_400.0 - self.warmup

    @property
    def conserved(self) -> bool:
        """True if every replication conserved its tickets."""
        return all(row.holds for row in self.conservation)

    def label(self, unit: str, lang: str | None = None) -> str:
        """A unit's display name in ``lang`` (default: the department's first language)."""
        return display(dict(self.names.get(unit, {})), lang or self.languages[0], unit)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: plain types only, NaN as ``null``, seconds for times."""
        return {
            "department": self.department,
            "workload": self.workload,
            "days": self.days,
            "warmup": self.warmup,
            "window": self.window,
            "replications": self.replications,
            "seed": self.seed,
            "currency": self.currency,
            "overall": self.overall.to_dict(),
            "by": {
                dim: {value: k.to_dict() for value, k in groups.items()}
                for dim, groups in self.by.items()
            },
            "units": {unit: u.to_dict() for unit, u in self.units.items()},
            "cost_per_ticket": self.cost_per_ticket.to_dict(),
            "in_system": self.in_system.to_dict(),
            "conservation": [row.to_dict() for row in self.conservation],
            "conserved": self.conserved,
            "events": self.events,
            "warnings": list(self.warnings),
        }

    def table(self, lang: str | None = None) -> str:
        """An aligned terminal table: the KPIs overall and by unit, channel, priority and tier,
        then each unit's load."""
        return _result_table(self, display_language(lang) or self.languages[0])


def _seconds(value: datetime.timedelta | float | None) -> float:
    if value is None:
        return 0.0
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return float(value)


def summarize(
    stats: Sequence[ReplicationStats],
    *,
    department: Department,
    workload: Workload,
    days: float,
    warmup: datetime.timedelta | float | None,
    seed: int,
) -> SimulationResult:
    """The KPIs of replications (one :class:`ReplicationStats` each) of ``department`` under
    ``workload``. ``warmup`` is a duration or seconds (``None``: the workload's)."""
    if not stats:
        raise UsageError("no replication to summarize; run at least one")
    warm = _seconds(workload.warmup if warmup is None else warmup)
    samples: dict[str, tuple[float, ...]] = {}

    def keep(prefix: str, values: Mapping[str, Sequence[float]]) -> None:
        for name, xs in values.items():
            samples[f"{prefix}/{name}"] = tuple(xs)

    overall, values = _kpis([_merged(list(s.classes.values())) for s in stats])
    keep("overall", values)
    by: dict[str, dict[str, Kpis]] = {}
    for dim in DIMENSIONS:
        per_rep = [_group(s, dim) for s in stats]
        groups: dict[str, Kpis] = {}
        for value in sorted({v for g in per_rep for v in g}):
            groups[value], values = _kpis([g.get(value, ClassStats()) for g in per_rep])
            keep(f"{dim}={value}", values)
        by[dim] = groups

    resolved_by_unit = [{unit: c.resolved for unit, c in _group(s, "unit").items()} for s in stats]
    units: dict[str, UnitKpis] = {}
    for unit in sorted({u for s in stats for u in s.units}):
        rows = [s.units.get(unit) for s in stats]
        per: dict[str, list[float]] = {
            "utilisation": [],
            "visits": [],
            "follow_ups": [],
            "queue": [],
            "cost_per_ticket": [],
        }
        hours: list[list[float]] = []
        for s, row, resolved in zip(stats, rows, resolved_by_unit, strict=True):
            if row is None:
                for xs in per.values():
                    xs.append(math.nan)
                continue
            per["utilisation"].append(_ratio(row.busy, row.available))
            per["visits"].append(row.visits)
            per["follow_ups"].append(row.follow_ups)
            per["queue"].append(_ratio(math.fsum(row.queue_area), s.window))
            cost = row.staff_cost_per_day * s.window / 86_400.0
            per["cost_per_ticket"].append(_ratio(cost, resolved.get(unit, 0)))
            hours.append([area / 3600.0 for area in row.queue_area])
        width = max((len(h) for h in hours), default=0)
        by_hour = tuple(statistics.fmean([h[i] for h in hours if i < len(h)]) for i in range(width))
        agents = next((row.agents for row in rows if row is not None), 0.0)
        units[unit] = UnitKpis(
            agents=agents,
            utilisation=Estimate.of(per["utilisation"]),
            visits=Estimate.of(per["visits"]),
            follow_ups=Estimate.of(per["follow_ups"]),
            queue=Estimate.of(per["queue"]),
            queue_by_hour=by_hour,
            cost_per_ticket=Estimate.of(per["cost_per_ticket"]),
        )
        keep(f"load={unit}", per)

    costs = [
        _ratio(
            math.fsum(u.staff_cost_per_day for u in s.units.values()) * s.window / 86_400.0,
            sum(c.resolved for c in s.classes.values()),
        )
        for s in stats
    ]
    samples["overall/cost_per_ticket"] = tuple(costs)
    little = [_ratio(s.time_in_system, s.window) for s in stats]
    samples["overall/in_system.mean"] = tuple(little)
    return SimulationResult(
        department=department.id,
        workload=workload.id,
        days=float(days),
        warmup=warm,
        replications=len(stats),
        seed=seed,
        currency=str(department.currency),
        overall=overall,
        by=by,
        units=units,
        cost_per_ticket=Estimate.of(costs),
        in_system=Estimate.of(little),
        conservation=tuple(
            Conservation(
                s.replication,
                s.arrived_total,
                s.finished_total,
                s.abandoned_total,
                s.in_system_total,
            )
            for s in stats
        ),
        events=sum(s.events for s in stats),
        samples=samples,
        names={u.id: dict(u.name) for u in department.units},
        languages=tuple(department.languages),
    )


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
) -> SimulationResult:
    from cskh_org.simulation.engine import Simulation

    _check_count("replications", replications, MAX_REPLICATIONS)
    if not days > 0:
        raise UsageError(f"days must be more than 0, not {days}")
    _check_count("workers", workers, MAX_WORKERS)
    if isinstance(seed, bool) or not isinstance(seed, int) or abs(seed) > MAX_SEED:
        raise UsageError(f"the seed is a whole number of at most 18 digits, not {_brief(seed)}")
    sim = Simulation(department, workload, days=days, warmup=warmup)
    total = total or replications
    if progress is not None and done == 0:
        progress(0, total)
    workers = min(workers, replications)
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
        stats = []
        for r in range(replications):
            stats.append(sim.run(r, seed, records=records))
            if progress is not None:
                progress(done + r + 1, total)
    result = summarize(
        stats, department=department, workload=workload, days=days, warmup=sim.warmup, seed=seed
    )
    return dataclasses.replace(result, warnings=sim.warnings) if sim.warnings else result


def _check_count(what: str, value: int, most: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise UsageError(f"{what} must be from 1 to {most:,}, not {_brief(value)}")


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


def _run_in_worker(replication: int, seed: int) -> ReplicationStats:
    stats: ReplicationStats = _WORKER[0].run(replication, seed)
    return stats


def _in_processes(
    sim: Simulation,
    *,
    replications: int,
    seed: int,
    workers: int,
    progress: Progress | None,
    done: int,
    total: int,
) -> list[ReplicationStats]:
    """Replications run in ``workers`` processes; each replication draws from its own random
    streams, so the results are those of a run in one process, in replication order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    out: list[ReplicationStats | None] = [None] * replications
    with ProcessPoolExecutor(workers, context, _start_worker, (sim,)) as pool:
        futures = {pool.submit(_run_in_worker, r, seed): r for r in range(replications)}
        for finished, future in enumerate(as_completed(futures), 1):
            out[futures[future]] = future.result()
            if progress is not None:
                progress(done + finished, total)
    return [stats for stats in out if stats is not None]


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
) -> SimulationResult:
    """Simulate ``days`` of ``department`` under ``workload``, ``replications`` times (seed
    ``seed``); ``warmup`` ``None`` takes the workload's. ``records`` receives every ticket
    (see :func:`open_records`); ``progress(done, total)`` is called after each replication.
    ``workers`` above 1 runs replications in that many processes (not with ``records``),
    with the same results. Raises :class:`~cskh_org.errors.SimulationError` for a pair that
    cannot be simulated."""
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
    )


# -- what-if -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    """One KPI in both runs and its paired difference ``other - base`` with a 95 %
    confidence interval (NaN where a run does not measure the KPI)."""

    kpi: str
    base: Estimate
    other: Estimate
    difference: Estimate

    @property
    def significant(self) -> bool:
        """True if the confidence interval of the difference excludes zero."""
        return self.difference.excludes_zero()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi,
            "base": self.base.to_dict(),
            "other": self.other.to_dict(),
            "difference": self.difference.to_dict(),
            "significant": self.significant,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two simulations run with the same seeds and their KPIs' paired differences."""

    base: SimulationResult
    other: SimulationResult
    differences: Mapping[str, Difference]
    """By KPI key (the keys of :attr:`SimulationResult.samples`)."""

    @classmethod
    def of(cls, base: SimulationResult, other: SimulationResult) -> Comparison:
        """Pair two results replication by replication; they must share seed and count."""
        if (base.seed, base.replications) != (other.seed, other.replications):
            raise UsageError(
                "a comparison pairs replications: run both with the same seed and number of "
                f"replications (seed {base.seed} × {base.replications} against seed "
                f"{other.seed} × {other.replications})"
            )
        diffs: dict[str, Difference] = {}
        n = base.replications
        nan = (math.nan,) * n
        for key in sorted(set(base.samples) | set(other.samples)):
            a, b = base.samples.get(key, nan), other.samples.get(key, nan)
            diffs[key] = Difference(
                key,
                Estimate.of(a),
                Estimate.of(b),
                Estimate.of([y - x for x, y in zip(a, b, strict=True)]),
            )
        return cls(base, other, diffs)

    def __getitem__(self, key: str) -> Difference:
        return self.differences[key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base.to_dict(),
            "other": self.other.to_dict(),
            "differences": {k: d.to_dict() for k, d in self.differences.items()},
        }

    def table(self, lang: str | None = None, *, names: tuple[str, str] | None = None) -> str:
        """The headline KPIs of both runs and their differences, aligned for a terminal;
        ``*`` marks a difference whose 95 % interval excludes zero. ``names`` call the base
        and the other version in the title (default: their department and workload ids)."""
        return _comparison_table(self, display_language(lang) or self.base.languages[0], names)


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


# -- records -------------------------------------------------------------------------------

_RECORD_FIELDS: Final = tuple(f.name for f in dataclasses.fields(TicketRecord))


def _record_dict(record: TicketRecord) -> dict[str, Any]:
    """The record's fields; times rounded to the millisecond."""
    row = {name: getattr(record, name) for name in _RECORD_FIELDS}
    for name in ("arrived", "first_response", "closed"):
        if row[name] is not None:
            row[name] = round(row[name], 3)
    return row


class _JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def __call__(self, record: TicketRecord) -> None:
        row = _record_dict(record)
        row["holders"] = list(record.holders)
        self._stream.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        self._stream.write("\n")


class _CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(_RECORD_FIELDS)

    def __call__(self, record: TicketRecord) -> None:
        row = _record_dict(record)
        row["holders"] = " ".join(record.holders)
        row["sla_met"] = " ".join(
            f"{name}={'yes' if met else 'no'}" for name, met in sorted(record.sla_met.items())
        )
        self._writer.writerow("" if row[name] is None else row[name] for name in _RECORD_FIELDS)


RecordFormat = Literal["jsonl", "csv"]


@contextmanager
def open_records(
    path: str | Path,
    format: RecordFormat | None = None,
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Callable[[TicketRecord], None]]:
    """A ``records`` callback that writes each ticket to ``path`` as it finishes: one JSON
    object per line (``.jsonl``, ``.json``) or CSV with a header (``.csv``; ``holders`` and
    ``sla_met`` space-separated, e.g. ``first_response=yes resolution=no``). Memory stays
    flat however many tickets are written::

        with open_records("tickets.jsonl") as records:
            simulate(department, workload, records=records)

    The file is written as :func:`cskh_org.files.output_file` writes: to a temporary file
    renamed over ``path`` when the block ends without an error, refused (before anything
    runs) if it exists and ``force`` is not given, if it is one of ``inputs`` (the documents
    simulated) or a link; an I/O failure is a :class:`~cskh_org.errors.SourceError`.
    """
    from cskh_org.files import output_file

    path = Path(path)
    fmt = format or {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}.get(
        path.suffix.lower()
    )
    if fmt not in ("jsonl", "csv"):
        raise UsageError(f"{path}: records are written as .jsonl or .csv, not {path.suffix!r}")
    with output_file(path, force=force, inputs=inputs, what="records") as stream:
        yield _JsonlWriter(stream) if fmt == "jsonl" else _CsvWriter(stream)


# -- tables --------------------------------------------------------------------------------

_WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "group": "",
        "arrived": "arrived",
        "first": "1st resp",
        "resolution": "resolution",
        "title": "{department} · {workload} · {days} days{warm} · {n} replication(s), seed {seed}",
        "warm": ", {span} warm-up",
        "note": "mean±95 % CI half-width over replications; p90 of the pooled tickets; "
        "counts per replication",
        "tickets": "tickets of every replication, warm-up included: {arrived} arrived =\n"
        "  {finished} finished + {abandoned} abandoned + {open} open: {verdict}; {events} events",
        "conserved": "conserved",
        "broken": "NOT CONSERVED (a bug: please report it)",
        "whatif": "what-if, other minus base\n  base:  {base}\n  other: {other}",
        "whatif_note": "{days} days, {n} replication(s) with seed {seed} (common random "
        "numbers); * the 95 % interval of the difference excludes 0",
        "p90": "p90",
        "abandon": "abandon",
        "fcr": "FCR",
        "handoffs": "handoffs",
        "by": "by",
        "overall": "overall",
        "unit": "unit",
        "channel": "channel",
        "priority": "priority",
        "tier": "tier",
        "load": "unit load",
        "agents": "agents",
        "util": "utilisation",
        "visits": "visits",
        "follow": "follow-ups",
        "queue": "queue",
        "peak": "peak h",
        "cost": "cost/ticket",
        "kpi": "KPI",
        "base": "base",
        "other": "other",
        "diff": "difference (95 % CI)",
    },
    "vi": {
        "group": "",
        "arrived": "đến",
        "first": "phản hồi",
        "resolution": "giải quyết",
        "p90": "p90",
        "abandon": "bỏ dở",
        "fcr": "FCR",
        "handoffs": "chuyển giao",
        "title": "{department} · {workload} · {days} ngày{warm} · {n} lần chạy, hạt giống {seed}",
        "warm": ", khởi động {span}",
        "note": "trung bình±nửa khoảng tin cậy 95 % giữa các lần chạy; p90 của mọi phiếu; "
        "số lượng tính cho mỗi lần chạy",
        "tickets": "phiếu của mọi lần chạy, kể cả khởi động: {arrived} đến =\n"
        "  {finished} xong + {abandoned} bỏ dở + {open} còn mở: {verdict}; {events} sự kiện",
        "conserved": "bảo toàn",
        "broken": "KHÔNG BẢO TOÀN (lỗi của chương trình: xin báo lại)",
        "whatif": "so sánh, phương án trừ gốc\n  gốc:       {base}\n  phương án: {other}",
        "whatif_note": "{days} ngày, {n} lần chạy với hạt giống {seed} (cùng số ngẫu nhiên); "
        "* khoảng tin cậy 95 % của chênh lệch không chứa 0",
        "by": "theo",
        "overall": "toàn bộ",
        "unit": "đơn vị",
        "channel": "kênh",
        "priority": "ưu tiên",
        "tier": "hạng",
        "load": "tải theo đơn vị",
        "agents": "nhân sự",
        "util": "sử dụng",
        "visits": "lượt",
        "follow": "liên hệ lại",
        "queue": "hàng đợi",
        "peak": "đỉnh/giờ",
        "cost": "chi phí/phiếu",
        "kpi": "KPI",
        "base": "gốc",
        "other": "phương án",
        "diff": "chênh lệch (KTC 95 %)",
    },
}

_SLA_SHORT: Final = {"first_response": "1st", "next_response": "next", "resolution": "res"}


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def _span(seconds: float) -> str:
    """A time for a table, two or three figures: ``4.5s``, ``42s``, ``4.2m``, ``16m``,
    ``2.5h``, ``22h``, ``1.3d``."""
    if not _finite(seconds):
        return "-"
    x = abs(seconds)
    sign = "-" if seconds < 0 else ""
    for size, unit in ((86_400.0, "d"), (3600.0, "h"), (60.0, "m"), (1.0, "s")):
        if x >= size * 0.9995 or unit == "s":
            value = x / size
            if value < 9.95 and not (unit == "s" and value == 0):
                return f"{sign}{value:.1f}{unit}"
            return f"{sign}{value:.0f}{unit}"
    raise AssertionError("unreachable")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%" if _finite(x) else "-"


def _number(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}" if _finite(x) else "-"


def _pm(e: Estimate, fmt: Callable[[float], str]) -> str:
    text = fmt(e.mean)
    if _finite(e.half_width) and _finite(e.mean):
        text += f"±{fmt(e.half_width).lstrip('-')}"
    return text


def _grid(rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Rows of cells aligned in columns: the first ``left`` left-aligned, the rest right.
    A row of one cell is a section title and does not set the widths."""
    cells = [r for r in rows if len(r) > 1]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))] if cells else []
    out = []
    for r in rows:
        if len(r) == 1:
            out.append(r[0])
            continue
        out.append(
            "  ".join(
                c.ljust(w) if i < left else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            ).rstrip()
        )
    return out


def _short_names(names: Mapping[str, str], width: int = 18) -> dict[str, str]:
    """Display names clipped to ``width``; where two clipped names would read the same, the
    ids (clipped too) stand in for them."""
    clipped = {key: _clip(name, width) for key, name in names.items()}
    seen: dict[str, int] = {}
    for text in clipped.values():
        seen[text] = seen.get(text, 0) + 1
    return {key: text if seen[text] == 1 else _clip(key, width) for key, text in clipped.items()}


def _clip(text: str, width: int = 18) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _result_table(result: SimulationResult, lang: str) -> str:
    w = _words(lang)
    targets = sorted({t for k in _all_kpis(result) for t in k.sla})
    header = [
        w["group"],
        w["arrived"],
        w["first"],
        w["p90"],
        w["resolution"],
        w["p90"],
        *(f"SLA {_SLA_SHORT.get(t, t[:6])}" for t in targets),
        w["abandon"],
        w["fcr"],
        w["handoffs"],
    ]

    def row(name: str, k: Kpis) -> list[str]:
        return [
            name,
            _number(k.arrived.mean),
            _pm(k.first_response.mean, _span),
            _span(k.first_response.p90),
            _pm(k.resolution.mean, _span),
            _span(k.resolution.p90),
            *(_pct(k.sla[t].mean) if t in k.sla else "-" for t in targets),
            _pct(k.abandonment.mean),
            _pct(k.first_contact_resolution.mean),
            _number(k.handoffs.mean, 2),
        ]

    rows: list[list[str]] = [header, row(w["overall"], result.overall)]
    all_units = set(result.units) | set(result.by.get("unit", {}))
    short = _short_names({u: result.label(u, lang) for u in all_units})
    for dim in DIMENSIONS:
        groups = result.by.get(dim, {})
        if not groups or list(groups) == ["-"]:
            continue
        rows.append([f"{w['by']} {w[dim]}"])
        for value, k in groups.items():
            name = short.get(value, value) if dim == "unit" else _clip(value)
            rows.append([f"  {name}", *row("", k)[1:]])

    warmup = format_span(datetime.timedelta(seconds=result.warmup))
    warm = w["warm"].format(span=warmup) if result.warmup else ""
    title = w["title"].format(
        department=result.department,
        workload=result.workload,
        days=f"{result.days:g}",
        warm=warm,
        n=result.replications,
        seed=result.seed,
    )
    lines = [
        title.replace("(s)", "" if result.replications == 1 else "s"),
        w["note"],
        "",
        *_grid(rows),
    ]
    if result.units:
        load = [
            [
                w["load"],
                w["agents"],
                w["util"],
                w["visits"],
                w["follow"],
                w["queue"],
                w["peak"],
                f"{w['cost']} ({result.currency})",
            ]
        ]
        for unit, u in result.units.items():
            load.append(
                [
                    f"  {short[unit]}",
                    _number(u.agents, 1),
                    _pm(u.utilisation, _pct),
                    _number(u.visits.mean),
                    _number(u.follow_ups.mean),
                    _number(u.queue.mean, 2),
                    _number(max(u.queue_by_hour, default=math.nan), 1),
                    _number(u.cost_per_ticket.mean),
                ]
            )
        load.append(
            ["  " + w["overall"], "", "", "", "", "", "", _number(result.cost_per_ticket.mean)]
        )
        lines += ["", *_grid(load)]
    arrived = sum(c.arrived for c in result.conservation)
    finished = sum(c.finished for c in result.conservation)
    abandoned = sum(c.abandoned for c in result.conservation)
    open_ = sum(c.in_system for c in result.conservation)
    lines += [
        "",
        w["tickets"].format(
            arrived=f"{arrived:,}",
            finished=f"{finished:,}",
            abandoned=f"{abandoned:,}",
            open=f"{open_:,}",
            verdict=w["conserved"] if result.conserved else w["broken"],
            events=f"{result.events:,}",
        ),
    ]
    return "\n".join(lines) + "\n"


def _all_kpis(result: SimulationResult) -> Iterator[Kpis]:
    yield result.overall
    for groups in result.by.values():
        yield from groups.values()


_KIND_OF: Final = {
    "arrived": "count",
    "answered": "count",
    "resolved": "count",
    "abandoned": "count",
    "in_system": "count",
    "reopened": "count",
    "visits": "count",
    "follow_ups": "count",
    "handoffs": "number",
    "queue": "number",
    "in_system.mean": "number",
    "cost_per_ticket": "money",
}


def _format_kpi(key: str, value: float, *, delta: bool = False) -> str:
    """A KPI's value for a table; ``delta``: a signed difference (shares in percentage
    points)."""
    if not _finite(value):
        return "-"
    name = key.split("/", 1)[1]
    sign = "+" if delta and value >= 0 else ""
    if name.endswith((".mean", ".p90")) and name != "in_system.mean":
        return sign + _span(value)
    kind = _KIND_OF.get(name, "share")
    if kind == "count":
        return sign + _number(value, 1)
    if kind == "number":
        return sign + _number(value, 2)
    if kind == "money":
        return sign + _number(value)
    return f"{sign}{100 * value:.1f} pp" if delta else _pct(value)


def _format_difference(key: str, e: Estimate) -> str:
    text = _format_kpi(key, e.mean, delta=True)
    if _finite(e.half_width) and _finite(e.mean):
        hw = _format_kpi(key, e.half_width, delta=True).lstrip("+")
        text += f" ± {hw.removesuffix(' pp')}"
    return text


_HEADLINE: Final = (
    "arrived",
    "first_response.mean",
    "first_response.p90",
    "resolution.mean",
    "resolution.p90",
    "sla.first_response",
    "sla.next_response",
    "sla.resolution",
    "abandonment",
    "first_contact_resolution",
    "handoffs",
    "escalation",
    "cost_per_ticket",
    "in_system.mean",
)


_KPI_LABELS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "arrived": "tickets arrived",
        "first_response.mean": "first response, mean",
        "first_response.p90": "first response, p90",
        "resolution.mean": "resolution, mean",
        "resolution.p90": "resolution, p90",
        "sla.first_response": "SLA first response met",
        "sla.next_response": "SLA next response met",
        "sla.resolution": "SLA resolution met",
        "abandonment": "abandonment",
        "first_contact_resolution": "first-contact resolution",
        "handoffs": "handoffs per ticket",
        "escalation": "escalated",
        "cost_per_ticket": "cost per ticket",
        "in_system.mean": "tickets in the system",
        "utilisation": "utilisation",
        "queue": "mean queue",
    },
    "vi": {
        "arrived": "số phiếu đến",
        "first_response.mean": "phản hồi đầu, trung bình",
        "first_response.p90": "phản hồi đầu, p90",
        "resolution.mean": "giải quyết, trung bình",
        "resolution.p90": "giải quyết, p90",
        "sla.first_response": "đạt SLA phản hồi đầu",
        "sla.next_response": "đạt SLA phản hồi tiếp",
        "sla.resolution": "đạt SLA giải quyết",
        "abandonment": "tỷ lệ bỏ dở",
        "first_contact_resolution": "giải quyết ngay lần đầu",
        "handoffs": "chuyển giao mỗi phiếu",
        "escalation": "tỷ lệ chuyển cấp",
        "cost_per_ticket": "chi phí mỗi phiếu",
        "in_system.mean": "phiếu trong hệ thống",
        "utilisation": "mức sử dụng",
        "queue": "hàng đợi trung bình",
    },
}


def _comparison_table(cmp: Comparison, lang: str, names: tuple[str, str] | None) -> str:
    w = _words(lang)
    labels = _KPI_LABELS.get(lang, _KPI_LABELS["en"])
    base, other = cmp.base, cmp.other
    keys = [f"overall/{name}" for name in _HEADLINE]
    units = set(base.units) | set(other.units)
    units |= set(base.by.get("unit", {})) | set(other.by.get("unit", {}))
    for unit in sorted(units):
        keys += [f"load={unit}/{name}" for name in ("utilisation", "queue", "cost_per_ticket")]
        keys += [
            f"unit={unit}/{name}"
            for name in ("first_response.mean", "resolution.mean", "abandonment")
        ]
    rows: list[list[str]] = [[w["kpi"], w["base"], w["other"], w["diff"], ""]]
    short = _short_names(
        {u: (base if u in base.names else other).label(u, lang) for u in units}, 20
    )
    for key in keys:
        d = cmp.differences.get(key)
        if d is None:
            continue
        scope, name = key.split("/", 1)
        label = labels.get(name, name)
        if scope != "overall":
            label = f"{short[scope.split('=', 1)[1]]}: {label}"
        rows.append(
            [
                label,
                _format_kpi(key, d.base.mean),
                _format_kpi(key, d.other.mean),
                _format_difference(key, d.difference),
                "*" if d.significant else "",
            ]
        )
    base_name, other_name = names or (
        f"{base.department} · {base.workload}",
        f"{other.department} · {other.workload}",
    )
    title = w["whatif"].format(other=other_name, base=base_name)
    note = w["whatif_note"].format(days=f"{base.days:g}", n=base.replications, seed=base.seed)
    lines = [
        title,
        note.replace("(s)", "" if base.replications == 1 else "s"),
        "",
        *_grid(rows),
    ]
    return "\n".join(lines) + "\n"
