"""The diagrams' money text without Babel equals Babel's (``words.formats.money_text``), for
both display languages and every currency whose digits CLDR and ISO 4217 agree on; the others
are left to Babel, and the list of them is exactly the one the installed Babel gives."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.money import CURRENCY_MINOR_UNITS, minor_unit, quantize
from cskh_org.render.views import _CLDR_DIGITS, format_money
from cskh_org.words.formats import money_text

CURRENCIES = sorted(CURRENCY_MINOR_UNITS)

amounts = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False
)


def _reference(amount: Decimal, currency: str, lang: str) -> str:
    """Babel, on the amount rounded as the budget rounds it (the plain reference)."""
    return money_text(quantize(amount, currency), currency, lang)


@settings(max_examples=400, deadline=None)
@given(amounts, st.sampled_from(CURRENCIES), st.sampled_from(["vi", "en", "fr"]))
def test_format_money_writes_what_babel_writes(amount: Decimal, currency: str, lang: str) -> None:
    assert format_money(amount, currency, lang) == _reference(amount, currency, lang)


def test_every_currency_at_the_edges() -> None:
    """Zero, a half that rounds up, grouping at every length, for every currency."""
    edges = [
        Decimal(0),
        Decimal("0.5"),
        Decimal("-0.005"),
        Decimal("-0.004"),
        Decimal("999.995"),
        Decimal("1e12"),
    ]
    edges += [Decimal(10**n) - 1 for n in range(1, 16)]
    for currency in CURRENCIES:
        for amount in edges:
            for lang in ("vi", "en"):
                assert format_money(amount, currency, lang) == _reference(amount, currency, lang)


def test_the_currencies_left_to_babel_are_those_cldr_writes_otherwise() -> None:
    from babel.numbers import get_currency_precision

    differ = {c for c in CURRENCIES if get_currency_precision(c) != minor_unit(c)}
    assert differ == _CLDR_DIGITS


def test_an_unknown_currency_is_written_by_babel() -> None:
    assert format_money(Decimal("12.5"), "XYZ", "en") == money_text(Decimal("12.5"), "XYZ", "en")


def test_the_vietnamese_dong() -> None:
    assert format_money(Decimal("183000000"), "VND", "vi") == "183.000.000\u00a0₫"
    assert format_money(Decimal("1234.5"), "USD", "vi") == "1.234,50 USD"
