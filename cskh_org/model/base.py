"""Shared building blocks of every model: strict base class, ids, references, localized text.

Start-up cost, in one place: a model's validator is built when the model is first used
(``defer_build``), not when its module is imported; the docstring under each field becomes
its description (shown by the JSON Schema and the format reference), read with one parse of
each model module instead of pydantic's ``use_attribute_docstrings``, which re-reads and
re-parses the source around every class.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from itertools import pairwise
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ModelWrapValidatorHandler,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from cskh_org.findings import both, refusal
from cskh_org.memo import remembered
from cskh_org.model.frozen import FrozenMap
from cskh_org.money import share_fields_set
from cskh_org.words import order, pick

__all__ = [
    "DOCUMENT_CONTEXT",
    "DisplayText",
    "Id",
    "Integer",
    "Interned",
    "LangCode",
    "LocalizedText",
    "Model",
    "NotText",
    "Number",
    "Real",
    "Ref",
    "TimeZoneName",
    "at_most_pattern",
    "display",
    "number_not_text",
    "shorthand_json_schema",
]


class Model(BaseModel):
    """Base of every document model: immutable, and an unknown key is an error, never ignored."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_default=False,
        hide_input_in_errors=True,
        defer_build=True,
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _describe_fields(cls)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of fields written among equal instances (a model is immutable)."""
        share_fields_set(self)

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


def _describe_fields(cls: type[BaseModel]) -> None:
    """Give each field of ``cls`` without a description the docstring written under it.

    The same rule as pydantic's ``use_attribute_docstrings``: a string statement right after
    an annotated assignment in the class body. Runs before the model is built, so the
    descriptions reach its schema; a class whose source cannot be read keeps none.
    """
    docs = _attribute_docs(cls.__module__).get(cls.__qualname__)
    if not docs:
        return
    for name, info in cls.__pydantic_fields__.items():
        if info.description is None and name in docs:
            info.description = docs[name]


@cache
def _attribute_docs(module: str) -> dict[str, dict[str, str]]:
    """Qualified class name → field → docstring, for every class of a module (one parse)."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (KeyError, OSError, TypeError, SyntaxError):
        return {}
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                found[prefix + stmt.name] = _docs_of(stmt.body)
                visit(stmt.body, f"{prefix}{stmt.name}.")

    visit(tree.body, "")
    return found


def _docs_of(body: list[ast.stmt]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for stmt, after in pairwise(body):
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[stmt.target.id] = inspect.cleandoc(after.value.value)
    return docs


_PLAIN: frozenset[type] = frozenset({str, int, Decimal, float, bool, type(None)})


def plain_key(value: object) -> tuple[object, ...] | None:
    """A key equal for two inputs exactly when they hold the same data, every value with its
    type (``1``, ``1.0``, ``True`` and ``Decimal(1)`` are equal in Python, not here): for a
    mapping of text keys to plain scalars and lists of text; ``None`` for anything else."""
    if not isinstance(value, dict):
        return None
    values = tuple(value.values())
    types = tuple(map(type, values))
    if _PLAIN.issuperset(types) and all(type(k) is str for k in value):
        return (tuple(value), types, values)  # (plain scalars only: the usual line, in C)
    items: list[object] = []
    for k, v in value.items():
        if type(k) is not str:
            return None
        t = type(v)
        if t in _PLAIN:
            items.append((k, t, v))
        elif isinstance(v, list) and all(type(x) is str for x in v):
            items.append((k, list, tuple(v)))
        else:
            return None
    return (None, *items)  # (never equal to a key of plain scalars: its first item is None)


class Interned(Model):
    """A model whose equal inputs in a document give one instance: the 50,000 staff lines of
    a national department write some hundred distinct ones (``{role: agent, headcount: 3}``),
    each validated once and shared, as immutable values are (see :func:`plain_key`). Only in
    a document the loader reads (:data:`DOCUMENT_CONTEXT`), where the model is a field of
    another and never built by ``__init__``; an input that fails, or holds more than plain
    data, is validated as usual every time."""

    @model_validator(mode="wrap")
    @classmethod
    def _known(
        cls, value: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        key = plain_key(value) if in_document(info) else None
        if key is None:
            return handler(value)
        known = _INTERNED.setdefault(cls, {})
        return remembered(known, key, lambda: handler(value), _MOST_INTERNED)


_INTERNED: dict[type[BaseModel], dict[tuple[object, ...], Any]] = {}
"""The instances of each :class:`Interned` model by input; a model's are emptied when it has
:data:`_MOST_INTERNED`."""
_MOST_INTERNED = 4096


_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}\Z")
ID_SCHEMA: dict[str, Any] = {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]{0,63}$"}
"""The JSON Schema of an id (the same pattern as the validator's)."""


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise refusal("id", "value.id", value=value[:80])
    return value


Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema(ID_SCHEMA)]
"""An ASCII identifier used in every reference (``support_team``); display names go elsewhere."""


