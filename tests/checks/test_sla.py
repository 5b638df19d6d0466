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
