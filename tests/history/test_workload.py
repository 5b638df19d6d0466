"""A forecast as a workload (cskh_org/history/workload.py): it loads back and checks against
the department, its profile brings what the forecast says hour by hour, a base workload keeps
its sections, and the special dates carry their factors."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import cskh_org
from cskh_org.history.forecast import forecast_arrivals
from cskh_org.history.workload import forecast_workload
from cskh_org.loading.workload import load_workload, load_workload_text
from cskh_org.model import Department, Weekday
from cskh_org.model.history import PastTicket
from cskh_org.model.workload import Exponential, Workload
from cskh_org.report.history import forecast_yaml
from tests.conftest import EXAMPLES

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def dept() -> Department:
    return cskh_org.load(EXAMPLES / "growing" / "department.yaml")


def _tickets() -> list[PastTicket]:
    """Twenty weeks up to 31 March 2027 (a Wednesday): phone calls at 09:00 (three on
    weekdays, one on Saturdays, none on Sundays) and one email at 14:00 every day."""
    out = []
    first = dt.date(2026, 11, 12)
    for d in range(140):
        day = first + dt.timedelta(days=d)
        calls = (3, 3, 3, 3, 3, 1, 0)[day.weekday()]
        for k in range(calls):
            at = dt.datetime.combine(day, dt.time(9, k), ZONE)
            out.append(PastTicket(2, None, at, channel="phone", category="question"))
        at = dt.datetime.combine(day, dt.time(14), ZONE)
        out.append(PastTicket(2, None, at, channel="email", category="order", priority="low"))
    return out


def _weekly(workload: Workload, stream_id: str, date: dt.date, hour: int) -> float:
    stream = next(s for s in workload.streams if s.id == stream_id)
    profile = next(p for p in workload.profiles if p.id == stream.profile)
    day = tuple(Weekday)[date.weekday()]
    return float(stream.rate * profile.hours[hour] * profile.days.get(day, 1.0))


def test_the_workload_brings_what_the_forecast_says(dept: Department) -> None:
    forecast = forecast_arrivals(_tickets(), dept, methods=["average-4-weeks"])
    made = forecast_workload(forecast, dept)
    text = forecast_yaml(made, forecast, source="h.csv")
    loaded = load_workload_text(text, None)  # built alone: it has arrivals only
    assert loaded.ok(), [f.format() for f in loaded.findings]
    checked = load_workload_text(text, dept)
    assert {f.code for f in checked.findings if f.severity.is_error} == {"workload-no-service-time"}
    workload = loaded.unwrap()
    assert workload == made.workload
    assert workload.start == dt.datetime(2027, 4, 1, tzinfo=ZONE)
    assert "#   phone: average-4-weeks, WAPE 0.0%" in text
    for stream in forecast.streams:
        for i, day in enumerate(stream.days):
            for hour in range(24):
                expected = stream.hourly[i * 24 + hour]
                got = _weekly(workload, f"{stream.key}_forecast", day.date, hour)
                assert got == pytest.approx(expected, rel=1e-3, abs=1e-3), (
                    stream.key,
                    day.date,
                    hour,
                )
    email = next(s for s in workload.streams if s.id == "email_forecast")
    assert dict(email.mix["category"]) == {"order": 1.0}
    assert dict(email.attributes) == {"channel": "email"}


def test_a_base_workload_keeps_its_sections_and_scales_its_streams(dept: Department) -> None:
    base = load_workload(EXAMPLES / "growing" / "workload.yaml", dept).unwrap()
    forecast = forecast_arrivals(_tickets(), dept, methods=["average-4-weeks"])
    made = forecast_workload(forecast, dept, base)
    workload = made.workload
    assert workload.service == base.service
    assert workload.patience == base.patience
    phone = [s for s in workload.streams if s.attributes.get("channel") == "phone"]
    assert phone
    assert all(s.profile == "phone_forecast" for s in phone)
    expected_week = sum(d.expected for d in forecast.streams[1].days)  # phone, sorted second
    assert forecast.streams[1].key == "phone"
    got_week = sum(
        _weekly(workload, s.id, day.date, h)
        for s in phone
        for day in forecast.streams[1].days
        for h in range(24)
    )
    assert got_week == pytest.approx(expected_week, rel=1e-3)
    untouched = (
        {s.id for s in base.streams}
        - {s.id for s in phone}
        - {s.id for s in workload.streams if s.attributes.get("channel") == "email"}
    )
    assert set(made.kept) == untouched
    assert load_workload_text(forecast_yaml(made, forecast, source="h"), dept).ok()


def test_special_dates_of_the_horizon_carry_their_factors(dept: Department) -> None:
    tickets = [t for t in _tickets() if t.created.date() < dt.date(2027, 1, 28)]
    forecast = forecast_arrivals(tickets, dept, days=21, methods=["average-4-weeks"])
    made = forecast_workload(forecast, dept)
    profile = next(p for p in made.workload.profiles if p.id == "phone_forecast")
    assert profile.special_days is not None
    dates = {d.date: d.factor for d in profile.special_days.dates}
    stream = next(s for s in forecast.streams if s.key == "phone")
    special = {d.date: round(d.factor, 4) for d in stream.days if d.special is not None}
    assert dates == special
    assert dt.date(2027, 2, 8) in dates  # Tết 2027


def test_a_calibration_goes_into_the_base_workload(dept: Department) -> None:
    from cskh_org.history.calibrate import (
        Calibration,
        HolderFit,
        Interval,
        PatienceFit,
        ServiceFit,
        TimeFit,
    )
    from cskh_org.history.workload import calibrated_workload

    base = load_workload(EXAMPLES / "growing" / "workload.yaml", dept).unwrap()
    entry = base.service[0]
    fit = TimeFit("gamma", 100, 420.0, 200.0, Interval(400, 440), Interval(180, 220), {}, 0.5)
    wide = TimeFit(
        "empirical",
        6000,
        300.0,
        10.0,
        Interval(1, 2),
        Interval(1, 2),
        {},
        0.0,
        tuple(float(i) for i in range(6000)),
    )
    calibration = Calibration(
        100,
        (
            ServiceFit(entry.unit, entry.channel, entry.category, fit),
            ServiceFit("support", "zalo", "warranty", wide),
        ),
        (PatienceFit("phone", 50, 10, 75.0, Interval(60, 90), 52.0),),
        (),
        (),
        (
            HolderFit("support", 100, 20, 0.2, Interval(0.1, 0.3)),
            HolderFit("online_care", 100, 30, 0.3, Interval(0.2, 0.4)),
        ),
    )
    made = calibrated_workload(calibration, base)
    first = made.workload.service[0]
    assert first.time.kind == "gamma"
    assert first.time.mean == dt.timedelta(seconds=420)
    added = made.workload.service[-1]
    assert (added.unit, added.channel, added.category) == ("support", "zalo", "warranty")
    assert added.time.kind == "empirical"
    assert len(added.time.values) == 5_000
    assert made.thinned == ("support/zalo/warranty: 6,000 → 5,000",)
    patience = made.workload.patience["phone"]
    assert isinstance(patience, Exponential)
    assert patience.mean == dt.timedelta(seconds=75)
    assert len(made.workload.service) == len(base.service) + 1
    assert made.workload.streams == base.streams
    holders = {h.holder: h for h in made.workload.holders}
    base_support = next(h for h in base.holders if h.holder == "support")
    assert holders["support"].escalate == pytest.approx(0.2)
    assert holders["support"].partner == base_support.partner  # its partner share kept
    assert holders["support"].resolve == pytest.approx(1 - 0.2 - base_support.partner)
    assert holders["online_care"].escalate == pytest.approx(0.3)
