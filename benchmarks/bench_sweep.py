"""Sweep throughput (run by hand, not a test).

    .venv/bin/python benchmarks/bench_sweep.py [--variants 200] [--replications 10] [--days 7]
                                               [--no-dask]

A grid of variants of the growing example (extra care agents in support × in online_care)
× ``--replications``, run through :func:`cskh_org.sweeps.executor.run_replications`'s
executors on 1 local process (the baseline), 2 local processes and a 2-worker Dask
``LocalCluster``; for each: the wall time, the speed-up against the baseline, the per-task
overhead (wall × workers − the replications' own time, over the tasks) and the projected
time on 64 workers (the sum of the tasks' own times / 64 + the per-task overhead × tasks / 64).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cskh_org.sweeps.executor import (
    TARGET_SECONDS,
    DaskExecutor,
    Executor,
    LocalExecutor,
    Task,
    WorkerCache,
)
from cskh_org.sweeps.spec import VariantSpec
from tests.sweeps.helpers import growing, with_more


def grid(n: int) -> list[VariantSpec]:
    dept, wl = growing()
    side = max(1, math.isqrt(n))
    out = []
    for i in range(n):
        a, b = divmod(i, side)
        out.append(VariantSpec(f"s{a}-o{b}", with_more(with_more(dept, a), b, "online_care"), wl))
    return out


def measure(  # type: ignore[no-untyped-def]
    name: str, executor: Executor, workers: int, specs, tasks, *, base: float | None
):
    by_id = {s.id: s for s in specs}
    started = time.perf_counter()
    own = 0.0
    results = []
    for done, seconds in executor.run(by_id, tasks):
        own += seconds
        results.extend(done)
    wall = time.perf_counter() - started
    overhead = max(0.0, wall * workers - own) / len(tasks)
    projected = own / 64 + overhead * len(tasks) / 64
    speed = f"  ×{base / wall:.2f} vs 1 worker" if base else ""
    print(
        f"{name:<22} wall {wall:7.2f} s{speed}   own {own:7.2f} s   "
        f"overhead/task {overhead * 1000:6.1f} ms   projected on 64 workers {projected:6.2f} s"
    )
    key = sorted(json.dumps(r.to_json(), sort_keys=True) for r in results)
    return wall, key


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=200)
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--days", type=float, default=7.0)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    specs = grid(args.variants)
    cache = WorkerCache({specs[0].id: specs[0]})
    started = time.perf_counter()
    cache.simulation(specs[0], args.days)
    compiled = time.perf_counter() - started
    cache.run((specs[0].id, (0,), args.days, 0, None))  # the first run's imports
    _, one = cache.run((specs[0].id, (1,), args.days, 0, None))

    def tasks_of(seconds: float) -> tuple[int, list[Task]]:
        """Tasks of about ``seconds`` of work each, as run_replications sizes them."""
        size = max(1, math.ceil(seconds / one))
        return size, [
            (s.id, tuple(range(r, min(r + size, args.replications))), args.days, 0, None)
            for s in specs
            for r in range(0, args.replications, size)
        ]

    batch, tasks = tasks_of(TARGET_SECONDS)
    print(
        f"{len(specs)} variants × {args.replications} replications of {args.days:g} days; "
        f"compiling a variant {compiled * 1000:.0f} ms, one replication {one * 1000:.0f} ms "
        f"→ batch {batch}, {len(tasks)} tasks"
    )
    base, ref = measure("1 local process", LocalExecutor(1), 1, specs, tasks, base=None)
    _, two = measure("2 local processes", LocalExecutor(2), 2, specs, tasks, base=base)
    print("identical:", two == ref)
    if not args.no_dask:
        with DaskExecutor(workers=2) as cluster:
            started = time.perf_counter()
            cluster.start()
            print(
                f"Dask LocalCluster(2) started, the simulation imported on its workers: "
                f"{time.perf_counter() - started:.2f} s (not in the times below)"
            )
            size, bigger = tasks_of(cluster.task_seconds)
            print(f"Dask tasks of {cluster.task_seconds:g} s: batch {size}, {len(bigger)} tasks")
            _, dask = measure("Dask LocalCluster(2)", cluster, 2, specs, bigger, base=base)
            print(
                f"identical: {dask == ref}; compilations {cluster.compilations} "
                f"for {len(specs)} variants in {len(bigger)} tasks"
            )


if __name__ == "__main__":
    main()
