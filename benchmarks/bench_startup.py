"""Start-up time: ``cskh-org --version``, ``import cskh_org``, a small validate (fresh processes).

    .venv/bin/python benchmarks/bench_startup.py [--repeat 15]

Also shown, without a target: what an app that routes tickets pays before its first
decision (load ``examples/growing``, compile the router, route one ticket).

Every figure is the best of ``--repeat`` fresh subprocesses (the commands take turns, so a
busy machine slows them alike), against a baseline measured in the same run: a bare
``python -c "import pydantic, yaml"``, the two libraries any use of the package needs.
The processes run with a bytecode cache (``PYTHONPYCACHEPREFIX`` in a temporary folder,
filled by a first untimed run), as an installed package has; ``--no-bytecode-cache`` runs
them as the environment says instead (``PYTHONDONTWRITEBYTECODE`` recompiles every module
of the package at every start).
Targets (issue 11): ``cskh-org --version`` and ``import cskh_org`` each take at most 2× the
baseline. Run by hand; exits 0 whether the targets are met or not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["commands", "main", "measure"]

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "baseline: python -c 'import pydantic, yaml'"
TARGET = 2.0
ROUTE = (
    "import cskh_org; "
    "cskh_org.load('examples/growing/department.yaml').router()"
    ".route({'channel': 'phone', 'category': 'complaint', 'tier': 'vip'})"
)


def _console_script() -> list[str]:
    """``cskh-org`` as installed beside this interpreter, else ``python -m cskh_org``."""
    script = Path(sys.executable).with_name("cskh-org")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cskh_org"]


def commands() -> dict[str, list[str]]:
    """Label → argv of every measured command; the baseline first."""
    cli = _console_script()
    return {
        BASELINE: [sys.executable, "-c", "import pydantic, yaml"],
        "cskh-org --version": [*cli, "--version"],
        "python -c 'import cskh_org'": [sys.executable, "-c", "import cskh_org"],
        "cskh-org validate examples/small": [*cli, "validate", "examples/small/department.yaml"],
        "load examples/growing, route a ticket": [sys.executable, "-c", ROUTE],
    }


def _run_once(argv: Sequence[str], env: Mapping[str, str] | None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(
    cmds: dict[str, list[str]], repeat: int, env: Mapping[str, str] | None = None
) -> dict[str, float]:
    """The fastest of ``repeat`` runs of each command, in seconds; runs take turns."""
    for argv in cmds.values():  # warm the file cache and the bytecode
        _run_once(argv, env)
    best = dict.fromkeys(cmds, float("inf"))
    for _ in range(repeat):
        for label, argv in cmds.items():
            best[label] = min(best[label], _run_once(argv, env))
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15, help="runs per figure; the best counts")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run as the environment says (e.g. PYTHONDONTWRITEBYTECODE) instead of with a "
        "bytecode cache in a temporary folder, as an installed package has",
    )
    args = parser.parse_args(argv)

    cmds = commands()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as cache:
        env = None
        if not args.no_bytecode_cache:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = cache
        where = "none" if env is None else "a temporary PYTHONPYCACHEPREFIX"
        print(
            f"best of {args.repeat} fresh processes each; python {sys.version.split()[0]}; "
            f"bytecode cache: {where}"
        )
        times = measure(cmds, args.repeat, env)
    baseline = times[BASELINE]
    width = max(map(len, times))
    for label, seconds in times.items():
        print(f"  {label:<{width}}  {seconds * 1000:7.1f} ms  {seconds / baseline:5.2f}x")
    for label in ("cskh-org --version", "python -c 'import cskh_org'"):
        ratio = times[label] / baseline
        verdict = "met" if ratio <= TARGET else "NOT met"
        print(f"target {label} ≤ {TARGET:g}x baseline: {verdict} ({ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
