"""The simulation against exact oracles: Erlang C, Erlang A, Little's law, conservation of
tickets and the Kiefer–Wolfowitz recursion (issue 7, "Done when").

The first tests check the oracles themselves against textbook values and independent
formulas; the rest run the engine on one-unit departments built in
:mod:`tests.simulation.conftest`. Statistical checks pool independent replications and
allow three standard errors (the spread of the replications' estimates / √R); seeds are
fixed, so every run of the suite sees the same numbers.
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation, simulate
from cskh_org.simulation.stats import BINS_PER_E, ReplicationStats, TicketRecord, bin_of
from tests.simulation.conftest import (
    exponential,
    fixed,
    one_stream_workload,
    one_unit_department,
    pooled,
)
from tests.simulation.oracles import (
    erlang_a,
    erlang_b,
    erlang_c,
    erlang_c_mean_wait,
    erlang_c_service_level,
    kiefer_wolfowitz,
    mmc_mean_in_system,
)

# -- the oracles themselves ----------------------------------------------------------------


def _erlang_c_by_factorials(c: int, a: float) -> float:
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def test_erlang_b_textbook_values() -> None:
    """Erlang B is 1/2 for one server at load 1 and 1/5 for two servers at load 1."""
    assert erlang_b(1, 1.0) == pytest.approx(0.5)
    assert erlang_b(2, 1.0) == pytest.approx(0.2)
    assert erlang_b(0, 3.0) == 1.0


def test_erlang_c_textbook_values() -> None:
    """Two servers, λ = μ = 1: an arrival waits with probability 1/3 and waits 1/3 on
    average; a single server waits with probability ρ and ρ/(μ − λ) on average."""
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    assert erlang_c_mean_wait(2, 1.0, 1.0) == pytest.approx(1 / 3)
    assert erlang_c(1, 0.7) == pytest.approx(0.7)
    assert erlang_c_mean_wait(1, 0.7, 1.0) == pytest.approx(0.7 / 0.3)
    assert erlang_c(3, 3.0) == 1.0
    assert erlang_c_mean_wait(3, 3.0, 1.0) == math.inf


@pytest.mark.parametrize("c", [1, 2, 5, 8, 17, 40])
@pytest.mark.parametrize("rho", [0.1, 0.5, 0.83, 0.97])
def test_erlang_c_matches_the_factorial_formula(c: int, rho: float) -> None:
    """The stable Erlang C equals the closed form with factorials wherever both compute."""
    assert erlang_c(c, rho * c) == pytest.approx(_erlang_c_by_factorials(c, rho * c), rel=1e-12)


def test_erlang_c_stays_finite_for_large_pools() -> None:
    """Thousands of servers do not overflow (the factorial formula would)."""
    value = erlang_c(5000, 4900.0)
    assert 0.0 < value < 1.0


def test_service_level_runs_from_one_minus_c_to_one() -> None:
    """P(W ≤ 0) is 1 − C; P(W ≤ t) rises to 1 and equals its closed form in between."""
    c, lam, mu = 8, 8 * 0.83 / 300, 1 / 300
    assert erlang_c_service_level(c, lam, mu, 0.0) == pytest.approx(1 - erlang_c(c, lam / mu))
    assert erlang_c_service_level(c, lam, mu, 1e6) == pytest.approx(1.0)
    waits = erlang_c(c, lam / mu) * math.exp(-(c * mu - lam) * 20)
    assert erlang_c_service_level(c, lam, mu, 20) == pytest.approx(1 - waits)


def test_mmc_mean_in_system_is_load_plus_queue() -> None:
    """M/M/1 at ρ = 1/2 holds ρ/(1 − ρ) = 1 customer on average."""
    assert mmc_mean_in_system(1, 0.5, 1.0) == pytest.approx(1.0)


@pytest.mark.parametrize(("c", "a"), [(1, 0.5), (3, 2.0), (8, 6.64), (20, 25.0)])
def test_erlang_a_with_patience_equal_to_service_is_an_infinite_server_queue(
    c: int, a: float
) -> None:
    """With θ = μ the number in system is Poisson(λ/μ): P(wait) = P(N ≥ c), E[N] = a."""
    result = erlang_a(c, a, 1.0, 1.0)
    poisson = [math.exp(-a) * a**k / math.factorial(k) for k in range(c)]
    assert result.p_wait == pytest.approx(1 - sum(poisson), rel=1e-9)
    assert result.mean_in_system == pytest.approx(a, rel=1e-9)
    tail = sum((k - c) * math.exp(-a) * a**k / math.factorial(k) for k in range(c, 150))
    assert result.p_abandon == pytest.approx(tail / a, rel=1e-9)


@pytest.mark.parametrize(("c", "rho"), [(1, 0.5), (2, 0.5), (8, 0.83), (30, 0.95)])
def test_erlang_a_without_patience_is_erlang_c(c: int, rho: float) -> None:
    """As θ → 0 Erlang A tends to Erlang C: the same P(wait) and mean wait."""
    mu = 1 / 300
    lam = rho * c * mu
    result = erlang_a(c, lam, mu, 1e-12)
    assert result.p_wait == pytest.approx(erlang_c(c, lam / mu), rel=1e-6)
    assert result.mean_wait == pytest.approx(erlang_c_mean_wait(c, lam, mu), rel=1e-6)
    assert result.p_abandon < 1e-8


@pytest.mark.parametrize(("c", "rho", "theta"), [(1, 1.5, 2.0), (8, 0.83, 0.3), (50, 1.2, 0.1)])
def test_erlang_a_balances_flows(c: int, rho: float, theta: float) -> None:
    """What comes in leaves served or abandoned: μ·E[busy servers] = λ·(1 − P(abandon)),
    also above full load."""
    mu = 1.0
    lam = rho * c * mu
    result = erlang_a(c, lam, mu, theta)
    busy = result.mean_in_system - result.mean_queue
    assert mu * busy == pytest.approx(lam * (1 - result.p_abandon), rel=1e-9)
    assert 0 < result.p_abandon < 1
    assert result.p_abandon < result.p_wait


def test_kiefer_wolfowitz_small_cases_by_hand() -> None:
    """One server: each of three back-to-back tickets waits for the ones before; two
    servers: the third of three simultaneous tickets waits for the shorter service."""
    assert kiefer_wolfowitz(1, [0, 1, 2], [3, 3, 3]) == [0, 2, 4]
    assert kiefer_wolfowitz(2, [0, 0, 0], [5, 3, 1]) == [0, 0, 3]
    assert kiefer_wolfowitz(2, [0, 1, 10], [5, 5, 1]) == [0, 0, 0]
    assert kiefer_wolfowitz(3, [0, 0, 0, 0, 0], [1, 2, 3, 4, 5]) == [0, 0, 0, 1, 2]
    assert kiefer_wolfowitz(1, [0, 1], [math.inf, 1]) == [0, math.inf]
    assert kiefer_wolfowitz(2, [0, 1, 2], [math.inf, 4, 1]) == [0, 0, 3]


def _free_time_waits(c: int, arrivals: Sequence[float], services: Sequence[float]) -> list[float]:
    """FCFS waits by the next-free-server picture (independent of the workload recursion)."""
    free = [0.0] * c
    waits = []
    for a, s in zip(arrivals, services, strict=True):
        k = min(range(c), key=free.__getitem__)
        start = max(a, free[k])
        waits.append(start - a)
        free[k] = start + s
    return waits


@settings(max_examples=200, deadline=None)
@given(
    c=st.integers(1, 5),
    gaps=st.lists(st.integers(0, 20), min_size=1, max_size=40),
    data=st.data(),
)
def test_kiefer_wolfowitz_equals_next_free_server(
    c: int, gaps: list[int], data: st.DataObject
) -> None:
    """On integer times the recursion equals the next-free-server computation exactly."""
    services = data.draw(st.lists(st.integers(0, 60), min_size=len(gaps), max_size=len(gaps)))
    arrivals = [float(x) for x in _cumsum(gaps)]
    fl = [float(s) for s in services]
    assert kiefer_wolfowitz(c, arrivals, fl) == _free_time_waits(c, arrivals, fl)


def _cumsum(xs: Sequence[int]) -> list[int]:
    out, total = [], 0
    for x in xs:
        total += x
        out.append(total)
    return out


# -- the engine ------------------------------------------------------------------------------

C = 8
MEAN_SERVICE = 300.0  # seconds
MU = 1 / MEAN_SERVICE
LOAD = 0.83
LAMBDA = LOAD * C * MU  # per second
RATE_PER_HOUR = LAMBDA * 3600  # 79.68
SL_TARGET = 20.0
WARMUP = datetime.timedelta(days=1)
DAYS = 4.0
REPLICATIONS = 30


def _replications(
    department: Department,
    workload: Workload,
    *,
    days: float = DAYS,
    replications: int = REPLICATIONS,
    seed: int = 2027,
    warmup: datetime.timedelta | None = WARMUP,
) -> list[ReplicationStats]:
    simulation = Simulation(department, workload, days=days, warmup=warmup)
    return [simulation.run(r, seed) for r in range(replications)]


def _within_3se(
    name: str, estimates: Sequence[float], exact: float, runs: Sequence[ReplicationStats]
) -> None:
    mean = statistics.fmean(estimates)
    se = statistics.stdev(estimates) / math.sqrt(len(estimates))
    assert se > 0, f"{name}: the replications do not vary"
    seeds = sorted({(r.seed, r.replication) for r in runs})[:3]
    assert abs(mean - exact) <= 3 * se, (
        f"{name}: simulated {mean:.6g} ± {se:.3g} (SE over {len(estimates)} replications, "
        f"e.g. seed/replication {seeds}), exact {exact:.6g}: off by "
        f"{abs(mean - exact) / se:.1f} SE"
    )


PATHS = ["fifo", "queues"]
"""The engine's two ways of serving a unit: first come first served with starts known on
arrival (one priority level), and priority queues with completion events (see
``one_unit_department(queues=True)``)."""


@pytest.fixture(scope="module", params=PATHS)
def mmc_runs(request: pytest.FixtureRequest) -> list[ReplicationStats]:
    """M/M/8 at 83 % load, mean service 5 min: 30 replications of 4 days, 1 day warm-up."""
    queues = request.param == "queues"
    runs = _replications(
        one_unit_department(C, queues=queues),
        one_stream_workload(RATE_PER_HOUR, exponential(MEAN_SERVICE), queues=queues),
    )
    assert all(key.priority == ("normal" if queues else "-") for key in runs[0].classes)
    return runs


def test_mmc_probability_of_waiting_matches_erlang_c(mmc_runs: list[ReplicationStats]) -> None:
    """In M/M/8 at 83 % load the share of tickets not answered at once is Erlang C."""
    shares = []
    for run in mmc_runs:
        fr = pooled(run).first_response
        shares.append(1 - fr.counts[0] / fr.n)
    _within_3se("P(wait)", shares, erlang_c(C, LAMBDA / MU), mmc_runs)


def test_mmc_mean_wait_matches_erlang_c(mmc_runs: list[ReplicationStats]) -> None:
    """In M/M/8 at 83 % load the mean first-response time is C / (cμ − λ)."""
    means = [pooled(run).first_response.mean for run in mmc_runs]
    _within_3se("mean wait", means, erlang_c_mean_wait(C, LAMBDA, MU), mmc_runs)


def test_mmc_service_level_matches_erlang_c(mmc_runs: list[ReplicationStats]) -> None:
    """In M/M/8 at 83 % load the share answered within 20 s is 1 − C·e^(−(cμ−λ)t).

    ``share_at_most`` counts whole histogram bins: it is exactly the share below the upper
    edge of the bin holding 20 s, so the oracle is evaluated at that edge."""
    edge = math.expm1(bin_of(SL_TARGET) / BINS_PER_E)
    assert SL_TARGET <= edge < SL_TARGET * 1.01
    levels = [pooled(run).first_response.share_at_most(SL_TARGET) for run in mmc_runs]
    _within_3se("service level", levels, erlang_c_service_level(C, LAMBDA, MU, edge), mmc_runs)


def test_mmc_arrival_rate_and_utilisation(mmc_runs: list[ReplicationStats]) -> None:
    """Tickets arrive at λ and the agents are busy a share ρ of their available time."""
    rates = [pooled(run).arrived / run.window for run in mmc_runs]
    _within_3se("arrival rate", rates, LAMBDA, mmc_runs)
    utilisation = [run.units["desk"].busy / run.units["desk"].available for run in mmc_runs]
    _within_3se("utilisation", utilisation, LOAD, mmc_runs)
    for run in mmc_runs:
        assert run.units["desk"].agents == C
        assert run.units["desk"].available == pytest.approx(C * run.window)


def test_littles_law(mmc_runs: list[ReplicationStats]) -> None:
    """L = λ·W: the time-average number in system (ticket-seconds ÷ window) equals the
    arrival rate times the mean time in system, and both equal the M/M/c value.

    The sample-path identity holds up to edge effects (tickets present at the start or end
    of the window), about 0.3 % here; the tolerance is 1 %."""
    ls, diffs = [], []
    for run in mmc_runs:
        stats = pooled(run)
        big_l = run.time_in_system / run.window
        lam_w = stats.arrived / run.window * stats.resolution.mean
        ls.append(big_l)
        diffs.append(big_l - lam_w)
        assert big_l == pytest.approx(lam_w, rel=0.02), (run.seed, run.replication)
    mean_l = statistics.fmean(ls)
    assert abs(statistics.fmean(diffs)) <= 0.01 * mean_l
    _within_3se("L", ls, mmc_mean_in_system(C, LAMBDA, MU), mmc_runs)


PATIENCE = 180.0  # seconds


@pytest.fixture(scope="module", params=PATHS)
def mmc_patience_runs(request: pytest.FixtureRequest) -> list[ReplicationStats]:
    """M/M/8+M at 95 % offered load, mean patience 3 min."""
    rate = 0.95 * C * MU * 3600
    queues = request.param == "queues"
    return _replications(
        one_unit_department(C, queues=queues),
        one_stream_workload(
            rate, exponential(MEAN_SERVICE), patience=exponential(PATIENCE), queues=queues
        ),
    )


def test_abandonment_matches_erlang_a(mmc_patience_runs: list[ReplicationStats]) -> None:
    """With exponential patience the share of customers who hang up before an answer is
    Erlang A's θ·E[queue]/λ, and the share who wait is Erlang A's P(wait)."""
    lam = 0.95 * C * MU
    exact = erlang_a(C, lam, MU, 1 / PATIENCE)
    abandon, waited = [], []
    for run in mmc_patience_runs:
        stats = pooled(run)
        done = stats.arrived - stats.in_system
        abandon.append(stats.abandoned / done)
        waited.append(1 - stats.first_response.counts[0] / done)
    _within_3se("P(abandon)", abandon, exact.p_abandon, mmc_patience_runs)
    _within_3se("P(wait)", waited, exact.p_wait, mmc_patience_runs)


def test_abandoned_customers_waited_their_patience(
    mmc_patience_runs: list[ReplicationStats],
) -> None:
    """Patience used per abandonment averages below the mean patience (the impatient leave
    first) and the abandonment count is not empty."""
    used = sum(pooled(run).patience_used for run in mmc_patience_runs)
    gave_up = sum(pooled(run).abandoned for run in mmc_patience_runs)
    assert gave_up > 100
    assert 0 < used / gave_up < PATIENCE


def _assert_conserved(run: ReplicationStats) -> None:
    assert run.arrived_total == run.finished_total + run.abandoned_total + run.in_system_total, (
        run.seed,
        run.replication,
        run.arrived_total,
        run.finished_total,
        run.abandoned_total,
        run.in_system_total,
    )
    counted = 0
    for key, cls in run.classes.items():
        assert cls.arrived == cls.resolved + cls.abandoned + cls.in_system, (key, cls)
        assert cls.answered <= cls.arrived - cls.abandoned, (key, cls)
        assert cls.first_response.n == cls.answered, (key, cls)
        assert cls.resolution.n == cls.resolved, (key, cls)
        counted += cls.arrived
    assert counted <= run.arrived_total


CONFIGS: dict[str, Callable[[], tuple[Department, Workload]]] = {
    "mm8": lambda: (one_unit_department(8), one_stream_workload(79.68, exponential(300))),
    "mm2_overloaded": lambda: (one_unit_department(2), one_stream_workload(40, exponential(300))),
    "md3_patience": lambda: (
        one_unit_department(3),
        one_stream_workload(40, fixed(240), patience=exponential(60)),
    ),
    "mm1_fixed_patience": lambda: (
        one_unit_department(1),
        one_stream_workload(15, exponential(300), patience=fixed(120)),
    ),
}


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("warmup_hours", [0, 5])
def test_every_run_conserves_tickets(config: str, warmup_hours: int) -> None:
    """Every ticket generated is finished, abandoned or still in the system at the end, in
    total and per class (arrived = resolved + abandoned + in system)."""
    department, workload = CONFIGS[config]()
    simulation = Simulation(
        department, workload, days=1.5, warmup=datetime.timedelta(hours=warmup_hours)
    )
    for replication in range(3):
        run = simulation.run(replication, seed=11)
        assert run.arrived_total > 0
        _assert_conserved(run)
    assert not warmup_hours or sum(c.arrived for c in run.classes.values()) < run.arrived_total


# -- quantiles with a confidence interval ---------------------------------------------------

MM1_LAMBDA = 1 / 60  # per second: 60 tickets an hour
MM1_MU = 1 / 48  # per second: 48 s of handling on average, so ρ = 0.8
QUANTILES = {"p50": 0.5, "p90": 0.9, "p95": 0.95}


def _mm1_wait_quantile(q: float) -> float:
    """The ``q`` quantile of the M/M/1 wait: P(W > t) = ρ·e^(−(μ−λ)t), an atom 1 − ρ at 0."""
    rho = MM1_LAMBDA / MM1_MU
    return 0.0 if q <= 1 - rho else math.log(rho / (1 - q)) / (MM1_MU - MM1_LAMBDA)


def test_mm1_wait_quantiles_lie_in_their_intervals() -> None:
    """Each quantile of the first-response time is the mean of the replications' quantiles
    with a Student-t 95 % interval: on M/M/1 at ρ = 0.8, the exact p50, p90 and p95 of the
    wait lie inside the interval for most of 12 seeds (10 replications of 2 days each; 95 %
    intervals miss in about one seed in twenty), and within 3 standard errors of the mean
    of all 120 replications' quantiles."""
    department = one_unit_department(1)
    workload = one_stream_workload(
        MM1_LAMBDA * 3600, exponential(1 / MM1_MU), warmup=datetime.timedelta(hours=2)
    )
    inside = dict.fromkeys(QUANTILES, 0)
    values: dict[str, list[float]] = {name: [] for name in QUANTILES}
    for seed in range(12):
        result = simulate(department, workload, days=2, replications=10, seed=seed)
        kpi = result.overall.first_response
        for name, q in QUANTILES.items():
            estimate = getattr(kpi, name)
            assert estimate.n == 10
            assert estimate.half_width > 0
            inside[name] += estimate.low <= _mm1_wait_quantile(q) <= estimate.high
            values[name] += result.samples[f"overall/first_response.{name}"]
    assert all(n >= 9 for n in inside.values()), inside
    for name, q in QUANTILES.items():
        _within_3se(name, values[name], _mm1_wait_quantile(q), [])


