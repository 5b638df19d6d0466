"""The large example's report in a real headless Chromium: it opens offline under its
Content-Security-Policy with no console error and no request, its org chart's search and
collapse work, and printed to PDF it holds every section's title."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cskh_org.render.views import safe_id
from cskh_org.report.html.facts import Facts
from cskh_org.report.html.page import SECTIONS, report_page
from cskh_org.words import say
from tests.browser import launch_browser, open_page, pdf_text, print_pdf
from tests.report.html.conftest import LARGE, large_facts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if shutil.which("dot") is None and not _ci():
        pytest.skip("Graphviz `dot` not installed (the org chart's SVG)")
    with launch_browser() as chromium:
        yield chromium


def _ci() -> bool:
    import os

    return bool(os.environ.get("CI"))


def _node(name: str) -> str:
    return f'#org-chart g.node:has(> title:text-is("{name}"))'


def _classes(page: Page) -> dict[str, list[str]]:
    found: Any = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#org-chart g.node'))
            .map((g) => [g.querySelector('title').textContent, Array.from(g.classList)]))"""
    )
    return {str(k): [str(c) for c in v] for k, v in found.items()}


def _nfc(text: str) -> str:
    """PDF text compared as words: NFKC (the PDF may set ligatures: ﬁ), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_opens_offline_with_no_error(large_report: tuple[Facts, Path], browser: Browser) -> None:
    _, path = large_report
    with open_page(path, browser=browser) as opened:
        assert opened.problems == []
        assert opened.warnings == []
        titles = opened.page.locator("section.report-section > h2").all_inner_texts()
        assert titles == [say(f"page.section.{s}", "vi") for s in SECTIONS if s != "review"]
        # the charts and the org chart are drawn, not just present
        for chart in ("chart-waits", "chart-sla", "chart-load", "chart-cost"):
            box = opened.page.locator(f"#{chart}").bounding_box()
            assert box is not None
            assert box["width"] > 200


def test_org_chart_search_and_collapse(
    large_report: tuple[Facts, Path], browser: Browser, tmp_path: Path
) -> None:
    facts, path = large_report
    nodes = facts.data["org"]["nodes"]
    quality, root = safe_id("u", "quality"), next(n for n, v in nodes.items() if not v["parent"])
    with open_page(path, browser=browser) as opened:
        page = opened.page
        page.fill("#org-search", "chat luong")  # no diacritics: finds "Chất lượng"
        classes = _classes(page)
        hits = {n for n, c in classes.items() if "org-hit" in c}
        assert quality in hits
        assert all("org-dim" in classes[n] for n in nodes if n not in hits)
        count = page.inner_text("#org-search-count")
        assert count == say("page.org.found", "vi", n=len(hits))
        page.fill("#org-search", "")
        assert not any("org-hit" in c or "org-dim" in c for c in _classes(page).values())

        page.click(_node(root))  # collapse the whole tree under the top unit
        hidden = {n for n, c in _classes(page).items() if "org-hidden" in c}
        assert hidden == set(nodes) - {root}
        assert page.locator(_node(quality)).is_hidden()
        page.fill("#org-search", "chat luong")  # a hit inside a collapsed tree shows again
        assert page.locator(_node(quality)).is_visible()
        page.fill("#org-search", "")
        page.click("#org-expand")
        assert not any("org-hidden" in c for c in _classes(page).values())
        width = "(s) => document.querySelector(s).getBoundingClientRect().width"
        frame = page.evaluate(width, "#org-chart")
        assert page.evaluate(width, "#org-chart svg") <= frame  # fitted to the page
        page.click("#org-fit")
        assert page.evaluate(width, "#org-chart svg") > frame  # its own size: scroll it
        assert page.get_attribute("#org-fit", "aria-pressed") == "false"
        page.click("#org-fit")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 50_000
        assert opened.collect().problems == []


def test_printed_to_pdf_holds_every_section_title(
    large_report: tuple[Facts, Path], browser: Browser, tmp_path: Path
) -> None:
    _, path = large_report
    pdf = tmp_path / "report.pdf"
    print_pdf(path, pdf, browser=browser)
    text = _nfc(pdf_text(pdf))
    for section in SECTIONS[:-1]:
        assert _nfc(say(f"page.section.{section}", "vi")) in text
    assert "Tổ Đào tạo và Chất lượng" in text  # the org chart's text is text, not paths


def _changed_copy(tmp_path: Path) -> Path:
    """The large example with two more agents on the chat desk."""
    folder = tmp_path / "large"
    shutil.copytree(LARGE, folder)
    doc = folder / "department.yaml"
    text = doc.read_text("utf-8")
    marker = "id: support_chat"
    at = text.index(marker)
    head = text.index("headcount:", at)
    end = text.index("\n", head)
    count = int(text[head + len("headcount:") : end].split("#")[0])
    doc.write_text(text[:head] + f"headcount: {count + 2}" + text[end:], "utf-8")
    return doc


def test_a_review_report_prints_its_change_too(browser: Browser, tmp_path: Path) -> None:
    facts = large_facts("en", compare=_changed_copy(tmp_path), simulate=False)
    review = facts.data["review"]
    assert review is not None
    assert [c["field"] for c in review["changes"]] == ["headcount"]
    path = tmp_path / "review.html"
    path.write_text(report_page(facts, lang="en"), "utf-8")
    with open_page(path, browser=browser) as opened:
        assert opened.problems == []
        assert opened.page.locator("#review .change-chart svg").count() == 1
    pdf = tmp_path / "review.pdf"
    print_pdf(path, pdf, browser=browser)
    text = _nfc(pdf_text(pdf))
    for section in SECTIONS:
        assert say(f"page.section.{section}", "en") in text
