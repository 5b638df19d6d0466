"""The cover heat map (:mod:`cskh_org.render.cover`): well-formed XML, one cell per interval
per day per unit with the colour of its difference and a tooltip saying it, colours monotone
in the difference (red short, grey exact, blue over), hostile unit names shown as written, and
a width that does not grow with the intervals or the units."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.errors import UsageError
from cskh_org.render.cover import GRID_WIDTH, ROW_HEIGHT, cell_colour, cover_svg
from cskh_org.render.escape import visible
from cskh_org.rosters import Cover, Roster, Status

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = dt.date(2026, 12, 7)


def _roster(
    covers: list[tuple[str, list[int], list[int]]], *, weeks: int = 1, interval: int = 60
) -> Roster:
    return Roster(
        department="shop",
        timezone="Asia/Ho_Chi_Minh",
        start=MONDAY,
        weeks=weeks,
        interval=interval,
        status=Status.FEASIBLE,
        agents=(),
        assignments=(),
        cover=tuple(Cover(u, tuple(q), tuple(r)) for u, q, r in covers),
        under_cover=0,
        paid_minutes=0,
        bound=None,
        gap=None,
        seconds=0.0,
        seed=0,
    )


def _panels(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "unit"]


def _cells(panel: ET.Element) -> list[tuple[str, str]]:
    """Each cell's fill and tooltip, row by row."""
    return [
        (rect.get("fill", ""), rect.findtext(f"{SVG}title", ""))
        for rect in panel.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_a_cell_per_interval_coloured_by_its_difference() -> None:
    size = 7 * 24
    required = [2] * size
    rostered = [2] * size
    rostered[9] = 0  # Monday 09:00, two short
    rostered[24 + 10] = 3  # Tuesday 10:00, one over
    svg = cover_svg(_roster([("care", required, rostered)]), "en")
    (panel,) = _panels(svg)
    cells = _cells(panel)
    assert len(cells) == size
    assert cells[9] == (cell_colour(-2, 2), "mon 2026-12-07 09:00: required 2, rostered 0")
    assert cells[34] == (cell_colour(1, 2), "tue 2026-12-08 10:00: required 2, rostered 3")
    assert cells[0][0] == cell_colour(0, 2)
    assert "Unit care" in "".join(panel.itertext())


def test_the_words_are_in_the_language_asked() -> None:
    roster = _roster([("care", [1] * 168, [0] * 168)])
    (vi,) = _panels(cover_svg(roster, "vi"))
    assert _cells(vi)[0][1] == "T2 07/12/2026 00:00: cần 1, xếp 0"
    assert "Đơn vị care" in "".join(vi.itertext())


def test_colours_are_monotone_in_the_difference() -> None:
    for scale in (1, 2, 5, 40):
        shades = [cell_colour(d, scale) for d in range(-scale, scale + 1)]
        light = [_luminance(c) for c in shades]
        middle = scale
        assert shades[middle] == cell_colour(0, scale)
        # darker the further from exact, on both sides; exact the lightest
        assert all(a <= b for a, b in itertools.pairwise(light[: middle + 1]))
        assert all(a >= b for a, b in itertools.pairwise(light[middle:]))
        assert len(set(shades)) == len(shades)  # every difference its own shade
        for d in range(1, scale + 1):
            short, over = cell_colour(-d, scale), cell_colour(d, scale)
            assert int(short[1:3], 16) > int(short[5:7], 16)  # red
            assert int(over[5:7], 16) > int(over[1:3], 16)  # blue
    assert cell_colour(-50, 5) == cell_colour(-5, 5)  # beyond the scale: its darkest


HOSTILE = ['<script>alert("x")</script>', "a & b ]]> c", "x\x00y\x1b[2J", "\u202eevil", "đội\n2"]


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from([15, 30, 60]),
    st.integers(1, 2),
    st.lists(
        st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=20)),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    st.randoms(use_true_random=False),
)
def test_random_rosters_draw_every_cell_of_every_unit(
    interval: int, weeks: int, units: list[str], rng: random.Random
) -> None:
    columns = 24 * 60 // interval
    size = 7 * weeks * columns
    covers = [
        (
            u,
            [rng.randint(0, 4) for _ in range(size)],
            [rng.randint(0, 4) for _ in range(size)],
        )
        for u in units
    ]
    roster = _roster(covers, weeks=weeks, interval=interval)
    svg = cover_svg(roster, "en")
    root = ET.fromstring(svg)
    assert root.get("width") == str(120 + GRID_WIDTH + 20)  # whatever the intervals
    panels = _panels(svg)
    assert len(panels) == len(units)
    scale = max(abs(r - q) for _, qs, rs in covers for q, r in zip(qs, rs, strict=True)) or 1
    for panel, (unit, required, rostered) in zip(panels, covers, strict=True):
        title = "".join(panel.find(f"{SVG}text").itertext())  # type: ignore[union-attr]
        assert title == "Unit " + visible(unit).replace("\n", " ")
        cells = _cells(panel)
        assert len(cells) == size
        for k, (fill, tip) in enumerate(cells):
            assert fill == cell_colour(rostered[k] - required[k], scale)
            assert tip.endswith(f": required {required[k]}, rostered {rostered[k]}")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\u202e]", svg)


def test_units_chosen_in_the_order_asked_and_unknown_ones_refused() -> None:
    roster = _roster([(u, [1] * 168, [1] * 168) for u in ("a", "b", "c")])
    panels = _panels(cover_svg(roster, "en", units=["c", "a"]))
    assert ["".join(p.find(f"{SVG}text").itertext()) for p in panels] == ["Unit c", "Unit a"]  # type: ignore[union-attr]
    with pytest.raises(UsageError, match="no unit ghost"):
        cover_svg(roster, units=["ghost"])
    with pytest.raises(UsageError):
        cover_svg(_roster([]))


def test_six_weeks_of_quarter_hours_for_many_units_stay_bounded() -> None:
    """42 days × 96 intervals × 20 units: the width of one, the height of a panel a unit (a
    row a day), and a few hundred bytes a cell at most."""
    size = 42 * 96
    roster = _roster(
        [(f"unit{n}", [n % 4] * size, [(n + k) % 5 for k in range(size)]) for n in range(20)],
        weeks=6,
        interval=15,
    )
    svg = cover_svg(roster, "vi")
    root = ET.fromstring(svg)
    assert int(root.get("width", "0")) == 120 + GRID_WIDTH + 20
    height = int(root.get("height", "0"))
    assert 20 * 42 * ROW_HEIGHT < height < 20 * (42 * ROW_HEIGHT + 100) + 200
    assert len(svg.encode("utf-8")) < 200 * 20 * size
    assert sum(len(_cells(p)) for p in _panels(svg)) == 20 * size
