"""Loading a document: YAML with source marks → includes → models → references → checks."""

from cskh_org.loading.pipeline import LoadResult, validate, validate_text
from cskh_org.loading.source import Limits
from cskh_org.loading.workload import WorkloadResult, load_workload, load_workload_text

__all__ = [
    "Limits",
    "LoadResult",
    "WorkloadResult",
    "load_workload",
    "load_workload_text",
    "validate",
    "validate_text",
]
