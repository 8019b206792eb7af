"""Was it even the right job? Every application checked against the person's own criteria: each red flag named,
with the field and value that tripped it and a severity. Missing data is 'unknown', never a flag.

The checks are SQL over one row per application, so the same checks run over a million applications, and over a
single posting pasted into the check-before-you-apply box (`check_posting`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import duckdb
import pandas as pd

from analysis.domain import LADDER, STAGE_LABELS
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters
from analysis.funnel import wilson_interval
from analysis.ingest.values import parse_salary, remote_type_of
from analysis.roles import OTHER_ROLES, SENIORITY_ORDER, role_family, seniority_of
from analysis.sqlutil import one

SEVERITY_WEIGHT = {"high": 35, "medium": 15, "low": 5}

# Words that are a warning in anyone's notes or in a job description. The person's deal-breakers come on top.
RED_FLAG_WORDS = ["toxic", "high turnover", "unclear role", "long hours", "on-call", "on call", "unpaid",
                  "wear many hats", "rockstar", "ninja", "we are a family", "we're a family", "work hard play hard",
                  "bait and switch", "burnout", "micromanag", "reposted", "no clear scope", "overtime"]


@dataclass
class Criteria:
    target_titles: list[str] = field(default_factory=list)  # "Data Engineer", "Analytics Engineer"
    match_words: list[str] = field(default_factory=list)  # words that also count as a match: "data", "dbt"
    fields: list[str] = field(default_factory=list)  # industries/fields wanted (informational)
    places: list[str] = field(default_factory=list)  # "Berlin", "Munich"
    max_commute_minutes: int | None = None
    remote: str = "any"  # any, remote, hybrid, onsite
    remote_strict: bool = False  # True: anything else is a deal-breaker
    salary_floor: float | None = None  # per year
    salary_currency: str | None = None
    seniority: list[str] = field(default_factory=list)  # from SENIORITY_ORDER
    deal_breakers: list[str] = field(default_factory=list)  # "on-call", "unpaid", "relocation required"
    direction: list[str] = field(default_factory=list)  # roles this one should lead toward

    def is_empty(self) -> bool:
        return not (self.target_titles or self.match_words or self.places or self.remote != "any"
                    or self.salary_floor or self.seniority or self.deal_breakers or self.direction)

    def set_count(self) -> int:
        return sum(bool(x) for x in (self.target_titles or self.match_words, self.places, self.remote != "any",
                                     self.salary_floor, self.seniority, self.deal_breakers, self.direction))


def load_criteria(con) -> Criteria:
    row = one(con, "select value from criteria where name = 'criteria'")
    if not row:
        return Criteria()
    data = json.loads(row[0])
    return Criteria(**{k: v for k, v in data.items() if k in Criteria.__dataclass_fields__})


def save_criteria(con, criteria: Criteria) -> None:
    if criteria.remote not in ("any", "remote", "hybrid", "onsite"):
        raise ValueError("remote is one of any, remote, hybrid, onsite")
    bad = [s for s in criteria.seniority if s not in SENIORITY_ORDER]
    if bad:
        raise ValueError(f"unknown seniority {bad}; one of {SENIORITY_ORDER}")
    con.execute("delete from criteria where name = 'criteria'")
    con.execute("insert into criteria (name, value) values ('criteria', ?)", [json.dumps(asdict(criteria))])


def _words_regex(words: list[str]) -> str | None:
    """An RE2 pattern matching any of the words as written (escaped: a person's words are text, not regex)."""
    words = [w.strip().lower() for w in words if w and w.strip()]
    if not words:
        return None
    return "(?i)(" + "|".join(re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", w) for w in words) + ")"


_YEARLY = ("case coalesce(salary_period, 'year') when 'hour' then 2080 when 'day' then 260 when 'month' then 12 "
           "else 1 end")


@dataclass(frozen=True)
class FlagCheck:
    """One red-flag check: the criterion it reads, the SQL that finds the applications breaking it (one row each:
    app_id, severity, field, value, message, over `src`), the evidence it names, and what to do about it.
    `params` binds the person's values (never pasted into the SQL); `applies` says whether the criterion is set."""

    kind: str
    label: str
    criterion: str  # which of the person's criteria it reads ('' when it needs none)
    advice: str
    applies: Callable[[Criteria], bool]
    sql: Callable[[Criteria], str]
    params: Callable[[Criteria], dict] = lambda c: {}
    evidence: str = ""  # SQL: the application holds what this check reads ('' = not counted as a checked criterion)


def _families(titles: list[str]) -> list[str]:
    return sorted({f for f in (role_family(t) for t in titles) if f and f != OTHER_ROLES})


def _place_severity(c: Criteria) -> str:
    return "high" if c.remote == "onsite" or (c.remote_strict and c.remote != "remote") else "medium"


def _remote_allowed(c: Criteria) -> list[str]:
    return ["remote"] if c.remote == "remote" else ["remote", "hybrid"]


_SAME_CUR = "(salary_currency is null or $floor_cur = '' or upper(salary_currency) = $floor_cur)"
_DEAL_TEXT = "concat_ws(' | ', role, location, description, notes)"
_WARN_TEXT = "concat_ws(' | ', description, notes, feedback)"


def _salary_params(c: Criteria) -> dict:
    return {"floor": float(c.salary_floor or 0), "floor_cur": (c.salary_currency or "").upper()}


def _warning_words(c: Criteria) -> list[str]:
    own = {w.strip().lower() for w in c.deal_breakers}
    return [w for w in RED_FLAG_WORDS if w not in own]


# The checks, in the order their flags are listed. Add one by adding an entry (and a test in tests/test_fit.py).
FLAG_CHECKS: list[FlagCheck] = [
    FlagCheck(
        "title", "Title not one you target", "target titles", "Check the title against the roles you want before "
        "applying; a near miss is fine, a different job is not.",
        lambda c: bool(c.target_titles or c.match_words),
        lambda c: """select app_id, 'medium', 'role', role, 'not one of the titles you target' from src
                     where role is not null and not regexp_matches(role, $title_rx)
                       and not list_contains($title_fams, coalesce(role_family, ''))""",
        lambda c: {"title_rx": _words_regex([*c.target_titles, *c.match_words]),
                   "title_fams": _families(c.target_titles)},
        "role is not null"),
    FlagCheck(
        "place", "Outside your places", "places", "Ask about remote days or relocation in the first call, or skip it.",
        lambda c: bool(c.places),
        lambda c: f"""select app_id, '{_place_severity(c)}', 'location', location, 'outside the places you named'
                      from src where location is not null and coalesce(remote_type, '') <> 'remote'
                        and not regexp_matches(location, $place_rx)""",
        lambda c: {"place_rx": _words_regex(c.places)}, "location is not null or remote_type = 'remote'"),
    FlagCheck(
        "remote", "Work type you don't want", "work type", "Ask whether the work type is open before you invest time.",
        lambda c: c.remote in ("remote", "hybrid"),
        lambda c: f"""select app_id, '{"high" if c.remote_strict else "medium"}', 'work type', remote_type,
                             'not {" or ".join(_remote_allowed(c))}, which you want'
                      from src where remote_type is not null and not list_contains($remote_ok, remote_type)""",
        lambda c: {"remote_ok": _remote_allowed(c)}, "remote_type is not null"),
    FlagCheck(
        "salary", "Pay below your floor", "salary floor", "Ask for the range in the first call.",
        lambda c: bool(c.salary_floor),
        lambda c: f"""select app_id, 'high', 'salary', salary_text, 'the whole range is below your floor'
                      from src where salary_max is not null and {_SAME_CUR} and salary_max * {_YEARLY} < $floor
                      union all
                      select app_id, 'low', 'salary', salary_text, 'part of the range is below your floor'
                      from src where salary_max is not null and {_SAME_CUR} and salary_min * {_YEARLY} < $floor
                        and salary_max * {_YEARLY} >= $floor""",
        _salary_params, "salary_max is not null"),
    FlagCheck(
        "seniority", "Not your level", "levels", "Compare the level in the posting with your years and scope.",
        lambda c: bool(c.seniority),
        lambda c: """select app_id, 'medium', 'level', seniority_level, 'not the level you target'
                     from src where seniority_level is not null and not list_contains($levels, seniority_level)""",
        lambda c: {"levels": list(c.seniority)}, "seniority_level is not null"),
    FlagCheck(
        "deal_breaker", "One of your deal-breakers", "deal-breakers",
        "You said this rules a job out: believe yourself.",
        lambda c: bool(c.deal_breakers),
        lambda c: f"""select app_id, 'high', 'text', regexp_extract({_DEAL_TEXT}, $deal_rx, 0),
                             'one of your deal-breakers'
                      from src where regexp_matches({_DEAL_TEXT}, $deal_rx)""",
        lambda c: {"deal_rx": _words_regex(c.deal_breakers)}),
    FlagCheck(
        "warning_words", "Warning signs in notes or description", "", "Ask about it in the interview: how they answer "
        "tells you a lot.",
        lambda c: bool(_warning_words(c)),
        lambda c: f"""select app_id, 'medium', 'notes', regexp_extract({_WARN_TEXT}, $red_rx, 0),
                             'a warning sign in the notes or description'
                      from src where regexp_matches({_WARN_TEXT}, $red_rx)""",
        lambda c: {"red_rx": _words_regex(_warning_words(c))}),
    FlagCheck(
        "your_rating", "You rated it low", "", "Your own doubts are data: put your time into the roles you rate high.",
        lambda c: True,
        lambda c: """select app_id, 'medium', 'rating', rating::varchar, 'you rated it low yourself'
                     from src where rating is not null and rating <= (case when rating_scale > 5 then 4 else 2 end)
                     union all
                     select app_id, 'medium', 'aligned with career goals', 'no',
                            'you said it is not aligned with your goals'
                     from src where aligned = false"""),
    FlagCheck(
        "direction", "Off your career direction", "career direction",
        "Ask whether the role leads where you want to go.",
        lambda c: bool(c.direction),
        lambda c: """select app_id, 'low', 'role', role, 'does not lead toward the roles you want next'
                     from src where role is not null and not regexp_matches(role, $dir_rx)
                       and not list_contains($dir_fams, coalesce(role_family, ''))""",
        lambda c: {"dir_rx": _words_regex(c.direction), "dir_fams": _families(c.direction)}),
]
FLAG_LABELS = {check.kind: check.label for check in FLAG_CHECKS}


def _flag_sql(c: Criteria, source: str) -> tuple[str, dict]:
    """SQL giving one row per red flag (app_id, kind, severity, field, value, message) over `source`, which has
    the applications' columns: the checks of FLAG_CHECKS whose criterion is set. Values are bound as parameters."""
    parts, params = [], {}
    for check in (ch for ch in FLAG_CHECKS if ch.applies(c)):
        parts.append(f"select app_id, '{check.kind}' as kind, severity, field, value, message from "
                     f"({check.sql(c)}) as x(app_id, severity, field, value, message)")
        params.update(check.params(c))
    body = " union all ".join(parts)
    return (f"with src as ({source}) select * from ({body}) as fl(app_id, kind, severity, field, value, message)",
            params)


def _source_sql(filters: Filters) -> tuple[str, dict]:
    sql, params = filtered_facts_sql(filters)
    return (f"""select *, max(rating) over () as rating_scale from ({sql})""", params)


def red_flags(con, filters: Filters = ALL, criteria: Criteria | None = None) -> pd.DataFrame:
    """Every red flag: app_id, company, role, kind, severity, the field and value that tripped it, and why."""
    criteria = criteria if criteria is not None else load_criteria(con)
    src, params = _source_sql(filters)
    flags, fparams = _flag_sql(criteria, src)
    params.update(fparams)
    df = con.execute(f"""with fl as ({flags}), f as ({src})
        select fl.*, f.company, f.role as app_role, f.outcome_now as outcome, f.furthest_stage,
               case when f.ghosted_by_silence then 'no news for more than ' || $ghost_after_days || ' days'
                    else f.outcome_decided_by end as outcome_decided_by
        from fl join f using (app_id) order by app_id, kind""", params).df()
    df["label"] = df["kind"].map(FLAG_LABELS)
    return df


def flag_counts(con, filters: Filters = ALL, criteria: Criteria | None = None) -> pd.DataFrame:
    """Applications per kind of flag, most first (one aggregate in DuckDB)."""
    criteria = criteria if criteria is not None else load_criteria(con)
    src, params = _source_sql(filters)
    flags, fparams = _flag_sql(criteria, src)
    params.update(fparams)
    out = con.execute(f"with fl as ({flags}) select kind, count(distinct app_id) as count from fl group by kind",
                      params).df()
    out["label"] = out["kind"].map(FLAG_LABELS)
    return out.sort_values(["count", "kind"], ascending=[False, True]).reset_index(drop=True)


def fit_scores(con, filters: Filters = ALL, criteria: Criteria | None = None,
               flags: pd.DataFrame | None = None) -> pd.DataFrame:
    """A fit score per application (100 minus each flag's weight: high 35, medium 15, low 5; at least 0), the
    number of flags, and how many criteria could be checked at all (the rest are unknown for that application)."""
    criteria = criteria if criteria is not None else load_criteria(con)
    flags = red_flags(con, filters, criteria) if flags is None else flags  # given: worked out once per page
    sql, params = filtered_facts_sql(filters)
    checks = [ch.evidence for ch in FLAG_CHECKS if ch.evidence and ch.applies(criteria)]
    checked = " + ".join(f"coalesce(({e})::int, 0)" for e in checks) or "0"
    apps = con.execute(f"""select app_id, company, role, outcome_now as outcome, furthest_stage, rung,
        {checked} as checked
        from ({sql})""", params).df()
    weights = flags.assign(w=flags["severity"].map(SEVERITY_WEIGHT)).groupby("app_id").agg(
        penalty=("w", "sum"), flags=("kind", "count"), kinds=("kind", lambda s: ", ".join(sorted(set(s)))))
    out = apps.merge(weights, on="app_id", how="left").fillna({"penalty": 0, "flags": 0, "kinds": ""})
    out["fit_score"] = (100 - out["penalty"]).clip(lower=0).astype(int)
    out["flags"] = out["flags"].astype(int)
    return out.drop(columns="penalty")


def flagged_vs_unflagged(con, filters: Filters = ALL, criteria: Criteria | None = None,
                         scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rung by rung, the share of flagged and of unflagged applications that got there, with 95% intervals and
    the size of each group said plainly."""
    scores = fit_scores(con, filters, criteria) if scores is None else scores
    rows = []
    for name, part in (("With red flags", scores[scores["flags"] > 0]),
                       ("Without red flags", scores[scores["flags"] == 0])):
        n = len(part)
        for i, stage in enumerate(LADDER):
            reached = int((part["rung"] >= i).sum())
            lo, hi = wilson_interval(reached, n)
            rows.append({"group": name, "stage": stage, "label": STAGE_LABELS[stage], "applications": n,
                         "reached": reached, "rate": reached / n if n else None, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def losses_with_flags(con, filters: Filters = ALL, criteria: Criteria | None = None,
                      scores: pd.DataFrame | None = None) -> dict:
    """Of the jobs lost after an interview (rejected, ghosted or closed once an interview was reached), how many
    had red flags the person listed."""
    scores = fit_scores(con, filters, criteria) if scores is None else scores
    lost = scores[(scores["rung"] >= LADDER.index("interview")) &
                  scores["outcome"].isin(["rejected", "ghosted", "closed"])]
    flagged = lost[lost["flags"] > 0]
    return {"lost_after_interview": int(len(lost)), "with_flags": int(len(flagged)),
            "companies": flagged["company"].dropna().tolist()[:10]}


def check_posting(criteria: Criteria, title: str = "", place: str = "", salary: str = "", description: str = "",
                  work_type: str = "") -> pd.DataFrame:
    """Which of the criteria a posting breaks, by the same checks as every application. Nothing is stored."""
    sal = parse_salary(salary) if salary else None
    remote = work_type.lower() if work_type and work_type.lower() in ("remote", "hybrid", "onsite") else (
        remote_type_of(f"{place} {description}") if (place or description) else None)
    row = {"app_id": 0, "company": None, "role": title or None, "location": place or None, "remote_type": remote,
           "salary_text": salary or None, "salary_min": sal.min if sal else None,
           "salary_max": sal.max if sal else None,
           "salary_currency": sal.currency if sal else None, "salary_period": sal.period if sal else None,
           "seniority_level": seniority_of(title) if title else None, "role_family": role_family(title),
           "description": description or None, "notes": None, "feedback": None, "rating": None, "rating_scale": None,
           "aligned": None}
    con = duckdb.connect(":memory:")
    try:
        con.register("posting_df", pd.DataFrame([row]).astype(object))
        src = """select app_id::int as app_id, role::varchar as role, location::varchar as location,
                        remote_type::varchar as remote_type, salary_text::varchar as salary_text,
                        salary_min::double as salary_min, salary_max::double as salary_max,
                        salary_currency::varchar as salary_currency, salary_period::varchar as salary_period,
                        seniority_level::varchar as seniority_level, role_family::varchar as role_family,
                        description::varchar as description, notes::varchar as notes, feedback::varchar as feedback,
                        rating::double as rating, rating_scale::double as rating_scale, aligned::boolean as aligned
                 from posting_df"""
        sql, params = _flag_sql(criteria, src)
        df = con.execute(sql, params).df()
    finally:
        con.close()
    df["label"] = df["kind"].map(FLAG_LABELS)
    return df


def posting_unknowns(criteria: Criteria, title: str = "", place: str = "", salary: str = "",
                     work_type: str = "", description: str = "") -> list[str]:
    """The criteria a posting could not be checked against, and why: unknown is not a flag."""
    out = []
    if (criteria.target_titles or criteria.match_words) and not title:
        out.append("title: none given")
    if criteria.places and not place:
        out.append("place: none given")
    if criteria.remote in ("remote", "hybrid") and not (work_type or remote_type_of(f"{place} {description}")):
        out.append("work type: not stated")
    if criteria.salary_floor:
        sal = parse_salary(salary) if salary else None
        if sal is None:
            out.append("pay: none given")
        elif sal.currency and criteria.salary_currency and sal.currency != criteria.salary_currency.upper():
            out.append(f"pay: in {sal.currency}, your floor is in {criteria.salary_currency.upper()} (not compared)")
    if criteria.seniority and not seniority_of(title):
        out.append("level: not in the title")
    return out


# -- LinkedIn's 'Jobs/Job Seeker Preferences.csv' -----------------------------------------------------------------

def _split(value: str | None) -> list[str]:
    if not value:
        return []
    # LinkedIn separates choices with '|' (';' in some exports); a comma belongs to a place ("Berlin, Germany")
    return [p.strip() for p in re.split(r"\s*[|;]\s*", value) if p.strip()]


def _minutes(text: str | None) -> int | None:
    if not text:
        return None
    m = re.search(r"(\d+(?:\.\d+)?)\s*(h|hour|hr|min|minute)?", text.lower())
    if not m:
        return None
    n = float(m.group(1))
    return int(n * 60) if m.group(2) and m.group(2).startswith("h") else int(n)


def criteria_from_linkedin(data: bytes | str, base: Criteria | None = None) -> tuple[Criteria, list[str]]:
    """Fill criteria from LinkedIn's Job Seeker Preferences export. Returns the criteria and what was filled."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "Job Titles" not in (rows[0].keys() if rows else []):
        raise ValueError("This is not LinkedIn's Job Seeker Preferences.csv (it has no 'Job Titles' column).")
    row = {k.strip(): (v or "").strip() for k, v in rows[0].items() if k}
    c = Criteria(**asdict(base)) if base else Criteria()
    filled = []
    titles = _split(row.get("Job Titles"))
    if titles:
        c.target_titles = titles
        filled.append(f"target titles ({', '.join(titles)})")
    places = _split(row.get("Locations"))
    if places:
        remote = [p for p in places if "remote" in p.lower()]
        c.places = [p for p in places if "remote" not in p.lower()]
        if c.places:
            filled.append(f"places ({', '.join(c.places)})")
        if remote and c.remote == "any":
            c.remote = "remote" if not c.places else "hybrid"
            filled.append(f"work type ({c.remote}, from '{remote[0]}')")
    types = row.get("Preferred Job Types", "").lower()
    if "remote" in types and c.remote == "any":
        c.remote = "remote"
        filled.append("work type (remote)")
    industries = _split(row.get("Industries"))
    if industries:
        c.fields = industries
        filled.append(f"fields ({', '.join(industries)})")
    minutes = _minutes(row.get("Maximum Commute Duration"))
    if minutes:
        c.max_commute_minutes = minutes
        filled.append(f"maximum commute ({minutes} minutes)")
    return c, filled
