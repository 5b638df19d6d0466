"""Hostile display names cannot break the DOT or Mermaid output, and are shown literally."""

from __future__ import annotations

import pytest

from cskh_org.render import render_dot, render_mermaid
from tests.render.support import (
    assert_dot_shows_names,
    expected_lines,
    hostile_department,
    hostile_names,
    mermaid_labels,
    mermaid_violations,
    needs_dot,
)

NAMES = hostile_names()


def test_corpus_is_large_and_covers_the_classics() -> None:
    """The corpus has at least 30 names, including quotes, backslashes, HTML and keywords."""
    assert len(NAMES) >= 30
    for must in ('"', "\\N", "\\l", "<b>x</b>", "<<html>>", "&amp;", "\n", "end", "\u202e"):
        assert any(must in name for name in NAMES), must
    assert any(len(name) >= 150 for name in NAMES)


@needs_dot
@pytest.mark.parametrize("view", ["org", "routing"])
def test_hostile_names_give_valid_dot_shown_literally(view: str) -> None:
    """`dot` parses the DOT without a warning and the SVG shows every name literally."""
    text = render_dot(hostile_department(NAMES), view)
    assert_dot_shows_names(text, NAMES)


@pytest.mark.parametrize("view", ["org", "routing"])
def test_hostile_names_give_structurally_valid_mermaid(view: str) -> None:
    """Every Mermaid line has an allowed shape, and each decoded label shows the names."""
    text = render_mermaid(hostile_department(NAMES), view)
    assert mermaid_violations(text) == []
    labels = mermaid_labels(text)
    missing = [line for name in NAMES for line in expected_lines(name) if line not in labels]
    assert not missing, missing


def test_bidi_and_control_characters_are_made_visible() -> None:
    """A bidi override or a control character never reaches the output raw."""
    dept = hostile_department(NAMES)
    for text in (render_dot(dept, "org"), render_mermaid(dept, "org")):
        assert "\u202e" not in text
        assert "\u2067" not in text
        assert "\x07" not in text
        assert "U+202E" in text
