"""Small departments and rules for the roster tests, written as text (loaded like files)."""

from __future__ import annotations

import textwrap

from cskh_org.loading import validate_text
from cskh_org.model import Department
from cskh_org.model.roster import RosterRules

DEPARTMENT = """\
version: 1
id: desk
name: {{vi: Tổng đài, en: Hotline}}
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
externals:
  - {{id: head_of_sales, name: {{vi: Trưởng phòng bán hàng}}, kind: head_of_sales}}
calendars:
  - id: open
    name: {{vi: Giờ mở cửa}}
    week:
{week}
working_time:
  limits: {{hours_per_day: {per_day}, hours_per_week: {per_week}, rest_days_per_week: {rest}}}
  contracts:
    - {{id: full, hours_per_week: {contract_hours}, days_per_week: {contract_days}}}
roles:
  - id: agent
    title: {{vi: Nhân viên, en: Agent}}
    monthly_cost: 10000000 VND
units:
  - id: care
    name: {{vi: Tổng đài, en: Hotline}}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    calendar: open
    staff:
      - {{role: agent, headcount: {agents}, contract: full}}
"""

ALL_DAY = "\n".join(
    f"      {d}: [00:00-24:00]" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
)


def department(
    *,
    agents: int = 2,
    per_day: float = 8,
    per_week: float = 48,
    rest: int = 1,
    contract_hours: float = 48,
    contract_days: int = 6,
    week: str = ALL_DAY,
) -> Department:
    text = DEPARTMENT.format(
        agents=agents,
        per_day=per_day,
        per_week=per_week,
        rest=rest,
        contract_hours=contract_hours,
        contract_days=contract_days,
        week=week,
    )
    return validate_text(text, name="dept.yaml").unwrap()


def rules(text: str) -> RosterRules:
    from cskh_org.loading.roster import load_rules_text

    return load_rules_text(textwrap.dedent(text), None, name="roster.yaml").unwrap()
