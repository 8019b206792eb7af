"""Why they said no: every piece of feedback and every note on a closed application sorted into reasons by
explainable rules (kept as data below), each result carrying the phrase that decided it.

The company's decisions (rejected, closed) are kept apart from the candidate's own (withdrew, declined an
offer). Text no rule matches is 'unclassified', never forced into a reason. A reason the person sets wins
over the rules and survives re-imports. The classification runs inside DuckDB (RE2 patterns), so it is the
same for 30 applications or a million; `classify_text` runs the same rules in Python for one text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from analysis.domain import LADDER, STAGE_LABELS
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters
from analysis.sqlutil import sql_str


@dataclass(frozen=True)
class Reason:
    key: str
    label: str
    actionable: bool
    takeaway: str


REASONS: dict[str, Reason] = {r.key: r for r in [
    Reason("interview_performance", "Interview or assessment performance", True,
           "Several losses came in the interviews or tests themselves. Practise the format that tripped you (a mock "
           "interview, a timed coding task, a system-design walk-through) and keep the tasks you did not pass to "
           "review before the next one."),
    Reason("skills_gap", "Skills gap", True,
           "The feedback names skills you were missing. If these roles are where you want to go, a small project or "
           "course on that skill could change the answer; if not, aim at roles that ask for what you already have."),
    Reason("experience_level", "Experience level", True,
           "They wanted a different level (more senior, more leadership, or less). Compare the level in the posting "
           "with your years and scope before applying, and try one step nearer your experience."),
    Reason("location", "Location, work permit or language", True,
           "Location, work permit or language closed doors. Check location, sponsorship and language before you "
           "invest in a process, or ask about them in the first call."),
    Reason("compensation", "Compensation", True,
           "Pay did not line up. Ask for the range in the first call so neither side spends weeks on a mismatch."),
    Reason("culture_fit", "Culture or team fit", True,
           "Fit with the team came up. Ask how the team works and what it values, and prepare a story that shows "
           "how you work with others."),
    Reason("timing", "Timing or policy (cool-down, re-apply later)", True,
           "Some said 'not now' (a cool-down period, re-apply later). That door is open: put a re-contact date in "
           "your calendar."),
    Reason("role_mismatch", "The role was not what it seemed", True,
           "The role itself turned out different from what you wanted. Ask early what a typical week looks like, "
           "and check it against the roles you want to grow into."),
    Reason("role_closed", "Role filled, closed or frozen", False,
           "Roles were filled, closed or frozen: nothing you did. Favour recent postings and companies that are "
           "hiring steadily."),
    Reason("another_candidate", "Went with another candidate", False,
           "'We went with another candidate' says little. When you reached an interview, ask for one concrete thing "
           "to improve: some will answer."),
    Reason("no_reason", "No reason given", False,
           "Most of these came with no reason. Asking for feedback after an interview is the only way to get one; a "
           "short, specific question works best."),
    Reason("unclassified", "Unclassified (set the reason yourself)", False,
           "Hindsight could not sort this text. Set the reason yourself below so it counts."),
]}
NO_TEXT = "no_reason"

# (reason, RE2 pattern). Checked in order: the first that matches decides. Each reason has its English line (with
# common Spanish and French words), and where German needs more than a word, a German line right after it (the
# phrases Austrian and German employers write). Patterns are RE2 (DuckDB runs them) and Python `re` alike: no
# look-arounds, and `\S+` rather than `\w+` to skip a word, since RE2's `\w` is ASCII only. To extend: add a line
# where its reason is; tests/test_rejections.py has a case per line.
RULES: list[tuple[str, str]] = [
    ("interview_performance", r"bombed|did ?n[o']t (pass|do well|go well)|failed (the |an |my )?(online |coding |"
                              r"technical )?(assessment|test|interview|exercise|challenge|take[- ]home|round)|(coding|"
                              r"technical) (exercise|test|assessment|challenge) did not meet|"
                              r"did not meet the (technical )?bar|"
                              r"not (a )?strong enough (performance|showing)|performance in the|system design round|"
                              r"struggled (with|in)|interview (did not|didn't) go well|how i came across|"
                              r"online assessment|assessment (score|result)|nicht bestanden|prueba t[ée]cnica|"
                              r"[ée]chou[ée]"),
    ("interview_performance", r"(Gespräch|Interview|Aufgabe|Test|Case|Präsentation|"
                              r"Challenge)[^.]{0,80}\bnicht (\S+ ){0,2}"
                              r"überzeug|nicht (\S+ ){0,2}überzeug[^.]{0,60}(Gespräch|Interview|Aufgabe|Test|"
                              r"Präsentation)|(Aufgabe|Test|Challenge|Case Study)[^.]{0,40}nicht (ausreichend|"
                              r"zufriedenstellend|gelöst)"),
    ("experience_level", r"more senior|too junior|too senior|not senior enough|over ?qualified|under ?qualified|"
                         r"more experienced|years of experience|seniority|down ?level|leadership experience|"
                         r"(more|less) experience (than|for)|zu junior|m[aá]s experiencia|plus d'exp[ée]rience|"
                         r"plus exp[ée]riment|m[aá]s experimentad|meer ervaring|pi[uù] esperienza|mais experi[eê]ncia"),
    ("experience_level", r"mehr (an )?(Berufs|Praxis|Führungs|Projekt)?erfahrung|zu wenig (\S+ )?(Berufs|Praxis|"
                         r"Führungs)?erfahrung|(über|unter)qualifiziert|Seniorität|Erfahrungs(level|stufe)|"
                         r"nicht (\S+ )?(senior|erfahren) genug"),
    ("skills_gap", r"lack(ed|s|ing)? (of )?[a-z0-9+#/ .-]{0,40}(experience|skills?|knowledge|background)|"
                   r"(no|limited|insufficient|not enough|missing) [a-z0-9+#/ .-]{0,30}(experience|skills?|knowledge) "
                   r"(with|in|of)|experience (with|in) [a-z0-9+#/ .-]{0,30}(was|is) (required|needed|missing)|"
                   r"skill(s)? gap|technical skills|(needs?|needed|looking for|wanted|wants?) (someone|a candidate|"
                   r"candidates) with "
                   r"[a-z0-9+#/ .-]{0,40}(experience|skills)|(looking for|hoping for|wanted|want|needs?|needed|"
                   r"requires?|required) (more |stronger |deeper |hands-on |solid |"
                   r"proven )+[a-z0-9+#/ .-]{0,40}(experience|depth|"
                   r"skills?|knowledge|expertise)|needs? hands-on|more depth (on|in)|didn'?t see in your (profile|cv|"
                   r"resume)|(continue to |keep )?(work(ing)? on|improv(e|ing)|strengthen(ing)?|brush(ing)? up( on)?|"
                   r"deepen(ing)?|practi[cs](e|ing)) (your |the )?(fundamentals|basics|understanding|knowledge|"
                   r"grasp) (of|in|on)|fehlende (kenntnisse|erfahrung)|falta de experiencia"),
    ("skills_gap", r"fehlende[nr]? (\S+ )?(Kenntnisse|Erfahrung|Qualifikation)|(Kenntnisse|Erfahrung(en)?) (in|mit|"
                   r"im) [^.]{0,40}(fehlen|fehlten|nicht ausreichend|zu gering)|nicht (\S+ ){0,2}(zu )?(den|"
                   r"unseren) (fachlichen|technischen) "
                   r"Anforderungen|(fachlichen|technischen) (Anforderungen|Kenntnisse|"
                   r"Voraussetzungen)[^.]{0,40}nicht (\S+ )?"
                   r"(erfüllt|ausreichend|gegeben)|nicht (ausreichend|genügend) (\S+ )?(Kenntnisse|Know-how)"),
    ("location", r"\blocation\b|relocat|\bvisa\b|sponsor|work permit|right to work|residency|time ?zone|"
                 r"hiring (location|area|region)|(german|french|dutch|spanish|english|italian|swedish) (fluency|"
                 r"language|speaker|skills)|fluen(t|cy) in|\blanguage\b|commute|on-?site requirement|fully on-?site|"
                 r"on-?site only|in[- ]office|return to office|standort|sprachkenntnisse|"
                 r"\blocal (candidates?|applicants?|talent|residents?)\b|(someone|candidates?|applicants?|"
                 r"people) (who (is|are|lives?) )?"
                 r"(local|based (in|near))\b|\b(Dutch|German|Austrian|Swiss|French|British|European|American|Canadian) "
                 r"(universit|citizens?|residents?|nationals?|work authori)|(citizens?|residents?|citizenship) (only|"
                 r"required)|(must|need to|required to) (be )?(based|located|living|resid\S*) in|authori[sz](ed|"
                 r"ation) to work|ubicaci[oó]n|permiso de trabajo|localisation|permis de travail"),
    ("location", r"Arbeits(erlaubnis|bewilligung|genehmigung)|Aufenthalts(titel|genehmigung|bewilligung)|"
                 r"(Deutsch|Englisch)kenntnisse|Sprachniveau|Wohnort|Umzug|umziehen|Pendel|Anfahrt|"
                 r"(kein|nicht) (\S+ )?(Remote|Homeoffice|Home-Office)|Rot-Wei(ß|ss)-Rot"),
    ("compensation", r"salary|\bcomp\b|compensation|comp range|pay (range|band|expectations?)|\bbudget\b|"
                     r"too expensive|above (our|the) range|(rate|expectations?) (too|was too) high|gehalt|salario|"
                     r"salaire"),
    ("compensation", r"Vergütung|finanziellen? Vorstellungen|Budget (\S+ ){0,3}(nicht|überschritten|übersteig)"),
    ("culture_fit", r"culture|team fit|fit (with|into) the team|\bvalues\b|personality|working style|"
                    r"teamfit|cultura|culturel"),
    ("culture_fit", r"(ins|in unser|zum|zu unserem) Team (\S+ ){0,2}(passt|passen|gepasst)|kulturelle[rn]? (Fit|"
                    r"Passung)"),
    ("timing", r"cool ?(-)?down|re-?apply (in|after)|reapply (in|after)|try again (in|after|later)|"
               r"not the right time|in (a few|\d+) months|keep (your|you on) (cv|resume|file)|reach out if|"
               r"wait(ing)? (for )?(a minimum of |at least |a period of )?(\d+|one|two|three|six|nine|twelve|"
               r"a few) (months?|weeks?)|(no fewer|no less|not less|not sooner|not earlier) than (\d+|one|two|three|"
               r"six|nine|twelve) months|(\d+|six|twelve)[- ]months? (cool|waiting|wait)"),
    ("timing", r"in (\d+|einigen|ein paar|drei|sechs|zwölf) Monaten (\S+ )?(erneut|wieder|noch einmal)|Sperrfrist|"
               r"Wartezeit"),
    ("role_mismatch", r"role turned out|not what (i|was) (wanted|expected|advertised)|turned out to be (mostly|a|an)|"
                      r"different (role|field|job) than|unclear role|bait and switch|not aligned with (my|the)"),
    ("role_closed", r"(position|role|job|req(uisition)?|opening|vacancy) (has been |was |is )?(filled|closed|"
                    r"cancell?ed|put on hold|on hold|pulled|eliminated)|hiring freeze|headcount|no longer (hiring|open|"
                    r"available)|budget (cut|freeze)|re-?org|filled the|stelle (wurde )?besetzt|puesto cubierto|"
                    r"poste pourvu|(position|role|job|opening|vacancy|requisition)( \S+){0,6} (has been|have been|"
                    r"had been|was|is) (now |recently |"
                    r"just |already )?(filled|closed|cancell?ed|put on hold)|(have|has|had|'ve) (now |recently |just |"
                    r"already )?filled (this|the|that|our|all|these|its|it)\b|no longer (recruiting|interviewing|"
                    r"accepting|processing)|(pausing|paused|pause|suspend\S*) (the |our |this )?(recruit\S*|hiring|"
                    r"search)|not to hire (anyone|for)|"
                    r"(position|role|opening|requisition) (will|would) not be (moving ahead|going ahead|filled|opened)|"
                    r"(program|programme|cohort|class) is (now )?(at capacity|full)"),
    ("role_closed", r"(Position|Stelle|Vakanz)\b[^.]{0,60}\b(besetzt|vergeben|gestrichen|storniert|zurückgezogen)\b|"
                    r"nicht mehr (vakant|offen|ausgeschrieben|verfügbar|zu besetzen)|Einstellungsstopp|Aufnahmestopp|"
                    r"auf Eis gelegt"),
    ("another_candidate", r"(another|other|a different|a stronger|stronger|internal|more qualified|better[- ]suited|"
                          r"more suitable) candidates?|move(d)? forward with (other|another|a different)|"
                          r"went with (someone|another|a different)|selected (another|someone)|closer match|"
                          r"more closely match|anderen? kandidat|otro candidato|autre candidat|other applicants|"
                          r"others (who|whose|that)|identified others|(an|the) offer (out )?to (a|"
                          r"another) (\S+ )?candidate|with another (applicant|person)|individuals whose"),
    ("another_candidate", r"andere[nmr]? (\S+ )?(Bewerber|Kandidat|Person|Profil)|anderweitig entschieden|"
                          r"eine Person, die[^.]{0,80}(besser|passender|eher)|für Profile entschieden|"
                          r"(Profile?|Kandidat\S*|Bewerber\S*),? (die|deren)[^.]{0,100}(besser|passender|treffender|"
                          r"näher)"),
    ("no_reason", r"no reason|without (a |any )?reason|not sure why|no idea why|don'?t know why|no feedback|"
                  r"no individual|unable to (provide|give|share) (individual |specific )?feedback|"
                  r"(will|are) not (be )?moving forward|not moving forward|decided not to (proceed|move)|"
                  r"after careful consideration|thank you for your interest|unfortunately|rejection email|"
                  r"(they|he|she) said no|automated (email|rejection|reply)|at this time|not (a|the right) fit|"
                  r"rejected after|rejected at|got rejected|asked for feedback|"
                  r"leider|lamentablemente|malheureusement|donner suite|au regret|regret to|not (been )?selected"),
]
_PY_RULES = [(reason, re.compile(p, re.IGNORECASE)) for reason, p in RULES]
CANDIDATE_OUTCOMES = ("withdrawn", "offer_declined")
COMPANY_OUTCOMES = ("rejected", "closed")


@dataclass(frozen=True)
class Classification:
    reason: str
    phrase: str | None
    actionable: bool


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a match: from the previous to the next stop (. ; ! ? newline), at most ~160 chars."""
    left = max(text.rfind(c, 0, start) for c in ".;!?\n|—")
    rights = [i for i in (text.find(c, end) for c in ".;!?\n|—") if i != -1]
    right = min(rights) if rights else len(text)
    clause = text[left + 1:right].strip()
    return clause if len(clause) <= 160 else text[max(start - 60, 0):end + 60].strip()


