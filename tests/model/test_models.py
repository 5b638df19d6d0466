"""The document models: ids, localized text, time zones, calendars, staff lines, ticket schema."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

import cskh_org
from cskh_org.model import (
    Calendar,
    Department,
    EnumAttribute,
    External,
    ExternalKind,
    NumberAttribute,
    Person,
    Role,
    StaffLine,
    TicketSchema,
    Unit,
    Weekday,
    default_ticket_schema,
    display,
)


def _error(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, Any]:
    errors = exc.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return dict(errors[0])


# -- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["support_team", "a", "Team-2", "cskh_hanoi", "x" * 64])
def test_valid_ids_are_accepted(good: str) -> None:
    """ASCII ids starting with a letter, up to 64 long, are accepted as written."""
    assert Person(id=good, name="n").id == good


@pytest.mark.parametrize(
    "bad", ["", "1team", "_team", "hỗ_trợ", "support team", "a.b", "x" * 65, "team\n"]
)
def test_invalid_ids_are_rejected_with_the_rule(bad: str) -> None:
    """Ids that are empty, non-ASCII, spaced, too long or not starting with a letter fail."""
    with pytest.raises(ValidationError) as exc:
        Person(id=bad, name="n")
    err = _error(exc)
    assert err["type"] == "id"
    assert "start with a letter" in err["msg"]
    assert "put the display name in `name`" in err["msg"]


# -- localized text ----------------------------------------------------------------------------


def test_plain_string_is_text_in_any_language() -> None:
    """A plain string becomes `{"und": text}`; a mapping is kept by language."""
    assert Person(id="lan", name="Nguyễn Thị Lan").name == {"und": "Nguyễn Thị Lan"}
    both = {"vi": "Hỗ trợ", "en": "Support"}
    assert Unit(id="support", name=both).name == both


def test_line_breaks_are_allowed_in_display_text() -> None:
    """A newline inside display text is kept (descriptions may span lines)."""
    assert Unit(id="u", name="n", description="một\nhai").description == {"und": "một\nhai"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("bell\x07", "0007"),
        ("tab\there", "0009"),
        ("nul\x00", "0000"),
        ("evil\u202etxt", "202E"),
        ("isolate\u2066x\u2069", "2066"),
    ],
)
def test_control_and_bidi_characters_are_rejected(text: str, code: str) -> None:
    """Control characters and bidi overrides/isolates fail, naming the code point."""
    with pytest.raises(ValidationError) as exc:
        Person(id="p", name=text)
    err = _error(exc)
    assert err["type"] == "display_text"
    assert f"U+{code}" in err["msg"]


@pytest.mark.parametrize("value", [{}, "   ", {"vi": ""}, "x" * 201])
def test_empty_blank_or_overlong_text_is_rejected(value: object) -> None:
    """No language at all, blank text, or text over 200 characters fails."""
    with pytest.raises(ValidationError):
        Person(id="p", name=value)


@pytest.mark.parametrize("lang", ["VI", "vietnamese", "v", "en_US", ""])
def test_language_keys_must_be_bcp47_tags(lang: str) -> None:
    """A key of localized text that is not a lowercase BCP 47 tag fails with a `lang` error."""
    with pytest.raises(ValidationError) as exc:
        Person(id="p", name={lang: "x"})
    assert _error(exc)["type"] == "lang"


def test_display_falls_back_along_languages() -> None:
    """`display` picks the language asked, then en/vi, then `und`, then any text."""
    text = {"vi": "Hỗ trợ", "en": "Support"}
    assert display(text, "vi") == "Hỗ trợ"
    assert display(text, "fr") == "Support"
    assert display({"vi": "Hỗ trợ"}, "en") == "Hỗ trợ"
    assert display({"und": "Lan"}, "en") == "Lan"
    assert display({"ja": "サポート"}, "en") == "サポート"
    assert display(None, "vi", fallback="-") == "-"


# -- time zones and calendars ------------------------------------------------------------------


@pytest.mark.parametrize("tz", ["Asia/Ho_Chi_Minh", "UTC", "Europe/London", "Etc/GMT+7"])
def test_iana_time_zones_are_accepted(tz: str) -> None:
    """Names from the IANA database are accepted."""
    assert Calendar(id="c", name="c", timezone=tz).timezone == tz


@pytest.mark.parametrize(
    "tz", ["Mars/Base", "../etc/passwd", "/etc/localtime", "Asia/../UTC", "", "GMT+7 "]
)
def test_unknown_or_path_like_time_zones_are_rejected(tz: str) -> None:
    """Unknown names and anything path-like fail with a `timezone` error and an example."""
    with pytest.raises(ValidationError) as exc:
        Calendar(id="c", name="c", timezone=tz)
    err = _error(exc)
    assert err["type"] == "timezone"
    assert "Asia/Ho_Chi_Minh" in err["msg"]


def test_calendar_accepts_split_shifts_and_a_day_ending_at_midnight() -> None:
    """Several ranges a day are allowed, and `24:00` may end the last one."""
    cal = Calendar(
        id="c", name="c", week={"mon": ["08:00-12:00", "13:30-17:30"], "sat": ["18:00-24:00"]}
    )
    assert cal.week[Weekday.MON] == ("08:00-12:00", "13:30-17:30")
    assert cal.week[Weekday.SAT] == ("18:00-24:00",)


@pytest.mark.parametrize(
    "bad", ["8:00-12:00", "12:00-08:00", "09:00-09:00", "08:00–12:00", "25:00-26:00"]
)
def test_malformed_or_backwards_time_ranges_are_rejected(bad: str) -> None:
    """A range not written `HH:MM-HH:MM`, or not ending after it starts, fails."""
    with pytest.raises(ValidationError) as exc:
        Calendar(id="c", name="c", week={"tue": [bad]})
    err = _error(exc)
    assert err["type"] == "time_range"
    assert "08:00-12:00" in err["msg"]


def test_overlapping_ranges_on_a_day_are_rejected() -> None:
    """Two ranges of one day that overlap fail, naming the day."""
    with pytest.raises(ValidationError) as exc:
        Calendar(id="c", name="c", week={"wed": ["13:00-17:00", "08:00-13:30"]})
    err = _error(exc)
    assert err["type"] == "time_range"
    assert "`wed`" in err["msg"]


# -- organisation ------------------------------------------------------------------------------


def test_staff_line_naming_a_person_has_headcount_one() -> None:
    """A staff line with a `person` and a headcount other than 1 fails."""
    assert StaffLine(role="agent", person="lan").headcount == 1
    with pytest.raises(ValidationError) as exc:
        StaffLine(role="agent", person="lan", headcount=2)
    assert _error(exc)["type"] == "staff_person"


@pytest.mark.parametrize("fte", [0, Decimal("1.5"), Decimal("-0.5"), Decimal("0.1234")])
def test_fte_is_between_zero_and_one_with_three_decimals(fte: Decimal) -> None:
    """FTE must be in (0, 1] with at most three decimals."""
    with pytest.raises(ValidationError):
        StaffLine(role="agent", fte=fte)


def test_unit_headcount_and_fte_sum_its_staff_lines() -> None:
    """A unit's headcount and FTE add up its staff lines (FTE per person times headcount)."""
    unit = Unit(
        id="u",
        name="u",
        staff=[
            {"role": "agent", "headcount": 3},
            {"role": "agent", "headcount": 2, "fte": Decimal("0.5")},
        ],
    )
    assert unit.headcount == 5
    assert unit.fte == Decimal(4)


