"""The job-search domain: the stage ladder, outcomes and the words people use for them.

Everything here is data or a tiny pure function, so it can be read, tested and extended alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


def text_or(value, default: str = "") -> str:
    """A text cell of a frame, or `default` where it is missing: None, or the NaN a text column holds beside
    strings (NaN is truthy, so `value or default` would show 'nan')."""
    return value if isinstance(value, str) and value else default


def share(x: float | None) -> str:
    """A share as a person reads it: whole percents, but never '0%' for something that happened (1 in 320 is
    '<1%') nor '100%' for something that did not always happen; '' where there is no share."""
    if x is None or x != x:
        return ""
    shown = f"{x:.0%}"
    if x > 0 and shown == "0%":
        return "<1%"
    if x < 1 and shown == "100%":
        return ">99%"
    return shown


# The ladder, in order. `assessment` is an optional step, not a rung.
LADDER: tuple[str, ...] = ("applied", "screen", "interview", "final", "offer", "hired")
ASSESSMENT = "assessment"
STAGES: tuple[str, ...] = (*LADDER, ASSESSMENT)
RUNG = {stage: i for i, stage in enumerate(LADDER)}

# silence longer than this (in days) counts as ghosted, unless the person sets another threshold
DEFAULT_GHOST_AFTER_DAYS = 30

# an offer is never ghosted (the decision is the candidate's), but one with no news for this long has surely been
# decided: the import asks what became of it rather than counting it open for ever
OFFER_UNDECIDED_ASK_DAYS = 90

OUTCOMES: tuple[str, ...] = ("active", "rejected", "ghosted", "withdrawn", "offer_declined", "hired", "closed")

STAGE_LABELS = {
    "applied": "Applied",
    "screen": "Screen",
    "interview": "Interview",
    "final": "Final round",
    "offer": "Offer",
    "hired": "Hired",
    "assessment": "Assessment",
}
# Columns that say how an application ended rather than a step ('Rejected' ticked, 'Date Rejected' dated): kept
# beside the stage columns (ImportPlan.stage_columns maps such a column to one of these, not to a stage)
ENDING_COLUMNS: dict[str, str] = {"rejected": "Ended: rejected", "ghosted": "Ended: no answer",
                                  "withdrawn": "Ended: you withdrew"}
OUTCOME_LABELS = {
    "active": "Still active",
    "rejected": "Rejected",
    "ghosted": "Ghosted",
    "withdrawn": "Withdrew",
    "offer_declined": "Declined offer",
    "hired": "Hired",
    "closed": "Closed (no decision)",
}


def readable(df, stage_columns=("furthest_stage", "stage"), outcome_columns=("outcome", "outcome_now")):
    """A copy of a table for people: stage and outcome codes ('final', 'offer_declined') as their labels
    ('Final round', 'Declined offer'); a value with no label stays as it is."""
    out = df.copy()
    for cols, labels in ((stage_columns, STAGE_LABELS), (outcome_columns, OUTCOME_LABELS)):
        for c in cols:
            if c in out.columns:
                out[c] = out[c].map(lambda v, lab=labels: lab.get(v, v) if isinstance(v, str) else v)
    return out


def blank_missing(df):
    """A copy for a table on screen: dates as YYYY-MM-DD text and every missing value an empty cell, so no table
    shows a grey 'None' or 'NaN'. (Not for editable tables: a checkbox column needs its booleans.)"""
    import pandas as pd

    out = df.copy()
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            col = col.dt.strftime("%Y-%m-%d")
        elif col.dtype == object and col.map(lambda v: hasattr(v, "isoformat") and not isinstance(v, str)).any():
            col = col.map(lambda v: v.isoformat()[:10] if hasattr(v, "isoformat") and v == v else v)
        if col.isna().any():
            if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
                # a number column with gaps becomes text: Arrow cannot hold numbers and '' in one column
                col = col.map(lambda v: "" if pd.isna(v) else (f"{int(v)}" if float(v).is_integer() else f"{v:g}"))
            else:
                col = col.astype(object).where(col.notna(), "")
                if col.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool)).any():
                    col = col.map(lambda v: v if isinstance(v, str) else str(v))
        out[c] = col
    return out


MISSING_MARKERS: frozenset[str] = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "null", "none", "nil", "nan", "skipped", "undefined", "?", "tbd"}
)


@dataclass(frozen=True)
class StatusMeaning:
    stage: str
    outcome: str
    rule: str  # which rule decided it, shown to the user


# letters no accent-stripping turns into ASCII: 'Złożono' -> 'zlozono', 'Løn' -> 'lon', 'Größe' -> 'grosse'
_ASCII_OF = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
                           "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"})


def normalise_label(label: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: 'REJECTED, PRE-R1' -> 'rejected pre r1'."""
    text = unicodedata.normalize("NFKD", str(label).translate(_ASCII_OF)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9+]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def _squeeze(text: str) -> str:
    """Collapse letters repeated three or more times ('reeejected' -> 'rejected', 'noooo' -> 'no')."""
    return re.sub(r"([a-z])\1{2,}", r"\1", text)


# What a label can mean besides the seven outcomes: the job was saved or drafted, never sent. Such rows are kept
# and shown apart, never counted as applications (design.md: drafts, wishlist and saved jobs are not applications).
NOT_APPLIED = "not_applied"
LABEL_OUTCOMES: tuple[str, ...] = (*OUTCOMES, NOT_APPLIED)
# what a person can give a status label to mean: the outcomes, and 'saved, not applied'
LABEL_OUTCOME_NAMES = {**OUTCOME_LABELS, NOT_APPLIED: "Saved, not applied"}

