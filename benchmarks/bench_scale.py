"""Benchmark of the CLI on a generated national department (run by hand; ``--quick`` in a test).

    .venv/bin/python benchmarks/bench_scale.py [--quick] [--seed 15] [--skip STEP] [--keep DIR]

Generates, from a seed and into a temporary folder (no file is committed), the national
department of issue 15: 5,000 units six levels deep, 50,000 staff lines, calendars (one with
Vietnam's public holidays), a ticket schema, 1,000 routing rules, 200 escalation steps, SLA
policies and a budget of ten lines for every unit over the twelve months, in five files joined
by ``include`` as ``examples/large`` is. Then runs each step in a fresh process, the
``cskh-org`` CLI started by a small wrapper that reads the child's ``ru_maxrss`` (as
``benchmarks/bench_limits.py`` does), and prints its wall time and peak resident memory against
its target, with the baselines measured in the same run:

* ``validate`` ≤ 0.5× ``yaml.load(text, Loader=CSafeLoader)`` on the same files (a fresh
  process reading and loading every file; the two alternated, the best of
  :data:`VALIDATE_RUNS` each); then ``validate`` split, in CPU time (:data:`_SPLIT`, the least
  of as many fresh processes): reading the files against libyaml's bare event stream, and
  everything after parsing (the issue's "What to build" aims, libyaml's speed and under 1 s:
  reported, missing them fails nothing);
* ``budget`` ≤ ``validate`` + 1 s (alternated with the two above, the best of
  :data:`VALIDATE_RUNS` each);
* ``route --ticket`` (reported; with the compiled router, when the CLI has ``compile``:
  ``compile`` then ``route --router`` from a cold process, ≤ 2× ``python -c "import
  cskh_org"``, alternated, the best of :data:`COLD_RUNS` each);
* ``render --view org`` and ``render --view routing`` to SVG (the whole CLI reported; the
  drawing alone, after loading the department in the same process, ≤ 2× ``dot -Tsvg`` on a
  generated 500-node tree, as ``dot`` is timed on its own);
* every step's peak resident memory ≤ 200 MB;
* with the generated week's workload (``workload.yaml``, 2,100 tickets an hour), ``report``,
  ``simulate`` (2 days, 2 replications) and ``staff``: reported, with no target (a failure is
  a miss).

Every step and baseline runs with bytecode, as from an installed package
(:func:`installed_bytecode`).

The document is past the default node limit (250,000, the most the 2 s / 200 MB promise of
:class:`~cskh_org.loading.source.Limits` holds for), so the CLI runs with the limit raised to
fit it, as its user would raise it (``cskh-org validate --max-nodes 4000000 …``; the library
steps pass ``Limits(max_nodes=…)``). Each figure is the best of
``--repeat`` runs; a step that runs past ``--timeout`` seconds is reported as missed. Exits 1
if any target is missed.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_loading import _CHANNELS, generate

__all__ = ["Case", "Run", "installed_bytecode", "main", "missed_targets", "run_step", "write_case"]

ROOT = Path(__file__).resolve().parent.parent
MAX_MB = 200.0
MAX_NODES = 4_000_000
"""The node limit the steps run with (``--max-nodes``, ``Limits(max_nodes=…)``): the
generated document holds about 800,000 nodes."""
COLD_RUNS = 15
"""Runs of the cold router and of its baseline, ``import cskh_org``: the best of each counts."""
VALIDATE_RUNS = 5
"""Runs of ``validate``, of its baseline, CSafeLoader, and of ``budget`` (measured against
``validate``), alternated: the best of each counts."""

_CATEGORIES = ("question", "technical", "complaint", "return", "warranty", "order")
_TIERS = ("vip", "regular", "new")
_COSTS = ("tools", "training", "loyalty", "campaigns", "warranty", "other")

_WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
try:
    proc = subprocess.run(json.loads(sys.argv[1]), capture_output=True,
                          timeout=float(sys.argv[2]), check=False)
    code, out, err = proc.returncode, proc.stdout, proc.stderr
except subprocess.TimeoutExpired as stop:
    code, out, err = None, stop.stdout or b"", stop.stderr or b""
seconds = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = used.ru_maxrss
json.dump({
    "code": code,
    "out": out.decode("utf-8", "replace")[-3000:],
    "err": err.decode("utf-8", "replace")[-3000:],
    "seconds": seconds,
    "peak_kb": peak / 1024 if sys.platform == "darwin" else peak,
    "cpu": used.ru_utime + used.ru_stime,
}, sys.stdout)
"""

