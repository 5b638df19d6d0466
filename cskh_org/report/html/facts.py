"""The figures of a review-meeting report, as one JSON document.

:func:`report_facts` asks the engines every question the report answers — the findings, the
routing analysis, the SLA policies and their attainability, the budget against its caps and
actual spend, the staffing a workload needs against today's staff, the simulated KPIs, and
the review of a change — and keeps every answer in one plain JSON document (``Facts.data``).
The page (:mod:`cskh_org.report.html.page`) is drawn from that document alone, and every
number it shows names the place it comes from (a JSON Pointer in ``data-json``), so a reader
can trace each figure to the JSON the same run writes (``cskh-org report --json``).

Where a part repeats a command's JSON output, it *is* that output: ``validation`` is
``validate --format json``, ``budget`` is ``budget --format json`` (with the roll-up by unit
and the caps beside it), ``staffing`` is ``staff --format json``, ``simulation`` is
``simulate --format json`` and ``review`` is ``diff --format json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from cskh_org.model import Department
from cskh_org.model.workload import Workload

if TYPE_CHECKING:
    from cskh_org.budget import ActualsResult
    from cskh_org.findings import Finding
    from cskh_org.loading.versions import Version

__all__ = ["FORMAT", "Facts", "RunOptions", "report_facts"]

FORMAT: Final = "cskh-org report"
"""The ``format`` field of the JSON document."""
FULL_CHART_UNITS: Final = 600
"""Up to this many units the org chart is drawn whole (the page collapses it); a larger
department is drawn at the depth the diagrams pick for it."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How the workload is simulated (``simulate`` False: not at all)."""

    simulate: bool = True
    days: float = 7.0
    replications: int = 5
    seed: int = 0
    workers: int = 1


@dataclass(frozen=True, slots=True)
class Facts:
    """The report's JSON document and the diagrams drawn from the same department."""

    data: dict[str, Any]
    org_svg: str
    """Graphviz's SVG of the org chart (no XML declaration: inlined in the page)."""
    change_svg: str | None = None
    """The org chart with the change drawn on it (with a compared version)."""

    def json_text(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"


def _loads(text: str) -> Any:
    """A section's data: the JSON document its command writes (``--format json``), read back,
    so the page holds what that command gives (written on one line: the same values)."""
    return json.loads(text)


def report_facts(
    current: Version,
    *,
    lang: str,
    workload: Workload | None = None,
    workload_file: str | None = None,
    workload_findings: Sequence[Finding] = (),
    compare: Version | None = None,
    actuals: ActualsResult | None = None,
    actuals_file: str | None = None,
    run: RunOptions = RunOptions(),
) -> Facts:
    """Every figure of the report on the department ``current`` (loaded, built), in
    ``lang``: with a ``workload``, its capacity, staffing and (``run.simulate``) simulated
    KPIs; with ``compare``, the review of the change from ``current`` to it."""
    department = current.result.department
    assert department is not None, "the CLI refuses a department that cannot be built"
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "lang": lang,
        "file": current.name,
        "workload": workload.id if workload is not None else None,
        "department": _department(department, lang),
        "validation": _validation(current, workload_file, workload_findings),
        "org": _org_tree(department, lang),
        "routing": _routing(department, lang),
        "sla": _sla(department, lang),
        "budget": _budget(department, actuals, actuals_file, lang),
        "capacity": None,
        "staffing": None,
        "simulation": None,
        "review": None,
    }
    if workload is not None:
        data["capacity"] = _capacity(department, workload)
        data["staffing"] = _staffing(department, workload)
        if run.simulate:
            data["simulation"] = _simulation(department, workload, run)
    change_svg = None
    if compare is not None:
        data["review"], change_svg = _review(current, compare, workload, run, lang)
    return Facts(data, _org_svg(department, lang), change_svg)


