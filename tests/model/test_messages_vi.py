"""Every refusal of the model and every pydantic error the schema gives is said in Vietnamese:
the validators raise :func:`cskh_org.findings.refusal` with a catalogue entry (never English
text of their own), and each one, loaded from YAML through the normal loading API, becomes a
finding whose ``message_vi`` is Vietnamese while ``message`` keeps its English."""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from cskh_org.findings import Finding
from cskh_org.loading import load_workload_text, validate_text
from cskh_org.loading.source import parse_text
from cskh_org.model import Department
from cskh_org.model.base import DOCUMENT_CONTEXT
from cskh_org.model.workload import Workload
from cskh_org.words import catalogue
from tests.conftest import ROOT

MODEL = ROOT / "cskh_org" / "model"

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
"""A letter only Vietnamese writes (with its diacritics, or đ)."""


# -- (a) no English of their own in the model's validators -----------------------------------


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_text(node: ast.expr) -> bool:
    """Whether an expression is text written in the source: a string literal, an f-string,
    or one joined to something with ``+``."""
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _has_text(node: ast.Call) -> bool:
    """Whether a call is given text among its arguments."""
    return any(_is_text(arg) for arg in [*node.args, *(k.value for k in node.keywords)])


def _english_raises(path: Path) -> list[str]:
    """``PydanticCustomError(…)`` calls, and ``raise ValueError("…")`` with text, in ``path``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Call) and _callee(node) == "PydanticCustomError":
            found.append((node.lineno, "PydanticCustomError("))
        if (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and _callee(node.exc) == "ValueError"
            and _has_text(node.exc)
        ):
            found.append((node.lineno, "raise ValueError(<text>)"))
    return [f"{path.name}:{line}: {what}" for line, what in sorted(found)]


def test_the_model_refuses_only_through_the_catalogue() -> None:
    """No validator of ``cskh_org/model`` writes its own English: each refuses with
    ``findings.refusal(kind, key, **fields)``, whose message is the catalogue's entry in both
    languages (a ``raise ValueError(value)`` caught on the spot, with no text, is allowed)."""
    paths = sorted(MODEL.rglob("*.py"))
    assert paths
    found = [hit for path in paths for hit in _english_raises(path)]
    assert not found, found


def test_the_scan_sees_what_it_forbids(tmp_path: Path) -> None:
    """The scan itself: it finds a PydanticCustomError call and a ValueError given text, and
    lets a ValueError without text (raised to be caught) and a refusal be."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            """
            def f(x):
                if x:
                    raise PydanticCustomError("kind", "English " + x, {})
                raise ValueError(f"bad {x}")

            def g(x):
                try:
                    raise ValueError(x)
                except ValueError:
                    raise refusal("kind", "value.id", value=x) from None
            """
        ),
        "utf-8",
    )
    assert _english_raises(sample) == [
        "sample.py:4: PydanticCustomError(",
        "sample.py:5: raise ValueError(<text>)",
    ]


# -- (b) each validator, loaded from YAML ----------------------------------------------------

DEPARTMENT = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
externals:
  - {id: board, name: Ban giám đốc, kind: board}
  - {id: head_of_sales, name: Trưởng phòng bán hàng, kind: head_of_sales, reports_to: board}
roles:
  - {id: agent, title: Nhân viên CSKH, monthly_cost: 12000000 VND}
people:
  - {id: hoa, name: Hoa}
units:
  - id: care
    name: Phòng CSKH
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: agent}]
"""
"""A department that builds; a case adds a section (or a unit: ``units`` comes last)."""

WORKLOAD = """\
version: 1
id: tuan
start: {start}
streams:
  - {stream}
service:
  - {{unit: care, time: {time}}}
{extra}"""
"""A workload that builds, with the parts a case changes."""

_WORKLOAD_PARTS = {
    "start": "2027-06-07T00:00:00+07:00",
    "stream": "{id: calls, rate: 2, attributes: {channel: phone}}",
    "time": "{kind: fixed, value: 5m}",
    "extra": "",
}


def _workload(**parts: str) -> str:
    return WORKLOAD.format(**(_WORKLOAD_PARTS | parts))


def _budget_line(fields: str) -> str:
    return (
        "budget:\n  fiscal_year: 2027\n  lines:\n"
        f"    - {{id: crm, unit: care, category: tools, amount: 1000000 VND, {fields}}}\n"
    )


