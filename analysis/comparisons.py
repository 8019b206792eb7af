"""Fit from the person's own data, with no criteria typed: what got a call compared with what did not, across
role family, level, channel, field, work type, pay band and distance from the titles the person applies to most.

Every comparison carries its counts and a 95% Wilson interval; a group with fewer than MIN_CLAIM applications is
shown folded and never makes a claim, and a sample under SMALL says so in the sentence. The dimensions are data
(an ordered registry below): each names the SQL expression that puts an application in a group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property

import pandas as pd

from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters
from analysis.fit import _YEARLY, Criteria
from analysis.funnel import wilson_interval
from analysis.roles import OTHER_ROLES, SENIORITY_ORDER
from analysis.sqlutil import one

MIN_CLAIM = 3  # no claim ever rests on fewer applications than this
SMALL = 10  # under this, a sentence says the sample is small
MIN_SUGGESTION_CALLS = 2  # a criterion is suggested from two calls or more: one call is not a pattern
ANSWERED = "rung >= 1"  # a first call (screen) or further: the answer that moves a search on


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    phrase: Callable[[str], str]  # the group as the subject of a sentence
    criterion: str | None  # the Criteria field a good group can become ('' or None: no criterion for it)


DIMENSIONS: list[Dimension] = [
    Dimension("role_family", "Role family", lambda g: g if g == OTHER_ROLES else f"{g} roles", "target_titles"),
    Dimension("seniority", "Level against your usual one", lambda g: f"Roles {g}", "seniority"),
    Dimension("channel", "Channel", lambda g: f"Applications through {g}", None),
    Dimension("field", "Field", lambda g: f"Roles in {g}", "fields"),
    Dimension("remote", "Work type", lambda g: f"{g.capitalize()} roles", "remote"),
    Dimension("salary", "Pay band", lambda g: f"Roles paying {g}", None),
    Dimension("title_distance", "Distance from your usual titles", lambda g: g[:1].upper() + g[1:], "target_titles"),
]
DIMENSION_LABELS = {d.key: d.label for d in DIMENSIONS}


@dataclass
class FitFinding:
    dimension: str
    group: str
    finding: str  # the sentence, with its counts
    applications: int
    answered: int
    rest_applications: int
    rest_answered: int
    clear: bool  # the intervals of the group and of the rest do not overlap
    suggestion: dict | None = field(default=None)  # {"field", "value", "label"}: a criterion to add


# -- the group expression of each dimension (some need a figure from the data first) -----------------------------

class _Usual:
    """The person's usual level and most-applied titles over one set of facts, each worked out at most once (the
    comparisons need them for their groups, the findings again for their suggestions)."""

    def __init__(self, con, sql: str, params: dict):
        self.con, self.sql, self.params = con, sql, params

    @cached_property
    def level(self) -> str | None:
        row = one(self.con, f"""select seniority_level from ({self.sql})
                                where list_contains($lv_order, seniority_level)
                                group by 1 order by count(*) desc, 1 limit 1""",
                  {**self.params, "lv_order": SENIORITY_ORDER})
        return row[0] if row else None

    @cached_property
    def titles(self) -> list[str]:
        """The titles applied to most: the top one and those with more than half its count (at least MIN_CLAIM
        each), each as most often written. Counted per title as typed first, then per title whatever its case."""
        rows = self.con.execute(f"""
            with typed as (select role, count(*) as n from ({self.sql}) where role is not null group by role)
            select shown from (select lower(trim(role)) as t, first(trim(role) order by n desc, role) as shown,
                                      sum(n) as n, max(sum(n)) over () as top
                               from typed where trim(role) <> '' group by 1)
            where n >= {MIN_CLAIM} and n * 2 > top order by n desc, t limit 3""", self.params).fetchall()
        return [r[0] for r in rows]


def _salary_cuts(con, sql: str, params: dict) -> tuple[str | None, float, float] | None:
    """The currency most pay figures are in, and the thirds of the yearly midpoints in it."""
    cur = one(con, f"""select salary_currency from ({sql}) where salary_max is not null
                       group by 1 order by (salary_currency is null), count(*) desc limit 1""", params)
    if cur is None:
        return None
    row = one(con, f"""select quantile_cont(mid, 1/3), quantile_cont(mid, 2/3), count(*) from (
                           select (coalesce(salary_min, salary_max) + salary_max) / 2 * {_YEARLY} as mid
                           from ({sql}) where salary_max is not null
                             and salary_currency is not distinct from $cur)""", {**params, "cur": cur[0]})
    if not row or row[2] < 2 * MIN_CLAIM or row[0] is None or row[0] == row[1]:
        return None
    return cur[0], float(row[0]), float(row[1])


def _money(x: float, cur: str | None) -> str:
    sign = {"EUR": "€", "USD": "$", "GBP": "£"}.get(cur or "", "")
    text = f"{x / 1000:.0f}k" if x >= 1000 else f"{x:.0f}"
    return f"{sign}{text}" + (f" {cur}" if cur and not sign else "")


def _group_sql(con, key: str, sql: str, params: dict, usual: _Usual) -> tuple[str | None, dict, dict]:
    """(SQL expression of the group, extra parameters, labels for coded groups) for one dimension; None when the
    data has nothing to group by."""
    if key == "role_family":
        return "role_family", {}, {}
    if key == "channel":
        return "channel", {}, {}
    if key == "field":
        return "nullif(trim(field), '')", {}, {}
    if key == "remote":
        return "remote_type", {}, {}
    if key == "seniority":
        level = usual.level
        if level is None:
            return None, {}, {}
        expr = """case when list_position($lv_order, seniority_level) is null then null
                       else least(greatest(list_position($lv_order, seniority_level) - $lv_usual, -2), 2)::varchar
                  end"""
        at = SENIORITY_ORDER.index(level) + 1

        def lvl(d: int) -> str:
            i = at - 1 + d
            return SENIORITY_ORDER[i] if 0 <= i < len(SENIORITY_ORDER) else ""
        labels = {"0": f"at your usual level ({level})", "1": f"one level above yours ({lvl(1)})",
                  "2": "two or more levels above yours", "-1": f"one level below yours ({lvl(-1)})",
                  "-2": "two or more levels below yours"}
        return expr, {"lv_order": SENIORITY_ORDER, "lv_usual": at}, labels
    if key == "salary":
        cuts = _salary_cuts(con, sql, params)
        if cuts is None:
            return None, {}, {}
        cur, lo, hi = cuts
        expr = f"""case when salary_max is null or salary_currency is distinct from $sal_cur then null
                        when (coalesce(salary_min, salary_max) + salary_max) / 2 * {_YEARLY} < $sal_lo then 'low'
                        when (coalesce(salary_min, salary_max) + salary_max) / 2 * {_YEARLY} < $sal_hi then 'mid'
                        else 'high' end"""
        labels = {"low": f"under {_money(lo, cur)} a year", "mid": f"{_money(lo, cur)}–{_money(hi, cur)} a year",
                  "high": f"{_money(hi, cur)} a year or more"}
        return expr, {"sal_cur": cur, "sal_lo": lo, "sal_hi": hi}, labels
    if key == "title_distance":
        titles = usual.titles
        if not titles:
            return None, {}, {}
        fams = [r[0] for r in con.execute(f"""select distinct role_family from ({sql})
                                              where list_contains($td_titles, lower(trim(role)))
                                                and role_family is not null
                                                and role_family <> $td_other""",
                                          {**params, "td_titles": [t.lower() for t in titles],
                                           "td_other": OTHER_ROLES}).fetchall()]
        expr = """case when role is null or trim(role) = '' then null
                       when list_contains($td_titles, lower(trim(role))) then 'usual'
                       when list_contains($td_fams, role_family) then 'near' else 'far' end"""
        shown = ", ".join(titles)
        labels = {"usual": f"your most-applied titles ({shown})", "near": "other titles in the same family",
                  "far": "roles further from your usual titles"}
        return expr, {"td_titles": [t.lower() for t in titles], "td_fams": fams}, labels
    raise ValueError(f"unknown dimension {key!r}")


def comparisons(con, filters: Filters = ALL, usual: _Usual | None = None) -> pd.DataFrame:
    """For each dimension and group: applications, how many got a call, the share and its 95% interval.
    Groups under MIN_CLAIM applications are folded into one 'Fewer than 3 each' row per dimension (`folded` True).
    Applications with no value for a dimension are left out of that dimension (unknown is not a group)."""
    sql, params = filtered_facts_sql(filters)
    usual = usual or _Usual(con, sql, params)
    dims, extras = [], {}
    for dim in DIMENSIONS:
        expr, extra, labels = _group_sql(con, dim.key, sql, params, usual)
        if expr is not None:
            dims.append((dim, expr, labels))
            extras.update(extra)
    if not dims:
        return pd.DataFrame(columns=_COLUMNS)
    # every dimension's groups in one pass over the facts (GROUPING SETS): a row of set i has only g<i> filled
    gs = ", ".join(f"({expr}) as g{i}" for i, (_, expr, _) in enumerate(dims))
    sets = ", ".join(f"(g{i})" for i in range(len(dims)))
    result = con.execute(f"""select {", ".join(f"g{i}" for i in range(len(dims)))}, count(*) as n,
                                    count(*) filter (where {ANSWERED}) as answered
                             from (select {gs}, rung from ({sql})) group by grouping sets ({sets})""",
                         {**params, **extras}).fetchall()
    rows = []
    for i, (dim, _, labels) in enumerate(dims):
        got = sorted(((r[i], r[-2], r[-1]) for r in result if r[i] is not None), key=lambda t: (-t[1], str(t[0])))
        small = [(g, n, a) for g, n, a in got if n < MIN_CLAIM]
        for g, n, a in [r for r in got if r[1] >= MIN_CLAIM]:
            rows.append(_row(dim, labels.get(g, g), g, n, a, False))
        if small:
            rows.append(_row(dim, f"{len(small)} group(s) with fewer than {MIN_CLAIM} each", None,
                             sum(n for _, n, _ in small), sum(a for _, _, a in small), True))
    return pd.DataFrame(rows, columns=_COLUMNS)


_COLUMNS = ["dimension", "dimension_label", "group", "code", "applications", "answered", "rate", "ci_low", "ci_high",
            "folded"]


def _row(dim: Dimension, label: str, code, n: int, a: int, folded: bool) -> dict:
    lo, hi = wilson_interval(a, n)
    return {"dimension": dim.key, "dimension_label": dim.label, "group": label, "code": code, "applications": int(n),
            "answered": int(a), "rate": a / n if n else None, "ci_low": lo, "ci_high": hi, "folded": folded}


def _calls(a: int, n: int) -> str:
    return f"{a} call{'' if a == 1 else 's'} in {n}"


def _suggestion(dim: Dimension, code, label: str) -> dict | None:
    if not dim.criterion or code is None or code == OTHER_ROLES:  # a remainder is no target
        return None
    if dim.key == "seniority":
        return None  # coded as a distance; the level itself is filled in by fit_findings
    if dim.key == "remote" and code not in ("remote", "hybrid", "onsite"):
        return None
    if dim.key == "title_distance":
        return None if code != "usual" else {"field": "target_titles", "value": None, "label": label}
    return {"field": dim.criterion, "value": code, "label": label}


def fit_findings(con, filters: Filters = ALL) -> list[FitFinding]:
    """One sentence per dimension with at least two groups of MIN_CLAIM or more applications: the group whose
    share of calls differs most from the rest of that dimension, with both counts and whether the difference is
    clear (the 95% intervals do not overlap) or a hint. Nothing when the data records no answers at all."""
    usual = _Usual(con, *filtered_facts_sql(filters))
    table = comparisons(con, filters, usual)
    if table.empty or int(table["answered"].sum()) == 0:
        return []
    out: list[FitFinding] = []
    for dim in DIMENSIONS:
        whole = table[table["dimension"] == dim.key]
        part = whole[~whole["folded"]]
        total_n, total_a = int(whole["applications"].sum()), int(whole["answered"].sum())
        best = _most_different(part, total_n, total_a) if len(part) >= 2 else None
        if best is None:
            continue
        r, rest_n, rest_a = best
        lo, hi = wilson_interval(rest_a, rest_n)
        clear = r.ci_low > hi or r.ci_high < lo
        rate, rest_rate = r.rate, rest_a / rest_n
        sure = ("a clear difference" if clear else "the intervals overlap, so a hint rather than proof")
        small = f" Small sample: {r.applications} applications." if r.applications < SMALL else ""
        sentence = (f"{dim.phrase(r.group)} got {_calls(r.answered, r.applications)} ({rate:.0%}, plausibly "
                    f"{r.ci_low:.0%}–{r.ci_high:.0%}), against {_calls(rest_a, rest_n)} ({rest_rate:.0%}) for the "
                    f"rest: {sure}.{small}")
        out.append(FitFinding(dim.key, r.group, sentence, int(r.applications), int(r.answered), int(rest_n),
                              int(rest_a), bool(clear), _best_groups_suggestion(dim, part, total_n, total_a, usual)))
    out.sort(key=lambda f: (not f.clear, -abs(f.answered / f.applications - f.rest_answered / f.rest_applications)
                            * (f.applications + f.rest_applications)))
    return out


def _most_different(part: pd.DataFrame, total_n: int, total_a: int):
    """(row, rest's applications, rest's calls) of the group whose share of calls differs most from the rest of
    its dimension, the gap weighted by how much evidence is behind it (a z-score's numerator, so 0 in 4 does not
    outrank 16 in 32); None when no group differs or no rest has MIN_CLAIM applications."""
    best = None
    for r in part.itertuples():
        rest_n, rest_a = total_n - r.applications, total_a - r.answered
        if rest_n < MIN_CLAIM:
            continue
        gap = abs(r.rate - rest_a / rest_n) * (r.applications * rest_n / (r.applications + rest_n)) ** 0.5
        if best is None or gap > best[0] + 1e-12:
            best = (gap, r, rest_n, rest_a)
    if best is None or best[0] == 0:
        return None
    return best[1:]


def _best_groups_suggestion(dim: Dimension, part: pd.DataFrame, total_n: int, total_a: int,
                            usual: _Usual) -> dict | None:
    """The criterion the group with the best share of calls becomes, when it does better than the rest."""
    top = part.sort_values(["rate", "applications"], ascending=[False, False]).iloc[0]
    top_rest_n = total_n - int(top["applications"])
    top_rest_rate = (total_a - int(top["answered"])) / top_rest_n if top_rest_n else 0
    if not top["rate"] > top_rest_rate or int(top["answered"]) < MIN_SUGGESTION_CALLS:
        return None
    suggestion = _suggestion(dim, top["code"], top["group"])
    if dim.key == "seniority" and top["code"] is not None:
        at = usual.level
        i = SENIORITY_ORDER.index(at) + int(top["code"]) if at else -1
        if abs(int(top["code"])) <= 1 and 0 <= i < len(SENIORITY_ORDER):
            suggestion = {"field": "seniority", "value": SENIORITY_ORDER[i], "label": top["group"]}
    if suggestion and dim.key == "title_distance":
        suggestion["value"] = list(usual.titles)
    if suggestion:
        suggestion["evidence"] = _calls(int(top["answered"]), int(top["applications"]))
    return suggestion


def apply_suggestion(criteria: Criteria, suggestion: dict) -> Criteria:
    """The criteria with a finding's suggestion added (lists grow, nothing the person set is dropped)."""
    c = Criteria(**asdict(criteria))
    name, value = suggestion["field"], suggestion["value"]
    if name == "remote":
        c.remote = value
    elif name in ("target_titles", "fields", "seniority", "places"):
        values = value if isinstance(value, list) else [value]
        current = getattr(c, name)
        have = {v.lower() for v in current}
        setattr(c, name, [*current, *(v for v in values if v and v.lower() not in have)])
    else:
        raise ValueError(f"a suggestion cannot set {name!r}")
    return c


