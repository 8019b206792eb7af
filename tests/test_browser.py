"""Real browser, real server: Debian's Chromium drives the dashboard through demo -> upload -> own data."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"
LINKEDIN = REALDATA / "linkedin_export_job_applications.csv"
NO_YEAR = REALDATA / "status_and_notes_no_year_dates.csv"  # 133 rows, dates like "May 9"
SCREENS = ROOT / "test-artifacts" / "screens"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 2400}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOST = "127.0.0.1"
TIMEOUT_MS = 60_000  # first render imports pandas, plotly and the demo data
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
CHART = '[data-testid="stPlotlyChart"] .main-svg'
TITLES = {"Upload": "Upload your tracker"}  # a page's title where it is not its navigation link's name


def _unavailable(reason: str):
    """Skip on a developer machine; in CI a missing browser is a broken pipeline, not a skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer /_stcore/health within {seconds:.0f} s:\n{log.read_text()[-3000:]}")


DB_NAME = "hindsight.duckdb"  # the server fixture's HINDSIGHT_DB, inside the test's tmp_path


@contextmanager
def _running_server(tmp_path: Path, extra_env: dict[str, str] | None = None):
    """`make run`'s dashboard on a free port over tmp_path/DB_NAME (fresh: demo data), plus `extra_env`."""
    port = _free_port()
    env = {**os.environ, "HINDSIGHT_DB": str(tmp_path / DB_NAME)}
    env.pop("HINDSIGHT_SHARED", None)
    env.update(extra_env or {})
    log = tmp_path / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.address", HOST, "--server.port", str(port), "--browser.gatherUsageStats", "false",
           # others edit the code while tests run: a watched file's change puts a "Source file changed" notice in
           # the status widget, which _settle would then wait on until it times out
           "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def server(request, tmp_path):
    """The dashboard as `make run` starts it, on a free port, over a fresh database (so: demo data).
    Extra environment through indirect parametrization: `@pytest.mark.parametrize("server", [{...}], indirect=True)`."""
    with _running_server(tmp_path, getattr(request, "param", None)) as url:
        yield url


@pytest.fixture
def browser():
    """Debian's headless Chromium (skipped on a machine without it, a failure in CI)."""
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    # assertions wait as long as actions do: a first render on a busy two-core machine takes longer than 5 s
    expect.set_options(timeout=TIMEOUT_MS)
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMIUM)):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _context(browser, **options):
    """A browser context of its own (cookies, storage, Streamlit session) with a tall viewport: Streamlit scrolls
    inside its own container, so a tall window is what lets a full-page screenshot show a whole page."""
    return browser.new_context(viewport=VIEWPORT, **options)


def _watched_page(context):
    """A page of `context` plus every URL it asks for, websockets included."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    urls: list[str] = []
    page.on("request", lambda req: urls.append(req.url))
    page.on("websocket", lambda ws: urls.append(ws.url))
    return page, urls


@pytest.fixture
def browser_page(browser):
    """A tall Chromium page plus every URL it asked for."""
    context = _context(browser)
    try:
        yield _watched_page(context)
    finally:
        context.close()


def _stays_local(url: str) -> bool:
    """data: URLs never hit the network; a blob: URL carries the origin that made it."""
    if url.startswith("data:"):
        return True
    return urlparse(url.removeprefix("blob:")).hostname == HOST


def _metric(page, label: str):
    """The value element of the st.metric whose label is exactly `label`."""
    box = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]').get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]')


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script. The status widget alone is not enough: it only shows
    for runs longer than a few seconds, so a 2 s page would look finished while it still runs (and a click then
    starts a second run beside it). The app root's script state says it for every run."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSpinner\"]')")
    page.wait_for_timeout(500)  # let Plotly finish its layout pass before a screenshot


def _shot(page, name: str) -> None:
    """A screenshot of the whole page. Streamlit scrolls inside its main container, so a full-page screenshot stops
    at the window's height: for a longer page the window grows to fit it for the shot, then shrinks back."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    needed = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0")
    if size and needed > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": needed + 40})
        page.wait_for_timeout(500)  # relayout
    try:
        page.screenshot(path=str(SCREENS / name), full_page=True)
    finally:
        if size and needed > size["height"]:
            page.set_viewport_size(size)


def _no_errors(page) -> None:
    from playwright.sync_api import expect

    expect(page.locator(ERRORS)).to_have_count(0)


def _assert_local(urls: list[str]) -> None:
    assert urls, "no requests were recorded"
    outside = [u for u in urls if not _stays_local(u)]
    assert not outside, f"the browser contacted other hosts: {sorted(set(outside))}"


