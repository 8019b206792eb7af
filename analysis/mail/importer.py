"""A mailbox imported: read -> classify -> match -> plan (what each job mail proposes) -> apply (store the job
mail, nothing else) -> accept (the person's yes turns a proposal into applications, outcomes and stage events).

Only job mail is stored; other mail is counted and dropped. A Message-ID is stored once, so importing the same
mailbox again adds nothing, and what the person chose (a proposal turned down, reassigned, "not job-related")
stays as they left it."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from analysis.ingest.read import BadInput
from analysis.ingest.write import ImportEntry
from analysis.mail.company import company_of, role_of
from analysis.mail.match import Matcher, load_apps
from analysis.mail.read import FAST_POLICY, Mail, MailFile, first_look, open_mail, parse_message
from analysis.mail.reasons import reason_text
from analysis.mail.rules import CONFIDENT, classify
from analysis.sqlutil import one

PROPOSAL_OF_KIND = {"application_received": "new_application", "rejection": "rejection",
                    "interview_invite": "stage_event", "assessment": "stage_event", "offer": "offer"}
PROPOSALS = ("new_application", "rejection", "stage_event", "offer")
ACCEPT_ORDER = {"new_application": 0, "stage_event": 1, "offer": 2, "rejection": 3}
_SCREEN = re.compile(r"\b(phone|call|screen|recruiter|HR|Telefon\w*|telefonisch|kurze[snm]? (Gespräch|Kennenlernen)|"
                     r"téléphon\w*|first conversation|initial conversation|introductory)\b", re.IGNORECASE)
# an interview by its name: a calendar's 'Q1 planning meeting' or '1:1 call' is no interview (a person who just lost
# a job has their old job's meetings in the same calendar)
_CAL_INTERVIEW = re.compile(r"\b(interview\w*|screen\w*|\w*gespräch|vorstellung\w*|entretien|entrevista|kennenlernen|"
                            r"onsite|on-site|panel|final round|technical (round|call)|hiring manager|recruiter|"
                            r"(intro|introductory|phone|screening|hr|discovery|first|initial|quick) (call|chat)|"
                            r"(call|chat|meeting|conversation) with (the )?(talent|hiring|recruit\w*|people team|"
                            r"founders?|cto|ceo))\b", re.IGNORECASE)


@dataclass
class MailRecord:
    mail: Mail
    kind: str
    confidence: float
    rule: str
    phrase: str | None
    company: str | None
    role: str | None
    app_id: int | None
    proposal: str | None
    stage: str | None


@dataclass
class MailPlan:
    file: MailFile
    records: list[MailRecord]
    messages_read: int
    other_dropped: int
    duplicates_in_file: int
    already_stored: int
    warnings: list[str] = field(default_factory=list)

    @property
    def by_kind(self) -> dict[str, int]:
        return dict(Counter(r.kind for r in self.records))

    @property
    def proposals(self) -> dict[str, int]:
        return dict(Counter(r.proposal for r in self.records if r.proposal))

    @property
    def needs_review(self) -> int:
        return sum(1 for r in self.records if r.proposal and r.confidence < CONFIDENT)


@dataclass
class MailImportResult(ImportEntry):
    """The import entry, with the keys every spreadsheet entry has (so tools reading all entries keep working)
    and the mail ones design.md adds."""

    messages_read: int
    job_messages: int
    by_kind: dict
    proposals: dict
    needs_review: int
    accepted: int = 0
    other_dropped: int = 0
    rejects: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    unmapped_labels: list = field(default_factory=list)
    import_id: int | None = None


def _stage_for(rec_kind: str, m: Mail, phrase: str | None) -> str | None:
    if rec_kind == "assessment":
        return "assessment"
    if rec_kind == "offer":
        return "offer"
    if rec_kind == "interview_invite":
        return "screen" if _SCREEN.search(f"{m.subject} {phrase or ''}") else "interview"
    return None


def _interview_invitation(m: Mail) -> bool:
    return bool(m.invite) and bool(_CAL_INTERVIEW.search(f"{m.invite} {m.subject}"))


# the rules that say what else a mail is (a consulate's interview, a flat, an event): a calendar entry does not
# make it job mail
_NOT_JOB = ("not_a_job", "visa_appointment", "not_job_mail", "an_event")


def read_record(m: Mail) -> MailRecord | None:
    """One message classified; None when it is not job mail."""
    phrase: str | None
    if m.source == "calendar":
        if not _CAL_INTERVIEW.search(f"{m.subject} {m.body_text[:500]}"):
            return None
        kind, conf, rule, phrase = "interview_invite", 0.85, "calendar_event", m.subject
    else:
        v = classify(m.subject, m.body_text)
        if _interview_invitation(m) and v.kind in ("other", "application_received") and v.rule not in _NOT_JOB:
            # a calendar invitation for an interview the words did not name ('You have been invited to the
            # following event'): the event says it, and on which day (not where the words say what else it is:
            # a consulate's 'Entrevista consular')
            kind, conf, rule, phrase = "interview_invite", 0.85, "calendar_invitation", f"invitation: {m.invite}"
        elif not v.is_job:
            return None
        else:
            kind, conf, rule, phrase = v.kind, v.confidence, v.rule, v.phrase
    comp = company_of(m.subject, m.body_text, m.sender_name, m.sender_addr)
    role = role_of(m.subject, m.body_text)
    return MailRecord(mail=m, kind=kind, confidence=conf, rule=rule, phrase=phrase, company=comp.value, role=role.value,
                      app_id=None, proposal=PROPOSAL_OF_KIND[kind], stage=_stage_for(kind, m, phrase))


def _classify_one(raw: bytes | Mail) -> tuple[str, MailRecord | None]:
    """(Message-ID, its record or None for other mail). The first read uses the fast policy; job mail is read
    again with policy.default, and kept as that reads it."""
    if isinstance(raw, Mail):
        return raw.message_id, read_record(raw)
    mid, subject, body, invite = first_look(raw)
    if not classify(subject, body).is_job and not (invite and _CAL_INTERVIEW.search(f"{invite} {subject}")):
        return mid, None  # most mail ends here: neither its sender nor its date is ever read
    m = parse_message(raw)
    return mid, read_record(m) or read_record(parse_message(raw, FAST_POLICY))


def _classified(mf: MailFile, progress):
    """(Message-ID, record) for every message in file order, streamed."""
    for raw in mf.raw_messages(progress):
        yield _classify_one(raw)


def plan_mail(con, source: MailFile | bytes | str, name: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> MailPlan:
    """Read every message, keep the job mail with what it proposes. Nothing is written."""
    mf = source if isinstance(source, MailFile) else open_mail(source, name)
    stored = {r[0] for r in con.execute("select message_id from messages").fetchall()}
    seen: set[str] = set()
    records: list[MailRecord] = []
    read = other = dup_file = already = 0
    for mid, rec in _classified(mf, progress):
        read += 1
        if mid in seen:
            dup_file += 1
            continue
        seen.add(mid)
        if mid in stored:
            already += 1
            continue
        if rec is None:
            other += 1
            continue
        records.append(rec)
    if read == 0:
        raise BadInput(f"{mf.name} holds no message.")
    matcher = Matcher(load_apps(con))
    for rec in records:
        on = rec.mail.sent_at.date() if rec.mail.sent_at else None
        rec.app_id, _ = matcher.match(rec.company, rec.role, on, rec.kind)
        if rec.kind == "application_received" and rec.app_id is not None:
            rec.proposal = None  # already tracked: nothing to add
    warnings = []
    if already:
        warnings.append(f"{already} message(s) were imported before; they are left as they were.")
    if dup_file:
        warnings.append(f"{dup_file} message(s) appear twice in this file (same Message-ID); each is kept once.")
    return MailPlan(file=mf, records=records, messages_read=read, other_dropped=other, duplicates_in_file=dup_file,
                    already_stored=already, warnings=warnings)


_INSERT = """insert into messages (message_id, sent_at, sender, subject, body_text, kind, company, role, confidence,
             decided_by, phrase, app_id, status, proposal, stage, event_on, source, import_id)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def apply_mail(con, plan: MailPlan, accept: str = "none") -> MailImportResult:
    """Store the plan's job mail (one transaction), then accept proposals as `accept` says: none, confident, all."""
    if accept not in ("none", "confident", "all"):
        raise ValueError("accept is none, confident or all")
    recs = plan.records
    con.execute("begin transaction")
    try:
        import_id = one(con, "select nextval('import_id_seq')")[0]
        rows = [[r.mail.message_id, r.mail.sent_at, r.mail.sender, r.mail.subject, r.mail.body_text, r.kind, r.company,
                 r.role, r.confidence, f"{r.rule}: {r.phrase}" if r.phrase else r.rule, r.phrase, r.app_id,
                 "proposed" if r.proposal else "no_change", r.proposal, r.stage, r.mail.event_on, r.mail.source,
                 import_id]
                for r in recs]
        if rows:
            con.executemany(_INSERT, rows)
        result = MailImportResult(
            file=plan.file.name, format=plan.file.kind, shape="mail", rows_read=plan.messages_read,
            applications_added=0, applications_updated=0,
            duplicates_skipped=plan.already_stored + plan.duplicates_in_file, rows_rejected=0,
            messages_read=plan.messages_read, job_messages=len(recs), by_kind=plan.by_kind, proposals=plan.proposals,
            needs_review=plan.needs_review, other_dropped=plan.other_dropped, warnings=list(plan.warnings),
            import_id=import_id)
        con.execute("""insert into imports (import_id, file_name, sha256, format, shape, encoding, mapping, rows_read,
                       applications_added, applications_updated, duplicates_skipped, rows_rejected, warnings,
                       unmapped_labels)
                       values (?, ?, ?, ?, 'mail', null, ?, ?, 0, 0, ?, 0, ?, '[]')""",
                    [import_id, plan.file.name, plan.file.sha256, plan.file.kind,
                     json.dumps({"by_kind": result.by_kind, "proposals": result.proposals,
                                 "other_dropped": plan.other_dropped}),
                     plan.messages_read, result.duplicates_skipped, json.dumps(result.warnings)])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    if accept != "none":
        ids = [r.mail.message_id for r in recs if r.proposal and (accept == "all" or r.confidence >= CONFIDENT)]
        done = accept_proposals(con, ids)
        result.accepted = done["accepted"]
        result.applications_added = done["applications_added"]
        result.applications_updated = done["applications_updated"]
    return result


