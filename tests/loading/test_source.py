"""Stage 1 of loading: text → a marked tree, with YAML 1.2 scalars and located parse findings.

Marks are ``(file, line, column)``, 1-based, columns counted in characters (a Vietnamese
letter is one column). Each mark test runs with libyaml and with PyYAML's pure-Python parser,
which must build the same tree with the same marks.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cskh_org.errors import SourceError
from cskh_org.findings import Finding, Location, Severity
from cskh_org.loading import validate_text
from cskh_org.loading.source import (
    HAVE_LIBYAML,
    Limits,
    MarkedDict,
    MarkedList,
    ParsedSource,
    SourceMark,
    locate,
    parse_bytes,
    parse_text,
    read_source,
)

NAME = "dept.yaml"
PARSERS = [
    pytest.param(
        True,
        id="libyaml",
        marks=pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML built without libyaml"),
    ),
    pytest.param(False, id="pure-python"),
]

DOC = """\
id: shop
name:
  vi: Cửa hàng Điện máy
  en: Shop
empty:
units:
  - id: care
    title: {vi: Nhân viên, en: Agent}
    staff: [{role: owner}, {role: agent, headcount: 2}]
    note: |
      line one
    list:
    - a
    -   b
"""


def _parse(text: str, libyaml: bool = HAVE_LIBYAML, limits: Limits | None = None) -> ParsedSource:
    return parse_text(text, NAME, limits, libyaml=libyaml)


def _tree(text: str, libyaml: bool = HAVE_LIBYAML) -> MarkedDict:
    parsed = _parse(text, libyaml)
    assert parsed.findings == ()
    assert isinstance(parsed.data, MarkedDict)
    return parsed.data


def _at(text: str, line: int, needle: str, nth: int = 0) -> SourceMark:
    """The mark of the ``nth`` occurrence of ``needle`` on 1-based ``line`` of ``text``."""
    row = text.splitlines()[line - 1]
    col = -1
    for _ in range(nth + 1):
        col = row.index(needle, col + 1)
    return (NAME, line, col + 1)


def _only(parsed: ParsedSource) -> Finding:
    [finding] = parsed.findings
    assert finding.severity is Severity.ERROR
    return finding


def _where(finding: Finding) -> tuple[int, int]:
    assert finding.location is not None
    assert finding.location.file == NAME
    return finding.location.line, finding.location.column


# -- marks -------------------------------------------------------------------------------------


@pytest.mark.parametrize("libyaml", PARSERS)
def test_top_level_keys_and_values_are_marked(libyaml: bool) -> None:
    """Each top-level key is marked where it starts and each value where its text starts."""
    root = _tree(DOC, libyaml)
    assert root.mark == (NAME, 1, 1)
    assert root.key_marks == {
        "id": (NAME, 1, 1),
        "name": (NAME, 2, 1),
        "empty": (NAME, 5, 1),
        "units": (NAME, 6, 1),
    }
    assert root.value_marks["id"] == (NAME, 1, 5)
    assert root.value_marks["name"] == (NAME, 3, 3)  # a block mapping starts at its first key
    assert root.value_marks["units"] == (NAME, 7, 3)  # a block sequence starts at its first `-`


@pytest.mark.parametrize("libyaml", PARSERS)
def test_nested_block_mapping_marks_count_characters_not_bytes(libyaml: bool) -> None:
    """Marks inside a nested mapping are exact, with a Vietnamese letter counted as one column."""
    root = _tree(DOC, libyaml)
    name = root["name"]
    assert isinstance(name, MarkedDict)
    assert name.mark == (NAME, 3, 3)
    assert name.key_marks == {"vi": (NAME, 3, 3), "en": (NAME, 4, 3)}
    assert name.value_marks == {"vi": (NAME, 3, 7), "en": (NAME, 4, 7)}
    units = root["units"]
    assert isinstance(units, MarkedList)
    care = units[0]
    title = care["title"]
    assert title.key_marks["en"] == _at(DOC, 8, "en:") == (NAME, 8, 28)
    assert title.value_marks["en"] == _at(DOC, 8, "Agent")


@pytest.mark.parametrize("libyaml", PARSERS)
def test_list_items_are_marked_where_each_item_starts(libyaml: bool) -> None:
    """A block list item is marked at its content (a mapping at its first key, a scalar at it)."""
    root = _tree(DOC, libyaml)
    units = root["units"]
    assert isinstance(units, MarkedList)
    assert units.mark == (NAME, 7, 3)
    assert units.item_marks == [(NAME, 7, 5)]
    care = units[0]
    assert isinstance(care, MarkedDict)
    assert care.mark == (NAME, 7, 5)
    assert care.key_marks["id"] == (NAME, 7, 5)
    assert care.value_marks["id"] == (NAME, 7, 9)
    assert care["list"] == ["a", "b"]
    assert care["list"].item_marks == [(NAME, 13, 7), (NAME, 14, 9)]


@pytest.mark.parametrize("libyaml", PARSERS)
def test_flow_collections_mark_each_key_value_and_item(libyaml: bool) -> None:
    """In `[{...}, {...}]` each item, key and value is marked at its own column."""
    root = _tree(DOC, libyaml)
    care = root["units"][0]
    assert care.value_marks["title"] == _at(DOC, 8, "{")
    assert care.value_marks["staff"] == _at(DOC, 9, "[")
    staff = care["staff"]
    assert isinstance(staff, MarkedList)
    assert staff.item_marks == [_at(DOC, 9, "{"), _at(DOC, 9, "{", 1)]
    second = staff[1]
    assert isinstance(second, MarkedDict)
    assert second == {"role": "agent", "headcount": 2}
    assert second.key_marks == {"role": _at(DOC, 9, "role", 1), "headcount": _at(DOC, 9, "head")}
    assert second.value_marks == {"role": _at(DOC, 9, "agent"), "headcount": _at(DOC, 9, "2")}


@pytest.mark.parametrize("libyaml", PARSERS)
def test_block_scalars_and_empty_values_are_marked(libyaml: bool) -> None:
    """A `|` block is marked at its indicator; an empty value on its key's line, after the `:`."""
    root = _tree(DOC, libyaml)
    care = root["units"][0]
    assert care["note"] == "line one\n"
    assert care.value_marks["note"] == _at(DOC, 10, "|")
    assert root["empty"] is None
    assert root.value_marks["empty"] == (NAME, 5, 7)


