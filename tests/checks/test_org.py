"""The organisation checks (cskh_org/checks/org.py), one small inline document per behaviour.

Each document is written out in full so the asserted line numbers can be read off the text.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import cskh_org
from cskh_org.budget import plan as budget_plan
from cskh_org.checks import REGISTRY, load_builtin_checks
from cskh_org.checks.budget import staff_costs
from cskh_org.errors import DocumentInvalid
from cskh_org.findings import Finding, Severity
from cskh_org.money import quantize
from cskh_org.render.views import _staff_cost, format_money
from tests.conftest import EXAMPLES

ALL_SIX = "[account_management, loyalty, returns_warranty, issue_resolution, support, sales]"


def _findings(text: str) -> list[Finding]:
    result = cskh_org.validate_text(text, name="dept.yaml")
    assert result.department is not None, [str(f) for f in result.findings]
    return list(result.findings)


def _where(text: str) -> list[tuple[str, int]]:
    """(code, line) of every finding, in reading order."""
    return [(f.code, f.location.line if f.location else 0) for f in _findings(text)]


def _one(text: str, code: str) -> Finding:
    found = [f for f in _findings(text) if f.code == code]
    assert len(found) == 1, found
    return found[0]


def test_small_company_with_one_person_in_every_role_is_clean() -> None:
    """One person holding all six functions in one unit gives no finding at all."""
    text = f"""\
id: shop
name: {{vi: Cửa hàng, en: Shop}}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Chủ cửa hàng, monthly_cost: 15000000 VND}}
people:
  - {{id: lan, name: Nguyễn Thị Lan}}
units:
  - id: care
    name: Chăm sóc khách hàng
    head: owner
    functions: {ALL_SIX}
    channels: [phone, chat, social]
    staff:
      - {{role: owner, person: lan}}
"""
    assert _findings(text) == []


def test_every_check_declares_its_codes() -> None:
    """The org checks are registered with the codes and severities they report."""
    load_builtin_checks()
    assert {"references", "reporting-tree", "heads", "functions", "staffing"} <= set(REGISTRY)
    assert REGISTRY["functions"].codes["function-uncovered"] is Severity.ERROR
    assert REGISTRY["staffing"].codes["span-of-control"] is Severity.WARNING
    assert REGISTRY["heads"].codes["unit-without-head"] is Severity.INFO


# -- references --------------------------------------------------------------------------------


def test_duplicate_unit_id_is_reported_at_the_second_one() -> None:
    """A unit id used twice is `duplicate-id` at the second definition's id."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
  - {{id: desk, name: Desk, parent: care, staff: [{{role: owner}}]}}
  - {{id: desk, name: Desk again, parent: care, staff: [{{role: owner}}]}}
"""
    assert _where(text) == [("duplicate-id", 14)]
    assert "units[1]" in _one(text, "duplicate-id").message


def test_custom_function_may_not_reuse_a_builtin_id() -> None:
    """A custom function named like a built-in one is `duplicate-id`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
functions:
  - {{id: support, name: Support again}}
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("duplicate-id", 6)]
    assert "built-in function" in _one(text, "duplicate-id").message


def test_references_to_undefined_ids_name_the_kind_and_suggest() -> None:
    """Unknown unit, role, function, person, calendar and channel each get their code and line."""
    text = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: owner, title: Owner, monthly_cost: 15000000 VND}
people:
  - {id: lan, name: Lan}
units:
  - id: care
    name: Care
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sale]
    channels: [phone, fax]
    calendar: office
    staff:
      - {role: ownr, person: lam}
  - id: desk
    name: Desk
    parent: cares
    staff: [{role: owner}]
"""
    assert _where(text) == [
        ("function-uncovered", 10),
        ("head-not-in-unit", 12),
        ("unknown-function", 13),
        ("unknown-channel", 14),
        ("unknown-calendar", 15),
        ("unknown-role", 17),
        ("unknown-person", 17),
        ("unknown-unit", 20),
    ]
    assert "did you mean `sales`?" in _one(text, "unknown-function").message
    assert "did you mean `owner`?" in _one(text, "unknown-role").message
    assert "did you mean `care`?" in _one(text, "unknown-unit").message
    assert "define it under `calendars`" in _one(text, "unknown-calendar").message


def test_reports_to_an_undefined_external_is_unknown_external() -> None:
    """`reports_to` naming no external party is `unknown-external` at that line."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sale
