"""A rule table too large for arrows, drawn in DOT as tables of ROUTING_TABLE_ROWS rows: one
row per rule, in evaluation order, each with its condition in words and its queue."""

from __future__ import annotations

import itertools
import re
import subprocess

import cskh_org
from cskh_org.render import ROUTING_PAGE_RULES, render, render_dot
from cskh_org.render.views import ROUTING_ARROWS, ROUTING_TABLE_ROWS, build_view
from tests.render.generated import department_yaml, routing_yaml
from tests.render.support import (
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
    """`dot` lays out 250 rules' tables without a warning and the SVG shows every rule's
    number and id, condition and queue."""
    dept = _rules()
    shown = svg_text(render(dept, "routing", "svg", lang="en").decode("utf-8")).split("\n")
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
    proc = subprocess.run(
        ["dot", "-Tsvg"], input=text.encode("utf-8"), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert not proc.stderr, proc.stderr.decode("utf-8", "replace")
    shown = svg_text(proc.stdout.decode("utf-8"))
    missing = [line for name in names for line in expected_lines(name) if line not in shown]
    assert not missing, missing
