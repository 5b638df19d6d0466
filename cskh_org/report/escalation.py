"""Escalation paths as text and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cskh_org.escalation import ROUTING_HANDOFFS, EscalationPath, Handoff, step_arrow
from cskh_org.model import Department
from cskh_org.model.escalation import StepKind
from cskh_org.terminal import printable
from cskh_org.words import Voice, say

__all__ = ["paths_json", "paths_text"]


def _handoffs(n: int, lang: str) -> str:
    return say("esc.handoffs.one" if n == 1 else "esc.handoffs.many", lang, n=n)


def paths_text(
    paths: Sequence[EscalationPath],
    department: Department,
    *,
    start: str | None,
    worst: int,
    max_handoffs: int,
    lang: str | None = None,
    follow_ups: Sequence[Handoff] = (),
) -> str:
    """Each path, holder by holder (by id in English, by name in Vietnamese), with its
    handoffs; from every routed holder (``start`` is ``None``), the worst case against
    ``max_handoffs``; the legend when a path has a step; then the ``follow_ups`` (the
    follow-up steps, on ``resolved``), when there are any."""
    voice = Voice(lang, department.languages)
    shown = voice.lang
    names = {u.id: u.name for u in department.units} | {e.id: e.name for e in department.externals}

    def holder(ident: str) -> str:
        return printable(voice.pick(names.get(ident), ident)) if shown == "vi" else ident

    lines = []
    for path in paths:
        text = holder(path.start)
        for hop in path.hops:
            text += f" {step_arrow(hop.kind)} {holder(hop.to_holder)}"
        if path.cycle:
            text += say("esc.cycle", shown)
        lines.append(f"{text}  ({_handoffs(path.handoffs, shown)})")
    if department.escalation is None:
        lines.append(say("esc.none", shown))
    if start is None:
        lines.append(say("esc.worst", shown, handoffs=_handoffs(worst, shown), max=max_handoffs))
    if any(path.hops for path in paths):
        lateral = any(h.kind is StepKind.LATERAL for path in paths for h in path.hops)
        more = say("esc.legend.lateral", shown) if lateral else ""
        lines.append(say("esc.legend", shown) + more)
    if follow_ups:
        lines.append(say("esc.follow-ups", shown))
        lines.extend(
            "  "
            + say(
                "esc.follow-up",
                shown,
                source=holder(hop.from_holder),
                target=holder(hop.to_holder),
                step=printable(hop.step),
            )
            for hop in follow_ups
        )
    return "".join(f"{line}\n" for line in lines)


def paths_json(
    paths: Sequence[EscalationPath],
    *,
    file: str,
    start: str | None,
    worst: int,
    max_handoffs: int,
    follow_ups: Sequence[Handoff] = (),
) -> str:
    """The paths as a JSON document; ``follow_ups`` (the follow-up steps, each with
    ``"follow_up": true`` and no handoff) only when there are some."""
    document: dict[str, object] = {
        "file": file,
        "from": start,
        "paths": [path.to_dict() for path in paths],
        "routing_handoffs": ROUTING_HANDOFFS,
        "worst_case_handoffs": worst,
        "max_handoffs": max_handoffs,
    }
    if follow_ups:
        document["follow_ups"] = [hop.to_dict() for hop in follow_ups]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
