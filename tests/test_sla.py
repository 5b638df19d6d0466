"""The SLA engine: policy choice, deadlines across a Tết holiday, and status from a history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.errors import CalendarError, UsageError
from cskh_org.model import Holiday
from cskh_org.model.sla import (
    BusinessDays,
    Clock,
    SlaTarget,
    SlaTargets,
    TargetName,
    format_duration,
    parse_duration,
)
from cskh_org.sla import (
    MAX_EVENTS,
    MAX_HISTORY,
    EventKind,
    SlaEngine,
    TargetState,
    TargetStatus,
    TicketEvent,
    parse_events,
    parse_events_json,
)
from tests.conftest import EXAMPLES, RunCli

ICT = dt.timezone(dt.timedelta(hours=7))
VIP_COMPLAINT = {"channel": "phone", "tier": "vip", "category": "complaint"}


@pytest.fixture(scope="module")
def engine() -> SlaEngine:
    return SlaEngine(cskh_org.load(str(EXAMPLES / "growing" / "department.yaml")))


def at(day: int, hour: int, minute: int = 0, month: int = 2) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, minute, tzinfo=ICT)


def test_first_matching_policy_applies(engine: SlaEngine) -> None:
    """Policies are tried in order: a VIP complaint gets `vip_complaints`, not `complaints`."""
    assert engine.policy(VIP_COMPLAINT)[0] == "vip_complaints"
    assert engine.policy({"channel": "phone", "category": "complaint"})[0] == "complaints"
    assert engine.policy({"channel": "zalo"})[0] == "online"
    policy, targets = engine.policy({"channel": "phone"})
    assert policy is None
    assert targets.first_response is not None
    assert targets.first_response.within == dt.timedelta(hours=4)


def test_deadlines_cross_the_tet_holiday(engine: SlaEngine) -> None:
    """Opened Wednesday 3 Feb 2027 16:50, an 8-hour business resolution uses 40 minutes that
    day, the morning of 4 Feb (closing at noon before Tết), skips 5-10 Feb and ends on
    11 Feb at 11:20."""
    decision = engine.deadlines(VIP_COMPLAINT, at(3, 16, 50))
    due = {d.target: d.due for d in decision.deadlines}
    assert decision.policy == "vip_complaints"
    assert due[TargetName.FIRST_RESPONSE] == at(3, 17, 20)
    assert due[TargetName.NEXT_RESPONSE] == at(4, 8, 20)
    assert due[TargetName.RESOLUTION] == at(11, 11, 20)
    warn = {d.target: d.warn for d in decision.deadlines}
    assert warn[TargetName.RESOLUTION] == at(11, 9, 44)  # 80 % of 8 h = 6 h 24 min
    assert all(d.calendar == "office_hours" for d in decision.deadlines)


def test_deadlines_do_not_depend_on_the_zone_of_the_instant(engine: SlaEngine) -> None:
    """The same instant written in UTC or in Hanoi time gives the same deadlines."""
    local = engine.deadlines(VIP_COMPLAINT, at(3, 16, 50))
    utc = engine.deadlines(VIP_COMPLAINT, at(3, 16, 50).astimezone(dt.UTC))
    assert [d.due for d in local.deadlines] == [d.due for d in utc.deadlines]


def test_opened_while_closed_starts_at_next_opening(engine: SlaEngine) -> None:
    """A ticket opened on Sunday evening is first answered from Monday's opening."""
    decision = engine.deadlines({"channel": "email"}, at(7, 20, month=3))  # Sunday
    first = decision.deadlines[0]
    assert first.target is TargetName.FIRST_RESPONSE
    assert first.due == at(8, 12, month=3)  # Monday 08:00 + 4 h


def test_naive_instant_is_refused(engine: SlaEngine) -> None:
    """An instant without a time zone is a CalendarError, never a guess."""
    with pytest.raises(CalendarError, match="no time zone"):
        engine.deadlines(VIP_COMPLAINT, dt.datetime(2027, 2, 3, 16, 50))


def history(*events: tuple[dt.datetime, EventKind, str | None]) -> list[TicketEvent]:
    return [TicketEvent(when, kind, status) for when, kind, status in events]


