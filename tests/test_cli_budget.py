"""`cskh-org budget`: roll-ups as an aligned table, CSV and JSON, the approval state, variance
against actual spend with bad CSV lines reported by number, and clean failures."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, RunCli

LARGE = "examples/large/department.yaml"
GROWING = "examples/growing/department.yaml"
ACTUALS = "examples/budget/actuals-2027.csv"
STATE = "state: reviewed (submitted by cskh 2026-11-20, reviewed by head_of_sales 2026-11-25)"


def test_table_by_category_with_the_approval_state(run_cli: RunCli) -> None:
    """By default the table rolls the plan up by category, under a title and the state."""
    result = run_cli(["budget", "--lang", "en", LARGE])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == (
        "budget of sao_mai_cskh, fiscal year 2027 (2027-01 to 2027-12), plan in VND"
    )
    assert lines[1] == STATE
    assert lines[3].split() == ["category", "amount", "(VND)"]
    body = {line.split()[0]: line.split()[1] for line in lines[5:] if not line.startswith("-")}
    assert body["staff"] == "22,020,000,000"
    assert body["loyalty"] == "4,080,000,000"
    assert body["total"] == "34,780,000,000"
    widths = {len(line) for line in lines[3:] if line}
    assert len(widths) == 1  # amounts right-aligned in one column


def test_table_crossing_two_dimensions(run_cli: RunCli) -> None:
    """Two `--by` options cross them: one row per unit and category that has a cost."""
    result = run_cli(["budget", "--lang", "en", LARGE, "--by", "unit", "--by", "category"])
    assert result.code == 0, result.err
    rows = [line.split() for line in result.out.splitlines()[5:]]
    assert ["loyalty", "loyalty", "3,630,000,000"] in rows
    assert ["warranty_south", "staff", "1,956,000,000"] in rows
    assert rows[-1] == ["total", "34,780,000,000"]


def test_csv_sums_to_the_json_total(run_cli: RunCli) -> None:
    """The CSV by month has 12 rows with a period; they sum to the JSON total exactly."""
    as_csv = run_cli(["budget", "--lang", "en", LARGE, "--by", "month", "--format", "csv"])
    assert as_csv.code == 0, as_csv.err
    rows = list(csv.DictReader(io.StringIO(as_csv.out)))
    assert [r["period"] for r in rows] == [f"2027-{m:02d}" for m in range(1, 13)]
    assert rows[0]["amount"] == "4265000000"  # Tết gifts are dated in January
    as_json = run_cli(["budget", "--lang", "en", LARGE, "--by", "month", "--format", "json"])
    report = json.loads(as_json.out)
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal(report["rollup"]["total"])


def test_json_report(run_cli: RunCli) -> None:
    """JSON gives the plan's year, currency, approval state and trail, and the roll-up."""
    result = run_cli(["budget", "--lang", "en", LARGE, "--by", "function", "--format", "json"])
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["fiscal_year"] == 2027
    assert report["currency"] == "VND"
    approval = report["approval"]
    assert approval["state"] == "reviewed"
    assert approval["summary"] == STATE.removeprefix("state: ")
    assert [m["action"] for m in approval["trail"]] == ["submit", "return", "submit", "review"]
    assert approval["trail"][1]["by"] == "head_of_sales"
    rollup = report["rollup"]
    assert rollup["by"] == ["function"]
    assert rollup["total"] == "34780000000"
    assert {r["function"] for r in rollup["rows"]} >= {"support", "loyalty", "training"}


def test_actuals_give_the_variance(run_cli: RunCli) -> None:
    """With `--actuals`, the table compares planned and actual spend, overspending signed +."""
    result = run_cli(
        ["budget", "--lang", "en", LARGE, "--actuals", ACTUALS, "--by", "month", "--by", "category"]
    )
    assert result.code == 0, result.err
    assert "plan against actual spend in VND" in result.out.splitlines()[0]
    rows = [line.split() for line in result.out.splitlines()]
    header = rows[3]
    assert header[:2] == ["month", "category"]
    assert "planned" in header
    assert "actual" in header
    january_staff = next(r for r in rows if r[:3] == ["01", "(2027-01)", "staff"])
    assert january_staff[-2].startswith("+")  # overtime in the Tết month


