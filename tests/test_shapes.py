"""The four shapes become applications and stage events."""

import pytest

from analysis.ingest.importer import import_file


def stages(con):
    return dict(con.execute("select company, stage || '/' || outcome from applications").fetchall())


def test_status_column(con):
    import_file(con, b"Company,Role,Status\nA,Dev,Applied\nB,Dev,Rejected\nC,Dev,Onsite\n", "s.csv")
    assert stages(con) == {"A": "applied/active", "B": "applied/rejected", "C": "final/active"}


def test_stage_columns_with_dates(con):
    body = (b"Company,Role,Phone Screen,Technical Interview,Onsite,Offer\n"
            b"A,Dev,2025-01-10,2025-01-20,,\nB,Dev,yes,N,,\nC,Dev,,,,\n")
    res = import_file(con, body, "s.csv")
    assert res.shape == "stage_columns"
    assert stages(con) == {"A": "interview/active", "B": "screen/rejected", "C": "applied/active"}
    assert con.execute("select happened_on::varchar from stage_events join applications using (app_id) "
                       "where company = 'A' and stage_events.stage = 'interview'").fetchall() == [("2025-01-20",)]


def test_edge_list_with_company_only_on_the_first_row(con):
    body = (b"Company,Source,Target\nAcme,Applied,Phone Screen\n,Phone Screen,Technical Interview\n"
            b",Technical Interview,Rejected\nBeta,Recruiter Inquiry,HR/ Hiring Manager Interview\n"
            b"Beta,HR/ Hiring Manager Interview,Offer\nBeta,Offer,Offer Accepted\n")
    res = import_file(con, body, "e.csv")
    assert res.shape == "edge_list"
    assert (res.rows_read, res.applications_added, res.lines_read) == (2, 2, 6)
    assert stages(con) == {"Acme": "interview/rejected", "Beta": "hired/hired"}


def test_event_log_one_row_per_step(con):
    body = (b"Company,Role,Date,Event\nAcme,Dev,2025-01-02,Applied\nAcme,Dev,2025-01-09,Phone screen\n"
            b"Acme,Dev,2025-01-20,Rejected\nBeta,PM,2025-02-01,Applied\n")
    res = import_file(con, body, "ev.csv")
    assert res.shape == "event_log"
    assert res.applications_added == 2
    assert stages(con) == {"Acme": "screen/rejected", "Beta": "applied/active"}
    assert con.execute("select applied_on::varchar from applications where company = 'Acme'").fetchall() == [
        ("2025-01-02",)]
    # the rejection row is the outcome and its date, not a second 'applied' step on the day of the no
    assert con.execute("select outcome_on::varchar from applications where company = 'Acme'").fetchone() == (
        "2025-01-20",)
    steps = con.execute("""select e.stage, e.happened_on::varchar from stage_events e join applications a
                           using (app_id) where a.company = 'Acme' order by 2""").fetchall()
    assert steps == [("applied", "2025-01-02"), ("screen", "2025-01-09")]


def test_event_log_in_one_cell(con):
    body = (b"Company,Role,History\nAcme,Dev,2025-01-02|Applied;2025-01-09|Phone screen;2025-01-30|Offer\n"
            b"Beta,PM,2025-02-01|Applied\n")
    res = import_file(con, body, "ev.csv")
    assert res.shape == "event_log"
    assert stages(con) == {"Acme": "offer/active", "Beta": "applied/active"}


def test_stage_columns_named_in_german_and_ticked(con):
    body = ("Firma;Stelle;Beworben;Telefoninterview;1. Gespräch;Angebot;Absage\n"
            "Bosch;Data Scientist;03.11.26;05.11.26;10.11.26;;17.11.26\nAllianz;BI Analyst;04.11.26;06.11.26;;;\n"
            "SAP;Data Analyst;05.11.26;09.11.26;12.11.26;20.11.26;\n").encode()
    res = import_file(con, body, "de.csv")
    assert res.shape == "stage_columns"
    assert stages(con) == {"Bosch": "interview/rejected", "Allianz": "screen/active", "SAP": "offer/active"}
    con.execute("delete from stage_events; delete from applications")
    body = ("Company,Role,Applied,Phone screen,Interviewed,Onsite\nMeta,SWE,2026-11-02,✓,✓,✓\n"
            "Intercom,Support Engineer,2026-11-03,Y,Y,\nApple,iOS Engineer,2026-11-04,,,\n").encode()
    import_file(con, body, "ticks.csv")
    assert stages(con) == {"Meta": "final/active", "Intercom": "interview/active", "Apple": "applied/active"}