# Status words of more languages (Vietnamese, Hungarian, Afrikaans, Catalan, Indonesian, Tagalog, Flemish), the
# letters folded: their endings are read before the rules below, their steps after every ending (an ending written
# beside a step decides: 'Rejected - onderhoud'). They are no typo targets (_KEYWORDS): 'Administration' is no
# 'administrasi'.
_MORE_LANGUAGES_ENDINGS: list[tuple[str, str, str]] = [
    (r"\b(nhan offer da dong y|da dong y|nhan viec|da ky hop dong|elfogadtam|felvettek|felveve|munkaba alltam|"
     r"aanvaar|aangestel|contractad[ao]|contractat|ttd kontrak|tanda tangan kontrak|sudah kerja|hired na|"
     r"natanggap ako|contract getekend|getekend)\b|\b(aanbod|oferta|ajanlat\w*)\b.*\b(aanvaard?|acceptad[ao])\b",
     "hired", "hired"),
    (r"\b(tu choi (offer|loi moi|de nghi)|declined jo|tolak offering|menolak (tawaran|offering)|"
     r"ajanlat\w* (de |es )?(elutasitottam|visszautasitottam|nem fogadtam el)|"
     r"(aanbod|oferta|offer|offering|jo|tawaran)\b.{0,25}\b(van die hand gewys|afgewys|geweier|geweigerd|rebutjad[ao]|"
     r"ditolak saya|saya tolak))\b", "offer", "offer_declined"),
    (r"\b(pos teruggetrek|teruggetrek deur|pos gevul|(vacature|functie|plaats) ingevuld|allas megszunt|megszunt|"
     r"betoltve|da tuyen du|dong tuyen|ngung tuyen|concurs desert|posisi ditutup|lowongan ditutup)\b",
     "applied", "closed"),
    (r"\b(rut ho so|rut don|huy ung tuyen|visszaleptem|visszalepes|visszavontam|elutasitottam|onttrek|mundur|"
     r"mengundurkan diri|nag ?back ?out|backout|umatras|zelf afgehaakt|afgehaakt)\b", "applied", "withdrawn"),
    (r"\b(khong phan hoi|khong tra loi|nem valaszoltak|nincs valasz|nem jeleztek vissza|geen terugvoer|"
     r"geen antwoord|geen reaksie|geen nieuws|sense resposta|tidak ada kabar|tidak ada respon|tanpa kabar|"
     r"walang reply|walang sagot|walang update)\b", "applied", "ghosted"),
    (r"\b(truot|bi loai|bi tu choi|khong dat|elutasitva|elutasitottak|afgekeur|onsuksesvol|rebutjad[ao]|"
     r"tidak lolos|gagal|ditolak|bagsak|hindi natanggap|hindi pumasa|niet weerhouden|niet geselecteerd)\b.*"
     r"\b(phong van|interju|onderhoud|entrevista|interview|wawancara|sollicitatiegesprek|gesprek)\b",
     "interview", "rejected"),
    (r"\b(bi tu choi|bi loai|truot|khong dat|khong trung tuyen|khong phu hop|elutasitva|elutasitottak|nem nyert|"
     r"sikertelen|onsuksesvol|afgekeur|nie suksesvol|denegad[ao]|exclos[ao]?|no seleccionad[ao]|desestimad[ao]|"
     r"rebutjad[ao]|tidak lolos|gagal|ditolak|tidak diterima|bagsak|hindi natanggap|hindi pumasa|di pumasa|"
     r"niet weerhouden|niet geselecteerd|no longer under consideration|not under consideration)\b",
     "applied", "rejected"),
    (r"\b(segon[ao]? en la llista|second on the (list|ranking))\b", "final", "rejected"),
]
_MORE_LANGUAGES_STEPS: list[tuple[str, str, str]] = [
    (r"\b(phong van vong cuoi|vong cuoi|vegso interju|utolso kor|vegso kor|zaro interju|interview direksi|"
     r"interview akhir|campus visit|job talk|fly ?out|trial (shift|day)|proefdag|probetag|probearbeit|"
     r"finale? (onderhoud|interju|wawancara|phong van))\b",
     "final", "active"),
    (r"\b(lam bai test|bai test|bai kiem tra|tesztfeladat|feladat|teszt|praktiese toets|toets|assessering|psikotes|"
     r"tes tertulis)\b", "assessment", "active"),
    (r"\b(phong van hr|phong van (qua )?dien thoai|telefonos interju|telefoniese onderhoud|interview hr|"
     r"preseleccionad[ao]|preseleccionat|llista curta)\b", "screen", "active"),
    (r"\b(phong van|interju|allasinterju|onderhoud|wawancara|interview user)\b", "interview", "active"),
    (r"\b(da nop|nop cv|da ung tuyen|dang cho|cho ket qua|dang xu ly|bekuldve|elkuldve|jelentkeztem|beadva|"
     r"folyamatban|aansoek ingedien|ingedien|aansoek gedoen|sollicitud enviada|en proces|melamar|sudah melamar|"
     r"terkirim|menunggu|administrasi|lolos|nag ?apply|pooling|pooled|verstuurd|verzonden|ingediend)\b",
     "applied", "active"),
]

