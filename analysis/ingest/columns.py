"""Which column holds what: known export formats first, then header names, then contents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from analysis.domain import (
    MISSING_MARKERS,
    normalise_label,
    script_fold,
    stage_of_header,
    status_meaning,
)
from analysis.ingest.dates import MONTH_WORD_RX, plain_date
from analysis.ingest.values import job_and_company, remote_kind_of_header
from analysis.roles import OTHER_ROLES, role_family

# Fields an application can have, with the header names people give them (normalised, see normalise_label).
FIELD_ALIASES: dict[str, list[str]] = {
    "company": ["company", "company name", "companyname", "employer", "organization", "organisation", "org",
                "firma", "unternehmen", "arbeitgeber", "empresa", "entreprise", "societe", "business", "azienda",
                "bedrijf", "werkgever", "organizacion", "foretag", "bolag", "arbetsgivare", "pracodawca",
                "nazwa firmy", "co", "facility", "school", "store", "shop", "hospital", "practice", "sirket",
                "sirket adi", "firma adi", "kurum", "kaisha", "εταιρεια", "εταιρια", "会社", "会社名", "企業", "企業名",
                "応募先",
                # more languages: Vietnamese, Hungarian, Afrikaans, Catalan, Indonesian/Malay, Czech, Romanian,
                # Finnish, Danish/Norwegian, Korean, Chinese, Ukrainian/Russian, Hebrew, Arabic; and trades' words
                "cong ty", "ten cong ty", "doanh nghiep", "ceg", "cegnev", "munkaltato", "maatskappy", "werkgewer",
                "institucio", "entitat", "empresa contratante", "perusahaan", "nama perusahaan", "syarikat",
                "kompanya", "spolecnost", "zamestnavatel", "companie", "angajator", "yritys", "tyonantaja",
                "virksomhed", "arbejdsgiver", "arbeidsgiver", "selskap", "agency", "venue", "studio", "firm",
                "institution", "employer name", "organisation name", "organization name", "client", "restaurant",
                "회사", "회사명", "기업", "기업명", "지원 회사", "公司", "公司名称", "公司名", "企业", "单位",
                "用人单位",
                "компанія", "компания", "роботодавець", "работодатель", "організація", "организация", "חברה",
                "שם החברה", "מעסיק", "الشركة", "اسم الشركة", "جهة العمل", "الجهة"],
    "role": ["role", "job title", "jobtitle", "title", "position", "job position", "job", "job post title",
             "job name", "position title", "role title", "stelle", "stellenbezeichnung", "puesto", "cargo", "poste",
             "ruolo", "posizione", "vaga", "functie", "vacature", "intitule du poste", "tjanst", "roll", "befattning",
             "stanowisko", "rola", "scheme", "programme", "program", "pozisyon", "unvan", "shokushu", "posting",
             "θεση", "ρολος", "職種", "ポジション", "役職", "募集職種",
             "vi tri", "vi tri ung tuyen", "chuc danh", "cong viec", "munkakor", "pozicio", "allas", "pos",
             "posisie", "betrekking", "placa", "posicio", "lloc de treball", "posisi", "jabatan", "lowongan",
             "posisyon", "pozice", "pracovni pozice", "pozitie", "post", "tehtava", "nimike", "stilling",
             "직무", "지원 직무", "포지션", "직책", "지원 분야", "모집 분야", "岗位", "职位", "职位名称", "岗位名称",
             "应聘岗位", "申请职位", "посада", "должность", "вакансія", "вакансия", "позиція", "позиция", "תפקיד",
             "משרה", "المسمى الوظيفي", "الوظيفة", "المنصب"],
    "url": ["url", "job url", "link", "job link", "job post url", "posting url", "posting", "job posting",
            "application link", "listing", "website", "lank", "ogloszenie"],
    "source": ["source", "channel", "job source", "jobsource", "via", "platform", "found on", "found via",
               "where found", "where applied", "application source", "quelle", "fuente", "application site",
               "job site", "job board", "board", "applied via", "applied through", "application method",
               "application channel", "method", "kalla", "zrodlo", "kenh", "forras", "bron", "sumber", "font",
               "지원 경로", "경로", "채널", "渠道", "来源", "джерело", "источник", "מקור", "איך הגעתי", "المصدر"],
    "referral": ["referral", "referred", "referred by", "referral used", "referal", "empfehlung", "referido"],
    "location": ["location", "city", "place", "office", "job location", "ort", "standort", "ubicacion", "lieu",
                 "plats", "stad", "lokalizacja", "miasto", "dia diem", "helyszin", "plek", "lokasi", "місто",
                 "город", "근무지", "지역", "地点", "城市", "工作地点", "מיקום", "עיר", "المدينة", "الموقع"],
    "remote_type": ["work type", "remote", "workplace type", "workplacetype", "remote hybrid", "work mode",
                    "work arrangement", "arrangement", "remote onsite", "on site remote", "modality"],
    "salary": ["salary", "salary range", "compensation", "pay", "comp", "base salary", "max salary", "expected salary",
               "gehalt", "salario", "salaire", "rate", "gehaltsvorstellung", "pretentions salariales", "lon",
               "wynagrodzenie"],
    "seniority": ["seniority", "level", "seniority level", "experience level", "job level"],
    "field": ["industry", "field", "sector", "domain", "branche"],
    "rating": ["interest", "excitement", "fit", "fit score", "rating", "priority", "score", "interest level", "match"],
    "applied_on": ["applied date", "date applied", "application date", "applied on", "applied", "initial app date",
                   "date of application", "applieddate", "submitted", "submitted on", "date", "datum", "fecha",
                   "date sent", "day sent", "sent", "sent on", "sent date", "applied at", "bewerbungsdatum",
                   "date de candidature", "fecha de aplicacion", "fecha de postulacion", "data", "data candidatura",
                   "data de candidatura", "sollicitatiedatum", "ansokningsdatum", "datum ansokan", "ansokt",
                   "data aplikacji", "data zlozenia", "data wyslania", "ngay nop", "ngay ung tuyen",
                   "beadas datuma", "jelentkezes datuma", "datum van aansoek", "aansoekdatum", "data sollicitud",
                   "data de sollicitud", "tgl lamar", "tanggal lamar", "tanggal melamar", "datum podani",
                   "data aplicarii", "hakupaiva", "ansogningsdato", "soknadsdato", "when", "지원일", "지원 일자",
                   "지원날짜", "지원 날짜", "投递日期", "投递时间", "申请日期", "申请时间", "дата подачі",
                   "дата подачи", "дата", "дата відгуку", "дата отклика", "תאריך הגשה", "תאריך", "تاريخ التقديم",
                   "التاريخ"],
    "status": ["status", "stage", "state", "current status", "current stage", "listname", "list name", "list", "result",
               "outcome", "application status", "progress", "estado", "statut", "stato", "situacao", "etap", "estatus",
               "stat", "durum", "sonuc", "kekka", "κατασταση", "αποτελεσμα", "結果", "状況", "選考状況", "ステータス",
               "進捗", "trang thai", "tinh trang", "ket qua", "allapot", "statusz", "eredmeny", "estat", "resultat",
               "hasil", "tahapan", "tahap", "tahapan terakhir", "stav", "vysledek", "stare", "rezultat", "tila",
               "tilanne", "tulos", "상태", "결과", "진행 상태", "진행상황", "전형 단계", "단계", "전형", "状态",
               "当前状态", "进度", "当前进度", "结果", "阶段", "статус", "стан", "результат", "этап", "етап",
               "состояние", "סטטוס", "מצב", "תוצאה", "שלב", "الحالة", "النتيجة", "المرحلة"],
    "status_date": ["status date", "last action date", "last updated", "updated", "lastmovedat", "last moved at",
                    "last contact", "date of last contact", "response date", "last activity", "last activity date",
                    "updated at",
                    "outcome date", "decision date", "reply date", "date of reply", "answer date",
                    "date of 1st response", "date of first response", "first response date", "end date", "date closed",
                    "closed date", "closed on", "rejection date", "rejected on", "date of rejection", "ended on"],
    "feedback": ["feedback", "rejection reason", "reason", "rejection feedback", "feedback received text",
                 "why rejected", "interview feedback"],
    "notes": ["notes", "note", "comments", "comment", "remarks", "details", "notizen", "notas", "remarques",
              "anteckningar", "kommentar", "uwagi", "notatki", "ghi chu", "megjegyzes", "opmerkings", "opmerking",
              "comentaris", "keterangan", "catatan", "poznamka", "huomautus", "bemaerkning", "메모", "비고", "备注",
              "说明", "коментар", "комментарий", "примітки", "примечание", "нотатки", "הערות", "ملاحظات"],
    "record_id": ["id", "job id", "application id", "record id", "uuid"],
    "description": ["job description", "description", "htmldescription", "jd", "job summary"],
    "contact": ["contact", "recruiter", "contact name", "contact person", "hiring manager name"],
    "event": ["event", "step", "activity", "action", "history", "timeline", "events", "stage history", "log",
              "activity log", "progress log", "updates", "historique", "historial", "verlauf", "chronologie",
              "storico", "cronologia", "geschiedenis", "tijdlijn", "journal", "steps"],
    "auto_rejected": ["auto rejected", "auto reject", "autorejected"],
    "in_progress": ["in progress", "inprogress", "active", "open", "still in process", "in process", "still active",
                    "still open", "ongoing"],
    "edge_from": ["from", "source stage", "from stage"],
    "edge_to": ["target", "to", "to stage", "target stage", "next stage"],
    "feedback_requested": ["feedback requested", "asked for feedback", "feedback asked"],
    "feedback_received": ["feedback received", "got feedback"],
    "aligned": ["aligned with career goals", "aligned with goals", "career aligned", "aligned", "career fit"],
    # how it began, beside a status column that says how it ended ('first_response' beside 'end_result')
    "first_response": ["first response", "initial response", "first reply", "first answer", "1st response",
                       "erste antwort", "premiere reponse", "primera respuesta"],
}

# the same names folded as script_fold folds a header ('会社名', 'компанія'), for headers in any script
FOLDED_ALIASES: dict[str, frozenset[str]] = {f: frozenset(script_fold(a) for a in names) | frozenset(names)
                                             for f, names in FIELD_ALIASES.items()}

DATE_FIELDS = ("applied_on", "status_date")

FIELD_LABELS = {
    "company": "Company", "role": "Role / job title", "url": "Job URL", "source": "Source / channel",
    "referral": "Referral (yes/no)", "location": "Location", "remote_type": "Remote / hybrid / onsite",
    "salary": "Salary", "seniority": "Seniority", "field": "Field / industry", "rating": "Interest / fit rating",
    "applied_on": "Date applied", "status": "Status", "status_date": "Date of the status",
    "feedback": "Rejection feedback", "notes": "Notes", "record_id": "Tracker's own id",
    "description": "Job description", "contact": "Contact", "event": "Steps (an event log, or a timeline)",
    "auto_rejected": "Auto-rejected flag", "in_progress": "In-progress flag",
    "edge_from": "Transition from (edge list)", "edge_to": "Transition to (edge list)",
    "feedback_requested": "Feedback requested", "feedback_received": "Feedback received",
    "aligned": "Aligned with career goals (yes/no)",
    "first_response": "Second status (how it began, or how far it got)",
}


@dataclass
class KnownFormat:
    name: str
    header: tuple[str, ...]
    mapping: dict[str, str]  # field -> header
    defaults: dict[str, str] = field(default_factory=dict)  # field -> constant (e.g. source LinkedIn)
    date_order: str | None = None


KNOWN_FORMATS: list[KnownFormat] = [
    KnownFormat(
        "linkedin",
        ("Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url",
         "Resume Name", "Question And Answers"),
        {"applied_on": "Application Date", "company": "Company Name", "role": "Job Title", "url": "Job Url"},
        {"source": "LinkedIn"},
        date_order="mdy",
    ),
    KnownFormat(
        "linkedin_saved",
        ("Saved Date", "Job Url", "Job Title", "Company Name"),
        {"applied_on": "Saved Date", "company": "Company Name", "role": "Job Title", "url": "Job Url"},
        # jobs saved, not applied to: every row is a draft (design.md: kept, shown apart, out of the funnel)
        {"source": "LinkedIn", "status": "Saved"},
        date_order="mdy",
    ),
    KnownFormat(
        "huntr",
        ("id", "createdAt", "title", "salary", "location", "url", "rootDomain", "htmlDescription", "deadline",
         "color", "lastMovedAt", "boardId", "boardName", "listId", "listName", "companyId", "companyName",
         "companyDomain", "creatorUserId", "creatorUserFirstName", "creatorUserLastName", "creatorUserEmail"),
        {"record_id": "id", "applied_on": "createdAt", "role": "title", "salary": "salary", "location": "location",
         "url": "url", "description": "htmlDescription", "status_date": "lastMovedAt", "status": "listName",
         "company": "companyName"},
        {"source": "Huntr"},
    ),
    KnownFormat(
        "jobsync",
        ("index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "jobType", "workplaceType",
         "Location", "JobSource", "Status"),
        {"applied_on": "appliedDate", "company": "Company", "role": "JobTitle", "remote_type": "workplaceType",
         "location": "Location", "source": "JobSource", "status": "Status"},
    ),
    KnownFormat(
        "teal",
        ("Job Position", "Company", "Max. Salary", "Location", "Status", "Date Saved", "Deadline", "Date Applied",
         "Follow up", "Excitement"),
        {"role": "Job Position", "company": "Company", "salary": "Max. Salary", "location": "Location",
         "status": "Status", "applied_on": "Date Applied", "rating": "Excitement"},
    ),
    KnownFormat(
        "simplify",
        ("Job Title", "Company Name", "Job URL", "Applied Date", "Status", "Status Date", "Archived", "Date Archived",
         "Notes"),
        {"role": "Job Title", "company": "Company Name", "url": "Job URL", "applied_on": "Applied Date",
         "status": "Status", "status_date": "Status Date", "notes": "Notes"},
    ),
]
FORMAT_NAMES = ["auto", *[f.name for f in KNOWN_FORMATS], "generic"]


def detect_format(header: list[str]) -> KnownFormat | None:
    """A known export when (almost) all of its columns are present by exact name."""
    have = {h.strip().lower() for h in header}
    for fmt in KNOWN_FORMATS:
        want = {h.lower() for h in fmt.header}
        if len(want & have) >= max(len(want) - 1, 3) and all(h.lower() in have for h in fmt.mapping.values()):
            return fmt
    return None


def format_by_name(name: str) -> KnownFormat | None:
    return next((f for f in KNOWN_FORMATS if f.name == name), None)


# a month is a month's name ('Applied 3 Mar via careers page' is a sentence, not a date: 'Applied' names none)
_DATE_LIKE = re.compile(
    r"^\s*(before |after |~ ?|@)?((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?|"
    rf"\d{{1,2}}(st|nd|rd|th|er|e)?\.?[ -](de )?{MONTH_WORD_RX}|"
    rf"{MONTH_WORD_RX}\.?[ -]\d{{1,2}}(st|nd|rd|th)?(,? \d{{4}})?|\d{{5}})\b", re.I)


def _date_like(value: str) -> bool:
    return bool(_DATE_LIKE.match(value) or _DATE_LIKE.match(plain_date(value)))


_URL_LIKE = re.compile(r"^\s*(https?://|www\.)\S+$", re.I)
_BOOL_LIKE = {"yes", "no", "y", "n", "true", "false", "0", "1", "x", ""}
# a stage column's way of saying the step was skipped: no information either way
SKIP_VALUES = frozenset({"skip", "skipped", "not applicable", "entfallt", "saute"})
# the short cells of a stage column (Y/N/G, yes/no, ticks); words like 'rejected' are statuses, not markers
_MARKERS = frozenset({"y", "yes", "n", "no", "x", "true", "false", "g", "ja", "nein", "oui", "non", "si", "sí", "v",
                      "ok", "0", "1", "pass", "fail", "passed", "failed", "done", "✓", "✔", "✗", "✘"}) | SKIP_VALUES
_COUNT = re.compile(r"^\d{1,2}$")
_WORD = re.compile(r"[^\W\d_]{2,}")
# words that make a cell a sentence rather than a name or a title
_FUNCTION_WORDS = re.compile(r"\b(the|a|to|was|were|is|are|they|we|i|it|not|no|but|because|after|with|my|me|he|she|"
                             r"their|our|had|have|has|did|didn't|der|die|das|nicht|ich|wir|le|la|les|pas|je|nous)\b",
                             re.I)


def _present(values: list[str]) -> list[str]:
    """The sample's cells that say something: trimmed, without the missing markers (-, N/A, null...)."""
    out = []
    for v in values:
        if v is None:
            continue
        t = str(v).strip()
        if t and t.lower() not in MISSING_MARKERS:
            out.append(t)
    return out


