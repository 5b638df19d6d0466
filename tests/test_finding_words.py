"""Every finding message in Vietnamese and English, from the one catalogue."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from cskh_org.checks import REGISTRY, load_builtin_checks
from cskh_org.checks.workload import WORKLOAD_CODES
from cskh_org.cli import main
from cskh_org.errors import CskhOrgError
from cskh_org.findings import Finding, Issue
from cskh_org.loading import validate_document
from cskh_org.loading.build import _CODES, PYDANTIC_TYPES
from cskh_org.reference import LOADING_CODES
from cskh_org.words import catalogue
from tests.conftest import ROOT

EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").rglob("*.yaml")
    if p.parent.name not in {"include_conflict", "include_cycle", "include_twice"}
)

BORN_OF_PYDANTIC = {
    # codes a pydantic error becomes (loading/build.py), with the catalogue entries they say
    "missing-field": "missing-field",
    "unknown-key": "unknown-key",
    "invalid-value": "pydantic.",
    "invalid-id": "value.id",
    "invalid-currency": "value.currency",
    "invalid-timezone": "value.timezone",
    "invalid-country": "value.country",
    "invalid-subdivision": "value.subdivision.",
    "invalid-money": "value.money.",
    "invalid-language": "value.lang",
    "invalid-text": "value.display-text.",
    "invalid-time-range": "value.time-range.",
    "ambiguous-number": "value.ambiguous-number",
}

MAPPED_PYDANTIC_TYPES = {
    "bool_parsing", "bool_type", "date_from_datetime_inexact", "date_from_datetime_parsing",
    "date_parsing", "date_type", "datetime_from_date_parsing", "datetime_parsing",
    "datetime_type", "decimal_max_digits", "decimal_max_places", "decimal_parsing",
    "decimal_type", "decimal_whole_digits", "dict_type", "enum", "finite_number",
    "float_parsing", "float_type", "greater_than", "greater_than_equal", "int_from_float",
    "int_parsing", "int_parsing_size", "int_type", "less_than", "less_than_equal", "list_type",
    "literal_error", "model_attributes_type", "model_type", "multiple_of",
    "string_pattern_mismatch", "string_too_long", "string_too_short", "string_type",
    "time_delta_type", "time_parsing", "time_type", "timezone_aware",
    "too_long", "too_short", "tuple_type", "union_tag_invalid", "union_tag_not_found",
}  # fmt: skip
"""The pydantic error types whose message is in the catalogue (``missing`` and
``extra_forbidden`` have their own findings, ``missing-field`` and ``unknown-key``); any other
type keeps pydantic's English in both languages."""

STOP_WORDS = (" the ", " is ", " a ", " and ", " or ", " of ", " to ", " not ", "must", "should")


def _all_codes() -> set[str]:
    load_builtin_checks()
    checks = {code for entry in REGISTRY.values() for code in entry.codes}
    return checks | set(WORKLOAD_CODES) | set(LOADING_CODES) | set(_CODES.values())


@pytest.mark.parametrize("code", sorted(_all_codes()))
def test_every_code_has_a_catalogue_entry(code: str) -> None:
    """Each code the checks declare and the loader reports says its message from the
    catalogue: an entry keyed by the code (or ``code.variant``), or for a code a pydantic
    error becomes, the entries of the errors it is made of."""
    keys = set(catalogue())
    prefix = BORN_OF_PYDANTIC.get(code)
    if prefix is not None:
        assert any(k == prefix or k.startswith(prefix) for k in keys), code
    else:
        assert any(k == code or k.startswith(f"{code}.") for k in keys), code


def test_the_mapped_pydantic_types_are_listed() -> None:
    assert PYDANTIC_TYPES == MAPPED_PYDANTIC_TYPES


def _outside_ids(text: str) -> str:
    """``text`` without its backquoted parts (ids, keys, values quoted as written)."""
    return re.sub(r"`[^`]*`", "``", text)


def _findings(path: Path) -> list[Finding]:
    try:
        return list(validate_document(path).findings)
    except CskhOrgError:
        return []  # a workload whose department cannot be built: not a finding


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_finding_reads_in_vietnamese(path: Path) -> None:
    """The Vietnamese message is there, is not the English one (unless it is only ids and
    numbers), and has none of the common English words outside backquotes."""
    findings = _findings(path)
    if path.parent.name == "invalid":
        assert findings, f"{path.name} is an invalid example with no finding"
    for finding in findings:
        vi, en = finding.text("vi"), finding.text("en")
        assert vi.strip(), finding.code
        if re.search(r"[A-Za-z]{3,}", _outside_ids(en)):
            assert vi != en, (finding.code, vi)
        padded = f" {_outside_ids(vi)} "
        english = [w for w in STOP_WORDS if w in padded]
        assert not english, (finding.code, english, vi)


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_validate_lang_vi_prints_the_vietnamese_message() -> None:
    code, text = _cli("validate", "--lang", "vi", "examples/invalid/duplicate-key.yaml")
    assert code == 1
    assert text.splitlines()[0] == (
        "examples/invalid/duplicate-key.yaml:12:5: error[duplicate-key]: khóa `monthly_cost` "
        "được viết hai lần trong ánh xạ này (lần đầu ở dòng 11); hãy giữ một"
    )


def test_validate_defaults_to_english() -> None:
    _, text = _cli("validate", "examples/invalid/duplicate-key.yaml")
    assert "key `monthly_cost` is written twice in this mapping" in text


def test_an_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _cli("validate", "--lang", "fr", "examples/invalid/duplicate-key.yaml")
    assert code == 2
    assert "`fr` is not a display language; use one of vi, en" in capsys.readouterr().err


def test_json_gives_both_messages() -> None:
    _, text = _cli("validate", "--format", "json", "examples/invalid/org-cycle.yaml")
    [finding] = json.loads(text)["files"][0]["findings"]
    assert finding["message"].startswith("units report to each other in a cycle")
    assert finding["message_vi"].startswith("các đơn vị báo cáo vòng tròn cho nhau")


def test_an_issue_said_from_the_catalogue_has_both_texts() -> None:
    issue = Issue.said("unit-without-staff", ("units", 0), unit="cskh")
    assert issue.text("en") == (
        "unit `cskh` has no staff; add a staff line, or merge it into its parent"
    )
    assert issue.text("vi").startswith("đơn vị `cskh` chưa có nhân sự")
    plain = Issue("x", (), "only English")
    assert plain.text("vi") == "only English"
