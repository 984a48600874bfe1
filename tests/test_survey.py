"""Survey format: column resolution, the chunked reader and its line numbers, templates,
and read_survey_assessments."""

from __future__ import annotations

import csv
import io
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher import InputError
from matcher.io.survey import (
    iter_chunks,
    parse_chunk,
    read_layout,
    read_survey_assessments,
    resolve_columns,
    template_columns,
    write_template,
)
from matcher.io.survey.parsed import ratings_from_text
from matcher.io.survey.rejects import REJECT_COLUMNS

HEADER = "respondent_id,skill:Office Administration,Citizen Services,trait:Leadership,target_job"


def write(tmp_path, text: str | bytes, name: str = "survey.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def parsed_rows(path, model, chunk_size=1 << 20):
    """(line, id, ratings tuple) of every record the chunked reader splits, in order."""
    layout = read_layout(path, model)
    rows, problems = [], []
    for chunk in iter_chunks(layout, chunk_size=chunk_size):
        for parsed in parse_chunk(chunk, layout):
            ids = parsed.ids.to_pylist()
            for i, line in enumerate(parsed.lines):
                rows.append((int(line), ids[i], tuple(np.nan_to_num(parsed.ratings[i], nan=-1))))
            problems += [(line, reason) for line, _, reason in parsed.record_problems]
    return rows, problems


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


def test_missing_id_column_is_a_clear_error(fixture_model):
    with pytest.raises(InputError, match=r"no 'respondent_id' column.*did you mean 'respondent'"):
        resolve_columns(["respondent", "skill:Office Administration"], fixture_model)
    columns = resolve_columns(
        ["person", "skill:Office Administration"], fixture_model, id_column="person"
    )
    assert columns.id_column == "person"


def test_two_columns_for_one_item_and_no_rating_columns_are_errors(fixture_model):
    with pytest.raises(InputError, match="both rate 'skill:Office Administration'"):
        resolve_columns(
            ["respondent_id", "Office Administration", "skill:office administration"], fixture_model
        )
    with pytest.raises(InputError, match="no rating column"):
        resolve_columns(["respondent_id", "colour"], fixture_model)


def test_ratings_from_text_accepts_plain_numbers_only():
    values, bad, reason = ratings_from_text(
        __import__("pyarrow").array(
            ["3", " 4.5 ", "", None, "nan", "1e0", "6", "-1", "x", "0", ".5"]
        )
    )
    assert values[:2].tolist() == [3.0, 4.5]
    assert np.isnan(values[2:4]).all() and not bad[2:4].any()
    assert bad.tolist() == [False] * 4 + [True] * 5 + [False, False]
    assert reason[4:9].tolist() == [1, 1, 2, 2, 1]
    comma, bad, _ = ratings_from_text(__import__("pyarrow").array(["3,5"]), decimal_comma=True)
    assert comma.tolist() == [3.5] and not bad.any()


# --------------------------------------------------------------------------- reader


def test_real_export_quirks(tmp_path, fixture_model):
    text = (
        "\ufeff" + HEADER + "\r\n"
        "a1,4,3,,\r\n"
        "\r\n"
        'a2,"3",2,1,"Mayor of a Small Town"\r\n'
        'a3,2,,"5","Ward\r\nNurse, the one with a newline"\r\n'
        ",,,,\r\n"
        "a4,1,1,1,\r\n"
        "a5,2"
    )
    rows, problems = parsed_rows(write(tmp_path, text), fixture_model)
    assert [(line, rid) for line, rid, _ in rows] == [(2, "a1"), (4, "a2"), (5, "a3"), (8, "a4")]
    assert rows[2][2] == (2.0, -1.0, 5.0)
    assert problems == [(9, "2 fields, the header has 5 (truncated last line?)")]


def test_semicolon_delimiter_with_decimal_commas(tmp_path, fixture_model):
    path = write(tmp_path, HEADER.replace(",", ";") + '\nb1;3,5;2;;\nb2;4;"1,5";;\n')
    layout = read_layout(path, fixture_model)
    assert layout.delimiter == ";"
    rows, _ = parsed_rows(path, fixture_model)
    assert rows[0][2] == (3.5, 2.0, -1.0) and rows[1][2] == (4.0, 1.5, -1.0)


def test_undecidable_delimiter_is_a_clear_error(tmp_path, fixture_model):
    with pytest.raises(InputError, match="cannot tell the delimiter"):
        read_layout(write(tmp_path, "id;x,y\n1;2,3\n"), fixture_model)
    with pytest.raises(InputError, match="is empty"):
        read_layout(write(tmp_path, ""), fixture_model)


def test_not_utf8_names_the_line(tmp_path, fixture_model):
    path = write(tmp_path, (HEADER + "\nc1,3,3,3,\nc2,3,3,3,Caf\xe9\n").encode("latin-1"))
    with pytest.raises(InputError, match=r"survey.csv:3: not UTF-8"):
        read_survey_assessments(path, fixture_model)


def test_unterminated_quote_at_the_end_is_rejected(tmp_path, fixture_model):
    rows, problems = parsed_rows(
        write(tmp_path, HEADER + '\nd1,3,3,3,\nd2,3,3,3,"Mayor\n'), fixture_model
    )
    assert [r[1] for r in rows] == ["d1"]
    assert problems[0][0] == 3 and "unterminated quoted field" in problems[0][1]


def test_a_stray_quote_switches_to_record_by_record_reading(tmp_path, fixture_model):
    text = HEADER + '\ne1,3,3,3,\ne2,3,3,3,Mayor 5"10\ne3,2,2,2,\ne4,1,1,1,"x\ny"\n'
    rows, _ = parsed_rows(write(tmp_path, text), fixture_model)
    assert [(line, rid) for line, rid, _ in rows] == [(2, "e1"), (3, "e2"), (4, "e3"), (5, "e4")]


CELL = st.one_of(
    st.sampled_from(["", "0", "3", "5", "2.5", " 4 ", "x", "7"]),
    st.text(alphabet='ab ,"\n', min_size=0, max_size=6),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=25),
    chunk=st.integers(8, 200),
    seed=st.integers(0, 10**6),
)
def test_chunked_reader_agrees_with_the_csv_module(tmp_path, fixture_model, rows, chunk, seed):
    """Whatever the chunk size, records and their first lines match Python's csv reader."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        lineterminator=rng.choice(["\n", "\r\n"]),
        quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    )
    writer.writerow(HEADER.split(","))
    for i, row in enumerate(rows):
        writer.writerow([f"id{i}", *row[1:]])
    text = buffer.getvalue()
    path = write(tmp_path, text, f"p{seed}.csv")
    got, _ = parsed_rows(path, fixture_model, chunk_size=chunk)
    # Reference: csv module, tracking the line each record starts on.
    lines = [line + "\n" for line in text.split("\n")]  # a line ends at LF, as editors count
    reader = csv.reader(lines)
    next(reader)
    expected, start = [], reader.line_num + 1
    for record in reader:
        if any(f.strip(" \t\r") for f in record) and len(record) == 5:
            expected.append((start, record[0]))
        start = reader.line_num + 1
    assert [(line, rid) for line, rid, _ in got] == expected
    assert len(lines) >= len(expected)


# --------------------------------------------------------------------------- template and profiles


def test_template_lists_every_feature_and_its_example_reads_back(tmp_path, builtin_model):
    path = write_template(tmp_path / "t" / "survey.csv", builtin_model)
    with path.open(encoding="utf-8", newline="") as handle:
        header, example = list(csv.reader(handle))
    assert header == template_columns(builtin_model)
    assert len(header) == 3 + builtin_model.vectorizer.n_features
    profiles, rejects = read_survey_assessments(path, builtin_model)
    assert len(rejects) == 0 and [p[0] for p in profiles] == ["example-1"]
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
