"""Results of a simulation: Student's t, estimates across replications, KPIs summarized from
hand-built accumulators (every breakdown adds up to the total, NaN where nothing was
measured, JSON without NaN), paired comparisons and per-ticket records."""

from __future__ import annotations

import csv
import datetime
import json
import math
from functools import cache
from pathlib import Path

import pytest

import cskh_org
from cskh_org.errors import SourceError, UsageError
from cskh_org.loading.workload import load_workload
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.report.records import open_records
from cskh_org.report.simulation import comparison_text, result_text
from cskh_org.simulation import Comparison, Estimate, Kpis, SimulationResult
from cskh_org.simulation.results import DIMENSIONS, summarize
from cskh_org.simulation.run import MAX_REPLICATIONS, MAX_SEED, MAX_WORKERS, simulate
from cskh_org.simulation.stats import (
    ClassKey,
    ClassStats,
    Histogram,
    ReplicationStats,
    TicketRecord,
    UnitStats,
)
from cskh_org.simulation.student_t import t_quantile
from tests.conftest import EXAMPLES

WINDOW = 6 * 86_400.0


@cache
def _small() -> tuple[Department, Workload]:
    department = cskh_org.load(str(EXAMPLES / "small" / "department.yaml"))
    workload = load_workload(EXAMPLES / "small" / "workload.yaml", department).unwrap()
    return department, workload


# -- Student's t and estimates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 1, 12.706205),
        (0.975, 2, 4.302653),
        (0.975, 4, 2.776445),
        (0.975, 9, 2.262157),
        (0.975, 10, 2.228139),
        (0.975, 29, 2.045230),
        (0.975, 30, 2.042272),
        (0.975, 100, 1.983972),
        (0.975, 1000, 1.962339),
        (0.95, 10, 1.812461),
        (0.995, 5, 4.032143),
        (0.975, math.inf, 1.959964),
    ],
)
def test_t_quantiles_match_published_tables(p: float, df: float, expected: float) -> None:
    """The t quantiles agree with the published tables to six decimals."""
    assert t_quantile(p, df) == pytest.approx(expected, abs=5e-6)


def test_t_quantile_is_symmetric_and_rejects_nonsense() -> None:
    """Lower quantiles are the negated upper ones; p outside (0, 1) or df ≤ 0 is refused."""
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7))
    assert t_quantile(0.5, 3) == 0.0
    with pytest.raises(ValueError, match="p must be"):
        t_quantile(1.0, 3)
    with pytest.raises(ValueError, match="degrees of freedom"):
        t_quantile(0.9, 0)


def test_estimate_is_mean_and_t_half_width() -> None:
    """An estimate is the mean of the values and t(0.975, n-1) × s / √n."""
    e = Estimate.of([1.0, 2.0, 3.0])
    assert e.mean == 2.0
    assert e.n == 3
    assert e.half_width == pytest.approx(4.302653 * 1.0 / math.sqrt(3), rel=1e-6)
    assert e.low == pytest.approx(2.0 - e.half_width)
    assert not e.excludes_zero()  # 2 ± 2.48 reaches below zero
    assert Estimate.of([1.0, 1.1, 0.9]).excludes_zero()


def test_estimate_leaves_out_nan_and_has_no_interval_from_one_value() -> None:
    """NaN values are not observations; one value gives a mean without an interval; none
    gives NaN."""
    one = Estimate.of([math.nan, 5.0])
    assert (one.mean, one.n) == (5.0, 1)
    assert math.isnan(one.half_width)
    assert not one.excludes_zero()
    none = Estimate.of([])
    assert none.n == 0
    assert math.isnan(none.mean)
    assert none.to_dict() == {"mean": None, "half_width": None, "n": 0}
    same = Estimate.of([2.0, 2.0, 2.0])
    assert same.half_width == 0.0


# -- summarize -----------------------------------------------------------------------------


def _class(arrived: int, resolved: int, abandoned: int, waits: list[float]) -> ClassStats:
    c = ClassStats(arrived=arrived, resolved=resolved, abandoned=abandoned)
    c.in_system = arrived - resolved - abandoned
    c.answered = len(waits)
    c.first_contact = resolved
    for w in waits:
        c.first_response.add(w)
    for _ in range(resolved):
        c.resolution.add(600.0)
    c.handoffs[1] = resolved
    c.sla_counted["first_response"] = len(waits)
    c.sla_met["first_response"] = sum(1 for w in waits if w <= 60)
    return c


