"""More real-browser checks: the mentor report offline, a walk through every page for every real export, and two
visitors of a shared dashboard kept apart. Fixtures and helpers come from test_browser."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.test_browser import (  # noqa: F401  (browser, browser_page and server are fixtures)
    CHART,
    DB_NAME,
    NO_YEAR,
    REALDATA,
    SCREENS,
    TIMEOUT_MS,
    _assert_local,
    _context,
    _go,
    _import,
    _metric,
    _nav_links,
    _no_errors,
    _report,
    _settle,
    _shot,
    _upload,
    _watched_page,
    browser,
    browser_page,
    server,
)

DEMO = "You are looking at demo data"
# every real export, one walk each; a missing folder gives one case that fails saying so (never an empty skip)
REAL_FILES = sorted(REALDATA.glob("*.csv")) or [REALDATA / "no_real_exports_found.csv"]


def _is_file_or_data(url: str) -> bool:
    return url.startswith(("file:", "data:"))


@pytest.mark.realdata
@pytest.mark.browser
def test_mentor_report_opens_offline(browser, tmp_path):  # noqa: F811
    """The HTML report for a mentor, built without the server, opens with the network off: Plotly is embedded,
    every chart draws, nothing is fetched."""
    from playwright.sync_api import expect

    from analysis import store
    from analysis.export import html_report
    from analysis.filters import Filters
    from analysis.ingest.importer import ImportOptions, import_file

    if not NO_YEAR.exists():
        pytest.fail(f"real export missing: {NO_YEAR}")
    con = store.connect(":memory:")
    try:
        import_file(con, NO_YEAR, options=ImportOptions(year=2024))
        report = tmp_path / "report.html"
        report.write_text(html_report(con, Filters(as_of=date(2024, 9, 1))), encoding="utf-8")
    finally:
        con.close()

    context = _context(browser, offline=True)
    try:
        blocked: list[str] = []

        def only_local(route):
            if _is_file_or_data(route.request.url):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        asked: list[str] = []
        page.on("request", lambda req: asked.append(req.url))
        script_errors: list[str] = []
        page.on("pageerror", lambda exc: script_errors.append(str(exc)))
        page.goto(report.as_uri())

        expect(page.get_by_role("heading", name="What stands out")).to_be_visible()
        # html_report wraps every figure in a div.chart; Plotly draws each into .main-svg layers once it ran
        charts = page.locator("div.chart")
        expect(charts.first.locator(".main-svg").first).to_be_visible()
        n = charts.count()
        assert n >= 4, f"the report should hold the funnel, conversion, outcomes and reasons charts; it has {n}"
        expect(charts.filter(has=page.locator(".main-svg"))).to_have_count(n)  # every one of them drew
        assert page.locator(".main-svg").count() >= 4
        page.wait_for_timeout(500)  # Plotly's last layout pass
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "mentor_report.png"), full_page=True)

        assert asked, "no requests were recorded (not even the report itself)"
        outside = sorted({u for u in asked if not _is_file_or_data(u)})
        assert not outside, f"the offline report tried to fetch: {outside}"
        assert not blocked, f"the offline report tried to fetch: {sorted(set(blocked))}"
        assert not script_errors, f"script errors in the report: {script_errors}"
    finally:
        context.close()


@pytest.mark.realdata
@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("path", REAL_FILES, ids=[p.stem for p in REAL_FILES])
def test_walkthrough_every_real_file(browser_page, server, path, tmp_path):  # noqa: F811
    """Fresh server per file: demo -> upload the file -> import it -> every page of the top navigation, each whole."""
    from playwright.sync_api import expect

    page, urls = browser_page
    page.goto(server)
    expect(page.get_by_text(DEMO)).to_be_visible()
    _settle(page)

    planned = _import(page, server, path)  # the applications the plan offered before the import
    added = _metric(page, "Added").inner_text().strip()
    assert added.isdigit() and int(added) > 0, f"{path.name}: nothing was added (Added = {added!r})"
    _shot(page, f"walk_{path.stem}_import.png")

    links = _nav_links(page)
    assert {"Overview", "Funnel", "Timeline", "Data", "Upload"} <= set(links), links
    for link in links:
        _go(page, link)
        _no_errors(page)
        expect(page.get_by_text(DEMO)).to_have_count(0)
        if link == "Overview":  # what the plan said is what the Overview counts
            expect(_metric(page, "Applications")).to_have_text(str(planned))
        if link in ("Overview", "Funnel"):
            expect(page.locator(CHART).first).to_be_visible()
        _shot(page, f"walk_{path.stem}_{link.lower()}.png")

    _assert_local(urls)
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert "Traceback" not in log, f"the server logged an exception:\n{log[-3000:]}"


UK = REALDATA / "uk_dates_mixed.csv"  # 23 rows, 23 applications, among them Shelter
HUNTR = REALDATA / "huntr_export_sample.csv"  # 10 rows, 6 applications, among them Yext


def _data_search(page, text: str) -> str:
    """Search the Data page's table for `text`; returns the caption's "N application(s)" count. The rerun may not
    have begun when the script state is first looked at (on a loaded machine), so the caption is read until it
    changes, which it does in every search here (all -> none, none -> some), or for 15 s at most."""
    box = page.get_by_label("Search company, role, notes, feedback, location")

    def count() -> str:
        caption = page.get_by_text(re.compile(r"^\d+ application\(s\)"))
        return re.match(r"(\d+)", caption.inner_text()).group(1)

    before = count()
    box.fill(text)
    box.press("Enter")
    for _ in range(30):
        _settle(page)
        now = count()
        if now != before:
            break
    return now


@pytest.mark.realdata
@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("server", [{"HINDSIGHT_SHARED": "1"}], indirect=True, ids=["shared"])
def test_two_visitors_in_shared_mode_see_only_their_own(browser, server, tmp_path):  # noqa: F811
    """HINDSIGHT_SHARED=1: two visitors at once, each imports a different file; each sees only their own, and
    nothing is written to the database file."""
    from playwright.sync_api import expect

    db = tmp_path / DB_NAME
    ctx_a, ctx_b = _context(browser), _context(browser)
    try:
        a, urls_a = _watched_page(ctx_a)
        b, urls_b = _watched_page(ctx_b)
        for page in (a, b):
            page.goto(server)
            expect(page.get_by_text(DEMO)).to_be_visible()
            _settle(page)

        # both files uploaded, then both imports started back to back: two sessions running at the same time
        button_a, _ = _upload(a, server, UK, 23)
        button_b, _ = _upload(b, server, HUNTR, 6)  # 10 rows, 6 applications
        expect(button_a).to_contain_text("this private session")
        button_a.click()
        button_b.click()
        _report(a, 23)
        _report(b, 10)
        expect(_metric(a, "Added")).to_have_text("23")
        expect(_metric(b, "Added")).to_have_text("6")
        assert not list(tmp_path.glob(DB_NAME + "*")), "shared mode wrote the database file"

        for page, own in ((a, "23"), (b, "6")):
            _go(page, "Overview")
            _no_errors(page)
            expect(page.get_by_text(DEMO)).to_have_count(0)
            expect(_metric(page, "Applications")).to_have_text(own)

        for page, mine, theirs, who in ((a, "Shelter", "Yext", "a"), (b, "Yext", "Shelter", "b")):
            _go(page, "Data")
            _no_errors(page)
            expect(page.get_by_text(theirs)).to_have_count(0)
            assert _data_search(page, theirs) == "0", f"visitor {who} finds the other visitor's {theirs}"
            assert int(_data_search(page, mine)) >= 1, f"visitor {who} does not find their own {mine}"
            _shot(page, f"shared_data_{who}.png")

        _assert_local(urls_a)
        _assert_local(urls_b)
        assert not db.exists(), f"shared mode created {db}"
        assert not list(tmp_path.glob(DB_NAME + "*")), "shared mode wrote the database file"
    finally:
        ctx_a.close()
        ctx_b.close()
