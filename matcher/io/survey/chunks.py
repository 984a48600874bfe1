"""Cutting a survey file into chunks of whole records, in one sequential read.

Records end at newlines outside quotes, found with the parity of the quote
characters before them: no parsing, so a quoted field may hold delimiters and
newlines and every chunk knows the line its first record starts on. A quote
that breaks the CSV rules (one in the middle of a field) would throw the
parity off: from the record that holds it, the file is read record by record
with :mod:`csv` instead (an ``exact`` chunk).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from matcher.errors import InputError

if TYPE_CHECKING:
    from .layout import SurveyLayout

__all__ = ["BOM", "CHUNK_ROWS", "CHUNK_SIZE", "Chunk", "iter_chunks", "record_ends"]

#: Bytes read per chunk: big enough for fast parsing, small enough for flat memory
#: (and for the parsing to stay in cache).
CHUNK_SIZE = 2 << 20
#: Rows per parsed chunk when the input is a DataFrame or is read record by record.
CHUNK_ROWS = 20_000

BOM = b"\xef\xbb\xbf"
_MAX_RECORD = 64 << 20
#: Byte values the splitters look for.
QUOTE, NEWLINE, CR = ord('"'), ord("\n"), ord("\r")


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

    ``exact`` chunks hold quotes that do not follow the CSV rules (a quote in the
    middle of a field): they run to the end of the file and are read record by
    record with :mod:`csv`, which treats such quotes as text. ``data`` holds the
    bytes when the cutter read them; a chunk without them (as shipped to a Dask
    worker) reads its own.
    """

    file_index: int
    start: int
    stop: int
    first_line: int
    exact: bool = False
    data: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def engine(self) -> str:
        """The parsing engine for this chunk (see :data:`matcher.io.survey.reader.ENGINES`)."""
        return "exact" if self.exact else "fields"

    def without_data(self) -> Chunk:
        return Chunk(self.file_index, self.start, self.stop, self.first_line, self.exact)

    def read(self, layout: SurveyLayout) -> bytes:
        if self.data is not None:
            return self.data
        with open(layout.path, "rb") as handle:
            handle.seek(self.start)
            return handle.read(self.stop - self.start)


def _first_stray_quote(arr: np.ndarray, quotes: np.ndarray, delimiter: int) -> int | None:
    """Position of the first quote that breaks the CSV quoting rules, or None.

    An opening quote must start a field; a closing quote must end one (or be
    doubled). Where every quote obeys that, quote parity finds record ends.
    """
    if quotes.size == 0:
        return None
    n = arr.size
    before = np.where(quotes > 0, arr[np.maximum(quotes - 1, 0)], NEWLINE)
    after = np.where(quotes + 1 < n, arr[np.minimum(quotes + 1, n - 1)], NEWLINE)
    opening = (np.arange(quotes.size) & 1) == 0
    ok_open = (before == delimiter) | (before == NEWLINE) | (before == QUOTE) | (quotes == 0)
    ok_close = (after == delimiter) | (after == NEWLINE) | (after == CR) | (after == QUOTE)
    ok_close |= quotes + 1 >= n
    bad = np.flatnonzero(np.where(opening, ~ok_open, ~ok_close))
    return int(quotes[bad[0]]) if bad.size else None


def iter_chunks(
    layout: SurveyLayout,
    *,
    file_index: int = 0,
    chunk_size: int | None = None,
) -> Iterator[Chunk]:
    """Cut a survey file into chunks of whole records (one sequential read), with their bytes."""
    delimiter = ord(layout.delimiter)
    chunk_size = chunk_size or CHUNK_SIZE
    with open(layout.path, "rb") as handle:
        handle.seek(layout.data_offset)
        position, line = layout.data_offset, layout.data_line
        carry = b""
        eof = False

        def whole_records(stop: int) -> Chunk:
            """The chunk of ``data[:stop]`` (whole records); moves position and line past it."""
            nonlocal position, line
            cut = Chunk(file_index, position, position + stop, line, False, data[:stop])
            line += int(np.searchsorted(newlines, stop))
            position += stop
            return cut

        while not eof or carry:
            piece = b"" if eof else handle.read(chunk_size)
            eof = eof or len(piece) < chunk_size
            data = carry + piece if carry else piece
            if not data:
                break
            arr = np.frombuffer(data, np.uint8)
            quotes = np.flatnonzero(arr == QUOTE)
            stray = _first_stray_quote(arr, quotes, delimiter)
            ends, newlines = record_ends(arr, quotes)
            if stray is not None:
                # Records before the bad quote are read as usual; the rest as exact text.
                good = ends[ends < stray]
                if good.size:
                    yield whole_records(int(good[-1]) + 1)
                yield Chunk(file_index, position, layout.size, line, True)
                return
            if eof:
                stop = len(data)
            elif ends.size:
                stop = int(ends[-1]) + 1
            else:  # a record longer than the chunk: read on
                if len(data) > _MAX_RECORD:
                    raise InputError(
                        f"{layout.path}:{line}: a record runs on for more than "
                        f"{_MAX_RECORD >> 20} MB; is a quote left open?"
                    )
                carry = data
                continue
            yield whole_records(stop)
            carry = data[stop:]
            if eof:
                break
