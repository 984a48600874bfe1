"""The rejects file: a rejects table as CSV, safe to open in a spreadsheet.

A survey whose cells are mostly bad has a reject per cell (a 5 MB survey, 2.8 million).
The lines are made with Arrow's string functions, a slice at a time, never as a Python
object per cell (pandas' writer took 4 s a million), quoted as Python's csv module
quotes (a cell holding a comma, a quote or a line break).
"""

from __future__ import annotations

from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from matcher.io.survey.rejects import REJECT_COLUMNS, reject_frame
from matcher.util.cells import neutralise_formulas

__all__ = ["write_rejects", "write_rejects_header"]

#: Rejects written at once.
SLICE_ROWS = 50_000


def write_rejects_header(handle: IO[str]) -> None:
    reject_frame().to_csv(handle, index=False, lineterminator="\n")


def write_rejects(table: pa.Table, handle: IO[str]) -> None:
    """Append the rows of a rejects table (:data:`~matcher.io.survey.rejects.REJECT_SCHEMA`)
    to a rejects CSV: cells that a spreadsheet would run as a formula prefixed with ``'``."""
    for batch in table.to_batches(max_chunksize=SLICE_ROWS):
        cells = [_cells(batch.column(name), name) for name in REJECT_COLUMNS]
        lines = pc.binary_join_element_wise(*cells, ",")
        lines = pc.binary_join_element_wise(lines, "", "\n")  # each line ends in \n
        handle.write(_joined(lines))


def _cells(column: pa.Array, name: str) -> pa.Array:
    """A column's cells as CSV text: neutralised and quoted where needed (a dictionary's
    text once, not once a row)."""
    if name == "line":
        return pc.cast(column, pa.string())
    if pa.types.is_dictionary(column.type):
        return _csv_text(neutralise_formulas(column.dictionary)).take(column.indices)
    return _csv_text(neutralise_formulas(column))


def _csv_text(values: pa.Array) -> pa.Array:
    """Text as a CSV cell: quoted where it holds a comma, a quote or a line break (its quotes
    doubled), empty where null. (pandas left a lone CR unquoted, which readers take for a
    line end.)"""
    values = pc.fill_null(values, "")
    needs = pc.match_substring_regex(values, '[,"\n\r]')
    if not pc.any(needs).as_py():
        return values
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, values)


def _joined(lines: pa.Array) -> str:
    """The text of a string array's values one after another (its data buffer, once)."""
    lines = lines.cast(pa.large_string())
    offsets = np.frombuffer(lines.buffers()[1], np.int64, len(lines) + 1, 8 * lines.offset)
    data = lines.buffers()[2]
    if data is None:
        return ""
    return data.to_pybytes()[offsets[0] : offsets[-1]].decode("utf-8")
