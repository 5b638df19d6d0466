"""`cskh-org staff`: the bundled example's need by interval as a table, CSV and JSON, targets
given on the command line, and clean refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import RunCli

LARGE = "examples/large/department.yaml"
WORKLOAD = "examples/large/workload.yaml"


def test_the_large_example_in_every_format(run_cli: RunCli) -> None:
    table = run_cli(["staff", LARGE, "--workload", WORKLOAD, "--lang", "en"])
    assert table.code == 0, table.err
    assert table.out.startswith("Staffing: sao_mai_cskh under sao_mai_nov_2027 (30-minute")
    as_json = run_cli(["staff", LARGE, "--workload", WORKLOAD, "--format", "json"])
    assert as_json.code == 0, as_json.err
    doc = json.loads(as_json.out)
    units = {u["unit"]: u for u in doc["units"]}
    assert "support_hotline" in units
    assert len(units["support_hotline"]["on_duty"]) == 7 * 48
    for unit, row in units.items():
        line = next(x for x in table.out.splitlines() if x.startswith(unit + " "))
        assert line.split()[1] == str(max(row["on_duty"]))
    as_csv = run_cli(["staff", LARGE, "--workload", WORKLOAD, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.out)))
    assert {r["unit"] for r in rows} == set(units)


def test_targets_interval_and_method_from_the_command_line(run_cli: RunCli) -> None:
    args = ["staff", LARGE, "--workload", WORKLOAD, "--format", "json", "--interval", "1h"]
    loose = json.loads(run_cli([*args, "--target", "50/1h", "--method", "erlang-c"]).out)
    tight = json.loads(run_cli([*args, "--target", "95/10s", "--target", "abandon:2%"]).out)
    assert loose["interval_minutes"] == 60
    assert loose["method"] == "erlang-c"
    for a, b in zip(loose["units"], tight["units"], strict=True):
        assert all(x <= y for x, y in zip(a["on_duty"], b["on_duty"], strict=True))
    assert sum(map(sum, (u["on_duty"] for u in loose["units"]))) < sum(
        map(sum, (u["on_duty"] for u in tight["units"]))
    )


@pytest.mark.parametrize(
    ("extra", "word"),
    [
        (["--interval", "20m"], "must be 15m, 30m or 60m"),
        (["--target", "eighty/20"], "cannot read the target"),
        (["--target", "150/20"], "must be a share above 0 and below 1"),
        (["--sla-share", "0"], "must be a share"),
        (["--max-occupancy", "150%"], "must be a share"),
    ],
)
def test_what_cannot_be_staffed_exits_2_with_the_reason(
    run_cli: RunCli, extra: list[str], word: str
) -> None:
    result = run_cli(["staff", LARGE, "--workload", WORKLOAD, "--lang", "en", *extra])
    assert result.code == 2
    assert word in result.err
    assert "Traceback" not in result.err


SMALL = "examples/small/department.yaml"
SMALL_WORKLOAD = "examples/small/workload.yaml"
SIMULATED = ["--method", "simulation", "--replications", "3", "--interval", "60m"]


def test_simulation_in_every_format(run_cli: RunCli) -> None:
    """``--method simulation``: the table says how it was verified; JSON and CSV carry what
    the last run measured; no progress bar off a terminal."""
    args = ["staff", SMALL, "--workload", SMALL_WORKLOAD, *SIMULATED, "--seed", "2"]
    table = run_cli([*args, "--lang", "en"])
    assert table.code == 0, table.err
    assert "then simulated with the department's own router" in table.out
    assert "simulated: lowest service level of the intervals verified" in table.out
    assert table.err == ""
    doc = json.loads(run_cli([*args, "--format", "json"]).out)
    assert doc["method"] == "simulation"
    assert doc["verification"]["replications"] == 3
    assert doc["verification"]["seed"] == 2
    (unit,) = doc["units"]
    measured = unit["queues"][0]["measured"]
    assert len(measured) == 7 * 24
    assert any(m is not None and m["met"] for m in measured)
    rows = list(csv.DictReader(io.StringIO(run_cli([*args, "--format", "csv"]).out)))
    queue_rows = [r for r in rows if r["channel"]]
    assert {r["method"] for r in queue_rows} <= {"erlang-a", "erlang-c"}
    assert any(r["simulated_met"] == "true" for r in queue_rows)
    assert [int(r["agents"]) for r in rows if not r["channel"]] == unit["on_duty"]


@pytest.mark.parametrize(
    ("extra", "word"),
    [
        (["--seed", "3"], "--seed is only for --method simulation"),
        (["--workers", "2"], "--workers is only for --method simulation"),
        ([*SIMULATED, "--replications", "1"], "`replications` must be a whole number from 2"),
        ([*SIMULATED, "--workers", "0"], "`workers` must be a whole number from 1"),
        ([*SIMULATED, "--seed", "1" * 30], "the seed must be a whole number"),
        ([*SIMULATED, "--per-channel"], "--per-channel is not for --method simulation"),
    ],
)
def test_bad_simulation_arguments_exit_2_with_the_reason(
    run_cli: RunCli, extra: list[str], word: str
) -> None:
    result = run_cli(["staff", SMALL, "--workload", SMALL_WORKLOAD, "--lang", "en", *extra])
    assert result.code == 2, result.out
    assert word in result.err
    assert "Traceback" not in result.err


def test_by_skill_staffs_each_skill_group(run_cli: RunCli) -> None:
    """The growing example's after-sales team: complaints ask for complaint handling and
    returns for repair, which not every line has: one queue per skill group, in JSON, CSV
    and the table, and the unit's agents their sum."""
    growing = ["examples/growing/department.yaml", "--workload", "examples/growing/workload.yaml"]
    as_json = run_cli(["staff", *growing, "--by-skill", "--format", "json"])
    assert as_json.code == 0, as_json.err
    units = {u["unit"]: u for u in json.loads(as_json.out)["units"]}
    queues = units["after_sales"]["queues"]
    assert [q["skills"] for q in queues] == [
        ["complaint_handling", "product_knowledge", "vietnamese"],
        ["product_knowledge", "repair", "vietnamese"],
    ]
    sums = [sum(q["agents"][k] for q in queues) for k in range(7 * 48)]
    assert units["after_sales"]["on_duty"] == sums
    assert [q["skills"] for q in units["online_care"]["queues"]] == [None]  # no skill asked
    pooled = json.loads(run_cli(["staff", *growing, "--format", "json"]).out)
    assert [len(u["queues"]) for u in pooled["units"]] == [1, 1, 1]
    rows = csv.DictReader(
        io.StringIO(run_cli(["staff", *growing, "--by-skill", "--format", "csv"]).out)
    )
    assert {r["skills"] for r in rows if r["unit"] == "after_sales" and r["channel"]} == {
        "complaint_handling+product_knowledge+vietnamese",
        "product_knowledge+repair+vietnamese",
    }
    table = run_cli(["staff", *growing, "--by-skill", "--lang", "en"]).out
    assert "agents with product_knowledge+repair+vietnamese: Erlang" in table
