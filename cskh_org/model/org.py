"""The organisation: functions, roles, people, units with their staff, external parties."""

from __future__ import annotations

import datetime
import enum
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from cskh_org.findings import NOTHING, Said, both, refusal
from cskh_org.model.base import (
    DisplayText,
    Id,
    Integer,
    Interned,
    LocalizedText,
    Model,
    NotText,
    Number,
    Ref,
    TimeZoneName,
)
from cskh_org.model.frozen import FrozenMap, freeze
from cskh_org.money import MoneyField, exact_product, exact_sum

__all__ = [
    "BUILTIN_FUNCTIONS",
    "Calendar",
    "CalendarRef",
    "ChannelRef",
    "DayOverride",
    "External",
    "ExternalKind",
    "ExternalRef",
    "FunctionDef",
    "FunctionRef",
    "FunctionWaiver",
    "Holiday",
    "Person",
    "PublicHolidays",
    "Role",
    "Shrinkage",
    "StaffLine",
    "Unit",
    "UnitRef",
    "Weekday",
]

UnitRef = Annotated[Id, Ref("unit")]
RoleRef = Annotated[Id, Ref("role")]
FunctionRef = Annotated[Id, Ref("function")]
PersonRef = Annotated[Id, Ref("person")]
ExternalRef = Annotated[Id, Ref("external")]
CalendarRef = Annotated[Id, Ref("calendar")]
ChannelRef = Annotated[Id, Ref("channel")]
ShiftRef = Annotated[Id, Ref("shift")]
ContractRef = Annotated[Id, Ref("contract")]
SkillId = Id
Concurrency = Annotated[int, Field(ge=1, le=50), NotText]
"""Tickets of one channel an agent holds at once, 1 to 50."""

BUILTIN_FUNCTIONS: Mapping[str, Mapping[str, str]] = freeze(
    {
        "account_management": {"vi": "Quản lý tài khoản", "en": "Account management"},
        "loyalty": {"vi": "Quản lý mức độ trung thành", "en": "Loyalty"},
        "returns_warranty": {"vi": "Trả hàng và bảo hành", "en": "Returns and warranty"},
        "issue_resolution": {"vi": "Quản trị vấn đề", "en": "Issue resolution"},
        "support": {"vi": "Hỗ trợ", "en": "Support"},
        "sales": {"vi": "Bán hàng", "en": "Sales"},
    }
)
"""The six functions of a customer-care department, always defined (ids and display names)."""


class FunctionDef(Model):
    """A function the department adds to the six built-in ones."""

    id: Id
    """Id used in units' ``functions`` lists; must not clash with a built-in function id."""
    name: LocalizedText
    """Display name, e.g. ``{vi: Chăm sóc khách VIP, en: VIP concierge}``."""
    description: LocalizedText | None = None
    """What the staff doing this function do."""


class FunctionWaiver(Model):
    """A built-in function the department deliberately does not cover, with the reason."""

    function: FunctionRef
    """The function not covered (e.g. ``sales`` where care carries no revenue target)."""
    reason: str = Field(min_length=3, max_length=500)
    """Why it is not covered; shown in reports so the decision stays visible."""


Share = Annotated[Number, Field(ge=0, lt=1, max_digits=4, decimal_places=3)]


class Shrinkage(Model):
    """The share of paid time agents are not available to customers: planned (breaks beyond
    the shift's, training, meetings, coaching) and unplanned (absence, sickness). The two add
    up: ``planned: 0.15, unplanned: 0.05`` leaves 80 % of on-shift time for customers."""

    planned: Share = Decimal(0)
    """Planned shrinkage, a share of on-shift time (``0.15``)."""
    unplanned: Share = Decimal(0)
    """Unplanned shrinkage (``0.05``)."""

    @model_validator(mode="after")
    def _below_one(self) -> Shrinkage:
        if self.planned + self.unplanned >= 1:
            raise refusal(
                "shrinkage",
                "value.shrinkage.total",
                planned=str(self.planned),
                unplanned=str(self.unplanned),
            )
        return self

    @property
    def total(self) -> Decimal:
        """Planned and unplanned together."""
        return self.planned + self.unplanned