def classify_text(text: str | None) -> Classification:
    """The reason one text gives, with the phrase that decided it. Empty text: no reason given."""
    if text is None or not str(text).strip():
        return Classification(NO_TEXT, None, False)
    for reason, rx in _PY_RULES:
        m = rx.search(text)
        if m:
            return Classification(reason, _clause(text, m.start(), m.end()), REASONS[reason].actionable)
    return Classification("unclassified", None, False)


def _case_sql(text: str) -> tuple[str, str]:
    """SQL (reason, phrase) for a text column: the first rule that matches, and its clause."""
    reason_arms = " ".join(f"when regexp_matches({text}, {sql_str('(?i)' + p)}) then '{r}'" for r, p in RULES)
    phrase_arms = " ".join(
        f"when regexp_matches({text}, {sql_str('(?i)' + p)}) then "
        f"trim(regexp_extract({text}, {sql_str('(?i)[^.;!?|—]{0,100}(?:' + p + ')[^.;!?|—]{0,100}')}, 0))"
        for r, p in RULES)
    return (f"case when {text} is null or trim({text}) = '' then '{NO_TEXT}' {reason_arms} else 'unclassified' end",
            f"case {phrase_arms} end")


# the text the rules read: the feedback and the notes, either may be empty
_TEXT = "nullif(concat_ws(' — ', nullif(trim(feedback), ''), nullif(trim(notes), '')), '')"
_DECISIONS = """
        t as (select app_id, company, role, channel, role_family, rung, furthest_stage, outcome_now as outcome,
                     outcome_decided_by,
                     coalesce(outcome_on, last_activity_on, applied_on) as decided_on, feedback, notes,
                     feedback_requested, feedback_received,
                     {text} as text
              from f where outcome_now in ('rejected', 'closed', 'withdrawn', 'offer_declined')),
        -- the rules run once per distinct text, not once per application
        d as ({distinct})"""


