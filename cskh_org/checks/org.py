"""Checks of the organisation: the reporting tree, heads, functions, staffing, references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from cskh_org.checks import Issue, check
from cskh_org.checks.references import resolve_references
from cskh_org.findings import Severity
from cskh_org.graph import org_graph, reporting_cycle_free
from cskh_org.model import BUILTIN_FUNCTIONS, Department

if TYPE_CHECKING:
    import networkx as nx

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741


@check(
    "references",
    "Every id is defined once and every reference names something defined.",
    duplicate_id=E,
    unknown_unit=E,
    unknown_role=E,
    unknown_function=E,
    unknown_person=E,
    unknown_external=E,
    unknown_calendar=E,
    unknown_channel=E,
    unknown_holder=E,
    unknown_shift=E,
    unknown_contract=E,
)
def references(dept: Department) -> list[Issue]:
    return resolve_references(dept)


@check(
    "reporting-tree",
    "Units form a single reporting tree: one top unit, no cycle; externals' lines have no cycle.",
    org_cycle=E,
    org_root=E,
)
def reporting_tree(dept: Department) -> Iterator[Issue]:
    index = {u.id: i for i, u in enumerate(dept.units)}
    if reporting_cycle_free(dept):  # the usual case: networkx has nothing to find
        yield from _roots(dept, index)
        return
    graph = org_graph(dept)
    for cycle in _cycles(graph, "unit", [u.id for u in dept.units]):
        first = min(cycle, key=index.__getitem__)
        path = " → ".join([*cycle, cycle[0]])
        yield Issue.said(
            "org-cycle", ("units", index[first], "parent"), "org-cycle.units", path=path
        )
    yield from _roots(dept, index)
    ext_index = {e.id: i for i, e in enumerate(dept.externals)}
    for cycle in _cycles(graph, "external", [e.id for e in dept.externals]):
        yield Issue.said(
            "org-cycle",
            ("externals", ext_index[cycle[0]], "reports_to"),
            "org-cycle.externals",
            path=" → ".join([*cycle, cycle[0]]),
        )


def _roots(dept: Department, index: dict[str, int]) -> Iterator[Issue]:
    roots = [u for u in dept.units if u.parent is None]
    for extra in roots[1:]:
        yield Issue.said("org-root", ("units", index[extra.id]), unit=extra.id, top=roots[0].id)


def _cycles(graph: nx.DiGraph, kind: str, ids: list[str]) -> list[tuple[str, ...]]:  # type: ignore[type-arg]
    """The reporting cycles among the ``kind`` nodes of the org graph, as a walk up the
    reporting line meets them: the first id in document order whose line runs into a cycle
    enters it at some member, and the cycle is listed from there upward (each member, then
    its superior, …). In the document order of those first ids."""
    import networkx as nx

    position: dict[str, int] = {}
    for i, name in enumerate(ids):
        position.setdefault(name, i)
    up = graph.reverse(copy=False)  # an edge from each node to its superior
    found: list[tuple[int, tuple[str, ...]]] = []
    for members in nx.strongly_connected_components(graph):
        node = next(iter(members))
        if node[0] != kind or (len(members) == 1 and not graph.has_edge(node, node)):
            continue
        # Who reports into the cycle, however indirectly: its members and all below them.
        into = members | nx.descendants(graph, node)
        first = min((n for n in into if n[0] == kind), key=lambda n: position[n[1]])
        cycle = tuple(edge[0][1] for edge in nx.find_cycle(up, source=first))
        found.append((position[first[1]], cycle))
    return [cycle for _first, cycle in sorted(found)]


@check(
    "heads",
    "Each unit's head is one of its own staff lines.",
    head_not_in_unit=E,
    unit_without_head=I,
)
def heads(dept: Department) -> Iterator[Issue]:
    parents = {u.parent for u in dept.units}
    for i, unit in enumerate(dept.units):
        if unit.head is None:
            if unit.headcount > 1 or unit.id in parents:
                yield Issue.said("unit-without-head", ("units", i), unit=unit.id)
            continue
        if not any(line.role == unit.head and line.headcount > 0 for line in unit.staff):
            vacant = any(line.role == unit.head for line in unit.staff)
            yield Issue.said(
                "head-not-in-unit",
                ("units", i, "head"),
                "head-not-in-unit.vacant" if vacant else "head-not-in-unit.no-line",
                unit=unit.id,
                head=unit.head,
            )


@check(
    "functions",
    "Every built-in function is covered by some unit or waived with a reason.",
    function_uncovered=E,
    waiver_unneeded=W,
    function_unused=W,
)
def functions(dept: Department) -> Iterator[Issue]:
    covered = {f for unit in dept.units for f in unit.functions}
    waived = {w.function: i for i, w in enumerate(dept.waived_functions)}
    for func, names in BUILTIN_FUNCTIONS.items():
        if func not in covered and func not in waived:
            yield Issue.said("function-uncovered", ("units",), function=func, name=names["vi"])
    for func, i in waived.items():
        if func in covered:
            yield Issue.said("waiver-unneeded", ("waived_functions", i, "function"), function=func)
    for i, custom in enumerate(dept.functions):
        if custom.id not in covered:
            yield Issue.said("function-unused", ("functions", i, "id"), function=custom.id)


@check(
    "staffing",
    "Units have staff, heads a manageable span of control, people at most 1.0 FTE in all.",
    unit_without_staff=W,
    span_of_control=W,
    person_over_allocated=E,
    role_unused=I,
)
def staffing(dept: Department) -> Iterator[Issue]:
    child_count: dict[str, int] = defaultdict(int)
    for unit in dept.units:
        if unit.parent is not None:
            child_count[unit.parent] += 1
    limit = dept.checks.max_span_of_control
    for i, unit in enumerate(dept.units):
        if unit.headcount == 0:
            yield Issue.said("unit-without-staff", ("units", i), unit=unit.id)
        span = unit.headcount - (1 if unit.head else 0) + child_count[unit.id]
        if unit.head and span > limit:
            yield Issue.said(
                "span-of-control", ("units", i, "head"), unit=unit.id, span=span, limit=limit
            )
    load: dict[str, Decimal] = defaultdict(Decimal)
    where: dict[str, tuple[str | int, ...]] = {}
    for i, unit in enumerate(dept.units):
        for j, line in enumerate(unit.staff):
            if line.person is not None:
                load[line.person] += line.fte
                where[line.person] = ("units", i, "staff", j, "fte")
    for person, total in load.items():
        if total > 1:
            yield Issue.said(
                "person-over-allocated", where[person], person=person, fte=total.normalize()
            )
    used = {line.role for unit in dept.units for line in unit.staff}
    for i, role in enumerate(dept.roles):
        if role.id not in used:
            yield Issue.said("role-unused", ("roles", i, "id"), role=role.id)


@check(
    "costs",
    "Staff is priced in the department's currency: amounts are never converted.",
    role_cost_currency=E,
)
def costs(dept: Department) -> Iterator[Issue]:
    for i, role in enumerate(dept.roles):
        currency = role.monthly_cost.currency
        if currency is not None and currency != dept.currency:
            yield Issue.said(
                "role-cost-currency",
                ("roles", i, "monthly_cost"),
                role=role.id,
                cost=role.monthly_cost,
                currency=dept.currency,
            )
