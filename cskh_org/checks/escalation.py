"""Checks of the escalation paths: the graph (cycles, dead ends, worst-case handoffs), each
step (up the reporting line, to a declared partner or sideways to another unit, to a staffed
unit; a follow-up step from a holder that resolves, to a unit) and the triggers.

They rest on :class:`cskh_org.escalation.Escalator`, the engine that makes the decisions, so
what is verified is what runs. Steps naming an unknown holder are skipped (the references
check reports them), and nothing is checked without an ``escalation`` section.
"""

from __future__ import annotations

from collections.abc import Iterator

from cskh_org.checks import Issue, check
from cskh_org.escalation import ROUTING_HANDOFFS, EscalationPath, Escalator
from cskh_org.findings import NOTHING, Said, Severity, both, did_you_mean
from cskh_org.model import Department, EnumAttribute, EscalationStep, StepKind, TriggerKind

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

Path = tuple[str | int, ...]

_STEPS: Path = ("escalation", "steps")
_SLA_WORDS = {TriggerKind.SLA_WARNING: "sla-warning", TriggerKind.SLA_BREACH: "sla-breach"}

_last: list[tuple[Department, Escalator]] = []


def _escalator(dept: Department) -> Escalator:
    """The engine of the department, built once for the checks that use it."""
    if _last and _last[0][0] is dept:
        return _last[0][1]
    escalator = Escalator(dept)
    _last[:] = [(dept, escalator)]
    return escalator


def _step_path(index: int, *rest: str | int) -> Path:
    return (*_STEPS, index, *rest)


def _line(holders: tuple[str, ...]) -> str:
    return " → ".join(holders)


@check(
    "escalation-graph",
    "Hierarchical and lateral escalation steps form no cycle; every path ends at a holder with "
    "authority to close the ticket; the worst-case handoffs per ticket (routing plus escalation, a "
    "functional step counting two) stay within `escalation.max_handoffs`.",
    escalation_cycle=E,
    escalation_dead_end=E,
    escalation_handoffs=W,
)
def escalation_graph_check(dept: Department) -> Iterator[Issue]:
    esc = dept.escalation
    if esc is None:
        return
    escalator = _escalator(dept)
    first_step: dict[tuple[str, str], int] = {}
    for i, step in enumerate(esc.steps):
        if _moves(step):
            first_step.setdefault((step.from_, step.to), i)
    cycles = escalator.cycles()
    for cycle in cycles:
        pairs = list(zip(cycle, (*cycle[1:], cycle[0]), strict=True))
        indexes = [first_step[pair] for pair in pairs]
        names = ", ".join(f"`{esc.steps[i].id}`" for i in indexes)
        lateral = any(esc.steps[i].kind is StepKind.LATERAL for i in indexes)
        yield Issue.said(
            "escalation-cycle",
            _step_path(min(indexes), "to"),
            "escalation-cycle.lateral" if lateral else "escalation-cycle",
            path=_line((*cycle, cycle[0])),
            steps=names,
        )
    yield from _dead_ends(dept, escalator)
    if cycles:
        return  # the worst case is not a path then; the cycle is the problem to fix
    worst = escalator.worst_case_handoffs()
    if worst > esc.max_handoffs:
        path = escalator.worst_case_path()
        assert path is not None
        yield Issue.said(
            "escalation-handoffs",
            ("escalation", "max_handoffs"),
            worst=worst,
            most=esc.max_handoffs,
            start=path.start,
            routing=ROUTING_HANDOFFS,
            path=_describe(path),
        )


def _moves(step: EscalationStep) -> bool:
    """Whether the step's new holder keeps the ticket (hierarchical or lateral, no follow-up)."""
    return step.kind.moves and not step.follow_up


