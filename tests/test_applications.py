"""The Data page's library: search, sort, add, edit and delete, and edits surviving a re-import."""

from datetime import date

import pytest

from analysis.applications import (
    EditError,
    add_application,
    applications_table,
    delete_application,
    update_application,
)
from analysis.filters import Filters
from analysis.funnel import stage_counts
from analysis.ingest.importer import import_file

BODY = (b"Company,Role,Applied,Status,Notes\nAcme,Data Engineer,2025-05-01,Applied,great team\n"
        b"Beta,PM,2025-05-03,Rejected,\n")
F = Filters(as_of=date(2025, 5, 10))


def test_search_and_sort(con):
    import_file(con, BODY, "t.csv")
    assert list(applications_table(con, F, search="great")["company"]) == ["Acme"]
    assert list(applications_table(con, F, sort="applied_on", descending=True)["company"]) == ["Beta", "Acme"]
    assert list(applications_table(con, F, outcomes=("rejected",))["company"]) == ["Beta"]


def test_edit_is_marked_and_survives_reimport(con):
    import_file(con, BODY, "t.csv")
    acme = int(applications_table(con, F, search="Acme")["app_id"][0])
    assert update_application(con, acme, {"stage": "interview", "notes": "met the CTO"}) == ["stage", "notes"]
    import_file(con, BODY.replace(b"great team", b"great team!"), "t.csv")  # an updated export touches Acme
    row = applications_table(con, F, search="Acme").iloc[0]
    assert row["furthest_stage"] == "interview" and row["notes"] == "met the CTO" and row["edited_by_you"]
    assert stage_counts(con, F).set_index("stage").loc["interview", "reached"] == 1


def test_lowering_a_stage_is_a_correction_that_sticks(con):
    import_file(con, b"Company,Status\nAcme,Onsite\n", "t.csv")
    app = int(applications_table(con, F)["app_id"][0])
    update_application(con, app, {"stage": "screen"})
    assert stage_counts(con, F).set_index("stage").loc["final", "reached"] == 0


def test_add_and_delete(con):
    import_file(con, BODY, "t.csv")
    new = add_application(con, {"company": "Gamma", "role": "Analyst", "applied_on": date(2025, 5, 5)})
    assert len(applications_table(con, F)) == 3
    delete_application(con, new)
    beta = int(applications_table(con, F, search="Beta")["app_id"][0])
    delete_application(con, beta)
    assert list(applications_table(con, F)["company"]) == ["Acme"]
    import_file(con, BODY, "t.csv")  # the deleted Beta does not come back
    assert list(applications_table(con, F)["company"]) == ["Acme"]


def test_bad_edits_are_refused_with_a_reason(con):
    import_file(con, BODY, "t.csv")
    app = int(applications_table(con, F)["app_id"][0])
    with pytest.raises(EditError, match="Stage must be"):
        update_application(con, app, {"stage": "won"})
    with pytest.raises(EditError, match="at least a company"):
        add_application(con, {"notes": "no name"})
    with pytest.raises(EditError, match="No application"):
        delete_application(con, 999)


def test_hostile_text_is_stored_as_text(con):
    name = "'); drop table applications; --"
    add_application(con, {"company": name, "role": "<img src=x onerror=alert(1)>"})
    assert applications_table(con, F)["company"].tolist() == [name]
