"""The good news: stages reached for the first time, the interview rate against the published median, praise in
feedback (not 'a stronger candidate', not 'not impressed'), streaks of steady applying. Exact on files of our own."""

from datetime import date

import pandas as pd
import pytest

from analysis.filters import Filters
from analysis.funnel import BENCHMARKS
from analysis.goodnews import PRAISE_RULES, good_news, milestones, praise, streaks
from analysis.ingest.importer import import_file

F = Filters(as_of=date(2025, 6, 1))


def test_milestones_and_a_first_final_round(con):
    body = (b"Company,Applied,Phone screen,Final round,Status\n"
            b"Old,2025-01-02,2025-01-10,,Rejected\n"
            b"Old2,2025-02-02,2025-02-12,,Rejected\n"
            b"New,2025-04-20,2025-05-02,2025-05-20,Final round\n")
    import_file(con, body, "t.csv")
    m = milestones(con, F).set_index("stage")
    assert m.loc["screen", ["reached", "first_company", "first_on", "recent"]].tolist() == [3, "Old", date(2025, 1, 10),
                                                                                            False]
    assert m.loc["interview", "reached"] == 1  # the final round implies the interview
    assert m.loc["final", ["reached", "first_company", "first_on", "recent"]].tolist() == [1, "New", date(2025, 5, 20),
                                                                                           True]
    news = {g.key: g.sentence for g in good_news(con, F)}
    assert news["first_time"].startswith("New in the last 30 days: your first final round (New, 20 May 2025)")


def test_interview_rate_against_the_published_median(con):
    value, _ = BENCHMARKS["interview_rate"]
    rows = "".join(f"C{i},2025-01-{i + 1:02d},{'Interview' if i < 3 else 'Rejected'}\n" for i in range(12))
    import_file(con, ("Company,Applied,Status\n" + rows).encode(), "t.csv")
    news = {g.key: g.sentence for g in good_news(con, F)}
    assert 3 / 12 >= value
    assert news["interview_rate"].startswith("3 of your 12 applications reached an interview (25%)")


def test_no_interview_news_below_the_median_or_with_few_applications(con):
    rows = "".join(f"C{i},2025-01-{i + 1:02d},{'Interview' if i < 1 else 'Rejected'}\n" for i in range(12))
    import_file(con, ("Company,Applied,Status\n" + rows).encode(), "t.csv")
    assert "interview_rate" not in {g.key for g in good_news(con, F)}


@pytest.mark.parametrize("text,praised", [
    ("We were impressed by your background, but we went another way", "We were impressed by your background"),
    ("The team really enjoyed speaking with you.", "The team really enjoyed speaking with you"),
    ("You were a strong candidate; unfortunately the role closed", "You were a strong candidate"),
    ("It was a close second!", "It was a close second"),
    ("Wir waren von Ihrem Profil beeindruckt, haben uns aber anders entschieden",
     "Wir waren von Ihrem Profil beeindruckt"),
    ("Vous avez fait une excellente impression", "Vous avez fait une excellente impression"),
    ("We went with a stronger candidate", None),
    ("We were not impressed by the take-home", None),
    ("Many strong candidates applied", None),
])
def test_praise_rules(con, text, praised):
    import_file(con, f"Company,Status,Feedback\nAcme,Rejected,\"{text}\"\n".encode(), "t.csv")
    got = praise(con, F)
    if praised is None:
        assert got.empty, got
    else:
        assert got["sentence"].tolist() == [praised]


def test_every_praise_rule_is_named_once():
    names = [n for n, _ in PRAISE_RULES]
    assert len(names) == len(set(names))


def test_streaks():
    weeks = pd.DataFrame({"week": pd.to_datetime(["2025-04-07", "2025-04-14", "2025-04-21", "2025-04-28",
                                                  "2025-05-05", "2025-05-12", "2025-05-19", "2025-05-26"]),
                          "applications": [2, 3, 1, 0, 4, 5, 1, 2]})
    assert streaks(weeks, None, date(2025, 6, 1)) == {"longest": 4, "current": 4, "need": 1}
    assert streaks(weeks, 2, date(2025, 6, 1)) == {"longest": 2, "current": 1, "need": 2}
    assert streaks(weeks, None, date(2025, 7, 1))["current"] == 0  # nothing for a month: no running streak


def test_a_file_without_dates_still_gets_its_good_news(con):
    import_file(con, b"Company,Phone screen,Interview,Offer\nA,Y,Y,Y\nB,Y,N,N\nC,N,N,N\n", "t.csv")
    news = {g.key: g.sentence for g in good_news(con, F)}
    assert news["furthest"].startswith("You have reached an offer once, at A.")  # not 'once, the first at A'
    assert "None" not in news["furthest"]
