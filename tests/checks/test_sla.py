"""The SLA checks: a promise that cannot be kept is reported once, at its place, with the
queues and targets it reaches."""

from __future__ import annotations

import cskh_org
from cskh_org.findings import Finding

OFFICE = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
calendars:
  - id: office_hours
    name: {vi: Giờ hành chính, en: Office hours}
    week: {mon: [08:00-17:00], tue: [08:00-17:00], wed: [08:00-17:00], thu: [08:00-17:00],
           fri: [08:00-17:00]}
  - id: shop_hours
    name: {vi: Giờ cửa hàng, en: Shop hours}
    week: {mon: [08:00-22:00], tue: [08:00-22:00], wed: [08:00-22:00], thu: [08:00-22:00],
           fri: [08:00-22:00], sat: [08:00-22:00], sun: [08:00-22:00]}
roles:
  - id: agent
    title: {vi: Nhân viên CSKH, en: Care agent}
    monthly_cost: 12000000 VND
units:
  - id: cskh
    name: {vi: Chăm sóc khách hàng, en: Customer care}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    calendar: office_hours
    staff: [{role: agent}]
  - {id: phone, name: Phone, parent: cskh, head: agent, functions: [support],
     calendar: office_hours, staff: [{role: agent}]}
  - {id: mail, name: Mail, parent: cskh, head: agent, functions: [support],
     calendar: office_hours, staff: [{role: agent}]}
  - {id: shop, name: Shop, parent: cskh, head: agent, functions: [support],
     calendar: shop_hours, staff: [{role: agent}]}
routing:
  rules:
    - {id: phone, when: {channel: phone}, to: phone}
    - {id: mail, when: {channel: email}, to: mail}
    - {id: shop, when: {channel: in_person}, to: shop}
  default: cskh
sla:
  default:
    first_response: {within: 15m, clock: calendar}
    next_response: {within: 12h, clock: calendar}
    resolution: {within: 3d, clock: calendar}
"""


def _findings(text: str, code: str) -> list[Finding]:
    return [f for f in cskh_org.validate_text(text, name="dept.yaml").findings if f.code == code]


def test_an_unmeetable_promise_is_reported_once_with_its_reach() -> None:
    """Two calendar-clock targets shorter than the closures of four queues are one mistake
    of the policy (it was reported once per queue and target, eight times): one finding at
    the first such target, naming both targets and every queue with its calendar and longest
    closure; a target longer than every closure is not named."""
    [finding] = _findings(OFFICE, "sla-target-unmeetable")
    assert finding.path == ("sla", "default", "first_response")
    assert finding.location is not None
    assert finding.location.line == OFFICE.splitlines().index("  default:") + 2
    assert finding.message == (
        "the default SLA promises `first_response` within 15m and `next_response` within 12h "
        "around the clock, but its tickets reach `cskh`, `mail` and `phone` (calendar "
        "`office_hours`, closed for up to 2d15h at a stretch) and `shop` (calendar "
        "`shop_hours`, closed for up to 10h at a stretch); count business time "
        "(`clock: business`), lengthen the targets, or route these tickets to a queue open then"
    )


SPARSE = OFFICE.replace(
    "  - id: shop_hours\n",
    "  - id: a_minute_a_week\n"
    "    name: {vi: Một phút mỗi tuần, en: A minute a week}\n"
    "    week: {mon: [08:00-08:01]}\n"
    "    overrides: [{date: 2027-02-02, hours: [08:00-10:00]}]\n"
    "  - id: shop_hours\n",
).replace(
    "    first_response: {within: 15m, clock: calendar}\n"
    "    next_response: {within: 12h, clock: calendar}\n"
    "    resolution: {within: 3d, clock: calendar}\n",
    "    calendar: a_minute_a_week\n"
    "    first_response: 6h22m\n"
    "    next_response: 6h23m\n"
    "    resolution: {within: 365d, calendar: office_hours}\n",
)


def test_a_target_beyond_what_its_calendar_opens_in_five_years() -> None:
    """A business-clock target longer than its calendar can open in five years (262 weeks of
    its week's hours, and its overrides) is an error at the target, naming the calendar, its
    weekly hours and the fixes; one that fits is not, nor a year on office hours."""
    found = _findings(SPARSE, "sla-target-beyond-calendar")
    assert [f.location.line if f.location else None for f in found] == [46]  # next_response
    [finding] = found
    assert finding.severity.value == "error"
    assert "`next_response` is 6h23m of business time on calendar `a_minute_a_week`" in (
        finding.message
    )
    assert "open only 1m a week: at most 6h22m of it fits in five years" in finding.message
    assert "shorten the target" in finding.message
    assert _findings(OFFICE, "sla-target-beyond-calendar") == []
