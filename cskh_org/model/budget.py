"""The care budget plan: lines by unit and category, caps, and the approval chain.

Staff cost is never typed: it is derived from the units' staff lines (headcount × FTE ×
the role's monthly cost, for every month of the plan). Every other cost is a line: an amount
per month (in some or all months) or a one-off amount on a date (Tết gifts, a campaign).
The plan is prepared by the department, reviewed by the head of sales and approved by the
board (``approval``), as a state machine whose history is kept in the document.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from cskh_org.findings import refusal
from cskh_org.model.base import Id, Integer, LocalizedText, Model, NotText, Ref
from cskh_org.model.frozen import FrozenMap
from cskh_org.money import CurrencyCode, MoneyField

__all__ = [
    "ApprovalAction",
    "ApprovalChain",
    "ApprovalEntry",
    "ApprovalState",
    "Budget",
    "BudgetCaps",
    "BudgetLine",
    "CostCategory",
    "LinePeriod",
    "Party",
]

UnitRef = Annotated[Id, Ref("unit")]
FunctionRef = Annotated[Id, Ref("function")]
HolderRef = Annotated[Id, Ref("holder")]


class CostCategory(enum.StrEnum):
    """What a budget line pays for."""

    STAFF = "staff"
    """Derived from the staff lines; never written as a line."""
    TOOLS = "tools"
    """Tools and software: CRM, help desk, telephony, chatbot."""
    TRAINING = "training"
    """Training and coaching."""
    LOYALTY = "loyalty"
    """Loyalty programmes and gifts (Tết, holidays, customer anniversaries)."""
    CAMPAIGNS = "campaigns"
    """Campaigns run with marketing."""
    WARRANTY = "warranty"
    """Warranty and repair costs."""
    OTHER = "other"
    """Anything else."""


class LinePeriod(enum.StrEnum):
    """What a monthly line's ``amount`` is for."""

    MONTH = "month"
    """Each month it is spent in."""
    YEAR = "year"
    """The whole year: spread over its months in whole minor units that add up to it exactly,
    the minor units left over going one each to the first months (``100000000 VND`` over 12
    months: 8,333,334 in months 1-4, 8,333,333 in the others)."""


