"""A header repeated inside a survey file: two exports joined with ``cat``.

Regional offices export the same questionnaire, not always with the columns in the
same order; joined, the second export's header sits in the middle of the file. Read
as a row, it was a respondent called ``respondent_id`` whose ratings were "not a
number", and every row after it was read by the first header's column order: its
ratings landed on the wrong items, silently.

A line is a repeated header when one of its cells names the id column, another names
a column of the header, and none holds a number (a header names columns; a row rates
items). If its columns are the header's, in any order (names compared as the header
resolves them: case, spaces, dashes), the rows after it are read by its order; if
they are other columns, the run stops naming the line: such files are scored as
separate files, each by its own header.

Finding them costs a pass over each block of bytes for the id column's name, which
most surveys hold once, on their first line.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.vocabulary import normalize_name
from matcher.errors import InputError

from .columns import SurveyColumns
from .layout import SurveyLayout, clean_header
from .records import is_rating_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .lines import Lines

__all__ = ["RepeatedHeaders", "column_key"]

#: What a name's spelling may hold between its letters in another export (``Respondent ID``,
#: ``respondent-id``, ``respondent_id``): removed from the bytes before the id's name is
#: looked for.
_SEPARATORS = b" \t_-"
#: ASCII letters in lower case (one pass over the bytes with the removal above).
_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))


def column_key(name: str) -> str:
    """A column name as the header resolves it: case, spaces, dashes and underscores aside."""
    return normalize_name(name).replace(" ", "")


@dataclass
class RepeatedHeaders:
    """Finds the lines of one survey file that repeat its header (see the module)."""

    layout: SurveyLayout
    _keys: Counter = field(init=False, repr=False)
    _id_key: str = field(init=False, repr=False)
    _needle: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        header = self.layout.columns.header
        self._keys = Counter(column_key(name) for name in header)
        self._id_key = column_key(header[self.layout.columns.id_position])
        self._needle = self._id_key.encode("utf-8")

    def candidates(self, lines: Lines) -> np.ndarray:
        """Lines (indices into ``lines``) that hold the id column's name: the only ones that
        may be a header, to be checked with :meth:`columns_of`."""
        if not self._needle or not lines.count:
            return np.zeros(0, np.intp)
        text = lines.data[: int(lines.ends[-1])].translate(_LOWER, _SEPARATORS)
        found: list[int] = []
        at, line, counted = text.find(self._needle), 0, 0
        while at >= 0:
            line += text.count(b"\n", counted, at)
            found.append(line)
            counted = text.find(b"\n", at)
            if counted < 0:
                break
            at = text.find(self._needle, counted)
        return np.array(found, np.intp)

    def columns_of(self, text: str, line: int) -> SurveyColumns | None:
        """The columns of the rows after ``text`` (line ``line``) if it repeats the header,
        else None (a row).

        Raises
        ------
        InputError
            A header of other columns than this file's.
        """
        cells = _header_cells(text, self.layout.delimiter)
        if cells is None:
            return None
        keys = [column_key(c) for c in cells]
        if (
            self._id_key not in keys
            or not any(k in self._keys and k != self._id_key for k in keys)
            or any(c.strip() and is_rating_text(c) for c in cells)
        ):
            return None
        if Counter(keys) != self._keys:
            raise InputError(self._other_columns(cells, keys, line))
        return _reordered(self.layout.columns, keys, cells)

    def _other_columns(self, cells: list[str], keys: list[str], line: int) -> str:
        header = self.layout.columns.header
        extra = [c for c, k in zip(cells, keys, strict=True) if k not in self._keys]
        missing = [h for h in header if column_key(h) not in keys]
        differ = "; ".join(
            f"{what}: {', '.join(repr(n) for n in names[:3])}{' ...' if len(names) > 3 else ''}"
            for what, names in (("not in the first", extra), ("missing", missing))
            if names
        )
        return (
            f"{self.layout.name}:{line}: this line repeats the header (files joined into one?) "
            f"with other columns than the header on line {self.layout.data_line - 1}"
            f"{' (' + differ + ')' if differ else ''}; score the files as separate files "
            f"(matcher batch a.csv b.csv), each read by its own header"
        )


def _header_cells(text: str, delimiter: str) -> list[str] | None:
    """The cells of a line read as a header (cleaned as :func:`read_layout` cleans one), or
    None where it is no CSV line by itself."""
    try:
        cells = next(csv.reader([text.rstrip("\r\n")], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        return None
    return clean_header(cells)


def _reordered(columns: SurveyColumns, keys: Sequence[str], cells: list[str]) -> SurveyColumns:
    """``columns`` at the positions the same names have in a header of another order."""
    places: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        places.setdefault(key, []).append(position)
    moved = {}
    for position, name in enumerate(columns.header):
        moved[position] = places[column_key(name)].pop(0)

    def at(position: int | None) -> int | None:
        return None if position is None else moved[position]

    return SurveyColumns(
        header=tuple(cells),
        id_position=moved[columns.id_position],
        ratings=tuple(sorted((moved[p], f) for p, f in columns.ratings)),
        current_job=at(columns.current_job),
        target_job=at(columns.target_job),
        unknown=columns.unknown,
    )
