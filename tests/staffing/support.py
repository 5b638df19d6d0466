"""Helpers shared by the staffing tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from cskh_org.errors import CskhOrgError, StaffingError


def refused(build: Callable[[], object]) -> str:
    """``build()`` raises a :class:`StaffingError` (a :class:`CskhOrgError`) said in both
    languages; its English text."""
    with pytest.raises(StaffingError) as caught:
        build()
    assert isinstance(caught.value, CskhOrgError)
    assert caught.value.said is not None
    assert caught.value.said.vi != caught.value.said.en
    return str(caught.value)


DEPARTMENT = """\
id: desk_dept
name: {en: Desk}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: agent, title: {en: Agent}, monthly_cost: 12000000 VND}
calendars:
  - id: days
    name: {en: Weekdays}
    week:
      mon: [08:00-17:00]
      tue: [08:00-17:00]
      wed: [08:00-17:00]
      thu: [08:00-17:00]
      fri: [08:00-17:00]
units:
  - id: desk
    name: {en: Desk}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone, chat]
    calendar: days
    shrinkage: {planned: 0.15, unplanned: 0.05}
    concurrency: {chat: 3}
    staff:
      - {role: agent, headcount: 30, fte: 1}
ticket_schema:
  attributes:
    channel: {type: enum, required: true, values: [phone, chat]}
    priority: {type: enum, values: [normal, urgent]}
routing:
  default: {unit: desk}
sla:
  policies:
    - id: urgent
      when: {priority: urgent}
      first_response: 10s
  default:
    first_response: 20s
"""
"""One unit ``desk`` open 08:00–17:00 on weekdays, 30 agents, shrinkage 20 %, three chats at
once; urgent tickets are answered within 10 s, the others within 20 s."""


def workload_text(
    *,
    phone_per_hour: float = 400.0,
    chat_per_hour: float = 120.0,
    urgent: float = 0.0,
    phone_seconds: int = 240,
    patience_seconds: int = 180,
    hours: Sequence[float] | None = None,
) -> str:
    """Phone and chat streams for :data:`DEPARTMENT` (chats 10 minutes), phones with a
    patience; ``urgent`` of the phones are urgent; ``hours``: the phones' factor in each
    hour of the day (none: flat)."""
    mix = f"\n    mix: {{priority: {{normal: {1 - urgent}, urgent: {urgent}}}}}" if urgent else ""
    profile = ""
    if hours is not None:
        factors = ", ".join(repr(float(h)) for h in hours)
        profile = f"profiles:\n  - id: day\n    hours: [{factors}]\n"
        mix += "\n    profile: day"
    return f"""\
id: week
department: desk_dept
start: 2027-03-01T00:00:00+07:00
{profile}streams:
  - id: calls
    rate: {phone_per_hour}
    attributes: {{channel: phone}}{mix}
  - id: chats
    rate: {chat_per_hour}
    attributes: {{channel: chat}}
service:
  - {{unit: desk, channel: phone, time: {{kind: exponential, mean: {phone_seconds}s}}}}
  - {{unit: desk, channel: chat, time: {{kind: exponential, mean: 600s}}}}
patience:
  phone: {{kind: exponential, mean: {patience_seconds}s}}
"""
