"""Hints for a name the user got wrong: the nearest one they may have meant.

A ground module, like :mod:`cskh_org.findings` and :mod:`cskh_org.terminal`: the loader, the
checks and the engines all suggest names, and none of them needs another floor to do it.
"""

from __future__ import annotations

import difflib
import functools
import heapq
from collections.abc import Iterable

__all__ = ["MAX_COMPARED", "did_you_mean", "nearest"]

MAX_COMPARED = 256
"""Most candidates compared with the word in full (:mod:`difflib`'s ratio, a quadratic
alignment each): of a larger pool, those sharing the most letter pairs with the word (ties:
the nearest length, then the name). A pool of at most this many is compared whole, so the
hint is exactly ``difflib.get_close_matches``' there; of a department's 5,000 unit ids a
misspelt one is compared with 256, not 5,000."""


@functools.lru_cache(maxsize=65_536)
def _pairs(word: str) -> frozenset[str]:
    """The letter pairs of ``word`` (lower-cased, with its ends marked)."""
    w = f"^{word.lower()}$"
    return frozenset(w[i : i + 2] for i in range(len(w) - 1))


def _shortlist(word: str, pool: list[str]) -> list[str]:
    """The :data:`MAX_COMPARED` candidates of ``pool`` sharing most letter pairs with
    ``word`` (all of ``pool`` when it is no larger)."""
    if len(pool) <= MAX_COMPARED:
        return pool
    mine = _pairs(word)
    size = len(word)
    return heapq.nsmallest(
        MAX_COMPARED,
        pool,
        key=lambda c: (-len(mine & _pairs(c)), abs(len(c) - size), c),
    )


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest ``word`` (or equal to it ignoring case), or ``None``.

    >>> nearest("suport", ["support", "sales"])
    'support'
    """
    pool = list(candidates)
    close = difflib.get_close_matches(word, _shortlist(word, pool), n=1, cutoff=0.6)
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
