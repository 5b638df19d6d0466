"""Hostile input through the real command: bounded time and memory, one-line reasons, no crash.

Each case runs ``python -m cskh_org validate FILE`` in a fresh process and must end with exit
1 (findings) or 2 (unreadable input), say why in one line per finding, print no traceback,
and stay within 2 s of wall time and 200 MB of peak resident memory.

The peak memory is the child's ``ru_maxrss``, read by a small wrapper process that starts the
command and waits for it: ``RUSAGE_CHILDREN`` is the largest over all children ever waited
for, and a child started by a big process (pytest) may inherit that process's peak, so each
case gets its own wrapper.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

MAX_SECONDS = 2.0
MAX_RSS_MB = 200.0

BASE = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - id: care_agent
    title: {vi: Nhân viên CSKH, en: Care agent}
    monthly_cost: 12000000 VND
units:
  - id: cskh
    name: {vi: Chăm sóc khách hàng, en: Customer care}
    head: care_agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone, email]
    staff:
      - role: care_agent
"""
UNIT_NAME = "    name: {vi: Chăm sóc khách hàng, en: Customer care}\n"

_WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(
    [sys.executable, "-m", "cskh_org", *json.loads(sys.argv[1])],
    capture_output=True, timeout=120, check=False,
)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({
    "code": proc.returncode,
    "out": proc.stdout.decode("utf-8", "replace"),
    "err": proc.stderr.decode("utf-8", "replace"),
    "seconds": seconds,
    "peak_kb": peak / 1024 if sys.platform == "darwin" else peak,
}, sys.stdout)
"""

FINDING_LINE = re.compile(r"\S.*:[0-9]+:[0-9]+: (error|warning|info)\[[a-z0-9-]+\]: \S.*")
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach a terminal from a finding: controls (ESC starts colour
and cursor codes) and bidi controls (which reorder what the reader sees)."""


@dataclass(frozen=True)
class Measured:
    """What one run of the command gave, with its wall time and peak resident memory."""

    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


def measure(args: list[str], cwd: Path) -> Measured:
    """Run ``python -m cskh_org ARGS`` in ``cwd`` through a fresh wrapper that measures it."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("CSKH_ORG_DEBUG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=True,
    )
    report = json.loads(proc.stdout)
    return Measured(
        code=report["code"],
        out=report["out"],
        err=report["err"],
        seconds=report["seconds"],
        peak_mb=report["peak_kb"] / 1024,
    )


def assert_rejected_in_bounds(result: Measured, *, file: str, exit_code: int, code: str) -> None:
    """The command rejected the file with ``exit_code`` and one-line ``code`` reasons, in bounds."""
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
    assert result.seconds < MAX_SECONDS, f"took {result.seconds:.2f} s"
    assert result.peak_mb < MAX_RSS_MB, f"peak RSS {result.peak_mb:.0f} MB"


# -- the hostile files -------------------------------------------------------------------------

Make = Callable[[Path], str]
"""Writes the case's files under a folder; returns the path to validate, relative to it."""


