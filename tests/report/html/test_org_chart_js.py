"""The report's org chart in a real browser: report.js (search and collapse) and report.css
on Graphviz's SVG of the large example, under the report's Content-Security-Policy.

The page is built here after the report's DOM contract (``#org`` with ``.org-tools``,
``#org-chart`` holding the SVG, the ``#org-tree`` JSON, the script at the end of the body),
so these tests pin the JS and CSS whatever the report's writer does around them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import struct
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cskh_org.loading import validate
from cskh_org.render import render_built
from cskh_org.render.views import safe_id
from tests.browser import (
    chromium_path,
    launch_browser,
    need_chromium,
    open_page,
    pdf_text,
    print_pdf,
)
from tests.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from cskh_org.model import Department
    from cskh_org.model.frozen import FrozenMap

STATIC = ROOT / "cskh_org" / "report" / "html" / "static"
EXAMPLE = ROOT / "examples" / "large" / "department.yaml"
SECTION_TITLE = "Sơ đồ tổ chức"
OTHER_TITLE = "Ngân sách"
WORDS = {"found": "{n} found", "none": "nothing found"}
ROOT_NODE = safe_id("u", "cskh")
QUALITY = safe_id("u", "quality")
SUPPORT = safe_id("u", "support")


def _pick(names: FrozenMap[str, str]) -> str:
    return names.get("vi") or next(iter(names.values()))


def _fold(text: str) -> str:
    """What report.js does to the text it searches (the test's oracle)."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not 0x300 <= ord(c) <= 0x36F
    )
    return " ".join(stripped.replace("đ", "d").replace("Đ", "d").lower().split())


def org_tree(department: Department) -> dict[str, dict[str, str | None]]:
    """The tree the report gives report.js: each unit's node name (as the DOT writer names
    it), its parent's and its text (name, id and the head's title)."""
    roles = department.roles_by_id
    nodes: dict[str, dict[str, str | None]] = {}
    for unit in department.units:
        words = [_pick(unit.name), unit.id]
        if unit.head is not None and unit.head in roles:
            words.append(_pick(roles[unit.head].title))
        nodes[safe_id("u", unit.id)] = {
            "parent": safe_id("u", unit.parent) if unit.parent is not None else None,
            "text": " ".join(words),
        }
    return nodes


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def build_page(department: Department, *, body_extra: str = "") -> str:
    _, svg = render_built(department, "org", "svg")
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]  # no XML prolog nor DOCTYPE inside HTML
    tree = json.dumps({"nodes": org_tree(department), "words": WORDS}, ensure_ascii=False)
    tree = tree.replace("</", "<\\/")
    script = (STATIC / "report.js").read_text(encoding="utf-8")
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src '{script_hash(script)}'; img-src data:"
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<title>Báo cáo</title><style>{css}</style></head>
<body>
<nav id="toc"><ol><li><a href="#org">{SECTION_TITLE}</a></li>
  <li><a href="#budget">{OTHER_TITLE}</a></li></ol></nav>
<section id="org" class="report-section"><h2>{SECTION_TITLE}</h2>
  <div class="org-tools">
    <input id="org-search" type="search" aria-label="Tìm đơn vị" placeholder="Tìm đơn vị">
    <output id="org-search-count"></output>
    <button type="button" id="org-expand">Mở hết</button>
    <button type="button" id="org-collapse">Thu gọn</button>
  </div>
  <div id="org-chart">{text}</div>
  <script type="application/json" id="org-tree">{tree}</script>
</section>
<section id="budget" class="report-section"><h2>{OTHER_TITLE}</h2>
<table class="grid"><thead><tr><th>Đơn vị</th><th class="num">VND</th></tr></thead>
<tbody><tr><td>cskh</td><td class="num">77.000.000</td></tr></tbody></table>
{body_extra}</section>
<script>{script}</script>
</body></html>
"""


@pytest.fixture(scope="module")
def department() -> Department:
    loaded = validate(EXAMPLE).department
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as chromium:
        yield chromium


@pytest.fixture
def org_page(tmp_path: Path, department: Department) -> Path:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` not installed (the org chart's SVG)")
    page = tmp_path / "report.html"
    page.write_text(build_page(department), encoding="utf-8")
    return page


@pytest.fixture
def tree(department: Department) -> dict[str, dict[str, str | None]]:
    return org_tree(department)


# -- reading the page's state --------------------------------------------------------------


def node_classes(page: Page) -> dict[str, list[str]]:
    """Every g.node's title and classes."""
    found: Any = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#org-chart g.node'))
            .map((g) => [g.querySelector('title').textContent, Array.from(g.classList)]))"""
    )
    return {str(k): [str(c) for c in v] for k, v in found.items()}


def edge_classes(page: Page) -> dict[str, list[str]]:
    found: Any = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#org-chart g.edge'))
            .map((g) => [g.querySelector('title').textContent, Array.from(g.classList)]))"""
    )
    return {str(k): [str(c) for c in v] for k, v in found.items()}


