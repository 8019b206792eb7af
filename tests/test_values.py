"""Salaries, yes/no cells, channels and remote types."""

from datetime import date

import pytest

from analysis.applications import update_application
from analysis.ingest.importer import ImportOptions, import_file
from analysis.ingest.values import (
    channel_of,
    one_spelling,
    parse_salary,
    remote_kind_of_header,
    remote_type_of,
    spelling_key,
)

OPTS = ImportOptions(as_of=date(2025, 6, 30))


@pytest.mark.parametrize("text,lo,hi,cur", [
    ("$120k-150k", 120_000, 150_000, "USD"),
    ("120000", 120_000, 120_000, None),
    ("€55.000", 55_000, 55_000, "EUR"),
    ("£60,000 - £70,000", 60_000, 70_000, "GBP"),
    ("EUR 70k", 70_000, 70_000, "EUR"),
    ("90-110k", 90_000, 110_000, None),
    ("55.000 - 65.000 €", 55_000, 65_000, "EUR"),
    ("$175,000", 175_000, 175_000, "USD"),
    ("1.2M", 1_200_000, 1_200_000, None),
    # thousands with an apostrophe (Swiss), Indian grouping and lakhs, a currency code right after the digits
    ("CHF 120’000", 120_000, 120_000, "CHF"),
    ("CHF 95'000 - 110'000", 95_000, 110_000, "CHF"),
    ("1,20,000 INR", 120_000, 120_000, "INR"),
    ("12 LPA", 1_200_000, 1_200_000, "INR"),
    ("₹ 8-10 LPA", 800_000, 1_000_000, "INR"),
    ("5000eur", 5000, 5000, "EUR"),
    # a word after the number is no suffix: 'monthly' is no million
    ("5000 monthly", 5000, 5000, None),
])
def test_salary_text(text, lo, hi, cur):
    s = parse_salary(text)
    assert (s.min, s.max, s.currency) == (lo, hi, cur)


def test_hourly_salary_keeps_its_period():
    assert parse_salary("$50/hr").period == "hour"


@pytest.mark.parametrize("text", [None, "", "-", "N/A", "SKIPPED", "competitive", "DOE"])
def test_salary_missing_or_words(text):
    assert parse_salary(text) is None


@pytest.mark.parametrize("text,channel", [
    ("LinkedIn", "LinkedIn"), ("Referral from Anna", "Referral"), ("Recruiter inbound", "Recruiter"),
    ("Headhunter/Direct", "Recruiter"), ("Company site", "Company site"), ("Boris", "Boris"), (None, None),
    # a board or tracker whose name holds 'recruit' is no recruiter; 'Company' alone is the company's own site
    ("ZipRecruiter", "Job board"), ("SmartRecruiters", "Company site"), ("LinkedIn Recruiter", "Recruiter"),
    ("Recruiter", "Recruiter"), ("Company", "Company site"), ("USAJOBS", "Job board"),
])
def test_channel(text, channel):
    assert channel_of(text) == channel


@pytest.mark.parametrize("text,kind", [("Remote", "remote"), ("Hybrid - Munich", "hybrid"), ("Onsite", "onsite"),
                                       ("Berlin", None), ("Remote - EU", "remote"), ("On-site (London)", "onsite")])
def test_remote_type(text, kind):
    assert remote_type_of(text) == kind


@pytest.mark.parametrize("header,kind", [("Remote", "remote"), ("Remote?", "remote"), ("WFH", "remote"),
                                         ("On-site", "onsite"), ("Hybrid?", "hybrid"), ("Work type", None),
                                         ("Remote / Hybrid", None)])
def test_the_work_type_a_yes_no_header_asks_about(header, kind):
    assert remote_kind_of_header(header) == kind


def test_a_yes_in_a_remote_column_is_remote_and_a_no_leaves_it_to_the_location(con):
    body = (b"Company,Role,Location,Remote?\nAcme,Dev,Berlin,Yes\nBeta,Dev,Berlin (hybrid),No\n"
            b"Gamma,Dev,Paris,\nDelta,Dev,Paris,no\n")
    res = import_file(con, body, "r.csv", options=OPTS)
    assert res.applications_added == 4
    got = dict(con.execute("select company, remote_type from applications").fetchall())
    assert got == {"Acme": "remote", "Beta": "hybrid", "Gamma": None, "Delta": None}


def test_one_spelling_per_name():
    assert spelling_key("Otter Jobs") == spelling_key("otterjobs") == spelling_key("Otter-Jobs")
    assert one_spelling({"OtterJobs": 1, "Otter Jobs": 3, "Boris": 2}) == {
        "OtterJobs": "Otter Jobs", "Otter Jobs": "Otter Jobs", "Boris": "Boris"}
    assert one_spelling({"otter jobs": 5}, known=["OtterJobs"]) == {"otter jobs": "OtterJobs"}


def test_channels_that_differ_by_a_space_are_one_channel_across_files_and_edits(con):
    import_file(con, b"Company,Source\nAcme,OtterJobs\nBeta,Otter Jobs\nGamma,Otter Jobs\n", "a.csv", options=OPTS)
    import_file(con, b"Company,Source\nDelta,otter jobs\n", "b.csv", options=OPTS)
    rows = con.execute("select company, source, channel from applications order by company").fetchall()
    assert rows == [("Acme", "OtterJobs", "Otter Jobs"), ("Beta", "Otter Jobs", "Otter Jobs"),
                    ("Delta", "otter jobs", "Otter Jobs"), ("Gamma", "Otter Jobs", "Otter Jobs")]
    app_id = con.execute("select app_id from applications where company = 'Acme'").fetchone()[0]
    update_application(con, app_id, {"source": "OTTERJOBS"})
    assert con.execute("select channel from applications where app_id = ?", [app_id]).fetchone() == ("Otter Jobs",)
