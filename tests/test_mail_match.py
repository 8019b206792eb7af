"""Which application a mail is about: the company first, then the role and the dates."""

from datetime import date

from analysis.mail.match import AppRow, Matcher


def test_a_mail_is_never_about_an_application_sent_years_after_it():
    m = Matcher([AppRow(1, "GitHub", "Senior Software Engineer", date(2025, 3, 1), "active")])
    assert m.match("GitHub", "Quantitative User Researcher", date(2017, 9, 18), "rejection") == (None, 0.0)


def test_a_sheet_date_a_few_days_after_the_mail_still_matches():
    m = Matcher([AppRow(1, "GitHub", "Software Engineer", date(2025, 3, 5), "active")])
    assert m.match("GitHub", "Software Engineer", date(2025, 3, 1), "confirmation")[0] == 1


def test_the_nearest_earlier_application_of_the_company_wins():
    m = Matcher([AppRow(1, "Acme Inc.", "Data Engineer", date(2024, 1, 10), "active"),
                 AppRow(2, "ACME", "Data Engineer", date(2025, 2, 1), "active")])
    assert m.match("Acme", "Data Engineer", date(2025, 2, 20), "rejection")[0] == 2
