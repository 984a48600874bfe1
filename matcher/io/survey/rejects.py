"""The one reject record, and the one rule for duplicate respondent ids.

A reject is a row of a table with :data:`REJECT_COLUMNS`: where the problem is
(file, line), whose row it is, which column, what was there, and why. A row
with three bad cells has three. Every reader and engine builds them here, so
that the batch, the small-survey reader and the reports list a problem alike.

**Duplicates.** The first record with a respondent id is the one used,
whatever else is wrong with it or with the later ones; every later record with
that id is rejected with :func:`duplicate_reason`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "NO_REJECTS",
    "REJECT_COLUMNS",
    "cell_text",
    "duplicate_reason",
    "duplicate_rejects",
    "reject_frame",
    "reject_table",
]

#: Columns of a rejects table: where the problem is, what was there, and why.
REJECT_COLUMNS = ("file", "line", "respondent_id", "column", "value", "reason")


def reject_frame(data: dict[str, list] | None = None) -> pd.DataFrame:
    """A rejects table, sorted by file order and line."""
    data = data or {c: [] for c in REJECT_COLUMNS}
    frame = pd.DataFrame({c: data[c] for c in REJECT_COLUMNS})
    frame["line"] = frame["line"].astype(np.int64)
    for c in REJECT_COLUMNS:
        if c != "line":
            frame[c] = frame[c].astype(object)
    if len(frame) > 1:
        frame = frame.sort_values("line", kind="stable").reset_index(drop=True)
    return frame


def cell_text(value: object) -> str | None:
    """A rejects table's cell as text, None where empty (None or NaN: the readers leave both)."""
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def reject_table(frame: pd.DataFrame):
    """A rejects table as a :class:`pyarrow.Table`: the line an integer, every other cell
    text (None where empty), whatever types the readers left in it."""
    import pyarrow as pa

    columns = {c: [cell_text(v) for v in frame[c]] for c in REJECT_COLUMNS if c != "line"}
    columns["line"] = frame["line"].to_numpy(np.int64)
    fields = [pa.field(c, pa.int64() if c == "line" else pa.string()) for c in REJECT_COLUMNS]
    return pa.table({c: columns[c] for c in REJECT_COLUMNS}, schema=pa.schema(fields))


#: The empty rejects table of a chunk without problems, shared (building one per
#: chunk cost a millisecond): never modify it.
NO_REJECTS = reject_frame()


def duplicate_reason(first: tuple[str, int | None], file: str) -> str:
    """Why a later row with an id already seen is rejected: where the id was first seen.

    ``first`` is the (file, line) of the first row with the id (line None where
    rows have no line, as in a list of people); ``file`` that of the later row.
    """
    first_file, first_line = first
    if first_line is None:
        where = "an earlier row"
    elif first_file == file:
        where = f"line {first_line}"
    else:
        where = f"{first_file} line {first_line}"
    # "is scored" was wrong when that first row was rejected for a reason of its own
    return f"duplicate of {where}: only the first row with this respondent id counts"


def duplicate_rejects(
    file: str,
    column: str,
    lines: Sequence[int],
    ids: Sequence[str],
    firsts: Sequence[tuple[str, int | None]],
) -> pd.DataFrame:
    """The rejects of later rows with ids already seen: one per row, in the id ``column``.

    ``lines`` and ``ids`` are those rows' lines and ids in ``file``; ``firsts``
    where each id was first seen (see :func:`duplicate_reason`).
    """
    return reject_frame(
        {
            "file": [file] * len(ids),
            "line": list(lines),
            "respondent_id": list(ids),
            "column": [column] * len(ids),
            "value": list(ids),
            "reason": [duplicate_reason(first, file) for first in firsts],
        }
    )
