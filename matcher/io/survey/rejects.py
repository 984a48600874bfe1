"""The one reject record, and the one rule for duplicate respondent ids.

A reject is a row of a table with :data:`REJECT_COLUMNS`: where the problem is
(file, line), whose row it is, which column, what was there, and why. A row
with three bad cells has three. Every reader and engine builds them here, so
that the batch, the small-survey reader and the reports list a problem alike.

A reader's rejects are an Arrow table (:data:`REJECT_SCHEMA`), the text that
repeats (file, id, column, reason) dictionary-encoded: a survey whose cells are
mostly bad has a reject per cell, millions, and as Python objects they took
gigabytes where the same answers left blank take a few hundred megabytes.
:func:`rejects_frame` makes a small one a DataFrame; :class:`RejectColumns` is what
``score_survey`` hands back in its result's ``attrs``: the first :data:`REJECTS_KEPT` as
cells (JSON-ready), every one as its table.

**Duplicates.** The first record with a respondent id is the one used,
whatever else is wrong with it or with the later ones; every later record with
that id is rejected with :func:`duplicate_reason`. Ids are compared as
:func:`id_key` has them (the same name typed on a Mac and on Windows is one id).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = [
    "NO_REJECTS",
    "REJECTS_KEPT",
    "REJECT_COLUMNS",
    "REJECT_SCHEMA",
    "RejectColumns",
    "cell_text",
    "dictionary",
    "duplicate_reason",
    "duplicate_rejects",
    "id_key",
    "reject_frame",
    "reject_table",
    "rejects_frame",
    "sorted_rejects",
]

#: Columns of a rejects table: where the problem is, what was there, and why.
REJECT_COLUMNS = ("file", "line", "respondent_id", "column", "value", "reason")

_TEXT = pa.dictionary(pa.int32(), pa.string())
#: A reader's rejects table: the text that repeats dictionary-encoded.
REJECT_SCHEMA = pa.schema(
    [
        pa.field("file", _TEXT),
        pa.field("line", pa.int64()),
        pa.field("respondent_id", _TEXT),
        pa.field("column", _TEXT),
        pa.field("value", pa.string()),
        pa.field("reason", _TEXT),
    ]
)
#: The same as plain text (what ``score_survey`` hands back).
_PLAIN = pa.schema(
    [pa.field(c, pa.int64() if c == "line" else pa.string()) for c in REJECT_COLUMNS]
)


def dictionary(indices: np.ndarray, values: Sequence[str] | pa.Array) -> pa.DictionaryArray:
    """Text as indices into ``values`` (a rejects table's repeated text)."""
    if not isinstance(values, pa.Array):
        values = pa.array(list(values), pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(np.asarray(indices, np.int32)), values)


#: The empty rejects table of a chunk without problems, shared: never modify it.
NO_REJECTS = REJECT_SCHEMA.empty_table()


def sorted_rejects(tables: Sequence[pa.Table]) -> pa.Table:
    """Rejects tables as one, by line (stable: a row's problems keep their order)."""
    tables = [t for t in tables if t.num_rows]
    if not tables:
        return NO_REJECTS
    table = tables[0] if len(tables) == 1 else pa.concat_tables(tables)
    lines = table.column("line").to_numpy()
    if len(lines) > 1 and np.any(lines[1:] < lines[:-1]):
        table = table.take(pa.array(np.argsort(lines, kind="stable")))
    return table


def rejects_frame(table: pa.Table) -> pd.DataFrame:
    """A rejects table (small: the reports' survey reader) as a DataFrame of text."""
    return reject_frame(table.cast(_PLAIN).to_pydict()) if table.num_rows else reject_frame()


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


def reject_table(rejects: pd.DataFrame | pa.Table) -> pa.Table:
    """A rejects table as a :class:`pyarrow.Table` of plain text: the line an integer, every
    other cell text (None where empty), whatever types the readers left in it."""
    if isinstance(rejects, pa.Table):
        return rejects.cast(_PLAIN).combine_chunks()
    columns = {c: [cell_text(v) for v in rejects[c]] for c in REJECT_COLUMNS if c != "line"}
    columns["line"] = rejects["line"].to_numpy(np.int64)
    return pa.table({c: columns[c] for c in REJECT_COLUMNS}, schema=_PLAIN)


#: How many rejects a ``score_survey`` result's ``attrs`` hold as cells: pandas writes
#: ``attrs`` as JSON into a Parquet file's metadata, and 100,000 rejects made a result of
#: 0 rows a 28 MB file; a million, one pyarrow could not open again.
REJECTS_KEPT = 1000


class RejectColumns(dict):
    """A rejects table as ``attrs`` of a ``score_survey`` result hold it: column name -> a
    tuple of the cells of its first :data:`REJECTS_KEPT` rejects (the line an int, the rest
    text or None), and every reject in :attr:`table`.

    A plain dict of tuples, because pandas does three things with ``attrs``: it writes them
    as JSON (``to_parquet``: a :class:`pyarrow.Table` there raised TypeError), compares
    them with ``==`` (``pd.concat``: a DataFrame there raised "the truth value of a DataFrame
    is ambiguous") and deep-copies them on nearly every operation (tuples of text are
    immutable, so a copy of the dict is a deep copy: no cost per reject). Only the first
    rejects are cells: JSON of them all made a Parquet file that could not be read back.
    The whole table is an attribute, which JSON does not see: :meth:`to_pandas` gives it
    all. Read back from Parquet it is a plain dict of lists (the first rejects only);
    ``pd.DataFrame(attrs["rejects"])`` reads either.
    """

    table: pa.Table

    @classmethod
    def of(cls, table: pa.Table) -> RejectColumns:
        """The rejects of a rejects table (:data:`REJECT_SCHEMA` or :func:`reject_table`'s)."""
        first = reject_table(table.slice(0, REJECTS_KEPT))
        columns = cls({c: tuple(first.column(c).to_pylist()) for c in REJECT_COLUMNS})
        columns.table = table
        return columns

    @property
    def cut(self) -> bool:
        """Whether the cells hold fewer rejects than there are."""
        return self.table.num_rows > len(self["line"])

    def to_pandas(self) -> pd.DataFrame:
        """Every reject as a DataFrame (columns file, line, respondent_id, column, value,
        reason), typed as :func:`reject_table` types them."""
        return reject_table(self.table).to_pandas()

    def __eq__(self, other: object) -> bool:
        # pd.concat keeps attrs only when they are equal: the first cells alone could match
        # while the rejects after them differ
        if not isinstance(other, RejectColumns):
            return dict.__eq__(self, other) and not self.cut
        return self.table.num_rows == other.table.num_rows and reject_table(self.table).equals(
            reject_table(other.table)
        )

    def __ne__(self, other: object) -> bool:
        return not self == other  # dict's own != would compare the cells alone

    __hash__ = None  # type: ignore[assignment]  # a dict: not hashable

    def __deepcopy__(self, memo: dict) -> RejectColumns:
        copied = type(self)(self)  # immutable cells and table: see the class's docstring
        copied.table = self.table
        return copied


def id_key(respondent: str) -> str:
    """What respondent ids are compared by for the duplicate rule: their NFC form. "Zoë"
    typed on Windows (one code point) and pasted from a macOS file name (e + U+0308) were two
    respondents, shown under one name with different results."""
    return unicodedata.normalize("NFC", respondent)


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
) -> pa.Table:
    """The rejects of later rows with ids already seen: one per row, in the id ``column``.

    ``lines`` and ``ids`` are those rows' lines and ids in ``file``; ``firsts``
    where each id was first seen (see :func:`duplicate_reason`).
    """
    n = len(ids)
    reasons = pa.array([duplicate_reason(first, file) for first in firsts], pa.string())
    named = pa.array(list(ids), pa.string())
    table = pa.table(
        {
            "file": dictionary(np.zeros(n), [file]),
            "line": pa.array(np.asarray(lines, np.int64)),
            "respondent_id": named.dictionary_encode(),
            "column": dictionary(np.zeros(n), [column]),
            "value": named,
            "reason": reasons.dictionary_encode(),
        },
        schema=REJECT_SCHEMA,
    )
    return sorted_rejects([table])
