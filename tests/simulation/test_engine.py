"""The engine's own behaviour: its two kernels agree, it counts time as the department's
calendars and SLA engine do, and it follows the department's priorities, skills, escalation
steps, follow-ups and reopenings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.calendars import BusinessCalendar
from cskh_org.errors import SimulationError
from cskh_org.loading import validate
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation, TicketRecord
from cskh_org.simulation.timetable import Timetable
from tests.simulation.conftest import (
    exponential,
    fixed,
    one_stream_workload,
    one_unit_department,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _example(name: str) -> tuple[Department, Workload]:
    dept = validate(EXAMPLES / name / "department.yaml").unwrap()
    data = yaml.safe_load((EXAMPLES / name / "workload.yaml").read_text(encoding="utf-8"))
    return dept, Workload.model_validate(data)


def _records(sim: Simulation, seed: int = 1) -> list[TicketRecord]:
    out: list[TicketRecord] = []
    sim.run(0, seed, records=out.append)
    return out


def _workload(doc: dict[str, Any], **changes: Any) -> Workload:
    data = dict(doc)
    data.update(changes)
    return Workload.model_validate(data)


# -- the two kernels -------------------------------------------------------------------------

SERVICES = st.sampled_from(
    [
        exponential(300),
        fixed(240),
        {"kind": "lognormal", "mean": "300s", "sd": "200s"},
        {"kind": "gamma", "mean": "300s", "sd": "100s"},
        {"kind": "empirical", "values": ["60s", "5m", "12m"]},
    ]
)


@settings(max_examples=15, deadline=None)
@given(
    servers=st.integers(1, 6),
    load=st.floats(0.3, 1.2),
    service=SERVICES,
    patience=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_fast_kernel_equals_general_kernel(
    servers: int, load: float, service: dict[str, Any], patience: bool, seed: int
) -> None:
    """The streamlined kernel gives exactly the general kernel's statistics, draw for draw."""
    rate = load * servers * 3600 / 300
    wl = one_stream_workload(
        rate,
        service,
        patience=exponential(120) if patience else None,
        warmup=dt.timedelta(hours=2),
    )
    sim = Simulation(one_unit_department(servers), wl, days=1)
    assert sim.fast
    fast = sim.run(0, seed, kernel="fast")
    general = sim.run(0, seed, kernel="general")
    assert dataclasses.asdict(fast) | {"events": 0} == dataclasses.asdict(general) | {"events": 0}


