"""Checks of a ticket history import: the mapping against the department, then each row.

:func:`check_mapping` says what a mapping asks that the department cannot give (an attribute
its ticket schema lacks, a translation into a value the schema does not have).
:class:`RowRules` turns one row's raw texts, field by field, into a
:class:`~cskh_org.model.history.PastTicket`, or says every problem of the row: a time that
does not read, a value outside the ticket schema (with a did-you-mean), a team that is no unit,
a number that is none. Reading the file and placing the problems at their ``file:line:col`` is
the loader's (:mod:`cskh_org.loading.history`).

The codes and severities are :data:`HISTORY_CODES`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo

from cskh_org.findings import NOTHING, Issue, Said, Severity, both, did_you_mean
from cskh_org.model import Department
from cskh_org.model.history import TIME_FIELDS, Columns, ColumnSpec, HistoryMapping, PastTicket

__all__ = [
    "FIELDS",
    "HISTORY_CODES",
    "HistoryCode",
    "Problem",
    "RowRules",
    "check_mapping",
]

FIELDS: Final = tuple(Columns.model_fields)
"""The fields of a past ticket, in the order a row's raw texts are given."""

SCHEMA_FIELDS: Final = ("channel", "category", "priority", "tier")
"""The fields whose values are the ticket schema's (enum attributes of the same name)."""

_TIMES: Final = TIME_FIELDS
_UNIT_SECONDS: Final = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}
_MAX_SECONDS: Final = 10 * 366 * 86_400.0
"""The longest duration a time column may give (ten years): beyond it, a misread unit."""
_YES: Final = frozenset({"true", "yes", "y", "x", "có"})
_NO: Final = frozenset({"false", "no", "n", "không"})
_UTC: Final = dt.UTC

E, INFO = Severity.ERROR, Severity.INFO


class HistoryCode(NamedTuple):
    """A history finding code: its severity and what it means."""

    severity: Severity
    meaning: str


HISTORY_CODES: dict[str, HistoryCode] = {
    "history-mapping-attribute": HistoryCode(
        E, "The mapping reads a field the department's ticket schema has no enum attribute for."
    ),
    "history-mapping-value": HistoryCode(
        E,
        "The mapping translates an export value into a value the ticket schema (or, for "
        "`team`, the department's units) does not have.",
    ),
    "history-missing-column": HistoryCode(
        E, "A column the mapping names is not in the export's header (CSV)."
    ),
    "history-bad-line": HistoryCode(
        E, "A line that is no JSON object (JSON lines), or that the CSV reader cannot read."
    ),
    "history-short-row": HistoryCode(
        E, "A CSV row with more or fewer fields than the header; the row is not imported."
    ),
    "history-missing-value": HistoryCode(
        E, "A row without its creation time (or, with `id` mapped, its id): not imported."
    ),
    "history-bad-time": HistoryCode(
        E, "A time or duration that does not read, or a reply or solution before the creation."
    ),
    "history-unknown-value": HistoryCode(
        E, "A channel, category, priority or tier outside the department's ticket schema."
    ),
    "history-unknown-unit": HistoryCode(
        E, "A team that is no unit of the department (after the mapping's `values.team`)."
    ),
    "history-bad-number": HistoryCode(
        E, "A reopen count or a satisfaction rating that is not a number."
    ),
    "history-bad-path": HistoryCode(E, "A path of groups that is neither `A > B` nor a list."),
    "history-duplicate-id": HistoryCode(
        E, "A ticket id already imported from an earlier row: the later row is not imported."
    ),
    "history-more": HistoryCode(
        INFO, "More rows had the same problem than are listed one by one; they are counted."
    ),
}


class Problem(NamedTuple):
    """One problem of a row: its code, the field it is in and what to do."""

    code: str
    field: str
    words: Said


def check_mapping(mapping: HistoryMapping, dept: Department) -> list[Issue]:
    """What the mapping asks that the department cannot give, at the mapping's paths."""
    issues: list[Issue] = []
    schema = dept.ticket_schema
    for name in SCHEMA_FIELDS:
        known = schema.enum_values(name)
        if getattr(mapping.columns, name) is not None and not known:
            issues.append(
                Issue.said(
                    "history-mapping-attribute",
                    ("columns", name),
                    attribute=name,
                    known=", ".join(sorted(schema.attributes)) or "-",
                )
            )
            continue
        for written, value in getattr(mapping.values, name).items():
            if value and value not in known:
                issues.append(_mapping_value(name, written, value, known))
    units = dept.units_by_id
    for written, value in mapping.values.team.items():
        if value and value not in units:
            issues.append(_mapping_value("team", written, value, units))
    for written, value in mapping.values.satisfaction.items():
        if value and _number(value) is None:
            issues.append(
                Issue.said(
                    "history-mapping-value",
                    ("values", "satisfaction", written),
                    "history-mapping-value.number",
                    written=written,
                    value=value,
                )
            )
    return issues


