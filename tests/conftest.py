"""Shared fixtures: the repository's folders and two ways to run the ``cskh-org`` command.

``run_cli`` runs it in-process through :func:`cskh_org.cli.main` (what almost every CLI test
needs: arguments in, exit code and text out, in milliseconds); ``run_cli_process`` starts a
real ``python -m cskh_org`` (for what only a process shows: the exit status, pipes, the entry
point), used by ``tests/test_cli_process.py``.

Hypothesis profiles (``HYPOTHESIS_PROFILE`` picks one; ``CI`` set in the environment picks
``ci``): ``dev`` (the default: Hypothesis's defaults without a deadline, since the machine is
shared and a deadline flakes), ``ci`` (derandomised, so a CI run is reproducible, 100 examples,
no deadline) and ``thorough`` (1,000 examples, for a long run before a release:
``HYPOTHESIS_PROFILE=thorough make pytest``).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cskh_org.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", deadline=None, max_examples=1000)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """The examples a property test with its own ``max_examples`` runs: ``count``, ten times
    as many under ``HYPOTHESIS_PROFILE=thorough`` (a test's own setting wins over the
    profile's, so the expensive properties scale through this)."""
    return count * 10 if PROFILE == "thorough" else count


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


def run_cli_in_process(
    args: Sequence[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    cwd: Path | None = None,
    timeout: float = 60,
    stdin: str | None = None,
    merged: bool = False,
) -> CliResult:
    """Run ``cskh_org.cli.main(ARGS)`` here, as :func:`run_cli_process` would run the command.

    The working directory is ``cwd`` (the repository root by default), ``NO_COLOR`` is set and
    ``CSKH_ORG_DEBUG`` unset, standard input is ``stdin`` (with a ``.buffer``, as a real one),
    and standard output and error are captured; argparse's ``SystemExit`` (``--help``,
    ``--version``) becomes the exit code. ``timeout`` is accepted for the same signature; an
    in-process run cannot be cut short. With ``merged``, standard error goes into ``out`` too,
    interleaved as a terminal shows them (``err`` is then empty).
    """
    del timeout
    with monkeypatch.context() as patch:
        patch.chdir(cwd or ROOT)
        patch.setenv("NO_COLOR", "1")
        patch.delenv("CSKH_ORG_DEBUG", raising=False)
        raw = (stdin or "").encode("utf-8")
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
        out = io.StringIO()
        err = out if merged else io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args), out)
            except SystemExit as exc:
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:  # sys.exit("message"): the message on stderr, status 1
                    print(exc.code, file=sys.stderr)
                    code = 1
    return CliResult(code, out.getvalue(), "" if merged else err.getvalue())


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    def run(
        args: Sequence[str],
        *,
        cwd: Path | None = None,
        timeout: float = 60,
        stdin: str | None = None,
    ) -> CliResult:
        return run_cli_in_process(args, monkeypatch, cwd=cwd, timeout=timeout, stdin=stdin)

    return run


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
