"""Simulation of ticket routing: what-if before anything goes live.

The engine runs the department's **own** router, SLA policies, calendars and escalation
steps over a :class:`~cskh_org.model.workload.Workload`::

    from cskh_org.simulation import simulate

    result = simulate(department, workload, days=7, replications=5, seed=1)
    print(cskh_org.report.simulation.result_text(result))

:class:`Simulation` compiles a department and a workload once; :meth:`Simulation.run` runs
one replication and returns its streaming accumulators
(:class:`~cskh_org.simulation.stats.ReplicationStats`). Identical seeds give identical
results; replication ``r`` of seed ``s`` draws from random streams named after ``s``, ``r``
and their purpose (arrival instants, stream and attributes, service at each unit, patience,
outcomes), so two versions of a department compared with the same seed and workload see the
same customers (common random numbers).
"""

from __future__ import annotations

from cskh_org.simulation.engine import Simulation
from cskh_org.simulation.results import Comparison, Estimate, Kpis, SimulationResult
from cskh_org.simulation.run import compare, simulate
from cskh_org.simulation.stats import ClassKey, ReplicationStats, TicketRecord

__all__ = [
    "ClassKey",
    "Comparison",
    "Estimate",
    "Kpis",
    "ReplicationStats",
    "Simulation",
    "SimulationResult",
    "TicketRecord",
    "compare",
    "simulate",
]
