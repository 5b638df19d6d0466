"""The references check's first pass (cskh_org/checks/references.py): ``_all_known``, a field
at a time over every model of a class, says there is no unknown reference exactly when the
walk in document order finds none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cskh_org.checks.references import _all_known, _collect, reference_index
from cskh_org.model import Department
from tests.checks.first_pass import (
    DOCUMENTS,
    agree_on,
    document_id,
    fails_after,
    line_with,
    unit_with,
)


def _agree(dept: Department) -> bool:
    index = reference_index(dept)
    found: list[Any] = []
    _collect(dept, (), found, index)
    fast = _all_known([dept], index)
    assert fast == (not found), found
    return fast


@pytest.mark.parametrize("path", DOCUMENTS, ids=document_id)
def test_the_first_pass_agrees_with_the_walk_on_every_example(path: Path) -> None:
    agree_on(path, _agree)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: line_with(d, role="nobody"),  # a text, two levels down
        lambda d: line_with(d, functions=("support", "nothing")),  # an item of a list
        lambda d: unit_with(d, 0, parent="nowhere"),
        lambda d: unit_with(d, 1, concurrency={"pigeon": 2}),  # a key of a mapping
        lambda d: unit_with(d, 1, channels=("phone", "pigeon")),
    ],
    ids=["staff-role", "staff-function", "unit-parent", "concurrency-key", "unit-channel"],
)
def test_an_unknown_reference_anywhere_fails_the_first_pass(change: Any) -> None:
    fails_after(change, _agree)
