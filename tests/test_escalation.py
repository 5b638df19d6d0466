"""The escalation engine: decisions on hand-made policies, paths, handoffs, cycles, the graph
view, and a property: following escalations never exceeds the verified maximum handoffs."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cskh_org
from cskh_org.checks.escalation import (
    escalation_graph_check,
    escalation_steps,
    escalation_triggers,
)
from cskh_org.errors import UsageError
from cskh_org.escalation import (
    DEFAULT_WARN_AT,
    ROUTING_HANDOFFS,
    EscalationEvent,
    EscalationPath,
    Escalator,
    Handoff,
    UnknownHolder,
)
from cskh_org.graph import escalation_graph
from cskh_org.loading.source import parse_text
from cskh_org.model import Department, StepKind, TargetName, TriggerKind
from tests.conftest import examples
from tests.documents import ESCALATION_ORG

K = TriggerKind
T = TargetName

BASE = (
    ESCALATION_ORG
    + """\
externals:
  - {id: head_of_sales, name: {vi: Trưởng phòng bán hàng}, kind: head_of_sales, reports_to: board}
  - {id: board, name: {vi: Ban giám đốc}, kind: board}
  - {id: technical, name: {vi: Phòng Kỹ thuật}, kind: technical, reports_to: board}
  - {id: warehouse, name: {vi: Kho}, kind: warehouse, reports_to: board}
routing:
  rules:
    - {id: chat, when: {channel: chat}, to: desk}
  default: team
sla:
  default:
    first_response: {within: 4h, clock: calendar}
    resolution: {within: 2d, clock: calendar}
"""
)

POLICY = """\
escalation:
  steps:
    - id: desk_up
      from: desk
      to: team
      on: [{on: sla_breach, target: first_response}, {on: manual}]
    - id: team_tech
      from: team
      to: technical
      kind: functional
      on: [{on: category, values: [technical]}]
    - id: team_store
      from: team
      to: warehouse
      kind: functional
      on: [{on: category, values: [return]}]
    - {id: team_vip, from: team, to: care, on: [{on: tier, values: [vip]}]}
    - id: team_up
      from: team
      to: care
      on:
        - {on: sla_warning, target: resolution, at_percent: 90}
        - {on: sla_warning, target: first_response}
        - {on: reopened, reopens: 2}
        - {on: manual}
    - {id: care_up, from: care, to: head_of_sales, on: [{on: manual}]}
    - {id: hos_up, from: head_of_sales, to: board, on: [{on: manual}]}
  partners: [technical, warehouse]
  closers: [care, team, desk, head_of_sales, board]
  max_handoffs: 9
