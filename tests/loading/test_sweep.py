"""Loading a sweep file: located findings, every one reported, hostile YAML refused."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from cskh_org.errors import DocumentInvalid
from cskh_org.loading.source import Limits, parse_text
from cskh_org.loading.sweep import load_sweep, load_sweep_text
from cskh_org.serialize import SCHEMA_KINDS, sweep_json_schema

FULL = """\
version: 1
id: support_sizes
replications: 10
days: 7
seed: 0
base: true
grid:
  - name: support_agents
    department: {op: replace, path: /units/support/staff/1/headcount}
    values: [3, 4, 5]
  - name: growth
    workload: {op: multiply, path: /streams/*/rate}
    range: {from: 1.0, to: 1.4, step: 0.1}
variants:
  - id: no_vip_rule
    department:
      - {op: remove, path: /routing/rules/vip_accounts}
select:
  minimize: staff_cost_month
  subject_to:
    - {kpi: overall/sla.first_response, at_least: 0.8}
    - {kpi: overall/abandonment, at_most: 0.05}
  indifference: 0.01
  tolerance: 0.005
  confidence: 0.95
  first: 10
  most: 100
"""


def test_the_issue_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "sweep.yaml"
    path.write_text(FULL, "utf-8")
    loaded = load_sweep(path)
    assert loaded.findings == ()
    sweep = loaded.unwrap()
    assert [p.name for p in sweep.grid] == ["support_agents", "growth"]
    assert len(sweep.grid[1].all_values()) == 5
    assert sweep.select is not None
    assert sweep.select.minimize == "staff_cost_month"
    assert loaded.locate(("variants", 0, "department", 0)) is not None


def test_every_finding_is_located() -> None:
    text = """\
version: 1
id: bad
replications: 0
surprise: 1
grid:
  - name: a
    department: {op: replace, path: /x}
    workload: {op: replace, path: /y}
    values: [1]
variants:
  - id: v
    department:
      - {op: multiply, path: /units/support/staff/0/headcount}
"""
    loaded = load_sweep_text(text, name="sweep.yaml")
    assert not loaded.ok()
    lines = sorted(f.location.line for f in loaded.findings if f.location)
    assert len(lines) == len(loaded.findings)
    assert {3, 4, 6, 13} <= set(lines)
    with pytest.raises(DocumentInvalid):
        loaded.unwrap()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("version: 1\nid: a\nid: b\n", "duplicate-key"),
        ("version: 1\nid: a\nseed: " + "9" * 400 + "\n", "number-too-large"),
        ("", "empty-document"),
        ("- 1\n", "not-a-mapping"),
    ],
)
def test_hostile_yaml_is_refused(text: str, code: str) -> None:
    loaded = load_sweep_text(text, name="sweep.yaml")
    assert not loaded.ok()
    assert code in {f.code for f in loaded.findings}
    assert all(f.location is not None for f in loaded.findings)


def test_the_schema_is_a_kind_and_accepts_the_loaders_documents() -> None:
    assert "sweep" in SCHEMA_KINDS
    validator = jsonschema.Draft202012Validator(sweep_json_schema())
    data = parse_text(FULL, "sweep.yaml", Limits()).data
    assert list(validator.iter_errors(data)) == []
    bad = parse_text("version: 1\nid: x\nsurprise: 1\n", "s.yaml", Limits()).data
    assert list(validator.iter_errors(bad))
    committed = Path(__file__).resolve().parents[2] / "docs/schema/sweep.schema.json"
    assert committed.read_text("utf-8") == SCHEMA_KINDS["sweep"]()


@pytest.mark.parametrize(
    "op",
    [
        "{op: replace, path: /a, value: 1}",
        "{op: replace, path: /a}",
        "{op: remove, path: /a}",
        "{op: remove, path: /a, value: 1}",
        "{op: multiply, path: /a, factor: 1.1}",
        "{op: multiply, path: /a}",
        "{op: multiply, path: /a, value: 2, factor: 2}",
        "{op: add, path: /a/-, value: {id: x}}",
    ],
)
def test_the_schema_and_the_loader_agree_on_operands(op: str) -> None:
    text = f"version: 1\nid: s\nvariants:\n  - id: v\n    department:\n      - {op}\n"
    validator = jsonschema.Draft202012Validator(sweep_json_schema())
    data = parse_text(text, "s.yaml", Limits()).data
    assert load_sweep_text(text).ok() == (not list(validator.iter_errors(data)))