def test_an_alias_is_marked_where_it_is_used() -> None:
    """The value an alias stands for is marked at the alias, not at the anchor."""
    text = "week: &w {mon: [08:00-12:00]}\nother: *w\n"
    root = _tree(text)
    assert root["other"] is root["week"]
    assert root.value_marks["other"] == (NAME, 2, 8)


def test_a_mark_names_the_file() -> None:
    """Every mark carries the name the text was parsed under."""
    parsed = parse_text("a: [1]\n", "some/where.yaml")
    assert isinstance(parsed.data, MarkedDict)
    assert parsed.data.value_marks["a"][0] == "some/where.yaml"
    assert parsed.data["a"].item_marks == [("some/where.yaml", 1, 5)]


@pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML built without libyaml")
def test_both_parsers_build_the_same_tree_and_marks() -> None:
    """libyaml and the pure-Python parser give equal trees and equal marks everywhere."""

    def marks(node: Any) -> Any:
        if isinstance(node, MarkedDict):
            return (
                node.mark,
                node.key_marks,
                node.value_marks,
                {k: marks(v) for k, v in node.items()},
            )
        if isinstance(node, MarkedList):
            return (node.mark, node.item_marks, [marks(v) for v in node])
        return node

    fast, slow = _tree(DOC, True), _tree(DOC, False)
    assert fast == slow
    assert marks(fast) == marks(slow)


