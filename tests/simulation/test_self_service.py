"""Self-service stages (chatbot, IVR) before the router, in the general kernel
(cskh_org/simulation/event_loop.py ``_self_service``, compiled per class in plan.py) and in
the results: against queueing theory (thinning a Poisson stream leaves a Poisson stream, so
the unit behind the stage is M/M/c at the handed rate: Erlang C), the configured shares, and
exact arithmetic on a deterministic department."""

from __future__ import annotations

import datetime
import math
import statistics
from collections.abc import Sequence
from typing import Any

import pytest

from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.report.simulation import comparison_text, result_json, result_text
from cskh_org.simulation import Simulation, compare, simulate
from cskh_org.simulation.stats import ReplicationStats, TicketRecord
from tests.simulation.conftest import (
    exponential,
    fixed,
    one_stream_workload,
    one_unit_department,
    pooled,
)
from tests.simulation.oracles import erlang_c_mean_wait

C = 8
MU = 1 / 300
CONTAINMENT = 0.3
HANDED_RATE = C * 0.83 * MU  # per second, behind the stage: 83 % load
RATE_PER_HOUR = HANDED_RATE * 3600 / (1 - CONTAINMENT)
STAGE = 45.0


def _with_stages(workload: Workload, *stages: dict[str, Any], **changes: Any) -> Workload:
    doc = workload.model_dump(mode="json", exclude_defaults=True)
    return Workload.model_validate(doc | {"self_service": list(stages)} | changes)


def _within_3se(name: str, estimates: Sequence[float], exact: float) -> None:
    mean = statistics.fmean(estimates)
    se = statistics.stdev(estimates) / math.sqrt(len(estimates))
    assert se > 0, name
    assert abs(mean - exact) <= 3 * se, f"{name}: {mean:.6g} ± {se:.3g}, exact {exact:.6g}"


@pytest.fixture(scope="module")
def ivr_runs() -> list[ReplicationStats]:
    """M/M/8 behind an IVR of fixed time 45 s that contains 30 % of the calls: 24
    replications of 4 days, 1 day warm-up."""
    workload = _with_stages(
        one_stream_workload(RATE_PER_HOUR, exponential(300)),
        {"id": "ivr", "time": fixed(STAGE), "containment": CONTAINMENT},
    )
    simulation = Simulation(
        one_unit_department(C), workload, days=4, warmup=datetime.timedelta(days=1)
    )
    assert not simulation.fast  # a stage: the streamlined kernel is never chosen
    return [simulation.run(r, 14) for r in range(24)]


def test_the_unit_sees_the_thinned_poisson_stream(ivr_runs: list[ReplicationStats]) -> None:
    """Offered to the unit: λ(1 − c) per second, and its agents busy ρ = λ(1 − c)/(cμ)."""
    _within_3se("handed rate", [pooled(r).arrived / r.window for r in ivr_runs], HANDED_RATE)
    busy = [r.units["desk"].busy / r.units["desk"].available for r in ivr_runs]
    _within_3se("utilisation", busy, HANDED_RATE / (C * MU))


def test_the_wait_behind_the_stage_is_erlang_c(ivr_runs: list[ReplicationStats]) -> None:
    """The reported wait counts the stage's 45 s; what is left is Erlang C's mean wait at
    the handed rate."""
    waits = [pooled(r).first_response.mean - STAGE for r in ivr_runs]
    _within_3se("mean wait", waits, erlang_c_mean_wait(C, HANDED_RATE, MU))
    assert all(pooled(r).first_response.counts[0] == 0 for r in ivr_runs)  # nobody at once


def test_tickets_are_conserved(ivr_runs: list[ReplicationStats]) -> None:
    """Contained tickets are finished; the ones in the stage at the end are open."""
    for run in ivr_runs:
        assert run.arrived_total == run.finished_total + run.abandoned_total + run.in_system_total
        [counts] = run.self_service.values()
        assert counts.entered >= counts.contained + counts.handed
        assert counts.entered - counts.contained - counts.handed <= 10  # in it at the end


