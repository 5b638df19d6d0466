"""Simulation-verified staffing skill by skill: a unit whose tickets ask for a skill only some
of its people have is staffed per skill group (the agents a group needs on duty, not the
unit's agents credited with every skill), each group's tickets measured on their own."""

from __future__ import annotations

import cskh_org
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.simulation import Simulation
from cskh_org.simulation.stats import TicketRecord
from cskh_org.staffing import Queue, ServiceLevelTarget, fewest_agents
from cskh_org.staffing.analytic import Method, analytic_staffing, answering, skill_groups
from cskh_org.staffing.simulated import measure_staffing, simulated_staffing

DESK = """\
id: two_skills
name: {en: Two skills}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: agent, title: {en: Agent}, monthly_cost: 12000000 VND, skills: [vietnamese]}
  - {id: technician, title: {en: Technician}, monthly_cost: 15000000 VND,
     skills: [vietnamese, repair]}
calendars:
  - id: always
    name: {en: Always}
    week: {mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"],
           thu: ["00:00-24:00"], fri: ["00:00-24:00"], sat: ["00:00-24:00"],
           sun: ["00:00-24:00"]}
units:
  - id: desk
    name: {en: Desk}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone]
    calendar: always
    staff:
      - {role: agent, headcount: 6, fte: 1}
      - {role: technician, headcount: 4, fte: 1}
ticket_schema:
  attributes:
    channel: {type: enum, required: true, values: [phone]}
    category: {type: enum, required: true, values: [repair, question]}
routing:
  rules:
    - id: repairs
      when: {category: {eq: repair}}
      to: {unit: desk, skills: [repair]}
  default: {unit: desk}
"""


def _department() -> Department:
    return cskh_org.loads(DESK, name="desk.yaml")


def _workload(dept: Department, mix: str) -> Workload:
    text = f"""\
id: week
department: two_skills
start: 2027-03-01T00:00:00+07:00
streams:
  - id: calls
    rate: 120
    attributes: {{channel: phone}}
    mix: {{category: {mix}}}
service:
  - {{unit: desk, channel: phone, time: {{kind: exponential, mean: 30s}}}}
"""
    result = load_workload_text(text, dept, name="week.yaml")
    assert result.workload is not None, result.findings
    return result.workload


TARGET = ServiceLevelTarget(0.83, 5)


def test_the_skill_groups_and_who_answers() -> None:
    dept = _department()
    groups = skill_groups(dept, dept.units_by_id["desk"])
    assert groups == (frozenset({"vietnamese"}), frozenset({"vietnamese", "repair"}))
    assert answering(groups, frozenset()) == 0  # the fewest skills that do
    assert answering(groups, frozenset({"repair"})) == 1
    assert answering(groups, frozenset({"english"})) == 0  # nobody: the first (they wait)


def test_the_analytic_start_has_one_queue_per_skill_group() -> None:
    dept = _department()
    wl = _workload(dept, "{repair: 1, question: 1}")
    plan = analytic_staffing(dept, wl, interval=60, targets=[TARGET], by_skill=True)
    (unit,) = plan.units
    agents, techs = unit.queues
    assert (agents.skills, techs.skills) == (
        frozenset({"vietnamese"}),
        frozenset({"vietnamese", "repair"}),
    )
    # 60 calls an hour of 30 s each: half an erlang per group, Erlang C alone
    alone = fewest_agents(Queue(60, 30, None), [TARGET]).agents
    assert agents.agents == techs.agents == (alone,) * 168
    assert unit.on_duty == (2 * alone,) * 168
    pooled = analytic_staffing(dept, wl, interval=60, targets=[TARGET])
    assert pooled.units[0].queues[0].skills is None  # by default: one queue, as before


def test_only_repairs_need_exactly_erlangs_technicians_and_no_one_else() -> None:
    """Every call asks for repair: the technicians are the unit's one queue that answers, and
    the simulation-verified count is the exact Erlang C answer in every interval (the
    stationary oracle, per skill group); the agents without the skill are not staffed (a
    pooled search would have counted them as technicians)."""
    dept = _department()
    wl = _workload(dept, "{repair: 1}")
    exact = fewest_agents(Queue(120, 30, None), [TARGET])
    assert exact.agents == 3
    plan = simulated_staffing(dept, wl, interval=60, targets=[TARGET], replications=8, seed=3)
    assert plan.method is Method.SIMULATION
    assert plan.verification is not None
    assert plan.verification.converged
    (unit,) = plan.units
    (techs,) = unit.queues
    assert techs.skills == frozenset({"vietnamese", "repair"})
    assert techs.agents == (3,) * 168
    assert unit.on_duty == (3,) * 168
    assert all(m is not None and m.met for m in techs.measured)


def test_a_mix_staffs_each_group_for_its_own_tickets() -> None:
    """Half the calls ask for repair: each group's tickets meet the target on their own, in
    every interval, and the technicians are never fewer than Erlang C gives repair calls
    alone (only they can take them; they take questions too when free)."""
    dept = _department()
    wl = _workload(dept, "{repair: 1, question: 1}")
    plan = simulated_staffing(dept, wl, interval=60, targets=[TARGET], replications=8, seed=3)
    assert plan.verification is not None
    assert plan.verification.converged
    (unit,) = plan.units
    agents, techs = unit.queues
    alone = fewest_agents(Queue(60, 30, None), [TARGET]).agents
    assert min(techs.agents) >= alone
    for queue in (agents, techs):
        assert all(m is not None and m.met and m.tickets > 40 for m in queue.measured)
    assert unit.on_duty == tuple(a + t for a, t in zip(agents.agents, techs.agents, strict=True))
    assert techs.erlang == (alone,) * 168  # the analytic start, kept beside the answer
    again = measure_staffing(dept, wl, plan, replications=4, seed=5)
    assert set(again) == {"desk#0", "desk#1"}  # measured again, group by group
    assert all(len(cells) == 168 for cells in again.values())


def test_a_skill_group_put_on_duty_has_its_skills_only() -> None:
    """The plan's skill groups: with no technician on duty on the Monday simulated (they
    come on Tuesday) the repair calls are never answered, the questions are; each record
    says the skills its route asked for."""
    dept = _department()
    wl = _workload(dept, "{repair: 1, question: 1}")
    week = [3] * 168
    sim = Simulation(
        dept,
        wl,
        days=1,
        staffing={"desk#0": week, "desk#1": [0] * 24 + [3] * 144},
        skill_groups={
            "desk#0": ("desk", frozenset({"vietnamese"})),
            "desk#1": ("desk", frozenset({"vietnamese", "repair"})),
        },
    )
    seen: dict[tuple[str, ...], list[TicketRecord]] = {}
    sim.run(0, 1, records=lambda r: seen.setdefault(r.skills, []).append(r))
    assert set(seen) == {(), ("repair",)}
    assert all(r.first_response is None for r in seen[("repair",)])
    assert sum(r.first_response is not None for r in seen[()]) > 0.9 * len(seen[()])
    sim.restaff({"desk#1": week})
    seen.clear()
    sim.run(0, 1, records=lambda r: seen.setdefault(r.skills, []).append(r))
    assert sum(r.first_response is not None for r in seen[("repair",)]) > 0.9 * len(
        seen[("repair",)]
    )
