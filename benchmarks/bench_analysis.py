"""Validating a department with a 1,000-rule table: the routing analysis at scale.

Builds the small example department with the routing benchmark's 1,000-rule table (and its
schema, 40 more units to route to), and a second one whose rules overlap a lot (wide ``in``
sets over two to four attributes, so most rules cut most others), and times validating each
(what ``cskh_org.load`` does: parse, build, every check; best of ``--repeat``). With
``--plain`` it also times, in the same run, the analysis as it was first written (kept in
``tests/routing/test_analysis_fast.py`` as the reference) on the same tables, and checks that
the fast one gives the plain one's answer wherever the plain one has one (the plain one spends
more of the work budget and gives up on hundreds of the overlapping rules): this takes minutes.
Run by hand: ``python benchmarks/bench_analysis.py [--rules N] [--plain]``; ``bench_routing.py``
calls :func:`analysis_timing` at the end of its run.
Target (issue 15): the 1,000-rule table validated in ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import copy
import functools
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.5
"""Seconds the 1,000-rule table may take to validate (issue 15)."""


def overlapping_rules(
    n: int, rng: random.Random, enums: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """``n`` wide rules: two to four attributes, each with about half its values, and an
    order-value range in 40 % of them. The enums are the routing benchmark's (``enums``:
    given by a caller that imports it as ``benchmarks.bench_routing``)."""
    if enums is None:
        from bench_routing import ENUMS  # type: ignore[import-not-found]  # run as a script

        enums = ENUMS
    rules = []
    for i in range(n):
        when: dict[str, Any] = {}
        for attr in rng.sample(sorted(enums), rng.randint(2, 4)):
            values = enums[attr]
            when[attr] = {"in": rng.sample(values, rng.randint(1, len(values) // 2 + 1))}
        if rng.random() < 0.4:
            low = rng.randrange(0, 50_000_000, 100_000)
            when["order_value"] = {
                "gte": low,
                "lt": low + rng.randrange(100_000, 20_000_000, 100_000),
            }
        rules.append({"id": f"r{i}", "when": when, "to": {"unit": f"u{i % 40}"}})
    return {"rules": rules, "default": {"unit": "support"}}


def department_text(routing: dict[str, Any]) -> str:
    """The small example department with the benchmark's schema, ``routing`` and 41 units."""
    from bench_routing import SCHEMA

    with (ROOT / "examples" / "small" / "department.yaml").open(encoding="utf-8") as f:
        document = yaml.safe_load(f)
    document = copy.deepcopy(document)
    document.pop("sla", None)
    document["ticket_schema"] = SCHEMA
    for unit in [f"u{i}" for i in range(40)] + ["support"]:
        document["units"].append(
            {
                "id": unit,
                "name": {"vi": unit},
                "parent": "cskh",
                "staff": [{"role": "care_officer", "fte": 1}],
            }
        )
    document["routing"] = routing
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def _best(repeat: int, run: Callable[[], Any]) -> tuple[float, float, Any]:
    """The best wall-clock and CPU seconds of ``repeat`` runs, and the last result."""
    best, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = run()
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return best, cpu, result


def _summary(findings: Any) -> str:
    codes = Counter(f.code for f in findings if f.code.startswith(("rule-", "routing-")))
    return ", ".join(f"{n} {code}" for code, n in sorted(codes.items()))


def analysis_timing(rules: int = 1_000, *, repeat: int = 3, plain: bool = False) -> bool:
    """Print how long validating each department takes; True when the target is met."""
    from bench_routing import SCHEMA, make_rules

    from cskh_org.loading import validate_text
    from cskh_org.model import TicketSchema
    from cskh_org.model.routing import Routing
    from cskh_org.routing.analysis import analyse_routing

    validate_text(department_text(make_rules(5, random.Random(1))))  # imports, lazy modules
    cases = {
        "benchmark table": make_rules(rules, random.Random(7)),
        "overlapping rules": overlapping_rules(rules, random.Random(7)),
    }
    met = True
    for label, routing in cases.items():
        text = department_text(routing)
        seconds, cpu, result = _best(repeat, functools.partial(validate_text, text))
        line = f"{rules:,}-rule table ({label}) validated in {seconds:.2f} s (CPU {cpu:.2f} s)"
        if label == "benchmark table":
            met = seconds <= TARGET
            line += f" (target ≤ {TARGET} s: {'met' if met else 'NOT met'}, wall clock)"
        print(f"{line}; {_summary(result.findings)}")
        if plain:
            sys.path.insert(0, str(ROOT))
            from tests.routing.test_analysis_fast import plain_analysis

            model = Routing.model_validate(routing)
            schema = TicketSchema.model_validate(SCHEMA)
            t0 = time.process_time()
            fast = analyse_routing(model, schema)
            fast_cpu = time.process_time() - t0
            t0 = time.process_time()
            reference = plain_analysis(model, schema)
            plain_cpu = time.process_time() - t0
            from cskh_org.routing.analysis import Reach

            # the plain analysis spends more of the work budget and may give up (unknown)
            # where the fast one answers: the answers it has are compared
            answered = [i for i, r in enumerate(reference.rules) if r.reach is not Reach.UNKNOWN]
            same = all(fast.rules[i] == reference.rules[i] for i in answered) and (
                not reference.fallthrough.known or fast.fallthrough == reference.fallthrough
            )
            gave_up = len(reference.rules) - len(answered)
            print(
                f"  the analysis alone, CPU: {fast_cpu:.2f} s; the plain analysis: "
                f"{plain_cpu:.1f} s ({plain_cpu / fast_cpu:,.0f}x); same answers wherever "
                f"the plain one has one: {same} (it gives up on {gave_up:,} rules, "
                f"the fast one on "
                f"{sum(r.reach is Reach.UNKNOWN for r in fast.rules):,})"
            )
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rules", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--plain", action="store_true", help="also time the plain analysis (minutes)"
    )
    args = parser.parse_args()
    analysis_timing(args.rules, repeat=args.repeat, plain=args.plain)


if __name__ == "__main__":
    main()
