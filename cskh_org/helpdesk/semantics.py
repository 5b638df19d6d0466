"""The vendors' own semantics, run on one ticket (a mapping of vendor field → value).

* Zendesk triggers: on each update every active trigger is tested in position order; the
  first that holds fires (its actions change the ticket) and the cycle starts again from the
  first trigger; a trigger fires at most once per update. So the group that wins is the
  last one set, not the first rule that matched.
* Freshdesk dispatch'r rules: the first active rule (in position order) whose conditions
  hold runs; the others are not tested.

A test the engine cannot decide (an operator it does not know, ``comment_includes_word``…)
makes its rule *undecided*: the rule never fires here, and :class:`Engine` lists it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cskh_org.helpdesk.fields import FieldInfo, vendor_text
from cskh_org.helpdesk.vendor import Node, Test, Vendor, VendorRule

__all__ = ["SUPPORTED_OPERATORS", "Engine", "Outcome", "Ticket", "apply_action"]

Ticket = dict[str, Any]
"""Vendor field → value; ``current_tags`` a frozenset of tags."""

SUPPORTED_OPERATORS = frozenset(
    {
        "is",
        "is_not",
        "less_than",
        "greater_than",
        "less_than_equal",
        "greater_than_equal",
        "includes",
        "not_includes",
        "present",
        "not_present",
        "in",
        "not_in",
    }
)

Predicate = Callable[[Mapping[str, Any]], bool]

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "less_than": lambda a, b: a < b,
    "greater_than": lambda a, b: a > b,
    "less_than_equal": lambda a, b: a <= b,
    "greater_than_equal": lambda a, b: a >= b,
}


def _number(value: Any) -> float | None:
    try:
        return float(vendor_text(value))
    except ValueError:
        return None


def compile_test(test: Test, infos: Mapping[str, FieldInfo]) -> Predicate | None:
    """The test as a function of the ticket, or ``None`` when it cannot be decided."""
    name, op, value = test.field, test.operator, test.value
    if op not in SUPPORTED_OPERATORS:
        return None
    if name == "current_tags" or op in ("includes", "not_includes"):
        if name != "current_tags" or op not in ("includes", "not_includes"):
            return None
        tags = frozenset(vendor_text(value).split())
        if op == "includes":
            return lambda t: bool(tags & t.get("current_tags", frozenset()))
        return lambda t: not tags & t.get("current_tags", frozenset())
    if op in ("is", "is_not"):
        text = vendor_text(value)
        if op == "is":
            return lambda t: vendor_text(t.get(name)) == text
        return lambda t: vendor_text(t.get(name)) != text
    if op in ("in", "not_in"):
        texts = frozenset(vendor_text(v) for v in (value if isinstance(value, list) else [value]))
        if op == "in":
            return lambda t: vendor_text(t.get(name)) in texts
        return lambda t: vendor_text(t.get(name)) not in texts
    if op in ("present", "not_present"):
        want = op == "present"
        return lambda t: (vendor_text(t.get(name)) != "") is want
    compare = _COMPARE[op]
    info = infos.get(name)
    if info is not None and info.ordered:
        keys = list(info.values)
        rank = {k: i for i, k in enumerate(keys)}
        bound = rank.get(vendor_text(value))
        if bound is None:
            return lambda t: False

        def ordered(t: Mapping[str, Any]) -> bool:
            mine = rank.get(vendor_text(t.get(name)))
            return mine is not None and compare(mine, bound)

        return ordered
    limit = _number(value)
    if limit is None:
        return None

    def numeric(t: Mapping[str, Any]) -> bool:
        mine = _number(t.get(name))
        return mine is not None and compare(mine, limit)

    return numeric


def compile_node(node: Node, infos: Mapping[str, FieldInfo]) -> Predicate | None:
    if isinstance(node, Test):
        return compile_test(node, infos)
    parts = [compile_node(item, infos) for item in node.items]
    if any(p is None for p in parts):
        return None
    preds = tuple(p for p in parts if p is not None)
    if node.kind == "all":
        return lambda t: all(p(t) for p in preds)
    return lambda t: any(p(t) for p in preds)


def apply_action(ticket: Ticket, field: str, value: Any) -> None:
    """One action on the ticket (tags added, removed or replaced; a notification: nothing)."""
    tags: frozenset[str] = ticket.get("current_tags", frozenset())
    words = (
        frozenset(vendor_text(value).split())
        if not isinstance(value, list)
        else frozenset(vendor_text(v) for v in value)
    )
    if field in ("current_tags", "add_tag"):
        ticket["current_tags"] = tags | words
    elif field == "remove_tags":
        ticket["current_tags"] = tags - words
    elif field == "set_tags":
        ticket["current_tags"] = words
    elif field.startswith(("notification_", "comment_", "satisfaction_", "share_", "deflection")):
        return
    else:
        ticket[field] = value


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the rules did to one ticket."""

    ticket: Mapping[str, Any]
    """The ticket after every action."""
    fired: tuple[str, ...]
    """The rules that fired, in the order they fired (their ids as text)."""

    @property
    def group(self) -> str:
        return vendor_text(self.ticket.get("group_id"))


