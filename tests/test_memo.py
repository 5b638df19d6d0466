"""The bounded table of values worked out once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cskh_org.memo import remembered


@given(st.lists(st.integers(0, 20), max_size=60), st.integers(1, 6))
def test_each_key_is_made_once_while_kept_and_the_table_stays_bounded(
    keys: list[int], most: int
) -> None:
    """Against a plain replay: a key is made again only after the table was emptied, every
    answer is what ``make`` gives for its key, and the table never holds more than ``most``."""
    table: dict[int, tuple[int]] = {}
    made: list[int] = []
    expected: list[int] = []
    kept: set[int] = set()
    for key in keys:
        if key not in kept:
            if len(kept) >= most:
                kept.clear()
            expected.append(key)
            kept.add(key)

        def make(key: int = key) -> tuple[int]:
            made.append(key)
            return (key,)

        value = remembered(table, key, make, most)
        assert value == (key,)
        assert made == expected
        assert set(table) == kept
        assert len(table) <= most


def test_the_same_value_is_shared_and_a_failure_keeps_nothing() -> None:
    table: dict[str, list[int]] = {}
    first = remembered(table, "a", lambda: [1], 4)
    assert remembered(table, "a", lambda: [2], 4) is first

    def fail() -> list[int]:
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        remembered(table, "b", fail, 4)
    assert "b" not in table
