"""The semantic change list: matched by id, each change at its place in both versions."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.diff import ChangeKind, changes
from cskh_org.diff.changes import _out_of_order
from cskh_org.loading import validate, validate_text
from tests.conftest import examples

ROOT = Path(__file__).resolve().parents[2]
GROWING = ROOT / "examples" / "growing" / "department.yaml"
SMALL = (ROOT / "examples" / "small" / "department.yaml").read_text(encoding="utf-8")


def _pair(edit: Any) -> tuple[Any, Any, Any, Any]:
    old = validate_text(SMALL, name="old.yaml")
    new = validate_text(edit(SMALL), name="new.yaml")
    return old, new, old.unwrap(), new.unwrap()


def test_same_document_has_no_changes() -> None:
    dept = validate(GROWING).unwrap()
    assert changes(dept, dept) == ()


def test_a_default_written_out_is_no_change() -> None:
    _old, _new, a, b = _pair(lambda s: s.replace("  default: cskh\n", "  default: {unit: cskh}\n"))
    assert changes(a, b) == ()


def test_rule_retargeted_is_located_in_both_versions() -> None:
    old, new, a, b = _pair(lambda s: s.replace("priority: 1}", "priority: 2}", 1))
    (change,) = changes(a, b)
    assert change.kind is ChangeKind.CHANGED
    assert (change.section, change.subject, change.field) == ("rule", "complaints", "to.priority")
    assert (change.old, change.new) == ("1", "2")
    where_old = old.locate(change.old_path)
    where_new = new.locate(change.new_path)
    assert where_old is not None
    assert where_new is not None
    line = SMALL.splitlines()[where_old.line - 1]
    assert "priority: 1" in line
    assert (where_old.file, where_new.file) == ("old.yaml", "new.yaml")


def test_rule_added_and_budget_removed() -> None:
    def edit(s: str) -> str:
        s = s.replace(
            "  default: cskh\n",
            "    - id: returns\n      when: {category: return}\n      to: cskh\n  default: cskh\n",
        )
        return s[: s.index("budget:")]

    _, _, a, b = _pair(edit)
    found = {(c.kind, c.section, c.subject) for c in changes(a, b)}
    assert (ChangeKind.ADDED, "rule", "returns") in found
    assert (ChangeKind.REMOVED, "budget", "budget") in found


def test_growing_units_moved_renamed_and_staff_changed() -> None:
    old = validate(GROWING).unwrap()
    units = old.units
    # a unit moves under another, another is renamed, a staff line grows
    moved = units[-1]
    target = next(u for u in units if u.id not in (moved.id, moved.parent))
    renamed = units[1]
    changed_units = []
    for unit in units:
        edited = unit
        if unit.id == moved.id:
            edited = unit.model_copy(update={"parent": target.id})
        if unit.id == renamed.id:
            edited = unit.model_copy(update={"name": {"vi": "Tên mới", "en": "New name"}})
        changed_units.append(edited)
    lines = list(changed_units[0].staff)
    assert lines
    lines[0] = lines[0].model_copy(update={"headcount": lines[0].headcount + 3})
    changed_units[0] = changed_units[0].model_copy(update={"staff": tuple(lines)})
    new = old.model_copy(update={"units": tuple(changed_units)})
    found = {(c.kind, c.section, c.subject, c.field) for c in changes(old, new)}
    assert (ChangeKind.MOVED, "unit", moved.id, "parent") in found
    assert (ChangeKind.RENAMED, "unit", renamed.id, "name.vi") in found
    staff = f"{changed_units[0].id}/staff[0]"
    assert (ChangeKind.CHANGED, "staff-line", staff, "headcount") in found


@settings(max_examples=examples(200), deadline=None)
@given(st.permutations(list("abcdefg")), st.integers(2, 7))
def test_reordered_are_the_fewest_moves(order: list[str], n: int) -> None:
    """The reordered ids are n − LCS: checked against every subsequence."""
    a, b = list("abcdefg")[:n], [x for x in order if x in "abcdefg"[:n]]
    moved = _out_of_order(a, b)
    best = max(
        k
        for k in range(n + 1)
        for keep in itertools.combinations(a, k)
        if [x for x in b if x in keep] == list(keep)
    )
    assert len(moved) == n - best
    kept = [x for x in a if x not in moved]
    assert kept == [x for x in b if x not in moved]
