"""Service-level policies: response and resolution targets chosen by conditions on the ticket.

Policies are tried in order, like routing rules: the first whose condition holds gives the
ticket its targets; ``default`` applies otherwise, so every ticket has an SLA. Each target is
measured in business time on a named calendar (the clock runs only while it is open) or in
calendar time (the clock always runs); either way it pauses while the ticket waits on the
customer.

A target is a duration (``4h``, ``1h30m``, ``2d``: a day is 24 hours) or a number of
business days of its calendar (``1bd``, ``3bd``: :class:`BusinessDays`, one opening day
whatever its length), which only a business clock can count.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    GetPydanticSchema,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from cskh_org.findings import refusal
from cskh_org.model.base import (
    Id,
    Integer,
    LocalizedText,
    Model,
    Ref,
    at_most_pattern,
    shorthand_json_schema,
)
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.routing import Condition

__all__ = [
    "BUSINESS_DAYS_PATTERN",
    "MAX_BUSINESS_DAYS",
    "MAX_TARGET",
    "TARGET_PATTERN",
    "BusinessDays",
    "Clock",
    "Duration",
    "Sla",
    "SlaPolicy",
    "SlaTarget",
    "SlaTargets",
    "TargetLength",
    "TargetName",
    "Within",
    "WrittenInDays",
    "format_duration",
    "format_target",
    "parse_duration",
    "parse_target",
]

CalendarRef = Annotated[Id, Ref("calendar")]

_DURATION = re.compile(r"^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\Z", re.ASCII)
_SPACE = " \t\n\r\f\v"  # what ``\s`` matches in ASCII mode, and nothing else
_MAX_DIGITS = 9
"""Digits one part of a duration may have (checked before the text becomes a number)."""
MAX_TARGET = datetime.timedelta(days=365)
"""The longest SLA target: a year, of business time on a business clock. Longer is a typo (a
missing unit), and would make every deadline a walk over years of calendar days."""
MAX_TARGET_MINUTES = MAX_TARGET // datetime.timedelta(minutes=1)
MAX_TARGET_SECONDS = MAX_TARGET // datetime.timedelta(seconds=1)


def _part(unit: str, most: int) -> str:
    # at most _MAX_DIGITS digits (leading zeros too), of a value of at most `most`
    return rf"((?=[0-9]{{1,{_MAX_DIGITS}}}{unit})0*{at_most_pattern(most)}{unit})?"


_GAP = r"[ \t\n\r\f\v]*"
DURATION_PATTERN = (
    rf"^{_GAP}(?=[^1-9]*[1-9])"  # not zero, hence not empty
    + _GAP.join(
        [
            _part("d", MAX_TARGET.days),
            _part("h", MAX_TARGET_MINUTES // 60),
            _part("m", MAX_TARGET_MINUTES),
            _part("s", MAX_TARGET_SECONDS),
        ]
    )
    + rf"{_GAP}$"
)
"""The JSON Schema pattern of the texts :func:`parse_duration` accepts: each part at most a
year on its own (``365d``, ``8760h``, ``525600m``, ``31536000s``). The year bound on the parts' sum
(``365d 1h`` is refused) is the loader's: a pattern cannot add."""


class WrittenInDays(datetime.timedelta):
    """A duration written with a day unit (``1d``, ``2d4h``): the same length as any other
    (a day is 24 hours), kept apart so that a business clock can say that ``1d`` there is 24
    opening hours, not one business day, and so that it is written back in days."""

    __slots__ = ()


def parse_duration(value: object) -> object:
    """``"4h"``, ``"1h30m"``, ``"45m"``, ``"20s"``, ``"2d"`` (24-hour days) →
    :class:`datetime.timedelta`."""
    if isinstance(value, bool):  # before the numbers: `true` is an int too
        raise refusal("duration", "value.duration.form", value="true" if value else "false")
    if isinstance(value, int | float | Decimal):  # a number with a fraction is a Decimal
        raise refusal("duration", "value.duration.no-unit", value=value)
    if not isinstance(value, str):
        return value
    m = _DURATION.match(value.strip(_SPACE))
    if not m or not any(m.groups()):
        raise refusal("duration", "value.duration.form", value=value)
    if any(len(g) > _MAX_DIGITS for g in m.groups() if g):
        raise _too_long(value)
    days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    if total > MAX_TARGET_SECONDS:
        raise _too_long(value)
    if not total:
        raise refusal("duration", "value.duration.zero")
    return WrittenInDays(seconds=total) if days else datetime.timedelta(seconds=total)


def _too_long(value: str) -> PydanticCustomError:
    return refusal(
        "duration",
        "value.duration.too-long",
        value=value.strip()[:40],
        limit=format_duration(MAX_TARGET),
    )


