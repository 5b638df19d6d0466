"""The JSON Schemas accept what the loader accepts (a fast, pure-Python cross-check).

* every example document, workload and included fragment is valid for its schema;
* every YAML block of the docs marked ``# complete document`` and every example of
  ``examples/invalid`` (without includes) is schema-valid exactly when the loader builds it,
  apart from the rules a schema cannot state (listed in ``_BEYOND_THE_SCHEMA``);
* for generated texts, the duration and money patterns accept exactly the texts the loader's
  parsers accept.

The same files go through the real YAML language server in ``tests/lsp``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from cskh_org.loading.build import build_department, build_model
from cskh_org.loading.source import Limits, parse_text, read_source
from cskh_org.model.sla import MAX_TARGET_MINUTES, Duration, SlaTarget, Within
from cskh_org.model.workload import PositiveDuration, SimDuration, Workload
from cskh_org.money import CURRENCY_MINOR_UNITS, MoneyField
from cskh_org.serialize import (
    FRAGMENT_SCHEMA_ID,
    SCHEMA_KINDS,
    fragment_json_schema,
    json_schema,
    mapping_json_schema,
    roster_json_schema,
    sweep_json_schema,
    workload_json_schema,
)
from tests.conftest import EXAMPLES, ROOT
from tests.test_docs import _COMPLETE, YAML

_VALIDATORS = {
    "department": jsonschema.Draft202012Validator(json_schema()),
    "workload": jsonschema.Draft202012Validator(workload_json_schema()),
    "fragment": jsonschema.Draft202012Validator(fragment_json_schema()),
    "mapping": jsonschema.Draft202012Validator(mapping_json_schema()),
    "roster": jsonschema.Draft202012Validator(roster_json_schema()),
    "sweep": jsonschema.Draft202012Validator(sweep_json_schema()),
}
_MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$", re.MULTILINE)


def _tree(path: Path) -> Any:
    """The marked tree the loader's parse stage reads (``None`` when it reads none)."""
    parsed = read_source(path, Limits(), str(path))
    return parsed.data if not parsed.findings else None


def _kind(path: Path) -> str:
    if path.name == "workload.yaml":
        return "workload"
    if path.name == "roster.yaml":
        return "roster"
    if path.name == "sweep.yaml":
        return "sweep"
    return "fragment" if _MODELINE.search(path.read_text("utf-8")) else "department"


def _errors(kind: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(document)'}: {e.message[:200]}"
        for e in _VALIDATORS[kind].iter_errors(data)
    ]


VALID = sorted(
    p for folder in ("small", "growing", "large") for p in (EXAMPLES / folder).glob("*.yaml")
)


def test_the_schemas_are_valid_draft_2020_12() -> None:
    """Each generated schema is itself valid against the 2020-12 meta-schema."""
    for kind in SCHEMA_KINDS:
        schema = {"department": json_schema, "workload": workload_json_schema}.get(
            kind, fragment_json_schema
        )()
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_is_valid_for_its_schema(path: Path) -> None:
    """Documents, workloads and fragments of the examples have no schema error."""
    assert _errors(_kind(path), _tree(path)) == []


def test_fragments_name_the_fragment_schema() -> None:
    """Every file an example includes starts with the modeline pointing at the fragment
    schema, relative to itself, and that schema file has the fragment `$id`."""
    fragments = [p for p in VALID if _kind(p) == "fragment"]
    assert len(fragments) >= 10
    for path in fragments:
        m = _MODELINE.search(path.read_text("utf-8"))
        assert m is not None
        assert path.read_text("utf-8").startswith(m.group(0))
        target = (path.parent / m.group("path")).resolve()
        assert target == ROOT / "docs/schema/fragment.schema.json"
        assert f'"$id": "{FRAGMENT_SCHEMA_ID}"' in target.read_text("utf-8")


# -- the schema against the loader ------------------------------------------------------------

