"""Verification of a vendor's set, with the vendor's semantics: rules that never fire, rules
whose outcome depends on their order, triggers that undo or re-fire one another, SLA
policies no ticket matches, schedules that never open, actions naming a group that is gone.

Conditions are read as *regions*: a union of cubes, each cube the values each tested field
may hold (over the field's values: the ones the vendor defines, or the ones the set names and
"any other"). A rule never fires when its region is empty, and is shadowed when each of its
cubes lies inside a cube of an earlier rule; both are sure (a region the analysis cannot read,
an operator on free text, says nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cskh_org.findings import Finding, Severity
from cskh_org.helpdesk.fields import FieldInfo, field_infos, vendor_text
from cskh_org.helpdesk.semantics import rule_key
from cskh_org.helpdesk.vendor import (
    Group,
    Node,
    Test,
    VendorRule,
    VendorSet,
    items_of,
    list_path,
    zendesk_when,
)
from cskh_org.words import both

__all__ = ["CODES", "Verdict", "Verification", "verify"]

CODES: Final = (
    "helpdesk-never-fires",
    "helpdesk-order-dependent",
    "helpdesk-trigger-loop",
    "helpdesk-trigger-undo",
    "helpdesk-sla-unmatched",
    "helpdesk-schedule-closed",
    "helpdesk-unknown-group",
)

ABSENT: Final = "\x00absent"
OTHER: Final = "\x00other"
_MAX_CUBES: Final = 256

Cube = Mapping[str, frozenset[str]]
Region = list[Cube]


@dataclass(frozen=True, slots=True)
class Verdict:
    """One finding with the places it concerns: the vendor JSON path and, once imported, the
    YAML path (``routing.rules[3]``; ``None``: the part is not in the YAML)."""

    finding: Finding
    vendor_path: str
    yaml_path: str | None = None

    def line(self, lang: str = "en") -> str:
        """``file:line:col: $.json.path: severity[code]: message (YAML: path)``; without a
        location (the documents were not read from files), the vendor path leads."""
        where = f" (YAML: {self.yaml_path})" if self.yaml_path else ""
        f = self.finding
        place = self.vendor_path
        if f.location is not None:
            place = f"{f.location}: {place.partition(':')[2] or place}"
        return f"{place}: {f.severity.value}[{f.code}]: {f.text(lang)}{where}"


@dataclass(frozen=True, slots=True)
class Verification:
    verdicts: tuple[Verdict, ...]
    excluded: Mapping[str, str]
    """Vendor paths of the rules and policies the import leaves out (they never decide
    anything), with the finding's code."""

    def codes(self) -> list[str]:
        return [v.finding.code for v in self.verdicts]


class _Domains:
    def __init__(self, vendor_set: VendorSet, infos: Mapping[str, FieldInfo]) -> None:
        self.infos = infos
        self.fixed: dict[str, frozenset[str]] = {
            name: frozenset(info.values) | {ABSENT} for name, info in infos.items() if info.closed
        }
        self.fixed["group_id"] = vendor_set.group_ids() | {ABSENT}
        self.named: dict[str, set[str]] = {}

    def see(self, tests: Iterable[Test]) -> None:
        for t in tests:
            if t.field in self.fixed:
                continue
            values = t.value if isinstance(t.value, list) else [t.value]
            self.named.setdefault(t.field, set()).update(vendor_text(v) for v in values)

    def of(self, name: str) -> frozenset[str]:
        fixed = self.fixed.get(name)
        if fixed is not None:
            return fixed
        return frozenset(self.named.get(name, set())) | {OTHER, ABSENT}


