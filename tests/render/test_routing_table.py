"""A rule table too large for arrows, drawn in DOT as tables of ROUTING_TABLE_ROWS rows: one
row per rule, in evaluation order, each with its condition in words and its queue."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

import cskh_org
from cskh_org.render import ROUTING_PAGE_RULES, render, render_dot
from cskh_org.render.escape import dot_html
from cskh_org.render.views import ROUTING_ARROWS, ROUTING_TABLE_ROWS, build_view
from tests.render.generated import department_yaml, routing_yaml
from tests.render.support import (
    assert_dot_shows_names,
    expected_lines,
    hostile_department,
    hostile_names,
    needs_dot,
    svg_text,
)

RULES = 250


def _rules(count: int = RULES) -> cskh_org.Department:
    return cskh_org.loads(department_yaml(12) + routing_yaml(count, 12), name="rules")


def test_a_large_table_is_drawn_as_tables_in_evaluation_order() -> None:
    """250 rules: three tables (100, 100, 50 rows) one below the other, chained from the
    tickets to the default; the rows are the rules in order, each with its condition and
    queue; the table of a small rule set is not used."""
    dept = _rules()
    text = render_dot(dept, "routing", lang="en")
    tables = re.findall(r'^    "(k_table_\d+)" \[shape="plaintext"', text, re.MULTILINE)
    assert tables == ["k_table_1", "k_table_2", "k_table_3"]
    rows = re.findall(r'<TD ID="(r_r\d+)"', text)
    assert rows == [f"r_r{i}" for i in range(RULES)]
    per_table = [len(re.findall("<TD ID=", t)) for t in text.split("k_table_")[1:4]]
    assert per_table == [ROUTING_TABLE_ROWS, ROUTING_TABLE_ROWS, RULES - 2 * ROUTING_TABLE_ROWS]
    rank = re.search(r"\{rank=\"same\"; (.*)\}", text)
    assert rank is not None
    order = [n.strip('";') for n in rank.group(1).split()]
    assert order == ["k_tickets", *tables, "k_default"]
    chain = re.findall(r'^  "(\w+)" -> "(\w+)" \[style="dotted", dir="back"\];', text, re.MULTILINE)
    assert [(b, a) for a, b in chain] == list(itertools.pairwise(order))
    assert "when: channel = `email` and order_value ≥ `1300` and &lt;<BR/>`1400`" in text
    assert "→ Care team 1 (u1)" in text
    small = render_dot(_rules(ROUTING_ARROWS), "routing", lang="en")
    assert "k_table_" not in small


def test_every_page_of_a_large_table_is_one_table() -> None:
    """A page of the rule table (ROUTING_PAGE_RULES rules) is drawn as one table."""
    from cskh_org.render.views import routing_parts

    dept = _rules()
    parts = routing_parts(build_view(dept, "routing"), ROUTING_PAGE_RULES, dept)
    assert len(parts) == 3
    for part in parts:
        assert part.table_rows == ROUTING_TABLE_ROWS
    from cskh_org.render.dot import write_dot

    assert write_dot(parts[0]).count('[shape="plaintext", style="", margin="0"') == 1


@needs_dot
def test_the_tables_lay_out_and_show_every_rule() -> None:
    """`dot` lays out 250 rules' tables (as PNG and PDF are drawn) and the SVG shows every
    rule's number and id, condition and queue."""
    from cskh_org.render.dot import write_dot
    from cskh_org.render.output import pipe

    dept = _rules()
    svg = pipe(write_dot(build_view(dept, "routing", lang="en")), "svg").decode("utf-8")
    shown = svg_text(svg).split("\n")
    rules = [n for n in build_view(dept, "routing", lang="en").nodes if n.id.startswith("r_")]
    assert len(rules) == RULES
    for node in rules:
        assert node.title in shown
        assert all(line in shown for line in node.lines), node.id


@needs_dot
def test_hostile_names_in_a_rule_table_are_shown_literally() -> None:
    """Rule descriptions of the hostile corpus, twice over (past ROUTING_ARROWS rules, so in
    tables): `dot` parses the DOT without a warning and the SVG shows every name."""
    names = hostile_names() * 2
    assert len(names) > ROUTING_ARROWS
    text = render_dot(hostile_department(names), "routing")
    assert "k_table_1" in text
    assert_dot_shows_names(text, names)


