"""An empty survey with every column a model knows (or the items given, in their order), and a
one-row example.

Every cell goes through :func:`~matcher.util.cells.safe_cell`, as every CSV matcher writes: the
example row holds catalog titles, and a title such as ``=HYPERLINK(...)`` would be run by the
spreadsheet the template is filled in (a batch reads the ``'`` back off a job name).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np

from matcher.errors import InputError
from matcher.util.atomic import atomic_write
from matcher.util.cells import safe_cell

from .columns import ID_COLUMN, JOB_COLUMNS, resolve_columns

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = [
    "EXAMPLE_ID",
    "EXAMPLE_REASON",
    "template_columns",
    "write_template",
    "write_template_to",
]

#: The id of the template's example row, which a batch rejects if it is left in (scored, it
#: read as a respondent: a Director of Nursing with a confidence of 1).
EXAMPLE_ID = "example-1"
EXAMPLE_REASON = (
    "the survey template's example row: delete it (or write the template with --no-example)"
)


def template_columns(
    model: Model, *, id_column: str = ID_COLUMN, items: Sequence[int] | None = None
) -> list[str]:
    """The columns of a survey for this model: the id, the jobs, then the rating columns of
    ``items`` (feature indices, in that order), by default every feature in the model's order."""
    names = model.vectorizer.feature_names_
    return [id_column, *JOB_COLUMNS, *(str(names[i]) for i in _chosen(model, items))]


def write_template(
    path: str | Path,
    model: Model,
    *,
    id_column: str = ID_COLUMN,
    example: bool = True,
    items: Sequence[int] | None = None,
) -> Path:
    """Write an empty survey with the rating columns of ``items`` (default: every feature)
    and one example row, atomically."""
    path = Path(path)
    with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
        write_template_to(handle, model, id_column=id_column, example=example, items=items)
    return path


def write_template_to(
    handle: TextIO,
    model: Model,
    *,
    id_column: str = ID_COLUMN,
    example: bool = True,
    items: Sequence[int] | None = None,
) -> None:
    """Write the survey of :func:`write_template` to an open text stream (opened with
    ``newline=""``: the rows end in CRLF, as CSV's RFC 4180 has them)."""
    header = template_columns(model, id_column=id_column, items=items)
    _check_reads_back(header, model, id_column)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    if example:
        chosen = np.asarray(_chosen(model, items), dtype=np.intp)
        # the occupation that needs most of the chosen items: the example is a row a batch
        # scores (the catalog's first one may need none of 20 designed items)
        needs = model.importance[:, chosen] >= 0.5
        row = int(np.argmax(needs.sum(axis=1)))  # ties: the first
        ratings = [
            f"{round(model.levels[row, column]):d}" if need else ""
            for column, need in zip(chosen.tolist(), needs[row].tolist(), strict=True)
        ]
        if not any(ratings):  # no occupation needs any of them: a middling answer
            ratings[0] = "3"
        occupation = model.catalog[row]
        target = model.catalog[(row + 1) % len(model.catalog)].title
        writer.writerow(
            [safe_cell(cell) for cell in (EXAMPLE_ID, occupation.title, target)] + ratings
        )


def _check_reads_back(header: list[str], model: Model, id_column: str) -> None:
    """Refuse an id column name that would not read back as a survey's id: empty, or one
    that names a job column or an item (two columns would name it)."""
    if not id_column.strip():
        raise InputError("the id column needs a name (--id-column); the default is respondent_id")
    if safe_cell(id_column) != id_column:
        raise InputError(
            f"id column {id_column!r} starts as a spreadsheet formula or holds bidi controls; "
            "give it another name (the default is respondent_id)"
        )
    columns = resolve_columns(header, model, id_column=id_column, source="survey template")
    if len(columns.ratings) != len(header) - 1 - len(JOB_COLUMNS):
        raise InputError(
            f"id column {id_column!r} names an item or a job column; give it another name"
        )


def _chosen(model: Model, items: Sequence[int] | None) -> Sequence[int]:
    return range(model.vectorizer.n_features) if items is None else items
