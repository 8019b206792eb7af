"""Generate data/demo_applications.csv, the Hindsight demo dataset.

The data is SYNTHETIC, written by the Hindsight team to demo the dashboard: one fictional
person's job-application tracker from 2025-11-01 to 2026-10-31. Every company, URL, person
and piece of feedback is invented. Output is deterministic (fixed seed, stdlib only).

Regenerate (overwrites the CSV):  python data/make_demo.py
"""

import csv
import datetime as dt
import random
from collections import Counter
from pathlib import Path

SEED = 20251101
START, END = dt.date(2025, 11, 1), dt.date(2026, 10, 31)
N_APPS, N_COMPANIES = 320, 200
OUT = Path(__file__).resolve().parent / "demo_applications.csv"
COLUMNS = ["Company", "Role", "Job URL", "Source", "Referral", "Location", "Work Type", "Salary", "Seniority",
           "Interest", "Applied Date", "Status", "Status Date", "Feedback", "Notes", "Job Description"]

PREFIXES = ["Northwind", "Brightpath", "Larkspur", "Quillon", "Ferncastle", "Ambermoor", "Cobaltline", "Driftwood",
            "Emberly", "Foxglove", "Granitefall", "Harborview", "Ironbark", "Juniper", "Kestrel", "Lumenrise",
            "Meadowlark", "Nettlefield", "Oakhollow", "Pebblestone", "Quartzite", "Rivermint", "Saltmarsh", "Thistle",
            "Umberfield", "Velvetine", "Willowmere", "Yarrowby", "Zephyrine", "Alderpoint", "Bramblecourt",
            "Cindervale",
            "Duskmere", "Elmstead", "Fairhollow", "Glimmerfield", "Hollowbrook", "Inkwell", "Jadeport", "Kelpwater",
            "Lanternfly", "Mosscrest", "Nimbleleaf", "Orchardine", "Plumtree", "Ravenmoor", "Silverbirch", "Tallowby"]
SUFFIXES = ["Analytics", "Health", "Labs", "Systems", "Data", "Logistics", "Insurance", "Bank", "Energy", "Mobility",
            "Commerce", "Robotics", "Media", "Software", "Payments", "Foods", "Biotech", "Games", "Travel", "Cloud",
            "Security", "Learning", "Retail", "Capital", "Partners"]
ROLES = {"Data Engineer": 40, "Senior Data Engineer": 45, "Data Engineer II": 12, "Analytics Engineer": 28,
         "Senior Analytics Engineer": 18, "Data Analyst": 14, "Senior Data Analyst": 6, "Backend Engineer": 14,
         "Backend Engineer (Python)": 6, "Staff Data Engineer": 9, "Lead Data Engineer": 8, "BI Developer": 5,
         "Machine Learning Engineer": 12, "Data Platform Engineer": 14, "Junior Data Engineer": 3,
         "Analytics Engineering Lead": 4}
# source: (weight, chance of any answer, chance that the answer is a CV-stage rejection)
SOURCES = {"LinkedIn": (40, 0.30, 0.50), "Company site": (18, 0.38, 0.48), "Indeed": (10, 0.25, 0.60),
           "Otta": (8, 0.40, 0.45), "Wellfound": (7, 0.38, 0.45), "Referral": (8, 0.80, 0.30),
           "Recruiter inbound": (9, 0.88, 0.15)}
LOCATIONS = {"Remote": 22, "Remote - EU": 5, "Berlin": 18, "Berlin, Germany": 3, "Hybrid - Munich": 6, "Munich": 4,
             "Hamburg": 3, "London": 10, "London, UK": 2, "Amsterdam": 8, "Hybrid - Amsterdam": 2,
             "New York, NY": 5, "Austin, TX": 3, "San Francisco, CA": 2, "Dublin": 3}
STAGES = ["Recruiter Screen", "Technical Interview", "Take-home Assignment", "Hiring Manager Interview",
          "Onsite", "Final Round"]
