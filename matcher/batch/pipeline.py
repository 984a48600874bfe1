"""The engine-neutral pipeline: what a worker does with one chunk of a survey.

:func:`prepare` reads the survey's headers and makes the :class:`BatchContext`
of a run (the model, the layouts, a scorer per set of columns) and its work
items: chunks of whole records cut from the files (:mod:`matcher.io.survey`),
or parsed chunks of a DataFrame. :func:`process_item` parses, checks and scores
one of them into results (:class:`ChunkResult`); an engine
(:mod:`matcher.batch.engines`) runs it on many in parallel and hands the
results back in input order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from matcher.io.ratings import ratings_alike
from matcher.io.survey.checks import CheckedChunk, OccupationLookup, check_chunk
from matcher.io.survey.chunks import Chunk, iter_chunks
from matcher.io.survey.frame import frame_chunks
from matcher.io.survey.layout import SurveyLayout, read_layout
from matcher.io.survey.parsed import ParsedChunk
from matcher.io.survey.reader import parse_chunk
from matcher.io.survey.sources import survey_sources
from matcher.validation import check_positive_int

from .scorer import N_GAPS, BatchScorer, target_ranks

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = [
    "BatchContext",
    "ChunkResult",
    "prepare",
    "process_chunk",
    "process_item",
    "process_parsed",
]


@dataclass
class ChunkResult:
    """What one parsed chunk contributes: scored rows (in input order), rejects, and ids seen.

    ``claims`` are every record with an id (valid or not), as (line, id,
    position among the scored rows or -1): the first record with an id wins,
    later ones are duplicates, whatever else is wrong with either.
    """

    file_index: int
    lines: np.ndarray
    ids: pa.Array
    top: np.ndarray
    scores: np.ndarray
    confidence: np.ndarray
    alike: np.ndarray
    gap_features: np.ndarray
    gap_deficits: np.ndarray
    target: np.ndarray | None
    target_rank: np.ndarray | None
    target_score: np.ndarray | None
    target_gaps: np.ndarray | None
    target_deficits: np.ndarray | None
    rejects: pa.Table
    rejected_rows: int
    claim_lines: np.ndarray
    claim_ids: list[str]
    claim_rows: np.ndarray
    blank_lines: int = 0
    size: int = 0
    continued_lines: int = 0
    padded_rows: int = 0
    header_lines: int = 0
    null_cells: int = 0


@dataclass
class BatchContext:
    """Everything a worker needs to process a chunk: picklable, shared by the chunks of a run."""

    model: Model
    top_k: int
    layouts: list[SurveyLayout]
    files: list[str]
    with_target: bool
    scorers: dict[tuple[int, ...], BatchScorer] = field(default_factory=dict, repr=False)
    lookup: OccupationLookup | None = field(default=None, repr=False)

    def scorer(self, layout: SurveyLayout) -> BatchScorer:
        key = tuple(int(f) for f in layout.columns.features)
        if key not in self.scorers:
            self.scorers[key] = BatchScorer(self.model, layout.columns.features, self.top_k)
        return self.scorers[key]

    def occupation_lookup(self) -> OccupationLookup:
        if self.lookup is None:
            self.lookup = OccupationLookup(self.model)
        return self.lookup

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["scorers"], state["lookup"] = {}, None  # rebuilt where the work runs
        return state


def process_chunk(chunk: Chunk, context: BatchContext) -> list[ChunkResult]:
    """Parse, check and score one chunk of a survey file."""
    layout = chunk.layout_in(context.layouts[chunk.file_index])
    return [process_parsed(parsed, layout, context) for parsed in parse_chunk(chunk, layout)]


def process_parsed(parsed: ParsedChunk, layout: SurveyLayout, context: BatchContext) -> ChunkResult:
    """Check and score the records of one parsed chunk."""
    checked = check_chunk(
        parsed, layout, context.occupation_lookup(), context.files[parsed.file_index]
    )
    return _score_checked(checked, context.scorer(layout), context.with_target)


def _score_checked(checked: CheckedChunk, scorer: BatchScorer, with_target: bool) -> ChunkResult:
    parsed = checked.parsed
    rows = np.flatnonzero(checked.valid)
    n, k = len(rows), scorer.top_k
    top = np.empty((n, k), np.int32)
    scores = np.empty((n, k), np.float32)
    confidence = np.empty((n, k), np.float32)
    gap_features = np.empty((n, k, N_GAPS), np.int32)
    gap_deficits = np.empty((n, k, N_GAPS), np.float32)
    target = checked.target[rows] if with_target else None
    if with_target:
        target_rank = np.zeros(n, np.int32)
        target_score = np.full(n, np.nan, np.float32)
        target_gaps = np.full((n, N_GAPS), -1, np.int32)
        target_deficits = np.full((n, N_GAPS), np.nan, np.float32)
    step = scorer.step_rows
    for start in range(0, n, step):
        part = slice(start, start + step)
        ratings = parsed.ratings[rows[part]]
        likelihood, sure = scorer.evaluate(ratings)
        chosen = scorer.rank(likelihood)
        top[part] = chosen
        compact, means = scorer.estimates(ratings)
        scores[part], gap_features[part], gap_deficits[part] = scorer.matches(
            compact, means, chosen
        )
        confidence[part] = sure(chosen)
        if with_target:
            wanted = target[part]
            has = np.flatnonzero(wanted >= 0)
            if has.size:
                goal = wanted[has]
                index = start + has
                target_rank[index] = target_ranks(likelihood[has], goal)
                score, found, deficits = scorer.matches(compact[has], means[has], goal[:, None])
                target_score[index] = score[:, 0]
                target_gaps[index] = found[:, 0]
                target_deficits[index] = deficits[:, 0]
    has_id = (
        ~parsed.ids.is_null().to_numpy(zero_copy_only=False) if len(parsed) else np.zeros(0, bool)
    )
    position = np.full(len(parsed), -1, np.int64)
    position[rows] = np.arange(n)
    claimed = np.flatnonzero(has_id)
    return ChunkResult(
        file_index=parsed.file_index,
        lines=parsed.lines[rows],
        ids=parsed.ids.take(pa.array(rows, pa.int64())),
        top=top,
        scores=scores,
        confidence=confidence,
        alike=ratings_alike(parsed.ratings[rows]) if n else np.zeros(0, bool),
        gap_features=gap_features,
        gap_deficits=gap_deficits,
        target=target,
        target_rank=target_rank if with_target else None,
        target_score=target_score if with_target else None,
        target_gaps=target_gaps if with_target else None,
        target_deficits=target_deficits if with_target else None,
        rejects=checked.rejects,
        rejected_rows=checked.rejected_rows,
        claim_lines=parsed.lines[claimed],
        claim_ids=parsed.ids.take(pa.array(claimed, pa.int64())).to_pylist(),
        claim_rows=position[claimed],
        blank_lines=parsed.blank_lines,
        size=parsed.size,
        continued_lines=parsed.continued_lines,
        padded_rows=parsed.padded_rows,
        header_lines=parsed.header_lines,
        null_cells=parsed.null_cells,
    )


def process_item(item: Chunk | ParsedChunk, context: BatchContext) -> list[ChunkResult]:
    """Process one work item of :func:`prepare`: a chunk of a file, or a parsed chunk of a frame."""
    if isinstance(item, Chunk):
        return process_chunk(item, context)
    return [process_parsed(item, context.layouts[0], context)]


def prepare(
    source: str | Path | Sequence[str | Path] | pd.DataFrame,
    model: Model,
    *,
    top_k: int,
    id_column: str,
    names: dict[str, str] | None = None,
) -> tuple[BatchContext, Iterator[Any], int]:
    """The context of a run, its work items (chunks of files, or parsed chunks of a frame)
    and the number of bytes to read (for progress). ``names`` are how rejects and the
    summary name files other than by their path (a copy of standard input: ``<stdin>``)."""
    top_k = check_positive_int("top_k", top_k)
    if isinstance(source, pd.DataFrame):
        layout, parsed = frame_chunks(source, model, id_column=id_column)
        context = BatchContext(model, top_k, [layout], [""], layout.columns.target_job is not None)
        return context, parsed, 0
    paths = survey_sources(source)
    layouts = [
        read_layout(p, model, id_column=id_column, name=(names or {}).get(str(p))) for p in paths
    ]
    with_target = any(layout.columns.target_job is not None for layout in layouts)
    files = [layout.name for layout in layouts]
    context = BatchContext(model, top_k, layouts, files, with_target)
    chunks = (
        chunk
        for index, layout in enumerate(layouts)
        for chunk in iter_chunks(layout, file_index=index)
    )
    return context, chunks, sum(layout.size for layout in layouts)