# -- per-ticket waits against Kiefer–Wolfowitz -------------------------------------------------


def _records(simulation: Simulation, seed: int) -> tuple[ReplicationStats, list[TicketRecord]]:
    records: list[TicketRecord] = []
    stats = simulation.run(0, seed, records=records.append)
    records.sort(key=lambda r: (r.arrived, r.ticket))
    return stats, records


def _check_kiefer_wolfowitz(
    servers: int, simulation: Simulation, records: Sequence[TicketRecord]
) -> int:
    """Compare every ticket's wait with the recursion fed the engine's own arrival and
    service times; return how many tickets waited."""
    arrivals = [r.arrived for r in records]
    services = [
        (r.closed - r.first_response)
        if r.closed is not None and r.first_response is not None
        else math.inf
        for r in records
    ]
    expected = kiefer_wolfowitz(servers, arrivals, services)
    waited = 0
    for record, wait in zip(records, expected, strict=True):
        assert record.outcome in ("resolved", "open"), record
        if record.first_response is None:
            # never started: the recursion must not have started it before the end either
            assert record.arrived + wait >= simulation.horizon - 1e-9, (record, wait)
            continue
        actual = record.first_response - record.arrived
        assert abs(actual - wait) <= 1e-9, (record, wait)
        waited += actual > 0
    return waited


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("servers", [1, 2, 3, 8])
@pytest.mark.parametrize("service_kind", ["exponential", "fixed", "one_value"])
def test_waits_equal_kiefer_wolfowitz(servers: int, service_kind: str, path: str) -> None:
    """Per-ticket waits (first response − arrival, from the records) equal the
    Kiefer–Wolfowitz recursion on the engine's own arrival and service times, to 1e-9 s,
    with random (exponential), fixed and one-value empirical handling times at 95 % load;
    tickets never started are ones the recursion does not start before the end. Both the
    first-come-first-served fast path and the priority-queue path are checked."""
    mean = 300.0
    service: dict[str, Any] = {
        "exponential": exponential(mean),
        "fixed": fixed(mean),
        "one_value": {"kind": "empirical", "values": [f"{mean:.3f}s"]},
    }[service_kind]
    rate = 0.95 * servers * 3600 / mean
    queues = path == "queues"
    simulation = Simulation(
        one_unit_department(servers, queues=queues),
        one_stream_workload(rate, service, queues=queues),
        days=2.0,
        warmup=datetime.timedelta(0),
    )
    stats, records = _records(simulation, seed=servers * 7 + 1)
    assert len(records) == stats.arrived_total
    assert {r.priority for r in records} == {"normal" if queues else "-"}
    assert len({r.ticket for r in records}) == len(records)
    if service_kind != "exponential":
        services = {
            round(r.closed - r.first_response, 6)
            for r in records
            if r.closed is not None and r.first_response is not None
        }
        assert services == {mean}
    waited = _check_kiefer_wolfowitz(servers, simulation, records)
    assert waited > len(records) // 10, "too few waits for the check to mean anything"


