"""How likely a person's self-assessment is under each occupation: the maths, pure NumPy.

A person's ratings are whole points 0-5 read off their occupation's levels
through a response style (:mod:`matcher.core.styles`: an offset, a scale, a
noise and a share of careless answers, unknown and integrated over a prior),
and the items they were asked but left blank say something too
(:mod:`matcher.core.blanks`). All that one occupation needs is the person's
evidence counted by level (:mod:`matcher.core.evidence`), so every step below
is a product of those counts with a table.

Integrating over thousands of styles for every occupation would be slow, and
most styles do not fit a given person at all, so the work is done in passes:

1. **Every occupation**, twice cheaply: a Gaussian approximation of the
   ratings whose offset and scale integrate in closed form under a Gaussian
   version of each family of the prior (:mod:`matcher.core.gaussian`), and the
   exact likelihood under a dozen *probe* styles. The best of each make a
   shortlist (:data:`~matcher.core.shortlist.SHORTLIST`).
2. **The person's styles**: the fine styles near the Gaussian fits of the best
   occupations and near the best probes are scored on the first few of the
   shortlist (by both passes); the :data:`KEEP` that explain them best are the
   person's.
3. **The shortlist** is scored exactly over those styles. Outside it, the
   Gaussian approximation orders the rest, below the shortlist, and weighs them in the
   posterior (the confidence), which also weighs answers that follow no item at all
   (:mod:`matcher.core.flat`).

In passes 2 and 3 the personal items may sit apart from the skills
(:mod:`matcher.core.personal`), and a person who answers on part of the scale reads
each answer as a cell of it (:mod:`matcher.core.coarse`); the first pass reads
everybody alike.

:func:`evaluate` runs the passes for many people at once on their evidence,
which :func:`evaluate_many` counts with SciPy (a batch) and :func:`evaluate_one`
with NumPy alone (one person); everything else is the same code, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .blanks import blank_likelihood, questionnaire
from .coarse import Coarse, cells, own_tables, reread
from .evidence import Evidence
from .flat import flat_likelihood
from .gaussian import gaussian_likelihood
from .logsum import logsumexp, softmax
from .personal import correction
from .posterior import FREE_LIST_BLANKS, FREE_LIST_BLANKS_RATED, confidence, share
from .ranking import gather, top_k
from .relations import related_prior
from .scorer import Scorer
from .shortlist import SUPPORT, pick, sizes, support
from .support import candidate_groups, kept_styles
from .weights import RATINGS

__all__ = [
    "Evaluation",
    "evaluate",
    "evaluate_many",
    "evaluate_one",
    "reduced",
]

#: Styles kept for the exact pass.
KEEP = 24


@dataclass(frozen=True)
class Evaluation:
    """What the passes found for n people over m occupations.

    log_likelihood : (n, m), what the ranking is by (the shortlist exact, the rest below it).
    shortlist : (n, S) occupation rows scored exactly, and ``exact`` (n, S) their
        log-likelihoods, with the catalog's relations (:mod:`matcher.core.relations`), the
        order of the ranking; ``posterior`` (n, S) the probability of each given the
        person's answers alone, among every occupation
        (:func:`~matcher.core.posterior.confidence`).
    offset, scale : (n, m) how each person's ratings sit against each occupation's levels
        (the Gaussian pass's fit: 0 and 1 for ratings at the levels themselves).
    outside : (n, 2) what gives each occupation outside the shortlist its probability from
        ``log_likelihood`` (:func:`~matcher.core.posterior.share`).
    related, blanks : (n, S) the relations' part of ``exact`` (None for a catalog that
        relates no occupations) and the blanks' part; ``blank_weight`` (n,) how much of the
        blanks' part ``posterior`` weighs (a free list's :data:`FREE_LIST_BLANKS`, else 1):
        what makes the order and the confidence disagree.
    """

    log_likelihood: np.ndarray
    shortlist: np.ndarray
    exact: np.ndarray
    posterior: np.ndarray
    offset: np.ndarray
    scale: np.ndarray
    outside: np.ndarray
    related: np.ndarray | None = None
    blanks: np.ndarray | None = None
    blank_weight: np.ndarray | None = None

    def confidence(self, rows: np.ndarray) -> np.ndarray:
        """Posterior probability of occupation ``rows`` (n, k) for each person."""
        return share(rows, self.shortlist, self.posterior, self.log_likelihood, self.outside)


# --------------------------------------------------------------------------- passes


def reduced(evidence: Evidence, scorer: Scorer) -> np.ndarray:
    """What the first pass needs of every occupation, (7 + P, m, n) float32: the counts times
    :attr:`Scorer.reduction` (see :func:`~matcher.core.scorer._reduction`)."""
    reduce = scorer.reduction.T  # (K, L 6)
    if evidence.rated.shape[2] == 1:  # one person: one product over every occupation at once
        sums = reduce @ evidence.rated[:, :, 0].T  # (K, m), the transpose read in place
        sums += reduce @ evidence.base
        return sums[:, :, None]
    sums = np.matmul(reduce, evidence.rated)  # (m, K, n): a product per occupation
    sums += reduce @ evidence.base  # the typical rows' part
    return np.ascontiguousarray(sums.transpose(1, 0, 2))


def _probes_by_cells(evidence: Evidence, scorer: Scorer, coarse: Coarse) -> np.ndarray:
    """The probe styles' log-likelihood of every occupation for the people who answer on
    part of the scale, read by their cells, (P, m, c)."""
    rows = np.flatnonzero(coarse.who)
    tables = own_tables(scorer.probe_tables.T, coarse.take(rows))  # (c, P, L 6)
    counts = evidence.rated[:, :, rows] + evidence.base[None, :, rows]  # (m, L 6, c)
    return np.matmul(tables, counts.transpose(2, 1, 0)).transpose(1, 2, 0)


def evaluate(evidence: Evidence, scorer: Scorer) -> Evaluation:
    """Run the passes for n people over their :class:`~matcher.core.evidence.Evidence`."""
    m, _, n = evidence.rated.shape
    sums = reduced(evidence, scorer)
    gauss, offset, scale = gaussian_likelihood(sums[:6], scorer.grid.centre)
    if scorer.weights.background:  # ratings of unlisted items, at the first probe (severe)
        gauss += sums[6]
    blanks = blank_likelihood(evidence, scorer, top_k(np.ascontiguousarray(gauss.T), SUPPORT))
    gauss = gauss.T + blanks  # (n, m) from here on
    log_prior = scorer.grid.log_prior.astype(np.float32)  # the passes in float32
    asked = questionnaire(evidence.n_blank, evidence.n_asked)
    # answers on a few points or above a floor: read by cells
    coarse = cells(evidence.points, asked)
    if coarse is not None:  # their probes read by their cells too: the shortlist is theirs
        sums[7:, :, coarse.who] = _probes_by_cells(evidence, scorer, coarse)
    probe_ll = sums[7:] + log_prior[scorer.probes][:, None, None]  # (P, m, n)
    probe = logsumexp(probe_ll, axis=0).T + blanks
    size, from_probes, _ = sizes(m)
    by_gauss = top_k(gauss, max(size, SUPPORT, 3))
    by_probe = top_k(probe, max(from_probes, 3))
    shortlist = pick(gauss, by_gauss, by_probe)
    people = np.arange(n)[:, None]
    fit_probes = logsumexp(probe_ll[:, by_probe[:, :3], people], axis=2).T  # (n, P)
    best_probes = scorer.probes[top_k(fit_probes, 2)]
    offset, scale = offset.T, scale.T
    groups, real, probes = candidate_groups(scorer, offset, scale, by_gauss[:, :3], best_probes)
    on = evidence.rows(support(shortlist, by_gauss))  # (n, k, 6 L)
    kept, kept_prior = kept_styles(scorer, on, groups, real, probes, KEEP, coarse)
    short = evidence.rows(shortlist)
    tables = reread(scorer.by_style[kept], coarse)
    exact = np.matmul(tables, short.transpose(0, 2, 1)) + kept_prior[:, :, None]
    # The personal items may sit apart from the skills on a person's scale: weighed for a
    # questionnaire only. A free list names what a person has, rated high, without the low
    # answers that place each kind of item (its matches changed by chance: two personas lost
    # an acceptable fifth match, none gained one).
    if evidence.personal is not None and asked.any():
        own = evidence.personal(shortlist).transpose(0, 2, 1)
        exact += correction(scorer.offset_by_style, kept, own, coarse) * asked[:, None, None]
    styles = logsumexp(exact, axis=1)
    by_blanks = gather(blanks, shortlist)
    exact = styles + by_blanks
    related = None
    if scorer.relations is not None:
        # The order follows the catalog's relations of the likely occupations; the posterior
        # does not: it stays what the answers say (calibrated), a preference is no evidence.
        related = related_prior(shortlist, softmax(exact, axis=1), scorer.relations, m)
        exact = exact + related
    # How sure: the answers may not follow the items at all (straight-lining), nor the blanks
    # (at random: ``by_blanks`` is relative to that), equally likely under every occupation
    # (matcher.core.flat). It sets the posterior, not the order, which it leaves as it is.
    counts = short[:, 0].reshape(n, -1, RATINGS).sum(axis=1).T  # (6, n): any row will do
    flat = flat_likelihood(counts, evidence.n_blank, evidence.n_asked)
    # the shortlist above the rest, in exact order; the rest by the Gaussian pass
    rest = gauss.copy()
    rest[people, shortlist] = -np.inf
    weight = FREE_LIST_BLANKS if scorer.weights.background else FREE_LIST_BLANKS_RATED
    posterior, outside = confidence(
        styles, by_blanks, flat, asked, gather(gauss, shortlist), rest, weight
    )
    top_rest = np.max(rest, axis=1)
    shift = np.where(np.isfinite(top_rest), exact.min(axis=1) - 1.0 - top_rest, 0.0)
    out = np.add(gauss, shift[:, None], dtype=np.float64)
    out[people, shortlist] = exact
    outside[:, 0] -= shift  # the rest as ``out`` has them
    weighed = np.where(asked, 1.0, weight)  # as confidence() weighs the blanks
    return Evaluation(
        out, shortlist, exact, posterior, offset, scale, outside, related, by_blanks, weighed
    )


def evaluate_many(ratings: np.ndarray, asked: np.ndarray | None, scorer: Scorer) -> Evaluation:
    """:func:`evaluate` for many people: ``ratings`` (n, F) NaN where unanswered, ``asked``
    (n, F) bool, or None when every item was asked (a survey). Needs SciPy."""
    return evaluate(scorer.evidence(ratings, asked), scorer)


def evaluate_one(ratings: np.ndarray, asked: np.ndarray, scorer: Scorer) -> Evaluation:
    """:func:`evaluate` for one person: ``ratings`` (F,) NaN where unanswered, ``asked`` (F,)
    bool. NumPy only."""
    return evaluate(scorer.evidence(ratings, asked), scorer)
