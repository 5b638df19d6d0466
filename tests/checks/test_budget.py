"""The budget checks: caps (staff, unit, category, total), money (precision, currency), dates,
and the approval chain (order, separation of duties, history, missing chain)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

import cskh_org
from cskh_org.checks.budget import budget_amounts, budget_approval, budget_caps, staff_costs
from cskh_org.findings import Finding
from tests.conftest import EXAMPLES

BASE = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
externals:
  - {id: head_of_sales, name: {vi: Trưởng phòng bán hàng}, kind: head_of_sales, reports_to: board}
  - {id: board, name: {vi: Ban giám đốc}, kind: board}
  - {id: marketing, name: {vi: Phòng Marketing}, kind: marketing, reports_to: board}
roles:
  - {id: manager, title: {vi: Trưởng bộ phận}, monthly_cost: 30000000 VND}
  - {id: agent, title: {vi: Nhân viên CSKH}, monthly_cost: 12000000 VND}
units:
  - id: care
    name: {vi: Phòng CSKH}
    head: manager
    functions: [account_management, loyalty, returns_warranty, issue_resolution, sales]
    staff: [{role: manager}]
  - id: support
    name: {vi: Nhóm hỗ trợ}
    parent: care
    head: agent
    functions: [support]
    staff: [{role: agent, headcount: 4}, {role: agent, headcount: 2, fte: 0.5}]
"""
"""A care unit (one manager: 360 million VND a year) and a support team under it (5 FTE of
agents: 720 million VND a year), reporting to the head of sales, who reports to the board."""

CHAIN = """\
approval:
  prepare: {unit: care}
  review: {external: head_of_sales}
  approve: {external: board}
"""


def body(*parts: str) -> str:
    """A budget section's body from parts, each dedented on its own."""
    return "".join(textwrap.dedent(part) for part in parts)


def _document(budget: str, extra: str = "") -> str:
    return BASE + extra + "budget:\n  fiscal_year: 2027\n" + textwrap.indent(budget, "  ")


def findings(budget: str, extra: str = "") -> list[Finding]:
    """The budget findings of the base document with this budget section (after
    ``fiscal_year: 2027``)."""
    result = cskh_org.validate_text(_document(budget, extra), name="doc.yaml")
    return [f for f in result.findings if f.code.startswith("budget-")]


def codes(found: list[Finding]) -> list[str]:
    return [f.code for f in found]


def only(found: list[Finding], code: str) -> Finding:
    [finding] = [f for f in found if f.code == code]
    return finding


def line_of(budget: str, needle: str, extra: str = "") -> int:
    """The 1-based line of the document holding ``needle``."""
    lines = _document(budget, extra).splitlines()
    return next(i for i, text in enumerate(lines, start=1) if needle in text)


# -- the base document and the examples ------------------------------------------------------


def test_a_plan_within_its_caps_is_clean() -> None:
    """A plan under every cap, with a valid chain and history, has no budget finding."""
    budget = body(
        """\
    lines:
      - {id: crm, unit: care, category: tools, amount: 5_000_000}
      - {id: tet, unit: care, category: loyalty, amount: 80_000_000 VND, date: 2027-01-28}
    caps:
      total: 1_500_000_000
      units: {care: 500_000_000, support: 720_000_000}
      categories: {staff: 1_080_000_000, tools: 60_000_000, loyalty: 80_000_000}
    """,
        CHAIN,
        """\
    history:
      - {action: submit, by: care, at: "2026-11-20T09:30+07:00"}
      - {action: review, by: head_of_sales, at: "2026-11-25T10:00+07:00"}
      - {action: approve, by: board, at: "2026-12-02T15:00+07:00"}
    """,
    )
    assert findings(budget) == []


@pytest.mark.parametrize("name", ["small", "growing", "large"])
def test_examples_have_no_budget_finding(name: str) -> None:
    """The bundled examples raise no budget finding at any severity, but the note of the
    small shop, whose owner reviews and approves its plan alone."""
    result = cskh_org.validate(EXAMPLES / name / "department.yaml")
    found = [f.code for f in result.findings if f.code.startswith("budget-")]
    assert found == (["budget-sole-approver"] if name == "small" else [])