def import_mail(con, source, name: str | None = None, accept: str = "none",
                progress: Callable[[int, int], None] | None = None) -> MailImportResult:
    return apply_mail(con, plan_mail(con, source, name, progress), accept)


# --------------------------------------------------------------------------------------------------------------
# the person's choices

def pending(con, kind: str | None = None) -> list[dict]:
    """Proposals not yet accepted or turned down, oldest first."""
    where, params = "status = 'proposed'", []
    if kind:
        where += " and proposal = ?"
        params.append(kind)
    df = con.execute(f"""select m.message_id, m.sent_at, m.sender, m.subject, m.body_text, m.kind, m.company, m.role,
                                m.confidence, m.decided_by, m.phrase, m.app_id, m.proposal, m.stage, m.event_on,
                                a.company as app_company, a.role as app_role
                         from messages m left join applications a using (app_id)
                         where {where} order by m.sent_at nulls last, m.message_id""", params).df()
    return df.to_dict("records")


def proposal_counts(con) -> dict:
    """Per proposal kind: pending confident, pending to review, accepted."""
    rows = con.execute("""select proposal,
                                 count(*) filter (where status = 'proposed' and confidence >= ?),
                                 count(*) filter (where status = 'proposed' and confidence < ?),
                                 count(*) filter (where status = 'accepted')
                          from messages where proposal is not null group by proposal""",
                       [CONFIDENT, CONFIDENT]).fetchall()
    return {p: {"confident": a, "review": b, "accepted": c} for p, a, b, c in rows}


