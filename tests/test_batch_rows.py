"""Every row of a batch's survey scored or rejected: duplicate ids, bad rows, files named twice."""

from __future__ import annotations

import csv
import warnings

import numpy as np
import pandas as pd
import pytest
from helpers import make_survey, quiet_score

from matcher import read_survey_assessments, score_survey
from matcher.batch.ids import IdRegistry
from matcher.cli import main


def test_every_row_is_scored_or_rejected(tmp_path, fixture_model, engine):
    bad = (
        "r000,1,1,1,1,1,1,1,1,\n"  # duplicate of the first row
        "bad1,9,,,,,,,,\n"
        ",3,,,,,,,,\n"
        "bad2,,,,,,,,,\n"
        "bad3,2,,,,,,,,Astronaut\n"
        "\n"
        "bad4,1,2\n"
    )
    path = make_survey(tmp_path / "s.csv", fixture_model, n=20, extra_rows=bad)
    with pytest.warns(UserWarning, match="rejected"):
        frame = score_survey(path, model=fixture_model, top_k=3, **engine)
    summary, rejects = frame.attrs["summary"], frame.attrs["rejects"].to_pandas()
    assert summary["rows_read"] == 26 == summary["scored"] + summary["rejected"]
    assert summary["scored"] == 20 and summary["duplicates"] == 1 and summary["blank_lines"] == 1
    assert len(frame) == 20 * 3
    reasons = dict(zip(rejects["line"], rejects["reason"], strict=True))
    assert reasons[22].startswith("duplicate of line 2")
    assert reasons[23] == "outside 0-5"
    assert reasons[24] == "no respondent id"
    assert reasons[25].startswith("no ratings")
    assert "no occupation is called 'Astronaut'" in reasons[26]
    assert reasons[28].startswith("3 fields")


def test_the_batch_and_the_small_survey_reader_reject_alike(tmp_path, fixture_model, engine):
    """One duplicate-id rule and one reject record: score_survey (any engine, through the id
    registry) and read_survey_assessments give identical rejects for the same files."""
    extra = (
        "r001,9,,,,,,,,\n"  # a duplicate that is also invalid
        "dup,2,,,,,,,,\n"
        "dup,3,,,,,,,,\n"
        ",4,,,,,,,,\n"
        "r7,1,2\n"
    )
    make_survey(tmp_path / "a.csv", fixture_model, n=30, seed=4, extra_rows=extra)
    make_survey(tmp_path / "b.csv", fixture_model, n=12, seed=5)  # every id repeats a.csv's
    source = str(tmp_path / "*.csv")
    frame = quiet_score(source, model=fixture_model, top_k=2, **engine)
    people, rejects = read_survey_assessments(source, fixture_model)
    pd.testing.assert_frame_equal(frame.attrs["rejects"].to_pandas(), rejects, check_dtype=False)
    assert list(dict.fromkeys(frame["respondent_id"])) == [i for i, _ in people]
    reasons = rejects["reason"].tolist()
    assert sum(r.startswith("duplicate of line") for r in reasons) == 2
    assert sum(r.startswith(f"duplicate of {tmp_path / 'a.csv'} line") for r in reasons) == 12


def test_a_row_with_the_wrong_number_of_fields_keeps_its_id_in_the_rejects(
    tmp_path, fixture_model, engine
):
    """An adviser follows a reject up by the person's id: a short or long row had none."""
    path = tmp_path / "s.csv"
    long_id = "x" * 70  # cut off in the shown text: no id rather than a part of one
    path.write_text(
        "respondent_id,skill:Office Administration,skill:Policy Planning\n"
        'a1,3,4\na6,3\n"a7,x",2,3,4\n' + long_id + ",1,2,3\n"
    )
    frame = quiet_score(path, model=fixture_model, top_k=1, **engine)
    rejects = frame.attrs["rejects"].to_pandas().set_index("line")
    assert list(frame["respondent_id"].unique()) == ["a1"]
    assert rejects.loc[3, "respondent_id"] == "a6" and rejects.loc[4, "respondent_id"] == "a7,x"
    assert rejects.loc[5, "respondent_id"] == ""


def test_a_duplicate_of_a_rejected_row_does_not_say_it_was_scored(tmp_path, fixture_model, capsys):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=4, seed=1)
    lines = path.read_text().splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    bad = list(first)
    bad[header.index(next(c for c in header if ":" in c))] = "9"  # outside 0-5
    path.write_text("\n".join([lines[0], ",".join(bad), *lines[2:], ",".join(first)]) + "\n")
    frame = quiet_score(path, model=fixture_model, top_k=1)
    rejects = frame.attrs["rejects"].to_pandas()
    assert first[0] not in set(frame["respondent_id"])  # neither row of that id is scored
    reason = rejects.loc[rejects["column"] == header[0], "reason"].iloc[0]
    assert reason.startswith("duplicate of line 2") and "scored" not in reason
    # nor does the summary ("2 duplicate respondent ids (first occurrence scored)")
    from matcher.cli import main

    model_path = fixture_model.save(tmp_path / "m.model")
    main(["batch", str(path), "-o", str(tmp_path / "out.csv"), "--model", str(model_path)])
    said = capsys.readouterr()
    summary = " ".join((said.out + said.err).split())
    assert "1 duplicate respondent id (only the first row of each id counts)" in summary
    assert "scored)" not in summary


