"""Taking an import back: what it added goes, with everything that hangs on it; what it updated keeps what it
wrote, and the sentence shown before says so; the file can be imported again."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.followups import add_action, mark_done
from analysis.imports import RemoveError, history, removal_sentence, remove_import, what_removing_takes
from analysis.ingest.importer import ImportOptions, import_file
from analysis.mail.importer import accept_proposals, import_mail
from tests.mail_fixtures import eml

OPTS = ImportOptions(as_of=date(2025, 6, 30))
FIRST = b"Company,Role,Date applied,Status\nAcme,Dev,2025-03-01,Applied\nBeta,Dev,2025-03-02,Rejected\n"
SECOND = (b"Company,Role,Date applied,Status\nAcme,Dev,2025-03-01,Interview\nGamma,Analyst,2025-03-05,Applied\n"
          b"Delta,Analyst,2025-03-06,Applied\n")


def companies(con) -> dict[str, str]:
    return dict(con.execute("select company, stage from applications order by company").fetchall())


def test_removing_an_import_takes_back_what_it_added_and_says_what_it_keeps(con):
    import_file(con, FIRST, "first.csv", options=OPTS)
    second = import_file(con, SECOND, "second.csv", options=OPTS).import_id
    assert companies(con) == {"Acme": "interview", "Beta": "applied", "Delta": "applied", "Gamma": "applied"}
    takes = what_removing_takes(con, second)
    assert (takes.applications, takes.updated_kept, takes.edited, takes.mail_unlinked) == (2, 1, 0, 0)
    assert companies(con)["Gamma"] == "applied"  # looking changes nothing
    assert removal_sentence(takes) == ("the 2 application(s) that second.csv added (Gamma, Delta), with their steps. "
                                       "1 application(s) it updated were there before it and keep what it wrote "
                                       "(Hindsight keeps no earlier version of a row).")
    assert remove_import(con, second) == takes
    assert companies(con) == {"Acme": "interview", "Beta": "applied"}
    assert con.execute("""select count(*) from stage_events
                          where app_id not in (select app_id from applications)""").fetchone() == (0,)
    now = history(con).set_index("file_name")["now"].to_dict()
    assert now["first.csv"] == "2 still there" and now["second.csv"].startswith("removed ")
    with pytest.raises(RemoveError, match="already removed"):
        remove_import(con, second)
    again = import_file(con, SECOND, "second.csv", options=OPTS)
    assert again.applications_added == 2 and not any("imported before" in w for w in again.warnings)
    assert companies(con) == {"Acme": "interview", "Beta": "applied", "Delta": "applied", "Gamma": "applied"}


def test_what_hangs_on_a_removed_application_is_let_go(con):
    import_file(con, FIRST, "first.csv", options=OPTS)
    second = import_file(con, SECOND, "second.csv", options=OPTS).import_id
    gamma = con.execute("select app_id from applications where company = 'Gamma'").fetchone()[0]
    mark_done(con, gamma, "nudge")
    action = add_action(con, "Write to Gamma's recruiter", app_id=gamma)
    con.execute("update applications set likely_duplicate_of = ? where company = 'Beta'", [gamma])
    body = "Unfortunately we have decided not to move forward with your application for the Analyst position."
    import_mail(con, eml("Your application at Gamma", body, sender="Gamma Jobs <jobs@gamma.test>",
                         date="Mon, 10 Mar 2025 09:00:00 +0000"), "r.eml")
    mid, linked = con.execute("select message_id, app_id from messages").fetchone()
    assert linked == gamma
    accept_proposals(con, [mid])
    con.execute("update applications set notes = 'my note', edited_fields = ['notes'] where app_id = ?", [gamma])
    takes = what_removing_takes(con, second)
    assert (takes.applications, takes.edited, takes.mail_unlinked) == (2, 1, 1)
    assert "1 of them you had edited or deleted" in removal_sentence(takes)
    assert "1 mail message(s) linked to them go back to your Inbox" in removal_sentence(takes)
    remove_import(con, second)
    assert con.execute("select app_id, status from messages").fetchone() == (None, "proposed")
    assert con.execute("select count(*) from follow_up_done").fetchone() == (0,)
    assert con.execute("select app_id from actions where action_id = ?", [action]).fetchone() == (None,)
    assert con.execute("select likely_duplicate_of from applications where company = 'Beta'").fetchone() == (None,)


def test_an_import_from_before_added_by_was_kept_cannot_be_taken_back_and_says_why(con):
    first = import_file(con, FIRST, "first.csv", options=OPTS).import_id
    con.execute("update applications set added_by = null")  # as a database migrated from before
    assert history(con)["now"].tolist() == ["imported before Hindsight kept track of what an import added"]
    with pytest.raises(RemoveError, match="Delete its applications on the Data page"):
        what_removing_takes(con, first)
    with pytest.raises(RemoveError, match="no import 99"):
        remove_import(con, 99)
    assert len(companies(con)) == 2
