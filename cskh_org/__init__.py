"""cskh_org: plan a customer-care (CSKH) department as code.

Load a department document, get every finding with its place in the file, and use the
typed model::

    import cskh_org

    result = cskh_org.validate("examples/small/department.yaml")
    for finding in result.findings:
        print(finding)
    department = result.unwrap()          # raises DocumentInvalid if there are errors

Importing this package is light: networkx and graphviz load only when a view needs them.
"""

import os

from cskh_org.errors import (
    ApprovalError,
    CalendarError,
    CskhOrgError,
    DocumentInvalid,
    RenderError,
    SimulationError,
    SourceError,
    TicketInvalid,
    UsageError,
)
from cskh_org.findings import Finding, Location, Severity
from cskh_org.graph import org_graph
from cskh_org.loading import Limits, LoadResult, validate, validate_text
from cskh_org.model import (
    BUILTIN_FUNCTIONS,
    Calendar,
    CheckSettings,
    Department,
    EnumAttribute,
    External,
    ExternalKind,
    FunctionDef,
    FunctionWaiver,
    NumberAttribute,
    Person,
    Role,
    StaffLine,
    TicketSchema,
    Unit,
)
from cskh_org.money import Money
from cskh_org.serialize import dump_yaml, json_schema


def load(
    path: str | os.PathLike[str], *, strict: bool = False, limits: Limits | None = None
) -> Department:
    """Load a department file; raise :class:`DocumentInvalid` (with every finding) on errors.

    With ``strict``, warnings count as errors too.
    """
    return validate(path, limits=limits).unwrap(strict=strict)


def loads(text: str, *, name: str = "<string>", strict: bool = False) -> Department:
    """Load a department from YAML text; raise :class:`DocumentInvalid` on errors."""
    return validate_text(text, name=name).unwrap(strict=strict)


__version__ = "0.1.0"

__all__ = [
    "BUILTIN_FUNCTIONS",
    "ApprovalError",
    "Calendar",
    "CalendarError",
    "CheckSettings",
    "CskhOrgError",
    "Department",
    "DocumentInvalid",
    "EnumAttribute",
    "External",
    "ExternalKind",
    "Finding",
    "FunctionDef",
    "FunctionWaiver",
    "Limits",
    "LoadResult",
    "Location",
    "Money",
    "NumberAttribute",
    "Person",
    "RenderError",
    "Role",
    "Severity",
    "SimulationError",
    "SourceError",
    "StaffLine",
    "TicketInvalid",
    "TicketSchema",
    "Unit",
    "UsageError",
    "__version__",
    "dump_yaml",
    "json_schema",
    "load",
    "loads",
    "org_graph",
    "validate",
    "validate_text",
]