def _new_app_id(con) -> int:
    return one(con, "select coalesce(max(app_id), 0) + 1 from applications")[0]


def _create_app(con, company, role, applied_on, message_id) -> int:
    from analysis.roles import role_family, seniority_of

    app_id = _new_app_id(con)
    con.execute("""insert into applications (app_id, app_key, company, role, applied_on, stage, outcome, source,
                   channel, origin, role_family, seniority_level, stage_decided_by, outcome_decided_by)
                   values (?, ?, ?, ?, ?, 'applied', 'active', 'mail', 'Unknown', 'mail', ?, ?, ?, ?)""",
                # where it came from is its source and origin ('mail'), not a note: notes are the person's words, and
                # the rejection reasons read them
                [app_id, f"mail:{message_id}", company, role, applied_on, role_family(role), seniority_of(role, None),
                 "a mail confirmed the application", "no answer by mail yet"])
    con.execute("insert into stage_events values (?, 'applied', ?, 'mail: application confirmed', 'mail')",
                [app_id, applied_on])
    return app_id


def accept_proposals(con, message_ids: list[str]) -> dict:
    """Carry out the proposals of these messages, in one transaction: confirmations add applications, invitations
    and assessments add stage events, offers an offer event, rejections close the application (outcome rejected,
    dated by the mail, the mail's reason-bearing text as feedback). A rejection or event whose application is
    not known adds the application first."""
    if not message_ids:
        return {"accepted": 0, "applications_added": 0, "applications_updated": 0}
    rows = con.execute("""select message_id, sent_at, subject, body_text, company, role, app_id, proposal, stage,
                                 event_on, phrase, decided_by
                          from messages where status = 'proposed' and list_contains(?, message_id)""",
                       [list(message_ids)]).fetchall()
    rows.sort(key=lambda r: (r[1] or datetime.min, ACCEPT_ORDER.get(r[7], 9)))
    added = updated = 0
    con.execute("begin transaction")
    try:
        matcher = Matcher(load_apps(con))
        for mid, sent_at, subject, body, company, role, app_id, proposal, stage, event_on, _phrase, decided_by in rows:
            on = sent_at.date() if sent_at else None
            if app_id is None or one(con, "select count(*) from applications where app_id = ? and not deleted",
                                     [app_id])[0] == 0:
                app_id, _ = matcher.match(company, role, on,
                                          "application_received" if proposal == "new_application" else "rejection")
            if app_id is None:
                if not company and not role:
                    continue  # nothing to name an application by: stays to be reassigned by hand
                app_id = _create_app(con, company, role, on, mid)
                added += 1
                matcher = Matcher(load_apps(con))
            elif proposal != "new_application":
                updated += 1
            if proposal in ("stage_event", "offer"):
                con.execute("insert into stage_events values (?, ?, ?, ?, 'mail')",
                            [app_id, stage or "interview", event_on or on, f"mail: {subject or decided_by}"[:300]])
                con.execute("update applications set updated_at = current_timestamp where app_id = ?", [app_id])
            elif proposal == "rejection":
                feedback = reason_text(body, company, role, subject)
                # the reason-bearing sentences only (names, greetings, footers and courtesy set aside), so the reason
                # rules read what the company said; the whole mail stays in `messages`
                said = f"mail of {on}: '{(_phrase or subject or '')[:80]}'"
                con.execute("""update applications set outcome = 'rejected', outcome_on = ?, feedback = ?,
                               edited_fields = list_distinct(list_concat(edited_fields,
                                                                         ['outcome', 'outcome_on', 'feedback'])),
                               outcome_decided_by = ?, updated_at = current_timestamp
                               where app_id = ?""", [on, feedback or None, said, app_id])
            con.execute("update messages set status = 'accepted', app_id = ?, decided_at = current_timestamp "
                        "where message_id = ?", [app_id, mid])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return {"accepted": len(rows), "applications_added": added, "applications_updated": updated}


