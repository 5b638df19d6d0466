"""Actual spend from CSV lines, every bad row reported by line (the engine reads no file)."""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from cskh_org.errors import error_words
from cskh_org.hints import did_you_mean
from cskh_org.model.budget import CostCategory
from cskh_org.money import MAX_AMOUNT
from cskh_org.terminal import printable
from cskh_org.words import Said

if TYPE_CHECKING:
    pass
from cskh_org.budget.cells import (
    _CATEGORY_INDEX,
    CATEGORIES,
    DEPARTMENT_WIDE,
)
from cskh_org.budget.plan import (
    BudgetPlan,
)

__all__ = [
    "MAX_ACTUALS_LINE",
    "MAX_ACTUALS_LINE_BYTES",
    "ActualEntry",
    "ActualsProblem",
    "ActualsResult",
    "read_actuals",
]

# -- actual spend -----------------------------------------------------------------------------

MAX_ACTUALS_LINE = 1 << 16
"""The longest line of actual spend, in characters (a row is a few dozen); a longer line is
a problem of its own, skipped, and the lines after it are still read."""
MAX_ACTUALS_LINE_BYTES = 4 * MAX_ACTUALS_LINE
"""The longest line in bytes that may hold :data:`MAX_ACTUALS_LINE` characters: a file is read
in lines cut past it (:func:`cskh_org.files.input_lines`)."""


_ACTUALS_REQUIRED = ("date", "unit", "category", "amount")
_ACTUALS_COLUMNS = (*_ACTUALS_REQUIRED, "currency")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PLAIN_DECIMAL = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?\Z")
_MAX_AMOUNT_TEXT = 40
"""The longest amount cell (checked before it becomes a number), as for money in documents."""
_MAX_SHOWN = 40
"""Characters of a cell a problem quotes (a CSV field may hold 128 KiB)."""


def _cell(text: str) -> str:
    """A cell as a problem quotes it: at most :data:`_MAX_SHOWN` characters."""
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def _hint(word: str, candidates: Iterable[str]) -> str:
    """:func:`did_you_mean` for a cell no longer than any name (comparing a 128 KiB cell with
    every name is slow, and such a cell is no typo of a name)."""
    return did_you_mean(word, candidates) if len(word) <= _MAX_SHOWN else ""


_GROUPED = re.compile(r"^[-+]?[0-9]{1,3}([,.][0-9]{3})+([.,][0-9]+)?\Z")


