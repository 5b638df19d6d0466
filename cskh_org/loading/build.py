"""Stage 3: the marked tree → a :class:`Department`, every pydantic error a located finding."""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from cskh_org.findings import NOTHING, Finding, Location, Said, Severity, both, did_you_mean
from cskh_org.loading.source import _shown, locate
from cskh_org.model import Department
from cskh_org.model.base import DOCUMENT_CONTEXT
from cskh_org.money import Money, minor_unit
from cskh_org.words import catalogue, say

__all__ = ["PYDANTIC_TYPES", "build_department", "build_model", "did_you_mean", "format_path"]

M = TypeVar("M", bound=BaseModel)

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-key",
    "id": "invalid-id",
    "currency": "invalid-currency",
    "timezone": "invalid-timezone",
    "country": "invalid-country",
    "subdivision": "invalid-subdivision",
    "money": "invalid-money",
    "lang": "invalid-language",
    "display_text": "invalid-text",
    "time_range": "invalid-time-range",
    "enum_value": "invalid-id",
    "attribute_name": "invalid-id",
    "union_tag_invalid": "invalid-value",
    "union_tag_not_found": "missing-field",
    "ambiguous_number": "ambiguous-number",
}


PYDANTIC_TYPES: frozenset[str] = frozenset(
    key.removeprefix("pydantic.") for key in catalogue() if key.startswith("pydantic.")
)
"""The types of pydantic's own errors whose message the catalogue has in Vietnamese (entry
``pydantic.<type>``, filled from the error's context). The project's own errors carry their
catalogue entry in the context (``said``, see :func:`cskh_org.model.base.refusal`); any other
keeps pydantic's English in both languages."""


def _vietnamese(err: dict[str, Any], english: str) -> str:
    """The message of a pydantic error in Vietnamese (``english`` when the catalogue has none)."""
    ctx = err.get("ctx") or {}
    key = ctx.get("said")
    if isinstance(key, str):
        return say(key, "vi", **ctx.get("said_fields", {}))
    if err["type"] in PYDANTIC_TYPES:
        fields = {name: str(value).replace("' or '", "' hoặc '") for name, value in ctx.items()}
        return say(f"pydantic.{err['type']}", "vi", **fields)
    return english


def format_path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def _members(tp: Any) -> list[tuple[Any, str | None]]:
    """The concrete types inside Annotated/Optional/Union, each with its union tag if any."""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        inner, *meta = get_args(tp)
        tag = next((m.tag for m in meta if isinstance(m, Tag)), None)
        return [(t, tag if tag is not None else own) for t, own in _members(inner)]
    if origin in (Union, types.UnionType):
        return [m for arg in get_args(tp) for m in _members(arg)]
    return [(tp, None)]


def _tagged(model: type[BaseModel], tag: str) -> bool:
    """True if ``tag`` is the value of one of the model's ``Literal`` discriminator fields."""
    return any(
        get_origin(f.annotation) is typing.Literal and tag in get_args(f.annotation)
        for f in model.model_fields.values()
    )


def _step(members: list[tuple[Any, str | None]], part: str | int) -> list[Any]:
    nxt: list[Any] = []
    for t, _ in members:
        origin = get_origin(t)
        if isinstance(t, type) and issubclass(t, BaseModel):
            fields = dict(t.model_fields)
            fields.update({f.alias: f for f in t.model_fields.values() if f.alias})
            if isinstance(part, str) and part in fields:
                nxt.append(fields[part].annotation)
            elif isinstance(part, str) and _tagged(t, part):
                nxt.append(t)  # a discriminated union's tag: stay on this model
        elif origin in (tuple, list) and isinstance(part, int):
            nxt.append(get_args(t)[0])
        elif origin is dict and isinstance(part, str):
            nxt.append(get_args(t)[1])
    return nxt


