"""Export: the reviewed department back into the vendor's JSON shapes.

The sidecar holds the vendor's documents as imported; the export starts from them and writes
back what the department says: each group's name, each imported rule's conditions (when the
YAML's condition differs from the vendor's, read the department's way), its group, its place
in the order; rules added to or removed from the YAML are added or removed. Fields the API
does not take back (``url``, ``created_at``, ``updated_at``, the page counters) are left out.
Every change from the imported documents is a :class:`Difference` with its JSON path, so
``import`` then ``export`` gives the input back up to the listed differences.

What the export does not write back (calendars, SLA policies edited in the YAML) is a
``not-exported`` difference, never silent.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cskh_org.helpdesk.fields import FieldInfo, field_infos, vendor_text
from cskh_org.helpdesk.importing import (
    ROOT,
    UNASSIGNED,
    import_set,
    translate_node,
)
from cskh_org.helpdesk.vendor import (
    Vendor,
    freshdesk_when,
    items_of,
    list_path,
    read_vendor_set,
    zendesk_when,
)

__all__ = [
    "Difference",
    "Exported",
    "NotExpressible",
    "export_freshdesk",
    "export_set",
    "export_zendesk",
]

READ_ONLY: Final = frozenset({"url", "created_at", "updated_at", "meta"})
PAGE_KEYS: Final = ("next_page", "previous_page", "count")


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where the export differs from the imported documents, and why."""

    path: str
    """``triggers.json:$.triggers[2].actions[0].value``."""
    reason: str
    """A catalogue key, ``helpdesk.difference.<reason>``."""


@dataclass(frozen=True, slots=True)
class Exported:
    vendor: Vendor
    documents: Mapping[str, Any]
    """File name → the JSON value to write."""
    differences: tuple[Difference, ...]


class NotExpressible(Exception):
    """A department condition the vendor's form cannot hold."""


