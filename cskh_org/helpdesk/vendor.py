"""A helpdesk's rule set as its vendor writes it: groups, rules (Zendesk triggers, Freshdesk
dispatch'r rules), automations, SLA policies, schedules, read from the parsed JSON of the
vendor's public API (``GET /api/v2/triggers`` and so on). Pure functions on parsed values:
nothing here reads a file.

Every rule keeps its conditions as a tree (:class:`Group` of :class:`Test`) and the JSON path
of each part (``triggers.json:$.triggers[3].conditions.all[1]``), so that every finding and
every part not imported names the place it comes from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

__all__ = [
    "FRESHDESK_FILES",
    "ZENDESK_FILES",
    "Action",
    "Group",
    "Node",
    "NotImported",
    "Test",
    "Vendor",
    "VendorGroup",
    "VendorRule",
    "VendorSet",
    "read_vendor_set",
]

Vendor = Literal["zendesk", "freshdesk"]

ZENDESK_FILES = (
    "groups.json",
    "triggers.json",
    "automations.json",
    "sla_policies.json",
    "schedules.json",
    "ticket_fields.json",
)
"""The files of a Zendesk set, each the body of the API's list call (``{"triggers": […]}``)."""
FRESHDESK_FILES = ("groups.json", "dispatch_rules.json", "sla_policies.json", "business_hours.json")
"""The files of a Freshdesk set, each the API's list body (a JSON array)."""

_ZENDESK_KEYS = {
    "groups.json": "groups",
    "triggers.json": "triggers",
    "automations.json": "automations",
    "sla_policies.json": "sla_policies",
    "schedules.json": "schedules",
    "ticket_fields.json": "ticket_fields",
}


@dataclass(frozen=True, slots=True)
class NotImported:
    """A part of the vendor's set that has no equivalent in the department (kept in the
    sidecar, so replay and export still have it)."""

    path: str
    """Where it is: ``triggers.json:$.triggers[3].actions[1]``."""
    reason_key: str
    """Why, as a catalogue key (``helpdesk.not-imported.<reason>``)."""
    detail: str = ""
    """The value or field concerned, for the reader."""


@dataclass(frozen=True, slots=True)
class Test:
    """One vendor condition: ``{field, operator, value}``."""

    field: str
    operator: str
    value: Any
    path: str


@dataclass(frozen=True, slots=True)
class Group:
    """Conditions joined by ``all`` or ``any`` (an empty ``all`` always holds)."""

    kind: Literal["all", "any"]
    items: tuple[Node, ...]
    path: str = ""


Node = Test | Group


@dataclass(frozen=True, slots=True)
class Action:
    """One vendor action: set ``field`` to ``value``."""

    field: str
    value: Any
    path: str


@dataclass(frozen=True, slots=True)
class VendorRule:
    """A trigger, an automation or a dispatch'r rule, as the vendor runs it."""

    id: int | str | None
    title: str
    position: int
    active: bool
    when: Group
    actions: tuple[Action, ...]
    path: str
    file: str
    index: int

    def tests(self) -> tuple[Test, ...]:
        """Every test of the condition tree, in order."""
        found: list[Test] = []

        def walk(node: Node) -> None:
            if isinstance(node, Test):
                found.append(node)
            else:
                for item in node.items:
                    walk(item)

        walk(self.when)
        return tuple(found)

    def tested_fields(self) -> frozenset[str]:
        return frozenset(t.field for t in self.tests())

    def set_fields(self) -> frozenset[str]:
        return frozenset(_set_field(a.field) for a in self.actions if _set_field(a.field))


def _set_field(name: str) -> str:
    """The ticket field an action changes (``""``: none, a notification)."""
    if name in ("set_tags", "current_tags", "remove_tags", "add_tag"):
        return "current_tags"
    if name.startswith(("notification_", "comment_", "satisfaction_", "share_", "deflection")):
        return ""
    return name


@dataclass(frozen=True, slots=True)
class VendorGroup:
    id: int | str
    name: str
    description: str
    default: bool
    deleted: bool
    path: str
    business_hours_id: int | str | None = None


