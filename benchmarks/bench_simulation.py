"""Simulation throughput and memory (run by hand, not a test).

    .venv/bin/python benchmarks/bench_simulation.py [--tickets 1000000] [--ciw-tickets 100000]
                                                     [--repeat 3] [--quick] [--large DIR]

Every figure goes through :class:`cskh_org.simulation.Simulation`, the engine that
``cskh-org simulate`` runs, and every comparison is measured in the same run:

a. **M/M/8 at 83 % load** as a one-unit department (8 agents, always open, one Poisson stream
   of 79.68 tickets/h, exponential handling of mean 5 min): ``--tickets`` tickets in one
   replication → tickets/s (target ≥ 500,000/s);
b. **Ciw** (a dev dependency) on the same M/M/8 with ``--ciw-tickets`` tickets → tickets/s,
   and our speed-up over it (target ≥ 10×); both mean waits are printed beside Erlang C's;
c. **64 units** — 64 such desks, each fed by its own stream through a routing rule, the same
   number of tickets in all → throughput against one unit (target: within 2×);
d. **the large example** (``examples/large``: routing, SLA, escalation, calendars, partners,
   follow-ups and reopenings) → tickets/s (target ≥ 250,000/s); then the whole
   ``simulate(..., replications=2)`` call (compiling and summing up included) in one process
   and with ``workers=2``, the same replications, the two alternated (best of ``--repeat``
   each) → the speed-up (target ≥ 1.7×); skipped with
   a message when its ``workload.yaml`` is missing; ``--large DIR`` runs another department
   folder instead (the large example of an older version, to compare two versions on the
   same input);
e. **peak memory** of a fresh process that simulates ``--tickets`` M/M/8 tickets with
   streaming statistics (``ru_maxrss`` of the child, read by the parent with
   ``RUSAGE_CHILDREN``; target < 200 MB), beside one that simulates a tenth of them, to show
   that memory stays flat;
f. **the M/M/8 on a 24/7 calendar with an SLA** (``desks(1, sla=True)``: first response in
   3 min, resolution in 15 min, counted on the calendar) → tickets/s against (b)'s Ciw
   (target ≥ 10×);
g. **the two-priority M/M/8** (``desks(1, priorities=True)``: 20 % of the tickets urgent,
   served first, not preemptive) with half of ``--tickets``, against **Ciw** with two
   customer classes and ``priority_classes`` on ``--ciw-tickets`` → the speed-up
   (target ≥ 8×).

Each time is the best of ``--repeat`` runs of the same replication (on a shared machine the
best run is the least disturbed). ``--quick`` divides every ticket count by 10 (a smoke run;
the targets are still printed but throughput on fewer tickets is noisier). Exits 1 if a
target is missed.
"""

from __future__ import annotations

import argparse
import datetime
import math
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation

ROOT = Path(__file__).resolve().parent.parent
SERVERS = 8
MEAN_SERVICE = 300.0  # seconds
LOAD = 0.83
RATE_PER_HOUR = LOAD * SERVERS * 3600 / MEAN_SERVICE  # 79.68
START = "2027-03-01T00:00:00+07:00"
FUNCTIONS = (
    "account_management",
    "loyalty",
    "returns_warranty",
    "issue_resolution",
    "support",
    "sales",
)


# -- the departments -------------------------------------------------------------------------


def _unit(uid: str, parent: str | None) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "id": uid,
        "name": {"en": uid},
        "head": "agent",
        "functions": list(FUNCTIONS),
        "channels": ["phone"],
        "staff": [{"role": "agent", "headcount": SERVERS}],
    }
    if parent is not None:
        unit["parent"] = parent
    return unit


