"""Score every respondent of a survey: streamed, vectorised, every row accounted for.

``score_survey(path)`` returns one row per (respondent, rank); the CLI's
``matcher batch`` writes the same rows to CSV or Parquet without holding
them in memory. The survey is read in blocks (see :mod:`matcher.survey`);
each block is parsed, checked and scored on a worker thread, with numpy and
BLAS releasing the interpreter lock, and the results are written in input
order. Memory is bounded by the number of blocks in flight, not by the size
of the survey.

Scores are those of :func:`matcher.score.match` (through
:func:`matcher.score.likelihood`, which skips the block contributions and
uses the sparsity of a hand-written catalog) on the float32 occupation
matrices restricted to the survey's columns, a thousand respondents at a
time, ranked by log-likelihood like :func:`matcher.recommend.recommend`.

The top gaps of a (respondent, occupation) pair are those of
:func:`matcher.gaps.gaps` for that occupation alone: key items the person
is more than :data:`~matcher.explain.MATCH_TOLERANCE` below, by priority
(importance × deficit × discrimination, halved where the rating was
estimated), ties by name.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .atomic import atomic_write
from .errors import InputError
from .explain import KEY_IMPORTANCE, MATCH_TOLERANCE
from .gaps import block_means, gap_matrix, key_need
from .model import Model, default_model
from .score import likelihood as score_likelihood
from .score import relative_score
from .score import top_k as top_k_columns
from .spreadsheet import neutralise_formulas, safe_cell
from .survey import (
    ID_COLUMN,
    NO_REJECTS,
    REJECT_COLUMNS,
    Block,
    CheckedBlock,
    OccupationLookup,
    ParsedBlock,
    SurveyLayout,
    check_block,
    duplicate_reason,
    frame_blocks,
    iter_blocks,
    parse_block,
    read_layout,
    reject_frame,
    survey_sources,
)

__all__ = ["N_GAPS", "BatchScorer", "score_survey", "write_batch"]

#: Gaps reported per (respondent, occupation).
N_GAPS = 3
#: Respondents scored at once: the (rows x occupations) buffers stay in cache.
SUB_CHUNK = 1024
#: Output rows gathered before a write (a Parquet row group).
WRITE_ROWS = 250_000
#: Far above any priority (importance x deficit x discrimination): marks "no gap".
NOT_A_GAP = 1e9


# --------------------------------------------------------------------------- scoring


class BatchScorer:
    """Scores, ranks and top gaps for many respondents at once, over one survey's columns.

    Parameters
    ----------
    model : Model
    features : ndarray of int, shape (n_columns,)
        The model feature each rating column of the survey rates.
    top_k : int
        How many occupations per respondent.
    """

    def __init__(self, model: Model, features: np.ndarray, top_k: int = 10) -> None:
        if isinstance(top_k, bool) or not isinstance(top_k, int | np.integer) or top_k < 1:
            raise ValueError(f"top_k must be a positive integer, got {top_k!r}")
        self.model = model
        self.features = np.asarray(features, dtype=np.intp)
        self.top_k = min(int(top_k), len(model.catalog))
        self.n_occupations = len(model.catalog)
        self.n_features = model.vectorizer.n_features
        self.matrix = model.occupation_matrix(np.float32).subset(self.features)
        # Key items of every occupation, by name, for the top gaps.
        by_name = np.argsort(model.name_rank).tolist()
        key = model.importance >= KEY_IMPORTANCE
        width = max(int(key.sum(axis=1).max()), 1)
        self.key_columns = np.zeros((self.n_occupations, width), np.intp)
        self.key_importance = np.zeros((self.n_occupations, width))
        for row in range(self.n_occupations):
            chosen = [c for c in by_name if key[row, c]]
            self.key_columns[row, : len(chosen)] = chosen
            self.key_importance[row, : len(chosen)] = model.importance[row, chosen]
        self.key_levels = np.take_along_axis(model.levels, self.key_columns, axis=1).astype(
            np.float32
        )
        self.key_need = key_need(
            self.key_importance, model.vectorizer.discrimination_[self.key_columns]
        ).astype(np.float32)
        # Where each feature's rating is in the compact matrix of :meth:`estimates`.
        codes = model.block_codes
        self.n_blocks = int(codes.max()) + 1
        position = len(self.features) + codes
        position[self.features] = np.arange(len(self.features))
        self.key_positions = position[self.key_columns]
        self.key_blocks = codes[self.key_columns]
        self.column_codes = codes[self.features]

    # -- scores ------------------------------------------------------------------------

    def evaluate(self, ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Log-likelihoods (n, n_occupations) float32 and each person's best and answered
        count (n,), as :func:`matcher.score.likelihood` gives them on the float32
        occupation matrix: :func:`matcher.score.relative_score` makes scores of them.

        ``ratings`` (n, n_columns) over the survey's rating columns, NaN where
        unanswered; every row must have at least one rating. Rows go
        :data:`SUB_CHUNK` at a time so that the (rows x occupations) arrays
        stay in cache.
        """
        n = len(ratings)
        likelihood = np.empty((n, self.n_occupations), np.float32)
        best = np.empty(n, np.float32)
        count = np.empty(n, np.int64)
        for start in range(0, n, SUB_CHUNK):
            part = slice(start, start + SUB_CHUNK)
            likelihood[part], best[part], count[part] = score_likelihood(
                ratings[part], self.matrix, self.model.params
            )
        return likelihood, best, count

    # -- ranks and gaps ----------------------------------------------------------------

    def rank(self, likelihood: np.ndarray) -> np.ndarray:
        """Rows of the best occupations, (n, top_k), by log-likelihood as in
        :func:`matcher.recommend.recommend`; ties to the lower occupation id."""
        return top_k_columns(likelihood, self.top_k)

    def estimates(self, ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Ratings for the gaps, (n, n_columns + n_blocks) float32, and the person's
        estimate for an unrated item of each block, (n, n_blocks).

        The survey's columns come first, then one unanswered column per block,
        which stands for every item of that block the survey does not ask. An
        unanswered item's estimate depends only on the person and the item's
        block (:func:`matcher.gaps.block_means`), so only the key items that
        :meth:`gaps` looks at are ever filled in.
        """
        n = len(ratings)
        compact = np.empty((n, len(self.features) + self.n_blocks), np.float32)
        compact[:, : len(self.features)] = ratings
        compact[:, len(self.features) :] = np.nan
        return compact, block_means(ratings, self.column_codes).astype(np.float32)

    def gaps(
        self, compact: np.ndarray, means: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top gaps of each respondent for each given occupation.

        Parameters
        ----------
        compact, means : from :meth:`estimates`
        rows : (n, k) occupation rows

        Returns
        -------
        features : (n, k, N_GAPS) int, feature column of each gap, -1 where fewer gaps.
        deficits : (n, k, N_GAPS) float32, rating points missing, NaN where no gap.
        """
        n, k = rows.shape
        width = self.key_columns.shape[1]
        # np.take along axis 0 and in-place offsets: fancy indexing and broadcast index
        # grids cost several times more on these (n, k, width) arrays.
        at = np.take(self.key_positions, rows, axis=0)
        at += (np.arange(n) * compact.shape[1])[:, None, None]
        rated = compact.ravel().take(at.ravel()).reshape(n * k, width)
        estimated = np.isnan(rated)
        block = np.take(self.key_blocks, rows, axis=0)
        block += (np.arange(n) * self.n_blocks)[:, None, None]
        # The estimate where unrated: fmax skips NaN, and ratings are >= 0 (branch-free).
        guessed = np.fmax(rated, means.ravel().take(block.ravel()).reshape(rated.shape) * estimated)
        levels = np.take(self.key_levels, rows, axis=0).reshape(rated.shape)
        need = np.take(self.key_need, rows, axis=0).reshape(rated.shape)
        deficit, priority = gap_matrix(estimated, guessed, levels, need)
        # Every real gap has a priority > 0 (need > 0, deficit > tolerance): push the
        # rest below 0, arithmetically rather than with np.where on a random mask.
        priority -= (deficit <= MATCH_TOLERANCE) * np.float32(NOT_A_GAP)
        found = np.full((n * k, N_GAPS), -1, np.int32)
        deficits = np.full((n * k, N_GAPS), np.nan, np.float32)
        pairs = np.arange(n * k) * width
        row_starts = rows.ravel() * width  # where each pair's occupation starts in key_columns
        flat_priority = priority.ravel()
        for g in range(min(N_GAPS, width)):
            choice = np.argmax(priority, axis=1)  # the first of equal ones: earliest name
            best = pairs + choice
            has = flat_priority[best] > 0
            found[:, g] = np.where(has, self.key_columns.ravel().take(row_starts + choice), -1)
            deficits[:, g] = np.where(has, deficit.ravel().take(best), np.nan)
            flat_priority[best] = -NOT_A_GAP
        found = found.reshape(n, k, N_GAPS)
        deficits = deficits.reshape(n, k, N_GAPS)
        return found, deficits


def target_ranks(scores: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Rank (1 = best) of one occupation per row, ties to the lower occupation row.

    scores (n, m), what the ranking is by; target (n,) occupation rows, all valid.
    """
    own = np.take_along_axis(scores, target[:, None], axis=1)
    above = (scores > own).sum(axis=1)
    tied = ((scores == own) & (np.arange(scores.shape[1]) < target[:, None])).sum(axis=1)
    return (above + tied + 1).astype(np.int32)


# --------------------------------------------------------------------------- blocks


@dataclass
class BlockResult:
    """What one block contributes: scored rows (in input order), rejects, and ids seen.

    ``claims`` are every record with an id (valid or not), as (line, id,
    position among the scored rows or -1): the first record with an id wins,
    later ones are duplicates, whatever else is wrong with either.
    """

    file_index: int
    lines: np.ndarray
    ids: pa.Array
    top: np.ndarray
    scores: np.ndarray
    gap_features: np.ndarray
    gap_deficits: np.ndarray
    target: np.ndarray | None
    target_rank: np.ndarray | None
    target_score: np.ndarray | None
    target_gaps: np.ndarray | None
    target_deficits: np.ndarray | None
    rejects: pd.DataFrame
    rejected_rows: int
    claim_lines: np.ndarray
    claim_ids: list[str]
    claim_rows: np.ndarray
    blank_lines: int = 0
    size: int = 0


@dataclass
class BatchContext:
    """Everything a worker needs to process a block: picklable, shared by the blocks of a run."""

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


def process_block(block: Block, context: BatchContext) -> list[BlockResult]:
    """Parse, check and score one block of a survey file."""
    layout = context.layouts[block.file_index]
    return [process_parsed(parsed, layout, context) for parsed in parse_block(block, layout)]


def process_parsed(parsed: ParsedBlock, layout: SurveyLayout, context: BatchContext) -> BlockResult:
    """Check and score the records of one parsed block."""
    checked = check_block(
        parsed, layout, context.occupation_lookup(), context.files[parsed.file_index]
    )
    return _score_checked(checked, context.scorer(layout), context.with_target)


def _score_checked(checked: CheckedBlock, scorer: BatchScorer, with_target: bool) -> BlockResult:
    parsed = checked.parsed
    rows = np.flatnonzero(checked.valid)
    n, k = len(rows), scorer.top_k
    top = np.empty((n, k), np.int32)
    scores = np.empty((n, k), np.float32)
    gap_features = np.empty((n, k, N_GAPS), np.int32)
    gap_deficits = np.empty((n, k, N_GAPS), np.float32)
    target = checked.target[rows] if with_target else None
    if with_target:
        target_rank = np.zeros(n, np.int32)
        target_score = np.full(n, np.nan, np.float32)
        target_gaps = np.full((n, N_GAPS), -1, np.int32)
        target_deficits = np.full((n, N_GAPS), np.nan, np.float32)
    step = 2 * SUB_CHUNK
    for start in range(0, n, step):
        part = slice(start, start + step)
        ratings = parsed.ratings[rows[part]]
        likelihood, best, count = scorer.evaluate(ratings)
        chosen = scorer.rank(likelihood)
        top[part] = chosen
        scores[part] = relative_score(np.take_along_axis(likelihood, chosen, axis=1), best, count)
        compact, means = scorer.estimates(ratings)
        gap_features[part], gap_deficits[part] = scorer.gaps(compact, means, chosen)
        if with_target:
            wanted = target[part]
            has = np.flatnonzero(wanted >= 0)
            if has.size:
                goal = wanted[has]
                index = start + has
                target_rank[index] = target_ranks(likelihood[has], goal)
                target_score[index] = relative_score(likelihood[has, goal], best[has], count[has])
                found, deficits = scorer.gaps(compact[has], means[has], goal[:, None])
                target_gaps[index] = found[:, 0]
                target_deficits[index] = deficits[:, 0]
    has_id = (
        ~parsed.ids.is_null().to_numpy(zero_copy_only=False) if len(parsed) else np.zeros(0, bool)
    )
    position = np.full(len(parsed), -1, np.int64)
    position[rows] = np.arange(n)
    claimed = np.flatnonzero(has_id)
    return BlockResult(
        file_index=parsed.file_index,
        lines=parsed.lines[rows],
        ids=parsed.ids.take(pa.array(rows, pa.int64())),
        top=top,
        scores=scores,
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
    )


# --------------------------------------------------------------------------- duplicates


#: Ids per sorted run of the duplicate check.
MAX_RUN = 1 << 18


class IdRegistry:
    """Respondent ids seen so far, as 128-bit hashes in sorted runs (memory ~24 bytes an id)."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    @staticmethod
    def _hash(ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        values = np.asarray(ids, dtype=object)
        return (
            pd.util.hash_array(values, hash_key="matcher-ids-0001"),
            pd.util.hash_array(values, hash_key="matcher-ids-0002"),
        )

    def first_seen(self, ids: Sequence[str], where: np.ndarray) -> np.ndarray:
        """Register ids in input order; return, for each, the ``where`` code of its first
        occurrence, or -1 where this is the first.

        ``where`` (n,) int64 codes of these records (file index << 40 | line).
        """
        n = len(ids)
        first = np.full(n, -1, np.int64)
        if n == 0:
            return first
        h1, h2 = self._hash(ids)
        for run_h1, run_h2, run_where, _ in self._runs:
            at = np.searchsorted(run_h1, h1)
            inside = at < len(run_h1)
            at = np.minimum(at, len(run_h1) - 1)
            hit = inside & (run_h1[at] == h1) & (run_h2[at] == h2) & (first < 0)
            first[hit] = run_where[at[hit]]
        # Repeats inside this batch: the earliest one wins.
        order = np.lexsort((np.arange(n), h2, h1))
        same = (h1[order][1:] == h1[order][:-1]) & (h2[order][1:] == h2[order][:-1])
        leader = order.copy()
        for i in np.flatnonzero(same):  # runs of equal ids are rare: a loop over repeats only
            leader[i + 1] = leader[i]
        repeat = np.zeros(n, bool)
        repeat[order[1:][same]] = True
        inner = np.where(repeat, where[leader[np.argsort(order)]], -1)
        first = np.where(first >= 0, first, inner)
        new = first < 0
        self._add(h1[new], h2[new], where[new])
        return first

    def _add(self, h1: np.ndarray, h2: np.ndarray, where: np.ndarray) -> None:
        # Runs are sorted by h1 alone: equal 64-bit h1 of different ids are too rare to
        # order by h2 as well, and a stable sort of two sorted runs is a single merge.
        if not len(h1):
            return
        order = np.argsort(h1, kind="stable")
        run = (h1[order], h2[order], where[order], np.array(len(order)))
        self._runs.append(run)
        # Merge runs of similar size (as a binary counter), up to a cap so that a merge never
        # copies more than a few megabytes: memory stays ~24 bytes an id, with no spikes.
        while (
            len(self._runs) > 1
            and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0])
            and len(self._runs[-2][0]) + len(self._runs[-1][0]) <= MAX_RUN
        ):
            a, b = self._runs.pop(), self._runs.pop()
            h1 = np.concatenate([b[0], a[0]])
            h2 = np.concatenate([b[1], a[1]])
            where = np.concatenate([b[2], a[2]])
            order = np.argsort(h1, kind="stable")
            self._runs.append((h1[order], h2[order], where[order], np.array(len(order))))


# --------------------------------------------------------------------------- output


class BatchOutput:
    """Turns block results into output tables (long format), in input order, with duplicates
    removed and rejects collected; hands them to writers and keeps the summary."""

    def __init__(self, context: BatchContext, *, for_csv: bool = False) -> None:
        model = context.model
        self.context = context
        self.k = min(context.top_k, len(model.catalog))
        self.registry = IdRegistry()
        ids = pa.array([o.id for o in model.catalog], pa.string())
        titles = pa.array([o.title for o in model.catalog], pa.string())
        features = pa.array([str(f) for f in model.vectorizer.feature_names_], pa.string())
        if for_csv:
            ids, titles, features = (neutralise_formulas(a) for a in (ids, titles, features))
        self.for_csv = for_csv
        self.occupation_ids, self.titles, self.feature_names = ids, titles, features
        self.rows_read = self.scored = self.rejected = self.duplicates = self.blank_lines = 0
        self.schema = self._schema()

    def _schema(self) -> pa.Schema:
        dictionary = pa.dictionary(pa.int32(), pa.string())
        fields = [
            pa.field("respondent_id", dictionary),
            pa.field("rank", pa.int16()),
            pa.field("occupation_id", dictionary),
            pa.field("title", dictionary),
            pa.field("score", pa.float32()),
        ]
        for g in range(1, N_GAPS + 1):
            fields += [pa.field(f"gap_{g}", dictionary), pa.field(f"gap_{g}_deficit", pa.float32())]
        if self.context.with_target:
            fields += [
                pa.field("target_id", dictionary),
                pa.field("target_rank", pa.int32()),
                pa.field("target_score", pa.float32()),
            ]
            for g in range(1, N_GAPS + 1):
                fields += [
                    pa.field(f"target_gap_{g}", dictionary),
                    pa.field(f"target_gap_{g}_deficit", pa.float32()),
                ]
        return pa.schema(fields)

    def accept(self, result: BlockResult) -> tuple[pa.Table, pd.DataFrame]:
        """Output rows and rejects of one block, after the duplicate check."""
        file = self.context.files[result.file_index]
        where = (np.int64(result.file_index) << 40) | result.claim_lines.astype(np.int64)
        first = self.registry.first_seen(result.claim_ids, where)
        repeated = np.flatnonzero(first >= 0)
        keep = np.ones(len(result.lines), bool)
        rejects = [result.rejects]
        newly_rejected = 0
        if repeated.size:
            column = self.context.layouts[result.file_index].columns.id_column
            rows = result.claim_rows[repeated]
            keep[rows[rows >= 0]] = False
            newly_rejected = int((rows >= 0).sum())
            reasons = []
            for code in first[repeated]:
                first_file = self.context.files[int(code >> 40)]
                reasons.append(duplicate_reason((first_file, int(code & ((1 << 40) - 1))), file))
            ids = [result.claim_ids[i] for i in repeated]
            rejects.append(
                reject_frame(
                    {
                        "file": [file] * len(repeated),
                        "line": result.claim_lines[repeated].tolist(),
                        "respondent_id": ids,
                        "column": [column] * len(repeated),
                        "value": ids,
                        "reason": reasons,
                    }
                )
            )
            self.duplicates += len(repeated)
        scored = int(keep.sum())
        rejected = result.rejected_rows + newly_rejected
        self.scored += scored
        self.rejected += rejected
        self.rows_read += scored + rejected
        self.blank_lines += result.blank_lines
        frame = (
            pd.concat([r for r in rejects if len(r)], ignore_index=True)
            if any(len(r) for r in rejects)
            else NO_REJECTS
        )
        if len(frame) > 1:
            frame = frame.sort_values("line", kind="stable").reset_index(drop=True)
        return self._table(result, keep), frame

    def _table(self, result: BlockResult, keep: np.ndarray) -> pa.Table:
        k = self.k
        rows = np.flatnonzero(keep) if not keep.all() else None

        def pick(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else (a if rows is None else a[rows])

        ids = result.ids if rows is None else result.ids.take(pa.array(rows, pa.int64()))
        if self.for_csv:
            ids = neutralise_formulas(ids)
        n = len(ids)
        each = np.repeat(np.arange(n), k)
        columns: list[pa.Array] = [
            pa.DictionaryArray.from_arrays(pa.array(each.astype(np.int32)), ids),
            pa.array(np.tile(np.arange(1, k + 1, dtype=np.int16), n)),
            _dictionary(pick(result.top).ravel(), self.occupation_ids),
            _dictionary(pick(result.top).ravel(), self.titles),
            pa.array(pick(result.scores).ravel()),
        ]
        gaps, deficits = pick(result.gap_features), pick(result.gap_deficits)
        for g in range(N_GAPS):
            columns.append(_dictionary(gaps[:, :, g].ravel(), self.feature_names))
            columns.append(_floats(deficits[:, :, g].ravel()))
        if self.context.with_target:
            target = np.repeat(pick(result.target), k)
            has = target >= 0
            columns += [
                _dictionary(target, self.occupation_ids),
                pa.array(np.repeat(pick(result.target_rank), k), mask=~has),
                _floats(np.repeat(pick(result.target_score), k)),
            ]
            gaps, deficits = pick(result.target_gaps), pick(result.target_deficits)
            for g in range(N_GAPS):
                columns.append(_dictionary(np.repeat(gaps[:, g], k), self.feature_names))
                columns.append(_floats(np.repeat(deficits[:, g], k)))
        return pa.Table.from_arrays(columns, schema=self.schema)

    def summary(self) -> dict[str, Any]:
        layouts = self.context.layouts
        unknown = list(dict.fromkeys(str(u) for layout in layouts for u in layout.columns.unknown))
        return {
            "files": list(self.context.files),
            "rows_read": self.rows_read,
            "scored": self.scored,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "blank_lines": self.blank_lines,
            "unknown_columns": unknown,
            "rating_columns": sorted({len(layout.columns.ratings) for layout in layouts}),
        }


def _dictionary(indices: np.ndarray, dictionary: pa.Array) -> pa.Array:
    indices = np.asarray(indices, np.int32)
    missing = indices < 0
    array = pa.array(indices, mask=missing if missing.any() else None)
    return pa.DictionaryArray.from_arrays(array, dictionary)


def _floats(values: np.ndarray) -> pa.Array:
    missing = np.isnan(values)
    return pa.array(values.astype(np.float32), mask=missing if missing.any() else None)


# --------------------------------------------------------------------------- running


#: glibc's mallopt parameter for the memory a heap keeps at its top when trimmed.
_M_TOP_PAD = -2


def keep_freed_memory(pad: int = 256 << 20) -> bool:
    """Ask the C allocator to keep up to ``pad`` bytes of freed memory for reuse.

    Every block allocates and frees arrays of megabytes on each thread. By
    default glibc returns that memory to the kernel and faults it back in page
    by page for the next block: half a million page faults per million
    respondents, a tenth of the run. With a top pad the heaps keep it; peak
    memory does not change. For a process that runs a batch and exits (the
    CLI); a no-op where the C library is not glibc. Returns whether it applied.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_TOP_PAD, int(pad)))
    except (OSError, AttributeError, TypeError):
        return False


def prepare(
    source: str | Path | Sequence[str | Path] | pd.DataFrame,
    model: Model,
    *,
    top_k: int,
    id_column: str,
) -> tuple[BatchContext, Iterator[Any], int]:
    """The context of a run, its work items (blocks of files, or parsed blocks of a frame)
    and the number of bytes to read (for progress)."""
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise InputError(f"top must be a positive integer, got {top_k!r}")
    if isinstance(source, pd.DataFrame):
        layout, parsed = frame_blocks(source, model, id_column=id_column)
        context = BatchContext(model, top_k, [layout], [""], layout.columns.target_job is not None)
        return context, parsed, 0
    paths = survey_sources(source)
    layouts = [read_layout(p, model, id_column=id_column) for p in paths]
    with_target = any(layout.columns.target_job is not None for layout in layouts)
    context = BatchContext(model, top_k, layouts, [str(p) for p in paths], with_target)
    blocks = (
        block
        for index, layout in enumerate(layouts)
        for block in iter_blocks(layout, file_index=index)
    )
    return context, blocks, sum(layout.size for layout in layouts)


def _work(item: Any, context: BatchContext) -> list[BlockResult]:
    if isinstance(item, Block):
        return process_block(item, context)
    return [process_parsed(item, context.layouts[0], context)]


def run_local(
    context: BatchContext,
    items: Iterable[Any],
    *,
    jobs: int | None = None,
    progress: bool = False,
    total_bytes: int = 0,
) -> Iterator[BlockResult]:
    """Block results in input order, computed on ``jobs`` threads (default: every core)."""
    try:  # parallel over blocks, so BLAS runs single-threaded (threadpoolctl comes with sklearn)
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        from contextlib import nullcontext as threadpool_limits  # type: ignore[assignment]

    jobs = max(1, jobs or os.cpu_count() or 1)
    bar = _progress_bar(progress, total_bytes)
    pending: deque[Future] = deque()
    try:
        with (
            threadpool_limits(1),
            ThreadPoolExecutor(jobs, thread_name_prefix="matcher-batch") as pool,
        ):
            iterator = iter(items)
            exhausted = False
            while True:
                while not exhausted and len(pending) < 2 * jobs:
                    try:
                        item = next(iterator)
                    except StopIteration:
                        exhausted = True
                        break
                    pending.append(pool.submit(_work, item, context))
                if not pending:
                    break
                for result in pending.popleft().result():
                    bar.update(result.size)
                    yield result
    finally:
        for future in pending:
            future.cancel()
        bar.close()


def _progress_bar(enabled: bool, total: int):
    from tqdm import tqdm

    return tqdm(
        total=total or None,
        unit="B",
        unit_scale=True,
        desc="scoring",
        disable=not enabled,
        file=sys.stderr,
        leave=False,
    )


def _results(
    source: Any,
    model: Model,
    *,
    top_k: int,
    id_column: str,
    jobs: int | None,
    progress: bool,
    engine: str,
    scheduler: str | None,
) -> tuple[BatchContext, Iterator[BlockResult]]:
    context, items, total = prepare(source, model, top_k=top_k, id_column=id_column)
    if engine == "local":
        return context, run_local(context, items, jobs=jobs, progress=progress, total_bytes=total)
    if engine == "dask":
        if isinstance(source, pd.DataFrame):
            raise InputError("the dask engine reads survey files; give a path or a glob pattern")
        from .distributed import run_dask

        return context, run_dask(context, scheduler=scheduler, progress=progress, jobs=jobs)
    raise InputError(f"unknown engine {engine!r}; use 'local' or 'dask'")


def score_survey(
    source: str | Path | Sequence[str | Path] | pd.DataFrame,
    *,
    model: Model | None = None,
    top_k: int = 10,
    id_column: str = ID_COLUMN,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Score every respondent of a survey.

    Parameters
    ----------
    source : a survey CSV path, a glob pattern or a list of paths, or a DataFrame
        with the same columns (see :mod:`matcher.survey` for the format).
    model : default: the built-in catalog's model.
    top_k : occupations per respondent.
    id_column : name of the respondent id column.
    jobs : worker threads (default: every core).
    engine : ``"local"``, or ``"dask"`` to run on a Dask cluster
        (``scheduler="tcp://host:8786"``, or a local cluster when None).

    Returns
    -------
    DataFrame, one row per (respondent, rank) in input order: respondent_id,
    rank, occupation_id, title, score, gap_1, gap_1_deficit .. gap_3_deficit
    and, when the survey has a ``target_job`` column, target_id, target_rank,
    target_score and target_gap_1 .. target_gap_3_deficit.
    ``df.attrs["rejects"]`` is the rejects table (columns file, line,
    respondent_id, column, value, reason) and ``df.attrs["summary"]`` the
    counts (rows_read = scored + rejected). A warning says how many rows were
    rejected.
    """
    model = model or default_model()
    started = time.perf_counter()
    context, results = _results(
        source,
        model,
        top_k=top_k,
        id_column=id_column,
        jobs=jobs,
        progress=progress,
        engine=engine,
        scheduler=scheduler,
    )
    output = BatchOutput(context)
    tables, rejects = [], []
    for result in results:
        table, rejected = output.accept(result)
        tables.append(table)
        if len(rejected):
            rejects.append(rejected)
    table = pa.concat_tables(tables) if tables else output.schema.empty_table()
    table = table.set_column(
        0, "respondent_id", pc.cast(table.column("respondent_id"), pa.string())
    )
    frame = table.to_pandas()
    summary = output.summary()
    summary["seconds"] = round(time.perf_counter() - started, 3)
    frame.attrs["rejects"] = pd.concat(rejects, ignore_index=True) if rejects else reject_frame()
    frame.attrs["summary"] = summary
    if summary["rejected"]:
        warnings.warn(format_summary(summary), stacklevel=2)
    return frame


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise InputError(
        f"{path}: write the output as .csv or .parquet (got {suffix or 'no suffix'!r})"
    )


def rejects_path(output: str | Path) -> Path:
    """Where the rejects of ``OUT`` go: ``OUT.rejects.csv`` beside it."""
    output = Path(output)
    return output.with_name(f"{output.stem}.rejects.csv")


def write_batch(
    source: str | Path | Sequence[str | Path],
    output: str | Path,
    *,
    rejects: str | Path | None = None,
    model: Model | None = None,
    top_k: int = 10,
    id_column: str = ID_COLUMN,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Score a survey into ``output`` (.csv or .parquet) and its rejects into ``rejects``
    (default ``OUT.rejects.csv``), streaming: memory stays bounded.

    Both files are written atomically (a reader never sees half a file); in the
    CSV files, cells that a spreadsheet would run as a formula are prefixed with
    ``'``. Returns the summary (see :func:`score_survey`).
    """
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    model = model or default_model()
    started = time.perf_counter()
    output = Path(output)
    kind = output_format(output)
    rejects = Path(rejects) if rejects is not None else rejects_path(output)
    if rejects.resolve() == output.resolve():
        raise InputError(f"{output}: the output and the rejects file must differ")
    context, results = _results(
        source,
        model,
        top_k=top_k,
        id_column=id_column,
        jobs=jobs,
        progress=progress,
        engine=engine,
        scheduler=scheduler,
    )
    batch = BatchOutput(context, for_csv=kind == "csv")
    reject_count = 0
    with (
        atomic_write(output, "wb") as out,
        atomic_write(rejects, "w", encoding="utf-8", newline="") as bad,
    ):
        if kind == "parquet":
            # Text columns arrive dictionary-encoded; numbers are not worth a dictionary, and
            # statistics of a results file cost more to write than they save.
            encoded = [f.name for f in batch.schema if pa.types.is_dictionary(f.type)]
            writer: Any = pq.ParquetWriter(
                out,
                batch.schema,
                compression="snappy",
                use_dictionary=encoded,
                write_statistics=False,
            )
        else:
            writer = pacsv.CSVWriter(
                out, batch.schema, write_options=pacsv.WriteOptions(quoting_style="needed")
            )
        reject_frame().to_csv(bad, index=False, lineterminator="\n")
        pending: list[pa.Table] = []
        pending_rows = 0
        try:
            for result in results:
                table, rejected = batch.accept(result)
                if table.num_rows:
                    # Blocks are small for fast parsing; written together they make
                    # row groups of a useful size, and fewer calls.
                    pending.append(table)
                    pending_rows += table.num_rows
                    if pending_rows >= WRITE_ROWS:
                        writer.write_table(pa.concat_tables(pending))
                        pending, pending_rows = [], 0
                if len(rejected):
                    reject_count += len(rejected)
                    _neutralised_frame(rejected).to_csv(
                        bad, index=False, header=False, lineterminator="\n"
                    )
            if pending:
                writer.write_table(pa.concat_tables(pending))
        finally:
            writer.close()
    summary = batch.summary()
    summary.update(
        output=str(output),
        rejects=str(rejects),
        reject_lines=reject_count,
        seconds=round(time.perf_counter() - started, 3),
    )
    return summary


def _neutralised_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in REJECT_COLUMNS:
        if column != "line":
            frame[column] = frame[column].astype(str).map(safe_cell)
    return frame


def format_summary(summary: dict[str, Any]) -> str:
    """The summary as a person reads it."""
    parts = [
        f"{summary['rows_read']:,} rows read = {summary['scored']:,} scored + "
        f"{summary['rejected']:,} rejected"
    ]
    if summary.get("duplicates"):
        parts.append(
            f"{summary['duplicates']:,} duplicate respondent ids (first occurrence scored)"
        )
    if summary.get("blank_lines"):
        parts.append(f"{summary['blank_lines']:,} blank lines skipped")
    text = "; ".join(parts)
    if summary.get("unknown_columns"):
        text += "\nunknown columns, ignored: " + "; ".join(summary["unknown_columns"])
    if summary.get("seconds") and summary["rows_read"]:
        rate = summary["rows_read"] / max(summary["seconds"], 1e-9)
        text += f"\n{summary['seconds']:.1f} s, {rate:,.0f} rows/s"
    return text
