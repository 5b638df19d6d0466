"""The loop closed: the calibrated department simulated over a period of its own history, and
what it gives set against what was observed.

The period is the history's last ``weeks`` whole weeks. Its workload is the base workload (its
handling times where nothing is fitted, its patience, follow-ups, holders' behaviour) with

* the **arrivals observed** in the period in place of its streams: each channel's tickets per
  weekday and hour, averaged over the period's weeks (:func:`observed_arrivals`, written as
  :func:`~cskh_org.history.workload.forecast_workload` writes a forecast);
* the **distributions fitted** from the whole history
  (:func:`~cskh_org.history.calibrate.calibrate`,
  :func:`~cskh_org.history.workload.calibrated_workload`).

The department is simulated over the period (``replications`` runs, one seed) and, per channel,
the tickets a day, the share that gave up, the mean wait for the first reply, the mean time
to the solution and the mean handoffs (the groups that held a ticket, where the export says;
the simulation counts routing as the first) are compared with the period's own: each
figure's simulated mean with its 95 % interval, the observed value and the relative error. A
figure far off says the model misses something the department does (a staffing that was not
the one on paper, a queue discipline, a channel's handling time) before any what-if is
believed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cskh_org.errors import HistoryError
from cskh_org.history.calibrate import Calibration, calibrate
from cskh_org.history.forecast import ArrivalForecast, DayForecast, MethodScore, StreamForecast
from cskh_org.history.workload import calibrated_workload, forecast_workload
from cskh_org.model import Department
from cskh_org.model.history import PastTicket
from cskh_org.model.workload import Workload

__all__ = ["KPIS", "LoopFigure", "LoopResult", "closed_loop", "observed_arrivals"]

KPIS = ("tickets_per_day", "abandonment", "first_reply_mean", "resolution_mean", "handoffs")
"""The figures compared, per channel."""
_MIX = ("category", "priority", "tier")


@dataclass(frozen=True, slots=True)
class LoopFigure:
    """One figure of one channel: observed, simulated (mean and 95 % half-width) and the
    relative error of the simulated mean."""

    channel: str
    kpi: str
    observed: float
    simulated: float
    half_width: float

    @property
    def error(self) -> float:
        """(simulated − observed) ÷ observed (NaN when nothing was observed)."""
        if not self.observed or math.isnan(self.observed):
            return math.nan
        return (self.simulated - self.observed) / self.observed


@dataclass(frozen=True, slots=True)
class LoopResult:
    """The period, the workload simulated and every figure compared."""

    first: dt.date
    last: dt.date
    replications: int
    workload: Workload
    calibration: Calibration
    figures: tuple[LoopFigure, ...]


def observed_arrivals(
    tickets: Sequence[PastTicket], dept: Department, first: dt.date, last: dt.date
) -> ArrivalForecast:
    """The period's arrivals per channel as a forecast that foresaw them exactly: each date's
    count, each hour's, the weekday shapes and the mix of the period's tickets."""
    zone = ZoneInfo(dept.timezone)
    days = last.toordinal() - first.toordinal() + 1
    hours: dict[str, list[float]] = {}
    mixes: dict[str, dict[str, Counter[str]]] = {}
    for t in tickets:
        local = t.created.astimezone(zone)
        index = local.date().toordinal() - first.toordinal()
        if t.channel is None or not 0 <= index < days:
            continue
        hours.setdefault(t.channel, [0.0] * (24 * days))[index * 24 + local.hour] += 1
        counters = mixes.setdefault(t.channel, {name: Counter() for name in _MIX})
        for name in _MIX:
            value = getattr(t, name)
            if value is not None:
                counters[name][value] += 1
    if not hours:
        raise HistoryError.of("error.history.empty-period", first=first, last=last)
    streams = []
    for channel in sorted(hours):
        counts = hours[channel]
        totals = [sum(counts[d * 24 : d * 24 + 24]) for d in range(days)]
        dated = [
            DayForecast(first + dt.timedelta(days=d), total, total, total)
            for d, total in enumerate(totals)
        ]
        shape = []
        for weekday in range(7):
            sums = [0.0] * 24
            for d in range(days):
                if (first + dt.timedelta(days=d)).weekday() == weekday:
                    for h in range(24):
                        sums[h] += counts[d * 24 + h]
            total = sum(sums)
            shape.append(tuple(x / total for x in sums) if total else (1 / 24,) * 24)
        mix = {
            name: {v: c / sum(counter.values()) for v, c in sorted(counter.items())}
            for name, counter in mixes[channel].items()
            if counter
        }
        streams.append(
            StreamForecast(
                channel,
                "observed",
                (MethodScore("observed", 0.0, 0.0, days),),
                tuple(dated),
                tuple(counts),
                tuple(shape),
                {},
                mix,
                int(sum(counts)),
            )
        )
    return ArrivalForecast(
        "channel", None, dept.timezone, first, last, first, days, 0, tuple(streams), 0
    )


def closed_loop(
    tickets: Iterable[PastTicket],
    dept: Department,
    base: Workload,
    *,
    weeks: int = 4,
    replications: int = 3,
    seed: int = 0,
) -> LoopResult:
    """Simulate the calibrated department over the history's last ``weeks`` whole weeks and
    compare (see the module)."""
    from cskh_org.simulation.run import simulate

    if not 1 <= weeks <= 26:
        raise HistoryError.of("error.history.loop-weeks", weeks=weeks)
    every = list(tickets)
    if not every:
        raise HistoryError.of("error.history.no-tickets")
    zone = ZoneInfo(dept.timezone)
    last = max(t.created for t in every).astimezone(zone).date() - dt.timedelta(days=1)
    first = last - dt.timedelta(days=7 * weeks - 1)
    if min(t.created for t in every).astimezone(zone).date() > first:
        raise HistoryError.of("error.history.loop-short", weeks=weeks)
    calibration = calibrate(every, seed=seed)
    observed_streams = observed_arrivals(every, dept, first, last)
    arrivals = forecast_workload(observed_streams, dept, base, keep_streams=False)
    workload = calibrated_workload(calibration, arrivals.workload).workload
    result = simulate(
        dept,
        workload,
        days=7.0 * weeks,
        replications=replications,
        seed=seed,
        warmup=dt.timedelta(0),
    )
    observed = _observed(every, zone, first, last)
    figures = []
    for channel in sorted(observed):
        kpis = result.by.get("channel", {}).get(channel)
        if kpis is None:
            continue
        simulated = {
            "tickets_per_day": (
                kpis.arrived.mean / (7 * weeks),
                kpis.arrived.half_width / (7 * weeks),
            ),
            "abandonment": (kpis.abandonment.mean, kpis.abandonment.half_width),
            "first_reply_mean": (
                kpis.first_response.mean.mean,
                kpis.first_response.mean.half_width,
            ),
            "resolution_mean": (kpis.resolution.mean.mean, kpis.resolution.mean.half_width),
            "handoffs": (kpis.handoffs.mean, kpis.handoffs.half_width),
        }
        for kpi in KPIS:
            mean, half = simulated[kpi]
            figures.append(LoopFigure(channel, kpi, observed[channel][kpi], mean, half))
    return LoopResult(first, last, replications, workload, calibration, tuple(figures))


def _observed(
    tickets: Sequence[PastTicket], zone: ZoneInfo, first: dt.date, last: dt.date
) -> dict[str, dict[str, float]]:
    sums: dict[str, list[float]] = {}
    days = last.toordinal() - first.toordinal() + 1
    for t in tickets:
        if t.channel is None or not first <= t.created.astimezone(zone).date() <= last:
            continue
        s = sums.setdefault(t.channel, [0, 0, 0, 0.0, 0, 0.0, 0, 0.0])
        s[0] += 1
        s[1] += t.abandoned is not None
        if t.first_reply is not None and t.abandoned is None:
            s[2] += 1
            s[3] += (t.first_reply - t.created).total_seconds()
        if t.solved is not None:
            s[4] += 1
            s[5] += (t.solved - t.created).total_seconds()
        if t.groups is not None and t.abandoned is None:
            s[6] += 1
            s[7] += t.groups
    return {
        channel: {
            "tickets_per_day": n / days,
            "abandonment": gave_up / n,
            "first_reply_mean": wait / answered if answered else math.nan,
            "resolution_mean": spent / solved if solved else math.nan,
            "handoffs": held / counted if counted else math.nan,
        }
        for channel, (n, gave_up, answered, wait, solved, spent, counted, held) in sums.items()
    }
