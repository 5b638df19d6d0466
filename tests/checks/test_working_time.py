# ruff: noqa: E501  (the documents are written as a manager would, one line per entry)
"""The working-time check (cskh_org/checks/working_time.py), one small document per finding.

Each document is written out in full so the asserted line numbers can be read off the text;
the hotline is the issue's: open 07:00–22:00 every day, 24 agents on 40-hour contracts.
"""

from __future__ import annotations

import cskh_org
from cskh_org.findings import Finding, Severity

ALL_SIX = "[account_management, loyalty, returns_warranty, issue_resolution, support, sales]"
EVERY_DAY = "[mon, tue, wed, thu, fri, sat, sun]"


def _hotline(staff: str, shifts: str, *, contracts: str = "", limits: str = "") -> str:
    return f"""\
id: hotline_dept
name: Hotline
currency: VND
timezone: Asia/Ho_Chi_Minh
checks: {{max_span_of_control: 30}}
roles:
  - {{id: agent, title: Agent, monthly_cost: 12000000 VND}}
calendars:
  - id: hotline_hours
    name: Hotline hours
    week: {{mon: [07:00-22:00], tue: [07:00-22:00], wed: [07:00-22:00], thu: [07:00-22:00], fri: [07:00-22:00], sat: [07:00-22:00], sun: [07:00-22:00]}}
working_time:
  contracts:
    - {{id: full_time, hours_per_week: 40, days_per_week: 5}}{contracts}
  shifts:
{shifts}{limits}
units:
  - id: hotline
    name: Hotline
    head: agent
    functions: {ALL_SIX}
    calendar: hotline_hours
    staff:
{staff}
"""


TWO_SHIFTS = f"""\
    - {{id: early, days: {EVERY_DAY}, start: "07:00", end: "15:30", breaks: [11:00-11:30]}}
    - {{id: late, days: {EVERY_DAY}, start: "13:30", end: "22:00", breaks: [17:30-18:00]}}
    - {{id: early_b, days: {EVERY_DAY}, start: "07:00", end: "15:30", breaks: [11:30-12:00]}}
    - {{id: late_b, days: {EVERY_DAY}, start: "13:30", end: "22:00", breaks: [18:00-18:30]}}"""


def _findings(text: str) -> list[Finding]:
    result = cskh_org.validate_text(text, name="dept.yaml")
    assert result.department is not None, [str(f) for f in result.findings]
    return [f for f in result.findings if f.severity is not Severity.INFO]


def _where(text: str) -> list[tuple[str, int, int]]:
    return [
        (f.code, f.location.line if f.location else 0, f.location.column if f.location else 0)
        for f in _findings(text)
    ]


def test_a_hotline_on_staggered_shifts_and_contracts_is_clean() -> None:
    staff = """\
      - {role: agent, headcount: 12, contract: full_time, shifts: [early, late]}
      - {role: agent, headcount: 12, contract: full_time, shifts: [early_b, late_b]}"""
    assert _findings(_hotline(staff, TWO_SHIFTS)) == []


def test_opening_hours_no_shift_covers_are_a_shift_gap() -> None:
    """Everyone on the early and late shifts: the breaks all fall at once, and nobody is on
    shift from 07:00 when the late shift is the only one (here: an early shift from 08:00)."""
    shifts = f"""\
    - {{id: early, days: {EVERY_DAY}, start: "08:00", end: "16:30", breaks: [11:00-11:30]}}
    - {{id: late, days: {EVERY_DAY}, start: "13:30", end: "22:00", breaks: [17:30-18:00]}}"""
    staff = "      - {role: agent, headcount: 24, contract: full_time, shifts: [early, late]}"
    text = _hotline(staff, shifts)
    (gap,) = _findings(text)
    assert gap.code == "shift-gap"
    assert gap.severity is Severity.WARNING
    assert gap.location is not None
    assert gap.location.line == 25  # the unit's `staff`
    # 07:00–08:00, 11:00–11:30 and 17:30–18:00 on each of seven days: 14 hours a week
    assert "open 14 hours a week with no one on shift" in gap.message
    assert "mon 07:00-08:00, mon 11:00-11:30, mon 17:30-18:00" in gap.message
    assert "mở cửa 14 giờ một tuần mà không ai trong ca" in gap.message_vi


