"""Import: a vendor's set (:class:`~cskh_org.helpdesk.vendor.VendorSet`) as department data.

What has an equivalent becomes department data (units from groups, calendars from schedules,
routing rules, SLA policies); everything else is listed as :class:`NotImported` with its JSON
path, and the whole vendor set is kept in the sidecar (``department.helpdesk.json``), the
source of truth for replay and export.

Routing: a Freshdesk dispatch'r runs the first rule that matches, as the department's routing
does, so each rule is one routing rule (a rule that sets no group keeps the ticket
unassigned: the default route). Zendesk triggers all fire, the last group set wins: their
group-setting triggers are first-match rules in *reverse* position order, which is
equivalent only when no condition tests a field a trigger sets; a trigger that breaks this is
not imported, and says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from cskh_org.findings import Location
from cskh_org.helpdesk.fields import FieldInfo, field_infos, slug, vendor_text
from cskh_org.helpdesk.semantics import rule_key
from cskh_org.helpdesk.vendor import (
    Node,
    NotImported,
    Test,
    Vendor,
    VendorRule,
    VendorSet,
    items_of,
    list_path,
    read_vendor_set,
    zendesk_when,
)
from cskh_org.helpdesk.verify import Verdict, verify

__all__ = [
    "SIDECAR_FORMAT",
    "Imported",
    "import_set",
    "translate_node",
]

SIDECAR_FORMAT: Final = "cskh-org.helpdesk"
BUILTIN_FUNCTIONS: Final = (
    "account_management",
    "issue_resolution",
    "loyalty",
    "returns_warranty",
    "sales",
    "support",
)
_TRANSLATABLE = frozenset(
    {
        "is",
        "is_not",
        "in",
        "not_in",
        "less_than",
        "greater_than",
        "less_than_equal",
        "greater_than_equal",
        "present",
        "not_present",
    }
)
UNASSIGNED: Final = "unassigned"
ROOT: Final = "helpdesk"

TIME_ZONES: Final = {
    "UTC": "UTC",
    "Eastern Time (US & Canada)": "America/New_York",
    "Central Time (US & Canada)": "America/Chicago",
    "Mountain Time (US & Canada)": "America/Denver",
    "Pacific Time (US & Canada)": "America/Los_Angeles",
    "London": "Europe/London",
    "Berlin": "Europe/Berlin",
    "Paris": "Europe/Paris",
    "Hanoi": "Asia/Ho_Chi_Minh",
    "Bangkok": "Asia/Bangkok",
    "Singapore": "Asia/Singapore",
    "Tokyo": "Asia/Tokyo",
    "Sydney": "Australia/Sydney",
}
"""The Rails time-zone names both vendors write, and their IANA names."""

_DAYS: Final = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_FD_DAYS: Final = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_ZD_METRICS: Final = {
    "first_reply_time": "first_response",
    "next_reply_time": "next_response",
    "full_resolution_time": "resolution",
}


class Untranslatable(Exception):
    """A condition with no department equivalent: why (a catalogue key) and where."""

    def __init__(self, path: str, reason: str, detail: str) -> None:
        super().__init__(reason)
        self.path, self.reason, self.detail = path, reason, detail


@dataclass(frozen=True, slots=True)
class Imported:
    """The department data, its sidecar, and everything not imported."""

    department: Mapping[str, Any]
    """The department document as plain data (what the YAML file holds)."""
    sidecar: Mapping[str, Any]
    """``department.helpdesk.json``: vendor ids by department id, and the vendor's documents."""
    vendor_set: VendorSet
    not_imported: tuple[NotImported, ...]
    yaml_paths: Mapping[str, str] = field(default_factory=dict)
    """Vendor JSON path (of a rule, policy, schedule, group) → its place in the YAML."""
    verdicts: tuple[Verdict, ...] = ()
    """The verification's findings, each with its vendor path and its YAML path."""

    @property
    def findings(self) -> tuple[Verdict, ...]:
        return self.verdicts

    @property
    def short(self) -> bool:
        """Part of the vendor's set was not read at all (a file, or a list in it, not of the
        API's shape) or two parts share an id: the import is short of what was given."""
        return any(n.reason_key in _UNREAD for n in self.not_imported)