def _model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields the mapping at ``loc`` holds (for did-you-mean)."""
    current: list[Any] = [root]
    for part in loc:
        members = [m for tp in current for m in _members(tp)]
        tagged = [t for t, tag in members if tag is not None and tag == part]
        current = tagged or _step(members, part)
    models = [
        t
        for tp in current
        for t, _ in _members(tp)
        if isinstance(t, type) and issubclass(t, BaseModel)
    ]
    return models[0] if len(set(models)) == 1 else None


def _input_hint(err: dict[str, Any]) -> Said:
    if err["type"] != "string_type":
        return NOTHING
    value = err.get("input")
    if value is None:
        return both("value.hint.empty")
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float | Decimal):
        text = str(value)
    else:
        return NOTHING
    return both("value.hint.quote", text=text)


def _message(err: dict[str, Any], root: type[BaseModel]) -> tuple[str, Said]:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    kind = err["type"]
    code = _CODES.get(kind, "invalid-value")
    where = format_path(loc)
    if kind == "missing":
        return code, both("missing-field", parent=format_path(loc[:-1]), field=loc[-1])
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        fields = [f.alias or n for n, f in model.model_fields.items()] if model else []
        hint = did_you_mean(str(loc[-1]), fields)
        known = (
            both("unknown-key.known", fields=", ".join(fields)) if fields and not hint else NOTHING
        )
        return code, both(
            "unknown-key", key=_shown(str(loc[-1])), hint=hint or NOTHING, known=known
        )
    msg = str(err["msg"])
    msg = msg[0].lower() + msg[1:] if msg else msg
    message = Said(vi=_vietnamese(err, msg), en=msg)
    return code, both("value.at", where=where, message=message, hint=_input_hint(err))


def build_model(cls: type[M], data: Any, tree: Any) -> tuple[M | None, list[Finding]]:
    """Validate ``data`` into ``cls``; on failure, every error as a finding located in ``tree``
    (a marked tree as the parse stage gives it)."""
    try:
        return cls.model_validate(data, context=DOCUMENT_CONTEXT), []
    except ValidationError as exc:
        findings: list[Finding] = []
        errors = exc.errors(include_url=False)
        deeper = [tuple(e["loc"]) for e in errors]
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(
                len(o) > len(loc) and o[: len(loc)] == loc for o in deeper
            ):
                continue  # the list is short only because its items failed: say that instead
            code, words = _message(dict(err), cls)
            if loc and loc[-1] == "[key]":  # a bad mapping key: point at the key itself
                mark = locate(tree, loc[:-1], key=True)
            else:
                mark = locate(tree, loc, key=code == "unknown-key")
            findings.append(
                Finding.said(
                    code,
                    Severity.ERROR,
                    words,
                    Location(*mark) if mark else None,
                    tuple(p for p in loc if isinstance(p, str | int)),
                )
            )
        return None, findings


def build_department(data: Any, tree: Any) -> tuple[Department | None, list[Finding]]:
    """Validate the merged tree into a Department; on failure, every error as a finding."""
    department, findings = build_model(Department, data, tree)
    if department is not None:
        findings.extend(_plain_costs(department, tree))
    return department, findings


def _plain_costs(department: Department, tree: Any) -> list[Finding]:
    """A role's cost written as a plain number is in the department's currency, so it has no
    more decimals than that currency: ``28000000.4`` in a VND department is the same error as
    ``28000000.4 VND``, never silently rounded. (Budget amounts are the budget's checks.)"""
    currency = department.currency
    found: list[Finding] = []
    for i, role in enumerate(department.roles):
        cost = role.monthly_cost
        if (
            cost.currency is not None
            or Money(amount=cost.amount, currency=currency).check_minor_unit()
        ):
            continue
        digits = minor_unit(currency)
        allowed = (
            both("budget.decimals.none")
            if digits == 0
            else both("budget.decimals.some", digits=digits)
        )
        path: tuple[str | int, ...] = ("roles", i, "monthly_cost")
        mark = locate(tree, path)
        words = both(
            "invalid-money.plain",
            path=format_path(path),
            amount=f"{cost.amount:f}",
            currency=currency,
            allowed=allowed,
        )
        found.append(
            Finding.said(
                "invalid-money", Severity.ERROR, words, Location(*mark) if mark else None, path
            )
        )
    return found
