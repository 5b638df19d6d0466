"""The graph algorithms the engine and the checks ask networkx for, against plain references.

The escalation engine's cycles, longest paths, reachability, shortest lines and reporting lines, the
reporting-tree check's cycles, used to be hand-written (an iterative Tarjan, breadth-first
and memoised depth-first searches, a walk up the parent pointers). Those routines live on
here as the references: on random documents (any parent, any `reports_to`, any step, cycles
and unknown ids included) the networkx-based answers are the same, down to the order and
the tie-breaks that the findings' messages show.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.checks import Issue
from cskh_org.checks.budget import _above
from cskh_org.checks.org import reporting_tree
from cskh_org.escalation import Escalator
from cskh_org.graph import hierarchy_graph, org_graph, reporting_cycle_free, superiors
from cskh_org.model import Department, StepKind
from cskh_org.model.budget import Party
from tests.conftest import EXAMPLES, examples

# -- the references: the hand-written routines the networkx calls replaced ---------------------


def ref_strongly_connected(graph: Mapping[str, Sequence[str]], nodes: list[str]) -> list[set[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, i = work[-1]
            succ = graph.get(node, ())
            if i < len(succ):
                work[-1] = (node, i + 1)
                nxt = succ[i]
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def ref_cycle_through(
    first: str, graph: Mapping[str, Sequence[str]], group: set[str]
) -> tuple[str, ...]:
    """A shortest cycle from ``first`` back to itself inside ``group`` (breadth-first)."""
    previous: dict[str, str] = {}
    queue = [first]
    for node in queue:
        for nxt in graph[node]:
            if nxt == first:
                line = [node]
                while line[-1] != first:
                    line.append(previous[line[-1]])
                return tuple(reversed(line))
            if nxt in group and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return (first,)


class Reference:
    """The engine's old answers, from the document's steps (not from the graph module)."""

    def __init__(self, dept: Department) -> None:
        holders = dict.fromkeys(u.id for u in dept.units)
        holders.update(dict.fromkeys(e.id for e in dept.externals))
        self.holders = list(holders)
        steps = dept.escalation.steps if dept.escalation is not None else ()
        known = [s for s in steps if s.from_ in holders and s.to in holders]
        self.up: dict[str, list[tuple[str, str]]] = {h: [] for h in self.holders}
        self.side: dict[str, int] = dict.fromkeys(self.holders, 0)
        self.handoffs: dict[str, int] = dict.fromkeys(self.holders, 0)
        for step in known:
            self.handoffs[step.from_] += step.kind.handoffs
            if step.kind is StepKind.HIERARCHICAL:
                self.up[step.from_].append((step.id, step.to))
            else:
                self.side[step.from_] += step.kind.handoffs
        self.graph = {h: [to for _id, to in self.up[h]] for h in self.holders}
        targets = {s.to for s in known}
        self.routed = [u.id for u in dept.units if u.id not in targets]
        self.routed = list(dict.fromkeys(self.routed))

    def cycles(self) -> list[tuple[str, ...]]:
        order = {h: i for i, h in enumerate(self.holders)}
        out: list[tuple[str, ...]] = []
        for group in ref_strongly_connected(self.graph, list(order)):
            first = min(group, key=order.__getitem__)
            if len(group) == 1 and first not in self.graph[first]:
                continue
            out.append(ref_cycle_through(first, self.graph, group))
        out.sort(key=lambda c: order[c[0]])
        return out

    def longest(self) -> dict[str, tuple[int, str | None]]:
        """Memoised depth-first search, iterative: most handoffs and the step achieving them."""
        best: dict[str, tuple[int, str | None]] = {}
        cyclic: set[str] = set()
        for root in self.holders:
            if root in best or root in cyclic:
                continue
            stack: list[tuple[str, int]] = [(root, 0)]
            on_stack = {root}
            while stack:
                holder, i = stack[-1]
                up = self.up[holder]
                if i < len(up):
                    stack[-1] = (holder, i + 1)
                    nxt = up[i][1]
                    if nxt in on_stack or nxt in cyclic:
                        cyclic.update(on_stack)
                    elif nxt not in best:
                        stack.append((nxt, 0))
                        on_stack.add(nxt)
                    continue
                stack.pop()
                on_stack.discard(holder)
                if holder in cyclic:
                    continue
                if any(to in cyclic for _id, to in up):
                    cyclic.add(holder)
                    continue
                choice: str | None = None
                value = 0
                for step_id, to in up:
                    candidate = 1 + best[to][0]
                    if candidate > value:
                        value, choice = candidate, step_id
                best[holder] = (self.side[holder] + value, choice)
        return best

    def reachable(self, start: str) -> list[str]:
        seen = {start}
        order = [start]
        todo = [start]
        while todo:
            for nxt in self.graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    order.append(nxt)
                    todo.append(nxt)
        return order

    def most_handoffs(self, start: str) -> int:
        best = self.longest()
        if start in best:
            return best[start][0]
        return sum(self.handoffs[h] for h in self.reachable(start))

    def path_to(self, holder: str) -> tuple[str, ...] | None:
        previous: dict[str, str | None] = dict.fromkeys(self.routed)
        queue = list(self.routed)
        for node in queue:
            if node == holder:
                line = [node]
                while (back := previous[line[-1]]) is not None:
                    line.append(back)
                return tuple(reversed(line))
            for nxt in self.graph[node]:
                if nxt not in previous:
                    previous[nxt] = node
                    queue.append(nxt)
        return None


def ref_org_cycles(dept: Department) -> Iterator[Issue]:
    """The reporting-tree check's old cycle search: walk up from each unit, then each external
    (the `org-root` findings, untouched, are left out)."""
    index = {u.id: i for i, u in enumerate(dept.units)}
    parent = {u.id: u.parent for u in dept.units if u.parent in index}
    done: set[str] = set()
    for unit in dept.units:
        seen: dict[str, int] = {}
        node: str | None = unit.id
        while node is not None and node not in seen and node not in done:
            seen[node] = len(seen)
            node = parent.get(node)
        done.update(seen)
        if node is not None and node in seen:
            cycle = list(seen)[seen[node] :]
            first = min(cycle, key=index.__getitem__)
            path = " → ".join([*cycle, cycle[0]])
            yield Issue(
                "org-cycle",
                ("units", index[first], "parent"),
                f"units report to each other in a cycle ({path}); give one of them a parent "
                "outside the cycle, or none if it is the top unit",
            )
    ext_index = {e.id: i for i, e in enumerate(dept.externals)}
    ext_parent = {e.id: e.reports_to for e in dept.externals}
    walked: set[str] = set()
    for ext in dept.externals:
        chain: dict[str, int] = {}
        cur: str | None = ext.id
        while cur is not None and cur in ext_parent and cur not in chain and cur not in walked:
            chain[cur] = len(chain)
            cur = ext_parent[cur]
        if cur is not None and cur in chain:
            cycle = list(chain)[chain[cur] :]
            walked.update(cycle)
            yield Issue(
                "org-cycle",
                ("externals", ext_index[cycle[0]], "reports_to"),
                f"external parties report to each other in a cycle "
                f"({' → '.join([*cycle, cycle[0]])}); end the chain at the board",
            )
        walked.update(chain)


def ref_reporting_line(dept: Department, holder: str) -> tuple[str, ...]:
    """`Escalator.reporting_line`'s old walk up the parent pointers, then the externals'
    `reports_to` (ids: a holder that is both a unit and an external is the unit)."""
    line: list[str] = []
    seen = {holder}
    node: str | None = holder
    units = {u.id for u in dept.units}
    if holder in units:
        parents = {u.id: u.parent for u in dept.units}
        while node is not None and node in parents:
            up = parents[node]
            if up is None:  # the top unit: its head reports outside the department
                node = dept.reports_to if dept.reports_to in dept.externals_by_id else None
                break
            if up not in parents or up in seen:
                node = None
                break
            line.append(up)
            seen.add(up)
            node = up
        if node is None or node in seen:
            return tuple(line)
        line.append(node)
        seen.add(node)
    bosses = {e.id: e.reports_to for e in dept.externals}
    while node is not None:
        boss = bosses.get(node)
        if boss is None or boss not in bosses or boss in seen:
            break
        line.append(boss)
        seen.add(boss)
        node = boss
    return tuple(line)


def ref_above(dept: Department, party: Party) -> list[Party]:
    """The budget check's old walk up: a unit's parents, the external the department reports
    to, that party's `reports_to`, … (units and externals told apart)."""
    units, externals = dept.units_by_id, dept.externals_by_id
    line: list[Party] = []
    seen: set[tuple[str | None, str | None]] = {(party.unit, party.external)}
    start = externals.get(party.external) if party.external is not None else None
    external = start.reports_to if start is not None else None
    if party.unit is not None:
        unit = units.get(party.unit)
        while unit is not None:
            if unit.parent is None:
                external = dept.reports_to
                break
            if (unit.parent, None) in seen or unit.parent not in units:
                break
            seen.add((unit.parent, None))
            line.append(Party(unit=unit.parent))
            unit = units[unit.parent]
    while external is not None and external in externals and (None, external) not in seen:
        seen.add((None, external))
        line.append(Party(external=external))
        external = externals[external].reports_to
    return line


