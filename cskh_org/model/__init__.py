"""pydantic models of a department document: the single source of truth for its format."""

from cskh_org.model.base import Id, LocalizedText, Model, Ref, display
from cskh_org.model.department import CheckSettings, Department
from cskh_org.model.org import (
    BUILTIN_FUNCTIONS,
    Calendar,
    External,
    ExternalKind,
    FunctionDef,
    FunctionWaiver,
    Person,
    Role,
    StaffLine,
    Unit,
    Weekday,
)
from cskh_org.model.tickets import (
    AttributeSpec,
    BooleanAttribute,
    EnumAttribute,
    NumberAttribute,
    TextAttribute,
    TicketSchema,
    default_ticket_schema,
)

__all__ = [
    "BUILTIN_FUNCTIONS",
    "AttributeSpec",
    "BooleanAttribute",
    "Calendar",
    "CheckSettings",
    "Department",
    "EnumAttribute",
    "External",
    "ExternalKind",
    "FunctionDef",
    "FunctionWaiver",
    "Id",
    "LocalizedText",
    "Model",
    "NumberAttribute",
    "Person",
    "Ref",
    "Role",
    "StaffLine",
    "TextAttribute",
    "TicketSchema",
    "Unit",
    "Weekday",
    "default_ticket_schema",
    "display",
]
