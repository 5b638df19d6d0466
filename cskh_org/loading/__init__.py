"""Loading a document: YAML with source marks → includes → models → references → checks.

:func:`validate_routing` loads the routing section alone (and what checking it needs), for
an app that only routes tickets (:mod:`cskh_org.loading.routing_only`).

The workload loader (and its models) is imported when first used: loading a department,
e.g. to route tickets, does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskh_org.loading.documents import (
    DEPARTMENT_FILE,
    Checked,
    is_workload,
    validate_document,
    validate_documents,
    validate_workload,
)
from cskh_org.loading.pipeline import LoadResult, validate, validate_text
from cskh_org.loading.routing_only import (
    RoutingDocument,
    RoutingResult,
    validate_routing,
    validate_routing_text,
)
from cskh_org.loading.sections import USES, SectionUse, Usable, section_of
from cskh_org.loading.source import Limits, current_limits, using_limits

if TYPE_CHECKING:
    from cskh_org.loading.workload import WorkloadResult, load_workload, load_workload_text

__all__ = [
    "DEPARTMENT_FILE",
    "USES",
    "Checked",
    "Limits",
    "LoadResult",
    "RoutingDocument",
    "RoutingResult",
    "SectionUse",
    "Usable",
    "WorkloadResult",
    "current_limits",
    "is_workload",
    "load_workload",
    "load_workload_text",
    "section_of",
    "using_limits",
    "validate",
    "validate_document",
    "validate_documents",
    "validate_routing",
    "validate_routing_text",
    "validate_text",
    "validate_workload",
]

_WORKLOAD = ("WorkloadResult", "load_workload", "load_workload_text")

if not TYPE_CHECKING:  # hidden from mypy, or every misspelt attribute would type-check

    def __getattr__(name: str) -> object:
        """Import the workload loader on first use (PEP 562)."""
        if name in _WORKLOAD:
            from cskh_org.loading import workload

            value = getattr(workload, name)
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
