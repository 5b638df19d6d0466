"""What the loader says about a file it cannot read, or YAML it cannot parse, is said in
Vietnamese too: PyYAML's problems through the catalogue (an unknown wording quoted as PyYAML
wrote it), the OS's refusals by errno, in a finding's ``message_vi`` and a ``SourceError``'s
``said`` (printed by the CLI with ``--lang vi``). The English stays as it was."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from cskh_org.errors import SourceError
from cskh_org.findings import Finding, both
from cskh_org.loading import Limits, validate, validate_document, validate_text
from cskh_org.loading import includes as includes_module
from cskh_org.loading.source import HAVE_LIBYAML, _CParser
from cskh_org.loading.yaml_problems import _CONTEXTS, _PROBLEMS, _TOKENS, yaml_problem
from cskh_org.words import catalogue
from tests.conftest import EXAMPLES, RunCli

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
"""A letter only Vietnamese writes (with its diacritics, or đ)."""

PARSERS = [
    pytest.param(
        True,
        id="libyaml",
        marks=pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML built without libyaml"),
    ),
    pytest.param(False, id="pure-python"),
]


def _vietnamese(vi: str, en: str) -> None:
    assert vi != en
    assert VIETNAMESE.search(vi), vi


# -- PyYAML's problems -------------------------------------------------------------------------

BROKEN_YAML = {
    "mapping-values": "a: b: c\n",
    "mapping-values-unindented": "a\nb: c\n",
    "cannot-start": "name: @shop\n",
    "tab": "units:\n\t- id: a\n",
    "backtick": "name: `shop`\n",
    "flow-sequence": "languages: [vi, en\n",
    "flow-mapping": "name: {vi: Hỗ trợ\n",
    "flow-mapping-closed-by-bracket": "name: {vi: Hỗ trợ]\n",
    "quoted-unterminated": "name: 'Hỗ trợ\n",
    "escape": 'name: "C:\\q"\n',
    "hex-escape": 'name: "\\u12"\n',
    "tag-handle": "name: !foo!bar x\n",
    "block-collection": "- a\nb: 1\n",
    "block-mapping": "units:\n  id: a\n name: b\n",
    "entry-under-mapping": "id: a\n- b\n",
    "block-scalar-zero": "description: |0\n  x\n",
    "alias-name": "name: *\n",
    "anchor-name": "name: &\n",
    "simple-key": "id: a\nname\n",
    "after-document-end": "id: a\n...\nname\n",
    "document-separator-in-quotes": 'name: "a\n---\n"\n',
    "two-scalars": "'a' 'b': 1\n",
}
"""Documents PyYAML cannot parse, each for a different problem (in either parser's words)."""


def _drain(parser: Any) -> None:
    while parser.get_event() is not None:
        pass


def _pyyaml(text: str, libyaml: bool) -> yaml.MarkedYAMLError:
    """The error PyYAML itself raises for ``text``."""
    parser = _CParser(text) if libyaml else yaml.SafeLoader(text)
    try:
        with pytest.raises(yaml.MarkedYAMLError) as info:
            _drain(parser)
    finally:
        parser.dispose()
    return info.value


def _syntax(text: str, libyaml: bool) -> Finding:
    from cskh_org.loading.source import parse_text

    [finding] = parse_text(text, "d.yaml", libyaml=libyaml).findings
    assert finding.code == "yaml-syntax", finding
    return finding


@pytest.mark.parametrize("libyaml", PARSERS)
@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_each_yaml_problem_is_said_in_vietnamese(name: str, libyaml: bool) -> None:
    """The finding's English quotes PyYAML's problem as PyYAML wrote it; its Vietnamese says
    it from the catalogue, without PyYAML's English (every wording here is known)."""
    text = BROKEN_YAML[name]
    error = _pyyaml(text, libyaml)
    finding = _syntax(text, libyaml)
    problem = " ".join(str(error.problem).split())
    assert finding.message.startswith("YAML syntax error: ")
    assert problem in finding.message
    _vietnamese(finding.message_vi, finding.message)
    assert finding.message_vi.startswith("lỗi cú pháp YAML: ")
    assert problem not in finding.message_vi
    assert "trình đọc YAML báo" not in finding.message_vi  # no wording fell back to English
    if error.context:
        assert str(error.context) not in finding.message_vi


def test_the_finding_is_the_same_through_the_loading_api() -> None:
    """`validate_text` gives the same Vietnamese message as the parse stage."""
    [finding] = validate_text(BROKEN_YAML["mapping-values"]).findings
    assert finding.code == "yaml-syntax"
    assert "không được viết `khóa: giá trị` ở chỗ này" in finding.message_vi
    assert finding.message.startswith("YAML syntax error: mapping values are not allowed")


def test_an_unknown_wording_is_quoted_as_pyyaml_wrote_it() -> None:
    """A problem or a context the catalogue does not know keeps PyYAML's English, quoted in
    a Vietnamese sentence; a known one beside it is still said in Vietnamese."""
    said = yaml_problem("while frobbing a node", "found a gremlin")
    assert said.en == "while frobbing a node found a gremlin"
    assert said.vi == (
        "trình đọc YAML báo `while frobbing a node`, trình đọc YAML báo `found a gremlin`"
    )
    said = yaml_problem("while parsing a flow sequence", "found a gremlin")
    assert said.vi == "khi đọc một danh sách trong `[…]`, trình đọc YAML báo `found a gremlin`"
    said = yaml_problem(None, "did not find expected key")
    assert said == both("yaml-problem.key")._replace(en="did not find expected key")
    assert yaml_problem(None, None) == ("", "")


def test_a_token_the_parser_met_is_named_or_quoted() -> None:
    """The pure-Python parser names the token it met: a known one in Vietnamese, another
    as written."""
    said = yaml_problem("while parsing a flow sequence", "expected ',' or ']', but got '<scalar>'")
    assert said.vi.endswith("nhưng gặp một giá trị")
    said = yaml_problem("while parsing a flow mapping", "expected ',' or '}', but got ']'")
    assert said.vi.endswith("nhưng gặp ']'")


def test_every_yaml_problem_entry_is_used() -> None:
    """The catalogue's `yaml-problem.…` entries are those the tables name, and no more."""
    used = {f"yaml-problem.{key}" for _, key in _PROBLEMS}
    used |= {f"yaml-problem.while.{key}" for key in _CONTEXTS.values()}
    used |= {f"yaml-problem.found.{key}" for key in _TOKENS.values()}
    used |= {"yaml-problem.in-context", "yaml-problem.unknown", "yaml-problem.found.unknown"}
    assert used == {key for key in catalogue() if key.startswith("yaml-problem.")}


def test_a_file_that_is_not_utf8_is_said_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: Hỗ trợ\n".encode("utf-16"))
    [finding] = validate(path).findings
    assert finding.code == "encoding"
    assert finding.message.startswith("the file is not UTF-8")
    _vietnamese(finding.message_vi, finding.message)
    assert "hãy lưu tệp dạng UTF-8" in finding.message_vi


# -- files the loader cannot read --------------------------------------------------------------


def _refused(path: Path, limits: Limits | None = None) -> SourceError:
    with pytest.raises(SourceError) as info:
        validate(path, limits=limits)
    return info.value


def test_a_missing_file_is_said_in_vietnamese(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    error = _refused(missing)
    assert str(error) == f"{missing}: no such file"
    assert error.said.vi == f"{missing}: không có tệp này"
    assert error.text("vi") == error.said.vi
    assert error.text("en") == str(error)


def test_a_folder_is_said_in_vietnamese(tmp_path: Path) -> None:
    error = _refused(tmp_path)
    assert str(error) == f"{tmp_path}: is a folder; give the path of a YAML file"
    assert error.said.vi == f"{tmp_path}: là một thư mục; hãy ghi đường dẫn của một tệp YAML"


def test_a_path_holding_nul_is_said_in_vietnamese(tmp_path: Path) -> None:
    error = _refused(Path(f"{tmp_path}/a\0b.yaml"))
    assert "cannot be read (embedded null byte)" in str(error)
    assert "không đọc được (đường dẫn chứa ký tự NUL" in error.said.vi


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_may_not_be_read_is_said_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("id: a\n", "utf-8")
    path.chmod(0)
    try:
        error = _refused(path)
    finally:
        path.chmod(0o600)
    assert str(error) == f"{path}: permission denied"
    assert error.said.vi == f"{path}: không có quyền đọc tệp"


@pytest.mark.parametrize(
    ("error", "en", "vi"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied"),
            "permission denied",
            "không có quyền đọc tệp",
        ),
        (
            OSError(errno.EIO, "Input/output error"),
            "cannot be read (Input/output error)",
            "không đọc được (lỗi vào/ra của thiết bị)",
        ),
        (
            OSError(errno.ECONNREFUSED, "Connection refused"),
            "cannot be read (Connection refused)",
            "không đọc được (lỗi của hệ điều hành: `Connection refused`)",
        ),
    ],
    ids=["permission", "io-error", "unknown-errno"],
)
def test_the_os_refusal_is_said_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, en: str, vi: str
) -> None:
    """Whatever the OS refuses (here as opening the file raises it), by its errno."""
    from cskh_org import files

    def refuse(path: object) -> object:
        raise error

    monkeypatch.setattr(files, "open_regular", refuse)
    path = tmp_path / "d.yaml"
    refused = _refused(path)
    assert str(refused) == f"{path}: {en}"
    assert refused.said.vi == f"{path}: {vi}"


