"""Arrivals forecast from past tickets: per stream (a channel, by default), day by day and hour
by hour over a horizon, by the method that did best when tried on the history itself.

How, step by step (all dates local, in the department's time zone):

1. **Counts.** Tickets per stream, local date and hour, over the history's whole days.
2. **Special days apart.** The holidays of a calendar of the department (its public holidays
   and its own: Tết among them, wherever it falls that year) and the ``around`` dates before
   and after each run of them are special. Each date's *factor* is its count against the same
   weekday of the ordinary weeks around it (the mean of the same weekday within four weeks);
   a position's factor (``holiday``, ``before 1``, ``after 2``…) is the ratio of the sums over
   every run of the history (consecutive holidays, with the closed days between them), a run
   of four days or more (Tết) apart from the shorter ones
   (``long holiday``, ``long before 1``…). A special date is replaced by that baseline in the
   series the methods see, so a holiday neither drags a forecast down nor reads as a trend.
3. **Methods** forecast the daily totals of the ordinary series: ``seasonal-naive`` (the same
   weekday a week before), ``average-4-weeks`` and ``average-8-weeks`` (the mean of the same
   weekday over the last four or eight weeks), ``holt-winters`` (additive damped trend and
   weekly seasonality, statsmodels' ``ExponentialSmoothing``; left out with a note when
   statsmodels is not installed).
4. **Back-test, rolling origin.** For each of the last ``backtest_weeks`` weeks, each method
   is fitted on the days before the week and forecasts its seven days; the ordinary days of
   those weeks are scored: **WAPE** (Σ|forecast − actual| ÷ Σ actual) and **bias**
   (Σ(forecast − actual) ÷ Σ actual). The method with the lowest WAPE is chosen, per stream.
5. **Horizon.** The chosen method forecasts from the end of the history; a special date of
   the horizon (by the calendar: next year's Tết, not last week's) is the ordinary forecast ×
   its position's factor. The 80 % prediction interval is the forecast scaled by the 10th and
   90th percentiles of the chosen method's relative back-test errors. Each day is spread over
   its hours by the mean hourly shape of that weekday over the last eight ordinary weeks.

The attribute mix of each stream (category, priority, tier shares) is taken from its last eight
weeks of tickets. Nothing here reads files: :func:`forecast_arrivals` takes the tickets.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from cskh_org.errors import HistoryError

if TYPE_CHECKING:
    from cskh_org.calendars import BusinessCalendar
from cskh_org.model import Department
from cskh_org.model.history import PastTicket

__all__ = [
    "METHODS",
    "ArrivalForecast",
    "DayForecast",
    "MethodScore",
    "StreamForecast",
    "forecast_arrivals",
    "holiday_runs",
]

METHODS: Final = ("seasonal-naive", "average-4-weeks", "average-8-weeks", "holt-winters")
_WEEK: Final = 7
_SHAPE_WEEKS: Final = 8
_MIN_WEEKS: Final = 3
"""The shortest history a forecast is made from: three whole weeks before the first
back-test."""
_MIX: Final = ("category", "priority", "tier")
_LONG_RUN: Final = 4
"""A run of this many holidays or more (Tết) is measured apart from the short ones."""

Series = list[float]
Method = Callable[[Series, int], Series]


@dataclass(frozen=True, slots=True)
class MethodScore:
    """How a method did on the back-test weeks (ordinary days)."""

    method: str
    wape: float
    bias: float
    days: int
    """Ordinary days scored."""
    note: str | None = None
    """Why the method was not tried (``None``: it was)."""


@dataclass(frozen=True, slots=True)
class DayForecast:
    """One date of the horizon."""

    date: dt.date
    expected: float
    low: float
    """The 80 % interval's lower end."""
    high: float
    special: str | None = None
    """The date's place around a run of holidays (``holiday``, ``before 1``…), if special."""
    factor: float = 1.0
    """The special factor applied (1 on an ordinary date)."""


@dataclass(frozen=True, slots=True)
class StreamForecast:
    """The forecast of one stream."""

    key: str
    """The stream's value of the forecast attribute (the channel)."""
    method: str
    scores: tuple[MethodScore, ...]
    days: tuple[DayForecast, ...]
    hourly: tuple[float, ...]
    """Expected arrivals in each hour of the horizon (24 per day)."""
    shape: tuple[tuple[float, ...], ...]
    """Per weekday (Monday first), the share of the day's arrivals in each hour."""
    factors: Mapping[str, tuple[float, int]]
    """The special factor of each position around the runs of holidays, and how many dates
    of the history it was measured on."""
    mix: Mapping[str, Mapping[str, float]]
    """Shares of each value of ``category``, ``priority`` and ``tier`` (last eight weeks)."""
    history_tickets: int

    @property
    def chosen(self) -> MethodScore:
        return next(s for s in self.scores if s.method == self.method)


