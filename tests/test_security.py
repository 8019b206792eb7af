"""Security and isolation: hostile text is stored and shown as plain text, and in shared mode one visitor never
sees another's data."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest.importer import import_file
from tests.conftest import APP, REALDATA
from ui.common import md

SQL = "'); drop table applications; --"
IMG = "<img src=x onerror=alert(1)>"
MD = "[click](javascript:alert(1)) **bold** :red[x]"


def test_hostile_headers_and_values_are_stored_verbatim(con):
    body = (f'Company,Role,"{SQL}","{IMG}"\n"{SQL}","{IMG}",a,b\n"{MD}",Dev,c,d\n').encode()
    res = import_file(con, body, "evil.csv")
    assert res.applications_added == 2
    assert sorted(r[0] for r in con.execute("select company from applications").fetchall()) == sorted([SQL, MD])
    from analysis.applications import original_row

    raw = original_row(con, con.execute("select app_id from applications where role = ?", [IMG]).fetchall()[0][0])
    assert raw[SQL] == "a" and raw[IMG] == "b"
    assert con.execute("select count(*) from applications").fetchall()[0][0] == 2  # the table is still there


def test_markdown_escaping_shows_text_as_written():
    assert md("**x**") == "\\*\\*x\\*\\*"
    import re

    assert not re.search(r"(?<!\\)[\[\]*:()]", md(MD))  # every Markdown mark is escaped


def test_hostile_text_on_the_data_page_is_plain_text(isolated_db):
    from analysis import store

    con = store.connect(isolated_db)
    import_file(con, f'Company,Role\n"{SQL}","{IMG}"\n"{MD}",Dev\n'.encode(), "evil.csv")
    con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert set(shown["company"]) == {SQL, MD} and IMG in set(shown["role"])
    at.button(key="data_delete").click().run()
    warning = at.warning[0].value
    assert IMG not in warning and SQL not in warning  # escaped inside the Markdown, shown literally


@pytest.mark.realdata
def test_shared_mode_sessions_never_see_each_other(isolated_db, monkeypatch):
    monkeypatch.setenv("HINDSIGHT_SHARED", "1")
    a = AppTest.from_file(str(APP), default_timeout=90)
    b = AppTest.from_file(str(APP), default_timeout=90)
    for at, name in ((a, "uk_dates_mixed.csv"), (b, "huntr_export_sample.csv")):
        at.run()
        at.switch_page("pages/upload.py").run()
        at.file_uploader[0].upload(name, (REALDATA / name).read_bytes(), "text/csv").run()
        at.button(key="upload_import").click().run()
        assert not at.exception
    for at, n, company in ((a, "23", "Shelter"), (b, "6", "Yext")):
        at.switch_page("pages/overview.py").run()
        assert next(m.value for m in at.metric if m.label == "Applications") == n
        at.switch_page("pages/data.py").run()
        companies = set(at.dataframe[0].value["company"])
        assert company in companies
        assert not (companies & ({"Yext"} if company == "Shelter" else {"Shelter"}))
    assert not isolated_db.exists()  # nothing written to the shared disk database
