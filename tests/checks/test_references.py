"""The references check's first pass (cskh_org/checks/references.py): ``_all_known``, a field
at a time over every model of a class, says there is no unknown reference exactly when the
walk in document order finds none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import cskh_org
from cskh_org.checks.references import _all_known, _collect, reference_index
from cskh_org.model import Department
from tests.conftest import EXAMPLES

DOCUMENTS = sorted(
    [
        *(EXAMPLES / name / "department.yaml" for name in ("small", "large", "growing")),
        *(EXAMPLES / "invalid").glob("*.yaml"),
        *(EXAMPLES / "invalid").glob("*/*.yaml"),
    ]
)


def _department(path: Path) -> Department | None:
    return cskh_org.validate(path).department


def _agree(dept: Department) -> bool:
    index = reference_index(dept)
    found: list[Any] = []
    _collect(dept, (), found, index)
    fast = _all_known([dept], index)
    assert fast == (not found), found
    return fast


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_the_first_pass_agrees_with_the_walk_on_every_example(path: Path) -> None:
    dept = _department(path)
    if dept is None:
        pytest.skip("no department is built")
    _agree(dept)


def _unit_with(dept: Department, index: int, **update: Any) -> Department:
    units = list(dept.units)
    units[index] = units[index].model_copy(update=update)
    return dept.model_copy(update={"units": tuple(units)})


def _line_with(dept: Department, **update: Any) -> Department:
    unit = dept.units[-1]
    staff = list(unit.staff)
    staff[-1] = staff[-1].model_copy(update=update)
    return _unit_with(dept, len(dept.units) - 1, staff=tuple(staff))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: _line_with(d, role="nobody"),  # a text, two levels down
        lambda d: _line_with(d, functions=("support", "nothing")),  # an item of a list
        lambda d: _unit_with(d, 0, parent="nowhere"),
        lambda d: _unit_with(d, 1, concurrency={"pigeon": 2}),  # a key of a mapping
        lambda d: _unit_with(d, 1, channels=("phone", "pigeon")),
    ],
    ids=["staff-role", "staff-function", "unit-parent", "concurrency-key", "unit-channel"],
)
def test_an_unknown_reference_anywhere_fails_the_first_pass(change: Any) -> None:
    dept = _department(EXAMPLES / "large" / "department.yaml")
    assert dept is not None
    assert _agree(dept)
    assert not _agree(change(dept))
