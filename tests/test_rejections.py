"""Rejection feedback and notes sorted into reasons: real phrasings, each with the reason a person would give."""

import re
from datetime import date

import pytest

from analysis.filters import Filters
from analysis.ingest.importer import ImportOptions, import_file
from analysis.rejections import (
    REASONS,
    classify_text,
    feedback_quality,
    reason_counts,
    recurring_phrases,
    rejection_reasons,
    set_reason,
)
from tests.conftest import REALDATA

F = Filters(as_of=date(2026, 11, 21))

PHRASES = [
    # from ../shared/realdata and the issue
    ("Interviewed - rejected due to lack of LLM and Agentic experience", "skills_gap"),
    ("Rejected due to location. Contact was willing to refer, but overridden", "location"),
    ("comp range was lower than tolerable", "compensation"),
    ("potential comp too low; lower than on job description", "compensation"),
    ("Bombed an online assessment (no human in the loop)", "interview_performance"),
    ("rejected due to cool down period, can re-apply in 5 months", "timing"),
    ("WITHDRAWN - RESIDENCY NOT ALLOWED", "location"),
    ("Had four interviews with them and then they said no", "no_reason"),
    ("Rejection email received from Navina's hiring team", "no_reason"),
    ("Not sure why I was rejected on this one, interview went well. Lots of competition I guess?", "no_reason"),
    ("Cancelled with no reason given two days before the round was scheduled", "no_reason"),
    # what companies write
    ("We went with a stronger candidate", "another_candidate"),
    ("We decided to move forward with other candidates whose experience more closely matches our needs",
     "another_candidate"),
    ("Unfortunately we will not be moving forward at this time.", "no_reason"),
    ("Thank you for your interest. After careful consideration, we have decided not to proceed.", "no_reason"),
    ("Nous sommes au regret de vous informer que nous ne pouvons pas donner suite", "no_reason"),
    ("There is no individual reason we can share", "no_reason"),
    ("We are looking for someone more senior for this role", "experience_level"),
    ("We need someone with more leadership experience", "experience_level"),
    ("Honestly we think you would be overqualified", "experience_level"),
    ("The team needs hands-on Kubernetes experience, which we didn't see in your profile.", "skills_gap"),
    ("We were hoping for more depth on Kubernetes and infrastructure.", "skills_gap"),
    ("The role requires German fluency (C1), sorry", "location"),
    ("We cannot offer visa sponsorship", "location"),
    ("Your salary expectations are above our range", "compensation"),
    ("Not a strong enough performance in the system design round", "interview_performance"),
    ("The coding exercise did not meet the bar", "interview_performance"),
    ("The team had some concerns around team fit / culture add", "culture_fit"),
    ("The position has been put on hold due to a hiring freeze", "role_closed"),
    ("We went with an internal candidate", "another_candidate"),
    ("Declined offer: role turned out to be mostly BI reporting", "role_mismatch"),
    # German, Spanish, French
    ("Leider haben wir uns für einen anderen Kandidaten entschieden", "another_candidate"),
    ("Lamentablemente hemos elegido a otro candidato", "another_candidate"),
    ("Malheureusement nous avons retenu un autre candidat", "another_candidate"),
    ("Die Stelle wurde besetzt", "role_closed"),
    ("Buscamos a alguien con más experiencia", "experience_level"),
    # what rejection mail says, English
    ("Unfortunately we are looking for someone local", "location"),
    ("Applicants must be based in Austria for this role", "location"),
    ("A condition for the programme is to be a student at a Dutch university", "location"),
    ("As feedback: keep working on the fundamentals of data structures", "skills_gap"),
    ("Please wait at least 6 months before applying again", "timing"),
    ("We'd welcome another application in no fewer than six months", "timing"),
    ("We have recently filled this position", "role_closed"),
    ("We are pausing the recruitment process until spring", "role_closed"),
    ("The team has identified others for this opening", "another_candidate"),
    # German, as Austrian and German employers write it (one per German line of the rules)
    ("Im technischen Interview konnten Sie uns leider nicht ganz überzeugen", "interview_performance"),
    ("Für diese Rolle suchen wir jemanden mit mehr Berufserfahrung in der Teamleitung", "experience_level"),
    ("Leider passt dein Profil nicht ideal zu den fachlichen Anforderungen", "skills_gap"),
    ("Für die Stelle sind Deutschkenntnisse auf C1-Niveau erforderlich", "location"),
    ("Leider liegt die gewünschte Vergütung über unserem Rahmen", "compensation"),
    ("Wir hatten nicht den Eindruck, dass du ins Team passen würdest", "culture_fit"),
    ("Gerne können Sie sich in sechs Monaten erneut bewerben", "timing"),
    ("Die Position ist mittlerweile besetzt", "role_closed"),
    ("Wir haben uns für andere Bewerber:innen entschieden", "another_candidate"),
    ("They wanted someone with more Kubernetes experience", "skills_gap"),
    ("Nous avons retenu un profil plus expérimenté.", "experience_level"),
    ("Hemos elegido a alguien más experimentado", "experience_level"),
    ("We zochten iemand met meer ervaring", "experience_level"),
]


