"""A small survey as self-assessments, one per valid respondent (for reports)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from matcher.io.assessment import Assessment
from matcher.util.labels import counted
from matcher.validation import check_instance

from .checks import OccupationLookup, check_chunk
from .chunks import iter_chunks
from .columns import ID_COLUMN
from .frame import frame_chunks
from .layout import SurveyLayout, read_layout
from .parsed import NULL_MARKERS, ParsedChunk
from .reader import parse_chunk
from .rejects import duplicate_rejects, id_key, reject_frame, rejects_frame, sorted_rejects
from .sources import survey_sources
from .spool import spooled

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["read_survey_assessments"]


def read_survey_assessments(
    source: str | Path | IO[Any] | Sequence[str | Path | IO[Any]] | pd.DataFrame,
    model: Model | None = None,
    *,
    id_column: str = ID_COLUMN,
) -> tuple[list[tuple[str, Assessment]], pd.DataFrame]:
    """Every valid respondent of a survey as an :class:`~matcher.Assessment`, and the rejects.

    Meant for a few thousand rows (HTML reports, one per respondent); use
    :func:`~matcher.score_survey` to score large surveys. The sources are those of
    :func:`~matcher.score_survey`: a path, a glob pattern, a readable file object
    (copied to a temporary file first, named by its ``name``, ``<stdin>``), a list of
    them, or a DataFrame. Rows are checked as in a batch, and rejected alike
    (:mod:`matcher.io.survey.rejects`): ids must be present and unique (the first
    occurrence wins; later ones are rejected as duplicates), ratings 0-5, at least one
    rating, known ``current_job`` / ``target_job``. ``model``: default the built-in
    catalog's model.

    Returns
    -------
    assessments : list of (respondent id, Assessment), in file order.
    rejects : DataFrame with columns :data:`~matcher.io.survey.rejects.REJECT_COLUMNS`
        (``file``, ``line``, ``respondent_id``, ``column``, ``value``, ``reason``).
    """
    from matcher.model.default import model_or_default

    model = model_or_default(model)
    check_instance("id_column", id_column, (str,), "the name of the id column")  # as score_survey
    # the reader seeks: a stream is copied to a file first, as score_survey does
    with spooled(source) as (files, names):
        return _read(_open_sources(files, model, id_column, names), model)


def _read(
    sources: Iterator[tuple[str, SurveyLayout, Iterator[tuple[ParsedChunk, SurveyLayout]]]],
    model: Model,
) -> tuple[list[tuple[str, Assessment]], pd.DataFrame]:
    """The valid respondents and the rejects of the files :func:`_open_sources` opened."""
    keys = model.feature_keys
    lookup = OccupationLookup(model)
    people: list[tuple[str, Assessment]] = []
    rejects: list[pd.DataFrame] = []
    seen: dict[str, tuple[str, int]] = {}
    for file, layout, chunks in sources:
        # the survey's columns: its questionnaire (a header repeated in the file has the same)
        asked = frozenset(keys[f] for f in layout.columns.features)
        nulls = 0
        for parsed, order in chunks:
            nulls += parsed.null_cells
            features = order.columns.features
            checked = check_chunk(parsed, order, lookup, file)
            ids = parsed.ids.to_pylist()
            current = parsed.current_job.to_pylist() if parsed.current_job is not None else None
            target = parsed.target_job.to_pylist() if parsed.target_job is not None else None
            repeated: list[tuple[int, str, tuple[str, int]]] = []
            for row, respondent in enumerate(ids):
                if respondent is None:
                    continue
                line = int(parsed.lines[row])
                first = seen.setdefault(id_key(respondent), (file, line))
                if first != (file, line):
                    repeated.append((line, respondent, first))
                    continue
                if not checked.valid[row]:
                    continue
                ratings = {
                    keys[features[j]]: float(v)
                    for j, v in enumerate(parsed.ratings[row])
                    if not np.isnan(v)
                }
                person = Assessment(
                    name=respondent,
                    ratings=ratings,
                    current_job=(current[row] or "") if current else "",
                    target_job=(target[row] or "") if target else "",
                    asked=asked,
                )
                people.append((respondent, person))
            duplicates = duplicate_rejects(
                file,
                order.columns.id_column,
                [line for line, _, _ in repeated],
                [respondent for _, respondent, _ in repeated],
                [first for _, _, first in repeated],
            )
            rejects.append(rejects_frame(sorted_rejects([checked.rejects, duplicates])))
        if nulls:  # read as blank, as a batch's summary says: never unsaid
            warnings.warn(
                f"{file or 'the survey'}: {counted(nulls, 'cell')} holding a null marker "
                f"({', '.join(NULL_MARKERS)}) read as blank (unanswered)",
                stacklevel=3,
            )
    rejects = [r for r in rejects if len(r)]
    frame = pd.concat(rejects, ignore_index=True) if rejects else reject_frame()
    return people, frame


def _open_sources(
    source: str | Path | Sequence[str | Path] | pd.DataFrame,
    model: Model,
    id_column: str,
    names: dict[str, str],
) -> Iterator[tuple[str, SurveyLayout, Iterator[tuple[ParsedChunk, SurveyLayout]]]]:
    """(file name, layout, parsed chunks) for each file of a source, or for a DataFrame;
    each parsed chunk with the layout its rows follow (a header repeated in the file may
    have put the columns in another order). ``names``: how messages name a file other than
    by its path (a stream's copy: ``<stdin>``)."""
    if isinstance(source, pd.DataFrame):
        layout, parts = frame_chunks(source, model, id_column=id_column)
        _say_unknown(layout)
        yield "", layout, ((parsed, layout) for parsed in parts)
        return
    for index, path in enumerate(survey_sources(source)):
        layout = read_layout(path, model, id_column=id_column, name=names.get(str(path)))
        _say_unknown(layout)
        chunks = (
            (parsed, chunk.layout_in(layout))
            for chunk in iter_chunks(layout, file_index=index)
            for parsed in parse_chunk(chunk, layout)
        )
        yield layout.name, layout, chunks


def _say_unknown(layout: SurveyLayout) -> None:
    """Warn of the columns that name no item, as a batch's summary does: a typo in a header
    must not drop a column's ratings unsaid."""
    if layout.columns.unknown:
        shown = "; ".join(str(u) for u in layout.columns.unknown)
        warnings.warn(f"{layout.name}: unknown columns, ignored: {shown}", stacklevel=5)
