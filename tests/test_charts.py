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


def test_reasons_by_stage_legend_sits_below_the_bars():
    df = pd.DataFrame({"stage_label": ["Applied", "Screen"], "reason": ["experience", "experience"],
                       "label": ["Experience", "Experience"], "count": [3, 1]})
    fig = charts.reasons_by_rung_figure(df)
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y < 0


def test_readable_tables_show_labels_not_codes():
    df = pd.DataFrame({"furthest_stage": ["final", "applied", None], "outcome": ["offer_declined", "closed", "odd"],
                       "company": ["final", "A", "B"]})
    out = readable(df)
    assert out["furthest_stage"].tolist()[:2] == ["Final round", "Applied"] and out["furthest_stage"].isna().iloc[2]
    assert out["outcome"].tolist() == ["Declined offer", "Closed (no decision)", "odd"]
    assert out["company"].tolist() == ["final", "A", "B"]  # other columns untouched
    assert df["outcome"].iloc[0] == "offer_declined"  # a copy