def test_status_met_breached_running_with_a_pause(engine: SlaEngine) -> None:
    """Replied in 15 min (met); the customer's follow-up waited 2 h for a 1 h promise
    (breached); resolution excludes the night the ticket waited on the customer (running)."""
    events = history(
        (at(3, 16, 50), EventKind.OPENED, None),
        (at(3, 17, 5), EventKind.REPLIED, None),
        (at(3, 17, 6), EventKind.STATUS, "waiting_on_customer"),
        (at(4, 9), EventKind.CUSTOMER_REPLIED, None),
        (at(4, 11), EventKind.REPLIED, None),
    )
    states = {s.target: s for s in engine.status(VIP_COMPLAINT, events, at(4, 11, 30))}
    first = states[TargetName.FIRST_RESPONSE]
    assert (first.state, first.used) == (TargetState.MET, dt.timedelta(minutes=15))
    assert states[TargetName.NEXT_RESPONSE].state is TargetState.BREACHED
    assert states[TargetName.NEXT_RESPONSE].used == dt.timedelta(hours=2)
    resolution = states[TargetName.RESOLUTION]
    assert resolution.state is TargetState.RUNNING
    assert resolution.used == dt.timedelta(hours=2, minutes=46)
    assert resolution.due == at(11, 14, 14)


def test_status_paused_while_waiting(engine: SlaEngine) -> None:
    """While the ticket waits on the customer, its open targets are paused."""
    events = history(
        (at(3, 9), EventKind.OPENED, None),
        (at(3, 9, 10), EventKind.REPLIED, None),
        (at(3, 9, 11), EventKind.STATUS, "waiting_on_customer"),
    )
    states = {s.target: s for s in engine.status(VIP_COMPLAINT, events, at(11, 17))}
    assert states[TargetName.RESOLUTION].state is TargetState.PAUSED
    assert states[TargetName.RESOLUTION].used == dt.timedelta(minutes=11)
    assert states[TargetName.NEXT_RESPONSE].state is TargetState.NOT_STARTED


def test_resolution_counts_reopened_time(engine: SlaEngine) -> None:
    """Resolved, then reopened: the resolution clock adds the time after reopening."""
    events = history(
        (at(3, 8), EventKind.OPENED, None),
        (at(3, 9), EventKind.REPLIED, None),
        (at(3, 11), EventKind.RESOLVED, None),
        (at(4, 8), EventKind.REOPENED, None),
        (at(4, 11, 30), EventKind.RESOLVED, None),
    )
    states = {s.target: s for s in engine.status(VIP_COMPLAINT, events, at(12, 8))}
    resolution = states[TargetName.RESOLUTION]
    assert resolution.used == dt.timedelta(hours=6, minutes=30)
    assert resolution.state is TargetState.MET


def test_history_must_start_opened(engine: SlaEngine) -> None:
    """A history that does not start with `opened` is refused with the fix."""
    with pytest.raises(UsageError, match="starts with an `opened` event"):
        engine.status(VIP_COMPLAINT, history((at(3, 9), EventKind.REPLIED, None)), at(3, 10))


def test_status_before_the_opening_is_refused(engine: SlaEngine) -> None:
    """Judging a history at an instant before the ticket was opened is a UsageError naming
    both instants (it was an IndexError)."""
    events = history((at(3, 16, 50), EventKind.OPENED, None))
    with pytest.raises(UsageError, match=r"\(2027-02-01T10:00:00\+07:00\) is before the ticket"):
        engine.status(VIP_COMPLAINT, events, at(1, 10))
    assert engine.status(VIP_COMPLAINT, events, at(3, 16, 50))  # at the opening: fine


@pytest.mark.parametrize(
    "instant",
    [
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=ICT),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(-dt.timedelta(hours=7))),
        dt.datetime(1, 1, 1, tzinfo=ICT),
    ],
)
def test_instants_out_of_range_are_refused(engine: SlaEngine, instant: dt.datetime) -> None:
    """An instant at the ends of Python's years is a CalendarError naming the years, for
    deadlines, events and the instant judged at (it was an OverflowError)."""
    with pytest.raises(CalendarError, match="falls in the years 2 to 9990"):
        engine.deadlines(VIP_COMPLAINT, instant)
    opened = history((at(3, 16, 50), EventKind.OPENED, None))
    with pytest.raises(CalendarError, match="falls in the years 2 to 9990"):
        engine.status(VIP_COMPLAINT, opened, instant)
    with pytest.raises(CalendarError, match="falls in the years 2 to 9990"):
        engine.status(VIP_COMPLAINT, [*opened, TicketEvent(instant, EventKind.REPLIED)], at(4, 9))


