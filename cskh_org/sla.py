"""The SLA engine: a ticket's deadlines, and whether its history met them.

* :meth:`SlaEngine.deadlines` — given a ticket and the instant it was opened, the policy that
  applies (first match, the routing condition language) and each target's due and warning
  instants.
* :meth:`SlaEngine.status` — given the ticket's event history, each target ``met``,
  ``breached`` or ``running`` (or ``paused`` while the ticket waits on the customer).

Which calendar a business-clock target counts on: the target's own ``calendar``, else its
policy's, else the ``sla`` section's, else the calendar of the unit the router sends the
ticket to (or of its nearest ancestor that has one). Calendar-clock targets count every
minute. Either way the clock stops while the ticket's status is one of
``sla.waiting_statuses``.

A target of business days (``1bd``, :class:`~cskh_org.model.sla.BusinessDays`) falls due at
the same position in the opening day, that many opening days of its calendar later
(:meth:`~cskh_org.calendars.BusinessCalendar.add_business_days`). Measured against a history,
it is the business time from the instant its clock starts (the opening; for a next response,
each customer reply) to that deadline, and pauses then work as for any business-clock target;
the warning falls at ``warn_at`` percent of that business time. Only a business clock counts
business days: on a calendar clock they are a :class:`~cskh_org.errors.UsageError`.

A due instant that falls after the last year its calendar has holiday data for (see
:mod:`cskh_org.calendars`) counts that year's holidays as working days: the decision carries a
warning saying so (``SlaDecision.warnings``, ``TargetStatus.warning``), shown by ``cskh-org
sla`` on stderr and in its JSON.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from cskh_org.errors import CalendarError, UsageError, error_words, grouped
from cskh_org.model.routing import RouteTarget, Routing, Rule
from cskh_org.model.sla import (
    BusinessDays,
    Clock,
    SlaTarget,
    SlaTargets,
    TargetLength,
    TargetName,
)

if TYPE_CHECKING:
    from cskh_org.calendars import BusinessCalendar
    from cskh_org.model import Department
    from cskh_org.routing import Router

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_EVENTS",
    "MAX_EVENTS_TEXT",
    "MAX_HISTORY",
    "Deadline",
    "EventKind",
    "SlaDecision",
    "SlaEngine",
    "TargetState",
    "TargetStatus",
    "TicketEvent",
    "parse_events",
    "parse_events_json",
    "parse_instant",
    "sla_routing",
    "ticket_events",
]


FIRST_YEAR: Final = 2
LAST_YEAR: Final = 9990
"""The years (in UTC) an instant given to the engine may fall in: a deadline a year later
must still be a date Python can write in any zone."""

MAX_HISTORY: Final = datetime.timedelta(days=5 * 366)
"""The longest a ticket's history may run, from its opening to the last event or the instant
it is judged at (measuring business time walks every day of it)."""
MAX_EVENTS: Final = 1000
"""The most events one ticket's history may have (measuring it compares every span with
every pause, so the work grows with the square of its length)."""
MAX_EVENTS_TEXT: Final = 1 << 20
"""The longest JSON text (in characters) of a ticket's history."""


def sla_routing(department: Department) -> Routing:
    """The SLA policies as a rule table (targets unused): the router and the routing analysis
    then select policies and verify them with exactly the routing semantics."""
    assert department.sla is not None
    nowhere = RouteTarget(unit="sla")
    return Routing(
        rules=tuple(Rule(id=p.id, when=p.when, to=nowhere) for p in department.sla.policies),
        default=nowhere,
        priority_attribute="\x00none",
    )


