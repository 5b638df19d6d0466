"""The large example's report, made once for the tests of the page and of the browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from cskh_org.loading.versions import load_version
from cskh_org.loading.workload import load_workload
from cskh_org.report.html.facts import Facts, RunOptions, report_facts
from cskh_org.report.html.page import report_page
from tests.conftest import EXAMPLES

LARGE = EXAMPLES / "large"


def large_facts(lang: str = "vi", *, compare: Path | None = None, simulate: bool = True) -> Facts:
    current = load_version(str(LARGE / "department.yaml"))
    department = current.result.unwrap()
    loaded = load_workload(LARGE / "workload.yaml", department)
    return report_facts(
        current,
        lang=lang,
        workload=loaded.unwrap(),
        workload_file=str(LARGE / "workload.yaml"),
        workload_findings=loaded.findings,
        compare=load_version(str(compare)) if compare is not None else None,
        run=RunOptions(simulate=simulate, days=7.0, replications=5, seed=0),
    )


@pytest.fixture(scope="session")
def large_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Facts, Path]:
    """The large example's report in Vietnamese, with its workload simulated as the CLI
    does by default (7 days, 5 replications), written to a file."""
    facts = large_facts("vi")
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(report_page(facts, lang="vi"), encoding="utf-8")
    return facts, path
