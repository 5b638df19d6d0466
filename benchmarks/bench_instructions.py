"""Instructions per simulated ticket, this checkout against an older revision (run by hand).

    .venv/bin/python benchmarks/bench_instructions.py --against REV [--tickets 5000]
                                                      [--case mm8|desks64|large|mm8_sla|
                                                              priority|ciw|ciw_priority ...]

Wall-clock figures on a shared machine move by ±30 % from one run to the next; the number of
instructions a run executes does not. Each case runs twice under valgrind's ``callgrind``
(``Collected`` instructions) at ``--tickets`` and twice that many, for this checkout and for
``REV`` (exported with ``git archive`` into a temporary folder and imported from there through
``PYTHONPATH``, with this checkout's interpreter and packages). The difference between the two
sizes divided by the difference in tickets is the cost of one ticket, free of start-up and
compilation. Every counted run has the same hash seed (``PYTHONHASHSEED=0``), so that the
start-up the slope leaves out costs the same in both runs of a pair. The cases, the same
input for both versions:

- ``mm8``: one M/M/8 desk at 83 % load (``bench_simulation.desks(1)``: the streamlined kernel);
- ``desks64``: 64 such desks behind 64 routing rules (``desks(64)``);
- ``large``: the large example **of REV** (``examples/large`` as it was then, so that both
  versions read a department the older one understands), two replications;
- ``mm8_sla``: the M/M/8 on a 24/7 calendar with an SLA (``desks(1, sla=True)``) and
  ``priority``: the two-priority M/M/8 (``desks(1, priorities=True)``), both built by **this
  checkout's** ``bench_simulation`` (older ones may not have them);
- ``ciw`` and ``ciw_priority``: Ciw (a dev dependency) on the M/M/8 and on the two-priority
  M/M/8 (``bench_simulation.ciw_mm8``, ``ciw_priorities``): the same for both versions, so
  counted once, the baseline the speed-ups by instructions are taken against.

Prints instructions per ticket for both and the change in percent. Needs ``valgrind`` and
``git``; says so and exits 2 without them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ("mm8", "desks64", "large", "mm8_sla", "priority", "ciw", "ciw_priority")
_NEW = frozenset({"mm8_sla", "priority", "ciw", "ciw_priority"})
"""Cases built by this checkout's benchmark for both versions."""
_CIW = frozenset({"ciw", "ciw_priority"})
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
_TICKETS = re.compile(r"^tickets (\d+)$", re.MULTILINE)
_TICKETS_PER_DAY = 2695.0
"""About the arrivals per day of the large example (days = tickets ÷ this)."""

_RUN = """
import datetime, sys
from pathlib import Path
root, case, tickets = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
import cskh_org  # the version under test (PYTHONPATH), before the benchmark adds its own root
sys.path.insert(0, str(root / "benchmarks"))
import bench_simulation as b
from cskh_org.simulation import Simulation
if case in ("ciw", "ciw_priority"):
    import ciw
    lam = b.RATE_PER_HOUR / 3600
    network = b.ciw_network(priorities=case == "ciw_priority")
    ciw.seed(1)
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(tickets / lam)
    print("tickets", len(sim.get_all_records()))
    raise SystemExit(0)
if case == "large":
    from cskh_org.loading import validate
    from cskh_org.loading.workload import load_workload
    folder = root / "examples" / "large"
    department = validate(folder / "department.yaml").unwrap()
    workload = load_workload(folder / "workload.yaml", department).unwrap()
    stats = Simulation(department, workload, days=tickets / {per_day}).run(0, 2)
else:
    units = 64 if case == "desks64" else 1
    if case == "mm8_sla":
        department, workload = b.desks(1, sla=True)
    elif case == "priority":
        department, workload = b.desks(1, priorities=True)
    else:
        department, workload = b.desks(units)
    days = b.days_for(tickets, b.RATE_PER_HOUR * units)
    simulation = Simulation(department, workload, days=days, warmup=datetime.timedelta(0))
    stats = simulation.run(0, 1)
print("tickets", stats.arrived_total)
""".replace("{per_day}", repr(_TICKETS_PER_DAY))


def _count(code: Path, data: Path, case: str, tickets: int) -> tuple[int, int]:
    """Instructions and tickets of one run of ``case`` with the package at ``code`` and the
    benchmark input (bench_simulation, the large example) at ``data``."""
    # one hash seed for every counted run (and both versions), so that set and dict layouts,
    # and the instructions they cost, are the same from run to run
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONHASHSEED="0")
    proc = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _RUN,
            str(data),
            case,
            str(tickets),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=code,
        check=False,
    )
    collected = _COLLECTED.search(proc.stderr)
    count = _TICKETS.search(proc.stdout)
    if proc.returncode or collected is None or count is None:
        raise SystemExit(f"{case} failed at {code}:\n{proc.stderr[-2000:]}")
    return int(collected.group(1)), int(count.group(1))


def per_ticket(code: Path, data: Path, case: str, tickets: int) -> float:
    """Instructions per ticket: the slope between ``tickets`` and twice as many."""
    small, n_small = _count(code, data, case, tickets)
    large, n_large = _count(code, data, case, 2 * tickets)
    return (large - small) / (n_large - n_small)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--against", required=True, help="the older revision (a git ref)")
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--case", action="append", choices=CASES)
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("git") is None:
        print("needs valgrind and git on the PATH")
        raise SystemExit(2)
    cases = args.case or list(CASES)
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.against],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        revision = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", args.against],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"instructions per ticket (callgrind), {args.tickets:,} and {2 * args.tickets:,}")
        print(f"tickets; this checkout against {args.against} ({revision}), the same input:")
        for case in cases:
            data = ROOT if case in _NEW else old
            if case in _CIW:
                count = per_ticket(ROOT, data, case, args.tickets)
                print(f"  {case:<12} {count:>10,.0f} instructions/ticket (either version)")
                continue
            before = per_ticket(old, data, case, args.tickets)
            after = per_ticket(ROOT, data, case, args.tickets)
            change = (after / before - 1) * 100
            print(
                f"  {case:<12} {before:>10,.0f} → {after:>10,.0f} instructions/ticket "
                f"({change:+.1f} %)"
            )


if __name__ == "__main__":
    main()
