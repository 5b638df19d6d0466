"""The routing section alone (`cskh_org.load_routing`): the full load's routing findings, at
the same places, from a load that reads neither the budget nor the staff of other units."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

import cskh_org
from cskh_org.errors import DocumentInvalid, UsageError
from cskh_org.findings import Finding, Location
from cskh_org.loading import RoutingResult, validate, validate_routing, validate_routing_text
from cskh_org.loading.includes import may_hold
from cskh_org.loading.sections import section_of
from cskh_org.loading.source import Limits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DOCUMENTS = sorted(
    p
    for p in [*EXAMPLES.glob("*/department.yaml"), *EXAMPLES.glob("invalid/*.yaml")]
    if "workload" not in p.name
)

DEPARTMENT = """\
version: 1
include: [routing.yaml, budget.yaml]
id: shop
name: {vi: Cửa hàng, en: Shop}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: agent, title: {en: Agent}, level: 1, skills: [zalo], monthly_cost: 9000000 VND}
units:
  - id: care
    name: {vi: Chăm sóc, en: Care}
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone, chat]
    staff: [{role: agent, headcount: 2}]
  - id: billing
    name: {en: Billing}
    parent: care
    channels: [phone]
    staff: [{role: agent, headcount: 0}]
  - id: quiet
    name: {en: Quiet}
    parent: care
    functions: [support]
    staff: [{role: agent, headcount: QUIET}]
ticket_schema:
  attributes:
    channel: {type: enum, required: true, values: [phone, chat]}
    category: {type: enum, values: [question, complaint]}
    amount: {type: number, minimum: 0}
"""

ROUTING = """\
# the rules (a comment)
routing:
  rules:
    - id: phone
      when: {channel: phone}
      to: care
    - id: phone_again
      when: {channel: phone, category: question}
      to: {unit: care, skills: [zalo, phone_skill]}
    - id: never
      when: {all: [{amount: {gt: 10}}, {amount: {lt: 5}}]}
      to: billing
    - id: typo
      when: {chanel: chat}
      to: bilingg
    - id: phone
      when: {category: complaint}
      when: {category: question}
      to: billing
  default: care
  unrouted_functions: [sales, sales, nosuch]
"""

BUDGET = "budget:\n  fiscal_year: 2027\n"


def _write(folder: Path, *, quiet: str = "1", budget: str = BUDGET) -> Path:
    (folder / "department.yaml").write_text(DEPARTMENT.replace("QUIET", quiet), "utf-8")
    (folder / "routing.yaml").write_text(ROUTING, "utf-8")
    (folder / "budget.yaml").write_text(budget, "utf-8")
    return folder / "department.yaml"


def _routing_part(findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings of the routing section and of the whole document (no path)."""
    return [f for f in findings if section_of(f) in ("routing", None)]


def _where(findings: list[Finding]) -> set[tuple[str, str, int, int]]:
    out = set()
    for f in findings:
        assert f.location is not None
        out.add((f.code, Path(f.location.file).name, f.location.line, f.location.column))
    return out


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_examples_have_the_full_loads_routing_findings(path: Path) -> None:
    full = validate(path)
    alone = validate_routing(path)
    assert _routing_part(alone.findings) == _routing_part(full.findings)
    if full.department is not None and alone.routing is not None:
        assert alone.routing == full.department.routing
        assert alone.ticket_schema == full.department.ticket_schema