externals:
  - {{id: head_of_sales, name: Head of sales, kind: head_of_sales}}
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("unknown-external", 5)]
    assert "did you mean `head_of_sales`?" in _one(text, "unknown-external").message


# -- reporting tree ----------------------------------------------------------------------------


def test_units_reporting_to_each_other_are_a_cycle() -> None:
    """Two units that are each other's parent are one `org-cycle`, at the first one's parent."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
  - id: a
    name: A
    parent: b
    head: owner
    staff: [{{role: owner}}]
  - id: b
    name: B
    parent: a
    head: owner
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("org-cycle", 15)]
    assert "a → b → a" in _one(text, "org-cycle").message


def test_a_second_top_unit_is_org_root() -> None:
    """A second unit without a parent is `org-root` at its list item, naming the first."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
  - id: other
    name: Other
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("org-root", 13)]
    assert "set `parent: care`" in _one(text, "org-root").message


def test_externals_reporting_in_a_cycle_are_org_cycle() -> None:
    """External parties that report to each other are `org-cycle` at the first's `reports_to`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: sales
externals:
  - {{id: sales, name: Head of sales, kind: head_of_sales, reports_to: board}}
  - {{id: board, name: Board, kind: board, reports_to: sales}}
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("org-cycle", 7)]
    assert "sales → board → sales" in _one(text, "org-cycle").message


# -- heads -------------------------------------------------------------------------------------


def test_head_role_must_be_staffed_in_the_unit() -> None:
    """A head whose role no staff line of the unit has is `head-not-in-unit` at `head`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
  - {{id: agent, title: Agent, monthly_cost: 9000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: agent}}]
"""
    assert _where(text) == [("role-unused", 6), ("head-not-in-unit", 11)]
    assert "add `- role: owner`" in _one(text, "head-not-in-unit").message


def test_a_vacant_head_line_does_not_count() -> None:
    """A staff line of the head's role with headcount 0 does not make the head present."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
  - {{id: agent, title: Agent, monthly_cost: 9000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner, headcount: 0}}, {{role: agent}}]
"""
    assert ("head-not-in-unit", 11) in _where(text)


def test_unit_of_several_people_without_head_is_a_note() -> None:
    """A unit with more than one person and no `head` gets the info `unit-without-head`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: agent, title: Agent, monthly_cost: 9000000 VND}}
units:
  - id: care
    name: Care
    functions: {ALL_SIX}
    staff: [{{role: agent, headcount: 2}}]
"""
    finding = _one(text, "unit-without-head")
    assert finding.severity is Severity.INFO
    assert _where(text) == [("unit-without-head", 8)]
    assert cskh_org.validate_text(text).ok(strict=True)  # a note never fails validation


# -- functions ---------------------------------------------------------------------------------


def test_uncovered_function_is_an_error_and_a_waiver_clears_it() -> None:
    """A built-in function no unit covers is `function-uncovered`; waiving it clears it."""
    base = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: owner, title: Owner, monthly_cost: 15000000 VND}
units:
  - id: care
    name: Care
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support]
    staff: [{role: owner}]
"""
    assert _where(base) == [("function-uncovered", 8)]
    assert "`sales` (Bán hàng)" in _one(base, "function-uncovered").message
    waived = base + "waived_functions:\n  - {function: sales, reason: No revenue target.}\n"
    assert _where(waived) == []


def test_waiving_a_covered_function_is_a_warning() -> None:
    """A waiver for a function some unit covers is the warning `waiver-unneeded`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
waived_functions:
  - function: sales
    reason: We thought we would not sell.
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("waiver-unneeded", 6)]
    assert _one(text, "waiver-unneeded").severity is Severity.WARNING


def test_custom_function_no_unit_covers_is_a_warning() -> None:
    """A custom function that no unit lists is the warning `function-unused` at its id."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
functions:
  - id: vip_concierge
    name: {{vi: Chăm sóc khách VIP, en: VIP concierge}}
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("function-unused", 6)]
    covered = text.replace("support, sales]", "support, sales, vip_concierge]")
    assert _where(covered) == []


# -- staffing ----------------------------------------------------------------------------------


def test_unit_without_staff_is_a_warning_that_strict_fails() -> None:
    """A unit with no staff is the warning `unit-without-staff`; only `strict` fails on it."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
  - id: planned
    name: Planned team
    parent: care
"""
    assert _where(text) == [("unit-without-staff", 13)]
    result = cskh_org.validate_text(text)
    assert result.ok()
    assert not result.ok(strict=True)


