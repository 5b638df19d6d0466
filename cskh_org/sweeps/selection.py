"""Ranking and selection: the best variant by one KPI, subject to bounds on others, with a
stated confidence and as few replications as the data allow.

The procedure
-------------
* **Selection** is the fully sequential procedure **KN** of Kim & Nelson (2001), "A fully
  sequential procedure for indifference-zone selection in simulation", *ACM TOMACS* 11(3).
  With ``k`` variants, a first stage of ``n0`` replications each and an indifference zone
  ``δ``, pairs are compared on their per-replication differences (common random numbers:
  replication ``r`` is the same random numbers in every variant). With
  ``h² = (n0 − 1)·((2α/(k − 1))^(−2/(n0 − 1)) − 1)`` (KN with ``c = 1``) and ``S²_il`` the
  sample variance of ``Y_i − Y_l`` over the first ``n0`` replications, variant ``i`` is
  eliminated by ``l`` at replication ``r`` when ``Σ_{j≤r} (Y_ij − Y_lj)`` (minimising; the
  opposite sign when maximising) exceeds ``max(0, h²·S²_il/(2δ) − δ·r/2)``.
  **Guarantee**: if the replication outputs are normal (jointly, across variants, as CRN
  makes them) and the best mean is at least ``δ`` better than every other, the variant
  chosen is the best with probability ≥ ``1 − α``.
* **Feasibility** of each bound is the sequential test of Andradóttir & Kim (2010),
  "Fully sequential procedures for comparing constrained systems via simulation", *Naval
  Research Logistics* 57(5), as in Batur & Kim (2010), "Finding feasible systems in the
  presence of constraints on multiple performance measures", *ACM TOMACS* 20(3): for a bound
  ``q`` with tolerance ``ε``, the partial sum ``Σ_{j≤r} (Y_j − q)`` (signed so that positive is
  the wrong side) is watched against ``±R(r)``, ``R(r) = max(0, h_f²·S²/(2ε) − ε·r/2)``,
  ``h_f² = (n0 − 1)·((2β)^(−2/(n0 − 1)) − 1)``; below ``−R(r)`` the bound is declared met,
  above ``R(r)`` missed. **Guarantee**: a variant whose mean is on the right side by ``ε`` or
  more is declared feasible, one on the wrong side by ``ε`` or more infeasible, each with
  probability ≥ ``1 − β`` (normal outputs); between, either answer is acceptable.
* **The error is split by Bonferroni**: half of ``α = 1 − confidence`` for feasibility, shared
  equally by the ``k·m`` tests (``β = α/(2·k·m)``, ``m`` bounds), and half for selection among
  the feasible variants (KN with ``α/2``). A variant is eliminated only by one already declared
  feasible (Andradóttir & Kim's rule), so an infeasible variant never removes a good one.
* **Screening first**: the first check is at ``r = n0``, so clearly infeasible and clearly
  worse variants are dropped before a single further replication.
* **A KPI constant across replications** (``staff_cost_month``) has no variance: ``R(r) = 0``,
  so its comparison is exact (a bound is met or missed by the value itself; of two variants
  the worse is eliminated at once; two equal ones are a tie, and the one listed later is
  eliminated). No division by a variance ever happens.

The sampler is asked in batches: all survivors' next ``batch`` replications at once (the lead
runs them in parallel on any executor). The same inputs and the same samples give the same
answer: every loop runs in the order of ``variants``.

**Brute force** (:attr:`Selected.brute_force`) is the size a fixed-sample design with the
same constants would need: ``k × N``, ``N`` the replication at which every triangular region
of the first stage would close (``max(n0, ⌈h²·S²/δ²⌉, ⌈h_f²·S²/ε²⌉)`` over the pairs and the
bounds, capped at ``most``) — the fixed sample that gives the same guarantee with the same
first-stage variances.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Bound", "Goal", "Sampler", "Selected", "kn_h2", "select"]

Sampler = Callable[[Sequence[tuple[str, int]]], Mapping[tuple[str, int], Mapping[str, float]]]
"""Asked ``[(variant, replication), …]``, returns each one's KPIs by name; replication ``r``
is the same random numbers in every variant (common random numbers)."""


@dataclass(frozen=True)
class Bound:
    """A constraint on a KPI's mean: at least ``at_least`` and/or at most ``at_most``."""

    kpi: str
    at_least: float | None = None
    at_most: float | None = None


