"""The helpers of the model floor's base module."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cskh_org.model.base import at_most_pattern


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_at_most_pattern_matches_exactly_the_numbers_up_to_its_limit(limit: int, n: int) -> None:
    pattern = re.compile(at_most_pattern(limit) + r"\Z")
    assert bool(pattern.match(str(n))) == (n <= limit)
    assert pattern.match(str(limit))
    assert not pattern.match(f"0{n}")  # leading zeros are the caller's to allow


@given(st.integers(0, 10**6))
def test_at_most_pattern_near_its_limit(limit: int) -> None:
    pattern = re.compile(at_most_pattern(limit) + r"\Z")
    for n in range(max(0, limit - 12), limit + 13):
        assert bool(pattern.match(str(n))) == (n <= limit), (limit, n)
