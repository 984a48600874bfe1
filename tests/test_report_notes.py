"""What a gap report says beside its numbers: the route, the footnotes, the unrated fits
(O*NET's work styles and interests), on the small O*NET fixture (no ../shared needed)."""

from __future__ import annotations

import html
import json
import re

from reports import report_of

from matcher.cli import main
from matcher.report.render import render_html, render_markdown

#: Rated at the top of every item the fixture's occupations need, bar the fits.
STRONG = {
    "skills": {"Active Listening": 5, "Geography": 5, "Mathematics": 5, "Programming": 5},
    "aptitudes": {"Near Vision": 5},
    "traits": {"Dependability": 5, "Stress Tolerance": 5},
}


def _pages(report) -> list[str]:
    """The Markdown and the HTML of a report as text, whitespace folded."""
    text = re.sub(r"<[^>]+>", " ", html.unescape(render_html(report)))
    return [" ".join(render_markdown(report).replace("\\", "").split()), " ".join(text.split())]


def test_a_target_met_already_is_not_said_to_have_no_path(onet_fixture_model):
    person = dict(STRONG, current_job="Beacon Signal Engineers")
    report = report_of(onet_fixture_model, person, target="Harbour Tally Clerks")
    assert report.gaps.route == "direct"
    assert any("you already meet" in note for note in report.gaps.notes)
    for page in _pages(report):
        assert "The way shown is the target alone." in page
        assert "no path leads to it" not in page


def test_a_route_without_a_credible_start_is_not_said_to_have_no_path(onet_fixture_model):
    report = report_of(
        onet_fixture_model, {"skills": {"Programming": 1}}, target="Harbour Tally Clerks"
    )
    assert report.gaps.route == "direct"
    assert any("none of your best matches is credible" in note for note in report.gaps.notes)
    for page in _pages(report):
        assert "The way shown is the target alone." in page
        assert "no path leads to it" not in page


#: Meets all Moss Garden Keepers needs but Near Vision, unrated: its estimate (2) meets 2.3.
KEEPER = {
    "current_job": "Beacon Signal Engineers",
    "skills": {
        "Active Listening": 5,
        "Customer and Personal Service": 5,
        "Service Orientation": 5,
        "Geography": 5,
    },
    "aptitudes": {"Oral Expression": 5},
}


def _section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("\n## ", start + len(heading))
    return page[start : end if end > 0 else None]


def test_an_empty_learning_plan_has_no_footnote_of_estimates(onet_fixture_model):
    report = report_of(onet_fixture_model, KEEPER, target="Moss Garden Keepers")
    assert not report.gaps.plan
    assert any(i.rating is None and not i.is_fit for i in report.need_items)
    markdown = render_markdown(report)
    plan = _section(markdown, "## Learning plan")
    assert "Nothing to learn for this target" in plan and "*" not in plan
    needs = _section(markdown, "## Aptitudes, traits and interests against")
    assert "≈2\\*" in needs and "\\* Not rated: the value shown is an estimate" in needs
    page = html.unescape(render_html(report))
    plan = page[page.index('<section id="plan">') : page.index('<section id="about"')]
    assert "estimate" not in plan


def test_the_plan_footnote_stays_where_a_plan_row_is_estimated(onet_fixture_model):
    person = {"current_job": "Harbour Tally Clerks", "skills": {"Programming": 5}}
    report = report_of(onet_fixture_model, person, target="Beacon Signal Engineers")
    assert any(p.estimated for p in report.gaps.plan)
    markdown = render_markdown(report)
    assert "the plan assumes the estimate shown" in _section(markdown, "## Learning plan")
    assert "the gap assumes the estimate shown" in _section(markdown, "## Path to")


def test_an_unrated_fit_shows_no_estimate_and_its_column_reads_typical(onet_fixture_model):
    """An accountant read "Dependability ≈2* against 4.4" as a verdict on herself: the estimate
    is for gaps, and a work style or interest is never one."""
    report = report_of(onet_fixture_model, KEEPER, target="Moss Garden Keepers")
    fits = [i for i in report.need_items if i.is_fit and i.rating is None]
    assert fits
    markdown = render_markdown(report)
    assert "| Item | Kind | You | Typical | |" in markdown
    for item in fits:
        row = next(line for line in markdown.splitlines() if line.startswith(f"| {item.name} |"))
        assert "| not rated |" in row and "≈" not in row and "*" not in row
        assert f"| {round(item.level, 1):g} |" in row
    page = html.unescape(render_html(report))
    for item in fits:
        assert f"{item.name}  ·  not rated, typical {round(item.level, 1):g}" in page
        assert f"{item.name}  ·  not rated (≈" not in page


def test_a_shortfall_is_the_difference_of_the_numbers_shown_and_more_than_the_tolerance(
    onet_fixture_model, capsys, tmp_path
):
    """Steps list items "more than 0.5 below" what they need, and showed "short by 0.5" for a
    deficit of 0.51; then "0.51" beside levels of one decimal ("3 -> 3.5" in the plan). A gap
    is now judged on the numbers shown: its shortfall is "needs" less "you", always over 0.5."""
    person = {"current_job": "Harbour Tally Clerks", "skills": {"Programming": 3}}
    report = report_of(onet_fixture_model, person, target="Beacon Signal Engineers")
    gaps = [(g.rating, g.estimate, g.level, g.deficit) for s in report.gaps.steps for g in s.gaps]
    names = {f"| {g.name} | {g.block} |" for s in report.gaps.steps for g in s.gaps}
    rows = [  # the gap tables' rows: name, block, you, needs, short by, priority
        line.split(" | ")
        for line in render_markdown(report).splitlines()
        if line.count(" | ") == 5 and any(line.startswith(n) for n in names)
    ]
    assert gaps and rows
    for rating, estimate, level, deficit in gaps:
        assert deficit == round(level - (rating if rating is not None else estimate), 1) > 0.5
    for row in rows:
        you = float(re.sub(r"[^\d.]", "", row[2].split("≈")[-1]))
        needs, short = float(row[3]), float(row[4].rstrip("\\*"))
        assert short == round(needs - you, 1) > 0.5 and len(row[4].rstrip("\\*")) == 3

    path = tmp_path / "p.json"
    path.write_text(json.dumps(person), "utf-8")
    model = onet_fixture_model.save(tmp_path / "onet.model")
    assert (
        main(["gaps", str(path), "--target", "Beacon Signal Engineers", "--model", str(model)]) == 0
    )
    out = capsys.readouterr().out
    for _, _, level, deficit in gaps:
        assert re.search(rf" {level:g} +{deficit:.1f}\*? ", out)


def test_the_cli_says_not_rated_as_the_reports_do(onet_fixture_model, capsys, tmp_path):
    person = {"current_job": "Harbour Tally Clerks", "skills": {"Programming": 3}}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(person), "utf-8")
    model = onet_fixture_model.save(tmp_path / "onet.model")
    assert (
        main(["gaps", str(path), "--target", "Beacon Signal Engineers", "--model", str(model)]) == 0
    )
    out = capsys.readouterr().out
    assert "not rated (≈" in out and "unrated" not in out


def test_the_score_is_said_to_give_partial_credit(onet_fixture_model):
    for page in _pages(report_of(onet_fixture_model, KEEPER, target="Moss Garden Keepers")):
        assert "with partial credit for a rating further short, down to none at 2.5 short" in page
