"""The review's effect and gates on the growing example's proposal (docs/reviews.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cskh_org.diff import Review, review
from cskh_org.errors import UsageError
from cskh_org.loading import LoadResult, validate
from tests.conftest import EXAMPLES
from tests.test_docs import _growing_next

Pair = tuple[LoadResult, LoadResult]


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    folder = tmp_path_factory.mktemp("next") / "growing-next"
    _growing_next(folder)
    return validate(EXAMPLES / "growing" / "department.yaml"), validate(folder / "department.yaml")


def _review(versions: Pair, gates: list[str]) -> Review:
    old, new = versions
    assert old.department is not None
    assert new.department is not None
    return review(
        old.department,
        new.department,
        old_findings=old.findings,
        new_findings=new.findings,
        fail_on=gates,
    )


def test_effect_prices_the_hire_and_names_the_new_finding(versions: Pair) -> None:
    answer = _review(versions, [])
    effect = answer.effect
    # one care agent: the role's monthly cost × 12, as the budget checks price it
    old = versions[0].unwrap()
    agent = old.roles_by_id["care_agent"].monthly_cost.amount
    assert effect.staff_year_change == agent * 12
    assert [u.unit for u in effect.units] == ["support"]
    assert effect.new_budget is not None
    assert effect.old_budget is not None
    assert effect.new_budget - effect.old_budget == agent * 12
    assert effect.new_cap == effect.old_cap == Decimal(3_600_000_000)
    assert not effect.over_cap
    assert [f.code for f in effect.introduced] == ["budget-category-over-cap"]
    assert effect.cleared == ()


@pytest.mark.parametrize(
    ("gates", "failed"),
    [
        (["error"], ("error",)),
        (["warning", "cost"], ("warning", "cost")),
        (["cap"], ()),
        (["moves"], ("moves",)),
        (["budget-category-over-cap", "routing-rule-shadowed"], ("budget-category-over-cap",)),
    ],
)
def test_gates(versions: Pair, gates: list[str], failed: tuple[str, ...]) -> None:
    assert _review(versions, gates).failed == failed


def test_the_reverse_change_clears_what_the_change_introduced(
    versions: Pair,
) -> None:
    answer = _review((versions[1], versions[0]), ["error", "cost"])
    assert answer.failed == ()
    cleared = answer.effect.cleared
    assert [f.code for f in cleared] == ["budget-category-over-cap"]


def test_a_malformed_gate_is_refused(versions: Pair) -> None:
    with pytest.raises(UsageError):
        _review(versions, ["rm -rf"])


def test_places_are_the_files_of_each_version(versions: Pair) -> None:
    answer = _review(versions, [])
    old, new = versions
    change = next(c for c in answer.changes if c.section == "rule")
    assert change.old_path is not None
    assert change.new_path is not None
    before, after = old.locate(change.old_path), new.locate(change.new_path)
    assert before is not None
    assert after is not None
    assert Path(before.file).parent.name == "growing"
    assert Path(after.file).parent.name == "growing-next"