"""


def department(policy: str = POLICY) -> Department:
    """The base department with this escalation section (built even if checks find errors)."""
    result = cskh_org.validate_text(BASE + policy, name="doc.yaml")
    assert result.department is not None, result.findings
    return result.department


@pytest.fixture(scope="module")
def escalator() -> Escalator:
    return Escalator(department())


def ev(kind: TriggerKind, **fields: Any) -> EscalationEvent:
    return EscalationEvent(kind, **fields)


# -- one decision -------------------------------------------------------------------------------


def test_the_hand_policy_is_valid() -> None:
    """The policy the engine tests use validates with no error and no warning."""
    result = cskh_org.validate_text(BASE + POLICY, name="doc.yaml")
    assert [f.code for f in result.findings if f.severity.value != "info"] == []


def test_manual_request_climbs_one_step(escalator: Escalator) -> None:
    """A manual request moves a ticket from the desk to its team, and says why."""
    handoff = escalator.next_holder("desk", ev(K.MANUAL))
    assert handoff is not None
    assert handoff.trigger is not None
    assert handoff.trigger.on is K.MANUAL
    assert handoff == Handoff(
        "desk_up",
        "desk",
        "team",
        StepKind.HIERARCHICAL,
        "step `desk_up` fires on a manual request",
        None,
        handoff.trigger,
    )
    assert handoff.handoffs == 1


def test_first_step_in_document_order_wins(escalator: Escalator) -> None:
    """From one holder the earliest step whose trigger fires decides (`team_vip` before
    `team_up`, both firing on a VIP ticket's tier check)."""
    vip = {"tier": "vip", "category": "question"}
    handoff = escalator.next_holder("team", ev(K.TIER), vip)
    assert handoff is not None
    assert handoff.step == "team_vip"
    assert handoff.reason == "step `team_vip` fires on tier `vip` (one of vip)"


def test_sla_trigger_matches_its_target_only(escalator: Escalator) -> None:
    """An SLA trigger naming a target ignores events about another target or none."""
    assert escalator.next_holder("desk", ev(K.SLA_BREACH, target=T.FIRST_RESPONSE)) is not None
    assert escalator.next_holder("desk", ev(K.SLA_BREACH, target=T.RESOLUTION)) is None
    assert escalator.next_holder("desk", ev(K.SLA_BREACH)) is None


def test_sla_warning_fires_from_its_percentage(escalator: Escalator) -> None:
    """`at_percent: 90` fires from 90%; without it the default (80%) applies; a warning
    without a percent is the target's own warning point."""
    late = escalator.next_holder("team", ev(K.SLA_WARNING, target=T.RESOLUTION, percent=90))
    assert late is not None
    assert "at 90% (the step fires from 90%)" in late.reason
    assert escalator.next_holder("team", ev(K.SLA_WARNING, target=T.RESOLUTION, percent=89)) is None
    first = T.FIRST_RESPONSE
    assert DEFAULT_WARN_AT == 80
    assert escalator.next_holder("team", ev(K.SLA_WARNING, target=first, percent=80)) is not None
    assert escalator.next_holder("team", ev(K.SLA_WARNING, target=first, percent=79)) is None
    assert escalator.next_holder("team", ev(K.SLA_WARNING, target=first)) is not None
    assert escalator.next_holder("team", ev(K.SLA_WARNING, target=T.RESOLUTION)) is None


def test_an_sla_breach_does_not_fire_a_warning_trigger(escalator: Escalator) -> None:
    """Warnings and breaches are different triggers: a breach does not fire `sla_warning`."""
    assert escalator.next_holder("team", ev(K.SLA_BREACH, target=T.RESOLUTION)) is None


def test_reopened_fires_from_its_count(escalator: Escalator) -> None:
    """`reopens: 2` fires on the second reopening and later ones, not the first."""
    assert escalator.next_holder("team", ev(K.REOPENED, reopens=1)) is None
    twice = escalator.next_holder("team", ev(K.REOPENED, reopens=2))
    assert twice is not None
    assert twice.step == "team_up"
    assert "2 reopenings (the step fires from 2)" in twice.reason
    assert escalator.next_holder("team", ev(K.REOPENED, reopens=5)) is not None


def test_category_trigger_reads_the_ticket(escalator: Escalator) -> None:
    """A category check fires the step whose values hold the ticket's category; without a
    ticket (or the attribute) nothing fires."""
    handoff = escalator.next_holder("team", ev(K.CATEGORY), {"category": "return"})
    assert handoff is not None
    assert handoff.step == "team_store"
    assert escalator.next_holder("team", ev(K.CATEGORY), {"category": "question"}) is None
    assert escalator.next_holder("team", ev(K.CATEGORY)) is None
    assert escalator.next_holder("team", ev(K.CATEGORY), {"tier": "vip"}) is None


def test_functional_step_hands_the_ticket_back(escalator: Escalator) -> None:
    """A functional step names its partner, returns to the sender and counts two handoffs."""
    handoff = escalator.next_holder("team", ev(K.CATEGORY), {"category": "technical"})
    assert handoff is not None
    assert (handoff.to_holder, handoff.returns_to, handoff.handoffs) == ("technical", "team", 2)
    assert handoff.reason.endswith("`technical` hands it back to `team`")
    assert handoff.to_dict()["returns_to"] == "team"


def test_no_step_from_a_holder_gives_none(escalator: Escalator) -> None:
    """The board has no step: it keeps the ticket whatever happens."""
    assert escalator.next_holder("board", ev(K.MANUAL)) is None


def test_taken_steps_are_skipped(escalator: Escalator) -> None:
    """A step already taken for the ticket does not fire again; the next one does."""
    ticket = {"tier": "vip"}
    assert escalator.next_holder("team", ev(K.MANUAL), ticket, taken={"team_up"}) is None
    handoff = escalator.next_holder("team", ev(K.TIER), ticket, taken={"team_vip"})
    assert handoff is None


def test_follow_walks_the_chain_to_the_board(escalator: Escalator) -> None:
    """Repeated manual requests take a desk ticket up to the board, one step each, then stop."""
    handoffs = escalator.follow("desk", [ev(K.MANUAL)] * 10)
    assert [h.to_holder for h in handoffs] == ["team", "care", "head_of_sales", "board"]


def test_follow_consults_a_partner_once_and_keeps_the_holder(escalator: Escalator) -> None:
    """After a functional step the sender still holds the ticket; the step fires once."""
    ticket = {"category": "technical"}
    events = [ev(K.CATEGORY), ev(K.CATEGORY), ev(K.MANUAL)]
    handoffs = escalator.follow("team", events, ticket)
    assert [(h.step, h.from_holder) for h in handoffs] == [
        ("team_tech", "team"),
        ("team_up", "team"),
    ]


def test_unknown_holder_is_a_usage_error_with_a_suggestion(escalator: Escalator) -> None:
    """An unknown holder raises UnknownHolder (a UsageError) with a did-you-mean."""
    with pytest.raises(UnknownHolder, match=r"did you mean `team`\?"):
        escalator.next_holder("tema", ev(K.MANUAL))
    with pytest.raises(UsageError):
        escalator.paths("nobody")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": K.MANUAL, "target": T.RESOLUTION}, "target"),
        ({"kind": K.SLA_BREACH, "percent": 90}, "percent"),
        ({"kind": K.SLA_WARNING, "percent": -1}, "percent"),
        ({"kind": K.REOPENED}, "reopens"),
        ({"kind": K.MANUAL, "reopens": 1}, "reopens"),
    ],
)
def test_events_are_checked(fields: dict[str, Any], message: str) -> None:
    """An event with a field that does not fit its kind is rejected, naming the field."""
    with pytest.raises(ValueError, match=message):
        EscalationEvent(**fields)