def test_a_history_longer_than_five_years_is_refused(engine: SlaEngine) -> None:
    """Judging a ticket more than five years after its opening is a UsageError (measuring
    business time over 8,000 years took minutes); five years is measured."""
    opened = history((at(3, 16, 50), EventKind.OPENED, None))
    with pytest.raises(UsageError, match="more than 1,830 days"):
        engine.status(VIP_COMPLAINT, opened, dt.datetime(9990, 1, 1, tzinfo=ICT))
    late = opened + history((at(3, 16, 50) + MAX_HISTORY * 2, EventKind.REPLIED, None))
    with pytest.raises(UsageError, match="more than 1,830 days"):
        engine.status(VIP_COMPLAINT, late, at(4, 9))
    [first, *_] = engine.status(VIP_COMPLAINT, opened, at(3, 16, 50) + MAX_HISTORY)
    assert first.state is TargetState.BREACHED


def test_a_history_of_too_many_events_is_refused(engine: SlaEngine) -> None:
    """The engine measures the opening and at most MAX_EVENTS events after it."""
    replies = [TicketEvent(at(3, 17), EventKind.REPLIED)] * MAX_EVENTS
    opened = history((at(3, 16, 50), EventKind.OPENED, None))
    assert engine.status(VIP_COMPLAINT, opened + replies, at(3, 18))
    with pytest.raises(UsageError, match="at most 1,000 events after its opening, not 1,001"):
        engine.status(VIP_COMPLAINT, [*opened, *replies, replies[0]], at(3, 18))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('[{"at": "2027-02-03T17:00+07:00", "kind": "replied", "kind": "resolved"}]', "twice"),
        ('[{"at": "2027-02-03T17:00+07:00", "kind": "replied", "n": NaN}]', "`NaN`"),
        ('[{"at": 1' + "0" * 5000 + ', "kind": "replied"}]', "unusable JSON value"),
        ('{"at": "2027-02-03T17:00+07:00"}', "a JSON list of"),
        ("[1]", "a JSON list of"),
        ("[{", "not valid JSON"),
        (
            "[" + ", ".join(['{"at": "2027-02-03T17:00+07:00", "kind": "replied"}'] * 1001) + "]",
            f"at most {MAX_EVENTS:,} events",
        ),
        (" " * (1 << 20) + "[]", "longer than"),
    ],
)
def test_events_json_is_bounded_and_unambiguous(text: str, phrase: str) -> None:
    """Events as JSON text: deep nesting, a key given twice, NaN, huge integers, another
    shape, too many events or too much text are each one UsageError, never a crash."""
    with pytest.raises(UsageError, match=phrase):
        parse_events_json(text)


def test_events_json_parses_a_history() -> None:
    """A list of event objects parses to events in order."""
    [event] = parse_events_json('[{"at": "2027-02-03T17:00+07:00", "kind": "replied"}]')
    assert event.kind is EventKind.REPLIED
    assert event.at == at(3, 17)


def _sla_cli(run_cli: RunCli, *extra: str) -> tuple[int, str]:
    result = run_cli(
        [
            "sla",
            "--lang",
            "en",
            "examples/growing/department.yaml",
            "--ticket",
            '{"channel": "email"}',
            "--opened",
            "2027-02-03T16:50+07:00",
            *extra,
        ]
    )
    assert result.out == "" or result.code == 0
    return result.code, result.err


def test_cli_now_before_opened_exits_2(run_cli: RunCli) -> None:
    """`--now` before `--opened` exits 2 with one line (it was an internal error, exit 3)."""
    code, err = _sla_cli(run_cli, "--events", "[]", "--now", "2027-02-01T10:00+07:00")
    assert code == 2
    assert err.count("\n") == 1
    assert "is before the ticket was opened" in err


@pytest.mark.parametrize(
    ("events", "phrase"),
    [
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('[{"at": "2027-02-03T17:00+07:00", "kind": "replied", "kind": "resolved"}]', "twice"),
    ],
)
def test_cli_hostile_events_exit_2(run_cli: RunCli, events: str, phrase: str) -> None:
    """`--events` nested 50,000 deep, or with a key given twice, exits 2 with one line."""
    code, err = _sla_cli(run_cli, "--events", events)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("cskh-org: error: --events: ")
    assert phrase in err


def test_parse_events_names_the_bad_event() -> None:
    """Events from JSON are checked, and a bad one is named by its position."""
    events = parse_events([{"at": "2027-02-03T09:00+07:00", "kind": "opened"}])
    assert events[0].kind is EventKind.OPENED
    with pytest.raises(UsageError, match="event 2"):
        parse_events([{"at": "2027-02-03T09:00+07:00", "kind": "opened"}, {"kind": "x"}])


