"""The generated national department of ``benchmarks/bench_scale.py``, at a small size: it is a
valid department (warnings only), every section it promises is there, and the same seed writes
the same files. The figures themselves are measured by running the benchmark, not asserted."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pytest

from benchmarks.bench_scale import (
    _SPLIT,
    Run,
    _best,
    _printed,
    installed_bytecode,
    missed_targets,
    run_step,
    write_case,
)
from cskh_org.findings import Severity
from cskh_org.loading import validate

SMALL = {"units": 200, "staff_lines": 1_000, "rules": 60, "steps": 20, "policies": 8}


def test_the_small_case_validates_without_errors(tmp_path: Path) -> None:
    case = write_case(tmp_path, **SMALL)
    result = validate(case.department)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    dept = result.unwrap()
    assert len(dept.units) == 200
    assert sum(len(u.staff) for u in dept.units) == 1_000
    assert dept.routing is not None
    assert len(dept.routing.rules) == 60
    assert dept.escalation is not None
    assert len(dept.escalation.steps) == 20
    assert dept.sla is not None
    assert len(dept.sla.policies) == 8
    assert dept.budget is not None
    assert len(dept.budget.lines) == 200 * 10
    assert dept.router().route(json.loads(case.ticket)).unit is not None


def test_the_units_are_six_levels_deep_at_5000(tmp_path: Path) -> None:
    text = (write_case(tmp_path, **SMALL).department).read_text("utf-8")
    assert "include: [routing.yaml, escalation.yaml, sla.yaml, budget.yaml]" in text
    depth, i = 1, 4_999
    while i:
        i, depth = (i - 1) // 6, depth + 1
    assert depth == 6


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    a, b = write_case(one, seed=3, **SMALL), write_case(two, seed=3, **SMALL)
    assert [p.read_text("utf-8") for p in a.files] == [p.read_text("utf-8") for p in b.files]


def test_a_failed_step_or_baseline_is_a_missed_target() -> None:
    ok = Run(0, 1.0, 50.0, "", "")
    assert missed_targets([("validate", ok, 2.0, "")]) == 0
    assert missed_targets([("validate", ok, 0.5, "")]) == 1  # past its limit
    # a step with no time limit that exits non-zero (dot missing, a traceback) is missed
    assert (
        missed_targets(
            [("render --view org (SVG, whole CLI)", Run(2, 1.0, 50.0, "", ""), None, "")]
        )
        == 1
    )
    assert missed_targets([("route --ticket", Run(None, 9.0, 50.0, "", ""), None, "")]) == 1
    assert missed_targets([("budget", Run(0, 1.0, 250.0, "", ""), None, "")]) == 1  # memory
    # a baseline that failed leaves its targets unmeasured
    no_dot = Run(127, float("inf"), 0.0, "", "dot not found")
    assert missed_targets([("dot -Tsvg, 500-node tree (CPU)", no_dot, None, "")]) == 1
    assert missed_targets([("yaml.load, CSafeLoader", Run(0, 9.0, 300.0, "", ""), None, "")]) == 0


def test_the_best_run_is_the_fastest_unless_one_failed() -> None:
    fast, slow, failed = (
        Run(0, 1.0, 9.0, "", ""),
        Run(0, 2.0, 9.0, "", ""),
        Run(1, 0.5, 9.0, "", ""),
    )
    assert _best([slow, fast]) is fast
    assert _best([slow, failed, fast]) is failed  # a failure is shown (and missed), never hidden


def test_the_steps_run_with_bytecode_as_from_an_installed_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Inside ``installed_bytecode`` every module of the package has its bytecode and a fresh
    process may write more; the caller's ``PYTHONDONTWRITEBYTECODE`` comes back after."""
    import importlib.util
    import os

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    with installed_bytecode() as package:
        assert "PYTHONDONTWRITEBYTECODE" not in os.environ
        sources = sorted(package.rglob("*.py"))
        assert (package / "cli.py") in sources
        missing = [
            s for s in sources if not Path(importlib.util.cache_from_source(str(s))).exists()
        ]
        assert missing == []
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"


def test_the_small_case_has_a_workload_the_commands_accept(tmp_path: Path) -> None:
    """The week's workload beside the case is valid for its department (warnings only), is
    not one of the files the CSafeLoader baseline reads, and gives every unit a handling
    time; a short simulation of it runs."""
    from cskh_org.loading.workload import load_workload
    from cskh_org.simulation import simulate

    case = write_case(tmp_path, **SMALL)
    assert case.workload is not None
    assert case.workload not in case.files
    dept = validate(case.department).unwrap()
    loaded = load_workload(case.workload, dept)
    assert [f for f in loaded.findings if f.severity is Severity.ERROR] == []
    workload = loaded.unwrap()
    assert {s.attributes["channel"] for s in workload.streams} == {
        "phone",
        "email",
        "chat",
        "social",
        "app",
    }
    assert {e.unit for e in workload.service} == {u.id for u in dept.units}
    result = simulate(dept, workload, days=0.25, warmup=datetime.timedelta(hours=1))
    (count,) = result.conservation
    assert count.arrived > 0
    assert count.holds


def test_the_split_measures_in_a_fresh_process(tmp_path: Path) -> None:
    """The split measurement runs on the case in a fresh process (the department valid, its
    includes read through the timed reader) and reports the bare event stream, the reading
    and what comes after it, each a CPU time."""
    case = write_case(tmp_path, **SMALL)
    files = [str(p) for p in case.files]
    run = run_step((sys.executable, "-c", _SPLIT, str(case.department), *files), cwd=tmp_path)
    figures = _printed(run)
    assert figures is not None, run.err
    assert set(figures) == {"events", "parse", "after"}
    assert all(value > 0 for value in figures.values())
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nid: [\n", "utf-8")  # no department: the script says so
    failed = run_step((sys.executable, "-c", _SPLIT, str(broken), str(broken)), cwd=tmp_path)
    assert _printed(failed) is None
