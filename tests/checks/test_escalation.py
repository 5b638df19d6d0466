"""The escalation checks: cycles, dead ends, steps off the reporting line or to undeclared
partners, unstaffed targets, worst-case handoffs, trigger values and SLA triggers."""

from __future__ import annotations

import textwrap

import pytest

import cskh_org
from cskh_org.checks.escalation import (
    escalation_graph_check,
    escalation_steps,
    escalation_triggers,
)
from cskh_org.findings import Finding
from cskh_org.loading.source import parse_text
from cskh_org.model import Department
from tests.conftest import EXAMPLES
from tests.documents import ESCALATION_ORG

BASE = (
    ESCALATION_ORG
    + """\
  - id: planned
    name: {vi: Tổ dự kiến, en: Planned desk}
    parent: care
    staff: [{role: agent, headcount: 0}]
externals:
  - {id: head_of_sales, name: {vi: Trưởng phòng bán hàng}, kind: head_of_sales, reports_to: board}
  - {id: board, name: {vi: Ban giám đốc}, kind: board}
  - {id: technical, name: {vi: Phòng Kỹ thuật}, kind: technical, reports_to: board}
  - {id: warehouse, name: {vi: Kho}, kind: warehouse, reports_to: board}
routing:
  rules:
    - {id: chat, when: {channel: chat}, to: desk}
  default: team
"""
)

SLA = """\
sla:
  default:
    first_response: {within: 4h, clock: calendar}
    resolution: {within: 2d, clock: calendar}
"""

CHAIN = """\
steps:
  - {id: desk_up, from: desk, to: team, on: [{on: manual}]}
  - {id: team_tech, from: team, to: technical, kind: functional, on: [{on: manual}]}
  - {id: team_up, from: team, to: care, on: [{on: manual}]}
  - {id: care_up, from: care, to: head_of_sales, on: [{on: manual}]}
  - {id: hos_up, from: head_of_sales, to: board, on: [{on: manual}]}
partners: [technical]
closers: [care, team, desk, head_of_sales, board]
max_handoffs: 7
"""


def _document(escalation: str, extra: str = "") -> str:
    body = textwrap.indent(textwrap.dedent(escalation), "  ")
    return BASE + extra + "escalation:\n" + body


def findings(escalation: str, extra: str = "") -> list[Finding]:
    """The escalation findings of the base document with this escalation section."""
    result = cskh_org.validate_text(_document(escalation, extra), name="doc.yaml")
    return [f for f in result.findings if f.code.startswith("escalation-")]


def codes(found: list[Finding]) -> list[str]:
    return [f.code for f in found]


def only(found: list[Finding], code: str) -> Finding:
    [finding] = [f for f in found if f.code == code]
    return finding


def line_of(found: Finding) -> int:
    assert found.location is not None
    return found.location.line


def test_a_valid_chain_gives_no_finding() -> None:
    """Steps up the line to the board with a declared partner, within the maximum: clean."""
    result = cskh_org.validate_text(_document(CHAIN), name="doc.yaml")
    assert [f.code for f in result.findings if f.severity.is_error] == []
    assert not [f for f in result.findings if f.code.startswith("escalation-")]


def test_no_escalation_section_is_not_checked() -> None:
    """A document without `escalation` gives no escalation finding."""
    result = cskh_org.validate_text(BASE, name="doc.yaml")
    assert not [f for f in result.findings if f.code.startswith("escalation-")]


def test_cycle_is_named_with_its_steps() -> None:
    """Hierarchical steps that come back to a holder report the cycle and its steps."""
    found = findings(
        """
        steps:
          - {id: a, from: desk, to: team, on: [{on: manual}]}
          - {id: b, from: team, to: care, on: [{on: manual}]}
          - {id: c, from: care, to: desk, on: [{on: manual}]}
        """
    )
    cycle = only(found, "escalation-cycle")
    assert "(care → desk → team → care, by steps `c`, `a`, `b`)" in cycle.message
    assert cycle.severity.is_error
    assert cycle.path == ("escalation", "steps", 0, "to")
    # the step back down is not upward either; no dead end and no handoff count on a cycle
    assert codes(found) == ["escalation-cycle", "escalation-not-upward"]


