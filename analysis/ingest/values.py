"""Cell values: missing markers, yes/no, salary text, remote type, channels."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.domain import MISSING_MARKERS

_MISSING_SQL = ", ".join("'" + m.replace("'", "''") + "'" for m in sorted(MISSING_MARKERS))


# what Python's str.strip() strips: DuckDB's trim() alone keeps tabs and line breaks ('Acme\n', a cell of '\t')
_SPACE_RX = r"[\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}]+"


# the characters Python's str.strip() strips (and BOM / zero-width space): a cell starting or ending with one
_EDGE_SPACES = "".join(dict.fromkeys([c for c in map(chr, range(0x3001)) if c.isspace()]
                                     + ["\u3000", "\u200b", "\ufeff"]))


def trim_sql(col: str) -> str:
    """SQL: the cell without leading and trailing whitespace of any kind (spaces, tabs, line breaks, NBSP).
    The regex only runs on the few cells that start or end with such a character: a million cells cost a
    third of a second instead of a second and a half."""
    return (f"(case when {col} = '' or contains('{_EDGE_SPACES}', left({col}, 1)) "
            f"or contains('{_EDGE_SPACES}', right({col}, 1)) "
            f"then regexp_replace({col}, '^{_SPACE_RX}|{_SPACE_RX}$', '', 'g') else {col} end)")


_MAX_MARKER = max(len(m) for m in MISSING_MARKERS)

# the first cell of a summary line under a table ('Total', 'Grand total:', 'Summe'); the same regex in SQL and Python
SUMMARY_WORD = (r"(grand |sub-?)?(total|totals|sum|summe|gesamt|insgesamt|totaal|somme|suma|totale|count|average|avg|"
                r"mean)\s*:?")


def is_summary_row(cells: Iterable[str | None]) -> bool:
    """A line like 'TOTAL,3,3,2,2,1': its first filled cell a summary word, every other filled cell a number."""
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    return bool(filled) and re.fullmatch(SUMMARY_WORD, filled[0].lower()) is not None and all(
        re.fullmatch(r"[~<>≈]?\s*-?[0-9][0-9 .,]*\s*%?", c) for c in filled[1:])


def clean_trimmed_sql(t: str) -> str:
    """SQL over an already trimmed cell: NULL for a missing marker (-, N/A, null, SKIPPED, ...); a leading quote
    that neutralised a formula (Hindsight's own exports write '=... for =...) taken off again. The cheap tests
    (length, first character) come first, so a million cells cost a fraction of a second."""
    return (f"(case when length({t}) <= {_MAX_MARKER} and lower({t}) in ({_MISSING_SQL}) then null "
            f"when starts_with({t}, '''') then regexp_replace({t}, '^''([=+@-])', '\\1') else {t} end)")


def clean_sql(col: str) -> str:
    """SQL: the trimmed cell, NULL when it is one of the missing markers (see clean_trimmed_sql)."""
    return clean_trimmed_sql(trim_sql(col))


def bool_sql(col: str) -> str:
    """SQL: TRUE/FALSE from yes/no, y/n, true/false, x, 1/0, ja/nein, si/no, oui/non; NULL otherwise."""
    v = f"lower(trim({col}))"
    return (f"(case when {v} in ('yes','y','true','x','1','ja','si','sí','oui','referred','✓','✔') then true "
            f"when {v} in ('no','n','false','0','nein','non','') then false end)")


REMOTE_RULES = [(r"\b(hybrid|hybride|hibrido)\b", "hybrid"),
                (r"\b(remote|remoto|telework|wfh|home office|anywhere)\b", "remote"),
                (r"\b(on[ -]?site|office|in person|presencial|vor ort)\b", "onsite")]


def remote_kind_of_header(header: str) -> str | None:
    """The one work type a yes/no column's header asks about ('Remote?' -> remote, 'On-site' -> onsite): what its
    'yes' means. None for a header naming none, or several ('Remote / Hybrid'), where a yes would say nothing."""
    kinds = {kind for rx, kind in REMOTE_RULES if re.search(rx, header.lower())}
    return kinds.pop() if len(kinds) == 1 else None


def remote_type_of(text: str | None) -> str | None:
    if not text:
        return None
    low = text.lower()
    for rx, kind in REMOTE_RULES:
        if re.search(rx, low):
            return kind
    return None


_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "chf": "CHF", "usd": "USD", "eur": "EUR",
                   "gbp": "GBP", "cad": "CAD", "aud": "AUD", "inr": "INR", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
                   "pln": "PLN", "ils": "ILS", "nis": "ILS", "₪": "ILS", "c$": "CAD", "a$": "AUD", "jpy": "JPY"}
_CURRENCY_RX = re.compile(r"(c\$|a\$|[$€£¥₹₪]|(?<![a-z])(?:usd|eur|gbp|chf|cad|aud|inr|sek|nok|dkk|pln|ils|nis|jpy)\b)",
                          re.I)
# thousands written with '.', ',', a space, an apostrophe (Swiss 120'000, 120’000) or Indian grouping (1,20,000);
# suffixes for thousands, millions and lakhs (India: '12 LPA' = 12 lakh a year = 1,200,000)
# (a suffix is a whole word: '5000 monthly' is no 5000 million)
_NUM_RX = re.compile(r"(\d[\d.,'’\u00a0\u202f ]*\d|\d)\s*(?:(k|m|mio|tsd|thousand|lpa|lakhs?|lacs?)(?![a-z]))?", re.I)
_LAKH = ("lpa", "lakh", "lakhs", "lac", "lacs")
_PERIOD_RX = [(re.compile(r"(/\s*h(ou)?r|per hour|hourly|/hr|an hour|p\.?h\.?)", re.I), "hour"),
              (re.compile(r"(/\s*mo(nth)?|per month|monthly|p\.?m\.?\b|/mes|monatlich)", re.I), "month"),
              (re.compile(r"(/\s*d(ay)?\b|per day|daily|day rate)", re.I), "day")]


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: str = "year"


def _number(token: str, suffix: str | None) -> float | None:
    t = re.sub(r"[ '’\u00a0\u202f]", "", token)
    # decide what '.' and ',' mean: '55.000' and '55,000' are thousands; '55.5' and '55,5' decimals
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        parts = t.split(",")
        grouped = len(parts[-1]) == 3 and all(len(p) in (2, 3) for p in parts[1:-1])  # 55,000 / 1,20,000
        t = t.replace(",", "") if grouped else t.replace(",", ".")
    elif "." in t:
        parts = t.split(".")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3):
            t = t.replace(".", "")
    try:
        value = float(t)
    except ValueError:
        return None
    if suffix:
        s = suffix.lower()
        value *= 1_000_000 if s in ("m", "mio") else 100_000 if s in _LAKH else 1000
    return value


def parse_salary(text: str | None) -> Salary | None:
    """'$120k-150k' -> 120000..150000 USD; '€55.000' -> 55000 EUR; '90-110k' -> 90000..110000."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw or raw.lower() in MISSING_MARKERS:
        return None
    cur_match = _CURRENCY_RX.search(raw)
    currency = _CURRENCY_SIGNS.get(cur_match.group(1).lower()) if cur_match else None
    period = next((p for rx, p in _PERIOD_RX if rx.search(raw)), "year")
    body = _CURRENCY_RX.sub(" ", raw)
    found = [(m.group(1), m.group(2)) for m in _NUM_RX.finditer(body)]
    if not found:
        return None
    # '90-110k': a suffix on the last number applies to the first when the first is small
    parsed: list[float | None] = []
    for i, (tok, suf) in enumerate(found[:2]):
        if not suf and len(found) >= 2 and i == 0 and found[1][1]:
            first = _number(tok, None)
            second = _number(found[1][0], None)
            if first is not None and second is not None and first < 1000 and second < 1000:
                suf = found[1][1]
        parsed.append(_number(tok, suf))
    nums = [n for n in parsed if n is not None]
    if not nums:
        return None
    lo, hi = min(nums), max(nums)
    if currency is None and any((suf or "").lower() in _LAKH for _, suf in found[:2]):
        currency = "INR"  # lakhs are India's
    if re.match(r"^\s*[-−–]\s*(c\$|a\$|[$€£¥₹₪])?\s*\d", raw):  # '-50000': a negative number, not a range
        lo, hi = -hi, -lo
    return Salary(lo, hi, currency, period)


