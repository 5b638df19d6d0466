"""The ticket schema: which attributes a ticket carries and which values each may take."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from cskh_org.findings import refusal
from cskh_org.model.base import Integer, LocalizedText, Model, Number
from cskh_org.model.frozen import FrozenMap, MinEntries
from cskh_org.words import pick

__all__ = [
    "AttributeSpec",
    "BooleanAttribute",
    "EnumAttribute",
    "NumberAttribute",
    "TextAttribute",
    "TicketSchema",
    "default_ticket_schema",
]

_VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")
_ATTR = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")


def _check_value(value: str) -> str:
    if not _VALUE.match(value):
        raise refusal("enum_value", "value.enum-value", value=value[:80])
    return value


def _check_attr(value: str) -> str:
    if not _ATTR.match(value):
        raise refusal("attribute_name", "value.attribute-name", value=value[:80])
    return value


EnumValue = Annotated[
    str,
    AfterValidator(_check_value),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"}),
]
AttributeName = Annotated[
    str,
    AfterValidator(_check_attr),
    WithJsonSchema({"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"}),
]


class _AttributeBase(Model):
    label: LocalizedText | None = None
    """Display name of the attribute, e.g. ``{vi: Kênh, en: Channel}``."""
    required: bool = False
    """Whether every ticket must carry this attribute."""


class EnumAttribute(_AttributeBase):
    """An attribute with a closed set of values (channel, tier, priority…)."""

    type: Literal["enum"]
    """The kind of attribute: ``enum``."""
    values: tuple[EnumValue, ...] = Field(min_length=1)
    """The allowed values, in a meaningful order (for priorities: lowest first)."""
    labels: FrozenMap[EnumValue, LocalizedText] = Field(default_factory=FrozenMap)
    """Display text per value: ``{vip: {vi: Khách VIP, en: VIP}}``."""

    @model_validator(mode="after")
    def _values_unique_and_labelled(self) -> EnumAttribute:
        seen: set[str] = set()
        for value in self.values:
            if value in seen:
                raise refusal("enum_duplicate", "value.enum.twice", value=value)
            seen.add(value)
        for key in self.labels:
            if key not in seen:
                raise refusal("enum_label", "value.enum.label", key=key)
        return self


class NumberAttribute(_AttributeBase):
    """A numeric attribute (order value, number of previous contacts…)."""

    type: Literal["number"]
    """The kind of attribute: ``number``."""
    minimum: Number | None = None
    """Smallest allowed value (inclusive)."""
    maximum: Number | None = None
    """Largest allowed value (inclusive)."""
    integer: bool = False
    """Whether only whole numbers are allowed."""
    unit: str | None = Field(default=None, max_length=20)
    """Unit of the number, for display (``VND``, ``contacts``)."""

    @model_validator(mode="after")
    def _range_ordered(self) -> NumberAttribute:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise refusal("number_range", "value.number-range")
        return self


class BooleanAttribute(_AttributeBase):
    """A yes/no attribute (``is_repeat_contact``)."""

    type: Literal["boolean"]
    """The kind of attribute: ``boolean``."""


class TextAttribute(_AttributeBase):
    """Free text, carried by tickets but not usable in equality routing over a closed set."""

    type: Literal["text"]
    """The kind of attribute: ``text``."""
    max_length: Integer = Field(default=1000, ge=1, le=1_000_000)
    """Longest accepted text."""


AttributeSpec = Annotated[
    EnumAttribute | NumberAttribute | BooleanAttribute | TextAttribute,
    Field(discriminator="type"),
]


class TicketSchema(Model):
    """The attributes tickets carry. Routing rules and SLA policies may test only these."""

    attributes: Annotated[FrozenMap[AttributeName, AttributeSpec], MinEntries(1)]
    """Attributes by name. ``channel`` (an enum) lists the channels units may serve."""

    def enum_values(self, attribute: str) -> tuple[str, ...]:
        spec = self.attributes.get(attribute)
        return spec.values if isinstance(spec, EnumAttribute) else ()

    def value_label(self, attribute: str, value: str, languages: Iterable[str]) -> str:
        """The display text of an enum ``value`` (``vip`` → ``Khách VIP``) in the first of
        ``languages`` its ``labels`` have (see :func:`cskh_org.words.pick`); the value itself
        when it has no label."""
        spec = self.attributes.get(attribute)
        if not isinstance(spec, EnumAttribute):
            return value
        return pick(spec.labels.get(value), languages, value)


def _enum(
    values: list[str], labels: dict[str, tuple[str, str]], vi: str, en: str, required: bool = False
) -> dict[str, object]:
    return {
        "type": "enum",
        "label": {"vi": vi, "en": en},
        "required": required,
        "values": values,
        "labels": {k: {"vi": v, "en": e} for k, (v, e) in labels.items()},
    }


_DEFAULT: dict[str, object] = {
    "attributes": {
        "channel": _enum(
            ["phone", "email", "chat", "social", "in_person", "self_service", "app"],
            {
                "phone": ("Điện thoại", "Phone"),
                "email": ("Email", "Email"),
                "chat": ("Trò chuyện trực tuyến", "Live chat"),
                "social": ("Mạng xã hội", "Social media"),
                "in_person": ("Trực tiếp", "In person"),
                "self_service": ("Trung tâm trợ giúp", "Help centre"),
                "app": ("Ứng dụng di động", "Mobile app"),
            },
            "Kênh",
            "Channel",
            required=True,
        ),
        "category": _enum(
            ["question", "technical", "complaint", "return", "warranty", "order", "feedback"],
            {
                "question": ("Hỏi đáp", "Question"),
                "technical": ("Kỹ thuật", "Technical"),
                "complaint": ("Khiếu nại", "Complaint"),
                "return": ("Trả hàng", "Return"),
                "warranty": ("Bảo hành", "Warranty"),
                "order": ("Đơn hàng", "Order"),
                "feedback": ("Góp ý", "Feedback"),
            },
            "Loại yêu cầu",
            "Category",
        ),
        "tier": _enum(
            ["vip", "wholesale", "regular", "new"],
            {
                "vip": ("Khách VIP", "VIP"),
                "wholesale": ("Khách sỉ", "Wholesale"),
                "regular": ("Khách thường xuyên", "Regular"),
                "new": ("Khách mới", "New"),
            },
            "Hạng khách hàng",
            "Customer tier",
        ),
        "priority": _enum(
            ["low", "normal", "high", "urgent"],
            {
                "low": ("Thấp", "Low"),
                "normal": ("Bình thường", "Normal"),
                "high": ("Cao", "High"),
                "urgent": ("Khẩn cấp", "Urgent"),
            },
            "Mức ưu tiên",
            "Priority",
        ),
        "language": _enum(
            ["vi", "en"],
            {"vi": ("Tiếng Việt", "Vietnamese"), "en": ("Tiếng Anh", "English")},
            "Ngôn ngữ",
            "Language",
        ),
        "stage": _enum(
            ["before_sale", "during_sale", "after_sale"],
            {
                "before_sale": ("Trước bán", "Before the sale"),
                "during_sale": ("Trong khi bán", "During the sale"),
                "after_sale": ("Sau bán", "After the sale"),
            },
            "Giai đoạn",
            "Journey stage",
        ),
    }
}


def default_ticket_schema() -> TicketSchema:
    """The schema used when a document has no ``ticket_schema``: channel, category, tier,
    priority, language and journey stage, with Vietnamese and English labels."""
    return TicketSchema.model_validate(_DEFAULT)
