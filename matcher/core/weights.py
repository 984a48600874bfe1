"""The occupation side of the evidence: which items each occupation needs, at which level.

Levels are read at a few *knots* (a level between two knots counts for both, by linear
interpolation); a catalog that lists what an occupation needs (documents) has one more
column, *unlisted*, for the items an occupation does not mention, whose ratings follow a
background distribution. An item an occupation lists with importance ``w`` counts ``w``
at its level and ``1 − w`` as the catalog's typical row (importance is how sure the catalog
is that a person in the job has the item at that level); an item it does not list reads as
typical for a free list and as unlisted for a questionnaire, and the blank model reads
"unlisted" alone (:func:`~matcher.core.weighting.level_weights`).

:class:`LevelWeights` holds it per feature, as a typical row shared by every occupation
plus a sparse excess (an occupation lists a few dozen of hundreds of items), and counts a
person's ratings against it (:mod:`matcher.core.evidence` makes them the evidence);
:func:`~matcher.core.weighting.level_weights` builds it from a catalog's levels and
importance. Pure maths, no I/O.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .sparse import row_entries

__all__ = ["RATINGS", "LevelWeights"]

#: Whole-point ratings.
RATINGS = 6
#: Entries per feature (on average over a person's answers) from which one person's counts
#: are added a feature at a time (:meth:`LevelWeights._summed`): about where a call per
#: feature (3 us) costs what it saves (3 ns an entry), measured at 210 to 20,000 occupations.
FEATURE_ENTRIES = 1000
#: Entries per (answered feature, occupation asked for) from which
#: :meth:`LevelWeights.rated_rows` finds those occupations' entries by binary search, not by
#: reading every entry of the features: about where both cost alike (measured: 1,000
#: occupations read faster, 20,000 searched).
SEARCHED = 32


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

    def only(self, features: np.ndarray) -> LevelWeights:
        """The same occupations and features, with every feature but ``features`` (a mask
        (F,)) counting nothing: a rating of one of them adds no evidence."""
        keep = np.asarray(features, dtype=bool)
        indptr = np.zeros_like(self.indptr)
        np.cumsum(np.where(keep, np.diff(self.indptr), 0), out=indptr[1:])
        # the kept features' entries a run of consecutive features at a time: the personal
        # items are a block or two, so a few slices rather than a mask over every entry (a
        # 20,000-occupation model has 1.8 million)
        rows = np.flatnonzero(keep)
        runs = np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1) if len(rows) else []
        spans = [slice(self.indptr[run[0]], self.indptr[run[-1] + 1]) for run in runs]
        return LevelWeights(
            self.knots,
            self.background,
            np.where(keep[:, None], self.typical, 0).astype(self.typical.dtype),
            indptr,
            np.concatenate([self.index[span] for span in spans] or [self.index[:0]]),
            np.concatenate([self.weight[span] for span in spans] or [self.weight[:0]]),
            self.n_occupations,
        )

    @functools.cached_property
    def _by_level(self):
        """The excess as a SciPy CSR matrix (L × m, F): row ``k × m + j``."""
        from scipy import sparse

        feature = np.repeat(np.arange(self.n_features), np.diff(self.indptr))
        occupation, column = np.divmod(self.index.astype(np.int64), self.n_levels)
        rows = column * self.n_occupations + occupation
        shape = (self.n_levels * self.n_occupations, self.n_features)
        return sparse.csr_matrix((self.weight, (rows, feature)), shape=shape)

    @functools.cached_property
    def _by_occupation(self):
        """The excess as a SciPy CSR matrix (m × L, F): row ``j × L + k``."""
        return self._sparse().T.tocsr()

    def rated(self, ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Counts of many people's ratings by level column and value (SciPy).

        ``ratings`` (n, F) 0-5, NaN where not answered (a rating between two whole
        points counts for both, by linear interpolation). Returns the part each
        occupation adds to the typical rows, (m, L 6, n) float32, the count of ratings
        v at level column k of occupation j for person p at ``[j, k × 6 + v, p]``, and
        the typical rows' part, (L 6, n), the same for every occupation. The layout is the
        sparse product's own: no transpose of the large array.
        """
        n, m, width = len(ratings), self.n_occupations, self.n_levels
        values = np.where(np.isnan(ratings), -9.0, ratings).T.astype(np.float32)  # (F, n)
        points = np.arange(RATINGS, dtype=np.float32)[:, None]
        if np.array_equal(values, np.rint(values)):  # whole points: one rating value each
            hits = (points == values[:, None, :]).astype(np.float32)  # (F, 6, n)
        else:
            hits = points - values[:, None, :]
            np.abs(hits, out=hits)
            np.subtract(1.0, hits, out=hits)
            np.maximum(hits, 0.0, out=hits)
        # one product for every rating value at once: long rows of people per nonzero
        hits = hits.reshape(self.n_features, RATINGS * n)
        excess = (self._by_occupation @ hits).reshape(m, width * RATINGS, n)
        return excess, (self.typical.T @ hits).reshape(width * RATINGS, n)

    def present(self, mask: np.ndarray) -> np.ndarray:
        """Counts of the items in ``mask`` (n, F) bool by level column of each occupation,
        (L, m, n) float32 (SciPy)."""
        n, m, width = len(mask), self.n_occupations, self.n_levels
        hits = mask.T.astype(np.float32)
        out = (self._by_level @ hits).reshape(width, m, n)
        out += (self.typical.T @ hits)[:, None, :]
        return out

    def rated_one(self, ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`rated` of one person (ratings (F,)): what each occupation adds to the
        typical rows, (m, L 6, 1) float32, and the typical rows' part, (L 6, 1).

        NumPy only: each answered feature's entries are added into its rating's column
        (:meth:`_summed`); the typical rows are counted once, not added to every
        occupation (a pass over the whole array)."""
        features, slot, share = _whole_points(ratings)
        excess = self._summed(features, slot, share, RATINGS)
        rated = excess.reshape(self.n_occupations, -1, 1)
        return rated, self._typical(features, slot, share).astype(np.float32).reshape(-1, 1)

    def _typical(self, features: np.ndarray, slot: np.ndarray, share: np.ndarray) -> np.ndarray:
        """The typical rows' counts of one person's answers (:func:`_whole_points`), (L, 6)."""
        one_hot = slot[None, :] == np.arange(RATINGS)[:, None]
        return self.typical[features].T.astype(np.float64) @ (one_hot * share[None, :]).T

    def _summed(
        self,
        features: np.ndarray,
        slot: np.ndarray | None = None,
        share: np.ndarray | None = None,
        columns: int = 1,
    ) -> np.ndarray:
        """Rows ``features`` of the excess times ``share`` (None: 1), each added into column
        ``slot`` (None: 0) of (m × L, ``columns``) float32.

        A catalog whose features have many entries each (:data:`FEATURE_ENTRIES` on
        average) is added a feature at a time, in place, into a column view: no index
        arrays for the whole person and each feature's entries in order, where one
        ``bincount`` of them all took four times as long at 20,000 occupations (a float64
        array of the catalog's size made and thrown away). With fewer, that one
        ``bincount`` (the catalog is small) costs less than a call per feature (3 us each)."""
        indptr = self.indptr
        size = self.n_occupations * self.n_levels
        lengths = indptr[features + 1] - indptr[features]
        if lengths.sum() >= FEATURE_ENTRIES * max(len(features), 1):
            out = np.zeros((size, columns), np.float32)
            slot = np.zeros(len(features), np.intp) if slot is None else slot
            share = np.ones(len(features)) if share is None else share
            answers = zip(features.tolist(), slot.tolist(), share.tolist(), strict=True)
            for feature, column, part in answers:
                entries = slice(indptr[feature], indptr[feature + 1])
                weight = self.weight[entries] if part == 1 else self.weight[entries] * part
                np.add.at(out[:, column], self.index[entries], weight)
            return out
        take, _ = row_entries(indptr, features)
        at, weight = self.index[take], self.weight[take]
        if slot is not None:
            at = at.astype(np.intp) * columns + np.repeat(slot, lengths)
        if share is not None:
            weight = weight * np.repeat(share, lengths)
        flat = np.bincount(at, weight, size * columns)
        return flat.astype(np.float32).reshape(size, columns)

    def rated_rows(self, ratings: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The counts of one person's ratings (F,) for occupation ``rows`` (k,) only, each
        once, typical rows included, (k, L 6) float32: its cost is the person's items'
        entries, not the catalog's size."""
        m, width = self.n_occupations, self.n_levels
        features, slot, share = _whole_points(ratings)
        lengths = self.indptr[features + 1] - self.indptr[features]
        listed = np.flatnonzero(lengths)  # the answers with entries (a feature may have none)
        keys = None
        if lengths.sum() >= SEARCHED * len(listed) * len(rows):
            keys = self._keys
        if keys is None:  # every entry of the person's items, filtered
            take, lengths = row_entries(self.indptr, features)
            target = self.index[take].astype(np.intp)
            weight = self.weight[take] * np.repeat(share, lengths)
            value = np.repeat(slot, lengths)
            # only the entries of those occupations, renumbered
            place = np.full(m, -1, np.intp)
            place[rows] = np.arange(len(rows))
            occupation = place[target // width]
            mine = occupation >= 0
            target = occupation[mine] * width + target[mine] % width
            value, weight = value[mine], weight[mine]
        else:
            # Each (item, occupation)'s entries found by binary search: at 20,000
            # occupations, 45 rows' counts took 0.13 ms reading every entry of the person's
            # items, 0.06 searched. An item's entries keep their order: the same sums.
            start = features[listed].astype(np.int64)[:, None] * (m * width) + rows * width
            start = start.ravel().astype(keys.dtype)
            low = np.searchsorted(keys, start)
            lengths = np.searchsorted(keys, start + width) - low
            take = np.repeat(low - np.cumsum(lengths) + lengths, lengths)
            take += np.arange(lengths.sum())
            pair = np.repeat(np.arange(len(start)), lengths)
            answer = listed[pair // len(rows)]
            target = (pair % len(rows)) * width + self.index[take] % width
            weight, value = self.weight[take] * share[answer], slot[answer]
        size = RATINGS * len(rows) * width
        flat = np.bincount(target * RATINGS + value, weight, minlength=size)
        # float64 (of no entries, bincount gives ints)
        excess = flat.astype(np.float64, copy=False).reshape(len(rows), width, RATINGS)
        excess += self._typical(features, slot, share)[None]
        return excess.astype(np.float32).reshape(len(rows), -1)

    @functools.cached_property
    def _keys(self) -> np.ndarray | None:
        """Each entry's feature and column as one number, ``feature × m L + column``,
        increasing (None if a feature's entries are not in column order, which
        :func:`~matcher.core.weighting.level_weights` never makes): where the entries of
        some occupations lie, by binary search (:meth:`rated_rows`)."""
        feature = np.repeat(np.arange(self.n_features, dtype=np.int64), np.diff(self.indptr))
        keys = feature * (self.n_occupations * self.n_levels) + self.index
        if len(keys) and (keys[1:] < keys[:-1]).any():
            return None
        # int32 when every search key fits: searching int32 keys for int64 would copy them
        small = (self.n_features + 1) * self.n_occupations * self.n_levels < 2**31
        return keys.astype(np.int32) if small else keys

    def present_one(self, features: np.ndarray) -> np.ndarray:
        """:meth:`present` of one person's items ``features`` (indices), (L, m, 1). NumPy
        only; many items are counted as the total less the others."""
        if features.size > self.n_features // 2:
            rest = np.ones(self.n_features, bool)
            rest[features] = False
            rest = np.flatnonzero(rest)
            flat = self.total.ravel() - self._row_sums(rest)
        else:
            flat = self._row_sums(features)
        return flat.reshape(self.n_occupations, self.n_levels).T[:, :, None].astype(np.float32)

    def _row_sums(self, features: np.ndarray) -> np.ndarray:
        """Sum of rows ``features`` of typical + excess, flat (m × L,) float32."""
        out = np.tile(self.typical[features].sum(axis=0, dtype=np.float64), self.n_occupations)
        return out.astype(np.float32) + self._summed(features)[:, 0]


def _whole_points(ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One person's answered features, the whole point each counts at and its share (a
    rating between two whole points counts for both, by linear interpolation)."""
    features = np.flatnonzero(~np.isnan(ratings))
    values = ratings[features]
    slot = values.astype(np.intp)
    share = np.ones(len(values))
    if not np.array_equal(slot, values):
        high = np.minimum(slot + 1, RATINGS - 1)
        share = np.concatenate([1 - (values - slot), values - slot])
        features = np.concatenate([features, features])
        slot = np.concatenate([slot, high])
        keep = share > 0
        features, slot, share = features[keep], slot[keep], share[keep]
    return features, slot, share