@dataclass(frozen=True, slots=True)
class Deadline:
    """When one target falls due."""

    target: TargetName
    within: TargetLength
    """The target as written: a duration or business days (``1bd``)."""
    clock: Clock
    calendar: str | None
    """The calendar of a business clock (``None`` for a calendar clock)."""
    due: datetime.datetime
    warn: datetime.datetime
    """When the target reaches its ``warn_at`` percentage."""

    def to_dict(self) -> dict[str, Any]:
        from cskh_org.model.sla import format_target

        return {
            "target": self.target.value,
            "within": format_target(self.within),
            "clock": self.clock.value,
            "calendar": self.calendar,
            "due": self.due.isoformat(),
            "warn": self.warn.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class SlaDecision:
    """The policy a ticket falls under and its deadlines."""

    policy: str | None
    """The policy that applied; ``None`` for the default."""
    opened: datetime.datetime
    deadlines: tuple[Deadline, ...]
    warnings: tuple[str, ...] = ()
    """Why some deadline may be early: its calendar has no holiday data for its year."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "opened": self.opened.isoformat(),
            "deadlines": [d.to_dict() for d in self.deadlines],
            "warnings": list(self.warnings),
        }


class EventKind(enum.StrEnum):
    """What happened to a ticket."""

    OPENED = "opened"
    REPLIED = "replied"
    """An agent replied to the customer (stops a response clock)."""
    CUSTOMER_REPLIED = "customer_replied"
    """The customer wrote again (starts a next-response clock; ends waiting)."""
    STATUS = "status"
    """The status changed (``status`` says to what); waiting statuses pause the clocks."""
    RESOLVED = "resolved"
    REOPENED = "reopened"


@dataclass(frozen=True, slots=True)
class TicketEvent:
    """One entry of a ticket's history."""

    at: datetime.datetime
    kind: EventKind
    status: str | None = None


class TargetState(enum.StrEnum):
    """How a target stands."""

    MET = "met"
    BREACHED = "breached"
    RUNNING = "running"
    PAUSED = "paused"
    """Running, but the clock is stopped: the ticket waits on the customer."""
    NOT_STARTED = "not_started"
    """Nothing started the clock yet (a next response before the customer wrote again)."""


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """How one target stands."""

    target: TargetName
    state: TargetState
    used: datetime.timedelta
    """Clock time consumed (business or calendar), pauses excluded."""
    within: TargetLength
    """The target as written: a duration or business days (``1bd``)."""
    due: datetime.datetime | None = None
    """For a running target: when it falls due if nothing pauses the clock."""
    warning: str | None = None
    """Why ``due`` may be early: its calendar has no holiday data for its year."""

    def to_dict(self) -> dict[str, Any]:
        from cskh_org.model.sla import format_duration, format_target

        return {
            "target": self.target.value,
            "state": self.state.value,
            "used": format_duration(self.used),
            "within": format_target(self.within),
            "due": self.due.isoformat() if self.due else None,
            "warning": self.warning,
        }


@dataclass
class _Clock:
    """Adds and measures time on one target's clock."""

    calendar: BusinessCalendar | None

    def add(self, start: datetime.datetime, span: datetime.timedelta) -> datetime.datetime:
        if self.calendar is None:
            return start + span
        return self.calendar.add(start, span)

    def elapsed(self, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
        if self.calendar is None:
            return max(end - start, datetime.timedelta(0))
        return self.calendar.elapsed(start, end)

    def warning(self, due: datetime.datetime) -> str | None:
        """Why ``due`` may be early, if its calendar has no holiday data for its year."""
        return None if self.calendar is None else self.calendar.holiday_warning(due)

    def due(
        self, start: datetime.datetime, target: SlaTarget, name: TargetName
    ) -> datetime.datetime:
        """When ``target`` falls due if its clock starts at ``start`` and nothing pauses it."""
        within = target.within
        if not isinstance(within, BusinessDays):
            return self.add(start, within)
        return self._business(target, name).add_business_days(start, within.days)

    def length(
        self, start: datetime.datetime, target: SlaTarget, name: TargetName
    ) -> datetime.timedelta:
        """How much clock time ``target`` allows when its clock starts at ``start``: its
        duration; for business days, the business time from ``start`` to their deadline."""
        within = target.within
        if not isinstance(within, BusinessDays):
            return within
        calendar = self._business(target, name)
        return calendar.elapsed(start, calendar.add_business_days(start, within.days))

    def _business(self, target: SlaTarget, name: TargetName) -> BusinessCalendar:
        if self.calendar is None:
            raise UsageError.of(
                "error.sla.business-days.calendar-clock", target=name.value, within=target.within
            )
        return self.calendar


@dataclass
class SlaEngine:
    """Deadlines and status of tickets under a department's SLA policies (immutable use)."""

    department: Department
    _router: Router = field(init=False)
    _routing_router: Router | None = field(init=False)
    _calendars: dict[str, BusinessCalendar] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        from cskh_org.routing import Router

        dept = self.department
        if dept.sla is None:
            raise UsageError.of("error.sla.no-section", department=dept.id)
        self._router = Router(sla_routing(dept), dept.ticket_schema)
        self._routing_router = dept.router() if dept.routing is not None else None
        zone = dept.timezone
        from cskh_org.calendars import BusinessCalendar

        self._calendars = {c.id: BusinessCalendar(c, zone) for c in dept.calendars}

    # -- selection ---------------------------------------------------------------------------

    def policy(self, ticket: object) -> tuple[str | None, SlaTargets]:
        """The id of the policy that applies (``None``: the default) and its targets."""
        sla = self.department.sla
        assert sla is not None
        rule = self._router.route(self.routed(ticket)).rule
        if rule is None:
            return None, sla.default
        return rule, next(p for p in sla.policies if p.id == rule)

    def routed(self, ticket: object) -> object:
        """The ticket as its SLA policy is chosen for it: with the priority its routing rule
        gave it (a rule that raises ``normal`` to ``high`` gets the ``high`` policy)."""
        routing = self.department.routing
        if self._routing_router is None or routing is None or not isinstance(ticket, Mapping):
            return ticket
        priority = self._routing_router.route(ticket).priority
        attribute = routing.priority_attribute
        if priority is None or ticket.get(attribute) == priority:
            return ticket
        return {**ticket, attribute: priority}

    def calendar_for(
        self, ticket: object, target: SlaTarget, targets: SlaTargets
    ) -> BusinessCalendar | None:
        """The calendar a target counts on (``None`` for a calendar clock)."""
        if target.clock is Clock.CALENDAR:
            return None
        sla = self.department.sla
        assert sla is not None
        name = target.calendar or targets.calendar or sla.calendar
        if name is None and self._routing_router is not None:
            name = self.department.unit_calendar(self._routing_router.route(ticket).unit)
        if name is None:
            raise CalendarError.of("error.sla.no-calendar")
        found = self._calendars.get(name)
        if found is None:
            raise CalendarError.of("error.calendars.undefined", calendar=name)
        return found

    # -- deadlines ---------------------------------------------------------------------------

    def deadlines(self, ticket: object, opened: datetime.datetime) -> SlaDecision:
        """The policy and the due instants of each target for a ticket opened at ``opened``.

        ``next_response`` is counted from ``opened`` too (as if the customer wrote again at
        once); :meth:`status` counts it from each customer reply.
        """
        _aware(opened)
        policy, targets = self.policy(ticket)
        out = []
        warnings: list[str] = []
        for name, target in targets.targets().items():
            calendar = self.calendar_for(ticket, target, targets)
            clock = _Clock(calendar)
            due = clock.due(opened, target, name)
            warn = clock.add(opened, clock.length(opened, target, name) * target.warn_at / 100)
            message = clock.warning(due)
            if message is not None and message not in warnings:
                warnings.append(message)
            out.append(
                Deadline(
                    name,
                    target.within,
                    target.clock,
                    None if calendar is None else calendar.id,
                    _local(due, self.department.timezone),
                    _local(warn, self.department.timezone),
                )
            )
        return SlaDecision(
            policy, _local(opened, self.department.timezone), tuple(out), tuple(warnings)
        )

    # -- status ------------------------------------------------------------------------------

    def status(
        self, ticket: object, events: Sequence[TicketEvent], now: datetime.datetime
    ) -> list[TargetStatus]:
        """Each target of the ticket met, breached, running or paused at ``now``: a history of
        its ``opened`` event and at most :data:`MAX_EVENTS` more, over at most
        :data:`MAX_HISTORY`."""
        if len(events) > MAX_EVENTS + 1:
            raise UsageError.of(
                "error.sla.history.too-many", most=grouped(MAX_EVENTS), n=grouped(len(events) - 1)
            )
        _aware(now)
        for event in events:
            _aware(event.at)
        # compare instants in UTC: Python compares two datetimes of one zone by wall clock
        now = now.astimezone(datetime.UTC)
        history = sorted(
            (TicketEvent(e.at.astimezone(datetime.UTC), e.kind, e.status) for e in events),
            key=lambda e: e.at,
        )
        if not history or history[0].kind is not EventKind.OPENED:
            raise UsageError.of("error.sla.history.opened")
        if now < history[0].at:
            zone = self.department.timezone
            opened, judged = (_local(t, zone).isoformat() for t in (history[0].at, now))
            raise UsageError.of("error.sla.history.before", judged=judged, opened=opened)
        last = max(now, history[-1].at)
        if last - history[0].at > MAX_HISTORY:
            zone = self.department.timezone
            opened, until = (_local(t, zone).isoformat() for t in (history[0].at, last))
            raise UsageError.of(
                "error.sla.history.too-long",
                opened=opened,
                until=until,
                days=grouped(MAX_HISTORY.days),
            )
        sla = self.department.sla
        assert sla is not None
        _, targets = self.policy(ticket)
        waiting = set(sla.waiting_statuses)
        result = []
        for name, target in targets.targets().items():
            clock = _Clock(self.calendar_for(ticket, target, targets))
            status = _measure(name, target, clock, history, waiting=waiting, now=now)
            if status.due is not None:
                status = dataclasses.replace(
                    status, due=_local(status.due, self.department.timezone)
                )
            result.append(status)
        return result


def _pauses(
    history: list[TicketEvent], waiting: set[str]
) -> list[tuple[datetime.datetime, datetime.datetime | None]]:
    """The spans the ticket waited on the customer (the last may still be open: ``None``)."""
    spans: list[tuple[datetime.datetime, datetime.datetime | None]] = []
    since: datetime.datetime | None = None
    for event in history:
        waits = event.kind is EventKind.STATUS and event.status in waiting
        if since is None and waits:
            since = event.at
        elif since is not None and not waits and event.kind in _RESUMING:
            spans.append((since, event.at))
            since = None
    if since is not None:
        spans.append((since, None))
    return spans


_RESUMING = frozenset({EventKind.STATUS, EventKind.CUSTOMER_REPLIED, EventKind.REOPENED})


def _measure(
    name: TargetName,
    target: SlaTarget,
    clock: _Clock,
    history: list[TicketEvent],
    *,
    waiting: set[str],
    now: datetime.datetime,
) -> TargetStatus:
    """Each measurement of the target in the history, and how it stands at ``now``."""
    past = [e for e in history if e.at <= now]
    pauses = _pauses(past, waiting)

    def used(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
        total = clock.elapsed(start, end)
        for p_start, p_end in pauses:
            lo, hi = max(start, p_start), min(end, p_end or end)
            if lo < hi:
                total -= clock.elapsed(lo, hi)
        return total

    # measurements: (start, end or None while open)
    spans: list[tuple[datetime.datetime, datetime.datetime | None]] = []
    if name is TargetName.FIRST_RESPONSE:
        reply = next((e.at for e in past if e.kind is EventKind.REPLIED), None)
        spans.append((past[0].at, reply))
    elif name is TargetName.NEXT_RESPONSE:
        start: datetime.datetime | None = None
        for event in past:
            if event.kind is EventKind.CUSTOMER_REPLIED and start is None:
                start = event.at
            elif event.kind is EventKind.REPLIED and start is not None:
                spans.append((start, event.at))
                start = None
        if start is not None:
            spans.append((start, None))
    else:
        start = past[0].at
        for event in past[1:]:
            if event.kind is EventKind.RESOLVED and start is not None:
                spans.append((start, event.at))
                start = None
            elif event.kind is EventKind.REOPENED and start is None:
                start = event.at
        if start is not None:
            spans.append((start, None))
    if not spans:
        return TargetStatus(name, TargetState.NOT_STARTED, datetime.timedelta(0), target.within)
    # each measurement: (time used, still open, time allowed: business days give the
    # business time from the clock's start to their deadline)
    if name is TargetName.RESOLUTION:
        # one promise over the ticket's whole life: reopened time counts on
        total = sum((used(a, b or now) for a, b in spans), datetime.timedelta(0))
        measures = [(total, spans[-1][1] is None, clock.length(spans[0][0], target, name))]
    else:
        measures = [(used(a, b or now), b is None, clock.length(a, target, name)) for a, b in spans]
    worst = max(measures, key=lambda m: m[0])
    if any(u > allowed for u, _, allowed in measures):
        return TargetStatus(name, TargetState.BREACHED, worst[0], target.within)
    spent, open_now, allowed = measures[-1]
    if not open_now:
        return TargetStatus(name, TargetState.MET, worst[0], target.within)
    if pauses and pauses[-1][1] is None:
        return TargetStatus(name, TargetState.PAUSED, spent, target.within)
    due = clock.add(now, allowed - spent)
    return TargetStatus(name, TargetState.RUNNING, spent, target.within, due, clock.warning(due))


def _aware(instant: datetime.datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise CalendarError.of("error.sla.no-zone", instant=instant.isoformat())
    try:
        year = instant.astimezone(datetime.UTC).year
    except OverflowError:
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarError.of(
            "error.sla.out-of-range", instant=instant.isoformat(), first=FIRST_YEAR, last=LAST_YEAR
        )


def _local(instant: datetime.datetime, zone: str) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return instant.astimezone(ZoneInfo(zone))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (as tickets' are: see
    :mod:`cskh_org.routing.stream`); a key given twice is a :class:`UsageError`."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise UsageError.of("error.sla.events.twice", key=f"{key:.60}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise UsageError.of("error.sla.events.constant", name=name)


def parse_events_json(text: str) -> list[TicketEvent]:
    """Events from JSON text, a list of objects such as ``{"at": "2027-02-03T16:50+07:00",
    "kind": "replied"}`` (see :func:`parse_events`): at most :data:`MAX_EVENTS_TEXT`
    characters and :data:`MAX_EVENTS` events; a key given twice in one object, deep nesting
    or anything but a list of objects is a :class:`UsageError` naming the fault."""
    if len(text) > MAX_EVENTS_TEXT:
        raise UsageError.of("error.sla.events.too-long", n=grouped(MAX_EVENTS_TEXT))
    shape = error_words("error.sla.events.shape")
    try:
        items = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise UsageError.of(
            "error.sla.events.json", message=exc.msg, line=exc.lineno, column=exc.colno
        ) from None
    except UsageError:
        raise
    except RecursionError:
        raise UsageError.of("error.sla.events.nested", shape=shape) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts (4300 digits)
        raise UsageError.of("error.sla.events.value", message=f"{exc!s:.100}") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise UsageError(shape)  # the catalogue's words, in both languages
    if len(items) > MAX_EVENTS:
        raise UsageError.of(
            "error.sla.events.too-many", most=grouped(MAX_EVENTS), n=grouped(len(items))
        )
    return parse_events(items)


def parse_events(items: Sequence[Mapping[str, Any]]) -> list[TicketEvent]:
    """Events from JSON-like mappings: ``{"at": "2027-02-03T16:50+07:00", "kind": "replied"}``."""
    out = []
    for i, item in enumerate(items, start=1):
        try:
            at = datetime.datetime.fromisoformat(str(item["at"]))
            kind = EventKind(item["kind"])
        except (KeyError, ValueError) as exc:
            raise UsageError.of(
                "error.sla.event",
                i=i,
                kinds=", ".join(k.value for k in EventKind),
                message=f"{exc!s:.120}",
            ) from None
        _aware(at)
        status = item.get("status")
        out.append(TicketEvent(at, kind, str(status) if status is not None else None))
    return out


def parse_instant(text: str, what: str, zone: str) -> datetime.datetime:
    """An aware instant from ISO 8601 text (``2027-02-03T16:50+07:00``); ``what`` names it in
    the error. Without an offset it is refused, with the same wall time in ``zone`` (the
    department's) written as it would be accepted."""
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError.of("error.sla.instant", what=what, text=repr(text[:40])) from None
    if value.tzinfo is None:
        from zoneinfo import ZoneInfo

        try:  # the same wall time in the department's zone, written as it is accepted
            spec = "auto" if value.second or value.microsecond else "minutes"
            hint = value.replace(tzinfo=ZoneInfo(zone)).isoformat(timespec=spec)
        except (OverflowError, ValueError):
            hint = "2027-02-03T16:50+07:00"
        raise UsageError.of("error.sla.instant.offset", what=what, text=text, hint=hint)
    return value


def ticket_events(opened: datetime.datetime, after: str, what: str) -> list[TicketEvent]:
    """A ticket's history: opened at ``opened``, then the events of the JSON text ``after``
    (:func:`parse_events_json`; ``what`` names it in the error)."""
    try:
        events = parse_events_json(after)
    except UsageError as exc:
        raise UsageError.of("error.sla.in", what=what, message=exc.words()) from None
    return [*parse_events([{"at": opened.isoformat(), "kind": "opened"}]), *events]
