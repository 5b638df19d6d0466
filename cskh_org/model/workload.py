"""The workload a department faces, for simulation: who writes in, how often, how long each
ticket takes and what happens to it at each holder.

A workload is its own document (``workload.yaml``) written for one department: it names the
department's units, channels and attribute values, and is checked against them with the same
``file:line:col`` findings as the department itself.

Times are durations written ``90s``, ``4m30s``, ``1.5m``, ``2h``, ``1d`` (a day is 24 hours).
"""

from __future__ import annotations

import datetime
import enum
import itertools
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cskh_org.findings import refusal
from cskh_org.model.base import Id, LocalizedText, Model, NotText, Real, Ref
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.org import CalendarRef, Weekday
from cskh_org.model.routing import Condition

__all__ = [
    "AttributeValue",
    "Distribution",
    "Empirical",
    "Exponential",
    "Fixed",
    "FollowUp",
    "Gamma",
    "HolderBehaviour",
    "Lognormal",
    "NumberDistribution",
    "NumberEmpirical",
    "NumberExponential",
    "NumberFixed",
    "NumberGamma",
    "NumberLognormal",
    "NumberUniform",
    "Profile",
    "Reopen",
    "SelfService",
    "ServiceTime",
    "SimDuration",
    "SpecialDate",
    "SpecialDays",
    "Stream",
    "Workload",
    "format_span",
    "mean_seconds",
    "parse_span",
]

UnitRef = Annotated[Id, Ref("unit")]
HolderRef = Annotated[Id, Ref("holder")]

_SPAN = re.compile(
    r"^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?\Z",
    re.ASCII,
)


def _span_pattern(*, positive: bool = False) -> str:
    """The JSON Schema pattern of the texts :func:`parse_span` reads: spaces may stand
    anywhere (they are removed first), at least one unit is written. The ten-year bound is a
    range, not a form, and is left to the loader."""
    digits = "[0-9]( *[0-9])*"
    number = rf"{digits}( *\. *{digits})?"
    units = "".join(rf"({number} *{unit} *)?" for unit in "dhms")
    nonzero = "(?=[^1-9]*[1-9])" if positive else ""
    return rf"^ *(?=[^dhms]*[dhms]){nonzero}{units}$(?!\n)"  # `(?!\n)`: Python's `$` allows one


SPAN_PATTERN = _span_pattern()
"""The JSON Schema pattern of a workload duration (``90s``, ``4m30s``, ``1.5m``…)."""
POSITIVE_SPAN_PATTERN = _span_pattern(positive=True)
"""The same, longer than zero."""
_MAX_SPAN = datetime.timedelta(days=3650)
_MAX_PART = 12
"""Characters one part of a span (``1.5`` of ``1.5m``) may have before it becomes a number."""


def parse_span(value: object) -> object:
    """``"90s"``, ``"4m30s"``, ``"1.5m"``, ``"2h"``, ``"1d"`` → :class:`datetime.timedelta`."""
    if isinstance(value, datetime.timedelta):
        return value
    if isinstance(value, bool):  # before the numbers: `true` is an int too
        raise refusal("duration", "value.span.form", value="true" if value else "false")
    if isinstance(value, int | float | Decimal):  # a number with a fraction is a Decimal
        raise refusal("duration", "value.span.no-unit", value=value)
    if not isinstance(value, str):
        return value
    m = _SPAN.match(value.replace(" ", ""))
    if not m or not any(m.groups()):
        raise refusal("duration", "value.span.form", value=value[:40])
    parts = [g or "0" for g in m.groups()]
    if any(len(g) > _MAX_PART for g in parts):  # before float(): `9…9d` would be infinite
        raise _too_long(value)
    days, hours, minutes, seconds = (float(g) for g in parts)
    if days * 86_400 + hours * 3_600 + minutes * 60 + seconds > _MAX_SPAN.total_seconds():
        raise _too_long(value)
    return datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _too_long(value: str) -> PydanticCustomError:
    return refusal("duration", "value.span.too-long", value=value[:40])


