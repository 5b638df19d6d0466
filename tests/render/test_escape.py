"""The escaping functions and the id scheme."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cskh_org.render.escape import dot_html, dot_quoted, mermaid_text, visible
from cskh_org.render.views import safe_id

IDS = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,20}", fullmatch=True)


@given(IDS, IDS)
def test_safe_id_is_injective(a: str, b: str) -> None:
    """Two different document ids never map to the same diagram id."""
    assert (safe_id("u", a) == safe_id("u", b)) == (a == b)


@given(st.text(max_size=30))
def test_safe_id_is_an_identifier(ident: str) -> None:
    """A diagram id is made of ASCII letters, digits and underscores only."""
    assert re.fullmatch(r"u_[A-Za-z0-9_]*", safe_id("u", ident))


def test_safe_id_examples() -> None:
    """Underscores, hyphens and other characters have distinct escapes."""
    assert safe_id("u", "after_sales") == "u_after__sales"
    assert safe_id("u", "after-sales") == "u_after_hsales"
    assert safe_id("c", "end") == "c_end"
    assert safe_id("c", "a b") == "c_a_u20_b"


@given(st.text(max_size=40))
def test_mermaid_text_has_no_structural_characters(text: str) -> None:
    """Mermaid label text never holds a quote, bracket, pipe, semicolon or raw newline."""
    out = re.sub(r"#\d+;|<br>", "", mermaid_text(text))
    assert not set(out) & set('"[](){}|;%`\\\n:#<>&')


@given(st.text(max_size=40))
def test_dot_html_has_no_markup(text: str) -> None:
    """A DOT HTML label text holds no raw `<`, `>`, `"` or `[`/`]` except our line breaks."""
    out = dot_html(text).replace("<BR/>", "")
    assert not set(out) & set('<>"[]\n')


def test_dot_escapes_backslash_sequences_and_quotes() -> None:
    """Backslashes are doubled (Graphviz halves them) and quotes become entities."""
    assert dot_html("\\N") == "\\\\N"
    assert dot_html('<b>"x"</b> &amp;') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp;amp;"
    assert dot_quoted('a"b\\') == '"a\\"b\\\\"'


def test_visible_marks_bidi_and_controls() -> None:
    """Bidi controls and control characters become [U+XXXX]; ZWJ and newlines stay."""
    assert visible("a\u202eb\x00c") == "a[U+202E]b[U+0000]c"
    assert visible("👨\u200d👩\r\nx\ty") == "👨\u200d👩\nx y"


def test_visible_changes_exactly_the_characters_it_shows() -> None:
    """:func:`visible` (a scan for the few characters it changes) gives, for every code
    point, what the character-by-character rule ``_shown`` gives."""
    from cskh_org.render.escape import _shown

    every = "".join(chr(code) for code in range(0x110000) if code != 0x0D)  # CR: a line break
    assert visible(every) == "".join(_shown(ch) for ch in every)
    assert visible("a\r\nb\rc") == "a\nb\nc"
