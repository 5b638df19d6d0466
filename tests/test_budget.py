"""The budget engine: costed cells, the rounding rule, roll-ups, what-ifs, actuals and variance."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.budget import (
    DEPARTMENT_WIDE,
    DIMENSIONS,
    NO_FUNCTION,
    BudgetPlan,
    ExclusionReason,
    Rollup,
    StructureChange,
    plan,
    read_actuals,
    variance,
)
from cskh_org.errors import UsageError
from cskh_org.model import BUILTIN_FUNCTIONS, Department
from cskh_org.model.budget import CostCategory
from cskh_org.money import MAX_AMOUNT
from cskh_org.report.budget import table_csv, table_text

SIX = list(BUILTIN_FUNCTIONS)
PAIRS = [*itertools.combinations(DIMENSIONS, 2), ("month", "unit"), ("category", "function")]
GROUPINGS: list[tuple[str, ...]] = [(), *((d,) for d in DIMENSIONS), *PAIRS]

HEAD = """\
id: shop
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: CURRENCY
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
externals:
  - {id: head_of_sales, name: Head of sales, kind: head_of_sales, reports_to: board}
  - {id: board, name: Board, kind: board}
"""

VND_DOC = (
    HEAD.replace("CURRENCY", "VND")
    + """\
roles:
  - {id: manager, title: Manager, level: 3, monthly_cost: 30000000 VND}
  - {id: agent, title: {vi: Nhân viên CSKH, en: Care agent}, monthly_cost: 12345679 VND}
units:
  - id: care
    name: Care
    head: manager
    functions: [account_management, loyalty, sales]
    staff: [{role: manager}]
  - id: support
    name: Support
    parent: care
    head: agent
    functions: [issue_resolution, support, returns_warranty]
    staff: [{role: agent, fte: 0.5}]
budget:
  fiscal_year: 2026
  start_month: START
  approval:
    prepare: {unit: care}
    review: {external: head_of_sales}
    approve: {external: board}
  lines:
LINES
"""
)


def vnd_doc(lines: str = "    []", start_month: int = 4) -> str:
    """The two-unit VND document with the given budget lines (YAML, indented four spaces)."""
    body = VND_DOC.replace("START", str(start_month))
    if lines.strip() == "[]":
        return body.replace("  lines:\nLINES\n", "  lines: []\n")
    return body.replace("LINES", lines.rstrip("\n"))


def load_any(text: str) -> Department:
    """The department of ``text`` even when a check reports an error (for broken budgets)."""
    department = cskh_org.validate_text(text).department
    assert department is not None
    return department


def cells_by_key(p: BudgetPlan) -> dict[tuple[str, str, str, int], Decimal]:
    return {(c.unit, c.function, c.category.value, c.month): c.amount for c in p.cells()}


# -- hand examples ----------------------------------------------------------------------------


def test_half_time_staff_line_is_rounded_once_and_split_across_functions() -> None:
    """0.5 FTE × 12,345,679 VND is 6,172,839.5, rounded half up once to 6,172,840 a month,
    split 2,057,614 + 2,057,613 + 2,057,613 over the unit's three functions."""
    p = plan(cskh_org.loads(vnd_doc()))
    cells = cells_by_key(p)
    month = {f: cells["support", f, "staff", 1] for f in ("issue_resolution", "support")}
    assert month == {"issue_resolution": Decimal(2057614), "support": Decimal(2057613)}
    assert cells["support", "returns_warranty", "staff", 7] == Decimal(2057613)
    by_unit = p.rollup(["unit"]).rows
    assert by_unit["support",] == 12 * Decimal(6172840)
    assert by_unit["care",] == 12 * Decimal(30000000)
    assert p.staffing("support", "agent") == (Decimal("0.5"),) * 12


