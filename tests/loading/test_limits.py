"""Inputs just over each documented limit: the finding (or one-line error) and the exit code.

The time and memory these limits keep every accepted input within (2 s, 200 MB) are measured
by ``benchmarks/bench_limits.py``, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cskh_org.errors import SourceError
from cskh_org.loading import validate
from cskh_org.loading.source import Limits, read_source
from tests.conftest import RunCli
from tests.loading.test_numbers import DOCUMENT


def test_the_default_limits_are_the_documented_ones() -> None:
    limits = Limits()
    assert limits.max_bytes == 20 * 1024 * 1024
    assert limits.max_nodes == 250_000
    assert limits.max_depth == 64
    assert limits.max_includes == 256


def test_one_node_over_the_limit_is_yaml_too_large(tmp_path: Path) -> None:
    limits = Limits()
    items = limits.max_nodes - DOCUMENT.count(":") * 2  # past the limit, whatever the base
    path = tmp_path / "d.yaml"
    path.write_text(DOCUMENT + "notes: [" + ", ".join(["a"] * items) + "]\n", "utf-8")
    assert [f.code for f in read_source(path).findings] == ["yaml-too-large"]


def test_a_file_one_byte_over_the_size_limit_exits_2(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"a" * (Limits().max_bytes + 1))
    with pytest.raises(SourceError):
        read_source(path)
    result = run_cli(["validate", str(path)])
    assert result.code == 2
    assert len((result.out + result.err).strip().splitlines()) == 1


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, "utf-8")


def test_included_files_share_the_size_limit(tmp_path: Path) -> None:
    """Each file is under the limit, but the document with its includes is over it."""
    _write(tmp_path, "d.yaml", DOCUMENT + "include: [a.yaml, b.yaml]\n")
    _write(tmp_path, "a.yaml", "notes_a: " + "x" * 700 + "\n")
    _write(tmp_path, "b.yaml", "notes_b: " + "y" * 700 + "\n")
    result = validate(tmp_path / "d.yaml", limits=Limits(max_bytes=1900))
    findings = [f for f in result.findings if f.code == "include-error"]
    assert len(findings) == 1
    assert findings[0].location is not None
    assert findings[0].location.line == DOCUMENT.count("\n") + 1
    assert "in all" in findings[0].message


def test_included_files_share_the_node_limit(tmp_path: Path) -> None:
    _write(tmp_path, "d.yaml", DOCUMENT + "include: [a.yaml]\n")
    _write(tmp_path, "a.yaml", "notes: [" + ", ".join(["a"] * 60) + "]\n")
    result = validate(tmp_path / "d.yaml", limits=Limits(max_nodes=100))
    assert "yaml-too-large" in [f.code for f in result.findings]
    assert not result.ok()
    assert validate(tmp_path / "d.yaml", limits=Limits(max_nodes=1000)).findings[0].code == (
        "unknown-key"
    )
