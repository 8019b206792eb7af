"""What every page shares: this session's database connection, demo mode, the as-of date, this run's Analysis.

Not a page itself (app.py lists the pages); pages import it for the session's state.
"""

from __future__ import annotations

import importlib
import os
import threading
from datetime import date

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis import store
from analysis.applications import filter_options
from analysis.facts import DEFAULT_GHOST_AFTER_DAYS
from analysis.filters import Filters
from analysis.ingest.importer import ImportOptions, import_file
from analysis.session import Analysis

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


_runs = threading.local()


def _cursor(base):
    """This script run's own cursor on the session's database. Streamlit may start a rerun while the previous
    run is still querying (fast reruns); two runs sharing one connection would collide ("connection is busy")."""
    cursors = getattr(_runs, "cursors", None)
    if cursors is None:
        cursors = _runs.cursors = {}
    cur = cursors.get(id(base))
    if cur is None:
        cur = cursors[id(base)] = base.cursor()
    return cur


def _frame_first() -> None:
    """A page opened straight from its address on a freshly started server runs without the frame (Streamlit
    treats pages/ as an old-style multipage folder until st.navigation has run once): go through app.py."""
    if "con" not in st.session_state:
        try:
            st.switch_page("app.py")
        except StreamlitAPIException:  # app.py is not a page here: open the database directly
            open_session_database()


def con():
    """The database the pages show (the demo, or the user's)."""
    _frame_first()
    return _cursor(st.session_state["con"])


def home_con():
    """Where imports go: the user's database (in shared mode, this session's private one)."""
    _frame_first()
    return _cursor(st.session_state["home_con"])


def is_demo() -> bool:
    return bool(st.session_state.get("demo"))


def leave_demo() -> None:
    st.session_state["con"] = st.session_state["home_con"]
    st.session_state["demo"] = False
    for key in [k for k in st.session_state if str(k).startswith("frame_")]:
        del st.session_state[key]


def as_of() -> date:
    saved = store.get_setting(con(), "as_of")
    return date.fromisoformat(saved) if saved else date.today()


def fingerprint() -> str:
    """The dataset's fingerprint (unique per database, changes with every edit): every cached analysis is keyed by
    it."""
    return store.fingerprint(con())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(qualname: str, fp: str, kwargs: tuple, _con, _given: dict | None = None):
    module, name = qualname.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(_con, **dict(kwargs), **(_given or {}))


def _through_cache(fn, con, kwargs: dict, given: dict):
    """How the pages' Analysis runs each function: cached by the dataset's fingerprint, the function and its
    arguments (never by the connection alone, so no visitor ever gets another's result). The facts the Analysis
    hands over (`given`: the rejection reasons, the flags, the scores) follow from those, so they are passed on
    without being hashed into the key."""
    return _cached_call(f"{fn.__module__}.{fn.__name__}", store.fingerprint(con), tuple(sorted(kwargs.items())), con,
                        given)


def begin_run() -> None:
    """The frame starts every script run here: the last run's Analysis is let go, so each run builds its own."""
    _runs.analysis = None


def analysis() -> Analysis:
    """This script run's one Analysis of the session's database under the sidebar's filters: every page asks it for
    what it shows, and each fact is worked out once per run. Held for this run only (the frame's `begin_run` drops
    it), for this session only, and built again within a run if the data or the filters change."""
    cur, f, ctx = con(), filters(), get_script_run_ctx()
    key = (ctx.session_id if ctx else None, id(st.session_state["con"]), store.fingerprint(cur), f)
    held = getattr(_runs, "analysis", None)
    if held is None or held[0] != key:
        held = _runs.analysis = (key, Analysis(cur, f, runner=_through_cache))
    return held[1]


def filters() -> Filters:
    """The shared filters, as the frame's sidebar set them."""
    return st.session_state.get("frame_filters") or Filters(as_of=as_of())


def demo_banner() -> None:
    if is_demo():
        st.info(
            "**You are looking at demo data**: 320 made-up applications over a year, so you can see what Hindsight "
            "shows. Load your own tracker on the **Upload** page (CSV, TSV or Excel; LinkedIn, Huntr and most "
            "home-made spreadsheets work as they are). Your data stays on this machine.",
            icon=":material/science:",
        )