def test_tet_gift_line_lands_in_its_fiscal_month() -> None:
    """With the fiscal year starting in April 2026, Tết gifts dated 6 February 2027 cost their
    whole amount in fiscal month 11 (2027-02), under the unit's first function."""
    lines = """\
    - id: tet_gifts
      unit: care
      category: loyalty
      amount: 150000000 VND
      date: 2027-02-06
      description: {vi: Quà Tết cho khách VIP, en: Tết gifts for VIP customers}
"""
    p = plan(cskh_org.loads(vnd_doc(lines)))
    assert p.fiscal_month(dt.date(2027, 2, 6)) == 11
    assert p.period(11) == "2027-02"
    loyalty = p.rollup(["category", "month"]).rows
    assert loyalty["loyalty", 11] == Decimal(150000000)
    assert [k for k in loyalty if k[0] == "loyalty"] == [("loyalty", 11)]
    assert cells_by_key(p)["care", "account_management", "loyalty", 11] == Decimal(150000000)
    assert p.dates_outside_year() == ()


def test_usd_amounts_keep_their_cents() -> None:
    """In USD every figure has two decimals: 0.333 FTE × 1,234.57 is 411.11181, rounded to
    411.11; a 19.99 line over three months sums to 59.97."""
    doc = (
        HEAD.replace("CURRENCY", "USD")
        + """\
roles:
  - {id: agent, title: Agent, monthly_cost: 1234.57 USD}
units:
  - id: desk
    name: Desk
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: agent, fte: 0.333}, {role: agent, headcount: 2}]
budget:
  fiscal_year: 2026
  lines:
    - {id: chat, unit: desk, category: tools, amount: 19.99 USD, months: [1, 2, 3]}
    - {id: course, unit: desk, category: training, amount: 100 USD, months: [6]}
"""
    )
    p = plan(cskh_org.loads(doc))
    staff = p.rollup(["category", "month"]).rows["staff", 1]
    assert staff == Decimal("411.11") + 2 * Decimal("1234.57")
    assert p.rollup(["category"]).rows["tools",] == Decimal("59.97")
    training = p.rollup(["category"]).rows["training",]
    assert str(training) == "100.00"
    assert all(c.amount.as_tuple().exponent == -2 for c in p.cells())
    assert p.rollup(["month"]).to_dict()["rows"][5]["amount"] == str(staff + Decimal(100))


def test_vnd_figures_have_no_decimals() -> None:
    """In VND every cell, row and total is a whole number of dong."""
    p = plan(cskh_org.loads(vnd_doc()))
    assert all(c.amount.as_tuple().exponent == 0 for c in p.cells())
    for by in GROUPINGS:
        rollup = p.rollup(by)
        assert all("." not in row["amount"] for row in rollup.to_dict()["rows"])
        assert "." not in str(rollup.total)


def test_monthly_line_costs_only_in_its_months() -> None:
    """A line with ``months: [1, 7]`` costs its amount in those two fiscal months only."""
    lines = "    - {id: crm, unit: support, category: tools, amount: 5000000, months: [1, 7]}\n"
    p = plan(cskh_org.loads(vnd_doc(lines)))
    tools = {k: v for k, v in p.rollup(["category", "month"]).rows.items() if k[0] == "tools"}
    assert tools == {("tools", 1): Decimal(5000000), ("tools", 7): Decimal(5000000)}


def test_an_annual_amount_is_spread_over_its_months_exactly() -> None:
    """`per: year`: 100,000,000 VND (which 12 does not divide) is valid and spread over the
    12 months, one more dong in each of the first four, summing exactly to the amount; over
    `months: [1, 7, 9]` it is spread over those three; the caps see the amount as written."""
    lines = (
        "    - {id: crm, unit: support, category: tools, amount: 100000000, per: year}\n"
        "    - {id: fair, unit: care, category: campaigns, amount: 1000, per: year,"
        " months: [9, 1, 7]}\n"
    )
    result = cskh_org.validate_text(vnd_doc(lines))
    assert result.ok(strict=True), result.findings
    p = plan(result.unwrap())
    by = p.rollup(["category", "month"]).rows
    tools = [by.get(("tools", m), Decimal(0)) for m in range(1, 13)]
    assert tools == [Decimal(8_333_334)] * 4 + [Decimal(8_333_333)] * 8
    assert p.rollup(["category"]).rows[("tools",)] == Decimal(100_000_000)
    campaigns = {k[1]: v for k, v in by.items() if k[0] == "campaigns"}
    assert campaigns == {1: Decimal(334), 7: Decimal(333), 9: Decimal(333)}


WHOLE_DEPARTMENT = (
    "    - {id: fair, category: campaigns, amount: 50000000, date: 2026-06-15, function: sales}\n"
    "    - {id: survey, category: tools, amount: 1000000, months: [1, 2]}\n"
)


