"""`validate --format github|sarif|junit`: every finding where CI reads it, nothing forged."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from cskh_org.loading import validate_documents
from cskh_org.report.ci import validation_github, validation_junit, validation_sarif
from tests.conftest import EXAMPLES, RunCli

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text())
HOSTILE = "::error file=x::forged\n<x>&%,:"


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    bad = tmp_path / "bad, name: 100%.yaml"
    bad.write_text(f'id: x\nid: y\nname: {{en: "{HOSTILE[:20]}"}}\nunits: [\n', "utf-8")
    return [str(EXAMPLES / "small" / "department.yaml"), str(bad), str(tmp_path / "gone.yaml")]


def test_sarif_validates_against_the_sarif_2_1_0_schema(files: list[str]) -> None:
    checked = validate_documents(files)
    log = json.loads(validation_sarif(checked))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (run,) = log["runs"]
    results = run["results"]
    findings = [f for c in checked if c.result is not None for f in c.result.findings]
    assert len(results) == len(findings) + 1  # + the file that cannot be read
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    dup = next(r for r in results if r["ruleId"] == "duplicate-key")
    place = dup["locations"][0]["physicalLocation"]
    assert place["region"] == {"startLine": 2, "startColumn": 1}
    assert place["artifactLocation"]["uri"].endswith("bad%2C%20name:%20100%25.yaml")
    assert {r["level"] for r in results} <= {"error", "warning", "note"}


def test_github_annotations_one_line_each_nothing_forged(files: list[str]) -> None:
    checked = validate_documents(files)
    text = validation_github(checked)
    lines = text.splitlines()
    findings = [f for c in checked if c.result is not None for f in c.result.findings]
    assert len(lines) == len(findings) + 1
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    dup = next(line for line in lines if "title=duplicate-key" in line)
    # the file name's comma, colon and percent are escaped: they cannot end the property
    assert "file=" in dup
    assert "bad%2C name%3A 100%25.yaml" in dup
    assert ",line=2,col=1," in dup


def test_junit_counts_and_escapes(files: list[str]) -> None:
    checked = validate_documents(files)
    root = ET.fromstring(validation_junit(checked))
    suites = root.findall("testsuite")
    assert len(suites) == 3
    small, bad, gone = suites
    assert small.get("failures") == "0"
    assert [c.get("name") for c in small.findall("testcase")] == ["valid"]
    assert int(bad.get("failures") or 0) >= 2
    assert gone.get("errors") == "1"
    assert root.get("tests") == str(sum(int(s.get("tests") or 0) for s in suites))


def test_strict_junit_fails_on_warnings() -> None:
    doc = validate_documents([str(EXAMPLES / "invalid" / "budget-no-approval.yaml")])
    (checked,) = doc
    assert checked.result is not None
    warnings = [f for f in checked.result.findings if f.severity.value == "warning"]
    assert warnings
    assert ET.fromstring(validation_junit(doc)).get("failures") == "0"
    assert ET.fromstring(validation_junit(doc, strict=True)).get("failures") == str(len(warnings))


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit"])
def test_cli_exit_code_is_validations(run_cli: RunCli, files: list[str], fmt: str) -> None:
    assert run_cli(["validate", files[0], "--format", fmt]).code == 0
    result = run_cli(["validate", *files, "--format", fmt])
    assert result.code == 2  # a file could not be read
    assert "Traceback" not in result.err
