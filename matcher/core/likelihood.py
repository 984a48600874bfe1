"""How likely a person's self-assessment is under each occupation: the maths, pure NumPy.

A person's ratings are whole points 0-5 read off their occupation's levels
through a response style (:mod:`matcher.core.styles`: an offset, a scale, a
noise and a share of careless answers, unknown and integrated over a prior),
and the items they were asked but left blank say something too
(:func:`blank_likelihood`). All that one occupation needs is the person's
evidence counted by level (:mod:`matcher.core.evidence`), so every step below
is a product of those counts with a table.

Integrating over thousands of styles for every occupation would be slow, and
most styles do not fit a given person at all, so the work is done in passes:

1. **Every occupation**, twice cheaply: a Gaussian approximation of the
   ratings whose offset and scale integrate in closed form under a Gaussian
   version of each family of the prior (:func:`gaussian_likelihood`), and the
   exact likelihood under a dozen *probe* styles. The best of each make a
   shortlist (:data:`SHORTLIST`).
2. **The person's styles**: the fine styles near the Gaussian fits of the best
   occupations and near the best probes are scored on the best few
   occupations; the :data:`KEEP` that explain them best are the person's.
3. **The shortlist** is scored exactly over those styles. Outside it, the
   Gaussian approximation orders the rest, below the shortlist.

:func:`evaluate` runs the passes for many people at once; everything a batch
and a single call compute is the same, so they agree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .evidence import RATINGS, LevelWeights
from .styles import Cells, StyleGrid

__all__ = [
    "Evaluation",
    "Scorer",
    "blank_likelihood",
    "evaluate",
    "evaluate_one",
    "gaussian_likelihood",
]

#: Occupations scored exactly for each person: the best of the Gaussian pass and of the probes.
SHORTLIST = (30, 15)
#: Occupations the person's styles are chosen on.
SUPPORT = 6
#: Styles kept for the exact pass.
KEEP = 24
#: Noise levels of the Gaussian pass (rating points; rounding adds 1/12 of variance).
GAUSS_NOISE = (0.85,)
#: The level the blank model reads for an unlisted item (the background's mean).
UNLISTED_LEVEL = 1.0
#: How much more often a person answers an item their occupation lists (log-odds), how much
#: more the higher its level (log-odds per level above 3), and shifts of the person's rate of
#: answering what their occupation does not list: the person's mechanism is chosen among these.
BLANK_LIFTS = (0.0, 1.5, 3.0, 4.5)
BLANK_SLOPES = (0.0, 1.0, 2.5)
BLANK_SHIFTS = (-1.0, 0.0)


@dataclass(frozen=True, eq=False)
class Scorer:
    """Everything the passes need for one catalog (built once per model).

    weights : the occupation side of the evidence (ratings).
    listing : the same without the catalog's typical rows (blanks: does the occupation itself
        list an item).
    grid, tables : the style prior and log P(rating | level) per style, (6 L, G).
    probes : indices of the probe styles.
    """

    weights: LevelWeights
    listing: LevelWeights
    grid: StyleGrid
    tables: np.ndarray
    probes: np.ndarray
    cells: Cells

    def subset(self, features: np.ndarray) -> Scorer:
        return Scorer(
            self.weights.subset(features),
            self.listing.subset(features),
            self.grid,
            self.tables,
            self.probes,
            self.cells,
        )

    @functools.cached_property
    def tables_t(self) -> np.ndarray:
        """``tables`` transposed, (G, 6 L), contiguous: a style's row is gathered whole."""
        return np.ascontiguousarray(self.tables.T)

    @property
    def level_values(self) -> np.ndarray:
        """The level of each level column (unlisted read as :data:`UNLISTED_LEVEL`)."""
        knots = self.weights.knots
        return np.append(knots, UNLISTED_LEVEL) if self.weights.background else knots