def test_records_agree_with_the_statistics() -> None:
    """The records' first-response times, counted from the warm-up on, sum to the
    accumulated first-response total; outcomes count as the totals do."""
    simulation = Simulation(
        one_unit_department(4),
        one_stream_workload(44, exponential(300), patience=exponential(120)),
        days=2.0,
        warmup=datetime.timedelta(hours=6),
    )
    stats, records = _records(simulation, seed=5)
    counted = [r for r in records if r.arrived >= simulation.warmup]
    waits = [r.first_response - r.arrived for r in counted if r.first_response is not None]
    total = pooled(stats)
    assert len(waits) == total.answered
    assert math.fsum(waits) == pytest.approx(total.first_response.total, rel=1e-9, abs=1e-6)
    assert sum(r.outcome == "abandoned" for r in counted) == total.abandoned
    assert sum(r.outcome == "resolved" for r in records) == stats.finished_total
    assert sum(r.outcome == "abandoned" for r in records) == stats.abandoned_total
    assert sum(r.outcome == "open" for r in records) == stats.in_system_total
    for r in records:
        assert r.first_response is None or r.first_response >= r.arrived
        assert r.closed is None or (r.first_response is not None and r.closed >= r.first_response)


# -- determinism -----------------------------------------------------------------------------


def _content(stats: ReplicationStats) -> tuple[object, ...]:
    """Everything a replication measured (not which replication it was)."""
    return (
        stats.window,
        stats.classes,
        stats.units,
        stats.arrived_total,
        stats.finished_total,
        stats.abandoned_total,
        stats.in_system_total,
        stats.events,
        stats.time_in_system,
    )


def test_same_seed_gives_identical_results() -> None:
    """The same seed and replication give identical statistics and records, also from a
    fresh simulation; another seed or replication gives different ones."""
    department = one_unit_department(3)
    workload = one_stream_workload(30, exponential(300), patience=exponential(200))

    def run(seed: int, replication: int = 0) -> tuple[ReplicationStats, list[TicketRecord]]:
        simulation = Simulation(department, workload, days=1.0)
        records: list[TicketRecord] = []
        return simulation.run(replication, seed, records=records.append), records

    first, first_records = run(42)
    again, again_records = run(42)
    assert first == again
    assert first_records == again_records
    reused = Simulation(department, workload, days=1.0)
    assert _content(reused.run(0, 42)) == _content(reused.run(0, 42)) == _content(first)
    other_seed, other_records = run(43)
    assert _content(other_seed) != _content(first)
    assert [r.arrived for r in other_records] != [r.arrived for r in first_records]
    assert _content(run(42, 1)[0]) != _content(first)
