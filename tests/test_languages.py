"""The display languages are declared once (every word of the library is one entry of the
catalogue in each of them: tests/test_words.py)."""

from __future__ import annotations

import pytest

from cskh_org.errors import UsageError
from cskh_org.languages import DISPLAY_LANGUAGES, display_language
from cskh_org.words import catalogue


def test_every_catalogue_entry_is_in_every_display_language() -> None:
    assert DISPLAY_LANGUAGES == ("vi", "en")
    assert all(entry.vi and entry.en for entry in catalogue().values())


def test_display_language_passes_known_ones_and_refuses_others() -> None:
    """vi, en and None (the document's preferred) pass; anything else names the supported."""
    assert [display_language(x) for x in ("vi", "en", None)] == ["vi", "en", None]
    for lang in ("fr", "EN", "vi-VN", ""):
        with pytest.raises(UsageError, match="use one of vi, en"):
            display_language(lang)
