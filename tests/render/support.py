"""Helpers of the render tests: the hostile-name corpus, a department built from it, the
text of an SVG, and the grammar of the Mermaid output."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import cskh_org
from cskh_org.model import Department
from cskh_org.render.escape import visible

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")


def hostile_names() -> list[str]:
    """The corpus: one JSON string per line of ``hostile_names.txt``."""
    lines = (HERE / "hostile_names.txt").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def expected_lines(name: str) -> list[str]:
    """How a name shows: made visible, one entry per line, outer spaces dropped."""
    return [part.strip() for part in visible(name).split("\n") if part.strip()]


_BASE = """
version: 1
id: hostile
name: {vi: Phòng thử, en: Test department}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - {id: agent, title: {vi: Nhân viên}, monthly_cost: 10000000 VND}
units:
  - id: root
    name: {vi: Gốc}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: agent}]
UNITS
externals:
  - {id: board, name: {vi: Ban giám đốc}, kind: board}
routing:
  rules:
RULES
  default: root
"""


def hostile_department(names: list[str]) -> Department:
    """A department whose units, rule descriptions and board carry the hostile names.

    The model refuses control characters in display text, so the names are put in after
    loading (``model_construct`` skips validation): the writers must cope anyway.
    """
    units = "\n".join(
        f"  - {{id: u{i}, name: {{vi: x}}, parent: root, staff: [{{role: agent}}]}}"
        for i in range(len(names))
    )
    rules = "\n".join(
        f"    - {{id: r{i}, when: {{channel: phone}}, to: u{i}}}" for i in range(len(names))
    )
    # every rule after the first is shadowed (same condition): fine, they are drawn as such
    loaded = cskh_org.validate_text(_BASE.replace("UNITS", units).replace("RULES", rules))
    base = loaded.department
    assert base is not None, [str(f) for f in loaded.findings]
    renamed = (
        u.model_copy(update={"name": {"vi": n}}) for u, n in zip(base.units[1:], names, strict=True)
    )
    new_units = (base.units[0], *renamed)
    assert base.routing is not None
    new_rules = tuple(
        r.model_copy(update={"description": {"vi": n}})
        for r, n in zip(base.routing.rules, names, strict=True)
    )
    fields = {key: getattr(base, key) for key in type(base).model_fields}
    fields["units"] = new_units
    fields["routing"] = base.routing.model_copy(update={"rules": new_rules})
    fields["externals"] = (base.externals[0].model_copy(update={"name": {"vi": names[0]}}),)
    return Department.model_construct(**fields)


_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.DOTALL)


def svg_text(svg: str) -> str:
    """Every text element of an SVG, unescaped, one per line."""
    return "\n".join(html.unescape(t) for t in _TEXT.findall(svg))


# -- the grammar of the Mermaid output ------------------------------------------------------

LABEL = r'"(?:[^"#<>\[\](){}|;%&`\\:\n]|#\d+;|<br>|<b>|</b>)*"'
NODE_ID = r"[A-Za-z][A-Za-z0-9_]*"
_SHAPES = (
    rf"\[{LABEL}\]",
    rf"\({LABEL}\)",
    rf"\(\[{LABEL}\]\)",
    rf"\{{\{{{LABEL}\}}\}}",
    rf">{LABEL}\]",
)
_ARROW = r"(?:-->|-\.->|==>|<-->|<-\.->|<==>)"
_STYLE = r"[A-Za-z0-9:#,.% -]+"
MERMAID_LINE_SHAPES = tuple(
    re.compile(p)
    for p in (
        r"%%\{init: \{\"flowchart\": \{\"htmlLabels\": true\}, \"themeVariables\": "
        r"\{\"fontFamily\": \"DejaVu Sans, Verdana, sans-serif\"\}\}\}%%",
        r"flowchart (?:TB|LR)",
        rf" +{NODE_ID}(?:{'|'.join(_SHAPES)})",
        rf"  {NODE_ID} {_ARROW}(?:\|{LABEL}\|)? {NODE_ID}",
        rf"  subgraph {NODE_ID} \[{LABEL}\]",
        r"  end",
        rf"  classDef [a-z]+ {_STYLE}",
        rf"  class {NODE_ID}(?:,{NODE_ID})* [a-z]+",
        rf"  style {NODE_ID} {_STYLE}",
        rf"  linkStyle \d+(?:,\d+)* {_STYLE}",
    )
)


def assert_dot_shows_names(text: str, names: list[str]) -> None:
    """`dot` parses the DOT without a warning and its SVG shows every name's lines literally."""
    proc = subprocess.run(
        ["dot", "-Tsvg"], input=text.encode("utf-8"), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert not proc.stderr, proc.stderr.decode("utf-8", "replace")
    shown = svg_text(proc.stdout.decode("utf-8"))
    missing = [line for name in names for line in expected_lines(name) if line not in shown]
    assert not missing, missing


def mermaid_violations(text: str) -> list[str]:
    """The lines of a Mermaid output that match none of the allowed line shapes."""
    return [
        line
        for line in text.rstrip("\n").split("\n")
        if not any(shape.fullmatch(line) for shape in MERMAID_LINE_SHAPES)
    ]


_QUOTED = re.compile(r'"([^"]*)"')


def mermaid_labels(text: str) -> str:
    """The text of every quoted label, decoded as Mermaid shows it, one label per line."""
    out = []
    for line in text.split("\n")[1:]:
        for raw in _QUOTED.findall(line):
            shown = raw.replace("<br>", "\n").replace("<b>", "").replace("</b>", "")
            out.append(re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), shown))
    return "\n".join(out)
