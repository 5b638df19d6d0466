"""`validate` knows a workload: recognised by its keys, checked against its department.

A workload names its department by id; the file is `--department FILE`, else
`department.yaml` beside the workload (:mod:`cskh_org.loading.documents`).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cskh_org.errors import SourceError, UsageError
from cskh_org.loading import (
    LoadResult,
    WorkloadResult,
    is_workload,
    validate_document,
    validate_workload,
)
from tests.conftest import EXAMPLES, RunCli

CASES = EXAMPLES / "invalid" / "workload"


@pytest.mark.parametrize("size", ["small", "growing", "large"])
def test_a_bundled_workload_validates_clean_against_the_department_beside_it(
    run_cli: RunCli, size: str
) -> None:
    """`cskh-org validate examples/SIZE/workload.yaml` finds department.yaml beside it."""
    path = EXAMPLES / size / "workload.yaml"
    result = run_cli(["validate", "--strict", str(path)])
    assert result.code == 0, result.out
    assert result.out == f"{path}: valid (0 errors, 0 warnings, 0 notes)\n"
    assert isinstance(validate_document(path), WorkloadResult)


def test_documents_are_told_apart_by_their_keys() -> None:
    """A key only a workload has, and none only a department has, makes a workload."""
    assert is_workload({"id": "w", "start": "2027-03-01T00:00+07:00", "streams": []})
    assert is_workload({"department": "cskh"})
    assert not is_workload({"id": "d", "units": [], "start": "x"})  # mixed: a department
    assert not is_workload({"id": "d", "name": "x"})
    assert not is_workload(["streams"])
    department = validate_document(EXAMPLES / "small" / "department.yaml")
    assert isinstance(department, LoadResult)


def _case(name: str) -> tuple[Path, str, Path]:
    """The case file, its expected `code line:col`, and its department's file."""
    path = CASES / name
    head = path.read_text("utf-8").splitlines()
    expect = re.fullmatch(r"# expect: (\S+) (\d+:\d+).*", head[0])
    department = re.fullmatch(r"# department: (\S+)", head[1])
    assert expect is not None
    assert department is not None
    return path, f"{expect[1]} {expect[2]}", path.parent / department[1]


@pytest.mark.parametrize(
    "name", ["workload-unknown-unit.yaml", "workload-department-mismatch.yaml"]
)
def test_a_workload_error_is_reported_located(run_cli: RunCli, name: str) -> None:
    """With --department, the workload's findings are its own, at their file:line:col."""
    path, expect, department = _case(name)
    code, where = expect.split()
    result = run_cli(["validate", str(path), "--department", str(department)])
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(f"{path}:{where}: error[{code}]: "), lines
    assert lines[-1].startswith(f"{path}: invalid (1 error")
    library = validate_workload(path, department=department)
    assert [f.code for f in library.findings] == [code]


def test_json_says_which_kind_each_file_is(run_cli: RunCli) -> None:
    """`--format json` gives each file its kind; both kinds validate in one call."""
    folder = EXAMPLES / "growing"
    files = [str(folder / "department.yaml"), str(folder / "workload.yaml")]
    result = run_cli(["validate", "--format", "json", *files])
    assert result.code == 0, result.out
    report = json.loads(result.out)
    assert [(f["kind"], f["valid"]) for f in report["files"]] == [
        ("department", True),
        ("workload", True),
    ]


def test_without_a_department_beside_it_the_workload_asks_for_one(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """No `--department` and no department.yaml beside: exit 2 saying what to pass."""
    shutil.copy(EXAMPLES / "growing" / "workload.yaml", tmp_path / "week.yaml")
    result = run_cli(["validate", "week.yaml"], cwd=tmp_path)
    assert result.code == 2
    assert "week.yaml is a workload" in result.out
    assert "--department FILE" in result.out
    with pytest.raises(UsageError, match="--department FILE"):
        validate_workload(tmp_path / "week.yaml")


def test_a_department_that_cannot_be_built_is_named(tmp_path: Path) -> None:
    """The workload cannot be checked against a department that does not build."""
    shutil.copy(EXAMPLES / "growing" / "workload.yaml", tmp_path / "workload.yaml")
    shutil.copy(EXAMPLES / "invalid" / "missing-field.yaml", tmp_path / "department.yaml")
    with pytest.raises(SourceError, match="cannot be built"):
        validate_document(tmp_path / "workload.yaml")
