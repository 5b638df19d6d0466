"""The repeats check's first pass (cskh_org/checks/names.py): ``_no_repeats``, a level and a
field at a time, says no list repeats an entry exactly when the walk in document order finds
none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.checks.names import _no_repeats, _repeats
from cskh_org.findings import Issue
from cskh_org.model import Department
from tests.checks.first_pass import (
    DOCUMENTS,
    agree_on,
    document_id,
    fails_after,
    line_with,
    unit_with,
)


def _agree(dept: Department) -> bool:
    found: list[Issue] = []
    _repeats(dept, (), found)
    fast = _no_repeats([dept])
    assert fast == (not found), found
    return fast


@pytest.mark.parametrize("path", DOCUMENTS, ids=document_id)
def test_the_first_pass_agrees_with_the_walk_on_every_example(path: Path) -> None:
    agree_on(path, _agree)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: line_with(d, skills=("vi", "vi")),  # two levels down
        lambda d: unit_with(d, 0, channels=("phone", "phone")),
        lambda d: d.model_copy(update={"languages": ("vi", "en", "vi")}),  # at the top
    ],
    ids=["staff-skills", "unit-channels", "languages"],
)
def test_a_repeat_anywhere_fails_the_first_pass(change: Any) -> None:
    fails_after(change, _agree)


def _mixed_plainly(text: str) -> tuple[str, list[str]] | None:
    """The first word mixing Latin, Cyrillic and Greek letters, asking every character."""
    import unicodedata

    for word in unicodedata.normalize("NFC", text).split():
        scripts = set()
        for ch in word:
            name = unicodedata.name(ch, "") if ch.isalpha() else ""
            for script in ("LATIN", "CYRILLIC", "GREEK"):
                if name.startswith(script):
                    scripts.add(script.lower())
        if len(scripts) > 1:
            return word, sorted(scripts)
    return None


_LETTERS = "aAzZ09 -_.ăâđêôơưạảấầẩẫậĐỗ\u0301\u0323ЅѕоОаАрРαΑοΟβ中文"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_LETTERS, max_size=40))
def test_mixed_script_words_are_found_as_asking_every_character_finds_them(text: str) -> None:
    """The remembered scripts of words (and ASCII words passed over) find the same first
    mixed word, with the same scripts, as asking every character of every word."""
    from cskh_org.checks.names import _mixed

    assert _mixed(text) == _mixed_plainly(text)
    assert _mixed(text) == _mixed_plainly(text)  # again, from what was remembered