def format_duration(value: datetime.timedelta, *, days: bool = True) -> str:
    """The inverse of :func:`parse_duration`: ``timedelta(hours=28)`` → ``"1d4h"``,
    ``timedelta(seconds=90)`` → ``"1m30s"`` (whole seconds; a fraction is dropped); with
    ``days=False`` whole days are hours (``"28h"``)."""
    total = int(value.total_seconds())
    minutes, secs = divmod(total, 60)
    whole_days, rest = divmod(minutes, 24 * 60) if days else (0, minutes)
    hours, mins = divmod(rest, 60)
    text = (f"{whole_days}d" if whole_days else "") + (f"{hours}h" if hours else "")
    text += f"{mins}m" if mins else ""
    return text + (f"{secs}s" if secs else "" if text else "0m")


Duration = Annotated[
    datetime.timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(
        lambda value: format_duration(value, days=isinstance(value, WrittenInDays)),
        return_type=str,
    ),
    WithJsonSchema(
        {"type": "string", "pattern": DURATION_PATTERN, "examples": ["4h", "1h30m", "20s"]}
    ),
]
"""A length of time written ``20s``, ``30m``, ``4h``, ``1h30m`` or ``2d`` (a day is 24 hours:
on a business clock, 24 opening hours)."""

MAX_BUSINESS_DAYS = 366
"""The most business days a target may count (``366bd``): about a year and a half of office
days; more is a typo."""

_BUSINESS_DAYS = re.compile(r"^([0-9]+)bd\Z", re.ASCII)
_WITH_BUSINESS_DAYS = re.compile(
    r"^(?:[0-9]+(?:bd|d|h|m|s)[ \t\n\r\f\v]*)*[0-9]+bd(?:[ \t\n\r\f\v]*[0-9]+(?:bd|d|h|m|s))*\Z",
    re.ASCII,
)
"""A duration with a business-day part among other parts (``1bd2h``, ``4h 1bd``)."""

BUSINESS_DAYS_PATTERN = (
    rf"^{_GAP}(?=[0-9]{{1,{_MAX_DIGITS}}}bd)(?=0*[1-9])0*"  # at most 9 digits, not zero
    + at_most_pattern(MAX_BUSINESS_DAYS)
    + rf"bd{_GAP}$"
)
"""The JSON Schema pattern of a number of business days: ``1bd`` to ``366bd``, alone."""

TARGET_PATTERN = f"(?:{DURATION_PATTERN})|(?:{BUSINESS_DAYS_PATTERN})"
"""The JSON Schema pattern of the texts :func:`parse_target` accepts: a duration
(:data:`DURATION_PATTERN`) or a number of business days (:data:`BUSINESS_DAYS_PATTERN`)."""


@dataclass(frozen=True, slots=True)
class BusinessDays:
    """A target of ``days`` business days of its calendar (``1bd``, ``3bd``): one opening day
    whatever its length, not a fixed amount of time, so it is not a
    :class:`datetime.timedelta` (each engine decides what it means, and a type checker finds
    every place that has to).

    **What it means.** N business days from an instant ``t``, on the target's calendar, end at
    the same *position in its opening day*, N opening days later. An *opening day* is a local
    date on which the calendar opens at all: holidays and public holidays are skipped, a short
    override day counts as one day.

    * When ``t`` is inside an opening day (after its first opening and before its last
      close), at business offset ``x`` from that first opening, the deadline is at business
      offset ``x`` into the N-th following opening day, or at the close of that day when it
      is shorter than ``x``. A lunch break counts as inside: ``x`` is the business time before
      it.
    * When ``t`` falls while closed (a closed date, before the day's first opening or after
      its last close), counting starts at the next opening, whose day is the first: the
      deadline is the close of the N-th opening day (``t`` at an opening is that opening).

    On a Monday to Friday 08:00-17:00 calendar, ``1bd`` from Friday 16:00 is Monday 16:00,
    from Saturday (or Monday 07:00) Monday 17:00; Tết holidays are skipped like weekends.

    **Pauses.** While the ticket waits on the customer the clock stops as for any
    business-clock target: the target's length is the business time from the instant its
    clock starts (the opening; each customer reply for a next response) to that deadline,
    and pauses push the deadline by the business time they take.

    A calendar clock cannot count business days: the check ``sla-business-days`` reports a
    ``bd`` target on ``clock: calendar`` (write ``1d`` for 24 hours, or use the business
    clock).
    """

    days: int
    """How many opening days, 1 to :data:`MAX_BUSINESS_DAYS`."""

    def __str__(self) -> str:
        return f"{self.days}bd"


TargetLength = datetime.timedelta | BusinessDays
"""What a target's ``within`` holds: a duration, or a number of business days."""