@pytest.mark.parametrize("text,reason", PHRASES)
def test_real_phrasing_lands_in_its_reason(text, reason):
    got = classify_text(text)
    assert got.reason == reason, (text, got)
    assert got.phrase and got.phrase.lower() in text.lower()
    assert got.actionable == REASONS[reason].actionable


@pytest.mark.parametrize("text", ["via gun.io", "From Shine / Uncharted Path Breakthroughs", "5 interviews",
                                  "Referred by former colleague Tom"])
def test_text_that_matches_nothing_is_unclassified_not_forced(text):
    assert classify_text(text).reason == "unclassified"


@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty_text_is_no_reason_given(text):
    got = classify_text(text)
    assert got.reason == "no_reason" and got.phrase is None and not got.actionable


def test_sql_and_python_rules_agree(con):
    rows = "\n".join(f'C{i},Rejected,"{t.replace(chr(34), "")}"' for i, (t, _) in enumerate(PHRASES))
    import_file(con, f"Company,Status,Feedback\n{rows}\n".encode(), "t.csv")
    df = rejection_reasons(con, F).set_index("company")
    for i, (text, reason) in enumerate(PHRASES):
        assert df.loc[f"C{i}", "rule_reason"] == reason, text


@pytest.mark.realdata
def test_ladderly_notes_land_in_the_right_reasons(con):
    import_file(con, REALDATA / "status_and_notes_no_year_dates.csv", options=ImportOptions(year=2024))
    df = rejection_reasons(con, F)
    df = df[df["outcome"] != "closed"].set_index("company")
    assert df.loc["Gusto", "reason"] == "location" and df.loc["Gusto", "side"] == "company"
    assert df.loc["Hudson River Trading", "reason"] == "interview_performance"
    assert df.loc["Meta", "reason"] == "timing"
    assert df.loc["Dave", "reason"] == "compensation" and df.loc["Dave", "side"] == "candidate"
    assert df.loc["Webflow"].query("outcome == 'withdrawn'")["reason"].tolist() == ["compensation"]
    assert df.loc["Two Sigma", "side"] == "candidate"
    company = reason_counts(con, F, side="company").set_index("reason")["count"]
    candidate = reason_counts(con, F, side="candidate").set_index("reason")["count"]
    # 53 rejected + 6 closed are the companies'; the 6 withdrawals are the candidate's and not counted there
    assert company.sum() == 59 and candidate.sum() == 6
    assert "compensation" not in company and candidate["compensation"] == 2


def test_a_correction_wins_over_the_rule_and_survives_reimport(con):
    import_file(con, b"Company,Status,Feedback\nAcme,Rejected,We went with a stronger candidate\n", "t.csv")
    app = int(rejection_reasons(con, F)["app_id"][0])
    set_reason(con, app, "skills_gap")
    assert rejection_reasons(con, F).iloc[0][["reason", "set_by_you"]].tolist() == ["skills_gap", True]
    import_file(con, b"Company,Status,Feedback\nAcme,Rejected,We went with a stronger candidate!\n", "t.csv")
    assert rejection_reasons(con, F).iloc[0]["reason"] == "skills_gap"


