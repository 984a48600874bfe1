"""A survey path whose name holds glob characters: a file that exists is that file; only a
path that does not exist is read as a pattern."""

from __future__ import annotations

import pytest
from helpers import make_survey, quiet_score

from matcher.cli import main
from matcher.errors import InputError
from matcher.io.survey.sources import survey_sources


@pytest.mark.parametrize("name", ["data[1].csv", "survey?.csv", "all*.csv"])
def test_an_existing_file_is_read_as_itself(tmp_path, name):
    wanted = tmp_path / name
    wanted.write_text("respondent_id\n", encoding="utf-8")
    # a file the name would match as a pattern ("data1.csv", "surveyX.csv", "all-of-it.csv")
    (tmp_path / name.replace("[1]", "1").replace("?", "X").replace("*", "-of-it")).write_text(
        "respondent_id\n", encoding="utf-8"
    )
    assert survey_sources(str(wanted)) == [wanted]
    assert survey_sources([wanted]) == [wanted]


def test_a_path_that_does_not_exist_is_still_a_pattern(tmp_path):
    (tmp_path / "data1.csv").write_text("respondent_id\n", encoding="utf-8")
    assert survey_sources(str(tmp_path / "data[1].csv")) == [tmp_path / "data1.csv"]
    with pytest.raises(InputError, match="no survey file matches this pattern"):
        survey_sources(str(tmp_path / "data[2].csv"))


def test_score_survey_and_the_cli_read_the_file_of_that_name(tmp_path, fixture_model, monkeypatch):
    make_survey(tmp_path / "data[1].csv", fixture_model, n=4)
    make_survey(tmp_path / "data1.csv", fixture_model, n=9, seed=1)  # what the pattern matches
    frame = quiet_score(str(tmp_path / "data[1].csv"), model=fixture_model, top_k=1)
    assert frame["respondent_id"].nunique() == 4
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    out = tmp_path / "out.csv"
    assert main(["batch", str(tmp_path / "data[1].csv"), "-o", str(out), "--top", "1"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 4
