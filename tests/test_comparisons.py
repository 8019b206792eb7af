"""Fit from the person's own data: exact counts per group on small files of our own, no claim under three
applications, the suggestions a finding turns into, and criteria read off what the person applies to most."""

from datetime import date

import pytest

from analysis.comparisons import (
    MIN_CLAIM,
    apply_suggestion,
    comparison_table,
    comparisons,
    fit_findings,
    merge_criteria,
    suggested_criteria,
)
from analysis.filters import Filters
from analysis.fit import Criteria
from analysis.ingest.importer import import_file

F = Filters(as_of=date(2025, 3, 1))

# Referral: 4 applications, 3 calls. LinkedIn: 6, 1 call. Indeed: 2, none (too few to compare on their own).
CHANNELS = b"""Company,Role,Source,Work Type,Location,Date Applied,Status
A1,Data Engineer,Referral,Remote,Berlin,2025-01-02,Phone screen
A2,Data Engineer,Referral,Remote,Berlin,2025-01-03,Interview
A3,Data Engineer,Referral,Hybrid,Berlin,2025-01-04,Phone screen
A4,Data Engineer,Referral,Hybrid,Munich,2025-01-05,Rejected
B1,Data Engineer,LinkedIn,Onsite,Berlin,2025-01-06,Phone screen
B2,Data Analyst,LinkedIn,Onsite,Munich,2025-01-07,Rejected
B3,Data Analyst,LinkedIn,Onsite,Munich,2025-01-08,Rejected
B4,Data Analyst,LinkedIn,Onsite,Hamburg,2025-01-09,Rejected
B5,Sales Manager,LinkedIn,Remote,Hamburg,2025-01-10,Rejected
B6,Sales Manager,LinkedIn,Remote,Remote,2025-01-11,Rejected
C1,Data Engineer,Indeed,Remote,Remote,2025-01-12,Rejected
C2,Data Engineer,Indeed,Remote,Remote,2025-01-13,Rejected
"""


def test_channel_groups_exact_counts_and_folding(con):
    import_file(con, CHANNELS, "t.csv")
    table = comparisons(con, F)
    ch = table[table["dimension"] == "channel"].set_index("group")
    assert ch.loc["Referral", ["applications", "answered"]].tolist() == [4, 3]
    assert ch.loc["LinkedIn", ["applications", "answered"]].tolist() == [6, 1]
    folded = ch[ch["folded"]]
    assert folded[["applications", "answered"]].values.tolist() == [[2, 0]]  # Indeed, folded
    assert "Indeed" not in ch.index
    lo, hi = ch.loc["Referral", ["ci_low", "ci_high"]]
    assert 0.2 < lo < 0.75 < hi <= 1.0


def test_channel_finding_names_both_counts(con):
    import_file(con, CHANNELS, "t.csv")
    found = {f.dimension: f for f in fit_findings(con, F)}
    ch = found["channel"]
    assert (ch.group, ch.applications, ch.answered, ch.rest_applications, ch.rest_answered) == ("Referral", 4, 3, 8, 1)
    assert "3 calls in 4" in ch.finding and "1 call in 8" in ch.finding
    assert "Small sample: 4 applications" in ch.finding
    assert ch.suggestion is None  # no criterion for a channel


def test_no_claim_rests_on_fewer_than_three(con):
    import_file(con, CHANNELS, "t.csv")
    for f in fit_findings(con, F):
        assert f.applications >= MIN_CLAIM and f.rest_applications >= MIN_CLAIM, f
    table = comparisons(con, F)
    assert (table[~table["folded"]]["applications"] >= MIN_CLAIM).all()


def test_role_family_and_work_type(con):
    import_file(con, CHANNELS, "t.csv")
    table = comparisons(con, F)
    fam = table[table["dimension"] == "role_family"].set_index("code")
    assert fam.loc["Data Engineer", ["applications", "answered"]].tolist() == [7, 4]
    assert fam.loc["Data / BI Analyst", ["applications", "answered"]].tolist() == [3, 0]
    remote = table[table["dimension"] == "remote"].set_index("code")
    assert remote.loc["remote", ["applications", "answered"]].tolist() == [6, 2]  # A1, A2
    assert remote.loc["onsite", ["applications", "answered"]].tolist() == [4, 1]
    found = {f.dimension: f for f in fit_findings(con, F)}
    assert found["role_family"].suggestion == {"field": "target_titles", "value": "Data Engineer",
                                               "label": "Data Engineer", "evidence": "4 calls in 7"}


