"""Figure builders: DataFrame in, Plotly figure out. Pure functions, no Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.domain import OUTCOME_LABELS, STAGE_LABELS, share

OUTCOME_COLORS = {
    "active": "#4c6ef5", "rejected": "#e8590c", "ghosted": "#adb5bd", "withdrawn": "#845ef7",
    "offer_declined": "#f59f00", "hired": "#2f9e44", "closed": "#868e96",
}
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=13)


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white", paper_bgcolor="white")
    return fig


def _legend_above(fig: go.Figure, rows: int = 1) -> go.Figure:
    """The legend between the title and the plot: below the plot it ran into the axis title and the tick labels,
    which turn and grow in a narrow column. The title is pinned to the top and the margin holds `rows` lines of
    legend, so a legend that wraps in a narrow column grows into the margin, not over the title."""
    fig.update_layout(title=dict(yref="container", y=1, yanchor="top", pad=dict(t=10)),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0,
                                  traceorder="normal"),
                      margin=dict(t=46 + 22 * rows))
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
            text.append(f"{r.reached}  ({share(r.rate_from_previous)} of previous, "
                        f"95% CI {share(r.ci_low)}–{share(r.ci_high)})")
    fig = go.Figure(go.Bar(x=df["reached"], y=labels, orientation="h", text=text, textposition="outside",
                           marker_color="#4c6ef5", cliponaxis=False,
                           hovertemplate="%{y}: %{x} applications<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title=None)
    top = max(int(df["reached"].max() or 0), 1)
    fig.update_xaxes(title="Applications that reached the stage", range=[0, top * 1.65], gridcolor="#eee")
    return _layout(fig, "How far your applications got")


def outcomes_figure(outcomes: dict[str, int]) -> go.Figure:
    """How the applications ended (or not yet): one bar per outcome, largest first."""
    total = sum(outcomes.values()) or 1
    items = sorted(((k, n) for k, n in outcomes.items() if n), key=lambda kv: -kv[1])
    fig = go.Figure(go.Bar(
        x=[n for _, n in items], y=[OUTCOME_LABELS[k] for k, _ in items], orientation="h",
        marker_color=[OUTCOME_COLORS[k] for k, _ in items], cliponaxis=False,
        text=[f"{n} ({share(n / total)})" for _, n in items], textposition="outside",
        hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Applications", gridcolor="#eee", range=[0, max([n for _, n in items] or [1]) * 1.45])
    return _layout(fig, "How they ended", height=60 + 42 * max(len(items), 2))


def weekly_activity_figure(weeks: pd.DataFrame, goal: int | None = None) -> go.Figure:
    """Applications per week as bars, the weekly goal as a line. Over more than 80 weeks, per month instead."""
    if len(weeks) > 80:
        monthly = weeks.assign(month=pd.to_datetime(weeks["week"]).dt.to_period("M").dt.to_timestamp()).groupby(
            "month", as_index=False)["applications"].sum()
        fig = go.Figure(go.Bar(x=monthly["month"], y=monthly["applications"], marker_color="#74c0fc",
                               hovertemplate="%{x|%b %Y}: %{y}<extra></extra>"))
        fig.update_xaxes(title="Month", gridcolor="#eee", tickformat="%b %Y")
        fig.update_yaxes(title="Applications sent", rangemode="tozero", gridcolor="#eee")
        return _layout(fig, "Applications per month", height=300)
    # a bar is six days wide (on a date axis Plotly measures in milliseconds; alone, a bar would be a hairline)
    fig = go.Figure(go.Bar(x=weeks["week"], y=weeks["applications"], marker_color="#74c0fc", name="Applications",
                           width=6 * 86400000, hovertemplate="Week of %{x|%d %b %Y}: %{y}<extra></extra>"))
    if goal:
        fig.add_hline(y=goal, line_dash="dash", line_color="#e8590c", annotation_text=f"goal: {goal} a week",
                      annotation_position="top left")
    fig.update_xaxes(title="Week", gridcolor="#eee", tickformat="%d %b %Y")
    if 0 < len(weeks) <= 3:  # up to three weeks: a week either side, so the bars keep a readable width
        days = pd.to_datetime(weeks["week"])
        fig.update_xaxes(range=[days.min() - pd.Timedelta(days=7), days.max() + pd.Timedelta(days=7)],
                         dtick=7 * 86400000, tick0=days.min())
    fig.update_yaxes(title="Applications sent", rangemode="tozero", gridcolor="#eee")
    return _layout(fig, "Applications per week", height=300)


def conversion_figure(stages: pd.DataFrame, benchmark: tuple[float, str] | None = None) -> go.Figure:
    """Share of the previous rung that got to each rung, with its 95% interval as error bars."""
    df = stages[stages["stage"] != "applied"].copy()
    df = df[df["from_n"] > 0]
    fig = go.Figure()
    if df.empty:
        return _layout(fig, "Conversion from the stage before (no data)")
    labels = [f"{STAGE_LABELS[r.stage]}<br><span style='font-size:11px'>{r.reached} of {r.from_n}</span>"
              for r in df.itertuples()]  # the counts under the name: inside the bar the interval line crossed them
    fig.add_bar(x=labels, y=df["rate_from_previous"], marker_color="#4c6ef5", name="Your conversion",
                error_y=dict(type="data", symmetric=False, array=df["ci_high"] - df["rate_from_previous"],
                             arrayminus=df["rate_from_previous"] - df["ci_low"], color="#343a40", thickness=1.5),
                customdata=df[["reached", "from_n", "ci_low", "ci_high"]].to_numpy(),
                hovertext=[STAGE_LABELS[st] for st in df["stage"]],
                hovertemplate="%{hovertext}: %{customdata[0]} of %{customdata[1]} (%{y:.0%}); 95% CI "
                              "%{customdata[2]:.0%}–%{customdata[3]:.0%}<extra></extra>")
    if benchmark:
        value, source = benchmark
        fig.add_hline(y=value, line_dash="dot", line_color="#e8590c",
                      annotation_text=f"{value:.0%}: {source}", annotation_position="top right",
                      annotation_font_size=11)
    fig.update_yaxes(title="Share of the stage before", tickformat=".0%", range=[0, 1.12], gridcolor="#eee")
    fig.update_xaxes(title="Stage reached")
    return _layout(fig, "Conversion from the stage before (bars: 95% interval)")


def outcomes_by_rung_figure(df: pd.DataFrame) -> go.Figure:
    """Where applications stopped, split by how they ended there."""
    fig = go.Figure()
    order = list(dict.fromkeys(df["stage_label"]))
    for outcome, part in df.groupby("outcome", sort=False):
        if part["n"].sum() == 0:
            continue
        fig.add_bar(x=part["stage_label"], y=part["n"], name=OUTCOME_LABELS[outcome],
                    marker_color=OUTCOME_COLORS[outcome],
                    hovertemplate="Stopped at %{x}: %{y} " + OUTCOME_LABELS[outcome].lower() + "<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Furthest stage reached", categoryorder="array", categoryarray=order)
    fig.update_yaxes(title="Applications", gridcolor="#eee")
    shown = sum(1 for t in fig.data)
    return _legend_above(_layout(fig, "Where applications stopped, and how they ended there", height=420),
                         rows=(shown + 2) // 3)  # about three outcomes a line in a half-width column


def segment_figure(seg: pd.DataFrame, stage: str, title: str) -> go.Figure:
    """For one rung, the share of each group's applications that reached it, with 95% intervals."""
    part = seg[seg["stage"] == stage].copy()
    fig = go.Figure()
    if part.empty:
        return _layout(fig, title)
    part = part.sort_values("group", ascending=False)
    labels = [f"{g} (n={n})" for g, n in zip(part["group"], part["applications"], strict=True)]
    fig.add_scatter(x=part["rate"], y=labels, mode="markers", marker=dict(size=11, color="#4c6ef5"),
                    error_x=dict(type="data", symmetric=False, array=part["ci_high"] - part["rate"],
                                 arrayminus=part["rate"] - part["ci_low"], color="#868e96", thickness=1.5),
                    customdata=part[["reached", "applications"]].to_numpy(),
                    hovertemplate="%{y}: %{customdata[0]} of %{customdata[1]} (%{x:.0%})<extra></extra>",
                    showlegend=False)
    fig.update_xaxes(title=f"Share that reached {STAGE_LABELS[stage].lower()} (95% interval)", tickformat=".0%",
                     range=[-0.03, 1.03], gridcolor="#eee")
    return _layout(fig, title, height=max(260, 60 + 34 * len(part)))


