"""`cskh-org simulate` through the real command on the bundled growing example: the KPI
table, JSON, per-ticket records, what-if comparisons, identical results for identical seeds,
and clean failures (findings with their place, exit codes, no traceback)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, RunCli

DEPARTMENT = "examples/growing/department.yaml"
WORKLOAD = "examples/growing/workload.yaml"
QUICK = ["--days", "3", "--replications", "2"]

pytestmark = pytest.mark.skipif(
    not (EXAMPLES / "growing" / "workload.yaml").exists(),
    reason="examples/growing/workload.yaml (the example workload) is not written yet",
)


def _simulate(run_cli: RunCli, *args: str) -> tuple[int, str, str]:
    result = run_cli(["simulate", DEPARTMENT, "--workload", WORKLOAD, *QUICK, *args])
    return result.code, result.out, result.err


def test_table_of_kpis(run_cli: RunCli) -> None:
    """The default output is the KPI table: the run's title, the overall row, a row per unit
    in the language asked, the units' load and the ticket count; no progress bar off a
    terminal."""
    code, out, err = _simulate(run_cli, "--lang", "en")
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == (
        "bep_xanh_cskh · bep_xanh_march_2027 · 3 days, 1d warm-up · 2 replications, seed 0"
    )
    assert any(line.startswith("overall ") for line in lines)
    assert "by unit" in lines
    assert any(line.startswith("  After-sales team") for line in lines)
    assert any(line.startswith("unit load") for line in lines)
    assert "conserved" in out
    assert "Nhóm Hậu mãi" in _simulate(run_cli, "--lang", "vi")[1]


def test_json_parses_and_conserves_tickets(run_cli: RunCli) -> None:
    """--format json is one JSON document with the run's metadata, KPIs by every dimension,
    the units' load and a ticket count that holds in every replication."""
    code, out, err = _simulate(run_cli, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["department"] == "bep_xanh_cskh"
    assert data["workload"] == "bep_xanh_march_2027"
    assert (data["days"], data["replications"], data["seed"]) == (3.0, 2, 0)
    assert data["warmup"] == 86_400.0
    assert set(data["by"]) == {"unit", "channel", "priority", "tier"}
    assert data["overall"]["arrived"]["mean"] > 0
    assert data["conserved"] is True
    assert len(data["conservation"]) == 2
    assert set(data["units"]) >= {"after_sales", "online_care"}
    assert data["currency"] == "VND"


def test_same_seed_same_result_other_seed_other_result(run_cli: RunCli) -> None:
    """Two runs with the same seed print identical JSON; another seed gives other numbers."""
    first = _simulate(run_cli, "--format", "json", "--seed", "11")
    again = _simulate(run_cli, "--format", "json", "--seed", "11")
    other = _simulate(run_cli, "--format", "json", "--seed", "12")
    assert first[0] == again[0] == other[0] == 0
    assert first[1] == again[1]
    assert json.loads(first[1])["overall"] != json.loads(other[1])["overall"]


def test_warmup_option_overrides_the_workload(run_cli: RunCli) -> None:
    """--warmup replaces the workload's warm-up; a malformed one is a usage error (exit 2)."""
    code, out, err = _simulate(run_cli, "--format", "json", "--warmup", "6h")
    assert code == 0, err
    assert json.loads(out)["warmup"] == 6 * 3600.0
    code, out, err = _simulate(run_cli, "--warmup", "soon")
    assert code == 2
    assert "--warmup" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_records_are_written(run_cli: RunCli, tmp_path: Path, suffix: str) -> None:
    """--records OUT writes one record per ticket of every replication, as JSONL or CSV by
    the file's suffix, while the table still goes to standard output."""
    path = tmp_path / f"tickets.{suffix}"
    code, out, err = _simulate(run_cli, "--records", str(path), "--format", "json")
    assert code == 0, err
    arrived = sum(row["arrived"] for row in json.loads(out)["conservation"])
    text = path.read_text("utf-8")
    if suffix == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    assert rows
    assert len(rows) <= arrived
    assert {str(row["replication"]) for row in rows} == {"0", "1"}
    assert {row["outcome"] for row in rows} <= {"resolved", "abandoned", "open"}


def test_records_with_an_unknown_suffix_fail_before_running(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A records file that is neither .jsonl nor .csv is a usage error (exit 2)."""
    code, _, err = _simulate(run_cli, "--records", str(tmp_path / "tickets.xlsx"))
    assert code == 2
    assert ".jsonl or .csv" in err


def _variant(tmp_path: Path) -> Path:
    """The growing example with one care agent fewer in the after-sales team."""
    folder = tmp_path / "growing"
    shutil.copytree(EXAMPLES / "growing", folder)
    units = folder / "units.yaml"
    text = units.read_text("utf-8")
    start = text.index("  - id: after_sales\n")
    end = text.index("  - id: ", start + 1)
    old = "      - role: care_agent\n        headcount: 2\n"
    assert text.count(old, start, end) == 1
    unit = text[start:end].replace(old, "      - role: care_agent\n        headcount: 1\n")
    units.write_text(text[:start] + unit + text[end:], "utf-8")
    return folder / "department.yaml"


def test_compare_two_versions_of_the_department(run_cli: RunCli, tmp_path: Path) -> None:
    """--compare runs both versions with the same seeds and prints each KPI's difference;
    with one agent fewer, the after-sales team's utilisation rises significantly."""
    other = _variant(tmp_path)
    code, out, err = _simulate(
        run_cli, "--compare", str(other), "--lang", "en", "--replications", "4"
    )
    assert code == 0, err
    assert out.startswith("what-if, other minus base\n  base:  examples/growing/department.yaml")
    assert "common random numbers" in out
    row = next(line for line in out.splitlines() if "After-sales team: utilisation" in line)
    assert row.rstrip().endswith("*")
    code, out, err = _simulate(run_cli, "--compare", str(other), "--format", "json")
    assert code == 0, err
    diffs = json.loads(out)["differences"]
    assert diffs["load=after_sales/utilisation"]["difference"]["mean"] > 0
    assert diffs["overall/arrived"]["difference"]["mean"] == 0  # same customers


def test_compare_with_itself_differs_by_nothing(run_cli: RunCli) -> None:
    """A department compared with itself under common random numbers differs by exactly
    zero in every KPI."""
    code, out, err = _simulate(run_cli, "--compare", DEPARTMENT, "--format", "json")
    assert code == 0, err
    diffs = json.loads(out)["differences"]
    means = [d["difference"]["mean"] for d in diffs.values()]
    assert means
    assert all(m in (0, None) for m in means)


def test_compare_workloads(run_cli: RunCli, tmp_path: Path) -> None:
    """--compare-workload alone compares two workloads on the same department: twice the
    hotline calls bring more tickets."""
    busier = tmp_path / "workload.yaml"
    text = (EXAMPLES / "growing" / "workload.yaml").read_text("utf-8")
    old = "  - id: hotline_questions\n    rate: 6\n"
    assert old in text
    busier.write_text(text.replace(old, "  - id: hotline_questions\n    rate: 12\n"), "utf-8")
    code, out, err = _simulate(run_cli, "--compare-workload", str(busier), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["differences"]["overall/arrived"]["difference"]["mean"] > 0


def test_a_workload_for_another_department_is_reported_with_places(run_cli: RunCli) -> None:
    """A workload that does not fit the department prints its findings with file:line:col on
    stderr and exits 1, without a traceback."""
    result = run_cli(["simulate", DEPARTMENT, "--workload", "examples/small/workload.yaml", *QUICK])
    assert result.code == 1
    assert result.out == ""
    assert "examples/small/workload.yaml:18:13: error[workload-department-mismatch]" in (result.err)
    assert "Traceback" not in result.err


def test_a_broken_workload_file(run_cli: RunCli, tmp_path: Path) -> None:
    """A workload with a YAML error reports it with its place and exits 1; a missing one
    exits 2."""
    bad = tmp_path / "workload.yaml"
    bad.write_text("version: 1\nid: w\nstreams: [\n", "utf-8")
    result = run_cli(["simulate", DEPARTMENT, "--workload", str(bad), *QUICK])
    assert result.code == 1
    assert f"{bad}:" in result.err
    assert "Traceback" not in result.err
    result = run_cli(["simulate", DEPARTMENT, "--workload", str(tmp_path / "none.yaml")])
    assert result.code == 2
    assert "Traceback" not in result.err


def test_an_invalid_department_fails_like_validate(run_cli: RunCli) -> None:
    """An invalid department stops before any simulation with its findings (exit 1)."""
    result = run_cli(
        ["simulate", "examples/invalid/org-cycle.yaml", "--workload", WORKLOAD, *QUICK]
    )
    assert result.code == 1
    assert "error[org-cycle]" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--replications", "0"], "--replications"),
        (["--days", "0"], "--days"),
        (["--records", "x.csv", "--compare", DEPARTMENT], "--records"),
        (["--lang", "fr"], "argument --lang: `fr` is not a display language; use one of vi, en"),
    ],
)
def test_bad_options_are_usage_errors(run_cli: RunCli, args: list[str], message: str) -> None:
    """Impossible options exit 2 with a message naming them."""
    result = run_cli(["simulate", DEPARTMENT, "--workload", WORKLOAD, *args])
    assert result.code == 2
    assert message in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--replications", "1e20"], "--replications: '1e20' is not a whole number"),
        (["--replications", "1" + "0" * 20], "--replications: must be from 1 to 10,000, not 1"),
        (["--replications", "10001"], "must be from 1 to 10,000"),
        (["--replications", "9" * 5000], "is not a whole number"),
        (["--workers", "33"], "--workers: must be from 1 to 32"),
        (["--seed", "1" + "0" * 18], "--seed: must be from -999,999,999,999,999,999"),
        (["--seed", "1" * 5000], "--seed: '111"),
        (["--days", "nan"], "--days: must be more than 0 and at most 3650"),
        (["--days", "inf"], "--days: must be more than 0 and at most 3650"),
        (["--days", "1e400"], "--days: must be more than 0 and at most 3650"),
        (["--days", "3650.5"], "--days: must be more than 0 and at most 3650"),
        (["--warmup", "9" * 20 + "d"], "argument --warmup: '99999999999999999999d': "),
        (["--warmup", "3651d"], "is longer than ten years"),
    ],
)
def test_numeric_options_are_bounded_when_parsed(
    run_cli: RunCli, args: list[str], message: str
) -> None:
    """Every numeric option is bounded while the arguments are parsed, with one line naming
    it: before the department is read (the one named here does not exist), never exit 3 and
    never a run without end."""
    result = run_cli(["simulate", "no-such-department.yaml", "--workload", "no.yaml", *args])
    assert result.code == 2, result.err
    assert message in result.err
    assert "no such file" not in result.err or args[0] == "--warmup"


