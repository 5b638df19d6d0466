"""Properties of the router and the analysis over random schemas, rule tables and tickets."""

from __future__ import annotations

import itertools
import math
import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cskh_org.errors import TicketInvalid
from cskh_org.model import BooleanAttribute, EnumAttribute, NumberAttribute, TextAttribute
from cskh_org.model.tickets import AttributeSpec
from cskh_org.routing.analysis import Reach, analyse_routing
from cskh_org.routing.reference import PriorityScale, condition_holds, reference_route
from cskh_org.routing.router import Router
from cskh_org.routing.semantics import MISSING, is_number
from tests.conftest import examples
from tests.routing.strategies import (
    Case,
    cases,
    constants_by_attribute,
    fits,
    invalid_tickets,
    number_candidates,
    valid_tickets,
)

PROPERTY = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
ENUMERATION_LIMIT = 6000
"""Most tickets the exactness property enumerates for one table."""


@PROPERTY
@given(case=cases(), data=st.data())
def test_compiled_router_agrees_with_reference(case: Case, data: st.DataObject) -> None:
    """The compiled router, on every path (first call, memoized call, route_many, a pickled
    copy), decides exactly what the plain first-match evaluator decides; ``explain`` gives the
    same decision, and the rule it marks as fired is the first whose condition holds (none
    for the default)."""
    router = Router(case.routing, case.schema)
    clone = pickle.loads(pickle.dumps(router))
    scale = PriorityScale(case.routing, case.schema)
    tickets = data.draw(st.lists(valid_tickets(case.schema, case.routing), min_size=1, max_size=8))
    expected = [reference_route(case.routing, scale, router.check_ticket(t)) for t in tickets]
    for ticket, decision in zip(tickets, expected, strict=True):
        assert router.route_reference(ticket) == decision
        assert router.route(ticket) == decision, ticket
        assert router.route(ticket) == decision, ticket  # the memo / fast path
        explanation = router.explain(ticket)
        assert explanation.decision == decision
        fired = [i for i, trace in enumerate(explanation.traces) if trace.fired]
        checked = router.check_ticket(ticket)
        rules = case.routing.rules
        holds = [i for i, rule in enumerate(rules) if condition_holds(rule.when, checked)]
        assert [t.matched for t in explanation.traces] == [
            i in holds for i in range(len(case.routing.rules))
        ]
        assert fired == holds[:1]
        assert [case.routing.rules[i].id for i in fired] == [decision.rule] * len(fired)
        assert decision.rule is None or fired
    assert router.route_many(tickets) == expected
    assert [clone.route(t) for t in tickets] == expected
    assert clone.route_many(tickets) == expected


@PROPERTY
@given(case=cases(), data=st.data())
def test_invalid_tickets_name_the_attribute(case: Case, data: st.DataObject) -> None:
    """A ticket with one fault raises TicketInvalid naming the faulty attribute on the fast
    path (after a valid ticket with the same enum values warmed the memo) and on every
    checked path."""
    bad = data.draw(invalid_tickets(case.schema, case.routing))
    router = Router(case.routing, case.schema)
    router.route(bad.base)
    router.route(bad.base)
    calls = (
        router.route,
        router.route_reference,
        router.check_ticket,
        router.explain,
        Router(case.routing, case.schema).route,
        lambda t: router.route_many([bad.base, t]),
    )
    for call in calls:
        with pytest.raises(TicketInvalid) as info:
            call(bad.ticket)
        assert info.value.attribute == bad.attribute, (bad.fault, str(info.value))


# -- the analysis is exact on tables whose tickets can all be listed -------------------------


def _relevant_values(spec: AttributeSpec, constants: list[Any]) -> list[Any]:
    """Values of one attribute that together fall in every abstract element of its domain."""
    values: list[Any] = [] if spec.required else [MISSING]
    if isinstance(spec, EnumAttribute):
        values += spec.values
    elif isinstance(spec, BooleanAttribute):
        values += [False, True]
    elif isinstance(spec, NumberAttribute):
        numbers = [Decimal(c) for c in constants if is_number(c)]
        if spec.integer:
            values += [int(v) for v in number_candidates(spec, numbers)]
        else:
            points = sorted({*numbers, *(b for b in (spec.minimum, spec.maximum) if b is not None)})
            between = [(a + b) / 2 for a, b in itertools.pairwise(points)]
            outside = [points[0] - 1, points[-1] + 1] if points else [Decimal(0)]
            values += [v for v in sorted({*points, *between, *outside}) if fits(v, spec)]
    else:
        assert isinstance(spec, TextAttribute)
        texts = {c for c in constants if isinstance(c, str)} | {"z"}
        values += sorted(t for t in texts if len(t) <= spec.max_length)
    return values


