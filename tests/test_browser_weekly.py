"""Real browser, real server, issue 15: Overview's good news, Fit's comparisons from the person's own data, the
follow-up drafts on Insights and who answers on Timeline, on the demo data and on a real export; the mentor report
as it prints. Screenshots land in test-artifacts/screens/weekly_*.png. Fixtures and helpers come from test_browser."""

from __future__ import annotations

import os
import re

import pytest

from tests.test_browser import (  # noqa: F401  (browser, browser_page and server are fixtures)
    CHART,
    NO_YEAR,
    REALDATA,
    SCREENS,
    _assert_local,
    _context,
    _go,
    _import,
    _metric,
    _no_errors,
    _settle,
    _shot,
    browser,
    browser_page,
    server,
)

CALLS = re.compile(r"\d+ calls? in \d+")


def _walk(page, tag: str) -> None:
    """Fit, Insights and Timeline through the top navigation, with what each must show; a screenshot of each."""
    from playwright.sync_api import expect

    _go(page, "Fit")
    _no_errors(page)
    expect(page.get_by_role("heading", name="What got you a call")).to_be_visible()
    sentences = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=CALLS)
    expect(sentences.first).to_be_visible()
    found = [t for t in sentences.all_inner_texts() if CALLS.search(t)]
    for text in found:
        assert all(int(n) >= 3 for n in re.findall(r"calls? in (\d+)", text)), text
    _shot(page, f"weekly_fit_{tag}.png")

    _go(page, "Insights")
    _no_errors(page)
    drafts = page.locator('[data-testid="stExpander"]').filter(has_text="Draft")
    if drafts.count():
        drafts.first.locator("summary").click()
        expect(page.locator('[data-testid="stCode"]').first).to_be_visible()
        assert "{" not in page.locator('[data-testid="stCode"]').first.inner_text()
    _settle(page)
    _shot(page, f"weekly_insights_{tag}.png")

    _go(page, "Timeline")
    _no_errors(page)
    expect(page.get_by_role("heading", name="Who answers and who does not")).to_be_visible()
    expect(page.locator(CHART).first).to_be_visible()
    _shot(page, f"weekly_timeline_{tag}.png")
    return found


@pytest.mark.browser
@pytest.mark.slow
def test_weekly_pages_on_the_demo(server, browser_page):  # noqa: F811
    from playwright.sync_api import expect

    page, urls = browser_page
    page.goto(server)
    expect(_metric(page, "Applications")).to_have_text("320")
    expect(page.get_by_text("What went right")).to_be_visible()
    _settle(page)
    _shot(page, "weekly_overview_demo.png")
    found = _walk(page, "demo")
    assert len(found) >= 3, found  # no criteria set, three comparisons with their counts at least
    _assert_local(urls)


@pytest.mark.browser
@pytest.mark.slow
def test_weekly_pages_on_a_real_export(server, browser_page):  # noqa: F811
    if not REALDATA.exists() and os.environ.get("CI") != "true":
        pytest.skip(f"{REALDATA} is missing: the real-export walk needs it")
    page, urls = browser_page
    page.goto(server)
    _settle(page)
    _import(page, server, NO_YEAR, 133)
    _go(page, "Overview")
    _no_errors(page)
    _shot(page, "weekly_overview_real.png")
    _walk(page, "real")
    _assert_local(urls)


@pytest.mark.browser
@pytest.mark.slow
def test_mentor_report_as_printed(browser, tmp_path):  # noqa: F811
    """The report in print media at A4 width: every chart inside the page, the list of applications at the end."""
    from datetime import date

    from analysis import store
    from analysis.export import html_report
    from analysis.filters import Filters
    from analysis.ingest.importer import ImportOptions, import_file

    con = store.connect(":memory:")
    import_file(con, store.DEMO_FILE, options=ImportOptions(as_of=date(2026, 11, 1), save_choices=False))
    path = tmp_path / "report.html"
    path.write_text(html_report(con, Filters(as_of=date(2026, 11, 1))), encoding="utf-8")
    con.close()
    context = _context(browser)
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.emulate_media(media="print")
        page.goto(path.as_uri())
        page.wait_for_timeout(1500)
        body = page.evaluate("() => document.body.getBoundingClientRect().width")
        widest = page.evaluate("() => Math.max(...[...document.querySelectorAll('.chart svg.main-svg')]"
                               ".map(s => s.getBoundingClientRect().right))")
        assert widest <= body + 1, (widest, body)
        assert page.get_by_role("heading", name=re.compile(r"Applications sent \(320\)")).count() == 1
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "weekly_report_print.png"), full_page=True)
        pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
        assert pdf[:4] == b"%PDF"
    finally:
        context.close()
