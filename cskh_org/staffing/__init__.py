"""Staffing: how many agents a queue needs to meet its target.

:mod:`cskh_org.staffing.erlang` holds the exact steady-state figures of one queue (Erlang B, C
and A), computed without factorials.
"""

from __future__ import annotations

from cskh_org.staffing.erlang import Figures, Queue, erlang_b, erlang_c

__all__ = ["Figures", "Queue", "erlang_b", "erlang_c"]
