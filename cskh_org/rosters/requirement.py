"""The requirement a roster covers: per unit, the agents required in each interval of one
week from Monday 00:00 local time, from a staffing plan or from what ``cskh-org staff
--format json`` wrote.

The roster covers the agents to **schedule** (``scheduled``: on duty ÷ (1 − shrinkage)),
rounded up, by default; ``on_duty`` covers the agents on duty instead (shrinkage left to the
roster's slack). A requirement at another interval than the roster's is resampled: a coarser
one repeats over the finer intervals, a finer one gives each roster interval its largest
value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from cskh_org.errors import UsageError
from cskh_org.staffing.analytic import StaffingPlan
from cskh_org.working_time import WEEK_MINUTES

__all__ = ["Need", "requirement_from_json", "requirement_from_plan", "resample"]

Need = Literal["scheduled", "on_duty"]


def _up(value: float) -> int:
    return max(0, math.ceil(value - 1e-9))


def resample(values: Sequence[int], interval: int, to: int) -> tuple[int, ...]:
    """One week of ``values`` at ``interval`` minutes as one week at ``to`` minutes."""
    if len(values) * interval != WEEK_MINUTES:
        raise UsageError.of(
            "error.roster.requirement-size",
            unit="?",
            size=len(values),
            week=WEEK_MINUTES // interval,
        )
    if interval == to:
        return tuple(values)
    if interval > to:
        step = interval // to
        return tuple(v for v in values for _ in range(step))
    step = to // interval
    return tuple(max(values[k : k + step]) for k in range(0, len(values), step))


def requirement_from_plan(
    plan: StaffingPlan, interval: int, *, need: Need = "scheduled"
) -> dict[str, tuple[int, ...]]:
    """Per unit of the plan, agents required per roster interval (``scheduled`` rounded up,
    or ``on_duty``)."""
    out: dict[str, tuple[int, ...]] = {}
    for unit in plan.units:
        values = [_up(v) for v in unit.scheduled] if need == "scheduled" else list(unit.on_duty)
        out[unit.unit] = resample(values, plan.interval, interval)
    return out


def requirement_from_json(
    data: object, interval: int, *, need: Need = "scheduled"
) -> dict[str, tuple[int, ...]]:
    """The same from ``cskh-org staff --format json``'s document; a clear
    :class:`~cskh_org.errors.UsageError` when it is not one."""
    try:
        if not isinstance(data, Mapping):
            raise TypeError("not an object")
        step = data["interval_minutes"]
        if step not in (15, 30, 60):
            raise ValueError("interval_minutes")
        out: dict[str, tuple[int, ...]] = {}
        for unit in data["units"]:
            values = unit[need]
            if not isinstance(values, list) or not isinstance(unit["unit"], str):
                raise TypeError(need)
            if any(isinstance(v, bool) or not isinstance(v, int | float) for v in values):
                raise TypeError(need)
            out[unit["unit"]] = resample([_up(float(v)) for v in values], step, interval)
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError.of("error.roster.requirement", reason=str(exc)) from None
    return out