def test_a_file_over_the_limit_is_said_in_vietnamese(tmp_path: Path) -> None:
    """The byte counts are grouped as each language writes them."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    error = _refused(path, Limits(max_bytes=1500))
    assert "the file is 2,004 bytes, over the limit of 1,500" in str(error)
    assert "tệp có 2.004 byte, vượt giới hạn 1.500 byte" in error.said.vi


def test_an_included_file_that_cannot_be_read_says_why_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An include whose file the OS refuses is `include-error` with the refusal in each
    language (here a refusal as read_source gives it for a file that may not be read)."""
    (tmp_path / "people.yaml").write_text("people: []\n", "utf-8")
    root = tmp_path / "department.yaml"
    root.write_text("id: a\ninclude: [people.yaml]\n", "utf-8")

    def refuse(path: Path, *args: object, **kwargs: object) -> object:
        raise SourceError(both("source.permission", name=path.name))

    monkeypatch.setattr(includes_module, "read_source", refuse)
    [finding] = [f for f in validate(root).findings if f.code == "include-error"]
    assert finding.message == "`people.yaml`: people.yaml: permission denied"
    assert finding.message_vi == "`people.yaml`: people.yaml: không có quyền đọc tệp"


@pytest.mark.parametrize(
    ("item", "vi"),
    [('"a\\0b.yaml"', "ký tự NUL"), ("x" * 5000 + ".yaml", "tên tệp quá dài")],
    ids=["nul", "name-too-long"],
)
def test_an_include_that_cannot_be_followed_says_why_in_vietnamese(
    tmp_path: Path, item: str, vi: str
) -> None:
    root = tmp_path / "department.yaml"
    root.write_text(f"id: a\ninclude: [{item}]\n", "utf-8")
    [finding] = [f for f in validate(root).findings if f.code == "include-error"]
    _vietnamese(finding.message_vi, finding.message)
    assert vi in finding.message_vi
    assert finding.message_vi.startswith("không theo được")