def test_a_line_of_the_whole_department_is_its_own_row() -> None:
    """A line without `unit` (a fair run with marketing) is planned in a `(department)` row,
    after the units, in its function (or none) and month; it belongs to no unit."""
    result = cskh_org.validate_text(vnd_doc(WHOLE_DEPARTMENT))
    assert result.ok(strict=True), result.findings
    department = result.unwrap()
    p = plan(department)
    assert p.units == ("care", "support")
    by_unit = p.rollup(["unit"]).rows
    assert list(by_unit) == [("care",), ("support",), (DEPARTMENT_WIDE,)]
    assert by_unit[(DEPARTMENT_WIDE,)] == Decimal(52_000_000)
    cells = {k: v for k, v in cells_by_key(p).items() if k[0] == DEPARTMENT_WIDE}
    assert cells == {
        (DEPARTMENT_WIDE, "sales", "campaigns", 3): Decimal(50_000_000),  # June, from April
        (DEPARTMENT_WIDE, NO_FUNCTION, "tools", 1): Decimal(1_000_000),
        (DEPARTMENT_WIDE, NO_FUNCTION, "tools", 2): Decimal(1_000_000),
    }
    assert p.total == sum(by_unit.values())
    shown = table_text(p.rollup(["unit"]), department, digits=p.digits, lang="en")
    assert DEPARTMENT_WIDE in shown
    vi = table_text(p.rollup(["unit"]), department, digits=p.digits, lang="vi")
    assert "(toàn phòng)" in vi


def test_a_line_of_the_whole_department_counts_in_the_total_cap_only() -> None:
    """The care unit's cap is its staff exactly (360,000,000): the department's 52,000,000
    do not push it over; the total cap sees them."""
    caps = "  caps:\n    units: {care: 360000000}\n    total: 450000000\n"
    result = cskh_org.validate_text(vnd_doc(WHOLE_DEPARTMENT) + caps)
    codes = [f.code for f in result.findings if f.code.startswith("budget-")]
    assert codes == ["budget-total-over-cap"]
    [total] = [f for f in result.findings if f.code == "budget-total-over-cap"]
    assert "486_074_080 VND" in total.message  # staff 434,074,080 + lines 52,000,000


def test_actual_spend_of_the_whole_department_meets_its_plan() -> None:
    p = plan(cskh_org.loads(vnd_doc(WHOLE_DEPARTMENT)))
    actuals = (
        "date,unit,category,amount\n"
        f"2026-06-20,{DEPARTMENT_WIDE},campaigns,48000000\n"
        "2026-06-20,,campaigns,1\n"
    )
    result = read_actuals(actuals.splitlines(keepends=True), p)
    [problem] = result.problems
    assert (problem.line, problem.column) == (3, "unit")
    assert DEPARTMENT_WIDE in str(problem)
    row = variance(p, result, ["unit"]).rows[(DEPARTMENT_WIDE,)]
    assert (row.planned, row.actual) == (Decimal(52_000_000), Decimal(48_000_000))


def test_a_monthly_amount_with_decimals_suggests_the_annual_form() -> None:
    """An annual sum divided by hand (8,333,333.33 VND a month) is still refused, and the
    finding says how to write the year's amount; `per: year` on a dated line is refused."""
    lines = "    - {id: crm, unit: support, category: tools, amount: 8333333.33}\n"
    [finding] = [
        f for f in cskh_org.validate_text(vnd_doc(lines)).findings if f.code == "budget-precision"
    ]
    assert "`per: year`" in finding.message
    dated = (
        "    - {id: gifts, unit: care, category: loyalty, amount: 1000, per: year,"
        " date: 2026-05-01}\n"
    )
    codes = {f.code for f in cskh_org.validate_text(vnd_doc(dated)).findings if f.severity.is_error}
    assert codes == {"invalid-value"}


def test_a_document_without_a_budget_cannot_be_planned() -> None:
    """`plan` of a document with no `budget` section raises UsageError naming the section."""
    text = vnd_doc().split("budget:")[0]
    with pytest.raises(UsageError, match="no `budget` section"):
        plan(cskh_org.loads(text))