_BEYOND_THE_SCHEMA = {
    # what a pattern cannot state; the loader (and so `cskh-org validate`) reports it
    "invalid-time-range",  # `13:30-12:00` has the form of a range but ends before it starts
    "invalid-timezone",  # `Asia/Hanoi` has the form of a zone name but is not in tzdata
}


def _built(data: Any) -> bool:
    department, findings = build_department(data, data)
    return department is not None and not findings


COMPLETE = [b for b in YAML if _COMPLETE.match(b.code.splitlines()[0])]


@pytest.mark.parametrize("block", COMPLETE, ids=lambda b: b.id)
def test_complete_documents_in_the_docs_agree(block: Any) -> None:
    """A complete document of the docs is schema-valid exactly when the loader builds it."""
    data = parse_text(block.code, block.id, Limits()).data
    assert (not _errors("department", data)) == _built(data), _errors("department", data)


INVALID = sorted(
    p
    for p in (EXAMPLES / "invalid").glob("*.yaml")
    if isinstance(_tree(p), dict) and "include" not in _tree(p)
)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_examples_agree(path: Path) -> None:
    """An invalid example the loader cannot build has a schema error, and one it builds
    (its finding comes from a check) has none."""
    data = _tree(path)
    errors = _errors("department", data)
    if path.stem in _BEYOND_THE_SCHEMA:
        assert not _built(data)
        return
    assert (not errors) == _built(data), errors


# -- generated texts: the patterns and the parsers accept the same set ------------------------


def _accepts(adapter: TypeAdapter[Any], text: str) -> bool:
    try:
        adapter.validate_python(text)
    except ValidationError:
        return False
    return True


