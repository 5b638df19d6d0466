"""The public surface of ``cskh_org``: exports, light import, load/loads, errors, org_graph."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import cskh_org
from cskh_org import (
    CskhOrgError,
    DocumentInvalid,
    Finding,
    LoadResult,
    Location,
    Severity,
    SourceError,
    TicketInvalid,
    UsageError,
)
from tests.conftest import ROOT

CLEAN = """\
id: shop
name: {vi: Cửa hàng, en: Shop}
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
externals:
  - {id: board, name: Ban giám đốc, kind: board}
  - {id: head_of_sales, name: Trưởng phòng bán hàng, kind: head_of_sales, reports_to: board}
roles:
  - {id: manager, title: Trưởng phòng CSKH, level: 3, monthly_cost: 25000000 VND}
  - {id: agent, title: Nhân viên CSKH, monthly_cost: 9000000 VND}
units:
  - id: cskh
    name: Phòng CSKH
    head: manager
    functions: [account_management, loyalty, sales]
    staff: [{role: manager}]
  - id: support
    name: Nhóm hỗ trợ
    parent: cskh
    functions: [support, returns_warranty, issue_resolution]
    staff: [{role: agent, headcount: 1}]
"""

BROKEN = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: agent, title: Agent, monthly_cost: 9000000 VND}
units:
  - id: care
    name: Care
    colour: blue
    parent: nowhere
    staff: [{role: agent}]
"""