def test_other_currencies_and_out_of_year_dates_are_left_out_and_listed() -> None:
    """A USD line in a VND plan and a line dated after the fiscal year are listed with their
    paths and left out of every total."""
    lines = """\
    - {id: crm, unit: support, category: tools, amount: 100 USD}
    - {id: gifts, unit: care, category: loyalty, amount: 1000000, date: 2027-04-01}
    - {id: ok, unit: care, category: other, amount: 7, months: [2]}
"""
    p = plan(load_any(vnd_doc(lines)))
    (mismatch,) = p.currency_mismatches()
    assert (mismatch.path, mismatch.currency, mismatch.source) == (
        ("budget", "lines", 0, "amount"),
        "USD",
        "crm",
    )
    (late,) = p.dates_outside_year()
    assert late.reason is ExclusionReason.OUTSIDE_FISCAL_YEAR
    assert late.path == ("budget", "lines", 1, "date")
    assert "2026-04-01 to 2027-03-31" in late.message
    assert p.rollup(["category"]).rows.keys() == {("staff",), ("other",)}
    assert p.rollup(["category"]).rows["other",] == Decimal(7)


def test_plain_budget_amounts_are_in_the_plans_currency() -> None:
    """With a USD budget in a VND department, a plain budget amount is USD while a plain role
    cost is VND (so that staff cost is listed as a mismatch and left out)."""
    doc = vnd_doc("    - {id: chat, unit: care, category: tools, amount: 12.5}\n").replace(
        "  start_month: 4\n", "  start_month: 4\n  currency: USD\n"
    )
    p = plan(load_any(doc))
    assert p.currency == "USD"
    assert p.rollup(["category"]).rows == {("tools",): Decimal("150.00")}
    mismatches = p.currency_mismatches()
    assert [(m.source, m.currency, m.path) for m in mismatches] == [
        ("manager", "VND", ("units", 0, "staff", 0, "role")),
        ("agent", "VND", ("units", 1, "staff", 0, "role")),
    ]


def test_rollup_rows_follow_document_and_enum_order() -> None:
    """Rows list units in document order, categories in enum order and months 1-12, in the
    order of the dimensions asked for."""
    lines = """\
    - {id: a, unit: support, category: other, amount: 1}
    - {id: b, unit: support, category: tools, amount: 2}
"""
    p = plan(cskh_org.loads(vnd_doc(lines)))
    assert list(p.rollup(["unit"]).rows) == [("care",), ("support",)]
    assert list(p.rollup(["category"]).rows) == [("staff",), ("tools",), ("other",)]
    by_month_unit = list(p.rollup(["month", "unit"]).rows)
    assert by_month_unit[:3] == [(1, "care"), (1, "support"), (2, "care")]
    assert len(by_month_unit) == 24
    assert list(p.rollup(["unit", "month"]).rows)[:2] == [("care", 1), ("care", 2)]
    assert list(p.rollup(()).rows) == [()]


def test_bad_groupings_are_refused() -> None:
    """Unknown dimensions (with a suggestion), the same one twice and three at once are
    refused."""
    p = plan(cskh_org.loads(vnd_doc()))
    with pytest.raises(UsageError, match="did you mean `month`"):
        p.rollup(["months"])
    with pytest.raises(UsageError, match="same dimension twice"):
        p.rollup(["unit", "unit"])
    with pytest.raises(UsageError, match="at most two"):
        p.rollup(["unit", "month", "category"])
    assert p.rollup("unit").by == ("unit",)


def test_three_more_agents_in_support_from_april() -> None:
    """+3 agents in support from April (fiscal year from January) cost 3 × 12,345,679 VND in
    each of months 4-12, split over support's three functions."""
    p = plan(cskh_org.loads(vnd_doc(start_month=1)))
    change = StructureChange("support", "agent", 3, from_month=4)
    after = p.apply(change)
    by_month = p.diff(after, ["month"])
    assert list(by_month.rows) == [(m,) for m in range(4, 13)]
    assert set(by_month.rows.values()) == {Decimal(37037037)}
    assert by_month.total == 9 * Decimal(37037037) == after.total - p.total
    by_function = p.diff(after, ["function"]).rows
    assert by_function == {
        ("returns_warranty",): 9 * Decimal(12345679),
        ("issue_resolution",): 9 * Decimal(12345679),
        ("support",): 9 * Decimal(12345679),
    }
    assert after.staffing("support", "agent")[2:4] == (Decimal("0.5"), Decimal("3.5"))
    assert after.changes == (change,)
    assert str(change) == "+3 agent in support from month 4"