# stage: weights for (advance, Rejected, Withdrawn, Ghosted, Position Closed)
STAGE_ODDS = {"Recruiter Screen": (55, 18, 8, 14, 5), "Technical Interview": (50, 32, 4, 12, 2),
              "Take-home Assignment": (50, 30, 12, 6, 2), "Hiring Manager Interview": (42, 40, 6, 10, 2),
              "Onsite": (55, 36, 3, 5, 1), "Final Round": (20, 66, 4, 9, 1)}
GENERIC_FEEDBACK = [
    "We decided to move forward with other candidates whose experience more closely matches our needs.",
    "Unfortunately we will not be moving forward at this time.",
    "Thank you for your interest in {company}. After careful consideration, we have decided not to proceed "
    "with your application.",
    "Thank you for applying. Due to the high volume of applications we are unable to give individual feedback.",
    "We were impressed by your background but have decided to pursue other candidates.",
    "Unfortunately your profile is not a match for this position right now. We will keep your CV on file."]
CV_FEEDBACK = ["The team needs hands-on Kubernetes experience, which we didn't see in your profile.",
               "We need someone with production Spark experience at scale.",
               "This role needs hands-on experience shipping LLM-based features.",
               "Your salary expectations are above our range for this position.", "We went with an internal candidate.",
               "The position has been put on hold due to a hiring freeze."]
FIT_FEEDBACK = {"senior": ["We are looking for someone more senior for this role.",
                           "We need someone with more leadership experience."],
                "over": ["Honestly we think you would be overqualified for this position."],
                "german": ["The role requires German fluency (C1), sorry."],
                "visa": ["Unfortunately you are not in our hiring location and we cannot offer visa sponsorship."]}
STAGE_FEEDBACK = {
    "Recruiter Screen": ["Your salary expectations are above our range.", "We are looking for someone more senior.",
                         "We need someone with production Spark experience."],
    "Technical Interview": ["The coding exercise did not meet the bar.",
                            "Live SQL exercise did not meet the bar, sorry.",
                            "We were hoping for more depth on Kubernetes and infrastructure."],
    "Take-home Assignment": ["The coding exercise did not meet the bar.",
                             "The take-home solution lacked tests and the approach did not scale."],
    "Hiring Manager Interview": ["We need someone with more leadership experience.",
                                 "We're looking for more LLM experience.",
                                 "The team had some concerns around team fit / culture add."],
    "Onsite": ["Not a strong enough performance in the system design round.",
               "The team had some culture add concerns."],
    "Final Round": ["Not a strong enough performance in the system design round.",
                    "We went with an internal candidate.",
                    "Very close call, we went with a candidate with more domain experience.",
                    "The position has been put on hold, hiring freeze until next year."]}
GENERAL_NOTES = ["Glassdoor reviews mention high turnover", "relocation required", "Applied via Easy Apply",
                 "Tailored CV for dbt + Airflow", "Cover letter required, wrote a short one", "Salary not listed",
                 "Found via newsletter", "Same team as the role I applied for last year", "Role reposted twice"]
STAGE_NOTES = ["Sent thank-you note to Maria after the call", "unclear role, three different job titles in the process",
               "Interviewer mentioned long hours and on-call every other week", "Nice team, good vibe",
               "Hiring manager was 15 minutes late", "Recruiter said the team is growing fast"]
REFERRAL_NOTES = ["Referred by former colleague Tom", "Referral from meetup contact", "Asked Priya for a referral"]
REJECT_NOTES = ["asked for feedback, no reply", "cool down period, can re-apply in 6 months"]
WITHDRAW_NOTES = ["Withdrew: commute would be 90 minutes each way", "Withdrew: relocation required",
                  "Withdrew: on-call every other week", "Withdrew: found out it is fully onsite"]
GHOST_NOTES = ["asked for feedback, no reply", "Recruiter stopped replying after the interview"]
DECLINE_NOTES = ["Declined offer: comp too low", "Declined offer: on-call every other week",
                 "Declined offer: role turned out to be mostly BI reporting",
                 "Declined offer: no equity, no raise path"]
JD_FLAGS = ["Fast-paced environment, you will wear many hats.",
            "Includes an on-call rotation for production pipelines.",
            "Final stage is an unpaid trial week with the team.", "Relocation to Munich required within 3 months.",
            "We work hard and play hard; flexibility outside office hours expected.",
            "Looking for a rockstar data ninja who thrives under pressure."]