CHANNEL_RULES: list[tuple[str, str]] = [
    (r"refer", "Referral"),
    # a word that starts with 'recruit': ZipRecruiter (a job board) and SmartRecruiters (a company's applicant
    # tracker) are no recruiter
    (r"\brecruit|headhunt|agency|inbound|reached out|hays|harnham", "Recruiter"),
    (r"linkedin", "LinkedIn"),
    (r"indeed", "Indeed"),
    (r"glassdoor", "Glassdoor"),
    (r"wellfound|angel", "Wellfound"),
    (r"otta|welcome to the jungle", "Otta"),
    (r"stepstone", "StepStone"),
    (r"xing", "XING"),
    (r"^company$|company site|careers? (site|page)|website|direct|company website|career page", "Company site"),
    (r"greenhouse|lever|workday|ashby|smartrecruiters|icims|workable", "Company site"),
    (r"job board|ziprecruiter|simplyhired|usajobs|government ?jobs|ripplematch|handshake|weworkremotely|remoteok|"
     r"dice|monster|builtin|hired", "Job board"),
]


def spelling_key(text: str) -> str:
    """What two spellings of one name share: 'Otter Jobs', 'OtterJobs' and 'otter-jobs' are one."""
    return re.sub(r"[\W_]+", "", text.casefold()) or text.casefold()


