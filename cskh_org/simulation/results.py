"""What a simulation reports: KPIs with confidence intervals and what-if comparisons, typed.

:func:`summarize` turns the streaming accumulators of replications
(:class:`~cskh_org.simulation.stats.ReplicationStats`) into a typed
:class:`SimulationResult`:

* **means** (first response, resolution, shares, utilisation, cost per ticket) are
  :class:`Estimate` values: the mean of the replications' values and the half-width of its
  95 % confidence interval by Student's t with ``n - 1`` degrees of freedom (each replication
  is one independent observation; the half-width is NaN with a single replication);
* **quantiles** (p50, p90, p95) are :class:`Estimate` values too, by the same method: each
  replication's quantile is read from its own histogram (to the bin, about 1 %), and the
  estimate is the mean of the replications' quantiles with the Student-t half-width of
  their spread (NaN with a single replication). The mean of the replications' quantiles,
  not the quantile of every ticket pooled, is the point estimate, so that the figure and its
  interval are of one estimator, and a what-if (which pairs the replications' quantiles)
  compares the figures the tables show (with only a handful of tickets per replication,
  each replication's quantile is one of a few values, and so is their mean: coarse);
* a share whose denominator is zero in a replication (no ticket of a group arrived) leaves
  that replication out of its estimate.

:class:`Comparison` pairs two results run with the same seeds, so replication ``r`` of both
saw the same customers (common random numbers), and reports each KPI's difference
``other - base`` with a paired-t 95 % confidence interval: the differences of the
replications' values are the observations, which removes most of the noise the two runs
share. :mod:`cskh_org.simulation.run` runs the replications; :mod:`cskh_org.report.simulation`
puts the results in words.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from cskh_org.errors import UsageError
from cskh_org.model.tickets import EnumAttribute
from cskh_org.simulation.stats import ClassKey, ClassStats, ReplicationStats, StageStats
from cskh_org.simulation.student_t import t_quantile
from cskh_org.words import order, pick

if TYPE_CHECKING:
    from cskh_org.model.department import Department
    from cskh_org.model.workload import Workload

__all__ = [
    "DIMENSIONS",
    "Comparison",
    "Conservation",
    "Difference",
    "Estimate",
    "Kpis",
    "ReplicationSummary",
    "SimulationResult",
    "StageKpis",
    "TimeKpi",
    "UnitKpis",
    "sum_up",
    "summarize",
    "t_quantile",
]

DIMENSIONS: Final = ("unit", "channel", "priority", "tier")
"""The dimensions results are broken down by (the fields of
:class:`~cskh_org.simulation.stats.ClassKey`)."""

_MOVED: Final = frozenset(
    {"MAX_REPLICATIONS", "MAX_SEED", "MAX_WORKERS", "Progress", "compare", "simulate"}
)


def __getattr__(name: str) -> Any:
    """The names that lived here before the simulation was split into its rooms, from their
    homes (which import this module: hence on first use)."""
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from cskh_org.simulation import run

    return getattr(run, name)


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
    """A time (seconds): its mean and its quantiles, each an :class:`Estimate` over the
    replications. A quantile's estimate is the mean of the replications' own quantiles (each
    read from the replication's histogram, to the bin) with the 95 % Student-t half-width of
    their spread, as for means: NaN with a single replication."""

    mean: Estimate
    p50: Estimate
    p90: Estimate
    p95: Estimate
    count: int
    """Tickets measured, over every replication."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "mean": self.mean.to_dict(),
            "p50": self.p50.to_dict(),
            "p90": self.p90.to_dict(),
            "p95": self.p95.to_dict(),
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
    """Follow-up contacts per replication (the workload's ``follow_up`` and the follow-up
    steps')."""
    queue: Estimate
    """Mean number of tickets waiting over the window."""
    queue_by_hour: tuple[float, ...]
    """Mean queue length in each hour of the window, averaged over replications."""
    cost_per_ticket: Estimate
    """Staff cost over the window ÷ tickets routed to the unit and resolved."""
    overtime: Estimate | None = None
    """Agent-hours worked past the end of duty per replication: services started on duty
    that ran past it (``None``: every agent of the unit is always on duty)."""
    ran_over: Estimate | None = None
    """Services per replication that ran past the end of their agent's duty (``None`` as
    :attr:`overtime`)."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "agents": self.agents,
            "utilisation": self.utilisation.to_dict(),
            "visits": self.visits.to_dict(),
            "follow_ups": self.follow_ups.to_dict(),
            "queue": self.queue.to_dict(),
            "queue_by_hour": [_num(v) for v in self.queue_by_hour],
            "cost_per_ticket": self.cost_per_ticket.to_dict(),
        }
        if self.overtime is not None and self.ran_over is not None:
            out["overtime"] = self.overtime.to_dict()
            out["ran_over"] = self.ran_over.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class StageKpis:
    """What one self-service stage (chatbot, IVR) did with the tickets that arrived after the
    warm-up, per replication: those that entered it, those it resolved (contained) and the
    contained share of those that left it (contained or handed to the router); the same per
    ticket category (``-``: tickets without one) in ``by_category``. Contained tickets are
    in no other figure of the result but the ticket count: they never reached an agent, so
    the SLA figures, waits and shares of the KPI tables are over the tickets handed on."""

    entered: Estimate
    contained: Estimate
    containment: Estimate
    by_category: Mapping[str, StageKpis] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "entered": self.entered.to_dict(),
            "contained": self.contained.to_dict(),
            "containment": self.containment.to_dict(),
        }
        if self.by_category:
            out["by_category"] = {c: k.to_dict() for c, k in self.by_category.items()}
        return out


def _stage_kpis(per_rep: Sequence[StageStats]) -> tuple[StageKpis, dict[str, list[float]]]:
    values: dict[str, list[float]] = {
        "entered": [float(x.entered) for x in per_rep],
        "contained": [float(x.contained) for x in per_rep],
        "containment": [_ratio(x.contained, x.contained + x.handed) for x in per_rep],
    }
    kpis = StageKpis(
        Estimate.of(values["entered"]),
        Estimate.of(values["contained"]),
        Estimate.of(values["containment"]),
    )
    return kpis, values


def _self_service(
    stats: Sequence[ReplicationStats], stages: Sequence[str]
) -> tuple[dict[str, StageKpis], dict[str, tuple[float, ...]]]:
    """Each stage's figures, and their values per replication (keys ``stage=<id>/…``,
    ``stage=<id>,category=<c>/…``)."""
    out: dict[str, StageKpis] = {}
    samples: dict[str, tuple[float, ...]] = {}
    for stage in stages:
        categories = sorted({c for s in stats for (st, c) in s.self_service if st == stage})
        per_category: dict[str, list[StageStats]] = {
            c: [s.self_service.get((stage, c), StageStats()) for s in stats] for c in categories
        }
        totals = []
        for i in range(len(stats)):
            total = StageStats()
            for rows in per_category.values():
                total.merge(rows[i])
            totals.append(total)
        kpis, values = _stage_kpis(totals)
        samples.update({f"stage={stage}/{k}": tuple(v) for k, v in values.items()})
        by: dict[str, StageKpis] = {}
        for category, rows in per_category.items():
            by[category], values = _stage_kpis(rows)
            prefix = f"stage={stage},category={category}"
            samples.update({f"{prefix}/{k}": tuple(v) for k, v in values.items()})
        out[stage] = dataclasses.replace(kpis, by_category=by)
    return out, samples


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
_QUANTILES: Final = (("p50", 0.5), ("p90", 0.9), ("p95", 0.95))


def _time_samples(prefix: str, c: ClassStats, out: dict[str, float]) -> None:
    for name in _TIME_FIELDS:
        hist = getattr(c, name)
        out[f"{prefix}{name}.mean"] = hist.mean
        for label, q in _QUANTILES:
            out[f"{prefix}{name}.{label}"] = hist.quantile(q)


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


@dataclass(frozen=True, slots=True)
class _Figures:
    """One group's figures in one replication: its KPI values (the observations of every
    estimate) and the counts the replications' figures are pooled by, without the
    histograms they were read from."""

    values: dict[str, float]
    first_response: int
    resolution: int
    """Times counted in each histogram."""
    sla: tuple[str, ...]
    handoffs: tuple[int, ...]
    resolved: int

    @classmethod
    def of(cls, c: ClassStats) -> _Figures:
        return cls(
            _class_values(c),
            c.first_response.n,
            c.resolution.n,
            tuple(c.sla_counted),
            tuple(c.handoffs),
            c.resolved,
        )


_NOTHING: Final = _Figures.of(ClassStats())
"""The figures of a group that had no ticket in a replication."""


@dataclass(frozen=True, slots=True)
class ReplicationSummary:
    """One replication summed up as :func:`summarize` needs it: its accumulators without the
    per-class ones, and the figures of every group (overall, and by each of
    :data:`DIMENSIONS`) read from them. A worker process sends this back instead of its
    histograms (:func:`sum_up`), so the replications are summed up in parallel and the
    parent only pools a few numbers; the same figures, to the bit, as summing up there."""

    stats: ReplicationStats
    """The replication's accumulators, its classes left out."""
    overall: _Figures
    by: dict[str, dict[str, _Figures]]
    """Per dimension: each value's figures."""