def test_hostile_rules_are_found_where_the_full_load_finds_them(tmp_path: Path) -> None:
    path = _write(tmp_path)
    full = validate(path)
    alone = validate_routing(path)
    assert _routing_part(alone.findings) == _routing_part(full.findings)
    assert _where(_routing_part(alone.findings)) == {
        ("rule-shadowed", "routing.yaml", 8, 13),
        ("route-skill-missing", "routing.yaml", 9, 32),
        ("rule-unsatisfiable", "routing.yaml", 11, 13),
        ("route-unit-unstaffed", "routing.yaml", 12, 11),
        ("rule-unknown-attribute", "routing.yaml", 14, 22),
        ("unknown-unit", "routing.yaml", 15, 11),
        ("rule-duplicate-id", "routing.yaml", 16, 11),
        ("duplicate-key", "routing.yaml", 18, 7),
        ("route-unit-unstaffed", "routing.yaml", 19, 11),
        ("route-channel-not-served", "routing.yaml", 19, 11),
        ("routing-fallthrough", "routing.yaml", 20, 12),
        ("duplicate-entry", "routing.yaml", 21, 31),
        ("unknown-function", "routing.yaml", 21, 38),
    }
    unknown = next(f for f in alone.findings if f.code == "unknown-unit")
    assert "billing" in unknown.message  # did you mean, over the unit ids as written
    assert alone.skipped == (tmp_path / "budget.yaml",)
    assert set(alone.files) == {path, tmp_path / "routing.yaml", tmp_path / "budget.yaml"}


def test_a_function_no_rule_reaches_is_found(tmp_path: Path) -> None:
    path = _write(tmp_path)
    text = ROUTING.replace("    - id: typo\n      when: {chanel: chat}\n      to: bilingg\n", "")
    (tmp_path / "routing.yaml").write_text(
        text.replace("[sales, sales, nosuch]", "[]")
        .replace("default: care", "default: billing")
        .replace("      to: care\n", "      to: billing\n"),
        "utf-8",
    )
    full = validate(path)
    alone = validate_routing(path)
    assert _routing_part(alone.findings) == _routing_part(full.findings)
    assert "function-unrouted" in {f.code for f in alone.findings}


def test_only_the_routed_units_are_built(tmp_path: Path) -> None:
    """An error in a unit no rule sends tickets to is the full load's, not this one's."""
    path = _write(tmp_path, quiet="-1")
    full = validate(path)
    assert full.department is None
    assert [f.code for f in full.findings if section_of(f) == "org"] == ["invalid-value"]
    alone = validate_routing(path)
    assert not [f for f in alone.findings if section_of(f) == "org"]
    assert alone.routing is not None
    assert set(alone.units) == {"care", "billing"}
    # an error in a routed unit is found, at the full load's place with its words
    broken = DEPARTMENT.replace("QUIET", "1").replace("headcount: 0", "headcount: -1")
    (tmp_path / "department.yaml").write_text(broken, "utf-8")
    org = [f for f in validate(path).findings if section_of(f) == "org"]
    assert [f for f in validate_routing(path).findings if section_of(f) == "org"] == org
    assert org[0].location == Location(str(path), 19, 38)


def test_a_file_that_cannot_hold_routing_is_not_read(tmp_path: Path) -> None:
    path = _write(tmp_path, budget="budget: {fiscal_year: 2027\n")
    assert "yaml-syntax" in {f.code for f in validate(path).findings}
    alone = validate_routing(path)
    assert "yaml-syntax" not in {f.code for f in alone.findings}
    assert alone.skipped == (tmp_path / "budget.yaml",)


def test_routing_in_an_escaped_key_is_still_read(tmp_path: Path) -> None:
    """A key written with an escape does not show its letters: such a file is parsed."""
    path = _write(tmp_path)
    (tmp_path / "routing.yaml").write_text(BUDGET, "utf-8")
    escaped = ROUTING.replace("# the rules (a comment)\n", "").replace("routing:", '"\\x72outing":')
    (tmp_path / "budget.yaml").write_text(escaped, "utf-8")
    alone = validate_routing(path)
    assert alone.skipped == (tmp_path / "routing.yaml",)  # now a budget: not read
    assert alone.routing is not None
    assert len(alone.routing.rules) == 5
    assert _routing_part(alone.findings) == _routing_part(validate(path).findings)


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        (b"budget: {fiscal_year: 2027}\n", False),
        (b"# routing lives elsewhere\nbudget: {}\n", True),  # a comment: parsed, harmless
        (b'"rout\\\n  ing": {}\n', True),  # an escaped line break joins the key's letters
        (b"include: [more.yaml]\n", True),
        (b"units: []\n", True),
    ],
)
def test_may_hold(tmp_path: Path, text: bytes, holds: bool) -> None:
    file = tmp_path / "part.yaml"
    file.write_bytes(text)
    keys = (b"routing", b"units", b"include")
    assert may_hold(file, keys, Limits()) is holds
    assert may_hold(tmp_path / "missing.yaml", keys, Limits())  # read_source says why