ROUND_THE_CLOCK = {
    "id": "round_the_clock",
    "name": {"en": "Round the clock"},
    "week": {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
}


def _round_the_clock(servers: int, sla: dict[str, Any], *, split: bool = False) -> Department:
    """The one desk on a 24/7 calendar (``split``: each day as two ranges that touch) with
    the SLA ``sla``."""
    doc = one_unit_department(servers).model_dump(by_alias=True, exclude_none=True)
    calendar = dict(ROUND_THE_CLOCK)
    if split:
        calendar["week"] = {day: ["12:00-24:00", "00:00-12:00"] for day in calendar["week"]}
    doc["calendars"] = [calendar]
    doc["units"][0]["calendar"] = "round_the_clock"
    doc["sla"] = sla
    return Department.model_validate(doc)


TARGETS = st.sampled_from(["30s", "2m", "5m", "20m", "1bd"])


@settings(max_examples=25, deadline=None)
@given(
    servers=st.integers(1, 6),
    load=st.floats(0.3, 1.3),
    service=SERVICES,
    patience=st.booleans(),
    first=TARGETS,
    resolution=st.one_of(st.none(), TARGETS),
    clock=st.sampled_from(["business", "calendar"]),
    count=st.sampled_from([None, "answered", "short_abandons_excluded"]),
    split=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_fast_kernel_equals_general_kernel_on_a_24_7_calendar_with_an_sla(
    *,
    servers: int,
    load: float,
    service: dict[str, Any],
    patience: bool,
    first: str,
    resolution: str | None,
    clock: str,
    count: str | None,
    split: bool,
    seed: int,
) -> None:
    """Agents on a calendar open round the clock, with an SLA counted on it (business days
    too): the streamlined kernel runs it, and gives exactly the general kernel's statistics,
    draw for draw (SLA figures, abandons and tickets open at the end included)."""
    if first.endswith("bd") or (resolution or "").endswith("bd"):
        clock = "business"  # business days count on a calendar
    targets: dict[str, Any] = {
        "calendar": "round_the_clock",
        "first_response": {"within": first, "clock": clock},
    }
    if resolution is not None:
        targets["resolution"] = {"within": resolution, "clock": clock}
    rate = load * servers * 3600 / 300
    wl = one_stream_workload(
        rate,
        service,
        patience=exponential(120) if patience else None,
        warmup=dt.timedelta(hours=2),
    )
    if count is not None:
        doc = wl.model_dump(by_alias=True, exclude_none=True)
        doc["service_level"] = {"count": count, "short_abandon": "10s"}
        wl = Workload.model_validate(doc)
    sim = Simulation(_round_the_clock(servers, {"default": targets}, split=split), wl, days=1)
    assert sim.fast
    assert sim.units["desk"].groups[0].timetable is None  # always on duty: no timetable
    fast = sim.run(0, seed, kernel="fast")
    general = sim.run(0, seed, kernel="general")
    assert dataclasses.asdict(fast) | {"events": 0} == dataclasses.asdict(general) | {"events": 0}
    assert sum(c.sla_counted["first_response"] for c in fast.classes.values()) > 0


def test_a_calendar_closed_on_a_holiday_is_not_round_the_clock() -> None:
    """A 24/7 week with a holiday is a calendar (a timetable, the general kernel)."""
    doc = _round_the_clock(2, {"default": {"first_response": "5m"}}).model_dump(
        by_alias=True, exclude_none=True
    )
    doc["calendars"][0]["holidays"] = [{"date": "2027-03-02", "name": {"en": "Closed"}}]
    sim = Simulation(Department.model_validate(doc), one_stream_workload(10, exponential(300)))
    assert not sim.fast
    assert sim.units["desk"].groups[0].timetable is not None


def test_streams_sharing_accumulators_with_different_targets_run_the_general_kernel() -> None:
    """Two categories at one desk (one class key) with and without a resolution target: the
    streamlined kernel, which counts each target over the key's tickets, is not used."""
    dept = one_unit_department(3, queues=True)
    doc = dept.model_dump(by_alias=True, exclude_none=True)
    doc["routing"]["rules"] = []
    doc["sla"] = {
        "policies": [
            {
                "id": "rare",
                "when": {"category": "rare"},
                "resolution": {"within": "1h", "clock": "calendar"},
            }
        ],
        "default": {"first_response": {"within": "5m", "clock": "calendar"}},
    }
    streams = [
        {"id": c, "rate": 10, "attributes": {"channel": "phone", "category": c}}
        for c in ("common", "rare")
    ]
    wl = Workload.model_validate(
        {
            "id": "two",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": streams,
            "service": [{"unit": "desk", "time": exponential(300)}],
        }
    )
    assert not Simulation(Department.model_validate(doc), wl, days=1).fast
    doc["sla"]["policies"] = []  # the same targets for both: the streamlined kernel
    assert Simulation(Department.model_validate(doc), wl, days=1).fast


def _two_priorities(servers: int, sla: bool) -> Department:
    """The desk with a rule that puts ``urgent`` tickets first (priority 1)."""
    doc = one_unit_department(servers).model_dump(by_alias=True, exclude_none=True)
    schema = doc["ticket_schema"]["attributes"]
    schema["category"] = {"type": "enum", "values": ["common", "urgent"]}
    schema["priority"] = {"type": "enum", "values": ["normal", "high"]}
    doc["routing"]["rules"] = [
        {"id": "urgent", "when": {"category": "urgent"}, "to": {"unit": "desk", "priority": 1}}
    ]
    if sla:
        doc["sla"] = {
            "default": {
                "first_response": {"within": "2m", "clock": "calendar"},
                "resolution": {"within": "10m", "clock": "calendar"},
            }
        }
    return Department.model_validate(doc)


def _two_streams(rate: float, urgent: float, service: dict[str, Any], **extra: Any) -> Workload:
    return Workload.model_validate(
        {
            "id": "two",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": [
                {
                    "id": category,
                    "rate": rate * share,
                    "attributes": {"channel": "phone", "category": category},
                }
                for category, share in (("common", 1 - urgent), ("urgent", urgent))
            ],
            "service": [{"unit": "desk", "time": service}],
            **extra,
        }
    )


@settings(max_examples=20, deadline=None)
@given(
    servers=st.integers(1, 6),
    load=st.floats(0.3, 1.3),
    urgent=st.floats(0.05, 0.6),
    service=SERVICES,
    sla=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_fast_kernel_equals_general_kernel_at_a_priority_station(
    *, servers: int, load: float, urgent: float, service: dict[str, Any], sla: bool, seed: int
) -> None:
    """Two priorities at one desk of always-on agents, no patience: the streamlined kernel's
    priority queue gives exactly the general kernel's statistics, draw for draw (tickets
    still waiting or in service at the end included)."""
    wl = _two_streams(load * servers * 3600 / 300, urgent, service, warmup=dt.timedelta(hours=2))
    sim = Simulation(_two_priorities(servers, sla), wl, days=1)
    assert sim.fast
    assert not sim.units["desk"].fifo
    fast = sim.run(0, seed, kernel="fast")
    general = sim.run(0, seed, kernel="general")
    assert dataclasses.asdict(fast) | {"events": 0} == dataclasses.asdict(general) | {"events": 0}
    assert 1 <= len(fast.classes) <= 2  # a class without a counted ticket is left out


def test_a_priority_station_with_patience_runs_the_general_kernel() -> None:
    """Customers who give up leave the queue at their own instants: the general kernel."""
    wl = _two_streams(60, 0.2, exponential(300), patience={"phone": exponential(60)})
    assert not Simulation(_two_priorities(2, False), wl, days=1).fast
    assert Simulation(_two_priorities(2, False), _two_streams(60, 0.2, exponential(300))).fast


def test_the_kernels_agree_over_many_flushes_of_the_kept_waits() -> None:
    """Runs of about 10,000 tickets (the streamlined kernel empties its kept waits into the
    accumulators every 4,096 arrivals): still exactly the general kernel's statistics, on the
    24/7 desk with an SLA and at the priority station."""
    sla = {"default": {"first_response": {"within": "2m", "clock": "calendar"}}}
    cases = [
        (_round_the_clock(8, sla), one_stream_workload(80, exponential(300))),
        (_two_priorities(8, True), _two_streams(80, 0.2, exponential(300))),
    ]
    for department, workload in cases:
        sim = Simulation(department, workload, days=5)
        assert sim.fast
        fast = sim.run(0, 7, kernel="fast")
        assert fast.arrived_total > 2 * 4096
        general = sim.run(0, 7, kernel="general")
        assert dataclasses.asdict(fast) | {"events": 0} == dataclasses.asdict(general) | {
            "events": 0
        }


def test_general_kernel_is_forced_by_records() -> None:
    """Asking for per-ticket records runs the general kernel, with the same statistics."""
    wl = one_stream_workload(60, exponential(200))
    sim = Simulation(one_unit_department(2), wl, days=1)
    plain = sim.run(0, 3)
    out: list[TicketRecord] = []
    recorded = sim.run(0, 3, records=out.append)
    assert len(out) == recorded.arrived_total == plain.arrived_total
    assert recorded.classes == plain.classes


def test_fast_kernel_refused_when_not_eligible() -> None:
    """A department with SLA or escalation cannot be forced onto the streamlined kernel."""
    dept, wl = _example("growing")
    sim = Simulation(dept, wl, days=2)
    assert not sim.fast
    with pytest.raises(SimulationError):
        sim.run(0, 0, kernel="fast")


# -- time as the calendars count it ----------------------------------------------------------

ORIGIN = dt.datetime(2027, 1, 25, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@settings(max_examples=60, deadline=None)
@given(
    offset_ms=st.integers(0, 40 * 86_400_000),
    amount_ms=st.integers(1, 30 * 3_600_000),
)
def test_timetable_adds_like_the_business_calendar(offset_ms: int, amount_ms: int) -> None:
    """Working time added on a timetable lands where the calendar engine puts it (to 1 ms),
    across Tết 2027 holidays in the growing example."""
    dept, _ = _example("growing")
    calendar = dept.calendars[0]
    engine = BusinessCalendar(calendar, dept.timezone)
    table = Timetable(engine, ORIGIN)
    offset, amount = offset_ms / 1000, amount_ms / 1000
    got = table.add(offset, amount)
    start = ORIGIN + dt.timedelta(seconds=offset)
    want = engine.add(start, dt.timedelta(seconds=amount))
    assert abs((want - ORIGIN).total_seconds() - got) < 1e-3
    assert abs(table.open_time(offset, got) - amount) < 1e-3


def test_timetable_looks_five_years_ahead_at_most() -> None:
    """A year of working time on a calendar open a minute a week is a SimulationError, not a
    walk over ten thousand years of openings; what fits in five years is found."""
    from cskh_org.model import Calendar

    sparse = Calendar.model_validate(
        {"id": "sparse", "name": {"vi": "Lịch"}, "week": {"mon": ["08:00-08:01"]}}
    )
    table = Timetable(BusinessCalendar(sparse, "Asia/Ho_Chi_Minh"), ORIGIN)
    assert table.add(0.0, 200 * 60.0) > 0
    with pytest.raises(SimulationError, match="calendar `sparse`: 365 days, 0:00:00 of working"):
        table.add(0.0, 365 * 86_400.0)


def test_part_timers_work_the_first_share_of_each_opening() -> None:
    """A half-time agent on 08:00-12:00 and 13:30-17:30 works 08:00-10:00 and 13:30-15:30."""
    dept, _ = _example("small")
    office = next(c for c in dept.calendars if c.id == "office_hours")
    table = Timetable(BusinessCalendar(office, dept.timezone), ORIGIN, fte=0.5)
    monday = [
        (s / 3600, e / 3600)
        for s, e in zip(table.starts, table.ends, strict=True)
        if e <= 24 * 3600
    ]
    assert monday == [(8.0, 10.0), (13.5, 15.5)]


def test_ticket_deadlines_equal_the_sla_engine() -> None:
    """Every simulated ticket's deadlines are the SLA engine's for its attributes."""
    from cskh_org.sla import SlaEngine

    dept, wl = _example("growing")
    sim = Simulation(dept, wl, days=2)
    engine = SlaEngine(dept)
    assert sim.classes
    for cls in sim.classes[:40]:
        for hours in (0.0, 17.5, 30.25):
            opened = wl.start + dt.timedelta(hours=hours)
            decision = engine.deadlines(cls.attributes, opened)
            for target in cls.targets:
                want = next(d for d in decision.deadlines if d.target.value == target.name)
                at = hours * 3600
                got = (
                    at + target.within
                    if target.timetable is None
                    else (target.timetable.add(at, target.within))
                )
                assert abs((want.due - wl.start).total_seconds() - got) < 1e-3


def test_agents_start_only_while_at_work() -> None:
    """In the small example (office hours, weekend part-timer) every first response starts
    while some staff calendar of the desk is open."""
    dept, wl = _example("small")
    sim = Simulation(dept, wl, days=14)
    tables = [g.timetable for g in sim.units["cskh"].groups]
    records = _records(sim)
    starts = [r.first_response for r in records if r.first_response is not None]
    assert starts
    for t in starts:
        assert any(tt is None or tt.next_open(t) == t for tt in tables)


# -- the department's own policies -------------------------------------------------------------


def test_higher_priority_waits_less() -> None:
    """On a busy desk with two priorities, high-priority tickets wait less than normal ones."""
    dept = one_unit_department(3, queues=True)
    wl = Workload.model_validate(
        {
            "id": "prio",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": [
                {
                    "id": "common",
                    "rate": 28,
                    "attributes": {"channel": "phone", "category": "common"},
                },
                {"id": "rare", "rate": 4, "attributes": {"channel": "phone", "category": "rare"}},
            ],
            "service": [{"unit": "desk", "time": exponential(300)}],
        }
    )
    sim = Simulation(dept, wl, days=20)
    assert not sim.units["desk"].fifo
    stats = sim.run(0, 5)
    waits = {k.priority: c.first_response.mean for k, c in stats.classes.items()}
    assert waits["high"] < waits["normal"] / 3


def test_escalation_steps_move_tickets() -> None:
    """Technical tickets at support go to the technical department and come back, as the
    growing example's functional step says; VIP tickets reach the care manager."""
    dept, wl = _example("growing")
    records = _records(Simulation(dept, wl, days=28))
    technical = [r for r in records if r.category == "technical" and r.unit == "support"]
    assert technical
    for r in technical:
        if r.outcome == "resolved":
            i = r.holders.index("technical")
            assert r.holders[i - 1] == r.holders[i + 1] == "support"
            assert r.handoffs >= 3
    vip_at_support = [r for r in records if r.tier == "vip" and "support" in r.holders]
    assert vip_at_support
    for r in vip_at_support:  # support's `support_to_manager` step fires on tier vip
        if r.outcome == "resolved":
            assert r.holders[r.holders.index("support") + 1] == "cskh"


def test_examples_conserve_tickets() -> None:
    """Every bundled example conserves tickets: arrived = finished + abandoned + open."""
    for name in ("small", "growing", "large"):
        dept, wl = _example(name)
        stats = Simulation(dept, wl, days=3).run(0, 11)
        assert stats.arrived_total > 0
        assert stats.arrived_total == (
            stats.finished_total + stats.abandoned_total + stats.in_system_total
        )


def test_follow_ups_take_agent_time() -> None:
    """With a follow-up on every resolution the desk makes as many follow-ups as it resolves
    (within the window) and is busier."""
    doc = one_stream_workload(10, fixed(300)).model_dump(mode="json")
    base = Simulation(one_unit_department(2), _workload(doc), days=3).run(0, 1)
    follow = {"probability": 1.0, "delay": "10m", "time": fixed(120)}
    sim = Simulation(one_unit_department(2), _workload(doc, follow_up=follow), days=3)
    stats = sim.run(0, 1)
    unit = stats.units["desk"]
    assert unit.follow_ups > 0.95 * base.finished_total
    assert unit.follow_ups <= base.finished_total
    assert unit.busy > base.units["desk"].busy * 1.3


def test_reopening_always_ends() -> None:
    """A workload where every resolution is reopened still ends: after the last allowed
    reopening the ticket stays resolved, and tickets are conserved."""
    doc = one_stream_workload(2, fixed(60)).model_dump(mode="json")
    reopen = {"probability": 1.0, "delay": fixed(1)}
    sim = Simulation(one_unit_department(1), _workload(doc, reopen=reopen), days=1)
    records = _records(sim)
    stats = sim.run(0, 1)
    assert stats.finished_total > 0
    assert max(r.reopens for r in records) == 50
    assert stats.arrived_total == (
        stats.finished_total + stats.abandoned_total + stats.in_system_total
    )


def test_same_seed_same_results_different_seed_different() -> None:
    """Identical seeds give identical results; another seed gives others."""
    dept, wl = _example("growing")
    sim = Simulation(dept, wl, days=2)
    assert sim.run(0, 7) == sim.run(0, 7)
    assert sim.run(0, 7) != sim.run(0, 8)
    assert sim.run(0, 7) != sim.run(1, 7)


def test_unstaffed_target_is_a_clear_error() -> None:
    """A ticket routed to a unit whose agents lack the route's skills is a SimulationError
    naming the unit and the skills, not a hang."""
    dept = one_unit_department(1)
    routing = {"default": {"unit": "desk", "skills": ["klingon"]}}
    dept = Department.model_validate(
        dept.model_dump(mode="json", by_alias=True) | {"routing": routing}
    )
    wl = one_stream_workload(10, fixed(60))
    with pytest.raises(SimulationError, match="klingon"):
        Simulation(dept, wl, days=1).run()


def test_parallel_replications_equal_sequential() -> None:
    """simulate(..., workers=2) gives the same result as one process, replication for
    replication."""
    from cskh_org.simulation import simulate

    dept, wl = _example("growing")
    one = simulate(dept, wl, days=2, replications=3, seed=4)
    two = simulate(dept, wl, days=2, replications=3, seed=4, workers=2)
    assert one.to_dict() == two.to_dict()


def test_one_process_sums_up_each_replication_as_it_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In one process each replication is summed up when it ends (as a worker does), so the
    classes' histograms of every replication are not kept to the end; the result is the
    summary of the replications' full statistics, to the bit."""
    from cskh_org.simulation import run, simulate
    from cskh_org.simulation.results import ReplicationSummary, summarize

    dept, wl = _example("large")
    given: list[list[object]] = []
    real = summarize

    def spy(replications: Any, **kwargs: Any) -> Any:
        given.append(list(replications))
        return real(replications, **kwargs)

    monkeypatch.setattr(run, "summarize", spy)
    result = simulate(dept, wl, days=3, replications=3, seed=2)
    (summed,) = given
    assert [type(r) for r in summed] == [ReplicationSummary] * 3
    assert all(r.stats.classes == {} for r in summed if isinstance(r, ReplicationSummary))
    sim = Simulation(dept, wl, days=3)
    full = [sim.run(r, 2) for r in range(3)]
    expected = summarize(full, department=dept, workload=wl, days=3, warmup=sim.warmup, seed=2)
    assert result.to_dict() == expected.to_dict()
    assert result.samples == expected.samples


def test_parallel_replications_of_the_large_example_equal_sequential() -> None:
    """On the large example (shifts on calendars, escalation, reopenings: the general
    kernel), two workers give the same result as one process, to the bit: the timetables
    worked out before forking and the replications summed up in the workers change
    nothing."""
    from cskh_org.simulation import simulate

    dept, wl = _example("large")
    one = simulate(dept, wl, days=3, replications=3, seed=2)
    two = simulate(dept, wl, days=3, replications=3, seed=2, workers=2)
    assert one.to_dict() == two.to_dict()
    assert one.samples == two.samples


def test_parallel_replications_thaw_only_what_they_froze() -> None:
    """The workers fork with everything frozen; after, the collector sees again what it saw
    before, and what was frozen before (the command's collector.keep_loaded, an app's own
    gc.freeze) stays frozen."""
    import gc

    from cskh_org.simulation import simulate

    dept, wl = _example("growing")
    assert gc.get_freeze_count() == 0
    simulate(dept, wl, days=2, replications=2, seed=1, workers=2)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        simulate(dept, wl, days=2, replications=2, seed=1, workers=2)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_units_on_the_same_shift_hours_share_one_timetable() -> None:
    """Duties with the same weekly hours on the same calendar share one timetable (the large
    example's 67 unit duties on shifts need 29), and working them out ahead of a run gives
    the run's own openings: the same statistics."""
    dept, wl = _example("large")
    sim = Simulation(dept, wl, days=3)
    shared = sim._duty_timetables.values()
    groups = [g.timetable for u in sim.units.values() for g in u.groups if g.timetable]
    assert len({id(t) for t in groups}) < len(groups)
    assert {id(t) for t in groups} <= {id(t) for t in shared} | {
        id(t) for t in sim._timetables.values() if t is not None
    }
    lazy = sim.run(0, 5)
    ahead = Simulation(dept, wl, days=3)
    ahead.work_out_timetables()
    assert ahead.run(0, 5) == lazy


def test_streams_with_too_many_combinations_draw_attribute_by_attribute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When a mix has too many combinations to enumerate, each arrival draws its stream and
    then each attribute; tickets still arrive in every class the mix allows, and are
    conserved."""
    from cskh_org.simulation import plan

    monkeypatch.setattr(plan, "MAX_COMBOS", 1)
    dept, wl = _example("growing")
    sim = Simulation(dept, wl, days=4)
    assert not sim.draw_classes  # the one-draw table was not built
    stats = sim.run(0, 3)
    assert stats.arrived_total == (
        stats.finished_total + stats.abandoned_total + stats.in_system_total
    )
    channels = {key.channel for key, c in stats.classes.items() if c.arrived}
    wanted = {str(s.attributes["channel"]) for s in wl.streams if "channel" in s.attributes}
    assert wanted <= channels
