"""The data going back out: cleaned applications as CSV or XLSX that Hindsight imports again unchanged (cells that
start with = + - @ neutralised), and a self-contained HTML report for a mentor (charts included, opens with no
network)."""

from __future__ import annotations

import csv
import html
import io
from datetime import date

import pandas as pd

from analysis import charts
from analysis.domain import text_or
from analysis.filters import ALL, Filters
from analysis.fit import flag_counts, load_criteria
from analysis.followups import actions, follow_ups
from analysis.funnel import outcome_counts, sankey, stage_counts
from analysis.insights import findings
from analysis.mail.importer import mail_outcomes
from analysis.rejections import leading_takeaways, reason_counts
from analysis.store import get_setting

# A status label for each (furthest stage, outcome) that the importer reads back to the same pair.
_ACTIVE = {"applied": "Applied", "screen": "Phone screen", "interview": "Interview", "final": "Final round",
           "offer": "Offer", "hired": "Hired"}
_AFTER = {"screen": "screen", "interview": "interview", "final": "final round", "offer": "offer"}


def status_label(stage: str, outcome: str) -> str:
    if outcome == "hired" or stage == "hired":
        return "Hired"
    if outcome == "active":
        return _ACTIVE[stage]
    if outcome == "offer_declined":
        return "Offer declined"
    if outcome == "rejected" and stage == "offer":
        return "Offer rescinded"
    word = {"rejected": "Rejected", "ghosted": "Ghosted", "withdrawn": "Withdrew", "closed": "Closed"}[outcome]
    return word if stage == "applied" else f"{word} after {_AFTER[stage]}"


COLUMNS = ["Company", "Role", "Job URL", "Source", "Referral", "Location", "Work Type", "Salary", "Seniority",
           "Interest", "Date Applied", "Status", "Status Date", "Feedback", "Notes", "Job Description",
           "Feedback requested", "Feedback received", "Aligned with career goals"]


def neutralise(value):
    """A text cell a spreadsheet would run as a formula (= + - @, also after a tab or CR) gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def cleaned_applications(con, filters: Filters = ALL) -> pd.DataFrame:
    """One row per application, in columns Hindsight (and a person) reads back."""
    from analysis.facts import filtered_facts_sql

    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""select company, role, url, source, referral, location, remote_type, salary_text,
                                seniority, rating, applied_on, furthest_stage, outcome, outcome_on, feedback, notes,
                                description, feedback_requested, feedback_received, aligned
                         from ({sql}) order by applied_on nulls last, app_id""", params).df()
    yes = {True: "Yes", False: "No"}
    out = pd.DataFrame({
        "Company": df["company"], "Role": df["role"], "Job URL": df["url"], "Source": df["source"],
        "Referral": df["referral"].map(yes), "Location": df["location"], "Work Type": df["remote_type"].str.title(),
        "Salary": df["salary_text"], "Seniority": df["seniority"],
        "Interest": df["rating"].map(lambda v: None if pd.isna(v) else (int(v) if float(v).is_integer() else v)),
        "Date Applied": pd.to_datetime(df["applied_on"]).dt.strftime("%Y-%m-%d"),
        "Status": [status_label(s, o) for s, o in zip(df["furthest_stage"], df["outcome"], strict=True)],
        "Status Date": pd.to_datetime(df["outcome_on"]).dt.strftime("%Y-%m-%d"),
        "Feedback": df["feedback"], "Notes": df["notes"], "Job Description": df["description"],
        "Feedback requested": df["feedback_requested"].map(yes), "Feedback received": df["feedback_received"].map(yes),
        "Aligned with career goals": df["aligned"].map(yes),
    }, columns=COLUMNS)
    return out.astype(object).where(out.notna(), None).map(neutralise)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    df.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def to_xlsx_bytes(df: pd.DataFrame) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Applications"
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([None if v is None else str(v) for v in row])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if cell.value is not None:
                cell.data_type = "s"  # text, never a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _esc(text) -> str:
    return html.escape("" if text is None else str(text))


