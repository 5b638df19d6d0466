"""Route a day's tickets with the Bếp Xanh department: an integration in twenty lines.

Run from the repository root::

    python examples/integration/route_tickets.py examples/integration/tickets.jsonl

It loads the department once, routes every ticket of a JSONL file, and prints how many
tickets each queue receives and which rule sent them. mypy --strict checks this file.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import cskh_org
from cskh_org.routing import Decision, Router
from cskh_org.routing.stream import route_lines

DEPARTMENT = Path(__file__).parents[1] / "growing" / "department.yaml"


def route_file(router: Router, path: Path) -> tuple[list[Decision], list[str]]:
    """Decisions for every valid line of ``path``, and a message for each invalid line."""
    decisions: list[Decision] = []
    problems: list[str] = []
    with path.open("rb") as lines:
        for routed in route_lines(router, lines):
            if routed.decision is None:
                problems.append(f"{path.name}:{routed.line}: {routed.error}")
            else:
                decisions.append(routed.decision)
    return decisions, problems


def main(argv: list[str]) -> int:
    tickets = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("tickets.jsonl")
    router = cskh_org.load(str(DEPARTMENT)).router()
    decisions, problems = route_file(router, tickets)
    per_queue = Counter(d.unit for d in decisions)
    per_rule = Counter(d.rule or "(default)" for d in decisions)
    for unit, count in sorted(per_queue.items()):
        print(f"{unit:<12} {count:>3} tickets")
    for rule, count in per_rule.most_common():
        print(f"  {rule:<22} {count:>3}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
