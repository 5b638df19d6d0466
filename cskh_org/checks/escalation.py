"""Checks of the escalation paths: the graph (cycles, dead ends, worst-case handoffs), each
step (up the reporting line or to a declared partner, to a staffed unit) and the triggers.

They rest on :class:`cskh_org.escalation.Escalator`, the engine that makes the decisions, so
what is verified is what runs. Steps naming an unknown holder are skipped (the references
check reports them), and nothing is checked without an ``escalation`` section.
"""

from __future__ import annotations

from collections.abc import Iterator

from cskh_org.checks import Issue, check
from cskh_org.escalation import ROUTING_HANDOFFS, EscalationPath, Escalator
from cskh_org.findings import Severity
from cskh_org.hints import did_you_mean
from cskh_org.model import Department, EnumAttribute, StepKind, TriggerKind

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

Path = tuple[str | int, ...]

_STEPS: Path = ("escalation", "steps")
_SLA_WORDS = {TriggerKind.SLA_WARNING: "an SLA warning", TriggerKind.SLA_BREACH: "an SLA breach"}

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
    "Hierarchical escalation steps form no cycle; every path ends at a holder with authority "
    "to close the ticket; the worst-case handoffs per ticket (routing plus escalation, a "
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
        if step.kind is StepKind.HIERARCHICAL:
            first_step.setdefault((step.from_, step.to), i)
    cycles = escalator.cycles()
    for cycle in cycles:
        pairs = list(zip(cycle, (*cycle[1:], cycle[0]), strict=True))
        indexes = [first_step[pair] for pair in pairs]
        names = ", ".join(f"`{esc.steps[i].id}`" for i in indexes)
        yield Issue(
            "escalation-cycle",
            _step_path(min(indexes), "to"),
            f"hierarchical steps escalate in a cycle ({_line((*cycle, cycle[0]))}, by steps "
            f"{names}): a ticket could climb forever and nobody owns it; remove one of the "
            "steps or point it up the reporting line",
        )
    yield from _dead_ends(dept, escalator)
    if cycles:
        return  # the worst case is not a path then; the cycle is the problem to fix
    worst = escalator.worst_case_handoffs()
    if worst > esc.max_handoffs:
        path = escalator.worst_case_path()
        assert path is not None
        yield Issue(
            "escalation-handoffs",
            ("escalation", "max_handoffs"),
            f"a ticket can be handed off {worst} times, more than `max_handoffs` "
            f"({esc.max_handoffs}): routed to `{path.start}` ({ROUTING_HANDOFFS}), then "
            f"{_describe(path)}; passing customers between many people is the failure the "
            "care process names: let the first team resolve more (fewer functional steps), "
            "escalate straight to a higher holder, or raise `escalation.max_handoffs`",
        )


def _describe(path: EscalationPath) -> str:
    if not path.hops:
        return f"`{path.start}` keeps it"
    return f"{path} ({path.handoffs}: → counts 1, ⇄ counts 2)"


def _dead_ends(dept: Department, escalator: Escalator) -> Iterator[Issue]:
    esc = dept.escalation
    assert esc is not None
    closers = escalator.closers
    # holders with a hierarchical step to an unknown holder: the references check reports it
    dangling = {
        s.from_
        for s in esc.steps
        if s.kind is StepKind.HIERARCHICAL and not escalator.is_holder(s.to)
    }
    who = (
        "it is not listed under `escalation.closers`"
        if esc.closers is not None
        else "only units may close tickets unless `escalation.closers` says otherwise"
    )
    reported: set[str] = set()
    for i, step in enumerate(esc.steps):
        end = step.to
        if (
            step.kind is not StepKind.HIERARCHICAL
            or end in reported
            or not escalator.is_holder(step.from_)
            or not escalator.is_holder(end)
            or end in closers
            or end in dangling
            or any(s.kind is StepKind.HIERARCHICAL for s in escalator.steps_from(end))
        ):
            continue
        reported.add(end)
        line = escalator.path_to(end)
        shown = f" (e.g. {_line(line)})" if line and len(line) > 1 else ""
        yield Issue(
            "escalation-dead-end",
            _step_path(i, "to"),
            f"step `{step.id}` escalates to `{end}`, where the path ends{shown}, but `{end}` "
            f"may not close tickets ({who}); add a step from `{end}` up its reporting line, "
            f"or list `{end}` under `escalation.closers`",
        )
    for start in escalator.routed_holders():
        if start in closers or start in reported or start in dangling:
            continue
        if any(s.kind is StepKind.HIERARCHICAL for s in escalator.steps_from(start)):
            continue
        reported.add(start)
        yield Issue(
            "escalation-dead-end",
            ("escalation", "closers"),
            f"tickets routed to `{start}` stay there, but `{start}` may not close them ({who}); "
            f"list `{start}` under `escalation.closers`, or add a step from `{start}` to a "
            "holder that may",
        )