def html_report(con, filters: Filters = ALL, title: str = "Job search review") -> str:
    """A single HTML file: the funnel, the outcomes, the reasons, the red flags, the findings and the action items.
    Plotly's library is embedded once, so it opens offline; every piece of user text is escaped."""
    criteria = load_criteria(con)
    stages = stage_counts(con, filters)
    reasons = reason_counts(con, filters, side="company")
    flags = flag_counts(con, filters, criteria)
    from_mail = mail_outcomes(con, filters)
    chart = _charts_html(con, filters, stages, reasons, flags)
    parts = [*_opening(title, filters, int(stages.loc[0, "reached"]), from_mail),
             *_findings_section(findings(con, filters, criteria, get_setting(con, "weekly_goal"))),
             "<h2>The funnel</h2>" + "".join(chart[k] for k in ("funnel", "conversion", "outcomes", "sankey")
                                             if k in chart),
             *_reasons_section(chart["reasons"], reasons, from_mail),
             *([f"<h2>Fit and red flags</h2>{chart['flags']}"] if "flags" in chart else []),
             *_actions_section(actions(con)),
             *_follow_ups_section(follow_ups(con, filters)),
             _proof_section(proof_of_applications(con, filters))]
    return _page(title, parts)


def _charts_html(con, filters: Filters, stages: pd.DataFrame, reasons: pd.DataFrame,
                 flags: pd.DataFrame) -> dict[str, str]:
    """Each chart as a block of HTML, Plotly's library in the first one only."""
    figs = {"funnel": charts.funnel_figure(stages), "conversion": charts.conversion_figure(stages),
            "outcomes": charts.outcomes_figure(outcome_counts(con, filters)),
            "reasons": charts.reasons_figure(reasons, "The companies' reasons")}
    nodes, links = sankey(con, filters)
    if nodes:
        figs["sankey"] = charts.sankey_figure(nodes, links)
    if len(flags):
        figs["flags"] = charts.flags_figure(flags, int(stages.loc[0, "reached"]))
    out = {}
    for i, (name, fig) in enumerate(figs.items()):
        # a standalone page needs room for the axis labels the dashboard's tight margins leave out
        # 680 px: the width of an A4 page inside 15 mm margins, so a printed chart is never cut at the edge
        fig.update_layout(margin=dict(l=140, r=30, t=60, b=90), width=PRINT_WIDTH)
        body = fig.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displayModeBar": False})
        out[name] = f"<div class='chart'>{body}</div>"
    return out


def _opening(title: str, filters: Filters, total: int, from_mail: int) -> list[str]:
    source = "the applicant's own tracker" + (" and mail" if from_mail else "")
    return [f"<h1>{_esc(title)}</h1>",
            f"<p class='sub'>{total} applications, as of {filters.today:%d %B %Y}. Made with Hindsight on "
            f"{date.today():%d %B %Y}; everything here comes from {source}.</p>"]


def _findings_section(found) -> list[str]:
    if not found:
        return ["<h2>What stands out</h2><p>Not enough data for findings yet.</p>"]
    return ["<h2>What stands out</h2><ol>",
            *(f"<li><p>{_esc(f.sentence)}</p><p class='act'>Suggestion: {_esc(f.action)}</p></li>" for f in found),
            "</ol>"]


def _reasons_section(chart: str, reasons: pd.DataFrame, from_mail: int) -> list[str]:
    parts = [f"<h2>Why they said no</h2>{chart}"]
    if from_mail:
        parts.append(f"<p class='sub'>{from_mail} of these outcomes came from mail: rejections read from the "
                     "applicant's own inbox on their machine, and accepted by them, with the mail's own sentence as "
                     "the feedback.</p>")
    tips = leading_takeaways(reasons[reasons["actionable"].astype(bool)])  # only what the person can act on
    if tips:
        parts.append("<ul>" + "".join(f"<li><b>{_esc(t['label'])}</b> ({t['count']}): {_esc(t['takeaway'])}</li>"
                                      for t in tips) + "</ul>")
    return parts


def _actions_section(items: pd.DataFrame) -> list[str]:
    if not len(items):
        return ["<h2>Action items</h2>", "<p>No action items yet.</p>"]
    rows = "".join(f"<tr><td>{_esc(r.text)}</td><td>{_esc(r.due_on if r.due_on == r.due_on else '')}</td>"
                   f"<td>{_esc(text_or(r.company) or text_or(r.reason_label))}</td>"
                   f"<td>{'✓' if r.done_on == r.done_on and r.done_on else ''}</td></tr>" for r in items.itertuples())
    return ["<h2>Action items</h2>",
            f"<table><tr><th>Action</th><th>Due</th><th>About</th><th>Done</th></tr>{rows}</table>"]


