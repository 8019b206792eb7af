"""What went right: the stages reached for the first time, an interview rate against the published medians,
feedback that praised something, and streaks of steady applying. A search is mostly no's; these are the facts
that say the effort is moving somewhere. Only true things, each with its numbers; nothing when there is nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analysis.domain import LADDER, RUNG, STAGE_LABELS
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters
from analysis.funnel import BENCHMARKS, stage_counts
from analysis.timing import applications_per_week

_NOUN = {"screen": "first call", "interview": "interview", "final": "final round", "offer": "offer", "hired": "hire"}
RECENT_DAYS = 30  # "new": reached for the first time within this many days of the as-of date
MIN_FOR_RATE = 10  # an interview rate against the benchmark needs at least this many applications

# Praise in feedback and notes: (name, RE2 pattern, case-insensitive). Ordered; the first that matches is shown.
# "a stronger candidate" is not praise; "strong candidate" (not followed by a letter) is.
PRAISE_RULES: list[tuple[str, str]] = [
    ("impressed", r"\bimpress(ed|ive)\b"),
    ("enjoyed", r"\b(really |very much |thoroughly )?enjoyed (speaking|meeting|talking|our|the conversation|"
                r"getting to know|the interview)"),
    ("strong", r"\b(very |really |a )?strong (candidate|profile|background|skills|interview|performance|application|"
               r"communicat\w*|technical skills)\b"),
    ("close", r"\b(very close|close second|runner[- ]up|came (very )?close|narrow(ly)? (decision|miss))\b"),
    ("liked", r"\b(really liked|loved|liked) (your|you|the way you|how you)\b"),
    ("positive", r"\b(great|excellent|positive|good) (conversation|interview|impression|chat|attitude|energy|"
                 r"questions|presentation|portfolio|case study|take[- ]home)\b"),
    ("well_prepared", r"\bwell[- ]prepared\b"),
    ("de", r"(beeindruck\w*|sehr gut gefallen|positive[nr]? eindruck|knappe entscheidung|überzeugend)"),
    ("fr", r"(impressionn\w*|excellente? impression|très bon (profil|entretien|échange)|très bonne impression)"),
]
_PRAISE_ALL = "(?i)(" + "|".join(p for _, p in PRAISE_RULES) + ")"
_BUT = re.compile(r"(,?\s+but\b|,?\s+however\b|;|,?\s+unfortunately\b|,?\s+aber\b|,?\s+leider\b|,?\s+mais\b|"
                  r",?\s+malheureusement\b)", re.I)
_NEGATED = re.compile(r"\b(not|n't|never|wasn't|weren't|didn't|nicht|kein\w*|pas|ne)\b[\w\s,']{0,20}$", re.I)


@dataclass
class Good:
    key: str
    sentence: str


def milestones(con, filters: Filters = ALL) -> pd.DataFrame:
    """For each rung from the first call on: how many applications reached it, the first one to get there (its
    date: the earliest dated step at or past the rung, else the application's date) and whether that first time
    falls within RECENT_DAYS of the as-of date."""
    sql, params = filtered_facts_sql(filters)
    rung_case = "case e.stage " + " ".join(f"when '{s}' then {i}" for s, i in RUNG.items()) + " end"
    rows = []
    for i, stage in enumerate(LADDER[1:], start=1):
        got = con.execute(f"""
            with f as ({sql}),
            reached as (select f.app_id, f.company, f.role,
                               coalesce((select min(e.happened_on) from stage_events e
                                         where e.app_id = f.app_id and {rung_case} >= $rung),
                                        case when f.rung = $rung and f.outcome_on is not null then f.outcome_on end,
                                        f.applied_on) as on_
                        from f where f.rung >= $rung)
            select count(*), arg_min(company, coalesce(on_, date '9999-12-31')),
                   arg_min(role, coalesce(on_, date '9999-12-31')), min(on_) from reached""",
                          {**params, "rung": i}).fetchall()[0]
        n, company, role, first = got
        if n:
            recent = bool(first and first >= filters.today - timedelta(days=RECENT_DAYS))
            rows.append({"stage": stage, "label": STAGE_LABELS[stage], "reached": int(n), "first_company": company,
                         "first_role": role, "first_on": first, "recent": recent})
    return pd.DataFrame(rows,
                        columns=["stage", "label", "reached", "first_company", "first_role", "first_on", "recent"])


def praise(con, filters: Filters = ALL) -> pd.DataFrame:
    """Feedback and notes that praised something: company, role, the phrase and the sentence around it."""
    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""
        select app_id, company, role, concat_ws(' | ', feedback, notes) as text,
               regexp_extract(concat_ws(' | ', feedback, notes), $rx, 0) as phrase
        from ({sql}) where regexp_matches(concat_ws(' | ', feedback, notes), $rx)
        order by coalesce(outcome_on, applied_on) desc nulls last, app_id""", {**params, "rx": _PRAISE_ALL}).df()
    keep, sentences = [], []
    for text, phrase in zip(df["text"], df["phrase"], strict=True):
        at = text.lower().find(phrase.lower())
        keep.append(not _NEGATED.search(text[:at]))
        start = max(text.rfind(".", 0, at), text.rfind("|", 0, at), text.rfind("!", 0, at)) + 1
        ends = [i for i in (text.find(".", at), text.find("|", at), text.find("!", at)) if i >= 0]
        sentence = text[start:min(ends) if ends else len(text)].strip()
        # the praise, not the no that follows it: "We were impressed by you, but ..." keeps only the first part
        after = sentence.lower().find(phrase.lower()) + len(phrase)
        cut = _BUT.search(sentence, after)
        end = len(sentence)
        if cut:  # up to the comma before the "but" where there is one ("beeindruckt, haben uns aber ...")
            comma = sentence.rfind(",", after, cut.start())
            end = comma if comma >= 0 else cut.start()
        sentences.append(sentence[:end].strip(" ,;"))
    df["sentence"] = sentences
    return df[keep].drop(columns="text").reset_index(drop=True) if len(df) else df.drop(columns="text").assign(
        sentence=pd.Series(dtype=object))


