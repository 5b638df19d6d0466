"""Checks of the SLA policies: which apply, which promise nothing, and which cannot be kept.

Policies are selected with the routing semantics, so the same exact analysis tells which
policy can never apply and which tickets fall to the default. Joined with the routing
analysis, it tells which units receive the tickets of each policy, and so which calendars a
promise is kept on.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cskh_org.checks import Issue, check
from cskh_org.findings import Said, Severity, both, joined
from cskh_org.graph import _per_department
from cskh_org.model import Department
from cskh_org.model.sla import (
    BusinessDays,
    Clock,
    SlaTargets,
    TargetLength,
    TargetName,
    WrittenInDays,
    format_duration,
    format_target,
)

if TYPE_CHECKING:
    from cskh_org.calendars import BusinessCalendar
    from cskh_org.model.routing import Condition
    from cskh_org.routing.analysis import _Packing

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

Path = tuple[str | int, ...]


def _policy_path(dept: Department, index: int | None) -> Path:
    return ("sla", "default") if index is None else ("sla", "policies", index)


@check(
    "sla-policies",
    "Every SLA policy can apply (not covered by earlier policies, no contradiction) and "
    "promises something; tickets no policy selects still get a target from the default.",
    sla_policy_shadowed=E,
    sla_policy_unsatisfiable=E,
    sla_analysis_unknown=I,
    sla_no_target=W,
)
def sla_policies(dept: Department) -> Iterator[Issue]:
    sla = dept.sla
    if sla is None:
        return
    from cskh_org.routing.analysis import Reach, analyse_routing
    from cskh_org.sla import sla_routing

    analysis = analyse_routing(sla_routing(dept), dept.ticket_schema)
    for verdict in analysis.rules:
        policy = sla.policies[verdict.index]
        where = ("sla", "policies", verdict.index, "when")
        if verdict.reach is Reach.UNSATISFIABLE:
            yield Issue.said("sla-policy-unsatisfiable", where, policy=policy.id)
        elif verdict.reach is Reach.SHADOWED:
            names = ", ".join(f"`{r}`" for r in verdict.covered_by)
            yield Issue.said("sla-policy-shadowed", where, policy=policy.id, names=names)
        elif verdict.reach is Reach.UNKNOWN:
            yield Issue.said("sla-analysis-unknown", where, policy=policy.id, reason=verdict.reason)
        if not policy.targets():
            yield Issue.said(
                "sla-no-target",
                ("sla", "policies", verdict.index),
                "sla-no-target.policy",
                policy=policy.id,
            )
    fall = analysis.fallthrough
    if not sla.default.targets() and (not fall.known or not fall.empty):
        what = (
            Said(vi="; ".join(fall.descriptions_vi[:4]), en="; ".join(fall.descriptions[:4]))
            if fall.known
            else both("sla.some-tickets")
        )
        yield Issue.said("sla-no-target", ("sla", "default"), "sla-no-target.default", what=what)


@check(
    "sla-calendars",
    "Every business-clock target has a calendar that opens, and long enough for its deadline "
    "to fall within five years; a calendar-clock target is not shorter than the longest "
    "closure of a queue its tickets are routed to.",
    sla_no_calendar=E,
    sla_calendar_never_open=E,
    sla_target_beyond_calendar=E,
    sla_target_unmeetable=E,
)
def sla_calendars(dept: Department) -> Iterator[Issue]:
    sla = dept.sla
    if sla is None:
        return
    from cskh_org.calendars import BusinessCalendar
    from cskh_org.errors import CalendarError

    calendars = {c.id: BusinessCalendar(c, dept.timezone) for c in dept.calendars}
    receivers = _receiving_units(dept)
    start, end = _horizon(dept)
    closures: dict[str, datetime.timedelta | None] = {}

    def closure(name: str) -> datetime.timedelta | None:
        if name not in closures:
            try:
                closures[name] = calendars[name].longest_closure(start, end)
            except CalendarError:
                closures[name] = None  # never open: reported where it is used
        return closures[name]

    policies: list[tuple[int | None, SlaTargets]] = [
        *enumerate(sla.policies),
        (None, sla.default),
    ]
    for index, targets in policies:
        who = _who(sla.policies[index].id if index is not None else None)
        units = receivers.get(index)
        # calendar-clock targets shorter than a closure of a receiving queue: one mistake of
        # the policy, reported once at its first such target with every target and queue
        unmeetable: list[tuple[TargetName, datetime.timedelta, Path]] = []
        closed: dict[str, tuple[str, datetime.timedelta]] = {}
        for name, target in targets.targets().items():
            path = (*_policy_path(dept, index), name.value)
            if target.clock is Clock.BUSINESS:
                explicit = target.calendar or targets.calendar or sla.calendar
                names: set[str] = set()
                if explicit is not None:
                    names = {explicit}
                else:
                    lacking = sorted(u for u in units or () if dept.unit_calendar(u) is None)
                    if units is None or lacking:
                        whom = ", ".join(f"`{u}`" for u in lacking) or both("sla.whom.units")
                        yield Issue.said(
                            "sla-no-calendar", path, who=who, target=name.value, whom=whom
                        )
                        continue
                    names = {c for u in units if (c := dept.unit_calendar(u)) is not None}
                for cal in sorted(names):
                    if cal in calendars and closure(cal) is None:
                        yield Issue.said(
                            "sla-calendar-never-open",
                            path,
                            who=who,
                            target=name.value,
                            calendar=cal,
                        )
                    elif cal in calendars:
                        issue = _beyond_calendar(calendars[cal], who, name, target.within, path)
                        if issue is not None:
                            yield issue
                continue
            if isinstance(target.within, BusinessDays):
                continue  # business days on a calendar clock: `sla-business-days` reports it
            # calendar clock: the receiving queues must not stay closed longer than the target
            for unit in sorted(units or ()):
                unit_calendar = dept.unit_calendar(unit)
                if unit_calendar is None or unit_calendar not in calendars:
                    continue
                longest = closure(unit_calendar)
                if longest is not None and longest >= target.within:
                    closed[unit] = (unit_calendar, longest)
                    if not unmeetable or unmeetable[-1][0] is not name:
                        unmeetable.append((name, target.within, path))
        if unmeetable:
            promises = joined(
                [
                    both("sla.within", name=name.value, within=format_duration(within))
                    for name, within, _ in unmeetable
                ]
            )
            yield Issue.said(
                "sla-target-unmeetable",
                unmeetable[0][2],
                "sla-target-unmeetable.many"
                if len(unmeetable) > 1
                else "sla-target-unmeetable.one",
                who=who,
                promises=promises,
                queues=_closed_queues(closed),
            )


@check(
    "sla-business-days",
    "A business-clock target written in days (`1d`) is 24 opening hours, not a business day "
    "(`1bd`): the finding names both meanings. Business days (`1bd`) count opening days of a "
    "calendar, so a calendar clock cannot count them.",
    sla_day_on_business_clock=W,
    sla_business_days_calendar_clock=E,
)
def sla_business_days(dept: Department) -> Iterator[Issue]:
    sla = dept.sla
    if sla is None:
        return
    from cskh_org.calendars import BusinessCalendar

    day = datetime.timedelta(days=1)  # what `d` means: 24 hours
    receivers = _receiving_units(dept)
    models = {c.id: c for c in dept.calendars}
    policies: list[tuple[int | None, SlaTargets]] = [*enumerate(sla.policies), (None, sla.default)]
    for index, targets in policies:
        who = _who(sla.policies[index].id if index is not None else None)
        for name, target in targets.targets().items():
            if target.clock is Clock.CALENDAR and isinstance(target.within, BusinessDays):
                yield Issue.said(
                    "sla-business-days-calendar-clock",
                    (*_policy_path(dept, index), name.value),
                    who=who,
                    target=name.value,
                    within=format_target(target.within),
                    days=target.within.days,
                )
                continue
            if target.clock is not Clock.BUSINESS or not isinstance(target.within, WrittenInDays):
                continue
            explicit = target.calendar or targets.calendar or sla.calendar
            names = (
                [explicit]
                if explicit is not None
                else sorted({c for u in receivers.get(index) or () if (c := dept.unit_calendar(u))})
            )
            for cal in names:
                model = models.get(cal)
                open_days = len([d for d, hours in model.week.items() if hours]) if model else 0
                if model is None or not open_days:
                    continue  # an unknown or never-open calendar is reported elsewhere
                per_day = BusinessCalendar(model, dept.timezone).open_per_week() / open_days
                n = target.within / day
                yield Issue.said(
                    "sla-day-on-business-clock",
                    (*_policy_path(dept, index), name.value),
                    "sla-day-on-business-clock"
                    if n.is_integer()
                    else "sla-day-on-business-clock.part",
                    who=who,
                    target=name.value,
                    within=format_duration(target.within),
                    hours=f"{24 * n:g}",
                    calendar=cal,
                    days=f"{target.within / per_day:.1f}",
                    per_day=format_duration(per_day),
                    business=format_duration(per_day * n),
                    n=f"{n:g}",
                )
                break


def _beyond_calendar(
    calendar: BusinessCalendar,
    who: Said,
    name: TargetName,
    within: TargetLength,
    path: Path,
) -> Issue | None:
    """``sla-target-beyond-calendar`` when a business-clock target is longer than its calendar
    can be open within :data:`~cskh_org.calendars.MAX_DEADLINE_DAYS` (its week's hours in
    every week, and every override on top: more than it can really be), or counts more
    business days than it can have opening days then (its week's open days in every week,
    every override date on top), so its deadline cannot be worked out."""
    from cskh_org.calendars import MAX_DEADLINE_DAYS

    weeks = -(-MAX_DEADLINE_DAYS // 7)
    if isinstance(within, BusinessDays):
        model = calendar.calendar
        days = weeks * sum(1 for hours in model.week.values() if hours)
        days += len({o.date for o in model.overrides if o.hours})
        if within.days <= days:
            return None
        return Issue.said(
            "sla-target-beyond-calendar",
            path,
            "sla-target-beyond-calendar.days",
            who=who,
            target=name.value,
            within=format_target(within),
            calendar=calendar.id,
            most=f"{days:,}",
            days=f"{MAX_DEADLINE_DAYS:,}",
        )
    weekly = calendar.open_per_week()
    most = weekly * weeks + calendar.open_in_overrides()
    if within <= most:
        return None
    hours = (
        both("sla.open.weekly", weekly=format_duration(weekly))
        if weekly
        else both("sla.open.overrides")
    )
    return Issue.said(
        "sla-target-beyond-calendar",
        path,
        who=who,
        target=name.value,
        within=format_duration(within),
        calendar=calendar.id,
        hours=hours,
        most=format_duration(most),
        days=f"{MAX_DEADLINE_DAYS:,}",
    )


def _who(policy: str | None) -> Said:
    """``SLA policy `x``` or ``the default SLA``, in both languages."""
    if policy is None:
        return both("sla.who.default")
    return both("sla.who.policy", policy=policy)


def _closed_queues(closed: dict[str, tuple[str, datetime.timedelta]]) -> Said:
    """The queues grouped by calendar: ``a`` and ``b`` (calendar `c`, closed for up to 14h at
    a stretch), or for one queue ``a``, whose calendar `c` is closed for up to 14h …"""
    by_calendar: dict[tuple[str, datetime.timedelta], list[str]] = {}
    for unit, key in sorted(closed.items()):
        by_calendar.setdefault(key, []).append(unit)
    if len(closed) == 1:
        [(unit, (calendar, longest))] = closed.items()
        return both(
            "sla.closed.one", unit=unit, calendar=calendar, longest=format_duration(longest)
        )
    return joined(
        [
            both(
                "sla.closed.group",
                units=joined([f"`{u}`" for u in units]),
                calendar=calendar,
                longest=format_duration(longest),
            )
            for (calendar, longest), units in sorted(by_calendar.items(), key=lambda kv: kv[1])
        ]
    )


@check(
    "sla-escalation-hours",
    "A unit that takes SLA escalations is not closed for a whole SLA window while the clock "
    "of the escalated target runs.",
    sla_escalation_closed=W,
)
def sla_escalation_hours(dept: Department) -> Iterator[Issue]:
    sla, escalation = dept.sla, dept.escalation
    if sla is None or escalation is None:
        return
    from cskh_org.calendars import BusinessCalendar
    from cskh_org.errors import CalendarError
    from cskh_org.model import TriggerKind

    calendars = {c.id: BusinessCalendar(c, dept.timezone) for c in dept.calendars}
    receivers = _receiving_units(dept)
    start, end = _horizon(dept)
    policies: list[tuple[int | None, SlaTargets]] = [*enumerate(sla.policies), (None, sla.default)]
    sla_kinds = (TriggerKind.SLA_WARNING, TriggerKind.SLA_BREACH)
    # what a calendar's closures are, and how much of a closure a clock counts, do not depend
    # on the step: worked out once per calendar and clock, not once per step
    closures_of: dict[str, list[tuple[datetime.datetime, datetime.datetime]] | None] = {}
    memo: _Memo = {}
    for i, step in enumerate(escalation.steps):
        to_calendar = dept.unit_calendar(step.to) if step.to in dept.units_by_id else None
        if to_calendar not in calendars:
            continue
        assert to_calendar is not None
        triggers = [t for t in step.on if t.on in sla_kinds]
        if not triggers:
            continue
        reaching = [p for p in policies if step.from_ in (receivers.get(p[0]) or ())]
        reaching = reaching or policies
        if to_calendar not in closures_of:
            try:
                closures_of[to_calendar] = _closures(calendars[to_calendar], start, end)
            except CalendarError:
                closures_of[to_calendar] = None
        closures = closures_of[to_calendar]
        if closures is None:
            continue  # a calendar that never opens is reported by sla-calendars
        found = _closed_window(
            memo,
            dept,
            calendars,
            closures,
            closed_on=to_calendar,
            policies=reaching,
            wanted=[t.target for t in triggers],
            holder=step.from_,
        )
        if found is None:
            continue
        who, target, within, (a, _) = found
        yield Issue.said(
            "sla-escalation-closed",
            ("escalation", "steps", i, "to"),
            step=step.id,
            who=who,
            target=target,
            within=within,
            to=step.to,
            calendar=to_calendar,
            start=f"{a:%Y-%m-%d %H:%M}",
        )


def _closures(
    calendar: BusinessCalendar, start: datetime.datetime, end: datetime.datetime
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    gaps, cursor = [], start
    for a, b in calendar.open_intervals(start, end):
        if a > cursor:
            gaps.append((cursor, a))
        cursor = b
    if cursor < end:
        gaps.append((cursor, end))
    return gaps


_Memo = dict[tuple[object, ...], object]
"""What :func:`_closed_window` worked out: ``(clock, a, b)`` → the time the clock counts
between ``a`` and ``b``; ``(clock, a, days)`` → the business time of ``days`` business days
from ``a`` (``None``: beyond the calendar's reach); ``("first", calendar, clock, within)``
→ the first closure of ``calendar`` in which the clock counts ``within`` (or ``None``)."""


def _closed_window(
    memo: _Memo,
    dept: Department,
    calendars: dict[str, BusinessCalendar],
    closures: list[tuple[datetime.datetime, datetime.datetime]],
    *,
    closed_on: str,
    policies: list[tuple[int | None, SlaTargets]],
    wanted: list[TargetName | None],
    holder: str,
) -> tuple[Said, str, str, tuple[datetime.datetime, datetime.datetime]] | None:
    """The first (policy, target, closure) where the target's clock can run a whole target
    length while the escalation target is closed (on the calendar ``closed_on``)."""
    sla = dept.sla
    assert sla is not None
    for index, targets in policies:
        for name, target in targets.targets().items():
            if None not in wanted and name not in wanted:
                continue
            clock_name = target.calendar or targets.calendar or sla.calendar
            if target.clock is Clock.BUSINESS and clock_name is None:
                clock_name = dept.unit_calendar(holder) if holder in dept.units_by_id else None
            clock = calendars.get(clock_name) if clock_name else None
            if target.clock is Clock.BUSINESS and clock is None:
                continue
            within = target.within
            if isinstance(within, BusinessDays) and clock is None:
                continue  # business days on a calendar clock: `sla-business-days` reports it
            key = ("first", closed_on, clock_name, within)
            if key not in memo:
                memo[key] = _first_closure(memo, clock_name, clock, within, closures)
            found = memo[key]
            if found is not None:
                who = _who(sla.policies[index].id if index is not None else None)
                assert isinstance(found, tuple)
                return who, name.value, format_target(within), found
    return None


def _first_closure(
    memo: _Memo,
    clock_name: str | None,
    clock: BusinessCalendar | None,
    within: TargetLength,
    closures: list[tuple[datetime.datetime, datetime.datetime]],
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """The first closure in which ``clock`` (``None``: the calendar clock) counts a whole
    ``within``; ``None`` if none (or if the business days reach beyond the calendar)."""
    from cskh_org.errors import CalendarError

    for a, b in closures:
        if clock is None:
            runs = b - a
        else:
            key = (clock_name, a, b)
            if key not in memo:
                memo[key] = clock.elapsed(a, b)
            counted = memo[key]
            assert isinstance(counted, datetime.timedelta)
            runs = counted
        allowed: object
        if isinstance(within, BusinessDays):
            assert clock is not None
            # the business time of the days, for a ticket opened as the closure starts
            days = (clock_name, a, within.days)
            if days not in memo:
                try:
                    memo[days] = clock.elapsed(a, clock.add_business_days(a, within.days))
                except CalendarError:
                    memo[days] = None
            allowed = memo[days]
            if allowed is None:
                return None  # beyond five years: reported by sla-calendars
        else:
            allowed = within
        assert isinstance(allowed, datetime.timedelta)
        if runs >= allowed:
            return a, b
    return None


def _horizon(dept: Department) -> tuple[datetime.datetime, datetime.datetime]:
    """A deterministic stretch of time that holds every holiday and override of the
    department's calendars, and at least four weeks; a calendar that names a country adds
    its public holidays of the years those dates touch (of 2027 when there are none)."""
    import zoneinfo

    days = [d for c in dept.calendars for h in c.holidays for d in (h.date, h.until or h.date)]
    days += [o.date for c in dept.calendars for o in c.overrides]
    years = sorted({d.year for d in days}) or [2027]
    for c in dept.calendars:
        if c.public_holidays is not None:
            from cskh_org.public_holidays import holidays_of_year

            p = c.public_holidays
            for year in years:
                found = holidays_of_year(p.country, p.subdivision, year, observed=p.observed)
                days += [d for d in found if d.year == year]
    first = min(days, default=datetime.date(2027, 1, 4)) - datetime.timedelta(days=7)
    last = max(max(days, default=first), first + datetime.timedelta(days=21))
    last += datetime.timedelta(days=8)
    zone = zoneinfo.ZoneInfo(dept.timezone)
    return (
        datetime.datetime.combine(first, datetime.time(), zone),
        datetime.datetime.combine(last, datetime.time(), zone),
    )


class _BoxIndex:
    """Boxes added in order, and for a box the indexes of those that intersect it, in order:
    per dimension, the added boxes grouped by their mask there; a box's candidates are those
    of the dimension whose intersecting masks hold the fewest boxes, then each is tested on
    the packed boxes (:class:`~cskh_org.routing.analysis._Packing`: three integer operations
    for all the dimensions at once)."""

    __slots__ = ("groups", "packed", "packing")

    def __init__(self, packing: _Packing) -> None:
        self.packing = packing
        self.packed: list[int] = []
        self.groups: list[dict[int, list[int]]] = [{} for _ in packing.offsets]

    def add(self, box: tuple[int, ...]) -> None:
        n = len(self.packed)
        self.packed.append(self.packing.pack(box))
        for group, mask in zip(self.groups, box, strict=True):
            group.setdefault(mask, []).append(n)

    def meeting(self, box: tuple[int, ...]) -> list[int]:
        """The indexes, in the order added, of the boxes that intersect ``box``."""
        if not self.groups:  # no dimension: every box is the whole (one-point) space
            return list(range(len(self.packed)))
        best: list[list[int]] | None = None
        size = -1
        for group, mask in zip(self.groups, box, strict=True):
            lists = [found for m, found in group.items() if m & mask]
            count = sum(map(len, lists))
            if best is None or count < size:
                best, size = lists, count
                if not count:
                    return []
        assert best is not None
        picked = best[0] if len(best) == 1 else sorted(i for found in best for i in found)
        packed, ones, guards = self.packed, self.packing.ones, self.packing.guards
        mine = self.packing.pack(box)
        return [i for i in picked if ((packed[i] & mine) + ones) & guards == guards]


def _receiving_units(dept: Department) -> dict[int | None, set[str] | None]:
    """For each policy (``None``: the default), the units its tickets are routed to; ``None``
    when unknown (no routing section, or too complex to analyse). Worked out once per
    department (three checks ask)."""
    return _receivers(dept)


@_per_department
def _receivers(dept: Department) -> dict[int | None, set[str] | None]:
    from cskh_org.routing.analysis import PIECE_LIMIT, _Budget, _Packing, _Region
    from cskh_org.routing.boxes import Space, TooComplex

    sla = dept.sla
    assert sla is not None
    indexes: list[int | None] = [*range(len(sla.policies)), None]
    routing = dept.routing
    if routing is None:
        return dict.fromkeys(indexes)
    space = Space(
        dept.ticket_schema, [*(r.when for r in routing.rules), *(p.when for p in sla.policies)]
    )
    packing = _Packing(space)  # the cuts on packed boxes: the same pieces, in the same order
    unlimited = _Budget(1 << 62)  # the pieces are bounded by PIECE_LIMIT, not the work

    def regions(whens: list[Condition | None]) -> list[list[tuple[int, ...]]]:
        """The tickets each condition decides under first match (the last: the rest).

        Each box of a condition is cut by every box taken before it, in order; a taken box
        that misses the condition's box misses its pieces too (cutting by it changes
        nothing), so only the ones the index finds meeting it are cut by."""
        out: list[list[tuple[int, ...]]] = []
        taken = _BoxIndex(packing)
        packed = taken.packed
        for when in [*whens, None]:
            mine = space.compile(when)
            rest: list[int] = []
            for box in mine:
                region = _Region(packing, [packing.pack(box)])
                for t in taken.meeting(box):
                    if not region.count:
                        break
                    if region.cut(packed[t], unlimited) and region.count > PIECE_LIMIT:
                        raise TooComplex
                rest.extend(region.pieces())
            out.append([packing.unpack(p) for p in rest])
            for box in mine:
                taken.add(box)
        return out

    try:
        rule_regions = regions([r.when for r in routing.rules])
        policy_regions = regions([p.when for p in sla.policies])
    except TooComplex:
        return dict.fromkeys(indexes)
    units = [r.to.unit for r in routing.rules] + [routing.default.unit]
    pieces = _BoxIndex(packing)
    owner: list[str] = []
    for unit, rule_region in zip(units, rule_regions, strict=True):
        for box in rule_region:
            pieces.add(box)
            owner.append(unit)
    result: dict[int | None, set[str] | None] = {}
    for index, region in zip(indexes, policy_regions, strict=True):
        result[index] = {owner[i] for box in region for i in pieces.meeting(box)}
    return result