@dataclass(frozen=True, slots=True)
class ArrivalForecast:
    """Every stream's forecast over one horizon."""

    attribute: str
    calendar: str | None
    """The calendar whose holidays are the special days (``None``: no special days)."""
    zone: str
    history_first: dt.date
    history_last: dt.date
    start: dt.date
    """The horizon's first date."""
    days: int
    backtest_weeks: int
    streams: tuple[StreamForecast, ...]
    left_out: int
    """Tickets without a value of the attribute."""


def forecast_arrivals(
    tickets: Iterable[PastTicket],
    dept: Department,
    *,
    attribute: str = "channel",
    days: int = 7,
    start: dt.date | None = None,
    backtest_weeks: int = 8,
    calendar: str | None = None,
    around: int = 3,
    methods: Sequence[str] = METHODS,
) -> ArrivalForecast:
    """The forecast (see the module). ``calendar``: the id of the calendar whose holidays are
    special (default: the first of the department's calendars with public holidays or
    holidays of its own); ``start``: the horizon's first date (default: the day after the
    history)."""
    if not 1 <= days <= 366:
        raise HistoryError.of("error.history.horizon", days=days)
    if not 1 <= backtest_weeks <= 52:
        raise HistoryError.of("error.history.backtest", weeks=backtest_weeks)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise HistoryError.of(
            "error.history.method", method=", ".join(unknown), known=", ".join(METHODS)
        )
    zone = ZoneInfo(dept.timezone)
    counts, mixes, left_out = _count(tickets, zone, attribute)
    if not counts:
        raise HistoryError.of("error.history.empty", attribute=attribute)
    first = min(min(by_date) for by_date in counts.values())
    last = max(max(by_date) for by_date in counts.values())
    n = last.toordinal() - first.toordinal() + 1
    if n < _WEEK * (_MIN_WEEKS + backtest_weeks):
        raise HistoryError.of(
            "error.history.short", days=n, needed=_WEEK * (_MIN_WEEKS + backtest_weeks)
        )
    start = start or last + dt.timedelta(days=1)
    if start <= last:
        raise HistoryError.of("error.history.start", start=start.isoformat(), last=last.isoformat())
    calendar = _calendar(dept, calendar)
    positions = _positions(dept, calendar, first, start + dt.timedelta(days=days - 1), around)
    streams = tuple(
        _stream(
            key,
            counts[key],
            mixes[key],
            first=first,
            n=n,
            start=start,
            days=days,
            weeks=backtest_weeks,
            positions=positions,
            methods=methods,
        )
        for key in sorted(counts)
    )
    return ArrivalForecast(
        attribute,
        calendar,
        dept.timezone,
        first,
        last,
        start,
        days,
        backtest_weeks,
        streams,
        left_out,
    )


# -- counting ----------------------------------------------------------------------------------


def _count(
    tickets: Iterable[PastTicket], zone: ZoneInfo, attribute: str
) -> tuple[dict[str, dict[dt.date, list[int]]], dict[str, list[tuple[dt.date, PastTicket]]], int]:
    """Per stream: counts per local date and hour; the tickets kept for the mix (dates and
    tickets, the last ones winning); tickets without the attribute."""
    counts: dict[str, dict[dt.date, list[int]]] = {}
    recent: dict[str, list[tuple[dt.date, PastTicket]]] = {}
    left_out = 0
    for ticket in tickets:
        key = getattr(ticket, attribute if attribute != "team" else "unit", None)
        if key is None:
            left_out += 1
            continue
        local = ticket.created.astimezone(zone)
        date = local.date()
        by_date = counts.setdefault(key, {})
        hours = by_date.get(date)
        if hours is None:
            hours = by_date[date] = [0] * 24
        hours[local.hour] += 1
        recent.setdefault(key, []).append((date, ticket))
        if len(recent[key]) > 400_000:  # keep the memory flat: only the last weeks matter
            del recent[key][:200_000]
    return counts, recent, left_out


def _calendar(dept: Department, wanted: str | None) -> str | None:
    ids = [c.id for c in dept.calendars]
    if wanted is not None:
        if wanted not in ids:
            raise HistoryError.of(
                "error.history.calendar", calendar=wanted, known=", ".join(ids) or "-"
            )
        return wanted
    for calendar in dept.calendars:
        if calendar.public_holidays is not None or calendar.holidays:
            return calendar.id
    return None