def _trigger(trigger: str) -> str:
    return (
        f"escalation:\n  steps:\n    - {{id: up, from: care, to: head_of_sales, on: [{trigger}]}}\n"
    )


def _sla(target: str) -> str:
    return f"sla:\n  default: {{first_response: {target}}}\n"


def _attribute(spec: str, name: str = "tier") -> str:
    return f"ticket_schema:\n  attributes:\n    {name}: {spec}\n"


@dataclass(frozen=True)
class Case:
    """A document that makes one validator refuse: its text, the finding's code and the
    English the message says (unchanged by the catalogue)."""

    text: str
    code: str
    english: str
    workload: bool = False


CASES: dict[str, Case] = {
    # org
    "staff-person": Case(
        DEPARTMENT + "  - {id: desk, name: Tổ chat, parent: care, head: agent,"
        " staff: [{role: agent, person: hoa, headcount: 2}]}\n",
        "invalid-value",
        "a staff line naming a `person` has headcount 1; remove `headcount` or split the line",
    ),
    "date-range": Case(
        DEPARTMENT + "calendars:\n  - id: office\n    name: Giờ hành chính\n"
        "    holidays: [{date: 2027-02-11, until: 2027-02-05}]\n",
        "invalid-value",
        "`until` (2027-02-05) is before `date` (2027-02-11); the range runs from `date` to `until`",
    ),
    # ticket schema
    "enum-value": Case(
        DEPARTMENT + _attribute("{type: enum, values: [khách vip]}"),
        "invalid-id",
        "`khách vip` is not a valid value: values are ASCII letters, digits, `_`, `.` or `-` "
        "(at most 64); put the display text in `labels`",
    ),
    "attribute-name": Case(
        DEPARTMENT + _attribute("{type: boolean}", name="Tier"),
        "invalid-id",
        "`Tier` is not a valid attribute name: lowercase ASCII letters, digits and `_`, "
        "starting with a letter",
    ),
    "enum-twice": Case(
        DEPARTMENT + _attribute("{type: enum, values: [vip, vip]}"),
        "invalid-value",
        "value `vip` is listed twice",
    ),
    "enum-label": Case(
        DEPARTMENT + _attribute("{type: enum, values: [vip], labels: {gold: Vàng}}"),
        "invalid-value",
        "`labels` names `gold`, which is not one of `values`; add it to `values` or fix the "
        "spelling",
    ),
    "number-range": Case(
        DEPARTMENT + _attribute("{type: number, minimum: 10, maximum: 1}", name="spend"),
        "invalid-value",
        "`minimum` is greater than `maximum`; swap them",
    ),
    # routing
    "attribute-test-empty": Case(
        DEPARTMENT + "routing:\n  rules:\n    - {id: r, when: {tier: {}}, to: care}\n"
        "  default: care\n",
        "invalid-value",
        "an attribute test needs an operator: one of eq, ne, in, not_in, gt, gte, lt, lte, present",
    ),
    # sla
    "sla-no-unit": Case(
        DEPARTMENT + _sla("{within: 4}"),
        "invalid-value",
        "`4` has no unit; write seconds, minutes, hours or days: `20s`, `30m`, `4h`, `2d`",
    ),
    "sla-fraction": Case(
        DEPARTMENT + _sla("{within: 1.5}"),
        "invalid-value",
        "`1.5` has no unit; write seconds, minutes, hours or days: `20s`, `30m`, `4h`, `2d`",
    ),
    "sla-form": Case(
        DEPARTMENT + _sla("soon"),
        "invalid-value",
        "`soon` is not a duration; write `20s`, `30m`, `4h`, `1h30m` or `2d`",
    ),
    "sla-boolean": Case(
        DEPARTMENT + _sla("{within: true}"),
        "invalid-value",
        "`true` is not a duration; write `20s`, `30m`, `4h`, `1h30m` or `2d`",
    ),
    "sla-zero": Case(
        DEPARTMENT + _sla("0m"), "invalid-value", "a target of zero time can never be met"
    ),
    "sla-too-long": Case(
        DEPARTMENT + _sla("400d"),
        "invalid-value",
        "`400d` is longer than a year (365d); an SLA target is seconds, minutes, hours or "
        "days: check the number and its unit",
    ),
    "sla-business-days-zero": Case(
        DEPARTMENT + _sla("0bd"),
        "invalid-value",
        "`0bd` (no business day) can never be met; write `1bd` or more",
    ),
    "sla-business-days-alone": Case(
        DEPARTMENT + _sla("1bd2h"),
        "invalid-value",
        "`1bd2h` joins business days (`bd`) with hours or 24-hour days; business days stand "
        "alone: write `1bd` (one opening day of the calendar) or a duration such as `1d2h`, "
        "`10h`",
    ),
    "sla-business-days-too-many": Case(
        DEPARTMENT + _sla("400bd"),
        "invalid-value",
        "`400bd` is more than 366 business days; check the number (a longer target is written "
        "in 24-hour days, such as `365d`)",
    ),
    "sla-business-days-form": Case(
        DEPARTMENT + _sla("1.5bd"),
        "invalid-value",
        "`1.5bd` is not a number of business days; write a whole number from 1 to 366 right "
        "before `bd`, without a space: `1bd`, `3bd`",
    ),
    # budget
    "budget-months-empty": Case(
        DEPARTMENT + _budget_line("months: []"),
        "invalid-value",
        "`months: []` books the line in no month; list the months it is spent in, or remove "
        "`months` for every month",
    ),
    "budget-months-twice": Case(
        DEPARTMENT + _budget_line("months: [1, 1]"),
        "invalid-value",
        "month 1 is listed twice, but a monthly amount is booked once a month; list each month "
        "once (for twice the amount, double `amount`)",
    ),
    "budget-months-and-date": Case(
        DEPARTMENT + _budget_line("months: [1], date: 2027-03-01"),
        "invalid-value",
        "a line has either `months` (a monthly amount) or `date` (a one-off amount), not both",
    ),
    "budget-dated-per-year": Case(
        DEPARTMENT + _budget_line("date: 2027-03-01, per: year"),
        "invalid-value",
        "a dated line's `amount` is already its whole amount; drop `per: year`",
    ),
    "budget-staff-line": Case(
        DEPARTMENT + _budget_line("months: [1]").replace("tools", "staff"),
        "invalid-value",
        "staff cost is derived from the units' staff lines; do not write it as a line (add a "
        "staff line to the unit instead)",
    ),
    "budget-party": Case(
        DEPARTMENT + "budget:\n  fiscal_year: 2027\n  approval:\n"
        "    prepare: {unit: care, external: board}\n"
        "    review: {external: head_of_sales}\n    approve: {external: board}\n",
        "invalid-value",
        "a party is either `unit: ID` or `external: ID`, exactly one",
    ),
    # escalation
    "trigger-target": Case(
        DEPARTMENT + _trigger("{on: manual, target: resolution}"),
        "invalid-value",
        "`target` goes with `sla_warning` and `sla_breach` only",
    ),
    "trigger-at-percent": Case(
        DEPARTMENT + _trigger("{on: sla_breach, at_percent: 50}"),
        "invalid-value",
        "`at_percent` goes with `sla_warning` only",
    ),
    "trigger-reopens-needed": Case(
        DEPARTMENT + _trigger("{on: reopened}"),
        "invalid-value",
        "`reopened` needs `reopens`: how many reopenings fire the step",
    ),
    "trigger-reopens": Case(
        DEPARTMENT + _trigger("{on: manual, reopens: 2}"),
        "invalid-value",
        "`reopens` goes with `reopened` only",
    ),
    "trigger-values-needed": Case(
        DEPARTMENT + _trigger("{on: tier}"),
        "invalid-value",
        "`tier` needs `values`: which tier values fire it",
    ),
    "trigger-values": Case(
        DEPARTMENT + _trigger("{on: manual, values: [vip]}"),
        "invalid-value",
        "`values` goes with `tier` and `category` only",
    ),
    "trigger-several": Case(
        DEPARTMENT + _trigger("{on: reopened, target: resolution}"),
        "invalid-value",
        "`target` goes with `sla_warning` and `sla_breach` only; `reopened` needs `reopens`: "
        "how many reopenings fire the step",
    ),
    "trigger-resolved-values": Case(
        DEPARTMENT + _trigger("{on: resolved, values: [vip]}"),
        "invalid-value",
        "`values` goes with `tier` and `category` only",
    ),
    "trigger-resolved-target": Case(
        DEPARTMENT + _trigger("{on: resolved, target: resolution}"),
        "invalid-value",
        "`target` goes with `sla_warning` and `sla_breach` only",
    ),
    "step-resolved-alone": Case(
        DEPARTMENT + _trigger("{on: resolved}, {on: manual}"),
        "invalid-value",
        "a follow-up step (`on: resolved`) has one trigger, `resolved`; move the other "
        "triggers to a step of their own",
    ),
    "step-resolved-functional": Case(
        DEPARTMENT + "escalation:\n  steps:\n    - {id: up, from: care, to: head_of_sales, "
        "kind: functional, on: [{on: resolved}]}\n",
        "invalid-value",
        "a follow-up step (`on: resolved`) moves no ticket, so it cannot be "
        "`kind: functional`; drop `kind`",
    ),
    # workload
    "span-no-unit": Case(
        _workload(time="{kind: fixed, value: 90}"),
        "invalid-value",
        "`90` has no unit; write seconds, minutes, hours or days: `90s`, `4m30s`, `2h`, `1d`",
        workload=True,
    ),
    "span-fraction": Case(
        _workload(time="{kind: fixed, value: 1.5}"),
        "invalid-value",
        "`1.5` has no unit; write seconds, minutes, hours or days: `90s`, `4m30s`, `2h`, `1d`",
        workload=True,
    ),
    "span-form": Case(
        _workload(time="{kind: fixed, value: soon}"),
        "invalid-value",
        "`soon` is not a duration; write `90s`, `4m30s`, `1.5m`, `2h` or `1d`",
        workload=True,
    ),
    "span-boolean": Case(
        _workload(time="{kind: fixed, value: false}"),
        "invalid-value",
        "`false` is not a duration; write `90s`, `4m30s`, `1.5m`, `2h` or `1d`",
        workload=True,
    ),
    "span-too-long": Case(
        _workload(time="{kind: fixed, value: 4000d}"),
        "invalid-value",
        "`4000d` is longer than ten years; check the unit",
        workload=True,
    ),
    "span-zero": Case(
        _workload(time="{kind: exponential, mean: 0s}"),
        "invalid-value",
        "a time here must be longer than zero",
        workload=True,
    ),
    "stream-both": Case(
        _workload(
            stream="{id: calls, rate: 2, attributes: {channel: phone, category: question}, "
            "mix: {category: {question: 1}}}"
        ),
        "invalid-value",
        "`category` is both fixed in `attributes` and drawn in `mix`; keep one",
        workload=True,
    ),
    "stream-mix-empty": Case(
        _workload(stream="{id: calls, rate: 2, attributes: {channel: phone}, mix: {tier: {}}}"),
        "invalid-value",
        "`mix.tier` lists no values; add `value: weight`",
        workload=True,
    ),
    "probabilities": Case(
        _workload(extra="holders:\n  - {holder: care, resolve: 0.5}\n"),
        "invalid-value",
        "`resolve`, `escalate` and `partner` sum to 0.5, not 1; adjust them",
        workload=True,
    ),
    "special-dates-overlap": Case(
        _workload(
            extra="profiles:\n  - id: p\n    special_days:\n      calendar: office\n"
            "      dates: [{date: 2027-02-13, until: 2027-02-15, factor: 2},"
            " {date: 2027-02-14, factor: 1.5}]\n"
        ),
        "invalid-value",
        "two entries of `dates` both hold 2027-02-14; a date has one factor: drop or narrow "
        "one of them",
        workload=True,
    ),
    "start-offset": Case(
        _workload(start="2027-06-07T00:00:00"),
        "invalid-value",
        "`start` needs a UTC offset, e.g. `2027-03-01T00:00:00+07:00`",
        workload=True,
    ),
}


