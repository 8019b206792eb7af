"""Keeping the lines open: the follow-up queue (thank-yous, feedback asks, nudges, re-contact dates) and the action
items from mentor meetings. The queue is worked out from the data against an as-of date; what the person ticks
done is stored, so it stays done."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from analysis.domain import STAGE_LABELS
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters
from analysis.rejections import REASONS, rejection_reasons
from analysis.sqlutil import one

KINDS = {
    "thank_you": "Send a thank-you note",
    "ask_feedback": "Ask for feedback",
    "nudge": "Send a polite nudge",
    "recontact": "Get back in touch",
}
THANK_YOU_DAYS = 1  # after an interview
FEEDBACK_DAYS = 2  # after a rejection that came after an interview
RECONTACT_DEFAULT_MONTHS = 3  # "reach out if anything comes up" with no date given
# past these, a follow-up is no longer worth sending: a thank-you a month late, a nudge after three months
STALE_AFTER_DAYS = {"thank_you": 30, "ask_feedback": 60, "nudge": 90}


def _months_from(text: str | None) -> int | None:
    """'can re-apply in 5 months' -> 5; 'in six months' -> 6; 'in a year' -> 12."""
    if not text:
        return None
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "a": 1}
    m = re.search(r"(\d+|one|two|three|four|five|six|nine|twelve|a) (months?|years?)", text.lower())
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else words[m.group(1)]
    return n * 12 if m.group(2).startswith("year") else n


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    day = min(d.day, 28)
    return date(d.year + y, m + 1, day)


def follow_ups(con, filters: Filters = ALL, include_done: bool = False,
               decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The queue: app_id, company, role, kind, what to do, why, due date, and whether it is overdue or done."""
    sql, params = filtered_facts_sql(filters)
    decisions = rejection_reasons(con, filters) if decisions is None else decisions
    items = (_thank_yous(con, sql, params) + _feedback_asks(decisions) + _recontacts(decisions, filters.today)
             + _nudges(con, sql, params, filters.ghost_after_days))
    df = pd.DataFrame(items, columns=["app_id", "company", "role", "kind", "why", "due_on", "since"])
    df["due_on"] = pd.to_datetime(df["due_on"]).dt.date
    df = _with_done_and_contact(con, _still_worth_sending(df, filters.today), filters.today)
    if not include_done:
        df = df[df["done_on"].isna()]
    return df.sort_values(["due_on", "company"]).reset_index(drop=True)


def _item(app_id, company, role, kind: str, why: str, due_on: date, since: date | None) -> dict:
    return {"app_id": app_id, "company": company, "role": role, "kind": kind, "why": why, "due_on": due_on,
            "since": since}


def _thank_yous(con, sql: str, params) -> list[dict]:
    """A thank-you after the latest interview (a screen or later conversation with a date)."""
    rows = con.execute(f"""
            with f as ({sql})
            select f.app_id, f.company, f.role, arg_max(e.stage, e.happened_on), max(e.happened_on)
            from stage_events e join f using (app_id)
            where e.stage in ('screen', 'interview', 'final') and e.happened_on is not null
            group by f.app_id, f.company, f.role""", params).fetchall()
    return [_item(app_id, company, role, "thank_you", f"{stage} on {on:%d %b %Y}",
                  on + timedelta(days=THANK_YOU_DAYS), on)
            for app_id, company, role, stage, on in rows]


def _decided_on(value) -> date | None:
    """The date a decision came on, or None when it has none (NaT is not equal to itself)."""
    return value.date() if hasattr(value, "date") and value == value else None


def _feedback_asks(decisions: pd.DataFrame) -> list[dict]:
    """A feedback request after a company's rejection that came after an interview, unless already asked."""
    if not len(decisions):
        return []
    asked = decisions["feedback_requested"].fillna(False).astype(bool)
    late = decisions[(decisions["side"] == "company") & (decisions["outcome"] == "rejected")
                     & (decisions["rung"] >= 2) & ~asked]
    items = []
    for r in late.itertuples():
        when = _decided_on(r.decided_on)
        if when is None:
            continue  # no date: no way to tell whether asking is still timely
        items.append(_item(r.app_id, r.company, r.role, "ask_feedback",
                           f"rejected after reaching the {STAGE_LABELS[r.furthest_stage].lower()} stage",
                           when + timedelta(days=FEEDBACK_DAYS), when))
    return items


def _recontacts(decisions: pd.DataFrame, today: date) -> list[dict]:
    """Get back in touch with the companies that said "not now", when they said (or a few months on)."""
    if not len(decisions):
        return []
    items = []
    for r in decisions[decisions["reason"] == "timing"].itertuples():
        dated = _decided_on(r.decided_on)
        months = _months_from(r.text) or RECONTACT_DEFAULT_MONTHS
        items.append(_item(r.app_id, r.company, r.role, "recontact", f"they said not now: “{(r.phrase or '')[:80]}”",
                           _add_months(dated or today, months), dated))
    return items


