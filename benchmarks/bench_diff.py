"""Review speed: ``cskh_org.diff.review`` of two 500-unit departments (run by hand, not a test).

    .venv/bin/python benchmarks/bench_diff.py [--units 500] [--repeat 3] [--seed 15]

Generates (``benchmarks/bench_scale.write_case``, a seed, a temporary folder) a department of
``--units`` units with ten staff lines each, 100 routing rules, escalation steps, SLA
policies and a budget, and two second versions of it:

* **edited**: what a review meets — 2 % of the units moved under another parent, 5 % of the
  staff lines' headcounts changed, every tenth rule retargeted, two rules swapped;
* **regenerated**: the same sizes from another seed, so nearly everything differs (the worst
  case for the change list).

Times, best of ``--repeat``, after loading both versions (loading is timed and printed as the
same-run baseline, with the parser's own speed on the same files): :func:`review` (the change
list, the exact routing decision diff and the effect) and, as the plain baseline, both documents'
dumps flattened to ``path → value`` and compared key by key (positional: no ids, places,
moves or tickets; :mod:`difflib` on the dumps' text took 116 s on the edited pair, so it is
not the baseline). Target: the review under 1 s beyond loading.
Exits 1 if it is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scale import MAX_NODES, write_case
from cskh_org.diff import review
from cskh_org.loading import Limits, LoadResult, validate
from cskh_org.model import Department

TARGET_S = 1.0


def _best(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - t0)
    return best, out


def _edited(dept: Department, seed: int) -> Department:
    rng = random.Random(seed)
    ids = [u.id for u in dept.units]
    units = []
    for original in dept.units:
        unit = original
        if unit.parent is not None and rng.random() < 0.02:
            parent = rng.choice([i for i in ids if i != unit.id])
            unit = unit.model_copy(update={"parent": parent})
        staff = tuple(
            line.model_copy(update={"headcount": line.headcount + 1})
            if rng.random() < 0.05
            else line
            for line in unit.staff
        )
        units.append(unit.model_copy(update={"staff": staff}))
    assert dept.routing is not None
    rules = list(dept.routing.rules)
    for k in range(0, len(rules), 10):
        to = rules[k].to.model_copy(update={"unit": rng.choice(ids)})
        rules[k] = rules[k].model_copy(update={"to": to})
    rules[1], rules[5] = rules[5], rules[1]
    routing = dept.routing.model_copy(update={"rules": tuple(rules)})
    # model_copy keeps the old parents valid: a moved unit may now sit in a cycle, which the
    # change list does not mind (it compares data, not trees)
    return dept.model_copy(update={"units": tuple(units), "routing": routing})


def _flat(value: Any, path: str, out: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            _flat(item, f"{path}.{key}", out)
    elif isinstance(value, list):
        for k, item in enumerate(value):
            _flat(item, f"{path}[{k}]", out)
    else:
        out[path] = value
    return out


def _positional(a: Department, b: Department) -> int:
    """The plain algorithm: both dumps flattened to ``path → value`` and compared key by key
    (lists by position: a unit moved in its list, or a rule inserted, shifts all below)."""
    left = _flat(a.model_dump(mode="json"), "", {})
    right = _flat(b.model_dump(mode="json"), "", {})
    return sum(1 for k in left.keys() | right.keys() if left.get(k) != right.get(k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    limits = Limits(max_nodes=MAX_NODES, max_alias_nodes=MAX_NODES)
    missed = False
    with tempfile.TemporaryDirectory() as tmp:
        folders = [Path(tmp) / "a", Path(tmp) / "b"]
        for folder, seed in zip(folders, (args.seed, args.seed + 1), strict=True):
            folder.mkdir()
            write_case(folder, seed=seed, units=args.units, staff_lines=args.units * 10, rules=100)
        load_s, loaded = _best(
            args.repeat, lambda: [validate(f / "department.yaml", limits=limits) for f in folders]
        )
        a, b = loaded
        assert isinstance(a, LoadResult)
        assert isinstance(b, LoadResult)
        # the generated SLA policies overlap on purpose (errors the review reports as
        # findings); the departments are built all the same
        old, regen = a.department, b.department
        assert old is not None
        assert regen is not None
        edited = _edited(old, args.seed)
        print(
            f"{args.units} units, {sum(len(u.staff) for u in old.units):,} staff lines, "
            f"{len(old.routing.rules) if old.routing else 0} rules"
        )
        print(f"loading both versions (baseline)         {load_s:8.3f} s")
        for name, new, findings in (
            ("edited", edited, a.findings),
            ("regenerated", regen, b.findings),
        ):

            def reviewed(new: Department = new, findings: Any = findings) -> Any:
                return review(old, new, old_findings=a.findings, new_findings=findings)

            def textual(new: Department = new) -> int:
                return _positional(old, new)

            seconds, answer = _best(args.repeat, reviewed)
            text_s, lines = _best(args.repeat, textual)
            ok = seconds < TARGET_S
            missed |= not ok
            moves = len(answer.routing.moves) if answer.routing.known else "unknown"
            print(
                f"review, {name:<12} {seconds:8.3f} s  ({len(answer.changes):,} changes, "
                f"{moves} routing moves)  target < {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}"
            )
            print(f"  plain positional dump diff (baseline)  {text_s:8.3f} s  ({lines:,} paths)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
