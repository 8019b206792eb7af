"""Follow-ups ready to send: a short draft for each item of the queue, in English, German or French, filled with
the company, the role, the contact and the date behind it; and every dated item as a calendar event (.ics).

The templates are data: the defaults below, overridden per kind and language by the person's own (kept in the
settings table). A template may use only the placeholders in PLACEHOLDERS; anything else is refused when saved,
so a draft never goes out with a hole in it.
"""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from analysis.store import get_setting, set_setting

LANGUAGES = {"en": "English", "de": "Deutsch", "fr": "Français"}
PLACEHOLDERS = {
    "greeting": "Hello Ana, / Hello, (with the contact's name when the sheet has one)",
    "company": "the company",
    "role": "the role as a phrase: 'the Data Engineer role' (or 'the open role' when the sheet has no title)",
    "date": "the date behind it with its preposition: 'on 3 March 2026', 'am 3. März 2026', 'le 3 mars 2026' "
            "('recently' when the sheet has none)",
}
SETTING = "followup_templates"

_GREETING = {"en": ("Hello {name},", "Hello,"), "de": ("Guten Tag {name},", "Guten Tag,"),
             "fr": ("Bonjour {name},", "Bonjour,")}
_ROLE = {"en": ("the {title} role", "the open role"), "de": ("die Stelle als {title}", "die ausgeschriebene Stelle"),
         "fr": ("le poste de {title}", "le poste ouvert")}
_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
           "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
           "décembre"],
}