def test_a_change_followed_by_its_inverse_restores_the_plan() -> None:
    """Adding two half-time agents for months 3-5, then removing them, gives the same cells."""
    p = plan(cskh_org.loads(vnd_doc()))
    change = StructureChange("support", "agent", 2, Decimal("0.5"), from_month=3, until_month=5)
    back = p.apply(change).apply(change.inverse())
    assert list(back.cells()) == list(p.cells())
    assert p.diff(back, ["unit"]).rows == {}


def test_impossible_changes_are_refused() -> None:
    """Removing more FTE than the unit has, an unknown unit or role, or bad months raise
    UsageError."""
    p = plan(cskh_org.loads(vnd_doc()))
    with pytest.raises(UsageError, match="cannot remove 1 FTE"):
        p.apply(StructureChange("support", "agent", -1))
    with pytest.raises(UsageError, match="did you mean `support`"):
        p.apply(StructureChange("suport", "agent", 1))
    with pytest.raises(UsageError, match="did you mean `agent`"):
        p.apply(StructureChange("support", "agnt", 1))
    with pytest.raises(UsageError, match="from a fiscal month to a later one"):
        StructureChange("support", "agent", 1, from_month=5, until_month=4)
    with pytest.raises(UsageError, match="adds or removes"):
        StructureChange("support", "agent", 0)


def test_outputs_for_the_cli() -> None:
    """CSV and JSON keep exact amounts; the table right-aligns amounts with separators."""
    department = cskh_org.loads(vnd_doc())
    p = plan(department)
    rollup = p.rollup(["unit", "month"])
    csv_lines = table_csv(rollup).splitlines()
    assert csv_lines[0] == "unit,month,period,amount"
    assert csv_lines[1] == "care,1,2026-04,30000000"
    assert len(csv_lines) == 25
    data = json.loads(json.dumps(rollup.to_dict()))
    assert data["total"] == "434074080"
    assert data["rows"][-1] == {
        "unit": "support",
        "month": 12,
        "period": "2027-03",
        "amount": "6172840",
    }
    table = table_text(p.rollup(["unit"]), department, digits=0, lang="en")
    assert table.splitlines() == [
        "unit     amount (VND)",
        "-------  ------------",
        "care      360,000,000",
        "support    74,074,080",
        "-------  ------------",
        "total     434,074,080",
    ]
    vi = table_text(p.rollup(["unit"]), department, digits=0, lang="vi")
    assert vi.splitlines()[0] == "đơn vị   số tiền (VND)"
    assert vi.splitlines()[-1] == "tổng       434.074.080"
    total = table_text(p.rollup(()), department, digits=0, lang="en")
    assert total.splitlines()[-1] == "total   434,074,080"
    assert p.rollup(["category"]).to_rows() == [{"category": "staff", "amount": Decimal(434074080)}]


# -- actuals and variance ---------------------------------------------------------------------

ACTUALS = """\
date,unit,category,amount
2026-04-30,support,staff,6172840
2026-05-31,support,staff,6000000
2026-04-15,care,tools,1200000

2026-04-15,suport,tools,100
2026-04-15,care,tool,100
2026-13-01,care,tools,100
2026-06-01,care,tools,"1,200"
2027-04-01,care,tools,100
2026-06-01,care,training,100.5
2026-04-15,care,tools,1
2026-07-01,care,tools
"""


def test_actuals_report_each_bad_row_by_line() -> None:
    """Each kind of bad row is skipped and reported on its line; good rows are read."""
    p = plan(cskh_org.loads(vnd_doc()))
    result = read_actuals(ACTUALS.splitlines(keepends=True), p)
    assert [(e.line, e.month, e.amount) for e in result.entries] == [
        (2, 1, Decimal(6172840)),
        (3, 2, Decimal(6000000)),
        (4, 1, Decimal(1200000)),
    ]
    problems = [(x.line, x.column) for x in result.problems]
    assert problems == [
        (6, "unit"),
        (7, "category"),
        (8, "date"),
        (9, "amount"),
        (10, "date"),
        (11, "amount"),
        (12, None),
        (13, None),
    ]
    text = [str(x) for x in result.problems]
    assert "did you mean `support`" in text[0]
    assert "did you mean `tools`" in text[1]
    assert "YYYY-MM-DD" in text[2]
    assert "thousands separators" in text[3]
    assert "outside fiscal year 2026" in text[4]
    assert "more decimals than VND allows" in text[5]
    assert "already on line 4" in text[6]
    assert not result.ok


