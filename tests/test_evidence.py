"""The evidence rules of design.md ("Evidence, strongest first"), each on a tiny file of our own: which column
decides, what a cell in a stage column means, and that every application says which cell decided it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from analysis.filters import Filters
from analysis.funnel import outcome_counts, stage_counts
from analysis.ingest.importer import ImportOptions, apply, import_file, inspect, plan_import
from analysis.ingest.read import BadInput
from tests.conftest import ROOT

AS_OF = date(2025, 6, 30)
OPTS = ImportOptions(as_of=AS_OF)


def apps(con) -> dict[str, tuple]:
    """company -> (furthest stage, outcome, outcome decided by, stage decided by)."""
    return {c: tuple(rest) for c, *rest in con.execute(
        "select company, stage, outcome, outcome_decided_by, stage_decided_by from applications order by app_id"
    ).fetchall()}


def test_a_count_of_zero_says_nothing_and_a_count_above_zero_is_reached(con):
    # a status-shaped log with a count column and prose about the calls (class 1 of issue 12)
    body = (b"Company,Role,Status,Calls,Call notes\n"
            b"Acme,Dev,Awaiting Response,0,\n"
            b"Beta,Dev,Awaiting Response,2,They asked about my last project and seemed keen on it\n"
            b"Gamma,Dev,Rejected,1,The recruiter was friendly but it did not go further than that\n"
            b"Delta,Dev,Awaiting Response,0,I have not heard anything from them since I sent it\n")
    plan = inspect(con, body, "log.csv", OPTS)
    assert plan.shape == "status" and plan.mapping["status"] == "Status"
    assert plan.stage_columns == {"Calls": "screen"} and plan.stage_kinds == {"Calls": "count"}
    assert "Call notes" not in plan.date_orders  # prose is never a date or a stage marker
    import_file(con, body, "log.csv", OPTS)
    got = apps(con)
    assert got["Acme"][:2] == ("applied", "active")
    assert got["Beta"][:2] == ("screen", "active") and got["Beta"][3] == "Calls = '2'"
    assert got["Gamma"][:2] == ("screen", "rejected") and got["Gamma"][2] == "Status = 'Rejected'"
    assert got["Delta"][1] != "rejected"


def test_a_count_column_of_only_zeros_says_nothing(con):
    # found by the property test: every call count 0 was read as a 0/1 column whose 0 ends every application
    body = b"Company,Role,Calls\n" + b"".join(f"Co {i},Dev,0\n".encode() for i in range(4))
    plan = inspect(con, body, "zeros.csv", OPTS)
    assert plan.stage_columns == {"Calls": "screen"}
    import_file(con, body, "zeros.csv", OPTS)
    assert {v[:2] for v in apps(con).values()} == {("applied", "active")}


def test_a_one_and_zero_column_reaches_on_one_and_never_ends_on_zero(con):
    # the property test's other case: calls 0, 0, 0, 1 (a count, or a 1/0 flag) ended three applications at 0
    body = b"Company,Role,Phone screen\nCo 1,Dev,1\nCo 2,Dev,0\nCo 3,Dev,1\nCo 4,Dev,0\n"
    plan = inspect(con, body, "flags.csv", OPTS)
    assert plan.stage_kinds == {"Phone screen": "marker"}  # a 1/0 column stays a yes/no column (an 'Offer' 1/0 too)
    import_file(con, body, "flags.csv", OPTS)
    got = apps(con)
    assert got["Co 1"][:2] == ("screen", "active") and got["Co 1"][3] == "Phone screen = '1'"
    assert got["Co 2"][:2] == ("applied", "active")


def test_an_offer_column_of_one_and_zero_is_the_offer_stage(con):
    body = b"Company,Role,Offer\nCo 1,Dev,1\nCo 2,Dev,0\nCo 3,Dev,0\nCo 4,Dev,0\n"
    plan = inspect(con, body, "offers.csv", OPTS)
    assert plan.stage_columns == {"Offer": "offer"}
    import_file(con, body, "offers.csv", OPTS)
    got = apps(con)
    assert got["Co 1"][0] == "offer" and got["Co 2"][:2] == ("applied", "active")


def test_the_ending_beats_the_beginning(con):
    body = (b"Company,Date,first_response,end_result\n"
            b"Acme,2025-01-02,Test,Rejected after the test\n"
            b"Beta,2025-01-03,Rejection,\n"
            b"Gamma,2025-01-04,,No reply\n"
            b"Delta,2025-01-05,Interview,Offer\n")
    plan = inspect(con, body, "two.csv", OPTS)
    assert plan.mapping["status"] == "end_result" and plan.mapping["first_response"] == "first_response"
    import_file(con, body, "two.csv", OPTS)
    got = apps(con)
    assert got["Acme"][1] == "rejected" and got["Acme"][2] == "end_result = 'Rejected after the test'"
    assert got["Beta"][1] == "rejected" and got["Beta"][2] == "first_response = 'Rejection'"  # the ending is blank
    assert got["Gamma"][1] == "ghosted"
    assert got["Delta"][:2] == ("offer", "active")
    steps = con.execute("""select e.stage from stage_events e join applications a using (app_id)
                           where a.company = 'Acme' order by 1""").fetchall()
    assert ("assessment",) in steps  # how it began is kept as a step


def test_same_company_on_different_dates_is_two_applications(con):
    body = (b"Company,Role,Date Applied,Notes\n"
            b"Acme,,2025-01-02,\n"
            b"Acme,,2025-03-01,my second application to them\n")
    res = import_file(con, body, "twice.csv", OPTS)
    assert res.applications_added == 2 and res.likely_duplicates == 0
    assert con.execute("select count(*) from applications where likely_duplicate_of is not null").fetchall() == [(0,)]


def test_a_stage_column_of_day_and_month_names_is_read(con):
    body = b"Company,Role,Applied,Phone screen,Interview\nAcme,Dev,1-Nov,3-Nov,10-Nov\nBeta,Dev,2-Nov,,\n"
    import_file(con, body, "nov.csv", ImportOptions(as_of=date(2025, 12, 1)))
    got = apps(con)
    assert got["Acme"][0] == "interview" and got["Beta"][0] == "applied"
    days = con.execute("""select e.stage, strftime(e.happened_on, '%m-%d') from stage_events e
                          join applications a using (app_id) where a.company = 'Acme'
                          order by e.happened_on""").fetchall()
    assert days == [("applied", "11-01"), ("screen", "11-03"), ("interview", "11-10")]


def test_a_column_of_sentences_about_the_ending_is_feedback(con):
    body = (b"Company,Role,Status,How it ended\n"
            b"Acme,Dev,Rejected,They closed it after the second call; they said they wanted someone with more "
            b"experience.\n"
            b"Beta,Dev,Rejected,We decided to move forward with another candidate whose background fits better.\n"
            b"Gamma,Dev,Applied,\n")
    plan = inspect(con, body, "ended.csv", OPTS)
    assert plan.mapping["feedback"] == "How it ended"
    import_file(con, body, "ended.csv", OPTS)
    from analysis.rejections import rejection_reasons

    reasons = rejection_reasons(con, Filters(as_of=AS_OF))
    assert "experience" in " ".join(str(v).lower() for v in reasons.astype(str).to_numpy().ravel())


@pytest.mark.parametrize("status,offer,stage,outcome", [
    ("Interview", "No", "interview", "active"),  # 'No' about an offer: no offer, not a rejection
    ("Ghosted", "No", "applied", "ghosted"),
    ("Interview", "Yes", "offer", "active"),
    ("Not Responded", "No", "applied", "ghosted"),  # a negation is never the thing it negates
])
def test_a_no_about_an_offer_is_no_offer(con, status, offer, stage, outcome):
    body = f"Company,Role,Status,Job Offer\nAcme,Dev,{status},{offer}\nBeta,Dev,Applied,No\n".encode()
    import_file(con, body, "offer.csv", OPTS)
    assert apps(con)["Acme"][:2] == (stage, outcome)
    assert apps(con)["Beta"][:2] == ("applied", "active")


def test_in_a_file_without_a_status_a_no_ends_it_there(con):
    body = (b"Company,Role,First,Tech,Final,Outcome\nA,Dev,Yes,No,No,No\nB,Dev,Yes,Yes,,\nC,Dev,,,,\n"
            b"D,Dev,Skip,Yes,No,No\n")
    plan = inspect(con, body, "steps.csv", OPTS)
    assert plan.shape == "stage_columns"
    assert plan.stage_columns == {"First": "screen", "Tech": "interview", "Final": "final", "Outcome": "offer"}
    import_file(con, body, "steps.csv", OPTS)
    got = apps(con)
    assert got["A"][:3] == ("screen", "rejected", "Outcome = 'No'")
    assert got["B"][:2] == ("interview", "active") and got["C"][:2] == ("applied", "active")
    assert got["D"][:2] == ("interview", "rejected")  # 'Skip' says nothing; Tech = Yes implies the first step


def test_a_repeated_header_is_warned_about(con):
    plan = inspect(con, b"Company,Role,Date,Date\nAcme,Dev,2025-01-02,2025-01-05\n", "rep.csv", OPTS)
    assert any("'Date' appears 2 times" in w for w in plan.warnings)


def test_drafts_are_kept_apart_and_out_of_every_count(con):
    rows = [f"C{i},Dev,2025-0{1 + i % 5}-1{i},{'rejected' if i % 2 else 'waiting'}" for i in range(8)]
    rows += ["D1,Dev,,open", "D2,Dev,,open"]
    body = ("Company,Role,Date applied,Status\n" + "\n".join(rows) + "\n").encode()
    plan = plan_import(con, body, "notes.csv", OPTS)
    assert plan.totals.applications == 8 and plan.totals.not_applications == 2
    apply(con, plan, OPTS)
    assert sum(outcome_counts(con, Filters(as_of=AS_OF)).values()) == 8
    assert apps(con)["D1"][1] == "not_applied"


def test_rows_holding_only_a_number_are_blank_and_a_summary_line_is_no_application(con):
    body = (b"Number,Company,Role,Status\n1,Acme,Dev,Applied\n2,Beta,Dev,Rejected\n3,,,\n4,,,\n5,,,\n6,,,\n"
            b",Applications sent: 2,,\n")
    res = import_file(con, body, "numbered.csv", OPTS)
    assert res.applications_added == 2 and res.rows_rejected == 1
    assert any("nothing but a number" in w for w in res.warnings)
    assert "summary line" in res.rejects[0]["reason"]


def test_a_figure_beside_its_name_under_the_table_is_a_summary_line(con):
    body = ("Entreprise,Poste,Date,Statut\nAcme,Analyste,2025-03-01,Refus\n"
            "Total Conseil,Analyste,2025-03-02,Entretien\n,,,\nTaux de réponse,43%,,\nCandidatures envoyées,23,,\n"
            "Response rate,~40 %,,\n").encode()
    res = import_file(con, body, "fr.csv", OPTS)
    assert set(apps(con)) == {"Acme", "Total Conseil"}  # a company named 'Total' with a job is an application
    assert [r["reason"] for r in res.rejects] == ["a summary line under the table, not an application"] * 3


def test_a_count_beside_a_stage_name_is_a_summary_line_and_a_total_row_says_nothing_of_the_columns(con):
    body = (b"Company,Role,Applied,Screen,Interview,Final,Status\n"
            b"Stripe,Data Engineer,2026-11-02,2026-11-05,2026-11-09,,Rejected\n"
            b"Robinhood,Data Engineer,2026-11-03,2026-11-06,2026-11-10,2026-11-16,Rejected\n"
            b"Marqeta,Data Engineer,2026-11-04,,,,In progress\nTOTAL,3,3,2,2,1,\n,,,,,,\nInterviews,2,,,,,\n")
    plan = plan_import(con, body, "t.csv", OPTS)
    # the TOTAL line's numbers do not make the date columns 'mixed': each is still a stage column
    assert set(plan.stage_columns) == {"Screen", "Interview", "Final"}
    res = apply(con, plan, OPTS)
    assert res.applications_added == 3 and res.rows_rejected == 2
    assert {c: s for c, (s, *_) in apps(con).items()} == {"Stripe": "interview", "Robinhood": "final",
                                                           "Marqeta": "applied"}


def test_a_no_about_an_offer_is_no_offer_not_a_rejection(con):
    body = (b"Company,Title,Applied,Interviews,Offer?,Still in process?\n"
            b"KPMG,Consultant,2026-11-02,1,N,Y\nBain,Associate,2026-11-03,0,N,Y\nEY,Analyst,2026-11-04,2,N,N\n")
    import_file(con, body, "o.csv", ImportOptions(as_of=date(2026, 11, 20)))
    got = apps(con)
    assert got["KPMG"][:2] == ("interview", "active") and got["Bain"][:2] == ("applied", "active")
    assert got["KPMG"][2] == "Still in process? = 'Y'"
    # no longer in process and no offer: it ended without one
    assert got["EY"][:3] == ("interview", "rejected", "Offer? = 'N'")


def test_the_plan_is_what_the_import_writes_and_what_the_report_finds(con):
    body = (b"Company,Role,Date applied,Status,Interview date\n"
            b"Acme,Dev,2025-05-02,Rejected,2025-05-10\nBeta,Dev,2025-06-20,Applied,\nGamma,Dev,2025-01-02,Applied,\n"
            b"Delta,Dev,2025-03-02,Offer,\n")
    plan = plan_import(con, body, "p.csv", OPTS)
    assert con.execute("select count(*) from applications").fetchall() == [(0,)]  # the plan writes nothing
    t = plan.totals
    assert t.outcomes["rejected"] == 1 and t.outcomes["ghosted"] == 1 and t.outcomes["active"] == 2
    assert t.reached == {"applied": 4, "screen": 2, "interview": 2, "final": 1, "offer": 1, "hired": 0}
    res = apply(con, plan, OPTS)
    assert res.outcomes == t.outcomes
    assert outcome_counts(con, Filters(as_of=AS_OF)) == {k: v for k, v in t.outcomes.items()} | {}
    assert list(stage_counts(con, Filters(as_of=AS_OF))["reached"]) == list(t.reached.values())


def test_apply_on_another_connection_works_the_plan_out_again(con, tmp_path):
    from analysis import store

    db = tmp_path / "h.duckdb"
    first = store.connect(db)
    plan = plan_import(first, b"Company,Status\nAcme,Rejected\nBeta,Applied\n", "a.csv", OPTS)
    cursor = first.cursor()  # a later page run has its own cursor: no temp tables of the first
    res = apply(cursor, plan, OPTS)
    assert res.applications_added == 2 and res.outcomes["rejected"] == 1


def test_most_rejected_without_a_word_is_asked_about(con):
    body = ("Company,Role,Calls\n" + "\n".join(f"C{i},Dev,N" for i in range(12)) + "\n").encode()
    body = body.replace(b"Calls", b"Phone screen")
    plan = plan_import(con, body, "n.csv", OPTS)
    assert plan.totals.outcomes["rejected"] == 12
    assert plan.totals.questions and "Phone screen = 'N'" in plan.totals.questions[0]


HOSTILE = ["it's", 'say "hi"', "a;b", "x -- y", "'); drop table applications; --"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_headers_and_labels_stay_text(con, text):
    quoted = '"' + text.replace('"', '""') + ' screen"'
    body = f'Company,Role,Status,{quoted}\nAcme,Dev,"{text.replace(chr(34), chr(34) * 2)}",yes\n'.encode()
    res = import_file(con, body, "h.csv", ImportOptions(as_of=AS_OF, mapping={f"stage:{text} screen": "screen"}))
    assert res.applications_added == 1
    got = apps(con)["Acme"]
    assert got[0] == "screen" and got[3] == f"{text} screen = 'yes'"
    assert con.execute("select count(*) from applications").fetchall() == [(1,)]


@pytest.mark.parametrize("mapping,why", [
    ({"stage:Nope": "screen"}, "does not have"),
    ({"stage:Phone": "screen'; drop table applications; --"}, "stages are"),
    ({"company": "Nope"}, "does not have"),
])
def test_a_mapping_that_does_not_fit_is_bad_input(con, mapping, why):
    with pytest.raises(BadInput, match=why):
        import_file(con, b"Company,Role,Phone\nAcme,Dev,yes\n", "m.csv", ImportOptions(mapping=mapping))
    assert con.execute("select count(*) from applications").fetchall() == [(0,)]


def test_cli_mapping_with_a_missing_header_exits_2_and_changes_nothing(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("Company,Role\nAcme,Dev\n")
    m = tmp_path / "m.json"
    m.write_text(json.dumps({"mapping": {"stage:Nope": "screen"}}))
    db = tmp_path / "h.duckdb"
    out = subprocess.run([sys.executable, "-m", "analysis", "import", str(f), "--mapping", str(m), "--db", str(db)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and "Nope" in out.stderr and "Traceback" not in out.stderr


def test_event_cells_beside_a_status_add_steps_and_the_status_decides(con):
    body = (b"Company,Role,Status,History\n"
            b"Acme,Dev,Rejected,2025-01-02|Applied;2025-01-09|Phone screen;2025-01-20|Technical interview\n"
            b"Beta,Dev,Applied,2025-02-01|Applied\n")
    plan = plan_import(con, body, "h.csv", OPTS)
    assert plan.shape == "status" and plan.mapping["event"] == "History"
    assert plan.totals.outcomes["rejected"] == 1 and plan.totals.reached["interview"] == 1
    apply(con, plan, OPTS)
    steps = con.execute("""select e.stage, e.happened_on::varchar from stage_events e join applications a using (app_id)
                           where a.company = 'Acme' and e.stage <> 'applied' order by 2""").fetchall()
    assert steps == [("screen", "2025-01-09"), ("interview", "2025-01-20")]


def test_a_typed_timeline_raises_the_stage_and_says_how_a_closed_one_ended(con):
    # 'Closed' closes without saying how: the timeline's last ending does; a status that says how keeps deciding
    body = (b"Company,Role,Applied,Status,Timeline\n"
            b"Acme,Dev,2025-09-01,Closed,9/9 recruiter call; 9/19 rejected\n"
            b"Beta,Dev,2025-09-03,In progress,9/10 phone screen; 9/20 onsite\n"
            b"Gamma,Dev,2025-12-20,Rejected,12/22 phone screen; 1/5 withdrew\n"
            b"Delta,Dev,2025-09-06,Closed,\n")
    plan = plan_import(con, body, "t.csv", ImportOptions(as_of=date(2026, 3, 1)))
    assert plan.shape == "status" and plan.timeline == "Timeline"
    assert plan.totals.reached["screen"] == 3 and plan.totals.reached["final"] == 1
    assert plan.totals.outcomes["rejected"] == 2 and plan.totals.outcomes["closed"] == 1
    apply(con, plan, ImportOptions(as_of=date(2026, 3, 1)))
    got = apps(con)
    assert got["Acme"][:2] == ("screen", "rejected")
    assert got["Acme"][2] == "Timeline = 'rejected' (where Status = 'Closed' does not say how)"
    assert got["Acme"][3] == "Timeline = 'recruiter call'"
    assert got["Beta"][:3] == ("final", "active", "Status = 'In progress'")
    assert got["Gamma"][:3] == ("screen", "rejected", "Status = 'Rejected'")
    assert got["Delta"][:3] == ("applied", "closed", "Status = 'Closed'")
    # every step is an event, dated in the year the application was made (a January after a December: the next)
    assert con.execute("select outcome_on::varchar from applications where company = 'Acme'").fetchone()[0] == \
        "2025-09-19"
    steps = con.execute("""select a.company, e.stage, e.happened_on::varchar from stage_events e
                           join applications a using (app_id) where e.stage <> 'applied' order by 1, 3""").fetchall()
    assert steps == [("Acme", "screen", "2025-09-09"), ("Beta", "screen", "2025-09-10"),
                     ("Beta", "final", "2025-09-20"), ("Gamma", "screen", "2025-12-22")]
    # the stage stored is the furthest of the events stored, for every application
    assert con.execute("""select count(*) from applications a where stage <> (select arg_max(stage, case stage
                          when 'applied' then 0 when 'screen' then 1 when 'interview' then 2 when 'final' then 3
                          when 'offer' then 4 else 5 end) from stage_events e where e.app_id = a.app_id
                          and e.stage <> 'assessment')""").fetchone()[0] == 0


def test_notes_say_how_a_closed_one_ended_and_otherwise_the_plan_asks(con):
    body = (b"Company,Role,Status,Notes\nAcme,Dev,Closed,Rejected after the phone screen\n"
            b"Beta,Dev,Closed,never heard back\nGamma,Dev,Archived,I withdrew - took another offer\n"
            b"Delta,Dev,Applied,rejected by the first recruiter I spoke to? waiting to hear\nEps,Dev,Closed,\n")
    plan = plan_import(con, body, "c.csv", OPTS)
    assert any("ended as their notes say" in n for n in plan.noticed)
    apply(con, plan, OPTS)
    got = apps(con)
    assert got["Acme"][:3] == ("screen", "rejected", "Status = 'Closed', and notes: 'Rejected after the phone screen'")
    assert got["Beta"][1] == "ghosted" and got["Gamma"][1] == "withdrawn" and got["Eps"][1] == "closed"
    assert got["Delta"][1:3] == ("active", "Status = 'Applied'")  # a status that says something keeps deciding
    con.execute("delete from stage_events; delete from applications")
    # where nothing says it ended, a sentence does not end it: the plan asks
    body = (b"Company,Role,Phone screen,Onsite,Notes\nMeta,SWE,Y,Y,rejected after onsite\n"
            b"Google,SWE,Y,,I pulled out - comp too low\nApple,iOS,,,\n")
    plan = plan_import(con, body, "s.csv", OPTS)
    assert any(q.startswith("2 application(s) have nothing that says they ended") for q in plan.totals.questions)
    apply(con, plan, OPTS)
    assert {c: o for c, (_, o, *_) in apps(con).items()} == {"Meta": "active", "Google": "active", "Apple": "active"}


def test_a_notes_column_of_sentences_is_no_timeline(con):
    body = (b"Company,Role,Status,Notes\nAcme,Dev,Applied,Phone screen went well 3/9\n"
            b"Beta,Dev,Applied,Recruiter call 3/10; they liked me\n")
    plan = plan_import(con, body, "n.csv", OPTS)
    assert plan.timeline is None and plan.mapping["notes"] == "Notes"


def test_the_demo_plan_is_what_the_report_finds(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    demo = str(ROOT / "data" / "demo_applications.csv")
    run = lambda *a: subprocess.run([sys.executable, "-m", "analysis", *a], capture_output=True, text=True,  # noqa: E731
                                    cwd=ROOT, timeout=180)
    imp = run("import", demo, "--db", db, "--json", "--as-of", "2026-11-01")
    assert imp.returncode == 0, imp.stderr
    plan = json.loads(imp.stdout)["imports"][0]
    rep = json.loads(run("report", "--db", db, "--json", "--as-of", "2026-11-01").stdout)
    assert plan["outcomes"] == rep["outcomes"] and sum(plan["outcomes"].values()) == rep["applications"] == 320
    assert plan["reached"] == {r["stage"]: r["reached"] for r in rep["funnel"]}


def test_a_blank_status_can_mean_no_answer_for_one_file(con):
    body = b"Company,Role,Date applied,Status\nAcme,Dev,2025-06-20,\nBeta,Dev,2025-06-21,Rejected\n"
    open_plan = plan_import(con, body, "b.csv", OPTS)
    assert open_plan.totals.outcomes["active"] == 1
    plan = plan_import(con, body, "b.csv", ImportOptions(as_of=AS_OF, blank_status_no_answer=True))
    assert plan.totals.outcomes["ghosted"] == 1 and plan.totals.outcomes["active"] == 0
    apply(con, plan, ImportOptions(as_of=AS_OF, blank_status_no_answer=True))
    assert apps(con)["Acme"][1:3] == ("ghosted", "'Status' is empty, which means no answer (your choice for this "
                                                 "file)")


def test_an_empty_row_of_stage_columns_can_mean_no_answer_and_undated_silence_is_asked_about(con):
    """A stage-column file with no dates: a row with every stage cell empty says nothing, and with no date nothing
    can ever call it silent. The plan asks; the person's answer makes those rows ghosted, and only those (a row a
    flag column ended, or with one stage reached, keeps its own reading)."""
    body = (b"Company,Phone Screen,Technical,Auto Rejected\n"
            b"Acme,,,\nBeta,,,\nGamma,-,,\nDelta,,,Y\nEpsilon,Y,,\n")
    plan = plan_import(con, body, "yn.csv", OPTS)
    assert plan.shape == "stage_columns" and plan.said_nothing == "a row with every stage column empty (or unticked)"
    assert plan.totals.outcomes["active"] == 4 and plan.totals.outcomes["rejected"] == 1
    assert any(q.startswith("3 of 5 applications record no answer and no date") for q in plan.totals.questions)
    chosen = ImportOptions(as_of=AS_OF, blank_status_no_answer=True)
    plan = plan_import(con, body, "yn.csv", chosen)
    assert plan.totals.outcomes == {**plan.totals.outcomes, "ghosted": 3, "rejected": 1, "active": 1}
    assert not any("no answer and no date" in q for q in plan.totals.questions)
    apply(con, plan, chosen)
    got = apps(con)
    assert got["Acme"][1:3] == ("ghosted", "every stage column is empty, which means no answer (your choice "
                                                "for this file)")
    assert got["Gamma"][1] == "ghosted"  # '-' is a missing marker: empty
    assert got["Delta"][1] == "rejected" and got["Epsilon"][:2] == ("screen", "active")


def test_a_dated_empty_status_is_not_asked_about_silence_measures_it(con):
    body = b"Company,Date applied,Status\nAcme,2025-01-02,\nBeta,2025-01-03,\nGamma,2025-01-04,\n"
    plan = plan_import(con, body, "s.csv", OPTS)
    assert plan.totals.outcomes["ghosted"] == 3
    assert not any("no answer and no date" in q for q in plan.totals.questions)
    undated = plan_import(con, b"Company,Status\nAcme,\nBeta,\nGamma,\nDelta,Rejected\n", "u.csv", OPTS)
    assert any(q.startswith("3 of 4 applications record no answer and no date") and "an empty 'Status'" in q
               for q in undated.totals.questions)


def test_an_offer_with_no_news_for_months_is_asked_about(con):
    body = (b"Company,Date applied,Status,Status date\n"
            b"Acme,2024-11-02,Offer,2024-12-01\nBeta,2025-05-01,Offer,2025-06-10\nGamma,2024-10-01,Hired,2024-11-01\n")
    plan = plan_import(con, body, "o.csv", OPTS)
    offers = [q for q in plan.totals.questions if "offer(s) have had no news" in q]
    assert offers == [offers[0]] and offers[0].startswith("1 offer(s) have had no news for more than 90 days, "
                                                          "the oldest (Acme) last dated 1 Dec 2024")


def test_one_filled_cell_does_not_overrule_a_header_that_names_the_field(con):
    """Found by the property test: a 'Company' column whose only filled cell is '0' (the rest '-') was taken for a
    yes/no column, and the file refused for having no company column."""
    res = import_file(con, b"Company,Status\n-,Applied\n-,Applied\n0,Applied\n", "thin.csv", options=OPTS)
    assert res.applications_added == 1
    assert con.execute("select company from applications").fetchall() == [("0",)]


def test_checkbox_columns_an_unticked_box_says_nothing_and_a_rejected_box_ends_it(con):
    """A Google Sheets tracker of checkboxes: FALSE is a box not ticked (yet), never 'ended here'; a column whose
    header names an ending ('Rejected') ends the application where it is ticked, and says nothing where not."""
    body = (b"Company,Position,Applied Date,Phone Screen,Technical Interview,Offer,Rejected\n"
            b"Acme,Dev,2025-06-02,TRUE,TRUE,FALSE,TRUE\n"
            b"Beta,Dev,2025-06-03,FALSE,FALSE,FALSE,FALSE\n"
            b"Gamma,Dev,2025-06-04,TRUE,TRUE,TRUE,FALSE\n")
    plan = inspect(con, body, "boxes.csv", OPTS)
    assert plan.stage_columns == {"Phone Screen": "screen", "Technical Interview": "interview", "Offer": "offer",
                                  "Rejected": "rejected"}
    import_file(con, body, "boxes.csv", options=OPTS)
    got = apps(con)
    assert got["Acme"][:3] == ("interview", "rejected", "Rejected = 'TRUE'")
    assert got["Beta"][:2] == ("applied", "active") and got["Gamma"][:2] == ("offer", "active")


def test_beside_a_column_of_rejections_a_steps_no_is_only_not_reached(con):
    """Yes/No columns with a 'Rejected?' of their own: 'Offer? = No' is no rejection where 'Rejected?' says No."""
    body = (b"Rejected?,Offer?,Interview?,Heard Back?,Date Applied,Company\n"
            b"Yes,No,Yes,Yes,2025-08-04,Meta\nNo,No,No,No,2025-08-05,J&J\nNo,No,Yes,Yes,2025-08-06,Acme\n")
    import_file(con, body, "yn.csv", options=OPTS)
    got = apps(con)
    assert got["Meta"][:3] == ("interview", "rejected", "Rejected? = 'Yes'")
    assert got["J&J"][:2] == ("applied", "active") and got["Acme"][:2] == ("interview", "active")


def test_a_date_in_a_column_named_for_an_ending_says_it_ended_and_when(con):
    body = (b"Company,Role,Date Applied,Interview Date,Date Rejected\n"
            b"Acme,Dev,2025-01-02,2025-01-10,2025-01-20\nBeta,Dev,2025-01-03,,\n")
    plan = inspect(con, body, "d.csv", OPTS)
    assert plan.stage_columns == {"Interview Date": "interview", "Date Rejected": "rejected"}
    import_file(con, body, "d.csv", options=OPTS)
    row = con.execute("select stage, outcome, outcome_on::varchar, outcome_decided_by from applications "
                      "where company = 'Acme'").fetchone()
    assert row == ("interview", "rejected", "2025-01-20", "Date Rejected = '2025-01-20'")
    # beside a status column, the same header is the date of the status, as before
    body = b"Company,Status,Rejection Date\nAcme,Rejected,2025-01-20\nBeta,Applied,\n"
    plan = inspect(con, body, "s.csv", OPTS)
    assert plan.mapping.get("status_date") == "Rejection Date" and not plan.stage_columns
    # with no status column, it says how it ended
    plan = inspect(con, b"Company,Role,Rejection Date\nAcme,Dev,2025-01-20\nBeta,Dev,\n", "n.csv", OPTS)
    assert plan.stage_columns == {"Rejection Date": "rejected"} and "status_date" not in plan.mapping


def test_an_ending_column_can_be_chosen_or_unchosen_by_the_person(con):
    body = b"Company,Role,Screen,Dropped\nAcme,Dev,Y,Y\nBeta,Dev,Y,\n"
    plan = plan_import(con, body, "c.csv", ImportOptions(as_of=AS_OF, mapping={"stage:Dropped": "withdrawn"}))
    assert plan.stage_columns["Dropped"] == "withdrawn" and plan.totals.outcomes["withdrawn"] == 1
    with pytest.raises(BadInput, match="or how it ended: rejected, ghosted, withdrawn"):
        inspect(con, body, "c.csv", ImportOptions(as_of=AS_OF, mapping={"stage:Dropped": "lost"}))


def test_a_declined_column_is_the_candidates_own_no_as_in_a_status_label(con):
    body = b"Company,Role,Phone Screen,Declined\nAcme,Dev,Y,Y\nBeta,Dev,Y,\n"
    plan = plan_import(con, body, "d.csv", OPTS)
    assert plan.stage_columns["Declined"] == "withdrawn" and plan.totals.outcomes["withdrawn"] == 1


@pytest.mark.parametrize("header, legend", [
    ("Stage (1=applied 2=screen 3=interview 4=final 5=offer)",
     {"1": "applied", "2": "screen", "3": "interview", "4": "final", "5": "offer"}),
    ("Status: 0 - no reply, 1 - rejected, 2 - interview", {"0": "no reply", "1": "rejected", "2": "interview"}),
    ("Progress [1: Applied; 2: Phone screen; 3: Onsite]", {"1": "Applied", "2": "Phone screen", "3": "Onsite"}),
    ("Stufe (1 = beworben, 2 = Gespräch)", {"1": "beworben", "2": "Gespräch"}),
    ("Salary (1-2k)", {}), ("Round 1: phone", {}), ("Rating (1=low 5=high)", {}), ("Stage", {}),
])
def test_a_header_can_carry_the_legend_of_its_numbers(header, legend):
    from analysis.ingest.columns import header_legend

    assert header_legend(header) == legend


def test_numbers_explained_by_the_header_are_how_far_it_got_beside_the_result(con):
    body = (b"Company,Role,Applied,Stage (1=applied 2=screen 3=interview 4=final 5=offer),Result\n"
            b"Acme,Analyst,2025-03-01,1,rejected\nBeta,Analyst,2025-03-02,3,rejected\n"
            b"Gamma,Analyst,2025-03-03,5,declined\nDelta,Analyst,2025-03-04,2,\nEpsilon,Analyst,2025-03-05,4,rejected\n")
    h = "Stage (1=applied 2=screen 3=interview 4=final 5=offer)"
    plan = plan_import(con, body, "coded.csv", OPTS)
    assert plan.mapping["status"] == "Result" and plan.mapping["first_response"] == h
    assert not plan.stage_columns  # the 'offer' in its legend does not make it an offer column
    three = next(lab for lab in plan.labels if lab.label == "3")
    assert (three.stage, three.known, three.rule) == ("interview", True, f"'3' = 'interview' by the legend in the "
                                                                         f"header '{h}'")
    import_file(con, body, "coded.csv", OPTS)
    got = apps(con)
    assert got["Acme"][:2] == ("applied", "rejected")
    assert got["Beta"][:3] == ("interview", "rejected", "Result = 'rejected'") and got["Beta"][3] == f"{h} = '3'"
    assert got["Gamma"][:2] == ("offer", "offer_declined")  # the candidate's no after an offer declines it
    assert got["Delta"][:2] == ("screen", "active") and got["Epsilon"][:2] == ("final", "rejected")


def test_a_coded_column_alone_is_the_status(con):
    body = (b"Company,Role,Progress (0=no reply 1=rejected 2=interview)\n"
            b"Acme,Dev,0\nBeta,Dev,1\nGamma,Dev,2\nDelta,Dev,0\n")
    import_file(con, body, "alone.csv", OPTS)
    got = apps(con)
    assert got["Acme"][1] == "ghosted" and got["Beta"][1] == "rejected" and got["Gamma"][:2] == ("interview", "active")


def test_numbers_with_no_legend_are_asked_about_not_guessed(con):
    body = b"Company,Role,Stage\nAcme,Dev,1\nBeta,Dev,3\nGamma,Dev,5\nDelta,Dev,2\n"
    r = import_file(con, body, "plain.csv", OPTS)
    assert any(w.startswith("The status column holds numbers ('1', '2', '3', '5') and its header does not say what "
                            "they mean") for w in r.warnings)
    assert apps(con)["Beta"][:3] == ("applied", "active", "Stage = '3', a label Hindsight does not know (still open "
                                                          "until you say what it means)")
    # the person says what they mean, and the import follows
    con2 = __import__("analysis.store", fromlist=["connect"]).connect(":memory:")
    import_file(con2, body, "plain.csv", ImportOptions(as_of=AS_OF, labels={"3": ("interview", "rejected")}))
    assert apps(con2)["Beta"][:2] == ("interview", "rejected")


def test_a_withdrawal_after_an_offer_is_a_declined_offer(con):
    body = b"Company,Role,Status,Offer\nAcme,Dev,Withdrew,Y\nBeta,Dev,Withdrew,\n"
    import_file(con, body, "w.csv", OPTS)
    got = apps(con)
    assert got["Acme"][:2] == ("offer", "offer_declined") and got["Beta"][:2] == ("applied", "withdrawn")


def test_section_headings_between_the_rows_are_their_status(con):
    """No status column: the list is grouped under headings ('REJECTED (2)'), and each row has its heading's status."""
    body = (b"Company,Role,Date Applied,Notes\nZeta,Analyst,2025-01-01,\nREJECTED (2),,,\nAcme,Analyst,2025-01-02,\n"
            b"Beta,BI Developer,2025-01-03,\nNO RESPONSE (2),,,\nGamma,Analyst,2025-01-04,\nDelta,Analyst,2025-01-05,\n"
            b"INTERVIEWING,,,\nEpsilon,Data Analyst,2025-01-06,\n")
    plan = plan_import(con, body, "grouped.csv", OPTS)
    assert plan.sections and plan.totals.outcomes["rejected"] == 2
    res = import_file(con, body, "grouped.csv", OPTS)
    got = apps(con)
    assert set(got) == {"Zeta", "Acme", "Beta", "Gamma", "Delta", "Epsilon"}  # no heading is an application
    assert got["Acme"][1:3] == ("rejected", "the section heading 'REJECTED' above it")
    assert got["Gamma"][1] == "ghosted" and got["Epsilon"][:2] == ("interview", "active")
    assert got["Zeta"][:2] == ("applied", "active")  # above the first heading: no status
    assert [(r["line"], r["reason"]) for r in res.rejects] == [
        (3, "a section heading: the rows under it are read as 'REJECTED'"),
        (6, "a section heading: the rows under it are read as 'NO RESPONSE'"),
        (9, "a section heading: the rows under it are read as 'INTERVIEWING'")]
    assert res.rows_read == 9 and res.applications_added == 6 and res.rows_rejected == 3


def test_a_company_alone_on_its_row_is_no_section_heading(con):
    body = b"Company,Role,Date Applied\nAcme,,\nBeta,Analyst,2025-01-02\nGamma,,\nDelta,Analyst,2025-01-03\n"
    plan = plan_import(con, body, "lone.csv", OPTS)
    assert not plan.sections and plan.totals.applications == 4