def format_span(value: datetime.timedelta) -> str:
    """The inverse of :func:`parse_span`, to the millisecond: ``timedelta(seconds=270)`` →
    ``"4m30s"``."""
    millis = round(value.total_seconds() * 1000)
    days, millis = divmod(millis, 86_400_000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    seconds = millis / 1000
    text = (f"{days}d" if days else "") + (f"{hours}h" if hours else "")
    text += f"{minutes}m" if minutes else ""
    if seconds or not text:
        text += f"{seconds:g}s"
    return text


SimDuration = Annotated[
    datetime.timedelta,
    BeforeValidator(parse_span),
    PlainSerializer(format_span, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": SPAN_PATTERN,
            "examples": ["90s", "4m30s", "2h"],
        }
    ),
]
"""A length of time: ``90s``, ``4m30s``, ``1.5m``, ``2h``, ``1d`` (a day is 24 hours)."""


def _positive(value: datetime.timedelta) -> datetime.timedelta:
    if value <= datetime.timedelta(0):
        raise refusal("duration", "value.span.zero")
    return value


PositiveDuration = Annotated[
    SimDuration,
    AfterValidator(_positive),
    WithJsonSchema({"type": "string", "pattern": POSITIVE_SPAN_PATTERN, "examples": ["4m30s"]}),
]

AttributeValue = str | int | float | bool
"""A ticket attribute's value: an enum value, a number or a yes/no."""

Probability = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False), NotText]
Factor = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False), NotText]
"""A profile's factor on the stream's rate, 0 to 1000."""
Weight = Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False), NotText]
"""A relative weight of a mix value, above 0 and at most a million."""


# -- distributions ---------------------------------------------------------------------------


class Exponential(Model):
    """Memoryless times with the given mean (a Poisson process's gaps; M/M/c service)."""

    kind: Literal["exponential"]
    """The distribution: ``exponential``."""
    mean: PositiveDuration
    """Mean time."""


class Lognormal(Model):
    """Right-skewed times: most tickets short, a few very long (typical of handling times)."""

    kind: Literal["lognormal"]
    """The distribution: ``lognormal``."""
    mean: PositiveDuration
    """Mean time."""
    sd: PositiveDuration
    """Standard deviation of the time."""


class Gamma(Model):
    """Times that are a sum of phases; the shape is ``(mean / sd)²``."""

    kind: Literal["gamma"]
    """The distribution: ``gamma``."""
    mean: PositiveDuration
    """Mean time."""
    sd: PositiveDuration
    """Standard deviation of the time."""


class Fixed(Model):
    """The same time every time (a scripted call, a deterministic oracle)."""

    kind: Literal["fixed"]
    """The distribution: ``fixed``."""
    value: SimDuration
    """The time."""


class Empirical(Model):
    """Observed durations, drawn uniformly (with replacement)."""

    kind: Literal["empirical"]
    """The distribution: ``empirical``."""
    values: tuple[SimDuration, ...] = Field(min_length=1, max_length=1_000_000)
    """The observed durations (e.g. handling times exported from the helpdesk)."""


Distribution = Annotated[
    Exponential | Lognormal | Gamma | Fixed | Empirical, Field(discriminator="kind")
]
"""A distribution of times, by ``kind``."""


# -- numbers drawn per ticket -----------------------------------------------------------------