def test_event_kinds_may_be_given_as_text() -> None:
    """Event kinds and targets written as text are converted to the enums."""
    event = EscalationEvent("sla_breach", "resolution")  # type: ignore[arg-type]
    assert event.kind is K.SLA_BREACH
    assert event.target is T.RESOLUTION
    assert str(event) == "SLA breach of resolution"


# -- every path ----------------------------------------------------------------------------


def test_paths_from_routed_holders(escalator: Escalator) -> None:
    """Paths start at each routed queue; functional detours are listed before climbing."""
    assert escalator.routed_holders() == ("desk", "team")
    paths = escalator.paths()
    assert [str(p) for p in paths] == [
        "desk → team ⇄ technical ⇄ warehouse → care → head_of_sales → board",
        "desk → team ⇄ technical ⇄ warehouse → care → head_of_sales → board",
        "team ⇄ technical ⇄ warehouse → care → head_of_sales → board",
        "team ⇄ technical ⇄ warehouse → care → head_of_sales → board",
    ]
    assert [p.steps[-3] for p in paths] == ["team_vip", "team_up", "team_vip", "team_up"]
    assert [p.handoffs for p in paths] == [8, 8, 7, 7]
    assert paths[0].holders == ("desk", "team", "care", "head_of_sales", "board")
    assert paths[0].end == "board"


def test_paths_from_one_holder(escalator: Escalator) -> None:
    """`paths(start)` lists the paths from that holder only; a holder without steps gives
    one empty path."""
    assert [str(p) for p in escalator.paths("care")] == ["care → head_of_sales → board"]
    assert escalator.paths("board") == [EscalationPath("board")]
    assert escalator.paths("board")[0].handoffs == 0


def test_worst_case_counts_routing(escalator: Escalator) -> None:
    """The worst case is routing (1) plus the longest path: desk → team, two partners, and
    three steps up."""
    assert ROUTING_HANDOFFS == 1
    assert escalator.most_handoffs("desk") == 8
    assert escalator.worst_case_handoffs() == 9
    worst = escalator.worst_case_path()
    assert worst is not None
    assert worst.start == "desk"
    assert worst.handoffs == 8


