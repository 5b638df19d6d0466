"""Diagrams of large departments: the org chart's rolled-up totals and collapsed subtrees, its
pages, PNGs Graphviz would scale down (refused) and Mermaid texts under Mermaid's limit.

The generated department (``tests/render/generated.py``, also timed by
``benchmarks/bench_render.py``): units in a tree of fan-out 10, each with a lead and four
agents at 0.75 FTE."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import cskh_org
from cskh_org.render import (
    MERMAID_MAX_EDGES,
    MERMAID_MAX_TEXT,
    build_view,
    mermaid_length,
    render,
    render_mermaid,
    render_pages,
    render_view,
)
from cskh_org.render.output import PNG_DPI, png_size
from cskh_org.render.views import ORG_PAGE_BOXES, page_name, safe_id
from tests.conftest import EXAMPLES, RunCli
from tests.render.generated import department_yaml, links_view
from tests.render.support import needs_dot


@pytest.fixture(scope="module")
def thousand() -> cskh_org.Department:
    return cskh_org.loads(department_yaml(1000), name="thousand")


@pytest.fixture(scope="module")
def large() -> cskh_org.Department:
    return cskh_org.load(str(EXAMPLES / "large" / "department.yaml"))


def _below(dept: cskh_org.Department, unit: str) -> list[cskh_org.model.Unit]:
    """``unit`` and every unit below it, by walking the parents (the oracle)."""
    parents = {u.id: u.parent for u in dept.units}

    def under(uid: str) -> bool:
        while uid is not None:
            if uid == unit:
                return True
            uid = parents[uid]  # type: ignore[assignment]
        return False

    return [u for u in dept.units if under(u.id)]


def test_a_box_with_units_below_shows_their_totals(large: cskh_org.Department) -> None:
    """Every box with units below shows the headcount, FTE and monthly cost of the whole
    subtree, summed here from the units themselves."""
    view = build_view(large, "org", lang="en")
    boxes = {n.id: n for n in view.nodes}
    for unit in large.units:
        below = _below(large, unit.id)
        lines = boxes[safe_id("u", unit.id)].lines
        if len(below) == 1:
            assert not any(line.startswith("Σ") for line in lines)
            continue
        people = sum(u.headcount for u in below)
        fte = format(sum((u.fte for u in below), Decimal(0)).normalize(), "f")
        assert f"Σ with units below: {people} people · {fte} FTE" in lines


def test_depth_one_box_says_what_sits_below(thousand: cskh_org.Department) -> None:
    """With --depth 1 a division box shows its 111 units' 555 people, not its own five, and
    says it is collapsed and where its page is."""
    view = build_view(thousand, "org", depth=1, lang="en")
    box = next(n for n in view.nodes if n.id == "u_u1")
    assert "5 people · 4 FTE" in box.lines
    assert "Σ with units below: 555 people · 444 FTE" in box.lines
    assert "+ 110 units below, collapsed" in box.lines
    assert f"→ page {page_name('u1')}" in box.lines
    assert box.stacked
    assert view.collapsed == tuple(f"u{i}" for i in range(1, 11))
    assert "10 subtrees (989 units) below level 1" in view.note


def test_a_large_org_collapses_by_itself(thousand: cskh_org.Department) -> None:
    """Without --depth, a 1,000-unit org draws at most ORG_PAGE_BOXES units and notes the
    rest; a small one is drawn whole with no note."""
    view = build_view(thousand, "org")
    units = [n for n in view.nodes if n.id.startswith("u_")]
    assert len(units) <= ORG_PAGE_BOXES
    assert view.collapsed
    assert view.note
    assert any(n.id == "k_note" for n in view.nodes)
    whole = cskh_org.loads(department_yaml(ORG_PAGE_BOXES), name="fits")
    drawn = build_view(whole, "org")
    assert len([n for n in drawn.nodes if n.id.startswith("u_")]) == ORG_PAGE_BOXES
    assert not drawn.collapsed
    assert not drawn.note


def test_the_cli_says_what_it_collapsed(run_cli: RunCli, tmp_path: Path) -> None:
    """The note goes to standard error beside DOT on standard output, to standard output
    beside a file written."""
    source = tmp_path / "thousand.yaml"
    source.write_text(department_yaml(1000), "utf-8")
    result = run_cli(["render", str(source), "--lang", "en"])
    assert result.code == 0, result.err
    assert result.out.startswith('digraph "org"')
    assert "note: 10 subtrees (989 units) below level 1 are collapsed" in result.err
    out = tmp_path / "org.dot"
    result = run_cli(["render", str(source), "--lang", "en", "-o", str(out)])
    assert result.code == 0, result.err
    assert "note: 10 subtrees" in result.out


def test_every_mermaid_file_of_the_1000_unit_org_fits_mermaids_limit(
    thousand: cskh_org.Department, tmp_path: Path
) -> None:
    """Every Mermaid page of the 1,000-unit org, and its default chart, is at most
    MERMAID_MAX_TEXT long counted as JavaScript counts (UTF-16 code units), and the pages
    together draw every unit."""
    assert mermaid_length("🟥a") == 3  # an emoji is two code units
    default = render_mermaid(thousand, "org")
    assert mermaid_length(default) <= MERMAID_MAX_TEXT
    written, _ = render_pages(thousand, tmp_path, "mermaid")
    assert written[0].name == "org.mmd"
    # the overview and u1…u10 draw two levels each; u11…u99 (those with units below) one page
    assert len(written) == 1 + 10 + 89
    drawn: list[str] = []
    for path in written:
        text = path.read_text("utf-8")
        assert mermaid_length(text) <= MERMAID_MAX_TEXT, path.name
        assert text.startswith("%%{init:")
        drawn += re.findall(r"^  (u_\w+)\(", text, re.MULTILINE)
    assert len(set(drawn)) == 1000


def test_a_mermaid_text_over_the_limit_is_refused(thousand: cskh_org.Department) -> None:
    """Asked for every level of 1,000 units, Mermaid output is refused with the reason."""
    with pytest.raises(cskh_org.RenderError, match="Mermaid's limit of 50000"):
        render_mermaid(thousand, "org", depth=3)


def test_a_mermaid_text_with_too_many_links_is_refused() -> None:
    """Mermaid's parser refuses more than ``maxEdges`` (500) links however short the text:
    500 links are written, 501 refused with the reason (and the escalation view's name)."""
    text = render_view(links_view(MERMAID_MAX_EDGES), "mermaid").decode("utf-8")
    assert text.count(" --> ") == MERMAID_MAX_EDGES
    assert mermaid_length(text) < MERMAID_MAX_TEXT // 2
    with pytest.raises(cskh_org.RenderError, match=r"has 501 links, over Mermaid's limit of 500"):
        render_view(links_view(MERMAID_MAX_EDGES + 1), "mermaid")


@needs_dot
def test_a_png_of_the_1000_unit_org_is_readable_or_refused(
    thousand: cskh_org.Department,
) -> None:
    """The default PNG of the 1,000-unit org is drawn at full size, so its smallest label (9
    points) is at least 8 pixels high; every level at once would be scaled down by Graphviz
    and is refused instead."""
    from cskh_org.render import render_dot
    from cskh_org.render.output import pipe

    data = render(thousand, "org", "png")
    width, height = png_size(data)
    plain = pipe(render_dot(thousand, "org"), "svg")  # the layout's size, in points
    head = plain.split(b"<svg", 1)[1].split(b">", 1)[0].decode()
    points_w = float(head.split('width="')[1].split("pt")[0])
    scale = width / (points_w * PNG_DPI / 72)
    assert scale > 0.97, (width, height, points_w)
    assert 9 * PNG_DPI / 72 * scale >= 8
    with pytest.raises(cskh_org.RenderError, match="PNG limit of 32767 pixels"):
        render(thousand, "org", "png", depth=3)


@needs_dot
def test_the_cli_refuses_a_png_graphviz_would_scale(run_cli: RunCli, tmp_path: Path) -> None:
    """`render -o org.png --depth 3` of 1,000 units exits non-zero and writes nothing."""
    source = tmp_path / "thousand.yaml"
    source.write_text(department_yaml(1000), "utf-8")
    out = tmp_path / "org.png"
    result = run_cli(["render", str(source), "--depth", "3", "-o", str(out)])
    assert result.code != 0
    assert "32767" in result.err
    assert not out.exists()


@needs_dot
def test_pages_link_to_each_other(run_cli: RunCli, tmp_path: Path) -> None:
    """`render --pages -o DIR` writes the overview and a page per collapsed subtree, named by
    unit id; in SVG a collapsed box links to its page."""
    source = tmp_path / "d.yaml"
    source.write_text(department_yaml(150), "utf-8")
    folder = tmp_path / "pages"
    result = run_cli(["render", str(source), "--pages", "--lang", "en", "-o", str(folder)])
    assert result.code == 0, result.err
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["org.svg", *(f"org-u{i}.svg" for i in range(1, 11))])
    overview = (folder / "org.svg").read_text("utf-8")
    assert 'href="org-u1.svg"' in overview
    assert "note: org: 10 subtrees" in result.out
    again = run_cli(["render", str(source), "--pages", "-o", str(folder)])
    assert again.code != 0  # existing pages are not overwritten without --force


