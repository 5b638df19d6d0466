"""Numbers, money and dates written for the language, by Babel (imported on first use).

``28.000.000 ₫`` in Vietnamese and ``28,000,000 VND`` in English: the locale's grouping and
decimal marks and the currency's own minor digits, never written by hand.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache
from typing import Any, Final

__all__ = [
    "LOCALES",
    "date_text",
    "instant_text",
    "money_text",
    "number_text",
    "percent_text",
]

LOCALES: Final = {"vi": "vi_VN", "en": "en_US"}
"""The Babel locale of each display language."""


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, LOCALES["en"]))


def number_text(value: float | int | Decimal, lang: str, *, digits: int | None = None) -> str:
    """``1.221,5`` (vi), ``1,221.5`` (en); ``digits`` fixes the number of decimals."""
    from babel.numbers import format_decimal

    if digits is None:
        return str(format_decimal(value, locale=_locale(lang)))
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=_locale(lang)))


def money_text(amount: Decimal | int, currency: str, lang: str) -> str:
    """``28.000.000 ₫`` (vi) or ``28,000,000 VND`` (en), with the currency's minor digits;
    in Vietnamese the symbol of the đồng, the ISO code for other currencies."""
    from babel.numbers import format_currency

    locale = _locale(lang)
    if lang == "vi" and currency == "VND":
        return str(format_currency(amount, currency, locale=locale))
    return str(format_currency(amount, currency, format="#,##0.00 ¤¤", locale=locale))


def percent_text(value: float, lang: str, *, digits: int = 1) -> str:
    """``42,0%`` (vi), ``42.0%`` (en) for ``0.42``."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return str(format_percent(value, format=pattern, locale=_locale(lang)))


def date_text(day: datetime.date, lang: str) -> str:
    """``03/02/2027`` (vi), ``2027-02-03`` (en: ISO, as the document writes dates)."""
    if lang != "vi":
        return day.isoformat()
    from babel.dates import format_date

    return str(format_date(day, format="dd/MM/yyyy", locale=_locale(lang)))


def instant_text(instant: datetime.datetime, lang: str) -> str:
    """``03/02/2027 17:20 +07:00`` (vi); ISO 8601 (en: ``2027-02-03T17:20:00+07:00``). The
    offset is always written: an instant without it is ambiguous."""
    if lang != "vi":
        return instant.isoformat()
    offset = instant.strftime("%z")
    zone = f"{offset[:3]}:{offset[3:]}" if offset else ""
    seconds = ":%S" if instant.second else ""
    return (
        f"{date_text(instant.date(), lang)} {instant.strftime('%H:%M' + seconds)} {zone}".rstrip()
    )
