"""Stage 2 of loading: `include` merges files, confined to the root document's folder.

`tests/test_examples.py` already runs one case per include finding through the command
(a missing file, `../` leaving the folder, a cycle between two helpers, a file reached twice,
a scalar set in two files); these tests cover the merge rules and the other ways each
include finding arises, with the place each is reported.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cskh_org.findings import Finding, Severity
from cskh_org.loading import Limits, LoadResult, validate, validate_text

BASE = """\
version: 1
include: [{includes}]
id: cskh
name: {{vi: Chăm sóc khách hàng, en: Customer care}}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - id: care_agent
    title: {{vi: Nhân viên CSKH, en: Care agent}}
    monthly_cost: 12000000 VND
units:
  - id: cskh
    name: {{vi: Chăm sóc khách hàng, en: Customer care}}
    head: care_agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone, email]
    staff:
      - role: care_agent
"""
INCLUDE_LINE = 2
INCLUDE_COLUMN = 11  # the first item of `include: [...]`


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def _root(folder: Path, includes: str, extra: str = "", **files: str) -> Path:
    """Write the root document (including ``includes``) and the helper ``files`` beside it."""
    _write(folder, {k.replace("__", "/").replace("_yaml", ".yaml"): v for k, v in files.items()})
    path = folder / "department.yaml"
    path.write_text(BASE.format(includes=includes) + extra, "utf-8")
    return path


def _errors(result: LoadResult) -> list[Finding]:
    return [f for f in result.findings if f.severity is Severity.ERROR]


def _only(result: LoadResult, code: str) -> Finding:
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    return found[0]


def _at(finding: Finding, file: Path, line: int, column: int) -> None:
    assert finding.location is not None, finding
    assert Path(finding.location.file).resolve() == file.resolve(), finding
    assert (finding.location.line, finding.location.column) == (line, column), finding


PEOPLE_A = "people:\n  - {id: an, name: An}\n  - {id: binh, name: Bình}\n"
PEOPLE_B = "people:\n  - {id: chi, name: Chi}\n"


# -- merge rules -------------------------------------------------------------------------------


def test_lists_are_appended_after_the_documents_own_in_include_order(tmp_path: Path) -> None:
    """A list section is the root's items, then each included file's, in include order."""
    root = _root(
        tmp_path,
        "a.yaml, b.yaml",
        extra="people:\n  - {id: root_person, name: Gốc}\n",
        a_yaml=PEOPLE_A,
        b_yaml=PEOPLE_B,
    )
    result = validate(root)
    dept = result.unwrap()
    assert [p.id for p in dept.people] == ["root_person", "an", "binh", "chi"]
    assert dept.include == ("a.yaml", "b.yaml")


def test_nested_includes_merge_before_the_file_that_includes_them(tmp_path: Path) -> None:
    """Depth first: a file's own includes are merged before the file itself."""
    root = _root(
        tmp_path,
        "a.yaml, c.yaml",
        a_yaml="include: [b.yaml]\n" + PEOPLE_A,
        b_yaml=PEOPLE_B,
        c_yaml="people:\n  - {id: dung, name: Dũng}\n",
    )
    dept = validate(root).unwrap()
    assert [p.id for p in dept.people] == ["chi", "an", "binh", "dung"]
    assert dept.include == ("a.yaml", "c.yaml")  # helpers' `include` lists are not merged


def test_mappings_are_merged_key_by_key(tmp_path: Path) -> None:
    """A mapping set in two files is merged: each key kept, from whichever file set it."""
    schema = """\
ticket_schema:
  attributes:
    channel:
      type: enum
      values: [phone, email]
"""
    more = """\
ticket_schema:
  attributes:
    order_value: {type: number, minimum: 0, unit: VND}
checks:
  max_span_of_control: 20
"""
    root = _root(tmp_path, "more.yaml", extra=schema, more_yaml=more)
    dept = validate(root).unwrap()
    assert list(dept.ticket_schema.attributes) == ["channel", "order_value"]
    assert dept.checks.max_span_of_control == 20


