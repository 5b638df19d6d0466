"""Erlang B, C and A: the exact steady-state figures of one staffed queue.

Semantics, in one place:

* A queue is tickets arriving at random (Poisson, ``λ`` per hour), each holding an agent for an
  exponential time of mean ``h`` seconds; the **offered load** is ``a = λ·h`` in erlangs (the
  agents the work would keep busy all the time). ``n`` agents answer first come, first served.
* **Erlang C** (M/M/n): tickets wait as long as it takes. With ``a ≥ n`` the queue grows
  without end: the figures are *unstable* (:attr:`Figures.stable` is false and every figure
  is ``None``), never a number.
* **Erlang A** (M/M/n+M): a waiting ticket leaves after an exponential patience of mean ``p``
  seconds (``θ = 1/p``), so the queue is stable at any load.
* The **service level** is the share of *all* arrivals answered within ``t`` seconds: a
  ticket that abandons counts as missed, however early it left. For Erlang C it is
  ``P(W ≤ t)``. **ASA** is the mean wait of the tickets that were answered (those answered at
  once count with 0). **AbandonmentTarget** is the share of arrivals that leave unanswered.
  **Occupancy** is the share of the agents' time spent on tickets (answered load / ``n``).

How, without factorials (stable for thousands of agents):

* Erlang B by its recursion ``B(k) = a·B(k−1) / (k + a·B(k−1))``; Erlang C from it,
  ``C = n·B / (n − a·(1 − B))``, and ``SL(t) = 1 − C·e^{−(n−a)·t/h}``, ``ASA·P(answered at
  once or after a wait) = C·h/(n − a)``.
* Erlang A from the birth–death chain of the number in system: below ``n`` its weights sum to
  ``π_n / B(n, a)``; above, ``π_{n+j} = π_n·Π_{i≤j} λ/(nμ + iθ)``. An arrival finding ``j``
  waiting is answered with probability ``nμ / (nμ + (j+1)θ)``; summed over ``j``, the time it
  waits before an answer has the density ``(π_n/Z)·nμ·e^{−nμ·s + (λ/θ)(1 − e^{−θs})}``,
  whose integral up to ``t`` is a series in ``x = (λ/θ)·e^{−θt}`` (a confluent
  hypergeometric series, the incomplete gamma function in disguise). Every series is summed in
  logarithms, term by term, until its terms are past their peak and below 1e-17 of the sum.

The reference evaluations in ``tests/staffing`` (exact rational arithmetic for Erlang B and C,
the birth–death chain integrated step by step for Erlang A) agree with these to 1e-9.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cskh_org.errors import StaffingError

__all__ = ["Figures", "Queue", "erlang_b", "erlang_c"]

_TAIL = math.log(1e-17)
"""A series stops when its terms are falling and below this share of the sum (in logs)."""

_MOST_TERMS = 2_000_000
"""The longest series Erlang A sums: about ``(λ − nμ)/θ`` (the tickets that would be waiting,
above full load) plus ten times ``√(λ/θ)``; no queue of people comes near it, so a longer one
is refused as a mistake in the units."""


def erlang_b(agents: int, load: float) -> float:
    """Erlang B: the probability that all of ``agents`` are busy in a loss system offered
    ``load`` erlangs (M/M/n/n), by the recursion (stable for any size).

    >>> round(erlang_b(10, 5.0), 6)
    0.018385
    """
    _check_agents(agents)
    _check_load(load)
    b = 1.0
    for k in range(1, agents + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(agents: int, load: float) -> float | None:
    """Erlang C: the probability that a ticket waits in M/M/n offered ``load`` erlangs;
    ``None`` when the queue is unstable (``load ≥ agents``).

    >>> round(erlang_c(56, 50.0), 6)
    0.309348
    >>> erlang_c(50, 50.0) is None
    True
    """
    _check_agents(agents)
    _check_load(load)
    if load >= agents:
        return None
    b = erlang_b(agents, load)
    return agents * b / (agents - load * (1.0 - b))


@dataclass(frozen=True, slots=True)
class Figures:
    """The steady-state figures of a queue with :attr:`agents` agents (see the module's
    semantics). When :attr:`stable` is false (Erlang C at or above full load) every figure is
    ``None``."""

    agents: int
    load: float
    """Offered load, erlangs."""
    stable: bool
    waiting: float | None
    """Share of arrivals that find every agent busy and wait."""
    service_level: float | None
    """Share of all arrivals answered within :attr:`answer_within` seconds."""
    answer_within: float
    """The service level's threshold, seconds."""
    asa: float | None
    """Average speed of answer: mean wait of the answered tickets, seconds."""
    abandonment: float | None
    """Share of arrivals that leave before an answer (0 for Erlang C)."""
    occupancy: float | None
    """Share of the agents' time on tickets."""


