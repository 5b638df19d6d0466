"""networkx views of a department, each built once per department and frozen.

The reporting structure (:func:`org_graph`), the escalation steps (:func:`escalation_graph`)
and their hierarchical part (:func:`hierarchy_graph`) are built from the model alone on the
first call for a department and kept while it lives (departments are immutable), so the
checks and the escalation engine ask networkx's algorithms on the same graphs instead of
walking the document themselves. The graphs are frozen (``nx.freeze``): copy one
(``graph.copy()``) to change it. Functions take the department first, networkx-style.

networkx is imported when a view is first built, never by ``import cskh_org`` nor by
``import cskh_org.routing``.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from cskh_org.model import Department

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "escalation_graph",
    "hierarchy_graph",
    "org_graph",
    "reporting_cycle_free",
    "superior_of",
    "superiors",
]

_T = TypeVar("_T")


def _per_department(build: Callable[[Department], _T]) -> Callable[[Department], _T]:
    """``build``, run once per department: its answer is kept while the department lives.

    Keyed by identity (an equal department loaded twice is built twice; hashing a department
    would walk all of it); a weak reference drops the entry when the department goes.
    """
    entries: dict[int, tuple[weakref.ref[Department], _T]] = {}

    @functools.wraps(build)
    def view(dept: Department) -> _T:
        key = id(dept)
        entry = entries.get(key)
        if entry is not None and entry[0]() is dept:
            return entry[1]
        value = build(dept)
        entries[key] = (weakref.ref(dept, lambda _ref: entries.pop(key, None)), value)
        return value

    return view


@_per_department
def org_graph(dept: Department) -> nx.DiGraph:  # type: ignore[type-arg]
    """The reporting structure as a ``DiGraph``: an edge runs from a superior to whom it leads.

    Nodes are ``("unit", id)`` and ``("external", id)`` tuples (unit and external ids may
    coincide) with attributes ``kind``, ``id``, ``name`` (localized dict), and for units
    ``headcount``, ``fte`` and ``functions``. The department's top unit hangs under the
    external it ``reports_to``; externals hang under theirs. An id defined twice is its last
    definition (as in ``Department.units_by_id``): its node and its one superior. Built once
    per department, frozen.
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
    externals, units = dept.externals_by_id, dept.units_by_id
    for ext in dept.externals:
        if externals[ext.id] is ext and ext.reports_to and ext.reports_to in externals:
            graph.add_edge(("external", ext.reports_to), ("external", ext.id), relation="leads")
    for unit in dept.units:
        if units[unit.id] is not unit:
            continue  # a later unit has this id
        if unit.parent is not None and unit.parent in units:
            graph.add_edge(("unit", unit.parent), ("unit", unit.id), relation="leads")
        elif unit.parent is None and dept.reports_to in externals:
            graph.add_edge(("external", dept.reports_to), ("unit", unit.id), relation="leads")
    nx.freeze(graph)
    return graph