@dataclass(frozen=True, slots=True)
class VendorSet:
    """One vendor's whole set, with the documents as read (for the round trip)."""

    vendor: Vendor
    documents: Mapping[str, Any]
    groups: tuple[VendorGroup, ...] = ()
    rules: tuple[VendorRule, ...] = ()
    """Triggers (Zendesk) or dispatch'r rules (Freshdesk), in position order."""
    automations: tuple[VendorRule, ...] = ()
    problems: tuple[NotImported, ...] = field(default=())
    """Parts that could not be read at all (a rule that is not a mapping…)."""

    def group_ids(self) -> frozenset[str]:
        """The ids (as text) of the groups that exist (not deleted)."""
        return frozenset(str(g.id) for g in self.groups if not g.deleted)

    def active_rules(self) -> tuple[VendorRule, ...]:
        return tuple(r for r in self.rules if r.active)


def read_vendor_set(vendor: Vendor, documents: Mapping[str, Any]) -> VendorSet:
    """The vendor's set from its parsed documents by file name (``triggers.json`` → its JSON);
    a file left out is an empty list. What cannot be read is listed in ``problems``."""
    problems: list[NotImported] = []
    known = ZENDESK_FILES if vendor == "zendesk" else FRESHDESK_FILES
    for name in documents:
        if name not in known:
            problems.append(NotImported(f"{name}:$", "helpdesk.not-imported.unknown-file", name))
    items = {name: _items(vendor, name, documents.get(name), problems) for name in known}
    groups = _first_of_each_id(
        [_group(g, list_path(vendor, "groups.json", i)) for i, g in items["groups.json"]],
        problems,
    )
    rules_file = "triggers.json" if vendor == "zendesk" else "dispatch_rules.json"
    rules = _first_of_each_id(_rules(vendor, rules_file, items[rules_file], problems), problems)
    automations = _rules(vendor, "automations.json", items.get("automations.json", []), problems)
    return VendorSet(
        vendor=vendor,
        documents=dict(documents),
        groups=groups,
        rules=rules,
        automations=automations,
        problems=tuple(problems),
    )


_Part = TypeVar("_Part", "VendorGroup", "VendorRule")


def _first_of_each_id(parts: Sequence[_Part], problems: list[NotImported]) -> tuple[_Part, ...]:
    """The parts with an id not seen before; a repeated id is listed (which of two groups
    with one id a rule sends tickets to cannot be known), the first part kept."""
    first: dict[str, str] = {}
    kept: list[_Part] = []
    for part in parts:
        path = part.path
        if part.id is None:
            kept.append(part)
            continue
        key = f"{type(part.id).__name__}:{part.id}"
        if key in first:
            problems.append(
                NotImported(
                    path, "helpdesk.not-imported.duplicate-id", f"{part.id!s:.40} ({first[key]})"
                )
            )
            continue
        first[key] = path
        kept.append(part)
    return tuple(kept)


def _list_key(vendor: Vendor, name: str) -> str:
    return _ZENDESK_KEYS[name] if vendor == "zendesk" else ""


def list_path(vendor: Vendor, name: str, index: int) -> str:
    """``triggers.json:$.triggers[3]`` (Zendesk) or ``dispatch_rules.json:$[3]`` (Freshdesk)."""
    key = _list_key(vendor, name)
    return f"{name}:$.{key}[{index}]" if key else f"{name}:$[{index}]"


def items_of(vendor: Vendor, name: str, document: Any) -> list[Any]:
    """The list a document holds (``[]`` when it holds none)."""
    if document is None:
        return []
    if vendor == "zendesk":
        if isinstance(document, Mapping) and isinstance(document.get(_ZENDESK_KEYS[name]), list):
            return list(document[_ZENDESK_KEYS[name]])
        return []
    return list(document) if isinstance(document, list) else []


def _items(
    vendor: Vendor, name: str, document: Any, problems: list[NotImported]
) -> list[tuple[int, Mapping[str, Any]]]:
    if document is None:
        return []
    found = items_of(vendor, name, document)
    if not found and document not in ([], {}):
        # nothing read from a document that is not empty: its shape is not the API's
        key = _list_key(vendor, name)
        if not (key and isinstance(document, Mapping) and key in document):
            problems.append(NotImported(f"{name}:$", "helpdesk.not-imported.shape", name))
        elif document[key] != []:  # the list's key, holding something else than a list
            problems.append(NotImported(f"{name}:$.{key}", "helpdesk.not-imported.shape", name))
    kept: list[tuple[int, Mapping[str, Any]]] = []
    for i, item in enumerate(found):
        if isinstance(item, Mapping):
            kept.append((i, item))
        else:
            path = list_path(vendor, name, i)
            problems.append(NotImported(path, "helpdesk.not-imported.shape", type(item).__name__))
    return kept


