"""Routing throughput: the compiled router against the plain first-match evaluator.

Builds a 1,000-rule table over a realistic schema (enum attributes and an integer order value),
picks tickets that reach the last rules or the default (the slow case for first match), and
routes 1,000,000 of them with the compiled router, then a sample with the reference evaluator,
in the same run. Run by hand: ``python benchmarks/bench_routing.py [--tickets N] [--rules N]``.
Targets (issue 3): ≥ 1,000,000 decisions/s and ≥ 20× the plain evaluator.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from cskh_org.model import TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing import Router

SCHEMA: dict[str, Any] = {
    "attributes": {
        "channel": {
            "type": "enum",
            "required": True,
            "values": ["phone", "email", "chat", "social", "in_person", "self_service", "app"],
        },
        "category": {
            "type": "enum",
            "values": [
                "question",
                "technical",
                "complaint",
                "return",
                "warranty",
                "order",
                "feedback",
                "billing",
            ],
        },
        "tier": {"type": "enum", "values": ["vip", "wholesale", "regular", "new"]},
        "priority": {"type": "enum", "values": ["low", "normal", "high", "urgent"]},
        "language": {"type": "enum", "values": ["vi", "en", "zh"]},
        "stage": {"type": "enum", "values": ["before_sale", "during_sale", "after_sale"]},
        "region": {"type": "enum", "values": [f"r{i}" for i in range(10)]},
        "order_value": {"type": "number", "minimum": 0, "integer": True},
    }
}
ENUMS = {k: v["values"] for k, v in SCHEMA["attributes"].items() if v["type"] == "enum"}


def make_rules(n: int, rng: random.Random) -> dict[str, Any]:
    """``n`` rules, each testing two to four attributes; most rules are narrow."""
    rules = []
    for i in range(n):
        when: dict[str, Any] = {}
        for attr in rng.sample(sorted(ENUMS), rng.randint(3, 5)):
            values = ENUMS[attr]
            if rng.random() < 0.75:
                when[attr] = rng.choice(values)
            else:
                size = rng.randint(1, max(1, len(values) // 2))
                when[attr] = {"in": rng.sample(values, size)}
        if rng.random() < 0.4:
            low = rng.randrange(0, 50_000_000, 100_000)
            when["order_value"] = {
                "gte": low,
                "lt": low + rng.randrange(100_000, 20_000_000, 100_000),
            }
        rules.append({"id": f"r{i}", "when": when, "to": {"unit": f"u{i % 40}"}})
    return {"rules": rules, "default": {"unit": "support"}}


def make_ticket(rng: random.Random) -> dict[str, Any]:
    ticket: dict[str, Any] = {k: rng.choice(v) for k, v in ENUMS.items()}
    ticket["order_value"] = rng.randrange(0, 80_000_000, 1000)
    return ticket


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rules", type=int, default=1_000)
    parser.add_argument("--reference-sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    routing = Routing.model_validate(make_rules(args.rules, rng))
    schema = TicketSchema.model_validate(SCHEMA)
    router = Router(routing, schema)
    build = time.perf_counter() - t0
    order = {r.id: i for i, r in enumerate(routing.rules)}

    # tickets that reach the last 10 % of rules or the default
    late = int(args.rules * 0.9)
    selector = Router(routing, schema)  # picks the tickets; the timed router starts cold
    pool: list[dict[str, Any]] = []
    attempts = 0
    while len(pool) < min(args.tickets, 20_000) and attempts < 500_000:
        attempts += 1
        ticket = make_ticket(rng)
        decision = selector.route(ticket)
        if decision.rule is None or order[decision.rule] >= late:
            pool.append(ticket)
    if not pool:
        raise SystemExit("no ticket reaches the last rules; try other --rules or --seed")
    tickets = [pool[i % len(pool)] for i in range(args.tickets)]
    default_share = sum(selector.route(t).rule is None for t in pool) / len(pool)

    route = router.route
    t0 = time.perf_counter()
    for ticket in pool:
        route(ticket)
    cold = time.perf_counter() - t0

    t0 = time.perf_counter()
    for ticket in tickets:
        route(ticket)
    compiled = time.perf_counter() - t0

    t0 = time.perf_counter()
    router.route_many(tickets)
    batch = time.perf_counter() - t0

    sample = tickets[: args.reference_sample]
    reference = router.route_reference
    t0 = time.perf_counter()
    for ticket in sample:
        reference(ticket)
    plain = time.perf_counter() - t0

    mismatches = sum(route(t) != reference(t) for t in sample)
    compiled_rate = len(tickets) / compiled
    plain_rate = len(sample) / plain
    print(
        f"rules: {args.rules}, tickets routed: {len(tickets):,} "
        f"({len(pool):,} distinct, {default_share:.0%} to the default, rest to the last 10 % "
        f"of rules)"
    )
    print(f"compile router:              {build * 1000:8.1f} ms")
    print(
        f"first sight of each ticket:  {len(pool) / cold:12,.0f} decisions/s "
        "(validation and memo fill)"
    )
    print(f"compiled router.route:       {compiled_rate:12,.0f} decisions/s")
    print(f"compiled router.route_many:  {len(tickets) / batch:12,.0f} decisions/s")
    print(
        f"plain first-match evaluator: {plain_rate:12,.0f} decisions/s (sample of {len(sample):,})"
    )
    print(
        f"speed-up: {compiled_rate / plain_rate:,.0f}x (target ≥ 20x); "
        f"target ≥ 1,000,000/s: {'met' if compiled_rate >= 1_000_000 else 'NOT met'}"
    )
    print(f"decisions identical on the sample: {mismatches == 0} ({mismatches} mismatches)")
    analysis_timing()


# -- the rule analysis (issue 15): validating a department with the 1,000-rule table ---------


def analysis_timing() -> None:
    """Print "1,000-rule table validated in X s (target ≤ 0.5 s)" (``bench_analysis.py``)."""
    from bench_analysis import analysis_timing as timing

    timing(1_000)


if __name__ == "__main__":
    main()
