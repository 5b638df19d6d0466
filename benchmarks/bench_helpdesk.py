"""The helpdesk engines at scale: verifying a 500-trigger Zendesk set, and replaying 100,000
tickets through two 500-trigger sets.

The set is the generated one of the tests (``tests/helpdesk/synthetic.py``: seeded, with the
seeded mistakes); *after* is the same set with every tenth trigger sent to another group. The
replay is printed against a same-run baseline: the plain reference evaluator of the tests
(``tests/helpdesk/reference.py``, which re-reads every rule's JSON on every test and restarts
each cycle from the top), timed on the first ``--sample`` tickets and checked to agree with
the engine on each of them.
Run by hand: ``python benchmarks/bench_helpdesk.py [--tickets N] [--sample N] [--repeat N]``.
Target (issue 21): verifying 500 triggers in < 5 s.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

TARGET = 5.0
"""Seconds verifying 500 triggers may take (issue 21)."""


def _tickets(n: int, seed: int, topics: int) -> list[Any]:
    from cskh_org.model.history import PastTicket

    rng = random.Random(seed)
    created = dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC)
    return [
        PastTicket(
            line=i + 2,
            id=str(i),
            created=created,
            channel=rng.choice(["web", "email", "chat", "phone", "api"]),
            priority=rng.choice(["low", "normal", "high", "urgent"]),
            category=rng.choice(["question", "incident", "problem", "task"]),
            tier=f"topic_{rng.randrange(topics)}",  # the generated set's `Topic` field
        )
        for i in range(n)
    ]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from cskh_org.helpdesk import TicketMapping, read_vendor_set, replay, vendor_ticket, verify
    from tests.helpdesk import reference
    from tests.helpdesk.synthetic import TOPICS, zendesk_set

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    documents, seeded = zendesk_set(500, mistakes=True)
    vendor_set = read_vendor_set("zendesk", documents)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = verify(vendor_set)
        best = min(best, time.perf_counter() - start)
    found = {(v.vendor_path, v.finding.code) for v in result.verdicts}
    assert found == set(seeded.items()), found
    triggers = documents["triggers.json"]["triggers"]
    shown = f"best of {args.repeat}; target < {TARGET:g} s"
    print(f"verify {len(triggers)} triggers: {best:.2f} s ({shown})")
    print(f"  findings: {len(found)}, the {len(seeded)} seeded mistakes and nothing else")

    edited = copy.deepcopy(documents)
    for trigger in edited["triggers.json"]["triggers"][::10]:
        for action in trigger["actions"]:
            if action["field"] == "group_id":
                action["value"] = 1000 + (action["value"] - 1000 + 1) % 20
    after = read_vendor_set("zendesk", edited)
    tickets = _tickets(args.tickets, 21, TOPICS)
    base = TicketMapping.for_set(vendor_set)
    mapping = TicketMapping({**base.fields, "tier": "custom_fields_77"}, base.values, base.constant)
    start = time.perf_counter()
    replayed = replay(tickets, vendor_set, after, mapping)
    engine_s = time.perf_counter() - start
    print(
        f"replay {replayed.tickets:,} tickets through two sets of {len(triggers)} triggers: "
        f"{engine_s:.2f} s ({replayed.tickets / engine_s:,.0f} tickets/s); "
        f"{replayed.differ:,} decided differently"
    )

    sample = tickets[: args.sample]
    start = time.perf_counter()
    differ = []
    for past in sample:
        ticket = vendor_ticket(past, mapping)
        a, _ = reference.zendesk(triggers, ticket)
        b, _ = reference.zendesk(edited["triggers.json"]["triggers"], ticket)
        if {k: sorted(v) if isinstance(v, set) else v for k, v in a.items()} != {
            k: sorted(v) if isinstance(v, set) else v for k, v in b.items()
        }:
            differ.append(past.id)
    reference_s = time.perf_counter() - start
    agreed = [c.ticket for c in replayed.changes if int(c.ticket) < len(sample)] == differ
    assert agreed, "the engine and the reference disagree"
    rate = len(sample) / reference_s
    print(
        f"baseline, the plain reference evaluator: {len(sample):,} tickets in {reference_s:.2f} s "
        f"({rate:,.0f} tickets/s, {args.tickets / rate:,.0f} s for {args.tickets:,}); "
        f"the engine {replayed.tickets / engine_s / rate:,.1f}x as fast; both agree on every "
        "sampled ticket"
    )
    return 0 if best < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
