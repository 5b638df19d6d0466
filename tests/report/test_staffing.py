"""Staffing as text, CSV and JSON (:mod:`cskh_org.report.staffing`): every figure the plan
holds, in both languages, each interval once."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

import cskh_org
from cskh_org.loading import load_workload_text
from cskh_org.model import Department
from cskh_org.report.staffing import staffing_csv, staffing_json, staffing_text
from cskh_org.staffing.analytic import StaffingPlan, analytic_staffing
from tests.staffing.support import DEPARTMENT, workload_text


@pytest.fixture(scope="module")
def dept() -> Department:
    return cskh_org.loads(DEPARTMENT, name="desk.yaml")


@pytest.fixture(scope="module")
def plan(dept: Department) -> StaffingPlan:
    result = load_workload_text(workload_text(phone_per_hour=600), dept, name="week.yaml")
    assert result.workload is not None
    return analytic_staffing(dept, result.workload, interval=60, per_channel=True)


def test_the_text_says_the_need_the_gap_and_its_cost(dept: Department, plan: StaffingPlan) -> None:
    (unit,) = plan.units
    text = staffing_text(plan, dept, "week", lang="en")
    lines = text.splitlines()
    assert lines[0] == "Staffing: desk_dept under week (60-minute intervals)"
    row = next(line for line in lines if line.startswith("desk "))
    cells = row.split()
    assert cells[1] == str(max(unit.on_duty))
    assert cells[2] == f"{unit.fte_needed:.1f}"
    assert cells[3] == "30.0"
    assert cells[4] == f"+{unit.fte_gap:.2f}"
    cost = unit.gap_cost("VND")
    assert cost == unit.fte_gap * Decimal(12_000_000)
    assert f"{cost:,.0f} VND" in row
    assert "45: mon 08:00-17:00, tue 08:00-17:00" in row  # the open hours, all short
    assert "  phone: Erlang A, patience 3m, targets 80.0% within 20s" in text
    assert "  chat: Erlang C, 3 at once, targets 80.0% within 20s" in text
    grid = lines[
        lines.index("desk: agents needed on duty per interval (* = fewer on duty today)") + 1 :
    ]
    assert grid[0].split() == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert grid[1].split() == ["08:00", *(f"{unit.on_duty[8]}*",) * 5, "0", "0"]
    assert len(grid) == 1 + 9  # 08:00 to 16:00


def test_the_text_in_vietnamese(dept: Department, plan: StaffingPlan) -> None:
    text = staffing_text(plan, dept, "week", lang="vi")
    assert text.startswith("Nhu cầu nhân viên: desk_dept với week (khoảng 60 phút)")
    assert "T2 08:00-17:00" in text
    assert "₫" in text


def test_the_csv_has_every_queue_and_unit_interval(plan: StaffingPlan) -> None:
    (unit,) = plan.units
    rows = list(csv.DictReader(io.StringIO(staffing_csv(plan))))
    assert len(rows) == 168 * (1 + len(unit.queues))
    totals = [r for r in rows if r["channel"] == ""]
    assert [int(r["agents"]) for r in totals] == list(unit.on_duty)
    monday_eight = next(
        r for r in rows if r["channel"] == "phone" and r["day"] == "mon" and r["start"] == "08:00"
    )
    assert monday_eight["end"] == "09:00"
    assert float(monday_eight["arrivals_per_hour"]) == 600.0
    assert float(monday_eight["handle_seconds"]) == 240.0
    assert float(monday_eight["service_level"]) >= 0.8
    phone = next(q for q in unit.queues if q.channel == "phone")
    assert int(monday_eight["agents"]) == phone.agents[8]


def test_the_json_document_on_one_line_is_the_same_document(plan: StaffingPlan) -> None:
    """``indent=None`` (what the report reads back) writes one line of the same values."""
    one_line = staffing_json(plan, indent=None)
    assert one_line.count("\n") == 1
    assert json.loads(one_line) == json.loads(staffing_json(plan))


def test_the_json_document(plan: StaffingPlan) -> None:
    doc = json.loads(staffing_json(plan))
    (unit,) = plan.units
    assert doc["interval_minutes"] == 60
    assert doc["currency"] == "VND"
    assert doc["pooled"] is False
    (desk,) = doc["units"]
    assert desk["on_duty"] == list(unit.on_duty)
    assert Decimal(desk["gap_cost_month"]) == unit.gap_cost("VND")
    assert Decimal(desk["cost_per_fte_month"]) == Decimal(12_000_000)
    phone = next(q for q in desk["queues"] if q["channels"] == ["phone"])
    assert phone["targets"] == [{"kind": "service_level", "share": 0.8, "within_seconds": 20.0}]
    assert phone["method"] == "erlang-a"
