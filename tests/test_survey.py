"""Survey format: column resolution, the chunked reader and its line numbers, templates,
and read_survey_assessments."""

from __future__ import annotations

import csv
import gzip
import io
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher import InputError, score_survey
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
from matcher.io.survey.template import EXAMPLE_ID, EXAMPLE_REASON

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


def test_a_decimal_comma_in_a_comma_separated_file_is_named_as_such(tmp_path, fixture_model):
    """ "4,5" quoted in a comma-separated export was only "not a number"."""
    from matcher import score_survey

    path = write(tmp_path, HEADER + '\nc1," 3,5",2,,\nc2,four,2,,\n')
    frame = score_survey(path, model=fixture_model)
    rejects = frame.attrs["rejects"].to_pandas()
    reasons = dict(zip(rejects["value"], rejects["reason"], strict=True))
    assert reasons["3,5"] == (
        "a decimal comma: write 3.5 with a point (only a file whose fields are parted by "
        "semicolons reads 3,5)"
    )
    assert reasons["four"].startswith("not a number")


def test_undecidable_delimiter_is_a_clear_error(tmp_path, fixture_model):
    with pytest.raises(InputError, match="cannot tell the delimiter"):
        read_layout(write(tmp_path, "id;x,y\n1;2,3\n"), fixture_model)
    with pytest.raises(InputError, match="is empty"):
        read_layout(write(tmp_path, ""), fixture_model)


@pytest.mark.parametrize("before", ["\r\n", "\n\n", "\ufeff\n", ",,,,\r\n \r\n"])
def test_blank_lines_before_the_header_are_skipped_and_counted(tmp_path, fixture_model, before):
    """Some exports and SQL clients write a blank line first: the file was refused as empty."""
    blank = before.count("\n")
    path = write(tmp_path, before + HEADER + "\nr1,3,3,3,\n\nr2,1,x,2,\n")
    layout = read_layout(path, fixture_model)
    assert layout.data_line == blank + 2
    rows, problems = parsed_rows(path, fixture_model)
    assert problems == []
    assert [(line, rid) for line, rid, _ in rows] == [(blank + 2, "r1"), (blank + 4, "r2")]
    with pytest.warns(UserWarning, match="1 rejected"):
        frame = score_survey(path, model=fixture_model)
    assert frame.attrs["rejects"].to_pandas()["line"].tolist() == [blank + 4]
    summary = frame.attrs["summary"]
    assert (summary["rows_read"], summary["blank_lines"]) == (2, blank + 1)


def test_a_file_of_blank_lines_says_so(tmp_path, fixture_model):
    with pytest.raises(InputError, match=r"survey\.csv: the file holds only blank lines \(3\)"):
        read_layout(write(tmp_path, "\n,,\r\n\n"), fixture_model)
    path = write(tmp_path, '\n\nrespondent_id,"skill:Office Administration\nr1,3\n')
    with pytest.raises(InputError, match=r"survey\.csv:3: a quote opens in column 2"):
        read_layout(path, fixture_model)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        # a quote that never closes used to read the whole file as one column name: 0 rows
        ('respondent_id,skill:Office Administration,"Citizen Services,trait:Leadership', "3"),
        ('respondent_id,skill:Office Admin"istration,Citizen Services', "2"),
        ('respondent_id,skill:Office Administration,Citizen Services"\r', "3"),
    ],
)
def test_a_quote_left_open_in_the_header_is_named_not_read_on(
    tmp_path, fixture_model, header, message
):
    path = write(tmp_path, header + "\nr1,3,3,4\nr2,1,1,2\n")
    with pytest.raises(InputError, match=rf"survey\.csv:1: a quote opens in column {message} "):
        read_layout(path, fixture_model)


def test_a_header_field_quoted_in_part_is_a_csv_error_and_whole_quotes_are_fine(
    tmp_path, fixture_model
):
    path = write(tmp_path, 'respondent_id,"skill:Office Administration"x\nr1,3\n')
    with pytest.raises(InputError, match=r"survey\.csv:1: the header cannot be read as CSV"):
        read_layout(path, fixture_model)
    path = write(tmp_path, '"respondent_id","skill:Office Administration"\r\nr1,3\r\n')
    assert len(read_layout(path, fixture_model).columns.ratings) == 1


def test_not_utf8_names_the_line(tmp_path, fixture_model):
    path = write(tmp_path, (HEADER + "\nc1,3,3,3,\nc2,3,3,3,Caf\xe9\n").encode("latin-1"))
    with pytest.raises(InputError, match=r"survey.csv:3: not UTF-8"):
        read_survey_assessments(path, fixture_model)


@pytest.mark.parametrize(
    ("encode", "kind"),
    [
        (lambda text: gzip.compress(text.encode()), "gzip-compressed"),
        (lambda text: text.encode("utf-16"), "UTF-16"),
        (lambda text: text.encode("utf-16-le"), "UTF-16"),
        (lambda text: text.encode("utf-16-be"), "UTF-16"),
    ],
)
def test_a_compressed_or_utf16_survey_says_what_it_is(tmp_path, fixture_model, encode, kind):
    path = write(tmp_path, encode(HEADER + "\nc1,3,3,3,\n"))
    with pytest.raises(InputError, match=rf"survey\.csv: not a CSV text file: it is {kind}"):
        read_layout(path, fixture_model)


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