# (regex over the normalised label, stage, outcome). First match wins, so specific before general. A match right
# after a negation ('No offer', 'kein Angebot', 'Not Responded') does not count: NEGATED_RULES read those.
# Extend by adding a line; each line has a test in tests/test_domain.py.
STATUS_RULES: list[tuple[str, str, str]] = [
    # saved, bookmarked or drafted: not an application at all
    (r"\b(wish ?list|saved|bookmark\w*|drafts?|drafted|to apply|want to apply|planning to apply|planned|"
     r"watch ?list|not (yet )?(applied|sent)|merkliste|gemerkt|a postuler|por aplicar)\b", "applied", NOT_APPLIED),
    *_MORE_LANGUAGES_ENDINGS,
    # an offer or job elsewhere is this application's end by the candidate ('withdrew - took another offer')
    (r"\b(took|accepted|got|signed|went with|chose) (an? )?(another|other|different|better) (offer|job|"
     r"role|position)\b|\boffer elsewhere\b|\b(ghosted|turned) (them|the company|the recruiter|it)( down)?\b|"
     r"\b(zelf|selbst|moi meme) (teruggetrokken|afgezegd|abgesagt|zuruckgezogen|retire\w*|annule\w*)\b", "applied",
     "withdrawn"),
    # hired / offers
    (r"\b(offer accepted|accepted offer|accepted|hired|signed|started|joined|eingestellt|contratad[oa]|"
     r"(offer\w*|offered)\W+(and )?took it\b|"
     r"took (the job|the offer|the role|the position)(?!.*\b(elsewhere|instead|declined|down|at|from|with)\b)|"
     r"(?<!promesse d )embauche|"
     r"got (the|this) (job|position|role)|i got (it|the job)|przyjet[ay] (oferta|propozycja)|teklif kabul\w*|"
     r"ise basladim|ya entre|"
     r"(offer|offre|oferta|zusage|angebot) acc|"
     r"anstalld|zatrudnion\w*|assunt[oa]|aangenomen)\b|\b(zusage|angebot|offre|oferta|offerta|aanbod|proposta|erbjudande)\b.*"
     r"\b(angenommen|acceptee?|aceptad[oa]|aceit[oa]|geaccepteerd|accettat[oa]|accepterat)\b|"
     r"\b(angenommen|acceptee?|aceptad[oa]|aceit[oa]|geaccepteerd|accettat[oa]|accepterat)\b.*"
     r"\b(zusage|angebot|offre|oferta|offerta|aanbod|proposta|erbjudande)\b",
     "hired", "hired"),
    (r"\b(offer declined|declined offer|declined the offer|turned down|offer rejected by me|angebot abgelehnt|"
     r"oferta rechazada|offre refusee|offre declinee|proposition (declinee|refusee)|offerta rifiutata|"
     r"(aanbod|bod) (afgeslagen|afgewezen)|proposta recusada|(rejected|refused) (the |their |an )?offer|"
     r"(recusei|recusamos|declinei) (a )?(proposta|oferta)|tackade nej (till )?(erbjudandet|jobbet|tjansten)|"
     r"odrzucil\w* (oferte|propozycje)|(ho )?rifiutato (l )?(offerta|proposta)|rechace (la )?oferta|"
     r"(offer|erbjudandet|angebot) (expired|lapsed|verfallen|gick ut)|let (the )?offer (expire|lapse)|"
     r"(zusage|angebot|offered|offer|offre|oferta|propuesta|proposta|teklif)\b.{0,12}\b(abgelehnt|declined|said no|"
     r"dec|refusee|declinee|rechazad[oa]|reddedildi|rifiutat[oa])|(decline|declinee|decliner|rechace|rechazo|"
     r"refuse|reddettim) (l |la |el |the )?(offre|oferta|propuesta|offer|teklif\w*))\b", "offer",
     "offer_declined"),
    (r"\b(reneged|withdrew (my )?(offer )?acceptance|backed out of (the |an )?offer|passed on (the |their )?offer)\b",
     "offer", "offer_declined"),
    (r"\b(offer rescinded|rescinded|offer withdrawn|offer pulled)\b", "offer", "rejected"),
    # the candidate's own no ('I Denied', 'declined by me'): they stepped out, the company did not say no
    (r"(^(i|ich|je|yo|me) (\w+ )?(denied|declined|rejected|refused|turned \w* ?down|said no|passed|abgelehnt|abgesagt|"
     r"refuse|rechace)\b|\b(denied|declined|rejected|refused) (by me|by candidate|them)\b)", "applied", "withdrawn"),
    # the company's no in the candidate's words ('they declined', 'company passed', 'went with another candidate')
    (r"\b(they|company|employer|recruiter|client|hm|hiring manager|team) (\w+ )?(declined|rejected|passed on|said no|"
     r"turned me down)\b|\bdeclined by (the )?(company|employer|them|client|recruiter)\b|"
     r"\b(went|gone|going|moved on|moving on|moved forward|proceeded|go) with (another|other|a different|an internal|"
     r"someone|somebody|a stronger|a more)\b", "applied", "rejected"),
    # a job the employer took back is closed, not the candidate withdrawing
    (r"\b(position|vacancy|job|role|posting|post|req|requisition|opening|listing) (was |has been |got )?"
     r"(withdrawn|pulled)\b|"
     r"\bwithdrawn by (the )?(employer|company|client|recruiter|them|school|hospital|organi[sz]ation|agency)\b",
     "applied", "closed"),
    # candidate stepped out
    (r"\b(withdr[ae]wn?|withdrawal|withdraw|retired|pulled out|backed out|bailed|not pursued|not interested|"
     r"passed on it|i passed|"
     r"no longer interested|vazgectim|dropped out|drop out|"
     r"lost interest|declined|zuruckgezogen|drog tillbaka|drog mig ur|tillbakadragen|wycofa\w*|rezygnacja|"
     r"zrezygnowa\w*|desistement|rinuncia\w*|ritirat[oa]|teruggetrokken|"
     r"retirad[oa]|desiste|retire)\b", "applied", "withdrawn"),
    # no answer yet is waiting, not silence ('no reply yet', 'noch keine Antwort', 'pas encore de réponse')
    (r"\b(no (reply|response|answer|news)|not heard (back )?|nothing|keine (antwort|ruckmeldung)|de reponse|"
     r"sin respuesta|sem resposta)\b.*\b(yet|so far|noch|encore|todavia|aun|ainda)\b|"
     r"\b(noch|pas encore|aun|todavia|ainda)\b.*\b(keine|de reponse|sin respuesta|sem resposta)\b|"
     r"\b(en attente|in attesa|em analise|en revision|in behandeling|eingangsbestatigung|awaiting|loopt nog)\b",
     "applied",
     "active"),
    # ghosted
    (r"\b(ghost(ed)?|ghost job|no response|no reply|no answer|never heard back|timed out|time out|silence|"
     r"never got back|never heard|never replied|never responded|went (silent|quiet|dark)|"
     r"keine antwort|sin respuesta|pas de reponse|sans reponse|sans nouvelles|pas de nouvelles|inget svar|"
     r"pas de retour|sans retour|cevap yok|yanit yok|donus yok|no me contestaron|no contestaron|sin contestar|"
     r"ingen respons|brak odpowiedzi|brak odzewu|geen reactie|nessuna risposta|sem resposta|sem retorno)\b", "applied",
     "ghosted"),
    # closed without a decision about the candidate
    (r"\b(position closed|job closed|closed|posting removed|position removed|removed|no longer available|taken down|"
     r"posizione chiusa|chiusa|chiuso|cancelad[oa]|annullat[oa]|geannuleerd|ingetrokken|cerrad[oa]|fermee|"
     r"filled|role filled|on hold|hiring freeze|cancell?ed|consolidated|expired|archived|inactive|inaktiv|inactif|"
     r"tillsatt|obsadzon\w*|besetzt|vergeben|pourvue?s?|comblee?s?|cubiert[oa]|preenchid[oa]|vervuld|wstrzyman\w*|"
     r"ilan kaldirildi|kaldirildi|congelad[oa]|"
     r"inactiv[oa]|not active|no longer active|dead)\b", "applied", "closed"),
    # an offer still open (after the endings above, so "Ghosted after offer" is an ending)
    (r"\b(offer|offered|verbal offer|angebot|zusage|oferta|offre|offerta|erbjudande|aanbod|proposta|negotiat\w*|"
     r"teklif|promesse d embauche|propuesta (economica|laboral)|jo na|offering|tawaran|"
     r"background check|"
     r"contract sent)\b",
     "offer", "active"),
    # rejected before a step ('Rejected (no interview)', 'rejected pre screen'): the step never happened
    (r"\b(reject\w*|rej|failed|did not pass|didn t pass|"
     r"rejection|not selected|unsuccessful|denied|absage|abgelehnt|rechazad[oa]|refus\w*|"
     r"reprovad[oa]|descartad[oa]|afgewezen|rifiutat[oa])\b.*"
     r"\b(no|without|before|pre|prior to|kein\w*|ohne|vor|sans|sin|avant)( \w+)? (interviews?|screen\w*|calls?|phone|"
     r"rounds?|r ?[1-9]|onsite|final|panel|\w*gesprach|entretien|entrevista)\b", "applied", "rejected"),
    # rejected, with the rung it happened at when the label says so
    (r"\b(reject\w*|rej|failed|did not pass|didn t pass|"
     r"rejection|declined by|not selected|unsuccessful|no hire|dinged|denied|refused|turned away|absage|"
     r"abgelehnt|rechazad[oa]|refuse|rejete|refus|reprovad[oa]|descartad[oa]|afgewezen|rifiutat[oa])\b.*"
     r"\b(post final|after final|final|onsite|panel|superday)\b", "final",
     "rejected"),
    (r"\b(reject\w*|rej|failed|did not pass|didn t pass|"
     r"rejection|not selected|unsuccessful|absage|abgelehnt|rechazad[oa]|refus\w*|reprovad[oa]|"
     r"descartad[oa]|afgewezen|rifiutat[oa])\b.*\b(post r ?[2-9]|"
     r"after r ?[2-9]|post interview|after interview|technical|interview|(2nd|3rd|[4-9]th|second|third) round|"
     r"round [2-9]|\w*gesprach|gesprek|entretien|entrevista|entrevue|colloquio|mulakat)\b", "interview", "rejected"),
    (r"\b(reject\w*|rej|failed|did not pass|didn t pass|"
     r"rejection|not selected|unsuccessful|absage|abgelehnt|rechazad[oa]|refus\w*)\b.*\b(post r ?1|"
     r"after r ?1|post first round|screen|phone|recruiter|hr)\b", "screen", "rejected"),
    (r"\b(heard back (no|negative)|no longer considering (me|my)|not considering (me|my)|"
     r"auto reject\w*|reject\w*|failed|did not pass|didn t pass|"
     r"rejection|not selected|unsuccessful|no hire|dinged|denied|absage|abgelehnt|"
     r"abgesagt|rechazad[oa]|refus\w*|rejete|declined by company|avslag\w*|avbojd|odrzuc\w*|odmow\w*|afgewezen|"
     r"olumsuz|reddedildi|red edildi|rej|rejd|non retenue?|pas retenue?|fail|rechaz\w*|"
     r"afwijzing|rifiutat[oa]|scartat[oa]|reprovad[oa]|descartad[oa]|nao (aprovad|selecionad)[oa])\b", "applied",
     "rejected"),
    *_MORE_LANGUAGES_STEPS,
    # active, by how far it got
    (r"\b(final|onsite|on site|panel|superday|final round|final done|last round|reference checks?|references|"
     r"slutintervju|sista intervjun?|finalow\w*|finale|abschlussgesprach|eindgesprek|laatste (ronde|gesprek)|"
     r"finalista|final mulakat|son gorusme|loop|onsite loop)\b",
     "final", "active"),
    (r"\b(take ?home|assessment|coding challenge|challenge|test|teste|prueba|prova|exercise|hackerrank|codility|"
     r"case study|assignment|"
     r"oa|hirevue|codesignal|psicometric\w*)\b", "assessment", "active"),
    # a first call under its own name in German, French, Swedish, Polish (before 'interview' and '-gesprach')
    (r"\b(telefon ?interview|telefon ?intervju|telephone interview|phone interview|telefongesprach|telefonat|"
     r"erstgesprach|entretien (rh|telephonique)|"
     r"appel (rh|telephonique)|rozmowa (telefoniczna|z hr|hr)|entrevista (con |de )?(rrhh|recursos humanos|rh)|"
     r"(eerste|telefonisch) gesprek|colloquio (conoscitivo|telefonico|hr)|ik gorusmesi|telefon gorusmesi)\b",
     "screen", "active"),
    (r"\b(interview\w*|interviewing|hiring manager|hm|technical|tech|system design|r ?[2-9]|round [2-9]|second round|"
     r"(manager|managerial|director|ceo|founder|team) (round|interview)|([2-9]|two|three|four|five|several|multiple) "
     r"rounds|"
     r"third round|(2nd|3rd|[4-9]th) round|(2nd|3rd|[4-9]th|second|third) (stage|interview)|stage [2-9]|"
     r"r[2-9] done|vorstellungsgesprach|\w*gesprach|entrevista|entretien|"
     r"intervju\w*|rozmow\w*|gesprek|sollicitatiegesprek|colloquio|portfolio (review|presentation)|entrevue\w*|"
     r"mulakat|gorusme|int [1-9]|int|tr ?[1-9]?|technical round|managerial round|in person|face to face|f2f|"
     r"whiteboard|"
     r"presentation)\b", "interview",
     "active"),
    (r"\b(screen\w*|phone|calls?|recruiter|hr|r ?1|round 1|first round|first round done|intro|chat)\b", "screen",
     "active"),
    (r"\b(applied|apply|submitted|sent|application|in progress|in review|under review|pending|waiting|active|open|"
     r"speculative|resurrected|beworben|in bearbeitung|en cours|en proceso|aplicad[oa]|postulad[oa]|enviad[oa]|"
     r"skickad|skickat|ansokt|wyslan\w*|zaaplikowa\w*|aplikowa\w*|zlozon\w*|gesolliciteerd|candidatad[oa]|"
     r"w toku|w trakcie|oczekuj\w*|basvuruldu|basvuru yapildi|degerlendirme\w*|"
     r"candidatura enviada|inscrit[oa]?|"
     r"postule|candidature)\b", "applied",
     "active"),
]

