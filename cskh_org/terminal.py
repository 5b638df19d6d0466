"""The one escape for text that came from input and is printed: :func:`printable`.

A ticket's attribute names, the cells of an actuals CSV, file names and document text all
reach a terminal or a log in messages. A control character there (``ESC`` starts a terminal
command, ``CR`` rewrites the line, a bidi override reorders it) or a line break (which can
forge an ``error:`` line) must not act: each is shown as its Python escape (``\\x1b``,
``\\u202e``), so the text is one line that shows what the input holds.

Every message this library builds goes through it: findings
(:class:`~cskh_org.findings.Finding`), errors (:class:`~cskh_org.errors.CskhOrgError`, whose
own line breaks are kept and every other control character escaped; one-line errors such as
:class:`~cskh_org.errors.TicketInvalid` escape line breaks too), the problems of an actuals
import and the warnings the CLI prints.
"""

from __future__ import annotations

__all__ = ["printable", "printable_lines"]


def printable(text: str) -> str:
    """``text`` with every control, format (bidi override…) or line-separator character
    written as an escape (``\\x1b``, ``\\u202e``, ``\\x0a``): one line, inert on a terminal.

    >>> printable("red\\x1b[31m\\nerror: forged")
    'red\\\\x1b[31m\\\\x0aerror: forged'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def printable_lines(text: str) -> str:
    """:func:`printable` applied to each line of a message made of several lines on purpose
    (an error followed by the usage): its ``\\n`` breaks are kept, nothing else acts."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _escape(c: str) -> str:
    code = ord(c)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