def test_level_above_yours(con):
    rows = ["Company,Role,Status"]
    rows += [f"J{i},Junior Data Engineer,{'Phone screen' if i < 3 else 'Rejected'}" for i in range(5)]
    rows += [f"M{i},Data Engineer II,Rejected" for i in range(3)]
    rows += [f"S{i},Senior Data Engineer,Rejected" for i in range(2)]
    import_file(con, ("\n".join(rows) + "\n").encode(), "t.csv")
    lvl = comparisons(con, F)
    lvl = lvl[lvl["dimension"] == "seniority"].set_index("code")
    assert lvl.loc["0", ["group", "applications", "answered"]].tolist() == ["at your usual level (Junior)", 5, 3]
    assert lvl.loc["1", ["group", "applications", "answered"]].tolist() == ["one level above yours (Mid)", 3, 0]
    found = {f.dimension: f for f in fit_findings(con, F)}
    assert found["seniority"].finding.startswith("Roles at your usual level (Junior) got 3 calls in 5")
    assert found["seniority"].suggestion == {"field": "seniority", "value": "Junior",
                                             "label": "at your usual level (Junior)", "evidence": "3 calls in 5"}


def test_nothing_claimed_without_answers(con):
    body = "Company,Role,Source\n" + "".join(f"X{i},Data Engineer,{'LinkedIn' if i % 2 else 'Indeed'}\n"
                                             for i in range(10))
    import_file(con, body.encode(), "t.csv")
    assert fit_findings(con, F) == []
    assert len(comparisons(con, F))  # the counts are still there to see


def test_title_distance_and_salary_bands(con):
    rows = ["Company,Role,Salary,Status"]
    rows += [f"U{i},Data Engineer,€{50 + i}k,{'Interview' if i < 3 else 'Rejected'}" for i in range(6)]
    rows += [f"N{i},Data Platform Engineer,€{70 + i}k,Rejected" for i in range(3)]
    rows += [f"F{i},Product Manager,€{90 + i}k,Rejected" for i in range(3)]
    import_file(con, ("\n".join(rows) + "\n").encode(), "t.csv")
    t = comparisons(con, F)
    dist = t[t["dimension"] == "title_distance"].set_index("code")
    assert dist.loc["usual", ["applications", "answered"]].tolist() == [6, 3]  # 3 and 3 are not over half of 6
    assert dist.loc["near", ["applications", "answered"]].tolist() == [3, 0]
    assert dist.loc["far", ["applications", "answered"]].tolist() == [3, 0]
    assert "Data Engineer" in dist.loc["usual", "group"]
    pay = t[t["dimension"] == "salary"]
    assert pay["applications"].sum() == 12 and set(pay["code"]) == {"low", "mid", "high"}
    found = {f.dimension: f for f in fit_findings(con, F)}
    assert found["title_distance"].suggestion["value"] == ["Data Engineer"]


class _Counting:
    """A connection that counts each statement it runs (by its text)."""

    def __init__(self, con):
        self.con, self.seen = con, {}

    def execute(self, sql, *args):
        self.seen[sql] = self.seen.get(sql, 0) + 1
        return self.con.execute(sql, *args)


_TITLES = (["Company,Role,Status"]
           + [f"U{i},{'data engineer' if i == 0 else 'Data Engineer'},{'Interview' if i < 3 else 'Rejected'}"
              for i in range(6)]
           + [f"N{i},Data Platform Engineer,Rejected" for i in range(3)]
           + [f"F{i},Product Manager,Rejected" for i in range(3)])
_LEVELS = (["Company,Role,Status"] + [f"J{i},Junior Data Engineer,{'Phone screen' if i < 3 else 'Rejected'}"
                                      for i in range(5)]
           + [f"M{i},Data Engineer II,Rejected" for i in range(3)])


@pytest.mark.parametrize("rows,dimension,value", [
    (_TITLES, "title_distance", ["Data Engineer"]),  # the title as most often written
    (_LEVELS, "seniority", "Junior"),
])
def test_findings_work_out_the_usual_level_and_titles_once(con, rows, dimension, value):
    """The usual level and titles feed both the groups and the suggestions: one query each, not one per use."""
    import_file(con, ("\n".join(rows) + "\n").encode(), "t.csv")
    counting = _Counting(con)
    found = {f.dimension: f for f in fit_findings(counting, F)}
    assert found[dimension].suggestion["value"] == value
    twice = {sql: n for sql, n in counting.seen.items() if n > 1}
    assert not twice, twice