@dataclass(frozen=True, slots=True)
class Queue:
    """One queue: ``arrivals_per_hour`` tickets, each holding an agent ``handle_seconds`` on
    average, waiting with a mean patience of ``patience_seconds`` (``None``: forever, Erlang
    C; a number: Erlang A)."""

    arrivals_per_hour: float
    handle_seconds: float
    patience_seconds: float | None = None

    def __post_init__(self) -> None:
        _check_number("arrivals_per_hour", self.arrivals_per_hour, zero=True)
        _check_number("handle_seconds", self.handle_seconds, zero=False)
        if self.patience_seconds is not None:
            _check_number("patience_seconds", self.patience_seconds, zero=False)

    @property
    def load(self) -> float:
        """Offered load in erlangs: ``λ·h``."""
        return self.arrivals_per_hour * self.handle_seconds / 3600.0

    def figures(self, agents: int, answer_within: float = 20.0) -> Figures:
        """The figures with ``agents`` agents, the service level counted within
        ``answer_within`` seconds."""
        _check_agents(agents)
        _check_number("answer_within", answer_within, zero=True)
        if self.patience_seconds is None:
            return self._erlang_c(agents, answer_within)
        return self._erlang_a(agents, answer_within, self.patience_seconds)

    def _erlang_c(self, n: int, t: float) -> Figures:
        return self.erlang_c_figures(n, erlang_b(n, self.load), t)

    def erlang_c_figures(self, n: int, blocking: float, t: float) -> Figures:
        """The Erlang C figures with ``n`` agents from Erlang B's ``B(n, a)`` (``blocking``),
        so that a search counting agents up takes one recursion step per agent."""
        a, h = self.load, self.handle_seconds
        if a == 0.0:  # nothing arrives: nothing waits, whatever the agents
            return Figures(n, a, True, 0.0, 1.0, t, 0.0, 0.0, 0.0 if n else None)
        if a >= n:
            return Figures(n, a, False, None, None, t, None, None, None)
        c = n * blocking / (n - a * (1.0 - blocking))
        level = 1.0 - c * math.exp(-(n - a) * t / h)
        return Figures(n, a, True, c, level, t, c * h / (n - a), 0.0, a / n)

    def _erlang_a(self, n: int, t: float, patience: float) -> Figures:
        a, h = self.load, self.handle_seconds
        if a == 0.0:
            return Figures(n, a, True, 0.0, 1.0, t, 0.0, 0.0, 0.0 if n else None)
        theta = 1.0 / patience
        x = self.arrivals_per_hour / 3600.0 * patience  # λ/θ
        s = n * patience / h + 1.0  # nμ/θ + 1
        if x - s + 10.0 * math.sqrt(x) > _MOST_TERMS:  # the series' length, about
            raise StaffingError.of(
                "error.staffing.absurd-queue", waiting=max(x - s, 0.0), most=_MOST_TERMS
            )
        sums = _QueueSums(x, s)
        # log(Z/π_n): the weights up to n sum to π_n/B(n, a), then the queue's
        log_below = -math.log(erlang_b(n, a))
        log_z = _log_add(log_below, sums.log_queue)
        log_all_busy = _log_add(0.0, sums.log_queue) - log_z  # P(N ≥ n), with π_n itself
        abandonment = math.exp(sums.log_mean_queue - log_z) / x  # θ·E[Q]/λ
        if n == 0:
            return Figures(0, a, True, 1.0, 0.0, t, None, abandonment, None)
        at_once = -math.expm1(log_all_busy)  # P(N < n)
        answered_late = math.exp(math.log(s - 1.0) + sums.log_h - log_z)
        within = 0.0
        if t > 0:  # answered late within t: (s−1)·[H(x) − e^{x − x_t − sθt}·H(x_t)]·π_n/Z
            xt = x * math.exp(-theta * t)
            late = math.exp(x - xt - s * theta * t + _log_h(xt, s) - sums.log_h)
            within = answered_late * max(0.0, 1.0 - late)
        answered = at_once + answered_late
        wait = math.exp(sums.log_answered_wait - log_z) * patience
        return Figures(
            agents=n,
            load=a,
            stable=True,
            waiting=math.exp(log_all_busy),
            service_level=at_once + within,
            answer_within=t,
            asa=wait / answered,
            abandonment=abandonment,
            occupancy=a * (1.0 - abandonment) / n,
        )


