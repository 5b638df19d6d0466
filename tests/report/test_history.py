"""The history import's outputs (cskh_org/report/history.py): the canonical CSV, and the
summary as text in both languages and as JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from cskh_org.findings import Finding, Location, Severity
from cskh_org.loading.history import ImportSummary
from cskh_org.model.history import PastTicket
from cskh_org.report.history import CANONICAL_HEADER, import_json, import_text, write_tickets

UTC = dt.UTC
TICKETS = [
    PastTicket(2, "a1", dt.datetime(2026, 3, 2, 1, tzinfo=UTC), channel="email", unit="support"),
    PastTicket(
        3,
        None,
        dt.datetime(2026, 3, 1, 23, tzinfo=UTC),
        first_reply=dt.datetime(2026, 3, 2, 0, tzinfo=UTC),
        channel="chat",
        reopened=2,
        satisfaction=0.5,
        handling=95.5,
        groups=2,
        path=("support", "online_care"),
    ),
]
SUMMARY = ImportSummary(
    "export.csv",
    3,
    2,
    1,
    (Finding("history-bad-time", Severity.ERROR, "bad", Location("export.csv", 4, 5)),),
    {"history-bad-time": 1},
)


def test_the_canonical_csv_and_its_tally() -> None:
    out = io.StringIO()
    tally = write_tickets(TICKETS, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CANONICAL_HEADER
    assert rows[1] == [
        "a1",
        "2026-03-02T01:00:00+00:00",
        "",
        "",
        "email",
        "",
        "",
        "",
        "support",
        "",
        "",  # reopened: not given
        "",
        "",
        "",
        "",
        "",
    ]
    assert rows[2][0] == ""
    assert rows[2][2] == "2026-03-02T00:00:00+00:00"
    assert rows[2][-6:] == ["2", "0.5", "", "95.5", "2", "support > online_care"]
    assert (tally.tickets, tally.answered, tally.reopened) == (2, 1, 1)
    assert tally.first == dt.datetime(2026, 3, 1, 23, tzinfo=UTC)


def test_the_summary_in_both_languages_and_as_json() -> None:
    tally = write_tickets(TICKETS, io.StringIO())
    en = import_text(SUMMARY, tally, output="h.csv", lang="en")
    vi = import_text(SUMMARY, tally, output="h.csv", lang="vi")
    assert "tickets imported 2; bad rows not imported 1" in en
    assert "nhập 2 phiếu" in vi
    assert "Đã ghi 2 phiếu vào h.csv" in vi
    assert "Period: 2026-03-01T23:00:00+00:00 to 2026-03-02T01:00:00+00:00" in en
    doc = json.loads(import_json(SUMMARY, tally))
    assert doc["bad_rows_by_code"] == {"history-bad-time": 1}
    assert doc["by_channel"] == {"chat": 1, "email": 1}
    assert doc["by_unit"] == {"": 1, "support": 1}
    assert doc["findings"][0]["line"] == 4