class Role(Model):
    """A job title: what a staff line is hired as, what it costs, which skills it brings."""

    id: Id
    """Id used by staff lines and unit heads."""
    title: LocalizedText
    """Job title, e.g. ``{vi: Nhân viên CSKH, en: Care agent}``."""
    level: Integer = Field(default=1, ge=1, le=9)
    """Seniority on the career path: 1 agent, 2 team leader, 3 manager, 4 head of department."""
    skills: tuple[SkillId, ...] = ()
    """Skills everyone in this role has (e.g. ``vietnamese``, ``english``, ``product_x``)."""
    monthly_cost: MoneyField
    """Fully loaded monthly cost of one full-time person in this role (``12000000 VND``)."""
    shrinkage: Shrinkage | None = None
    """Shrinkage of people in this role, where their unit sets none."""


class Person(Model):
    """A named person, for staff lines that one specific person holds (small teams)."""

    id: Id
    """Id used in staff lines' ``person``."""
    name: LocalizedText
    """The person's name."""


class StaffLine(Interned):
    """Staff of one role in a unit: how many people, at what FTE, on which calendar."""

    role: RoleRef
    """The role these people are hired as."""
    headcount: Integer = Field(default=1, ge=0, le=100_000)
    """Number of people on this line; 0 plans a vacant position."""
    fte: Number = Field(default=Decimal(1), gt=0, le=1, max_digits=6, decimal_places=3)
    """Full-time equivalent of each person on the line (0.5 is half-time)."""
    person: PersonRef | None = None
    """The named person holding this line; then ``headcount`` must be 1."""
    calendar: CalendarRef | None = None
    """Working hours of these people; defaults to the unit's calendar."""
    skills: tuple[SkillId, ...] = ()
    """Skills these people have beyond their role's."""
    contract: ContractRef | None = None
    """The contract these people are hired on (``working_time.contracts``): the hours and
    days a week they work. Without one (and without ``shifts``) they are counted on duty for
    every opening of their calendar, cut to their ``fte``."""
    shifts: tuple[ShiftRef, ...] = ()
    """The shifts they work (``working_time.shifts``); several are a weekly rotation, the
    people spread evenly over them. Without shifts, people on a contract work its hours
    spread over the calendar's openings."""
    functions: tuple[FunctionRef, ...] = ()
    """The unit's functions these people cover, when not all of them (the part-time helper
    of a small shop: only ``support`` and ``sales``)."""

    def monthly_cost(self, role: Role) -> Decimal:
        """What this line costs a month: headcount × FTE × ``role``'s monthly cost, exact, in
        the role's currency (its own, or the department's for a plain amount). The one rule
        the budget, its checks, the diagrams and the simulation all price staff with; each
        rounds it where its figure is shown."""
        return exact_product(self.headcount, self.fte, role.monthly_cost.amount)

    @model_validator(mode="after")
    def _person_is_one(self) -> StaffLine:
        if self.person is not None and self.headcount != 1:
            raise refusal("staff_person", "value.staff-person")
        return self


