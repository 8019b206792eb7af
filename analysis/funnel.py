"""The stage-by-stage funnel: how many applications reached each rung, where they stopped, and how the
groups of a search (channel, referral, role family, seniority, month) compare."""

from __future__ import annotations

import math

import pandas as pd

from analysis.domain import LADDER, OUTCOME_LABELS, OUTCOMES, STAGE_LABELS, share
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters

Z95 = 1.959963984540054
MIN_GROUP = 5  # groups with fewer applications are folded into "Other"

# Published reference points, drawn on charts with their source named.
BENCHMARKS = {
    "interview_rate": (0.15, "Stepstone 2025: a median of 20 applications for 3 interview invitations"),
    "no_answer": (0.54, "Stepstone 2025: 54% of applications got no answer"),
}


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float | None, float | None]:
    """95% Wilson score interval for a proportion; (None, None) when n is 0."""
    if n <= 0:
        return None, None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _rung_counts(con, filters: Filters) -> tuple[dict[int, int], int]:
    sql, params = filtered_facts_sql(filters)
    counts = dict(con.execute(f"select rung, count(*) from ({sql}) group by rung", params).fetchall())
    assessments = con.execute(f"select count(*) from ({sql}) where had_assessment", params).fetchall()[0][0]
    return counts, assessments


def stage_counts(con, filters: Filters = ALL) -> pd.DataFrame:
    """One row per rung: reached (with implication), conversion from the previous rung and from applied,
    drop-off, and the 95% Wilson interval of the conversion from the previous rung."""
    counts, _ = _rung_counts(con, filters)
    return _ladder(counts)


def _ladder(counts: dict[int, int]) -> pd.DataFrame:
    total = sum(counts.values())
    rows: list[dict] = []
    prev = total  # how many reached the rung before (applied: everyone)
    for i, stage in enumerate(LADDER):
        reached = sum(n for r, n in counts.items() if r >= i)
        rate: float | None
        if i == 0:
            rate, (lo, hi) = (1.0, (1.0, 1.0)) if total else (None, (None, None))
        else:
            rate = reached / prev if prev else None
            lo, hi = wilson_interval(reached, prev)
        lo_a, hi_a = wilson_interval(reached, total)
        rows.append({"stage": stage, "label": STAGE_LABELS[stage], "reached": reached, "from_n": prev,
                     "rate_from_previous": rate, "ci_low": lo, "ci_high": hi,
                     "rate_from_applied": reached / total if total else None, "applied_ci_low": lo_a,
                     "applied_ci_high": hi_a, "dropped": prev - reached if i else 0})
        prev = reached
    return pd.DataFrame(rows)


def assessment_step(con, filters: Filters = ALL) -> dict:
    """Assessments are a step, not a rung: how many had one, and how many of those got past the screen."""
    sql, params = filtered_facts_sql(filters)
    n, passed = con.execute(f"select count(*), count(*) filter (where rung >= 1) from ({sql}) where had_assessment",
                            params).fetchall()[0]
    lo, hi = wilson_interval(passed, n)
    return {"had_assessment": n, "then_reached_screen_or_later": passed, "ci_low": lo, "ci_high": hi}


def outcome_counts(con, filters: Filters = ALL) -> dict[str, int]:
    """How many applications end in each outcome as of the filters' date (silence past the threshold is ghosting)."""
    sql, params = filtered_facts_sql(filters)
    got = dict(con.execute(f"select outcome_now, count(*) from ({sql}) group by 1", params).fetchall())
    return {o: int(got.get(o, 0)) for o in OUTCOMES}


def status_coverage(con, filters: Filters = ALL) -> float | None:
    """Share of applications whose file recorded anything after applying (a status, a later step or an outcome).
    0 means the file holds no replies at all (LinkedIn's export), so silence cannot be told from unlogged replies."""
    sql, params = filtered_facts_sql(filters)
    n, known = con.execute(f"""select count(*), count(*) filter (where status_label is not null or rung > 0
                               or outcome <> 'active' or len(edited_fields) > 0) from ({sql})""", params).fetchall()[0]
    return known / n if n else None


def outcomes_by_rung(con, filters: Filters = ALL) -> pd.DataFrame:
    """For each rung, how the applications that stopped there ended: rejected, ghosted, withdrawn, still active…"""
    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"select rung, outcome_now as outcome, count(*) as n from ({sql}) group by all", params).df()
    grid = pd.DataFrame([(i, s, o) for i, s in enumerate(LADDER) for o in OUTCOMES],
                        columns=["rung", "stage", "outcome"])
    out = grid.merge(df, on=["rung", "outcome"], how="left").fillna({"n": 0})
    out["n"] = out["n"].astype(int)
    out["stage_label"] = out["stage"].map(STAGE_LABELS)
    out["outcome_label"] = out["outcome"].map(OUTCOME_LABELS)
    return out


UNKNOWN = "Unknown"  # the group of applications with no value for a split: shown, never advised on
SEGMENTS = {
    "channel": ("Channel", "coalesce(channel, 'Unknown')"),
    "referral": ("Referral", "case when referral then 'Referred' else 'Not referred' end"),
    "role_family": ("Role family", "coalesce(role_family, 'Unknown')"),
    "seniority": ("Seniority", "coalesce(seniority_level, 'Unknown')"),
    "cohort": ("Month applied", "coalesce(strftime(applied_on, '%Y-%m'), 'No date')"),
}


