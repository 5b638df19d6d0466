"""Arrivals: the workload's streams as one Poisson process, on the department's local clock.

The streams are one Poisson process of their total rate. A profile shapes a stream's rate by
the **local** hour and weekday of the department's time zone: :func:`local_hours` cuts the
simulated period into pieces at every instant the local hour changes (whole local hours,
whatever the minute of the workload's ``start`` or the zone's offset, such as +05:45, and
the changes of daylight-saving time), and :func:`profile_rates` gives each piece the
profile's factor for its local hour and weekday, so the rate at every instant is the one the
local clock reads then. A profile with ``special_days`` multiplies that by the factor of the
piece's local date (:func:`special_day_factors`: a holiday of its calendar, a date before or
after a run of them, a date named outright); a local date changes only at a local midnight,
so a piece lies in one date. Each arrival draws its stream (and, where the plan enumerated them,
its whole attribute combination) at once, with probability proportional to the stream's
rate in that piece: the same law as independent streams (superposition), at the cost of one
draw. :func:`arrival_rates` compiles the rates once; :func:`arrival_times` yields one run's
arrival instants.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import log
from typing import Any, Final

__all__ = [
    "HOUR",
    "ArrivalRates",
    "LocalHours",
    "arrival_rates",
    "arrival_times",
    "local_hours",
    "profile_rates",
    "special_day_factors",
]

HOUR: Final = 3600.0
_ONE_HOUR: Final = dt.timedelta(hours=1)
_TICK: Final = dt.timedelta(microseconds=1)
_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class LocalHours:
    """The simulated period cut where the department's local hour changes: piece ``i`` runs
    from ``ends[i - 1]`` (0 for the first) up to ``ends[i]``, at local weekday and hour
    ``clock[i]``."""

    ends: tuple[float, ...]
    """Seconds from the start at which each piece ends (the last at or beyond the horizon)."""
    clock: tuple[tuple[int, int], ...]
    """Each piece's local weekday (0 for Monday) and hour (0 to 23)."""
    dates: tuple[int, ...]
    """Each piece's local date, as an ordinal (:meth:`datetime.date.toordinal`)."""


def local_hours(timezone: str, origin: dt.datetime, horizon: float) -> LocalHours:
    """The pieces of ``horizon`` seconds from ``origin`` (an aware instant) on which the local
    clock of ``timezone`` reads one hour of one weekday. A piece ends at the next whole hour
    of the local clock at its UTC offset, or earlier where the offset changes (a
    daylight-saving change at another instant than a whole hour); the hour a fall-back
    repeats is one piece."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    start = origin.astimezone(dt.UTC)
    ends: list[float] = []
    clock: list[tuple[int, int]] = []
    dates: list[int] = []
    at = start
    local = at.astimezone(zone)
    while True:
        offset = local.utcoffset()
        into = dt.timedelta(
            minutes=local.minute, seconds=local.second, microseconds=local.microsecond
        )
        end = at - into + _ONE_HOUR
        after = end.astimezone(zone)
        if after.utcoffset() != offset and (end - _TICK).astimezone(zone).utcoffset() != offset:
            end = _offset_change(zone, at, end, offset)
            after = end.astimezone(zone)
        key = (local.weekday(), local.hour)
        date = local.toordinal()
        seconds = (end - start).total_seconds()
        if clock and clock[-1] == key and dates[-1] == date:
            ends[-1] = seconds
        else:
            ends.append(seconds)
            clock.append(key)
            dates.append(date)
        if seconds >= horizon:
            return LocalHours(tuple(ends), tuple(clock), tuple(dates))
        at, local = end, after


def _offset_change(zone: Any, low: dt.datetime, high: dt.datetime, offset: Any) -> dt.datetime:
    """The first instant (to the microsecond) after ``low`` and before ``high`` at which the
    UTC offset of ``zone`` is no longer ``offset`` (it is at ``low``, and not just before
    ``high``)."""
    high -= _TICK
    while high - low > _TICK:
        mid = low + (high - low) // 2
        if mid.astimezone(zone).utcoffset() == offset:
            low = mid
        else:
            high = mid
    return high


def profile_rates(
    rate: float, profile: Any, hours: LocalHours, special: Mapping[int, float] | None = None
) -> list[float]:
    """Arrivals per second in each piece of ``hours`` of a stream of ``rate`` per hour shaped
    by ``profile``: ``rate`` × the factor of the piece's local hour × that of its weekday,
    × with ``special`` (local date ordinal → factor, :func:`special_day_factors`) that of its
    date when it has one."""
    days = {str(k.value): v for k, v in profile.days.items()}
    factors = profile.hours
    rates = []
    if special:
        for (weekday, hour), date in zip(hours.clock, hours.dates, strict=True):
            factor = factors[hour] * days.get(_WEEKDAYS[weekday], 1.0) * special.get(date, 1.0)
            rates.append(rate * factor / HOUR)
        return rates
    for weekday, hour in hours.clock:
        factor = factors[hour] * days.get(_WEEKDAYS[weekday], 1.0)
        rates.append(rate * factor / HOUR)
    return rates


def special_day_factors(
    special: Any, holidays: Collection[int], first: int, last: int
) -> dict[int, float]:
    """The special-day factor of each local date from ``first`` to ``last`` (ordinals, both
    included) that ``special`` (a :class:`~cskh_org.model.workload.SpecialDays`) gives one,
    as its docstring says: a date of its ``dates`` their factor, a holiday (a date of
    ``holidays``, the calendar's holiday ordinals, which must cover ``len(special.after)``
    dates before ``first`` and ``len(special.before)`` after ``last``) the ``holiday``
    factor, a date ``k`` dates after or before a run of holidays ``after[k - 1]`` or
    ``before[k - 1]`` (the nearer run; ``after`` at the same distance). A date left out has
    factor 1."""
    factors: dict[int, float] = {}
    before, after = special.before, special.after
    for day in range(first, last + 1):
        if day in holidays:
            factors[day] = special.holiday
            continue
        since = next((k for k in range(1, len(after) + 1) if day - k in holidays), None)
        until = next((k for k in range(1, len(before) + 1) if day + k in holidays), None)
        if since is not None and (until is None or since <= until):
            factors[day] = after[since - 1]
        elif until is not None:
            factors[day] = before[until - 1]
    for entry in special.dates:
        low = max(first, entry.date.toordinal())
        high = min(last, (entry.until or entry.date).toordinal())
        for day in range(low, high + 1):
            factors[day] = entry.factor
    return factors


@dataclass(frozen=True, slots=True)
class ArrivalRates:
    """The streams' rates per second, compiled."""

    total: float
    """The rate of all streams together (constant streams)."""
    cumulative: tuple[float, ...]
    """The streams' rates, accumulated: one draw in ``[0, cumulative[-1])`` picks a stream."""
    rates: tuple[float, ...]
    """Each stream's rate."""
    ends: tuple[float, ...]
    """Where each piece of the local clock ends, in seconds from the start (see
    :class:`LocalHours`; empty when no profile shapes any stream)."""
    piece_totals: list[float] | None
    """Per piece, the rate of all streams (``None`` when no profile shapes any stream)."""
    piece_cumulative: list[tuple[float, ...]]
    """Per piece, the streams' rates accumulated (empty when no profile shapes any stream)."""
    piece_rates: list[tuple[float, ...]]
    """Per piece, each stream's rate (empty when no profile shapes any stream)."""

    def piece(self, t: float) -> int:
        """The piece that holds instant ``t`` (seconds from the start; 0 without pieces)."""
        if not self.ends:
            return 0
        return min(bisect_right(self.ends, t), len(self.ends) - 1)

    def total_at(self, t: float) -> float:
        """The rate of all streams at instant ``t`` (per second)."""
        if self.piece_totals is None:
            return self.total
        return self.piece_totals[self.piece(t)]


