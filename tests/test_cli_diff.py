"""`cskh-org diff`: the change list with places, the routing moves, the effect, the gates,
git revisions, and clean refusals."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, RunCli

SMALL = EXAMPLES / "small" / "department.yaml"


def _versions(tmp_path: Path, edit: dict[str, str]) -> tuple[str, str]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = SMALL.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    for a, b in edit.items():
        assert a in text
        text = text.replace(a, b, 1)
    new.write_text(text, encoding="utf-8")
    return str(old), str(new)


RETARGET = {"priority: 1}": "priority: 0}"}
UNSKILLED = {"skills: [complaint_handling], priority: 1}": "priority: 1}"}
HIRE = {"        person: khang\n        fte: 0.4": "        person: khang\n        fte: 0.8"}


def test_text_lists_each_change_at_both_places(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, RETARGET)
    result = run_cli(["diff", old, new, "--lang", "en"])
    assert result.code == 0, result.err
    assert "changed rule complaints to.priority: 1 → 0" in result.out
    line = next(i for i, t in enumerate(SMALL.read_text().splitlines(), 1) if "priority: 1}" in t)
    assert f"old.yaml:{line}:" in result.out
    assert f"new.yaml:{line}:" in result.out
    assert "cskh [complaint_handling] +1 (complaints) → cskh [complaint_handling] (complaints)" in (
        result.out
    )


def test_json_carries_moves_with_workload_shares(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, UNSKILLED)
    workload = str(EXAMPLES / "small" / "workload.yaml")
    result = run_cli(["diff", old, new, "--workload", workload, "--format", "json"])
    assert result.code == 0, result.err
    data = json.loads(result.out)
    (move,) = data["routing"]["moves"]
    assert move["what"] == ["skills"]
    assert move["old"]["skills"] == ["complaint_handling"]
    assert move["new"]["skills"] == []
    # the complaints stream: 0.1/h of 1.9/h on the shop's week, weighted by its profile
    assert 0.02 < move["share"] < 0.08
    assert data["routing"]["moved_share"] == pytest.approx(move["share"])
    assert data["changes"][0]["old_place"].startswith(old)


def test_cost_gate_fails_a_raise(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, HIRE)
    result = run_cli(["diff", old, new, "--fail-on", "cost,moves", "--lang", "en"])
    assert result.code == 1
    assert "failed the gates: cost" in result.out
    data = json.loads(run_cli(["diff", old, new, "--format", "json"]).out)
    assert json.loads(json.dumps(data["effect"]["staff_year_change"])) != "0"
    assert float(data["effect"]["staff_year_change"]) > 0
    back = run_cli(["diff", new, old, "--fail-on", "cost"])
    assert back.code == 0


def test_an_unknown_gate_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, RETARGET)
    result = run_cli(["diff", old, new, "--fail-on", "no such"])
    assert result.code == 2
    assert "there is no gate no such" in result.err
    assert "Traceback" not in result.err


def test_markdown_escapes_what_the_user_wrote(run_cli: RunCli, tmp_path: Path) -> None:
    hostile = "x | <img src=x onerror=alert(1)> *b* [l](http://e)"
    name = "name: {vi: Bộ phận chăm sóc khách hàng, en: Customer care desk}"
    old, new = _versions(tmp_path, {name: f'name: {{vi: "{hostile}", en: "{hostile}"}}'})
    result = run_cli(["diff", old, new, "--format", "markdown"])
    assert result.code == 0, result.err
    assert not re.search(r"(?<!\\)<img", result.out)
    assert "\\<img" in result.out
    assert "\\| " in result.out
    rows = [r for r in result.out.splitlines() if r.startswith("| ")]
    renamed = [r for r in rows if r.startswith("| renamed ")]
    assert len(renamed) == 2  # vi and en names
    assert all(r.count(" | ") == 4 for r in renamed)  # the name did not add a cell


def test_a_broken_version_is_refused_with_its_findings(run_cli: RunCli, tmp_path: Path) -> None:
    old, _new = _versions(tmp_path, RETARGET)
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = run_cli(["diff", old, str(bad)])
    assert result.code in (1, 2)
    assert "bad.yaml:" in result.err
    assert "Traceback" not in result.err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revision_against_the_working_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    dept = repo / "department.yaml"
    dept.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@e", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    dept.write_text(dept.read_text().replace("priority: 1}", "priority: 2}"), encoding="utf-8")
    result = run_cli(
        ["diff", "git:HEAD:department.yaml", "department.yaml", "--lang", "en"], cwd=repo
    )
    assert result.code == 0, result.err
    assert "changed rule complaints to.priority: 1 → 2" in result.out
    assert "HEAD:department.yaml:" in result.out
    assert "cskh-org-rev-" not in result.out
    missing = run_cli(["diff", "git:HEAD:nothing.yaml", "department.yaml"], cwd=repo)
    assert missing.code == 2
    assert "there is no file nothing.yaml at revision HEAD" in missing.err
    norev = run_cli(["diff", "git:no-such-rev:department.yaml", "department.yaml"], cwd=repo)
    assert norev.code == 2
    assert "git could not read this version" in norev.err
    dash = run_cli(["diff", "git:--output=x:department.yaml", "department.yaml"], cwd=repo)
    assert dash.code == 2


def test_with_a_workload_both_versions_are_simulated_alike(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, HIRE)
    workload = str(EXAMPLES / "small" / "workload.yaml")
    args = ["diff", old, new, "--workload", workload, "--replications", "3", "--days", "2"]
    data = json.loads(run_cli([*args, "--format", "json"]).out)
    sim = data["simulated"]
    assert sim["replications"] == 3
    arrived = sim["differences"]["overall/arrived"]
    # common random numbers: the same customers arrive in both versions
    assert arrived["difference"]["mean"] == 0
    same = json.loads(
        run_cli(
            [
                "diff",
                old,
                old,
                "--workload",
                workload,
                "--format",
                "json",
                "--replications",
                "3",
                "--days",
                "2",
            ]
        ).out
    )
    assert all(
        d["difference"]["mean"] == 0
        for d in same["simulated"]["differences"].values()
        if d["difference"]["mean"] is not None
    )
    markdown = run_cli([*args, "--format", "markdown"]).out
    assert "~~~text" in markdown
    assert markdown.count("~~~") == 2
    quiet = json.loads(run_cli([*args, "--no-simulate", "--format", "json"]).out)
    assert quiet["simulated"] is None


def test_chart_draws_the_change_in_the_suffixes_format(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, HIRE)
    chart = tmp_path / "change.mmd"
    result = run_cli(["diff", old, new, "--chart", str(chart), "--lang", "en"])
    assert result.code == 0, result.err
    text = chart.read_text("utf-8")
    assert "classDef change_changed" in text
    assert "● changed" in text
    again = run_cli(["diff", old, new, "--chart", str(chart)])
    assert again.code == 2  # never over an existing file without --force
    assert run_cli(["diff", old, new, "--chart", str(chart), "--force"]).code == 0
    bad = run_cli(["diff", old, new, "--chart", str(tmp_path / "change.txt")])
    assert bad.code == 2