def sankey_figure(nodes: list[str], links: pd.DataFrame) -> go.Figure:
    """Applied through each rung reached to how it ended."""
    palette = {**{v: OUTCOME_COLORS[k] for k, v in OUTCOME_LABELS.items()}}
    colors = [palette.get(n, "#4c6ef5") for n in nodes]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=nodes, color=colors, pad=18, thickness=16, line=dict(width=0)),
        link=dict(source=links["source"], target=links["target"], value=links["value"],
                  color="rgba(76,110,245,0.18)",
                  hovertemplate="%{source.label} → %{target.label}: %{value}<extra></extra>"),
    ))
    return _layout(fig, "From applying to how it ended", height=460)


def response_time_figure(responses: pd.DataFrame) -> go.Figure:
    """Histogram of days from applying to the first answer."""
    fig = go.Figure()
    if responses.empty:
        return _layout(fig, "Days to a first answer (no dated answers yet)")
    for answer, color in (("a next step", "#2f9e44"), ("a rejection", "#e8590c")):
        part = responses[responses["answer"] == answer]
        if len(part):
            fig.add_histogram(x=part["days"], name=answer[0].upper() + answer[1:], marker_color=color, opacity=0.8,
                              xbins=dict(size=7), hovertemplate="%{x} days: %{y}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Days from applying to the first answer (weekly bins)", gridcolor="#eee")
    fig.update_yaxes(title="Applications", gridcolor="#eee")
    return _legend_above(_layout(fig, "How long until they answered", height=360))


