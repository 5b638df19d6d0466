"""The routing analysis is worked out once per rule table and shared by everyone who asks."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from cskh_org.escalation import Escalator
from cskh_org.model.routing import Routing
from cskh_org.routing import analysis as analysis_module
from cskh_org.routing.analysis import analyse_routing
from tests.routing.test_analysis import SCHEMA
from tests.routing.test_analysis_fast import plain_analysis

RULES: list[dict[str, Any]] = [
    {"id": "vip", "when": {"tier": "vip"}, "to": "care"},
    {"id": "vip-mail", "when": {"tier": "vip", "channel": "email"}, "to": "mail"},
    {"id": "big", "when": {"order_value": {"gte": 1000}}, "to": "sales"},
]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Routing]:
    calls: list[Routing] = []
    real = analysis_module._analyse

    def counted(routing: Routing, *args: Any) -> analysis_module.RoutingAnalysis:
        calls.append(routing)
        return real(routing, *args)

    monkeypatch.setattr(analysis_module, "_analyse", counted)
    return calls


def test_a_second_call_on_the_same_table_does_not_recompute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same table and schema objects: one analysis, the same result object, equal to the
    plain reference analysis."""
    calls = _counting(monkeypatch)
    routing = Routing.model_validate({"rules": RULES, "default": "general"})
    first = analyse_routing(routing, SCHEMA)
    second = analyse_routing(routing, SCHEMA)
    assert second is first
    assert len(calls) == 1
    plain = plain_analysis(routing, SCHEMA)
    assert (first.rules, first.fallthrough) == (plain.rules, plain.fallthrough)


def test_another_table_schema_or_limit_is_analysed_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    """An equal table loaded again, another limit or other analysis limits: worked out again
    (the key is identity and every limit), with equal answers."""
    calls = _counting(monkeypatch)
    routing = Routing.model_validate({"rules": RULES, "default": "general"})
    again = Routing.model_validate({"rules": RULES, "default": "general"})
    first = analyse_routing(routing, SCHEMA)
    other = analyse_routing(again, SCHEMA)
    assert len(calls) == 2
    assert (other.rules, other.fallthrough) == (first.rules, first.fallthrough)
    analyse_routing(routing, SCHEMA, limit=8)
    assert len(calls) == 3
    monkeypatch.setattr(analysis_module, "PIECE_LIMIT", 1)
    analyse_routing(routing, SCHEMA, limit=8)
    assert len(calls) == 4


def test_the_entry_goes_with_the_table() -> None:
    """The cache holds no table alive."""
    routing = Routing.model_validate({"rules": RULES, "default": "general"})
    analyse_routing(routing, SCHEMA)
    key = id(routing)
    assert key in analysis_module._analysed
    del routing
    gc.collect()
    assert key not in analysis_module._analysed


def test_checks_and_escalation_share_one_analysis_per_department(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Validating the large example and asking its escalation engine for the routed holders
    analyse its rule table once (it used to be once per asker)."""
    from cskh_org import load
    from tests.conftest import EXAMPLES

    calls = _counting(monkeypatch)
    department = load(EXAMPLES / "large" / "department.yaml")
    assert department.routing is not None
    routed = [c for c in calls if c is department.routing]
    assert len(routed) == 1
    Escalator(department).routed_holders()
    Escalator(department).routed_holders()
    assert len([c for c in calls if c is department.routing]) == 1
