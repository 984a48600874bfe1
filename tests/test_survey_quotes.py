"""Survey reader: quoted fields with line breaks, stray quotes and a spreadsheet's padding.

Each case is a file as a respondent's free text or a spreadsheet writes it: every legitimate
row is scored, a stray quote rejects only the lines it spans, and no line inside a quoted
field is ever read as a respondent of its own.
"""

from __future__ import annotations

import pytest

from matcher import score_survey
from matcher.io.survey import iter_chunks, parse_chunk, read_layout
from matcher.io.survey.records import MAX_RECORD_LINES

#: A header whose last column is free text (the model does not know it: it is ignored).
HEADER = "respondent_id,skill:Office Administration,Citizen Services,trait:Leadership,comment"


def row(i: int, comment: str = "") -> str:
    return f"r{i},3,4,2,{comment}"


def write(tmp_path, rows: list[str], name: str = "survey.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def read(tmp_path, rows: list[str], model, chunk_size: int = 1 << 20):
    """(line, id) of every record read, and (line, reason) of every record rejected."""
    layout = read_layout(write(tmp_path, rows), model)
    read_rows, problems = [], []
    for chunk in iter_chunks(layout, chunk_size=chunk_size):
        for parsed in parse_chunk(chunk, layout):
            read_rows += zip(parsed.lines.tolist(), parsed.ids.to_pylist(), strict=True)
            problems += [(line, reason) for line, _, reason in parsed.record_problems]
    return read_rows, problems


def summary(tmp_path, rows: list[str], model) -> dict:
    path = write(tmp_path, rows, "summary.csv")
    with pytest.warns(UserWarning):  # the unknown 'comment' column, padding, rejects
        return score_survey(path, model=model).attrs["summary"]


@pytest.mark.parametrize(
    "comment",
    [
        '"Hobbies:\nI like budgets, people, travel, music, and dogs.\nThanks"',
        '"first line\n5,3,4,2,x"',
        '"note:\nr99,3,4,2,then closed"',
    ],
)
def test_a_comment_in_the_last_column_with_a_row_like_line_is_one_respondent(
    tmp_path, fixture_model, comment
):
    """Its second line has the header's number of fields: every line used to be rejected."""
    rows, problems = read(tmp_path, [row(1, comment), row(2, "fine")], fixture_model)
    assert [(line, rid) for line, rid in rows] == [(2, "r1"), (2 + comment.count("\n") + 1, "r2")]
    assert problems == []


def test_a_stray_quote_in_the_last_column_that_never_closes_costs_its_line(tmp_path, fixture_model):
    rows, problems = read(tmp_path, [row(1, '"tall'), row(2), row(3)], fixture_model)
    assert [rid for _, rid in rows] == ["r2", "r3"]
    assert [line for line, _ in problems] == [2]


def test_padding_after_a_multi_line_comment_is_padding(tmp_path, fixture_model):
    """Padding was allowed on one-line records only: r1 was rejected and its comment's
    second line scored as a respondent r99."""
    body = [row(1, '"note\nr99,3,4,2,end"') + ",,", row(2)]
    rows, problems = read(tmp_path, body, fixture_model)
    assert [(line, rid) for line, rid in rows] == [(2, "r1"), (4, "r2")]
    assert problems == []
    body = [row(1) + ",,", row(2), row(3, '"multi\nline"') + ",,,", row(4) + ","]
    rows, problems = read(tmp_path, body, fixture_model)
    assert [(line, rid) for line, rid in rows] == [(2, "r1"), (3, "r2"), (4, "r3"), (6, "r4")]
    assert problems == []
    counts = summary(tmp_path, body, fixture_model)
    assert (counts["scored"], counts["rejected"], counts["continued_lines"]) == (4, 0, 1)
    assert counts["padded_rows"] == 3


def test_padded_rows_with_comments_over_chunks_are_all_scored(tmp_path, fixture_model):
    body = [row(i, f'"c{i}\nmore"' if i % 7 == 0 else "x") + ",," for i in range(300)]
    for chunk_size in (1 << 20, 512):
        rows, problems = read(tmp_path, body, fixture_model, chunk_size)
        assert [rid for _, rid in rows] == [f"r{i}" for i in range(300)]
        assert problems == []


@pytest.mark.parametrize("padding", ["", ",,"])
@pytest.mark.parametrize(
    "comment",
    [
        # a row-like line in the middle: the search for the close used to stop at it
        "\n".join(f"line {k}" for k in range(20))
        + "\nr50,1,2,3,x\n"
        + "\n".join(f"l{k}" for k in range(20)),
        # the closing line looks like a row: it used to be read as one, every other rejected
        "\n".join(f"line {k}" for k in range(39)) + "\nr77,1,2,3,end",
    ],
    ids=["row-inside", "row-last"],
)
def test_a_quoted_field_past_the_limit_is_one_reject_never_a_phantom(
    tmp_path, fixture_model, comment, padding
):
    span = comment.count("\n") + 1
    assert span > MAX_RECORD_LINES
    body = [row(1, f'"{comment}"') + padding, row(2)]
    for chunk_size in (1 << 20, 256):
        rows, problems = read(tmp_path, body, fixture_model, chunk_size)
        assert [(line, rid) for line, rid in rows] == [(2 + span, "r2")]
        assert [line for line, _ in problems] == [2]
        assert "quoted field too long" in problems[0][1]
    counts = summary(tmp_path, body, fixture_model)
    assert (counts["rows_read"], counts["scored"], counts["rejected"]) == (2, 1, 1)
    assert counts["continued_lines"] == span - 1


#: A free-text column before the rating columns, as Google Forms and Excel exports have it.
TEXT_FIRST = "respondent_id,comment,skill:Office Administration,Citizen Services,trait:Leadership"


def test_a_comment_with_commas_before_the_rating_columns_is_one_respondent(tmp_path, fixture_model):
    """Its first line split at its commas had the header's number of fields and its second
    read as a row ('want office work'): both lines were rejected as a stray quote, and the
    second counted as a respondent of its own."""
    path = tmp_path / "survey.csv"
    path.write_text(
        TEXT_FIRST + '\r\nr1,"Worked as clerk, cashier, driver, and cleaner\r\n'
        'want office work, please",4,3,2\r\nr2,ok,3,3,3\r\n',
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="unknown columns"):
        frame = score_survey(path, model=fixture_model)
    summary = frame.attrs["summary"]
    assert (summary["rows_read"], summary["scored"], summary["rejected"]) == (2, 2, 0)
    assert summary["continued_lines"] == 1
    assert frame["respondent_id"].unique().tolist() == ["r1", "r2"]


def test_typed_quotes_in_a_text_column_before_the_ratings_still_reject_both_rows(
    tmp_path, fixture_model
):
    """'"tall' and 5'10" typed in a comment column: read as one record, r3 would be lost in
    r2's comment; the reason says the lines may also be one text."""
    path = tmp_path / "survey.csv"
    rows = ["r1,ok,3,4,2", 'r2,"tall,3,4,2', "r3,5'10\",3,4,2", "r4,x,1,1,1"]
    path.write_text(TEXT_FIRST + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    layout = read_layout(path, fixture_model)
    found, problems = [], []
    for chunk in iter_chunks(layout):
        for parsed in parse_chunk(chunk, layout):
            found += parsed.ids.to_pylist()
            problems += [(line, reason) for line, _, reason in parsed.record_problems]
    assert found == ["r1", "r4"]
    assert [line for line, _ in problems] == [3, 4]
    reason = problems[0][1]
    assert "lines 3-4 are rejected" in reason and "one respondent's text" in reason
    assert "remove the quote on line 3 if it is a stray one" in reason
