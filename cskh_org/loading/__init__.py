"""Loading a document: YAML with source marks → includes → models → references → checks."""

from cskh_org.loading.documents import (
    DEPARTMENT_FILE,
    is_workload,
    validate_document,
    validate_workload,
)
from cskh_org.loading.pipeline import LoadResult, validate, validate_text
from cskh_org.loading.sections import USES, SectionUse, Usable, section_of
from cskh_org.loading.source import Limits
from cskh_org.loading.workload import WorkloadResult, load_workload, load_workload_text

__all__ = [
    "DEPARTMENT_FILE",
    "USES",
    "Limits",
    "LoadResult",
    "SectionUse",
    "Usable",
    "WorkloadResult",
    "is_workload",
    "load_workload",
    "load_workload_text",
    "section_of",
    "validate",
    "validate_document",
    "validate_text",
    "validate_workload",
]