class Unit(Model):
    """A team or department in the reporting tree."""

    id: Id
    """Id used in every reference to this unit (routing targets, parents, budget lines)."""
    name: LocalizedText
    """Display name, e.g. ``{vi: Nhóm hỗ trợ, en: Support team}``."""
    description: LocalizedText | None = None
    """What the unit does."""
    parent: UnitRef | None = None
    """The unit this one reports to; exactly one unit (the top) has none."""
    head: RoleRef | None = None
    """Role of the unit's head; a staff line of this unit must have that role."""
    functions: tuple[FunctionRef, ...] = ()
    """The department functions this unit covers; one unit may cover all six."""
    channels: tuple[ChannelRef, ...] = ()
    """Channels this unit serves (values of the ticket schema's ``channel`` attribute)."""
    calendar: CalendarRef | None = None
    """Opening hours of the unit; staff lines may override."""
    staff: tuple[StaffLine, ...] = ()
    """The people in the unit, by role."""
    shrinkage: Shrinkage | None = None
    """Shrinkage of the unit's people (over their role's and the department's)."""
    concurrency: FrozenMap[ChannelRef, Concurrency] = Field(default_factory=FrozenMap)
    """How many tickets of a channel one agent of the unit holds at once: ``{chat: 3,
    social: 2}`` (a channel not listed: one at a time). Each agent has a capacity of 1 and a
    ticket of channel ``c`` takes ``1/N`` of it, ``N`` its concurrency (the capacity weights
    of Salesforce Omni-Channel); an agent may start a ticket when the capacity its tickets
    take, plus the new one's, is at most 1: three chats, or one social message and one chat
    (1/2 + 1/3), or one call. The simulation's utilisation of the unit is the capacity its
    agents keep busy over the capacity at work, and the capacity check divides a channel's
    load by its concurrency."""

    @property
    def headcount(self) -> int:
        return sum(line.headcount for line in self.staff)

    @property
    def fte(self) -> Decimal:
        return exact_sum(exact_product(line.fte, line.headcount) for line in self.staff)


class ExternalKind(enum.StrEnum):
    """Kinds of parties outside the department."""

    HEAD_OF_SALES = "head_of_sales"
    BOARD = "board"
    MARKETING = "marketing"
    TECHNICAL = "technical"
    WAREHOUSE = "warehouse"
    LOGISTICS = "logistics"
    FINANCE = "finance"
    OTHER = "other"


class External(Model):
    """A party outside the department: escalation target, approver or cooperating department."""

    id: Id
    """Id used in escalation and approval references."""
    name: LocalizedText
    """Display name, e.g. ``{vi: Trưởng phòng bán hàng, en: Head of sales}``."""
    kind: ExternalKind
    """What the party is; ``head_of_sales`` and ``board`` approve budgets."""
    reports_to: ExternalRef | None = None
    """The party above this one (the head of sales reports to the board)."""


class Weekday(enum.StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


_RANGE = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])\Z")


def _check_range(value: str) -> str:
    m = _RANGE.match(value)
    if not m:
        raise refusal("time_range", "value.time-range.form", value=value)
    start = int(m.group(1)) * 60 + int(m.group(2))
    end = int(m.group(3)) * 60 + int(m.group(4))
    if end <= start or end > 24 * 60:
        raise refusal("time_range", "value.time-range.order", value=value)
    return value


TimeRange = Annotated[
    str,
    AfterValidator(_check_range),
    WithJsonSchema(
        {
            "type": "string",
            # the form; that it ends after it starts is the loader's to say
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
            "examples": ["08:00-12:00"],
        }
    ),
]


class Holiday(Model):
    """Days a calendar is closed: one date, or a range such as the Tết holidays."""

    date: datetime.date
    """The first (or only) closed day, ``2027-02-05``."""
    until: datetime.date | None = None
    """The last closed day, inclusive, for a range (``2027-02-11``)."""
    name: LocalizedText | None = None
    """What the holiday is: ``{vi: Tết Nguyên đán, en: Lunar New Year}``."""

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        if self.until is not None and self.until < self.date:
            raise refusal(
                "date_range", "value.date-range", until=str(self.until), date=str(self.date)
            )
        return self

    def days(self) -> Iterator[datetime.date]:
        """Every closed day."""
        day, last = self.date, self.until or self.date
        while day <= last:
            yield day
            day += datetime.timedelta(days=1)


