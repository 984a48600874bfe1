"""One record at a time where quotes are irregular: the rule that resynchronises.

A record is one line of the file, unless a quoted field holds line breaks: then
it runs on over the next lines, :data:`MAX_RECORD_LINES` lines at most. Where
the quotes of a line do not close into a whole record within that span (a quote
left open, a closing quote followed by something other than a delimiter or a
line end, or lines that joined do not give the header's number of fields), that
one line is rejected and reading goes on at the next line: a stray quote costs
its own line, never the rest of the file. So every line is read as a record,
is part of the record above it (a *continued* line), is blank, or is rejected.

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
from collections.abc import Sequence
from dataclasses import dataclass

from matcher.errors import InputError

__all__ = [
    "MAX_RECORD_LINES",
    "Record",
    "bare_cr_error",
    "read_record",
    "unclosed_reason",
]

#: Lines one record may span (a quoted field with line breaks).
MAX_RECORD_LINES = 32


@dataclass(frozen=True)
class Record:
    """A record read from line ``index`` (of the lines given) over ``span`` lines.

    ``fields`` None: the line is rejected for ``reason`` (``span`` is then 1).
    """

    index: int
    span: int
    fields: list[str] | None
    reason: str = ""


def unclosed_reason(width: int) -> str:
    """Why a line whose quote does not close into a record is rejected."""
    return (
        f"unterminated quoted field: a quote opened on this line does not close into a "
        f"record of {width} fields within {MAX_RECORD_LINES} lines; reading goes on at the "
        f"next line"
    )


def bare_cr_error(path: str, line: int) -> InputError:
    """The error for a carriage return that does not end a line, outside quotes."""
    return InputError(
        f"{path}:{line}: a carriage return (CR) that is not followed by a line feed, outside "
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
    path: str,
    first_line: int,
) -> Record | None:
    """The record that starts at ``lines[index]``, or None if it may run on past them.

    ``lines`` are decoded lines, each with its ``\\n`` (the last may lack it);
    ``final`` says that no line follows them (else None is returned while the
    record's quote is open at the last line given: read more lines and ask
    again). ``first_line`` is the file line of ``lines[0]``, for errors.

    Raises
    ------
    InputError
        A carriage return that does not end a line, outside quotes.
    """
    limit = min(index + MAX_RECORD_LINES, len(lines))
    taken, exhausted = 0, False

    def feed():
        nonlocal taken, exhausted
        for k in range(index, limit):
            taken += 1
            yield lines[k]
        exhausted = True

    try:
        fields = next(csv.reader(feed(), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        if exhausted and not final and limit - index < MAX_RECORD_LINES:
            return None  # the quote is open at the last line given: it may close later
        if taken == 1 and not exhausted:  # an error inside the first line itself
            if "new-line character" in str(exc):
                raise bare_cr_error(path, first_line + index) from None
            return Record(index, 1, None, f"cannot be read as CSV: {exc}")
        return Record(index, 1, None, unclosed_reason(width))
    if taken > 1 and len(fields) != width:
        return Record(index, 1, None, unclosed_reason(width))
    last = lines[index + taken - 1]
    # csv takes "\r\r\n" for one line end: the first CR ends no line.
    if last.endswith("\r\r\n") or (final and index + taken == len(lines) and last.endswith("\r\r")):
        raise bare_cr_error(path, first_line + index + taken - 1)
    return Record(index, taken, fields)
