"""A real browser for the report's tests: Chromium driven by Playwright (sync API).

:func:`open_page` opens a local HTML file with every other request aborted and recorded, and
collects what the page complains about: console errors and warnings, uncaught exceptions and
Content-Security-Policy violations (:class:`Opened`). :func:`launch_browser` starts one
Chromium to share between the pages of a test module. :func:`print_pdf` prints a page as the
browser does (A4), :func:`pdf_text` reads the text back.

The browser is the system's Chromium (``$CSKH_ORG_CHROMIUM``, or ``chromium``,
``chromium-browser``, ``google-chrome`` on PATH; ``scripts/ensure-chromium.sh`` installs
Debian's). Without one the tests are skipped, except under CI (``$CI`` set), where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Route

__all__ = [
    "Opened",
    "chromium_path",
    "launch_browser",
    "need_chromium",
    "open_page",
    "pdf_text",
    "print_pdf",
]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

# Runs before the page's own scripts (and outside its CSP): every violation, kept for the test.
_CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


def chromium_path() -> str | None:
    """The browser to drive: ``$CSKH_ORG_CHROMIUM``, else the first of
    :data:`CHROMIUM_NAMES` on PATH; None when there is none."""
    chosen = os.environ.get("CSKH_ORG_CHROMIUM")
    if chosen:
        return chosen
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def need_chromium() -> str:
    """The browser's path; skips the test without one, or fails it under CI."""
    path = chromium_path()
    if path is not None:
        return path
    reason = (
        "no Chromium (set CSKH_ORG_CHROMIUM or install chromium: sh scripts/ensure-chromium.sh)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class Opened:
    """An open page and what it complained about so far."""

    page: Page
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions (``pageerror``)."""
    warnings: list[str] = field(default_factory=list)
    """Console warnings."""
    blocked_requests: list[str] = field(default_factory=list)
    """Every URL the page asked for but its own file (each aborted)."""
    csp_violations: list[str] = field(default_factory=list)
    """Content-Security-Policy violations: the page's ``securitypolicyviolation`` events and
    console messages about the policy."""

    def block(self, url: str) -> None:
        """Record a request for ``url`` (once)."""
        if url not in self.blocked_requests:
            self.blocked_requests.append(url)

    def collect(self) -> Opened:
        """Read the violations the page recorded since the last call (after load, and after
        anything a test does); returns self."""
        seen: Any = self.page.evaluate("() => (window.__csp || []).splice(0)")
        self.csp_violations.extend(str(item) for item in seen)
        return self

    @property
    def problems(self) -> list[str]:
        """Everything a clean page has none of (the errors, blocked requests and violations;
        warnings apart)."""
        return [
            *self.errors,
            *(f"blocked request {url}" for url in self.blocked_requests),
            *(f"CSP: {text}" for text in self.csp_violations),
        ]


@contextmanager
def launch_browser() -> Iterator[Browser]:
    """One headless Chromium (``--no-sandbox``: CI runs as root), closed on exit."""
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(
    path: Path, *, width: int = 1280, height: int = 900, browser: Browser | None = None
) -> Iterator[Opened]:
    """``path`` opened (loaded) in a fresh browser context, in ``browser`` or in a Chromium of
    its own; only the file itself may load, every other request is aborted and recorded."""
    url = path.resolve().as_uri()
    own: AbstractContextManager[Browser] = (
        nullcontext(browser) if browser is not None else launch_browser()
    )
    with own as chromium:
        context = chromium.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            opened = Opened(page)

            def route(r: Route) -> None:
                if r.request.url == url:
                    r.continue_()
                else:
                    opened.block(r.request.url)
                    r.abort()

            def console(message: ConsoleMessage) -> None:
                text = message.text
                if "Content Security Policy" in text:
                    opened.csp_violations.append(text)
                if message.type == "error":
                    opened.errors.append(text)
                elif message.type == "warning":
                    opened.warnings.append(text)

            def request(r: Any) -> None:  # a request the route did not see (another file)
                target = str(r.url)
                if target != url and not target.startswith(("data:", "about:")):
                    opened.block(target)

            context.route("**/*", route)
            page.on("console", console)
            page.on("pageerror", lambda error: opened.errors.append(f"{error.name}: {error}"))
            page.on("request", request)
            page.add_init_script(_CSP_LISTENER)
            page.goto(url, wait_until="load")
            page.evaluate("() => new Promise((done) => setTimeout(done, 0))")  # queued events
            yield opened.collect()
        finally:
            context.close()


def print_pdf(path: Path, out: Path, *, browser: Browser | None = None) -> None:
    """``path`` printed to ``out`` as Chromium prints it: A4, the print style sheet,
    backgrounds printed (``@page`` margins are the page's own)."""
    with open_page(path, browser=browser) as opened:
        opened.page.emulate_media(media="print")
        opened.page.pdf(
            path=str(out), format="A4", print_background=True, prefer_css_page_size=True
        )


def pdf_text(pdf: Path) -> str:
    """The text of every page of ``pdf`` (pypdf), joined by newlines."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
