"""SLA deadlines and target statuses as text and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cskh_org.sla import SlaDecision, TargetStatus

__all__ = ["deadlines_json", "deadlines_text", "statuses_json", "statuses_text"]


def deadlines_text(decision: SlaDecision) -> str:
    """The policy, the opening instant and each target's due and warn instants."""
    lines = [
        f"policy:  {decision.policy or '(default)'}",
        f"opened:  {decision.opened.isoformat()}",
    ]
    for d in decision.deadlines:
        where = f"business time on {d.calendar}" if d.calendar else "calendar time"
        within = d.to_dict()["within"]
        lines.append(f"{d.target.value + ':':<16} due {d.due.isoformat()}  ({within}, {where})")
        lines.append(f"{'':<16} warn {d.warn.isoformat()}")
    return "".join(f"{line}\n" for line in lines)


def deadlines_json(decision: SlaDecision) -> str:
    return json.dumps(decision.to_dict(), ensure_ascii=False, indent=2) + "\n"


def statuses_text(statuses: Sequence[TargetStatus]) -> str:
    """Each target's state, the time used of its allowance and when it is due."""
    lines = []
    for s in statuses:
        row = s.to_dict()
        due = f", due {row['due']}" if row["due"] else ""
        lines.append(
            f"{row['target'] + ':':<16} {row['state']} ({row['used']} of {row['within']}{due})"
        )
    return "".join(f"{line}\n" for line in lines)


def statuses_json(statuses: Sequence[TargetStatus]) -> str:
    return json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=2) + "\n"
