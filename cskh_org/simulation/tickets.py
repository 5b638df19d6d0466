"""What moves through the general kernel: tickets, follow-up jobs, and the agents of priority
stations (and of stations whose agents share their capacity between tickets)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from cskh_org.simulation.plan import AgentGroup, SlaTarget, TicketClass

__all__ = [
    "INF",
    "NO_SKILLS",
    "Agent",
    "Job",
    "Ticket",
    "allowed",
    "allowed_from",
    "due",
    "due_from",
]

INF: Final = math.inf
NO_SKILLS: Final[frozenset[str]] = frozenset()


class Ticket:
    """One ticket's state as it moves through the department."""

    __slots__ = (
        "arrived",
        "asked",
        "cls",
        "counted",
        "dues",
        "escalated",
        "first",
        "handoffs",
        "holder",
        "holders",
        "ident",
        "late",
        "leave_at",
        "level",
        "patience_at",
        "queued",
        "reopens",
        "returning",
        "rough",
        "skills",
        "taken",
        "visits",
        "waiting",
        "work",
    )

    def __init__(self, ident: int, cls: TicketClass, t: float, counted: bool) -> None:
        self.ident = ident
        self.cls = cls
        self.arrived = t
        self.counted = counted
        self.first: float | None = None
        """When an agent first started on it."""
        self.handoffs = 1  # routing is the first handoff
        self.holder = cls.unit
        self.holders: list[str] | None = None
        """Every holder visited (only when records are written)."""
        self.level = cls.level
        self.skills = cls.skills
        self.taken: frozenset[str] = NO_SKILLS
        """Escalation steps already taken (each fires at most once per ticket)."""
        self.reopens = 0
        self.visits = 0
        self.escalated = False
        self.returning: str | None = None
        """The holder a partner hands the ticket back to."""
        self.dues: dict[str, float] | None = None
        """SLA due instants worked out so far (see :func:`due`)."""
        self.patience_at = INF
        self.leave_at = INF
        self.rough = False
        """Whether ``leave_at`` is only a lower bound (see ``_waiting_escalation_at``)."""
        self.queued = t
        self.waiting = False
        self.work: tuple[float, float | None] | None = None
        """The handling time and after-contact work (``None``: none) of its first visit,
        drawn when it enters the router (see ``Replication.first_work``); ``None`` once
        that visit has started, or for a ticket routed nowhere."""
        self.asked: float | None = None
        """When the customer wrote again (reopened it) and waits for the next response
        (``None``: not waiting for one; only for a class with a next-response target)."""
        self.late = -1.0
        """The longest next-response wait so far as a share of what the target allows it, on
        the target's clock (above 1: late; -1: none yet). A share, not seconds, because a
        business-days target allows each wait its own working time."""


class Job:
    """A follow-up contact: agent time at a unit, not a ticket; on the channel of the ticket
    it follows (which gives its weight at a unit whose agents hold several tickets).
    ``time`` draws its handling time (``None``: the workload's ``follow_up.time``)."""

    __slots__ = ("channel", "skills", "time", "unit")

    def __init__(
        self,
        unit: str,
        skills: frozenset[str],
        channel: str = "-",
        time: Callable[[], float] | None = None,
    ) -> None:
        self.unit = unit
        self.skills = skills
        self.channel = channel
        self.time = time


@dataclass(slots=True)
class Agent:
    """An agent (or, at a slotted station, one of its slots) of a priority station."""

    group: AgentGroup
    free_at: float = 0.0
    busy: bool = False
    pick_at: float = INF
    used: int = 0
    """At a station that shares capacity: the capacity units its tickets take."""


def due(ticket: Ticket, target: SlaTarget) -> float:
    """When ``target`` falls due for ``ticket`` (worked out once, on first need)."""
    dues = ticket.dues
    if dues is None:
        dues = ticket.dues = {}
    due = dues.get(target.name)
    if due is None:
        due = dues[target.name] = due_from(ticket.arrived, target)
    return due


def due_from(start: float, target: SlaTarget) -> float:
    """When ``target`` falls due for a measurement that starts at ``start`` (a next response:
    the customer wrote again then)."""
    tt = target.timetable
    if tt is None:
        return start + target.within
    if target.days:
        return tt.add_days(start, target.days)
    return tt.add(start, target.within)


def allowed(ticket: Ticket, target: SlaTarget) -> float:
    """The working seconds ``target`` allows ``ticket``: its length; for business days, the
    working time from the ticket's arrival to its due instant."""
    return allowed_from(ticket.arrived, target, due(ticket, target))


def allowed_from(start: float, target: SlaTarget, deadline: float) -> float:
    """The working seconds ``target`` allows a measurement from ``start`` due at
    ``deadline``: its length; for business days, the working time between the two."""
    if not target.days:
        return target.within
    tt = target.timetable
    assert tt is not None  # business days count on a calendar
    return tt.open_time(start, deadline)
