"""Writing a department back out: YAML text and the JSON Schema of the format."""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import Any

import yaml

from cskh_org.model import Department

__all__ = [
    "SCHEMA_ID",
    "WORKLOAD_SCHEMA_ID",
    "dump_yaml",
    "json_schema",
    "schema_text",
    "workload_json_schema",
    "workload_schema_text",
]

SCHEMA_ID = "urn:cskh-org:schema:department:1"
WORKLOAD_SCHEMA_ID = "urn:cskh-org:schema:workload:1"


class _Dumper(yaml.SafeDumper):
    """Block style, unicode as-is, keys in model order."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    from cskh_org.loading.source import _resolve_plain

    if "\n" in data:
        style: str | None = "|"
    elif not isinstance(_resolve_plain(data), str):
        style = "'"  # our loader (YAML 1.2) would read it as a number, boolean or null
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _decimal_presenter(dumper: yaml.SafeDumper, data: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(data, "f"))


def _enum_presenter(dumper: yaml.SafeDumper, data: enum.Enum) -> yaml.ScalarNode:
    return _str_presenter(dumper, str(data.value))


def _tuple_presenter(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.SequenceNode:
    return dumper.represent_list(data)


_Dumper.add_representer(str, _str_presenter)
_Dumper.add_representer(Decimal, _decimal_presenter)
_Dumper.add_multi_representer(enum.Enum, _enum_presenter)
_Dumper.add_representer(tuple, _tuple_presenter)


def dump_yaml(dept: Department) -> str:
    """The department as YAML that loads back to an equal department.

    Values equal to their defaults are left out; text that would read back as another type
    (``"true"``, ``"0123"``) is quoted by the dumper.
    """
    data = dept.model_dump(mode="python", exclude_defaults=True)
    data.setdefault("version", dept.version)
    ordered = {"version": data.pop("version"), **data}
    return yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a department document, generated from the models."""
    schema = Department.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def workload_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a workload document, generated from the models."""
    from cskh_org.model.workload import Workload

    schema = Workload.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": WORKLOAD_SCHEMA_ID,
        **schema,
    }


def workload_schema_text() -> str:
    return json.dumps(workload_json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