def describe_suggestion(suggestion: dict) -> str:
    """What the button will do, in words."""
    name, value = suggestion["field"], suggestion["value"]
    shown = ", ".join(value) if isinstance(value, list) else str(value)
    return {"target_titles": f"Target {shown}", "fields": f"Add the field {shown}",
            "seniority": f"Target the {shown} level",
            "remote": f"Prefer {shown} work", "places": f"Add {shown} to your places"}[name]


def suggested_criteria(con, filters: Filters = ALL) -> tuple[Criteria, list[str]]:
    """Criteria read off what the person applies to most: titles and places with at least MIN_CLAIM applications
    (up to five and three), and a work type when at least 60% of those with one share it."""
    sql, params = filtered_facts_sql(filters)
    titles = [r[0] for r in con.execute(f"""select any_value(trim(role)) from ({sql}) where role is not null
                                             and trim(role) <> '' group by lower(trim(role))
                                             having count(*) >= {MIN_CLAIM} order by count(*) desc, 1 limit 5""",
                                        params).fetchall()]
    places = [r[0] for r in con.execute(f"""select any_value(trim(location)) from ({sql})
                                             where location is not null and trim(location) <> ''
                                               and not regexp_matches(location, '(?i)remote')
                                             group by lower(trim(location)) having count(*) >= {MIN_CLAIM}
                                             order by count(*) desc, 1 limit 3""", params).fetchall()]
    work = one(con, f"""select remote_type, count(*) / sum(count(*)) over () as share from ({sql})
                        where remote_type is not null group by 1 order by 2 desc limit 1""", params)
    c, said = Criteria(), []
    if titles:
        c.target_titles = titles
        said.append(f"titles you applied to most: {', '.join(titles)}")
    if places:
        c.places = places
        said.append(f"places you applied to most: {', '.join(places)}")
    if work and work[1] >= 0.6 and work[0] in ("remote", "hybrid"):
        c.remote = work[0]
        said.append(f"work type: {work[1]:.0%} of your applications with a work type are {work[0]}")
    return c, said


