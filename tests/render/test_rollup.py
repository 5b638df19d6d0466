"""The org chart's rolled-up totals (counted by (role, FTE, headcount) over each collapsed
subtree, priced only for the drawn boxes) against a plain reference: every unit below a box,
found by walking the parents, its staff lines priced one by one with
:meth:`~cskh_org.model.org.StaffLine.monthly_cost`."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.model import BUILTIN_FUNCTIONS
from cskh_org.money import exact_sum
from cskh_org.render import build_view
from cskh_org.render.views import _cost_text, safe_id

ROLES = (
    "  - {id: lead, title: {vi: Trưởng nhóm, en: Lead}, monthly_cost: 18000000 VND}",
    "  - {id: agent, title: {vi: Nhân viên, en: Agent}, monthly_cost: 11000000 VND}",
    "  - {id: expert, title: {vi: Chuyên gia, en: Expert}, monthly_cost: 25000000 VND}",
)
FTES = ("0.25", "0.5", "0.75", "1", "0.333")

lines = st.tuples(
    st.sampled_from(["lead", "agent", "expert"]), st.integers(0, 4), st.sampled_from(FTES)
)


@st.composite
def orgs(draw: st.DrawFn) -> tuple[str, int | None]:
    """A department of 1–40 units in a random tree (each unit's parent an earlier one), each
    with 0–3 random staff lines; and a depth (or none: as many levels as fit)."""
    size = draw(st.integers(1, 40))
    every = ", ".join(BUILTIN_FUNCTIONS)
    out = [
        "version: 1",
        "id: rollup",
        "name: {vi: Phòng, en: Department}",
        "currency: VND",
        "timezone: Asia/Ho_Chi_Minh",
        "roles:",
        *ROLES,
        "units:",
    ]
    for i in range(size):
        parent = f", parent: u{draw(st.integers(0, i - 1))}" if i else f", functions: [{every}]"
        staff = ", ".join(
            f"{{role: {role}, headcount: {count}, fte: {fte}}}"
            for role, count, fte in draw(st.lists(lines, max_size=3))
        )
        out.append(
            f"  - {{id: u{i}, name: {{vi: Nhóm {i}, en: Team {i}}}{parent}, staff: [{staff}]}}"
        )
    depth = draw(st.none() | st.integers(0, 4))
    return "\n".join(out) + "\n", depth


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs(), st.sampled_from([None, 3, 8]))
def test_every_box_shows_the_totals_of_its_whole_subtree(
    org: tuple[str, int | None], boxes: int | None
) -> None:
    text, depth = org
    dept = cskh_org.loads(text, name="rollup")
    view = (
        build_view(dept, "org", lang="en", depth=depth)
        if boxes is None
        else build_view(dept, "org", lang="en", depth=depth, boxes=boxes)
    )
    parents = {u.id: u.parent for u in dept.units}
    roles = dept.roles_by_id

    def below(unit: str) -> list[cskh_org.model.Unit]:
        def under(uid: str | None) -> bool:
            while uid is not None:
                if uid == unit:
                    return True
                uid = parents[uid]
            return False

        return [u for u in dept.units if under(u.id)]

    drawn = {n.id: n for n in view.nodes}
    for unit in dept.units:
        box = drawn.get(safe_id("u", unit.id))
        if box is None:
            continue
        subtree = below(unit.id)
        if len(subtree) == 1:
            assert not any(line.startswith("Σ") for line in box.lines)
            continue
        staff = [line for u in subtree for line in u.staff]
        people = sum(line.headcount for line in staff)
        fte = exact_sum(line.fte * line.headcount for line in staff)
        cost: dict[str, Decimal] = {}
        for line in staff:
            role = roles[line.role]
            currency = role.monthly_cost.currency or dept.currency
            cost[currency] = cost.get(currency, Decimal(0)) + line.monthly_cost(role)
        who = "person" if people == 1 else "people"
        fte_text = format(fte.normalize(), "f")
        assert f"Σ with units below: {people} {who} · {fte_text} FTE" in box.lines
        assert f"Σ {_cost_text(dept, cost)}/month" in box.lines
        folded = unit.id in view.collapsed
        assert box.stacked == folded
        if folded:
            assert f"+ {len(subtree) - 1} units below, collapsed" in box.lines
