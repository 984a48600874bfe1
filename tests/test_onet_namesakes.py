"""A skill and a knowledge area of one name are two O*NET items ("Mathematics" and "Mathematics
(Knowledge)"): a free list that rates one of them and says nothing of the other is told so, and
how to rate it (a questionnaire chose what it asked).

A bookkeeping clerk's free list rated "Mathematics": 4 (the skill), and "Mathematics
(Knowledge)" stood in the plan as a gap, "not rated (≈2)", without a word; the report said both
that he has Mathematics and that he must build it up. The fixture database (tests/fixtures/onet)
has Mathematics in its Skills and its Knowledge."""

from __future__ import annotations

import json
import warnings

import pytest

from matcher import gaps
from matcher.cli import main
from matcher.io.assessment import read_assessment
from matcher.io.item_names import KNOWLEDGE_SUFFIX

KNOWLEDGE = "Mathematics" + KNOWLEDGE_SUFFIX


def _notes(model, profile: dict) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_assessment(profile, model.item_resolver)
    return [str(w.message) for w in caught if "names two items" in str(w.message)]


def test_rating_the_skill_alone_names_the_knowledge_area_and_how_to_rate_it(onet_fixture_model):
    notes = _notes(onet_fixture_model, {"skills": {"Mathematics": 4, "Programming": 3}})
    assert len(notes) == 1
    assert "'Mathematics' names two items" in notes[0]
    assert f"the knowledge area {KNOWLEDGE!r}" in notes[0]
    assert f"rate {KNOWLEDGE!r} too, under 'skills'" in notes[0]


def test_rating_the_knowledge_area_alone_names_the_skill(onet_fixture_model):
    notes = _notes(onet_fixture_model, {"skills": {KNOWLEDGE: 3}})
    assert len(notes) == 1 and "you rated the knowledge area only: rate 'Mathematics'" in notes[0]


@pytest.mark.parametrize(
    "profile",
    [
        {"skills": {"Mathematics": 4, KNOWLEDGE: 3}},  # both rated
        {"skills": {"Mathematics": 4, KNOWLEDGE: None}},  # the other left unanswered by name
        {"skills": {"Mathematics": 4}, "asked": "all"},  # asked, left blank
        {"skills": {"Mathematics": 4}, "asked": {"skills": ["Mathematics", KNOWLEDGE]}},
        {"skills": {"Mathematics": 4}, "asked": {"skills": ["Mathematics"]}},  # its choice
        {"skills": {"Programming": 4}},  # neither
    ],
)
def test_nothing_is_said_when_the_other_was_named_or_a_form_chose(onet_fixture_model, profile):
    assert _notes(onet_fixture_model, profile) == []


def test_a_catalog_without_the_namesake_says_nothing(builtin_model):
    assert _notes(builtin_model, {"skills": {"Mathematics": 4}}) == []


def test_gaps_says_it(onet_fixture_model, tmp_path, monkeypatch):
    person = {"current_job": "Harbour Tally Clerks", "skills": {"Mathematics": 5}}
    with pytest.warns(UserWarning, match=r"rate 'Mathematics \(Knowledge\)' too"):
        gaps(person, "Beacon Signal Engineers", model=onet_fixture_model)
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: onet_fixture_model)
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(person), encoding="utf-8")
    with pytest.warns(UserWarning, match=r"rate 'Mathematics \(Knowledge\)' too"):
        main(["gaps", str(profile), "--target", "Beacon Signal Engineers"])