def _lateral(dept: Department, i: int, step: EscalationStep) -> Iterator[Issue]:
    """A lateral step goes to another unit: not to an external party, not to its own unit."""
    if step.to not in dept.units_by_id:
        yield Issue.said(
            "escalation-lateral-target",
            _step_path(i, "to"),
            "escalation-lateral-target.external",
            step=step.id,
            target=step.to,
        )
    elif step.to == step.from_:
        yield Issue.said(
            "escalation-lateral-target",
            _step_path(i, "to"),
            "escalation-lateral-target.same",
            step=step.id,
            target=step.to,
        )


def _follow_up(
    dept: Department, escalator: Escalator, i: int, step: EscalationStep
) -> Iterator[Issue]:
    """A follow-up step leaves a holder that may resolve tickets and reaches a unit."""
    esc = dept.escalation
    assert esc is not None
    if esc.closers is not None and step.from_ not in escalator.closers:
        yield Issue.said(
            "escalation-follow-up-not-closer",
            _step_path(i, "from"),
            step=step.id,
            source=step.from_,
        )
    if step.to not in dept.units_by_id:
        yield Issue.said(
            "escalation-follow-up-external", _step_path(i, "to"), step=step.id, target=step.to
        )


def _describe(path: EscalationPath) -> Said:
    if not path.hops:
        return both("escalation-handoffs.keeps", start=path.start)
    return both("escalation-handoffs.path", path=path, handoffs=path.handoffs)


def _dead_ends(dept: Department, escalator: Escalator) -> Iterator[Issue]:
    esc = dept.escalation
    assert esc is not None
    closers = escalator.closers
    # holders with a hierarchical step to an unknown holder: the references check reports it
    dangling = {s.from_ for s in esc.steps if _moves(s) and not escalator.is_holder(s.to)}
    who = both(
        "escalation.closers.not-listed"
        if esc.closers is not None
        else "escalation.closers.units-only"
    )
    reported: set[str] = set()
    for i, step in enumerate(esc.steps):
        end = step.to
        if (
            not _moves(step)
            or end in reported
            or not escalator.is_holder(step.from_)
            or not escalator.is_holder(end)
            or end in closers
            or end in dangling
            or any(_moves(s) for s in escalator.steps_from(end))
        ):
            continue
        reported.add(end)
        line = escalator.path_to(end)
        shown = (
            both("escalation-dead-end.example", line=_line(line))
            if line and len(line) > 1
            else NOTHING
        )
        yield Issue.said(
            "escalation-dead-end",
            _step_path(i, "to"),
            "escalation-dead-end.step",
            step=step.id,
            end=end,
            shown=shown,
            who=who,
        )
    for start in escalator.routed_holders():
        if start in closers or start in reported or start in dangling:
            continue
        if any(_moves(s) for s in escalator.steps_from(start)):
            continue
        reported.add(start)
        yield Issue.said(
            "escalation-dead-end",
            ("escalation", "closers"),
            "escalation-dead-end.routed",
            start=start,
            who=who,
        )