def parse_target(value: object) -> object:
    """``"3bd"`` → :class:`BusinessDays`; any other text as :func:`parse_duration` reads it.
    Business days stand alone (``1bd2h`` is refused), from 1 to :data:`MAX_BUSINESS_DAYS`."""
    if not isinstance(value, str):
        return parse_duration(value)
    text = value.strip(_SPACE)
    m = _BUSINESS_DAYS.match(text)
    if m is None:
        if _WITH_BUSINESS_DAYS.match(text):
            raise refusal("duration", "value.business-days.alone", value=text[:40])
        if "bd" in text:
            raise refusal(
                "duration", "value.business-days.form", value=text[:40], most=MAX_BUSINESS_DAYS
            )
        return parse_duration(value)
    digits = m.group(1)
    if len(digits) > _MAX_DIGITS:
        raise refusal(
            "duration", "value.business-days.form", value=text[:40], most=MAX_BUSINESS_DAYS
        )
    if int(digits) > MAX_BUSINESS_DAYS:
        raise refusal(
            "duration", "value.business-days.too-many", value=text[:40], most=MAX_BUSINESS_DAYS
        )
    if not int(digits):
        raise refusal("duration", "value.business-days.zero")
    return BusinessDays(int(digits))


def format_target(value: TargetLength) -> str:
    """The inverse of :func:`parse_target`: ``BusinessDays(3)`` → ``"3bd"``, a duration as
    :func:`format_duration` writes it (in days when it was written in days)."""
    if isinstance(value, BusinessDays):
        return str(value)
    return format_duration(value, days=isinstance(value, WrittenInDays))


def _check_target(value: object, handler: core_schema.ValidatorFunctionWrapHandler) -> object:
    found = parse_target(value)
    return found if isinstance(found, BusinessDays) else handler(found)


def _target_core_schema(source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
    # a duration is validated as a timedelta (pydantic's own errors); business days only
    # come from text or as themselves, never from a mapping
    return core_schema.no_info_wrap_validator_function(
        _check_target,
        handler(datetime.timedelta),
        serialization=core_schema.plain_serializer_function_ser_schema(
            format_target, return_schema=core_schema.str_schema()
        ),
    )


Within = Annotated[
    TargetLength,
    GetPydanticSchema(_target_core_schema),
    WithJsonSchema(
        {"type": "string", "pattern": TARGET_PATTERN, "examples": ["4h", "1h30m", "1bd"]}
    ),
]
"""An SLA target's length: a :data:`Duration` or business days (``1bd``; see
:class:`BusinessDays`)."""


class Clock(enum.StrEnum):
    """How a target's time is counted."""

    BUSINESS = "business"
    """Only while the calendar is open (``4h`` on office hours may span two days)."""
    CALENDAR = "calendar"
    """Around the clock, nights and holidays included."""


class TargetName(enum.StrEnum):
    """The three targets a policy may set."""

    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"


def _target_from_text(value: object) -> object:
    return {"within": value} if isinstance(value, str) else value


class SlaTarget(Model):
    """One promise: respond or resolve within a time, counted on a clock and a calendar."""

    within: Within
    """How long: ``4h``, ``30m``, ``2d`` (48 hours), or business days of the calendar:
    ``1bd``, ``3bd`` (N opening days later, at the same point of the day)."""
    clock: Clock = Clock.BUSINESS
    """``business`` counts only opening hours of the calendar; ``calendar`` counts all time."""
    calendar: CalendarRef | None = None
    """The calendar of a business clock; defaults to the policy's, then the section's."""
    warn_at: Integer = Field(default=80, ge=1, le=99)
    """Percent of the target at which a warning is due (escalations may trigger on it)."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        return _target_from_text(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        short = {
            "type": "string",
            "pattern": TARGET_PATTERN,
            "description": "How long: short for `{within: 4h}`.",
            "examples": ["4h", "30m", "1bd"],
        }
        return shorthand_json_schema(short, core_schema, handler)


class SlaTargets(Model):
    """The targets of one policy; a missing target is not promised."""

    first_response: SlaTarget | None = None
    """Time to the first reply to the customer (step 3 of the care process)."""
    next_response: SlaTarget | None = None
    """Time to each later reply after the customer writes again."""
    resolution: SlaTarget | None = None
    """Time to resolve, the customer's waiting time excluded."""
    calendar: CalendarRef | None = None
    """Calendar of the business-clock targets that name none."""

    def targets(self) -> Mapping[TargetName, SlaTarget]:
        """The targets set, by name, in process order."""
        found = {name: getattr(self, name.value) for name in TargetName}
        return FrozenMap({name: t for name, t in found.items() if t is not None})


class SlaPolicy(SlaTargets):
    """Targets for the tickets a condition selects (first matching policy wins)."""

    id: Id
    """Id of the policy, reported with every deadline."""
    description: LocalizedText | None = None
    """What the policy promises and to whom."""
    when: Condition | None = None
    """Which tickets (the routing condition language); omitted means every ticket."""


class Sla(Model):
    """Service-level policies, tried in order; ``default`` covers every other ticket."""

    calendar: CalendarRef | None = None
    """Calendar of business-clock targets that name none (nor does their policy)."""
    policies: tuple[SlaPolicy, ...] = ()
    """Policies in evaluation order: the first whose condition holds applies."""
    default: SlaTargets
    """Targets of a ticket no policy selects; mandatory, so every ticket has an SLA."""
    waiting_statuses: tuple[Id, ...] = ("waiting_on_customer",)
    """Ticket statuses during which the clocks pause (the ball is in the customer's court)."""