def time_in_stage_figure(df: pd.DataFrame) -> go.Figure:
    """Median days in each stage with the middle half (25th–75th percentile) as a range."""
    fig = go.Figure()
    if df.empty:
        return _layout(fig, "Time in each stage (no dated steps)")
    # how many applications each stage rests on, under its name: above the bar the range line crossed it
    fig.add_bar(x=[f"{r.label}<br><span style='font-size:11px'>{r.n} applications</span>" for r in df.itertuples()],
                y=df["median_days"], marker_color="#74c0fc", hovertext=df["label"],
                error_y=dict(type="data", symmetric=False, array=df["p75"] - df["median_days"],
                             arrayminus=df["median_days"] - df["p25"], color="#495057"),
                hovertemplate="%{hovertext}: median %{y} days<extra></extra>")
    fig.update_yaxes(title="Days (median; bars: middle half)", rangemode="tozero", gridcolor="#eee")
    # one bar: the axis says why there are no others
    fig.update_xaxes(title="Stage" if len(df) > 1 else "The only stage your sheet dates at both ends")
    return _layout(fig, "Time spent in each stage", height=340)


def ghosting_figure(df: pd.DataFrame) -> go.Figure:
    """How many of the applications that stopped at each rung went silent."""
    fig = go.Figure()
    df = df[df["stopped_here"] > 0]
    if df.empty:
        return _layout(fig, "Silence by stage (no data)")
    fig.add_bar(x=df["label"], y=df["stopped_here"] - df["ghosted"], name="Got an answer", marker_color="#dee2e6")
    fig.add_bar(x=df["label"], y=df["ghosted"], name="Went silent", marker_color="#868e96",
                text=[share(s) if s else "" for s in df["share"]], textposition="outside")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Stage where it stopped")
    fig.update_yaxes(title="Applications", gridcolor="#eee")
    return _legend_above(_layout(fig, "Where the silence came", height=360))


REASON_COLORS = {"interview_performance": "#e8590c", "skills_gap": "#f08c00", "experience_level": "#fab005",
                 "location": "#74b816", "compensation": "#37b24d", "culture_fit": "#0ca678", "timing": "#1098ad",
                 "role_mismatch": "#1c7ed6", "role_closed": "#868e96", "another_candidate": "#adb5bd",
                 "no_reason": "#ced4da", "unclassified": "#e9ecef"}


