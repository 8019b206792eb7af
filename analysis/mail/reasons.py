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
SIGN_OFF = re.compile(r"(^|\n|\.\s+)\s*(best|kind|warm|warmest)?\s*(regards|wishes)\b|(^|\n)\s*(sincerely|cheers|"
                      r"thanks|thank you|best|all the best|respectfully|cordially|mit freundlichen grüßen|"
                      r"freundliche grüße|viele grüße|"
                      r"beste grüße|herzliche grüße|liebe grüße|lg|cordialement|bien à vous|"
                      r"salutations)\s*[,!.]?\s*(\n|$)",
                      re.IGNORECASE)
LINKS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\[[^\]]*\]\([^)]*\)")
# sentences that are manners, not a reason (each a named pattern so it can be tested alone)
COURTESY: list[tuple[str, str]] = [
    ("keep_on_file", r"\b(keep|retain|hold|store|save|have) (\w+ ){0,3}(resume|cv|information|details|profile|"
                     r"application|Unterlagen|Daten|candidature)\b.{0,40}\b(on file|in (our|the) (database|system|"
                     r"talent pool|pool)|for future|Evidenz|gespeichert|Talent ?Pool)|\bon file\b|Talentpool|vivier"),
    ("future_openings", r"\b(future|other|new|upcoming) (opportunit|opening|position|role|vacanc)|careers? (page|site|"
                        r"website)|keep an eye|encourage you to (apply|continue|check|visit|review|keep)|"
                        r"(re-?)?apply (again|in the future)|"
                        r"zukünftige|künftige|weitere (Stellen|Ausschreibungen)|opportunités futures|\bin the future\b|"
                        r"\b(becomes?|become) available|\bopens? up\b|hang on to your|in Zukunft|\bre-?apply\b"),
    ("wish_luck", r"\b(wish|wishing|wünsche\w*|souhaitons) (you|Ihnen|dir|vous)|good luck|best of luck|all the best|"
                  r"success in your|viel Erfolg|alles Gute|bonne (chance|continuation)"),
    ("thanks", r"^\s*(thank(s| you)|we (truly |really |sincerely )?appreciate|danke|vielen dank|herzlichen dank|merci|"
               r"nous vous remercions|we are grateful)\b"),
    ("reach_out_later", r"\b(reach out|contact you|be in touch|get in touch|let you know|melden uns)\b.{0,60}\b(if|"
                        r"when|should|once|falls|sobald)\b.{0,60}\b(opportunit\w*|position|role|opening|job|Stelle|"
                        r"Position)\b|\b(remain|stay|be kept|kept) (active )?in our (database|system|records|"
                        r"talent pool)|\b(arises|comes up|opens up|becomes available)\b"),
    ("footer", r"unsubscribe|privacy (policy|notice)|this (e-?mail|message) (was|is|has been) (sent|intended|"
               r"confidential)|do not reply|no-?reply|all rights reserved|©|equal opportunity|affirmative action|"
               r"if you (don.t|do not) want to receive|our (culture|values|mission)|confidential|Datenschutz|Impressum|"
               r"Firmenbuch|Handelsregister|Sitz der Gesellschaft|Geschäftsführ"),
]
_COURTESY = [(n, re.compile(p, re.IGNORECASE)) for n, p in COURTESY]
# a waiting period is a policy ('wait at least 6 months before you re-apply'), not a courtesy: such a sentence is kept
WAITING_PERIOD = re.compile(r"\b(\d+|one|two|three|six|nine|twelve) (months?|weeks?)\b|\b(\d+|drei|sechs|"
                            r"zwölf) Monaten?\b",
                            re.IGNORECASE)
# a courtesy and a reason often share a sentence, turned by a contrast ('We appreciate your interest, however the role
# was filled'): the sentence is read clause by clause, and only the courteous clause is set aside
_CONTRAST = re.compile(r"(?=[,;:–—-]?\s*\b(?:however|but|although|though|unfortunately|regrettably|sadly|leider|jedoch|"
                       r"aber|allerdings|trotzdem|mais|cependant|malheureusement)\b)", re.IGNORECASE)
# a role name that is a title (not a stray phrase a title finder took from the text: 'has been cancelled', 'search')
_NOT_A_TITLE = re.compile(r"\b(has|have|had|been|will|would|we|you|your|our|if|when|should|future|search|and we|"
                          r"application|process|records|changes)\b")
_SENT = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=[-•*])")


def _title_like(name: str) -> bool:
    """A role worth masking: it names a title (a capitalised word, a few words long), not a phrase about the process."""
    words = name.split()
    return 0 < len(words) <= 12 and any(w[:1].isupper() for w in words) and not _NOT_A_TITLE.search(name)


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
    if role and _title_like(role):
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
        if WAITING_PERIOD.search(s):
            kept.append(re.sub(r"\s+", " ", s))
            continue
        clauses = [c for c in _CONTRAST.split(s) if c and c.strip(" ,;:–—-")]
        own = [c.strip() for c in clauses if not any(rx.search(c.strip(" ,;:–—-")) for _, rx in _COURTESY)]
        if own and len(" ".join(own)) >= 15:
            kept.append(re.sub(r"\s+", " ", " ".join(own)))
    return " ".join(kept)


def courtesy_rule(sentence: str) -> str | None:
    """Which courtesy rule sets a sentence aside, or None."""
    for name, rx in _COURTESY:
        if rx.search(sentence):
            return name
    return None


__all__ = ["COURTESY", "courtesy_rule", "reason_text"]