def test_path_to_dict_lists_hops() -> None:
    """A path's dictionary names its holders, hops and handoffs."""
    path = Escalator(department()).paths("team")[1]
    data = path.to_dict()
    assert data["holders"] == ["team", "care", "head_of_sales", "board"]
    assert [hop["kind"] for hop in data["hops"]] == [
        "functional",
        "functional",
        "hierarchical",
        "hierarchical",
        "hierarchical",
    ]
    assert data["handoffs"] == 7
    assert data["cycle"] == []


def test_reporting_line_runs_to_the_board(escalator: Escalator) -> None:
    """Above a unit: its parents, the top unit, the external the department reports to and
    that party's own line; above an external, its line."""
    assert escalator.reporting_line("desk") == ("team", "care", "head_of_sales", "board")
    assert escalator.reporting_line("technical") == ("board",)
    assert escalator.reporting_line("board") == ()
    assert escalator.holder_kind("care") == "unit"
    assert escalator.holder_kind("board") == "external"


def test_without_escalation_tickets_stay_where_routed() -> None:
    """Without an `escalation` section each routed queue is a path of no handoff."""
    escalator = Escalator(department(""))
    assert [str(p) for p in escalator.paths()] == ["desk", "team"]
    assert escalator.worst_case_handoffs() == ROUTING_HANDOFFS
    assert escalator.next_holder("desk", ev(K.MANUAL)) is None
    assert escalator.closers == frozenset({"care", "team", "desk"})


CYCLE = """\
escalation:
  steps:
    - {id: a, from: desk, to: team, on: [{on: manual}]}
    - {id: b, from: team, to: care, on: [{on: manual}]}
    - {id: c, from: care, to: desk, on: [{on: manual}]}
    - {id: d, from: team, to: technical, kind: functional, on: [{on: manual}]}
  partners: [technical]
"""


def test_cyclic_policy_terminates_and_reports_the_cycle() -> None:
    """On steps forming a cycle, paths stop where they come back, the cycle is named, and
    following manual requests forever stops once every step has fired."""
    escalator = Escalator(department(CYCLE))
    assert escalator.cycles() == [("care", "desk", "team")]
    paths = escalator.paths("desk")
    assert [str(p) for p in paths] == ["desk → team ⇄ technical → care → desk (cycle)"]
    assert paths[0].cycle == ("desk", "team", "care")
    handoffs = escalator.follow("desk", itertools.repeat(ev(K.MANUAL), 1000))
    # `b` comes before `d` from `team`, and the ticket never comes back to `team`
    assert [h.step for h in handoffs] == ["a", "b", "c"]
    # a bound, since each step fires once: 1 + 2 + 1 + 1
    assert escalator.most_handoffs("desk") == 5
    assert sum(h.handoffs for h in handoffs) <= escalator.most_handoffs("desk")
    worst = escalator.worst_case_path()
    assert worst is not None
    assert worst.cycle


def test_self_loop_is_a_cycle() -> None:
    """A hierarchical step from a holder to itself is a cycle of one."""
    policy = "escalation:\n  steps:\n    - {id: a, from: team, to: team, on: [{on: manual}]}\n"
    escalator = Escalator(department(policy))
    assert escalator.cycles() == [("team",)]
    assert [str(p) for p in escalator.paths("team")] == ["team → team (cycle)"]


def test_steps_naming_unknown_holders_are_ignored() -> None:
    """A step to an undefined holder is left out (the references check reports it)."""
    policy = "escalation:\n  steps:\n    - {id: a, from: team, to: nobody, on: [{on: manual}]}\n"
    escalator = Escalator(Department.model_validate(parse_text(BASE + policy).data))
    assert escalator.next_holder("team", ev(K.MANUAL)) is None
    assert escalator.steps_from("team") == ()


# -- lateral and follow-up steps --------------------------------------------------------------

SIDEWAYS = """\
escalation:
  steps:
    - {id: desk_up, from: desk, to: team, on: [{on: manual}]}
    - id: to_complaints
      from: team
      to: desk
      kind: lateral
      on: [{on: category, values: [complaint]}]
    - {id: after_care, from: desk, to: care, on: [{on: resolved}]}
    - {id: after_care_team, from: desk, to: team, kind: lateral, on: [{on: resolved}]}
"""


