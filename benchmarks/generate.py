"""Deterministic synthetic tracker exports for benchmarks, one row per application, streamed to disk.

    python -m benchmarks.generate --rows 100000 --out benchmarks/out/apps_100k.csv [--seed 20251101]

The data is SYNTHETIC (every company, URL and phrase is invented or a generic phrasing), shaped like the real
files in ../shared/realdata: one status column in several vocabularies (English, the compound `REJECTED, PRE-R1`
style, German), a date column mixing ISO `2025-03-14`, day-first `14/03/2025` and `Before 2025-03-20`, missing
markers (`-`, `N/A`, `SKIPPED`), salaries as people type them, free-text notes and feedback with the phrasings
real people use, and quoted cells with commas. About 220 bytes per row. Rows are written in date order, as a
tracker grows, in chunks: memory stays flat whatever --rows is. About 0.6% of rows repeat an earlier
posting (same company and link) under another title, as people do.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections import deque
from pathlib import Path

from data.make_demo import PREFIXES, SUFFIXES

SEED = 20251101
COLUMNS = ["Company", "Job Title", "Job URL", "Source", "Referral", "Location", "Work Type", "Salary", "Date Applied",
           "Status", "Status Date", "Feedback", "Notes"]
START, END = dt.date(2024, 1, 8), dt.date(2026, 9, 30)  # analyse as of 2026-11-01 (see benchmarks.run.AS_OF)
CHUNK = 5000

# companies: prefix x middle x suffix (x legal form), built from an index so no list of them is ever held; the
# prefixes and suffixes are the demo's own
MIDDLES = ["", "Blue", "North", "Open", "Prime", "Swift", "True", "Nova", "Atlas", "Apex", "Polar", "Solar", "Urban",
           "Green", "Red", "Clear", "Deep", "Bright", "Quantum", "Vector", "Signal", "Summit", "Harbor", "Metro",
           "Pioneer", "Beacon", "Cedar", "Falcon", "Orbit", "Pixel", "Radiant", "Stellar", "Terra", "Unity", "Vertex",
           "Wave", "Zenith", "Crystal", "Echo", "Fusion"]
LEGAL = ["", "", "", "", "", " GmbH", " Ltd", ", Inc.", " AG", " B.V.", " SE", " (via Hays)"]

LEVELS = ["", "", "Senior ", "Senior ", "Junior ", "Staff ", "Lead ", "Principal "]
BASES = ["Data Engineer", "Analytics Engineer", "Data Analyst", "Backend Engineer", "Machine Learning Engineer",
         "Data Scientist", "Software Engineer", "Data Platform Engineer", "BI Developer", "DevOps Engineer",
         "Frontend Developer", "Product Analyst"]
TEAMS = ["", "", "", "", " (Python)", " - Payments", " II", ", Growth", " - Data Platform", " (m/w/d)", " (Remote)",
         ", Risk & Fraud"]
SOURCES = {"LinkedIn": 34, "Company site": 15, "Indeed": 9, "StepStone": 5, "Otta": 6, "Wellfound": 5, "Referral": 7,
           "Recruiter inbound": 8, "Hays": 3, "Xing": 2, "Tom (ex-colleague)": 1, "": 3, "-": 2}
LOCATIONS = {"Remote": 20, "Remote - EU": 5, "Berlin": 15, "Berlin, Germany": 5, "Hybrid - Munich": 5, "Munich": 4,
             "Hamburg": 3, "London": 9, "London, UK": 3, "Amsterdam": 6, "Hybrid - Amsterdam": 2, "New York, NY": 5,
             "Austin, TX": 3, "San Francisco, CA": 2, "Dublin": 3, "Zürich": 2, "N/A": 2, "": 6}
WORK_TYPES = {"Remote": 25, "Hybrid": 35, "Onsite": 15, "On-site": 5, "": 15, "N/A": 3, "-": 2}

# (stage reached, how it ended) -> the status labels people write for it, with weights
LABELS = {
    ("applied", "active"): {"Applied": 70, "applied": 10, "In Review": 8, "Beworben": 6, "Pending": 4,
                            "In Bearbeitung": 2},
    ("applied", "rejected"): {"Rejected": 50, "REJECTED, PRE-R1": 20, "Absage": 12, "rejected": 10, "Auto-rejected": 8},
    ("applied", "ghosted"): {"Ghosted": 45, "TIMED OUT": 25, "Suspected Ghost Job": 12, "No response": 18},
    ("applied", "withdrawn"): {"Withdrawn": 70, "Withdrew": 30},
    ("applied", "closed"): {"Position Closed": 70, "CONSOLIDATED": 10, "Role filled": 20},
    ("screen", "active"): {"Phone Screen": 40, "Recruiter Screen": 35, "R1 DONE": 25},
    ("screen", "rejected"): {"Rejected after recruiter call": 55, "REJECTED, POST-R1": 45},
    ("interview", "active"): {"Interview": 35, "R2 DONE": 25, "Technical Interview": 25, "Vorstellungsgespräch": 15},
    ("interview", "rejected"): {"Rejected after technical interview": 55, "REJECTED, POST-R2": 25,
                                "Absage nach Interview": 20},
    ("final", "active"): {"Final Round": 60, "Onsite": 40},
    ("final", "rejected"): {"Rejected after final round": 100},
    ("offer", "active"): {"Offer": 75, "OFFERED": 25},
    ("offer", "offer_declined"): {"Offer Declined": 100},
    ("hired", "hired"): {"Accepted": 60, "Offer accepted": 40},
}
# how far applications get and how they end: (stage, outcome) weights over all applications
OUTCOMES = {("applied", "active"): 220, ("applied", "rejected"): 300, ("applied", "ghosted"): 210,
            ("applied", "withdrawn"): 35, ("applied", "closed"): 30, ("screen", "active"): 25,
            ("screen", "rejected"): 70, ("interview", "active"): 20, ("interview", "rejected"): 55,
            ("final", "active"): 6, ("final", "rejected"): 17, ("offer", "active"): 4,
            ("offer", "offer_declined"): 4, ("hired", "hired"): 2}

FEEDBACK_CV = ["We decided to move forward with other candidates whose experience more closely matches our needs.",
               "Unfortunately we will not be moving forward at this time.", "We went with a stronger candidate",
               "rejected due to lack of LLM experience", "Your salary expectations are above our range.",
               "We need someone with production Spark experience at scale.",
               "Unfortunately you are not in our hiring location and we cannot offer visa sponsorship.",
               "The role requires German fluency (C1), sorry.", "We are looking for someone more senior for this role.",
               "Leider haben wir uns für einen anderen Kandidaten entschieden.", "The position has been put on hold, "
               "hiring freeze until next year.", "Thank you for applying. Due to the high volume of applications, "
               "we cannot give individual feedback."]
FEEDBACK_LATE = ["The coding exercise did not meet the bar.", "We went with an internal candidate.",
                 "Not a strong enough performance in the system design round.",
                 "Very close call, we went with a candidate with more domain experience.",
                 "We were hoping for more depth on Kubernetes and infrastructure.",
                 "The team had some concerns around team fit / culture add.", "We went with a stronger candidate"]
NOTES_ANY = ["Applied via Easy Apply", "Tailored CV for dbt + Airflow", "Salary not listed", "Role reposted twice",
             "Cover letter required, wrote a short one", "Glassdoor reviews mention high turnover",
             "Found via newsletter", "relocation required", "Recruiter reached out on LinkedIn",
             "Referred by former colleague Tom", "4 day week, 30 days holiday"]
NOTES_REJECTED = ["cool down period, can re-apply in 5 months", "asked for feedback, no reply",
                  "Rejected due to location. Contact was willing to refer, but overridden",
                  "rejected due to lack of LLM and Agentic experience", "Auto-reject within 2 hours, probably a filter"]
NOTES_LATE = ["Had three interviews and then they said no", "Take-home was 6 hours, way too long",
              "Interviewer mentioned long hours and on-call every other week", "Hiring manager was 15 minutes late",
              "unclear role, three different job titles in the process", "Sent thank-you note after the call"]
NOTES_GHOST = ["never heard back", "Followed up twice, no answer", "No reply after 6 weeks"]
NOTES_DECLINED = ["comp range was lower than tolerable", "Declined offer: on-call every other week",
                  "offer is a down level (senior) with 30k sign on and no equity"]
NOTES_WITHDRAWN = ["Withdrew: commute would be 90 minutes each way", "comp range was lower than tolerable",
                   "Withdrew: found out it is fully onsite"]
DATE_MISSING = ["", "-", "N/A", "SKIPPED"]


def _weighted(table: dict) -> tuple[list, list[float]]:
    keys = list(table)
    total, cum = 0.0, []
    for k in keys:
        total += table[k]
        cum.append(total)
    return keys, cum


def company_name(i: int) -> str:
    """The i-th company: distinct for i below 48 * 25 * 40 * 12 (576,000)."""
    p, i = PREFIXES[i % 48], i // 48
    s, i = SUFFIXES[i % 25], i // 25
    m, i = MIDDLES[i % 40], i // 40
    legal = LEGAL[i % len(LEGAL)]
    return f"{p} {m + ' ' if m else ''}{s}{legal}"


def slug(name: str) -> str:
    return "".join(ch for ch in name.lower().split(",")[0].split(" (")[0] if ch.isalnum())


class Generator:
    def __init__(self, rows: int, seed: int = SEED):
        self.rows = rows
        self.rng = random.Random(seed)
        self.n_companies = max(40, min(576_000, rows // 5))
        self.span = (END - START).days
        self._tables = {name: _weighted(t) for name, t in (("source", SOURCES), ("loc", LOCATIONS),
                                                            ("work", WORK_TYPES), ("outcome", OUTCOMES))}
        self._labels = {k: _weighted(v) for k, v in LABELS.items()}
        self.recent: deque[tuple[str, str]] = deque(maxlen=300)  # postings logged lately, some get logged again

    def pick(self, name: str):
        keys, cum = self._tables[name]
        return self.rng.choices(keys, cum_weights=cum)[0]

    def date_text(self, d: dt.date) -> str:
        r = self.rng.random()
        if r < 0.56:
            return d.isoformat()
        if r < 0.955:
            return d.strftime("%d/%m/%Y")  # day-first; days above 12 make the column decidable
        if r < 0.975:
            return "Before " + (d + dt.timedelta(days=self.rng.randint(0, 6))).isoformat()
        return self.rng.choice(DATE_MISSING)

    def salary(self, loc: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.48:
            return ""
        if r < 0.53:
            return rng.choice(["N/A", "-", "SKIPPED", "DOE", "competitive"])
        if any(k in loc for k in ("NY", "TX", "CA")):
            lo = rng.randrange(100, 190, 5)
            hi = lo + rng.choice([20, 30, 40])
            return rng.choice([f"${lo}k-{hi}k", f"${lo},000 - ${hi},000", f"{lo}-{hi}k", f"{lo}000"])
        if "London" in loc:
            lo = rng.randrange(50, 100, 5)
            return rng.choice([f"£{lo},000 - £{lo + 10},000", f"£{lo}k", f"{lo}-{lo + 15}k"])
        lo = rng.randrange(50, 110, 5)
        return rng.choice([f"€{lo}.000", f"€{lo}k - €{lo + 15}k", f"{lo}-{lo + 20}k", f"EUR {lo}k", f"{lo},000 EUR",
                           f"{lo}000"])

    def url(self, source: str, company: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.17:
            return ""
        if r < 0.19:
            return rng.choice(["-", "N/A"])
        if source == "LinkedIn":
            url = f"https://www.linkedin.com/jobs/view/{rng.randint(3_700_000_000, 4_300_000_000)}/"
            return url + (f"?refId={rng.getrandbits(64):016x}&trackingId={rng.getrandbits(64):016x}"
                          if rng.random() < 0.4 else "")
        if source == "Indeed":
            return f"https://de.indeed.com/viewjob?jk={rng.getrandbits(64):016x}"
        if source == "Otta":
            return f"https://app.otta.com/jobs/{rng.getrandbits(32):08x}"
        s = slug(company)[:14]
        if rng.random() < 0.5:
            job = rng.randint(4_000_000, 7_999_999)
            return f"https://boards.greenhouse.io/{s}/jobs/{job}?gh_src={rng.getrandbits(24):06x}"
        return f"https://jobs.lever.co/{s}/{rng.getrandbits(32):08x}"

    def row(self, i: int) -> list[str]:
        rng = self.rng
        # applied in date order over the window, with a little back-and-forth as people log late
        day = int(i * self.span / self.rows) - rng.randint(0, 3)
        applied = START + dt.timedelta(days=max(0, day))
        company = company_name(int(self.n_companies * rng.random() ** 1.7))  # a few companies get many applications
        if rng.random() < 0.02:
            company += " "
        role = rng.choice(LEVELS) + rng.choice(BASES) + rng.choice(TEAMS)
        source = self.pick("source")
        loc = self.pick("loc")
        work = "Remote" if loc.startswith("Remote") else self.pick("work")
        stage, outcome = self.pick("outcome")
        keys, cum = self._labels[(stage, outcome)]
        status = rng.choices(keys, cum_weights=cum)[0]
        if stage == "applied" and outcome == "active":
            status_date = rng.choice(["", "", "", "-"])
        else:
            lag = rng.randint(2, 40) * (1 + ["applied", "screen", "interview", "final", "offer", "hired"].index(stage))
            status_date = self.date_text(min(END, applied + dt.timedelta(days=lag)))
        feedback = ""
        if outcome == "rejected" and rng.random() < 0.55:
            feedback = rng.choice(FEEDBACK_CV if stage == "applied" else FEEDBACK_LATE)
        notes: list[str] = []
        if outcome == "rejected" and rng.random() < 0.2:
            notes.append(rng.choice(NOTES_REJECTED))
        if stage in ("interview", "final") and rng.random() < 0.4:
            notes.append(rng.choice(NOTES_LATE))
        if outcome == "ghosted" and rng.random() < 0.3:
            notes.append(rng.choice(NOTES_GHOST))
        if outcome == "offer_declined":
            notes.append(rng.choice(NOTES_DECLINED))
        if outcome == "withdrawn" and rng.random() < 0.7:
            notes.append(rng.choice(NOTES_WITHDRAWN))
        if rng.random() < 0.55:
            notes.append(rng.choice(NOTES_ANY))
        if not notes and rng.random() < 0.03:
            notes.append(rng.choice(["-", "N/A", "SKIPPED"]))
        referral = "Yes" if source == "Referral" else rng.choice(["No", "No", "No", "", "-", "FALSE", "no"])
        url = self.url(source, company)
        if self.recent and rng.random() < 0.006:
            company, url = rng.choice(self.recent)  # the same posting entered twice, under another title
        elif url.startswith("http"):
            self.recent.append((company, url))
        return [company, role, url, source, referral, loc, work, self.salary(loc),
                self.date_text(applied), status, status_date, feedback, "; ".join(notes)]


def generate(rows: int, out: Path, seed: int = SEED) -> int:
    """Write `rows` applications to `out` (a CSV with a header). Returns the bytes written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    gen = Generator(rows, seed)
    tmp = out.with_suffix(out.suffix + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for start in range(0, rows, CHUNK):
            writer.writerows([gen.row(i) for i in range(start, min(rows, start + CHUNK))])
    tmp.replace(out)  # a file that exists is a complete file
    return out.stat().st_size


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=SEED)
    args = p.parse_args(argv)
    size = generate(args.rows, args.out, args.seed)
    print(f"wrote {args.out}: {args.rows:,} applications, {size:,} bytes ({size / max(1, args.rows):.0f} bytes/row)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
