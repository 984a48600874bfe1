"""The numpy engine: an ordinary chunk split into fields with array operations only."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from matcher.io.ratings import MAX_RATING

from .chunks import Chunk, record_ends
from .columns import JOB_COLUMNS
from .layout import SurveyLayout
from .lines import CR, NEWLINE, QUOTE, utf8_error
from .parsed import (
    NULL_MARKER,
    CellProblems,
    ParsedChunk,
    arity_problem,
    gather_strings,
    ratings_from_text,
    without_markers,
)

__all__ = ["TEXT_CELLS", "parse_fields"]

#: Cells read as text at once (what is not a one-digit or d.d rating).
TEXT_CELLS = 1 << 16
#: Byte -> rating of a one-character cell (NaN for anything but 0-5).
_DIGIT_VALUE = np.full(256, np.nan, np.float32)
_DIGIT_VALUE[ord("0") : ord("5") + 1] = np.arange(6)


def _check_utf8(data: bytes, layout: SurveyLayout, first_line: int) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise utf8_error(layout.name, line, data, exc) from None


def _record_bounds(arr: np.ndarray, newlines: np.ndarray, ends: np.ndarray, first_line: int):
    """Start, content end (without CR) and line of every record of a chunk."""
    if arr.size and (ends.size == 0 or ends[-1] != arr.size - 1):
        ends = np.append(ends, arr.size)  # the last record has no newline
    starts = np.empty_like(ends)
    if ends.size:
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
    stops = ends.copy()
    has_cr = (stops > starts) & (arr[np.clip(stops - 1, 0, max(arr.size - 1, 0))] == CR)
    stops[has_cr] -= 1
    lines = first_line + np.searchsorted(newlines, starts)
    return starts, stops, lines


def _blank_records(
    arr: np.ndarray, starts: np.ndarray, stops: np.ndarray, delimiter: int
) -> np.ndarray:
    """Records with nothing but delimiters, quotes and spaces (spreadsheets' empty rows)."""
    if not len(starts):
        return np.zeros(0, bool)
    filler = np.zeros(256, bool)
    filler[[delimiter, ord(" "), ord("\t"), CR, NEWLINE, QUOTE]] = True
    content = ~filler[arr]
    return ~np.logical_or.reduceat(content, starts) | (stops == starts)


def parse_fields(chunk: Chunk, layout: SurveyLayout) -> Iterator[ParsedChunk]:
    """Split the records of a chunk of simple lines (:mod:`.lines`) into fields: one
    :class:`ParsedChunk`."""
    data = chunk.read(layout)
    _check_utf8(data, layout, chunk.first_line)
    arr = np.frombuffer(data, np.uint8)
    quotes = np.flatnonzero(arr == QUOTE)
    ends, newlines = record_ends(arr, quotes)
    starts, stops, lines = _record_bounds(arr, newlines, ends, chunk.first_line)
    blank = _blank_records(arr, starts, stops, ord(layout.delimiter))
    parsed = _split_fields(arr, quotes, starts, stops, lines, blank, layout, chunk)
    parsed.blank_lines = int(blank.sum())
    parsed.size = len(data)
    yield parsed


def _split_fields(
    arr, quotes, starts, stops, lines, blank, layout: SurveyLayout, chunk: Chunk
) -> ParsedChunk:
    """Split records into fields with array operations only.

    Delimiters inside quotes are dropped by quote parity (every line is simple:
    its quotes pair up and open and close fields); a quoted field loses its
    quotes and ``""`` reads as ``"``.
    """
    columns = layout.columns
    width = len(columns.header)
    delimiter = ord(layout.delimiter)
    delims = np.flatnonzero(arr == delimiter)
    if quotes.size:
        # Quoted stretches run from an even-numbered quote to the next one; most hold no
        # delimiter, so only the few that do are looked at.
        first = np.searchsorted(delims, quotes[0::2])
        last = np.searchsorted(delims, quotes[1::2]) if quotes.size > 1 else first[:0]
        last = np.append(last, np.full(len(first) - len(last), len(delims), last.dtype))
        holding = last > first
        if holding.any():
            inside = np.zeros(len(delims) + 1, np.int32)
            np.add.at(inside, first[holding], 1)
            np.add.at(inside, last[holding], -1)
            delims = delims[np.cumsum(inside[:-1]) == 0]
    counts = np.searchsorted(delims, stops) - np.searchsorted(delims, starts)
    cut_rows, delims = _drop_empty_padding(
        arr, delims, starts, stops, counts, width, delimiter, blank
    )
    good = (counts == width - 1) & ~blank
    ends_file = chunk.stop >= layout.size
    problems = [
        arity_problem(
            int(lines[r]),
            int(counts[r]) + 1,
            width,
            ends_file and r == len(starts) - 1,
            # 61 characters at most 4 bytes each: enough for the value shown
            arr[starts[r] : min(stops[r], starts[r] + 244)].tobytes().decode("utf-8", "replace"),
        )
        for r in np.flatnonzero(~good & ~blank)
    ]
    delims = delims.astype(np.int32)
    padded = np.append(arr, np.uint8(NEWLINE))  # a field may end the chunk: arr[left] stays valid
    if good.all():
        fields = delims.reshape(len(starts), width - 1)
    else:
        fields = delims[np.repeat(good, counts)].reshape(int(good.sum()), width - 1)
    starts, stops, lines = starts[good].astype(np.int32), stops[good].astype(np.int32), lines[good]
    unquote = quotes.size > 0

    # Field p of a record spans edges[p] + 1 .. edges[p + 1]: the delimiters around it.
    edges = np.empty((len(starts), width + 1), np.int32)
    edges[:, 0] = starts - 1
    edges[:, 1:width] = fields
    edges[:, width] = stops

    def bounds(positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Byte range of the fields at ``positions`` of every record, shape (n, k)."""
        if len(positions) > 1 and np.all(np.diff(positions) == 1):  # a run: slices, no gather
            a, b = int(positions[0]), int(positions[-1]) + 1
            return edges[:, a:b] + 1, edges[:, a + 1 : b + 1]
        return edges[:, positions] + 1, edges[:, positions + 1]

    def text(position: int) -> pa.Array:
        left, right = bounds(np.array([position]))
        if unquote:
            inside = (right - left >= 2) & (padded[left] == QUOTE)
            left += inside
            right -= inside
        values = gather_strings(arr, left[:, 0], right[:, 0])
        return pc.replace_substring(values, '""', '"') if unquote else values

    ids = text(columns.id_position)
    jobs, nulls = {}, 0
    for name in JOB_COLUMNS:
        if getattr(columns, name) is not None:
            jobs[name], found = without_markers(text(getattr(columns, name)))
            nulls += found
    left, right = bounds(columns.positions)
    ratings, cell_problems, found = _ratings_from_bytes(padded, left, right, layout)
    return ParsedChunk(
        chunk.file_index,
        lines,
        ids,
        ratings,
        jobs.get("current_job"),
        jobs.get("target_job"),
        cell_problems,
        problems,
        padded_rows=cut_rows,
        null_cells=nulls + found,
    )


def _drop_empty_padding(arr, delims, starts, stops, counts, width, delimiter, blank):
    """Cut records with only empty fields past the header's last one at that field.

    Spreadsheets pad rows with empty cells to the widest row: those cells hold nothing
    to lose. ``stops`` and ``counts`` are cut in place; returns how many records were
    cut and the delimiters without theirs.
    """
    over = np.flatnonzero((counts > width - 1) & ~blank)
    if not over.size:
        return 0, delims
    first = np.searchsorted(delims, starts[over]) + width - 1
    cut = delims[first]
    filler = np.zeros(256, bool)
    filler[[delimiter, ord(" "), ord("\t"), QUOTE]] = True
    content = np.zeros(arr.size + 1, np.int64)
    np.cumsum(~filler[arr], out=content[1:])
    empty = content[stops[over]] == content[cut]
    rows = over[empty]
    if not rows.size:
        return 0, delims
    stops[rows] = cut[empty]
    drop = np.zeros(len(delims) + 1, np.int32)
    np.add.at(drop, first[empty], 1)  # the delimiter that ends the last field, and after it
    np.add.at(drop, first[empty] + counts[rows] - (width - 1), -1)
    counts[rows] = width - 1
    return int(rows.size), delims[np.cumsum(drop[:-1]) == 0]


def _ratings_from_bytes(arr, left, right, layout: SurveyLayout):
    """Ratings of fields given by byte ranges, shape (n, n_columns).

    One-digit ratings and ``d.d`` are read with array arithmetic; anything else
    (spaces, other decimals, null markers, bad values) goes through
    :func:`ratings_from_text`. Returns the ratings, the cell problems and the number of
    null markers.
    """
    first = arr[left]
    is_quote = first == QUOTE
    if is_quote.any():  # "3": read what is inside the quotes
        quoted = np.nonzero(is_quote)
        inside = (right[quoted] - left[quoted]) >= 2
        rows, cols = quoted[0][inside], quoted[1][inside]
        left = left.copy()
        right = right.copy()
        left[rows, cols] += 1
        right[rows, cols] -= 1
        first[rows, cols] = arr[left[rows, cols]]
    length = right - left
    safe = left
    # A blank cell's first byte is the delimiter after it, which reads as NaN too.
    ratings = _DIGIT_VALUE[first]
    other = length > 1
    bad_single = (length == 1) & np.isnan(ratings)
    if bad_single.any():
        other |= bad_single
    is_three = length == 3
    if is_three.any():
        three = np.nonzero(is_three)
        at = safe[three]
        head = first[three].astype(np.int16) - ord("0")
        second = arr[at + 1]
        tail = arr[at + 2].astype(np.int16) - ord("0")
        point = (second == ord(".")) | ((second == ord(",")) & layout.decimal_comma)
        value = head + tail / np.float32(10)
        simple = (
            (head >= 0) & (head <= 9) & point & (tail >= 0) & (tail <= 9) & (value <= MAX_RATING)
        )
        ratings[three[0][simple], three[1][simple]] = value[simple]
        other[three[0][simple], three[1][simple]] = False
    parts, markers = [], 0
    # a block of rows at a time: a survey of bad cells sends all of them here, and their
    # text and masks all at once took several times the memory of the ratings
    step = max(1, TEXT_CELLS // max(other.shape[1], 1))
    for start in range(0, len(other), step):
        rows, cols = np.nonzero(other[start : start + step])
        if not rows.size:
            continue
        rows += start
        text = pc.fill_null(gather_strings(arr, left[rows, cols], right[rows, cols]), "")
        # gather_strings trims: blank-with-spaces reads as blank, like every other path
        values, bad, reason = ratings_from_text(text, layout.decimal_comma)
        markers += int((reason == NULL_MARKER).sum())
        ratings[rows, cols] = values
        if bad.any():
            positions = layout.columns.positions[cols[bad]].astype(np.int32)
            parts.append(
                (rows[bad].astype(np.int32), positions, text.filter(pa.array(bad)), reason[bad])
            )
    # np.nonzero reads row by row, and rating columns are in header order
    return ratings, CellProblems.concat(parts, ordered=True), markers
