"""Did-you-mean: exactly difflib's nearest match on a pool of at most ``MAX_COMPARED``
names, and on a large pool (a department's 5,000 unit ids) a shortlist by shared letter
pairs that still finds the name meant."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.hints import MAX_COMPARED, did_you_mean, nearest

_name = st.text(alphabet="abcdeu_01", min_size=1, max_size=8)


def plain(word: str, pool: list[str]) -> str | None:
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return close[0] if close else None


@settings(max_examples=300, deadline=None)
@given(_name, st.lists(_name, max_size=40))
def test_a_small_pool_gets_difflibs_answer(word: str, pool: list[str]) -> None:
    assert nearest(word, pool) == plain(word, pool)


def test_a_large_pool_still_finds_the_name_meant() -> None:
    pool = [f"u{i:05d}" for i in range(5_000)] + ["support_hotline", "warranty_north"]
    assert len(pool) > MAX_COMPARED
    assert nearest("suport_hotline", pool) == "support_hotline"
    assert nearest("warranty_nort", pool) == "warranty_north"
    assert nearest("u01234x", pool) == "u01234"
    assert nearest("U01234", pool) == "u01234"
    assert did_you_mean("zzzz", pool) == ""
