"""An empty survey with every column a model knows (or the items given, in their order), and a
one-row example."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.util.atomic import atomic_write

from .columns import ID_COLUMN, JOB_COLUMNS

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["template_columns", "write_template"]


def template_columns(
    model: Model, *, id_column: str = ID_COLUMN, items: Sequence[int] | None = None
) -> list[str]:
    """The columns of a survey for this model: the id, the jobs, then the rating columns of
    ``items`` (feature indices, in that order), by default every feature in the model's order."""
    names = model.vectorizer.feature_names_
    chosen = range(len(names)) if items is None else items
    return [id_column, *JOB_COLUMNS, *(str(names[i]) for i in chosen)]


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
    columns = template_columns(model, id_column=id_column, items=items)
    rows: list[list[str]] = []
    if example:
        occupation = model.catalog[0]
        row = model.index_of(occupation.id)
        ratings = []
        for column in range(model.vectorizer.n_features) if items is None else items:
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
