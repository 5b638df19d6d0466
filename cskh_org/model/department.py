"""The whole document: a department, its organisation and (as later sections land) its rules."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from cskh_org.model.base import Id, Integer, LangCode, LocalizedText, Model, TimeZoneName
from cskh_org.model.budget import Budget
from cskh_org.model.escalation import Escalation
from cskh_org.model.frozen import FrozenMap
from cskh_org.model.org import (
    BUILTIN_FUNCTIONS,
    Calendar,
    External,
    ExternalRef,
    FunctionDef,
    FunctionWaiver,
    Person,
    Role,
    StaffLine,
    Unit,
)
from cskh_org.model.routing import Routing
from cskh_org.model.sla import Sla
from cskh_org.model.tickets import TicketSchema, default_ticket_schema
from cskh_org.model.working_time import Contract, Shift, WorkingTime, WorkingTimeLimits
from cskh_org.money import CurrencyCode
from cskh_org.words import order, pick

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cskh_org.routing import Router

__all__ = ["CheckSettings", "Department"]


class CheckSettings(Model):
    """Thresholds of the structural checks, set per department."""

    max_span_of_control: Integer = Field(default=15, ge=1, le=1000)
    """Most people (staff plus heads of child units) one unit head should lead directly."""


class Department(Model):
    """A customer-care department: the root of a document.

    Ids (ASCII) are used in every reference; display names (any language) sit beside them.
    """

    version: Literal[1] = 1
    """Version of the document format."""
    include: tuple[str, ...] = ()
    """Files merged into this document, relative to its folder (and confined to it)."""
    id: Id
    """Id of the department, e.g. ``cskh_hanoi``."""
    name: LocalizedText
    """Display name: ``{vi: Phòng Chăm sóc khách hàng, en: Customer care}``."""
    description: LocalizedText | None = None
    """What the department is for."""
    languages: tuple[LangCode, ...] = Field(default=("vi", "en"), min_length=1)
    """Display languages, the preferred first (diagrams and reports fall back along this list)."""
    currency: CurrencyCode
    """ISO 4217 currency of costs and budgets (``VND``)."""
    timezone: TimeZoneName
    """IANA time zone of the department (``Asia/Ho_Chi_Minh``)."""
    reports_to: ExternalRef | None = None
    """The external party the department head reports to (usually the head of sales)."""
    functions: tuple[FunctionDef, ...] = ()
    """Functions added to the six built-in ones."""
    waived_functions: tuple[FunctionWaiver, ...] = ()
    """Built-in functions the department deliberately does not cover."""
    roles: tuple[Role, ...] = Field(min_length=1)
    """Job titles with their cost and skills."""
    people: tuple[Person, ...] = ()
    """Named people, for staff lines one person holds (the small-company case)."""
    units: tuple[Unit, ...] = Field(min_length=1)
    """The reporting tree of teams; exactly one has no ``parent``."""
    externals: tuple[External, ...] = ()
    """Parties outside the department: head of sales, board, marketing, technical, warehouse."""
    calendars: tuple[Calendar, ...] = ()
    """Working-hour calendars used by units and staff lines."""
    working_time: WorkingTime | None = None
    """Shifts, contracts and the working-time limits they keep (Vietnam's Labour Code by
    default)."""
    ticket_schema: TicketSchema = Field(default_factory=default_ticket_schema)
    """Attributes tickets carry; defaults to channel, category, tier, priority, language, stage."""
    routing: Routing | None = None
    """Ordered routing rules and the mandatory default target (first match wins)."""
    sla: Sla | None = None
    """Response and resolution targets by ticket (first matching policy wins)."""
    escalation: Escalation | None = None
    """Escalation steps over units and external parties, and who may close a ticket."""
    budget: Budget | None = None
    """The care budget plan for a fiscal year, its caps and its approval chain."""
    checks: CheckSettings = Field(default_factory=CheckSettings)
    """Thresholds of the structural checks."""

    # -- lookups (built once per instance) --------------------------------------------------

    @cached_property
    def units_by_id(self) -> Mapping[str, Unit]:
        return FrozenMap({u.id: u for u in self.units})

    @cached_property
    def roles_by_id(self) -> Mapping[str, Role]:
        return FrozenMap({r.id: r for r in self.roles})

    @cached_property
    def externals_by_id(self) -> Mapping[str, External]:
        return FrozenMap({e.id: e for e in self.externals})

    @cached_property
    def calendars_by_id(self) -> Mapping[str, Calendar]:
        return FrozenMap({c.id: c for c in self.calendars})

    @cached_property
    def shifts_by_id(self) -> Mapping[str, Shift]:
        shifts = self.working_time.shifts if self.working_time is not None else ()
        return FrozenMap({s.id: s for s in shifts})

    @cached_property
    def contracts_by_id(self) -> Mapping[str, Contract]:
        contracts = self.working_time.contracts if self.working_time is not None else ()
        return FrozenMap({c.id: c for c in contracts})

    @property
    def working_limits(self) -> WorkingTimeLimits:
        """The working-time limits: the department's own, else Vietnam's Labour Code."""
        if self.working_time is not None:
            return self.working_time.limits
        return WorkingTimeLimits()

    def shrinkage(self, unit: Unit, line: StaffLine) -> Decimal:
        """The shrinkage of a staff line's people: the unit's, else the role's, else the
        department's (``working_time.shrinkage``), else none."""
        role = self.roles_by_id.get(line.role)
        for found in (
            unit.shrinkage,
            role.shrinkage if role is not None else None,
            self.working_time.shrinkage if self.working_time is not None else None,
        ):
            if found is not None:
                return found.total
        return Decimal(0)

    @cached_property
    def function_names(self) -> Mapping[str, Mapping[str, str]]:
        """Every function id (built-in first, then custom) with its display names."""
        names: dict[str, Mapping[str, str]] = dict(BUILTIN_FUNCTIONS)
        names.update({f.id: f.name for f in self.functions})
        return FrozenMap(names)

    @cached_property
    def channels(self) -> tuple[str, ...]:
        """The channels tickets may arrive on (the ``channel`` attribute's values)."""
        return self.ticket_schema.enum_values("channel")

    def router(self) -> Router:
        """The compiled, immutable router of this department (see :mod:`cskh_org.routing`)."""
        from cskh_org.routing import compile_router

        return compile_router(self)

    def unit_calendar(self, unit_id: str) -> str | None:
        """The calendar of a unit: its own, else its nearest ancestor's (``None`` if none)."""
        units = self.units_by_id
        unit = units.get(unit_id)
        seen: set[str] = set()
        while unit is not None and unit.id not in seen:
            if unit.calendar is not None:
                return unit.calendar
            seen.add(unit.id)
            unit = units.get(unit.parent) if unit.parent else None
        return None

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.parent == unit_id)

    def label(self, text: Mapping[str, str] | None, lang: str | None = None) -> str:
        """Display text in ``lang``, falling back along the department's languages."""
        return pick(text, order(lang, self.languages))