def test_duplicates_across_files_and_globs(tmp_path, fixture_model, engine):
    make_survey(tmp_path / "a.csv", fixture_model, n=5, target=False)
    make_survey(tmp_path / "b.csv", fixture_model, n=3, seed=1, target=False)
    frame = quiet_score(str(tmp_path / "*.csv"), model=fixture_model, top_k=1, **engine)
    assert frame["respondent_id"].tolist() == ["r000", "r001", "r002", "r003", "r004"]
    rejects = frame.attrs["rejects"].to_pandas()
    assert rejects["reason"].str.contains(r"duplicate of .*a\.csv line", regex=True).sum() == 3
    assert "target_id" not in frame.columns


def test_whole_float_ids_of_a_dataframe_are_the_integers_they_stand_for(fixture_model):
    # pandas reads integer ids as floats when one is blank: 1.0 must join back to 1
    frame = pd.DataFrame({"respondent_id": [1.0, 2.0, np.nan], "Leadership": [4, 3, 2]})
    scored = quiet_score(frame, model=fixture_model, top_k=1)
    assert scored["respondent_id"].tolist() == ["1", "2"]
    mixed = pd.DataFrame(
        {"respondent_id": pd.Series([1, 1.0, "1", 1.5], dtype=object), "Leadership": [4, 3, 2, 1]}
    )
    scored = quiet_score(mixed, model=fixture_model, top_k=1)
    assert scored["respondent_id"].tolist() == ["1", "1.5"]  # 1.0 and "1" are duplicates of 1


def test_id_registry_finds_first_occurrences():
    registry = IdRegistry()
    first = registry.first_seen(["a", "b", "a", "c"], np.array([1, 2, 3, 4]))
    assert first.tolist() == [-1, -1, 1, -1]
    second = registry.first_seen(["c", "d", "d", "b"], np.array([5, 6, 7, 8]))
    assert second.tolist() == [4, -1, 6, 2]
    many = [f"id{i}" for i in range(5000)]
    for start in range(0, 5000, 100):
        assert (registry.first_seen(many[start : start + 100], np.arange(100) + 10) < 0).all()
    # Fifty runs merged along the way: every id still maps to its own first line.
    again = registry.first_seen(many[::7], np.zeros(len(many[::7]), np.int64))
    assert again.tolist() == [10 + i % 100 for i in range(0, 5000, 7)]


def test_a_stray_quote_in_one_file_of_a_glob(tmp_path, fixture_model, engine):
    make_survey(tmp_path / "part-1.csv", fixture_model, n=60, seed=1)
    make_survey(tmp_path / "part-2.csv", fixture_model, n=50, seed=2)  # ids repeat part-1's
    stray = tmp_path / "part-3.csv"
    make_survey(stray, fixture_model, n=30, seed=3)
    stray.write_text(stray.read_text().replace("r010,", 'x5"10,', 1))  # a quote inside a field
    source = str(tmp_path / "part-*.csv")
    reference = quiet_score(source, model=fixture_model, top_k=2, jobs=1)
    frame = quiet_score(source, model=fixture_model, top_k=2, **engine)
    pd.testing.assert_frame_equal(reference, frame)
    assert reference.attrs["rejects"] == frame.attrs["rejects"]
    assert 'x5"10' in set(frame["respondent_id"])
    assert frame.attrs["summary"]["duplicates"] == 50 + 29


