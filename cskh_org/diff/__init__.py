"""Reviews of a change: what changed between two versions of a department
(:mod:`cskh_org.diff.changes`), which tickets it routes elsewhere, exactly
(:mod:`cskh_org.diff.routing`), and what it does to cost, budget and findings
(:mod:`cskh_org.diff.review`)."""

from __future__ import annotations

from cskh_org.diff.changes import Change, ChangeKind, changes
from cskh_org.diff.review import GATES, Effect, Review, UnitCost, review
from cskh_org.diff.routing import Destination, Move, RoutingDiff, routing_diff

__all__ = [
    "GATES",
    "Change",
    "ChangeKind",
    "Destination",
    "Effect",
    "Move",
    "Review",
    "RoutingDiff",
    "UnitCost",
    "changes",
    "review",
    "routing_diff",
]