def test_unknown_keys_are_errors_and_models_are_frozen() -> None:
    """An unknown key fails (never ignored) and a built model cannot be changed."""
    with pytest.raises(ValidationError) as exc:
        Unit(id="u", name="u", colour="red")  # type: ignore[call-arg]
    assert _error(exc)["type"] == "extra_forbidden"
    unit = Unit(id="u", name="u")
    with pytest.raises(ValidationError):
        unit.id = "v"  # type: ignore[misc]


def test_external_kind_is_a_closed_set() -> None:
    """An external's kind is one of the ExternalKind values."""
    assert External(id="sales", name="s", kind="head_of_sales").kind is ExternalKind.HEAD_OF_SALES
    with pytest.raises(ValidationError):
        External(id="x", name="x", kind="ceo")


def test_role_level_is_on_the_career_path() -> None:
    """A role's level is 1 to 9, default 1 (agent)."""
    role = Role(id="agent", title="Agent", monthly_cost="9000000 VND")
    assert role.level == 1
    with pytest.raises(ValidationError):
        Role(id="agent", title="Agent", monthly_cost="9000000 VND", level=0)


# -- ticket schema -----------------------------------------------------------------------------


def test_default_ticket_schema_lists_channels_with_labels() -> None:
    """The default schema has the six attributes; `channel` lists phone, email, chat…"""
    schema = default_ticket_schema()
    assert set(schema.attributes) == {
        "channel",
        "category",
        "tier",
        "priority",
        "language",
        "stage",
    }
    assert schema.enum_values("channel")[:3] == ("phone", "email", "chat")
    channel = schema.attributes["channel"]
    assert isinstance(channel, EnumAttribute)
    assert channel.required
    assert channel.labels["phone"] == {"vi": "Điện thoại", "en": "Phone"}
    assert schema.enum_values("nonexistent") == ()


