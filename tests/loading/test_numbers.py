"""Numbers past every bound are located findings, never a hang, a crash or a silent change.

The numeric fields are discovered from the models (every ``int``, ``Decimal`` and ``float``,
inside lists and mappings too), so a field added later is covered without editing this file.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from cskh_org.loading import validate_text
from cskh_org.loading.build import build_model
from cskh_org.loading.source import MAX_NUMBER_TEXT, parse_text
from cskh_org.model import Department
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.workload import Workload
from cskh_org.money import MAX_AMOUNT
from cskh_org.serialize import _Dumper, dump_yaml
from tests.loading.hostile_cases import BASE

NUMBER_TYPES = (int, Decimal, float)
DOCUMENT = BASE
"""The smallest valid department (the hostile cases' base document)."""


def _unwrap(tp: Any) -> list[Any]:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in get_args(tp) if a is not type(None) for t in _unwrap(a)]
    return [tp]


def _number_shape(tp: Any) -> str | None:
    """How to write one number in a field of type ``tp``: ``#`` is the number's place."""
    members = _unwrap(tp)
    if any(m is str or m is bool for m in members):
        return None  # a union with text (ticket attribute values) takes anything
    for member in members:
        origin = get_origin(member)
        if member in NUMBER_TYPES:
            return "#"
        if origin is tuple:
            inner = _number_shape(get_args(member)[0])
            if inner is not None:
                return f"[{inner}]"
        if origin is dict or origin is FrozenMap:
            key, value = get_args(member)
            inner = _number_shape(value)
            if inner is not None:
                key_types = _unwrap(key)
                first = key_types[0]
                name = (
                    next(iter(first)).value
                    if isinstance(first, type) and issubclass(first, enum.Enum)
                    else "a"
                )
                return f"{{{name}: {inner}}}"
    return None


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                tp = stack.pop()
                if isinstance(tp, type) and issubclass(tp, BaseModel):
                    todo.append(tp)
                stack.extend(a for a in get_args(tp) if not isinstance(a, str | int))


def numeric_fields() -> list[tuple[type[BaseModel], str, str]]:
    """Every (model, key, shape) whose value holds a number, across both documents."""
    found = []
    for root in (Department, Workload):
        for model in _models(root):
            for name, field in model.model_fields.items():
                if get_origin(field.annotation) is Literal:
                    continue  # `version: 1` takes one value; judged below as a whole document
                shape = _number_shape(field.annotation)
                if shape is not None:
                    found.append((model, field.alias or name, shape))
    return sorted(set(found), key=lambda f: (f[0].__name__, f[1]))


FIELDS = numeric_fields()
PARSER_BOUND_ONLY = frozenset(
    [("AttributeTest", k) for k in ("gt", "gte", "lt", "lte")]
    + [("NumberAttribute", k) for k in ("minimum", "maximum")]
)
"""Numeric fields whose domain gives no bound of its own (a ticket's order value)."""
IDS = [f"{m.__name__}.{k}" for m, k, _ in FIELDS]


def test_the_discovery_sees_the_known_numeric_fields() -> None:
    keys = {(m.__name__, k) for m, k, _ in FIELDS}
    for known in [
        ("StaffLine", "headcount"),
        ("StaffLine", "fte"),
        ("Role", "level"),
        ("BudgetLine", "months"),
        ("Budget", "fiscal_year"),
        ("Stream", "rate"),
        ("Stream", "mix"),
        ("Profile", "hours"),
        ("AttributeTest", "gt"),
        ("NumberAttribute", "maximum"),
        ("SlaTarget", "warn_at"),
        ("Trigger", "reopens"),
        ("HolderBehaviour", "resolve"),
    ]:
        assert known in keys


def _build(model: type[BaseModel], key: str, shape: str, number: str) -> list[Any]:
    text = f"{key}: {shape.replace('#', number)}\n"
    parsed = parse_text(text, "f.yaml")
    findings = list(parsed.findings)
    _, built = build_model(model, parsed.data, parsed.data)
    places = {f.location for f in findings if f.code == "number-too-large"}
    return findings + [f for f in built if f.location not in places]


