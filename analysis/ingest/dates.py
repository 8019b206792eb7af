"""Dates as people type them, parsed inside DuckDB.

Each date column is profiled once (how many values look ISO, numeric, month-name, Excel serial, yearless;
how many could only be day-first or only month-first), a reading order is decided from that evidence,
and one SQL expression turns the column into DATE. Guesses are returned as plain sentences.
"""

from __future__ import annotations

import re
from datetime import date

from analysis.sqlutil import one

_MONTHS = {
    # English, then the German, French and Spanish spellings whose first letters differ.
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "mär": 3, "mae": 3, "mai": 5, "okt": 10, "dez": 12, "ene": 1, "abr": 4,
    "ago": 8, "dic": 12, "fév": 2, "fev": 2, "avr": 4, "aoû": 8, "aou": 8, "déc": 12, "set": 9,
    # Italian, Dutch and Portuguese first letters not above
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ott": 10, "maa": 3, "mei": 5, "out": 10,
    # Swedish, Danish and Norwegian ('5 maj 2025', '3. des'), and Polish ('3 marca', '12 października')
    "maj": 5, "des": 12, "sty": 1, "lut": 2, "kwi": 4, "cze": 6, "lip": 7, "sie": 8, "wrz": 9, "paź": 10,
    "paz": 10, "lis": 11, "gru": 12,
}
_MONTHS4 = {"juin": 6, "juil": 7, "janv": 1, "sept": 9}
# a word that names a month in a language the dates read ('Mar', 'März', 'października'), for a regex
MONTH_WORD_RX = "(?:" + "|".join(sorted({*_MONTHS, *_MONTHS4}, key=len, reverse=True)) + r")[^\W\d_]*"


def _month_case(expr: str) -> str:
    """SQL turning a month word into 1..12 (NULL if it is not one)."""
    arms4 = " ".join(f"when '{k}' then {v}" for k, v in _MONTHS4.items())
    arms3 = " ".join(f"when '{k}' then {v}" for k, v in _MONTHS.items())
    return f"coalesce(case left({expr}, 4) {arms4} end, case left({expr}, 3) {arms3} end)"


# Patterns over the cleaned value (lower case, prefixes like 'before' and weekday names removed).
ISO = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?$"
NUMERIC = r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:,?\s.*)?$"
NUMERIC_NO_YEAR = r"^(\d{1,2})[/.](\d{1,2})$"
DAY_MON_YEAR = r"^(\d{1,2})\.?[ -]([a-zäéûçåöøæóśźżąęłńíúãõ]{3,})\.?,?[ -](\d{2}|\d{4})(?:,?\s.*)?$"
MON_DAY_YEAR = r"^([a-zäéûçåöøæóśźżąęłńíúãõ]{3,})\.?[ -](\d{1,2}),?[ -](\d{4})(?:,?\s.*)?$"
MON_DAY = r"^([a-zäéûçåöøæóśźżąęłńíúãõ]{3,})\.?[ -](\d{1,2})$"
DAY_MON = r"^(\d{1,2})\.?[ -]([a-zäéûçåöøæóśźżąęłńíúãõ]{3,})\.?$"
MON_YEAR = r"^([a-zäéûçåöøæóśźżąęłńíúãõ]{3,})\.? (\d{4})$"
SERIAL = r"^(\d{5})(?:\.\d+)?$"

_PREFIX = (r"^(@|~|(before|after|around|approx\.?|approximately|about|circa|ca\.|c\.|on|by|since|"
           r"vor|nach|avant|apres|antes|despues)\s+)")  # '@March 14, 2025': a date mention in a Notion export
_WEEKDAY = r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+"