# -- scalars (YAML 1.2 core schema) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("No", "No"),
        ("y", "y"),
        ("0123", "0123"),
        ("-0123", "-0123"),
        ("12:30", "12:30"),
        ("08:00-12:00", "08:00-12:00"),
        ("12000000 VND", "12000000 VND"),
        ("2024-05-01", "2024-05-01"),
        (".Nan", ".Nan"),
        (".iNf", ".iNf"),
        ("0b101", "0b101"),
        ("'true'", "true"),
        ('"1.5"', "1.5"),
        ("!!str 12", "12"),
        ("! 12", "12"),
    ],
)
def test_text_stays_text(written: str, expected: str) -> None:
    """YAML 1.1 booleans, sexagesimals, leading zeros, dates and quoted values stay text."""
    value = _tree(f"k: {written}\n")["k"]
    assert value == expected
    assert type(value) is str


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12000000", 12000000),
        ("-7", -7),
        ("+3", 3),
        ("0", 0),
        ("0x1F", 31),
        ("0o17", 15),
        ("!!int 42", 42),
    ],
)
def test_integers_are_int(written: str, expected: int) -> None:
    """Integers in YAML 1.2 core notation (decimal, `0x`, `0o`) become ``int``."""
    value = _tree(f"k: {written}\n")["k"]
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1.5", Decimal("1.5")),
        ("0.1", Decimal("0.1")),
        ("-2.25", Decimal("-2.25")),
        (".5", Decimal("0.5")),
        ("1e3", Decimal("1E+3")),
        ("!!float 1", Decimal(1)),
        (".inf", Decimal("Infinity")),
        ("-.INF", Decimal("-Infinity")),
    ],
)
def test_numbers_with_a_fraction_are_exact_decimals(written: str, expected: Decimal) -> None:
    """A number with a fraction or exponent becomes an exact ``Decimal``, never a float."""
    value = _tree(f"k: {written}\n")["k"]
    assert type(value) is Decimal
    assert value == expected
    assert str(_tree("k: 0.1\n")["k"]) == "0.1"  # no binary rounding


def test_nan_is_a_decimal_nan() -> None:
    """`.nan`, `.NaN` and `.NAN` are the Decimal not-a-number."""
    for written in (".nan", ".NaN", ".NAN"):
        value = _tree(f"k: {written}\n")["k"]
        assert isinstance(value, Decimal)
        assert value.is_nan()


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", "", "!!null ''"])
def test_null_forms_are_none(written: str) -> None:
    """`~`, `null` in its three spellings, an empty value and `!!null` are ``None``."""
    assert _tree(f"k: {written}\n")["k"] is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("!!bool false", False)],
)
def test_only_true_and_false_are_booleans(written: str, expected: bool) -> None:
    """`true`/`false` (in their three spellings) are the only booleans."""
    assert _tree(f"k: {written}\n")["k"] is expected


def test_keys_are_always_text() -> None:
    """A key that looks like a number, a boolean or null is kept as the text written."""
    root = _tree("1: a\ntrue: b\nnull: c\n0123: d\n")
    assert list(root) == ["1", "true", "null", "0123"]


def test_an_anchored_key_can_be_aliased() -> None:
    """An anchor on a mapping key defines it like any other anchor."""
    assert _tree("&k name: x\nother: *k\n") == {"name": "x", "other": "name"}


# -- parse findings ----------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_key_and_the_first_kept() -> None:
    """A key written twice is `duplicate-key` at the second one, naming the first line."""
    parsed = _parse("id: a\nunits:\n  - id: x\n    name: A\n    name: B\n")
    finding = _only(parsed)
    assert finding.code == "duplicate-key"
    assert _where(finding) == (5, 5)
    assert "`name`" in finding.message
    assert "first at line 4" in finding.message
    assert isinstance(parsed.data, MarkedDict)
    assert parsed.data["units"][0]["name"] == "A"


def test_duplicate_key_message_escapes_control_characters() -> None:
    """A duplicate key holding control or bidi characters is shown escaped, on one line."""
    parsed = _parse('"a\\e[2J\\nb\u202e": 1\n"a\\e[2J\\nb\u202e": 2\n')
    finding = _only(parsed)
    assert finding.code == "duplicate-key"
    assert "`a\\x1b[2J\\x0ab\\u202e`" in finding.message
    assert finding.message.isprintable()


