"""Survey exports: one row per respondent, read in bounded chunks that remember their lines.

Format
------
A survey is a CSV file (UTF-8, with or without a byte-order mark; ``,`` or
``;`` between fields, detected from the header) with one row per respondent:

- an id column, ``respondent_id`` unless told otherwise;
- rating columns, named ``skill:<name>``, ``aptitude:<name>``, ``trait:<name>``
  or a bare name that names exactly one item of the model's vocabulary;
  ratings run 0-5 (decimals allowed; with ``;`` as delimiter ``3,5`` also
  reads as 3.5); a blank cell is unanswered;
- optionally ``current_job`` and ``target_job``: an occupation id, title or alias.

Columns that name nothing the model knows are reported (with the closest
names) and ignored. The file is read in blocks of bytes cut at record
boundaries, found with the parity of quote characters, so that a quoted field
may hold commas and newlines and every record keeps its line number.

What a reader yields is a :class:`ParsedBlock`: respondent ids, a ratings
matrix over the survey's rating columns and the problems of each record.
:func:`check_block` turns a parsed block into rows to score and rejects.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .atomic import atomic_write
from .errors import InputError, UnknownOccupationError
from .model import Model
from .person import MAX_RATING, MIN_RATING, PersonProfile
from .vocabulary import normalize_name

__all__ = [
    "ID_COLUMN",
    "REJECT_COLUMNS",
    "Block",
    "CheckedBlock",
    "ParsedBlock",
    "SurveyColumns",
    "SurveyLayout",
    "check_block",
    "frame_blocks",
    "iter_blocks",
    "parse_block",
    "read_layout",
    "read_survey_profiles",
    "resolve_columns",
    "survey_sources",
    "write_template",
]

ID_COLUMN = "respondent_id"
JOB_COLUMNS = ("current_job", "target_job")
#: Columns of a rejects table: where the problem is, what was there, and why.
REJECT_COLUMNS = ("file", "line", "respondent_id", "column", "value", "reason")
#: Bytes read per block: big enough for fast parsing, small enough for flat memory.
BLOCK_SIZE = 2 << 20
#: Rows per block when the input is a DataFrame or read record by record.
BLOCK_ROWS = 20_000

_BOM = b"\xef\xbb\xbf"
_MAX_RECORD = 64 << 20
_QUOTE, _NEWLINE, _CR = ord('"'), ord("\n"), ord("\r")
_DELIMITERS = (",", ";", "\t")
_BLOCK_ALIASES = {
    "skills": "skill",
    "aptitudes": "aptitude",
    "traits": "trait",
    "interests": "interest",
}
#: A rating as text: a plain decimal number (no exponent, no nan/inf).
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"
_NUMBER_COMMA = r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$"
#: Byte -> rating of a one-character cell (NaN for anything but 0-5).
_DIGIT_VALUE = np.full(256, np.nan, np.float32)
_DIGIT_VALUE[ord("0") : ord("5") + 1] = np.arange(6)


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class UnknownColumn:
    """A header cell that names nothing the model knows, and the closest names."""

    name: str
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.name.strip():
            return "an unnamed column"
        hint = (
            f" (did you mean {', '.join(repr(s) for s in self.suggestions)}?)"
            if self.suggestions
            else ""
        )
        return f"{self.name!r}{hint}"


@dataclass(frozen=True)
class SurveyColumns:
    """Where things are in a survey header.

    ``ratings`` pairs each rating column's position in the header with the
    model feature it rates, in header order; ``features`` is the feature
    column of each, shape (n_ratings,).
    """

    header: tuple[str, ...]
    id_position: int
    ratings: tuple[tuple[int, int], ...]
    current_job: int | None = None
    target_job: int | None = None
    unknown: tuple[UnknownColumn, ...] = ()

    @property
    def features(self) -> np.ndarray:
        return np.array([f for _, f in self.ratings], dtype=np.intp)

    @property
    def positions(self) -> np.ndarray:
        return np.array([p for p, _ in self.ratings], dtype=np.intp)

    @property
    def id_column(self) -> str:
        return self.header[self.id_position]


def _find_column(header: Sequence[str], wanted: str) -> int | None:
    """Position of ``wanted``: exactly as spelled, else ignoring case, spaces and dashes."""
    if wanted in header:
        return list(header).index(wanted)
    key = normalize_name(wanted).replace(" ", "")
    for position, name in enumerate(header):
        if normalize_name(name).replace(" ", "") == key:
            return position
    return None


def _suggest_column(model: Model, text: str) -> tuple[str, ...]:
    block, name = _split_prefix(model, text)
    blocks = [block] if block else list(model.block_names)
    found: list[tuple[float, str]] = []
    for b in blocks:
        for suggestion in model.suggest_item(b, name, 3):
            ratio = difflib.SequenceMatcher(
                None, normalize_name(name), normalize_name(suggestion)
            ).ratio()
            if ratio >= 0.6:
                found.append((ratio, f"{b}:{suggestion}"))
    found.sort(key=lambda pair: (-pair[0], pair[1]))
    return tuple(dict.fromkeys(s for _, s in found))[:3]


def _split_prefix(model: Model, text: str) -> tuple[str | None, str]:
    prefix, sep, rest = text.partition(":")
    if sep:
        block = normalize_name(prefix)
        block = _BLOCK_ALIASES.get(block, block)
        if block in model.block_names:
            return block, rest.strip()
    return None, text.strip()


def resolve_columns(
    header: Sequence[str], model: Model, *, id_column: str = ID_COLUMN, source: str = "survey"
) -> SurveyColumns:
    """Map a survey header to the model's features.

    Raises
    ------
    InputError
        No id column, no rating column the model knows, a bare name that names
        items of several blocks, or two columns that rate the same item.
    """
    header = tuple(str(h) for h in header)
    id_position = _find_column(header, id_column)
    if id_position is None:
        close = difflib.get_close_matches(id_column, header, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise InputError(
            f"{source}: no {id_column!r} column in the header{hint} Every survey needs a "
            f"respondent id column; name it {id_column!r} or pass --id-column NAME "
            f"(header: {', '.join(repr(h) for h in header[:8])}{' ...' if len(header) > 8 else ''})"
        )
    jobs = {job: _find_column(header, job) for job in JOB_COLUMNS}
    taken = {id_position, *(p for p in jobs.values() if p is not None)}
    ratings: list[tuple[int, int]] = []
    rated_by: dict[int, str] = {}
    unknown: list[UnknownColumn] = []
    ambiguous: list[str] = []
    for position, name in enumerate(header):
        if position in taken:
            continue
        if not name.strip():
            unknown.append(UnknownColumn(name))
            continue
        block, item = _split_prefix(model, name)
        if block is not None:
            found = model.vectorizer.feature_index(block, item)
            columns = [] if found is None else [found]
        else:
            columns = [
                c
                for b in model.block_names
                if (c := model.vectorizer.feature_index(b, item)) is not None
            ]
        if len(columns) > 1:
            options = " or ".join(repr(str(model.vectorizer.feature_names_[c])) for c in columns)
            ambiguous.append(f"{name!r} could be {options}: write the block before the name")
            continue
        if not columns:
            unknown.append(UnknownColumn(name, _suggest_column(model, name)))
            continue
        column = columns[0]
        if column in rated_by:
            raise InputError(
                f"{source}: columns {rated_by[column]!r} and {name!r} both rate "
                f"{model.vectorizer.feature_names_[column]!r}; keep one of them"
            )
        rated_by[column] = name
        ratings.append((position, column))
    if ambiguous:
        raise InputError(f"{source}: ambiguous column names: " + "; ".join(ambiguous))
    if not ratings:
        shown = ", ".join(str(u) for u in unknown[:5]) or "none"
        raise InputError(
            f"{source}: no rating column names an item the model knows (unknown: {shown}). "
            f"Name rating columns skill:<name>, aptitude:<name> or trait:<name>; "
            f"`matcher survey-template` writes every valid column"
        )
    return SurveyColumns(
        header=header,
        id_position=id_position,
        ratings=tuple(ratings),
        current_job=jobs["current_job"],
        target_job=jobs["target_job"],
        unknown=tuple(unknown),
    )


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class SurveyLayout:
    """What the header of one survey file says: delimiter, columns, where the data starts."""

    path: str
    delimiter: str
    columns: SurveyColumns
    data_offset: int
    data_line: int
    size: int

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";"


def _record_ends(
    arr: np.ndarray, quotes: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Newlines outside quotes (record ends) and all newline positions of a byte block."""
    newlines = np.flatnonzero(arr == _NEWLINE)
    if quotes is None:
        quotes = np.flatnonzero(arr == _QUOTE)
    if quotes.size == 0:
        return newlines, newlines
    outside = (np.searchsorted(quotes, newlines) & 1) == 0
    return newlines[outside], newlines