def _mapping_value(
    name: str, written: str, value: str, known: Sequence[str] | Mapping[str, object]
) -> Issue:
    return Issue.said(
        "history-mapping-value",
        ("values", name, written),
        field=name,
        written=written,
        value=value,
        hint=did_you_mean(value, known) or NOTHING,
    )


class RowRules:
    """A mapping and a department compiled into one function per field: raw text → value."""

    def __init__(self, mapping: HistoryMapping, dept: Department) -> None:
        self.zone = ZoneInfo(mapping.timezone or dept.timezone)
        self.time_format = mapping.time_format
        self.columns = mapping.columns
        self.values = mapping.values
        schema = dept.ticket_schema
        self.known: dict[str, frozenset[str]] = {
            name: frozenset(schema.enum_values(name)) for name in SCHEMA_FIELDS
        }
        self.units = frozenset(dept.units_by_id)
        self.durations = {
            name: _UNIT_SECONDS[spec.unit]
            for name in _TIMES
            if isinstance(spec := getattr(mapping.columns, name), ColumnSpec)
            and spec.unit != "timestamp"
        }
        handling = mapping.columns.handling
        self.handling_unit = _UNIT_SECONDS.get(handling.unit, 1.0) if handling else 1.0
        self._translate: dict[str, dict[str, str]] = {  # plain dicts: looked up per row
            name: dict(getattr(mapping.values, name)) for name in (*SCHEMA_FIELDS, "team")
        }
        self._ratings = dict(mapping.values.satisfaction)
        self._values = {
            name: _Cached(self._value if name != "team" else self._unit, name)
            for name in (*SCHEMA_FIELDS, "team")
        }

    def ticket(self, line: int, raw: Sequence[str | None]) -> PastTicket | list[Problem]:
        """The ticket of one row (``raw``: each field's text in :data:`FIELDS` order,
        ``None`` where the mapping has no column for it), or every problem it has."""
        problems: list[Problem] = []
        (
            ident,
            created_text,
            reply_text,
            solved_text,
            channel,
            category,
            priority,
            tier,
            team,
            agent,
            reopened_text,
            rating_text,
            abandoned_text,
            handling_text,
            groups_text,
            path_text,
        ) = raw
        if ident is not None:
            ident = ident.strip()
            if not ident:
                problems.append(Problem("history-missing-value", "id", both("history.no-id")))
        created = None
        if created_text is None or not (created_text := created_text.strip()):
            problems.append(Problem("history-missing-value", "created", both("history.no-created")))
        else:
            created = self._time(created_text, "created", problems)
        reply = self._after(created, reply_text, "first_reply", problems) if reply_text else None
        solved = self._after(created, solved_text, "solved", problems) if solved_text else None
        values = self._values
        channel = values["channel"](channel, problems) if channel else None
        category = values["category"](category, problems) if category else None
        priority = values["priority"](priority, problems) if priority else None
        tier = values["tier"](tier, problems) if tier else None
        unit = values["team"](team, problems) if team else None
        if agent is not None:
            agent = agent.strip()
        reopened = self._reopened(reopened_text, problems)
        rating = self._rating(rating_text, problems)
        gave_up = (
            self._after(created, abandoned_text, "abandoned", problems) if abandoned_text else None
        )
        handling = self._handling(handling_text, problems) if handling_text else None
        groups = self._count("groups", groups_text, problems, least=1)
        path = self._path(path_text, problems) if path_text else None
        if path:
            unit = unit if team else path[-1]
            groups = groups if groups_text else len(path)
        if problems or created is None:
            return problems
        return PastTicket(
            line,
            ident or None,
            created,
            reply,
            solved,
            channel,
            category,
            priority,
            tier,
            unit,
            agent or None,
            reopened,
            rating,
            gave_up,
            handling,
            groups,
            path or None,
        )

    def _path(self, text: str, problems: list[Problem]) -> tuple[str, ...]:
        """The units of a path (``A > B``, or a JSON list as the loader writes it out)."""
        text = text.strip()
        if text.startswith("["):
            try:
                items = json.loads(text)
            except (ValueError, RecursionError):
                items = None
            if not isinstance(items, list) or not all(isinstance(i, str | int) for i in items):
                words = both("history.bad-path", value=_shown(text))
                problems.append(Problem("history-bad-path", "path", words))
                return ()
            parts = [str(i) for i in items]
        else:
            parts = text.split(">")
        units = []
        for part in parts[:100]:
            if part.strip():
                found = self._values["team"](part, problems)
                if found is not None:
                    units.append(found)
        return tuple(units)

    def _count(
        self, name: str, text: str | None, problems: list[Problem], *, least: int = 0
    ) -> int | None:
        """A whole number of at least ``least`` (``None`` when not given)."""
        if text is None or not (text := text.strip()):
            return None
        count = _number(text)
        if count is None or count < least or count != int(count) or count > 1_000_000:
            words = both("history.bad-count", field=name, value=_shown(text), least=least)
            problems.append(Problem("history-bad-number", name, words))
            return None
        return int(count)

    def _handling(self, text: str, problems: list[Problem]) -> float | None:
        seconds = _number(text)
        if seconds is not None:
            seconds *= self.handling_unit
        if seconds is None or not 0 <= seconds <= _MAX_SECONDS:
            words = both("history.bad-duration", field="handling", value=_shown(text.strip()))
            problems.append(Problem("history-bad-time", "handling", words))
            return None
        return seconds

    def _time(self, text: str, name: str, problems: list[Problem]) -> dt.datetime | None:
        text = text.strip()
        try:
            if self.time_format is None:
                stamp = dt.datetime.fromisoformat(text)
            else:
                stamp = dt.datetime.strptime(text, self.time_format)
        except ValueError:
            expected = self.time_format or "ISO 8601 (2024-02-09T13:05:07+07:00)"
            problems.append(
                Problem(
                    "history-bad-time",
                    name,
                    both("history.bad-time", field=name, value=_shown(text), expected=expected),
                )
            )
            return None
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=self.zone)
        return stamp.astimezone(_UTC)

    def _after(
        self, created: dt.datetime | None, text: str | None, name: str, problems: list[Problem]
    ) -> dt.datetime | None:
        if not text:
            return None
        scale = self.durations.get(name)
        if scale is None:
            stamp = self._time(text, name, problems)
        else:
            seconds = _number(text)
            if seconds is None or not 0 <= seconds * scale <= _MAX_SECONDS:
                problems.append(
                    Problem(
                        "history-bad-time",
                        name,
                        both("history.bad-duration", field=name, value=_shown(text)),
                    )
                )
                return None
            if created is None:
                return None
            return created + dt.timedelta(seconds=seconds * scale)
        if stamp is not None and created is not None and stamp < created:
            problems.append(
                Problem(
                    "history-bad-time",
                    name,
                    both(
                        "history.before-created",
                        field=name,
                        value=_shown(text),
                        created=created.astimezone(self.zone).isoformat(),
                    ),
                )
            )
            return None
        return stamp

    def _value(self, name: str, text: str) -> str | Problem | None:
        text = text.strip()
        value = self._translate[name].get(text, text)
        if not value:
            return None
        known = self.known[name]
        if value not in known:
            return Problem(
                "history-unknown-value",
                name,
                both(
                    "history.unknown-value",
                    field=name,
                    value=_shown(text),
                    hint=did_you_mean(value, known) or NOTHING,
                ),
            )
        return value

    def _unit(self, name: str, text: str) -> str | Problem | None:
        text = text.strip()
        unit = self._translate[name].get(text, text)
        if not unit:
            return None
        if unit not in self.units:
            return Problem(
                "history-unknown-unit",
                name,
                both(
                    "history.unknown-unit",
                    value=_shown(text),
                    hint=did_you_mean(unit, self.units) or NOTHING,
                ),
            )
        return unit

    def _reopened(self, text: str | None, problems: list[Problem]) -> int | None:
        if text is not None and (lowered := text.strip().lower()) in _YES | _NO:
            return int(lowered in _YES)
        return self._count("reopened", text, problems)

    def _rating(self, text: str | None, problems: list[Problem]) -> float | None:
        if text is None or not (text := text.strip()):
            return None
        mapped = self._ratings.get(text, text)
        if not mapped:
            return None
        rating = _number(mapped)
        if rating is None:
            problems.append(
                Problem(
                    "history-bad-number",
                    "satisfaction",
                    both("history.bad-rating", value=_shown(text)),
                )
            )
        return rating


_CACHED: Final = 10_000
"""Distinct texts a field remembers the verdict on (a hostile file's millions are not kept)."""


class _Cached:
    """A field's verdict on each distinct text, worked out once: the value, or the problem."""

    __slots__ = ("_check", "_name", "_seen")

    def __init__(self, check: Callable[[str, str], str | Problem | None], name: str) -> None:
        self._check = check
        self._name = name
        self._seen: dict[str, str | Problem | None] = {}

    def __call__(self, text: str, problems: list[Problem]) -> str | None:
        try:
            verdict = self._seen[text]
        except KeyError:
            verdict = self._check(self._name, text)
            if len(self._seen) < _CACHED:
                self._seen[text] = verdict
        if isinstance(verdict, Problem):
            problems.append(verdict)
            return None
        return verdict


def _number(text: str) -> float | None:
    """A finite number written in ``text`` (a decimal comma read as a point), else ``None``."""
    if len(text) > 40:
        return None
    try:
        value = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _shown(text: str) -> str:
    """A value as a message quotes it: at most 60 characters."""
    return text if len(text) <= 60 else f"{text[:57]}..."
