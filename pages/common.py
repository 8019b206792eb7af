"""What every page shares: this session's database connection, demo mode, the as-of date.

Not a page itself (app.py lists the pages); pages import it for the session's state.
"""

from __future__ import annotations

import os
from datetime import date

import streamlit as st

from analysis import store
from analysis.ingest.importer import ImportOptions, import_file

DEMO_AS_OF = date(2026, 11, 1)  # the demo data ends in October 2026; it is analysed as of then


def shared_mode() -> bool:
    """HINDSIGHT_SHARED=1: the dashboard serves several people; each session gets its own database."""
    return os.environ.get("HINDSIGHT_SHARED", "").strip() in ("1", "true", "yes")


def _demo_connection():
    con = store.connect(":memory:")
    import_file(con, store.DEMO_FILE, options=ImportOptions(as_of=DEMO_AS_OF, save_choices=False))
    store.set_setting(con, "as_of", DEMO_AS_OF.isoformat())
    return con


def open_session_database() -> None:
    """Give this browser session its connection (kept in session_state, never shared via a cache)."""
    if "con" in st.session_state:
        return
    if shared_mode():
        home = store.connect(":memory:")
    else:
        try:
            home = store.connect(store.db_path())
        except store.StoreError as exc:
            st.error(str(exc))
            st.stop()
    st.session_state["home_con"] = home
    if store.is_empty(home):
        st.session_state["con"] = _demo_connection()
        st.session_state["demo"] = True
    else:
        st.session_state["con"] = home
        st.session_state["demo"] = False


def con():
    return st.session_state["con"]


def home_con():
    """Where imports go: the user's database (in shared mode, this session's private one)."""
    return st.session_state["home_con"]


def is_demo() -> bool:
    return bool(st.session_state.get("demo"))


def leave_demo() -> None:
    st.session_state["con"] = home_con()
    st.session_state["demo"] = False
    st.cache_data.clear()


def as_of() -> date:
    saved = store.get_setting(con(), "as_of")
    return date.fromisoformat(saved) if saved else date.today()


def fingerprint() -> str:
    """The dataset's fingerprint: every cached analysis is keyed by it (and by the session's database)."""
    return f"{id(con())}:{store.fingerprint(con())}"


def demo_banner() -> None:
    if is_demo():
        st.info(
            "**You are looking at demo data**: 320 made-up applications over a year, so you can see what Hindsight "
            "shows. Load your own tracker on the **Upload** page (CSV, TSV or Excel; LinkedIn, Huntr and most "
            "home-made spreadsheets work as they are). Your data stays on this machine.",
            icon=":material/science:",
        )


def sidebar() -> None:
    with st.sidebar:
        st.markdown("### Hindsight")
        st.caption("Learn from your job search: where you drop out, why they say no, and whether the jobs you lost "
                   "were even a good fit.")
        if is_demo():
            st.caption(":material/science: Demo data")
        elif shared_mode():
            st.caption(":material/lock: Private session: your data is kept only while this tab is open.")
        else:
            st.caption(f":material/database: {store.db_path()}")