def test_hundreds_of_duplicate_keys_stop_parsing_after_a_hundred() -> None:
    """More than 100 duplicate keys give 101 findings and no tree; the last says why it stopped."""
    parsed = _parse("a: 0\n" + "a: 1\n" * 500)
    assert parsed.data is None
    assert len(parsed.findings) == 101
    assert {f.code for f in parsed.findings} == {"duplicate-key"}
    assert _where(parsed.findings[-1]) == (102, 1)
    assert "reading stopped here" in parsed.findings[-1].message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!python/object:os.system ls\n", (1, 4)),
        ("a: !!binary aGk=\n", (1, 4)),
        ("a: !custom x\n", (1, 4)),
        ("a: !!set {x}\n", (1, 4)),
        ("b: 1\n!!int 1: x\n", (2, 1)),
    ],
    ids=["python-object", "binary", "local-tag", "set", "tagged-key"],
)
def test_unknown_tag_is_yaml_tag_and_never_constructed(text: str, where: tuple[int, int]) -> None:
    """A tag other than the standard scalar ones is `yaml-tag` at the tag; no tree is built."""
    parsed = _parse(text)
    finding = _only(parsed)
    assert finding.code == "yaml-tag"
    assert _where(finding) == where
    assert parsed.data is None


def test_value_that_does_not_fit_its_tag_is_kept_as_text() -> None:
    """`!!int 1.5` is `yaml-tag` at the tag; parsing goes on with the text as written."""
    parsed = _parse("a: !!int 1.5\nb: !!bool yes\nc: !!int true\n")
    assert [(f.code, _where(f)) for f in parsed.findings] == [
        ("yaml-tag", (1, 4)),
        ("yaml-tag", (2, 4)),
        ("yaml-tag", (3, 4)),
    ]
    assert parsed.data == {"a": "1.5", "b": "yes", "c": "true"}


def test_merge_key_is_reported_at_the_merge_key() -> None:
    """A `<<` merge key is `yaml-merge-key` where it is written; a quoted `'<<'` is a plain key."""
    parsed = _parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    finding = _only(parsed)
    assert finding.code == "yaml-merge-key"
    assert _where(finding) == (3, 3)
    assert _tree("'<<': 1\n") == {"<<": 1}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("? [a, b]\n: c\n", (1, 3)),
        ("x: {[a]: b}\n", (1, 5)),
        ("x: {{a: 1}: b}\n", (1, 5)),
        ("a: &k v\n*k : x\n", (2, 1)),
    ],
    ids=["block-list-key", "flow-list-key", "mapping-key", "alias-key"],
)
def test_complex_key_is_reported_at_the_key(text: str, where: tuple[int, int]) -> None:
    """A key that is a list, a mapping or an alias is `yaml-complex-key` at that key."""
    finding = _only(_parse(text))
    assert finding.code == "yaml-complex-key"
    assert _where(finding) == where


def test_nesting_deeper_than_the_limit_is_too_deep_at_the_opening() -> None:
    """The container opening one level past `max_depth` is `yaml-too-deep`, at its bracket."""
    limits = Limits(max_depth=3)
    assert _parse("a: [[1]]\n", limits=limits).findings == ()
    finding = _only(_parse("a: [[[1]]]\n", limits=limits))
    assert finding.code == "yaml-too-deep"
    assert _where(finding) == (1, 6)
    assert "deeper than 3 levels" in finding.message
    block = _parse("a:\n  b:\n    c:\n      d: 1\n", limits=limits)
    assert [(f.code, _where(f)) for f in block.findings] == [("yaml-too-deep", (4, 7))]


@pytest.mark.parametrize("libyaml", PARSERS)
@pytest.mark.parametrize("depth", [1_000, 10_000])
def test_nesting_past_the_parsers_own_limit_is_too_deep_whatever_the_libyaml(
    libyaml: bool, depth: int
) -> None:
    """Flow nesting deep enough to trip libyaml's own limit (libyaml ≥ 0.2.5, bundled with
    PyYAML ≥ 6.0.4, stops at 1,000 levels with its own syntax error) is `yaml-too-deep`, the
    same finding as our bound gives on any other libyaml or the pure-Python parser."""
    text = "a: " + "[" * depth + "]" * depth + "\n"
    finding = _only(_parse(text, libyaml=libyaml))
    assert finding.code == "yaml-too-deep"
    assert "deeper than 64 levels" in finding.message
    assert finding.location is not None
    assert finding.location.line == 1


