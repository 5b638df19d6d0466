"""Routing throughput: the compiled router against a plain first-match loop, in one run.

Builds a 1,000-rule table over a realistic schema (enum attributes and an integer order value),
picks tickets that reach the last rules or the default (the slow case for first match), and
routes them with the compiled router: *full* tickets (every attribute) and *partial* ones
(missing one to three optional attributes, as the README's example ticket does), best of
``--rounds`` rounds each, interleaved with the plain loop's rounds (every figure is timed in
every round, so a ratio compares rounds run under the same load), timed in CPU time of this
process (``time.process_time``: the machine is shared, and waiting for a core is not routing).

The baselines, in the same run: a **plain first-match loop** written here in a few lines
(``for rule in rules: if all its tests hold: return``, no validation) and the reference
evaluator (``router.route_reference``: validates the ticket and walks the condition models;
about ten times slower than the plain loop, so its ratio overstates the gain).

Run by hand: ``python benchmarks/bench_routing.py [--tickets N] [--rules N]``. Targets
(issues 3 and 15): ≥ 200× the plain loop; partial tickets within 1.5× of full ones.

``--instructions`` counts instead, under valgrind's ``callgrind``, the instructions of one
decision of each: the router on full and on partial tickets from a warm memo, and the plain
loop, each the slope between a number of passes over the same tickets and twice as many (so
building the table and the tickets is left out). Wall-clock and CPU figures of a router bound
by memory move by a third from one run to the next on a shared machine; instructions do not.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cskh_org.model import TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing import Router
from cskh_org.routing.compiled import department_router_json, router_json

ROOT = Path(__file__).resolve().parent.parent

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


def make_partial(rng: random.Random) -> dict[str, Any]:
    """A ticket missing one to three optional attributes (``channel`` is required)."""
    ticket = make_ticket(rng)
    optional = [k for k in ticket if k != "channel"]
    for name in rng.sample(optional, rng.randint(1, 3)):
        del ticket[name]
    return ticket


PlainRule = tuple[list[tuple[str, frozenset[str] | None, int, int]], str]


def plain_rules(table: dict[str, Any]) -> list[PlainRule]:
    """The benchmark's rules as (tests, unit): a set of allowed values or a ``[low, high)``."""
    rules: list[PlainRule] = []
    for rule in table["rules"]:
        tests: list[tuple[str, frozenset[str] | None, int, int]] = []
        for attr, test in rule["when"].items():
            if isinstance(test, str):
                tests.append((attr, frozenset([test]), 0, 0))
            elif "in" in test:
                tests.append((attr, frozenset(test["in"]), 0, 0))
            else:
                tests.append((attr, None, test["gte"], test["lt"]))
        rules.append((tests, rule["to"]["unit"]))
    return rules


def plain_route(rules: list[PlainRule], default: str, ticket: dict[str, Any]) -> str:
    """The plain first-match loop: the first rule whose tests all hold, else the default."""
    for tests, unit in rules:
        for attr, allowed, low, high in tests:
            value = ticket.get(attr)
            if allowed is not None:
                if value not in allowed:
                    break
            elif value is None or not low <= value < high:
                break
        else:
            return unit
    return default


def late_pool(
    make: Any, rng: random.Random, selector: Router, *, order: dict[str, int], late: int, size: int
) -> list[dict[str, Any]]:
    """Up to ``size`` distinct tickets from ``make`` that reach the rules from ``late`` on or
    the default."""
    pool: list[dict[str, Any]] = []
    seen: set[tuple[tuple[str, Any], ...]] = set()
    attempts = 0
    while len(pool) < size and attempts < 500_000:
        attempts += 1
        ticket = make(rng)
        decision = selector.route(ticket)
        if decision.rule is None or order[decision.rule] >= late:
            key = tuple(sorted(ticket.items()))
            if key not in seen:
                seen.add(key)
                pool.append(ticket)
    if not pool:
        raise SystemExit("no ticket reaches the last rules; try other --rules or --seed")
    return pool


