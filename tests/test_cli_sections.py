"""A command needs only the sections it uses (:mod:`cskh_org.loading.sections`).

Each document is a copy of an example with one section broken: the commands that do not
read that section work and note the errors they did not act on; the commands that read it
refuse, printing every error of it; `budget` and the routing view show the problem they
exist to show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cskh_org.checks import REGISTRY, load_builtin_checks
from cskh_org.errors import DocumentInvalid
from cskh_org.findings import Finding, Severity
from cskh_org.loading import USES, section_of, validate
from cskh_org.loading.sections import CODE_SECTIONS, SECTIONS
from tests.conftest import EXAMPLES, RunCli

TICKET = '{"channel": "email", "category": "complaint"}'
NOTE = (
    "cskh-org: note: 1 error in other sections ({}) not acted on; cskh-org validate {} shows them"
)


def _growing(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of examples/growing with ``old`` replaced by ``new`` in ``file``."""
    folder = tmp_path / "growing"
    shutil.copytree(EXAMPLES / "growing", folder)
    path = folder / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    return folder


def _over_cap(tmp_path: Path) -> Path:
    return _growing(tmp_path, "budget.yaml", "total: 3_600_000_000", "total: 3_000_000_000")


def test_route_and_sla_do_not_stop_over_a_budget_cap(run_cli: RunCli, tmp_path: Path) -> None:
    """`route` and `sla` work on a department whose budget is over its cap, and say on
    stderr that they did not act on the budget's error."""
    folder = _over_cap(tmp_path)
    route = run_cli(["route", "--lang", "en", "department.yaml", "--ticket", TICKET], cwd=folder)
    assert route.code == 0
    assert route.out.startswith("unit:     after_sales\n")
    assert route.err == NOTE.format("budget", "department.yaml") + "\n"
    sla = run_cli(
        [
            "sla",
            "--lang",
            "en",
            "department.yaml",
            "--ticket",
            TICKET,
            "--opened",
            "2027-03-01T09:00+07:00",
        ],
        cwd=folder,
    )
    assert (sla.code, sla.err) == (0, NOTE.format("budget", "department.yaml") + "\n")
    assert sla.out.startswith("policy:  complaints\n")


def test_budget_shows_the_plan_that_is_over_its_cap(run_cli: RunCli, tmp_path: Path) -> None:
    """`budget` prints the plan on stdout and the over-cap finding on stderr, exit 1."""
    folder = _over_cap(tmp_path)
    result = run_cli(["budget", "--lang", "en", "department.yaml"], cwd=folder)
    assert result.code == 1
    assert result.out.startswith("budget of bep_xanh_cskh, fiscal year 2027")
    assert "total" in result.out.splitlines()[-1]
    errors = result.err.splitlines()
    assert "error[budget-total-over-cap]" in errors[0]
    assert errors[0].startswith("budget.yaml:")
    assert errors[-1] == (
        "cskh-org: error: the document has 1 error (above); the plan is over its caps"
    )


