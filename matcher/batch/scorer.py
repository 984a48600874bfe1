"""Scores, ranks and top gaps of many respondents at once, over one survey's columns.

The ranking is that of :func:`matcher.recommend`: the passes of
:func:`matcher.core.likelihood.evaluate` over the evidence of the survey's columns
(the survey's columns are its questionnaire: a blank cell is an item asked and
left blank), a thousand respondents at a time. Scores are
:mod:`matcher.core.fit`'s share of key items met, computed on the key items alone.

The top gaps of a (respondent, occupation) pair are those of
:func:`matcher.gaps` for that occupation alone: key items the person is more
than :data:`~matcher.core.gapmath.MATCH_TOLERANCE` below, by priority
(importance × deficit × discrimination, halved where the rating was
estimated), ties by name: priorities are computed in float64 and compared rounded, as
:func:`matcher.gaps` compares them (:func:`~matcher.core.gapmath.priority_key`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.fit import PARTIAL
from matcher.core.gapmath import (
    KEY_IMPORTANCE,
    MATCH_TOLERANCE,
    block_means,
    fit_blocks,
    gap_matrix,
    key_need,
    priority_key,
    shown,
    shown_deficits,
)
from matcher.core.likelihood import evaluate_many
from matcher.core.posterior import share
from matcher.core.ranking import top_k as top_k_columns
from matcher.core.weights import RATINGS
from matcher.validation import check_positive_int

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["CACHE_BYTES", "MIN_ROWS", "N_GAPS", "STEP_BYTES", "BatchScorer", "target_ranks"]

#: Gaps reported per (respondent, occupation).
N_GAPS = 3
#: Size of the counts of the respondents scored at once (rows x occupations x level columns):
#: with the passes' other arrays, about what a core's cache holds, whatever the catalog.
CACHE_BYTES = 3 << 20
#: The fewest respondents scored at once.
MIN_ROWS = 16
#: Size of the log-likelihoods (rows x occupations) of the rows ranked and explained at once.
STEP_BYTES = 8 << 20


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
        self.model = model
        self.features = np.asarray(features, dtype=np.intp)
        self.top_k = min(check_positive_int("top_k", top_k), len(model.catalog))
        self.n_occupations = len(model.catalog)
        self.n_features = model.vectorizer.n_features
        self.scoring = model.scorer.subset(self.features)
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
        # levels as shown (one decimal), which the half-point rule judges: rounded here in
        # float64, as matcher.gaps rounds them (float32's 1.45 is 1.4500000477: 1.5, not 1.4)
        levels = np.take_along_axis(model.levels, self.key_columns, axis=1)
        self.key_levels = shown(levels).astype(np.float32)
        self.key_weight = self.key_importance.astype(np.float32)
        total = self.key_weight.sum(axis=1)
        self.key_total = np.where(total > 0, total, 1).astype(np.float32)
        codes = model.block_codes
        # interests (and O*NET's work styles) are fit, never gaps (as matcher gaps has them)
        fit = fit_blocks(model)
        fits = [code for code, name in enumerate(model.block_names) if name in fit]
        # float64, as matcher.gaps has it: the priorities' ties must come out alike
        self.key_need = key_need(
            self.key_importance, model.vectorizer.discrimination_[self.key_columns]
        ) * ~np.isin(codes[self.key_columns], fits)
        # Where each feature's rating is in the compact matrix of :meth:`estimates`.
        self.n_blocks = int(codes.max()) + 1
        position = len(self.features) + codes
        position[self.features] = np.arange(len(self.features))
        self.key_positions = position[self.key_columns]
        self.key_blocks = codes[self.key_columns]
        self.column_codes = codes[self.features]

    # -- scores ------------------------------------------------------------------------

    @property
    def sub_rows(self) -> int:
        """Respondents scored at once: their counts take :data:`CACHE_BYTES`, but at least
        :data:`MIN_ROWS` (fewer rows cost more in per-call overhead than they save in
        cache misses: measured at 5,000 occupations)."""
        weights = self.scoring.weights
        per_row = self.n_occupations * weights.n_levels * RATINGS * 4
        return int(np.clip(CACHE_BYTES // per_row, MIN_ROWS, 1024))

    @property
    def step_rows(self) -> int:
        """Respondents ranked and explained at once (a multiple of :attr:`sub_rows`): their
        log-likelihoods take :data:`STEP_BYTES`."""
        sub = self.sub_rows
        return sub * int(np.clip(STEP_BYTES // (self.n_occupations * 4 * sub), 1, 4096 // sub))

    def evaluate(self, ratings: np.ndarray) -> tuple[np.ndarray, Callable]:
        """Log-likelihoods (n, n_occupations) float32, what the ranking is by, and a
        function of occupation rows (n, k) giving their confidence (n, k).

        ``ratings`` (n, n_columns) over the survey's rating columns, NaN where
        unanswered (a survey's columns are its questionnaire: every one was asked);
        every row must have at least one rating. Rows go :attr:`sub_rows` at a time.
        """
        n, sub = len(ratings), self.sub_rows
        likelihood = np.empty((n, self.n_occupations), np.float32)
        found = []
        for start in range(0, n, sub):
            part = evaluate_many(ratings[start : start + sub], None, self.scoring)
            likelihood[start : start + sub] = part.log_likelihood
            found.append((part.shortlist, part.posterior, part.outside))
        shortlist, posterior, outside = (np.concatenate(f) for f in zip(*found, strict=True))

        def confidence(rows: np.ndarray) -> np.ndarray:
            return share(rows, shortlist, posterior, likelihood, outside).astype(np.float32)

        return likelihood, confidence

    def fit(self, compact: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Scores (n, k) of each respondent for each given occupation: the share of its key
        items met (:func:`matcher.core.fit.fit_scores`), from :meth:`estimates`' ``compact``."""
        return self._fit(*self._key_items(compact, rows), rows)

    def matches(
        self, compact: np.ndarray, means: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`fit` and :meth:`gaps` of the same occupations ``rows`` (n, k): the key
        items' ratings and levels gathered once for both."""
        rated, levels = self._key_items(compact, rows)
        return (self._fit(rated, levels, rows), *self._gaps(rated, levels, means, rows))

    def _key_items(self, compact: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ratings (NaN where unanswered) and levels of the key items of occupation
        ``rows`` (n, k) for each respondent, each (n, k, width) float32."""
        n = len(rows)
        # np.take along axis 0 and in-place offsets: fancy indexing and broadcast index
        # grids cost several times more on these (n, k, width) arrays.
        at = np.take(self.key_positions, rows, axis=0)
        at += (np.arange(n) * compact.shape[1])[:, None, None]
        return compact.ravel().take(at), np.take(self.key_levels, rows, axis=0)

    def _fit(self, rated: np.ndarray, levels: np.ndarray, rows: np.ndarray) -> np.ndarray:
        importance = np.take(self.key_weight, rows, axis=0)
        # levels and ratings are shown already (__init__, estimates)
        short = np.maximum(shown_deficits(levels, rated) - np.float32(MATCH_TOLERANCE), 0)
        met = np.clip(1 - short / np.float32(PARTIAL), 0, 1)
        met = np.where(np.isnan(met), 0, met)
        total = np.take(self.key_total, rows)
        return ((importance * met).sum(axis=2) / total).astype(np.float32)

    # -- ranks and gaps ----------------------------------------------------------------

    def rank(self, likelihood: np.ndarray) -> np.ndarray:
        """Rows of the best occupations, (n, top_k), by log-likelihood as in
        :func:`matcher.recommend`; ties to the lower occupation id."""
        return top_k_columns(likelihood, self.top_k)

    def estimates(self, ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Ratings for the gaps, (n, n_columns + n_blocks) float32, and the person's
        estimate for an unrated item of each block, (n, n_blocks).

        The survey's columns come first, then one unanswered column per block,
        which stands for every item of that block the survey does not ask. An
        unanswered item's estimate depends only on the person and the item's
        block (:func:`matcher.core.gapmath.block_means`), so only the key items that
        :meth:`gaps` looks at are ever filled in.
        """
        n = len(ratings)
        compact = np.empty((n, len(self.features) + self.n_blocks), np.float32)
        # ratings and estimates as shown, rounded in float64 (see the levels in __init__) from
        # the decimals the survey wrote: a float32 1.45 widens to 1.4500000477, shown 1.5
        # where gaps() shows the 1.45 typed as 1.4 (float32 holds six decimals of 0-5 exactly)
        wide = np.round(np.asarray(ratings, dtype=np.float64), 6)
        compact[:, : len(self.features)] = shown(wide)
        compact[:, len(self.features) :] = np.nan
        means = block_means(wide, self.column_codes, self.n_blocks)
        return compact, shown(means).astype(np.float32)

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
        return self._gaps(*self._key_items(compact, rows), means, rows)

    def _gaps(
        self, rated: np.ndarray, levels: np.ndarray, means: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        n, k = rows.shape
        width = self.key_columns.shape[1]
        rated = rated.reshape(n * k, width)
        estimated = np.isnan(rated)
        block = np.take(self.key_blocks, rows, axis=0)
        block += (np.arange(n) * self.n_blocks)[:, None, None]
        # The estimate where unrated: fmax skips NaN, and ratings are >= 0 (branch-free).
        guessed = np.fmax(rated, means.ravel().take(block.ravel()).reshape(rated.shape) * estimated)
        levels = levels.reshape(rated.shape).astype(np.float64)
        need = np.take(self.key_need, rows, axis=0).reshape(rated.shape)
        # In float64, as matcher.gaps: the deficits are one-decimal numbers again (rounded),
        # and the priorities bit for bit its own; in float32, 1.8 × 0.6875 and 2.2 × 0.5625
        # (1.2375 each, a tie gaps() breaks by name) came out unequal and swapped gap_1, gap_2.
        deficit, priority = gap_matrix(estimated, guessed.astype(np.float64), levels, need)
        priority = priority_key(priority)
        np.copyto(priority, -np.inf, where=deficit <= MATCH_TOLERANCE)  # no gap
        found = np.full((n * k, N_GAPS), -1, np.int32)
        deficits = np.full((n * k, N_GAPS), np.nan, np.float32)
        pairs = np.arange(n * k) * width
        row_starts = rows.ravel() * width  # where each pair's occupation starts in key_columns
        flat_priority = priority.ravel()
        for g in range(min(N_GAPS, width)):
            choice = np.argmax(priority, axis=1)  # the first of equal ones: earliest name
            best = pairs + choice
            has = flat_priority[best] > -np.inf
            found[:, g] = np.where(has, self.key_columns.ravel().take(row_starts + choice), -1)
            deficits[:, g] = np.where(has, deficit.ravel().take(best), np.nan)
            flat_priority[best] = -np.inf
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
