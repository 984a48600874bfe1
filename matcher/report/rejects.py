"""The rows that got no report: the one reject record (:mod:`matcher.io.survey.rejects`) as
values, and their CSV (safe from formula injection)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.io.survey.rejects import REJECT_COLUMNS, cell_text
from matcher.util.cells import safe_cell
from matcher.validation import refuse

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RejectedRow", "as_rejected_rows", "rejects_csv"]


@dataclass(frozen=True)
class RejectedRow:
    """A problem that kept an input row from getting a report: the one reject record
    (:mod:`matcher.io.survey.rejects`) as a value.

    The fields are the columns of a rejects table; ``file`` is empty and
    ``line`` None where not known (e.g. people given as a list).
    """

    file: str
    line: int | None
    respondent_id: str
    column: str
    value: str
    reason: str

    @property
    def where(self) -> str:
        line = "" if self.line is None else f"line {self.line}"
        return ", ".join(part for part in (Path(self.file).name if self.file else "", line) if part)


def as_rejected_rows(rejects: pd.DataFrame | None) -> list[RejectedRow]:
    """The rows of a rejects table (a DataFrame, or None) as values.

    Raises
    ------
    InputError
        ``rejects`` is something else (a file name reached an AttributeError).
    """
    if rejects is None:
        return []
    pandas = sys.modules.get("pandas")  # not loaded: what is given is no DataFrame
    if pandas is None or not isinstance(rejects, pandas.DataFrame):
        refuse("rejects", rejects, "the rejects DataFrame of read_survey_assessments, or None")
    if len(rejects) == 0:
        return []
    rows = []
    for record in rejects.to_dict("records"):
        line = record.get("line")
        try:
            line = int(line)
        except (TypeError, ValueError):
            line = None
        rows.append(
            RejectedRow(
                file=cell_text(record.get("file")) or "",
                line=line,
                respondent_id=cell_text(record.get("respondent_id")) or "",
                column=cell_text(record.get("column")) or "",
                value=cell_text(record.get("value")) or "",
                reason=cell_text(record.get("reason")) or "",
            )
        )
    return rows


def rejects_csv(rows: Iterable[RejectedRow]) -> str:
    """Rejected rows as CSV text: file, line, respondent_id, column, value, reason.

    Text cells that a spreadsheet would run as a formula are prefixed with ``'``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REJECT_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                "" if value is None else value if name == "line" else safe_cell(value)
                for name, value in ((f.name, getattr(row, f.name)) for f in fields(row))
            ]
        )
    return buffer.getvalue()
