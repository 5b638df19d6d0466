"""Calibration (cskh_org/history/calibrate.py) on synthetic history drawn from known
distributions: the fitted parameters recover the truth within their confidence intervals,
patience under 30 % censoring included (where the mean wait of those who gave up does not)."""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.errors import HistoryError
from cskh_org.history.calibrate import _km_median, calibrate, fit_patience, fit_times
from cskh_org.loading.history import load_mapping, read_history
from cskh_org.model.history import PastTicket
from tests.conftest import EXAMPLES, ROOT

T0 = dt.datetime(2026, 3, 2, 1, tzinfo=dt.UTC)


def _lognormal(rng: random.Random, mean: float, sd: float) -> float:
    var = math.log1p((sd / mean) ** 2)
    return rng.lognormvariate(math.log(mean) - var / 2, math.sqrt(var))


def test_a_lognormal_is_recognised_and_recovered() -> None:
    rng = random.Random(1)
    fit = fit_times([_lognormal(rng, 300.0, 200.0) for _ in range(3000)], random.Random(2))
    assert fit.kind == "lognormal"
    assert 300.0 in fit.mean_ci
    assert 200.0 in fit.sd_ci
    assert fit.mean_ci.high - fit.mean_ci.low < 30


def test_a_gamma_is_recognised_and_recovered() -> None:
    rng = random.Random(3)
    k, theta = 2.5, 120.0  # mean 300 s, sd ≈ 190 s
    fit = fit_times([rng.gammavariate(k, theta) for _ in range(3000)], random.Random(4))
    assert fit.kind == "gamma"
    assert k * theta in fit.mean_ci
    assert math.sqrt(k) * theta in fit.sd_ci


def test_times_neither_fits_are_kept_as_observed() -> None:
    rng = random.Random(5)
    two_humps = [
        rng.gauss(60, 5) if rng.random() < 0.5 else rng.gauss(600, 20) for _ in range(2000)
    ]
    fit = fit_times(two_humps, random.Random(6))
    assert fit.kind == "empirical"
    assert fit.ks_p < 0.01
    assert len(fit.values) == 2000
    assert fit.mean == pytest.approx(sum(two_humps) / 2000)


def test_patience_under_30_percent_censoring_is_recovered() -> None:
    rng = random.Random(7)
    patience_mean, answer_mean = 120.0, 280.0  # P(answered first) = 0.3
    waits, gave_up = [], []
    for _ in range(4000):
        patience, answer = rng.expovariate(1 / patience_mean), rng.expovariate(1 / answer_mean)
        waits.append(min(patience, answer))
        gave_up.append(patience < answer)
    censored = 1 - sum(gave_up) / len(gave_up)
    assert censored == pytest.approx(0.3, abs=0.02)
    fit = fit_patience("phone", waits, gave_up)
    assert patience_mean in fit.mean_ci
    naive = sum(w for w, g in zip(waits, gave_up, strict=True) if g) / sum(gave_up)
    assert naive not in fit.mean_ci  # the impatient's mean wait is biased low (≈ 84 s)
    assert fit.km_median == pytest.approx(patience_mean * math.log(2), rel=0.1)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0.1, 1000), st.booleans()), min_size=1, max_size=40))
def test_the_kaplan_meier_median_against_the_plain_product(data: list[tuple[float, bool]]) -> None:
    waits = [w for w, _ in data]
    flags = [g for _, g in data]
    # the plain product-limit estimate over distinct event times
    expected = None
    survival = 1.0
    for time in sorted({w for w, g in data if g}):
        at_risk = sum(1 for w in waits if w >= time)
        events = sum(1 for w, g in data if g and w == time)
        survival *= 1 - events / at_risk
        if survival <= 0.5 + 1e-12:
            expected = time
            break
    assert _km_median(waits, flags) == expected


def test_calibrate_groups_pools_and_counts_reopenings() -> None:
    rng = random.Random(9)
    tickets = []
    for i in range(600):
        channel = "phone" if i % 3 else "email"
        category = "question" if i % 2 else ("technical" if i % 10 else "order")
        handling = _lognormal(rng, 240.0 if channel == "phone" else 900.0, 150.0)
        answered = T0 + dt.timedelta(seconds=rng.expovariate(1 / 60))
        gave_up = T0 + dt.timedelta(seconds=rng.expovariate(1 / 90))
        abandoned = gave_up if gave_up < answered else None
        tickets.append(
            PastTicket(
                i,
                str(i),
                T0,
                first_reply=None if abandoned else answered,
                solved=None if abandoned else answered + dt.timedelta(seconds=handling),
                channel=channel,
                category=category,
                unit="support",
                reopened=1 if i % 20 == 0 else 0,
                abandoned=abandoned,
                handling=None if abandoned else handling,
            )
        )
    result = calibrate(tickets)
    groups = {(s.unit, s.channel, s.category): s.fit for s in result.service}
    assert ("support", "phone", "question") in groups
    assert ("support", "email", "order") not in groups  # 20 tickets: pooled
    assert {p.channel for p in result.patience} == {"phone", "email"}
    (reopen,) = result.reopen
    assert reopen.reopened == sum(1 for t in tickets if t.reopened and t.solved)
    assert reopen.probability in reopen.ci
    with pytest.raises(HistoryError):
        calibrate([])


def test_the_generated_year_is_recovered_group_by_group(tmp_path: Path) -> None:
    """Every fitted handling time's mean is within 5 % of the generator's truth for its
    category and its 95 % interval holds it as often as such intervals do; each live
    channel's patience interval holds its true mean."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_history

    export = tmp_path / "year.csv"
    make_history.write(export, seed=7)
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    mapping = load_mapping(EXAMPLES / "growing" / "history" / "mapping.yaml", dept).unwrap()
    result = calibrate(read_history(export, mapping, dept).tickets())
    category_of = {"question": "Question", "technical": "Incident", "return": "Refund"}
    assert len(result.service) >= 12
    missed = []
    for s in result.service:
        assert s.category is not None, s  # every group is large enough on its own
        export_type = (
            "Problem"
            if (s.unit, s.category) == ("after_sales", "technical")
            else category_of[s.category]
        )
        truth = make_history.WORK_MINUTES[export_type][0] * 60
        if truth not in s.fit.mean_ci:
            missed.append((s.unit, s.channel, s.category))
        assert s.fit.mean == pytest.approx(truth, rel=0.05)
        assert s.fit.kind == "lognormal"
    # a 95 % interval misses its truth one time in twenty: about one of these groups
    assert len(missed) <= 2, missed
    patience = {p.channel: p for p in result.patience}
    assert make_history.LIVE["Phone"][0] in patience["phone"].mean_ci
    assert make_history.LIVE["Chat"][0] in patience["chat"].mean_ci
    assert result.reopen == ()  # the export does not say how often a ticket was reopened


def test_escalation_per_holder_is_recovered_from_the_paths() -> None:
    rng = random.Random(11)
    tickets = []
    for i in range(4000):
        path = ["online_care"]
        if rng.random() < 0.25:  # the online desk hands a quarter on to support
            path.append("support")
            if rng.random() < 0.1:  # and support a tenth of those to after-sales
                path.append("after_sales")
        tickets.append(PastTicket(i, str(i), T0, unit=path[-1], groups=len(path), path=tuple(path)))
    fits = {h.holder: h for h in calibrate(tickets).holders}
    assert fits["online_care"].visits == 4000
    assert 0.25 in fits["online_care"].ci
    assert 0.1 in fits["support"].ci
    assert fits["after_sales"].handed_on == 0
