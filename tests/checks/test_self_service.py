"""The workload checks and the capacity check of self-service stages (chatbot, IVR:
``self_service`` in cskh_org/checks/workload.py and cskh_org/checks/capacity.py), and the
model's refusals of a stage, each finding located in the document it is about."""

from __future__ import annotations

import textwrap
from functools import cache
from typing import Any

import pytest

from cskh_org.checks.capacity import offered_load
from cskh_org.checks.workload import WORKLOAD_CODES, check_workload
from cskh_org.findings import Finding, Issue, Severity
from cskh_org.loading import WorkloadResult, load_workload_text, validate
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from tests.checks.test_capacity import _department as capacity_department
from tests.checks.test_capacity import _workload as capacity_workload
from tests.conftest import EXAMPLES

EXP = {"kind": "exponential", "mean": "5m"}
IVR = {"id": "ivr", "when": {"channel": "phone"}, "time": {"kind": "fixed", "value": "40s"}}


@cache
def small() -> Department:
    return validate(EXAMPLES / "small" / "department.yaml").unwrap()


def workload(*stages: dict[str, Any], **changes: Any) -> Workload:
    """The small example's phone questions and complaints, with self-service ``stages``."""
    data: dict[str, Any] = {
        "id": "w",
        "department": "dien_may_minh_an",
        "start": "2027-06-07T00:00:00+07:00",
        "streams": [
            {
                "id": "calls",
                "rate": 1,
                "attributes": {"channel": "phone"},
                "mix": {"category": {"question": 4, "complaint": 1}},
            }
        ],
        "service": [{"unit": "cskh", "time": EXP}],
        "self_service": list(stages),
    }
    data.update(changes)
    return Workload.model_validate(data)


def issues(w: Workload) -> list[tuple[str, tuple[str | int, ...]]]:
    return [(i.code, i.path) for i in check_workload(w, small())]


def found(w: Workload, code: str) -> Issue:
    [issue] = [i for i in check_workload(w, small()) if i.code == code]
    return issue


def test_the_codes_are_declared_as_warnings() -> None:
    for code in ("workload-self-service-unmatched", "workload-self-service-contains-all"):
        assert WORKLOAD_CODES[code].severity is Severity.WARNING


def test_a_stage_with_a_modest_share_is_clean() -> None:
    assert issues(workload(IVR | {"containment": 0.2, "by_category": {"complaint": 0}})) == []


def test_a_stage_no_ticket_matches() -> None:
    """A chatbot on a channel no stream uses is reported at its `when`, in both languages."""
    code = "workload-self-service-unmatched"
    issue = found(workload(IVR, {**IVR, "id": "bot", "when": {"channel": "social"}}), code)
    assert issue.path == ("self_service", 1, "when")
    assert "no ticket of the workload enters self-service stage `bot`" in issue.message
    assert "matches no stream's tickets" in issue.message
    assert "khâu tự phục vụ `bot`" in issue.message_vi
    assert code in WORKLOAD_CODES


def test_a_stage_an_earlier_one_shadows() -> None:
    """A stage after a catch-all stage gets no ticket: the finding names the earlier one."""
    catch_all = {"id": "menu", "time": {"kind": "fixed", "value": "10s"}}
    issue = found(workload(catch_all, IVR), "workload-self-service-unmatched")
    assert issue.path == ("self_service", 1, "when")
    assert "the stages before it (`menu`) take them all" in issue.message
    assert "(`menu`)" in issue.message_vi


def test_an_unknown_category_suggests_the_nearest() -> None:
    issue = found(workload(IVR | {"by_category": {"questoin": 0.5}}), "workload-attribute-value")
    assert issue.path == ("self_service", 0, "by_category", "questoin")
    assert "did you mean `question`" in issue.message
    assert issue.message_vi != issue.message


def test_an_unknown_attribute_in_when() -> None:
    issue = found(workload(IVR | {"when": {"chanel": "phone"}}), "workload-unknown-attribute")
    assert issue.path == ("self_service", 0, "when")
    assert "did you mean `channel`" in issue.message


def test_a_stage_that_contains_everything() -> None:
    """Share 1 for every category that enters: nothing reaches the router (and no handling
    time is asked for tickets that never reach a unit)."""
    w = workload(IVR | {"containment": 1}, service=[])
    assert issues(w) == [("workload-self-service-contains-all", ("self_service", 0, "containment"))]
    issue = found(w, "workload-self-service-contains-all")
    assert "(complaint, question)" in issue.message
    assert "bộ định tuyến" in issue.message_vi
    by_category = workload(IVR | {"by_category": {"question": 1, "complaint": 1}})
    assert issues(by_category) == [
        ("workload-self-service-contains-all", ("self_service", 0, "by_category"))
    ]


