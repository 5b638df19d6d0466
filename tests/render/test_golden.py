"""Golden tests: the DOT and Mermaid text of every view of the bundled examples.

Regenerate after an intended change with ``CSKH_ORG_UPDATE_GOLDEN=1 pytest tests/render``
and review the diff of ``tests/render/golden/``.
"""

from __future__ import annotations

import os

import pytest

import cskh_org
from cskh_org.render import available_views, render_dot, render_mermaid
from tests.conftest import EXAMPLES
from tests.render.support import GOLDEN

UPDATE = os.environ.get("CSKH_ORG_UPDATE_GOLDEN") == "1"

CASES = [
    (example, view, lang)
    for example in ("small", "growing", "large")
    for view in ("org", "routing", "escalation", "approval")
    for lang in ("vi", "en")
]


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, "utf-8", newline="\n")
    assert path.exists(), f"{name} missing: run with CSKH_ORG_UPDATE_GOLDEN=1"
    assert text == path.read_text("utf-8"), f"{name} changed: review, then regenerate"


@pytest.mark.parametrize(("example", "view", "lang"), CASES)
def test_golden_dot_and_mermaid(example: str, view: str, lang: str) -> None:
    """Each example's view renders to exactly the committed DOT and Mermaid text."""
    dept = cskh_org.load(str(EXAMPLES / example / "department.yaml"))
    if view not in available_views(dept):
        pytest.skip(f"{example} has no data for {view}")
    _check(f"{example}-{view}-{lang}.dot", render_dot(dept, view, lang=lang))
    _check(f"{example}-{view}-{lang}.mmd", render_mermaid(dept, view, lang=lang))


@pytest.mark.parametrize("example", ["small", "growing", "large"])
def test_output_is_byte_identical_between_loads(example: str) -> None:
    """Loading the same document twice gives byte-identical DOT and Mermaid for every view."""
    path = str(EXAMPLES / example / "department.yaml")
    first, second = cskh_org.load(path), cskh_org.load(path)
    for view in available_views(first):
        assert render_dot(first, view) == render_dot(second, view)
        assert render_mermaid(first, view) == render_mermaid(second, view)


def test_no_stale_golden_files() -> None:
    """Every file under golden/ belongs to a current case (none left behind by a rename)."""
    expected = {f"{e}-{v}-{lang}.{ext}" for e, v, lang in CASES for ext in ("dot", "mmd")}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected)
    assert not stale, stale
