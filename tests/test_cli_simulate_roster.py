"""`cskh-org simulate --roster` end to end on the small example, with a roster written by
hand as `cskh-org roster --format json` writes one: the KPIs of the roster's week, a better
service with more agents rostered, and clear refusals (exit 2, no traceback) of a roster
that does not fit, is not JSON or is not a roster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, RunCli

DEPARTMENT = str(EXAMPLES / "small" / "department.yaml")
WORKLOAD = str(EXAMPLES / "small" / "workload.yaml")
QUICK = ["--replications", "3", "--seed", "4"]
OPEN = [(8, 12), (13.5, 17.5)]  # the shop's hours, Monday to Saturday


def _moment(day: int, hour: float) -> str:
    hours, minutes = int(hour), int(hour % 1 * 60)
    return f"2027-06-{7 + day:02d}T{hours:02d}:{minutes:02d}:00+07:00"


def _roster(agents: int, **changes: Any) -> dict[str, Any]:
    """``agents`` agents on the shop's hours from Monday to Saturday of 2027-06-07's week,
    in 30-minute intervals, written out as the saved roster's JSON."""
    size = 7 * 48
    rostered = [0] * size
    assignments = []
    for n in range(1, agents + 1):
        for day in range(6):
            for a, b in OPEN:
                for k in range(int(a * 2), int(b * 2)):
                    rostered[day * 48 + k] += 1
            assignments.append(
                {
                    "agent": f"cskh/care#{n}",
                    "unit": "cskh",
                    "shift": "day",
                    "day": f"2027-06-{7 + day:02d}",
                    "start": _moment(day, 8),
                    "end": _moment(day, 17.5),
                    "breaks": [[_moment(day, 12), _moment(day, 13.5)]],
                    "paid_minutes": 480,
                }
            )
    document = {
        "format": "cskh-org/roster@1",
        "department": "dien_may_minh_an",
        "timezone": "Asia/Ho_Chi_Minh",
        "start": "2027-06-07",
        "weeks": 1,
        "interval": 30,
        "status": "optimal",
        "under_cover": 0,
        "paid_minutes": 480 * 6 * agents,
        "bound": 0.0,
        "gap": 0.0,
        "seconds": 0.1,
        "seed": 0,
        "agents": [
            {
                "id": f"cskh/care#{n}",
                "unit": "cskh",
                "line": "care",
                "role": "care_officer",
                "contract": "full_time",
                "skills": ["vietnamese"],
                "hours_per_week": 48,
            }
            for n in range(1, agents + 1)
        ],
        "assignments": assignments,
        "cover": [
            {"unit": "cskh", "required": [1 if r else 0 for r in rostered], "rostered": rostered}
        ],
        "conflicts": [],
    }
    document.update(changes)
    return document


def _write(tmp_path: Path, document: object, name: str = "roster.json") -> str:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), "utf-8")
    return str(path)


def _simulate(run_cli: RunCli, roster: str, *args: str) -> tuple[int, str, str]:
    result = run_cli(
        ["simulate", DEPARTMENT, "--workload", WORKLOAD, "--roster", roster, *QUICK, *args]
    )
    return result.code, result.out, result.err


