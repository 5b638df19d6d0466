"""Routing decisions as text and JSON: one ticket, its explanation, a stream of decisions."""

from __future__ import annotations

import json

from cskh_org.routing import Decision, Explanation
from cskh_org.routing.stream import RoutedLine

__all__ = [
    "decision_json",
    "decision_line",
    "decision_text",
    "explanation_json",
    "explanation_text",
]


def decision_text(decision: Decision) -> str:
    """The unit, rule, skills and priority, one per line."""
    return (
        f"unit:     {decision.unit}\n"
        f"rule:     {decision.rule or '(default: no rule matched)'}\n"
        f"skills:   {', '.join(decision.skills) or '-'}\n"
        f"priority: {decision.priority or '-'}\n"
    )


def decision_json(decision: Decision) -> str:
    """The decision as one line of JSON."""
    return json.dumps(decision.to_dict(), ensure_ascii=False) + "\n"


def explanation_text(explanation: Explanation) -> str:
    """Each rule tried (``→`` fired, ``✓`` matched, ``✗`` not) and the decision."""
    return f"{explanation}\n"


def explanation_json(explanation: Explanation) -> str:
    return json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2) + "\n"


def decision_line(routed: RoutedLine) -> str:
    """A routed line of a ticket stream as one line of JSON (JSON Lines)."""
    return json.dumps(routed.to_dict(), ensure_ascii=False) + "\n"
