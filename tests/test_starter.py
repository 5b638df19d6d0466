"""`cskh-org init`: a starter document of each size, with its JSON Schema, never overwriting.

`tests/test_examples.py` validates the bundled templates themselves; these tests run the
command, validate what it wrote, and check that each size has the structure the domain
describes for it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from cskh_org.errors import UsageError
from cskh_org.loading import load_workload, validate
from cskh_org.model import BUILTIN_FUNCTIONS, Department
from cskh_org.serialize import SCHEMA_ID, WORKLOAD_SCHEMA_ID, schema_text, workload_schema_text
from cskh_org.starter import (
    SCHEMA_FILE,
    SIZES,
    WORKLOAD_FILE,
    WORKLOAD_SCHEMA_FILE,
    starter_text,
    workload_text,
    write_starter,
)
from tests.conftest import RunCli

MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"
WORKLOAD_MODELINE = f"# yaml-language-server: $schema=./{WORKLOAD_SCHEMA_FILE}\n"
SIX = set(BUILTIN_FUNCTIONS)


def _init(run_cli: RunCli, folder: Path, size: str, name: str = "department.yaml") -> Path:
    result = run_cli(["init", "--size", size, "-o", name], cwd=folder)
    assert (result.code, result.err) == (0, ""), result.err
    return folder / name


def _load(path: Path) -> Department:
    return validate(path).unwrap(strict=True)


@pytest.mark.parametrize("size", SIZES)
def test_init_writes_a_document_that_validates_clean(
    run_cli: RunCli, tmp_path: Path, size: str
) -> None:
    """`init --size SIZE -o FILE` writes a document `validate --strict` passes without findings."""
    result = run_cli(["init", "--size", size, "-o", "dept.yaml"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "wrote dept.yaml",
        f"wrote {WORKLOAD_FILE}",
        f"wrote {SCHEMA_FILE}",
        f"wrote {WORKLOAD_SCHEMA_FILE}",
        f"next: cskh-org validate dept.yaml {WORKLOAD_FILE} --department dept.yaml",
    ]
    command = result.out.splitlines()[-1].removeprefix("next: cskh-org ").split()
    check = run_cli([*command, "--strict"], cwd=tmp_path)
    assert check.code == 0, check.out
    assert check.out.splitlines() == [
        "dept.yaml: valid (0 errors, 0 warnings, 1 note) (-v shows notes)",
        f"{WORKLOAD_FILE}: valid (0 errors, 0 warnings, 0 notes)",
    ]


@pytest.mark.parametrize("size", SIZES)
def test_document_starts_with_the_schema_modeline_and_the_schema_is_beside_it(
    run_cli: RunCli, tmp_path: Path, size: str
) -> None:
    """The first line points the YAML language server at the schema file written next to it."""
    path = _init(run_cli, tmp_path, size)
    text = path.read_text("utf-8")
    assert text.startswith(MODELINE)
    assert text == starter_text(size)
    schema_path = tmp_path / SCHEMA_FILE
    assert schema_path.read_text("utf-8") == schema_text()
    schema = json.loads(schema_path.read_text("utf-8"))
    assert schema["$id"] == SCHEMA_ID
    whole = schema["$defs"]["Department"]  # a document without `include`
    assert {"id", "name", "currency", "timezone", "roles", "units"} <= set(whole["required"])


def test_default_size_is_small_and_default_file_is_department_yaml(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Plain `cskh-org init` writes the small starter to `department.yaml`, and the next
    step validates both documents (the workload finds `department.yaml` beside it)."""
    result = run_cli(["init"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "department.yaml").read_text("utf-8") == starter_text("small")
    assert (tmp_path / WORKLOAD_FILE).read_text("utf-8") == workload_text("small")
    assert result.out.splitlines()[-1] == f"next: cskh-org validate department.yaml {WORKLOAD_FILE}"
    check = run_cli(["validate", "--strict", "department.yaml", WORKLOAD_FILE], cwd=tmp_path)
    assert check.code == 0, check.out


@pytest.mark.parametrize("size", SIZES)
def test_the_workload_starts_with_its_schema_modeline_and_names_the_department(
    run_cli: RunCli, tmp_path: Path, size: str
) -> None:
    """`workload.yaml` points the YAML language server at the workload schema beside it, and
    names the department it is written for by id."""
    department = _load(_init(run_cli, tmp_path, size))
    text = (tmp_path / WORKLOAD_FILE).read_text("utf-8")
    assert text.startswith(WORKLOAD_MODELINE)
    assert (tmp_path / WORKLOAD_SCHEMA_FILE).read_text("utf-8") == workload_schema_text()
    assert json.loads(workload_schema_text())["$id"] == WORKLOAD_SCHEMA_ID
    workload = load_workload(tmp_path / WORKLOAD_FILE, department).unwrap(strict=True)
    assert workload.department == department.id


def test_init_creates_missing_folders_and_puts_the_schema_in_the_documents_folder(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """`-o org/2025/dept.yaml` creates the folders; the schema goes to `org/2025/`."""
    path = _init(run_cli, tmp_path, "large", "org/2025/dept.yaml")
    assert path.is_file()
    assert (tmp_path / "org" / "2025" / SCHEMA_FILE).is_file()
    assert not (tmp_path / SCHEMA_FILE).exists()


def test_existing_file_is_not_overwritten_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    """An existing FILE makes `init` exit 2 with the reason, leaving the file byte for byte."""
    path = tmp_path / "department.yaml"
    path.write_bytes(b"# my own department\nid: mine\n")
    result = run_cli(["init", "--size", "growing", "-o", "department.yaml"], cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        "cskh-org: error: department.yaml already exists; choose another name or pass --force\n"
    )
    assert path.read_bytes() == b"# my own department\nid: mine\n"
    assert not (tmp_path / SCHEMA_FILE).exists()
    assert not (tmp_path / WORKLOAD_FILE).exists()


def test_an_existing_workload_is_not_overwritten_without_force(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A `workload.yaml` beside FILE stops `init` (exit 2) before anything is written."""
    workload = tmp_path / WORKLOAD_FILE
    workload.write_bytes(b"id: mine\n")
    result = run_cli(["init", "-o", "department.yaml"], cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        f"cskh-org: error: {WORKLOAD_FILE} already exists; choose another name or pass --force\n"
    )
    assert workload.read_bytes() == b"id: mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [WORKLOAD_FILE]
    result = run_cli(["init", "-o", "department.yaml", "--force"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert workload.read_text("utf-8") == workload_text("small")


def test_the_department_cannot_be_named_like_the_workload(tmp_path: Path) -> None:
    """`-o workload.yaml` would write both documents to one file: refused."""
    with pytest.raises(UsageError, match="name of the workload"):
        write_starter("small", tmp_path / WORKLOAD_FILE)
    assert list(tmp_path.iterdir()) == []


def test_force_overwrites_the_file(run_cli: RunCli, tmp_path: Path) -> None:
    """With `--force` an existing FILE is replaced by the starter."""
    path = tmp_path / "department.yaml"
    path.write_text("id: mine\n", "utf-8")
    result = run_cli(["init", "--size", "large", "-o", "department.yaml", "--force"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert path.read_text("utf-8") == starter_text("large")


def test_an_up_to_date_schema_is_left_alone(run_cli: RunCli, tmp_path: Path) -> None:
    """A second document in the same folder reuses the schemas already there, unchanged."""
    _init(run_cli, tmp_path, "small", "a.yaml")
    (tmp_path / WORKLOAD_FILE).rename(tmp_path / "a-workload.yaml")  # else init refuses
    result = run_cli(["init", "--size", "growing", "-o", "b.yaml"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "wrote b.yaml"
    assert f"wrote {SCHEMA_FILE}" not in result.out
    assert f"wrote {WORKLOAD_SCHEMA_FILE}" not in result.out


def test_a_different_schema_is_not_overwritten_without_force(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A schema file from another version stops `init` (exit 2), writing nothing, until --force."""
    schema_path = tmp_path / SCHEMA_FILE
    schema_path.write_text('{"old": true}\n', "utf-8")
    result = run_cli(["init", "-o", "department.yaml"], cwd=tmp_path)
    assert result.code == 2
    assert "differs from this version's schema" in result.err
    assert schema_path.read_text("utf-8") == '{"old": true}\n'
    assert not (tmp_path / "department.yaml").exists()
    result = run_cli(["init", "-o", "department.yaml", "--force"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert schema_path.read_text("utf-8") == schema_text()


@pytest.mark.parametrize(
    ("output", "reason"),
    [("a_file/department.yaml", "cannot write"), ("a_folder", "is a folder")],
)
def test_unwritable_target_is_a_usage_error(tmp_path: Path, output: str, reason: str) -> None:
    """A target under a file, or a folder (even with --force), is a UsageError, not a crash."""
    (tmp_path / "a_file").write_text("x", "utf-8")
    (tmp_path / "a_folder").mkdir()
    with pytest.raises(UsageError, match=reason):
        write_starter("small", tmp_path / output, force=True)


def test_unknown_size_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    """A size other than small, growing or large is bad usage: exit 2, nothing written."""
    result = run_cli(["init", "--size", "huge", "-o", "d.yaml"], cwd=tmp_path)
    assert result.code == 2
    assert "invalid choice: 'huge'" in result.err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UsageError, match="unknown size `huge`"):
        starter_text("huge")


# -- the structure of each size ----------------------------------------------------------------


def test_small_is_one_unit_where_one_named_person_holds_every_role(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Small: a single unit covers all six functions, led by the one named full-time person."""
    dept = _load(_init(run_cli, tmp_path, "small"))
    [unit] = dept.units
    assert unit.parent is None
    assert set(unit.functions) == SIX
    [person] = dept.people
    full_time = [line for line in unit.staff if line.fte == 1]
    assert [(line.role, line.person, line.headcount) for line in full_time] == [
        (unit.head, person.id, 1)
    ]
    helpers = [line for line in unit.staff if line.fte < 1]
    assert all(line.person is None for line in helpers)  # at most a part-time helper besides
    assert sum(line.fte * line.headcount for line in helpers) <= Decimal("0.5")


def test_growing_groups_returns_warranty_and_issue_resolution_in_one_team(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Growing: one team holds returns, warranty and issue resolution; another support."""
    dept = _load(_init(run_cli, tmp_path, "growing"))
    [top] = [u for u in dept.units if u.parent is None]
    teams = dept.children(top.id)
    assert len(teams) == 2
    by_functions = {frozenset(team.functions): team for team in teams}
    assert frozenset({"returns_warranty", "issue_resolution"}) in by_functions
    assert frozenset({"support", "account_management", "sales"}) in by_functions
    assert set(top.functions) == {"loyalty"}
    assert {f for u in dept.units for f in u.functions} == SIX
    assert all(team.head is not None and team.head != top.head for team in teams)
    assert any(line.fte < 1 for team in teams for line in team.staff)  # part-timers


def test_large_has_six_specialised_teams_under_the_department_head(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Large: six teams, one per built-in function, each with a team leader, under one head."""
    dept = _load(_init(run_cli, tmp_path, "large"))
    [top] = [u for u in dept.units if u.parent is None]
    assert top.head is not None
    assert dept.roles_by_id[top.head].level == max(r.level for r in dept.roles)
    teams = dept.children(top.id)
    assert sorted(f for team in teams for f in team.functions) == sorted(SIX)
    assert all(len(team.functions) == 1 for team in teams)
    assert len(teams) == 6
    assert {team.head for team in teams} == {"team_leader"}
    assert all(dept.roles_by_id[team.head or ""].level == 2 for team in teams)
    assert {f.id for f in dept.functions} <= set(top.functions)  # custom work stays at the top


def test_sizes_grow_in_units_and_headcount(run_cli: RunCli, tmp_path: Path) -> None:
    """Each size has more units and more people than the one before."""
    sizes = [_load(_init(run_cli, tmp_path, size, f"{size}/department.yaml")) for size in SIZES]
    assert [len(d.units) for d in sizes] == sorted({len(d.units) for d in sizes})
    headcounts = [sum(u.headcount for u in d.units) for d in sizes]
    assert headcounts == sorted(set(headcounts))


# -- every command accepts the starter ---------------------------------------------------------

COMMANDS = {
    "route": [
        "route",
        "department.yaml",
        "--ticket",
        '{"channel": "phone", "category": "complaint"}',
        "--lang",
        "en",
    ],
    "route-explain": ["route", "department.yaml", "--ticket", '{"channel": "phone"}', "--explain"],
    "sla": [
        "sla",
        "department.yaml",
        "--ticket",
        '{"channel": "phone", "category": "complaint"}',
        "--opened",
        "2027-03-01T16:50+07:00",
        "--lang",
        "en",
    ],
    "escalation": ["escalation", "department.yaml"],
    "budget": ["budget", "department.yaml", "--by", "unit", "--by", "category"],
    "render": ["render", "department.yaml", "--all", "-o", "diagrams"],
    "simulate": [
        "simulate",
        "department.yaml",
        "--workload",
        WORKLOAD_FILE,
        "--days",
        "2",
        "--replications",
        "2",
    ],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("size", SIZES)
def test_every_command_accepts_the_starter(
    run_cli: RunCli, tmp_path: Path, size: str, command: str
) -> None:
    """The written department and workload work with every command, with nothing on stderr."""
    _init(run_cli, tmp_path, size)
    result = run_cli(COMMANDS[command], cwd=tmp_path)
    assert (result.code, result.err) == (0, ""), result.err
    assert result.out


def test_the_starter_answers_sensibly(run_cli: RunCli, tmp_path: Path) -> None:
    """A complaint goes where the rules say, with the complaint SLA counted in business time,
    and the budget is approved by the board after the head of sales reviews it."""
    _init(run_cli, tmp_path, "growing")
    route = run_cli(COMMANDS["route"], cwd=tmp_path)
    assert route.out.splitlines()[:2] == ["unit:     after_sales", "rule:     complaints"]
    sla = run_cli(COMMANDS["sla"], cwd=tmp_path)
    assert sla.out.splitlines()[0] == "policy:  complaints"
    assert "business time on office_hours" in sla.out
    due = sla.out.splitlines()[2]  # opened 16:50, 1h of office hours: due the next morning
    assert due.startswith("first_response:  due 2027-03-02T08:20:00+07:00"), due
    dept = _load(tmp_path / "department.yaml")
    assert dept.budget is not None
    assert dept.budget.approval is not None
    chain = dept.budget.approval
    assert (chain.prepare.unit, chain.review.external, chain.approve.external) == (
        "cskh",
        "head_of_sales",
        "board",
    )
    assert run_cli(COMMANDS["render"], cwd=tmp_path).code == 0
    views = {p.stem for p in (tmp_path / "diagrams").iterdir()}
    assert {"org", "routing", "escalation", "approval"} <= views, views