def test_durations_round_trip() -> None:
    """`4h`, `1h30m`, `2d` parse to timedeltas and print back the same way."""
    for text in ("4h", "1h30m", "45m", "2d", "1d4h"):
        value = parse_duration(text)
        assert isinstance(value, dt.timedelta)
        assert format_duration(value) == text


def test_calendar_clock_counts_every_minute() -> None:
    """A calendar-clock target is due exactly its length later, nights included."""
    text = (EXAMPLES / "growing" / "sla.yaml").read_text("utf-8")
    assert "clock: calendar" not in text  # the example uses business time only
    dept = cskh_org.load(str(EXAMPLES / "growing" / "department.yaml"))
    assert dept.sla is not None
    first_target = dept.sla.default.first_response
    assert first_target is not None
    calendar_clock = first_target.model_copy(update={"clock": Clock.CALENDAR})
    default = dept.sla.default.model_copy(update={"first_response": calendar_clock})
    sla = dept.sla.model_copy(update={"default": default})
    engine = SlaEngine(dept.model_copy(update={"sla": sla}))
    [first, *_] = engine.deadlines({"channel": "email"}, at(3, 20)).deadlines
    assert first.clock is Clock.CALENDAR
    assert first.calendar is None
    assert first.due == at(4, 0)


def test_cli_prints_deadlines(run_cli: RunCli) -> None:
    """`cskh-org sla` prints the policy and each target's due instant."""
    result = run_cli(
        [
            "sla",
            "--lang",
            "en",
            "examples/growing/department.yaml",
            "--ticket",
            '{"channel": "phone", "tier": "vip", "category": "complaint"}',
            "--opened",
            "2027-02-03T16:50+07:00",
        ]
    )
    assert result.code == 0, result.err
    assert "policy:  vip_complaints" in result.out
    assert "resolution:      due 2027-02-11T11:20:00+07:00" in result.out


def test_cli_status_from_events(run_cli: RunCli) -> None:
    """With --events the command prints each target's state."""
    events = '[{"at": "2027-02-03T17:05+07:00", "kind": "replied"}]'
    result = run_cli(
        [
            "sla",
            "--lang",
            "en",
            "examples/growing/department.yaml",
            "--ticket",
            '{"channel": "email"}',
            "--opened",
            "2027-02-03T16:50+07:00",
            "--events",
            events,
            "--format",
            "json",
        ]
    )
    assert result.code == 0, result.err
    assert '"state": "met"' in result.out


def test_cli_refuses_an_instant_without_offset(run_cli: RunCli) -> None:
    """--opened without a UTC offset exits 2 saying how to write it."""
    result = run_cli(
        [
            "sla",
            "--lang",
            "en",
            "examples/growing/department.yaml",
            "--ticket",
            "{}",
            "--opened",
            "2027-02-03",
        ]
    )
    assert result.code == 2
    assert "has no UTC offset" in result.err


@pytest.mark.parametrize("written", ["2027-02-03", "2027-02-03T16:50", "2027-02-03T16:50:33.5"])
def test_cli_hint_for_a_missing_offset_is_accepted(run_cli: RunCli, written: str) -> None:
    """The value suggested for an instant without an offset is itself accepted: fed back,
    the command prints the deadlines (for `2027-02-03` it suggested `2027-02-03+07:00`,
    which is refused too)."""
    base = [
        "sla",
        "--lang",
        "en",
        "examples/growing/department.yaml",
        "--ticket",
        '{"channel": "email"}',
    ]
    for option in ("--opened", "--now"):

        def run(value: str, option: str = option) -> tuple[int, str]:
            if option == "--opened":
                result = run_cli([*base, "--opened", value])
            else:
                opened = ["--opened", "2027-02-02T00:00+07:00", "--events", "[]"]
                result = run_cli([*base, *opened, "--now", value])
            return result.code, result.err

        code, err = run(written)
        assert code == 2
        hint = err.rstrip().rpartition("write e.g. ")[2]
        assert hint.startswith(written)
        assert hint.endswith("+07:00")
        assert run(hint) == (0, "")


def _typed_in_2027_only(engine: SlaEngine) -> SlaEngine:
    """The growing example with its office calendar's holidays typed in for 2027 only (no
    country), as the examples had them before `public_holidays`."""
    dept = engine.department
    tet = Holiday(date=dt.date(2027, 2, 5), until=dt.date(2027, 2, 10))
    calendars = tuple(
        c.model_copy(update={"public_holidays": None, "holidays": (tet,)})
        if c.id == "office_hours"
        else c
        for c in dept.calendars
    )
    return SlaEngine(dept.model_copy(update={"calendars": calendars}))


