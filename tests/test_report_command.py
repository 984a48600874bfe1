"""``matcher report`` on a damaged survey and on a file where its output folder should be."""

from __future__ import annotations

import csv
import json

import pytest
from reports import PROFILE

from matcher import write_reports
from matcher.cli import main
from matcher.errors import InputError


def test_a_survey_with_an_unclosed_quote_still_gets_its_reports(model_file, tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        'respondent_id,skill:Budget Management\na,3\nb,"4\nc,2\nd,5\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["report", str(survey), "-o", str(out), "--model", model_file]) == 1
    assert "3 reports" in capsys.readouterr().out
    with (out / "rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["value"]) for r in rejects] == [("3", 'b,"4')]
    assert "unterminated quoted field" in rejects[0]["reason"]
    survey.write_bytes(b"respondent_id,skill:Budget Management\na,3\rb,4\n")
    assert main(["report", str(survey), "-o", str(out), "--model", model_file]) == 2
    assert f"{survey}:2: a carriage return (CR)" in capsys.readouterr().err


def test_report_into_a_file_is_a_clear_error(fixture_model, model_file, tmp_path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE))
    survey = tmp_path / "s.csv"
    survey.write_text("respondent_id,skill:Budget Management\na,3\n", encoding="utf-8")
    for source in (profile, survey):
        assert main(["report", str(source), "-o", str(existing), "--model", model_file]) == 2
        error = capsys.readouterr().err
        assert f"{existing}: is a file, not a folder to write into" in error, error
    assert existing.read_text() == "keep me"
    with pytest.raises(InputError, match="is a file, not a folder"):
        write_reports([], existing, model=fixture_model)
    # an empty name (-o "$UNSET") is not the current folder
    with pytest.raises(SystemExit) as stopped:
        main(["report", str(profile), "-o", "", "--model", model_file])
    assert stopped.value.code == 2
    assert "give the name of a folder to write into" in capsys.readouterr().err