def test_paths_are_relative_to_the_including_file(tmp_path: Path) -> None:
    """An included file's includes are resolved from its own folder, which may go up again."""
    root = _root(
        tmp_path,
        "org/units.yaml",
        org__units_yaml="include: [people/a.yaml, ../b.yaml]\n",
        org__people__a_yaml=PEOPLE_A,
        b_yaml=PEOPLE_B,
    )
    assert [p.id for p in validate(root).unwrap().people] == ["an", "binh", "chi"]


def test_findings_in_included_files_point_into_those_files(tmp_path: Path) -> None:
    """A finding about merged data is located in the file that wrote it."""
    units = "units:\n  - id: extra\n    name: Thêm\n    parent: cskh\n    staff: [{role: nobody}]\n"
    root = _root(tmp_path, "units.yaml", units_yaml=units)
    result = validate(root)
    finding = _only(result, "unknown-role")
    _at(finding, tmp_path / "units.yaml", 5, 20)
    assert finding.path == ("units", 1, "staff", 0, "role")


def test_parse_findings_of_an_included_file_are_reported_with_the_rest(tmp_path: Path) -> None:
    """A duplicate key in an included file is reported there; the document is invalid."""
    root = _root(tmp_path, "a.yaml", a_yaml="people:\n  - {id: an, name: An, name: Ân}\n")
    result = validate(root)
    finding = _only(result, "duplicate-key")
    _at(finding, tmp_path / "a.yaml", 2, 24)
    assert not result.ok()


def test_an_empty_included_file_adds_nothing(tmp_path: Path) -> None:
    """An included file holding only comments merges nothing and is no error."""
    root = _root(tmp_path, "empty.yaml", empty_yaml="# nothing yet\n")
    result = validate(root)
    assert _errors(result) == []
    assert result.unwrap().people == ()


def test_symlinked_root_includes_from_the_real_files_folder(tmp_path: Path) -> None:
    """A root document reached through a link includes relative to (and within) its real folder."""
    real = tmp_path / "real"
    real.mkdir()
    root = _root(real, "people.yaml", people_yaml=PEOPLE_B)
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "department.yaml"
    link.symlink_to(root)
    result = validate(link)
    assert _errors(result) == []
    assert [p.id for p in result.unwrap().people] == ["chi"]


def test_a_link_inside_the_folder_to_a_file_inside_it_is_followed(tmp_path: Path) -> None:
    """A symbolic link that stays inside the document's folder is an ordinary include."""
    root = _root(tmp_path, "alias.yaml", shared__people_yaml=PEOPLE_B)
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "shared" / "people.yaml")
    assert [p.id for p in validate(root).unwrap().people] == ["chi"]


# -- include-error -----------------------------------------------------------------------------


def test_include_that_is_not_a_list_is_include_error_at_its_value(tmp_path: Path) -> None:
    """`include: units.yaml` (a text, not a list) is `include-error` at the value."""
    path = tmp_path / "department.yaml"
    path.write_text(BASE.format(includes="x").replace("[x]", "units.yaml"), "utf-8")
    finding = _only(validate(path), "include-error")
    _at(finding, path, INCLUDE_LINE, 10)
    assert "list of file paths" in finding.message


@pytest.mark.parametrize("item", ["123", "''", "'  '", "[a.yaml]"])
def test_include_item_that_is_not_a_path_is_include_error(tmp_path: Path, item: str) -> None:
    """A number, a blank text or a list among the includes is `include-error` at that item."""
    root = _root(tmp_path, item)
    finding = _only(validate(root), "include-error")
    _at(finding, root, INCLUDE_LINE, INCLUDE_COLUMN)
    assert "relative file path" in finding.message


def test_included_file_that_is_not_a_mapping_is_include_error(tmp_path: Path) -> None:
    """An included file holding a list (not sections) is `include-error` at its include."""
    root = _root(tmp_path, "people.yaml, list.yaml", people_yaml=PEOPLE_B, list_yaml="- a\n- b\n")
    finding = _only(validate(root), "include-error")
    _at(finding, root, INCLUDE_LINE, 24)
    assert "`list.yaml` must hold a mapping" in finding.message


