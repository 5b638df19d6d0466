"""Roll-up speed of the budget engine on 600,000 cost cells (run by hand, not a test).

    .venv/bin/python benchmarks/bench_budget.py [--units 5000] [--repeat 5]

Builds a department in memory (no YAML) with ``--units`` units, each covering two of the six
functions, with one staff line and eight monthly budget lines. The model has 7 cost categories
(``staff`` and six others), not 10; to get the cell count of "5,000 units × 12 months × 10
categories" each unit has **10 cost series** of 12 months: staff split across its two
functions (2), the six other categories under its first function (6), and ``tools`` and
``training`` again under its second function (2). That is 5,000 × 10 × 12 = 600,000 cells,
every one a distinct (unit, function, category, month).

It prints the time to build the plan, then for the total, each dimension and each pair of
dimensions the time of ``BudgetPlan.rollup`` (best of ``--repeat``) against a naive baseline
measured in the same run: a loop over the 600,000 cell objects adding ``Decimal`` amounts into
a dict. Both must give the same rows. Exits 1 if they disagree or a roll-up takes 1 s or more.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cskh_org.budget import DIMENSIONS, BudgetPlan, Cell, Rollup, plan
from cskh_org.model import BUILTIN_FUNCTIONS, Department, Role, StaffLine, Unit
from cskh_org.model.budget import Budget, BudgetLine, CostCategory
from cskh_org.money import Money

T = TypeVar("T")
TARGET_SECONDS = 1.0
FUNCTIONS = list(BUILTIN_FUNCTIONS)
OTHER_CATEGORIES = [c for c in CostCategory if c is not CostCategory.STAFF]


def build_department(n_units: int) -> Department:
    """A department of ``n_units`` units, each with 10 cost series (see the module doc)."""
    roles = (
        Role(id="agent", title={"en": "Agent"}, monthly_cost=Money.of("12345679", "VND")),
        Role(id="lead", title={"en": "Lead"}, monthly_cost=Money.of("21000000", "VND")),
    )
    units = []
    lines = []
    for i in range(n_units):
        uid = f"u{i:05d}"
        first, second = FUNCTIONS[i % 6], FUNCTIONS[(i + 1) % 6]
        units.append(
            Unit(
                id=uid,
                name={"en": f"Unit {i}"},
                parent=None if i == 0 else f"u{(i - 1) // 10:05d}",
                head="lead",
                functions=(first, second),
                staff=(
                    StaffLine(role="lead"),
                    StaffLine(role="agent", headcount=1 + i % 7, fte=Decimal("0.5")),
                ),
            )
        )
        for j, category in enumerate(OTHER_CATEGORIES):
            amount = Money.of(1_000_000 + 1_000 * j + i, "VND")
            lines.append(
                BudgetLine(id=f"{uid}_{category.value}", unit=uid, category=category, amount=amount)
            )
        for category in (CostCategory.TOOLS, CostCategory.TRAINING):
            lines.append(
                BudgetLine(
                    id=f"{uid}_{category.value}_2",
                    unit=uid,
                    category=category,
                    amount=Money.of(500_000 + i, "VND"),
                    function=second,
                )
            )
    return Department(
        id="bench",
        name={"en": "Benchmark"},
        currency="VND",
        timezone="Asia/Ho_Chi_Minh",
        roles=roles,
        units=tuple(units),
        budget=Budget(fiscal_year=2026, start_month=4, lines=tuple(lines)),
    )


def best(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """Best wall time of ``repeat`` runs (garbage collection off while timing) and a result."""
    times = []
    result: T | None = None
    for _ in range(repeat):
        gc.disable()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        gc.enable()
    assert result is not None
    return min(times), result


def naive(cells: Sequence[Cell], by: tuple[str, ...]) -> dict[tuple[object, ...], Decimal]:
    """The baseline: a plain loop over cell objects, summing Decimals into a dict."""
    out: dict[tuple[object, ...], Decimal] = {}
    for cell in cells:
        key = tuple(getattr(cell, d) for d in by)
        out[key] = out.get(key, Decimal(0)) + cell.amount
    return out


def same(rollup: Rollup, baseline: dict[tuple[object, ...], Decimal]) -> bool:
    return dict(rollup.rows) == {
        tuple(k.value if isinstance(k, CostCategory) else k for k in key): amount
        for key, amount in baseline.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    department = build_department(args.units)
    model_s = time.perf_counter() - start
    plan_s, budget_plan = best(1, lambda: plan(department))
    assert isinstance(budget_plan, BudgetPlan)
    cells = list(budget_plan.cells())
    gc.collect()
    gc.freeze()  # the 600,000 cells are long-lived: keep the collector from re-walking them
    print(
        f"units: {args.units:,}   budget lines: {len(department.budget.lines):,}"  # type: ignore[union-attr]
        f"   cells: {budget_plan.cell_count:,}   total: {budget_plan.total:,} VND"
    )
    print(f"model built in memory: {model_s:.2f} s   plan(): {plan_s:.3f} s")
    print()
    groupings: list[tuple[str, ...]] = [()]
    groupings += [(d,) for d in DIMENSIONS]
    groupings += list(itertools.combinations(DIMENSIONS, 2))
    print(f"{'grouping':<20} {'rows':>7} {'rollup':>10} {'naive':>10} {'speed-up':>9}")
    failed = False
    for by in groupings:
        seconds, rollup = best(args.repeat, lambda by=by: budget_plan.rollup(by))  # type: ignore[misc]
        naive_s, baseline = best(1, lambda by=by: naive(cells, by))  # type: ignore[misc]
        ok = same(rollup, baseline) and sum(rollup.rows.values()) == budget_plan.total
        failed |= not ok or seconds >= TARGET_SECONDS
        label = " × ".join(by) or "(total)"
        rows = len(rollup.rows)
        print(
            f"{label:<20} {rows:>7,} {seconds * 1000:>8.1f} ms {naive_s * 1000:>7.0f} ms"
            f" {naive_s / seconds:>8.0f}×{'' if ok else '  MISMATCH'}"
        )
    print()
    print(f"target: every roll-up under {TARGET_SECONDS:.0f} s: {'missed' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
