"""Gap reports: what a report holds, in HTML and Markdown (escaping, file names, the summary and
batches are tested in the other tests/test_report_*.py files, charts in tests/test_charts.py)."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest
from reports import PROFILE, Page, _md_headings, report_of

from matcher import gaps, recommend, render_html, render_markdown
from matcher.core.gapmath import estimated_ratings
from matcher.errors import UnknownOccupationError
from matcher.match.recommend import rate
from matcher.report import build as report_build
from matcher.report.render import markdown_escape


def test_report_holds_the_matches_path_chart_and_plan(fixture_model):
    report = report_of(fixture_model, target="mayor", top_k=4)
    expected_recs = recommend(PROFILE, model=fixture_model, top_k=4)
    expected_gaps = gaps(PROFILE, "mayor", model=fixture_model)
    assert [r.occupation_id for r in report.recommendations] == [
        r.occupation_id for r in expected_recs
    ]
    assert report.gaps == expected_gaps
    assert report.target_source == "given"

    page = render_html(report)
    parsed = Page(page)
    assert parsed.h1 == ["Aiko Tanaka"]
    assert [h for h in parsed.h2] == [
        "Best matches",
        f"Path to {expected_gaps.target_title}",
        f"Aptitudes and traits against {expected_gaps.target_title}",
        "Learning plan",
        "How to read this report",
    ]
    assert "2025-04-01 09:30" in page and 'datetime="2025-04-01T09:30:00+00:00"' in page
    # Matches in rank order with their scores, both in the table and the chart.
    table = page[page.index('<table class="matches">') :]
    positions = [table.index(f"<strong>{r.title}</strong>") for r in expected_recs]
    assert positions == sorted(positions)
    for r in expected_recs:
        assert f"{r.score:.2f}" in page
    # Every step of the path, in order, each with its gaps.
    positions = [page.index(f"{i}. {s.title}</h3>") for i, s in enumerate(expected_gaps.steps, 1)]
    assert positions == sorted(positions)
    # The learning plan in the order gaps() gives it.
    plan = page[page.index('id="plan"') :]
    positions = [
        plan.index(f'<td data-label="Build up">{html.escape(item.name)}</td>')
        for item in expected_gaps.plan
    ]
    assert positions == sorted(positions) and expected_gaps.plan
    # Two charts, as inline SVG with an accessible name.
    assert page.count("<svg ") == 2 and page.count('role="img"') == 2


def test_a_step_with_gaps_still_names_its_unrated_key_items(fixture_model):
    # a bookkeeper aiming at a manager's post never rated Team Management: estimated near
    # its level, it was no gap, and the report (unlike `matcher gaps`) never named it
    report = report_of(fixture_model, target="mayor", top_k=4)
    step = next(s for s in report.gaps.steps if s.gaps and s.unrated)
    in_table = {g.name for g in step.gaps}
    unrated = [name for name in step.unrated if name not in in_table]
    assert unrated
    for text in (render_html(report), render_markdown(report)):
        part = text[text.index(step.title) :]
        said = part[part.index("Not rated yet") :][:400]
        assert all(html.escape(name) in said or name in said for name in unrated[:3])


def test_a_printed_page_says_nothing_of_the_chart_it_hides(fixture_model):
    """The print style hides the score chart and each match's breakdown; the sentence that
    points at "each bar" is hidden with them (a printed page pointed at bars it did not show),
    and the reading guide does not claim the list is in the order of the confidences."""
    page = render_html(report_of(fixture_model, target="mayor", top_k=4))
    hidden = re.search(r'<span class="no-print">([^<]*)</span>', page)
    assert hidden and "Each bar" in hidden.group(1)
    assert page.count("Each bar") == 1
    assert "the matches are in this order" not in page
    style = re.search(r"@media print \{(.*?)\n\}", page, re.S).group(1)
    assert ".no-print" in style and "figure.scores { display: none; }" in style


def test_needs_chart_compares_the_targets_aptitudes_and_traits(fixture_model):
    report = report_of(fixture_model, target="mayor")
    row = fixture_model.index_of("mayor")
    wanted = {
        fixture_model.vectorizer.key(c)
        for c in np.flatnonzero(fixture_model.importance[row] > 0)
        if fixture_model.vectorizer.key(c)[0] in ("aptitude", "trait")
    }
    assert {(i.block, i.name) for i in report.need_items} == wanted
    stress = next(i for i in report.need_items if i.name == "Stress Tolerance")
    assert stress.rating == 4 and stress.level == 5 and not stress.meets
    # An unrated item shows the estimate the gaps assume, never zero.
    _, ratings = rate(PROFILE, fixture_model)
    estimates = estimated_ratings(ratings[None, :], fixture_model.block_codes)[0]
    unrated = [i for i in report.need_items if i.rating is None]
    assert unrated
    for item in unrated:
        column = fixture_model.vectorizer.feature_index(item.block, item.name)
        assert item.estimate == pytest.approx(estimates[column]) and item.estimate > 0
    svg = render_html(report).split("<svg ")[2]
    for item in report.need_items:
        assert item.name.replace("&", "&amp;") in svg


def test_needs_chart_keeps_the_rated_items_first_then_the_most_important(
    fixture_model, monkeypatch
):
    """The chart kept the most important items rated or not: O*NET's work styles outrank
    interests, and a student who rated the six interests saw one bar among 15 empty rows."""
    full = report_of(fixture_model, target="mayor").need_items
    by_importance = sorted(full, key=lambda i: (-i.importance, -i.level, i.name))
    rated = [i for i in by_importance if i.rating is not None]
    unrated = [i for i in by_importance if i.rating is None]
    # the case in point: a rated item less important than the ones an importance cap keeps
    assert not set(rated) <= set(by_importance[: len(rated)])
    for limit in (len(rated), len(rated) + 1, len(rated) - 1):
        monkeypatch.setattr(report_build, "MAX_NEED_ITEMS", limit)
        report = report_of(fixture_model, target="mayor")
        kept = (rated + unrated)[:limit]
        assert set(report.need_items) == set(kept)
        assert report.need_items_total == len(full) > limit
        assert [i for i in full if i in set(kept)] == list(report.need_items)  # order kept
        shown = min(limit, len(rated))
        if shown == limit:
            said = f"the {limit} most important of those you rated, of the {len(full)}"
        else:
            said = f"the {shown} you rated and the {limit - shown} most important of the others"
        assert said in render_html(report)
        assert said in render_markdown(report)


def test_target_defaults_to_the_profile_then_the_best_match(fixture_model):
    named = report_of(fixture_model, profile={**PROFILE, "target_job": "Policy Director"})
    assert named.gaps.target_id == "policy-director" and named.target_source == "profile"
    best = report_of(fixture_model)
    assert best.gaps.target_id == best.recommendations[0].occupation_id
    assert best.target_source == "best match"
    given = report_of(
        fixture_model,
        profile={**PROFILE, "target_job": "Policy Director"},
        target="Town Mayor (Fixture)",
    )
    assert given.gaps.target_id == "mayor" and given.target_source == "given"
    with pytest.raises(UnknownOccupationError, match="Astronaut"):
        report_of(fixture_model, target="Astronaut")


def test_only_a_named_target_is_badged_your_target(fixture_model):
    """A target the report took itself (the best match, no target named) was marked "your
    target" in the matches table, read by a parent as the child's own choice."""
    best = report_of(fixture_model)
    assert best.target_source == "best match"
    named = report_of(fixture_model, target=best.recommendations[0].title)
    assert named.gaps.target_id == best.gaps.target_id and named.target_source == "given"
    for render in (render_html, render_markdown):
        assert "your target" not in render(best)
        assert "your target" in render(named)


def test_markdown_has_the_same_sections_as_html(fixture_model):
    report = report_of(fixture_model, target="mayor")
    html_sections = Page(render_html(report)).h2
    markdown = render_markdown(report)
    assert _md_headings(markdown) == html_sections
    assert _md_headings(markdown, 1) == ["Career report: Aiko Tanaka"]
    steps = _md_headings(markdown, 3)
    assert [s.split(" (")[0] for s in steps] == [
        f"{i}. {s.title}" for i, s in enumerate(report.gaps.steps, 1)
    ]
    for item in report.gaps.plan:
        assert re.search(rf"\| \d+ \| {re.escape(markdown_escape(item.name))} \|", markdown)
    # Every table row has as many cells as its header.
    for block in re.split(r"\n\n", markdown):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
            assert len(widths) == 1, block


def test_html_is_self_contained_and_printable(fixture_model):
    page = render_html(report_of(fixture_model, target="mayor"))
    parsed = Page(page)
    assert parsed.sources == []
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    assert not re.search(r"url\((?!#)|@import|https?://(?!www\.w3\.org/)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", page)
    assert "@media print" in page and "break-inside: avoid" in page