def test_dead_end_at_an_external_that_may_not_close() -> None:
    """A path ending at the head of sales, who is not a closer by default, is a dead end."""
    found = findings(
        """
        steps:
          - {id: desk_up, from: desk, to: team, on: [{on: manual}]}
          - {id: team_up, from: team, to: care, on: [{on: manual}]}
          - {id: care_up, from: care, to: head_of_sales, on: [{on: manual}]}
        """
    )
    dead = only(found, "escalation-dead-end")
    assert dead.path == ("escalation", "steps", 2, "to")
    assert "(e.g. team → care → head_of_sales)" in dead.message  # from a routed queue
    assert "only units may close tickets" in dead.message
    assert "list `head_of_sales` under `escalation.closers`" in dead.message


def test_dead_end_at_a_routed_unit_left_out_of_closers() -> None:
    """A routed queue with no step up and not among the closers strands its tickets."""
    found = findings(
        """
        steps:
          - {id: team_up, from: team, to: care, on: [{on: manual}]}
        closers: [care, team]
        """
    )
    dead = only(found, "escalation-dead-end")
    assert dead.path == ("escalation", "closers")
    assert dead.message.startswith("tickets routed to `desk` stay there")


def test_step_down_or_sideways_is_not_upward() -> None:
    """A hierarchical step to a holder outside the reporting line above is reported, with the
    line and the functional alternative."""
    found = findings(
        """
        steps:
          - {id: to_tech, from: team, to: technical, on: [{on: manual}]}
        closers: [care, team, desk, technical]
        """
    )
    issue = only(found, "escalation-not-upward")
    assert issue.path == ("escalation", "steps", 0, "to")
    assert "above `team` are care → head_of_sales → board" in issue.message
    assert "`kind: functional`" in issue.message


def test_step_from_the_top_of_the_line() -> None:
    """From the board nobody is above: any hierarchical step from it is reported."""
    found = findings(
        """
        steps:
          - {id: down, from: board, to: care, on: [{on: manual}]}
        closers: [care, team, desk, board]
        """
    )
    issue = only(found, "escalation-not-upward")
    assert "nobody is above `board`" in issue.message


def test_functional_step_to_an_undeclared_partner() -> None:
    """A functional step to a holder missing from `partners` is reported."""
    found = findings(
        """
        steps:
          - {id: team_store, from: team, to: warehouse, kind: functional, on: [{on: manual}]}
        partners: [technical]
        """
    )
    issue = only(found, "escalation-not-partner")
    assert issue.path == ("escalation", "steps", 0, "to")
    assert "add it to `escalation.partners`" in issue.message
    # technical is declared but nothing uses it
    unused = only(found, "escalation-partner-unused")
    assert unused.path == ("escalation", "partners", 0)
    assert not unused.severity.is_error


def test_step_to_an_unstaffed_unit() -> None:
    """A step to a unit without staff is reported (here a partner unit)."""
    found = findings(
        """
        steps:
          - {id: ask_planned, from: team, to: planned, kind: functional, on: [{on: manual}]}
        partners: [planned]
        """
    )
    issue = only(found, "escalation-target-unstaffed")
    assert issue.path == ("escalation", "steps", 0, "to")
    assert "`planned`, which has no staff" in issue.message


def test_duplicate_step_id() -> None:
    """Two steps with one id are reported at the second."""
    found = findings(
        """
        steps:
          - {id: up, from: desk, to: team, on: [{on: manual}]}
          - {id: up, from: team, to: care, on: [{on: manual}]}
        """
    )
    issue = only(found, "escalation-step-duplicate-id")
    assert issue.path == ("escalation", "steps", 1, "id")


def test_worst_case_handoffs_above_the_maximum_names_the_path() -> None:
    """Routing plus the longest path above `max_handoffs` is a warning naming the path."""
    found = findings(CHAIN.replace("max_handoffs: 7", "max_handoffs: 6"))
    issue = only(found, "escalation-handoffs")
    assert not issue.severity.is_error
    assert issue.path == ("escalation", "max_handoffs")
    assert "handed off 7 times, more than `max_handoffs` (6)" in issue.message
    assert "routed to `desk` (1), then desk → team ⇄ technical → care → head_of_sales" in (
        issue.message
    )
    assert codes(found) == ["escalation-handoffs"]


