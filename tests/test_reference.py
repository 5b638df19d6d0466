"""The generated docs (format reference, findings reference, JSON Schema) match the models."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from cskh_org.checks import REGISTRY, load_builtin_checks
from cskh_org.checks.history import HISTORY_CODES
from cskh_org.model import Department, Role, Unit
from cskh_org.money import Money
from cskh_org.reference import (
    FILES,
    LOADING_CODES,
    describe_type,
    generated_files,
    main,
    models,
    render_findings,
    render_reference,
)
from tests.conftest import ROOT

REGENERATE = "run `python -m cskh_org.reference` and commit the result"


@pytest.mark.parametrize("rel", FILES)
def test_committed_file_is_current(rel: str) -> None:
    """Each generated doc in the repository equals what the models generate now."""
    path = ROOT / rel
    assert path.is_file(), f"{rel} is missing: {REGENERATE}"
    assert path.read_text("utf-8") == generated_files()[rel], f"{rel} is stale: {REGENERATE}"


def test_every_model_field_has_a_description() -> None:
    """Every field of every document model has a description (its attribute docstring)."""
    every: list[type[BaseModel]] = [*models(), Money]
    missing = [
        f"{model.__name__}.{name}"
        for model in every
        for name, info in model.model_fields.items()
        if not (info.description or "").strip()
    ]
    assert not missing, (
        f"fields without a description: {', '.join(missing)}; add a docstring under each, "
        f"then {REGENERATE}"
    )


def test_models_reach_every_section_of_a_document() -> None:
    """The model walk starts at Department and reaches nested models, each once."""
    found = models()
    assert found[0] is Department
    assert Unit in found
    assert len(found) == len(set(found))
    assert Money not in found  # money is a value type, not a section


def test_reference_has_a_section_and_a_row_per_key() -> None:
    """The reference has a heading per model and a table row per key (aliases as written)."""
    text = render_reference()
    for model in models():
        assert f"\n## {model.__name__}\n" in text
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in text, f"{model.__name__}.{name}"


def _row(text: str, section: str, key: str) -> str:
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"^\| `{key}` \|.*$", body, flags=re.MULTILINE)
    assert match, f"no row for {section}.{key}"
    return match.group(0)


def test_reference_names_types_for_humans() -> None:
    """Types read as words: references by kind, money, localized text, lists, enums, defaults."""
    text = render_reference()
    assert "| id of a [unit](#unit) | optional |" in _row(text, "Unit", "parent")
    assert "| money | **required** |" in _row(text, "Role", "monthly_cost")
    assert "| localized text | **required** |" in _row(text, "Department", "name")
    assert "| list of [Unit](#unit) (at least 1 entry) |" in _row(text, "Department", "units")
    assert "`head_of_sales`, `board`" in _row(text, "External", "kind")
    assert "optional, default `[vi, en]`" in _row(text, "Department", "languages")
    assert "integer (≥ 1, ≤ 9)" in _row(text, "Role", "level")
    assert "at most 500 characters" in _row(text, "FunctionWaiver", "reason")


def test_describe_type_of_reference_fields_uses_ref_metadata() -> None:
    """A reference field's type names the kind from its Ref metadata, with the right article."""
    parent = Unit.model_fields["parent"].rebuild_annotation()
    head = Unit.model_fields["head"].rebuild_annotation()
    reports = Department.model_fields["reports_to"].rebuild_annotation()
    assert describe_type(parent) == "id of a [unit](#unit)"
    assert describe_type(head) == "id of a [role](#role)"
    assert describe_type(reports) == "id of an [external party](#external)"
    assert describe_type(Role.model_fields["skills"].rebuild_annotation()) == "list of id"


_REPORTERS = frozenset({"Finding", "said", "_finding", "_err", "_stop"})


def _codes_in_loading_sources() -> set[str]:
    """Codes passed first to a finding-making call, plus the values of build's `_CODES`."""
    codes: set[str] = set()
    for path in sorted((ROOT / "cskh_org" / "loading").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                first = node.args[0]
                if name in _REPORTERS and isinstance(first, ast.Constant):
                    codes.add(str(first.value))
            elif (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "_CODES" for t in node.targets)
                and isinstance(node.value, ast.Dict)
            ):
                codes |= {str(v.value) for v in node.value.values if isinstance(v, ast.Constant)}
    return codes


def test_loading_codes_are_exactly_the_codes_the_loaders_report() -> None:
    """LOADING_CODES lists every finding code written in cskh_org/loading, and no other."""
    load_builtin_checks()
    check_codes = {code for entry in REGISTRY.values() for code in entry.codes}
    check_codes |= set(HISTORY_CODES)  # a history import's, listed apart
    in_source = _codes_in_loading_sources() - check_codes
    assert in_source == set(LOADING_CODES), (
        f"missing from LOADING_CODES: {sorted(in_source - set(LOADING_CODES))}; "
        f"listed but never reported: {sorted(set(LOADING_CODES) - in_source)}"
    )


def test_findings_reference_lists_every_code_with_its_severity() -> None:
    """findings.md has each loading code and each check's codes with their severities."""
    text = render_findings()
    for code in LOADING_CODES:
        assert f"| `{code}` |" in text
    load_builtin_checks()
    for entry in REGISTRY.values():
        assert f"### {entry.name}" in text
        for code, severity in entry.codes.items():
            assert f"| `{code}` | {severity.value} |" in text


def test_schema_file_is_the_json_schema() -> None:
    """The generated schema is JSON with the draft 2020-12 `$schema` and Department's keys."""
    schema = json.loads(generated_files()["docs/schema/department.schema.json"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"id", "units", "roles"} <= set(schema["properties"])


def test_main_writes_the_files_and_check_mode_reports_stale_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--check` exits 1 while files are stale; `main()` writes them; then `--check` exits 0."""
    root = ["--root", str(tmp_path)]
    assert main([*root, "--check"]) == 1
    assert "python -m cskh_org.reference" in capsys.readouterr().out
    assert not (tmp_path / "docs").exists()  # --check never writes
    assert main(root) == 0
    for rel, text in generated_files().items():
        assert (tmp_path / rel).read_text("utf-8") == text
    assert main([*root, "--check"]) == 0
