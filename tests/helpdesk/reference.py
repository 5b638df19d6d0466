"""A plain reference evaluator of the vendors' semantics, written apart from the engine
(:mod:`cskh_org.helpdesk.semantics`) and sharing no code with it: it reads the raw API JSON
of each rule on every test, and restarts every Zendesk cycle from the first trigger with no
bookkeeping. Slow and obvious, for the property tests and the benchmark's baseline.
"""

from __future__ import annotations

from typing import Any

ZENDESK_ORDER = {
    "priority": ["low", "normal", "high", "urgent"],
    "status": ["new", "open", "pending", "hold", "solved", "closed"],
}
FRESHDESK_ORDER = {"priority": ["1", "2", "3", "4"], "status": ["2", "3", "4", "5"]}


def _s(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _holds(cond: dict[str, Any], ticket: dict[str, Any], order: dict[str, list[str]]) -> bool:
    field: str = cond["field"] if "field" in cond else cond["field_name"]
    op = cond["operator"]
    value: Any = cond.get("value")
    if field == "current_tags":
        tags = ticket.get("current_tags", set())
        wanted = set(_s(value).split())
        if op == "includes":
            return len(wanted & tags) > 0
        if op == "not_includes":
            return len(wanted & tags) == 0
        raise ValueError(op)
    have = _s(ticket.get(field))
    if op == "is":
        return have == _s(value)
    if op == "is_not":
        return have != _s(value)
    if op == "in":
        return have in [_s(v) for v in value]
    if op == "not_in":
        return have not in [_s(v) for v in value]
    if op == "present":
        return have != ""
    if op == "not_present":
        return have == ""
    scale = order[field]
    if have not in scale or _s(value) not in scale:
        return False
    a, b = scale.index(have), scale.index(_s(value))
    return {
        "less_than": a < b,
        "greater_than": a > b,
        "less_than_equal": a <= b,
        "greater_than_equal": a >= b,
    }[op]


def _act(ticket: dict[str, Any], field: str, value: Any) -> None:
    if field == "current_tags":
        ticket["current_tags"] = ticket.get("current_tags", set()) | set(_s(value).split())
    elif field == "remove_tags":
        ticket["current_tags"] = ticket.get("current_tags", set()) - set(_s(value).split())
    elif field == "set_tags":
        ticket["current_tags"] = set(_s(value).split())
    elif field.startswith("notification_"):
        pass
    else:
        ticket[field] = value


def zendesk(
    triggers: list[dict[str, Any]], ticket: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Zendesk: test the active triggers in position order; the first that holds (and has not
    fired yet) fires, and the whole list is tested again from the top; stop when none does."""
    state = {k: (set(v) if k == "current_tags" else v) for k, v in ticket.items()}
    active = [t for t in triggers if t.get("active", True)]
    active.sort(key=lambda t: t["position"])
    fired: list[str] = []
    while True:
        for trigger in active:
            if str(trigger["id"]) in fired:
                continue
            conditions = trigger.get("conditions") or {}
            every = all(_holds(c, state, ZENDESK_ORDER) for c in conditions.get("all") or [])
            some = conditions.get("any") or []
            if every and (not some or any(_holds(c, state, ZENDESK_ORDER) for c in some)):
                for action in trigger.get("actions") or []:
                    _act(state, action["field"], action["value"])
                fired.append(str(trigger["id"]))
                break
        else:
            return state, fired


def freshdesk(
    rules: list[dict[str, Any]], ticket: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Freshdesk dispatch'r: the first active rule (by position) whose condition sets hold
    (each set all/any of its properties, the sets joined by the rule's operator) runs."""
    state = dict(ticket)
    for rule in sorted((r for r in rules if r.get("active", True)), key=lambda r: r["position"]):
        results = []
        for cset in rule.get("conditions") or []:
            props = [_holds(p, state, FRESHDESK_ORDER) for p in cset.get("properties") or []]
            results.append(any(props) if cset.get("match_type") == "any" else all(props))
        joined = any(results) if " or " in f" {rule.get('operator', '')} " else all(results)
        if joined:
            for action in rule.get("actions") or []:
                _act(state, action["field_name"], action["value"])
            return state, [str(rule["id"])]
    return state, []