def test_a_roster_is_simulated_over_its_week(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = _simulate(run_cli, _write(tmp_path, _roster(1)), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["days"] == 7
    assert data["department"] == "dien_may_minh_an"
    assert data["overall"]["arrived"]["mean"] > 0
    code, table, err = _simulate(
        run_cli, _write(tmp_path, _roster(1), "again.json"), "--lang", "en"
    )
    assert code == 0, err
    assert "7 days" in table.splitlines()[0]


def test_more_agents_rostered_answer_sooner(run_cli: RunCli, tmp_path: Path) -> None:
    waits = []
    for agents in (1, 3):
        code, out, err = _simulate(
            run_cli, _write(tmp_path, _roster(agents), f"r{agents}.json"), "--format", "json"
        )
        assert code == 0, err
        waits.append(json.loads(out)["overall"]["first_response"]["mean"]["mean"])
    assert waits[1] < waits[0]


def test_a_longer_period_repeats_the_roster(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = _simulate(
        run_cli, _write(tmp_path, _roster(2)), "--days", "14", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["days"] == 14


@pytest.mark.parametrize(
    ("changes", "english", "vietnamese"),
    [
        ({"department": "other_shop"}, "department other_shop, not dien_may_minh_an", "bộ phận"),
        ({"timezone": "Asia/Bangkok"}, "time zone Asia/Bangkok", "múi giờ"),
        ({"status": "infeasible", "cover": []}, "no shifts to simulate", "chưa có ca"),
        ({"format": "something@2"}, "not a roster written by", "bảng phân ca"),
    ],
)
def test_a_roster_that_does_not_fit_is_refused(
    run_cli: RunCli, tmp_path: Path, changes: dict[str, Any], english: str, vietnamese: str
) -> None:
    roster = _roster(1, **changes)
    if "cover" in changes:
        roster["assignments"] = []
    path = _write(tmp_path, roster)
    code, out, err = _simulate(run_cli, path, "--lang", "en")
    assert code == 2
    assert out == ""
    assert english in err
    assert "Traceback" not in err
    code, _, err = _simulate(run_cli, path, "--lang", "vi")
    assert code == 2
    assert vietnamese in err


def test_a_roster_of_an_unknown_unit_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    roster = _roster(1)
    roster["cover"][0]["unit"] = "ghost"
    code, _, err = _simulate(run_cli, _write(tmp_path, roster), "--lang", "en")
    assert code == 2
    assert "unit ghost" in err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": ', "is not JSON"),
        ('{"weeks": NaN}', "NaN is not a number JSON allows"),
        ("[" * 100_000, "is not JSON"),
        ("", "is not JSON"),
    ],
)
def test_a_file_that_is_not_json_is_refused(
    run_cli: RunCli, tmp_path: Path, text: str, words: str
) -> None:
    code, _, err = _simulate(run_cli, _write(tmp_path, text), "--lang", "en")
    assert code == 2
    assert words in err
    assert "Traceback" not in err


def test_a_missing_or_binary_roster_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = _simulate(run_cli, str(tmp_path / "none.json"))
    assert code == 2
    assert "none.json" in err
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    code, _, err = _simulate(run_cli, str(binary), "--lang", "en")
    assert code == 2
    assert "not UTF-8" in err
    code, _, err = _simulate(run_cli, str(tmp_path))
    assert code == 2
    assert "Traceback" not in err


def test_a_roster_is_not_compared(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = _simulate(
        run_cli, _write(tmp_path, _roster(1)), "--compare-workload", WORKLOAD, "--lang", "en"
    )
    assert code == 2
    assert "--roster simulates one roster" in err


def test_records_of_a_rostered_run(run_cli: RunCli, tmp_path: Path) -> None:
    records = tmp_path / "tickets.jsonl"
    code, _, err = _simulate(run_cli, _write(tmp_path, _roster(1)), "--records", str(records))
    assert code == 0, err
    rows = [json.loads(line) for line in records.read_text("utf-8").splitlines()]
    assert rows
    answered = [r["first_response"] for r in rows if r["first_response"] is not None]
    # every answer inside the roster's hours: Monday to Saturday, 08:00-12:00 or 13:30-17:30
    for t in answered:
        day, hour = divmod(t / 3600, 24)
        assert day < 6
        assert 8 <= hour <= 12 or 13.5 <= hour <= 17.5


def test_a_roster_larger_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    from cskh_org.errors import SourceError
    from cskh_org.loading.saved_roster import read_roster_data
    from cskh_org.rosters import Roster

    path = _write(tmp_path, _roster(1))
    assert Roster.from_json(read_roster_data(path)).counts("cskh")[16] == 1  # Monday 08:00
    with pytest.raises(SourceError, match="larger than 100 bytes"):
        read_roster_data(path, limit=100)


def test_a_saved_roster_round_trips_into_the_same_run(run_cli: RunCli, tmp_path: Path) -> None:
    """The hand-written roster, read and written again by the library, simulates alike."""
    from cskh_org.loading.saved_roster import read_roster_data
    from cskh_org.rosters import Roster

    first = _write(tmp_path, _roster(2))
    again = _write(tmp_path, Roster.from_json(read_roster_data(first)).to_json(), "again.json")
    runs = [_simulate(run_cli, path, "--format", "json") for path in (first, again)]
    assert runs[0][0] == 0, runs[0][2]
    assert runs[0][1] == runs[1][1]