def _reason_sql(set_reason: str = "o.reason") -> str:
    """SQL: the reason of a decision (`t.outcome`, the rules' `d.rule_reason`): the one the person set, else the
    rules', and a closed role with no reason of its own is 'role_closed'."""
    return f"""coalesce({set_reason}, case when t.outcome = 'closed' and coalesce(d.rule_reason, 'no_reason')
                                              in ('no_reason', 'unclassified') then 'role_closed'
                                         else coalesce(d.rule_reason, 'no_reason') end)"""


def _side_sql(set_side: str = "o.side") -> str:
    """SQL: whose decision it was (the side the person set, else a withdrawal or declined offer is theirs)."""
    return (f"coalesce({set_side}, case when t.outcome in ('withdrawn', 'offer_declined') then 'candidate' "
            "else 'company' end)")


def rejection_reasons(con, filters: Filters = ALL) -> pd.DataFrame:
    """One row per closed application (the company's decision or the candidate's) with its reason, the phrase
    that decided it, whether it is actionable, who decided, and whether the person set the reason."""
    sql, params = filtered_facts_sql(filters)
    reason_sql, phrase_sql = _case_sql("text")
    decisions = _DECISIONS.format(text=_TEXT,
                                  distinct=f"select text, {reason_sql} as rule_reason, {phrase_sql} as phrase "
                                           "from (select distinct text from t where text is not null)")
    df = con.execute(f"""
        with f as ({sql}), {decisions}
        select t.*, d.phrase, {_reason_sql()} as reason, {_side_sql()} as side, o.reason is not null as set_by_you,
               coalesce(d.rule_reason, 'no_reason') as rule_reason
        from t left join d using (text) left join feedback_overrides o using (app_id)
        order by decided_on desc nulls last, app_id""", params).df()
    if df.empty:
        return df.assign(actionable=pd.Series(dtype=bool), reason_label=pd.Series(dtype=str))
    df["actionable"] = df["reason"].map({k: r.actionable for k, r in REASONS.items()}).fillna(False).astype(bool)
    df["reason_label"] = df["reason"].map({k: r.label for k, r in REASONS.items()}).fillna(df["reason"])
    df.loc[(df["outcome"] == "closed") & (df["rule_reason"].isin(["no_reason", "unclassified"])) & ~df["set_by_you"],
           "phrase"] = "status: closed"
    return df


