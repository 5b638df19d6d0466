"""Every Mermaid file the project writes, parsed by the real Mermaid parser.

``parse.mjs`` runs the pinned ``mermaid`` package (``package.json``, ``package-lock.json``)
under node, with a jsdom window for the DOMPurify it sanitises labels with: ``mermaid.parse``
on each file (which also enforces ``maxEdges``, 500 by default), after the check
``mermaid.render`` makes first (a text longer than ``maxTextSize``, 50,000 by default, is
drawn as "Maximum text size in diagram exceeded" instead of the diagram).

``make mermaid`` (and so ``make test``, which ``.ci/run`` runs) installs ``node_modules`` with
``npm ci``; without it these tests are skipped, except under ``CI=1``, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import cskh_org
from cskh_org.render import (
    MERMAID_MAX_EDGES,
    MERMAID_MAX_TEXT,
    ViewName,
    available_views,
    render_mermaid,
    render_pages,
    render_view,
)
from cskh_org.render.mermaid import write_mermaid
from tests.conftest import EXAMPLES
from tests.render.generated import department_yaml, links_view, routing_yaml

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "parse.mjs"
MODULES = HERE / "node_modules" / "mermaid" / "package.json"
EXAMPLE_NAMES = ("small", "growing", "large")


def _parser_missing() -> str:
    if shutil.which("node") is None:
        return "node is not installed (the Mermaid parser runs under node)"
    if not MODULES.exists():
        return "tests/mermaid/node_modules is missing: run `make mermaid` (npm ci)"
    return ""


MISSING = _parser_missing()
if MISSING and os.environ.get("CI"):
    pytest.fail(f"the Mermaid parser is required under CI: {MISSING}", pytrace=False)
pytestmark = pytest.mark.skipif(bool(MISSING), reason=MISSING or "ok")


def parse(files: list[Path]) -> dict[str, dict[str, object]]:
    """Each file's verdict from the real parser, by path (one node process for all)."""
    done = subprocess.run(
        ["node", str(SCRIPT), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    verdicts = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(verdicts) == len(files), done.stderr
    assert done.returncode == (0 if all(v["ok"] for v in verdicts) else 1), done.stderr
    return {str(v["file"]): v for v in verdicts}


def _written(tmp_path: Path) -> list[Path]:
    """Every Mermaid file of the 1,000-unit org (the default chart and every page), of a
    1,000-rule table's pages, and of every view of each example in both languages (with the
    routing view's pages)."""
    files: list[Path] = []
    thousand = cskh_org.loads(department_yaml(1000), name="thousand")
    default = tmp_path / "thousand-org-default.mmd"
    default.write_text(render_mermaid(thousand, "org"), "utf-8")
    files.append(default)
    written, _ = render_pages(thousand, tmp_path / "thousand", "mermaid")
    files += written
    rules = cskh_org.loads(department_yaml(40) + routing_yaml(1000, 40), name="rules")
    written, _ = render_pages(rules, tmp_path / "rules", "mermaid", view="routing", lang="en")
    files += written
    for example in EXAMPLE_NAMES:
        dept = cskh_org.load(str(EXAMPLES / example / "department.yaml"))
        for view in available_views(dept):
            for lang in ("vi", "en"):
                path = tmp_path / f"{example}-{view.value}-{lang}.mmd"
                path.write_text(render_mermaid(dept, view, lang=lang), "utf-8")
                files.append(path)
        if ViewName.ROUTING in available_views(dept):
            folder = tmp_path / f"{example}-routing-pages"
            written, _ = render_pages(dept, folder, "mermaid", view="routing")
            files += written
    return files


def test_every_mermaid_file_written_parses(tmp_path: Path) -> None:
    """The real parser accepts every Mermaid file written for the 1,000-unit org, a
    1,000-rule table and each example; and, in the same run, it refuses a broken diagram, one
    over ``maxTextSize`` and one of ``maxEdges`` + 1 links while it accepts ``maxEdges`` links
    (so an accepted file is not a parser that accepts anything, and the writer's own limits,
    MERMAID_MAX_TEXT and MERMAID_MAX_EDGES, are Mermaid's)."""
    files = _written(tmp_path)
    assert len(files) > 100  # the org's overview and pages, the rule pages, the examples
    broken = tmp_path / "broken.mmd"
    broken.write_text('flowchart LR\n  a["x"] --> b[["y"]\n', "utf-8")
    long = tmp_path / "long.mmd"
    good = files[0].read_text("utf-8")  # a diagram the parser accepts, made too long
    padding = MERMAID_MAX_TEXT - len(good) + 1
    long.write_text(good + f'  k_pad["{"x" * padding}"]\n', "utf-8")
    edges = tmp_path / "edges.mmd"  # as many links as Mermaid takes: accepted
    edges.write_bytes(render_view(links_view(MERMAID_MAX_EDGES), "mermaid"))
    too_many = tmp_path / "too-many-edges.mmd"  # the writer refuses it; the parser too
    view = links_view(MERMAID_MAX_EDGES + 1)
    with pytest.raises(cskh_org.RenderError, match="maxEdges"):
        render_view(view, "mermaid")
    too_many.write_text(write_mermaid(view), "utf-8")
    files.append(edges)
    verdicts = parse([*files, broken, long, too_many])
    refused = {Path(name).name: v["error"] for name, v in verdicts.items() if not v["ok"]}
    assert set(refused) == {"broken.mmd", "long.mmd", "too-many-edges.mmd"}, refused
    assert "Parse error" in str(refused["broken.mmd"])
    assert "Maximum text size in diagram exceeded" in str(refused["long.mmd"])
    assert "Edge limit exceeded" in str(refused["too-many-edges.mmd"])
    assert {v.get("type") for n, v in verdicts.items() if v["ok"]} == {"flowchart-v2"}
