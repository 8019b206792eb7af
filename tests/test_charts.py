"""Figure builders (AppTest cannot look inside a Plotly chart) and the table labels people read."""

import pandas as pd

from analysis import charts
from analysis.domain import readable


def test_a_single_week_is_a_week_wide_bar_with_a_week_either_side():
    fig = charts.weekly_activity_figure(pd.DataFrame({"week": [pd.Timestamp("2022-02-21")], "applications": [6]}))
    assert fig.data[0].width == 6 * 86400000
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert (lo, hi) == (pd.Timestamp("2022-02-14"), pd.Timestamp("2022-02-28"))


def test_many_weeks_keep_the_automatic_range():
    weeks = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=20, freq="7D"), "applications": range(20)})
    fig = charts.weekly_activity_figure(weeks, goal=5)
    assert fig.layout.xaxis.range is None and fig.data[0].width == 6 * 86400000


def test_reasons_by_stage_is_a_row_per_reason_and_a_legend_of_stages_above_the_bars():
    df = pd.DataFrame({"stage_label": ["Applied", "Applied", "Screen"],
                       "reason": ["skills_gap", "timing", "skills_gap"],
                       "label": ["Skills gap", "Timing", "Skills gap"], "count": [3, 1, 2]})
    fig = charts.reasons_by_rung_figure(df)
    assert [t.name for t in fig.data] == ["Applied", "Screen"]  # the legend names stages, not a dozen reasons
    assert list(fig.layout.yaxis.categoryarray) == ["Skills gap", "Timing"]  # most first
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y >= 1  # above: never over the axis title


def test_legends_of_the_narrow_charts_sit_between_title_and_plot():
    responses = pd.DataFrame({"answer": ["a next step", "a rejection"], "days": [3, 10]})
    ghosts = pd.DataFrame({"label": ["Applied"], "stopped_here": [5], "ghosted": [2], "share": [0.4]})
    stopped = pd.DataFrame({"stage_label": ["Applied"] * 7, "outcome": ["active", "rejected", "ghosted", "withdrawn",
                                                                        "offer_declined", "hired", "closed"],
                            "n": [1] * 7})
    for fig in (charts.response_time_figure(responses), charts.ghosting_figure(ghosts),
                charts.outcomes_by_rung_figure(stopped)):
        assert fig.layout.legend.y >= 1 and fig.layout.title.yref == "container", fig.layout.title.text
    assert charts.outcomes_by_rung_figure(stopped).layout.margin.t >= 46 + 22 * 3  # room for three lines


def test_conversion_counts_sit_under_the_stage_names_not_in_the_bars():
    stages = pd.DataFrame({"stage": ["applied", "screen"], "from_n": [0, 10], "reached": [10, 3],
                           "rate_from_previous": [None, 0.3], "ci_low": [None, 0.1], "ci_high": [None, 0.6]})
    fig = charts.conversion_figure(stages)
    assert "3 of 10" in fig.data[0].x[0] and fig.data[0].text is None


def test_readable_tables_show_labels_not_codes():
    df = pd.DataFrame({"furthest_stage": ["final", "applied", None], "outcome": ["offer_declined", "closed", "odd"],
                       "company": ["final", "A", "B"]})
    out = readable(df)
    assert out["furthest_stage"].tolist()[:2] == ["Final round", "Applied"] and out["furthest_stage"].isna().iloc[2]
    assert out["outcome"].tolist() == ["Declined offer", "Closed (no decision)", "odd"]
    assert out["company"].tolist() == ["final", "A", "B"]  # other columns untouched
    assert df["outcome"].iloc[0] == "offer_declined"  # a copy


def test_time_in_stage_names_its_counts_under_the_stage_and_says_when_only_one_stage_is_dated():
    one = pd.DataFrame({"stage": ["applied"], "label": ["Applied"], "n": [137], "median_days": [20.0],
                        "p25": [10.0], "p75": [28.0]})
    fig = charts.time_in_stage_figure(one)
    assert "137 applications" in fig.data[0].x[0] and fig.data[0].text is None
    assert fig.layout.xaxis.title.text == "The only stage your sheet dates at both ends"
    two = pd.concat([one, one.assign(stage="screen", label="Screen", n=12)])
    assert charts.time_in_stage_figure(two).layout.xaxis.title.text == "Stage"


def test_the_funnel_names_each_rung_once_and_puts_its_counts_beside_the_bar():
    stages = pd.DataFrame({"stage": ["applied", "screen"], "reached": [10, 3], "from_n": [0, 10],
                           "rate_from_previous": [None, 0.3], "ci_low": [None, 0.1], "ci_high": [None, 0.6]})
    fig = charts.funnel_figure(stages)
    assert list(fig.data[0].y) == ["Applied", "Screen"]
    assert fig.data[0].text[1].startswith("3  (30% of previous")
