"""Rosters: who works which shift on which day, so that each interval's staffing requirement
is covered (:mod:`cskh_org.rosters.result` holds the shape every output reads)."""

from __future__ import annotations

from cskh_org.rosters.result import Agent, Assignment, Conflict, Cover, Roster, Status

__all__ = ["Agent", "Assignment", "Conflict", "Cover", "Roster", "Status"]
