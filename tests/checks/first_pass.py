"""What the tests of the checks' first passes share (tests/checks/test_references.py,
tests/checks/test_names.py): each fast first pass must say "nothing found" exactly when the
walk in document order finds nothing, on every example and after one change anywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cskh_org
from cskh_org.model import Department
from tests.conftest import EXAMPLES

DOCUMENTS = sorted(
    [
        *(EXAMPLES / name / "department.yaml" for name in ("small", "large", "growing")),
        *(EXAMPLES / "invalid").glob("*.yaml"),
        *(EXAMPLES / "invalid").glob("*/*.yaml"),
    ]
)
"""Every example document, the invalid ones included."""

Agree = Callable[[Department], bool]
"""Runs a first pass and the walk on a department, asserts they agree and returns the first
pass's answer (True: nothing found)."""


def document_id(path: Path) -> str:
    return path.relative_to(EXAMPLES).as_posix()


def department(path: Path) -> Department | None:
    return cskh_org.validate(path).department


def agree_on(path: Path, agree: Agree) -> None:
    """The first pass agrees with the walk on the example ``path`` (skipped when it builds
    no department)."""
    dept = department(path)
    if dept is None:
        pytest.skip("no department is built")
    agree(dept)


def fails_after(change: Callable[[Department], Department], agree: Agree) -> None:
    """The large example passes, and fails once ``change`` is made to it."""
    dept = department(EXAMPLES / "large" / "department.yaml")
    assert dept is not None
    assert agree(dept)
    assert not agree(change(dept))


def unit_with(dept: Department, index: int, **update: Any) -> Department:
    units = list(dept.units)
    units[index] = units[index].model_copy(update=update)
    return dept.model_copy(update={"units": tuple(units)})


def line_with(dept: Department, **update: Any) -> Department:
    """The last staff line of the last unit changed."""
    unit = dept.units[-1]
    staff = list(unit.staff)
    staff[-1] = staff[-1].model_copy(update=update)
    return unit_with(dept, len(dept.units) - 1, staff=tuple(staff))