def reasons_figure(counts: pd.DataFrame, title: str) -> go.Figure:
    """Reasons by count, actionable ones in colour, platitudes and silence in grey."""
    fig = go.Figure()
    if counts.empty:
        return _layout(fig, f"{title} (none yet)")
    total = counts["count"].sum()
    fig.add_bar(x=counts["count"], y=counts["label"], orientation="h", cliponaxis=False,
                marker_color=[REASON_COLORS.get(r, "#4c6ef5") for r in counts["reason"]],
                text=[f"{c} ({share(c / total)})" for c in counts["count"]], textposition="outside",
                hovertemplate="%{y}: %{x}<extra></extra>")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Decisions", range=[0, counts["count"].max() * 1.45], gridcolor="#eee",
                     dtick=1 if counts["count"].max() <= 8 else None)
    return _layout(fig, title, height=max(220, 90 + 34 * len(counts)))


STAGE_COLORS = ["#d0ebff", "#74c0fc", "#339af0", "#1c7ed6", "#1864ab", "#0b3d6b"]  # deeper rung, darker blue


def reasons_by_rung_figure(df: pd.DataFrame) -> go.Figure:
    """Each reason's rejections, split by the stage where the no came: a row per reason, the stages stacked in
    ladder order (a legend of stages, not of a dozen reasons)."""
    fig = go.Figure()
    if df.empty:
        return _layout(fig, "Reasons by the stage where the no came (none yet)")
    stages = list(dict.fromkeys(df["stage_label"]))  # in ladder order already
    reasons = df.groupby("label", sort=False)["count"].sum().sort_values(ascending=False).index.tolist()
    for i, stage in enumerate(stages):
        part = df[df["stage_label"] == stage]
        fig.add_bar(y=part["label"], x=part["count"], orientation="h", name=stage,
                    marker_color=STAGE_COLORS[min(i, len(STAGE_COLORS) - 1)],
                    hovertemplate="%{y}: %{x} at " + stage.lower() + "<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=reasons, autorange="reversed", title=None)
    fig.update_xaxes(title="Rejections", gridcolor="#eee")
    fig.update_layout(barmode="stack")
    height = max(260, 120 + 30 * len(reasons))
    return _legend_above(_layout(fig, "Reasons by the stage where the no came", height=height))


def flags_figure(counts: pd.DataFrame, total: int) -> go.Figure:
    """How many applications carry each kind of red flag."""
    fig = go.Figure()
    if counts.empty:
        return _layout(fig, "Red flags by kind (none)")
    fig.add_bar(x=counts["count"], y=counts["label"], orientation="h", marker_color="#e8590c", cliponaxis=False,
                text=[f"{c} ({share(c / total)})" for c in counts["count"]], textposition="outside",
                hovertemplate="%{y}: %{x} applications<extra></extra>")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=f"Applications (of {total})", range=[0, counts["count"].max() * 1.3], gridcolor="#eee")
    return _layout(fig, "Red flags by kind", height=max(220, 90 + 36 * len(counts)))


def flagged_comparison_figure(df: pd.DataFrame) -> go.Figure:
    """Share of flagged and unflagged applications that reached each rung, with 95% intervals."""
    fig = go.Figure()
    colors = {"With red flags": "#e8590c", "Without red flags": "#2f9e44"}
    for group, part in df.groupby("group", sort=False):
        part = part[part["stage"] != "applied"]
        n = int(part["applications"].iloc[0]) if len(part) else 0
        if n == 0:
            continue
        fig.add_scatter(x=part["label"], y=part["rate"], mode="lines+markers", name=f"{group} (n={n})",
                        line=dict(color=colors.get(group)), marker=dict(size=9),
                        error_y=dict(type="data", symmetric=False, array=part["ci_high"] - part["rate"],
                                     arrayminus=part["rate"] - part["ci_low"], thickness=1.2),
                        customdata=part[["reached", "applications"]].to_numpy(),
                        hovertemplate="%{x}: %{customdata[0]} of %{customdata[1]} (%{y:.0%})<extra></extra>")
    fig.update_yaxes(title="Share of the group that got there", tickformat=".0%", rangemode="tozero", gridcolor="#eee")
    fig.update_xaxes(title="Stage")
    return _legend_above(_layout(fig, "Did the flagged jobs go differently? (bars: 95% interval)", height=400))
