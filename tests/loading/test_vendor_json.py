"""The places of a helpdesk's JSON values (:mod:`cskh_org.loading.vendor_json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.errors import CskhOrgError
from cskh_org.findings import Location
from cskh_org.loading.vendor_json import VendorFiles, json_places, read_vendor_files

_KEYS = st.text(st.characters(blacklist_characters=".[]", codec="utf-8"), max_size=6)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=30,
)


def _walk(value: Any, path: str = "$") -> dict[str, Any]:
    """The plain reference: every value of ``value`` under its path."""
    out = {path: value}
    if isinstance(value, dict):
        for key, item in value.items():
            out |= _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out |= _walk(item, f"{path}[{i}]")
    return out


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(s) + 1 for s in lines[: line - 1]) + column - 1


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.sampled_from([None, 0, 2]), st.booleans())
def test_every_value_is_found_where_it_is_written(
    value: Any, indent: int | None, ascii_: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_)
    places = json_places(text)
    expected = _walk(value)
    assert set(places) == set(expected)
    decoder = json.JSONDecoder()
    for path, (line, column) in places.items():
        found, _ = decoder.raw_decode(text, _offset(text, line, column))
        assert json.dumps(found) == json.dumps(expected[path])


def test_a_known_place() -> None:
    text = (
        '{\n  "triggers": [\n    {"id": 1},\n'
        '    {"id": 2, "actions": [{"field": "group_id"}]}\n  ]\n}\n'
    )
    places = json_places(text)
    assert places["$.triggers[1]"] == (4, 5)
    assert places["$.triggers[1].actions[0].field"] == (4, 37)  # the value "group_id"
    assert places["$"] == (1, 1)


def test_a_deeply_nested_file_does_not_exhaust_the_stack() -> None:
    text = "[" * 50_000 + "]" * 50_000
    places = json_places(text)
    assert places["$" + "[0]" * 49_999] == (1, 50_000)


def test_locate_falls_back_to_the_enclosing_value() -> None:
    here = Location("t.json", 3, 5)
    files = VendorFiles({}, {"t.json:$": Location("t.json", 1, 1), "t.json:$.a[2]": here})
    assert files.locate("t.json:$.a[2].conditions.all[1]") == here
    assert files.locate("t.json:$.b") == Location("t.json", 1, 1)
    assert files.locate("u.json:$.a") is None
    assert files.locate("no path") is None


def test_read_vendor_files_locates_and_refuses_bad_json(tmp_path: Path) -> None:
    (tmp_path / "groups.json").write_text('{"groups": [\n  {"id": 7}\n]}', encoding="utf-8")
    (tmp_path / "dept.helpdesk.json").write_text("not json", encoding="utf-8")  # a sidecar: skipped
    files = read_vendor_files([str(tmp_path)])
    assert files.documents == {"groups.json": {"groups": [{"id": 7}]}}
    where = files.locate("groups.json:$.groups[0].name")
    assert where is not None
    assert (where.line, where.column) == (2, 3)
    (tmp_path / "broken.json").write_text('{"groups": [1,]}', encoding="utf-8")
    with pytest.raises(CskhOrgError) as caught:
        read_vendor_files([str(tmp_path)])
    assert "broken.json" in str(caught.value)
