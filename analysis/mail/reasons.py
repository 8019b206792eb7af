"""The sentence that decides, not the boilerplate: a rejection mail's text made ready for the rejection-reason
rules (analysis/rejections.py). Set aside before the rules read it: the company's and the role's names (a
company called Visa is not a visa problem; a title with '3 Days in Office' is not about location), greetings,
signatures, footers, links, and courtesy lines ("we will keep your resume on file" is a courtesy, not a
reason). What is left is usually one or two sentences, and often none: most rejections give no reason, and
an empty text is read as "no reason given", which is right."""

from __future__ import annotations

import re

from analysis.mail.rules import own_text

GREETING = re.compile(r"^\s*(dear|hi|hello|hey|greetings|good (morning|afternoon)|sehr geehrte\w*|liebe\w*|hallo|"
                      r"guten tag|servus|bonjour|madame|monsieur|cher|chère)\b[^.!?\n]{0,60}[,!:]?\s*", re.IGNORECASE)
# the sign-off: everything after it is a signature or a footer
SIGN_OFF = re.compile(r"(^|\n|\.\s+)\s*(best|kind|warm|warmest)?\s*(regards|wishes)\b|(^|\n)\s*(sincerely|cheers|thanks|thank you|"
                      r"best|all the best|respectfully|cordially|mit freundlichen grüßen|freundliche grüße|viele grüße|"
                      r"beste grüße|herzliche grüße|liebe grüße|lg|cordialement|bien à vous|salutations)\s*[,!.]?\s*(\n|$)",
                      re.IGNORECASE)
LINKS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\[[^\]]*\]\([^)]*\)")
# sentences that are manners, not a reason (each a named pattern so it can be tested alone)
COURTESY: list[tuple[str, str]] = [
    ("keep_on_file", r"\b(keep|retain|hold|store|save|have) (\w+ ){0,3}(resume|cv|information|details|profile|application|"
                     r"Unterlagen|Daten|candidature)\b.{0,40}\b(on file|in (our|the) (database|system|talent pool|pool)|"
                     r"for future|Evidenz|gespeichert|Talent ?Pool)|\bon file\b|Talentpool|vivier"),
    ("future_openings", r"\b(future|other|new|upcoming) (opportunit|opening|position|role|vacanc)|careers? (page|site|website)|"
                        r"keep an eye|encourage you to (apply|continue|check|visit|review|keep)|(re-?)?apply (again|in the future)|"
                        r"zukünftige|künftige|weitere (Stellen|Ausschreibungen)|opportunités futures|\bin the future\b|"
                        r"\b(becomes?|become) available|\bopens? up\b|hang on to your|in Zukunft|\bre-?apply\b"),
    ("wish_luck", r"\b(wish|wishing|wünsche\w*|souhaitons) (you|Ihnen|dir|vous)|good luck|best of luck|all the best|"
                  r"success in your|viel Erfolg|alles Gute|bonne (chance|continuation)"),
    ("thanks", r"^\s*(thank(s| you)|we (truly |really |sincerely )?appreciate|danke|vielen dank|herzlichen dank|merci|"
               r"nous vous remercions|we are grateful)\b"),
    ("footer", r"unsubscribe|privacy (policy|notice)|this (e-?mail|message) (was|is|has been) (sent|intended|confidential)|"
               r"do not reply|no-?reply|all rights reserved|©|equal opportunity|affirmative action|"
               r"if you (don.t|do not) want to receive|our (culture|values|mission)|confidential|Datenschutz|Impressum|"
               r"Firmenbuch|Handelsregister|Sitz der Gesellschaft|Geschäftsführ"),
]
_COURTESY = [(n, re.compile(p, re.IGNORECASE)) for n, p in COURTESY]
_SENT = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=[-•*])")


def _mask(text: str, name: str | None, stand_in: str) -> str:
    if not name or len(name.strip()) < 2:
        return text
    return re.sub(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", stand_in, text, flags=re.IGNORECASE)


def reason_text(body: str, company: str | None = None, role: str | None = None, subject: str | None = None) -> str:
    """The rejection's own sentences with names, greetings, signature, footer, links and courtesy lines set
    aside. Empty when the mail gives no reason beyond the decision itself."""
    text = own_text(body or "")
    m = SIGN_OFF.search(text, 40)
    if m:
        text = text[:m.start() + (1 if m.group(0)[:1] == "." else 0)]
    text = LINKS.sub(" ", text)
    text = _mask(text, role, "the role")
    text = _mask(text, company, "the company")
    if subject:  # a title in the subject ('... (Santa Clara, CA location)') named again in the body
        for part in re.split(r"\s+[-–|:]\s+|[()]", subject):
            if len(part.strip()) >= 12:
                text = _mask(text, part, "the role")
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    kept = []
    for sentence in _SENT.split(text):
        s = GREETING.sub("", sentence.strip()).strip()
        if len(s) < 15:
            continue
        if any(rx.search(s) for _, rx in _COURTESY):
            continue
        kept.append(re.sub(r"\s+", " ", s))
    return " ".join(kept)


def courtesy_rule(sentence: str) -> str | None:
    """Which courtesy rule sets a sentence aside, or None."""
    for name, rx in _COURTESY:
        if rx.search(sentence):
            return name
    return None


__all__ = ["COURTESY", "courtesy_rule", "reason_text"]
