"""One Analysis (connection + filters) works each shared fact out once and hands it to every function that names it,
without Streamlit."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date

import pytest

import analysis.fit
import analysis.rejections
from analysis import session
from analysis.filters import Filters
from analysis.fit import Criteria, flagged_vs_unflagged, losses_with_flags, red_flags
from analysis.ingest.importer import import_file
from analysis.insights import findings
from analysis.rejections import feedback_quality, reasons_by_rung, recurring_phrases
from analysis.session import Analysis

F = Filters(as_of=date(2025, 6, 1))
BODY = (b"Company,Role,Status,Feedback\n"
        b"A,Sales,Rejected after technical interview,We need someone more senior\n"
        b"B,Sales,Rejected,Your salary expectations are above our range\n"
        b"C,Data Engineer,Phone screen,\nD,Data Engineer,Applied,\n")
CRITERIA = Criteria(target_titles=["Data Engineer"])


@pytest.fixture
def calls(con, monkeypatch):
    """Count every call of the shared facts' functions, however it is reached: through the Analysis's registry or
    straight from a module that calls them itself when no fact is handed over."""
    import_file(con, BODY, "t.csv")
    counted: Counter[str] = Counter()
    for module, name in ((analysis.rejections, "rejection_reasons"), (analysis.fit, "red_flags"),
                         (analysis.fit, "fit_scores")):
        original = getattr(module, name)

        @functools.wraps(original)
        def wrapper(*args, _original=original, _name=name, **kwargs):
            counted[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)
        for fact, entry in session.FACTS.items():
            if entry.fn is original:
                monkeypatch.setitem(session.FACTS, fact, session.Fact(wrapper, entry.depends_on))
    return counted


def test_two_functions_that_need_the_reasons_share_one_computation(con, calls):
    a = Analysis(con, F)
    quality = a.run(feedback_quality)
    by_rung = a.run(reasons_by_rung)
    a.run(recurring_phrases, top=5)
    a.run(findings, weekly_goal=None)
    assert calls["rejection_reasons"] == 1
    assert len(a.decisions) == 2 and calls["rejection_reasons"] == 1
    # the same answers as each function working the reasons out alone
    assert quality == feedback_quality(con, F)
    assert by_rung.equals(reasons_by_rung(con, F))


def test_new_filters_are_a_new_analysis_and_work_the_facts_out_again(con, calls):
    Analysis(con, F).run(feedback_quality)
    other = Analysis(con, Filters(as_of=date(2025, 6, 1), channels=("Referral",)))
    assert other.run(feedback_quality)["decisions"] == 0
    assert calls["rejection_reasons"] == 2


def test_the_flags_and_scores_are_worked_out_once_per_criteria(con, calls):
    a = Analysis(con, F)
    scores = a.run(analysis.fit.fit_scores, criteria=CRITERIA)  # the counted one
    comparison = a.run(flagged_vs_unflagged, criteria=CRITERIA)
    losses = a.run(losses_with_flags, criteria=CRITERIA)
    assert a.flags(CRITERIA) is a.run(red_flags, criteria=CRITERIA)
    assert a.scores(CRITERIA) is scores
    assert calls == {"red_flags": 1, "fit_scores": 1}
    assert losses == {"lost_after_interview": 1, "with_flags": 1, "companies": ["A"]}
    a.flags(Criteria(target_titles=["Sales"]))  # other criteria, other flags
    assert calls["red_flags"] == 2
    assert comparison.equals(flagged_vs_unflagged(con, F, CRITERIA))  # the same answer as working it out alone


def test_each_call_is_remembered_by_its_arguments(con):
    import_file(con, BODY, "t.csv")
    ran: list[tuple[str, dict]] = []

    def runner(fn, con_, kwargs, given):
        ran.append((fn.__name__, sorted(given)))
        return fn(con_, **kwargs, **given)

    a = Analysis(con, F, runner=runner)
    a.run(recurring_phrases, top=5)
    a.run(recurring_phrases, top=5)
    a.run(recurring_phrases, top=3)
    assert ran == [("rejection_reasons", []), ("recurring_phrases", ["decisions"]),
                   ("recurring_phrases", ["decisions"])]


@pytest.mark.parametrize("kwargs", [{"filters": F}, {"decisions": None}])
def test_the_filters_and_the_facts_are_the_analysis_s_to_supply(con, kwargs):
    with pytest.raises(TypeError, match="the Analysis supplies"):
        Analysis(con, F).run(feedback_quality, **kwargs)