def test_actuals_amounts_are_bounded_like_money() -> None:
    """An amount cell of 10^15 or more, or longer than 40 characters, is a problem of its row
    (like money in a document: `MAX_AMOUNT`), never a number of 5,000 digits; a cell of
    30,000 characters (two in a row stay under the line limit) is quoted in 40 and compared
    with no name."""
    p = plan(cskh_org.loads(vnd_doc()))
    huge = "x" * 30_000
    lines = [
        "date,unit,category,amount",
        f"2026-04-01,care,tools,{MAX_AMOUNT}",
        f"2026-04-02,care,tools,-{MAX_AMOUNT + 1}",
        "2026-04-03,care,tools,1" + "0" * 5000,
        f"2026-04-04,care{huge},tools{huge},1",
        f"2026-04-05,care,tools,{MAX_AMOUNT - 1}",
    ]
    result = read_actuals(lines, p)
    assert [e.line for e in result.entries] == [6]
    problems = [(x.line, x.column) for x in result.problems]
    assert problems == [(2, "amount"), (3, "amount"), (4, "amount"), (5, "unit"), (5, "category")]
    text = [str(x) for x in result.problems]
    assert "more than an amount can be" in text[0]
    assert "more than an amount can be" in text[1]
    assert "longer than an amount can be (40 characters)" in text[2]
    assert all(len(t) < 300 for t in text)


def test_actuals_header_and_currency_column() -> None:
    """A header without `amount` is reported on line 1; a `currency` cell must be the plan's."""
    p = plan(cskh_org.loads(vnd_doc()))
    missing = read_actuals(["date,unit,category,ammount"], p)
    assert [(x.line, x.column) for x in missing.problems] == [(1, "ammount"), (1, None)]
    assert "did you mean `amount`" in str(missing.problems[0])
    with_currency = read_actuals(
        [
            "\ufeffdate,unit,category,amount,currency",
            "2026-04-01,care,tools,5,VND",
            "2026-04-02,care,tools,5,USD",
        ],
        p,
    )
    assert [e.line for e in with_currency.entries] == [2]
    assert [(x.line, x.column) for x in with_currency.problems] == [(3, "currency")]
    assert read_actuals([], p).problems[0].line == 1


def test_variance_against_the_plan() -> None:
    """Variance by unit and month shows planned, actual, the difference and its percent."""
    department = cskh_org.loads(vnd_doc())
    p = plan(department)
    actuals = read_actuals(ACTUALS.splitlines(), p)
    table = variance(p, actuals, ["unit", "month"])
    row = table.rows["support", 2]
    assert (row.planned, row.actual, row.difference) == (
        Decimal(6172840),
        Decimal(6000000),
        Decimal(-172840),
    )
    assert row.percent == Decimal("-2.8")
    care = table.rows["care", 1]
    assert (care.actual, care.difference, care.percent) == (
        Decimal(1200000),
        Decimal(-28800000),
        Decimal("-96.0"),
    )
    assert table.total.actual == Decimal(6172840 + 6000000 + 1200000)
    assert table.total.planned == p.total
    assert sum(r.actual for r in table.rows.values()) == table.total.actual
    by_category = variance(p, actuals, ["category"]).rows
    assert by_category["tools",].planned == 0
    assert by_category["tools",].percent is None
    by_cat = variance(p, actuals, ["category"])
    assert "n/a" in table_text(by_cat, department, digits=0, lang="en")
    assert "không có" in table_text(by_cat, department, digits=0, lang="vi")
    assert table_csv(variance(p, actuals, ["unit"])).splitlines()[0] == (
        "unit,planned,actual,difference,percent"
    )
    with pytest.raises(UsageError, match="cannot group by `function`"):
        variance(p, actuals, ["function"])