@pytest.mark.parametrize("side", ["company", "candidate"])
def test_the_counts_are_the_per_application_reasons_counted(con, side):
    """reason_counts counts per distinct text and correction first: the same totals as one row per decision."""
    body = (b"Company,Status,Feedback,Notes\n"
            b"A,Rejected,We went with a stronger candidate,\nB,Rejected,We went with a stronger candidate,\n"
            b"C,Rejected,We went with a stronger candidate,  \nD,Rejected, ,\nE,Position Closed,,\n"
            b"F,Withdrawn,,salary too low\nG,Rejected,,salary too low\nH,Rejected,Lack of Spark experience,"
            b"they said so twice\nI,Applied,,\n")
    import_file(con, body, "t.csv")
    per_app = rejection_reasons(con, F).set_index("company")
    set_reason(con, int(per_app.loc["B", "app_id"]), "skills_gap")  # one of three same texts corrected
    per_app = rejection_reasons(con, F)
    expected = per_app[per_app["side"] == side].groupby("reason").size().to_dict()
    got = reason_counts(con, F, side=side).set_index("reason")["count"].to_dict()
    assert got == expected and sum(got.values()) == (7 if side == "company" else 1)


def test_closed_postings_count_as_role_closed(con):
    import_file(con, b"Company,Status\nAcme,Position Closed\n", "t.csv")
    assert rejection_reasons(con, F).iloc[0]["reason"] == "role_closed"


def test_feedback_quality_and_flags(con):
    body = (b"Company,Status,Feedback,Feedback requested,Feedback received\n"
            b"A,Rejected,We went with a stronger candidate,yes,yes\nB,Rejected,,yes,no\n"
            b"C,Rejected,Lack of Spark experience,no,no\n")
    import_file(con, body, "t.csv")
    q = feedback_quality(con, F)
    assert (q["decisions"], q["usable"], q["no_text"], q["asked"], q["received"]) == (3, 1, 1, 2, 1)


def test_recurring_phrases_skip_what_rules_already_name(con):
    body = (b"Company,Status,Notes\nA,Rejected,the take home was too long\nB,Rejected,take home was too long again\n"
            b"C,Rejected,unfortunately not moving forward\nD,Rejected,unfortunately not moving forward\n")
    import_file(con, body, "t.csv")
    phrases = recurring_phrases(con, F)["phrase"].tolist()
    assert "take home" in phrases
    assert not any("moving forward" in p for p in phrases)


def test_recurring_phrases_hold_no_rest_of_a_word_a_rule_matched(con):
    """A rule that matches 'more closely match' inside 'matches' leaves no 'es our needs' behind."""
    text = ("We decided to move forward with other candidates whose experience more closely matches our needs. "
            "Sponsorship is not provided; relocation required")
    rows = "".join(f'C{i},Rejected,"{text}"\n' for i in range(3))
    import_file(con, f"Company,Status,Feedback\n{rows}".encode(), "t.csv")
    words = set(re.findall(r"[a-z']+", text.lower()))
    for phrase in recurring_phrases(con, F)["phrase"]:
        assert set(phrase.split()) <= words, phrase


def test_empty_database(con):
    assert rejection_reasons(con, F).empty
    assert reason_counts(con, F).empty
    assert feedback_quality(con, F)["decisions"] == 0


def test_review_table_saves_reason_and_feedback_flags(con):
    from analysis.rejections import save_review

    import_file(con, b"Company,Status,Feedback\nAcme,Rejected,We went with a stronger candidate\n", "t.csv")
    before = rejection_reasons(con, F)[["app_id", "company", "reason_label", "feedback_requested", "feedback_received"]]
    after = before.copy()
    after.loc[0, "reason_label"] = REASONS["compensation"].label
    after.loc[0, "feedback_requested"] = True
    done = save_review(con, before, after)
    assert len(done) == 2
    row = rejection_reasons(con, F).iloc[0]
    assert row["reason"] == "compensation" and row["feedback_requested"]


def test_every_rule_line_decides_at_least_one_example():
    """Each line of the registry is tested alone: some phrase above is decided by that line and no earlier one."""
    import re

    from analysis.rejections import RULES

    compiled = [re.compile(p, re.IGNORECASE) for _, p in RULES]
    first = {next(i for i, rx in enumerate(compiled) if rx.search(text)) for text, _ in PHRASES if any(
        rx.search(text) for rx in compiled)}
    assert first == set(range(len(RULES))), [RULES[i][0] + f" (line {i})" for i in set(range(len(RULES))) - first]
