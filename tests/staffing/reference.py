"""Plain evaluations of Erlang B, C and A that the staffing engine is checked against.

Nothing here shares a formula with :mod:`cskh_org.staffing.erlang`:

* Erlang B and C by their definitions, as sums of ``a^k/k!`` in 60-digit decimal arithmetic;
* Erlang A from the birth–death chain of the number in system, its weights multiplied out one
  by one and truncated where they are negligible; the tagged arrival's wait by following its
  own chain (``i`` tickets ahead of it; each is answered or leaves, and it may leave itself):
  the answered share and the mean answered wait by a recursion over ``i``, the share answered
  within ``t`` by uniformisation (a Poisson number of jumps of the chain).
"""

from __future__ import annotations

import math
from decimal import Context, Decimal, localcontext

__all__ = ["exact_erlang_b", "exact_erlang_c", "exact_service_level_c", "tagged_erlang_a"]


def _poisson_terms(agents: int, load: float) -> list[Decimal]:
    """``a^k/k!`` for ``k`` = 0…agents, in 60 significant digits (the float ``load`` exactly)."""
    a = Decimal(load)
    terms = [Decimal(1)]
    for k in range(1, agents + 1):
        terms.append(terms[-1] * a / k)
    return terms


def exact_erlang_b(agents: int, load: float) -> float:
    with localcontext(Context(prec=60)):
        terms = _poisson_terms(agents, load)
        return float(terms[-1] / sum(terms))


def exact_erlang_c(agents: int, load: float) -> float:
    with localcontext(Context(prec=60)):
        terms = _poisson_terms(agents, load)
        top = terms[-1] * agents / (agents - Decimal(load))
        return float(top / (sum(terms[:-1]) + top))


def exact_service_level_c(agents: int, load: float, handle: float, within: float) -> float:
    c = exact_erlang_c(agents, load)
    return 1.0 - c * math.exp(-(agents - load) * within / handle)


def _chain(agents: int, lam: float, mu: float, theta: float) -> list[float]:
    """The stationary law of the number in system, weights multiplied out one by one."""
    weights = [1.0]
    k = 0
    while True:
        k += 1
        death = min(k, agents) * mu + max(k - agents, 0) * theta
        weights.append(weights[-1] * lam / death)
        if k > agents and lam < death and weights[-1] < 1e-18 * max(weights):
            break
    total = math.fsum(weights)
    return [w / total for w in weights]


def tagged_erlang_a(
    agents: int, lam: float, mu: float, theta: float, within: float
) -> tuple[float, float, float, float]:
    """``(P(wait), P(abandon), service level within t, ASA)`` of M/M/n+M (rates per second)."""
    pi = _chain(agents, lam, mu, theta)
    ahead = pi[agents:]
    move = [agents * mu + i * theta for i in range(len(ahead))]  # i ahead → i − 1 (or answered)
    out = [m + theta for m in move]  # any jump, its own abandonment included
    answered_from: list[float] = []
    wait_from: list[float] = []  # E[wait · 1{answered}] from i ahead
    for i in range(len(ahead)):
        before_m = answered_from[-1] if i else 1.0
        before_q = wait_from[-1] if i else 0.0
        p = move[i] / out[i]
        answered_from.append(p * before_m)
        wait_from.append(p * (before_m / out[i] + before_q))
    at_once = math.fsum(pi[:agents])
    answered = at_once + math.fsum(w * m for w, m in zip(ahead, answered_from, strict=True))
    asa = math.fsum(w * q for w, q in zip(ahead, wait_from, strict=True)) / answered
    p_wait = math.fsum(ahead)
    p_abandon = p_wait - (answered - at_once)
    if within == 0:
        return p_wait, p_abandon, at_once, asa
    # uniformisation of the tagged chain: a jump every Exp(top) (some jumps stay put)
    top = max(out)
    state = list(ahead)
    late = 0.0
    mass = top * within
    log_weight = -mass
    k = 0
    reached = 0.0  # P(answered by the k-th jump), accumulated over the Poisson jumps
    while True:
        weight = math.exp(log_weight)
        late += weight * reached
        if k > mass and weight < 1e-18:
            break
        reached += state[0] * move[0] / top
        new = [s * (1.0 - out[i] / top) for i, s in enumerate(state)]
        for i in range(1, len(state)):
            new[i - 1] += state[i] * move[i] / top
        state = new
        k += 1
        if mass / k == 0.0:  # a target so short (a subnormal) that no jump fits in it
            break
        log_weight += math.log(mass / k)
    return p_wait, p_abandon, at_once + late, asa
