"""What a queue's staffing must achieve, and the fewest agents that achieve it.

A target is one of :class:`ServiceLevelTarget` ("80 % answered within 20 s"),
:class:`AnswerSpeedTarget` (an average speed of answer) and :class:`AbandonmentTarget` (the
share that may leave unanswered);
several are met together, and a maximum occupancy keeps agents from being planned busier than
people can be all day. Every figure improves as agents are added (the service level rises,
the ASA, abandonment and occupancy fall), so the fewest agents that meet every target is the
first count, counting up from the load, at which all hold; :func:`fewest_agents` finds it by
doubling and then halving the step (Erlang C counts up one agent at a time from the first
stable count, since each step is a single recursion step).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cskh_org.errors import StaffingError
from cskh_org.staffing.erlang import Figures, Queue

__all__ = [
    "AbandonmentTarget",
    "AnswerSpeedTarget",
    "Requirement",
    "ServiceLevelTarget",
    "Target",
    "fewest_agents",
    "parse_target",
]


@dataclass(frozen=True, slots=True)
class ServiceLevelTarget:
    """At least ``share`` of all arrivals answered within ``within`` seconds (``0.8``, ``20``)."""

    share: float
    within: float

    def __post_init__(self) -> None:
        _check_share("service level", self.share)
        _check_seconds("service level", self.within, zero=True)

    def met(self, figures: Figures) -> bool:
        return figures.service_level is not None and figures.service_level >= self.share


@dataclass(frozen=True, slots=True)
class AnswerSpeedTarget:
    """An average speed of answer of at most ``seconds``."""

    seconds: float

    def __post_init__(self) -> None:
        _check_seconds("average speed of answer", self.seconds, zero=True)

    @property
    def within(self) -> float:
        return 0.0

    def met(self, figures: Figures) -> bool:
        return figures.asa is not None and figures.asa <= self.seconds


@dataclass(frozen=True, slots=True)
class AbandonmentTarget:
    """At most ``share`` of arrivals leave unanswered (Erlang A; Erlang C never abandons)."""

    share: float

    def __post_init__(self) -> None:
        _check_share("abandonment", self.share)

    @property
    def within(self) -> float:
        return 0.0

    def met(self, figures: Figures) -> bool:
        return figures.abandonment is not None and figures.abandonment <= self.share


Target = ServiceLevelTarget | AnswerSpeedTarget | AbandonmentTarget


@dataclass(frozen=True, slots=True)
class Requirement:
    """The fewest agents for a queue and its targets, with the figures they give (one per
    target, in the targets' order: each at its own service-level threshold)."""

    agents: int
    figures: tuple[Figures, ...]
    binding: str
    """What set the count: ``"target 1"``… (the first target that one agent less would miss),
    ``"occupancy"`` or ``"nothing"`` (no arrivals)."""


MOST_AGENTS = 1_000_000
"""The most agents :func:`fewest_agents` tries before it says the targets cannot be met."""


def fewest_agents(
    queue: Queue, targets: Sequence[Target], *, max_occupancy: float | None = None
) -> Requirement:
    """The fewest agents with which ``queue`` meets every one of ``targets`` and keeps the
    occupancy at or below ``max_occupancy`` (a share; ``None``: no limit).

    >>> fewest_agents(Queue(1000, 180), [ServiceLevelTarget(0.8, 20)]).agents
    56
    """
    if not targets and max_occupancy is None:
        raise StaffingError.of("error.staffing.no-target")
    if max_occupancy is not None:
        _check_share("maximum occupancy", max_occupancy, one=True)
    if queue.load == 0.0:
        return Requirement(0, tuple(queue.figures(0, t.within) for t in targets), "nothing")

    def meets(n: int) -> tuple[Figures, ...] | None:
        figures = tuple(queue.figures(n, target.within) for target in targets)
        if not all(target.met(f) for target, f in zip(targets, figures, strict=True)):
            return None
        if max_occupancy is not None:
            busy = queue.figures(n).occupancy
            if busy is None or busy > max_occupancy:
                return None
        return figures

    if queue.patience_seconds is None:
        return _counted_up(queue, targets, max_occupancy)
    low = 1  # Erlang A: every count is stable
    # the answer is in (low − 1, high]: double the step until a count meets every target
    step = 1
    high = low
    while meets(high) is None:
        if high >= MOST_AGENTS:
            raise StaffingError.of("error.staffing.unreachable", most=MOST_AGENTS)
        low = high + 1
        high = min(high + step, MOST_AGENTS)
        step *= 2
    while low < high:  # the first count in [low, high] that meets them
        middle = (low + high) // 2
        if meets(middle) is None:
            low = middle + 1
        else:
            high = middle
    found = meets(high)
    assert found is not None
    return Requirement(high, found, _binding(queue, targets, high, max_occupancy))


def _counted_up(
    queue: Queue, targets: Sequence[Target], max_occupancy: float | None
) -> Requirement:
    """Erlang C: count agents up from the first stable count, one Erlang B recursion step
    per agent, keeping the figures of one agent less (to say what binds)."""
    load = queue.load
    stable = math.floor(load) + 1
    busy = stable  # the fewest agents whose occupancy a/n is at most the cap
    if max_occupancy is not None:
        busy = max(stable, math.ceil(load / max_occupancy))
        while busy > stable and load / (busy - 1) <= max_occupancy:
            busy -= 1
    blocking = 1.0
    for n in range(1, stable):  # B(stable − 1, a): below it nothing is stable
        blocking = load * blocking / (n + load * blocking)
    before: tuple[Figures, ...] | None = None
    for n in range(stable, MOST_AGENTS + 1):
        blocking = load * blocking / (n + load * blocking)
        figures = tuple(queue.erlang_c_figures(n, blocking, t.within) for t in targets)
        if n >= busy and all(t.met(f) for t, f in zip(targets, figures, strict=True)):
            return Requirement(n, figures, _first_missed(targets, before))
        before = figures
    raise StaffingError.of("error.staffing.unreachable", most=MOST_AGENTS)


def _first_missed(targets: Sequence[Target], before: tuple[Figures, ...] | None) -> str:
    """What one agent less missed: the first target (all, when it was unstable), else the
    occupancy."""
    if before is None:
        return "target 1" if targets else "occupancy"
    for number, (target, figures) in enumerate(zip(targets, before, strict=True), start=1):
        if not target.met(figures):
            return f"target {number}"
    return "occupancy"


def _binding(
    queue: Queue, targets: Sequence[Target], agents: int, max_occupancy: float | None
) -> str:
    """What one agent less would miss first."""
    if agents == 0:
        return "nothing"
    for number, target in enumerate(targets, start=1):
        if not target.met(queue.figures(agents - 1, target.within)):
            return f"target {number}"
    return "occupancy" if max_occupancy is not None else "nothing"


_SECONDS = {"s": 1.0, "m": 60.0, "h": 3600.0}


def parse_target(text: str) -> Target:
    """A target as a person writes it: ``80/20`` or ``80%/20s`` (80 % answered within 20
    seconds; ``m`` and ``h`` for minutes and hours), ``asa:15s`` (an average speed of answer
    of at most 15 seconds), ``abandon:5%`` (at most 5 % leave unanswered).

    >>> parse_target("80/20")
    ServiceLevelTarget(share=0.8, within=20.0)
    >>> parse_target("asa:1m")
    AnswerSpeedTarget(seconds=60.0)
    >>> parse_target("abandon:5%")
    AbandonmentTarget(share=0.05)
    """
    spec = text.strip().lower()
    kind, colon, rest = spec.partition(":")
    if colon and kind == "asa":
        return AnswerSpeedTarget(_parse_seconds(rest, text))
    if colon and kind in {"abandon", "abandonment"}:
        return AbandonmentTarget(_parse_percent(rest, text))
    share, slash, within = spec.partition("/")
    if slash and not colon:
        return ServiceLevelTarget(_parse_percent(share, text), _parse_seconds(within, text))
    raise StaffingError.of("error.staffing.target", text=repr(text))


def _parse_percent(part: str, text: str) -> float:
    part = part.strip().removesuffix("%")
    try:
        value = float(part)
    except ValueError:
        raise StaffingError.of("error.staffing.target", text=repr(text)) from None
    return value / 100.0


def _parse_seconds(part: str, text: str) -> float:
    part = part.strip()
    scale = _SECONDS.get(part[-1:]) if part else None
    number = part[:-1] if scale is not None else part
    try:
        value = float(number) * (scale or 1.0)
    except ValueError:
        raise StaffingError.of("error.staffing.target", text=repr(text)) from None
    return value


def _check_share(name: str, value: float, *, one: bool = False) -> None:
    if not isinstance(value, int | float) or not (0.0 < value < 1.0 or (one and value == 1.0)):
        raise StaffingError.of("error.staffing.share", name=name, value=repr(value))


def _check_seconds(name: str, value: float, *, zero: bool) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise StaffingError.of("error.staffing.number", name=name, value=repr(value))
    if value == 0 and not zero:
        raise StaffingError.of("error.staffing.number", name=name, value=repr(value))