def _every_ticket(case: Case) -> list[dict[str, Any]] | None:
    """Every valid ticket over the relevant values, or None if there are too many."""
    constants = constants_by_attribute(case.routing)
    names = list(case.schema.attributes)
    columns = [_relevant_values(case.schema.attributes[n], constants.get(n, [])) for n in names]
    if math.prod(len(c) for c in columns) > ENUMERATION_LIMIT:
        return None
    return [
        {n: v for n, v in zip(names, combo, strict=True) if v is not MISSING}
        for combo in itertools.product(*columns)
    ]


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_attributes=3, max_rules=6))
def test_analysis_is_exact_on_enumerable_tables(case: Case) -> None:
    """On a small table (its relevant values listed from the rules' constants) every verdict of
    the analysis agrees with routing every valid ticket: shadowed and unsatisfiable rules never
    fire, reachable rules fire on their witness and exactly on their regions, covering rules
    really cover, and the fall-through is exactly the tickets that reach the default."""
    tickets = _every_ticket(case)
    assume(tickets is not None)
    assert tickets is not None
    routing, schema = case.routing, case.schema
    router = Router(routing, schema)
    analysis = analyse_routing(routing, schema)
    space = analysis.space
    required = {n for n, a in schema.attributes.items() if a.required}
    decided = [router.route(t).rule for t in tickets]
    elements = [space.elements(t) for t in tickets]
    assert [v.rule for v in analysis.rules] == [r.id for r in routing.rules]
    for verdict in analysis.rules:
        rule = routing.rules[verdict.index]
        assert verdict.reach is not Reach.UNKNOWN, verdict.reason
        fires = [i for i, d in enumerate(decided) if d == rule.id]
        if verdict.reach is Reach.UNSATISFIABLE:
            assert not any(condition_holds(rule.when, t) for t in tickets), rule.id
        elif verdict.reach is Reach.SHADOWED:
            assert not fires, rule.id
            earlier = [r.id for r in routing.rules[: verdict.index]]
            assert list(verdict.covered_by) == [r for r in earlier if r in verdict.covered_by]
            covering = [r for r in routing.rules[: verdict.index] if r.id in verdict.covered_by]
            matching = [t for t in tickets if condition_holds(rule.when, t)]
            assert matching, f"{rule.id} is shadowed but matches no ticket"
            for ticket in matching:
                assert any(condition_holds(c.when, ticket) for c in covering), (rule.id, ticket)
        else:
            assert verdict.reach is Reach.REACHABLE
            assert verdict.witness is not None
            assert required <= verdict.witness.keys(), verdict.witness
            assert router.route(verdict.witness).rule == rule.id, verdict.witness
            assert fires, rule.id
            for i, els in enumerate(elements):
                inside = any(space.contains(box, els) for box in verdict.regions)
                assert inside == (decided[i] == rule.id), (rule.id, tickets[i])
    fallthrough = analysis.fallthrough
    assert fallthrough.known
    to_default = [i for i, d in enumerate(decided) if d is None]
    assert fallthrough.empty == (not to_default)
    assert len(fallthrough.descriptions) == len(fallthrough.witnesses)
    for witness in fallthrough.witnesses:
        assert required <= witness.keys(), witness
        assert router.route(witness).rule is None, witness
    for i, els in enumerate(elements):
        inside = any(space.contains(box, els) for box in fallthrough.regions)
        assert inside == (decided[i] is None), tickets[i]


@PROPERTY
@given(
    case=cases(kinds=("enum", "enum", "integer", "decimal"), max_rules=12),
    data=st.data(),
)
def test_one_number_cut_per_enum_combination_agrees_with_reference(
    case: Case, data: st.DataObject
) -> None:
    """With one number attribute the memo keeps, per enum combination, only the cuts of the
    rules that can still match it: once a ticket of a combination was routed, every integer at
    and around every constant and bound (and the number missing, or out of the bounds) routes
    exactly as the reference evaluator decides, or is refused as the checks refuse it."""
    numbers = [
        name for name, spec in case.schema.attributes.items() if isinstance(spec, NumberAttribute)
    ]
    assume(len(numbers) == 1)
    (name,) = numbers
    spec = case.schema.attributes[name]
    assert isinstance(spec, NumberAttribute)
    router = Router(case.routing, case.schema)
    scale = PriorityScale(case.routing, case.schema)
    ticket = data.draw(valid_tickets(case.schema, case.routing, complete=data.draw(st.booleans())))
    router.route(ticket)  # fills the memo for this enum combination
    found = constants_by_attribute(case.routing).get(name, [])
    constants = [Decimal(v) for v in found if is_number(v)]
    values = {int(v) for v in number_candidates(spec, constants) if v == v.to_integral_value()}
    for bound in (spec.minimum, spec.maximum):
        if bound is not None:  # just outside the bounds: refused on every path
            values.update((math.floor(bound) - 1, math.ceil(bound) + 1))
    variants: list[dict[str, Any]] = [{**ticket, name: v} for v in sorted(values)]
    variants.append({k: v for k, v in ticket.items() if k != name})
    for variant in variants:
        try:
            checked = router.check_ticket(variant)
        except TicketInvalid as exc:
            refusal = str(exc)
            with pytest.raises(TicketInvalid) as caught:
                router.route(variant)
            assert str(caught.value) == refusal
            continue
        expected = reference_route(case.routing, scale, checked)
        assert router.route(variant) == expected, variant
        assert router.route(variant) == expected, variant  # now surely on the fast path