_UNREAD: Final = frozenset(("helpdesk.not-imported.shape", "helpdesk.not-imported.duplicate-id"))
"""The reasons for which :attr:`Imported.short` is true."""


def translate_node(node: Node, infos: Mapping[str, FieldInfo]) -> Any:
    """A vendor condition tree as a department condition (``None``: every ticket)."""
    if isinstance(node, Test):
        return _translate_test(node, infos)
    parts = [translate_node(item, infos) for item in node.items]
    parts = [p for p in parts if p is not None]
    if not parts:
        if node.kind == "any":
            raise Untranslatable(node.path, "helpdesk.not-imported.empty-any", "")
        return None
    if len(parts) == 1:
        return parts[0]
    return {node.kind: parts}


def _translate_test(test: Test, infos: Mapping[str, FieldInfo]) -> Any:
    info = infos.get(test.field)
    if info is None:
        raise Untranslatable(test.path, "helpdesk.not-imported.field", test.field)
    op = test.operator
    if op not in _TRANSLATABLE:
        raise Untranslatable(test.path, "helpdesk.not-imported.operator", f"{test.field} {op}")
    attr = info.attribute
    if op in ("present", "not_present"):
        return {attr: {"present": op == "present"}}
    if op in ("is", "is_not") and vendor_text(test.value) == "":
        return {attr: {"present": op == "is_not"}}
    if op in ("in", "not_in"):
        raw = test.value if isinstance(test.value, list) else [test.value]
        values = [_value(info, v, test) for v in raw]
        if not values:
            raise Untranslatable(test.path, "helpdesk.not-imported.value", "[]")
        inside = {attr: {"in": values}}
        return inside if op == "in" else {"not": inside}
    if op in ("is", "is_not"):
        same = {attr: _value(info, test.value, test)}
        return same if op == "is" else {"not": same}
    if not info.ordered:
        raise Untranslatable(test.path, "helpdesk.not-imported.operator", f"{test.field} {op}")
    bound = info.order_of(test.value)
    if bound is None:
        raise Untranslatable(test.path, "helpdesk.not-imported.value", vendor_text(test.value))
    keys = list(info.values)
    pick = {
        "less_than": keys[:bound],
        "less_than_equal": keys[: bound + 1],
        "greater_than": keys[bound + 1 :],
        "greater_than_equal": keys[bound:],
    }[op]
    if not pick:
        raise Untranslatable(test.path, "helpdesk.not-imported.never", f"{test.field} {op}")
    return {attr: {"in": [info.values[k] for k in pick]}}


def _value(info: FieldInfo, value: Any, test: Test) -> str:
    mine = info.values.get(vendor_text(value))
    if mine is None:
        raise Untranslatable(test.path, "helpdesk.not-imported.value", vendor_text(value))
    return mine


def import_set(
    vendor: Vendor,
    documents: Mapping[str, Any],
    locate: Callable[[str], Location | None] | None = None,
) -> Imported:
    """Import a vendor's set from its parsed documents (file name → JSON value).

    ``locate`` gives the place in the vendor's files of a JSON path
    (:meth:`cskh_org.loading.vendor_json.VendorFiles.locate`): each finding's location."""
    return _Importer(read_vendor_set(vendor, documents), locate).run()


