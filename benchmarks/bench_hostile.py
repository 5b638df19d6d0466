"""Hostile input: each case is rejected within 2 s of wall time and 200 MB of peak memory.

    .venv/bin/python benchmarks/bench_hostile.py [--repeat 3]

Runs ``python -m cskh_org validate FILE`` in a fresh process for every hostile document of
``tests/loading/hostile_cases.py`` (the test ``tests/loading/test_hostile.py`` checks what the
command answers; this measures how fast and how small), every hostile call of another command
there (``COMMANDS``: ``--events`` nested 50,000 deep, a year-long SLA target on a calendar open
a minute a week, a history judged 8,000 years later, ``simulate --replications 1e20``, actual
spend with 20 kB cells…), and a 300,000-line ticket stream piped into ``route --tickets -``
(streaming: its target is memory only, under 100 MB). Each
figure is set beside a plain ``cskh-org validate examples/growing/department.yaml`` measured
the same way in the same run, so the start-up of Python and of the package is visible.
Target (issue 1): every case within 2 s and 200 MB, met or NOT met per case. Each figure is
the best of ``--repeat`` runs. Exits 1 if a target is missed.

The peak memory is the child's ``ru_maxrss``, read by a small wrapper process that starts the
command and waits for it: ``RUSAGE_CHILDREN`` is the largest over all children ever waited
for, and a child started by a big process may inherit that process's peak, so each run gets
its own wrapper.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.loading.hostile_cases import CASES, COMMANDS

ROOT = Path(__file__).resolve().parent.parent

MAX_SECONDS = 2.0
MAX_RSS_MB = 200.0
STREAM_LINES = 300_000
STREAM_MAX_RSS_MB = 100.0

_WRAPPER = """\
import json, resource, subprocess, sys, time
args, stdin_lines = json.loads(sys.argv[1])
start = time.perf_counter()
proc = subprocess.Popen(
    [sys.executable, "-m", "cskh_org", *args],
    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
)
line = b'{"channel": "email", "category": "question", "order_value": 5}\\n'
for _ in range(stdin_lines // 1000):
    proc.stdin.write(line * 1000)
proc.stdin.close()
err = proc.stderr.read()
code = proc.wait()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({
    "code": code,
    "err": err.decode("utf-8", "replace")[:500],
    "seconds": seconds,
    "peak_kb": peak / 1024 if sys.platform == "darwin" else peak,
}, sys.stdout)
"""


@dataclass(frozen=True)
class Measured:
    code: int
    seconds: float
    peak_mb: float


def measure(args: list[str], cwd: Path, *, stdin_lines: int = 0) -> Measured:
    """Run ``python -m cskh_org ARGS`` in ``cwd`` through a fresh wrapper that measures it."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("CSKH_ORG_DEBUG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, json.dumps([args, stdin_lines])],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=True,
    )
    report = json.loads(proc.stdout)
    return Measured(report["code"], report["seconds"], report["peak_kb"] / 1024)


def best(args: list[str], cwd: Path, repeat: int, *, stdin_lines: int = 0) -> Measured:
    runs = [measure(args, cwd, stdin_lines=stdin_lines) for _ in range(repeat)]
    return Measured(runs[0].code, min(r.seconds for r in runs), min(r.peak_mb for r in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the best counts")
    args = parser.parse_args()
    growing = str(ROOT / "examples" / "growing" / "department.yaml")
    base = best(["validate", growing], ROOT, args.repeat)
    print(
        f"baseline: validate examples/growing/department.yaml  {base.seconds:6.2f} s "
        f"{base.peak_mb:7.1f} MB  (exit {base.code})"
    )
    print(f"target: every case within {MAX_SECONDS:g} s and {MAX_RSS_MB:g} MB\n")
    print(f"{'case':<32} {'exit':>4} {'seconds':>8} {'× base':>7} {'peak MB':>8} {'× base':>7}")
    missed = 0
    rows: list[tuple[str, int, Measured]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            folder = Path(tmp) / case.id
            folder.mkdir()
            file = case.make(folder)
            rows.append((case.id, case.exit_code, best(["validate", file], folder, args.repeat)))
        for command in COMMANDS:
            folder = Path(tmp) / command.id
            folder.mkdir()
            call = command.make(folder)
            rows.append((command.id, command.exit_code, best(call, folder, args.repeat)))
        stream = ["route", growing, "--tickets", "-"]
        name = f"route {STREAM_LINES:,}-line stream"
        rows.append((name, 0, best(stream, ROOT, args.repeat, stdin_lines=STREAM_LINES)))
    for name, expected, m in rows:
        streaming = name.startswith("route ")
        fast = streaming or m.seconds < MAX_SECONDS
        small = m.peak_mb < (STREAM_MAX_RSS_MB if streaming else MAX_RSS_MB)
        ok = fast and small and m.code == expected
        missed += not ok
        print(
            f"{name:<32} {m.code:>4} {m.seconds:8.2f} {m.seconds / base.seconds:6.1f}x "
            f"{m.peak_mb:8.1f} {m.peak_mb / base.peak_mb:6.1f}x  {'met' if ok else 'NOT met'}"
            + ("" if m.code == expected else f" (exit {m.code}, expected {expected})")
        )
    print(f"\n{len(rows) - missed} of {len(rows)} within the target")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