def test_default_maximum_is_five() -> None:
    """Without `max_handoffs` the maximum is 5, reported at the `escalation` key."""
    found = findings(CHAIN.replace("max_handoffs: 7\n", ""))
    issue = only(found, "escalation-handoffs")
    assert "more than `max_handoffs` (5)" in issue.message
    assert issue.path == ("escalation", "max_handoffs")
    assert line_of(issue) == BASE.count("\n") + 2  # where the `escalation` mapping starts


def test_trigger_value_not_in_the_schema_suggests_one() -> None:
    """A tier value the ticket schema does not have is reported with a did-you-mean."""
    found = findings(
        """
        steps:
          - {id: vip_up, from: team, to: care, on: [{on: tier, values: [vip, vipp]}]}
          - {id: cat_up, from: desk, to: team, on: [{on: category, values: [complain]}]}
        """
    )
    tier, category = [f for f in found if f.code == "escalation-trigger-value"]
    assert tier.path == ("escalation", "steps", 0, "on", 0, "values", 1)
    assert "(did you mean `vip`?)" in tier.message
    assert "(did you mean `complaint`?)" in category.message


def test_trigger_on_an_attribute_the_schema_lacks() -> None:
    """A tier trigger in a document whose ticket schema has no `tier` is reported."""
    schema = """\
ticket_schema:
  attributes:
    channel: {type: enum, values: [chat, phone]}
"""
    found = findings(
        """
        steps:
          - {id: vip_up, from: team, to: care, on: [{on: tier, values: [vip]}]}
        """,
        schema,
    )
    issue = only(found, "escalation-trigger-value")
    assert issue.path == ("escalation", "steps", 0, "on", 0, "on")
    assert "has no `tier` enum attribute" in issue.message


def test_sla_trigger_without_an_sla_section() -> None:
    """An SLA trigger in a document without `sla` is reported at the trigger kind."""
    found = findings(
        """
        steps:
          - {id: late, from: desk, to: team, on: [{on: sla_breach}, {on: manual}]}
        """
    )
    issue = only(found, "escalation-sla-trigger")
    assert issue.path == ("escalation", "steps", 0, "on", 0, "on")
    assert "no `sla` section" in issue.message


def test_sla_trigger_on_a_target_no_policy_sets() -> None:
    """An SLA trigger on a target the `sla` section never sets can never fire."""
    found = findings(
        """
        steps:
          - id: late
            from: desk
            to: team
            on: [{on: sla_warning, target: next_response}, {on: sla_breach, target: resolution}]
        """,
        SLA,
    )
    issue = only(found, "escalation-sla-trigger")
    assert issue.path == ("escalation", "steps", 0, "on", 0, "target")
    assert "(first_response, resolution)" in issue.message


def _model(escalation: str) -> Department:
    """The department model without running the checks (for references to nothing)."""
    return Department.model_validate(parse_text(_document(escalation)).data)


def test_unknown_holders_are_left_to_the_references_check() -> None:
    """Steps naming undefined holders give no escalation finding (no cascade)."""
    dept = _model(
        """
        steps:
          - {id: a, from: desk, to: tem, on: [{on: manual}]}
          - {id: b, from: nobody, to: care, on: [{on: manual}]}
          - {id: c, from: team, to: tech, kind: functional, on: [{on: manual}]}
        partners: [tech]
        """
    )
    found = [*escalation_graph_check(dept), *escalation_steps(dept), *escalation_triggers(dept)]
    assert found == []


def test_unknown_holders_through_the_whole_pipeline() -> None:
    """Validation reports the undefined holders (references check) and no escalation finding."""
    result = cskh_org.validate_text(
        _document(
            """
            steps:
              - {id: a, from: desk, to: tem, on: [{on: manual}]}
            """
        ),
        name="doc.yaml",
    )
    assert [f.code for f in result.findings if f.severity.is_error] == ["unknown-holder"]
    assert any("(did you mean `team`?)" in f.message for f in result.findings)


@pytest.mark.parametrize("size", ["growing", "large"])
def test_examples_have_no_escalation_finding(size: str) -> None:
    """The bundled examples' escalation policies give no escalation finding at all."""
    result = cskh_org.validate(EXAMPLES / size / "department.yaml")
    assert [f.format() for f in result.findings if f.code.startswith("escalation-")] == []
    dept = result.department
    assert dept is not None
    assert dept.escalation is not None
    assert dept.escalation.steps


