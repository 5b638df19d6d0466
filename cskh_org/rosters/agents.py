"""The roster's inputs resolved from the department and its rules: the agents (every person of
a rostered unit's staff lines), the shift templates each unit may use, the limits in force, the
days off, and the requirement over the whole period.

Semantics, in one place:

* **Agents**: the ``n``-th person (from 1) of a unit's staff line is ``<unit>/<line>#<n>``;
  ``<line>`` is the line's named person if it has one, else its role (``care_officer``; a
  second line of the same role in the unit is ``care_officer-2``). An agent's skills are
  the role's and the line's; the contract's hours and days a week cap the agent's week (no
  contract: the weekly limit × the line's FTE, and 7 days).
* **Templates**: a unit's named shifts (``working_time.shifts``) and inline templates, each
  a start, an end (past midnight: the next day), unpaid breaks and the weekdays it may start
  on. Times are local wall-clock minutes from the roster's first Monday 00:00.
* **A rotation**: the roster's weeks repeat, so the period wraps around: a night shift on the
  last Sunday covers the first Monday morning, and the rest between shifts, the same start
  time and the weekends off count across the end as across any other week.
* **Cover**: an agent on a shift covers an interval when the interval lies wholly on duty
  (inside the shift, outside its breaks).
* **Limits** (each the rules' ``limits`` if written, else the department's
  ``working_time.limits``): a shift's paid hours at most ``hours_per_day`` (a longer template
  is never rostered; the checks say so), paid hours in a roster week (Monday to Sunday, shifts
  counted on the day they start) at most ``hours_per_week`` and the contract's hours, days with
  a shift at most ``7 − rest_days_per_week`` and the contract's days, and at least
  ``rest_between_shifts`` hours from the end of one shift to the start of the next.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final
from zoneinfo import ZoneInfo

from cskh_org.errors import UsageError
from cskh_org.model import Department, Shift, Weekday
from cskh_org.model.roster import RosterRules, ShiftTemplate, UnitRoster, line_ids
from cskh_org.rosters.result import Agent
from cskh_org.working_time import DAY_MINUTES, calendar_week, shift_day

__all__ = [
    "AgentPlan",
    "Instance",
    "Template",
    "agent_plans",
    "instance",
    "line_ids",
    "unit_templates",
]

_WEEKDAYS: Final = tuple(Weekday)


@dataclass(frozen=True, slots=True)
class Template:
    """A shift template of a unit, in minutes after its start day's midnight."""

    id: str
    start: int
    end: int
    """After ``start`` (past 1440: the next day)."""
    duty: tuple[tuple[int, int], ...]
    """On duty: the shift less its breaks."""
    weekdays: frozenset[int]
    """The weekdays (0 Monday) it may start on."""
    path: tuple[str | int, ...]
    """Where it is written: in the rules (``units[i].templates[j]``) or the department."""
    in_rules: bool

    @property
    def paid_minutes(self) -> int:
        return sum(b - a for a, b in self.duty)

    @property
    def breaks(self) -> tuple[tuple[int, int], ...]:
        return tuple((b, c) for (_, b), (c, _) in zip(self.duty, self.duty[1:], strict=False))


