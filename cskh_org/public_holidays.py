"""Public holidays of a country, read from the maintained `holidays` package, imported lazily.

A calendar that names a country under ``public_holidays`` is closed on that country's public
holidays (Vietnam's lunar ones included: Tết, the Hùng Kings' day) in every year, so its
holidays do not run out when the years typed in end. This module is the one place that talks
to the package; nothing imports it unless a calendar names a country, so ``import cskh_org``
and the routing API stay light.

What a country gives, in one place:

* the **public** category of the package (not bank or school holidays), for the country and
  its optional subdivision;
* with ``observed`` (the default), the observed days the package adds — for Vietnam the
  compensatory day off when a holiday falls on a Saturday or Sunday (``International Labor
  Day (observed)``, ``… (nghỉ bù)``), which the package places on the next Monday;
* always, the days off the government moves by decree (``Day off (substituted from
  04/26/2025)``); the make-up working day of such a swap is not in the package: give it as
  an ``override`` when the week does not open that day;
* the years the package has rules for (:func:`year_range`, 1901 to 2100 for Vietnam): the
  calendar's holiday data runs out after the last of them.

Names are matched in English (``en_US``) and in the country's own language (``vi``),
case-insensitively; a name also matches its observed day (``… (observed)``, ``… (nghỉ bù)``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterable, Mapping
from typing import Any, Final

__all__ = [
    "countries",
    "holidays_of_year",
    "matches",
    "nearest_name",
    "suggestion",
    "year_range",
]

_ENGLISH: Final = "en_US"


@functools.cache
def countries() -> Mapping[str, tuple[str, ...]]:
    """Every country code the package knows, with its subdivision codes (and their aliases)."""
    import holidays

    return {code: tuple(subs) for code, subs in holidays.list_supported_countries().items()}


def _entity(country: str) -> Any:
    import holidays

    return holidays.country_holidays(country)


@functools.cache
def year_range(country: str) -> tuple[int, int]:
    """The first and last year the package has rules for the country."""
    cls = type(_entity(country))
    return int(cls.start_year), int(cls.end_year)


@functools.cache
def _languages(country: str) -> tuple[str | None, ...]:
    cls = type(_entity(country))
    supported = tuple(getattr(cls, "supported_languages", ()))
    default = getattr(cls, "default_language", None)
    wanted = [lang for lang in (_ENGLISH, default) if lang in supported]
    return tuple(dict.fromkeys(wanted)) or (None,)


@functools.cache
def holidays_of_year(
    country: str, subdivision: str | None, year: int, *, observed: bool = True
) -> Mapping[dt.date, tuple[str, ...]]:
    """The public holidays the package gives for one year (observed days included when
    ``observed``), each date with its names in English and in the country's language. An
    observed day may fall in the next year (a 31 December holiday observed on 2 January)."""
    import holidays

    out: dict[dt.date, list[str]] = {}
    first, last = year_range(country)
    if not first <= year <= last:
        return {}
    for language in _languages(country):
        found = holidays.country_holidays(
            country, subdiv=subdivision, years=year, observed=observed, language=language
        )
        for day in found:
            names = out.setdefault(day, [])
            names.extend(n for n in found.get_list(day) if n not in names)
    return {day: tuple(names) for day, names in sorted(out.items())}


def matches(name: str, holiday_names: Iterable[str]) -> bool:
    """Whether ``name`` names one of ``holiday_names``: equal ignoring case, or that name with
    an observed-day suffix in parentheses."""
    wanted = name.casefold().strip()
    for held in holiday_names:
        folded = held.casefold()
        if folded == wanted or folded.startswith(wanted + " ("):
            return True
    return False


def nearest_name(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest ``word`` ignoring case, or ``None``."""
    pool = {c.casefold(): c for c in candidates}
    close = difflib.get_close_matches(word.casefold(), list(pool), n=1, cutoff=0.6)
    return pool[close[0]] if close else None


def suggestion(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` for the nearest candidate ignoring case, or an empty string."""
    close = nearest_name(word, candidates)
    return f" (did you mean `{close}`?)" if close is not None else ""