_COMPILED = [(re.compile(p), s, o) for p, s, o in STATUS_RULES]
_KEYWORDS = sorted({w for rule in STATUS_RULES if rule not in _MORE_LANGUAGES_ENDINGS + _MORE_LANGUAGES_STEPS
                     for w in re.findall(r"[a-z]{5,}", rule[0])})

# A word that turns what follows into its opposite or into something that did not happen: 'No offer',
# 'kein Angebot', 'pas de reponse', 'PRE-R1' (before round one), '0 interviews'.
_NEGATION = re.compile(r"\b(not|no|never|without|kein\w*|nicht|pas de|pas d|sans|sin|non|pre|before|vor|avant|0)"
                       r"( (yet|a|an|the|any|ein|eine|de|el|la|le|for|to))?\s*$")

# A label that negates something says what did not happen. (regex over the normalised label, stage, outcome, rule)
NEGATED_RULES: list[tuple[str, str, str, str]] = [
    (r"\b(not|no|never|didn t|did not|didnt|haven t|have not|kein\w*|nicht|pas de|pas d|sans|sin|non)( yet)? "
     r"(respon\w*|repl\w*|answer\w*|heard|hear back|"
     r"contacted|called back|antwort\w*|ruckmeldung|reponse|respuesta)\b", "applied", "ghosted",
     "no answer (a negated response)"),
    (r"\b(not|no|kein\w*|nicht|pas de|pas d|sans|sin|non)( an?| any| ein\w*)? (offer\w*|angebot|zusage|offre|oferta|"
     r"interview\w*|selected|shortlisted|progress\w*|successful|invited|hired|moving forward|moved forward|"
     r"eingeladen|entretien|entrevista|selezionat\w*|seleccionad\w*|selectionne\w*|retenu\w*)\b|"
     r"\b(not|didn t|did not|didnt|never) (move|moving|go|going|progress\w*|advanc\w*|get|got) (forward|further|on|"
     r"ahead|through|past)\b", "applied", "rejected",
     "a negated step: it did not happen, the answer was no"),
]
_NEGATED = [(re.compile(p), s, o, r) for p, s, o, r in NEGATED_RULES]

