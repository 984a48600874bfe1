"""The adaptive interview behind ``matcher assess`` (matcher.match.interview), and the
designed questionnaire of ``matcher survey-template --items``."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import numpy as np
import pytest

from matcher import AssessmentError, InputError, Interview, recommend
from matcher.cli import main
from matcher.io.assessment import read_assessment
from matcher.match.interview import LITTLE, SKIPPED, STEADY, SURE, settled
from matcher.match.questions import designed_order

# -- the stopping rule ------------------------------------------------------------------------


def test_it_stops_when_the_best_match_is_sure():
    assert settled([(1, 2)], SURE, 1.0, 10).startswith("the best match holds")
    assert settled([(1, 2)], SURE - 0.01, 1.0, 10) is None


def test_it_stops_when_the_top_has_held_and_no_question_would_change_it():
    held = [(3, 1, 2)] * (STEADY + 1)
    assert "have not changed" in settled(held, 0.5, LITTLE / 2, 10)
    assert settled(held, 0.5, LITTLE * 2, 10) is None  # a question could still tell
    assert settled(held[1:], 0.5, LITTLE / 2, 10) is None  # not held long enough
    moved = [(1, 3, 2), *held[1:]]
    assert settled(moved, 0.5, LITTLE / 2, 10) is None
    assert settled([], 0.0, 1.0, 0) == "every item has been asked"


# -- an interview -------------------------------------------------------------------------------


def test_someone_who_skips_everything_is_not_asked_all_280_items(builtin_model):
    interview = Interview(builtin_model)
    while not interview.snapshot.stop:
        assert len(interview) < 60, "every skip asked on"
        interview.answer(None)
    assert "skipped and no question left" in interview.snapshot.stop
    assert len(interview) >= SKIPPED


def _play(interview: Interview, model, row: int, limit: int = 60) -> None:
    """Answer as a person of occupation ``row``: its levels, skipping what it does not list."""
    for _ in range(limit):
        snapshot = interview.snapshot
        if snapshot.stop or snapshot.question is None:
            return
        item = model.vectorizer.feature_index(snapshot.question.block, snapshot.question.name)
        listed = model.importance[row, item] > 0
        interview.answer(round(float(model.levels[row, item])) if listed else None)
    raise AssertionError("the interview did not settle")


def test_an_interview_settles_on_the_persons_occupation(builtin_model):
    row = builtin_model.index_of(builtin_model.resolve_occupation("Software Developer").id)
    interview = Interview(builtin_model)
    assert interview.snapshot.matches == ()  # nothing rated: no ranking yet
    _play(interview, builtin_model, row)
    snapshot = interview.snapshot
    assert snapshot.stop and snapshot.matches[0].occupation_id == builtin_model.ids[row]
    assert len(interview) < 40
    confidences = [m.confidence for m in snapshot.matches]
    assert confidences == sorted(confidences, reverse=True) and sum(confidences) <= 1 + 1e-9


def test_back_undoes_the_last_answer_and_asks_it_again(builtin_model):
    interview = Interview(builtin_model)
    first = interview.snapshot.question
    interview.answer(4)
    second = interview.snapshot.question
    assert second != first
    interview.answer(None)
    assert interview.back() and interview.back()
    assert len(interview) == 0 and not interview.asked.any()
    assert interview.snapshot.question == first
    assert not interview.back()


def test_answers_are_checked(builtin_model):
    interview = Interview(builtin_model)
    with pytest.raises(InputError, match="outside 0-5"):
        interview.answer(6)
    assert len(interview) == 0


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (True, "rating true is not a number"),  # a checkbox's True was saved as a rating of 1
        (False, "rating false is not a number"),
        ("4", "rating '4' is not a number"),  # a form's text raised a TypeError
        (float("nan"), "rating nan is not a number"),  # "outside 0-5" it is not
        (0.1 * 3 * 5 / 0.3, r"rating 5\.000000000000001 is outside 0-5"),
    ],
)
def test_an_answer_is_a_rating_by_the_profiles_rule(builtin_model, rating, message):
    interview = Interview(builtin_model)
    with pytest.raises(InputError, match=message) as caught:
        interview.answer(rating)
    assert "give a number from 0 to 5, or None to skip" in str(caught.value)
    assert len(interview) == 0 and not interview.asked.any()
    with pytest.raises(AssessmentError, match=message):  # the same words for a profile's
        read_assessment({"skills": {"Budget Management": rating}}, builtin_model.item_resolver)


def test_numbers_of_numpy_and_decimal_are_answers(builtin_model):
    interview = Interview(builtin_model)
    interview.answer(np.int64(4))
    interview.answer(Decimal("2.5"))
    assert interview.ratings[interview.order].tolist() == [4.0, 2.5]
    data = interview.to_dict()
    assert json.loads(json.dumps(data)) == data  # saved as plain numbers


def test_the_saved_self_assessment_reads_back_as_the_interview(builtin_model):
    interview = Interview(builtin_model, name="Aiko", target_job="Head Nurse")
    for rating in (4, None, 2.5, 0):
        interview.answer(rating)
    data = interview.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["name"] == "Aiko" and data["target_job"] == "Head Nurse"
    person = read_assessment(data, builtin_model.item_resolver)
    assert person == interview.assessment()
    keys = builtin_model.feature_keys
    assert person.asked == frozenset(keys[i] for i in interview.order)
    assert sorted(person.ratings.values()) == [0.0, 2.5, 4.0]
    # the skipped item counts as asked and blank: the ranking is the interview's
    interview_top = interview.snapshot.matches[0].occupation_id
    assert recommend(data, top_k=1, model=builtin_model)[0].occupation_id == interview_top


# -- survey-template --items --------------------------------------------------------------------


def test_survey_template_items_writes_the_designed_order(
    model_file, fixture_model, tmp_path, capsys
):
    out = tmp_path / "survey.csv"
    assert main(["survey-template", "--items", "4", "-o", str(out), "--model", model_file]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        header, example = list(csv.reader(handle))
    names = fixture_model.vectorizer.feature_names_
    expected = [str(names[i]) for i in designed_order(fixture_model, 4)[0]]
    assert header[3:] == expected and len(example) == len(header)
    assert any(example[3:])  # the example is a row a batch scores, not one of blanks
    for bad, message in [("", "the id column needs a name"), ("target_job", "'target_job'")]:
        args = ["survey-template", "--items", "4", "-o", str(tmp_path / "x.csv")]
        assert main([*args, "--id-column", bad, "--model", model_file]) == 2
        assert message in capsys.readouterr().err and not (tmp_path / "x.csv").exists()
    # more items than the model has: every item, in the designed order
    assert main(["survey-template", "--items", "999", "-o", str(out), "--model", model_file]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert sorted(header[3:]) == sorted(map(str, names)) and header[3:7] == expected
    with pytest.raises(SystemExit) as refused:
        main(["survey-template", "--items", "0", "-o", str(out), "--model", model_file])
    assert refused.value.code == 2


def test_survey_template_says_which_columns_the_design_chose(model_file, tmp_path, capsys):
    """Six occupations are told apart by fewer than 40 items: the summary said all 40 were
    chosen to tell them apart."""
    out = tmp_path / "survey.csv"
    args = ["survey-template", "--items", "40", "-o", str(out), "--model", model_file]
    assert main([*args, "--json"]) == 0
    designed = json.loads(capsys.readouterr().out)["designed"]
    assert 0 < designed < 40
    assert main(args) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"40 rating columns: the {designed} chosen to tell the 6 occupations apart" in said
    assert f"then {40 - designed} in the order of how many occupations list them" in said


def test_a_designed_template_of_the_builtin_catalog_is_deterministic(builtin_model):
    first, _ = designed_order(builtin_model, 20)
    assert first.tolist() == designed_order(builtin_model, 20)[0].tolist()
    assert len(np.unique(first)) == 20
