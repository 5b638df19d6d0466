"""A simulation's results as a person reads them: the KPI tables of a result and of a what-if
comparison, or one JSON document. Nothing here computes a figure: everything comes from the
typed results of :mod:`cskh_org.simulation.results`."""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final

from cskh_org.languages import display_language
from cskh_org.model.workload import format_span
from cskh_org.simulation.results import DIMENSIONS, Comparison, Estimate, Kpis, SimulationResult
from cskh_org.terminal import printable

__all__ = ["comparison_text", "result_json", "result_text"]

_finite: Final = math.isfinite
"""Whether a figure is shown (NaN and infinities are a dash)."""


def result_json(result: SimulationResult | Comparison) -> str:
    """The results (or both runs and their differences) as JSON; a figure that is not a
    number is refused rather than written as ``NaN``."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def result_text(result: SimulationResult, *, lang: str | None = None) -> str:
    """The KPI tables, overall and by unit, channel, priority and tier, then each unit's load,
    in ``lang`` (default: the department's first language)."""
    return result_table(result, display_language(lang) or result.languages[0])


def comparison_text(
    comparison: Comparison, *, lang: str | None = None, names: tuple[str, str] | None = None
) -> str:
    """The headline KPIs of both runs and their differences with their 95 % intervals; ``*``
    marks a difference whose interval excludes zero. ``names`` call the base and the other
    version in the title (default: their department and workload ids)."""
    shown = None if names is None else (printable(names[0]), printable(names[1]))
    lang = display_language(lang) or comparison.base.languages[0]
    return comparison_table(comparison, lang, shown)


# -- tables --------------------------------------------------------------------------------

_WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "group": "",
        "arrived": "arrived",
        "first": "1st resp",
        "resolution": "resolution",
        "title": "{department} · {workload} · {days} days{warm} · {n} replication(s), seed {seed}",
        "warm": ", {span} warm-up",
        "note": "mean±95 % CI half-width over replications; p90 of the pooled tickets; "
        "counts per replication",
        "tickets": "tickets of every replication, warm-up included: {arrived} arrived =\n"
        "  {finished} finished + {abandoned} abandoned + {open} open: {verdict}; {events} events",
        "conserved": "conserved",
        "broken": "NOT CONSERVED (a bug: please report it)",
        "whatif": "what-if, other minus base\n  base:  {base}\n  other: {other}",
        "whatif_note": "{days} days, {n} replication(s) with seed {seed} (common random "
        "numbers); * the 95 % interval of the difference excludes 0",
        "p90": "p90",
        "abandon": "abandon",
        "fcr": "FCR",
        "handoffs": "handoffs",
        "by": "by",
        "overall": "overall",
        "unit": "unit",
        "channel": "channel",
        "priority": "priority",
        "tier": "tier",
        "load": "unit load",
        "agents": "agents",
        "util": "utilisation",
        "visits": "visits",
        "follow": "follow-ups",
        "queue": "queue",
        "peak": "peak h",
        "cost": "cost/ticket",
        "kpi": "KPI",
        "base": "base",
        "other": "other",
        "diff": "difference (95 % CI)",
    },
    "vi": {
        "group": "",
        "arrived": "đến",
        "first": "phản hồi",
        "resolution": "giải quyết",
        "p90": "p90",
        "abandon": "bỏ dở",
        "fcr": "FCR",
        "handoffs": "chuyển giao",
        "title": "{department} · {workload} · {days} ngày{warm} · {n} lần chạy, hạt giống {seed}",
        "warm": ", khởi động {span}",
        "note": "trung bình±nửa khoảng tin cậy 95 % giữa các lần chạy; p90 của mọi phiếu; "
        "số lượng tính cho mỗi lần chạy",
        "tickets": "phiếu của mọi lần chạy, kể cả khởi động: {arrived} đến =\n"
        "  {finished} xong + {abandoned} bỏ dở + {open} còn mở: {verdict}; {events} sự kiện",
        "conserved": "bảo toàn",
        "broken": "KHÔNG BẢO TOÀN (lỗi của chương trình: xin báo lại)",
        "whatif": "so sánh, phương án trừ gốc\n  gốc:       {base}\n  phương án: {other}",
        "whatif_note": "{days} ngày, {n} lần chạy với hạt giống {seed} (cùng số ngẫu nhiên); "
        "* khoảng tin cậy 95 % của chênh lệch không chứa 0",
        "by": "theo",
        "overall": "toàn bộ",
        "unit": "đơn vị",
        "channel": "kênh",
        "priority": "ưu tiên",
        "tier": "hạng",
        "load": "tải theo đơn vị",
        "agents": "nhân sự",
        "util": "sử dụng",
        "visits": "lượt",
        "follow": "liên hệ lại",
        "queue": "hàng đợi",
        "peak": "đỉnh/giờ",
        "cost": "chi phí/phiếu",
        "kpi": "KPI",
        "base": "gốc",
        "other": "phương án",
        "diff": "chênh lệch (KTC 95 %)",
    },
}

