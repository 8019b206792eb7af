"""The job-search domain: the stage ladder, outcomes and the words people use for them.

Everything here is data or a tiny pure function, so it can be read, tested and extended alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The ladder, in order. `assessment` is an optional step, not a rung.
LADDER: tuple[str, ...] = ("applied", "screen", "interview", "final", "offer", "hired")
ASSESSMENT = "assessment"
STAGES: tuple[str, ...] = (*LADDER, ASSESSMENT)
RUNG = {stage: i for i, stage in enumerate(LADDER)}

OUTCOMES: tuple[str, ...] = ("active", "rejected", "ghosted", "withdrawn", "offer_declined", "hired", "closed")

# Saved jobs are not applications: kept, shown apart, never in the funnel. The importer (analysis/ingest, the lead's)
# may mark them with one of these as the stage or the outcome; every analysis leaves such rows out (facts.py).
NOT_APPLICATION_MARKERS: tuple[str, ...] = ("wishlist", "saved", "bookmarked", "draft", "not_applied",
                                            "not_an_application")

STAGE_LABELS = {
    "applied": "Applied",
    "screen": "Screen",
    "interview": "Interview",
    "final": "Final round",
    "offer": "Offer",
    "hired": "Hired",
    "assessment": "Assessment",
}
OUTCOME_LABELS = {
    "active": "Still active",
    "rejected": "Rejected",
    "ghosted": "Ghosted",
    "withdrawn": "Withdrew",
    "offer_declined": "Declined offer",
    "hired": "Hired",
    "closed": "Closed (no decision)",
}


def readable(df, stage_columns=("furthest_stage", "stage"), outcome_columns=("outcome", "outcome_now")):
    """A copy of a table for people: stage and outcome codes ('final', 'offer_declined') as their labels
    ('Final round', 'Declined offer'); a value with no label stays as it is."""
    out = df.copy()
    for cols, labels in ((stage_columns, STAGE_LABELS), (outcome_columns, OUTCOME_LABELS)):
        for c in cols:
            if c in out.columns:
                out[c] = out[c].map(lambda v, lab=labels: lab.get(v, v) if isinstance(v, str) else v)
    return out


def blank_missing(df):
    """A copy for a table on screen: dates as YYYY-MM-DD text and every missing value an empty cell, so no table
    shows a grey 'None' or 'NaN'. (Not for editable tables: a checkbox column needs its booleans.)"""
    import pandas as pd

    out = df.copy()
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            col = col.dt.strftime("%Y-%m-%d")
        elif col.dtype == object and col.map(lambda v: hasattr(v, "isoformat") and not isinstance(v, str)).any():
            col = col.map(lambda v: v.isoformat()[:10] if hasattr(v, "isoformat") and v == v else v)
        if col.isna().any():
            col = col.astype(object).where(col.notna(), "")
        out[c] = col
    return out


MISSING_MARKERS: frozenset[str] = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "null", "none", "nil", "nan", "skipped", "undefined", "?", "tbd"}
)


@dataclass(frozen=True)
class StatusMeaning:
    stage: str
    outcome: str
    rule: str  # which rule decided it, shown to the user


def normalise_label(label: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: 'REJECTED, PRE-R1' -> 'rejected pre r1'."""
    text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9+]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def _squeeze(text: str) -> str:
    """Collapse letters repeated three or more times ('reeejected' -> 'rejected', 'noooo' -> 'no')."""
    return re.sub(r"([a-z])\1{2,}", r"\1", text)