def _count_outside_quotes(text: str, char: str) -> int:
    count, quoted = 0, False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def read_layout(path: str | Path, model: Model, *, id_column: str = ID_COLUMN) -> SurveyLayout:
    """Read a survey file's header: detect the delimiter and resolve the columns.

    Raises
    ------
    InputError
        Not UTF-8, empty, an undetectable delimiter or a header without the id column.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such survey file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a survey file") from None
    with handle:
        head = handle.read(1 << 20)
        offset = len(_BOM) if head.startswith(_BOM) else 0
        while True:
            arr = np.frombuffer(head, np.uint8)[offset:]
            ends, _ = _record_ends(arr)
            if ends.size or len(head) >= size:
                break
            head += handle.read(1 << 20)
    end = offset + int(ends[0]) if ends.size else len(head)
    raw = head[offset:end]
    try:
        text = raw.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}:1: the header is not UTF-8 text (byte {raw[exc.start]:#04x}); save the "
            f"survey as 'CSV UTF-8' and try again"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty; a survey starts with a header row")
    if _count_outside_quotes(text, "\r"):
        raise InputError(
            f"{path}:1: the lines end in a bare carriage return (as in old Mac exports); save "
            f"the survey as 'CSV UTF-8', or turn each CR into a newline (tr '\\r' '\\n')"
        )
    counts = {d: _count_outside_quotes(text, d) for d in _DELIMITERS}
    candidates = [d for d in _DELIMITERS if counts[d]] or [","]
    layouts: list[tuple[int, str, SurveyColumns | InputError]] = []
    for delimiter in candidates:
        header = next(csv.reader([text], delimiter=delimiter))
        try:
            columns = resolve_columns(header, model, id_column=id_column, source=str(path))
            layouts.append((len(columns.ratings), delimiter, columns))
        except InputError as exc:
            layouts.append((-1, delimiter, exc))
    layouts.sort(key=lambda item: (-item[0], -counts[item[1]]))
    _, delimiter, found = layouts[0]
    if isinstance(found, InputError):
        if len(candidates) > 1:
            raise InputError(
                f"{path}:1: cannot tell the delimiter: the header has "
                + " and ".join(f"{counts[d]} {_delimiter_name(d)}" for d in candidates)
                + f" and neither reads as a survey header ({found})"
            )
        raise found
    data_line = 1 + raw.count(b"\n") + 1
    return SurveyLayout(str(path), delimiter, found, end + 1, data_line, size)


def _delimiter_name(delimiter: str) -> str:
    return {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """Whole records of one file: bytes ``[start, stop)``, the first on line ``first_line``.

    ``exact`` blocks hold quotes that do not follow the CSV rules (a quote in the
    middle of a field): they run to the end of the file and are read record by
    record with :mod:`csv`, which treats such quotes as text.
    """

    file_index: int
    start: int
    stop: int
    first_line: int
    exact: bool = False
    data: bytes | None = field(default=None, repr=False, compare=False)

    def without_data(self) -> Block:
        return Block(self.file_index, self.start, self.stop, self.first_line, self.exact)

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
    before = np.where(quotes > 0, arr[np.maximum(quotes - 1, 0)], _NEWLINE)
    after = np.where(quotes + 1 < n, arr[np.minimum(quotes + 1, n - 1)], _NEWLINE)
    opening = (np.arange(quotes.size) & 1) == 0
    ok_open = (before == delimiter) | (before == _NEWLINE) | (before == _QUOTE) | (quotes == 0)
    ok_close = (after == delimiter) | (after == _NEWLINE) | (after == _CR) | (after == _QUOTE)
    ok_close |= quotes + 1 >= n
    bad = np.flatnonzero(np.where(opening, ~ok_open, ~ok_close))
    return int(quotes[bad[0]]) if bad.size else None


def iter_blocks(
    layout: SurveyLayout,
    *,
    file_index: int = 0,
    block_size: int | None = None,
    with_data: bool = True,
) -> Iterator[Block]:
    """Cut a survey file into blocks of whole records (one sequential read).

    With ``with_data=False`` the blocks carry offsets only, for workers that
    read their own bytes (the Dask engine).
    """
    delimiter = ord(layout.delimiter)
    block_size = block_size or BLOCK_SIZE
    with open(layout.path, "rb") as handle:
        handle.seek(layout.data_offset)
        position, line = layout.data_offset, layout.data_line
        carry = b""
        eof = False

        def whole_records(stop: int) -> Block:
            """The block of ``data[:stop]`` (whole records); moves position and line past it."""
            nonlocal position, line
            text = data[:stop] if with_data else None
            block = Block(file_index, position, position + stop, line, False, text)
            line += int(np.searchsorted(newlines, stop))
            position += stop
            return block

        while not eof or carry:
            chunk = b"" if eof else handle.read(block_size)
            eof = eof or len(chunk) < block_size
            data = carry + chunk if carry else chunk
            if not data:
                break
            arr = np.frombuffer(data, np.uint8)
            quotes = np.flatnonzero(arr == _QUOTE)
            stray = _first_stray_quote(arr, quotes, delimiter)
            ends, newlines = _record_ends(arr, quotes)
            if stray is not None:
                # Records before the bad quote are read as usual; the rest as exact text.
                good = ends[ends < stray]
                if good.size:
                    yield whole_records(int(good[-1]) + 1)
                yield Block(file_index, position, layout.size, line, True)
                return
            if eof:
                stop = len(data)
            elif ends.size:
                stop = int(ends[-1]) + 1
            else:  # a record longer than the block: read on
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


# --------------------------------------------------------------------------- parsing


@dataclass
class ParsedBlock:
    """The records of one block, split into fields.

    ``lines`` (n,) line of each record with fields; ``ids`` (n,) respondent ids
    (null where blank); ``ratings`` (n, n_rating_columns) float32, NaN where
    blank or invalid; ``current_job`` / ``target_job`` (n,) text or None;
    ``cell_problems`` (row, column position, value, reason) for cells that are
    not valid ratings; ``record_problems`` (line, value, reason) for records
    that could not be split into the header's fields.
    """

    file_index: int
    lines: np.ndarray
    ids: pa.Array
    ratings: np.ndarray
    current_job: pa.Array | None = None
    target_job: pa.Array | None = None
    cell_problems: list[tuple[int, int, str, str]] = field(default_factory=list)
    record_problems: list[tuple[int, str, str]] = field(default_factory=list)
    blank_lines: int = 0
    size: int = 0

    def __len__(self) -> int:
        return len(self.lines)


def _check_utf8(data: bytes, layout: SurveyLayout, first_line: int) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise InputError(
            f"{layout.path}:{line}: not UTF-8 text (byte {data[exc.start]:#04x}); save the survey "
            f"as 'CSV UTF-8' and try again"
        ) from None


def _gather_strings(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> pa.Array:
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
    return _clean_text(strings)


def _clean_text(strings: pa.Array) -> pa.Array:
    strings = pc.utf8_trim_whitespace(strings)
    return pc.if_else(pc.equal(strings, ""), pa.scalar(None, pa.string()), strings)


def ratings_from_text(
    values: pa.Array, decimal_comma: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ratings from text cells.

    Returns ``(ratings, bad, reason_code)``: float32 (n,) NaN where blank or bad;
    bool (n,) cells that are not valid ratings; int8 (n,) 1 = not a number,
    2 = outside 0-5.
    """
    text = pc.utf8_trim_whitespace(values.cast(pa.string()))
    blank = pc.fill_null(pc.equal(text, ""), True).to_numpy(zero_copy_only=False)
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
    with np.errstate(invalid="ignore"):
        reason[numeric & ((ratings < MIN_RATING) | (ratings > MAX_RATING))] = 2
    bad = reason > 0
    ratings[bad] = np.nan
    return ratings.astype(np.float32), bad, reason