def test_actuals_as_json(run_cli: RunCli) -> None:
    """JSON with `--actuals` counts the rows read and gives the variance by unit."""
    result = run_cli(
        ["budget", "--lang", "en", LARGE, "--actuals", ACTUALS, "--by", "unit", "--format", "json"]
    )
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["actuals"]["rows"] == len(Path(ACTUALS).read_text("utf-8").splitlines()) - 1
    assert report["actuals"]["problems"] == []
    rows = {r["unit"]: r for r in report["variance"]["rows"]}
    assert Decimal(rows["loyalty"]["actual"]) > 0
    assert report["variance"]["total"]["planned"] == "34780000000"


def test_bad_actuals_lines_are_reported_by_number(run_cli: RunCli, tmp_path: Path) -> None:
    """Unknown units or categories in the CSV are reported with their line number on stderr
    and skipped; the good rows still count, and the exit code is 2."""
    path = tmp_path / "actuals.csv"
    path.write_text(
        "date,unit,category,amount\n"
        "2027-01-31,cskh,tools,85000000\n"
        "2027-02-28,nowhere,tools,1000\n"
        "2027-02-28,cskh,gifts,1000\n"
        "2027-03-31,loyalty,loyalty,150000000\n",
        "utf-8",
    )
    result = run_cli(["budget", "--lang", "en", LARGE, "--actuals", str(path), "--format", "csv"])
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert errors[0].startswith(f"{path}:3: error: `nowhere` is not a unit")
    assert errors[1].startswith(f"{path}:4: error: `gifts` is not a cost category")
    assert "2 problems; the lines with problems are left out" in result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    actual = {r["category"]: Decimal(r["actual"]) for r in rows}
    assert actual["tools"] == 85_000_000
    assert actual["loyalty"] == 150_000_000


def test_actuals_from_standard_input(run_cli: RunCli) -> None:
    """`--actuals -` reads the CSV from standard input."""
    text = "date,unit,category,amount\n2027-01-31,cskh,tools,85000000\n"
    result = run_cli(
        ["budget", "--lang", "en", LARGE, "--actuals", "-", "--format", "json"], stdin=text
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["variance"]["total"]["actual"] == "85000000"


def test_growing_example_has_a_budget(run_cli: RunCli) -> None:
    """The growing example's plan is submitted and rolls up by unit."""
    result = run_cli(["budget", "--lang", "en", GROWING, "--by", "unit"])
    assert result.code == 0, result.err
    assert "state: submitted (submitted by cskh 2026-11-18)" in result.out
    assert result.out.splitlines()[5].split()[0] == "cskh"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--by", "unit", "--by", "month", "--by", "category"], "at most two"),
        (["--by", "unit", "--by", "unit"], "the same dimension twice"),
        (["--by", "region"], "invalid choice"),
        (["--actuals", ACTUALS, "--by", "function"], "cannot group by `function`"),
        (["--actuals", "missing.csv"], "missing.csv: cannot read the actual spend"),
    ],
)
def test_usage_errors_exit_2(run_cli: RunCli, args: list[str], words: str) -> None:
    """Bad options and unreadable actuals are one-line errors with exit code 2."""
    result = run_cli(["budget", "--lang", "en", LARGE, *args])
    assert result.code == 2
    assert words in result.err
    assert "Traceback" not in result.err


def test_a_document_without_budget(run_cli: RunCli, tmp_path: Path) -> None:
    """A department without a `budget` section is a usage error saying what to add."""
    small = (EXAMPLES / "small" / "department.yaml").read_text("utf-8")
    without = tmp_path / "department.yaml"
    without.write_text(small[: small.index("\nbudget:")], "utf-8")
    result = run_cli(["budget", "--lang", "en", str(without)])
    assert result.code == 2
    assert "has no `budget` section" in result.err


def test_an_invalid_budget_exits_1(run_cli: RunCli) -> None:
    """A document whose budget has error findings is refused with exit code 1."""
    result = run_cli(["budget", "--lang", "en", "examples/invalid/budget-history.yaml"])
    assert result.code == 1
    assert "budget-history" in result.err