def _isort_key(name: str) -> tuple[int, list[int | str]]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then the rest; natural order inside."""
    group = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    natural: list[int | str] = [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]
    return group, natural


def test_all_is_sorted_and_every_name_exists() -> None:
    """`cskh_org.__all__` is sorted (ruff's isort-style order), unique, and all names exist."""
    names = list(cskh_org.__all__)
    assert names == sorted(names, key=_isort_key)
    assert len(names) == len(set(names))
    missing = [n for n in names if not hasattr(cskh_org, n)]
    assert not missing


def test_import_is_light() -> None:
    """`import cskh_org` in a fresh process does not import networkx, graphviz, hypothesis or
    holidays."""
    code = (
        "import json, sys, cskh_org; "
        "heavy = ('networkx', 'graphviz', 'hypothesis', 'holidays'); "
        "print(json.dumps([m for m in heavy if m in sys.modules]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(proc.stdout) == []


def test_holidays_package_is_imported_only_for_a_country() -> None:
    """Loading a department whose calendars name no country never imports the
    `holidays` package; asking a country calendar for a date does."""
    code = (
        "import json, sys, datetime, cskh_org\n"
        f"dept = cskh_org.loads({CLEAN!r})\n"
        "before = 'holidays' in sys.modules\n"
        "from cskh_org.calendars import business_calendar\n"
        "dept = cskh_org.load('examples/large/department.yaml')\n"
        "office = business_calendar(dept, 'office_hours')\n"
        "print(json.dumps([before, office.hours(datetime.date(2028, 1, 26))]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(proc.stdout) == [False, []]


def test_loads_returns_the_department() -> None:
    """`loads` of a clean document returns the typed Department."""
    dept = cskh_org.loads(CLEAN)
    assert isinstance(dept, cskh_org.Department)
    assert [u.id for u in dept.units] == ["cskh", "support"]
    assert dept.name["vi"] == "Cửa hàng"


def test_loads_raises_document_invalid_with_every_finding() -> None:
    """`loads` of a broken document raises DocumentInvalid carrying all its findings."""
    with pytest.raises(DocumentInvalid) as exc:
        cskh_org.loads(BROKEN, name="broken.yaml")
    findings = exc.value.findings
    assert [f.code for f in findings] == ["unknown-key"]  # the build stops before the checks
    assert findings[0].location == Location("broken.yaml", 10, 5)
    assert str(exc.value) == findings[0].format()
    assert exc.value.exit_code == 1


def test_document_invalid_message_counts_the_other_errors() -> None:
    """With several errors, the exception message is the first plus how many more."""
    text = CLEAN.replace("reports_to: head_of_sales", "reports_to: head_sales").replace(
        "role: agent", "role: agnt"
    )
    with pytest.raises(DocumentInvalid) as exc:
        cskh_org.loads(text)
    errors = [f for f in exc.value.findings if f.severity is Severity.ERROR]
    assert {f.code for f in errors} == {"unknown-external", "unknown-role"}
    assert str(exc.value).endswith(f"(and {len(errors) - 1} more)")


def test_strict_load_fails_on_warnings(tmp_path: Path) -> None:
    """`load(strict=True)` raises on a warning that a plain `load` accepts."""
    path = tmp_path / "dept.yaml"
    path.write_text(CLEAN + "  - {id: empty, name: Empty, parent: cskh}\n", "utf-8")
    dept = cskh_org.load(str(path))
    assert "empty" in dept.units_by_id
    with pytest.raises(DocumentInvalid) as exc:
        cskh_org.load(str(path), strict=True)
    assert [f.code for f in exc.value.findings] == ["unit-without-staff"]


class _PathLike:
    """An ``os.PathLike[str]`` that is not a ``Path``: ``load`` must take any of them."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_load_takes_a_path_or_any_path_like(tmp_path: Path) -> None:
    """`load(Path(...))` type-checks under mypy --strict (this file is checked) and works, as
    does any other ``os.PathLike[str]``; a finding names the file as given."""
    path = tmp_path / "dept.yaml"
    path.write_text(CLEAN, "utf-8")
    by_path: cskh_org.Department = cskh_org.load(path)
    by_path_like: cskh_org.Department = cskh_org.load(_PathLike(path), strict=True)
    assert by_path.id == by_path_like.id == "shop"
    path.write_text(BROKEN, "utf-8")
    with pytest.raises(DocumentInvalid) as exc:
        cskh_org.load(_PathLike(path))
    assert all(f.location and f.location.file == str(path) for f in exc.value.findings)


def test_load_of_a_missing_file_raises_source_error(tmp_path: Path) -> None:
    """`load` of a file that does not exist raises SourceError (exit code 2), not OSError."""
    with pytest.raises(SourceError, match="no such file") as exc:
        cskh_org.load(str(tmp_path / "missing.yaml"))
    assert exc.value.exit_code == 2


def test_validate_returns_every_finding_without_raising() -> None:
    """`validate_text` never raises for a bad document: the LoadResult holds the findings."""
    result = cskh_org.validate_text(BROKEN)
    assert isinstance(result, LoadResult)
    assert result.department is None
    assert not result.ok()
    assert all(isinstance(f, Finding) for f in result.findings)
    with pytest.raises(DocumentInvalid):
        result.unwrap()


def test_findings_print_like_a_compiler() -> None:
    """A finding prints as `file:line:col: severity[code]: message` and converts to a dict."""
    finding = cskh_org.validate_text(BROKEN, name="d.yaml").findings[0]
    assert re.fullmatch(r"d\.yaml:10:5: error\[unknown-key\]: unknown key `colour`.*", str(finding))
    data = finding.to_dict()
    assert data["code"] == "unknown-key"
    assert (data["file"], data["line"], data["column"]) == ("d.yaml", 10, 5)
    assert data["path"] == ["units", 0, "colour"]


@pytest.mark.parametrize(
    ("cls", "code"), [(UsageError, 2), (SourceError, 2), (DocumentInvalid, 1), (TicketInvalid, 2)]
)
def test_exceptions_derive_from_the_root_and_carry_exit_codes(
    cls: type[CskhOrgError], code: int
) -> None:
    """Every exception is a CskhOrgError with the exit code the CLI uses for it."""
    assert issubclass(cls, CskhOrgError)
    assert cls.exit_code == code
    assert CskhOrgError.exit_code == 2


def test_ticket_invalid_is_also_a_value_error() -> None:
    """TicketInvalid is a ValueError too and names the attribute at fault."""
    err = TicketInvalid("`tier` must be one of vip, regular", attribute="tier")
    assert isinstance(err, ValueError)
    assert err.attribute == "tier"


def test_org_graph_has_units_externals_and_reporting_edges() -> None:
    """`org_graph` gives a DiGraph of unit and external nodes with superior → led edges."""
    graph = cskh_org.org_graph(cskh_org.loads(CLEAN))
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.nodes) == {
        ("unit", "cskh"),
        ("unit", "support"),
        ("external", "board"),
        ("external", "head_of_sales"),
    }
    assert set(graph.edges) == {
        (("external", "board"), ("external", "head_of_sales")),
        (("external", "head_of_sales"), ("unit", "cskh")),
        (("unit", "cskh"), ("unit", "support")),
    }
    assert nx.is_arborescence(graph)
    support = graph.nodes[("unit", "support")]
    assert support["kind"] == "unit"
    assert support["headcount"] == 1
    assert support["functions"] == ("support", "returns_warranty", "issue_resolution")
    assert graph.nodes[("external", "board")]["external_kind"] == "board"


def test_dump_yaml_round_trips() -> None:
    """`dump_yaml` writes YAML that loads back to an equal department."""
    dept = cskh_org.loads(CLEAN)
    assert cskh_org.loads(cskh_org.dump_yaml(dept)) == dept


def test_json_schema_describes_the_document() -> None:
    """`json_schema` is a draft 2020-12 schema whose required keys match the model (for a
    document without `include`: with it, sections may come from the included files)."""
    schema = cskh_org.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["if"] == {"required": ["include"]}
    assert schema["else"] == {"$ref": "#/$defs/Department"}
    assert set(schema["$defs"]["Department"]["required"]) == {
        name for name, f in cskh_org.Department.model_fields.items() if f.is_required()
    }
    json.dumps(schema)  # serialisable as is


def test_routing_is_light() -> None:
    """Loading a department and routing a ticket imports neither graphviz nor any simulation
    code (apps that only route stay light). Loading runs the checks, which use networkx; a
    router alone imports none (`tests/test_startup.py`)."""
    code = (
        "import json, sys, cskh_org\n"
        "router = cskh_org.load('examples/growing/department.yaml').router()\n"
        "assert router.route({'channel': 'chat'}).unit == 'online_care'\n"
        "heavy = ('graphviz', 'hypothesis', 'numpy', 'cskh_org.simulation')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(proc.stdout) == []
