"""Cutting a survey file into chunks of whole records, in one sequential read.

Most lines of a survey are *simple* (:mod:`.lines`): a whole record each, whose
quotes follow the CSV rules. Runs of them become ``fields`` chunks, split into
fields with array operations. From a line that is not simple (a quoted field
with line breaks, a stray or unclosed quote) records are read one by one by the
rule of :mod:`.records` into an ``exact`` chunk, until a record ends before a
run of :data:`FAST_AGAIN` simple lines. Each chunk knows the line its first
record starts on, and a stray quote costs one line, never the rest of the file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from matcher.errors import InputError

from .headers import RepeatedHeaders
from .lines import BOM, NEWLINE, QUOTE, Lines, TextLines, check_bare_cr, split_lines
from .records import read_record

if TYPE_CHECKING:
    from .columns import SurveyColumns
    from .layout import SurveyLayout

__all__ = ["BOM", "CHUNK_ROWS", "CHUNK_SIZE", "FAST_AGAIN", "Chunk", "iter_chunks", "record_ends"]

#: Bytes read per chunk: big enough for fast parsing, small enough for flat memory
#: (and for the parsing to stay in cache).
CHUNK_SIZE = 2 << 20
#: Rows per parsed chunk when the input is a DataFrame or is read record by record.
CHUNK_ROWS = 20_000

#: Simple lines after which record-by-record reading hands back to the array splitter.
FAST_AGAIN = 256

_MAX_LINE = 64 << 20


def record_ends(arr: np.ndarray, quotes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Newlines outside quotes (record ends) and all newline positions of some bytes."""
    newlines = np.flatnonzero(arr == NEWLINE)
    if quotes is None:
        quotes = np.flatnonzero(arr == QUOTE)
    if quotes.size == 0:
        return newlines, newlines
    outside = (np.searchsorted(quotes, newlines) & 1) == 0
    return newlines[outside], newlines


@dataclass(frozen=True)
class Chunk:
    """Whole records of one file: bytes ``[start, stop)``, the first on line ``first_line``.

    ``exact`` chunks start at a line that is not simple (see :mod:`.lines`) and
    are read record by record (:mod:`.records`); the others hold simple lines
    only. ``columns``: the header its rows follow where a header repeated in the
    file (:mod:`.headers`) put the columns in another order, else None (the
    file's header); ``headers``: the repeated header lines just before it. ``data``
    holds the bytes when the cutter read them; a chunk without them (as shipped
    to a Dask worker) reads its own.
    """

    file_index: int
    start: int
    stop: int
    first_line: int
    exact: bool = False
    columns: SurveyColumns | None = None
    headers: int = 0
    data: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def engine(self) -> str:
        """The parsing engine for this chunk (see :data:`matcher.io.survey.reader.ENGINES`)."""
        return "exact" if self.exact else "fields"

    def without_data(self) -> Chunk:
        return dataclasses.replace(self, data=None)

    def layout_in(self, layout: SurveyLayout) -> SurveyLayout:
        """The layout its rows are read by: its file's, in the column order it follows."""
        if self.columns is None or self.columns == layout.columns:
            return layout
        return dataclasses.replace(layout, columns=self.columns)

    def read(self, layout: SurveyLayout) -> bytes:
        if self.data is not None:
            return self.data
        with open(layout.path, "rb") as handle:
            # a worker of a cluster may see another file by that name (another folder or
            # machine): its bytes would be scored as this survey's rows
            size = os.fstat(handle.fileno()).st_size
            if size != layout.size:
                raise InputError(
                    f"{layout.name}: a worker reads {size:,} bytes where the file read here has "
                    f"{layout.size:,}: give a path every worker sees as the same file"
                )
            handle.seek(self.start)
            return handle.read(self.stop - self.start)