def _replication(r: int, scale: int = 1) -> ReplicationStats:
    """Two units, two channels, two tiers: a known little world."""
    s = ReplicationStats(replication=r, seed=7, window=WINDOW)
    s.classes = {
        ClassKey("cskh", "phone", "high", "-"): _class(4 * scale, 3 * scale, 1, [0.0, 30.0, 90.0]),
        ClassKey("cskh", "social", "normal", "-"): _class(6 + r, 6 + r, 0, [120.0] * (6 + r)),
        ClassKey("other", "phone", "normal", "-"): _class(2, 0, 2, []),
    }
    s.units = {
        "cskh": UnitStats(
            agents=1.4,
            available=10_000.0,
            busy=2_500.0 + 500 * r,
            visits=9 + r,
            follow_ups=2,
            queue_area=[3600.0, 0.0, 7200.0],
            staff_cost_per_day=100_000.0,
        ),
    }
    total = sum(c.arrived for c in s.classes.values())
    s.arrived_total = total + 5  # warm-up tickets
    s.abandoned_total = sum(c.abandoned for c in s.classes.values())
    s.in_system_total = sum(c.in_system for c in s.classes.values())
    s.finished_total = s.arrived_total - s.abandoned_total - s.in_system_total
    s.events = 100
    s.time_in_system = 2 * WINDOW
    return s


def _result(n: int = 3) -> SimulationResult:
    department, workload = _small()
    return summarize(
        [_replication(r) for r in range(n)],
        department=department,
        workload=workload,
        days=7,
        warmup=datetime.timedelta(days=1),
        seed=7,
    )


def test_every_breakdown_adds_up_to_the_overall_counts() -> None:
    """For each dimension, the groups' arrivals, resolutions and abandonments sum to the
    overall ones."""
    result = _result()
    assert set(result.by) == set(DIMENSIONS)
    for dim in DIMENSIONS:
        for field in ("arrived", "resolved", "abandoned", "answered", "in_system"):
            total = sum(getattr(k, field).mean for k in result.by[dim].values())
            assert total == pytest.approx(getattr(result.overall, field).mean), (dim, field)
    assert set(result.by["unit"]) == {"cskh", "other"}
    assert set(result.by["channel"]) == {"phone", "social"}
    assert set(result.by["tier"]) == {"-"}


def test_kpis_of_a_known_world() -> None:
    """Counts, shares, SLA attainment, handoffs and quantiles come out as built."""
    result = _result()
    o = result.overall
    assert isinstance(o, Kpis)
    assert o.arrived.mean == pytest.approx((12 + 13 + 14) / 3)
    assert o.arrived.n == 3
    # abandonment: 3 of the arrivals of each replication
    assert o.abandonment.mean == pytest.approx((3 / 12 + 3 / 13 + 3 / 14) / 3)
    phone = result.by["channel"]["phone"]
    assert phone.sla["first_response"].mean == pytest.approx(2 / 3)
    assert phone.sla["first_response"].half_width == 0.0
    assert o.handoffs.mean == 1.0
    assert o.handoff_distribution[1] == 1.0
    assert o.first_contact_resolution.mean == 1.0
    # each replication's first responses: 0s, 30s, 90s and 6 + r of 120s → the median bin is
    # 120s in every replication, so the interval is nothing
    assert o.first_response.p50.mean == pytest.approx(120.0, rel=0.01)
    assert o.first_response.p50.half_width == 0.0
    assert o.first_response.p50.n == 3
    assert o.first_response.count == 3 * 3 + 6 + 7 + 8
    assert o.resolution.p95.mean == pytest.approx(600.0, rel=0.01)