def superiors(dept: Department, node: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """Who is above ``node`` (an :func:`org_graph` node, ``("unit", id)`` or
    ``("external", id)``) in the reporting line, nearest first: a unit's parent, …, the top
    unit, the external the department reports to, that party's ``reports_to``, … A line that
    comes back on itself stops before the repeat; an unknown node has no one above.

    Every node of the org graph has one superior at most, so the line is the depth-first
    order of the reversed graph from ``node``: the superiors are followed one by one
    (:func:`superior_of`, built from the model alone), without building the graph or importing
    networkx (a test holds the two to the same answers).
    """
    kind, id_ = node
    if not (
        (kind == "unit" and id_ in dept.units_by_id)
        or (kind == "external" and id_ in dept.externals_by_id)
    ):
        return ()  # not a node of the org graph
    up = superior_of(dept)
    line: list[tuple[str, str]] = []
    seen = {node}
    above = up.get(node)
    while above is not None and above not in seen:
        line.append(above)
        seen.add(above)
        above = up.get(above)
    return tuple(line)


@_per_department
def superior_of(dept: Department) -> dict[tuple[str, str], tuple[str, str]]:
    """The one superior of each :func:`org_graph` node that has one: the edges of the org
    graph, reversed, as a mapping (the same rules: an id defined twice is its last definition;
    a reference to nothing adds no superior). Built once per department."""
    externals, units = dept.externals_by_id, dept.units_by_id
    up: dict[tuple[str, str], tuple[str, str]] = {}
    for ext in dept.externals:
        if externals[ext.id] is ext and ext.reports_to and ext.reports_to in externals:
            up["external", ext.id] = ("external", ext.reports_to)
    for unit in dept.units:
        if units[unit.id] is not unit:
            continue  # a later unit has this id
        if unit.parent is not None and unit.parent in units:
            up["unit", unit.id] = ("unit", unit.parent)
        elif unit.parent is None and dept.reports_to is not None and dept.reports_to in externals:
            up["unit", unit.id] = ("external", dept.reports_to)
    return up


def reporting_cycle_free(dept: Department) -> bool:
    """Whether the reporting lines (:func:`superior_of`) have no cycle, a unit that leads
    itself included: each line is followed up once, marking where it has been."""
    up = superior_of(dept)
    done: set[tuple[str, str]] = set()
    for start in up:
        on_line: set[tuple[str, str]] = set()
        node: tuple[str, str] | None = start
        while node is not None and node not in done:
            if node in on_line:
                return False
            on_line.add(node)
            node = up.get(node)
        done |= on_line
    return True


def _holders(dept: Department) -> dict[str, str]:
    """Every holder id with its kind, units then externals (an id that is both: the unit)."""
    holders = dict.fromkeys((u.id for u in dept.units), "unit")
    for ext in dept.externals:
        holders.setdefault(ext.id, "external")
    return holders


@_per_department
def escalation_graph(dept: Department) -> nx.MultiDiGraph:  # type: ignore[type-arg]
    """The escalation steps as a ``MultiDiGraph`` over holders: an edge per step, from the
    holder the ticket leaves to the holder it goes to (two steps may join the same holders).

    Nodes are holder ids (an id that is both a unit and an external means the unit), every
    unit and external party, with attributes ``kind`` (``unit``/``external``), ``name``,
    ``closer`` and ``partner``. Edges are keyed by step id, with attributes ``step``, ``index``
    (position in ``escalation.steps``), ``kind`` (``hierarchical``/``functional``/``lateral``),
    ``follow_up`` (a step on ``resolved``, which moves no ticket), ``handoffs`` (1 or 2; 0 for
    a follow-up) and ``triggers`` (the step's :class:`~cskh_org.model.Trigger` tuple).
    Steps naming an unknown holder are left out. Built once per department, frozen.
    """
    import networkx as nx

    from cskh_org.model import Escalation

    esc = dept.escalation if dept.escalation is not None else Escalation()
    holders = _holders(dept)
    closers = frozenset(esc.closers) if esc.closers is not None else frozenset(dept.units_by_id)
    partners = frozenset(esc.partners)
    graph: nx.MultiDiGraph = nx.MultiDiGraph(  # type: ignore[type-arg]
        department=dept.id,
        max_handoffs=esc.max_handoffs,
    )
    names = {e.id: e.name for e in dept.externals} | {u.id: u.name for u in dept.units}
    for holder, kind in holders.items():
        graph.add_node(
            holder,
            kind=kind,
            name=names[holder],
            closer=holder in closers,
            partner=holder in partners,
        )
    for index, step in enumerate(esc.steps):
        if step.from_ in holders and step.to in holders:
            graph.add_edge(
                step.from_,
                step.to,
                key=step.id,
                step=step.id,
                index=index,
                kind=step.kind.value,
                follow_up=step.follow_up,
                handoffs=0 if step.follow_up else step.kind.handoffs,
                triggers=step.on,
            )
    nx.freeze(graph)
    return graph


@_per_department
def hierarchy_graph(dept: Department) -> nx.DiGraph:  # type: ignore[type-arg]
    """The escalation steps that move the ticket (hierarchical and lateral; no follow-up
    step) as a ``DiGraph`` over every holder (the nodes of :func:`escalation_graph`, in its
    order): an edge from the holder a step leaves to the holder that keeps the ticket, with
    the ``step`` id and ``index`` of the first such step in document order. A holder's
    successors come in the document order of those first steps, so a search over the graph
    meets them as the engine does. Built once per department, frozen.
    """
    import networkx as nx

    graph: nx.DiGraph = nx.DiGraph(department=dept.id)  # type: ignore[type-arg]
    holders = _holders(dept)
    graph.add_nodes_from(holders)
    steps = dept.escalation.steps if dept.escalation is not None else ()
    for index, step in enumerate(steps):
        if (
            step.kind.moves
            and not step.follow_up
            and step.from_ in holders
            and step.to in holders
            and not graph.has_edge(step.from_, step.to)
        ):
            graph.add_edge(step.from_, step.to, step=step.id, index=index)
    nx.freeze(graph)
    return graph