def reason_counts(con, filters: Filters = ALL, side: str = "company") -> pd.DataFrame:
    """How many of the company's (or the candidate's) decisions fall under each reason, most first. One
    aggregate in DuckDB: no phrases, no per-application rows, so it stays quick at a million applications."""
    sql, params = filtered_facts_sql(filters)
    reason_sql, _ = _case_sql("text")
    params["side"] = side
    # the decisions are counted per (outcome, feedback, notes, what the person set) first: the text is put
    # together and the rules run once per distinct one, not once per application
    counts = con.execute(f"""
        with f as ({sql}),
        t as (select *, {_TEXT} as text
              from (select f.outcome_now as outcome, f.feedback, f.notes, o.reason as set_reason,
                           o.side as set_side, count(*) as n
                    from f left join feedback_overrides o using (app_id)
                    where f.outcome_now in ('rejected', 'closed', 'withdrawn', 'offer_declined') group by all)),
        d as (select text, {reason_sql} as rule_reason from (select distinct text from t where text is not null))
        select reason, sum(n)::bigint as count from (
            select {_reason_sql("t.set_reason")} as reason, {_side_sql("t.set_side")} as side, n
            from t left join d using (text))
        where side = $side group by reason""", params).df()
    counts["label"] = counts["reason"].map(lambda r: REASONS[r].label if r in REASONS else r)
    counts["actionable"] = counts["reason"].map(lambda r: REASONS[r].actionable if r in REASONS else False)
    return counts.sort_values(["count", "reason"], ascending=[False, True]).reset_index(drop=True)