# -- lateral and follow-up steps ----------------------------------------------------------------


def test_a_lateral_step_need_not_go_up_the_line() -> None:
    """A lateral step from the team to the desk below it (a complaints desk, say) is no
    `escalation-not-upward`: the receiving unit keeps the ticket, and that is all."""
    found = findings(
        """
        steps:
          - id: to_desk
            from: team
            to: desk
            kind: lateral
            on: [{on: category, values: [complaint]}]
        """
    )
    assert codes(found) == []


def test_a_lateral_step_to_an_external_party() -> None:
    found = findings(
        """
        steps:
          - {id: to_tech, from: team, to: technical, kind: lateral, on: [{on: manual}]}
        closers: [care, team, desk, technical]
        """
    )
    issue = only(found, "escalation-lateral-target")
    assert issue.severity.is_error
    assert issue.path == ("escalation", "steps", 0, "to")
    # `escalation:`, a blank line, `steps:`, then the step
    assert line_of(issue) == BASE.count("\n") + 4
    assert "lateral step `to_tech` sends tickets to `technical`, an external party" in (
        issue.message
    )
    assert "`kind: functional`" in issue.message
    assert "bước sang ngang `to_tech`" in issue.message_vi
    assert "escalation-not-upward" not in codes(found)


def test_a_lateral_step_to_its_own_unit() -> None:
    """A lateral step back to its own unit is reported, and (as any step to itself) is a
    cycle too."""
    found = findings(
        """
        steps:
          - {id: self, from: team, to: team, kind: lateral, on: [{on: manual}]}
        """
    )
    issue = only(found, "escalation-lateral-target")
    assert issue.path == ("escalation", "steps", 0, "to")
    assert "from `team` to `team` itself" in issue.message
    assert codes(found) == ["escalation-cycle", "escalation-lateral-target"]


def test_lateral_steps_that_come_back_are_a_cycle() -> None:
    found = findings(
        """
        steps:
          - {id: there, from: team, to: desk, kind: lateral, on: [{on: manual}]}
          - {id: back, from: desk, to: team, kind: lateral, on: [{on: manual}]}
        """
    )
    cycle = only(found, "escalation-cycle")
    assert cycle.message.startswith(
        "hierarchical and lateral steps escalate in a cycle (team → desk → team, by steps "
        "`there`, `back`)"
    )
    assert "sang ngang tạo thành vòng" in cycle.message_vi
    assert cycle.path == ("escalation", "steps", 0, "to")


def test_a_follow_up_step_from_a_holder_that_never_closes() -> None:
    """With `closers` set, a follow-up step from a holder left out of it never fires."""
    found = findings(
        """
        steps:
          - {id: desk_up, from: desk, to: team, on: [{on: manual}]}
          - {id: after_care, from: desk, to: care, on: [{on: resolved}]}
        closers: [care, team]
        """
    )
    issue = only(found, "escalation-follow-up-not-closer")
    assert not issue.severity.is_error
    assert issue.path == ("escalation", "steps", 1, "from")
    assert "follow-up step `after_care` fires when a ticket is resolved at `desk`" in (
        issue.message
    )
    assert "add `desk` to `escalation.closers`" in issue.message
    assert "bước theo dõi `after_care`" in issue.message_vi
    # a follow-up step is no path: it neither goes up the line nor ends one
    assert codes(found) == ["escalation-follow-up-not-closer"]


def test_a_follow_up_step_from_any_unit_when_closers_are_not_set() -> None:
    found = findings(
        """
        steps:
          - {id: after_care, from: desk, to: care, on: [{on: resolved}]}
        """
    )
    assert codes(found) == []


def test_a_follow_up_step_to_an_external_party() -> None:
    found = findings(
        """
        steps:
          - {id: after_care, from: desk, to: board, on: [{on: resolved}]}
        """
    )
    issue = only(found, "escalation-follow-up-external")
    assert not issue.severity.is_error
    assert issue.path == ("escalation", "steps", 0, "to")
    assert "gives the follow-up contact to `board`, an external party" in issue.message
    assert codes(found) == ["escalation-follow-up-external"]