# Core words a label may abbreviate ('Inter + Rejec'): a token of four letters or more that begins one of these.
_ABBREVIATED = ("rejected", "interview", "offered", "screen", "ghosted", "withdrawn", "applied", "assessment")
_SHORT_WORDS = frozenset({"with", "within"})


# "Withdrew after final round", "Ghosted after interview": an ending with the rung it came at.
_STAGE_QUALIFIER = re.compile(r"\b(after|post|at|in|dopo|nach|apres|despues|efter|po|apos|depois|na) (the |my |a |il |"
                              r"dem |der |le |la |el |o |a )?"
                              r"((1st|first|2nd|second|3rd|third|last) )?(?P<stage>phone screen|screen\w*|phone|calls?|"
                              r"recruiter|hr|r ?1|first round|interview\w*|intervju\w*|rozmow\w*|technical|tech|"
                              r"tr ?[1-9]?|hiring manager|hm|r ?[2-9]|"
                              r"second round|final\w*|onsite|on site|panel|offer|colloquio|entretien|entrevista|"
                              r"\w*gesprach)\b")
_QUALIFIER_STAGE = [("final", "final"), ("onsite", "final"), ("on site", "final"), ("panel", "final"),
                    ("offer", "offer"), ("interview", "interview"), ("technical", "interview"), ("tech", "interview"),
                    ("hiring manager", "interview"), ("hm", "interview"), ("second round", "interview"),
                    ("r2", "interview"), ("colloquio", "interview"), ("entretien", "interview"),
                    ("intervju", "interview"), ("rozmow", "interview"), ("tr", "interview"),
                    ("entrevista", "interview"), ("gesprach", "interview"), ("vorstellungsgesprach", "interview"),
                    ("r 2", "interview")]


def _qualified(norm: str, meaning: StatusMeaning) -> StatusMeaning:
    if meaning.outcome not in ("ghosted", "withdrawn", "closed", "rejected") or meaning.stage != "applied":
        return meaning
    m = _STAGE_QUALIFIER.search(norm)
    if not m:
        return meaning
    word = m.group("stage")
    stage = next((st for key, st in _QUALIFIER_STAGE if word.startswith(key)), None)
    if stage is None and re.match(r"r ?[3-9]", word):
        stage = "interview"
    stage = stage or "screen"
    return StatusMeaning(stage, meaning.outcome, meaning.rule + " + stage qualifier")


def _negated(norm: str, start: int) -> bool:
    return bool(_NEGATION.search(norm[:start]))


def _first_rule(norm: str) -> StatusMeaning | None:
    """The first rule that matches a word not negated; else what a negated word says did not happen. A step with a
    negated ending beside it ('no offer after final', 'didn't move forward after HM interview') ended there."""
    # ('no offer yet' is waiting, not an ending)
    negated = None if re.search(r"\b(yet|so far|noch|encore|todavia|aun|ainda|nog)\b", norm) else next(
        ((s, o, r) for rx, s, o, r in _NEGATED if rx.search(norm)), None)
    for rx, stage, outcome in _COMPILED:
        for m in rx.finditer(norm):
            if not _negated(norm, m.start()):
                found = _qualified(norm, StatusMeaning(stage, outcome, f"it says '{m.group(0)}'"))
                if negated and found.outcome == "active":
                    return StatusMeaning(found.stage, negated[1], f"{found.rule}, and {negated[2]}")
                return found
    if negated:
        return StatusMeaning(*negated)
    return None


# misspellings too short or too close to another word for the fuzzy repair below ('Ofer Recieved', 'Accpeted Offer'
# reads 'offer' first and would never be repaired)
_TYPOS = {"ofer": "offer", "offr": "offer", "offfer": "offer", "recieved": "received", "recived": "received",
          "accpeted": "accepted", "acepted": "accepted", "accpted": "accepted", "excepted": "accepted",
          "rejcted": "rejected", "rejeted": "rejected", "regected": "rejected", "intervew": "interview",
          "interveiw": "interview", "inteview": "interview", "intrview": "interview",
          "widthdrew": "withdrew", "withdrawed": "withdrew", "ghosed": "ghosted", "gosted": "ghosted"}


_SHORTHAND = [(re.compile(r"\bw d\b"), "withdrawn"), (re.compile(r"\bn r\b"), "no response"),
              (re.compile(r"\bp s\b"), "phone screen"), (re.compile(r"\bv o\b"), "verbal offer")]


def _single_meaning(norm: str) -> StatusMeaning | None:
    norm = " ".join(_TYPOS.get(t, t) for t in norm.split())
    for rx, words in _SHORTHAND:
        norm = rx.sub(words, norm)
    found = _first_rule(norm)
    if found:
        return found
    # Last try: a typo of one of the rule words ('rejcted', 'interveiw') or an abbreviation ('rejec', 'inter');
    # a negated word is left as it is ('not responded' is not 'not rescinded').
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    fixed: list[str] = []
    for token in norm.split():
        before = " ".join(fixed)
        if len(token) >= 4 and not _negated(before, len(before)):
            full = None if token in _SHORT_WORDS else next((w for w in _ABBREVIATED if w.startswith(token)), None)
            hit = None if full or len(token) < 5 else process.extractOne(
                token, _KEYWORDS, scorer=Levenshtein.normalized_similarity, score_cutoff=0.75)
            fixed.append(full or (hit[0] if hit else token))
        else:
            fixed.append(token)
    repaired = " ".join(fixed)
    if repaired != norm:
        found = _first_rule(repaired)
        if found:
            return StatusMeaning(found.stage, found.outcome, f"read as '{repaired}' ({found.rule})")
    return None


