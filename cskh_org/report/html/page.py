"""The review-meeting report as one self-contained HTML file.

:func:`report_page` draws the page from :class:`~cskh_org.report.html.facts.Facts` alone: the
JSON document is embedded (``<script type="application/json" id="report-data">``), and every
number shown carries ``data-json``, the JSON Pointer of the value it shows, so each figure can
be traced to the JSON the same run writes. Nothing is fetched: the styles, the script (org
chart search and collapse), the diagrams and the charts are all inline, under a
Content-Security-Policy of ``default-src 'none'`` that lets in only the inline styles and the
one script, by its hash. All text the user wrote (names, descriptions, messages) is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from cskh_org.report.html.facts import Facts
from cskh_org.words import say
from cskh_org.words.formats import money_text, number_text, percent_text

if TYPE_CHECKING:
    from cskh_org.report.html.charts import Series

__all__ = ["SECTIONS", "report_page"]

SECTIONS: Final = (
    "summary",
    "org",
    "findings",
    "routing",
    "sla",
    "budget",
    "staffing",
    "simulation",
    "review",
)
"""The page's sections in order (``review`` only with a compared version)."""
TOP_SERIES: Final = 6
"""The most units a line or stacked chart draws one by one (the others are summed)."""
TOP_BARS: Final = 30
"""The most units a bar chart of units draws one by one: past it, the cost chart draws the
costliest and one bar of the others summed, the SLA chart the lowest (a chart of 5,000 bars
is 2,000 inches tall and takes matplotlib a minute); every unit stays in the tables."""
_SEVERITIES: Final = ("error", "warning", "info")
_TARGETS: Final = ("first_response", "next_response", "resolution")


def _static(name: str) -> str:
    return resources.files("cskh_org.report.html").joinpath("static", name).read_text("utf-8")


def pointer(*parts: str | int) -> str:
    """The JSON Pointer (RFC 6901) of ``parts``: ``/budget/caps/units/0/cap``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(data: Any, ptr: str) -> Any:
    """The value at JSON Pointer ``ptr`` in ``data``."""
    value = data
    for raw in ptr.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Page:
    """The page's words and numbers in one language, each number tagged with its pointer."""

    def __init__(self, facts: Facts, lang: str) -> None:
        self.facts = facts
        self.data = facts.data
        self.lang = lang
        self.currency: str = self.data["department"]["currency"]

    def t(self, key: str, **fields: object) -> str:
        """A catalogue entry, escaped (its fields are escaped before they are filled in)."""
        return _e(say(f"page.{key}", self.lang, **fields))

    def raw(self, key: str, **fields: object) -> str:
        return say(f"page.{key}", self.lang, **fields)

    def _tag(self, ptr: str, text: str, kind: str, scale: float = 1.0) -> str:
        extra = f' data-scale="{scale:g}"' if scale != 1 else ""
        return (
            f'<span class="v" data-json="{_e(ptr)}" data-kind="{kind}"{extra} '
            f'title="{_e(ptr)}">{_e(text)}</span>'
        )

    def num(self, ptr: str, digits: int = 0, scale: float = 1.0) -> str:
        value = resolve(self.data, ptr)
        if value is None:
            return "—"
        shown = Decimal(str(value)) / Decimal(str(scale)) if scale != 1 else Decimal(str(value))
        return self._tag(ptr, number_text(shown, self.lang, digits=digits), "num", scale)

    def money(self, ptr: str, currency: str | None = None) -> str:
        value = resolve(self.data, ptr)
        if value is None:
            return "—"
        text = money_text(Decimal(str(value)), currency or self.currency, self.lang)
        return self._tag(ptr, text, "money")

    def pct(self, ptr: str, digits: int = 1) -> str:
        value = resolve(self.data, ptr)
        if value is None:
            return "—"
        return self._tag(ptr, percent_text(float(value), self.lang, digits=digits), "pct")

    def est(self, ptr: str, *, kind: str = "num", digits: int = 1, scale: float = 1.0) -> str:
        """An estimate ``{mean, half_width}``: ``95,1% ± 1,0%``."""
        if kind == "pct":
            mean, half = self.pct(f"{ptr}/mean", digits), self.pct(f"{ptr}/half_width", digits)
        else:
            mean = self.num(f"{ptr}/mean", digits, scale)
            half = self.num(f"{ptr}/half_width", digits, scale)
        return f'{mean} <span class="ci">± {half}</span>'


# -- the page ---------------------------------------------------------------------------------