# (regex over the normalised label, stage, outcome). First match wins, so specific before general.
# Extend by adding a line; each line has a test in tests/test_domain.py.
STATUS_RULES: list[tuple[str, str, str]] = [
    # hired / offers
    (r"\b(offer accepted|accepted offer|accepted|hired|signed|started|joined|eingestellt|contratad[oa]|embauche)\b", "hired", "hired"),
    (r"\b(offer declined|declined offer|declined the offer|turned down|offer rejected by me|angebot abgelehnt|oferta rechazada|offre refusee)\b", "offer", "offer_declined"),
    (r"\b(offer rescinded|rescinded|offer withdrawn|offer pulled)\b", "offer", "rejected"),
    # candidate stepped out
    (r"\b(withdr[ae]wn?|withdrawal|withdraw|retired|pulled out|not pursued|not interested|declined|zuruckgezogen|retirad[oa]|desiste|retire)\b", "applied", "withdrawn"),
    # ghosted
    (r"\b(ghost(ed)?|ghost job|no response|no reply|no answer|never heard back|timed out|time out|silence|keine antwort|sin respuesta|pas de reponse|sans reponse)\b", "applied", "ghosted"),
    # closed without a decision about the candidate
    (r"\b(position closed|job closed|closed|posting removed|filled|role filled|on hold|hiring freeze|cancell?ed|consolidated|expired|archived)\b", "applied", "closed"),
    # an offer still open (after the endings above, so "Ghosted after offer" is an ending)
    (r"\b(offer|offered|verbal offer|angebot|zusage|oferta|offre)\b", "offer", "active"),
    # rejected, with the rung it happened at when the label says so
    (r"\b(reject\w*|rejection|declined by|not selected|unsuccessful|no hire|dinged|denied|refused|turned away|absage|abgelehnt|rechazad[oa]|refuse|rejete|refus)\b.*\b(post final|after final|final|onsite|panel)\b", "final", "rejected"),
    (r"\b(reject\w*|rejection|not selected|unsuccessful|absage|abgelehnt|rechazad[oa]|refus\w*)\b.*\b(post r ?[2-9]|after r ?[2-9]|post interview|after interview|technical|interview)\b", "interview", "rejected"),
    (r"\b(reject\w*|rejection|not selected|unsuccessful|absage|abgelehnt|rechazad[oa]|refus\w*)\b.*\b(post r ?1|after r ?1|post first round|screen|phone|recruiter|hr)\b", "screen", "rejected"),
    (r"\b(auto reject\w*|reject\w*|rejection|not selected|unsuccessful|no hire|dinged|denied|absage|abgelehnt|rechazad[oa]|refus\w*|rejete|declined by company)\b", "applied", "rejected"),
    # active, by how far it got
    (r"\b(final|onsite|on site|panel|superday|final round|final done|last round)\b", "final", "active"),
    (r"\b(take ?home|assessment|coding challenge|challenge|test|exercise|hackerrank|codility|case study|assignment)\b", "assessment", "active"),
    (r"\b(interview\w*|interviewing|hiring manager|hm|technical|tech|system design|r ?[2-9]|round [2-9]|second round|third round|r[2-9] done|vorstellungsgesprach|entrevista|entretien)\b", "interview", "active"),
    (r"\b(screen\w*|phone|call|recruiter|hr|r ?1|round 1|first round|first round done|intro)\b", "screen", "active"),
    (r"\b(applied|submitted|sent|application|in progress|in review|under review|pending|waiting|active|resurrected|beworben|aplicad[oa]|postulad[oa]|enviad[oa]|postule|candidature)\b", "applied", "active"),
]

_COMPILED = [(re.compile(p), s, o) for p, s, o in STATUS_RULES]
_KEYWORDS = sorted({w for p, _, _ in STATUS_RULES for w in re.findall(r"[a-z]{5,}", p)})


# "Withdrew after final round", "Ghosted after interview": an ending with the rung it came at.
_STAGE_QUALIFIER = re.compile(r"\b(after|post|at|in) (the |my |a )?(?P<stage>phone screen|screen\w*|phone|recruiter|hr|"
                              r"r ?1|first round|interview\w*|technical|tech|hiring manager|r ?[2-9]|second round|"
                              r"final\w*|onsite|on site|panel|offer)\b")
_QUALIFIER_STAGE = [("final", "final"), ("onsite", "final"), ("on site", "final"), ("panel", "final"), ("offer", "offer"),
                    ("interview", "interview"), ("technical", "interview"), ("tech", "interview"),
                    ("hiring manager", "interview"), ("second round", "interview"), ("r2", "interview"),
                    ("r 2", "interview")]