def test_a_folder_is_not_a_file_to_include(tmp_path: Path) -> None:
    """Including a folder is `include-error`, saying it is not a file."""
    (tmp_path / "org").mkdir()
    root = _root(tmp_path, "org")
    finding = _only(validate(root), "include-error")
    _at(finding, root, INCLUDE_LINE, INCLUDE_COLUMN)
    assert "is not a file" in finding.message


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ('"a\\0b.yaml"', "null byte"),
        ("x" * 5000 + ".yaml", "too long"),
        ("loop.yaml", "loop"),
    ],
    ids=["nul", "name-too-long", "link-loop"],
)
def test_paths_that_cannot_be_followed_are_include_error(
    tmp_path: Path, item: str, reason: str
) -> None:
    """A NUL in the path, an over-long name or a link loop is `include-error`, not a crash."""
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to(tmp_path / "loop.yaml")
    root = _root(tmp_path, item)
    finding = _only(validate(root), "include-error")
    _at(finding, root, INCLUDE_LINE, INCLUDE_COLUMN)
    assert reason in finding.message.lower()
    assert len(finding.message) < 400


def test_included_file_over_the_size_limit_is_include_error(tmp_path: Path) -> None:
    """An included file too large to read is `include-error` at its include, with the limit."""
    root = _root(tmp_path, "big.yaml", big_yaml="people: []\n" + "#" * 2000 + "\n")
    finding = _only(validate(root, limits=Limits(max_bytes=1500)), "include-error")
    _at(finding, root, INCLUDE_LINE, INCLUDE_COLUMN)
    assert "over the limit of 1,500" in finding.message


def test_more_includes_than_the_limit_is_include_error(tmp_path: Path) -> None:
    """Including more files than `max_includes` is `include-error` at the first one too many."""
    root = _root(
        tmp_path, "a.yaml, b.yaml, c.yaml", a_yaml=PEOPLE_A, b_yaml=PEOPLE_B, c_yaml="# c\n"
    )
    result = validate(root, limits=Limits(max_includes=2))
    finding = _only(result, "include-error")
    _at(finding, root, INCLUDE_LINE, 27)
    assert "more than 2 files" in finding.message


def test_include_in_text_without_a_file_is_include_error() -> None:
    """`validate_text` has no folder to include from: `include` is `include-error` there."""
    result = validate_text(BASE.format(includes="a.yaml"), name="<text>")
    finding = _only(result, "include-error")
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (INCLUDE_LINE, 10)


def test_a_file_listed_twice_is_include_error_at_the_second(tmp_path: Path) -> None:
    """A file listed twice in the same `include` is merged once; the second is `include-error`."""
    root = _root(tmp_path, "b.yaml, ./b.yaml", b_yaml=PEOPLE_B)
    result = validate(root)
    finding = _only(result, "include-error")
    _at(finding, root, INCLUDE_LINE, 19)
    assert "already included" in finding.message
    assert result.department is not None
    assert [p.id for p in result.department.people] == ["chi"]


# -- include-escape ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    ["{outside}", "~/people.yaml", "sub/../../outside/people.yaml", "link.yaml"],
    ids=["absolute", "home", "down-and-out", "link-outside"],
)
def test_paths_leaving_the_folder_are_include_escape(tmp_path: Path, item: str) -> None:
    """An absolute path, `~`, a `..` below the folder or a link out of it is `include-escape`."""
    outside = tmp_path / "outside" / "people.yaml"
    _write(tmp_path, {"outside/people.yaml": PEOPLE_B})
    doc = tmp_path / "doc"
    doc.mkdir()
    (doc / "sub").mkdir()
    (doc / "link.yaml").symlink_to(outside)
    root = _root(doc, item.replace("{outside}", str(outside)))
    result = validate(root)
    finding = _only(result, "include-escape")
    _at(finding, root, INCLUDE_LINE, INCLUDE_COLUMN)
    assert result.department is not None
    assert result.department.people == ()  # nothing from outside was merged