def test_a_large_rule_table_in_mermaid_pages(tmp_path: Path) -> None:
    """250 rules as pages: each is under Mermaid's limit and at most ROUTING_PAGE_RULES
    rules, and together they draw every rule once, in evaluation order, each page starting
    where the previous one stopped and the last ending in the default."""
    from cskh_org.render import ROUTING_PAGE_RULES
    from tests.render.generated import routing_yaml

    dept = cskh_org.loads(department_yaml(12) + routing_yaml(250, 12), name="rules")
    written, _ = render_pages(dept, tmp_path, "mermaid", view="routing", lang="en")
    assert [p.name for p in written] == ["routing-1.mmd", "routing-2.mmd", "routing-3.mmd"]
    order: list[str] = []
    for k, path in enumerate(written, start=1):
        text = path.read_text("utf-8")
        assert mermaid_length(text) <= MERMAID_MAX_TEXT, path.name
        rules = re.findall(r"^    (r_r\d+)\[", text, re.MULTILINE)
        assert 0 < len(rules) <= ROUTING_PAGE_RULES
        order += rules
        if k > 1:
            assert f"Tickets no rule before rule {len(order) - len(rules) + 1} matched" in text
        if k < len(written):
            assert f"No match#58; continued on routing-{k + 1}" in text  # `:` escaped
    assert order == [f"r_r{i}" for i in range(250)]
    assert "k_default" in written[-1].read_text("utf-8")


def test_the_cli_writes_routing_pages(run_cli: RunCli, tmp_path: Path) -> None:
    """`render --view routing --pages -o DIR`: one page holds a small table (`routing.dot`);
    --unit is refused with --pages."""
    folder = tmp_path / "pages"
    growing = str(EXAMPLES / "growing" / "department.yaml")
    result = run_cli(
        ["render", growing, "--view", "routing", "--pages", "--format", "dot", "-o", str(folder)]
    )
    assert result.code == 0, result.err
    assert [p.name for p in folder.iterdir()] == ["routing.dot"]
    refused = run_cli(["render", growing, "--pages", "--unit", "support", "-o", str(folder)])
    assert refused.code == 2