def report_page(facts: Facts, *, lang: str) -> str:
    """The HTML document of ``facts`` in ``lang`` (``vi`` or ``en``)."""
    page = _Page(facts, lang)
    data = facts.data
    parts = [
        ("summary", _summary(page)),
        ("org", _org(page)),
        ("findings", _findings(page)),
        ("routing", _routing(page)),
        ("sla", _sla(page)),
        ("budget", _budget(page)),
        ("staffing", _staffing(page)),
        ("simulation", _simulation(page)),
    ]
    if data.get("review") is not None:
        parts.append(("review", _review(page)))
    script = _static("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    name = data["department"]["name"]
    toc = "".join(f'<li><a href="#{key}">{page.t(f"section.{key}")}</a></li>' for key, _ in parts)
    sections = "\n".join(
        f'<section id="{key}" class="report-section">'
        f"<h2>{page.t(f'section.{key}')}</h2>\n{body}\n</section>"
        for key, body in parts
    )
    embedded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="cskh-org">\n'
        f"<title>{page.t('title', name=name)}</title>\n"
        f"<style>\n{_static('report.css')}\n</style>\n</head>\n<body>\n"
        f"<header><h1>{page.t('title', name=name)}</h1>\n{_byline(page)}"
        f'<nav id="toc" aria-label="{page.t("contents")}"><ol>{toc}</ol></nav>\n'
        f'<p class="muted">{page.t("json")}</p></header>\n'
        f"<main>\n{sections}\n</main>\n"
        f'<script type="application/json" id="report-data">{_json_in_html(embedded)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _json_in_html(text: str) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, no ``<!--``."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _byline(page: _Page) -> str:
    from cskh_org import __version__

    data = page.data
    parts = [page.t("generated", version=__version__, file=data["file"])]
    if data.get("workload"):
        parts.append(page.t("workload", workload=data["workload"]))
    if data.get("review"):
        parts.append(page.t("compare", file=data["review"]["new"]))
    return f'<p class="byline">{" · ".join(parts)}</p>\n'


def _table(head: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table: ``head`` as (escaped title, numeric), ``rows`` of ready HTML cells."""
    ths = "".join(f'<th{" class=num" if num else ""} scope="col">{h}</th>' for h, num in head)
    body = []
    for row in rows:
        cells = "".join(
            f"<td{' class=num' if num else ''}>{cell}</td>"
            for cell, (_, num) in zip(row, head, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="grid {cls}"><thead><tr>{ths}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _kpi(value: str, label: str) -> str:
    return (
        f'<div class="kpi"><div class="kpi-value">{value}</div>'
        f'<div class="kpi-label">{label}</div></div>'
    )


def _figure(svg: str, caption: str, source: str) -> str:
    return (
        f'<figure class="chart-figure">{svg}<figcaption>{caption} '
        f'<span class="muted">{source}</span></figcaption></figure>'
    )


def _note(text: str) -> str:
    return f'<p class="muted note">{text}</p>'


# -- sections ---------------------------------------------------------------------------------


def _severity_counts(page: _Page) -> dict[str, int]:
    counts = dict.fromkeys(_SEVERITIES, 0)
    for file in page.data["validation"]["files"]:
        for f in file["findings"]:
            counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return counts


def _summary(page: _Page) -> str:
    data = page.data
    cards = [
        _kpi(page.num("/department/units"), page.t("kpi.units")),
        _kpi(page.num("/department/headcount"), page.t("kpi.headcount")),
        _kpi(page.num("/department/fte", 1), page.t("kpi.fte")),
        _kpi(page.money("/department/staff_cost_month"), page.t("kpi.staff-month")),
    ]
    counts = _severity_counts(page)
    for severity, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        badge = f'<span class="badge sev-{severity}">{counts[severity]}</span>'
        cards.append(_kpi(badge, page.t(f"kpi.{key}")))
    if data.get("routing") is not None:
        rules = len(data["routing"]["rules"])
        never = len(data["routing"]["never_fire"])
        cards.append(_kpi(str(rules), page.t("kpi.rules")))
        cards.append(_kpi(str(never), page.t("kpi.never")))
    budget = data.get("budget")
    if budget is not None:
        total = page.money(
            "/budget/rollup/total" if "rollup" in budget else "/budget/variance/total/planned"
        )
        caps = budget["caps"]["total"]
        cap = f" / {page.money('/budget/caps/total/cap')}" if caps is not None else ""
        cards.append(_kpi(total + cap, page.t("kpi.budget")))
    sim = data.get("simulation")
    if sim is not None:
        if "first_response" in sim["overall"]["sla"]:
            cards.append(
                _kpi(
                    page.est("/simulation/overall/sla/first_response", kind="pct"),
                    page.t("kpi.sla"),
                )
            )
        cards.append(
            _kpi(page.est("/simulation/overall/abandonment", kind="pct"), page.t("kpi.abandonment"))
        )
    return f'<div class="kpis">{"".join(cards)}</div>'


def _org(page: _Page) -> str:
    tree = {
        "nodes": page.data["org"]["nodes"],
        "words": {"found": page.raw("org.found", n="{n}"), "none": page.raw("org.nothing")},
    }
    return (
        '<div class="org-tools">'
        f'<input id="org-search" type="search" aria-label="{page.t("org.search")}" '
        f'placeholder="{page.t("org.search")}"> <output id="org-search-count"></output> '
        f'<button type="button" id="org-expand">{page.t("org.expand")}</button> '
        f'<button type="button" id="org-collapse">{page.t("org.collapse")}</button> '
        f'<button type="button" id="org-fit" aria-pressed="true">{page.t("org.fit")}</button>'
        "</div>\n"
        f"{_note(page.t('org.hint'))}"
        f'<div id="org-chart" class="org-fit">{page.facts.org_svg}</div>\n'
        f'<script type="application/json" id="org-tree">'
        f"{_json_in_html(json.dumps(tree, ensure_ascii=False))}</script>"
    )


def _where(f: dict[str, Any]) -> str:
    if not f.get("file"):
        return ""
    return f"{f['file']}:{f['line']}:{f['column']}"


def _findings(page: _Page) -> str:
    groups: dict[str, list[tuple[int, int, dict[str, Any]]]] = {s: [] for s in _SEVERITIES}
    for i, file in enumerate(page.data["validation"]["files"]):
        for j, f in enumerate(file["findings"]):
            groups.setdefault(f["severity"], []).append((i, j, f))
    if not any(groups.values()):
        return f"<p>{page.t('findings.none')}</p>"
    out = []
    for severity, items in groups.items():
        if not items:
            continue
        items.sort(key=lambda x: (x[2]["code"], _where(x[2])))
        rows = [
            (
                f"<code>{_e(_where(f))}</code>",
                f'<code data-json="{_e(pointer("validation", "files", i, "findings", j))}">'
                f"{_e(f['code'])}</code>",
                _e(f["message_vi"] if page.lang == "vi" and f.get("message_vi") else f["message"]),
            )
            for i, j, f in items
        ]
        table = _table(
            (
                (page.t("findings.where"), False),
                (page.t("findings.code"), False),
                (page.t("findings.message"), False),
            ),
            rows,
        )
        out.append(
            f'<details class="findings-group" open><summary>'
            f'<span class="badge sev-{severity}">{len(items)}</span> '
            f"{page.t(f'severity.{severity}')}</summary>{table}</details>"
        )
    return "\n".join(out)


def _routing(page: _Page) -> str:
    routing = page.data.get("routing")
    if routing is None:
        return _note(page.t("no-section", section="routing"))
    rows: list[Sequence[str]] = []
    for i, rule in enumerate(routing["rules"]):
        reach = rule["reach"]
        verdict = page.t(f"routing.reach.{reach}", rules=", ".join(rule["covered_by"]))
        if rule.get("witness"):
            example = ", ".join(f"{k}={v}" for k, v in rule["witness"].items())
            verdict += f'<br><span class="muted">{page.t("routing.example")}: {_e(example)}</span>'
        cls = "never" if reach in ("shadowed", "unsatisfiable") else reach
        name = f"<strong>{_e(rule['id'])}</strong>"
        if rule.get("description"):
            name += f'<br><span class="muted">{_e(rule["description"])}</span>'
        rows.append(
            (
                page.num(pointer("routing", "rules", i, "index")),
                name,
                _e(rule["when"]),
                f"{_e(rule['unit_name'])} <code>{_e(rule['unit'])}</code>",
                _e(", ".join(rule["skills"])),
                _e(f"{rule['priority']:+d}" if rule["priority"] else ""),
                f'<span class="reach-{cls}">{verdict}</span>',
            )
        )
    default = routing["default"]
    rows.append(
        (
            "",
            f"<em>{page.t('routing.default')}</em>",
            "",
            f"{_e(default['unit_name'])} <code>{_e(default['unit'])}</code>",
            _e(", ".join(default["skills"])),
            _e(f"{default['priority']:+d}" if default["priority"] else ""),
            "",
        )
    )
    table = _table(
        (
            ("#", True),
            (page.t("routing.rule"), False),
            (page.t("routing.when"), False),
            (page.t("routing.to"), False),
            (page.t("routing.skills"), False),
            (page.t("routing.priority"), True),
            (page.t("routing.verdict"), False),
        ),
        rows,
        "routing",
    )
    fall = routing["fallthrough"]
    if not fall["known"]:
        tail = f"<p>{page.t('routing.fallthrough-unknown', reason=fall['reason'] or '')}</p>"
    elif not fall["tickets"]:
        tail = f"<p>{page.t('routing.fallthrough-none')}</p>"
    else:
        items = "".join(f"<li>{_e(t)}</li>" for t in fall["tickets"])
        tail = f"<h3>{page.t('routing.fallthrough')}</h3><ul>{items}</ul>"
    return table + tail


def _targets(page: _Page, targets: dict[str, Any]) -> list[str]:
    cells = []
    for name in _TARGETS:
        target = targets.get(name)
        if target is None:
            cells.append("—")
        else:
            clock = page.t(f"sla.clock.{target['clock']}")
            cells.append(f"{_e(target['within'])} <span class=muted>({clock})</span>")
    return cells


def _sla(page: _Page) -> str:
    sla = page.data.get("sla")
    out = []
    if sla is None:
        out.append(_note(page.t("no-section", section="sla")))
    else:
        rows: list[Sequence[str]] = [
            (
                f"<strong>{_e(p['id'])}</strong>"
                + (
                    f'<br><span class="muted">{_e(p["description"])}</span>'
                    if p["description"]
                    else ""
                ),
                _e(p["when"]),
                *_targets(page, p["targets"]),
            )
            for p in sla["policies"]
        ]
        rows.append(
            (f"<em>{page.t('sla.default')}</em>", "", *_targets(page, sla["default"]["targets"]))
        )
        head: list[tuple[str, bool]] = [
            (page.t("sla.policy"), False),
            (page.t("routing.when"), False),
        ]
        head += [(page.t(f"sla.{name}"), False) for name in _TARGETS]
        out.append(_table(head, rows))
    out.append(f"<h3>{page.t('sla.attainability')}</h3>")
    capacity = page.data.get("capacity")
    if capacity is None:
        out.append(_note(page.t("needs-workload")))
        return "\n".join(out)
    sim = page.data.get("simulation")
    by_unit = sim["by"].get("unit", {}) if sim else {}
    targets = [
        t for t in ("first_response", "resolution") if any(t in u["sla"] for u in by_unit.values())
    ]
    unit_head: list[tuple[str, bool]] = [
        (page.t("sla.unit"), False),
        (page.t("sla.load"), True),
        (page.t("sla.agents"), True),
        (page.t("sla.short"), True),
    ]
    unit_head += [(page.t("sla.simulated", target=page.raw(f"sla.{t}")), True) for t in targets]
    names = _names(page)
    unit_rows: list[Sequence[str]] = []
    for i, unit in enumerate(capacity["units"]):
        at = pointer("capacity", "units", i)
        short = len(unit["short_hours"])
        row = [
            _unit(names, unit["unit"]),
            page.num(f"{at}/load_hours", 1),
            page.num(f"{at}/agent_hours", 1),
            f'<span class="{"bad" if short else ""}">{short}</span>',
        ]
        for t in targets:
            kpis = by_unit.get(unit["unit"])
            row.append(
                page.est(pointer("simulation", "by", "unit", unit["unit"], "sla", t), kind="pct")
                if kpis is not None and t in kpis["sla"]
                else "—"
            )
        unit_rows.append(row)
    out.append(_table(unit_head, unit_rows))
    out.append(_note(page.t("sla.attain-note")))
    if sim:
        out.append(_sla_chart(page, by_unit, names))
    return "\n".join(out)


def _names(page: _Page) -> dict[str, str]:
    return {node["unit"]: _display_name(node) for node in page.data["org"]["nodes"].values()}


def _display_name(node: dict[str, Any]) -> str:
    return str(node.get("name") or node["unit"])


def _unit(names: dict[str, str], unit: str) -> str:
    return f"{_e(names.get(unit, unit))} <code>{_e(unit)}</code>"


def _budget(page: _Page) -> str:
    budget = page.data.get("budget")
    if budget is None:
        return _note(page.t("no-section", section="budget"))
    out = []
    if budget.get("approval"):
        out.append(f"<p>{page.t('budget.approval', state=budget['approval_text'])}</p>")
    if "variance" in budget:
        read = budget["actuals"]
        out.append(f"<p>{page.t('budget.actuals', file=read['file'], rows=read['rows'])}</p>")
        rows: list[Sequence[str]] = [
            (
                _category(page, row["category"]),
                page.money(pointer("budget", "variance", "rows", i, "planned")),
                page.money(pointer("budget", "variance", "rows", i, "actual")),
                page.money(pointer("budget", "variance", "rows", i, "difference")),
                page.num(pointer("budget", "variance", "rows", i, "percent"), 1),
            )
            for i, row in enumerate(budget["variance"]["rows"])
        ]
        rows.append(
            (
                f"<strong>{page.t('budget.total')}</strong>",
                page.money("/budget/variance/total/planned"),
                page.money("/budget/variance/total/actual"),
                page.money("/budget/variance/total/difference"),
                page.num("/budget/variance/total/percent", 1),
            )
        )
        head: list[tuple[str, bool]] = [
            (page.t("budget.category"), False),
            (page.t("budget.amount"), True),
            (page.t("budget.actual"), True),
            (page.t("budget.variance"), True),
            ("%", True),
        ]
    else:
        rows = [
            (
                _category(page, row["category"]),
                page.money(pointer("budget", "rollup", "rows", i, "amount")),
            )
            for i, row in enumerate(budget["rollup"]["rows"])
        ]
        rows.append(
            (f"<strong>{page.t('budget.total')}</strong>", page.money("/budget/rollup/total"))
        )
        head = [
            (page.t("budget.category"), False),
            (page.t("budget.amount"), True),
        ]
    out.append(_table(head, rows))
    out.append(f"<h3>{page.t('budget.caps')}</h3>")
    caps = budget["caps"]
    names = _names(page)
    rows = []
    for key, items in (
        ("total", [caps["total"]] if caps["total"] else []),
        ("categories", caps["categories"]),
        ("units", caps["units"]),
    ):
        for i, cap in enumerate(items):
            at = "/budget/caps/total" if key == "total" else pointer("budget", "caps", key, i)
            if key == "total":
                what = page.t("budget.total")
            elif key == "units":
                what = _unit(names, cap["unit"])
            else:
                what = _category(page, cap["category"])
            state = "over" if cap["over"] else "within"
            rows.append(
                (
                    what,
                    page.money(f"{at}/plan"),
                    page.money(f"{at}/cap"),
                    page.pct(f"{at}/used"),
                    f'<span class="cap-{state}">{page.t(f"budget.{state}")}</span>',
                )
            )
    if rows:
        head = [
            (page.t("budget.of"), False),
            (page.t("budget.amount"), True),
            (page.t("budget.cap"), True),
            (page.t("budget.used"), True),
            ("", False),
        ]
        out.append(_table(head, rows))
    else:
        out.append(_note(page.t("budget.no-caps")))
    out.append(_cost_chart(page, names))
    return "\n".join(out)


def _category(page: _Page, category: str) -> str:
    return _e(say(f"category.{category}", page.lang))


def _staffing(page: _Page) -> str:
    staffing = page.data.get("staffing")
    if staffing is None:
        return _note(page.t("needs-workload"))
    names = _names(page)
    rows: list[Sequence[str]] = []
    for i, unit in enumerate(staffing["units"]):
        at = pointer("staffing", "units", i)
        gap = Decimal(str(unit["fte_gap"]))
        rows.append(
            (
                _unit(names, unit["unit"]),
                page.num(f"{at}/fte_needed", 1),
                page.num(f"{at}/fte_today", 1),
                f'<span class="{"bad" if gap > 0 else ""}">{page.num(f"{at}/fte_gap", 1)}</span>',
                page.money(f"{at}/gap_cost_month", staffing["currency"]),
            )
        )
    head: list[tuple[str, bool]] = [
        (page.t("sla.unit"), False),
        (page.t("staffing.needed"), True),
        (page.t("staffing.today"), True),
        (page.t("staffing.gap"), True),
        (page.t("staffing.gap-cost"), True),
    ]
    return "\n".join(
        [
            _table(head, rows),
            _note(page.t("staffing.note", minutes=staffing["interval_minutes"])),
            _load_chart(page, names),
        ]
    )


def _simulation(page: _Page) -> str:
    sim = page.data.get("simulation")
    if sim is None:
        return _note(
            page.t("needs-workload" if page.data.get("workload") is None else "not-simulated")
        )
    lang = page.lang
    out = [
        _note(
            page.t(
                "sim.params",
                days=number_text(sim["days"], lang),
                replications=sim["replications"],
                seed=sim["seed"],
            )
        )
    ]
    o = "/simulation/overall"
    kpis = [
        (page.t("sim.arrived"), page.est(f"{o}/arrived", digits=0)),
        (page.t("sim.answered"), page.est(f"{o}/answered", digits=0)),
        (page.t("sim.resolved"), page.est(f"{o}/resolved", digits=0)),
        (page.t("sim.abandonment"), page.est(f"{o}/abandonment", kind="pct")),
        (page.t("sim.fcr"), page.est(f"{o}/first_contact_resolution", kind="pct")),
        (page.t("sim.first-mean"), page.est(f"{o}/first_response/mean", scale=60)),
        (page.t("sim.first-p90"), page.est(f"{o}/first_response/p90", scale=60)),
        (page.t("sim.resolution-mean"), page.est(f"{o}/resolution/mean", scale=3600)),
    ]
    for target in sim["overall"]["sla"]:
        kpis.append(
            (
                page.t("sim.sla", target=page.raw(f"sla.{target}")),
                page.est(pointer("simulation", "overall", "sla", target), kind="pct"),
            )
        )
    kpis.append((page.t("sim.cost"), page.est("/simulation/cost_per_ticket", digits=0)))
    out.append(_table(((page.t("sim.kpi"), False), (page.t("sim.value"), True)), kpis))
    names = _names(page)
    rows: list[Sequence[str]] = []
    for unit in sim["units"]:
        at = pointer("simulation", "units", unit)
        rows.append(
            (
                _unit(names, unit),
                page.est(f"{at}/utilisation", kind="pct"),
                page.est(f"{at}/queue", digits=2),
                page.est(f"{at}/visits", digits=0),
            )
        )
    head: list[tuple[str, bool]] = [
        (page.t("sim.unit"), False),
        (page.t("sim.utilisation"), True),
        (page.t("sim.queue"), True),
        (page.t("sim.visits"), True),
    ]
    out.append(_table(head, rows))
    out.append(_waits_chart(page, names))
    return "\n".join(out)


def _review(page: _Page) -> str:
    review = page.data["review"]
    lang = page.lang
    out = []
    if review["failed"]:
        out.append(
            f'<p class="bad">{page.t("review.failed", gates=", ".join(review["failed"]))}</p>'
        )
    out.append(f"<h3>{page.t('review.changes')}</h3>")
    if review["changes"]:
        rows: list[Sequence[str]] = []
        for c in review["changes"]:
            what = " ".join(str(x) for x in (c["section"], c["subject"], c["field"]) if x)
            if c["old"] is not None and c["new"] is not None:
                what += f": {c['old']} → {c['new']}"
            places = " → ".join(p for p in (c["old_place"], c["new_place"]) if p)
            rows.append(
                (
                    f'<span class="change-{_e(c["kind"])}">'
                    f"{_e(say('diff.kind.' + c['kind'], lang))}</span>",
                    _e(what),
                    f"<code>{_e(places)}</code>" if places else "",
                )
            )
        head: list[tuple[str, bool]] = [
            (page.t("review.kind"), False),
            (page.t("review.what"), False),
            (page.t("findings.where"), False),
        ]
        out.append(_table(head, rows))
    else:
        out.append(f"<p>{_e(say('diff.none', lang))}</p>")
    out.append(f"<h3>{page.t('review.moves')}</h3>")
    routing = review["routing"]
    if not routing["known"]:
        reason = routing.get("reason") or ""
        out.append(f"<p>{_e(say('diff.routing.unknown', lang, reason=reason))}</p>")
    elif not routing["moves"]:
        out.append(f"<p>{_e(say('diff.routing.none', lang))}</p>")
    else:
        if routing.get("moved_share") is not None:
            share = page.pct("/review/routing/moved_share")
            said = _e(say("diff.routing.share", lang, share="{share}"))
            out.append(f"<p>{said.replace('{share}', share)}</p>")
        items = []
        for i, move in enumerate(routing["moves"]):
            share = (
                f" — {page.pct(pointer('review', 'routing', 'moves', i, 'share'))}"
                if move.get("share") is not None
                else ""
            )
            what = move["tickets"].get(lang) or move["tickets"].get("en", "")
            example = json.dumps(move["example"], ensure_ascii=False, default=str)
            items.append(
                f"<li><strong>{_e(_destination(move['old'], lang))} → "
                f"{_e(_destination(move['new'], lang))}</strong>{share}<br>"
                f"{_e(say('diff.routing.tickets', lang, what=what))}<br>"
                f'<span class="muted">{_e(say("diff.routing.example", lang, ticket=example))}'
                "</span></li>"
            )
        out.append(f'<ul class="moves">{"".join(items)}</ul>')
    out.append(f"<h3>{page.t('review.effect')}</h3>")
    effect = review["effect"]
    currency = effect["currency"]
    rows = [
        (
            page.t("review.staff-year"),
            page.money("/review/effect/staff_year/old", currency),
            page.money("/review/effect/staff_year/new", currency),
            page.money("/review/effect/staff_year_change", currency),
        )
    ]
    budget = effect.get("budget")
    if budget and budget.get("old") is not None and budget.get("new") is not None:
        change = Decimal(budget["new"]) - Decimal(budget["old"])
        rows.append(
            (
                page.t("review.budget"),
                page.money("/review/effect/budget/old", currency),
                page.money("/review/effect/budget/new", currency),
                _e(money_text(change, currency, lang)),
            )
        )
    head = [
        ("", False),
        (page.t("review.old"), True),
        (page.t("review.new"), True),
        (page.t("review.difference"), True),
    ]
    out.append(_table(head, rows))
    simulated = review.get("simulated")
    if simulated:
        significant = [(k, d) for k, d in simulated["differences"].items() if d["significant"]]
        out.append(f"<h3>{page.t('review.significant')}</h3>")
        if significant:
            rows = [
                (
                    f"<code>{_e(key)}</code>",
                    page.est(pointer("review", "simulated", "differences", key, "base"), digits=3),
                    page.est(pointer("review", "simulated", "differences", key, "other"), digits=3),
                    page.est(
                        pointer("review", "simulated", "differences", key, "difference"), digits=3
                    ),
                )
                for key, _ in significant
            ]
            out.append(_table(((page.t("sim.kpi"), False), *head[1:]), rows))
        else:
            out.append(f"<p>{page.t('review.no-significant')}</p>")
    if page.facts.change_svg:
        out.append(f"<h3>{page.t('review.chart')}</h3>")
        out.append(f'<div class="change-chart">{page.facts.change_svg}</div>')
    return "\n".join(out)


def _destination(d: dict[str, Any], lang: str) -> str:
    """``support [billing] +1 (rule_id)``, as ``diff`` writes a destination."""
    text = str(d["unit"])
    if d.get("skills"):
        text += f" [{', '.join(d['skills'])}]"
    if d.get("priority_shift"):
        text += f" {d['priority_shift']:+d}"
    rule = d.get("rule") or say("diff.routing.default", lang)
    return f"{text} ({rule})"


# -- charts -----------------------------------------------------------------------------------


def _source(page: _Page, ptr: str) -> str:
    return page.t("chart.source", pointer=ptr)


def _waits_chart(page: _Page, names: dict[str, str]) -> str:
    import datetime

    from cskh_org.report.html.charts import Series, line_chart

    sim = page.data["simulation"]
    units = sorted(sim["units"].items(), key=lambda kv: -max(kv[1]["queue_by_hour"], default=0))
    shown = [(u, k) for u, k in units if any(k["queue_by_hour"])][:TOP_SERIES]
    series = [Series(names.get(u, u), tuple(k["queue_by_hour"])) for u, k in shown]
    start = datetime.datetime.fromisoformat(sim["start"]) + datetime.timedelta(
        seconds=sim["warmup"]
    )
    hours = max((len(k["queue_by_hour"]) for _, k in units), default=0)
    ticks = []
    for h in range(0, hours, 24):
        day = (start + datetime.timedelta(hours=h)).date()
        ticks.append((h, _day_label(day, page.lang)))
    svg = line_chart(
        chart_id="chart-waits",
        title=page.raw("chart.waits"),
        x_label=page.raw("chart.hour"),
        y_label=page.raw("chart.waits-y"),
        series=series,
        ticks=ticks,
        empty=page.raw("chart.empty"),
    )
    return _figure(svg, page.t("chart.waits"), _source(page, "/simulation/units/*/queue_by_hour"))


def _day_label(day: Any, lang: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, "EEE d/M" if lang == "vi" else "EEE d MMM", locale=lang))


def _sla_chart(page: _Page, by_unit: dict[str, Any], names: dict[str, str]) -> str:
    from cskh_org.report.html.charts import Series, bar_chart

    units = sorted(by_unit)
    series = []
    for target in ("first_response", "resolution"):
        means, lows, highs = [], [], []
        for u in units:
            e = by_unit[u]["sla"].get(target)
            means.append(e["mean"] if e else None)
            lows.append(e["mean"] - e["half_width"] if e else None)
            highs.append(min(1.0, e["mean"] + e["half_width"]) if e else None)
        if any(m is not None for m in means):
            series.append(
                Series(page.raw(f"sla.{target}"), tuple(means), tuple(lows), tuple(highs))
            )
    share = _target_share(page.data.get("staffing"))
    caption = page.t("chart.sla")
    if len(units) > TOP_BARS and series:  # the units furthest from their SLA
        first = series[0].values
        kept = _first_bars(len(units), lambda i: _low_first(first[i]))
        units = [units[i] for i in kept]
        series = [_pick(one, kept) for one in series]
        caption += " " + page.t(
            "chart.lowest",
            shown=number_text(len(kept), page.lang),
            total=number_text(len(by_unit), page.lang),
            series=series[0].name,
        )
    svg = bar_chart(
        chart_id="chart-sla",
        title=page.raw("chart.sla"),
        x_label="",
        y_label=page.raw("chart.share"),
        categories=[names.get(u, u) for u in units],
        series=series,
        target=share,
        target_label=""
        if share is None
        else page.raw("chart.sla-target", share=percent_text(share, page.lang, digits=0)),
        horizontal=True,
        y_format="percent",
        empty=page.raw("chart.empty"),
    )
    return _figure(svg, caption, _source(page, "/simulation/by/unit/*/sla"))


def _first_bars(count: int, key: Callable[[int], float]) -> list[int]:
    """The :data:`TOP_BARS` of ``count`` bars with the lowest ``key`` (ties: the first), in
    their order."""
    return sorted(sorted(range(count), key=lambda i: (key(i), i))[:TOP_BARS])


def _low_first(value: float | None) -> float:
    """Sort key: the lowest share first, a unit without one last."""
    return 2.0 if value is None else value


def _pick(series: Series, kept: Sequence[int]) -> Series:
    """``series`` with only the values at ``kept`` (its interval's too)."""
    from cskh_org.report.html.charts import Series

    def only(values: Sequence[float | None]) -> tuple[float | None, ...]:
        return tuple(values[i] for i in kept)

    low, high = series.low, series.high
    return Series(
        series.name,
        only(series.values),
        None if low is None else only(low),
        None if high is None else only(high),
    )


def _target_share(staffing: dict[str, Any] | None) -> float | None:
    """The share of tickets the staffing plan answers within target (its first target)."""
    for unit in (staffing or {}).get("units", ()):
        for queue in unit.get("queues", ()):
            for target in queue.get("targets", ()):
                if target.get("kind") == "service_level":
                    return float(target["share"])
    return None


def _load_chart(page: _Page, names: dict[str, str]) -> str:
    """The department's offered load against its agents on duty, hour by hour of the week,
    and the units with the most load, each on its own line."""
    from cskh_org.report.html.charts import Series, line_chart

    capacity = page.data["capacity"]
    units = sorted(capacity["units"], key=lambda u: -u["load_hours"])
    hours = len(units[0]["load"]) if units else 0
    load = tuple(round(sum(u["load"][h] for u in units), 3) for h in range(hours))
    duty = tuple(round(sum(u["agents"][h] for u in units), 3) for h in range(hours))
    series = [Series(page.raw("chart.load-all"), load), Series(page.raw("chart.on-duty"), duty)]
    series += [Series(names.get(u["unit"], u["unit"]), tuple(u["load"])) for u in units[:3]]
    days = _weekdays(page.lang)
    svg = line_chart(
        chart_id="chart-load",
        title=page.raw("chart.load"),
        x_label=page.raw("chart.hour"),
        y_label=page.raw("chart.load-y"),
        series=series,
        ticks=[(h, days[h // 24]) for h in range(0, hours, 24)],
        empty=page.raw("chart.empty"),
    )
    return _figure(svg, page.t("chart.load"), _source(page, "/capacity/units/*/load, agents"))


def _weekdays(lang: str) -> list[str]:
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", locale=lang)
    return [str(names[i]) for i in range(7)]


def _cost_chart(page: _Page, names: dict[str, str]) -> str:
    from cskh_org.report.html.charts import Series, bar_chart

    budget = page.data["budget"]
    table = budget["by_unit"]
    rows = [r for r in table["rows"] if r.get("unit")]
    key = "amount" if "amount" in (rows[0] if rows else {}) else "planned"
    staff = page.data["department"]["unit_staff_cost_year"]
    units = [r["unit"] for r in rows]
    scale = 1_000_000
    series = [
        Series(page.raw("chart.plan"), tuple(float(r[key]) / scale for r in rows)),
        Series(page.raw("chart.staff"), tuple(float(staff.get(u, 0)) / scale for u in units)),
    ]
    if key == "planned":  # actual spend read: beside the plan
        actual = tuple(float(r["actual"]) / scale for r in rows)
        series.insert(1, Series(page.raw("chart.actual"), actual))
    categories = [names.get(u, u) for u in units]
    caption = page.t("chart.cost")
    if len(units) > TOP_BARS:  # the costliest by plan, and the others in one bar
        plan = series[0].values
        kept = _first_bars(len(units), lambda i: -(plan[i] or 0.0))
        chosen = set(kept)
        others = [i for i in range(len(units)) if i not in chosen]
        categories = [categories[i] for i in kept]
        categories.append(page.raw("chart.others", n=number_text(len(others), page.lang)))
        series = [
            Series(one.name, (*_pick(one, kept).values, sum(one.values[i] or 0.0 for i in others)))
            for one in series
        ]
        caption += " " + page.t(
            "chart.costliest",
            shown=number_text(len(kept), page.lang),
            total=number_text(len(units), page.lang),
        )
    svg = bar_chart(
        chart_id="chart-cost",
        title=page.raw("chart.cost"),
        x_label="",
        y_label=page.raw("chart.cost-x", currency=page.currency),
        categories=categories,
        series=series,
        horizontal=True,
        empty=page.raw("chart.empty"),
    )
    return _figure(svg, caption, _source(page, "/budget/by_unit/rows"))
