"""The occupation side of a match: per-feature weights and levels arranged for fast products.

:class:`OccupationMatrix` holds, for every occupation, the weight ``w`` of each
feature in its match and the moments ``w × level``, ``w × level²`` and ``log w``,
so that the weighted moments :mod:`matcher.core.likelihood` needs for many people
are a few matrix products.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SPARSE_DENSITY", "OccupationMatrix"]

#: Share of non-zero excess below which :meth:`OccupationMatrix.moments` goes sparse:
#: a sparse product costs about five times a dense one per stored value.
SPARSE_DENSITY = 0.2


class OccupationMatrix:
    """Occupation-side arrays of the match, arranged for fast products.

    Parameters
    ----------
    levels : ndarray, shape (n_occupations, n_features), 0-5
    weights : ndarray, shape (n_occupations, n_features), >= 0
        Weight of each feature in each occupation's match.
    blocks : ndarray of int, shape (n_features,)
        Block code of each feature, 0 .. n_blocks - 1.
    dtype : float32 for batches, float64 for single calls.

    ``stacked`` is (n_features, 4 × n_occupations): the weights ``w``, ``w × level``,
    ``w × level²`` and ``log w`` side by side, so that one product with a
    person's answered-mask (and two with their ratings) gives every moment.
    :meth:`moments` takes the same products for many people at once.
    """

    def __init__(
        self, levels: np.ndarray, weights: np.ndarray, blocks: np.ndarray, dtype=np.float64
    ) -> None:
        levels = np.asarray(levels, dtype=np.float64)
        weights = np.asarray(weights, dtype=np.float64)
        if levels.shape != weights.shape or levels.ndim != 2:
            raise ValueError(
                f"levels and weights must be 2-D arrays of one shape, got {levels.shape} "
                f"and {weights.shape}"
            )
        blocks = np.asarray(blocks)
        if blocks.shape != (levels.shape[1],):
            raise ValueError(f"blocks must have shape ({levels.shape[1]},), got {blocks.shape}")
        if np.any(weights < 0):
            raise ValueError("weights must be >= 0")
        self.n_occupations = levels.shape[0]
        self.blocks = blocks
        self.n_blocks = int(blocks.max()) + 1 if blocks.size else 0
        # A feature of weight 0 carries no evidence; its log is taken as 0 so it drops out.
        log_weights = np.log(np.where(weights > 0, weights, 1.0))
        parts = [weights, weights * levels, weights * levels**2, log_weights]
        self.stacked = np.ascontiguousarray(np.hstack([p.T for p in parts]), dtype=dtype)
        self.best_log_w = log_weights.max(axis=0).astype(dtype)
        self._split: tuple[np.ndarray, tuple] | None = None

    @property
    def n_features(self) -> int:
        return len(self.blocks)

    @property
    def dtype(self):
        return self.stacked.dtype

    def _derived(self, stacked: np.ndarray, best_log_w: np.ndarray, blocks: np.ndarray):
        clone = object.__new__(OccupationMatrix)
        clone.n_occupations, clone.n_blocks = self.n_occupations, self.n_blocks
        clone.stacked, clone.best_log_w, clone.blocks = stacked, best_log_w, blocks
        clone._split = None
        return clone

    def _typical_and_excess(self) -> tuple[np.ndarray, tuple]:
        """``stacked`` as a typical value per feature plus an excess.

        Most occupations do not list most items, and every occupation gives an
        unlisted item the same weight and level: per feature, that value of each
        of the four parts (``typical``, shape (4, n_features)) covers all of
        them, and the excess (4 × n_occupations, n_features) is zero wherever the
        occupation does not list the item. A catalog written by hand lists a few
        dozen of hundreds of items, so the excess is kept sparse (CSR) and its
        products skip the zeros; a catalog that rates every item (O*NET) keeps a
        dense excess for BLAS. ``excess`` comes with its first 2m and m rows cut
        out, the parts the ratings and the squared ratings multiply.
        """
        if self._split is None:
            parts = self.stacked.T  # (4m, F)
            m = self.n_occupations
            # The median (an actual entry) is the unlisted value wherever most
            # occupations leave the item unlisted; any choice keeps the sum exact.
            typical = np.percentile(parts.reshape(4, m, -1), 50, axis=1, method="lower")
            typical = typical.astype(self.dtype)
            excess = parts - np.repeat(typical, m, axis=0)
            if np.count_nonzero(excess) < SPARSE_DENSITY * excess.size:
                from scipy import sparse

                excess = sparse.csr_matrix(excess)
            else:
                excess = np.ascontiguousarray(excess)
            self._split = (typical, (excess, excess[: 2 * m], excess[:m]))
        return self._split

    def moments(self, mask: np.ndarray, rated: np.ndarray) -> tuple[np.ndarray, ...]:
        """Weighted moments of many people over all features, each (n, m).

        ``mask`` (n_features, n) 1 where answered, 0 where not, and ``rated``
        (n_features, n) the ratings with 0 where unanswered, both of this
        matrix's dtype: people run along the columns, so that the products run
        occupations by people. Returns ``(Σw, Σw·l, Σw·l², Σlog w, Σw·r, Σw·r·l,
        Σw·r²)`` as :func:`matcher.core.likelihood.match` takes them per block, over every
        column, as transposed views.
        """
        typical, (excess, excess_by_rating, excess_by_square) = self._typical_and_excess()
        m, n = self.n_occupations, mask.shape[1]
        squared = rated * rated
        by_mask = (excess @ mask).reshape(4, m, n)
        by_mask += (typical @ mask)[:, None, :]
        by_rating = (excess_by_rating @ rated).reshape(2, m, n)
        by_rating += (typical[:2] @ rated)[:, None, :]
        by_square = excess_by_square @ squared
        by_square += typical[0] @ squared
        return (*by_mask.transpose(0, 2, 1), *by_rating.transpose(0, 2, 1), by_square.T)

    def astype(self, dtype) -> OccupationMatrix:
        return self._derived(self.stacked.astype(dtype), self.best_log_w.astype(dtype), self.blocks)

    def subset(self, features: np.ndarray) -> OccupationMatrix:
        """The same occupations over some features only (a survey's columns, say)."""
        features = np.asarray(features, dtype=np.intp)
        stacked = np.ascontiguousarray(self.stacked[features])
        return self._derived(stacked, self.best_log_w[features], self.blocks[features])
