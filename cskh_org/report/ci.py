"""A validation where CI reads it: GitHub Actions annotations, SARIF 2.1.0 (code scanning) and
JUnit XML (test reports).

Each finding keeps its ``file:line:col``, code, severity and message (English; SARIF keeps the
Vietnamese one too, in the result's ``properties``). A file that cannot be read at all is a
result without a place. Nothing the user wrote can forge another annotation, break out of
the XML or the JSON: GitHub's workflow-command escapes, :mod:`xml.etree` and :mod:`json`
escape it, and control characters are written as visible escapes first
(:func:`~cskh_org.terminal.printable`).
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from cskh_org.findings import Finding, Severity
from cskh_org.loading import Checked
from cskh_org.terminal import printable

__all__ = ["SARIF_SCHEMA", "validation_github", "validation_junit", "validation_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""The ``$schema`` a SARIF log names (the schema of SARIF 2.1.0, errata 01)."""

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _items(checked: Sequence[Checked]) -> Iterator[tuple[Checked, Finding | None]]:
    """Each file with each of its findings (``None`` for a file that could not be read)."""
    for file in checked:
        if file.result is None:
            yield file, None
        else:
            for finding in file.result.findings:
                yield file, finding


# -- GitHub Actions ---------------------------------------------------------------------------


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def validation_github(checked: Sequence[Checked], *, lang: str = "en") -> str:
    """One workflow command per finding (``::error file=…,line=…,col=…,title=…::message``),
    notes as ``::notice``; GitHub shows them on the lines of the pull request."""
    lines = []
    for file, finding in _items(checked):
        if finding is None:
            error = file.error.text(lang) if file.error is not None else ""
            lines.append(f"::error title={_gh_property('cskh-org')}::{_gh_data(printable(error))}")
            continue
        props = []
        if finding.location is not None:
            loc = finding.location
            props += [
                f"file={_gh_property(printable(loc.file))}",
                f"line={loc.line}",
                f"col={loc.column}",
            ]
        props.append(f"title={_gh_property(finding.code)}")
        level = _GITHUB_LEVEL[finding.severity]
        lines.append(f"::{level} {','.join(props)}::{_gh_data(finding.text(lang))}")
    return "".join(f"{line}\n" for line in lines)


# -- SARIF -----------------------------------------------------------------------------------


def _uri(name: str) -> str:
    """A file name as a SARIF artifact URI: relative names stay relative (to the working
    directory, ``%SRCROOT%``), with forward slashes, percent-encoded."""
    path = PurePath(name)
    text = path.as_posix() if os.sep == "/" else str(path).replace(os.sep, "/")
    return urllib.parse.quote(text, safe="/:")


def validation_sarif(checked: Sequence[Checked]) -> str:
    """A SARIF 2.1.0 log: one run of ``cskh-org validate``, a rule per finding code met (with
    its check's description), a result per finding."""
    from cskh_org import __version__
    from cskh_org.checks import REGISTRY, load_builtin_checks

    load_builtin_checks()
    described = {code: c.summary for c in REGISTRY.values() for code in c.codes}
    results: list[dict[str, object]] = []
    codes: list[str] = []
    for file, finding in _items(checked):
        if finding is None:
            error = file.error
            results.append(
                {
                    "ruleId": "unreadable",
                    "level": "error",
                    "message": {"text": printable(error.text("en") if error else "")},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(file.name)}}}
                    ],
                    "properties": {"message_vi": printable(error.text("vi") if error else "")},
                }
            )
            if "unreadable" not in codes:
                codes.append("unreadable")
            continue
        if finding.code not in codes:
            codes.append(finding.code)
        result: dict[str, object] = {
            "ruleId": finding.code,
            "ruleIndex": codes.index(finding.code),
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "properties": {"message_vi": finding.message_vi},
        }
        loc = finding.location
        if loc is not None:
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(loc.file)},
                        "region": {"startLine": loc.line, "startColumn": loc.column},
                    }
                }
            ]
        results.append(result)
    for r in results:  # the unreadable files' results name their rule's index too
        if "ruleIndex" not in r:
            r["ruleIndex"] = codes.index(str(r["ruleId"]))
    rules = [
        {
            "id": code,
            "shortDescription": {"text": _described(code, described)},
            "helpUri": "https://pypi.org/project/cskh-org/",
        }
        for code in codes
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cskh-org",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/cskh-org/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _described(code: str, described: dict[str, str]) -> str:
    if code in described:
        return described[code]
    if code == "unreadable":
        return "The file could not be read (missing, not UTF-8, too large, not YAML)."
    return f"A problem of the document's text or structure ({code}): see docs/findings.md."


# -- JUnit XML ---------------------------------------------------------------------------------


def validation_junit(checked: Sequence[Checked], *, strict: bool = False) -> str:
    """JUnit XML: a test suite per file, a test case per finding that fails validation (an
    error, or a warning when ``strict``) as a failure, and one passing case for a valid file;
    a file that cannot be read is an error case."""
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="cskh-org validate")
    total = failed = errored = 0
    for file in checked:
        suite = ET.SubElement(root, "testsuite", name=printable(file.name))
        cases = fails = errors = 0
        if file.result is None:
            case = ET.SubElement(suite, "testcase", classname=printable(file.name), name="read")
            error = file.error.text("en") if file.error is not None else ""
            ET.SubElement(case, "error", message=printable(error), type="unreadable")
            cases, errors = 1, 1
        else:
            failing = [
                f
                for f in file.result.findings
                if f.severity is Severity.ERROR or (strict and f.severity is Severity.WARNING)
            ]
            for f in failing:
                where = str(f.location) if f.location else printable(file.name)
                case = ET.SubElement(
                    suite, "testcase", classname=printable(file.name), name=f"{f.code} at {where}"
                )
                failure = ET.SubElement(case, "failure", message=f.message, type=f.code)
                failure.text = f"{where}: {f.severity.value}[{f.code}]: {f.message}"
            if not failing:
                ET.SubElement(suite, "testcase", classname=printable(file.name), name="valid")
            cases, fails = max(1, len(failing)), len(failing)
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", str(errors))
        total, failed, errored = total + cases, failed + fails, errored + errors
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errored))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