def _svg_lines(svg: str) -> list[str]:
    ElementTree.fromstring(svg)  # well-formed XML
    return svg_text(svg).split("\n")


def test_the_table_svg_is_written_without_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large table's SVG needs no `dot` (none on the PATH here): well-formed, one group per
    rule in evaluation order, every rule's number, id and lines shown, then the default."""
    monkeypatch.setenv("PATH", "")
    dept = _rules()
    svg = render(dept, "routing", "svg", lang="en").decode("utf-8")
    shown = _svg_lines(svg)
    groups = re.findall(r'<g id="(\w+)" class="(?:rule|node)">', svg)
    assert groups == ["k_tickets", *(f"r_r{i}" for i in range(RULES)), "k_default"]
    for node in build_view(dept, "routing", lang="en").nodes:
        assert node.title in shown
        assert all(line in shown for line in node.lines), node.id
    assert 'font-family="DejaVu Sans"' in svg


def test_every_page_of_a_large_table_is_an_svg_table(tmp_path: Path) -> None:
    """The pages of a large table in SVG: each starts where the previous stopped."""
    from cskh_org.render import render_pages

    written, _ = render_pages(_rules(), tmp_path, "svg", view="routing", lang="en")
    assert [p.name for p in written] == ["routing-1.svg", "routing-2.svg", "routing-3.svg"]
    second = _svg_lines(written[1].read_text("utf-8"))
    assert "Tickets no rule before rule 101 matched" in second
    assert "No match: continued on routing-3" in second


def test_hostile_names_in_a_table_svg_are_shown_literally() -> None:
    """The hostile corpus twice over as rule descriptions: the SVG written without Graphviz
    is well-formed and shows every name, made visible."""
    names = hostile_names() * 2
    svg = render(hostile_department(names), "routing", "svg").decode("utf-8")
    shown = "\n".join(_svg_lines(svg))
    missing = [line for name in names for line in expected_lines(name) if line not in shown]
    assert not missing, missing
    assert "\u202e" not in svg


def test_text_width_is_close_to_what_the_font_draws() -> None:
    """The estimated widths against DejaVu Sans's: ASCII from the font's own advance
    widths, a Vietnamese letter as its base letter."""
    from cskh_org.render.table_svg import text_width

    assert text_width("W", 1000) == pytest.approx(989 * 1.03)
    assert text_width("ệ", 10) == text_width("e", 10)
    assert text_width("iW", 10, bold=True) == pytest.approx((343 + 1103) * 1.03 / 100)


@needs_dot
def test_text_width_is_not_less_than_pangos() -> None:
    """Against Pango's measure (Graphviz's, through `dot -Tplain`), the estimate is never
    more than 5% short for the text of the views (it is a cell's padding short at most)."""
    from cskh_org.render.table_svg import text_width

    samples = [
        "khi: channel = phone và order_value ≥ 0 và < 100",
        "→ Nhóm chăm sóc số 0 (u0)",
        "Định tuyến: Phòng Chăm sóc khách hàng",
        "✗ không bao giờ khớp: bị che bởi r1, r2",
        "⋯ không khớp: quy tắc sau quyết định",
        "WWWWWWWWWW mmmmm ỆỄậ",
        "when: tier in [vip, new] and not (order_value ≥ `5`)",
    ]
    nodes = [
        f"n{i}_{bold} [fontsize=10, label=<{'<B>' * bold}{dot_html(s)}{'</B>' * bold}>];"
        for i, s in enumerate(samples)
        for bold in (0, 1)
    ]
    graph = 'digraph {node [shape=plaintext, margin=0, width=0, height=0, fontname="DejaVu Sans"];'
    out = subprocess.run(
        ["dot", "-Tplain"],
        input=(graph + "\n".join(nodes) + "}").encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for line in out.splitlines():
        parts = line.split()
        if parts[0] == "node":
            i, bold = map(int, parts[1][1:].split("_"))
            pango = float(parts[4]) * 72
            assert text_width(samples[i], 10, bold=bool(bold)) >= 0.95 * pango, samples[i]
