"""A simulation's results as a person reads them: the KPI tables, or one JSON document."""

from __future__ import annotations

import json

from cskh_org.simulation.results import Comparison, SimulationResult
from cskh_org.terminal import printable

__all__ = ["comparison_text", "result_json", "result_text"]


def result_json(result: SimulationResult | Comparison) -> str:
    """The results (or both runs and their differences) as JSON; a figure that is not a
    number is refused rather than written as ``NaN``."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def result_text(result: SimulationResult, *, lang: str | None = None) -> str:
    """The KPI tables, overall and by unit, channel, priority and tier, and the unit load."""
    return result.table(lang=lang)


def comparison_text(
    comparison: Comparison, *, lang: str | None = None, names: tuple[str, str]
) -> str:
    """Each KPI of the two versions and their difference with its 95 % interval."""
    return comparison.table(lang=lang, names=(printable(names[0]), printable(names[1])))