def test_tet_2028_is_skipped_on_the_examples_country_calendar(engine: SlaEngine) -> None:
    """The growing example names Vietnam's public holidays: a complaint opened on Tết eve 2028
    (Tuesday 25 Jan) is resolved from Monday 31 Jan, with no warning."""
    decision = engine.deadlines(VIP_COMPLAINT, dt.datetime(2028, 1, 25, 16, 50, tzinfo=ICT))
    due = {d.target: d.due for d in decision.deadlines}
    assert due[TargetName.RESOLUTION] == dt.datetime(2028, 1, 31, 17, 30, tzinfo=ICT)
    assert decision.warnings == ()
    assert decision.to_dict()["warnings"] == []


def test_a_deadline_past_the_holiday_data_warns(engine: SlaEngine) -> None:
    """Holidays typed in for 2027 only: a deadline in 2027 carries no warning, one in 2028
    carries one naming the calendar and the fix (once, though three targets fall then), in
    the decision, its JSON and a running target's status."""
    typed = _typed_in_2027_only(engine)
    assert typed.deadlines(VIP_COMPLAINT, dt.datetime(2027, 12, 30, 9, tzinfo=ICT)).warnings == ()
    decision = typed.deadlines(VIP_COMPLAINT, dt.datetime(2028, 1, 25, 16, 50, tzinfo=ICT))
    [warning] = decision.warnings
    assert "`office_hours` has holidays only up to 2027" in warning
    assert "public_holidays" in warning
    assert decision.to_dict()["warnings"] == [warning]
    due = {d.target: d.due for d in decision.deadlines}
    assert due[TargetName.RESOLUTION] == dt.datetime(2028, 1, 26, 16, 50, tzinfo=ICT)
    opened = dt.datetime(2027, 12, 31, 16, tzinfo=ICT)
    events = [TicketEvent(opened, EventKind.OPENED)]
    statuses = typed.status(VIP_COMPLAINT, events, opened + dt.timedelta(minutes=5))
    assert all(s.warning == warning for s in statuses if s.due and s.due.year == 2028)
    assert any(s.warning for s in statuses)


def test_cli_shows_tet_2028_and_warns_past_the_data(run_cli: RunCli) -> None:
    """`cskh-org sla` on the large example closes Tết 2028 with no warning; past the last year
    the `holidays` package has rules for, it warns on stderr and in the JSON."""
    ticket = '{"channel": "email", "category": "complaint", "tier": "vip"}'
    args = ["sla", "--lang", "en", "examples/large/department.yaml", "--ticket", ticket, "--opened"]
    result = run_cli([*args, "2028-01-25T16:50+07:00"])
    assert result.code == 0, result.err
    assert "resolution:      due 2028-01-31T17:30:00+07:00" in result.out
    assert result.err == ""
    result = run_cli([*args, "2100-12-31T16:50+07:00", "--format", "json"])
    assert result.code == 0, result.err
    assert "cskh-org: warning: calendar `office_hours`: the `holidays` package" in result.err
    assert "only up to 2100" in json.loads(result.out)["warnings"][0]


OPENED = st.datetimes(
    min_value=dt.datetime(2027, 1, 1), max_value=dt.datetime(2027, 12, 20), timezones=st.just(ICT)
)
DELAY = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=20))


@settings(max_examples=150, deadline=None)
@given(opened=OPENED, delay=DELAY, ticket=st.sampled_from([VIP_COMPLAINT, {"channel": "zalo"}]))
def test_first_response_met_exactly_when_the_reply_is_due_in_time(
    engine: SlaEngine, opened: dt.datetime, delay: dt.timedelta, ticket: dict[str, str]
) -> None:
    """A reply at or before the first-response deadline is met, and after it is breached."""
    [first, *_] = engine.deadlines(ticket, opened).deadlines
    reply = opened + delay
    events = [TicketEvent(opened, EventKind.OPENED), TicketEvent(reply, EventKind.REPLIED)]
    [status, *_] = engine.status(ticket, events, reply)
    assert status.target is TargetName.FIRST_RESPONSE
    expected = TargetState.MET if reply <= first.due else TargetState.BREACHED
    # a reply while closed after the deadline's instant uses no more business time: met
    if expected is TargetState.BREACHED and status.used == first.within:
        expected = TargetState.MET
    assert status.state is expected


