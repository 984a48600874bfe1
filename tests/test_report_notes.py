"""What a gap report says beside its numbers: the route, the footnotes, the unrated fits
(O*NET's work styles and interests), on the small O*NET fixture (no ../shared needed)."""

from __future__ import annotations

import html
import re
import warnings

import pytest
from helpers import FIXTURES
from reports import report_of

from matcher import import_onet
from matcher.report.render import render_html, render_markdown

#: Rated at the top of every item the fixture's occupations need, bar the fits.
STRONG = {
    "skills": {"Active Listening": 5, "Geography": 5, "Mathematics": 5, "Programming": 5},
    "aptitudes": {"Near Vision": 5},
    "traits": {"Dependability": 5, "Stress Tolerance": 5},
}


@pytest.fixture(scope="module")
def onet_model():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return import_onet(FIXTURES / "onet")


def _pages(report) -> list[str]:
    """The Markdown and the HTML of a report as text, whitespace folded."""
    text = re.sub(r"<[^>]+>", " ", html.unescape(render_html(report)))
    return [" ".join(render_markdown(report).replace("\\", "").split()), " ".join(text.split())]


def test_a_target_met_already_is_not_said_to_have_no_path(onet_model):
    person = dict(STRONG, current_job="Beacon Signal Engineers")
    report = report_of(onet_model, person, target="Harbour Tally Clerks")
    assert report.gaps.route == "direct"
    assert any("you already meet" in note for note in report.gaps.notes)
    for page in _pages(report):
        assert "The way shown is the target alone." in page
        assert "no path leads to it" not in page


def test_a_route_without_a_credible_start_is_not_said_to_have_no_path(onet_model):
    report = report_of(onet_model, {"skills": {"Programming": 1}}, target="Harbour Tally Clerks")
    assert report.gaps.route == "direct"
    assert any("none of your best matches is credible" in note for note in report.gaps.notes)
    for page in _pages(report):
        assert "The way shown is the target alone." in page
        assert "no path leads to it" not in page
