"""Nothing the user wrote is silently dropped or changed: each case is a located finding."""

from __future__ import annotations

import unicodedata

import pytest

from cskh_org.loading import validate_text
from tests.loading.test_numbers import DOCUMENT

SECOND_UNIT = """\
  - id: team
    name: {vi: Nhóm hỗ trợ, en: Support team}
    parent: cskh
    head: care_agent
    staff: [{role: care_agent}]
"""


def _doc(*swaps: tuple[str, str], extra: str = "") -> str:
    text = DOCUMENT
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + extra


def _found(text: str) -> list[tuple[str, str, int, int]]:
    result = validate_text(text, name="d.yaml")
    return [
        (f.code, f.severity.value, f.location.line, f.location.column)
        for f in result.findings
        if f.location is not None
    ]


def test_the_base_document_has_no_findings() -> None:
    assert _found(_doc()) == []


@pytest.mark.parametrize("cost", ["28000000.4", "28000000.4 VND"])
def test_a_vnd_cost_with_decimals_is_the_same_error_plain_or_with_its_code(cost: str) -> None:
    assert ("invalid-money", "error", 9, 19) in _found(_doc(("12000000 VND", cost)))


@pytest.mark.parametrize("cost", ["-5", "-5 VND", "{amount: -5, currency: VND}"])
def test_a_negative_cost_is_an_error(cost: str) -> None:
    assert ("invalid-money", "error", 9, 19) in _found(_doc(("12000000 VND", cost)))


BUDGET = (
    "budget:\n  fiscal_year: 2027\n  lines:\n"
    "    - {{id: crm, unit: cskh, category: tools, amount: 1000, months: {months}}}\n"
)


@pytest.mark.parametrize("months", ["[3, 3, 9]", "[]"])
def test_a_month_listed_twice_or_no_month_is_an_error(months: str) -> None:
    text = _doc(extra=BUDGET.format(months=months))
    found = _found(text)
    assert any(c == "invalid-value" and line == 21 for c, _, line, _ in found), found


@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        ("channels: [phone, email]", "channels: [phone, email, phone]", 15, 30),
        ("sales]", "sales, support]", 14, 98),
        ("monthly_cost: 12000000 VND", "monthly_cost: 12000000 VND\n    skills: [vi, vi]", 10, 18),
        ("timezone: Asia/Ho_Chi_Minh", "timezone: Asia/Ho_Chi_Minh\nlanguages: [vi, en, vi]",
         6, 21),
    ],
)  # fmt: skip
def test_a_repeated_list_entry_is_a_warning_at_the_repeat(
    old: str, new: str, line: int, column: int
) -> None:
    assert ("duplicate-entry", "warning", line, column) in _found(_doc((old, new)))


@pytest.mark.parametrize(
    ("written", "code"), [("1_", "invalid-value"), ("012", "ambiguous-number")]
)
def test_a_headcount_that_is_not_plainly_a_number_is_an_error(written: str, code: str) -> None:
    text = _doc(
        ("      - role: care_agent", f"      - role: care_agent\n        headcount: {written}")
    )
    assert (code, "error", 18, 20) in _found(text)


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\U000e0041"]
)
def test_an_invisible_character_in_a_name_is_an_error(char: str) -> None:
    text = _doc(("en: Customer care}\ncurrency", f"en: Cus{char}tomer care}}\ncurrency"))
    found = _found(text)
    assert any(c == "invalid-text" and line == 3 for c, _, line, _ in found), found


def _with_team(name: str) -> str:
    team = SECOND_UNIT.replace("{vi: Nhóm hỗ trợ, en: Support team}", name)
    return _doc(
        ("    staff:\n      - role: care_agent\n", "    staff:\n      - role: care_agent\n" + team)
    )


@pytest.mark.parametrize(
    "name",
    [
        "{vi: Chăm sóc khách hàng, en: Сustomer care}",  # Cyrillic С
        "{vi: Chăm sóc khách hàng, en: CUSTOMER CARE}",
        "{vi: " + unicodedata.normalize("NFD", "Chăm sóc khách hàng") + ", en: Support team}",
    ],
)
def test_two_unit_names_that_look_the_same_are_a_warning(name: str) -> None:
    found = _found(_with_team(name))
    assert any(
        c == "name-lookalike" and s == "warning" and line == 19 for c, s, line, _ in found
    ), found


def test_nfc_and_nfd_of_one_name_are_reported_as_a_normalisation_difference() -> None:
    nfd = unicodedata.normalize("NFD", "Chăm sóc khách hàng")
    result = validate_text(_with_team("{vi: " + nfd + ", en: Support team}"))
    (finding,) = [f for f in result.findings if f.code == "name-lookalike"]
    assert "normalisation" in finding.message
    assert finding.path == ("units", 1, "name", "vi")


def test_vietnamese_with_combining_marks_stays_valid() -> None:
    nfd = unicodedata.normalize("NFD", "Nhóm hỗ trợ kỹ thuật")
    result = validate_text(_with_team("{vi: " + nfd + ", en: Support team}"))
    assert result.ok(strict=True), result.findings
    assert result.department is not None
    assert result.department.units[1].name["vi"] == nfd  # kept as written


def test_a_word_mixing_scripts_is_a_warning() -> None:
    found = _found(_with_team("{vi: Nhóm hỗ trợ, en: Suppоrt team}"))  # Cyrillic о
    assert any(c == "name-mixed-script" and line == 19 for c, _, line, _ in found), found


def test_unit_ids_that_differ_only_in_case_or_separator_are_a_warning() -> None:
    text = _with_team("{vi: Nhóm hỗ trợ, en: Support team}").replace("  - id: team", "  - id: Cskh")
    found = _found(text)
    assert any(c == "name-lookalike" and line == 18 for c, _, line, _ in found), found
