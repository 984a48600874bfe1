"""What every parsing engine yields: a :class:`ParsedChunk`, and the helpers they share."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from matcher.io.ratings import MAX_RATING, MIN_RATING
from matcher.util.invisible import SURVEY_HIDDEN
from matcher.util.labels import counted

__all__ = [
    "CONTROL",
    "NULL_MARKER",
    "NULL_MARKERS",
    "REASONS",
    "CellProblems",
    "ParsedChunk",
    "arity_problem",
    "clean_text",
    "gather_strings",
    "rating_reason",
    "ratings_from_text",
    "shown_text",
    "without_markers",
]

#: What shows as nothing in a name, and bidi controls (:mod:`matcher.util.invisible`), as
#: pyarrow's regex reads it.
_INVISIBLE = f"[{SURVEY_HIDDEN}]"
#: Control characters: no id or job name holds one on purpose. A tab too: kept, it was an id
#: in the batch output and a space in the report, two ids for one respondent.
CONTROL = r"[\x00-\x1f\x7f-\x9f]"
#: A rating as text: a number as float() reads one written in ASCII, with its exponent
#: (pandas writes 0.00001 as 1e-05: a frame's own CSV lost the respondent, "not a number");
#: never nan, inf or a word.
_EXPONENT = r"([eE][+-]?\d+)?"
_NUMBER = rf"^[+-]?(\d+(\.\d*)?|\.\d+){_EXPONENT}$"
_NUMBER_COMMA = rf"^[+-]?(\d+([.,]\d*)?|[.,]\d+){_EXPONENT}$"
#: Cells that exports and database dumps write for a value left empty, read as blank
#: (unanswered): a cell that is exactly one of them, spaces aside. "N/A" everywhere made
#: every respondent a reject, and a SQL dump's \N (MySQL, PostgreSQL's COPY) too.
NULL_MARKERS = ("N/A", "n/a", "NA", "-", "\\N", "NULL")
_MARKERS = pa.array(NULL_MARKERS, pa.string())
#: The reason code of :func:`ratings_from_text` for a null marker (no problem: a blank).
NULL_MARKER = -1


@dataclass(frozen=True)
class CellProblems:
    """The rating cells of a chunk that hold no valid rating, by record then column.

    ``rows`` (k,) the record of each (its index in the chunk), ``positions`` (k,) its
    column in the header, ``values`` (k,) its text, ``reasons`` (k,) why,
    dictionary-encoded. Arrays, not a tuple per cell: a survey of bad cells has
    millions (see :mod:`.rejects`).
    """

    rows: np.ndarray
    positions: np.ndarray
    values: pa.Array
    reasons: pa.DictionaryArray

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def empty(cls) -> CellProblems:
        return cls.of(np.zeros(0, np.int32), np.zeros(0, np.int32), pa.array([], pa.string()), [])

    @classmethod
    def of(
        cls,
        rows: np.ndarray,
        positions: np.ndarray,
        values: pa.Array,
        codes: np.ndarray,
        *,
        ordered: bool = False,
    ) -> CellProblems:
        """Cell problems from the reason codes of :func:`ratings_from_text` (1-3), in any order
        (``ordered``: by row then position already)."""
        rows = np.asarray(rows, np.int32)
        positions = np.asarray(positions, np.int32)
        codes = np.asarray(codes, np.int8)
        if not ordered and len(rows) > 1:
            order = np.lexsort((positions, rows))
            rows, positions, codes = rows[order], positions[order], codes[order]
            values = values.take(pa.array(order))
        # reasons 1 and 2 are one text each; 3 names its value (few: read a comma once each)
        texts = [REASONS[1], REASONS[2]]
        index = codes.astype(np.int32) - 1
        comma = np.flatnonzero(codes == 3)
        if comma.size:
            shown = values.take(pa.array(comma)).to_pylist()
            distinct = list(dict.fromkeys(shown))
            texts += [rating_reason(3, v) for v in distinct]
            where = {v: 2 + k for k, v in enumerate(distinct)}
            index[comma] = [where[v] for v in shown]
        reasons = pa.DictionaryArray.from_arrays(pa.array(index), pa.array(texts, pa.string()))
        return cls(rows, positions, values, reasons)

    @classmethod
    def concat(
        cls,
        parts: list[tuple[np.ndarray, np.ndarray, pa.Array, np.ndarray]],
        *,
        ordered: bool = False,
    ) -> CellProblems:
        """Cell problems from ``(rows, positions, values, codes)`` parts (a column each, or
        blocks that are ``ordered`` one after the other)."""
        if not parts:
            return cls.empty()
        rows = np.concatenate([np.asarray(p[0], np.int32) for p in parts])
        positions = np.concatenate([np.asarray(p[1], np.int32) for p in parts])
        values = pa.concat_arrays([p[2].cast(pa.string()) for p in parts])
        codes = np.concatenate([p[3] for p in parts])
        return cls.of(rows, positions, values, codes, ordered=ordered)


@dataclass
class ParsedChunk:
    """The records of one chunk, split into fields.

    ``lines`` (n,) line of each record with fields; ``ids`` (n,) respondent ids
    (null where blank); ``ratings`` (n, n_rating_columns) float32, NaN where
    blank or invalid; ``current_job`` / ``target_job`` (n,) text or None;
    ``cell_problems`` the cells that are not valid ratings (:class:`CellProblems`);
    ``record_problems`` (line, value, reason) for records that could not be split
    into the header's fields. ``blank_lines`` counts
    blank records, ``continued_lines`` the lines that a quoted field carried
    into the record above them, ``padded_rows`` the records read without empty
    fields past the header's last column (a spreadsheet's padding), ``size`` the
    bytes read, ``header_lines`` the lines before the records that repeat the
    header (:mod:`.headers`), ``null_cells`` the rating and job cells holding a
    null marker (:data:`NULL_MARKERS`), read as blank.
    """

    file_index: int
    lines: np.ndarray
    ids: pa.Array
    ratings: np.ndarray
    current_job: pa.Array | None = None
    target_job: pa.Array | None = None
    cell_problems: CellProblems = field(default_factory=lambda: CellProblems.empty())
    record_problems: list[tuple[int, str, str]] = field(default_factory=list)
    blank_lines: int = 0
    size: int = 0
    continued_lines: int = 0
    padded_rows: int = 0
    header_lines: int = 0
    null_cells: int = 0

    def __len__(self) -> int:
        return len(self.lines)


def gather_strings(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> pa.Array:
    """Byte ranges of one buffer as a string array (trimmed of spaces; empty -> null)."""
    lengths = np.maximum(ends - starts, 0)
    offsets = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    total = int(offsets[-1])
    index = np.repeat(starts - offsets[:-1], lengths) + np.arange(total)
    values = arr[index] if total else np.zeros(0, np.uint8)
    strings = pa.LargeStringArray.from_buffers(
        len(lengths), pa.py_buffer(offsets), pa.py_buffer(values.tobytes())
    ).cast(pa.string())
    return clean_text(strings)


def clean_text(strings: pa.Array) -> pa.Array:
    """Text cells without invisible characters and bidi controls, trimmed of spaces, blank ones
    null."""
    if pc.any(pc.match_substring_regex(strings, _INVISIBLE)).as_py():
        strings = pc.replace_substring_regex(strings, _INVISIBLE, "")
    strings = pc.utf8_trim_whitespace(strings)
    return pc.if_else(pc.equal(strings, ""), pa.scalar(None, pa.string()), strings)


def ratings_from_text(
    values: pa.Array, decimal_comma: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ratings from text cells.

    Returns ``(ratings, bad, reason_code)``: float32 (n,) NaN where blank or bad;
    bool (n,) cells that are not valid ratings; int8 (n,) 1 = not a number,
    2 = outside 0-5, 3 = a number with a decimal comma where that is no decimal mark,
    :data:`NULL_MARKER` a null marker (read as blank, counted).
    """
    text = pc.utf8_trim_whitespace(values.cast(pa.string()))
    blank = pc.fill_null(pc.equal(text, ""), True).to_numpy(zero_copy_only=False)
    marker = pc.fill_null(pc.is_in(text, value_set=_MARKERS), False).to_numpy(zero_copy_only=False)
    numeric = pc.fill_null(
        pc.match_substring_regex(text, _NUMBER_COMMA if decimal_comma else _NUMBER), False
    ).to_numpy(zero_copy_only=False)
    if decimal_comma:
        text = pc.replace_substring(text, ",", ".")
    ratings = np.full(len(text), np.nan, np.float64)
    if numeric.any():
        parsed = pc.cast(pc.filter(text, pa.array(numeric)), pa.float64()).to_numpy()
        ratings[numeric] = parsed
    reason = np.zeros(len(text), np.int8)
    reason[~blank & ~numeric] = 1
    reason[marker] = NULL_MARKER
    if not decimal_comma and reason.any():  # "4,5" where a comma is no decimal mark
        comma = pc.match_substring_regex(text, _NUMBER_COMMA)
        reason[(reason == 1) & pc.fill_null(comma, False).to_numpy(zero_copy_only=False)] = 3
    with np.errstate(invalid="ignore"):
        reason[numeric & ((ratings < MIN_RATING) | (ratings > MAX_RATING))] = 2
    bad = reason > 0
    ratings[bad] = np.nan
    return ratings.astype(np.float32), bad, reason