def merge_criteria(base: Criteria, extra: Criteria) -> Criteria:
    """`base` with the lists of `extra` added and its work type where `base` has none."""
    c = Criteria(**asdict(base))
    for name in ("target_titles", "places", "fields", "seniority"):
        have = {v.lower() for v in getattr(c, name)}
        setattr(c, name, [*getattr(c, name), *(v for v in getattr(extra, name) if v.lower() not in have)])
    if c.remote == "any" and extra.remote != "any":
        c.remote = extra.remote
    if extra.max_commute_minutes and not c.max_commute_minutes:
        c.max_commute_minutes = extra.max_commute_minutes
    return c


def comparison_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparisons as people read them: the group, its counts, the share and its plausible range as text
    (empty where there is nothing to say, never None)."""
    out = pd.DataFrame({
        "Compared by": table["dimension_label"],
        "Group": table["group"],
        "Applications": table["applications"].astype(int),
        "Got a call": table["answered"].astype(int),
        "Share": [f"{r:.0%}" if r == r and r is not None else "" for r in table["rate"]],
        "Plausible range (95%)": [f"{lo:.0%}–{hi:.0%}" if lo is not None and lo == lo else ""
                                  for lo, hi in zip(table["ci_low"], table["ci_high"], strict=True)],
        "Note": ["too few to compare" if f else ("small sample" if n < SMALL else "")
                 for f, n in zip(table["folded"], table["applications"], strict=True)],
    })
    return out.reset_index(drop=True)