@check(
    "escalation-steps",
    "Each escalation step has a unique id, goes up the reporting line (hierarchical), to a "
    "declared partner (functional) or sideways to another unit (lateral), and reaches a staffed "
    "unit; a follow-up step (on `resolved`) leaves a holder that may close tickets and reaches a "
    "unit; every partner is used.",
    escalation_step_duplicate_id=E,
    escalation_not_upward=E,
    escalation_not_partner=E,
    escalation_lateral_target=E,
    escalation_target_unstaffed=E,
    escalation_follow_up_not_closer=W,
    escalation_follow_up_external=W,
    escalation_partner_unused=W,
)
def escalation_steps(dept: Department) -> Iterator[Issue]:
    esc = dept.escalation
    if esc is None:
        return
    escalator = _escalator(dept)
    units = dept.units_by_id
    partners = escalator.partners
    first: dict[str, int] = {}
    for i, step in enumerate(esc.steps):
        if step.id in first:
            yield Issue.said(
                "escalation-step-duplicate-id",
                _step_path(i, "id"),
                id=step.id,
                n=first[step.id] + 1,
            )
        first.setdefault(step.id, i)
        if not (escalator.is_holder(step.from_) and escalator.is_holder(step.to)):
            continue  # unknown-holder, from the references check
        if step.follow_up:
            yield from _follow_up(dept, escalator, i, step)
        elif step.kind is StepKind.LATERAL:
            yield from _lateral(dept, i, step)
        elif step.kind is StepKind.HIERARCHICAL:
            line = escalator.reporting_line(step.from_)
            if step.to not in line:
                above = (
                    both("escalation-not-upward.above", source=step.from_, line=_line(line))
                    if line
                    else both("escalation-not-upward.nobody", source=step.from_)
                )
                yield Issue.said(
                    "escalation-not-upward",
                    _step_path(i, "to"),
                    step=step.id,
                    source=step.from_,
                    target=step.to,
                    above=above,
                )
        elif step.to not in partners:
            yield Issue.said(
                "escalation-not-partner",
                _step_path(i, "to"),
                step=step.id,
                target=step.to,
                source=step.from_,
            )
        unit = units.get(step.to)
        if unit is not None and unit.headcount == 0:
            yield Issue.said(
                "escalation-target-unstaffed", _step_path(i, "to"), step=step.id, target=step.to
            )
    used = {s.to for s in esc.steps if s.kind is StepKind.FUNCTIONAL}
    for k, partner in enumerate(esc.partners):
        if partner not in used and escalator.is_holder(partner):
            yield Issue.said(
                "escalation-partner-unused", ("escalation", "partners", k), partner=partner
            )


@check(
    "escalation-triggers",
    "Tier and category triggers name values of those ticket attributes; SLA triggers need an "
    "`sla` section that sets their target.",
    escalation_trigger_value=E,
    escalation_sla_trigger=E,
)
def escalation_triggers(dept: Department) -> Iterator[Issue]:
    esc = dept.escalation
    if esc is None:
        return
    sla = dept.sla
    promised: set[str] = set()
    if sla is not None:
        promised.update(name.value for name in sla.default.targets())
        for policy in sla.policies:
            promised.update(name.value for name in policy.targets())
    attributes = dept.ticket_schema.attributes
    for i, step in enumerate(esc.steps):
        for j, trigger in enumerate(step.on):
            where = _step_path(i, "on", j)
            kind = trigger.on
            if kind in _SLA_WORDS:
                if sla is None:
                    yield Issue.said(
                        "escalation-sla-trigger",
                        (*where, "on"),
                        "escalation-sla-trigger.no-sla",
                        step=step.id,
                        event=both(f"escalation.{_SLA_WORDS[kind]}"),
                    )
                elif trigger.target is not None and trigger.target.value not in promised:
                    yield Issue.said(
                        "escalation-sla-trigger",
                        (*where, "target"),
                        "escalation-sla-trigger.target",
                        step=step.id,
                        event=both(f"escalation.{_SLA_WORDS[kind]}"),
                        target=trigger.target.value,
                        promised=", ".join(sorted(promised)) or both("word.none-yet"),
                    )
            elif kind in (TriggerKind.TIER, TriggerKind.CATEGORY):
                name = kind.value
                spec = attributes.get(name)
                if not isinstance(spec, EnumAttribute):
                    yield Issue.said(
                        "escalation-trigger-value",
                        (*where, "on"),
                        "escalation-trigger-value.no-attribute",
                        step=step.id,
                        name=name,
                    )
                    continue
                for k, value in enumerate(trigger.values):
                    if value not in spec.values:
                        hint = did_you_mean(value, spec.values) or both(
                            "hint.values-are", values=", ".join(spec.values)
                        )
                        yield Issue.said(
                            "escalation-trigger-value",
                            (*where, "values", k),
                            "escalation-trigger-value.value",
                            step=step.id,
                            name=name,
                            value=value,
                            hint=hint,
                        )
