"""The bundled workloads and the invalid workload cases.

Every ``examples/<size>/workload.yaml`` validates clean (also strictly) against the
``department.yaml`` beside it. Every case in ``examples/invalid/workload/`` starts with two
header lines::

    # expect: <code> <line>:<col> [strict|info]
    # department: <path of the department, relative to the case>

naming the finding the case must produce, where it is written (1-based), and the department
the workload is checked against; ``strict`` marks a warning-level case, ``info`` a note (it
fails nothing, so the case only shows where it is said).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from cskh_org.checks.capacity import offered_load
from cskh_org.checks.workload import WORKLOAD_CODES
from cskh_org.findings import Severity
from cskh_org.loading import load_workload, validate
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from tests.conftest import EXAMPLES, ROOT

INVALID = EXAMPLES / "invalid" / "workload"
WORKLOADS = sorted(p for p in EXAMPLES.glob("*/workload.yaml"))
EXPECT = re.compile(
    r"# expect: (?P<code>[a-z0-9-]+) (?P<line>[0-9]+):(?P<column>[0-9]+)"
    r"(?:(?P<strict> strict)|(?P<info> info))?"
)
DEPARTMENT = re.compile(r"# department: (?P<path>\S+)")


@dataclass(frozen=True)
class Case:
    """An invalid workload, the department it is written for and the finding it promises."""

    path: Path
    department: Path
    code: str
    line: int
    column: int
    strict: bool
    info: bool


def _cases() -> list[Case]:
    cases = []
    for path in sorted(INVALID.glob("*.yaml")):
        first, second = path.read_text("utf-8").split("\n", 2)[:2]
        expect, department = EXPECT.fullmatch(first), DEPARTMENT.fullmatch(second)
        assert expect, f"{path.name}: malformed `# expect:` line"
        assert department, f"{path.name}: malformed `# department:` line"
        cases.append(
            Case(
                path,
                (path.parent / department["path"]).resolve(),
                expect["code"],
                int(expect["line"]),
                int(expect["column"]),
                bool(expect["strict"]),
                bool(expect["info"]),
            )
        )
    return cases


CASES = _cases()


@cache
def _department(path: Path) -> Department:
    department = validate(path).department
    assert department is not None, path
    return department


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


# -- the examples ------------------------------------------------------------------------------


def test_every_size_has_a_workload() -> None:
    """The small, growing and large examples each carry a `workload.yaml`."""
    assert [p.parent.name for p in WORKLOADS] == ["growing", "large", "small"]


@pytest.mark.parametrize("path", WORKLOADS, ids=_rel)
def test_example_workload_validates_clean(path: Path) -> None:
    """An example workload has no finding at all against the department beside it."""
    department = validate(path.parent / "department.yaml").unwrap(strict=True)
    result = load_workload(path, department)
    assert [str(f) for f in result.findings] == []
    workload = result.unwrap(strict=True)
    assert workload.department == department.id


@pytest.mark.parametrize("path", WORKLOADS, ids=_rel)
def test_example_workload_fits_its_staff(path: Path) -> None:
    """No unit of an example is short of agents in any open hour (`capacity-short`), and
    the first visits alone keep every unit below 85 % of its agents' hours on duty over the
    week: the figures a simulation then shows are ones a manager would plan with."""
    department = validate(path.parent / "department.yaml").unwrap(strict=True)
    workload = load_workload(path, department).unwrap(strict=True)
    loads, left_out = offered_load(workload, department)
    assert left_out == []
    assert loads
    for unit, entry in loads.items():
        short = [
            h for h in range(len(entry.load)) if entry.open[h] and entry.load[h] > entry.agents[h]
        ]
        assert short == [], unit
        assert sum(entry.load) < 0.85 * sum(entry.agents), unit


@pytest.mark.parametrize("path", WORKLOADS, ids=_rel)
def test_example_workload_is_a_realistic_week(path: Path) -> None:
    """An example starts on a Monday of 2027 at +07:00, shapes every stream with a weekly
    profile, waits minutes on the phone and hours on email, and follows up and reopens."""
    workload = load_workload(path, None).unwrap()
    assert isinstance(workload, Workload)
    assert workload.start.year == 2027
    assert workload.start.weekday() == 0
    assert workload.start.utcoffset() == datetime.timedelta(hours=7)
    assert all(s.profile is not None for s in workload.streams)
    minute, hour = datetime.timedelta(minutes=1), datetime.timedelta(hours=1)
    phone = workload.patience["phone"]
    assert hasattr(phone, "mean")
    assert minute <= phone.mean < hour
    if "email" in workload.patience:
        email = workload.patience["email"]
        assert hasattr(email, "mean")
        assert email.mean >= hour
    assert workload.follow_up is not None
    assert workload.reopen is not None
    assert any(b.turnaround is not None for b in workload.holders)
    text = path.read_text("utf-8")
    assert "Rough load" in text
    assert "85%" in text


def test_larger_examples_use_their_partners() -> None:
    """The growing and large workloads send tickets to partners with a day-long turnaround."""
    for size in ("growing", "large"):
        workload = load_workload(EXAMPLES / size / "workload.yaml", None).unwrap()
        technical = next(b for b in workload.holders if b.holder == "technical")
        assert technical.turnaround is not None
        assert any(b.partner > 0 for b in workload.holders)
        assert any(s.id == "complaints" for s in workload.streams)
        assert any("warranty" in s.id for s in workload.streams)
        assert any("loyalty" in s.id for s in workload.streams)


# -- the invalid cases -------------------------------------------------------------------------


def test_every_workload_code_has_a_case() -> None:
    """Each workload finding code, a YAML syntax error and an unknown key have a case."""
    covered = {case.code for case in CASES}
    missing = (set(WORKLOAD_CODES) | {"yaml-syntax", "unknown-key"}) - covered
    assert missing == set()


def test_warning_cases_are_marked_strict() -> None:
    """A case is marked `strict` exactly when its code is a warning, `info` when a note."""
    for case in CASES:
        severity = WORKLOAD_CODES[case.code].severity if case.code in WORKLOAD_CODES else None
        assert case.strict is (severity is Severity.WARNING), case.path.name
        assert case.info is (severity is Severity.INFO), case.path.name


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_invalid_case_reports_its_finding(case: Case) -> None:
    """An invalid case reports its code at its line and column, and fails validation
    (a warning case only when strict; a note never does)."""
    result = load_workload(case.path, _department(case.department))
    places = {
        (f.location.line, f.location.column): f
        for f in result.findings
        if f.code == case.code and f.location is not None
    }
    assert (case.line, case.column) in places, [str(f) for f in result.findings]
    finding = places[(case.line, case.column)]
    assert finding.location is not None
    assert Path(finding.location.file).resolve() == case.path.resolve()
    if case.info:
        assert finding.severity is Severity.INFO
        assert result.ok(strict=True)
        return
    assert finding.severity is (Severity.WARNING if case.strict else Severity.ERROR)
    assert not result.ok(strict=True)
    assert result.ok() is case.strict
