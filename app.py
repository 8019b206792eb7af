"""Hindsight: the frame. Page config, this session's database, the shared filters, navigation."""

import streamlit as st

from ui import common

# an emoji icon: a ":material/..." page icon makes the browser fetch it from a font server
st.set_page_config(page_title="Hindsight", page_icon="🔭", layout="wide")

common.open_session_database()
common.begin_run()  # every run builds its own Analysis (common.analysis): facts are worked out once per run
common.sidebar()

nav = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/funnel.py", title="Funnel", icon=":material/filter_alt:"),
        st.Page("pages/timeline.py", title="Timeline", icon=":material/schedule:"),
        st.Page("pages/rejections.py", title="Rejections", icon=":material/thumb_down:"),
        st.Page("pages/fit.py", title="Fit", icon=":material/flag:"),
        st.Page("pages/insights.py", title="Insights", icon=":material/lightbulb:"),
        st.Page("pages/data.py", title="Data", icon=":material/table:"),
        st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"),
        st.Page("pages/inbox.py", title="Inbox", icon=":material/inbox:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/tune:"),
    ],
    position="top",
)
nav.run()
