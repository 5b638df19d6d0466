"""A bounded table of values already worked out: :func:`remembered`.

For values that depend on their key alone and never change (a money text's amount, a staff
line written alike, as a document writes them thousands of times): each is worked out once
and the one value shared. A table holds at most a given number of entries; past it, it is
emptied and fills again (the keys a document repeats come back at once)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["remembered"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(table: dict[K, V], key: K, make: Callable[[], V], most: int) -> V:
    """``table[key]``, made by ``make()`` and kept the first time (``table`` emptied first
    when it holds ``most`` entries). A ``make`` that raises keeps nothing; so does one that
    gives ``None`` (made again each time: no value here is ever ``None``)."""
    found = table.get(key)
    if found is None:
        found = make()
        if len(table) >= most:
            table.clear()
        table[key] = found
    return found
