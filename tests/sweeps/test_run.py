"""`parse_select`: the `--select` goal read into the file's selection model."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cskh_org.errors import UsageError
from cskh_org.model.sweep import Selection
from cskh_org.sweeps.run import kpis_of, parse_select


def test_a_goal_and_its_constraints() -> None:
    chosen = parse_select(
        "min staff_cost_month; overall/sla.first_response >= 0.8;overall/abandonment<=5e-2"
    )
    assert chosen.minimize == "staff_cost_month"
    assert chosen.maximize is None
    assert [(c.kpi, c.at_least, c.at_most) for c in chosen.subject_to] == [
        ("overall/sla.first_response", Decimal("0.8"), None),
        ("overall/abandonment", None, Decimal("5e-2")),
    ]
    assert chosen.confidence == Decimal("0.95")  # the defaults


def test_the_files_other_settings_are_kept() -> None:
    base = Selection(minimize="a", first=3, most=7, confidence=Decimal("0.9"))
    chosen = parse_select("maximize overall/sla.first_response ; x ≤ 1", base)
    assert chosen.maximize == "overall/sla.first_response"
    assert chosen.minimize is None
    assert (chosen.first, chosen.most, chosen.confidence) == (3, 7, Decimal("0.9"))
    assert chosen.subject_to[0].at_most == Decimal(1)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("cheapest", "cannot read `cheapest`"),
        ("min a; b >= lots", "cannot read `b >= lots`"),
        ("min a; max b", "exactly one goal"),
        ("a >= 1", "exactly one goal"),
        ("", "exactly one goal"),
    ],
)
def test_what_it_cannot_read(text: str, words: str) -> None:
    with pytest.raises(UsageError, match=words):
        parse_select(text)


def test_a_selection_keeps_the_kpis_it_decides_on() -> None:
    from cskh_org.model.sweep import Sweep
    from cskh_org.sweeps.run import SHOWN, goal_of

    sweep = Sweep(version=1, id="s", select=parse_select("max x/y; z/w >= 1"))
    goal = goal_of(sweep)
    assert goal is not None
    assert kpis_of(goal)[:2] == ("x/y", "z/w")
    assert set(SHOWN) <= set(kpis_of(goal))
