"""The DataFrame engine: a survey given as a DataFrame, in chunks of rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from matcher.io.assessment import MAX_RATING, MIN_RATING
from matcher.util.invisible import strip_invisible

from .chunks import CHUNK_ROWS
from .columns import ID_COLUMN, JOB_COLUMNS, resolve_columns
from .layout import SurveyLayout
from .parsed import (
    NULL_MARKER,
    REASONS,
    ParsedChunk,
    clean_text,
    rating_reason,
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
        [strip_invisible(str(c)) for c in frame.columns],
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
            problems: list[tuple[int, int, str, str]] = []
            nulls = 0
            for j, position in enumerate(columns.positions):
                series = part.iloc[:, position]
                if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
                    values = series.to_numpy(dtype=np.float64, na_value=np.nan)
                    bad = ~np.isnan(values) & ((values < MIN_RATING) | (values > MAX_RATING))
                    bad |= np.isinf(values)
                    for row in np.flatnonzero(bad):
                        reason = 1 if np.isinf(values[row]) else 2
                        problems.append(
                            (int(row), int(position), f"{values[row]:g}", REASONS[reason])
                        )
                    ratings[:, j] = np.where(bad, np.nan, values)
                else:
                    values, bad, reason = ratings_from_text(text(series))
                    nulls += int((reason == NULL_MARKER).sum())
                    ratings[:, j] = values
                    for row in np.flatnonzero(bad):
                        problems.append(
                            (
                                int(row),
                                int(position),
                                str(series.iloc[row]),
                                rating_reason(int(reason[row]), str(series.iloc[row])),
                            )
                        )
            problems.sort()
            empty = np.ones(n, bool)
            for _, series in part.items():
                blank = series.isna().to_numpy().copy()
                if series.dtype == object or pd.api.types.is_string_dtype(series):
                    blank |= series.astype(str).str.strip().eq("").to_numpy()
                empty &= blank
            keep = np.flatnonzero(~empty)
            lines = np.arange(begin, begin + n, dtype=np.int64) + 2
            remap = {int(r): k for k, r in enumerate(keep)}
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
                [(remap[r], c, v, why) for r, c, v, why in problems if r in remap],
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