def shown(page: Page, name: str) -> bool:
    """Whether the node ``name`` is rendered (its computed display is not none)."""
    return bool(
        page.evaluate(
            """(name) => {
              const g = Array.from(document.querySelectorAll('#org-chart g.node'))
                .find((n) => n.querySelector('title').textContent === name);
              return getComputedStyle(g).display !== 'none' && g.getBBox().width > 0;
            }""",
            name,
        )
    )


def node(name: str) -> str:
    """The Playwright selector of the node ``name`` (the g.node whose title it is)."""
    return f'#org-chart g.node:has(> title:text-is("{name}"))'


def with_class(classes: dict[str, list[str]], wanted: str) -> set[str]:
    return {name for name, cs in classes.items() if wanted in cs}


def units_below(tree: dict[str, dict[str, str | None]], top: str) -> set[str]:
    out: set[str] = set()
    todo = [top]
    while todo:
        current = todo.pop()
        for name, info in tree.items():
            if info["parent"] == current and name not in out:
                out.add(name)
                todo.append(name)
    return out


# -- the tests -----------------------------------------------------------------------------


def test_page_is_clean_and_the_script_ran(browser: Browser, org_page: Path) -> None:
    """No console error, no request, no CSP violation; the nodes with children are buttons."""
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        toggles: Any = page.evaluate(
            """() => Array.from(document.querySelectorAll('#org-chart g.node.org-has-children'))
              .map((g) => [g.querySelector('title').textContent, g.getAttribute('tabindex'),
                           g.getAttribute('role'), g.getAttribute('aria-expanded')])"""
        )
        page.fill("#org-search", "chat luong")
        page.click(node(ROOT_NODE))
        page.click("#org-collapse")
        page.click("#org-expand")
        opened.collect()
        assert opened.problems == []
        assert opened.warnings == []
    parents = {info["parent"] for info in org_tree_of(org_page).values()}
    assert sorted(t[0] for t in toggles) == sorted(p for p in parents if p is not None)
    assert all(t[1:] == ["0", "button", "true"] for t in toggles)


def org_tree_of(page_file: Path) -> dict[str, dict[str, str | None]]:
    text = page_file.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="org-tree">(.*?)</script>', text, re.S)
    assert found is not None
    nodes: dict[str, dict[str, str | None]] = json.loads(found.group(1))["nodes"]
    return nodes


def test_search_without_diacritics_finds_the_quality_unit(
    browser: Browser, org_page: Path, tree: dict[str, dict[str, str | None]]
) -> None:
    query = "chat luong"
    expected = {name for name, info in tree.items() if query in _fold(str(info["text"]))}
    assert QUALITY in expected  # "Tổ Đào tạo và Chất lượng"
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        page.fill("#org-search", query)
        classes = node_classes(page)
        assert with_class(classes, "org-hit") == expected
        assert with_class(classes, "org-dim") == set(tree) - expected
        # the externals (not in the tree) are left alone
        assert all(not cs or cs == ["node"] for n, cs in classes.items() if n not in tree)
        n = len(expected)
        assert page.text_content("#org-search-count") == f"{n} found"
        assert shown(page, QUALITY)
        # the same search in capitals and with its diacritics, spaces doubled
        page.fill("#org-search", "  CHẤT   lượng ")
        assert with_class(node_classes(page), "org-hit") == expected
        page.fill("#org-search", "no such unit at all")
        classes = node_classes(page)
        assert with_class(classes, "org-hit") == set()
        assert with_class(classes, "org-dim") == set(tree)
        assert page.text_content("#org-search-count") == "nothing found"
        # "đ" folds to "d": "Đào tạo" is found as "dao tao"
        dao = {name for name, info in tree.items() if "dao tao" in _fold(str(info["text"]))}
        assert dao
        page.fill("#org-search", "dao tao")
        assert with_class(node_classes(page), "org-hit") == dao
        page.fill("#org-search", "")
        classes = node_classes(page)
        assert with_class(classes, "org-hit") == set()
        assert with_class(classes, "org-dim") == set()
        assert page.text_content("#org-search-count") == ""
        assert opened.collect().problems == []