# Dates written in other ways, turned into the ways above: Arabic-Indic digits ('٢٠٢٥/٠٦/٠٢'), Chinese, Japanese and
# Korean dates ('2025年9月3日', '9月5日', '2025. 9. 8.'), Hungarian ones with a dot at the end ('2025.04.02.'),
# eight digits ('20250804') and Ukrainian and Russian month names ('3 березня 2025 р.')
_EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_CYRILLIC_MONTHS = [("січ|янв", "jan"), ("лют|фев", "feb"), ("берез|мар", "mar"), ("квіт|апр", "apr"),
                    ("трав|ма[йя]", "may"), ("черв|июн", "jun"), ("лип|июл", "jul"), ("серп|авг", "aug"),
                    ("верес|сен", "sep"), ("жовт|окт", "oct"), ("листоп|ноя", "nov"), ("груд|дек", "dec")]
_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_CJK_FULL = r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$"
_CJK_NO_YEAR = r"^(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$"
_YEAR_WORD = r"(\d{4})\s*(р|г|року|рік|года|год)\.?$"
_DOTTED = r"^(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?$"
_EIGHT = r"^((19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$"


def plain_date(text: str) -> str:
    """The date text written in one of the ways the patterns read (Python; the same as other_writing_sql)."""
    v = text.strip().lower()
    if not v.isascii():
        v = v.translate(str.maketrans(_EASTERN_DIGITS, "0123456789" * 2))
        v = re.sub(_CJK_FULL, r"\1-\2-\3", v)
        m = re.match(_CJK_NO_YEAR, v)
        if m and 1 <= int(m.group(1)) <= 12:
            v = f"{_ABBR[int(m.group(1)) - 1]} {m.group(2)}"
        v = re.sub(_YEAR_WORD, r"\1", v)
        for words, abbr in _CYRILLIC_MONTHS:
            v = re.sub(rf"(?:{words})[а-яіїєґ]*\.?", abbr, v)
    v = re.sub(_DOTTED, r"\1-\2-\3", v)
    return re.sub(_EIGHT, r"\1-\3-\4", v)


def other_writing_sql(v: str) -> str:
    """SQL over a lower-cased, trimmed text: plain_date. The non-ASCII steps run only on text that needs them."""
    w = f"translate({v}, '{_EASTERN_DIGITS}', '{'0123456789' * 2}')"
    w = f"regexp_replace({w}, '{_CJK_FULL}', '\\1-\\2-\\3')"
    month = f"try_cast(regexp_extract({w}, '{_CJK_NO_YEAR}', 1) as int)"
    abbr = "[" + ", ".join(f"'{a}'" for a in _ABBR) + "]"
    w = (f"(case when {month} between 1 and 12 then list_extract({abbr}, {month}) || ' ' || "
         f"regexp_extract({w}, '{_CJK_NO_YEAR}', 2) else {w} end)")
    w = f"regexp_replace({w}, '{_YEAR_WORD}', '\\1')"
    for words, abbr_ in _CYRILLIC_MONTHS:
        w = f"regexp_replace({w}, '(?:{words})[а-яіїєґ]*\\.?', '{abbr_}', 'g')"
    w = f"(case when regexp_matches({v}, '[^\\x01-\\x7f]') then {w} else {v} end)"
    w = f"regexp_replace({w}, '{_DOTTED}', '\\1-\\2-\\3')"
    return f"regexp_replace({w}, '{_EIGHT}', '\\1-\\3-\\4')"


def cleaned(col: str) -> str:
    """SQL: the cell lower-cased, trimmed, written the usual way (other_writing_sql), with 'Before', weekday names,
    ordinals ('14th', '1er', '3e') and the Spanish and Portuguese 'de' ('3 de marzo de 2025') removed."""
    v = other_writing_sql(f"lower(trim({col}))")
    v = f"regexp_replace({v}, '{_PREFIX}', '')"
    v = f"regexp_replace({v}, '{_WEEKDAY}', '')"
    v = f"regexp_replace({v}, '(\\d)(st|nd|rd|th|er|e)\\b', '\\1', 'g')"
    v = f"regexp_replace({v}, '(\\d) de ([a-zç])', '\\1 \\2', 'g')"
    v = f"regexp_replace({v}, '([a-zç]) (de|del) (\\d{{4}})', '\\1 \\3', 'g')"
    return f"trim({v})"


