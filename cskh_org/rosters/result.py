"""A roster as the solver gives it: who works which shift on which day, the cover it gives
against the requirement, and how good the solver proved it to be.

Plain frozen dataclasses, the one shape every output reads (tables, CSV, iCalendar, the cover
heat map, ``simulate --roster``). :meth:`Roster.to_json` and :meth:`Roster.from_json` turn it
into JSON data and back without loss (no pickle, nothing that can run code), so a roster saved
with ``cskh-org roster --format json`` can be simulated later.

Times are aware :class:`datetime.datetime` in the department's time zone; intervals are
counted from the roster's first Monday 00:00 local time, ``interval`` minutes each, over
``weeks`` weeks.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from zoneinfo import ZoneInfo

from cskh_org.errors import UsageError

__all__ = ["Agent", "Assignment", "Conflict", "Cover", "Roster", "Status"]

FORMAT: Final = "cskh-org/roster@1"
"""The ``format`` field of a saved roster."""


class Status(enum.StrEnum):
    """What the solver proved."""

    OPTIMAL = "optimal"
    """No roster is better (under-cover first, paid hours second)."""
    FEASIBLE = "feasible"
    """Every rule holds; the time limit came before a proof of optimality (see ``gap``)."""
    INFEASIBLE = "infeasible"
    """The rules cannot all hold: ``conflicts`` says which ones clash."""
    UNKNOWN = "unknown"
    """The time limit came before any roster was found."""


@dataclass(frozen=True, slots=True)
class Agent:
    """One person of a staff line, rostered as one agent."""

    id: str
    """``<unit>/<line>#<n>``: the ``n``-th person (from 1) of the unit's staff line."""
    unit: str
    line: str
    """The staff line's id within its unit."""
    role: str
    contract: str | None
    skills: frozenset[str]
    hours_per_week: float
    """The contract's normal hours a week (without a contract: the weekly working-time
    limit × the line's FTE)."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """One shift one agent works on one day."""

    agent: str
    unit: str
    shift: str
    """The shift template's id."""
    day: dt.date
    """The local date the shift starts on."""
    start: dt.datetime
    end: dt.datetime
    breaks: tuple[tuple[dt.datetime, dt.datetime], ...]
    """Unpaid breaks, off duty, in order."""
    paid_minutes: int


@dataclass(frozen=True, slots=True)
class Cover:
    """One unit's requirement against its rostered agents, interval by interval over the
    whole roster (``weeks × 7 × 24 × 60 / interval`` values each)."""

    unit: str
    required: tuple[int, ...]
    rostered: tuple[int, ...]

    @property
    def short(self) -> int:
        """Agent-intervals below the requirement, summed."""
        return sum(max(0, r - n) for r, n in zip(self.required, self.rostered, strict=True))


@dataclass(frozen=True, slots=True)
class Conflict:
    """A rule taking part in an infeasible set, where it is written and what relaxing it
    would give."""

    rule: str
    """A stable code for the kind of rule (``hours-per-week``, ``rest-days``, ``cover``…)."""
    subject: str
    """What it binds (an agent, a unit, a shift)."""
    place: str | None
    """``file:line:col`` of the rule in the user's files, when it is written there."""
    message: Mapping[str, str]
    """What the rule asks and what relaxing it would give, by language (``vi``, ``en``)."""


