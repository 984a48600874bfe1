"""Survey format: column resolution, rating cells, the template, and read_survey_assessments."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from surveyfiles import HEADER, write

from matcher import InputError, score_survey
from matcher.io.survey import (
    read_survey_assessments,
    resolve_columns,
    template_columns,
    write_template,
)
from matcher.io.survey.parsed import ratings_from_text
from matcher.io.survey.rejects import REJECT_COLUMNS
from matcher.io.survey.template import EXAMPLE_ID, EXAMPLE_REASON

# --------------------------------------------------------------------------- columns


def test_columns_resolve_prefixed_bare_and_aliased_names(fixture_model):
    header = [
        "Respondent_ID",
        "skill:office administration",
        "Citizen Services",
        "traits:Has leadership",
        "Current Job",
        "target_job",
    ]
    columns = resolve_columns(header, fixture_model)
    assert columns.id_position == 0
    assert columns.current_job == 4 and columns.target_job == 5
    names = [str(fixture_model.vectorizer.feature_names_[f]) for f in columns.features]
    assert names == ["skill:Office Administration", "skill:Citizen Services", "trait:Leadership"]
    assert columns.unknown == ()


def test_unknown_columns_are_reported_with_suggestions(fixture_model):
    columns = resolve_columns(
        ["respondent_id", "skill:Office Administraton", "Favourite colour", "Citizen Services"],
        fixture_model,
    )
    unknown = {u.name: u for u in columns.unknown}
    assert "skill:Office Administration" in unknown["skill:Office Administraton"].suggestions
    assert "did you mean" in str(unknown["skill:Office Administraton"])
    assert unknown["Favourite colour"].suggestions == ()


@pytest.mark.parametrize("colon", ["\uff1a", "\ufe55", "\ufe13"])  # full-width, small, vertical
def test_a_colon_typed_by_an_input_method_parts_the_block_as_a_colon_does(
    tmp_path, fixture_model, colon
):
    """NFKC makes each of these ':', as it makes the header's other full-width characters
    ASCII: skill\uff1aAccounting was dropped as unknown and the person scored from the rest."""
    header = ["respondent_id", f"skill{colon}Office Administration", f"trait{colon}Leadership"]
    columns = resolve_columns(header, fixture_model)
    names = [str(fixture_model.vectorizer.feature_names_[f]) for f in columns.features]
    assert names == ["skill:Office Administration", "trait:Leadership"]
    assert columns.unknown == ()
    path = write(tmp_path, ",".join(header) + "\nr1,5,1\n")
    ascii_path = write(
        tmp_path,
        "respondent_id,skill:Office Administration,trait:Leadership\nr1,5,1\n",
        "ascii.csv",
    )
    scored = score_survey(path, model=fixture_model, top_k=3)
    assert scored.attrs["summary"]["unknown_columns"] == []
    expected = score_survey(ascii_path, model=fixture_model, top_k=3)
    assert scored.title.tolist() == expected.title.tolist()
    assert scored.score.tolist() == expected.score.tolist()


def test_missing_id_column_is_a_clear_error(fixture_model):
    with pytest.raises(InputError, match=r"no 'respondent_id' column.*did you mean 'respondent'"):
        resolve_columns(["respondent", "skill:Office Administration"], fixture_model)
    columns = resolve_columns(
        ["person", "skill:Office Administration"], fixture_model, id_column="person"
    )
    assert columns.id_column == "person"


def test_two_columns_for_one_item_and_no_rating_columns_are_errors(fixture_model):
    with pytest.raises(
        InputError,
        match=r"'Office Administration' \(column 2\) and 'skill:office administration' "
        r"\(column 3\) both rate 'skill:Office Administration'",
    ):
        resolve_columns(
            ["respondent_id", "Office Administration", "skill:office administration"], fixture_model
        )
    with pytest.raises(InputError, match="no rating column"):
        resolve_columns(["respondent_id", "colour"], fixture_model)
    # two id or job columns: which one holds the answer would be a guess, the other dropped
    with pytest.raises(InputError, match=r"'target_job' \(column 2\) and 'Target Job' \(column"):
        resolve_columns(["respondent_id", "target_job", "Target Job", "Leadership"], fixture_model)
    with pytest.raises(InputError, match="all name 'respondent_id'; keep one of them"):
        resolve_columns(["respondent_id", "Respondent ID", "Leadership"], fixture_model)


def test_ratings_from_text_accepts_numbers_only():
    values, bad, reason = ratings_from_text(
        __import__("pyarrow").array(
            ["3", " 4.5 ", "", None, "nan", "inf", "6", "-1", "x", "0", ".5"]
        )
    )
    assert values[:2].tolist() == [3.0, 4.5]
    assert np.isnan(values[2:4]).all() and not bad[2:4].any()
    assert bad.tolist() == [False] * 4 + [True] * 5 + [False, False]
    assert reason[4:9].tolist() == [1, 1, 2, 2, 1]
    comma, bad, _ = ratings_from_text(__import__("pyarrow").array(["3,5"]), decimal_comma=True)
    assert comma.tolist() == [3.5] and not bad.any()


def test_a_rating_with_an_exponent_reads_as_float_reads_it(tmp_path, fixture_model):
    """pandas writes 0.00001 as 1e-05: a frame scored whole, its own CSV lost the respondent
    as "not a number" (and 2.5e0, 4E0 with it)."""
    cells = ["1e-05", "2.5e0", "4E0", "5e+0", "-1e-07", "1e999", "1e", "e5", "1e0.5", "Infinity"]
    values, bad, reason = ratings_from_text(__import__("pyarrow").array(cells))
    assert values[:4].tolist() == pytest.approx([1e-05, 2.5, 4.0, 5.0])
    assert reason.tolist() == [0, 0, 0, 0, 2, 2, 1, 1, 1, 1]  # 2: outside 0-5, 1: not a number
    comma, bad, _ = ratings_from_text(__import__("pyarrow").array(["2,5e0"]), decimal_comma=True)
    assert comma.tolist() == [2.5] and not bad.any()
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b"],
            "skill:Office Administration": [0.00001, 4.0],
            "Leadership": [3.0, 2.5],
        }
    )
    frame.to_csv(tmp_path / "frame.csv", index=False)
    assert "1e-05" in (tmp_path / "frame.csv").read_text()
    scored = score_survey(tmp_path / "frame.csv", model=fixture_model, top_k=2)
    pd.testing.assert_frame_equal(scored, score_survey(frame, model=fixture_model, top_k=2))
    assert scored.attrs["summary"]["rejected"] == 0


# --------------------------------------------------------------------------- template and profiles


def test_template_lists_every_feature_and_its_example_reads_back(tmp_path, builtin_model):
    path = write_template(tmp_path / "t" / "survey.csv", builtin_model)
    with path.open(encoding="utf-8", newline="") as handle:
        header, example = list(csv.reader(handle))
    assert header == template_columns(builtin_model)
    assert len(header) == 3 + builtin_model.vectorizer.n_features
    profiles, rejects = read_survey_assessments(path, builtin_model)
    assert not profiles and list(rejects["reason"]) == [EXAMPLE_REASON]  # left in: refused
    # its values are a valid row: under an id of a respondent's, it is read
    path.write_text(path.read_text("utf-8").replace(EXAMPLE_ID, "r1"), "utf-8")
    profiles, rejects = read_survey_assessments(path, builtin_model)
    assert len(rejects) == 0 and [p[0] for p in profiles] == ["r1"]
    assert profiles[0][1].current_job == example[1] and profiles[0][1].ratings


def test_read_survey_assessments(tmp_path, fixture_model):
    text = (
        HEADER + ",current_job\n"
        "p1,4,3,,Mayor of a Small Town,Municipal Clerk\n"
        "p2,9,3,,,\n"
        "p1,1,1,1,,\n"
        "p3,,,,,\n"
        "p4,2,2,2,Astronaut,\n"
    )
    profiles, rejects = read_survey_assessments(write(tmp_path, text), fixture_model)
    assert [rid for rid, _ in profiles] == ["p1"]
    person = profiles[0][1]
    assert person.name == "p1" and person.target_job == "Mayor of a Small Town"
    assert person.current_job == "Municipal Clerk"
    assert person.ratings == {
        ("skill", "Office Administration"): 4.0,
        ("skill", "Citizen Services"): 3.0,
    }
    assert list(rejects.columns) == list(REJECT_COLUMNS)
    found = {(int(r.line), r.column, r.value): r.reason for r in rejects.itertuples()}
    assert found[(3, "skill:Office Administration", "9")] == "outside 0-5"
    assert found[(4, "respondent_id", "p1")].startswith("duplicate of line 2")
    assert "no ratings" in found[(5, "", "")]
    assert "no occupation is called 'Astronaut'" in found[(6, "target_job", "Astronaut")]


def test_read_survey_assessments_from_a_dataframe(fixture_model):
    frame = pd.DataFrame(
        {
            "respondent_id": ["f1", "f2", None],
            "Office Administration": [4, np.nan, 3],
            "trait:Leadership": ["3", "abc", ""],
        }
    )
    profiles, rejects = read_survey_assessments(frame, fixture_model)
    assert [rid for rid, _ in profiles] == ["f1"]
    assert sorted(rejects["line"].tolist()) == [3, 4]
    assert "not a number" in rejects.loc[rejects.line == 3, "reason"].iloc[0]


def test_read_survey_assessments_reads_a_stream_as_score_survey_does(tmp_path, fixture_model):
    # Only score_survey knew streams (its spooling lived in batch/): the small-survey reader
    # refused one, "a survey is a path, a glob pattern, a list of them or a DataFrame".
    stream = io.BytesIO((HEADER + "\np1,4,3,,\n").encode("utf-8"))
    stream.name = "<stdin>"
    path = write(tmp_path, HEADER + "\np2,1,1,1,\np1,2,2,2,\n")
    people, rejects = read_survey_assessments([stream, path], fixture_model)
    assert [rid for rid, _ in people] == ["p1", "p2"]
    assert people[0][1].ratings == {
        ("skill", "Office Administration"): 4.0,
        ("skill", "Citizen Services"): 3.0,
    }
    assert list(rejects["file"]) == [str(path)] and list(rejects["line"]) == [3]
    assert rejects["reason"][0].startswith("duplicate of <stdin> line 2")


def test_read_survey_assessments_names_a_stream_in_its_rejects(fixture_model):
    stream = io.StringIO(HEADER + "\np1,4,3,,\np1,1,1,1,\n")
    people, rejects = read_survey_assessments(stream, fixture_model)
    assert [rid for rid, _ in people] == ["p1"]
    assert list(rejects["file"]) == ["<stream>"] and list(rejects["line"]) == [3]


def test_read_survey_assessments_takes_the_builtin_model_by_default(
    tmp_path, fixture_model, monkeypatch
):
    # model was a required positional parameter typed Model, yet None was accepted.
    import matcher.model.default

    monkeypatch.setattr(matcher.model.default, "default_model", lambda: fixture_model)
    people, _ = read_survey_assessments(write(tmp_path, HEADER + "\np1,4,3,,\n"))
    assert [rid for rid, _ in people] == ["p1"]