def test_the_default_depth_limit_is_64() -> None:
    """64 levels of nesting parse; 65 are `yaml-too-deep`."""
    assert Limits().max_depth == 64
    assert _parse("[" * 64 + "]" * 64 + "\n").findings == ()
    finding = _only(_parse("[" * 65 + "]" * 65 + "\n"))
    assert finding.code == "yaml-too-deep"
    assert _where(finding) == (1, 65)


def test_more_nodes_than_the_limit_is_too_large_where_the_limit_is_passed() -> None:
    """The node that takes the document past `max_nodes` is `yaml-too-large`, at that node."""
    limits = Limits(max_nodes=10)
    assert _parse("a: [1, 2, 3, 4, 5, 6, 7, 8]\n", limits=limits).findings == ()
    finding = _only(_parse("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", limits=limits))
    assert finding.code == "yaml-too-large"
    assert _where(finding) == (1, 32)  # `10`: the eleventh node, counting the key
    assert "holds more than 10 nodes" in finding.message  # written out: raise the limit
    assert "--max-nodes" in finding.message


def test_aliases_count_in_full_toward_the_node_limit() -> None:
    """Each use of an alias counts every node it stands for, so a billion laughs stops early."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)
    ]
    finding = _only(_parse("\n".join(lines) + "\n"))
    assert finding.code == "yaml-too-large"
    assert finding.location is not None
    assert finding.location.line == 6  # 10**6 nodes: past 1,000,000 on the line of `&f`
    assert "most of them added by aliases" in finding.message  # not: raise the limit
    assert "--max-nodes" not in finding.message


def test_aliases_may_add_no_more_nodes_than_the_text_writes() -> None:
    """Aliases adding more than `max_alias_nodes` and more than the text writes are too large."""
    limits = Limits(max_alias_nodes=20)
    shared = "s: &s [a, b, c, d, e, f, g, h, i]\n"  # 11 nodes written: the key, list and 9 items
    ok = _parse(shared + "t: [*s, *s]\n", limits=limits)  # aliases add 20
    assert ok.findings == ()
    parsed = _parse(shared + "t: [*s, *s, *s]\n", limits=limits)  # 30 > max(20, 13 written)
    finding = _only(parsed)
    assert finding.code == "yaml-too-large"
    assert _where(finding) == (2, 13)  # the alias use that first went past both bounds
    assert "aliases add 30 nodes" in finding.message
    assert parsed.data is None
    padded = shared + "t: [*s, *s, *s]\n" + "".join(f"k{i}: {i}\n" for i in range(20))
    assert _parse(padded, limits=limits).findings == ()  # now the text writes more than 30


def test_second_document_is_reported_at_its_start() -> None:
    """A second `---` document is `yaml-multiple-documents` at its `---`."""
    finding = _only(_parse("a: 1\n---\nb: 2\n"))
    assert finding.code == "yaml-multiple-documents"
    assert _where(finding) == (2, 1)
    assert _tree("%YAML 1.2\n---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: [1, 2\nb: 3\n", (2, 2)),
        ("a:\n\tb: 1\n", (2, 1)),
        ("a: 'open\n", (2, 1)),
        ("a: b: c\n", (1, 5)),
    ],
    ids=["unclosed-bracket", "tab-indent", "unclosed-quote", "two-colons"],
)
def test_malformed_yaml_is_a_located_syntax_error(text: str, where: tuple[int, int]) -> None:
    """Malformed YAML is one `yaml-syntax` finding where the parser gave up, on one line."""
    parsed = _parse(text)
    finding = _only(parsed)
    assert finding.code == "yaml-syntax"
    assert _where(finding) == where
    assert "\n" not in finding.message
    assert parsed.data is None


def test_undefined_alias_is_a_syntax_error_at_the_alias() -> None:
    """An alias to no anchor, or to its own open container, is `yaml-syntax` at the alias."""
    finding = _only(_parse("a: *nope\n"))
    assert (finding.code, _where(finding)) == ("yaml-syntax", (1, 4))
    assert "`*nope`" in finding.message
    finding = _only(_parse("a: &x [*x]\n"))
    assert (finding.code, _where(finding)) == ("yaml-syntax", (1, 8))


@pytest.mark.parametrize(
    ("char", "code"),
    [("\x00", "U+0000"), ("\x01", "U+0001"), ("\x7f", "U+007F"), ("\ufffe", "U+FFFE")],
)
def test_character_yaml_forbids_is_named_at_its_place(char: str, code: str) -> None:
    """A character YAML does not allow is `yaml-syntax` at its line and column, named by code."""
    finding = _only(_parse(f"a: 1\nb: x{char}y\n"))
    assert finding.code == "yaml-syntax"
    assert _where(finding) == (2, 5)
    assert code in finding.message


def test_invalid_utf8_is_an_encoding_finding_at_the_byte() -> None:
    """Bytes that are not UTF-8 give one `encoding` finding at the bad byte's line and column."""
    parsed = parse_bytes("id: a\nname: Chăm sóc\n".encode("cp1258"), NAME)
    finding = _only(parsed)
    assert finding.code == "encoding"
    assert _where(finding) == (2, 9)  # `ă`, one byte in Windows-1258
    assert "byte 0xE3" in finding.message
    assert parsed.data is None


