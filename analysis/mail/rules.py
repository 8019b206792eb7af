"""What kind of mail this is, by named rules kept as data (an ordered registry, one place).

Each rule is (name, kind, pattern, confidence, where, unless). Rules are tried in order; the first one that
matches outside its `unless` decides, and the result carries the rule's name and the phrase it matched. The
body decides: rules on the subject are tried only when no body rule matched, and none of them is confident
(a subject alone cannot tell a rejection from an invitation). English, German and French, and the plain
phrases of Spanish, Portuguese, Italian and Dutch.

The order is the policy:
1. mail that is about jobs but is not about an application of yours (job alerts, digests, "your profile was
   viewed", recruiters' cold outreach) is `other` before anything else can read it;
2. explicit rejections (tier 1) before offers, assessments and invitations (a rejection after an interview
   names the interview), and before confirmations (most rejections thank you for applying);
3. soft rejections (tier 2: "we have decided to pursue other candidates whose experience more closely
   matches") after invitations and assessments, before confirmations;
4. confirmations, then account mail; anything else is `other`.

`unless` is a pattern that, found in the same sentence before the match ("if you are not selected...",
"should we wish to invite you to an interview..."), turns the match into a condition rather than news.
To extend: add a Rule where its kind belongs in the order; tests/test_mail_rules.py has an example per rule.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

KINDS = ("application_received", "rejection", "interview_invite", "assessment", "offer", "other")
JOB_KINDS = KINDS[:-1]
CONFIDENT = 0.8  # at or above: acceptable in one click per group; below: one by one


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    pattern: str
    confidence: float
    where: str = "body"  # body | subject
    unless: str | None = None  # vetoes a match when found earlier in the same sentence
    tier: int = 0  # rejections: 1 explicit, 2 soft
    rx: re.Pattern = field(init=False, repr=False, compare=False)
    unless_rx: re.Pattern | None = field(init=False, repr=False, compare=False)

    words: tuple | None = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "rx", re.compile(self.pattern, re.IGNORECASE))
        object.__setattr__(self, "unless_rx", re.compile(self.unless, re.IGNORECASE) if self.unless else None)
        object.__setattr__(self, "words", required_words(self.pattern))


def _pieces(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


Words = tuple[tuple[frozenset[str], ...], ...]  # any of (all of (any of these words))


def required_words(pattern: str) -> Words | None:
    """What every match of `pattern` must contain, read from the pattern itself: for each of its top-level
    alternatives, sets of lower-case words (ASCII letters and digits), each set one the match holds a word of. A
    few `in` tests on these spare the regex on mail that cannot match it (most mail). Derived, never written by
    hand, so a rule and its words cannot disagree; None (the regex always runs) when the pattern cannot be read."""
    try:
        # private modules, imported by name: they have no type stubs, and another Python may lack them
        c = importlib.import_module("re._constants")
        tree = importlib.import_module("re._parser").parse(pattern, re.IGNORECASE)
    except Exception:  # another Python's internals: no shortcut, same result
        return None
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))

    def conj(items) -> list[set[str]]:
        """Sets of words, every one of which a match holds a word of."""
        out: list[set[str]] = []
        run: list[str] = []

        def flush():
            if run:
                ws = _pieces("".join(run))
                run.clear()
                if ws:
                    out.append({max(ws, key=len)})

        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if op is c.AT:  # \b, ^, $: nothing consumed
                continue
            flush()
            if op is c.SUBPATTERN:
                out.extend(conj(av[3]))
            elif op is c.BRANCH:
                any_of = disj(av[1])
                if any_of:
                    out.append(any_of)
            elif op in repeats and av[0] >= 1:
                out.extend(conj(av[2]))
        flush()
        return [x for x in out if min(map(len, x)) >= 2]

    def best(sets: list[set[str]]) -> set[str] | None:
        return max(sets, key=lambda x: (min(map(len, x)), -len(x))) if sets else None

    def disj(branches) -> set[str] | None:
        picks = [best(conj(b)) for b in branches]
        found = [p for p in picks if p]
        return set().union(*found) if len(found) == len(picks) else None

    try:
        top = list(tree)
        branches = top[0][1][1] if len(top) == 1 and top[0][0] is c.BRANCH else [tree]
        out = []
        for b in branches:
            sets = sorted(conj(b), key=lambda x: (-min(map(len, x)), len(x)))[:3]
            if not sets:
                return None
            out.append(tuple(frozenset(x) for x in sets))
        return tuple(out)
    except Exception:
        return None


def may_match(words: Words | None, low: str) -> bool:
    """False only when `low` (lower-cased text) lacks what every match needs."""
    if words is None:
        return True
    for alt in words:  # plain loops: this runs for every rule on every message, generators cost more than the tests
        for any_of in alt:
            for w in any_of:
                if w in low:
                    break
            else:
                break  # no word of this set: this alternative cannot match
        else:
            return True
    return False


# a condition or a possibility, not news: "if you are not selected", "should we decide", "falls", "si"
CONDITIONAL = (r"\b(if|whether|should|in case|in the event|once|unless|may|might|could|would you|falls|"
               r"sofern|sollten?|si|au cas o[uù]|lorsque)\b|\bwill (\w+ )?(reach out|contact|be in touch|get in touch|"
               r"call|email)\b|\b(shortlisted|selected|successful|suitable) (candidates|applicants) (will|would|may|"
               r"are (then )?invited)\b|\b(candidates|applicants|applications) (who|that|which) (do not|don.t|does not|"
               r"fail|are not|have not|are incomplete)\b|\b(candidates|applicants|applications|those|people) (who|that|"
               r"which) (are|were|have|has|do|did)( been)?\s*$|\bincomplete applications\b|\b(werden|"
               r"wird) (wir |sich )?(uns |Sie |dich )?(bei (Ihnen|dir) )?melden|"
               r"\b(laten|laat) (we |ik )?(je|u) (\w+ )?weten of\b")
# (not a bare 'ne': French writes 'pas' beside it, Romanian 'ne' is 'us')
NEGATED = r"\b(not|n[o']t|unable|no|nicht|kein\w*|pas|n')\b"
# an invitation is often a question ('Would you be up for coming in for a trial shift?'): not a condition there
ASKED = CONDITIONAL.replace("|would you|", "|")
_APPLICATION = r"(application|candidacy|candidature|resume|cv|profile|submission)"
_OTHERS = r"(other|another|a different|more qualified|stronger|better[- ]suited|more suitable|alternative)"

RULES: list[Rule] = [
    # 0. applications and interviews that are not for a job: a flat, a card, a loan, a visa; events
    # (decisive wherever it stands: no job mail mentions a tenancy or a credit card)
    Rule("not_a_job", "other",
         r"\b(rental|lease|tenancy|tenant|apartment|flat|housing) application|"
         # applying for a card, not a card among an offer's benefits ('a corporate credit card')
         r"\b(applying|applied|application) for (the |a |your )?[\w ]{0,40}\b(credit|debit|visa|rewards) card\b|"
         r"\bcard\W{0,2} application|\b(loan|mortgage|insurance|membership) application|"
         # a product applied for ('an ING Personal Loan'), not a job named after one ('the Loan Officer role')
         r"\bapplication for (a|an|your) (\w+ ){0,3}(loan|mortgage|overdraft)\b(?! (officer|advisor|adviser|"
         r"processor|underwriter|specialist|analyst|consultant|manager|broker|agent|associate|administrator|"
         r"coordinator|assistant|representative|originator))|"
         # a school's place for a child
         r"\boffer (you|your (child|son|daughter))\b.{0,60}\ba place\b|\ba place (at|in) (\w+ ){0,4}(school|nursery|"
         r"kindergarten|pre-?school)\b|"
         # a grant, a scholarship, an insurance claim, volunteering, a research session: named where they cannot be a
         # job mail's side remark (a startup's 'funding round', a 'User Research' team hiring, an expense 'claim')
         r"\b(grant|funding|scholarship|bursary) (application|applicants?|panel|committee)\b|\bapplication for "
         r"(a |the |our )?(\w+ ){0,3}(grant|funding|scholarship|bursary)\b(?! (officer|manager|coordinator|"
         r"administrator|assistant|analyst|advis[eo]r|lead|specialist))|\boffer you a (scholarship|grant|bursary)\b|"
         r"\byour (insurance )?claim (has been|was|is|had been) (\w+ )?(declined|rejected|denied|approved|accepted)\b|"
         r"\bvolunteer(ing)? (application|placement)\b|\b(apply|applying|applied|application) to volunteer\b|"
         r"\b(usability (study|test|session)|research participant)\b|\b(take|taking) part in (our|a|this) "
         r"(research|study)\b|\b(grants and funding|funding and grants) team\b|"
         # a university's admission
         r"\boffer you (a place|admission)|\badmission (to|into) (the|our)\b|\badmissions? (committee|office|decision|"
         r"interview)|"
         r"\byour application for admission|"
         r"\bapplication for (import |export )?customs clearance\b|\bholding deposit\b|\b(schedule|book) a "
         r"viewing\b|\bfor this (apartment|flat)\b|\byour (proposal|talk|abstract) "
         r"(\"[^\"]{1,100}\" )?(was|were|has been|have been|is) (not )?(accepted|selected|rejected|declined)|"
         r"\bcall for (papers|proposals|speakers)\b|\b(accept|select|include) your (talk|abstract|(talk |session )?"
         r"proposal)\b|\b(your|the) manuscript\b.{0,120}\b(journal|reviewers|"
         r"publication)\b|\bmanuscript (ID|number)\b|\baccepted for publication\b|"
         r"\b(hitelkérelm|hiteligénylés|kölcsönigénylés|személyi kölcsön)\w*",
         0.85),
    # events and consulates: what the mail says first decides (an ATS footer may advertise a careers fair; an
    # offer may mention the visa it sponsors)
    Rule("an_event", "other", r"\b(meetup|webinar|panel discussion|careers? fair|job fair|hackathon)\b", 0.85),
    Rule("visa_appointment", "other", r"\b(consulate|embassy|consular)\b.{0,80}\b(interview|appointment)|"
                                      r"\b(entrevista|cita) consular\b|\b(consulado|embajada)\b.{0,80}\b(cita|visado|"
                                      r"visa)\b|\b(cita|visado|visa)\b.{0,80}\b(consulado|embajada)\b|"
                                      r"\b(interview|appointment)\b.{0,80}\b(consulate|embassy|consular)\b|"
                                      r"\bvisa (interview|appointment)", 0.85),
    # a flat, an appointment of one's own (a dentist's 'pick a time'), an out-of-office reply ('Your email has been
    # received'), a withdrawal confirmed: no application to propose
    Rule("not_job_mail", "other",
         r"\b(landlord|letting agent|Vermieter\w*|Wohnung|WG-Zimmer|Mietinteress\w*)\b|"
         r"\b(dentist|dental (practice|appointment|check)|your (doctor|GP|dental|medical) appointment|"
         r"Zahnarzt\w*)\b|\b(I am|I.m) (currently )?(out of (the )?office|away from (the office|my desk)|on (annual |"
         r"parental |sick )?leave)|\bout of (the )?office (until|from|till)\b|\b(bin|sind) (\w+ )?(nicht im Büro|"
         r"abwesend)|\bje suis absente?\b|\b(you have|you.ve|has been) (successfully )?withdrawn (your|the|this) "
         r"application|\bwithdrawal of your application (has been|is) (confirmed|received|complete)", 0.85),
    # 2. explicit rejections (tier 1)
    Rule("rejection_not_moving_forward", "rejection",
         r"((will|shall|are|am|have|has|had|would|won.?t|decided|decision)\W+(\w+\W+){0,3}?(not|n.t|to not)|"
         r"\bwon.?t|\bwe.?re not|\bwe are not)\W+"
         r"(\w+\W+){0,2}?(be )?(moving|move|going|go|proceed(ing)?|progress(ing)?|continu(e|ing)|pursu(e|ing)|"
         r"advanc(e|ing))( forward| further| ahead)?\b(?! with (the|our) (hiring|interview)|( \w+)? with (me|him|"
         r"her|them)\b)", 0.95, unless=CONDITIONAL,
         tier=1),
    Rule("rejection_others_chosen", "rejection",
         rf"(decided|chosen|elected|opted|choose|selected|identified|decision) (\w+ ){{0,3}}(to )?(move|go|moving|"
         rf"going|proceed|continue|pursue|move ahead|focus|forward)(\w| ){{0,20}}\b(with )?{_OTHERS}|"
         rf"(moved|moving|move|go|going|proceed|proceeding|continue) (forward |ahead )?with {_OTHERS} (candidates?|"
         rf"applicants?|people|individuals)|"
         rf"(has|have|had|.ve) (identified|selected|chosen|found|hired|picked) (\w+ ){{0,2}}(others|another|other "
         rf"candidates|a candidate|someone|the candidate|an? (internal|external|other) candidate)|"
         rf"(go|gone|went|going|proceed\w*|move forward|moving forward|continue) with (someone|somebody) else|"
         rf"(offered|given|awarded) (the (role|position|job) )?to (another|a different|an internal|an? other|"
         rf"the other) "
         rf"(candidate|applicant|person)|(another|a different|an? other|an internal) (candidate|applicant|person)s? "
         rf"(was|were|has been|have been) (selected|chosen|hired|offered)|"
         rf"(role|position|job)\b.{{0,40}}\b(has |had )?(gone|went) to (an? )?(internal|other|another|different) "
         rf"(candidate|applicant|person|colleague)|promot\w* (from within|internally)|hir\w* from within|"
         rf"pursue (other|another) (candidates?|applicants?)|"
         rf"(other|another) (candidates?|applicants?) (whose|who|that) .{{0,80}}(more|better|closely|closer)|"
         rf"(extended|extend|made|make|accepted) (an|the|our) offer (out )?to (a|another|other|the) (\w+ )?(candidate|"
         rf"applicant|person)|"
         rf"(decided|chosen|opted|chose) to (go|move forward|proceed|continue) with (a|an|the) (candidate|applicant|"
         rf"person) (who|whose|that|with)\b|"
         rf"(gone|went|go|going|proceed\w*) with (an? )?(internal|other|another|different|more experienced|stronger) "
         rf"(candidate|applicant|person|hire)|(filled|fill) (the (role|position) |it )?internally|hired internally|"
         rf"(going to|gonna|decided to|have to|.ll|will) pass"
         rf"(?: on (?:you|your (?:\w+ )?(?:application|candidacy|profile)|"
         rf"this(?: one)?))?(?= for now| at this (?:time|stage|point)| this time|\s*[.!,;])", 0.9,
         unless=CONDITIONAL, tier=1),
    Rule("rejection_not_selected", "rejection",
         r"(not|n.t) (been )?(selected|chosen|shortlisted|successful)|unsuccessful|"
         r"(unable|not able) to (offer|extend|move|proceed|progress|consider|pursue|continue)"
         r"(?! (visa|sponsorship|relocation|remote|hybrid|flexible|accommodation|housing|reimburse\w*|a remote|any "
         r"(visa|sponsorship|relocation)))|"
         r"(decided|decision|chosen) not to (choose|select|invite|consider|hire|offer|pursue|progress|extend|move|"
         r"proceed|continue|advance)(?!( \w+){0,2} with (me|him|her|them)\b)|"
         r"(did not|didn.t|does not|doesn.t|not) (quite )?meet (the|our) (\w+ ){0,2}(threshold|bar|standard)|"
         r"(is not|isn.t|aren.t|are not|was not|wasn.t|were not|not|n.t feel (that )?(it|you) (is|are)) (\w+ ){0,2}"
         r"(a |the )?(strong |good |great |right |close |suitable )?(match|fit)\b|"
         r"(do not|don.t|did not|didn.t) have (a|an|any) (\w+ ){0,2}(position|role|opening|vacancy) (that|which|"
         r"for you)|no longer (processing|reviewing|accepting|considering)|"
         r"no longer (being )?(consider(ed|ing)|under consideration|in consideration)|"
         r"not (be )?(offering|extending|inviting|pursuing|considering) (you|your)|"
         r"(won.?t|will not|not) be taking (your (application|candidacy)|you|things) (any )?(further|forward)|"
         r"(you|your (\w+ )?(application|candidacy|profile)) (will|would) not be considered (any )?further|"
         r"\bstatus\s*[:|]\s*(not referred|not selected|ineligible|not qualified|unsuccessful)\b|"
         r"((will|shall|can|could|do|are) not (be )?invit\w* you|(won.?t|can.?t|cannot) (be )?invit\w* you)"
         r"(?![^.!?]{0,100}\b(if|unless|until|without|whose)\b)|"
         r"(je|u) niet (uit )?(te )?(nodigen|uitnodigen) voor|hebben gekozen voor (andere )?kandidaten die", 0.9,
         unless=CONDITIONAL, tier=1),
    Rule("rejection_regret", "rejection",
         r"(regret|sorry) to (inform|let you know|tell|advise|say)|we regret that|"
         r"lamentamos (informar|comunicar|informarte|informarle|comunicarte)|(siamo spiacenti|ci dispiace) di "
         r"(informarti|informarla|comunicarti|comunicarle)|z przykrością (informujemy|musimy)|"
         r"(it is|it.s) with regret|bad news", 0.9, unless=CONDITIONAL, tier=1),
    Rule("rejection_position_closed", "rejection",
         r"(position|role|job|requisition|req|opening|vacancy|search)( [\w()-]+){0,8} (has|have|had) (now )?(been |"
         r"also been )?(filled|closed|cancell?ed|put on hold|placed on hold|paused|frozen|eliminated)|"
         r"(position|role|job|requisition|opening|vacancy)( \w+){0,6} (is|was) (now )?(filled|closed|cancell?ed|"
         r"on hold|no longer)|(position|role|job|requisition|opening|vacancy)( \w+){0,6} (is|was|has been) (now |"
         r"recently |already |just )?(filled|closed)|"
         r"(we|they)( have| had|.ve) (now |recently |already |just )?filled (the|this|that|our|all|these|its)|"
         r"(decided|decision|chosen|opted) (not to (fill|hire for|recruit for)|to (close|cancel|pause|withdraw|put on "
         r"hold|not fill)) (the|this|that|our|its)\b( \w+){0,3} ?(position|role|job|requisition|req|opening|vacancy|"
         r"search)?|"
         r"(hiring|recruiting) (freeze|pause|on hold)|no longer (hiring|recruiting|accepting|available|open)|"
         r"(frozen|froze|freez\w*|cut|reduced) (the |our |its )?head ?count|head ?count (freeze|cuts?|reduction)|"
         r"\b(closing|closed|close) (out )?your application|(made|making|ended up making) (a|the) hire|"
         r"(not|no longer) open (any ?more)\b|"
         r"(pause|paused|pausing|put on hold|putting on hold) (the |our |this |all )?(search|hiring|recruiting|"
         r"recruitment|process)", 0.9,
         unless=CONDITIONAL, tier=1),
    Rule("rejection_de", "rejection",
         r"\bAbsage\b|\babsagen\b|\bsagen (wir|ich) (Ihnen|dir|Dir|euch) (\w+ ){0,3}ab\b|"
         r"\bleider\b.{0,160}?\b(nicht|keine[nm]?|absagen|anderen?|anderweitig)\b(?! (vor|sofort|früher|eher|gleich|"
         r"immer|jede[mnr]?|allen|individuell|persönlich|zeitnah|umgehend)\b)|"
         r"andere (Bewerber|Kandidat)\w*(:innen|\*innen|innen)? .{0,80}(besser|eher)|"
         r"(für|mit) (eine[nm]?|andere[nm]?) (anderen? )?(Kandidat|Bewerber|Person|Profil)|"
         r"nicht (weiter |mehr |länger )?(berücksichtig|in Betracht|in die engere|weiterverfolg|fortsetzen|fortführen|"
         r"fortzusetzen|fortzuführen|weiterzuverfolgen|weiter zu verfolgen|anbieten)|"
         r"(anderweitig|bereits|inzwischen|mittlerweile) (\w+ )?(besetzt|vergeben)|"
         r"(Stelle|Position)\b.{0,40}\b(besetzt|vergeben)\b|(Es tut uns|Es tut mir) (sehr )?leid|"
         r"keine (positive|erfreuliche) (Rückmeldung|Nachricht|Mitteilung)", 0.9, unless=r"\b(falls|sofern|sollten)\b",
         tier=1),
    Rule("rejection_fr", "rejection",
         r"ne (pouvons|pourrons|pouvions|sommes) pas (donner suite|retenir|en mesure de (donner suite|retenir|"
         r"vous proposer))|(pas|n'a pas) (été )?(retenu|retenue|sélectionné|sélectionnée)|(au|avons le|avec) regret|"
         r"ne (pas )?donner suite|(d'autres|un autre|une autre) (candidat|profil)|"
         r"(fait le choix|décidé|choisi) de (poursuivre|continuer|avancer) avec (d'autres|des|un autre|une autre) "
         r"(candidat|profil)|"
         r"(poste|offre) (a été |est )?(déjà )?pourvu", 0.9, unless=r"\b(si|au cas o[uù])\b", tier=1),
    # Spanish, Portuguese, Italian, Dutch: the explicit no of each (a condition, 'si', 'als', is no news)
    Rule("rejection_es_pt_it_nl", "rejection",
         r"\b(hemos|han) (optado|elegido|preferido) (por )?(otr[oa]s?|un[oa]? otr[oa]) (candidat|perfil)|"
         r"\b(hemos|han) decidido (continuar|seguir|avanzar|proceder)( adelante)? con (otr[oa]s?|un[oa]? otr[oa]|el) "
         r"(candidat|perfil|postulante)|\b(hemos|han) (decidido|optado por) (continuar|seguir|avanzar|proceder)"
         r"( adelante)? con otra persona|\bno (has|ha|hemos) (sido )?(seleccionad|elegid)\w*|"
         r"(vacante|posición|posicion|plaza|puesto) (ya )?(ha sido|fue|está|esta) (cubiert|cerrad)\w*|"
         r"no (podemos|vamos a) (continuar|seguir|avanzar) con (tu|su) (candidatura|postulación|postulacion|"
         r"solicitud|proceso)|"
         r"\b(decidimos|optamos por) (seguir|prosseguir|avançar|continuar) com outr[oa]s? (candidat|perfi)\w*|"
         r"não (foi|foste|fostes) (selecionad|escolhid)\w*|"
         r"(decidimos|optamos por|resolvemos) não (avançar|prosseguir|continuar|seguir)( em frente)? com (a )?"
         r"(sua|tua) (candidatura|inscrição|aplicação)|"
         r"(abbiamo|hanno) (deciso|scelto) di (dare seguito|proseguire|procedere|andare avanti) (ad|con) altre "
         r"candidature|"
         r"(abbiamo|hanno) (deciso|scelto) di (proseguire|procedere|continuare|andare avanti) con altr[ie] "
         r"(candidat|profil)\w*|non (è|e|sei) stat[oa] selezionat\w*|non (possiamo|potremo) (proseguire|procedere)|"
         r"posizione (è|e) stata (coperta|chiusa)|"
         r"(besloten|gekozen) (om )?(niet verder te gaan|verder te gaan met (een )?andere|(\w+ ){0,2}andere "
         r"(kandidaten|sollicitanten|kandidaat))|"
         r"niet (verder|door) (te )?(gaan|kunnen gaan) met (je|jouw|uw) (sollicitatie|kandidatuur)|"
         r"(vacature|functie) is (inmiddels |al )?(vervuld|ingevuld|gesloten)", 0.9,
         unless=r"\b(si|als|indien|caso|qualora)\b", tier=1),  # (not 'se': Spanish writes it in every other sentence)
    # Swedish and Polish: the explicit no of each
    Rule("rejection_sv_pl", "rejection",
         r"(valt|beslutat) att (gå vidare|fortsätta) med (en )?(annan|andra) (kandidat|sökande)|"
         r"inte (att )?(gå vidare|går vidare|kommer att gå vidare) med din (ansökan|kandidatur)|"
         r"(tjänsten|rollen) (är|har) (redan )?(tillsatt|blivit tillsatt)|"
         r"zdecydowali\w* (się )?(kontynuować|wybrać|kontynuacj\w*) (proces\w* (\w+ )?)?(z )?inn\w* (kandydat|osob)\w*|"
         r"nie (został(e|a)ś|został(a)? (Pan|Pani)) (\w+ )?(wybran|zakwalifikowan)\w*|"
         r"nie (możemy|będziemy) (kontynuować|dalej procedować) (\w+ )?(Twojej|Pana|Pani) (kandydatury|aplikacji)|"
         r"(stanowisko|rekrutacja) (zostało|została) (już )?(obsadzone|zamknięta)", 0.9,
         unless=r"\b(om|ifall|jeśli|jeżeli|gdyby)\b", tier=1),
    # Danish, Norwegian, Finnish, Czech, Turkish, Romanian, Indonesian: the explicit no of each
    Rule("rejection_more_languages", "rejection",
         r"(valgt|besluttet) (at|å) (gå videre|fortsætte|fortsette) med (en )?(andre|anden|annen|en anden|en annen) "
         r"(kandidat|ansøger|søker)\w*|ikke (at |å )?(gå videre|gå vidare) med (din|dit|di) (ansøgning|søknad|"
         r"kandidatur)|(ikke|ikkje) (blevet|blitt) (udvalgt|valgt|utvalgt)|"
         r"valinta ei (\w+ ){0,2}kohdistunut sinuun|(valinneet|valitsimme) (toisen|toiset|muita) (hakija|ehdokka)\w*|"
         r"emme (voi )?(jatka|valinneet sinua)\w*|"
         r"rozhodli jsme se (pokračovat|pokračovat dále) s (jiným|jinými|jiným) (kandidát|uchazeč)\w*|"
         r"(nebyl|nebyla|nebyli) jste (\w+ )?vybrán\w*|nemůžeme (Vám|vám) nabídnout|"
         r"(diğer|başka) (aday|adaylar)\w*( ile|la|le)? (sürece )?devam etme\w*|olumsuz (sonuçlan|değerlendir)\w*|"
         r"adaylarla (sürece )?devam etme\w* karar|üzülerek bildir\w*|"
         r"(am decis|am hotărât|am hotarat) să (continuăm|continuam|mergem mai departe) cu (alți|alti|un alt) "
         r"candida\w*|"
         r"nu (ați|ati|ai) fost (selectat|selectată|ales)\w*|"
         r"(tidak dapat|belum dapat) (melanjutkan|memproses) (lamaran|aplikasi|proses)|(kandidat|pelamar) lain yang "
         r"(lebih )?sesuai|tidak (lolos|terpilih)|"
         # Hungarian, Catalan, Vietnamese
         r"sajnálattal (értesítjük|tájékoztatjuk|közöljük)|más (jelölt|pályázó)\w* mellett döntöttünk|"
         r"nem (tudjuk|áll módunkban) (\w+ )?(továbbvinni|folytatni|előrébb vinni)|"
         r"(no ha estat|no heu estat) (seleccionad|escollid)\w*|lamentem (comunicar|informar)\w*|"
         r"(hem decidit|hem optat per) (continuar|seguir) amb (altres|un altre|una altra) (candidat|perfil)\w*|"
         r"rất tiếc (phải |được )?(thông báo|báo)|hồ sơ của (bạn|anh|chị) (chưa|không) (phù hợp|được chọn)|"
         r"(không|chưa) được (chọn|lựa chọn) (vào|cho) vòng|"
         # Spanish 'the vacancy has been filled' ('ya se cubrió la vacante'); French 'nous ne donnerons pas suite'
         r"(ya )?se (cubrió|cubrio|ocupó|ocupo) (la|el) (vacante|puesto|plaza|posición|posicion)|"
         r"ne (donnerons|pourrons donner|pouvons donner) (\w+ )?pas suite", 0.9,
         unless=r"\b(hvis|om|jos|pokud|eğer|dacă|daca|jika|apabila|ha|si|nếu)\b", tier=1),
    # Korean, Hebrew, Ukrainian, Russian, Arabic: the explicit no of each ('unfortunately' with a no after it)
    Rule("rejection_other_scripts", "rejection",
         r"아쉽게도.{0,120}(못하게|않게|어렵게|불합격)|다음 (단계|전형)으로 (모시지|안내하지|진행하지) 못|불합격|"
         r"함께하지 못하게|"
         r"לצערנו.{0,120}(לא|אחרים|אחר|אחרת)|החלטנו להתקדם עם מועמד(ים|ות)? אחר|לא נוכל להתקדם|"
         r"на жаль.{0,160}(не |інш\w+ кандидат|відмов)|(продовжити|продовжуємо) (процес )?з іншим кандидатом|"
         r"к сожалению.{0,160}(не |друг\w+ кандидат|отказ)|(продолжить|продолжаем) (процесс )?с другим кандидатом|"
         r"نأسف (لإبلاغك|لابلاغك|لإعلامك|لاعلامك)|لم يتم (اختيارك|قبولك|ترشيحك)|وقع الاختيار على (مرشح|مرشحين)",
         0.9, tier=1),
    # 1. about jobs, but not about an application of yours
    Rule("job_alert", "other",
         r"\bjob ?alerts?\b|\bjobs? (you may|that may|you might|we think you.?ll|that match|matching your)\b|"
         r"\b\d+\+? new jobs\b|new (jobs|positions|openings) (for|matching|in|for your)|recommended jobs|"
         r"jobs? recommended for you|(saved|your) search(es)?\b.{0,30}\bnew (jobs|positions)|"
         r"jobs posted on|similar jobs|\bJobagent\b|neue (Jobs|Stellen(angebote)?) (für|passend)|"
         r"Stellenangebote für Sie|alerte?s? (e|-)?mploi|offres? (d'emploi )?(qui )?(correspond|pour vous)|"
         r"nouvelles offres", 0.9),
    Rule("profile_viewed", "other",
         r"(viewed|looked at) your profile|who.s viewed your|profile views?\b|appeared in \d+ searches|"
         r"(hat|haben) (Ihr|dein) Profil (angesehen|besucht)|a (consulté|vu) votre profil", 0.9),
    Rule("recruiter_outreach", "other",
         r"(came|come) across your (profile|resume|cv)|found your (profile|resume|cv)|"
         r"(i|we) (have|found) (a|an) (job|role|position|opportunity) (that|you|which)|"
         r"opportunity with (one of )?our (direct )?clients?|immediate opening with our client|"
         r"(i.m|i am|my name is \w+ and i.m) (an? )?(it |technical )?recruiter at|staffing (and|&) (placement|"
         r"consulting)|(let me know|are you) (if you are )?(open|interested) (to|in) (new|exploring)|"
         r"bin auf (Ihr|dein) Profil gesto(ß|ss)en|j'ai (vu|trouvé) votre profil|"
         r"votre profil (\w+ ){0,2}a retenu (mon|notre) attention|je recrute (actuellement )?pour (l.un de )?mes "
         r"clients?|"
         r"(i.m|i am|we.re|we are) (helping|working with|partnering with|recruiting for|hiring for) (a|an|one of)\b|"
         r"your (background|experience|profile)( at [\w&.-]+)? (stood out|caught (my|our) eye)|"
         r"(a|an) (role|position|opportunity|search|vacancy) (that )?(i.m|i am|we.re|we are) (currently )?(working on|"
         r"recruiting for|hiring for|filling|retained on)", 0.85),
    # 3. offers
    Rule("offer", "offer",
         r"(pleased|delighted|happy|excited|thrilled|glad) to (formally )?(offer|extend) (you\b|an offer)|"
         r"(like|love|want|wish) to offer you (the|a|this|our) ([\w&/-]+ ){0,5}(role|position|job|contract|post|"
         r"place|opportunity)\b|(you.ve|you have) accepted (our|the|your) (job |employment )?offer|"
         r"(tilbyde dig|tilby deg) (stillingen|jobbet|jobben|en stilling)|tarjota sinulle (\w+ )?(paikkaa|tehtävää|"
         r"työpaikkaa)|nabídnout (Vám|vám) (\w+ )?(pozici|místo)|iş teklif\w*|(facem|oferim) o ofert\w* de "
         r"angajare|ofert\w* de angajare|(menawarkan|tawaran) (posisi|kerja|pekerjaan)|"
         # who makes it ('we'd like to make you an offer'), not an airline's 'Make an offer' for an upgrade
         r"\b(we|i|to|are|am|be|we.re|i.m) (extend|make|making|extending) (you )?(an?|the|this) (formal |written |"
         r"verbal )?(job |employment )?offer|"
         r"(attached|enclosed|find) (is |are )?(your|our|the) (formal |written |official )?(job |employment )?offer\b"
         r"(?! (code|for (a|an|our) (discount|membership|subscription|card|loan)))|"
         r"(prazer|satisfação) (de|em) (lhe |te )?(apresentar|oferecer|fazer|enviar) (uma |a )?(proposta|oferta)|"
         r"(lieti|felici|piacere) di (offrirti|offrirle|proporti|proporle) (la posizione|il ruolo|un contratto|una "
         r"proposta|un.offerta)|(nos complace|tenemos el placer de) (ofrecerte|ofrecerle|hacerte llegar)|"
         r"offer (letter|of employment)|(your|the) (job |employment )?offer (package|details|letter)|"
         r"(Ihnen|dir) (gerne |gern )?(ein |einen )?(Vertrags)?(angebot|Vertrag|die Stelle)\b.{0,80}?\b(an)?(zu )?"
         r"(machen|anbieten|unterbreiten|anzubieten)|"
         r"(je|u) (graag )?(een )?(aanbod|contract|arbeidsvoorwaardenvoorstel) (te )?(doen|aanbieden|sturen)|"
         r"(ofrecerte|ofrecerle) (el puesto|la posición|la posicion|un contrato|una oferta)|carta oferta|"
         r"oferta (formal )?de (empleo|trabajo) para (ti|usted)|"
         r"Vertragsangebot|Zusage für die Stelle|"
         r"(proposer|offrir) (le poste|un contrat|une promesse)|promesse d.embauche|proposition d.embauche|"
         r"lettre d.offre|erbjuda dig (tjänsten|anställning|jobbet|en anställning)|"
         r"przedstawić (Ci |Panu |Pani )?ofert\w* (pracy|zatrudnienia)|"
         r"(love|like|want|delighted|pleased|happy|thrilled|excited) (for you )?to (join|welcome you to|have you join) "
         r"(us|the team|[\w&.-]+)( [\w&.-]+)? as (our|a|an|the)\b|"
         # 'we'd love you to join Cleo as Staff Data Engineer, with a base salary of …': the terms make it an offer
         r"(love|like|want) (for )?you to join (us|the team|[\w&.-]+)( [\w&.-]+)? as\b.{0,80}\b(salary|start(ing)? "
         r"date|compensation|package|equity)\b|"
         r"your offer\b.{0,80}\b(is (now )?available|is ready|has been (sent|issued|extended))|"
         r"(move|moving) forward with an offer|Sie (gerne |gern )?als .{0,80}\b(begrüßen|willkommen heißen)|"
         r"Arbeitsvertrag (erhalten|zusenden|senden|schicken)|"
         r"\bIhnen\b.{0,60}?\bdie Stelle\b.{0,120}?\b(anbieten|anzubieten)|"
         r"(willen|zouden) (je|u) graag aannemen|(je|u) (graag )?aan (te )?nemen als|"
         r"(szeretnénk|örömmel) (Önnek |neked )?(felajánlani|ajánlatot tenni)|állásajánlat|"
         r"oferir-vos (la plaça|el lloc|un contracte)|thư mời nhận việc|mời (bạn|anh|chị) (nhận việc|về làm)|"
         r"최종 합격|입사를 축하|처우 협의|שמחים להציע לך|הצעת עבודה|يسعدنا (أن نقدم|ان نقدم) (لك|لكم) عرض|"
         r"عرض (عمل|وظيفي)|(запропонувати|пропонуємо) вам (посаду|офер|оффер|роботу)|"
         r"(предложить|предлагаем) вам (должность|оффер|работу)", 0.9, unless=NEGATED),
    # 4. assessments
    Rule("assessment", "assessment",
         r"\b(coding|technical|online|skills?|programming|cognitive|aptitude|personality|pre-employment|written|"
         r"timed|numerical|verbal|psychometric|situational judge?ment)[ -]"
         r"(assessment|challenge|test|exercise|evaluation|questionnaire)|take[- ]home|"
         r"zadani\w* (rekrutacyjn|domow|techniczn|praktyczn)\w*|test (kompetencji|wiedzy|online)|"
         r"\b(hackerrank|codility|codesignal|testgorilla|hirevue|coderbyte|karat|qualified\.io|devskiller|"
         r"pymetrics|mettl|psikotes)\b|complete (the|an|our|a|this|your) (\w+ ){0,4}(assessment|test|exercise|"
         r"challenge|video interview)|(one-way|recorded|asynchronous|async) video interview|"
         r"Online-?Test|Testaufgabe|Programmieraufgabe|Fallstudie|Case Study|"
         r"test (technique|en ligne|de personnalité)|exercice technique|étude de cas|"
         r"(written|short|small|home|practical|technical) (exercise|assignment|task)|home assignment|"
         r"prueba (técnica|en línea|online)|(kleine |kurze )?(Aufgabe|Fallstudie)\b.{0,60}\b(bearbeiten|lösen)|"
         r"one[- ]way video interview|thuisopdracht|(praktijk|case)opdracht|caso práctico|caso practico|"
         r"cas pratique|capaciteitentest|capaciteitstest|persoonlijkheidstest|persoonlijkheidsvragenlijst|"
         r"тестове завдання|тестовое задание|코딩 ?테스트|인적성 ?검사|과제 전형|מבחן בית|מטלת בית|"
         r"اختبار (تقني|فني|عبر الإنترنت|اونلاين)|bài (test|kiểm tra) (online|trực tuyến|chuyên môn)", 0.85,
         unless=CONDITIONAL + r"|\b(may include|might include|could include)\b|\b(interview|conversation|call|session|"
                              r"meeting|onsite)s? (will|would)\b|\bduring (the|our|your) (interview|call|onsite)"),
    # 5. interview invitations
    Rule("interview_invite", "interview_invite",
         r"invit(e|ing) you (to|for) (an? |the |our )?([\w-]+ ){0,3}(interview|call|conversation|chat|meeting|phone|"
         r"video|discussion|conversation|onsite|on-site)|"
         r"(schedule|book|arrange|set up|setup|find) (a|an|your|the|some) ([\w-]+ ){0,3}(time|call|interview|phone|"
         r"meeting|chat|conversation|slot)|your (availability|available times)|(when|what times?|which times?) (are|"
         r"would|do) you (be )?(available|free)|(let me|let us) know (your|a few|some) (availability|times)|"
         r"(like|love|want) to (speak|talk|chat|connect|meet|set up a call) (with|to) you|"
         r"(like|love|want) to meet you (for|at|in) (an? |the |our )?([\w-]+ ){0,2}(interview|conversation|chat)|"
         r"(you are|you.re|you have been) (invited|being invited|shortlisted) (to|for) (attend )?(an? |the |your )?"
         r"([\w-]+ ){0,2}(interview|assessment (centre|center|day))|"
         r"(come in|coming in|join us|pop in) for a (paid |short |quick )?(trial shift|trial day|working interview)|"
         r"\btrial shift\b|"
         r"invitere (deg|dig) til (et |en )?(\w+ )?(intervju|samtale|jobsamtale)|kutsua sinut (\w+ )?"
         r"(haastatteluun|työhaastatteluun)|pozvat (Vás|vás|Tě|tě) na (\w+ )?(pohovor|schůzku)|"
         r"(mülakata|görüşmeye|mülakat için) davet|(vă|te) (invităm|invitam|invita) la (un )?interviu|"
         r"(undangan|mengundang (Anda|kamu) (untuk )?(mengikuti )?)(wawancara|interview)|"
         r"(interview|round) ke liye (invite|bula)\w*|"
         r"(vill|skulle vilja) (gärna )?träffa dig|"
         r"(connect|speak|talk) with you (by|over the|via) (phone|video|zoom|teams)|calendly\.com|"
         r"(move|moving|advance|advancing|progress|progressing) you (forward )?to (the )?(next )?([\w-]+ ){0,2}(stage|"
         r"round|step|interview|onsite|final|panel|phase)|(pick|choose|select|book|grab) a (time|slot|day and time|"
         r"date and time)|"
         r"choose (a )?times? that work|"
         r"(get|put|find|set) (something|some time|time|a time) on (the|your|our) calendar|"
         r"next (step|stage|round) (is|would be|will be) (a|an) (\d+[- ]minute |quick |short |brief )?([\w-]+ ){0,2}"
         r"(conversation|call|chat|interview|meeting|session)|(reply|respond) with (a few|some|your) (windows|times|"
         r"slots|availability)|(are|would) you (be )?(free|available) for a ([\w-]+ ){0,3}(call|chat|phone screen|"
         r"screen|interview|conversation)|(are|would) you (be )?(free|available) for an ([\w-]+ ){0,3}(interview|"
         r"assessment)|(würden|möchten|wollen) (Sie|dich) (gerne |gern )?.{0,60}kennen ?(zu)?lernen|"
         r"(seriez|êtes)-vous disponible .{0,80}(échange|entretien|appel|rendez-vous)|"
         r"(would|do) you have (\w+ ){0,3}(minutes|time|a moment) (\w+ ){0,3}for (a|an) ([\w-]+ ){0,2}(chat|call|"
         r"conversation|interview|meeting)|(send|share|give) (me|us) (a few|some|your) (\w+ )?(times|slots|"
         r"availability)|(reschedule|move|push|postpone) (our|the|your) ([\w-]+ )?(call|interview|chat|meeting|"
         r"conversation)|"
         r"interview\b.{0,80}? (is|has|was) (now )?(been )?(confirmed|scheduled|booked)|"
         r"\b(reminder|remind you)\b.{0,40}\b(upcoming |scheduled )?(interview|call with)|your upcoming interview|"
         r"\bdoes (\w+ )?(monday|tuesday|wednesday|thursday|friday|tomorrow|next week|this week)( \w+)? work\b|"
         r"(aimerions|souhaiterions|voudrions) vous rencontrer|vous rencontrer (lors d.un|pour un|en) entretien|"
         r"(nos )?(encantaría|encantaria|gustaría|gustaria) conocer(te|le)|(tendrías|tendrias|tendría|tendria) "
         r"disponibilidad|"
         r"(Einladung|einladen|laden (wir )?(Sie|dich)).{0,80}(Gespräch|Interview|Kennenlernen|Termin)|"
         r"(Gespräch|Interview|Kennenlernen|Termin)\w*\b.{0,120}\beinladen|"
         r"(Gespräch|Interview).{0,60}(bestätigt|vereinbaren|einladen)|Termin für (ein|das|unser) .{0,30}Gespräch|"
         r"(inviter|convier) (à|a|pour) un (entretien|échange)|(planifier|fixer|organiser) un (entretien|échange|"
         r"appel)|vos disponibilités|"
         r"invitar(te|le|lo|la)? a una (entrevista|llamada|reunión)|(agendar|programar|coordinar) una (entrevista|"
         r"llamada)|convid(ar|á|a)(-lo|-la|-te)? (você |voce |te )?(para|a) (uma|a) (\w+ )?(entrevista|conversa)|"
         r"agendar uma entrevista|"
         r"invitar(ti|la|vi) (a|per) un colloquio|fissare un colloquio|"
         r"(uitnodigen|uit te nodigen) (\w+ )?voor een (\w+ )?(gesprek|sollicitatiegesprek|kennismaking|interview)|"
         r"(je|uw) beschikbaarheid|bjuda in dig (till|på) (en )?(\w+ )?(intervju|samtal|videointervju)|"
         r"boka (in )?(en )?(tid för )?(intervju|samtal)|zaprosić (Cię|Pana|Panią) na (\w+ )?rozmow\w*|"
         r"zaproszenie na (\w+ )?rozmow\w*|"
         r"(запросити|запрошуємо) (вас )?на (\w+ )?співбесіду|(пригласить|приглашаем) (вас )?на (\w+ )?собеседование|"
         r"(meghívni|meghívjuk) (Önt |önt |téged )?(egy )?(\w+ )?(interjúra|beszélgetésre)|"
         r"면접 (일정|안내|전형에 초대)|면접에 (초대|모시)|להזמין אותך (לראיון|לשיחה)|זימון לראיון|"
         r"(دعوتك|ندعوك|يسرنا دعوتك) (لإجراء |لاجراء |ل|إلى |الى )?(مقابلة)|"
         r"mời (bạn|anh|chị) (tham gia |tham dự )?(buổi )?phỏng vấn|lịch phỏng vấn|"
         r"(us convidem|convidar-vos|convocar-vos) a (una |la )?(entrevista|prova)", 0.85, unless=ASKED),
    # 6. soft rejections (tier 2)
    Rule("rejection_soft_fit", "rejection",
         r"(closely|better|more|closer) (match(es|ed)?|align(s|ed)?|suit(s|ed)?)|not (the right|a) (fit|match)|"
         r"(were|was|are now|had been) (looking|searching) for (someone|a candidate|candidates) (with|who)|"
         r"(looking|searching) for (someone|a candidate) (with )?(more|stronger|different|deeper|broader)|"
         r"(highly|very|extremely) competitive|(many|number of|large number of|lot of) (highly )?qualified (candidates|"
         r"applicants)", 0.7,
         unless=CONDITIONAL, tier=2),
    Rule("rejection_soft_unfortunately", "rejection",
         rf"\b(unfortunately|sadly|regrettably|malheureusement|leider|lamentablemente|desafortunadamente|"
         rf"infelizmente|purtroppo|helaas|tyvärr|niestety|desværre|dessverre|valitettavasti|bohužel|maalesef|"
         rf"din păcate|din pacate|sayangnya)\b"
         # 'Unfortunately, if your offer is not successful…': a condition, not news
         rf"(?!,? (if|should|in case|unless|falls|sofern|si|se|als|om)\b)"
         # a change of plan is no rejection ('Unfortunately I need to reschedule our call')
         rf"(?!.{{0,120}}\b(reschedul\w*|postpon\w*|running late|sick|ill today|delay\w*|verschieb\w*|décaler|"
         rf"reporter)\b)"
         rf".{{0,160}}\b(you|your|{_APPLICATION}|position|role|Ihre|Sie|dich|votre|"
         rf"vous|tu|su|sua|tua|candidatura|postulación|sollicitatie|je|uw|du|din|dig|ansökan|Twoj\w*|Pan\w*|"
         rf"aplikacj\w*|kandydatur\w*|din|dit|dig|deg|ansøgning|søknad|sinua|sinun|hakemu\w*|Vaš\w*|Vám|vás|"
         rf"başvuru\w*|sizin|dumneavoastră|aplicați\w*|candidatura|Anda|lamaran)\b", 0.7, tier=2),
    Rule("rejection_soft_good_luck", "rejection",
         r"(wünsche\w* (Ihnen|dir|Dir) .{0,80}(alles Gute|viel Erfolg))|"
         r"(wish|wünschen) (you|Ihnen|dir) (\w+ ){0,3}(the best|best of luck|success|every success|all the best|luck|"
         r"viel Erfolg|alles Gute)(\w| ){0,12}(in|with|for|bei|auf) (your|the|Ihrer|deiner|Ihrem|deinem) (\w+ ){0,2}"
         r"(search|future|career|endeavou?rs|Suche|Weg|Zukunft)|bonne continuation|"
         r"(keep|retain|hold) your (resume|cv|information|details|profile) on file",
         0.6, unless=CONDITIONAL, tier=2),
    # 7. confirmations
    Rule("application_received", "application_received",
         rf"(received|receiving|got|reached us|have|recorded)( \w+){{0,2}} your {_APPLICATION}|"
         rf"your {_APPLICATION}( [\w-]+){{0,8}}? (has|have|was|were|is) (now |still |currently )?(been )?"
         rf"(successfully )?(received|"
         rf"submitted|"
         rf"sent|reached|being reviewed|under review|currently being reviewed|forwarded)|"
         rf"thank(s| you)\W+(\w+\W+){{0,2}}?for (applying|submitting|your (recent )?(application|submission))|"
         rf"(application|resume|cv|email) (was|has been|is) (\w+ )?received|(application|resume) (was|has been) sent|"
         rf"confirm (the )?receipt|"
         rf"(will|to) (review|consider|evaluate) your {_APPLICATION}|"
         rf"(Bewerbung|Unterlagen) (ist |sind )?(\w+ ){{0,3}}(eingegangen|erhalten|angekommen)|Eingang (Ihrer|"
         rf"deiner) Bewerbung|(Danke|Vielen Dank|Herzlichen Dank) für (Ihre|deine|die) (\w+ )?Bewerbung|"
         rf"(bien )?reçu (votre|ta) candidature|merci (pour|de) (votre|ta) candidature|accusé de réception|"
         rf"(hemos|he) recibido (correctamente )?(tu|su) (candidatura|postulación|postulacion|solicitud|cv)|"
         rf"gracias por (tu|su) (candidatura|postulación|postulacion|solicitud)|gracias por postular|"
         rf"(sua|tua) candidatura\b[^.!?]{{0,100}}? foi (recebida|enviada|registrada|registada|submetida)|"
         rf"(Twoja|Pana|Pani) (aplikacja|kandydatura|zgłoszenie)\b[^.!?]{{0,100}}? (została|zostało) (\w+ )?"
         rf"(wysłan|przesłan|przyjęt|zarejestrowan|dostarczon)\w*|"
         rf"(la tua|la sua) candidatura\b[^.!?]{{0,100}}? (è|e) stata (ricevuta|inviata|registrata|inoltrata)|"
         rf"your application was (viewed|seen|opened|downloaded) by|"
         rf"(Vaši|vaši|Vaše|vaše|Váš|váš) (odpověď|přihlášk\w*|žádost|životopis|CV)\b[^.!?]{{0,60}}(obdrželi|přijali)|"
         rf"děkujeme za (Vaši|vaši|Váš|váš) (odpověď|přihlášku|zájem|žádost)|"
         rf"(tak|takk) for (din|dit|di) (ansøgning|søknad)|(modtaget|mottatt|motteke) (din|dit) (ansøgning|søknad)|"
         rf"kiitos hakemuksestasi|(olemme )?vastaanottaneet hakemuksesi|"
         rf"başvurunuz (\w+ ){{0,2}}(alınmıştır|alındı|ulaştı)|başvurunuz için teşekkür|"
         rf"am primit (aplicația|aplicatia|candidatura|CV-ul) (ta|dumneavoastră|dumneavoastra)|"
         rf"(terima kasih|makasih) (telah|sudah) melamar|lamaran (Anda|kamu) (telah|sudah) (kami )?(terima|diterima)|"
         rf"recebemos (a )?(sua|tua) candidatura|obrigad[oa] (por|pela) (se candidatar|sua candidatura|candidatura)|"
         rf"(abbiamo )?ricevuto (la tua|la sua) candidatura|grazie per (la tua|la sua) candidatura|"
         rf"grazie per esserti candidat|(we hebben|wij hebben) (je|jouw|uw) sollicitatie (\w+ ){{0,3}}ontvangen|"
         rf"bedankt voor (je|jouw|uw) (sollicitatie|kandidatuur)|(sollicitatie|kandidatuur) (is )?(goed )?ontvangen|"
         rf"your {_APPLICATION}( for [^.\n]{{1,80}})? (is in our hands|made it( to us)?|has arrived|arrived|landed)|"
         rf"(we.ve|we have|we) got your {_APPLICATION}|(Unterlagen|Bewerbung) liegen? uns (\w+ )?vor|"
         rf"(leuk|fijn) dat je (hebt )?gesolliciteerd|(votre|ta) candidature\b[^.!?]{{0,100}}? (a|est) (bien )?(été )?"
         rf"(enregistrée|reçue|transmise|envoyée|prise en compte)|(te has|se ha) inscrito (correctamente )?en (la )?"
         rf"oferta|thank(s| you) for sending (over |us |in |through )?your (cv|resume|application|portfolio)|"
         rf"merci d.avoir postulé|^\s*application submitted\b|"
         rf"the following items were sent to|"
         rf"tack för din (ansökan|intresseanmälan)|(tagit emot|mottagit|fått) din ansökan|"
         rf"dziękujemy za (przesłanie |złożenie )?(Twojej |Pana |Pani )?(aplikacji|aplikację|zgłoszenie|CV)|"
         rf"otrzymaliśmy (Twoją|Pana|Pani) (aplikację|kandydaturę|zgłoszenie)|"
         rf"입사지원이 (정상적으로 )?완료|지원이 (정상적으로 )?(완료|접수)|ứng tuyển thành công|đã nhận được hồ sơ|"
         rf"קיבלנו את מועמדותך|קורות החיים שלך התקבלו|תודה שהגשת מועמדות|تم (إرسال|ارسال|استلام) طلبك|"
         rf"(hem rebut|confirmem que hem rebut) (correctament )?la (vostra|teva) sol·?licitud|"
         rf"(ми отримали|отримали ваше) (ваше )?(резюме|заявку)|(мы получили|получили ваше) (ваше )?(резюме|заявку)|"
         rf"megkaptuk (a |az )?(jelentkezés|pályázat|önéletrajz)\w*", 0.9),
    Rule("application_interest", "application_received",
         r"thank(s| you) for (your )?(interest|expressing interest) in (\w+ ){0,8}?(position|role|job|career|"
         r"opportunit|employment|joining)|"
         r"(review|reviewing|consider) your (credentials|qualifications|background)", 0.7),
    # 8. account mail about a careers site: not an application
    Rule("account_mail", "other",
         r"pass ?code|verification code|one-time|verify your (email|account)|account (has been )?(created|registered)|"
         r"registering (your|for)|reset your password|Bestätigungscode|code de vérification", 0.85),
    # subject-only rules: tried when the body decided nothing (empty, lost, or only an attachment)
    Rule("subject_rejection", "rejection",
         r"\b(Absage|rejection|not selected|regret|refus|unsuccessful|not successful)\b", 0.6, where="subject"),
    Rule("subject_offer", "offer", r"\b(job offer|offer letter|Vertragsangebot|offre d.embauche)\b", 0.5,
         where="subject"),
    Rule("subject_interview", "interview_invite", r"\b(interview|Einladung|Vorstellungsgespräch|entretien)\b", 0.5,
         where="subject"),
    Rule("subject_assessment", "assessment", r"\b(assessment|coding challenge|test)\b", 0.5, where="subject"),
    # an application's status or an update on it, with no body to read: most often a decision; always reviewed
    Rule("subject_status_update", "rejection", r"\b(status|update)\b.{0,40}\b(application|role|position|candidacy)\b|"
         r"\b(application|role|position)\b.{0,40}\b(status|update)\b", 0.4, where="subject"),
    # "Thank you for your interest in X" is the stock subject of ATS rejections (Greenhouse's default), while
    # confirmations thank you for applying: with no body to read, a guess to review, never a decision
    Rule("subject_interest", "rejection", r"\bthank(s| you) for (your )?interest\b", 0.4, where="subject"),
    Rule("subject_application", "application_received",
         r"\b(thank(s| you) for (your )?(application|applying)|application (received|submitted|confirmation)|"
         r"Bewerbung|candidature|(recibido|recebemos|ricevuto) (tu|su|sua|la tua|la sua) candidatura|"
         r"sollicitatie (goed )?ontvangen)\b", 0.4, where="subject"),
]


@dataclass(frozen=True)
class Verdict:
    kind: str
    confidence: float
    rule: str
    phrase: str | None
    tier: int = 0

    @property
    def is_job(self) -> bool:
        return self.kind in JOB_KINDS


NOTHING = Verdict("other", 0.6, "no_job_phrase", None)

_QUOTE_START = re.compile(
    r"^(>|On .{0,200}wrote:\s*$|Am .{0,200}schrieb.{0,80}:\s*$|Le .{0,200}a écrit\s*:\s*$|-{2,}\s*Original Message|"
    r"-{2,}\s*Ursprüngliche Nachricht|-{2,}\s*Forwarded message|-{2,}\s*Weitergeleitete Nachricht|"
    r"-{2,}\s*Message d'origine|From: .+\n(Sent|Date|Gesendet): )", re.MULTILINE | re.IGNORECASE)
CLASSIFY_CHARS = 6000  # a job mail says what it is early; a newsletter's tail is not read
SUBJECT_ONLY_BELOW = 250  # letters: below this the body says too little to decide, and the subject is read
_LETTERS = re.compile(r"[\W\d_]+")
_BULK = re.compile(r"unsubscribe|abbestellen|se désabonner|view (this email )?in (your )?browser|read online",
                   re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;\n•|]")
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)")
_FORWARD = re.compile(r"^-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|"
                      r"Messaggio inoltrato|Doorgestuurd bericht)\s*-*\s*$", re.MULTILINE | re.IGNORECASE)


def own_text(body: str) -> str:
    """The message's own words: a quoted earlier message (a reply's '>' lines, 'On ... wrote:', a forwarded or
    original message below) is cut off, so the answer in a thread is read, not what it answers."""
    m = _QUOTE_START.search(body)
    if m and m.start() > 10:  # a forward with nothing above it is read whole
        body = body[:m.start()]
    return body


def _sentence_prefix(text: str, start: int) -> str:
    left = max((text.rfind(c, 0, start) for c in ".!?;\n•|"), default=-1)
    return text[left + 1:start]


def _sentence(text: str, start: int, end: int) -> str:
    left = max((text.rfind(c, 0, start) for c in ".!?;\n•|"), default=-1)
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    s = re.sub(r"\s+", " ", text[left + 1:right]).strip()
    return s if len(s) <= 240 else re.sub(r"\s+", " ", text[max(start - 80, 0):end + 80]).strip()


def _quoted(prefix: str) -> bool:
    """Whether a match that follows `prefix` (its sentence so far) stands inside quotation marks: a newsletter
    quoting 'We regret to inform you' is not regretting anything. An apostrophe (we'd, don't) is no quote."""
    straight = single = curly = 0
    for i, ch in enumerate(prefix):
        if ch == '"':
            straight ^= 1
        elif ch in "\u201e\u00ab":  # „ «
            curly += 1
        elif ch == "\u201c":  # “ opens in English, closes a German „
            curly = curly - 1 if curly > 0 and "\u201e" in prefix[:i] else curly + 1
        elif ch in "\u201d\u00bb":  # ” »
            curly = max(curly - 1, 0)
        elif ch in "'\u2018\u2019":
            between_letters = 0 < i < len(prefix) - 1 and prefix[i - 1].isalpha() and prefix[i + 1].isalpha()
            if not between_letters:
                single = 1 if ch == "\u2018" else (0 if ch == "\u2019" else single ^ 1)
    return bool(straight or single or curly)


def _first_hit(rule: Rule, text: str, low: str | None = None) -> tuple[int, str] | None:
    """(where, the sentence) of the rule's first match that is news: not under its `unless`, not in quotes."""
    if low is not None and not may_match(rule.words, low):
        return None  # none of the words every match needs: the regex cannot match
    for m in rule.rx.finditer(text):
        prefix = _sentence_prefix(text, m.start())
        if rule.unless_rx is not None and rule.unless_rx.search(prefix):
            continue
        if _quoted(prefix):
            continue
        return m.start(), _sentence(text, m.start(), m.end())
    return None


