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


@pytest.mark.realdata
def test_linkedin_has_no_status_so_everything_is_applied(con, real):
    import_file(con, real("linkedin_export_job_applications.csv"))
    assert con.execute("select distinct stage, outcome, source from applications").fetchall() == [
        ("applied", "active", "LinkedIn")]
