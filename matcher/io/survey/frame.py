"""The DataFrame engine: a survey given as a DataFrame, in chunks of rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from matcher.io.ratings import MAX_RATING, MIN_RATING
from matcher.util.invisible import strip_survey_hidden

from .chunks import CHUNK_ROWS
from .columns import ID_COLUMN, JOB_COLUMNS, resolve_columns
from .layout import SurveyLayout
from .parsed import (
    NULL_MARKER,
    CellProblems,
    ParsedChunk,
    clean_text,
    ratings_from_text,
    without_markers,
)

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["frame_chunks"]


def frame_chunks(
    frame: pd.DataFrame, model: Model, *, id_column: str = ID_COLUMN
) -> tuple[SurveyLayout, Iterator[ParsedChunk]]:
    """A survey given as a DataFrame (columns as in a file header), in chunks of rows.

    A row's ``line`` is where it would be in a CSV export of the frame: row
    position + 2 (the header is line 1).
    """
    # names as a file's header has them: without invisible characters (an exported frame's
    # "respondent_id\u200b" was no id column); their positions stay, unnamed ones included
    columns = resolve_columns(
        [strip_survey_hidden(str(c)) for c in frame.columns],
        model,
        id_column=id_column,
        source="survey frame",
    )
    layout = SurveyLayout("<DataFrame>", ",", columns, 0, 2, 0)

    def text(series: pd.Series, show=str) -> pa.Array:
        values = series.astype(object).where(series.notna(), None)
        return pa.array([None if v is None else show(v) for v in values], pa.string())

    def chunks() -> Iterator[ParsedChunk]:
        for begin in range(0, max(len(frame), 1), CHUNK_ROWS):
            part = frame.iloc[begin : begin + CHUNK_ROWS]
            n = len(part)
            ratings = np.empty((n, len(columns.ratings)), np.float32)
            parts = []  # (rows, positions, values, reason codes) of bad cells, a column each
            nulls = 0
            for j, position in enumerate(columns.positions):
                series = part.iloc[:, position]
                if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
                    values = series.to_numpy(dtype=np.float64, na_value=np.nan)
                    bad = ~np.isnan(values) & ((values < MIN_RATING) | (values > MAX_RATING))
                    bad |= np.isinf(values)
                    ratings[:, j] = np.where(bad, np.nan, values)
                    # as the frame holds it, as its own CSV writes it (str of the cell's
                    # number: 5.0000001, not %g's "5" beside "outside 0-5"; a whole 7 as 7),
                    # read from its own array: to_numpy() made an Int64 column with a blank
                    # floats, its 9 "9.0"
                    held = series.array[bad]
                    shown = pa.array([str(v) for v in held], pa.string())
                    codes = np.where(np.isinf(values[bad]), 1, 2)
                else:
                    cells = text(series)
                    values, bad, reason = ratings_from_text(cells)
                    nulls += int((reason == NULL_MARKER).sum())
                    ratings[:, j] = values
                    shown, codes = cells.filter(pa.array(bad)), reason[bad]
                rows = np.flatnonzero(bad)
                parts.append((rows, np.full(len(rows), position), shown, codes))
            empty = np.ones(n, bool)
            for _, series in part.items():
                blank = series.isna().to_numpy().copy()
                if series.dtype == object or pd.api.types.is_string_dtype(series):
                    blank |= series.astype(str).str.strip().eq("").to_numpy()
                empty &= blank
            keep = np.flatnonzero(~empty)
            lines = np.arange(begin, begin + n, dtype=np.int64) + 2
            remap = np.full(n, -1, np.int64)  # a row's place among the kept (an empty one has
            remap[keep] = np.arange(len(keep))  # no bad cell)
            problems = CellProblems.concat([(remap[r], p, v, c) for r, p, v, c in parts])
            jobs = {}
            for name in JOB_COLUMNS:
                if getattr(columns, name) is not None:
                    cells = clean_text(text(part.iloc[keep, getattr(columns, name)]))
                    jobs[name], found = without_markers(cells)
                    nulls += found
            yield ParsedChunk(
                0,
                lines[keep],
                clean_text(text(part.iloc[keep, columns.id_position], _id)),
                ratings[keep],
                jobs.get("current_job"),
                jobs.get("target_job"),
                problems,
                [],
                int(empty.sum()),
                0,
                null_cells=nulls,
            )

    return layout, chunks()


def _id(value: object) -> str:
    """A respondent id as text: a whole float as the integer it stands for. pandas reads
    integer ids as floats when one is blank, and ``1.0`` would neither join back to the
    survey's ``1`` nor be seen as the same respondent as ``1``."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)