def _group(item: Mapping[str, Any], path: str) -> VendorGroup:
    return VendorGroup(
        id=_group_id(item.get("id")),
        name=str(item.get("name") or item.get("id")),
        description=str(item.get("description") or ""),
        default=bool(item.get("default", False)),
        deleted=bool(item.get("deleted", False)),
        path=path,
        business_hours_id=item.get("business_hours_id"),
    )


def _group_id(value: Any) -> int | str:
    return value if isinstance(value, int | str) else str(value)


def _rules(
    vendor: Vendor,
    name: str,
    items: Sequence[tuple[int, Mapping[str, Any]]],
    problems: list[NotImported],
) -> tuple[VendorRule, ...]:
    rules: list[VendorRule] = []
    for index, item in items:
        path = list_path(vendor, name, index)
        when = zendesk_when(item, path) if vendor == "zendesk" else freshdesk_when(item, path)
        if when is None:
            problems.append(NotImported(f"{path}.conditions", "helpdesk.not-imported.shape", ""))
            continue
        raw_actions = item.get("actions") or []
        actions: list[Action] = []
        for k, a in enumerate(raw_actions if isinstance(raw_actions, list) else []):
            key = "field" if vendor == "zendesk" else "field_name"
            if isinstance(a, Mapping) and isinstance(a.get(key), str):
                actions.append(Action(a[key], a.get("value"), f"{path}.actions[{k}]"))
            else:
                problems.append(
                    NotImported(f"{path}.actions[{k}]", "helpdesk.not-imported.shape", "")
                )
        position = item.get("position")
        if position is not None and type(position) is not int:
            # a position that is not a whole number: the rule keeps its place in the list
            problems.append(NotImported(f"{path}.position", "helpdesk.not-imported.shape", ""))
        rule_id = item.get("id")
        rules.append(
            VendorRule(
                id=rule_id if isinstance(rule_id, int | str) else None,
                title=str(item.get("title") or item.get("name") or ""),
                position=position if type(position) is int else index + 1,
                active=bool(item.get("active", True)),
                when=when,
                actions=tuple(actions),
                path=path,
                file=name,
                index=index,
            )
        )
    rules.sort(key=lambda r: (r.position, r.index))
    return tuple(rules)


def _tests(raw: Any, path: str, keys: tuple[str, str, str]) -> tuple[Test, ...] | None:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        return None
    found: list[Test] = []
    name, op, value = keys
    for i, t in enumerate(raw):
        if not isinstance(t, Mapping) or not isinstance(t.get(name), str):
            return None
        found.append(Test(t[name], str(t.get(op, "is")), t.get(value), f"{path}[{i}]"))
    return tuple(found)


def zendesk_when(item: Mapping[str, Any], path: str) -> Group | None:
    """``{all: […], any: […]}``: every ``all`` test, and one of the ``any`` ones if any."""
    conditions = item.get("conditions", item.get("filter"))
    key = "conditions" if "conditions" in item else "filter"
    if conditions is None:
        conditions = {}
    if not isinstance(conditions, Mapping):
        return None
    all_tests = _tests(conditions.get("all"), f"{path}.{key}.all", ("field", "operator", "value"))
    any_tests = _tests(conditions.get("any"), f"{path}.{key}.any", ("field", "operator", "value"))
    if all_tests is None or any_tests is None:
        return None
    items: tuple[Node, ...] = all_tests
    if any_tests:
        items = (*items, Group("any", any_tests, f"{path}.{key}.any"))
    return Group("all", items, f"{path}.{key}")


def freshdesk_when(item: Mapping[str, Any], path: str) -> Group | None:
    """``conditions: [{name, match_type, properties}]`` joined by ``operator``
    (``condition_set_1 and condition_set_2``, or ``or``)."""
    raw = item.get("conditions") or []
    if not isinstance(raw, list):
        return None
    sets: list[Node] = []
    for i, s in enumerate(raw):
        if not isinstance(s, Mapping) or s.get("match_type", "all") not in ("all", "any"):
            return None
        tests = _tests(
            s.get("properties"),
            f"{path}.conditions[{i}].properties",
            ("field_name", "operator", "value"),
        )
        if tests is None:
            return None
        kind: Literal["all", "any"] = "any" if s.get("match_type") == "any" else "all"
        sets.append(Group(kind, tests, f"{path}.conditions[{i}]"))
    joiner = str(item.get("operator") or "").lower()
    kind_of_join: Literal["all", "any"] = "any" if " or " in f" {joiner} " else "all"
    return Group(kind_of_join, tuple(sets), f"{path}.conditions")
