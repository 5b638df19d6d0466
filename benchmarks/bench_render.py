"""Diagram speed at scale: the org overview of a 5,000-unit department and the routing view of
a 1,000-rule table, to SVG, against Graphviz's ``dot -Tsvg`` on a 500-node tree.

Generates (no file committed) a department of ``--units`` units six levels deep (fan-out 6,
every unit staffed and covering two functions) with ``--rules`` routing rules
(``tests/render/generated.py``), loads it through the normal pipeline, then times, best of
``--repeat``:

- the org chart's default render (the overview: the levels that fit in ``ORG_PAGE_BOXES``
  boxes, every subtree below collapsed into one box with its totals) to SVG;
- the routing view to SVG, split into building the view (which runs the rule analysis, unless
  the analysis is memoised: then the load's is reused) and drawing it (a table past
  ``ROUTING_ARROWS`` rules: written directly, no Graphviz layout), beside the same with the
  analysis left out and, for comparison, its DOT laid out by ``dot -Tsvg``;
- the baseline, in the same run: ``dot -Tsvg`` on the 500-node tree of
  ``benchmarks/bench_scale.py`` (labelled boxes, fan-out 5).

Every figure is CPU seconds, this process's and its ``dot`` children's (the other processes of
a shared machine slow neither side), the best of ``--repeat``; wall seconds beside them. The
drawings run in this process, one after the other, so the best is a warm one (modules
imported, caches filled): ``benchmarks/bench_scale.py`` times the first drawing of a fresh
process.

Run by hand: ``python benchmarks/bench_render.py [--units N] [--rules N] [--repeat N]``.
Target (issue 15): each view ≤ 2× the baseline.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cskh_org
from benchmarks.bench_scale import _tree_dot
from cskh_org.render import build_view, render, render_view
from tests.render.generated import department_yaml, routing_yaml

TARGET = 2.0


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (``dot``)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


WALL: dict[int, float] = {}
"""The best wall time of each :func:`best` call, by call (printed beside its CPU)."""


def best(repeat: int, work: Callable[[], object]) -> float:
    """The least CPU seconds (this process's and its children's) of ``repeat`` runs."""
    times, walls = [], []
    for _ in range(repeat):
        start, wall = _cpu(), time.perf_counter()
        work()
        walls.append(time.perf_counter() - wall)
        times.append(_cpu() - start)
    WALL[len(WALL)] = min(walls)
    return min(times)


def _wall() -> str:
    return f"(wall {WALL[len(WALL) - 1]:.3f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("dot") is None:
        print("Graphviz `dot` is not installed: nothing to time (apt-get install graphviz)")
        return 0
    start = time.perf_counter()
    text = department_yaml(args.units, fanout=6) + routing_yaml(args.rules, min(args.units, 40))
    dept = cskh_org.loads(text, name="bench")
    print(f"generated and loaded {args.units:,} units, {args.rules:,} rules in "
          f"{time.perf_counter() - start:.1f} s (not timed below)")  # fmt: skip

    tree = _tree_dot(500).encode()
    baseline = best(
        args.repeat,
        lambda: subprocess.run(["dot", "-Tsvg"], input=tree, capture_output=True, check=True),
    )
    print(f"baseline: `dot -Tsvg` on a 500-node tree          {baseline:6.3f} s CPU {_wall()}")

    overview = build_view(dept, "org")
    org = best(args.repeat, lambda: render(dept, "org", "svg"))
    org_wall = _wall()
    units = sum(1 for n in overview.nodes if n.id.startswith("u_"))
    print(
        f"org overview to SVG ({units} of {args.units:,} units drawn, "
        f"{len(overview.collapsed)} collapsed)  {org:6.3f} s  {org / baseline:5.2f}x {org_wall}"
    )

    from cskh_org.render.dot import write_dot
    from cskh_org.render.output import pipe
    from cskh_org.routing.analysis import analyse_routing

    rules, schema = dept.routing, dept.ticket_schema
    assert rules is not None
    start = time.perf_counter()
    analyse_routing(rules, schema)  # as loading's checks run it
    analysis = time.perf_counter() - start
    again = best(args.repeat, lambda: analyse_routing(rules, schema))
    memoised = again < 0.1 * analysis
    built = best(args.repeat, lambda: build_view(dept, "routing"))
    routing_view = build_view(dept, "routing")
    drawn = best(args.repeat, lambda: render_view(routing_view, "svg"))
    total = built + drawn
    print(f"routing view to SVG ({args.rules:,} rules)             {total:6.3f} s  "
          f"{total / baseline:5.2f}x  (view {built:.3f} s, of which the rule analysis "
          f"{again:.2f} s: {'memoised' if memoised else 'run again, not memoised'}; "
          f"SVG {drawn:.3f} s)")  # fmt: skip
    if memoised:
        bare = total
    else:  # as a memo would: the load's analysis returned, not run again
        from unittest import mock

        result = analyse_routing(rules, schema)
        with mock.patch("cskh_org.routing.analysis.analyse_routing", return_value=result):
            bare = best(args.repeat, lambda: build_view(dept, "routing")) + drawn
    print(f"  the same with the analysis reused from the load     {bare:6.2f} s  "
          f"{bare / baseline:5.2f}x  (the analysis, first run: {analysis:.2f} s)")  # fmt: skip
    graphviz = best(args.repeat, lambda: pipe(write_dot(routing_view), "svg"))
    print(f"  for comparison, its DOT laid out by `dot -Tsvg`     {graphviz:6.2f} s  "
          f"{graphviz / baseline:5.2f}x  (PNG and PDF are drawn so)")  # fmt: skip
    verdict = "ok" if max(org, total) <= TARGET * baseline else "over"
    print(f"target: each ≤ {TARGET:.0f}x the baseline: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
