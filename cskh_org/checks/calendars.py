"""Checks of the calendars' holidays: what ``exclude`` drops is a public holiday, and a
calendar whose typed-in holidays end soon says so.

The country and subdivision codes themselves are checked while the document is built
(``invalid-country``, ``invalid-subdivision``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from cskh_org.checks import Issue, check
from cskh_org.findings import Severity
from cskh_org.model import Department

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

NAME_YEARS = 5
"""A name under ``exclude`` must name a public holiday of this many years from this one."""


def _today() -> datetime.date:
    """Today's date (a function, so tests can fix it)."""
    return datetime.date.today()


@check(
    "calendar-holidays",
    "Each public holiday a calendar excludes is one of its country's; a calendar whose "
    "holidays are typed in and stop before next year is noted.",
    public_holiday_unknown=E,
    holidays_run_out=I,
)
def calendar_holidays(dept: Department) -> Iterator[Issue]:
    this_year = _today().year
    for i, calendar in enumerate(dept.calendars):
        public = calendar.public_holidays
        if public is None:
            years = [(h.until or h.date).year for h in calendar.holidays]
            if years and max(years) <= this_year:
                yield Issue(
                    "holidays-run-out",
                    ("calendars", i, "holidays"),
                    f"calendar `{calendar.id}` lists holidays only up to {max(years)}: from "
                    f"{max(years) + 1} on every public holiday (Tết too) counts as a working "
                    "day; name the country (`public_holidays: {country: VN}`) or list the "
                    "next year's holidays",
                )
            continue
        from cskh_org.public_holidays import holidays_of_year, matches, suggestion

        for j, entry in enumerate(public.exclude):
            where = ("calendars", i, "public_holidays", "exclude", j)
            if isinstance(entry, datetime.date):
                found = holidays_of_year(
                    public.country, public.subdivision, entry.year, observed=public.observed
                )
                if entry not in found:
                    yield Issue(
                        "public-holiday-unknown",
                        where,
                        f"calendar `{calendar.id}` excludes {entry}, which is not a public "
                        f"holiday of `{public.country}`; give the date of one, or drop it",
                    )
                continue
            names: set[str] = set()
            for year in range(this_year, this_year + NAME_YEARS):
                for held in holidays_of_year(
                    public.country, public.subdivision, year, observed=False
                ).values():
                    names.update(held)
            if not matches(entry, names):
                yield Issue(
                    "public-holiday-unknown",
                    where,
                    f"calendar `{calendar.id}` excludes `{entry}`, which names no public "
                    f"holiday of `{public.country}` from {this_year} to "
                    f"{this_year + NAME_YEARS - 1}{suggestion(entry, names)}; write the name "
                    "as the `holidays` package does, in English or in the country's language",
                )