@pytest.mark.parametrize("cell, steps", [
    ("9/9 recruiter call; 9/19 rejected", [("9/9", "recruiter call"), ("9/19", "rejected")]),
    ("2025-01-02|Applied;2025-01-09|Phone screen", [("2025-01-02", "Applied"), ("2025-01-09", "Phone screen")]),
    ("Applied 3/1 -> Screen 3/8 -> Rejected", [("3/1", "Applied"), ("3/8", "Screen"), (None, "Rejected")]),
    ("3/1 applied, 3/8 screen, 3/20 rejected", [("3/1", "applied"), ("3/8", "screen"), ("3/20", "rejected")]),
    ("Applied 2025-03-01\nPhone screen (Mar 8)", [("2025-03-01", "Applied"), ("Mar 8", "Phone screen")]),
    ("12.03.2025: Absage", [("12.03.2025", "Absage")]),
    ("Interview 2nd round 3/25", [("3/25", "Interview 2nd round")]),
    # a comma with no date after it is part of the words; a date alone is no step
    ("Rejected, post R1", [(None, "Rejected, post R1")]),
    ("3/1", []),
])
def test_the_steps_of_a_timeline_cell(cell, steps):
    import duckdb

    from analysis.ingest.shapes import timeline_steps_sql

    con = duckdb.connect()
    con.execute("create table t as select 1 as row_no, ?::varchar as c", [cell])
    assert con.execute(f"select d, label from ({timeline_steps_sql('t', 'c')}) order by pos").fetchall() == steps


def test_a_typed_timeline_without_a_status_is_an_event_log_per_row(con):
    body = (b"Company,Role,Applied,Timeline\nAcme,Dev,2025-09-01,9/9 recruiter call; 9/19 rejected\n"
            b"Beta,PM,2025-09-03,9/10 phone screen; 9/20 onsite; 10/2 offer\nGamma,PM,2025-09-05,applied\n")
    res = import_file(con, body, "tl.csv")
    assert res.shape == "event_log"
    assert stages(con) == {"Acme": "screen/rejected", "Beta": "offer/active", "Gamma": "applied/active"}


def test_a_history_column_in_french_is_a_timeline_and_a_log_of_prose_is_notes(con):
    body = (b"Entreprise,Poste,Historique\n"
            b"Criteo,Data Analyst,\"03/11/2026 candidature ; 10/11/2026 entretien RH ; 20/11/2026 refus\"\n"
            b"Qonto,Data Analyst,\"06/11/2026 candidature ; 07/11/2026 refus automatique\"\n"
            b"Mirakl,Data Engineer,12/11/2026 candidature\n")
    res = import_file(con, body, "fr.csv")
    assert res.shape == "event_log"
    assert stages(con) == {"Criteo": "screen/rejected", "Qonto": "applied/rejected", "Mirakl": "applied/active"}
    con.execute("delete from stage_events; delete from applications")
    body = (b"Company,Role,Status,Log\nAcme,Dev,Applied,Sent my CV through the website and pinged a friend\n"
            b"Beta,Dev,Rejected,They said the team was reorganising\n")
    import_file(con, body, "log.csv")
    assert con.execute("select notes from applications where company = 'Beta'").fetchone()[0] == \
        "They said the team was reorganising"


