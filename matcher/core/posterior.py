"""How sure: the probability of each of a person's shortlist, the ranking's confidence.

The posterior of what the answers say alone (the catalog's relations order the list, they are
no evidence about the person), among every occupation of the catalog, with the chance that the
answers follow no item at all (:mod:`matcher.core.flat`) beside each. It sets the confidence,
not the order. Pure NumPy.
"""

from __future__ import annotations

import numpy as np

from .logsum import logsumexp

__all__ = [
    "FREE_LIST_BLANKS",
    "FREE_LIST_BLANKS_RATED",
    "REST_PERCENTILE",
    "confidence",
    "share",
]

#: Percentile of the exact pass's lead over the Gaussian pass on the shortlist that moves the
#: rest into the posterior (:func:`confidence`). The rest fit worse, where the Gaussian pass
#: runs ahead of the exact one: with the median, questionnaires' first matches below 0.3
#: were given 0.196 where 0.242 were right (O*NET suite); with the 10th, 0.209 and 0.229
#: (0.215 and 0.219 over the shortlist alone), free lists as much better as with the median.
REST_PERCENTILE = 10
#: How much of what a free list leaves out the confidence weighs (not the order), in a catalog
#: that lists what each occupation needs and in one that rates every item for every occupation.
#: The blank model reads each unnamed item as told apart, where people name items in clusters
#: (the person's mechanism is also fitted to their best occupations), so in full it was too
#: sure: simulated free lists' first matches (``scripts/evaluate_freelists.py``, the means of
#: its eight styles) were given 61 % on the built-in catalog where 57 % were right, 30 % on
#: O*NET where 20 %. A catalog that rates every item leaves far more of them unnamed (about 75
#: of O*NET's 90, where a built-in occupation lists about 10), clustered the more: at 0.75 on
#: both, 55 % and 25 %; at 0.4 for those, O*NET's 19 % where 20 % were right (the O*NET
#: personas' first matches 0.46 -> 0.41 where 0.30 were right; still too sure).
FREE_LIST_BLANKS = 0.75
FREE_LIST_BLANKS_RATED = 0.4


def confidence(
    styles: np.ndarray,
    blanks: np.ndarray,
    flat: np.ndarray,
    questionnaire: np.ndarray,
    listed: np.ndarray,
    rest: np.ndarray,
    free_list_blanks: float = FREE_LIST_BLANKS,
) -> tuple[np.ndarray, np.ndarray]:
    """The probability of each of a shortlist (n, S) given the answers, among every
    occupation: ``styles`` (n, S) what the ratings say (the styles integrated), ``blanks``
    (n, S) what the blanks say, ``flat`` (n,) the answers' likelihood if they follow no item
    (:mod:`matcher.core.flat`, beside every occupation), ``questionnaire`` (n,) bool whether
    each person answered a questionnaire (else a free list: its blanks weigh
    ``free_list_blanks``, :data:`FREE_LIST_BLANKS` or, in a catalog that rates every item,
    :data:`FREE_LIST_BLANKS_RATED`); ``listed`` (n, S) the Gaussian pass of the shortlist and
    ``rest`` (n, m) of every occupation, -inf on the shortlist.

    Normalised over the shortlist alone, free lists of ten-odd items on O*NET (879
    occupations, many alike, the truth often outside the 45) gave their first match 27-33 %
    on average where 15-23 % were right (``scripts/evaluate_freelists.py``). The Gaussian pass
    is the exact one give or take a constant of the person's, which the shortlist, scored
    both ways, shows: :data:`REST_PERCENTILE` of the differences moves the rest in.

    Returns the shortlist's probabilities and, for the rest, (n, 2): what moves an occupation's
    ``rest`` into the posterior and the flat term's share, for :func:`share`.
    """
    exact = styles + np.where(questionnaire[:, None], blanks, free_list_blanks * blanks)
    lead = exact - listed
    k = (lead.shape[1] - 1) * REST_PERCENTILE // 100
    moved = np.partition(lead, k, axis=1)[:, k]  # np.percentile: 0.1 ms of every call
    likely = np.logaddexp(exact, flat[:, None])
    total = logsumexp(likely, axis=1)
    others = rest.shape[1] - listed.shape[1]
    if others:  # each of the rest: its likelihood, plus the flat one (summed apart)
        outside = logsumexp(rest, axis=1) + moved  # -inf where every one underflows
        total = np.logaddexp(total, np.logaddexp(outside, flat + np.log(others)))
    return np.exp(likely - total[:, None]), np.stack([moved - total, flat - total], axis=1)


def share(
    rows: np.ndarray,
    shortlist: np.ndarray,
    posterior: np.ndarray,
    log_likelihood: np.ndarray,
    outside: np.ndarray,
) -> np.ndarray:
    """The probability of occupation ``rows`` (n, k) for each person: from ``posterior``
    (n, S) on the ``shortlist`` (n, S), else from ``log_likelihood`` (n, m) moved by
    ``outside`` (n, 2) (:func:`confidence`'s second result, moved by however the ranking
    shifted the rest). Each of the rest holds its small share: at 0 they hid most of the
    probability of a person who rated one item (two thirds of it, over 165 occupations)."""
    rows = np.asarray(rows)
    match = shortlist[:, None, :] == rows[:, :, None]
    listed = (match * posterior[:, None, :]).sum(axis=2)
    inside = match.any(axis=2)
    if inside.all():  # the usual top 10: none past the shortlist
        return listed
    level = np.take_along_axis(log_likelihood, rows, axis=1).astype(np.float64)
    with np.errstate(invalid="ignore"):  # -inf + -inf: nothing outside
        rest = np.exp(np.logaddexp(level + outside[:, :1], outside[:, 1:]))
    return np.where(inside, listed, np.nan_to_num(rest))
