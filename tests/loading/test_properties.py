"""Properties of loading, checked on generated input (hypothesis).

* Any valid department — a units tree, roles, staff lines, every function covered,
  Vietnamese display names — written by :func:`cskh_org.serialize.dump_yaml` loads back
  through :func:`validate_text` equal to itself, without an error.
* Any damage to a valid document's text (a line deleted, duplicated or re-indented, a
  character changed, random unicode inserted, the text cut short) gives a normal
  :class:`LoadResult` — findings or a department — never an exception.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.findings import has_errors
from cskh_org.loading import LoadResult, validate, validate_text
from cskh_org.loading.source import ParsedSource, parse_bytes
from cskh_org.model import BUILTIN_FUNCTIONS, Department
from cskh_org.serialize import dump_yaml
from tests.conftest import EXAMPLES, ROOT, examples

SETTINGS = settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- valid departments -------------------------------------------------------------------------

_VI_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_VI_ALPHABET = _VI_LETTERS + _VI_LETTERS.upper() + "0123456789 ,.-&()/'"
_WORDS = st.text(alphabet=_VI_ALPHABET, min_size=1, max_size=24).filter(lambda s: s.strip() != "")
_TRICKY_TEXT = st.sampled_from(
    [
        "no",
        "yes",
        "on",
        "off",
        "0123",
        "12:30",
        "08:00-12:00",
        "true",
        "False",
        "null",
        "~",
        "12000000 VND",
        "- gạch đầu dòng",
        "Nhóm: Hỗ trợ",
        "Nhóm #1",
        "[Hỗ trợ]",
        "{Hỗ trợ}",
        "'Hỗ trợ'",
        '"Hỗ trợ"',
        "@hotro",
        "*hotro",
        "&hotro",
        "!hotro",
        "%hotro",
        "dòng 1\ndòng 2",
        " Hỗ trợ",
        "Hỗ trợ ",
        "Trưởng phòng — CSKH",
        "客户服务",
    ]
)


_TEXT = st.one_of(_WORDS, _TRICKY_TEXT)
_LOCALIZED = st.dictionaries(
    st.sampled_from(["vi", "en", "no", "fr", "zh-Hans"]), _TEXT, min_size=1, max_size=3
)
_ID = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
_CHANNELS = ("phone", "email", "chat", "social", "in_person", "self_service", "app")
_FTE = st.sampled_from(
    [Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal("0.75"), Decimal("0.125")]
)
_WEEKS = st.sampled_from(
    [
        {"mon": ["08:00-12:00", "13:30-17:30"], "sat": ["08:00-12:00"]},
        {"sun": ["00:00-24:00"]},
        {"tue": ["17:30-21:00"], "wed": ["07:00-22:00"]},
        {},
    ]
)


def _unique_ids(draw: st.DrawFn, count: int, taken: set[str]) -> list[str]:
    ids = draw(
        st.lists(_ID.filter(lambda i: i not in taken), min_size=count, max_size=count, unique=True)
    )
    taken.update(ids)
    return ids


@st.composite
def departments(draw: st.DrawFn) -> Department:
    """A department that validates clean: one reporting tree, heads staffed, all functions."""
    taken = set(BUILTIN_FUNCTIONS)
    currency, amounts = draw(
        st.sampled_from(
            [
                ("VND", st.integers(1_000_000, 200_000_000).map(Decimal)),
                ("USD", st.decimals(min_value=100, max_value=20_000, places=2)),
            ]
        )
    )
    role_ids = _unique_ids(draw, draw(st.integers(1, 4)), taken)
    roles = [
        {
            "id": rid,
            "title": draw(_LOCALIZED),
            "level": draw(st.integers(1, 9)),
            "skills": draw(st.lists(_ID, max_size=3, unique=True)),
            "monthly_cost": {
                "amount": draw(amounts),
                "currency": draw(st.sampled_from([currency, None])),
            },
        }
        for rid in role_ids
    ]
    people = [
        {"id": pid, "name": draw(_LOCALIZED)}
        for pid in _unique_ids(draw, draw(st.integers(0, 3)), taken)
    ]
    custom = [
        {"id": fid, "name": draw(_LOCALIZED), "description": draw(st.none() | _LOCALIZED)}
        for fid in _unique_ids(draw, draw(st.integers(0, 2)), taken)
    ]
    calendars = [
        {"id": cid, "name": draw(_LOCALIZED), "week": draw(_WEEKS)}
        for cid in _unique_ids(draw, draw(st.integers(0, 2)), taken)
    ]
    calendar_ref = (
        st.none() | st.sampled_from([c["id"] for c in calendars]) if calendars else st.none()
    )

    unit_ids = _unique_ids(draw, draw(st.integers(1, 8)), taken)
    free_people = [p["id"] for p in people]
    units: list[dict[str, Any]] = []
    for i, uid in enumerate(unit_ids):
        head_role = draw(st.sampled_from(role_ids))
        staff: list[dict[str, Any]] = [{"role": head_role}]
        for _ in range(draw(st.integers(0, 3))):
            line: dict[str, Any] = {
                "role": draw(st.sampled_from(role_ids)),
                "headcount": draw(st.integers(0, 40)),
                "fte": draw(_FTE),
                "calendar": draw(calendar_ref),
                "skills": draw(st.lists(_ID, max_size=2, unique=True)),
            }
            named = draw(st.booleans())
            if named and free_people:
                line.update(person=free_people.pop(), headcount=1)
            staff.append(line)
        units.append(
            {
                "id": uid,
                "name": draw(_LOCALIZED),
                "description": draw(st.none() | _LOCALIZED),
                "parent": unit_ids[draw(st.integers(0, i - 1))] if i else None,
                "head": head_role,
                "functions": draw(
                    st.lists(
                        st.sampled_from([*BUILTIN_FUNCTIONS, *(f["id"] for f in custom)]),
                        max_size=3,
                        unique=True,
                    )
                ),
                "channels": draw(st.lists(st.sampled_from(_CHANNELS), max_size=3, unique=True)),
                "calendar": draw(calendar_ref),
                "staff": staff,
            }
        )
    covered = {f for unit in units for f in unit["functions"]}
    top = units[0]
    top["functions"] = [
        *top["functions"],
        *(f for f in [*BUILTIN_FUNCTIONS, *(c["id"] for c in custom)] if f not in covered),
    ]
    with_sales_head = draw(st.booleans())
    externals = (
        [
            {
                "id": "head_of_sales",
                "name": draw(_LOCALIZED),
                "kind": "head_of_sales",
                "reports_to": "board",
            },
            {"id": "board", "name": draw(_LOCALIZED), "kind": "board"},
        ]
        if with_sales_head
        else []
    )
    return Department.model_validate(
        {
            "id": draw(_ID),
            "name": draw(_LOCALIZED),
            "description": draw(st.none() | _LOCALIZED),
            "languages": draw(st.sampled_from([["vi", "en"], ["vi"], ["en", "vi"]])),
            "currency": currency,
            "timezone": draw(st.sampled_from(["Asia/Ho_Chi_Minh", "Asia/Bangkok", "UTC"])),
            "reports_to": "head_of_sales" if with_sales_head else None,
            "functions": custom,
            "roles": roles,
            "people": people,
            "units": units,
            "externals": externals,
            "calendars": calendars,
            "checks": {"max_span_of_control": 1000},
        }
    )


@SETTINGS
@given(departments())
def test_valid_department_round_trips_through_yaml(dept: Department) -> None:
    """dump_yaml then validate_text gives back an equal department, with no error finding."""
    text = dump_yaml(dept)
    result = validate_text(text, name="generated.yaml")
    errors = [f.format() for f in result.findings if f.severity.is_error]
    assert errors == [], text
    assert result.department == dept, text


@pytest.mark.parametrize(
    "name",
    [
        ".Nan",
        ".iNf",
        "0o17",
        "1e3",
        "-.5",
        "1e+3",
    ],
)
def test_number_like_names_round_trip(name: str) -> None:
    """A display name that reads as a number under some YAML rules round-trips as text."""
    dept = Department.model_validate(
        {
            "id": "shop",
            "name": {"vi": name},
            "currency": "VND",
            "timezone": "Asia/Ho_Chi_Minh",
            "roles": [{"id": "owner", "title": "Chủ", "monthly_cost": "1000000 VND"}],
            "units": [
                {
                    "id": "care",
                    "name": "Chăm sóc",
                    "head": "owner",
                    "functions": list(BUILTIN_FUNCTIONS),
                    "staff": [{"role": "owner"}],
                }
            ],
        }
    )
    result = validate_text(dump_yaml(dept))
    assert result.department == dept, [f.format() for f in result.findings]


# -- damaged documents -------------------------------------------------------------------------

BASES = [
    (EXAMPLES / "small" / "department.yaml").read_text("utf-8"),
    (ROOT / "cskh_org" / "templates" / "growing.yaml").read_text("utf-8"),
    (ROOT / "cskh_org" / "templates" / "large.yaml").read_text("utf-8"),
]
_SPECIAL = st.sampled_from(
    [
        "\x00",
        "\x1b",
        "\t",
        "\r",
        "\r\n",
        "\x85",
        "\u2028",
        "\ufeff",
        "\ufffe",
        "\ud800",
        "\u202e",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        ": ",
        "- ",
        "? ",
        "&a ",
        "*a",
        "!!python/object ",
        "!x ",
        "<<: ",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "|\n",
        ">-\n",
        "'",
        '"',
        "#",
        "\\",
        "include: [x]\n",
    ]
)
_INSERTED = st.one_of(
    _SPECIAL, st.text(max_size=6), st.text(st.characters(codec="utf-8"), max_size=3)
)

Mutation = Callable[[str], str]
STOPPING_CODES = frozenset(
    {
        "encoding",
        "yaml-syntax",
        "yaml-merge-key",
        "yaml-complex-key",
        "yaml-too-deep",
        "yaml-too-large",
        "yaml-multiple-documents",
    }
)
"""Parse findings after which no tree is given."""
PARSE_CODES = STOPPING_CODES | {"duplicate-key", "yaml-tag"}


@st.composite
def _mutation(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["delete", "duplicate", "change", "indent", "insert", "truncate"]))
    where = draw(st.floats(0, 1, exclude_max=True))

    def at(text: str) -> int:
        return int(where * (len(text) + 1))

    if kind in ("delete", "duplicate", "indent"):
        indent = draw(st.sampled_from(["", " ", "  ", "    ", "\t", "      "]))

        def on_line(text: str) -> str:
            lines = text.splitlines(keepends=True)
            if not lines:
                return text
            i = int(where * len(lines))
            line = lines[i]
            if kind == "delete":
                del lines[i]
            elif kind == "duplicate":
                lines.insert(i, line)
            else:
                lines[i] = indent + line.lstrip(" \t")
            return "".join(lines)

        return on_line
    if kind == "change":
        char = draw(st.one_of(_SPECIAL, st.characters()))
        return lambda text: text[: at(text)] + char + text[at(text) + 1 :]
    if kind == "insert":
        inserted = draw(_INSERTED)
        return lambda text: text[: at(text)] + inserted + text[at(text) :]
    return lambda text: text[: at(text)]


def _load(load: Callable[[], LoadResult]) -> LoadResult:
    """``load()``: any exception fails the property."""
    return load()


_MUTATIONS = st.lists(_mutation(), min_size=1, max_size=3)


def _damage(mutations: list[Mutation], text: str) -> str:
    for mutate in mutations:
        text = mutate(text)
    return text


def _assert_well_formed(result: LoadResult, text: str, name: str) -> None:
    """The result is a normal answer: a department or error findings, each soundly placed."""
    assert isinstance(result, LoadResult)
    if result.department is None:
        assert has_errors(result.findings)
    assert result.ok() == (result.department is not None and not has_errors(result.findings))
    lines = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 2  # YAML's line breaks
    for finding in result.findings:
        assert finding.code
        assert finding.message
        if finding.location is not None and finding.location.file == name:
            assert 1 <= finding.location.line <= lines, finding
            assert finding.location.column >= 1, finding


@SETTINGS
@given(st.sampled_from(BASES), st.data())
def test_damaged_text_gives_findings_never_an_exception(base: str, data: st.DataObject) -> None:
    """Any mix of deleted, duplicated, re-indented, changed or inserted text, or a cut, loads."""
    text = _damage(data.draw(_MUTATIONS), base)
    result = _load(lambda: validate_text(text, name="damaged.yaml"))
    _assert_well_formed(result, text, "damaged.yaml")


def test_timezone_naming_a_folder_is_a_finding() -> None:
    """`timezone: Asia` (a cut-short zone name, a folder in tzdata) is an `invalid-timezone`."""
    text = BASES[0].replace("timezone: Asia/Ho_Chi_Minh", "timezone: Asia", 1)
    result = validate_text(text, name="d.yaml")
    assert [f.code for f in result.findings] == ["invalid-timezone"]


@SETTINGS
@given(st.sampled_from(BASES), st.data())
def test_damaged_bytes_give_findings_never_an_exception(base: str, data: st.DataObject) -> None:
    """The same damage written as bytes (lone surrogates become invalid UTF-8) parses or reports."""
    raw = _damage(data.draw(_MUTATIONS), base).encode("utf-8", "surrogatepass")
    cut = data.draw(st.integers(0, len(raw)))
    parsed = parse_bytes(raw[:cut] if data.draw(st.booleans()) else raw, "damaged.yaml")
    assert isinstance(parsed, ParsedSource)
    codes = {f.code for f in parsed.findings}
    assert codes <= PARSE_CODES
    if codes & STOPPING_CODES:
        assert parsed.data is None
    for finding in parsed.findings:
        assert finding.location is not None
        assert finding.location.line >= 1
        assert finding.location.column >= 1


@pytest.fixture(scope="module")
def growing_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the growing example (a root document with includes) to damage in place."""
    folder = tmp_path_factory.mktemp("growing")
    shutil.copytree(EXAMPLES / "growing", folder, dirs_exist_ok=True)
    return folder


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_document_with_includes_loads(growing_copy: Path, data: st.DataObject) -> None:
    """Damage to a root document that includes other files (its include list too) still loads."""
    path = growing_copy / "department.yaml"
    base = (EXAMPLES / "growing" / "department.yaml").read_text("utf-8")
    text = _damage(data.draw(_MUTATIONS), base)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = _load(lambda: validate(path))
    _assert_well_formed(result, text, str(path))
