"""Which column holds what: known export formats first, then header names, then contents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from analysis.domain import (
    GHOST_VALUES,
    NO_VALUES,
    YES_VALUES,
    normalise_label,
    stage_of_header,
    status_meaning,
)

# Fields an application can have, with the header names people give them (normalised, see normalise_label).
FIELD_ALIASES: dict[str, list[str]] = {
    "company": ["company", "company name", "companyname", "employer", "organization", "organisation", "org",
                "firma", "unternehmen", "arbeitgeber", "empresa", "entreprise", "societe", "business"],
    "role": ["role", "job title", "jobtitle", "title", "position", "job position", "job", "job post title",
             "job name", "position title", "role title", "stelle", "stellenbezeichnung", "puesto", "cargo", "poste"],
    "url": ["url", "job url", "link", "job link", "job post url", "posting url", "posting", "job posting",
            "application link", "listing", "website"],
    "source": ["source", "channel", "job source", "jobsource", "via", "platform", "found on", "found via",
               "where found", "where applied", "application source", "quelle", "fuente"],
    "referral": ["referral", "referred", "referred by", "referral used", "referal", "empfehlung", "referido"],
    "location": ["location", "city", "place", "office", "job location", "ort", "standort", "ubicacion", "lieu"],
    "remote_type": ["work type", "remote", "workplace type", "workplacetype", "remote hybrid", "work mode",
                    "work arrangement", "arrangement", "remote onsite", "on site remote", "modality"],
    "salary": ["salary", "salary range", "compensation", "pay", "comp", "base salary", "max salary", "expected salary",
               "gehalt", "salario", "salaire", "rate"],
    "seniority": ["seniority", "level", "seniority level", "experience level", "job level"],
    "field": ["industry", "field", "sector", "domain", "branche"],
    "rating": ["interest", "excitement", "fit", "fit score", "rating", "priority", "score", "interest level", "match"],
    "applied_on": ["applied date", "date applied", "application date", "applied on", "applied", "initial app date",
                   "date of application", "applieddate", "submitted", "submitted on", "date", "datum", "fecha"],
    "status": ["status", "stage", "state", "current status", "current stage", "listname", "list", "result",
               "outcome", "application status", "progress", "estado", "statut"],
    "status_date": ["status date", "last action date", "last updated", "updated", "lastmovedat", "last moved at",
                    "last contact", "date of last contact", "response date", "last activity", "updated at",
                    "outcome date", "decision date"],
    "feedback": ["feedback", "rejection reason", "reason", "rejection feedback", "feedback received text",
                 "why rejected", "interview feedback"],
    "notes": ["notes", "note", "comments", "comment", "remarks", "details", "notizen", "notas", "remarques"],
    "record_id": ["id", "job id", "application id", "record id", "uuid"],
    "description": ["job description", "description", "htmldescription", "jd", "job summary"],
    "contact": ["contact", "recruiter", "contact name", "contact person", "hiring manager name"],
    "event": ["event", "step", "activity", "action", "history", "timeline", "events", "stage history"],
    "auto_rejected": ["auto rejected", "auto reject", "autorejected"],
    "in_progress": ["in progress", "inprogress", "active", "open"],
    "edge_from": ["from", "source stage", "from stage"],
    "edge_to": ["target", "to", "to stage", "target stage", "next stage"],
    "feedback_requested": ["feedback requested", "asked for feedback", "feedback asked"],
    "feedback_received": ["feedback received", "got feedback"],
    "aligned": ["aligned with career goals", "aligned with goals", "career aligned", "aligned", "career fit"],
}

APP_FIELDS = ["company", "role", "url", "source", "referral", "location", "remote_type", "salary", "seniority",
              "field", "rating", "applied_on", "status", "status_date", "feedback", "notes", "record_id",
              "description", "contact", "feedback_requested", "feedback_received", "aligned"]
DATE_FIELDS = ("applied_on", "status_date")

FIELD_LABELS = {
    "company": "Company", "role": "Role / job title", "url": "Job URL", "source": "Source / channel",
    "referral": "Referral (yes/no)", "location": "Location", "remote_type": "Remote / hybrid / onsite",
    "salary": "Salary", "seniority": "Seniority", "field": "Field / industry", "rating": "Interest / fit rating",
    "applied_on": "Date applied", "status": "Status", "status_date": "Date of the status",
    "feedback": "Rejection feedback", "notes": "Notes", "record_id": "Tracker's own id",
    "description": "Job description", "contact": "Contact", "event": "Event / step (event log)",
    "auto_rejected": "Auto-rejected flag", "in_progress": "In-progress flag",
    "edge_from": "Transition from (edge list)", "edge_to": "Transition to (edge list)",
    "feedback_requested": "Feedback requested", "feedback_received": "Feedback received",
    "aligned": "Aligned with career goals (yes/no)",
}


@dataclass
class KnownFormat:
    name: str
    header: tuple[str, ...]
    mapping: dict[str, str]  # field -> header
    defaults: dict[str, str] = field(default_factory=dict)  # field -> constant (e.g. source LinkedIn)
    date_order: str | None = None


KNOWN_FORMATS: list[KnownFormat] = [
    KnownFormat(
        "linkedin",
        ("Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url",
         "Resume Name", "Question And Answers"),
        {"applied_on": "Application Date", "company": "Company Name", "role": "Job Title", "url": "Job Url"},
        {"source": "LinkedIn"},
        date_order="mdy",
    ),
    KnownFormat(
        "linkedin_saved",
        ("Saved Date", "Job Url", "Job Title", "Company Name"),
        {"applied_on": "Saved Date", "company": "Company Name", "role": "Job Title", "url": "Job Url"},
        {"source": "LinkedIn"},
        date_order="mdy",
    ),
    KnownFormat(
        "huntr",
        ("id", "createdAt", "title", "salary", "location", "url", "rootDomain", "htmlDescription", "deadline",
         "color", "lastMovedAt", "boardId", "boardName", "listId", "listName", "companyId", "companyName",
         "companyDomain", "creatorUserId", "creatorUserFirstName", "creatorUserLastName", "creatorUserEmail"),
        {"record_id": "id", "applied_on": "createdAt", "role": "title", "salary": "salary", "location": "location",
         "url": "url", "description": "htmlDescription", "status_date": "lastMovedAt", "status": "listName",
         "company": "companyName"},
        {"source": "Huntr"},
    ),
    KnownFormat(
        "jobsync",
        ("index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "jobType", "workplaceType",
         "Location", "JobSource", "Status"),
        {"applied_on": "appliedDate", "company": "Company", "role": "JobTitle", "remote_type": "workplaceType",
         "location": "Location", "source": "JobSource", "status": "Status"},
    ),
    KnownFormat(
        "teal",
        ("Job Position", "Company", "Max. Salary", "Location", "Status", "Date Saved", "Deadline", "Date Applied",
         "Follow up", "Excitement"),
        {"role": "Job Position", "company": "Company", "salary": "Max. Salary", "location": "Location",
         "status": "Status", "applied_on": "Date Applied", "rating": "Excitement"},
    ),
    KnownFormat(
        "simplify",
        ("Job Title", "Company Name", "Job URL", "Applied Date", "Status", "Status Date", "Archived", "Date Archived",
         "Notes"),
        {"role": "Job Title", "company": "Company Name", "url": "Job URL", "applied_on": "Applied Date",
         "status": "Status", "status_date": "Status Date", "notes": "Notes"},
    ),
]
FORMAT_NAMES = ["auto", *[f.name for f in KNOWN_FORMATS], "generic"]


def detect_format(header: list[str]) -> KnownFormat | None:
    """A known export when (almost) all of its columns are present by exact name."""
    have = {h.strip().lower() for h in header}
    for fmt in KNOWN_FORMATS:
        want = {h.lower() for h in fmt.header}
        if len(want & have) >= max(len(want) - 1, 3) and all(h.lower() in have for h in fmt.mapping.values()):
            return fmt
    return None


def format_by_name(name: str) -> KnownFormat | None:
    return next((f for f in KNOWN_FORMATS if f.name == name), None)


_DATE_LIKE = re.compile(
    r"^\s*(before |after |~)?(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?|\d{1,2} [A-Za-z]{3,}|"
    r"[A-Za-z]{3,}\.? \d{1,2}(,? \d{4})?|\d{5})\b", re.I)
_URL_LIKE = re.compile(r"^\s*(https?://|www\.)\S+$", re.I)
_BOOL_LIKE = {"yes", "no", "y", "n", "true", "false", "0", "1", "x", ""}


def looks_like(kind: str, values: list[str]) -> float:
    """Share of non-empty sample values that look like `kind` (date, url, bool, status, stage_cell)."""
    vals = [v for v in values if v is not None and v.strip() != ""]
    if not vals:
        return 0.0
    if kind == "date":
        hits = sum(1 for v in vals if _DATE_LIKE.match(v))
    elif kind == "url":
        hits = sum(1 for v in vals if _URL_LIKE.match(v))
    elif kind == "bool":
        hits = sum(1 for v in vals if v.strip().lower() in _BOOL_LIKE)
    elif kind == "status":
        distinct = set(vals)
        known = sum(1 for v in distinct if status_meaning(v) is not None)
        return known / len(distinct) if len(distinct) <= max(40, len(vals) // 5) else 0.0
    elif kind == "stage_cell":
        ok = YES_VALUES | NO_VALUES | GHOST_VALUES
        hits = sum(1 for v in vals if v.strip().lower() in ok or _DATE_LIKE.match(v))
    else:
        raise ValueError(kind)
    return hits / len(vals)


@dataclass
class ColumnGuess:
    mapping: dict[str, str]  # field -> header
    stage_columns: dict[str, str]  # header -> stage
    reasons: dict[str, str]  # field -> why


def _score(header: str, field_name: str) -> int:
    norm = normalise_label(header)
    best = 0
    for alias in FIELD_ALIASES[field_name]:
        if norm == alias:
            return 100
        if len(alias) >= 4 and len(norm) >= 4:
            best = max(best, int(fuzz.token_sort_ratio(norm, alias)))
    return best


_CONTENT_CHECK = {"applied_on": "date", "status_date": "date", "url": "url", "referral": "bool", "aligned": "bool",
                  "auto_rejected": "bool", "in_progress": "bool"}


def guess_columns(header: list[str], samples: dict[str, list[str]]) -> ColumnGuess:
    """Map headers to fields by name (exact alias, then close spelling), confirmed by the contents."""
    candidates: list[tuple[int, str, str]] = []
    for h in header:
        for f in FIELD_ALIASES:
            s = _score(h, f)
            if s >= 86:
                kind = _CONTENT_CHECK.get(f)
                if kind and samples.get(h) and looks_like(kind, samples[h]) < 0.5:
                    continue
                candidates.append((s, f, h))
    candidates.sort(key=lambda t: -t[0])
    mapping: dict[str, str] = {}
    reasons: dict[str, str] = {}
    used: set[str] = set()
    for s, f, h in candidates:
        if f in mapping or h in used:
            continue
        mapping[f] = h
        used.add(h)
        reasons[f] = "by its name" if s == 100 else f"by its name (close to '{_closest(h, f)}')"
    # stage columns: a header naming a stage whose cells are Y/N/G/dates
    stage_columns: dict[str, str] = {}
    for h in header:
        if h in used:
            continue
        st = stage_of_header(h)
        if st and samples.get(h) is not None and looks_like("stage_cell", samples[h]) >= 0.8:
            stage_columns[h] = st
    if len(stage_columns) < 2:
        stage_columns = {}
    else:
        used.update(stage_columns)
    # contents: a URL column, a date column, a status column nobody named
    for h in header:
        if h in used or not samples.get(h):
            continue
        vals = samples[h]
        if "url" not in mapping and looks_like("url", vals) >= 0.8:
            mapping["url"], reasons["url"] = h, "its cells are web links"
            used.add(h)
        elif "applied_on" not in mapping and looks_like("date", vals) >= 0.8:
            mapping["applied_on"], reasons["applied_on"] = h, "its cells are dates"
            used.add(h)
        elif "status" not in mapping and not stage_columns and looks_like("status", vals) >= 0.6:
            mapping["status"], reasons["status"] = h, "its cells are application statuses"
            used.add(h)
    # an edge list is 'Source' + 'Target' holding stage names: then 'Source' is not a channel
    src = mapping.get("source")
    if "edge_to" in mapping and src and samples.get(src) and _stageish(samples[src]) >= 0.6:
        mapping["edge_from"] = mapping.pop("source")
        reasons["edge_from"] = "it holds stage names beside a 'Target' column"
        reasons.pop("source", None)
    if "edge_to" in mapping and "edge_from" not in mapping:
        del mapping["edge_to"]
    return ColumnGuess(mapping, stage_columns, reasons)


def _stageish(values: list[str]) -> float:
    from analysis.domain import EDGE_STARTS, EDGE_TERMINALS, stage_of_node

    vals = [v for v in values if v and v.strip()]
    if not vals:
        return 0.0
    hits = sum(1 for v in vals if stage_of_node(v) or normalise_label(v) in EDGE_TERMINALS or normalise_label(v) in EDGE_STARTS)
    return hits / len(vals)


def _closest(header: str, field_name: str) -> str:
    norm = normalise_label(header)
    return max(FIELD_ALIASES[field_name], key=lambda a: fuzz.token_sort_ratio(norm, a))