def test_a_lateral_step_moves_the_ticket_for_one_handoff() -> None:
    """A lateral step (here down the line, which it may) gives the ticket to the receiving
    unit: no hand-back, one handoff, and the path goes on from there."""
    escalator = Escalator(department(SIDEWAYS))
    handoff = escalator.next_holder("team", ev(K.CATEGORY), {"category": "complaint"})
    assert handoff is not None
    assert (handoff.step, handoff.kind, handoff.returns_to) == (
        "to_complaints",
        StepKind.LATERAL,
        None,
    )
    assert handoff.handoffs == 1
    assert not handoff.follow_up
    followed = escalator.follow("team", [ev(K.CATEGORY), ev(K.MANUAL)], {"category": "complaint"})
    assert [h.step for h in followed] == ["to_complaints", "desk_up"]  # desk holds it, then up
    [path] = escalator.paths("team")
    assert str(path) == "team ⇒ desk → team (cycle)"
    assert path.holders == ("team", "desk", "team")
    assert escalator.cycles() == [("team", "desk")]  # lateral steps are in the cycle search


def test_a_resolution_fires_the_first_follow_up_step_and_moves_nothing() -> None:
    """A ``resolved`` event fires the holder's first follow-up step not taken: the ticket
    stays resolved where it is, the step's unit makes a follow-up contact, no handoff."""
    escalator = Escalator(department(SIDEWAYS))
    handoff = escalator.next_holder("desk", ev(K.RESOLVED))
    assert handoff is not None
    assert (handoff.step, handoff.to_holder, handoff.follow_up) == ("after_care", "care", True)
    assert handoff.handoffs == 0
    assert handoff.returns_to is None
    assert handoff.reason == (
        "step `after_care` fires on the ticket's resolution; the ticket stays resolved, "
        "`care` makes a follow-up contact"
    )
    assert handoff.to_dict()["follow_up"] is True
    assert "follow_up" not in escalator.next_holder("desk", ev(K.MANUAL)).to_dict()  # type: ignore[union-attr]
    # the next resolution fires the next step; the holder never changes
    followed = escalator.follow("desk", [ev(K.RESOLVED)] * 3 + [ev(K.MANUAL)])
    assert [(h.step, h.from_holder) for h in followed] == [
        ("after_care", "desk"),
        ("after_care_team", "desk"),
        ("desk_up", "desk"),
    ]
    # no other event fires a follow-up step, and a resolution fires nothing else
    assert escalator.next_holder("team", ev(K.RESOLVED)) is None
    assert (
        escalator.next_holder("desk", ev(K.RESOLVED), taken={"after_care", "after_care_team"})
        is None
    )


UP_AND_FOLLOW_UPS = """\
escalation:
  steps:
    - {id: desk_up, from: desk, to: team, on: [{on: manual}]}
    - {id: after_care, from: desk, to: care, on: [{on: resolved}]}
    - {id: after_care_team, from: team, to: desk, kind: lateral, on: [{on: resolved}]}
"""


def test_follow_up_steps_are_on_no_path_and_cost_no_handoff() -> None:
    """Paths, the worst case and the cycle search leave follow-up steps out (the one from
    ``team`` back to ``desk`` makes no cycle); :meth:`Escalator.follow_ups` lists them, in
    document order."""
    escalator = Escalator(department(UP_AND_FOLLOW_UPS))
    assert [str(p) for p in escalator.paths("desk")] == ["desk → team"]
    assert escalator.cycles() == []
    assert escalator.most_handoffs("desk") == 1
    assert [(h.step, h.from_holder, h.to_holder, h.handoffs) for h in escalator.follow_ups()] == [
        ("after_care", "desk", "care", 0),
        ("after_care_team", "team", "desk", 0),
    ]
    assert [h.step for h in escalator.follow_ups("team")] == ["after_care_team"]
    assert escalator.follow_ups("care") == []


def test_the_resolved_trigger_is_said_in_either_language() -> None:
    from cskh_org.escalation import describe_trigger
    from cskh_org.model.escalation import Trigger

    resolved = Trigger(on=K.RESOLVED)
    assert describe_trigger(resolved) == "on resolution"
    assert describe_trigger(resolved, "vi") == "khi đã giải quyết"
    assert str(EscalationEvent(K.RESOLVED)) == "resolution"


