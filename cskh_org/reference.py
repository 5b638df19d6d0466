"""Generated documentation: the format reference, the findings reference and the JSON Schema.

The models are the single source of truth of the document format. This module walks them
(every field's type, default, constraints and description) and writes:

* ``docs/reference.md`` — one section per model, a table of its keys;
* ``docs/findings.md`` — every finding code: the loading stages' and each check's;
* ``docs/schema/department.schema.json`` — :func:`cskh_org.serialize.schema_text`;
* ``docs/schema/workload.schema.json`` — :func:`cskh_org.serialize.workload_schema_text`;
* ``docs/schema/fragment.schema.json`` — :func:`cskh_org.serialize.fragment_schema_text`
  (a file a department includes).

The workload document (:class:`cskh_org.model.workload.Workload`) has its own part of the
reference and of the findings (:data:`cskh_org.checks.workload.WORKLOAD_CODES`).

Run ``python -m cskh_org.reference`` after changing a model or a check; ``--check`` only
compares (exit 1 when a file is stale), and the test suite fails on a stale file.
"""

from __future__ import annotations

import argparse
import datetime
import enum
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, ForwardRef, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cskh_org.model import Department, Id, LocalizedText, Ref
from cskh_org.model.base import DisplayText, LangCode, TimeZoneName
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.org import TimeRange
from cskh_org.model.sla import Within
from cskh_org.model.tickets import AttributeName, EnumValue
from cskh_org.model.workload import SimDuration, Workload, format_span
from cskh_org.money import CurrencyCode, Money, MoneyField

__all__ = [
    "FILES",
    "LOADING_CODES",
    "VALUE_TYPES",
    "WORKLOAD_VALUE_TYPES",
    "generated_files",
    "main",
    "models",
    "render_findings",
    "render_reference",
]

FILES = (
    "docs/reference.md",
    "docs/findings.md",
    "docs/schema/department.schema.json",
    "docs/schema/workload.schema.json",
    "docs/schema/fragment.schema.json",
    "docs/schema/mapping.schema.json",
    "docs/schema/roster.schema.json",
    "docs/schema/sweep.schema.json",
)
"""The generated files, relative to the repository root."""

LOADING_CODES: dict[str, str] = {
    # stage 1: parse
    "encoding": "The file is not UTF-8; save it as UTF-8 (a byte-order mark is accepted).",
    "yaml-syntax": "YAML syntax error (indentation, quotes, brackets), an alias to no anchor, "
    "or a character YAML does not allow.",
    "duplicate-key": "A key is written twice in one mapping (YAML would keep only the last).",
    "yaml-tag": "A tag other than `!!str`/`!!int`/`!!float`/`!!bool`/`!!null`, or a value "
    "that does not fit its tag.",
    "yaml-merge-key": "A merge key (`<<`); repeat the keys or share the part with `include`.",
    "yaml-complex-key": "A mapping key that is a list, a mapping or an alias.",
    "yaml-too-deep": "Nesting deeper than the limit (64 levels).",
    "yaml-too-large": "The document expands (aliases counted in full) to more nodes than "
    "the limit.",
    "yaml-multiple-documents": "More than one YAML document (`---`) in one file.",
    "empty-document": "The file holds no document at all.",
    "not-a-mapping": "The document is a list or a scalar, not a mapping of sections.",
    "number-too-large": "A number longer than 64 characters or beyond 1e30 (or nearer zero "
    "than 1e-30): judged on its text, before any conversion, and kept as text.",
    # stage 2: include
    "include-error": "An `include` entry is malformed, missing, or too many files are included.",
    "include-escape": "An included path is absolute or leaves the root document's folder.",
    "include-cycle": "Included files include each other in a cycle.",
    "include-conflict": "Two files set the same key to values that cannot be merged.",
    # stage 3: build
    "unknown-key": "A key the format does not know (with the nearest known key suggested).",
    "missing-field": "A required key is missing.",
    "invalid-id": "An id, enum value or attribute name breaks its spelling rules.",
    "invalid-currency": "Not an ISO 4217 currency code.",
    "invalid-timezone": "Not an IANA time zone name.",
    "invalid-country": "`public_holidays.country` is not a country code the `holidays` "
    "package knows (`VN`).",
    "invalid-subdivision": "`public_holidays.subdivision` is not a subdivision the `holidays` "
    "package knows for the country.",
    "invalid-money": "Not an amount (`12000000 VND`), or more decimals than the currency has.",
    "invalid-language": "Not a BCP 47 language tag (`vi`, `en`).",
    "invalid-text": "Display text that is blank or holds control or bidi-override characters.",
    "invalid-time-range": "Not a time range `08:00-12:00`, ends before it starts, or overlaps.",
    "ambiguous-number": "A number written with a leading zero (`012`), which YAML 1.1 reads "
    "as octal and YAML 1.2 as decimal; write it without the zero.",
    "invalid-value": "Any other value of the wrong type or out of range (the message says which).",
}
"""Every code the loading stages (parse, include, build) report; all are errors."""