# Parts of a compound label: '2 Interviews + Denied', 'Inter + Rejec', '3 calls + no'.
_PARTS = re.compile(r"\s*(?:\+|&|;|\band\b|\bund\b|\bet\b|\bthen\b|\bdann\b)\s*", re.I)
# looser separators, read only where the whole label names no step: arrows, commas, dashes, slashes
_SOFT_PARTS = re.compile(r"\s*(?:->|→|=>|>|,|\s[-–—/]\s|[–—])\s*")
_BARE_NO = frozenset({"no", "nein", "non", "nope", "denied", "negative"})


# Greek, Cyrillic, Hebrew, Arabic, Japanese kana, Chinese characters and Korean syllables
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff"
                           r"\uac00-\ud7af]")


@functools.lru_cache(maxsize=4096)  # a pure function of the text: a column's labels repeat
def status_meaning(label: str | None) -> StatusMeaning | None:
    """Map a status label to (stage, outcome); None when nothing matches (the label is reported).

    A compound label ('2 Interviews + Denied') is read part by part: the furthest step any part reached is kept
    (a count above zero is a fact: two interviews happened), and the ending comes from the part that ends it;
    a bare 'no' after a step is the company's no."""
    if label is None:
        return None
    # a list's numbering is no count ('0 - Wishlist', '3. Interview'); '2 Interviews' and '2. Gespräch' keep theirs
    label = re.sub(r"^\s*\d{1,2}\s*[-.):]\s+(?=[^\W\d_]{4,})(?!(interview|gesprach|gespräch|round|runde))", "",
                   str(label), flags=re.I)
    if _OTHER_SCRIPT.search(str(label)):
        found = _script_meaning(str(label))
        if found:
            return found
    norm = _squeeze(normalise_label(label))
    if not norm:
        return _emoji_meaning(str(label))
    aside = re.fullmatch(r"\s*([^()\[\]]+?)\s*[(\[]([^()\[\]]+)[)\]]\s*", str(label))
    if aside and re.match(r"(?i)\s*by\b", aside.group(2)):
        aside = None  # 'declined (by them)' says who: read as one phrase, 'declined by them'
    if aside and (outer := status_meaning(aside.group(1))) and outer.outcome != "active":
        # an aside in brackets adds a step, never an ending of its own: 'Withdrew (accepted Hooli)' is withdrawn,
        # 'Rejected (ghosted first)' rejected, 'Rejected (after HM)' rejected at the interview
        inner = status_meaning(aside.group(2)) or _single_meaning(_squeeze(normalise_label("after " + aside.group(2))))
        if inner and inner.outcome == "active" and RUNG.get(inner.stage, 0) > RUNG.get(outer.stage, 0):
            return StatusMeaning(inner.stage, outer.outcome, f"{outer.rule}, at '{aside.group(2).strip()}'")
        return outer
    boxed = re.match(r"(closed|archived|done|finished|ended|inactive|abgeschlossen|archiviert|termine|cerrad[oa]|"
                     r"fechad[oa]|gesloten) (.+)$", norm)
    if boxed and (inner := status_meaning(boxed.group(2))) and inner.outcome != "active":
        # Airtable's and Notion's groups: 'Closed - Rejected' is rejected, 'Archived - Withdrew' withdrawn
        return StatusMeaning(inner.stage, inner.outcome, f"'{boxed.group(1)}' then {inner.rule}")
    parts = [p for p in (_squeeze(normalise_label(x)) or _sign_word(x) for x in _PARTS.split(str(label))) if p]
    if len(parts) < 2:
        whole = _single_meaning(norm)
        # 'phone screen -> rejected', '2 interviews, rejected', 'interview, awaiting feedback': where the whole
        # reads no step, a step written before the ending counts
        steps = [p for p in (_squeeze(normalise_label(x)) or _sign_word(x) for x in _SOFT_PARTS.split(str(label)))
                 if p]
        if len(steps) > 1 and (whole is None or whole.stage == "applied"):
            read = _parts_meaning(steps)
            if read and (whole is None or RUNG.get(read.stage, 0) > 0):
                return read
        elif (len(steps) > 1 and whole is not None and whole.outcome == "active"
              and any(_sign_word(x) for x in _SOFT_PARTS.split(label))):
            # a chain of steps that ends in a sign ('Applied → Recruiter → Tech → ✗'): the sign ends it
            read = _parts_meaning(steps)
            if read and read.outcome != "active":
                return read
        return whole
    return _parts_meaning(parts) or _single_meaning(norm)


def _parts_meaning(parts: list[str]) -> StatusMeaning | None:
    meanings: list[StatusMeaning] = []
    for p in parts:
        m = _single_meaning(p)
        if m is None and p in _BARE_NO and meanings:
            m = StatusMeaning("applied", "rejected", "a bare 'no' after a step")
        if m is not None:
            meanings.append(m)
    if not meanings:
        return None
    endings = [m for m in meanings if m.outcome != "active"]
    outcome = endings[-1].outcome if endings else "active"
    rungs = [RUNG[m.stage] for m in meanings if m.stage in RUNG]
    stage = LADDER[max(rungs)] if rungs else meanings[-1].stage
    if outcome == NOT_APPLIED:
        stage = "applied"
    return StatusMeaning(stage, outcome, "read part by part: " + "; ".join(m.rule for m in meanings))


# A status written as a sign alone. Only signs with one reading: a tick or a party could be an offer or merely
# 'sent', so they stay labels to explain.
_EMOJI_STATUS = [("\U0001f47b", "applied", "ghosted"),  # ghost
                 ("\u274c\u2716\u2717\u2718\U0001f6ab\u26d4\U0001f44e", "applied", "rejected"),  # crosses, no entry
                 ("\u23f3\u231b", "applied", "active"),  # hourglass: waiting
                 ("\U0001f4de\u260e", "screen", "active")]  # telephone: a call


# the accents of the Latin, Greek and Cyrillic letters and the vowel points of Hebrew and Arabic; a Japanese
# voicing mark ('ポ', 'ジ') or a Korean syllable's parts are letters, not accents, and are kept whole
_ACCENTS = re.compile("[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670]")


def script_fold(text: str) -> str:
    """Lower-case without accents, keeping every script's letters ('Κατάσταση' -> 'κατασταση', '選考状況' and
    '회사명' as they are): normalise_label keeps ASCII only, for the Latin scripts' rules."""
    text = unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFKD", str(text))))
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", text.lower())).strip()