def test_a_category_always_contained_needs_no_handling_time() -> None:
    """Questions always contained, complaints handed on: only complaints need a time."""
    w = workload(
        IVR | {"by_category": {"question": 1}},
        service=[{"unit": "cskh", "category": "complaint", "time": EXP}],
    )
    assert issues(w) == []
    assert ("workload-no-service-time", ("streams", 0)) in issues(
        workload(IVR, service=[{"unit": "cskh", "category": "complaint", "time": EXP}])
    )


def test_duplicate_stage_ids() -> None:
    assert issues(workload(IVR | {"containment": 0.1}, IVR)) == [
        ("workload-duplicate-id", ("self_service", 1, "id")),
        ("workload-self-service-unmatched", ("self_service", 1, "when")),
    ]


# -- the capacity check ------------------------------------------------------------------------


def test_the_capacity_check_discounts_contained_tickets() -> None:
    """Each unit's offered load is its load without stages × (1 − the containment of its
    tickets' category), hour by hour."""
    dept = capacity_department(
        {"front": [{"role": "agent", "headcount": 10}], "back": [{"role": "agent", "headcount": 4}]}
    )
    plain, _ = offered_load(capacity_workload(12), dept)
    stage = {
        "id": "ivr",
        "when": {"channel": "phone"},
        "time": {"kind": "fixed", "value": "1m"},
        "containment": 0.3,
        "by_category": {"complaint": 0.1},
    }
    loads, _ = offered_load(capacity_workload(12, self_service=[stage]), dept)
    for h in (0, 9, 6 * 24 + 9):
        assert loads["front"].load[h] == pytest.approx(plain["front"].load[h] * 0.7)
        assert loads["back"].load[h] == pytest.approx(plain["back"].load[h] * 0.9)
    every = {**stage, "containment": 1.0, "by_category": {}}
    loads, _ = offered_load(capacity_workload(12, self_service=[every]), dept)
    assert loads == {}


def test_a_stage_on_another_channel_leaves_the_load_alone() -> None:
    dept = capacity_department(
        {"front": [{"role": "agent", "headcount": 10}], "back": [{"role": "agent", "headcount": 4}]}
    )
    plain, _ = offered_load(capacity_workload(12), dept)
    bot = {"id": "bot", "when": {"channel": "chat"}, "time": EXP, "containment": 0.9}
    loads, _ = offered_load(capacity_workload(12, self_service=[bot]), dept)
    assert loads == plain


# -- located in the document ---------------------------------------------------------------------

DOCUMENT = """\
version: 1
id: tuan
department: dien_may_minh_an
start: 2027-06-07T00:00:00+07:00
streams:
  - id: calls
    rate: 2
    attributes: {channel: phone}
    mix:
      category: {question: 4, complaint: 1}
service:
  - {unit: cskh, time: {kind: lognormal, mean: 6m, sd: 4m}}
self_service:
"""


def _load(stages: str) -> WorkloadResult:
    return load_workload_text(DOCUMENT + textwrap.dedent(stages), small(), name="w.yaml")


def _where(finding: Finding) -> tuple[int, int]:
    assert finding.location is not None
    return finding.location.line, finding.location.column


def test_check_findings_are_located() -> None:
    result = _load(
        """\
          - id: ivr
            when: {channel: phone}
            time: {kind: fixed, value: 30s}
            containment: 0.2
            by_category: {questoin: 0.5}
          - id: bot
            when: {channel: social}
            time: {kind: fixed, value: 30s}
        """
    )
    assert [(f.code, f.severity, _where(f)) for f in result.findings] == [
        ("workload-attribute-value", Severity.ERROR, (18, 17)),
        ("workload-self-service-unmatched", Severity.WARNING, (20, 9)),
    ]


@pytest.mark.parametrize(
    ("stage", "words", "place"),
    [
        (
            "{id: ivr, time: {kind: fixed, value: 30s}, containment: 1.5}",
            "less than or equal to 1",
            (14, 59),
        ),
        (
            "{id: ivr, time: {kind: fixed, value: 30s}, by_category: {question: -0.1}}",
            "greater than or equal to 0",
            (14, 70),
        ),
        ("{id: ivr, containment: 0.5}", "needs `time`", (14, 3)),
        ("{id: ivr, time: {kind: fixed, value: 30}}", "has no unit", (14, 40)),
        ("{id: ivr, time: {kind: fixed, value: 30s}, when: {all: []}}", "at least 1", (14, 58)),
    ],
    ids=["share-above-one", "share-below-zero", "no-time", "time-without-unit", "empty-all"],
)
def test_the_model_refuses_a_bad_stage(stage: str, words: str, place: tuple[int, int]) -> None:
    """Each refusal is one located finding, with a Vietnamese message of its own."""
    result = _load(f"  - {stage}\n")
    [finding] = [f for f in result.findings if f.severity is Severity.ERROR]
    assert words in finding.message
    assert finding.message_vi != finding.message
    assert _where(finding) == place
