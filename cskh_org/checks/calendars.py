"""Checks of the calendars' holidays: what ``exclude`` drops is a public holiday, and a
calendar whose typed-in holidays end soon says so.

The country and subdivision codes themselves are checked while the document is built
(``invalid-country``, ``invalid-subdivision``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from cskh_org.checks import Issue, check
from cskh_org.findings import NOTHING, Severity, both
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
                yield Issue.said(
                    "holidays-run-out",
                    ("calendars", i, "holidays"),
                    calendar=calendar.id,
                    last=max(years),
                    next=max(years) + 1,
                )
            continue
        from cskh_org.public_holidays import holidays_of_year, matches, nearest_name

        for j, entry in enumerate(public.exclude):
            where = ("calendars", i, "public_holidays", "exclude", j)
            if isinstance(entry, datetime.date):
                found = holidays_of_year(
                    public.country, public.subdivision, entry.year, observed=public.observed
                )
                if entry not in found:
                    yield Issue.said(
                        "public-holiday-unknown",
                        where,
                        "public-holiday-unknown.date",
                        calendar=calendar.id,
                        date=entry,
                        country=public.country,
                    )
                continue
            names: set[str] = set()
            for year in range(this_year, this_year + NAME_YEARS):
                for held in holidays_of_year(
                    public.country, public.subdivision, year, observed=False
                ).values():
                    names.update(held)
            if not matches(entry, names):
                close = nearest_name(entry, names)
                yield Issue.said(
                    "public-holiday-unknown",
                    where,
                    "public-holiday-unknown.name",
                    calendar=calendar.id,
                    name=entry,
                    country=public.country,
                    first=this_year,
                    last=this_year + NAME_YEARS - 1,
                    hint=NOTHING if close is None else both("hint.did-you-mean", name=close),
                )