_PARSE_CODES = frozenset(
    {"encoding", "duplicate-key", "empty-document", "not-a-mapping", "number-too-large"}
    | {c for c in LOADING_CODES if c.startswith("yaml-")}
)

VALUE_TYPES: dict[str, str] = {
    "id": "ASCII letters, digits, `_` and `-`, starting with a letter, at most 64 long: "
    "`support_team`. Ids are what references use; display names go in `name`.",
    "id of a …": "The id of something defined elsewhere in the document (a unit, a role…). "
    "The `references` check reports a reference to nothing, with the nearest id suggested.",
    "localized text": "Display text by language, `{vi: Hỗ trợ, en: Support}`; a plain string "
    "means any language (stored under `und`). At most 200 characters per language, no "
    "control characters (line breaks are fine) and no bidi overrides.",
    "money": "`12000000 VND` (`_` or spaces may group digits: `12_000_000 VND`), a plain "
    "number in the department's `currency`, or `{amount: 12000000, currency: VND}`. Never "
    "`12,000,000`: a comma is rejected. At most as many decimals as the currency has "
    "(VND 0, USD 2, KWD 3).",
    "currency code": "An ISO 4217 code in capitals: `VND`, `USD`.",
    "time zone": "An IANA time zone name: `Asia/Ho_Chi_Minh`.",
    "language tag": "A BCP 47 language tag: `vi`, `en`, `en-US`.",
    "time range": "`HH:MM-HH:MM` within one day, ending after it starts (`24:00` may end "
    "it): `08:00-12:00`. Written plainly it stays text.",
    "enum value": "ASCII letters, digits, `_`, `.` or `-`, at most 64 long; display text "
    "goes in `labels`.",
    "attribute name": "Lowercase ASCII letters, digits and `_`, starting with a letter.",
    "number": "A YAML number, read exactly as a decimal (never a binary float).",
    "SLA target length": "A duration `20s`, `30m`, `4h`, `1h30m` or `2d` (a day is 24 hours: "
    "on a business clock, 24 opening hours), at most a year; or business days `1bd` to "
    "`366bd`, alone: N opening days of the calendar later, at the same point of the day.",
}
"""The scalar types the reference's type column names, with their rules."""

WORKLOAD_VALUE_TYPES: dict[str, str] = {
    "duration": "A length of time with its unit: `90s`, `4m30s`, `1.5m`, `2h`, `1d` (a day is "
    "24 hours), or combined `1d12h`. A bare number is refused: say which unit.",
    "datetime": "An ISO 8601 date and time with its UTC offset: `2027-03-01T00:00:00+07:00`.",
    "date": "An ISO 8601 date, a local date of the department's time zone: `2027-02-14`.",
    "id": "As in a department document: ASCII letters, digits, `_` and `-`.",
}
"""The scalar types the workload part of the reference names, with their rules."""