def test_a_group_without_measurements_is_nan_and_null_in_json() -> None:
    """A unit whose tickets were all abandoned has no time measured: NaN in the result, null
    in JSON, and the JSON has no NaN anywhere."""
    result = _result()
    other = result.by["unit"]["other"]
    assert math.isnan(other.first_response.mean.mean)
    assert math.isnan(other.resolution.p90.mean)
    assert other.resolution.p90.n == 0
    assert other.abandonment.mean == 1.0
    data = result.to_dict()
    assert data["by"]["unit"]["other"]["first_response"]["mean"]["mean"] is None
    assert data["by"]["unit"]["other"]["first_response"]["p90"] == {
        "mean": None,
        "half_width": None,
        "n": 0,
    }
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def test_quantiles_have_intervals_from_the_replications_quantiles() -> None:
    """A quantile's estimate is the mean of the replications' own quantiles with the
    Student-t half-width of their spread, as for means; the what-if samples hold the same
    per-replication quantiles."""
    result = _result(3)
    kpi = result.overall.first_response
    for name, q in (("p50", 0.5), ("p90", 0.9), ("p95", 0.95)):
        per_rep = [_merged_first_response(r).quantile(q) for r in range(3)]
        assert getattr(kpi, name) == Estimate.of(per_rep)
        assert result.samples[f"overall/first_response.{name}"] == tuple(per_rep)
    assert result.to_dict()["overall"]["first_response"]["p90"] == kpi.p90.to_dict()


def _merged_first_response(r: int) -> Histogram:
    total = ClassStats()
    for c in _replication(r).classes.values():
        total.merge(c)
    return total.first_response


def test_one_replication_gives_no_interval_and_says_so() -> None:
    """With one replication a quantile (like a mean) has no interval: its half-width is NaN
    (``null`` in JSON), the table shows the figure without ``±`` and says why."""
    result = _result(1)
    p90 = result.overall.first_response.p90
    assert p90.n == 1
    assert math.isnan(p90.half_width)
    assert p90.mean == _merged_first_response(0).quantile(0.9)
    data = result.to_dict()["overall"]["first_response"]["p90"]
    assert data["half_width"] is None
    assert data["n"] == 1
    en, vi = result_text(result, lang="en"), result_text(result, lang="vi")
    assert "one replication: no confidence interval (it takes 2 or more)" in en
    assert "một lần chạy: không có khoảng tin cậy" in vi
    assert "±" not in en
    overall = next(line for line in en.splitlines() if line.startswith("overall"))
    assert "2.0m" in overall.split()  # the p90 of 0s, 30s, 90s and six of 120s, alone
    several = result_text(_result(3), lang="en")
    assert "p90: the mean of each replication's p90" in several
    row = next(line for line in several.splitlines() if line.startswith("overall"))
    assert row.split()[3].endswith("±0s")  # the p90 column: 120s in every replication


def test_unit_load_and_cost_per_ticket() -> None:
    """Utilisation is busy ÷ available; the queue is waiting time ÷ window; cost per ticket is
    the staff cost of the window ÷ the unit's resolved tickets."""
    result = _result()
    unit = result.units["cskh"]
    assert unit.agents == 1.4
    assert unit.utilisation.mean == pytest.approx((0.25 + 0.30 + 0.35) / 3)
    assert unit.queue_by_hour == (1.0, 0.0, 2.0)
    assert unit.queue.mean == pytest.approx(3 * 3600 / WINDOW)
    costs = [100_000.0 * 6 / (3 + 6 + r) for r in range(3)]
    assert unit.cost_per_ticket.mean == pytest.approx(sum(costs) / 3)
    assert result.currency == "VND"
    assert result.in_system.mean == pytest.approx(2.0)


def test_conservation_and_metadata() -> None:
    """Each replication's ticket count is checked; a broken one is reported, not hidden."""
    result = _result()
    assert result.conserved
    assert [row.replication for row in result.conservation] == [0, 1, 2]
    assert result.events == 300
    assert (result.department, result.workload, result.seed) == (
        "dien_may_minh_an",
        "minh_an_june_2027",
        7,
    )
    assert result.warmup == 86_400.0
    assert result.window == WINDOW
    broken = _replication(0)
    broken.finished_total -= 1
    department, workload = _small()
    bad = summarize(
        [broken], department=department, workload=workload, days=7, warmup=86_400.0, seed=0
    )
    assert not bad.conserved
    assert "NOT CONSERVED" in result_text(bad, lang="en")


def test_summarize_needs_a_replication() -> None:
    """Summarizing nothing is a usage error, not a division by zero."""
    department, workload = _small()
    with pytest.raises(UsageError, match="no replication"):
        summarize([], department=department, workload=workload, days=1, warmup=None, seed=0)


