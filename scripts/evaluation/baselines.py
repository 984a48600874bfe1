"""Plain baselines: what anyone would try first, on the items a person answered.

Each returns scores (n, m), higher is better:

- ``pearson``: the correlation of a person's ratings with an occupation's levels over the
  answered items; blind to a person's offset and scale by construction.
- ``spearman``: the same on ranks (ties averaged), blind to any monotone distortion.
- ``euclidean``: minus the distance between ratings and levels.
- ``cosine``: the cosine between ratings and levels.
- ``skills-count``: O*NET's skills search: the number of skills the person rates 3 or more
  that are important to the occupation (importance ≥ 0.5).

A person with one answered item (or all answers equal) has no correlation: every
occupation scores 0 for them, a tie.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata

__all__ = ["BASELINES", "baselines", "pearson", "spearman"]

BASELINES = ("pearson", "spearman", "euclidean", "cosine", "skills-count")
#: Respondents per stripe in :func:`spearman` (its arrays are n × m × F).
STRIPE = 32


def pearson(values: np.ndarray, levels: np.ndarray, answered: np.ndarray) -> np.ndarray:
    """Correlation over answered items: ``values`` (n, F) of the person, ``levels`` (m, F)
    or (n, m, F) when each person sees other level values (ranks)."""
    mask = answered.astype(float)
    r = np.where(answered, values, 0.0)
    n_items = mask.sum(axis=1, keepdims=True)
    if levels.ndim == 2:
        sl, sll, srl = mask @ levels.T, mask @ (levels**2).T, r @ levels.T
    else:
        sl = np.einsum("nf,nmf->nm", mask, levels)
        sll = np.einsum("nf,nmf->nm", mask, levels**2)
        srl = np.einsum("nf,nmf->nm", r, levels)
    sr, srr = r.sum(axis=1, keepdims=True), (r * r).sum(axis=1, keepdims=True)
    cov = srl - sr * sl / n_items
    var = (sll - sl**2 / n_items) * (srr - sr**2 / n_items)
    return np.where(var > 1e-12, cov / np.sqrt(np.maximum(var, 1e-12)), 0.0)


def spearman(ratings: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Rank correlation over each person's answered items (ties averaged), (n, m).

    The rank of item f among a person's answered items is the number of answered
    items below it plus half those level with it (itself included) plus a half: one
    matrix product of the answered mask with a (F, m × F) table of comparisons."""
    answered = ~np.isnan(ratings)
    m, n_features = levels.shape
    below = levels[:, :, None] < levels[:, None, :]  # (m, g, f): item g below item f
    level = levels[:, :, None] == levels[:, None, :]
    table = (below + 0.5 * level).transpose(1, 0, 2).reshape(n_features, m * n_features)
    table = table.astype(np.float32)
    out = np.empty((len(ratings), m))
    for start in range(0, len(ratings), STRIPE):
        part = slice(start, start + STRIPE)
        seen = answered[part]
        theirs = (seen.astype(np.float32) @ table).reshape(-1, m, n_features) + 0.5
        # unanswered items rank above every answered one (+inf): the answered items'
        # ranks are their ranks among the answered alone
        own = rankdata(np.where(seen, ratings[part], np.inf), axis=1)
        out[part] = pearson(own, theirs.astype(np.float64), seen)
    return out


def baselines(
    ratings: np.ndarray,
    levels: np.ndarray,
    importance: np.ndarray,
    skill: np.ndarray,
) -> dict[str, np.ndarray]:
    """Every baseline's scores (n, m) for people's ``ratings`` (n, F; NaN not answered)
    against occupations' ``levels`` and ``importance`` (m, F); ``skill`` (F,) marks the
    skill items."""
    answered = ~np.isnan(ratings)
    mask = answered.astype(float)
    r = np.where(answered, ratings, 0.0)
    dot = r @ levels.T
    square = (r * r).sum(axis=1, keepdims=True) - 2 * dot + mask @ (levels**2).T
    norms = np.sqrt(mask @ (levels**2).T) * np.linalg.norm(r, axis=1, keepdims=True)
    has = ((r >= 3) & answered & skill[None, :]).astype(float)
    important = ((importance >= 0.5) & skill[None, :]).astype(float)
    return {
        "pearson": pearson(ratings, levels, answered),
        "spearman": spearman(ratings, levels),
        "euclidean": -np.sqrt(np.maximum(square, 0.0)),
        "cosine": dot / np.maximum(norms, 1e-12),
        "skills-count": has @ important.T,
    }
