"""Checks of the organisation: the reporting tree, heads, functions, staffing, references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from cskh_org.checks import Issue, check
from cskh_org.checks.references import resolve_references
from cskh_org.findings import Severity
from cskh_org.graph import org_graph
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
    graph = org_graph(dept)
    index = {u.id: i for i, u in enumerate(dept.units)}
    for cycle in _cycles(graph, "unit", [u.id for u in dept.units]):
        first = min(cycle, key=index.__getitem__)
        path = " → ".join([*cycle, cycle[0]])
        yield Issue(
            "org-cycle",
            ("units", index[first], "parent"),
            f"units report to each other in a cycle ({path}); give one of them a parent "
            "outside the cycle, or none if it is the top unit",
        )
    roots = [u for u in dept.units if u.parent is None]
    for extra in roots[1:]:
        yield Issue(
            "org-root",
            ("units", index[extra.id]),
            f"unit `{extra.id}` has no parent, like `{roots[0].id}`; a department has one top "
            f"unit: set `parent: {roots[0].id}` (or the right unit)",
        )
    ext_index = {e.id: i for i, e in enumerate(dept.externals)}
    for cycle in _cycles(graph, "external", [e.id for e in dept.externals]):
        yield Issue(
            "org-cycle",
            ("externals", ext_index[cycle[0]], "reports_to"),
            f"external parties report to each other in a cycle "
            f"({' → '.join([*cycle, cycle[0]])}); end the chain at the board",
        )


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
                yield Issue(
                    "unit-without-head",
                    ("units", i),
                    f"unit `{unit.id}` has no `head`; name the role that leads it",
                )
            continue
        if not any(line.role == unit.head and line.headcount > 0 for line in unit.staff):
            if any(line.role == unit.head for line in unit.staff):
                problem = (
                    f"its `{unit.head}` staff line is vacant (headcount 0); set its "
                    "`headcount` to 1"
                )
            else:
                problem = (
                    f"no staff line of this unit has that role; add `- role: {unit.head}` to "
                    "its `staff`"
                )
            yield Issue(
                "head-not-in-unit",
                ("units", i, "head"),
                f"the head of `{unit.id}` is `{unit.head}`, but {problem}",
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
            yield Issue(
                "function-uncovered",
                ("units",),
                f"function `{func}` ({names['vi']}) is covered by no unit; add it to a unit's "
                "`functions`, or list it under `waived_functions` with a reason",
            )
    for func, i in waived.items():
        if func in covered:
            yield Issue(
                "waiver-unneeded",
                ("waived_functions", i, "function"),
                f"function `{func}` is waived but a unit covers it; remove the waiver",
            )
    for i, custom in enumerate(dept.functions):
        if custom.id not in covered:
            yield Issue(
                "function-unused",
                ("functions", i, "id"),
                f"function `{custom.id}` is covered by no unit; add it to a unit's `functions` "
                "or remove it",
            )


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
            yield Issue(
                "unit-without-staff",
                ("units", i),
                f"unit `{unit.id}` has no staff; add a staff line, or merge it into its parent",
            )
        span = unit.headcount - (1 if unit.head else 0) + child_count[unit.id]
        if unit.head and span > limit:
            yield Issue(
                "span-of-control",
                ("units", i, "head"),
                f"the head of `{unit.id}` leads {span} people and unit heads directly, more "
                f"than {limit}; add team leaders or split the unit (or raise "
                "`checks.max_span_of_control`)",
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
            yield Issue(
                "person-over-allocated",
                where[person],
                f"`{person}` works {total.normalize()} FTE across their staff lines, more than "
                "1.0; lower their `fte` values or hire",
            )
    used = {line.role for unit in dept.units for line in unit.staff}
    for i, role in enumerate(dept.roles):
        if role.id not in used:
            yield Issue(
                "role-unused",
                ("roles", i, "id"),
                f"role `{role.id}` is held by no staff line; remove it or staff it",
            )


@check(
    "costs",
    "Staff is priced in the department's currency: amounts are never converted.",
    role_cost_currency=E,
)
def costs(dept: Department) -> Iterator[Issue]:
    for i, role in enumerate(dept.roles):
        currency = role.monthly_cost.currency
        if currency is not None and currency != dept.currency:
            yield Issue(
                "role-cost-currency",
                ("roles", i, "monthly_cost"),
                f"role `{role.id}` costs {role.monthly_cost} a month, but the department's "
                f"currency is {dept.currency}: its staff are priced in {dept.currency} in the "
                "budget, the diagrams and the simulation, and amounts are not converted; give "
                f"the cost in {dept.currency}",
            )
