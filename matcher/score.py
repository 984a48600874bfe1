"""How well a person's self-assessment fits each occupation: the maths, pure numpy.

Self-assessments are biased: people rate themselves high or low as a whole
and use the scale differently. So a match asks how likely the person's
ratings are if they belong to the occupation, under two kinds of rater:

* an *honest* rater:  rating_f = level_f + noise
* a *biased* rater:   rating_f = offset + scale × level_f + noise, with
  offset ~ N(0, offset_sd²) and scale ~ N(1, scale_sd²) integrated out

over the items the person answered (unanswered items are not evidence),
each item weighted by how much it matters to the occupation. The
log-likelihood of the mixture ranks the occupations: the honest part keeps
absolute levels (seniority) in play, the biased part makes the ranking
robust to shifted or stretched ratings, and integrating offset and scale
out (instead of fitting them) charges the biased explanation for its extra
freedom. Everything comes from six weighted moments per block, each a
matrix product of the ratings with a precomputed occupation matrix: no loop
over people.

Score of a pair, in (0, 1]: the geometric mean likelihood per answered item,
relative to the best any occupation could reach on those items,
``exp((log p − log p_max) / n_answered)``; ranking by it is ranking by ``log p``. The block
contributions split the score in proportion to how well each block fits
(``share_b × exp(-½ mse_b / noise²)``, residuals at the posterior offset and
scale), so they add up to the score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Match", "OccupationMatrix", "ScoringParameters", "match", "top_k"]


@dataclass(frozen=True)
class ScoringParameters:
    """Constants of the match, in rating points (the 0-5 scale).

    noise_sd : how far an honest self-rating strays from the true level.
    offset_sd : typical overall shift of a biased rater's ratings.
    scale_sd : typical stretch of a biased rater's ratings (1 = the catalog's scale).
    honest_share : prior share of honest raters, in (0, 1).
    """

    noise_sd: float = 1.0
    offset_sd: float = 1.5
    scale_sd: float = 0.5
    honest_share: float = 0.5

    def __post_init__(self) -> None:
        for name in ("noise_sd", "offset_sd", "scale_sd"):
            if not getattr(self, name) > 0:
                raise ValueError(f"ScoringParameters.{name} must be > 0, got {getattr(self, name)}")
        if not 0 < self.honest_share < 1:
            raise ValueError(
                f"ScoringParameters.honest_share must be in (0, 1), got {self.honest_share}"
            )


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
        if np.any(weights < 0):
            raise ValueError("weights must be >= 0")
        # Per block, (features x occupations) so that ratings @ matrix gives (people x occupations).
        self.w = [np.ascontiguousarray(weights[:, c].T, dtype=dtype) for c in self.columns]
        # A feature of weight 0 carries no evidence; its log is taken as 0 so it drops out.
        log_weights = np.log(np.where(weights > 0, weights, 1.0))
        self.log_w = np.ascontiguousarray(log_weights.T, dtype=dtype)
        self.best_log_w = log_weights.max(axis=0).astype(dtype)
        self.wl = [
            np.ascontiguousarray((weights * levels)[:, c].T, dtype=dtype) for c in self.columns
        ]
        self.wll = [
            np.ascontiguousarray((weights * levels**2)[:, c].T, dtype=dtype) for c in self.columns
        ]

    def astype(self, dtype) -> OccupationMatrix:
        clone = object.__new__(OccupationMatrix)
        clone.__dict__.update(self.__dict__)
        clone.dtype = dtype
        for name in ("w", "wl", "wll"):
            setattr(clone, name, [a.astype(dtype) for a in getattr(self, name)])
        clone.log_w = self.log_w.astype(dtype)
        clone.best_log_w = self.best_log_w.astype(dtype)
        return clone


@dataclass(frozen=True)
class Match:
    """Result of :func:`match` for n people and m occupations.

    score : (n, m) in (0, 1]
    log_likelihood : (n, m), what the ranking is by
    contributions : (n, m, n_blocks), sums to ``score`` over the last axis
    offset, scale : (n, m), posterior mean shift and stretch of the person's ratings
    honest : (n, m), posterior probability that the ratings are honest for this occupation
    """

    score: np.ndarray
    log_likelihood: np.ndarray
    contributions: np.ndarray
    offset: np.ndarray
    scale: np.ndarray
    honest: np.ndarray


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
    # Only features someone answered carry evidence: a single person answers a few
    # dozen of hundreds, so the products shrink to those rows.
    asked = answered.any(axis=0)
    s0 = np.empty((nb, n, m), dtype)
    sl, sll, sr, srl, srr = (np.empty_like(s0) for _ in range(5))
    log_precision = np.zeros((n, m), dtype)
    for b, columns in enumerate(occupations.columns):
        rows = np.flatnonzero(asked[columns])
        used = columns[rows]
        mb, rb = mask[:, used], values[:, used]
        w, wl, wll = occupations.w[b][rows], occupations.wl[b][rows], occupations.wll[b][rows]
        s0[b] = mb @ w
        sl[b] = mb @ wl
        sll[b] = mb @ wll
        sr[b] = rb @ w
        srl[b] = rb @ wl
        srr[b] = (rb * rb) @ w
        log_precision += mb @ occupations.log_w[used]
    t0, tl, tll, tr, trl, trr = (x.sum(axis=0) for x in (s0, sl, sll, sr, srl, srr))

    t = params.noise_sd**2
    va, vb = params.offset_sd**2, params.scale_sd**2
    # Honest rater: offset 0, scale 1.
    honest_misfit = np.maximum(trr - 2 * trl + tll, 0) / t
    # Biased rater: Gaussian posterior over (offset, scale); H is its precision matrix.
    h11, h12, h22 = t0 / t + 1 / va, tl / t, tll / t + 1 / vb
    g1, g2 = tr / t, trl / t + 1 / vb
    det = h11 * h22 - h12 * h12
    offset = (g1 * h22 - h12 * g2) / det
    scale = (h11 * g2 - h12 * g1) / det
    residual = trr - 2 * offset * tr - 2 * scale * trl + offset**2 * t0
    residual += 2 * offset * scale * tl + scale**2 * tll
    biased_misfit = np.maximum(residual, 0) / t + offset**2 / va + (scale - 1) ** 2 / vb
    # log det(H) + log(va vb) >= 0: the price of the freedom to shift and stretch.
    biased_misfit += np.log(det * va * vb)
    log_honest = np.log(params.honest_share) - 0.5 * honest_misfit
    log_biased = np.log1p(-params.honest_share) - 0.5 * biased_misfit
    log_mixture = np.logaddexp(log_honest, log_biased)
    honest = np.exp(log_honest - log_mixture)
    log_likelihood = log_mixture + 0.5 * log_precision
    best_precision = 0.5 * (mask @ occupations.best_log_w)
    # log_mixture <= 0 and log_precision <= best_precision, so the score is in (0, 1].
    score = np.exp((log_likelihood - best_precision[:, None]) / count[:, None].astype(dtype))

    # Which blocks carry the match: residual per block at the posterior offset and scale.
    post_offset = (1 - honest) * offset
    post_scale = honest + (1 - honest) * scale
    block_residual = (
        srr
        - 2 * post_offset * sr
        - 2 * post_scale * srl
        + post_offset**2 * s0
        + 2 * post_offset * post_scale * sl
        + post_scale**2 * sll
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        mse = np.where(s0 > 0, np.maximum(block_residual, 0) / np.where(s0 > 0, s0, 1), 0)
    support = (s0 / np.where(t0 > 0, t0, 1)) * np.exp(-0.5 * mse / t)
    total = support.sum(axis=0)
    contributions = score * support / np.where(total > 0, total, 1)
    return Match(
        score=score,
        log_likelihood=log_likelihood,
        contributions=np.moveaxis(contributions, 0, -1),
        offset=post_offset,
        scale=post_scale,
        honest=honest,
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