def _year(expr: str) -> str:
    """Two-digit years: 00-69 -> 2000s, 70-99 -> 1900s."""
    return (f"(case when length({expr}) = 2 then (case when {expr}::int < 70 then 2000 else 1900 end) + {expr}::int "
            f"else {expr}::int end)")


def _g(v: str, pattern: str, group: int) -> str:
    return f"regexp_extract({v}, '{pattern}', {group})"


def profile_sql(col: str, table: str) -> str:
    """One row of evidence about a text column as a date column."""
    a = f"try_cast({_g('v', NUMERIC, 1)} as int)"
    b = f"try_cast({_g('v', NUMERIC, 2)} as int)"
    return f"""
        with d as (select {col} as raw, count(*) as cnt from {table} where {col} is not null group by 1),
        c as (select {cleaned('raw')} as v, cnt from d)
        select coalesce(sum(cnt), 0) as n,
          coalesce(sum(cnt) filter (where regexp_full_match(v, '{NUMERIC}')), 0) as numeric,
          coalesce(sum(cnt) filter (where regexp_full_match(v, '{NUMERIC}') and {a} > 12 and {b} <= 12), 0)
            as day_first,
          coalesce(sum(cnt) filter (where regexp_full_match(v, '{NUMERIC}') and {b} > 12 and {a} <= 12), 0)
            as month_first,
          coalesce(sum(cnt) filter (where regexp_full_match(v, '{MON_DAY}') or regexp_full_match(v, '{DAY_MON}')
                            or regexp_full_match(v, '{NUMERIC_NO_YEAR}')), 0) as no_year,
          coalesce(sum(cnt) filter (where regexp_full_match(v, '{SERIAL}')), 0) as serial
        from c"""


def order_evidence_sql(col: str, table: str) -> str:
    """Tie-breaker for columns where every numeric date fits both ways: which reading keeps the
    file in date order more often, and which puts fewer dates in the future."""
    v = cleaned(col)
    dmy = date_sql(col, "dmy")
    mdy = date_sql(col, "mdy")
    return f"""
        with c as (select row_no, {dmy} as dmy, {mdy} as mdy from {table}
                   where regexp_full_match({v}, '{NUMERIC}'))
        , l as (select dmy, mdy, lag(dmy) over (order by row_no) as pdmy, lag(mdy) over (order by row_no) as pmdy
                from c)
        select count(*) filter (where dmy <> pdmy
                                and abs(datediff('day', pdmy, dmy)) < abs(datediff('day', pmdy, mdy))) as dmy_closer,
               count(*) filter (where mdy <> pmdy
                                and abs(datediff('day', pmdy, mdy)) < abs(datediff('day', pdmy, dmy))) as mdy_closer,
               count(*) filter (where dmy > current_date + 1) as dmy_future,
               count(*) filter (where mdy > current_date + 1) as mdy_future
        from l"""