def at_most_pattern(limit: int) -> str:
    """A regular expression (any dialect: no lookaround) of the decimal integers 0 to
    ``limit`` written without leading zeros: ``at_most_pattern(365)`` matches ``0``, ``42`` and
    ``365``, not ``366``. For JSON Schema patterns of bounded numbers inside text."""
    digits = str(limit)
    forms = ["[0-9]"] if len(digits) > 1 else []
    forms += [f"[1-9][0-9]{{{n - 1}}}" for n in range(2, len(digits))]
    for i, d in enumerate(digits):  # same prefix, a smaller digit here, anything after
        low = 1 if i == 0 and len(digits) > 1 else 0
        if int(d) > low:
            rest = len(digits) - i - 1
            tail = f"[0-9]{{{rest}}}" if rest else ""
            forms.append(f"{digits[:i]}[{low}-{int(d) - 1}]{tail}")
    forms.append(digits)
    return "(" + "|".join(forms) + ")"


_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+(\.[0-9]*)?\Z")


def number_not_text(value: object) -> object:
    """A number field takes a YAML number, never text that looks like one: ``"5"``, ``1_``
    and ``012`` (kept as text by the parser) are findings, not silently 5, 1 and 12."""
    if not isinstance(value, str):
        return value
    shown = value[:40]
    if _LEADING_ZERO.match(value.strip()):
        plain = value.strip().lstrip("+-").lstrip("0") or "0"
        plain = ("-" if value.strip().startswith("-") else "") + (
            "0" + plain if plain.startswith(".") else plain
        )
        raise refusal("ambiguous_number", "value.ambiguous-number", value=shown, plain=plain[:40])
    raise refusal("number_text", "value.number-text", value=shown)


DOCUMENT_CONTEXT: Mapping[str, bool] = MappingProxyType({"document": True})
"""The validation context of a document the loader read: there a quoted number is text the
user wrote, not a number (see :func:`number_not_text`)."""


def in_document(info: ValidationInfo) -> bool:
    """Whether a validation runs on a document the loader read (:data:`DOCUMENT_CONTEXT`, or
    any context mapping with ``document`` set)."""
    context = info.context
    return context is DOCUMENT_CONTEXT or (
        isinstance(context, Mapping) and bool(context.get("document"))
    )


def _document_number(value: object, info: ValidationInfo) -> object:
    """In a document (:data:`DOCUMENT_CONTEXT`) a number field takes no text. From Python,
    pydantic's usual reading stands, so a model dumped in JSON mode (where an exact decimal
    is a string) validates back to itself."""
    if not isinstance(value, str):  # a number (the usual case) passes either way
        return value
    if in_document(info):
        return number_not_text(value)
    return value


NotText = BeforeValidator(_document_number)
"""The validator of :data:`Integer`, :data:`Number` and :data:`Real`, for an item type that
puts its bounds first: ``Annotated[int, Field(ge=1, le=12), NotText]``."""

Integer = Annotated[int, NotText]
"""An integer field: a YAML integer, never text (give each its ``ge``/``le`` bounds)."""

Number = Annotated[Decimal, NotText, Field(allow_inf_nan=False)]
"""An exact decimal field: a finite YAML number, never text."""

Real = Annotated[float, NotText, Field(allow_inf_nan=False)]
"""A float field (simulation inputs): a finite YAML number, never text."""


