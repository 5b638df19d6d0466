"""Variants of a sweep: grid products, ranges, patches, and findings at the op that made them."""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.loading.pipeline import validate
from cskh_org.loading.sweep import SweepResult, load_sweep_text
from cskh_org.loading.workload import load_workload
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.sweeps.variants import PatchError, apply_op, expand

EXAMPLE = "examples/growing/"


@cache
def documents() -> tuple[Department, Workload]:
    department = validate(EXAMPLE + "department.yaml").unwrap()
    return department, load_workload(EXAMPLE + "workload.yaml", department).unwrap()


def run(text: str) -> tuple[SweepResult, Any, Any]:
    loaded = load_sweep_text(text, name="sweep.yaml")
    assert loaded.ok(), [f.format() for f in loaded.findings]
    department, workload = documents()
    specs, findings = expand(loaded.unwrap(), department, workload, located=loaded.locate)
    return loaded, specs, findings


GRID = """\
version: 1
id: sizes
grid:
  - name: support_agents
    department: {op: replace, path: /units/support/staff/1/headcount}
    values: [2, 3]
  - name: growth
    workload: {op: multiply, path: /streams/*/rate}
    range: {from: 1.0, to: 1.4, step: 0.1}
"""


def test_grid_is_the_product_with_exact_range_values() -> None:
    _, specs, findings = run(GRID)
    assert [f for f in findings if f.severity.is_error] == []
    ids = [s.id for s in specs]
    assert ids[0] == "base"
    assert len(ids) == 1 + 2 * 5
    assert "support_agents=2,growth=1.1" in ids
    assert "support_agents=3,growth=1.4" in ids
    growths = sorted({s.params["growth"] for s in specs if s.params})
    assert growths == [Decimal(x) for x in ("1.0", "1.1", "1.2", "1.3", "1.4")]


def test_multiply_every_stream_rate_and_replace_headcount() -> None:
    _, specs, _ = run(GRID)
    _, workload = documents()
    by_id = {s.id: s for s in specs}
    spec = by_id["support_agents=2,growth=1.2"]
    for old, new in zip(workload.streams, spec.workload.streams, strict=True):
        assert abs(float(new.rate) - float(old.rate) * 1.2) < 1e-9
    staff = spec.department.units_by_id["support"].staff[1]
    assert staff.headcount == 2
    assert by_id["base"].department is documents()[0]
    assert spec.key() != by_id["support_agents=3,growth=1.2"].key()


def test_bad_path_is_located_at_the_op_with_a_suggestion() -> None:
    text = """\
version: 1
id: bad
variants:
  - id: typo
    department:
      - {op: replace, path: /units/suport/staff/0/headcount, value: 2}
  - id: missing_field
    department:
      - {op: replace, path: /units/support/nope, value: 2}
  - id: out_of_range
    department:
      - {op: replace, path: /units/support/staff/99/headcount, value: 2}
"""
    _, specs, findings = run(text)
    assert [s.id for s in specs] == ["base"]
    by_line = {f.location.line: f for f in findings if f.location}
    assert set(by_line) == {6, 9, 12}
    assert all(f.code == "sweep-bad-path" for f in findings)
    assert "`support`" in by_line[6].message
    assert "did you mean" in by_line[6].message
    assert "variant `typo`" in by_line[6].message
    assert "phương án `typo`" in by_line[6].message_vi
    assert "nope" in by_line[9].message
    assert "99" in by_line[12].message
    assert str(by_line[6].location).startswith("sweep.yaml:6:")


def test_duplicate_ids_are_findings() -> None:
    text = """\
version: 1
id: dup
variants:
  - id: a
  - id: a
  - id: base
"""
    _, specs, findings = run(text)
    assert [s.id for s in specs] == ["base", "a"]
    assert sorted(f.location.line for f in findings if f.location) == [5, 6]
    assert all(f.code == "sweep-duplicate-id" for f in findings)


def test_invalid_department_points_at_the_op() -> None:
    text = """\
version: 1
id: removed
base: false
variants:
  - id: no_online
    department:
      - {op: remove, path: /units/online_care}
  - id: no_rule
    department:
      - {op: remove, path: /routing/rules/vip_complaint}
"""
    _, specs, findings = run(text)
    assert [s.id for s in specs] == ["no_rule"]
    errors = [f for f in findings if f.severity.is_error]
    assert errors
    assert {f.location.line for f in errors if f.location} == {7}
    assert all(f.message.startswith("variant `no_online`: ") for f in errors)
    assert all(f.message_vi.startswith("phương án `no_online`: ") for f in errors)
    rules = [r.id for r in specs[0].department.routing.rules]
    assert "vip_complaint" not in rules


def test_too_many_variants() -> None:
    text = """\
version: 1
id: huge
grid:
  - name: a
    department: {op: replace, path: /units/support/staff/1/headcount}
    range: {from: 1, to: 200, step: 1}
  - name: b
    workload: {op: multiply, path: /streams/*/rate}
    range: {from: 1, to: 2, step: 0.01}
"""
    _, specs, findings = run(text)
    assert specs == ()
    assert [f.code for f in findings] == ["sweep-too-many"]
    assert findings[0].location is not None
    assert findings[0].location.line == 4


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_replace_then_inverse_replace_is_identity(data: st.DataObject) -> None:
    department, _ = documents()
    original = department.model_dump(mode="json", by_alias=True)
    doc = copy.deepcopy(original)
    units = [u["id"] for u in original["units"]]
    unit = data.draw(st.sampled_from(units))
    staff = next(u for u in original["units"] if u["id"] == unit)["staff"]
    index = data.draw(st.integers(0, len(staff) - 1))
    field = data.draw(st.sampled_from(["headcount", "fte", "role"]))
    path = f"/units/{unit}/staff/{index}/{field}"
    old = staff[index][field]
    new = data.draw(st.one_of(st.integers(0, 100), st.text(max_size=5), st.none()))
    apply_op(doc, "replace", path, new)
    assert doc["units"][units.index(unit)]["staff"][index][field] == new
    apply_op(doc, "replace", path, old)
    assert doc == original


def test_remove_every_item_and_bad_multiply() -> None:
    doc: dict[str, Any] = {"a": [{"id": "x", "n": 1}, {"id": "y", "n": "s"}]}
    with pytest.raises(PatchError) as caught:
        apply_op(doc, "multiply", "/a/*/n", Decimal(2))
    assert "number" in caught.value.reason.en
    apply_op(doc, "remove", "/a/*")
    assert doc == {"a": []}
