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


# -- business days (`1bd`) ---------------------------------------------------------------------


def test_business_days_on_a_calendar_clock_are_an_error_at_the_target() -> None:
    """The loader takes `{within: 2bd, clock: calendar}`; the check reports it where it is
    written, with both fixes (24-hour days, or the business clock), in both languages. A
    calendar clock's other checks leave it alone (no closure is compared with it)."""
    text = OFFICE.replace(
        "    resolution: {within: 3d, clock: calendar}\n",
        "    resolution: {within: 2bd, clock: calendar}\n",
    )
    [finding] = _findings(text, "sla-business-days-calendar-clock")
    assert finding.severity.value == "error"
    assert finding.path == ("sla", "default", "resolution")
    assert finding.location is not None
    assert (
        finding.location.line
        == text.splitlines().index("    resolution: {within: 2bd, clock: calendar}") + 1
    )
    assert finding.message == (
        "the default SLA: `resolution: 2bd` counts 2 business day(s), but the target is on a "
        "calendar clock (`clock: calendar`), which has no opening days, so its deadline cannot "
        "be worked out; use `2d` for 2 × 24 hours or `clock: business` to count opening days "
        "of a calendar"
    )
    assert "`clock: business`" in finding.message_vi
    assert "ngày làm việc" in finding.message_vi
    [unmeetable] = _findings(text, "sla-target-unmeetable")
    assert "`resolution`" not in unmeetable.message
    business = text.replace("{within: 2bd, clock: calendar}", "2bd")
    assert _findings(business, "sla-business-days-calendar-clock") == []


def test_more_business_days_than_a_calendar_opens_in_five_years() -> None:
    """A calendar open on Mondays (and one override date) has at most 263 opening days in five
    years: `263bd` fits, `264bd` is an error naming the calendar and the fixes."""
    sparse = SPARSE.replace("    resolution: {within: 365d, calendar: office_hours}\n", "")

    def beyond(days: int) -> list[Finding]:
        text = sparse.replace("    next_response: 6h23m\n", f"    next_response: {days}bd\n")
        return _findings(text, "sla-target-beyond-calendar")

    assert beyond(263) == []
    [finding] = beyond(264)
    assert finding.path == ("sla", "default", "next_response")
    assert finding.message.startswith(
        "the default SLA: `next_response: 264bd` counts business days of calendar "
        "`a_minute_a_week`, which has at most 263 opening days in five years (1,830 days)"
    )
    assert "count fewer business days" in finding.message
    assert "ngày mở cửa" in finding.message_vi
