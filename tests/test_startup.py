"""A fast start: what `import cskh_org` and `cskh-org --version` import, the lazy public face."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import cskh_org
from tests.conftest import ROOT

NOT_AT_IMPORT = (
    "networkx",
    "pydantic",
    "yaml",
    "cskh_org.model",
    "cskh_org.loading",
    "cskh_org.simulation",
    "cskh_org.render",
    "cskh_org.budget",
)


def _modules_after(code: str) -> list[str]:
    """The modules loaded in a fresh interpreter after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return list(json.loads(proc.stdout.splitlines()[-1]))


def test_import_loads_no_model_and_no_engine() -> None:
    """`import cskh_org` imports neither pydantic, YAML, networkx nor any model or engine."""
    loaded = _modules_after("import cskh_org")
    assert [m for m in loaded if m.startswith(NOT_AT_IMPORT)] == []


def test_version_imports_no_model() -> None:
    """`cskh-org --version` prints the installed version without importing the models."""
    code = (
        "import contextlib, io\n"
        "from cskh_org.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(out):\n"
        "    main(['--version'])\n"
        "print(out.getvalue().strip())"
    )
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    printed, modules = proc.stdout.splitlines()[-2:]
    assert printed == f"cskh-org {importlib.metadata.version('cskh-org')}"
    assert [m for m in json.loads(modules) if m.startswith(NOT_AT_IMPORT)] == []


def test_routing_does_not_load_the_simulation_or_the_views() -> None:
    """Loading a department and routing a ticket imports no simulation, view or workload code.

    Loading runs the checks; for a document without reporting or escalation cycles they answer
    with plain walks, so networkx is not imported either (it is, lazily, for a document with a
    cycle: the checks ask its algorithms then); a router alone never imports it, see the next
    test."""
    loaded = _modules_after(
        "import cskh_org\n"
        "router = cskh_org.load('examples/growing/department.yaml').router()\n"
        "router.route({'channel': 'phone', 'category': 'complaint', 'tier': 'vip'})"
    )
    unwanted = ("cskh_org.simulation", "cskh_org.render", "cskh_org.model.workload")
    assert [m for m in loaded if m.startswith(unwanted)] == []
    assert "networkx" not in loaded  # no cycle: the checks' plain walks answer


def test_a_router_imports_no_networkx_and_no_yaml(tmp_path: Path) -> None:
    """Importing `cskh_org.routing` and routing a ticket with a Router (of a department built
    from JSON, no YAML read and no check run), explaining it and refusing a bad one in both
    languages imports neither networkx nor YAML, nor Babel or rich, nor the checks, the graph
    views, the escalation engine, the reports or the rest of the catalogue (routing's words
    are its own part)."""
    dept = cskh_org.load(ROOT / "examples" / "growing" / "department.yaml")
    data = tmp_path / "department.json"
    data.write_text(json.dumps(dept.model_dump(mode="json")), encoding="utf-8")
    loaded = _modules_after(
        "import cskh_org.routing\n"
        "from cskh_org.model import Department\n"
        f"text = open({str(data)!r}, encoding='utf-8').read()\n"
        "router = cskh_org.routing.compile_router(Department.model_validate_json(text))\n"
        "router.route({'channel': 'phone', 'category': 'complaint', 'tier': 'vip'})\n"
        "assert str(router.explain({'channel': 'zalo'})).startswith('→ online_channels')\n"
        "try:\n"
        "    router.route({'channel': 'fax'})\n"
        "except cskh_org.routing.TicketInvalid as exc:\n"
        "    assert exc.text('vi').startswith('`channel` là')\n"
    )
    unwanted = (
        "networkx",
        "yaml",
        "babel",
        "rich",
        "cskh_org.report",
        "cskh_org.words.findings",
        "cskh_org.words.labels",
        "cskh_org.loading",
        "cskh_org.checks",
        "cskh_org.graph",
        "cskh_org.escalation",
        "cskh_org.simulation",
        "cskh_org.render",
    )
    assert "cskh_org.routing" in loaded
    assert [m for m in loaded if m.startswith(unwanted)] == []


def test_version_comes_from_the_installed_metadata() -> None:
    """`cskh_org.__version__` is the distribution's version: pyproject.toml is its one source."""
    assert cskh_org.__version__ == importlib.metadata.version("cskh-org")


def test_every_public_name_resolves_and_is_listed() -> None:
    """Every name of `__all__` resolves in a fresh process and `dir()` lists all of them."""
    code = (
        "import cskh_org\n"
        "missing = [n for n in cskh_org.__all__ if getattr(cskh_org, n, None) is None]\n"
        "unlisted = sorted(set(cskh_org.__all__) - set(dir(cskh_org)))\n"
        "print(json.dumps([missing, unlisted]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", f"import json\n{code}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(proc.stdout) == [[], []]


def test_submodules_are_attributes_on_first_use() -> None:
    """`cskh_org.routing` works after a bare `import cskh_org`; a wrong name: AttributeError."""
    loaded = _modules_after(
        "import cskh_org\n"
        "assert cskh_org.routing.Router.__name__ == 'Router'\n"
        "try:\n"
        "    cskh_org.no_such_thing\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')"
    )
    assert "cskh_org.routing" in loaded
    assert "cskh_org.no_such_thing" not in loaded