@check(
    "escalation-steps",
    "Each escalation step has a unique id, goes up the reporting line (hierarchical) or to a "
    "declared partner (functional), and reaches a staffed unit; every partner is used.",
    escalation_step_duplicate_id=E,
    escalation_not_upward=E,
    escalation_not_partner=E,
    escalation_target_unstaffed=E,
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
            yield Issue(
                "escalation-step-duplicate-id",
                _step_path(i, "id"),
                f"`{step.id}` is already the id of escalation step {first[step.id] + 1}; each "
                "decision names the step that fired, so step ids must be unique: rename one",
            )
        first.setdefault(step.id, i)
        if not (escalator.is_holder(step.from_) and escalator.is_holder(step.to)):
            continue  # unknown-holder, from the references check
        if step.kind is StepKind.HIERARCHICAL:
            line = escalator.reporting_line(step.from_)
            if step.to not in line:
                above = (
                    f"above `{step.from_}` are {_line(line)}"
                    if line
                    else f"nobody is above `{step.from_}` in the reporting line"
                )
                yield Issue(
                    "escalation-not-upward",
                    _step_path(i, "to"),
                    f"hierarchical step `{step.id}` goes from `{step.from_}` to `{step.to}`, "
                    f"which is not above it in the reporting line ({above}); escalate to one "
                    f"of those, or make the step `kind: functional` and list `{step.to}` under "
                    "`escalation.partners` if it works on the ticket and hands it back",
                )
        elif step.to not in partners:
            yield Issue(
                "escalation-not-partner",
                _step_path(i, "to"),
                f"functional step `{step.id}` sends tickets to `{step.to}`, which is not a "
                "declared partner; add it to `escalation.partners` (the departments and "
                "specialist teams care works with), or make the step hierarchical if "
                f"`{step.to}` is above `{step.from_}`",
            )
        unit = units.get(step.to)
        if unit is not None and unit.headcount == 0:
            yield Issue(
                "escalation-target-unstaffed",
                _step_path(i, "to"),
                f"step `{step.id}` sends tickets to `{step.to}`, which has no staff, so "
                "nobody would take them; add a staff line to the unit or escalate elsewhere",
            )
    used = {s.to for s in esc.steps if s.kind is StepKind.FUNCTIONAL}
    for k, partner in enumerate(esc.partners):
        if partner not in used and escalator.is_holder(partner):
            yield Issue(
                "escalation-partner-unused",
                ("escalation", "partners", k),
                f"`{partner}` is a declared partner but no functional step sends tickets to "
                f"it; add a `kind: functional` step to `{partner}`, or remove it from "
                "`escalation.partners`",
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
                    yield Issue(
                        "escalation-sla-trigger",
                        (*where, "on"),
                        f"step `{step.id}` fires on {_SLA_WORDS[kind]}, but the document has "
                        "no `sla` section, so no target is ever warned about or breached; add "
                        "an `sla` section with the targets, or trigger the step otherwise "
                        "(e.g. `manual`)",
                    )
                elif trigger.target is not None and trigger.target.value not in promised:
                    yield Issue(
                        "escalation-sla-trigger",
                        (*where, "target"),
                        f"step `{step.id}` fires on {_SLA_WORDS[kind]} of "
                        f"`{trigger.target.value}`, a target no SLA policy sets (nor the "
                        f"default), so it never fires; set `{trigger.target.value}` in the "
                        "`sla` section, or trigger on a target it sets "
                        f"({', '.join(sorted(promised)) or 'none yet'})",
                    )
            elif kind in (TriggerKind.TIER, TriggerKind.CATEGORY):
                name = kind.value
                spec = attributes.get(name)
                if not isinstance(spec, EnumAttribute):
                    yield Issue(
                        "escalation-trigger-value",
                        (*where, "on"),
                        f"step `{step.id}` fires on the ticket's `{name}`, but the ticket "
                        f"schema has no `{name}` enum attribute; declare it under "
                        "`ticket_schema.attributes` or trigger the step otherwise",
                    )
                    continue
                for k, value in enumerate(trigger.values):
                    if value not in spec.values:
                        hint = did_you_mean(value, spec.values) or (
                            f"; the values are {', '.join(spec.values)}"
                        )
                        yield Issue(
                            "escalation-trigger-value",
                            (*where, "values", k),
                            f"step `{step.id}` fires on {name} `{value}`, which is not a value "
                            f"of `{name}`, so no ticket has it{hint}",
                        )
