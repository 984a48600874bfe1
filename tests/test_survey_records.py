"""The survey reader's records and their line numbers: quotes, line breaks, CRs, padding, ids."""

from __future__ import annotations

import pytest
from surveyfiles import HEADER, parsed_rows, write

from matcher import InputError, score_survey


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


def test_a_quote_followed_by_text_rejects_its_line(tmp_path, fixture_model):
    rows, problems = parsed_rows(
        write(tmp_path, HEADER + '\ns1,3,3,3,"Ward" Nurse\ns2,1,1,1,\n'), fixture_model
    )
    assert [rid for _, rid, _ in rows] == ["s2"]
    assert problems == [(2, "cannot be read as CSV: ',' expected after '\"'")]


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


def test_a_tab_in_an_id_or_a_job_name_rejects_the_row_as_other_control_characters_do(
    tmp_path, fixture_model
):
    """'Tab<TAB>by' was kept: an id with a tab in the batch output, with a space in the
    report, where the README says any control character rejects the row."""
    body = '"c\t1",3,3,3,\nc2,1,1,1,"Municipal\tClerk"\nc3,2,2,2,\n'
    with pytest.warns(UserWarning):
        frame = score_survey(write(tmp_path, HEADER + "\n" + body), model=fixture_model)
    assert list(dict.fromkeys(frame["respondent_id"])) == ["c3"]
    rejects = frame.attrs["rejects"].to_pandas()
    assert list(rejects["line"]) == [2, 3]
    assert list(rejects["column"]) == ["respondent_id", "target_job"]
    assert all("control character, U+0009 (TAB)" in reason for reason in rejects["reason"])
    assert "\t" not in "".join(rejects.astype(str).to_numpy().ravel())


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