def _pattern_of(schema: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(schema["pattern"])


_SLA = TypeAdapter(Duration)
_WITHIN = TypeAdapter(Within)
_SPAN = TypeAdapter(SimDuration)
_POSITIVE = TypeAdapter(PositiveDuration)
_MONEY = TypeAdapter(MoneyField)


def _schema_of(adapter: TypeAdapter[Any]) -> dict[str, Any]:
    schema = adapter.json_schema()
    return next(s for s in schema.get("anyOf", [schema]) if s.get("type") == "string")


_number = st.integers(0, 999).map(str)
_decimal = st.builds(lambda a, b: f"{a}.{b}", _number, _number)
_sep = st.sampled_from(["", "", " ", "  ", "\t", "\n", "_", ","])


def _pieces(units: str, numbers: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.builds(lambda n, s, u: n + s + u, numbers, _sep, st.sampled_from(list(units)))
    noise = st.sampled_from(["", " ", "x", "0", "-", ".", "1", "\n", "h", "٣"])
    return st.builds(
        lambda lead, parts, seps, tail: (
            lead + "".join(p + s for p, s in zip(parts, seps, strict=False)) + tail
        ),
        noise,
        st.lists(piece, max_size=4),
        st.lists(_sep, min_size=4, max_size=4),
        noise,
    )


@given(_pieces("dhmsx", _number))
@example("1d 4h")
@example("0h")
@example("4h\n")
@example("")
@example("366d")
@example("365d")
@example("365d 1m")
@example("8761h")
@example("0000000001d")
@example("000000001d")
def test_sla_duration_pattern_is_the_parser(text: str) -> None:
    """An SLA duration text fits the schema's pattern exactly when the loader reads it, but
    for the year bound on the sum of its parts (each part alone is bounded by the pattern)."""
    fits = bool(_pattern_of(_schema_of(_SLA)).search(text))
    if fits and not _accepts(_SLA, text):
        days, hours, minutes = (
            int(m.group(1)) if (m := re.search(rf"([0-9]+){unit}", text)) else 0 for unit in "dhm"
        )
        assert (days * 24 + hours) * 60 + minutes > MAX_TARGET_MINUTES, text
    else:
        assert fits == _accepts(_SLA, text)


def _units(units: list[str], numbers: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """As :func:`_pieces`, with units of several letters (``bd``)."""
    piece = st.builds(lambda n, s, u: n + s + u, numbers, _sep, st.sampled_from(units))
    noise = st.sampled_from(["", " ", "x", "0", "-", ".", "1", "\n", "b", "bd", "٣"])
    return st.builds(
        lambda lead, parts, seps, tail: (
            lead + "".join(p + s for p, s in zip(parts, seps, strict=False)) + tail
        ),
        noise,
        st.lists(piece, max_size=3),
        st.lists(_sep, min_size=3, max_size=3),
        noise,
    )


@given(_units(["bd", "bd", "d", "h", "m", "s", "b", "x"], _number))
@example("1bd")
@example("366bd")
@example("367bd")
@example("0bd")
@example("000000001bd")
@example("0000000001bd")
@example(" 3bd\n")
@example("1bd 2h")
@example("2h1bd")
@example("1 bd")
@example("1d 4h")
@example("365d 1m")
def test_sla_target_pattern_is_the_parser(text: str) -> None:
    """An SLA target's text (a duration or business days) fits the schema's pattern exactly
    when the loader reads it, but for the year bound on the sum of a duration's parts; the
    target's schema (its short form and its `within`) has that pattern."""
    pattern = _pattern_of(_schema_of(_WITHIN))
    fits = bool(pattern.search(text))
    if fits and not _accepts(_WITHIN, text):
        assert "bd" not in text, text
        days, hours, minutes = (
            int(m.group(1)) if (m := re.search(rf"([0-9]+){unit}", text)) else 0 for unit in "dhm"
        )
        assert (days * 24 + hours) * 60 + minutes > MAX_TARGET_MINUTES, text
    else:
        assert fits == _accepts(_WITHIN, text), text


def test_the_sla_target_schema_takes_business_days() -> None:
    """`first_response: 1bd` and `{within: 1bd}` are valid by the JSON Schema, as they load."""
    schema = SlaTarget.model_json_schema()
    short, full = schema["anyOf"]
    assert short["pattern"] == _schema_of(_WITHIN)["pattern"]
    assert full["properties"]["within"]["pattern"] == short["pattern"]
    assert re.search(short["pattern"], "1bd")
    assert not re.search(short["pattern"], "1bd2h")


@given(_pieces("dhmsx", st.one_of(_number, _decimal)))
@example("4m 30s")
@example("1 0m")
@example("0s")
@example("4h\n")
def test_workload_duration_patterns_are_the_parser(text: str) -> None:
    """A workload duration (and a positive one) fits its pattern exactly when it is read.
    The ten-year bound is a range, out of reach of these short texts."""
    assert bool(_pattern_of(_schema_of(_SPAN)).search(text)) == _accepts(_SPAN, text)
    assert bool(_pattern_of(_schema_of(_POSITIVE)).search(text)) == _accepts(_POSITIVE, text)


_CODES = st.sampled_from(["VND", "USD", "KWD", "CLF", "JPY", "vnd", "VNĐ", "ABC", "US", ""])
_amount_chars = st.text(alphabet="0123456789_ .,-+", max_size=12)


@given(
    st.builds(
        lambda lead, amount, gap, code, tail: lead + amount + gap + code + tail,
        st.sampled_from(["", " ", "\t", "-", "+"]),
        _amount_chars,
        st.sampled_from(["", " ", "  ", "\t"]),
        _CODES,
        st.sampled_from(["", " ", "\n", "x"]),
    )
)
@example("28000000 VND")
@example("12_000_000 VND")
@example("1500.50 USD")
@example("1500.505 USD")
@example("1.000 VND")
@example("12,000,000 VND")
@example("12 vnd")
@example("012 VND")
@example("0_VND")
@example("-0 VND")
@example("1.00000")
@example("999_999_999_999_999.5 VND")
@example("1_000_000_000_000_000 VND")
@example("1" + " " * 60 + "VND")
def test_money_pattern_is_the_parser(text: str) -> None:
    """A money text fits the schema's pattern exactly when the loader reads it (currency
    codes and their decimals included)."""
    assert bool(_pattern_of(_schema_of(_MONEY)).search(text)) == _accepts(_MONEY, text)


def test_every_currency_is_in_the_money_pattern() -> None:
    """Each ISO 4217 code, with as many decimals as it has, fits; one more does not."""
    pattern = _pattern_of(_schema_of(_MONEY))
    for code, digits in CURRENCY_MINOR_UNITS.items():
        assert pattern.search(f"1.{'5' * digits} {code}" if digits else f"1 {code}"), code
        assert not pattern.search(f"1.{'5' * (digits + 1)} {code}"), code


def test_workload_has_no_include() -> None:
    """A workload has no `include` key, in the model as in its schema."""
    assert "include" not in Workload.model_fields
    assert "include" not in workload_json_schema()["properties"]
    model, findings = build_model(Workload, {"include": []}, {"include": []})
    assert model is None
    assert any(f.code == "unknown-key" for f in findings)


# -- history mappings -------------------------------------------------------------------------

READY = sorted((ROOT / "cskh_org" / "loading" / "mappings").glob("*.yaml"))
MAPPINGS = [
    "format: csv\ncolumns: {created: a}\n",
    "format: jsonl\ncolumns: {created: a.b, solved: {column: c, unit: hours}}\n",
    "format: csv\ncolumns: {created: a}\ncolour: red\n",
    "format: csv\ncolumns: {created: {column: a, unit: seconds}}\n",  # a model rule
    "format: xml\ncolumns: {created: a}\n",
    "format: csv\n",
    "format: csv\ndelimiter: ';;'\ncolumns: {created: a}\n",
    "format: csv\ncolumns: {created: a}\nvalues: {channel: {Mail: email}, tier: {A: ''}}\n",
    "format: csv\ncolumns: {created: a}\nvalues: {colour: {A: b}}\n",
    "extends: zendesk\nformat: csv\ncolumns: {created: a}\n",
    "extends: jira\nformat: csv\ncolumns: {created: a}\n",
    "extends: zendesk\nvalues: {team: {'360001': support}}\n",  # the rest from the ready one
    "extends: freshdesk\ncolumns: {groups: Groups}\n",
    "values: {team: {'360001': support}}\n",  # neither a format nor `extends`
]
_BEYOND_THE_MAPPING_SCHEMA = {3}  # `unit` only on the two time columns: a model validator


@pytest.mark.parametrize("path", READY, ids=lambda p: p.stem)
def test_every_ready_mapping_is_valid_for_the_mapping_schema(path: Path) -> None:
    assert _errors("mapping", _tree(path)) == []


@pytest.mark.parametrize("index", range(len(MAPPINGS)))
def test_a_mapping_is_schema_valid_exactly_when_the_loader_builds_it(index: int) -> None:
    from cskh_org.loading.history import load_mapping_text

    data = parse_text(MAPPINGS[index], "<mapping>", Limits()).data
    mapping = load_mapping_text(MAPPINGS[index]).mapping
    if index in _BEYOND_THE_MAPPING_SCHEMA:
        assert mapping is None
        assert not _errors("mapping", data)
        return
    assert (not _errors("mapping", data)) == (mapping is not None), _errors("mapping", data)


# -- sweeps -----------------------------------------------------------------------------------

_ABSENT = object()


def _maybe(value: Any) -> st.SearchStrategy[Any]:
    """A key left out, given as null, or given ``value``."""
    return st.sampled_from([_ABSENT, None, value])


def _keep(**pairs: Any) -> dict[str, Any]:
    return {key: value for key, value in pairs.items() if value is not _ABSENT}


_OPERATIONS = st.builds(
    lambda op, value, factor: _keep(
        op=op, path="/units/0/staff/0/headcount", value=value, factor=factor
    ),
    st.sampled_from(["replace", "add", "remove", "multiply"]),
    _maybe(3),
    _maybe(1.5),
)
_PARAMETERS = st.builds(
    lambda department, workload, values, rng: _keep(
        name="p", department=department, workload=workload, values=values, range=rng
    ),
    _maybe({"op": "replace", "path": "/units/0/staff/0/headcount"}),
    _maybe({"op": "multiply", "path": "/channels/0/volume"}),
    _maybe([1, 2]),
    _maybe({"from": 1, "to": 3, "step": 1}),
)
_CONSTRAINTS = st.builds(
    lambda low, high: _keep(kpi="overall/abandonment", at_least=low, at_most=high),
    _maybe(0.1),
    _maybe(0.9),
)
_SELECTIONS = st.builds(
    lambda low, high, constraints, first, most: _keep(
        minimize=low, maximize=high, subject_to=constraints, first=first, most=most
    ),
    _maybe("staff_cost_month"),
    _maybe("overall/sla.first_response"),
    st.lists(_CONSTRAINTS, max_size=2),
    st.sampled_from([_ABSENT, 2, 20]),
    st.sampled_from([_ABSENT, 5, 200]),
)


@given(
    st.lists(_PARAMETERS, max_size=2),
    st.lists(_OPERATIONS, max_size=3),
    st.one_of(st.just(_ABSENT), _SELECTIONS),
    st.sampled_from([_ABSENT, 0.01, "0.01"]),
)
def test_a_sweep_is_schema_valid_exactly_when_the_loader_builds_it(
    grid: list[dict[str, Any]], operations: list[dict[str, Any]], select: Any, step: Any
) -> None:
    """Nulls, one-of-two keys, operands and text for numbers: the sweep's JSON Schema and its
    loader agree on every document; ``most`` below ``first`` is the one rule only the loader
    can check (JSON Schema compares no two values)."""
    from cskh_org.loading.sweep import load_sweep_text

    for parameter in grid:
        if step is not _ABSENT and isinstance(parameter.get("range"), dict):
            parameter["range"] = {**parameter["range"], "step": step}
    grid = [{**p, "name": f"p{i}"} for i, p in enumerate(grid)]
    document = _keep(
        version=1,
        id="s",
        grid=grid,
        variants=[{"id": "v", "department": operations}],
        select=select,
    )
    text = json.dumps(document)  # JSON is YAML: the loader's parser reads it
    data = parse_text(text, "<sweep>", Limits()).data
    built = load_sweep_text(text).sweep is not None
    valid = not _errors("sweep", data)
    if isinstance(select, dict) and select.get("most", 100) < select.get("first", 10):
        assert not built  # whatever the schema says of the rest
        return
    assert valid == built, (_errors("sweep", data), load_sweep_text(text).findings)


def _schema_nodes(node: Any) -> Any:
    """Every schema inside ``node`` (not the name maps of ``properties`` and ``$defs``)."""
    if isinstance(node, list):
        for item in node:
            yield from _schema_nodes(item)
    elif isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("properties", "$defs", "patternProperties") and isinstance(value, dict):
                for schema in value.values():
                    yield from _schema_nodes(schema)
            else:
                yield from _schema_nodes(value)


@pytest.mark.parametrize("kind", sorted(_VALIDATORS))
def test_bounds_are_json_schema_keywords_and_numbers_are_never_text(kind: str) -> None:
    """pydantic writes the bounds of a number that has a validator before it as `gt`/`le`
    beside the schema (which JSON Schema ignores) and a decimal as "a number or any
    string": the schemas have JSON Schema's `exclusiveMinimum`/`maximum`, and a number."""
    schema = _VALIDATORS[kind].schema
    for node in _schema_nodes(schema):
        assert not {"gt", "ge", "lt", "le"} & set(node), node
        if "default" in node and node.get("type") == "number":
            assert not isinstance(node["default"], str), node
    if kind == "sweep":
        step: Any = sweep_json_schema()["$defs"]["Range"]["properties"]["step"]
        assert step["type"] == "number"
        assert step["exclusiveMinimum"] == 0
