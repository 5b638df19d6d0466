"""The one catalogue of the library's words: lookups, the fallback rule, every entry whole."""

from __future__ import annotations

import string

import pytest

from cskh_org import words
from cskh_org.words import Said, catalogue, display, order, register, say


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_say_fills_named_fields_in_either_language() -> None:
    assert say("words.example", "vi", n=3) == "3 phiếu"
    assert say("words.example", "en", n=3) == "3 tickets"


def test_a_field_value_is_inserted_as_text_never_evaluated() -> None:
    """A value holding braces or attribute syntax is text, not a template."""
    assert say("words.example", "en", n="{n.__class__}") == "{n.__class__} tickets"


def test_the_fallback_rule_is_asked_then_the_documents_then_english() -> None:
    assert order("en", ["vi", "en"]) == ("en", "vi")
    assert order(None, ["fr", "vi"]) == ("fr", "vi", "en")
    assert display(None, ["fr", "vi"]) == "vi"
    assert display(None, ["fr"]) == "en"
    assert display("en", ["vi"]) == "en"


def test_a_key_given_twice_is_refused() -> None:
    with pytest.raises(ValueError, match=r"words\.example"):
        register({"words.example": Said(vi="x", en="x")})


def test_an_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        say("words.no-such-key", "vi")


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_entry_has_both_languages_with_the_same_fields(key: str) -> None:
    """Each entry is written in both languages, and both name the same ``{fields}``."""
    entry = catalogue()[key]
    assert entry.vi.strip()
    assert entry.en.strip()
    assert _fields(entry.vi) == _fields(entry.en), key


def test_the_display_languages_are_vietnamese_first() -> None:
    assert words.DISPLAY_LANGUAGES == ("vi", "en")


def test_document_text_falls_back_along_the_languages_then_und_then_sorted() -> None:
    from cskh_org.words import pick

    assert pick({"vi": "Hỗ trợ", "en": "Support"}, order("en", ["vi"])) == "Support"
    assert pick({"und": "X", "fr": "Y"}, ("vi", "en")) == "X"
    assert pick({"fr": "Y", "de": "Z"}, ("vi",)) == "Z"
    assert pick({}, ("vi",), "support") == "support"


def test_money_numbers_and_dates_are_written_by_the_locale() -> None:
    """Babel's formats: grouping and decimal marks of the language, the currency's digits."""
    import datetime
    from decimal import Decimal

    from cskh_org.words.formats import date_text, money_text, number_text, percent_text

    assert money_text(Decimal(28_000_000), "VND", "vi") == "28.000.000\xa0₫"
    assert money_text(Decimal(28_000_000), "VND", "en") == "28,000,000 VND"
    assert money_text(Decimal("1234.5"), "USD", "vi") == "1.234,50 USD"
    assert money_text(Decimal("1234.5"), "USD", "en") == "1,234.50 USD"
    assert number_text(1221.5, "vi") == "1.221,5"
    assert number_text(1221.5, "en", digits=0) == "1,222"
    assert percent_text(0.425, "en") == "42.5%"
    assert date_text(datetime.date(2027, 2, 3), "vi") == "03/02/2027"
    assert date_text(datetime.date(2027, 2, 3), "en") == "2027-02-03"