_REASONS = {
    1: "not a number; give a rating from 0 to 5, or leave the cell blank for unanswered",
    2: "outside 0-5",
}


def _text_problems(
    ratings_text: Sequence[pa.Array], layout: SurveyLayout
) -> tuple[np.ndarray, list[tuple[int, int, str, str]]]:
    """Ratings matrix and cell problems from one text array per rating column."""
    n = len(ratings_text[0]) if ratings_text else 0
    matrix = np.empty((n, len(ratings_text)), np.float32)
    problems: list[tuple[int, int, str, str]] = []
    positions = layout.columns.positions
    for j, column in enumerate(ratings_text):
        values, bad, reason = ratings_from_text(column, layout.decimal_comma)
        matrix[:, j] = values
        for row in np.flatnonzero(bad):
            raw = column[int(row)].as_py()
            problems.append((int(row), int(positions[j]), str(raw), _REASONS[int(reason[row])]))
    return matrix, problems


def _record_bounds(arr: np.ndarray, newlines: np.ndarray, ends: np.ndarray, first_line: int):
    """Start, content end (without CR) and line of every record of a block."""
    if arr.size and (ends.size == 0 or ends[-1] != arr.size - 1):
        ends = np.append(ends, arr.size)  # the last record has no newline
    starts = np.empty_like(ends)
    if ends.size:
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
    stops = ends.copy()
    has_cr = (stops > starts) & (arr[np.clip(stops - 1, 0, max(arr.size - 1, 0))] == _CR)
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
    filler[[delimiter, ord(" "), ord("\t"), _CR, _NEWLINE, _QUOTE]] = True
    content = ~filler[arr]
    return ~np.logical_or.reduceat(content, starts) | (stops == starts)


