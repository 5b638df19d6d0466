"""Exact results of queueing theory, in plain Python, that the simulation is checked against.

* **Erlang C** (M/M/c): the probability that an arrival waits, the mean wait and the service
  level ``P(W ≤ t)``; computed through the Erlang B recursion, which is stable for any ``c``.
* **Erlang A** (M/M/c+M, exponential patience): the stationary distribution of the number
  in system as a birth–death chain, truncated where the remaining mass is below 1e-16;
  probability of waiting by PASTA, abandonment ``θ·E[queue]/λ`` (every abandonment is a
  queued customer whose patience ran out at rate ``θ``).
* **Kiefer–Wolfowitz**: the exact FCFS waits of ``c`` parallel servers for given arrival
  and service times, by the workload-vector recursion, in exact rational arithmetic.

Rates are per second unless a name says otherwise; any consistent unit works.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "ErlangA",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "erlang_c_mean_wait",
    "erlang_c_service_level",
    "kiefer_wolfowitz",
    "mmc_mean_in_system",
]


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability of M/M/c/c with offered load ``load = λ/μ`` (Erlang B), by the
    recursion ``B(k) = a·B(k−1) / (k + a·B(k−1))``."""
    if servers < 0 or load < 0:
        raise ValueError("servers and load must not be negative")
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival waits in M/M/c (Erlang C): ``c·B / (c − a·(1 − B))``;
    1 when the queue is unstable (``a ≥ c``)."""
    if servers < 1:
        raise ValueError("at least one server")
    if load >= servers:
        return 1.0
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1.0 - b))


def erlang_c_mean_wait(servers: int, arrival_rate: float, service_rate: float) -> float:
    """Mean wait in queue of M/M/c over all arrivals: ``C / (c·μ − λ)``."""
    load = arrival_rate / service_rate
    if load >= servers:
        return math.inf
    return erlang_c(servers, load) / (servers * service_rate - arrival_rate)


def erlang_c_service_level(
    servers: int, arrival_rate: float, service_rate: float, t: float
) -> float:
    """``P(W ≤ t)`` in M/M/c: ``1 − C·exp(−(c·μ − λ)·t)``."""
    load = arrival_rate / service_rate
    if load >= servers:
        return 0.0
    c = erlang_c(servers, load)
    return 1.0 - c * math.exp(-(servers * service_rate - arrival_rate) * t)


def mmc_mean_in_system(servers: int, arrival_rate: float, service_rate: float) -> float:
    """Mean number in system of M/M/c: ``λ/μ + λ·E[W]`` (Little's law on the queue)."""
    return arrival_rate / service_rate + arrival_rate * erlang_c_mean_wait(
        servers, arrival_rate, service_rate
    )


@dataclass(frozen=True, slots=True)
class ErlangA:
    """Stationary measures of M/M/c+M."""

    p_wait: float
    """Probability that an arrival finds every server busy (and so waits)."""
    p_abandon: float
    """Probability that an arrival abandons: ``θ·E[Q]/λ``."""
    mean_queue: float
    """Mean number waiting."""
    mean_in_system: float
    """Mean number in system (waiting or in service)."""
    mean_wait: float
    """Mean time in queue over all arrivals (served or abandoning): ``E[Q]/λ``."""


def _birth_death_law(
    servers: int, arrival_rate: float, service_rate: float, patience_rate: float
) -> list[float]:
    """The stationary law of the number in system of M/M/c+M: log π_n up to a constant,
    until the terms past the mode fall below e^-40 of the peak, then normalised."""
    logs = [0.0]
    n = 0
    peak = 0.0
    while True:
        n += 1
        death = min(n, servers) * service_rate + max(n - servers, 0) * patience_rate
        logs.append(logs[-1] + math.log(arrival_rate / death))
        peak = max(peak, logs[-1])
        if arrival_rate < death and logs[-1] < peak - 40.0:
            break
        if n > 10_000_000:
            raise ValueError("the chain does not settle; check the rates")
    weights = [math.exp(v - peak) for v in logs]
    total = math.fsum(weights)
    return [w / total for w in weights]


def erlang_a(
    servers: int, arrival_rate: float, service_rate: float, patience_rate: float
) -> ErlangA:
    """M/M/c+M with arrival rate ``λ``, service rate ``μ`` per server and patience rate
    ``θ`` (mean patience ``1/θ``). The chain's state is the number in system ``n``; it rises
    at ``λ`` and falls at ``min(n, c)·μ + max(n − c, 0)·θ``. With ``θ = 0`` this is M/M/c
    (stable only below full load)."""
    if servers < 1 or arrival_rate <= 0 or service_rate <= 0 or patience_rate < 0:
        raise ValueError("need c ≥ 1, λ > 0, μ > 0, θ ≥ 0")
    if patience_rate == 0 and arrival_rate >= servers * service_rate:
        raise ValueError("M/M/c without abandonment is unstable at this load")
    pi = _birth_death_law(servers, arrival_rate, service_rate, patience_rate)
    p_wait = math.fsum(pi[servers:])
    mean_queue = math.fsum((k - servers) * p for k, p in enumerate(pi) if k > servers)
    mean_in_system = math.fsum(k * p for k, p in enumerate(pi))
    return ErlangA(
        p_wait=p_wait,
        p_abandon=patience_rate * mean_queue / arrival_rate,
        mean_queue=mean_queue,
        mean_in_system=mean_in_system,
        mean_wait=mean_queue / arrival_rate,
    )


def erlang_a_served_within(
    servers: int, arrival_rate: float, service_rate: float, patience_rate: float, t: float
) -> float:
    """M/M/c+M: the probability that an arrival is answered with a wait of at most ``t``
    (over all arrivals, those who abandon included, as a service level "offered" counts).

    An arrival sees ``n`` in system with the stationary probability (PASTA); with ``n < c``
    it is answered at once. With ``j = n − c`` ahead it waits while each of those ahead is
    served (``c·μ`` together) or gives up (``θ`` each), and gives up itself at ``θ``: from
    ``i`` ahead the tagged customer moves to ``i − 1`` at ``c·μ + i·θ`` (from 0: answered)
    and leaves at ``θ``. The probability of being answered by ``t`` is that chain's
    transient probability, integrated here by fourth-order Runge–Kutta (the system is
    linear and smooth, so 4,000 steps are exact to about 1e-12)."""
    pi = _birth_death_law(servers, arrival_rate, service_rate, patience_rate)
    ahead = pi[servers:]  # p_j(0): j ahead on arrival
    rates = [servers * service_rate + i * patience_rate for i in range(len(ahead))]

    def slope(p: list[float]) -> tuple[list[float], float]:
        d = [-(rates[i] + patience_rate) * p[i] for i in range(len(p))]
        for i in range(len(p) - 1):
            d[i] += rates[i + 1] * p[i + 1]
        return d, rates[0] * p[0]

    steps = 4000
    h = t / steps
    p, served = list(ahead), math.fsum(pi[:servers])
    for _ in range(steps):
        k1, s1 = slope(p)
        k2, s2 = slope([x + h / 2 * k for x, k in zip(p, k1, strict=True)])
        k3, s3 = slope([x + h / 2 * k for x, k in zip(p, k2, strict=True)])
        k4, s4 = slope([x + h * k for x, k in zip(p, k3, strict=True)])
        p = [
            x + h / 6 * (a + 2 * b + 2 * c + d)
            for x, a, b, c, d in zip(p, k1, k2, k3, k4, strict=True)
        ]
        served += h / 6 * (s1 + 2 * s2 + 2 * s3 + s4)
    return served


def kiefer_wolfowitz(
    servers: int, arrivals: Sequence[float], services: Sequence[float]
) -> list[float]:
    """FCFS waits of ``servers`` parallel servers: customer ``n`` arrives at ``arrivals[n]``
    (non-decreasing) and needs ``services[n]`` (``math.inf`` for work that never ends).

    The Kiefer–Wolfowitz recursion on the sorted workload vector ``w`` (the work each server
    has left, as seen by an arrival): customer ``n`` waits ``w[0]``; then
    ``w ← sort((w + s_n·e₁ − τ_{n+1}·1)⁺)`` with ``τ`` the next interarrival time. The
    recursion runs in exact rational arithmetic on the given floats (an infinite service is
    carried as a sentinel larger than any finite workload), so the waits returned are the
    exact waits rounded once to floats."""
    if servers < 1:
        raise ValueError("at least one server")
    if len(arrivals) != len(services):
        raise ValueError("one service time per arrival")
    finite = [s for s in services if math.isfinite(s)]
    span = (arrivals[-1] - arrivals[0] if arrivals else 0.0) + math.fsum(finite)
    never = Fraction(2 * span + 1) * 1_000_000  # "infinite" work: beyond every finite one
    work = [Fraction(0)] * servers
    waits: list[float] = []
    for n, (arrival, service) in enumerate(zip(arrivals, services, strict=True)):
        if n and arrival < arrivals[n - 1]:
            raise ValueError(f"arrival {n} is earlier than arrival {n - 1}")
        wait = work[0]
        waits.append(math.inf if wait >= never // 2 else float(wait))
        work[0] += Fraction(service) if math.isfinite(service) else never
        gap = Fraction(arrivals[n + 1]) - Fraction(arrival) if n + 1 < len(arrivals) else 0
        work = sorted(max(w - gap, Fraction(0)) for w in work)
    return waits
