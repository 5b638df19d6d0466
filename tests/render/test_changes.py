"""The org chart of a change: each touched unit drawn by what happened to it, in every format."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from cskh_org.diff import review
from cskh_org.errors import RenderError
from cskh_org.loading import validate
from cskh_org.model import Department
from cskh_org.render import render_view
from cskh_org.render.changes import CHANGE_FILL, change_view
from cskh_org.render.views import safe_id
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def pair() -> tuple[Department, Department]:
    old = validate(EXAMPLES / "growing" / "department.yaml").unwrap()
    units = []
    for unit in old.units:
        if unit.id == "online_care":  # moves under the care manager
            units.append(unit.model_copy(update={"parent": "cskh"}))
        elif unit.id == "after_sales":  # one more agent
            staff = list(unit.staff)
            staff[-1] = staff[-1].model_copy(update={"headcount": staff[-1].headcount + 1})
            units.append(unit.model_copy(update={"staff": tuple(staff)}))
        else:
            units.append(unit)
    support = old.units_by_id["support"]
    units.append(
        support.model_copy(
            update={"id": "social_desk", "parent": "support", "name": {"en": "<b>x"}}
        )
    )
    # an old unit that the new version no longer has
    ghost = support.model_copy(update={"id": "phone_pool", "parent": "cskh"})
    before = _fresh(old.model_copy(update={"units": (*old.units, ghost)}))
    return before, _fresh(old.model_copy(update={"units": tuple(units)}))


def _fresh(dept: Department) -> Department:
    """The department built again (``model_copy`` keeps the cached id lookups of the copy's
    source)."""
    return Department.model_validate(dept.model_dump(mode="json", by_alias=True))


def _states(pair: tuple[Department, Department]) -> dict[str, str]:
    return review(*pair).unit_states()


def test_states_of_the_review(pair: tuple[Department, Department]) -> None:
    assert _states(pair) == {
        "online_care": "moved",
        "after_sales": "changed",
        "social_desk": "added",
        "phone_pool": "removed",
    }


def test_the_view_marks_each_unit(pair: tuple[Department, Department]) -> None:
    view = change_view(*pair, _states(pair), lang="en")
    by_id = {n.id: n for n in view.nodes}
    for unit, state in _states(pair).items():
        node = by_id[safe_id("u", unit)]
        assert node.change == state
        assert node.fill == CHANGE_FILL[state]
    assert by_id[safe_id("u", "phone_pool")].dashed
    assert by_id[safe_id("u", "online_care")].lines[0] == "● moved from Support and accounts team"
    assert by_id[safe_id("u", "support")].change == ""
    assert [e.label for e in view.legend] == ["added", "removed", "moved", "changed"]


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_text_formats_carry_the_change(pair: tuple[Department, Department], fmt: str) -> None:
    text = render_view(change_view(*pair, _states(pair), lang="vi"), fmt).decode("utf-8")
    for fill in CHANGE_FILL.values():
        assert fill in text
    assert "<b>x" not in text  # the hostile name is escaped
    if fmt == "mermaid":
        assert "classDef change_moved" in text


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_draws_every_state(pair: tuple[Department, Department]) -> None:
    svg = render_view(change_view(*pair, _states(pair), lang="en"), "svg").decode("utf-8")
    root = ET.fromstring(svg)
    text = "".join(root.itertext())
    assert "removed" in text
    assert "moved from" in text
    for fill in CHANGE_FILL.values():
        assert fill in svg


def test_an_unknown_state_is_refused(pair: tuple[Department, Department]) -> None:
    with pytest.raises(RenderError):
        change_view(*pair, {"support": "exploded"})