def _positions(
    dept: Department, calendar: str | None, first: dt.date, last: dt.date, around: int
) -> dict[dt.date, str]:
    """Each special date from ``first`` to ``last`` and its position around its run."""
    if calendar is None:
        return {}
    from cskh_org.calendars import DepartmentCalendars

    business = DepartmentCalendars(dept)[calendar]
    margin = dt.timedelta(days=around + 2 * _LONG_RUN)
    one = dt.timedelta(days=1)
    positions: dict[dt.date, str] = {}
    runs = holiday_runs(business, first - margin, last + margin)
    for run in runs:
        for day in run:
            positions[day] = "long holiday" if len(run) >= _LONG_RUN else "holiday"
    for run in runs:
        kind = "long " if len(run) >= _LONG_RUN else ""
        for k in range(1, around + 1):
            positions.setdefault(run[0] - k * one, f"{kind}before {k}")
            positions.setdefault(run[-1] + k * one, f"{kind}after {k}")
    return {d: p for d, p in positions.items() if first <= d <= last}


def holiday_runs(business: BusinessCalendar, first: dt.date, last: dt.date) -> list[list[dt.date]]:
    """The runs of holidays from ``first`` to ``last``: consecutive holidays, with the days
    between two of them that the calendar is closed anyway (the Sunday inside Tết) counted in
    the run."""
    runs: list[list[dt.date]] = []
    for day in business.holiday_dates(first, last):
        if runs:
            gap = [runs[-1][-1] + dt.timedelta(days=k) for k in range(1, (day - runs[-1][-1]).days)]
            if all(not business.hours(d) for d in gap):
                runs[-1] += [*gap, day]
                continue
        runs.append([day])
    return runs


# -- one stream --------------------------------------------------------------------------------


def _stream(
    key: str,
    by_date: dict[dt.date, list[int]],
    recent: list[tuple[dt.date, PastTicket]],
    *,
    first: dt.date,
    n: int,
    start: dt.date,
    days: int,
    weeks: int,
    positions: dict[dt.date, str],
    methods: Sequence[str],
) -> StreamForecast:
    dates = [first + dt.timedelta(days=i) for i in range(n)]
    actual = [float(sum(by_date.get(d, ()))) for d in dates]
    special = [positions.get(d) for d in dates]
    baseline = _baseline(actual, special)
    ordinary = [
        b if s is not None else a for a, b, s in zip(actual, baseline, special, strict=True)
    ]
    factors = _factors(actual, baseline, special)
    scores, errors = _backtest(ordinary, actual, special, weeks, methods)
    tried = [s for s in scores if s.note is None]
    chosen = min(tried, key=lambda s: (s.wape, METHODS.index(s.method)))
    gap = start.toordinal() - dates[-1].toordinal() - 1
    ahead = _METHODS[chosen.method](ordinary, gap + days)[gap:]
    relative = sorted(errors[chosen.method])
    low_q, high_q = _quantile(relative, 0.1), _quantile(relative, 0.9)
    shape = _shape(by_date, dates, special)
    out_days = []
    hourly: list[float] = []
    for i, value in enumerate(ahead):
        date = start + dt.timedelta(days=i)
        where = positions.get(date)
        factor = factors[where][0] if where is not None and where in factors else 1.0
        expected = max(0.0, value) * factor
        out_days.append(
            DayForecast(
                date,
                expected,
                max(0.0, expected * (1 + low_q)),
                max(0.0, expected * (1 + high_q)),
                where,
                factor,
            )
        )
        hourly += [expected * share for share in shape[date.weekday()]]
    horizon_from = dates[-1] - dt.timedelta(days=_SHAPE_WEEKS * _WEEK)
    mix = _mix([t for d, t in recent if d > horizon_from])
    return StreamForecast(
        key,
        chosen.method,
        tuple(scores),
        tuple(out_days),
        tuple(hourly),
        shape,
        factors,
        mix,
        int(sum(actual)),
    )


def _baseline(actual: Series, special: Sequence[str | None]) -> Series:
    """Each date's ordinary level: the mean of the same weekday's ordinary dates within four
    weeks either side (the nearest ordinary same weekday when there is none)."""
    n = len(actual)
    out = []
    for i in range(n):
        near = [
            actual[j]
            for j in range(i - 28, i + 29, 7)
            if 0 <= j < n and j != i and special[j] is None
        ]
        if not near:
            near = [actual[j] for j in range(i % 7, n, 7) if special[j] is None] or [actual[i]]
        out.append(sum(near) / len(near))
    return out