def _follow_ups_section(todo: pd.DataFrame) -> list[str]:
    if not len(todo):
        return []
    rows = "".join(f"<tr><td>{_esc(r.due_on)}</td><td>{_esc(r.what)}</td><td>{_esc(text_or(r.company))}</td>"
                   f"<td>{_esc(text_or(r.role))}</td><td>{_esc(r.why)}</td></tr>"
                   for r in todo.head(30).itertuples())
    return ["<h2>Follow-ups due</h2><table><tr><th>Due</th><th>What</th><th>Company</th><th>Role</th><th>Why</th>"
            f"</tr>{rows}</table>"]


PRINT_WIDTH = 680
PROOF_LIMIT = 5000  # a list for an unemployment office, not a cohort's table
_STYLE = ("body{font-family:Inter,Segoe UI,Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;color:#212529;"
          "line-height:1.45;padding:0 1em}h1{margin-bottom:.2em}.sub{color:#868e96}.act{color:#495057;margin-top:-.6em}"
          "table{border-collapse:collapse;width:100%}"
          "td,th{border-bottom:1px solid #dee2e6;padding:.4em;text-align:left;vertical-align:top}"
          ".chart{margin:1em 0;max-width:100%;overflow:hidden}"
          ".proof td,.proof th{padding:.2em .4em;font-size:.9em}"
          # print: A4 with margins, no chart or table row split across pages, headings kept with what follows,
          # the table header repeated on every page, the list of applications on pages of its own
          "@page{size:A4;margin:15mm}"
          "@media print{body{max-width:none;margin:0;padding:0}.chart,li,tr{break-inside:avoid;page-break-inside:avoid}"
          "h1,h2{break-after:avoid;page-break-after:avoid}thead{display:table-header-group}"
          ".newpage{break-before:page;page-break-before:always}a{color:inherit;text-decoration:none}}")


def _page(title: str, parts: list[str]) -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{_esc(title)}</title>"
            f"<style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>")


def proof_of_applications(con, filters: Filters = ALL) -> pd.DataFrame:
    """One line per application, oldest first: date applied, company, role, channel, outcome. Empty cells blank."""
    from analysis.domain import OUTCOME_LABELS, blank_missing
    from analysis.facts import filtered_facts_sql

    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""select applied_on, company, role, coalesce(channel, source) as channel, outcome_now
                         from ({sql}) order by applied_on nulls last, app_id limit {PROOF_LIMIT + 1}""", params).df()
    out = pd.DataFrame({"Date applied": pd.to_datetime(df["applied_on"]).dt.strftime("%Y-%m-%d"),
                        "Company": df["company"], "Role": df["role"], "Channel": df["channel"],
                        "Outcome": df["outcome_now"].map(OUTCOME_LABELS)})
    return blank_missing(out)


def _proof_section(proof: pd.DataFrame) -> str:
    more = len(proof) > PROOF_LIMIT
    proof = proof.head(PROOF_LIMIT)
    head = "".join(f"<th>{_esc(c)}</th>" for c in proof.columns)
    body = "".join("<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in row) + "</tr>"
                   for row in proof.itertuples(index=False))
    note = f"<p class='sub'>The first {PROOF_LIMIT:,} are listed.</p>" if more else ""
    return (f"<section class='newpage'><h2>Applications sent ({len(proof)}{'+' if more else ''})</h2>"
            "<p class='sub'>A plain list of every application in the tracker, oldest first, as proof of the search."
            f"</p>{note}<table class='proof'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>")


def proof_html(con, filters: Filters = ALL, title: str = "Applications sent") -> str:
    """The list of applications alone, as one printable page (for an unemployment office, say)."""
    proof = proof_of_applications(con, filters)
    return _page(title, [f"<h1>{_esc(title)}</h1><p class='sub'>As of {filters.today:%d %B %Y}. Made with Hindsight "
                         "from the applicant's own tracker.</p>", _proof_section(proof).replace("class='newpage'", "")])


def applications_csv(con, filters: Filters = ALL) -> bytes:
    """The cleaned applications as CSV bytes."""
    return to_csv_bytes(cleaned_applications(con, filters))


def applications_xlsx(con, filters: Filters = ALL) -> bytes:
    """The cleaned applications as XLSX bytes."""
    return to_xlsx_bytes(cleaned_applications(con, filters))
