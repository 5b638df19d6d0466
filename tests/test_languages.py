"""The display languages are declared once, and every table of labels has exactly them (the
catalogue's own entries are checked in tests/test_words.py)."""

from __future__ import annotations

import pytest

from cskh_org.errors import UsageError
from cskh_org.languages import DISPLAY_LANGUAGES, display_language
from cskh_org.simulation import results


@pytest.mark.parametrize(
    "labels",
    [results._WORDS, results._KPI_LABELS],
    ids=["simulation", "what-if"],
)
def test_every_display_language_has_every_label(labels: dict[str, dict[str, str]]) -> None:
    """A label table covers each display language, with the same words in each."""
    assert set(labels) == set(DISPLAY_LANGUAGES)
    keys = {lang: set(words) for lang, words in labels.items()}
    assert all(words == keys["en"] for words in keys.values())


def test_display_language_passes_known_ones_and_refuses_others() -> None:
    """vi, en and None (the document's preferred) pass; anything else names the supported."""
    assert [display_language(x) for x in ("vi", "en", None)] == ["vi", "en", None]
    for lang in ("fr", "EN", "vi-VN", ""):
        with pytest.raises(UsageError, match="use one of vi, en"):
            display_language(lang)
