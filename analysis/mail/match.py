"""Which application a job mail is about: the company by fuzzy match (rapidfuzz), then the role, then the
dates (an application applied before the mail, the nearest one; never one sent more than a few days after it). No
match: the mail proposes a new one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

COMPANY_MIN_SCORE = 88  # below: not the same company
APPLIED_AFTER_SLACK_DAYS = 7  # a sheet's date may be a few days off; a mail from years before is another story
_LEGAL = re.compile(r"\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|se|sa|sas|bv|nv|plc|"
                    r"kg|og|gesmbh|holding|holdings|group|technologies|technology|the)\b\.?", re.IGNORECASE)


def company_key(name: str | None) -> str:
    """A company's name for comparing: lower case, no legal form, no punctuation ('Acme, Inc.' = 'ACME')."""
    if not name:
        return ""
    s = _LEGAL.sub(" ", name.lower())
    s = re.sub(r"[^\w&+]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class AppRow:
    app_id: int
    company: str | None
    role: str | None
    applied_on: date | None
    outcome: str | None


def load_apps(con) -> list[AppRow]:
    rows = con.execute("""select app_id, company, role, applied_on, outcome from applications
                          where not deleted and company is not null""").fetchall()
    return [AppRow(*r) for r in rows]


class Matcher:
    """Matches against the applications as they are now (built once per import)."""

    def __init__(self, apps: list[AppRow]):
        self.by_key: dict[str, list[AppRow]] = {}
        for a in apps:
            self.by_key.setdefault(company_key(a.company), []).append(a)
        self.keys = [k for k in self.by_key if k]

    def match(self, company: str | None, role: str | None, on: date | None, kind: str) -> tuple[int | None, float]:
        """(app_id, score 0-100) or (None, 0)."""
        key = company_key(company)
        if not key or not self.keys:
            return None, 0.0
        hits = process.extract(key, self.keys, scorer=fuzz.WRatio, score_cutoff=COMPANY_MIN_SCORE, limit=3)
        if not hits:
            return None, 0.0
        best: tuple[float, int] | None = None
        for k, score, _ in hits:
            for a in self.by_key[k]:
                if on and a.applied_on and (a.applied_on - on).days > APPLIED_AFTER_SLACK_DAYS:
                    continue  # a mail cannot be about an application sent after it
                s = float(score)
                if role and a.role:
                    s += 0.3 * fuzz.token_set_ratio(role.lower(), a.role.lower()) - 15
                if on and a.applied_on:
                    s += -25 if a.applied_on > on else -min((on - a.applied_on).days, 365) / 30
                if (kind in ("rejection", "interview_invite", "assessment", "offer")
                        and a.outcome not in (None, "active", "ghosted")):
                    s -= 20  # a closed application is less likely to hear news
                if best is None or s > best[0]:
                    best = (s, a.app_id)
        return (best[1], best[0]) if best else (None, 0.0)


__all__ = ["APPLIED_AFTER_SLACK_DAYS", "COMPANY_MIN_SCORE", "AppRow", "Matcher", "company_key", "load_apps"]