URGENT = 0.2
"""The share of urgent tickets in the two-priority M/M/8 (``desks(1, priorities=True)``)."""
ROUND_THE_CLOCK = {
    "id": "round_the_clock",
    "name": {"en": "Round the clock"},
    "week": {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
}
SLA = {
    "calendar": "round_the_clock",
    "default": {"first_response": "3m", "resolution": "15m"},
}
"""The SLA of ``desks(1, sla=True)``: counted on the desk's 24/7 calendar."""


def desks(
    units: int, *, sla: bool = False, priorities: bool = False
) -> tuple[Department, Workload]:
    """``units`` M/M/8 desks at 83 % load, each fed by its own stream (one desk: no rules,
    every ticket goes to the default). ``sla``: the desks work to a 24/7 calendar and an SLA
    (:data:`SLA`) counts on it; ``priorities`` (one desk): a :data:`URGENT` share of the
    tickets is urgent and goes first (priority 1), the others wait behind them."""
    ids = ["desk"] if units == 1 else [f"u{i}" for i in range(units)]
    schema: dict[str, Any] = {"channel": {"type": "enum", "required": True, "values": ["phone"]}}
    routing: dict[str, Any] = {"default": {"unit": ids[0]}}
    streams: list[dict[str, Any]] = [
        {"id": "calls", "rate": RATE_PER_HOUR, "attributes": {"channel": "phone"}}
    ]
    if priorities:
        schema["category"] = {"type": "enum", "values": ["common", "urgent"]}
        schema["priority"] = {"type": "enum", "values": ["normal", "high"]}
        routing["rules"] = [
            {
                "id": "urgent_first",
                "when": {"category": "urgent"},
                "to": {"unit": ids[0], "priority": 1},
            }
        ]
        streams = [
            {
                "id": category,
                "rate": RATE_PER_HOUR * share,
                "attributes": {"channel": "phone", "category": category},
            }
            for category, share in (("common", 1 - URGENT), ("urgent", URGENT))
        ]
    if units > 1:
        schema["category"] = {"type": "enum", "values": [f"k{i}" for i in range(units)]}
        routing["rules"] = [
            {"id": f"r{i}", "when": {"category": f"k{i}"}, "to": {"unit": uid}}
            for i, uid in enumerate(ids)
        ]
        streams = [
            {
                "id": f"s{i}",
                "rate": RATE_PER_HOUR,
                "attributes": {"channel": "phone", "category": f"k{i}"},
            }
            for i in range(units)
        ]
    doc: dict[str, Any] = {
        "id": "bench",
        "name": {"en": "Benchmark"},
        "currency": "VND",
        "timezone": "Asia/Ho_Chi_Minh",
        "roles": [{"id": "agent", "title": {"en": "Agent"}, "monthly_cost": "1000000 VND"}],
        "units": [_unit(uid, None if i == 0 else ids[0]) for i, uid in enumerate(ids)],
        "ticket_schema": {"attributes": schema},
        "routing": routing,
    }
    if sla:
        doc["calendars"] = [ROUND_THE_CLOCK]
        for unit in doc["units"]:
            unit["calendar"] = "round_the_clock"
        doc["sla"] = SLA
    department = Department.model_validate(doc)
    workload = Workload.model_validate(
        {
            "id": "bench",
            "start": START,
            "streams": streams,
            "service": [
                {"unit": uid, "time": {"kind": "exponential", "mean": f"{MEAN_SERVICE:g}s"}}
                for uid in ids
            ],
        }
    )
    return department, workload


def days_for(tickets: int, rate_per_hour: float) -> float:
    return tickets / rate_per_hour / 24


# -- the measurements ------------------------------------------------------------------------


def erlang_c_wait() -> float:
    """Mean wait of M/M/8 at 83 % load (seconds), by the Erlang B recursion."""
    load = RATE_PER_HOUR * MEAN_SERVICE / 3600
    b = 1.0
    for k in range(1, SERVERS + 1):
        b = load * b / (k + load * b)
    c = SERVERS * b / (SERVERS - load * (1 - b))
    return c / (SERVERS / MEAN_SERVICE - RATE_PER_HOUR / 3600)


def simulate(
    units: int, tickets: int, repeat: int = 1, seed: int = 1, **kinds: bool
) -> tuple[int, float, float, float]:
    """Tickets simulated, seconds compiling, seconds running (the best of ``repeat`` runs of
    the same replication), mean wait (s); ``kinds``: :func:`desks`'s ``sla`` and
    ``priorities``."""
    department, workload = desks(units, **kinds)
    t0 = time.perf_counter()
    simulation = Simulation(
        department,
        workload,
        days=days_for(tickets, RATE_PER_HOUR * units),
        warmup=datetime.timedelta(0),
    )
    compile_s = time.perf_counter() - t0
    best = math.inf
    for _ in range(repeat):
        t1 = time.perf_counter()
        stats = simulation.run(0, seed)
        best = min(best, time.perf_counter() - t1)
    answered = sum(c.first_response.n for c in stats.classes.values())
    waited = sum(c.first_response.total for c in stats.classes.values())
    return stats.arrived_total, compile_s, best, waited / answered


def ciw_network(*, priorities: bool = False) -> Any:
    """Ciw's M/M/8 of the benchmark; with ``priorities``, two customer classes, the
    :data:`URGENT` share first (not preemptive)."""
    import ciw

    lam = RATE_PER_HOUR / 3600
    service = ciw.dists.Exponential(rate=1 / MEAN_SERVICE)
    if not priorities:
        return ciw.create_network(
            arrival_distributions=[ciw.dists.Exponential(rate=lam)],
            service_distributions=[service],
            number_of_servers=[SERVERS],
        )
    return ciw.create_network(
        arrival_distributions={
            "urgent": [ciw.dists.Exponential(rate=lam * URGENT)],
            "common": [ciw.dists.Exponential(rate=lam * (1 - URGENT))],
        },
        service_distributions={"urgent": [service], "common": [service]},
        number_of_servers=[SERVERS],
        priority_classes={"urgent": 0, "common": 1},
    )


def _ciw_run(network: Any, tickets: int, repeat: int, seed: int) -> tuple[int, float, float]:
    import ciw

    lam = RATE_PER_HOUR / 3600
    best = math.inf
    for _ in range(repeat):
        ciw.seed(seed)
        t0 = time.perf_counter()
        sim = ciw.Simulation(network)
        sim.simulate_until_max_time(tickets / lam)
        best = min(best, time.perf_counter() - t0)
    records = sim.get_all_records()
    waits = [r.waiting_time for r in records]
    return len(records), best, math.fsum(waits) / len(waits)


def ciw_mm8(tickets: int, repeat: int = 1, seed: int = 1) -> tuple[int, float, float]:
    """Ciw's M/M/8: tickets completed, seconds (the best of ``repeat`` runs), mean wait (s)."""
    return _ciw_run(ciw_network(), tickets, repeat, seed)


def ciw_priorities(tickets: int, repeat: int = 1, seed: int = 1) -> tuple[int, float, float]:
    """Ciw's two-priority M/M/8 (two customer classes, the :data:`URGENT` share first, not
    preemptive): tickets completed, seconds (the best of ``repeat`` runs), mean wait (s)."""
    return _ciw_run(ciw_network(priorities=True), tickets, repeat, seed)


def large_example(
    tickets: int, repeat: int = 1, folder: Path = ROOT / "examples" / "large"
) -> tuple[int, float, float, float] | str:
    """The large example (or another department ``folder`` with a ``workload.yaml``):
    tickets, days simulated, seconds compiling, seconds running (the best of ``repeat``
    runs)."""
    if not (folder / "workload.yaml").exists():
        return f"{folder / 'workload.yaml'} is missing"
    from cskh_org.loading import validate
    from cskh_org.loading.workload import load_workload

    department = validate(folder / "department.yaml").unwrap()
    workload = load_workload(folder / "workload.yaml", department).unwrap()
    probe = Simulation(department, workload, days=7.0).run(0, 1)
    per_day = probe.arrived_total / 7.0
    days = max(7.0, math.ceil(tickets / per_day / 7) * 7.0)  # whole weeks
    t0 = time.perf_counter()
    simulation = Simulation(department, workload, days=days)
    compile_s = time.perf_counter() - t0
    best = math.inf
    for _ in range(repeat):
        t1 = time.perf_counter()
        stats = simulation.run(0, 2)
        best = min(best, time.perf_counter() - t1)
    return stats.arrived_total, days, compile_s, best


def large_speedup(
    days: float, workers: int, folder: Path, repeat: int = 1
) -> tuple[tuple[int, float, float, float], tuple[int, float, float, float]]:
    """:func:`large_parallel` of ``workers`` replications in one process and with ``workers``
    workers, the two alternated ``repeat`` times (so that a busy moment of a shared machine
    does not fall on one of them only): the best call of each, by wall time."""
    one: tuple[int, float, float, float] | None = None
    par: tuple[int, float, float, float] | None = None
    for _ in range(repeat):
        a = large_parallel(days, 1, folder, workers)
        b = large_parallel(days, workers, folder, workers)
        one = a if one is None or a[1] < one[1] else one
        par = b if par is None or b[1] < par[1] else par
    assert one is not None
    assert par is not None
    return one, par


def large_parallel(
    days: float, workers: int, folder: Path, replications: int, repeat: int = 1
) -> tuple[int, float, float, float]:
    """The large example: tickets and wall seconds (the best of ``repeat``) of the whole
    ``simulate(..., replications=replications, workers=workers)`` call, compiling the plan
    and summing up the replications included; and in that best call, the CPU seconds of
    this process and of the worker processes (``RUSAGE_CHILDREN``: counted when they
    exit, at the end of the call). The workers' CPU over the wall time is how many of
    them were busy at once on average: about ``workers`` when they ran in parallel, less
    when the machine had fewer free cores to give them."""
    from cskh_org.loading import validate
    from cskh_org.loading.workload import load_workload
    from cskh_org.simulation import simulate

    department = validate(folder / "department.yaml").unwrap()
    workload = load_workload(folder / "workload.yaml", department).unwrap()
    best = own = children = math.inf
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        result = simulate(
            department, workload, days=days, replications=replications, seed=2, workers=workers
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_SELF)
        kids_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if wall < best:
            best = wall
            own = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            children = kids_after.ru_utime + kids_after.ru_stime - kids.ru_utime - kids.ru_stime
    return sum(c.arrived for c in result.conservation), best, own, children


def peak_memory(tickets: int) -> tuple[float, str]:
    """Peak resident memory (MB) of a child process simulating ``tickets`` M/M/8 tickets,
    as ``RUSAGE_CHILDREN`` reports it (the largest child so far), and the child's output.

    On Linux a child's ``ru_maxrss`` starts from the parent's resident size when it was
    forked (``exec`` keeps the high-water mark), so this is measured before the parent has
    run anything; the child also reports its own ``VmHWM`` (the peak of its own address
    space only)."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(tickets)],
        capture_output=True,
        text=True,
        check=True,
    )
    kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return kilobytes / 1024, proc.stdout.strip()


def _high_water_mb() -> float:
    """``VmHWM`` of this process (MB), NaN where ``/proc`` does not tell."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def child(tickets: int) -> None:
    """In the child: simulate and report the ticket count and own peak memory."""
    before = _high_water_mb()
    count, _, _, _ = simulate(1, tickets)
    after = _high_water_mb()
    print(
        f"{count:,} tickets; own VmHWM {before:.0f} MB after imports, {after:.0f} MB after the run"
    )


# -- the report ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--ciw-tickets", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="a tenth of every ticket count")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument(
        "--large",
        type=Path,
        default=ROOT / "examples" / "large",
        help="the department folder of case (d), for comparing versions on the same input",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    scale = 10 if args.quick else 1
    tickets = args.tickets // scale
    ciw_tickets = args.ciw_tickets // scale
    missed: list[str] = []

    def target(ok: bool, text: str) -> str:
        if not ok:
            missed.append(text)
        return f"(target {text}: {'met' if ok else 'NOT met'})"

    # memory first: a child's ru_maxrss counts the parent's size when it was forked
    small_mb, small_out = peak_memory(tickets // 10)
    big_mb, big_out = peak_memory(tickets)
    print(f"Erlang C mean wait of the M/M/8 at 83 % load: {erlang_c_wait():.1f} s")
    count, compile_s, run_s, wait = simulate(1, tickets, args.repeat)
    one_rate = count / run_s
    print(
        f"(a) M/M/8, one unit:   {count:>9,} tickets in {run_s:6.2f} s = {one_rate:>10,.0f} "
        f"tickets/s {target(one_rate >= 500_000, '≥ 500,000/s')}; compile "
        f"{compile_s * 1000:.0f} ms; mean wait {wait:.1f} s"
    )

    ciw_count, ciw_s, ciw_wait = ciw_mm8(ciw_tickets, args.repeat)
    ciw_rate = ciw_count / ciw_s
    print(
        f"(b) Ciw, same M/M/8:   {ciw_count:>9,} tickets in {ciw_s:6.2f} s = {ciw_rate:>10,.0f} "
        f"tickets/s; mean wait {ciw_wait:.1f} s"
    )
    print(
        f"    speed-up over Ciw: {one_rate / ciw_rate:,.0f}x "
        f"{target(one_rate >= 10 * ciw_rate, '≥ 10x')}"
    )

    sla_count, sla_compile, sla_s, sla_wait = simulate(1, tickets, args.repeat, sla=True)
    sla_rate = sla_count / sla_s
    print(
        f"(f) M/M/8, 24/7 + SLA: {sla_count:>9,} tickets in {sla_s:6.2f} s = {sla_rate:>10,.0f} "
        f"tickets/s, {sla_rate / ciw_rate:,.1f}x Ciw {target(sla_rate >= 10 * ciw_rate, '≥ 10x')}; "
        f"compile {sla_compile * 1000:.0f} ms; mean wait {sla_wait:.1f} s"
    )
    prio_count, _, prio_s, prio_wait = simulate(1, tickets // 2, args.repeat, priorities=True)
    prio_rate = prio_count / prio_s
    ciwp_count, ciwp_s, ciwp_wait = ciw_priorities(ciw_tickets, args.repeat)
    ciwp_rate = ciwp_count / ciwp_s
    print(
        f"(g) M/M/8, 2 priorities: {prio_count:>7,} tickets in {prio_s:6.2f} s = "
        f"{prio_rate:>10,.0f} tickets/s; mean wait {prio_wait:.1f} s"
    )
    print(
        f"    Ciw, 2 classes:    {ciwp_count:>9,} tickets in {ciwp_s:6.2f} s = "
        f"{ciwp_rate:>10,.0f} tickets/s; mean wait {ciwp_wait:.1f} s; speed-up "
        f"{prio_rate / ciwp_rate:,.1f}x {target(prio_rate >= 8 * ciwp_rate, '≥ 8x')}"
    )

    many_count, many_compile, many_s, many_wait = simulate(64, tickets, args.repeat)
    many_rate = many_count / many_s
    print(
        f"(c) 64 units:          {many_count:>9,} tickets in {many_s:6.2f} s = "
        f"{many_rate:>10,.0f} tickets/s; compile {many_compile * 1000:.0f} ms; "
        f"mean wait {many_wait:.1f} s"
    )
    print(
        f"    one unit / 64 units: {one_rate / many_rate:.2f}x "
        f"{target(one_rate <= 2 * many_rate, 'within 2x')}"
    )

    large = large_example(max(tickets // 5, 20_000), args.repeat, args.large)
    if isinstance(large, str):
        print(f"(d) large example: skipped: {large}")
    else:
        large_count, large_days, large_compile, large_s = large
        large_rate = large_count / large_s
        print(
            f"(d) large example:     {large_count:>9,} tickets in {large_s:6.2f} s = "
            f"{large_rate:>10,.0f} tickets/s over {large_days:g} days "
            f"{target(large_rate >= 250_000, '≥ 250,000/s')}; compile "
            f"{large_compile * 1000:.0f} ms"
        )
        workers = 2
        one, par = large_speedup(large_days, workers, args.large, args.repeat)
        one_count, one_s, one_cpu, _ = one
        par_count, par_s, par_cpu, par_children = par
        assert par_count == one_count  # the same replications, whatever the workers
        speedup = one_s / par_s
        print(
            f"    simulate(..., replications={workers}): {one_count:,} tickets in {one_s:.2f} s "
            f"in one process, {par_s:.2f} s with workers={workers} (compiling and summing up "
            f"included): {speedup:.2f}x {target(speedup >= 1.7, '≥ 1.7x')}"
        )
        print(
            f"    CPU: one process {one_cpu:.2f} s; with workers={workers} the parent "
            f"{par_cpu:.2f} s (compiling, forking, summing up) and the workers "
            f"{par_children:.2f} s, {par_children / par_s:.2f} of them busy at once on "
            f"average over the call's wall time; with {workers} free cores the speed-up "
            f"would be about {one_cpu / (par_cpu + par_children / workers):.2f}x (one "
            f"process's CPU over the parent's plus one worker's share)"
        )

    print(f"(e) peak memory, {tickets // 10:,} tickets: {small_mb:6.1f} MB ({small_out})")
    print(
        f"    peak memory, {tickets:,} tickets: {big_mb:6.1f} MB ({big_out}) "
        f"{target(big_mb < 200, '< 200 MB')}"
    )
    if missed:
        print("targets missed: " + "; ".join(missed))
        raise SystemExit(1)
    print("every target met")


if __name__ == "__main__":
    main()