def parse_block(block: Block, layout: SurveyLayout) -> Iterator[ParsedBlock]:
    """Split one block's records into fields (one ParsedBlock, or several for exact blocks)."""
    if block.exact:
        yield from _parse_exact(block, layout)
        return
    data = block.read(layout)
    _check_utf8(data, layout, block.first_line)
    arr = np.frombuffer(data, np.uint8)
    quotes = np.flatnonzero(arr == _QUOTE)
    ends, newlines = _record_ends(arr, quotes)
    starts, stops, lines = _record_bounds(arr, newlines, ends, block.first_line)
    delimiter = ord(layout.delimiter)
    blank = _blank_records(arr, starts, stops, delimiter)
    problems: list[tuple[int, str, str]] = []
    size = len(data)
    if quotes.size and (quotes.size & 1) and len(starts):
        # The file ends inside quotes: the last record was cut off.
        last = len(starts) - 1
        text = data[starts[last] : starts[last] + 60].decode("utf-8", "replace")
        problems.append(
            (
                int(lines[last]),
                text,
                "unterminated quoted field: the file ends inside quotes (truncated export?)",
            )
        )
        data, arr = data[: starts[last]], arr[: starts[last]]
        starts, stops, lines, blank = starts[:-1], stops[:-1], lines[:-1], blank[:-1]
    parsed = _parse_fields(arr, quotes, starts, stops, lines, blank, layout, block)
    parsed.record_problems = problems + parsed.record_problems
    parsed.blank_lines = int(blank.sum())
    parsed.size = size
    yield parsed