def test_the_contained_share_per_category_is_the_configured_one() -> None:
    """Three categories, three shares (one by default): each category's contained share of
    the tickets leaving the stage is its configured share, within 3 SE."""
    department = one_unit_department(C, queues=True)
    base = one_stream_workload(60, exponential(120), queues=True)
    doc = base.model_dump(mode="json", exclude_defaults=True)
    doc["streams"][0]["mix"] = {"category": {"common": 3, "rare": 1}}
    stage = {
        "id": "bot",
        "when": {"channel": "phone"},
        "time": exponential(60),
        "containment": 0.25,
        "by_category": {"rare": 0.6},
    }
    workload = Workload.model_validate(doc | {"self_service": [stage]})
    simulation = Simulation(department, workload, days=2)
    runs = [simulation.run(r, 3) for r in range(20)]
    for category, share in (("common", 0.25), ("rare", 0.6)):
        rows = [r.self_service[("bot", category)] for r in runs]
        shares = [x.contained / (x.contained + x.handed) for x in rows]
        _within_3se(f"containment of {category}", shares, share)
    result = simulate(department, workload, days=2, replications=20, seed=3)
    [kpis] = result.self_service.values()
    assert kpis.by_category["rare"].containment.mean == pytest.approx(0.6, abs=0.05)
    assert kpis.contained.mean < kpis.entered.mean


def _sla_department(target: str) -> Department:
    doc = one_unit_department(50).model_dump(mode="json", exclude_defaults=True)
    return Department.model_validate(
        doc | {"sla": {"default": {"first_response": {"within": target, "clock": "calendar"}}}}
    )


@pytest.mark.parametrize("stage", [30.0, 60.0, 90.0])
def test_a_handed_ticket_waits_exactly_the_stage_time(stage: float) -> None:
    """Fixed stage time s, fixed handling, agents always idle: each handed ticket's wait is
    s, and its first response meets the 1-minute target iff s ≤ 1 minute; contained
    tickets are in no SLA figure."""
    department = _sla_department("1m")
    workload = _with_stages(
        one_stream_workload(2, fixed(10)),
        {"id": "ivr", "time": fixed(stage), "containment": 0.5},
    )
    records: list[TicketRecord] = []
    stats = Simulation(department, workload, days=3).run(0, 5, records=records.append)
    handed = [r for r in records if r.outcome == "resolved"]
    contained = [r for r in records if r.outcome == "contained"]
    assert handed
    assert contained
    for r in handed:
        assert r.first_response is not None
        assert r.first_response - r.arrived == pytest.approx(stage, abs=1e-6)
        assert r.sla_met["first_response"] is (stage <= 60)
        assert r.closed == pytest.approx(r.arrived + stage + 10, abs=1e-6)
    for r in contained:
        assert r.sla_met == {}
        assert r.first_response is None
        assert r.holders == ()
        assert r.closed == pytest.approx(r.arrived + stage, abs=1e-6)
    c = pooled(stats)
    assert c.arrived == len(handed) + sum(r.outcome == "open" for r in records if r.holders)
    assert c.sla_counted["first_response"] == c.answered
    assert c.sla_met["first_response"] == (c.answered if stage <= 60 else 0)
    assert c.first_response.mean == pytest.approx(stage)
    [counts] = stats.self_service.values()
    assert counts.contained == len(contained)


def test_a_stage_changes_no_draw_of_a_department_without_one() -> None:
    """A stage nobody enters (a channel no stream uses): the same figures as no stage, the
    general kernel either way."""
    department = one_unit_department(2)
    plain = one_stream_workload(10, exponential(300))
    unused = _with_stages(plain, {"id": "bot", "when": {"channel": "chat"}, "time": fixed(5)})
    a = Simulation(department, plain, days=2).run(0, 1, kernel="general")
    b = Simulation(department, unused, days=2).run(0, 1)
    assert pooled(a).first_response.total == pooled(b).first_response.total
    assert a.arrived_total == b.arrived_total
    assert b.self_service == {}


def test_the_tables_and_json_show_the_stage() -> None:
    """The stage's table, the note beside the SLA figures, its JSON and the what-if row;
    a result without stages writes no `self_service` key."""
    department = _sla_department("1m")
    plain = one_stream_workload(20, exponential(120))
    ivr = {"id": "ivr", "name": {"vi": "Tổng đài tự động", "en": "IVR"}, "time": fixed(20)}
    staged = _with_stages(plain, ivr | {"containment": 0.4})
    result = simulate(department, staged, days=2, replications=3, seed=1)
    text = result_text(result, lang="en")
    assert "self-service  entered  contained  containment" in text
    assert "tickets contained in self-service (chatbot, IVR) are in none of the tables" in text
    assert "Tổng đài tự động" in result_text(result, lang="vi")
    assert '"self_service"' in result_json(result)
    none = simulate(department, plain, days=2, replications=3, seed=1)
    assert "self_service" not in none.to_dict()
    assert "self-service" not in result_text(none, lang="en")
    other = (department, _with_stages(plain, ivr))
    cmp = compare((department, staged), other, days=2, replications=3, seed=1)
    assert "IVR: containment" in comparison_text(cmp, lang="en")
