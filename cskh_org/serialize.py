"""Writing a department back out: YAML text and the JSON Schemas of the format.

Three schemas, all generated from the models (their shorthand forms are described next to
the validators that accept them):

* the department document (:func:`json_schema`); a document with ``include`` may leave any
  section, or any key of a mapping section, to the files it includes;
* a fragment (:func:`fragment_json_schema`), a file that ``include`` merges in: the same
  sections, none required, since lists are appended and mappings merged key by key across
  files (:mod:`cskh_org.loading.includes`); items of lists are complete as written;
* the workload document (:func:`workload_json_schema`), which has no ``include``.
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from cskh_org.model import Department

if TYPE_CHECKING:
    from cskh_org.model.workload import Workload

__all__ = [
    "FRAGMENT_SCHEMA_ID",
    "MAPPING_SCHEMA_ID",
    "SCHEMA_ID",
    "SCHEMA_KINDS",
    "WORKLOAD_SCHEMA_ID",
    "dump_workload",
    "dump_yaml",
    "fragment_json_schema",
    "fragment_schema_text",
    "json_schema",
    "mapping_json_schema",
    "mapping_schema_text",
    "roster_json_schema",
    "roster_schema_text",
    "schema_text",
    "schema_text_of",
    "sweep_json_schema",
    "sweep_schema_text",
    "workload_json_schema",
    "workload_schema_text",
]

SCHEMA_ID = "urn:cskh-org:schema:department:1"
WORKLOAD_SCHEMA_ID = "urn:cskh-org:schema:workload:1"
FRAGMENT_SCHEMA_ID = "urn:cskh-org:schema:fragment:1"
MAPPING_SCHEMA_ID = "urn:cskh-org:schema:history-mapping:1"
ROSTER_SCHEMA_ID = "urn:cskh-org:schema:roster-rules:1"
SWEEP_SCHEMA_ID = "urn:cskh-org:schema:sweep:1"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def dump_workload(workload: Workload) -> str:
    """The workload as YAML that loads back to an equal workload (a profile's 24 hours on
    one line)."""
    data = workload.model_dump(mode="json", exclude_defaults=True)
    for profile in data.get("profiles", ()):
        if "hours" in profile:
            profile["hours"] = _Flow(profile["hours"])
    ordered = {"version": workload.version, **data}
    return yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Flow(list[Any]):
    """A list written on one line."""


class _Dumper(yaml.SafeDumper):
    """Block style, unicode as-is, keys in model order."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    from cskh_org.loading.source import NumberTooLarge, _resolve_plain

    try:
        text_when_plain = isinstance(_resolve_plain(data), str)
    except NumberTooLarge:  # a number our loader would refuse: as text, it must be quoted
        text_when_plain = False
    if "\n" in data:
        style: str | None = "|"
    elif not text_when_plain:
        style = "'"  # our loader (YAML 1.2) would read it as a number, boolean or null
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _decimal_presenter(dumper: yaml.SafeDumper, data: Decimal) -> yaml.ScalarNode:
    # Plain digits for any number a document can hold; a huge exponent stays an exponent
    # (`1E+999999999`, never a billion digits), which the loader reads as `number-too-large`.
    text = format(data, "f") if not data.is_finite() or -60 < data.adjusted() < 60 else str(data)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _enum_presenter(dumper: yaml.SafeDumper, data: enum.Enum) -> yaml.ScalarNode:
    return _str_presenter(dumper, str(data.value))


def _tuple_presenter(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.SequenceNode:
    return dumper.represent_list(data)


_Dumper.add_representer(str, _str_presenter)
_Dumper.add_representer(Decimal, _decimal_presenter)
_Dumper.add_multi_representer(enum.Enum, _enum_presenter)
_Dumper.add_representer(tuple, _tuple_presenter)
_Dumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def dump_yaml(dept: Department) -> str:
    """The department as YAML that loads back to an equal department.

    Values equal to their defaults are left out; text that would read back as another type
    (``"true"``, ``"0123"``) is quoted by the dumper.
    """
    data = dept.model_dump(mode="python", exclude_defaults=True)
    data.setdefault("version", dept.version)
    ordered = {"version": data.pop("version"), **data}
    return yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


_BOUNDS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum", "le": "maximum"}
"""pydantic's names of a number's bounds, and JSON Schema's."""
_SCHEMA_MAPS = frozenset({"properties", "$defs", "patternProperties", "dependentSchemas"})
"""Keywords whose value maps names (a property called ``gt``) to schemas."""


def _number(value: Any) -> int | float:
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _standard_bounds(node: Any) -> Any:
    """``node`` with pydantic's bounds of a number that has a validator before it (``gt``
    beside the schema, which JSON Schema ignores) as JSON Schema's (``exclusiveMinimum``)."""
    if isinstance(node, list):
        return [_standard_bounds(n) for n in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _standard_bounds(v) for name, v in value.items()}
        elif key in _BOUNDS and isinstance(value, (int, float, Decimal)):
            out[_BOUNDS[key]] = _number(value)
        else:
            out[key] = _standard_bounds(value)
    return out


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with the forms our loader reads where they differ from JSON
    Schema's formats."""

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> Any:
        return _standard_bounds(super().generate(schema, mode))

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, Decimal):  # a number, as the schema's type says (not "0.95")
            return _number(dft)
        return super().encode_default(dft)

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        # every decimal of the models is a YAML number, never text (:data:`~cskh_org.model.
        # base.Number`): pydantic's schema also takes a string
        def bound(key: str) -> float | None:
            value: Any = schema.get(key)
            return None if value is None else float(value)

        return self.float_schema(
            core_schema.float_schema(
                allow_inf_nan=schema.get("allow_inf_nan"),
                multiple_of=bound("multiple_of"),
                le=bound("le"),
                ge=bound("ge"),
                lt=bound("lt"),
                gt=bound("gt"),
            )
        )

    def datetime_schema(self, schema: core_schema.DatetimeSchema) -> JsonSchemaValue:
        # pydantic reads `2026-11-20T09:30+07:00` (no seconds), which RFC 3339 `date-time`
        # (what editors check `format` against) refuses
        return {
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}"
            r"(\.[0-9]{1,6})?)?([Zz]|[-+][0-9]{2}(:?[0-9]{2})?)?)?$",
            "examples": ["2027-03-01T08:00:00+07:00", "2026-11-20T09:30+07:00"],
        }