@pytest.mark.parametrize(
    ("options", "phrase"),
    [
        ({"replications": MAX_REPLICATIONS + 1}, "replications must be from 1 to 10,000"),
        ({"replications": 10**20}, "replications must be from 1 to 10,000"),
        ({"replications": 0}, "replications must be from 1"),
        ({"workers": MAX_WORKERS + 1}, f"workers must be from 1 to {MAX_WORKERS}"),
        ({"seed": MAX_SEED + 1}, "at most 18 digits"),
        ({"seed": -(10**5000)}, "at most 18 digits"),
    ],
)
def test_simulate_bounds_its_counts(options: dict[str, int], phrase: str) -> None:
    """Replications, workers and the seed are bounded before anything runs: a UsageError,
    never a run of 10**20 replications or a seed too long to print."""
    department, workload = _small()
    with pytest.raises(UsageError, match=phrase):
        simulate(
            department,
            workload,
            days=1,
            replications=options.get("replications", 1),
            workers=options.get("workers", 1),
            seed=options.get("seed", 0),
        )


def test_table_is_aligned_and_readable() -> None:
    """The table names the run, has the overall row and one per group, unit display names in
    the language asked, and stays within about 100 columns."""
    result = _result()
    text = result_text(result, lang="en")
    lines = text.splitlines()
    assert lines[0].startswith("dien_may_minh_an · minh_an_june_2027 · 7 days")
    assert any(line.startswith("overall ") for line in lines)
    assert any("Customer care desk" in line for line in lines)
    assert "by channel" in text
    assert "by tier" not in text  # the schema has no tier: nothing to break down
    table = [line for line in lines[3:] if line and not line.startswith("tickets")]
    assert max(len(line) for line in table) <= 110
    assert "Bộ phận" in result_text(result, lang="vi")


def test_a_language_without_labels_is_refused() -> None:
    """A result's or a comparison's table in `fr` is a UsageError naming vi and en, not an
    English table in disguise."""
    result = _result()
    with pytest.raises(UsageError, match="`fr` is not a display language; use one of vi, en"):
        result_text(result, lang="fr")
    with pytest.raises(UsageError, match="use one of vi, en"):
        comparison_text(Comparison.of(result, result), lang="fr")


# -- comparison ----------------------------------------------------------------------------


def test_paired_differences() -> None:
    """A KPI shifted by the same amount in every replication differs by exactly that with a
    zero-width interval; equal runs differ by zero."""
    department, workload = _small()
    base = _result()
    shifted = [_replication(r) for r in range(3)]
    for s in shifted:
        s.units["cskh"].busy += 1_000.0
    other = summarize(
        shifted, department=department, workload=workload, days=7, warmup=86_400.0, seed=7
    )
    cmp = Comparison.of(base, other)
    d = cmp["load=cskh/utilisation"]
    assert d.difference.mean == pytest.approx(0.1)
    assert d.difference.half_width == pytest.approx(0.0, abs=1e-12)
    assert d.significant
    same = cmp["overall/arrived"]
    assert same.difference.mean == 0.0
    assert not same.significant
    data = json.loads(json.dumps(cmp.to_dict(), allow_nan=False))
    assert data["differences"]["load=cskh/utilisation"]["significant"] is True
    lines = comparison_text(cmp, lang="en", names=("before", "after")).splitlines()
    assert lines[:3] == ["what-if, other minus base", "  base:  before", "  other: after"]
    row = next(line for line in lines if line.startswith("Customer care desk: utilisation"))
    assert row.split()[-7:] == ["30.0%", "40.0%", "+10.0", "pp", "±", "0.0", "*"]


def test_comparison_needs_the_same_seed_and_replications() -> None:
    """Pairing replications of different seeds would not be common random numbers: refused."""
    department, workload = _small()
    other = summarize(
        [_replication(r) for r in range(2)],
        department=department,
        workload=workload,
        days=7,
        warmup=None,
        seed=7,
    )
    with pytest.raises(UsageError, match="same seed"):
        Comparison.of(_result(), other)


# -- records -------------------------------------------------------------------------------

