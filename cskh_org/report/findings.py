"""A validation as a person reads it: one line per finding and a verdict per file, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cskh_org.findings import Severity
from cskh_org.loading import Checked, RoutingResult
from cskh_org.report.console import Style, finding_line, plural
from cskh_org.terminal import printable
from cskh_org.words import say

__all__ = ["validation_json", "validation_text"]


def validation_text(
    checked: Sequence[Checked],
    style: Style,
    *,
    strict: bool = False,
    verbose: bool = False,
    lang: str | None = None,
) -> str:
    """Each file's findings (notes only when ``verbose``; messages in ``lang``, default
    English), then its verdict and counts."""
    lines: list[str] = []
    for file in checked:
        if file.result is None:
            lines.append(f"{style('error', '1;31')}: {_error_text(file, lang)}")
            continue
        findings = file.result.findings
        lines += [
            finding_line(f, style, lang)
            for f in findings
            if verbose or f.severity is not Severity.INFO
        ]
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        shown = lang or "en"
        errors, warnings, notes = (counts[s] for s in Severity)
        if shown == "vi":
            summary = say("check.counts", shown, errors=errors, warnings=warnings, notes=notes)
        else:
            summary = say(
                "check.counts",
                shown,
                errors=plural(errors, "error"),
                warnings=plural(warnings, "warning"),
                notes=plural(notes, "note"),
            )
        ok = file.ok(strict=strict)
        verdict = (
            style(say("check.valid", shown), "1;32")
            if ok
            else style(say("check.invalid", shown), "1;31")
        )
        hidden = "" if verbose or not counts[Severity.INFO] else say("check.hidden", shown)
        if isinstance(file.result, RoutingResult):
            hidden = say("check.routing-only", shown) + hidden
        lines.append(f"{printable(file.name)}: {verdict} ({summary}){hidden}")
    return "".join(f"{line}\n" for line in lines)


def _error_text(file: Checked, lang: str | None) -> str:
    """Why ``file`` could not be read, in ``lang`` (default English)."""
    return file.error.text(lang or "en") if file.error is not None else ""


def validation_json(checked: Sequence[Checked], *, strict: bool = False) -> str:
    """``{"strict": …, "files": [{file, kind, valid, findings}…]}``, every finding included."""
    files: list[dict[str, object]] = []
    for file in checked:
        if file.result is None:
            files.append(
                {
                    "file": file.name,
                    "valid": False,
                    "error": _error_text(file, "en"),
                    "error_vi": _error_text(file, "vi"),
                    "findings": [],
                }
            )
            continue
        files.append(
            {
                "file": file.name,
                "kind": file.kind,
                "valid": file.ok(strict=strict),
                "findings": [f.to_dict() for f in file.result.findings],
            }
        )
    return json.dumps({"strict": strict, "files": files}, ensure_ascii=False, indent=2) + "\n"