# -- the graph view ------------------------------------------------------------------------


def test_escalation_graph_has_an_edge_per_step() -> None:
    """The MultiDiGraph has every holder as a node and one keyed edge per step."""
    graph = escalation_graph(department())
    assert set(graph.nodes) == {
        "care",
        "team",
        "desk",
        "head_of_sales",
        "board",
        "technical",
        "warehouse",
    }
    assert graph.nodes["board"]["kind"] == "external"
    assert graph.nodes["board"]["closer"] is True
    assert graph.nodes["technical"]["partner"] is True
    assert graph.number_of_edges() == 7
    assert graph.number_of_edges("team", "care") == 2
    edge = graph.edges["team", "technical", "team_tech"]
    assert edge["kind"] == "functional"
    assert edge["handoffs"] == 2
    assert edge["triggers"][0].on is K.CATEGORY
    assert edge["index"] == 1
    assert graph.graph["max_handoffs"] == 9


# -- the property: random valid policies stay within the verified maximum -----------------

_TIERS = ("vip", "wholesale", "regular", "new")
_CATEGORIES = ("question", "technical", "complaint", "return", "warranty", "order", "feedback")
_TARGETS = st.none() | st.sampled_from(list(TargetName))


def _triggers() -> st.SearchStrategy[dict[str, Any]]:
    def sla(kind: str) -> st.SearchStrategy[dict[str, Any]]:
        fields: dict[str, st.SearchStrategy[Any]] = {"target": _TARGETS}
        if kind == "sla_warning":
            fields["at_percent"] = st.none() | st.integers(1, 99)
        return st.fixed_dictionaries({"on": st.just(kind)}, optional=fields)

    def values(kind: str, pool: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries(
            {
                "on": st.just(kind),
                "values": st.lists(st.sampled_from(pool), min_size=1, unique=True),
            }
        )

    return st.one_of(
        sla("sla_warning"),
        sla("sla_breach"),
        st.fixed_dictionaries({"on": st.just("reopened"), "reopens": st.integers(1, 4)}),
        values("tier", _TIERS),
        values("category", _CATEGORIES),
        st.just({"on": "manual"}),
    )


def _events() -> st.SearchStrategy[EscalationEvent]:
    return st.one_of(
        st.builds(
            EscalationEvent,
            st.just(K.SLA_WARNING),
            _TARGETS,
            st.none() | st.integers(0, 150),
        ),
        st.builds(EscalationEvent, st.just(K.SLA_BREACH), _TARGETS),
        st.builds(EscalationEvent, st.just(K.REOPENED), reopens=st.integers(0, 6)),
        st.sampled_from(
            [EscalationEvent(K.TIER), EscalationEvent(K.CATEGORY), EscalationEvent(K.MANUAL)]
        ),
        st.builds(EscalationEvent, st.just(K.SLA_WARNING), _TARGETS, st.just(100)),
        st.just(EscalationEvent(K.MANUAL)),
        st.just(EscalationEvent(K.RESOLVED)),
    )


_SWEEP = [
    EscalationEvent(K.MANUAL),
    EscalationEvent(K.TIER),
    EscalationEvent(K.CATEGORY),
    EscalationEvent(K.REOPENED, reopens=100),
    EscalationEvent(K.SLA_BREACH),
    EscalationEvent(K.SLA_WARNING),
    *(EscalationEvent(K.SLA_BREACH, target) for target in TargetName),
    *(EscalationEvent(K.SLA_WARNING, target) for target in TargetName),
    *(EscalationEvent(K.SLA_WARNING, target, 100) for target in TargetName),
]
"""Every kind of event, each firing every trigger of its kind (tier and category: those
holding the ticket's value)."""


def _line(holder: str, parents: dict[str, str | None], top_reports: str | None) -> list[str]:
    """The reporting line above a holder of a generated document (written independently of
    the engine's)."""
    line: list[str] = []
    node: str | None = parents[holder]
    if holder.startswith("u") and node is None:
        node = top_reports
    while node is not None:
        line.append(node)
        nxt = parents[node]
        node = top_reports if node.startswith("u") and nxt is None else nxt
    return line


@st.composite
def valid_policies(draw: st.DrawFn) -> Department:
    """A department with a random reporting tree of units, a random tree of external parties
    and a random valid escalation policy: hierarchical steps up the line, functional steps
    to declared partners, random triggers, every holder a closer."""
    n_units = draw(st.integers(1, 7))
    n_ext = draw(st.integers(1, 5))
    parents: dict[str, str | None] = {"u0": None}
    for i in range(1, n_units):
        parents[f"u{i}"] = f"u{draw(st.integers(0, i - 1))}"
    parents["x0"] = None
    for j in range(1, n_ext):
        parents[f"x{j}"] = f"x{draw(st.integers(0, j - 1))}"
    top_reports = draw(st.none() | st.sampled_from([f"x{j}" for j in range(n_ext)]))
    holders = sorted(parents)
    partners = draw(st.lists(st.sampled_from(holders), unique=True, max_size=4))
    steps: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, 14))):
        source = draw(st.sampled_from(holders))
        above = _line(source, parents, top_reports)
        functional = draw(st.booleans()) if above and partners else not above
        if functional and not partners:
            continue
        to = draw(st.sampled_from(partners if functional else above))
        kind = "functional" if functional else "hierarchical"
        triggers = draw(st.lists(_triggers(), min_size=1, max_size=3))
        steps.append({"id": f"s{n}", "from": source, "to": to, "kind": kind, "on": triggers})
    document = {
        "id": "random",
        "name": {"vi": "Ngẫu nhiên"},
        "currency": "VND",
        "timezone": "Asia/Ho_Chi_Minh",
        "reports_to": top_reports,
        "roles": [{"id": "agent", "title": {"vi": "Nhân viên"}, "monthly_cost": "1000000 VND"}],
        "units": [
            {
                "id": f"u{i}",
                "name": {"vi": f"Nhóm {i}"},
                "parent": parents[f"u{i}"],
                "staff": [{"role": "agent"}],
            }
            for i in range(n_units)
        ],
        "externals": [
            {
                "id": f"x{j}",
                "name": {"vi": f"Bên {j}"},
                "kind": "other",
                "reports_to": parents[f"x{j}"],
            }
            for j in range(n_ext)
        ],
        "sla": {
            "default": {
                "first_response": {"within": "4h", "clock": "calendar"},
                "next_response": {"within": "8h", "clock": "calendar"},
                "resolution": {"within": "2d", "clock": "calendar"},
            }
        },
        "escalation": {
            "steps": steps,
            "partners": partners,
            "closers": holders,
            "max_handoffs": 50,
        },
    }
    return Department.model_validate(document)