def _arity_problem(
    line: int, fields: int, expected: int, last: bool, text: str = ""
) -> tuple[int, str, str]:
    cut = " (truncated last line?)" if last and fields < expected else ""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return (line, shown, f"{fields} fields, the header has {expected}{cut}")


def _parse_fields(
    arr, quotes, starts, stops, lines, blank, layout: SurveyLayout, block: Block
) -> ParsedBlock:
    """Split records into fields with array operations only.

    Delimiters inside quotes are dropped by quote parity (the block splitter
    has already sent any file whose quotes break the CSV rules to the exact
    reader); a quoted field loses its quotes and ``""`` reads as ``"``.
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
    good = (counts == width - 1) & ~blank
    problems = [
        _arity_problem(
            int(lines[r]),
            int(counts[r]) + 1,
            width,
            r == len(starts) - 1,
            arr[starts[r] : min(stops[r], starts[r] + 80)].tobytes().decode("utf-8", "replace"),
        )
        for r in np.flatnonzero(~good & ~blank)
    ]
    delims = delims.astype(np.int32)
    padded = np.append(arr, np.uint8(_NEWLINE))  # a field may end the block: arr[left] stays valid
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
            inside = (right - left >= 2) & (padded[left] == _QUOTE)
            left += inside
            right -= inside
        values = _gather_strings(arr, left[:, 0], right[:, 0])
        return pc.replace_substring(values, '""', '"') if unquote else values

    ids = text(columns.id_position)
    jobs = {
        name: text(getattr(columns, name))
        for name in JOB_COLUMNS
        if getattr(columns, name) is not None
    }
    left, right = bounds(columns.positions)
    ratings, cell_problems = _ratings_from_bytes(padded, left, right, layout)
    return ParsedBlock(
        block.file_index,
        lines,
        ids,
        ratings,
        jobs.get("current_job"),
        jobs.get("target_job"),
        cell_problems,
        problems,
    )


def _ratings_from_bytes(arr, left, right, layout: SurveyLayout):
    """Ratings of fields given by byte ranges, shape (n, n_columns).

    One-digit ratings and ``d.d`` are read with array arithmetic; anything else
    (spaces, other decimals, bad values) goes through :func:`ratings_from_text`.
    """
    first = arr[left]
    is_quote = first == _QUOTE
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
    problems: list[tuple[int, int, str, str]] = []
    if other.any():
        rows, cols = np.nonzero(other)
        text = _gather_strings(arr, left[rows, cols], right[rows, cols])
        # _gather_strings trims: blank-with-spaces reads as blank, like every other path
        values, bad, reason = ratings_from_text(pc.fill_null(text, ""), layout.decimal_comma)
        ratings[rows, cols] = values
        positions = layout.columns.positions
        raw = None
        for k in np.flatnonzero(bad):
            if raw is None:
                raw = text.to_pylist()
            problems.append(
                (int(rows[k]), int(positions[cols[k]]), str(raw[k]), _REASONS[int(reason[k])])
            )
        problems.sort()
    return ratings, problems


def _parse_exact(block: Block, layout: SurveyLayout) -> Iterator[ParsedBlock]:
    """Records read one by one with :mod:`csv` (quotes inside fields are text), in blocks."""
    width = len(layout.columns.header)
    with open(layout.path, "rb") as handle:
        handle.seek(block.start)
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        line_count = [0]

        def numbered() -> Iterator[str]:
            try:
                for physical in text:
                    # csv sees CR alone as a line break, like pyarrow; count what it counts
                    line_count[0] += 1
                    yield physical
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{layout.path}:{block.first_line + line_count[0]}: not UTF-8 text "
                    f"({exc.reason}); save the survey as 'CSV UTF-8' and try again"
                ) from None

        reader = csv.reader(numbered(), delimiter=layout.delimiter)
        rows: list[list[str]] = []
        lines: list[int] = []
        problems: list[tuple[int, str, str]] = []
        blank = 0
        while True:
            start_line = block.first_line + line_count[0]
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problems.append((start_line, "", f"cannot be read as CSV: {exc}"))
                continue
            if not any(f.strip() for f in record):
                blank += 1
            elif len(record) != width:
                text = layout.delimiter.join(record)
                problems.append(_arity_problem(start_line, len(record), width, False, text))
            else:
                rows.append(record)
                lines.append(start_line)
            if len(rows) >= BLOCK_ROWS:
                yield _records_to_block(rows, lines, problems, blank, layout, block, 0)
                rows, lines, problems, blank = [], [], [], 0
        yield _records_to_block(
            rows, lines, problems, blank, layout, block, block.stop - block.start
        )


def _records_to_block(rows, lines, problems, blank, layout: SurveyLayout, block: Block, size: int):
    columns = layout.columns

    def column(position: int) -> pa.Array:
        return pa.array([r[position] for r in rows], pa.string())

    ratings, cell_problems = (
        _text_problems([column(p) for p in columns.positions], layout)
        if rows
        else (np.empty((0, len(columns.ratings)), np.float32), [])
    )
    jobs = {
        name: _clean_text(column(getattr(columns, name)))
        for name in JOB_COLUMNS
        if getattr(columns, name) is not None
    }
    return ParsedBlock(
        block.file_index,
        np.array(lines, np.int64),
        _clean_text(column(columns.id_position)),
        ratings,
        jobs.get("current_job"),
        jobs.get("target_job"),
        cell_problems,
        list(problems),
        blank,
        size,
    )


def frame_blocks(
    frame: pd.DataFrame, model: Model, *, id_column: str = ID_COLUMN
) -> tuple[SurveyLayout, Iterator[ParsedBlock]]:
    """A survey given as a DataFrame (columns as in a file header), in blocks of rows.

    A row's ``line`` is where it would be in a CSV export of the frame: row
    position + 2 (the header is line 1).
    """
    columns = resolve_columns(
        [str(c) for c in frame.columns], model, id_column=id_column, source="survey frame"
    )
    layout = SurveyLayout("<DataFrame>", ",", columns, 0, 2, 0)

    def text(series: pd.Series) -> pa.Array:
        values = series.astype(object).where(series.notna(), None)
        return pa.array([None if v is None else str(v) for v in values], pa.string())

    def blocks() -> Iterator[ParsedBlock]:
        for begin in range(0, max(len(frame), 1), BLOCK_ROWS):
            part = frame.iloc[begin : begin + BLOCK_ROWS]
            n = len(part)
            ratings = np.empty((n, len(columns.ratings)), np.float32)
            problems: list[tuple[int, int, str, str]] = []
            for j, position in enumerate(columns.positions):
                series = part.iloc[:, position]
                if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
                    values = series.to_numpy(dtype=np.float64, na_value=np.nan)
                    bad = ~np.isnan(values) & ((values < MIN_RATING) | (values > MAX_RATING))
                    bad |= np.isinf(values)
                    for row in np.flatnonzero(bad):
                        reason = 1 if np.isinf(values[row]) else 2
                        problems.append(
                            (int(row), int(position), f"{values[row]:g}", _REASONS[reason])
                        )
                    ratings[:, j] = np.where(bad, np.nan, values)
                else:
                    values, bad, reason = ratings_from_text(text(series))
                    ratings[:, j] = values
                    for row in np.flatnonzero(bad):
                        problems.append(
                            (
                                int(row),
                                int(position),
                                str(series.iloc[row]),
                                _REASONS[int(reason[row])],
                            )
                        )
            problems.sort()
            empty = np.ones(n, bool)
            for _, series in part.items():
                blank = series.isna().to_numpy().copy()
                if series.dtype == object or pd.api.types.is_string_dtype(series):
                    blank |= series.astype(str).str.strip().eq("").to_numpy()
                empty &= blank
            keep = np.flatnonzero(~empty)
            lines = np.arange(begin, begin + n, dtype=np.int64) + 2
            remap = {int(r): k for k, r in enumerate(keep)}
            jobs = {
                name: _clean_text(text(part.iloc[keep, getattr(columns, name)]))
                for name in JOB_COLUMNS
                if getattr(columns, name) is not None
            }
            yield ParsedBlock(
                0,
                lines[keep],
                _clean_text(text(part.iloc[keep, columns.id_position])),
                ratings[keep],
                jobs.get("current_job"),
                jobs.get("target_job"),
                [(remap[r], c, v, why) for r, c, v, why in problems if r in remap],
                [],
                int(empty.sum()),
                0,
            )

    return layout, blocks()


# --------------------------------------------------------------------------- checking


class OccupationLookup:
    """Occupation row of job titles, each distinct text resolved once."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._rows: dict[str, int | str] = {}

    def row(self, text: str) -> int | str:
        """The occupation's row, or the reason it is unknown."""
        found = self._rows.get(text)
        if found is None:
            try:
                found = self.model.index_of(self.model.resolve_occupation(text).id)
            except UnknownOccupationError as exc:
                found = str(exc)
            self._rows[text] = found
        return found

    def rows(
        self, values: pa.Array | None, n: int
    ) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
        """Rows (n,) with -1 where blank or unknown, and (row, value, reason) of the unknown."""
        out = np.full(n, -1, np.int32)
        problems: list[tuple[int, str, str]] = []
        if values is None or values.null_count == n:
            return out, problems
        encoded = pc.dictionary_encode(values)
        valid = ~encoded.is_null().to_numpy(zero_copy_only=False)
        indices = pc.fill_null(encoded.indices, 0).to_numpy(zero_copy_only=False)
        found = [self.row(str(v)) for v in encoded.dictionary.to_pylist()]
        codes = np.array([f if isinstance(f, int) else -1 for f in found] + [-1], np.int32)
        out[:] = codes[np.where(valid, indices, len(found))]
        for k in np.flatnonzero(valid & (out < 0)):
            reason = found[int(indices[k])]
            problems.append((int(k), str(values[int(k)].as_py()), str(reason)))
        return out, problems