def test_collapsing_the_root_hides_everything_below_and_enter_toggles(
    browser: Browser, org_page: Path, tree: dict[str, dict[str, str | None]]
) -> None:
    others = set(tree) - {ROOT_NODE}
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        root = page.locator(node(ROOT_NODE))
        root.click()
        classes = node_classes(page)
        assert with_class(classes, "org-hidden") == others
        assert "org-collapsed" in classes[ROOT_NODE]
        assert root.get_attribute("aria-expanded") == "false"
        edges = edge_classes(page)
        unit_edges = {e for e in edges if e.split("->")[1] in tree}
        assert unit_edges  # the chart has its reporting lines
        assert {e for e, cs in edges.items() if "org-hidden" in cs} == unit_edges - {
            e for e in unit_edges if e.split("->")[1] == ROOT_NODE
        }
        assert not any(shown(page, n) for n in others)
        assert shown(page, ROOT_NODE)
        # the keyboard: focus, Enter expands, Space collapses again, Enter expands
        root.focus()
        page.keyboard.press("Enter")
        assert with_class(node_classes(page), "org-hidden") == set()
        assert with_class(edge_classes(page), "org-hidden") == set()
        assert root.get_attribute("aria-expanded") == "true"
        assert "org-collapsed" not in node_classes(page)[ROOT_NODE]
        page.keyboard.press(" ")
        assert with_class(node_classes(page), "org-hidden") == others
        page.keyboard.press("Enter")
        assert with_class(node_classes(page), "org-hidden") == set()
        assert all(shown(page, n) for n in tree)
        assert opened.collect().problems == []


def test_expanding_keeps_a_collapsed_subtree_collapsed(
    browser: Browser, org_page: Path, tree: dict[str, dict[str, str | None]]
) -> None:
    below_support = units_below(tree, SUPPORT)
    assert below_support
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        page.click(node(SUPPORT))
        assert with_class(node_classes(page), "org-hidden") == below_support
        page.click(node(ROOT_NODE))
        assert with_class(node_classes(page), "org-hidden") == set(tree) - {ROOT_NODE}
        page.click(node(ROOT_NODE))
        assert with_class(node_classes(page), "org-hidden") == below_support
        assert opened.collect().problems == []


def test_searching_inside_a_collapsed_subtree_expands_it(
    browser: Browser,
    org_page: Path,
    tree: dict[str, dict[str, str | None]],
    department: Department,
) -> None:
    hidden = sorted(units_below(tree, SUPPORT))[0]
    unit = next(u for u in department.units if safe_id("u", u.id) == hidden)
    query = _fold(_pick(unit.name))
    expected = {name for name, info in tree.items() if query in _fold(str(info["text"]))}
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        page.click(node(ROOT_NODE))
        page.click("#org-expand")
        page.click(node(SUPPORT))
        page.click(node(ROOT_NODE))  # the root and the support team both collapsed
        assert not shown(page, hidden)
        page.fill("#org-search", _pick(unit.name).upper())
        classes = node_classes(page)
        assert with_class(classes, "org-hit") == expected
        assert hidden in expected
        assert "org-hidden" not in classes[hidden]
        assert "org-collapsed" not in classes[SUPPORT]
        assert "org-collapsed" not in classes[ROOT_NODE]
        assert shown(page, hidden)
        assert page.text_content("#org-search-count") == f"{len(expected)} found"
        in_view: Any = page.evaluate(
            """(name) => {
              const g = Array.from(document.querySelectorAll('#org-chart g.node'))
                .find((n) => n.querySelector('title').textContent === name);
              const box = g.getBoundingClientRect();
              const view = document.getElementById('org-chart').getBoundingClientRect();
              return box.right > view.left && box.left < view.right
                && box.bottom > view.top && box.top < view.bottom;
            }""",
            sorted(expected, key=list(node_classes(page)).index)[0],
        )
        assert in_view is True  # the first hit was scrolled into the chart's view
        assert opened.collect().problems == []


def test_expand_all_and_collapse_all(
    browser: Browser, org_page: Path, tree: dict[str, dict[str, str | None]]
) -> None:
    top = set(units_below(tree, ROOT_NODE)) - {
        n for n in tree if tree[n]["parent"] not in (None, ROOT_NODE)
    }
    with_children = {str(info["parent"]) for info in tree.values() if info["parent"]}
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        page.click("#org-collapse")
        classes = node_classes(page)
        assert with_class(classes, "org-hidden") == set(tree) - top - {ROOT_NODE}
        assert with_class(classes, "org-collapsed") == with_children - {ROOT_NODE}
        assert all(shown(page, n) for n in top | {ROOT_NODE})
        page.click("#org-expand")
        classes = node_classes(page)
        assert with_class(classes, "org-hidden") == set()
        assert with_class(classes, "org-collapsed") == set()
        assert with_class(edge_classes(page), "org-hidden") == set()
        assert opened.collect().problems == []