class _Importer:
    def __init__(
        self, vendor_set: VendorSet, locate: Callable[[str], Location | None] | None = None
    ) -> None:
        self.set = vendor_set
        self.locate = locate
        self.vendor = vendor_set.vendor
        self.infos = field_infos(vendor_set)
        self.not_imported: list[NotImported] = list(vendor_set.problems)
        self.yaml_paths: dict[str, str] = {}
        self.used: set[str] = {"priority"}
        self.units: dict[str, str] = {}  # group id (text) → unit id
        self.group_of: dict[str, Any] = {}  # unit id → group id (as the vendor writes it)
        self.schedule_of: dict[str, Any] = {}  # calendar id → schedule id
        self.calendars: dict[str, str] = {}  # schedule id (text) → calendar id
        self.timezone = "UTC"
        self.verification = verify(vendor_set)
        self.excluded = self.verification.excluded

    def skip(self, path: str, reason: str, detail: str = "") -> None:
        self.not_imported.append(NotImported(path, f"helpdesk.not-imported.{reason}", detail))

    def display(self, text: str, path: str, fallback: str) -> str:
        """A vendor's name or title as the department's display text holds it: without
        control or invisible characters and at most 200 characters. A text changed so is
        listed (the sidecar keeps it as written)."""
        shown = _displayable(text) or fallback
        if shown != text:
            self.skip(path, "display-text", f"{text!r:.80}")
        return shown

    def run(self) -> Imported:
        calendars = self._calendars()
        units, default = self._units()
        rules = self._routing(default)
        sla = self._sla()
        self._automations()
        attributes: dict[str, Any] = {}
        for info in self.infos.values():
            if info.attribute in self.used and info.values:
                attributes[info.attribute] = {
                    "type": "enum",
                    "values": list(dict.fromkeys(info.values.values())),
                }
        if "priority" not in attributes:
            attributes["priority"] = {"type": "enum", "values": ["low", "normal", "high", "urgent"]}
        title = "Zendesk" if self.vendor == "zendesk" else "Freshdesk"
        department: dict[str, Any] = {
            "version": 1,
            "id": f"{self.vendor}_helpdesk",
            "name": {"vi": f"Bộ phận hỗ trợ ({title})", "en": f"{title} helpdesk"},
            "languages": ["vi", "en"],
            "currency": "USD",
            "timezone": self.timezone,
            "roles": [
                {
                    "id": "agent",
                    "title": {"vi": "Nhân viên hỗ trợ", "en": "Agent"},
                    "monthly_cost": "0 USD",
                }
            ],
            "units": units,
        }
        if calendars:
            department["calendars"] = calendars
        department["ticket_schema"] = {"attributes": attributes}
        department["routing"] = {
            "rules": rules,
            "default": default,
            "priority_attribute": "priority",
            "unrouted_functions": [f for f in BUILTIN_FUNCTIONS if f != "support"],
        }
        if sla is not None:
            department["sla"] = sla
        sidecar = {
            "format": SIDECAR_FORMAT,
            "version": 1,
            "vendor": self.vendor,
            "units": dict(self.group_of),
            "calendars": dict(self.schedule_of),
            "rules": self.rule_ids,
            "documents": dict(self.set.documents),
        }
        verdicts = tuple(
            _placed(v, self._yaml_path(v.vendor_path), self.locate)
            for v in self.verification.verdicts
        )
        return Imported(
            department=department,
            sidecar=sidecar,
            vendor_set=self.set,
            not_imported=tuple(self.not_imported),
            yaml_paths=self.yaml_paths,
            verdicts=verdicts,
        )

    def _yaml_path(self, vendor_path: str) -> str | None:
        """The YAML place of a vendor path, or of the nearest enclosing part imported."""
        path = vendor_path
        while path:
            if path in self.yaml_paths:
                return self.yaml_paths[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= path.find(":$"):
                return None
            path = path[:cut]
        return None

    # -- groups ---------------------------------------------------------------------------

    def _units(self) -> tuple[list[dict[str, Any]], str]:
        units: list[dict[str, Any]] = [
            {
                "id": ROOT,
                "name": {"vi": "Bộ phận hỗ trợ", "en": "Helpdesk"},
                "functions": [f for f in BUILTIN_FUNCTIONS if f != "support"],
                "staff": [{"role": "agent"}],
            }
        ]
        taken = {ROOT, UNASSIGNED}
        default = UNASSIGNED
        for g in self.set.groups:
            if g.deleted:
                self.skip(g.path, "deleted-group", g.name)
                continue
            unit = slug(g.name, f"group_{g.id}")
            if unit in taken:
                unit = f"group_{slug(vendor_text(g.id), 'x')}"
            taken.add(unit)
            self.units[vendor_text(g.id)] = unit
            self.group_of[unit] = g.id
            entry: dict[str, Any] = {
                "id": unit,
                "name": {"en": self.display(g.name, f"{g.path}.name", unit)},
                "parent": ROOT,
                "functions": ["support"],
                "staff": [{"role": "agent"}],
            }
            if g.description:
                described = self.display(g.description, f"{g.path}.description", "")
                if described:
                    entry["description"] = {"en": described}
            calendar = self.calendars.get(vendor_text(g.business_hours_id))
            if calendar is not None:
                entry["calendar"] = calendar
            units.append(entry)
            self.yaml_paths[g.path] = f"units[{len(units) - 1}]"
            if g.default:
                default = unit
        if default == UNASSIGNED:
            units.append(
                {
                    "id": UNASSIGNED,
                    "name": {"vi": "Chưa phân nhóm", "en": "No group"},
                    "parent": ROOT,
                    "functions": ["support"],
                    "staff": [{"role": "agent"}],
                }
            )
        return units, default

    # -- routing --------------------------------------------------------------------------

    def _routing(self, default: str) -> list[dict[str, Any]]:
        self.rule_ids: dict[str, Any] = {}
        rules = self.set.rules
        set_by: dict[str, list[VendorRule]] = {}
        for rule in rules:
            if rule.active:
                for name in rule.set_fields():
                    set_by.setdefault(name, []).append(rule)
        chosen: list[tuple[VendorRule, Any, str]] = []
        for rule in rules:
            if not rule.active:
                self.skip(rule.path, "inactive", rule.title)
                continue
            if rule.path in self.excluded:
                self.skip(rule.path, "never-fires", rule.title)
                continue
            groups = [a for a in rule.actions if a.field == "group_id"]
            if self.vendor == "zendesk" and not groups:
                self.skip(rule.path, "no-group", rule.title)
                continue
            if len(groups) > 1:
                self.skip(groups[1].path, "group-twice", rule.title)
                continue
            target = default
            if groups:
                wanted = vendor_text(groups[0].value)
                if wanted == "":
                    target = default
                elif wanted not in self.units:
                    self.skip(groups[0].path, "unknown-group", wanted)
                    continue
                else:
                    target = self.units[wanted]
            if self.vendor == "zendesk":
                others = sorted(
                    {
                        rule_key(o)
                        for t in rule.tests()
                        for o in set_by.get(t.field, [])
                        if o is not rule or t.field == "group_id"
                    }
                )
                if others:
                    self.skip(rule.path, "tests-set-field", ", ".join(others))
                    continue
            try:
                when = translate_node(rule.when, self.infos)
            except Untranslatable as exc:
                self.skip(exc.path, exc.reason.removeprefix("helpdesk.not-imported."), exc.detail)
                continue
            for action in rule.actions:
                if action.field != "group_id":
                    self.skip(action.path, "action-kept", action.field)
            for t in rule.tests():
                self.used.add(self.infos[t.field].attribute)
            chosen.append((rule, when, target))
        if self.vendor == "zendesk":
            chosen.reverse()  # the last group set wins: the latest trigger first
        out: list[dict[str, Any]] = []
        for rule, when, target in chosen:
            rid = self._rule_id(rule)
            entry: dict[str, Any] = {"id": rid}
            title = self.display(rule.title, f"{rule.path}.title", "") if rule.title else ""
            if title:
                entry["description"] = {"en": title}
            if when is not None:
                entry["when"] = when
            entry["to"] = target
            self.yaml_paths[rule.path] = f"routing.rules[{len(out)}]"
            out.append(entry)
        return out

    def _rule_id(self, rule: VendorRule) -> str:
        word = "trigger" if self.vendor == "zendesk" else "rule"
        rid = f"{word}_{_id_part(rule_key(rule))}"
        if rid in self.rule_ids:
            rid = f"{word}_at_{rule.index}"
        self.rule_ids[rid] = {"id": rule.id, "file": rule.file, "index": rule.index}
        return rid

    def _automations(self) -> None:
        for rule in self.set.automations:
            self.skip(rule.path, "automation", rule.title)

    # -- calendars ------------------------------------------------------------------------

    def _calendars(self) -> list[dict[str, Any]]:
        name = "schedules.json" if self.vendor == "zendesk" else "business_hours.json"
        out: list[dict[str, Any]] = []
        taken: set[str] = set()
        for i, item in enumerate(items_of(self.vendor, name, self.set.documents.get(name))):
            path = list_path(self.vendor, name, i)
            if not isinstance(item, Mapping):
                continue
            week = (
                self._zendesk_week(item, path)
                if self.vendor == "zendesk"
                else self._fd_week(item, path)
            )
            if not any(week.values()):
                self.skip(path, "closed-schedule", str(item.get("name") or ""))
                continue
            cid = slug(str(item.get("name") or ""), f"schedule_{item.get('id')}")
            if cid in taken:
                cid = f"schedule_{slug(vendor_text(item.get('id')), str(i))}"
            taken.add(cid)
            entry: dict[str, Any] = {
                "id": cid,
                "name": {"en": self.display(str(item.get("name") or cid), f"{path}.name", cid)},
                "week": {d: ranges for d, ranges in week.items() if ranges},
            }
            zone = item.get("time_zone")
            iana = TIME_ZONES.get(str(zone)) or (str(zone) if "/" in str(zone) else None)
            if iana is None:
                self.skip(f"{path}.time_zone", "time-zone", str(zone))
            else:
                entry["timezone"] = iana
                if not out:
                    self.timezone = iana
            holidays = self._holidays(item, path)
            if holidays:
                entry["holidays"] = holidays
            self.calendars[vendor_text(item.get("id"))] = cid
            self.schedule_of[cid] = item.get("id")
            self.yaml_paths[path] = f"calendars[{len(out)}]"
            out.append(entry)
        return out

    def _zendesk_week(self, item: Mapping[str, Any], path: str) -> dict[str, list[str]]:
        week: dict[str, list[str]] = {d: [] for d in _DAYS}
        intervals = item.get("intervals") or []
        for k, iv in enumerate(intervals if isinstance(intervals, list) else []):
            start, end = (
                (iv.get("start_time"), iv.get("end_time"))
                if isinstance(iv, Mapping)
                else (None, None)
            )
            if (
                not isinstance(start, int)
                or not isinstance(end, int)
                or not 0 <= start < end <= 7 * 1440
            ):
                self.skip(f"{path}.intervals[{k}]", "interval", f"{start}-{end}")
                continue
            while start < end:
                day, minute = divmod(start, 1440)
                stop = min(end, (day + 1) * 1440)
                week[_DAYS[day]].append(f"{_hhmm(minute)}-{_hhmm(stop - day * 1440)}")
                start = stop
        return week

    def _fd_week(self, item: Mapping[str, Any], path: str) -> dict[str, list[str]]:
        week: dict[str, list[str]] = {d: [] for d in _DAYS}
        hours = item.get("business_hours") or {}
        for day, span in hours.items() if isinstance(hours, Mapping) else []:
            short = _FD_DAYS.get(str(day))
            start = _clock(span.get("start_time")) if isinstance(span, Mapping) else None
            end = _clock(span.get("end_time")) if isinstance(span, Mapping) else None
            if short is None or start is None or end is None or start >= end:
                self.skip(f"{path}.business_hours.{day}", "interval", str(span))
                continue
            week[short].append(f"{_hhmm(start)}-{_hhmm(end)}")
        return week

    def _holidays(self, item: Mapping[str, Any], path: str) -> list[dict[str, Any]]:
        key = "holidays" if self.vendor == "zendesk" else "holiday_list"
        raw = item.get(key) or []
        out: list[dict[str, Any]] = []
        for k, h in enumerate(raw if isinstance(raw, list) else []):
            if not isinstance(h, Mapping):
                continue
            first = _date(h.get("start_date", h.get("date")))
            last = _date(h.get("end_date", h.get("date")))
            if first is None or last is None or last < first:
                self.skip(
                    f"{path}.{key}[{k}]", "holiday", vendor_text(h.get("date", h.get("start_date")))
                )
                continue
            entry: dict[str, Any] = {"date": first.isoformat()}
            if last != first:
                entry["until"] = last.isoformat()
            if h.get("name"):
                entry["name"] = {"en": str(h["name"])}
            out.append(entry)
        return out

    # -- SLA ------------------------------------------------------------------------------

    def _sla(self) -> dict[str, Any] | None:
        items = items_of(
            self.vendor, "sla_policies.json", self.set.documents.get("sla_policies.json")
        )
        if not items:
            return None
        business = next(iter(self.calendars.values()), None)
        policies: list[dict[str, Any]] = []
        indexed = [(i, p) for i, p in enumerate(items) if isinstance(p, Mapping)]
        indexed.sort(key=lambda ip: _policy_order(ip[1], ip[0]))
        for i, policy in indexed:
            path = list_path(self.vendor, "sla_policies.json", i)
            if path in self.excluded:
                self.skip(
                    path, "sla-unmatched", str(policy.get("title") or policy.get("name") or "")
                )
                continue
            if self.vendor == "zendesk":
                made = self._zendesk_policy(policy, path, business)
            else:
                made = self._fd_policy(policy, path, business)
            for entry in made:
                self.yaml_paths.setdefault(path, f"sla.policies[{len(policies)}]")
                policies.append(entry)
        return {"policies": policies, "default": {}}

    def _priority_value(self, vendor_value: Any) -> str | None:
        return self.infos["priority"].values.get(vendor_text(vendor_value))

    def _zendesk_policy(
        self, policy: Mapping[str, Any], path: str, business: str | None
    ) -> list[dict[str, Any]]:

        when = zendesk_when({"filter": policy.get("filter") or {}}, path)
        if when is None:
            self.skip(f"{path}.filter", "shape", "")
            return []
        try:
            condition = translate_node(when, self.infos)
        except Untranslatable as exc:
            self.skip(exc.path, exc.reason.removeprefix("helpdesk.not-imported."), exc.detail)
            return []
        for t in _tests(when):
            self.used.add(self.infos[t.field].attribute)
        by_priority: dict[str, dict[str, Any]] = {}
        metrics = policy.get("policy_metrics") or []
        for k, m in enumerate(metrics if isinstance(metrics, list) else []):
            where = f"{path}.policy_metrics[{k}]"
            if not isinstance(m, Mapping):
                continue
            target = _ZD_METRICS.get(str(m.get("metric")))
            priority = self._priority_value(m.get("priority"))
            minutes = m.get("target")
            if target is None:
                self.skip(where, "metric", str(m.get("metric")))
                continue
            if priority is None or not isinstance(minutes, int) or minutes <= 0:
                self.skip(where, "value", f"{m.get('priority')} {minutes}")
                continue
            by_priority.setdefault(priority, {})[target] = self._target(
                minutes * 60, bool(m.get("business_hours")), business, where
            )
        return self._policies(
            f"sla_{_id_part(vendor_text(policy.get('id')))}", condition, by_priority
        )

    def _fd_policy(
        self, policy: Mapping[str, Any], path: str, business: str | None
    ) -> list[dict[str, Any]]:
        if policy.get("active") is False:
            self.skip(path, "inactive", str(policy.get("name") or ""))
            return []
        tests: list[Any] = []
        applicable = policy.get("applicable_to") or {}
        fields = {"group_ids": "group_id", "sources": "source", "ticket_types": "ticket_type"}
        for key, values in applicable.items() if isinstance(applicable, Mapping) else []:
            where = f"{path}.applicable_to.{key}"
            if not values:
                continue
            if key == "group_ids":
                units = [self.units[vendor_text(v)] for v in values if vendor_text(v) in self.units]
                if len(units) < len(values):
                    self.skip(where, "unknown-group", ", ".join(vendor_text(v) for v in values))
                    return []
                self.skip(where, "sla-group", ", ".join(units))
                return []
            if key not in fields:
                self.skip(where, "field", key)
                return []
            try:
                tests.append(
                    translate_node(Test(fields[key], "in", list(values), where), self.infos)
                )
            except Untranslatable as exc:
                self.skip(exc.path, exc.reason.removeprefix("helpdesk.not-imported."), exc.detail)
                return []
            self.used.add(self.infos[fields[key]].attribute)
        condition = None if not tests else tests[0] if len(tests) == 1 else {"all": tests}
        by_priority: dict[str, dict[str, Any]] = {}
        targets = policy.get("sla_target") or {}
        for key, spec in targets.items() if isinstance(targets, Mapping) else []:
            where = f"{path}.sla_target.{key}"
            priority = self._priority_value(str(key).removeprefix("priority_"))
            if priority is None or not isinstance(spec, Mapping):
                self.skip(where, "value", str(key))
                continue
            hours = bool(spec.get("business_hours"))
            for name, target in (
                ("respond_within", "first_response"),
                ("resolve_within", "resolution"),
            ):
                seconds = spec.get(name)
                if isinstance(seconds, int) and seconds > 0:
                    by_priority.setdefault(priority, {})[target] = self._target(
                        seconds, hours, business, where
                    )
        return self._policies(
            f"sla_{_id_part(vendor_text(policy.get('id')))}", condition, by_priority
        )

    def _target(self, seconds: int, business: bool, calendar: str | None, where: str) -> Any:
        within = _duration(seconds)
        if business and calendar is not None:
            return {"within": within, "clock": "business", "calendar": calendar}
        if business:
            self.skip(where, "no-schedule", within)
        return {"within": within, "clock": "calendar"}

    def _policies(
        self, base: str, condition: Any, by_priority: Mapping[str, Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for priority, targets in by_priority.items():
            test = {"priority": priority}
            when = test if condition is None else {"all": [condition, test]}
            out.append({"id": f"{base}_{priority}", "when": when, **targets})
        return out


_DISPLAY_LIMIT: Final = 200
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _displayable(text: str) -> str:
    """``text`` without the characters display text refuses (controls but the line break,
    bidi controls, invisible format characters), stripped, cut to 200 characters."""
    kept = "".join(
        ch
        for ch in text
        if ch == "\n" or (ch not in _BIDI and unicodedata.category(ch) not in ("Cc", "Cf"))
    ).strip()
    if len(kept) > _DISPLAY_LIMIT:
        kept = kept[: _DISPLAY_LIMIT - 1].rstrip() + "…"
    return kept


def _placed(
    verdict: Verdict, yaml_path: str | None, locate: Callable[[str], Location | None] | None
) -> Verdict:
    """The verdict with its place in the vendor's file (the finding's location) and its YAML
    place, also as the finding's path (``routing.rules[1]`` → ``("routing", "rules", 1)``)."""
    finding = verdict.finding
    if locate is not None and finding.location is None:
        finding = dataclasses.replace(finding, location=locate(verdict.vendor_path))
    if yaml_path is not None:
        parts: list[str | int] = []
        for word in re.findall(r"[^.\[\]]+", yaml_path):
            parts.append(int(word) if word.isdigit() else word)
        finding = dataclasses.replace(finding, path=tuple(parts))
    return Verdict(finding, verdict.vendor_path, yaml_path)


def _id_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text)[:40] or "x"


def _tests(node: Node) -> list[Test]:
    if isinstance(node, Test):
        return [node]
    return [t for item in node.items for t in _tests(item)]


def _policy_order(policy: Mapping[str, Any], index: int) -> tuple[bool, int, int]:
    """Policies in position order, a Freshdesk default one last (it applies when none does)."""
    position = policy.get("position")
    return (bool(policy.get("is_default")), position if isinstance(position, int) else 0, index)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _clock(text: Any) -> int | None:
    """``"8:00 am"`` → 480; ``"5:00 pm"`` → 1020; ``"11:59 pm"`` → 1439."""
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.strptime(text.strip().lower(), "%I:%M %p")
    except ValueError:
        return None
    minute = moment.hour * 60 + moment.minute
    return 1440 if minute == 1439 else minute


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text + (f"{secs}s" if secs else "")