def one_spelling(counts: dict[str, int], known: Iterable[str] = ()) -> dict[str, str]:
    """Each name -> one spelling for all the names that differ only by case, spaces or punctuation: one already in
    use (known, e.g. in the database) wins, else the one written most often (then the first in order)."""
    chosen: dict[str, str] = {}
    for k in known:
        chosen.setdefault(spelling_key(k), k)
    for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        chosen.setdefault(spelling_key(name), name)
    return {name: chosen[spelling_key(name)] for name in counts}


_AT_SPLIT = re.compile(r"^(?P<role>.{2,80}?)\s+(?P<at>@|at|bei|chez|en)\s+(?P<company>[^@]{1,80})$", re.IGNORECASE)
_DASH_SPLIT = re.compile(r"^(?P<a>.{2,80}?)(?:\s+(?P<sep>[-–—|])|(?P<colon>:))\s+(?P<b>.{1,80})$")
_LEGAL_FORM = re.compile(r"\b(inc|llc|ltd|limited|gmbh|ag|kg|se|sa|sas|sarl|bv|nv|plc|corp|corporation|co|oy|ab|as|"
                         r"spa|srl|pty|pvt)\.?$", re.IGNORECASE)


def job_and_company(text: str | None, loose: bool = False) -> tuple[str, str] | None:
    """A cell that holds the job and the company together, as (job, company): 'Data Engineer @ Acme', 'Analyst at
    Beta Labs' (a job title before 'at'), 'Gamma Inc - Data Analyst' (one side a company by its legal form). None
    where the cell does not read so: 'Software Engineer - Platform' is a job and its team. `loose`, for a column
    in a file that has no company column (a Trello card, 'Datadog - Site Reliability Engineer'): a dash between a
    job title and a side that is none splits too."""
    from analysis.roles import OTHER_ROLES, role_family

    t = (text or "").strip()
    m = _AT_SPLIT.match(t)
    if m and (m["at"] == "@" or role_family(m["role"]) not in (None, OTHER_ROLES)):
        return m["role"].strip(), m["company"].strip()
    m = _DASH_SPLIT.match(t)
    if m and m["colon"] and re.fullmatch(r"(?i)(job |role |position )?(title|role|position|job|stelle|poste|puesto|"
                                         r"company|firma|employer|client|team|dept|department)", m["a"].strip()):
        return None  # 'Title: Data Engineer' is a label and its value
    if m:
        a, b = m["a"].strip(), m["b"].strip()
        if _LEGAL_FORM.search(b) and not _LEGAL_FORM.search(a):
            return a, b
        if _LEGAL_FORM.search(a) and not _LEGAL_FORM.search(b):
            return b, a
        if loose or m["sep"] == "|":  # a bar parts two things; a dash may part a job from its team
            a_job, b_job = (role_family(x) not in (None, OTHER_ROLES) for x in (a, b))
            if a_job != b_job:
                return (a, b) if a_job else (b, a)
    return None


def channels_in_use(con) -> list[str]:
    """The channels the database's applications already name, as spelled there."""
    return [c for (c,) in con.execute("select distinct channel from applications where channel is not null "
                                      "and not deleted order by channel").fetchall()]


def channel_of(text: str | None) -> str | None:
    """A source as the person wrote it, grouped into a channel: 'Boris' stays 'Boris' (a person who referred)."""
    if not text:
        return None
    low = text.lower()
    for rx, channel in CHANNEL_RULES:
        if re.search(rx, low):
            return channel
    return text.strip()
