"""One replication's own state, shared by both kernels: its random streams, samplers and
accumulators, and the heaps of the agents' free instants.

Randomness comes only from :class:`random.Random` instances seeded with text naming the seed,
the replication and the purpose (``arrivals``, ``streams``, ``service:<unit>``,
``patience:<channel>``…), so runs are reproducible and two versions of a department under the
same workload see the same customers.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from typing import Final

from cskh_org.errors import SimulationError
from cskh_org.model.workload import ServiceTime
from cskh_org.simulation.arrivals import HOUR
from cskh_org.simulation.distributions import Sampler, sampler
from cskh_org.simulation.plan import AgentGroup, Plan, Station, TicketClass
from cskh_org.simulation.stats import ClassStats, ReplicationStats, UnitStats
from cskh_org.simulation.timetable import Timetable

__all__ = ["FirstWork", "Replication", "Work"]

Work = tuple[Sampler, Sampler | None, ServiceTime]
"""A visit's handling-time sampler, its after-contact work sampler (``None``: none) and the
service entry they draw from."""
FirstWork = tuple[Sampler, Sampler | None]
"""A first visit's handling-time sampler and after-contact work sampler (``None``: none)."""


class Replication:
    """Replication ``replication`` of seed ``seed`` of a plan, before it runs.

    Its attributes are slots, as are those the general kernel's run adds: the hot paths read
    them at a fixed offset (an instance dictionary past CPython's 30 shared keys made every
    such read a dictionary lookup)."""

    __slots__ = (
        "class_stats",
        "first",
        "horizon",
        "patience",
        "plan",
        "pools",
        "replication",
        "rngs",
        "seed",
        "service",
        "stats",
        "units",
        "warmup",
    )

    def __init__(self, plan: Plan, replication: int, seed: int) -> None:
        self.plan: Final = plan
        self.replication: Final = replication
        self.seed: Final = seed
        self.horizon: Final = plan.horizon
        self.warmup: Final = plan.warmup
        self.stats: Final = ReplicationStats(replication, seed, plan.horizon - plan.warmup)
        self.class_stats: Final[dict[int, ClassStats]] = {}
        """Per class index: its accumulators (classes with the same key share them)."""
        self.rngs: Final[dict[str, random.Random]] = {}
        self.service: Final[dict[tuple[str, str, str, str], Work]] = {}
        """Per (unit, category, channel, streams): the handling-time sampler, the
        after-contact work sampler (``None``: none) and the service entry they draw from."""
        self.first: Final[dict[int, FirstWork]] = {}
        """Per class index: the samplers of its first visit's work (:meth:`first_work`)."""
        self.patience: Final[dict[str, Sampler]] = {}
        """Per channel: the patience sampler."""
        self.units: Final[dict[str, UnitStats]] = {}
        self.pools: Final[dict[str, list[tuple[AgentGroup, list[float]]]]] = {}
        """Per unit: each staff line with the heap of its agents' free instants."""
        window = plan.horizon - plan.warmup
        hours = math.ceil(window / HOUR)
        for unit in plan.units.values():
            agents = unit.fte
            available = 0.0
            for g in unit.groups:
                span = (
                    window
                    if g.timetable is None
                    else g.timetable.open_time(plan.warmup, plan.horizon)
                )
                available += g.agents * span
            self.units[unit.id] = UnitStats(
                agents=agents,
                available=available,
                queue_area=[0.0] * hours,
                staff_cost_per_day=unit.cost_per_day,
                timed=unit.timed,
            )
            self.pools[unit.id] = [(g, [0.0] * (g.agents * unit.slots)) for g in unit.groups]
        self.stats.units = self.units

    def rng(self, purpose: str) -> random.Random:
        """The random stream of this replication for ``purpose``."""
        rng = self.rngs.get(purpose)
        if rng is None:
            rng = random.Random(f"cskh-org:{self.seed}:{self.replication}:{purpose}")
            self.rngs[purpose] = rng
        return rng

    def first_work(self, cls: TicketClass) -> FirstWork:
        """The samplers of the work of a ticket of class ``cls`` at the unit routing sends it
        to, on that first visit: :meth:`work_samplers`'s, on the ``first_service:<unit>``
        (``first_after_work:<unit>``) streams. Both kernels draw it when the ticket enters
        the router, whether it is then answered, abandons or is still waiting at the end:
        the ``n``-th ticket routed to a unit brings the same work however the unit is
        staffed and whatever order its tickets are started in (common random numbers between
        staffings, sweeps and what-ifs)."""
        found = self.first.get(cls.index)
        if found is None:
            unit = cls.station
            assert unit is not None
            found = self.first[cls.index] = self.work_samplers(
                unit, cls.category, cls.key.channel, "first_"
            )[:2]
        return found

    def work_samplers(self, unit: Station, category: str, channel: str, streams: str = "") -> Work:
        """The handling time and the after-contact work (``None``: none) of ``category``
        tickets on ``channel`` at ``unit``: the most specific service entry's
        (:meth:`~cskh_org.model.workload.Workload.service_for`). Each unit, category and
        entry has its own samplers (channels served by one entry share them); every sampler
        of a unit draws from its ``service:<unit>`` (``after_work:<unit>``) stream, or with
        ``streams`` ``first_``, its ``first_service:<unit>`` (``first_after_work:<unit>``)
        (:meth:`first_work`)."""
        key = (unit.id, category, channel, streams)
        found = self.service.get(key)
        if found is None:
            entry = self.plan.workload.service_for(unit.id, category, channel)
            if entry is None:
                raise SimulationError.of(
                    "error.simulation.no-service",
                    unit=unit.id,
                    category=category,
                    channel=channel,
                )
            found = next(
                (
                    work
                    for (u, c, _, f), work in self.service.items()
                    if u == unit.id and c == category and f == streams and work[2] is entry
                ),
                None,
            )
            if found is None:
                wrap = entry.after_work
                found = (
                    sampler(entry.time, self.rng(f"{streams}service:{unit.id}")),
                    None
                    if wrap is None
                    else sampler(wrap, self.rng(f"{streams}after_work:{unit.id}")),
                    entry,
                )
            self.service[key] = found
        return found

    def finish(self) -> ReplicationStats:
        """The statistics at the end of the run: the busy time of a slotted station (counted
        per slot) as agent capacity; a class of which no ticket arrived in the window is left
        out (the streamlined kernel opens each stream's class before the run, the general one
        at its first counted ticket: both report the classes that had tickets)."""
        classes = self.stats.classes
        for key in [k for k, c in classes.items() if not c.arrived]:
            del classes[key]
        for unit in self.plan.units.values():
            if unit.slots > 1:
                self.units[unit.id].busy /= unit.slots
                self.units[unit.id].overtime /= unit.slots
        return self.stats

    def overtime(
        self, unit: Station, tt: Timetable, start: float, span: float, share: float = 1.0
    ) -> None:
        """An agent of ``unit`` on timetable ``tt`` started ``span`` seconds of work at
        ``start`` (on duty): the part worked off duty, within the window, is overtime
        (``share`` of an agent's capacity), and the service ran over if it ended after its
        opening closed."""
        ends = tt.ends
        if not ends or ends[-1] <= start:
            tt.next_open(start)  # (the openings are known past ``start``)
        end = start + span
        if end <= ends[bisect_right(ends, start)]:
            return
        u = self.units[unit.id]
        if start >= self.warmup:
            u.overruns += 1
        a = start if start > self.warmup else self.warmup
        b = end if end < self.horizon else self.horizon
        if b > a:
            u.overtime += (b - a - tt.open_time(a, b)) * share

    def patience_sampler(self, cls: TicketClass) -> Sampler | None:
        """How long a customer of ``cls`` waits before giving up (``None``: for ever)."""
        if cls.patience is None:
            return None
        channel = cls.key.channel
        draw = self.patience.get(channel)
        if draw is None:
            draw = sampler(cls.patience, self.rng(f"patience:{channel}"))
            self.patience[channel] = draw
        return draw

    def stats_of(self, cls: TicketClass) -> ClassStats:
        """The accumulators of ``cls``."""
        found = self.class_stats.get(cls.index)
        if found is None:
            found = self.stats.classes.get(cls.key)
            if found is None:
                found = ClassStats()
                self.stats.classes[cls.key] = found
            for target in (cls.first_response, cls.resolution):
                if target is not None:  # counters the hot path adds to without a lookup
                    found.sla_counted.setdefault(target.name, 0)
                    found.sla_met.setdefault(target.name, 0)
            self.class_stats[cls.index] = found
        return found

    def queue_area(self, unit: str, a: float, b: float) -> None:
        """A ticket waited at ``unit`` from ``a`` to ``b``: its wait, hour by hour, into the
        unit's queue-length series (the window only)."""
        warmup = self.warmup
        a = max(a, warmup)
        b = min(b, self.horizon)
        if b <= a:
            return
        area = self.units[unit].queue_area
        h = int((a - warmup) // HOUR)
        while a < b and h < len(area):
            edge = warmup + (h + 1) * HOUR
            top = edge if edge < b else b
            area[h] += top - a
            a = top
            h += 1
