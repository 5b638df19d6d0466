"""A simulation's results as a person reads them: the KPI tables of a result and of a what-if
comparison, or one JSON document. Nothing here computes a figure: everything comes from the
typed results of :mod:`cskh_org.simulation.results`."""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Final

from cskh_org.languages import display_language
from cskh_org.model.workload import format_span
from cskh_org.simulation.results import DIMENSIONS, Comparison, Estimate, Kpis, SimulationResult
from cskh_org.terminal import printable
from cskh_org.words import Voice, catalogue, display
from cskh_org.words.formats import percent_text

_SLA_TARGETS: Final = ("first_response", "next_response", "resolution")

__all__ = ["comparison_text", "result_json", "result_text"]

_finite: Final = math.isfinite
"""Whether a figure is shown (NaN and infinities are a dash)."""


def result_json(result: SimulationResult | Comparison, *, indent: int | None = 2) -> str:
    """The results (or both runs and their differences) as JSON, indented by ``indent``
    (``None``: one line); a figure that is not a number is refused rather than written as
    ``NaN``."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


def result_text(result: SimulationResult, *, lang: str | None = None) -> str:
    """The KPI tables, overall and by unit, channel, priority and tier, then each unit's load,
    in ``lang`` (default: the department's first language)."""
    return result_table(result, display(display_language(lang), result.languages))


def comparison_text(
    comparison: Comparison, *, lang: str | None = None, names: tuple[str, str] | None = None
) -> str:
    """The headline KPIs of both runs and their differences with their 95 % intervals; ``*``
    marks a difference whose interval excludes zero. ``names`` call the base and the other
    version in the title (default: their department and workload ids)."""
    shown = None if names is None else (printable(names[0]), printable(names[1]))
    lang = display(display_language(lang), comparison.base.languages)
    return comparison_table(comparison, lang, shown)


# -- tables --------------------------------------------------------------------------------


class _Say(Voice):
    """The catalogue's ``sim.*`` words and the locale's figures for one display language;
    notes whether a figure read as noise (an interval wider than its mean), for the legend."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.noisy = False

    def __getitem__(self, key: str) -> str:
        return self.say(f"sim.{key}")

    def __call__(self, key: str, **fields: object) -> str:
        return self.say(f"sim.{key}", **fields)

    def number(self, value: float | Decimal, digits: int | None = 0) -> str:
        """As :meth:`Voice.number`, whole by default; a dash for NaN or an infinity."""
        return super().number(value, digits) if _finite(value) else "-"

    def pct(self, x: float) -> str:
        return percent_text(x, self.lang) if _finite(x) else "-"

    def span(self, seconds: float) -> str:
        """A time for a table, two or three figures: ``4.5s``, ``42s``, ``4.2m``, ``16m``,
        ``2.5h``, ``22h``, ``1.3d`` (``4,5s`` in Vietnamese)."""
        if not _finite(seconds):
            return "-"
        x = abs(seconds)
        sign = "-" if seconds < 0 else ""
        for size, unit in ((86_400.0, "d"), (3600.0, "h"), (60.0, "m"), (1.0, "s")):
            if x >= size * 0.9995 or unit == "s":
                value = x / size
                if value < 9.95 and not (unit == "s" and value == 0):
                    return f"{sign}{self.number(value, 1)}{unit}"
                return f"{sign}{self.number(value)}{unit}"
        raise AssertionError("unreachable")

    def pm(self, e: Estimate, fmt: Callable[[float], str]) -> str:
        """``mean±half-width``; ``~mean±half-width`` when the interval is wider than the mean
        (it cannot tell the figure from zero: noise)."""
        text = fmt(e.mean)
        if _finite(e.half_width) and _finite(e.mean):
            text += f"±{fmt(e.half_width).lstrip('-')}"
            if e.half_width > abs(e.mean):
                self.noisy = True
                text = "~" + text
        return text


def _grid(rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Rows of cells aligned in columns, widths in terminal cells: the first ``left``
    left-aligned, the rest right. A row of one cell is a section title and does not set the
    widths."""
    from rich.cells import cell_len

    cells = [r for r in rows if len(r) > 1]
    widths = [max(cell_len(r[i]) for r in cells) for i in range(len(cells[0]))] if cells else []
    out = []
    for r in rows:
        if len(r) == 1:
            out.append(r[0])
            continue
        padded = []
        for i, (c, w) in enumerate(zip(r, widths, strict=True)):
            pad = " " * (w - cell_len(c))
            padded.append(c + pad if i < left else pad + c)
        out.append("  ".join(padded).rstrip())
    return out


def _names(result: SimulationResult, lang: str, units: Iterable[str]) -> dict[str, str]:
    """Each unit's whole display name: never clipped, so two names never read the same."""
    return {u: printable(result.label(u, lang)) for u in units}


def result_table(result: SimulationResult, lang: str) -> str:
    w = _Say(lang)
    targets = sorted({t for k in _all_kpis(result) for t in k.sla})
    header = [
        "",
        w["arrived"],
        w["first"],
        w["p90"],
        w["resolution"],
        w["p90"],
        *(w[f"sla.{t}"] if t in _SLA_TARGETS else f"SLA {t[:6]}" for t in targets),
        w["abandon"],
        w["fcr"],
        w["handoffs"],
    ]

    def row(name: str, k: Kpis) -> list[str]:
        return [
            name,
            w.number(k.arrived.mean),
            w.pm(k.first_response.mean, w.span),
            w.pm(k.first_response.p90, w.span),
            w.pm(k.resolution.mean, w.span),
            w.pm(k.resolution.p90, w.span),
            *(w.pct(k.sla[t].mean) if t in k.sla else "-" for t in targets),
            w.pct(k.abandonment.mean),
            w.pct(k.first_contact_resolution.mean),
            w.number(k.handoffs.mean, 2),
        ]

    rows: list[list[str]] = [header, row(w["overall"], result.overall)]
    all_units = set(result.units) | set(result.by.get("unit", {}))
    short = _names(result, lang, all_units)
    for dim in DIMENSIONS:
        groups = result.by.get(dim, {})
        if not groups or list(groups) == ["-"]:
            continue
        rows.append([f"{w['by']} {w[dim]}"])
        for value, k in groups.items():
            if dim == "unit":
                name = short.get(value, value)
            else:
                name = printable(result.value_label(dim, value, lang))
            rows.append([f"  {name}", *row("", k)[1:]])

    warmup = format_span(datetime.timedelta(seconds=result.warmup))
    warm = w("warm", span=warmup) if result.warmup else ""
    title = w(
        "title",
        department=result.department,
        workload=result.workload,
        days=f"{result.days:g}",
        warm=warm,
        n=result.replications,
        seed=result.seed,
    )
    lines = [
        title.replace("(s)", "" if result.replications == 1 else "s"),
        w["note"] if result.replications > 1 else w["single"],
        "",
        *_grid(rows),
    ]
    if result.overall.sla:
        within = format_span(datetime.timedelta(seconds=result.short_abandon))
        lines.insert(2, w(f"sla_count.{result.sla_count}", short=within))
    if result.units:
        # overtime columns only when some unit's agents work by a timetable
        timed = any(u.overtime is not None for u in result.units.values())
        load = [
            [
                w["load"],
                w["agents"],
                w["util"],
                w["visits"],
                w["follow"],
                w["queue"],
                w["peak"],
                *((w["overtime"], w["ran_over"]) if timed else ()),
                f"{w['cost']} ({result.currency})",
            ]
        ]
        for unit, u in result.units.items():
            over: tuple[str, ...] = ()
            if timed:
                over = ("-", "-")
                if u.overtime is not None and u.ran_over is not None:
                    over = (w.number(u.overtime.mean, 1), w.number(u.ran_over.mean))
            load.append(
                [
                    f"  {short[unit]}",
                    w.number(u.agents, 1),
                    w.pm(u.utilisation, w.pct),
                    w.number(u.visits.mean),
                    w.number(u.follow_ups.mean),
                    w.number(u.queue.mean, 2),
                    w.number(max(u.queue_by_hour, default=math.nan), 1),
                    *over,
                    w.number(u.cost_per_ticket.mean),
                ]
            )
        blank = [""] * (8 if timed else 6)
        load.append(["  " + w["overall"], *blank, w.number(result.cost_per_ticket.mean)])
        lines += ["", *_grid(load)]
    if result.self_service:
        lines += ["", *_grid(_self_service_rows(result, w, lang))]
        lines.insert(2, w["self_service_note"])
    arrived = sum(c.arrived for c in result.conservation)
    finished = sum(c.finished for c in result.conservation)
    abandoned = sum(c.abandoned for c in result.conservation)
    open_ = sum(c.in_system for c in result.conservation)
    lines += [
        "",
        w(
            "tickets",
            arrived=w.number(arrived),
            finished=w.number(finished),
            abandoned=w.number(abandoned),
            open=w.number(open_),
            verdict=w["conserved"] if result.conserved else w["broken"],
            events=w.number(result.events),
        ),
    ]
    if w.noisy:
        lines.insert(2, w["noise"])
    return "\n".join(lines) + "\n"


def _self_service_rows(result: SimulationResult, w: _Say, lang: str) -> list[list[str]]:
    """Each self-service stage's tickets entered and contained per replication and its
    containment, then the same per category."""
    rows = [[w["self_service"], w["entered"], w["contained"], w["containment"]]]
    for stage, k in result.self_service.items():
        rows.append(
            [
                f"  {printable(result.stage_label(stage, lang))}",
                w.number(k.entered.mean),
                w.number(k.contained.mean),
                w.pm(k.containment, w.pct),
            ]
        )
        if list(k.by_category) == ["-"]:
            continue
        for category, c in k.by_category.items():
            name = printable(result.value_label("category", category, lang))
            rows.append(
                [
                    f"    {name}",
                    w.number(c.entered.mean),
                    w.number(c.contained.mean),
                    w.pm(c.containment, w.pct),
                ]
            )
    return rows


def _all_kpis(result: SimulationResult) -> Iterator[Kpis]:
    yield result.overall
    for groups in result.by.values():
        yield from groups.values()


_KIND_OF: Final = {
    "arrived": "count",
    "answered": "count",
    "resolved": "count",
    "abandoned": "count",
    "in_system": "count",
    "reopened": "count",
    "visits": "count",
    "follow_ups": "count",
    "handoffs": "number",
    "queue": "number",
    "in_system.mean": "number",
    "cost_per_ticket": "money",
}


def _format_kpi(w: _Say, key: str, value: float, *, delta: bool = False) -> str:
    """A KPI's value for a table; ``delta``: a signed difference (shares in percentage
    points)."""
    if not _finite(value):
        return "-"
    name = key.split("/", 1)[1]
    sign = "+" if delta and value >= 0 else ""
    if name.endswith((".mean", ".p50", ".p90", ".p95")) and name != "in_system.mean":
        return sign + w.span(value)
    kind = _KIND_OF.get(name, "share")
    if kind == "count":
        return sign + w.number(value, 1)
    if kind == "number":
        return sign + w.number(value, 2)
    if kind == "money":
        return sign + w.number(value)
    if delta:
        return f"{sign}{w.number(100 * value, 1)} {w['pp']}"
    return w.pct(value)


def _format_difference(w: _Say, key: str, e: Estimate) -> str:
    text = _format_kpi(w, key, e.mean, delta=True)
    if _finite(e.half_width) and _finite(e.mean):
        hw = _format_kpi(w, key, e.half_width, delta=True).lstrip("+")
        text += f" ± {hw.removesuffix(' ' + w['pp'])}"
    return text


_HEADLINE: Final = (
    "arrived",
    "first_response.mean",
    "first_response.p90",
    "resolution.mean",
    "resolution.p90",
    "sla.first_response",
    "sla.next_response",
    "sla.resolution",
    "abandonment",
    "first_contact_resolution",
    "handoffs",
    "escalation",
    "cost_per_ticket",
    "in_system.mean",
)


def comparison_table(cmp: Comparison, lang: str, names: tuple[str, str] | None) -> str:
    w = _Say(lang)
    base, other = cmp.base, cmp.other
    keys = [f"overall/{name}" for name in _HEADLINE]
    units = set(base.units) | set(other.units)
    units |= set(base.by.get("unit", {})) | set(other.by.get("unit", {}))
    stages = [*base.self_service, *(s for s in other.self_service if s not in base.self_service)]
    keys += [f"stage={stage}/containment" for stage in stages]
    for unit in sorted(units):
        keys += [f"load={unit}/{name}" for name in ("utilisation", "queue", "cost_per_ticket")]
        keys += [
            f"unit={unit}/{name}"
            for name in ("first_response.mean", "resolution.mean", "abandonment")
        ]
    rows: list[list[str]] = [[w["kpi"], w["base"], w["other"], w["diff"], ""]]
    short = {u: printable((base if u in base.names else other).label(u, lang)) for u in units}
    known = catalogue()
    for key in keys:
        d = cmp.differences.get(key)
        if d is None:
            continue
        scope, name = key.split("/", 1)
        label = w.say(f"kpi.{name}") if f"kpi.{name}" in known else name
        if scope.startswith("stage="):
            stage = scope.split("=", 1)[1]
            shown = base if stage in base.self_service else other
            label = f"{printable(shown.stage_label(stage, lang))}: {label}"
        elif scope != "overall":
            label = f"{short[scope.split('=', 1)[1]]}: {label}"
        rows.append(
            [
                label,
                _format_kpi(w, key, d.base.mean),
                _format_kpi(w, key, d.other.mean),
                _format_difference(w, key, d.difference),
                "*" if d.significant else "",
            ]
        )
    base_name, other_name = names or (
        f"{base.department} · {base.workload}",
        f"{other.department} · {other.workload}",
    )
    title = w("whatif", other=other_name, base=base_name)
    note = w("whatif_note", days=f"{base.days:g}", n=base.replications, seed=base.seed)
    lines = [
        title,
        note.replace("(s)", "" if base.replications == 1 else "s"),
        "",
        *_grid(rows),
    ]
    return "\n".join(lines) + "\n"
