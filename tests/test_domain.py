"""Status labels, stage headers and edge nodes map to the ladder the way a person means them."""

import pytest

from analysis.domain import normalise_label, share, stage_of_header, stage_of_node, status_meaning

STATUSES = [
    ("Applied", "applied", "active"),
    ("applied", "applied", "active"),
    ("APPLIED", "applied", "active"),
    ("REJECTED, PRE-R1", "applied", "rejected"),
    # rejected before a step: the step never happened; after one: it did
    ("Rejected (no interview)", "applied", "rejected"),
    ("Rejected pre screen", "applied", "rejected"),
    ("Absage vor dem Gespräch", "applied", "rejected"),
    ("Absage nach Vorstellungsgespräch", "interview", "rejected"),
    ("Rejected after 2nd round", "interview", "rejected"),
    # the words trackers use for late steps and the assessment
    ("OA", "assessment", "active"),
    ("HireVue", "assessment", "active"),
    ("3rd round", "interview", "active"),
    ("Negotiating", "offer", "active"),
    ("Background check", "offer", "active"),
    ("Reference checks", "final", "active"),
    ("No longer interested", "applied", "withdrawn"),
    ("REJECTED, POST-R1", "screen", "rejected"),
    ("REJECTED, POST FINAL ROUND", "final", "rejected"),
    ("reeejected", "applied", "rejected"),
    ("Rejection :(", "applied", "rejected"),
    ("rejcted", "applied", "rejected"),
    ("Auto-Rejected", "applied", "rejected"),
    ("Rejected after technical interview", "interview", "rejected"),
    ("Suspected Ghost Job", "applied", "ghosted"),
    ("TIMED OUT", "applied", "ghosted"),
    ("Ghosted", "applied", "ghosted"),
    ("No Response", "applied", "ghosted"),
    ("R2 DONE", "interview", "active"),
    ("R3 DONE", "interview", "active"),
    ("FIRST ROUND DONE", "screen", "active"),
    ("FINAL DONE", "final", "active"),
    ("RESURRECTED, POST FINAL ROUND", "final", "active"),
    ("Interview", "interview", "active"),
    ("Recruiter Screen", "screen", "active"),
    ("Phone screen", "screen", "active"),
    ("Take-home Assignment", "assessment", "active"),
    ("Onsite", "final", "active"),
    ("OFFERED", "offer", "active"),
    ("Offer", "offer", "active"),
    ("Offer Declined", "offer", "offer_declined"),
    ("Offer Accepted", "hired", "hired"),
    ("Accepted", "hired", "hired"),
    ("WITHDRAWN", "applied", "withdrawn"),
    ("Withdrew", "applied", "withdrawn"),
    ("CONSOLIDATED", "applied", "closed"),
    ("Position Closed", "applied", "closed"),
    ("R1 CANCELLED", "applied", "closed"),
    ("Absage", "applied", "rejected"),
    ("Beworben", "applied", "active"),
    ("In Bearbeitung", "applied", "active"),
    ("Avslag", "applied", "rejected"), ("Inget svar", "applied", "ghosted"), ("Erbjudande", "offer", "active"),
    ("Drog tillbaka", "applied", "withdrawn"), ("Intervju", "interview", "active"), ("Skickad", "applied", "active"),
    ("Odrzucono", "applied", "rejected"), ("Brak odpowiedzi", "applied", "ghosted"),
    ("Rozmowa rekrutacyjna", "interview", "active"), ("Wycofano", "applied", "withdrawn"),
    ("Wysłano", "applied", "active"), ("Telefoninterview", "screen", "active"), ("Erstgespräch", "screen", "active"),
    ("2. Gespräch", "interview", "active"), ("Entretien RH", "screen", "active"),
    ("Désistement", "applied", "withdrawn"), ("Sans nouvelles", "applied", "ghosted"),
    ("👻", "applied", "ghosted"), ("❌", "applied", "rejected"), ("⏳", "applied", "active"),
    # a second sweep: Airtable's 'Closed - …' groups, an answer not yet come, Portuguese and Dutch, offers accepted
    ("Closed - Rejected", "applied", "rejected"), ("Archived - rejected", "applied", "rejected"),
    ("Closed - Withdrew", "applied", "withdrawn"), ("Closed", "applied", "closed"),
    # 'Inactive' holds the word 'active' and says the opposite
    ("Inactive", "applied", "closed"), ("No longer active", "applied", "closed"), ("Inaktiv", "applied", "closed"),
    # a third sweep: 'with' is no abbreviation; a step before the ending; whose no it was; asides; negated endings
    ("went with another candidate", "applied", "rejected"), ("moved on with other candidates", "applied", "rejected"),
    ("2nd stage with client", "interview", "active"), ("phone screen -> rejected", "screen", "rejected"),
    ("Interview -> Rejected", "interview", "rejected"), ("2 interviews, rejected", "interview", "rejected"),
    ("Rejected (after HM)", "interview", "rejected"), ("ghosted after the HM call", "interview", "ghosted"),
    ("interview, awaiting feedback", "interview", "active"), ("Colloquio finale – in attesa", "final", "active"),
    ("they declined", "applied", "rejected"), ("company declined", "applied", "rejected"),
    ("Vacancy withdrawn by employer", "applied", "closed"), ("position withdrawn", "applied", "closed"),
    ("Withdrew (accepted Hooli)", "applied", "withdrawn"),
    ("Offer declined (accepted other)", "offer", "offer_declined"),
    ("Rejected (ghosted first)", "applied", "rejected"), ("rejected offer", "offer", "offer_declined"),
    ("aanbod afgeslagen", "offer", "offer_declined"), ("Offre déclinée", "offer", "offer_declined"),
    ("Offerta rifiutata", "offer", "offer_declined"),
    ("didn't move forward after HM interview", "interview", "rejected"),
    ("no offer after final", "final", "rejected"), ("Non selezionato dopo il colloquio", "interview", "rejected"),
    ("0 - Wishlist", "applied", "not_applied"), ("Phone screen - no response", "screen", "ghosted"),
    ("Applied, no response", "applied", "ghosted"),
    ("heard back - no", "applied", "rejected"), ("ghosted them", "applied", "withdrawn"),
    ("they never got back", "applied", "ghosted"), ("withdrew - took another offer", "applied", "withdrawn"),
    ("Offerta ricevuta", "offer", "active"), ("Assunto", "hired", "hired"), ("aangenomen", "hired", "hired"),
    ("Posizione chiusa", "applied", "closed"), ("vacature ingetrokken", "applied", "closed"),
    ("loopt nog", "applied", "active"), ("Proceso cancelado", "applied", "closed"),
    ("Telephone interview booked", "screen", "active"), ("no longer considering me", "applied", "rejected"),
    ("turned them down", "applied", "withdrawn"), ("recruiter went silent", "applied", "ghosted"),
    ("zelf teruggetrokken", "applied", "withdrawn"), ("accepted another offer", "applied", "withdrawn"),
    ("Final round done, no offer yet", "final", "active"),
    ("recruiter passed my CV to the team", "screen", "active"), ("they passed on me", "applied", "rejected"),
    ("no reply yet", "applied", "active"), ("noch keine Antwort", "applied", "active"),
    ("En attente", "applied", "active"), ("No response", "applied", "ghosted"),
    ("Reprovado na entrevista final", "final", "rejected"), ("Reprovado", "applied", "rejected"),
    ("Sem retorno", "applied", "ghosted"), ("Proposta recebida", "offer", "active"),
    ("Teste técnico", "assessment", "active"), ("Descartado", "applied", "rejected"),
    ("Tweede gesprek", "interview", "active"), ("Gesolliciteerd", "applied", "active"),
    ("Afgewezen na gesprek", "interview", "rejected"), ("Entrevista con RRHH", "screen", "active"),
    ("Zusage erhalten – angenommen!", "hired", "hired"), ("Offre acceptée", "hired", "hired"),
    ("Oferta aceptada", "hired", "hired"), ("Aanbod geaccepteerd", "hired", "hired"),
    ("Offerta accettata", "hired", "hired"), ("Portfolio review", "interview", "active"),
    ("En cours", "applied", "active"),
    ("En proceso", "applied", "active"),
    ("Vorstellungsgespräch", "interview", "active"),
    ("Rechazado", "applied", "rejected"),
    ("Entrevista", "interview", "active"),
    ("Refusé", "applied", "rejected"),
    ("Entretien", "interview", "active"),
    ("Candidature envoyée", "applied", "active"),
    # a negation is never the thing it negates
    ("Not Responded", "applied", "ghosted"),
    ("No offer", "applied", "rejected"),
    ("kein Angebot", "applied", "rejected"),
    ("pas de réponse", "applied", "ghosted"),
    ("no interview", "applied", "rejected"),
    # the candidate's own no is a withdrawal, not a rejection
    ("I Denied", "applied", "withdrawn"),
    ("declined by me", "applied", "withdrawn"),
    # a number of steps inside a label is a fact to keep; a bare no after it is the company's no
    ("2 Interviews + Denied", "interview", "rejected"),
    ("3 calls + no", "screen", "rejected"),
    ("0 interviews + rejected", "applied", "rejected"),
    ("Inter + Rejec", "interview", "rejected"),
    ("Position Removed", "applied", "closed"),
    # saved or drafted, never sent: not an application
    ("Wishlist", "applied", "not_applied"),
    ("Bookmarked", "applied", "not_applied"),
    ("not yet applied", "applied", "not_applied"),
    # a fourth sweep: offers turned down or let lapse in more languages, typos, failing a step, final rounds
    ("Recusei a proposta", "offer", "offer_declined"), ("Tackade nej till erbjudandet", "offer", "offer_declined"),
    ("Declined Ofer", "offer", "offer_declined"), ("Offer expired", "offer", "offer_declined"),
    ("Ofer Recieved", "offer", "active"), ("Accpeted Offer", "hired", "hired"), ("Got the job!", "hired", "hired"),
    ("Failed coding test", "applied", "rejected"), ("Failed interview", "interview", "rejected"),
    ("Didn't hear back after screen", "screen", "ghosted"), ("Backed out", "applied", "withdrawn"),
    ("Managerial round", "interview", "active"), ("Slutintervju", "final", "active"),
    ("Rozmowa finałowa", "final", "active"), ("Tjänsten tillsatt internt", "applied", "closed"),
    ("Rejection after call", "screen", "rejected"), ("Avslag efter intervju", "interview", "rejected"),
    ("Withdrawn - accepted other offer", "applied", "withdrawn"), ("2 rounds + take-home", "interview", "active"),
    # a fifth sweep: shorthand, an offer then my no, regional words, Turkish, Greek, Japanese, signs in a chain
    ("Rej", "applied", "rejected"), ("W/D", "applied", "withdrawn"), ("N/R", "applied", "ghosted"),
    ("Int 1", "interview", "active"), ("V/O", "offer", "active"), ("Rej after superday", "final", "rejected"),
    ("Zusage – abgelehnt", "offer", "offer_declined"), ("J'ai décliné l'offre", "offer", "offer_declined"),
    ("OFFERED - SAID NO", "offer", "offer_declined"), ("Offer - acc", "hired", "hired"),
    ("Entrevue", "interview", "active"), ("Refusé après entrevue", "interview", "rejected"),
    ("Poste comblé", "applied", "closed"), ("Offre pourvue", "applied", "closed"),
    ("Promesse d'embauche", "offer", "active"), ("Candidature non retenue", "applied", "rejected"),
    ("Post withdrawn by school", "applied", "closed"), ("Pas de retour", "applied", "ghosted"),
    ("Olumsuz", "applied", "rejected"), ("Son görüşme", "final", "active"), ("İŞE BAŞLADIM", "hired", "hired"),
    ("Απορρίφθηκε", "applied", "rejected"), ("Τηλεφωνική συνέντευξη", "screen", "active"),
    ("Δεν απάντησαν", "applied", "ghosted"), ("不合格", "applied", "rejected"), ("内定承諾", "hired", "hired"),
    ("書類選考", "applied", "active"), ("❌ Me rechazaron", "applied", "rejected"),
    ("Applied → Recruiter → Tech → ✗", "interview", "rejected"), ("Applied Dec 3", "applied", "active"),
    ("Rejected in TR2", "interview", "rejected"), ("Dropped out", "applied", "withdrawn"),
    # a sixth sweep: Vietnamese, Hungarian, Afrikaans, Catalan, Indonesian, Tagalog, Flemish
    ("Bị từ chối", "applied", "rejected"), ("Từ chối offer", "offer", "offer_declined"),
    ("Trượt phỏng vấn", "interview", "rejected"), ("Phỏng vấn vòng cuối", "final", "active"),
    ("Nhận offer - đã đồng ý", "hired", "hired"), ("Rút hồ sơ", "applied", "withdrawn"),
    ("Elutasítva", "applied", "rejected"), ("Ajánlat, de elutasítottam", "offer", "offer_declined"),
    ("Végső interjú", "final", "active"), ("Nem válaszoltak", "applied", "ghosted"),
    ("Onsuksesvol", "applied", "rejected"), ("Aanbod van die hand gewys", "offer", "offer_declined"),
    ("Pos teruggetrek deur werkgewer", "applied", "closed"), ("Onttrek", "applied", "withdrawn"),
    ("Finale onderhoud", "final", "active"), ("Oferta rebutjada", "offer", "offer_declined"),
    ("Oferta acceptada", "hired", "hired"), ("Denegada", "applied", "rejected"),
    ("Concurs desert", "applied", "closed"),
    ("Tidak lolos", "applied", "rejected"), ("Mundur", "applied", "withdrawn"), ("TTD Kontrak", "hired", "hired"),
    ("bagsak sa Versant", "applied", "rejected"), ("JO na!", "offer", "active"),
    ("declined JO - mababa offer", "offer", "offer_declined"), ("nag-backout ako", "applied", "withdrawn"),
    ("niet weerhouden na sollicitatiegesprek", "interview", "rejected"), ("zelf afgehaakt", "applied", "withdrawn"),
    ("aanbod gekregen maar geweigerd", "offer", "offer_declined"), ("vacature ingevuld", "applied", "closed"),
    ("No Longer Under Consideration", "applied", "rejected"), ("Campus visit + job talk", "final", "active"),
    # ... and in other scripts: Korean, Chinese, Ukrainian, Russian, Hebrew, Arabic
    ("불합격", "applied", "rejected"), ("최종합격", "offer", "active"), ("입사 확정", "hired", "hired"),
    ("임원면접", "final", "active"), ("一面挂了", "interview", "rejected"), ("拒offer", "offer", "offer_declined"),
    ("已签三方", "hired", "hired"), ("感谢信", "applied", "rejected"), ("Відмова", "applied", "rejected"),
    ("Відмовилась від оферу", "offer", "offer_declined"), ("Отказ после собеседования", "interview", "rejected"),
    ("Тиша", "applied", "ghosted"), ("נדחיתי אחרי ראיון HR", "screen", "rejected"),
    ("דחיתי את ההצעה", "offer", "offer_declined"), ("לא התקבלתי", "applied", "rejected"),
    ("اعتذروا", "applied", "rejected"), ("اعتذرت عن العرض", "offer", "offer_declined"),
    ("مقابلة نهائية", "final", "active"),
    # who said no, in brackets; taking it, passing on it, reneging; an in-person round
    ("declined (by them)", "applied", "rejected"), ("declined (by me)", "applied", "withdrawn"),
    ("Offered – took it", "hired", "hired"), ("passed on it", "applied", "withdrawn"),
    ("Passed on the offer", "offer", "offer_declined"), ("withdrew offer acceptance (reneged)", "offer",
                                                          "offer_declined"),
    ("In-person", "interview", "active"), ("passed phone screen", "screen", "active"),
]