# -- random documents: any structure, cycles and unknown ids included ---------------------------


@st.composite
def departments(draw: st.DrawFn) -> Department:
    """Units and externals with random superiors (themselves, each other, nobody or an
    unknown id, in a shuffled order) and random steps between any holders (unknown ones
    too), an id shared by a unit and an external now and then."""
    n_units = draw(st.integers(1, 8))
    n_ext = draw(st.integers(0, 5))
    units = [f"u{i}" for i in range(n_units)]
    externals = [f"x{j}" for j in range(n_ext)]
    if n_ext and draw(st.booleans()):
        externals[-1] = units[0]  # a unit and an external of the same id: the holder is the unit
    units = draw(st.permutations(units))
    externals = draw(st.permutations(externals))
    holders = [*units, *externals, "nobody"]
    steps = [
        {
            "id": f"s{n}",
            "from": draw(st.sampled_from(holders)),
            "to": draw(st.sampled_from(holders)),
            "kind": draw(st.sampled_from(["hierarchical", "hierarchical", "functional"])),
            "on": [{"on": "manual"}],
        }
        for n in range(draw(st.integers(0, 16)))
    ]
    document: dict[str, Any] = {
        "id": "random",
        "name": {"vi": "Ngẫu nhiên"},
        "currency": "VND",
        "timezone": "Asia/Ho_Chi_Minh",
        "reports_to": draw(st.none() | st.sampled_from([*externals, "nobody"])),
        "roles": [{"id": "agent", "title": {"vi": "Nhân viên"}, "monthly_cost": "1000000 VND"}],
        "units": [
            {
                "id": unit,
                "name": {"vi": unit},
                "parent": draw(st.none() | st.sampled_from([*units, "nowhere"])),
                "staff": [{"role": "agent"}],
            }
            for unit in units
        ],
        "externals": [
            {
                "id": ext,
                "name": {"vi": ext},
                "kind": "other",
                "reports_to": draw(st.none() | st.sampled_from([*externals, "nobody"])),
            }
            for ext in externals
        ],
        "escalation": {"steps": steps, "max_handoffs": 50},
    }
    return Department.model_validate(document)