def reasons_by_rung(con, filters: Filters = ALL, decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The company's reasons by the stage where the rejection came (from `decisions`, rejection_reasons' frame,
    when the caller already has it: the reasons are worked out once per page)."""
    df = rejection_reasons(con, filters) if decisions is None else decisions
    df = df[df["side"] == "company"]
    out = df.groupby(["furthest_stage", "reason"]).size().rename("count").reset_index()
    out["order"] = out["furthest_stage"].map(LADDER.index)
    out["stage_label"] = out["furthest_stage"].map(STAGE_LABELS)
    out["label"] = out["reason"].map(lambda r: REASONS[r].label)
    return out.sort_values(["order", "count"], ascending=[True, False]).drop(columns="order").reset_index(drop=True)


def feedback_quality(con, filters: Filters = ALL, decisions: pd.DataFrame | None = None) -> dict:
    """Of the company's decisions: how many came with usable (actionable) feedback, how many with a platitude or
    nothing, and how often feedback was asked for and received where the sheet says."""
    df = rejection_reasons(con, filters) if decisions is None else decisions
    df = df[df["side"] == "company"]
    n = len(df)
    usable = int(df["actionable"].sum())
    return {"decisions": n, "usable": usable, "no_usable": n - usable,
            "no_text": int(df["text"].isna().sum()),
            "share_no_usable": (n - usable) / n if n else None,
            "asked": int(df["feedback_requested"].fillna(False).sum()),
            "received": int(df["feedback_received"].fillna(False).sum())}


_STOP = set("""a an the and or but of to in on at for with from by as is was were be been being it its this that these
those i me my we our you your they them their he she his her there here then than so such not no yes do did does done
have has had having will would can could should may might must just also very more most some any all each other into
about after before over under again further once only own same too up down out off s t re ve ll d m o y
company role job team position application applied interview interviews candidate candidates rejected reached
unfortunately thank thanks sent asked via""".split())


def recurring_phrases(con, filters: Filters = ALL, top: int = 15, min_count: int = 2,
                      decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Two- and three-word phrases that recur across the feedback and notes of closed applications, with how
    many applications use each: patterns no rule names yet. (A plain n-gram count: at this size it tells as
    much as a topic model, and needs nothing more.)"""
    df = rejection_reasons(con, filters) if decisions is None else decisions
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    # each distinct text once, counted as often as it occurs (a cohort repeats the same stock sentences)
    for text, times in Counter(df["text"].dropna().tolist()).items():
        rest = text
        for _, rx in _PY_RULES:  # what a rule already names is not news
            rest = rx.sub("\x00", rest)
        # with the rest of any word a rule matched part of ('match' in 'matches' leaves no 'es our needs')
        rest = re.sub(r"[^\s\x00]*\x00[^\s\x00]*", " | ", rest)
        words = [w if w != "|" else "|" for w in re.findall(r"[a-zà-ÿ0-9+#']+|\|", rest.lower())]
        grams = set()
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                if (gram[0] in _STOP or gram[-1] in _STOP or sum(w in _STOP for w in gram) > n // 2
                        or any(w.isdigit() or w == "|" for w in gram)):
                    continue
                grams.add(" ".join(gram))
        for g in grams:
            counts[g] += times
            examples.setdefault(g, text[:140])
    rows = [(g, c, examples[g]) for g, c in counts.most_common() if c >= min_count]
    # a bigram inside a trigram with the same count says nothing new (compared only with phrases of that count)
    same_count: dict[int, list[str]] = {}
    for g, c, _ in rows:
        same_count.setdefault(c, []).append(g)
    keep = []
    for r in rows:
        if not any(r[0] != o and r[0] in o for o in same_count[r[1]]):
            keep.append(r)
            if len(keep) == top:
                break
    return pd.DataFrame(keep, columns=["phrase", "applications", "example"])


