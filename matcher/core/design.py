"""A fixed questionnaire that tells occupations apart: the items in the order worth asking,
pure NumPy.

When every respondent gets the same list (a survey form), the items are chosen
greedily on simulated respondents: :data:`RESPONDENTS` per occupation, each with a
response style drawn from the ranking's prior (:mod:`matcher.core.styles`) and
answers drawn item by item from the same answer distributions the adaptive
questions use (:mod:`matcher.core.questions`). Given the items chosen so far, the
next is the one whose answers raise the mean log-posterior of the respondents'
own occupations most: an estimate of the information the answers add about the
occupation (the style of each respondent taken as known). The first N items of
a longer design are the design of N.

Once no item left adds information (:data:`SPENT`: on a small catalog the first few dozen
items already tell each simulated respondent's occupation for sure), the gains left are
rounding and their argmax the lowest index: the vocabulary's alphabetical order, items no
occupation lists first among them. The rest of the design is then :func:`listed_order`:
the items most occupations list, so that a survey asks what the catalog uses.
"""

from __future__ import annotations

import numpy as np

from .questions import AnswerModel
from .weights import RATINGS

__all__ = ["MAX_OCCUPATIONS", "RESPONDENTS", "SPENT", "design", "listed_order"]

#: Simulated respondents per occupation: eight were no better than two (the README's
#: *A fixed questionnaire*) and took O*NET's design from 5 s to 17 s.
RESPONDENTS = 2

#: The most occupations simulated (a random sample of a larger catalog, the same every run).
MAX_OCCUPATIONS = 1500

#: The gain (nats of the respondents' mean log-posterior) at or below which an item adds
#: nothing: far above the rounding of the sums (about 1e-16), far below any item that tells
#: something (the least of the built-in catalog's is about 1e-6 bits).
SPENT = 1e-9


def listed_order(importance: np.ndarray) -> np.ndarray:
    """Every item (a column of ``importance``, occupations by items) by how many occupations
    list it (importance above 0), then its mean importance, then the feature order."""
    listed = np.count_nonzero(importance > 0, axis=0)
    mean = np.mean(importance, axis=0)
    return np.lexsort((np.arange(len(listed)), -mean, -listed))


def _answers(
    columns: np.ndarray, by_style: np.ndarray, truth: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Answers (R, F) of simulated respondents of occupations ``truth`` (R,) whose response
    styles give ratings by level column ``by_style`` (R, 6, L): each item drawn from its
    answer distribution."""
    p = np.einsum("frk,rvk->rfv", columns[:, truth], by_style)  # (R, F, 6)
    cumulative = np.cumsum(p / p.sum(axis=2, keepdims=True), axis=2)
    draw = rng.random((*p.shape[:2], 1))
    return np.minimum((draw > cumulative).sum(axis=2), RATINGS - 1)


def design(
    model: AnswerModel,
    n_items: int,
    then: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``n_items`` items that together tell occupations apart best, in the order chosen,
    and the information (bits) each chosen one added: once no item adds more than
    :data:`SPENT`, the others follow in the order ``then`` (every feature index, see
    :func:`listed_order`), so the design chose the first ``len(gains)`` items.

    :data:`RESPONDENTS` are simulated per occupation (of at most :data:`MAX_OCCUPATIONS`).
    Lazy greedy: an item's gain when last scored bounds its next one, so only the items whose
    bound could win are scored again. Deterministic: the simulation's seed is fixed.
    """
    rng = np.random.default_rng(0)
    m = model.scorer.weights.n_occupations
    rows = np.arange(m)
    if m > MAX_OCCUPATIONS:
        rows = np.sort(rng.choice(m, MAX_OCCUPATIONS, replace=False))
    columns = model.ratings.columns(rows)  # (F, C, L)
    n_features, c, width = columns.shape
    truth = np.repeat(np.arange(c), RESPONDENTS)
    styles = rng.choice(len(model.styles), size=len(truth), p=model.styles)
    by_style = model.probabilities[styles].reshape(len(truth), RATINGS, width)  # (R, 6, L)
    answers = _answers(columns, by_style, truth, rng)
    # each respondent's posterior over the occupations, kept as probabilities (no logs of the
    # whole matrix per item scored): normalised after each item chosen, the negligible at 0
    posterior = np.full((len(truth), c), 1.0 / c)
    people = np.arange(len(truth))

    def score(item: int) -> tuple[float, np.ndarray]:
        # P(each respondent's answer | every occupation) under the respondent's style
        seen = by_style[people, answers[:, item]].astype(np.float64)  # (R, L)
        after = posterior * (seen @ columns[item].T)  # (R, C)
        total = after.sum(axis=1)
        return float(np.mean(np.log(after[people, truth] / total))), after / total[:, None]

    available = np.ones(n_features, bool)
    bound = np.full(n_features, np.inf)  # an item's gain when last scored: above its next one
    chosen, gains = [], []
    current = -float(np.log(c))  # the mean log-posterior of the truth before any item
    for _ in range(min(n_items, n_features)):
        fresh: set[int] = set()
        while True:
            open_items = np.flatnonzero(available)
            best = int(open_items[np.argmax(bound[open_items])])  # ties: the lower index
            if best in fresh:
                break
            bound[best] = score(best)[0] - current
            fresh.add(best)
        if bound[best] <= SPENT:  # nothing left tells more: every other bound is lower
            break
        posterior = score(best)[1]
        posterior[posterior < 1e-30] = 0.0  # no denormals: they are slow, and nothing
        chosen.append(best)
        gains.append(float(bound[best]) / np.log(2))
        current += float(bound[best])
        available[best] = False
    rest = [int(i) for i in then if available[i]][: min(n_items, n_features) - len(chosen)]
    return np.array(chosen + rest, dtype=np.intp), np.array(gains)
