"""Escalation paths: who takes a ticket over from whom, and on which trigger.

A *holder* is a unit or an external party (head of sales, board, technical, warehouse…),
named by its id. A step moves a ticket from one holder to another:

* ``hierarchical`` — up the reporting line (team → department head → head of sales → board);
  the new holder keeps the ticket;
* ``functional`` — sideways to a declared partner (a specialist unit, the technical or
  warehouse department), which works on it and **hands it back**;
* ``lateral`` — sideways to another unit (support → complaints desk), which **keeps** the
  ticket, as up the line.

Steps fire on triggers: an SLA warning or breach, a reopen count, the customer's tier, the
ticket's category, or a manual request. A step on ``resolved`` is a *follow-up step*: it does
not move the ticket; when the ticket is resolved at its ``from`` holder, its ``to`` unit makes a
follow-up contact (the after-care call of step 5 of the care process).
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field, model_validator

from cskh_org.findings import both, concat, refusal
from cskh_org.model.base import Id, Integer, LocalizedText, Model, NotText, Ref
from cskh_org.model.sla import TargetName

__all__ = [
    "Escalation",
    "EscalationStep",
    "HolderRef",
    "StepKind",
    "Trigger",
    "TriggerKind",
]

HolderRef = Annotated[Id, Ref("holder")]
"""The id of a unit or of an external party."""


class StepKind(enum.StrEnum):
    """Which way a step goes."""

    HIERARCHICAL = "hierarchical"
    """Up the reporting line; the new holder keeps the ticket."""
    FUNCTIONAL = "functional"
    """Sideways to a declared partner, which hands the ticket back."""
    LATERAL = "lateral"
    """Sideways to another unit (not a partner, not up the line), which keeps the ticket."""

    @property
    def handoffs(self) -> int:
        """Handoffs one step of this kind costs: 1 up the line or sideways to keep, 2 to a
        partner and back."""
        return 2 if self is StepKind.FUNCTIONAL else 1

    @property
    def moves(self) -> bool:
        """Whether the receiving holder keeps the ticket (hierarchical and lateral)."""
        return self is not StepKind.FUNCTIONAL


class TriggerKind(enum.StrEnum):
    """What makes a step fire."""

    SLA_WARNING = "sla_warning"
    """A target reached its warning percentage (``at_percent``, default the target's)."""
    SLA_BREACH = "sla_breach"
    """A target was missed."""
    REOPENED = "reopened"
    """The customer reopened the ticket ``reopens`` times or more."""
    TIER = "tier"
    """The customer's tier is one of ``values``."""
    CATEGORY = "category"
    """The ticket's category is one of ``values`` (e.g. a complaint)."""
    MANUAL = "manual"
    """An agent asks for it."""
    RESOLVED = "resolved"
    """The ticket was resolved at the step's ``from`` holder: the step's ``to`` unit makes a
    follow-up contact; the ticket stays resolved (a *follow-up step*, alone on its step)."""


class Trigger(Model):
    """One condition that fires a step."""

    on: TriggerKind
    """The kind of trigger."""
    target: TargetName | None = None
    """For SLA triggers: which target (``first_response``, ``next_response``,
    ``resolution``); omitted means any."""
    at_percent: Annotated[int, Field(ge=1, le=99), NotText] | None = None
    """For ``sla_warning``: percent of the target elapsed; default the target's ``warn_at``."""
    reopens: Annotated[int, Field(ge=1, le=100), NotText] | None = None
    """For ``reopened``: the number of reopenings that fires the step."""
    values: tuple[str, ...] = ()
    """For ``tier`` and ``category``: the attribute values that fire the step."""

    @model_validator(mode="after")
    def _fits_kind(self) -> Trigger:
        kind = self.on
        sla = kind in (TriggerKind.SLA_WARNING, TriggerKind.SLA_BREACH)
        problems = []
        if self.target is not None and not sla:
            problems.append(both("value.trigger.target"))
        if self.at_percent is not None and kind is not TriggerKind.SLA_WARNING:
            problems.append(both("value.trigger.at-percent"))
        if kind is TriggerKind.REOPENED and self.reopens is None:
            problems.append(both("value.trigger.reopens-needed"))
        if self.reopens is not None and kind is not TriggerKind.REOPENED:
            problems.append(both("value.trigger.reopens"))
        if kind in (TriggerKind.TIER, TriggerKind.CATEGORY) and not self.values:
            problems.append(both("value.trigger.values-needed", kind=kind.value))
        if self.values and kind not in (TriggerKind.TIER, TriggerKind.CATEGORY):
            problems.append(both("value.trigger.values"))
        if problems:
            raise refusal("trigger", "value.trigger", problems=concat("; ", problems))
        return self


class EscalationStep(Model):
    """A hop from one holder to another on any of its triggers."""

    id: Id
    """Id of the step, reported with every escalation decision."""
    from_: HolderRef = Field(alias="from")
    """The holder the ticket leaves (a unit or external id)."""
    to: HolderRef
    """The holder the ticket goes to."""
    kind: StepKind = StepKind.HIERARCHICAL
    """``hierarchical`` (up the reporting line), ``functional`` (to a partner and back) or
    ``lateral`` (sideways to another unit, which keeps the ticket); not ``functional`` on a
    follow-up step (``resolved``), where it has no effect."""
    on: tuple[Trigger, ...] = Field(min_length=1)
    """Triggers, any of which fires the step; earlier steps from the same holder win. A
    ``resolved`` trigger stands alone: the step is then a follow-up step."""
    description: LocalizedText | None = None
    """Why the ticket goes there."""

    model_config = Model.model_config | {"populate_by_name": True, "serialize_by_alias": True}

    @property
    def follow_up(self) -> bool:
        """Whether this is a follow-up step (on ``resolved``): it never moves the ticket."""
        return any(t.on is TriggerKind.RESOLVED for t in self.on)

    @model_validator(mode="after")
    def _follow_up_alone(self) -> EscalationStep:
        if not self.follow_up:
            return self
        problems = []
        if len(self.on) > 1:
            problems.append(both("value.step.resolved-alone"))
        if self.kind is StepKind.FUNCTIONAL:
            problems.append(both("value.step.resolved-functional"))
        if problems:
            raise refusal("step", "value.step", problems=concat("; ", problems))
        return self


class Escalation(Model):
    """Escalation paths over units and external parties, verified as a graph."""

    steps: tuple[EscalationStep, ...] = ()
    """Steps in priority order: from one holder, the first step whose trigger fires wins."""
    partners: tuple[HolderRef, ...] = ()
    """Holders that take functional steps (specialist units, technical, warehouse)."""
    closers: tuple[HolderRef, ...] | None = None
    """Holders with authority to close a ticket; default every unit (no external party)."""
    max_handoffs: Integer = Field(default=5, ge=1, le=50)
    """Most handoffs a ticket may see, routing included; a functional step counts two."""
