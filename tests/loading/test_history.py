"""Reading a ticket history (cskh_org/loading/history.py): mappings (ready, extended, wrong),
exports in CSV and JSON lines, every bad row located and counted, every good row imported,
hostile lines, and a property test against a plain expectation of which rows are good."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.errors import DocumentInvalid, SourceError
from cskh_org.loading import history as history_module
from cskh_org.loading.history import ImportSummary, load_mapping, read_history
from cskh_org.model import Department
from cskh_org.model.history import HistoryMapping, PastTicket
from tests.conftest import EXAMPLES

UTC = dt.UTC


@pytest.fixture(scope="module")
def dept() -> Department:
    return cskh_org.validate(EXAMPLES / "growing" / "department.yaml").unwrap()


def _mapping(tmp_path: Path, text: str, dept: Department) -> HistoryMapping:
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    return load_mapping(path, dept).unwrap()


def _read(
    tmp_path: Path, text: str | bytes, mapping: HistoryMapping, dept: Department, name: str
) -> tuple[list[PastTicket], ImportSummary]:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    imported = read_history(path, mapping, dept)
    tickets = list(imported.tickets())
    return tickets, imported.summary()


SMALL = "format: csv\ntimezone: UTC\ncolumns: {id: id, created: created, channel: channel}\n"
"""A mapping of three columns (`id,created,channel`)."""


def _small(dept: Department) -> HistoryMapping:
    return history_module.load_mapping_text(SMALL, dept).unwrap()


def _places(summary: ImportSummary) -> list[tuple[int, int, str]]:
    return [
        (f.location.line, f.location.column, f.code)
        for f in summary.findings
        if f.location is not None
    ]


FRESHDESK = """extends: freshdesk
values:
  team: {Support: support, Online: online_care}
"""

EXPORT = """\
Ticket ID,Created time,First response time (in hrs),Resolved time,Source,Type,Priority,Group,Agent
101,2026-03-02 08:15:00,0.5,2026-03-02 11:00:00,Email,Question,Medium,Support,An
102,2026-03-02 08:20:00,,2026-03-02 09:00:00,Phone,Incident,High,Online,Binh
103,02/03/2026 08:25,0.2,,Chat,Question,Low,Support,An
104,2026-03-02 08:30:00,0.1,,Pigeon,Question,Low,Support,An
101,2026-03-02 08:35:00,0.1,,Email,Question,Low,Support,An
105,2026-03-02 08:40:00,0.1,,Email,Question,Low,Supprt,An
106,2026-03-02 08:45:00,0.1

