"""Ticket routing: compile a department's rules once, route every ticket with them.

    router = department.router()          # or compile_router(department)
    decision = router.route({"channel": "phone", "tier": "vip"})
    decision.unit, decision.rule, decision.skills, decision.priority

Importing this package loads neither networkx nor graphviz nor any simulation code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskh_org.errors import TicketInvalid, UsageError
from cskh_org.routing.decision import Decision, RuleTrace
from cskh_org.routing.router import Explanation, Router

if TYPE_CHECKING:
    from cskh_org.model import Department

__all__ = ["Decision", "Explanation", "Router", "RuleTrace", "TicketInvalid", "compile_router"]


def compile_router(department: Department) -> Router:
    """The department's router; raises :class:`UsageError` if it has no ``routing`` section."""
    if department.routing is None:
        raise UsageError.of("error.routing.no-section", department=department.id)
    return Router(department.routing, department.ticket_schema)
