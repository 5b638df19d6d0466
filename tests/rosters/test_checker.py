"""The independent checker rejects hand-made rosters that break each rule, one rule a test,
and passes the one that keeps them all."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cskh_org.rosters import Assignment, Cover, Roster, Status, check_roster
from tests.rosters.support import department, rules

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.date(2027, 6, 7)
SIZE = 7 * 24

BASE = """\
department: desk
start: 2027-06-07
interval: 60
{extra}
units:
  - unit: care
    minimum: {minimum}
    templates:
      - {{id: early, start: "06:00", end: "14:00"}}
      - {{id: late, start: "14:00", end: "22:00"}}
      - {{id: weekday, start: "09:00", end: "17:00", breaks: ["12:00-13:00"], days: [mon, tue]}}
"""

SHIFTS = {"early": (6, 8), "late": (14, 8), "weekday": (9, 8), "noon": (12, 4)}


def shift(
    day: int, name: str = "early", agent: str = "care/agent#1", start: int | None = None
) -> Assignment:
    """``agent`` on ``name`` on the ``day``-th day (0: the first Monday), written out by hand."""
    hour, hours = SHIFTS[name]
    date = MONDAY + dt.timedelta(days=day)
    begin = dt.datetime.combine(date, dt.time(hour if start is None else start), tzinfo=ZONE)
    breaks: tuple[tuple[dt.datetime, dt.datetime], ...] = ()
    paid = hours * 60
    if name == "weekday":
        breaks = ((begin + dt.timedelta(hours=3), begin + dt.timedelta(hours=4)),)
        paid -= 60
    return Assignment(
        agent, "care", name, date, begin, begin + dt.timedelta(hours=hours), breaks, paid
    )


def roster(*assignments: Assignment) -> Roster:
    return Roster(
        department="desk",
        timezone="Asia/Ho_Chi_Minh",
        start=MONDAY,
        weeks=1,
        interval=60,
        status=Status.FEASIBLE,
        agents=(),
        assignments=assignments,
        cover=(),
        under_cover=0,
        paid_minutes=sum(a.paid_minutes for a in assignments),
        bound=None,
        gap=None,
        seconds=0.0,
        seed=0,
    )


def violations(*assignments: Assignment, **options: object) -> set[str]:
    """The rules the roster of ``assignments`` breaks; ``options``: ``extra`` rules text, the
    unit's ``minimum``, and the department's (``week``, ``contract_hours``…)."""
    extra, minimum = options.pop("extra", ""), options.pop("minimum", 0)
    kwargs: dict[str, object] = {"contract_hours": 40, "contract_days": 5, **options}
    d = department(**kwargs)  # type: ignore[arg-type]
    r = rules(BASE.format(extra=extra, minimum=minimum))
    return {v.rule for v in check_roster(d, r, roster(*assignments))}


WEEK = [shift(d) for d in range(5)]
"""Early Monday to Friday: 40 hours on five days, twelve hours' rest and more between."""


def test_a_roster_that_keeps_every_rule_passes() -> None:
    assert violations(*WEEK, shift(0, "weekday", "care/agent#2")) == set()


@pytest.mark.parametrize(
    ("assignments", "options", "rule"),
    [
        ([shift(0, agent="care/agent#9")], {}, "agent"),
        ([shift(0, "noon")], {}, "shift"),
        ([shift(0, start=7)], {}, "shift"),
        ([shift(3, "weekday")], {}, "shift"),  # not on Thursdays
        ([shift(7)], {}, "period"),
        ([shift(0), shift(0, "late")], {}, "one-a-day"),
        ([shift(0, "late"), shift(1)], {}, "rest-between"),  # 22:00 to 06:00
        ([shift(6, "late"), shift(0)], {}, "rest-between"),  # Sunday night to the rotation's Monday
        (WEEK, {"extra": "limits: {hours_per_week: 32}"}, "hours-per-week"),
        (WEEK[:3], {"contract_hours": 20}, "contract-hours"),
        (WEEK, {"extra": "limits: {rest_days_per_week: 3}"}, "rest-days"),
        (WEEK[:4], {"contract_days": 3}, "contract-days"),
        ([shift(0)], {"extra": "limits: {hours_per_day: 6}"}, "hours-per-day"),
        (
            [shift(2)],
            {"extra": "days_off: [{agent: care/agent#1, weekdays: [wed], hard: true}]"},
            "day-off",
        ),
        (
            [shift(0)],
            {"extra": "days_off: [{agent: care/agent#1, dates: [2027-06-07], hard: true}]"},
            "day-off",
        ),
        ([shift(6)], {"extra": "fairness: {weekends_off: {every: 1}}"}, "weekends-off"),
        (
            [shift(0), shift(1, "late")],
            {"extra": "fairness: {same_start: {hard: true}}"},
            "same-start",
        ),
        ([], {"minimum": 1, "week": "      mon: [08:00-12:00]"}, "minimum-cover"),
        ([shift(0, "late")], {"minimum": 1, "week": "      mon: [08:00-12:00]"}, "minimum-cover"),
    ],
)
def test_a_broken_rule_is_caught(
    assignments: list[Assignment], options: dict[str, object], rule: str
) -> None:
    assert rule in violations(*assignments, **options)


def test_a_soft_day_off_is_no_violation() -> None:
    extra = "days_off: [{agent: care/agent#1, weekdays: [mon]}]"
    assert violations(*WEEK, extra=extra) == set()


def test_the_minimum_is_kept_by_a_shift_on_duty() -> None:
    assert violations(shift(0), minimum=1, week="      mon: [08:00-12:00]") == set()
    # the break of the weekday shift is off duty: 12:00-13:00 is not covered
    got = violations(shift(0, "weekday"), minimum=1, week="      mon: [11:00-13:00]")
    assert got == {"minimum-cover"}


def test_the_cover_and_the_objective_are_recounted() -> None:
    d = department(contract_hours=40, contract_days=5)
    r = rules(BASE.format(extra="", minimum=0))
    need = [0] * SIZE
    need[6:10] = [1, 1, 1, 2]
    on = [0] * SIZE
    on[6:14] = [1] * 8
    good = dataclasses.replace(
        roster(shift(0)),
        cover=(Cover("care", tuple(need), tuple(on)),),
        under_cover=1,
    )
    assert check_roster(d, r, good, {"care": need}) == []
    wrong_cover = dataclasses.replace(good, cover=(Cover("care", tuple(need), (0,) * SIZE),))
    assert {v.rule for v in check_roster(d, r, wrong_cover, {"care": need})} == {"cover"}
    wrong_sum = dataclasses.replace(good, under_cover=0)
    assert {v.rule for v in check_roster(d, r, wrong_sum, {"care": need})} == {"objective"}
