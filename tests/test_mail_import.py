"""A mailbox imported: only job mail stored, once per Message-ID; proposals applied only when accepted; the
person's choices stick on re-import; the CLI's JSON and its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis import store
from analysis.ingest.importer import import_file
from analysis.mail import importer as mi
from analysis.rejections import rejection_reasons
from tests.conftest import ROOT
from tests.mail_fixtures import eml, mbox, real_mail  # noqa: F401 (a fixture)

ACK = eml("Thank you for applying to Northwind",
          "Thank you for applying to Northwind! We have received your application "
          "for the Data Engineer position.", sender="Northwind Recruiting <no-reply@greenhouse.io>", mid="<ack@t>",
          date="Mon, 03 Mar 2025 09:00:00 +0000")
INVITE = eml("Northwind: next steps",
             "Hi Sam, thanks for applying to Northwind. We would like to invite you to a video "
             "interview with the hiring manager.", sender="Northwind Recruiting <no-reply@greenhouse.io>",
             mid="<inv@t>",
             date="Mon, 10 Mar 2025 09:00:00 +0000")
REJECT = eml("Your application to Northwind", "Dear Sam,\n\nThank you for your interest in Northwind. After careful "
             "consideration, we will not be moving forward with your application. We were looking for more experience "
             "with Spark.\n\nWe will keep your resume on file.\n\nBest regards,\nNorthwind Talent",
             sender="Northwind Talent <no-reply@greenhouse.io>", mid="<rej@t>", date="Mon, 24 Mar 2025 09:00:00 +0000")
NEWS = [eml(f"Weekly digest {i}", "Ten tips for your garden. Read online | Unsubscribe", sender="news@garden.test",
            mid=f"<news{i}@t>") for i in range(5)]


def test_only_job_mail_is_stored_and_nothing_applies_until_accepted(con):
    r = mi.import_mail(con, mbox(ACK, INVITE, REJECT, *NEWS), "inbox.mbox")
    assert (r.messages_read, r.job_messages, r.other_dropped) == (8, 3, 5)
    assert r.by_kind == {"application_received": 1, "interview_invite": 1, "rejection": 1}
    assert r.proposals == {"new_application": 1, "stage_event": 1, "rejection": 1}
    assert con.execute("select count(*) from messages").fetchall()[0][0] == 3
    assert con.execute("select count(*) from applications").fetchall()[0][0] == 0  # nothing applied yet


def test_accepting_builds_the_application_its_interview_and_its_rejection(con):
    mi.import_mail(con, mbox(ACK, INVITE, REJECT), "inbox.mbox", accept="all")
    (app_id, company, outcome, outcome_on, feedback), = con.execute(
        "select app_id, company, outcome, outcome_on::varchar, feedback from applications").fetchall()
    assert company == "Northwind" and outcome == "rejected" and outcome_on == "2025-03-24"
    assert "more experience with Spark" in feedback and "resume on file" not in feedback and "Dear" not in feedback
    stages = [s for (s,) in con.execute("select stage from stage_events where app_id = ? order by happened_on",
                                        [app_id]).fetchall()]
    assert stages == ["applied", "interview"]
    df = rejection_reasons(con)
    assert df.iloc[0]["reason"] in ("skills_gap", "experience_level") and df.iloc[0]["actionable"]


def test_the_same_mailbox_twice_adds_nothing(con):
    data = mbox(ACK, INVITE, REJECT, *NEWS)
    mi.import_mail(con, data, "inbox.mbox", accept="confident")
    counts = "select (select count(*) from messages), (select count(*) from applications)"
    before = con.execute(counts).fetchall()
    r = mi.import_mail(con, data, "inbox.mbox", accept="confident")
    assert r.job_messages == 0 and r.duplicates_skipped == 3 and r.accepted == 0
    after = con.execute(counts).fetchall()
    assert before == after


def test_choices_stick_on_reimport(con):
    data = mbox(ACK, INVITE, REJECT)
    mi.import_mail(con, data, "inbox.mbox")
    mi.reject_proposal(con, "<rej@t>")
    mi.not_job_related(con, "<inv@t>")
    mi.import_mail(con, data, "inbox.mbox", accept="all")
    got = dict(con.execute("select message_id, status from messages").fetchall())
    assert got == {"<ack@t>": "proposed", "<rej@t>": "rejected", "<inv@t>": "not_job"}
    assert con.execute("select body_text from messages where message_id = '<inv@t>'").fetchall()[0][0] is None


def test_a_rejection_matches_the_spreadsheet_application_by_fuzzy_company(con):
    import_file(con, b"Company,Role,Date Applied,Status\nNorthwind Inc.,Data Engineer,2025-03-01,Applied\n"
                     b"Southwind,Analyst,2025-03-01,Applied\n", "t.csv")
    r = mi.import_mail(con, mbox(REJECT), "inbox.mbox", accept="confident")
    assert r.accepted == 1 and r.applications_added == 0
    assert con.execute("select company, outcome from applications order by company").fetchall() == [
        ("Northwind Inc.", "rejected"), ("Southwind", "active")]


def test_reassign_moves_the_proposal(con):
    import_file(con, b"Company,Role\nAcme,Dev\nNorthwind,Data Engineer\n", "t.csv")
    mi.import_mail(con, mbox(REJECT), "inbox.mbox")
    acme = con.execute("select app_id from applications where company = 'Acme'").fetchall()[0][0]
    mi.reassign(con, "<rej@t>", acme)
    mi.accept_proposals(con, ["<rej@t>"])
    assert con.execute("select outcome from applications where app_id = ?", [acme]).fetchall()[0][0] == "rejected"


def test_a_mailbox_of_only_newsletters_stores_nothing(con):
    r = mi.import_mail(con, mbox(*NEWS), "news.mbox", accept="all")
    assert r.job_messages == 0 and r.other_dropped == 5 and r.proposals == {}
    assert con.execute("select count(*) from messages").fetchall()[0][0] == 0


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_json_keeps_every_import_key_and_adds_the_mail_ones(tmp_path):
    box = tmp_path / "inbox.mbox"
    box.write_bytes(mbox(ACK, REJECT, *NEWS))
    csv = tmp_path / "t.csv"
    csv.write_text("Company,Role\nAcme,Dev\n")
    out = _cli("import", str(csv), str(box), "--db", str(tmp_path / "h.duckdb"), "--json", "--accept", "confident")
    assert out.returncode == 0, out.stderr
    entries = json.loads(out.stdout)["imports"]
    assert len(entries) == 2
    common = {"file", "format", "shape", "rows_read", "applications_added", "applications_updated",
              "duplicates_skipped",
              "rows_rejected", "rejects", "warnings", "unmapped_labels"}
    assert all(common <= set(e) for e in entries)
    mail = entries[1]
    assert {"messages_read", "job_messages", "by_kind", "proposals", "needs_review"} <= set(mail)
    assert mail["messages_read"] == 7 and mail["job_messages"] == 2 and mail["proposals"]["rejection"] == 1


@pytest.mark.parametrize("data,name", [(b"", "empty.mbox"), (b"From x@y Mon Jan  1 00:00:00 2024\nFrom: a", "cut.mbox"),
                                       (b"not, mail\n1,2\n", "notmail.eml")])
def test_cli_bad_mail_exits_2_and_leaves_the_database_alone(tmp_path, data, name):
    db = tmp_path / "h.duckdb"
    good = tmp_path / "t.csv"
    good.write_text("Company,Role\nAcme,Dev\n")
    assert _cli("import", str(good), "--db", str(db)).returncode == 0
    bad = tmp_path / name
    bad.write_bytes(data)
    out = _cli("import", str(good), str(bad), "--db", str(db))
    assert out.returncode == 2 and out.stderr.startswith("hindsight: ") and len(out.stderr.strip().splitlines()) == 1
    con = store.connect(db)
    assert con.execute("select count(*) from imports").fetchall()[0][0] == 1
    con.close()


def test_real_mailbox_import_and_reimport(real_mail, con):  # noqa: F811 (the fixture imported above)
    r = mi.import_mail(con, real_mail / "dev_inbox.mbox", accept="confident")
    assert r.messages_read == 256 and r.job_messages + r.other_dropped == 256
    again = mi.import_mail(con, real_mail / "dev_inbox.mbox", accept="confident")
    assert again.job_messages == 0 and again.accepted == 0


def test_reading_and_importing_mail_makes_no_network_request(con, monkeypatch):
    """Every socket connection and name lookup fails loudly here: the mail import must not need one."""
    import socket

    def refuse(*a, **k):
        raise AssertionError(f"network request attempted: {a[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = eml("Northwind", "", mid="<h@t>", html="<p>We regret to inform you. <img src='https://tracker.test/p.gif'>"
                                                  "<a href='https://northwind.test'>jobs</a></p>")
    r = mi.import_mail(con, mbox(ACK, INVITE, REJECT, html, *NEWS), "inbox.mbox", accept="all")
    assert r.job_messages == 4


def test_days_to_answer_are_measured_from_the_mail(con):
    """Timeline's days to a first answer: an application from the sheet, its answer from mail (dated by the mail),
    and an application the mail itself added (applied on the confirmation's day, answered on the rejection's)."""
    from datetime import date

    from analysis.filters import Filters
    from analysis.timing import first_responses, median_days_to_first_response

    import_file(con, b"Company,Role,Date Applied,Status\nSouthwind,Analyst,2025-03-01,Applied\n", "t.csv")
    south = eml("Your application to Southwind", "Dear Sam,\n\nAfter careful consideration, we will not be moving "
                "forward with your application.\n\nBest regards,\nSouthwind", sender="Southwind <jobs@southwind.test>",
                mid="<south@t>", date="Thu, 13 Mar 2025 09:00:00 +0000")
    mi.import_mail(con, mbox(ACK, REJECT, south), "inbox.mbox", accept="all")
    f = Filters(as_of=date(2025, 6, 1))
    got = first_responses(con, f).set_index("company")["days"].to_dict()
    assert got == {"Southwind": 12, "Northwind": 21}  # 03-01 -> 03-13 (mail); 03-03 -> 03-24 (both mail)
    assert median_days_to_first_response(con, f) == 16.5


def test_the_mentor_report_says_how_many_outcomes_came_from_mail(con):
    from analysis.export import html_report

    import_file(con, b"Company,Role,Date Applied,Status\nAcme,Dev,2025-03-01,Rejected\n", "t.csv")
    assert mi.mail_outcomes(con) == 0 and "came from mail" not in html_report(con)
    mi.import_mail(con, mbox(ACK, REJECT), "inbox.mbox", accept="all")
    assert mi.mail_outcomes(con) == 1
    page = html_report(con)
    assert "1 of these outcomes came from mail" in page and "own tracker and mail" in page
