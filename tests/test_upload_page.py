"""The Upload page, through app.py: every real file imports; mapping and labels can be changed."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from analysis import store
from analysis.report import build_report
from tests.conftest import APP, REALDATA
from tests.test_realdata import EXPECTED
from ui.common import md


def open_upload(isolated_db) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    assert not at.exception
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_app_opens_on_demo_data_and_says_so(isolated_db):
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    assert not at.exception
    assert any("demo data" in i.value for i in at.info)
    assert metric(at, "Applications") == "320"


def test_a_timeline_column_through_the_upload_page(isolated_db):
    at = open_upload(isolated_db)
    body = (b"Company,Role,Applied,Status,Timeline\n"
            b"Acme,Data Analyst,2025-09-01,Closed,9/9 recruiter call; 9/19 rejected\n"
            b"Beta,Engineer,2025-09-03,In progress,9/10 phone screen; 9/12 sent thank-you note; 9/20 onsite\n"
            b"Gamma,PM,2025-09-05,Applied,\n")
    at.file_uploader[0].upload("timeline.csv", body, "text/csv").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    plan = at.session_state["upload_plan"]
    assert plan.timeline == "Timeline" and plan.totals.outcomes["rejected"] == 1
    assert metric(at, "Reached an interview") == str(plan.totals.reached["interview"]) == "1"
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert metric(at, "Added") == "3"


@pytest.mark.realdata
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_real_file_imports_through_the_upload_page(isolated_db, name):
    at = open_upload(isolated_db)
    at.file_uploader[0].upload(name, (REALDATA / name).read_bytes(), "text/csv").run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.success and md(name) in at.success[0].value  # the name is shown as written (Markdown escaped)
    plan = at.session_state["upload_plan"].totals
    shown = {label: metric(at, label) for label in ("Applications", "Still open", "Rejected", "No answer (ghosted)",
                                                    "Reached an interview")}
    assert shown == {"Applications": str(plan.applications), "Still open": str(plan.outcomes["active"]),
                     "Rejected": str(plan.outcomes["rejected"]), "No answer (ghosted)": str(plan.outcomes["ghosted"]),
                     "Reached an interview": str(plan.reached["interview"])}
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert metric(at, "Rows read") == str(EXPECTED[name]["rows"])
    assert metric(at, "Added") == str(EXPECTED[name]["apps"])
    # what the preview showed is what the report finds after the import
    con = store.connect(isolated_db)
    try:
        rep = build_report(con, as_of=date.today())
    finally:
        con.close()
    assert rep["applications"] == plan.applications and rep["outcomes"] == plan.outcomes
    assert {r["stage"]: r["reached"] for r in rep["funnel"]} == plan.reached
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert not any("demo data" in i.value for i in at.info)
    assert metric(at, "Applications") == str(EXPECTED[name]["apps"] - EXPECTED[name].get("not_applied", 0))


def test_bad_file_shows_a_clear_error_and_changes_nothing(isolated_db):
    at = open_upload(isolated_db)
    at.file_uploader[0].upload("empty.csv", b"", "text/csv").run()
    assert not at.exception
    assert at.error and "empty" in at.error[0].value
    assert "Nothing was imported" in " ".join(c.value for c in at.caption)


def test_changing_a_column_choice_changes_the_plan(isolated_db):
    at = open_upload(isolated_db)
    body = b"Employer,Title,Status,Comments\nAcme,Dev,Applied,hi\nBeta,PM,Rejected,\n"
    at.file_uploader[0].upload("t.csv", body, "text/csv").run()
    assert not at.exception
    assert at.selectbox(key="upload_map_company").value == "Employer"
    at.selectbox(key="upload_map_notes").select("Comments").run()
    assert not at.exception
    assert at.session_state["upload_plan"].mapping["notes"] == "Comments"


def test_a_plan_worked_out_again_takes_the_temp_copy_of_the_one_it_replaced(isolated_db):
    """The upload is written to a temp file for DuckDB: personal data that goes with the plan it was read for."""
    at = open_upload(isolated_db)
    body = b"Employer,Title,Status,Comments\nAcme,Dev,Applied,hi\nBeta,PM,Rejected,\n"
    at.file_uploader[0].upload("t.csv", body, "text/csv").run()
    first = at.session_state["upload_plan"]
    first_path = first.source.text_path
    assert first_path.exists()
    at.selectbox(key="upload_map_company").select("Title").run()
    assert not at.exception
    now = at.session_state["upload_plan"]
    assert now is not first and now.mapping["company"] == "Title"
    assert not first_path.exists() and now.source.text_path.exists()


def test_an_empty_stage_row_can_be_said_to_mean_no_answer_on_the_page(isolated_db):
    at = open_upload(isolated_db)
    body = b"Company,Phone Screen,Technical\nAcme,,\nBeta,,\nGamma,,\nDelta,Y,\n"
    at.file_uploader[0].upload("yn.csv", body, "text/csv").run()
    assert not at.exception
    box = at.checkbox(key="upload_blank_no_answer")
    assert box.label == ("In this file, a row with every stage column empty (or unticked) means the company never "
                         "answered")
    assert any("record no answer and no date" in q.value for q in at.warning)
    box.check().run()
    assert not at.exception
    assert metric(at, "No answer (ghosted)") == "3" and metric(at, "Still open") == "1"


def test_unknown_label_can_be_mapped_before_import(isolated_db):
    at = open_upload(isolated_db)
    at.file_uploader[0].upload("t.csv", b"Company,Status\nAcme,Parked\nBeta,Applied\n", "text/csv").run()
    assert not at.exception
    assert any("does not know" in w.value for w in at.warning)
    plan = at.session_state["upload_plan"]
    assert plan.unmapped_labels == ["Parked"]
    # the page keeps the person's label choices in its options; set one as the table editor would
    at.session_state["upload_options"] = {"labels": {"Parked": ("applied", "closed")}}
    at.run()
    assert at.session_state["upload_plan"].unmapped_labels == []
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert metric(at, "Added") == "2"


def test_a_mailbox_and_a_spreadsheet_in_the_same_upload(isolated_db):
    """Several files at once, each imported by its kind: the mailbox through the mail import (its job mail waits
    in the Inbox), the CSV through the plan and the import button."""
    from tests.mail_fixtures import OWN, mbox

    at = open_upload(isolated_db)
    box = mbox(*[(OWN / f"{n}.eml").read_bytes() for n in ("rejection__fr_refus", "other__job_alert")])
    at.file_uploader[0].set_value([("inbox.mbox", box, "application/mbox"),
                                   ("sheet.csv", b"Company,Role,Status\nAcme,Dev,Applied\nBeta,Analyst,Rejected\n",
                                    "text/csv")]).run()
    assert not at.exception
    assert metric(at, "Messages read") == "2" and metric(at, "About your job search") == "1"
    assert any(md("sheet.csv") in s.value for s in at.success)  # the spreadsheet's plan, beside the mail's report
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert metric(at, "Added") == "2"
    con = store.connect(isolated_db)
    try:
        assert con.execute("select count(*) from messages").fetchone()[0] == 1
        assert con.execute("select count(*) from applications where not deleted").fetchone()[0] == 2
    finally:
        con.close()


def test_the_mail_report_says_which_confirmations_the_inbox_will_not_list(isolated_db):
    """The report counts mail by kind, the Inbox counts proposals: a confirmation of an application already tracked
    proposes nothing, and the report says so, so the two counts do not seem to disagree."""
    from tests.mail_fixtures import eml, mbox

    at = open_upload(isolated_db)
    at.file_uploader[0].upload("sheet.csv", b"Company,Role,Date applied,Status\nAcme,Data Analyst,2025-03-02,Applied\n",
                               "text/csv").run()
    at.button(key="upload_import").click().run()
    assert not at.exception and metric(at, "Added") == "1"
    body = "Thank you for applying to the Data Analyst position at {c}. We have received your application."
    box = mbox(eml("Your application to Acme", body.format(c="Acme"), mid="<a@t>"),
               eml("Your application to Beta", body.format(c="Beta"), sender="Beta Jobs <jobs@beta.test>", mid="<b@t>"))
    at.file_uploader[0].set_value([("inbox.mbox", box, "application/mbox")]).run()
    assert not at.exception
    assert any("2 confirmations" in c.value for c in at.caption)
    assert any(c.value.startswith("1 of the confirmations are of applications you already track") for c in at.caption)


def test_an_import_can_be_taken_back_on_the_page_after_saying_what_goes(isolated_db):
    at = open_upload(isolated_db)
    at.file_uploader[0].upload("first.csv", b"Company,Status\nAcme,Applied\nBeta,Rejected\n", "text/csv").run()
    at.button(key="upload_import").click().run()
    at.file_uploader[0].upload("second.csv", b"Company,Status\nAcme,Interview\nGamma,Applied\n", "text/csv").run()
    at.button(key="upload_import").click().run()
    assert not at.exception and metric(at, "Added") == "1"
    pick = at.selectbox(key="upload_remove_pick")
    assert pick.value is None and [o.split(" (")[0] for o in pick.options] == ["#2 second.csv", "#1 first.csv"]
    pick.set_value(2).run()
    assert not at.exception
    assert any(w.value.startswith(md("Remove the 1 application(s) that second.csv added (Gamma)"))
               and md("1 application(s) it updated") in w.value for w in at.warning)
    at.button(key="upload_remove_yes").click().run()
    assert not at.exception
    assert any(s.value.startswith(md("Removed the 1 application(s) that second.csv added (Gamma)")) for s in at.success)
    con = store.connect(isolated_db)
    try:
        assert dict(con.execute("select company, stage from applications").fetchall()) == {
            "Acme": "interview", "Beta": "applied"}
    finally:
        con.close()


def test_two_spreadsheets_are_reviewed_one_at_a_time(isolated_db):
    at = open_upload(isolated_db)
    at.file_uploader[0].set_value([("a.csv", b"Company,Status\nAcme,Applied\n", "text/csv"),
                                   ("b.csv", b"Company,Status\nBeta,Applied\nGamma,Rejected\n", "text/csv")]).run()
    assert not at.exception
    assert at.radio(key="upload_sheet_pick").options == ["a.csv", "b.csv"]
    at.radio(key="upload_sheet_pick").set_value("b.csv").run()
    assert not at.exception and any(md("b.csv") in s.value and "2 row(s)" in s.value for s in at.success)


def test_one_column_for_job_and_company_shows_on_the_page_and_survives_another_change(isolated_db):
    at = open_upload(isolated_db)
    body = (b"Name,Status,Comments\nData Engineer @ Acme,Applied,hi\nAnalyst at Beta Labs,Rejected,\n"
            b"Designer @ Gamma,Applied,\n")
    at.file_uploader[0].upload("n.csv", body, "text/csv").run()
    assert not at.exception
    assert at.selectbox(key="upload_map_company").value == at.selectbox(key="upload_map_role").value == "Name"
    # said before anything is written, with what the import itself will report
    assert any(md("'Name' holds the job and the company together") in m.value for m in at.markdown)
    at.selectbox(key="upload_map_notes").select("Comments").run()
    assert not at.exception
    assert at.session_state["upload_plan"].mapping["company"] == "Name"
    at.button(key="upload_import").click().run()
    assert not at.exception and metric(at, "Added") == "3"
    con = store.connect(isolated_db)
    try:
        assert con.execute("select company, role from applications order by app_id").fetchall()[0] == (
            "Acme", "Data Engineer")
    finally:
        con.close()


def test_a_file_just_imported_is_not_offered_again_until_asked(isolated_db):
    at = open_upload(isolated_db)
    at.file_uploader[0].upload("t.csv", b"Company,Status\nAcme,Applied\nBeta,Rejected\n", "text/csv").run()
    at.button(key="upload_import").click().run()
    assert not at.exception and metric(at, "Added") == "2"
    assert not [b for b in at.button if b.key == "upload_import"]  # no Import button for the file just imported
    assert any("is imported: its report is below" in s.value for s in at.success)
    at.button(key="upload_review_again").click().run()
    assert not at.exception
    at.button(key="upload_import").click().run()
    assert metric(at, "Added") == "0" and metric(at, "Already there") == "2"


def test_several_mail_files_at_once_make_one_progress_bar_and_one_report(isolated_db):
    from tests.mail_fixtures import eml

    at = open_upload(isolated_db)
    body = "Unfortunately we have decided not to move forward with your application for the Analyst position."
    files = [(f"r{i}.eml", eml(f"Your application at Co{i}", body, sender=f"Co{i} Jobs <jobs@co{i}.test>",
                                mid=f"<r{i}@t>"), "message/rfc822") for i in range(3)]
    files.append(("broken.eml", b"\x00\x01 not mail", "message/rfc822"))
    at.file_uploader[0].set_value(files).run()
    assert not at.exception
    assert [h.value for h in at.subheader if h.value.startswith("Mail read")] == [
        "Mail read: 3 files (r0.eml, r1.eml, r2.eml)"]
    assert metric(at, "Messages read") == "3" and metric(at, "About your job search") == "3"
    assert any(e.value.startswith("broken\\.eml:") for e in at.error)  # the bad one says why, the rest are read


def test_a_second_spreadsheet_added_after_an_import_is_the_one_shown(isolated_db):
    at = open_upload(isolated_db)
    first = ("a.csv", b"Company,Status\nAcme,Applied\n", "text/csv")
    at.file_uploader[0].set_value([first]).run()
    at.button(key="upload_import").click().run()
    at.file_uploader[0].set_value([first, ("b.csv", b"Company,Status\nBeta,Applied\nGamma,Rejected\n",
                                           "text/csv")]).run()
    assert not at.exception
    assert at.radio(key="upload_sheet_pick").value == "b.csv"
    at.button(key="upload_import").click().run()
    assert metric(at, "Added") == "2"
