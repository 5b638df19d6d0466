"""`cskh-org report`: one HTML file and its JSON, from files or git revisions, and clean
refusals (broken documents, bad actuals, outputs that exist or are inputs)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, RunCli

LARGE = EXAMPLES / "large"
SMALL = EXAMPLES / "small" / "department.yaml"


def _embedded(html_text: str) -> object:
    found = re.search(
        r'<script type="application/json" id="report-data">(.*?)</script>', html_text, re.S
    )
    assert found is not None
    return json.loads(found.group(1))


def test_writes_the_page_and_the_same_json(run_cli: RunCli, tmp_path: Path) -> None:
    page, data = tmp_path / "report.html", tmp_path / "report.json"
    result = run_cli(
        [
            "report",
            str(LARGE / "department.yaml"),
            "--workload",
            str(LARGE / "workload.yaml"),
            "--actuals",
            str(EXAMPLES / "budget" / "actuals-2027.csv"),
            "--replications",
            "2",
            "--days",
            "3",
            "-o",
            str(page),
            "--json",
            str(data),
            "--lang",
            "en",
        ]
    )
    assert result.code == 0, result.err
    assert result.out == ""
    text = page.read_text("utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    document = json.loads(data.read_text("utf-8"))
    assert _embedded(text) == document
    assert document["simulation"]["replications"] == 2
    assert document["simulation"]["days"] == 3.0
    assert "variance" in document["budget"]  # the actuals set against the plan
    assert 'id="chart-waits"' in text


def test_without_output_the_page_goes_to_stdout(run_cli: RunCli) -> None:
    result = run_cli(["report", str(SMALL), "--lang", "vi"])
    assert result.code == 0, result.err
    assert result.out.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert result.out.rstrip().endswith("</html>")


def test_an_existing_output_is_kept_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text("mine", "utf-8")
    result = run_cli(["report", str(SMALL), "-o", str(page)])
    assert result.code == 2
    assert page.read_text("utf-8") == "mine"
    assert "Traceback" not in result.err
    forced = run_cli(["report", str(SMALL), "-o", str(page), "--force"])
    assert forced.code == 0, forced.err
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_an_input_is_never_overwritten(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "department.yaml"
    shutil.copy(SMALL, doc)
    before = doc.read_bytes()
    result = run_cli(["report", str(doc), "-o", str(doc), "--force"])
    assert result.code == 2
    assert doc.read_bytes() == before


def test_a_broken_department_is_refused_with_every_error(run_cli: RunCli, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run_cli(["report", str(EXAMPLES / "invalid" / "unknown-unit.yaml"), "-o", str(page)])
    assert result.code in (1, 2)
    assert "unknown-unit" in result.err
    assert not page.exists()
    assert "Traceback" not in result.err


def test_over_cap_plans_are_reported_not_refused(run_cli: RunCli, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    doc = EXAMPLES / "invalid" / "budget-total-over-cap.yaml"
    result = run_cli(["report", str(doc), "-o", str(page), "--lang", "en"])
    assert result.code == 0, result.err
    text = page.read_text("utf-8")
    assert "budget-total-over-cap" in text
    assert 'class="cap-over"' in text


def test_bad_actual_rows_stop_it_before_anything_is_written(
    run_cli: RunCli, tmp_path: Path
) -> None:
    bad = tmp_path / "actuals.csv"
    bad.write_text("date,unit,category,amount\n2027-01-12,quality,training,lots\n", "utf-8")
    page = tmp_path / "report.html"
    result = run_cli(
        ["report", str(LARGE / "department.yaml"), "--actuals", str(bad), "-o", str(page)]
    )
    assert result.code == 2
    assert f"{bad}:2" in result.err
    assert not page.exists()


def test_a_missing_file_is_a_clean_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["report", str(tmp_path / "nothing.yaml")])
    assert result.code == 2
    assert "Traceback" not in result.err


def test_compare_adds_the_review(run_cli: RunCli, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(SMALL.read_text("utf-8").replace("priority: 1}", "priority: 2}", 1), "utf-8")
    data = tmp_path / "report.json"
    result = run_cli(
        [
            "report",
            str(SMALL),
            "--compare",
            str(new),
            "--json",
            str(data),
            "-o",
            str(tmp_path / "r.html"),
        ]
    )
    assert result.code == 0, result.err
    review = json.loads(data.read_text("utf-8"))["review"]
    assert [(c["kind"], c["field"]) for c in review["changes"]] == [("changed", "to.priority")]
    assert '<section id="review"' in (tmp_path / "r.html").read_text("utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revision_against_the_working_file(run_cli: RunCli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    dept = repo / "department.yaml"
    dept.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@e", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )
    dept.write_text(dept.read_text().replace("priority: 1}", "priority: 2}"), encoding="utf-8")
    result = run_cli(
        [
            "report",
            "git:HEAD:department.yaml",
            "--compare",
            "department.yaml",
            "--json",
            "r.json",
            "-o",
            "r.html",
        ],
        cwd=repo,
    )
    assert result.code == 0, result.err
    document = json.loads((repo / "r.json").read_text("utf-8"))
    assert document["file"] == "git:HEAD:department.yaml"
    (change,) = document["review"]["changes"]
    assert change["old_place"].startswith("HEAD:department.yaml:")
    assert change["new_place"].startswith("department.yaml:")
