"""Who is hiring and for what, as the mail says it: the company from the body, the subject or the sender's
display name (never the ATS that sent it: Greenhouse, Lever, Workday...), the role where the mail names it.
Patterns are data, tried in order; each answer says where it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

# platforms that send mail for employers: never the company
ATS = ("greenhouse", "lever", "workday", "myworkday", "ashby", "ashbyhq", "smartrecruiters", "icims", "linkedin",
       "indeed", "jobvite", "taleo", "bamboohr", "workable", "recruitee", "personio", "teamtailor", "jazzhr", "breezy",
       "successfactors", "dice", "ziprecruiter", "glassdoor", "hirebridge", "ultipro", "paylocity", "adp",
       "oraclecloud", "hackerrank", "codility", "hirevue", "gem", "dover", "wellfound", "angellist", "join",
       "stepstone", "xing", "softgarden", "rexx", "umantis", "d.vinci", "onlyfy", "prescreen", "welcome to the jungle",
       "talentsoft", "phenom", "eightfold", "infojobs", "testgorilla", "docusign", "checkr", "goodtime", "calendly",
       "sterling", "hireright", "coderbyte", "codesignal", "spark hire", "sparkhire", "testdome", "rippling",
       "pinpoint", "pinpointhq", "hireology", "paradox", "modernloop", "pymetrics", "shl", "gupy", "pracuj",
       "jobteaser", "homerun", "bullhorn", "avature", "beamery", "brassring", "kenexa", "myworkdayjobs", "applytojob",
       "freshteam", "zoho recruit", "manatal", "criteriacorp", "talentlyft", "comeet", "jobylon", "recman")
# job boards that send the confirmation for the employer: never the company when they are the sender (whole sender
# name or domain); a company named 'Monster Energy' or 'Reed Smith' is still one
JOB_BOARDS = ("saramin", "사람인", "jobkorea", "잡코리아", "wanted", "원티드", "topcv", "vietnamworks", "jobstreet",
              "bayt", "bayt.com", "naukri", "seek", "jobsdb", "hh", "headhunter", "djinni", "drushim", "alljobs",
              "totaljobs", "reed", "monster", "computrabajo", "bumeran", "zonajobs", "occmundial", "laborum",
              "jobindex", "profession", "jobnet", "careerbuilder", "jobs.ch", "karriere", "nofluffjobs", "justjoin")
FREEMAIL = ("gmail", "googlemail", "yahoo", "outlook", "hotmail", "live", "gmx", "web", "icloud", "me", "aol",
            "proton", "protonmail", "example", "source-omitted", "mail", "t-online")
# words around a company in a sender's name or a signature that are not the company
_ROLE_WORDS = (r"\b(recruiting|recruitment|recruiter|talent acquisition|talent|careers?|jobs?|hiring|hr|"
               r"human resources|people( operations| team| & culture)?|team|no-?reply|noreply|do-?not-?reply|"
               r"notifications?|university|campus|staffing|the|via|from|at|Personal|RH|Personalabteilung|Karriere|"
               r"Bewerbermanagement|Recrutement|équipe|Talento|Reclutamiento|Selección|Recrutamento|Selezione|Werving|"
               r"Rekrutacja|Rekrutacji|Rekrytering|Rekrutering|Karriär|Zespół|Carri[eè]res?|Recursos Huma(?:ns|nos)|"
               r"Toborz[aá]s|Tuyển dụng|Selecci[oó]|Selección|Talent Acquisition|채용\w*|인재영입\w*|Кар'єра|Карьера|"
               r"HR-відділ|גיוס|التوظيف|Werving en selectie)\b")
_STOP_AFTER = (r"(?=[\s]*(?:[.,;:!?()\n]|$| - | – | — | and | for | in | is | has | was | who | which | that | as |"
               r" to | we | und | für | als | im | in | à | pour | et |'s ))")
_WORD = r"(?:[A-Z0-9ÄÖÜ][\w&'’+°-]*(?:\.[a-z]\w*)*)"  # 'Nuts.com', 'Tithe.ly': a dot only inside a word
_NAME = rf"({_WORD}(?:[ -](?:{_WORD}|of|for|and|&|de|der|des|du|la|le|von|und|the(?= {_WORD})))*)"

# (name, pattern with a group 'c' for the company) in the order tried; the body first, then the subject
_SUFFIX = r"(?:,? (?:Inc|LLC|Ltd|GmbH|Corp|AG|SA|plc)\.?)?"
BODY_PATTERNS: list[tuple[str, str]] = [
    # a labelled line or a table row ('Employer: Leeds Teaching Hospitals NHS Trust', 'Company | Acme')
    ("labelled", rf"(?m)^[ \t]*(?:Employer|Company|Organi[sz]ation|Hiring (?:company|organi[sz]ation)|Arbeitgeber|"
                 rf"Unternehmen|Empresa|Entreprise|Employeur|Werkgever)[ \t]*[:|][ \t]*(?P<c>{_NAME}){_SUFFIX}[ \t]*$"),
    # 'Unfortunately, Acme, LLC has decided not to…': the company is who decided
    ("who_decided", rf"(?:^|[.!?]\s+|,\s*|\n)(?P<c>{_NAME}){_SUFFIX} (?:has|have) (?:decided|chosen|elected|made the "
                    rf"decision)"),
    # 'your interest in Software Engineer I-211299 with Cox Automotive', 'opportunities with the TJX'
    ("job_with", rf"(?:interest in|apply(?:ing)? (?:to|for)|applied (?:to|for)|application (?:to|for)|role of|"
                 rf"position of|"
                 rf"opportunities)\b[^.\n]{{0,80}}? with (?:the )?(?P<c>{_NAME})"),
    ("joining_team", rf"joining (?:the )?(?P<c>{_NAME}){_SUFFIX} (?:team|family)"),
    # 'Robinhood has invited you to complete the General Coding Assessment' (a test platform sends it)
    ("invited_you", rf"(?:^|[.!?]\s+|\n)(?P<c>{_NAME}){_SUFFIX} (?:has )?invited you to "
                    rf"(?:complete|take|play|record|do)\b"),
    # an agency writes for its client: 'My client Siemens Healthineers would like to invite you'
    ("agency_client", rf"\b(?:[Mm]y|[Oo]ur) client,? (?P<c>{_NAME})"),
    # 'your interest in Senior Account Executive at Orbit': the job, then where
    ("title_at", rf"(?:interest in|appl(?:y|ying|ied) (?:to|for)|application (?:to|for)) (?:the |our )?"
                 rf"[A-Z][^.\n]{{1,80}}? (?:at|@) (?P<c>{_NAME})"),
    ("interest_in", rf"(?:interest|interested) in (?:joining |working (?:at|for|with) |a career (?:at|with) |"
                    rf"employment (?:at|with) |(?:career )?opportunities (?:at|with) |the .{{0,80}}? (?:position|role|"
                    rf"job|opening) at )?(?P<c>{_NAME})"),
    ("applying_to", rf"(?:applying|applied|application|applications?) (?:to|at|with)(?: the .{{0,80}}? (?:position|"
                    rf"role) at)? (?P<c>{_NAME})"),
    ("position_at", rf"(?:position|role|job|opening|opportunity|team|career opportunities|employment|"
                    rf"internship)(?: here)? at (?P<c>{_NAME})"),
    ("position_with", rf"(?:position|role|opportunity) with (?P<c>{_NAME})"),
    ("signed_team", rf"(?:^|\n)\s*(?:The )?(?P<c>{_NAME}) (?:Recruiting|Recruitment|Talent Acquisition|Talent|Careers|"
                    rf"HR|Hiring|People)(?: & Culture)? Team"),
    ("team_at", rf"(?:team|Team) (?:at|of|@) (?P<c>{_NAME})"),
    ("bei_de", rf"(?:Mitarbeit|Bewerbung|Interesse|Tätigkeit|Karriere|Stelle|Position) (?:an einer Mitarbeit )?(?:bei|"
               rf"an|in) (?:der |dem |uns(?:erem|erer)? )?(?P<c>{_NAME})"),
    ("chez_fr", rf"(?:candidature|poste|intérêt pour|rejoindre) (?:chez |pour |au sein de |à )?(?P<c>{_NAME})"),
    ("chez", rf"\bchez (?P<c>{_NAME})"),
    ("sent_to", rf"(?:items|application|resume|CV) (?:were|was|has been|have been) (?:sent|submitted) to "
                rf"(?P<c>{_NAME})"),
    ("empresa", rf"\b(?:de|en|con) la empresa (?P<c>{_NAME})"),
    ("firma", rf"\b(?:w firmie|na empresa|da empresa|presso(?: la| il| l')?) (?P<c>{_NAME})"),
    # who writes: 'Te escribo del Estudio Contable Ferraro', 'I'm writing from Acme'
    ("writing_from", rf"\b(?:[Tt]e|[Ll]e|[Ll]es) escribo (?:de|del|desde)(?: la| el)? (?P<c>{_NAME})|"
                     rf"\b(?:I.m|I am) writing from (?P<c2>{_NAME})"),
    # Vietnamese 'tại Công ty Cổ phần Tiki', Arabic 'لدى شركة Majid Al Futtaim'
    ("tai_cong_ty", rf"\btại (?:Công ty )?(?:Cổ phần |TNHH )?(?P<c>{_NAME})"),
    ("lada_sharika", rf"لدى (?:شركة )?(?P<c>{_NAME})"),
]
SUBJECT_PATTERNS: list[tuple[str, str]] = [
    ("subject_at", rf"(?i:application|applying|interest|Bewerbung|candidature)\b.{{0,80}}?\b(?i:to|at|in|with|bei|"
                   rf"chez) (?P<c>{_NAME})\s*$"),  # (not 'for': 'your application for Clinical Product Manager')
    ("subject_at_mid", rf"(?i:application|applying|interest|Bewerbung|candidature)\b.{{0,60}}?\b(?i:to|at|with|bei|"
                       rf"chez) (?:der |dem |the )?(?P<c>{_NAME})"),
    ("subject_prefix", rf"^(?P<c>{_NAME})\s*[:|–—-]\s"),
    ("subject_from", rf"\b(?i:from|von) (?P<c>{_NAME})[!.]?\s*$"),  # (not "de": "Analista de Datos")
]
ROLE_PATTERNS: list[tuple[str, str]] = [
    ("the_x_position", r"(?:for|to|in|on|about|regarding) (?:the|our|this) (?:position of |role of )?"
                       r"(?P<r>[^.,;\n]{3,90}?(?:, [A-Z][^.,;\n]{1,40}?)?) (?:position|role|job|opening|vacancy|"
                       r"process|contract|assignment|post)\b"),
    ("position_of", r"(?:position|role|post) (?:of|as|for) (?:an? )?(?P<r>[^.,;\n]{3,90}?)"
                    r"(?= at | with | in |[.,;\n]|$)"),
    ("oferta", r"\boferta (?:de )?(?P<r>[^.,;\n]{3,90}?)(?= de la empresa | en | con |[.,;!\n]|$)"),
    ("functie", r"\b(?:functie|vacature) (?:van |als )?(?P<r>[^.,;\n]{3,90}?)(?= bij | in | binnen |[.,;!\n]|$)"),
    ("stelle_als", r"(?:Stelle|Position|Job)(?: als | *: *| )(?P<r>[^.,;\n]{3,90}?)(?= bei | bij | in |[.,;\n]|$)"),
    # a labelled line or a table row ('Job | Level Designer', 'Role: Software QA Engineer, Siri')
    ("labelled", r"(?m)^[ \t]*(?:Job(?: title)?|Role|Position|Title|Vacancy|Posting|Stelle|Poste|Puesto)[ \t]*[:|]"
                 r"[ \t]*(?P<r>[^\n|]{3,90}?)[ \t]*$"),
    ("poste_de", r"poste (?:de |d')(?P<r>[^.,;\n]{3,90}?)(?= chez | au | à |[.,;\n]|$)"),
    ("application_for", r"(?:application|applying|applied|process|candidacy|consideration) for (?:the )?"
                        r"(?P<r>[^.,;\n]{3,90}?(?:, [A-Z][^.,;\n]{1,40}?)?)"
                        r"(?= at | with | in | here| is | has | was | made |[.,;!\n]|$)"),
    # 'join Cleo as Staff Data Engineer, with …'
    ("join_as", r"\bjoin (?:us|the team|[\w&.-]+(?: [\w&.-]+)?) as (?:an? |our |the )?(?P<r>[^.,;\n]{3,90}?)"
                r"(?=, | with | at | in | on | starting | from |[.;!\n]|$)"),
    ("bewerbung_als", r"Bewerbung (?:als |für (?:die |den )?(?:Position|Stelle|Job)? ?(?:als )?|auf (?:die |den )?"
                      r"(?:Position|Stelle) (?:als )?)(?P<r>[^.,;\n]{3,90}?)(?= bei\b| in\b| an\b|[.,;!\n]|$)"),
    ("puesto_de", r"(?:puesto|cargo|vacante|posición|posicion|posição|posicao|vaga) (?:de |como |para )"
                  r"(?P<r>[^.,;\n]{3,90}?)(?= en | con | para | na | no | em | da | do |[.,;!\n]|$)"),
    ("posizione_di", r"(?:posizione|ruolo) (?:di |come )(?P<r>[^.,;\n]{3,90}?)(?= presso | in | a | per |[.,;!\n]|$)"),
    ("tjansten_som", r"(?:tjänsten|rollen) som (?P<r>[^.,;\n]{3,90}?)(?= på | hos | i |[.,;!\n]|$)"),
    ("stanowisko", r"\bstanowisk\w* (?P<r>[^.,;\n]{3,90}?)(?= w | we | \(|[.,;!\n]|$)"),
    # Vietnamese 'vị trí X tại', Ukrainian and Russian 'вакансії X у', Hebrew 'למשרת X ב-', Arabic 'لوظيفة X في',
    # Catalan 'plaça de X', Korean 'X 포지션'
    ("vi_tri", r"\bvị trí (?P<r>[^.,;\n]{3,60}?)(?= tại | ở | của |[.,;!\n]|$)"),
    ("vakansiya", r"\bвакан(?:сі|си)\w* (?P<r>[^.,;\n]{3,60}?)(?= (?:у|в|до) |[.,;!\n]|$)"),
    ("lemishrat", r"למשרת (?P<r>[^.,;\n]{3,60}?)(?= ב-| ב|[.,;!\n]|$)"),
    ("lewazifa", r"لوظيفة (?P<r>[^.,;\n(]{3,60}?)(?= في | لدى |[.,;!\n(]|$)"),
    ("placa_de", r"\bplaça de (?P<r>[^.,;\n]{3,60}?)(?= a | us |[.,;!\n]|$)"),
    ("posicion_ko", r"(?P<r>[A-Za-z][\w /&+,-]{2,60}?) 포지션"),
    # a job card ('Senior Data Engineer' over 'Klarna · Stockholm'): the title on the line above the company's
    ("job_card", r"(?m)^[ \t]*(?P<r>[^\n]{3,90}?)[ \t]*\n[ \t]*[^\n·]{2,60} · [^\n]{2,60}$"),
]
_BODY = [(n, re.compile(p)) for n, p in BODY_PATTERNS]
_SUBJ = [(n, re.compile(p)) for n, p in SUBJECT_PATTERNS]
_ROLE = [(n, re.compile(p, re.IGNORECASE)) for n, p in ROLE_PATTERNS]
_NOT_A_COMPANY = re.compile(r"^(us|our|we|you|your|the|this|that|a|an|it|our team|the team|my|me|all|any|other|these|"
                            r"positions?|roles?|jobs?|company|companies|interest|opportunit\w*|applying|dear|hi|hello|"
                            r"thank\w*|unfortunately|please|re|fw|fwd|update|status|application|career\w*|software|"
                            r"uns|unser\w*|Ihr\w*|dein\w*|Sie|der|die|das|nous|notre|vous|votre|le|la|les|Herr|Frau|"
                            r"Lieber?|Unternehmen|Mitarbeit|Firma|Team|Global|Corporate|Entry|Level|Senior|Junior|"
                            r"HR|RH|Recruitment|Recruiting|Resourcing|Human Resources|Talent Acquisition|People|"
                            r"Intern\w*|Engineer\w*|Developer|Data|Product|Kennzahl|Referenz\w*|Offer|Interview|"
                            r"Einladung|Application|Next|Invitation|Congratulations|Re|Aw|Wg|Ihre Bewerbung.*|Your .*|"
                            # the first word of a subject ('Received: …', 'Entrevista - …') says what, not who
                            r"Received|Confirmation|Reminder|Important|Urgent|Welcome|Greetings|Feedback|Follow|"
                            r"Entrevista|Entretien|Candidatura|Candidature|Bewerbung|Absage|Rückmeldung|Zusage|"
                            r"Ansökan|Intervju|Aplikacja|Rozmowa|Oferta|Offre|Angebot|Action required|Next steps|"
                            r"Haus|Nächster|Next step|Update|Prueba|Home|Good news|Quick|"
                            r"Eingangsbestätigung.*|Empfangsbestätigung.*|Bestätigung.*|Acknowledg\w*.*|"
                            # an automatic reply's subject ('Automatische Antwort: Bewerbung als …')
                            r"Automatische Antwort|Automatic reply|Auto-?reply|Autoreply|Réponse automatique|"
                            r"Respuesta automática|Risposta automatica|Resposta automática|Out of office|"
                            r"Abwesenheitsnotiz|Proposta|Propuesta|Convite|Zaproszenie|Colloquio|Invito|Oferta de.*|"
                            # who decided is a committee, not the employer ('The Selection Committee has decided')
                            r"(\w+ )?(committee|kommission|comité|comite|jury|panel)|"
                            r"It .*)$",
                            re.IGNORECASE)


_MAIL_WORDS = frozenset(("interview", "interviews", "offer", "application", "update", "invitation", "invite",
                         "assessment", "einladung", "entrevista", "entretien", "proposta", "oferta", "candidatura"))


@dataclass(frozen=True)
class Found:
    value: str | None
    source: str | None  # the pattern that found it, e.g. 'body:position_at', 'sender_name', 'domain'


def _is_ats(text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"\b{re.escape(a)}\b", low) for a in ATS)


def _clean(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .,-–—:;!'’\"")
    name = re.sub(r"['’]s$", "", name)
    words = name.split()
    while words and _NOT_A_COMPANY.match(words[0]):
        words = words[1:]
    while words and words[-1].lower() in ("and", "for", "of", "&", "und", "de", "the", "team", "inc", "llc"):
        if words[-1].lower() in ("inc", "llc"):
            break
        words = words[:-1]
    # what the mail is, after the name in a subject ('Chipotle Interview: …')
    while len(words) > 1 and words[-1].lower() in _MAIL_WORDS:
        words = words[:-1]
    name = " ".join(words[:6])
    if (not name or len(name) < 2 or _NOT_A_COMPANY.match(name) or _is_ats(name) or name.isdigit()
            or re.search(r"\d{4,}", name)  # 'I-211299' is a requisition number
            or (" " in name and _JOB_NOUN.fullmatch(name.rsplit(" ", 1)[1]))  # 'Account Executive' ('TripAdvisor' is
            or re.match(r"(?i)head of\b", name)):  # a company), 'Head of Data'
        return None
    return name


# a domain's labels that name no company ('mail.', 'careers.', '.co.uk', '.sch.uk')
_NO_NAME_LABELS = ("mail", "email", "e", "careers", "jobs", "talent", "hr", "us", "eu", "recruiting", "notifications",
                   "www", "co", "com", "ac", "sch", "gov", "nhs", "org", "edu", "net", "ltd", "plc", "mod", "gob",
                   "gouv", "go")


def _same_letters(name: str, host: str) -> bool:
    """Whether a name is the one a domain runs together ('Delivery Hero SE' and deliveryhero.com)."""
    letters = re.sub(r"[^a-z0-9]", "", name.lower())
    labels = [p for p in host.split(".")[:-1] if len(p) >= 3]
    return bool(letters) and any(p in letters or letters in p for p in labels)


def company_of(subject: str, body: str, sender_name: str = "", sender_addr: str = "") -> Found:
    """The hiring company: the body's own words first, then the subject, then the sender's display name, then a
    signature's line, then the sender's domain. An ATS's or a job board's name is never the answer."""
    head = (body or "")[:3000]
    for name, rx in _BODY:
        for hit in rx.finditer(head):
            c = _clean(hit.group("c") or hit.groupdict().get("c2") or "")
            if c:
                return Found(c, f"body:{name}")
    for name, rx in _SUBJ:
        m = rx.search(subject or "")
        if m:
            c = _clean(m.group("c"))
            if c:
                return Found(c, f"subject:{name}")
    host = sender_addr.rsplit("@", 1)[1].lower() if "@" in (sender_addr or "") else ""
    free_mail = not host or any(p in FREEMAIL for p in host.split(".")[:-1]) or _is_ats(host.replace(".", " "))
    board = any(re.search(rf"(^|\.){re.escape(b)}\.", host + ".") for b in JOB_BOARDS)
    if (sender_name or "").strip().lower() in JOB_BOARDS:
        sender_name, board = "", True
    if sender_name and "@" not in sender_name and not board:
        # 'Attio via Rippling': the employer, relayed by a platform (a person relayed by LinkedIn is no company)
        relayed = re.fullmatch(r"(.+?)\s+via\s+(.+)", sender_name.strip(), re.IGNORECASE)
        if relayed and _is_ats(relayed.group(2)) and not re.search(r"(?i)\b(linkedin|xing)\b", relayed.group(2)):
            sender_name = relayed.group(1)
        stripped = re.sub(_ROLE_WORDS, " ", sender_name, flags=re.IGNORECASE)
        stripped = re.sub(r"\s+", " ", stripped).strip(" -|,@")
        # a person's name ('Mira H.', 'Jane Doe <jane.doe@acme.com>', 'Jane Recruiter <jdoe@…>') is not a company:
        # the name is the one the address is made of
        local, _, domain = sender_addr.lower().partition("@")
        local = "" if _is_ats(domain.replace(".", " ").replace("-", " ")) else local  # myworkday: the company's slug
        person = (re.fullmatch(r"[A-ZÄÖÜ][a-zäöüé]+ [A-ZÄÖÜ]\.?|(?:Mrs?|Ms|Dr)?\.? ?[A-ZÄÖÜ]\.? [A-ZÄÖÜ][a-zäöüé]+",
                                stripped or "")
                  or sender_addr.startswith("redacted@")
                  or stripped.lower() in _writers(body or ""))
        # a name the address is made of is a person's, unless someone else signs the mail ('Panadería La Espiga
        # <laespiga.rh@gmail.com>', signed 'Lupita Hernández')
        others = _writers(body or "")
        person = person or (any(len(w) >= 3 and w in local for w in re.findall(r"[a-zäöüé]+", (stripped or "").lower()))
                            and not any(w in local for w in ("career", "job", "talent", "recruit", "hr", "hiring",
                                                             "team"))
                            and not (free_mail and others
                                     and not any(set(w.split()) & set((stripped or "").lower().split())
                                                 for w in others)))
        c = _clean(stripped) if stripped and not person else None
        if c:
            return Found(c, "sender_name")
    signed = _signed_by(body or "")
    if signed and (free_mail or board or _ORG_WORD.search(signed) or _same_letters(signed, host)):
        # a company's own domain names it better than a signature's line, unless the line is its name in full
        return Found(signed, "signature")
    if sender_addr and "@" in sender_addr:
        labels = sender_addr.rsplit("@", 1)[1].split(".")
        parts = [p for p in labels[:-1] if p not in _NO_NAME_LABELS]
        if parts and not _is_ats(parts[-1]) and parts[-1] not in FREEMAIL and parts[-1] not in JOB_BOARDS:
            return Found(_spelt_as_written(parts[-1], head) or parts[-1].capitalize(), "domain")
    return Found(None, None)


# the closing of a mail ('Kind regards,'), after which come a name, a job title, the employer, an address
_CLOSING = re.compile(r"(?im)^[ \t]*(?:(?:best|kind|warm|warmest|many thanks and)[ \t]+)?(?:regards|wishes|sincerely|"
                      r"yours sincerely|yours faithfully|best|thanks|thank you|cheers|all the best|respectfully|"
                      r"mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|cordialement|"
                      r"bien cordialement|saludos|un saludo|atentamente|cordiali saluti|distinti saluti|"
                      r"met vriendelijke groet(?:en)?|vriendelijke groeten|med vänliga hälsningar|vänliga hälsningar|"
                      r"med venlig hilsen|med vennlig hilsen|pozdrawiam|z poważaniem|atenciosamente|"
                      r"cumprimentos|з повагою|с уважением|üdvözlettel|atentament|trân trọng|감사합니다|"
                      r"בברכה|مع أطيب التمنيات|مع خالص التحية|groetjes|saludos cordiales|hälsningar|"
                      r"met vriendelijke groeten?)[ \t]*[,!.:]?[ \t]*$")
_SIGNATURE_NOISE = re.compile(r"(?i)@|https?:|www\.|\d{3}|\b(tel|phone|mobile|fax|email|e-mail|address|street|st\.|"
                              r"road|rd\.|avenue|suite|floor|linkedin|sent from|confidential|unsubscribe|pronouns|"
                              r"she/her|he/him|they/them)\b")
_ORG_WORD = re.compile(r"(?i)\b(inc|llc|ltd|limited|gmbh|ag|plc|corp|corporation|company|group|holdings|partners|"
                       r"school|academy|college|university|hospital|clinic|trust|council|agency|foundation|institute|"
                       r"bank|studio|studios|labs?|solutions|technologies|systems|services|consulting|restaurant|"
                       r"café|cafe|hotel|practice|surgery|nhs|ministry|department|library|museum|church|centre|center)\b")


_TITLE_WORD = re.compile(r"(?i)\b(founder|co-?founder|ceo|cto|coo|cfo|owner|director|manager|head|partner|recruiter|"
                         r"lead|headteacher|principal|president|chef|sourcer|generalist|coordinator|specialist|"
                         r"talent|recruit\w*|hr|people|human resources|personal\w*|rh|recrutement|"
                         r"reclutamiento|selección)\b")


def _signed_by(body: str) -> str | None:
    """The employer a signature names on a line of its own under the writer's name and job title ('Kind regards,
    / Jane Smith / Talent Partner / Northwind Traders'): the first short line after the closing that is neither
    the writer's name nor a job title, a phone, an address or a link. A line that is only a capitalised name is
    taken when an organisation's word marks it ('St Mary's Primary School') or a job title stood above it."""
    for close in _CLOSING.finditer(body[:6000]):  # (a reply's closing, then the quoted mail's)
        found = _signature_block(body[close.end():close.end() + 600])
        if found:
            return found
    return None


def _signature_block(text: str) -> str | None:
    lines = [ln.strip(" \t|·•-–—") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln][:5]
    titled = False
    pending: str | None = None  # a line under the name that names neither a job nor an organisation
    for i, ln in enumerate(lines):
        if _SIGNATURE_NOISE.search(ln) or len(ln) > 60 or ln.endswith((":", "?", "!")) or ln[:1].islower() or (
                ln.endswith(".") and not re.search(r"\b(Inc|Ltd|Co|Corp|S\.A|B\.V)\.$", ln)):
            break  # the signature's block of names is over: contact lines, a footer or a sentence follow
        words = ln.split()
        if i == 0 and len(words) <= 4 and all(w[:1].isupper() for w in words) and not _ORG_WORD.search(ln):
            continue  # the writer's name
        title, rest = (re.split(r"\s+(?:at|@)\s+|\s*[,|]\s+", ln, maxsplit=1) + [""])[:2]
        if _JOB_NOUN.search(title.strip()) or _TITLE_WORD.search(title):
            titled = True  # 'Talent Acquisition Partner', 'Founder & CEO, Tiny Robots Ltd.'
            if rest and rest[:1].isupper() and not _JOB_NOUN.search(rest) and not _TITLE_WORD.search(rest):
                return _clean(rest)
            continue
        if (titled or _ORG_WORD.search(ln)) and len(words) <= 6 and words[0][:1].isupper():
            c = _clean(ln)
            if c and not _SENTENCE_WORD.search(c):
                return c
        if i >= 2:
            return None
        pending, titled = ln, True  # a job title ('Headteacher'), or the employer when nothing follows it
    else:
        i = len(lines)
    # the last line of names, two words or more, under the writer's ('Sanne' / 'Koffiebar De Gouden Boon')
    if pending and lines.index(pending) == i - 1 and len(pending.split()) >= 2 and not _JOB_NOUN.search(pending):
        c = _clean(pending)
        return c if c and not _SENTENCE_WORD.search(c) else None
    return None


def _writers(body: str) -> set[str]:
    """The names a mail is signed with (the first line under each closing), lowercased."""
    out = set()
    for close in _CLOSING.finditer(body[:6000]):
        first = next((ln.strip() for ln in body[close.end():close.end() + 200].splitlines() if ln.strip()), "")
        if first:
            out.add(re.sub(r"\s+", " ", first).lower())
    return out


def _spelt_as_written(token: str, text: str) -> str | None:
    """The company as the mail writes the name its domain runs together: 'traderepublic' -> 'Trade Republic',
    'factorialhr' -> 'Factorial' (a domain's 'hr', 'app' or 'hq' is no part of the name)."""
    stems = [token] + [token[: -len(x)] for x in ("hr", "app", "hq", "jobs", "careers", "group", "inc")
                       if token.endswith(x) and len(token) - len(x) >= 3]
    for stem in stems:
        rx = re.compile(r"(?<![\w-])" + r"[ -]?".join(map(re.escape, stem)) + r"(?![\w-])", re.IGNORECASE)
        for m in rx.finditer(text or ""):
            if m.group(0)[:1].isupper():
                return m.group(0)
    return None


# A job title is a capitalised noun phrase ('Data Analyst', 'iOS Developer'), not a piece of a sentence ('this
# particular role', 'the position with us at Unity', 'the Candidate Home to review your other ...') or an id.
_SENTENCE_WORD = re.compile(r"(?i)\b(you|your|we|our|us|they|their|my|will|would|can|could|has|have|had|been|"
                            r"is|are|was|were|not|sie|ihr|ihre|wir|vous|nous)\b")  # ('Applied Scientist' is a title)
_LEADING_SMALL_WORD = re.compile(r"(?i)^(at|with|in|for|to|of|on|and|or|from|by|as|same|following|open|available|"
                                 r"this|that|other|current|bei|mit|für|chez|pour)\b")
_AN_ID = re.compile(r"(?i)^(job |req(uisition)? |ref(erence)? )?(id|no\.?|number|nr\.?|#)\s*[:#]?\s*[\w-]+$")


def looks_like_title(text: str) -> bool:
    """Whether a phrase a pattern caught reads as a job title (see the rule above): its first word capitalised
    (or with a capital inside, 'iOS'; or a number or bracket, '2020-45452 ...', '(Junior) ...')."""
    first = text.split(" ", 1)[0] if text else ""
    return (3 <= len(text) <= 90 and (any(c.isupper() for c in first) or first[:1].isdigit() or first[:1] == "(")
            and not _SENTENCE_WORD.search(text) and not _LEADING_SMALL_WORD.match(text) and not _AN_ID.match(text))


def _trimmed_title(text: str) -> str:
    """The title without what a pattern caught past it: a closing quote and what follows ('Senior AI Engineer"
    und Ihr Interesse'), the rest of a sentence ('... Intern and will not be'), a label before it ('Title: ')."""
    r = re.sub(r"\s+", " ", text).strip(" -–:\"'“”„")
    r = re.split(r"[\"“”„]", r)[0]
    r = re.split(r" (?:and|und|et|with|at|who|which|that) (?=[a-zäöüß])", r)[0]
    r = re.sub(r"^(?:the|a|an|our|this|die|der|le|la) ", "", r, flags=re.IGNORECASE)
    r = re.sub(r"^(?:job title|title|position|role|stelle|titel)\s*:\s*", "", r, flags=re.IGNORECASE)
    gender = r"\s*[(\[](?:[mwdfxhi]|gn|all genders?)(?:\s*[/|,*]\s*(?:[mwdfxhi]|gn))*[)\]]"  # '(m/w/d)', '(f/m/x)'
    r = re.sub(gender, "", r, flags=re.IGNORECASE)
    # a requisition id in brackets ('(R-0234567)', '(EMA/AD/512)'); a level ('(L4)') stays
    r = re.sub(r"\s*[(\[][^()\[\]]*\d{3,}[^()\[\]]*[)\]]", "", r)
    return re.sub(r" (?:opportunity|position|role|job|opening|vacancy)$", "", r, flags=re.IGNORECASE).strip(" -–:")


# words that make a part of a subject about the mail, not the job ('Update on …', '… Application (Alex Doe)')
_SUBJECT_WORD = re.compile(r"(?i)\b(update|application|bewerbung|candidature|candidatura|your|deine|ihre|votre|"
                           r"tu|su|re|fwd|aw|status|thank\w*|danke|merci|gracias)\b|\(")


# the last word of most job titles ('Warehouse Operations Supervisor', 'Projektingenieur')
_JOB_NOUN = re.compile(r"(?i)(engineer|developer|manager|analyst|supervisor|specialist|coordinator|designer|scientist|"
                       r"consultant|lead|director|assistant|associate|intern|architect|administrator|officer|"
                       r"representative|technician|accountant|advisor|adviser|executive|controller|researcher|"
                       r"ingenieur|entwickler(in)?|berater(in)?|werkstudent(in)?|praktikant(in)?|referent(in)?|"
                       r"leiter(in)?|sachbearbeiter(in)?)$")


_CURLY = re.compile(r"(?<=\w)\u2019(?=\w)")
# what stands before a title in a subject ('Interview for', '[Coupang]', 'Vacante', 'Щодо вакансії', '… vị trí')
_BEFORE_TITLE = re.compile(r"(?i)^(?:\[[^\]]*\]\s*|(?:.*\b(?:for|as|als|pour|para|vị trí|вакансії|вакансии|"
                           r"вакансію|vacante|puesto|plaza|poste|oferta)\s+))")


def _title_inside(part: str) -> list[str]:
    """A title inside a longer part of a subject: after what names it ('Interview for Site Reliability Engineer',
    'Vacante Auxiliar contable'), and the Latin-script words of a part written in another script ('Щодо вакансії
    QA Engineer у MacPaw', '[Coupang] Backend Engineer 코딩테스트 안내')."""
    out = []
    after = _BEFORE_TITLE.sub("", part).strip()
    if after and after != part and not re.search(r"[^\x00-\u024f\s\u2013\u2014]", after):  # (Latin script only)
        out.append(re.sub(r"\s+(?:tại|ở)\s+.*$", "", after))
    runs = re.findall(r"[A-Za-z][A-Za-z0-9&/+.-]*(?: [A-Za-z][A-Za-z0-9&/+.-]*)+", part)
    out += [r for r in runs if r != part]
    return out


def role_of(subject: str, body: str) -> Found:
    """The job title where the mail names it ('the Data Analyst position', 'die Stelle als ...'): the first phrase
    one of the patterns catches that reads as a title. In a reply, its own words first, then the subject, then
    the message it quotes."""
    from analysis.mail.rules import own_text

    body = _CURLY.sub("'", (body or "")[:3000])
    subject = _CURLY.sub("'", subject or "")
    own = own_text(body)
    places = [("body", own), ("subject", subject or "")]
    if len(own) < len(body):
        places.append(("quoted", body[len(own):]))
    for where, text in places:
        for name, rx in _ROLE:
            pos = 0  # a match that is no title may hide one inside it ('for the final stage for the X position')
            while (m := rx.search(text, pos)) is not None:
                r = _trimmed_title(m.group("r"))
                if looks_like_title(r):
                    return Found(r, f"{where}:{name}")
                pos = m.start() + 1
        if where == "subject":
            # 'Quill – Senior Frontend Engineer', 'Indeed Application: Warehouse Operations Supervisor': a part of
            # the subject that a role family knows as a job
            from analysis.roles import OTHER_ROLES, role_family

            for part in reversed(re.split(r"\s+[–—|-]\s+|:\s+", text)):
                # 'Backend Engineer at Monzo': the title without its company
                whole = re.sub(r"\s+(?:at|@|bei|chez)\s+[A-Z0-9].*$", "", _trimmed_title(part))
                whole = re.sub(r"\s*\((?![^()]*\d)[^()]{2,40}\)$", "", whole)  # '(Remote)'; not '(L4)'
                for r in (*_title_inside(whole), whole):
                    if (looks_like_title(r) and len(r.split()) >= 2 and not _SUBJECT_WORD.search(r)
                            and (role_family(r) not in (None, OTHER_ROLES) or _JOB_NOUN.search(r))):
                        return Found(r, "subject:a_part")
    return Found(None, None)


__all__ = ["ATS", "Found", "company_of", "role_of"]
