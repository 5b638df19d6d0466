"""The escalation models: the kinds of step (lateral among them) and the follow-up step on
``resolved``, with each refusal of a step or trigger that does not fit it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from cskh_org.model import EscalationStep, StepKind, Trigger, TriggerKind


def _step(**fields: Any) -> EscalationStep:
    return EscalationStep.model_validate({"id": "s", "from": "a", "to": "b", **fields})


def _refused(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    [error] = exc.value.errors(include_url=False)
    return str(error["msg"])


def test_each_kind_costs_its_handoffs_and_says_whether_the_ticket_moves() -> None:
    """Hierarchical and lateral steps move the ticket for one handoff; a functional step
    hands it back, for two."""
    assert [(k.value, k.handoffs, k.moves) for k in StepKind] == [
        ("hierarchical", 1, True),
        ("functional", 2, False),
        ("lateral", 1, True),
    ]


def test_a_lateral_step_is_accepted() -> None:
    step = _step(kind="lateral", on=[{"on": "category", "values": ["complaint"]}])
    assert step.kind is StepKind.LATERAL
    assert not step.follow_up


@pytest.mark.parametrize("kind", [None, "hierarchical", "lateral"])
def test_a_step_on_resolved_is_a_follow_up_step(kind: str | None) -> None:
    """A step whose one trigger is ``resolved`` is a follow-up step, of any kind but
    functional."""
    extra = {} if kind is None else {"kind": kind}
    step = _step(on=[{"on": "resolved"}], **extra)
    assert step.follow_up
    assert step.on == (Trigger(on=TriggerKind.RESOLVED),)


@pytest.mark.parametrize(
    ("trigger", "said"),
    [
        ({"on": "resolved", "values": ["vip"]}, "`values` goes with `tier` and `category` only"),
        ({"on": "resolved", "target": "resolution"}, "`target` goes with `sla_warning`"),
        ({"on": "resolved", "at_percent": 50}, "`at_percent` goes with `sla_warning` only"),
        ({"on": "resolved", "reopens": 2}, "`reopens` goes with `reopened` only"),
    ],
)
def test_a_resolved_trigger_takes_no_field(trigger: dict[str, Any], said: str) -> None:
    """``resolved`` carries nothing: the trigger's other fields are refused as for
    ``manual``."""
    with pytest.raises(ValidationError) as exc:
        Trigger.model_validate(trigger)
    assert said in _refused(exc)


def test_a_resolved_trigger_stands_alone_on_its_step() -> None:
    with pytest.raises(ValidationError) as exc:
        _step(on=[{"on": "resolved"}, {"on": "manual"}])
    assert "has one trigger, `resolved`" in _refused(exc)


def test_a_follow_up_step_is_not_functional() -> None:
    with pytest.raises(ValidationError) as exc:
        _step(kind="functional", on=[{"on": "resolved"}])
    assert "cannot be `kind: functional`" in _refused(exc)


def test_both_problems_of_a_follow_up_step_are_said_together() -> None:
    with pytest.raises(ValidationError) as exc:
        _step(kind="functional", on=[{"on": "manual"}, {"on": "resolved"}])
    said = _refused(exc)
    assert "has one trigger, `resolved`" in said
    assert "; a follow-up step" in said
