"""The repeats check's first pass (cskh_org/checks/names.py): ``_no_repeats``, a level and a
field at a time, says no list repeats an entry exactly when the walk in document order finds
none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cskh_org.checks.names import _no_repeats, _repeats
from cskh_org.findings import Issue
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
    found: list[Issue] = []
    _repeats(dept, (), found)
    fast = _no_repeats([dept])
    assert fast == (not found), found
    return fast


@pytest.mark.parametrize("path", DOCUMENTS, ids=document_id)
def test_the_first_pass_agrees_with_the_walk_on_every_example(path: Path) -> None:
    agree_on(path, _agree)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: line_with(d, skills=("vi", "vi")),  # two levels down
        lambda d: unit_with(d, 0, channels=("phone", "phone")),
        lambda d: d.model_copy(update={"languages": ("vi", "en", "vi")}),  # at the top
    ],
    ids=["staff-skills", "unit-channels", "languages"],
)
def test_a_repeat_anywhere_fails_the_first_pass(change: Any) -> None:
    fails_after(change, _agree)
