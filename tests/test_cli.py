"""`python -m analysis`: the JSON contract, exit codes, and clear messages instead of tracebacks."""

import json
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import REALDATA, ROOT

IMPORT_KEYS = {"file", "format", "shape", "rows_read", "applications_added", "applications_updated",
               "duplicates_skipped", "rows_rejected", "rejects", "warnings", "unmapped_labels"}


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=env)


@pytest.mark.realdata
def test_import_json_has_the_contracts_keys(tmp_path):
    out = run("import", str(REALDATA / "uk_dates_mixed.csv"), "--db", str(tmp_path / "h.duckdb"), "--json")
    assert out.returncode == 0, out.stderr
    imp = json.loads(out.stdout)["imports"][0]
    assert IMPORT_KEYS <= imp.keys()
    assert imp["file"] == "uk_dates_mixed.csv"


def test_bad_input_exits_2_with_reason_and_no_traceback(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    db = tmp_path / "h.duckdb"
    out = run("import", str(empty), "--db", str(db), "--json")
    assert out.returncode == 2
    assert "empty" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


@pytest.mark.realdata
def test_one_bad_file_among_several_imports_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b,c\n1,2,3\n")
    db = tmp_path / "h.duckdb"
    out = run("import", str(REALDATA / "uk_dates_mixed.csv"), str(bad), "--db", str(db))
    assert out.returncode == 2
    assert "company or a job title" in out.stderr
    con = duckdb.connect(str(db))
    assert con.execute("select count(*) from applications").fetchall()[0][0] == 0


def test_missing_file_is_a_clear_message(tmp_path):
    out = run("import", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "h.duckdb"))
    assert out.returncode == 2 and "no such file" in out.stderr


@pytest.mark.parametrize("command", [["report", "--json"], ["export", "--format", "csv", "--out", "x.csv"],
                                     ["followups", "--json"]])
def test_a_command_on_a_missing_database_says_import_first(tmp_path, command):
    db = tmp_path / "none.duckdb"
    out = run(*command, "--db", str(db))
    assert out.returncode == 2 and "import a file first" in out.stderr and "Traceback" not in out.stderr
    assert not db.exists()  # asking made no empty database


@pytest.mark.realdata
def test_locked_database_is_a_clear_message(tmp_path):
    db = tmp_path / "h.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        out = run("import", str(REALDATA / "uk_dates_mixed.csv"), "--db", str(db))
        assert out.returncode == 2
        assert "in use by another program" in out.stderr and "Traceback" not in out.stderr
    finally:
        holder.kill()
        holder.wait()


def test_mapping_file_and_env_database(tmp_path):
    src = tmp_path / "t.csv"
    src.write_bytes(b"Employer,Thing,Where\nAcme,Dev,Wishlist\n")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"mapping": {"company": "Employer", "role": "Thing", "status": "Where"},
                                   "labels": {"Wishlist": ["applied", "closed"]}}))
    db = tmp_path / "env.duckdb"
    import os
    env = {**os.environ, "HINDSIGHT_DB": str(db)}
    out = run("import", str(src), "--mapping", str(mapping), "--json", env=env)
    assert out.returncode == 0, out.stderr
    rep = json.loads(run("report", "--json", env=env).stdout)
    assert rep["applications"] == 1 and rep["outcomes"]["closed"] == 1


@pytest.mark.realdata
def test_report_json_contract(tmp_path):
    db = str(tmp_path / "h.duckdb")
    run("import", str(REALDATA / "stage_transitions_edges.csv"), "--db", db)
    rep = json.loads(run("report", "--db", db, "--json", "--as-of", "2026-11-21").stdout)
    assert {"applications", "funnel", "outcomes", "rejection_reasons", "red_flags",
            "median_days_to_first_response"} <= rep.keys()
    assert [f["stage"] for f in rep["funnel"]] == ["applied", "screen", "interview", "final", "offer", "hired"]
    assert rep["funnel"][5]["reached"] == 9
    assert sum(rep["outcomes"].values()) == rep["applications"] == 100


@pytest.mark.realdata
def test_import_from_a_pipe_reads_every_row(tmp_path):
    """`import /dev/stdin` (or a shell's <(...)): a pipe can be read only once, so Hindsight keeps its own copy."""
    data = (REALDATA / "uk_dates_mixed.csv").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "analysis", "import", "/dev/stdin", "--db", str(tmp_path / "h.duckdb"),
                           "--json"], input=data, capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["imports"][0]["applications_added"] == 23