def streaks(weeks: pd.DataFrame, weekly_goal: int | None, today: date) -> dict:
    """The longest run of consecutive weeks with at least one application (or the weekly goal, when set), and the
    run still going in the latest weeks (ending in this week or the one before)."""
    need = weekly_goal or 1
    longest = current = 0
    run = 0
    last_week = None
    for week, n in zip(weeks["week"], weeks["applications"], strict=True):
        run = run + 1 if n >= need else 0
        longest = max(longest, run)
        last_week = week
    if last_week is not None:
        this_monday = today - timedelta(days=today.weekday())
        last = pd.Timestamp(last_week).date()
        current = run if (this_monday - last).days <= 7 else 0
    return {"longest": longest, "current": current, "need": need}


def good_news(con, filters: Filters = ALL, weekly_goal: int | None = None) -> list[Good]:
    """The things that went right, most encouraging first; each a sentence with its numbers."""
    out: list[Good] = []
    stones = milestones(con, filters)
    new = stones[stones["recent"]]
    if len(new):
        top = new.iloc[-1]
        where = f"{top['first_company'] or 'an application'}, {top['first_on']:%d %b %Y}"
        out.append(Good("first_time", f"You were hired ({where}). Congratulations!" if top["stage"] == "hired" else
                        f"New in the last {RECENT_DAYS} days: your first {_NOUN[top['stage']]} ({where}). That is "
                        "further than you had got before."))
    if len(stones):
        far = stones.iloc[-1]
        if not (len(new) and new.iloc[-1]["stage"] == far["stage"]):
            times = "once" if far["reached"] == 1 else f"{far['reached']} times"
            noun = _NOUN[far["stage"]]
            when = f" ({far['first_on']:%b %Y})" if isinstance(far["first_on"], date) else ""
            at = ", at" if far["reached"] == 1 else ", the first at"  # 'once, the first at' reads oddly
            first = f"{at} {far['first_company']}{when}" if far["first_company"] else when
            reached = ("You were hired" if far["stage"] == "hired" else
                       f"You have reached {'an' if noun[0] in 'aeiou' else 'a'} {noun}")
            out.append(Good("furthest", f"{reached} {times}{first}."
                            + (" People who get that far can get further." if far["stage"] != "hired" else "")))
    stages = stage_counts(con, filters).set_index("stage")
    total = int(stages.loc["applied", "reached"])
    value, source = BENCHMARKS["interview_rate"]
    if total >= MIN_FOR_RATE:
        got = stages.loc["interview", "rate_from_applied"]
        if got is not None and got >= value:
            out.append(Good("interview_rate", f"{int(stages.loc['interview', 'reached'])} of your {total} applications "
                            f"reached an interview ({got:.0%}), at or above the published median of about {value:.0%} "
                            f"({source}). Your applications are working."))
    kind = praise(con, filters)
    if len(kind):
        r = kind.iloc[0]
        more = f" ({len(kind)} pieces of feedback or notes praised something)" if len(kind) > 1 else ""
        out.append(Good("praise", f"{r['company'] or 'A company'} said: “{r['sentence'][:160]}”{more}. Keep that."))
    weeks = applications_per_week(con, filters, weekly_goal)
    if len(weeks):
        s = streaks(weeks, weekly_goal, filters.today)
        what = f"{s['need']} or more applications" if weekly_goal else "at least one application"
        if s["current"] >= 2:
            out.append(Good("streak", f"{s['current']} weeks in a row with {what}, up to this week: steady work."))
        elif s["longest"] >= 3:
            out.append(Good("streak", f"Your longest run: {s['longest']} weeks in a row with {what}. You know how to "
                            "keep a pace."))
    return out