def sum_up(stats: ReplicationStats, dimensions: Sequence[str] = DIMENSIONS) -> ReplicationSummary:
    """What :func:`summarize` reads of one replication (see :class:`ReplicationSummary`):
    the groups of ``dimensions`` only, when fewer are wanted (a sweep asking for the
    ``overall/…`` KPIs alone); :func:`summarize` then gives no KPI of the others."""
    overall = _Figures.of(_merged(list(stats.classes.values())))
    by = {
        dim: {value: _Figures.of(c) for value, c in _group(stats, dim).items()}
        for dim in DIMENSIONS
        if dim in dimensions
    }
    return ReplicationSummary(dataclasses.replace(stats, classes={}), overall, by)


def _kpis(per_rep: Sequence[_Figures]) -> tuple[Kpis, dict[str, list[float]]]:
    """The KPIs of one group from its figures in each replication, and the replications'
    values of each KPI."""
    samples: dict[str, list[float]] = {}
    for i, figures in enumerate(per_rep):
        for name, value in figures.values.items():
            samples.setdefault(name, [math.nan] * len(per_rep))[i] = value

    def est(name: str) -> Estimate:
        return Estimate.of(samples.get(name, ()))

    def time(name: str, n: int) -> TimeKpi:
        return TimeKpi(
            est(f"{name}.mean"), est(f"{name}.p50"), est(f"{name}.p90"), est(f"{name}.p95"), n
        )

    handoffs = [sum(column) for column in zip(*(f.handoffs for f in per_rep), strict=True)]
    finished = sum(handoffs)
    kpis = Kpis(
        arrived=est("arrived"),
        answered=est("answered"),
        resolved=est("resolved"),
        abandoned=est("abandoned"),
        in_system=est("in_system"),
        first_response=time("first_response", sum(f.first_response for f in per_rep)),
        resolution=time("resolution", sum(f.resolution for f in per_rep)),
        sla={t: est(f"sla.{t}") for t in sorted({t for f in per_rep for t in f.sla})},
        abandonment=est("abandonment"),
        first_contact_resolution=est("first_contact_resolution"),
        handoffs=est("handoffs"),
        handoff_distribution=tuple(_ratio(n, finished) for n in handoffs),
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
    value_labels: Mapping[str, Mapping[str, Mapping[str, str]]] = field(
        default_factory=dict, repr=False
    )
    """Display text of the ticket values results are broken down by: dimension (``channel``,
    ``priority``, ``tier``; ``category`` for the self-service figures) → value → language →
    text, from the department's ticket schema."""
    languages: tuple[str, ...] = ("vi", "en")
    sla_count: str = "offered"
    """Which tickets the SLA figures are over (:class:`~cskh_org.model.workload.SlaCount`)."""
    short_abandon: float = 5.0
    """Seconds within which an abandon is left out, for ``short_abandons_excluded``."""
    warnings: tuple[str, ...] = ()
    """Why the results may be off: a calendar whose holiday data stops before the simulated
    period ends (see :attr:`Simulation.warnings <cskh_org.simulation.engine.Simulation>`)."""
    self_service: Mapping[str, StageKpis] = field(default_factory=dict)
    """Per self-service stage of the workload (in document order): what it contained. Its
    contained tickets are in none of the KPIs above (see :class:`StageKpis`)."""
    stage_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    """Display names of the self-service stages, by language."""

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
        return pick(self.names.get(unit), order(lang, self.languages), unit)

    def stage_label(self, stage: str, lang: str | None = None) -> str:
        """A self-service stage's display name in ``lang``; its id when it has none."""
        return pick(self.stage_names.get(stage), order(lang, self.languages), stage)

    def value_label(self, dimension: str, value: str, lang: str | None = None) -> str:
        """A ticket value's display text (``vip`` → ``Khách VIP``) in ``lang``, falling back
        along the department's languages; the value itself when it has no label."""
        labels = self.value_labels.get(dimension, {}).get(value)
        return pick(labels, order(lang, self.languages), value)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: plain types only, NaN as ``null``, seconds for times (``self_service``
        only when the workload has stages)."""
        out = {
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
        if self.self_service:
            out["self_service"] = {k: v.to_dict() for k, v in self.self_service.items()}
        return out


def _seconds(value: datetime.timedelta | float | None) -> float:
    if value is None:
        return 0.0
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return float(value)


def summarize(
    replications: Sequence[ReplicationStats | ReplicationSummary],
    *,
    department: Department,
    workload: Workload,
    days: float,
    warmup: datetime.timedelta | float | None,
    seed: int,
) -> SimulationResult:
    """The KPIs of replications (one :class:`ReplicationStats` each, or already summed up by
    :func:`sum_up`) of ``department`` under ``workload``. ``warmup`` is a duration or seconds
    (``None``: the workload's)."""
    if not replications:
        raise UsageError.of("error.simulation.no-replication")
    parts = [r if isinstance(r, ReplicationSummary) else sum_up(r) for r in replications]
    stats = [p.stats for p in parts]
    warm = _seconds(workload.warmup if warmup is None else warmup)
    samples: dict[str, tuple[float, ...]] = {}

    def keep(prefix: str, values: Mapping[str, Sequence[float]]) -> None:
        for name, xs in values.items():
            samples[f"{prefix}/{name}"] = tuple(xs)

    overall, values = _kpis([p.overall for p in parts])
    keep("overall", values)
    by: dict[str, dict[str, Kpis]] = {}
    for dim in DIMENSIONS:
        if any(dim not in p.by for p in parts):
            continue  # summed up without it (:func:`sum_up`'s ``dimensions``)
        per_rep = [p.by[dim] for p in parts]
        groups: dict[str, Kpis] = {}
        for value in sorted({v for g in per_rep for v in g}):
            groups[value], values = _kpis([g.get(value, _NOTHING) for g in per_rep])
            keep(f"{dim}={value}", values)
        by[dim] = groups

    resolved_by_unit = [
        {unit: f.resolved for unit, f in p.by.get("unit", {}).items()} for p in parts
    ]
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
            if row.timed:
                per.setdefault("overtime", []).append(row.overtime / 3600.0)
                per.setdefault("ran_over", []).append(row.overruns)
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
            overtime=Estimate.of(per["overtime"]) if "overtime" in per else None,
            ran_over=Estimate.of(per["ran_over"]) if "ran_over" in per else None,
        )
        keep(f"load={unit}", per)

    costs = [
        _ratio(
            math.fsum(u.staff_cost_per_day for u in s.units.values()) * s.window / 86_400.0,
            p.overall.resolved,
        )
        for s, p in zip(stats, parts, strict=True)
    ]
    samples["overall/cost_per_ticket"] = tuple(costs)
    little = [_ratio(s.time_in_system, s.window) for s in stats]
    samples["overall/in_system.mean"] = tuple(little)
    stages, stage_samples = _self_service(stats, [s.id for s in workload.self_service])
    samples.update(stage_samples)
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
        sla_count=workload.service_level.count.value,
        short_abandon=workload.service_level.short_abandon.total_seconds(),
        value_labels=_value_labels(department),
        languages=tuple(department.languages),
        self_service=stages,
        stage_names={s.id: dict(s.name) for s in workload.self_service if s.name is not None},
    )


def _value_labels(department: Department) -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for dimension in (*DIMENSIONS, "category"):  # the category: for the self-service table
        spec = department.ticket_schema.attributes.get(dimension)
        if isinstance(spec, EnumAttribute):
            out[dimension] = {value: dict(text) for value, text in spec.labels.items()}
    return out


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
            raise UsageError.of(
                "error.simulation.compare",
                seed=base.seed,
                replications=base.replications,
                other_seed=other.seed,
                other_replications=other.replications,
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
