"""Which column names the job and which the company, where the header does not say: a title column under another
name (Notion's and Airtable's 'Name'), a 'Name' that holds the company, and one column holding both."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.ingest.importer import ImportOptions, import_file, inspect, plan_import
from analysis.ingest.values import job_and_company

OPTS = ImportOptions(as_of=date(2025, 6, 30))


def names(con) -> list[tuple]:
    return con.execute("select company, role from applications order by app_id").fetchall()


@pytest.mark.parametrize("cell,parts", [
    ("Data Engineer @ Acme", ("Data Engineer", "Acme")),
    ("Barista @ Starbucks", ("Barista", "Starbucks")),  # '@' says it whatever the job
    ("Analytics Engineer at Beta Labs", ("Analytics Engineer", "Beta Labs")),
    ("Gamma Inc - Data Analyst", ("Data Analyst", "Gamma Inc")),
    ("Software Engineer - Platform", None),  # a job and its team (beside a company column)
    ("Data at Scale", None),  # 'at' only after a job title
    ("Acme", None),
])
def test_a_cell_with_the_job_and_the_company(cell, parts):
    assert job_and_company(cell) == parts


def test_a_name_column_of_job_titles_is_the_role(con):
    body = (b"Name,Company,Status\nSenior Data Engineer,Acme,Applied\nAnalytics Engineer,Beta,Rejected\n"
            b"Product Designer,Gamma,Applied\n")
    plan = inspect(con, body, "airtable.csv", OPTS)
    assert plan.mapping["role"] == "Name" and plan.reasons["role"] == "its cells are job titles"
    import_file(con, body, "airtable.csv", options=OPTS)
    assert names(con) == [("Acme", "Senior Data Engineer"), ("Beta", "Analytics Engineer"),
                          ("Gamma", "Product Designer")]


def test_a_name_column_beside_job_titles_is_the_company(con):
    body = (b"Name,Position,Status\nAcme Corp,Data Engineer,Applied\nBeta Labs,Analyst,Rejected\n"
            b"Gamma,Designer,Applied\n")
    plan = inspect(con, body, "notion.csv", OPTS)
    assert plan.mapping["company"] == "Name" and plan.mapping["role"] == "Position"
    import_file(con, body, "notion.csv", options=OPTS)
    assert names(con)[0] == ("Acme Corp", "Data Engineer")


def test_one_column_with_the_job_and_the_company_is_split_and_the_plan_says_so(con):
    body = (b"Name,Status,Applied\nData Engineer @ Acme,Applied,2025-01-02\nAnalytics Engineer at Beta Labs,Rejected,"
            b"2025-01-04\nGamma Inc - Data Analyst,Applied,2025-01-05\nJust a note,Applied,2025-01-06\n")
    plan = inspect(con, body, "n.csv", OPTS)
    assert plan.mapping["company"] == plan.mapping["role"] == "Name"
    res = import_file(con, body, "n.csv", options=OPTS)
    assert names(con) == [("Acme", "Data Engineer"), ("Beta Labs", "Analytics Engineer"), ("Gamma Inc", "Data Analyst"),
                          (None, "Just a note")]
    assert any(w.startswith("'Name' holds the job and the company together: read as job and company in 3 row(s)")
               for w in res.warnings)


def test_a_role_column_of_jobs_and_teams_is_not_split(con):
    body = (b"Role,Status\nSoftware Engineer - Platform,Applied\nData Engineer - Growth,Rejected\n"
            b"Designer - Mobile,Applied\n")
    plan = inspect(con, body, "r.csv", OPTS)
    assert "company" not in plan.mapping


def test_headers_in_other_languages_and_year_first_dates_with_slashes(con):
    body = (b"Empresa,Puesto,Fecha,Estado\nAcme,Analista,2025/03/14,Rechazado\nBeta,Ingeniero,14-Mar-2025,Entrevista\n"
            b"Gamma,Desarrollador,2025/04/20,Sin respuesta\n")
    plan = inspect(con, body, "es.csv", OPTS)
    assert plan.mapping == {"company": "Empresa", "role": "Puesto", "applied_on": "Fecha", "status": "Estado"}
    import_file(con, body, "es.csv", options=OPTS)
    got = con.execute("select company, applied_on::varchar, stage, outcome from applications order by app_id")
    got = got.fetchall()
    assert got == [("Acme", "2025-03-14", "applied", "rejected"), ("Beta", "2025-03-14", "interview", "active"),
                   ("Gamma", "2025-04-20", "applied", "ghosted")]
    body = b"Azienda,Ruolo,Data,Stato\nAcme,Analista,2025.03.14,Applied\nBeta,Sviluppatore,Fri 14 Mar 2025,Applied\n"
    assert inspect(con, body, "it.csv", OPTS).mapping == {"company": "Azienda", "role": "Ruolo", "applied_on": "Data",
                                                          "status": "Stato"}


@pytest.mark.parametrize("text, encoding, mapping, outcomes", [
    ("Företag;Tjänst;Ansökningsdatum;Status;Lön;Anteckningar\nSpotify;Dataanalytiker;2025-03-01;Avslag;45 000 kr;\n"
     "Klarna;Analytiker;2025-03-04;Inget svar;;\nIKEA;BI-utvecklare;2025-03-06;Intervju;;bra samtal\n"
     "Volvo;Analytiker;2025-03-07;Erbjudande;;\nH&M;Analytiker;2025-03-09;Drog tillbaka;;\n", "utf-8",
     {"company": "Företag", "role": "Tjänst", "applied_on": "Ansökningsdatum", "status": "Status", "salary": "Lön",
      "notes": "Anteckningar"},
     [("applied", "rejected"), ("applied", "ghosted"), ("interview", "active"), ("offer", "active"),
      ("applied", "withdrawn")]),
    # Polish in Windows-1250, as Excel on a Polish Windows saves it: 'ł' and 'ż' are letters, not '³' and '¿'
    ("Firma;Stanowisko;Data złożenia;Status;Wynagrodzenie;Uwagi\nOrlen;Analityk;2025-03-01;Odrzucono;12 000 zł;\n"
     "Żabka;Księgowa;2025-03-04;Brak odpowiedzi;;\nAllegro;Analityk danych;2025-03-06;Rozmowa rekrutacyjna;;\n"
     "PKO;Analityk;2025-03-07;Oferta;;\nMbank;Analityk;2025-03-09;Wycofano;;\n", "cp1250",
     {"company": "Firma", "role": "Stanowisko", "applied_on": "Data złożenia", "status": "Status",
      "salary": "Wynagrodzenie", "notes": "Uwagi"},
     [("applied", "rejected"), ("applied", "ghosted"), ("interview", "active"), ("offer", "active"),
      ("applied", "withdrawn")]),
    ("Unternehmen,Stelle,Datum,Status,Gehaltsvorstellung\nSAP,Analyst,01.03.2025,Telefoninterview,60k\n"
     "Siemens,Analyst,04.03.2025,2. Gespräch,\nBosch,Analyst,06.03.2025,Absage nach 2. Gespräch,\n", "utf-8",
     {"company": "Unternehmen", "role": "Stelle", "applied_on": "Datum", "status": "Status",
      "salary": "Gehaltsvorstellung"},
     [("screen", "active"), ("interview", "active"), ("interview", "rejected")]),
])
def test_swedish_polish_and_german_trackers(con, text, encoding, mapping, outcomes):
    data = text.encode(encoding)
    assert inspect(con, data, "t.csv", OPTS).mapping == mapping
    import_file(con, data, "t.csv", options=OPTS)
    got = con.execute("select company, stage, outcome from applications order by app_id").fetchall()
    assert [(s, o) for _, s, o in got] == outcomes
    assert got[1][0] in ("Klarna", "Żabka", "Siemens")  # the letters read as the file wrote them


def test_a_trello_card_holds_the_company_and_the_job_with_a_dash(con):
    # a board export: no company column, each card 'Company - Job'; its timestamps are ISO with a time
    body = ("Card Name,List Name,Start Date,Last Activity Date\n"
            "Datadog - Site Reliability Engineer,Applied,2025-11-03T09:00:00.000Z,2025-11-12T15:22:10.000Z\n"
            "Elastic \u2013 SRE,Rejected,2025-11-04T09:00:00.000Z,2025-11-13T15:22:10.000Z\n"
            "Stripe - Data Analyst,Phone Screen,2025-11-05T09:00:00.000Z,2025-11-14T15:22:10.000Z\n"
            "Backend Engineer - GitHub,Applied,2025-11-06T09:00:00.000Z,2025-11-15T15:22:10.000Z\n"
            "Grafana Labs - Senior SRE,Applied,2025-11-07T09:00:00.000Z,2025-11-16T15:22:10.000Z\n").encode()
    plan = inspect(con, body, "trello.csv", OPTS)
    assert plan.mapping["company"] == plan.mapping["role"] == "Card Name"
    # a 'Start Date' dated on every card is no job's start (the hired step): it is when the card began
    assert plan.stage_columns == {} and plan.mapping["applied_on"] == "Start Date"
    assert plan.mapping["status_date"] == "Last Activity Date"
    import_file(con, body, "trello.csv", options=OPTS)
    assert names(con) == [("Datadog", "Site Reliability Engineer"), ("Elastic", "SRE"), ("Stripe", "Data Analyst"),
                          ("GitHub", "Backend Engineer"), ("Grafana Labs", "Senior SRE")]
    assert con.execute("select min(applied_on)::varchar from applications").fetchone()[0] == "2025-11-03"


def test_a_start_date_on_few_rows_is_the_hired_step(con):
    body = (b"Company,Role,Status,Start Date\nA,Analyst,Rejected,\nB,Analyst,Rejected,\nC,Analyst,Applied,\n"
            b"D,Analyst,Offer accepted,2025-07-01\nE,Analyst,Rejected,\n")
    assert inspect(con, body, "t.csv", OPTS).stage_columns == {"Start Date": "hired"}


def test_no_company_column_is_a_question_before_the_import(con):
    # Estonian, which Hindsight does not know the names of
    body = "Ettevõte\tAmet\tStatus\nBolt\tData Analyst\tApplied\nWise\tData Scientist\tRejected\n".encode()
    plan = plan_import(con, body, "et.tsv", OPTS)
    assert plan.totals.questions[0].startswith("No column was read as the company")
    assert "'Ettevõte'" in plan.totals.questions[0]


def test_a_job_column_that_also_names_the_company_is_split_and_the_plan_says_so(con):
    """Half the cells plainly hold both ('Stripe | Backend Engineer', 'Product Designer at Figma'): the column is
    read as both, dashes too, and the plan says how to undo it."""
    body = (b"Job,Applied,Stage\nSenior Data Analyst - Spotify,2025-09-01,Round 2\n"
            b"Stripe | Backend Engineer,2025-09-03,Rejected\nProduct Designer at Figma,2025-09-08,Round 1\n"
            b"Analytics Engineer - GoCardless,2025-09-09,Applied\n")
    plan = plan_import(con, body, "j.csv", OPTS)
    assert plan.mapping.get("role") == plan.mapping.get("company") == "Job"
    import_file(con, body, "j.csv", ImportOptions(as_of=date(2025, 12, 1)))
    assert names(con) == [("Spotify", "Senior Data Analyst"), ("Stripe", "Backend Engineer"),
                          ("Figma", "Product Designer"), ("GoCardless", "Analytics Engineer")]


def test_a_job_column_with_few_plain_companies_is_a_question_with_the_way_to_split_it(con):
    body = (b"Job,Applied,Stage\nSenior Data Analyst - Spotify,2025-09-01,Round 2\n"
            b"Backend Engineer,2025-09-03,Rejected\nProduct Designer at Figma,2025-09-08,Round 1\n"
            b"Analytics Engineer - GoCardless,2025-09-09,Applied\nData Engineer,2025-09-10,Applied\n"
            b"Software Engineer - Platform,2025-09-11,Applied\nSRE,2025-09-12,Applied\n")
    plan = plan_import(con, body, "j.csv", OPTS)
    assert plan.mapping.get("role") == "Job" and "company" not in plan.mapping
    assert plan.totals.questions[0].startswith("No column was read as the company")


def test_a_column_named_close_to_status_is_one_only_if_it_holds_statuses(con):
    # a stats block beside the table ('Stats': Applications, Responses, Offers) is no status column
    body = (b"Company,Role,Status of app,Stats,n\nAcme,Dev,Rejected,Applications,12\nBeta,Dev,Interview,Responses,5\n"
            b"Gamma,Dev,Applied,Offers,1\nDelta,Dev,Applied,,\n")
    assert inspect(con, body, "s.csv", OPTS).mapping.get("status") != "Stats"
    # the same beside stage columns, where no other column holds statuses: a block of figures is no status
    body = (b"Company,Role,Interview,Offer,,Stats,\nPinterest,Analyst,FALSE,FALSE,,Applied,9\nSnap,Analyst,TRUE,FALSE,,"
            b"Responses,6\nReddit,Analyst,TRUE,FALSE,,Interviews,4\nLyft,Analyst,TRUE,FALSE,,Offers,1\n"
            b"Uber,Analyst,FALSE,FALSE,,Rejections,3\nLinkedIn,Analyst,FALSE,FALSE,,,\n")
    assert "status" not in inspect(con, body, "side.csv", OPTS).mapping
    body = b"Company,List Name\nAcme,Rejected\nBeta,Applied\nGamma,Wishlist\n"  # the list of a Trello card
    assert inspect(con, body, "t.csv", OPTS).mapping.get("status") == "List Name"


def test_open_applications_with_no_date_are_asked_about(con):
    body = b"Company,Role,Status\nA,Analyst,Applied\nB,Analyst,Phone screen\nC,Analyst,Applied\nD,Analyst,Rejected\n"
    plan = plan_import(con, body, "t.csv", OPTS)
    assert ("3 of 4 applications are still open with no date: no column was read as the date applied."
            in plan.totals.questions[0])
    dated = plan_import(con, b"Company,Applied,Status\nA,2025-01-02,Applied\nB,,Applied\nC,,Applied\nD,,Applied\n",
                        "d.csv", OPTS)
    assert any(q.startswith("3 of 4 applications are still open with no date in 'Applied'.")
               for q in dated.totals.questions)


def test_of_unnamed_date_columns_the_one_dated_on_most_rows_is_the_application_date(con):
    # Trello's export: 'Due Date' on a few cards (a deadline), 'Start Date' on every card
    body = (b"Card Name,List Name,Due Date,Start Date\nAcme - Data Analyst,Applied,,2025-09-02T00:00:00.000Z\n"
            b"Globex - Analyst,Phone Screen,2025-09-20T17:00:00.000Z,2025-09-04T00:00:00.000Z\n"
            b"Initech - Analyst,Rejected,,2025-09-10T00:00:00.000Z\nHooli - Analyst,Offer,,2025-09-22T00:00:00.000Z\n"
            b"Soylent - Analyst,No Answer,,2025-09-30T00:00:00.000Z\n")
    plan = inspect(con, body, "trello.csv", OPTS)
    assert plan.mapping["applied_on"] == "Start Date" and plan.mapping["status"] == "List Name"


def test_a_job_column_whose_cells_plainly_name_companies_splits_its_dashes_and_colons_too(con):
    """Under 'Job', a third of the cells written 'Analyst @ Stripe' or 'PM at Notion' show the column holds the
    company: 'Figma - Product Designer' and 'Wise: Data Scientist' are then split as well; 'Title: X' is a label."""
    body = (b"Job,Status\nData Analyst @ Stripe,Applied\nFigma - Product Designer,Applied\n"
            b"Senior PM at Notion,Applied\nWise: Data Scientist,Applied\nMonzo | Backend Engineer,Applied\n")
    import_file(con, body, "job.csv", options=OPTS)
    assert names(con) == [("Stripe", "Data Analyst"), ("Figma", "Product Designer"), ("Notion", "Senior PM"),
                          ("Wise", "Data Scientist"), ("Monzo", "Backend Engineer")]
    assert job_and_company("Title: Data Engineer", loose=True) is None


@pytest.mark.parametrize("header,field", [("Κατάσταση", "status"), ("会社名", "company"), ("Şirket", "company"),
                                          ("Entreprise / Company", "company"), ("Pozisyon", "role"),
                                          ("Estatus", "status"), ("Facility", "company"),
                                          ("Công ty", "company"), ("Munkakör", "role"), ("Maatskappy", "company"),
                                          ("Tgl Lamar", "applied_on"), ("회사명", "company"), ("지원 직무", "role"),
                                          ("投递日期", "applied_on"), ("Посада", "role"), ("Статус", "status"),
                                          ("סטטוס", "status"), ("الشركة", "company"), ("ポジション", "role")])
def test_headers_in_other_scripts_and_two_languages_are_named(header, field):
    from analysis.ingest.columns import _score

    assert _score(header, field) == 100


def test_a_form_question_with_its_instruction_in_brackets_is_named_and_beats_the_forms_timestamp(con):
    """A Google Form's 'Date applied (leave blank if today)' is the applied date; the form's own Timestamp (when the
    row was typed in) only stands in for it when no column is named for it."""
    body = (b"Timestamp,Company name,Job title,Date applied (leave blank if today),Status [pick one]\n"
            b"3/2/2025 14:01:22,Acme,Data Analyst,,Applied\n3/5/2025 9:12:01,Globex,BI Developer,2/28/2025,Rejected\n"
            b"3/15/2025 11:00:00,Umbrella,Data Engineer,3/14/2025,Applied\n")
    plan = inspect(con, body, "form.csv", OPTS)
    assert plan.mapping["applied_on"] == "Date applied (leave blank if today)"
    assert plan.mapping["status"] == "Status [pick one]"


def test_a_posting_column_is_the_link_when_it_holds_links_and_the_job_when_it_holds_titles(con):
    links = (b"Company,Posting,Status\nAcme,https://acme.example/jobs/1,Applied\n"
             b"Beta,https://beta.example/2,Rejected\nGamma,https://gamma.example/3,Applied\n")
    titles = b"Company,Posting,Status\nAcme,Data Analyst,Applied\nBeta,Designer,Rejected\nGamma,PM,Applied\n"
    assert inspect(con, links, "l.csv", OPTS).mapping.get("url") == "Posting"
    assert inspect(con, titles, "t.csv", OPTS).mapping.get("role") == "Posting"


@pytest.mark.parametrize("text, encoding, companies, outcomes", [
    # Chinese saved by a Chinese Excel as 'CSV' (GBK): most of its bytes above 127 stand in runs
    ("公司,岗位,投递日期,当前进度\n腾讯,后台开发工程师,2025年9月3日,一面挂了\n阿里巴巴,Java开发工程师,2025/9/4,泡池子\n"
     "字节跳动,后端开发工程师,2025.09.12,已签三方\n小米,测试开发,9月5日,拒offer\n", "gbk",
     ["腾讯", "阿里巴巴", "字节跳动", "小米"],
     [("interview", "rejected"), ("applied", "active"), ("hired", "hired"), ("offer", "offer_declined")]),
    # Ukrainian in Windows-1251
    ("Компанія;Посада;Дата подачі;Статус\nSoftServe;QA;3 березня 2025 р.;Відправлено\nEPAM;QA;05.03.2025;Відмова\n"
     "Grammarly;QA;7 березня 2025;Технічна співбесіда\n", "cp1251", ["SoftServe", "EPAM", "Grammarly"],
     [("applied", "active"), ("applied", "rejected"), ("interview", "active")]),
    # Hungarian in Windows-1250: 'ő' and 'ű' are not Windows-1252's 'õ' and 'û'; dates with a dot at the end
    ("Cég;Munkakör;Beadás dátuma;Állapot\nŐrség Kft.;Elemző;2025.04.02.;Ajánlat, de elutasítottam\n"
     "Műszaki Zrt.;Elemző;2025.04.05.;Végső interjú\nOTP Bank;Elemző;2025.04.07.;Elutasítva\n", "cp1250",
     ["Őrség Kft.", "Műszaki Zrt.", "OTP Bank"],
     [("offer", "offer_declined"), ("final", "active"), ("applied", "rejected")]),
])
def test_trackers_in_other_scripts_and_code_pages(con, text, encoding, companies, outcomes):
    import_file(con, text.encode(encoding), "t.csv", options=OPTS)
    got = con.execute("select company, stage, outcome, applied_on from applications order by app_id").fetchall()
    assert [c for c, *_ in got] == companies
    assert [(s, o) for _, s, o, _ in got] == outcomes
    assert all(d is not None for *_, d in got), "every date is read"


def test_a_korean_stage_and_its_result_are_two_columns_and_the_result_ends_it(con):
    body = ("회사명,지원 직무,지원일,전형 단계,결과\n삼성전자,SW개발,2025-09-01,인적성,불합격\n"
            "카카오,백엔드,2025-09-02,1차 면접,합격\n현대자동차,SW개발,2025-09-03,최종,최종합격\n"
            "우아한형제들,백엔드,2025-09-04,과제,포기\n").encode()
    plan = inspect(con, body, "k.csv", OPTS)
    assert (plan.mapping["status"], plan.mapping["first_response"]) == ("결과", "전형 단계")
    import_file(con, body, "k.csv", options=OPTS)
    assert con.execute("select stage, outcome from applications order by app_id").fetchall() == [
        ("applied", "rejected"), ("interview", "active"), ("offer", "active"), ("applied", "withdrawn")]


def test_an_agency_column_is_the_employer_only_where_no_other_column_is(con):
    """An Australian public servant's 'Agency' is the employer; beside 'Client', 'Agency' is the recruiter."""
    alone = (b"Agency,Position,Applied,Status\nATO,Analyst,2025-01-01,Applied\n"
             b"Dept of Health,Analyst,2025-01-02,Rejected\n")
    both = (b"Agency,Client,Role,Applied,Status\nHays,Allianz,Analyst,2025-01-01,Applied\n"
            b"Randstad,BMW,Engineer,2025-01-02,Rejected\n")
    assert inspect(con, alone, "a.csv", OPTS).mapping["company"] == "Agency"
    assert inspect(con, both, "b.csv", OPTS).mapping["company"] == "Client"


def test_a_plain_name_wins_a_tie_with_a_bracketed_or_trade_name(con):
    body = (b"Date (interview),Date applied,Venue,Company,Role,Status\n2025-02-01,2025-01-05,Hall A,Acme,Chef,Applied\n"
            b"2025-02-03,2025-01-07,Hall B,Beta,Cook,Rejected\n")
    plan = inspect(con, body, "t.csv", OPTS)
    assert (plan.mapping["applied_on"], plan.mapping["company"]) == ("Date applied", "Company")
