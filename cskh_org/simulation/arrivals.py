"""Arrivals: the workload's streams as one Poisson process.

The streams are one Poisson process of their total rate (hour by hour when profiles shape
them); each arrival draws its stream (and, where the plan enumerated them, its whole
attribute combination) at once, with probability proportional to the stream's rate in that
hour: the same law as independent streams (superposition), at the cost of one draw.
:func:`arrival_rates` compiles the rates once; :func:`arrival_times` yields one run's
arrival instants.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import log
from typing import Any, Final

__all__ = ["HOUR", "ArrivalRates", "arrival_rates", "arrival_times", "hourly_rates"]

HOUR: Final = 3600.0


@dataclass(frozen=True, slots=True)
class ArrivalRates:
    """The streams' rates per second, compiled."""

    total: float
    """The rate of all streams together (constant streams)."""
    cumulative: tuple[float, ...]
    """The streams' rates, accumulated: one draw in ``[0, cumulative[-1])`` picks a stream."""
    rates: tuple[float, ...]
    """Each stream's rate."""
    hour_totals: list[float] | None
    """Per hour, the rate of all streams (``None`` when no profile shapes any stream)."""
    hour_cumulative: list[tuple[float, ...]]
    """Per hour, the streams' rates accumulated (empty when no profile shapes any stream)."""
    hour_rates: list[tuple[float, ...]]
    """Per hour, each stream's rate (empty when no profile shapes any stream)."""


def arrival_rates(
    streams: Sequence[tuple[Sequence[float] | None, float]], horizon: float
) -> ArrivalRates:
    """The streams as one Poisson process: each stream is its hourly rates (``None``: constant)
    and its rate per second."""
    rates = tuple(rate for _, rate in streams)
    total = sum(rates)
    cumulative = tuple(itertools.accumulate(rates))
    if all(hourly is None for hourly, _ in streams):
        return ArrivalRates(total, cumulative, rates, None, [], [])
    tables: dict[tuple[float, ...], tuple[float, ...]] = {}
    hour_cums: list[tuple[float, ...]] = []
    hour_rates: list[tuple[float, ...]] = []
    totals = []
    for h in range(math.ceil(horizon / HOUR) + 1):
        key = tuple(rate if hourly is None else hourly[h] for hourly, rate in streams)
        cum = tables.get(key)
        if cum is None:
            cum = tables[key] = tuple(itertools.accumulate(key))
        hour_cums.append(cum)
        hour_rates.append(key)
        totals.append(cum[-1])
    return ArrivalRates(total, cumulative, rates, totals, hour_cums, hour_rates)


def hourly_rates(
    rate: float, profile: Any, timezone: str, origin: dt.datetime, horizon: float
) -> list[float]:
    """Arrivals per second in each hour of the horizon (local time of the department) of a
    stream of ``rate`` per hour shaped by ``profile``."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    days = {str(k.value): v for k, v in profile.days.items()}
    rates = []
    for h in range(math.ceil(horizon / HOUR) + 1):
        local = (origin + dt.timedelta(seconds=h * HOUR + 1800)).astimezone(zone)
        factor = profile.hours[local.hour] * days.get(weekdays[local.weekday()], 1.0)
        rates.append(rate * factor / HOUR)
    return rates


def arrival_times(
    rate: float, rates: list[float] | None, rng: random.Random, horizon: float
) -> Iterator[float]:
    """Arrival instants of a Poisson stream: constant ``rate`` per second, or piecewise
    constant by hour (``rates``), by inverting the cumulative rate."""
    uniform = rng.random
    t = 0.0
    if rates is None:
        while True:
            t += -log(1.0 - uniform()) / rate
            if t >= horizon:
                return
            yield t
    hour = 0
    last = len(rates) - 1
    while True:
        need = -log(1.0 - uniform())
        while True:
            lam = rates[hour]
            edge = (hour + 1) * HOUR
            room = (edge - t) * lam
            if need < room:
                t += need / lam
                break
            need -= room
            t = edge
            hour += 1
            if hour > last or t >= horizon:
                return
        if t >= horizon:
            return
        yield t