def test_load_routing_gives_what_a_router_is_built_from() -> None:
    path = EXAMPLES / "small" / "department.yaml"
    document = cskh_org.load_routing(path)
    department = cskh_org.load(path)
    assert document.routing == department.routing
    assert document.ticket_schema == department.ticket_schema
    assert document.department == department.id
    assert set(document.units) == {"cskh"}
    assert document.unit_name("cskh", "en") == "Customer care desk"
    assert document.unit_name("nowhere") == "nowhere"
    ticket = {"channel": "phone", "category": "complaint"}
    assert document.router().route(ticket) == department.router().route(ticket)
    assert [f.code for f in document.findings] == ["routing-fallthrough"]


def test_errors_and_strict(tmp_path: Path) -> None:
    path = _write(tmp_path)
    with pytest.raises(DocumentInvalid) as caught:
        cskh_org.load_routing(path)
    assert "unknown-unit" in {f.code for f in caught.value.findings}
    warned = EXAMPLES / "invalid" / "route-channel-not-served.yaml"
    assert cskh_org.load_routing(warned).findings
    with pytest.raises(DocumentInvalid):
        cskh_org.load_routing(warned, strict=True)


def test_loads_routing_and_no_section() -> None:
    text = (EXAMPLES / "small" / "department.yaml").read_text("utf-8")
    document = cskh_org.loads_routing(text, name="shop.yaml")
    assert document.routing.default.unit == "cskh"
    assert document.findings[0].location is not None
    assert document.findings[0].location.file == "shop.yaml"
    without = text.split("\nrouting:")[0] + "\n"
    result = validate_routing_text(without)
    assert isinstance(result, RoutingResult)
    assert result.ok()
    assert result.routing is None
    with pytest.raises(UsageError) as caught:
        cskh_org.loads_routing(without)
    assert "dien_may_minh_an" in str(caught.value)


def test_a_document_that_does_not_parse(tmp_path: Path) -> None:
    result = validate_routing_text(textwrap.dedent("routing: [\n"))
    assert not result.ok()
    assert result.routing is None
    assert [f.code for f in result.findings] == ["yaml-syntax"]
    with pytest.raises(DocumentInvalid):
        result.unwrap()


def test_the_generated_department(tmp_path: Path) -> None:
    """`benchmarks/bench_scale.py`'s department, small: the same findings and decisions,
    the budget, SLA and escalation files not read, and the routed units alone built."""
    from benchmarks.bench_scale import write_case

    case = write_case(
        tmp_path, units=200, staff_lines=1_000, rules=60, steps=20, policies=8, budget_lines=2
    )
    full = validate(case.department)
    alone = validate_routing(case.department)
    assert _routing_part(alone.findings) == _routing_part(full.findings)
    assert {p.name for p in alone.skipped} == {"escalation.yaml", "sla.yaml", "budget.yaml"}
    department = full.unwrap()
    document = alone.unwrap()
    assert document.routing == department.routing
    assert department.routing is not None
    routed = {r.to.unit for r in department.routing.rules} | {department.routing.default.unit}
    assert set(document.units) == routed
    assert len(routed) < len(department.units)
    ticket = json.loads(case.ticket)
    assert document.router().route(ticket) == department.router().route(ticket)
