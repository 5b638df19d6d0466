"""Ranking and selection on the constructed M/M/c case (run by hand, not a test).

    .venv/bin/python benchmarks/bench_selection.py [--macro 200]

One-unit desks of 2…6 agents, 240 calls an hour of 30 s (2 erlangs), 80 % answered within
10 s; the exact Erlang C answer is 4 agents (3 give 0.682, 4 give 0.911). Each seeded
macro-replication runs :func:`cskh_org.sweeps.selection.select` on the real simulation
(lowest ``staff_cost_month`` subject to ``overall/sla.first_response`` ≥ 0.8) and prints the
share that picks 4 agents, the mean replications used against brute force, and wall time.
Exits 1 if the share is below 95 % or the replications are not under half of brute force.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cskh_org.sweeps.selection import select
from tests.sweeps.test_selection import (
    MMC_GOAL,
    MMC_VARIANTS,
    exact_best,
    mmc_sampler,
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--macro", type=int, default=200)
    args = parser.parse_args()
    best = exact_best()
    right = used = brute = 0
    start = time.perf_counter()
    for seed in range(args.macro):
        got = select(MMC_VARIANTS, mmc_sampler(1000 + seed), MMC_GOAL)
        right += got.best == best
        used += got.total
        brute += got.brute_force
    wall = time.perf_counter() - start
    share = right / args.macro
    print(f"picks {best}: {right}/{args.macro} = {share:.1%}")
    print(
        f"replications: mean {used / args.macro:.1f} against brute force "
        f"{brute / args.macro:.1f} ({used / brute:.1%})"
    )
    print(f"wall time: {wall:.1f} s ({wall / args.macro:.2f} s a macro-replication)")
    return 0 if share >= 0.95 and used < 0.5 * brute else 1


if __name__ == "__main__":
    sys.exit(main())