107,2026-03-02 09:00:00,0.3,2026-03-02 08:00:00,Email,Refund,Urgent,Support,Chi
108,2026-03-02 09:05:00,,,Chat,Refund,Urgent,,
"""


def test_every_bad_row_is_located_counted_and_every_good_row_imported(
    tmp_path: Path, dept: Department
) -> None:
    mapping = _mapping(tmp_path, FRESHDESK, dept)
    tickets, summary = _read(tmp_path, EXPORT, mapping, dept, "export.csv")
    assert [t.id for t in tickets] == ["101", "102", "108"]
    assert [t.line for t in tickets] == [2, 3, 11]
    assert (summary.rows, summary.imported, summary.bad) == (9, 3, 6)  # the blank line is none
    assert _places(summary) == [
        (4, 5, "history-bad-time"),  # the created column, where the date starts
        (5, 30, "history-unknown-value"),
        (6, 1, "history-duplicate-id"),
        (7, 49, "history-unknown-unit"),
        (8, 1, "history-short-row"),
        (10, 29, "history-bad-time"),  # solved before created
    ]
    assert summary.by_code == {
        "history-bad-time": 2,
        "history-unknown-value": 1,
        "history-duplicate-id": 1,
        "history-unknown-unit": 1,
        "history-short-row": 1,
    }
    assert not summary.ok
    first = tickets[0]
    assert first.created == dt.datetime(2026, 3, 2, 1, 15, tzinfo=UTC)  # 08:15 in Hà Nội
    assert first.first_reply == dt.datetime(2026, 3, 2, 1, 45, tzinfo=UTC)  # 0.5 h later
    assert (first.channel, first.category, first.priority, first.unit, first.agent) == (
        "email",
        "question",
        "normal",
        "support",
        "An",
    )
    by_code = {f.code: f for f in summary.findings}
    assert "did you mean `support`" in by_code["history-unknown-unit"].message
    assert "ý bạn là `support`" in by_code["history-unknown-unit"].message_vi
    assert "`values.channel`" in by_code["history-unknown-value"].message


def test_a_missing_column_is_said_once_at_the_header_and_the_rows_still_import(
    tmp_path: Path, dept: Department
) -> None:
    mapping = _mapping(tmp_path, FRESHDESK, dept)
    text = "Ticket ID,Created time,Source,Group\n1,2026-03-02 08:15,Email,Support\n"
    tickets, summary = _read(tmp_path, text, mapping, dept, "few.csv")
    assert [t.id for t in tickets] == ["1"]
    missing = [f for f in summary.findings if f.code == "history-missing-column"]
    assert {f.location.line for f in missing if f.location} == {1}
    assert len(missing) == 5  # first reply, solved, type, priority, agent
    assert not summary.ok  # the mapping and the export disagree: an error, exit 1


def test_without_the_creation_column_no_row_imports_and_every_row_is_counted(
    tmp_path: Path, dept: Department
) -> None:
    mapping = _mapping(tmp_path, FRESHDESK, dept)
    text = "Ticket ID,Created,Source\n1,2026-03-02 08:15,Email\n2,2026-03-02 08:16,Email\n"
    tickets, summary = _read(tmp_path, text, mapping, dept, "nocreated.csv")
    assert tickets == []
    assert (summary.rows, summary.bad) == (2, 2)
    (missing,) = [f for f in summary.findings if "Created time" in f.message]
    assert "did you mean `Created`" in missing.message


ZENDESK = """extends: zendesk
values:
  team: {"360001": support}
  channel: {twitter: facebook}