def set_reason(con, app_id: int, reason: str, side: str | None = None) -> None:
    """The person's own reason for one decision: it wins over the rules and survives re-imports."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}; one of {', '.join(REASONS)}")
    if side not in (None, "company", "candidate"):
        raise ValueError("side is 'company' or 'candidate'")
    con.execute("delete from feedback_overrides where app_id = ?", [app_id])
    con.execute("insert into feedback_overrides (app_id, reason, side) values (?, ?, ?)", [app_id, reason, side])


def leading_takeaways(counts: pd.DataFrame, limit: int = 3, min_count: int = 2) -> list[dict]:
    """One plain-language suggestion per leading reason (a suggestion, not a verdict), only for reasons heard at
    least `min_count` times: one case is not a pattern."""
    out = []
    for r in counts[counts["count"] >= min_count].head(limit).itertuples():
        out.append({"reason": r.reason, "label": r.label, "count": int(r.count),
                    "takeaway": REASONS[r.reason].takeaway})
    return out


def save_review(con, before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Save what the person changed in the review table: a reason (wins over the rules), and whether feedback was
    asked for and received. Returns one line per change."""
    from analysis.applications import update_application

    label_to_key = {r.label: k for k, r in REASONS.items()}
    done = []
    for b, a in zip(before.to_dict("records"), after.to_dict("records"), strict=True):
        app_id = int(b["app_id"])
        if a["reason_label"] != b["reason_label"]:
            set_reason(con, app_id, label_to_key.get(a["reason_label"], a["reason_label"]))
            done.append(f"{b['company']}: reason set to '{a['reason_label']}'")
        flags = {k: bool(a[k]) for k in ("feedback_requested", "feedback_received")
                 if bool(a[k]) != bool(b[k] if b[k] == b[k] else False)}
        if flags:
            update_application(con, app_id, flags)
            done.append(f"{b['company']}: " + ", ".join(f"{k.replace('_', ' ')} {'yes' if v else 'no'}"
                                                        for k, v in flags.items()))
    return done


def review_frame(decisions: pd.DataFrame) -> pd.DataFrame:
    """The decisions as the correction table shows them: labels for codes, an unknown 'asked/got feedback' as an
    unticked box, and empty text cells (never None). save_review reads it back."""
    from analysis.domain import blank_missing, readable

    out = readable(decisions[["app_id", "company", "role", "furthest_stage", "outcome", "reason_label", "phrase",
                              "feedback_requested", "feedback_received"]].reset_index(drop=True))
    for col in ("feedback_requested", "feedback_received"):
        out[col] = out[col].astype("boolean").fillna(False).astype(bool)
    return blank_missing(out)
