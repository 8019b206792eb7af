"""Job titles grouped into role families and seniority: 'Senior Data Engineer' and 'Data Engineer II' are
one family (Data Engineer), at different levels."""

from __future__ import annotations

import re

# (pattern over the lower-cased title, family). First match wins: specific before general.
FAMILY_RULES: list[tuple[str, str]] = [
    (r"analytics engineer", "Analytics Engineer"),
    (r"machine learning|\bml\b|\bai\b engineer|mlops|deep learning", "ML / AI Engineer"),
    (r"data scien", "Data Scientist"),
    (r"data engineer|etl|data platform|data infrastructure|dataset engineer|big data|data warehouse", "Data Engineer"),
    (r"data architect|solutions? architect|platform architect|\barchitect\b", "Architect"),
    (r"data analyst|business analyst|bi analyst|insights? analyst|reporting analyst|product analyst|\banalyst\b|"
     r"business intelligence|power bi|\bbi\b", "Data / BI Analyst"),
    (r"engineering manager|head of engineering|director of engineering|vp of engineering|\bcto\b|team lead|tech lead",
     "Engineering Manager / Lead"),
    (r"product manager|product owner|\bpm\b", "Product Manager"),
    (r"design(er)?\b|ux|ui designer", "Designer"),
    (r"\bsre\b|site reliability|devops|infrastructure|platform engineer|cloud engineer|devex", "Infrastructure / SRE"),
    (r"security", "Security Engineer"),
    (r"front[- ]?end|\bui engineer|web developer|website developer|react", "Frontend Engineer"),
    (r"back[- ]?end|api engineer", "Backend Engineer"),
    (r"full[- ]?stack", "Full-stack Engineer"),
    (r"software|developer|engineer|programmer|\bsde\b|\bswe\b", "Software Engineer"),
    (r"marketing", "Marketing"),
    (r"recruit|talent|\bhr\b|people", "People / HR"),
    (r"sales|account exec|customer success", "Sales / Customer"),
    (r"consult", "Consultant"),
]
_FAMILIES = [(re.compile(p), f) for p, f in FAMILY_RULES]

SENIORITY_RULES: list[tuple[str, str]] = [
    (r"\b(intern|internship|trainee|werkstudent|praktikum|apprentice)\b", "Intern"),
    (r"\b(junior|jr\.?|entry|graduate|associate|i\b|1\b|l3)\b", "Junior"),
    (r"\b(director|vp|vice president|head of|cto|chief)\b", "Director+"),
    (r"\b(manager|team lead)\b", "Manager"),
    (r"\b(principal|distinguished|architect)\b", "Principal"),
    (r"\b(staff)\b", "Staff"),
    (r"\b(lead|tech lead)\b", "Lead"),
    (r"\b(senior|sr\.?|snr|iii|iv|l5|l6|experienced)\b", "Senior"),
    (r"\b(mid|intermediate|ii|2\b|l4)\b", "Mid"),
]
_SENIORITY = [(re.compile(p), s) for p, s in SENIORITY_RULES]
SENIORITY_ORDER = ["Intern", "Junior", "Mid", "Senior", "Staff", "Lead", "Principal", "Manager", "Director+"]


OTHER_ROLES = "Other roles"  # the family of a title no rule knows: a remainder, never a target


def role_family(title: str | None) -> str | None:
    """The family a title belongs to; None for an empty title or one that names nothing ('Unknown', 'SKIPPED')."""
    if not title:
        return None
    low = title.lower()
    if low.strip() in ("unknown", "n/a", "-", "tbd", "?"):
        return None
    for rx, family in _FAMILIES:
        if rx.search(low):
            return family
    return OTHER_ROLES


def seniority_of(title: str | None, stated: str | None = None) -> str | None:
    """The person's own seniority column wins; otherwise read it off the title."""
    for text in (stated, title):
        if text:
            low = text.lower()
            for rx, level in _SENIORITY:
                if rx.search(low):
                    return level
            if text is stated:
                return text.strip().title()
    return None