JD_PLAIN = ["Build and maintain batch and streaming pipelines on Spark and Airflow.",
            "Own our dbt models and the semantic layer used by finance and product.",
            "Design the lakehouse on Databricks and help migrate legacy SSIS jobs.",
            "Python backend services on Postgres and Kafka; small, senior team.",
            "Partner with analysts to build self-serve dashboards and data quality checks.",
            "Ship ML features to production, from feature store to model monitoring.",
            "Help us scale our Snowflake warehouse; German is a plus."]


def days(n):
    return dt.timedelta(days=n)


def salary(rng, loc):
    if rng.random() < 0.45:
        return ""
    if rng.random() < 0.07:
        return "N/A"
    if any(k in loc for k in ("NY", "TX", "CA")) or (loc == "Remote" and rng.random() < 0.3):
        lo = rng.randrange(110, 175, 5)
        hi = lo + rng.choice([20, 30, 40])
        return rng.choice([f"${lo}k-{hi}k", f"{lo}000", f"${lo},000 - ${hi},000", f"{lo}-{hi}k"])
    if "London" in loc:
        lo = rng.randrange(50, 95, 5)
        hi = lo + 10
        return rng.choice([f"£{lo},000 - £{hi},000", f"£{lo}k", f"{lo}-{hi}k", f"£{lo}k-£{hi}k"])
    lo = rng.randrange(55, 95, 5)
    hi = lo + rng.choice([10, 15, 20])
    return rng.choice([f"€{lo}.000", f"EUR {lo}k", f"{lo}-{hi}k", f"€{lo}k - €{hi}k", f"{lo}000", f"{lo},000 EUR"])


def seniority(role):
    for word in ("Junior", "Staff", "Lead", "Senior"):
        if word in role:
            return word
    return "Mid"


def job_url(rng, source, company):
    slug = company.lower().replace(" ", "")
    return {"LinkedIn": f"https://www.linkedin.com/jobs/view/{rng.randint(3_900_000_000, 4_300_000_000)}/",
            "Indeed": f"https://de.indeed.com/viewjob?jk={rng.getrandbits(64):016x}",
            "Wellfound": f"https://wellfound.com/jobs/{rng.randint(2_000_000, 3_500_000)}-{slug}",
            "Otta": f"https://app.otta.com/jobs/{rng.getrandbits(32):08x}",
            }.get(source) or f"https://careers.{slug}.example/jobs/{rng.randint(1000, 9999)}"


def simulate(rng, applied, source, target=None):
    """Walk one application through the funnel. Returns (status, status_date, last_stage)."""
    _, p_answer, p_cv = SOURCES[source]
    if target is None and rng.random() > p_answer:
        age, r = (END - applied).days, rng.random()
        if age > 60 and r < 0.10:
            return "Ghosted", applied + days(rng.randint(35, 55)), None
        if age > 30 and r < 0.15:
            return "Position Closed", applied + days(rng.randint(8, 25)), None
        if age > 14 and r < 0.17:
            return "Withdrawn", applied + days(rng.randint(5, 14)), None
        return "Applied", None, None
    if target is None and rng.random() < p_cv:
        d = applied + days(rng.randint(1, 3) if rng.random() < 0.3 else rng.randint(4, 35))
        return ("Rejected", d, None) if d <= END else ("Applied", None, None)
    optional = {"Take-home Assignment": 0.4, "Onsite": 0.5}  # not every process has these stages
    path = [s for s in STAGES if s == target or rng.random() < optional.get(s, 1.0)]
    day, last = applied + days(rng.randint(0, 4) if source == "Recruiter inbound" else 0), None
    for stage in path + ["Offer"]:
        nxt = day + days(rng.randint(3, 7) if target else rng.randint(4, 14))
        if nxt > END:
            return (last, day, last) if last else ("Applied", None, None)
        day = nxt
        if stage == "Offer":
            break
        last = stage
        if target == stage:
            return stage, day, stage
        if target:
            continue
        adv, rej, wd, gh, cl = STAGE_ODDS[stage]
        boost = 12 if stage == "Recruiter Screen" and source in ("Referral", "Recruiter inbound") else 0
        outcome = rng.choices(["advance", "Rejected", "Withdrawn", "Ghosted", "Position Closed"],
                              [adv + boost, rej - boost, wd, gh, cl])[0]
        if outcome != "advance":
            end = day + days(rng.randint(21, 35) if outcome == "Ghosted" else rng.randint(2, 10))
            return (outcome, end, stage) if end <= END else (stage, day, stage)
    if target in ("Accepted", "Offer Declined") or (target is None and (END - day).days > 12):
        return (target or "Offer Declined"), min(END, day + days(rng.randint(3, 8))), "Offer"
    return "Offer", day, "Offer"


