"""Settings: the person's own criteria, checked against every application on the Fit page."""

from __future__ import annotations

import streamlit as st

from analysis.drafts import (
    DEFAULT_TEMPLATES,
    LANGUAGES,
    PLACEHOLDERS,
    reset_template,
    save_template,
    templates,
)
from analysis.fit import Criteria, criteria_from_linkedin, load_criteria, save_criteria
from analysis.followups import KINDS as FOLLOW_UP_KINDS
from analysis.roles import SENIORITY_ORDER
from analysis.store import get_setting, set_setting
from ui import common

CURRENCIES = ["", "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "INR", "SEK", "PLN", "ILS"]


def render() -> None:
    st.title("Settings: what you are looking for")
    st.caption("State your criteria once. The Fit page checks every application against them, so the next time you "
               "consider a job you can see which of your own rules it breaks. Leave anything blank you don't care "
               "about.")
    con = common.con()
    common.flash("settings")
    current = load_criteria(con)
    _criteria_form(con, current)
    _fill_from_linkedin(con, current)
    _gentle_mode(con)
    _follow_up_drafts(con)


def _lines(items: list[str]) -> str:
    return "\n".join(items)


def _parse(text: str) -> list[str]:
    return [p.strip() for chunk in text.splitlines() for p in chunk.split(",") if p.strip()]


def _criteria_form(con, current: Criteria) -> None:
    with st.form("settings_criteria"):
        a, b = st.columns(2)
        with a:
            titles = st.text_area("Titles you target (one per line)", _lines(current.target_titles), height=100,
                                  placeholder="e.g. Data Engineer\nAnalytics Engineer")
            words = st.text_area("Other words that count as a match", _lines(current.match_words), height=68,
                                 placeholder="e.g. dbt, data platform")
            direction = st.text_area("Roles this job should lead toward (career direction)",
                                     _lines(current.direction), height=68,
                                     placeholder="e.g. Staff Data Engineer\nData Architect")
            seniority = st.multiselect("Levels you target", SENIORITY_ORDER, default=current.seniority)
        with b:
            places = st.text_area("Places you would work (one per line)", _lines(current.places), height=100,
                                  placeholder="e.g. Berlin\nMunich")
            commute = st.number_input("Longest commute you accept (minutes; 0 = no limit)", 0, 300,
                                      int(current.max_commute_minutes or 0), step=5,
                                      help="Hindsight works offline and cannot measure travel time; places are "
                                           "checked by name.")
            remote_opts = {"any": "Any", "remote": "Remote", "hybrid": "Hybrid or remote", "onsite": "On site"}
            remote = st.radio("Work type", list(remote_opts), format_func=remote_opts.get, horizontal=True,
                              index=list(remote_opts).index(current.remote))
            strict = st.checkbox("…and anything else is a deal-breaker", value=current.remote_strict)
            c1, c2 = st.columns(2)
            floor = c1.number_input("Salary floor (per year; 0 = none)", 0, 10_000_000,
                                    int(current.salary_floor or 0), step=1000)
            currency = c2.selectbox("Currency", CURRENCIES,
                                    index=CURRENCIES.index(current.salary_currency or "")
                                    if (current.salary_currency or "") in CURRENCIES else 0)
        deal = st.text_area("Deal-breakers (words that rule a job out, one per line)", _lines(current.deal_breakers),
                            height=100, placeholder="e.g. on-call\nunpaid\nrelocation required")
        submitted = st.form_submit_button("Save criteria", type="primary")
    if submitted:
        new = Criteria(target_titles=_parse(titles), match_words=_parse(words), fields=current.fields,
                       places=_parse(places),
                       max_commute_minutes=int(commute) or None, remote=remote, remote_strict=strict,
                       salary_floor=float(floor) or None, salary_currency=currency or None, seniority=seniority,
                       deal_breakers=_parse(deal), direction=_parse(direction))
        save_criteria(con, new)
        st.session_state["settings_flash"] = f"Saved. {new.set_count()} criteria set; see the Fit page."
        st.rerun()


def _fill_from_linkedin(con, current: Criteria) -> None:
    st.subheader("Fill from LinkedIn")
    st.caption("In LinkedIn's data export, `Jobs/Job Seeker Preferences.csv` holds the titles, places and work types "
               "you told LinkedIn. Drop it here to fill the matching criteria (you can change them above afterwards).")
    prefs = st.file_uploader("Job Seeker Preferences.csv", type=["csv"], key="settings_prefs")
    if prefs is not None and st.button("Fill my criteria from this file", key="settings_fill"):
        try:
            filled_criteria, filled = criteria_from_linkedin(prefs.getvalue(), current)
        except ValueError as exc:
            st.error(str(exc))
        else:
            save_criteria(con, filled_criteria)
            st.session_state["settings_flash"] = ("Filled " + common.md("; ".join(filled)) + ".") if filled else \
                "The file holds nothing Hindsight can use as criteria."
            st.rerun()


def _gentle_mode(con) -> None:
    st.subheader("Gentle mode")
    gentle_now = bool(get_setting(con, "gentle_mode", False))
    gentle = st.toggle("Hide the words of rejections until I ask for them", value=gentle_now, key="settings_gentle",
                       help="The Rejections and Data pages then keep feedback texts behind a switch; the counts stay.")
    if gentle != gentle_now:
        set_setting(con, "gentle_mode", gentle)
        st.session_state["settings_flash"] = "Gentle mode is on." if gentle else "Gentle mode is off."
        st.rerun()


def _follow_up_drafts(con) -> None:
    st.subheader("Follow-up drafts")
    st.caption("The Insights page drafts a short note for each follow-up. Change the wording here; a placeholder in "
               "braces is filled from your data: " + "; ".join(f"`{{{k}}}`: {v}" for k, v in PLACEHOLDERS.items())
               + ".")
    t1, t2 = st.columns(2)
    kind = t1.selectbox("Follow-up", list(DEFAULT_TEMPLATES), format_func=FOLLOW_UP_KINDS.get,
                        key="settings_tpl_kind")
    lang = t2.selectbox("Language", list(LANGUAGES), format_func=LANGUAGES.get, key="settings_tpl_lang")
    current_tpl = templates(con)[kind][lang]
    with st.form(f"settings_tpl_{kind}_{lang}"):
        text = st.text_area("Template", current_tpl, height=260)
        s1, s2 = st.columns(2)
        save = s1.form_submit_button("Save template", type="primary")
        reset = s2.form_submit_button("Back to the default")
    if save:
        try:
            save_template(con, kind, lang, text)
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.session_state["settings_flash"] = (f"Saved the {FOLLOW_UP_KINDS[kind].lower()} template "
                                                  f"({LANGUAGES[lang]}).")
            st.rerun()
    if reset:
        reset_template(con, kind, lang)
        st.session_state["settings_flash"] = (f"The {FOLLOW_UP_KINDS[kind].lower()} template ({LANGUAGES[lang]}) "
                                              "is the default again.")
        st.rerun()


render()
