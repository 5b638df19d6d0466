"""networkx views of a department. Functions take the department first, networkx-style.

networkx is imported when a view is built, never by ``import cskh_org``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskh_org.model import Department

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["escalation_graph", "org_graph"]


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


def escalation_graph(dept: Department) -> nx.MultiDiGraph:  # type: ignore[type-arg]
    """The escalation steps as a ``MultiDiGraph`` over holders: an edge per step, from the
    holder the ticket leaves to the holder it goes to (two steps may join the same holders).

    Nodes are holder ids (an id that is both a unit and an external means the unit), every
    unit and external party, with attributes ``kind`` (``unit``/``external``), ``name``,
    ``closer`` and ``partner``. Edges are keyed by step id, with attributes ``step``, ``index``
    (position in ``escalation.steps``), ``kind`` (``hierarchical``/``functional``),
    ``handoffs`` (1 or 2) and ``triggers`` (the step's :class:`~cskh_org.model.Trigger` tuple).
    Steps naming an unknown holder are left out.
    """
    import networkx as nx

    from cskh_org.escalation import Escalator, step_handoffs

    escalator = Escalator(dept)
    closers, partners = escalator.closers, escalator.partners
    graph: nx.MultiDiGraph = nx.MultiDiGraph(  # type: ignore[type-arg]
        department=dept.id,
        max_handoffs=escalator.max_handoffs,
    )
    names = {e.id: e.name for e in dept.externals} | {u.id: u.name for u in dept.units}
    for holder in escalator.holders:
        graph.add_node(
            holder,
            kind=escalator.holder_kind(holder),
            name=names[holder],
            closer=holder in closers,
            partner=holder in partners,
        )
    steps = dept.escalation.steps if dept.escalation is not None else ()
    for index, step in enumerate(steps):
        if escalator.is_holder(step.from_) and escalator.is_holder(step.to):
            graph.add_edge(
                step.from_,
                step.to,
                key=step.id,
                step=step.id,
                index=index,
                kind=step.kind.value,
                handoffs=step_handoffs(step.kind),
                triggers=step.on,
            )
    return graph