def _validation(
    current: Version, workload_file: str | None, workload_findings: Sequence[Finding]
) -> dict[str, Any]:
    """``validate --format json`` of the department and the workload."""
    from cskh_org.findings import Severity

    def entry(name: str, kind: str, findings: Sequence[Finding]) -> dict[str, Any]:
        return {
            "file": name,
            "kind": kind,
            "valid": not any(f.severity is Severity.ERROR for f in findings),
            "findings": [f.to_dict() for f in findings],
        }

    files = [entry(current.name, "department", current.findings)]
    if workload_file is not None:
        files.append(entry(workload_file, "workload", workload_findings))
    return {"strict": False, "files": files}


# -- the department ---------------------------------------------------------------------------


def _department(dept: Department, lang: str) -> dict[str, Any]:
    from cskh_org.checks.budget import staff_costs
    from cskh_org.words import Voice

    voice = Voice(lang, dept.languages)
    currency = dept.budget.currency if dept.budget and dept.budget.currency else dept.currency
    costs = staff_costs(dept, currency)
    year = sum(costs.values(), Decimal(0))
    return {
        "id": dept.id,
        "name": voice.pick(dept.name, dept.id),
        "timezone": dept.timezone,
        "currency": currency,
        "units": len(dept.units),
        "headcount": sum(u.headcount for u in dept.units),
        "fte": str(sum((u.fte for u in dept.units), Decimal(0)).normalize()),
        "staff_cost_year": str(year),
        "staff_cost_month": str((year / 12).quantize(Decimal(1))),
        "unit_staff_cost_year": {u: str(c) for u, c in costs.items()},
    }


def _unit_names(dept: Department, lang: str) -> dict[str, str]:
    from cskh_org.words import Voice

    voice = Voice(lang, dept.languages)
    return {u.id: voice.pick(u.name, u.id) for u in dept.units}


def _org_tree(dept: Department, lang: str) -> dict[str, Any]:
    """The units as the org chart's nodes (Graphviz's node names) with their parents and the
    text the page's search looks in."""
    from cskh_org.render.views import safe_id
    from cskh_org.words import Voice

    voice = Voice(lang, dept.languages)
    roles = dept.roles_by_id
    nodes: dict[str, Any] = {}
    for unit in dept.units:
        head = roles.get(unit.head) if unit.head else None
        words = [
            voice.pick(unit.name, unit.id),
            *(unit.name or {}).values(),
            unit.id,
            *(voice.pick(head.title, head.id) for _ in [0] if head is not None),
            *(str(f) for f in unit.functions),
        ]
        nodes[safe_id("u", unit.id)] = {
            "unit": unit.id,
            "name": voice.pick(unit.name, unit.id),
            "parent": safe_id("u", unit.parent) if unit.parent else None,
            "text": " ".join(dict.fromkeys(w for w in words if w)),
        }
    return {"nodes": nodes}


def _org_svg(dept: Department, lang: str) -> str:
    from cskh_org.render import render_built

    depth = 99 if len(dept.units) <= FULL_CHART_UNITS else None
    _, svg = render_built(dept, "org", "svg", lang=lang, depth=depth)
    return _inline_svg(svg.decode("utf-8"))


def _inline_svg(svg: str) -> str:
    """Graphviz's SVG without its XML declaration, DOCTYPE and comments: an element for HTML."""
    start = svg.find("<svg")
    return svg[start:].strip() if start >= 0 else svg


# -- routing and SLA --------------------------------------------------------------------------