def test_an_unclosed_quote_costs_its_own_line_only(tmp_path, fixture_model):
    """Issue 11: one unbalanced quote used to swallow the rest of the file."""
    body = "".join(f"r{i},3,3,3,\n" for i in range(3, 10_001))
    rows, problems = parsed_rows(
        write(tmp_path, HEADER + '\nr1,3,3,3,\nr2,"4,3,3,\n' + body), fixture_model
    )
    assert len(rows) == 9_999 and rows[1][:2] == (4, "r3") and rows[-1][:2] == (10_001, "r10000")
    assert [line for line, _ in problems] == [3]
    assert "unterminated quoted field" in problems[0][1] and "next line" in problems[0][1]


def test_a_quote_closed_lines_later_does_not_merge_the_lines_between(tmp_path, fixture_model):
    lines = [f"r{i},3,3,3," for i in range(2, 2000)]
    lines[1] = 'r3,3,3,3,"Mayor'  # opens a quote on line 3 ...
    lines[998] = 'r1000,3,3,3,x"'  # ... that a stray quote on line 1000 would close
    lines[1500] = 'r1502,3,3,3,"a'  # another, closed 20 lines later at the end of a field
    lines[1520] = 'r1522,3,3,"3",b"'
    rows, problems = parsed_rows(
        write(tmp_path, HEADER + "\n" + "\n".join(lines) + "\n"), fixture_model, 4096
    )
    assert [line for line, _ in problems] == [3, 1502]
    assert [rid for _, rid, _ in rows] == [
        f"r{i}" for i in range(2, 2000) if i not in (3, 1502)
    ]  # r1000 and r1522 read as text: a quote inside a field is a character
    assert all(line == int(rid[1:]) for line, rid, _ in rows)


def test_quoted_line_breaks_within_the_limit_still_join_lines(tmp_path, fixture_model):
    from matcher.io.survey.records import MAX_RECORD_LINES

    inner = "\n".join(["line"] * MAX_RECORD_LINES)  # a record of MAX_RECORD_LINES lines
    too_long = "\n".join(["line"] * (MAX_RECORD_LINES + 1))
    text = f'{HEADER}\nq1,3,3,3,"{inner}"\nq2,1,1,1,\nq3,2,2,2,"{too_long}"\nq4,4,4,4,\n'
    path = write(tmp_path, text)
    rows, problems = parsed_rows(path, fixture_model)
    assert [(line, rid) for line, rid, _ in rows][:2] == [(2, "q1"), (2 + MAX_RECORD_LINES, "q2")]
    q3 = 3 + MAX_RECORD_LINES
    # The field that ran on past the limit is one rejected row: its lines are not rows.
    assert [line for line, _ in problems] == [q3]
    assert "quoted field too long" in problems[0][1]
    assert rows[-1][:2] == (q3 + MAX_RECORD_LINES + 1, "q4")


def test_the_tail_of_a_quoted_field_past_the_limit_is_never_a_respondent(tmp_path, fixture_model):
    """A quoted id over 41 lines: its last line ('line",3,3,3,') used to be scored."""
    long_id = "\n".join(["line"] * 41)
    text = f'{HEADER}\nr1,3,3,3,\n"{long_id}",3,3,3,\nr3,2,2,2,\n'
    for chunk in (1 << 20, 64):
        rows, problems = parsed_rows(write(tmp_path, text), fixture_model, chunk)
        assert [(line, rid) for line, rid, _ in rows] == [(2, "r1"), (44, "r3")]
        assert [line for line, _ in problems] == [3]
        assert "closes on line 43" in problems[0][1]


def test_a_stray_quote_that_takes_in_a_whole_row_rejects_both(tmp_path, fixture_model):
    """'"tall' on one row and 5'10" on the next closed into one record, scored silently."""
    text = HEADER + '\nr1,3,3,3,\nr2,3,"tall,3,\nr3,3,5\'10",3,\nr4,1,1,1,\n'
    rows, problems = parsed_rows(write(tmp_path, text), fixture_model)
    assert [rid for _, rid, _ in rows] == ["r1", "r4"]
    assert [line for line, _ in problems] == [3, 4]
    assert all("unclosed quote" in reason and "lines 3-4" in reason for _, reason in problems)
    frame = score_survey(write(tmp_path, text), model=fixture_model)
    summary = frame.attrs["summary"]
    assert (summary["rows_read"], summary["scored"], summary["rejected"]) == (4, 2, 2)
    assert summary["continued_lines"] == 0


def test_a_quoted_comment_with_a_line_break_is_still_one_row(tmp_path, fixture_model):
    text = HEADER + '\nr1,3,3,3,"Mayor, or\nClerk"\nr2,"4",3,3,\n'
    rows, problems = parsed_rows(write(tmp_path, text), fixture_model)
    assert [(line, rid) for line, rid, _ in rows] == [(2, "r1"), (4, "r2")]
    assert problems == []