def _factors(
    actual: Series, baseline: Series, special: Sequence[str | None]
) -> dict[str, tuple[float, int]]:
    sums: dict[str, list[float]] = {}
    for a, b, where in zip(actual, baseline, special, strict=True):
        if where is not None:
            entry = sums.setdefault(where, [0.0, 0.0, 0])
            entry[0] += a
            entry[1] += b
            entry[2] += 1
    return {where: (a / b if b > 0 else 1.0, int(k)) for where, (a, b, k) in sorted(sums.items())}


def _backtest(
    ordinary: Series,
    actual: Series,
    special: Sequence[str | None],
    weeks: int,
    methods: Sequence[str],
) -> tuple[list[MethodScore], dict[str, list[float]]]:
    n = len(ordinary)
    scores = []
    errors: dict[str, list[float]] = {}
    for name in METHODS:
        if name not in methods:
            continue
        if name == "holt-winters" and not _has_statsmodels():
            scores.append(MethodScore(name, math.nan, math.nan, 0, "statsmodels-missing"))
            continue
        absolute = signed = total = 0.0
        scored = 0
        relative: list[float] = []
        for w in range(weeks, 0, -1):
            origin = n - w * _WEEK
            predicted = _METHODS[name](ordinary[:origin], _WEEK)
            for k in range(_WEEK):
                i = origin + k
                if special[i] is not None:
                    continue
                f, a = max(0.0, predicted[k]), actual[i]
                absolute += abs(f - a)
                signed += f - a
                total += a
                scored += 1
                if f > 0:
                    relative.append((a - f) / f)
        wape = absolute / total if total > 0 else math.inf
        scores.append(MethodScore(name, wape, signed / total if total > 0 else 0.0, scored))
        errors[name] = relative or [0.0]
    return scores, errors


def _quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted ``values`` (linear between the order statistics)."""
    at = q * (len(values) - 1)
    low = math.floor(at)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (at - low)


def _shape(
    by_date: dict[dt.date, list[int]], dates: Sequence[dt.date], special: Sequence[str | None]
) -> tuple[tuple[float, ...], ...]:
    """Per weekday, the hours' shares of the day over the last eight ordinary weeks (an even
    spread for a weekday without a ticket)."""
    sums = [[0.0] * 24 for _ in range(_WEEK)]
    for date, where in list(zip(dates, special, strict=True))[-_SHAPE_WEEKS * _WEEK :]:
        if where is None and date in by_date:
            row = sums[date.weekday()]
            for h, c in enumerate(by_date[date]):
                row[h] += c
    shapes = []
    for row in sums:
        total = sum(row)
        shapes.append(tuple(c / total for c in row) if total else (1 / 24,) * 24)
    return tuple(shapes)


def _mix(tickets: Sequence[PastTicket]) -> dict[str, dict[str, float]]:
    mix: dict[str, dict[str, float]] = {}
    for name in _MIX:
        found = Counter(v for t in tickets if (v := getattr(t, name)) is not None)
        total = sum(found.values())
        if total:
            mix[name] = {v: c / total for v, c in sorted(found.items())}
    return mix


# -- the methods -------------------------------------------------------------------------------


def _seasonal_naive(series: Series, h: int) -> Series:
    last = series[-_WEEK:]
    return [last[k % _WEEK] for k in range(h)]


def _average(weeks: int) -> Method:
    """The mean of the same weekday over the last ``weeks`` weeks (fewer if the series is
    shorter)."""

    def forecast(series: Series, h: int) -> Series:
        n = min(weeks, len(series) // _WEEK)
        tail = series[-n * _WEEK :]
        means = [sum(tail[k::_WEEK]) / n for k in range(_WEEK)]
        return [means[k % _WEEK] for k in range(h)]

    return forecast


def _holt_winters(series: Series, h: int) -> Series:
    import warnings

    import numpy as np
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    with warnings.catch_warnings():  # convergence notes: the back-test judges the fit
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            np.asarray(series, dtype=float),
            trend="add",
            damped_trend=True,
            seasonal="add",
            seasonal_periods=_WEEK,
            initialization_method="heuristic",
        ).fit(use_brute=False)
        return [float(x) for x in model.forecast(h)]


_METHODS: Final[dict[str, Method]] = {
    "seasonal-naive": _seasonal_naive,
    "average-4-weeks": _average(4),
    "average-8-weeks": _average(8),
    "holt-winters": _holt_winters,
}


def _has_statsmodels() -> bool:
    import importlib.util

    return importlib.util.find_spec("statsmodels") is not None