def _routing(dept: Department, lang: str) -> dict[str, Any] | None:
    from cskh_org.render.views import condition_texts
    from cskh_org.routing.analysis import analyse_routing
    from cskh_org.words import Voice

    routing = dept.routing
    if routing is None:
        return None
    voice = Voice(lang, dept.languages)
    analysis = analyse_routing(routing, dept.ticket_schema)
    verdicts = {v.rule: v for v in analysis.rules}
    names = _unit_names(dept, lang)
    whens = condition_texts(dept, (r.when for r in routing.rules), lang)
    rules = []
    for index, (rule, when) in enumerate(zip(routing.rules, whens, strict=True), start=1):
        verdict = verdicts.get(rule.id)
        rules.append(
            {
                "index": index,
                "id": rule.id,
                "description": voice.pick(rule.description) if rule.description else None,
                "when": when,
                "unit": rule.to.unit,
                "unit_name": names.get(rule.to.unit, rule.to.unit),
                "skills": list(rule.to.skills),
                "priority": rule.to.priority,
                "reach": verdict.reach.value if verdict is not None else "unknown",
                "covered_by": list(verdict.covered_by) if verdict is not None else [],
                "witness": verdict.witness if verdict is not None else None,
            }
        )
    fall = analysis.fallthrough
    return {
        "rules": rules,
        "default": {
            "unit": routing.default.unit,
            "unit_name": names.get(routing.default.unit, routing.default.unit),
            "skills": list(routing.default.skills),
            "priority": routing.default.priority,
        },
        "fallthrough": {
            "known": fall.known,
            "tickets": list(fall.descriptions_vi if lang == "vi" else fall.descriptions),
            "witnesses": list(fall.witnesses),
            "reason": fall.reason.text(lang) if not fall.known else None,
        },
        "never_fire": [r["id"] for r in rules if r["reach"] in ("shadowed", "unsatisfiable")],
    }


def _sla(dept: Department, lang: str) -> dict[str, Any] | None:
    from cskh_org.model.sla import format_target
    from cskh_org.render.views import condition_texts
    from cskh_org.words import Voice

    sla = dept.sla
    if sla is None:
        return None
    voice = Voice(lang, dept.languages)

    def targets(policy: Any) -> dict[str, Any]:
        return {
            str(name): {"within": format_target(t.within), "clock": t.clock.value}
            for name, t in policy.targets().items()
        }

    whens = condition_texts(dept, (p.when for p in sla.policies), lang)
    policies = [
        {
            "id": p.id,
            "description": voice.pick(p.description) if p.description else None,
            "when": when,
            "targets": targets(p),
        }
        for p, when in zip(sla.policies, whens, strict=True)
    ]
    return {"policies": policies, "default": {"targets": targets(sla.default)}}


def _capacity(dept: Department, workload: Workload) -> dict[str, Any]:
    """Per unit, the static capacity check's figures: the offered load of the first visits
    against the agents on duty, hour by hour of an ordinary week."""
    from cskh_org.checks.capacity import offered_load

    loads, left_out = offered_load(workload, dept)
    units = []
    for unit_id, load in loads.items():
        short = [
            h
            for h, (a, b, o) in enumerate(zip(load.load, load.agents, load.open, strict=True))
            if o and a > b
        ]
        units.append(
            {
                "unit": unit_id,
                "load_hours": round(sum(load.load), 3),
                "agent_hours": round(sum(load.agents), 3),
                "peak_load": round(max(load.load, default=0.0), 3),
                "short_hours": short,
                "load": [round(x, 4) for x in load.load],
                "agents": [round(x, 4) for x in load.agents],
            }
        )
    return {"units": units, "left_out_streams": left_out}


def _staffing(dept: Department, workload: Workload) -> dict[str, Any]:
    from cskh_org.report.staffing import staffing_json
    from cskh_org.staffing.analytic import analytic_staffing

    plan: dict[str, Any] = _loads(staffing_json(analytic_staffing(dept, workload), indent=None))
    for unit in plan["units"]:  # the per-interval arrays of each queue: the units' totals say it
        for queue in unit.get("queues", ()):
            arrivals = queue.pop("arrivals_per_hour", None)
            if arrivals is not None:
                queue["arrivals_per_day"] = _per_day(arrivals, plan["interval_minutes"])
    return plan


