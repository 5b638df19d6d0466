"""The workload checks: names, attribute values, and what tickets can reach (routing, then
escalation), each reported with a code, a path in the workload and a message saying how to
fix it."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from cskh_org.checks.workload import (
    MAX_COMBINATIONS,
    WORKLOAD_CODES,
    check_workload,
    points_at_key,
    reachable_holders,
)
from cskh_org.findings import Issue, Severity
from cskh_org.loading import load_workload, validate
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from tests.conftest import EXAMPLES

EXP = {"kind": "exponential", "mean": "5m"}


@cache
def dept(size: str) -> Department:
    return validate(EXAMPLES / size / "department.yaml").unwrap()


def small_workload(**changes: Any) -> Workload:
    """A clean workload for the small example, with top-level keys replaced."""
    data: dict[str, Any] = {
        "id": "w",
        "department": "dien_may_minh_an",
        "start": "2027-06-07T00:00:00+07:00",
        "streams": [{"id": "calls", "rate": 1, "attributes": {"channel": "phone"}}],
        "service": [{"unit": "cskh", "time": EXP}],
    }
    data.update(changes)
    return Workload.model_validate(data)


def issues(workload: Workload, size: str = "small") -> list[Issue]:
    return check_workload(workload, dept(size))


def only(workload: Workload, size: str = "small") -> Issue:
    [issue] = issues(workload, size)
    return issue


# -- the examples and the code table -----------------------------------------------------------


@pytest.mark.parametrize("size", ["small", "growing", "large"])
def test_examples_have_no_issue(size: str) -> None:
    """Each bundled workload passes every check against its own department."""
    workload = load_workload(EXAMPLES / size / "workload.yaml", None).unwrap()
    assert issues(workload, size) == []


def test_every_code_is_prefixed_and_explained() -> None:
    """Every workload code starts with `workload-` (but the capacity check's, named by issue
    14 as managers say it) and has a severity and a meaning."""
    for code, entry in WORKLOAD_CODES.items():
        assert code.startswith("workload-") or code in {"capacity-short", "capacity-unchecked"}
        assert entry.severity in (Severity.ERROR, Severity.WARNING)
        assert entry.meaning.endswith(".")


def test_clean_small_workload_has_no_issue() -> None:
    """The minimal workload the other tests change is itself clean."""
    assert issues(small_workload()) == []


# -- names -------------------------------------------------------------------------------------


def test_department_mismatch() -> None:
    """A workload written for another department says which one and how to fix it."""
    issue = only(small_workload(department="bep_xanh_cskh"))
    assert issue.code == "workload-department-mismatch"
    assert issue.path == ("department",)
    assert "`bep_xanh_cskh`" in issue.message
    assert "dien_may_minh_an" in issue.message


def test_no_department_id_is_not_checked() -> None:
    """A workload that names no department is checked without complaint about it."""
    assert issues(small_workload(department=None)) == []


def test_duplicate_stream_and_profile_ids() -> None:
    """A second stream or profile with a used id is reported at its own id."""
    flat = {"id": "flat"}
    workload = small_workload(
        profiles=[flat, flat],
        streams=[
            {"id": "calls", "rate": 1, "profile": "flat", "attributes": {"channel": "phone"}},
            {"id": "calls", "rate": 2, "attributes": {"channel": "social"}},
        ],
    )
    found = issues(workload)
    assert [(i.code, i.path) for i in found] == [
        ("workload-duplicate-id", ("profiles", 1, "id")),
        ("workload-duplicate-id", ("streams", 1, "id")),
    ]


def test_unknown_profile_suggests_the_nearest() -> None:
    """A misspelt profile is reported with a "did you mean"."""
    workload = small_workload(
        profiles=[{"id": "office"}],
        streams=[{"id": "c", "rate": 1, "profile": "ofice", "attributes": {"channel": "phone"}}],
    )
    issue = only(workload)
    assert (issue.code, issue.path) == ("workload-unknown-profile", ("streams", 0, "profile"))
    assert "did you mean `office`" in issue.message


def test_unknown_special_days_calendar_suggests_the_nearest() -> None:
    """A profile's `special_days` must name a calendar of the department: a misspelt one is
    reported at its `calendar` with a "did you mean", one far from any with where to look."""
    found = issues(
        small_workload(
            profiles=[
                {"id": "a", "special_days": {"calendar": "office_hour", "holiday": 0.3}},
                {"id": "b", "special_days": {"calendar": "tet"}},
                {"id": "c", "special_days": {"calendar": "office_hours"}},
            ]
        )
    )
    assert [(i.code, i.path) for i in found] == [
        ("workload-unknown-calendar", ("profiles", 0, "special_days", "calendar")),
        ("workload-unknown-calendar", ("profiles", 1, "special_days", "calendar")),
    ]
    assert "did you mean `office_hours`" in found[0].message
    assert "profile `a`" in found[0].message
    assert "under the department's `calendars`" in found[1].message
    assert WORKLOAD_CODES["workload-unknown-calendar"].severity is Severity.ERROR


def test_special_days_on_a_calendar_without_holidays_warn() -> None:
    """Holiday, before or after factors on a calendar that has no holidays at all (the small
    example's `weekend`) can never apply: a warning at the calendar that says what to do.
    Named `dates` alone, or a calendar with holidays, are fine."""
    dates = [{"date": "2027-06-10", "factor": 2}]
    found = issues(
        small_workload(
            profiles=[
                {"id": "a", "special_days": {"calendar": "weekend", "after": [1.5]}},
                {"id": "b", "special_days": {"calendar": "weekend", "dates": dates}},
                {"id": "c", "special_days": {"calendar": "office_hours", "holiday": 0.3}},
            ]
        )
    )
    assert [(i.code, i.path) for i in found] == [
        ("workload-special-days-no-holidays", ("profiles", 0, "special_days", "calendar")),
    ]
    assert "`public_holidays: {country: VN}`" in found[0].message
    assert "profile `a`" in found[0].message
    code = WORKLOAD_CODES["workload-special-days-no-holidays"]
    assert code.severity is Severity.WARNING


def test_unknown_unit_and_holder() -> None:
    """Service times and holder behaviours must name units (and external parties)."""
    workload = small_workload(
        service=[{"unit": "cskh", "time": EXP}, {"unit": "cskhh", "time": EXP}],
        holders=[{"holder": "wharehouse", "turnaround": EXP}, {"holder": "technical"}],
    )
    found = issues(workload)
    assert [(i.code, i.path) for i in found] == [
        ("workload-unknown-holder", ("holders", 0, "holder")),
        ("workload-unknown-unit", ("service", 1, "unit")),
    ]
    assert "did you mean `cskh`" in found[1].message


def test_duplicate_service_and_holder() -> None:
    """One time per unit and category, one behaviour per holder."""
    workload = small_workload(
        service=[
            {"unit": "cskh", "time": EXP},
            {"unit": "cskh", "category": "complaint", "time": EXP},
            {"unit": "cskh", "time": EXP},
            {"unit": "cskh", "category": "complaint", "time": EXP},
        ],
        holders=[{"holder": "cskh"}, {"holder": "cskh"}],
    )
    assert [(i.code, i.path) for i in issues(workload)] == [
        ("workload-duplicate-holder", ("holders", 1, "holder")),
        ("workload-duplicate-service", ("service", 2, "unit")),
        ("workload-duplicate-service", ("service", 3, "category")),
    ]


# -- attributes --------------------------------------------------------------------------------


def test_unknown_attribute_in_attributes_and_mix() -> None:
    """An attribute the ticket schema lacks is reported, fixed or mixed, at its name."""
    workload = small_workload(
        streams=[
            {
                "id": "c",
                "rate": 1,
                "attributes": {"channel": "phone", "tier": "vip"},
                "mix": {"categry": {"question": 1}},
            }
        ]
    )
    found = issues(workload)
    assert [(i.code, i.path) for i in found] == [
        ("workload-unknown-attribute", ("streams", 0, "attributes", "tier")),
        ("workload-unknown-attribute", ("streams", 0, "mix", "categry")),
    ]
    assert "did you mean `category`" in found[1].message
    assert all(points_at_key(i) for i in found)


def test_values_must_be_allowed_everywhere() -> None:
    """Enum values are checked in attributes, mix keys, service categories and patience."""
    workload = small_workload(
        streams=[
            {
                "id": "c",
                "rate": 1,
                "attributes": {"channel": "phone"},
                "mix": {"category": {"question": 1, "complain": 1}},
            },
            {"id": "m", "rate": 1, "attributes": {"channel": "email"}},
        ],
        service=[
            {"unit": "cskh", "time": EXP},
            {"unit": "cskh", "category": "refund", "time": EXP},
        ],
        patience={"phone": EXP, "zalo": EXP},
    )
    found = issues(workload)
    assert [(i.code, i.path) for i in found] == [
        ("workload-attribute-value", ("patience", "zalo")),
        ("workload-attribute-value", ("service", 1, "category")),
        ("workload-attribute-value", ("streams", 0, "mix", "category", "complain")),
        ("workload-attribute-value", ("streams", 1, "attributes", "channel")),
    ]
    assert "did you mean `complaint`" in found[2].message
    assert "phone, social, in_person" in found[3].message
    assert [points_at_key(i) for i in found] == [True, False, True, False]


@pytest.mark.parametrize(
    ("attributes", "phrase"),
    [
        ({"order_value": "lots"}, "write a number"),
        ({"order_value": -5}, "below its minimum 0"),
        ({"order_value": 1.5}, "whole numbers only"),
        ({"is_repeat_contact": "yes"}, "write `true` or `false`"),
        ({"channel": 1}, "cannot be `1`"),
    ],
    ids=["text-for-number", "below-minimum", "fraction", "text-for-boolean", "number-for-enum"],
)
def test_number_and_boolean_values_fit_their_attribute(
    attributes: dict[str, Any], phrase: str
) -> None:
    """A fixed value of the wrong type or out of range says what to write instead."""
    workload = Workload.model_validate(
        {
            "id": "w",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": [
                {"id": "s", "rate": 1, "attributes": {"channel": "chat", **attributes}},
            ],
            "service": [{"unit": "online_care", "time": EXP}],
        }
    )
    found = [i for i in issues(workload, "growing") if i.code == "workload-attribute-value"]
    assert len(found) == 1
    assert phrase in found[0].message


def test_only_enum_attributes_can_be_mixed() -> None:
    """Mixing a number attribute is refused with the way out (draw it from a distribution,
    or fix it)."""
    workload = Workload.model_validate(
        {
            "id": "w",
            "start": "2027-03-01T00:00:00+07:00",
            "streams": [
                {
                    "id": "s",
                    "rate": 1,
                    "attributes": {"channel": "chat"},
                    "mix": {"order_value": {"100": 1, "200": 1}},
                }
            ],
            "service": [{"unit": "online_care", "time": EXP}],
        }
    )
    [issue] = [i for i in issues(workload, "growing") if i.code == "workload-attribute-value"]
    assert issue.path == ("streams", 0, "mix", "order_value")
    assert "under `draw`" in issue.message
    assert "`draw`" in issue.text("vi")


def test_required_attribute_missing() -> None:
    """A stream that neither fixes nor mixes a required attribute is reported, and its
    tickets are not routed (no follow-on reachability finding)."""
    workload = small_workload(
        streams=[{"id": "q", "rate": 1, "attributes": {"category": "question"}}],
        service=[],
    )
    issue = only(workload)
    assert (issue.code, issue.path) == ("workload-missing-attribute", ("streams", 0, "attributes"))
    assert "`channel`" in issue.message


def test_a_mixed_required_attribute_is_enough() -> None:
    """Drawing the required channel in `mix` satisfies the schema."""
    workload = small_workload(
        streams=[{"id": "q", "rate": 1, "mix": {"channel": {"phone": 1, "social": 2}}}]
    )
    assert issues(workload) == []


# -- where tickets go --------------------------------------------------------------------------


def test_no_service_time_names_unit_categories_and_route() -> None:
    """A reachable unit without a time for some of its categories is an error at the first
    stream that brings one, naming the rule and the entry to add."""
    workload = small_workload(
        streams=[
            {"id": "calls", "rate": 1, "attributes": {"channel": "phone", "category": "question"}},
            {
                "id": "angry",
                "rate": 1,
                "attributes": {"channel": "phone"},
                "mix": {"category": {"complaint": 1, "warranty": 1}},
            },
        ],
        service=[{"unit": "cskh", "category": "question", "time": EXP}],
    )
    issue = only(workload)
    assert (issue.code, issue.path) == ("workload-no-service-time", ("streams", 1))
    assert "categories: complaint, warranty" in issue.message
    assert "rule `complaints`" in issue.message
    assert "`{unit: cskh, time:" in issue.message


def test_a_category_less_time_covers_every_category() -> None:
    """A service entry without a category covers tickets of any (or no) category."""
    workload = small_workload(
        streams=[{"id": "c", "rate": 1, "mix": {"channel": {"phone": 1}}}],
        service=[{"unit": "cskh", "time": EXP}],
    )
    assert issues(workload) == []


def test_tickets_without_category_need_a_category_less_time() -> None:
    """Tickets with no category are covered only by an entry without a category."""
    workload = small_workload(service=[{"unit": "cskh", "category": "question", "time": EXP}])
    issue = only(workload)
    assert issue.code == "workload-no-service-time"
    assert "(none)" in issue.message


def growing_workload(streams: list[dict[str, Any]], **changes: Any) -> Workload:
    data: dict[str, Any] = {
        "id": "w",
        "department": "bep_xanh_cskh",
        "start": "2027-03-01T00:00:00+07:00",
        "streams": streams,
        "service": [
            {"unit": unit, "time": EXP}
            for unit in ("online_care", "support", "after_sales", "cskh")
        ],
        "holders": [
            {"holder": h, "turnaround": EXP}
            for h in ("technical", "warehouse", "head_of_sales", "board")
        ],
    }
    data.update(changes)
    return Workload.model_validate(data)


def test_escalation_follows_the_triggers_that_can_fire() -> None:
    """Chat questions reach the online desk, then support and the care manager by SLA
    steps, but not the technical department, whose step fires on technical tickets only,
    nor the head of sales, whose step from the manager is manual (or on reopening)."""
    chats = [{"id": "c", "rate": 1, "attributes": {"channel": "chat", "category": "question"}}]
    reach = reachable_holders(growing_workload(chats, holders=[]), dept("growing"))
    assert sorted(reach) == ["cskh", "online_care", "support"]
    technical = [{"id": "t", "rate": 1, "attributes": {"channel": "chat", "category": "technical"}}]
    reach = reachable_holders(growing_workload(technical, holders=[]), dept("growing"))
    via = reach["technical"]["technical"].via
    assert via == "escalation step `support_technical` from `support`"


def test_manual_steps_fire_when_the_holder_escalates() -> None:
    """A `manual` step counts once its holder escalates (`escalate` > 0); a `reopened`
    step once tickets are reopened."""
    chats = [{"id": "c", "rate": 1, "attributes": {"channel": "chat", "category": "question"}}]
    manager = [{"holder": "cskh", "resolve": 0.9, "escalate": 0.1}]
    reach = reachable_holders(growing_workload(chats, holders=manager), dept("growing"))
    assert "head_of_sales" in reach
    assert "board" not in reach
    reopen = {"probability": 0.1, "delay": EXP}
    reach = reachable_holders(growing_workload(chats, holders=[], reopen=reopen), dept("growing"))
    assert reach["head_of_sales"]["question"].via.startswith("escalation step `manager_to")


def test_partner_sends_to_the_first_functional_step() -> None:
    """`partner` > 0 makes the holder's first functional step fire whatever its triggers."""
    calls = [{"id": "c", "rate": 1, "attributes": {"channel": "phone", "category": "question"}}]
    partner = [{"holder": "support", "resolve": 0.9, "partner": 0.1}]
    assert "technical" not in reachable_holders(growing_workload(calls), dept("growing"))
    reach = reachable_holders(growing_workload(calls, holders=partner), dept("growing"))
    assert "technical" in reach


def test_no_turnaround_for_a_reachable_external() -> None:
    """An external party tickets reach needs a turnaround; it is reported at its `holders`
    entry when listed, else at the stream."""
    returns = [{"id": "r", "rate": 1, "attributes": {"channel": "email", "category": "return"}}]
    holders = [{"holder": "warehouse"}, {"holder": "cskh", "resolve": 0.9, "escalate": 0.1}]
    found = issues(growing_workload(returns, holders=holders), "growing")
    assert [(i.code, i.path) for i in found] == [
        ("workload-no-turnaround", ("holders", 0, "holder")),
        ("workload-no-turnaround", ("streams", 0)),
    ]
    assert "external party `warehouse`" in found[0].message
    assert "after_sales_warehouse" in found[0].message
    assert "`head_of_sales`" in found[1].message


def test_unstaffed_reachable_unit() -> None:
    """A unit tickets reach with no staff is an error naming the route."""
    department = validate(
        EXAMPLES / "invalid" / "workload" / "departments" / "unstaffed.yaml"
    ).department
    assert department is not None
    workload = Workload.model_validate(
        {
            "id": "w",
            "start": "2027-06-07T00:00:00+07:00",
            "streams": [
                {"id": "c", "rate": 1, "attributes": {"channel": "phone", "category": "complaint"}}
            ],
            "service": [{"unit": "complaints", "time": EXP}],
        }
    )
    [issue] = check_workload(workload, department)
    assert (issue.code, issue.path) == ("workload-unit-unstaffed", ("streams", 0))
    assert "rule `complaints`" in issue.message


def test_department_without_routing() -> None:
    """Without routing rules nothing can be placed: one error, no reachability findings."""
    department = validate(
        EXAMPLES / "invalid" / "workload" / "departments" / "no-routing.yaml"
    ).unwrap()
    workload = Workload.model_validate(
        {
            "id": "w",
            "start": "2027-06-07T00:00:00+07:00",
            "streams": [{"id": "c", "rate": 1, "attributes": {"channel": "phone"}}],
        }
    )
    [issue] = check_workload(workload, department)
    assert (issue.code, issue.path) == ("workload-no-routing", ("streams",))


def _everything(department: Department) -> Workload:
    """One stream mixing every value of every enum attribute of the department."""
    schema = department.ticket_schema
    mix = {
        name: dict.fromkeys(schema.enum_values(name), 1)
        for name in schema.attributes
        if schema.enum_values(name)
    }
    stream = {"id": "all", "rate": 1, "mix": mix}
    return Workload.model_validate(
        {"id": "w", "start": "2027-11-01T00:00:00+07:00", "streams": [stream]}
    )


def test_every_combination_that_matters_is_routed() -> None:
    """A mix of 64,512 combinations is routed over the attributes routing, escalation and
    service times use (2,016 here), reaching units only a combination of three values
    leads to (a warranty claim by phone from central Vietnam)."""
    large = dept("large")
    reach = reachable_holders(_everything(large), large)
    assert {"warranty_central", "accounts_dealer", "complaints_social"} <= set(reach)


def test_beyond_the_cap_every_value_is_still_routed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past `MAX_COMBINATIONS`, each value of each mixed attribute is still routed once."""
    monkeypatch.setattr("cskh_org.checks.workload.MAX_COMBINATIONS", 10)
    large = dept("large")
    reach = reachable_holders(_everything(large), large)
    assert {"accounts_vip", "accounts_dealer", "sales_showroom", "support_chat"} <= set(reach)
    assert MAX_COMBINATIONS == 4096


# -- escalation and partners, profiles ---------------------------------------------------------


def test_escalate_and_partner_need_their_steps() -> None:
    """Escalating without a manual step, or partnering without a functional step, is a
    warning at the probability."""
    workload = small_workload(
        holders=[{"holder": "cskh", "resolve": 0.8, "escalate": 0.1, "partner": 0.1}]
    )
    found = issues(workload)
    assert [(i.code, i.path) for i in found] == [
        ("workload-no-manual-step", ("holders", 0, "escalate")),
        ("workload-no-partner-step", ("holders", 0, "partner")),
    ]
    assert all(WORKLOAD_CODES[i.code].severity is Severity.WARNING for i in found)


def test_steps_present_mean_no_warning() -> None:
    """A holder with a manual step and a functional step may escalate and partner."""
    calls = [{"id": "c", "rate": 1, "attributes": {"channel": "phone", "category": "question"}}]
    holders = [
        {"holder": "support", "resolve": 0.8, "escalate": 0.1, "partner": 0.1},
        *({"holder": h, "turnaround": EXP} for h in ("technical", "head_of_sales", "board")),
    ]
    assert issues(growing_workload(calls, holders=holders), "growing") == []


@pytest.mark.parametrize(
    ("profile", "which"),
    [
        ({"id": "p", "hours": [0] * 24}, "hours"),
        (
            {
                "id": "p",
                "days": dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 0),
            },
            "days",
        ),
    ],
    ids=["hours", "days"],
)
def test_a_zero_profile_silences_its_streams(profile: dict[str, Any], which: str) -> None:
    """A profile that is zero all week is a warning naming the streams it silences."""
    workload = small_workload(
        profiles=[profile],
        streams=[{"id": "calls", "rate": 1, "profile": "p", "attributes": {"channel": "phone"}}],
    )
    issue = only(workload)
    assert (issue.code, issue.path) == ("workload-profile-zero", ("profiles", 0, which))
    assert "stream `calls` never sends a ticket" in issue.message


def test_a_closed_sunday_is_not_a_zero_profile() -> None:
    """Zero on some days or hours is a shape, not a problem."""
    workload = small_workload(
        profiles=[{"id": "p", "hours": [0] * 8 + [1] * 10 + [0] * 6, "days": {"sun": 0}}],
        streams=[{"id": "calls", "rate": 1, "profile": "p", "attributes": {"channel": "phone"}}],
    )
    assert issues(workload) == []


def test_output_is_sorted_and_deterministic() -> None:
    """The same workload gives the same issues in the same order, sorted by path."""
    workload = small_workload(
        department="other",
        streams=[
            {"id": "b", "rate": 1, "attributes": {"channel": "fax"}},
            {"id": "b", "rate": 1, "attributes": {"channel": "phone", "tier": "vip"}},
        ],
        service=[{"unit": "nobody", "time": EXP}],
    )
    first = issues(workload)
    assert first == issues(workload)
    assert [i.path[0] for i in first] == sorted(i.path[0] for i in first)
    assert {i.code for i in first} >= {
        "workload-department-mismatch",
        "workload-duplicate-id",
        "workload-attribute-value",
        "workload-unknown-attribute",
        "workload-unknown-unit",
    }