_SLA_SHORT: Final = {"first_response": "1st", "next_response": "next", "resolution": "res"}


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def _span(seconds: float) -> str:
    """A time for a table, two or three figures: ``4.5s``, ``42s``, ``4.2m``, ``16m``,
    ``2.5h``, ``22h``, ``1.3d``."""
    if not _finite(seconds):
        return "-"
    x = abs(seconds)
    sign = "-" if seconds < 0 else ""
    for size, unit in ((86_400.0, "d"), (3600.0, "h"), (60.0, "m"), (1.0, "s")):
        if x >= size * 0.9995 or unit == "s":
            value = x / size
            if value < 9.95 and not (unit == "s" and value == 0):
                return f"{sign}{value:.1f}{unit}"
            return f"{sign}{value:.0f}{unit}"
    raise AssertionError("unreachable")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%" if _finite(x) else "-"


def _number(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}" if _finite(x) else "-"


def _pm(e: Estimate, fmt: Callable[[float], str]) -> str:
    text = fmt(e.mean)
    if _finite(e.half_width) and _finite(e.mean):
        text += f"±{fmt(e.half_width).lstrip('-')}"
    return text


def _grid(rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Rows of cells aligned in columns: the first ``left`` left-aligned, the rest right.
    A row of one cell is a section title and does not set the widths."""
    cells = [r for r in rows if len(r) > 1]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))] if cells else []
    out = []
    for r in rows:
        if len(r) == 1:
            out.append(r[0])
            continue
        out.append(
            "  ".join(
                c.ljust(w) if i < left else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            ).rstrip()
        )
    return out


def _short_names(names: Mapping[str, str], width: int = 18) -> dict[str, str]:
    """Display names clipped to ``width``; where two clipped names would read the same, the
    ids (clipped too) stand in for them."""
    clipped = {key: _clip(name, width) for key, name in names.items()}
    seen: dict[str, int] = {}
    for text in clipped.values():
        seen[text] = seen.get(text, 0) + 1
    return {key: text if seen[text] == 1 else _clip(key, width) for key, text in clipped.items()}


def _clip(text: str, width: int = 18) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def result_table(result: SimulationResult, lang: str) -> str:
    w = _words(lang)
    targets = sorted({t for k in _all_kpis(result) for t in k.sla})
    header = [
        w["group"],
        w["arrived"],
        w["first"],
        w["p90"],
        w["resolution"],
        w["p90"],
        *(f"SLA {_SLA_SHORT.get(t, t[:6])}" for t in targets),
        w["abandon"],
        w["fcr"],
        w["handoffs"],
    ]

    def row(name: str, k: Kpis) -> list[str]:
        return [
            name,
            _number(k.arrived.mean),
            _pm(k.first_response.mean, _span),
            _span(k.first_response.p90),
            _pm(k.resolution.mean, _span),
            _span(k.resolution.p90),
            *(_pct(k.sla[t].mean) if t in k.sla else "-" for t in targets),
            _pct(k.abandonment.mean),
            _pct(k.first_contact_resolution.mean),
            _number(k.handoffs.mean, 2),
        ]

    rows: list[list[str]] = [header, row(w["overall"], result.overall)]
    all_units = set(result.units) | set(result.by.get("unit", {}))
    short = _short_names({u: result.label(u, lang) for u in all_units})
    for dim in DIMENSIONS:
        groups = result.by.get(dim, {})
        if not groups or list(groups) == ["-"]:
            continue
        rows.append([f"{w['by']} {w[dim]}"])
        for value, k in groups.items():
            name = short.get(value, value) if dim == "unit" else _clip(value)
            rows.append([f"  {name}", *row("", k)[1:]])

    warmup = format_span(datetime.timedelta(seconds=result.warmup))
    warm = w["warm"].format(span=warmup) if result.warmup else ""
    title = w["title"].format(
        department=result.department,
        workload=result.workload,
        days=f"{result.days:g}",
        warm=warm,
        n=result.replications,
        seed=result.seed,
    )
    lines = [
        title.replace("(s)", "" if result.replications == 1 else "s"),
        w["note"],
        "",
        *_grid(rows),
    ]
    if result.units:
        load = [
            [
                w["load"],
                w["agents"],
                w["util"],
                w["visits"],
                w["follow"],
                w["queue"],
                w["peak"],
                f"{w['cost']} ({result.currency})",
            ]
        ]
        for unit, u in result.units.items():
            load.append(
                [
                    f"  {short[unit]}",
                    _number(u.agents, 1),
                    _pm(u.utilisation, _pct),
                    _number(u.visits.mean),
                    _number(u.follow_ups.mean),
                    _number(u.queue.mean, 2),
                    _number(max(u.queue_by_hour, default=math.nan), 1),
                    _number(u.cost_per_ticket.mean),
                ]
            )
        load.append(
            ["  " + w["overall"], "", "", "", "", "", "", _number(result.cost_per_ticket.mean)]
        )
        lines += ["", *_grid(load)]
    arrived = sum(c.arrived for c in result.conservation)
    finished = sum(c.finished for c in result.conservation)
    abandoned = sum(c.abandoned for c in result.conservation)
    open_ = sum(c.in_system for c in result.conservation)
    lines += [
        "",
        w["tickets"].format(
            arrived=f"{arrived:,}",
            finished=f"{finished:,}",
            abandoned=f"{abandoned:,}",
            open=f"{open_:,}",
            verdict=w["conserved"] if result.conserved else w["broken"],
            events=f"{result.events:,}",
        ),
    ]
    return "\n".join(lines) + "\n"


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


def _format_kpi(key: str, value: float, *, delta: bool = False) -> str:
    """A KPI's value for a table; ``delta``: a signed difference (shares in percentage
    points)."""
    if not _finite(value):
        return "-"
    name = key.split("/", 1)[1]
    sign = "+" if delta and value >= 0 else ""
    if name.endswith((".mean", ".p90")) and name != "in_system.mean":
        return sign + _span(value)
    kind = _KIND_OF.get(name, "share")
    if kind == "count":
        return sign + _number(value, 1)
    if kind == "number":
        return sign + _number(value, 2)
    if kind == "money":
        return sign + _number(value)
    return f"{sign}{100 * value:.1f} pp" if delta else _pct(value)


def _format_difference(key: str, e: Estimate) -> str:
    text = _format_kpi(key, e.mean, delta=True)
    if _finite(e.half_width) and _finite(e.mean):
        hw = _format_kpi(key, e.half_width, delta=True).lstrip("+")
        text += f" ± {hw.removesuffix(' pp')}"
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


_KPI_LABELS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "arrived": "tickets arrived",
        "first_response.mean": "first response, mean",
        "first_response.p90": "first response, p90",
        "resolution.mean": "resolution, mean",
        "resolution.p90": "resolution, p90",
        "sla.first_response": "SLA first response met",
        "sla.next_response": "SLA next response met",
        "sla.resolution": "SLA resolution met",
        "abandonment": "abandonment",
        "first_contact_resolution": "first-contact resolution",
        "handoffs": "handoffs per ticket",
        "escalation": "escalated",
        "cost_per_ticket": "cost per ticket",
        "in_system.mean": "tickets in the system",
        "utilisation": "utilisation",
        "queue": "mean queue",
    },
    "vi": {
        "arrived": "số phiếu đến",
        "first_response.mean": "phản hồi đầu, trung bình",
        "first_response.p90": "phản hồi đầu, p90",
        "resolution.mean": "giải quyết, trung bình",
        "resolution.p90": "giải quyết, p90",
        "sla.first_response": "đạt SLA phản hồi đầu",
        "sla.next_response": "đạt SLA phản hồi tiếp",
        "sla.resolution": "đạt SLA giải quyết",
        "abandonment": "tỷ lệ bỏ dở",
        "first_contact_resolution": "giải quyết ngay lần đầu",
        "handoffs": "chuyển giao mỗi phiếu",
        "escalation": "tỷ lệ chuyển cấp",
        "cost_per_ticket": "chi phí mỗi phiếu",
        "in_system.mean": "phiếu trong hệ thống",
        "utilisation": "mức sử dụng",
        "queue": "hàng đợi trung bình",
    },
}


def comparison_table(cmp: Comparison, lang: str, names: tuple[str, str] | None) -> str:
    w = _words(lang)
    labels = _KPI_LABELS.get(lang, _KPI_LABELS["en"])
    base, other = cmp.base, cmp.other
    keys = [f"overall/{name}" for name in _HEADLINE]
    units = set(base.units) | set(other.units)
    units |= set(base.by.get("unit", {})) | set(other.by.get("unit", {}))
    for unit in sorted(units):
        keys += [f"load={unit}/{name}" for name in ("utilisation", "queue", "cost_per_ticket")]
        keys += [
            f"unit={unit}/{name}"
            for name in ("first_response.mean", "resolution.mean", "abandonment")
        ]
    rows: list[list[str]] = [[w["kpi"], w["base"], w["other"], w["diff"], ""]]
    short = _short_names(
        {u: (base if u in base.names else other).label(u, lang) for u in units}, 20
    )
    for key in keys:
        d = cmp.differences.get(key)
        if d is None:
            continue
        scope, name = key.split("/", 1)
        label = labels.get(name, name)
        if scope != "overall":
            label = f"{short[scope.split('=', 1)[1]]}: {label}"
        rows.append(
            [
                label,
                _format_kpi(key, d.base.mean),
                _format_kpi(key, d.other.mean),
                _format_difference(key, d.difference),
                "*" if d.significant else "",
            ]
        )
    base_name, other_name = names or (
        f"{base.department} · {base.workload}",
        f"{other.department} · {other.workload}",
    )
    title = w["whatif"].format(other=other_name, base=base_name)
    note = w["whatif_note"].format(days=f"{base.days:g}", n=base.replications, seed=base.seed)
    lines = [
        title,
        note.replace("(s)", "" if base.replications == 1 else "s"),
        "",
        *_grid(rows),
    ]
    return "\n".join(lines) + "\n"
