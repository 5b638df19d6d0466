"""The arrivals forecast (cskh_org/history/forecast.py) on generated history whose truth is
known (scripts/make_history.py): the chosen method's back-test error near the truth's own
noise and below seasonal naive, Tết forecast from the calendar, special factors recovered,
and refusals."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import cskh_org
from cskh_org.errors import HistoryError
from cskh_org.history.forecast import ArrivalForecast, _positions, forecast_arrivals
from cskh_org.loading.history import load_mapping, read_history
from cskh_org.model import Department
from cskh_org.model.history import PastTicket
from tests.conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import make_history

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CHANNEL = {"phone": "Phone", "email": "Email", "chat": "Chat", "app": "Feedback Widget"}
SCALE = 3.0


@pytest.fixture(scope="module")
def dept() -> Department:
    return cskh_org.load(EXAMPLES / "growing" / "department.yaml")


def _history(
    dept: Department, folder: Path, *, days: int, start: dt.date, seed: int, scale: float
) -> list[PastTicket]:
    path = folder / "export.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(make_history.HEADER + "\n")
        for line in make_history.rows(seed=seed, days=days, scale=scale, start=start):
            out.write(line + "\n")
    mapping = load_mapping(EXAMPLES / "growing" / "history" / "mapping.yaml", dept).unwrap()
    imported = read_history(path, mapping, dept)
    tickets = list(imported.tickets())
    assert imported.summary().ok
    return tickets


@pytest.fixture(scope="module")
def year(
    dept: Department, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[PastTicket], ArrivalForecast]:
    tickets = _history(
        dept,
        tmp_path_factory.mktemp("year"),
        days=365,
        start=make_history.START,
        seed=7,
        scale=SCALE,
    )
    return tickets, forecast_arrivals(tickets, dept)


def test_the_chosen_method_is_near_the_truths_own_noise_and_beats_seasonal_naive(
    dept: Department, year: tuple[list[PastTicket], ArrivalForecast]
) -> None:
    tickets, forecast = year
    last = forecast.history_last
    special = _positions(dept, "office_hours", forecast.history_first, last, 3)
    factors = make_history.special_days(make_history.START, last)
    counts = Counter((t.channel, t.created.astimezone(ZONE).date()) for t in tickets)
    scored = [last - dt.timedelta(days=i) for i in range(forecast.backtest_weeks * 7)]
    scored = [d for d in scored if d not in special]
    assert len(forecast.streams) == 4
    for stream in forecast.streams:
        truth = {
            d: sum(make_history.rate(CHANNEL[stream.key], d, h, factors, SCALE) for h in range(24))
            for d in scored
        }
        actual = sum(counts[(stream.key, d)] for d in scored)
        noise = sum(abs(counts[(stream.key, d)] - truth[d]) for d in scored) / actual
        by_method = {s.method: s for s in stream.scores}
        chosen = stream.chosen
        assert chosen.days == len(scored)
        assert chosen.wape <= 1.2 * noise, (stream.key, chosen.method, chosen.wape, noise)
        assert chosen.wape < by_method["seasonal-naive"].wape
        assert abs(chosen.bias) < 0.1


def test_the_horizon_follows_the_truth(year: tuple[list[PastTicket], ArrivalForecast]) -> None:
    _, forecast = year
    assert forecast.start == dt.date(2027, 3, 1)
    assert len(forecast.streams[0].days) == 7
    factors = make_history.special_days(forecast.start, forecast.start + dt.timedelta(days=7))
    for stream in forecast.streams:
        week = sum(d.expected for d in stream.days)
        truth = sum(
            make_history.rate(CHANNEL[stream.key], d.date, h, factors, SCALE)
            for d in stream.days
            for h in range(24)
        )
        assert abs(week - truth) < 0.12 * truth, stream.key
        assert sum(stream.hourly) == pytest.approx(week)
        for day in stream.days:
            assert day.low <= day.expected <= day.high
        peak = max(range(24), key=lambda h: stream.hourly[h])  # Monday's busiest hour
        assert peak in {9, 10, 11, 14, 15, 16}


def test_special_factors_are_recovered(year: tuple[list[PastTicket], ArrivalForecast]) -> None:
    _, forecast = year
    for stream in forecast.streams:
        holiday, n = stream.factors["holiday"]
        assert n >= 5
        assert holiday == pytest.approx(0.15, abs=0.05)
        assert stream.factors["long holiday"][0] == pytest.approx(0.15, abs=0.05)
        before_tet = [stream.factors[f"long before {k}"][0] for k in (1, 2, 3)]
        assert sum(before_tet) / 3 == pytest.approx(0.6, abs=0.15)


def test_tet_is_forecast_from_the_calendar_not_from_the_week_before(
    dept: Department, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # two years up to the week before Tết 2027: Tết 2026 (17 February) is in the history
    start = dt.date(2025, 3, 1)
    days = (dt.date(2027, 1, 31) - start).days + 1
    tickets = _history(
        dept, tmp_path_factory.mktemp("tet"), days=days, start=start, seed=3, scale=1.0
    )
    forecast = forecast_arrivals(tickets, dept, start=dt.date(2027, 2, 1), days=14)
    factors = make_history.special_days(start, dt.date(2027, 3, 1))
    for stream in forecast.streams:
        by_date = {d.date: d for d in stream.days}
        tet = by_date[dt.date(2027, 2, 8)]  # a Monday of Tết
        ordinary = by_date[dt.date(2027, 2, 1)]  # the Monday before: an ordinary day
        assert tet.special == "long holiday"
        assert ordinary.special is None
        assert tet.expected < 0.3 * ordinary.expected, stream.key
        tet_days = [d for d in stream.days if d.special is not None]
        expected = sum(d.expected for d in tet_days)
        truth = sum(
            make_history.rate(CHANNEL[stream.key], d.date, h, factors)
            for d in tet_days
            for h in range(24)
        )
        assert abs(expected - truth) < 0.25 * truth, (stream.key, expected, truth)


def _tickets(days: int, first: dt.date = dt.date(2026, 3, 2)) -> list[PastTicket]:
    return [
        PastTicket(
            2,
            None,
            dt.datetime.combine(first + dt.timedelta(d), dt.time(3), dt.UTC),
            channel="phone",
        )
        for d in range(days)
    ]


def test_refusals(dept: Department) -> None:
    with pytest.raises(HistoryError, match="at least 77"):
        forecast_arrivals(_tickets(60), dept)
    enough = _tickets(120)
    with pytest.raises(HistoryError, match="not after the history's last day"):
        forecast_arrivals(enough, dept, start=dt.date(2026, 4, 1))
    with pytest.raises(HistoryError, match="no forecast method `arima`"):
        forecast_arrivals(enough, dept, methods=["arima"])
    with pytest.raises(HistoryError, match="no calendar `lunar`"):
        forecast_arrivals(enough, dept, calendar="lunar")
    with pytest.raises(HistoryError, match="no ticket with a `channel`"):
        forecast_arrivals([], dept)
    with pytest.raises(HistoryError, match="366"):
        forecast_arrivals(enough, dept, days=400)


def test_a_constant_history_forecasts_itself(dept: Department) -> None:
    forecast = forecast_arrivals(_tickets(120), dept, calendar=None, methods=["seasonal-naive"])
    (stream,) = forecast.streams
    ordinary = [d for d in stream.days if d.special is None]
    assert ordinary
    assert all(d.expected == pytest.approx(1.0) for d in ordinary)
    assert stream.chosen.wape == pytest.approx(0.0)