@dataclass(frozen=True, slots=True)
class Roster:
    """A solved (or refused) roster."""

    department: str
    timezone: str
    start: dt.date
    """The first Monday."""
    weeks: int
    interval: int
    """Minutes per interval of ``cover``."""
    status: Status
    agents: tuple[Agent, ...]
    assignments: tuple[Assignment, ...]
    """Sorted by agent, then start."""
    cover: tuple[Cover, ...]
    under_cover: int
    """The objective's first part: agent-intervals short of the requirement."""
    paid_minutes: int
    """The objective's second part: minutes paid over the roster."""
    bound: float | None
    """The best bound the solver proved on the combined objective."""
    gap: float | None
    """The optimality gap proved, a share (``0.013``); ``0`` when optimal."""
    seconds: float
    """Solver wall time."""
    seed: int
    conflicts: tuple[Conflict, ...] = ()

    def counts(self, unit: str) -> tuple[int, ...]:
        """The unit's rostered agents per interval (its ``cover.rostered``)."""
        for cover in self.cover:
            if cover.unit == unit:
                return cover.rostered
        raise UsageError.of("error.roster.unit", unit=unit)

    def of_agent(self, agent: str) -> tuple[Assignment, ...]:
        """The agent's shifts, in order."""
        return tuple(a for a in self.assignments if a.agent == agent)

    def to_json(self) -> dict[str, Any]:
        """The roster as JSON data (``json.dumps`` takes it as is)."""
        return {
            "format": FORMAT,
            "department": self.department,
            "timezone": self.timezone,
            "start": self.start.isoformat(),
            "weeks": self.weeks,
            "interval": self.interval,
            "status": self.status.value,
            "under_cover": self.under_cover,
            "paid_minutes": self.paid_minutes,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": self.seconds,
            "seed": self.seed,
            "agents": [
                {
                    "id": a.id,
                    "unit": a.unit,
                    "line": a.line,
                    "role": a.role,
                    "contract": a.contract,
                    "skills": sorted(a.skills),
                    "hours_per_week": a.hours_per_week,
                }
                for a in self.agents
            ],
            "assignments": [
                {
                    "agent": a.agent,
                    "unit": a.unit,
                    "shift": a.shift,
                    "day": a.day.isoformat(),
                    "start": a.start.isoformat(),
                    "end": a.end.isoformat(),
                    "breaks": [[b.isoformat(), e.isoformat()] for b, e in a.breaks],
                    "paid_minutes": a.paid_minutes,
                }
                for a in self.assignments
            ],
            "cover": [
                {"unit": c.unit, "required": list(c.required), "rostered": list(c.rostered)}
                for c in self.cover
            ],
            "conflicts": [
                {
                    "rule": c.rule,
                    "subject": c.subject,
                    "place": c.place,
                    "message": dict(c.message),
                }
                for c in self.conflicts
            ],
        }

    @classmethod
    def from_json(cls, data: object) -> Roster:
        """A roster from :meth:`to_json`'s data; :class:`~cskh_org.errors.UsageError` naming
        the first field that is not as written there."""
        try:
            return _from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UsageError.of("error.roster.saved", reason=_reason(exc)) from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _float_or_none(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _list(value: object) -> Sequence[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _map(value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _moment(value: object, zone: ZoneInfo) -> dt.datetime:
    moment = dt.datetime.fromisoformat(_str(value))
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} has no UTC offset")
    return moment.astimezone(zone)


def _from_json(data: object) -> Roster:
    doc = _map(data)
    if doc.get("format") != FORMAT:
        raise ValueError(f"format is {doc.get('format')!r}, not {FORMAT!r}")
    zone = ZoneInfo(_str(doc["timezone"]))
    agents = tuple(
        Agent(
            id=_str(a["id"]),
            unit=_str(a["unit"]),
            line=_str(a["line"]),
            role=_str(a["role"]),
            contract=None if a["contract"] is None else _str(a["contract"]),
            skills=frozenset(_str(s) for s in _list(a["skills"])),
            hours_per_week=float(_float_or_none(a["hours_per_week"]) or 0.0),
        )
        for a in map(_map, _list(doc["agents"]))
    )
    assignments = tuple(
        Assignment(
            agent=_str(a["agent"]),
            unit=_str(a["unit"]),
            shift=_str(a["shift"]),
            day=dt.date.fromisoformat(_str(a["day"])),
            start=_moment(a["start"], zone),
            end=_moment(a["end"], zone),
            breaks=tuple(
                (_moment(b[0], zone), _moment(b[1], zone)) for b in map(_list, _list(a["breaks"]))
            ),
            paid_minutes=_int(a["paid_minutes"]),
        )
        for a in map(_map, _list(doc["assignments"]))
    )
    cover = tuple(
        Cover(
            unit=_str(c["unit"]),
            required=tuple(_int(n) for n in _list(c["required"])),
            rostered=tuple(_int(n) for n in _list(c["rostered"])),
        )
        for c in map(_map, _list(doc["cover"]))
    )
    conflicts = tuple(
        Conflict(
            rule=_str(c["rule"]),
            subject=_str(c["subject"]),
            place=None if c["place"] is None else _str(c["place"]),
            message={_str(k): _str(v) for k, v in _map(c["message"]).items()},
        )
        for c in map(_map, _list(doc.get("conflicts", [])))
    )
    weeks, interval = _int(doc["weeks"]), _int(doc["interval"])
    if not 1 <= weeks <= 6 or interval not in (15, 30, 60):
        raise ValueError(f"weeks {weeks} or interval {interval} out of range")
    size = weeks * 7 * 24 * 60 // interval
    for c in cover:
        if len(c.required) != size or len(c.rostered) != size:
            raise ValueError(f"cover of {c.unit!r} has not {size} intervals")
    start = dt.date.fromisoformat(_str(doc["start"]))
    if start.weekday() != 0:
        raise ValueError(f"start {start} is not a Monday")
    return Roster(
        department=_str(doc["department"]),
        timezone=zone.key,
        start=start,
        weeks=weeks,
        interval=interval,
        status=Status(_str(doc["status"])),
        agents=agents,
        assignments=assignments,
        cover=cover,
        under_cover=_int(doc["under_cover"]),
        paid_minutes=_int(doc["paid_minutes"]),
        bound=_float_or_none(doc["bound"]),
        gap=_float_or_none(doc["gap"]),
        seconds=float(_float_or_none(doc["seconds"]) or 0.0),
        seed=_int(doc["seed"]),
        conflicts=conflicts,
    )
