"""One record at a time where quotes are irregular: the rule that resynchronises.

A record is one line of the file, unless a quoted field holds line breaks: then
it runs on over the next lines, :data:`MAX_RECORD_LINES` lines at most. Empty
fields past the header's last one (a spreadsheet's padding) may end any record.
Where the quotes of a line do not close into a whole record within that span (a
quote left open, a closing quote followed by something other than a delimiter or
a line end, or lines that joined do not give the header's number of fields),
that one line is rejected and reading goes on at the next line: a stray quote
costs its own line, never the rest of the file. Two cases are rejected whole
instead. A quoted field that closes past the limit (within
:data:`MAX_QUOTED_SEARCH` lines) is one rejected row, so its tail is never read
as a respondent; the search for the close stops where most lines it has taken
in are whole rows by themselves, what a stray quote before ordinary rows takes
in (a long comment holds one such line now and then). And a stray quote merging
two respondents: a quote opened in a column before the last, on a line that is
a whole row but for it, that takes in a line that is a whole row by itself and
closes on a line that holds the rest of the record's fields: every line it spans
is rejected, unless the quote's line puts words in a rating column when its quotes
are read as text (a comment before the rating columns: "clerk, cashier, driver"). A
quote opened in the last column holds a comment, whatever its lines look like. So
every line is read as a record, is part of the record above it (a *continued* line),
is blank, or is rejected.

Fields are split by the :mod:`csv` module in strict mode: a field that starts
with a quote is quoted (``""`` inside is a quote), a quote anywhere else is
text. A carriage return that does not end a line (CR not followed by LF) outside
a quoted field stops the run with an :class:`~matcher.errors.InputError`: it
would otherwise merge two respondents or split one.

The outcome for a line depends only on that line and the lines after it, never on
where a chunk was cut (the reason for a record that runs into the end of the
given lines is the same as for one that runs past its limit), so cutter and
parser, and every chunk size, read the same records.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from matcher.errors import InputError

from .parsed import NULL_MARKERS

__all__ = [
    "MAX_QUOTED_SEARCH",
    "MAX_RECORD_LINES",
    "Record",
    "bare_cr_error",
    "is_rating_text",
    "read_record",
    "unclosed_reason",
]

#: A rating cell's text, read with any quote as text: a number (a decimal point or comma, an
#: exponent: as the rating reader's), or nothing.
_RATING_TEXT = re.compile(r"([+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?)?")

#: Lines one record may span (a quoted field with line breaks).
MAX_RECORD_LINES = 32
#: Lines looked through for the close of a quoted field that runs past
#: :data:`MAX_RECORD_LINES`: found, the whole field is one rejected row, so its tail is
#: never read as a respondent of its own.
MAX_QUOTED_SEARCH = 4096


@dataclass(frozen=True)
class Record:
    """A record read from line ``index`` (of the lines given) over ``span`` lines.

    ``fields`` None: rejected for ``reason``; the first ``rejected`` lines of the
    span are rows rejected, the others lines inside its quoted field.
    """

    index: int
    span: int
    fields: list[str] | None
    reason: str = ""
    rejected: int = 1


def unclosed_reason(width: int) -> str:
    """Why a line whose quote does not close into a record is rejected."""
    return (
        f"unterminated quoted field: a quote opened on this line does not close into a "
        f"record of {width} fields within {MAX_RECORD_LINES} lines; reading goes on at the "
        f"next line"
    )


def _swallow_reason(first: int, whole: int, last: int) -> str:
    # The lines may also be one respondent's text: say both, and what to do if it is a stray.
    taking = f"line {last}" if whole == last else f"line {last}, taking in line {whole}"
    return (
        f"unclosed quote: the quote opened on line {first} runs on to {taking}, which reads as "
        f"a whole row by itself: a stray quote (a typed 5'10\") merging respondents, or one "
        f"respondent's text over several lines; lines {first}-{last} are rejected rather than "
        f"guessed at: remove the quote on line {first} if it is a stray one"
    )


def _too_long_reason(last: int, span: int) -> str:
    return (
        f"quoted field too long: it opens on this line and closes on line {last}, {span} lines, "
        f"more than the {MAX_RECORD_LINES} a row may span; the whole field is this one rejected row"
    )


def _plain_fields(line: str, delimiter: str) -> int:
    """Fields of a line were its quotes text: what a row with a stray quote has."""
    return line.rstrip("\r\n").count(delimiter) + 1


def _whole_row(line: str, delimiter: str, width: int) -> bool:
    """Does a line read by itself as a row of ``width`` fields with an id-like first field?"""
    if _plain_fields(line, delimiter) < width:
        return False  # most continuation lines: no csv reader needed
    try:
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return False
    return _fits(fields, width) and bool(fields[0].strip())


def _row_but_for_quote(line: str, delimiter: str, ratings: Collection[int], opened: int) -> bool:
    """Does a line, its quotes read as text, hold a rating (or nothing) in every rating column
    but the one its quote opens in? What a row with a typed quote (a 'tall') holds; a text's
    first line, its commas read as delimiters, puts words there ("cashier, driver")."""
    cells = line.rstrip("\r\n").split(delimiter)
    return all(is_rating_text(cells[p]) for p in ratings if p != opened and p < len(cells))


def is_rating_text(cell: str) -> bool:
    """Does a cell, read with its quotes as text, hold a rating (a number, with a decimal
    point or comma), a null marker (``N/A``) or nothing?"""
    text = cell.strip(" \t").strip('"').strip(" \t")
    return text in NULL_MARKERS or _RATING_TEXT.fullmatch(text) is not None


def _fits(fields: list[str], width: int) -> bool:
    """Are ``fields`` a record of ``width`` fields, but for empty padding after them?"""
    return len(fields) == width or (
        len(fields) > width and not any(f.strip(" \t") for f in fields[width:])
    )


def _opened_field(fields: list[str], width: int) -> int | None:
    """The field a stray quote swallowing the next row would have opened: the record's
    line breaks all in one field before the last column, the fields after it on the closing
    line (None if the record does not read so)."""
    opened = next((k for k, f in enumerate(fields) if "\n" in f), len(fields))
    if opened < width - 1 and not any("\n" in f for f in fields[opened + 1 :]):
        return opened
    return None


def bare_cr_error(name: str, line: int) -> InputError:
    """The error for a carriage return that does not end a line, outside quotes."""
    return InputError(
        f"{name}:{line}: a carriage return (CR) that is not followed by a line feed, outside "
        f"quotes: it would merge or split rows. Save the survey as 'CSV UTF-8', or quote the "
        f"field that holds it"
    )


def read_record(
    lines: Sequence[str],
    index: int,
    *,
    delimiter: str,
    width: int,
    final: bool,
    name: str,
    first_line: int,
    ratings: Collection[int] = (),
) -> Record | None:
    """The record that starts at ``lines[index]``, or None if it may run on past them.

    ``lines`` are decoded lines, each with its ``\\n`` (the last may lack it);
    ``final`` says that no line follows them (else None is returned while the
    record's quote is open at the last line given: read more lines and ask
    again). ``name`` (how errors name the file) and ``first_line``, the file line of
    ``lines[0]``, are for errors. ``ratings`` are
    the positions of the rating columns (what tells a stray quote from a text).

    Raises
    ------
    InputError
        A carriage return that does not end a line, outside quotes.
    """
    limit = min(index + MAX_QUOTED_SEARCH, len(lines))
    taken, exhausted, whole, rows = 0, False, -1, 0

    def feed():
        # Past MAX_RECORD_LINES the search for the close stops where most lines taken in
        # are whole rows by themselves: a stray quote before ordinary rows costs its own
        # line, where a long comment is one reject whatever its odd line looks like.
        nonlocal taken, exhausted, whole, rows
        for k in range(index, limit):
            if k > index:
                if k - index >= MAX_RECORD_LINES and 2 * rows > k - index - 1:
                    return
                if _whole_row(lines[k], delimiter, width):
                    rows += 1
                    whole = k if whole < 0 else whole
            taken += 1
            yield lines[k]
        exhausted = True

    try:
        fields = next(csv.reader(feed(), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        if exhausted and not final and limit - index < MAX_QUOTED_SEARCH:
            return None  # the quote is open at the last line given: it may close later
        if taken == 1 and not exhausted:  # an error inside the first line itself
            if "new-line character" in str(exc):
                raise bare_cr_error(name, first_line + index) from None
            return Record(index, 1, None, f"cannot be read as CSV: {exc}")
        return Record(index, 1, None, unclosed_reason(width))
    if taken > 1 and not _fits(fields, width):
        return Record(index, 1, None, unclosed_reason(width))
    last = lines[index + taken - 1]
    # csv takes "\r\r\n" for one line end: the first CR ends no line.
    if last.endswith("\r\r\n") or (final and index + taken == len(lines) and last.endswith("\r\r")):
        raise bare_cr_error(name, first_line + index + taken - 1)
    opened = _opened_field(fields, width) if whole >= 0 else None
    if (
        opened is not None
        and _plain_fields(lines[index], delimiter) >= width
        and _row_but_for_quote(lines[index], delimiter, ratings, opened)
    ):
        # The quote's line is a whole row but for it (ratings in its rating columns), and so
        # is a line it takes in, and the quote closes before the rest of a row's fields: a
        # stray quote (a typed 'tall' or 5'10") that merged two respondents into one. A quote
        # opened in the last column is a comment, whatever its lines look like; so is one
        # whose first line puts words in rating columns ("clerk, cashier, driver").
        first, end = first_line + index, first_line + index + taken - 1
        return Record(index, taken, None, _swallow_reason(first, first_line + whole, end), taken)
    if taken > MAX_RECORD_LINES:
        return Record(index, taken, None, _too_long_reason(first_line + index + taken - 1, taken))
    return Record(index, taken, fields)