def best_rate(route: Any, tickets: list[dict[str, Any]]) -> float:
    """Decisions per second of one timed pass (``route`` called once per ticket)."""
    t0 = time.process_time()
    for ticket in tickets:
        route(ticket)
    return len(tickets) / (time.process_time() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1_000_000, help="tickets per kind")
    parser.add_argument("--rules", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (best taken)")
    parser.add_argument("--reference-sample", type=int, default=1_000)
    parser.add_argument("--plain-sample", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-process figures")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions per decision under valgrind's callgrind instead (load-free)",
    )
    parser.add_argument("--count", choices=COUNTED, help=argparse.SUPPRESS)  # a counted child
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count:
        counted_child(args.count, args.passes, args.rules, args.seed)
        return
    if args.instructions:
        instructions(args.rules, args.seed)
        return
    rng = random.Random(args.seed)

    table = make_rules(args.rules, rng)
    t0 = time.process_time()
    routing = Routing.model_validate(table)
    schema = TicketSchema.model_validate(SCHEMA)
    router = Router(routing, schema)
    build = time.process_time() - t0
    order = {r.id: i for i, r in enumerate(routing.rules)}

    # tickets that reach the last 10 % of rules or the default
    late = int(args.rules * 0.9)
    selector = Router(routing, schema)  # picks the tickets; the timed router starts cold
    size = min(args.tickets, 20_000)
    pool = late_pool(make_ticket, rng, selector, order=order, late=late, size=size)
    partial_pool = late_pool(make_partial, rng, selector, order=order, late=late, size=size)
    # the same number of distinct tickets of each kind: the ratio then compares the lookups,
    # not working sets of different sizes (20,000 dicts do not fit the caches 9,500 fit)
    pool, partial_pool = pool[: len(partial_pool)], partial_pool[: len(pool)]
    per_round = max(args.tickets // args.rounds, 1)
    full = [pool[i % len(pool)] for i in range(per_round)]
    partial = [partial_pool[i % len(partial_pool)] for i in range(per_round)]
    default_share = sum(selector.route(t).rule is None for t in pool) / len(pool)

    route = router.route
    cold = best_rate(route, pool)  # first sight: validation and memo fill
    best_rate(route, partial_pool)
    plain = plain_rules(table)
    default_unit = table["default"]["unit"]
    plain_sample = (pool * (args.plain_sample // len(pool) + 1))[: args.plain_sample]

    def plain_loop(tickets: list[dict[str, Any]]) -> None:
        for ticket in tickets:
            plain_route(plain, default_unit, ticket)

    # every figure timed in every round, interleaved, so that the ratios compare rounds run
    # under the same load (the machine is shared); the best round of each counts
    full_rate = partial_rate = batch_rate = plain_rate = 0.0
    for _ in range(args.rounds):
        full_rate = max(full_rate, best_rate(route, full))
        partial_rate = max(partial_rate, best_rate(route, partial))
        t0 = time.process_time()
        router.route_many(full)
        batch_rate = max(batch_rate, len(full) / (time.process_time() - t0))
        t0 = time.process_time()
        plain_loop(plain_sample)
        plain_rate = max(plain_rate, len(plain_sample) / (time.process_time() - t0))

    sample = pool[: args.reference_sample]
    reference = router.route_reference
    t0 = time.process_time()
    for ticket in sample:
        reference(ticket)
    reference_rate = len(sample) / (time.process_time() - t0)

    checked = sample + partial_pool[: args.reference_sample]
    mismatches = sum(route(t) != reference(t) for t in checked)
    plain_mismatches = sum(
        route(t).unit != plain_route(plain, default_unit, t) for t in plain_sample[:2_000]
    )
    print(
        f"rules: {args.rules}, tickets routed: {per_round * args.rounds:,} full and as many "
        f"partial ({len(pool):,} and {len(partial_pool):,} distinct; {default_share:.0%} of "
        "the full ones to the default, rest to the last 10 % of rules); best of "
        f"{args.rounds} rounds, interleaved, in CPU time (time.process_time)"
    )
    print(f"compile router:              {build * 1000:8.1f} ms")
    print(f"first sight of each ticket:  {cold:12,.0f} decisions/s (validation and memo fill)")
    print(f"router.route, full tickets:  {full_rate:12,.0f} decisions/s")
    print(
        f"router.route, partial:       {partial_rate:12,.0f} decisions/s "
        f"(1 to 3 optional attributes missing; full/partial {full_rate / partial_rate:.2f}, "
        "target ≤ 1.5)"
    )
    print(f"router.route_many, full:     {batch_rate:12,.0f} decisions/s")
    print(f"plain first-match loop:      {plain_rate:12,.0f} decisions/s (no validation)")
    print(
        f"reference evaluator:         {reference_rate:12,.0f} decisions/s "
        f"(validates; sample of {len(sample):,})"
    )
    print(
        f"speed-up over the plain loop: {full_rate / plain_rate:,.0f}x full, "
        f"{partial_rate / plain_rate:,.0f}x partial (target ≥ 200x); "
        f"over the reference evaluator: {full_rate / reference_rate:,.0f}x"
    )
    print(
        f"decisions identical to the reference on {len(checked):,} tickets: "
        f"{mismatches == 0} ({mismatches} mismatches); units identical to the plain loop: "
        f"{plain_mismatches == 0}"
    )

    if not args.no_cold:
        cold_start(router, args.rounds)
    analysis_timing()


def _child(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``argv`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def cold_start(router: Router, rounds: int) -> None:
    """A cold process that loads a router file and routes one ticket, for this table and for
    ``examples/large`` (checking its documents' hash), and ``cskh-org route --router`` on
    ``examples/large``, against ``python -c "import cskh_org"`` (best of ``rounds`` each,
    interleaved; CPU time beside wall clock). The processes run with a bytecode cache (a
    temporary ``PYTHONPYCACHEPREFIX``, filled by a first untimed run), as an installed package
    has: without one, every module is compiled from source at every start."""
    import cskh_org

    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "table.json"
        table.write_text(
            router_json(router, department="bench", languages=("en",), units={}, files=[]),
            encoding="utf-8",
        )
        large = ROOT / "examples" / "large" / "department.yaml"
        result = cskh_org.validate(large)
        department = result.unwrap()
        large_file = Path(folder) / "large.json"
        large_file.write_text(
            department_router_json(department, list(result.files)), encoding="utf-8"
        )
        route = (
            "from cskh_org.routing.compiled import load_router; "
            "load_router({path!r}{docs}).router.route({{'channel': 'phone'}})"
        )
        cli = Path(sys.executable).with_name("cskh-org")
        commands = {
            "import cskh_org": [sys.executable, "-c", "import cskh_org"],
            "1,000-rule table": [sys.executable, "-c", route.format(path=str(table), docs="")],
            "examples/large": [
                sys.executable,
                "-c",
                route.format(path=str(large_file), docs=f", documents={str(large)!r}"),
            ],
            "cskh-org route --router, examples/large": [
                *([str(cli)] if cli.exists() else [sys.executable, "-m", "cskh_org"]),
                "route",
                str(large),
                "--router",
                str(large_file),
                "--ticket",
                '{"channel": "phone"}',
            ],
        }
        sizes = f"router files: {table.stat().st_size:,} and {large_file.stat().st_size:,} bytes"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        for argv in commands.values():  # fill the bytecode cache and the file cache
            _child(argv, env)
        best = {name: (float("inf"), float("inf")) for name in commands}
        for _ in range(rounds):
            for name, argv in commands.items():
                wall, cpu = _child(argv, env)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    base_wall, base_cpu = best["import cskh_org"]
    print(
        f"cold process, best of {rounds}, wall s and CPU s, with a bytecode cache ({sizes}; "
        "target ≤ 2x import):"
    )
    for name, (wall, cpu) in best.items():
        print(
            f"  {name:<40} {wall:6.3f} {cpu:6.3f}  "
            f"({wall / base_wall:4.1f}x wall, {cpu / base_cpu:4.1f}x CPU)"
        )


# -- instructions per decision (callgrind): figures the machine's load does not move ---------

COUNTED = ("full", "partial", "plain")
COUNT_POOL = 2_000
"""Distinct tickets of each kind routed by a counted child (every one seen once first)."""
PASSES = {"full": 10, "partial": 10, "plain": 1}
"""Passes over the pool at the smaller size (the larger runs twice as many): the plain loop
costs some hundred times a decision of the router."""
PLAIN_POOL = 300
"""Tickets the plain loop routes per pass (its cost per ticket is what is counted)."""


def counted_child(kind: str, passes: int, rules: int, seed: int) -> None:
    """Route ``passes`` times over the pool of ``kind`` after a warming pass (the router's
    memo filled, as in the timed run's rounds); the parent counts the difference that twice
    the passes make, which leaves out the building and the warming."""
    rng = random.Random(seed)
    table = make_rules(rules, rng)
    routing = Routing.model_validate(table)
    schema = TicketSchema.model_validate(SCHEMA)
    router = Router(routing, schema)
    order = {r.id: i for i, r in enumerate(routing.rules)}
    late = int(rules * 0.9)
    make = make_partial if kind == "partial" else make_ticket
    pool = late_pool(make, rng, router, order=order, late=late, size=COUNT_POOL)
    if kind == "plain":
        plain, unit = plain_rules(table), table["default"]["unit"]
        sample = pool[:PLAIN_POOL]
        for ticket in sample:
            plain_route(plain, unit, ticket)
        for _ in range(passes):
            for ticket in sample:
                plain_route(plain, unit, ticket)
        print(f"decisions {passes * len(sample)}")
        return
    route = router.route
    for ticket in pool:
        route(ticket)
    for _ in range(passes):
        for ticket in pool:
            route(ticket)
    print(f"decisions {passes * len(pool)}")


def _callgrind(kind: str, passes: int, rules: int, seed: int) -> tuple[int, int]:
    """Instructions and decisions of one counted child under callgrind."""
    argv = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        str(Path(__file__).resolve()),
        "--count",
        kind,
        "--passes",
        str(passes),
        "--rules",
        str(rules),
        "--seed",
        str(seed),
    ]
    # one hash seed for every counted child: with a random one, building the table costs a
    # different number of instructions in each, which the slope between two children kept
    # (6,292 and 4,128 instructions a decision in two runs of the same code)
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    collected = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    decided = re.search(r"^decisions (\d+)$", proc.stdout, re.MULTILINE)
    if proc.returncode or collected is None or decided is None:
        raise SystemExit(f"the counted {kind} run failed:\n{proc.stderr[-2000:]}")
    return int(collected.group(1)), int(decided.group(1))


def instructions(rules: int, seed: int) -> None:
    """Instructions per decision of the router (full and partial tickets, from a warm memo)
    and of the plain first-match loop: the slope between ``PASSES`` and twice as many."""
    import shutil

    if shutil.which("valgrind") is None:
        print("needs valgrind on the PATH")
        raise SystemExit(2)
    per: dict[str, float] = {}
    for kind in COUNTED:
        small, n_small = _callgrind(kind, PASSES[kind], rules, seed)
        large, n_large = _callgrind(kind, 2 * PASSES[kind], rules, seed)
        per[kind] = (large - small) / (n_large - n_small)
    print(
        f"instructions per decision (callgrind; {rules} rules, {COUNT_POOL:,} distinct tickets "
        f"of each kind, warm memo; the plain loop on {PLAIN_POOL} of the full ones):"
    )
    print(f"  router.route, full tickets:   {per['full']:>12,.0f}")
    print(
        f"  router.route, partial:        {per['partial']:>12,.0f} "
        f"(full/partial {per['partial'] / per['full']:.2f}, target ≤ 1.5)"
    )
    print(f"  plain first-match loop:       {per['plain']:>12,.0f}")
    print(
        f"  speed-up over the plain loop: {per['plain'] / per['full']:,.0f}x full, "
        f"{per['plain'] / per['partial']:,.0f}x partial (target ≥ 200x)"
    )


# -- the rule analysis (issue 15): validating a department with the 1,000-rule table ---------


def analysis_timing() -> None:
    """Print "1,000-rule table validated in X s (target ≤ 0.5 s)" (``bench_analysis.py``)."""
    from bench_analysis import analysis_timing as timing  # type: ignore[import-not-found]

    timing(1_000)


if __name__ == "__main__":
    main()
