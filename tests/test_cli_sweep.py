"""`cskh-org sweep`: variants simulated with common random numbers, the best one selected,
the same answer on any executor, resumable from its store, and clean refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, RunCli

GROWING = EXAMPLES / "growing"
BASE = [
    "sweep",
    str(GROWING / "department.yaml"),
    "--workload",
    str(GROWING / "workload.yaml"),
]


def _sweep(tmp_path: Path, text: str) -> str:
    path = tmp_path / "sweep.yaml"
    path.write_text(text, "utf-8")
    return str(path)


SMALL = """\
version: 1
id: small
replications: 3
days: 2
grid:
  - name: support_agents
    department: {op: replace, path: /units/support/staff/1/headcount}
    values: [2]
"""


def _json(result: Any) -> dict[str, Any]:
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_the_example_selects_the_cheapest_feasible_variant(run_cli: RunCli) -> None:
    result = run_cli([*BASE, "--variants", str(GROWING / "sweep.yaml"), "--format", "json"])
    data = _json(result)
    selection = data["selection"]
    assert selection["best"] == "support_agents=2"
    assert selection["infeasible"] == ["support_agents=1"]
    assert selection["total"] < selection["brute_force"]
    assert [v["id"] for v in data["variants"]] == ["base", "support_agents=1", "support_agents=2"]
    costs = {v["id"]: v["kpis"]["staff_cost_month"]["mean"] for v in data["variants"]}
    assert costs["support_agents=2"] < costs["base"]  # one care agent fewer
    assert "capacity-short" in result.err  # the variants' warnings, at their op
    text = run_cli([*BASE, "--variants", str(GROWING / "sweep.yaml"), "--lang", "en"])
    assert "chosen: support_agents=2 ★" in text.out


def test_every_variant_gets_its_replications_without_select(
    run_cli: RunCli, tmp_path: Path
) -> None:
    data = _json(run_cli([*BASE, "--variants", _sweep(tmp_path, SMALL), "--format", "json"]))
    assert data["selection"] is None
    assert [len(v["replications"]) for v in data["variants"]] == [3, 3]
    base, fewer = data["variants"]
    # common random numbers: replication r of both variants sees the same arrivals
    for a, b in zip(base["replications"], fewer["replications"], strict=True):
        assert a["kpis"]["overall/arrived"] == b["kpis"]["overall/arrived"]


def test_the_same_answer_on_two_processes(run_cli: RunCli, tmp_path: Path) -> None:
    sweep = _sweep(tmp_path, SMALL)
    one = run_cli([*BASE, "--variants", sweep, "--format", "json"])
    two = run_cli([*BASE, "--variants", sweep, "--format", "json", "--workers", "2"])
    assert one.code == two.code == 0
    assert one.out == two.out


def test_a_stored_sweep_is_not_run_again(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sweep, store = _sweep(tmp_path, SMALL), tmp_path / "results.jsonl"
    first = run_cli([*BASE, "--variants", sweep, "--format", "json", "--store", str(store)])
    assert first.code == 0, first.err
    assert len(store.read_text("utf-8").splitlines()) == 1 + 2 * 3

    from cskh_org.simulation import engine

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a stored replication ran again")

    monkeypatch.setattr(engine.Simulation, "run", refuse)
    again = run_cli([*BASE, "--variants", sweep, "--format", "json", "--store", str(store)])
    assert again.code == 0, again.err
    assert again.out == first.out


def test_a_variant_that_breaks_the_department_is_refused_at_its_op(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = SMALL + "variants:\n  - id: nowhere\n    department:\n"
    text += "      - {op: remove, path: /units/nosuch}\n"
    result = run_cli([*BASE, "--variants", _sweep(tmp_path, text)])
    assert result.code in (1, 2)
    assert "sweep.yaml:" in result.err
    assert "nosuch" in result.err
    assert "Traceback" not in result.err


def test_a_bad_sweep_file_is_a_located_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli([*BASE, "--variants", _sweep(tmp_path, "version: 1\nid: x\nid: y\n")])
    assert result.code in (1, 2)
    assert "sweep.yaml:3:" in result.err
    assert "Traceback" not in result.err


def test_a_local_dask_cluster_gives_the_local_answer(run_cli: RunCli, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    sweep = _sweep(tmp_path, SMALL)
    local = run_cli([*BASE, "--variants", sweep, "--format", "json"])
    dask = run_cli([*BASE, "--variants", sweep, "--format", "json", "--dask", "--workers", "2"])
    assert dask.code == 0, dask.err
    assert dask.out == local.out


def test_select_on_the_command_line(run_cli: RunCli, tmp_path: Path) -> None:
    """`--select` gives a file without `select` a goal (and would replace the file's)."""
    sweep = _sweep(tmp_path, SMALL)
    data = _json(
        run_cli(
            [
                *BASE,
                "--variants",
                sweep,
                "--select",
                "min staff_cost_month; overall/abandonment <= 0.5",
                "--format",
                "json",
            ]
        )
    )
    assert data["selection"]["best"] == "support_agents=2"
    bad = run_cli([*BASE, "--variants", sweep, "--select", "cheapest please", "--lang", "en"])
    assert bad.code == 2
    assert "cannot read `cheapest please`" in bad.err
    assert "Traceback" not in bad.err
    both = run_cli([*BASE, "--variants", sweep, "--select", "min x", "--no-select"])
    assert both.code == 2
