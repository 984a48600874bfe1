"""The record-by-record engine: a chunk that starts at a line that is not simple, read by
the rule of :mod:`.records` (the csv module, strict, with a bounded span that resynchronises)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pyarrow as pa

from .chunks import CHUNK_ROWS, Chunk
from .columns import JOB_COLUMNS
from .layout import SurveyLayout
from .lines import TextLines, split_lines
from .parsed import (
    NULL_MARKER,
    CellProblems,
    ParsedChunk,
    arity_problem,
    clean_text,
    ratings_from_text,
    shown_text,
    without_markers,
)
from .records import read_record

__all__ = ["parse_exact"]

#: What a blank record may hold besides delimiters (as for the array splitter).
_FILLER = ' \t\r\n"'


def parse_exact(chunk: Chunk, layout: SurveyLayout) -> Iterator[ParsedChunk]:
    """Records read one by one by the rule of :mod:`.records`, as several
    :class:`ParsedChunk` of :data:`~matcher.io.survey.chunks.CHUNK_ROWS` records."""
    data = chunk.read(layout)
    lines = split_lines(data, delimiter=layout.delimiter, final=True)
    text = TextLines(lines, 0, lines.count, layout.name, chunk.first_line)
    width = len(layout.columns.header)
    ratings = [p for p, _ in layout.columns.ratings]
    ends_file = chunk.stop >= layout.size
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: list[tuple[int, str, str]] = []
    blank = continued = padded = 0
    index = 0
    while index < lines.count:
        record = read_record(
            text,
            index,
            delimiter=layout.delimiter,
            width=width,
            final=True,
            name=layout.name,
            first_line=chunk.first_line,
            ratings=ratings,
        )
        assert record is not None  # final: never waits for more lines
        line = chunk.first_line + index
        fields = record.fields
        if fields is None:
            for k in range(record.rejected):
                shown = shown_text(text[index + k].rstrip("\r\n"))
                problems.append((line + k, shown, record.reason))
        elif not any(f.strip(_FILLER) for f in fields):
            blank += 1
        elif len(fields) > width and not any(f.strip(" \t") for f in fields[width:]):
            rows.append(fields[:width])  # a spreadsheet's empty padding cells
            numbers.append(line)
            padded += 1
        elif len(fields) != width:  # a record of one line: others that do not fit are rejected
            last = ends_file and index + 1 == lines.count
            problems.append(
                arity_problem(line, len(fields), width, last, text[index].rstrip("\r\n"))
            )
        else:
            rows.append(fields)
            numbers.append(line)
        continued += record.span - (record.rejected if fields is None else 1)
        index += record.span
        if len(rows) >= CHUNK_ROWS:
            yield _records_to_chunk(
                rows, numbers, problems, (blank, continued, padded), layout, chunk, 0
            )
            rows, numbers, problems, blank, continued, padded = [], [], [], 0, 0, 0
    counts = (blank, continued, padded)
    yield _records_to_chunk(rows, numbers, problems, counts, layout, chunk, len(data))


def _records_to_chunk(
    rows, lines, problems, counts, layout: SurveyLayout, chunk: Chunk, size: int
) -> ParsedChunk:
    blank, continued, padded = counts
    columns = layout.columns

    def column(position: int) -> pa.Array:
        return pa.array([r[position] for r in rows], pa.string())

    ratings, cell_problems, nulls = (
        _text_problems([column(p) for p in columns.positions], layout)
        if rows
        else (np.empty((0, len(columns.ratings)), np.float32), CellProblems.empty(), 0)
    )
    jobs = {}
    for name in JOB_COLUMNS:
        if getattr(columns, name) is not None:
            jobs[name], found = without_markers(clean_text(column(getattr(columns, name))))
            nulls += found
    return ParsedChunk(
        chunk.file_index,
        np.array(lines, np.int64),
        clean_text(column(columns.id_position)),
        ratings,
        jobs.get("current_job"),
        jobs.get("target_job"),
        cell_problems,
        list(problems),
        blank,
        size,
        continued,
        padded,
        null_cells=nulls,
    )


def _text_problems(
    ratings_text: Sequence[pa.Array], layout: SurveyLayout
) -> tuple[np.ndarray, CellProblems, int]:
    """Ratings matrix, cell problems and null markers from one text array per rating column."""
    n = len(ratings_text[0]) if ratings_text else 0
    matrix = np.empty((n, len(ratings_text)), np.float32)
    parts = []
    positions = layout.columns.positions
    markers = 0
    for j, column in enumerate(ratings_text):
        values, bad, reason = ratings_from_text(column, layout.decimal_comma)
        markers += int((reason == NULL_MARKER).sum())
        matrix[:, j] = values
        if bad.any():
            rows = np.flatnonzero(bad)
            parts.append((rows, np.full(len(rows), positions[j]), column.filter(bad), reason[bad]))
    return matrix, CellProblems.concat(parts), markers
