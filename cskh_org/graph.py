"""networkx views of a department. Functions take the department first, networkx-style.

networkx is imported when a view is built, never by ``import cskh_org``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskh_org.model import Department

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["org_graph"]


def org_graph(dept: Department) -> nx.DiGraph:  # type: ignore[type-arg]
    """The reporting structure as a ``DiGraph``: an edge runs from a superior to whom it leads.

    Nodes are ``("unit", id)`` and ``("external", id)`` tuples (unit and external ids may
    coincide) with attributes ``kind``, ``id``, ``name`` (localized dict), and for units
    ``headcount``, ``fte`` and ``functions``. The department's top unit hangs under the
    external it ``reports_to``; externals hang under theirs.
    """
    import networkx as nx

    graph: nx.DiGraph = nx.DiGraph(department=dept.id)  # type: ignore[type-arg]
    for ext in dept.externals:
        graph.add_node(
            ("external", ext.id),
            kind="external",
            id=ext.id,
            name=ext.name,
            external_kind=ext.kind.value,
        )
    for unit in dept.units:
        graph.add_node(
            ("unit", unit.id),
            kind="unit",
            id=unit.id,
            name=unit.name,
            headcount=unit.headcount,
            fte=unit.fte,
            functions=unit.functions,
            head=unit.head,
        )
    for ext in dept.externals:
        if ext.reports_to and ext.reports_to in dept.externals_by_id:
            graph.add_edge(("external", ext.reports_to), ("external", ext.id), relation="leads")
    for unit in dept.units:
        if unit.parent is not None and unit.parent in dept.units_by_id:
            graph.add_edge(("unit", unit.parent), ("unit", unit.id), relation="leads")
        elif unit.parent is None and dept.reports_to in dept.externals_by_id:
            graph.add_edge(("external", dept.reports_to), ("unit", unit.id), relation="leads")
    return graph
