"""Shared building blocks of every model: strict base class, ids, references, localized text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from cskh_org.model.frozen import FrozenMap

__all__ = [
    "DisplayText",
    "Id",
    "LangCode",
    "LocalizedText",
    "Model",
    "Ref",
    "TimeZoneName",
    "display",
]


class Model(BaseModel):
    """Base of every document model: immutable, and an unknown key is an error, never ignored."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=False,
        hide_input_in_errors=True,
    )

    # pydantic lets a frozen model's cached properties (``Department.units_by_id``) be set and
    # deleted; they are lookups derived from the fields, so they are as immutable as the fields.
    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(getattr(type(self), name, None), cached_property):
            raise AttributeError(f"{type(self).__name__} is immutable: cannot set `{name}`")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if isinstance(getattr(type(self), name, None), cached_property):
            raise AttributeError(f"{type(self).__name__} is immutable: cannot delete `{name}`")
        super().__delattr__(name)


_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}\Z")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise PydanticCustomError(
            "id",
            "`{value}` is not a valid id: ids are ASCII letters, digits, `_` or `-`, start "
            "with a letter and are at most 64 long; put the display name in `name`",
            {"value": value[:80]},
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
"""An ASCII identifier used in every reference (``support_team``); display names go elsewhere."""


@dataclass(frozen=True, slots=True)
class Ref:
    """Marks a field as a reference to an object of ``kind`` (resolved after loading)."""

    kind: str


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _check_display(value: str) -> str:
    for ch in value:
        if ch in _BIDI_CONTROLS or (unicodedata.category(ch) == "Cc" and ch != "\n"):
            raise PydanticCustomError(
                "display_text",
                "display text contains the control character U+{code}; remove it "
                "(use plain text; line breaks are allowed)",
                {"code": f"{ord(ch):04X}"},
            )
    if not value.strip():
        raise PydanticCustomError("display_text", "display text must not be blank")
    return value


DisplayText = Annotated[str, Field(max_length=200), AfterValidator(_check_display)]
"""Human-readable text in any script (Vietnamese diacritics welcome), no control characters."""

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")


def _check_lang(value: str) -> str:
    if not _LANG.match(value):
        raise PydanticCustomError(
            "lang",
            "`{value}` is not a language tag; use a BCP 47 tag such as `vi` or `en`",
            {"value": value[:40]},
        )
    return value


LangCode = Annotated[str, AfterValidator(_check_lang)]
"""A BCP 47 language tag such as ``vi`` or ``en``."""


def _text_from_plain(value: object) -> object:
    if isinstance(value, str):
        return {"und": value}
    if isinstance(value, bool | int | float | Decimal):
        written = str(value).lower() if isinstance(value, bool) else str(value)
        raise PydanticCustomError(
            "display_text",
            '`{value}` is read as a {kind}, not as text; write it in quotes ("{value}") '
            "if it is meant as text",
            {"value": written, "kind": "boolean" if isinstance(value, bool) else "number"},
        )
    return value


def _non_empty(value: Mapping[str, str]) -> Mapping[str, str]:
    if not value:
        raise PydanticCustomError(
            "localized_text", "give the text in at least one language, e.g. `{vi: ..., en: ...}`"
        )
    return value


LocalizedText = Annotated[
    FrozenMap[LangCode, DisplayText],
    BeforeValidator(_text_from_plain),
    AfterValidator(_non_empty),
    Field(
        json_schema_extra={"examples": [{"vi": "Hỗ trợ", "en": "Support"}]},
    ),
]
"""Display text by language: ``{vi: Hỗ trợ, en: Support}``. A plain string means any language."""


def display(text: Mapping[str, str] | None, lang: str = "vi", fallback: str = "") -> str:
    """The text in ``lang``, else English or Vietnamese, else any language given."""
    if not text:
        return fallback
    for key in (lang, "en" if lang != "en" else "vi", "und"):
        if key in text:
            return text[key]
    return next(iter(text.values()))


def _check_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not re.match(r"^[A-Za-z][A-Za-z0-9_+/-]{0,63}\Z", value) or ".." in value:
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # `Asia` is a folder of tzdata
        raise PydanticCustomError(
            "timezone",
            "`{value}` is not an IANA time zone; write e.g. `Asia/Ho_Chi_Minh`",
            {"value": value[:80]},
        ) from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]
"""An IANA time zone name such as ``Asia/Ho_Chi_Minh``."""
