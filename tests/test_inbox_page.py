"""The Inbox page through app.py: a mailbox dropped on Upload, its confident rejections accepted in one click,
then seen on the Rejections page; the rest reviewed one by one."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP
from tests.mail_fixtures import eml, mbox
from tests.test_mail_import import ACK, NEWS, REJECT

UNSURE = eml("Update on your application", "", sender="Quill <jobs@quill.test>", mid="<unsure@t>")


def _app():
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    return at


def test_upload_mail_then_accept_confident_rejections(isolated_db):
    at = _app()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("inbox.mbox", mbox(ACK, REJECT, UNSURE, *NEWS), "application/mbox").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Messages read"] == "8" and metrics["About your job search"] == "3"
    at.switch_page("pages/inbox.py").run()
    assert not at.exception
    assert any("Rejections" in s.value for s in at.subheader)
    at.button(key="inbox_accept_rejection").click().run()
    assert not at.exception
    assert "Accepted 1" in at.success[0].value
    at.switch_page("pages/rejections.py").run()
    assert not at.exception
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "Northwind" in shown


def test_review_one_by_one_reject_and_not_job(isolated_db):
    at = _app()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("inbox.mbox", mbox(UNSURE), "application/mbox").run()
    at.switch_page("pages/inbox.py").run()
    assert not at.exception
    assert any("To review one by one (1)" in s.value for s in at.subheader)
    at.button(key="inbox_no_<unsure@t>").click().run()
    assert not at.exception and "turned down" in at.success[0].value


def test_a_mail_that_names_no_company_says_so(isolated_db):
    """Beside one that names its company (the column is text then, and the missing one a NaN, which is truthy)."""
    anon = eml("Update on your application", "", sender="Jobs <noreply@gmail.com>", mid="<anon@t>")
    at = _app()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("inbox.mbox", mbox(UNSURE, anon), "application/mbox").run()
    at.switch_page("pages/inbox.py").run()
    assert not at.exception
    cards = [m.value for m in at.markdown if m.value.startswith("**Rejections**")]
    assert len(cards) == 2 and any("company not named" in c for c in cards)
    assert not any("nan" in c.split("·")[1] for c in cards), cards


def test_inbox_empty_says_what_to_do(isolated_db):
    at = _app()
    at.switch_page("pages/inbox.py").run()
    assert not at.exception and "No job mail yet" in at.info[0].value


def test_not_mail_named_mbox_is_a_clear_error(isolated_db):
    at = _app()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("inbox.mbox", b"Company,Role\nAcme,Dev\n", "application/mbox").run()
    assert not at.exception and "does not hold mail" in at.error[0].value