def test_a_utf8_byte_order_mark_is_accepted_and_takes_no_column() -> None:
    """A leading UTF-8 BOM is skipped: same tree, and the first key still at column 1."""
    text = "id: shop\nname: Cửa hàng\n"
    parsed = parse_bytes(b"\xef\xbb\xbf" + text.encode(), NAME)
    assert parsed.findings == ()
    assert parsed.data == {"id": "shop", "name": "Cửa hàng"}
    assert isinstance(parsed.data, MarkedDict)
    assert parsed.data.key_marks["id"] == (NAME, 1, 1)
    assert parsed.data.value_marks["name"] == (NAME, 2, 7)


def test_utf16_is_not_accepted() -> None:
    """A UTF-16 file (with its BOM) is an `encoding` finding, not garbled text."""
    finding = _only(parse_bytes("a: 1\n".encode("utf-16"), NAME))
    assert finding.code == "encoding"
    assert _where(finding) == (1, 1)


def test_empty_or_comment_only_text_has_no_tree_and_no_finding() -> None:
    """Empty text gives no tree and no parse finding (the pipeline reports `empty-document`)."""
    for text in ("", "# only a comment\n", "---\n"):
        parsed = _parse(text)
        assert parsed.findings == ()
        assert parsed.data is None
    assert [f.code for f in validate_text("", name=NAME).findings] == ["empty-document"]


# -- reading files -----------------------------------------------------------------------------


def test_read_source_names_the_file_in_marks(tmp_path: Path) -> None:
    """A file read from disk is marked with its display name (or its path)."""
    path = tmp_path / "d.yaml"
    path.write_text("a: 1\n", "utf-8")
    assert read_source(path).data.value_marks["a"] == (str(path), 1, 4)
    assert read_source(path, display_name="shown.yaml").data.mark == ("shown.yaml", 1, 1)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "missing.yaml", "no such file"),
        (lambda p: p, "is a folder"),
        (lambda p: Path(str(p / "a\0b.yaml")), "cannot be read"),
    ],
    ids=["missing", "folder", "nul-in-path"],
)
def test_unreadable_input_raises_source_error(
    tmp_path: Path, make: Callable[[Path], Path], reason: str
) -> None:
    """A missing file, a folder or an impossible path raise SourceError with the reason."""
    with pytest.raises(SourceError, match=reason) as info:
        read_source(make(tmp_path))
    assert info.value.exit_code == 2