# Annotated aliases recognised by their validators, most specific first.
_ALIASES: tuple[tuple[Any, str], ...] = (
    (LocalizedText, "localized text"),
    (MoneyField, "money"),
    (Id, "id"),
    (LangCode, "language tag"),
    (TimeZoneName, "time zone"),
    (CurrencyCode, "currency code"),
    (TimeRange, "time range"),
    (EnumValue, "enum value"),
    (AttributeName, "attribute name"),
    (DisplayText, "text"),
    (SimDuration, "duration"),
    (Within, "SLA target length"),
)

_REF_LINKS = {
    "unit": "a [unit](#unit)",
    "role": "a [role](#role)",
    "person": "a [person](#person)",
    "external": "an [external party](#external)",
    "calendar": "a [calendar](#calendar)",
    "function": "a function (built-in or [FunctionDef](#functiondef))",
    "channel": "a channel (a value of the ticket schema's `channel` attribute)",
    "holder": "a holder (a [unit](#unit) or an [external party](#external))",
}
"""How the type column names the target of each kind of reference (``Ref(kind)``)."""


def _funcs(metadata: Sequence[object]) -> set[Callable[..., Any]]:
    out: set[Callable[..., Any]] = set()
    for meta in metadata:
        func = getattr(meta, "func", None) or getattr(meta, "get_pydantic_core_schema", None)
        if callable(func):
            out.add(func)
    return out


def _alias_name(metadata: Sequence[object]) -> str | None:
    have = _funcs(metadata)
    for alias, name in _ALIASES:
        need = _funcs(get_args(alias)[1:])
        if need and need <= have:
            return name
    return None


def _anchor(model: type[BaseModel]) -> str:
    return f"[{model.__name__}](#{model.__name__.lower()})"


def _constraints(metadata: Sequence[object], *, text: bool) -> list[str]:
    """The constraints, in one order whatever order pydantic keeps them in: lower bound,
    upper bound, lengths, decimals."""
    return [text_ for _, text_ in sorted(_ranked_constraints(metadata, text=text))]


def _ranked_constraints(metadata: Sequence[object], *, text: bool) -> list[tuple[int, str]]:
    def count(n: object) -> str:
        return f"{n} {('character' if text else 'entry') if n == 1 else what}"

    what = "characters" if text else "entries"
    out: list[tuple[int, str]] = []
    for meta in metadata:
        if isinstance(meta, FieldInfo):
            out += _ranked_constraints(meta.metadata, text=text)
        elif isinstance(meta, annotated_types.Ge):
            out.append((0, f"≥ {meta.ge}"))
        elif isinstance(meta, annotated_types.Gt):
            out.append((0, f"> {meta.gt}"))
        elif isinstance(meta, annotated_types.Le):
            out.append((1, f"≤ {meta.le}"))
        elif isinstance(meta, annotated_types.Lt):
            out.append((1, f"< {meta.lt}"))
        elif isinstance(meta, annotated_types.MinLen):
            out.append((2, f"at least {count(meta.min_length)}"))
        elif isinstance(meta, annotated_types.MaxLen):
            out.append((3, f"at most {count(meta.max_length)}"))
        elif (places := getattr(meta, "decimal_places", None)) is not None:
            out.append((4, f"at most {places} decimals"))
    return out


