"""The bundled examples, the starter templates and the invalid cases, through the real command.

Every ``examples/**/department.yaml`` and every starter template validates clean, also with
``--strict``. Every case in ``examples/invalid/`` starts with a header comment::

    # expect: <code> [<file>:]<line>:<col> [strict]

naming the finding the case must produce and where it is written (1-based). ``<file>``,
relative to the case, is given when the finding is in a helper file the case includes;
``strict`` marks a warning-level case, which fails only with ``--strict``. Helper files live
in subfolders and are not cases themselves.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from cskh_org.loading import validate
from cskh_org.model import BUILTIN_FUNCTIONS, Department, FrozenMap, LocalizedText
from cskh_org.model.working_time import minutes_of
from cskh_org.working_time import line_calendar
from tests.conftest import EXAMPLES, ROOT, RunCli

INVALID = EXAMPLES / "invalid"
DOCUMENTS = sorted(p for p in EXAMPLES.glob("**/department.yaml") if not p.is_relative_to(INVALID))
# The departments; each template's workload (`SIZE.workload.yaml`) is validated against its
# department after `init` writes both (tests/test_starter.py).
TEMPLATES = sorted(
    p for p in (ROOT / "cskh_org" / "templates").glob("*.yaml") if ".workload" not in p.suffixes
)
HEADER = re.compile(
    r"# expect: (?P<code>[a-z0-9-]+) (?:(?P<file>\S+):)?(?P<line>[0-9]+):(?P<column>[0-9]+)"
    r"(?P<strict> strict)?"
)
REQUIRED_CODES = frozenset(
    [
        "yaml-syntax",
        "duplicate-key",
        "yaml-tag",
        "yaml-merge-key",
        "encoding",
        "unknown-key",
        "missing-field",
        "invalid-id",
        "invalid-currency",
        "invalid-timezone",
        "invalid-money",
        "invalid-value",
        "duplicate-id",
        "unknown-unit",
        "unknown-role",
        "unknown-function",
        "unknown-person",
        "unknown-external",
        "unknown-calendar",
        "unknown-channel",
        "org-cycle",
        "org-root",
        "head-not-in-unit",
        "function-uncovered",
        "person-over-allocated",
        "include-escape",
        "include-cycle",
        "include-conflict",
        "yaml-too-deep",
        "span-of-control",
        "unit-without-staff",
        "waiver-unneeded",
        "function-unused",
        "rule-shadowed",
        "rule-unsatisfiable",
        "rule-unknown-attribute",
        "rule-unknown-value",
        "rule-type-mismatch",
        "rule-duplicate-id",
        "routing-priority",
        "route-channel-not-served",
        "route-skill-missing",
        "route-unit-unstaffed",
        "function-unrouted",
        "sla-policy-shadowed",
        "sla-policy-unsatisfiable",
        "sla-no-target",
        "sla-no-calendar",
        "sla-calendar-never-open",
        "sla-target-unmeetable",
        "sla-target-beyond-calendar",
        "sla-escalation-closed",
        "escalation-cycle",
        "escalation-dead-end",
        "escalation-not-upward",
        "escalation-not-partner",
        "escalation-target-unstaffed",
        "escalation-handoffs",
        "escalation-trigger-value",
        "escalation-sla-trigger",
        "escalation-partner-unused",
        "escalation-step-duplicate-id",
        "budget-staff-over-cap",
        "budget-unit-over-cap",
        "budget-category-over-cap",
        "budget-total-over-cap",
        "budget-precision",
        "budget-currency-mismatch",
        "role-cost-currency",
        "budget-date-outside-year",
        "budget-approval-order",
        "budget-separation-of-duties",
        "budget-history",
        "budget-no-approval",
        "number-too-large",
        "ambiguous-number",
        "duplicate-entry",
        "name-lookalike",
        "name-mixed-script",
    ]
)
WARNING_CODES = frozenset(
    {
        "span-of-control",
        "unit-without-staff",
        "waiver-unneeded",
        "function-unused",
        "route-channel-not-served",
        "function-unrouted",
        "sla-no-target",
        "escalation-handoffs",
        "escalation-partner-unused",
        "sla-escalation-closed",
        "budget-no-approval",
        "duplicate-entry",
        "name-lookalike",
        "name-mixed-script",
    }
)


@dataclass(frozen=True)
class Case:
    """An invalid example and the finding its header promises."""

    path: Path
    code: str
    file: Path
    line: int
    column: int
    strict: bool


def _first_line(path: Path) -> str:
    return path.read_bytes().split(b"\n", 1)[0].decode("ascii", "replace").rstrip("\r")


def _cases() -> list[Case]:
    cases = []
    for path in sorted(INVALID.glob("*.yaml")):
        match = HEADER.fullmatch(_first_line(path))
        if match is None:
            continue
        cases.append(
            Case(
                path=path,
                code=match["code"],
                file=(path.parent / (match["file"] or path.name)).resolve(),
                line=int(match["line"]),
                column=int(match["column"]),
                strict=bool(match["strict"]),
            )
        )
    return cases


CASES = _cases()


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _report(run_cli: RunCli, path: Path, *, strict: bool) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and findings of ``cskh-org validate --format json`` on one file."""
    args = ["validate", "--format", "json", *(["--strict"] if strict else []), _rel(path)]
    result = run_cli(args)
    assert result.code in (0, 1), result.err
    report = json.loads(result.out)
    assert report["strict"] is strict
    [entry] = report["files"]
    findings: list[dict[str, Any]] = entry["findings"]
    return result.code, findings


