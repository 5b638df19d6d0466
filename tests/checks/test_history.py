"""The row rules of a history import (cskh_org/checks/history.py): each field's text to its
value, or the problem, and the mapping checked against the department."""

from __future__ import annotations

import datetime as dt

import pytest

import cskh_org
from cskh_org.checks.history import FIELDS, RowRules, check_mapping
from cskh_org.model import Department
from cskh_org.model.history import HistoryMapping, PastTicket
from tests.conftest import EXAMPLES

UTC = dt.UTC


@pytest.fixture(scope="module")
def dept() -> Department:
    return cskh_org.validate(EXAMPLES / "growing" / "department.yaml").unwrap()


def _rules(dept: Department, **mapping: object) -> RowRules:
    data = {"format": "csv", "columns": {"id": "i", "created": "c"}, **mapping}
    return RowRules(HistoryMapping.model_validate(data), dept)


def _row(**fields: str) -> list[str | None]:
    return [fields.get(name) for name in FIELDS]


def test_times_without_an_offset_are_in_the_mapping_zone_else_the_departments(
    dept: Department,
) -> None:
    local = _rules(dept).ticket(2, _row(id="1", created="2026-03-02 08:00"))
    assert isinstance(local, PastTicket)
    assert local.created == dt.datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Asia/Ho_Chi_Minh
    paris = _rules(dept, timezone="Europe/Paris").ticket(
        2, _row(id="1", created="2026-07-02 08:00")
    )
    assert isinstance(paris, PastTicket)
    assert paris.created.hour == 6
    stamped = _rules(dept).ticket(2, _row(id="1", created="2026-03-02T08:00:00Z"))
    assert isinstance(stamped, PastTicket)
    assert stamped.created.hour == 8


def test_a_time_format_and_durations(dept: Department) -> None:
    rules = _rules(
        dept,
        time_format="%d/%m/%Y %H:%M",
        columns={
            "id": "i",
            "created": "c",
            "first_reply": {"column": "r", "unit": "minutes"},
            "solved": {"column": "s", "unit": "hours"},
        },
    )
    ticket = rules.ticket(
        2, _row(id="1", created="02/03/2026 08:00", first_reply="7,5", solved="2")
    )
    assert isinstance(ticket, PastTicket)
    assert ticket.first_reply == dt.datetime(2026, 3, 2, 1, 7, 30, tzinfo=UTC)  # a decimal comma
    assert ticket.solved == dt.datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    for bad in ("-1", "abc", "1e9", "nan", "inf"):
        problems = rules.ticket(2, _row(id="1", created="02/03/2026 08:00", solved=bad))
        assert isinstance(problems, list)
        assert [p.code for p in problems] == ["history-bad-time"]


def test_every_problem_of_a_row_is_said(dept: Department) -> None:
    rules = _rules(dept, values={"team": {"Web": "online_care"}})
    problems = rules.ticket(
        2,
        _row(
            id="",
            created="yesterday",
            channel="emial",
            priority="hgh",
            team="Webb",
            reopened="-2",
            satisfaction="great",
        ),
    )
    assert isinstance(problems, list)
    assert [(p.code, p.field) for p in problems] == [
        ("history-missing-value", "id"),
        ("history-bad-time", "created"),
        ("history-unknown-value", "channel"),
        ("history-unknown-value", "priority"),
        ("history-unknown-unit", "team"),
        ("history-bad-number", "reopened"),
        ("history-bad-number", "satisfaction"),
    ]
    words = {p.field: p.words for p in problems}
    assert "did you mean `email`" in words["channel"].en
    assert "did you mean `high`" in words["priority"].en


@pytest.mark.parametrize(
    ("text", "count"), [("yes", 1), ("No", 0), ("", None), ("3", 3), ("có", 1), ("2.0", 2)]
)
def test_reopened_is_a_count_or_yes_no(dept: Department, text: str, count: int | None) -> None:
    ticket = _rules(dept).ticket(2, _row(id="1", created="2026-03-02 08:00", reopened=text))
    assert isinstance(ticket, PastTicket)
    assert ticket.reopened == count


def test_the_mapping_against_the_department(dept: Department) -> None:
    mapping = HistoryMapping.model_validate(
        {
            "format": "csv",
            "columns": {"created": "c", "channel": "ch"},
            "values": {
                "channel": {"Mail": "emial", "Phone": "phone"},
                "team": {"Web": "onlin_care"},
                "satisfaction": {"good": "1", "bad": "zero"},
            },
        }
    )
    issues = check_mapping(mapping, dept)
    assert [(i.code, i.path) for i in issues] == [
        ("history-mapping-value", ("values", "channel", "Mail")),
        ("history-mapping-value", ("values", "team", "Web")),
        ("history-mapping-value", ("values", "satisfaction", "bad")),
    ]
    assert "did you mean `online_care`" in issues[1].message


def test_a_path_of_groups_gives_the_team_and_the_count(dept: Department) -> None:
    rules = _rules(
        dept,
        columns={"id": "i", "created": "c", "path": "p"},
        values={"team": {"Web": "online_care", "Tech": "support"}},
    )
    ticket = rules.ticket(2, _row(id="1", created="2026-03-02 08:00", path="Web > Tech"))
    assert isinstance(ticket, PastTicket)
    assert (ticket.path, ticket.unit, ticket.groups) == (("online_care", "support"), "support", 2)
    listed = rules.ticket(2, _row(id="1", created="2026-03-02 08:00", path='["Web", "Tech"]'))
    assert isinstance(listed, PastTicket)
    assert listed.path == ("online_care", "support")
    for bad, code in (
        ("Web > Nowhere", "history-unknown-unit"),
        ('["Web", {}]', "history-bad-path"),
    ):
        problems = rules.ticket(2, _row(id="1", created="2026-03-02 08:00", path=bad))
        assert isinstance(problems, list)
        assert [p.code for p in problems] == [code]
