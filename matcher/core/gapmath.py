"""The arithmetic of gaps, pure numpy: estimates for unrated items, deficits, priorities.

For a key item of an occupation (importance at least :data:`KEY_IMPORTANCE`)::

    deficit  = max(0, level the occupation needs − rating), both as shown   rating points
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

**The half-point rule is judged on the numbers as shown.** Levels and ratings are shown to
one decimal, so a deficit is the difference of the two as shown (:func:`deficits`,
:func:`deficit`): a level of 2.532 is shown "2.5", and a rating of 2 meets it, as the reader
sees. Judged on the unrounded level, "2 / needs 2.5" was met for a level of 2.478 and "to
work on" for 2.532, and a gap of "0.51" stood beside "3 -> 3.5". Every verdict (met or
missing, a gap or not, the score's credit, a credible match, a reached step) goes through
them (or :func:`shown_deficits`, for numbers already shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = [
    "ESTIMATE_WEIGHT",
    "FIT_BLOCKS",
    "KEY_IMPORTANCE",
    "MATCH_TOLERANCE",
    "PRIORITY_DECIMALS",
    "PRIOR_RATING",
    "PRIOR_WEIGHT",
    "block_means",
    "deficit",
    "deficits",
    "estimated_ratings",
    "fit_blocks",
    "gap_matrix",
    "key_need",
    "priority_key",
    "shown",
    "shown_deficits",
    "shown_value",
]

#: Blocks that describe what a person likes rather than what they can do: shown as fit,
#: never as gaps to close.
FIT_BLOCKS = frozenset({"interest"})
#: An item counts as one of an occupation's key items from this importance (0-1) up.
KEY_IMPORTANCE = 0.5
#: A rating this close below the needed level still counts as a match (rating points).
MATCH_TOLERANCE = 0.5
#: Decimals priorities are compared to: gaps of equal priority so rounded go by name.
PRIORITY_DECIMALS = 6
#: Priority factor of a gap whose rating was estimated rather than given.
ESTIMATE_WEIGHT = 0.5
#: Unrated items are estimated from the block mean shrunk towards this rating
#: ("can do it with guidance") with the weight of this many ratings.
PRIOR_RATING = 2.0
PRIOR_WEIGHT = 3.0


def shown_value(value: float) -> float:
    """A level or rating as it is shown: to one decimal, as every display rounds it
    (``round`` and ``f"{x:.1f}"`` agree: both round the exact binary value)."""
    return round(float(value), 1)


def shown(values: np.ndarray) -> np.ndarray:
    """:func:`shown_value` of every element (NaN stays NaN), in the array's float dtype.

    ``np.round`` scales by ten first, and the product is rounded: a value just off a half
    can land on it (2.55 is 2.5499... in binary, ten times it 25.5: ``round`` gives 2.5,
    ``np.round`` 2.6; 2.45 the other way). Only a product exactly on a half can be so
    misrounded (halves are exact in binary), and those few are rounded as
    :func:`shown_value` rounds them."""
    values = np.asarray(values)
    if values.dtype.kind != "f":
        values = values.astype(np.float64)
    if values.ndim == 0:
        return np.asarray(shown_value(values), values.dtype)
    scaled = values * values.dtype.type(10)
    out = np.rint(scaled)
    scaled -= out
    ties = np.abs(scaled, out=scaled) == 0.5
    out /= values.dtype.type(10)
    if ties.any():
        out[ties] = [shown_value(v) for v in values[ties].tolist()]
    return out


def deficits(levels: np.ndarray, ratings: np.ndarray) -> np.ndarray:
    """How far each rating falls short of its level, on the numbers as shown (each to one
    decimal, :func:`shown`): 0 where it does not, NaN where the rating is NaN; broadcasting.
    At most :data:`MATCH_TOLERANCE` is met. The result is itself a number of one decimal."""
    return shown_deficits(shown(levels), shown(ratings))


def priority_key(priorities: np.ndarray) -> np.ndarray:
    """Priorities as gaps are ordered by them: ``round(p, PRIORITY_DECIMALS)`` in millionths
    (float64 whole numbers), Python's round of each, so that equal ones go by name alike in
    :func:`matcher.gaps` and the batch (1.8 × 0.6875 and 2.2 × 0.5625 are 1.2375 each).

    Scaled and rounded here, which gives round's whole number but where the product is
    within its rounding error of a half: those few are rounded by ``round``. A key over
    ``10**PRIORITY_DECIMALS`` is the nearest float to round's value.
    """
    scale = 10.0**PRIORITY_DECIMALS
    scaled = np.multiply(priorities, scale, dtype=np.float64)
    key = np.rint(scaled)
    np.subtract(scaled, key, out=scaled)
    near = np.abs(scaled, out=scaled) > 0.5 - 1e-6
    if near.any():
        values = np.asarray(priorities, np.float64)[near].tolist()
        key[near] = [round(round(v, PRIORITY_DECIMALS) * scale) for v in values]
    return key


def shown_deficits(levels: np.ndarray, ratings: np.ndarray) -> np.ndarray:
    """:func:`deficits` of levels and ratings already :func:`shown` (the batch rounds them
    once, not once per occupation of every respondent)."""
    short = np.subtract(levels, ratings)
    # to one decimal again (3.6 - 3.1 is 0.5000000000000004); a difference of two numbers of
    # one decimal is never near a half of the next decimal, so a plain rint is exact here
    short *= short.dtype.type(10)
    np.rint(short, out=short)
    short /= short.dtype.type(10)
    return np.maximum(short, 0, out=short, where=~np.isnan(short))


def deficit(level: float, rating: float) -> float:
    """:func:`deficits` of one level and one rating (neither NaN): plain Python, for the
    couple of dozen items of one occupation."""
    return max(0.0, shown_value(shown_value(level) - shown_value(rating)))


def fit_blocks(model: Model) -> frozenset[str]:
    """The blocks a model's occupations are a fit in, never a gap: :data:`FIT_BLOCKS` and
    those its source gives no level for (``model.extra["fit_blocks"]``: O*NET's work styles,
    rated for importance alone, so "needs Integrity 4.8" would be a need no job states)."""
    return FIT_BLOCKS | frozenset(model.extra.get("fit_blocks", ()))


def gap_items(model: Model) -> np.ndarray:
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
    ratings : (..., n_features), given or estimated (:func:`estimated_ratings`), as shown
        (:func:`shown`: the half-point rule judges the numbers a person reads)
    levels : (..., n_features), what the occupations need, 0-5, as shown
    need : (..., n_features), :func:`key_need` of the occupations

    Returns
    -------
    deficit, priority : (..., n_features); 0 for items that are not key items.
    """
    deficit = shown_deficits(levels, ratings)
    deficit *= need > 0
    priority = need * deficit
    dtype = priority.dtype.type
    priority *= dtype(1) - estimated * dtype(1 - ESTIMATE_WEIGHT)  # branch-free np.where
    return deficit, priority