def test_head_leading_more_than_the_span_is_a_warning() -> None:
    """A head leading more than `checks.max_span_of_control` people gets `span-of-control`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
checks: {{max_span_of_control: 2}}
roles:
  - {{id: lead, title: Lead, monthly_cost: 15000000 VND}}
  - {{id: agent, title: Agent, monthly_cost: 9000000 VND}}
units:
  - id: care
    name: Care
    head: lead
    functions: {ALL_SIX}
    staff: [{{role: lead}}, {{role: agent, headcount: 3}}]
"""
    assert _where(text) == [("span-of-control", 12)]
    assert "leads 3 people" in _one(text, "span-of-control").message
    assert _where(text.replace("max_span_of_control: 2", "max_span_of_control: 3")) == []


def test_person_over_one_fte_is_over_allocated() -> None:
    """A person whose staff lines add up to more than 1.0 FTE is `person-over-allocated`."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
people:
  - {{id: lan, name: Lan}}
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff:
      - {{role: owner, person: lan, fte: 0.6}}
  - id: desk
    name: Desk
    parent: care
    staff:
      - {{role: owner, person: lan, fte: 0.6}}
"""
    assert _where(text) == [("person-over-allocated", 20)]
    assert "`lan` works 1.2 FTE" in _one(text, "person-over-allocated").message
    assert _where(text.replace("fte: 0.6}\n  - id: desk", "fte: 0.4}\n  - id: desk")) == []


def test_role_no_staff_line_holds_is_a_note() -> None:
    """A role no staff line uses is the info `role-unused` at its id."""
    text = f"""\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {{id: owner, title: Owner, monthly_cost: 15000000 VND}}
  - id: trainer
    title: Trainer
    monthly_cost: 14000000 VND
units:
  - id: care
    name: Care
    head: owner
    functions: {ALL_SIX}
    staff: [{{role: owner}}]
"""
    assert _where(text) == [("role-unused", 7)]
    assert _one(text, "role-unused").severity is Severity.INFO


def test_a_role_costed_in_another_currency_is_an_error_without_a_budget_too() -> None:
    """A VND department with a role at `400 USD` and no budget section: the cost would be
    counted as 400 VND by the simulation and the diagrams; it is `role-cost-currency` at the
    cost, and the simulation (which prices tickets with it) refuses the document."""
    text = (EXAMPLES / "invalid" / "role-cost-currency.yaml").read_text("utf-8")
    result = cskh_org.validate_text(text, name="d.yaml")
    [finding] = [f for f in result.findings if f.severity.is_error]
    assert finding.code == "role-cost-currency"
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (12, 19)
    assert "400 USD" in finding.message
    assert "give the cost in VND" in finding.message
    with pytest.raises(DocumentInvalid):
        result.usable_for("simulate")
    fixed = cskh_org.validate_text(text.replace("400 USD", "10000000 VND"), name="d.yaml")
    assert not [f for f in fixed.findings if f.code == "role-cost-currency"]


def test_every_floor_prices_a_staff_line_by_the_one_rule() -> None:
    """The budget plan, its cap check and the org chart's staff cost all price staff with
    `StaffLine.monthly_cost` (headcount × FTE × the role's monthly cost, exact), each rounding
    where it shows the figure: a floor with its own rule would disagree on some unit."""
    department = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    roles = department.roles_by_id
    for unit in department.units:
        for line in unit.staff:
            role = roles[line.role]
            assert line.monthly_cost(role) == line.headcount * line.fte * role.monthly_cost.amount
    rounded = {  # the budget's rule: each line's month rounded to the dong, then × 12
        unit.id: sum(
            (quantize(line.monthly_cost(roles[line.role]), "VND") for line in unit.staff),
            start=Decimal(0),
        )
        * 12
        for unit in department.units
    }
    by_unit = budget_plan(department).rollup(["unit", "category"]).rows
    assert {u: by_unit.get((u, "staff"), Decimal(0)) for u in rounded} == rounded
    assert staff_costs(department) == rounded
    for unit in department.units:  # the org chart: the exact month, formatted
        exact = sum((line.monthly_cost(roles[line.role]) for line in unit.staff), Decimal(0))
        assert _staff_cost(department, unit) == format_money(exact, "VND")
