"""Hostile input through the real command: one-line reasons, the right exit code, no crash.

Each case (tests/loading/hostile_cases.py) runs ``cskh-org validate FILE`` (in-process, through
``run_cli``: each takes milliseconds) and must end with exit 1 (findings) or 2 (unreadable
input), say why in one line per finding and print no traceback. How fast and how small (the
promise: within 2 s and 200 MB, in a fresh process) is measured by
``benchmarks/bench_hostile.py``, against a plain validation measured in the same run.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, CliResult, RunCli
from tests.loading.hostile_cases import (
    BASE,
    CASES,
    COMMANDS,
    HostileCase,
    HostileCommand,
    write,
)

FINDING_LINE = re.compile(r"\S.*:[0-9]+:[0-9]+: (error|warning|info)\[[a-z0-9-]+\]: \S.*")
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach a terminal from a finding: controls (ESC starts colour
and cursor codes) and bidi controls (which reorder what the reader sees)."""


def assert_rejected(result: CliResult, *, file: str, exit_code: int, code: str) -> None:
    """The command rejected the file with ``exit_code`` and one-line ``code`` reasons."""
    shown = f"exit {result.code}\nstdout:\n{result.out[:2000]}\nstderr:\n{result.err[:2000]}"
    assert result.code == exit_code, shown
    assert "Traceback" not in result.out + result.err
    assert result.err == "", shown
    assert not UNSAFE.search(result.out), shown
    lines = result.out.splitlines()
    if exit_code == 2:
        assert len(lines) == 1, shown
        assert lines[0].startswith(f"error: {file}: "), shown
        assert code in lines[0], shown
    else:
        *findings, summary = lines
        assert findings, shown
        for line in findings:
            assert FINDING_LINE.fullmatch(line), f"not a one-line finding: {line[:300]!r}"
        assert f"error[{code}]" in result.out, shown
        assert summary.startswith(f"{file}: invalid ("), shown


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_input_is_rejected_in_one_line(
    tmp_path: Path, case: HostileCase, run_cli: RunCli
) -> None:
    """A hostile file exits 1 or 2 with one-line reasons and no traceback."""
    file = case.make(tmp_path)
    result = run_cli(["validate", file], cwd=tmp_path)
    assert_rejected(result, file=file, exit_code=case.exit_code, code=case.code)


@pytest.mark.parametrize("case", COMMANDS, ids=lambda c: c.id)
def test_hostile_call_is_refused_in_one_line(
    tmp_path: Path, case: HostileCommand, run_cli: RunCli
) -> None:
    """A hostile call of `sla`, `simulate`, `route` or `budget` exits 1 or 2 (never 3, an
    internal error) with a one-line reason on standard error (one per bad line of the CSV)."""
    result = run_cli(case.make(tmp_path), cwd=tmp_path)
    shown = f"exit {result.code}\nstderr:\n{result.err[:2000]}"
    assert result.code == case.exit_code, shown
    assert "Traceback" not in result.out + result.err
    assert "internal error" not in result.err, shown
    assert case.phrase in result.err, shown
    lines = result.err.splitlines()
    assert all(len(line) < 600 for line in lines), shown
    if not case.id.startswith(("budget-", "simulate-")):  # usage line; a line per bad row
        assert len(lines) <= 2, shown


def test_the_base_document_is_valid(tmp_path: Path, run_cli: RunCli) -> None:
    """The document the hostile cases start from validates clean, run the same way."""
    file = write(tmp_path, "d.yaml", BASE)
    result = run_cli(["validate", file], cwd=tmp_path)
    assert (result.code, result.err) == (0, ""), result.out
    assert result.out == f"{file}: valid (0 errors, 0 warnings, 0 notes)\n"


@pytest.mark.parametrize("example", ["small", "large", "growing"])
def test_utf8_bom_on_a_valid_example_is_accepted(
    tmp_path: Path, example: str, run_cli: RunCli
) -> None:
    """An example saved with a UTF-8 byte-order mark (every file of it) still validates clean."""
    results = []
    for variant in ("plain", "bom"):
        shutil.copytree(EXAMPLES / example, tmp_path / variant / example)
        if variant == "bom":
            for path in (tmp_path / variant).rglob("*.yaml"):
                path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        results.append(run_cli(["validate", f"{example}/department.yaml"], cwd=tmp_path / variant))
    plain, bom = results
    assert bom.out == plain.out  # the mark changes nothing, not even a column
    assert (bom.code, bom.err) == (0, ""), bom.out
    assert bom.out.startswith(f"{example}/department.yaml: valid (0 errors, 0 warnings")
