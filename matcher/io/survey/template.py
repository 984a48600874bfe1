"""An empty survey with every column a model knows (or the items given, in their order), and a
one-row example."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from matcher.util.atomic import atomic_write

from .columns import ID_COLUMN, JOB_COLUMNS

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["template_columns", "write_template", "write_template_to"]


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
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(template_columns(model, id_column=id_column, items=items))
    if example:
        occupation = model.catalog[0]
        row = model.index_of(occupation.id)
        ratings = [
            f"{round(model.levels[row, column]):d}" if model.importance[row, column] >= 0.5 else ""
            for column in _chosen(model, items)
        ]
        target = model.catalog[min(1, len(model.catalog) - 1)].title
        writer.writerow(["example-1", occupation.title, target, *ratings])


def _chosen(model: Model, items: Sequence[int] | None) -> Sequence[int]:
    return range(model.vectorizer.n_features) if items is None else items
