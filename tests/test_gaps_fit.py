"""Interests and O*NET's work styles are a matter of fit: never gaps, needs or things to work on."""

from __future__ import annotations

import json

import pytest

from matcher import gaps


@pytest.mark.parametrize("block", ["interest", "trait"])
def test_interests_and_onet_work_styles_are_fit_never_gaps(onet_fixture_model, block):
    """O*NET rates work styles for importance alone (their "level" is that importance): "build
    up Integrity to 4.8" filled an O*NET learning plan with every job's high work styles and
    read as an insult. Like interests, they are a matter of fit there (not in the built-in
    catalog, whose documents give traits a level)."""
    model = onet_fixture_model
    assert model.extra["fit_blocks"] == ["trait"]
    names = [name for b, name in model.feature_keys if b == block]
    columns = model.block_codes == model.block_names.index(block)
    assert names and model.importance[:, columns].max() >= 0.5  # key items somewhere
    person = {"skills": {name: 0 for b, name in model.feature_keys if b == "skill"}}
    person[f"{block}s"] = dict.fromkeys(names, 0)
    for occupation in model.ids:
        report = gaps(person, occupation, model=model)
        assert report.steps[-1].gaps  # skills are short: the route has gaps ...
        fit = ("interest", "trait")
        assert all(g.block not in fit for s in report.steps for g in s.gaps)  # ... no fit
        assert all(p.block not in fit for p in report.plan)
        assert not set(names) & set(report.steps[-1].unrated)


def test_a_built_in_trait_is_still_a_gap(builtin_model):
    person = {"skills": {"Patient Care": 5}, "traits": {"Leadership": 0}}
    report = gaps(person, "head-nurse", model=builtin_model)
    assert any(g.block == "trait" for s in report.steps for g in s.gaps)


def test_a_step_is_reached_without_rating_its_interests_and_work_styles(onet_fixture_model):
    # a registered nurse was told Nursing Assistant had too few key items rated, for its
    # thirteen O*NET work styles, never named and never a gap
    import math

    model = onet_fixture_model
    row = model.index_of(model.ids[0])
    levels, importance = model.requirements(row)
    groups = {"skill": "skills", "aptitude": "aptitudes"}
    person: dict = {}
    for column, (block, name) in enumerate(model.feature_keys):
        if importance[column] >= 0.5 and block in groups:
            person.setdefault(groups[block], {})[name] = min(5, math.ceil(levels[column]))
    fits = [k for k, w in zip(model.feature_keys, importance, strict=True) if w >= 0.5]
    assert any(block in ("trait", "interest") for block, _ in fits)  # it has some to leave
    report = gaps(person, model.ids[0], model=model)
    assert report.steps[-1].reached


def test_an_opening_question_never_says_an_occupation_needs_an_interest(onet_fixture_model):
    from matcher import next_questions

    opening = next_questions(None, k=len(onet_fixture_model.feature_keys), model=onet_fixture_model)
    for question in opening:
        fit = question.block in ("interest", "trait")
        assert ("occupations need it" in question.reason) is not fit, question
        assert ("occupations are typically at" in question.reason) is fit, question


def test_recommendations_never_list_interests_to_work_on(onet_fixture_model, capsys, tmp_path):
    from matcher import recommend
    from matcher.cli import main

    model = onet_fixture_model
    interests = [name for block, name in model.feature_keys if block == "interest"]
    person = {"skills": {name: 5 for block, name in model.feature_keys if block == "skill"}}
    person["interests"] = dict.fromkeys(interests, 0)  # short of every interest a job has
    for r in recommend(person, model=model, top_k=3):
        assert any(e.block == "interest" for e in r.missing)  # the evidence keeps them ...
        assert "Interests further from it" in r.explanation  # ... said as fit
        assert all(e.fit == (e.block in ("interest", "trait")) for e in r.missing + r.matched)
        fit = r.explanation.split("further from it:")[1]
        assert "/ typical" in fit and "/ needs" not in fit  # a fit is no need to meet
        assert not any(
            name in r.explanation.split("To work on")[-1].split(".")[0] for name in interests
        )
    path = tmp_path / "model.model"
    model.save(path)
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(person), encoding="utf-8")
    assert main(["recommend", str(profile), "--model", str(path), "--top", "3"]) == 0
    table = capsys.readouterr().out.split("Why #1")[0]
    assert not any(name in table for name in interests)
