"""Generated departments for the render tests and ``benchmarks/bench_render.py``: an org of
any size (a tree of fan-out 10, every unit staffed and covering two functions)."""

from __future__ import annotations

from cskh_org.model import BUILTIN_FUNCTIONS

__all__ = ["department_yaml"]


def department_yaml(units: int) -> str:
    """A valid department document with ``units`` units in a tree of fan-out 10."""
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
        parent = "" if i == 0 else f", parent: u{(i - 1) // 10}"
        picked = (
            f"[{functions[i % 6]}, {functions[(i + 1) % 6]}]" if i else f"[{', '.join(functions)}]"
        )
        lines.append(
            f"  - {{id: u{i}, name: {{vi: Nhóm chăm sóc số {i}, en: Care team {i}}}{parent}, "
            f"head: lead, functions: {picked}, "
            "staff: [{role: lead}, {role: agent, headcount: 4, fte: 0.75}]}"
        )
    return "\n".join(lines) + "\n"