@dataclass(frozen=True, slots=True)
class AgentPlan:
    """An agent with what binds them beyond the limits every agent keeps."""

    agent: Agent
    unit_index: int
    """The unit's index in the rules' ``units``."""
    weekly_minutes: int | None
    """The contract's paid minutes a week (``None``: no contract)."""
    days_per_week: int
    contract_path: tuple[str | int, ...] | None
    """Where the contract is written in the department."""


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit in force and where it is written (``document``: ``rules`` or ``department``)."""

    value: int
    document: str
    path: tuple[str | int, ...]


@dataclass(frozen=True)
class Instance:
    """Everything the solver, the greedy baseline and the checker read, resolved."""

    department: str
    zone: ZoneInfo
    rules: RosterRules
    agents: tuple[AgentPlan, ...]
    templates: Mapping[str, tuple[Template, ...]]
    """Per unit, the templates within the daily limit (longer ones are left out)."""
    required: Mapping[str, tuple[int, ...]]
    """Per unit, agents required per interval over the whole period."""
    minimum: Mapping[str, tuple[int, ...]]
    """Per unit, the hard minimum cover per interval (0 where the calendar is closed)."""
    hours_per_day: Limit
    hours_per_week: Limit
    rest_days: Limit
    rest_between: Limit
    """Minutes."""
    hard_off: Mapping[int, Mapping[int, int]] = field(default_factory=dict)
    """Per agent index, day index → the index of the ``days_off`` entry that forbids it."""
    soft_off: Mapping[int, Mapping[int, tuple[int, int]]] = field(default_factory=dict)
    """Per agent index, day index → (``days_off`` entry, weight)."""

    @property
    def days(self) -> int:
        return self.rules.weeks * 7

    @property
    def interval(self) -> int:
        return self.rules.interval

    @property
    def size(self) -> int:
        """Intervals over the period."""
        return self.days * DAY_MINUTES // self.interval

    def unit_of(self, agent: int) -> str:
        return self.agents[agent].agent.unit

    def options(self, agent: int) -> list[tuple[int, int]]:
        """``(day, template index)`` the agent may work: the template runs that weekday (hard
        days off and the limits are rules the solver keeps)."""
        unit = self.unit_of(agent)
        return [
            (d, t)
            for d in range(self.days)
            for t, template in enumerate(self.templates[unit])
            if d % 7 in template.weekdays
        ]

    def covered(self, unit: str, day: int, t: int) -> range | list[int]:
        """The intervals an agent on template ``t`` of ``unit`` on ``day`` covers."""
        template = self.templates[unit][t]
        out: list[int] = []
        base = day * DAY_MINUTES
        for a, b in template.duty:
            first = math.ceil((base + a) / self.interval)
            last = (base + b) // self.interval  # exclusive
            out.extend(k % self.size for k in range(first, last))
        return out

    def moment(self, day: int, minute: int) -> dt.datetime:
        """Local time ``minute`` minutes after the midnight starting ``day``."""
        naive = dt.datetime.combine(self.rules.start, dt.time()) + dt.timedelta(
            days=day, minutes=minute
        )
        return naive.replace(tzinfo=self.zone)


def agent_plans(department: Department, rules: RosterRules) -> tuple[AgentPlan, ...]:
    """Every rostered agent, unit by unit, line by line (or the agents a unit lists)."""
    limit = float(department.working_limits.hours_per_week)
    contracts = department.working_time.contracts if department.working_time else ()
    index_of = {c.id: i for i, c in enumerate(contracts)}
    out: list[AgentPlan] = []
    for u, entry in enumerate(rules.units):
        unit = department.units_by_id.get(entry.unit)
        if unit is None:
            raise UsageError.of("error.roster.rules-unit", unit=entry.unit)
        chosen = set(entry.agents) if entry.agents is not None else None
        for line, line_id in zip(unit.staff, line_ids(department, entry.unit), strict=True):
            role = department.roles_by_id.get(line.role)
            skills = frozenset((role.skills if role else ()) + line.skills)
            contract = department.contracts_by_id.get(line.contract) if line.contract else None
            hours = float(contract.hours_per_week) if contract else limit * float(line.fte)
            for n in range(1, line.headcount + 1):
                ident = f"{entry.unit}/{line_id}#{n}"
                if chosen is not None and ident not in chosen:
                    continue
                agent = Agent(ident, entry.unit, line_id, line.role, line.contract, skills, hours)
                out.append(
                    AgentPlan(
                        agent,
                        u,
                        round(hours * 60) if contract else None,
                        contract.days_per_week if contract else 7,
                        ("working_time", "contracts", index_of[contract.id]) if contract else None,
                    )
                )
    return tuple(out)


def _template(entry: ShiftTemplate | Shift, path: tuple[str | int, ...], rules: bool) -> Template:
    shift = entry.as_shift() if isinstance(entry, ShiftTemplate) else entry
    start, end = shift.span
    return Template(
        shift.id,
        start,
        end,
        tuple(shift_day(shift)),
        frozenset(_WEEKDAYS.index(d) for d in shift.days),
        path,
        rules,
    )


def unit_templates(department: Department, entry: UnitRoster, u: int) -> tuple[Template, ...]:
    """Every template of a rostered unit: its named shifts, then its inline ones."""
    shifts = department.working_time.shifts if department.working_time else ()
    index_of = {s.id: i for i, s in enumerate(shifts)}
    out = [
        _template(department.shifts_by_id[name], ("working_time", "shifts", index_of[name]), False)
        for name in entry.shifts
        if name in department.shifts_by_id
    ]
    out += [_template(t, ("units", u, "templates", j), True) for j, t in enumerate(entry.templates)]
    return tuple(out)


def _limit(rules_value: object, name: str, department: Department, scale: int) -> Limit:
    if rules_value is not None:
        return Limit(round(float(str(rules_value)) * scale), "rules", ("limits", name))
    value = getattr(department.working_limits, name)
    return Limit(round(float(value) * scale), "department", ("working_time", "limits", name))


def instance(
    department: Department,
    rules: RosterRules,
    requirement: Mapping[str, Sequence[int]],
) -> Instance:
    """The resolved inputs; ``requirement`` per rostered unit is one week of required agents
    per interval of ``rules.interval`` (a unit not given requires none)."""
    if rules.department != department.id:
        raise UsageError.of(
            "error.roster.rules-department", rules=rules.department, department=department.id
        )
    zone = ZoneInfo(department.timezone)
    agents = agent_plans(department, rules)
    hours_per_day = _limit(rules.limits.hours_per_day, "hours_per_day", department, 60)
    templates = {
        e.unit: tuple(
            t for t in unit_templates(department, e, u) if t.paid_minutes <= hours_per_day.value
        )
        for u, e in enumerate(rules.units)
    }
    week = 7 * DAY_MINUTES // rules.interval
    required: dict[str, tuple[int, ...]] = {}
    minimum: dict[str, tuple[int, ...]] = {}
    for entry in rules.units:
        one = tuple(requirement.get(entry.unit, (0,) * week))
        if len(one) != week or any(n < 0 for n in one):
            raise UsageError.of(
                "error.roster.requirement-size", unit=entry.unit, size=len(one), week=week
            )
        required[entry.unit] = one * rules.weeks
        unit = department.units_by_id[entry.unit]
        name = department.unit_calendar(unit.id)
        calendar = next((c for c in department.calendars if c.id == name), None)
        opens = calendar_week(calendar)
        open_week = tuple(
            entry.minimum if any(a <= k * rules.interval < b for a, b in opens) else 0
            for k in range(week)
        )
        minimum[entry.unit] = open_week * rules.weeks
    index = {p.agent.id: i for i, p in enumerate(agents)}
    hard: dict[int, dict[int, int]] = {}
    soft: dict[int, dict[int, tuple[int, int]]] = {}
    dates = {day: d for d, day in enumerate(rules.days)}
    for j, off in enumerate(rules.days_off):
        a = index.get(off.agent)
        if a is None:
            continue  # the checks say so
        days = {dates[x] for x in off.dates if x in dates}
        days |= {d for d in range(rules.weeks * 7) if _WEEKDAYS[d % 7] in off.weekdays}
        for d in days:
            if off.hard:
                hard.setdefault(a, {}).setdefault(d, j)
            else:
                soft.setdefault(a, {})[d] = (j, off.weight)
    return Instance(
        department.id,
        zone,
        rules,
        agents,
        templates,
        required,
        minimum,
        hours_per_day,
        _limit(rules.limits.hours_per_week, "hours_per_week", department, 60),
        _limit(rules.limits.rest_days_per_week, "rest_days_per_week", department, 1),
        Limit(
            round(float(rules.limits.rest_between_shifts) * 60),
            "rules",
            ("limits", "rest_between_shifts"),
        ),
        hard,
        soft,
    )
