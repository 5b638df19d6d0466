"""One-unit departments for the simulation-verified staffing tests."""

from __future__ import annotations

from collections.abc import Sequence

ALWAYS = """\
id: one_desk
name: {en: One desk}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: agent, title: {en: Agent}, monthly_cost: 12000000 VND}
calendars:
  - id: days
    name: {en: Days}
    week:
      mon: [HOURS]
      tue: [HOURS]
      wed: [HOURS]
      thu: [HOURS]
      fri: [HOURS]
      sat: [HOURS]
      sun: [HOURS]
units:
  - id: desk
    name: {en: Desk}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone]
    calendar: days
    staff:
      - {role: agent, headcount: 8, fte: 1}
ticket_schema:
  attributes:
    channel: {type: enum, required: true, values: [phone]}
routing:
  default: {unit: desk}
"""


RAMP = (0.0,) * 7 + (0.1, 0.55) + (1.0,) * 10 + (0.0,) * 5
"""The issue's ramp as hourly factors of 200/h: 20/h at 07:00, 110/h at 08:00, 200/h from
09:00 to 19:00 (the desk opens 07:00-19:00)."""


def department(hours: str = "00:00-24:00") -> str:
    """One unit ``desk``, open ``hours`` every day."""
    return ALWAYS.replace("HOURS", hours)


def workload(
    *,
    per_hour: float,
    seconds: float,
    patience: float | None = None,
    factors: Sequence[float] | None = None,
    mondays: bool = False,
) -> str:
    """Poisson phone calls of exponential handling time, with an exponential patience or
    none, flat or with hourly ``factors`` (every day, or Mondays only)."""
    profile = ""
    use = ""
    if factors is not None:
        text = ", ".join(repr(float(f)) for f in factors)
        profile = f"profiles:\n  - id: ramp\n    hours: [{text}]\n"
        if mondays:
            profile += "    days: {tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0}\n"
        use = "\n    profile: ramp"
    wait = f"patience:\n  phone: {{kind: exponential, mean: {patience}s}}\n" if patience else ""
    return f"""\
id: week
department: one_desk
start: 2027-03-01T00:00:00+07:00
{profile}streams:
  - id: calls
    rate: {per_hour}
    attributes: {{channel: phone}}{use}
service:
  - {{unit: desk, channel: phone, time: {{kind: exponential, mean: {seconds}s}}}}
{wait}"""