class Engine:
    """A vendor's rule set compiled once, run on many tickets."""

    def __init__(
        self, vendor: Vendor, rules: Iterable[VendorRule], infos: Mapping[str, FieldInfo]
    ) -> None:
        self.vendor = vendor
        active = sorted((r for r in rules if r.active), key=lambda r: (r.position, r.index))
        compiled: list[tuple[str, Predicate, tuple[tuple[str, Any], ...], frozenset[str]]] = []
        undecided: list[VendorRule] = []
        kept: list[VendorRule] = []
        for rule in active:
            pred = compile_node(rule.when, infos)
            if pred is None:
                undecided.append(rule)
                continue
            actions = tuple((a.field, a.value) for a in rule.actions)
            compiled.append((rule_key(rule), pred, actions, rule.tested_fields()))
            kept.append(rule)
        self.undecided = tuple(undecided)
        self._rules = compiled
        # An index, so a ticket tests only the rules that can hold: each rule's rarest
        # `is` test that must hold (an anchor) files it under that field's value; a rule
        # with none is tested on every ticket.
        counts: Counter[tuple[str, str]] = Counter(p for r in kept for p in _anchors(r.when))
        self._by_anchor: dict[str, dict[str, list[int]]] = {}
        free: list[int] = []
        for i, rule in enumerate(kept):
            pairs = _anchors(rule.when)
            if not pairs:
                free.append(i)
                continue
            name, text = min(pairs, key=lambda p: counts[p])
            self._by_anchor.setdefault(name, {}).setdefault(text, []).append(i)
        self._free = tuple(free)
        self._testing: dict[str, list[int]] = {}
        for i, (_, _, _, fields) in enumerate(compiled):
            for name in fields:
                self._testing.setdefault(name, []).append(i)

    def _candidates(self, state: Mapping[str, Any]) -> list[int]:
        """The rules that may hold on ``state``, in order."""
        found = list(self._free)
        for name, table in self._by_anchor.items():
            found.extend(table.get(vendor_text(state.get(name)), ()))
        found.sort()
        return found

    def run(self, ticket: Mapping[str, Any]) -> Outcome:
        state: Ticket = dict(ticket)
        if self.vendor == "freshdesk":
            for i in self._candidates(state):
                key, pred, actions, _ = self._rules[i]
                if pred(state):
                    for name, value in actions:
                        apply_action(state, name, value)
                    return Outcome(state, (key,))
            return Outcome(state, ())
        return self._zendesk(state)

    def _zendesk(self, state: Ticket) -> Outcome:
        rules = self._rules
        fired: set[int] = set()
        known_false: set[int] = set()  # tested false since the fields it tests last changed
        order: list[str] = []
        while True:
            for i in self._candidates(state):
                if i in fired or i in known_false:
                    continue
                key, pred, actions, _ = rules[i]
                if not pred(state):
                    known_false.add(i)
                    continue
                fired.add(i)
                order.append(key)
                for name, value in actions:
                    field = _changed_field(name)
                    before = state.get(field)
                    apply_action(state, name, value)
                    if state.get(field) != before:
                        known_false.difference_update(self._testing.get(field, ()))
                break
            else:
                return Outcome(state, tuple(order))


def _anchors(node: Node) -> list[tuple[str, str]]:
    """The ``is`` tests that must hold for ``node`` to hold (through ``all`` groups only)."""
    if isinstance(node, Test):
        if node.operator == "is" and node.field != "current_tags":
            return [(node.field, vendor_text(node.value))]
        return []
    if node.kind != "all":
        return []
    return [pair for item in node.items for pair in _anchors(item)]


def _changed_field(name: str) -> str:
    return "current_tags" if name in ("set_tags", "remove_tags", "add_tag") else name


def rule_key(rule: VendorRule) -> str:
    """A rule's id as text (its position when it has none)."""
    return vendor_text(rule.id) if rule.id is not None else f"position_{rule.position}"