@dataclass
class CheckedBlock:
    """A parsed block judged row by row.

    ``valid`` (n,) rows to score; ``target`` / ``current`` (n,) occupation rows
    (-1 for none); ``rejects`` a table with :data:`REJECT_COLUMNS` (one row per
    problem, so a row with three bad cells has three); ``rejected_rows`` how
    many records were rejected (each counted once).
    """

    parsed: ParsedBlock
    valid: np.ndarray
    target: np.ndarray
    current: np.ndarray
    rejects: pd.DataFrame
    rejected_rows: int


def check_block(
    parsed: ParsedBlock, layout: SurveyLayout, lookup: OccupationLookup, file: str
) -> CheckedBlock:
    """Judge every record: missing id, bad cells, no ratings, unknown occupations."""
    columns = layout.columns
    n = len(parsed)
    header = columns.header
    problem_rows: list[int] = []
    problem_cols: list[str] = []
    problem_vals: list[str] = []
    problem_why: list[str] = []

    def add(row: int, column: str, value: str, reason: str) -> None:
        problem_rows.append(row)
        problem_cols.append(column)
        problem_vals.append(value)
        problem_why.append(reason)

    missing_id = parsed.ids.is_null().to_numpy(zero_copy_only=False) if n else np.zeros(0, bool)
    for row in np.flatnonzero(missing_id):
        add(int(row), columns.id_column, "", "no respondent id")
    for row, position, value, reason in parsed.cell_problems:
        add(row, header[position], value, reason)
    no_ratings = np.isnan(parsed.ratings).all(axis=1) if n else np.zeros(0, bool)
    had_bad_cell = np.zeros(n, bool)
    if parsed.cell_problems:
        had_bad_cell[[r for r, *_ in parsed.cell_problems]] = True
    for row in np.flatnonzero(no_ratings & ~had_bad_cell):
        add(int(row), "", "", "no ratings: every rating cell is blank")
    current, bad_current = lookup.rows(parsed.current_job, n)
    target, bad_target = lookup.rows(parsed.target_job, n)
    for row, value, reason in bad_current:
        add(row, header[columns.current_job], value, reason)  # type: ignore[index]
    for row, value, reason in bad_target:
        add(row, header[columns.target_job], value, reason)  # type: ignore[index]

    valid = np.ones(n, bool)
    if problem_rows:
        valid[problem_rows] = False
    ids = parsed.ids.to_pylist() if problem_rows else []
    order = np.argsort(np.array(problem_rows, np.int64), kind="stable")
    rejects = {
        "file": [file] * (len(problem_rows) + len(parsed.record_problems)),
        "line": [int(parsed.lines[problem_rows[k]]) for k in order]
        + [line for line, _, _ in parsed.record_problems],
        "respondent_id": [ids[problem_rows[k]] or "" for k in order]
        + [""] * len(parsed.record_problems),
        "column": [problem_cols[k] for k in order] + [""] * len(parsed.record_problems),
        "value": [problem_vals[k] for k in order] + [v for _, v, _ in parsed.record_problems],
        "reason": [problem_why[k] for k in order] + [r for _, _, r in parsed.record_problems],
    }
    frame = reject_frame(rejects) if len(rejects["line"]) else NO_REJECTS
    return CheckedBlock(
        parsed, valid, target, current, frame, int((~valid).sum()) + len(parsed.record_problems)
    )


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