DEFAULT_TEMPLATES: dict[str, dict[str, str]] = {
    "thank_you": {
        "en": "Subject: Thank you for the conversation\n\n{greeting}\n\n"
              "Thank you for taking the time to speak with me {date} about {role} at {company}. I enjoyed learning "
              "more about the team, and our conversation made me even more interested.\n\n"
              "If anything else would help with your decision, I am happy to send it.\n\nBest regards",
        "de": "Betreff: Vielen Dank für das Gespräch\n\n{greeting}\n\n"
              "vielen Dank, dass Sie sich {date} Zeit für das Gespräch über {role} bei {company} genommen haben. Ich "
              "habe viel über das Team erfahren, und das Gespräch hat mein Interesse noch verstärkt.\n\n"
              "Wenn Ihnen noch etwas für Ihre Entscheidung fehlt, schicke ich es gern.\n\nMit freundlichen Grüßen",
        "fr": "Objet : Merci pour notre échange\n\n{greeting}\n\n"
              "Merci d'avoir pris le temps d'échanger avec moi {date} concernant {role} chez {company}. J'ai apprécié "
              "d'en apprendre davantage sur l'équipe, et notre conversation a renforcé mon intérêt.\n\n"
              "Si un élément supplémentaire peut vous aider, je vous l'envoie volontiers.\n\nBien cordialement",
    },
    "ask_feedback": {
        "en": "Subject: A short question about my application\n\n{greeting}\n\n"
              "Thank you for letting me know {date} about your decision on {role} at {company}. I enjoyed getting to "
              "know the team.\n\n"
              "If you have a moment, I would be grateful for one or two things I could do better next time; an "
              "honest remark helps me a lot.\n\n"
              "And if something suitable opens up later, I would be glad to hear from you.\n\nBest regards",
        "de": "Betreff: Eine kurze Frage zu meiner Bewerbung\n\n{greeting}\n\n"
              "vielen Dank, dass Sie mir {date} Ihre Entscheidung über {role} bei {company} mitgeteilt haben. Ich "
              "habe das Team gern kennengelernt.\n\n"
              "Wenn Sie einen Moment haben, wäre ich für ein oder zwei Hinweise dankbar, was ich beim nächsten Mal "
              "besser machen kann; eine ehrliche Rückmeldung hilft mir sehr.\n\n"
              "Und falls später etwas Passendes frei wird, freue ich mich, von Ihnen zu hören.\n\n"
              "Mit freundlichen Grüßen",
        "fr": "Objet : Une courte question sur ma candidature\n\n{greeting}\n\n"
              "Merci de m'avoir fait part {date} de votre décision concernant {role} chez {company}. J'ai apprécié "
              "de rencontrer l'équipe.\n\n"
              "Si vous avez un instant, je vous remercie par avance de m'indiquer un ou deux points à améliorer ; "
              "un retour sincère m'aide beaucoup.\n\n"
              "Et si une opportunité adaptée se présente plus tard, ce serait un plaisir d'avoir de vos nouvelles.\n\n"
              "Bien cordialement",
    },
    "nudge": {
        "en": "Subject: My application\n\n{greeting}\n\n"
              "I applied for {role} at {company} {date} and wanted to ask whether there is any news. I am still very "
              "interested, and happy to send anything else you need.\n\nBest regards",
        "de": "Betreff: Meine Bewerbung\n\n{greeting}\n\n"
              "{date} habe ich mich bei {company} auf {role} beworben und wollte fragen, ob es schon Neuigkeiten gibt. "
              "Ich bin weiterhin sehr interessiert und schicke gern weitere Unterlagen.\n\nMit freundlichen Grüßen",
        "fr": "Objet : Ma candidature\n\n{greeting}\n\n"
              "J'ai postulé {date} pour {role} chez {company} et je me permets de vous demander si vous avez des "
              "nouvelles. Le poste m'intéresse toujours beaucoup, et je vous envoie volontiers tout document utile."
              "\n\nBien cordialement",
    },
    "recontact": {
        "en": "Subject: Getting back in touch\n\n{greeting}\n\n"
              "When you wrote to me {date} about {role} at {company}, you suggested getting back in touch later. I "
              "am still interested in {company} and wanted to ask whether there is an opening now where I could "
              "help.\n\nBest regards",
        "de": "Betreff: Ich melde mich wieder\n\n{greeting}\n\n"
              "als Sie mir {date} über {role} bei {company} geschrieben haben, schlugen Sie vor, dass ich mich später "
              "wieder melde. {company} interessiert mich weiterhin, und ich wollte fragen, ob es jetzt eine passende "
              "Stelle gibt.\n\nMit freundlichen Grüßen",
        "fr": "Objet : Je reprends contact\n\n{greeting}\n\n"
              "Lorsque vous m'avez écrit {date} concernant {role} chez {company}, vous m'aviez proposé de reprendre "
              "contact plus tard. {company} m'intéresse toujours, et je souhaitais savoir s'il existe aujourd'hui un "
              "poste où je pourrais contribuer.\n\nBien cordialement",
    },
}
KINDS = tuple(DEFAULT_TEMPLATES)


def long_date(d: date, lang: str) -> str:
    """'3 March 2026', '3. März 2026', '3 mars 2026'."""
    month = _MONTHS[lang][d.month - 1]
    return f"{d.day}. {month} {d.year}" if lang == "de" else f"{d.day} {month} {d.year}"