def test_enum_attribute_values_are_unique_and_labels_name_values() -> None:
    """A value listed twice, or a label for a value not listed, fails."""
    with pytest.raises(ValidationError) as dup:
        EnumAttribute(type="enum", values=["vip", "vip"])
    assert _error(dup)["type"] == "enum_duplicate"
    with pytest.raises(ValidationError) as label:
        EnumAttribute(type="enum", values=["vip"], labels={"vpi": "VIP"})
    err = _error(label)
    assert err["type"] == "enum_label"
    assert "`vpi`" in err["msg"]


def test_number_attribute_range_must_be_ordered() -> None:
    """`minimum` greater than `maximum` fails and says to swap them."""
    with pytest.raises(ValidationError) as exc:
        NumberAttribute(type="number", minimum=10, maximum=1)
    assert "swap" in _error(exc)["msg"]


def test_ticket_attribute_kind_is_chosen_by_type() -> None:
    """`type` picks the attribute model; an unknown type fails."""
    schema = TicketSchema(attributes={"order_value": {"type": "number", "minimum": 0}})
    assert isinstance(schema.attributes["order_value"], NumberAttribute)
    with pytest.raises(ValidationError):
        TicketSchema(attributes={"x": {"type": "colour"}})


# -- the department ----------------------------------------------------------------------------

_DOC = """\
id: shop
name: {vi: Cửa hàng, en: Shop}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: owner, title: Chủ cửa hàng, monthly_cost: 15000000 VND}
  - {id: agent, title: Nhân viên, monthly_cost: 9000000 VND}
units:
  - id: care
    name: {vi: Chăm sóc khách hàng, en: Customer care}
    head: owner
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: owner}]
  - id: desk
    name: Quầy
    parent: care
    staff: [{role: agent}]
"""


def test_department_lookups_and_labels() -> None:
    """A loaded department indexes units and roles by id, lists children and labels text."""
    dept = cskh_org.loads(_DOC)
    assert isinstance(dept, Department)
    assert dept.units_by_id["desk"].parent == "care"
    assert set(dept.roles_by_id) == {"owner", "agent"}
    assert [u.id for u in dept.children("care")] == ["desk"]
    assert dept.label(dept.name) == "Cửa hàng"
    assert dept.label(dept.name, "en") == "Shop"
    assert dept.function_names["support"]["vi"] == "Hỗ trợ"
    assert dept.channels == default_ticket_schema().enum_values("channel")
    assert dept.languages == ("vi", "en")
    assert dept.checks.max_span_of_control == 15