def _write(folder: Path, name: str, data: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return name


def _malformed(folder: Path) -> str:
    return _write(
        folder, "d.yaml", BASE.replace("en: Customer care}\ncurrency", "en: Care\ncur", 1)
    )


def _tabs(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE.replace("\n  ", "\n\t"))


def _latin(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE.encode("cp1258"))


def _utf16(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE.encode("utf-16"))


def _binary(folder: Path) -> str:
    return _write(folder, "d.yaml", bytes(range(256)) * 64)


def _duplicate(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE + "currency: USD\n")


def _million_duplicates(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE + "currency: USD\n" * 1_000_000)


def _billion_laughs(folder: Path) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return _write(folder, "d.yaml", BASE + "lols:\n" + "".join(f"  {x}\n" for x in lines))


def _model_alias_bomb(folder: Path) -> str:
    """A small file whose aliases expand to two million staff lines, each a model to build."""
    staff = ", ".join(["{role: care_agent}"] * 1000)
    text = BASE.replace("    staff:\n      - role: care_agent\n", f"    staff: &s [{staff}]\n")
    units = "".join(
        f"  - {{id: u{i}, name: Nhóm {i}, parent: cskh, staff: *s}}\n" for i in range(2000)
    )
    return _write(folder, "d.yaml", text + units)


def _fifty_megabytes(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE + "description: " + "x" * (50 * 1024 * 1024) + "\n")


def _flow_nesting(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE + "description: " + "[" * 10_000 + "]" * 10_000 + "\n")


def _block_sequence_nesting(folder: Path) -> str:
    return _write(folder, "d.yaml", BASE + "description:\n" + "- " * 10_000 + "x\n")


def _block_mapping_nesting(depth: int) -> Make:
    def make(folder: Path) -> str:
        levels = "".join(" " * i + f"k{i}:\n" for i in range(depth))
        return _write(folder, "d.yaml", BASE + "description:\n" + levels)

    return make


def _including(item: str) -> Make:
    def make(folder: Path) -> str:
        _write(folder, "outside.yaml", "people: [{id: lan, name: Lan}]\n")
        doc = folder / "doc"
        doc.mkdir()
        target = item.replace("{outside}", str(folder / "outside.yaml"))
        if item == "link.yaml":
            (doc / "link.yaml").symlink_to(folder / "outside.yaml")
        return _write(folder, "doc/d.yaml", BASE.replace("version: 1\n", f"include: [{target}]\n"))

    return make


def _unit_name(value: str) -> Make:
    return lambda folder: _write(folder, "d.yaml", BASE.replace(UNIT_NAME, f"    name: {value}\n"))


def _unit_id(value: str) -> Make:
    return lambda folder: _write(
        folder, "d.yaml", BASE.replace("  - id: cskh\n", f"  - id: {value}\n")
    )


def _extra_key(key: str) -> Make:
    return lambda folder: _write(folder, "d.yaml", BASE + f"? {key}\n: 1\n")


CASES = [
    pytest.param(_malformed, 1, "yaml-syntax", id="malformed-yaml"),
    pytest.param(_tabs, 1, "yaml-syntax", id="tab-indentation"),
    pytest.param(_latin, 1, "encoding", id="windows-1258-bytes"),
    pytest.param(_utf16, 1, "encoding", id="utf-16"),
    pytest.param(_binary, 1, "encoding", id="binary-bytes"),
    pytest.param(_duplicate, 1, "duplicate-key", id="duplicate-key"),
    pytest.param(_million_duplicates, 1, "duplicate-key", id="a-million-duplicate-keys"),
    pytest.param(_billion_laughs, 1, "yaml-too-large", id="billion-laughs"),
    pytest.param(_model_alias_bomb, 1, "yaml-too-large", id="alias-bomb-of-staff-lines"),
    pytest.param(_fifty_megabytes, 2, "over the limit", id="50-megabytes"),
    pytest.param(_flow_nesting, 1, "yaml-too-deep", id="flow-nesting-10000"),
    pytest.param(_block_sequence_nesting, 1, "yaml-too-deep", id="block-sequences-10000"),
    pytest.param(_block_mapping_nesting(10_000), 2, "over the limit", id="block-mappings-10000"),
    pytest.param(_block_mapping_nesting(5_000), 1, "yaml-too-deep", id="block-mappings-5000"),
    pytest.param(_including("../outside.yaml"), 1, "include-escape", id="include-dotdot"),
    pytest.param(_including("{outside}"), 1, "include-escape", id="include-absolute"),
    pytest.param(_including("link.yaml"), 1, "include-escape", id="include-symlink-outside"),
    pytest.param(_unit_name('"Chăm\\e[31m sóc\\a"'), 1, "invalid-text", id="name-control-chars"),
    pytest.param(_unit_name("Chăm \u202esóc"), 1, "invalid-text", id="name-bidi-override"),
    pytest.param(_unit_name("ắ" * 10_000), 1, "invalid-value", id="name-10kB"),
    pytest.param(_unit_id("a" * 10_000), 1, "invalid-id", id="id-10kB"),
    pytest.param(_extra_key("k" * 10_000), 1, "unknown-key", id="key-10kB"),
    pytest.param(
        _unit_id('"cskh\\e[2J\\nFAKE: line"'),
        1,
        "invalid-id",
        id="id-control-chars",
    ),
    pytest.param(
        _unit_id("cskh\u202etxt.exe"),
        1,
        "invalid-id",
        id="id-bidi-override",
    ),
    pytest.param(
        _extra_key('"bad\\e[31m\\nkey"'),
        1,
        "unknown-key",
        id="key-control-chars",
    ),
]


@pytest.mark.parametrize(("make", "exit_code", "code"), CASES)
def test_hostile_input_is_rejected_quickly_in_one_line(
    tmp_path: Path, make: Make, exit_code: int, code: str
) -> None:
    """A hostile file exits 1 or 2 with one-line reasons, no traceback, in 2 s and 200 MB."""
    file = make(tmp_path)
    result = measure(["validate", file], tmp_path)
    assert_rejected_in_bounds(result, file=file, exit_code=exit_code, code=code)


def test_the_base_document_is_valid_within_the_same_bounds(tmp_path: Path) -> None:
    """The document the hostile cases start from validates clean, measured the same way."""
    file = _write(tmp_path, "d.yaml", BASE)
    result = measure(["validate", file], tmp_path)
    assert (result.code, result.err) == (0, ""), result.out
    assert result.out == f"{file}: valid (0 errors, 0 warnings, 0 notes)\n"
    assert result.seconds < MAX_SECONDS
    assert result.peak_mb < MAX_RSS_MB


@pytest.mark.parametrize("example", ["small", "large", "growing"])
def test_utf8_bom_on_a_valid_example_is_accepted(tmp_path: Path, example: str) -> None:
    """An example saved with a UTF-8 byte-order mark (every file of it) still validates clean."""
    results = []
    for variant in ("plain", "bom"):
        shutil.copytree(EXAMPLES / example, tmp_path / variant / example)
        if variant == "bom":
            for path in (tmp_path / variant).rglob("*.yaml"):
                path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        results.append(measure(["validate", f"{example}/department.yaml"], tmp_path / variant))
    plain, bom = results
    assert bom.out == plain.out  # the mark changes nothing, not even a column
    assert (bom.code, bom.err) == (0, ""), bom.out
    assert bom.out.startswith(f"{example}/department.yaml: valid (0 errors, 0 warnings")
    assert bom.seconds < MAX_SECONDS
    assert bom.peak_mb < MAX_RSS_MB
