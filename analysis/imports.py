"""The imports made so far, and taking one back: what an import added goes, with its steps and links.

An import that only updated applications already there cannot give back their earlier values (Hindsight keeps no
older version of a row): those keep what the import wrote, and removing it says so."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.sqlutil import one


class RemoveError(ValueError):
    """An import that cannot be removed, with the reason in words."""


@dataclass
class Removed:
    file_name: str
    applications: int  # the applications it added, now gone
    edited: int  # of those, the ones the person had edited in the app
    updated_kept: int  # applications it updated, which keep what it wrote
    mail_unlinked: int  # mail linked to a removed application, back in the Inbox
    examples: tuple[str, ...] = ()  # the first few of them, by company (or role)


def history(con) -> pd.DataFrame:
    """One row per import, newest first: when, which file, its counts, how many of the applications it added are
    still there (removable; None for an import made before Hindsight recorded that), when it was removed, and
    where it stands now in words."""
    return con.execute("""
        with h as (
            select i.import_id, i.imported_at, i.file_name, i.rows_read, i.applications_added,
                   i.applications_updated, i.removed_at,
                   case when i.removed_at is not null then 0
                        when i.applications_added > 0 and a.n is null then null else coalesce(a.n, 0) end as still_there
            from imports i
            left join (select added_by, count(*) as n from applications group by 1) a on a.added_by = i.import_id)
        select *, case when removed_at is not null then 'removed ' || strftime(removed_at, '%Y-%m-%d')
                       when still_there is null then 'imported before Hindsight kept track of what an import added'
                       else still_there || ' still there' end as now
        from h order by import_id desc""").df()


def what_removing_takes(con, import_id: int) -> Removed:
    """What removing this import would do, changing nothing (the page shows it before the person says yes).
    Raises RemoveError where it cannot be removed."""
    row = con.execute("select file_name, removed_at, applications_added from imports where import_id = ?",
                      [import_id]).fetchone()
    if row is None:
        raise RemoveError(f"There is no import {import_id}.")
    name, removed_at, added = row
    if removed_at is not None:
        raise RemoveError(f"The import of {name} was already removed (on {removed_at:%Y-%m-%d}).")
    n_added, edited, updated, mail = one(con, """
        select count(*) filter (where added_by = $id),
               count(*) filter (where added_by = $id and len(edited_fields) > 0),
               count(*) filter (where import_id = $id and added_by is distinct from $id),
               (select count(*) from messages where app_id in (select app_id from applications where added_by = $id))
        from applications""", {"id": import_id})
    if added and not n_added:
        raise RemoveError(f"The import of {name} was made before Hindsight recorded which applications an import "
                          "added, so it cannot be taken back as a whole. Delete its applications on the Data page.")
    examples = tuple(t for (t,) in con.execute("""select coalesce(company, role) from applications
                                                    where added_by = ? and coalesce(company, role) is not null
                                                    order by app_id limit 4""", [import_id]).fetchall())
    return Removed(name, n_added, edited, updated, mail, examples)


def remove_import(con, import_id: int) -> Removed:
    """Take an import back, in one transaction: the applications it added are deleted with their steps, follow-ups
    and reason corrections; mail linked to them goes back to the Inbox, actions lose the link. Re-importing the
    file afterwards adds them again (a deleted row would stay deleted; a removed one does not)."""
    takes = what_removing_takes(con, import_id)
    con.execute("begin transaction")
    try:
        con.execute("create or replace temp table hs_gone as select app_id from applications where added_by = ?",
                    [import_id])
        gone = "(select app_id from hs_gone)"
        con.execute(f"""update messages set app_id = null, decided_at = null,
                        status = case when status = 'accepted' then 'proposed' else status end
                        where app_id in {gone}""")
        for table in ("stage_events", "follow_up_done", "feedback_overrides"):
            con.execute(f"delete from {table} where app_id in {gone}")
        con.execute(f"update actions set app_id = null where app_id in {gone}")
        con.execute(f"update applications set likely_duplicate_of = null where likely_duplicate_of in {gone}")
        con.execute(f"delete from applications where app_id in {gone}")
        con.execute("delete from import_rejects where import_id = ?", [import_id])
        con.execute("update imports set removed_at = current_timestamp where import_id = ?", [import_id])
        con.execute("drop table hs_gone")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return takes


def removal_sentence(r: Removed) -> str:
    """What removing an import does (before) or did (after), in one paragraph."""
    shown = ", ".join(r.examples[:3]) + (", …" if r.applications > 3 else "")
    parts = [f"the {r.applications} application(s) that {r.file_name} added ({shown}), with their steps"
             if shown else f"the {r.applications} application(s) that {r.file_name} added, with their steps"]
    if r.edited:
        parts.append(f"{r.edited} of them you had edited or deleted")
    text = "; ".join(parts) + "."
    if r.mail_unlinked:
        text += f" {r.mail_unlinked} mail message(s) linked to them go back to your Inbox."
    if r.updated_kept:
        text += (f" {r.updated_kept} application(s) it updated were there before it and keep what it wrote "
                 "(Hindsight keeps no earlier version of a row).")
    return text