def looks_like(kind: str, values: list[str]) -> float:
    """Share of non-empty sample values that look like `kind` (date, url, bool, status, stage_cell)."""
    vals = [v for v in values if v is not None and v.strip() != ""]
    if not vals:
        return 0.0
    if kind == "date":
        hits = sum(1 for v in vals if _date_like(v))
    elif kind == "url":
        hits = sum(1 for v in vals if _URL_LIKE.match(v))
    elif kind == "bool":
        hits = sum(1 for v in vals if v.strip().lower() in _BOOL_LIKE)
    elif kind == "status":
        distinct = set(vals)
        known = sum(1 for v in distinct if status_meaning(v) is not None)
        return known / len(distinct) if len(distinct) <= max(40, len(vals) // 5) else 0.0
    elif kind == "stage_cell":
        hits = sum(1 for v in vals if v.strip().lower() in _MARKERS or _date_like(v) or _COUNT.match(v.strip()))
    else:
        raise ValueError(kind)
    return hits / len(vals)


@dataclass(frozen=True)
class ColumnProfile:
    """What a column's cells are, by share of the cells that say something. The evidence rules read this,
    never a header alone: a stage column holds markers, dates or counts; prose is never a stage marker."""
    n: int
    distinct: int
    marker: float  # yes/no, Y/N/G, ticks, skip
    count: float  # small whole numbers (0, 1, 2 calls)
    date: float
    url: float
    prose: float  # sentences
    status: float  # known status labels, as a share of the distinct values
    constant: bool  # the same value on every row (an export stamp, a placeholder like 'here')
    sequence: bool  # 1, 2, 3, ... a row counter

    @property
    def kind(self) -> str:
        if self.n == 0:
            return "empty"
        if self.sequence:
            return "sequence"
        if self.url >= 0.8:
            return "url"
        if self.date >= 0.8:
            return "date"
        if self.count >= 0.8 and self.max_count_over_one:
            return "count"
        if self.marker >= 0.8:
            return "marker"
        if self.marker + self.date >= 0.8 and self.prose < 0.2:
            return "date"  # dates and yes/no mixed in one stage column: both are read
        if self.prose >= 0.5:
            return "prose"
        if self.status >= 0.6:
            return "status"
        return "text"

    max_count_over_one: bool = False
    ending_prose: float = 0.0  # sentences that tell how it ended ('they said they wanted someone with more...')


def _sentence(text: str) -> bool:
    return len(_WORD.findall(text)) >= 4 and bool(_FUNCTION_WORDS.search(text))


def profile(values: list[str]) -> ColumnProfile:
    vals = _present(values)
    n = len(vals)
    if not n:
        return ColumnProfile(0, 0, 0, 0, 0, 0, 0, 0, False, False)
    low = [v.lower() for v in vals]
    ints = [int(v) for v in vals] if all(v.isdigit() and len(v) <= 9 for v in vals) else []
    seq = (len(ints) == n and n >= 5 and ints == list(range(ints[0], ints[0] + n)))
    counts = [int(v) for v in vals if _COUNT.match(v)]
    distinct = len(set(low))
    return ColumnProfile(
        n=n, distinct=distinct,
        marker=sum(1 for v in low if v in _MARKERS) / n,
        count=len(counts) / n,
        date=sum(1 for v in vals if _date_like(v)) / n,
        url=sum(1 for v in vals if _URL_LIKE.match(v)) / n,
        prose=sum(1 for v in vals if _sentence(v)) / n,
        status=looks_like("status", vals),
        constant=n >= 5 and distinct == 1,
        sequence=seq,
        max_count_over_one=any(c >= 2 for c in counts),
        ending_prose=sum(1 for v in vals if _sentence(v) and _ENDING_PROSE.search(v)) / n,
    )


@dataclass
class ColumnGuess:
    mapping: dict[str, str]  # field -> header
    stage_columns: dict[str, str]  # header -> stage
    reasons: dict[str, str]  # field (or 'stage:<header>') -> why
    index_columns: list[str] = field(default_factory=list)  # row counters: a row holding only these is blank


def _tokens_close(a: str, b: str) -> bool:
    """Two names spelt alike word for word ('Compnay Name' ~ 'company name'); 'application site' is not
    'application id', however many letters they share."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    return all(x == y or (len(x) >= 4 and len(y) >= 4 and fuzz.ratio(x, y) >= 75) for x, y in zip(ta, tb, strict=True))


_BRACKETED = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*")


def _score(header: str, field_name: str) -> int:
    norm = normalise_label(header)
    # a header in another script ('Κατάσταση', '会社名'), or in two languages ('Entreprise / Company')
    other = {script_fold(header), *(normalise_label(part) for part in re.split(r"\s+/\s+|\s*\|\s*", header))}
    # a form's question with its instruction in brackets ('Date applied (leave blank if today)', 'Status [pick one]')
    bare = _BRACKETED.sub(" ", header)
    if bare.strip() and bare != header and normalise_label(bare) in FOLDED_ALIASES[field_name] and not (
            norm in FOLDED_ALIASES[field_name] or other & FOLDED_ALIASES[field_name]):
        return 99  # the name without its bracket ('Date (interview)'): below a column named so outright
    if norm in FOLDED_ALIASES[field_name] or other & FOLDED_ALIASES[field_name]:
        return 100
    best = 0
    for alias in FIELD_ALIASES[field_name]:
        if len(alias) >= 4 and len(norm) >= 4 and _tokens_close(norm, alias):
            best = max(best, int(fuzz.ratio(norm, alias)))
    return best


# What the cells of a column must look like for a field to take it (the header alone never decides).
_DATE_FIELDS = {"applied_on", "status_date"}
_BOOL_FIELDS = {"referral", "aligned", "auto_rejected", "in_progress", "feedback_requested", "feedback_received"}
_TEXT_FIELDS = {"company", "role", "contact", "location", "source", "seniority", "field", "notes", "description",
                "feedback", "status", "first_response", "event", "edge_from", "edge_to", "salary", "remote_type"}


def _fits(field_name: str, prof: ColumnProfile) -> bool:
    if prof.n == 0:
        return field_name not in _DATE_FIELDS | {"url"}
    if prof.n < 3 and field_name in ("company", "role"):
        return True  # one or two filled cells say too little to overrule a header that names who or what
    if field_name in _DATE_FIELDS:
        return prof.date >= 0.5
    if field_name == "url":
        return prof.url >= 0.5
    if field_name in _BOOL_FIELDS:
        return prof.marker >= 0.5
    if field_name == "record_id":
        return prof.distinct >= 0.9 * prof.n
    if field_name in ("status", "first_response"):
        return prof.kind not in ("marker", "prose", "date", "count", "sequence")
    if field_name in ("company", "role"):  # ('Posting' holding links is the job's link, not its title)
        return prof.kind not in ("marker", "sequence", "url")
    if field_name in _TEXT_FIELDS:
        return prof.kind not in ("marker", "sequence") or field_name in ("salary",)
    return True


# Headers that name a step by its place ('First', 'Second') and headers that name how it ended ('Outcome',
# 'Job Offer'): stage columns when their cells are markers.
_ORDINAL_STAGE = {"first": "screen", "1st": "screen", "first round": "screen", "round 1": "screen", "r1": "screen",
                  "second": "interview", "2nd": "interview", "second round": "interview", "round 2": "interview",
                  "third": "interview", "3rd": "interview", "third round": "interview", "round 3": "interview"}
_ENDING_HEADER = re.compile(r"\b(outcome|result|results|offer|offered|hired|success|ergebnis|resultat|resultado|"
                            r"angebot|offre|oferta)\b")
_ENDING_WORDS = re.compile(r"\b(end|ended|ending|final|result|results|outcome|decision|closed|resolution|verdict|"
                           r"current|now|latest|ergebnis|resultat|resultado|fin|hasil|ket qua|eredmeny|tulos|"
                           r"vysledek|rezultat|uitslag|uitkomst|esito|결과|结果|結果|результат|תוצאה|النتيجة)\b")
_BEGINNING_WORDS = re.compile(r"\b(first|initial|1st|response|reply|responded|answer|erste|premiere|primera)\b")
_AUTO_NAME = re.compile(r"^(column \d+|unnamed \d+|col\d+|field\d+)?$")
_ENDING_PROSE = re.compile(r"\b(they|we|said|told|wanted|decided|closed|rejected|reject\w*|declined|position|"
                           r"experience|because|feedback|filled|unfortunately|chose|another candidate|no longer)\b",
                           re.I)


# a header's legend for the numbers its cells hold: 'Stage (1=applied 2=screen 3=interview)', 'Status: 0 - no reply,
# 1 - rejected'. Each pair is a number, a sign (= : -> - ) and the words it stands for, up to the next pair.
_SIGN = r"\s*(?:=|:|->|→|–|-)\s*"
_LEGEND_PAIR = re.compile(rf"(?<![\d.,])(\d{{1,2}}){_SIGN}([^\W\d_][^=:;,/|()\[\]\d]*?)\s*"
                          rf"(?=[,;/|)\]]|\s\d{{1,2}}{_SIGN}|$)")


def header_legend(header: str) -> dict[str, str]:
    """What each number in a coded column means, from its header ('Stage (1=applied 2=screen)' -> {'1': 'applied',
    '2': 'screen'}); empty unless the header gives two numbers at least, each once, and one of the meanings is a
    status Hindsight knows."""
    pairs = _LEGEND_PAIR.findall(header or "")
    legend = {str(int(code)): words.strip() for code, words in pairs}
    if len(pairs) < 2 or len(legend) < len(pairs) or not any(status_meaning(w) for w in legend.values()):
        return {}
    return legend


def without_legend(header: str) -> str:
    """The header's name without its legend: 'Stage (1=applied 2=offer)' -> 'Stage'."""
    if not header_legend(header):
        return header
    first = _LEGEND_PAIR.search(header)
    name = header[: first.start()] if first else header
    return re.sub(r"[\s(\[:\-–]+$", "", name).strip() or header


def coded_column(header: str, prof: ColumnProfile, values: list[str]) -> bool:
    """A column of numbers that its header's legend turns into statuses: most of its cells are the legend's codes."""
    legend = header_legend(header)
    vals = _present(values)
    return bool(legend) and bool(vals) and sum(1 for v in vals if _code(v) in legend) >= 0.8 * len(vals)


def _code(value: str) -> str:
    v = value.strip()
    v = v[:-2] if v.endswith(".0") else v  # a spreadsheet's number read as 3.0
    return str(int(v)) if v.isdigit() else v


def stage_of_column(header: str, prof: ColumnProfile) -> str | None:
    """The stage a column records, when its header names one and its cells are stage markers, dates or counts.
    Prose is never a stage marker; a column of one repeated date is an export stamp, not a step; a column whose
    header gives a legend for its numbers is a status, not a step."""
    if prof.kind not in ("marker", "date", "count") or (prof.kind == "date" and prof.constant):
        return None
    if header_legend(header):
        return None
    norm = normalise_label(header)
    if header.strip().endswith("?") and re.fullmatch(r"(hr|recruiters?|agency|hiring manager|headhunter)", norm):
        return None  # 'Recruiter?' asks who was involved, not whether a step happened
    st = stage_of_header(header) or _ORDINAL_STAGE.get(norm)
    if st is None and prof.kind == "marker" and _ENDING_HEADER.search(norm):
        st = "offer"
    if st == "applied":
        return None  # every row was applied for; a yes/no about applying ('Easy Application?') is no step
    return st


_ENDING_OF_HEADER = [
    (re.compile(r"\b(rejected|rejection|absage|abgelehnt|refus\w*|rechazad\w*|rejeitad\w*|afgewezen|afwijzing)\b"),
     "rejected"),
    (re.compile(r"\b(ghosted|ghost|no response|no reply|no answer|keine antwort|sin respuesta)\b"), "ghosted"),
    # 'Declined' is the candidate's own no, as in a status label (domain.STATUS_RULES)
    (re.compile(r"\b(withdrawn|withdrew|withdraw|declined|zurückgezogen)\b"), "withdrawn"),
]


def ending_of_column(header: str, prof: ColumnProfile) -> str | None:
    """How an application ended, for a column whose header names an ending ('Rejected', 'Date Rejected',
    'Ghosted?') and whose cells are markers or dates: a tick or a date there says it ended so (on that day)."""
    if prof.kind not in ("marker", "date") or (prof.kind == "date" and prof.constant):
        return None
    norm = normalise_label(header)
    if re.search(r"\bauto", norm):
        return None  # 'Auto Rejected' is the auto-rejected flag, by its name
    return next((ending for rx, ending in _ENDING_OF_HEADER if rx.search(norm)), None)


def guess_columns(header: list[str], samples: dict[str, list[str]]) -> ColumnGuess:
    """Map headers to fields by name (exact alias, then close spelling), confirmed by the contents; then stage
    columns, status columns, links, dates, an unnamed company column and prose, by their cells."""
    profiles = {h: profile(samples.get(h) or []) for h in header}
    mapping, reasons, used = _by_name(header, profiles)
    stage_columns: dict[str, str] = {}
    rows = max((len(v) for v in samples.values()), default=0)
    beside = _beside_the_table(header, profiles, samples, rows)
    if beside:
        for f in [f for f, h in mapping.items() if h in beside]:
            del mapping[f], reasons[f]
        used.update(beside)
        reasons["beside"] = (f"The columns {', '.join(repr(h) for h in beside)} stand right of an empty column and "
                             "stop before the table does: a note or a legend beside the table, not part of it; "
                             "not read.")
    for h in header:
        if h in used:
            continue
        st = stage_of_column(h, profiles[h])
        if st in ("offer", "hired") and profiles[h].kind == "date" and rows >= 5 and profiles[h].n >= 0.8 * rows:
            st = None  # few applications reach an offer: a 'Start Date' dated on every row is no job's start
        ending = None if st else ending_of_column(h, profiles[h])
        if st:
            stage_columns[h] = st
            reasons[f"stage:{h}"] = f"its header names the {st} step and its cells are {profiles[h].kind}s"
        elif ending:
            stage_columns[h] = ending
            reasons[f"stage:{h}"] = f"its header names how it ended ({ending}) and its cells are {profiles[h].kind}s"
    used.update(stage_columns)
    _status_by_contents(header, profiles, samples, mapping, reasons, used)
    st = mapping.get("status")
    side = st and (profiles[st].n < 0.5 * rows or profiles[st].n >= 5 and profiles[st].distinct == profiles[st].n)
    if st and side and reasons.get("status", "").startswith("by its name (close"):
        # 'Stats' spelt close to 'Status', beside the table: a few rows, each naming another figure ('Applied',
        # 'Responses', 'Offers'), where a status column repeats its few labels
        del mapping["status"], reasons["status"]
        used.discard(st)
    # with no status column, a 'Rejection Date' is not the date of a status but says it ended, and when
    dated = mapping.get("status_date")
    ended = ending_of_column(dated, profiles[dated]) if dated and "status" not in mapping else None
    if dated and ended:
        stage_columns[dated] = ended
        reasons[f"stage:{dated}"] = "with no status column, its dates say when it ended"
        del mapping["status_date"]
        reasons.pop("status_date", None)
    _the_rest_by_contents(header, profiles, samples, mapping, reasons, used)
    _job_and_company_in_one(samples, mapping, reasons)
    # an edge list is 'Source' + 'Target' holding stage names: then 'Source' is not a channel
    src = mapping.get("source")
    if "edge_to" in mapping and src and samples.get(src) and _stageish(samples[src]) >= 0.6:
        mapping["edge_from"] = mapping.pop("source")
        reasons["edge_from"] = "it holds stage names beside a 'Target' column"
        reasons.pop("source", None)
    if "edge_to" in mapping and "edge_from" not in mapping:
        del mapping["edge_to"]
    index_columns = [h for h in header if profiles[h].sequence and h not in mapping.values()]
    return ColumnGuess(mapping, stage_columns, reasons, index_columns)


def _beside_the_table(header: list[str], profiles: dict[str, ColumnProfile], samples: dict[str, list[str]],
                      rows: int) -> list[str]:
    """The columns right of an empty, unnamed column whose cells stop before the table's do: a legend or a note
    written beside the table ('AP | applied', 'PS | phone screen' in columns G:H), not more of its columns. A
    column named for a field ('Notes' after a spacer) is the table's, however few its cells."""
    gap = next((i for i, h in enumerate(header) if 0 < i < len(header) - 1 and profiles[h].n == 0
                and _AUTO_NAME.match(normalise_label(h))), None)
    if gap is None or rows < 5:
        return []
    right = [h for h in header[gap + 1:] if profiles[h].n]

    def stops_early(h: str) -> bool:
        filled = [i for i, v in enumerate(samples.get(h) or []) if v is not None and str(v).strip()]
        return bool(filled) and filled[-1] < 0.8 * rows

    named = any(score >= 100 for h in right for score in (_score(h, f) for f in FIELD_ALIASES))
    if right and not named and all(stops_early(h) for h in right):
        return right
    return []


# names of a company column in one trade or role ('Agency' beside 'Client' is the recruiter; 'Venue' or 'Studio'
# beside 'Company'): a column named 'Company' outright wins a tie with them
_TRADE_NAMES = frozenset({"agency", "recruiter", "venue", "studio", "client", "firm", "restaurant", "institution",
                          "store", "shop", "school", "hospital", "practice", "facility"})


def _rank_of_company_name(header: str) -> int:
    name = normalise_label(header)
    return 2 if name in ("agency", "recruiter") else 1 if name in _TRADE_NAMES else 0


def _by_name(header, profiles) -> tuple[dict[str, str], dict[str, str], set[str]]:
    candidates: list[tuple[int, str, str]] = []
    for h in header:
        for f in FIELD_ALIASES:
            s = _score(without_legend(h), f)
            if s < 100 and f == "status" and profiles[h].status < 0.5:
                continue  # a name spelt close to 'Status' ('Stats') is one only if its cells are statuses
            if s >= 85 and _fits(f, profiles[h]):
                candidates.append((s, f, h))
            elif s == 100 and f in ("status", "first_response") and profiles[h].kind == "count":
                # 'Stage' holding 1..5: numbers that mean steps. Read as labels, which the legend in the header
                # explains, or which the person is asked to explain (they are labels Hindsight does not know)
                candidates.append((s, f, h))
            elif s >= 85 and f == "feedback" and profiles[h].kind == "marker":
                candidates.append((s - 1, "feedback_received", h))  # 'Feedback?' = yes/no: was there any
            elif s >= 85 and f == "remote_type" and profiles[h].kind == "marker" and remote_kind_of_header(h):
                candidates.append((s, f, h))  # 'Remote?' = yes/no: a yes is that work type
    # an 'Agency' column is the employer only where no other column is ('Agency' beside 'Client' is the recruiter)
    candidates.sort(key=lambda t: (-t[0], _rank_of_company_name(t[2]) if t[1] == "company" else 0))
    mapping: dict[str, str] = {}
    reasons: dict[str, str] = {}
    used: set[str] = set()
    for s, f, h in candidates:
        if f in mapping or h in used:
            continue
        mapping[f] = h
        used.add(h)
        reasons[f] = "by its name" if s == 100 else f"by its name (close to '{_closest(h, f)}')"
    return mapping, reasons, used


def _status_by_contents(header, profiles, samples, mapping, reasons, used) -> None:
    """Status-like columns by their cells (labels, or numbers its header's legend explains). Of two, the one that
    says how it ended is the status and the one that says how it began or how far it got is the first response
    (the ending beats the beginning)."""
    found = [h for h in header if h not in used and (profiles[h].kind == "status"
                                                     or coded_column(h, profiles[h], samples.get(h) or []))]
    if "status" in mapping:
        # a column named 'Status' comes first; one named close to it ('Stats') after those whose cells are statuses
        named = mapping.pop("status")
        found.insert(len(found) if reasons.get("status", "").startswith("by its name (close") else 0, named)
        used.discard(named)
    if not found:
        return
    for h in ("first_response",):
        if h in mapping:
            found.append(mapping.pop(h))
            used.discard(found[-1])

    def ending(h: str) -> int:
        norm = normalise_label(without_legend(h)) or script_fold(without_legend(h))
        return (2 if _ENDING_WORDS.search(norm) else 0) - (1 if _BEGINNING_WORDS.search(norm) else 0)

    def coded(h: str) -> bool:
        return bool(header_legend(h))

    # of two as final, the labels beat the numbers: a coded 'Stage (1=applied … 5=offer)' says how far it got
    found = sorted(dict.fromkeys(found), key=lambda h: (-ending(h), coded(h)))
    mapping["status"] = found[0]
    used.add(found[0])
    reasons["status"] = reasons.get("status") or "its cells are application statuses"
    if coded(found[0]):
        reasons["status"] = f"its cells are numbers that its header's legend explains ({_legend_text(found[0])})"
    if len(found) > 1 and (ending(found[0]) > ending(found[1]) or coded(found[1])):
        mapping["first_response"] = found[1]
        used.add(found[1])
        if coded(found[1]):
            reasons["first_response"] = (f"its numbers say how far an application got ({_legend_text(found[1])}); "
                                         f"'{found[0]}' says how it ended, and the ending decides the outcome")
        else:
            reasons["first_response"] = (f"it says how an application began; '{found[0]}' says how it ended, "
                                         "and the ending decides the outcome")
        reasons["status"] = (f"it says how an application ended (beside '{found[1]}', how "
                             f"{'far it got' if coded(found[1]) else 'it began'})")
    elif len(found) > 1 and _names_a_status(found[1]):
        # two columns of statuses and no header says which tells the end ('Etap' beside 'Status', 'LinkedIn status'
        # beside 'My status'): both are read, the furthest step either reached counts, and where the first says
        # the application is still open while the second says it ended, the ending decides
        mapping["first_response"] = found[1]
        used.add(found[1])
        reasons["first_response"] = (f"its cells are statuses too: the furthest step either column reached counts, "
                                     f"and where '{found[0]}' says still open while this column says it ended, "
                                     "the ending decides")


# a header that names a status ('My status', 'Etap', 'Interview stage reached', Notion's 'Tags' when its cells are
# statuses: 'Rejected, Remote'), not what comes next ('Next step',
# 'To do', 'Follow-up plan'): only such a column is read beside the status as a second one
_STATUS_WORDS = re.compile(r"\b(status|stage|state|etap|estado|statut|stato|situacao|fase|phase|progress|result|"
                           r"outcome|reached|stand|stadium|etapa|tags?|labels?)\b")
_NEXT_WORDS = re.compile(r"\b(next|upcoming|to ?do|todo|action|actions|plan|planned|follow ?up|reminder|prep|"
                         r"nachste|naechste|prochaine?|siguiente|proximo|volgende|nastepny)\b")


def _names_a_status(header: str) -> bool:
    norm = normalise_label(without_legend(header))
    named = _STATUS_WORDS.search(norm) or script_fold(without_legend(header)) in FOLDED_ALIASES["status"]
    return bool(named) and not _NEXT_WORDS.search(norm)


def _legend_text(header: str) -> str:
    return ", ".join(f"{k} = {v}" for k, v in header_legend(header).items())


def _job_and_company_in_one(samples, mapping, reasons) -> None:
    """One column holding the job and the company together ('Data Engineer @ Acme') where the file has no column
    for the other: that column is both (enrich splits each cell, job_and_company; the plan says so)."""
    named = [f for f in ("company", "role") if f in mapping]
    if len(named) != 1:
        return
    h = mapping[named[0]]
    vals = _present(samples.get(h) or [])[:200]
    # a dash alone splits only a column not named for the one ('Card Name': 'Datadog - SRE'); under 'Role' it
    # parts a job from its team ('Software Engineer - Platform')
    loose = not reasons.get(named[0], "").startswith("by its name")
    strict = sum(1 for v in vals if job_and_company(v)) if vals else 0
    split = strict if not loose else sum(1 for v in vals if job_and_company(v, loose=True))
    # under 'Job', cells that plainly hold both ('Analyst @ Stripe', 'PM at Notion') in a third of the rows at least
    # show the column holds companies: the dashes and colons of the others ('Figma - Designer') then part them too
    if vals and strict >= 0.3 * len(vals) and not loose:
        split = sum(1 for v in vals if job_and_company(v, loose=True))
    if vals and split >= 0.6 * len(vals):
        mapping["role" if named[0] == "company" else "company"] = h
        reasons["company"] = reasons["role"] = ("its cells hold the job and the company together "
                                                "('Data Engineer @ Acme')")


def _job_titles(values: list[str]) -> float:
    """Share of the cells that name a job ('Senior Data Engineer', 'Product Designer'): a role family knows them."""
    vals = _present(values)[:200]
    return sum(1 for v in vals if role_family(v) not in (None, OTHER_ROLES)) / len(vals) if vals else 0.0


_DEADLINE = re.compile(r"\b(due|deadline|closing|closes|expir\w*|follow ?up|reminder|next)\b")


def _the_rest_by_contents(header, profiles, samples, mapping, reasons, used) -> None:
    # of the date columns no name claimed, the one dated on most rows is when it was applied for; a deadline
    # ('Due Date', 'Follow-up') only where no other is
    dated = [h for h in header if h not in used and profiles[h].kind == "date" and not profiles[h].constant]
    first_date = max(dated, key=lambda h: (not _DEADLINE.search(normalise_label(h)), profiles[h].n,
                                            -header.index(h)), default=None)
    for h in header:
        if h in used:
            continue
        prof = profiles[h]
        if "url" not in mapping and prof.url >= 0.8:
            mapping["url"], reasons["url"] = h, "its cells are web links"
        elif "applied_on" not in mapping and h == first_date:
            mapping["applied_on"], reasons["applied_on"] = h, "its cells are dates"
        elif "role" not in mapping and prof.kind == "text" and _job_titles(samples.get(h) or []) >= 0.5:
            # a title column under another name (Notion's and Airtable's 'Name' holds the job)
            mapping["role"], reasons["role"] = h, "its cells are job titles"
        elif ("company" not in mapping and _AUTO_NAME.match(normalise_label(h)) and prof.kind == "text"
              and prof.distinct >= 0.3 * prof.n):
            mapping["company"], reasons["company"] = h, "a column without a name whose cells are names"
        elif ("company" not in mapping and "role" in mapping and normalise_label(h) == "name" and prof.kind == "text"
              and prof.distinct >= 0.3 * prof.n and _job_titles(samples.get(h) or []) < 0.3):
            # Notion's and Airtable's first column is 'Name': beside a job title column, the company's
            mapping["company"], reasons["company"] = h, f"a 'Name' column beside the job titles in '{mapping['role']}'"
        else:
            continue
        used.add(h)
    # columns of sentences: about how it ended -> feedback (the Rejections page reads it), else notes
    for h in header:
        if h in used or profiles[h].kind != "prose":
            continue
        norm = normalise_label(h)
        if "feedback" not in mapping and (_ENDING_WORDS.search(norm) or re.search(r"\b(why|reason|happened)\b", norm)
                                          or profiles[h].ending_prose >= 0.3):
            mapping["feedback"] = h
            reasons["feedback"] = "its cells are sentences about how applications ended"
        elif "notes" not in mapping:
            mapping["notes"], reasons["notes"] = h, "its cells are sentences"
        else:
            continue
        used.add(h)


def _stageish(values: list[str]) -> float:
    from analysis.domain import EDGE_STARTS, EDGE_TERMINALS, stage_of_node

    vals = [v for v in values if v and v.strip()]
    if not vals:
        return 0.0
    hits = sum(1 for v in vals if stage_of_node(v) or normalise_label(v) in EDGE_TERMINALS
               or normalise_label(v) in EDGE_STARTS)
    return hits / len(vals)


def _closest(header: str, field_name: str) -> str:
    norm = normalise_label(header)
    return max(FIELD_ALIASES[field_name], key=lambda a: fuzz.ratio(norm, a))
