"""Shared fixtures: an in-memory database, the real files, clean Streamlit caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import store

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"
APP = ROOT / "app.py"


# The real exports in ../shared/realdata are third-party files that cannot live in this repository. Tests that read
# them carry the `realdata` mark (or use a fixture below that reads them): a clone on its own skips them with one
# line saying why; CI, which always has ../shared beside the clone, must run them.
REAL_FIXTURES = {"real", "with_real_export"}
NO_REALDATA = (f"../shared/realdata is not beside this clone ({REALDATA}): the real-file tests are skipped here "
               "and run in CI")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if REAL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.realdata)
    if REALDATA.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=NO_REALDATA)
    for item in items:
        if item.get_closest_marker("realdata"):
            item.add_marker(skip)


def pytest_report_header(config):
    if not REALDATA.exists():
        if os.environ.get("CI") != "true":
            return NO_REALDATA
        return "CI=true and ../shared/realdata is missing: the real-file tests will fail"


@pytest.fixture(autouse=True)
def _realdata_present_under_ci(request):
    if request.node.get_closest_marker("realdata") and not REALDATA.exists():
        pytest.fail(f"CI=true, yet ../shared/realdata is missing (looked in {REALDATA}); the real-file tests must run "
                    "in CI")


@pytest.fixture
def con():
    c = store.connect(":memory:")
    yield c
    c.close()


@pytest.fixture
def real():
    if not REALDATA.exists():
        pytest.fail(f"../shared/realdata is missing (looked in {REALDATA})")
    return lambda name: REALDATA / name


@pytest.fixture
def isolated_db(tmp_path, monkeypatch):
    """The dashboard's database points at a fresh file; shared mode off."""
    path = tmp_path / "hindsight.duckdb"
    monkeypatch.setenv("HINDSIGHT_DB", str(path))
    monkeypatch.delenv("HINDSIGHT_SHARED", raising=False)
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def _apptest_runs_the_frame(monkeypatch):
    """AppTest resets Streamlit's "uses a pages/ directory" flag before every run, and because this project's
    page files live in pages/, it then reruns only the page script, as old-style multipage apps did, skipping
    app.py (the frame with the shared filters). A real server clears the flag as soon as st.navigation runs.
    Here the flag is cleared right away, so every AppTest run goes through app.py like a browser's does."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", NavigationPagesManager)
