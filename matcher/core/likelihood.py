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

from .matrix import OccupationMatrix

__all__ = ["Match", "ScoringParameters", "likelihood", "match", "relative_score"]


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


def _checked(ratings: np.ndarray, occupations: OccupationMatrix) -> np.ndarray:
    ratings = np.asarray(ratings, dtype=occupations.dtype)
    if ratings.ndim != 2 or ratings.shape[1] != occupations.n_features:
        raise ValueError(
            f"ratings must have shape (n_people, {occupations.n_features}), got {ratings.shape}"
        )
    return ratings


def _check_answered(count: np.ndarray) -> None:
    if np.any(count == 0):
        raise ValueError("every person must answer at least one item")


def _prepare(ratings: np.ndarray, occupations: OccupationMatrix):
    """Checked ratings as (answered mask, values with 0 for unanswered, answered count)."""
    ratings = _checked(ratings, occupations)
    answered = ~np.isnan(ratings)
    count = answered.sum(axis=1)
    _check_answered(count)
    values = np.where(answered, ratings, 0).astype(occupations.dtype)
    return answered, values, count


def _moments(answered, values, occupations: OccupationMatrix, columns: np.ndarray):
    """Weighted moments over some feature columns, each (n, m).

    Returns ``(Σw, Σw·l, Σw·l², Σlog w, Σw·r, Σw·r·l, Σw·r²)`` over each
    person's answered items among ``columns``.
    """
    m = occupations.n_occupations
    stacked = occupations.stacked[columns]
    mask = answered[:, columns].astype(stacked.dtype)
    rated = values[:, columns]
    by_mask = mask @ stacked
    by_rating = rated @ stacked[:, : 2 * m]
    by_square = (rated * rated) @ stacked[:, :m]
    return (
        by_mask[:, :m],
        by_mask[:, m : 2 * m],
        by_mask[:, 2 * m : 3 * m],
        by_mask[:, 3 * m :],
        by_rating[:, :m],
        by_rating[:, m:],
        by_square,
    )


def _mixture(s0, sl, sll, sr, srl, srr, params: ScoringParameters):
    """The two-rater mixture on total moments.

    Returns (log mixture, log of the honest part, posterior offset, posterior
    scale), each (n, m); P(honest) is ``exp(log honest - log mixture)``.
    Arrays are updated in place where a value is not needed again: a batch runs
    this on (1,000 x occupations) arrays, and every pass over them counts.
    """
    t = params.noise_sd**2
    va, vb = params.offset_sd**2, params.scale_sd**2
    # Honest rater: offset 0, scale 1.  misfit = (Σr² - 2Σrl + Σl²) / t
    log_honest = srr - 2 * srl
    log_honest += sll
    np.maximum(log_honest, 0, out=log_honest)
    log_honest *= -0.5 / t
    log_honest += np.log(params.honest_share)
    # Biased rater: the misfit Σw(r - offset - scale·l)²/t + offset²/va + (scale - 1)²/vb
    # is x'Hx - 2g'x + c in x = (offset, scale); H is the precision matrix of their
    # Gaussian posterior, whose mean x = H⁻¹g leaves the misfit c - g'x.
    h11 = s0 / t + 1 / va
    h12 = sl / t
    h22 = sll / t + 1 / vb
    g1 = sr / t
    g2 = srl / t + 1 / vb
    det = h11 * h22 - h12 * h12
    offset = (g1 * h22 - h12 * g2) / det
    scale = (h11 * g2 - h12 * g1) / det
    misfit = srr / t
    misfit += 1 / vb
    misfit -= np.multiply(g1, offset, out=g1)
    misfit -= np.multiply(g2, scale, out=g2)
    np.maximum(misfit, 0, out=misfit)
    # log det(H) + log(va vb) >= 0: the price of the freedom to shift and stretch.
    det *= va * vb
    misfit += np.log(det, out=det)
    log_biased = misfit
    log_biased *= -0.5
    log_biased += np.log1p(-params.honest_share)
    # logaddexp, written out: numpy's float32 logaddexp is much slower.
    log_mixture = np.maximum(log_honest, log_biased)
    gap = np.abs(log_honest - log_biased)
    np.negative(gap, out=gap)
    log_mixture += np.log1p(np.exp(gap, out=gap), out=gap)
    return log_mixture, log_honest, offset, scale