def test_screenshot_is_a_png(browser: Browser, org_page: Path, tmp_path: Path) -> None:
    with open_page(org_page, browser=browser, width=1000, height=700) as opened:
        shot = opened.page.screenshot(full_page=True)
    assert shot.startswith(b"\x89PNG\r\n\x1a\n")
    assert shot[12:16] == b"IHDR"
    width, height = struct.unpack(">II", shot[16:24])
    assert width > 0
    assert height > 0
    (tmp_path / "report.png").write_bytes(shot)
    assert (tmp_path / "report.png").stat().st_size == len(shot)


def test_print_shows_every_node_and_hides_the_tools(
    browser: Browser, org_page: Path, tree: dict[str, dict[str, str | None]]
) -> None:
    with open_page(org_page, browser=browser) as opened:
        page = opened.page
        page.click(node(SUPPORT))
        page.fill("#org-search", "chat luong")
        classes = node_classes(page)
        assert with_class(classes, "org-hidden") == units_below(tree, SUPPORT)
        assert "org-dim" in classes[ROOT_NODE]
        page.emulate_media(media="print")
        assert all(shown(page, n) for n in tree)
        opacity: Any = page.evaluate(
            """() => Array.from(document.querySelectorAll('#org-chart g.org-dim'))
              .map((g) => getComputedStyle(g).opacity)"""
        )
        assert opacity
        assert set(opacity) == {"1"}
        hidden_tools: Any = page.evaluate(
            """() => ['.org-tools', 'nav#toc'].map(
              (s) => getComputedStyle(document.querySelector(s)).display)"""
        )
        assert hidden_tools == ["none", "none"]
        fits: Any = page.evaluate(
            """() => document.querySelector('#org-chart svg').getBoundingClientRect().width
              <= document.getElementById('org-chart').getBoundingClientRect().width + 1"""
        )
        assert fits is True
        breaks: Any = page.evaluate(
            """() => Array.from(document.querySelectorAll('.report-section'))
              .map((s) => getComputedStyle(s).breakBefore)"""
        )
        assert breaks == ["auto", "page"]


def test_print_to_pdf_has_the_titles_and_unit_names(
    browser: Browser, org_page: Path, tmp_path: Path, department: Department
) -> None:
    out = tmp_path / "report.pdf"
    print_pdf(org_page, out, browser=browser)
    assert out.read_bytes().startswith(b"%PDF-")
    text = unicodedata.normalize("NFC", pdf_text(out))
    flat = " ".join(text.split())
    assert SECTION_TITLE in flat
    assert OTHER_TITLE in flat
    assert _pick(department.units[1].name) in flat  # "Tổ Đào tạo và Chất lượng"


# -- the harness itself catches what it must -----------------------------------------------


def test_harness_records_requests_errors_and_csp_violations(
    browser: Browser, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:">
</head><body><script>document.title = 'ran';</script></body></html>""",
        encoding="utf-8",
    )
    with open_page(bad, browser=browser) as opened:
        assert opened.csp_violations
        assert opened.page.title() != "ran"
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<img src="http://example.invalid/pixel.png"><link rel="stylesheet" href="other.css">
<script>throw new Error('boom');</script></body></html>""",
        encoding="utf-8",
    )
    with open_page(leaky, browser=browser) as opened:
        assert "http://example.invalid/pixel.png" in opened.blocked_requests
        assert (tmp_path / "other.css").as_uri() in opened.blocked_requests
        assert any("boom" in e for e in opened.errors)


def test_script_does_nothing_without_an_org_section(browser: Browser, tmp_path: Path) -> None:
    script = (STATIC / "report.js").read_text(encoding="utf-8")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src '{script_hash(script)}'"
    page_file = tmp_path / "plain.html"
    page_file.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}"></head>
<body><section class="report-section" id="budget"><h2>{OTHER_TITLE}</h2></section>
<script>{script}</script></body></html>""",
        encoding="utf-8",
    )
    with open_page(page_file, browser=browser) as opened:
        assert opened.collect().problems == []


def test_chromium_is_found_by_variable_then_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSKH_ORG_CHROMIUM", "/opt/chrome/chrome")
    assert chromium_path() == "/opt/chrome/chrome"
    monkeypatch.delenv("CSKH_ORG_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert chromium_path() is None
    browser = tmp_path / "chromium-browser"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    assert chromium_path() == str(browser)
    assert need_chromium() == str(browser)


def test_without_chromium_skips_but_fails_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CSKH_ORG_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        need_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CSKH_ORG_CHROMIUM"):
        need_chromium()
