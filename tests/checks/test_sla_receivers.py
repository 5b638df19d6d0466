"""The units each SLA policy's tickets reach, worked out with an index of the boxes taken
(``checks.sla._receivers``), equal the plain first-match cut by every earlier box, on the
examples and on generated departments; and the index finds exactly the boxes that meet."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.bench_scale import write_case
from cskh_org.checks.sla import _BoxIndex, _receiving_units
from cskh_org.loading import validate
from cskh_org.model import Department
from cskh_org.model.routing import Condition
from cskh_org.routing.analysis import _Packing

ROOT = Path(__file__).resolve().parents[2]


def plain_receivers(dept: Department) -> dict[int | None, set[str] | None]:
    """The algorithm before the index: every box cut by every box taken before it."""
    from cskh_org.routing.analysis import PIECE_LIMIT
    from cskh_org.routing.boxes import Space, TooComplex, boxes_intersect, subtract

    sla = dept.sla
    assert sla is not None
    indexes: list[int | None] = [*range(len(sla.policies)), None]
    routing = dept.routing
    if routing is None:
        return dict.fromkeys(indexes)
    space = Space(
        dept.ticket_schema, [*(r.when for r in routing.rules), *(p.when for p in sla.policies)]
    )

    def regions(whens: list[Condition | None]) -> list[list[tuple[int, ...]]]:
        out: list[list[tuple[int, ...]]] = []
        taken: list[tuple[int, ...]] = []
        for when in [*whens, None]:
            mine = space.compile(when)
            rest: list[tuple[int, ...]] = []
            for box in mine:
                pieces = [box]
                for t in taken:
                    pieces = [q for p in pieces for q in subtract(p, t)]
                    if len(pieces) > PIECE_LIMIT:
                        raise TooComplex
                rest.extend(pieces)
            out.append(rest)
            taken.extend(mine)
        return out

    try:
        rule_regions = regions([r.when for r in routing.rules])
        policy_regions = regions([p.when for p in sla.policies])
    except TooComplex:
        return dict.fromkeys(indexes)
    units = [r.to.unit for r in routing.rules] + [routing.default.unit]
    return {
        index: {
            unit
            for unit, rule_region in zip(units, rule_regions, strict=True)
            if any(boxes_intersect(a, b) for a in region for b in rule_region)
        }
        for index, region in zip(indexes, policy_regions, strict=True)
    }


@pytest.mark.parametrize("name", ["large", "growing", "small"])
def test_the_examples_reach_the_same_units(name: str) -> None:
    dept = validate(ROOT / "examples" / name / "department.yaml").unwrap()
    if dept.sla is None:
        pytest.skip("no SLA section")
    assert _receiving_units(dept) == plain_receivers(dept)


@pytest.mark.parametrize("seed", range(6))
def test_generated_departments_reach_the_same_units(tmp_path: Path, seed: int) -> None:
    case = write_case(
        tmp_path, seed=seed, units=60, staff_lines=120, rules=80, steps=10, policies=12
    )
    dept = validate(case.department).unwrap()
    found = _receiving_units(dept)
    assert found == plain_receivers(dept)
    assert any(found.values())


def test_the_answer_is_kept_for_the_department(tmp_path: Path) -> None:
    case = write_case(tmp_path, units=20, staff_lines=40, rules=10, steps=2, policies=3)
    dept = validate(case.department).unwrap()
    assert _receiving_units(dept) is _receiving_units(dept)


_box = st.lists(st.integers(0, 15), min_size=3, max_size=3).map(tuple)


@settings(max_examples=200, deadline=None)
@given(st.lists(_box, max_size=30), _box)
def test_the_index_finds_exactly_the_boxes_that_meet(
    boxes: list[tuple[int, ...]], box: tuple[int, ...]
) -> None:
    domains = [SimpleNamespace(size=4)] * 3  # (the packing reads each domain's size)
    index = _BoxIndex(_Packing(cast(Any, SimpleNamespace(domains=domains, universe=(15,) * 3))))
    for b in boxes:
        index.add(b)
    expected = [i for i, b in enumerate(boxes) if all(x & y for x, y in zip(box, b, strict=True))]
    assert index.meeting(box) == expected