def _qualified(norm: str, meaning: StatusMeaning) -> StatusMeaning:
    if meaning.outcome not in ("ghosted", "withdrawn", "closed", "rejected") or meaning.stage != "applied":
        return meaning
    m = _STAGE_QUALIFIER.search(norm)
    if not m:
        return meaning
    word = m.group("stage")
    stage = next((st for key, st in _QUALIFIER_STAGE if word.startswith(key)), None)
    if stage is None and re.match(r"r ?[3-9]", word):
        stage = "interview"
    stage = stage or "screen"
    return StatusMeaning(stage, meaning.outcome, meaning.rule + " + stage qualifier")


def status_meaning(label: str | None) -> StatusMeaning | None:
    """Map a status label to (stage, outcome); None when nothing matches (the label is reported)."""
    if label is None:
        return None
    norm = _squeeze(normalise_label(label))
    if not norm:
        return None
    for rx, stage, outcome in _COMPILED:
        if rx.search(norm):
            return _qualified(norm, StatusMeaning(stage, outcome, rx.pattern))
    # Last try: a typo of one of the rule words ('rejcted', 'interveiw').
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    fixed = []
    for token in norm.split():
        if len(token) >= 5:
            hit = process.extractOne(token, _KEYWORDS, scorer=Levenshtein.normalized_similarity, score_cutoff=0.75)
            fixed.append(hit[0] if hit else token)
        else:
            fixed.append(token)
    repaired = " ".join(fixed)
    if repaired != norm:
        for rx, stage, outcome in _COMPILED:
            if rx.search(repaired):
                return StatusMeaning(stage, outcome, f"typo of '{repaired}'")
    return None


# Stage column headers ("HR/ Recruiter Call", "Technical Interview/ Assessment") and edge-list nodes.
STAGE_HEADER_RULES: list[tuple[str, str]] = [
    (r"\b(hired|accepted|start(ed)?)\b", "hired"),
    (r"\boffer\b", "offer"),
    (r"\b(final|onsite|on site|panel|superday)\b", "final"),
    (r"\b(hr|recruiter|screen\w*|phone)\b", "screen"),
    (r"\b(hiring manager|technical|tech|interview|system design|round 2|second)\b", "interview"),
    (r"\b(take ?home|assessment|coding challenge|test|exercise|case study)\b", "assessment"),
    (r"\b(screen\w*|phone|recruiter call|hr|recruiter|intro call|call)\b", "screen"),
    (r"\b(applied|application|submitted)\b", "applied"),
]
_STAGE_HEADERS = [(re.compile(p), s) for p, s in STAGE_HEADER_RULES]


def stage_of_header(header: str) -> str | None:
    norm = normalise_label(header)
    for rx, stage in _STAGE_HEADERS:
        if rx.search(norm):
            return stage
    return None


# Terminal nodes of an edge list, and nodes that mean "the start of a chain".
EDGE_TERMINALS: dict[str, tuple[str, str]] = {
    "no response": ("applied", "ghosted"),
    "ghosted": ("applied", "ghosted"),
    "auto rejected": ("applied", "rejected"),
    "rejected": ("applied", "rejected"),
    "withdrew": ("applied", "withdrawn"),
    "withdrawn": ("applied", "withdrawn"),
    "offer accepted": ("hired", "hired"),
    "accepted offer": ("hired", "hired"),
    "offer declined": ("offer", "offer_declined"),
    "declined offer": ("offer", "offer_declined"),
}
EDGE_STARTS = {"applied": "applied", "recruiter inquiry": "recruiter inbound", "hiring manager inquiry": "hiring manager inbound",
               "referral": "referral", "recruiter": "recruiter inbound", "inbound": "inbound"}


def stage_of_node(label: str) -> str | None:
    norm = normalise_label(label)
    if norm in EDGE_STARTS:
        return "applied"
    return stage_of_header(label)


# A single cell in a stage column: did the application reach this stage?
YES_VALUES = frozenset({"y", "yes", "x", "true", "1", "done", "passed", "pass", "ja", "si", "oui", "v", "ok", "reached"})
NO_VALUES = frozenset({"n", "no", "false", "0", "failed", "fail", "nein", "non", "rejected"})
GHOST_VALUES = frozenset({"g", "ghosted", "ghost", "no response"})
