"""A survey file's layout: its delimiter and decimal mark, its header, blank lines, its encoding."""

from __future__ import annotations

import gzip

import pytest
from surveyfiles import HEADER, parsed_rows, write

from matcher import InputError, score_survey
from matcher.io.survey import read_layout, read_survey_assessments


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