@settings(max_examples=100, deadline=None)
@given(opened=OPENED, a=DELAY, b=DELAY, c=DELAY)
def test_waiting_on_the_customer_never_counts(
    engine: SlaEngine, opened: dt.datetime, a: dt.timedelta, b: dt.timedelta, c: dt.timedelta
) -> None:
    """The resolution clock equals business time open minus the span spent waiting."""
    wait, back, now = opened + a, opened + a + b, opened + a + b + c
    events = [
        TicketEvent(opened, EventKind.OPENED),
        TicketEvent(wait, EventKind.STATUS, "waiting_on_customer"),
        TicketEvent(back, EventKind.CUSTOMER_REPLIED),
    ]
    statuses = {s.target: s for s in engine.status({"channel": "email"}, events, now)}
    calendar = engine.calendar_for({"channel": "email"}, *_default_resolution(engine))
    assert calendar is not None
    expected = calendar.elapsed(opened, wait) + calendar.elapsed(back, now)
    assert statuses[TargetName.RESOLUTION].used == expected


def _default_resolution(engine: SlaEngine) -> tuple[SlaTarget, SlaTargets]:
    sla = engine.department.sla
    assert sla is not None
    assert sla.default.resolution is not None
    return sla.default.resolution, sla.default


RAISED = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles: [{id: agent, title: Agent, monthly_cost: 10000000 VND}]
units:
  - id: desk
    name: Desk
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: agent, headcount: 2}]
routing:
  rules:
    - id: complaints_first
      when: {category: complaint}
      to: {unit: desk, priority: 1}
  default: {unit: desk}
sla:
  policies:
    - {id: high, when: {priority: high}, first_response: {within: 15m, clock: calendar}}
    - {id: normal, when: {priority: normal}, first_response: {within: 4h, clock: calendar}}
  default: {first_response: {within: 8h, clock: calendar}}
"""


def test_the_sla_policy_is_chosen_with_the_priority_routing_gave_the_ticket() -> None:
    """A rule that raises a `normal` complaint to `high` gives it the `high` policy (the
    policy of its raw priority was applied before); tickets no rule raises keep theirs."""
    dept = cskh_org.validate_text(RAISED).department
    assert dept is not None
    engine = SlaEngine(dept)
    complaint = {"channel": "phone", "category": "complaint", "priority": "normal"}
    assert dept.router().route(complaint).priority == "high"
    assert engine.policy(complaint)[0] == "high"
    assert engine.routed(complaint) == {**complaint, "priority": "high"}
    question = {"channel": "phone", "category": "question", "priority": "normal"}
    assert engine.policy(question)[0] == "normal"
    assert engine.routed(question) is question


def test_the_simulation_applies_the_sla_policy_of_the_raised_priority() -> None:
    from cskh_org.model.workload import Workload
    from cskh_org.simulation.plan import Plan

    dept = cskh_org.validate_text(RAISED).department
    assert dept is not None
    workload = Workload.model_validate(
        {
            "id": "w",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": [
                {
                    "id": "calls",
                    "rate": 4,
                    "attributes": {"channel": "phone", "priority": "normal"},
                    "mix": {"category": {"complaint": 1, "question": 1}},
                }
            ],
            "service": [{"unit": "desk", "time": {"kind": "exponential", "mean": "5m"}}],
        }
    )
    plan = Plan(dept, workload, days=1)
    within = {
        cls.attributes["category"]: cls.first_response.within
        for cls in plan.classes
        if cls.first_response is not None
    }
    assert within == {"complaint": 15 * 60, "question": 4 * 3600}


def test_seconds_are_a_unit_of_a_target() -> None:
    """The phone industry's "80 % in 20 seconds" can be written: `20s`, `1m30s`."""
    assert parse_duration("20s") == dt.timedelta(seconds=20)
    assert parse_duration("1m30s") == dt.timedelta(seconds=90)
    assert format_duration(dt.timedelta(seconds=90)) == "1m30s"
    assert format_duration(dt.timedelta(seconds=20)) == "20s"
    assert format_duration(dt.timedelta(hours=28), days=False) == "28h"


DAY_ON_BUSINESS = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles: [{id: agent, title: Agent, monthly_cost: 10000000 VND}]
calendars:
  - id: office
    name: Office
    week:
      mon: [08:00-12:00, 13:00-17:00]
      tue: [08:00-12:00, 13:00-17:00]
      wed: [08:00-12:00, 13:00-17:00]
      thu: [08:00-12:00, 13:00-17:00]
      fri: [08:00-12:00, 13:00-17:00]
units:
  - id: desk
    name: Desk
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    calendar: office
    staff: [{role: agent, headcount: 2}]
routing: {default: {unit: desk}}
sla:
  calendar: office
  default: {first_response: 20s, next_response: 24h, resolution: RESOLUTION}
