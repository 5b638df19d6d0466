"""Service-level policies: response and resolution targets chosen by conditions on the ticket.

Policies are tried in order, like routing rules: the first whose condition holds gives the
ticket its targets; ``default`` applies otherwise, so every ticket has an SLA. Each target is
measured in business time on a named calendar (the clock runs only while it is open) or in
calendar time (the clock always runs); either way it pauses while the ticket waits on the
customer.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated

from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

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
    "MAX_TARGET",
    "Clock",
    "Duration",
    "Sla",
    "SlaPolicy",
    "SlaTarget",
    "SlaTargets",
    "TargetName",
    "WrittenInDays",
    "format_duration",
    "parse_duration",
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

    within: Duration
    """How long: ``4h``, ``30m``, ``2d``."""
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
            "pattern": DURATION_PATTERN,
            "description": "How long: short for `{within: 4h}`.",
            "examples": ["4h", "30m"],
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
