"""The chunked reader's records: alike wherever chunks are cut, and as Python's csv module reads."""

from __future__ import annotations

import csv
import io
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from surveyfiles import HEADER, parsed_rows, write


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