def test_a_line_without_contract_or_shifts_on_a_long_calendar_is_unstated() -> None:
    """The issue's finding: agents counted on duty for all 105 opening hours a week."""
    text = _hotline("      - {role: agent, headcount: 24}", TWO_SHIFTS)
    assert _where(text) == [("staff-hours-unstated", 27, 9)]
    (finding,) = _findings(text)
    assert "counted on duty 105 hours a week" in finding.message
    assert "48-hour limit" in finding.message


def test_contracts_and_shifts_above_the_labour_code_are_errors() -> None:
    shifts = f"""\
    - {{id: long, days: {EVERY_DAY}, start: "07:00", end: "17:00"}}
    - {{id: early, days: {EVERY_DAY}, start: "07:00", end: "15:00"}}"""
    contracts = "\n    - {id: heavy, hours_per_week: 56, days_per_week: 7}"
    staff = """\
      - {role: agent, headcount: 4, contract: heavy, shifts: [long]}
      - {role: agent, headcount: 4, shifts: [early]}"""
    found = _where(_hotline(staff, shifts, contracts=contracts))
    assert found == [
        ("working-time-limit", 15, 35),  # 56 h a week > 48
        ("working-time-limit", 15, 54),  # 7 days: no rest day
        ("working-time-limit", 17, 7),  # a 10-hour shift > 8
        ("shift-gap", 26, 7),  # nobody after 17:00
        ("working-time-limit", 26, 63),  # the long shift 7 × 10 h > 48 h a week
        ("contract-shift-hours", 26, 63),  # 70 h on shift, 56 contracted
        ("working-time-limit", 27, 46),  # early every day, no contract: no rest day
    ]


def test_the_department_may_set_its_own_limits() -> None:
    shifts = f"""\
    - {{id: early, days: {EVERY_DAY}, start: "07:00", end: "15:00"}}"""
    limits = "\n  limits: {hours_per_day: 8, hours_per_week: 56, rest_days_per_week: 0}"
    staff = "      - {role: agent, headcount: 4, shifts: [early]}"
    codes = [c for c, _, _ in _where(_hotline(staff, shifts, limits=limits))]
    assert "working-time-limit" not in codes


def test_a_shift_outside_the_calendar_and_a_contract_it_does_not_fit() -> None:
    shifts = f"""\
    - {{id: early, days: {EVERY_DAY}, start: "06:00", end: "14:00"}}
    - {{id: late, days: {EVERY_DAY}, start: "14:00", end: "22:00", breaks: [18:00-19:00]}}"""
    staff = "      - {role: agent, headcount: 24, contract: full_time, shifts: [early, late]}"
    found = {f.code: f for f in _findings(_hotline(staff, shifts))}
    outside = found["shift-outside-calendar"]
    assert "mon 06:00-07:00" in outside.message
    assert outside.location is not None
    assert (outside.location.line, outside.location.column) == (25, 68)
    fit = found["contract-shift-hours"]  # the late shift: 7 h × 5 days = 35 h, not 40
    assert "gives 35 hours a week" in fit.message
    assert "hợp đồng `full_time` là 40 giờ" in fit.message_vi


def test_a_person_may_cover_some_of_the_unit_functions_but_no_other() -> None:
    staff = """\
      - {role: agent, headcount: 12, contract: full_time, shifts: [early, late], functions: [support, sales]}
      - {role: agent, headcount: 12, contract: full_time, shifts: [early_b, late_b], functions: [billing]}"""
    text = _hotline(staff, TWO_SHIFTS).replace(
        "roles:", "functions:\n  - {id: billing, name: Billing}\nroles:"
    )
    found = [f for f in _where(text) if f[0] == "staff-function-outside-unit"]
    assert found == [("staff-function-outside-unit", 30, 98)]


def test_unknown_shifts_and_contracts_are_references_to_nothing() -> None:
    staff = "      - {role: agent, headcount: 24, contract: full_tme, shifts: [erly, late]}"
    found = {f.code: f for f in _findings(_hotline(staff, TWO_SHIFTS))}
    assert "did you mean `full_time`?" in found["unknown-contract"].message
    assert "did you mean `early`?" in found["unknown-shift"].message
    assert "chưa được khai báo" in found["unknown-shift"].message_vi
