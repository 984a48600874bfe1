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
