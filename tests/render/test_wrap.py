"""The routing view's line wrapping equals ``textwrap.wrap(..., break_on_hyphens=False)``,
whatever the line holds (its fast path fills words between single spaces itself)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.render.views import ROUTING_WRAP, _wrapped

words = st.text(alphabet="ab-ệ`=()\u00a0\t", min_size=0, max_size=14)
lines = st.lists(words, max_size=30).flatmap(
    lambda ws: st.sampled_from([" ", "  ", " \n"]).map(lambda sep: sep.join(ws))
)


def _reference(line: str, width: int) -> list[str]:
    return textwrap.wrap(line, width, break_on_hyphens=False) or [line]


@settings(max_examples=500, deadline=None)
@given(st.one_of(lines, st.text(max_size=200)), st.sampled_from([ROUTING_WRAP, 8, 20]))
def test_wrapped_is_textwrap(line: str, width: int) -> None:
    assert _wrapped(line, width) == _reference(line, width)


def test_a_long_condition() -> None:
    line = "Khi: " + " và ".join(f"Khu vực = `g{i:02d}`" for i in range(12))
    assert _wrapped(line) == _reference(line, ROUTING_WRAP)
    assert len(_wrapped(line)) > 1