#: The empty rejects table of a block without problems, shared (building one per
#: block cost a millisecond): never modify it.
NO_REJECTS = reject_frame()

# --------------------------------------------------------------------------- sources


def survey_sources(source: str | Path | Sequence[str | Path]) -> list[Path]:
    """The files a survey argument names: one path, a glob pattern, or a list of them.

    Raises
    ------
    InputError
        A pattern that matches nothing or a file that does not exist.
    """
    items = [source] if isinstance(source, str | Path) else list(source)
    paths: list[Path] = []
    for item in items:
        text = str(item)
        if any(ch in text for ch in "*?["):
            base = Path(text)
            anchor = Path(base.anchor) if base.is_absolute() else Path()
            pattern = str(base.relative_to(anchor)) if base.is_absolute() else text
            found = sorted(p for p in anchor.glob(pattern) if p.is_file())
            if not found:
                raise InputError(f"{text}: no survey file matches this pattern")
            paths.extend(found)
        else:
            path = Path(text)
            if not path.exists():
                raise InputError(f"{path}: no such survey file")
            paths.append(path)
    if not paths:
        raise InputError("no survey file given")
    return list(dict.fromkeys(paths))


# --------------------------------------------------------------------------- template


def template_columns(model: Model, *, id_column: str = ID_COLUMN) -> list[str]:
    """Every column a survey for this model may have, in the model's feature order."""
    return [id_column, *JOB_COLUMNS, *(str(name) for name in model.vectorizer.feature_names_)]