"""


@pytest.mark.parametrize(
    ("resolution", "warned"),
    [
        ("1d", True),
        ("2d4h", True),
        ("24h", False),
        ("8h", False),
        ("{within: 1d, clock: calendar}", False),
    ],
)
def test_days_on_a_business_clock_name_both_meanings(resolution: str, warned: bool) -> None:
    """`1d` on a business clock is 24 opening hours (three office days of 8 h), not one
    business day: a warning says both and how to write each; `24h` is written on purpose."""
    result = cskh_org.validate_text(DAY_ON_BUSINESS.replace("RESOLUTION", resolution))
    found = [f for f in result.findings if f.code == "sla-day-on-business-clock"]
    assert bool(found) is warned, [str(f) for f in result.findings]
    if warned and resolution == "1d":
        (finding,) = found
        assert finding.severity.value == "warning"
        assert (
            "24 opening hours of calendar `office`, about 3.0 opening days of 8h" in finding.message
        )
        assert "for 1 business day(s) of the calendar write `1bd`" in finding.message
        assert "for 24 hours around the clock set `clock: calendar`" in finding.message
        assert "for 24 opening hours indeed write `24h`" in finding.message
        assert "hãy ghi `1bd`" in finding.message_vi
    if warned and resolution == "2d4h":
        (finding,) = found
        assert "business days (`1bd`) count whole days" in finding.message
        assert "write `17h20m` of opening hours" in finding.message
        assert finding.location is not None
        assert (finding.location.line, finding.location.column) == (24, 66)


def test_a_duration_written_in_days_is_written_back_in_days() -> None:
    from cskh_org.model.sla import SlaTarget

    assert SlaTarget.model_validate("1d").model_dump()["within"] == "1d"
    assert SlaTarget.model_validate("24h").model_dump()["within"] == "24h"
    assert SlaTarget.model_validate("24h").within == SlaTarget.model_validate("1d").within


# -- business days (`1bd`) ---------------------------------------------------------------------

BUSINESS_DAYS = (
    DAY_ON_BUSINESS.replace(
        "      fri: [08:00-12:00, 13:00-17:00]\n",
        "      fri: [08:00-12:00, 13:00-17:00]\n    public_holidays: {country: VN}\n",
    )
    .replace("[08:00-12:00, 13:00-17:00]", "[08:00-17:00]")
    .replace(
        "default: {first_response: 20s, next_response: 24h, resolution: RESOLUTION}",
        "default: {first_response: 1bd, next_response: 1bd, resolution: 3bd}",
    )
)
"""One desk, Monday to Friday 08:00-17:00 with Vietnam's public holidays; every target in
business days."""


@pytest.fixture(scope="module")
def office_days() -> SlaEngine:
    return SlaEngine(cskh_org.validate_text(BUSINESS_DAYS, name="d.yaml").unwrap())


@pytest.mark.parametrize(
    ("opened", "first", "resolution"),
    [
        (at(5, 16, month=3), at(8, 16, month=3), at(10, 16, month=3)),  # Friday 16:00
        (at(6, 10, month=3), at(8, 17, month=3), at(10, 17, month=3)),  # Saturday
        (at(3, 16), at(11, 16), at(15, 16)),  # Wednesday before Tết (4 to 10 February)
    ],
)
def test_business_day_deadlines_keep_the_time_of_day(
    office_days: SlaEngine, opened: dt.datetime, first: dt.datetime, resolution: dt.datetime
) -> None:
    """`1bd` opened Friday 16:00 on a Monday to Friday 08:00-17:00 calendar is due Monday
    16:00; opened on Saturday, at Monday's close; Tết is skipped. The warning is at 80 % of
    the business time to the deadline (9h from Friday 16:00: 7h12m, Monday 14:12)."""
    decision = office_days.deadlines({"channel": "phone"}, opened)
    due = {d.target: d for d in decision.deadlines}
    assert due[TargetName.FIRST_RESPONSE].due == first
    assert due[TargetName.RESOLUTION].due == resolution
    assert due[TargetName.FIRST_RESPONSE].within == BusinessDays(1)
    assert due[TargetName.FIRST_RESPONSE].to_dict()["within"] == "1bd"
    if opened == at(5, 16, month=3):
        assert due[TargetName.FIRST_RESPONSE].warn == at(8, 14, 12, month=3)


def test_business_days_are_met_by_the_same_time_of_day(office_days: SlaEngine) -> None:
    """Opened Friday 16:00: a reply Monday 16:00 meets `1bd` (9h of business time used), a
    reply at 16:01 breaches it; still unanswered on Monday morning, it is due at 16:00."""
    opened = at(5, 16, month=3)

    def first(reply: dt.datetime | None, now: dt.datetime) -> TargetStatus:
        events = [TicketEvent(opened, EventKind.OPENED)]
        if reply is not None:
            events.append(TicketEvent(reply, EventKind.REPLIED))
        return office_days.status({"channel": "phone"}, events, now)[0]

    met = first(at(8, 16, month=3), at(9, 9, month=3))
    assert (met.state, met.used) == (TargetState.MET, dt.timedelta(hours=9))
    late = first(at(8, 16, 1, month=3), at(9, 9, month=3))
    assert late.state is TargetState.BREACHED
    running = first(None, at(8, 10, month=3))
    assert running.state is TargetState.RUNNING
    assert running.due == at(8, 16, month=3)
    assert running.to_dict()["within"] == "1bd"


def test_a_pause_pushes_a_business_day_deadline_by_its_business_time(
    office_days: SlaEngine,
) -> None:
    """The target is its business time at the opening (Friday 16:00 → Monday 16:00: 9h);
    two hours waiting on the customer on Monday morning push the deadline two business hours,
    to Tuesday 09:00, as for any business-clock target."""
    opened = at(5, 16, month=3)
    events = [
        TicketEvent(opened, EventKind.OPENED),
        TicketEvent(at(8, 9, month=3), EventKind.STATUS, "waiting_on_customer"),
        TicketEvent(at(8, 11, month=3), EventKind.CUSTOMER_REPLIED),
    ]
    first, _, resolution = office_days.status({"channel": "phone"}, events, at(8, 12, month=3))
    assert first.state is TargetState.RUNNING
    assert first.used == dt.timedelta(hours=3)
    assert first.due == at(9, 9, month=3)
    assert resolution.due == at(11, 9, month=3)  # 3bd: Wednesday 16:00, two hours later


def test_a_next_response_counts_business_days_from_the_customer_reply(
    office_days: SlaEngine,
) -> None:
    """`next_response: 1bd` starts at each customer message: written Tuesday 15:00, it is due
    Wednesday 15:00."""
    events = [
        TicketEvent(at(5, 16, month=3), EventKind.OPENED),
        TicketEvent(at(8, 9, month=3), EventKind.REPLIED),
        TicketEvent(at(9, 15, month=3), EventKind.CUSTOMER_REPLIED),
    ]
    _, following, _ = office_days.status({"channel": "phone"}, events, at(10, 10, month=3))
    assert following.state is TargetState.RUNNING
    assert following.due == at(10, 15, month=3)


def test_business_days_on_a_calendar_clock_are_an_engine_error() -> None:
    """The loader takes `{within: 1bd, clock: calendar}` (a check reports it); the engine
    cannot count it and says so, with both fixes."""
    text = BUSINESS_DAYS.replace("resolution: 3bd", "resolution: {within: 3bd, clock: calendar}")
    result = cskh_org.validate_text(text, name="d.yaml")
    assert [f.code for f in result.findings if f.severity.value == "error"] == [
        "sla-business-days-calendar-clock"
    ]
    assert result.department is not None
    engine = SlaEngine(result.department)
    with pytest.raises(UsageError, match="`resolution: 3bd` counts business days on a calendar"):
        engine.deadlines({"channel": "phone"}, at(5, 16, month=3))


def test_business_days_are_written_back_as_written() -> None:
    """`3bd` loads as three business days and dumps as `3bd`, in both dump modes."""
    target = SlaTarget.model_validate("3bd")
    assert target.within == BusinessDays(3)
    assert target.model_dump()["within"] == "3bd"
    assert SlaTarget.model_validate_json(target.model_dump_json()) == target
    assert SlaTarget.model_validate({"within": BusinessDays(2)}).within == BusinessDays(2)


def test_cli_prints_business_day_deadlines(run_cli: RunCli, tmp_path: Path) -> None:
    """`cskh-org sla` shows a `1bd` target as written, due Monday 16:00 for Friday 16:00."""
    path = tmp_path / "department.yaml"
    path.write_text(BUSINESS_DAYS, encoding="utf-8")
    result = run_cli(
        [
            "sla",
            "--lang",
            "en",
            str(path),
            "--ticket",
            '{"channel": "phone"}',
            "--opened",
            "2027-03-05T16:00+07:00",
        ]
    )
    assert result.code == 0, result.err
    assert "first_response:  due 2027-03-08T16:00:00+07:00  (1bd, business time on office)" in (
        result.out
    )