_CLI = """\
import sys
from cskh_org.cli import console
sys.exit(console())
"""
"""``cskh-org ARGS``: its console entry, :func:`cskh_org.cli.console` (:func:`_cli` gives the
command ``--max-nodes``)."""

_YAML = """\
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


_LIBRARY = f"""\
import sys
import cskh_org
from cskh_org.loading import Limits
limits = Limits(max_nodes={MAX_NODES}, max_alias_nodes={MAX_NODES})
getattr(cskh_org, sys.argv[1])(sys.argv[2], limits=limits)
"""
"""``cskh_org.load`` or ``cskh_org.load_routing`` (``argv[1]``) on a file, the limits raised."""


_RENDER = f"""\
import gc, json, resource, sys, time
import cskh_org
from cskh_org.loading import Limits
from cskh_org.render import render_file
limits = Limits(max_nodes={MAX_NODES}, max_alias_nodes={MAX_NODES})
department = cskh_org.load(sys.argv[1], limits=limits)
start = time.process_time()
gc.collect()  # the load's objects, left young by its paused collector: the load's cost
debt = time.process_time() - start
def children():
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime
before, start, wall = children(), time.process_time(), time.perf_counter()
render_file(department, sys.argv[2], "svg", sys.argv[3], force=True)
own, wall = time.process_time() - start, time.perf_counter() - wall
dot = children() - before
print(json.dumps({{"own": own, "dot": dot, "wall": wall, "debt": debt}}))
"""
"""Load a department and settle the collector's debt of the load (neither timed), then draw
one view (``argv[2]``) to SVG; prints the drawing's CPU seconds, this process's (``own``) and
its ``dot`` child's, its wall time and the collection's CPU seconds (``debt``): the render
alone, as ``dot -Tsvg`` is timed alone."""

_DOT_CPU = """\
import json, resource, subprocess, sys, time
use = resource.getrusage(resource.RUSAGE_CHILDREN)
before, wall = use.ru_utime + use.ru_stime, time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
wall = time.perf_counter() - wall
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": use.ru_utime + use.ru_stime - before, "wall": wall}))
"""
"""``argv[1:]`` (``dot -Tsvg …``) run once; prints its CPU seconds (user + system) and wall."""

_SPLIT = f"""\
import json, sys, time, yaml
import cskh_org.loading.includes as includes
import cskh_org.loading.pipeline as pipeline
from cskh_org.collector import keep_loaded
from cskh_org.loading import Limits, using_limits
keep_loaded()  # as the CLI does (a library caller pays the collection of the load after it)
clock = time.process_time
start = clock()
for name in sys.argv[2:]:
    with open(name, encoding="utf-8") as f:
        for _ in yaml.parse(f.read(), Loader=yaml.CSafeLoader):
            pass
events = clock() - start
parse = [0.0]
def timed(read):
    def run(*args, **kwargs):
        start = clock()
        try:
            return read(*args, **kwargs)
        finally:
            parse[0] += clock() - start
    return run
pipeline.read_source = timed(pipeline.read_source)
includes.read_source = timed(includes.read_source)
with using_limits(Limits(max_nodes={MAX_NODES}, max_alias_nodes={MAX_NODES})):
    start = clock()
    result = pipeline.validate(sys.argv[1])
    total = clock() - start
