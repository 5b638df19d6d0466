"""Builders shared by the simulation tests: small departments and workloads made in Python.

* :func:`one_unit_department` — one unit ``desk`` with ``servers`` agents, every ticket routed
  to it, tickets carrying only a channel (``phone``): no calendar, no SLA, no escalation,
  one priority level. With :func:`one_stream_workload` it is M/M/c (or M/G/c, M/M/c+M).
* :func:`many_units_department` — ``units`` such desks side by side, tickets routed to
  ``u{i}`` by their category ``k{i}``; :func:`many_streams_workload` feeds each its own stream.
* :func:`pooled` — merge of one replication's per-class accumulators.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation.stats import ClassStats, ReplicationStats

__all__ = [
    "FUNCTIONS",
    "NEVER",
    "START",
    "exponential",
    "fixed",
    "many_streams_workload",
    "many_units_department",
    "one_stream_workload",
    "one_unit_department",
    "pooled",
    "span",
]

START = "2027-03-01T00:00:00+07:00"
"""A Monday, in the department's time zone."""

FUNCTIONS = (
    "account_management",
    "loyalty",
    "returns_warranty",
    "issue_resolution",
    "support",
    "sales",
)


def span(seconds: float) -> str:
    """A duration as the workload writes it, to the millisecond (``"300.000s"``)."""
    return f"{seconds:.3f}s"


def exponential(mean_seconds: float) -> dict[str, Any]:
    return {"kind": "exponential", "mean": span(mean_seconds)}


def fixed(seconds: float) -> dict[str, Any]:
    return {"kind": "fixed", "value": span(seconds)}


def _unit(uid: str, servers: int, *, parent: str | None = None, fte: str = "1") -> dict[str, Any]:
    unit: dict[str, Any] = {
        "id": uid,
        "name": {"en": f"Desk {uid}"},
        "head": "agent",
        "functions": list(FUNCTIONS),
        "channels": ["phone"],
        "staff": [{"role": "agent", "headcount": servers, "fte": Decimal(fte)}],
    }
    if parent is not None:
        unit["parent"] = parent
    return unit


def _department(
    units: list[dict[str, Any]], routing: dict[str, Any], schema: dict[str, Any]
) -> Department:
    return Department.model_validate(
        {
            "id": "oracle",
            "name": {"en": "Oracle department"},
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "agent", "title": {"en": "Agent"}, "monthly_cost": "10000000 VND"}],
            "units": units,
            "ticket_schema": {"attributes": schema},
            "routing": routing,
        }
    )


def one_unit_department(servers: int, *, fte: str = "1", queues: bool = False) -> Department:
    """One always-open unit ``desk`` with ``servers`` agents (headcount ``servers``, FTE
    ``fte`` each), every ticket routed to it; tickets carry only ``channel: phone``.

    With ``queues`` the tickets also carry a category, and a rule raises the priority of the
    (never drawn, see :data:`NEVER`) category ``rare``: the desk may then see two priority
    levels, so the engine gives it priority queues and completion events instead of its
    first-come-first-served fast path, while every ticket actually simulated has the same
    priority."""
    schema: dict[str, Any] = {"channel": {"type": "enum", "required": True, "values": ["phone"]}}
    routing: dict[str, Any] = {"default": {"unit": "desk"}}
    if queues:
        schema["category"] = {"type": "enum", "values": ["common", "rare"]}
        schema["priority"] = {"type": "enum", "values": ["normal", "high"]}
        routing["rules"] = [
            {
                "id": "rare_first",
                "when": {"category": "rare"},
                "to": {"unit": "desk", "priority": 1},
            }
        ]
    return _department([_unit("desk", servers, fte=fte)], routing, schema)


NEVER = 1e-12
"""Relative weight of the ``rare`` category: possible, so the engine plans for it, but
drawn about once in 10¹² tickets."""


def many_units_department(units: int, servers: int) -> Department:
    """``units`` always-open desks ``u0…`` (``u0`` the top, the rest under it), each with
    ``servers`` agents; a ticket of category ``k{i}`` is routed to ``u{i}``."""
    return _department(
        [_unit("u0", servers)] + [_unit(f"u{i}", servers, parent="u0") for i in range(1, units)],
        {
            "rules": [
                {"id": f"r{i}", "when": {"category": f"k{i}"}, "to": {"unit": f"u{i}"}}
                for i in range(units)
            ],
            "default": {"unit": "u0"},
        },
        {
            "channel": {"type": "enum", "required": True, "values": ["phone"]},
            "category": {"type": "enum", "values": [f"k{i}" for i in range(units)]},
        },
    )


def one_stream_workload(
    rate_per_hour: float,
    service: Mapping[str, Any],
    *,
    patience: Mapping[str, Any] | None = None,
    warmup: datetime.timedelta = datetime.timedelta(0),
    unit: str = "desk",
    queues: bool = False,
) -> Workload:
    """One Poisson stream of ``rate_per_hour`` phone tickets, handling time ``service`` at
    ``unit`` and, when given, phone ``patience``; every holder resolves in one visit. With
    ``queues`` (for ``one_unit_department(queues=True)``) tickets draw their category from
    ``common`` and, with weight :data:`NEVER`, ``rare``."""
    stream: dict[str, Any] = {
        "id": "calls",
        "rate": rate_per_hour,
        "attributes": {"channel": "phone"},
    }
    if queues:
        stream["mix"] = {"category": {"common": 1, "rare": NEVER}}
    doc: dict[str, Any] = {
        "id": "oracle",
        "start": START,
        "streams": [stream],
        "service": [{"unit": unit, "time": dict(service)}],
        "warmup": warmup,
    }
    if patience is not None:
        doc["patience"] = {"phone": dict(patience)}
    return Workload.model_validate(doc)


def many_streams_workload(units: int, rate_per_hour: float, service: Mapping[str, Any]) -> Workload:
    """One Poisson stream of ``rate_per_hour`` per desk of :func:`many_units_department`."""
    return Workload.model_validate(
        {
            "id": "oracle_many",
            "start": START,
            "streams": [
                {
                    "id": f"s{i}",
                    "rate": rate_per_hour,
                    "attributes": {"channel": "phone", "category": f"k{i}"},
                }
                for i in range(units)
            ],
            "service": [{"unit": f"u{i}", "time": dict(service)} for i in range(units)],
        }
    )


def pooled(stats: ReplicationStats | Iterable[ClassStats]) -> ClassStats:
    """Every class of a replication (or the given class accumulators) merged into one."""
    classes = stats.classes.values() if isinstance(stats, ReplicationStats) else stats
    total = ClassStats()
    for one in classes:
        total.merge(one)
    return total
