"""Benchmark of the loader's limits: every input the limits accept is handled in 2 s and 200 MB.

    .venv/bin/python benchmarks/bench_limits.py [--repeat 1] [--case NAME]

Generates, in a temporary folder, one file at (just under) each documented limit of
:class:`cskh_org.loading.source.Limits` (file size, nodes, alias expansion, depth, includes)
and a few hostile numbers, runs ``cskh-org validate`` on each in a fresh process, and prints
its wall time and peak resident memory, against a plain validate of
``examples/growing/department.yaml`` measured in the same run. A case meets its target when
it finishes in under 2 s and 200 MB with exit code 1 or 2 (a finding, or one unreadable-file
line) and no traceback.

The peak memory is the child's ``ru_maxrss`` read by a small wrapper process that starts it
(a child of a big process may inherit that process's peak), as ``/usr/bin/time -v`` reports
it. Each figure is the best of ``--repeat`` runs. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cskh_org.loading.source import Limits
from tests.loading.hostile_cases import BASE

__all__ = ["CASES", "Measured", "main", "measure"]

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "examples" / "growing" / "department.yaml"
MAX_SECONDS = 2.0
MAX_MB = 200.0

_WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(
    [sys.executable, "-m", "cskh_org", *json.loads(sys.argv[1])],
    capture_output=True, timeout=600, check=False,
)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({
    "code": proc.returncode,
    "out": proc.stdout.decode("utf-8", "replace")[-2000:],
    "err": proc.stderr.decode("utf-8", "replace")[-2000:],
    "seconds": seconds,
    "peak_kb": peak / 1024 if sys.platform == "darwin" else peak,
}, sys.stdout)
"""

HEAD = BASE  # the smallest valid department, shared with the hostile cases

LIMITS = Limits()


@dataclass(frozen=True)
class Measured:
    """One run of ``cskh-org validate``: exit code, wall time, peak resident memory."""

    code: int
    seconds: float
    peak_mb: float
    traceback: bool


def measure(path: Path, repeat: int = 1) -> Measured:
    """The best of ``repeat`` runs of ``cskh-org validate path`` in a fresh process."""
    best: Measured | None = None
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, "-c", _WRAPPER, json.dumps(["validate", str(path)])],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        report = json.loads(proc.stdout)
        run = Measured(
            report["code"],
            report["seconds"],
            report["peak_kb"] / 1024,
            "Traceback" in report["out"] + report["err"],
        )
        if best is None or (run.seconds, run.peak_mb) < (best.seconds, best.peak_mb):
            best = run
    assert best is not None
    return best


# -- the cases: each writes its files into a folder and returns the file to validate ---------


def _under_size(folder: Path, name: str, budget: int) -> Path:
    """A department whose description holds long text scalars, ``budget`` bytes in all."""
    line = "  - " + "Hỗ trợ khách hàng " * 50 + "\n"
    body = HEAD + "notes:\n"
    count = (budget - len(body.encode()) - 1) // len(line.encode())
    path = folder / name
    path.write_text(body + line * count, "utf-8")
    return path


def _big_scalars(folder: Path) -> Path:
    return _under_size(folder, "scalars.yaml", LIMITS.max_bytes - 1024)


def _many_keys(folder: Path) -> Path:
    keys = LIMITS.max_nodes - 200
    body = HEAD + "notes:\n" + "".join(f"  k{i}: 1\n" for i in range(keys // 2))
    path = folder / "keys.yaml"
    path.write_text(body, "utf-8")
    return path


def _many_items(folder: Path) -> Path:
    body = HEAD + "notes: [" + ", ".join("a" for _ in range(LIMITS.max_nodes - 200)) + "]\n"
    path = folder / "items.yaml"
    path.write_text(body, "utf-8")
    return path


def _aliases(folder: Path) -> Path:
    per = 1_000
    uses = LIMITS.max_alias_nodes // (per + 1) - 1
    body = HEAD + "notes:\n  base: &b [" + ", ".join(["x"] * per) + "]\n"
    body += "  uses: [" + ", ".join(["*b"] * uses) + "]\n"
    path = folder / "aliases.yaml"
    path.write_text(body, "utf-8")
    return path


def _deep(folder: Path) -> Path:
    depth = LIMITS.max_depth - 2
    body = HEAD + "notes: " + "[" * depth + "x" + "]" * depth + "\n"
    path = folder / "deep.yaml"
    path.write_text(body, "utf-8")
    return path


def _includes(folder: Path) -> Path:
    """The root and as many full-size included files as the include budget lets through."""
    parts = []
    for i in range(3):
        part = _under_size(folder, f"part{i}.yaml", LIMITS.max_bytes - 1024)
        text = part.read_text("utf-8").replace(HEAD, "").replace("notes:", f"notes{i}:", 1)
        part.write_text(text, "utf-8")
        parts.append(part.name)
    root = folder / "root.yaml"
    root.write_text(HEAD + "include: [" + ", ".join(parts) + "]\n", "utf-8")
    return root


def _numbers(folder: Path) -> Path:
    body = HEAD.replace(
        "      - role: care_agent\n", "      - role: care_agent\n        headcount: 1e999999999\n"
    )
    body += "checks: {max_span_of_control: " + "9" * 5_000 + "}\n"
    path = folder / "numbers.yaml"
    path.write_text(body, "utf-8")
    return path


def _long_target(folder: Path) -> Path:
    body = HEAD + "sla:\n  default:\n    first_response: {within: 1000000d, clock: calendar}\n"
    path = folder / "sla.yaml"
    path.write_text(body, "utf-8")
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "file size (scalars)": _big_scalars,
    "nodes (one mapping)": _many_keys,
    "nodes (one list)": _many_items,
    "alias expansion": _aliases,
    "depth": _deep,
    "includes": _includes,
    "numbers 1e999999999": _numbers,
    "SLA target 1000000d": _long_target,
}
"""Every case, by name: a function writing its files into a folder."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best counts")
    parser.add_argument("--case", action="append", choices=list(CASES), help="only this case")
    args = parser.parse_args(argv)

    base = measure(BASELINE, args.repeat)
    print(f"baseline: validate {BASELINE.relative_to(ROOT)}")
    print(f"  {base.seconds:6.2f} s  {base.peak_mb:6.0f} MB  exit {base.code}")
    print(f"target: under {MAX_SECONDS:g} s and {MAX_MB:g} MB, exit 1 or 2, no traceback")
    missed = 0
    width = max(map(len, CASES))
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            if args.case and name not in args.case:
                continue
            folder = Path(tmp) / str(len(list(Path(tmp).iterdir())))
            folder.mkdir()
            path = make(folder)
            size = sum(p.stat().st_size for p in folder.iterdir())
            run = measure(path, args.repeat)
            met = (
                run.seconds < MAX_SECONDS
                and run.peak_mb < MAX_MB
                and run.code in (1, 2)
                and not run.traceback
            )
            missed += not met
            print(
                f"  {name:<{width}}  {size / 1e6:6.1f} MB in  {run.seconds:6.2f} s "
                f"({run.seconds / base.seconds:4.1f}× baseline)  {run.peak_mb:6.0f} MB peak "
                f"(+{run.peak_mb - base.peak_mb:4.0f})  exit {run.code}  "
                f"{'met' if met else 'NOT met'}"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