assert result.department is not None
print(json.dumps({{"events": events, "parse": parse[0], "after": total - parse[0]}}))
"""
"""In one fresh process, CPU seconds: PyYAML's libyaml parser yielding the event stream of
the files ``argv[2:]`` with nothing done with the events (the bound of any parse that reads
libyaml's events from Python), then ``validate(argv[1])`` split into reading the files
(parsing them into the marked tree, the includes too) and everything after (merging,
building the models, every check), with the collector kept off the loaded document as the
``cskh-org`` command keeps it (:func:`cskh_org.collector.keep_loaded`; a library caller
that does not also pays, once the load is over, one collection walking everything it made:
0.13 s on the generated national department)."""

RENDER_RUNS = 5
"""Fresh processes per render figure and for its ``dot`` baseline (at least; more with
``--repeat``): the best of each counts, CPU against CPU, so that the other processes of a
shared machine weigh on neither."""


_BASELINES = (
    "yaml.load, CSafeLoader",
    'python -c "import cskh_org"',
    'python -c "import cskh_org" (cached)',
    "dot -Tsvg, 500-node tree",
    "dot -Tsvg, 500-node tree (CPU)",
)


@dataclass(frozen=True)
class Case:
    """The generated files: the department (which includes the others) and all of them."""

    department: Path
    files: tuple[Path, ...]
    ticket: str
    units: int
    workload: Path | None = None
    """A week's workload for the department (not one of ``files``: the CSafeLoader baseline
    reads the department's documents only)."""


@dataclass(frozen=True)
class Run:
    """One step in a fresh process: exit code (``None`` if timed out), wall time, peak RSS,
    its output, and its CPU time (user and system: what it spent, without the time it waited
    for a core of the shared machine)."""

    code: int | None
    seconds: float
    peak_mb: float
    out: str
    err: str
    cpu: float = 0.0


def _unit(i: int) -> str:
    return f"u{i:05d}"


def _routing(rng: random.Random, units: int, rules: int, regions: int) -> str:
    """``rules`` rules on (region, category, channel), each combination once, in a seeded
    order, each to a unit taking the rule's channel; the default is the top unit."""
    combos = [(r, c, h) for r in range(regions) for c in _CATEGORIES for h in range(5)]
    rng.shuffle(combos)
    out = ["routing:", "  rules:"]
    for n, (region, category, channel) in enumerate(combos[:rules]):
        # unit i takes channels i % 5 and (i + 2) % 5: pick one among the units with this one
        target = rng.randrange(channel, units, 5) if units > channel else 0
        out += [
            f"    - id: r{n:04d}",
            f"      when: {{region: g{region:02d}, category: {category}, "
            f"channel: {_CHANNELS[channel]}}}",
            f"      to: {_unit(target)}",
        ]
    out.append(f"  default: {_unit(0)}")
    return "\n".join(out) + "\n"


def _ticket_schema(regions: int) -> str:
    values = ", ".join(f"g{r:02d}" for r in range(regions))
    return (
        "ticket_schema:\n"
        "  attributes:\n"
        f"    channel: {{type: enum, required: true, values: [{', '.join(_CHANNELS)}]}}\n"
        f"    category: {{type: enum, values: [{', '.join(_CATEGORIES)}]}}\n"
        f"    tier: {{type: enum, values: [{', '.join(_TIERS)}]}}\n"
        f"    region: {{type: enum, values: [{values}]}}\n"
        "    order_value: {type: number, minimum: 0, integer: true, unit: VND}\n"
    )


def _escalation(rng: random.Random, units: int, children: int, steps: int) -> str:
    """``steps`` hierarchical steps, each from a unit (other than the top) to its parent."""
    out = ["escalation:", "  steps:"]
    for n, i in enumerate(sorted(rng.sample(range(1, units), min(steps, units - 1)))):
        parent = (i - 1) // children
        on = (
            "[{on: sla_breach, target: first_response}, {on: manual}]"
            if n % 3
            else "[{on: tier, values: [vip]}, {on: reopened, reopens: 2}]"
        )
        out += [
            f"    - id: e{n:04d}",
            f"      from: {_unit(i)}",
            f"      to: {_unit(parent)}",
            f"      on: {on}",
        ]
    return "\n".join(out) + "\n"


def _sla(rng: random.Random, regions: int, policies: int) -> str:
    """``policies`` policies on a tier, a category and a few regions (and the default)."""
    out = ["sla:", "  policies:"]
    for n in range(policies):
        tier = _TIERS[n % len(_TIERS)]
        category = _CATEGORIES[(n // len(_TIERS)) % len(_CATEGORIES)]
        picked = sorted(rng.sample(range(regions), min(4, regions)))
        where = ", ".join(f"g{r:02d}" for r in picked)
        out += [
            f"    - id: s{n:03d}",
            f"      when: {{tier: {tier}, category: {category}, region: {{in: [{where}]}}}}",
            f"      first_response: {15 * (1 + n % 4)}m",
            "      next_response: 2h",
            f"      resolution: {{within: {8 * (1 + n % 3)}h, calendar: office}}",
        ]
    out += [
        "  default:",
        "    first_response: 4h",
        "    resolution: {within: 24h, calendar: office}",
    ]
    return "\n".join(out) + "\n"


def _budget(rng: random.Random, units: int, per_unit: int) -> str:
    """``per_unit`` lines for every unit: monthly, yearly, some months, one-off."""
    out = ["budget:", "  fiscal_year: 2027", "  currency: VND", "  lines:"]
    for i in range(units):
        for j in range(per_unit):
            amount = rng.randrange(1, 200) * 1_000_000
            head = f"id: b{i:05d}_{j}, unit: {_unit(i)}, category: {_COSTS[(i + j) % 6]}"
            kind = (i + j) % 4
            if kind == 0:
                tail = f"amount: {amount} VND"
            elif kind == 1:
                tail = f"amount: {amount * 12} VND, per: year"
            elif kind == 2:
                tail = f"amount: {amount} VND, months: [{1 + j % 12}, {1 + (j + 5) % 12}]"
            else:
                tail = f"amount: {amount} VND, date: 2027-{1 + j % 12:02d}-15"
            out.append(f"    - {{{head}, {tail}}}")
    return "\n".join(out) + "\n"


def _department(units: int, staff_lines: int, children: int) -> str:
    """bench_loading's department, with its units on calendars, Vietnam's public holidays
    on the office calendar, and the included files."""
    text = generate(units, staff_lines, children=children)
    text = text.replace(
        "version: 1\n",
        "version: 1\ninclude: [routing.yaml, escalation.yaml, sla.yaml, budget.yaml]\n",
        1,
    )
    text = text.replace(
        "      sat: [08:00-12:00]\n",
        "      sat: [08:00-12:00]\n    public_holidays: {country: VN}\n",
        1,
    )
    # the top unit takes every channel (the routing default sends it what no rule takes)
    text = text.replace(
        "    channels: [phone, chat]\n", f"    channels: [{', '.join(_CHANNELS)}]\n", 1
    )
    return text.replace("    head: ", "    calendar: office\n    head: ")


def write_case(
    folder: Path,
    *,
    seed: int = 15,
    units: int = 5_000,
    staff_lines: int = 50_000,
    rules: int = 1_000,
    steps: int = 200,
    policies: int = 30,
    budget_lines: int = 10,
    children: int = 6,
) -> Case:
    """Write the generated department into ``folder``: with ``children`` = 6, 5,000 units
    are six levels deep."""
    rng = random.Random(seed)
    regions = max(1, min(50, -(-rules // (len(_CATEGORIES) * 5))))
    texts = {
        "department.yaml": _department(units, staff_lines, children) + _ticket_schema(regions),
        "routing.yaml": _routing(rng, units, rules, regions),
        "escalation.yaml": _escalation(rng, units, children, steps),
        "sla.yaml": _sla(rng, regions, policies),
        "budget.yaml": _budget(rng, units, budget_lines),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    ticket = json.dumps({"channel": "phone", "category": "question", "region": "g00"})
    files = tuple(folder / name for name in texts)
    workload = folder / "workload.yaml"
    workload.write_text(_workload(units, regions), "utf-8")
    return Case(folder / "department.yaml", files, ticket, units, workload)


_RATES = {"phone": 900, "email": 300, "chat": 500, "social": 200, "app": 200}
"""Tickets an hour per channel in the generated workload: 2,100 in all, about 50,000 a day."""


def _workload(units: int, regions: int) -> str:
    """A week of the department's tickets: one stream per channel, its category and region
    drawn from a mix, and a lognormal handling time for every unit."""
    lines = [
        "version: 1",
        "id: national_week",
        "department: cskh_bench",
        "start: 2027-11-01T00:00:00+07:00",
        "warmup: 1d",
        "streams:",
    ]
    categories = ", ".join(
        f"{c}: {w}" for c, w in zip(_CATEGORIES, (5, 2, 1, 1, 1, 2), strict=True)
    )
    places = ", ".join(f"g{r:02d}: 1" for r in range(regions))
    for channel in _CHANNELS:
        lines += [
            f"  - id: s_{channel}",
            f"    rate: {_RATES[channel]}",
            f"    attributes: {{channel: {channel}}}",
            "    mix:",
            f"      category: {{{categories}}}",
            f"      region: {{{places}}}",
        ]
    lines.append("service:")
    lines += [
        f"  - {{unit: u{i:05d}, time: {{kind: lognormal, mean: 8m, sd: 5m}}}}" for i in range(units)
    ]
    return "\n".join(lines) + "\n"


def run_step(argv: Sequence[str], *, cwd: Path, timeout: float = 600.0, repeat: int = 1) -> Run:
    """The best of ``repeat`` runs of ``argv`` in a fresh process (through the wrapper)."""
    best: Run | None = None
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, "-c", _WRAPPER, json.dumps(list(argv)), str(timeout)],
            capture_output=True,
            text=True,
            cwd=cwd,
            check=True,
        )
        report = json.loads(proc.stdout)
        run = Run(
            report["code"],
            report["seconds"],
            report["peak_kb"] / 1024,
            report["out"],
            report["err"],
            report["cpu"],
        )
        if best is None or (run.code is not None and run.seconds < best.seconds):
            best = run
    assert best is not None
    return best


def _cli(command: str, *args: str) -> list[str]:
    """``cskh-org COMMAND --max-nodes MAX_NODES ARGS``."""
    return [sys.executable, "-c", _CLI, command, "--max-nodes", str(MAX_NODES), *args]


def _tree_dot(nodes: int) -> str:
    """A tree of ``nodes`` boxes, five children each, as a plain DOT digraph."""
    out = ["digraph tree {", "  node [shape=box];"]
    out += [f'  n{i} [label="Unit {i}\\n{i % 9 + 1} people"];' for i in range(nodes)]
    out += [f"  n{(i - 1) // 5} -> n{i};" for i in range(1, nodes)]
    return "\n".join(out) + "\n}\n"


def _has_compile() -> bool:
    proc = subprocess.run(
        [sys.executable, "-m", "cskh_org", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return "compile" in proc.stdout.split("positional arguments")[0]


def _printed(run: Run) -> dict[str, float] | None:
    """The JSON a :data:`_RENDER` or :data:`_DOT_CPU` run printed last (``None``: none)."""
    lines = run.out.strip().splitlines()
    if run.code != 0 or not lines:
        return None
    try:
        found = json.loads(lines[-1])
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _split(step: Callable[..., Run], dept: str, files: Sequence[str], runs: int) -> None:
    """Print :data:`_SPLIT`'s figures, each the least of ``runs`` fresh processes: how the
    parse compares with libyaml's bare event stream, and what comes after it (the issue's
    "What to build" asks for libyaml's speed and under 1 s; not "Done when" targets, so they
    are reported and missing them fails nothing)."""
    found = [_printed(step((sys.executable, "-c", _SPLIT, dept, *files))) for _ in range(runs)]
    figures = [f for f in found if f is not None]
    if not figures:
        print("    split: the measuring process failed")
        return
    events = min(f["events"] for f in figures)
    parse = min(f["parse"] for f in figures)
    after = min(f["after"] for f in figures)
    print(
        f"    split, CPU, least of {len(figures)}: reading the files {parse:.2f} s = "
        f"{parse / events:.2f}× libyaml's bare event stream ({events:.2f} s; aim 1×), "
        f"everything after parsing {after:.2f} s (aim < 1 s: {'met' if after < 1 else 'not met'})"
    )


def _render_steps(
    step: Callable[..., Run],
    show: Callable[..., None],
    dept: str,
    tmp: Path,
    args: argparse.Namespace,
) -> None:
    """``render --view org`` and ``--view routing`` to SVG: the whole CLI (reported), then
    the drawing alone (:data:`_RENDER`), ≤ 2× ``dot -Tsvg`` on the 500-node tree: CPU
    seconds, ours and our ``dot`` child's against ``dot``'s, the best of
    :data:`RENDER_RUNS` fresh processes each (wall times printed beside them)."""
    runs = max(RENDER_RUNS, args.repeat)
    dot = shutil.which("dot")
    baseline: dict[str, float] | None = None
    if dot is not None:
        tree = [dot, "-Tsvg", str(tmp / "tree500.dot"), "-o", str(tmp / "tree500.svg")]
        timed = [_printed(step(sys.executable, "-c", _DOT_CPU, *tree)) for _ in range(runs)]
        if all(timed):
            baseline = {
                "cpu": min(t["cpu"] for t in timed if t),
                "wall": min(t["wall"] for t in timed if t),
            }
            show("dot -Tsvg, 500-node tree (CPU)", Run(0, baseline["cpu"], 0.0, "", ""))
            print(f"    best of {runs}; wall {baseline['wall']:.3f} s")
    else:  # no baseline: the renders' targets cannot be measured, which is a miss
        show("dot -Tsvg, 500-node tree (CPU)", Run(127, math.inf, 0.0, "", "dot not found"))
        print("    `dot` is not installed (Debian's graphviz): the render targets are missed")
    for view in ("org", "routing"):
        if f"render-{view}" in args.skip:
            continue
        out = str(tmp / f"{view}.svg")
        run = step(*_cli("render", dept, "--view", view, "-o", out, "--force"))
        show(f"render --view {view} (SVG, whole CLI)", run)
        alone = [step(sys.executable, "-c", _RENDER, dept, view, out) for _ in range(runs)]
        found = [f for f in map(_printed, alone) if f is not None]
        last = alone[-1]
        if len(found) < runs:  # a run failed: the figure is missed, its error shown
            failed = next(r for r in alone if _printed(r) is None)
            show(
                f"render {view} alone (library, CPU)",
                Run(failed.code, math.inf, failed.peak_mb, failed.out, failed.err),
            )
            continue
        best = min(found, key=lambda f: f["own"] + f["dot"])
        cpu = best["own"] + best["dot"]
        peak = max(r.peak_mb for r in alone)
        limit = None if baseline is None else 2 * baseline["cpu"]
        drawn = Run(last.code, cpu, peak, last.out, last.err)
        show(f"render {view} alone (library, CPU)", drawn, limit, "2× dot's CPU on 500 nodes")
        ratio = f"{cpu / baseline['cpu']:.2f}× dot's CPU; " if baseline else ""
        wall = min(f["wall"] for f in found)
        print(
            f"    best of {runs}: {ratio}ours {best['own']:.3f} s + its dot "
            f"{best['dot']:.3f} s; wall {wall:.3f} s"
            + (f" ({wall / baseline['wall']:.2f}× dot's)" if baseline else "")
            + f"; not counted: the load's collection {best['debt']:.2f} s"
        )


def _workload_steps(
    step: Callable[..., Run], dept: str, workload: str, tmp: Path, skip: Sequence[str]
) -> int:
    """The commands a manager runs with the week's workload, reported (the issue sets them no
    target): ``report`` (the HTML page, without simulating), ``simulate`` (2 days, 2
    replications) and ``staff``. A step that fails counts as a missed target."""
    page = tmp / "report.html"
    runs = {
        "report": ("report (HTML)", ("report", dept, "-o", str(page), "--force")),
        "simulate": (
            "simulate, 2 days × 2",
            ("simulate", dept, "--workload", workload, "--days", "2", "--replications", "2"),
        ),
        "staff": ("staff", ("staff", dept, "--workload", workload)),
    }
    failed = 0
    for key, (name, (command, *rest)) in runs.items():
        if key in skip:
            continue
        run = step(*_cli(command, *rest))
        code = "timed out" if run.code is None else f"exit {run.code}"
        extra = (
            f"; {page.stat().st_size / 1e6:.1f} MB written"
            if key == "report" and run.code == 0
            else ""
        )
        label = f"{name} (reported)"
        print(f"  {label:<34} {run.seconds:8.2f} s {run.peak_mb:7.0f} MB  {code}{extra}")
        if run.code != 0:
            failed += 1
            print(f"{name}: {code}\n{run.err[-1500:]}")
    return failed


def _routing_alone(step: Callable[..., Run], show: Callable[..., None], dept: str) -> None:
    """``cskh_org.load_routing`` against ``cskh_org.load`` (the library, no CLI), each in a
    fresh process: an app that only routes does not pay for the whole document."""
    full = step(sys.executable, "-c", _LIBRARY, "load", dept)
    alone = step(sys.executable, "-c", _LIBRARY, "load_routing", dept)
    code = "timed out" if full.code is None else f"exit {full.code}"
    print(
        f"  {'load (library; reported)':<34} {full.seconds:8.2f} s {full.peak_mb:7.0f} MB  {code}"
    )
    show("load_routing (library)", alone)
    print(f"    load_routing: {alone.seconds / full.seconds:.2f}× the time of load()")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="500 units, 5,000 staff lines")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best counts")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per step")
    steps: tuple[str, ...] = ("validate", "budget", "route", "compile", "render-org")
    steps += ("render-routing", "load-routing", "report", "simulate", "staff")
    parser.add_argument("--skip", action="append", choices=steps, default=[])
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    args = parser.parse_args(argv)
    size = (
        {"units": 500, "staff_lines": 5_000, "rules": 100, "steps": 20, "policies": 10}
        if args.quick
        else {}
    )

    tmp = tempfile.mkdtemp(prefix="bench_scale_")
    try:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        case = write_case(folder, seed=args.seed, **size)
        with installed_bytecode():
            return _measure(case, folder, Path(tmp), args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _best(runs: Sequence[Run]) -> Run:
    """A run that failed (shown, and a miss), else the fastest."""
    return min(runs, key=lambda r: (r.code == 0, r.seconds))


def missed_targets(results: Sequence[tuple[str, Run, float | None, str]]) -> int:
    """How many of ``results`` (step, run, limit in seconds or None, what the limit is) miss:
    a step that fails (a non-zero exit or a timeout) is missed whatever its time, as is one
    past its limit or :data:`MAX_MB`; a baseline that failed leaves its targets unmeasured,
    which is a miss too."""
    missed = 0
    for name, run, limit, _what in results:
        if name in _BASELINES:
            missed += run.code != 0
            continue
        failed = run.code != 0 or run.peak_mb > MAX_MB
        missed += failed or (limit is not None and run.seconds > limit)
    return missed


@contextmanager
def installed_bytecode() -> Iterator[Path]:
    """Every step and baseline run as from an installed package, with bytecode (pip compiles
    it on install; the baselines' libraries have theirs): the package is compiled first, into
    its ``__pycache__``, and ``PYTHONDONTWRITEBYTECODE`` is unset while they run. With it set
    and no bytecode, each fresh process compiled the modules it imports again, 0.25 s of a
    4.5 s ``validate``. Gives the package's folder."""
    import importlib.util

    spec = importlib.util.find_spec("cskh_org")
    assert spec is not None
    assert spec.submodule_search_locations is not None
    package = Path(next(iter(spec.submodule_search_locations)))
    saved = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(package)],
            check=True,
            capture_output=True,
        )
        yield package
    finally:
        if saved is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = saved


def _measure(case: Case, folder: Path, tmp: Path, args: argparse.Namespace) -> int:
    total = sum(p.stat().st_size for p in case.files)
    print(f"document: {case.units:,} units in {len(case.files)} files, {total / 1e6:.2f} MB")

    def step(*argv: str) -> Run:
        return run_step(argv, cwd=folder, timeout=args.timeout, repeat=args.repeat)

    results: list[tuple[str, Run, float | None, str]] = []
    """(step, run, limit in seconds or None, what the limit is)."""

    def show(name: str, run: Run, limit: float | None = None, what: str = "") -> None:
        results.append((name, run, limit, what))
        code = "timed out" if run.code is None else f"exit {run.code}"
        if name in _BASELINES:
            print(f"  {name:<34} {run.seconds:8.2f} s {run.peak_mb:7.0f} MB  {code}")
            return
        time_ok = run.code == 0 and (limit is None or run.seconds <= limit)
        met = time_ok and run.peak_mb <= MAX_MB
        target = f"≤ {limit:.2f} s ({what}) and " if limit is not None else ""
        print(
            f"  {name:<34} {run.seconds:8.2f} s {run.peak_mb:7.0f} MB  {code:<9}  "
            f"target {target}≤ {MAX_MB:g} MB: {'met' if met else 'NOT met'}"
        )

    files = [str(p) for p in case.files]
    # validate against its baseline, and budget against validate: the three alternated, the
    # best of VALIDATE_RUNS each, so that a busy moment of a shared machine does not fall on
    # one of them only
    quick = functools.partial(run_step, cwd=folder, timeout=args.timeout)
    dept = str(case.department)
    yaml_runs: list[Run] = []
    validate_runs: list[Run] = []
    budget_runs: list[Run] = []
    for _ in range(max(VALIDATE_RUNS, args.repeat)):
        yaml_runs.append(quick((sys.executable, "-c", _YAML, *files)))
        if "validate" not in args.skip:
            validate_runs.append(quick(_cli("validate", dept)))
        if "budget" not in args.skip:
            budget_runs.append(quick(_cli("budget", dept)))
    yaml_run = _best(yaml_runs)
    import_run = step(sys.executable, "-c", "import cskh_org")
    dot_file = tmp / "tree500.dot"
    dot_file.write_text(_tree_dot(500), "utf-8")
    dot = shutil.which("dot")
    dot_run = step(dot, "-Tsvg", str(dot_file), "-o", str(tmp / "tree500.svg")) if dot else None
    print("baselines (same run, fresh processes):")
    show("yaml.load, CSafeLoader", yaml_run)
    show('python -c "import cskh_org"', import_run)
    if dot_run is not None:
        show("dot -Tsvg, 500-node tree", dot_run)
    print("steps:")
    missed = 0
    validate_run = None
    if "validate" not in args.skip:
        validate_run = _best(validate_runs)
        show("validate", validate_run, 0.5 * yaml_run.seconds, "0.5× CSafeLoader")
        print(
            f"    best of {len(validate_runs)} each, alternated: "
            f"{validate_run.seconds / yaml_run.seconds:.2f}× CSafeLoader; in CPU time "
            f"{validate_run.cpu:.2f} s against {yaml_run.cpu:.2f} s = "
            f"{validate_run.cpu / yaml_run.cpu:.2f}× (reported)"
        )
        if validate_run.code != 0:  # warnings only: the generated department must be valid
            print(f"  the generated department is not valid:\n{validate_run.out[-1500:]}")
            missed += 1
        _split(quick, dept, files, max(VALIDATE_RUNS, args.repeat))
    if "budget" not in args.skip:
        limit = None if validate_run is None else validate_run.seconds + 1
        budget_run = _best(budget_runs)
        show("budget", budget_run, limit, "validate + 1 s")
        if validate_run is not None:
            print(
                f"    best of {len(budget_runs)} each, alternated: validate + "
                f"{budget_run.seconds - validate_run.seconds:.2f} s"
            )
    if "route" not in args.skip:
        show("route --ticket", step(*_cli("route", dept, "--ticket", case.ticket)))
    if "compile" not in args.skip and _has_compile():
        router = str(tmp / "router.json")
        show("compile", step(*_cli("compile", dept, "-o", router, "--force")))
        # the cold router: the plain CLI (no limits to raise: no YAML is read), with its
        # bytecode (installed_bytecode), against `import cskh_org` run the same way
        light = "import sys; from cskh_org.cli import console; sys.exit(console())"
        cold_argv = (sys.executable, "-c", light, "route", dept, "--router", router)
        # figures of some 50 ms, which one busy moment of a shared machine doubles: the best
        # of COLD_RUNS each, the two alternated so that both see the same moments
        step(*cold_argv, "--ticket", case.ticket)  # the files read once before timing
        imports, colds = [], []
        for _ in range(max(COLD_RUNS, args.repeat)):
            imports.append(quick((sys.executable, "-c", "import cskh_org")))
            colds.append(quick((*cold_argv, "--ticket", case.ticket)))
        cached_import, cold = _best(imports), _best(colds)
        show('python -c "import cskh_org" (cached)', cached_import)
        show("route --router (cold)", cold, 2 * cached_import.seconds, "2× cached import")
        print(
            f"    best of {len(colds)} each, alternated: {cold.seconds * 1000:.1f} ms against "
            f"{cached_import.seconds * 1000:.1f} ms = {cold.seconds / cached_import.seconds:.2f}×"
        )
    elif "compile" not in args.skip:
        print("  compile, route --router: not in this CLI yet (cskh-org --help)")
    if "load-routing" not in args.skip:
        _routing_alone(step, show, dept)
    _render_steps(step, show, dept, tmp, args)
    if case.workload is not None:
        missed += _workload_steps(step, dept, str(case.workload), tmp, args.skip)
    missed += missed_targets(results)
    for name, run, _limit, _what in results:
        if (run.code not in (0, 1) and run.code is not None) or "Traceback" in run.err:
            print(f"{name}: exit {run.code}\n{run.err[-1500:]}")
    print("all targets met" if not missed else f"{missed} target(s) NOT met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
