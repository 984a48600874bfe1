"""The shortlist: which occupations each person's exact pass scores, and which their styles
are chosen on (:mod:`matcher.core.likelihood`, passes 2 and 3).

Both are read off the ranks of the two cheap passes over every occupation (the Gaussian
approximation and the probe styles); only the few best of each can enter, so each is found
from those few and inverse maps, never a sort of every occupation.
"""

from __future__ import annotations

import numpy as np

from .ranking import gather

__all__ = ["SHORTLIST", "SUPPORT", "pick", "rank_of", "sizes", "support"]

#: Occupations scored exactly for each person: the best of the Gaussian pass and of the probes.
SHORTLIST = (30, 15)
#: Occupations the person's styles are chosen on (see :func:`support`).
SUPPORT = 6


def support(shortlist: np.ndarray, by_gauss: np.ndarray) -> np.ndarray:
    """The occupations each person's styles are chosen on, (n, :data:`SUPPORT`): the first
    half from the shortlist (which weighs the probes' exact likelihood with the Gaussian
    pass), the rest the Gaussian pass's best not among them.

    On the Gaussian pass's best alone, a person who rates every item of a listing catalog
    (most of them items their job does not list) had their styles chosen for occupations
    the Gaussian pass favoured wrongly, and their own occupation's best style left out (a
    dentist's honest answers ranked QA Engineer first): +2.7 points of MRR on such people
    (the built-in catalog, 9 styles); O*NET's suite +0.1. The shortlist alone cost free
    lists 0.2 points (midpoint raters 1.3); half of each keeps both."""
    if by_gauss.shape[1] <= SUPPORT:  # a catalog this small: every occupation
        return by_gauss
    head = shortlist[:, : SUPPORT // 2]
    pool = by_gauss[:, : SUPPORT + head.shape[1]]  # at least SUPPORT of them not in head
    free = (pool[:, :, None] != head[:, None, :]).all(axis=2)
    free &= np.cumsum(free, axis=1) <= SUPPORT - head.shape[1]
    return np.concatenate([head, pool[free].reshape(len(pool), -1)], axis=1)


def pick(gauss: np.ndarray, by_gauss: np.ndarray, by_probe: np.ndarray) -> np.ndarray:
    """The best of the Gaussian pass ``gauss`` (n, m) and of the probes, (n, S): by the
    better of the two ranks, the probes' counted at the ratio of the two parts of
    :data:`SHORTLIST`.

    ``by_gauss`` and ``by_probe`` are the best rows of each pass, best first: at least
    :func:`sizes` of them, for only those can rank among the first S."""
    m = gauss.shape[1]
    size, from_probes, ratio = sizes(m)
    by_gauss, by_probe = by_gauss[:, :size], by_probe[:, :from_probes]
    rows = np.concatenate([by_gauss, by_probe], axis=1)
    rank_g = np.empty(rows.shape)
    rank_g[:, :size] = np.arange(size)
    if (2 * ratio).is_integer():
        # A row only the probes bring has a Gaussian rank of at least S; with the ratio a
        # multiple of 1/2 its key falls between the same half points whatever that rank is.
        rank_g[:, size:] = size
    else:
        rank_g[:, size:] = rank_of(gauss, by_probe)
    # where each row stands in the other pass's list (m: not in it), by inverse maps
    n, people = len(rows), np.arange(len(rows))[:, None]
    place = np.full((n, m), m, np.intp)
    place[people, by_probe] = np.arange(from_probes)
    rank_p = np.empty(rows.shape)
    rank_p[:, :size] = gather(place, by_gauss)
    rank_p[:, size:] = np.arange(from_probes)
    place[people, by_probe] = m
    place[people, by_gauss] = 0
    twice = gather(place, by_probe) < m  # a row in both: ranked once
    if (2 * ratio).is_integer():  # the key × 4m is a whole number: one sort, rows last
        key = np.minimum(2 * rank_g, rank_p * (2 * ratio)) * (2 * m) + 2 * rank_g
        key = key.astype(np.int64) * m + rows
        key[:, size:][twice] = np.iinfo(np.int64).max
        order = np.argsort(key, axis=1, kind="stable")[:, :size]
    else:
        key = np.minimum(rank_g, rank_p * ratio) + rank_g / (2 * m)
        key[:, size:][twice] = np.inf
        order = np.lexsort((rows, key), axis=1)[:, :size]  # equal keys: the lower row first
    return gather(rows, order)


def rank_of(scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Rank (0 = best) of columns ``rows`` (n, k) in each row of ``scores`` (n, m), ties to
    the lower column: their place in a stable sort by descending score."""
    own = gather(scores, rows)[:, :, None]
    before = np.arange(scores.shape[1]) < rows[:, :, None]
    above = (scores[:, None, :] > own) | ((scores[:, None, :] == own) & before)
    return above.sum(axis=2)


def sizes(m: int) -> tuple[int, int, float]:
    """The shortlist's size S over m occupations, how many of the probes' best can enter it
    (their S best are ranked, the rest count as last) and the ratio their ranks count at."""
    size = min(sum(SHORTLIST), m)
    ratio = SHORTLIST[0] / SHORTLIST[1]
    return size, min(int(np.ceil(size / ratio)), size), ratio