def date_sql(col: str, order: str, no_year_placeholder: int = 2000, pre_cleaned: bool = False) -> str:
    """SQL expression turning text into DATE. Dates without a year get `no_year_placeholder` as year.
    With pre_cleaned, `col` already holds `cleaned(...)` (computed once in a subquery: much faster)."""
    v = col if pre_cleaned else cleaned(col)
    d_first, m_first = (1, 2) if order == "dmy" else (2, 1)
    y = no_year_placeholder
    arms = [
        (ISO, f"try(make_date({_g(v, ISO, 1)}::int, {_g(v, ISO, 2)}::int, {_g(v, ISO, 3)}::int))"),
        (NUMERIC,
         f"try(make_date({_year(_g(v, NUMERIC, 3))}, {_g(v, NUMERIC, m_first)}::int, {_g(v, NUMERIC, d_first)}::int))"),
        (DAY_MON_YEAR,
         f"try(make_date({_year(_g(v, DAY_MON_YEAR, 3))}, {_month_case(_g(v, DAY_MON_YEAR, 2))}, "
         f"{_g(v, DAY_MON_YEAR, 1)}::int))"),
        (MON_DAY_YEAR,
         f"try(make_date({_g(v, MON_DAY_YEAR, 3)}::int, {_month_case(_g(v, MON_DAY_YEAR, 1))}, "
         f"{_g(v, MON_DAY_YEAR, 2)}::int))"),
        (MON_YEAR, f"try(make_date({_g(v, MON_YEAR, 2)}::int, {_month_case(_g(v, MON_YEAR, 1))}, 1))"),
        (MON_DAY, f"try(make_date({y}, {_month_case(_g(v, MON_DAY, 1))}, {_g(v, MON_DAY, 2)}::int))"),
        (DAY_MON, f"try(make_date({y}, {_month_case(_g(v, DAY_MON, 2))}, {_g(v, DAY_MON, 1)}::int))"),
        (NUMERIC_NO_YEAR,
         f"try(make_date({y}, {_g(v, NUMERIC_NO_YEAR, m_first)}::int, {_g(v, NUMERIC_NO_YEAR, d_first)}::int))"),
        (SERIAL, f"(case when {_g(v, SERIAL, 1)}::int between 25569 and 73051 "
                 f"then date '1899-12-30' + {_g(v, SERIAL, 1)}::int end)"),
    ]
    body = " ".join(f"when regexp_full_match({v}, '{p}') then {e}" for p, e in arms)
    return f"(case {body} end)"


# A date written inside other text ('Rejected 3/14', 'Interview on 2025-03-20', 'Offer (14 Mar)'): with a year,
# a day and a month name, or a yearless d/m ('3/14', '14.03.'); never a count ('Round 2/3', 'stage 1/2')
MON_WORD = (r"(january|february|march|april|may|june|july|august|september|october|november|december|januar|"
             r"februar|märz|maerz|juni|juli|oktober|dezember|janvier|février|fevrier|mars|avril|mai|juin|juillet|"
             r"août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|"
             r"agosto|septiembre|octubre|noviembre|diciembre|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
             r"mär|okt|dez|janv|févr|fevr|juil|ene|abr|ago|dic|maj)\b\.?")
IN_TEXT = (r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|\d{1,2}/\d{1,2}|\d{1,2}\.\d{1,2}\.|"
           rf"{MON_WORD} \d{{1,2}}(st|nd|rd|th)?(,? \d{{4}})?|\d{{1,2}}(st|nd|rd|th)?\.? {MON_WORD}( \d{{4}})?)")
_COUNTED = r"(round|rounds|stage|stages|step|steps|part|phase|of|no\.?|#) *$"


def with_date_in_text(relation: str, col: str, orders: tuple[str, str]) -> str:
    """SQL: every column of `relation` and `in_text_on`, the date written inside the text `col` (a status cell),
    read in the first order or, where only it makes a date, the second; the placeholder year 2000 where it has
    none. NULL where the text holds no date, or the numbers count something ('Round 2/3'). The text around it must
    be words: '2025-03-20' alone is a date column's job, and 'Req 12/34-5' holds no date. (The text is found once
    in a subquery: written into each date format's test, it made a 140 kB query that took half a second.)"""
    low = f"lower({col})"
    # the last date the text writes: 'Interview 2025-04-01, rejected 4/9' ended on the ninth of April
    last = f"'^(.*)(^|[^\\d/.-]){IN_TEXT}($|[^\\d/.-])'"
    # 'Round 2/3' counts rounds; '2nd round 3/25' is dated (no one counts to 25 rounds)
    counted = "(regexp_matches(it_before, '" + _COUNTED + "') and regexp_full_match(it_found, '\\d{1,2}/([1-9]|10)'))"
    return f"""select * exclude (it_before, it_found, it_words, it_text, it_clean),
                      coalesce({date_sql('it_clean', orders[0], pre_cleaned=True)},
                               {date_sql('it_clean', orders[1], pre_cleaned=True)}) as in_text_on
               from (select *, {cleaned('it_text')} as it_clean from (
                     select *, case when it_words and it_found <> '' and not {counted}
                                    then rtrim(it_found, '.') end as it_text
                     from (select *, regexp_extract({low}, {last}, 1) as it_before,
                                  regexp_extract({low}, {last}, 3) as it_found,
                                  regexp_matches({low}, '[a-zäéû]{{3}}') as it_words
                           from {relation})))"""


