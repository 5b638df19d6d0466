"""The closed loop (cskh_org/history/loop.py): the calibrated department simulated over the
history's last weeks brings the arrivals that were observed, every figure is compared, and the
observed figures are the plain counts of the period."""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import cskh_org
from cskh_org.errors import HistoryError
from cskh_org.history.loop import KPIS, closed_loop, observed_arrivals
from cskh_org.loading.history import load_mapping, read_history
from cskh_org.loading.workload import load_workload
from cskh_org.model.history import PastTicket
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> list[PastTicket]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_history

    path = Path(tmp_path_factory.mktemp("loop")) / "export.csv"
    make_history.write(path, seed=4, days=84)
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    mapping = load_mapping(EXAMPLES / "growing" / "history" / "mapping.yaml", dept).unwrap()
    return list(read_history(path, mapping, dept).tickets())


def test_the_loop_brings_the_observed_arrivals_and_compares_every_figure(
    history: list[PastTicket],
) -> None:
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    base = load_workload(EXAMPLES / "growing" / "workload.yaml", dept).unwrap()
    result = closed_loop(history, dept, base, weeks=2, replications=2, seed=1)
    assert (result.last - result.first).days == 13
    channels = {f.channel for f in result.figures}
    assert channels == {"phone", "email", "chat", "app"}
    assert len(result.figures) == 4 * len(KPIS)
    by = {(f.channel, f.kpi): f for f in result.figures}
    for channel in channels:
        arrivals = by[(channel, "tickets_per_day")]
        assert abs(arrivals.error) < 0.15, (channel, arrivals)
    zone = dept.timezone
    counted = sum(
        1
        for t in history
        if t.channel == "phone"
        and result.first <= t.created.astimezone(ZoneInfo(zone)).date() <= result.last
    )
    assert by[("phone", "tickets_per_day")].observed == pytest.approx(counted / 14)
    assert by[("email", "abandonment")].observed == 0.0
    assert not math.isnan(by[("phone", "first_reply_mean")].simulated)
    assert {s.id for s in result.workload.streams} == {f"{c}_forecast" for c in channels}


def test_observed_arrivals_are_the_counts(history: list[PastTicket]) -> None:
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    first, last = dt.date(2026, 3, 2), dt.date(2026, 3, 8)
    forecast = observed_arrivals(history, dept, first, last)
    total = sum(sum(s.hourly) for s in forecast.streams)
    zone = ZoneInfo(dept.timezone)
    assert total == sum(1 for t in history if first <= t.created.astimezone(zone).date() <= last)
    with pytest.raises(HistoryError):
        observed_arrivals(history, dept, dt.date(2030, 1, 1), dt.date(2030, 1, 7))


def test_refusals(history: list[PastTicket]) -> None:
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    base = load_workload(EXAMPLES / "growing" / "workload.yaml", dept).unwrap()
    with pytest.raises(HistoryError, match="shorter than 20 whole weeks"):
        closed_loop(history, dept, base, weeks=20)
    with pytest.raises(HistoryError, match="1 to 26"):
        closed_loop(history, dept, base, weeks=0)
