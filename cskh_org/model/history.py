"""A history mapping: where a helpdesk export keeps each field of a past ticket, and how its
values read in the department's own words.

A mapping is a small YAML document (``cskh-org history import EXPORT --mapping FILE``)::

    format: csv                      # or jsonl: one JSON object per line
    timezone: Asia/Ho_Chi_Minh       # for times written without an offset
    columns:
      id: Ticket ID
      created: Created time
      first_reply: {column: First response time (in hrs), unit: hours}
      solved: Resolved time
      channel: Source
      team: Group
    values:
      channel: {Email: email, Phone: phone, Chat: chat, Portal: self_service}
      team: {Billing: accounts, Returns: returns}

A column is a CSV header (exactly as written in the export's first line) or, in JSON lines, a
dotted path (``via.channel``). ``created`` is the only column every mapping needs. The times
are timestamps (ISO 8601 unless ``time_format`` says otherwise) or, with ``unit``, durations
after ``created``. ``values`` translates what the export writes into the values of the
department's ticket schema (channels, categories, priorities, tiers), its unit ids (teams) or
numbers (satisfaction); a value translated to ``""`` counts as not given. ``extends: zendesk``
(or ``freshdesk``) starts from a ready mapping and changes only what the file says.

The imported tickets are :class:`PastTicket` records: plain values, times in UTC.
"""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema, model_validator

from cskh_org.findings import refusal
from cskh_org.model.base import Model, TimeZoneName
from cskh_org.model.frozen import FrozenMap

__all__ = [
    "READY_MAPPINGS",
    "TIME_FIELDS",
    "ColumnSpec",
    "Columns",
    "HistoryMapping",
    "PastTicket",
    "TimeUnit",
    "ValueMaps",
]

READY_MAPPINGS = ("canonical", "zendesk", "freshdesk")
"""The mappings that ship with the library (``--mapping zendesk``, ``extends: freshdesk``;
``canonical``: the CSV ``cskh-org history import`` writes)."""

TimeUnit = Literal["timestamp", "seconds", "minutes", "hours"]
TIME_FIELDS = ("first_reply", "solved", "abandoned")
"""The fields that are a time after ``created``: a timestamp, or a duration with ``unit``."""

ColumnName = Annotated[str, Field(min_length=1, max_length=200)]
"""A CSV header or a dotted JSON path."""

MappedValue = Annotated[str, Field(max_length=200)]


class ColumnSpec(Model):
    """A column with how to read it."""

    column: ColumnName
    """The CSV header, or the dotted path in a JSON line."""
    unit: TimeUnit = "timestamp"
    """For ``first_reply``, ``solved`` and ``abandoned``: a timestamp, or a duration after
    ``created`` in these units (Freshdesk's "First response time (in hrs)"); for ``handling``
    the unit of its duration."""


Column = ColumnName | ColumnSpec


class Columns(Model):
    """Where each field of a past ticket is (every field but ``created`` may be left out)."""

    id: Column | None = None
    """The ticket's id in the helpdesk (two rows with one id: the second is refused)."""
    created: Column | None = None
    """When the ticket arrived (required, here or in the ready mapping ``extends`` names)."""
    first_reply: Column | None = None
    """When an agent first replied (or how long after ``created``)."""
    solved: Column | None = None
    """When it was solved (or how long after ``created``)."""
    channel: Column | None = None
    category: Column | None = None
    priority: Column | None = None
    tier: Column | None = None
    team: Column | None = None
    """The group or team that held it: a unit id, after ``values.team``."""
    agent: Column | None = None
    reopened: Column | None = None
    """Times it was reopened (a count), or yes/no."""
    satisfaction: Column | None = None
    """The customer's rating: a number, after ``values.satisfaction``."""
    abandoned: Column | None = None
    """When the customer gave up before an agent answered (or how long after ``created``);
    empty for a contact that was answered."""
    handling: ColumnSpec | None = None
    """The agents' working time on the ticket, a duration (``{column: Time tracked, unit:
    minutes}``)."""
    groups: Column | None = None
    """How many groups or teams held the ticket (Zendesk's ``metric_set.group_stations``):
    1 when the first one solved it, each handoff one more."""
    path: Column | None = None
    """The groups that held the ticket, in order, separated by ``>`` (``Support > Returns``;
    in JSON lines also a list), each read as ``team`` is: the last one is the ticket's
    ``team`` and their number its ``groups`` where those columns are not mapped."""

    @model_validator(mode="after")
    def _durations_only_for_times(self) -> Columns:
        for name in Columns.model_fields:
            spec = getattr(self, name)
            if (
                isinstance(spec, ColumnSpec)
                and spec.unit != "timestamp"
                and name not in TIME_FIELDS
                and name != "handling"
            ):
                raise refusal("history_unit", "value.history.unit", field=name)
        if self.handling is not None and self.handling.unit == "timestamp":
            raise refusal("history_unit", "value.history.handling", field="handling")
        return self