def _findings(text: str, *, workload: bool) -> tuple[Finding, ...]:
    if workload:
        return load_workload_text(text, None, name="w.yaml").findings
    return validate_text(text, name="d.yaml").findings


def _refused(case: Case) -> Finding:
    """The one finding of ``case``'s document that says its English."""
    found = [f for f in _findings(case.text, workload=case.workload) if case.english in f.message]
    assert len(found) == 1, [f.message for f in _findings(case.text, workload=case.workload)]
    return found[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_refusal_is_said_in_vietnamese(name: str) -> None:
    """The finding has the code the loader gives the error's type, its English unchanged,
    and a Vietnamese message that is not the English one: written in Vietnamese letters,
    without the English sentence."""
    case = CASES[name]
    finding = _refused(case)
    assert finding.code == case.code
    assert finding.message.endswith(case.english)
    assert finding.message_vi != finding.message
    assert VIETNAMESE.search(finding.message_vi), finding.message_vi
    assert case.english not in finding.message_vi
    assert "{" not in finding.message_vi, finding.message_vi


def test_several_trigger_problems_are_joined_in_each_language() -> None:
    """A trigger with two problems says both, joined by `; `, in English and in Vietnamese."""
    finding = _refused(CASES["trigger-several"])
    words = catalogue()
    vi = finding.message_vi
    assert words["value.trigger.target"].vi in vi
    assert words["value.trigger.reopens-needed"].vi in vi
    assert f"{words['value.trigger.target'].vi}; {words['value.trigger.reopens-needed'].vi}" in vi


# -- (d) pydantic's own errors: each new entry, filled from a real error ----------------------


@dataclass(frozen=True)
class PydanticCase:
    """A document whose field gives pydantic's own error ``kind`` at ``path``."""

    text: str
    path: tuple[str | int, ...]
    workload: bool = False


def _fte(value: str) -> str:
    return DEPARTMENT.replace("staff: [{role: agent}]", f"staff: [{{role: agent, fte: {value}}}]")


PYDANTIC_CASES: dict[str, PydanticCase] = {
    "date_from_datetime_inexact": PydanticCase(
        DEPARTMENT + "calendars:\n  - id: office\n    name: Giờ hành chính\n"
        "    holidays: [{date: '2027-02-05T10:30:00'}]\n",
        ("calendars", 0, "holidays", 0, "date"),
    ),
    "decimal_max_digits": PydanticCase(_fte("0.0000001"), ("units", 0, "staff", 0, "fte")),
    "decimal_max_places": PydanticCase(_fte("0.12345"), ("units", 0, "staff", 0, "fte")),
    "decimal_whole_digits": PydanticCase(_fte("1000.5"), ("units", 0, "staff", 0, "fte")),
    "int_parsing_size": PydanticCase(
        DEPARTMENT.replace("version: 1", "version: 100000000000000000000"), ("version",)
    ),
    "model_attributes_type": PydanticCase(
        DEPARTMENT + _attribute("1"), ("ticket_schema", "attributes", "tier")
    ),
    "time_delta_type": PydanticCase(
        _workload(time="{kind: fixed, value: [5m]}"),
        ("service", 0, "time", "fixed", "value"),
        workload=True,
    ),
}


def _pydantic_errors(case: PydanticCase) -> list[dict[str, Any]]:
    model: type[BaseModel] = Workload if case.workload else Department
    tree = parse_text(case.text).data
    with pytest.raises(ValidationError) as exc:
        model.model_validate(tree, context=DOCUMENT_CONTEXT)
    return [dict(e) for e in exc.value.errors(include_url=False)]


def test_every_new_pydantic_type_has_a_case() -> None:
    """The types this change gave Vietnamese words each have a document that gives them."""
    added = {
        "date_from_datetime_inexact",
        "decimal_max_digits",
        "decimal_max_places",
        "decimal_whole_digits",
        "int_parsing_size",
        "model_attributes_type",
        "time_delta_type",
    }
    assert set(PYDANTIC_CASES) == added
    assert {f"pydantic.{kind}" for kind in added} <= set(catalogue())


@pytest.mark.parametrize("kind", sorted(PYDANTIC_CASES))
def test_each_pydantic_error_is_said_in_vietnamese_with_its_fields(kind: str) -> None:
    """The document gives pydantic's error ``kind`` at the path, and its finding says the
    catalogue's Vietnamese with every field filled in (no ``{`` left)."""
    case = PYDANTIC_CASES[kind]
    errors = _pydantic_errors(case)
    assert any(e["type"] == kind and tuple(e["loc"]) == case.path for e in errors), errors
    findings = [f for f in _findings(case.text, workload=case.workload) if f.path == case.path]
    assert len(findings) == 1, findings
    [finding] = findings
    vi = finding.message_vi
    assert "{" not in vi, vi
    assert "}" not in vi, vi
    assert vi != finding.message
    assert VIETNAMESE.search(vi), vi
    entry = catalogue()[f"pydantic.{kind}"].vi
    assert entry.split("{")[0] in vi, (entry, vi)