def _upload(page, server: str, path: Path, apps: int | None = None):
    """Upload `path` on the Upload page and wait until it can be imported; returns the import button and the
    applications it offers (the plan's count). With `apps` the button must offer exactly that many; without, it is
    the one whose name starts "Import "."""
    from playwright.sync_api import expect

    if not path.exists():
        pytest.fail(f"real export missing: {path}")
    page.goto(f"{server}/upload")
    expect(page.get_by_role("heading", name="Upload your tracker")).to_be_visible()
    page.set_input_files('input[type="file"]', path)
    expect(page.get_by_text("looks like", exact=False).first).to_be_visible()
    name = (re.compile(rf"^Import {apps} application\(s\)") if apps is not None
            else re.compile(r"^Import \d+ application\(s\)"))
    button = page.get_by_role("button", name=name)
    expect(button).to_be_enabled()
    _settle(page)
    return button, int(re.match(r"Import (\d+) application", button.inner_text().strip()).group(1))


def _report(page, rows: int | None) -> None:
    """Wait for the import report (of `rows` rows read, when given), with no error box."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    read = _metric(page, "Rows read")
    if rows is not None:
        expect(read).to_have_text(str(rows))
    else:  # an edge list's button counts its lines, the report the applications they chain into
        expect(read).to_have_text(re.compile(r"^[1-9]\d*$"))
    _no_errors(page)
    _settle(page)


def _import(page, server: str, path: Path, rows: int | None = None) -> int:
    """Upload `path`, import it, wait for the report; returns the applications the import button offered. With
    `rows` (a file of one application per row), both the button and the report's "Rows read" say that many."""
    button, offered = _upload(page, server, path, rows)
    button.click()
    _report(page, rows)
    return offered


def _nav_links(page) -> list[str]:
    """The top navigation's page names, in order."""
    from playwright.sync_api import expect

    links = page.locator('[data-testid="stTopNavLink"]')
    expect(links.first).to_be_visible()
    return [t.strip() for t in links.locator("p").all_inner_texts()]


def _go(page, link: str) -> None:
    """Follow the top navigation link `link` (same session), wait for that page's title and its finished run."""
    from playwright.sync_api import expect

    page.locator('[data-testid="stTopNavLink"]').filter(has=page.get_by_text(link, exact=True)).click()
    expect(page.locator("h1").filter(has_text=TITLES.get(link, link))).to_be_visible()
    _settle(page)


@pytest.mark.realdata
@pytest.mark.browser
@pytest.mark.slow
def test_demo_upload_and_own_overview(server, browser_page):
    from playwright.sync_api import expect

    page, urls = browser_page

    # 1. Overview on a fresh database: demo notice, metrics, Plotly charts.
    page.goto(server)
    expect(page.get_by_text("You are looking at demo data")).to_be_visible()
    expect(page.locator(CHART).first).to_be_visible()
    expect(_metric(page, "Applications")).to_have_text("320")
    _settle(page)
    _shot(page, "overview_demo.png")

    # 2. Upload the LinkedIn export and import it.
    _import(page, server, LINKEDIN, 31)
    expect(_metric(page, "Added")).to_have_text("31")
    _shot(page, "upload_report.png")

    # 3. Back to the Overview (same session, through the top navigation): own data, no demo notice.
    _go(page, "Overview")
    expect(_metric(page, "Applications")).to_have_text("31")
    expect(page.get_by_text("You are looking at demo data")).to_have_count(0)
    expect(page.locator(CHART).first).to_be_visible()
    _no_errors(page)
    _settle(page)
    _shot(page, "overview_after_import.png")

    # 4. Nothing left the machine.
    _assert_local(urls)


@pytest.mark.realdata
@pytest.mark.browser
@pytest.mark.slow
def test_every_page_after_uploading_a_real_export(server, browser_page):
    """Demo -> import a real 133-row tracker -> every page through the top navigation, each one rendered whole."""
    from playwright.sync_api import expect

    page, urls = browser_page
    page.goto(server)
    expect(page.get_by_text("You are looking at demo data")).to_be_visible()
    _settle(page)
    _import(page, server, NO_YEAR, 133)
    expect(_metric(page, "Added")).to_have_text("133")

    # Every page the navigation offers (pages added later get visited too), in its order.
    links = _nav_links(page)
    assert {"Overview", "Funnel", "Timeline", "Data", "Upload"} <= set(links), links
    for link in links:
        _go(page, link)
        _no_errors(page)
        expect(page.get_by_text("You are looking at demo data")).to_have_count(0)
        if link in ("Overview", "Funnel", "Timeline"):
            expect(page.locator(CHART).first).to_be_visible()
        if link == "Overview":
            expect(_metric(page, "Applications")).to_have_text("133")
        _shot(page, f"page_{link.lower()}.png")

        if link == "Funnel":  # the group comparison, split by role family instead of channel
            split = page.locator('[data-testid="stSelectbox"]').filter(has_text="Split by").get_by_role("combobox")
            split.click()
            page.get_by_role("option", name="Role family", exact=True).click()
            expect(split).to_have_value("Role family")
            expect(page.locator('[data-testid="stPlotlyChart"]').get_by_text("Role family: share")).to_be_visible()
            _settle(page)
            _no_errors(page)
            _shot(page, "page_funnel_roles.png")

    _assert_local(urls)