def write_template(
    path: str | Path, model: Model, *, id_column: str = ID_COLUMN, example: bool = True
) -> Path:
    """Write an empty survey with every column of the model (and one example row), atomically."""
    columns = template_columns(model, id_column=id_column)
    rows: list[list[str]] = []
    if example:
        occupation = model.catalog[0]
        row = model.index_of(occupation.id)
        ratings = []
        for column in range(model.vectorizer.n_features):
            level = model.levels[row, column]
            ratings.append(f"{round(level):d}" if model.importance[row, column] >= 0.5 else "")
        target = model.catalog[min(1, len(model.catalog) - 1)].title
        rows.append(["example-1", occupation.title, target, *ratings])
    path = Path(path)
    with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return path


# --------------------------------------------------------------------------- profiles


def read_survey_profiles(
    source: str | Path | pd.DataFrame, model: Model, *, id_column: str = ID_COLUMN
) -> tuple[list[tuple[str, PersonProfile]], pd.DataFrame]:
    """Every valid respondent of a survey as a :class:`PersonProfile`, and the rejects.

    Meant for a few thousand rows (HTML reports, one per respondent); use
    :func:`matcher.batch.score_survey` to score large surveys. Rows are
    checked as in a batch: ids must be present and unique (the first
    occurrence wins; later ones are rejected as duplicates), ratings 0-5, at
    least one rating, known ``current_job`` / ``target_job``.

    Returns
    -------
    profiles : list of (respondent id, PersonProfile), in file order.
    rejects : DataFrame with columns :data:`REJECT_COLUMNS` (``file``, ``line``,
        ``respondent_id``, ``column``, ``value``, ``reason``).
    """
    keys = model.feature_keys
    lookup = OccupationLookup(model)
    profiles: list[tuple[str, PersonProfile]] = []
    rejects: list[pd.DataFrame] = []
    seen: dict[str, tuple[str, int]] = {}
    for file, layout, blocks in _open_sources(source, model, id_column):
        features = layout.columns.features
        for parsed in blocks:
            checked = check_block(parsed, layout, lookup, file)
            ids = parsed.ids.to_pylist()
            current = parsed.current_job.to_pylist() if parsed.current_job is not None else None
            target = parsed.target_job.to_pylist() if parsed.target_job is not None else None
            duplicates: dict[str, list] = {c: [] for c in REJECT_COLUMNS}
            for row, respondent in enumerate(ids):
                if respondent is None:
                    continue
                line = int(parsed.lines[row])
                first = seen.setdefault(respondent, (file, line))
                if first != (file, line):
                    problem = (
                        file,
                        line,
                        respondent,
                        layout.columns.id_column,
                        respondent,
                        duplicate_reason(first, file),
                    )
                    for name, value in zip(REJECT_COLUMNS, problem, strict=True):
                        duplicates[name].append(value)
                    continue
                if not checked.valid[row]:
                    continue
                ratings = {
                    keys[features[j]]: float(v)
                    for j, v in enumerate(parsed.ratings[row])
                    if not np.isnan(v)
                }
                person = PersonProfile(
                    name=respondent,
                    ratings=ratings,
                    current_job=(current[row] or "") if current else "",
                    target_job=(target[row] or "") if target else "",
                )
                profiles.append((respondent, person))
            found = pd.concat([checked.rejects, reject_frame(duplicates)], ignore_index=True)
            rejects.append(found.sort_values("line", kind="stable"))
    rejects = [r for r in rejects if len(r)]
    frame = pd.concat(rejects, ignore_index=True) if rejects else reject_frame()
    return profiles, frame


def duplicate_reason(first: tuple[str, int], file: str) -> str:
    """Why a later row with an id already seen is rejected: where the id was first seen."""
    where = f"line {first[1]}" if first[0] == file else f"{first[0]} line {first[1]}"
    return f"duplicate of {where}: the first row with this respondent id is scored"


def _open_sources(source, model: Model, id_column: str):
    """(file name, layout, parsed blocks) for each file of a source, or for a DataFrame."""
    if isinstance(source, pd.DataFrame):
        layout, blocks = frame_blocks(source, model, id_column=id_column)
        yield "", layout, blocks
        return
    for index, path in enumerate(survey_sources(source)):
        layout = read_layout(path, model, id_column=id_column)
        blocks = (
            parsed
            for block in iter_blocks(layout, file_index=index)
            for parsed in parse_block(block, layout)
        )
        yield str(path), layout, blocks
