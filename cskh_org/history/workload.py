"""A forecast, or a calibration, as a workload the simulation and staffing read.

A **calibration** (:func:`calibrated_workload`) goes into a base workload: each fitted handling
time replaces the base's entry for its unit, channel and category, or is added; each channel's
fitted patience replaces its patience; each holder's handed-on share becomes its ``escalate``
probability (its ``partner`` share kept, ``resolve`` the rest); the reopen share replaces the
probability of the base's ``reopen`` (its delay kept).

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

from cskh_org.history.calibrate import Calibration, TimeFit
from cskh_org.history.forecast import ArrivalForecast, StreamForecast
from cskh_org.model import Department
from cskh_org.model.workload import Workload

__all__ = ["CalibratedWorkload", "ForecastWorkload", "calibrated_workload", "forecast_workload"]

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
    forecast: ArrivalForecast,
    dept: Department,
    base: Workload | None = None,
    *,
    keep_streams: bool = True,
) -> ForecastWorkload:
    """The workload of ``forecast`` (see the module); with a ``base`` and not
    ``keep_streams``, the base's streams are all replaced by the forecast's own (its other
    sections kept): every arrival is then the forecast's."""
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
    own = [
        {
            "id": f"{key}_forecast",
            "rate": round(rates[key], 4),
            "profile": profiles[key]["id"],
            "attributes": {forecast.attribute: key},
            "mix": _mix(stream.mix),
        }
        for stream in forecast.streams
        if (key := stream.key) in profiles
    ]
    if base is None:
        data: dict[str, Any] = {
            "id": f"forecast_{forecast.start:%Y_%m_%d}",
            "department": dept.id,
            "start": start,
            "profiles": list(profiles.values()),
            "streams": own,
        }
    elif not keep_streams:
        data = base.model_dump(mode="python", exclude_defaults=True)
        data.update(start=start, streams=own)
        data["profiles"] = [*data.get("profiles", ()), *profiles.values()]
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


# -- calibration ------------------------------------------------------------------------------

EMPIRICAL_KEPT = 5_000
"""The most values an empirical distribution is written with: more are thinned to this many
evenly spaced quantiles (the shape kept; the count said in the workload's comments)."""


@dataclass(frozen=True, slots=True)
class CalibratedWorkload:
    """The base workload with the fitted sections, and what was changed."""

    workload: Workload
    replaced: tuple[str, ...]
    """What the fits replaced or added (``service support/phone/question``, ``patience
    phone``, ``reopen``)."""
    thinned: tuple[str, ...]
    """Empirical distributions written with fewer values than observed."""


def calibrated_workload(calibration: Calibration, base: Workload) -> CalibratedWorkload:
    """``base`` with its handling times, patience and reopen probability from
    ``calibration``: a fitted group replaces the base's entry for the same unit, channel and
    category (or is added); every other entry stays."""
    data: dict[str, Any] = base.model_dump(mode="python", exclude_defaults=True)
    replaced: list[str] = []
    thinned: list[str] = []
    fitted = {(s.unit, s.channel, s.category): s for s in calibration.service}
    service = []
    for entry in data.get("service", []):
        key = (entry["unit"], entry.get("channel"), entry.get("category"))
        found = fitted.pop(key, None)
        if found is None:
            service.append(entry)
            continue
        service.append({**entry, "time": _distribution(found.fit, thinned, _name(key))})
        replaced.append(f"service {_name(key)}")
    for key, found in fitted.items():
        item: dict[str, Any] = {
            "unit": key[0],
            "time": _distribution(found.fit, thinned, _name(key)),
        }
        if key[1] is not None:
            item["channel"] = key[1]
        if key[2] is not None:
            item["category"] = key[2]
        service.append(item)
        replaced.append(f"service {_name(key)} (added)")
    data["service"] = service
    patience = dict(data.get("patience", {}))
    for fit in calibration.patience:
        patience[fit.channel] = {"kind": "exponential", "mean": dt.timedelta(seconds=fit.mean)}
        replaced.append(f"patience {fit.channel}")
    data["patience"] = patience
    holders = {h["holder"]: h for h in data.get("holders", [])}
    for held in calibration.holders:
        entry = dict(holders.get(held.holder, {"holder": held.holder}))
        partner = float(entry.get("partner", 0.0))
        entry["escalate"] = round(min(held.probability, 1.0 - partner), 6)
        entry["resolve"] = round(max(0.0, 1.0 - partner - entry["escalate"]), 6)
        holders[held.holder] = entry
        replaced.append(f"holder {held.holder}")
    if holders:
        data["holders"] = list(holders.values())
    if calibration.reopen and "reopen" in data:
        solved = sum(r.solved for r in calibration.reopen)
        reopened = sum(r.reopened for r in calibration.reopen)
        data["reopen"] = {**data["reopen"], "probability": reopened / solved}
        replaced.append("reopen")
    return CalibratedWorkload(Workload.model_validate(data), tuple(replaced), tuple(thinned))


def _name(key: tuple[str, str | None, str | None]) -> str:
    return "/".join(part or "*" for part in key)


def _distribution(fit: TimeFit, thinned: list[str], name: str) -> dict[str, Any]:
    if fit.kind == "empirical":
        values = list(fit.values)
        if len(values) > EMPIRICAL_KEPT:
            step = (len(values) - 1) / (EMPIRICAL_KEPT - 1)
            values = [values[round(i * step)] for i in range(EMPIRICAL_KEPT)]
            thinned.append(f"{name}: {len(fit.values):,} → {EMPIRICAL_KEPT:,}")
        return {"kind": "empirical", "values": [dt.timedelta(seconds=round(v, 3)) for v in values]}
    return {
        "kind": fit.kind,
        "mean": dt.timedelta(seconds=round(fit.mean, 3)),
        "sd": dt.timedelta(seconds=round(fit.sd, 3)),
    }