def _is_text(tp: Any) -> bool:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _is_text(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return all(_is_text(a) for a in get_args(tp) if a is not type(None))
    return tp is str


def _plain_annotated(tp: Any) -> bool:
    """An ``Annotated`` wrapper that adds nothing a reader needs (a union tag, a discriminator)."""
    if get_origin(tp) is not typing.Annotated:
        return False
    metadata = get_args(tp)[1:]
    return not (
        any(isinstance(m, Ref) for m in metadata)
        or _alias_name(metadata)
        or _constraints(metadata, text=False)
    )


def _union_members(tp: Any) -> list[Any]:
    """The members of a union, nested unions and bare tags flattened, ``None`` left out."""
    out: list[Any] = []
    for arg in get_args(tp):
        member = arg
        while _plain_annotated(member):
            member = get_args(member)[0]
        if get_origin(member) in (Union, types.UnionType):
            out += _union_members(member)
        elif member is not type(None):
            out.append(member)
    return out


def describe_type(tp: Any) -> str:
    """A human-readable name of a field's type: ``list of [Unit](#unit)``, ``money``…"""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        inner, *metadata = get_args(tp)
        ref = next((m for m in metadata if isinstance(m, Ref)), None)
        if ref is not None:
            return f"id of {_REF_LINKS.get(ref.kind, 'a ' + ref.kind)}"
        name = _alias_name(metadata)
        if name is not None:
            return name
        base = describe_type(inner)
        limits = _constraints(metadata, text=_is_text(inner))
        return f"{base} ({', '.join(limits)})" if limits else base
    if origin in (Union, types.UnionType):
        parts = list(dict.fromkeys(describe_type(a) for a in _union_members(tp)))
        if len(parts) == 1:
            return parts[0]
        return "one of " + ", ".join(parts[:-1]) + " or " + parts[-1]
    if origin in (tuple, list, set, frozenset):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        return f"list of {describe_type(args[0])}" if args else "list"
    if origin in (dict, FrozenMap):
        key, value = get_args(tp)
        return f"mapping of {describe_type(key)} to {describe_type(value)}"
    if origin is Literal:
        return " or ".join(f"`{_scalar(v)}`" for v in get_args(tp))
    if isinstance(tp, ForwardRef):
        return tp.__forward_arg__
    if isinstance(tp, str):
        return tp
    if isinstance(tp, type):
        if issubclass(tp, Money):
            return "money"
        if issubclass(tp, BaseModel):
            return _anchor(tp)
        if issubclass(tp, enum.Enum):
            return "one of " + ", ".join(f"`{m.value}`" for m in tp)
        simple = {bool: "boolean", int: "integer", Decimal: "number", float: "number", str: "text"}
        if tp in simple:
            return simple[tp]
        return tp.__name__
    return str(tp)


def _field_type(info: FieldInfo) -> str:
    return describe_type(info.rebuild_annotation())


def _scalar(value: object) -> str:
    if isinstance(value, datetime.timedelta):
        return format_span(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_scalar(k)}: {_scalar(v)}" for k, v in value.items()) + "}"
    return str(value)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        factory = typing.cast("Callable[[], object]", info.default_factory)
        value = factory()
        if isinstance(value, BaseModel):
            return "optional (built-in default)"
    else:
        value = info.default
    if value is None:
        return "optional"
    return f"optional, default `{_scalar(value)}`"


def _markdown(text: str) -> str:
    """Docstring text → one Markdown table cell: ``code`` → `code`, one line, pipes escaped."""
    text = re.sub(r"``(.+?)``", r"`\1`", text)
    text = re.sub(r":(?:class|func|mod|attr|meth):`~?([^`]+)`", r"`\1`", text)
    return " ".join(text.split()).replace("|", "\\|")


def _doc(model: type[BaseModel]) -> str:
    doc = model.__doc__ or ""
    if model.__doc__ is BaseModel.__doc__:
        doc = ""
    return "\n\n".join(
        _markdown(part) for part in inspect.cleandoc(doc).split("\n\n") if part.strip()
    )