_SETTINGS = settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SETTINGS
@given(dept=departments())
def test_escalation_cycles_match_tarjan_and_breadth_first(dept: Department) -> None:
    """`Escalator.cycles` (networkx's strongly connected groups and breadth-first tree) is
    the old Tarjan plus breadth-first cycle: same cycles, same first holder, same order."""
    assert Escalator(dept).cycles() == Reference(dept).cycles()


@_SETTINGS
@given(dept=departments())
def test_longest_paths_match_the_memoised_search(dept: Department) -> None:
    """The longest paths (topological order of the condensation) are the old memoised
    depth-first search's: the same holders, handoffs and chosen steps; and `most_handoffs`
    (descendants for a holder that reaches a cycle) is the same for every holder."""
    escalator, reference = Escalator(dept), Reference(dept)
    longest = {
        holder: (value, choice.id if choice is not None else None)
        for holder, (value, choice) in escalator._longest().items()
    }
    assert longest == reference.longest()
    for holder in reference.holders:
        assert escalator.most_handoffs(holder) == reference.most_handoffs(holder)


@_SETTINGS
@given(dept=departments())
def test_path_to_matches_the_breadth_first_search(dept: Department) -> None:
    """`path_to` (multi-source Dijkstra with unit weights) gives the old breadth-first line
    to every holder, tie-breaks included."""
    escalator, reference = Escalator(dept), Reference(dept)
    assert list(escalator.routed_holders()) == reference.routed
    for holder in reference.holders:
        assert escalator.path_to(holder) == reference.path_to(holder)


