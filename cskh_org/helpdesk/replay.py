"""Replay: a ticket history (the history import's :class:`~cskh_org.model.history.PastTicket`
records) run through two vendor rule sets, *before* and *after* an edit, each with the
vendor's own semantics (:mod:`cskh_org.helpdesk.semantics`); every ticket the two decide
differently is listed, and counted by its move (group before → group after).

A past ticket becomes a vendor ticket through a :class:`TicketMapping`: which vendor field
each of its attributes fills, and how its values are written there (``channel: email`` is
Zendesk's ``via_id`` 4, Freshdesk's ``source`` 1). It is replayed as it arrived: Zendesk's
``update_type`` is ``Create``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from cskh_org.helpdesk.fields import field_infos, vendor_text
from cskh_org.helpdesk.semantics import Engine, Outcome
from cskh_org.helpdesk.vendor import Vendor, VendorSet
from cskh_org.model.history import PastTicket

__all__ = ["Change", "ReplayResult", "TicketMapping", "replay", "vendor_ticket"]

ZENDESK_CHANNELS: Final = {
    "email": "4",
    "web": "0",
    "self_service": "0",
    "chat": "29",
    "phone": "33",
    "social": "38",
    "api": "48",
    "sms": "74",
    "whatsapp": "75",
}
FRESHDESK_CHANNELS: Final = {
    "email": "1",
    "self_service": "2",
    "portal": "2",
    "web": "2",
    "phone": "3",
    "chat": "7",
}
FRESHDESK_PRIORITIES: Final = {"low": "1", "normal": "2", "medium": "2", "high": "3", "urgent": "4"}


@dataclass(frozen=True, slots=True)
class TicketMapping:
    """Which vendor field each past-ticket attribute fills, and its values there."""

    fields: Mapping[str, str]
    """Past-ticket attribute (``channel``, ``category``, ``priority``, ``tier``) → vendor
    field (``via_id``); ``tier`` may go to ``current_tags`` (the tier a tag)."""
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Per attribute, its value → the vendor's (a value not listed is written as it is)."""
    constant: Mapping[str, Any] = field(default_factory=dict)
    """Vendor fields every replayed ticket carries (Zendesk's ``update_type: Create``)."""

    @classmethod
    def default(cls, vendor: Vendor) -> TicketMapping:
        if vendor == "zendesk":
            return cls(
                fields={
                    "channel": "via_id",
                    "priority": "priority",
                    "category": "type",
                    "tier": "current_tags",
                },
                values={"channel": ZENDESK_CHANNELS},
                constant={"update_type": "Create"},
            )
        return cls(
            fields={"channel": "source", "priority": "priority", "category": "ticket_type"},
            values={"channel": FRESHDESK_CHANNELS, "priority": FRESHDESK_PRIORITIES},
        )

    @classmethod
    def for_set(cls, vendor_set: VendorSet) -> TicketMapping:
        """The mapping the import implies: each past-ticket attribute the department has
        (``channel``, ``priority``, ``category``) to the vendor field it was imported from,
        its values written back the vendor's way."""
        base = cls.default(vendor_set.vendor)
        fields = dict(base.fields)
        values = {k: dict(v) for k, v in base.values.items()}
        for info in field_infos(vendor_set).values():
            if info.attribute in ("channel", "priority", "category", "tier"):
                fields[info.attribute] = info.field
                mine = values.setdefault(info.attribute, {})
                for vendor, value in info.values.items():
                    mine[value] = vendor
        return cls(fields=fields, values=values, constant=base.constant)


def vendor_ticket(ticket: PastTicket, mapping: TicketMapping) -> dict[str, Any]:
    """The vendor ticket a past ticket arrived as."""
    out: dict[str, Any] = dict(mapping.constant)
    for attribute, name in mapping.fields.items():
        value = getattr(ticket, attribute, None)
        if value is None:
            continue
        text = mapping.values.get(attribute, {}).get(str(value), str(value))
        if name == "current_tags":
            out["current_tags"] = out.get("current_tags", frozenset()) | {text}
        else:
            out[name] = text
    return out


@dataclass(frozen=True, slots=True)
class Change:
    """A ticket the two rule sets decide differently."""

    ticket: str
    """Its id (or ``line N`` of the export when it has none)."""
    group_before: str
    group_after: str
    fired_before: tuple[str, ...]
    fired_after: tuple[str, ...]
    fields: tuple[str, ...]
    """The vendor fields whose final values differ (``group_id``, ``priority``…)."""


@dataclass(frozen=True, slots=True)
class ReplayResult:
    tickets: int
    changes: tuple[Change, ...]
    moves: Mapping[tuple[str, str], int]
    """(group before, group after) → tickets, for the tickets whose group changed."""
    undecided_before: tuple[str, ...] = ()
    """Rules of *before* whose conditions the engine cannot decide (they never fire here)."""
    undecided_after: tuple[str, ...] = ()

    @property
    def differ(self) -> int:
        return len(self.changes)


def _decision(outcome: Outcome, start: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: (sorted(v) if isinstance(v, frozenset) else vendor_text(v))
        for k, v in outcome.ticket.items()
        if k not in start or start[k] != v
    }


def replay(
    history_tickets: Iterable[PastTicket],
    before: VendorSet,
    after: VendorSet,
    mapping: TicketMapping | None = None,
) -> ReplayResult:
    """Every ticket through both sets; the ones decided differently, listed and counted."""
    mapping = mapping or TicketMapping.for_set(before)
    first = Engine(before.vendor, before.rules, field_infos(before))
    second = Engine(after.vendor, after.rules, field_infos(after))
    changes: list[Change] = []
    moves: Counter[tuple[str, str]] = Counter()
    n = 0
    for ticket in history_tickets:
        n += 1
        start = vendor_ticket(ticket, mapping)
        a, b = first.run(start), second.run(start)
        da, db = _decision(a, start), _decision(b, start)
        if da == db:
            continue
        differing = tuple(sorted(k for k in set(da) | set(db) if da.get(k) != db.get(k)))
        if a.group != b.group:
            moves[(a.group, b.group)] += 1
        changes.append(
            Change(
                ticket=ticket.id if ticket.id is not None else f"line {ticket.line}",
                group_before=a.group,
                group_after=b.group,
                fired_before=a.fired,
                fired_after=b.fired,
                fields=differing,
            )
        )
    return ReplayResult(
        tickets=n,
        changes=tuple(changes),
        moves=dict(moves),
        undecided_before=tuple(r.path for r in first.undecided),
        undecided_after=tuple(r.path for r in second.undecided),
    )