class BudgetLine(Model):
    """A cost of one unit, or of the department as a whole, in one category: monthly, or once
    on a date."""

    id: Id
    """Id of the line, used in roll-ups, variance reports and findings."""
    unit: UnitRef | None = None
    """The unit that spends it; none for a cost of the department as a whole (a campaign run
    with marketing), shown as ``(department)`` in roll-ups and counted in the total cap only."""
    category: CostCategory
    """What it pays for (not ``staff``: staff cost is derived from the staff lines)."""
    amount: MoneyField
    """The amount: per month (or per year, with ``per: year``), or the whole amount for a
    dated line (``150000000 VND``)."""
    per: LinePeriod = LinePeriod.MONTH
    """``month``: ``amount`` is spent in each of ``months``; ``year``: ``amount`` is the
    year's, spread over ``months`` (so an annual sum need not divide by their number)."""
    months: tuple[Annotated[int, Field(ge=1, le=12), NotText], ...] | None = None
    """Months of the fiscal year (1 = its first month) it is spent in; default every month."""
    date: datetime.date | None = None
    """For a one-off cost (a Tết gift campaign): the day it is spent; then ``months`` is unset."""
    function: FunctionRef | None = None
    """The function it serves; default the unit's first function (none for a line of the
    department as a whole)."""
    description: LocalizedText | None = None
    """What it is: ``{vi: Quà Tết cho khách VIP, en: Tết gifts for VIP customers}``."""

    @field_validator("months")
    @classmethod
    def _months_once(cls, value: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if value is None:
            return value
        if not value:
            raise refusal("budget_months", "value.budget-months.empty")
        seen: set[int] = set()
        for month in value:
            if month in seen:
                raise refusal("budget_months", "value.budget-months.twice", month=month)
            seen.add(month)
        return value

    @model_validator(mode="after")
    def _when(self) -> BudgetLine:
        if self.date is not None and self.months is not None:
            raise refusal("budget_line", "value.budget-line.months-and-date")
        if self.date is not None and self.per is LinePeriod.YEAR:
            raise refusal("budget_line", "value.budget-line.dated-per-year")
        if self.category is CostCategory.STAFF:
            raise refusal("budget_line", "value.budget-line.staff")
        return self


class BudgetCaps(Model):
    """Ceilings the plan must stay under (for the whole fiscal year)."""

    total: MoneyField | None = None
    """The whole plan, staff included."""
    units: FrozenMap[UnitRef, MoneyField] = Field(default_factory=FrozenMap)
    """Per unit, staff included: ``{support: 2400000000 VND}``."""
    categories: FrozenMap[CostCategory, MoneyField] = Field(default_factory=FrozenMap)
    """Per category: ``{loyalty: 300000000 VND}``."""


class Party(Model):
    """Who acts in the approval chain: a unit's head, or an external party."""

    unit: UnitRef | None = None
    """A unit: its head acts (the department head is the top unit's head)."""
    external: Annotated[Id, Ref("external")] | None = None
    """An external party: the head of sales, the board."""

    @model_validator(mode="after")
    def _one(self) -> Party:
        if (self.unit is None) == (self.external is None):
            raise refusal("party", "value.party")
        return self

    @property
    def id(self) -> str:
        return self.unit or self.external or ""


class ApprovalChain(Model):
    """Who prepares, reviews and approves the plan (department → head of sales → board)."""

    prepare: Party
    """Prepares and submits the plan: usually the department (its top unit)."""
    review: Party
    """Reviews it and proposes it for approval: usually the head of sales."""
    approve: Party
    """Approves it: usually the board of directors."""
    separation_of_duties: bool = True
    """``true``: three different parties, each above the one before. ``false``, for a small
    business where one person runs everything: one party may hold two or all three roles (the
    owner prepares and approves), and the checks note who approves what instead of refusing
    it. Parties that differ must still go up the reporting line."""


class ApprovalState(enum.StrEnum):
    """Where the plan stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    RETURNED = "returned"


class ApprovalAction(enum.StrEnum):
    """A move of the plan through the chain."""

    SUBMIT = "submit"
    """draft or returned → submitted, by the preparer."""
    REVIEW = "review"
    """submitted → reviewed, by the reviewer."""
    APPROVE = "approve"
    """reviewed → approved, by the approver."""
    RETURN = "return"
    """submitted or reviewed → returned, by the reviewer or the approver."""


class ApprovalEntry(Model):
    """One move in the audit trail: who moved the plan, how and when."""

    action: ApprovalAction
    """What was done."""
    by: HolderRef
    """Who did it: a unit (its head) or an external party."""
    at: datetime.datetime
    """When, with a UTC offset: ``2026-11-20T09:30+07:00``."""
    note: str | None = Field(default=None, max_length=2000)
    """Why (a returned plan says what to change)."""


class Budget(Model):
    """The department's care budget for one fiscal year."""

    fiscal_year: Integer = Field(ge=2000, le=2200)
    """The year the plan covers, named by the calendar year it starts in."""
    start_month: Integer = Field(default=1, ge=1, le=12)
    """The calendar month the fiscal year starts in (1 = January)."""
    currency: CurrencyCode | None = None
    """Currency of the plan; defaults to the department's."""
    lines: tuple[BudgetLine, ...] = ()
    """Every cost other than staff."""
    caps: BudgetCaps = Field(default_factory=BudgetCaps)
    """Ceilings per unit, per category and in total."""
    approval: ApprovalChain | None = None
    """Who prepares, reviews and approves the plan."""
    history: tuple[ApprovalEntry, ...] = ()
    """The audit trail, oldest first; the plan's state is where it leads."""