def test_an_unclosed_quote_rejects_one_row_in_the_cli(tmp_path, fixture_model, capsys, monkeypatch):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    survey = tmp_path / "s.csv"
    rows = "".join(f"r{i},3\n" for i in range(3, 10_001))
    survey.write_text('respondent_id,skill:Office Administration\nr1,3\nr2,"4\n' + rows)
    assert main(["batch", str(survey), "-o", str(tmp_path / "out.csv"), "--top", "1"]) == 1
    out = capsys.readouterr().out
    assert "10,000 rows read = 9,999 scored + 1 rejected" in out
    with (tmp_path / "out.rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["value"]) for r in rejects] == [("3", 'r2,"4')]
    assert rejects[0]["reason"].startswith("unterminated quoted field")


def test_bare_cr_line_endings_are_a_clear_error(tmp_path, fixture_model, capsys, monkeypatch):
    from matcher import score_survey
    from matcher.errors import InputError
    from matcher.io.survey import read_layout

    # Old Mac exports end lines in a lone CR: the header then holds the whole file.
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    survey = tmp_path / "mac.csv"
    survey.write_bytes(b"respondent_id,skill:Office Administration\rr1,3\rr2,4\r")
    assert main(["batch", str(survey), "-o", str(tmp_path / "out.csv")]) == 2
    error = capsys.readouterr().err
    assert f"{survey}:1: the lines end in a bare carriage return" in error
    assert "Traceback" not in error
    with pytest.raises(InputError, match="bare carriage return"):
        score_survey(survey, model=fixture_model)
    # In the data too: a CR that ends no line would merge two respondents.
    survey.write_bytes(b"respondent_id,skill:Office Administration\nr1,3\nr2,4\rr3,5\n")
    assert main(["batch", str(survey), "-o", str(tmp_path / "out.csv")]) == 2
    error = capsys.readouterr().err
    assert f"{survey}:3: a carriage return (CR) that is not followed by a line feed" in error
    assert "Traceback" not in error and not (tmp_path / "out.csv").exists()
    # A CR inside a quoted header cell is not a line ending.
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes(b'"respondent_id\r",skill:Office Administration\nr1,3\n')
    layout = read_layout(quoted, fixture_model, id_column="respondent_id\r")
    assert layout.columns.id_column == "respondent_id\r"


def test_a_file_named_twice_is_read_once_and_said_so(tmp_path, fixture_model, monkeypatch):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=5)
    (tmp_path / "link.csv").symlink_to(path)
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning, match="named more than once is read once") as caught:
        scored = score_survey(["s.csv", "./s.csv", "link.csv"], model=fixture_model, top_k=1)
    assert len(caught) == 1 and scored["respondent_id"].nunique() == len(scored) <= 5


def test_a_survey_column_no_item_answers_to_is_warned_of_from_the_library(fixture_model):
    # the CLI printed it; from Python it sat in attrs["summary"] and a misspelt item's column
    # went unread for every respondent unsaid
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b"],
            "skill:Office Administration": [4, 2],
            "skil:Citizen Services": [3, 5],
        }
    )
    with pytest.warns(UserWarning, match=r"unknown columns, ignored: 'skil:Citizen Services'"):
        out = score_survey(frame, model=fixture_model, top_k=2)
    assert out.attrs["summary"]["rejected"] == 0 and len(out) == 4
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a survey of known columns warns of nothing
        score_survey(frame.drop(columns="skil:Citizen Services"), model=fixture_model, top_k=2)


def test_a_frames_bad_numbers_are_shown_as_its_own_csv_shows_them(tmp_path, fixture_model):
    """The frame reader showed a bad number with %g: 5.0000001 as "5" beside "outside 0-5",
    123456789.0 as "1.23457e+08", where the same frame's CSV shows what it holds."""
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "e"],
            "skill:Office Administration": [5.0000001, 123456789.0, np.inf, -1e-07, 3.0],
            "Citizen Services": pd.array([7, 1, 1, 1, 1], dtype="Int64"),
            "Leadership": np.array([5.1, 1, 1, 1, 9], dtype=np.float32),
        }
    )
    frame.to_csv(tmp_path / "frame.csv", index=False)
    rejects = quiet_score(frame, model=fixture_model).attrs["rejects"].to_pandas()
    from_csv = quiet_score(tmp_path / "frame.csv", model=fixture_model).attrs["rejects"]
    assert rejects["value"].tolist() == [
        "5.0000001", "7", "5.1", "123456789.0", "inf", "-1e-07", "9.0",
    ]  # fmt: skip
    pd.testing.assert_frame_equal(
        rejects.drop(columns="file"), from_csv.to_pandas().drop(columns="file")
    )


def test_a_nullable_integer_column_with_a_blank_shows_its_numbers_as_its_csv(
    tmp_path, fixture_model
):
    """An Int64 column with a missing value (what pandas gives an integer column with a
    blank) was read through floats: its 9 was "9.0", where the frame's CSV writes "9"."""
    frame = pd.DataFrame(
        {
            "respondent_id": ["i0", "i1", "i2"],
            "skill:Office Administration": pd.array([9, None, 2], dtype="Int64"),
            "Citizen Services": pd.array([3, 3, -4], dtype="Int64"),
        }
    )
    frame.to_csv(tmp_path / "frame.csv", index=False)
    rejects = quiet_score(frame, model=fixture_model).attrs["rejects"].to_pandas()
    from_csv = quiet_score(tmp_path / "frame.csv", model=fixture_model).attrs["rejects"]
    assert rejects["value"].tolist() == ["9", "-4"]
    pd.testing.assert_frame_equal(
        rejects.drop(columns="file"), from_csv.to_pandas().drop(columns="file")
    )
