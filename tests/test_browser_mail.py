"""Real browser, real server: a mailbox uploaded, its confident rejections accepted on the Inbox page, and the
mail's own sentence seen on the Rejections page. The mailbox is made of our own fixture mails (no ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mail_fixtures import OWN, mbox
from tests.test_browser import (  # noqa: F401 (fixtures)
    TIMEOUT_MS,
    _assert_local,
    _go,
    _metric,
    _no_errors,
    _settle,
    _shot,
    browser,
    browser_page,
    server,
)

# three rejections (English, two French: all confident), a confirmation, an interview invitation and a job alert
MAILS = ["rejection__soft_other_candidates", "rejection__fr_autre_candidat", "rejection__fr_refus",
         "application_received__linkedin_sent", "interview_invite__greenhouse_invite", "other__job_alert"]


def _inbox_mbox() -> bytes:
    return mbox(*[(OWN / f"{name}.eml").read_bytes() for name in MAILS])


@pytest.mark.browser
@pytest.mark.slow
def test_upload_a_mailbox_accept_its_rejections_and_see_their_sentences(server, browser_page):  # noqa: F811
    from playwright.sync_api import expect

    page, urls = browser_page
    # Chromium offers Streamlit its "save as" dialog, which a headless test cannot answer: without it, Streamlit's own
    # fallback downloads the CSV as a file
    page.context.add_init_script("window.showSaveFilePicker = async () => { throw new Error('no dialog in tests'); };")
    page.goto(server)
    expect(page.get_by_text("You are looking at demo data")).to_be_visible(timeout=TIMEOUT_MS)
    _settle(page)

    # 1. The mailbox through the Upload page's file input: read, job mail counted, the rest dropped.
    page.goto(f"{server}/upload")
    expect(page.get_by_role("heading", name="Upload your tracker")).to_be_visible(timeout=TIMEOUT_MS)
    page.set_input_files('input[type="file"]', files=[{"name": "inbox.mbox", "mimeType": "application/mbox",
                                                       "buffer": _inbox_mbox()}])
    expect(page.get_by_role("heading", name="Mail read")).to_be_visible(timeout=TIMEOUT_MS)
    expect(_metric(page, "Messages read")).to_have_text(str(len(MAILS)), timeout=TIMEOUT_MS)
    expect(_metric(page, "About your job search")).to_have_text(str(len(MAILS) - 1), timeout=TIMEOUT_MS)
    _no_errors(page)
    _settle(page)
    _shot(page, "mail_upload.png")

    # 2. The Inbox: the three confident rejections accepted in one click.
    _go(page, "Inbox")
    accept = page.get_by_role("button", name="Accept 3 confident rejections")
    expect(accept).to_be_visible(timeout=TIMEOUT_MS)
    _shot(page, "mail_inbox.png")
    accept.click()
    expect(page.get_by_text("Accepted 3")).to_be_visible(timeout=TIMEOUT_MS)
    _no_errors(page)
    _settle(page)
    _shot(page, "mail_inbox_accepted.png")

    # 3. The Rejections page: the three companies with the sentence each mail decided by.
    _go(page, "Rejections")
    _no_errors(page)
    evidence = page.locator('[data-testid="stDataFrame"]').first
    expect(evidence).to_be_visible(timeout=TIMEOUT_MS)
    _settle(page)
    # a table is drawn on a canvas: what it holds is read as a person would take it away, through its CSV download
    evidence.hover()
    with page.expect_download() as download:
        evidence.get_by_role("button", name="Download as CSV").click()
    table = Path(download.value.path()).read_text(encoding="utf-8-sig")
    for company, phrase in [("Quill", "pursue other candidates"), ("Orbe", "retenu un autre candidat")]:
        line = next((ln for ln in table.splitlines() if company in ln), "")
        assert phrase in line, (company, table)
    _shot(page, "mail_rejections.png")

    _assert_local(urls)
