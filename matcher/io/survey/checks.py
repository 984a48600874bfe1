"""Judging parsed records: what makes a row rejected, and the rows to score."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from matcher.errors import UnknownOccupationError
from matcher.model.names import TITLE_LIMIT

from .layout import SurveyLayout
from .parsed import CONTROL, ParsedChunk
from .rejects import NO_REJECTS, REJECT_SCHEMA, dictionary
from .template import EXAMPLE_ID, EXAMPLE_REASON

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["CheckedChunk", "OccupationLookup", "check_chunk"]


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
                found = self._resolve(text)
            except UnknownOccupationError as exc:
                found = _as_in_file(str(exc), text)
            self._rows[text] = found
        return found

    def _resolve(self, text: str) -> int:
        # a name copied from the template or a results CSV (its ' kept a formula from
        # running) is read back by the catalog, as everywhere a job is named
        return self.model.index_of(self.model.resolve_occupation(text).id)

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
class CheckedChunk:
    """A parsed chunk judged row by row.

    ``valid`` (n,) rows to score; ``target`` / ``current`` (n,) occupation rows
    (-1 for none); ``rejects`` a reject table (:data:`~.rejects.REJECT_SCHEMA`; one row per
    problem, so a row with three bad cells has three); ``rejected_rows`` how
    many records were rejected (each counted once).
    """

    parsed: ParsedChunk
    valid: np.ndarray
    target: np.ndarray
    current: np.ndarray
    rejects: pa.Table
    rejected_rows: int


def check_chunk(
    parsed: ParsedChunk, layout: SurveyLayout, lookup: OccupationLookup, file: str
) -> CheckedChunk:
    """Judge every record: missing id, bad cells, no ratings, unknown occupations."""
    columns = layout.columns
    n = len(parsed)
    found = _RowProblems()
    add = found.add
    missing_id = parsed.ids.is_null().to_numpy(zero_copy_only=False) if n else np.zeros(0, bool)
    for row in np.flatnonzero(missing_id):
        add(int(row), columns.id_position, "", "no respondent id")
    # the template's example row, left in, was scored as a person (a Director of Nursing)
    example = pc.equal(parsed.ids, EXAMPLE_ID).to_numpy(zero_copy_only=False) if n else []
    for row in np.flatnonzero(np.asarray(example, dtype=bool)):
        add(int(row), columns.id_position, EXAMPLE_ID, EXAMPLE_REASON)
    # A control character would reach the output (a NUL ends a string for many readers);
    # a job name holding one is named for it, not looked up as an unknown occupation.
    shown_ids: dict[int, str] = {}
    for row, value in _with_control(parsed.ids):
        shown_ids[row] = _escaped(value)
        add(row, columns.id_position, shown_ids[row], _control_reason(value, "respondent id"))
    jobs = {}
    for name in ("current_job", "target_job"):
        values = getattr(parsed, name)
        controlled = _with_control(values)
        for row, value in controlled:
            add(row, getattr(columns, name), _escaped(value), _control_reason(value, name))
        if controlled:
            drop = np.zeros(n, bool)
            drop[[row for row, _ in controlled]] = True
            values = pc.if_else(pa.array(drop), pa.scalar(None, pa.string()), values)
        jobs[name] = values
    cells = parsed.cell_problems
    no_ratings = np.isnan(parsed.ratings).all(axis=1) if n else np.zeros(0, bool)
    had_bad_cell = np.zeros(n, bool)
    had_bad_cell[cells.rows] = True
    for row in np.flatnonzero(no_ratings & ~had_bad_cell):
        add(int(row), None, "", "no ratings: every rating cell is blank", AFTER_CELLS)
    current, bad_current = lookup.rows(jobs["current_job"], n)
    target, bad_target = lookup.rows(jobs["target_job"], n)
    for row, value, reason in bad_current:
        add(row, columns.current_job, value, reason, AFTER_CELLS)
    for row, value, reason in bad_target:
        add(row, columns.target_job, value, reason, AFTER_CELLS)

    valid = np.ones(n, bool)
    valid[found.rows] = False
    valid[cells.rows] = False
    rejects = (
        found.table(parsed, layout, file, shown_ids)
        if found.rows or len(cells) or parsed.record_problems
        else NO_REJECTS
    )
    return CheckedChunk(
        parsed, valid, target, current, rejects, int((~valid).sum()) + len(parsed.record_problems)
    )


#: Where a problem goes among a row's: before its bad cells (its id, control characters in its
#: job names), or after them (no ratings, an unknown occupation).
BEFORE_CELLS, AFTER_CELLS = 0, 2


class _RowProblems:
    """The problems of a chunk's rows other than bad cells (a few per row at most), and the
    chunk's rejects table made of them, its bad cells and its unreadable records."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.groups: list[int] = []
        self.positions: list[int] = []  # in the header; -1 for no column
        self.values: list[str] = []
        self.reasons: list[str] = []

    def add(
        self, row: int, position: int | None, value: str, reason: str, group: int = BEFORE_CELLS
    ) -> None:
        self.rows.append(row)
        self.groups.append(group)
        self.positions.append(-1 if position is None else position)
        self.values.append(value)
        self.reasons.append(reason)

    def table(
        self, parsed: ParsedChunk, layout: SurveyLayout, file: str, shown_ids: dict[int, str]
    ) -> pa.Table:
        """The rejects table (:data:`~.rejects.REJECT_SCHEMA`), by line, a row's problems in
        the order the row lists them: built from arrays, as a survey of bad cells has one
        reject per cell."""
        columns, cells, records = layout.columns, parsed.cell_problems, parsed.record_problems
        header = columns.header
        mine, theirs, unread = len(self.rows), len(cells), len(records)
        rows = np.concatenate([np.asarray(self.rows, np.int32), cells.rows])
        lines = np.concatenate(
            [parsed.lines[rows], np.array([r[0] for r in records], np.int64)]
        ).astype(np.int64)
        groups = np.concatenate(
            [np.asarray(self.groups, np.int64), np.ones(theirs, np.int64), np.full(unread, 3)]
        )
        # by line, then group; within a group in the order found (a stable sort: mine in
        # the order added, the cells by column, which they are already)
        order = np.argsort(lines * 4 + groups, kind="stable")
        del groups
        # ids: those of the rows with problems (as shown), then those read from the records
        named = np.unique(rows)
        ids = pc.fill_null(parsed.ids, "").take(pa.array(named)) if len(rows) else None
        if shown_ids:
            texts = ids.to_pylist()
            for row, shown in shown_ids.items():
                texts[int(np.searchsorted(named, row))] = shown
            ids = pa.array(texts, pa.string())
        read = [_record_id(v, layout.delimiter, columns.id_position) for _, v, _ in records]
        id_texts = pa.concat_arrays(
            [a for a in (ids, pa.array(read, pa.string())) if a is not None]
        )
        who = np.concatenate([np.searchsorted(named, rows), len(named) + np.arange(unread)])
        where = np.concatenate(
            [np.asarray(self.positions, np.int64), cells.positions, np.full(unread, -1)]
        )
        where = np.where(where < 0, len(header), where)
        values = pa.concat_arrays(
            [
                pa.array(self.values, pa.string()),
                cells.values.cast(pa.string()),
                pa.array([v for _, v, _ in records], pa.string()),
            ]
        )
        mine_why = pa.array(self.reasons + [r for _, _, r in records], pa.string())
        mine_why = mine_why.dictionary_encode()
        known = len(cells.reasons.dictionary)
        why = np.concatenate(
            [
                mine_why.indices.to_numpy()[:mine] + known,
                cells.reasons.indices.to_numpy(zero_copy_only=False),
                mine_why.indices.to_numpy()[mine:] + known,
            ]
        )
        reasons = pa.concat_arrays([cells.reasons.dictionary, mine_why.dictionary])
        return pa.table(
            {
                "file": dictionary(np.zeros(len(order)), [file]),
                "line": pa.array(lines[order]),
                "respondent_id": dictionary(who[order], id_texts),
                "column": dictionary(where[order], [*header, ""]),
                "value": values.take(pa.array(order)),
                "reason": dictionary(why[order], reasons),
            },
            schema=REJECT_SCHEMA,
        )