def _allowed(test: Test, domains: _Domains) -> frozenset[str] | None:
    if test.field == "current_tags":
        return None
    dom = domains.of(test.field)
    op, value = test.operator, test.value

    def text(v: Any) -> str:
        t = vendor_text(v)
        return ABSENT if t == "" else t

    if op in ("is", "is_not"):
        picked = frozenset({text(value)}) & dom
        return picked if op == "is" else dom - picked
    if op in ("in", "not_in"):
        picked = frozenset(text(v) for v in (value if isinstance(value, list) else [value])) & dom
        return picked if op == "in" else dom - picked
    if op == "present":
        return dom - {ABSENT}
    if op == "not_present":
        return frozenset({ABSENT})
    info = domains.infos.get(test.field)
    if info is None or not info.ordered:
        return None
    keys = list(info.values)
    if vendor_text(value) not in keys:
        return frozenset()
    bound = keys.index(vendor_text(value))
    pick = {
        "less_than": keys[:bound],
        "less_than_equal": keys[: bound + 1],
        "greater_than": keys[bound + 1 :],
        "greater_than_equal": keys[bound:],
    }.get(op)
    return None if pick is None else frozenset(pick)


def region(node: Node, domains: _Domains) -> Region | None:
    """The node's region as cubes (``[]``: no ticket), ``None`` when it cannot be read."""
    if isinstance(node, Test):
        allowed = _allowed(node, domains)
        if allowed is None:
            return None
        return [{node.field: allowed}] if allowed else []
    parts = [region(item, domains) for item in node.items]
    if any(p is None for p in parts):
        return None
    known = [p for p in parts if p is not None]
    if node.kind == "any":
        out = [c for p in known for c in p]
        return out if len(out) <= _MAX_CUBES else None
    cubes: Region = [{}]
    for p in known:
        nxt: Region = []
        for a in cubes:
            for b in p:
                c = _meet(a, b)
                if c is not None:
                    nxt.append(c)
        if len(nxt) > _MAX_CUBES:
            return None
        cubes = nxt
    return cubes


def _meet(a: Cube, b: Cube) -> Cube | None:
    out = dict(a)
    for k, v in b.items():
        if k in out:
            both_ = out[k] & v
            if not both_:
                return None
            out[k] = both_
        else:
            out[k] = v
    return out


def _inside(a: Cube, b: Cube) -> bool:
    """Every ticket of cube ``a`` is in cube ``b``."""
    for k, v in b.items():
        mine = a.get(k)
        if mine is None or not mine <= v:
            return False
    return True


def _covered(r: Region, by: Region) -> bool:
    return all(any(_inside(c, d) for d in by) for c in r)


def _overlap(r: Region, s: Region) -> bool:
    return any(_meet(a, b) is not None for a in r for b in s)


