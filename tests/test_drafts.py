"""Follow-ups ready to send: every kind in every language names the company and the role with nothing left
unfilled; the person's templates win and a template with a hole is refused; the queue's dated items as .ics that
a calendar library parses; the command line prints the queue with its drafts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pytest

from analysis.drafts import (
    DEFAULT_TEMPLATES,
    LANGUAGES,
    check_template,
    draft,
    ics_calendar,
    long_date,
    queue_events,
    reset_template,
    save_template,
    templates,
)
from analysis.filters import Filters
from analysis.followups import follow_ups_ics, follow_ups_with_drafts
from analysis.ingest.importer import import_file
from tests.conftest import ROOT

F = Filters(as_of=date(2025, 7, 1))
# one application behind each kind of follow-up (as in tests/test_insights.py), with a contact on one
QUEUE = (b"Company,Role,Contact,Applied,Phone screen,Technical interview,Status,Status date,Feedback\n"
         b"Thanks,Data Engineer,Ana Lima,2025-06-01,2025-06-10,2025-06-20,Interview,,\n"
         b"AskWhy,Analytics Engineer,,2025-05-01,2025-05-05,2025-05-12,Rejected after interview,2025-06-25,\n"
         b"Silent,Backend Engineer,,2025-04-01,,,Applied,,\n"
         b"Later,Data Analyst,,2025-06-01,,,Rejected,2025-06-05,cool down period: re-apply in 6 months\n")
HOLE = re.compile(r"[{}]|\bNone\b|\bnan\b|\[[A-Za-z ]+\]")


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("kind", list(DEFAULT_TEMPLATES))
def test_every_kind_and_language_names_company_and_role(kind, lang):
    text = draft(kind, lang, "Quillon Security", "Data Engineer II", date(2026, 4, 21), "Ana Lima")
    assert "Quillon Security" in text and "Data Engineer II" in text and "Ana Lima" in text
    assert long_date(date(2026, 4, 21), lang) in text
    assert not HOLE.search(text), text


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("kind", list(DEFAULT_TEMPLATES))
def test_missing_pieces_read_naturally(kind, lang):
    text = draft(kind, lang, "Acme", None, None, None)
    assert "Acme" in text and not HOLE.search(text), text


def test_the_queue_gets_drafts_from_the_data(con):
    import_file(con, QUEUE, "t.csv")
    q = follow_ups_with_drafts(con, F, "en").set_index("company")
    assert set(q["kind"]) == {"thank_you", "ask_feedback", "nudge", "recontact"}
    assert q.loc["Thanks", "draft"].startswith("Subject: Thank you for the conversation\n\nHello Ana Lima,")
    assert "on 20 June 2025 about the Data Engineer role at Thanks" in q.loc["Thanks", "draft"]
    assert "the Backend Engineer role at Silent on 1 April 2025" in q.loc["Silent", "draft"]
    assert "am 25. Juni 2025" in follow_ups_with_drafts(con, F, "de").set_index("company").loc["AskWhy", "draft"]
    for r in q.itertuples():
        assert r.Index in r.draft and r.role in r.draft and not HOLE.search(r.draft)


def test_own_template_wins_and_holes_are_refused(con):
    import_file(con, QUEUE, "t.csv")
    save_template(con, "nudge", "en", "Hi! Any news on {role} at {company}? (sent {date})")
    assert templates(con)["nudge"]["en"].startswith("Hi!")
    assert templates(con)["nudge"]["de"] == DEFAULT_TEMPLATES["nudge"]["de"]
    q = follow_ups_with_drafts(con, F, "en").set_index("company")
    assert q.loc["Silent", "draft"] == "Hi! Any news on the Backend Engineer role at Silent? (sent on 1 April 2025)"
    for bad in ("Dear {name}", "Hello {company", "   "):
        with pytest.raises(ValueError):
            save_template(con, "nudge", "en", bad)
    reset_template(con, "nudge", "en")
    assert templates(con)["nudge"]["en"] == DEFAULT_TEMPLATES["nudge"]["en"]
    check_template("Literal {{braces}} are fine for {company}")


def test_ics_parses_with_icalendar(con):
    icalendar = pytest.importorskip("icalendar", reason="the test extra installs icalendar")
    import_file(con, QUEUE, "t.csv")
    data = follow_ups_ics(con, F, "fr")
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 4
    by_summary = {str(e["SUMMARY"]): e for e in events}
    thanks = by_summary["Thank-you note: Thanks — Data Engineer"]
    assert thanks.decoded("DTSTART") == date(2025, 6, 21)
    assert "le 20 juin 2025" in str(thanks["DESCRIPTION"]) and "chez Thanks" in str(thanks["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == 4


def test_ics_escapes_and_folds_text():
    icalendar = pytest.importorskip("icalendar", reason="the test extra installs icalendar")
    text = "Line one; with, commas\\and a backslash\nGrüße, été " + "é" * 80
    data = ics_calendar([{"uid": "1@x", "on": date(2026, 1, 5), "summary": "Nudge: Café, Ltd; Data",
                          "description": text}])
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    ev = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert str(ev["DESCRIPTION"]) == text and str(ev["SUMMARY"]) == "Nudge: Café, Ltd; Data"


def test_undated_items_are_left_out_of_the_calendar():
    import pandas as pd

    q = pd.DataFrame([{"app_id": 1, "kind": "nudge", "company": "A", "role": None, "due_on": None, "draft": "x"}])
    assert queue_events(q) == []


def test_cli_followups_json(tmp_path):
    db = tmp_path / "h.duckdb"
    src = tmp_path / "q.csv"
    src.write_bytes(QUEUE)

    def run(*a):
        return subprocess.run([sys.executable, "-m", "analysis", *a], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)

    assert run("import", str(src), "--db", str(db)).returncode == 0
    out = run("followups", "--db", str(db), "--lang", "de", "--as-of", "2025-07-01", "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert {tuple(sorted(i)) for i in items} == {("company", "draft", "due", "kind", "role")}
    assert {(i["kind"], i["company"], i["due"]) for i in items} == {
        ("thank_you", "Thanks", "2025-06-21"), ("ask_feedback", "AskWhy", "2025-06-27"),
        ("nudge", "Silent", "2025-05-01"), ("recontact", "Later", "2025-12-05")}
    assert all(i["company"] in i["draft"] and i["role"] in i["draft"] for i in items)
    assert "Mit freundlichen Grüßen" in items[0]["draft"]
    bad = run("followups", "--db", str(tmp_path / "none.duckdb"), "--json")
    assert bad.returncode == 2 and "import a file first" in bad.stderr
    rep = json.loads(run("report", "--db", str(db), "--json", "--as-of", "2025-07-01").stdout)
    assert isinstance(rep["fit_findings"], list)
