"""Salaries, yes/no cells, channels and remote types."""

import pytest

from analysis.ingest.values import channel_of, parse_salary, remote_type_of


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
                                       ("Berlin", None), ("Remote - EU", "remote")])
def test_remote_type(text, kind):
    assert remote_type_of(text) == kind
