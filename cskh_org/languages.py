"""The display languages: the ones the labels of diagrams and reports are written in.

A document's own text (unit names, titles) may be in any language, and is shown falling back
along ``department.languages``; the words the library adds (``Head``, ``tickets arrived``,
the legend) exist in :data:`DISPLAY_LANGUAGES` only. Asking for another one is a mistake to
report, not to paper over with English: :func:`display_language` is where it is caught, for
``render``, ``simulate`` and the library functions behind them.
"""

from __future__ import annotations

from cskh_org.errors import UsageError
from cskh_org.words import DISPLAY_LANGUAGES

__all__ = ["DISPLAY_LANGUAGES", "display_language"]


def display_language(lang: str | None) -> str | None:
    """``lang`` if it is one of :data:`DISPLAY_LANGUAGES` (``None``: the document's preferred
    language, unchanged); :class:`UsageError` naming the supported ones otherwise.

    >>> display_language("en")
    'en'
    >>> display_language("fr")
    Traceback (most recent call last):
    cskh_org.errors.UsageError: `fr` is not a display language; use one of vi, en
    """
    if lang is None or lang in DISPLAY_LANGUAGES:
        return lang
    raise UsageError.of(
        "error.languages.unknown", lang=lang[:40], languages=", ".join(DISPLAY_LANGUAGES)
    )
