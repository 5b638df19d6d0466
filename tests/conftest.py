"""Shared fixtures: the repository's folders and a way to run the real ``cskh-org`` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


RunCli = Callable[..., CliResult]


def run_cli_process(
    args: Sequence[str], *, cwd: Path | None = None, timeout: float = 60, stdin: str | None = None
) -> CliResult:
    """Run ``python -m cskh_org ARGS`` in a fresh process (what a user's shell does)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("CSKH_ORG_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "cskh_org", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        input=stdin,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def run_cli() -> RunCli:
    return run_cli_process


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