"""


def test_a_zendesk_export_with_nested_fields(tmp_path: Path, dept: Department) -> None:
    mapping = _mapping(tmp_path, ZENDESK, dept)
    lines = [
        {
            "id": 1,
            "created_at": "2026-03-02T01:00:00Z",
            "solved_at": "2026-03-02T03:00:00Z",
            "via": {"channel": "email"},
            "type": "incident",
            "priority": "normal",
            "group_id": 360001,
            "metric_set": {"reply_time_in_minutes": {"calendar": 12}, "reopens": 2},
            "satisfaction_rating": {"score": "good"},
        },
        {"id": 2, "created_at": "2026-03-02T01:05:00Z", "via": {"channel": "twitter"}},
        [1, 2],
        {"id": 3, "created_at": "2026-03-02T01:06:00Z", "priority": "hgh", "group_id": 999},
        {
            "id": 4,
            "created_at": "2026-03-02T01:09:00Z",
            "satisfaction_rating": {"score": "offered"},
        },
    ]
    text = "\n".join(json.dumps(x) for x in lines) + "\n{not json\n"
    tickets, summary = _read(tmp_path, text, mapping, dept, "z.jsonl")
    assert [t.id for t in tickets] == ["1", "2", "4"]
    one = tickets[0]
    assert one.first_reply == dt.datetime(2026, 3, 2, 1, 12, tzinfo=UTC)
    assert (one.category, one.unit, one.reopened, one.satisfaction) == (
        "technical",
        "support",
        2,
        1.0,
    )
    assert tickets[1].channel == "facebook"  # the file's own translation over the ready one
    assert tickets[2].satisfaction is None  # `offered` translates to "": not rated
    places = _places(summary)
    assert (3, 1, "history-bad-line") in places
    assert (6, 2, "history-bad-line") in places  # where the JSON stops reading
    line_4 = [p for p in places if p[0] == 4]
    text_4 = text.splitlines()[3]
    assert {code for _, _, code in line_4} == {"history-unknown-value", "history-unknown-unit"}
    for _, column, code in line_4:
        key = '"priority"' if code == "history-unknown-value" else '"group_id"'
        assert text_4[column - 1 :].startswith(key)
    assert (summary.rows, summary.imported, summary.bad) == (6, 3, 3)


def test_ready_mappings_load_and_their_translations_into_absent_values_are_not_errors(
    dept: Department,
) -> None:
    for name in ("zendesk", "freshdesk", "canonical"):
        result = load_mapping(name, dept)
        assert result.ok(), [f.format() for f in result.findings]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("format: csv\ncolumns: {created: a}\ncolour: red\n", "unknown-key", 3),
        ("format: csv\ntimezone: Mars/Base\ncolumns: {created: a}\n", None, 2),
        ("format: csv\ntime_format: nonsense\ncolumns: {created: a}\n", None, 2),
        ("format: csv\nencoding: utf-16\ncolumns: {created: a}\n", None, 2),
        ("format: csv\ncolumns:\n  created: a\n  channel: {column: b, unit: hours}\n", None, 3),
        (
            "format: csv\ncolumns: {created: a}\nvalues:\n  channel: {Mail: emial}\n",
            "history-mapping-value",
            4,
        ),
        ("format: xml\ncolumns: {created: a}\n", None, 1),
        ("format: csv\n", None, 1),
        ("[1, 2]\n", "not-a-mapping", 1),
        ("", "empty-document", 1),
    ],
)
def test_a_wrong_mapping_is_refused_with_located_findings(
    tmp_path: Path, dept: Department, text: str, code: str | None, line: int
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_mapping(path, dept)
    assert not result.ok()
    errors = [f for f in result.findings if f.severity.is_error]
    assert errors
    assert errors[0].location is not None
    assert errors[0].location.line == line
    if code is not None:
        assert errors[0].code == code
    if code == "history-mapping-value":
        assert "did you mean `email`" in errors[0].message
    with pytest.raises(DocumentInvalid):
        result.unwrap()


def test_a_missing_export_or_mapping_is_a_source_error(tmp_path: Path, dept: Department) -> None:
    mapping = load_mapping("canonical", dept).unwrap()
    with pytest.raises(SourceError):
        read_history(tmp_path / "nothing.csv", mapping, dept)
    with pytest.raises(SourceError):
        read_history(tmp_path, mapping, dept)  # a folder
    with pytest.raises(SourceError):
        load_mapping(tmp_path / "none.yaml", dept)


def test_hostile_lines_are_bad_lines_and_the_rest_still_imports(
    tmp_path: Path, dept: Department, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "MAX_LINE", 200)
    mapping = _small(dept)
    header = b"id,created,channel\n"
    good = b"1,2026-03-02T01:00:00+00:00,email\n"
    long_line = b"2,2026-03-02T01:00:00+00:00," + b"x" * 500 + b"\n"
    not_utf8 = b"3,2026-03-02T01:00:00+00:00,\xff\xfe\n"
    control = b"4,2026-03-02T01:00:00+00:00,\x1b[31memail\n"
    quotes = b'5,"2026-03-02T01:00:00+00:00"x,email\n'
    last = b"6,2026-03-02T02:00:00+00:00,chat\n"
    data = header + good + long_line + not_utf8 + control + quotes + last
    tickets, summary = _read(tmp_path, data, mapping, dept, "hostile.csv")
    assert [t.id for t in tickets] == ["1", "6"]
    assert (summary.rows, summary.bad) == (6, 4)
    places = _places(summary)
    assert [p[0] for p in places] == [3, 4, 5, 6]
    for finding in summary.findings:
        assert "\x1b" not in finding.message
        assert "\x1b" not in finding.message_vi


def test_a_byte_order_mark_is_read_past_and_the_header_still_matches(
    tmp_path: Path, dept: Department
) -> None:
    mapping = load_mapping("freshdesk", dept).unwrap()  # `utf-8-sig`: with or without a mark
    text = b"Ticket ID,Created time\n1,2026-03-02 08:00\n"
    for name, data in (("marked.csv", b"\xef\xbb\xbf" + text), ("plain.csv", text)):
        tickets, summary = _read(tmp_path, data, mapping, dept, name)
        assert [t.id for t in tickets] == ["1"], summary.findings
        assert [f.code for f in summary.findings if f.code != "history-missing-column"] == []


def test_findings_past_the_listed_ones_are_counted_not_dropped(
    tmp_path: Path, dept: Department, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "LISTED", 3)
    mapping = _small(dept)
    rows = "".join(f"{i},2026-03-02T01:00:00+00:00,pigeon\n" for i in range(10))
    tickets, summary = _read(tmp_path, "id,created,channel\n" + rows, mapping, dept, "many.csv")
    assert tickets == []
    assert summary.bad == 10
    listed = [f for f in summary.findings if f.code == "history-unknown-value"]
    (more,) = [f for f in summary.findings if f.code == "history-more"]
    assert len(listed) == 3
    assert "7 more rows" in more.message
    assert "line 2" in more.message


def test_a_history_import_is_read_once(tmp_path: Path, dept: Department) -> None:
    mapping = load_mapping("canonical", dept).unwrap()
    path = tmp_path / "h.csv"
    path.write_text("id,created\n1,2026-03-02T01:00:00+00:00\n", encoding="utf-8")
    imported = read_history(path, mapping, dept)
    assert len(list(imported.tickets())) == 1
    with pytest.raises(RuntimeError):
        list(imported.tickets())


# -- property: the good rows, exactly -------------------------------------------------------

_CHANNELS = ("phone", "email", "chat")
_FAULTS = ("none", "bad-time", "unknown-channel", "short", "duplicate", "no-created")


@st.composite
def _rows(draw: Any) -> list[tuple[str, str]]:
    """Rows as (fault, text): a fault of each kind, or none."""
    faults = draw(st.lists(st.sampled_from(_FAULTS), min_size=1, max_size=30))
    rows = []
    for i, drawn in enumerate(faults):
        fault = drawn
        minute = draw(st.integers(0, 59))
        created = f"2026-03-02T0{i % 10}:{minute:02d}:00+07:00"
        channel = draw(st.sampled_from(_CHANNELS))
        ident = str(1000 + i)
        if fault == "bad-time":
            created = draw(
                st.sampled_from(["02/03/2026", "2026-13-01", "tomorrow", "2026-03-02T25:00"])
            )
        elif fault == "unknown-channel":
            channel = draw(st.sampled_from(["pigeon", "Email", "fax"]))
        elif fault == "duplicate" and i > 0:
            ident = "1000"
        elif fault == "duplicate":
            fault = "none"
        elif fault == "no-created":
            created = ""
        text = f"{ident},{created},{channel}" if fault != "short" else f"{ident},{created}"
        rows.append((fault, text))
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=_rows())
def test_exactly_the_good_rows_import_and_each_bad_one_has_a_finding_at_its_line(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]]
) -> None:
    dept = cskh_org.validate(EXAMPLES / "growing" / "department.yaml").unwrap()
    mapping = _small(dept)
    tmp = tmp_path_factory.mktemp("prop")
    text = "id,created,channel\n" + "".join(r + "\n" for _, r in rows)
    tickets, summary = _read(tmp, text, mapping, dept, "p.csv")
    # the plain expectation: a row is good when it has no fault and its id is new
    seen: set[str] = set()
    good_lines, bad_lines = [], []
    for number, (fault, row) in enumerate(rows, start=2):
        ident = row.split(",")[0]
        if fault in ("none", "duplicate") and ident not in seen:
            seen.add(ident)
            good_lines.append(number)
        else:
            bad_lines.append(number)
    assert [t.line for t in tickets] == good_lines
    assert summary.bad == len(bad_lines)
    assert summary.rows == len(rows)
    assert {f.location.line for f in summary.findings if f.location} == set(bad_lines)