def reject_proposal(con, message_id: str) -> None:
    """The person says no to what this mail proposes; it stays no on every re-import."""
    con.execute("update messages set status = 'rejected', decided_at = current_timestamp where message_id = ?",
                [message_id])


def reassign(con, message_id: str, app_id: int) -> None:
    """This mail is about another application."""
    con.execute("update messages set app_id = ?, decided_at = current_timestamp where message_id = ?",
                [app_id, message_id])


def not_job_related(con, message_id: str) -> None:
    """Not job mail after all: its text is dropped, its Message-ID kept so a re-import does not bring it back."""
    con.execute("""update messages set status = 'not_job', kind = 'other', body_text = null, proposal = null,
                   decided_at = current_timestamp where message_id = ?""", [message_id])


def accept_confident(con, proposal: str) -> dict:
    ids = [r[0] for r in con.execute("select message_id from messages where status = 'proposed' and proposal = ? "
                                     "and confidence >= ?", [proposal, CONFIDENT]).fetchall()]
    return accept_proposals(con, ids)


def mail_outcomes(con, filters=None) -> int:
    """How many applications (of those the filters keep) had their outcome from accepted mail: the mentor report
    says so. An application whose outcome the person later set by hand no longer counts."""
    from analysis.facts import filtered_facts_sql
    from analysis.filters import ALL

    sql, params = filtered_facts_sql(filters or ALL)
    return con.execute(f"""with f as ({sql})
                           select count(distinct m.app_id) from messages m join f using (app_id)
                           where m.status = 'accepted' and m.proposal = 'rejection' and f.outcome_now = 'rejected'""",
                       params).fetchone()[0]


def store_is_empty(con) -> bool:
    return one(con, "select count(*) from applications where not deleted")[0] == 0


def sent_day(m: Mail) -> date | None:
    return m.sent_at.date() if m.sent_at else None


__all__ = ["MailImportResult", "MailPlan", "accept_confident", "accept_proposals", "apply_mail", "import_mail",
           "not_job_related", "pending", "plan_mail", "proposal_counts", "reassign", "reject_proposal"]
