"""Escaping of display text for each target. Every piece of text a diagram shows goes
through here; ids never need it (they come from :func:`cskh_org.render.views.safe_id`).

Rules:

* :func:`visible` (both targets, first): line breaks are normalised to ``\\n``; a tab becomes
  a space; bidi controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), other control
  characters, surrogates and non-characters are shown as ``[U+XXXX]`` so they can neither
  reorder the text around them nor break a parser. Everything else (Vietnamese, emoji, the
  zero-width joiner inside emoji) is kept as is.
* :func:`dot_html` (Graphviz): labels are HTML-like labels (``<...>``). ``& < > "`` become
  entities, so text that looks like HTML (``<b>``, ``<<html>>``) or an entity (``&amp;``) is
  shown literally; ``[`` and ``]`` become numeric entities too (Graphviz's HTML parser
  rejects a lone ``]``). Graphviz still expands ``\\N``, ``\\G`` and ``\\E`` (the object's
  name) in HTML labels and reads ``\\\\`` as one backslash, so every backslash is doubled:
  ``\\N``, ``\\l`` and a trailing ``\\`` are shown literally. A line break becomes ``<BR/>``.
* :func:`dot_quoted` (Graphviz, for plain quoted strings such as ids): ``\\`` and ``"`` are
  backslash-escaped and a line break becomes ``\\n``.
* :func:`mermaid_text` (Mermaid, inside a ``"..."`` label): every ASCII character that is not
  a letter, a digit or one of `` .,'!?+-/=@$^~*_`` is written as a numeric entity ``#NN;``
  (``"`` → ``#34;``, ``#`` → ``#35;``, ``;`` → ``#59;``…), which Mermaid shows literally;
  so quotes, brackets, pipes, ``%%``, ``-->`` and keywords such as ``end`` stay inside the
  label. A line break becomes ``<br>``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["dot_html", "dot_quoted", "mermaid_text", "visible"]

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MERMAID_SAFE = frozenset(" .,'!?+-/=@$^~*_")


def _shown(ch: str) -> str:
    code = ord(ch)
    category = unicodedata.category(ch)
    if ch == "\n":
        return ch
    if ch == "\t":
        return " "
    if (
        ch in _BIDI
        or category in ("Cc", "Cs")
        or (code & 0xFFFE) == 0xFFFE
        or 0xFDD0 <= code <= 0xFDEF
        or ch in "\u2028\u2029"
    ):
        return f"[U+{code:04X}]"
    return ch


_UNSAFE = re.compile(
    "[\t\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\u2028\u2029"
    + "".join(sorted(_BIDI))
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
"""Every character :func:`_shown` changes other than the line break: a tab, the controls
(``Cc``), surrogates (``Cs``), bidi controls, non-characters and the Unicode line and
paragraph separators (so :func:`visible` only looks at the few characters it changes)."""


def visible(text: str) -> str:
    """``text`` with line breaks normalised and unsafe invisible characters made visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(lambda m: _shown(m.group()), text)


def dot_html(text: str) -> str:
    """``text`` for the inside of a Graphviz HTML-like label."""
    out = (
        visible(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("[", "&#91;")
        .replace("]", "&#93;")
        .replace("\\", "\\\\")
    )
    return out.replace("\n", "<BR/>")


def dot_quoted(text: str) -> str:
    """``text`` as a Graphviz double-quoted string, quotes included."""
    body = visible(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


def mermaid_text(text: str) -> str:
    """``text`` for the inside of a Mermaid ``"..."`` label."""
    out = []
    for ch in visible(text):
        if ch == "\n":
            out.append("<br>")
        elif ch.isascii() and not ch.isalnum() and ch not in _MERMAID_SAFE:
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)