NumberValue = Annotated[float, NotText, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
"""A drawn number's parameter: a finite number within ±10¹⁵."""
PositiveValue = Annotated[float, NotText, Field(allow_inf_nan=False, gt=0, le=1e15)]


class NumberExponential(Model):
    """Numbers from 0 up, most small (memoryless), with the given mean."""

    kind: Literal["exponential"]
    """The distribution: ``exponential``."""
    mean: PositiveValue
    """Mean value."""


class NumberLognormal(Model):
    """Positive, right-skewed numbers: most small, a few very large (order values)."""

    kind: Literal["lognormal"]
    """The distribution: ``lognormal``."""
    mean: PositiveValue
    """Mean value."""
    sd: PositiveValue
    """Standard deviation."""


class NumberGamma(Model):
    """Positive numbers whose shape is ``(mean / sd)²``."""

    kind: Literal["gamma"]
    """The distribution: ``gamma``."""
    mean: PositiveValue
    """Mean value."""
    sd: PositiveValue
    """Standard deviation."""


class NumberUniform(Model):
    """Numbers spread evenly between two values."""

    kind: Literal["uniform"]
    """The distribution: ``uniform``."""
    low: NumberValue
    """The smallest value."""
    high: NumberValue
    """The largest value (above ``low``)."""

    @model_validator(mode="after")
    def _ordered(self) -> NumberUniform:
        if not self.high > self.low:
            raise refusal("uniform_range", "value.uniform.order", high=self.high, low=self.low)
        return self


class NumberFixed(Model):
    """The same number on every ticket."""

    kind: Literal["fixed"]
    """The distribution: ``fixed``."""
    value: NumberValue
    """The number."""


class NumberEmpirical(Model):
    """Observed numbers, drawn uniformly (with replacement)."""

    kind: Literal["empirical"]
    """The distribution: ``empirical``."""
    values: tuple[NumberValue, ...] = Field(min_length=1, max_length=1_000_000)
    """The observed numbers (e.g. order values exported from the shop)."""


NumberDistribution = Annotated[
    NumberExponential
    | NumberLognormal
    | NumberGamma
    | NumberUniform
    | NumberFixed
    | NumberEmpirical,
    Field(discriminator="kind"),
]
"""A distribution of numbers, by ``kind``: the time distributions' kinds with plain numbers
for durations, and ``uniform``."""


def mean_seconds(dist: Distribution) -> float:
    """The mean of ``dist`` in seconds."""
    if isinstance(dist, Exponential | Lognormal | Gamma):
        return dist.mean.total_seconds()
    if isinstance(dist, Fixed):
        return dist.value.total_seconds()
    values = [v.total_seconds() for v in dist.values]
    return sum(values) / len(values)


# -- arrivals --------------------------------------------------------------------------------


MAX_AROUND = 14
"""Most dates before or after a run of holidays a profile gives a factor to (two weeks)."""


class SpecialDate(Model):
    """A date, or a range of dates, with its own factor on the rate (a sale, a launch, the
    day a price rise is announced)."""

    date: datetime.date
    """The first (or only) date, ``2027-02-14``."""
    until: datetime.date | None = None
    """The last date, inclusive, for a range (``2027-02-16``)."""
    factor: Factor
    """The factor on those dates, in place of every other special-day factor."""
    name: LocalizedText | None = None
    """What the date is: ``{vi: Lễ tình nhân, en: Valentine's Day}``."""

    @model_validator(mode="after")
    def _ordered(self) -> SpecialDate:
        if self.until is not None and self.until < self.date:
            raise refusal(
                "date_range", "value.date-range", until=str(self.until), date=str(self.date)
            )
        return self


class SpecialDays(Model):
    """How the rate changes on the special days of one of the department's calendars: its
    holidays (Tết, the public holidays), the dates just before and after them, and dates
    named outright.

    A date is a **holiday** when the calendar is closed for a holiday then: one of its
    ``holidays``, or a public holiday of its country that ``exclude`` keeps, and no override
    gives it opening hours (an override without hours leaves it a holiday). Consecutive
    holiday dates are one **run** (Tết: 2027-02-04 to 2027-02-10 in Vietnam). ``before[0]``
    is the factor of the date just before a run, ``before[1]`` of the date before that, and
    so on; ``after`` likewise from the date just after it. Dates are counted on the calendar
    (a Sunday before a run is its first date before, open or not), in the department's time
    zone like the profile's hours. A date both after one run and before the next takes the
    factor of the nearer run (of the earlier one, ``after``, at the same distance). A date
    of ``dates`` takes its factor whatever else it is; every other date has factor 1.

    The special-day factor **multiplies** the hour's and the weekday's factors: the rate in an
    hour is ``rate`` × the hour's factor × the weekday's × the date's. So a factor says how a
    date compares with the same weekday of an ordinary week, which is what last year's
    figures give (Tết moves through the week from year to year: the ratio to the same
    weekday is the part that stays), one rule holds for every kind of special date, and a
    weekday without arrivals (a factor 0) stays without them. The hours keep their shape:
    the day's volume changes, not when in the day it comes."""

    calendar: CalendarRef
    """The id of the department's calendar whose holidays these are (``office_hours``)."""
    holiday: Factor = 1.0
    """The factor on each holiday of the calendar (``0.3``: three tenths of an ordinary
    day's tickets)."""
    before: tuple[Factor, ...] = Field(default=(), max_length=MAX_AROUND)
    """Factors on the 1st, 2nd… date before a run of holidays (``[1.6, 1.3]``), at most 14."""
    after: tuple[Factor, ...] = Field(default=(), max_length=MAX_AROUND)
    """Factors on the 1st, 2nd… date after a run of holidays (``[1.8, 1.2]``), at most 14."""
    dates: tuple[SpecialDate, ...] = Field(default=(), max_length=366)
    """Dates with their own factor, which wins over the others (at most 366 entries; two
    may not share a date)."""

    @model_validator(mode="after")
    def _disjoint(self) -> SpecialDays:
        spans = sorted((d.date, d.until or d.date) for d in self.dates)
        for (_, last), (first, _) in itertools.pairwise(spans):
            if first <= last:
                raise refusal("special_dates", "value.special-dates.overlap", date=str(first))
        return self


class Profile(Model):
    """How the arrival rate varies over the week: the rate in an hour is the stream's ``rate``
    × the day's factor × the hour's factor (in the department's time zone), and on the
    special days around a calendar's holidays × their factor too (``special_days``)."""

    id: Id
    """Id used by streams' ``profile``."""
    hours: tuple[Factor, ...] = Field(default=(1.0,) * 24, min_length=24, max_length=24)
    """24 factors, one per hour of the day from 00:00 (``0`` for no arrivals)."""
    days: FrozenMap[Weekday, Factor] = Field(default_factory=FrozenMap)
    """Factor per weekday; a day not listed has factor 1."""
    special_days: SpecialDays | None = None
    """How the rate changes on a calendar's holidays and the dates around them (Tết); none
    means every date is an ordinary one."""


class Stream(Model):
    """Tickets of one kind arriving as a Poisson process, time-varying through a profile."""

    id: Id
    """Id of the stream, reported in results."""
    rate: Real = Field(gt=0, le=1_000_000)
    """Mean arrivals per hour (before the profile's factors)."""
    profile: Id | None = None
    """The profile that shapes the rate over the week; none means constant."""
    attributes: FrozenMap[str, AttributeValue] = Field(default_factory=FrozenMap)
    """Attributes every ticket of the stream carries (``channel`` at least): the router's
    input."""
    mix: FrozenMap[str, FrozenMap[str, Weight]] = Field(default_factory=FrozenMap)
    """Attributes drawn per ticket with relative weights:
    ``{category: {question: 6, complaint: 1}}``."""
    draw: FrozenMap[str, NumberDistribution] = Field(default_factory=FrozenMap)
    """Number attributes drawn per ticket from a distribution:
    ``{order_value: {kind: lognormal, mean: 2000000, sd: 1500000}}``. A value outside the
    schema's ``minimum`` or ``maximum`` is taken as that bound, and an integer attribute's
    value is rounded to the nearest whole number (halves up). Routing rules and SLA policies
    see the drawn number; the simulation draws the region of values they tell apart (between
    the constants they compare the attribute with), with the probability the distribution
    puts there, which is the same law."""

    @model_validator(mode="after")
    def _disjoint(self) -> Stream:
        both = sorted(set(self.attributes) & set(self.mix))
        if both:
            raise refusal("stream_attributes", "value.stream.both", names=", ".join(both))
        for section, names in (("attributes", self.attributes), ("mix", self.mix)):
            drawn = sorted(set(names) & set(self.draw))
            if drawn:
                raise refusal(
                    "stream_attributes",
                    "value.stream.drawn-twice",
                    names=", ".join(drawn),
                    section=section,
                )
        for name, weights in self.mix.items():
            if not weights:
                raise refusal("stream_mix", "value.stream.mix-empty", name=name)
        return self


# -- work ------------------------------------------------------------------------------------


class ServiceTime(Model):
    """How long an agent of a unit works on one visit of a ticket, and the wrap-up after it.

    A ticket's handling time is the most specific entry for its unit, category and channel:
    the unit's entry for both its category and its channel, else for its channel, else for
    its category, else the unit's entry without either (:meth:`Workload.service_for`)."""

    unit: UnitRef
    """The unit whose agents do the work."""
    category: str | None = None
    """The ticket category this time is for; none means every category without its own."""
    channel: str | None = None
    """The channel this time is for (``chat``); none means every channel without its own."""
    time: Distribution
    """The distribution of handling times."""
    after_work: Distribution | None = None
    """After-contact work (wrap-up: notes, forms) after each visit: the agent stays busy for
    it, while the ticket is already answered and its visit over. It counts in the unit's
    utilisation and in the capacity check's load."""


class HolderBehaviour(Model):
    """What happens to a ticket after a visit at one holder, when no escalation trigger of
    the department fires first: resolved, escalated (the holder's ``manual`` step) or sent to
    a partner (the holder's first functional step) and handed back."""

    holder: HolderRef
    """The unit or external party."""
    resolve: Probability = 1.0
    """Probability that the visit resolves the ticket."""
    escalate: Probability = 0.0
    """Probability that the holder escalates it (fires its ``manual`` step)."""
    partner: Probability = 0.0
    """Probability that the holder sends it to a partner (its first functional step)."""
    turnaround: Distribution | None = None
    """For an external party (no agents simulated): how long it keeps the ticket; also how
    long a partner takes before it hands a ticket back."""

    @model_validator(mode="after")
    def _sums_to_one(self) -> HolderBehaviour:
        total = self.resolve + self.escalate + self.partner
        if abs(total - 1.0) > 1e-9:
            raise refusal("probabilities", "value.probabilities", total=round(total, 9))
        return self


class FollowUp(Model):
    """Step 5 of the care process: after resolution an agent of the resolving unit contacts
    the customer again, taking agent time."""

    probability: Probability
    """Share of resolved tickets that get a follow-up contact."""
    delay: SimDuration = datetime.timedelta(days=1)
    """How long after resolution the follow-up is due (it waits for an agent as usual)."""
    time: Distribution
    """How long the follow-up takes."""


class Reopen(Model):
    """A customer who reopens a resolved ticket: it goes back to the holder that resolved it."""

    probability: Probability
    """Share of resolutions that are reopened (each reopening may be reopened again)."""
    delay: Distribution
    """Time from resolution to the reopening."""


class SelfService(Model):
    """A self-service stage before the router: the chatbot on the chat channel, the IVR on
    the phone line, answering simple requests around the clock and handing the rest to an
    agent.

    An arriving ticket enters the first stage (in document order) whose ``when`` holds for
    its attributes, and at most that one. It spends a time drawn from ``time`` there, with no
    agent and whatever the calendars say (the stage is open 24/7). At the end of that time
    its customer has been answered, with the probability ``by_category`` gives its category
    (``containment`` for a category not listed): the ticket is *contained*, counted per stage
    and category and never offered to an agent. Otherwise it enters the router at that
    instant. A handed ticket's arrival stays the instant it arrived, so its waits, its SLA
    clocks and its time in the system count the time it spent in the stage; its patience
    (abandonment, ``patience``) counts from when it enters the queue, because that models the
    hold queue a customer leaves, not the menu or the bot.

    The stage is part of the department's channels, but which tickets a chatbot keeps and how
    long a caller spends in the IVR are behaviour measured in the helpdesk's data, like
    handling times and patience: the whole stage is written here, in the workload, so that a
    what-if can change a containment share without a second department, and one document
    says everything the stage does (a department declaring a stage whose shares live
    elsewhere could not be read alone)."""

    id: Id
    """Id of the stage, reported in results (``ivr``, ``chatbot``)."""
    name: LocalizedText | None = None
    """Display name, e.g. ``{vi: Tổng đài tự động, en: IVR}``."""
    when: Condition | None = None
    """The tickets that enter it, in the routing rules' condition language
    (``{channel: phone}``, ``{channel: chat, tier: {ne: vip}}``); omitted means every
    ticket."""
    time: Distribution
    """The time a customer spends in the stage, contained or handed on."""
    containment: Probability = 0.0
    """Share of the tickets entering it that it resolves (those of a category not in
    ``by_category``); ``0``: the stage only delays (an IVR menu)."""
    by_category: FrozenMap[str, Probability] = Field(default_factory=FrozenMap)
    """Share resolved per ticket category: ``{question: 0.4, complaint: 0}``."""

    def containment_of(self, category: str | None) -> float:
        """The share of ``category`` tickets (``None``: tickets without one) the stage
        resolves."""
        if category is None:
            return self.containment
        return self.by_category.get(category, self.containment)


class SlaCount(enum.StrEnum):
    """Which tickets an SLA attainment figure is counted over."""

    OFFERED = "offered"
    """Every ticket offered: met ÷ (answered + abandoned + still open past the target). The
    standard definition, and the default: a customer who gave up was not served in time."""
    SHORT_ABANDONS_EXCLUDED = "short_abandons_excluded"
    """As ``offered``, without the customers who gave up within ``short_abandon`` (a
    misdial, a caller who hung up at once)."""
    ANSWERED = "answered"
    """Answered tickets only (resolved ones for a resolution target); abandoned and open
    tickets are left out. Kind to an overloaded unit: read it beside the abandonment."""


class ServiceLevel(Model):
    """How the simulation counts SLA attainment (the definition is printed beside the
    figures)."""

    count: SlaCount = SlaCount.OFFERED
    """The tickets the figure is over: ``offered`` (default), ``short_abandons_excluded`` or
    ``answered``."""
    short_abandon: SimDuration = datetime.timedelta(seconds=5)
    """For ``short_abandons_excluded``: customers who gave up within this are left out."""


class Workload(Model):
    """The work a department faces, for ``cskh-org simulate``."""

    version: Literal[1] = 1
    """Format version of the document."""
    id: Id
    """Id of the workload, reported in results."""
    name: LocalizedText | None = None
    """Display name, e.g. ``{vi: Tuần cao điểm Tết, en: Tết peak week}``."""
    department: Id | None = None
    """The id of the department this workload is written for (checked when given)."""
    start: datetime.datetime
    """The simulated start, with its UTC offset (``2027-03-01T00:00:00+07:00``)."""
    profiles: tuple[Profile, ...] = ()
    """Weekly arrival profiles named by streams."""
    streams: tuple[Stream, ...] = Field(min_length=1)
    """Arrival streams."""
    service: tuple[ServiceTime, ...] = ()
    """Handling times by unit (and category); every staffed holder that receives tickets
    needs one."""
    patience: FrozenMap[str, Distribution] = Field(default_factory=FrozenMap)
    """How long customers wait for a first response, per channel, before they abandon; a
    channel not listed waits for ever."""
    holders: tuple[HolderBehaviour, ...] = ()
    """Outcome of a visit per holder; a holder not listed resolves every ticket."""
    follow_up: FollowUp | None = None
    """Follow-up contacts after resolution."""
    reopen: Reopen | None = None
    """Reopened tickets."""
    warmup: SimDuration = datetime.timedelta(0)
    """Time at the start whose arrivals are simulated but not counted."""
    service_level: ServiceLevel = Field(default_factory=ServiceLevel)
    """How SLA attainment is counted: over every ticket offered by default."""
    self_service: tuple[SelfService, ...] = ()
    """Self-service stages (chatbot, IVR) that tickets pass before the router: each ticket
    enters the first whose ``when`` holds, if any (none: every ticket goes straight to the
    router)."""

    @cached_property
    def _service_index(self) -> Mapping[str, Mapping[tuple[str | None, str | None], ServiceTime]]:
        index: dict[str, dict[tuple[str | None, str | None], ServiceTime]] = {}
        for entry in self.service:
            index.setdefault(entry.unit, {})[entry.category, entry.channel] = entry
        frozen: dict[str, Mapping[tuple[str | None, str | None], ServiceTime]] = {
            unit: FrozenMap(entries) for unit, entries in index.items()
        }
        return FrozenMap(frozen)

    @cached_property
    def _service_entries(self) -> Mapping[str, tuple[ServiceTime, ...]]:
        entries: dict[str, list[ServiceTime]] = {}
        for entry in self.service:
            entries.setdefault(entry.unit, []).append(entry)
        return FrozenMap({unit: tuple(listed) for unit, listed in entries.items()})

    def services_of(self, unit: str) -> tuple[ServiceTime, ...]:
        """Every ``service`` entry of ``unit``, in document order (one lookup, where a scan of
        the service list for each of a national department's 5,000 units took 25 million
        steps)."""
        return self._service_entries.get(unit, ())

    def service_for(
        self, unit: str, category: str | None, channel: str | None
    ) -> ServiceTime | None:
        """The service entry of a visit at ``unit`` of a ticket of ``category`` on
        ``channel`` (``None``: the ticket has none): the most specific of the unit's entries
        for both, for the channel, for the category, for neither (``None``: no entry fits).
        The simulation and the workload and capacity checks all look it up here."""
        entries = self._service_index.get(unit)
        if not entries:
            return None
        for key in ((category, channel), (None, channel), (category, None), (None, None)):
            found = entries.get(key)
            if found is not None:
                return found
        return None

    @model_validator(mode="after")
    def _aware(self) -> Workload:
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise refusal("naive_start", "value.start-offset")
        return self
