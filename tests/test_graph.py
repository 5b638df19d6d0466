"""`cskh_org.org_graph`: the reporting structure as a networkx DiGraph.

Nodes are ``("unit", id)`` and ``("external", id)``; an edge runs from a superior to whom it
leads (parent unit → child unit, external → the external or top unit reporting to it), each
with ``relation="leads"``. `tests/test_api.py` checks one small inline department; these
tests run on the bundled examples and on broken structures.
"""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest

from cskh_org import org_graph
from cskh_org.loading import validate, validate_text
from cskh_org.model import Department
from tests.conftest import EXAMPLES

EXAMPLE_NAMES = ["small", "growing", "large"]

DOC = """\
id: shop
name: {vi: Cửa hàng, en: Shop}
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
externals:
  - {id: head_of_sales, name: Trưởng phòng bán hàng, kind: head_of_sales, reports_to: board}
  - {id: board, name: Ban giám đốc, kind: board}
  - {id: cskh, name: Kho, kind: warehouse, reports_to: board}
roles:
  - {id: owner, title: Chủ, monthly_cost: 15000000 VND}
units:
  - id: cskh
    name: {vi: Chăm sóc khách hàng}
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: owner}]
"""


def _example(name: str) -> Department:
    """The example's department as built (the graph needs the structure, not a clean bill)."""
    result = validate(EXAMPLES / name / "department.yaml")
    assert result.department is not None, result.findings
    return result.department


def _loaded(text: str) -> Department:
    result = validate_text(text, name="d.yaml")
    assert result.department is not None, result.findings
    return result.department


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_unit_and_external_is_one_node(name: str) -> None:
    """The nodes are exactly the department's units and externals, keyed by kind and id."""
    dept = _example(name)
    graph = org_graph(dept)
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.nodes) == {("unit", u.id) for u in dept.units} | {
        ("external", e.id) for e in dept.externals
    }
    assert graph.graph == {"department": dept.id}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_edges_run_from_parent_to_child(name: str) -> None:
    """Each unit's parent leads it; the top unit hangs under `reports_to`; externals likewise."""
    dept = _example(name)
    graph = org_graph(dept)
    superior = dept.reports_to
    assert superior is not None
    expected = {(("unit", u.parent), ("unit", u.id)) for u in dept.units if u.parent}
    expected |= {(("external", superior), ("unit", u.id)) for u in dept.units if u.parent is None}
    expected |= {
        (("external", e.reports_to), ("external", e.id)) for e in dept.externals if e.reports_to
    }
    assert set(graph.edges) == expected
    assert {data["relation"] for *_, data in graph.edges(data=True)} == {"leads"}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_form_one_tree_under_the_board(name: str) -> None:
    """A valid example's graph is an arborescence rooted at the board, reaching every unit."""
    graph = org_graph(_example(name))
    assert nx.is_arborescence(graph)
    [root] = [n for n, degree in graph.in_degree() if degree == 0]
    assert root == ("external", "board")
    assert {n for n in graph if n[0] == "unit"} <= nx.descendants(graph, root)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_unit_nodes_carry_name_headcount_fte_functions_and_head(name: str) -> None:
    """A unit node holds its localized name, headcount, FTE, functions and head role."""
    dept = _example(name)
    graph = org_graph(dept)
    for unit in dept.units:
        data = graph.nodes[("unit", unit.id)]
        assert data == {
            "kind": "unit",
            "id": unit.id,
            "name": unit.name,
            "headcount": sum(line.headcount for line in unit.staff),
            "fte": sum((line.fte * line.headcount for line in unit.staff), Decimal(0)),
            "functions": unit.functions,
            "head": unit.head,
        }
        assert isinstance(data["fte"], Decimal)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_external_nodes_carry_name_and_kind(name: str) -> None:
    """An external node holds its localized name and its kind as text."""
    dept = _example(name)
    graph = org_graph(dept)
    for ext in dept.externals:
        assert graph.nodes[("external", ext.id)] == {
            "kind": "external",
            "id": ext.id,
            "name": ext.name,
            "external_kind": ext.kind.value,
        }


def test_large_example_has_six_teams_led_by_the_top_unit() -> None:
    """In the large example the top unit leads (at least) the six function teams."""
    dept = _example("large")
    graph = org_graph(dept)
    [top] = [u for u in dept.units if u.parent is None]
    assert list(graph.predecessors(("unit", top.id))) == [("external", "head_of_sales")]
    teams = [graph.nodes[n] for n in graph.successors(("unit", top.id))]
    single = {t["functions"][0] for t in teams if len(t["functions"]) == 1}
    assert {
        "account_management",
        "loyalty",
        "returns_warranty",
        "issue_resolution",
        "support",
        "sales",
    } <= single
    total = sum(graph.nodes[("unit", u.id)]["headcount"] for u in dept.units)
    assert total == sum(u.headcount for u in dept.units)


def test_a_unit_and_an_external_may_share_an_id() -> None:
    """Unit `cskh` and external `cskh` are two nodes, told apart by their kind."""
    graph = org_graph(_loaded(DOC))
    assert graph.nodes[("unit", "cskh")]["kind"] == "unit"
    assert graph.nodes[("external", "cskh")]["external_kind"] == "warehouse"
    assert set(graph.successors(("external", "board"))) == {
        ("external", "head_of_sales"),
        ("external", "cskh"),
    }
    assert list(graph.successors(("external", "head_of_sales"))) == [("unit", "cskh")]


def test_without_reports_to_the_top_unit_is_a_root() -> None:
    """A department reporting to no external leaves its top unit without a superior."""
    graph = org_graph(_loaded(DOC.replace("reports_to: head_of_sales\n", "")))
    assert graph.in_degree(("unit", "cskh")) == 0
    assert nx.number_weakly_connected_components(graph) == 2


def test_references_to_nothing_add_no_edge() -> None:
    """A parent or `reports_to` naming nothing defined adds no edge and no extra node."""
    text = DOC.replace("reports_to: head_of_sales\n", "reports_to: nobody\n") + (
        "  - {id: lost, name: Lạc, parent: nowhere, staff: [{role: owner}]}\n"
    )
    graph = org_graph(_loaded(text))
    assert ("unit", "nowhere") not in graph
    assert ("external", "nobody") not in graph
    assert graph.in_degree(("unit", "lost")) == 0
    assert graph.in_degree(("unit", "cskh")) == 0


def test_a_reporting_cycle_is_a_cycle_in_the_graph() -> None:
    """Units reporting to each other (an `org-cycle` document) give a directed cycle."""
    result = validate(EXAMPLES / "invalid" / "org-cycle.yaml")
    assert result.department is not None
    graph = org_graph(result.department)
    cycle = nx.find_cycle(graph)
    assert {edge[0] for edge in cycle} == {("unit", "hotline"), ("unit", "chat")}
    assert not nx.is_arborescence(graph)
