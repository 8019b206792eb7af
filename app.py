"""Hindsight: the frame. Page config, this session's database, shared filters, navigation."""

import streamlit as st

from pages import common

st.set_page_config(page_title="Hindsight", page_icon=":material/insights:", layout="wide")

common.open_session_database()

pages = {
    "": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"),
    ],
}
nav = st.navigation(pages, position="top")
common.sidebar()
nav.run()