def test_a_department_that_cannot_be_built_is_said_in_vietnamese(tmp_path: Path) -> None:
    """A workload checked against a department that does not build: refused in each language."""
    (tmp_path / "department.yaml").write_text("id: a\n", "utf-8")
    workload = tmp_path / "workload.yaml"
    shutil.copy(EXAMPLES / "growing" / "workload.yaml", workload)
    department = tmp_path / "department.yaml"
    with pytest.raises(SourceError) as info:
        validate_document(workload)
    errors = len([f for f in validate(department).findings if f.severity.is_error])
    assert errors > 1
    assert str(info.value) == (
        f"{department}: the department of workload {workload} cannot be built ({errors} "
        f"errors); `cskh-org validate {department}` shows them"
    )
    assert info.value.text("vi") == (
        f"{department}: không dựng được bộ phận mà khối lượng công việc {workload} được viết "
        f"cho ({errors} lỗi); `cskh-org validate {department}` cho thấy các lỗi đó"
    )


# -- the CLI prints them in --lang -------------------------------------------------------------


def test_validate_lang_vi_says_a_missing_file_in_vietnamese(
    run_cli: RunCli, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = run_cli(["validate", "--lang", "vi", str(missing)])
    assert result.code == 2
    assert result.out == f"error: {missing}: không có tệp này\n"
    assert run_cli(["validate", str(missing)]).out == f"error: {missing}: no such file\n"


def test_validate_json_gives_both_texts_of_an_unreadable_file(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli(["validate", "--format", "json", str(tmp_path)])
    [file] = json.loads(result.out)["files"]
    assert file["error"] == f"{tmp_path}: is a folder; give the path of a YAML file"
    assert file["error_vi"] == f"{tmp_path}: là một thư mục; hãy ghi đường dẫn của một tệp YAML"


def test_a_command_says_a_missing_file_in_its_language(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = run_cli(["budget", "--lang", "vi", str(missing)])
    assert result.code == 2
    assert result.err == f"cskh-org: error: {missing}: không có tệp này\n"