@pytest.mark.parametrize("number", ["1e999999999", "9" * 5_000, "-1e999999999", "1e-999999"])
@pytest.mark.parametrize(("model", "key", "shape"), FIELDS, ids=IDS)
def test_a_huge_number_in_any_numeric_field_is_a_located_finding(
    model: type[BaseModel], key: str, shape: str, number: str
) -> None:
    findings = _build(model, key, shape, number)
    mine = [f for f in findings if f.location is not None and f.location.line == 1]
    assert [f.code for f in mine if f.path[:1] in ((), (key,))][:1] == ["number-too-large"]
    column = len(key) + 3 + shape.index("#")
    assert (mine[0].location.file, mine[0].location.column) == ("f.yaml", column)


@pytest.mark.parametrize(("model", "key", "shape"), FIELDS, ids=IDS)
def test_a_large_but_readable_number_is_out_of_every_field_range(
    model: type[BaseModel], key: str, shape: str
) -> None:
    """1e29 is read (it is under the parser's bound) and each field refuses it, in place;
    the bounds of a numeric ticket attribute and of conditions on it are the parser's only."""
    findings = _build(model, key, shape, "1e29")
    here = [f for f in findings if f.path[:1] == (key,)]
    if (model.__name__, key) in PARSER_BOUND_ONLY:
        assert here == []
        return
    assert here, findings
    assert here[0].code in ("invalid-value", "invalid-money")
    assert here[0].location is not None
    assert here[0].location.line == 1


@pytest.mark.parametrize(("model", "key", "shape"), FIELDS, ids=IDS)
@pytest.mark.parametrize(
    ("written", "code"),
    [("012", "ambiguous-number"), ("1_", "invalid-value"), ('"5"', "invalid-value")],
)
def test_text_that_looks_like_a_number_is_never_read_as_one(
    model: type[BaseModel], key: str, shape: str, written: str, code: str
) -> None:
    findings = _build(model, key, shape, written)
    codes = [f.code for f in findings if f.path[:1] == (key,)][:1]
    if (model.__name__, key, written) == ("Money", "amount", '"5"'):
        assert codes == []  # money text, as in `"5 VND"`
        return
    assert codes in ([code], ["invalid-money"] if code == "invalid-value" else [code])


def test_the_parser_bounds_numbers_on_their_text() -> None:
    for text in ["1_", "1__0", "_1", "012", "0x"]:
        assert parse_text(f"a: {text}").data["a"] == text
    assert parse_text("a: 12_000_000").data["a"] == 12_000_000
    assert parse_text("a: 1.5_0").data["a"] == Decimal("1.50")
    long = "1" * (MAX_NUMBER_TEXT + 1)
    for text in [long, "1e30", "1e-31", "0x" + "f" * 30, "!!int " + long, "!!float 1e99"]:
        parsed = parse_text(f"a: {text}")
        assert [f.code for f in parsed.findings] == ["number-too-large"], text
        assert parsed.data["a"] == text.split()[-1]


@pytest.mark.parametrize("text", ["0e100", "0E100", "-0.0e-999", "0e30"])
def test_zero_is_never_too_large_whatever_its_exponent(text: str) -> None:
    parsed = parse_text(f"a: {text}")
    assert parsed.findings == ()
    assert parsed.data["a"] == 0
    assert -5 <= parsed.data["a"].adjusted() <= 5


def test_text_the_loader_would_read_as_a_number_is_dumped_quoted() -> None:
    """Display text `0E100` or `1e99` (a zero, a number too large) stays text in a round trip."""
    for text in ["0E100", "1e99", "1" * (MAX_NUMBER_TEXT + 1)]:
        source = DOCUMENT.replace("en: Customer care}", f"en: '{text}'}}", 1)
        department = validate_text(source, name="d.yaml").unwrap()
        assert department.name["en"] == text
        again = validate_text(dump_yaml(department), name="again.yaml").unwrap()
        assert again == department, text


def _dept(**swap: str) -> str:
    text = DOCUMENT
    for old, new in swap.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _codes(text: str) -> list[tuple[str, int, int]]:
    result = validate_text(text, name="d.yaml")
    return [(f.code, f.location.line, f.location.column) for f in result.findings if f.location]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("      - role: care_agent", "      - role: care_agent\n        headcount: 1e999999999",
         "number-too-large"),
        ("version: 1", "version: " + "9" * 5_000, "number-too-large"),
        ("12000000 VND", "1e30", "number-too-large"),
        ("12000000 VND", "1e29", "invalid-money"),
        ("12000000 VND", "'" + "9" * 5_000 + " VND'", "invalid-money"),
        ("12000000 VND", "1000000000000000 VND", "invalid-money"),
    ],
)  # fmt: skip
def test_huge_numbers_in_a_document_are_located_errors(old: str, new: str, code: str) -> None:
    found = _codes(_dept(**{old: new}))
    assert code in [c for c, _, _ in found], found
    line = next(i for i, t in enumerate(_dept(**{old: new}).splitlines(), 1) if new[-8:] in t)
    assert any(c == code and ln == line for c, ln, _ in found)


