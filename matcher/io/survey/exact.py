"""The csv-module engine: a chunk whose quotes break the CSV rules, read record by record."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

import numpy as np
import pyarrow as pa

from matcher.errors import InputError

from .chunks import CHUNK_ROWS, Chunk
from .columns import JOB_COLUMNS
from .layout import SurveyLayout
from .parsed import REASONS, ParsedChunk, arity_problem, clean_text, ratings_from_text

__all__ = ["parse_exact"]


def parse_exact(chunk: Chunk, layout: SurveyLayout) -> Iterator[ParsedChunk]:
    """Records read one by one with :mod:`csv` (quotes inside fields are text), as several
    :class:`ParsedChunk` of :data:`~matcher.io.survey.chunks.CHUNK_ROWS` records."""
    width = len(layout.columns.header)
    with open(layout.path, "rb") as handle:
        handle.seek(chunk.start)
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        line_count = [0]

        def numbered() -> Iterator[str]:
            try:
                for physical in text:
                    # csv sees CR alone as a line break, like pyarrow; count what it counts
                    line_count[0] += 1
                    yield physical
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{layout.path}:{chunk.first_line + line_count[0]}: not UTF-8 text "
                    f"({exc.reason}); save the survey as 'CSV UTF-8' and try again"
                ) from None

        reader = csv.reader(numbered(), delimiter=layout.delimiter)
        rows: list[list[str]] = []
        lines: list[int] = []
        problems: list[tuple[int, str, str]] = []
        blank = 0
        while True:
            start_line = chunk.first_line + line_count[0]
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problems.append((start_line, "", f"cannot be read as CSV: {exc}"))
                continue
            if not any(f.strip() for f in record):
                blank += 1
            elif len(record) != width:
                text = layout.delimiter.join(record)
                problems.append(arity_problem(start_line, len(record), width, False, text))
            else:
                rows.append(record)
                lines.append(start_line)
            if len(rows) >= CHUNK_ROWS:
                yield _records_to_chunk(rows, lines, problems, blank, layout, chunk, 0)
                rows, lines, problems, blank = [], [], [], 0
        yield _records_to_chunk(
            rows, lines, problems, blank, layout, chunk, chunk.stop - chunk.start
        )


def _records_to_chunk(
    rows, lines, problems, blank, layout: SurveyLayout, chunk: Chunk, size: int
) -> ParsedChunk:
    columns = layout.columns

    def column(position: int) -> pa.Array:
        return pa.array([r[position] for r in rows], pa.string())

    ratings, cell_problems = (
        _text_problems([column(p) for p in columns.positions], layout)
        if rows
        else (np.empty((0, len(columns.ratings)), np.float32), [])
    )
    jobs = {
        name: clean_text(column(getattr(columns, name)))
        for name in JOB_COLUMNS
        if getattr(columns, name) is not None
    }
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
    )


def _text_problems(
    ratings_text: Sequence[pa.Array], layout: SurveyLayout
) -> tuple[np.ndarray, list[tuple[int, int, str, str]]]:
    """Ratings matrix and cell problems from one text array per rating column."""
    n = len(ratings_text[0]) if ratings_text else 0
    matrix = np.empty((n, len(ratings_text)), np.float32)
    problems: list[tuple[int, int, str, str]] = []
    positions = layout.columns.positions
    for j, column in enumerate(ratings_text):
        values, bad, reason = ratings_from_text(column, layout.decimal_comma)
        matrix[:, j] = values
        for row in np.flatnonzero(bad):
            raw = column[int(row)].as_py()
            problems.append((int(row), int(positions[j]), str(raw), REASONS[int(reason[row])]))
    return matrix, problems