@dataclass(frozen=True)
class Evaluation:
    """What the passes found for n people over m occupations.

    log_likelihood : (n, m), what the ranking is by (the shortlist exact, the rest below it).
    shortlist : (n, S) occupation rows scored exactly, and ``exact`` (n, S) their
        log-likelihoods; ``posterior`` (n, S) the probability of each given the person's
        answers, among the shortlist.
    offset, scale : (n, m) how each person's ratings sit against each occupation's levels
        (the Gaussian pass's fit: 0 and 1 for ratings at the levels themselves).
    """

    log_likelihood: np.ndarray
    shortlist: np.ndarray
    exact: np.ndarray
    posterior: np.ndarray
    offset: np.ndarray
    scale: np.ndarray

    def confidence(self, rows: np.ndarray) -> np.ndarray:
        """Posterior probability of occupation ``rows`` (n, k) for each person, 0 outside
        the shortlist."""
        match = self.shortlist[:, None, :] == np.asarray(rows)[:, :, None]
        return (match * self.posterior[:, None, :]).sum(axis=2)


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0)
    with np.errstate(divide="ignore"):  # every term -inf: the sum is -inf, not an error
        return np.log(np.sum(np.exp(x - top), axis=axis)) + np.squeeze(top, axis=axis)


# --------------------------------------------------------------------------- Gaussian pass


@functools.cache
def _families(centre: float) -> tuple[np.ndarray, ...]:
    """Gaussian versions of the style families, crossed with :data:`GAUSS_NOISE`: prior mean
    (C, 2), precision (C, 2, 2), log determinant of the covariance (C,), log weight (C,) and
    noise variance (C,) of (a, b), where the latent rating is ``centre + a + b (level −
    centre)``."""
    from .styles import FAMILIES

    tiny = 1e-4

    def pivot(at: float, b_sd: float, a_sd: float, b_mean: float = 1.0):
        k = centre - at  # a = (at − centre)(1 − b) + a'
        jacobian = np.array([[k, 1.0], [1.0, 0.0]])
        cov = jacobian @ np.diag([b_sd**2, a_sd**2]) @ jacobian.T + tiny * np.eye(2)
        return np.array([k * (b_mean - 1.0), b_mean]), cov

    families = [
        (np.array([0.0, 1.0]), tiny * np.eye(2), FAMILIES["honest"]),
        (np.array([0.0, 1.0]), np.diag([1.5**2, tiny]), FAMILIES["shift"]),
        (*pivot(2.5, 0.8, 0.3), FAMILIES["middle"]),
        (*pivot(5.0, 0.3, 0.3, 0.7), FAMILIES["top"]),
        (np.array([0.0, 1.0]), np.diag([2.0**2, 1.0**2]), FAMILIES["slab"]),
    ]
    rows = [(f, noise) for noise in GAUSS_NOISE for f in families]
    mean = np.array([f[0] for f, _ in rows])
    precision = np.array([np.linalg.inv(f[1]) for f, _ in rows])
    log_det = np.array([np.log(np.linalg.det(f[1])) for f, _ in rows])
    log_weight = np.log([f[2] / len(GAUSS_NOISE) for f, _ in rows])
    variance = np.array([noise * noise + 1 / 12 for _, noise in rows])
    return mean, precision, log_det, log_weight, variance


def _moments(rated: np.ndarray, scorer: Scorer) -> np.ndarray:
    """Weighted moments over listed levels, (n, m, 6): Σ1, Σd, Σd², Σr, Σr·d, Σr², where
    d = level − centre and r = rating − centre."""
    c = scorer.grid.centre
    knots = scorer.weights.knots
    width = scorer.weights.n_levels
    d = np.zeros(width)
    d[: len(knots)] = knots - c
    on = np.zeros(width)
    on[: len(knots)] = 1.0
    v = np.repeat(np.arange(RATINGS) - c, width)
    dd, oo = np.tile(d, RATINGS), np.tile(on, RATINGS)
    basis = np.stack([oo, oo * dd, oo * dd * dd, oo * v, oo * v * dd, oo * v * v], axis=1)
    return (rated @ basis.astype(rated.dtype)).astype(np.float64)