# -- properties -------------------------------------------------------------------------------

FTES = [Decimal(x) for x in ("1", "0.5", "0.333", "0.25", "0.125", "0.75", "0.4", "0.001")]
OTHER = [c.value for c in CostCategory if c is not CostCategory.STAFF]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid department (VND or USD) with staff, monthly, partial and dated budget lines."""
    currency = draw(st.sampled_from(["VND", "USD"]))
    digits = 0 if currency == "VND" else 2

    def money(low: int, high: int) -> str:
        minor = draw(st.integers(low * 10**digits, high * 10**digits))
        amount = Decimal(minor).scaleb(-digits)
        return f"{amount} {currency}"

    roles = [
        {"id": f"r{i}", "title": f"Role {i}", "monthly_cost": money(1, 10**8)}
        for i in range(draw(st.integers(1, 3)))
    ]
    role_ids = [r["id"] for r in roles]
    n_units = draw(st.integers(1, 4))
    units: list[dict[str, Any]] = []
    for i in range(n_units):
        head = draw(st.sampled_from(role_ids))
        staff = [{"role": head, "headcount": draw(st.integers(1, 6)), "fte": 1}]
        for _ in range(draw(st.integers(0, 3))):
            staff.append(
                {
                    "role": draw(st.sampled_from(role_ids)),
                    "headcount": draw(st.integers(0, 12)),
                    "fte": float(draw(st.sampled_from(FTES))),
                }
            )
        functions = SIX if i == 0 else draw(st.lists(st.sampled_from(SIX), unique=True))
        unit: dict[str, Any] = {
            "id": f"u{i}",
            "name": f"Unit {i}",
            "head": head,
            "functions": functions,
            "staff": staff,
        }
        if i:
            unit["parent"] = "u0"
        units.append(unit)
    start_month = draw(st.integers(1, 12))
    first = dt.date(2026, start_month, 1)
    lines = []
    for n in range(draw(st.integers(0, 10))):
        unit = draw(st.sampled_from(units))
        line: dict[str, Any] = {
            "id": f"l{n}",
            "unit": unit["id"],
            "category": draw(st.sampled_from(OTHER)),
            "amount": money(0, 10**9),
        }
        when = draw(st.sampled_from(["all", "months", "date"]))
        if when == "months":
            line["months"] = draw(
                st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True)
            )
        elif when == "date":
            line["date"] = first + dt.timedelta(days=draw(st.integers(0, 364)))
        if unit["functions"] and draw(st.booleans()):
            line["function"] = draw(st.sampled_from(unit["functions"]))
        lines.append(line)
    return {
        "id": "generated",
        "name": "Generated",
        "currency": currency,
        "timezone": "Asia/Ho_Chi_Minh",
        "roles": roles,
        "units": units,
        "budget": {"fiscal_year": 2026, "start_month": start_month, "lines": lines},
    }


def load_doc(doc: dict[str, Any]) -> BudgetPlan:
    department = cskh_org.loads(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    return plan(department)


def grouped(rollup: Rollup, position: int) -> dict[tuple[str | int, ...], Decimal]:
    out: dict[tuple[str | int, ...], Decimal] = {}
    for keys, amount in rollup.rows.items():
        key = (keys[position],)
        out[key] = out.get(key, Decimal(0)) + amount
    return out


@settings(max_examples=100, deadline=None)
@given(documents())
def test_every_rollup_sums_exactly_to_the_total(doc: dict[str, Any]) -> None:
    """Each single dimension and each pair sums exactly to the total, and summing a pair over
    one dimension gives the other dimension's roll-up."""
    p = load_doc(doc)
    total = p.total
    assert p.rollup(()).total == total == sum(c.amount for c in p.cells())
    singles = {d: p.rollup([d]) for d in DIMENSIONS}
    for by in GROUPINGS:
        rollup = p.rollup(by)
        assert rollup.total == total
        assert sum(rollup.rows.values(), Decimal(0)) == total
        if len(by) == 2:
            assert grouped(rollup, 0) == dict(singles[by[0]].rows)
            assert grouped(rollup, 1) == dict(singles[by[1]].rows)


