"""The header of a survey file: its delimiter (sniffed), its columns, where the data starts."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.errors import InputError
from matcher.util.encoding import looks_utf16
from matcher.util.invisible import strip_survey_hidden

from .columns import ID_COLUMN, SurveyColumns, resolve_columns
from .lines import BOM

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["SurveyLayout", "clean_header", "read_layout"]

_MAX_HEADER = 64 << 20

_DELIMITERS = (",", ";", "\t")
#: What a blank line before the header may hold: spaces, line ends, delimiters, quotes.
_BLANK = b' \t\r,;"'


@dataclass(frozen=True)
class SurveyLayout:
    """What the header of one survey file says: delimiter, columns, where the data starts."""

    path: str
    delimiter: str
    columns: SurveyColumns
    data_offset: int
    data_line: int
    size: int
    #: How messages name the file: its path, or what a copy stands for (``<stdin>``: a
    #: stream spooled to a temporary file, whose name would mean nothing to the reader).
    name: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.path)

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";"


def _count_outside_quotes(text: str, char: str) -> int:
    count, quoted = 0, False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def read_layout(
    path: str | Path, model: Model, *, id_column: str = ID_COLUMN, name: str | None = None
) -> SurveyLayout:
    """Read a survey file's header: detect the delimiter and resolve the columns. ``name``:
    how messages name the file (default its path; a copy of standard input: ``<stdin>``).

    Raises
    ------
    InputError
        Not UTF-8, empty, an undetectable delimiter or a header without the id column.
    """
    path = Path(path)
    name = str(path) if name is None else name
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such survey file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a survey file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read the survey ({exc.strerror})") from None
    with handle:
        head, start, end, line = _header_line(name, handle, size)
    raw = head[start:end]
    kind = _packed(head)
    if kind:
        raise InputError(f"{name}: not a CSV text file: it is {kind}")
    try:
        text = raw.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}:{line}: the header is not UTF-8 text (byte {raw[exc.start]:#04x}); save the "
            f"survey as 'CSV UTF-8' and try again"
        ) from None
    if not text.strip():
        lines = line if raw else line - 1  # no line follows a last line feed
        what = f"holds only blank lines ({lines})" if lines else "is empty"
        raise InputError(f"{name}: the file {what}; a survey starts with a header row")
    if _count_outside_quotes(text, "\r"):
        raise InputError(
            f"{name}:{line}: the lines end in a bare carriage return (as in old Mac exports); save "
            f"the survey as 'CSV UTF-8', or turn each CR into a newline (tr '\\r' '\\n')"
        )
    _check_quotes(name, text, line)
    counts = {d: _count_outside_quotes(text, d) for d in _DELIMITERS}
    candidates = [d for d in _DELIMITERS if counts[d]] or [","]
    layouts: list[tuple[int, str, SurveyColumns | InputError]] = []
    for delimiter in candidates:
        try:
            header = next(csv.reader([text], delimiter=delimiter, strict=True))
        except csv.Error as exc:
            raise InputError(
                f"{name}:{line}: the header cannot be read as CSV ({exc}); quote a column name "
                f'whole ("skill:Accounting") or not at all'
            ) from None
        header = clean_header(header)
        try:
            columns = resolve_columns(header, model, id_column=id_column, source=name)
            layouts.append((len(columns.ratings), delimiter, columns))
        except InputError as exc:
            layouts.append((-1, delimiter, exc))
    layouts.sort(key=lambda item: (-item[0], -counts[item[1]]))
    _, delimiter, found = layouts[0]
    if isinstance(found, InputError):
        if len(candidates) > 1:
            raise InputError(
                f"{name}:{line}: cannot tell the delimiter: the header has "
                + " and ".join(f"{counts[d]} {_delimiter_name(d)}" for d in candidates)
                + f" and neither reads as a survey header ({found})"
            )
        raise found
    return SurveyLayout(str(path), delimiter, found, end + 1, line + 1, size, name)


def _header_line(name: str, handle, size: int) -> tuple[bytes, int, int, int]:
    """The bytes read, where the header line starts and ends in them, and its line number.

    The header is the first line that is not blank: some exports and SQL clients write an
    empty line first (or a row of delimiters, a spreadsheet's empty first row), and the file
    was refused as empty.
    """
    head = handle.read(1 << 20)
    start = len(BOM) if head.startswith(BOM) else 0
    line = 1
    while True:
        # The header is one line: a column's name never holds a line break, so a quote left
        # open there is a mistake to name, not a reason to read on into the data (which
        # would make every row part of one column name and score nobody).
        while (end := head.find(b"\n", start)) < 0 and len(head) < size:
            if len(head) - start > _MAX_HEADER:
                raise InputError(
                    f"{name}:{line}: the header runs on for more than {_MAX_HEADER >> 20} MB "
                    f"without a line end"
                )
            head += handle.read(1 << 20)
        end = end if end >= 0 else len(head)
        if end >= len(head) or head[start:end].strip(_BLANK):
            return head, start, end, line
        start, line = end + 1, line + 1


def clean_header(header: list[str]) -> list[str]:
    """Column names without the invisible characters ids lose, nor trailing unnamed columns.

    A spreadsheet pads the header with empty cells to its widest row, as it pads the
    rows: rows without those cells, or with them empty, are then read alike.
    """
    header = [strip_survey_hidden(name) for name in header]
    while len(header) > 1 and not header[-1].strip():
        header.pop()
    return header


def _check_quotes(name: str, text: str, line: int) -> None:
    """Refuse a header whose quotes do not pair up on its line, naming where the open one is."""
    opened = None
    for at, c in enumerate(text):
        if c == '"':
            opened = None if opened is not None else at
    if opened is None:
        return
    column = 1 + sum(_count_outside_quotes(text[:opened], d) for d in _DELIMITERS)
    shown = text[opened : opened + 40] + ("..." if len(text) > opened + 40 else "")
    raise InputError(
        f"{name}:{line}: a quote opens in column {column} of the header ({shown!r}) and does not "
        f"close on that line; a survey's header line names its columns, each whole on it: "
        f"close the quote or remove it"
    )


def _packed(head: bytes) -> str | None:
    """What a file that is no CSV text most likely is, with what to do (or None)."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip-compressed; decompress it first (gunzip FILE)"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "a spreadsheet (or a zip); save it as 'CSV UTF-8'"
    if looks_utf16(head):
        return "UTF-16 text (or binary); save it as 'CSV UTF-8'"
    return None


def _delimiter_name(delimiter: str) -> str:
    return {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]
