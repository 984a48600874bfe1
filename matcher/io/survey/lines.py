"""The lines of some survey bytes, and which of them are *simple*: a whole record each.

A line ends at a line feed (a CR before it belongs to the line end). A simple
line has an even number of quotes, each opening quote at the start of a field
and each closing quote at the end of one (or doubled, ``""``): its fields can be
split with array operations alone (:mod:`.fields`). Every other line, and any
line a quoted field runs on into, is read record by record (:mod:`.records`).
Finding them costs array operations over the quotes, which most surveys have few
of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matcher.errors import InputError

from .records import bare_cr_error

__all__ = [
    "BOM",
    "CR",
    "NEWLINE",
    "QUOTE",
    "Lines",
    "TextLines",
    "check_bare_cr",
    "split_lines",
    "utf8_error",
]

#: The byte-order mark some exports (Excel's "CSV UTF-8") start with.
BOM = b"\xef\xbb\xbf"
#: Byte values the splitters look for.
QUOTE, NEWLINE, CR = ord('"'), ord("\n"), ord("\r")


@dataclass(frozen=True)
class Lines:
    """The whole lines of ``data``: line ``k`` is ``data[starts[k]:ends[k]]`` (with its LF).

    ``simple`` (count,) marks simple lines; ``bare_cr`` (sorted) the simple lines
    with a carriage return outside quotes that ends no line. Bytes after the last
    LF are an unfinished line, left out, unless ``final`` (no more bytes follow:
    the last line needs no LF).
    """

    data: bytes
    starts: np.ndarray
    ends: np.ndarray
    simple: np.ndarray
    bare_cr: np.ndarray
    final: bool

    @property
    def count(self) -> int:
        return len(self.starts)

    def next_irregular(self) -> np.ndarray:
        """For each line, the first line at or after it that is not simple (count if none)."""
        marks = np.where(self.simple, self.count, np.arange(self.count))
        return np.minimum.accumulate(marks[::-1])[::-1] if self.count else marks


def split_lines(data: bytes, *, delimiter: str, final: bool) -> Lines:
    """Find the whole lines of ``data`` and tell the simple ones."""
    arr = np.frombuffer(data, np.uint8)
    ends = np.flatnonzero(arr == NEWLINE) + 1
    if final and arr.size and (ends.size == 0 or ends[-1] != arr.size):
        ends = np.append(ends, arr.size)  # the last line has no LF
    starts = np.zeros(len(ends), ends.dtype)
    starts[1:] = ends[:-1]
    arr = arr[: int(ends[-1]) if len(ends) else 0]
    simple = np.ones(len(ends), bool)
    quotes = np.flatnonzero(arr == QUOTE)
    if quotes.size:
        simple &= _quotes_follow_the_rules(arr, quotes, starts, ends, ord(delimiter))
    bare_cr = _bare_cr_lines(arr, quotes, starts, ends, simple, final)
    return Lines(data, starts, ends, simple, bare_cr, final)


def _quotes_follow_the_rules(arr, quotes, starts, ends, delimiter: int) -> np.ndarray:
    """(lines,) True where a line's quotes pair up and open and close fields."""
    line = np.searchsorted(ends, quotes, side="right")
    local = np.arange(quotes.size) - np.searchsorted(line, line, side="left")
    opening = (local & 1) == 0
    at_start = quotes == starts[line]
    before = np.where(at_start, NEWLINE, arr[np.maximum(quotes - 1, 0)])
    last = quotes + 1 >= ends[line]
    after = np.where(last, NEWLINE, arr[np.minimum(quotes + 1, arr.size - 1)])
    ok_open = (before == delimiter) | (before == NEWLINE) | (before == QUOTE)
    ok_close = (after == delimiter) | (after == NEWLINE) | (after == CR) | (after == QUOTE)
    bad = np.where(opening, ~ok_open, ~ok_close)
    counts = np.bincount(line, minlength=len(starts))
    wrong = np.bincount(line[bad], minlength=len(starts)) > 0
    return ((counts & 1) == 0) & ~wrong


def _bare_cr_lines(arr, quotes, starts, ends, simple, final: bool) -> np.ndarray:
    """Simple lines with a CR outside quotes followed neither by LF nor by the file's end."""
    crs = np.flatnonzero(arr == CR)
    if crs.size:
        following = np.append(arr, np.uint8(NEWLINE if final else 0))[crs + 1]
        crs = crs[following != NEWLINE]
    if not crs.size:
        return np.zeros(0, np.intp)
    line = np.searchsorted(ends, crs, side="right")
    inside = (np.searchsorted(quotes, crs) - np.searchsorted(quotes, starts[line])) & 1
    return np.unique(line[simple[line] & (inside == 0)])


def utf8_error(name: str, line: int, data: bytes, exc: UnicodeDecodeError) -> InputError:
    """The error for bytes that are not UTF-8 on a line of a survey."""
    return InputError(
        f"{name}:{line}: not UTF-8 text (byte {data[exc.start]:#04x}); save the survey as "
        f"'CSV UTF-8' and try again"
    )


class TextLines(Sequence[str]):
    """Lines ``[first, stop)`` of :class:`Lines`, decoded when first asked for."""

    def __init__(self, lines: Lines, first: int, stop: int, name: str, first_line: int) -> None:
        self.lines, self.first, self.stop = lines, first, stop
        self.name, self.first_line = name, first_line
        self._text: dict[int, str] = {}

    def __len__(self) -> int:
        return self.stop - self.first

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        if not 0 <= index < len(self):
            raise IndexError(index)
        text = self._text.get(index)
        if text is None:
            k = self.first + index
            raw = self.lines.data[int(self.lines.starts[k]) : int(self.lines.ends[k])]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise utf8_error(self.name, self.first_line + index, raw, exc) from None
            self._text[index] = text
        return text


def check_bare_cr(lines: Lines, first: int, stop: int, name: str, first_line: int) -> None:
    """Raise the error of the first simple line of ``[first, stop)`` with a bare CR, if any.

    ``first_line`` is the file line of line 0.
    """
    at = int(np.searchsorted(lines.bare_cr, first))
    if at < lines.bare_cr.size and lines.bare_cr[at] < stop:
        raise bare_cr_error(name, first_line + int(lines.bare_cr[at]))