@dataclass(frozen=True)
class Goal:
    """What to choose: the variant of least (or greatest) mean ``kpi`` among those meeting
    ``subject_to``; ``indifference`` is KN's ``δ`` (required > 0 with more than one variant),
    ``tolerance`` the bounds' ``ε``; ``first`` is ``n0`` (≥ 2), ``most`` the replications a
    variant may take at most, ``batch`` the replications asked of each survivor at once."""

    kpi: str
    minimize: bool = True
    subject_to: tuple[Bound, ...] = ()
    indifference: float = 0.0
    tolerance: float = 0.0
    confidence: float = 0.95
    first: int = 10
    most: int = 1000
    batch: int = 1


@dataclass(frozen=True)
class Selected:
    """The answer: ``best`` (``None`` when no variant is feasible), the variants declared
    feasible and infeasible, those eliminated (and at which replication), the replications
    each variant took, their total against :attr:`brute_force` (see the module), the stated
    ``confidence``, each variant's mean objective and its 95 % half-width, and what
    stopped the procedure (``"one left"``, ``"none feasible"`` or ``"most reached"``)."""

    best: str | None
    feasible: tuple[str, ...]
    infeasible: tuple[str, ...]
    eliminated: tuple[tuple[str, int], ...]
    replications: Mapping[str, int]
    total: int
    brute_force: int
    confidence: float
    means: Mapping[str, float]
    half_widths: Mapping[str, float]
    stopped_by: str
    undecided: tuple[str, ...] = field(default=())
    """Variants whose feasibility was still open when ``most`` was reached."""


def kn_h2(alpha: float, k: int, n0: int) -> float:
    """KN's constant with ``c = 1``: ``h² = (n0 − 1)·((2α/(k − 1))^(−2/(n0 − 1)) − 1)``
    (``k = 2`` gives the one-test constant of a feasibility check with error ``α``)."""
    return float((n0 - 1) * ((2.0 * alpha / (k - 1)) ** (-2.0 / (n0 - 1)) - 1.0))


def _check(variants: Sequence[str], goal: Goal) -> None:
    from cskh_org.errors import UsageError

    if len(set(variants)) != len(variants):
        raise UsageError.of("error.selection.repeat")
    if not 0.0 < goal.confidence < 1.0:
        raise UsageError.of("error.selection.confidence", value=goal.confidence)
    if goal.first < 2 or goal.most < goal.first or goal.batch < 1:
        raise UsageError.of(
            "error.selection.counts", first=goal.first, most=goal.most, batch=goal.batch
        )
    if len(variants) > 1 and not goal.indifference > 0.0:
        raise UsageError.of("error.selection.indifference", value=goal.indifference)
    if goal.subject_to and not goal.tolerance > 0.0:
        raise UsageError.of("error.selection.tolerance", value=goal.tolerance)


def _var(xs: Sequence[float]) -> float:
    v = statistics.variance(xs)
    return v if v > 1e-300 else 0.0


def _tests(goal: Goal) -> list[tuple[str, float, float]]:
    """Each one-sided test as (kpi, bound, sign): the wrong side is ``sign·(Y − q) > 0``."""
    out: list[tuple[str, float, float]] = []
    for b in goal.subject_to:
        if b.at_least is not None:
            out.append((b.kpi, b.at_least, -1.0))
        if b.at_most is not None:
            out.append((b.kpi, b.at_most, 1.0))
    return out


