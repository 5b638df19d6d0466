"""SLA deadlines and target statuses as text and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cskh_org.model import Department
from cskh_org.sla import SlaDecision, TargetStatus
from cskh_org.words import Voice, say
from cskh_org.words.formats import instant_text

__all__ = ["deadlines_json", "deadlines_text", "statuses_json", "statuses_text"]


def _target(name: str, lang: str) -> str:
    label = say(f"target.{name}", lang) + ":"
    return f"{label:<16}"


def deadlines_text(decision: SlaDecision, department: Department, lang: str | None = None) -> str:
    """The policy, the opening instant and each target's due and warn instants."""
    shown = Voice(lang, department.languages).lang
    lines = [
        say("sla.policy", shown, policy=decision.policy or say("sla.default", shown)),
        say("sla.opened", shown, at=instant_text(decision.opened, shown)),
    ]
    for d in decision.deadlines:
        if d.calendar:
            where = say("sla.business", shown, calendar=d.calendar)
        else:
            where = say("sla.calendar", shown)
        within = d.to_dict()["within"]
        due = say("sla.due", shown, at=instant_text(d.due, shown))
        lines.append(f"{_target(d.target.value, shown)} {due}  ({within}, {where})")
        lines.append(f"{'':<16} {say('sla.warn', shown, at=instant_text(d.warn, shown))}")
    return "".join(f"{line}\n" for line in lines)


def deadlines_json(decision: SlaDecision) -> str:
    return json.dumps(decision.to_dict(), ensure_ascii=False, indent=2) + "\n"


def statuses_text(
    statuses: Sequence[TargetStatus], department: Department, lang: str | None = None
) -> str:
    """Each target's state, the time used of its allowance and when it is due."""
    shown = Voice(lang, department.languages).lang
    lines = []
    for s in statuses:
        row = s.to_dict()
        due = say("sla.due_at", shown, at=instant_text(s.due, shown)) if s.due else ""
        used = say("sla.used", shown, used=row["used"], within=row["within"])
        state = say(f"state.{s.state.value}", shown)
        lines.append(f"{_target(s.target.value, shown)} {state} ({used}{due})")
    return "".join(f"{line}\n" for line in lines)


def statuses_json(statuses: Sequence[TargetStatus]) -> str:
    return json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=2) + "\n"
