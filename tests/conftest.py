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