def _per_day(per_interval: Sequence[float], minutes: int) -> list[float]:
    """Arrivals per hour in each interval → tickets per day of the week."""
    per_day = 24 * 60 // minutes
    return [
        round(sum(per_interval[d * per_day : (d + 1) * per_day]) * minutes / 60, 2)
        for d in range(len(per_interval) // per_day)
    ]


def _simulation(dept: Department, workload: Workload, run: RunOptions) -> dict[str, Any]:
    from cskh_org.report.simulation import result_json
    from cskh_org.simulation.run import simulate

    result = simulate(
        dept,
        workload,
        days=run.days,
        replications=run.replications,
        seed=run.seed,
        workers=run.workers,
    )
    data: dict[str, Any] = _loads(result_json(result, indent=None))
    data["start"] = workload.start.isoformat()
    return data


# -- budget -----------------------------------------------------------------------------------


def _budget(
    dept: Department, actuals: ActualsResult | None, actuals_file: str | None, lang: str
) -> dict[str, Any] | None:
    from cskh_org.approval import replay
    from cskh_org.budget import plan, variance
    from cskh_org.checks.budget import cap_figures
    from cskh_org.money import quantize
    from cskh_org.report.budget import budget_json

    budget = dept.budget
    if budget is None:
        return None
    costed = plan(dept)
    record = replay(budget.approval, budget.history) if budget.approval is not None else None
    table = (
        costed.rollup(("category",))
        if actuals is None
        else variance(costed, actuals, ("category",))
    )
    data: dict[str, Any] = _loads(
        budget_json(
            file="",
            department=dept.id,
            costed=costed,
            record=record,
            table=table,
            actuals=actuals,
            actuals_file=actuals_file,
            indent=None,
        )
    )
    del data["file"]
    data["approval_text"] = record.summary(lang) if record is not None else None
    by_unit = costed.rollup(("unit",)) if actuals is None else variance(costed, actuals, ("unit",))
    data["by_unit"] = by_unit.to_dict()
    figures = cap_figures(dept)
    caps: dict[str, Any] = {"total": None, "units": [], "categories": []}
    if figures is not None:
        currency = figures.currency

        def same(money: Any) -> bool:
            return money.currency is None or money.currency == currency

        def row(key: str, name: str, cap: Any, total: Decimal) -> dict[str, Any]:
            planned = quantize(total, currency)
            return {
                key: name,
                "cap": str(cap.amount),
                "plan": str(planned),
                "over": planned > cap.amount,
                "used": float(planned / cap.amount) if cap.amount else None,
            }

        if budget.caps.total is not None and same(budget.caps.total):
            caps["total"] = row("of", "total", budget.caps.total, figures.total)
        for unit_id, cap in budget.caps.units.items():
            if unit_id in dept.units_by_id and same(cap):
                total = figures.staff.get(unit_id, Decimal(0)) + figures.lines_by_unit.get(
                    unit_id, Decimal(0)
                )
                caps["units"].append(row("unit", unit_id, cap, total))
        for category, cap in budget.caps.categories.items():
            if same(cap):
                total = figures.by_category.get(category, Decimal(0))
                caps["categories"].append(row("category", category.value, cap, total))
    data["caps"] = caps
    return data


# -- a change ---------------------------------------------------------------------------------


def _review(
    current: Version,
    compare: Version,
    workload: Workload | None,
    run: RunOptions,
    lang: str,
) -> tuple[dict[str, Any], str]:
    from cskh_org.diff import review
    from cskh_org.render import render_view
    from cskh_org.render.changes import change_view
    from cskh_org.report.diff import diff_json

    old, new = current.result.department, compare.result.department
    assert old is not None
    assert new is not None
    answer = review(
        old,
        new,
        old_name=current.name,
        new_name=compare.name,
        old_findings=current.findings,
        new_findings=compare.findings,
        workload=workload,
        simulate=run.simulate and workload is not None,
        days=run.days,
        replications=run.replications,
        seed=run.seed,
        workers=run.workers,
    )
    data = _loads(diff_json(answer, old_at=current.at, new_at=compare.at))
    view = change_view(old, new, answer.unit_states(), lang=lang, depth=99)
    svg = _inline_svg(render_view(view, "svg").decode("utf-8"))
    return data, svg