class _Verifier:
    def __init__(self, vendor_set: VendorSet) -> None:
        self.set = vendor_set
        self.vendor = vendor_set.vendor
        self.infos = field_infos(vendor_set)
        self.domains = _Domains(vendor_set, self.infos)
        self.verdicts: list[Verdict] = []
        self.excluded: dict[str, str] = {}

    def say(self, code: str, severity: Severity, path: str, key: str, /, **fields: object) -> None:
        words = both(key, **fields)
        self.verdicts.append(Verdict(Finding.said(code, severity, words), path))

    def run(self) -> Verification:
        rules = self.set.active_rules()
        policies = self._policies()
        for r in rules:
            self.domains.see(r.tests())
        for _, node, _ in policies:
            self.domains.see(_tests(node))
        regions = {r.path: region(r.when, self.domains) for r in rules}
        self._groups(rules)
        self._contradictions(rules, regions)
        if self.vendor == "freshdesk":
            self._first_match(list(rules), regions, overwrite=False)
        else:
            self._loops(rules)
            routing = self._routing_triggers(rules)
            self._first_match(list(reversed(routing)), regions, overwrite=True)
        self._sla(policies)
        self._schedules()
        return Verification(tuple(self.verdicts), dict(self.excluded))

    # -- rules ---------------------------------------------------------------------------

    def _groups(self, rules: Sequence[VendorRule]) -> None:
        known = self.set.group_ids()
        for r in rules:
            for a in r.actions:
                if a.field == "group_id" and vendor_text(a.value) not in known | {""}:
                    self.say(
                        "helpdesk-unknown-group",
                        Severity.ERROR,
                        a.path,
                        "helpdesk-unknown-group",
                        rule=_name(r),
                        group=vendor_text(a.value),
                    )

    def _contradictions(
        self, rules: Sequence[VendorRule], regions: Mapping[str, Region | None]
    ) -> None:
        for r in rules:
            if regions[r.path] == []:
                self.excluded[r.path] = "helpdesk-never-fires"
                self.say(
                    "helpdesk-never-fires",
                    Severity.WARNING,
                    r.path,
                    "helpdesk-never-fires.contradiction",
                    rule=_name(r),
                )

    def _routing_triggers(self, rules: Sequence[VendorRule]) -> list[VendorRule]:
        """The group-setting triggers whose conditions test no field a trigger sets: for
        them the last group set wins, a first-match over them in reverse position order."""
        set_fields = {f: r for r in rules for f in r.set_fields()}
        out: list[VendorRule] = []
        for r in rules:
            if not any(a.field == "group_id" for a in r.actions):
                continue
            if any(f in set_fields for f in r.tested_fields()):
                continue
            out.append(r)
        return out

    def _first_match(
        self,
        ordered: Sequence[VendorRule],
        regions: Mapping[str, Region | None],
        *,
        overwrite: bool,
    ) -> None:
        seen: list[tuple[VendorRule, Region]] = []
        for r in ordered:
            mine = regions[r.path]
            if mine is None or mine == []:
                continue
            by = next((o for o, theirs in seen if _covered(mine, theirs)), None)
            if by is None:
                union = [c for _, theirs in seen for c in theirs]
                if seen and _covered(mine, union):
                    by = seen[0][0]
            if by is not None:
                self.excluded[r.path] = "helpdesk-never-fires"
                key = (
                    "helpdesk-never-fires.overwritten"
                    if overwrite
                    else "helpdesk-never-fires.shadowed"
                )
                self.say(
                    "helpdesk-never-fires",
                    Severity.WARNING,
                    r.path,
                    key,
                    rule=_name(r),
                    other=_name(by),
                )
                continue
            target = _target(r)
            for o, theirs in seen:
                if _target(o) == target or not _overlap(mine, theirs):
                    continue
                if _covered(theirs, mine):
                    continue  # the narrower one first: an exception before its rule
                self.say(
                    "helpdesk-order-dependent",
                    Severity.WARNING,
                    r.path,
                    "helpdesk-order-dependent",
                    rule=_name(r),
                    other=_name(o),
                )
                break
            seen.append((r, mine))

    def _loops(self, rules: Sequence[VendorRule]) -> None:
        import networkx as nx

        graph: nx.DiGraph[str] = nx.DiGraph()
        by_path = {r.path: r for r in rules}
        for a in rules:
            sets = a.set_fields()
            for b in rules:
                if a is not b and sets & b.tested_fields():
                    graph.add_edge(a.path, b.path)
        in_loop: set[str] = set()
        for component in nx.strongly_connected_components(graph):
            if len(component) < 2:
                continue
            members = sorted((by_path[p] for p in component), key=lambda r: (r.position, r.index))
            in_loop.update(component)
            first = members[0]
            self.say(
                "helpdesk-trigger-loop",
                Severity.WARNING,
                first.path,
                "helpdesk-trigger-loop",
                rules=", ".join(_name(m) for m in members),
            )
        for a_path, b_path in sorted(graph.edges):
            if a_path in in_loop and b_path in in_loop:
                continue
            a, b = by_path[a_path], by_path[b_path]
            undone = sorted(
                f
                for f in a.set_fields() & b.set_fields() & b.tested_fields()
                if _value_set(a, f) != _value_set(b, f)
            )
            if undone:
                self.say(
                    "helpdesk-trigger-undo",
                    Severity.WARNING,
                    b.path,
                    "helpdesk-trigger-undo",
                    rule=_name(b),
                    other=_name(a),
                    field=undone[0],
                )

    # -- SLA policies and schedules -------------------------------------------------------

    def _policies(self) -> list[tuple[str, Group, str]]:
        items = items_of(
            self.vendor, "sla_policies.json", self.set.documents.get("sla_policies.json")
        )
        indexed = [(i, p) for i, p in enumerate(items) if isinstance(p, Mapping)]
        indexed.sort(
            key=lambda ip: (
                bool(ip[1].get("is_default")),
                ip[1].get("position") if isinstance(ip[1].get("position"), int) else 0,
                ip[0],
            )
        )
        out: list[tuple[str, Group, str]] = []
        for i, p in indexed:
            path = list_path(self.vendor, "sla_policies.json", i)
            title = str(p.get("title") or p.get("name") or p.get("id"))
            if self.vendor == "zendesk":
                when = zendesk_when({"filter": p.get("filter") or {}}, path)
                if when is not None:
                    out.append((path, when, title))
                continue
            if p.get("active") is False:
                continue
            fields = {"group_ids": "group_id", "sources": "source", "ticket_types": "ticket_type"}
            tests: list[Node] = []
            applicable = p.get("applicable_to") or {}
            for key, values in applicable.items() if isinstance(applicable, Mapping) else []:
                if values:
                    name = fields.get(str(key), str(key).removesuffix("s"))
                    tests.append(Test(name, "in", list(values), f"{path}.applicable_to.{key}"))
            out.append((path, Group("all", tuple(tests), path), title))
        return out

    def _sla(self, policies: Sequence[tuple[str, Group, str]]) -> None:
        seen: list[Region] = []
        for path, when, title in policies:
            mine = region(when, self.domains)
            if mine is None:
                continue
            union = [c for r in seen for c in r]
            if mine == [] or (seen and _covered(mine, union)):
                self.excluded[path] = "helpdesk-sla-unmatched"
                key = (
                    "helpdesk-sla-unmatched.never"
                    if mine == []
                    else "helpdesk-sla-unmatched.earlier"
                )
                self.say("helpdesk-sla-unmatched", Severity.WARNING, path, key, policy=title)
                continue
            seen.append(mine)

    def _schedules(self) -> None:
        name = "schedules.json" if self.vendor == "zendesk" else "business_hours.json"
        for i, item in enumerate(items_of(self.vendor, name, self.set.documents.get(name))):
            if not isinstance(item, Mapping):
                continue
            if self.vendor == "zendesk":
                spans = item.get("intervals") or []
                open_ = any(
                    isinstance(s, Mapping)
                    and isinstance(s.get("start_time"), int)
                    and isinstance(s.get("end_time"), int)
                    and s["end_time"] > s["start_time"]
                    for s in (spans if isinstance(spans, list) else [])
                )
            else:
                hours = item.get("business_hours")
                open_ = isinstance(hours, Mapping) and any(
                    isinstance(v, Mapping) and v.get("start_time") != v.get("end_time")
                    for v in hours.values()
                )
            if not open_:
                path = list_path(self.vendor, name, i)
                self.say(
                    "helpdesk-schedule-closed",
                    Severity.WARNING,
                    path,
                    "helpdesk-schedule-closed",
                    schedule=str(item.get("name") or item.get("id")),
                )


def _tests(node: Node) -> list[Test]:
    if isinstance(node, Test):
        return [node]
    return [t for item in node.items for t in _tests(item)]


def _name(rule: VendorRule) -> str:
    return f"{rule_key(rule)} «{rule.title}»" if rule.title else rule_key(rule)


def _target(rule: VendorRule) -> str:
    for a in rule.actions:
        if a.field == "group_id":
            return vendor_text(a.value)
    return ""


def _value_set(rule: VendorRule, name: str) -> str:
    return next((vendor_text(a.value) for a in rule.actions if a.field == name), "")


def verify(vendor_set: VendorSet) -> Verification:
    """Every finding on the vendor's set, in the vendor's semantics."""
    return _Verifier(vendor_set).run()
