"""The generated year of history (scripts/make_history.py): it imports whole with the growing
example's mapping, the same seed writes the same rows, and its truth shows where it should:
Tết quiet, the campaign busy, nights near empty."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import cskh_org
from cskh_org.loading.history import load_mapping, read_history
from tests.conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import make_history


def test_a_generated_quarter_imports_whole_and_repeats_by_seed(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    n = make_history.write(path, seed=3, days=90)
    again = tmp_path / "again.csv"
    make_history.write(again, seed=3, days=90)
    assert path.read_bytes() == again.read_bytes()
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    mapping = load_mapping(EXAMPLES / "growing" / "history" / "mapping.yaml", dept).unwrap()
    imported = read_history(path, mapping, dept)
    tickets = list(imported.tickets())
    summary = imported.summary()
    assert summary.ok, summary.findings[:3]
    assert len(tickets) == n == summary.rows
    created = [t.created for t in tickets]
    assert created == sorted(created)
    assert {t.channel for t in tickets} == {"phone", "email", "chat", "app"}


def test_the_truth_has_tet_the_campaign_and_quiet_nights() -> None:
    first, last = dt.date(2026, 3, 1), dt.date(2027, 2, 28)
    factors = make_history.special_days(first, last)
    tet = dt.date(2027, 2, 6)  # Tết Đinh Mùi
    assert factors[tet] == 0.15
    assert factors[tet - dt.timedelta(days=1)] in (0.15, 0.6)  # the eve, closed or quieter
    assert factors[dt.date(2026, 11, 11)] == 2.5
    monday = dt.date(2026, 3, 9)
    assert make_history.rate("Phone", monday, 10, factors) > 20 * make_history.rate(
        "Phone", monday, 3, factors
    )
    days = Counter(factors.values())
    assert days[2.5] == 3
    assert days[0.6] == 3


def test_the_rows_follow_the_truth_over_a_month() -> None:
    start = dt.date(2026, 3, 2)  # a Monday, no holiday in four weeks
    rows = list(make_history.rows(seed=5, days=28, start=start))
    factors = make_history.special_days(start, start + dt.timedelta(days=28))
    expected = sum(
        make_history.rate(c, start + dt.timedelta(d), h, factors)
        for c in make_history.CHANNELS
        for d in range(28)
        for h in range(24)
    )
    assert abs(len(rows) - expected) < 4 * expected**0.5  # Poisson: within four deviations