_COMPLETE_ONLY = frozenset({"required", "minProperties", "minItems", "discriminator"})
"""Keywords a part of a merged mapping need not satisfy: the merged whole must."""


class _Parts:
    """Partial variants (``<Name>Part``) of the ``$defs`` a merged mapping reaches."""

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.made: dict[str, Any] = {}
        self.busy: set[str] = set()

    def of(self, node: Any) -> Any:
        """``node`` as a part: no required keys, no least sizes, at every mapping level
        (list items stay whole: a list is appended, never merged item by item)."""
        if isinstance(node, list):
            return [self.of(n) for n in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _COMPLETE_ONLY:
                continue
            if key == "$ref":
                out[key] = self._ref(value)
            elif key == "properties":
                out[key] = {name: self.of(v) for name, v in value.items()}
            elif key in ("additionalProperties", "anyOf", "allOf"):
                out[key] = self.of(value)
            elif key == "oneOf":  # parts of two branches may both fit: any is enough
                out["anyOf"] = self.of(value)
            else:  # items, propertyNames, patterns, enums: as for a whole document
                out[key] = value
        return out

    def _ref(self, ref: str) -> str:
        name = ref.rsplit("/", 1)[-1]
        part_ref = f"#/$defs/{name}Part"
        if name in self.busy or f"{name}Part" in self.made:
            return part_ref
        self.busy.add(name)
        part = self.of(self.defs[name])
        self.busy.discard(name)
        if part == self.defs[name] and f"{name}Part" not in self.made:
            return ref
        self.made[f"{name}Part"] = part
        return part_ref


def _department_parts() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The department's whole schema, its partial top level and every ``$defs`` entry."""
    whole = Department.model_json_schema(mode="validation", schema_generator=_Generator)
    defs: dict[str, Any] = whole.pop("$defs")
    parts = _Parts(defs)
    top = parts.of(whole)
    return whole, top, {**defs, **parts.made}


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a department document, generated from the models.

    A document without ``include`` is whole (``$defs/Department``); with ``include`` any key
    may come from the included files, so only what is written is checked.
    """
    whole, top, defs = _department_parts()
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        **top,
        "if": {"required": ["include"]},
        "else": {"$ref": "#/$defs/Department"},
        "$defs": {**defs, "Department": whole},
    }


def schema_text() -> str:
    return _text(json_schema())


def fragment_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a file a department ``include``-s: any of the department's
    sections, none required; it may include other files (relative to itself)."""
    _, top, defs = _department_parts()
    return {
        "$schema": _DRAFT,
        "$id": FRAGMENT_SCHEMA_ID,
        **top,
        "title": "DepartmentFragment",
        "description": "A file merged into a department document by `include`: any of its "
        "sections. Lists are appended to the document's (in include order) and mappings "
        "merged key by key; a key set in two files is a finding. Items of a list are "
        "complete as written; a mapping may leave keys to another file.",
        "$defs": defs,
    }


def fragment_schema_text() -> str:
    return _text(fragment_json_schema())


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def workload_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a workload document, generated from the models."""
    from cskh_org.model.workload import Workload

    schema = Workload.model_json_schema(mode="validation", schema_generator=_Generator)
    return {"$schema": _DRAFT, "$id": WORKLOAD_SCHEMA_ID, **schema}


def workload_schema_text() -> str:
    return _text(workload_json_schema())


def mapping_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a history mapping (``cskh-org history import --mapping``)."""
    from cskh_org.model.history import HistoryMapping

    schema = HistoryMapping.model_json_schema(mode="validation", schema_generator=_Generator)
    return {"$schema": _DRAFT, "$id": MAPPING_SCHEMA_ID, **schema}


def mapping_schema_text() -> str:
    return _text(mapping_json_schema())


def roster_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of roster rules (``cskh-org roster --rules``)."""
    from cskh_org.model.roster import RosterRules

    schema = RosterRules.model_json_schema(mode="validation", schema_generator=_Generator)
    return {"$schema": _DRAFT, "$id": ROSTER_SCHEMA_ID, **schema}


def roster_schema_text() -> str:
    return _text(roster_json_schema())


def sweep_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a sweep file (scenario sweeps)."""
    from cskh_org.model.sweep import Sweep

    schema = Sweep.model_json_schema(mode="validation", schema_generator=_Generator)
    return {"$schema": _DRAFT, "$id": SWEEP_SCHEMA_ID, **schema}


def sweep_schema_text() -> str:
    return _text(sweep_json_schema())


SCHEMA_KINDS = {
    "department": schema_text,
    "workload": workload_schema_text,
    "fragment": fragment_schema_text,
    "mapping": mapping_schema_text,
    "roster": roster_schema_text,
    "sweep": sweep_schema_text,
}
"""Each kind of document ``cskh-org schema --kind`` prints the schema of."""


def schema_text_of(kind: str) -> str:
    """The JSON Schema text of ``kind`` (one of :data:`SCHEMA_KINDS`)."""
    return SCHEMA_KINDS[kind]()