def test_the_routing_view_draws_a_shadowed_rule_as_never_firing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A shadowed rule is drawn dashed with the "never fires" mark; the finding is on
    stderr and the exit code is 1. The org view does not read routing: exit 0 with a note."""
    source = EXAMPLES / "invalid" / "rule-shadowed.yaml"
    args = ["render", str(source), "--view", "routing", "--format", "dot", "--lang", "en"]
    result = run_cli(args, cwd=tmp_path)
    assert result.code == 1
    [vip] = [line for line in result.out.splitlines() if line.lstrip().startswith('"r_vip" [')]
    assert "never fires" in vip
    assert "dashed" in vip
    assert "error[rule-shadowed]" in result.err.splitlines()[0]
    assert result.err.splitlines()[-1].endswith("the diagram draws them")
    org = run_cli(["render", str(source), "--format", "dot"], cwd=tmp_path)
    assert org.code == 0
    assert org.err == NOTE.format("routing", source) + "\n"


def test_simulate_compare_with_two_more_agents_is_not_stopped_by_the_budget_cap(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Two more support agents push the plan over its cap; the simulation does not read the
    budget, so `--compare` runs, noting the error it did not act on."""
    folder = _growing(
        tmp_path,
        "units.yaml",
        "headcount: 3\n        skills: [english]",
        "headcount: 5\n        skills: [english]",
    )
    other = validate(folder / "department.yaml")
    assert {f.code for f in other.findings if f.severity.is_error} == {
        "budget-category-over-cap",  # staff
        "budget-total-over-cap",
    }
    base = EXAMPLES / "growing" / "department.yaml"
    args = ["simulate", str(base), "--workload", str(EXAMPLES / "growing" / "workload.yaml")]
    args += ["--compare", str(folder / "department.yaml"), "--days", "2", "--replications", "1"]
    result = run_cli([*args, "--warmup", "0s"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == (
        f"cskh-org: note: 2 errors in other sections (budget) not acted on; cskh-org validate "
        f"{folder / 'department.yaml'} shows them\n"
    )
    assert result.out


@pytest.mark.parametrize(
    ("command", "refused"),
    [
        (["route", "department.yaml", "--ticket", TICKET], True),
        (["escalation", "--lang", "en", "department.yaml"], True),
        (["render", "department.yaml", "--view", "routing", "--format", "dot"], True),
        (["budget", "--lang", "en", "department.yaml"], False),
    ],
)
def test_an_error_in_a_used_section_still_refuses(
    run_cli: RunCli, tmp_path: Path, command: list[str], refused: bool
) -> None:
    """An unknown unit in a routing rule stops every command that reads routing, with the
    finding printed; `budget` (which does not) works and notes it."""
    folder = _growing(tmp_path, "routing.yaml", "to: online_care", "to: online_desk")
    result = run_cli(command, cwd=folder)
    if refused:
        assert result.code == 1
        assert result.out == ""
        lines = result.err.splitlines()
        assert "error[unknown-unit]" in lines[0]
        assert lines[0].startswith("routing.yaml:")
        assert lines[-1].startswith("cskh-org: error: the document is invalid (1 error)")
    else:
        assert result.code == 0
        # the SLA clocks run on the calendar of the unknown unit: sla has errors too
        assert result.err.startswith("cskh-org: note: ")
        assert "errors in other sections (routing, sla) not acted on" in result.err


def test_a_tolerated_code_with_another_error_in_the_section_refuses(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Over the cap and a one-off line outside the fiscal year: `budget` refuses, printing both."""
    folder = _over_cap(tmp_path)
    budget = folder / "budget.yaml"
    budget.write_text(
        budget.read_text("utf-8").replace("date: 2027-08-15", "date: 2028-08-15"), "utf-8"
    )
    result = run_cli(["budget", "--lang", "en", "department.yaml"], cwd=folder)
    assert (result.code, result.out) == (1, "")
    assert "error[budget-date-outside-year]" in result.err
    assert "error[budget-total-over-cap]" in result.err


def test_an_unbuildable_department_stops_every_command() -> None:
    """A department that cannot be built is refused for every use, with every finding."""
    result = validate(EXAMPLES / "invalid" / "missing-field.yaml")
    assert result.department is None
    for use in USES:
        with pytest.raises(DocumentInvalid) as caught:
            result.usable_for(use)
        assert caught.value.findings == result.findings


def test_a_finding_without_a_path_is_about_the_whole_document() -> None:
    """A duplicate key (no path) belongs to no section, so it stops every command."""
    finding = Finding("duplicate-key", Severity.ERROR, "twice")
    assert section_of(finding) is None
    result = validate(EXAMPLES / "invalid" / "duplicate-key.yaml")
    assert result.department is not None
    with pytest.raises(DocumentInvalid):
        result.usable_for("route")


def test_every_code_has_a_section_and_every_use_names_known_sections() -> None:
    """The overrides name registered codes; every use reads `org` and known sections; every
    tolerated code is one some check reports."""
    load_builtin_checks()
    codes = {code for entry in REGISTRY.values() for code in entry.codes}
    assert set(CODE_SECTIONS) <= codes
    assert set(CODE_SECTIONS.values()) <= set(SECTIONS)
    for use in USES.values():
        assert "org" in use.sections
        assert use.sections <= set(SECTIONS)
        assert use.tolerates <= codes
        assert all(section_of(Finding(c, Severity.ERROR, "x", None, ("x",))) for c in codes)
    role = Finding("budget-currency-mismatch", Severity.ERROR, "x", None, ("roles", 0))
    assert section_of(role) == "budget"
    assert section_of(Finding("unknown-unit", Severity.ERROR, "x", None, ("units", 3))) == "org"
    routed = Finding("unknown-unit", Severity.ERROR, "x", None, ("routing", "rules", 0, "to"))
    assert section_of(routed) == "routing"
