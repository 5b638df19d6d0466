"""The roster as read: the table per week in both languages, CSV rows, JSON back to the same
roster, and the conflicts listed with their places."""

from __future__ import annotations

import csv
import io
import json

from cskh_org.loading.roster import load_rules_text
from cskh_org.report.rosters import conflicts_text, roster_csv, roster_json, roster_text
from cskh_org.rosters import Roster, RosterMarks, Status, build_roster
from tests.rosters.support import department, rules

TEXT = """\
department: desk
start: 2027-06-07
interval: 60
units:
  - unit: care
    templates:
      - {id: early, start: "06:00", end: "14:00"}
"""


def _roster(agents: int = 1) -> Roster:
    need = [0] * (7 * 24)
    for d in range(3):
        need[d * 24 + 8 : d * 24 + 12] = [1] * 4
    return build_roster(department(agents=agents), rules(TEXT), {"care": need}, time_limit=5)


def test_the_table_in_both_languages() -> None:
    roster = _roster()
    en = roster_text(roster, department(), lang="en").splitlines()
    assert en[1] == "optimal; 0 agent-interval(s) short, 24.0 paid hours, gap 0.00 %, seed 0"
    row = next(line for line in en if line.strip().startswith("care/agent#1"))
    assert row.split()[1:4] == ["early", "06:00-14:00", "early"]
    assert row.split()[-1] == "24.0"
    vi = roster_text(roster, department(), lang="vi")
    assert "tối ưu; thiếu 0 người-khoảng, 24,0 giờ" in vi
    assert "T2 07/06" in vi


def test_csv_and_json() -> None:
    roster = _roster()
    rows = list(csv.DictReader(io.StringIO(roster_csv(roster))))
    assert [r["day"] for r in rows] == ["2027-06-07", "2027-06-08", "2027-06-09"]
    assert {r["paid_minutes"] for r in rows} == {"480"}
    assert Roster.from_json(json.loads(roster_json(roster))) == roster


def test_the_conflicts_with_their_places() -> None:
    text = TEXT.replace("    templates:", "    minimum: 1\n    templates:")
    dept = department(agents=1)
    loaded = load_rules_text(text, dept, name="roster.yaml")
    marks = RosterMarks(rules=loaded)
    roster = build_roster(dept, loaded.unwrap(), {}, marks=marks, time_limit=5)
    assert roster.status is Status.INFEASIBLE
    listed = conflicts_text(roster, lang="en").splitlines()
    assert listed[0].endswith("rule(s) clash (drop or relax one of them):")
    assert listed[1].startswith("roster.yaml:6:14: minimum-cover[care]: at least 1 agent(s)")
    assert "quy tắc mâu thuẫn" in conflicts_text(roster, lang="vi")
    assert roster_text(roster, department(), lang="en").splitlines()[1] == "infeasible"