def _canon(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _canon(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    return value


def export_zendesk(department: Mapping[str, Any], sidecar: Mapping[str, Any]) -> Exported:
    """The Zendesk documents of ``department`` (plain data), from its ``sidecar``."""
    return export_set("zendesk", department, sidecar)


def export_freshdesk(department: Mapping[str, Any], sidecar: Mapping[str, Any]) -> Exported:
    """The Freshdesk documents of ``department`` (plain data), from its ``sidecar``."""
    return export_set("freshdesk", department, sidecar)


def export_set(
    vendor: Vendor, department: Mapping[str, Any], sidecar: Mapping[str, Any]
) -> Exported:
    """The vendor's documents for ``department`` (plain data, as the YAML holds it)."""
    documents = copy.deepcopy(dict(sidecar.get("documents") or {}))
    differences: list[Difference] = []
    vendor_set = read_vendor_set(vendor, documents)
    infos = field_infos(vendor_set)
    units_to_groups: dict[str, Any] = dict(sidecar.get("units") or {})
    _groups(vendor, department, documents, units_to_groups, differences)
    _rules(
        vendor,
        department,
        sidecar,
        documents=documents,
        infos=infos,
        units_to_groups=units_to_groups,
        differences=differences,
    )
    _not_exported(vendor, department, sidecar, differences)
    _read_only(vendor, documents, differences)
    return Exported(vendor, documents, tuple(differences))


def _list(vendor: Vendor, documents: dict[str, Any], name: str) -> list[Any]:
    """The (mutable) list a document holds, made if missing."""
    if vendor == "zendesk":
        key = name.removesuffix(".json")
        doc = documents.setdefault(name, {key: []})
        if not isinstance(doc.get(key), list):
            doc[key] = []
        found: list[Any] = doc[key]
        return found
    if not isinstance(documents.get(name), list):
        documents[name] = []
    mine: list[Any] = documents[name]
    return mine


def _text(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _groups(
    vendor: Vendor,
    department: Mapping[str, Any],
    documents: dict[str, Any],
    units_to_groups: dict[str, Any],
    differences: list[Difference],
) -> None:
    groups = _list(vendor, documents, "groups.json")
    index = {vendor_text(g.get("id")): i for i, g in enumerate(groups) if isinstance(g, Mapping)}
    for unit in department.get("units") or []:
        uid = unit.get("id")
        if uid in (ROOT, UNASSIGNED) and uid not in units_to_groups:
            continue
        gid = units_to_groups.get(uid)
        if gid is None:
            groups.append(
                {"name": _text(unit.get("name")), "description": _text(unit.get("description"))}
            )
            differences.append(
                Difference(
                    list_path(vendor, "groups.json", len(groups) - 1), "helpdesk.difference.added"
                )
            )
            continue
        i = index.get(vendor_text(gid))
        if i is None:
            continue
        name = _text(unit.get("name"))
        if name and groups[i].get("name") != name:
            groups[i]["name"] = name
            differences.append(
                Difference(
                    f"{list_path(vendor, 'groups.json', i)}.name", "helpdesk.difference.edited"
                )
            )


def _rules(
    vendor: Vendor,
    department: Mapping[str, Any],
    sidecar: Mapping[str, Any],
    *,
    documents: dict[str, Any],
    infos: Mapping[str, FieldInfo],
    units_to_groups: Mapping[str, Any],
    differences: list[Difference],
) -> None:
    name = "triggers.json" if vendor == "zendesk" else "dispatch_rules.json"
    items = _list(vendor, documents, name)
    known: Mapping[str, Any] = sidecar.get("rules") or {}
    routing = department.get("routing") or {}
    yaml_rules: Sequence[Mapping[str, Any]] = routing.get("rules") or []
    default = routing.get("default")
    default_unit = default.get("unit") if isinstance(default, Mapping) else default
    in_vendor_order = list(reversed(yaml_rules)) if vendor == "zendesk" else list(yaml_rules)
    kept: set[int] = set()
    order: list[int] = []
    added: list[Mapping[str, Any]] = []
    for rule in in_vendor_order:
        entry = known.get(str(rule.get("id")))
        if entry is None or not isinstance(entry.get("index"), int) or entry["index"] >= len(items):
            added.append(rule)
            continue
        i = entry["index"]
        kept.add(i)
        order.append(i)
        path = list_path(vendor, name, i)
        _rule_conditions(vendor, items[i], rule, path=path, infos=infos, differences=differences)
        _rule_target(
            vendor,
            items[i],
            rule,
            path=path,
            units_to_groups=units_to_groups,
            default_unit=default_unit,
            differences=differences,
        )
    # removed: imported rules (in the sidecar) the YAML no longer has
    imported = {
        e["index"]
        for e in known.values()
        if isinstance(e, Mapping) and isinstance(e.get("index"), int)
    }
    removed = sorted(i for i in imported - kept if i < len(items))
    top = max((it.get("position", 0) for it in items if isinstance(it, Mapping)), default=0)
    # positions: the imported rules' positions (and new ones after the last) given out
    # again in the YAML's order, an added rule in its place among them
    slots = sorted(items[i].get("position", 0) for i in order) + [
        top + k + 1 for k in range(len(added))
    ]
    made: dict[int, dict[str, Any]] = {}
    for rule in added:
        made[id(rule)] = _new_rule(
            vendor, rule, infos=infos, units_to_groups=units_to_groups, default_unit=default_unit
        )
    sequence: list[dict[str, Any]] = []
    for rule in in_vendor_order:
        entry = known.get(str(rule.get("id")))
        if id(rule) in made:
            sequence.append(made[id(rule)])
        elif entry is not None:
            sequence.append(items[entry["index"]])
    for item, position in zip(sequence, slots, strict=True):
        if item.get("position") != position:
            if any(item is m for m in made.values()):
                item["position"] = position
                continue
            item["position"] = position
            i = next(k for k, it in enumerate(items) if it is item)
            differences.append(
                Difference(f"{list_path(vendor, name, i)}.position", "helpdesk.difference.position")
            )
    for i in reversed(removed):
        differences.append(Difference(list_path(vendor, name, i), "helpdesk.difference.removed"))
        del items[i]
    for rule in added:
        items.append(made[id(rule)])
        differences.append(
            Difference(list_path(vendor, name, len(items) - 1), "helpdesk.difference.added")
        )


def _rule_conditions(
    vendor: Vendor,
    item: dict[str, Any],
    rule: Mapping[str, Any],
    *,
    path: str,
    infos: Mapping[str, FieldInfo],
    differences: list[Difference],
) -> None:
    when = zendesk_when(item, path) if vendor == "zendesk" else freshdesk_when(item, path)
    wanted = _canon(rule.get("when"))
    try:
        current = _canon(translate_node(when, infos)) if when is not None else object()
    except Exception:
        current = object()
    if current == wanted:
        return
    try:
        conditions = _vendor_conditions(vendor, rule.get("when"), infos)
    except NotExpressible:
        differences.append(Difference(f"{path}.conditions", "helpdesk.difference.not-expressible"))
        return
    item["conditions"] = conditions
    if vendor == "freshdesk":
        item["operator"] = _fd_operator(rule.get("when"), conditions)
    differences.append(Difference(f"{path}.conditions", "helpdesk.difference.edited"))


def _rule_target(
    vendor: Vendor,
    item: dict[str, Any],
    rule: Mapping[str, Any],
    *,
    path: str,
    units_to_groups: Mapping[str, Any],
    default_unit: Any,
    differences: list[Difference],
) -> None:
    to = rule.get("to")
    unit = to.get("unit") if isinstance(to, Mapping) else to
    key = "field" if vendor == "zendesk" else "field_name"
    actions = item.setdefault("actions", [])
    spot = next(
        (k for k, a in enumerate(actions) if isinstance(a, Mapping) and a.get(key) == "group_id"),
        None,
    )
    if unit == default_unit and unit not in units_to_groups:
        if spot is not None:
            del actions[spot]
            differences.append(Difference(f"{path}.actions[{spot}]", "helpdesk.difference.edited"))
        return
    gid = units_to_groups.get(str(unit))
    if gid is None:
        return
    if spot is None:
        actions.append({key: "group_id", "value": gid})
        differences.append(
            Difference(f"{path}.actions[{len(actions) - 1}]", "helpdesk.difference.edited")
        )
    elif vendor_text(actions[spot].get("value")) != vendor_text(gid):
        actions[spot]["value"] = gid
        differences.append(
            Difference(f"{path}.actions[{spot}].value", "helpdesk.difference.edited")
        )


def _new_rule(
    vendor: Vendor,
    rule: Mapping[str, Any],
    *,
    infos: Mapping[str, FieldInfo],
    units_to_groups: Mapping[str, Any],
    default_unit: Any,
) -> dict[str, Any]:
    title = _text(rule.get("description")) or str(rule.get("id"))
    try:
        conditions: Any = _vendor_conditions(vendor, rule.get("when"), infos)
    except NotExpressible:
        conditions = {"all": [], "any": []} if vendor == "zendesk" else []
    to = rule.get("to")
    unit = to.get("unit") if isinstance(to, Mapping) else to
    gid = units_to_groups.get(str(unit))
    key = "field" if vendor == "zendesk" else "field_name"
    actions = (
        []
        if gid is None or (unit == default_unit and unit not in units_to_groups)
        else [{key: "group_id", "value": gid}]
    )
    if vendor == "zendesk":
        return {
            "title": title,
            "active": True,
            "position": 0,
            "conditions": conditions,
            "actions": actions,
        }
    return {
        "name": title,
        "position": 0,
        "active": True,
        "conditions": conditions,
        "operator": _fd_operator(rule.get("when"), conditions),
        "actions": actions,
    }


# -- the department's conditions in the vendor's form --------------------------------------


def _by_attribute(infos: Mapping[str, FieldInfo]) -> dict[str, FieldInfo]:
    return {info.attribute: info for info in infos.values()}


def _vendor_value(vendor: Vendor, info: FieldInfo, value: Any) -> Any:
    found = info.vendor_value(str(value))
    if found is None:
        raise NotExpressible(str(value))
    if vendor == "freshdesk" and found.isdigit() and info.field in ("priority", "status", "source"):
        return int(found)
    return found


def _single(vendor: Vendor, cond: Any, infos: Mapping[str, FieldInfo]) -> dict[str, Any]:
    negate = False
    if isinstance(cond, Mapping) and set(cond) == {"not"}:
        negate, cond = True, cond["not"]
    if not isinstance(cond, Mapping) or len(cond) != 1:
        raise NotExpressible(str(cond))
    ((attr, test),) = cond.items()
    info = _by_attribute(infos).get(str(attr))
    if info is None:
        raise NotExpressible(str(attr))
    names = (
        ("field", "operator", "value")
        if vendor == "zendesk"
        else ("field_name", "operator", "value")
    )

    def made(op: str, value: Any) -> dict[str, Any]:
        out = dict(zip(names, (info.field, op, value), strict=True))
        if vendor == "freshdesk":
            out = {"resource_type": "ticket", **out}
        return out

    if not isinstance(test, Mapping):
        return made("is_not" if negate else "is", _vendor_value(vendor, info, test))
    if set(test) == {"present"}:
        if negate:
            raise NotExpressible(str(cond))
        return made("is_not" if test["present"] else "is", "")
    if set(test) == {"in"}:
        values = list(test["in"])
        if vendor == "freshdesk":
            return made(
                "not_in" if negate else "in", [_vendor_value(vendor, info, v) for v in values]
            )
        if negate:
            raise NotExpressible(str(cond))
        if len(values) == 1:
            return made("is", _vendor_value(vendor, info, values[0]))
        if info.ordered:
            mine = list(info.values.values())
            keys = list(info.values)
            b = len(values)
            if mine[:b] == values and b < len(keys):
                return made("less_than", keys[b])
            if mine[len(mine) - b :] == values and b < len(keys):
                return made("greater_than", keys[len(keys) - b - 1])
    raise NotExpressible(str(cond))


def _vendor_conditions(vendor: Vendor, when: Any, infos: Mapping[str, FieldInfo]) -> Any:
    if vendor == "zendesk":
        if when is None:
            return {"all": [], "any": []}
        parts = list(when["all"]) if isinstance(when, Mapping) and set(when) == {"all"} else [when]
        any_part: list[Any] = []
        if parts and isinstance(parts[-1], Mapping) and set(parts[-1]) == {"any"}:
            any_part = list(parts.pop()["any"])
        return {
            "all": [_single(vendor, p, infos) for p in parts],
            "any": [_single(vendor, p, infos) for p in any_part],
        }
    if when is None:
        return []
    sets = _fd_sets(when)
    return [
        {
            "name": f"condition_set_{k + 1}",
            "match_type": kind,
            "properties": [_single(vendor, p, infos) for p in props],
        }
        for k, (kind, props) in enumerate(sets)
    ]


def _group_of(cond: Any) -> str | None:
    if isinstance(cond, Mapping) and set(cond) in ({"all"}, {"any"}):
        return str(next(iter(cond)))
    return None


def _fd_sets(when: Any) -> list[tuple[str, list[Any]]]:
    """Condition sets (each all or any of single tests) for a department condition: a
    top-level group's single tests one set, each nested group its own set."""
    kind = _group_of(when)
    if kind is None:
        return [("all", [when])]
    singles = [p for p in when[kind] if _group_of(p) is None]
    nested = [p for p in when[kind] if _group_of(p) is not None]
    sets: list[tuple[str, list[Any]]] = [(kind, singles)] if singles else []
    for p in nested:
        inner = str(_group_of(p))
        if any(_group_of(q) is not None for q in p[inner]):
            raise NotExpressible(str(p))
        sets.append((inner, list(p[inner])))
    return sets


def _fd_operator(when: Any, conditions: Any) -> str:
    joiner = " or " if _group_of(when) == "any" and len(conditions) > 1 else " and "
    return joiner.join(f"condition_set_{k + 1}" for k in range(len(conditions)))


# -- what is not written back, and what the API does not take -------------------------------


def _not_exported(
    vendor: Vendor,
    department: Mapping[str, Any],
    sidecar: Mapping[str, Any],
    differences: list[Difference],
) -> None:
    baseline = department_data(import_set(vendor, dict(sidecar.get("documents") or {})).department)
    department = department_data(department)
    files = {
        "calendars": "schedules.json" if vendor == "zendesk" else "business_hours.json",
        "sla": "sla_policies.json",
    }
    for section, file in files.items():
        if _canon(baseline.get(section)) != _canon(department.get(section)):
            differences.append(Difference(f"{file}:$", "helpdesk.difference.not-exported"))


def department_data(department: Mapping[str, Any]) -> dict[str, Any]:
    """Department data in one form whichever way it was written (defaults filled in,
    shorthands expanded): the model's JSON dump."""
    from cskh_org.model import Department

    model = Department.model_validate(dict(department))
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


def _read_only(vendor: Vendor, documents: dict[str, Any], differences: list[Difference]) -> None:
    for name in sorted(documents):
        doc = documents[name]
        if vendor == "zendesk" and isinstance(doc, dict):
            for key in PAGE_KEYS:
                if key in doc:
                    del doc[key]
                    differences.append(
                        Difference(f"{name}:$.{key}", "helpdesk.difference.read-only")
                    )
        for i, item in enumerate(items_of(vendor, name, doc)):
            if not isinstance(item, dict):
                continue
            for key in sorted(READ_ONLY & set(item)):
                del item[key]
                differences.append(
                    Difference(
                        f"{list_path(vendor, name, i)}.{key}", "helpdesk.difference.read-only"
                    )
                )
