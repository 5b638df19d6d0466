"""The simulation's tables: figures by the locale, noise marked as noise."""

from __future__ import annotations

from cskh_org.report.simulation import _Say
from cskh_org.simulation import Estimate


def test_an_interval_wider_than_its_mean_reads_as_noise() -> None:
    say = _Say("en")
    assert say.pm(Estimate(600.0, 120.0, 5), say.span) == "10m±2.0m"
    assert not say.noisy
    assert say.pm(Estimate(570.0, 2220.0, 5), say.span) == "~9.5m±37m"
    assert say.noisy
    assert say.pm(Estimate(0.0, 0.0, 5), say.span) == "0s±0s"  # exactly nothing: not noise


def test_figures_are_written_by_the_locale() -> None:
    vi, en = _Say("vi"), _Say("en")
    assert (vi.number(1221), en.number(1221)) == ("1.221", "1,221")
    assert (vi.pct(0.1312), en.pct(0.1312)) == ("13,1%", "13.1%")
    assert (vi.span(504.0), en.span(504.0)) == ("8,4m", "8.4m")
    assert vi.span(float("nan")) == "-"