@settings(max_examples=100, deadline=None)
@given(documents(), st.randoms(use_true_random=False))
def test_the_order_of_lines_never_changes_a_total(doc: dict[str, Any], rnd: Any) -> None:
    """Shuffling the budget lines and every unit's staff lines changes no cell and no roll-up."""
    shuffled = json.loads(json.dumps(doc, default=str))
    rnd.shuffle(shuffled["budget"]["lines"])
    for unit in shuffled["units"]:
        rnd.shuffle(unit["staff"])
    before, after = load_doc(doc), load_doc(shuffled)
    assert list(after.cells()) == list(before.cells())
    for by in GROUPINGS:
        assert after.rollup(by) == before.rollup(by)


@settings(max_examples=100, deadline=None)
@given(
    documents(),
    st.data(),
)
def test_a_structure_change_and_its_inverse_give_the_original_plan(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    """Applying a change (adding or removing heads) and then its inverse gives the same cells."""
    p = load_doc(doc)
    unit = data.draw(st.sampled_from(p.units))
    role = data.draw(st.sampled_from([r["id"] for r in doc["roles"]]))
    start = data.draw(st.integers(1, 12))
    change = StructureChange(
        unit,
        role,
        data.draw(st.integers(-5, 5).filter(bool)),
        data.draw(st.sampled_from(FTES)),
        start,
        data.draw(st.integers(start, 12)),
    )
    have = min(p.staffing(unit, role)[change.from_month - 1 : change.until_month])
    if change.delta * change.fte + have < 0:
        with pytest.raises(UsageError, match="cannot remove"):
            p.apply(change)
        assume(False)
    changed = p.apply(change)
    back = changed.apply(change.inverse())
    assert list(back.cells()) == list(p.cells())
    assert back.total == p.total
    assert p.diff(back, ["unit", "month"]).rows == {}
    cost = p.diff(changed, ["month"])
    assert sum(cost.rows.values(), Decimal(0)) == cost.total == changed.total - p.total
    assert set(cost.rows) <= {(m,) for m in range(change.from_month, change.until_month + 1)}


@settings(max_examples=100, deadline=None)
@given(documents())
def test_every_cell_has_the_currency_decimals(doc: dict[str, Any]) -> None:
    """Every cell, roll-up row and total has exactly the currency's minor-unit decimals."""
    p = load_doc(doc)
    digits = 0 if doc["currency"] == "VND" else 2
    assert all(c.amount.as_tuple().exponent == -digits for c in p.cells())
    for by in GROUPINGS:
        rollup = p.rollup(by)
        amounts = [*rollup.rows.values(), rollup.total]
        assert all(a.as_tuple().exponent == -digits for a in amounts)


@settings(max_examples=300, deadline=None)
@given(
    minor=st.integers(min_value=-(10**19), max_value=10**19),
    decimals=st.integers(min_value=0, max_value=4),
    currency=st.sampled_from(["VND", "USD", "JPY", "KWD"]),
    parts=st.integers(min_value=1, max_value=12),
)
def test_a_yearly_line_is_spread_as_money_allocate_spreads_it(
    minor: int, decimals: int, currency: str, parts: int
) -> None:
    """The plan spreads a yearly line with ``_split(_to_minor(amount))``, in minor units: the
    same shares, one for one, as :func:`cskh_org.money.allocate` gives in Decimals."""
    from cskh_org.budget.cells import _split, _to_minor
    from cskh_org.money import allocate, minor_unit

    amount = Decimal(minor).scaleb(-decimals)
    digits = minor_unit(currency)
    expected = [_to_minor(part, digits) for part in allocate(amount, currency, parts)]
    assert _split(_to_minor(amount, digits), parts) == expected


@settings(max_examples=100, deadline=None)
@given(documents())
def test_the_cap_figures_are_the_plans_totals(doc: dict[str, Any]) -> None:
    """What the cap check compares (and `diff` reports) is what the plan's roll-ups show: the
    total, and each category."""
    from cskh_org.checks.budget import cap_figures

    department = cskh_org.loads(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    figures = cap_figures(department)
    assert figures is not None
    costed = plan(department)
    assert figures.total == costed.total
    by_category = costed.rollup(["category"]).rows
    for (category,), amount in by_category.items():
        assert figures.by_category[CostCategory(str(category))] == amount