def gaussian_likelihood(
    rated: np.ndarray, scorer: Scorer
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Gaussian pass: log-likelihood (n, m) with offset and scale integrated in closed
    form under each family, and the broad family's fitted offset and scale (n, m) each."""
    moments = _moments(rated, scorer)  # (n, m, 6)
    s0, s1, s2, t1, t2, rr = (moments[:, None, :, k] for k in range(6))  # (n, 1, m) each
    mean, p, log_det, log_weight, var = (x[..., None] for x in _families(scorer.grid.centre))
    h11, h12, h22 = s0 / var + p[:, 0, 0], s1 / var + p[:, 0, 1], s2 / var + p[:, 1, 1]
    prior_g = np.einsum("cijk,cjk->cik", p, mean)
    g1, g2 = t1 / var + prior_g[:, 0], t2 / var + prior_g[:, 1]
    det = h11 * h22 - h12 * h12
    fit = (g1 * g1 * h22 - 2 * g1 * g2 * h12 + g2 * g2 * h11) / det
    prior_q = np.einsum("cik,cijk,cjk->ck", mean, p, mean)
    ll = -0.5 * (rr / var + prior_q - fit) - 0.5 * (np.log(det) + log_det)
    ll += log_weight - 0.5 * s0 * np.log(2 * np.pi * var)  # (n, C, m)
    out = _logsumexp(ll, axis=1)
    # the broad family at the middle noise: where a person's offset and scale lie
    families = len(mean) // len(GAUSS_NOISE)
    k = families * (len(GAUSS_NOISE) // 2) + families - 1
    a = (g1[:, k] * h22[:, k] - h12[:, k] * g2[:, k]) / det[:, k]
    b = (h11[:, k] * g2[:, k] - h12[:, k] * g1[:, k]) / det[:, k]
    return out, a, b


# --------------------------------------------------------------------------- blanks


@functools.cache
def _mechanisms() -> np.ndarray:
    """Every (lift, slope, shift) of the blank model, (C, 3); blanks at random once."""
    rows = [(0.0, 0.0, 0.0)]
    rows += [
        (lift, slope, shift)
        for lift in BLANK_LIFTS
        if lift
        for slope in BLANK_SLOPES
        for shift in BLANK_SHIFTS
    ]
    return np.array(rows)


def blank_likelihood(
    answered: np.ndarray,
    blank: np.ndarray,
    n_blank: np.ndarray,
    n_asked: np.ndarray,
    scorer: Scorer,
    support: np.ndarray,
) -> np.ndarray:
    """What the blanks say, (n, m): log P(which asked items are blank | occupation) relative
    to blanks at random at the person's own rate.

    An item is answered with log-odds ``α + lift + slope × (level − 3)`` when the
    occupation lists it and ``α`` when it does not (for a catalog that rates every
    item, everything is listed); ``lift = slope = 0`` is blanks at random. How a
    person answers is theirs, not the occupation's: (α, lift, slope) is weighed by
    how well it explains the blanks of the person's best occupations ``support``
    (n, k), then every occupation is judged under those weights. ``answered`` and
    ``blank`` (n, m, L) are the counts.
    """
    width = blank.shape[2]
    rate = (n_blank + 0.5) / (n_asked + 1.0)
    base = np.log1p(-rate) - np.log(rate)  # log-odds of answering
    listed = np.ones(width)
    if scorer.weights.background:
        listed[-1] = 0.0
    above = (scorer.level_values - 3.0) * listed
    mechanisms = _mechanisms()  # (C, 3): lift, slope, shift
    z = (base[:, None, None] + mechanisms[None, :, 2:3]) + (
        mechanisms[:, 0:1] * listed + mechanisms[:, 1:2] * above
    )[None]  # (n, C, L)
    log_answer, log_blank = -np.logaddexp(0, -z), -np.logaddexp(0, z)
    combos = np.matmul(log_blank.astype(blank.dtype), blank.transpose(0, 2, 1))  # (n, C, m)
    combos += np.matmul(log_answer.astype(blank.dtype), answered.transpose(0, 2, 1))
    combos = combos.astype(np.float64)
    picked = np.take_along_axis(combos, support[:, None, :], axis=2)  # (n, C, k)
    weight = _logsumexp(picked, axis=2)
    weight -= _logsumexp(weight, axis=1)[:, None]  # the person's mechanism, (n, C)
    out = _logsumexp(combos + weight[:, :, None], axis=1)
    random = n_blank * np.log(rate) + (n_asked - n_blank) * np.log1p(-rate)
    return out - random[:, None]


# --------------------------------------------------------------------------- passes


def _first(order: np.ndarray, count: int) -> np.ndarray:
    return order[:, : min(count, order.shape[1])]


def _shortlist(gauss: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """The best of the Gaussian pass and of the probes, (n, S): by the better of the two
    ranks, the probes' counted at the ratio of the two parts of :data:`SHORTLIST`."""
    n, m = gauss.shape
    size = min(sum(SHORTLIST), m)
    rows = np.arange(n)[:, None]
    by_gauss = np.argsort(-gauss, axis=1, kind="stable")
    rank_g = np.empty((n, m), np.float64)
    rank_g[rows, by_gauss] = np.arange(m)
    rank_p = np.full((n, m), float(m))  # only the probes' best can come before the rest
    best = _first(np.argsort(-probe, axis=1, kind="stable"), size)
    rank_p[rows, best] = np.arange(best.shape[1])
    key = np.minimum(rank_g, rank_p * SHORTLIST[0] / SHORTLIST[1]) + rank_g / (2 * m)
    return np.argsort(key, axis=1, kind="stable")[:, :size]


def _styles(
    scorer: Scorer,
    offset: np.ndarray,
    scale: np.ndarray,
    best: np.ndarray,
    best_probes: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate styles of each person, (n, C) indices and validity: the cells of the
    Gaussian fits of their ``best`` occupations (n, k), of the honest style and of their
    ``best_probes`` (n, p), and every probe."""
    grid, lattice = scorer.grid, scorer.cells
    n = len(best)
    fit_m = grid.centre + np.take_along_axis(offset, best, axis=1)
    fit_b = np.take_along_axis(scale, best, axis=1)
    where = np.concatenate(
        [
            lattice.of(fit_m, fit_b),
            lattice.of(np.full((n, 1), grid.centre), np.ones((n, 1))),
            lattice.of(grid.offset[best_probes], grid.scale[best_probes]),
        ],
        axis=1,
    )
    members = lattice.members[where].reshape(n, -1)
    valid = lattice.valid[where].reshape(n, -1)
    members = np.concatenate([members, np.broadcast_to(scorer.probes, (n, len(scorer.probes)))], 1)
    valid = np.concatenate([valid, np.ones((n, len(scorer.probes)), bool)], axis=1)
    # each style once: invalid duplicates (sorted, then compared with the previous one)
    members = np.where(valid, members, -1)
    members.sort(axis=1)
    valid = members >= 0
    valid[:, 1:] &= members[:, 1:] != members[:, :-1]
    return np.maximum(members, 0), valid


def evaluate(
    rated: np.ndarray, answered: np.ndarray, blank: np.ndarray, asked: np.ndarray, scorer: Scorer
) -> Evaluation:
    """Run the passes for n people.

    ``rated`` (n, m, 6 L), ``answered`` and ``blank`` (n, m, L): the counts of
    :meth:`~matcher.core.evidence.LevelWeights.counts`; ``asked`` (n, 2): how many items
    each person left blank and how many they were asked.
    """
    gauss, offset, scale = gaussian_likelihood(rated, scorer)
    if scorer.weights.background:  # ratings of unlisted items, at the first probe (honest)
        width = scorer.weights.n_levels
        unlisted = scorer.tables[width - 1 :: width, scorer.probes[0]]
        gauss += rated[:, :, width - 1 :: width] @ unlisted.astype(rated.dtype)
    by_gauss = np.argsort(-gauss, axis=1, kind="stable")
    blanks = blank_likelihood(
        answered, blank, asked[:, 0], asked[:, 1], scorer, by_gauss[:, :SUPPORT]
    )
    gauss += blanks
    tables, log_prior = scorer.tables, scorer.grid.log_prior.astype(np.float64)
    # products on contiguous operands (a transposed operand sends matmul off BLAS)
    probe_ll = rated @ np.ascontiguousarray(tables[:, scorer.probes])  # (n, m, P)
    probe_ll = np.ascontiguousarray(probe_ll.transpose(0, 2, 1))  # (n, P, m): P reduced below
    probe_ll += log_prior[scorer.probes][:, None]
    probe = _logsumexp(probe_ll, axis=1) + blanks
    by_gauss = np.argsort(-gauss, axis=1, kind="stable")
    by_probe = _first(np.argsort(-probe, axis=1, kind="stable"), 3)
    shortlist = _shortlist(gauss, probe)
    fit_probes = _logsumexp(np.take_along_axis(probe_ll, by_probe[:, None, :], axis=2), axis=2)
    best_probes = scorer.probes[np.argsort(-fit_probes, axis=1, kind="stable")[:, :2]]
    candidates, valid = _styles(scorer, offset, scale, _first(by_gauss, 3), best_probes)
    # the person's styles: those that best explain their best few occupations
    on = np.take_along_axis(rated, _first(by_gauss, SUPPORT)[:, :, None], axis=1)
    styles_t = scorer.tables_t[candidates]  # (n, C, 6L)
    fit = np.matmul(styles_t, np.ascontiguousarray(on.transpose(0, 2, 1)))  # (n, C, SUPPORT)
    fit = _logsumexp(fit + np.where(valid, log_prior[candidates], -np.inf)[:, :, None], axis=2)
    chosen = np.argsort(-fit, axis=1, kind="stable")[:, : min(KEEP, candidates.shape[1])]
    kept = np.take_along_axis(candidates, chosen, axis=1)
    kept_prior = np.where(np.take_along_axis(valid, chosen, axis=1), log_prior[kept], -np.inf)
    short = np.take_along_axis(rated, shortlist[:, :, None], axis=1)
    exact = np.matmul(scorer.tables_t[kept], np.ascontiguousarray(short.transpose(0, 2, 1)))
    exact += kept_prior[:, :, None]
    exact = _logsumexp(exact, axis=1) + np.take_along_axis(blanks, shortlist, axis=1)
    posterior = np.exp(exact - _logsumexp(exact, axis=1)[:, None])
    # the shortlist above the rest, in exact order; the rest by the Gaussian pass
    rest = gauss.copy()
    np.put_along_axis(rest, shortlist, -np.inf, axis=1)
    top_rest = np.max(rest, axis=1)
    shift = np.where(np.isfinite(top_rest), exact.min(axis=1) - 1.0 - top_rest, 0.0)
    out = gauss + shift[:, None]
    np.put_along_axis(out, shortlist, exact, axis=1)
    return Evaluation(out, shortlist, exact, posterior, offset, scale)


def evaluate_one(ratings: np.ndarray, asked: np.ndarray, scorer: Scorer) -> Evaluation:
    """:func:`evaluate` for one person: ``ratings`` (F,) NaN where unanswered, ``asked`` (F,)
    bool. NumPy only."""
    rated, _, _ = scorer.weights.count_one(ratings, asked)
    answered, blank = scorer.listing.presence_one(ratings, asked)
    counts = np.array([[np.sum(asked & np.isnan(ratings)), np.sum(asked)]], np.float64)
    return evaluate(rated[None], answered[None], blank[None], counts, scorer)
