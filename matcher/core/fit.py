"""The score a person reads: how much of an occupation's key items their ratings meet.

The ranking is by likelihood (:mod:`matcher.core.likelihood`); the score shown
next to it is plainer, and cannot grow as evidence shrinks::

    score = Σ importance × met / Σ importance        over the occupation's key items

where ``met`` is 1 for an item rated within :data:`~matcher.core.gapmath.MATCH_TOLERANCE`
of the level needed (both as shown, to one decimal: :func:`~matcher.core.gapmath.deficits`),
falls linearly to 0 at :data:`PARTIAL` points short of that, and is 0
for an item the person did not rate: a key item nobody vouched for is not met.
The block contributions split the score by block (they add up to it). Ratings are
taken as given: the score is "what your ratings say you meet", whatever the
response style the ranking allowed for.
"""

from __future__ import annotations

import numpy as np

from .gapmath import KEY_IMPORTANCE, MATCH_TOLERANCE, deficits

__all__ = ["PARTIAL", "fit_scores"]

#: Points short (beyond the tolerance) at which a rated key item no longer counts at all.
PARTIAL = 2.0


def fit_scores(
    ratings: np.ndarray,
    levels: np.ndarray,
    importance: np.ndarray,
    block_codes: np.ndarray,
    n_blocks: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and block contributions of people against occupations.

    Parameters
    ----------
    ratings : (n, F) NaN where unanswered
    levels, importance : (n, k, F) the occupations of each person (or (k, F), shared)
    block_codes : (F,) int

    Returns
    -------
    score : (n, k) in [0, 1]; contributions : (n, k, n_blocks), summing to ``score``.
    """
    key = np.where(importance >= KEY_IMPORTANCE, importance, 0.0)
    short = np.maximum(deficits(levels, ratings[:, None, :]) - MATCH_TOLERANCE, 0.0)
    met = np.clip(1.0 - short / PARTIAL, 0.0, 1.0)
    met = np.where(np.isnan(met), 0.0, met)  # unrated: not met
    total = key.sum(axis=-1)
    one_hot = (np.asarray(block_codes)[:, None] == np.arange(n_blocks)[None, :]).astype(float)
    parts = (key * met) @ one_hot
    safe = np.where(total > 0, total, 1.0)
    contributions = parts / safe[..., None]
    return contributions.sum(axis=-1), contributions
