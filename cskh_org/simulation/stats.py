"""Streaming statistics of one replication: bounded accumulators, so memory stays flat
however many tickets are simulated.

Times are kept in log-spaced histograms (:class:`Histogram`): a time ``x`` seconds falls in
bin ``1 + floor(ln(1 + x) * BINS_PER_E)``; bin 0 holds exact zeros (tickets answered at
once). A quantile read from the histogram is within about 1 % of the exact one (the
relative width of a bin), while means and sums are exact. Histograms of several
replications merge by adding counts.

The kernels update the accumulators in place on their hot paths; :mod:`cskh_org.simulation.
results` turns them into KPIs.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from itertools import repeat
from typing import Final, NamedTuple

__all__ = [
    "BINS_PER_E",
    "ClassKey",
    "ClassStats",
    "Histogram",
    "ReplicationStats",
    "StageStats",
    "TicketRecord",
    "UnitStats",
    "bin_of",
]

BINS_PER_E: Final = 100
"""Histogram bins per factor e of ``1 + x``: each bin is about 1 % wide."""
_SIZE: Final = 1 + int(math.log1p(10 * 365 * 86_400.0) * BINS_PER_E) + 2
"""Bins up to ten years; longer times go to the last bin."""
_TOP: Final = _SIZE - 1
_log1p = math.log1p
_add = operator.add
_mul = operator.mul


def bin_of(seconds: float) -> int:
    """The histogram bin of a time: 0 for zero (and below), the last bin for longer times
    than it holds. :meth:`Histogram.add` counts a time in this bin (inline: it is on the
    kernels' hot path)."""
    if seconds <= 0.0:
        return 0
    i = 1 + int(math.log1p(seconds) * BINS_PER_E)
    return i if i < _TOP else _TOP


def _bin_value(index: int) -> float:
    """A representative time of a bin: the geometric middle of its edges."""
    if index == 0:
        return 0.0
    low = math.expm1((index - 1) / BINS_PER_E)
    high = math.expm1(index / BINS_PER_E)
    return math.sqrt(max(low, 0.0) * high) if low > 0 else high / 2


@dataclass(slots=True)
class Histogram:
    """Counts of times by log-spaced bin, with the exact count, sum and sum of squares.

    Only the bins counted are kept (``counts[i]`` of any other bin is 0): a class of tickets
    holds a few dozen times in a replication, spread over some 20 of the 1,959 bins, and a
    national department has thousands of classes (a dense list per histogram took 28 MB a
    replication there)."""

    counts: Counter[int] = field(default_factory=Counter)
    """The number of times in each bin counted, by bin (:func:`bin_of`)."""
    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    def add(self, seconds: float) -> None:
        """Count one time: the one histogram update, used by both kernels. Zero and negative
        times go to bin 0, times beyond the last bin to the last bin (as :func:`bin_of`)."""
        if seconds > 0.0:
            i = 1 + int(_log1p(seconds) * BINS_PER_E)
            self.counts[i if i < _TOP else _TOP] += 1
        else:
            self.counts[0] += 1
        self.n += 1
        self.total += seconds
        self.squares += seconds * seconds

    def add_all(self, values: list[float]) -> None:
        """:meth:`add` of each of ``values`` (times: never negative) in order, with C loops:
        the same bins and the same floating-point sums, for kernels that keep a batch of
        times and add it at once. Only functions called without an argument tuple
        (``filter(None)`` keeps the positive times, ``mul`` scales by the bins per e: the
        same product)."""
        if not values:
            return
        counts = self.counts
        top = _TOP
        positive = list(filter(None, values))  # (a time is never negative: 0.0 is the only false)
        if len(positive) < len(values):
            counts[0] += len(values) - len(positive)
        scaled = map(_mul, map(_log1p, positive), repeat(float(BINS_PER_E)))
        for i, n in Counter(map(int, scaled)).items():
            counts[i + 1 if i + 1 < top else top] += n
        self.n += len(values)
        self.total = reduce(_add, values, self.total)
        self.squares = reduce(_add, map(_mul, values, values), self.squares)

    def merge(self, other: Histogram) -> None:
        if not other.n:
            return
        self.counts.update(other.counts)  # (adds the counts)
        self.n += other.n
        self.total += other.total
        self.squares += other.squares

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else math.nan

    def quantile(self, q: float) -> float:
        """The ``q`` quantile (0 < q ≤ 1), to the bin: NaN when empty."""
        if not self.n:
            return math.nan
        # the first bin where the running count reaches the rank (rank > 0: a bin counted)
        rank = q * self.n
        running = 0
        bins = sorted(self.counts)
        for i in bins:
            running += self.counts[i]
            if running >= rank:
                return _bin_value(i)
        return _bin_value(bins[-1])  # (not reached: the last running count is n ≥ rank)

    def share_at_most(self, seconds: float) -> float:
        """Share of times ≤ ``seconds`` counted by whole bins (exact for 0)."""
        if not self.n:
            return math.nan
        top = bin_of(seconds)
        return sum(n for i, n in self.counts.items() if i <= top) / self.n


class ClassKey(NamedTuple):
    """The dimensions results are broken down by: the unit that first took the ticket, its
    channel, priority and tier (``-`` when the ticket schema has no such attribute)."""

    unit: str
    channel: str
    priority: str
    tier: str


@dataclass(slots=True)
class ClassStats:
    """Everything counted for the tickets of one class that arrived after the warm-up."""

    arrived: int = 0
    answered: int = 0
    """Tickets that got a first response (an agent started on them)."""
    resolved: int = 0
    abandoned: int = 0
    """Tickets whose customer gave up before a first response."""
    in_system: int = 0
    """Tickets still open when the simulation ended."""
    first_contact: int = 0
    """Resolved at the first holder in one visit and never reopened."""
    escalated: int = 0
    """Tickets that took at least one escalation step."""
    reopened: int = 0
    """Reopenings (a ticket may be reopened several times)."""
    first_response: Histogram = field(default_factory=Histogram)
    """Time from arrival to the first response (answered tickets)."""
    resolution: Histogram = field(default_factory=Histogram)
    """Time from arrival to the final resolution (resolved tickets)."""
    patience_used: float = 0.0
    """Total time abandoned tickets waited."""
    sla_met: dict[str, int] = field(default_factory=dict)
    """Per SLA target: tickets that met it (first response: answered in time; resolution:
    resolved in time)."""
    sla_counted: dict[str, int] = field(default_factory=dict)
    """Per SLA target: tickets it was measured on."""
    handoffs: list[int] = field(default_factory=lambda: [0] * 16)
    """Finished tickets by number of handoffs (routing counts one; the last slot is 15+)."""

    def merge(self, other: ClassStats) -> None:
        self.arrived += other.arrived
        self.answered += other.answered
        self.resolved += other.resolved
        self.abandoned += other.abandoned
        self.in_system += other.in_system
        self.first_contact += other.first_contact
        self.escalated += other.escalated
        self.reopened += other.reopened
        self.first_response.merge(other.first_response)
        self.resolution.merge(other.resolution)
        self.patience_used += other.patience_used
        for name, n in other.sla_met.items():
            self.sla_met[name] = self.sla_met.get(name, 0) + n
        for name, n in other.sla_counted.items():
            self.sla_counted[name] = self.sla_counted.get(name, 0) + n
        for i, n in enumerate(other.handoffs):
            self.handoffs[i] += n


@dataclass(slots=True)
class UnitStats:
    """Load on one unit within the measured window (after the warm-up)."""

    agents: float = 0.0
    """Agents (FTE) on the unit's staff lines."""
    available: float = 0.0
    """Agent-seconds the agents were at work in the window."""
    busy: float = 0.0
    """Agent-seconds spent on tickets and follow-ups started in the window."""
    visits: int = 0
    """Visits served (a ticket may visit a unit several times)."""
    follow_ups: int = 0
    """Follow-up contacts made: the workload's ``follow_up`` at the resolving unit and the
    follow-up steps' (on ``resolved``) at their ``to`` unit."""
    timed: bool = False
    """Whether some of its agents work by a timetable (else no work is ever overtime)."""
    overtime: float = 0.0
    """Agent-seconds worked off duty in the window: services (visits, after-contact work,
    follow-ups) started on duty that ran past its end."""
    overruns: int = 0
    """Services started in the window that ran past the end of their agent's duty."""
    queue_area: list[float] = field(default_factory=list)
    """Per hour of the window: ticket-seconds spent waiting (÷ 3600 is the mean queue
    length in that hour)."""
    staff_cost_per_day: float = 0.0
    """Staff cost of the unit per day, in the department's currency."""


@dataclass(slots=True)
class StageStats:
    """The tickets of one category that arrived after the warm-up at one self-service
    stage: those that entered it, those it resolved (contained) and those it handed to the
    router (the rest were still in it when the simulation ended)."""

    entered: int = 0
    contained: int = 0
    handed: int = 0

    def merge(self, other: StageStats) -> None:
        self.entered += other.entered
        self.contained += other.contained
        self.handed += other.handed


@dataclass(slots=True)
class ReplicationStats:
    """The accumulators of one replication."""

    replication: int
    seed: int
    window: float
    """Measured seconds: the horizon minus the warm-up."""
    classes: dict[ClassKey, ClassStats] = field(default_factory=dict)
    units: dict[str, UnitStats] = field(default_factory=dict)
    arrived_total: int = 0
    """Every ticket generated, warm-up included (conservation is checked on these)."""
    finished_total: int = 0
    abandoned_total: int = 0
    in_system_total: int = 0
    events: int = 0
    """Events the engine processed."""
    time_in_system: float = 0.0
    """Ticket-seconds in the system within the window (Little's law: ÷ window is L)."""
    self_service: dict[tuple[str, str], StageStats] = field(default_factory=dict)
    """Per self-service stage and ticket category (``-``: none): what the stage did with
    the tickets that arrived after the warm-up (contained tickets are in no class's
    accumulators: they never reached the router)."""


@dataclass(frozen=True, slots=True)
class TicketRecord:
    """One finished (or still open) ticket, written only when per-ticket records are asked
    for. Times are seconds from the simulated start."""

    replication: int
    ticket: int
    stream: str
    unit: str
    """The unit routing sent it to."""
    channel: str
    priority: str
    tier: str
    category: str
    arrived: float
    first_response: float | None
    """When an agent first started on it (``None``: never)."""
    closed: float | None
    """When it was finally resolved (``None``: abandoned or still open)."""
    outcome: str
    """``resolved``, ``abandoned``, ``open`` or ``contained`` (resolved in self-service)."""
    handoffs: int
    holders: tuple[str, ...]
    """Every holder it visited, in order."""
    reopens: int
    sla_met: dict[str, bool]
    """Per measured SLA target: met or not."""
    skills: tuple[str, ...] = ()
    """The skills routing asked of the agent who takes it, sorted."""
