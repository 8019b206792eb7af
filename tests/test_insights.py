"""Insight rules on inline data where the right finding is known, the too-little-data cases, and the follow-up rules
against an as-of date."""

from datetime import date

from analysis.filters import Filters
from analysis.fit import Criteria
from analysis.followups import actions, add_action, complete_action, follow_ups, mark_done
from analysis.ingest.importer import import_file
from analysis.insights import (
    activity_finding,
    channel_finding,
    findings,
    red_flag_finding,
    referral_finding,
    rejection_finding,
    timing_finding,
    weakest_rung_finding,
)

F = Filters(as_of=date(2025, 6, 30))


def rows(spec: list[tuple[str, int]]) -> bytes:
    """('Referral,Phone screen', 3) -> three rows with that source and status."""
    out = ["Company,Source,Status,Applied"]
    n = 0
    for values, count in spec:
        for _ in range(count):
            n += 1
            out.append(f"C{n},{values},2025-06-{1 + n % 28:02d}")
    return "\n".join(out).encode()


def test_weakest_rung_is_found_with_its_numbers(con):
    # 40 applied, 20 screened, 2 interviewed: the drop into interview is the weakest (10%)
    import_file(con, rows([("LinkedIn,Applied", 20), ("LinkedIn,Phone screen", 18), ("LinkedIn,Interview", 2)]),
                "t.csv")
    f = weakest_rung_finding(con, F)
    assert f.enough_data and "into interview: 2 of 20 (10%" in f.sentence


def test_too_few_applications_say_so(con):
    import_file(con, rows([("LinkedIn,Applied", 4)]), "t.csv")
    f = weakest_rung_finding(con, F)
    assert not f.enough_data and "too early" in f.sentence


def test_referrals_against_cold_applications(con):
    import_file(con, rows([("Referral,Phone screen", 8), ("Referral,Applied", 2), ("LinkedIn,Phone screen", 2),
                           ("LinkedIn,Applied", 38)]), "t.csv")
    f = referral_finding(con, F)
    assert "80% of the time (8 of 10) against 5% for the others (2 of 40): a clear difference" in f.sentence


def test_channels_compared_never_name_the_applications_with_no_channel(con):
    # no source at all does best and LinkedIn worst: only the channels the person chose can be advised on
    import_file(con, rows([(",Phone screen", 8), (",Applied", 2), ("LinkedIn,Phone screen", 1),
                           ("LinkedIn,Applied", 9), ("Indeed,Phone screen", 5), ("Indeed,Applied", 5)]), "t.csv")
    f = channel_finding(con, F)
    assert "Unknown" not in f.sentence + f.action
    assert f.sentence.startswith("Indeed got you a first call 50% of the time (5 of 10); LinkedIn 10% (1 of 10)")


def test_referrals_too_few_to_compare(con):
    import_file(con, rows([("Referral,Phone screen", 2), ("LinkedIn,Applied", 30)]), "t.csv")
    assert not referral_finding(con, F).enough_data


def test_rejections_with_no_text_at_all_say_the_file_records_none(con):
    import_file(con, rows([("LinkedIn,Rejected", 5), ("LinkedIn,Applied", 5)]), "t.csv")
    f = rejection_finding(con, F)
    assert f.sentence.startswith("Your file records no feedback or notes for any of your 5 rejections")
    import_file(con, b"Company,Status,Feedback\nZ1,Rejected,No reason given\n", "u.csv")
    assert rejection_finding(con, F).sentence.startswith("None of your 6 rejections")


def test_leading_rejection_reason(con):
    body = (b"Company,Status,Feedback\nA,Rejected,lack of Kubernetes experience\nB,Rejected,lack of Spark experience\n"
            b"C,Rejected,salary expectations above our range\nD,Rejected,\n")
    import_file(con, body, "t.csv")
    f = rejection_finding(con, F)
    assert "skills gap: 2 of the 3 rejections that gave a usable reason (1 of 4 gave none)" in f.sentence


def test_losses_cluster_in_red_flag_roles(con):
    body = ("Company,Role,Status\n" + "\n".join(f"S{i},Sales Rep,Rejected after interview" for i in range(3))
            + "\n" + "\n".join(f"D{i},Data Engineer,Applied" for i in range(7))).encode()
    import_file(con, body, "t.csv")
    f = red_flag_finding(con, F, Criteria(target_titles=["Data Engineer"]))
    assert "Of the 3 jobs you lost after an interview, 3 (100%" in f.sentence and "against 30%" in f.sentence
    assert red_flag_finding(con, F, Criteria()) is None  # no criteria: no claim


def test_silence_and_pace(con):
    import_file(con, rows([("LinkedIn,Applied", 12)]), "t.csv")
    assert timing_finding(con, F).sentence.startswith("0 of 12")  # all applied in June: not yet silent
    late = Filters(as_of=date(2025, 9, 1))
    assert timing_finding(con, late).sentence.startswith("12 of 12 applications (100%)")
    assert not activity_finding(con, F, 5).enough_data  # four weeks or fewer of dates
    assert activity_finding(con, F, None) is None


def test_findings_are_ranked_and_capped(con):
    import_file(con, rows([("Referral,Phone screen", 8), ("Referral,Applied", 2), ("LinkedIn,Interview", 2),
                           ("LinkedIn,Applied", 38)]), "t.csv")
    got = findings(con, F)
    assert 3 <= len(got) <= 7
    weights = [f.weight for f in got if f.enough_data]
    assert weights == sorted(weights, reverse=True)


# -- follow-ups -----------------------------------------------------------------------------------------------------

def test_follow_up_rules_against_an_as_of_date(con):
    body = (b"Company,Applied,Phone screen,Technical interview,Status,Status date,Feedback\n"
            b"Thanks,2025-06-01,2025-06-10,2025-06-20,Interview,,\n"
            b"AskWhy,2025-05-01,2025-05-05,2025-05-12,Rejected after interview,2025-06-25,\n"
            b"Silent,2025-04-01,,,Applied,,\n"
            b"Later,2025-06-01,,,Rejected,2025-06-05,cool down period: re-apply in 6 months\n")
    import_file(con, body, "t.csv")
    q = follow_ups(con, F).set_index(["company", "kind"])
    assert q.loc[("Thanks", "thank_you"), "due_on"] == date(2025, 6, 21)
    assert q.loc[("AskWhy", "ask_feedback"), "due_on"] == date(2025, 6, 27)
    assert q.loc[("Silent", "nudge"), "due_on"] == date(2025, 5, 1) and q.loc[("Silent", "nudge"), "overdue"]
    assert q.loc[("Later", "recontact"), "due_on"] == date(2025, 12, 5)
    assert ("Later", "ask_feedback") not in q.index  # rejected before any interview: nothing to ask


def test_done_follow_ups_stay_done(con):
    import_file(con, b"Company,Applied,Status\nSilent,2025-04-01,Applied\n", "t.csv")
    app = int(follow_ups(con, F)["app_id"][0])
    mark_done(con, app, "nudge")
    assert follow_ups(con, F).empty
    assert len(follow_ups(con, F, include_done=True)) == 1


def test_action_items(con):
    import_file(con, b"Company,Status\nAcme,Rejected\n", "t.csv")
    a = add_action(con, "Practise system design", date(2025, 7, 1), app_id=1, reason="interview_performance",
                   meeting_on=date(2025, 6, 20))
    complete_action(con, a)
    got = actions(con).iloc[0]
    assert (got["text"], got["company"], got["reason_label"]) == ("Practise system design", "Acme",
                                                                  "Interview or assessment performance")
    assert got["done_on"] is not None