def test_checks_skip_a_department_without_budget() -> None:
    """Without a `budget` section the budget checks report nothing."""
    dept = cskh_org.loads(BASE)
    assert dept.budget is None
    assert list(budget_caps(dept)) == []
    assert list(budget_amounts(dept)) == []
    assert list(budget_approval(dept)) == []


def test_staff_cost_is_derived_from_the_staff_lines() -> None:
    """Staff cost is headcount × FTE × monthly cost × 12, per unit, rounded per month."""
    dept = cskh_org.loads(_document(CHAIN))
    assert staff_costs(dept) == {"care": Decimal(360_000_000), "support": Decimal(720_000_000)}


# -- caps --------------------------------------------------------------------------------------


def test_a_plan_without_caps_is_not_totalled_for_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cap, nothing to pass: `budget-caps` reports nothing and leaves the figures alone
    (a national plan's 50,000 lines cost 0.15 s to total); with a cap, it totals them."""
    import cskh_org.checks.budget as checks_budget

    totalled: list[str] = []
    real = checks_budget.cap_figures

    def counted(dept: cskh_org.Department) -> checks_budget.CapFigures | None:
        totalled.append(dept.id)
        return real(dept)

    monkeypatch.setattr(checks_budget, "cap_figures", counted)
    lines = "lines:\n  - {id: crm, unit: support, category: tools, amount: 2_000_000}\n"
    assert list(budget_caps(cskh_org.loads(_document(lines + CHAIN)))) == []
    assert totalled == []
    capped = findings(lines + "caps:\n  total: 1_000_000\n" + CHAIN)
    assert codes(capped) == ["budget-total-over-cap"]
    assert len(totalled) == 1


def test_staff_above_the_unit_cap() -> None:
    """A unit whose staff alone cost more than its cap is `budget-staff-over-cap` at the cap."""
    budget = "caps:\n  units:\n    support: 700_000_000\n" + CHAIN
    found = findings(budget)
    assert codes(found) == ["budget-staff-over-cap"]
    finding = found[0]
    assert finding.location is not None
    assert finding.location.line == line_of(budget, "support: 700_000_000")
    assert "720_000_000 VND" in finding.message
    assert "by 20_000_000 VND" in finding.message
    assert "raise the cap" in finding.message


def test_unit_total_above_its_cap() -> None:
    """Staff under the cap plus the unit's lines above it is `budget-unit-over-cap`, once."""
    budget = body(
        """\
    lines:
      - {id: crm, unit: support, category: tools, amount: 2_000_000}
      - {id: parts, unit: care, category: warranty, amount: 50_000_000}
    caps:
      units: {support: 730_000_000}
    """,
        CHAIN,
    )
    found = findings(budget)
    assert codes(found) == ["budget-unit-over-cap"]
    assert "744_000_000 VND" in found[0].message  # 720 staff + 24 of CRM; `care`'s parts not
    assert "by 14_000_000 VND" in found[0].message


def test_a_unit_cap_does_not_cover_sub_units() -> None:
    """The cap of a unit counts its own staff and lines, not those of the units below it."""
    assert findings("caps:\n  units: {care: 360_000_000}\n" + CHAIN) == []


def test_category_above_its_cap() -> None:
    """Lines of a category summing above its cap are `budget-category-over-cap` at the cap."""
    budget = body(
        """\
    lines:
      - {id: tet, unit: care, category: loyalty, amount: 100_000_000, date: 2027-01-28}
      - {id: birthdays, unit: care, category: loyalty, amount: 2_000_000, months: [1, 2, 3]}
    caps:
      categories: {loyalty: 105_000_000}
    """,
        CHAIN,
    )
    finding = only(findings(budget), "budget-category-over-cap")
    assert "106_000_000 VND" in finding.message  # 100 M once, 2 M in each of three months
    assert finding.location is not None
    assert finding.location.line == line_of(budget, "loyalty: 105_000_000")


def test_staff_category_cap_counts_derived_staff_cost() -> None:
    """The `staff` category cap is compared with the staff cost derived for every unit."""
    found = findings("caps:\n  categories: {staff: 1_000_000_000}\n" + CHAIN)
    finding = only(found, "budget-category-over-cap")
    assert "staff cost (derived from the units' staff lines)" in finding.message
    assert "1_080_000_000 VND" in finding.message


def test_total_above_its_cap() -> None:
    """Staff and lines together above the total cap are `budget-total-over-cap`."""
    budget = body(
        """\
    lines:
      - {id: crm, unit: care, category: tools, amount: 10_000_000}
    caps:
      total: 1_150_000_000 VND
    """,
        CHAIN,
    )
    finding = only(findings(budget), "budget-total-over-cap")
    assert "1_200_000_000 VND" in finding.message
    assert "staff 1_080_000_000 VND + lines 120_000_000 VND" in finding.message
    assert finding.path == ("budget", "caps", "total")


def test_excluded_lines_do_not_count_towards_caps() -> None:
    """Lines in another currency or dated outside the year are reported, not summed."""
    budget = body(
        """\
    lines:
      - {id: usd, unit: care, category: tools, amount: 900000 USD}
      - {id: old, unit: care, category: loyalty, amount: 900_000_000, date: 2026-12-31}
    caps:
      total: 1_080_000_000
    """,
        CHAIN,
    )
    assert sorted(codes(findings(budget))) == [
        "budget-currency-mismatch",
        "budget-date-outside-year",
    ]


# -- amounts -----------------------------------------------------------------------------------


def test_plain_amount_with_too_many_decimals() -> None:
    """A plain number takes the plan's currency; decimals VND lacks are `budget-precision`."""
    budget = "lines:\n  - {id: crm, unit: care, category: tools, amount: 5_000_000.5}\n" + CHAIN
    finding = only(findings(budget), "budget-precision")
    assert finding.path == ("budget", "lines", 0, "amount")
    assert "round it to 5000001" in finding.message


def test_plan_currency_decides_the_precision() -> None:
    """In a USD plan, cents are fine but a third decimal is `budget-precision` (caps too)."""
    budget = body(
        """\
    currency: USD
    lines:
      - {id: crm, unit: care, category: tools, amount: 99.95}
    caps:
      total: 100000.125
    """,
        CHAIN,
    )
    found = findings(budget)
    precision = only(found, "budget-precision")
    assert precision.path == ("budget", "caps", "total")
    assert "at most 2 decimals" in precision.message
    # the roles cost VND (the department's currency): their staff cost cannot be planned
    mismatches = {f.path for f in found if f.code == "budget-currency-mismatch"}
    assert mismatches == {("roles", 0, "monthly_cost"), ("roles", 1, "monthly_cost")}


def test_line_and_cap_in_another_currency() -> None:
    """A line or a cap in another currency than the plan's is `budget-currency-mismatch`."""
    budget = body(
        """\
    lines:
      - {id: crm, unit: care, category: tools, amount: 400 USD}
    caps:
      categories: {tools: 5000 EUR}
    """,
        CHAIN,
    )
    found = [f for f in findings(budget) if f.code == "budget-currency-mismatch"]
    assert [f.path for f in found] == [
        ("budget", "lines", 0, "amount"),
        ("budget", "caps", "categories", "tools"),
    ]
    assert "convert the amount to VND" in found[0].message


def test_one_off_line_outside_the_fiscal_year() -> None:
    """A dated line outside the fiscal year (which may start mid-year) is reported at its date."""
    budget = body(
        """\
    start_month: 4
    lines:
      - {id: tet, unit: care, category: loyalty, amount: 10_000_000, date: 2027-03-31}
      - {id: summer, unit: care, category: campaigns, amount: 10_000_000, date: 2028-03-31}
      - {id: late, unit: care, category: campaigns, amount: 10_000_000, date: 2028-04-01}
    """,
        CHAIN,
    )
    found = [f for f in findings(budget) if f.code == "budget-date-outside-year"]
    assert [f.path for f in found] == [
        ("budget", "lines", 0, "date"),
        ("budget", "lines", 2, "date"),
    ]
    assert "2027-04-01 to 2028-03-31" in found[0].message


# -- approval chain ----------------------------------------------------------------------------


def _chain(prepare: str, review: str, approve: str) -> str:
    return f"approval:\n  prepare: {prepare}\n  review: {review}\n  approve: {approve}\n"


def test_board_reviewing_before_the_head_of_sales() -> None:
    """The board reviewing and the head of sales approving is `budget-approval-order`."""
    budget = _chain("{unit: care}", "{external: board}", "{external: head_of_sales}")
    finding = only(findings(budget), "budget-approval-order")
    assert finding.path == ("budget", "approval", "approve")
    assert "swap them" in finding.message


def test_reviewer_not_above_the_preparer() -> None:
    """A sideways reviewer (marketing) is `budget-approval-order` at `review`."""
    budget = _chain("{unit: care}", "{external: marketing}", "{external: board}")
    finding = only(findings(budget), "budget-approval-order")
    assert finding.path == ("budget", "approval", "review")
    assert "above `care`: head_of_sales → board" in finding.message


def test_a_team_may_prepare_and_its_parent_review() -> None:
    """The chain may start below the top unit: support → care (its parent) → board."""
    budget = _chain("{unit: support}", "{unit: care}", "{external: board}")
    assert findings(budget) == []


def test_the_same_party_preparing_and_approving() -> None:
    """The preparer approving its own plan is `budget-separation-of-duties`, alone at
    `approve` (not also an order finding there)."""
    budget = _chain("{unit: care}", "{external: head_of_sales}", "{unit: care}")
    found = findings(budget)
    assert codes(found) == ["budget-separation-of-duties"]
    assert "both prepares and approves" in found[0].message
    assert "another party prepare it" in found[0].message


ONE_PERSON = """\
version: 1
id: shop
name: {vi: Cửa hàng, en: Shop}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: owner, title: {vi: Chủ cửa hàng, en: Owner}, monthly_cost: 15000000 VND}
units:
  - id: shop
    name: {vi: Cửa hàng}
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: owner}]
budget:
  fiscal_year: 2027
  lines: [{id: zalo, unit: shop, category: tools, amount: 500_000}]
  approval:
    prepare: {unit: shop}
    review: {unit: shop}
    approve: {unit: shop}
SEPARATION  history:
    - {action: submit, by: shop, at: "2026-12-01T09:00+07:00"}
    - {action: review, by: shop, at: "2026-12-01T09:05+07:00"}
    - {action: approve, by: shop, at: "2026-12-01T09:10+07:00"}
"""


def test_a_one_person_business_approves_its_own_plan_when_it_says_so() -> None:
    """The owner preparing, reviewing and approving is refused by default; with
    `separation_of_duties: false` it is one note at that setting saying who does what, the
    history replays, and the plan is approved."""
    refused = cskh_org.validate_text(ONE_PERSON.replace("SEPARATION", ""), name="shop.yaml")
    assert {f.code for f in refused.findings if f.severity.is_error} == {
        "budget-separation-of-duties",
        "budget-approval-order",
    }
    text = ONE_PERSON.replace("SEPARATION", "    separation_of_duties: false\n")
    result = cskh_org.validate_text(text, name="shop.yaml")
    assert result.ok(strict=True), result.findings
    [note] = [f for f in result.findings if f.code.startswith("budget-")]
    assert note.code == "budget-sole-approver"
    assert note.severity is cskh_org.Severity.INFO
    assert note.path == ("budget", "approval", "separation_of_duties")
    assert note.message.startswith(
        "`shop` prepares, reviews and approves the plan: nobody else checks the decision"
    )
    assert "1 person on staff" in note.message
    from cskh_org.approval import replay

    chain = result.unwrap().budget
    assert chain is not None
    assert chain.approval is not None
    assert replay(chain.approval, chain.history).state.value == "approved"


def test_without_separation_of_duties_distinct_parties_still_go_up() -> None:
    """Opting out lets one party hold two roles, not a sideways chain: `care` preparing and
    reviewing, and marketing (not above it) approving, is still `budget-approval-order`."""
    budget = _chain("{unit: care}", "{unit: care}", "{external: marketing}")
    found = findings(budget + "  separation_of_duties: false\n")
    assert sorted(codes(found)) == ["budget-approval-order", "budget-sole-approver"]
    note = only(found, "budget-sole-approver")
    assert "`care` prepares and reviews the plan; `marketing` approves it" in note.message


def test_the_same_party_reviewing_and_approving() -> None:
    """The reviewer approving is `budget-separation-of-duties`, without an order finding."""
    budget = _chain("{unit: care}", "{external: head_of_sales}", "{external: head_of_sales}")
    found = findings(budget)
    assert codes(found) == ["budget-separation-of-duties"]
    assert "above `head_of_sales`: board" in found[0].message


def test_history_out_of_order() -> None:
    """Approving a plan nobody reviewed is `budget-history` at the entry's action."""
    budget = body(
        CHAIN,
        """\
    history:
      - {action: submit, by: care, at: "2026-11-20T09:30+07:00"}
      - {action: approve, by: board, at: "2026-11-28T15:00+07:00"}
    """,
    )
    finding = only(findings(budget), "budget-history")
    assert finding.path == ("budget", "history", 1, "action")
    assert "the reviewer `head_of_sales` reviews it first" in finding.message


def test_history_by_the_wrong_party() -> None:
    """A review by the board is `budget-history` at the entry's `by`."""
    budget = body(
        CHAIN,
        """\
    history:
      - {action: submit, by: care, at: "2026-11-20T09:30+07:00"}
      - {action: review, by: board, at: "2026-11-28T15:00+07:00"}
    """,
    )
    finding = only(findings(budget), "budget-history")
    assert finding.path == ("budget", "history", 1, "by")
    assert "only the reviewer `head_of_sales` does" in finding.message


@pytest.mark.parametrize(
    ("second", "words"),
    [
        ('"2026-11-19T09:30+07:00"', "earlier than the move before it"),
        ('"2026-11-21T09:30"', "no UTC offset"),
    ],
)
def test_history_timestamps(second: str, words: str) -> None:
    """A move back in time, or without a UTC offset, is `budget-history` at its `at`."""
    budget = body(
        CHAIN,
        f"""\
    history:
      - {{action: submit, by: care, at: "2026-11-20T09:30+07:00"}}
      - {{action: review, by: head_of_sales, at: {second}}}
    """,
    )
    finding = only(findings(budget), "budget-history")
    assert finding.path == ("budget", "history", 1, "at")
    assert words in finding.message


def test_budget_without_approval_chain() -> None:
    """A budget without `approval` is the warning `budget-no-approval`; a history then is an
    error, as there is nothing to replay it against."""
    finding = only(findings("lines: []\n"), "budget-no-approval")
    assert finding.severity.value == "warning"
    assert finding.path == ("budget",)
    budget = 'history:\n  - {action: submit, by: care, at: "2026-11-20T09:30+07:00"}\n'
    assert sorted(codes(findings(budget))) == ["budget-history", "budget-no-approval"]


def test_unknown_parties_are_left_to_the_references_check() -> None:
    """A chain naming an unknown unit is `unknown-unit`, not an approval-order finding."""
    text = _document(_chain("{unit: nowhere}", "{external: head_of_sales}", "{external: board}"))
    result = cskh_org.validate_text(text, name="doc.yaml")
    found = [f.code for f in result.findings]
    assert "unknown-unit" in found
    assert "budget-approval-order" not in found
