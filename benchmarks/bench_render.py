"""Diagram speed: an org chart of 1,000 units, as DOT and Mermaid text and as SVG through `dot`.

Builds a department of ``--units`` units (a tree ten wide at each level, every unit staffed
and covering two functions), loads it through the normal pipeline, then times the view model
with the DOT and Mermaid writers, and the SVG layout by Graphviz's ``dot``. Run by hand:
``python benchmarks/bench_render.py [--units N]``. Target (issue 6): 1,000 units to SVG in
under 10 s. The baseline is Graphviz's ``dot -Tsvg`` alone on the same DOT text, timed in
the same run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cskh_org
from cskh_org.render import render, render_dot, render_mermaid
from tests.render.generated import department_yaml

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--units", type=int, default=1000)
    args = parser.parse_args()
    dept = cskh_org.loads(department_yaml(args.units), name="bench")

    start = time.perf_counter()
    dot_text = render_dot(dept, "org")
    dot_seconds = time.perf_counter() - start
    start = time.perf_counter()
    render_mermaid(dept, "org")
    mermaid_seconds = time.perf_counter() - start
    print(f"{args.units} units: DOT text {dot_seconds * 1000:.0f} ms ({len(dot_text):,} bytes)")
    print(f"{args.units} units: Mermaid text {mermaid_seconds * 1000:.0f} ms")
    if shutil.which("dot") is None:
        print("Graphviz `dot` is not installed: SVG not timed (apt-get install graphviz)")
        return 0
    start = time.perf_counter()
    svg = render(dept, "org", "svg")
    svg_seconds = time.perf_counter() - start
    verdict = "ok" if svg_seconds < TARGET_SECONDS else "TOO SLOW"
    print(
        f"{args.units} units: SVG {svg_seconds:.2f} s ({len(svg):,} bytes; "
        f"target < {TARGET_SECONDS:.0f} s: {verdict})"
    )
    # baseline, same run: Graphviz alone laying out the same DOT text
    start = time.perf_counter()
    subprocess.run(["dot", "-Tsvg"], input=dot_text.encode(), capture_output=True, check=True)
    layout_seconds = time.perf_counter() - start
    print(
        f"baseline: `dot -Tsvg` alone on that DOT {layout_seconds:.2f} s; our whole pipeline "
        f"is {svg_seconds / layout_seconds:.2f}x of Graphviz's own layout time"
    )
    return 0 if svg_seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
