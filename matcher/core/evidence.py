"""Counting a person's answers by the level each occupation needs: the evidence of a match.

For a likelihood over whole-point ratings, all that matters about one
occupation is how many of the person's ratings of each value (0-5) fall on
items it needs at each level, and how many items the person was asked but
left blank, at each level. Levels are read at a few *knots* (a level between
two knots counts for both, by linear interpolation); a catalog that lists
what an occupation needs (documents) has one more column, *unlisted*, for the
items an occupation does not mention, whose ratings follow a background
distribution. An item an occupation lists with importance ``w`` counts ``w``
at its level and ``1 − w`` as unlisted: importance is how sure the catalog is
that a person in the job has the item at that level.

:class:`LevelWeights` holds the occupation side, per feature, as a typical
row shared by every occupation plus a sparse excess (an occupation lists a
few dozen of hundreds of items); :meth:`LevelWeights.counts` counts many
people at once (SciPy sparse products) and :meth:`LevelWeights.count_one`
one person (NumPy only). Pure maths, no I/O.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

__all__ = ["RATINGS", "LevelWeights", "level_weights"]

#: Whole-point ratings.
RATINGS = 6


@dataclass(frozen=True, eq=False)
class LevelWeights:
    """Occupation side of the evidence.

    knots : (K,) levels 0-5 at which likelihood tables are taken.
    background : whether the last level column is "unlisted" (a catalog of documents).
    typical : (F, L) float32, the row every occupation has for a feature (L = K, or K + 1).
    indptr, index, weight : a CSR matrix (F, m × L) of the excess over ``typical``:
        feature f of occupation j at level column k is column ``j × L + k``.
    n_occupations : m.
    """

    knots: np.ndarray
    background: bool
    typical: np.ndarray
    indptr: np.ndarray
    index: np.ndarray
    weight: np.ndarray
    n_occupations: int

    @functools.cached_property
    def total(self) -> np.ndarray:
        """The sum over every feature, (m, L): what a person asked everything has in all."""
        size = self.n_occupations * self.n_levels
        flat = np.bincount(self.index, self.weight.astype(np.float64), minlength=size)
        flat = flat.reshape(self.n_occupations, self.n_levels)
        return flat + self.typical.sum(axis=0, dtype=np.float64)[None, :]

    @property
    def n_levels(self) -> int:
        return self.typical.shape[1]

    @property
    def n_features(self) -> int:
        return self.typical.shape[0]

    def _sparse(self, features: np.ndarray | None = None):
        from scipy import sparse

        shape = (self.n_features, self.n_occupations * self.n_levels)
        matrix = sparse.csr_matrix((self.weight, self.index, self.indptr), shape=shape)
        return matrix if features is None else matrix[features]

    def subset(self, features: np.ndarray) -> LevelWeights:
        """The same occupations over some features only (a survey's columns)."""
        features = np.asarray(features, dtype=np.intp)
        excess = self._sparse(features)
        return LevelWeights(
            self.knots,
            self.background,
            np.ascontiguousarray(self.typical[features]),
            excess.indptr.astype(np.int64),
            excess.indices.astype(np.int32),
            excess.data.astype(np.float32),
            self.n_occupations,
        )

    def counts(
        self, ratings: np.ndarray, asked: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Evidence of many people, over this matrix's features.

        ``ratings`` (n, F) 0-5, NaN where not answered (a rating between two whole
        points counts for both, by linear interpolation); ``asked`` (n, F) bool.
        Returns ``rated`` (n, m, 6 × L) float32, the count of ratings v at level
        column k in column ``v × L + k``, ``answered`` (n, m, L) their sum over v, and
        ``blank`` (n, m, L), items asked but not answered.
        """
        n, m, width = len(ratings), self.n_occupations, self.n_levels
        excess = self._sparse().T.tocsr()  # (m × L, F): products run occupations by people
        rated = np.empty((n, m, RATINGS, width), np.float32)
        total = np.zeros((n, m, width), np.float32)
        answered = ~np.isnan(ratings)
        values = np.where(answered, ratings, -9.0)
        for v in range(RATINGS):
            hit = np.maximum(0.0, 1.0 - np.abs(values - v)).astype(np.float32)
            rated[:, :, v, :] = (excess @ hit.T).T.reshape(n, m, width)
            rated[:, :, v, :] += (hit @ self.typical)[:, None, :]
            total += rated[:, :, v, :]
        if asked.all():  # a survey: every column asked, the blanks are the rest
            left = self.total.astype(np.float32)[None] - total
        else:
            blank = (asked & ~answered).astype(np.float32)
            left = (excess @ blank.T).T.reshape(n, m, width) + (blank @ self.typical)[:, None, :]
        return rated.reshape(n, m, RATINGS * width), total, left.astype(np.float32)

    def presence(self, ratings: np.ndarray, asked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Counts of answered and of blank items by level column, (n, m, L) each (the
        evidence of the blank model), for many people."""
        n, m, width = len(ratings), self.n_occupations, self.n_levels
        excess = self._sparse().T.tocsr()
        hit = (~np.isnan(ratings)).astype(np.float32)
        answered = (excess @ hit.T).T.reshape(n, m, width) + (hit @ self.typical)[:, None, :]
        if asked.all():
            return answered, (self.total[None] - answered).astype(np.float32)
        blank = (asked & np.isnan(ratings)).astype(np.float32)
        left = (excess @ blank.T).T.reshape(n, m, width) + (blank @ self.typical)[:, None, :]
        return answered.astype(np.float32), left.astype(np.float32)

    def presence_one(self, ratings: np.ndarray, asked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`presence` of one person, (m, L) each. NumPy only."""
        answered = np.flatnonzero(~np.isnan(ratings))
        blank = np.flatnonzero(asked & np.isnan(ratings))
        yes = self._row_sums(answered, np.ones(answered.size)).reshape(self.n_occupations, -1)
        if blank.size > self.n_features // 2:
            rest = np.flatnonzero(~asked)
            no = self.total - yes - self._row_sums(rest, np.ones(rest.size)).reshape(yes.shape)
        else:
            no = self._row_sums(blank, np.ones(blank.size)).reshape(yes.shape)
        return yes.astype(np.float32), no.astype(np.float32)

    def _row_sums(self, features: np.ndarray, share: np.ndarray) -> np.ndarray:
        """Sum of rows ``features`` of typical + excess, each times ``share``, flat (m × L,)."""
        m, width = self.n_occupations, self.n_levels
        out = np.tile(share @ self.typical[features].astype(np.float64), m)
        starts, stops = self.indptr[features], self.indptr[features + 1]
        lengths = stops - starts
        take = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        if take.size:
            scale = np.repeat(share, lengths)
            out += np.bincount(self.index[take], self.weight[take] * scale, minlength=m * width)
        return out

    def count_one(
        self, ratings: np.ndarray, asked: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`counts` of one person (ratings, asked: (F,)), shapes (m, 6 × L), (m, L),
        (m, L).

        NumPy only: the rows of the answered and blank features are summed with one
        ``bincount``, each row into its rating's block of columns (blank = a seventh)."""
        m, width = self.n_occupations, self.n_levels
        answered = np.flatnonzero(~np.isnan(ratings))
        blank = np.flatnonzero(asked & np.isnan(ratings))
        # most features blank (a free list): count what is not blank, subtract from the total
        from_total = blank.size > self.n_features // 2
        if from_total:
            blank = np.flatnonzero(~asked)
        values = ratings[answered]
        low = np.floor(values).astype(np.intp)
        high = np.minimum(low + 1, RATINGS - 1)
        # a rating counts for the whole points around it; a blank for a seventh "rating"
        features = np.concatenate([answered, answered, blank])
        slot = np.concatenate([low, high, np.full(blank.size, RATINGS)])
        share = np.concatenate([1 - (values - low), values - low, np.ones(blank.size)])
        keep = share > 0
        features, slot, share = features[keep], slot[keep], share[keep]
        size = m * width
        one_hot = slot[None, :] == np.arange(RATINGS + 1)[:, None]
        typical = (one_hot * share[None, :]) @ self.typical[features].astype(np.float64)
        starts, stops = self.indptr[features], self.indptr[features + 1]
        lengths = stops - starts
        take = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        target = np.repeat(slot * size, lengths) + self.index[take]
        flat = np.bincount(
            target, self.weight[take] * np.repeat(share, lengths), minlength=(RATINGS + 1) * size
        ).reshape(RATINGS + 1, m, width)
        flat = flat.astype(np.float64) + typical[:, None, :]  # bincount of nothing is int
        answered_sum = flat[:RATINGS].sum(axis=0)
        blanks = flat[RATINGS]
        if from_total:  # flat[RATINGS] holds the features not asked
            blanks = self.total - blanks - answered_sum
        rated = flat[:RATINGS].transpose(1, 0, 2).reshape(m, RATINGS * width)
        return rated.astype(np.float32), answered_sum.astype(np.float32), blanks.astype(np.float32)


def _hat(levels: np.ndarray, knots: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Linear interpolation of each level between its two knots: (lower knot, upper knot,
    weight of the upper one)."""
    lower = np.clip(np.searchsorted(knots, levels, side="right") - 1, 0, len(knots) - 1)
    upper = np.minimum(lower + 1, len(knots) - 1)
    span = np.where(upper > lower, knots[upper] - knots[lower], 1.0)
    t = np.clip((levels - knots[lower]) / span, 0.0, 1.0)
    return lower, upper, np.where(upper > lower, t, 0.0)


def level_weights(
    levels: np.ndarray,
    importance: np.ndarray,
    knots: np.ndarray,
    *,
    background: bool,
    block_weight: np.ndarray | None = None,
    discriminate: bool = True,
) -> LevelWeights:
    """The occupation side of the evidence from levels and importance (m, F).

    Without ``background`` (a catalog that rates every item) an item counts fully at
    its level. With it (a catalog that lists requirements), an occupation that does
    not list an item has the catalog's *typical* row for it: the share of
    occupations that do not list it in the unlisted column, and the levels of those
    that do; a listed item of importance ``w`` counts ``w`` at its level and
    ``1 − w`` as typical. So an item every occupation lists alike (punctuality, say)
    tells occupations apart no more than the catalog does, and a rare one counts
    fully: the discrimination of an item is part of the likelihood.

    ``block_weight`` (F,) tempers the evidence of each feature's block (self-ratings
    of traits are less telling than of skills): it multiplies ``w``. With
    ``discriminate=False`` the typical row of a listing catalog is "unlisted" alone:
    what the blank model needs (whether the occupation itself lists an item).
    """
    m, n_features = levels.shape
    knots = np.asarray(knots, dtype=np.float64)
    width = len(knots) + int(background)
    lower, upper, t = _hat(levels, knots)
    listed = importance > 0 if background else np.ones(levels.shape, bool)
    share = np.where(listed, importance, 0.0) if background else np.ones_like(levels)
    if block_weight is not None:
        share = share * np.asarray(block_weight, dtype=np.float64)[None, :]
    own = np.zeros((m, n_features, width))  # each occupation's own level of each item
    np.put_along_axis(own, lower[..., None], (1 - t)[..., None], axis=2)
    np.put_along_axis(
        own, upper[..., None], np.take_along_axis(own, upper[..., None], 2) + t[..., None], axis=2
    )
    typical = np.zeros((n_features, width))
    if background:
        own[~listed] = 0.0
        own[~listed, -1] = 1.0
        typical = (
            own.mean(axis=0) if discriminate else np.eye(width)[-1][None].repeat(n_features, 0)
        )
    # excess of occupation j over the typical row: w (own − typical) where listed
    excess = np.where(listed[..., None], share[..., None] * (own - typical[None]), 0.0)
    if not background:
        excess = own * share[..., None]
    excess = excess.transpose(1, 0, 2).reshape(n_features, m * width)
    keep = np.abs(excess) > 1e-7
    indptr = np.zeros(n_features + 1, np.int64)
    np.cumsum(keep.sum(axis=1), out=indptr[1:])
    return LevelWeights(
        knots,
        background,
        typical.astype(np.float32),
        indptr,
        np.nonzero(keep)[1].astype(np.int32),
        excess[keep].astype(np.float32),
        m,
    )
