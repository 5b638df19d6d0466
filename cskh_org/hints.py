"""Hints for a name the user got wrong: the nearest one they may have meant.

A ground module, like :mod:`cskh_org.findings` and :mod:`cskh_org.terminal`: the loader, the
checks and the engines all suggest names, and none of them needs another floor to do it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean", "nearest"]


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest ``word`` (or equal to it ignoring case), or ``None``.

    >>> nearest("suport", ["support", "sales"])
    'support'
    """
    pool = list(candidates)
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` for the nearest candidate, or an empty string.

    >>> did_you_mean("suport", ["support", "sales"])
    ' (did you mean `support`?)'
    """
    close = nearest(word, candidates)
    return f" (did you mean `{close}`?)" if close is not None else ""
