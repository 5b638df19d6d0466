"""The `cskh-org render` command."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli
from tests.render.support import needs_dot

GROWING = "examples/growing/department.yaml"
SMALL = "examples/small/department.yaml"


def test_dot_to_stdout(run_cli: RunCli) -> None:
    """Without -o and --format, the org chart's DOT goes to standard output."""
    result = run_cli(["render", GROWING])
    assert result.code == 0, result.err
    assert result.out.startswith('digraph "org" {')


def test_mermaid_with_options(run_cli: RunCli) -> None:
    """--format mermaid with --lang, --unit and --depth prints a focused Mermaid chart."""
    result = run_cli(
        ["render", GROWING, "--format", "mermaid", "--lang", "en", "--unit", "support",
         "--depth", "0"]
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Support and accounts team" in result.out
    assert "u_online__care" not in result.out


@needs_dot
def test_svg_to_file(run_cli: RunCli, tmp_path: Path) -> None:
    """-o FILE.svg writes an SVG (format from the suffix)."""
    out = tmp_path / "esc.svg"
    result = run_cli(["render", GROWING, "--view", "escalation", "-o", str(out)])
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"<?xml")


def test_svg_without_output_is_usage_error(run_cli: RunCli) -> None:
    """SVG to a terminal is refused with exit code 2."""
    result = run_cli(["render", GROWING, "--format", "svg"])
    assert result.code == 2
    assert "-o" in result.err


def test_missing_view_exits_2(run_cli: RunCli) -> None:
    """A view the document has no data for exits 2 with a message, no traceback."""
    result = run_cli(["render", SMALL, "--view", "escalation"])
    assert result.code == 2
    assert "`escalation` steps" in result.err
    assert "Traceback" not in result.err


@needs_dot
def test_all_writes_every_view_and_format(run_cli: RunCli, tmp_path: Path) -> None:
    """--all -o DIR writes every view with data in every format and notes the skipped ones."""
    result = run_cli(["render", SMALL, "--all", "-o", str(tmp_path / "site")])
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "site").iterdir())
    assert names == sorted(
        f"{view}.{ext}"
        for view in ("org", "routing", "approval")
        for ext in ("svg", "png", "pdf", "dot", "mmd")
    )
    assert result.out.count("note: skipped") == 1


def test_all_needs_output_dir(run_cli: RunCli) -> None:
    """--all without -o is a usage error."""
    result = run_cli(["render", SMALL, "--all"])
    assert result.code == 2


def test_output_suffix_picks_the_format(run_cli: RunCli, tmp_path: Path) -> None:
    """Without --format, -o FILE.mmd writes Mermaid and -o FILE.DOT (any case) writes DOT."""
    mermaid, dot = tmp_path / "org.mmd", tmp_path / "org.DOT"
    assert run_cli(["render", SMALL, "-o", str(mermaid)]).code == 0
    assert run_cli(["render", SMALL, "-o", str(dot)]).code == 0
    assert mermaid.read_text("utf-8").lstrip().startswith(("flowchart", "%%{init"))
    assert dot.read_text("utf-8").startswith('digraph "org" {')


def test_format_and_suffix_that_disagree_are_refused(run_cli: RunCli, tmp_path: Path) -> None:
    """--format png -o y.svg is a usage error (exit 2) naming both, and writes nothing."""
    out = tmp_path / "y.svg"
    result = run_cli(["render", SMALL, "--format", "png", "-o", str(out)])
    assert result.code == 2
    assert "the suffix .svg says svg, but the format asked for is png" in result.err
    assert "y.png" in result.err
    assert not out.exists()


def test_unknown_suffix_is_refused_with_the_known_ones(run_cli: RunCli, tmp_path: Path) -> None:
    """-o x.jpg (with or without --format) and a name with no suffix exit 2 listing the
    suffixes that name a format, and write nothing."""
    for args in (["-o", "x.jpg"], ["--format", "svg", "-o", "x.jpg"], ["-o", "org"]):
        target = tmp_path / args[-1]
        result = run_cli(["render", SMALL, *args[:-1], str(target)])
        assert result.code == 2, args
        assert ".svg (svg), .png (png), .pdf (pdf), .dot (dot), .mmd (mermaid)" in result.err
        assert not target.exists()
    assert "`.jpg` is not a diagram suffix" in run_cli(["render", SMALL, "-o", "x.jpg"]).err


def test_a_language_without_labels_is_a_usage_error(run_cli: RunCli) -> None:
    """--lang fr exits 2 naming the display languages instead of drawing in English."""
    result = run_cli(["render", SMALL, "--lang", "fr"])
    assert result.code == 2
    assert "argument --lang: `fr` is not a display language; use one of vi, en" in result.err
    assert result.out == ""
