"""Stage 5: named checks over a loaded department, each with stable codes and severities.

A check is a function ``(department) -> Iterable[Issue]`` registered with :func:`check`,
declaring every code it may report. :func:`run_checks` runs them all; ``cskh-org checks``
and ``docs/findings.md`` list them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cskh_org.findings import Issue, Severity
from cskh_org.model import Department

__all__ = [
    "REGISTRY",
    "Check",
    "CheckFunction",
    "Issue",
    "check",
    "load_builtin_checks",
    "run_checks",
]

CheckFunction = Callable[[Department], Iterable[Issue]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its name, the codes it reports with their severity, what it checks."""

    name: str
    codes: dict[str, Severity]
    summary: str
    function: CheckFunction


REGISTRY: dict[str, Check] = {}


def check(name: str, summary: str, **codes: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check. Codes are keyword arguments (``org_cycle=Severity.ERROR``), written
    with ``_`` and reported with ``-`` (``org-cycle``)."""

    def register(function: CheckFunction) -> CheckFunction:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} is registered twice")
        REGISTRY[name] = Check(
            name, {c.replace("_", "-"): s for c, s in codes.items()}, summary, function
        )
        return function

    return register


def run_checks(dept: Department) -> Iterator[tuple[Issue, Severity]]:
    """Every issue of every registered check, with the severity its code carries."""
    load_builtin_checks()
    for entry in REGISTRY.values():
        for issue in entry.function(dept):
            severity = entry.codes.get(issue.code)
            if severity is None:
                raise AssertionError(f"check {entry.name} reported undeclared {issue.code}")
            yield issue, severity


def load_builtin_checks() -> None:
    """Import the modules whose checks register themselves."""
    from cskh_org.checks import budget as _budget  # noqa: F401
    from cskh_org.checks import calendars as _calendars  # noqa: F401
    from cskh_org.checks import escalation as _escalation  # noqa: F401
    from cskh_org.checks import names as _names  # noqa: F401
    from cskh_org.checks import org as _org  # noqa: F401  (registers on import)
    from cskh_org.checks import routing as _routing  # noqa: F401
    from cskh_org.checks import sla as _sla  # noqa: F401
    from cskh_org.checks import working_time as _working_time  # noqa: F401
