"""Generated departments for the render tests and ``benchmarks/bench_render.py``: an org of
any size (a tree of fan-out 10, every unit staffed and covering two functions), a rule table,
and a view of any number of links."""

from __future__ import annotations

from cskh_org.model import BUILTIN_FUNCTIONS
from cskh_org.render.views import Edge, Node, View, ViewName

__all__ = ["department_yaml", "links_view", "routing_yaml"]


def department_yaml(units: int, fanout: int = 10) -> str:
    """A valid department document with ``units`` units in a tree of fan-out ``fanout``."""
    functions = list(BUILTIN_FUNCTIONS)
    lines = [
        "version: 1",
        "id: bench",
        "name: {vi: Phòng Chăm sóc khách hàng, en: Customer care}",
        "currency: VND",
        "timezone: Asia/Ho_Chi_Minh",
        "roles:",
        "  - {id: lead, title: {vi: Trưởng nhóm, en: Team leader}, monthly_cost: 18000000 VND}",
        "  - {id: agent, title: {vi: Nhân viên, en: Agent}, monthly_cost: 11000000 VND}",
        "units:",
    ]
    for i in range(units):
        parent = "" if i == 0 else f", parent: u{(i - 1) // fanout}"
        picked = (
            f"[{functions[i % 6]}, {functions[(i + 1) % 6]}]" if i else f"[{', '.join(functions)}]"
        )
        lines.append(
            f"  - {{id: u{i}, name: {{vi: Nhóm chăm sóc số {i}, en: Care team {i}}}{parent}, "
            f"head: lead, functions: {picked}, "
            "staff: [{role: lead}, {role: agent, headcount: 4, fte: 0.75}]}"
        )
    return "\n".join(lines) + "\n"


def routing_yaml(rules: int, units: int) -> str:
    """A ticket schema and ``rules`` routing rules to the first ``units`` units, as YAML to
    append to :func:`department_yaml`: rule ``i`` takes the orders of value ``[100 i, 100 i
    + 100)`` on one channel (so no rule shadows another), and a description now and then."""
    channels = ["phone", "email", "chat", "zalo"]
    lines = [
        "ticket_schema:",
        "  attributes:",
        f"    channel: {{type: enum, required: true, values: [{', '.join(channels)}]}}",
        "    order_value: {type: number, minimum: 0, integer: true}",
        "routing:",
        "  rules:",
    ]
    for i in range(rules):
        about = f"description: {{vi: Nhóm đơn {i}, en: Order band {i}}}, " if i % 7 == 0 else ""
        lines.append(
            f"    - {{id: r{i}, {about}when: {{channel: {channels[i % 4]}, "
            f"order_value: {{gte: {100 * i}, lt: {100 * i + 100}}}}}, to: u{i % units}}}"
        )
    lines.append("  default: u0")
    return "\n".join(lines) + "\n"


def links_view(links: int) -> View:
    """A small view of ``links`` links (a chain through ``links + 1`` boxes): the text stays
    far under Mermaid's length limit, so only its ``maxEdges`` can refuse it."""
    nodes = tuple(Node(id=f"n_{i}", title=str(i)) for i in range(links + 1))
    edges = tuple(Edge(source=f"n_{i}", target=f"n_{i + 1}") for i in range(links))
    return View(name=ViewName.ESCALATION, title="links", direction="LR", nodes=nodes, edges=edges)
