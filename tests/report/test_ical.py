"""The agents' calendars, read back by a real iCalendar parser (``icalendar``): one event per
shift at its exact times, the words in the language asked, every text value as written
(escaped and folded on the way), the same bytes for the same roster, and files that stay in
their folder whatever the agent ids."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.errors import SourceError, UsageError
from cskh_org.render.escape import visible
from cskh_org.report.ical import agent_calendar, calendar_file_name, write_calendars
from cskh_org.rosters import Agent, Assignment, Roster, Status
from cskh_org.words import say

ZONE_NAME = "Asia/Ho_Chi_Minh"
ZONE = ZoneInfo(ZONE_NAME)
MONDAY = dt.date(2026, 12, 7)


def _shift(
    agent: str,
    unit: str,
    shift: str,
    day: int,
    hour: int,
    *,
    hours: int = 8,
    breaks: tuple[tuple[int, int], ...] = (),
) -> Assignment:
    date = MONDAY + dt.timedelta(days=day)
    start = dt.datetime.combine(date, dt.time(hour), ZONE)
    return Assignment(
        agent=agent,
        unit=unit,
        shift=shift,
        day=date,
        start=start,
        end=start + dt.timedelta(hours=hours),
        breaks=tuple(
            (start + dt.timedelta(minutes=a), start + dt.timedelta(minutes=a + n))
            for a, n in breaks
        ),
        paid_minutes=hours * 60 - sum(n for _, n in breaks),
    )


def _roster(shifts: list[Assignment], weeks: int = 1, department: str = "shop") -> Roster:
    ids = list(dict.fromkeys(s.agent for s in shifts))
    units = {s.agent: s.unit for s in shifts}
    return Roster(
        department=department,
        timezone=ZONE_NAME,
        start=MONDAY,
        weeks=weeks,
        interval=60,
        status=Status.OPTIMAL,
        agents=tuple(Agent(a, units[a], "agents", "agent", None, frozenset(), 40.0) for a in ids),
        assignments=tuple(sorted(shifts, key=lambda s: (s.agent, s.start))),
        cover=(),
        under_cover=0,
        paid_minutes=sum(s.paid_minutes for s in shifts),
        bound=0.0,
        gap=0.0,
        seconds=0.0,
        seed=0,
    )


def _events(document: str) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(document)
    return list(calendar.walk("VEVENT"))


def _physical_lines(document: str) -> list[bytes]:
    data = document.encode("utf-8")
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return lines


def test_one_event_per_shift_at_its_times() -> None:
    shifts = [
        _shift("care/agents#1", "care", "early", 0, 7, breaks=((240, 30),)),
        _shift("care/agents#1", "care", "late", 1, 14),
        _shift("care/agents#2", "care", "early", 0, 7),
    ]
    roster = _roster(shifts)
    events = _events(agent_calendar(roster, "care/agents#1", "en"))
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        (s.start, s.end) for s in shifts[:2]
    ]
    assert [str(e["SUMMARY"]) for e in events] == ["Shift early · care", "Shift late · care"]
    assert "Breaks: 11:00–11:30" in str(events[0]["DESCRIPTION"])
    assert "No break" in str(events[1]["DESCRIPTION"])
    assert events[0].decoded("DTSTART").utcoffset() == dt.timedelta(0)  # written in UTC
    assert len({str(e["UID"]) for e in events}) == 2


def test_the_words_are_in_the_language_asked() -> None:
    roster = _roster([_shift("a", "care", "day", 0, 8)])
    (vi,) = _events(agent_calendar(roster, "a", "vi"))
    (en,) = _events(agent_calendar(roster, "a", "en"))
    assert str(vi["SUMMARY"]) == "Ca day · care"
    assert str(en["SUMMARY"]) == "Shift day · care"
    assert "Nhân viên: a" in str(vi["DESCRIPTION"])


def test_same_roster_same_bytes_and_a_shift_keeps_its_uid() -> None:
    first = _shift("a", "care", "day", 0, 8)
    one = _roster([first])
    assert agent_calendar(one, "a") == agent_calendar(_roster([first]), "a")
    two = _roster([first, _shift("a", "care", "day", 2, 8)])
    uid = str(_events(agent_calendar(one, "a"))[0]["UID"])
    assert str(_events(agent_calendar(two, "a"))[0]["UID"]) == uid
    other = _roster([first], department="other")
    assert str(_events(agent_calendar(other, "a"))[0]["UID"]) != uid


def test_text_is_escaped_and_read_back_as_written() -> None:
    agent = 'a\\b;c,d\ne "x" <y>'
    roster = _roster([_shift(agent, "u;1,2", "s\\n", 0, 8)])
    document = agent_calendar(roster, agent, "en")
    assert "SUMMARY:Shift s\\\\n · u\\;1\\,2\r\n" in document
    (event,) = _events(document)
    assert str(event["SUMMARY"]) == "Shift s\\n · u;1,2"
    assert str(event["DESCRIPTION"]).startswith(f"Agent: {agent}\nUnit: u;1,2\n")


def test_control_characters_are_shown_not_written() -> None:
    agent = "a\x00b\x1b[31m\u202e"
    roster = _roster([_shift(agent, "care", "day", 0, 8)])
    document = agent_calendar(roster, agent)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", document.replace("\r\n", ""))
    (event,) = _events(document)
    assert str(event["DESCRIPTION"]).startswith("Agent: a[U+0000]b[U+001B][31m[U+202E]\n")


def test_long_lines_fold_at_75_octets_between_characters() -> None:
    unit = "Chăm sóc khách hàng miền Bắc — đội ứng cứu sự cố 😀 " * 6
    roster = _roster([_shift("a", unit, "ca-sáng", 0, 8)])
    document = agent_calendar(roster, "a", "vi")
    lines = _physical_lines(document)
    assert max(len(line) for line in lines) == 75  # folded, and as full as allowed
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    assert any(line.startswith(b" ") for line in lines)
    (event,) = _events(document)
    assert str(event["SUMMARY"]) == f"Ca ca-sáng · {unit}"


def test_an_unknown_agent_is_refused() -> None:
    roster = _roster([_shift("a", "care", "day", 0, 8)])
    with pytest.raises(UsageError, match="no agent b"):
        agent_calendar(roster, "b")


# -- random rosters, hostile names ---------------------------------------------------------------

_names = st.text(min_size=1, max_size=40)


@st.composite
def _rosters(draw: st.DrawFn) -> Roster:
    agents = draw(st.lists(_names, min_size=1, max_size=4, unique=True))
    weeks = draw(st.integers(1, 6))
    shifts = []
    for agent in agents:
        unit = draw(_names)
        days = draw(st.lists(st.integers(0, 7 * weeks - 1), max_size=5, unique=True))
        for day in days:
            hours = draw(st.integers(1, 12))
            breaks = draw(st.lists(st.integers(1, 59), max_size=2))
            shifts.append(
                _shift(
                    agent,
                    unit,
                    draw(_names),
                    day,
                    draw(st.integers(0, 23)),
                    hours=hours,
                    breaks=tuple((60 * (k + 1) % (hours * 60), n) for k, n in enumerate(breaks)),
                )
            )
    return _roster(shifts, weeks)


@settings(max_examples=60, deadline=None)
@given(_rosters(), st.sampled_from(["vi", "en"]))
def test_random_rosters_parse_back_to_their_shifts(roster: Roster, lang: str) -> None:
    uids: set[str] = set()
    for agent in {s.agent for s in roster.assignments}:
        document = agent_calendar(roster, agent, lang)
        lines = _physical_lines(document)
        assert all(len(line) <= 75 for line in lines)
        for line in lines:
            line.decode("utf-8")
        events = _events(document)
        shifts = roster.of_agent(agent)
        assert len(events) == len(shifts)
        for event, shift in zip(events, shifts, strict=True):
            assert event.decoded("DTSTART") == shift.start
            assert event.decoded("DTEND") == shift.end
            summary = say("roster.ical.summary", lang, shift=shift.shift, unit=shift.unit)
            assert str(event["SUMMARY"]) == visible(summary)
            agent_line = say("roster.ical.agent", lang, agent=agent)
            assert str(event["DESCRIPTION"]).startswith(visible(agent_line) + "\n")
            uids.add(str(event["UID"]))
    assert len(uids) == len(roster.assignments)


# -- the files ---------------------------------------------------------------------------------

HOSTILE = ["../x", "a\x00b", "A" * 500, "Ann", "ann", "/etc/passwd", ".", "..", "đội/Trà#1", ""]


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_file_names_are_safe(agent: str) -> None:
    name = calendar_file_name(agent)
    assert re.fullmatch(r"[a-z0-9_-]{1,48}-[0-9a-f]{12}\.ics", name)
    assert not name.startswith(("-", "."))


def test_hostile_agents_get_a_file_each_inside_the_folder(tmp_path: Path) -> None:
    roster = _roster([_shift(a, "care", "day", k % 7, 8) for k, a in enumerate(HOSTILE)])
    folder = tmp_path / "calendars"
    written = write_calendars(roster, folder, "en")
    assert sorted(os.listdir(folder)) == sorted(p.name for p in written)
    assert len({p.name.casefold() for p in written}) == len(HOSTILE)
    assert all(p.parent == folder for p in written)
    assert not (tmp_path / "x").exists()
    by_agent = dict(zip([a.id for a in roster.agents], written, strict=True))
    assert by_agent["đội/Trà#1"].name.startswith("doi-tra-1-")
    for agent, path in by_agent.items():
        (event,) = _events(path.read_bytes().decode("utf-8"))
        assert event.decoded("DTSTART") == roster.of_agent(agent)[0].start


def test_existing_files_are_refused_before_any_is_written(tmp_path: Path) -> None:
    roster = _roster([_shift("a", "care", "day", 0, 8), _shift("b", "care", "day", 0, 8)])
    second = tmp_path / calendar_file_name("b")
    second.write_text("mine")
    with pytest.raises(SourceError, match="exists"):
        write_calendars(roster, tmp_path)
    assert sorted(os.listdir(tmp_path)) == [second.name]  # the first was not written either
    assert second.read_text() == "mine"
    written = write_calendars(roster, tmp_path, force=True)
    assert len(written) == 2
    assert _events(second.read_text("utf-8"))[0].decoded("DTSTART") == roster.assignments[1].start


def test_an_agent_without_shifts_gets_no_file(tmp_path: Path) -> None:
    roster = _roster([_shift("a", "care", "day", 0, 8)])
    idle = Agent("idle", "care", "agents", "agent", None, frozenset(), 40.0)
    roster = Roster(**{**_fields(roster), "agents": (*roster.agents, idle)})
    assert [p.name for p in write_calendars(roster, tmp_path)] == [calendar_file_name("a")]
    assert _events(agent_calendar(roster, "idle")) == []


def _fields(roster: Roster) -> dict[str, Any]:
    return {name: getattr(roster, name) for name in Roster.__dataclass_fields__}


def test_a_link_in_place_of_a_calendar_is_refused(tmp_path: Path) -> None:
    roster = _roster([_shift("a", "care", "day", 0, 8)])
    (tmp_path / calendar_file_name("a")).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SourceError):
        write_calendars(roster, tmp_path, force=True)
    assert not (tmp_path / "elsewhere").exists()
