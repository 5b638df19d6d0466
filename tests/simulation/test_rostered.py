"""A roster in the simulation (:mod:`cskh_org.simulation.rostered`): agents on duty over a
period of several weeks, repeated from its first Monday (checked against a plain reference:
each interval's open time of every group); a roster that puts on duty what the staff lines
do gives their KPIs to the last digit; more rostered agents never serve worse; and a roster
that does not fit the department is refused in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.errors import SimulationError, UsageError
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.rosters import Cover, Roster, Status
from cskh_org.simulation import Simulation, simulate
from cskh_org.simulation.rostered import simulate_roster
from cskh_org.simulation.timetable import WeeklyOpenings
from tests.staffing.stationary import department, workload

MONDAY = dt.date(2027, 3, 1)  # the stationary workload's start
WEEK_HOURS = 7 * 24


def _dept(hours: str = "00:00-24:00") -> Department:
    return cskh_org.loads(department(hours), name="desk.yaml")


def _load(dept: Department, text: str) -> Workload:
    result = load_workload_text(text, dept, name="week.yaml")
    assert result.workload is not None, result.findings
    return result.workload


def _roster(
    counts: Sequence[int],
    *,
    weeks: int,
    unit: str = "desk",
    department: str = "one_desk",
    timezone: str = "Asia/Ho_Chi_Minh",
    start: dt.date = MONDAY,
    status: Status = Status.OPTIMAL,
) -> Roster:
    cover = (Cover(unit, tuple(counts), tuple(counts)),) if counts else ()
    return Roster(
        department=department,
        timezone=timezone,
        start=start,
        weeks=weeks,
        interval=weeks * 7 * 24 * 60 // len(counts) if counts else 60,
        status=status,
        agents=(),
        assignments=(),
        cover=cover,
        under_cover=0,
        paid_minutes=0,
        bound=None,
        gap=None,
        seconds=0.0,
        seed=0,
    )


def _on_duty(sim: Simulation, unit: str, interval: int, count: int) -> list[float]:
    """Agents on duty in each of the first ``count`` intervals, from the groups' timetables."""
    out = []
    for k in range(count):
        a, b = k * interval * 60.0, (k + 1) * interval * 60.0
        on = 0.0
        for g in sim.units[unit].groups:
            worked = b - a if g.timetable is None else g.timetable.open_time(a, b)
            on += g.agents * worked / (b - a)
        out.append(on)
    return out


# -- the period of several weeks ---------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda weeks: st.tuples(
            st.just(weeks),
            st.sampled_from([60, 120, 240]).flatmap(
                lambda minutes: st.lists(
                    st.integers(0, 3),
                    min_size=weeks * 7 * 24 * 60 // minutes,
                    max_size=weeks * 7 * 24 * 60 // minutes,
                )
            ),
        )
    ),
    st.integers(0, 3),
)
def test_a_period_of_weeks_puts_on_duty_the_counts_repeated(
    drawn: tuple[int, list[int]], later: int
) -> None:
    """The simulation starts ``later`` weeks into the period (its Monday that many weeks
    before the start): interval ``k`` of the run has the counts of interval ``k`` plus those
    weeks, modulo the period, over two whole periods."""
    weeks, counts = drawn
    if not any(counts):
        counts[0] = 1
    dept = _dept()
    wl = _load(dept, workload(per_hour=10, seconds=60))
    start = MONDAY - dt.timedelta(weeks=later)
    sim = Simulation(
        dept,
        wl,
        days=14 * weeks,
        staffing={"desk": counts},
        staffing_weeks=weeks,
        staffing_start=start,
    )
    size = len(counts)
    interval = weeks * 7 * 24 * 60 // size
    shift = later * size // weeks
    expected = [float(counts[(k + shift) % size]) for k in range(2 * size)]
    assert [round(x, 9) for x in _on_duty(sim, "desk", interval, 2 * size)] == expected


