"""A sweep's answer as text (a table of the variants and the selection) and as JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from cskh_org.report.console import text_grid
from cskh_org.sweeps.run import SHOWN, Outcome
from cskh_org.words import Voice
from cskh_org.words import sweep_report as _words  # noqa: F401

__all__ = ["sweep_json", "sweep_text"]


def _cell(outcome: Outcome, variant: str, kpi: str, voice: Voice) -> str:
    found = outcome.summary(variant, kpi)
    if found is None:
        return "—"
    if kpi.rsplit("/", 1)[-1].startswith(("sla.", "abandonment")):
        from cskh_org.words.formats import percent_text

        mean = percent_text(found.mean, voice.lang)
        half = percent_text(found.half_width, voice.lang)
    elif kpi.endswith(".mean"):  # seconds, shown in minutes
        mean, half = voice.number(found.mean / 60, 1), voice.number(found.half_width / 60, 1)
    else:
        mean, half = voice.number(found.mean, 0), voice.number(found.half_width, 0)
    return mean if found.n < 2 or not found.half_width else f"{mean} ± {half}"


def sweep_text(outcome: Outcome, *, lang: str = "en") -> str:
    """The variants, one row each (replications and the KPIs of :data:`SHOWN` with their 95 %
    intervals), then what the selection chose, with its confidence and its cost in
    replications against brute force."""
    voice = Voice(lang)
    say = voice.say
    head = [
        say("sweeps.variant"),
        say("sweeps.replications"),
        *(say(f"sweeps.kpi.{k}") for k in SHOWN),
    ]
    rows = [head]
    selected = outcome.selected
    for spec in outcome.variants:
        n = sum(1 for v, _ in outcome.results if v == spec.id)
        mark = ""
        if selected is not None and spec.id == selected.best:
            mark = " ★"
        elif selected is not None and spec.id in selected.infeasible:
            mark = " ✗"
        rows.append([spec.id + mark, str(n), *(_cell(outcome, spec.id, k, voice) for k in SHOWN)])
    lines = [
        say("sweeps.title", sweep=outcome.sweep, variants=len(outcome.variants)),
        *text_grid(rows, left={0}),
        "",
    ]
    if selected is None:
        lines.append(say("sweeps.brute", n=outcome.replications))
    else:
        if selected.best is None:
            lines.append(say("sweeps.none-feasible"))
        else:
            lines.append(
                say(
                    "sweeps.best",
                    best=selected.best,
                    confidence=voice.number(selected.confidence * 100, 0),
                )
            )
        lines.append(
            say(
                "sweeps.cost",
                total=selected.total,
                brute=selected.brute_force,
                share=voice.number(100 * selected.total / max(selected.brute_force, 1), 1),
                stopped=say(f"sweeps.stopped.{selected.stopped_by.replace(' ', '-')}"),
            )
        )
        if selected.infeasible:
            lines.append(say("sweeps.infeasible", variants=", ".join(selected.infeasible)))
    return "\n".join(lines) + "\n"


def sweep_json(outcome: Outcome) -> str:
    """Every variant's parameters, every replication's KPIs, each KPI's mean and interval,
    and the selection (chosen, feasible and infeasible variants, replications used)."""
    variants: list[dict[str, Any]] = []
    for spec in outcome.variants:
        reps = sorted((r, res) for (v, r), res in outcome.results.items() if v == spec.id)
        kpis = sorted({k for _, res in reps for k in res.kpis})
        summaries = {}
        for k in kpis:
            found = outcome.summary(spec.id, k)
            if found is not None:
                summaries[k] = {"mean": found.mean, "half_width": found.half_width, "n": found.n}
        variants.append(
            {
                "id": spec.id,
                "key": spec.key(),
                "params": {k: _plain(v) for k, v in spec.params.items()},
                "replications": [{"replication": r, "kpis": _finite(res.kpis)} for r, res in reps],
                "kpis": summaries,
            }
        )
    selected = outcome.selected
    document: dict[str, Any] = {
        "sweep": outcome.sweep,
        "variants": variants,
        "replications": outcome.replications,
        "brute_force": outcome.brute_force,
        "selection": None
        if selected is None
        else {
            "best": selected.best,
            "feasible": list(selected.feasible),
            "infeasible": list(selected.infeasible),
            "undecided": list(selected.undecided),
            "eliminated": [list(e) for e in selected.eliminated],
            "replications": dict(selected.replications),
            "total": selected.total,
            "brute_force": selected.brute_force,
            "confidence": selected.confidence,
            "means": _finite(selected.means),
            "half_widths": _finite(selected.half_widths),
            "stopped_by": selected.stopped_by,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str, allow_nan=False) + "\n"


def _finite(kpis: Mapping[str, float]) -> dict[str, float | None]:
    """The KPIs by name, ``null`` where a replication has none (NaN is not JSON)."""
    return {k: (v if math.isfinite(v) else None) for k, v in sorted(kpis.items())}


def _plain(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