class DayOverride(Model):
    """Opening hours of one date that replace the week's (a Saturday opening, a short day)."""

    date: datetime.date
    """The date, ``2027-01-30``."""
    hours: tuple[TimeRange, ...] = ()
    """Opening hours that day; empty means closed."""
    name: LocalizedText | None = None
    """Why: ``{vi: Làm bù, en: Make-up working day}``."""

    @field_validator("hours")
    @classmethod
    def _no_overlap(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _check_disjoint("the override", value)
        return value


def _check_disjoint(day: str, ranges: Sequence[str]) -> None:
    spans = sorted((r[:5], r[6:]) for r in ranges)
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            raise refusal("time_range", "value.time-range.overlap", day=day)


def _check_country(value: str) -> str:
    from cskh_org.public_holidays import countries

    known = countries()
    if value not in known:
        raise refusal("country", "value.country", value=value[:40], hint=_hint(value, known))
    return value


def _hint(word: str, candidates: Iterable[str]) -> Said:
    """The nearest of ``candidates`` ignoring case, as a "did you mean" in both languages."""
    from cskh_org.public_holidays import nearest_name

    close = nearest_name(word, candidates)
    return NOTHING if close is None else both("hint.did-you-mean", name=close)


def _date_or_name(value: object) -> object:
    """``2028-05-01`` written as text is the date; any other text is a holiday's name."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


class PublicHolidays(Model):
    """A country's public holidays from the maintained `holidays` package, for every year it
    has rules for (Tết and the Hùng Kings' day included); ``holidays`` adds local closed days
    and ``exclude`` drops the public holidays the company works."""

    country: Annotated[str, AfterValidator(_check_country)]
    """ISO 3166-1 alpha-2 code of the country, as the `holidays` package knows it: ``VN``."""
    subdivision: str | None = None
    """A province, state or region code the package knows for the country (``CA`` in ``US``);
    omitted means the national holidays only."""
    observed: bool = True
    """Whether observed days are closed too: the compensatory day off (``nghỉ bù``) when a
    holiday falls on a Saturday or Sunday. ``false`` keeps the holidays on their own dates (a
    company open on Saturdays gives its own compensatory days). Days off moved by decree
    (``Day off (substituted from …)``) are closed either way."""
    exclude: tuple[Annotated[datetime.date | DisplayText, BeforeValidator(_date_or_name)], ...] = ()
    """Public holidays the company works: a name as the package writes it in English or in the
    country's language (``Vietnam Cultural Day``; its observed day goes with it) or a date."""

    @field_validator("subdivision")
    @classmethod
    def _known_subdivision(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if value is None or country is None:
            return value
        from cskh_org.public_holidays import countries

        subdivisions = countries()[country]
        if not subdivisions:
            raise refusal("subdivision", "value.subdivision.none", country=country)
        if value not in subdivisions:
            listed = ", ".join(f"`{s}`" for s in subdivisions[:12])
            raise refusal(
                "subdivision",
                "value.subdivision.unknown",
                value=value[:40],
                country=country,
                hint=_hint(value, subdivisions),
                listed=listed + (", …" if len(subdivisions) > 12 else ""),
            )
        return value


class Calendar(Model):
    """Weekly opening hours in a time zone (split shifts allowed), with holidays and
    one-off overrides, all as data."""

    id: Id
    """Id used by units and staff lines."""
    name: LocalizedText
    """Display name, e.g. ``{vi: Giờ hành chính, en: Office hours}``."""
    timezone: TimeZoneName | None = None
    """IANA time zone; defaults to the department's."""
    week: FrozenMap[Weekday, tuple[TimeRange, ...]] = Field(default_factory=FrozenMap)
    """Opening hours per weekday: ``{mon: [08:00-12:00, 13:30-17:30]}``; a missing day is closed."""

    public_holidays: PublicHolidays | None = None
    """A country whose public holidays close the calendar in every year (``{country: VN}``)."""
    holidays: tuple[Holiday, ...] = ()
    """Closed days and ranges (local ones beside ``public_holidays``, or every holiday when no
    country is named); they win over the week's hours."""
    overrides: tuple[DayOverride, ...] = ()
    """Dates with their own hours (a make-up Saturday, Tết eve closing early); they win over
    the week and over holidays."""

    @field_validator("week")
    @classmethod
    def _no_overlap(
        cls, value: Mapping[Weekday, tuple[str, ...]]
    ) -> Mapping[Weekday, tuple[str, ...]]:
        for day, ranges in value.items():
            _check_disjoint(day.value, ranges)
        return value
