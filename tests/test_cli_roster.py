"""`cskh-org roster`: the small example's roster from its workload or from what `staff`
wrote, in every format; an infeasible roster answered with its clashing rules (exit 1); clean
refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from cskh_org.rosters import Roster
from tests.conftest import RunCli

SMALL = "examples/small/department.yaml"
WORKLOAD = "examples/small/workload.yaml"
RULES = "examples/small/roster.yaml"


def test_the_small_example_from_its_workload(run_cli: RunCli) -> None:
    ran = run_cli(["roster", SMALL, "--rules", RULES, "--workload", WORKLOAD, "--lang", "en"])
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0] == "Roster of dien_may_minh_an: 2 week(s) from 2027-06-07, 30-minute intervals"
    assert lines[1].startswith("optimal; ")
    hoa = next(line for line in lines if line.strip().startswith("cskh/hoa#1"))
    assert hoa.count("shop 08:00-17:30") == 6
    assert hoa.split()[-1] == "48.0"
    khang = next(line for line in lines if line.strip().startswith("cskh/khang#1"))
    assert khang.count("shop") == 1  # Saturday; not available on weekdays


def test_from_what_staff_wrote_in_csv_and_json(run_cli: RunCli, tmp_path: Path) -> None:
    staff = run_cli(["staff", SMALL, "--workload", WORKLOAD, "--format", "json"])
    assert staff.code == 0, staff.err
    need = tmp_path / "staff.json"
    need.write_text(staff.out, encoding="utf-8")
    args = ["roster", SMALL, "--rules", RULES, "--requirement", str(need), "--weeks", "1"]
    as_json = run_cli([*args, "--format", "json"])
    assert as_json.code == 0, as_json.err
    roster = Roster.from_json(json.loads(as_json.out))
    assert roster.weeks == 1
    assert roster.seed == 0
    from_workload = run_cli(
        [
            "roster",
            SMALL,
            "--rules",
            RULES,
            "--workload",
            WORKLOAD,
            "--weeks",
            "1",
            "--format",
            "json",
        ]
    )
    assert Roster.from_json(json.loads(from_workload.out)).assignments == roster.assignments
    as_csv = run_cli([*args, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.out)))
    assert len(rows) == len(roster.assignments) == 7
    assert rows[0]["start"] == "2027-06-07T08:00:00+07:00"
    assert rows[0]["breaks"] == "2027-06-07T12:00:00+07:00/2027-06-07T13:30:00+07:00"
    out = tmp_path / "roster.csv"
    written = run_cli([*args, "--format", "csv", "-o", str(out)])
    assert written.code == 0, written.err
    assert out.read_text(encoding="utf-8") == as_csv.out


def test_an_infeasible_roster_names_its_rules(run_cli: RunCli, tmp_path: Path) -> None:
    rules = tmp_path / "roster.yaml"
    text = Path(RULES).read_text(encoding="utf-8").replace("minimum: 1 ", "minimum: 2 ")
    rules.write_text(text, encoding="utf-8")
    ran = run_cli(["roster", SMALL, "--rules", str(rules), "--workload", WORKLOAD, "--lang", "en"])
    assert ran.code == 1
    assert "infeasible" in ran.out
    listed = [line for line in ran.out.splitlines() if "minimum-cover[cskh]" in line]
    assert listed
    assert all(line.startswith(f"{rules}:11:") for line in listed)  # units[0].minimum
    assert "day-off[cskh/khang#1]" in ran.out
    as_json = run_cli(
        ["roster", SMALL, "--rules", str(rules), "--workload", WORKLOAD, "--format", "json"]
    )
    assert as_json.code == 1
    assert json.loads(as_json.out)["status"] == "infeasible"
    assert "minimum-cover[cskh]" in as_json.err


def test_refusals(run_cli: RunCli, tmp_path: Path) -> None:
    both = run_cli(["roster", SMALL, "--rules", RULES])
    assert both.code == 2
    assert "exactly one of --workload and --requirement" in both.err
    bad = tmp_path / "staff.json"
    bad.write_text("{", encoding="utf-8")
    ran = run_cli(["roster", SMALL, "--rules", RULES, "--requirement", str(bad)])
    assert ran.code == 2
    assert "staff --format json" in ran.err
    rules = tmp_path / "roster.yaml"
    rules.write_text(Path(RULES).read_text(encoding="utf-8").replace("unit: cskh", "unit: cskj"))
    ran = run_cli(["roster", SMALL, "--rules", str(rules), "--workload", WORKLOAD])
    assert ran.code == 1
    assert "roster-unknown-unit" in ran.err
    assert "Traceback" not in ran.err


def test_calendars_and_the_cover_heat_map(run_cli: RunCli, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    import icalendar

    folder, svg = tmp_path / "calendars", tmp_path / "cover.svg"
    args = ["roster", SMALL, "--rules", RULES, "--workload", WORKLOAD, "--weeks", "1"]
    ran = run_cli([*args, "--ics", str(folder), "--cover-svg", str(svg), "--format", "json"])
    assert ran.code == 0, ran.err
    roster = Roster.from_json(json.loads(ran.out))
    files = sorted(folder.glob("*.ics"))
    with_shifts = {a.agent for a in roster.assignments}
    assert len(files) == len(with_shifts)
    events = 0
    for path in files:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events += sum(1 for c in calendar.walk("VEVENT"))
    assert events == len(roster.assignments)
    root = ET.fromstring(svg.read_text("utf-8"))
    assert root.tag.endswith("svg")
    again = run_cli([*args, "--ics", str(folder)])
    assert again.code == 2  # the calendars exist: not written over without --force
    assert run_cli([*args, "--ics", str(folder), "--force"]).code == 0