_TICKETS = st.fixed_dictionaries(
    {"tier": st.sampled_from(_TIERS), "category": st.sampled_from(_CATEGORIES)}
)


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dept=valid_policies(),
    events=st.lists(_events(), min_size=1, max_size=30),
    ticket=_TICKETS,
    data=st.data(),
)
def test_following_escalations_stays_within_the_verified_maximum(
    dept: Department, events: list[EscalationEvent], ticket: dict[str, str], data: st.DataObject
) -> None:
    """For a random valid policy, following escalations from any holder with any sequence of
    events (repeated, so every step gets its chance) terminates within the maximum handoffs
    the engine verifies, and that maximum is the longest listed path."""
    escalator = Escalator(dept)
    found = [
        *escalation_graph_check(dept),
        *escalation_steps(dept),
        *escalation_triggers(dept),
    ]
    assert {issue.code for issue in found} <= {"escalation-partner-unused"}, found
    assert escalator.cycles() == []
    steps = dept.escalation.steps  # type: ignore[union-attr]
    sources = [step.from_ for step in steps] or list(escalator.holders)
    start = data.draw(st.sampled_from(sources) | st.sampled_from(escalator.holders), label="start")
    bound = escalator.most_handoffs(start)
    assert bound == max(p.handoffs for p in escalator.paths(start))
    # the drawn events three times, then every kind of event until each step had its chance
    sweep = _SWEEP * (len(steps) + 1)
    handoffs = escalator.follow(start, [*(events * 3), *sweep], ticket)
    assert sum(h.handoffs for h in handoffs) <= bound
    assert len({h.step for h in handoffs}) == len(handoffs)  # each step at most once
    for handoff in handoffs:
        if handoff.kind is StepKind.HIERARCHICAL:
            assert handoff.to_holder in escalator.reporting_line(handoff.from_holder)
        else:
            assert handoff.to_holder in escalator.partners
    if start in escalator.routed_holders():
        total = ROUTING_HANDOFFS + sum(h.handoffs for h in handoffs)
        assert total <= escalator.worst_case_handoffs() <= dept.escalation.max_handoffs  # type: ignore[union-attr]