def _asked(answered: np.ndarray) -> np.ndarray:
    # Only features someone answered carry evidence: a single person answers a few
    # dozen of hundreds, so the products shrink to those rows.
    return np.flatnonzero(answered.any(axis=0))


def likelihood(
    ratings: np.ndarray, occupations: OccupationMatrix, params: ScoringParameters
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The log-likelihoods of :func:`match` without the explanations, for ranking many people.

    A batch needs no block contributions, and scores only for the few
    occupations it reports, so it gets ``(log_likelihood, best, count)``:
    log-likelihoods (n, m) (a transposed view), and per person (n,) the best
    log-likelihood any occupation could reach on the answered items and how
    many there are; :func:`relative_score` turns any selection into scores.
    """
    ratings = _checked(ratings, occupations)
    rated = np.ascontiguousarray(ratings.T, dtype=occupations.dtype)
    answered = ~np.isnan(rated)
    count = answered.sum(axis=0)
    _check_answered(count)
    mask = answered.astype(occupations.dtype)
    # fmax turns NaN (unanswered) into 0 in one pass; np.where on a random mask is
    # several times slower. Ratings are 0-5, so nothing else changes.
    rated = np.fmax(rated, occupations.dtype.type(0))
    s0, sl, sll, log_w, sr, srl, srr = occupations.moments(mask, rated)
    log_mixture, _, _, _ = _mixture(s0, sl, sll, sr, srl, srr, params)
    log_mixture += 0.5 * log_w
    return log_mixture, 0.5 * (occupations.best_log_w @ mask), count


def relative_score(log_likelihood: np.ndarray, best: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Score in (0, 1] of log-likelihoods (n, ...), given each person's ``best`` and
    answered ``count`` (n,): the geometric mean likelihood per answered item relative
    to the best."""
    shape = (-1,) + (1,) * (log_likelihood.ndim - 1)
    # log_mixture <= 0 and log_w <= best, so the score is in (0, 1].
    return np.exp(
        (log_likelihood - best.reshape(shape)) / count.reshape(shape).astype(log_likelihood.dtype)
    )


def match(ratings: np.ndarray, occupations: OccupationMatrix, params: ScoringParameters) -> Match:
    """Score every person against every occupation, with what each block contributes.

    Parameters
    ----------
    ratings : ndarray, shape (n_people, n_features)
        Self-ratings 0-5, NaN where unanswered. Every person must have answered
        at least one item.
    """
    answered, values, count = _prepare(ratings, occupations)
    asked = _asked(answered)
    per_block = [
        _moments(answered, values, occupations, asked[occupations.blocks[asked] == b])
        for b in range(occupations.n_blocks)
    ]
    s0, sl, sll, log_w, sr, srl, srr = (np.stack(m) for m in zip(*per_block, strict=True))
    totals = [x.sum(axis=0) for x in (s0, sl, sll, sr, srl, srr)]
    log_mixture, log_honest, offset, scale = _mixture(*totals, params)
    honest = np.exp(log_honest - log_mixture)
    log_likelihood = log_mixture + 0.5 * log_w.sum(axis=0)
    best = 0.5 * (answered.astype(occupations.dtype) @ occupations.best_log_w)
    score = relative_score(log_likelihood, best, count)

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
    t0 = totals[0]
    support = (s0 / np.where(t0 > 0, t0, 1)) * np.exp(-0.5 * mse / params.noise_sd**2)
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