def _nudges(con, sql: str, params, ghost_after_days: int) -> list[dict]:
    """A polite nudge when an application has been silent for the ghosting threshold."""
    rows = con.execute(f"""
            select app_id, company, role, last_activity_on, applied_on from ({sql})
            where ghosted_by_silence""", params).fetchall()
    return [_item(app_id, company, role, "nudge", f"no answer since {last:%d %b %Y}",
                  last + timedelta(days=ghost_after_days), applied or last)
            for app_id, company, role, last, applied in rows]


def _still_worth_sending(df: pd.DataFrame, today: date) -> pd.DataFrame:
    """Drop the follow-ups gone stale (a thank-you a month late); re-contact dates never go stale."""
    fresh = [STALE_AFTER_DAYS.get(kind) is None or due >= today - timedelta(days=STALE_AFTER_DAYS[kind])
             for due, kind in zip(df["due_on"], df["kind"], strict=True)]
    return df[fresh] if len(df) else df


def _with_done_and_contact(con, df: pd.DataFrame, today: date) -> pd.DataFrame:
    """Each item with the day it was ticked done, the application's contact, what to do, and whether overdue."""
    done = con.execute("select app_id, kind, done_on from follow_up_done").df()
    df = df.merge(done, on=["app_id", "kind"], how="left")
    contacts = con.execute("select app_id, contact from applications").df()
    df = df.merge(contacts, on="app_id", how="left")
    df["since"] = [v if isinstance(v, date) else None for v in df["since"]]
    df["contact"] = df["contact"].astype(object).where(df["contact"].notna(), None)
    df["what"] = df["kind"].map(KINDS)
    df["due_on"] = pd.to_datetime(df["due_on"]).dt.date
    df["overdue"] = df["done_on"].isna() & (df["due_on"] < today)
    return df


def mark_done(con, app_id: int, kind: str, on: date | None = None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown follow-up {kind!r}")
    con.execute("delete from follow_up_done where app_id = ? and kind = ?", [app_id, kind])
    con.execute("insert into follow_up_done values (?, ?, ?)", [app_id, kind, on or date.today()])
    if kind == "ask_feedback":
        con.execute("""update applications set feedback_requested = true,
                       edited_fields = list_distinct(list_append(edited_fields, 'feedback_requested'))
                       where app_id = ?""", [app_id])


# -- action items from mentor meetings ------------------------------------------------------------------------------

def add_action(con, text: str, due_on: date | None = None, app_id: int | None = None, reason: str | None = None,
               meeting_on: date | None = None) -> int:
    """An action item, optionally linked to an application or a rejection reason."""
    text = (text or "").strip()
    if not text:
        raise ValueError("An action item needs some text.")
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    if app_id is not None and one(con, "select count(*) from applications where app_id = ?", [app_id])[0] == 0:
        raise ValueError(f"No application {app_id}.")
    new_id = one(con, "select coalesce(max(action_id), 0) + 1 from actions")[0]
    con.execute("insert into actions (action_id, text, due_on, app_id, reason, meeting_on) values (?, ?, ?, ?, ?, ?)",
                [new_id, text, due_on, app_id, reason, meeting_on])
    return new_id


def actions(con, include_done: bool = True) -> pd.DataFrame:
    df = con.execute("""select x.action_id, x.text, x.due_on, x.meeting_on, x.done_on, x.reason, x.app_id,
                               a.company, a.role
                        from actions x left join applications a using (app_id)
                        order by x.done_on is not null, x.due_on nulls last, x.action_id""").df()
    df["reason_label"] = df["reason"].map(lambda r: REASONS[r].label if r in REASONS else None)
    return df if include_done else df[df["done_on"].isna()].reset_index(drop=True)


def complete_action(con, action_id: int, on: date | None = None) -> None:
    con.execute("update actions set done_on = ? where action_id = ?", [on or date.today(), action_id])


def delete_action(con, action_id: int) -> None:
    con.execute("delete from actions where action_id = ?", [action_id])


def follow_ups_with_drafts(con, filters: Filters = ALL, lang: str = "en",
                          decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The queue, each item with its draft in `lang` from the person's templates (defaults where none)."""
    from analysis.drafts import templates, with_drafts

    return with_drafts(follow_ups(con, filters, decisions=decisions), lang, templates(con))


def follow_ups_ics(con, filters: Filters = ALL, lang: str = "en", app_id: int | None = None,
                   kind: str | None = None) -> bytes:
    """Every dated follow-up (or the one of `app_id` and `kind`) as an .ics calendar, the draft in each event."""
    from analysis.drafts import ics_calendar, queue_events

    queue = follow_ups_with_drafts(con, filters, lang)
    if app_id is not None:
        queue = queue[(queue["app_id"] == app_id) & (queue["kind"] == kind)]
    return ics_calendar(queue_events(queue))