def _as_in_file(message: str, text: str) -> str:
    """An occupation look-up's message with the name quoted as the file has it: the look-up
    quotes it as Python writes it, which doubles a backslash ('\\\\N' for a dump's \\N).
    Control characters never get here (a job name holding one is rejected for it)."""
    quote = '"' if "'" in text else "'"
    for shown in (text, text[: TITLE_LIMIT - 1]):  # a long name is quoted cut short
        written = repr(shown)
        if written != f"{quote}{shown}{quote}":
            message = message.replace(written, f"{quote}{shown}{quote}")
    return message


def _with_control(values: pa.Array | None) -> list[tuple[int, str]]:
    """(row, text) of the cells that hold a control character."""
    if values is None or not len(values):
        return []
    found = pc.fill_null(pc.match_substring_regex(values, CONTROL), False)
    rows = np.flatnonzero(found.to_numpy(zero_copy_only=False))
    return [(int(r), str(values[int(r)].as_py())) for r in rows]


#: Names of the control characters people meet.
_CONTROL_NAMES = {
    0: "NUL",
    7: "BEL",
    8: "BS",
    9: "TAB",
    10: "LF",
    11: "VT",
    12: "FF",
    13: "CR",
    27: "ESC",
}


def _control_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code, "DEL" if code == 0x7F else "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _escaped(text: str) -> str:
    """Text with its control characters written as escapes (\\x00), as a reject shows it."""
    return "".join(
        f"\\x{ord(c):02x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in text
    )


def _control_reason(text: str, what: str) -> str:
    char = next(c for c in text if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)
    return (
        f"a control character, {_control_name(char)}, in the {what}: no {what} holds one; "
        f"remove it from the survey (an export or a paste put it there)"
    )


def _record_id(text: str, delimiter: str, position: int) -> str:
    """The respondent id of a record that could not be read whole (the wrong number of
    fields, a quote that never closes), where its shown text holds the id's field whole:
    the person to follow up is named, not only the line."""
    cut = text.endswith("...")
    try:
        fields = next(csv.reader([text.removesuffix("...") if cut else text], delimiter=delimiter))
    except (csv.Error, StopIteration):  # a bare carriage return, an empty record: no id to read
        return ""
    if len(fields) <= position or (cut and len(fields) == position + 1):
        return ""  # the id's field is missing, or cut off in the shown text
    return fields[position].strip()