def segment_funnel(con, by: str, filters: Filters = ALL, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """The funnel per group: for each group and rung, reached and the share of the group's applications,
    with a 95% interval. Groups smaller than `min_group` are folded into one 'Other' group, and `folded`
    says which were folded."""
    if by not in SEGMENTS:
        raise ValueError(f"unknown segment {by!r}; one of {sorted(SEGMENTS)}")
    sql, params = filtered_facts_sql(filters)
    expr = SEGMENTS[by][1]  # from the fixed list above, never from the user
    df = con.execute(f"select {expr} as grp, rung, count(*) as n from ({sql}) group by all", params).df()
    if df.empty:
        return pd.DataFrame(columns=["group", "stage", "label", "applications", "reached", "rate", "ci_low", "ci_high",
                                     "folded"])
    sizes = df.groupby("grp")["n"].sum()
    small = sorted(sizes[sizes < min_group].index) if by != "cohort" else []
    other = f"Other: {len(small)} groups under {min_group}"
    if len(small) > 1:
        df["grp"] = df["grp"].where(~df["grp"].isin(small), other)
        df = df.groupby(["grp", "rung"], as_index=False, sort=False)["n"].sum()
    rows = []
    for grp, part in df.groupby("grp", sort=False):
        counts = dict(zip(part["rung"], part["n"], strict=True))
        total = sum(counts.values())
        for i, stage in enumerate(LADDER):
            reached = sum(n for r, n in counts.items() if r >= i)
            lo, hi = wilson_interval(reached, total)
            rows.append({"group": grp, "stage": stage, "label": STAGE_LABELS[stage], "applications": total,
                         "reached": reached, "rate": reached / total if total else None, "ci_low": lo, "ci_high": hi,
                         "folded": ", ".join(map(str, small)) if grp == other else ""})
    out = pd.DataFrame(rows)
    order = (out[out["stage"] == "applied"].sort_values("applications", ascending=False)["group"].tolist()
             if by != "cohort" else sorted(out["group"].unique()))
    if other in order:
        order.remove(other)
        order.append(other)
    out["group"] = pd.Categorical(out["group"], categories=order, ordered=True)
    return out.sort_values(["group", "stage"],
                           key=lambda s: s.map(LADDER.index) if s.name == "stage" else s).reset_index(
        drop=True)


def useful_segments(con, filters: Filters = ALL) -> list[str]:
    """The splits that have at least two groups in this data (a file with no source column has no channels)."""
    sql, params = filtered_facts_sql(filters)
    exprs = ", ".join(f"count(distinct {expr}) as {key}" for key, (_, expr) in SEGMENTS.items())
    row = con.execute(f"select {exprs} from ({sql})", params).fetchall()[0]
    return [key for key, n in zip(SEGMENTS, row, strict=True) if n >= 2]


def sankey(con, filters: Filters = ALL) -> tuple[list[str], pd.DataFrame]:
    """Nodes and links from Applied through the rungs each application reached (an assessment as its own step
    after Applied) to how it ended. Returns (node labels, links with source, target, value as node indexes)."""
    flows = _sankey_flows(con, filters)
    order = ["applied", "assessment", *LADDER[1:], *(f"end:{o}" for o in OUTCOMES if o != "hired")]
    used = set(flows["source"]) | set(flows["target"])
    keys = [k for k in order if k in used]
    nodes = [OUTCOME_LABELS[k[4:]] if k.startswith("end:") else STAGE_LABELS[k] for k in keys]
    index = {k: i for i, k in enumerate(keys)}
    links = pd.DataFrame({"source": flows["source"].map(index), "target": flows["target"].map(index),
                          "value": flows["value"]}, columns=["source", "target", "value"])
    return nodes, links.sort_values(["source", "target"], ignore_index=True)


def _sankey_flows(con, filters: Filters) -> pd.DataFrame:
    """How many applications went along each step (source, target as node keys, value): every application's path
    is applied, its assessment if it had one, each rung up to the furthest, then how it ended ('end:<outcome>',
    or 'hired', the last rung). Worked out in one query over the paths of the groups, not per application."""
    sql, params = filtered_facts_sql(filters)
    return con.execute(f"""
        with groups as (
            select list_concat(['applied'], case when had_assessment then ['assessment'] else [] end,
                               $sankey_ladder[2:rung + 1]) as path,
                   case when outcome_now = 'hired' then 'hired' else 'end:' || outcome_now end as ending,
                   count(*) as n
            from ({sql}) group by all),
        paths as (
            select case when path[-1] = ending then path else list_append(path, ending) end as path, n from groups),
        steps as (select path, n, unnest(range(1, len(path))) as i from paths)
        select path[i] as source, path[i + 1] as target, sum(n)::bigint as value from steps group by all""",
                       {**params, "sankey_ladder": list(LADDER)}).df()


def weakest_rung(stages: pd.DataFrame, min_n: int = 5) -> dict | None:
    """The rung with the lowest conversion from the one before, among rungs with enough applications to judge."""
    cand = stages[(~stages["stage"].isin(["applied", "hired"])) & (stages["from_n"] >= min_n)]
    if cand.empty:
        return None
    # the rung most surely low: the lowest upper end of its interval (0 of 5 is not surer than 5 of 38)
    row = cand.sort_values(["ci_high", "rate_from_previous"]).iloc[0]
    return row.to_dict()


def stage_table(stages: pd.DataFrame) -> pd.DataFrame:
    """The ladder as people read it: whole percents as text, an empty cell where a share cannot be worked out."""
    return pd.DataFrame({
        "Stage": stages["label"], "Reached": stages["reached"].astype(int), "Out of": stages["from_n"].astype(int),
        "From stage before": stages["rate_from_previous"].map(share), "95% low": stages["ci_low"].map(share),
        "95% high": stages["ci_high"].map(share), "From applied": stages["rate_from_applied"].map(share),
        "Stopped before it": stages["dropped"].astype(int)})
