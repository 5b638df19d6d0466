"""The words the library says, in Vietnamese and English, from one catalogue.

Everything a person reads that the library writes (finding messages, table headers, diagram
labels, the names of channels, priorities, tiers, escalation triggers and approval states) is a
key of the catalogue with one text per display language. :func:`say` looks a key up, filling in
named fields with :meth:`str.format_map` (never evaluated: a field is a name, its value is
inserted as text). The one fallback rule is :func:`order`: the language asked for, then the
document's languages, then English.

This is the ground floor: it imports nothing from the project, so findings, checks, engines and
outputs can all say things.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final, Literal, NamedTuple

__all__ = [
    "DISPLAY_LANGUAGES",
    "FALLBACK",
    "Lang",
    "Said",
    "Voice",
    "both",
    "catalogue",
    "display",
    "order",
    "pick",
    "register",
    "say",
]

Lang = Literal["vi", "en"]
DISPLAY_LANGUAGES: Final[tuple[Lang, ...]] = ("vi", "en")
"""The languages the library's words exist in, Vietnamese first."""
FALLBACK: Final[Lang] = "en"
"""The language a word falls back to when no language asked for has it (none today: every
entry of the catalogue has both)."""


class Said(NamedTuple):
    """One entry of the catalogue: the same words in both display languages."""

    vi: str
    en: str

    def text(self, lang: str) -> str:
        """The words in ``lang`` as written (Vietnamese for ``vi``, else English)."""
        return self.vi if lang == "vi" else self.en

    def __call__(self, lang: str, /, **fields: object) -> str:
        """The words in ``lang`` (a display language), with ``{name}`` fields filled in; a
        field whose value is itself a :class:`Said` is filled in with its words in ``lang``."""
        return self.text(lang).format_map(
            {
                name: value.text(lang) if isinstance(value, Said) else value
                for name, value in fields.items()
            }
        )


_CATALOGUE: dict[str, Said] = {}


def register(entries: Mapping[str, Said]) -> None:
    """Add ``entries`` to the catalogue; a key given twice is a bug (two texts for one word)."""
    twice = sorted(set(entries) & set(_CATALOGUE))
    if twice:
        raise ValueError(f"catalogue keys given twice: {', '.join(twice)}")
    _CATALOGUE.update(entries)


def catalogue() -> Mapping[str, Said]:
    """Every entry, after loading every part of the catalogue (for the tests and the docs)."""
    from cskh_org.words import (  # noqa: F401
        diff,
        errors,
        executor,
        findings,
        helpdesk,
        history,
        labels,
        pages,
        routing,
        staffing,
        sweep_report,
        sweeps,
        working_time,
    )

    return dict(_CATALOGUE)


def say(key: str, lang: str, /, **fields: object) -> str:
    """The catalogue's words for ``key`` in ``lang``, its ``{name}`` fields filled in.

    >>> say("words.example", "vi", n=3)
    '3 phiếu'
    >>> say("words.example", "en", n=3)
    '3 tickets'
    """
    entry = _CATALOGUE.get(key)
    if entry is None:
        catalogue()  # the parts register on first use
        entry = _CATALOGUE[key]
    return entry(lang, **fields)


def both(key: str, /, **fields: object) -> Said:
    """The catalogue's words for ``key`` in both languages, fields filled in (a field that is a
    :class:`Said` in each language's words).

    >>> both("words.example", n=3)
    Said(vi='3 phiếu', en='3 tickets')
    """
    return Said(vi=say(key, "vi", **fields), en=say(key, "en", **fields))


def order(lang: str | None, preferred: Iterable[str] = ()) -> tuple[str, ...]:
    """The languages to try, in order: ``lang`` if given, then ``preferred`` (a document's
    ``languages``), then :data:`FALLBACK`; each once.

    >>> order(None, ["vi", "en"])
    ('vi', 'en')
    >>> order("en", ["vi"])
    ('en', 'vi')
    >>> order(None, ["fr"])
    ('fr', 'en')
    """
    codes = ([lang] if lang else []) + list(preferred) + [FALLBACK]
    return tuple(dict.fromkeys(codes))


def pick(text: Mapping[str, str] | None, languages: Iterable[str], fallback: str = "") -> str:
    """A document's own text (``{vi: …, en: …}``) in the first of ``languages`` it has, then
    ``und`` (undetermined), then its first language in sorted order; ``fallback`` (an id) when
    it has none.

    >>> pick({"vi": "Hỗ trợ", "en": "Support"}, order("en", ["vi"]))
    'Support'
    >>> pick({"fr": "Soutien"}, ("vi", "en"), "support")
    'Soutien'
    >>> pick(None, ("vi",), "support")
    'support'
    """
    if not text:
        return fallback
    for code in (*languages, "und"):
        if code in text:
            return text[code]
    return text[sorted(text)[0]]


def display(lang: str | None, preferred: Iterable[str] = ()) -> Lang:
    """The display language to write the library's words in: the first of :func:`order` that
    is one of :data:`DISPLAY_LANGUAGES`."""
    for code in order(lang, preferred):
        if code == "vi":
            return "vi"
        if code == "en":
            return "en"
    return FALLBACK  # pragma: no cover - order() always ends with FALLBACK


register({"words.example": Said(vi="{n} phiếu", en="{n} tickets")})


class Voice:
    """Speaking one display language for a document: :attr:`lang`, the language the library's
    words are said in (:func:`display`), and :attr:`languages`, the order the document's own
    text is picked in (:func:`order`). Tables and diagrams build on it."""

    def __init__(self, lang: str | None, preferred: Iterable[str] = ()) -> None:
        preferred = tuple(preferred)
        self.lang: Lang = display(lang, preferred)
        self.languages = order(lang, preferred)

    def say(self, key: str, /, **fields: object) -> str:
        """The catalogue's words for ``key`` in :attr:`lang`."""
        return say(key, self.lang, **fields)

    def pick(self, text: Mapping[str, str] | None, fallback: str = "") -> str:
        """The document's own text along :attr:`languages`."""
        return pick(text, self.languages, fallback)

    def number(self, value: float | Decimal, digits: int | None = None) -> str:
        """A number as the language writes it (``1.221,5`` / ``1,221.5``)."""
        from cskh_org.words.formats import number_text

        return number_text(value, self.lang, digits=digits)
