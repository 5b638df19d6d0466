"""Loading roster rules: the model's refusals and the checks against the department, each a
located finding with a stable code, in both languages."""

from __future__ import annotations

import textwrap

import pytest

from cskh_org.errors import DocumentInvalid
from cskh_org.loading.roster import load_rules_text
from cskh_org.model.roster import agent_ids
from tests.rosters.support import department

GOOD = """\
department: desk
start: 2027-06-07
units:
  - unit: care
    templates:
      - {id: early, start: "06:00", end: "14:00"}
"""


def _findings(text: str, **dept: object) -> list[tuple[str, str]]:
    d = department(**dept)  # type: ignore[arg-type]
    result = load_rules_text(textwrap.dedent(text), d, name="roster.yaml")
    return [(f.code, str(f.location)) for f in result.findings]


def test_good_rules_load_with_the_defaults() -> None:
    d = department(agents=2)
    rules = load_rules_text(GOOD, d, name="roster.yaml").unwrap()
    assert (rules.weeks, rules.interval) == (1, 30)
    assert float(rules.limits.rest_between_shifts) == 12
    assert rules.solver.seed == 0
    assert agent_ids(d, "care") == ["care/agent#1", "care/agent#2"]


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        (GOOD.replace("2027-06-07", "2027-06-08"), "invalid-value", "roster.yaml:2:8"),
        (
            GOOD.replace('end: "14:00"', 'hours: 8, end: "14:00"'),
            "invalid-value",
            "roster.yaml:6:9",
        ),
        (GOOD + "weeks: 7\n", "invalid-value", "roster.yaml:7:8"),
        (GOOD + "shifts: []\n", "unknown-key", "roster.yaml:7:1"),
        (GOOD + "department: desk\n", "duplicate-key", "roster.yaml:7:1"),
        (GOOD.replace("unit: care", "unit: caer"), "roster-unknown-unit", "roster.yaml:4:11"),
        (
            GOOD.replace("department: desk", "department: other"),
            "roster-department-mismatch",
            "roster.yaml:1:13",
        ),
        (
            GOOD.replace("    templates:", "    shifts: [morning]\n    templates:"),
            "roster-unknown-shift",
            "roster.yaml:5:14",
        ),
        (
            GOOD.replace('end: "14:00"', 'end: "16:00"'),
            "roster-template-too-long",
            "roster.yaml:6:9",
        ),
        (
            GOOD + "days_off: [{agent: care/agent#3, weekdays: [mon]}]\n",
            "roster-unknown-agent",
            "roster.yaml:7:20",
        ),
        (
            GOOD + "days_off: [{agent: care/agent#1, dates: [2027-07-01]}]\n",
            "roster-date-outside",
            "roster.yaml:7:42",
        ),
        (
            GOOD.replace("    templates:", "    minimum: 3\n    templates:"),
            "roster-minimum-unreachable",
            "roster.yaml:5:14",
        ),
    ],
)
def test_a_problem_is_a_located_finding(text: str, code: str, where: str) -> None:
    assert (code, where) in _findings(text, agents=2)


def test_errors_refuse_the_rules_and_warnings_do_not() -> None:
    d = department(agents=2)
    bad = load_rules_text(GOOD.replace("unit: care", "unit: caer"), d, name="roster.yaml")
    with pytest.raises(DocumentInvalid):
        bad.unwrap()
    long = load_rules_text(GOOD.replace('end: "14:00"', 'end: "16:00"'), d, name="roster.yaml")
    assert long.ok()
    (finding,) = long.findings
    assert "10 paid hours" in finding.message
    assert finding.message_vi
    assert finding.message_vi != finding.message