def test_included_file_may_not_escape_the_root_folder_either(tmp_path: Path) -> None:
    """A nested include is confined to the root document's folder, not to its own."""
    _write(tmp_path, {"outside.yaml": PEOPLE_B})
    doc = tmp_path / "doc"
    root = _root(doc, "org/a.yaml", org__a_yaml="include: [../../outside.yaml]\n" + PEOPLE_A)
    finding = _only(validate(root), "include-escape")
    _at(finding, doc / "org" / "a.yaml", 1, 11)
    assert str(doc.resolve()) in finding.message


# -- include-cycle -----------------------------------------------------------------------------


def test_a_document_including_itself_is_a_cycle(tmp_path: Path) -> None:
    """The root document listing itself is `include-cycle` at that item, naming the file."""
    root = _root(tmp_path, "department.yaml")
    finding = _only(validate(root), "include-cycle")
    _at(finding, root, INCLUDE_LINE, INCLUDE_COLUMN)
    assert "department.yaml → department.yaml" in finding.message


def test_a_helper_including_the_root_is_a_cycle(tmp_path: Path) -> None:
    """A helper that includes the root document back is `include-cycle` in the helper."""
    root = _root(tmp_path, "a.yaml", a_yaml="include: [department.yaml]\n" + PEOPLE_A)
    finding = _only(validate(root), "include-cycle")
    _at(finding, tmp_path / "a.yaml", 1, 11)
    assert "department.yaml → a.yaml → department.yaml" in finding.message


# -- include-conflict --------------------------------------------------------------------------


def test_a_key_set_in_two_included_files_is_a_conflict_in_the_second(tmp_path: Path) -> None:
    """Two helpers setting the same scalar: `include-conflict` at the second helper's key."""
    root = _root(
        tmp_path,
        "a.yaml, b.yaml",
        a_yaml="description: Một\n",
        b_yaml="# b\ndescription: Hai\n",
    )
    finding = _only(validate(root), "include-conflict")
    _at(finding, tmp_path / "b.yaml", 2, 1)
    assert "`description` is also set at" in finding.message
    assert "a.yaml:1;" in finding.message


def test_a_list_and_a_mapping_under_one_key_are_a_conflict(tmp_path: Path) -> None:
    """A section that is a list in one file and a mapping in another cannot be merged."""
    root = _root(tmp_path, "a.yaml", a_yaml="people: {id: an, name: An}\n", extra=PEOPLE_B)
    finding = _only(validate(root), "include-conflict")
    _at(finding, tmp_path / "a.yaml", 1, 1)
    assert f"`people` is also set at {root}:20;" in finding.message  # where its value starts


def test_a_conflict_deep_in_merged_mappings_is_reported_at_the_nested_key(tmp_path: Path) -> None:
    """Mappings merge recursively; a scalar set twice inside is reported at its nested key."""
    root = _root(
        tmp_path,
        "a.yaml",
        extra="checks:\n  max_span_of_control: 10\n",
        a_yaml="# a\nchecks:\n  max_span_of_control: 20\n",
    )
    result = validate(root)
    finding = _only(result, "include-conflict")
    _at(finding, tmp_path / "a.yaml", 3, 3)
    assert "`max_span_of_control` is also set at" in finding.message
    assert result.department is not None
    assert result.department.checks.max_span_of_control == 10  # never silently overwritten


def test_hostile_include_path_is_shown_escaped_and_cut(tmp_path: Path) -> None:
    """An include path with control characters is shown escaped in the message, on one line."""
    root = _root(tmp_path, '"a\\e[2J\\nb.yaml"')
    finding = _only(validate(root), "include-error")
    assert "a\\x1b[2J\\x0ab.yaml" in finding.message
    assert finding.message.isprintable()
    assert os.sep in finding.message  # says where it looked
