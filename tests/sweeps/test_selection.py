"""Ranking and selection (:mod:`cskh_org.sweeps.selection`): KN with common random numbers
picks a known best in ≥ 95 % of seeded macro-replications with under half the brute-force
replications; bounds make the cheap variants infeasible; the real simulation of one-unit
M/M/c desks picks the fewest agents whose exact Erlang C service level is ≥ 0.8."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from functools import cache

import pytest

import cskh_org
from cskh_org.checks.budget import staff_costs
from cskh_org.errors import UsageError
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation.engine import Simulation
from cskh_org.simulation.results import sum_up, summarize
from cskh_org.staffing import Queue
from cskh_org.sweeps.selection import Bound, Goal, Sampler, kn_h2, select
from tests.staffing.stationary import department, workload

SLA = "overall/sla.first_response"


def normal_sampler(
    means: Mapping[str, float], seed: int, *, shared: float = 1.0, own: float = 1.0
) -> tuple[Sampler, list[int]]:
    """Normal draws with known means: a noise term shared by every variant in replication
    ``r`` (CRN) plus the variant's own, each seeded by (seed, variant, replication)."""
    asked = [0]

    def sample(keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], dict[str, float]]:
        asked[0] += len(keys)
        out = {}
        for v, r in keys:
            common = random.Random(f"{seed}/{r}").gauss(0.0, shared)
            mine = random.Random(f"{seed}/{v}/{r}").gauss(0.0, own)
            out[(v, r)] = {"y": means[v] + common + mine, "cost": means[v]}
        return out

    return sample, asked


def test_the_kn_constant_has_its_closed_form() -> None:
    # k = 2, n0 = 10, α = 0.05: (9)·((0.1)^(−2/9) − 1)
    assert kn_h2(0.05, 2, 10) == pytest.approx(9 * (0.1 ** (-2 / 9) - 1))
    assert kn_h2(0.05, 5, 10) > kn_h2(0.05, 2, 10)


def test_the_best_in_95_percent_with_under_half_the_brute_force() -> None:
    means = {f"v{i}": float(i) * 0.5 for i in range(6)}  # v0 best by 0.5 = δ
    goal = Goal("y", indifference=0.5, first=10, most=2000)
    right = used = brute = 0
    for seed in range(200):
        sample, asked = normal_sampler(means, seed)
        got = select(list(means), sample, goal)
        right += got.best == "v0"
        used += got.total
        brute += got.brute_force
        assert asked[0] == got.total
        assert got.stopped_by == "one left"
    assert right >= 190
    assert used < 0.5 * brute


def test_same_samples_same_answer() -> None:
    means = {"a": 1.0, "b": 1.2, "c": 0.9}
    goal = Goal("y", indifference=0.2, batch=3)
    one = select(list(means), normal_sampler(means, 7)[0], goal)
    two = select(list(means), normal_sampler(means, 7)[0], goal)
    assert one == two


def test_lowest_cost_subject_to_a_bound_skips_the_cheap_infeasible() -> None:
    # cost constant (no variance), "sla" noisy: the two cheapest miss 0.8
    sla = {"c1": 0.5, "c2": 0.7, "c3": 0.9, "c4": 0.95}
    cost = {"c1": 1.0, "c2": 2.0, "c3": 3.0, "c4": 4.0}

    def sample(keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], dict[str, float]]:
        return {
            (v, r): {
                "cost": cost[v],
                "sla": sla[v] + random.Random(f"{v}/{r}").gauss(0.0, 0.05),
            }
            for v, r in keys
        }

    goal = Goal("cost", subject_to=(Bound("sla", at_least=0.8),), indifference=0.5, tolerance=0.02)
    got = select(list(sla), sample, goal)
    assert got.best == "c3"
    assert set(got.infeasible) == {"c1", "c2"}
    assert "c3" in got.feasible
    assert got.means["c4"] == 4.0
    assert got.half_widths["c4"] == 0.0


def test_nothing_feasible_says_so() -> None:
    def sample(keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], dict[str, float]]:
        return {
            (v, r): {"cost": 1.0, "sla": 0.5 + random.Random(f"{v}/{r}").gauss(0, 0.05)}
            for v, r in keys
        }

    goal = Goal("cost", subject_to=(Bound("sla", at_least=0.8),), indifference=0.5, tolerance=0.02)
    got = select(["a", "b", "c"], sample, goal)
    assert got.best is None
    assert set(got.infeasible) == {"a", "b", "c"}
    assert got.feasible == ()
    assert got.stopped_by == "none feasible"


