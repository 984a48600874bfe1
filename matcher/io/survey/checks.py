"""Judging parsed records: what makes a row rejected, and the rows to score."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from matcher.errors import UnknownOccupationError
from matcher.model.names import TITLE_LIMIT

from .layout import SurveyLayout
from .parsed import CONTROL, ParsedChunk
from .rejects import NO_REJECTS, reject_frame
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
                found = self.model.index_of(self.model.resolve_occupation(text).id)
            except UnknownOccupationError as exc:
                found = _as_in_file(str(exc), text)
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
class CheckedChunk:
    """A parsed chunk judged row by row.

    ``valid`` (n,) rows to score; ``target`` / ``current`` (n,) occupation rows
    (-1 for none); ``rejects`` a reject table (:mod:`matcher.io.survey.rejects`; one row per
    problem, so a row with three bad cells has three); ``rejected_rows`` how
    many records were rejected (each counted once).
    """

    parsed: ParsedChunk
    valid: np.ndarray
    target: np.ndarray
    current: np.ndarray
    rejects: pd.DataFrame
    rejected_rows: int


def check_chunk(
    parsed: ParsedChunk, layout: SurveyLayout, lookup: OccupationLookup, file: str
) -> CheckedChunk:
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
    # the template's example row, left in, was scored as a person (a Director of Nursing)
    example = pc.equal(parsed.ids, EXAMPLE_ID).to_numpy(zero_copy_only=False) if n else []
    for row in np.flatnonzero(np.asarray(example, dtype=bool)):
        add(int(row), columns.id_column, EXAMPLE_ID, EXAMPLE_REASON)
    # A control character would reach the output (a NUL ends a string for many readers);
    # a job name holding one is named for it, not looked up as an unknown occupation.
    shown_ids: dict[int, str] = {}
    for row, value in _with_control(parsed.ids):
        shown_ids[row] = _escaped(value)
        add(row, columns.id_column, shown_ids[row], _control_reason(value, "respondent id"))
    jobs = {}
    for name in ("current_job", "target_job"):
        values = getattr(parsed, name)
        found = _with_control(values)
        for row, value in found:
            add(row, header[getattr(columns, name)], _escaped(value), _control_reason(value, name))
        if found:
            drop = np.zeros(n, bool)
            drop[[row for row, _ in found]] = True
            values = pc.if_else(pa.array(drop), pa.scalar(None, pa.string()), values)
        jobs[name] = values
    for row, position, value, reason in parsed.cell_problems:
        add(row, header[position], value, reason)
    no_ratings = np.isnan(parsed.ratings).all(axis=1) if n else np.zeros(0, bool)
    had_bad_cell = np.zeros(n, bool)
    if parsed.cell_problems:
        had_bad_cell[[r for r, *_ in parsed.cell_problems]] = True
    for row in np.flatnonzero(no_ratings & ~had_bad_cell):
        add(int(row), "", "", "no ratings: every rating cell is blank")
    current, bad_current = lookup.rows(jobs["current_job"], n)
    target, bad_target = lookup.rows(jobs["target_job"], n)
    for row, value, reason in bad_current:
        add(row, header[columns.current_job], value, reason)  # type: ignore[index]
    for row, value, reason in bad_target:
        add(row, header[columns.target_job], value, reason)  # type: ignore[index]

    valid = np.ones(n, bool)
    if problem_rows:
        valid[problem_rows] = False
    ids = parsed.ids.to_pylist() if problem_rows else []
    for row, shown in shown_ids.items():
        ids[row] = shown
    order = np.argsort(np.array(problem_rows, np.int64), kind="stable")
    rejects = {
        "file": [file] * (len(problem_rows) + len(parsed.record_problems)),
        "line": [int(parsed.lines[problem_rows[k]]) for k in order]
        + [line for line, _, _ in parsed.record_problems],
        "respondent_id": [ids[problem_rows[k]] or "" for k in order]
        + [
            _record_id(v, layout.delimiter, columns.id_position)
            for _, v, _ in parsed.record_problems
        ],
        "column": [problem_cols[k] for k in order] + [""] * len(parsed.record_problems),
        "value": [problem_vals[k] for k in order] + [v for _, v, _ in parsed.record_problems],
        "reason": [problem_why[k] for k in order] + [r for _, _, r in parsed.record_problems],
    }
    frame = reject_frame(rejects) if len(rejects["line"]) else NO_REJECTS
    return CheckedChunk(
        parsed, valid, target, current, frame, int((~valid).sum()) + len(parsed.record_problems)
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
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 10: "LF", 11: "VT", 12: "FF", 13: "CR", 27: "ESC"}


def _control_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code, "DEL" if code == 0x7F else "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _escaped(text: str) -> str:
    """Text with its control characters written as escapes (\\x00), as a reject shows it."""
    return "".join(
        f"\\x{ord(c):02x}" if c != "\t" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) else c
        for c in text
    )


def _control_reason(text: str, what: str) -> str:
    char = next(c for c in text if c != "\t" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F))
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
