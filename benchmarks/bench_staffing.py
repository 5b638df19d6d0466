"""Analytic staffing speed and agreement on the large example (run by hand, not a test).

    .venv/bin/python benchmarks/bench_staffing.py [--interval 30] [--repeat 5]

Loads ``examples/large`` (department and workload; not timed), then times, best of
``--repeat`` (CPU):

* ``analytic_staffing`` of the whole department, one week at ``--interval`` minutes, by its
  default method (pooled queues, Erlang A where every channel has a patience, the SLA's
  first-response targets): the issue's target is under 1 s;
* every distinct (arrivals, handling time) of the week's per-channel queues staffed for 80 %
  within 20 s by Erlang C twice, in the same run: with :func:`cskh_org.staffing.fewest_agents`
  and with pyworkforce's ``ErlangC.required_positions`` (the open-source reference, a dev
  dependency); then the same for intervals of 50 to 500 erlangs (pyworkforce works Erlang B
  out again for every count it tries, we take one recursion step per count); and lists every
  case where the two counts differ;
* ``simulated_staffing`` of the whole department, one week at ``--interval`` minutes,
  ``--replications`` per candidate staffing in ``--workers`` processes: its wall time against
  the issue's target of under 2 minutes on this 2-core machine, its CPU time (this process
  and the workers': over the wall time, the cores kept busy), the load average (the machine
  may be shared), runs and replications, and the intervals verified or too quiet to verify;
* the issue's ramp (one unit, 20/h → 200/h within two hours on a Monday morning, 4-minute
  calls, 80 % within 20 s): the Erlang answer and the simulation-verified one side by side,
  each interval's service level measured by a fresh simulation with other seeds.

Exits 1 if the department takes 1 s or more, if a count differs, or if the simulation-verified
department does not settle within 2 minutes of wall time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cskh_org
from cskh_org.loading import load_workload
from cskh_org.staffing import Queue, ServiceLevelTarget, fewest_agents
from cskh_org.staffing.analytic import analytic_staffing

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0
SIMULATION_SECONDS = 120.0
SHARE, WITHIN = 0.8, 20.0


def _best(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    assert result is not None
    return best, result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=int, choices=(15, 30, 60), default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--replications", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-simulation", action="store_true", help="the analytic parts only")
    args = parser.parse_args(argv)
    dept = cskh_org.load(str(ROOT / "examples/large/department.yaml"))
    workload = load_workload(str(ROOT / "examples/large/workload.yaml"), dept).unwrap()
    seconds, plan = _best(
        args.repeat, lambda: analytic_staffing(dept, workload, interval=args.interval)
    )
    queues = sum(len(u.queues) for u in plan.units)
    verdict = "met" if seconds < TARGET_SECONDS else "NOT met"
    print(
        f"analytic staffing, {len(plan.units)} units ({queues} pooled queues), one week at "
        f"{args.interval} min: {seconds:.3f} s CPU (target < {TARGET_SECONDS:.0f} s: {verdict})"
    )
    apart = analytic_staffing(
        dept,
        workload,
        interval=args.interval,
        per_channel=True,
        method="erlang-c",
        targets=[ServiceLevelTarget(SHARE, WITHIN)],
    )
    cases = sorted(
        {
            (rate, handle)
            for unit in apart.units
            for q in unit.queues
            for rate, handle in zip(q.arrivals, q.handle, strict=True)
            if rate > 0
        }
    )
    target = [ServiceLevelTarget(SHARE, WITHIN)]
    ours_s, ours = _best(
        args.repeat, lambda: [fewest_agents(Queue(r, h), target).agents for r, h in cases]
    )

    theirs_s, theirs = _best(args.repeat, lambda: _pyworkforce(cases, args.interval))
    print(
        f"Erlang C for {SHARE:.0%} within {WITHIN:.0f} s on the example's {len(cases)} "
        f"distinct intervals (loads up to {max(r * h for r, h in cases) / 3600:.1f} erlangs): "
        f"{ours_s * 1000:.1f} ms CPU, pyworkforce {theirs_s * 1000:.1f} ms "
        f"(ours {theirs_s / ours_s:.2f}× its speed)"
    )
    # a national contact centre's intervals: 50 to 500 erlangs, 3-minute calls
    big = [(load * 20.0, 180.0) for load in range(50, 501, 10)]
    big_ours_s, big_ours = _best(
        args.repeat, lambda: [fewest_agents(Queue(r, h), target).agents for r, h in big]
    )
    big_theirs_s, big_theirs = _best(args.repeat, lambda: _pyworkforce(big, args.interval))
    print(
        f"the same for {len(big)} intervals of 50 to 500 erlangs: {big_ours_s * 1000:.1f} ms "
        f"CPU, pyworkforce {big_theirs_s * 1000:.1f} ms (ours {big_theirs_s / big_ours_s:.1f}× "
        "its speed)"
    )
    differ = [
        (c, a, b)
        for c, a, b in zip([*cases, *big], [*ours, *big_ours], [*theirs, *big_theirs], strict=True)
        if a != b
    ]
    for (rate, handle), a, b in differ:
        print(f"  differ: {rate:.2f}/h, {handle:.1f} s: ours {a}, pyworkforce {b}")
    print(f"counts that differ: {len(differ)} of {len(cases) + len(big)}")
    simulated_ok = True
    if not args.no_simulation:
        simulated_ok = _simulated(dept, workload, args)
        _ramp(args)
    return 0 if seconds < TARGET_SECONDS and not differ and simulated_ok else 1


def _simulated(dept: object, workload: object, args: argparse.Namespace) -> bool:
    """The simulation-verified method on the large example: whether it settled in under
    :data:`SIMULATION_SECONDS` of wall time (its CPU time, all processes, is printed too)."""
    import resource

    from cskh_org.staffing.simulated import simulated_staffing

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    wall, before = time.perf_counter(), cpu()
    plan = simulated_staffing(
        dept,  # type: ignore[arg-type]
        workload,  # type: ignore[arg-type]
        interval=args.interval,
        replications=args.replications,
        workers=args.workers,
        seed=1,
    )
    used, wall = cpu() - before, time.perf_counter() - wall
    load = os.getloadavg()[0]
    found = plan.verification
    assert found is not None
    agents = sum(sum(u.on_duty) for u in plan.units)
    cells = [m for u in plan.units for m in u.queues[0].measured if m is not None]
    missed = sum(1 for m in cells if m.verified and not m.met)
    quiet = sum(1 for m in cells if not m.verified)
    ok = wall < SIMULATION_SECONDS and found.converged
    print(
        f"simulation-verified staffing, {len(plan.units)} units, one week at {args.interval} min, "
        f"{found.replications} replications in {args.workers} processes: {found.runs} runs, "
        f"{found.simulated} replications in all "
        f"({'settled' if found.converged else 'stopped at the most runs'}), {wall:.1f} s wall "
        f"(target < {SIMULATION_SECONDS:.0f} s: {'met' if ok else 'NOT met'}), {used:.1f} s CPU "
        f"({used / wall:.2f} cores busy; load average {load:.2f} at the end); {agents} "
        f"agent-intervals (Erlang: {found.start_agents}); {len(cells) - quiet} intervals "
        f"verified, {quiet} too quiet to verify (Erlang's count kept), {missed} missed where "
        "an agent more did not help"
    )
    return ok


def _ramp(args: argparse.Namespace) -> None:
    """The issue's ramp: Erlang and simulation-verified staffing side by side."""
    from cskh_org.loading import load_workload_text
    from cskh_org.staffing.simulated import measure_staffing, simulated_staffing
    from tests.staffing.stationary import RAMP, department, workload

    dept = cskh_org.loads(department("07:00-19:00"), name="ramp.yaml")
    wl = load_workload_text(
        workload(per_hour=200, seconds=240, factors=RAMP, mondays=True), dept, name="w.yaml"
    ).workload
    assert wl is not None
    target = [ServiceLevelTarget(SHARE, WITHIN)]
    erlang = analytic_staffing(dept, wl, interval=30, targets=target)
    verified = simulated_staffing(dept, wl, interval=30, targets=target, replications=30, seed=3)
    fresh = {"replications": 40, "seed": 99}
    e_sl = measure_staffing(dept, wl, erlang, **fresh)["desk"]
    v_sl = measure_staffing(dept, wl, verified, **fresh)["desk"]
    print(
        f"the ramp (20/h at 07:00, 110/h at 08:00, 200/h from 09:00; 4-minute calls; "
        f"{SHARE:.0%} within {WITHIN:.0f} s), Monday, each service level measured again with "
        "40 replications of another seed:"
    )
    print("  interval     arrivals/h  Erlang agents  Erlang SL  verified agents  verified SL")
    queue = erlang.units[0].queues[0]
    for k in range(48):
        e, v = e_sl[k], v_sl[k]
        if e is None or v is None or e.service_level is None or v.service_level is None:
            continue
        clock = f"{k // 2:02d}:{k % 2 * 30:02d}"
        print(
            f"  mon {clock}  {queue.arrivals[k]:10.0f}  {erlang.units[0].on_duty[k]:13d}  "
            f"{e.service_level:9.1%}  {verified.units[0].on_duty[k]:15d}  {v.service_level:11.1%}"
        )


def _pyworkforce(cases: Sequence[tuple[float, float]], interval: int) -> list[int]:
    """pyworkforce's count for each (arrivals per hour, handling seconds)."""
    from pyworkforce.queuing import ErlangC

    out = []
    for rate, handle in cases:
        erlang = ErlangC(
            transactions=rate * interval / 60,
            aht=handle / 60,
            asa=WITHIN / 60,
            interval=interval,
            shrinkage=0.0,
        )
        out.append(int(erlang.required_positions(SHARE, 1.0)["raw_positions"]))
    return out


if __name__ == "__main__":
    sys.exit(main())
