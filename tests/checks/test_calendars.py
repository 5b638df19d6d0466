"""Calendars' public holidays: the country and subdivision codes (build stage) and the
`calendar-holidays` check (cskh_org/checks/calendars.py), one small inline document each.

Each document is written out in full so the asserted line numbers can be read off the text.
"""

from __future__ import annotations

import datetime

import pytest

import cskh_org
from cskh_org.checks import REGISTRY, load_builtin_checks
from cskh_org.checks import calendars as calendar_checks
from cskh_org.findings import Finding, Severity

ALL_SIX = "[account_management, loyalty, returns_warranty, issue_resolution, support, sales]"


def _document(calendar: str) -> str:
    """A clean one-unit shop whose unit works on ``calendar`` (lines 16 on are the calendar's
    keys, indented under `- id: office`)."""
    return f"""\
id: shop
name: {{vi: Cửa hàng, en: Shop}}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Chủ cửa hàng, monthly_cost: 15000000 VND}}
people:
  - {{id: lan, name: Nguyễn Thị Lan}}
units:
  - {{id: care, name: CSKH, head: owner, functions: {ALL_SIX}, channels: [phone], calendar: office,
     staff: [{{role: owner, person: lan}}]}}
calendars:
  - id: office
    name: Giờ hành chính
    week: {{mon: [08:00-17:00], tue: [08:00-17:00], wed: [08:00-17:00]}}
{calendar}"""


def _findings(calendar: str) -> list[Finding]:
    return list(cskh_org.validate_text(_document(calendar), name="dept.yaml").findings)


def _one(calendar: str, code: str) -> Finding:
    found = [f for f in _findings(calendar) if f.code == code]
    assert len(found) == 1, [str(f) for f in _findings(calendar)]
    return found[0]


def test_a_country_with_local_additions_and_exclusions_is_clean() -> None:
    """`public_holidays` with a valid country, names and dates to exclude, and local holidays
    gives no finding."""
    calendar = """\
    public_holidays:
      country: VN
      exclude: [Vietnam Cultural Day, Ngày Quốc tế Lao động, 2028-01-24]
    holidays:
      - {date: 2028-02-01, name: Nghỉ thêm sau Tết}
"""
    assert _findings(calendar) == []


def test_unknown_country_is_a_located_error_with_a_suggestion() -> None:
    """A country code the package does not know is `invalid-country` at the value, with the
    nearest code suggested; the document does not build (no traceback)."""
    calendar = "    public_holidays: {country: vn}\n"
    result = cskh_org.validate_text(_document(calendar), name="dept.yaml")
    assert result.department is None
    [finding] = [f for f in result.findings if f.code == "invalid-country"]
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == "dept.yaml:16:32"
    assert "(did you mean `VN`?)" in finding.message
    assert "ISO 3166-1 alpha-2" in finding.message


def test_unknown_subdivision_is_a_located_error() -> None:
    """A subdivision of a country without any, or one the country lacks, is
    `invalid-subdivision` at the value."""
    finding = _one("    public_holidays: {country: VN, subdivision: HN}\n", "invalid-subdivision")
    assert str(finding.location) == "dept.yaml:16:49"
    assert "has no subdivisions" in finding.message
    finding = _one("    public_holidays: {country: US, subdivision: ca}\n", "invalid-subdivision")
    assert "(did you mean `CA`?)" in finding.message


def test_excluding_what_is_no_public_holiday_is_an_error() -> None:
    """An excluded name that names no public holiday (with the nearest name suggested) or an
    excluded date that is none is `public-holiday-unknown` at the entry."""
    calendar = """\
    public_holidays:
      country: VN
      exclude: [Vietnam Culture Day, 2028-01-31]
"""
    found = [f for f in _findings(calendar) if f.code == "public-holiday-unknown"]
    assert [str(f.location) for f in found] == ["dept.yaml:18:17", "dept.yaml:18:38"]
    assert all(f.severity is Severity.ERROR for f in found)
    assert "(did you mean `Vietnam Cultural Day`?)" in found[0].message
    assert "2028-01-31, which is not a public holiday of `VN`" in found[1].message


@pytest.mark.parametrize(("today", "noted"), [("2027-06-01", True), ("2026-12-01", False)])
def test_typed_in_holidays_that_end_this_year_are_noted(
    monkeypatch: pytest.MonkeyPatch, today: str, noted: bool
) -> None:
    """Holidays typed in up to this year only, with no country, are a `holidays-run-out` note
    (info: validation still passes with --strict); up to next year they are not."""
    monkeypatch.setattr(calendar_checks, "_today", lambda: datetime.date.fromisoformat(today))
    calendar = """\
    holidays:
      - {date: 2027-02-05, until: 2027-02-10, name: Tết Nguyên đán}
"""
    found = [f for f in _findings(calendar) if f.code == "holidays-run-out"]
    assert bool(found) is noted
    if noted:
        assert found[0].severity is Severity.INFO
        assert str(found[0].location) == "dept.yaml:17:7"
        assert "public_holidays: {country: VN}" in found[0].message
        assert cskh_org.validate_text(_document(calendar)).ok(strict=True)


def test_the_check_declares_its_codes() -> None:
    load_builtin_checks()
    codes = REGISTRY["calendar-holidays"].codes
    assert codes == {"public-holiday-unknown": Severity.ERROR, "holidays-run-out": Severity.INFO}