def no_year_sql(col: str, pre_cleaned: bool = False) -> str:
    """SQL: true where the value is a date written without a year ('May 9', '14 Jan', '15/01')."""
    v = col if pre_cleaned else cleaned(col)
    return (f"(regexp_full_match({v}, '{MON_DAY}') or regexp_full_match({v}, '{DAY_MON}') "
            f"or regexp_full_match({v}, '{NUMERIC_NO_YEAR}'))")


def decide_order(con, col: str, table: str, hint: str | None = None) -> tuple[str, str | None, dict]:
    """Pick 'dmy' or 'mdy' for a column. Returns (order, sentence explaining a guess or None, profile)."""
    cols = ["n", "numeric", "day_first", "month_first", "no_year", "serial"]
    prof = dict(zip(cols, one(con, profile_sql(col, table)), strict=True))
    if prof["day_first"] and prof["month_first"]:
        order = "dmy" if prof["day_first"] >= prof["month_first"] else "mdy"
        other = prof["month_first"] if order == "dmy" else prof["day_first"]
        return order, (f"mixes day-first and month-first dates; read as {_name(order)} (the majority), "
                       f"{other} value(s) that only fit the other way are left empty"), prof
    if prof["day_first"]:
        return "dmy", None, prof
    if prof["month_first"]:
        return "mdy", None, prof
    if not prof["numeric"]:
        return hint or "mdy", None, prof
    if hint:
        return hint, None, prof
    ev = dict(zip(["dmy_closer", "mdy_closer", "dmy_future", "mdy_future"],
                  one(con, order_evidence_sql(col, table)), strict=True))
    if ev["dmy_future"] != ev["mdy_future"]:
        order = "dmy" if ev["dmy_future"] < ev["mdy_future"] else "mdy"
        why = "fewer dates in the future"
    elif ev["dmy_closer"] != ev["mdy_closer"]:
        order = "dmy" if ev["dmy_closer"] > ev["mdy_closer"] else "mdy"
        why = "keeps the rows closer to date order"
    else:
        order, why = "mdy", "nothing in the file tells them apart"
    return order, (f"has dates that fit both day-first and month-first (e.g. 03/04); read as {_name(order)} "
                   f"because that {why}. Change it under 'Dates' if that is wrong"), prof


def _name(order: str) -> str:
    return "day-first (DD/MM)" if order == "dmy" else "month-first (MM/DD)"


def yearless_fix(con, table: str, col: str, flag: str, as_of: date) -> None:
    """Give yearless dates (stored with the placeholder year 2000) the years that keep the file's order:
    a jump back of more than half a year from the row before starts a new year, and the whole run takes
    the latest years that put none of its dates after `as_of`."""
    con.execute(f"""create or replace temp table hs_yearless as
        with c as (select row_no, {col} as d from {table} where {flag} and {col} is not null),
        w as (select row_no, d, case when datediff('day', d, lag(d) over (order by row_no)) > 182 then 1
                                     when datediff('day', lag(d) over (order by row_no), d) > 182 then -1
                                     else 0 end as wrap from c)
        select row_no, d, sum(wrap) over (order by row_no) as off from w""")
    row = one(con, """select min((case when strftime(d, '%m-%d') <= ? then ? else ? end) - off) from hs_yearless""",
              [as_of.strftime("%m-%d"), as_of.year, as_of.year - 1])
    if row is None or row[0] is None:
        return
    con.execute(f"""update {table} set {col} = try(make_date(?::int + y.off::int, month(y.d), day(y.d)))
                    from hs_yearless y where {table}.row_no = y.row_no""", [int(row[0])])
    con.execute("drop table if exists hs_yearless")


__all__ = ["date_sql", "with_date_in_text", "decide_order", "no_year_sql", "profile_sql", "yearless_fix"]