def test_constant_equal_objectives_tie_without_dividing_by_zero() -> None:
    def sample(keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], dict[str, float]]:
        return {(v, r): {"cost": 5.0} for v, r in keys}

    got = select(["x", "y"], sample, Goal("cost", indifference=1.0, first=2))
    assert got.best == "x"
    assert got.total == 4


def test_bad_goals_are_refused() -> None:
    sample = normal_sampler({"a": 0.0, "b": 0.0}, 0)[0]
    with pytest.raises(UsageError, match="indifference"):
        select(["a", "b"], sample, Goal("y"))
    with pytest.raises(UsageError, match="first 1"):
        select(["a"], sample, Goal("y", first=1))
    with pytest.raises(UsageError, match="repeat"):
        select(["a", "a"], sample, Goal("y", indifference=0.1))
    with pytest.raises(UsageError, match=r"confidence 1\.0"):
        select(["a"], sample, Goal("y", confidence=1.0))
    with pytest.raises(UsageError, match=r"tolerance 0\.0"):
        select(["a"], sample, Goal("y", subject_to=(Bound("y", at_least=0.0),)))


# The constructed M/M/c case: 240 calls an hour of 30 s (2 erlangs), 80 % within 10 s.
PER_HOUR, SECONDS, WITHIN = 240.0, 30.0, 10
AGENTS = (2, 3, 4, 5, 6)
DAYS = 0.25


def desk(agents: int) -> str:
    text = department().replace("headcount: 8", f"headcount: {agents}")
    return text + f"sla:\n  default:\n    first_response: {WITHIN}s\n"


@cache
def _simulation(agents: int) -> tuple[Simulation, Department, Workload, float]:
    dept = cskh_org.loads(desk(agents), name=f"desk{agents}.yaml")
    got = load_workload_text(workload(per_hour=PER_HOUR, seconds=SECONDS), dept, name="w.yaml")
    assert got.workload is not None, got.findings
    cost = float(sum(staff_costs(dept).values())) / 12
    return Simulation(dept, got.workload, days=DAYS), dept, got.workload, cost


def mmc_sampler(seed: int) -> Sampler:
    """The real simulation: variant ``c<n>`` is the desk with n agents; replication r with
    ``seed`` is the same random numbers in every variant."""

    def sample(keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], dict[str, float]]:
        out = {}
        for v, r in keys:
            sim, dept, wl, cost = _simulation(int(v[1:]))
            one = summarize(
                [sum_up(sim.run(r, seed))],
                department=dept,
                workload=wl,
                days=DAYS,
                warmup=sim.warmup,
                seed=seed,
            )
            out[(v, r)] = {SLA: float(one.samples[SLA][0]), "staff_cost_month": cost}
        return out

    return sample


MMC_GOAL = Goal(
    "staff_cost_month",
    subject_to=(Bound(SLA, at_least=0.8),),
    indifference=1_000_000.0,
    tolerance=0.03,
    first=5,
    most=200,
)
MMC_VARIANTS = [f"c{n}" for n in AGENTS]


def exact_best() -> str:
    queue = Queue(PER_HOUR, SECONDS)
    levels = {n: queue.figures(n, WITHIN).service_level for n in AGENTS}
    best = min(n for n, sl in levels.items() if sl is not None and sl >= 0.8)
    below = levels[best - 1]
    assert below is None or below < 0.7
    assert (levels[best] or 0) > 0.9
    return f"c{best}"


def test_the_real_simulation_picks_the_exact_erlang_answer() -> None:
    best = exact_best()
    assert best == "c4"
    for seed in range(10):
        got = select(MMC_VARIANTS, mmc_sampler(seed), MMC_GOAL)
        assert got.best == best, (seed, got)
        assert {"c2", "c3"} <= set(got.infeasible)


def test_maximising_picks_the_greatest_mean() -> None:
    means = {"a": 1.0, "b": 2.0, "c": 0.0}
    got = select(
        list(means), normal_sampler(means, 3)[0], Goal("y", minimize=False, indifference=0.5)
    )
    assert got.best == "b"
    assert got.means["b"] > got.means["a"]