def _failing(findings: list[dict[str, Any]]) -> list[str]:
    return [
        f"{f['file']}:{f['line']}:{f['column']}: {f['severity']}[{f['code']}]: {f['message']}"
        for f in findings
        if f["severity"] in ("error", "warning")
    ]


# -- valid documents ---------------------------------------------------------------------------


def test_the_three_examples_exist() -> None:
    """The small, growing and large examples are bundled, each as `department.yaml`."""
    names = {p.parent.name for p in DOCUMENTS}
    assert {"small", "growing", "large"} <= names


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("path", DOCUMENTS + TEMPLATES, ids=_rel)
def test_valid_document_passes(run_cli: RunCli, path: Path, strict: bool) -> None:
    """An example or starter template validates with exit 0 and no error or warning."""
    code, findings = _report(run_cli, path, strict=strict)
    assert _failing(findings) == []
    assert code == 0


@pytest.mark.parametrize("path", DOCUMENTS, ids=_rel)
def test_every_example_staff_line_states_its_hours(path: Path) -> None:
    """Every staff line of an example names a contract, and works shifts when its calendar
    opens longer than a working day on some day: the simulation counts the hours people
    work, not every opening of the calendar (`staff-hours-unstated` is the warning)."""
    dept = validate(path).unwrap(strict=True)
    calendars = {c.id: c for c in dept.calendars}
    day_limit = int(dept.working_limits.hours_per_day * 60)
    for unit in dept.units:
        for line in unit.staff:
            where = f"{unit.id}/{line.role}"
            assert line.contract in dept.contracts_by_id, where
            calendar = calendars[line_calendar(dept, unit, line) or ""]
            longest = max(
                sum(minutes_of(r[6:]) - minutes_of(r[:5]) for r in hours)
                for hours in calendar.week.values()
            )
            if longest > day_limit:
                assert line.shifts, where


def test_templates_exist_for_every_size() -> None:
    """There is one starter template per size `cskh-org init` offers."""
    assert [p.stem for p in TEMPLATES] == ["growing", "large", "small"]


def test_growing_example_is_split_with_include() -> None:
    """The growing example merges roles and units from files it includes."""
    path = EXAMPLES / "growing" / "department.yaml"
    result = validate(path)
    dept = result.unwrap(strict=True)
    assert {"roles.yaml", "units.yaml"} <= set(dept.include)
    own_text = path.read_text("utf-8")
    assert not re.search(r"^(roles|units):", own_text, re.MULTILINE)
    unit = result.locate(("units", 0, "id"))
    assert unit is not None
    assert Path(unit.file).name == "units.yaml"
    assert len(dept.units) >= 3
    assert dept.roles


def test_examples_carry_a_custom_order_value_attribute() -> None:
    """At least one example defines its own ticket schema with an `order_value` number."""
    with_order_value = [
        p.parent.name
        for p in DOCUMENTS
        if "order_value" in validate(p).unwrap().ticket_schema.attributes
    ]
    assert {"growing", "large"} <= set(with_order_value)


def test_large_example_has_six_teams_under_a_department_head() -> None:
    """The large example has 15-30 units: a top unit with a team per built-in function."""
    dept = validate(EXAMPLES / "large" / "department.yaml").unwrap(strict=True)
    assert 15 <= len(dept.units) <= 30
    [top] = [u for u in dept.units if u.parent is None]
    assert top.head is not None
    teams = dept.children(top.id)
    for function in BUILTIN_FUNCTIONS:
        assert any(team.functions == (function,) for team in teams), function
    assert all(unit.head is not None for unit in dept.units)


_TEXT = get_args(LocalizedText)[0]


def _is_text(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _is_text(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_text(arg) for arg in get_args(annotation))
    return bool(annotation == _TEXT)


def _container_args(annotation: Any) -> tuple[Any, ...]:
    """The item types of the dict, tuple or list inside an annotation."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _container_args(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(annotation):
            if found := _container_args(arg):
                return found
        return ()
    return get_args(annotation) if origin in (dict, FrozenMap, tuple, list) else ()


def _texts(value: Any, annotation: Any, path: str) -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every LocalizedText in a model tree, with its path."""
    if value is None:
        return
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name), info.annotation, f"{path}.{name}")
    elif _is_text(annotation):
        assert isinstance(value, FrozenMap)
        yield path, value
    elif isinstance(value, Mapping):
        item_type = _container_args(annotation)[1]
        for key, item in value.items():
            yield from _texts(item, item_type, f"{path}.{key}")
    elif isinstance(value, tuple | list):
        item_type = _container_args(annotation)[0]
        for i, item in enumerate(value):
            yield from _texts(item, item_type, f"{path}[{i}]")


