"""The helpers of the model floor's base module."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from cskh_org.loading import validate_text
from cskh_org.model import base
from cskh_org.model.base import at_most_pattern


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_at_most_pattern_matches_exactly_the_numbers_up_to_its_limit(limit: int, n: int) -> None:
    pattern = re.compile(at_most_pattern(limit) + r"\Z")
    assert bool(pattern.match(str(n))) == (n <= limit)
    assert pattern.match(str(limit))
    assert not pattern.match(f"0{n}")  # leading zeros are the caller's to allow


@given(st.integers(0, 10**6))
def test_at_most_pattern_near_its_limit(limit: int) -> None:
    pattern = re.compile(at_most_pattern(limit) + r"\Z")
    for n in range(max(0, limit - 12), limit + 13):
        assert bool(pattern.match(str(n))) == (n <= limit), (limit, n)


_SMALL = (Path(__file__).resolve().parents[2] / "examples" / "small" / "department.yaml").read_text(
    encoding="utf-8"
)


def _with_desk(lines: list[str]) -> str:
    """The small example with one more unit whose staff lines are ``lines`` (flow mappings)."""
    staff = "".join(f"      - {line}\n" for line in lines)
    desk = (
        "  - id: desk\n    name: {vi: Quầy}\n    parent: cskh\n    calendar: office_hours\n"
        f"    staff:\n{staff}"
    )
    head, units, tail = _SMALL.partition("\nunits:\n")
    return head + units + desk + tail


def test_equal_staff_lines_of_a_document_are_one_instance() -> None:
    """Lines that write the same data are validated once and shared; the same value written
    with another type is another line, and a line in error is reported at every place it is
    written, not once."""
    lines = ["{role: care_officer, headcount: 2}"] * 3 + ["{role: care_officer, headcount: 2.0}"]
    good = validate_text(_with_desk(lines), name="d.yaml").department
    assert good is not None
    a, b, c, d = good.units_by_id["desk"].staff
    assert a is b is c
    assert d == a
    assert d is not a
    text = _with_desk(
        [
            "{role: care_officer, headcount: 2}",
            '{role: care_officer, headcount: "2"}',
            "{role: care_officer, headcount: 2}",
            '{role: care_officer, headcount: "2"}',
        ]
    )
    result = validate_text(text, name="d.yaml")
    written = [i for i, line in enumerate(text.splitlines(), 1) if 'headcount: "2"' in line]
    found = [f.location.line for f in result.findings if f.location and "headcount" in f.message]
    assert len(written) == 2
    assert found == written


_RIGHT = {
    "role": ["care_officer", "care_assistant"],
    "headcount": ["1", "2", "2.0", "true"],
    "fte": ["0.5", "1", "1.0", "0.25"],
    "skills": ["[zalo]", "[vietnamese]", "[zalo, vietnamese]", "[]"],
    "person": ["hoa", "khang"],
}
_WRONG = {
    "role": ["nobody", "1x"],
    "headcount": ['"2"', "-1"],
    "fte": ['"0.5"', "0", "1.5"],
    "skills": ["[1]", "[zalo, zalo]"],
    "person": ["nobody"],
}


@st.composite
def _staff_lines(draw: st.DrawFn) -> list[str]:
    """A right staff line, and lines that differ from it in one value each (right or wrong),
    repeated: many lines alike, and many alike but for one value or its type."""
    keys = draw(st.lists(st.sampled_from(sorted(_RIGHT)), unique=True, max_size=3))
    base = {k: draw(st.sampled_from(_RIGHT[k])) for k in dict.fromkeys(["role", *keys])}
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        line = dict(base)
        key = draw(st.sampled_from(sorted(line)))
        line[key] = draw(st.sampled_from(_RIGHT[key] + _WRONG[key]))
        lines.append("{" + ", ".join(f"{k}: {v}" for k, v in line.items()) + "}")
    return lines


@settings(max_examples=40, deadline=None)
@given(_staff_lines())
def test_interned_staff_lines_validate_as_each_line_on_its_own(lines: list[str]) -> None:
    """With staff lines interned or each validated on its own, the same findings at the same
    places and the same department, to each value's type (``1`` and ``1.0`` are the same
    number, not the same decimal)."""
    text = _with_desk(lines)
    shared = validate_text(text, name="d.yaml")
    with mock.patch.object(base, "plain_key", return_value=None):
        alone = validate_text(text, name="d.yaml")
    assert shared.findings == alone.findings
    assert (shared.department is None) == (alone.department is None)
    if shared.department is not None and alone.department is not None:
        assert repr(shared.department.model_dump()) == repr(alone.department.model_dump())


def _display_refusal(value: str) -> str | None:
    """The plain check of a display text, a character at a time: the catalogue entry of its
    refusal, or ``None`` when it is accepted (the reference of ``_check_display``)."""
    for ch in value:
        if ch in base._BIDI_CONTROLS or (unicodedata.category(ch) == "Cc" and ch != "\n"):
            return "value.display-text.control"
        if unicodedata.category(ch) == "Cf":
            return "value.display-text.invisible"
    return "value.display-text.blank" if not value.strip() else None


_DISPLAY = st.text(
    alphabet=st.one_of(
        st.sampled_from(" \n\t\u00a0\u200b\u202e\u2066\ufeff\u0000\u0085\u2028ắ\u0301Aa"),
        st.characters(),
    ),
    max_size=12,
)


@given(_DISPLAY)
def test_a_display_text_is_refused_exactly_as_a_character_at_a_time(value: str) -> None:
    """The display-text check (which passes printable text at once) accepts and refuses
    the texts the plain check does, with the same message."""
    expected = _display_refusal(value)
    if expected is None:
        assert base._check_display(value) == value
        return
    with pytest.raises(PydanticCustomError) as refused:
        base._check_display(value)
    assert refused.value.context is not None
    assert refused.value.context["said"] == expected