RECORDS = [
    TicketRecord(
        replication=0,
        ticket=1,
        stream="phone_calls",
        unit="cskh",
        channel="phone",
        priority="normal",
        tier="-",
        category="question",
        arrived=12.3456789,
        first_response=15.0,
        closed=None,
        outcome="open",
        handoffs=2,
        holders=("cskh", "technical"),
        reopens=0,
        sla_met={"first_response": True, "resolution": False},
    ),
    TicketRecord(0, 2, "s", "cskh", "social", "low", "-", "order", 1.0, None, None,
                 "abandoned", 0, (), 0, {}),
]  # fmt: skip


def test_records_as_jsonl(tmp_path: Path) -> None:
    """JSONL records: one object per ticket with every field, times to the millisecond."""
    path = tmp_path / "tickets.jsonl"
    with open_records(path) as write:
        for record in RECORDS:
            write(record)
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(rows) == 2
    assert rows[0]["arrived"] == 12.346
    assert rows[0]["holders"] == ["cskh", "technical"]
    assert rows[0]["sla_met"] == {"first_response": True, "resolution": False}
    assert rows[1]["first_response"] is None


def test_records_as_csv(tmp_path: Path) -> None:
    """CSV records: a header of every field, empty cells for none, lists space-separated."""
    path = tmp_path / "tickets.csv"
    with open_records(path) as write:
        for record in RECORDS:
            write(record)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["holders"] == "cskh technical"
    assert rows[0]["sla_met"] == "first_response=yes resolution=no"
    assert rows[0]["closed"] == ""
    assert rows[1]["outcome"] == "abandoned"


def test_records_need_a_known_suffix(tmp_path: Path) -> None:
    """Records go to .jsonl or .csv; another suffix is a usage error before anything runs, a
    missing folder a source error (both exit 2)."""
    with pytest.raises(UsageError, match=r"\.jsonl or \.csv"), open_records(tmp_path / "t.txt"):
        pass
    with (
        pytest.raises(SourceError, match="no such folder"),
        open_records(tmp_path / "missing" / "t.csv"),
    ):
        pass


def test_long_unit_names_are_shown_whole_so_none_collide() -> None:
    """Three teams whose names differ only past the 18th character each show their whole
    name, in the KPI table and in the load table: no row loses its identity."""
    import dataclasses

    base = _result()
    unit = next(iter(base.by["unit"]))
    teams = {
        "warranty_north": "Tổ Bảo hành và Đổi trả miền Bắc",
        "warranty_central": "Tổ Bảo hành và Đổi trả miền Trung",
        "warranty_south": "Tổ Bảo hành và Đổi trả miền Nam",
    }
    kpis = base.by["unit"][unit]
    result = dataclasses.replace(
        base,
        by={**base.by, "unit": dict.fromkeys(teams, kpis)},
        units=dict.fromkeys(teams, base.units[unit]),
        names={team: {"vi": name} for team, name in teams.items()},
    )
    text = result_text(result, lang="vi")
    for name in teams.values():
        assert text.count(f"  {name}  ") == 2, name  # a KPI row and a load row


@pytest.mark.parametrize("example", ["small", "growing", "large"])
def test_the_simulated_staff_cost_is_the_one_staff_cost_rule(example: str) -> None:
    """For every example, the staff cost a replication counts over its window is what
    `StaffLine.monthly_cost` gives for that period (a month being 365.25 / 12 days): the
    simulation prices staff by the one rule, in the department's currency."""
    from decimal import Decimal

    from cskh_org.money import exact_sum
    from cskh_org.simulation import Simulation

    department = cskh_org.load(str(EXAMPLES / example / "department.yaml"))
    workload = load_workload(EXAMPLES / example / "workload.yaml", department).unwrap()
    stats = Simulation(department, workload, days=3).run(0, 0)
    days = stats.window / 86_400.0
    roles = department.roles_by_id
    for unit in department.units:
        monthly = exact_sum(
            [Decimal(0), *(line.monthly_cost(roles[line.role]) for line in unit.staff)]
        )
        expected = float(monthly) * 12 / 365.25 * days
        counted = stats.units[unit.id].staff_cost_per_day * days if unit.id in stats.units else 0
        assert counted == pytest.approx(expected, rel=1e-12, abs=1e-6), unit.id
