"""The routing decision diff against routing every ticket with both versions' routers."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cskh_org.diff import routing_diff
from cskh_org.loading import validate
from cskh_org.loading.workload import load_workload
from cskh_org.model import Department, TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing.router import Router
from tests.conftest import examples
from tests.routing.strategies import Case, routings, schemas
from tests.routing.test_properties import _every_ticket

ROOT = Path(__file__).resolve().parents[2]
BASE = validate(ROOT / "examples" / "small" / "department.yaml").unwrap()


def _department(schema: TicketSchema, routing: Routing) -> Department:
    return BASE.model_copy(update={"ticket_schema": schema, "routing": routing, "sla": None})


def _decision(router: Router, ticket: dict[str, Any]) -> tuple[Any, ...]:
    d = router.route(ticket)
    return d.unit, tuple(d.skills), d.priority, d.rule


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_moves_are_exactly_the_tickets_whose_decision_changes(data: st.DataObject) -> None:
    schema = data.draw(schemas(max_attributes=3))
    old = data.draw(routings(schema, max_rules=6))
    # the new table: the old one edited (rules dropped, swapped, retargeted) or a fresh one
    new = data.draw(st.one_of(routings(schema, max_rules=6), _edited(old, schema)))
    both = Routing.model_construct(rules=(*old.rules, *new.rules), default=old.default)
    tickets = _every_ticket(Case(schema, both))
    assume(tickets is not None)
    assert tickets is not None
    result = routing_diff(_department(schema, old), _department(schema, new))
    assert result.known, result.reason
    assert result.space is not None
    before, after = Router(old, schema), Router(new, schema)
    for ticket in tickets:
        a, b = _decision(before, ticket), _decision(after, ticket)
        elements = result.space.elements(ticket)
        holding = [
            m for m in result.moves if any(result.space.contains(x, elements) for x in m.boxes)
        ]
        if a[:3] == b[:3]:
            assert not holding, (ticket, a, b)
            continue
        assert len(holding) == 1, (ticket, a, b, holding)
        move = holding[0]
        assert (move.old.unit, move.old.skills, move.old.rule) == (a[0], a[1], a[3])
        assert (move.new.unit, move.new.skills, move.new.rule) == (b[0], b[1], b[3])
        differs = {"unit": a[0] != b[0], "skills": a[1] != b[1], "priority": a[2] != b[2]}
        assert {k for k, v in differs.items() if v} <= set(move.what), (ticket, move.what)
    for move in result.moves:  # every witness really moves
        w = dict(move.witness)
        assert _decision(before, w)[:3] != _decision(after, w)[:3], move


@st.composite
def _edited(draw: st.DrawFn, old: Routing, schema: TicketSchema) -> Routing:
    rules = list(old.rules)
    if len(rules) > 0 and draw(st.booleans()):
        rules.pop(draw(st.integers(0, len(rules) - 1)))
    if len(rules) > 1 and draw(st.booleans()):
        i, j = draw(st.integers(0, len(rules) - 1)), draw(st.integers(0, len(rules) - 1))
        rules[i], rules[j] = rules[j], rules[i]
    if len(rules) > 0 and draw(st.booleans()):
        k = draw(st.integers(0, len(rules) - 1))
        to = rules[k].to.model_copy(update={"unit": draw(st.sampled_from(["u1", "u2", "u3"]))})
        rules[k] = rules[k].model_copy(update={"to": to})
    return old.model_copy(update={"rules": tuple(rules)})


def test_unchanged_routing_moves_nothing() -> None:
    result = routing_diff(BASE, BASE)
    assert result.known
    assert not result.moves


def _stream_tickets(dept: Department, workload: Any) -> list[tuple[float, dict[str, Any]]]:
    """Every ticket the workload's streams send, with its share of the week's tickets (mixed
    attributes drawn independently, the rate weighted by the profile's mean factor)."""
    from cskh_org.diff.routing import _mean_factor

    profiles = {p.id: p for p in workload.profiles}
    weights = [s.rate * _mean_factor(profiles.get(s.profile or "")) for s in workload.streams]
    whole = sum(weights)
    out = []
    for stream, weight in zip(workload.streams, weights, strict=True):
        names = list(stream.mix)
        tables = [list(stream.mix[n].items()) for n in names]
        for combo in itertools.product(*tables):
            p = (
                weight
                / whole
                * math.prod(
                    w / sum(stream.mix[n].values()) for n, (_, w) in zip(names, combo, strict=True)
                )
            )
            ticket = dict(stream.attributes)
            ticket.update({n: v for n, (v, _) in zip(names, combo, strict=True)})
            out.append((float(p), ticket))
    return out


def test_shares_are_the_workload_share_of_moving_tickets() -> None:
    folder = ROOT / "examples" / "growing"
    old = validate(folder / "department.yaml").unwrap()
    workload = load_workload(folder / "workload.yaml", old).unwrap()
    assert old.routing is not None
    rules = list(old.routing.rules)
    # complaints go to support instead; English speakers are checked before returns
    k = next(i for i, r in enumerate(rules) if r.id == "complaints")
    rules[k] = rules[k].model_copy(
        update={"to": rules[k].to.model_copy(update={"unit": "support", "priority": 0})}
    )
    e = next(i for i, r in enumerate(rules) if r.id == "english_speakers")
    rules.insert(1, rules.pop(e))
    new = old.model_copy(update={"routing": old.routing.model_copy(update={"rules": tuple(rules)})})
    result = routing_diff(old, new, workload)
    assert result.known
    assert result.weighted
    before, after = old.router(), new.router()
    expected = sum(
        p
        for p, t in _stream_tickets(old, workload)
        if _decision(before, t)[:3] != _decision(after, t)[:3]
    )
    assert expected > 0.01
    assert result.moved_share is not None
    assert math.isclose(result.moved_share, expected, rel_tol=1e-9)
    assert math.isclose(sum(m.share or 0.0 for m in result.moves), expected, rel_tol=1e-9)


def test_moves_to_and_from_the_default_sort_together() -> None:
    """Hypothesis found it: a move from the default (no rule) beside a move from a rule."""
    schema = TicketSchema.model_validate(
        {"attributes": {"b0": {"type": "boolean", "required": True}}}
    )
    old = Routing.model_validate({"rules": [], "default": {"unit": "u1"}})
    new = Routing.model_validate(
        {
            "rules": [
                {"id": "r0", "when": {"b0": True}, "to": {"unit": "u2", "skills": ["s1"]}},
            ],
            "default": {"unit": "u3"},
        }
    )
    result = routing_diff(_department(schema, old), _department(schema, new))
    assert [(m.old.rule, m.new.rule) for m in result.moves] == [(None, "r0"), (None, None)]