@pytest.mark.parametrize("label,stage,outcome", STATUSES)
def test_status_label_means(label, stage, outcome):
    m = status_meaning(label)
    assert m is not None, label
    assert (m.stage, m.outcome) == (stage, outcome)


@pytest.mark.parametrize("label", ["No", "banana", "", "   ", None, "42", "✅", "🎉", "❌👻", "Einladung angenommen"])
def test_unknown_labels_are_not_forced_into_a_meaning(label):
    assert status_meaning(label) is None


@pytest.mark.parametrize("header,stage", [
    ("HR/ Recruiter Call", "screen"), ("Hiring Manager", "interview"),
    ("Technical Interview/ Assessment", "interview"), ("Panel Interview", "final"), ("Offer", "offer"),
    ("Take-home", "assessment"), ("Company", None), ("Notes", None),
    ("Tech test", "assessment"), ("Technical assessment", "assessment"), ("Prueba técnica", "assessment"),
    ("Technical interview", "interview"),
    # other languages, and a past participle
    ("Telefoninterview", "screen"), ("1. Gespräch", "interview"), ("Angebot", "offer"), ("Entretien RH", "screen"),
    ("Entrevista técnica", "interview"), ("1e gesprek", "interview"), ("Colloquio", "interview"),
    ("Oferta", "offer"), ("Interviewed", "interview"), ("Offered?", "offer"), ("Stelle", None), ("Firma", None),
])
def test_stage_of_header(header, stage):
    assert stage_of_header(header) == stage


@pytest.mark.parametrize("node,stage", [
    ("Applied", "applied"), ("Recruiter Inquiry", "applied"), ("HR/ Hiring Manager Interview", "screen"),
    ("Technical Interview", "interview"), ("Panel Interview", "final"), ("Offer", "offer"),
])
def test_stage_of_edge_node(node, stage):
    assert stage_of_node(node) == stage


def test_normalise_label():
    assert normalise_label("  REJECTED, PRE-R1 ") == "rejected pre r1"
    assert normalise_label("Vorstellungsgespräch") == "vorstellungsgesprach"
    # letters accent-stripping alone would drop
    assert normalise_label("Data złożenia") == "data zlozenia" and normalise_label("Løn") == "lon"
    assert normalise_label("Straße") == "strasse"


@pytest.mark.parametrize("x,shown", [(None, ""), (float("nan"), ""), (0, "0%"), (1 / 320, "<1%"), (0.004, "<1%"),
                                     (0.005, "<1%"), (0.006, "1%"), (0.5, "50%"), (0.996, ">99%"), (1, "100%")])
def test_a_share_never_reads_0_for_something_that_happened(x, shown):
    assert share(x) == shown
