"""The large example against a copy with two agents moved, a rule reordered and an SLA
shortened: exactly those changes, and a routing diff that agrees with routing 100,000 random
tickets through both versions."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

from cskh_org.diff import ChangeKind, changes, routing_diff
from cskh_org.loading import validate
from cskh_org.model import Department, EnumAttribute, NumberAttribute
from cskh_org.model.tickets import BooleanAttribute
from cskh_org.routing.boxes import condition_atoms, condition_constants
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def versions() -> tuple[Department, Department]:
    old = validate(EXAMPLES / "large" / "department.yaml").unwrap()
    units = list(old.units)
    # two care agents move from the hotline's second line to the chat desk's first
    for ident, line, delta in (("support_hotline", 2, -2), ("support_chat", 1, +2)):
        k = next(i for i, u in enumerate(units) if u.id == ident)
        staff = list(units[k].staff)
        staff[line] = staff[line].model_copy(update={"headcount": staff[line].headcount + delta})
        units[k] = units[k].model_copy(update={"staff": tuple(staff)})
    assert old.routing is not None
    assert old.sla is not None
    rules = list(old.routing.rules)
    at = next(i for i, r in enumerate(rules) if r.id == "complaints")
    rules.insert(2, rules.pop(at))  # complaints now before repeat_contacts
    policies = list(old.sla.policies)
    p = next(i for i, q in enumerate(policies) if q.id == "khieu_nai")
    first = policies[p].first_response
    assert first is not None
    policies[p] = policies[p].model_copy(
        update={"first_response": first.model_copy(update={"within": dt.timedelta(minutes=30)})}
    )
    new = old.model_copy(
        update={
            "units": tuple(units),
            "routing": old.routing.model_copy(update={"rules": tuple(rules)}),
            "sla": old.sla.model_copy(update={"policies": tuple(policies)}),
        }
    )
    return old, new


def test_exactly_the_changes_made(versions: tuple[Department, Department]) -> None:
    found = {(c.kind, c.section, c.subject, c.field, c.old, c.new) for c in changes(*versions)}
    assert found == {
        (ChangeKind.CHANGED, "staff-line", "support_hotline/staff[2]", "headcount", "5", "3"),
        (ChangeKind.CHANGED, "staff-line", "support_chat/staff[1]", "headcount", "6", "8"),
        (ChangeKind.REORDERED, "rule", "complaints", "", "5", "3"),
        (
            ChangeKind.CHANGED,
            "sla-policy",
            "khieu_nai",
            "first_response.within",
            '"1h"',
            '"30m"',
        ),
    }


def _values(dept: Department) -> dict[str, list[Any]]:
    """Per attribute: the values a random ticket takes (every enum value, numbers at and around
    every constant the rules compare them with, booleans)."""
    assert dept.routing is not None
    constants: dict[str, set[Decimal]] = {}
    for rule in dept.routing.rules:
        for name, test in condition_atoms(rule.when):
            for c in condition_constants(test):
                if isinstance(c, int | Decimal) and not isinstance(c, bool):
                    constants.setdefault(name, set()).add(Decimal(c))
    out: dict[str, list[Any]] = {}
    for name, spec in dept.ticket_schema.attributes.items():
        if isinstance(spec, EnumAttribute):
            out[name] = list(spec.values)
        elif isinstance(spec, BooleanAttribute):
            out[name] = [True, False]
        else:
            assert isinstance(spec, NumberAttribute)
            around = {int(c) + d for c in constants.get(name, {Decimal(5)}) for d in (-1, 0, 1)}
            out[name] = sorted(v for v in around | {0, 10**9} if v >= 0)
    return out


def test_routing_diff_agrees_with_100000_random_tickets(
    versions: tuple[Department, Department],
) -> None:
    old, new = versions
    result = routing_diff(old, new)
    assert result.known
    assert result.moves, "moving complaints before repeat contacts moves some tickets"
    assert result.space is not None
    space = result.space
    values = _values(old)
    required = {n for n, s in old.ticket_schema.attributes.items() if s.required}
    rng = random.Random(20261202)
    before, after = old.router(), new.router()
    seen_moves: set[int] = set()
    differing = 0
    for _ in range(100_000):
        ticket = {
            n: rng.choice(v) for n, v in values.items() if n in required or rng.random() < 0.6
        }
        a, b = before.route(ticket), after.route(ticket)
        elements = space.elements(ticket)
        holding = [
            i
            for i, m in enumerate(result.moves)
            if any(space.contains(box, elements) for box in m.boxes)
        ]
        same = (a.unit, tuple(a.skills), a.priority) == (b.unit, tuple(b.skills), b.priority)
        if same:
            assert not holding, ticket
            continue
        differing += 1
        assert len(holding) == 1, ticket
        move = result.moves[holding[0]]
        assert (move.old.unit, move.old.rule) == (a.unit, a.rule)
        assert (move.new.unit, move.new.rule) == (b.unit, b.rule)
        seen_moves.add(holding[0])
    assert differing > 100
    for move in result.moves:  # no reported box is empty: its witness moves
        a, b = before.route(dict(move.witness)), after.route(dict(move.witness))
        assert (a.unit, tuple(a.skills), a.priority) != (b.unit, tuple(b.skills), b.priority)