def test_one_week_is_the_hook_it_always_was() -> None:
    """Weeks 1 (the default) repeats every Monday whatever the start."""
    counts = [(k // 24) % 3 for k in range(WEEK_HOURS)]
    dept = _dept()
    wl = _load(dept, workload(per_hour=10, seconds=60))
    old = Simulation(dept, wl, days=14, staffing={"desk": counts})
    new = Simulation(dept, wl, days=14, staffing={"desk": counts}, staffing_weeks=1)
    assert _on_duty(old, "desk", 60, 2 * WEEK_HOURS) == _on_duty(new, "desk", 60, 2 * WEEK_HOURS)
    assert old.run(0, 4) == new.run(0, 4)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"staffing_weeks": 0}, "1 to 52 weeks"),
        ({"staffing_weeks": 53}, "1 to 52 weeks"),
        ({"staffing_weeks": True}, "1 to 52 weeks"),
        ({"staffing_weeks": 2, "staffing_start": dt.date(2027, 3, 2)}, "Monday"),
        ({"staffing_weeks": 3, "size": 11}, "agents on duty of unit `desk`"),
    ],
)
def test_a_period_that_is_not_whole_weeks_is_refused(
    options: dict[str, object], words: str
) -> None:
    dept = _dept()
    wl = _load(dept, workload(per_hour=10, seconds=60))
    counts = [1] * int(options.pop("size", 2 * WEEK_HOURS))  # type: ignore[call-overload]
    with pytest.raises(SimulationError, match=words):
        Simulation(dept, wl, days=7, staffing={"desk": counts}, **options)  # type: ignore[arg-type]


def test_weekly_openings_of_several_weeks_need_their_monday() -> None:
    with pytest.raises(ValueError, match="Monday"):
        WeeklyOpenings("x", [(0, 60)], dt.UTC, weeks=2)


# -- a roster simulated ------------------------------------------------------------------------


def test_a_roster_that_puts_on_duty_the_staff_lines_gives_their_kpis() -> None:
    """The desk's line, 8 agents 08:00-17:00 every day, and a two-week roster of 8 agents
    08:00-17:00 every day: the same agents at the same times, so the same customers are
    served alike, replication by replication."""
    dept = _dept("08:00-17:00")
    wl = _load(dept, workload(per_hour=40, seconds=300))
    day = [0] * 8 + [8] * 9 + [0] * 7
    roster = _roster(day * 14, weeks=2)
    lines = simulate(dept, wl, days=14, replications=3, seed=11)
    rostered = simulate_roster(dept, wl, roster, replications=3, seed=11)
    assert rostered.days == 14
    assert lines.overall.arrived.mean > 0
    assert rostered.samples == lines.samples
    assert rostered.overall == lines.overall


def test_the_period_is_the_rosters_from_its_first_monday() -> None:
    """A roster of one week on duty and one week off, from 2027-03-08: the simulation runs
    from that Monday, so the first week is served and the second only waits."""
    dept = _dept()
    wl = _load(dept, workload(per_hour=20, seconds=60))
    counts = [2] * WEEK_HOURS + [0] * WEEK_HOURS
    monday = MONDAY + dt.timedelta(weeks=1)
    seen: list[tuple[float, float | None]] = []
    result = simulate_roster(
        dept,
        wl,
        _roster(counts, weeks=2, start=monday),
        replications=1,
        records=lambda r: seen.append((r.arrived, r.first_response)),
    )
    assert result.days == 14
    week = 7 * 86_400.0
    assert any(t < week and f is not None for t, f in seen)
    assert not any(f is not None and week + 60 < f < 2 * week for _, f in seen)


@settings(max_examples=8, deadline=None)
@given(
    st.lists(st.integers(2, 4), min_size=WEEK_HOURS, max_size=WEEK_HOURS),
    st.lists(st.integers(0, WEEK_HOURS - 1), min_size=1, max_size=40),
)
def test_more_rostered_agents_never_serve_worse(base: list[int], more: list[int]) -> None:
    """The same customers (same seed), an agent more in some intervals: no replication's
    mean first response is longer."""
    dept = _dept()
    wl = _load(dept, workload(per_hour=90, seconds=100))
    extra = list(base)
    for k in more:
        extra[k] += 1
    runs = [
        simulate_roster(dept, wl, _roster(c, weeks=1), days=3, replications=2, seed=5)
        for c in (base, extra)
    ]
    key = "overall/first_response.mean"
    for fewer, plenty in zip(runs[0].samples[key], runs[1].samples[key], strict=True):
        assert plenty <= fewer + 1e-9


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"department": "shop"}, "department shop, not one_desk"),
        ({"timezone": "Asia/Bangkok"}, "time zone Asia/Bangkok"),
        ({"unit": "ghost"}, "unit ghost"),
        ({"status": Status.INFEASIBLE, "counts": []}, "no shifts to simulate"),
    ],
)
def test_a_roster_that_does_not_fit_is_refused(changes: dict[str, object], words: str) -> None:
    dept = _dept()
    wl = _load(dept, workload(per_hour=10, seconds=60))
    counts = changes.pop("counts", [1] * WEEK_HOURS)
    roster = _roster(counts, weeks=1, **changes)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=words) as caught:
        simulate_roster(dept, wl, roster, replications=1)
    assert caught.value.text("vi") != str(caught.value)
