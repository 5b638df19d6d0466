"""Staffing: how many agents a queue needs to meet its target.

:mod:`cskh_org.staffing.erlang` holds the exact steady-state figures of one queue (Erlang B, C
and A), computed without factorials; :mod:`cskh_org.staffing.targets` the targets a queue is
staffed for (service level, average speed of answer, abandonment, maximum occupancy) and the
fewest agents that meet them; :mod:`cskh_org.staffing.analytic` a department's need interval
by interval; :mod:`cskh_org.staffing.simulated` that need verified and adjusted by simulating
the department (imported on use: it runs the simulation).
"""

from __future__ import annotations

from cskh_org.staffing.erlang import Figures, Queue, erlang_b, erlang_c
from cskh_org.staffing.targets import (
    AbandonmentTarget,
    AnswerSpeedTarget,
    Requirement,
    ServiceLevelTarget,
    Target,
    fewest_agents,
)

__all__ = [
    "AbandonmentTarget",
    "AnswerSpeedTarget",
    "Figures",
    "Queue",
    "Requirement",
    "ServiceLevelTarget",
    "Target",
    "erlang_b",
    "erlang_c",
    "fewest_agents",
]
