"""Every page through app.py with AppTest: on the demo data and on a real export, with each filter changed,
and an application edited, added and deleted. No exception anywhere."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from analysis import store
from analysis.domain import OUTCOME_LABELS, STAGE_LABELS
from analysis.ingest.importer import ImportOptions, import_file
from tests.conftest import APP, REALDATA

PAGES = ["pages/overview.py", "pages/funnel.py", "pages/timeline.py", "pages/rejections.py", "pages/fit.py",
         "pages/insights.py", "pages/data.py", "pages/upload.py", "pages/settings.py"]


def start() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def with_real_export(isolated_db):
    con = store.connect(isolated_db)
    import_file(con, REALDATA / "status_and_notes_no_year_dates.csv", options=ImportOptions(year=2024))
    con.close()
    return isolated_db


def widget(kind, label):
    """A frame widget by its label (its key carries the dataset's identity)."""
    return next(w for w in kind if w.label == label)


def visit_all(at: AppTest) -> None:
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title, page


def test_every_page_on_the_demo_data(isolated_db):
    at = start()
    visit_all(at)


def test_every_page_on_a_real_export(with_real_export):
    at = start()
    assert not any("demo data" in i.value for i in at.info)
    visit_all(at)


def test_each_filter_changes_the_numbers(isolated_db):
    at = start()  # the demo data: 320 applications, 124 of them from LinkedIn
    metric = lambda: int(next(m.value for m in at.metric if m.label == "Applications"))  # noqa: E731
    assert metric() == 320
    widget(at.multiselect, "Channel").select("LinkedIn").run()
    assert not at.exception and metric() == 124
    widget(at.multiselect, "Channel").set_value([]).run()
    widget(at.multiselect, "Role family").select("Data Engineer").run()
    assert not at.exception and 0 < metric() < 320
    widget(at.multiselect, "Role family").set_value([]).run()
    widget(at.date_input, "Applied between").set_value((date(2026, 1, 1), date(2026, 3, 31))).run()
    assert not at.exception and 0 < metric() < 320
    ghosted = lambda: next(m.value for m in at.markdown if "went silent" in m.value)  # noqa: E731
    before = ghosted()
    at.number_input(key="frame_ghost_days").set_value(365).run()
    assert not at.exception and ghosted() != before
    for page in PAGES:  # the filters hold on every page
        at.switch_page(page).run()
        assert not at.exception, page


def test_filters_that_match_nothing_say_so(with_real_export):
    at = start()
    widget(at.date_input, "Applied between").set_value((date(2024, 5, 2), date(2024, 5, 2))).run()
    widget(at.multiselect, "Role family").select("Security Engineer").run()
    assert not at.exception
    assert any("No application matches" in w.value for w in at.warning)


def test_segment_choices_on_the_funnel_page(with_real_export):
    at = start()
    at.switch_page("pages/funnel.py").run()
    for by in at.selectbox(key="funnel_by").options:
        at.selectbox(key="funnel_by").set_value(by).run()
        assert not at.exception, by
    at.selectbox(key="funnel_rung").set_value("final").run()
    assert not at.exception


def test_weekly_goal_is_saved(with_real_export):
    at = start()
    at.switch_page("pages/timeline.py").run()
    at.number_input(key="timeline_goal").set_value(5).run()
    assert not at.exception
    assert any("met your goal of 5" in m.value for m in at.markdown)
    con = store.connect(with_real_export)
    assert store.get_setting(con, "weekly_goal") == 5
    con.close()


def test_edit_add_and_delete_on_the_data_page(with_real_export):
    at = start()
    at.switch_page("pages/data.py").run()
    at.text_input(key="data_search").input("Gusto").run()
    assert not at.exception
    assert "Gusto" in at.selectbox(key="data_pick").format_func(at.selectbox(key="data_pick").value)
    form_notes = next(t for t in at.text_area if t.label == "Notes")
    form_notes.input("Spoke to the hiring manager, asked for feedback")  # form fields are sent on submit
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    assert any("Saved notes" in s.value for s in at.success)
    con = store.connect(with_real_export)
    assert con.execute("select notes, edited_fields from applications where company = 'Gusto'").fetchall() == [
        ("Spoke to the hiring manager, asked for feedback", ["notes"])]
    con.close()

    at.button(key="data_delete").click().run()
    assert any("stays deleted" in w.value for w in at.warning)
    at.button(key="data_delete_yes").click().run()
    assert not at.exception and any("Deleted" in s.value for s in at.success)

    at.text_input(key="data_search").input("").run()
    company_inputs = [t for t in at.text_input if t.label == "Company"]
    company_inputs[-1].input("Northwind")  # the add form's field (the edit form has one too)
    next(b for b in at.button if b.label == "Add application").click().run()
    assert not at.exception
    assert any("Added Northwind" in s.value for s in at.success)
    con = store.connect(with_real_export)
    assert con.execute("select count(*) from applications where not deleted").fetchall()[0][0] == 133
    con.close()


def test_rejections_page_shows_reasons_evidence_and_takeaways(isolated_db):
    at = start()  # the demo data: several reasons heard more than once
    at.switch_page("pages/rejections.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "came with a reason you can act on" in text
    assert "What to try next" in " ".join(h.value for h in at.subheader)
    for label in at.selectbox(key="rej_reason").options:
        at.selectbox(key="rej_reason").set_value(label).run()
        assert not at.exception, label


def test_settings_save_criteria_and_fit_page_uses_them(with_real_export):
    at = start()
    at.switch_page("pages/settings.py").run()
    next(t for t in at.text_area
         if t.label.startswith("Titles you target")).input("Backend Engineer\nSoftware Engineer")
    next(t for t in at.text_area if t.label.startswith("Deal-breakers")).input("residency")
    next(b for b in at.button if b.label == "Save criteria").click().run()
    assert not at.exception and any("criteria set" in s.value for s in at.success)
    at.switch_page("pages/fit.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "break at least one of your criteria" in text
    kinds = at.selectbox(key="fit_kind").options
    assert "One of your deal-breakers" in kinds and "Title not one you target" in kinds
    flagged = at.dataframe[-1].value  # the flags of the chosen kind: stages and outcomes as people read them
    assert set(flagged["outcome"]) <= set(OUTCOME_LABELS.values())
    assert set(flagged["furthest_stage"]) <= set(STAGE_LABELS.values())


def test_fit_check_before_you_apply(with_real_export):
    at = start()
    at.switch_page("pages/settings.py").run()
    next(t for t in at.text_area if t.label.startswith("Titles you target")).input("Data Engineer")
    next(b for b in at.button if b.label == "Save criteria").click().run()
    at.switch_page("pages/fit.py").run()
    next(t for t in at.text_input if t.label == "Job title").input("Sales Manager")
    next(b for b in at.button if b.label == "Check it").click().run()
    assert not at.exception
    assert any("breaks 1 of your criteria" in w.value for w in at.warning)


def test_linkedin_preferences_upload_on_settings(with_real_export):
    from tests.test_fit import PREFS

    at = start()
    at.switch_page("pages/settings.py").run()
    at.file_uploader(key="settings_prefs").upload("Job Seeker Preferences.csv", PREFS.encode(), "text/csv").run()
    at.button(key="settings_fill").click().run()
    assert not at.exception
    assert any("Filled target titles" in s.value for s in at.success)


def test_rejections_page_makes_no_suggestion_from_single_cases(with_real_export):
    at = start()  # the real sheet: each actionable reason appears once
    at.switch_page("pages/rejections.py").run()
    assert not at.exception
    assert "What to try next" not in " ".join(h.value for h in at.subheader)


def test_insights_prepares_the_exports_on_request(with_real_export):
    at = start()
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    at.button(key="insights_prep_files").click().run()
    assert not at.exception
    at.button(key="insights_prep_html").click().run()
    assert not at.exception
    assert at.session_state["insights_csv"].startswith(b"Company,Role,")
    assert at.session_state["insights_xlsx"][:2] == b"PK"
    assert b"What stands out" in at.session_state["insights_html"].encode()


def test_insights_lists_action_items_with_what_they_are_about(isolated_db):
    """One about an application, one about a reason, one about nothing: the frame's missing company is NaN beside
    a real one, and none of them may read 'nan'."""
    from analysis.followups import add_action

    con = store.connect(isolated_db)
    import_file(con, b"Company,Role,Status\nAcme,Engineer,Rejected\n", "t.csv")
    add_action(con, "Ask Acme for feedback", date(2026, 1, 5), app_id=1)
    add_action(con, "Practise SQL every Tuesday", date(2026, 1, 6), reason="skills_gap")
    add_action(con, "Update the CV", None)
    con.close()
    at = start()
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    items = ("Ask Acme", "Practise SQL", "Update the CV")
    shown = [m.value for m in at.markdown if any(i in m.value for i in items)]
    assert len(shown) == 3, shown
    assert "*Acme*" in shown[0] and "*Skills gap*" in shown[1] and not any("nan" in s for s in shown), shown


def test_the_edit_form_opens_on_what_the_table_shows_and_pins_nothing_left_as_shown(isolated_db):
    """A row with no news for months shows as Ghosted (worked out by the report; 'active' is stored). The form opens
    on Ghosted; saving a note leaves the stored outcome alone; 'Still active' starts its clock again today; choosing
    another outcome records it."""
    con = store.connect(isolated_db)
    import_file(con, b"Company,Role,Applied,Status\nQuietco,Analyst,2025-01-10,Applied\n", "q.csv")
    con.close()
    at = start()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    form_outcome = next(s for s in at.selectbox if s.label == "Outcome" and s.key != "data_reread_outcome")
    assert form_outcome.value == "ghosted"
    next(t for t in at.text_area if t.label == "Notes").input("Sent a follow-up")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception and any("Saved notes" in s.value for s in at.success)
    con = store.connect(isolated_db)
    assert con.execute("select outcome, edited_fields from applications").fetchall() == [("active", ["notes"])]
    con.close()
    form_outcome = next(s for s in at.selectbox if s.label == "Outcome" and s.key != "data_reread_outcome")
    assert form_outcome.value == "ghosted"
    form_outcome.select("active")  # 'I heard from them': the silence ends today
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception and any("still active as of today" in s.value for s in at.success)
    form_outcome = next(s for s in at.selectbox if s.label == "Outcome" and s.key != "data_reread_outcome")
    assert form_outcome.value == "active"
    form_outcome.select("rejected")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    con = store.connect(isolated_db)
    assert con.execute("select outcome from applications").fetchall() == [("rejected",)]
    con.close()