def applied_dates(rng):
    monday = START - days(START.weekday())
    weeks = [monday + days(7 * i) for i in range((END - monday).days // 7 + 1)]
    weights = [rng.uniform(0.5, 1.5) for _ in weeks]
    for i in rng.sample(range(len(weeks)), 7):
        weights[i] *= 2.0  # bursts
    for i in rng.sample(range(len(weeks)), 5):
        weights[i] *= 0.3  # quiet weeks
    for i, w in enumerate(weeks):
        if dt.date(2025, 12, 20) <= w + days(6) and w <= dt.date(2026, 1, 4):
            weights[i] *= 0.1  # holidays
        elif dt.date(2026, 1, 5) <= w <= dt.date(2026, 1, 19):
            weights[i] *= 1.6  # new-year motivation
        elif dt.date(2026, 8, 3) <= w <= dt.date(2026, 8, 16) or w >= dt.date(2026, 10, 12):
            weights[i] *= 0.2  # summer holiday, wind-down after accepting
    out = []
    while len(out) < N_APPS:
        d = rng.choices(weeks, weights)[0] + days(rng.choices(range(7), [13, 13, 11, 10, 8, 2, 4])[0])
        if START <= d <= END:
            out.append(d)
    return sorted(out)


def feedback(rng, company, role, loc, stage):
    """Pick rejection feedback; CV-stage reasons follow the location / seniority fit of the role."""
    if stage:
        return rng.choice(STAGE_FEEDBACK[stage] + GENERIC_FEEDBACK[:2])
    level = seniority(role)
    if any(k in loc for k in ("NY", "TX", "CA", "London")) and rng.random() < 0.5:
        return rng.choice(FIT_FEEDBACK["visa"])
    if any(k in loc for k in ("Berlin", "Munich", "Hamburg")) and rng.random() < 0.3:
        return rng.choice(FIT_FEEDBACK["german"])
    if level in ("Staff", "Lead") and rng.random() < 0.5:
        return rng.choice(FIT_FEEDBACK["senior"])
    if (level == "Junior" or "Analyst" in role or "BI" in role) and rng.random() < 0.4:
        return rng.choice(FIT_FEEDBACK["over"])
    return rng.choice(CV_FEEDBACK if rng.random() < 0.4 else GENERIC_FEEDBACK).format(company=company)


def notes_for(rng, source, status, stage):
    """Personal notes; post-interview rejections always keep the stage ("Rejected after ...")."""
    after = "Rejected after " + (stage or "").lower().replace(" assignment", "")
    rules = [(source == "Recruiter inbound", 0.6, ["Recruiter reached out on LinkedIn"]),
             (source == "Referral", 0.5, REFERRAL_NOTES), (status == "Rejected" and bool(stage), 1.0, [after]),
             (status == "Rejected" and stage == "Technical Interview", 0.4, ["Bombed the SQL assessment"]),
             (status == "Rejected", 0.12, REJECT_NOTES),
             (stage == "Take-home Assignment", 0.5, ["Take-home was 6 hours, way too long"]),
             (stage in STAGES, 0.25, STAGE_NOTES), (status == "Withdrawn", 0.85, WITHDRAW_NOTES),
             (status == "Ghosted" and bool(stage), 0.6, GHOST_NOTES),
             (status == "Ghosted" and not stage, 0.4, ["Followed up twice, no answer", "No reply after 6 weeks"]),
             (status == "Offer Declined", 1.0, DECLINE_NOTES),
             (status == "Accepted", 1.0, ["Accepted! Signed contract, start date 2026-12-01"])]
    notes = [rng.choice(pool) for applies, chance, pool in rules if applies and rng.random() < chance]
    if not notes and rng.random() < 0.22:
        notes.append(rng.choice(GENERAL_NOTES))
    return "; ".join(notes)


def main():
    rng = random.Random(SEED)
    combos = [f"{p} {s}" for p in PREFIXES for s in SUFFIXES]
    companies = rng.sample(combos, N_COMPANIES)
    home = {c: rng.choices(list(LOCATIONS), list(LOCATIONS.values()))[0] for c in companies}
    picks = companies + rng.choices(companies[:70], k=N_APPS - N_COMPANIES)
    rng.shuffle(picks)
    dates = applied_dates(rng)
    windows = {"Accepted": (dt.date(2026, 9, 1), dt.date(2026, 9, 18)), "Offer": (END - days(50), END - days(30))}
    forced = ["Accepted", "Offer", "Offer"] + STAGES + ["Offer Declined", "Offer Declined"]
    targets = {}
    for t in forced:
        lo, hi = windows.get(t, (END - days(45), END - days(25)) if t in STAGES
                             else (dt.date(2026, 2, 1), dt.date(2026, 7, 31)))
        targets[rng.choice([i for i, d in enumerate(dates) if lo <= d <= hi and i not in targets])] = t
    rows = []
    for i, (company, applied) in enumerate(zip(picks, dates, strict=True)):
        role = rng.choices(list(ROLES), list(ROLES.values()))[0]
        source = "Referral" if targets.get(i) == "Accepted" else rng.choices(list(SOURCES),
                                                                             [v[0] for v in SOURCES.values()])[0]
        loc = home[company] if rng.random() < 0.85 else rng.choices(list(LOCATIONS), list(LOCATIONS.values()))[0]
        work = "Remote" if "Remote" in loc else "Hybrid" if "Hybrid" in loc else rng.choice(["Hybrid", "Hybrid",
                                                                                             "Onsite"])
        status, sdate, stage = simulate(rng, applied, source, targets.get(i))
        for _ in range(50):  # forced rows: re-roll timelines that would run past END
            if targets.get(i) in (None, status) and (status != "Accepted" or sdate >= END - days(14)):
                break
            status, sdate, stage = simulate(rng, applied, source, targets[i])
        url = "" if rng.random() < 0.2 else job_url(rng, source, company)
        fb = feedback(rng, company, role, loc, stage) if status == "Rejected" and rng.random() < 0.65 else ""
        flagged = status in ("Withdrawn", "Offer Declined") and rng.random() < 0.6
        jd = rng.choice(JD_FLAGS) if flagged else ""
        if not jd and rng.random() < 0.28:
            jd = rng.choice(JD_FLAGS if rng.random() < 0.35 else JD_PLAIN)
        interest = rng.choices(["", "1", "2", "3", "4", "5"], [8, 5, 12, 30, 30, 15])[0]
        if source in ("Referral", "Recruiter inbound") and interest in ("1", "2"):
            interest = "3"
        rows.append({
            "Company": company + (" " if rng.random() < 0.03 else ""),
                     "Role": role + (" " if rng.random() < 0.02 else ""),
            "Job URL": url, "Source": source,
            "Referral": "Yes" if source == "Referral" or rng.random() < 0.05 else "No",
            "Location": loc, "Work Type": "" if rng.random() < 0.1 else work, "Salary": salary(rng, loc),
            "Seniority": "" if rng.random() < 0.12 else seniority(role), "Interest": interest,
            "Applied Date": applied.isoformat(), "Status": status, "Status Date": sdate.isoformat() if sdate else "",
            "Feedback": fb, "Notes": notes_for(rng, source, status, stage), "Job Description": jd})
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    for col in ("Status", "Source"):
        print(f"\n{col:<26} count\n"
              + "\n".join(f"{v:<26} {n:>5}" for v, n in Counter(r[col] for r in rows).most_common()))
    print(f"\nrows total {len(rows)}, companies {len({r['Company'].strip() for r in rows})} -> {OUT}")


if __name__ == "__main__":
    main()
