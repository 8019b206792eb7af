"""Shared fixtures: an in-memory database, the real files, clean Streamlit caches."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import store

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"
APP = ROOT / "app.py"


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