ValueMap = FrozenMap[Annotated[str, Field(max_length=200)], MappedValue]


class ValueMaps(Model):
    """How the export's values read in the department's words."""

    channel: ValueMap = Field(default_factory=FrozenMap)
    category: ValueMap = Field(default_factory=FrozenMap)
    priority: ValueMap = Field(default_factory=FrozenMap)
    tier: ValueMap = Field(default_factory=FrozenMap)
    team: ValueMap = Field(default_factory=FrozenMap)
    """Group or team → unit id (Zendesk's numeric ``group_id`` → ``support_l1``)."""
    satisfaction: ValueMap = Field(default_factory=FrozenMap)
    """Rating text → a number (``good: "1"``, ``bad: "0"``, ``offered: ""``)."""


def _check_encoding(value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise refusal("encoding", "value.history.encoding", value=value[:40]) from None
    sample = "\r\n,;\t|\"'x0"
    try:
        kept = sample.encode(value).removeprefix(codecs.BOM_UTF8) == sample.encode("ascii")
    except (UnicodeError, LookupError):
        kept = False
    if not kept:  # UTF-16 and the like: lines cannot be read one at a time
        raise refusal("encoding", "value.history.ascii", value=value[:40])
    return value


Encoding = Annotated[
    str,
    Field(min_length=1, max_length=40),
    AfterValidator(_check_encoding),
    WithJsonSchema({"type": "string", "examples": ["utf-8-sig", "utf-8", "cp1258"]}),
]


def _check_format(value: str) -> str:
    stamp = dt.datetime(2024, 2, 9, 13, 5, 7)
    try:
        written = stamp.strftime(value)
        if dt.datetime.strptime(written, value).date() != stamp.date():
            raise ValueError(value)  # no year, month and day: the times cannot be placed
    except ValueError:
        raise refusal("time_format", "value.history.time-format", value=value[:80]) from None
    return value


TimeFormat = Annotated[
    str,
    Field(min_length=2, max_length=80),
    AfterValidator(_check_format),
    WithJsonSchema({"type": "string", "examples": ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S"]}),
]


class HistoryMapping(Model):
    """Where a helpdesk export keeps each field of a past ticket (see the module)."""

    extends: Literal["canonical", "zendesk", "freshdesk"] | None = None
    """A ready mapping this one starts from; its own keys replace the ready one's (``columns``
    and ``values`` key by key)."""
    format: Literal["csv", "jsonl"] | None = None
    """``csv`` (a header line, then one ticket per row) or ``jsonl`` (one JSON object per
    line); required unless ``extends`` gives it."""
    delimiter: Annotated[str, Field(min_length=1, max_length=1)] = ","
    """The CSV field separator (``;`` in exports made for some locales)."""
    encoding: Encoding = "utf-8-sig"
    """The file's text encoding (``utf-8-sig`` reads UTF-8 with or without a byte-order mark)."""
    timezone: TimeZoneName | None = None
    """The zone of times written without an offset (default: the department's)."""
    time_format: TimeFormat | None = None
    """A ``strptime`` format for the times (default: ISO 8601, ``2024-02-09T13:05:07+07:00``,
    ``2024-02-09 13:05``)."""
    columns: Columns = Field(default_factory=Columns)
    """Where each field is (``created`` at least, unless ``extends`` gives it)."""
    values: ValueMaps = Field(default_factory=ValueMaps)

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"not": {"required": ["extends"]}},
            "then": {
                "required": ["format", "columns"],
                "properties": {"columns": {"required": ["created"]}},
            },
        }
    )

    @model_validator(mode="after")
    def _complete(self) -> HistoryMapping:
        # a mapping that `extends` a ready one is checked after the two are merged
        if self.format is None or self.columns.created is None:
            raise refusal("history_mapping", "value.history.incomplete")
        return self


@dataclass(frozen=True, slots=True)
class PastTicket:
    """One imported ticket: times in UTC, values in the department's words."""

    line: int
    """The line of the export it was read from."""
    id: str | None
    created: dt.datetime
    first_reply: dt.datetime | None = None
    solved: dt.datetime | None = None
    channel: str | None = None
    category: str | None = None
    priority: str | None = None
    tier: str | None = None
    unit: str | None = None
    agent: str | None = None
    reopened: int | None = None
    """Times it was reopened (``None``: the export does not say)."""
    satisfaction: float | None = None
    abandoned: dt.datetime | None = None
    """When the customer gave up unanswered (``None``: not given up)."""
    handling: float | None = None
    """The agents' working time on it, seconds."""
    groups: int | None = None
    """How many groups held it (``None``: the export does not say)."""
    path: tuple[str, ...] | None = None
    """The units that held it, in order (``None``: the export does not say)."""