def test_large_example_is_entirely_in_vietnamese() -> None:
    """Every display text of the large example is given in Vietnamese only."""
    dept = validate(EXAMPLES / "large" / "department.yaml").unwrap(strict=True)
    texts = dict(_texts(dept, Department, "department"))
    not_vi_only = {path: sorted(text) for path, text in texts.items() if set(text) != {"vi"}}
    assert not_vi_only == {}
    assert len(texts) > 100  # names, titles, descriptions, labels: the walk found them all
    assert "department.ticket_schema.attributes.channel.labels.phone" in texts
    with_diacritics = [t["vi"] for t in texts.values() if not t["vi"].isascii()]
    assert len(with_diacritics) > len(texts) // 2
    assert dept.languages == ("vi",)


def test_text_walk_sees_every_language() -> None:
    """The display-text walk finds English texts too, so the Vietnamese test can fail."""
    dept = validate(EXAMPLES / "growing" / "department.yaml").unwrap()
    texts = dict(_texts(dept, Department, "department"))
    assert texts["department.name"] == {
        "vi": "Phòng Chăm sóc khách hàng Bếp Xanh",
        "en": "Bep Xanh customer care",
    }
    assert "department.ticket_schema.attributes.order_value.label" in texts
    assert "department.units[1].description" in texts
    assert "department.roles[0].title" in texts


# -- invalid cases -----------------------------------------------------------------------------


def test_there_are_enough_invalid_cases() -> None:
    """`examples/invalid/` holds at least 25 cases, covering every required finding code."""
    assert len(CASES) >= 25
    missing = REQUIRED_CODES - {case.code for case in CASES}
    assert missing == set()


def test_every_case_header_is_well_formed() -> None:
    """A top-level file with an `# expect:` header names a code, a place and optional `strict`."""
    for path in sorted(INVALID.glob("*.yaml")):
        first = _first_line(path)
        assert first.startswith("# expect:"), f"{path.name}: no `# expect:` header"
        assert HEADER.fullmatch(first), f"{path.name}: malformed header {first!r}"


def test_warning_cases_are_marked_strict() -> None:
    """The warning-level codes are exactly the cases marked `strict`."""
    for case in CASES:
        assert case.strict is (case.code in WARNING_CODES), case.path.name


def test_encoding_case_is_not_utf8() -> None:
    """The encoding case really holds bytes that are not UTF-8 (and an ASCII header)."""
    raw = (INVALID / "encoding.yaml").read_bytes()
    raw.split(b"\n", 1)[0].decode("ascii")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_invalid_case_reports_its_finding(run_cli: RunCli, case: Case) -> None:
    """An invalid case exits 1 with its expected code at its expected file, line and column."""
    code, findings = _report(run_cli, case.path, strict=case.strict)
    places = {
        ((ROOT / f["file"]).resolve(), f["line"], f["column"]): f
        for f in findings
        if f["code"] == case.code
    }
    assert (case.file, case.line, case.column) in places, findings
    finding = places[(case.file, case.line, case.column)]
    assert finding["severity"] == ("warning" if case.strict else "error")
    assert finding["message"]
    assert code == 1


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.strict], ids=[c.path.stem for c in CASES if c.strict]
)
def test_warning_case_passes_without_strict(run_cli: RunCli, case: Case) -> None:
    """A warning-level case exits 0 without `--strict`, still reporting its warning."""
    code, findings = _report(run_cli, case.path, strict=False)
    assert code == 0
    assert [f["code"] for f in findings if f["severity"] == "warning"] == [case.code]
    assert not any(f["severity"] == "error" for f in findings)


def test_integration_example_routes_its_tickets() -> None:
    """examples/integration/route_tickets.py runs and counts the sample tickets per queue."""
    script = EXAMPLES / "integration" / "route_tickets.py"
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert proc.returncode == 0, proc.stderr
    counts = {
        line.split()[0]: int(line.split()[1])
        for line in proc.stdout.splitlines()
        if not line.startswith(" ")
    }
    assert counts == {"after_sales": 4, "online_care": 4, "support": 4}


def test_every_example_routes_with_its_own_router() -> None:
    """Each bundled example has routing rules, and its router agrees with the reference
    evaluator on the witness ticket of every rule the analysis proves reachable."""
    from cskh_org.routing.analysis import Reach, analyse_routing

    for path in DOCUMENTS:
        dept = validate(path).unwrap(strict=True)
        assert dept.routing is not None, path
        router = dept.router()
        analysis = analyse_routing(dept.routing, dept.ticket_schema)
        for verdict in analysis.rules:
            assert verdict.reach is Reach.REACHABLE, (path, verdict)
            assert verdict.witness is not None
            decision = router.route(verdict.witness)
            assert decision.rule == verdict.rule
            assert decision == router.route_reference(verdict.witness)