class _QueueSums:
    """The series of the queue part of M/M/n+M in ``x = λ/θ`` and ``s = nμ/θ + 1``, with the
    weights ``w_0 = 1``, ``w_j = w_{j−1}·x/(s+j−1)`` (``π_{n+j}/π_n``), in logarithms:

    * ``log_queue``: ``Σ_{j≥1} w_j``; ``log_mean_queue``: ``Σ_{j≥1} j·w_j``;
    * ``log_h``: ``H(x) = Σ_{j≥0} w_j/(s+j)``, so ``(s−1)·H(x)`` is the answered share
      after a wait (an arrival finding ``j`` waiting is answered with ``(s−1)/(s+j)``);
    * ``log_answered_wait``: ``Σ_{j≥0} w_j·(s−1)/(s+j)·Σ_{i=1}^{j+1} 1/(s−1+i)``, the mean
      wait before an answer (in units of the mean patience), answered tickets only."""

    __slots__ = ("log_answered_wait", "log_h", "log_mean_queue", "log_queue")

    def __init__(self, x: float, s: float) -> None:
        queue: list[float] = []
        mean: list[float] = []
        h = [-math.log(s)]
        answers = s > 1.0  # no agent (s = 1): nothing is answered, there is no answered wait
        wait = [math.log((s - 1.0) / s) + math.log(1.0 / s)] if answers else []
        log_w = 0.0
        harmonic = 1.0 / s
        top = h[0]
        for j in range(1, _MOST_TERMS + 1):
            log_w += math.log(x / (s + j - 1))
            harmonic += 1.0 / (s + j)
            queue.append(log_w)
            mean.append(log_w + math.log(j))
            log_h = log_w - math.log(s + j)
            h.append(log_h)
            if answers:
                wait.append(log_h + math.log((s - 1.0) * harmonic))
            top = max(top, log_w)
            if s + j > x and log_w - top < _TAIL:
                break
        self.log_queue = _log_sum(queue)
        self.log_mean_queue = _log_sum(mean)
        self.log_h = _log_sum(h)
        self.log_answered_wait = _log_sum(wait)


def _log_h(x: float, s: float) -> float:
    """``log H(x)``, ``H(x) = Σ_{k≥0} x^k / Π_{i≤k}(s+i)`` (``e^x·x^{−s}·γ(s, x)``)."""
    log_term = -math.log(s)
    if x == 0.0:
        return log_term
    terms = [log_term]
    top = log_term
    for k in range(1, _MOST_TERMS + 1):
        log_term += math.log(x / (s + k))
        terms.append(log_term)
        top = max(top, log_term)
        if s + k > x and log_term - top < _TAIL:
            break
    return _log_sum(terms)


def _log_sum(logs: list[float]) -> float:
    if not logs:
        return -math.inf
    top = max(logs)
    return top + math.log(math.fsum(math.exp(v - top) for v in logs))


def _log_add(a: float, b: float) -> float:
    top = max(a, b)
    if top == -math.inf:
        return top
    return top + math.log(math.exp(a - top) + math.exp(b - top))


def _check_agents(agents: int) -> None:
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise StaffingError.of("error.staffing.agents", agents=repr(agents))


def _check_load(load: float) -> None:
    if not math.isfinite(load) or load < 0:
        raise StaffingError.of("error.staffing.number", name="load", value=repr(load))


def _check_number(name: str, value: float, *, zero: bool) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
        or (value == 0 and not zero)
    ):
        raise StaffingError.of("error.staffing.number", name=name, value=repr(value))
