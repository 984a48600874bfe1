"""The arithmetic of gaps, pure numpy: estimates for unrated items, deficits, priorities.

For a key item of an occupation (importance at least :data:`KEY_IMPORTANCE`)::

    deficit  = max(0, level the occupation needs − rating)            rating points
    priority = importance × deficit × discrimination of the item

An item the person did not rate is not taken as zero: its rating is estimated
from the person's mean rating in that block, shrunk towards a cautious prior
(:data:`PRIOR_RATING`, worth :data:`PRIOR_WEIGHT` ratings) so that two high
ratings do not vouch for everything else, and never above that prior: what a
person rates high says nothing of an item they left out (a cook's 4s and 5s in
the kitchen estimated her Clinical Assessment at 2.6, "meets" a dietitian's 3, so
it never reached her learning plan). The priority of its gap is multiplied by
:data:`ESTIMATE_WEIGHT` for the uncertainty. A deficit of at most
:data:`MATCH_TOLERANCE` is not a gap. :func:`matcher.gaps` (one person, a whole
path) and the batch scorer (many people, the top gaps) share these functions.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "ESTIMATE_WEIGHT",
    "FIT_BLOCKS",
    "KEY_IMPORTANCE",
    "MATCH_TOLERANCE",
    "PRIOR_RATING",
    "PRIOR_WEIGHT",
    "block_means",
    "estimated_ratings",
    "fit_blocks",
    "gap_matrix",
    "key_need",
]

#: Blocks that describe what a person likes rather than what they can do: shown as fit,
#: never as gaps to close.
FIT_BLOCKS = frozenset({"interest"})
#: An item counts as one of an occupation's key items from this importance (0-1) up.
KEY_IMPORTANCE = 0.5
#: A rating this close below the needed level still counts as a match (rating points).
MATCH_TOLERANCE = 0.5
#: Priority factor of a gap whose rating was estimated rather than given.
ESTIMATE_WEIGHT = 0.5
#: Unrated items are estimated from the block mean shrunk towards this rating
#: ("can do it with guidance") with the weight of this many ratings.
PRIOR_RATING = 2.0
PRIOR_WEIGHT = 3.0


def fit_blocks(model) -> frozenset[str]:
    """The blocks a model's occupations are a fit in, never a gap: :data:`FIT_BLOCKS` and
    those its source gives no level for (``model.extra["fit_blocks"]``: O*NET's work styles,
    rated for importance alone, so "needs Integrity 4.8" would be a need no job states)."""
    return FIT_BLOCKS | frozenset(model.extra.get("fit_blocks", ()))


def gap_items(model) -> np.ndarray:
    """Which of a model's items can be gaps, (n_features,) bool: all but those of its
    :func:`fit_blocks`. Whether enough of a step's key items are rated counts these alone: a
    registered nurse could never reach Nursing Assistant on O*NET, for its thirteen work
    styles she was never told to rate."""

    def compute() -> np.ndarray:
        fits = fit_blocks(model)
        return np.array([block not in fits for block, _ in model.feature_keys], dtype=bool)

    return model.cached("gap_items", compute)


def block_means(
    ratings: np.ndarray, block_codes: np.ndarray, n_blocks: int | None = None
) -> np.ndarray:
    """Each person's estimate for an unrated item of each block, shape (n_people, n_blocks).

    The person's mean rating in the block (in all blocks when that block is
    unanswered), shrunk towards :data:`PRIOR_RATING` with the weight of
    :data:`PRIOR_WEIGHT` ratings, and at most :data:`PRIOR_RATING`.

    Parameters
    ----------
    ratings : (n_people, n_features), NaN where unanswered
    block_codes : (n_features,) int, 0 .. n_blocks - 1
    n_blocks : default ``block_codes.max() + 1``; give it when ``ratings`` cover only some
        features (a survey's columns), which may leave out the last blocks
    """
    ratings = np.atleast_2d(ratings)
    answered = ~np.isnan(ratings)
    dtype = ratings.dtype
    # Block sums and counts per person as products with a (features x blocks) one-hot matrix.
    codes = np.asarray(block_codes)
    blocks = np.arange(codes.max() + 1 if n_blocks is None else n_blocks)
    one_hot = (codes[:, None] == blocks[None, :]).astype(dtype)
    count = answered.astype(dtype) @ one_hot
    total = np.fmax(ratings, 0).astype(dtype) @ one_hot  # fmax: NaN -> 0, ratings are 0-5
    prior = PRIOR_WEIGHT * PRIOR_RATING
    overall = (total.sum(axis=1) + prior) / (count.sum(axis=1) + PRIOR_WEIGHT)
    means = np.where(count > 0, (total + prior) / (count + PRIOR_WEIGHT), overall[:, None])
    return np.minimum(means, PRIOR_RATING)


def estimated_ratings(ratings: np.ndarray, block_codes: np.ndarray) -> np.ndarray:
    """Each unanswered rating replaced by the person's :func:`block_means` estimate.

    Parameters
    ----------
    ratings : (n_people, n_features), NaN where unanswered
    block_codes : (n_features,) int

    Returns
    -------
    (n_people, n_features): answered ratings unchanged, unanswered ones estimated.
    """
    ratings = np.atleast_2d(ratings)
    means = block_means(ratings, block_codes)
    return np.where(np.isnan(ratings), means[:, block_codes], ratings).astype(ratings.dtype)


def key_need(importance: np.ndarray, discrimination: np.ndarray) -> np.ndarray:
    """Importance × discrimination of key items, 0 for the others; shape like ``importance``."""
    return np.where(importance >= KEY_IMPORTANCE, importance * discrimination, 0.0)


def gap_matrix(
    estimated: np.ndarray, ratings: np.ndarray, levels: np.ndarray, need: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Deficit and priority of every key item, broadcasting over leading axes.

    Parameters
    ----------
    estimated : (..., n_features) bool, True where the rating is an estimate
    ratings : (..., n_features), given or estimated (:func:`estimated_ratings`)
    levels : (..., n_features), what the occupations need, 0-5
    need : (..., n_features), :func:`key_need` of the occupations

    Returns
    -------
    deficit, priority : (..., n_features); 0 for items that are not key items.
    """
    deficit = np.subtract(levels, ratings)
    np.maximum(deficit, 0, out=deficit)
    deficit *= need > 0
    priority = need * deficit
    dtype = priority.dtype.type
    priority *= dtype(1) - estimated * dtype(1 - ESTIMATE_WEIGHT)  # branch-free np.where
    return deficit, priority
