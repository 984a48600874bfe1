"""A report's summary: the steps ahead, the own post's gaps or ratings, key items rated, fits."""

from __future__ import annotations

import html
import json

import numpy as np
from reports import report_of

from matcher import render_html, render_markdown
from matcher.cli import main
from matcher.model.locations import data_dir


def test_the_summary_counts_the_steps_ahead_and_says_the_own_posts_gaps_apart(builtin_model):
    """A report said "2 of 2 steps still to reach; the next is <the target>": the first of the
    two was the post the person is in, which is no step ahead of them."""
    person = json.loads((data_dir() / "examples" / "section-chief.json").read_text("utf-8"))
    report = report_of(builtin_model, person)
    steps = report.gaps.steps
    assert steps[0].is_current and not steps[0].reached  # the example has gaps in its post
    assert any(not gap.estimated for gap in steps[0].gaps)  # rated ones among them
    ahead = [s for s in steps if not s.is_current]
    left = sum(not s.reached for s in ahead)
    for page in (render_markdown(report), html.unescape(render_html(report))):
        assert f"{left} of {len(ahead)} step{'s' if len(ahead) > 1 else ''} ahead" in page
        assert f"Your own post, {steps[0].title}, has gaps too." in page
    assert "has gaps too.\n- Learning plan" in render_markdown(report)  # still its own line
    # short of its own post on estimates alone (its rated gaps now met): not said to have gaps
    sections = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    met = json.loads(json.dumps(person))
    for gap in steps[0].gaps:
        if not gap.estimated:
            met.setdefault(sections[gap.block], {})[gap.name] = 5
    first = report_of(builtin_model, met).gaps.steps[0]
    assert first.is_current and first.gaps and all(g.estimated for g in first.gaps)
    assert "has gaps too" not in render_markdown(report_of(builtin_model, met))


def test_a_post_short_only_of_ratings_asks_for_ratings_not_for_closing_gaps(builtin_model):
    """A cook who rated one item of their own post was told to close its gaps, beside a
    learning plan of nothing: the post was short of ratings, not of levels."""
    # A farm worker rating, at their levels, only the key items a farm worker needs above 2.5:
    # the rest (more than 40 %) ask at most 2.5, which an estimate (never above 2) meets.
    row = builtin_model.index_of("farm-worker")
    levels, importance = builtin_model.levels[row], builtin_model.importance[row]
    sections = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    person: dict = {"current_job": "Farm Worker"}
    for (block, name), level, weight in zip(
        builtin_model.feature_keys, levels, importance, strict=True
    ):
        if weight >= 0.5 and level > 2.5:
            person.setdefault(sections[block], {})[name] = float(np.ceil(level))
    report = report_of(builtin_model, person, target="farm-worker")
    step = report.gaps.steps[report.gaps.next_step]
    assert step.is_current and not step.gaps and step.unrated  # the case at hand
    page = render_markdown(report)
    assert "the next is **rating the rest of the key items of your own post, Farm Worker**" in page
    assert "closing the gaps" not in page


def test_the_summary_says_how_many_of_the_best_matchs_key_items_were_rated(builtin_model):
    """A score of 0.12 from a short survey read as "12 % suited": the summary now says how
    many of the match's key items the person rated (the score counts the others as not met)."""
    person = json.loads((data_dir() / "examples" / "section-chief.json").read_text("utf-8"))
    report = report_of(builtin_model, person)
    best = report.recommendations[0]
    rated, key = (
        len(best.matched) + len(best.missing),
        len(best.matched + best.missing + best.unrated),
    )
    assert 0 < rated < key  # the example leaves some key items unrated
    for page in (render_markdown(report), html.unescape(render_html(report))):
        assert f"of 1; you rated {rated} of its {key} key items)" in page


def test_ratings_that_hardly_vary_are_said_to_say_little(builtin_model, tmp_path, capsys):
    """Every item rated 3 got an ordinary-looking best match and no word of warning."""
    from matcher.io.assessment import read_assessment

    names = [n for b, n in builtin_model.feature_keys if b == "skill"][:9]
    flat = {"skills": dict.fromkeys(names[:8], 3)}
    resolver = builtin_model.item_resolver
    assert read_assessment(flat, resolver).alike
    assert not read_assessment({"skills": dict.fromkeys(names[:7], 3)}, resolver).alike  # few
    spread = {"skills": {**dict.fromkeys(names[:8], 3), names[8]: 5}}
    assert not read_assessment(spread, resolver).alike  # two points apart: it says something
    for person, said in ((flat, True), (spread, False)):
        page = render_markdown(report_of(builtin_model, person))
        assert ("Your ratings hardly vary" in page) is said
        path = tmp_path / "p.json"
        path.write_text(json.dumps(person), encoding="utf-8")
        assert main(["recommend", str(path), "--top", "2"]) == 0
        assert ("Note: your ratings hardly vary" in capsys.readouterr().out) is said
        assert main(["gaps", str(path), "--target", "Electrician"]) == 0  # and on the way
        assert ("note: your ratings hardly vary" in capsys.readouterr().out) is said
        assert main(["recommend", str(path), "--json"]) == 0  # beside the JSON, on stderr
        out, err = capsys.readouterr()
        assert json.loads(out) and ("note: your ratings hardly vary" in err) is said


def test_onet_work_styles_are_called_traits_where_a_report_lists_what_fits(tmp_path):
    """O*NET's work styles are a matter of fit there, as interests are: a report listed them
    under "Interests:" ("Interests: Analytical Thinking (5 / typical 4.3)")."""
    import warnings

    from helpers import FIXTURES

    from matcher import import_onet

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = import_onet(FIXTURES / "onet")
    person = {
        "skills": {"Mathematics": 4, "Programming": 3},
        "traits": {"Dependability": 5, "Stress Tolerance": 4},
        "interests": {"Realistic": 4},
    }
    report = report_of(model, person, top_k=3)
    for page in (render_html(report), render_markdown(report)):
        assert "Interests and traits:" in page or "Traits and interests:" in page
        assert "Interests:" not in page


def test_an_unrated_interest_or_work_style_is_not_judged_on_its_estimate():
    """A short survey's report said "Integrity ≈2* below typical" of items never asked: a
    judgement of the person from a guess."""
    import warnings

    from helpers import FIXTURES

    from matcher import import_onet

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = import_onet(FIXTURES / "onet")
    report = report_of(model, {"skills": {"Mathematics": 4, "Programming": 3}}, top_k=3)
    fits = [i for i in report.need_items if i.is_fit]
    assert fits and all(i.rating is None for i in fits)  # none rated: only estimates
    page = render_markdown(report)
    assert "below typical" not in page and "a weaker interest" not in page
    assert "| not rated | " in page and "rate it to see how it fits" in page