def arrival_rates(
    streams: Sequence[tuple[Sequence[float] | None, float]], hours: LocalHours | None
) -> ArrivalRates:
    """The streams as one Poisson process: each stream is its rate in each piece of
    ``hours`` (``None``: constant) and its rate per second."""
    rates = tuple(rate for _, rate in streams)
    total = sum(rates)
    cumulative = tuple(itertools.accumulate(rates))
    if hours is None or all(shaped is None for shaped, _ in streams):
        return ArrivalRates(total, cumulative, rates, (), None, [], [])
    tables: dict[tuple[float, ...], tuple[float, ...]] = {}
    piece_cums: list[tuple[float, ...]] = []
    piece_rates: list[tuple[float, ...]] = []
    totals = []
    for i in range(len(hours.ends)):
        key = tuple(rate if shaped is None else shaped[i] for shaped, rate in streams)
        cum = tables.get(key)
        if cum is None:
            cum = tables[key] = tuple(itertools.accumulate(key))
        piece_cums.append(cum)
        piece_rates.append(key)
        totals.append(cum[-1])
    return ArrivalRates(total, cumulative, rates, hours.ends, totals, piece_cums, piece_rates)


def arrival_times(
    rate: float,
    rates: Sequence[float] | None,
    ends: Sequence[float],
    rng: random.Random,
    horizon: float,
) -> Iterator[float]:
    """Arrival instants of a Poisson stream: constant ``rate`` per second, or piecewise
    constant (``rates``, piece ``i`` ending at ``ends[i]``), by inverting the cumulative
    rate."""
    uniform = rng.random
    t = 0.0
    if rates is None:
        down = -rate  # log(1 - U) / -rate is -log(1 - U) / rate to the bit, one negation less
        while True:
            t += log(1.0 - uniform()) / down
            if t >= horizon:
                return
            yield t
    piece = 0
    last = len(rates) - 1
    while True:
        need = -log(1.0 - uniform())
        while True:
            lam = rates[piece]
            edge = ends[piece]
            room = (edge - t) * lam
            if need < room:
                t += need / lam
                break
            need -= room
            t = edge
            piece += 1
            if piece > last or t >= horizon:
                return
        if t >= horizon:
            return
        yield t