#: Why a rating cell is refused, by the reason code of :func:`ratings_from_text`.
REASONS = {
    1: "not a number; give a rating from 0 to 5, or leave the cell blank for unanswered",
    2: "outside 0-5",
    3: "a decimal comma: write {point} with a point (only a file whose fields are parted by "
    "semicolons reads {comma})",
}


def without_markers(values: pa.Array) -> tuple[pa.Array, int]:
    """Text cells (trimmed) with the :data:`NULL_MARKERS` made null, and how many there were."""
    found = pc.fill_null(pc.is_in(values, value_set=_MARKERS), False)
    count = pc.sum(found).as_py() or 0
    if count:
        values = pc.if_else(found, pa.scalar(None, pa.string()), values)
    return values, count


def rating_reason(code: int, value: str) -> str:
    """Why the rating cell ``value`` is refused, by its reason code (see :data:`REASONS`)."""
    if code == 3:
        comma = value.strip()
        return REASONS[3].format(point=comma.replace(",", "."), comma=comma)
    return REASONS[code]


def shown_text(text: str) -> str:
    """A record's text as a reject's value: its first 60 characters."""
    return text if len(text) <= 60 else text[:57] + "..."


def arity_problem(
    line: int, fields: int, expected: int, last: bool, text: str = ""
) -> tuple[int, str, str]:
    """The record problem ``(line, value, reason)`` of a record with the wrong number of fields.

    ``last``: the record is the last line of the file.
    """
    cut = " (truncated last line?)" if last and fields < expected else ""
    return (line, shown_text(text), f"{counted(fields, 'field')}, the header has {expected}{cut}")
