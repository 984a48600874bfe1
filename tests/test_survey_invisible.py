"""Survey reader: characters that show as nothing, in ids and in the header, and a header
padded with unnamed columns by a spreadsheet."""

from __future__ import annotations

import warnings

import pytest

from matcher import score_survey

HEADER = ["respondent_id", "skill:Office Administration", "Citizen Services", "target_job"]


def score(tmp_path, header: list[str], rows: list[str], model):
    path = tmp_path / "survey.csv"
    path.write_text(",".join(header) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicates, padding: asserted below
        return score_survey(path, model=model)


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u00ad", "\u2060", "\u200b"])
def test_direction_marks_and_soft_hyphens_leave_ids(tmp_path, fixture_model, mark):
    """'r\u200e3' and 'r3' look alike: the duplicate went unnoticed."""
    frame = score(tmp_path, HEADER, ["r3,3,4,", f"r{mark}3,1,1,", f"r4{mark},2,2,"], fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == ["r3", "r4"]
    rejects = frame.attrs["rejects"].to_pandas()
    assert list(rejects["line"]) == [3]
    assert "duplicate of line 2" in rejects["reason"][0]


@pytest.mark.parametrize("mark", ["\u202e", "\u202a", "\u202c", "\u2066", "\u2069"])
def test_bidi_controls_leave_ids_job_names_and_header_names(tmp_path, fixture_model, mark):
    """'\u202eRLO' was a second respondent, written out (and listed in the report index) as
    'RLO', the CSV writer removing what the reader had kept."""
    header = [f"respondent_id{mark}", *HEADER[1:]]
    rows = ["RLO,3,4,", f"{mark}RLO,1,1,", f"r2,2,2,{mark}Municipal Clerk"]
    frame = score(tmp_path, header, rows, fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == ["RLO", "r2"]
    rejects = frame.attrs["rejects"].to_pandas()
    assert list(rejects["line"]) == [3] and "duplicate of line 2" in rejects["reason"][0]
    assert set(frame[frame.respondent_id == "r2"]["target_id"]) == {"clerk"}


def test_joiners_that_write_emoji_and_scripts_stay_in_ids(tmp_path, fixture_model):
    """Without its joiner the nurse emoji is two, and the id no longer joins the export."""
    ids = ["\U0001f469\u200d\u2695\ufe0fnurse", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645"]
    frame = score(tmp_path, HEADER, [f"{i},3,4," for i in ids] + ["r1,3,4,"], fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == [*ids, "r1"]


def test_invisible_characters_leave_the_header_names(tmp_path, fixture_model):
    header = ["respondent_id\u200b", "\ufeffskill:Office Administration", *HEADER[2:]]
    frame = score(tmp_path, header, ["r1,3,4,", "r2,1,2,"], fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == ["r1", "r2"]
    assert frame.attrs["summary"]["scored"] == 2


def test_unnamed_columns_at_the_end_of_the_header_are_padding(tmp_path, fixture_model):
    """A spreadsheet pads the header too: rows without those cells were all rejected."""
    rows = ["r1,3,4,", "r2,1,2,,,", "r3,2,2,,", "r4,2,2,,x,"]
    frame = score(tmp_path, [*HEADER, "", ""], rows, fixture_model)
    summary = frame.attrs["summary"]
    assert list(dict.fromkeys(frame["respondent_id"])) == ["r1", "r2", "r3"]
    assert (summary["scored"], summary["rejected"], summary["padded_rows"]) == (3, 1, 2)
    assert summary["unknown_columns"] == []
    reasons = list(frame.attrs["rejects"].to_pandas()["reason"])
    assert reasons == ["6 fields, the header has 4"]


def test_invisible_characters_leave_a_data_frames_column_names(fixture_model):
    import pandas as pd

    from matcher import score_survey

    frame = pd.DataFrame(
        {"respondent_id\u200b": ["r1", "r2"], "\ufeffskill:Office Administration": [3, 1]}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = score_survey(frame, model=fixture_model, top_k=1)
    assert list(result["respondent_id"]) == ["r1", "r2"]


@pytest.mark.parametrize("first", ["Zoe\u0308 Mu\u0308ller", "Zo\u00eb M\u00fcller"])
def test_an_id_typed_in_either_unicode_form_is_one_respondent(tmp_path, fixture_model, first):
    """The same name typed on Windows (NFC) and pasted from a macOS file name (NFD) was two
    respondents, shown under one name with different results."""
    import unicodedata

    from matcher import read_survey_assessments

    second = unicodedata.normalize(
        "NFD" if first == unicodedata.normalize("NFC", first) else "NFC", first
    )
    assert second != first
    rows = [f"{first},3,4,", f"{second},1,1,", "r2,2,2,"]
    frame = score(tmp_path, HEADER, rows, fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == [first, "r2"]  # as written
    rejects = frame.attrs["rejects"].to_pandas()
    assert list(rejects["line"]) == [3] and "duplicate of line 2" in rejects["reason"][0]
    assert list(rejects["respondent_id"]) == [second]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        people, rejected = read_survey_assessments(tmp_path / "survey.csv", model=fixture_model)
    assert [i for i, _ in people] == [first, "r2"]
    assert list(rejected["line"]) == [3] and "duplicate of line 2" in rejected["reason"].iloc[0]