def classify(subject: str, body: str, rules: list[Rule] | None = None) -> Verdict:
    """The kind of one message, with the rule and the sentence that decided it."""
    rules = RULES if rules is None else rules
    forwarded = _FORWARD.search(body or "")
    if forwarded and forwarded.start() > 0:
        # a mail forwarded with a note on top ('saving this for the tracker', a referrer's 'let's chat'): the
        # forwarded mail is the news when it is job mail; else the note is read
        inner = classify(subject, (body or "")[forwarded.end():], rules)
        if inner.is_job:
            return inner
    text = own_text((body or "")[:CLASSIFY_CHARS])
    # a line break inside a paragraph is the sender's wrapping, not the end of a sentence
    flat = re.sub(r"[ \t\xa0]+", " ", re.sub(r"(?<!\n)\n(?![\n•*-])", " ", text.replace("\r", "")))
    flat = _CURLY_APOSTROPHE.sub("'", flat)  # 'd’autres', 'we’ve': the rules write the straight one
    low = flat.lower()  # each rule first checks, with `in`, for the words every match of it needs
    body_rules = [r for r in rules if r.where == "body"]
    for i, rule in enumerate(body_rules):
        hit = _first_hit(rule, flat, low)
        if hit:
            if rule.kind == "other" and rule.name != "not_a_job":
                # a job alert under a confirmation ('Your application was submitted to X. Jobs you may like: …')
                # is the confirmation: what the mail says first is what it is about
                before = flat[:hit[0]]
                for later in body_rules[i + 1:]:
                    found = _first_hit(later, before, low) if later.kind != "other" else None
                    if found:
                        return Verdict(later.kind, later.confidence, later.name, found[1], later.tier)
            return Verdict(rule.kind, rule.confidence, rule.name, hit[1], rule.tier)
    if forwarded and forwarded.start() > 0:
        return NOTHING  # neither the note nor the forwarded mail is job news
    if len(_LETTERS.sub("", flat)) > SUBJECT_ONLY_BELOW or _BULK.search(flat):
        return NOTHING  # a body with words of its own that no rule reads is not job mail, whatever the subject says
    subj = subject or ""
    for rule in rules:
        if rule.where != "subject":
            continue
        if _first_hit(rule, subj, subj.lower()):
            return Verdict(rule.kind, rule.confidence, rule.name, f"subject: {subj.strip()}", rule.tier)
    return NOTHING


def rule_names() -> list[str]:
    return [r.name for r in RULES]


__all__ = ["CONFIDENT", "JOB_KINDS", "KINDS", "NOTHING", "RULES", "Rule", "Verdict", "classify", "own_text"]
