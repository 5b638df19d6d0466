"""Golden outputs: what every command prints on the bundled examples, byte for byte.

A refactor changes no figure: each case below runs the command in-process and compares its exit
code, standard output and standard error with ``tests/golden/outputs/NAME.txt``. Where the
presentation changes on purpose (a table style, a locale format) the stored file changes in its
own commit, so the diff is reviewed. ``CSKH_ORG_UPDATE_GOLDEN=1`` rewrites the stored files.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli_in_process
from tests.test_docs import PREPARED

OUTPUTS = Path(__file__).parent / "outputs"
UPDATE = os.environ.get("CSKH_ORG_UPDATE_GOLDEN") == "1"

GROWING = "examples/growing/department.yaml --workload examples/growing/workload.yaml"
LARGE = "examples/large/department.yaml"
VIP = """'{"channel": "phone", "tier": "vip", "category": "complaint", "priority": "normal"}'"""
WARRANTY = """'{"channel": "phone", "category": "warranty", "previous_contacts": 1}'"""
OPENED = "--opened 2027-02-03T16:50+07:00"
EVENTS = """'[{"at": "2027-02-04T09:30+07:00", "kind": "replied"}]'"""
DEPT = "examples/growing/department.yaml"

COMMANDS = {
    "validate-growing": f"validate -v {DEPT}",
    "validate-growing-json": f"validate --format json {DEPT}",
    "validate-large": f"validate -v {LARGE} examples/large/workload.yaml",
    "validate-invalid-org-cycle": "validate examples/invalid/org-cycle.yaml",
    "validate-invalid-escalation-cycle": "validate examples/invalid/escalation-cycle.yaml",
    "validate-invalid-budget": "validate examples/invalid/budget-total-over-cap.yaml",
    "validate-invalid-org-cycle-vi": "validate --lang vi examples/invalid/org-cycle.yaml",
    "validate-invalid-escalation-cycle-vi": (
        "validate --lang vi examples/invalid/escalation-cycle.yaml"
    ),
    "validate-invalid-budget-vi": "validate --lang vi examples/invalid/budget-total-over-cap.yaml",
    "validate-growing-vi": f"validate -v --lang vi {DEPT}",
    "route-explain": f"route {DEPT} --ticket {VIP} --explain --lang en",
    "route-json": f"route {DEPT} --ticket {VIP} --format json",
    "route-jsonl": f"route {DEPT} --tickets examples/integration/tickets.jsonl",
    "sla-deadlines": f"sla {DEPT} --ticket {VIP} {OPENED} --lang en",
    "sla-deadlines-json": f"sla {DEPT} --ticket {VIP} {OPENED} --format json",
    "sla-status": f"sla {DEPT} --ticket {VIP} {OPENED} --events {EVENTS} --lang en",
    "escalation-growing": f"escalation {DEPT} --lang en",
    "escalation-large-json": f"escalation {LARGE} --format json",
    "budget-growing": f"budget {DEPT} --lang en",
    "budget-large-unit-month": f"budget {LARGE} --by unit --by month --lang en",
    "budget-large-csv": f"budget {LARGE} --by function --format csv",
    "budget-large-json": f"budget {LARGE} --format json",
    "budget-actuals": f"budget {LARGE} --actuals examples/budget/actuals-2027.csv --lang en",
    "checks": "checks",
}
COMMANDS |= {
    "sla-deadlines-vi": f"sla {DEPT} --ticket {VIP} {OPENED} --lang vi",
    "sla-status-vi": f"sla {DEPT} --ticket {VIP} {OPENED} --events {EVENTS} --lang vi",
    "escalation-growing-vi": f"escalation {DEPT} --lang vi",
    "budget-growing-vi": f"budget {DEPT} --lang vi",
    "budget-large-unit-month-vi": f"budget {LARGE} --by unit --by month --lang vi",
    "budget-actuals-vi": f"budget {LARGE} --actuals examples/budget/actuals-2027.csv --lang vi",
    "route-vi": f"route {DEPT} --ticket {VIP} --lang vi",
    "route-explain-vi": f"route {DEPT} --ticket {VIP} --explain --lang vi",
    "route-explain-large-vi": f"route {LARGE} --ticket {WARRANTY} --explain --lang vi",
}
COMMANDS |= {
    "route-en": f"route {DEPT} --ticket {VIP} --lang en",
    "route-explain-large-en": f"route {LARGE} --ticket {WARRANTY} --explain --lang en",
}
for _lang in ("en", "vi"):
    COMMANDS |= {
        f"render-org-dot-{_lang}": f"render {DEPT} --format dot --lang {_lang}",
        f"render-routing-mermaid-{_lang}": f"render {DEPT} --view routing --format mermaid"
        f" --lang {_lang}",
        f"render-escalation-dot-{_lang}": f"render {DEPT} --view escalation --format dot"
        f" --lang {_lang}",
        f"render-approval-mermaid-{_lang}": f"render {LARGE} --view approval --format mermaid"
        f" --lang {_lang}",
        f"render-org-large-depth-{_lang}": f"render {LARGE} --depth 1 --format mermaid"
        f" --lang {_lang}",
        f"simulate-growing-{_lang}": f"simulate {GROWING} --replications 3 --lang {_lang}",
        f"simulate-small-json-{_lang}": "simulate examples/small/department.yaml --workload"
        f" examples/small/workload.yaml --format json --lang {_lang}",
        f"simulate-compare-{_lang}": f"simulate {GROWING} --compare growing-less/department.yaml"
        f" --days 2 --replications 2 --lang {_lang}",
    }
CASES = {name: shlex.split(line) for name, line in COMMANDS.items()}
"""Each stored case: its file name and the command's arguments (after ``cskh-org``)."""


def _shown(code: int, out: str, err: str) -> str:
    return f"exit {code}\n--- stdout\n{out}--- stderr\n{err}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_the_stored_one(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The command prints exactly what is stored (``CSKH_ORG_UPDATE_GOLDEN=1`` to rewrite)."""
    argv = CASES[name]
    cwd = None
    if any(word.startswith("growing-less/") for word in argv):
        cwd = tmp_path
        shutil.copytree(EXAMPLES, tmp_path / "examples")
        PREPARED["growing-less"](tmp_path / "growing-less")
    result = run_cli_in_process(argv, monkeypatch, cwd=cwd)
    shown = _shown(result.code, result.out, result.err)
    path = OUTPUTS / f"{name}.txt"
    if UPDATE:
        OUTPUTS.mkdir(exist_ok=True)
        path.write_text(shown, "utf-8")
    assert path.exists(), f"no stored output: run with CSKH_ORG_UPDATE_GOLDEN=1 ({name})"
    assert shown == path.read_text("utf-8")
