"""History import throughput and memory (run by hand, not a test).

    .venv/bin/python benchmarks/bench_history.py [--rows 2000000] [--keep FILE] [--quick]

Writes a generated Freshdesk export of about ``--rows`` rows (``scripts/make_history.py``, the
growing example's year scaled up; ``--keep FILE`` keeps it, and reuses it when it is there),
then measures, each in a fresh process, on the same file:

a. ``cskh-org history import`` with the example's mapping (every row read, checked against the
   department's ticket schema and units, tallied and written to the canonical CSV): wall and
   CPU seconds and peak memory (``ru_maxrss``) — targets: under 60 s and under 300 MB;
b. pandas ``read_csv`` of the same file (the baseline: parsing only, no checks, every row in
   memory at once), the same figures.

``--quick`` writes a tenth of the rows. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_history  # noqa: E402  (the generator, a script of the repository)

EXAMPLE_ROWS = 51_664
"""Rows of the growing example's year at scale 1 (seed 7)."""


_MEASURE = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t0
use = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(proc.stdout + proc.stderr)
print(f"@ {proc.returncode} {wall} {use.ru_utime + use.ru_stime} {use.ru_maxrss}")
"""
"""Runs a command and reports its exit code, wall and CPU seconds and peak memory: in a process
of its own, whose only child is the command (``RUSAGE_CHILDREN``'s peak is its largest child's)."""


def run(argv: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak memory (MB) of a fresh process running ``argv``;
    its output."""
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, check=True
    )
    output, _, figures = proc.stdout.rpartition("@ ")
    code, wall, cpu, peak = figures.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{argv[:3]} failed ({code}): {output[-2000:]}")
    return float(wall), float(cpu), int(peak) / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rows = args.rows // 10 if args.quick else args.rows
    folder = Path(tempfile.mkdtemp(prefix="bench-history-"))
    export = args.keep or folder / "export.csv"
    if not export.exists():
        t0 = time.perf_counter()
        written = make_history.write(export, scale=rows / EXAMPLE_ROWS)
        print(
            f"generated {written:,} rows ({export.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - t0:.1f} s"
        )
    size = export.stat().st_size / 1e6
    mapping = ROOT / "examples" / "growing" / "history" / "mapping.yaml"
    dept = ROOT / "examples" / "growing" / "department.yaml"
    cli = str(Path(sys.executable).parent / "cskh-org")
    ours = run(
        [
            cli,
            "history",
            "import",
            str(export),
            "--mapping",
            str(mapping),
            "--department",
            str(dept),
            "-o",
            str(folder / "history.csv"),
            "--force",
        ]
    )
    code = "import pandas, sys; frame = pandas.read_csv(sys.argv[1]); print(len(frame), 'rows')"
    pandas = run([sys.executable, "-c", code, str(export)])
    summary = next(line for line in ours[3].splitlines() if "rows read" in line)
    print(f"file: {size:.0f} MB; {summary.split(': ', 1)[1]}")
    print(f"{'':28}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}")
    for name, (wall, cpu, peak, _) in (
        ("cskh-org history import", ours),
        ("pandas read_csv", pandas),
    ):
        print(f"{name:28}{wall:8.1f}{cpu:8.1f}{peak:9.0f}")
    print(
        f"import / read_csv (CPU): {ours[1] / pandas[1]:.1f}x; rows/s (CPU): "
        f"{int(summary.split('rows read ')[1].split(';')[0].replace(',', '')) / ours[1]:,.0f}"
    )
    met = ours[0] < 60 and ours[2] < 300
    print(f"target: under 60 s and under 300 MB: {'met' if met else 'NOT met'}")
    if not met:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
