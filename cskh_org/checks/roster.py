"""Checks of a roster rules document against the department it is written for: every unit,
shift and agent it names exists, templates fit the daily limit, contracts the weekly one,
dates fall in the roster's period, and a unit's hard minimum cover has the agents it needs.

They are not part of :data:`cskh_org.checks.REGISTRY` (those take a department alone); their
codes and severities are :data:`ROSTER_CODES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from cskh_org.findings import NOTHING, Issue, Severity, did_you_mean
from cskh_org.model import Department
from cskh_org.model.roster import RosterRules, agent_ids

__all__ = ["ROSTER_CODES", "RosterCode", "check_rules"]

E, W = Severity.ERROR, Severity.WARNING


class RosterCode(NamedTuple):
    """A roster rules finding code: its severity and what it means."""

    severity: Severity
    meaning: str


ROSTER_CODES: dict[str, RosterCode] = {
    "roster-department-mismatch": RosterCode(
        E, "The rules' `department` is not the id of the department they are checked against."
    ),
    "roster-unknown-unit": RosterCode(E, "A rostered unit is not defined in the department."),
    "roster-unit-twice": RosterCode(E, "A unit is rostered by two entries."),
    "roster-unit-unstaffed": RosterCode(W, "A rostered unit has no one on its staff lines."),
    "roster-unknown-shift": RosterCode(
        E, "A unit's `shifts` name a shift the department's `working_time.shifts` lacks."
    ),
    "roster-shift-twice": RosterCode(E, "Two shifts of one unit share an id."),
    "roster-unknown-agent": RosterCode(
        E, "An agent id (in `agents` or `days_off`) is not a person of a rostered unit."
    ),
    "roster-template-too-long": RosterCode(
        W, "A shift has more paid hours than the daily limit; it is never rostered."
    ),
    "roster-contract-over-limit": RosterCode(
        W, "A rostered agent's contract has more hours a week than the weekly limit."
    ),
    "roster-date-outside": RosterCode(W, "A day off's date is outside the roster's period."),
    "roster-minimum-unreachable": RosterCode(
        E, "A unit's hard minimum cover is more agents than the unit has."
    ),
}


def _issue(code: str, path: tuple[str | int, ...], **fields: object) -> Issue:
    return Issue.said(code, path, None, **fields)


def check_rules(rules: RosterRules, department: Department) -> list[Issue]:
    """Every issue of ``rules`` against ``department``."""
    return list(_check(rules, department))


def _check(rules: RosterRules, dept: Department) -> Iterator[Issue]:
    if rules.department != dept.id:
        yield _issue(
            "roster-department-mismatch",
            ("department",),
            rules=rules.department,
            department=dept.id,
        )
    limits = dept.working_limits
    per_day = float(rules.limits.hours_per_day or limits.hours_per_day)
    per_week = float(rules.limits.hours_per_week or limits.hours_per_week)
    seen: set[str] = set()
    known_units: list[int] = []
    for u, entry in enumerate(rules.units):
        unit = dept.units_by_id.get(entry.unit)
        if unit is None:
            hint = did_you_mean(entry.unit, dept.units_by_id) or NOTHING
            yield _issue("roster-unknown-unit", ("units", u, "unit"), value=entry.unit, hint=hint)
            continue
        if entry.unit in seen:
            yield _issue("roster-unit-twice", ("units", u, "unit"), value=entry.unit)
            continue
        seen.add(entry.unit)
        known_units.append(u)
        if unit.headcount == 0:
            yield _issue("roster-unit-unstaffed", ("units", u, "unit"), value=entry.unit)
        names: set[str] = set()
        for j, name in enumerate(entry.shifts):
            if name not in dept.shifts_by_id:
                hint = did_you_mean(name, dept.shifts_by_id) or NOTHING
                yield _issue(
                    "roster-unknown-shift", ("units", u, "shifts", j), value=name, hint=hint
                )
            elif name in names:
                yield _issue(
                    "roster-shift-twice", ("units", u, "shifts", j), value=name, unit=entry.unit
                )
            names.add(name)
        for j, template in enumerate(entry.templates):
            if template.id in names:
                yield _issue(
                    "roster-shift-twice",
                    ("units", u, "templates", j, "id"),
                    value=template.id,
                    unit=entry.unit,
                )
            names.add(template.id)
        shifts = [
            (dept.shifts_by_id[name], ("units", u, "shifts", j))
            for j, name in enumerate(entry.shifts)
            if name in dept.shifts_by_id
        ]
        shifts += [
            (t.as_shift(), ("units", u, "templates", j)) for j, t in enumerate(entry.templates)
        ]
        for shift, path in shifts:
            if shift.paid_minutes > per_day * 60:
                yield _issue(
                    "roster-template-too-long",
                    path,
                    value=shift.id,
                    hours=f"{shift.paid_minutes / 60:g}",
                    limit=f"{per_day:g}",
                )
    if len(known_units) != len(rules.units) or len(seen) != len(rules.units):
        return  # the agents cannot be listed
    everyone = {a for entry in rules.units for a in agent_ids(dept, entry.unit)}
    for u, entry in enumerate(rules.units):
        for j, agent in enumerate(entry.agents or ()):
            if agent not in everyone or not agent.startswith(f"{entry.unit}/"):
                hint = did_you_mean(agent, sorted(everyone)) or NOTHING
                yield _issue(
                    "roster-unknown-agent", ("units", u, "agents", j), value=agent, hint=hint
                )
    contracts: set[str] = set()
    ids: set[str] = set()
    for u, entry in enumerate(rules.units):
        unit = dept.units_by_id[entry.unit]
        chosen = set(entry.agents) if entry.agents is not None else None
        count = 0
        for line, ident in zip(
            (staff for staff in unit.staff for _ in range(staff.headcount)),
            agent_ids(dept, entry.unit),
            strict=True,
        ):
            if chosen is not None and ident not in chosen:
                continue
            count += 1
            ids.add(ident)
            contract = dept.contracts_by_id.get(line.contract or "")
            if contract is None or contract.id in contracts:
                continue
            if float(contract.hours_per_week) > per_week:
                contracts.add(contract.id)
                index = [c.id for c in dept.contracts_by_id.values()].index(contract.id)
                yield _issue(
                    "roster-contract-over-limit",
                    ("working_time", "contracts", index, "hours_per_week"),
                    value=contract.id,
                    hours=f"{contract.hours_per_week:g}",
                    limit=f"{per_week:g}",
                )
        if entry.minimum > count:
            yield _issue(
                "roster-minimum-unreachable",
                ("units", u, "minimum"),
                unit=entry.unit,
                minimum=entry.minimum,
                agents=count,
            )
    last = rules.start + dt.timedelta(days=7 * rules.weeks - 1)
    for j, off in enumerate(rules.days_off):
        if off.agent not in ids:
            hint = did_you_mean(off.agent, sorted(ids)) or NOTHING
            yield _issue(
                "roster-unknown-agent", ("days_off", j, "agent"), value=off.agent, hint=hint
            )
        for k, date in enumerate(off.dates):
            if not rules.start <= date <= last:
                yield _issue(
                    "roster-date-outside",
                    ("days_off", j, "dates", k),
                    value=date.isoformat(),
                    start=rules.start.isoformat(),
                    end=last.isoformat(),
                )
