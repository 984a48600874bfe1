"""A generated report in a real browser: headless Chromium (Debian's ``chromium``) via Playwright.

Opens a report and the index of a batch, checks there are no console errors and
no network requests (nothing but the page's own file), that the untrusted name
shows as text, that nothing is wider than an A4 page when printed, and saves a
screenshot and a PDF print under ``test-artifacts/`` for people to look at.

Skips only when Chromium or the ``playwright`` package is missing; CI installs
both (the Debian package and the test extras). Playwright never downloads a
browser here: it drives the system Chromium.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from matcher import Assessment, write_reports

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("MATCHER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
XSS = "<script>window.__pwned = 1</script> Aiko"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])"
)
if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)",
        allow_module_level=True,
    )

# A4 at 96 px per inch, less the print margins of the stylesheet (14 mm each side).
A4_CONTENT_WIDTH_PX = round((210 - 2 * 14) / 25.4 * 96)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def batch(fixture_model, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("browser-reports")
    people = [
        (
            "../../etc/passwd",
            Assessment(
                name=XSS,
                ratings={
                    ("skill", "Budget Management"): 3.0,
                    ("skill", "Public Speaking"): 2.0,
                    ("skill", "Office Administration"): 4.0,
                    ("aptitude", "Stress Tolerance"): 4.0,
                    ("aptitude", "Communication Skills"): 3.0,
                    ("trait", "Leadership"): 4.0,
                },
                current_job="Municipal Clerk",
                target_job="Mayor of a Small Town",
            ),
        ),
        (
            "nurse-1",
            Assessment(
                ratings={("aptitude", "Stress Tolerance"): 5.0, ("skill", "Patient Care"): 4.0}
            ),
        ),
        ("lost", Assessment(ratings={("skill", "Budget Management"): 1.0}, target_job="Astronaut")),
    ]
    return write_reports(
        people, outdir, model=fixture_model, created=datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
    )


def _open(browser, path: Path, **context_args):
    """A page showing ``path``, and the console errors and foreign requests it caused."""
    url = path.resolve().as_uri()
    context = browser.new_context(**context_args)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            requests.append(r.url) if r.url != url and not r.url.startswith("data:") else None
        ),
    )
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)  # let late console messages and requests arrive
    return context, page, errors, requests


def test_the_checks_catch_a_page_that_loads_or_fails(browser, tmp_path):
    # The two checks below must be able to fail: a page that asks for something
    # (on the loopback, port 9: nothing listens there) and throws.
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
        '<script>throw new Error("boom")</script></body></html>',
        encoding="utf-8",
    )
    context, _, errors, requests = _open(browser, page_file)
    context.close()
    assert any("boom" in e for e in errors)
    assert requests == ["http://127.0.0.1:9/x.png"]


def test_report_renders_offline_without_errors(browser, batch):
    ARTIFACTS.mkdir(exist_ok=True)
    entry = batch.reports[0]
    path = batch.outdir / entry.files["html"]
    context, page, errors, requests = _open(browser, path, viewport={"width": 1000, "height": 900})
    try:
        assert errors == []
        assert requests == []
        assert page.title().startswith("Career report:")
        # The name is shown as text; no script from it exists or ran.
        assert page.locator("h1").inner_text() == XSS
        assert page.locator("script").count() == 0
        assert page.evaluate("window.__pwned") is None
        # Both charts are drawn and visible at a readable size.
        charts = page.locator("svg.chart")
        assert charts.count() == 2
        for i in range(2):
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 500 and box["height"] > 100
        headings = page.locator("h2").all_inner_texts()
        assert headings[0] == "Best matches" and headings[-1] == "How to read this report"
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        assert (ARTIFACTS / "report.png").stat().st_size > 10_000
    finally:
        context.close()


def test_report_prints_on_a4_without_clipping(browser, batch):
    ARTIFACTS.mkdir(exist_ok=True)
    path = batch.outdir / batch.reports[0].files["html"]
    context, page, errors, requests = _open(
        browser, path, viewport={"width": A4_CONTENT_WIDTH_PX, "height": 1000}
    )
    try:
        page.emulate_media(media="print")
        overflow = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                   .filter(e => !e.closest('.sr-only'))  // clipped to nothing on purpose
                   .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                   .map(e => e.tagName + '.' + e.className)"""
        )
        assert overflow == []
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_WIDTH_PX
        pdf = page.pdf(
            path=str(ARTIFACTS / "report.pdf"),
            format="A4",
            print_background=True,
            prefer_css_page_size=True,
        )
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        assert 1 <= pages <= 6
        boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        assert len(boxes) == pages
        for width, height in boxes:  # A4 portrait: 595 x 842 points
            assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1
        assert errors == [] and requests == []
    finally:
        context.close()


def test_index_links_open_the_reports(browser, batch):
    ARTIFACTS.mkdir(exist_ok=True)
    context, page, errors, requests = _open(
        browser, batch.index, viewport={"width": 1000, "height": 800}
    )
    try:
        assert errors == [] and requests == []
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        targets = {h for h in hrefs if h.startswith("file:")}
        assert len(targets) == 2 * len(batch.reports) + 1  # html + md per report, rejects.csv
        for href in targets:
            assert Path(href.removeprefix("file://")).is_file(), href
        rejected = page.locator("#rejected").inner_text()
        assert "Astronaut" in rejected and "lost" in rejected
        page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
        page.locator("#reports a").first.click()
        page.wait_for_load_state("load")
        assert page.title().startswith("Career report:")
        assert page.locator("a", has_text="All reports").count() == 1
        assert errors == []
    finally:
        context.close()


def test_a_phone_shows_gap_rows_as_cards_without_sideways_scrolling(browser, batch):
    """At 390 px, six or seven columns hid "Needs", "Short by" and "Priority" off the screen."""
    path = batch.outdir / batch.reports[0].files["html"]
    context, page, errors, requests = _open(browser, path, viewport={"width": 390, "height": 800})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        cells = page.locator(".cards td")
        assert cells.count() > 0  # the report's steps and plan have gaps
        first = cells.first
        assert first.evaluate("e => getComputedStyle(e).display") == "block"
        label = first.evaluate("e => getComputedStyle(e, '::before').content")
        assert label.strip('"').endswith(": ")
        # the needs chart (its text about 6 px here) gives way to its table
        assert not page.locator("#needs figure").is_visible()
        assert page.locator("#needs .chart-table td").first.is_visible()
        assert errors == [] and requests == []
    finally:
        context.close()