def test_an_activity_log_with_a_description_beside_its_kind_is_an_event_log(con):
    body = (b"Company,Job Title,Activity,Activity Category,Date\n"
            b"Acme,Controls Engineer,Applied via website,Apply,2026-11-02 14:02:11\n"
            b"Acme,Controls Engineer,Call with Jen (TA),Phone Screen,2026-11-05 16:00:00\n"
            b"Acme,Controls Engineer,Rejection email,Rejected,2026-11-12 11:12:00\n"
            b"Beta,Robotics Engineer,Applied,Apply,2026-11-03 10:00:00\n")
    res = import_file(con, body, "activity.csv")
    assert res.shape == "event_log" and res.applications_added == 2
    assert stages(con) == {"Acme": "screen/rejected", "Beta": "applied/active"}
    # a status file where one company was applied to twice stays a status file
    con.execute("delete from stage_events; delete from applications")
    body = (b"Company,Role,Status,Activity\nAcme,Dev,Rejected,applied online\nAcme,Dev,Interview,applied again\n"
            b"Beta,PM,Applied,sent CV\nGamma,PM,Applied,sent CV\nDelta,PM,Rejected,sent CV\n")
    assert import_file(con, body, "s.csv").shape == "status"


def test_an_event_log_of_one_word_per_row_is_still_read_by_rows(con):
    body = (b"Company,Role,Date,Event\nAcme,Dev,2025-01-02,Applied\nAcme,Dev,2025-01-09,Interview\n"
            b"Beta,PM,2025-02-01,Applied\nBeta,PM,2025-02-09,Rejected\n")
    res = import_file(con, body, "ev.csv")
    assert res.shape == "event_log"
    assert stages(con) == {"Acme": "interview/active", "Beta": "applied/rejected"}


@pytest.mark.realdata
def test_linkedin_has_no_status_so_everything_is_applied(con, real):
    import_file(con, real("linkedin_export_job_applications.csv"))
    assert con.execute("select distinct stage, outcome, source from applications").fetchall() == [
        ("applied", "active", "LinkedIn")]


def test_two_status_columns_are_both_read_and_an_ending_beats_an_open_status(con):
    """'Etap' beside 'Status', or LinkedIn's status beside the person's own: no header says which tells the end, so
    the furthest step either reached counts and an ending in either decides (each row says which cell did)."""
    body = ("Firma,Etap,Status\nA,CV wysłane,Odrzucona\nB,Rozmowa techniczna,W toku\nC,Oferta,Zrezygnowałem\n"
            "D,Rozmowa z HR,\n").encode()
    import_file(con, body, "pl.csv")
    assert stages(con) == {"A": "applied/rejected", "B": "interview/active", "C": "offer/offer_declined",
                           "D": "screen/active"}
    by = dict(con.execute("select company, outcome_decided_by from applications").fetchall())
    assert by["A"] == "Status = 'Odrzucona' (where Etap = 'CV wysłane' says it is still open)"


def test_a_column_of_its_own_for_rejections_beats_a_status_that_says_how_far_it_got(con):
    body = (b"Company,Rejected?,Interview stage reached\nA,yes,phone screen\nB,no,2nd round\nC,,recruiter call\n"
            b"D,yes,none\n")
    import_file(con, body, "yn.csv")
    got = stages(con)
    assert got["A"] == "screen/rejected" and got["B"] == "interview/active" and got["C"] == "screen/active"
    assert got["D"].endswith("/rejected")


def test_a_column_of_next_steps_is_no_second_status(con):
    """'Next step' holds plans ('if rejected, reapply in 6 months', 'onsite on 12/5'): what has not happened yet
    neither ends an application nor raises it."""
    body = (b"Company,Status,Next step\nA,Applied,\"if rejected, reapply in 6 months\"\nB,Recruiter call,"
            b"schedule HM interview\nC,Interviewing,final next week\n")
    import_file(con, body, "next.csv")
    assert stages(con) == {"A": "applied/active", "B": "screen/active", "C": "interview/active"}


def test_notion_tags_that_hold_statuses_are_read_beside_a_status_that_says_done(con):
    body = (b"Company,Status,Tags\nLinear,Done,\"Rejected, Remote\"\nVercel,In progress,\"Phone screen, Remote\"\n"
            b"Figma,Done,\"Offer, Hybrid\"\nPlaid,In progress,Remote\n")
    import_file(con, body, "notion.csv")
    got = stages(con)
    assert got["Linear"] == "applied/rejected" and got["Vercel"] == "screen/active"
    assert got["Figma"].startswith("offer/")
