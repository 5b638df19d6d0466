"""Staffing as a person reads it: the summary per unit, each unit's queues and its week as a
grid of agents needed on duty; CSV (one row per queue or unit and interval); the JSON document."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from cskh_org.model import Department, Weekday
from cskh_org.model.workload import format_span
from cskh_org.staffing import (
    AbandonmentTarget,
    AnswerSpeedTarget,
    Figures,
    ServiceLevelTarget,
    Target,
)
from cskh_org.staffing.analytic import Measured, QueueNeed, StaffingPlan, UnitNeed
from cskh_org.terminal import printable
from cskh_org.words import Voice
from cskh_org.words.formats import money_text, percent_text

__all__ = ["staffing_csv", "staffing_json", "staffing_text"]

_DAYS = tuple(Weekday)
_DAY_MINUTES = 24 * 60
_SHOWN = 6


class _Say(Voice):
    def __call__(self, key: str, **fields: object) -> str:
        return self.say(f"staff.{key}", **fields)

    def share(self, value: float) -> str:
        return percent_text(value, self.lang)

    def target(self, target: Target) -> str:
        if isinstance(target, ServiceLevelTarget):
            return self("target.sl", share=self.share(target.share), span=_span(target.within))
        if isinstance(target, AnswerSpeedTarget):
            return self("target.asa", span=_span(target.seconds))
        return self("target.abandon", share=self.share(target.share))


def _span(seconds: float) -> str:
    """``20s``, ``3m``, ``4m48s``, ``1d12h``: to the second past ten seconds."""
    return format_span(timedelta(seconds=round(seconds) if seconds >= 10 else seconds))


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _when(plan: StaffingPlan, k: int) -> tuple[str, str, str]:
    """An interval's day and its start and end on the clock."""
    start = k * plan.interval
    day = _DAYS[start // _DAY_MINUTES].value
    end = start % _DAY_MINUTES + plan.interval
    return day, _clock(start % _DAY_MINUTES), _clock(end)


def staffing_text(
    plan: StaffingPlan, department: Department, workload: str, *, lang: str | None = None
) -> str:
    """The summary table, then each unit's queues and its week as a grid."""
    say = _Say(lang, department.languages)
    lines = [
        say(
            "title",
            department=printable(department.id),
            workload=printable(workload),
            interval=plan.interval,
        ),
        _basis(plan, say),
        "",
    ]
    rows = [
        [say(k) for k in ("unit", "peak", "fte-needed", "fte-today", "gap", "gap-cost", "short")]
    ]
    for unit in plan.units:
        cost = unit.gap_cost(plan.currency)
        rows.append(
            [
                printable(unit.unit),
                say.number(max(unit.on_duty, default=0)),
                say.number(unit.fte_needed, 1),
                say.number(unit.fte_today, 1),
                ("+" if unit.fte_gap > 0 else "") + say.number(unit.fte_gap, 2),
                "-" if cost is None else money_text(cost, plan.currency, say.lang),
                _short_text(plan, unit, say),
            ]
        )
    lines += _grid(rows, left={0, 6})
    if plan.left_out:
        streams = ", ".join(str(i) for i in plan.left_out)
        lines += ["", say("left-out", n=len(plan.left_out), streams=streams)]
    for unit in plan.units:
        name = department.label(department.units_by_id[unit.unit].name, say.lang)
        lines += ["", f"{printable(unit.unit)} ({printable(name)})"]
        for q in unit.queues:
            lines += [_queue_line(q, say), *_measured_line(plan, q, say)]
        lines += _week_grid(plan, unit, say)
    return "\n".join(lines) + "\n"


def _basis(plan: StaffingPlan, say: _Say) -> str:
    hours = say.number(plan.full_time_hours)
    found = plan.verification
    if found is None:
        return say("basis-pooled" if plan.pooled else "basis", hours=hours)
    return say(
        "basis-simulation",
        confidence=say.share(found.confidence),
        replications=say.number(found.replications),
        seed=found.seed,
        runs=say.number(found.runs),
        unsettled="" if found.converged else say("unsettled"),
        hours=hours,
    )


def _measured_line(plan: StaffingPlan, queue: QueueNeed, say: _Say) -> list[str]:
    """The lowest service level the last run measured, the intervals that missed, and the
    agent-intervals against the Erlang start's."""
    cells = [(k, m) for k, m in enumerate(queue.measured) if m is not None]
    if plan.verification is None or not cells:
        return []
    # the lowest of the intervals verified (a quiet one's share is of a few tickets)
    shown = [(k, m) for k, m in cells if m.verified]
    levels = [(m.service_level, k) for k, m in shown if m.service_level is not None]
    low, when = min(levels) if levels else (None, None)
    day = ""
    if when is not None:
        name, start, end = _when(plan, when)
        day = f"{say('day.' + name)} {start}-{end}"
    return [
        say(
            "measured",
            low="-" if low is None else say.share(low),
            when=day or "-",
            missed=say.number(sum(1 for _, m in cells if m.verified and not m.met)),
            quiet=say.number(sum(1 for _, m in cells if not m.verified)),
            agents=say.number(sum(queue.agents)),
            start=say.number(sum(queue.erlang) if queue.erlang else plan.verification.start_agents),
        )
    ]


def _queue_line(queue: QueueNeed, say: _Say) -> str:
    targets = ", ".join(say.target(t) for t in queue.targets) or say("no-target")
    channel = _channels(queue)
    if queue.skills is not None:
        channel += say("skill-group", skills=_skills(queue))
    return say(
        "queue",
        channel=channel,
        method="Erlang A" if queue.patience is not None else "Erlang C",
        patience="" if queue.patience is None else say("patience", span=_span(queue.patience)),
        concurrency="" if queue.concurrency == 1 else say("concurrency", n=queue.concurrency),
        targets=targets,
        peak=say.number(max(queue.agents, default=0)),
        closed=say.number(round(queue.closed_arrivals)),
    )


def _channels(queue: QueueNeed) -> str:
    return "+".join(printable(c or "-") for c in queue.channels)


def _skills(queue: QueueNeed) -> str:
    """A skill group's skills, ``+``-joined (empty: a queue of any agent of the unit)."""
    return "+".join(printable(s) for s in sorted(queue.skills or ()))


def _short_text(plan: StaffingPlan, unit: UnitNeed, say: _Say) -> str:
    """The short intervals as runs within a day: ``mon 08:00-12:00, tue 09:30-10:00``."""
    if not unit.short:
        return say("none")
    runs: list[list[int]] = []
    per_day = _DAY_MINUTES // plan.interval
    for k in unit.short:
        if runs and runs[-1][1] == k and k % per_day:
            runs[-1][1] = k + 1
        else:
            runs.append([k, k + 1])
    parts = []
    for a, b in runs:
        day, start, _ = _when(plan, a)
        _, _, end = _when(plan, b - 1)
        parts.append(f"{say('day.' + day)} {start}-{end}")
    more = f" (+{len(parts) - _SHOWN})" if len(parts) > _SHOWN else ""
    return f"{say.number(len(unit.short))}: {', '.join(parts[:_SHOWN])}{more}"


def _week_grid(plan: StaffingPlan, unit: UnitNeed, say: _Say) -> list[str]:
    """Rows: the intervals of the day any day needs someone in; columns: the days."""
    per_day = _DAY_MINUTES // plan.interval
    short = set(unit.short)
    used = [i for i in range(per_day) if any(unit.on_duty[d * per_day + i] for d in range(7))]
    if not used:
        return []
    rows = [["", *(say("day." + d.value) for d in _DAYS)]]
    for i in used:
        cells = [_clock(i * plan.interval)]
        for d in range(7):
            k = d * per_day + i
            cells.append(f"{unit.on_duty[k]}{'*' if k in short else ''}")
        rows.append(cells)
    name = printable(unit.unit)
    return [say("grid", unit=name), *("  " + line for line in _grid(rows, left={0}))]


def _grid(rows: Sequence[Sequence[str]], left: set[int]) -> list[str]:
    from cskh_org.report.console import text_grid

    return text_grid(rows, left)


_CSV_FIELDS = (
    "unit",
    "channel",
    "day",
    "start",
    "end",
    "arrivals_per_hour",
    "handle_seconds",
    "method",
    "agents",
    "scheduled",
    "today",
    "service_level",
    "asa_seconds",
    "abandonment",
    "occupancy",
    "simulated_service_level",
    "simulated_lower_bound",
    "simulated_met",
    "skills",
)


def staffing_csv(plan: StaffingPlan) -> str:
    """One row per queue and interval (``channel`` the queue's channels, joined by ``+``
    when pooled) and one per unit and interval (``channel`` empty: the unit's agents,
    scheduled and today's), in the unit's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for unit in plan.units:
        for k in range(len(unit.on_duty)):
            day, start, end = _when(plan, k)
            scheduled, today = _figure(unit.scheduled[k], 3), _figure(unit.today[k], 3)
            blank = ("", "", "")
            writer.writerow(
                [
                    unit.unit,
                    "",
                    day,
                    start,
                    end,
                    *blank,
                    unit.on_duty[k],
                    scheduled,
                    today,
                    *blank,
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            for q in unit.queues:
                f = q.figures[k]
                rate, handle = _figure(q.arrivals[k], 3), _figure(q.handle[k], 1)
                where = [q.unit, _channels(q), day, start, end]
                m = q.measured[k] if q.measured else None
                simulated = (
                    ["", "", ""]
                    if m is None
                    else [
                        _figure(m.service_level, 4),
                        _figure(m.lower_bound, 4),
                        str(m.met).lower(),
                    ]
                )
                writer.writerow(
                    [
                        *where,
                        rate,
                        handle,
                        q.method.value,
                        q.agents[k],
                        "",
                        "",
                        *_figures_cells(f),
                        *simulated,
                        _skills(q),
                    ]
                )
    return buffer.getvalue()


def _figure(value: float | None, digits: int) -> str:
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.{digits}f}"


def _figures_cells(f: Figures | None) -> list[str]:
    if f is None:
        return ["", "", "", ""]
    return [
        _figure(f.service_level, 4),
        _figure(f.asa, 1),
        _figure(f.abandonment, 4),
        _figure(f.occupancy, 4),
    ]


def _target_json(target: Target) -> dict[str, Any]:
    if isinstance(target, ServiceLevelTarget):
        return {"kind": "service_level", "share": target.share, "within_seconds": target.within}
    if isinstance(target, AnswerSpeedTarget):
        return {"kind": "asa", "seconds": target.seconds}
    assert isinstance(target, AbandonmentTarget)
    return {"kind": "abandonment", "share": target.share}


def staffing_json(plan: StaffingPlan, *, indent: int | None = 2) -> str:
    """The plan as one JSON document (costs as decimal strings, in ``currency``), indented by
    ``indent`` (``None``: on one line, with the C encoder, which is ten times faster on a
    national department)."""

    def unit_json(unit: UnitNeed) -> dict[str, Any]:
        cost = unit.gap_cost(plan.currency)
        return {
            "unit": unit.unit,
            "fte_needed": round(unit.fte_needed, 4),
            "fte_today": str(unit.fte_today),
            "fte_gap": str(unit.fte_gap),
            "cost_per_fte_month": _money(unit.cost_per_fte, plan.currency),
            "gap_cost_month": None if cost is None else str(cost),
            "shrinkage": unit.shrinkage,
            "on_duty": list(unit.on_duty),
            "scheduled": [round(x, 4) for x in unit.scheduled],
            "today": [round(x, 4) for x in unit.today],
            "short": list(unit.short),
            "queues": [
                {
                    "channels": list(q.channels),
                    "pooled": q.pooled,
                    "skills": None if q.skills is None else sorted(q.skills),
                    "method": q.method.value,
                    "patience_seconds": q.patience,
                    "concurrency": q.concurrency,
                    "targets": [_target_json(t) for t in q.targets],
                    "arrivals_per_hour": [round(x, 6) for x in q.arrivals],
                    "handle_seconds": [round(x, 3) for x in q.handle],
                    "agents": list(q.agents),
                    "closed_arrivals": round(q.closed_arrivals, 3),
                    **({"measured": [_measured_json(m) for m in q.measured]} if q.measured else {}),
                    **({"erlang_agents": list(q.erlang)} if q.erlang else {}),
                }
                for q in unit.queues
            ],
        }

    doc = {
        "interval_minutes": plan.interval,
        "currency": plan.currency,
        "method": plan.method.value,
        "full_time_hours": plan.full_time_hours,
        "pooled": plan.pooled,
        "left_out_streams": list(plan.left_out),
        **({"verification": _verification_json(plan)} if plan.verification else {}),
        "units": [unit_json(u) for u in plan.units],
    }
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def _measured_json(m: Measured | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "tickets": round(m.tickets, 3),
        "service_level": None if m.service_level is None else round(m.service_level, 6),
        "lower_bound": None if m.lower_bound is None else round(m.lower_bound, 6),
        "asa_seconds": None if m.asa is None else round(m.asa, 3),
        "abandonment": None if m.abandonment is None else round(m.abandonment, 6),
        "met": m.met,
        "verified": m.verified,
    }


def _verification_json(plan: StaffingPlan) -> dict[str, Any]:
    found = plan.verification
    assert found is not None
    return {
        "replications": found.replications,
        "seed": found.seed,
        "confidence": found.confidence,
        "runs": found.runs,
        "converged": found.converged,
        "start_agent_intervals": found.start_agents,
        "replications_simulated": found.simulated,
    }


def _money(amount: Decimal | None, currency: str) -> str | None:
    if amount is None:
        return None
    from cskh_org.money import quantize

    return str(quantize(amount, currency))
