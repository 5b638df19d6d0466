"""A forecast as a workload the simulation and staffing read.

Each forecast stream becomes one weekly **profile**: the ordinary days of the horizon give the
weekday factors (each weekday's forecast against their mean) and the hour factors (the hours'
mean shares of a day, times 24), so ``rate × hour × day`` is the forecast spread over the
day's hours; the special dates of the horizon (the calendar's holidays and the days around
them) are the profile's ``special_days.dates``, each with its measured factor.

Without a ``base`` workload each stream becomes a stream of its own (``channel: phone`` and the
history's mix of categories, priorities and tiers), and the workload has arrivals only. With
a ``base`` (the workload the department is simulated with today), its handling times,
patience, follow-ups and every other section are kept, and each base stream of a forecast
channel (``attributes: {channel: …}``) keeps its attributes and mix and takes the channel's
forecast profile, its rate scaled so that the channel's streams together bring what the
forecast says; streams of other channels, or that draw their channel from a mix, are kept as
they are (:attr:`ForecastWorkload.kept` names them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from cskh_org.history.forecast import ArrivalForecast, StreamForecast
from cskh_org.model import Department
from cskh_org.model.workload import Workload

__all__ = ["ForecastWorkload", "forecast_workload"]

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class ForecastWorkload:
    """The workload, and what was not taken from the forecast."""

    workload: Workload
    kept: tuple[str, ...]
    """Base streams kept as they were (another channel, or a channel drawn from a mix)."""
    empty: tuple[str, ...]
    """Forecast streams left out: nothing is expected of them over the horizon."""


def forecast_workload(
    forecast: ArrivalForecast, dept: Department, base: Workload | None = None
) -> ForecastWorkload:
    """The workload of ``forecast`` (see the module)."""
    start = dt.datetime.combine(forecast.start, dt.time(), ZoneInfo(dept.timezone))
    profiles: dict[str, dict[str, Any]] = {}
    rates: dict[str, float] = {}
    empty = []
    for stream in forecast.streams:
        shaped = _profile(stream, forecast.calendar)
        if shaped is None:
            empty.append(stream.key)
            continue
        profiles[stream.key], rates[stream.key] = shaped
    kept: list[str] = []
    if base is None:
        data: dict[str, Any] = {
            "id": f"forecast_{forecast.start:%Y_%m_%d}",
            "department": dept.id,
            "start": start,
            "profiles": list(profiles.values()),
            "streams": [
                {
                    "id": f"{key}_forecast",
                    "rate": round(rates[key], 4),
                    "profile": profiles[key]["id"],
                    "attributes": {forecast.attribute: key},
                    "mix": _mix(stream.mix),
                }
                for stream in forecast.streams
                if (key := stream.key) in profiles
            ],
        }
    else:
        data = base.model_dump(mode="python", exclude_defaults=True)
        data["start"] = start
        data["profiles"] = [*data.get("profiles", ()), *profiles.values()]
        streams = []
        base_rates: dict[str, float] = {}
        for s in base.streams:
            value = s.attributes.get(forecast.attribute)
            if isinstance(value, str):
                base_rates[value] = base_rates.get(value, 0.0) + s.rate
        for s, dumped in zip(base.streams, data["streams"], strict=True):
            value = s.attributes.get(forecast.attribute)
            if isinstance(value, str) and value in profiles:
                dumped["rate"] = round(rates[value] * s.rate / base_rates[value], 4)
                dumped["profile"] = profiles[value]["id"]
            else:
                kept.append(s.id)
            streams.append(dumped)
        data["streams"] = streams
    return ForecastWorkload(Workload.model_validate(data), tuple(kept), tuple(empty))


def _profile(stream: StreamForecast, calendar: str | None) -> tuple[dict[str, Any], float] | None:
    """The stream's profile and rate, or ``None`` when it expects nothing."""
    ordinary = [d for d in stream.days if d.special is None] or list(stream.days)
    totals: list[list[float]] = [[] for _ in _DAYS]
    for day in ordinary:
        totals[day.date.weekday()].append(day.expected / day.factor if day.factor else 0.0)
    known = [sum(t) / len(t) for t in totals if t]
    mean = sum(known) / len(known) if known else 0.0
    if mean <= 0:
        return None
    per_day = [sum(t) / len(t) if t else mean for t in totals]
    hours = [
        sum(per_day[w] * stream.shape[w][h] for w in range(7)) / 7 / mean * 24 for h in range(24)
    ]
    profile: dict[str, Any] = {
        "id": f"{stream.key}_forecast",
        "hours": [round(x, 4) for x in hours],
        "days": {
            _DAYS[w]: round(per_day[w] / mean, 4)
            for w in range(7)
            if abs(per_day[w] / mean - 1) > 1e-9
        },
    }
    special = [d for d in stream.days if d.special is not None]
    if calendar is not None and special:
        profile["special_days"] = {
            "calendar": calendar,
            "dates": [{"date": d.date, "factor": round(d.factor, 4)} for d in special],
        }
    return profile, mean / 24


def _mix(mix: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """The history's shares as a stream's mix (values without a share left out)."""
    shares = {
        name: {v: round(w, 4) for v, w in values.items() if w > 0} for name, values in mix.items()
    }
    return {name: values for name, values in shares.items() if values}
