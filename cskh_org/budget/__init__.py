"""The budget engine: the costed plan, roll-ups, what-ifs, and variance against actual spend.

:func:`plan` expands a department's ``budget`` section into cost **cells**: one amount per
(unit, function, category, fiscal month). Where the cells come from:

* **Staff** (category ``staff``) is derived from the units' staff lines, never typed: for each
  of the 12 months, headcount × FTE × the role's monthly cost. A staff line's monthly cost is
  **split equally across the unit's functions** (in the order the unit lists them); the minor
  units an equal split leaves over go one each to the first functions, so the shares always
  add up to the line's cost. A unit with no function books its staff under function ``none``.
* A **monthly line** costs its amount in each of its ``months`` (default all 12; a month listed
  twice counts once), under its ``function`` (default the unit's first function, else ``none``).
  With ``per: year`` its amount is the year's, spread over those months by
  :func:`cskh_org.money.allocate`: whole minor units that sum to it exactly, the leftover
  going one each to the first months.
* A **dated line** costs its whole amount in the fiscal month its ``date`` falls in (fiscal
  month 1 is the plan's ``start_month`` of ``fiscal_year``).

A plain number in the ``budget`` section is in the plan's currency (``budget.currency``, else
the department's); a role's monthly cost written without a currency is in the department's.
Costs that cannot be placed are left out of every total and listed in
:attr:`BudgetPlan.excluded`: amounts in another currency (never converted,
:meth:`BudgetPlan.currency_mismatches`), dated lines outside the fiscal year
(:meth:`BudgetPlan.dates_outside_year`), and lines or staff naming a unit or role the
department does not define.

**The rounding rule.** Each cell is rounded once, to the currency's minor unit, half up (the
half goes away from zero, as :func:`cskh_org.money.quantize` does): a staff line's cost of a
month is rounded, then split into whole minor units as above; a line's amount is rounded (a
no-op when it is written with the currency's decimals). Nothing is rounded again: every
total, roll-up row, difference and variance is an exact sum of cells, so every roll-up sums
exactly to the total at every grouping. Internally, cell amounts are integers of minor units
(dong, cents); all arithmetic before the one rounding is :class:`~decimal.Decimal` in a
private context with 60 digits, whatever the caller's decimal context is.

Roll-ups (:meth:`BudgetPlan.rollup`) group cells by ``unit``, ``function``, ``category`` and
``month``, any one or two crossed, or none (the total). The plan stores its cells as
*series* — for each (unit, function, category), its 12 monthly amounts — so a roll-up walks
the series, not every cell: 600,000 cells roll up in well under a tenth of a second
(``benchmarks/bench_budget.py``).

The engine reads no file: :func:`read_actuals` parses lines the caller gives it.
"""

from __future__ import annotations

from cskh_org.budget.actuals import (
    MAX_ACTUALS_LINE,
    MAX_ACTUALS_LINE_BYTES,
    ActualEntry,
    ActualsProblem,
    ActualsResult,
    read_actuals,
)
from cskh_org.budget.cells import (
    CATEGORIES,
    DEPARTMENT_WIDE,
    DIMENSIONS,
    MONTHS,
    NO_FUNCTION,
    Cell,
    ExcludedCost,
    ExclusionReason,
    Key,
    Keys,
    Rollup,
    row_keys,
)
from cskh_org.budget.plan import (
    BudgetPlan,
    StructureChange,
    plan,
)
from cskh_org.budget.variance import (
    Variance,
    VarianceRow,
    variance,
)

__all__ = [
    "CATEGORIES",
    "DEPARTMENT_WIDE",
    "DIMENSIONS",
    "MAX_ACTUALS_LINE",
    "MAX_ACTUALS_LINE_BYTES",
    "MONTHS",
    "NO_FUNCTION",
    "ActualEntry",
    "ActualsProblem",
    "ActualsResult",
    "BudgetPlan",
    "Cell",
    "ExcludedCost",
    "ExclusionReason",
    "Key",
    "Keys",
    "Rollup",
    "StructureChange",
    "Variance",
    "VarianceRow",
    "plan",
    "read_actuals",
    "row_keys",
    "variance",
]