def select(variants: Sequence[str], sample: Sampler, goal: Goal) -> Selected:
    """Run the procedure of the module on ``variants``, asking ``sample`` for replications."""
    _check(variants, goal)
    k = len(variants)
    tests = _tests(goal)
    m = len(tests)
    alpha = 1.0 - goal.confidence
    a_sel = alpha / 2.0 if m else alpha
    a_feas = alpha / 2.0 if m else 0.0
    n0 = goal.first
    h2 = kn_h2(a_sel, k, n0) if k > 1 else 0.0
    hf2 = kn_h2(a_feas / (k * m), 2, n0) if m else 0.0
    delta, eps = goal.indifference, goal.tolerance
    sign = 1.0 if goal.minimize else -1.0

    data: dict[str, list[Mapping[str, float]]] = {v: [] for v in variants}

    def ask(who: Sequence[str], start: int, stop: int) -> None:
        keys = [(v, r) for r in range(start, stop) for v in who]
        got = sample(keys)
        for r in range(start, stop):
            for v in who:
                data[v].append(got[(v, r)])

    # State: feasibility per (variant, test) -> None open / True met / False missed.
    status: dict[str, list[bool | None]] = {v: [None] * m for v in variants}
    alive = list(variants)  # neither infeasible nor eliminated
    infeasible: list[str] = []
    eliminated: list[tuple[str, int]] = []
    ask(alive, 0, n0)
    y = {v: [sign * float(x[goal.kpi]) for x in data[v]] for v in variants}
    s2f = {
        (v, t): _var([float(x[tests[t][0]]) for x in data[v]]) for v in variants for t in range(m)
    }
    s2 = {
        (i, j): _var([a - b for a, b in zip(y[i], y[j], strict=True)])
        for i in variants
        for j in variants
        if i != j
    }
    sums_f = {(v, t): 0.0 for v in variants for t in range(m)}
    sums = dict.fromkeys(s2, 0.0)
    need = n0
    for s in s2f.values():
        need = max(need, math.ceil(hf2 * s / eps**2) if s else n0)
    for s in s2.values():
        need = max(need, math.ceil(h2 * s / delta**2) if s else n0)
    brute = k * min(need, goal.most)

    def feasible(v: str) -> bool:
        return all(s is True for s in status[v])

    r = 0  # replications seen by every alive variant
    stopped = ""
    while True:
        have = len(data[alive[0]]) if alive else r
        while r < have:
            r += 1
            for v in list(alive):
                for t, (kpi, q, sg) in enumerate(tests):
                    if status[v][t] is not None:
                        continue
                    sums_f[(v, t)] += sg * (float(data[v][r - 1][kpi]) - q)
                    if r < n0:
                        continue
                    edge = max(0.0, hf2 * s2f[(v, t)] / (2 * eps) - eps * r / 2)
                    total_f = sums_f[(v, t)]
                    if total_f < -edge or (edge == 0.0 and total_f <= 0.0):
                        status[v][t] = True
                    elif total_f > edge:
                        status[v][t] = False
                if any(s is False for s in status[v]):
                    alive.remove(v)
                    infeasible.append(v)
            for i in alive:
                for j in alive:
                    if i != j:
                        sums[(i, j)] += y[i][r - 1] - y[j][r - 1] if r > n0 else 0.0
            if r == n0:
                for i in alive:
                    for j in alive:
                        if i != j:
                            sums[(i, j)] = sum(a - b for a, b in zip(y[i], y[j], strict=True))
            if r < n0:
                continue
            out: list[str] = []
            for i in alive:
                for j in alive:
                    if i == j or j in out or not feasible(j):
                        continue
                    edge = max(0.0, h2 * s2[(i, j)] / (2 * delta) - delta * r / 2)
                    d = sums[(i, j)]
                    tie_later = d == 0.0 and edge == 0.0 and variants.index(i) > variants.index(j)
                    if d > edge or tie_later:
                        out.append(i)
                        break
            for i in out:
                alive.remove(i)
                eliminated.append((i, r))
        if not alive:
            stopped = "none feasible"
            break
        if len(alive) == 1 and feasible(alive[0]):
            stopped = "one left"
            break
        if r >= goal.most:
            stopped = "most reached"
            break
        stop = min(r + goal.batch, goal.most)
        ask(alive, r, stop)
        for v in alive:
            y[v] = [sign * float(x[goal.kpi]) for x in data[v]]

    means = {v: sign * statistics.fmean(y[v]) for v in variants}
    z = statistics.NormalDist().inv_cdf(0.975)
    half = {v: z * math.sqrt(_var(y[v]) / len(y[v])) for v in variants}
    best: str | None = None
    undecided: tuple[str, ...] = ()
    if alive:
        decided = [v for v in alive if feasible(v)]
        undecided = tuple(v for v in alive if not feasible(v))
        pool = decided or list(alive)
        best = min(pool, key=lambda v: (sign * means[v], variants.index(v)))
    feas = tuple(v for v in variants if feasible(v))
    reps = {v: len(data[v]) for v in variants}
    return Selected(
        best=best,
        feasible=feas,
        infeasible=tuple(infeasible),
        eliminated=tuple(eliminated),
        replications=reps,
        total=sum(reps.values()),
        brute_force=brute,
        confidence=goal.confidence,
        means=means,
        half_widths=half,
        stopped_by=stopped,
        undecided=undecided,
    )