@_SETTINGS
@given(dept=departments())
def test_reporting_cycles_match_the_walk_up(dept: Department) -> None:
    """The `org-cycle` findings (strongly connected groups, descendants and `find_cycle` on
    the org graph) are the old walk's: same cycles, listed from the same member, at the same
    place, in the same order."""
    found = [i[:3] for i in reporting_tree(dept) if i.code == "org-cycle"]  # the English
    assert found == [i[:3] for i in ref_org_cycles(dept)]


@_SETTINGS
@given(dept=departments())
def test_reporting_lines_match_the_walk_up(dept: Department) -> None:
    """The reporting line above every holder and every party (depth-first on the reversed
    org graph, :func:`cskh_org.graph.superiors`) is the old walk up the parent pointers and
    the externals' `reports_to`: the same superiors, nearest first, stopping where the line
    comes back on itself."""
    escalator = Escalator(dept)
    for holder in [*(u.id for u in dept.units), *(e.id for e in dept.externals)]:
        assert escalator.reporting_line(holder) == ref_reporting_line(dept, holder)
    parties = [Party(unit=u.id) for u in dept.units] + [
        Party(external=e.id) for e in dept.externals
    ]
    for party in [*parties, Party(unit="nowhere"), Party(external="nobody")]:
        assert _above(dept, party) == ref_above(dept, party)


# -- the plain fast paths against networkx ---------------------------------------------------
# A department without cycles (the usual case) is answered by plain walks, without importing
# networkx; on random documents (cycles, unknown ids, a unit id defined twice) they give
# networkx's answers.


@st.composite
def twice_defined(draw: st.DrawFn) -> Department:
    """A random department, now and then with a unit defined a second time (another parent)."""
    dept = draw(departments())
    if draw(st.booleans()):
        again = draw(st.sampled_from(dept.units))
        parent = draw(st.none() | st.sampled_from([u.id for u in dept.units]))
        dept = dept.model_copy(
            update={"units": (*dept.units, again.model_copy(update={"parent": parent}))}
        )
    return dept


@_SETTINGS
@given(dept=twice_defined())
def test_superiors_are_networkx_depth_first_walk_up(dept: Department) -> None:
    """`graph.superiors` (the superior map, followed) is networkx's depth-first preorder of
    the reversed org graph, and `reporting_cycle_free` is networkx's acyclicity test."""
    graph = org_graph(dept)
    up = graph.reverse(copy=False)
    nodes = [*graph.nodes, ("unit", "nowhere"), ("external", "nobody")]
    for node in nodes:
        expected = tuple(nx.dfs_preorder_nodes(up, node))[1:] if node in graph else ()
        assert superiors(dept, node) == expected
    assert reporting_cycle_free(dept) == nx.is_directed_acyclic_graph(graph)


@_SETTINGS
@given(dept=twice_defined())
def test_the_plain_escalation_answers_are_networkx_answers(dept: Department) -> None:
    """Without a cycle of moving steps, `Escalator._bottom_up` is a reverse topological order
    of networkx's hierarchy graph and the longest paths it gives are those of networkx's
    condensation; with one, it says so (``None``) and the cycles come from networkx."""
    escalator = Escalator(dept)
    graph = hierarchy_graph(dept)
    order = escalator._bottom_up()
    assert (order is not None) == nx.is_directed_acyclic_graph(graph)
    if order is None:
        assert escalator.cycles() == escalator._cycles_by_groups() != []
        return
    assert sorted(order) == sorted(graph.nodes)
    position = {holder: i for i, holder in enumerate(order)}
    assert all(position[b] < position[a] for a, b in graph.edges)
    assert escalator.cycles() == escalator._cycles_by_groups() == []
    assert escalator._longest() == escalator._longest_by_groups()


def test_validating_a_department_without_cycles_does_not_import_networkx() -> None:
    """The checks of the large example (no reporting or escalation cycle) run without
    networkx, which costs about 270 ms to import (a fresh interpreter tells)."""
    code = (
        "import sys, cskh_org\n"
        f"result = cskh_org.validate({str(EXAMPLES / 'large' / 'department.yaml')!r})\n"
        "assert result.department is not None\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
