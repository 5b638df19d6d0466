"""An agent's shifts as an iCalendar file (RFC 5545), one file per agent of a roster.

Semantics, in one place:

* **One event per shift**, from its start to its end. The breaks are written in the event's
  description (in local time), not as events of their own: a shift is one appointment in the
  agent's calendar (one block, one reminder), and its break is a detail of it; events per
  piece of a shift would show one shift as several appointments, and a client that hides
  short events would hide the pieces around a break.
* **Times in UTC** (``20261207T010000Z``): exact across a change of the zone's offset, and
  no ``VTIMEZONE`` to write (it would have to copy the zone's rules); every client shows them
  in its own zone. The description says the local times in the department's zone.
* **Stable UIDs**: a digest of the department, the agent and the shift's start, so the same
  shift in a roster solved again keeps its UID and a client re-importing the file updates
  the event rather than adding a second one.
* **No wall clock**: ``DTSTAMP`` is the roster's first Monday 00:00 local time, so the same
  roster gives the same bytes.
* **Text** (the summary, the description, the calendar's name) is made visible first
  (:func:`~cskh_org.render.escape.visible`: a control character, which ``TEXT`` forbids, is
  written ``[U+XXXX]``), then ``\\``, ``;``, ``,`` and the line break are escaped. Lines end
  in CRLF and are folded at 75 octets, never inside a UTF-8 character.
* **Files**: :func:`write_calendars` writes one ``.ics`` per agent with at least one shift
  (RFC 5545 asks for a component in every calendar), named by :func:`calendar_file_name`:
  the agent id cut to safe ASCII letters and digits, then a digest of the exact id, so no
  name climbs out of the folder (``../x``), holds a NUL, grows past a file system's limit or
  meets another on a file system that ignores case. Every file is checked before the first
  is written, and an existing one is refused unless ``force`` (:mod:`cskh_org.files`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from cskh_org.errors import UsageError
from cskh_org.render.escape import visible
from cskh_org.words import display, say

if TYPE_CHECKING:
    from cskh_org.rosters.result import Assignment, Roster

__all__ = ["agent_calendar", "calendar_file_name", "write_calendars"]

LINE_OCTETS: Final = 75
"""The longest line of an iCalendar file, in octets, line break excluded (RFC 5545 §3.1)."""
_NAME_CHARS: Final = 48
"""The most characters of an agent id kept in its calendar's file name."""
_UNSAFE_NAME: Final = re.compile(r"[^a-z0-9_-]+")


def text(value: str) -> str:
    """``value`` as an iCalendar ``TEXT`` value: made visible, then escaped."""
    return (
        visible(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets (a continuation starts with a space,
    which counts), cut between characters only."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(ch)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(roster: Roster, shift: Assignment) -> str:
    key = "\x00".join((roster.department, shift.agent, shift.start.astimezone(dt.UTC).isoformat()))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{digest}@cskh-org"


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _event(roster: Roster, shift: Assignment, lang: str, stamp: str) -> list[str]:
    zone = ZoneInfo(roster.timezone)

    def local(moment: dt.datetime) -> str:
        return moment.astimezone(zone).strftime("%H:%M")

    breaks = (
        say(
            "roster.ical.breaks",
            lang,
            breaks=", ".join(f"{local(b)}–{local(e)}" for b, e in shift.breaks),
        )
        if shift.breaks
        else say("roster.ical.no-breaks", lang)
    )
    description = "\n".join(
        (
            say("roster.ical.agent", lang, agent=shift.agent),
            say("roster.ical.unit", lang, unit=shift.unit),
            say(
                "roster.ical.hours",
                lang,
                start=f"{shift.start.astimezone(zone):%Y-%m-%d %H:%M}",
                end=local(shift.end),
                zone=roster.timezone,
                paid=_hours(shift.paid_minutes),
            ),
            breaks,
        )
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{_uid(roster, shift)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(shift.start)}",
        f"DTEND:{_utc(shift.end)}",
        f"SUMMARY:{text(say('roster.ical.summary', lang, shift=shift.shift, unit=shift.unit))}",
        f"DESCRIPTION:{text(description)}",
        "TRANSP:OPAQUE",
        "SEQUENCE:0",
        "END:VEVENT",
    ]


def agent_calendar(roster: Roster, agent_id: str, lang: str | None = None) -> str:
    """The shifts of ``agent_id`` as an iCalendar document (CRLF lines), its words in ``lang``
    (``vi``, ``en``; default English). :class:`~cskh_org.errors.UsageError` if the roster has
    no such agent."""
    shown = display(lang)
    shifts = roster.of_agent(agent_id)
    if not shifts and all(a.id != agent_id for a in roster.agents):
        raise UsageError.of("error.roster.agent", agent=agent_id)
    zone = ZoneInfo(roster.timezone)
    stamp = _utc(dt.datetime.combine(roster.start, dt.time(), zone))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//cskh-org//roster//{shown.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(say('roster.ical.calendar', shown, agent=agent_id))}",
    ]
    for shift in shifts:
        lines.extend(_event(roster, shift, shown, stamp))
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)


def calendar_file_name(agent_id: str) -> str:
    """The file name of ``agent_id``'s calendar: its id in lower-case ASCII letters, digits,
    ``_`` and ``-`` (at most 48), then 12 hex digits of a digest of the exact id, ``.ics``."""
    digest = hashlib.sha256(agent_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    ascii_id = (
        unicodedata.normalize("NFKD", agent_id.replace("đ", "d").replace("Đ", "D"))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    slug = _UNSAFE_NAME.sub("-", ascii_id).strip("-")[:_NAME_CHARS].rstrip("-")
    return f"{slug or 'agent'}-{digest}.ics"


def write_calendars(
    roster: Roster,
    folder: str | os.PathLike[str],
    lang: str | None = None,
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """One calendar per agent with at least one shift, in ``folder`` (made if needed); the
    files written, in the roster's agent order. Every file is checked before the first is
    written: an existing one is refused unless ``force``, one of ``inputs`` always
    (:class:`~cskh_org.errors.SourceError`)."""
    from cskh_org.files import check_output, write_output

    inputs = tuple(inputs)
    out = Path(folder)
    agents = [a.id for a in roster.agents]
    agents += sorted({s.agent for s in roster.assignments} - set(agents))
    files: list[tuple[Path, str]] = []
    taken: dict[str, str] = {}
    for agent in agents:
        if not roster.of_agent(agent):
            continue
        name = calendar_file_name(agent)
        if name in taken:  # a digest collision: 48 bits, never met, still refused
            raise UsageError.of(
                "error.roster.file-names", first=taken[name], second=agent, name=name
            )
        taken[name] = agent
        files.append((out / name, agent_calendar(roster, agent, lang)))
    for target, _ in files:
        check_output(target, force=force, inputs=inputs, what="calendar")
    for target, data in files:
        write_output(target, data, force=force, inputs=inputs, what="calendar", make_folders=True)
    return [target for target, _ in files]
