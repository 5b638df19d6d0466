"""A roster as a person reads it: what the solver proved, a table per week of each agent's
shift by day, the cover per unit; CSV (one row per assignment); the JSON document
(:meth:`~cskh_org.rosters.result.Roster.to_json`); and, for an infeasible roster, the clashing
rules with their places, like findings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence

from cskh_org.model import Department, Weekday
from cskh_org.rosters.result import Roster, Status
from cskh_org.terminal import printable
from cskh_org.words import Voice

__all__ = ["conflicts_text", "roster_csv", "roster_json", "roster_text", "wrote_calendars"]

_DAYS = tuple(Weekday)


class _Say(Voice):
    def __call__(self, key: str, **fields: object) -> str:
        return self.say(f"roster.{key}", **fields)


def _grid(rows: Sequence[Sequence[str]], left: set[int]) -> list[str]:
    from cskh_org.report.console import text_grid

    return text_grid(rows, left)


def _summary(roster: Roster, say: _Say) -> str:
    if roster.status in (Status.INFEASIBLE, Status.UNKNOWN):
        return say(f"status.{roster.status.value}")
    gap = "-" if roster.gap is None else f"{say.number(roster.gap * 100, 2)} %"
    return say(
        "summary",
        status=say(f"status.{roster.status.value}"),
        short=say.number(roster.under_cover),
        hours=say.number(roster.paid_minutes / 60, 1),
        gap=gap,
        seed="-" if roster.seed < 0 else str(roster.seed),
    )


def roster_text(roster: Roster, department: Department, *, lang: str | None = None) -> str:
    """The summary, a table per week (agents by day: the shift and its hours), the cover;
    or, for a roster with no shifts found, what stopped it."""
    say = _Say(lang, department.languages)
    title = say(
        "title",
        department=printable(roster.department),
        start=roster.start.isoformat(),
        weeks=roster.weeks,
        interval=roster.interval,
    )
    lines = [title, _summary(roster, say)]
    if roster.status is Status.INFEASIBLE:
        return "\n".join(lines) + "\n" + conflicts_text(roster, lang=say.lang)
    if roster.status is Status.UNKNOWN:
        return "\n".join([*lines, say("unknown")]) + "\n"
    by_agent_day = {(a.agent, a.day): a for a in roster.assignments}
    for w in range(roster.weeks):
        first = roster.start + dt.timedelta(days=7 * w)
        days = [first + dt.timedelta(days=d) for d in range(7)]
        header = [say("agent")] + [
            f"{say('day.' + _DAYS[d].value)} {day:%d/%m}" for d, day in enumerate(days)
        ]
        rows = [header]
        for agent in roster.agents:
            cells = [printable(agent.id)]
            hours = 0
            for day in days:
                a = by_agent_day.get((agent.id, day))
                if a is None:
                    cells.append("·")
                    continue
                hours += a.paid_minutes
                cells.append(f"{printable(a.shift)} {a.start:%H:%M}-{a.end:%H:%M}")
            cells.append(say.number(hours / 60, 1))
            rows.append(cells)
        rows[0].append(say("hours"))
        lines += ["", say("week", week=w + 1, start=first.isoformat())]
        lines += ["  " + line for line in _grid(rows, left={0})]
    lines.append("")
    rows = [[say(k) for k in ("unit", "required", "rostered", "short")]]
    hour = 60 / roster.interval
    for cover in roster.cover:
        rows.append(
            [
                printable(cover.unit),
                say.number(sum(cover.required) / hour, 1),
                say.number(sum(cover.rostered) / hour, 1),
                say.number(cover.short / hour, 1),
            ]
        )
    lines += [say("cover"), *("  " + line for line in _grid(rows, left={0}))]
    return "\n".join(lines) + "\n"


def conflicts_text(roster: Roster, *, lang: str | None = None) -> str:
    """The clashing rules, one a line: ``place: rule[subject]: what it asks; what dropping
    it gives``."""
    say = _Say(lang)
    lines = [say("conflicts", n=len(roster.conflicts))]
    for c in roster.conflicts:
        where = printable(c.place) if c.place else "-"
        text = c.message.get(say.lang) or c.message.get("en", "")
        lines.append(f"{where}: {c.rule}[{printable(c.subject)}]: {printable(text)}")
    return "\n".join(lines) + "\n"


_CSV_FIELDS = ("agent", "unit", "shift", "day", "start", "end", "breaks", "paid_minutes")


def roster_csv(roster: Roster) -> str:
    """One row per assignment; times in ISO 8601 with their offset, breaks as
    ``start/end`` joined by ``;``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for a in roster.assignments:
        writer.writerow(
            [
                a.agent,
                a.unit,
                a.shift,
                a.day.isoformat(),
                a.start.isoformat(),
                a.end.isoformat(),
                ";".join(f"{b.isoformat()}/{e.isoformat()}" for b, e in a.breaks),
                a.paid_minutes,
            ]
        )
    return out.getvalue()


def roster_json(roster: Roster) -> str:
    """The roster as one JSON document (:meth:`Roster.to_json`)."""
    return json.dumps(roster.to_json(), ensure_ascii=False, indent=2) + "\n"


def wrote_calendars(count: int, folder: str, *, lang: str | None = None) -> str:
    """The line that says where the agents' calendars went."""
    from cskh_org.terminal import printable
    from cskh_org.words import display, say

    return say("roster.wrote-calendars", display(lang), n=count, folder=printable(folder))
