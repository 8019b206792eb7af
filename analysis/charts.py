"""Figure builders: DataFrame in, Plotly figure out. Pure functions, no Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.domain import OUTCOME_LABELS, STAGE_LABELS

OUTCOME_COLORS = {
    "active": "#4c6ef5", "rejected": "#e8590c", "ghosted": "#adb5bd", "withdrawn": "#845ef7",
    "offer_declined": "#f59f00", "hired": "#2f9e44", "closed": "#868e96",
}
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=13)


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white", paper_bgcolor="white")
    return fig


def funnel_figure(stages: pd.DataFrame) -> go.Figure:
    """Horizontal bars of how many applications reached each rung, with the share of the rung before."""
    df = stages.copy()
    labels = [STAGE_LABELS[s] for s in df["stage"]]
    text = []
    for r in df.itertuples():
        if r.stage == "applied" or r.rate_from_previous is None or pd.isna(r.rate_from_previous):
            text.append(f"{r.reached}")
        else:
            text.append(f"{r.reached}  ({r.rate_from_previous:.0%} of previous, "
                        f"95% CI {r.ci_low:.0%}–{r.ci_high:.0%})")
    fig = go.Figure(go.Bar(x=df["reached"], y=labels, orientation="h", text=text, textposition="auto",
                           marker_color="#4c6ef5", cliponaxis=False,
                           hovertemplate="%{y}: %{x} applications<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Applications that reached the stage", rangemode="tozero", gridcolor="#eee")
    return _layout(fig, "How far your applications got")


def outcomes_figure(outcomes: dict[str, int]) -> go.Figure:
    """One stacked bar: how the applications ended (or not yet)."""
    fig = go.Figure()
    total = sum(outcomes.values()) or 1
    for key, n in outcomes.items():
        if n:
            fig.add_bar(x=[n], y=[""], orientation="h", name=f"{OUTCOME_LABELS[key]} ({n})",
                        marker_color=OUTCOME_COLORS[key], text=[f"{n / total:.0%}"] if n / total >= 0.05 else [""],
                        textposition="inside", hovertemplate=f"{OUTCOME_LABELS[key]}: {n}<extra></extra>")
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.35, x=0), showlegend=True)
    fig.update_xaxes(title="Applications", gridcolor="#eee")
    fig.update_yaxes(showticklabels=False)
    return _layout(fig, "How they ended", height=220)


def weekly_activity_figure(weeks: pd.DataFrame, goal: int | None = None) -> go.Figure:
    """Applications per week as bars, the weekly goal as a line."""
    fig = go.Figure(go.Bar(x=weeks["week"], y=weeks["applications"], marker_color="#74c0fc", name="Applications",
                           hovertemplate="Week of %{x|%d %b %Y}: %{y}<extra></extra>"))
    if goal:
        fig.add_hline(y=goal, line_dash="dash", line_color="#e8590c", annotation_text=f"goal: {goal} a week",
                      annotation_position="top left")
    fig.update_xaxes(title="Week", gridcolor="#eee")
    fig.update_yaxes(title="Applications sent", rangemode="tozero", gridcolor="#eee")
    return _layout(fig, "Applications per week", height=300)
