"""The Upload page's mail part (not a page itself): a mail file dropped on the Upload page, or in local mode a
path on this machine for a mailbox too big for the browser, is read with a progress bar and its job mail stored
as proposals for the Inbox page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from analysis.ingest.read import BadInput
from analysis.mail.importer import apply_mail, plan_mail
from analysis.mail.read import is_mail_name, open_mail, sniff
from analysis.store import StoreError
from ui import common

MAIL_TYPES = ["mbox", "eml", "ics"]
KIND_WORDS = {"application_received": "confirmation", "rejection": "rejection",
              "interview_invite": "interview invitation", "assessment": "assessment", "offer": "offer"}


def _read_one(source, name: str) -> None:
    """One mail file, with a progress bar of its own."""
    bar = st.progress(0.0, text=f"Reading {name}…")
    n = _run(source, name, bar)
    if n is None:
        bar.empty()
    else:
        bar.progress(1.0, text=f"Read {n:,} message(s).")


def _run(source, name: str, bar, part: str = "") -> int | None:
    """Read one mail file (the progress shown on `bar`, a share of a batch's with `part`) and keep its report.
    Returns the messages read, or None where a bad file said why (nothing of it is kept)."""

    def progress(done: int, total: int) -> None:
        if total:
            bar.progress(min(done / total, 1.0),
                         text=f"Reading {part}{name}: {done / 2**20:,.0f} of {total / 2**20:,.0f} MB")

    try:
        mf = open_mail(source, name)
        plan = plan_mail(common.home_con(), mf, progress=progress)
        result = apply_mail(common.home_con(), plan)
    except (BadInput, StoreError) as exc:
        st.error(f"{common.md(name)}: {getattr(exc, 'reason', str(exc))}", icon=":material/error:")
        st.caption("Nothing of that file was imported.")
        return None
    results = st.session_state.setdefault("mail_results", [])
    results[:] = [x for x in results if x.file != result.file] + [result]
    return result.messages_read


def _run_batch(files: list) -> None:
    """Several mail files dropped at once: one progress bar for all of them, file after file."""
    bar = st.progress(0.0, text=f"Reading {len(files)} mail files…")
    counts = [_run(uploaded.getvalue(), uploaded.name, bar, part=f"{i} of {len(files)}, ")
              for i, uploaded in enumerate(files, start=1)]
    read = [n for n in counts if n is not None]
    bar.progress(1.0, text=f"Read {sum(read):,} message(s) from {len(read)} of {len(files)} file(s).")


def _report() -> None:
    results = st.session_state.get("mail_results", [])
    if len(results) > 1:
        _one_report(_together(results))
    elif results:
        _one_report(results[0])


def _together(results: list):
    """The reports of several mail files as one: the counts summed, kinds and proposals added up, each warning
    once (twenty .eml files make one report, not twenty)."""
    from collections import Counter

    first = results[0]
    by_kind: Counter = Counter()
    proposals: Counter = Counter()
    for r in results:
        by_kind.update(r.by_kind)
        proposals.update(r.proposals)
    return replace(first, file=f"{len(results)} files ({', '.join(r.file for r in results[:4])}"
                                f"{', …' if len(results) > 4 else ''})",
                   messages_read=sum(r.messages_read for r in results),
                   job_messages=sum(r.job_messages for r in results),
                   other_dropped=sum(r.other_dropped for r in results),
                   needs_review=sum(r.needs_review for r in results),
                   by_kind=dict(by_kind), proposals=dict(proposals),
                   warnings=list(dict.fromkeys(w for r in results for w in r.warnings)))


def _one_report(r) -> None:
    st.subheader(f"Mail read: {r.file}")
    c = st.columns(4)
    c[0].metric("Messages read", f"{r.messages_read:,}")
    c[1].metric("About your job search", r.job_messages)
    c[2].metric("Other mail (not kept)", f"{r.other_dropped:,}")
    c[3].metric("To review", r.needs_review)
    if r.by_kind:
        st.caption("Kinds: " + ", ".join(f"{n} {KIND_WORDS.get(k, k)}{'' if n == 1 else 's'}"
                                         for k, n in r.by_kind.items()))
    tracked = r.by_kind.get("application_received", 0) - r.proposals.get("new_application", 0)
    if tracked > 0:  # the Inbox counts proposals: a confirmation of a tracked application proposes nothing
        st.caption(f"{tracked} of the confirmations are of applications you already track: nothing to add, so the "
                   "Inbox does not list them.")
    for w in r.warnings:
        st.caption(common.md(w))
    st.page_link("pages/inbox.py", label="Review the proposals in your Inbox", icon=":material/inbox:")


def is_mail(uploaded) -> bool:
    """A dropped file that is mail (.mbox, .eml, .ics), told by its bytes or its name."""
    return is_mail_name(uploaded.name) or sniff(uploaded.getvalue()[:65536], uploaded.name) is not None


def section(files) -> list:
    """Read the mail files among those dropped on the Upload page (each once) and report them; returns the other
    files (spreadsheets) for the page's own import. In local mode, also offer a path on this machine for a mailbox
    too big for the browser."""
    files = [f for f in (files if isinstance(files, list) else [files]) if f is not None]
    mails = [f for f in files if is_mail(f)]
    done = st.session_state.setdefault("mail_upload_done", [])
    new = [f for f in mails if ("mail", f.name, f.size, getattr(f, "file_id", None)) not in done]
    done.extend(("mail", f.name, f.size, getattr(f, "file_id", None)) for f in new)
    if len(new) == 1:
        _read_one(new[0].getvalue(), new[0].name)
    elif new:
        _run_batch(new)
    if mails:
        _report()
    if not common.shared_mode():
        with st.expander("A big mailbox (Google Takeout .mbox): read it from this machine"):
            st.caption("A browser upload is held in memory (200 MB at most). Give the file's path instead; it is read "
                       "where it lies, one message at a time.")
            path = st.text_input("Path to an .mbox, .eml or .ics file", key="mail_path")
            if st.button("Read this mailbox", key="mail_path_read") and path.strip():
                p = Path(path.strip()).expanduser()
                _read_one(p, p.name)
        if not files:
            _report()
    return [f for f in files if f not in mails]
