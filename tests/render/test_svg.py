"""SVG (and PNG/PDF) through the real Graphviz `dot`: names with their diacritics survive."""

from __future__ import annotations

import pytest

import cskh_org
from cskh_org.render import available_views, render, render_file
from cskh_org.render.output import pipe
from tests.conftest import EXAMPLES
from tests.render.support import needs_dot, svg_text

pytestmark = needs_dot


@pytest.mark.parametrize("example", ["small", "growing", "large"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_org_chart_svg_shows_every_unit_name(example: str, lang: str) -> None:
    """Every unit's display name, diacritics included, is in the text of the org chart SVG."""
    dept = cskh_org.load(str(EXAMPLES / example / "department.yaml"))
    svg = render(dept, "org", "svg", lang=lang).decode("utf-8")
    text = svg_text(svg)
    for unit in dept.units:
        shown = unit.name.get(lang) or dept.label(unit.name, lang)
        assert shown in text, unit.id
    assert 'font-family="DejaVu Sans' in svg


@pytest.mark.parametrize("example", ["small", "growing", "large"])
def test_every_view_renders_to_svg(example: str) -> None:
    """Every view an example has data for is drawn by `dot` without an error."""
    dept = cskh_org.load(str(EXAMPLES / example / "department.yaml"))
    for view in available_views(dept):
        assert render(dept, view, "svg").startswith(b"<?xml")


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_png_and_pdf_files(fmt: str, magic: bytes, tmp_path: object) -> None:
    """render_file writes a real PNG or PDF file."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    dept = cskh_org.load(str(EXAMPLES / "growing" / "department.yaml"))
    out = render_file(dept, "org", fmt, tmp_path / f"org.{fmt}")
    assert out.read_bytes().startswith(magic)


def test_invalid_dot_text_is_a_render_error() -> None:
    """A DOT text Graphviz refuses raises RenderError with Graphviz's message."""
    with pytest.raises(cskh_org.RenderError, match="Graphviz could not draw"):
        pipe("digraph { a -> }", "svg")
