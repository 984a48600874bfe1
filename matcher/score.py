"""How well a person's self-assessment fits each occupation: the maths, pure numpy.

Self-assessments are biased: people rate themselves high or low as a whole
and use the scale differently. So a match does not compare ratings with the
levels an occupation needs directly. For each (person, occupation) pair it
fits the person's ratings as a linear function of the occupation's levels,

    rating_f ≈ offset + scale × level_f        over the items the person answered,

weighted by how much each item matters to the occupation, with a Gaussian
prior that pulls ``offset`` to 0 and ``scale`` to 1 (an honest rater). What
remains, the weighted mean squared residual, says how well the *shape* of the
person's profile follows the occupation's; the prior term says how far the
person's ratings had to be shifted or stretched, so absolute levels still
separate occupations of one shape but different seniority.

The fit uses six weighted moments per block, each one matrix product of the
ratings with a precomputed occupation matrix: no loop over people.

Score of a pair, in [0, 1]::

    score = exp(-½·prior) × Σ_blocks share_b × exp(-½·mse_b / noise²)

where ``share_b`` is the block's part of the answered weight. The terms of
the sum are the block contributions: they add up to the score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ScoringParameters", "OccupationMatrix", "Match", "match", "top_k"]


@dataclass(frozen=True)
class ScoringParameters:
    """Constants of the match, in rating points (the 0-5 scale).

    noise_sd : residual a good match still leaves (honest noise of a self-rating).
    offset_sd : typical overall shift of a person's ratings.
    scale_sd : typical stretch of a person's ratings (1 = uses the scale as the catalog).
    prior_strength : how many items' worth of evidence the prior is worth.
    min_scale : ratings must rise with the levels an occupation needs; a fit that
        would invert them is held at this slope.
    """

    noise_sd: float = 1.0
    offset_sd: float = 1.0
    scale_sd: float = 0.5
    prior_strength: float = 2.0
    min_scale: float = 0.2

    def __post_init__(self) -> None:
        for name in ("noise_sd", "offset_sd", "scale_sd", "prior_strength"):
            if not getattr(self, name) > 0:
                raise ValueError(f"ScoringParameters.{name} must be > 0, got {getattr(self, name)}")


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
        self.n_occupations, self.n_features = levels.shape
        self.n_blocks = int(blocks.max()) + 1 if blocks.size else 0
        self.columns = [np.flatnonzero(blocks == b) for b in range(self.n_blocks)]
        self.dtype = dtype
        # Per block, (features x occupations) so that ratings @ matrix gives (people x occupations).
        self.w = [np.ascontiguousarray(weights[:, c].T, dtype=dtype) for c in self.columns]
        self.wl = [np.ascontiguousarray((weights * levels)[:, c].T, dtype=dtype) for c in self.columns]
        self.wll = [
            np.ascontiguousarray((weights * levels**2)[:, c].T, dtype=dtype) for c in self.columns
        ]

    def astype(self, dtype) -> OccupationMatrix:
        clone = object.__new__(OccupationMatrix)
        clone.__dict__.update(self.__dict__)
        clone.dtype = dtype
        for name in ("w", "wl", "wll"):
            setattr(clone, name, [a.astype(dtype) for a in getattr(self, name)])
        return clone


@dataclass(frozen=True)
class Match:
    """Result of :func:`match` for n people and m occupations.

    score : (n, m) in [0, 1]
    contributions : (n, m, n_blocks), sums to ``score`` over the last axis
    offset, scale : (n, m), the fitted shift and stretch of each person's ratings
    answered_share : (n, m, n_blocks), the block's share of the answered weight
    """

    score: np.ndarray
    contributions: np.ndarray
    offset: np.ndarray
    scale: np.ndarray
    answered_share: np.ndarray


def match(ratings: np.ndarray, occupations: OccupationMatrix, params: ScoringParameters) -> Match:
    """Score every person against every occupation.

    Parameters
    ----------
    ratings : ndarray, shape (n_people, n_features)
        Self-ratings 0-5, NaN where unanswered. Every person must have answered
        at least one item.
    """
    dtype = occupations.dtype
    ratings = np.asarray(ratings, dtype=dtype)
    if ratings.ndim != 2 or ratings.shape[1] != occupations.n_features:
        raise ValueError(
            f"ratings must have shape (n_people, {occupations.n_features}), got {ratings.shape}"
        )
    answered = ~np.isnan(ratings)
    count = answered.sum(axis=1)
    if np.any(count == 0):
        raise ValueError("every person must answer at least one item")
    values = np.where(answered, ratings, 0).astype(dtype)
    mask = answered.astype(dtype)

    n, m, nb = ratings.shape[0], occupations.n_occupations, occupations.n_blocks
    s0 = np.empty((nb, n, m), dtype)
    sl, sll, sr, srl, srr = (np.empty_like(s0) for _ in range(5))
    for b, columns in enumerate(occupations.columns):
        mb, rb = mask[:, columns], values[:, columns]
        s0[b] = mb @ occupations.w[b]
        sl[b] = mb @ occupations.wl[b]
        sll[b] = mb @ occupations.wll[b]
        sr[b] = rb @ occupations.w[b]
        srl[b] = rb @ occupations.wl[b]
        srr[b] = (rb * rb) @ occupations.w[b]

    total = s0.sum(axis=0)
    safe = np.where(total > 0, total, 1)
    m_l, m_ll = sl.sum(axis=0) / safe, sll.sum(axis=0) / safe
    m_r, m_rl = sr.sum(axis=0) / safe, srl.sum(axis=0) / safe

    t = params.noise_sd**2
    evidence = (params.prior_strength / count.astype(dtype))[:, None]
    lam_a = evidence / params.offset_sd**2
    lam_b = evidence / params.scale_sd**2
    a11 = 1 + t * lam_a
    a22 = m_ll + t * lam_b
    rhs_b = m_rl + t * lam_b
    det = a11 * a22 - m_l * m_l
    scale = (a11 * rhs_b - m_l * m_r) / det
    scale = np.maximum(scale, params.min_scale)
    offset = (m_r - scale * m_l) / a11

    prior = lam_a * offset**2 + lam_b * (scale - 1) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        residual = (
            srr
            - 2 * offset * sr
            - 2 * scale * srl
            + offset**2 * s0
            + 2 * offset * scale * sl
            + scale**2 * sll
        )
        mse = np.where(s0 > 0, np.maximum(residual, 0) / np.where(s0 > 0, s0, 1), 0)
    share = s0 / safe
    fit = np.exp(-0.5 * mse / t)
    contributions = np.exp(-0.5 * prior)[None] * share * fit
    contributions = np.moveaxis(contributions, 0, -1)
    return Match(
        score=contributions.sum(axis=-1),
        contributions=contributions,
        offset=offset,
        scale=scale,
        answered_share=np.moveaxis(share, 0, -1),
    )


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the k best scores per row, best first; ties go to the lower index.

    Parameters
    ----------
    scores : ndarray, shape (n, m)

    Returns
    -------
    ndarray of int, shape (n, min(k, m))
    """
    n, m = scores.shape
    k = min(k, m)
    if k <= 0:
        return np.empty((n, 0), dtype=np.intp)
    if k < m:
        part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        kth = np.take_along_axis(scores, part, axis=1).min(axis=1)
        # argpartition picks any of several equal scores at the boundary: redo those rows.
        tied = (scores >= kth[:, None]).sum(axis=1) > k
        if tied.any():
            part[tied] = np.argsort(-scores[tied], axis=1, kind="stable")[:, :k]
        part.sort(axis=1)
    else:
        part = np.broadcast_to(np.arange(m), (n, m)).copy()
    order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)
