"""Re-importing adds nothing twice; an updated export updates; the user's edits survive."""

import pytest

from analysis.ingest.importer import ImportOptions, import_file

V1 = b"Company,Role,Applied,Status\nAcme,Dev,2025-01-02,Applied\nBeta,PM,2025-01-03,Applied\n"
V2 = (b"Company,Role,Applied,Status\nAcme,Dev,2025-01-02,Rejected\nBeta,PM,2025-01-03,Applied\n"
      b"Gamma,QA,2025-02-01,Applied\n")


def test_same_file_twice_adds_nothing(con):
    import_file(con, V1, "t.csv")
    again = import_file(con, V1, "t.csv")
    assert (again.applications_added, again.applications_updated, again.duplicates_skipped) == (0, 0, 2)
    assert any("imported before" in w for w in again.warnings)
    assert con.execute("select count(*) from applications").fetchall()[0][0] == 2


def test_updated_export_updates_in_place(con):
    import_file(con, V1, "t.csv")
    res = import_file(con, V2, "t.csv")
    assert (res.applications_added, res.applications_updated, res.duplicates_skipped) == (1, 1, 1)
    assert con.execute("select outcome from applications where company = 'Acme'").fetchall() == [("rejected",)]


def test_user_edits_survive_a_reimport(con):
    import_file(con, V1, "t.csv")
    con.execute("update applications set notes = 'my note', edited_fields = ['notes'] where company = 'Acme'")
    import_file(con, V2, "t.csv")
    assert con.execute("select notes, outcome from applications where company = 'Acme'").fetchall() == [
        ("my note", "rejected")]


@pytest.mark.realdata
def test_three_imports_leave_counts_unchanged(con, real):
    import_file(con, real("huntr_export_sample.csv"))
    counts = con.execute("select (select count(*) from applications), (select count(*) from stage_events)").fetchall()
    for _ in range(2):
        import_file(con, real("huntr_export_sample.csv"))
    assert con.execute("select (select count(*) from applications), (select count(*) from stage_events)"
                       ).fetchall() == counts
    assert counts[0][0] == 6


def test_label_choice_is_saved_and_reused(con):
    res = import_file(con, b"Company,Status\nA,Parked\n", "t.csv")
    assert res.unmapped_labels == ["Parked"]
    import_file(con, b"Company,Status\nB,Parked\n", "t.csv", ImportOptions(labels={"Parked": ("applied", "closed")}))
    res3 = import_file(con, b"Company,Status\nC,Parked\n", "t.csv")
    assert res3.unmapped_labels == []
    assert con.execute("select outcome from applications where company = 'C'").fetchall() == [("closed",)]


def test_column_choice_is_saved_for_the_same_header(con):
    body = b"Employer Name,Thing,When\nAcme,Dev,2025-01-02\n"
    import_file(con, body, "t.csv", ImportOptions(mapping={"company": "Employer Name", "role": "Thing"}))
    res = import_file(con, b"Employer Name,Thing,When\nBeta,PM,2025-01-03\n", "t.csv")
    assert res.applications_added == 1
    assert con.execute("select role from applications where company = 'Beta'").fetchall() == [("PM",)]