def test_file_over_the_byte_limit_raises_source_error(tmp_path: Path) -> None:
    """A file larger than `max_bytes` raises SourceError naming its size and the limit."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 100 + b"\n")
    assert read_source(path, Limits(max_bytes=104)).findings == ()
    with pytest.raises(SourceError, match=r"104 bytes, over the limit of 103"):
        read_source(path, Limits(max_bytes=103))
    assert Limits().max_bytes == 20 * 1024 * 1024


# -- locate ------------------------------------------------------------------------------------


def test_locate_returns_the_mark_of_the_value_at_a_path() -> None:
    """`locate` follows keys and indexes to the deepest value and returns its mark."""
    root = _tree(DOC)
    assert locate(root, ()) == (NAME, 1, 1)
    assert locate(root, ("id",)) == (NAME, 1, 5)
    assert locate(root, ("units", 0)) == (NAME, 7, 5)
    assert locate(root, ("units", 0, "staff", 1, "headcount")) == _at(DOC, 9, "2")
    assert locate(root, ("name", "en")) == (NAME, 4, 7)


def test_locate_with_key_returns_the_mark_of_the_last_key() -> None:
    """With ``key=True`` the last mapping key's mark is returned, for unknown-key findings."""
    root = _tree(DOC)
    assert locate(root, ("units", 0, "title"), key=True) == (NAME, 8, 5)
    assert locate(root, ("units", 0, "title"), key=False) == (NAME, 8, 12)
    assert locate(root, ("units", 0), key=True) == (NAME, 7, 5)  # last part is an index


def test_locate_skips_path_parts_that_are_not_in_the_tree() -> None:
    """Parts not found (a union tag, a missing field, an index out of range) are skipped."""
    root = _tree(DOC)
    assert locate(root, ("units", 0, "attributes", "id")) == (NAME, 7, 9)
    assert locate(root, ("units", 0, "staff", 7)) == _at(DOC, 9, "[")
    assert locate(root, ("units", -1)) == (NAME, 7, 3)
    assert locate(root, ("units", "0")) == (NAME, 7, 3)  # a str is no list index
    assert locate(root, ("missing",)) == (NAME, 1, 1)


def test_locate_stops_at_a_scalar() -> None:
    """A path going below a scalar gives the scalar's mark."""
    root = _tree(DOC)
    assert locate(root, ("id", "deeper", 3)) == (NAME, 1, 5)


def test_locate_on_an_unmarked_tree_is_none() -> None:
    """Without a marked tree (nothing parsed) there is no mark."""
    assert locate(None, ("units", 0)) is None
    assert locate({"a": 1}, ("a",)) is None


def test_load_result_locate_gives_a_location() -> None:
    """`LoadResult.locate` turns the mark of a path into a :class:`Location`."""
    result = validate_text(DOC, name=NAME)
    assert result.locate(("units", 0, "id")) == Location(NAME, 7, 9)
    assert validate_text("", name=NAME).locate(("units",)) is None


# -- one value per distinct text ---------------------------------------------------------------


@pytest.mark.parametrize("libyaml", PARSERS)
def test_a_text_written_twice_is_one_value(libyaml: bool) -> None:
    tree = _tree(
        "a: [agent, agent, '5', '5', 0.5, 0.5, 5, '012', 012, ~]\n"
        "b: {x: 12000000 VND, y: 12000000 VND}\n",
        libyaml,
    )
    items = tree["a"]
    assert items[0] is items[1]
    assert items[2] is items[3]
    assert items[2] == "5"
    assert items[4] is items[5]
    assert items[4] == Decimal("0.5")
    assert items[6] == 5
    assert isinstance(items[6], int)
    assert items[7] == "012"
    assert items[8] == "012"
    assert items[9] is None
    assert tree["b"]["x"] is tree["b"]["y"]


def test_a_number_too_large_is_reported_every_time_it_is_written() -> None:
    parsed = _parse("a: 1e999999999\nb: 1e999999999\n")
    assert [f.code for f in parsed.findings] == ["number-too-large", "number-too-large"]
    assert isinstance(parsed.data, MarkedDict)
    assert parsed.data["a"] == parsed.data["b"] == "1e999999999"