@dataclass(frozen=True, slots=True)
class Ref:
    """Marks a field as a reference to an object of ``kind`` (resolved after loading)."""

    kind: str


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _check_display(value: str) -> str:
    if value and value.isprintable() and not value.isspace():
        return value  # (every character refused below is "Other": none is printable)
    for ch in value:
        if ch in _BIDI_CONTROLS or (unicodedata.category(ch) == "Cc" and ch != "\n"):
            raise refusal("display_text", "value.display-text.control", code=f"{ord(ch):04X}")
        if unicodedata.category(ch) == "Cf":  # zero-width, word joiner, BOM, tag characters
            raise refusal("display_text", "value.display-text.invisible", code=f"{ord(ch):04X}")
    if not value.strip():
        raise refusal("display_text", "value.display-text.blank")
    return value


DisplayText = Annotated[str, Field(max_length=200), AfterValidator(_check_display)]
"""Human-readable text in any script (Vietnamese diacritics welcome), no control characters."""

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
_LANG_SCHEMA: dict[str, Any] = {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}


def _check_lang(value: str) -> str:
    if not _LANG.match(value):
        raise refusal("lang", "value.lang", value=value[:40])
    return value


LangCode = Annotated[str, AfterValidator(_check_lang), WithJsonSchema(_LANG_SCHEMA)]
"""A BCP 47 language tag such as ``vi`` or ``en``."""


def _text_from_plain(value: object) -> object:
    if isinstance(value, str):
        return {"und": value}
    if isinstance(value, bool | int | float | Decimal):
        written = str(value).lower() if isinstance(value, bool) else str(value)
        kind = both("word.boolean" if isinstance(value, bool) else "word.number")
        raise refusal("display_text", "value.display-text.plain", value=written, kind=kind)
    return value


def _non_empty(value: Mapping[str, str]) -> Mapping[str, str]:
    if not value:
        raise refusal("localized_text", "value.localized-text")
    return value


_DISPLAY_SCHEMA: dict[str, Any] = {
    "type": "string",
    "maxLength": 200,
    # no control character but the line break, no bidi control; not blank
    "pattern": "^(?=[\\s\\S]*[^\\s])[^\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f"
    "\\u202a-\\u202e\\u2066-\\u2069]*$",
}

LocalizedText = Annotated[
    FrozenMap[LangCode, DisplayText],
    BeforeValidator(_text_from_plain),
    AfterValidator(_non_empty),
    WithJsonSchema(
        {
            "anyOf": [
                {**_DISPLAY_SCHEMA, "description": "The text in any language."},
                {
                    "type": "object",
                    "propertyNames": _LANG_SCHEMA,
                    "additionalProperties": _DISPLAY_SCHEMA,
                    "minProperties": 1,
                },
            ],
            "examples": [{"vi": "Hỗ trợ", "en": "Support"}],
        }
    ),
]
"""Display text by language: ``{vi: Hỗ trợ, en: Support}``. A plain string means any language."""


def display(text: Mapping[str, str] | None, lang: str = "vi", fallback: str = "") -> str:
    """The text in ``lang``, else English, else Vietnamese: :func:`cskh_org.words.pick`, the
    one rule for a document's own text, along those languages."""
    return pick(text, order(lang, ("en", "vi")), fallback)


def _check_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not re.match(r"^[A-Za-z][A-Za-z0-9_+/-]{0,63}\Z", value) or ".." in value:
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # `Asia` is a folder of tzdata
        raise refusal("timezone", "value.timezone", value=value[:80]) from None
    return value


TimeZoneName = Annotated[
    str,
    AfterValidator(_check_timezone),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Za-z][A-Za-z0-9_+/-]{0,63}$",
            "examples": ["Asia/Ho_Chi_Minh"],
        }
    ),
]
"""An IANA time zone name such as ``Asia/Ho_Chi_Minh``."""


def shorthand_json_schema(
    short: JsonSchemaValue, core_schema: CoreSchema, handler: GetJsonSchemaHandler
) -> JsonSchemaValue:
    """The JSON Schema of a model that a ``model_validator(mode="before")`` also builds from
    a scalar: ``short`` (the scalar's schema) or the model's own object schema.

    Call it from the model's ``__get_pydantic_json_schema__`` so the schema accepts what the
    loader accepts (``to: support`` as well as ``to: {unit: support}``).
    """
    full = handler.resolve_ref_schema(handler(core_schema))
    described: dict[str, Any] = {k: full[k] for k in ("title", "description") if k in full}
    body = {k: v for k, v in full.items() if k not in described}
    return {**described, "anyOf": [short, body]}