def test_help_states_the_library_bounds(run_cli: RunCli) -> None:
    """The bounds the help states are the library's."""
    from cskh_org.simulation.run import MAX_REPLICATIONS, MAX_SEED, MAX_WORKERS

    text = " ".join(run_cli(["simulate", "--help"]).out.split())
    assert f"from 1 to {MAX_REPLICATIONS:,}" in text
    assert f"at most {MAX_WORKERS}" in text
    assert f"at most {len(str(MAX_SEED))} digits" in text


def test_workers_give_the_same_result(run_cli: RunCli) -> None:
    """Replications spread over two processes print exactly what one process prints; zero
    workers is a usage error."""
    one = _simulate(run_cli, "--format", "json", "--seed", "5", "--workers", "1")
    two = _simulate(run_cli, "--format", "json", "--seed", "5", "--workers", "2")
    assert one[0] == two[0] == 0, two[2]
    assert one[1] == two[1]
    assert _simulate(run_cli, "--workers", "0")[0] == 2


def test_no_holiday_warning_for_march_2027(run_cli: RunCli) -> None:
    """The examples name Vietnam's public holidays: simulating March 2027 warns of nothing."""
    code, _, err = _simulate(run_cli)
    assert code == 0, err
    assert "warning" not in err


def test_a_period_past_the_holiday_data_warns(run_cli: RunCli, tmp_path: Path) -> None:
    """With the office calendar's holidays typed in for 2027 only (no country), a week that
    runs into 2028 is simulated with a warning on stderr naming the calendar, and the JSON
    lists it; the same week ending in 2027 warns of nothing."""
    folder = tmp_path / "growing"
    shutil.copytree(EXAMPLES / "growing", folder)
    department = folder / "department.yaml"
    text = department.read_text("utf-8")
    country = "    public_holidays:\n      country: VN\n      exclude: [2027-09-03]\n"
    assert text.count(country) == 1
    department.write_text(text.replace(country, ""), "utf-8")
    workload = folder / "workload.yaml"
    text = workload.read_text("utf-8")
    for start, warned in (("2027-12-29", True), ("2027-12-20", False)):
        workload.write_text(text.replace("start: 2027-03-01", f"start: {start}"), "utf-8")
        args = ["simulate", str(department), "--workload", str(workload), *QUICK]
        result = run_cli([*args, "--format", "json"])
        assert result.code == 0, result.err
        found = json.loads(result.out)["warnings"]
        assert ("cskh-org: warning: calendar `office_hours`" in result.err) is warned
        assert bool(found) is warned
        if warned:
            assert "`office_hours` has holidays only up to 2027" in found[0]


def test_the_parsers_bounds_are_the_engines(run_cli: RunCli) -> None:
    """--days, --replications, --workers and --seed are checked while parsing (before any
    work) against the same limits the library enforces: the largest value passes the
    parser, one more is refused there."""
    from cskh_org.simulation.plan import MAX_DAYS
    from cskh_org.simulation.run import MAX_REPLICATIONS, MAX_SEED, MAX_WORKERS

    for option, most in (
        ("--days", MAX_DAYS),
        ("--replications", MAX_REPLICATIONS),
        ("--workers", MAX_WORKERS),
        ("--seed", MAX_SEED),
    ):
        over = run_cli(["simulate", "no-such.yaml", "--workload", "w.yaml", option, str(most + 1)])
        assert over.code == 2
        assert f"argument {option}" in over.err, over.err
        at_most = run_cli(["simulate", "no-such.yaml", "--workload", "w.yaml", option, str(most)])
        assert at_most.code == 2
        assert f"argument {option}" not in at_most.err, at_most.err  # the missing file, later
