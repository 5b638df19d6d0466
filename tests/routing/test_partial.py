"""Tickets missing optional attributes take the router's fast path and decide as the reference.

The memo key of a ticket missing enum attributes reads them as ``None`` (written out for up to
eight attributes, ``map`` beyond): these properties cover every arity, with and without a
number attribute, on the first call and the memoized ones.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.routing.reference import PriorityScale, reference_route
from cskh_org.routing.router import Router, _absent_as_none
from tests.conftest import examples
from tests.routing.strategies import Case, cases, valid_tickets

PROPERTY = settings(
    max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_absent_reads_as_none_for_every_arity() -> None:
    for n in range(12):
        names = tuple(f"a{i}" for i in range(n))
        key = _absent_as_none(names)
        ticket: dict[str, Any] = {f"a{i}": i for i in range(0, n, 2)}
        ticket["other"] = "x"
        assert key(ticket) == tuple(ticket.get(name) for name in names)


@PROPERTY
@given(
    case=cases(kinds=("enum",), max_attributes=11, max_rules=10)
    | cases(kinds=("enum", "enum", "enum", "integer"), max_attributes=10, max_rules=10),
    data=st.data(),
)
def test_partial_tickets_agree_with_reference(case: Case, data: st.DataObject) -> None:
    """A ticket lacking optional attributes (or giving ``None`` for them), routed twice (the
    checked path, then the memo), and the same ticket completed, decide as the reference."""
    router = Router(case.routing, case.schema)
    scale = PriorityScale(case.routing, case.schema)
    tickets = data.draw(
        st.lists(valid_tickets(case.schema, case.routing, complete=False), min_size=1, max_size=6)
    )
    tickets += data.draw(
        st.lists(valid_tickets(case.schema, case.routing, complete=True), max_size=3)
    )
    for _ in range(2):
        for ticket in tickets:
            expected = reference_route(case.routing, scale, router.check_ticket(ticket))
            assert router.route(ticket) == expected, ticket
    assert router.route_many(tickets) == [router.route_reference(t) for t in tickets]
