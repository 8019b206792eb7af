"""Each page visit works out the rejection reasons and the red flags once, and hands them to every chart and
sentence that needs them (issue: the same facts were computed again and again)."""

from __future__ import annotations

import functools
import sys

import pytest
from streamlit.testing.v1 import AppTest

import analysis.fit
import analysis.rejections
from tests.conftest import APP


@pytest.fixture
def counted(monkeypatch):
    """Wrap rejection_reasons and red_flags wherever a module of analysis/ holds them; count the calls."""
    calls = {"rejection_reasons": 0, "red_flags": 0}
    for name, original in (("rejection_reasons", analysis.rejections.rejection_reasons),
                           ("red_flags", analysis.fit.red_flags)):
        @functools.wraps(original)  # the pages' cache looks the function up by its module and name
        def wrapper(*args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        for module in list(sys.modules.values()):
            if (getattr(module, "__name__", "").startswith("analysis")
                    and getattr(module, name, None) is original):
                monkeypatch.setattr(module, name, wrapper)
    return calls


@pytest.mark.parametrize("page,expected", [
    ("pages/rejections.py", {"rejection_reasons": 1, "red_flags": 0}),
    # the demo has no criteria: the red-flag finding has nothing to check, so no flags at all
    ("pages/insights.py", {"rejection_reasons": 1, "red_flags": 0}),
    ("pages/fit.py", {"red_flags": 1}),
])
def test_a_page_visit_works_each_fact_out_once(isolated_db, counted, page, expected):
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert not at.exception
    for k in counted:
        counted[k] = 0  # the frame's first run (Overview) is not this page's visit
    at.switch_page(page).run()
    assert not at.exception
    for name, n in expected.items():
        assert counted[name] == n, (page, counted)
