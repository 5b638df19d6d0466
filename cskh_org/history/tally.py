"""A running count of past tickets: how many, over which period, by channel and by unit,
how many answered and solved; added to one ticket at a time, so it holds any number."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from cskh_org.model.history import PastTicket

__all__ = ["Tally"]


@dataclass(slots=True)
class Tally:
    """Counts of the tickets added so far."""

    tickets: int = 0
    first: dt.datetime | None = None
    """The earliest creation time (UTC)."""
    last: dt.datetime | None = None
    """The latest creation time (UTC)."""
    answered: int = 0
    """Tickets with a first reply."""
    solved: int = 0
    reopened: int = 0
    """Tickets reopened at least once."""
    by_channel: Counter[str | None] = field(default_factory=Counter)
    by_unit: Counter[str | None] = field(default_factory=Counter)

    def add(self, ticket: PastTicket) -> None:
        """Count one more ticket."""
        self.tickets += 1
        created = ticket.created
        if self.first is None or created < self.first:
            self.first = created
        if self.last is None or created > self.last:
            self.last = created
        self.answered += ticket.first_reply is not None
        self.solved += ticket.solved is not None
        self.reopened += bool(ticket.reopened)
        self.by_channel[ticket.channel] += 1
        self.by_unit[ticket.unit] += 1
