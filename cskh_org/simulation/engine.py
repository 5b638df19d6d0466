"""The engine: :class:`Simulation` compiles a department and a workload once and runs
replications of them on one of two kernels.

The rooms, in the order data flows through them:

* :mod:`~cskh_org.simulation.plan` compiles the pair into a typed, read-only plan (stations,
  staff lines, ticket classes, SLA targets), with :mod:`~cskh_org.simulation.arrivals` (the
  streams as one Poisson process) and :mod:`~cskh_org.simulation.handoffs` (the escalation
  steps and their decisions);
* :mod:`~cskh_org.simulation.replication` holds one run's random streams and accumulators;
  :mod:`~cskh_org.simulation.streamlined` (first-come-first-served desks or one priority
  station, no event list) and
  :mod:`~cskh_org.simulation.event_loop` (everything, with
  :mod:`~cskh_org.simulation.tickets`) are the kernels that run it;
* :mod:`~cskh_org.simulation.run` runs replications (:func:`simulate`, :func:`compare`, in
  processes), :mod:`~cskh_org.simulation.results` types what they measured and
  :mod:`cskh_org.report.simulation` puts it in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from cskh_org.errors import SimulationError
from cskh_org.simulation.event_loop import MAX_REOPENS, run_general
from cskh_org.simulation.plan import Plan
from cskh_org.simulation.replication import Replication
from cskh_org.simulation.streamlined import run_streamlined

if TYPE_CHECKING:
    from cskh_org.simulation.stats import ReplicationStats, TicketRecord

__all__ = ["MAX_REOPENS", "Kernel", "Simulation"]

Kernel = Literal["auto", "fast", "general"]
"""Which kernel runs a replication: ``auto`` (the streamlined one when the plan allows it and
no records are asked for), ``fast`` (the streamlined one, or an error) or ``general``."""


class Simulation(Plan):
    """A department and a workload compiled for simulation (a :class:`Plan`, over ``days``;
    ``warmup`` ``None``: the workload's); :meth:`run` runs one replication.

    Raises :class:`~cskh_org.errors.SimulationError` when the pair cannot be simulated (no
    routing, a unit that receives tickets without a handling time…).
    """

    def run(
        self,
        replication: int = 0,
        seed: int = 0,
        *,
        records: Callable[[TicketRecord], None] | None = None,
        kernel: Kernel = "auto",
    ) -> ReplicationStats:
        """Run one replication; ``records`` receives every ticket when it finishes (and every
        ticket still open at the end).

        A department whose tickets go straight to always-open first-come-first-served units
        (a calendar open round the clock is always open) and are resolved there (SLA targets
        are counted; no escalation step, no outcome odds, follow-ups or reopenings, no mix,
        no self-service stage, one staff line per unit), or all to one such priority station
        whose customers do not give up, runs a streamlined kernel: the same steps and the
        same random draws in the same order with the general machinery left out, so its
        results are identical to the general kernel's (``kernel="general"`` forces that one;
        the test suite checks they agree).
        """
        if kernel == "fast" or (kernel == "auto" and self.fast and records is None):
            if not self.fast:
                raise SimulationError.of("error.simulation.general-kernel")
            if records is not None:
                raise SimulationError.of("error.simulation.streamlined-records")
            return run_streamlined(Replication(self, replication, seed))
        return run_general(self, replication, seed, records)
