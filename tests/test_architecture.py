"""analysis/ is reachable without the UI: importing it pulls in no streamlit (checked in a fresh process)."""

import subprocess
import sys

from tests.conftest import ROOT


def test_analysis_imports_no_streamlit():
    code = ("import sys, pkgutil, importlib, analysis\n"
            "for m in pkgutil.walk_packages(analysis.__path__, 'analysis.'):\n"
            "    if m.name != 'analysis.__main__': importlib.import_module(m.name)\n"
            "bad = [n for n in sys.modules if n == 'streamlit' or n.startswith('streamlit.')]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr


def test_pages_hold_no_sql():
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text().lower()
        assert "con.execute(" not in text and "select " not in text, f"{page.name} runs SQL; move it into analysis/"
