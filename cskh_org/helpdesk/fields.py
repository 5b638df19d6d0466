"""What the vendors' ticket fields mean: which ones are ordered (priority, status), their
values, and the department attribute each becomes (``via_id`` → ``channel``).

Tables from the vendors' public API documentation (Zendesk's ``via_id`` values, Freshdesk's
numeric priorities, statuses and sources).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from cskh_org.helpdesk.vendor import Vendor, VendorSet, items_of

__all__ = [
    "FieldInfo",
    "field_infos",
    "vendor_text",
]

ZENDESK_VIA: Final = {
    "0": "web",
    "4": "email",
    "5": "web_service",
    "29": "chat",
    "30": "twitter",
    "33": "voice",
    "34": "voicemail",
    "38": "facebook",
    "45": "voice_outbound",
    "48": "api",
    "55": "any_channel",
    "56": "mobile_sdk",
    "57": "help_center",
    "74": "sms",
    "75": "whatsapp",
    "77": "messaging",
}
FRESHDESK_SOURCE: Final = {
    "1": "email",
    "2": "portal",
    "3": "phone",
    "7": "chat",
    "9": "feedback_widget",
    "10": "outbound_email",
}
FRESHDESK_PRIORITY: Final = {"1": "low", "2": "medium", "3": "high", "4": "urgent"}
FRESHDESK_STATUS: Final = {"2": "open", "3": "pending", "4": "resolved", "5": "closed"}


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """One vendor field and the department attribute it becomes."""

    field: str
    """The vendor's name (``priority``, ``via_id``, ``custom_fields_360001``)."""
    attribute: str
    """The department's attribute (``priority``, ``channel``, ``product``)."""
    values: Mapping[str, str]
    """Vendor value (as text) → department value, in the field's order."""
    ordered: bool = False
    """Whether ``less_than``/``greater_than`` compare along ``values``' order."""
    closed: bool = True
    """Whether ``values`` are all the values the field can hold."""

    def order_of(self, vendor_value: Any) -> int | None:
        keys = list(self.values)
        text = vendor_text(vendor_value)
        return keys.index(text) if text in keys else None

    def vendor_value(self, value: str) -> str | None:
        for vendor, mine in self.values.items():
            if mine == value:
                return vendor
        return None


def vendor_text(value: Any) -> str:
    """A vendor value as text, the form comparisons use (``4`` and ``"4"`` are one value)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


_SLUG = re.compile(r"[^A-Za-z0-9]+")


def slug(text: str, fallback: str) -> str:
    """An id from display text: ``"Billing & Payments"`` → ``billing_payments``."""
    word = _SLUG.sub("_", text).strip("_").lower()[:60]
    return word if word and word[0].isalpha() else f"{fallback}"


def _enum_value(text: str) -> str:
    word = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:64]
    return word if word and word[0].isalnum() else "value"


def field_infos(vendor_set: VendorSet) -> dict[str, FieldInfo]:
    """Every vendor field the import knows, by vendor name."""
    if vendor_set.vendor == "zendesk":
        infos = {
            "priority": FieldInfo(
                "priority",
                "priority",
                {v: v for v in ("low", "normal", "high", "urgent")},
                ordered=True,
            ),
            "status": FieldInfo(
                "status",
                "status",
                {v: v for v in ("new", "open", "pending", "hold", "solved", "closed")},
                ordered=True,
            ),
            "type": FieldInfo(
                "type", "category", {v: v for v in ("question", "incident", "problem", "task")}
            ),
            "via_id": FieldInfo("via_id", "channel", ZENDESK_VIA),
            "update_type": FieldInfo(
                "update_type", "update_type", {"Create": "create", "Change": "change"}
            ),
        }
        for item in items_of(
            "zendesk", "ticket_fields.json", vendor_set.documents.get("ticket_fields.json")
        ):
            if not isinstance(item, Mapping) or item.get("type") not in ("tagger", "dropdown"):
                continue
            options = item.get("custom_field_options") or []
            values = {
                vendor_text(o.get("value")): _enum_value(vendor_text(o.get("value")))
                for o in options
                if isinstance(o, Mapping) and o.get("value") is not None
            }
            if not values:
                continue
            name = f"custom_fields_{item.get('id')}"
            attribute = slug(str(item.get("title") or ""), f"field_{item.get('id')}")
            if attribute in {i.attribute for i in infos.values()}:
                attribute = f"field_{item.get('id')}"
            infos[name] = FieldInfo(name, attribute, values)
        return infos
    return {
        "priority": FieldInfo("priority", "priority", FRESHDESK_PRIORITY, ordered=True),
        "status": FieldInfo("status", "status", FRESHDESK_STATUS, ordered=True),
        "source": FieldInfo("source", "channel", FRESHDESK_SOURCE),
        "ticket_type": FieldInfo(
            "ticket_type", "category", _ticket_types(vendor_set), closed=False
        ),
    }


def _ticket_types(vendor_set: VendorSet) -> dict[str, str]:
    """Freshdesk's ticket types are the account's own: the values its rules name."""
    found: dict[str, str] = {}
    for rule in vendor_set.rules:
        for test in rule.tests():
            if test.field == "ticket_type":
                for value in test.value if isinstance(test.value, list) else [test.value]:
                    found.setdefault(vendor_text(value), _enum_value(vendor_text(value)))
    return found


def group_field(vendor: Vendor) -> str:
    """The field that holds a ticket's group."""
    del vendor
    return "group_id"
