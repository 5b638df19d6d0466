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
    assert "`--max-nodes N`" in findings[0].message  # how to read a department that large


def test_included_files_share_the_node_limit(tmp_path: Path) -> None:
    _write(tmp_path, "d.yaml", DOCUMENT + "include: [a.yaml]\n")
    _write(tmp_path, "a.yaml", "notes: [" + ", ".join(["a"] * 60) + "]\n")
    result = validate(tmp_path / "d.yaml", limits=Limits(max_nodes=100))
    assert "yaml-too-large" in [f.code for f in result.findings]
    assert not result.ok()
    assert validate(tmp_path / "d.yaml", limits=Limits(max_nodes=1000)).findings[0].code == (
        "unknown-key"
    )


def _big_document(tmp_path: Path, items: int) -> Path:
    """A valid department with a notes list of ``items`` entries (about ``items`` nodes)."""
    path = tmp_path / "d.yaml"
    path.write_text(DOCUMENT + "notes: [" + ", ".join(["a"] * items) + "]\n", "utf-8")
    return path


def test_a_document_past_the_node_limit_is_told_how_to_raise_it(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """Past ``max_nodes`` with nodes the text writes (no aliases), the finding says how to
    read a department that large: ``--max-nodes``, or ``Limits(max_nodes=…)``."""
    path = _big_document(tmp_path, 1_000)
    result = run_cli(["validate", "--max-nodes", "500", str(path)])
    assert result.code == 1
    assert "error[yaml-too-large]" in result.out
    assert "holds more than 500 nodes" in result.out
    assert "`--max-nodes N`" in result.out
    assert "`Limits(max_nodes=N)`" in result.out
    vi = run_cli(["validate", "--max-nodes", "500", "--lang", "vi", str(path)])
    assert "tài liệu có hơn 500 nút" in vi.out


def test_max_nodes_reads_what_the_default_refuses(tmp_path: Path, run_cli: RunCli) -> None:
    """``--max-nodes`` raises the limit for every load of the command, and only for it."""
    path = _big_document(tmp_path, Limits().max_nodes)
    refused = run_cli(["validate", str(path)])
    assert refused.code == 1
    assert "yaml-too-large" in refused.out
    read = run_cli(["validate", "--max-nodes", "300000", str(path)])
    assert "yaml-too-large" not in read.out
    assert read.code == (0 if validate(path, limits=Limits(max_nodes=300_000)).ok() else 1)
    assert "yaml-too-large" in [f.code for f in validate(path).findings]  # the default again


@pytest.mark.parametrize("given", ["0", "-5", "20000001", "many", "1e6"])
def test_max_nodes_takes_a_whole_number_within_bounds(
    given: str, tmp_path: Path, run_cli: RunCli
) -> None:
    path = _big_document(tmp_path, 10)
    result = run_cli(["validate", "--max-nodes", given, str(path)])
    assert result.code == 2
    assert "--max-nodes" in result.err
    assert "20,000,000" in result.err


def test_every_command_that_reads_a_document_takes_max_nodes(run_cli: RunCli) -> None:
    from cskh_org.cli import _parser

    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands is not None
    taking = set()
    for name, command in dict(commands).items():
        subs = [a for a in command._actions if a.dest == "history_command"]
        nested = dict(subs[0].choices or {}) if subs else {name: command}
        for sub_name, sub in nested.items():
            if any("--max-nodes" in a.option_strings for a in sub._actions):
                taking.add(sub_name if subs else name)
    assert {"validate", "route", "compile", "budget", "render", "simulate", "diff"} <= taking
    assert {"schema", "init", "checks"}.isdisjoint(taking)
    assert "import" in taking  # `history import` and the helpdesk `import` both read files


def test_the_help_gives_the_default_node_limit(run_cli: RunCli) -> None:
    from cskh_org.cli import DEFAULT_MAX_NODES

    assert Limits().max_nodes == DEFAULT_MAX_NODES
    assert "(default 250,000," in " ".join(run_cli(["validate", "--help"]).out.split())


def test_using_limits_scopes_the_default_limits(tmp_path: Path) -> None:
    from cskh_org.loading.source import current_limits, using_limits

    path = _big_document(tmp_path, 100)
    assert current_limits() == Limits()
    with using_limits(Limits(max_nodes=50)) as inner:
        assert current_limits() is inner
        assert "yaml-too-large" in [f.code for f in validate(path).findings]
        with using_limits(Limits(max_nodes=10_000)):
            assert "yaml-too-large" not in [f.code for f in validate(path).findings]
        assert current_limits() is inner
        given = validate(path, limits=Limits(max_nodes=10_000))  # given limits win
        assert "yaml-too-large" not in [f.code for f in given.findings]
    assert current_limits() == Limits()
    assert "yaml-too-large" not in [f.code for f in validate(path).findings]


def test_another_thread_keeps_its_own_limits(tmp_path: Path) -> None:
    import threading

    from cskh_org.loading.source import current_limits, using_limits

    seen: list[Limits] = []
    with using_limits(Limits(max_nodes=50)):
        thread = threading.Thread(target=lambda: seen.append(current_limits()))
        thread.start()
        thread.join()
    assert seen == [Limits()]