def sidebar() -> None:
    """The frame's sidebar: what this is, where the data lives, and the filters every page applies."""
    with st.sidebar:
        st.markdown("### Hindsight")
        if is_demo():
            st.caption(":material/science: Demo data: load yours on the Upload page.")
        elif shared_mode():
            st.caption(":material/lock: Private session: your data is kept only while this tab is open.")
        else:
            st.caption(f":material/database: {store.db_path()}")
        if store.is_empty(con()):
            st.session_state["frame_filters"] = Filters(as_of=as_of())
            return
        opts = _through_cache(filter_options, con(), {}, {})
        # the widgets' keys carry the dataset's identity, so new data gets fresh filters, not the old choices
        ident = store.get_setting(con(), "db_token", "")[:8]
        st.markdown("**Filters** (every page)")
        span = None
        if opts["first"] and opts["last"]:
            span = st.date_input("Applied between", value=(opts["first"], opts["last"]), min_value=opts["first"],
                                 max_value=opts["last"], key=f"frame_dates_{ident}_{opts['first']}_{opts['last']}",
                                 format="YYYY-MM-DD")
        channels = st.multiselect("Channel", opts["channels"], key=f"frame_channels_{ident}",
                                  placeholder="All channels")
        families = st.multiselect("Role family", opts["role_families"], key=f"frame_roles_{ident}",
                                  placeholder="All roles")
        with st.expander("Measuring silence"):
            measured_to = st.date_input("Measure to", value=as_of(), key=f"frame_as_of_{ident}", format="YYYY-MM-DD",
                                        help="No reply by this date counts as silence.")
            ghost_days = st.number_input("Ghosted after (days without an answer)", min_value=1, max_value=365,
                                         value=DEFAULT_GHOST_AFTER_DAYS, key="frame_ghost_days")
        date_from = date_to = None
        if span and isinstance(span, tuple | list) and len(span) == 2:
            date_from, date_to = span
            if (date_from, date_to) == (opts["first"], opts["last"]):
                date_from = date_to = None
        st.session_state["frame_filters"] = Filters(date_from=date_from, date_to=date_to, channels=tuple(channels),
                                                    role_families=tuple(families), as_of=measured_to,
                                                    ghost_after_days=int(ghost_days))
        if st.session_state["frame_filters"].is_filtered():
            st.caption(":material/filter_alt: Filtered: the numbers cover only the applications these filters keep.")


def empty_state() -> bool:
    """Say what to do when there is nothing to show. True when the page should stop."""
    if store.is_empty(con()):
        st.info("No applications yet. Go to **Upload** and drop in the spreadsheet you keep.",
                icon=":material/upload_file:")
        st.page_link("pages/upload.py", label="Upload your tracker", icon=":material/upload_file:")
        return True
    return False


def no_match_state(n: int) -> bool:
    if n == 0:
        st.warning("No application matches the filters in the sidebar. Widen the dates or clear a filter.",
                   icon=":material/filter_alt_off:")
        return True
    return False


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:=\"'&%")


def later(fn):
    """fn(a cursor of this session's database), to be called after this run (a download's data, made on click)."""
    base = st.session_state["con"]
    return lambda: fn(base.cursor())


def page(title: str, needs_data: bool = True) -> Analysis:
    """How a page starts: its title, the demo banner, the empty state (the page stops there while there is nothing
    to show, unless it does not need data), the confirmation the last action on it left, and this run's Analysis."""
    st.title(title)
    demo_banner()
    if needs_data and empty_state():
        st.stop()
    flash(title.lower())
    return analysis()


def flash(page: str) -> None:
    """The confirmation an action on this page left for the next run (st.session_state['<page>_flash']), once."""
    if msg := st.session_state.pop(f"{page}_flash", None):
        st.success(msg, icon=":material/check_circle:")


def md(text) -> str:
    """User text made safe to put inside Markdown: every punctuation mark escaped, so a company called
    '**x**', '[a](javascript:...)' or ':red[x]' shows as written. (Markdown here never renders raw HTML.)"""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str("" if text is None else text))


def show_rejection_texts(key: str) -> bool:
    """Gentle mode (Settings) keeps the words of rejections out of sight until the person asks for them."""
    if not store.get_setting(con(), "gentle_mode", False):
        return True
    shown = st.toggle("Show the rejection texts", value=False, key=key,
                      help="Gentle mode is on (Settings): the words of rejections stay hidden until you ask.")
    if not shown:
        st.caption(":material/spa: Gentle mode: the rejection texts are hidden. Read them when you are ready.")
    return shown