def placeholders_of(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:  # an unmatched brace
        raise ValueError(f"The template has a stray brace ({exc}); write {{{{ or }}}} for a literal one.") from None


def check_template(template: str) -> None:
    """Refuse a template that would leave a hole: unknown placeholders, stray braces, or no text."""
    if not template.strip():
        raise ValueError("A template needs some text.")
    unknown = placeholders_of(template) - set(PLACEHOLDERS)
    if unknown:
        raise ValueError(f"Unknown placeholder(s) {', '.join('{' + u + '}' for u in sorted(unknown))}: use only "
                         + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ".")


def templates(con) -> dict[str, dict[str, str]]:
    """The defaults with the person's own templates on top."""
    own = get_setting(con, SETTING, {}) or {}
    return {kind: {lang: (own.get(kind, {}) or {}).get(lang) or text for lang, text in by_lang.items()}
            for kind, by_lang in DEFAULT_TEMPLATES.items()}


def save_template(con, kind: str, lang: str, text: str) -> None:
    if kind not in DEFAULT_TEMPLATES or lang not in LANGUAGES:
        raise ValueError(f"unknown follow-up {kind!r} or language {lang!r}")
    check_template(text)
    own = get_setting(con, SETTING, {}) or {}
    own.setdefault(kind, {})[lang] = text
    set_setting(con, SETTING, own)


def reset_template(con, kind: str, lang: str) -> None:
    own = get_setting(con, SETTING, {}) or {}
    (own.get(kind) or {}).pop(lang, None)
    set_setting(con, SETTING, own)


def _text(v) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def draft(kind: str, lang: str, company: str | None, role: str | None, on: date | None, contact: str | None = None,
          template: str | None = None) -> str:
    """One filled draft. Missing pieces get a neutral wording, never an empty slot or 'None'."""
    if lang not in LANGUAGES:
        raise ValueError(f"language is one of {', '.join(LANGUAGES)}")
    template = template or DEFAULT_TEMPLATES[kind][lang]
    check_template(template)
    name, title, company = _text(contact), _text(role), _text(company)
    values = {
        "greeting": _GREETING[lang][0].format(name=name) if name else _GREETING[lang][1],
        "company": company or {"en": "your company", "de": "Ihrem Unternehmen", "fr": "votre entreprise"}[lang],
        "role": _ROLE[lang][0].format(title=title) if title else _ROLE[lang][1],
        "date": ({"en": "on ", "de": "am ", "fr": "le "}[lang] + long_date(on, lang)) if isinstance(on, date)
        else {"en": "recently", "de": "kürzlich", "fr": "récemment"}[lang],
    }
    return template.format(**values)


def with_drafts(queue: pd.DataFrame, lang: str = "en", own: dict | None = None) -> pd.DataFrame:
    """The follow-up queue with a `draft` column in `lang` (the person's templates where given)."""
    out = queue.copy()
    own = own or DEFAULT_TEMPLATES
    out["draft"] = [draft(r.kind, lang, r.company, r.role, r.since, r.contact, own[r.kind][lang])
                    for r in out.itertuples()] if len(out) else pd.Series(dtype=object)
    return out


# -- calendar files (RFC 5545) --------------------------------------------------------------------------------------

def _ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded: CRLF and one space, never inside a UTF-8 character."""
    out: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def ics_calendar(events: list[dict], stamp: datetime | None = None) -> bytes:
    """A calendar with one all-day event per item: {"uid", "on" (date), "summary", "description"}."""
    dtstamp = (stamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hindsight//Follow-ups//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for e in events:
        on: date = e["on"]
        lines += ["BEGIN:VEVENT", f"UID:{e['uid']}", f"DTSTAMP:{dtstamp}", f"DTSTART;VALUE=DATE:{on:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{on + timedelta(days=1):%Y%m%d}", f"SUMMARY:{_ics_escape(e['summary'])}",
                  f"DESCRIPTION:{_ics_escape(e.get('description') or '')}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


_SUMMARY = {"thank_you": "Thank-you note", "ask_feedback": "Ask for feedback", "nudge": "Nudge",
            "recontact": "Get back in touch"}


def queue_events(queue: pd.DataFrame) -> list[dict]:
    """The dated items of a queue (with drafts) as calendar events; the draft goes in the description."""
    events = []
    for r in queue.itertuples():
        if not isinstance(r.due_on, date):
            continue
        who = " — ".join(x for x in (_text(r.company), _text(r.role)) if x) or "an application"
        events.append({"uid": f"{r.app_id}-{r.kind}-{r.due_on:%Y%m%d}@hindsight.local", "on": r.due_on,
                       "summary": f"{_SUMMARY.get(r.kind, r.kind)}: {who}",
                       "description": getattr(r, "draft", "") or ""})
    return events