@dataclass(frozen=True, slots=True)
class ActualsProblem:
    """A line of an actuals CSV that was skipped (or a header column that was ignored)."""

    line: int
    """1-based line number in the CSV (the header is line 1)."""
    column: str | None
    """The column at fault, when there is one."""
    message: str
    """What is wrong and how to fix it (one line: any control character or line break a cell
    held is escaped, :func:`~cskh_org.terminal.printable`)."""
    message_vi: str = ""
    """The message in Vietnamese, for the problems that have it (empty: the English one
    stands for it)."""

    def __post_init__(self) -> None:
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))
        if not self.message_vi.isprintable():
            object.__setattr__(self, "message_vi", printable(self.message_vi))

    @classmethod
    def said(cls, line: int, column: str | None, words: Said) -> ActualsProblem:
        """The problem whose messages are ``words``, in both languages."""
        return cls(line, column, words.en, words.vi)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``vi``, else English)."""
        return (self.message_vi or self.message) if lang == "vi" else self.message

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ActualEntry:
    """One row of actual spend: a unit spent ``amount`` in a category on a date."""

    line: int
    date: datetime.date
    month: int
    """The fiscal month the date falls in."""
    unit: str
    category: CostCategory
    amount: Decimal


@dataclass(frozen=True, slots=True)
class ActualsResult:
    """What reading an actuals CSV gave: the good rows and, by line, the rows skipped."""

    currency: str
    fiscal_year: int
    start_month: int
    entries: tuple[ActualEntry, ...]
    problems: tuple[ActualsProblem, ...]

    @property
    def ok(self) -> bool:
        """True when every row was read."""
        return not self.problems

    @property
    def total(self) -> Decimal:
        """The sum of the rows read."""
        return sum((e.amount for e in self.entries), Decimal(0))


def _csv_lines(lines: Iterable[str | bytes], problems: list[ActualsProblem]) -> Iterator[str]:
    """The text of each line for :mod:`csv`; a line of bytes is decoded as UTF-8 on its own,
    and one that is too long or not UTF-8 is reported in ``problems`` and read as a blank
    line (skipped, and counted, so the numbers of the lines after it hold)."""
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            content = raw.removesuffix(b"\n")
            end = "\n" if len(content) < len(raw) else ""
            if len(content.removesuffix(b"\r")) > MAX_ACTUALS_LINE_BYTES:
                problems.append(ActualsProblem(number, None, _TOO_LONG))
                yield end
                continue
            try:
                text = content.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                words = error_words("error.actuals.not-utf8", n=exc.start + 1)
                problems.append(ActualsProblem.said(number, None, words))
                yield end
                continue
            line = text + end
        else:
            line = raw.removeprefix("\ufeff") if number == 1 else raw  # a spreadsheet's BOM
        if len(line.rstrip("\r\n")) > MAX_ACTUALS_LINE:
            problems.append(ActualsProblem(number, None, _TOO_LONG))
            yield "\n" if line.endswith("\n") else ""
            continue
        yield line


_TOO_LONG = (
    f"the line is longer than {MAX_ACTUALS_LINE:,} characters; a row of actual spend is "
    "`date,unit,category,amount`"
)


def read_actuals(lines: Iterable[str] | Iterable[bytes], plan: BudgetPlan) -> ActualsResult:
    """Read actual spend from CSV lines: a text file the caller opened (with ``newline=""``,
    as :mod:`csv` asks), ``text.splitlines()``, or lines of bytes as
    :func:`cskh_org.files.input_lines` reads them (each decoded as UTF-8 on its own).

    The header names the columns ``date,unit,category,amount`` in any order, and optionally
    ``currency``. Each row is one date (``YYYY-MM-DD``, inside the plan's fiscal year), unit
    (an id of the plan's department), category (``staff``, ``tools``…) and amount (a plain
    decimal such as ``1500000`` or ``-20.50``, with no more decimals than the currency allows,
    in the plan's currency; a ``currency`` cell, when given, must be the plan's). A date, unit
    and category appear on one row only. Every bad row is skipped and reported, by line, in
    :attr:`ActualsResult.problems`, with every problem it has; blank lines are ignored, and
    so are lines longer than :data:`MAX_ACTUALS_LINE` or not UTF-8, each reported.
    """
    problems: list[ActualsProblem] = []
    entries: list[ActualEntry] = []
    result_args = (plan.currency, plan.fiscal_year, plan.start_month)
    reader = csv.reader(_csv_lines(lines, problems))
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        problems.append(
            ActualsProblem(1, None, "the file is empty; start it with `date,unit,category,amount`")
        )
        return ActualsResult(*result_args, (), tuple(problems))
    except csv.Error as exc:
        problems.append(ActualsProblem(reader.line_num, None, f"not valid CSV: {exc}"))
        return ActualsResult(*result_args, (), tuple(problems))
    header_line = reader.line_num
    names = [cell.strip().lower() for cell in header]
    columns: dict[str, int] = {}
    twice = False
    for position, name in enumerate(names):
        if name in columns:
            twice = True
            problems.append(
                ActualsProblem(
                    header_line, _cell(name), f"column `{_cell(name)}` appears twice in the header"
                )
            )
        elif name in _ACTUALS_COLUMNS:
            columns[name] = position
        else:
            problems.append(
                ActualsProblem(
                    header_line,
                    _cell(name),
                    f"unknown column `{_cell(name)}`{_hint(name, _ACTUALS_COLUMNS)} (ignored); "
                    f"the columns are {', '.join(_ACTUALS_COLUMNS)}",
                )
            )
    missing = [c for c in _ACTUALS_REQUIRED if c not in columns]
    if missing:
        problems.append(
            ActualsProblem(
                header_line,
                None,
                f"the header lacks {', '.join(f'`{c}`' for c in missing)}; "
                "start the file with `date,unit,category,amount`",
            )
        )
    if missing or twice:
        return ActualsResult(*result_args, (), tuple(problems))

    units = {*plan.units, DEPARTMENT_WIDE}
    digits = plan.digits
    seen: dict[tuple[datetime.date, str, str], int] = {}
    last_line = header_line
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ActualsProblem(last_line + 1, None, f"not valid CSV: {exc}"))
            break
        line, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                ActualsProblem(
                    line,
                    None,
                    f"the row has {len(row)} fields, the header {len(header)}; "
                    "quote a field that contains a comma",
                )
            )
            continue
        found = _read_actual_row(row, columns, line, plan, units=units, digits=digits)
        if isinstance(found, list):
            problems.extend(found)
            continue
        key = (found.date, found.unit, found.category.value)
        if key in seen:
            problems.append(
                ActualsProblem(
                    line,
                    None,
                    f"{found.date}, {found.unit}, {found.category.value} is already on line "
                    f"{seen[key]}; give one row per date, unit and category (add the amounts)",
                )
            )
            continue
        seen[key] = line
        entries.append(found)
    return ActualsResult(*result_args, tuple(entries), tuple(problems))


def _read_actual_row(
    row: Sequence[str],
    columns: Mapping[str, int],
    line: int,
    plan: BudgetPlan,
    *,
    units: set[str],
    digits: int,
) -> ActualEntry | list[ActualsProblem]:
    problems: list[ActualsProblem] = []

    def bad(column: str, message: str) -> None:
        problems.append(ActualsProblem(line, column, message))

    raw_date = row[columns["date"]].strip()
    day: datetime.date | None = None
    month: int | None = None
    try:
        if not _DATE.match(raw_date):
            raise ValueError(raw_date)
        day = datetime.date.fromisoformat(raw_date)
    except ValueError:
        bad("date", f"`{_cell(raw_date)}` is not a date; write it as YYYY-MM-DD (2027-02-05)")
    if day is not None:
        month = plan.fiscal_month(day)
        if month is None:
            bad(
                "date",
                f"{day} is outside fiscal year {plan.fiscal_year} "
                f"({plan.first_day} to {plan.last_day})",
            )

    unit = row[columns["unit"]].strip()
    if not unit:
        bad(
            "unit",
            f"no unit; give the unit that spent it, or `{DEPARTMENT_WIDE}` for spend of the "
            "department as a whole",
        )
    elif unit not in units:
        bad("unit", f"`{_cell(unit)}` is not a unit of the department{_hint(unit, plan.units)}")

    raw_category = row[columns["category"]].strip()
    category = CostCategory(raw_category) if raw_category in _CATEGORY_INDEX else None
    if category is None:
        names = [c.value for c in CATEGORIES]
        bad(
            "category",
            f"`{_cell(raw_category)}` is not a cost category{_hint(raw_category, names)}; "
            f"the categories are {', '.join(names)}",
        )

    if "currency" in columns:
        given = row[columns["currency"]].strip()
        if given and given != plan.currency:
            bad(
                "currency",
                f"the amount is in `{_cell(given)}`, the plan in {plan.currency}; amounts are not "
                f"converted: give it in {plan.currency}",
            )

    raw_amount = row[columns["amount"]].strip()
    amount: Decimal | None = None
    too_large = False
    if len(raw_amount) > _MAX_AMOUNT_TEXT:  # before Decimal(): a 5,000-digit amount is a typo
        too_large = True
        bad(
            "amount",
            f"`{_cell(raw_amount)}` is longer than an amount can be ({_MAX_AMOUNT_TEXT} "
            "characters); check it",
        )
    elif _PLAIN_DECIMAL.match(raw_amount):
        try:
            amount = Decimal(raw_amount)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            amount = None
        if amount is not None and amount.copy_abs() >= MAX_AMOUNT:
            amount, too_large = None, True
            bad(
                "amount",
                f"`{raw_amount}` is more than an amount can be (below 10^15, a million "
                "billion); check the number of digits",
            )
    if amount is None and not too_large:
        hint = ""
        if _GROUPED.match(raw_amount):
            hint = ": write it without thousands separators, with `.` for decimals"
        bad("amount", f"`{_cell(raw_amount)}` is not an amount{hint} (e.g. 1500000 or 20.50)")
    elif amount is not None:
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            allowed = "no decimals" if digits == 0 else f"at most {digits} decimals"
            bad(
                "amount",
                f"`{raw_amount}` has more decimals than {plan.currency} allows ({allowed})",
            )
    if problems or day is None or month is None or category is None or amount is None:
        return problems
    return ActualEntry(line, day, month, unit, category, amount)
