"""The folders a batch creates for its output (for its lock, before the survey is read) are
removed again when the run writes nothing into them: a refused survey leaves no empty folder."""

from __future__ import annotations

import io

import pytest
from helpers import make_survey

from matcher import InputError, write_batch
from matcher.cli import main

NO_ID = "name,skill:Office Administration\nr1,3\n"  # a header without the id column: refused


@pytest.fixture
def cli_model(fixture_model, monkeypatch):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    return fixture_model


def test_a_refused_survey_leaves_no_folder_behind(tmp_path, cli_model, capsys):
    survey = tmp_path / "s.csv"
    survey.write_text(NO_ID, encoding="utf-8")
    out = tmp_path / "new" / "deeper" / "out.csv"
    rejects = tmp_path / "elsewhere" / "r.csv"
    assert main(["batch", str(survey), "-o", str(out), "--rejects", str(rejects)]) == 2
    assert "respondent_id" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_a_refused_stream_leaves_no_folder_behind(tmp_path, cli_model, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(NO_ID.encode()), encoding="utf-8")
    stdin.buffer.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["batch", "-", "-o", str(tmp_path / "new" / "out.csv")]) == 2
    assert not (tmp_path / "new").exists()


def test_a_folder_that_was_there_or_was_written_into_is_kept(tmp_path, fixture_model):
    survey = tmp_path / "s.csv"
    survey.write_text(NO_ID, encoding="utf-8")
    (tmp_path / "there").mkdir()
    with pytest.raises(InputError):
        write_batch(survey, tmp_path / "there" / "out.csv", model=fixture_model)
    assert (tmp_path / "there").is_dir() and not list((tmp_path / "there").iterdir())
    good = make_survey(tmp_path / "good.csv", fixture_model, n=3)
    write_batch(good, tmp_path / "new" / "out.csv", model=fixture_model, top_k=1)
    assert (tmp_path / "new" / "out.csv").is_file()
