"""What the output says where a careers counsellor found it misleading (2026-12-01): certainties
from rounding, unrated items read as gaps, a current job "not these 8" without its place, and
estimates counted as met."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT
from reports import report_of

from matcher import recommend, render_markdown
from matcher.cli import main
from matcher.match.recommend import standing
from matcher.util.labels import percent, possessive

COOK = {
    "name": "Mariko",
    "current_job": "Cook",
    "target_job": "Registered Dietitian",
    "skills": {"Cooking": 5, "Food Hygiene": 4, "Menu Planning": 3, "Nutrition": 2},
    "aptitudes": {"Physical Stamina": 4, "Teamwork": 4},
    "traits": {"Cleanliness": 5},
}


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.0, "<1%"),
        (0.004, "<1%"),
        (0.012, "1%"),
        (0.27, "27%"),
        (0.99, "99%"),
        (0.9989, ">99%"),
        (1.0, ">99%"),
    ],
)
def test_a_probability_never_rounds_to_a_certainty(share, shown):
    assert percent(share) == shown


def test_recommend_marks_unrated_items_apart_from_those_to_work_on(builtin_model, capsys, tmp_path):
    recs = recommend(COOK, top_k=5, model=builtin_model)
    path = tmp_path / "cook.json"
    path.write_text(json.dumps(COOK), "utf-8")
    assert main(["recommend", str(path), "--top", "5"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert not re.search(r"(?<![<>\d])0%", out) and "100%" not in out
    marked = 0
    for r in recs:
        for item in r.unrated:
            if not item.fit and item.name in out:
                assert f"{item.name}?" in out  # never bare, as if it were a gap
                marked += 1
    assert marked and "An item marked ? is a key item you did not rate" in out


def test_where_the_current_job_stands_is_said_in_words(builtin_model, capsys, tmp_path):
    person = {"current_job": "Airline Pilot", "skills": {"Cooking": 5, "Food Hygiene": 4}}
    recs = recommend(person, top_k=3, model=builtin_model)
    assert all(r.occupation_id != "airline-pilot" for r in recs)
    rank = standing(person, "airline-pilot", builtin_model)
    everything = recommend(person, top_k=len(builtin_model.ids), model=builtin_model)
    assert everything[rank - 1].occupation_id == "airline-pilot"  # the same order
    path = tmp_path / "p.json"
    path.write_text(json.dumps(person), "utf-8")
    assert main(["recommend", str(path), "--top", "3"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        f"your current job, Airline Pilot, is #{rank}, after {rank - 1} occupations: your "
        f"answers fit {possessive(recs[0].title)} levels better"
    ) in out


def test_a_report_counts_only_rated_items_as_met(builtin_model):
    report = report_of(builtin_model, COOK, target="registered-dietitian")
    needs = [i for i in report.need_items if not i.is_fit]
    rated = [i for i in needs if i.rating is not None]
    unrated = len(needs) - len(rated)
    assert unrated and rated  # the case at hand: some of each
    page = " ".join(render_markdown(report).split())
    met = sum(i.meets for i in rated)
    assert f"You meet {met} of the {len(rated)} you rated ({unrated} more not rated)" in page
    assert "(estimates included)" not in page
    # an estimate is never "meets it" on its own: it says it is not rated
    for item in needs:
        if item.rating is None:
            assert re.search(rf"\| {re.escape(item.name)} \|[^\n]*not rated \(the estimate", page)


@pytest.mark.parametrize(
    ("key", "meant"), [("Skills", "skills"), ("Current Job", "current_job"), ("trait", "traits")]
)
def test_a_key_written_another_way_is_named(key, meant):
    from matcher.errors import AssessmentError

    with pytest.raises(AssessmentError, match=f"unknown key {key!r}; did you mean {meant!r}"):
        recommend({key: {}, "skills": {"Cooking": 4}} if key != "Skills" else {key: {"Cooking": 4}})


def test_parse_profile_names_what_it_was_given_in_english():
    from matcher import parse_profile
    from matcher.errors import ProfileParseError

    with pytest.raises(ProfileParseError, match=r"not an int$"):
        parse_profile(5)


def test_a_json_profile_given_to_batch_is_said_to_be_one(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(COOK), "utf-8")
    assert main(["batch", str(path), "-o", str(tmp_path / "out.csv")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "this looks like JSON, not a survey CSV" in err and "matcher recommend FILE" in err


def test_an_unrated_item_and_its_estimate_read_the_same_everywhere(builtin_model, capsys, tmp_path):
    """The same estimate read "not rated (~2)" in the CLI, "not rated (≈2)" in the Markdown and
    "not rated, estimated 2.0" in the HTML's chart; a level "4.0" in a question's reason and
    "4" beside it, and an unrated item of a match "unrated" in its str()."""
    import html

    from matcher import build_report, render_html
    from matcher.match.explain import ItemEvidence
    from matcher.model.locations import data_dir
    from matcher.util.labels import level_text, rating_text

    path = str(data_dir() / "examples" / "section-chief.json")
    report = build_report(path, model=builtin_model)
    gap = next(g for s in report.gaps.steps for g in s.gaps if g.estimated)
    shown = rating_text(None, gap.estimate)
    assert shown == f"not rated (≈{level_text(gap.estimate)})"
    model = builtin_model.save(tmp_path / "builtin.model")
    assert main(["gaps", path, "--model", str(model)]) == 0
    out = capsys.readouterr().out
    assert shown in out and "(~" not in out
    assert f"| {gap.name} | {gap.block} | {shown} |" in render_markdown(report)
    page = html.unescape(render_html(report))
    assert f">{shown}<" in page
    item = next(i for i in report.need_items if i.rating is None and not i.is_fit)
    assert f"{item.name}  ·  {rating_text(None, item.estimate)}, needs" in page
    assert "estimated 2.0" not in page and "not rated (≈2.0)" not in page
    assert str(ItemEvidence("skill", "Budgeting", None, 4.0, 0.5)) == (
        "Budgeting (not rated / needs 4)"
    )


@pytest.mark.parametrize(
    ("rating", "estimate", "shown"),
    [
        (4.0, None, "4"),
        (4.94, None, "4.9"),
        (None, 2.0, "not rated (≈2)"),
        (None, None, "not rated"),
    ],
)
def test_rating_text(rating, estimate, shown):
    from matcher.util.labels import rating_text

    assert rating_text(rating, estimate) == shown


def test_counts_are_worded_in_the_singular_for_one(fixture_model):
    # "1 items rated" in a report's header
    markdown = render_markdown(report_of(fixture_model, {"skills": {"Programming": 4}}))
    assert "1 item rated (1 skill)" in markdown


def test_a_count_of_one_is_worded_singular(builtin_model, tmp_path, capsys):
    """Counts said "rests on the 1 that were", "1 profiles, 1 industries ... 1 errors" and
    "1 problem(s) in the profile", where the rest of the output words them through
    ``counted()``."""
    one = {
        "name": "One",
        "skills": {"Cooking": 4, "Accounting": 1},
        "aptitudes": {"Teamwork": 4},
        "asked": {"skills": ["Cooking", "Accounting"], "aptitudes": ["Teamwork"]},
    }
    recs = recommend(one, model=builtin_model, top_k=5)
    once = [r for r in recs if r.not_asked_words and "rests on the" in r.not_asked_words[1]]
    assert any(
        len(r.matched) + len(r.missing) + len(r.unrated) - len(r.not_asked) == 1 for r in once
    )  # the case in point: one key item asked
    for r in once:
        assert "the 1 that were" not in r.explanation
    assert any("this match rests on the one that was" in r.explanation for r in once)
    page = " ".join(render_markdown(report_of(builtin_model, one, top_k=5)).split())
    assert "rests on the one that was" in page and "the 1 that were" not in page
    catalog = tmp_path / "cat"
    catalog.mkdir()
    source = ROOT / "data" / "profiles" / "cashier.txt"
    (catalog / "cashier.txt").write_text(source.read_text("utf-8"), "utf-8")
    main(["catalog", "check", str(catalog)])
    out = " ".join(capsys.readouterr().out.split())
    assert "1 profile, 1 industry, " in out and "0 errors, " in out
    path = tmp_path / "typo.json"
    path.write_text(json.dumps({"skills": {"Acounting": 3}}), "utf-8")
    assert main(["recommend", str(path)]) == 2
    assert "1 problem in the profile" in capsys.readouterr().err
