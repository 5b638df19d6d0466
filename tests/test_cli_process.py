"""The ``cskh-org`` command as a real process: what only a process shows.

Every other CLI test runs :func:`cskh_org.cli.main` in-process (``run_cli``); these few start
``python -m cskh_org`` (or the installed console script) to check the exit status the shell
sees, standard input from a pipe, a reader that closes the pipe early, and the entry point.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli_process

GROWING = "examples/growing/department.yaml"
INVALID = "examples/invalid/org-cycle.yaml"
TICKET = b'{"channel": "email", "category": "question"}\n'


def test_a_valid_document_exits_0() -> None:
    result = run_cli_process(["validate", GROWING])
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"{GROWING}: valid (0 errors")


def test_an_invalid_document_exits_1() -> None:
    result = run_cli_process(["validate", INVALID])
    assert result.code == 1
    assert "error[org-cycle]" in result.out
    assert result.out.splitlines()[-1].startswith(f"{INVALID}: invalid (1 error")


def test_bad_usage_exits_2_with_one_usage_line() -> None:
    result = run_cli_process(["validate"])
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1].startswith("usage: cskh-org validate")


def test_version_is_printed_and_exits_0() -> None:
    result = run_cli_process(["--version"])
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("cskh-org ")


def test_tickets_piped_on_stdin_are_routed_one_line_each() -> None:
    lines = '{"channel": "chat"}\n{"channel": "fax"}\n{"channel": "email"}\n'
    result = run_cli_process(["route", GROWING, "--tickets", "-"], stdin=lines)
    assert result.code == 2  # one line skipped
    assert len(result.out.splitlines()) == 2
    assert "<stdin>:2: error:" in result.err
    assert "Traceback" not in result.err


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    """`cskh-org route --tickets - | head -1`: the command stops quietly when the pipe closes."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CSKH_ORG_DEBUG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cskh_org", "route", GROWING, "--tickets", "-"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert proc.stderr is not None
    stdin = proc.stdin

    def feed() -> None:  # more than any pipe buffer holds, so the writer meets the closed pipe
        try:
            for _ in range(200):
                stdin.write(TICKET * 1000)
            stdin.close()
        except BrokenPipeError:
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=60)  # a hang guard, not a performance bound
    feeder.join(timeout=60)
    assert first.startswith(b'{"line": 1,')
    assert (code, err) == (0, b"")


@pytest.mark.skipif(
    shutil.which("cskh-org", path=str(Path(sys.executable).parent)) is None,
    reason="the package is not installed with its console script",
)
def test_the_console_script_is_installed_and_runs(tmp_path: Path) -> None:
    """The `cskh-org` entry point of the installed package runs `main` and exits with its code."""
    script = shutil.which("cskh-org", path=str(Path(sys.executable).parent))
    assert script is not None
    env = {**os.environ, "NO_COLOR": "1"}
    ok = subprocess.run(
        [script, "validate", str(EXAMPLES / "small" / "department.yaml")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (ok.returncode, ok.stderr) == (0, ""), ok.stderr
    bad = subprocess.run(
        [script, "validate", str(ROOT / INVALID)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 1
