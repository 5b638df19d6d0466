"""The README shows a rendered org chart of an example, committed under docs/img/."""

from __future__ import annotations

import cskh_org
from tests.conftest import EXAMPLES, ROOT
from tests.render.support import svg_text


def test_readme_shows_the_committed_org_chart() -> None:
    """README links docs/img/org-growing.svg, an SVG naming every unit of the growing example."""
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "(docs/img/org-growing.svg)" in readme
    svg = (ROOT / "docs" / "img" / "org-growing.svg").read_text("utf-8")
    text = svg_text(svg)
    dept = cskh_org.load(str(EXAMPLES / "growing" / "department.yaml"))
    for unit in dept.units:
        assert unit.name["en"] in text, unit.id