def iter_chunks(
    layout: SurveyLayout,
    *,
    file_index: int = 0,
    chunk_size: int | None = None,
) -> Iterator[Chunk]:
    """Cut a survey file into chunks of whole records (one sequential read), with their bytes.

    A line that repeats the header (:mod:`.headers`) is in no chunk: the chunks after it
    carry its column order and count it.

    Raises
    ------
    InputError
        A carriage return that ends no line outside quotes (see :mod:`.records`),
        bytes that are not UTF-8 where records are read one by one, a line
        longer than 64 MB, or a header repeated with other columns.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    headers = RepeatedHeaders(layout)
    columns: SurveyColumns | None = None
    pending = 0  # repeated header lines not yet carried by a chunk
    with open(layout.path, "rb") as handle:
        handle.seek(layout.data_offset)
        position, line = layout.data_offset, layout.data_line
        buffer, final = b"", False
        while True:
            if not final:
                piece = handle.read(chunk_size)
                final = len(piece) < chunk_size
                buffer = buffer + piece if buffer else piece
            lines = split_lines(buffer, delimiter=layout.delimiter, final=final)
            if not lines.count:
                if final:
                    break
                if len(buffer) > _MAX_LINE:
                    raise InputError(
                        f"{layout.name}:{line}: a line runs on for more than "
                        f"{_MAX_LINE >> 20} MB without a line end"
                    )
                continue
            used = 0
            current = dataclasses.replace(layout, columns=columns) if columns else layout
            for first, stop, kind in _regions(lines, current, line, headers):
                used = stop
                if isinstance(kind, bool):
                    begin, end = int(lines.starts[first]), int(lines.ends[stop - 1])
                    data = buffer[begin:end]
                    yield Chunk(
                        file_index,
                        position + begin,
                        position + end,
                        line + first,
                        kind,
                        columns,
                        pending,
                        data,
                    )
                    pending = 0
                else:  # a repeated header: the rows after it follow its columns
                    columns = None if kind == layout.columns else kind
                    pending += 1
            consumed = int(lines.ends[used - 1]) if used else 0
            position, line = position + consumed, line + used
            buffer = buffer[consumed:]
            if final and not buffer:
                break
    if pending:  # headers after the last row: counted all the same
        yield Chunk(file_index, position, position, line, False, columns, pending, b"")


def _regions(
    lines: Lines, layout: SurveyLayout, first_line: int, headers: RepeatedHeaders
) -> Iterator[tuple[int, int, bool | SurveyColumns]]:
    """Runs of lines ``[first, stop)`` as chunks, ``(first, stop, exact)``, and repeated
    headers, ``(line, line + 1, columns after it)``, in order.

    Stops early where a record may run on past the lines read so far.
    """
    irregular = lines.next_irregular()
    width = len(layout.columns.header)
    ratings = [p for p, _ in layout.columns.ratings]
    text = TextLines(lines, 0, lines.count, layout.name, first_line)
    found = _HeaderLines(headers, headers.candidates(lines), text, first_line)
    start, count = 0, lines.count
    while start < count:
        simple_to = int(irregular[start])
        if simple_to > start:
            header = found.first(start, simple_to)
            stop = simple_to if header is None else header[0]
            if stop > start:
                check_bare_cr(lines, start, stop, layout.name, first_line)
                yield start, stop, False
            if header is not None:
                yield header[0], header[0] + 1, header[1]
                ratings = [p for p, _ in header[1].ratings]
                stop += 1
            start = stop
            continue
        stop, starved, header = start, False, None
        while stop < count and (stop == start or not _fast_again(irregular, stop, count)):
            header = found.first(stop, stop + 1)
            if header is not None:
                break
            record = read_record(
                text,
                stop,
                delimiter=layout.delimiter,
                width=width,
                final=lines.final,
                name=layout.name,
                first_line=first_line,
                ratings=ratings,
            )
            if record is None:
                starved = True
                break
            stop += record.span
        if stop > start:
            yield start, stop, True
        if starved:
            return
        if header is not None:
            yield header[0], header[0] + 1, header[1]
            ratings = [p for p, _ in header[1].ratings]
            stop += 1
        start = stop


class _HeaderLines:
    """The repeated headers among some lines, each candidate checked once, when reached."""

    def __init__(
        self, headers: RepeatedHeaders, candidates: np.ndarray, text: TextLines, first_line: int
    ) -> None:
        self.headers, self.candidates = headers, candidates
        self.text, self.first_line = text, first_line

    def first(self, start: int, stop: int) -> tuple[int, SurveyColumns] | None:
        """The first repeated header among lines ``[start, stop)``: (line, its columns)."""
        at = int(np.searchsorted(self.candidates, start))
        while at < self.candidates.size and self.candidates[at] < stop:
            index = int(self.candidates[at])
            columns = self.headers.columns_of(self.text[index], self.first_line + index)
            if columns is not None:
                return index, columns
            at += 1
        return None


def _fast_again(irregular: np.ndarray, line: int, count: int) -> bool:
    """Do simple lines follow, :data:`FAST_AGAIN` of them or all the rest?"""
    following = int(irregular[line])
    return following == count or following - line >= FAST_AGAIN