def test_apply_suggestion_adds_without_dropping():
    c = Criteria(target_titles=["Data Engineer"], remote="any")
    c2 = apply_suggestion(c, {"field": "target_titles", "value": "Analytics Engineer", "label": ""})
    assert c2.target_titles == ["Data Engineer", "Analytics Engineer"] and c.target_titles == ["Data Engineer"]
    assert apply_suggestion(c2, {"field": "target_titles", "value": "data engineer", "label": ""}).target_titles == \
        ["Data Engineer", "Analytics Engineer"]
    assert apply_suggestion(c, {"field": "remote", "value": "hybrid", "label": ""}).remote == "hybrid"


def test_suggested_criteria_from_what_is_applied_to_most(con):
    import_file(con, CHANNELS, "t.csv")
    got, said = suggested_criteria(con, F)
    assert got.target_titles == ["Data Engineer", "Data Analyst"]  # 7 and 3; Sales Manager has 2
    assert got.places == ["Berlin", "Munich"]  # 4 and 3 (Hamburg 2, 'Remote' is not a place)
    assert len(said) == 2
    merged = merge_criteria(Criteria(target_titles=["data engineer"], places=["Paris"]), got)
    assert merged.target_titles == ["data engineer", "Data Analyst"] and merged.places == ["Paris", "Berlin", "Munich"]


def test_comparison_table_has_no_none(con):
    import_file(con, CHANNELS, "t.csv")
    shown = comparison_table(comparisons(con, F))
    assert not shown.isna().any().any()
    assert "None" not in shown.astype(str).values
    assert shown[shown["Group"].str.contains("fewer than")]["Note"].tolist() == ["too few to compare"] * len(
        shown[shown["Group"].str.contains("fewer than")])


def test_demo_has_three_comparisons_with_counts():
    from analysis import store
    from analysis.ingest.importer import ImportOptions

    con = store.connect(":memory:")
    import_file(con, store.DEMO_FILE, options=ImportOptions(as_of=date(2026, 11, 1), save_choices=False))
    found = fit_findings(con, Filters(as_of=date(2026, 11, 1)))
    assert len(found) >= 3
    for f in found:
        assert f.applications >= 3 and f"{f.answered} call" in f.finding


def test_report_carries_the_fit_findings(con):
    from analysis.report import build_report

    import_file(con, CHANNELS, "t.csv")
    rep = build_report(con, as_of=date(2025, 3, 1))
    got = {f["dimension"]: f for f in rep["fit_findings"]}
    assert {"finding", "applications", "answered"} <= got["channel"].keys()
    assert (got["channel"]["applications"], got["channel"]["answered"]) == (4, 3)
    assert all(f["applications"] >= MIN_CLAIM for f in rep["fit_findings"])


def test_the_remainder_family_reads_once_and_is_never_a_target(con):
    rows = ["Company,Role,Status"]
    rows += [f"O{i},Barista,{'Phone screen' if i < 4 else 'Rejected'}" for i in range(6)]
    rows += [f"D{i},Data Engineer,Rejected" for i in range(4)]
    rows += [f"A{i},Data Analyst,{'Phone screen' if i < 1 else 'Rejected'}" for i in range(4)]
    import_file(con, ("\n".join(rows) + "\n").encode(), "t.csv")
    found = {f.dimension: f for f in fit_findings(con, F)}["role_family"]
    assert found.finding.startswith("Other roles got 4 calls in 6"), found.finding
    assert found.suggestion is None


def test_no_criterion_is_suggested_from_a_single_call(con):
    rows = ["Company,Role,Status"]
    rows += [f"B{i},Backend Engineer,{'Phone screen' if i < 1 else 'Rejected'}" for i in range(3)]
    rows += [f"D{i},Data Engineer,Rejected" for i in range(6)]
    import_file(con, ("\n".join(rows) + "\n").encode(), "t.csv")
    found = {f.dimension: f for f in fit_findings(con, F)}
    assert "1 call in 3" in found["role_family"].finding  # said, with its counts
    assert found["role_family"].suggestion is None  # but the one call is not turned into a criterion
