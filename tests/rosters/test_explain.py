"""An infeasible roster is answered with the rules that clash, where each is written and
what dropping it would give, never a bare solver status."""

from __future__ import annotations

import textwrap

from cskh_org.loading import validate_text
from cskh_org.loading.roster import load_rules_text
from cskh_org.rosters import Roster, RosterMarks, Status, build_roster
from tests.rosters.support import ALL_DAY, DEPARTMENT

TWENTY_FOUR_SEVEN = """\
department: desk
start: 2027-06-07
interval: 60
{limits}
units:
  - unit: care
    minimum: 1
    templates:
      - {{id: day, start: "07:00", end: "19:00"}}
      - {{id: night, start: "19:00", end: "07:00"}}
"""


def _solve(*, rest: int = 1, days: int = 6, limits: str = "") -> Roster:
    text = DEPARTMENT.format(
        agents=2,
        per_day=12,
        per_week=48,
        rest=rest,
        contract_hours=48,
        contract_days=days,
        week=ALL_DAY,
    )
    dept_loaded = validate_text(text, name="dept.yaml")
    dept = dept_loaded.unwrap()
    loaded = load_rules_text(
        textwrap.dedent(TWENTY_FOUR_SEVEN.format(limits=limits)), dept, name="roster.yaml"
    )
    rules = loaded.unwrap()
    marks = RosterMarks(rules=loaded, department=dept_loaded)
    return build_roster(dept, rules, {}, marks=marks, time_limit=5, seed=0, workers=1)


def test_two_agents_cannot_keep_a_24_7_desk_open() -> None:
    roster = _solve()
    assert roster.status is Status.INFEASIBLE
    assert roster.assignments == ()
    rules = {c.rule for c in roster.conflicts}
    assert "minimum-cover" in rules
    assert rules & {"rest-days", "hours-per-week"}
    for c in roster.conflicts:
        assert c.place is not None
        assert c.message["en"]
        assert c.message["vi"] != c.message["en"]
        # minimal: without any one of them, these rules no longer clash
        assert "feasible" in c.message["en"] or "clash goes" in c.message["en"]
    cover = next(c for c in roster.conflicts if c.rule == "minimum-cover")
    assert cover.place == "roster.yaml:7:14"  # units[0].minimum
    assert cover.subject == "care"
    limit = next(c for c in roster.conflicts if c.rule in {"rest-days", "hours-per-week"})
    assert limit.place is not None
    assert limit.place.startswith("dept.yaml:21:")  # working_time.limits


def test_without_rest_days_the_weekly_limit_is_named() -> None:
    roster = _solve(rest=0, days=7)
    assert roster.status is Status.INFEASIBLE
    named = [c for c in roster.conflicts if c.rule == "hours-per-week"]
    # one agent's limit is enough: the other works at most 12 h a day anyway
    assert len(named) == 1
    assert named[0].subject in {"care/agent#1", "care/agent#2"}
    for c in named:
        assert c.place is not None
        assert c.place.startswith("dept.yaml:21:")
        assert "48-hour weekly limit" in c.message["en"]
    covers = [c for c in roster.conflicts if c.rule == "minimum-cover"]
    # 48 h is four 12-hour shifts: the fifth day the other agent cannot fill alone breaks it
    assert len(covers) == 5
    assert "without it this clash goes, with 12 h over the limit" in named[0].message["en"]