@st.composite
def any_policies(draw: st.DrawFn) -> Department:
    """A department whose steps go anywhere, of any kind, cycles included (an invalid
    policy), with follow-up steps (on ``resolved``) among them."""
    holders = ["u0", "u1", "u2", "x0", "x1"]
    steps = [
        {
            "id": f"s{n}",
            "from": draw(st.sampled_from(holders)),
            "to": draw(st.sampled_from(holders)),
            "kind": draw(st.sampled_from(["hierarchical", "functional", "lateral"])),
            "on": draw(st.lists(_triggers(), min_size=1, max_size=2)),
        }
        for n in range(draw(st.integers(0, 12)))
    ]
    for n in range(draw(st.integers(0, 2))):
        steps.insert(
            draw(st.integers(0, len(steps))),
            {
                "id": f"f{n}",
                "from": draw(st.sampled_from(holders)),
                "to": draw(st.sampled_from(holders)),
                "kind": draw(st.sampled_from(["hierarchical", "lateral"])),
                "on": [{"on": "resolved"}],
            },
        )
    return Department.model_validate(
        {
            "id": "random",
            "name": {"vi": "Ngẫu nhiên"},
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "a", "title": {"vi": "A"}, "monthly_cost": "1 VND"}],
            "units": [{"id": h, "name": {"vi": h}} for h in holders[:3]],
            "externals": [{"id": h, "name": {"vi": h}, "kind": "other"} for h in holders[3:]],
            "escalation": {"steps": steps},
        }
    )


@settings(max_examples=examples(120), deadline=None)
@given(dept=any_policies(), events=st.lists(_events(), max_size=20), ticket=_TICKETS)
def test_any_policy_terminates_within_its_bound(
    dept: Department, events: list[EscalationEvent], ticket: dict[str, str]
) -> None:
    """Even on a policy with cycles, paths are finite and following escalations stops
    within the bound the engine computes (each step fires at most once per ticket)."""
    escalator = Escalator(dept)
    for start in escalator.holders:
        paths = escalator.paths(start)
        assert paths
        assert all(len(p.hops) <= len(dept.escalation.steps) for p in paths)  # type: ignore[union-attr]
        assert not any(h.follow_up for p in paths for h in p.hops)
        handoffs = escalator.follow(start, events * 3, ticket)
        assert sum(h.handoffs for h in handoffs) <= escalator.most_handoffs(start)
        for handoff in handoffs:  # a follow-up only on a resolution, and for no handoff
            assert handoff.follow_up == (
                handoff.trigger is not None and handoff.trigger.on is K.RESOLVED
            )
            assert handoff.handoffs == (0 if handoff.follow_up else handoff.kind.handoffs)


def test_triggers_are_said_in_either_language_with_the_documents_labels() -> None:
    """``describe_trigger`` words each kind from the catalogue; values by their labels."""
    from cskh_org.escalation import describe_trigger
    from cskh_org.model.escalation import Trigger

    breach = Trigger.model_validate({"on": "sla_breach", "target": "resolution"})
    assert describe_trigger(breach) == "SLA breach of resolution"
    assert describe_trigger(breach, "vi") == "vi phạm SLA giải quyết"
    tier = Trigger.model_validate({"on": "tier", "values": ["vip", "wholesale"]})
    labels = {"vip": "Khách VIP", "wholesale": "Khách sỉ"}
    assert describe_trigger(tier, "vi", lambda _a, v: labels[v]) == "hạng Khách VIP hoặc Khách sỉ"
    assert describe_trigger(tier) == "tier vip or wholesale"
    manual = Trigger.model_validate({"on": "manual"})
    assert describe_trigger(manual, "vi") == "yêu cầu thủ công"
