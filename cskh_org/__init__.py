"""cskh_org: plan a customer-care (CSKH) department as code.

Load a department document, get every finding with its place in the file, and use the
typed model::

    import cskh_org

    result = cskh_org.validate("examples/small/department.yaml")
    for finding in result.findings:
        print(finding)
    department = result.unwrap()          # raises DocumentInvalid if there are errors

Importing this package is light: every public name (and every submodule, such as
``cskh_org.routing``) is imported when first used (PEP 562), so ``import cskh_org`` loads
no model, no pydantic and no networkx; the models are built when a document is first loaded.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what mypy and IDEs see; at run time `__getattr__` imports on first use
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
    from cskh_org.loading import (
        Limits,
        LoadResult,
        RoutingDocument,
        RoutingResult,
        validate,
        validate_routing,
        validate_text,
    )
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

    __version__: str
    """The installed distribution's version (``pyproject.toml`` is its only source)."""


def load(
    path: str | os.PathLike[str], *, strict: bool = False, limits: Limits | None = None
) -> Department:
    """Load a department file; raise :class:`DocumentInvalid` (with every finding) on errors.

    With ``strict``, warnings count as errors too.
    """
    from cskh_org.loading import validate

    return validate(os.fspath(path), limits=limits).unwrap(strict=strict)


def loads(text: str, *, name: str = "<string>", strict: bool = False) -> Department:
    """Load a department from YAML text; raise :class:`DocumentInvalid` on errors."""
    from cskh_org.loading import validate_text

    return validate_text(text, name=name).unwrap(strict=strict)


def load_routing(
    path: str | os.PathLike[str], *, strict: bool = False, limits: Limits | None = None
) -> RoutingDocument:
    """Load only the routing section of a department file and what checking it needs (the
    ticket schema, the units the rules send tickets to…), not the budget, SLA, escalation or
    staff of other units; raise :class:`DocumentInvalid` (with every finding) on errors, and
    :class:`UsageError` if the document has no ``routing`` section.

    ``RoutingDocument.router()`` compiles its router. With ``strict``, warnings count as
    errors too. See :mod:`cskh_org.loading.routing_only` for what is read and checked.
    """
    from cskh_org.loading import validate_routing

    return validate_routing(os.fspath(path), limits=limits).unwrap(strict=strict)


def loads_routing(text: str, *, name: str = "<string>", strict: bool = False) -> RoutingDocument:
    """:func:`load_routing` on YAML text (no includes: they need a folder)."""
    from cskh_org.loading import validate_routing_text

    return validate_routing_text(text, name=name).unwrap(strict=strict)


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
    "RoutingDocument",
    "RoutingResult",
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
    "load_routing",
    "loads",
    "loads_routing",
    "org_graph",
    "validate",
    "validate_routing",
    "validate_text",
]

# Where each lazily imported public name lives.
_HOMES = {
    "errors": (
        "ApprovalError",
        "CalendarError",
        "CskhOrgError",
        "DocumentInvalid",
        "RenderError",
        "SimulationError",
        "SourceError",
        "TicketInvalid",
        "UsageError",
    ),
    "findings": ("Finding", "Location", "Severity"),
    "graph": ("org_graph",),
    "loading": (
        "Limits",
        "LoadResult",
        "RoutingDocument",
        "RoutingResult",
        "validate",
        "validate_routing",
        "validate_text",
    ),
    "model": (
        "BUILTIN_FUNCTIONS",
        "Calendar",
        "CheckSettings",
        "Department",
        "EnumAttribute",
        "External",
        "ExternalKind",
        "FunctionDef",
        "FunctionWaiver",
        "NumberAttribute",
        "Person",
        "Role",
        "StaffLine",
        "TicketSchema",
        "Unit",
    ),
    "money": ("Money",),
    "serialize": ("dump_yaml", "json_schema"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

if not TYPE_CHECKING:  # hidden from mypy, or every misspelt attribute would type-check

    def __getattr__(name: str) -> object:
        """Import a public name, the version or a submodule on first use (PEP 562)."""
        import importlib.util

        if name in _HOME:
            value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
        elif name == "__version__":
            from importlib.metadata import PackageNotFoundError, version

            try:
                value = version("cskh-org")
            except PackageNotFoundError:  # run from a checkout that was never installed
                value = "0+unknown"
        elif not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}"):
            return importlib.import_module(f"{__name__}.{name}")  # binds itself on the package
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value  # later look-ups skip this function
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
