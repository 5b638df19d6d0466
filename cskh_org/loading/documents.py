"""Either kind of document, recognised by its shape: a department or a workload.

``cskh-org validate`` takes both. A workload is a mapping with a key only a workload has
(``start``, ``streams``, ``department``, ``service``…) and none only a department has
(``units``, ``roles``…); the keys come from the two models, so a new section is recognised
without touching this module. Anything else is read as a department and gets a department's
findings.

``validate --only routing`` checks a department's routing section alone, as
:func:`~cskh_org.loading.routing_only.validate_routing` loads it (a workload is checked whole).

A workload names its department by id (``department: cskh``), not by file: it is checked
against the department file given (``--department FILE``), else :data:`DEPARTMENT_FILE`
beside it, the name ``cskh-org init`` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from cskh_org.collector import paused
from cskh_org.errors import CskhOrgError, SourceError, UsageError
from cskh_org.findings import both
from cskh_org.loading.pipeline import LoadResult, validate, validate_source
from cskh_org.loading.routing_only import RoutingResult, validate_routing_source
from cskh_org.loading.source import Limits, current_limits, read_source
from cskh_org.model import Department

if TYPE_CHECKING:  # the workload model loads only for a workload: routing apps never need it
    from cskh_org.loading.workload import WorkloadResult

__all__ = [
    "DEPARTMENT_FILE",
    "Checked",
    "is_workload",
    "validate_document",
    "validate_documents",
    "validate_workload",
]

DEPARTMENT_FILE = "department.yaml"
"""The department a workload is checked against when none is given: this file beside it."""


@cache
def _own_keys() -> tuple[frozenset[str], frozenset[str]]:
    from cskh_org.model.workload import Workload

    department = {f.alias or n for n, f in Department.model_fields.items()}
    workload = {f.alias or n for n, f in Workload.model_fields.items()}
    return frozenset(workload - department), frozenset(department - workload)


def is_workload(data: object) -> bool:
    """Whether parsed document data has a workload's shape (see the module docstring)."""
    if not isinstance(data, Mapping):
        return False
    keys = {k for k in data if isinstance(k, str)}
    workload_only, department_only = _own_keys()
    return bool(keys & workload_only) and not keys & department_only


ONLY = ("routing",)
"""The parts of a department :func:`validate_document` can check alone (``only``)."""


@paused
def validate_document(
    path: str | Path,
    *,
    department: str | Path | None = None,
    limits: Limits | None = None,
    only: str | None = None,
) -> LoadResult | WorkloadResult | RoutingResult:
    """Load a department or a workload file, whichever it is, with every finding. A workload
    is checked against ``department`` (default: :data:`DEPARTMENT_FILE` beside it). With
    ``only="routing"`` a department's routing section is checked alone
    (:func:`~cskh_org.loading.routing_only.validate_routing`).

    Raises :class:`~cskh_org.errors.SourceError` if a file cannot be read, or a workload's
    department cannot be built, and :class:`~cskh_org.errors.UsageError` if a workload's
    department file is not given and not beside it.
    """
    limits = limits or current_limits()
    p = Path(path)
    parsed = read_source(p, limits, str(path))
    if is_workload(parsed.data):
        from cskh_org.loading.workload import load_workload_source

        return load_workload_source(parsed, _department(p, department, limits))
    if only == "routing":
        return validate_routing_source(parsed, p, limits)
    return validate_source(parsed, p, limits)


@dataclass(frozen=True)
class Checked:
    """One file of a validation: what validating it gave, or why it could not be read."""

    name: str
    result: LoadResult | WorkloadResult | RoutingResult | None
    error: CskhOrgError | None = None

    @property
    def kind(self) -> str:
        """``department`` or ``workload`` (``None`` for a file that could not be read)."""
        from cskh_org.loading.workload import WorkloadResult

        return "workload" if isinstance(self.result, WorkloadResult) else "department"

    def ok(self, *, strict: bool = False) -> bool:
        """Read, and no error-level finding (nor a warning when ``strict``)."""
        return self.result is not None and self.result.ok(strict=strict)


def validate_documents(
    paths: Iterable[str | Path],
    *,
    department: str | Path | None = None,
    only: str | None = None,
) -> tuple[Checked, ...]:
    """:func:`validate_document` for each of ``paths``, every one of them: a file that cannot
    be read is a :class:`Checked` with its error, and the others are still validated."""
    checked = []
    for path in paths:
        try:
            result = validate_document(path, department=department, only=only)
            checked.append(Checked(str(path), result))
        except CskhOrgError as exc:
            checked.append(Checked(str(path), None, exc))
    return tuple(checked)


@paused
def validate_workload(
    path: str | Path, *, department: str | Path | None = None, limits: Limits | None = None
) -> WorkloadResult:
    """Load a workload file and check it against its department file: ``department``, else
    :data:`DEPARTMENT_FILE` beside the workload. Raises as :func:`validate_document`."""
    limits = limits or current_limits()
    from cskh_org.loading.workload import load_workload_source

    parsed = read_source(Path(path), limits, str(path))
    return load_workload_source(parsed, _department(Path(path), department, limits))


def _department(workload: Path, given: str | Path | None, limits: Limits) -> Department:
    if given is None:
        beside = workload.parent / DEPARTMENT_FILE
        if not beside.is_file():
            raise UsageError.of(
                "error.loading.no-department", workload=str(workload), file=DEPARTMENT_FILE
            )
        given = beside
    result = validate(given, limits=limits)
    if result.department is None:
        errors = sum(1 for f in result.findings if f.severity.is_error)
        count = both("source.errors.one" if errors == 1 else "source.errors.many", n=errors)
        raise SourceError(
            both("source.department-unbuilt", name=given, workload=workload, errors=count)
        )
    return result.department
