"""Survey reader: the null markers of exports and database dumps read as unanswered.

An export that wrote ``N/A`` for every item left unanswered, or a SQL dump's ``\\N``
(MySQL's INTO OUTFILE, PostgreSQL's COPY), had every such cell rejected as "not a
number": every respondent who skipped an item went unscored. A cell that is exactly a
marker now reads as blank, and the summary says how many there were.
"""

from __future__ import annotations

import pandas as pd
import pytest

from matcher import read_survey_assessments, score_survey
from matcher.io.survey.parsed import NULL_MARKERS

HEADER = ["respondent_id", "current_job", "skill:Office Administration", "trait:Leadership"]


def survey(tmp_path, rows: list[list[str]], delimiter: str = ",", name: str = "s.csv"):
    path = tmp_path / name
    lines = [delimiter.join(HEADER), *(delimiter.join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_sql_dump_with_null_markers_is_scored(tmp_path, fixture_model):
    rows = [["r1", "\\N", "4", "\\N"], ["r2", "mayor", "\\N", "5"], ["r3", "\\N", "2", "3"]]
    path = survey(tmp_path, rows, "\t", "dump.tsv")
    said = r"4 cells holding a null marker \(.*\\N.*\) read as blank"
    with pytest.warns(UserWarning, match=said):
        frame = score_survey(path, model=fixture_model, top_k=1)
    assert frame.attrs["rejects"].to_pandas().empty
    assert frame["respondent_id"].tolist() == ["r1", "r2", "r3"]
    assert frame.attrs["summary"]["null_markers"] == 4


@pytest.mark.parametrize("quote", [False, True])  # the array splitter, record by record
def test_each_marker_is_blank_and_nothing_else_is(tmp_path, fixture_model, quote):
    rows = [[f"m{k}", "", f" {m} ", "3"] for k, m in enumerate(NULL_MARKERS)]
    rows += [[f"b{k}", "", v, "3"] for k, v in enumerate(["na", "N/A/", "--", "none", "?"])]
    if quote:
        rows.append(["q1", '"Ward\nMayor"', "3", "3"])
    with pytest.warns(UserWarning):
        frame = score_survey(survey(tmp_path, rows), model=fixture_model, top_k=1)
    assert frame["respondent_id"].tolist()[: len(NULL_MARKERS)] == [
        f"m{k}" for k in range(len(NULL_MARKERS))
    ]
    rejects = frame.attrs["rejects"].to_pandas()
    assert rejects["value"].tolist()[:5] == ["na", "N/A/", "--", "none", "?"]
    assert len(rejects) == 5 + quote  # the job with a line break: a control character
    assert frame.attrs["summary"]["null_markers"] == len(NULL_MARKERS)


def test_markers_in_a_dataframe_and_the_report_reader(tmp_path, fixture_model):
    frame = pd.DataFrame({c: ["N/A", "-"] for c in HEADER} | {"respondent_id": ["r1", "r2"]})
    frame["trait:Leadership"] = [4, 2]
    with pytest.warns(UserWarning, match="4 cells holding a null marker"):
        scored = score_survey(frame, model=fixture_model, top_k=1)
    assert scored["respondent_id"].tolist() == ["r1", "r2"]
    path = survey(tmp_path, [["r1", "NULL", "N/A", "4"]])
    with pytest.warns(UserWarning, match=r"s\.csv: 2 cells holding a null marker"):
        people, rejects = read_survey_assessments(path, fixture_model)
    assert rejects.empty and dict(people)["r1"].current_job == ""
