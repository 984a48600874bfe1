"""Surveys mutated at random: whatever a file holds, every line is accounted for.

A clean survey is broken at random places (quotes, carriage returns, NUL bytes,
delimiters, line breaks, deleted bytes, truncation). Both parsing engines (the
array splitter, which hands the lines that are not simple to the record-by-record
reader, and the record-by-record reader over the whole file) and both batch
engines must read every line after the header as a record (scored or rejected),
a blank line, or a line a quoted field carries into the record above, counted
against an independent count of the file's lines; a respondent is never read
from a line that is not theirs. The only errors are the documented ones: a
carriage return that ends no line, bytes that are not UTF-8.
"""

from __future__ import annotations

import re

import pytest
from helpers import quiet_score
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher import InputError
from matcher.io.survey import iter_chunks, parse_chunk, read_layout
from matcher.io.survey.chunks import Chunk

HEADER = b"respondent_id,skill:Office Administration,Citizen Services,trait:Leadership,target_job"

ROW = st.tuples(
    st.lists(st.sampled_from(["", "0", "3", "5", "2.5", " 4 ", "x", "9"]), min_size=3, max_size=3),
    st.sampled_from(
        ["", "Ward Nurse", "Café Owner", '"Mayor, of a Small Town"', '"two\nlines"', '"say ""hi"""']
    ),
)
MUTATION = st.tuples(
    st.sampled_from(['"', "\r", "\x00", ",", "\n", "\r\n", ";", "delete", "truncate"]),
    st.floats(0, 1, allow_nan=False),
)
SURVEY = st.tuples(
    st.lists(ROW, min_size=1, max_size=40),
    st.sampled_from([b"\n", b"\r\n"]),
    st.lists(MUTATION, max_size=8),
)


def _survey(rows, line_end: bytes, mutations) -> bytes:
    body = line_end.join(
        ",".join([f"id{i}", *ratings, job]).encode() for i, (ratings, job) in enumerate(rows)
    )
    body = bytearray(body + line_end)
    for kind, where in mutations:
        at = min(int(where * len(body)), len(body))
        if kind == "truncate":
            del body[at:]
        elif kind == "delete":
            del body[at : at + 1]
        else:
            body[at:at] = kind.encode()
    return HEADER + b"\n" + bytes(body)


def _lines(body: bytes) -> list[bytes]:
    """The file's lines after the header: an independent count (no CSV rule involved)."""
    lines = body.split(b"\n")
    return lines[:-1] if lines[-1] == b"" else lines


def _bare_cr(body: bytes) -> bool:
    return re.search(rb"\r(?!\n)", body[:-1]) is not None


def _read(path, model, exact: bool, chunk_size: int):
    """(line, id) of every record read, lines of records rejected, blank and continued lines."""
    layout = read_layout(path, model)
    if exact:
        chunks = [Chunk(0, layout.data_offset, layout.size, layout.data_line, True)]
    else:
        chunks = iter_chunks(layout, chunk_size=chunk_size)
    rows, rejected, blank, continued = [], [], 0, 0
    for chunk in chunks:
        for parsed in parse_chunk(chunk, layout):
            rows += list(zip(parsed.lines.tolist(), parsed.ids.to_pylist(), strict=True))
            rejected += [line for line, _, _ in parsed.record_problems]
            blank += parsed.blank_lines
            continued += parsed.continued_lines
    return layout, rows, rejected, blank, continued


def _allowed(error: InputError, body: bytes) -> bool:
    message = str(error)
    if "carriage return (CR)" in message:
        return _bare_cr(body)
    if "not UTF-8" in message:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(survey=SURVEY, exact=st.booleans(), chunk_size=st.integers(8, 400))
def test_every_line_is_a_record_a_reject_a_blank_or_a_continued_line(
    tmp_path, fixture_model, survey, exact, chunk_size
):
    data = _survey(*survey)
    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    body = data[len(HEADER) + 1 :]
    try:
        layout, rows, rejected, blank, continued = _read(path, fixture_model, exact, chunk_size)
    except InputError as exc:
        assert _allowed(exc, body), str(exc)
        return
    lines = _lines(body)
    assert len(rows) + len(rejected) + blank + continued == len(lines)
    starts = [line for line, _ in rows] + rejected
    assert len(set(starts)) == len(starts)
    assert all(layout.data_line <= line < layout.data_line + len(lines) for line in starts)
    for line, respondent in rows:  # each id comes from the line the record starts on
        if respondent is not None:
            first = respondent.split("\n")[0].replace('"', "").strip()
            raw = lines[line - layout.data_line].decode("utf-8").replace('"', "")
            assert first in raw, (line, respondent, raw)
    if b'"' not in body:
        assert continued == 0
        blank_lines = [raw for raw in lines if not raw.strip(b", \t\r")]
        assert blank == len(blank_lines)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(survey=SURVEY)
def test_rows_read_are_scored_or_rejected_in_both_batch_engines(
    tmp_path, fixture_model, engine, survey
):
    data = _survey(*survey)
    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    body = data[len(HEADER) + 1 :]
    try:
        frame = quiet_score(path, model=fixture_model, top_k=1, **engine)
    except InputError as exc:
        assert _allowed(exc, body), str(exc)
        return
    summary, rejects = frame.attrs["summary"], frame.attrs["rejects"].to_pandas()
    assert summary["rows_read"] == summary["scored"] + summary["rejected"]
    assert summary["rows_read"] + summary["blank_lines"] + summary["continued_lines"] == len(
        _lines(body)
    )
    assert rejects["line"].nunique() == summary["rejected"] and len(frame) == summary["scored"]


@pytest.mark.parametrize("exact", [False, True])
def test_the_cases_of_issue_11_account_for_every_line(tmp_path, fixture_model, exact):
    body = b'r1,3,,,\nr2,"4,,,\n' + b"".join(b"r%d,3,,,\n" % i for i in range(3, 10_001))
    path = tmp_path / "survey.csv"
    path.write_bytes(HEADER + b"\n" + body)
    _, rows, rejected, blank, continued = _read(path, fixture_model, exact, 1 << 16)
    assert (len(rows), rejected, blank, continued) == (9_999, [3], 0, 0)