@pytest.mark.parametrize("within", ["99999999999h", "1000000d", "366d", "365d1m", "9" * 5000 + "m"])
def test_an_sla_target_over_a_year_is_refused(within: str) -> None:
    text = _dept() + f"sla:\n  default:\n    first_response: {within}\n"
    found = _codes(text)
    assert ("invalid-value", text.count("\n"), 21) in found, found


def test_a_year_long_target_is_accepted() -> None:
    text = _dept() + "sla:\n  default:\n    first_response: {within: 365d, clock: calendar}\n"
    assert validate_text(text).ok()


@pytest.mark.parametrize("span", ["9" * 400 + "d", "1" * 30 + "s", "3651d", "99999999999999d"])
def test_a_workload_time_past_ten_years_is_refused_not_a_crash(span: str) -> None:
    from cskh_org.loading.workload import load_workload_text

    text = (
        "id: w\nstart: 2027-03-01T00:00:00+07:00\nstreams:\n"
        f"  - {{id: s, rate: 1, attributes: {{channel: phone}}}}\nwarmup: {span}\n"
    )
    result = load_workload_text(text, None, name="w.yaml")
    assert [(f.code, f.location.line) for f in result.findings if f.location] == [
        ("invalid-value", 5)
    ]


def test_the_largest_amounts_go_through_budget_render_and_simulate(tmp_path: Path) -> None:
    """At the bounds (amounts just under 10^15, 100,000 people per line) nothing later
    crashes: the budget plan, the rendered org chart and a short simulation."""
    from cskh_org.budget import plan
    from cskh_org.loading.workload import load_workload_text
    from cskh_org.render import render
    from cskh_org.simulation import simulate

    biggest = MAX_AMOUNT - 1
    text = _dept(
        **{
            "12000000 VND": f"{biggest} VND",
            "      - role: care_agent": "      - role: care_agent\n        headcount: 100000",
        }
    ) + (
        "budget:\n  fiscal_year: 2027\n  lines:\n"
        f"    - {{id: crm, unit: cskh, category: tools, amount: {biggest}}}\n"
        f"  caps: {{total: {biggest}}}\n"
        "routing:\n  default: cskh\n"
    )
    result = validate_text(text)
    assert "budget-total-over-cap" in {f.code for f in result.findings}
    dept = result.department
    assert dept is not None
    rollup = plan(dept).total
    assert rollup > biggest
    assert b"VND" in render(dept, "org", "dot", lang="en")
    assert "₫".encode() in render(dept, "org", "dot", lang="vi")
    workload = load_workload_text(
        "id: w\nstart: 2027-03-01T00:00:00+07:00\nstreams:\n"
        "  - {id: s, rate: 1, attributes: {channel: phone}}\n"
        "service:\n  - {unit: cskh, time: {kind: fixed, value: 5m}}\n",
        dept,
    ).unwrap()
    simulate(dept, workload, days=0.05, replications=1, seed=1)


def test_money_arithmetic_does_not_rely_on_the_global_context() -> None:
    """A tiny global precision changes nothing: money is computed in its own context."""
    import decimal

    from cskh_org.money import exact_product, quantize

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert quantize(Decimal("999999999999999.9999"), "USD") == Decimal("1000000000000000.00")
        assert exact_product(Decimal("999999999999999"), 100_000, Decimal("0.999"), 12) == (
            Decimal("1198799999999998801200.000")
        )


def test_a_huge_decimal_is_dumped_as_its_exponent_and_read_back_as_too_large() -> None:
    """The YAML dumper never writes a billion digits: `1e999999999` stays an exponent, which
    the loader refuses as `number-too-large`; ordinary amounts keep their plain digits."""
    text = yaml.dump({"a": Decimal("1e999999999"), "b": Decimal("12.50")}, Dumper=_Dumper)
    assert len(text) < 100
    assert "b: 12.50" in text
    assert [f.code for f in parse_text(text).findings] == ["number-too-large"]