# Labels in scripts the ASCII-folded rules cannot read: (regex over script_fold, stage, outcome), first match wins
SCRIPT_STATUS_RULES: list[tuple[str, str, str]] = [
    (r"内定承諾|入社|採用決定", "hired", "hired"),
    (r"内定辞退", "offer", "offer_declined"),
    (r"辞退|取り下げ", "applied", "withdrawn"),
    (r"不合格|不採用|お見送り|見送り|お祈り|書類落ち|落ち", "applied", "rejected"),
    (r"連絡なし|返事なし|音沙汰なし", "applied", "ghosted"),
    (r"募集終了|募集停止", "applied", "closed"),
    (r"内定|オファー", "offer", "active"),
    (r"最終面接", "final", "active"),
    (r"電話面接|電話面談|カジュアル面談", "screen", "active"),
    (r"面接|面談", "interview", "active"),
    (r"書類選考|応募済|応募|選考中", "applied", "active"),
    (r"απορριφθηκ|απορριψη|αρνητικ", "applied", "rejected"),
    (r"αποσυρθηκ|αποσυρση", "applied", "withdrawn"),
    (r"καμια απαντηση|χωρις απαντηση|δεν απαντησαν|δεν απαντησε", "applied", "ghosted"),
    (r"θεση καλυφθηκε|καλυφθηκε|ακυρωθηκε", "applied", "closed"),
    (r"προσληφθηκ|προσληψη", "hired", "hired"),
    (r"προσφορα", "offer", "active"),
    (r"τελικη συνεντευξη", "final", "active"),
    (r"τηλεφωνικη συνεντευξη", "screen", "active"),
    (r"συνεντευξη", "interview", "active"),
    (r"αιτηση|υποβληθηκ|σταλθηκε|εστειλα|σε αναμονη", "applied", "active"),
    # Korean
    (r"입사 ?확정|입사했|입사", "hired", "hired"),
    (r"오퍼 ?거절|입사 ?포기|합격 ?포기", "offer", "offer_declined"),
    (r"포기|지원 ?취소", "applied", "withdrawn"),
    (r"연락 ?없음|무응답|답 ?없음", "applied", "ghosted"),
    (r"채용 ?취소|공고 ?마감|채용 ?중단", "applied", "closed"),
    (r"불합격|탈락|떨어짐|떨어졌", "applied", "rejected"),
    (r"최종 ?합격|오퍼|처우 ?협의", "offer", "active"),
    (r"임원 ?면접|최종 ?면접|최종", "final", "active"),
    (r"인적성|코딩 ?테스트|과제|필기|적성 ?검사|테스트", "assessment", "active"),
    (r"전화 ?면접|인사 ?면접|hr ?면접", "screen", "active"),
    (r"면접", "interview", "active"),
    (r"서류|지원 ?완료|지원함|접수|합격|대기|결과 ?발표 ?전|진행 ?중", "applied", "active"),
    # Chinese (Simplified and Traditional)
    (r"已签三方|签三方|签约|已入职|入职|接受了?offer|接受了?录用", "hired", "hired"),
    (r"拒了?offer|拒绝了?offer|放弃了?offer|拒绝了?录用", "offer", "offer_declined"),
    (r"放弃|撤回|退出", "applied", "withdrawn"),
    (r"没回复|无回复|石沉大海|没消息|无消息|沒回覆|無回覆", "applied", "ghosted"),
    (r"岗位关闭|停招|取消招聘|职位关闭", "applied", "closed"),
    (r"简历挂|简历被拒|简历未通过|筛选未通过", "applied", "rejected"),
    (r"(终面|hr面|总监面)[^,，;；]*(挂|被拒|未通过|没过)", "final", "rejected"),
    (r"(一面|二面|三面|面试|面試)[^,，;；]*(挂|被拒|未通过|没过)", "interview", "rejected"),
    (r"(笔试|测评)[^,，;；]*(挂|被拒|未通过|没过)", "assessment", "rejected"),
    (r"挂|感谢信|被拒|未通过|淘汰|不合适|未錄取|未录取", "applied", "rejected"),
    (r"意向书|offer|录用|錄取|录取", "offer", "active"),
    (r"终面|hr面|总监面", "final", "active"),
    (r"笔试|测评|机考", "assessment", "active"),
    (r"一面|二面|三面|面试|面試", "interview", "active"),
    (r"泡池子|池子|已投递|投递|网申|简历筛选|待定|已投遞", "applied", "active"),
    # Ukrainian and Russian
    (r"офф?ер прийнято|прийнял[аи]? офф?ер|прийняв офф?ер|принял[аи]? офф?ер|вийшл[аи]? на роботу|вийшов на роботу|"
     r"вышл[аи]? на работу|вышел на работу", "hired", "hired"),
    (r"відмовил[аи]?с[ья] від офф?ер\w*|відмовився від офф?ер\w*|отказал[аи]?с[ья] от офф?ер\w*|"
     r"отказался от офф?ер\w*", "offer", "offer_declined"),
    (r"зняла? кандидатуру|зняв кандидатуру|сняла? кандидатуру|снял кандидатуру|відмовил[аи]?с[ья]|відмовився|"
     r"отказал[аи]?с[ья]|отказался", "applied", "withdrawn"),
    (r"тиша|ігнор|игнор|немає відповіді|нет ответа|без відповіді|без ответа", "applied", "ghosted"),
    (r"вакансію закри|вакансия закрыт|вакансію закрито|закрил[аи]? вакансію|закрыли вакансию", "applied", "closed"),
    (r"(відмова|отказ|відхилено|отклонено)\w* після (hr|скринінг)|(відмова|отказ)\w* после (hr|скрининг)",
     "screen", "rejected"),
    (r"(відмова|отказ|відхилено|отклонено)\w* (після|после) \w*", "interview", "rejected"),
    (r"відмова|відмовили|відхилено|отказ|отклонено|не пройшл|не прошл", "applied", "rejected"),
    (r"офф?ер|пропозиці|предложени", "offer", "active"),
    (r"фінальн|финальн", "final", "active"),
    (r"тестов|тест", "assessment", "active"),
    (r"співбесіда з hr|hr співбесіда|скринінг|скрининг|собеседование с hr|hr собеседование", "screen", "active"),
    (r"співбесід|собеседован|інтерв|интервью", "interview", "active"),
    (r"відправлено|надіслано|відгукнул[аи]?с[ья]|откликнул[аи]?с[ья]|отправлено|подано|подала?|чекаю|жду",
     "applied", "active"),
    # Hebrew
    (r"לא התקבלתי|לא עברתי", "applied", "rejected"),
    (r"חתמתי|התקבלתי לעבודה|התקבלתי|התחלתי לעבוד", "hired", "hired"),
    (r"דחיתי את ההצעה|ויתרתי על ההצעה|סירבתי להצעה", "offer", "offer_declined"),
    (r"ויתרתי|משכתי|פרשתי", "applied", "withdrawn"),
    (r"לא חזרו|אין תשובה|לא ענו|אין מענה", "applied", "ghosted"),
    (r"המשרה בוטלה|בוטלה|המשרה נסגרה|נסגרה", "applied", "closed"),
    (r"(נדחיתי|דחייה|נדחה)\w* אחרי (ראיון|שיחה) (hr|טלפוני)", "screen", "rejected"),
    (r"(נדחיתי|דחייה|נדחה)\w* אחרי ראיון", "interview", "rejected"),
    (r"נדחיתי|דחייה|נדחה|נדחתה", "applied", "rejected"),
    (r"הצעה|הצעת עבודה", "offer", "active"),
    (r"ראיון אחרון|ראיון סופי|ראיון מסכם", "final", "active"),
    (r"מבחן|מטלה", "assessment", "active"),
    (r"ראיון טלפוני|שיחה טלפונית|ראיון hr|שיחת hr", "screen", "active"),
    (r"ראיון", "interview", "active"),
    (r"נשלחו|נשלח|הגשתי|הוגש|שלחתי", "applied", "active"),
    # Arabic (the hamza folded away, as script_fold folds it)
    (r"قبلت العرض|تم التعيين|تم توظيفي|باشرت العمل", "hired", "hired"),
    (r"اعتذرت عن العرض|رفضت العرض", "offer", "offer_declined"),
    (r"انسحبت|اعتذرت", "applied", "withdrawn"),
    (r"لا يوجد رد|لا رد|بدون رد|لم يردوا", "applied", "ghosted"),
    (r"تم الغاء|الغيت|اغلقت الوظيفة", "applied", "closed"),
    (r"(رفض|مرفوض|اعتذروا)\w* بعد المقابلة", "interview", "rejected"),
    (r"مرفوض|رفض|اعتذروا|لم يتم قبولي", "applied", "rejected"),
    (r"عرض وظيفي|عرض عمل|عرض", "offer", "active"),
    (r"مقابلة نهائية|المقابلة النهائية", "final", "active"),
    (r"اختبار|تقييم", "assessment", "active"),
    (r"مكالمة|الموارد البشرية|مقابلة هاتفية", "screen", "active"),
    (r"مقابلة", "interview", "active"),
    (r"تم التقديم|قدمت|تم الارسال", "applied", "active"),
]
_SCRIPT_COMPILED = [(re.compile(unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFKD", p)))), s, o)
                    for p, s, o in SCRIPT_STATUS_RULES]  # (written as script_fold folds a label)


def _script_meaning(label: str) -> StatusMeaning | None:
    folded = script_fold(label)
    for rx, stage, outcome in _SCRIPT_COMPILED:
        m = rx.search(folded)
        if m:
            return StatusMeaning(stage, outcome, f"it says '{m.group(0)}'")
    return None


def _sign_word(part: str) -> str:
    """A part of a label that is a sign alone ('Applied → Tech → ✗'): the word it stands for, else ''."""
    found = _emoji_meaning(part)
    return found.outcome if found else ""


def _emoji_meaning(label: str) -> StatusMeaning | None:
    signs = [c for c in label if not c.isspace() and c not in "\ufe0f\u200d"]
    for chars, stage, outcome in _EMOJI_STATUS:
        if signs and all(c in chars for c in signs):
            return StatusMeaning(stage, outcome, f"the sign '{label.strip()}'")
    return None


# Stage column headers ("HR/ Recruiter Call", "Technical Interview/ Assessment") and edge-list nodes.
STAGE_HEADER_RULES: list[tuple[str, str]] = [
    (r"\b(hired|accepted|start(ed)?|eingestellt|embauche|contratad[oa]|aangenomen|assunt[oa])\b", "hired"),
    (r"\b(offers?|offered|angebot|zusage|offre|oferta|aanbod|offerta|proposta)\b", "offer"),
    (r"\b(final|finale|onsite|on site|panel|superday|endrunde|laatste gesprek)\b", "final"),
    (r"\b(hr|rh|recruiter|screen\w*|phone|telefon\w*|telephon\w*|erstgesprach|telefonisch|telefonico)\b", "screen"),
    # a step named an interview is one ('Technical Interview/ Assessment'); otherwise an assessment before the
    # interview words: 'Tech test', 'Technical assessment' are tests
    (r"\b(interviews?|interviewed|\w*gesprach|entretien|entrevista|gesprek|colloquio|intervju)\b", "interview"),
    (r"\b(take ?home|assessment|coding challenge|test|teste|prueba|prova|exercise|case study)\b", "assessment"),
    (r"\b(hiring manager|technical|tech|interviews?|system design|round 2|second)\b", "interview"),
    (r"\b(screen\w*|phone|recruiter call|hr|recruiter|intro call|calls?)\b", "screen"),
    (r"\b(applied|application|submitted|beworben|candidature|postulad[oa]|gesolliciteerd|candidatura)\b", "applied"),
]
_STAGE_HEADERS = [(re.compile(p), s) for p, s in STAGE_HEADER_RULES]


def stage_of_header(header: str) -> str | None:
    norm = normalise_label(header)
    for rx, stage in _STAGE_HEADERS:
        if rx.search(norm):
            return stage
    return None


# Terminal nodes of an edge list, and nodes that mean "the start of a chain".
EDGE_TERMINALS: dict[str, tuple[str, str]] = {
    "no response": ("applied", "ghosted"),
    "ghosted": ("applied", "ghosted"),
    "auto rejected": ("applied", "rejected"),
    "rejected": ("applied", "rejected"),
    "withdrew": ("applied", "withdrawn"),
    "withdrawn": ("applied", "withdrawn"),
    "offer accepted": ("hired", "hired"),
    "accepted offer": ("hired", "hired"),
    "offer declined": ("offer", "offer_declined"),
    "declined offer": ("offer", "offer_declined"),
}
EDGE_STARTS = {"applied": "applied", "recruiter inquiry": "recruiter inbound",
               "hiring manager inquiry": "hiring manager inbound", "referral": "referral",
               "recruiter": "recruiter inbound", "inbound": "inbound"}


def stage_of_node(label: str) -> str | None:
    norm = normalise_label(label)
    if norm in EDGE_STARTS:
        return "applied"
    return stage_of_header(label)


# A single cell in a stage column: did the application reach this stage?
YES_VALUES = frozenset({"y", "yes", "x", "true", "1", "done", "passed", "pass", "ja", "si", "sí", "oui", "v", "ok",
                        "reached", "sim", "tak", "wahr", "vrai", "verdadero", "vero",
                        "✓", "✔", "✔️", "☑", "☑️", "✅", "☒"})
NO_VALUES = frozenset({"n", "no", "false", "0", "failed", "fail", "nein", "non", "rejected", "nee", "nao", "não", "nie",
                       "falsch", "faux", "falso", "✗", "✘", "❌"})
GHOST_VALUES = frozenset({"g", "ghosted", "ghost", "no response"})
