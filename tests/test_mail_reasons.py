"""Reasons from mail: the company's and role's names, greetings, signatures, footers, links and courtesy lines
are set aside before the reason rules read a rejection; most rejections give no reason, and that is the answer."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from analysis.mail import importer as mi
from analysis.mail.company import company_of, role_of
from analysis.mail.read import open_mail
from analysis.mail.reasons import COURTESY, courtesy_rule, reason_text
from analysis.rejections import REASONS, classify_text, rejection_reasons
from tests.mail_fixtures import OWN, eml, mbox, real_mail  # noqa: F401 (a fixture)

# the reason of every rejection in ../shared/mail, set by reading each one (message_id, reason, the sentence)
LABELS = OWN.parent / "mail_reasons.csv"

COURTESY_EXAMPLES = {
    "keep_on_file": "We will keep your resume on file for future openings.",
    "future_openings": "We encourage you to apply for other opportunities on our careers page.",
    "wish_luck": "We wish you the best of luck in your job search.",
    "thanks": "Thank you for your interest in our company.",
    "footer": "This email was sent from an unmonitored address. Unsubscribe here.",
    "reach_out_later": "Your profile will remain in our database; we'll reach out if a more suitable opportunity "
                       "arises.",
}


def test_every_courtesy_rule_has_an_example():
    assert set(COURTESY_EXAMPLES) == {n for n, _ in COURTESY}


@pytest.mark.parametrize("name", list(COURTESY_EXAMPLES))
def test_each_courtesy_rule_alone(name):
    assert courtesy_rule(COURTESY_EXAMPLES[name]) == name


@pytest.mark.parametrize("company,role,body", [
    ("Visa", "Analyst",
     "Dear Alex,\n\nThank you for applying to Visa. We will not be moving forward with your application."),
    ("Acme", "Engineer (3 Days in Office)",
     "We decided not to proceed with your application for Engineer (3 Days in Office)."),
    ("Acme", "Sales Lead - Santa Clara, CA location", "Sales Lead - Santa Clara, CA location: we went another way."),
    ("Acme", "Dev",
     "Unfortunately we will not proceed. We will keep your resume on file.\n\nBest regards,\nAcme | Our culture "
                    "and values make us who we are."),
])
def test_names_titles_footers_and_courtesy_never_decide_a_reason(company, role, body):
    got = classify_text(reason_text(body, company, role))
    assert not got.actionable, got


def test_a_real_reason_survives():
    body = ("Hi Sam,\n\nThank you for interviewing with Acme. We were looking for someone with more years of "
            "experience "
            "leading teams.\n\nWe wish you luck.\n\nBest regards,\nAcme Talent\nwww.acme.test")
    text = reason_text(body, "Acme", None)
    assert classify_text(text).reason == "experience_level" and "luck" not in text and "www" not in text


def test_a_courtesy_clause_is_set_aside_and_the_reason_beside_it_kept():
    text = reason_text("We appreciate your interest in the role, however this role was recently filled.")
    assert text == "however this role was recently filled." and classify_text(text).reason == "role_closed"
    text = reason_text("Thank you for interviewing with us, but we were looking for someone with more years of "
                       "experience.")
    assert classify_text(text).reason == "experience_level" and "Thank" not in text


def test_a_waiting_period_is_a_policy_not_a_courtesy():
    text = reason_text("Thanks for applying. You are welcome to re-apply in 12 months, once the cool-down has passed.")
    assert classify_text(text).reason == "timing"
    assert reason_text("You are welcome to re-apply for future openings on our careers page.") == ""


@pytest.mark.parametrize("role,masked", [("Data Engineer (3 Days in Office)", True), ("has been cancelled", False),
                                         ("search", False), ("future when a", False),
                                         ("Sales Lead - Santa Clara", True)])
def test_only_a_role_that_reads_as_a_title_is_masked(role, masked):
    body = f"The {role} position: {role} was our need."
    assert (role not in reason_text(body, None, role)) == masked


# made-up mails, each with a name, a title or a footer that reads like a reason, and no reason of its own
TRAPS = [
    eml("An update regarding your Visa job application", "Dear Sam,\n\nThank you for applying to Visa. After careful "
        "review, we will not be moving forward with your application.\n\nBest regards,\nVisa Talent Acquisition",
        sender="Visa Careers <careers@visa.test>", mid="<trap-visa@t>"),
    eml("Your application: Data Engineer (3 Days in Office)", "Hi Sam,\n\nThank you for applying for the Data Engineer "
        "(3 Days in Office) role at Northwind. Unfortunately we have decided not to proceed with your application.\n\n"
        "Kind regards,\nNorthwind", sender="Northwind <jobs@northwind.test>", mid="<trap-office@t>"),
    eml("Sales Lead (Santa Clara, CA location) at Contoso", "Dear Sam, thank you for your interest in the Sales Lead "
        "(Santa Clara, CA location) position at Contoso. We regret to inform you that you have not been selected.",
        sender="Contoso Recruiting <no-reply@myworkday.test>", mid="<trap-location@t>"),
    eml("Your application to Fabrikam", "Hello Sam,\n\nUnfortunately we will not move forward with your candidacy. We "
        "will keep your resume on file.\n\nCheers,\nFabrikam People Team\n\nAt Fabrikam, our culture and values come "
        "first. Fabrikam is an equal opportunity employer. Unsubscribe", sender="Fabrikam <jobs@fabrikam.test>",
        mid="<trap-culture@t>"),
    eml("Tailspin: application update", "Hi Sam,\n\nThanks for applying to Tailspin Language Services. We have decided "
        "to move forward with other candidates. We'll reach out if a position opens that fits your profile.\n\nBest,\n"
        "Tailspin", sender="Tailspin <talent@tailspin.test>", mid="<trap-language@t>"),
]


def test_no_company_name_title_or_footer_decides_a_reason_end_to_end(con):
    r = mi.import_mail(con, mbox(*TRAPS), "traps.mbox", accept="all")
    assert r.by_kind == {"rejection": len(TRAPS)} and r.accepted == len(TRAPS)
    df = rejection_reasons(con)
    assert len(df) == len(TRAPS)
    assert not df["actionable"].any(), df[["company", "reason", "phrase"]].to_string()


def _real_rejections(real):
    """(Message-ID, its reason as the product reads it) for every rejection in ../shared/mail: the same path an
    accepted rejection takes (company and role found, set aside, then the reason rules)."""
    mails = list(open_mail(real / "dev_inbox.mbox").messages())
    for path in sorted((real / "eml").rglob("*.eml")):
        mails += list(open_mail(path).messages())
    kinds = {r["message_id"]: r["kind"] for r in csv.DictReader((real / "labels.csv").open(encoding="utf-8"))}
    kinds |= {r["message_id"]: r["kind"] for r in csv.DictReader((real / "eml" / "labels.csv").open(encoding="utf-8"))}
    out = {}
    for m in mails:
        if kinds.get(m.message_id) != "rejection":
            continue
        comp = company_of(m.subject, m.body_text, m.sender_name, m.sender_addr).value
        out[m.message_id] = classify_text(reason_text(m.body_text, comp, role_of(m.subject, m.body_text).value,
                                                      m.subject))
    return out


def test_the_labels_cover_every_real_rejection_with_a_known_reason(real_mail):  # noqa: F811
    labels = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    assert {r["message_id"] for r in labels} == set(_real_rejections(real_mail))
    for r in labels:
        assert r["reason"] == "none" or r["reason"] in REASONS, r
        assert (r["reason"] == "none") == (not r["sentence"]), r  # a reason is backed by the sentence that gives it


def test_reasons_read_from_real_mail_are_right_nine_in_ten(real_mail):  # noqa: F811
    labels = {r["message_id"]: r["reason"] for r in csv.DictReader(LABELS.open(encoding="utf-8"))}
    got = _real_rejections(real_mail)
    table = Counter((labels[mid], "none" if c.reason in ("no_reason", "unclassified") else c.reason)
                    for mid, c in got.items())
    print("\nlabel -> product")
    for (want, said), n in sorted(table.items()):
        print(f"  {want:>22} -> {said:<22} {n}")
    called = {mid: c for mid, c in got.items() if c.actionable}
    right = [mid for mid, c in called.items() if c.reason == labels[mid]]
    for mid, c in called.items():
        print(f"  called {c.reason}: {mid} {'right' if mid in right else 'WRONG (label ' + labels[mid] + ')'}: "
              f"{c.phrase}")
    labelled = [mid for mid, r in labels.items() if r in REASONS and REASONS[r].actionable]
    print(f"actionable: {len(right)} right of {len(called)} called; {len(labelled)} labelled")
    assert called, "no actionable reason found in real mail, though the labels hold some"
    assert len(right) / len(called) >= 0.9
    # and not by calling almost nothing: most of the reasons people wrote are found
    assert len(right) >= len(labelled) / 2