def _nested_models(tp: Any) -> Iterator[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if not issubclass(tp, Money):
            yield tp
        return
    for arg in get_args(tp):
        yield from _nested_models(arg)


def _key(name: str, info: FieldInfo) -> str:
    return info.alias or name


def models(root: type[BaseModel] = Department) -> list[type[BaseModel]]:
    """Every model a document may contain, depth-first from ``root`` in field order."""
    order: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in order:
            return
        order.append(model)
        for info in model.model_fields.values():
            for nested in _nested_models(info.rebuild_annotation()):
                visit(nested)

    visit(root)
    return order


def _used_in(target: type[BaseModel], all_models: list[type[BaseModel]]) -> list[str]:
    places = []
    for model in all_models:
        for name, info in model.model_fields.items():
            if target in set(_nested_models(info.rebuild_annotation())):
                places.append(f"{_anchor(model)} `{_key(name, info)}`")
    return places


def _section(model: type[BaseModel], all_models: list[type[BaseModel]]) -> list[str]:
    lines = [f"## {model.__name__}", ""]
    doc = _doc(model)
    if doc:
        lines += [doc, ""]
    used = _used_in(model, all_models)
    if used:
        lines += ["Used in: " + ", ".join(used) + ".", ""]
    lines += ["| key | type | required / default | description |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        description = _markdown(info.description or "")
        lines.append(
            f"| `{_key(name, info)}` | {_field_type(info)} | {_default(info)} | {description} |"
        )
    lines.append("")
    return lines


_GENERATED = (
    "<!-- Generated by `python -m cskh_org.reference` from {source}; do not edit by hand. -->"
)


def render_reference() -> str:
    """``docs/reference.md``: the value types, then every model's keys."""
    all_models = models()
    lines = [
        _GENERATED.format(source="the models in `cskh_org/model`"),
        "",
        "# Format reference",
        "",
        "Every key a department document may hold, generated from the models that validate "
        "it. [format.md](format.md) is the guided tour; [findings.md](findings.md) lists what "
        "validation reports. Keys not listed here are errors (`unknown-key`), never ignored.",
        "",
        "Sections: "
        + ", ".join(
            f"[{m.__name__}](#{m.__name__.lower()})" for m in all_models if m is not Department
        )
        + ".",
        "",
        "## Value types",
        "",
        "| type | written as |",
        "|---|---|",
    ]
    lines += [f"| {name} | {_markdown(rule)} |" for name, rule in VALUE_TYPES.items()]
    lines += [
        "",
        "Lists are YAML sequences (`[a, b]` or one `- item` per line); mappings are YAML "
        "mappings. Scalars follow YAML 1.2: only `true`/`false` are booleans (`no` stays "
        "text), `12:30` stays text.",
        "",
    ]
    for model in all_models:
        lines += _section(model, all_models)
    lines += _workload_reference()
    lines += _mapping_reference()
    lines += _roster_reference()
    lines += _sweep_reference()
    return "\n".join(lines).rstrip("\n") + "\n"


def _mapping_reference() -> list[str]:
    """The history mapping's part of ``docs/reference.md``."""
    from cskh_org.model.history import HistoryMapping

    mapping_models = models(HistoryMapping)
    lines = [
        "# History mappings",
        "",
        "A history mapping says where a helpdesk export keeps each field of a past ticket and "
        "how its values read in the department's words, for `cskh-org history import` "
        "([history.md](history.md)); the ready ones are `zendesk`, `freshdesk` and "
        "`canonical`. [findings.md](findings.md#history-import-checks) lists what an import "
        "may report. Keys not listed here are errors (`unknown-key`), never ignored.",
        "",
    ]
    for model in mapping_models:
        lines += _section(model, mapping_models)
    return lines


def _roster_reference() -> list[str]:
    """The roster rules' part of ``docs/reference.md``."""
    from cskh_org.model.roster import RosterRules

    roster_models = models(RosterRules)
    lines = [
        "# Roster rules",
        "",
        "Roster rules (`roster.yaml`, beside the department) say which shifts each unit may "
        "roster, its agents' days off, the limits and fairness rules they keep and how long "
        "the solver searches, for `cskh-org roster` ([rosters.md](rosters.md)). They are "
        "loaded with `cskh_org.loading.roster.load_rules` and checked against the department "
        "they are written for; [findings.md](findings.md#roster-rules-checks) lists what they "
        "may report. Keys not listed here are errors (`unknown-key`), never ignored.",
        "",
    ]
    for model in roster_models:
        lines += _section(model, roster_models)
    return lines


def _sweep_reference() -> list[str]:
    """The sweep file's part of ``docs/reference.md``."""
    from cskh_org.model.sweep import Sweep

    sweep_models = models(Sweep)
    lines = [
        "# Sweeps",
        "",
        "A sweep file lists the variants of a department and its workload to simulate and "
        "compare: a grid of parameters (the product of their values) and listed variants, each "
        "a patch (`replace`, `add`, `remove`, `multiply`) at a JSON-Pointer-like path where a "
        "list item is named by its id, its index or `*`. It is loaded with "
        "`cskh_org.loading.sweep.load_sweep`; `cskh_org.sweeps.variants.expand` makes and "
        "checks every variant. Keys not listed here are errors (`unknown-key`), never ignored.",
        "",
    ]
    for model in sweep_models:
        lines += _section(model, sweep_models)
    return lines


def _workload_reference() -> list[str]:
    """The workload document's part of ``docs/reference.md``."""
    workload_models = models(Workload)
    lines = [
        "# Workload documents",
        "",
        "A workload (`workload.yaml`) describes the work one department faces, for "
        "simulation: arrival streams shaped by weekly profiles, handling times per unit and "
        "category, customers' patience per channel and what happens to a ticket after a "
        "visit at each holder. It is a document of its own, loaded with "
        "`cskh_org.loading.load_workload` and checked against the department it is written "
        "for; [findings.md](findings.md#workload-checks) lists what it may report. Keys not "
        "listed here are errors (`unknown-key`), never ignored.",
        "",
        "Sections: "
        + ", ".join(
            f"[{m.__name__}](#{m.__name__.lower()})" for m in workload_models if m is not Workload
        )
        + ".",
        "",
        "| type | written as |",
        "|---|---|",
    ]
    lines += [f"| {name} | {_markdown(rule)} |" for name, rule in WORKLOAD_VALUE_TYPES.items()]
    lines.append("")
    for model in workload_models:
        lines += _section(model, workload_models)
    return lines


def _stage(code: str) -> str:
    if code in _PARSE_CODES:
        return "parse"
    if code.startswith("include-"):
        return "include"
    return "build"


def render_findings() -> str:
    """``docs/findings.md``: loading codes, then every registered check with its codes."""
    from cskh_org.checks import REGISTRY, load_builtin_checks

    load_builtin_checks()
    lines = [
        _GENERATED.format(source="`LOADING_CODES` and the checks registry"),
        "",
        "# Findings reference",
        "",
        "Every problem in a document is a finding, printed as",
        "`file:line:col: severity[code]: message`; the message says how to fix it. Codes are "
        "stable: match on them in scripts and CI (`cskh-org validate --format json`). Every "
        "message is written in Vietnamese and English, from one catalogue "
        "(`cskh_org/words/findings.py`): `cskh-org validate --lang vi` prints the Vietnamese "
        "one (English is the default), and the JSON output gives both, `message` and "
        "`message_vi`.",
        "",
        "| severity | effect |",
        "|---|---|",
        "| `error` | validation fails (exit code 1) |",
        "| `warning` | validation fails only with `--strict` |",
        "| `info` | a note, shown with `-v`; never fails validation |",
        "",
        "A file that cannot be read at all (missing, a folder, over the size limit) is not a "
        "finding: `cskh-org` reports it in one line (in Vietnamese with `--lang vi`; the JSON "
        "output gives both, `error` and `error_vi`) and exits with code 2.",
        "",
        "## Loading",
        "",
        "The stages before the checks: **parse** (YAML → a tree with line numbers), "
        "**include** (merge included files) and **build** (the tree → typed models). Every "
        "loading finding is an `error`. A finding that leaves no usable tree (`encoding`, "
        "`yaml-*`, `empty-document`, `not-a-mapping`) stops the pipeline there; otherwise all "
        "findings of a stage are reported together, and the checks run once the document "
        "builds.",
        "",
        "| code | stage | meaning |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{code}` | {_stage(code)} | {_markdown(text)} |" for code, text in LOADING_CODES.items()
    ]
    lines += [
        "",
        "## Checks",
        "",
        "Once the document is built, every check runs on it; each declares the codes it "
        "may report. `cskh-org checks` prints the same list.",
        "",
    ]
    # in source order (module, then line), whatever order the tests imported the modules in
    ordered = sorted(
        REGISTRY.values(),
        key=lambda e: (e.function.__module__, e.function.__code__.co_firstlineno),
    )
    for entry in ordered:
        lines += [f"### {entry.name}", "", _markdown(entry.summary), ""]
        lines += ["| code | severity |", "|---|---|"]
        lines += [f"| `{code}` | {sev.value} |" for code, sev in entry.codes.items()]
        lines.append("")
    lines += _workload_findings()
    lines += _history_findings()
    lines += _roster_findings()
    return "\n".join(lines).rstrip("\n") + "\n"


def _workload_findings() -> list[str]:
    """The workload document's part of ``docs/findings.md``."""
    from cskh_org.checks.workload import WORKLOAD_CODES

    return _code_table(
        "Workload checks",
        "A workload document goes through the same parse and build stages (and reports the "
        "same loading codes, but has no `include`), then is checked against the department "
        "it is written for. Tickets are followed from each stream's attributes (every "
        "combination of its `mix` that can matter) through the department's router, then "
        "along the escalation steps that can fire for them (category and tier triggers by "
        "value, SLA triggers when the department has SLA targets, `reopened` when tickets are "
        "reopened, `manual` at a holder that escalates, a holder's first functional step when "
        "it sends tickets to a partner), to find every holder they can reach.",
        {code: (e.severity.value, e.meaning) for code, e in WORKLOAD_CODES.items()},
    )


def _history_findings() -> list[str]:
    """The history import's part of ``docs/findings.md``."""
    from cskh_org.checks.history import HISTORY_CODES

    return _code_table(
        "History import checks",
        "`cskh-org history import` checks its mapping (parsed and built as every document, "
        "then against the department: the attributes and values it translates into), then "
        "each row of the export: every problem of a bad row is a finding at its line and "
        "column, the row is counted and not imported (see [history](history.md)).",
        {code: (e.severity.value, e.meaning) for code, e in HISTORY_CODES.items()},
    )


def _roster_findings() -> list[str]:
    """The roster rules' part of ``docs/findings.md``."""
    from cskh_org.checks.roster import ROSTER_CODES

    return _code_table(
        "Roster rules checks",
        "Roster rules go through the same parse and build stages (and report the same loading "
        "codes, but have no `include`), then are checked against the department they are "
        "written for (see [rosters](rosters.md)).",
        {code: (e.severity.value, e.meaning) for code, e in ROSTER_CODES.items()},
    )


def _code_table(title: str, intro: str, codes: dict[str, tuple[str, str]]) -> list[str]:
    lines = [f"## {title}", "", intro, "", "| code | severity | meaning |", "|---|---|---|"]
    lines += [
        f"| `{code}` | {severity} | {_markdown(meaning)} |"
        for code, (severity, meaning) in codes.items()
    ]
    lines.append("")
    return lines


def generated_files() -> dict[str, str]:
    """Each generated file's path (relative to the repository root) and its content."""
    from cskh_org.serialize import (
        fragment_schema_text,
        mapping_schema_text,
        roster_schema_text,
        schema_text,
        sweep_schema_text,
        workload_schema_text,
    )

    texts = (
        render_reference(),
        render_findings(),
        schema_text(),
        workload_schema_text(),
        fragment_schema_text(),
        mapping_schema_text(),
        roster_schema_text(),
        sweep_schema_text(),
    )
    return dict(zip(FILES, texts, strict=True))


def _default_root() -> Path:
    checkout = Path(__file__).resolve().parent.parent
    return checkout if (checkout / "pyproject.toml").is_file() else Path.cwd()


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the generated docs (or, with ``--check``, report the stale ones, exit 1)."""
    parser = argparse.ArgumentParser(
        prog="python -m cskh_org.reference", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--root", type=Path, default=None, help="repository root")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    root: Path = args.root or _default_root()
    stale = []
    for rel, text in generated_files().items():
        path = root / rel
        current = path.read_text("utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(rel)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        print("stale: " + ", ".join(stale) + "; run `python -m cskh_org.reference`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
