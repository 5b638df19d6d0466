"""SVG, PNG and PDF through ``dot`` run directly: its output as it writes it, and its failure
(bad DOT, a ``dot`` that cannot start) a :class:`RenderError` naming the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cskh_org
from cskh_org.render.output import pipe, png_size
from tests.render.support import needs_dot

TINY = 'digraph "t" { "a" -> "b"; }\n'


@needs_dot
@pytest.mark.parametrize("format", ["svg", "pdf", "png"])
def test_dot_writes_each_format(format: str) -> None:
    data = pipe(TINY, format)
    if format == "svg":
        assert b"<svg" in data
        assert data.rstrip().endswith(b"</svg>")
    elif format == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert png_size(data)[0] > 0


@needs_dot
def test_bad_dot_text_is_a_render_error_with_dots_words() -> None:
    with pytest.raises(cskh_org.RenderError, match="Graphviz could not draw the diagram") as caught:
        pipe("digraph { a -> ; }\n", "svg")
    assert "syntax error" in str(caught.value)


def test_a_dot_that_cannot_start_is_a_render_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "dot"
    fake.write_text("not a program", "utf-8")  # not executable
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    with pytest.raises(cskh_org.RenderError, match="Graphviz could not draw the diagram"):
        pipe(TINY, "svg")
