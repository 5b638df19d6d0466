"""Escalation paths as text and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cskh_org.escalation import ROUTING_HANDOFFS, EscalationPath
from cskh_org.report.console import plural

__all__ = ["paths_json", "paths_text"]


def paths_text(
    paths: Sequence[EscalationPath],
    *,
    start: str | None,
    worst: int,
    max_handoffs: int,
    has_section: bool,
) -> str:
    """Each path with its handoffs; from every routed holder (``start`` is ``None``), the
    worst case against ``max_handoffs``; the legend when a path has a step."""
    lines = [f"{path}  ({plural(path.handoffs, 'handoff')})" for path in paths]
    if not has_section:
        lines.append("(no `escalation` section: tickets stay where they are routed)")
    if start is None:
        lines.append(
            f"worst case: {plural(worst, 'handoff')} per ticket, routing included "
            f"(max_handoffs: {max_handoffs})"
        )
    if any(path.hops for path in paths):
        lines.append("→ up the reporting line (1 handoff); ⇄ to a partner and back (2 handoffs)")
    return "".join(f"{line}\n" for line in lines)


def paths_json(
    paths: Sequence[EscalationPath],
    *,
    file: str,
    start: str | None,
    worst: int,
    max_handoffs: int,
) -> str:
    document = {
        "file": file,
        "from": start,
        "paths": [path.to_dict() for path in paths],
        "routing_handoffs": ROUTING_HANDOFFS,
        "worst_case_handoffs": worst,
        "max_handoffs": max_handoffs,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