@pytest.mark.parametrize("stray", ["", 'r0,1,1,1,"open\n'])  # array splitter, csv module
def test_empty_cells_past_the_header_are_padding_not_a_reject(tmp_path, fixture_model, stray):
    """Spreadsheets pad rows with empty cells: every such row used to be rejected."""
    body = 'p1,3,4,5,,,\np2,"2",1,0, ,\t,\np3,1,1,1,,x\np4,1,2,3,\n'
    rows, problems = parsed_rows(write(tmp_path, HEADER + "\n" + stray + body), fixture_model)
    assert [(rid, r) for _, rid, r in rows] == [
        ("p1", (3.0, 4.0, 5.0)),
        ("p2", (2.0, 1.0, 0.0)),
        ("p4", (1.0, 2.0, 3.0)),
    ]
    assert [reason for _, reason in problems][-1] == "6 fields, the header has 5"
    with pytest.warns(UserWarning, match="2 rows with empty cells past the header's last"):
        frame = score_survey(write(tmp_path, HEADER + "\n" + body), model=fixture_model)
    assert frame.attrs["summary"]["padded_rows"] == 2


def test_invisible_characters_leave_ids_and_control_characters_reject_the_row(
    tmp_path, fixture_model
):
    body = (
        "c1,3,3,3,\n\ufeffc2,3,3,3,\nc2,1,1,1,\nc\u200b1,2,2,2,\nc\x003,1,1,1,\n"
        "c4,1,1,1,\x00\nc5,1,1,1,Municipal Clerk\u200b\n"
    )
    with pytest.warns(UserWarning):
        frame = score_survey(write(tmp_path, HEADER + "\n" + body), model=fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == ["c1", "c2", "c5"]
    rejects = frame.attrs["rejects"].to_pandas()
    by_line = {
        line: (column, reason)
        for line, column, reason in zip(
            rejects["line"], rejects["column"], rejects["reason"], strict=True
        )
    }
    assert "duplicate of line 3" in by_line[4][1] and "duplicate of line 2" in by_line[5][1]
    assert by_line[6][0] == "respondent_id" and "U+0000 (NUL)" in by_line[6][1]
    assert by_line[7][0] == "target_job" and "control character, U+0000" in by_line[7][1]
    assert "\x00" not in "".join(rejects.astype(str).to_numpy().ravel())


def test_a_quote_followed_by_text_rejects_its_line(tmp_path, fixture_model):
    rows, problems = parsed_rows(
        write(tmp_path, HEADER + '\ns1,3,3,3,"Ward" Nurse\ns2,1,1,1,\n'), fixture_model
    )
    assert [rid for _, rid, _ in rows] == ["s2"]
    assert problems == [(2, "cannot be read as CSV: ',' expected after '\"'")]


@pytest.mark.parametrize(
    "data, line",
    [
        (b"r1,3,3,3,\rr2,4,4,4,\nr3,5,5,5,\n", 2),  # CR line ends inside the data
        (b"r1,3,3,3,\nr2,4,4,4,x\ry\n", 3),  # one stray CR in an LF file
        (b"r1,3,3,3,\r\r\nr2,4,4,4,\n", 2),
        (b'r1,3,3,3,"Mayor\nof\rx", y\r\n', 3),  # read on after a quote that does not fit
        (b'r1,3,3,3,Mayor 5"10\rx\n', 2),  # a line read by the csv module
    ],
)
def test_a_bare_carriage_return_stops_the_read_naming_its_line(tmp_path, fixture_model, data, line):
    path = write(tmp_path, HEADER.encode() + b"\n" + data)
    with pytest.raises(InputError, match=rf"survey.csv:{line}: a carriage return \(CR\) that is"):
        parsed_rows(path, fixture_model, 7)


def test_a_carriage_return_inside_quotes_or_at_the_end_is_text(tmp_path, fixture_model):
    data = b'r1,3,3,3,"Mayor\rof\r\nx"\r\nr2,3,3,3,"a\rb"\nr3,1,1,1,\r'
    rows, problems = parsed_rows(write(tmp_path, HEADER.encode() + b"\n" + data), fixture_model)
    assert [(line, rid) for line, rid, _ in rows] == [(2, "r1"), (4, "r2"), (5, "r3")]
    assert problems == []


def test_records_do_not_depend_on_where_chunks_are_cut(tmp_path, fixture_model):
    rng = random.Random(3)
    lines = []
    for i in range(400):
        line = f"t{i},{rng.randint(0, 5)},3,,"
        kind = rng.random()
        if kind < 0.05:
            line = line[:-1] + '"open'
        elif kind < 0.1:
            line = line[:-1] + '"two\nlines"'
        elif kind < 0.15:
            line = line + 'x"y'
        lines.append(line)
    path = write(tmp_path, HEADER + "\n" + "\n".join(lines) + "\n")
    reference = parsed_rows(path, fixture_model)
    for size in (16, 100, 777, 5000):
        assert parsed_rows(path, fixture_model, size) == reference


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
