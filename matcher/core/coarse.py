"""People who answer on part of the scale: each answer read as a cell of it.

Some people use only some points of the 0-5 scale: 1, 3 and 5; 0, 3 and 5; yes or no
(0 or 5). Their 3 means "about 2 to 4", not "3, give or take": read as a fine point, an
occupation whose level is 2 looks as far from it as one whose level is 4.5 from a 3, and
the likelihood blames the right occupation for levels the person could not express. Others
never go below a floor (nobody admits to a 0 or a 1): their lowest point means "that or
less". (On O*NET, ``scripts/evaluate_heldout.py``: respondents who use only 1, 3 and 5
ranked their occupation at MRR 0.70, below Euclidean distance's 0.73; read by cells, 0.83.
Yes-or-no answers: 0.44, below Spearman's 0.55; by cells, 0.60. A floor drawn in 1.5-2.5:
0.46, below Spearman's 0.64; by cells, 0.78.)

A person whose answers are never on two neighbouring points, and leave out an inner
point of the scale with at least :data:`MIN_SUPPORT` answers on the used points either
side of it, answers on *a few points*: each answer reads as its *cell*, the points of the
whole scale nearest to it, a point halfway between two used points shared between them.
A person with at least :data:`MIN_SUPPORT` answers on their lowest point, above 0, and
answers :data:`FLOOR_SPAN` points above it, has *a floor*: the cell of their lowest point
holds every point below it. The probability of an answer is the sum of its cell's
(:func:`cells`, :func:`reread`). Everybody else reads as before, and so do free lists:
their points are what the person chose to name, not a way of answering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .weights import RATINGS

__all__ = ["FLOOR_SPAN", "MIN_SUPPORT", "Coarse", "cells", "own_tables", "points", "reread"]

#: Answers on the two used points either side of an unused inner point that make its
#: absence a way of answering, not chance (an honest rater with a few answers near one
#: level skips points by chance; with eight beside it, a point between them is unlikely
#: to go unused).
MIN_SUPPORT = 8
#: Points a person's answers span above their lowest for it to read as a floor: a narrow
#: range is a squeezed scale, which the response styles read (read as a floor, midpoint
#: raters lost 0.5 points of MRR on O*NET; with this span, 0.1).
FLOOR_SPAN = 3


@dataclass(frozen=True)
class Coarse:
    """The people of a group who answer on part of the scale (a few points, or above a
    floor), ``who`` (n,) bool, and each person's cell of every point, ``merge`` (n, 6, 6):
    ``merge[p, u, v]`` the share of whole point v in the cell of used point u (the identity
    for everybody else)."""

    who: np.ndarray
    merge: np.ndarray

    def take(self, rows: np.ndarray) -> Coarse | None:
        """The same for people ``rows``; None when none of them answers on part of the scale."""
        who = self.who[rows]
        return Coarse(who, self.merge[rows]) if who.any() else None


def points(ratings: np.ndarray) -> np.ndarray:
    """How many answers each person gave at each point, (n, 6) from ``ratings`` (n, F),
    NaN where unanswered; a rating between two whole points counts for both by linear
    interpolation, as the evidence counts it."""
    values = np.where(np.isnan(ratings), -1.0, ratings)
    low = np.floor(values)
    share = (values - low).ravel()
    # column 0 for unanswered, 1-6 for the points 0-5, 7 above them: two counts, no (n, F, 6)
    at = (np.arange(len(values))[:, None] * 8 + low.astype(np.intp) + 1).ravel()
    size = 8 * len(values)
    counts = np.bincount(at, 1.0 - share, size) + np.bincount(at + 1, share, size)
    return counts.reshape(-1, 8)[:, 1:7]


def cells(answers: np.ndarray, questionnaire: np.ndarray) -> Coarse | None:
    """Who answers on part of the scale among people with ``answers`` (n, 6) at each point
    (from :func:`points`), and each one's cells; ``questionnaire`` (n,) bool: only those
    answering a questionnaire can (see the module docstring). None when nobody does.

    In a catalog that lists a few items per occupation the items a person lacks are the
    unlisted majority: rated 1 ("a little") and read as points, 260 answers of 1 fit a
    squeezed scale with careless answers under which every occupation is about as likely
    (whole questionnaires of the built-in catalog, honest answers with nothing below 1:
    hit@1 0.62, read as a floor 0.99; nothing below 2: 0.91 and 0.95)."""
    used = answers > 0
    n = len(answers)
    lowest = np.argmax(used, axis=1)
    highest = RATINGS - 1 - np.argmax(used[:, ::-1], axis=1)
    floored = (
        questionnaire
        & (lowest >= 1)
        & (answers[np.arange(n), lowest] >= MIN_SUPPORT)
        & (highest - lowest >= FLOOR_SPAN)
    )
    # Never two neighbouring points: a person who uses 0, 3, 4 and 5 answers on the whole
    # scale (the items they lack at 0, the others at their levels), not on a few points.
    apart = ~(used[:, 1:] & used[:, :-1]).any(axis=1) & questionnaire
    few = _gapped(answers, used) & apart if apart.any() else apart
    who = few | floored
    if not who.any():  # most people
        return None
    merge = np.broadcast_to(np.eye(RATINGS, dtype=np.float32), (n, RATINGS, RATINGS)).copy()
    rows = np.flatnonzero(floored & ~few)  # the lowest point's cell: it and every point below
    merge[rows, lowest[rows]] = np.arange(RATINGS) <= lowest[rows, None]
    for person in np.flatnonzero(few):  # the cells of a few points hold the floor too
        merge[person] = _merge(used[person])
    return Coarse(who, merge)


def _gapped(answers: np.ndarray, used: np.ndarray) -> np.ndarray:
    """Whose answers leave out an inner point with :data:`MIN_SUPPORT` answers on the used
    points either side of it (at least 2 on each), (n,) bool."""
    scale = np.arange(RATINGS)
    # the nearest used point at or below and at or above each point (−1 / 6: none)
    below = np.maximum.accumulate(np.where(used, scale, -1), axis=1)
    above = np.minimum.accumulate(np.where(used, scale, RATINGS)[:, ::-1], axis=1)[:, ::-1]
    inner = ~used & (below >= 0) & (above < RATINGS)
    padded = np.concatenate([answers, np.zeros((len(answers), 1))], axis=1)  # −1, 6: nothing
    low = np.take_along_axis(padded, np.where(below >= 0, below, RATINGS), axis=1)
    high = np.take_along_axis(padded, np.where(above < RATINGS, above, RATINGS), axis=1)
    return (inner & (low + high >= MIN_SUPPORT) & (np.minimum(low, high) >= 2)).any(axis=1)


def _merge(used: np.ndarray) -> np.ndarray:
    """Cells of one person's ``used`` points (6,) bool: each whole point to the nearest used
    point, halfway points shared; rows of unused points stay the identity (no answer is
    counted there, and a row of zeros would make its log −inf)."""
    scale = np.arange(RATINGS)
    distance = np.abs(scale[None, :] - np.flatnonzero(used)[:, None])  # (U, 6)
    nearest = distance == distance.min(axis=0, keepdims=True)
    out = np.eye(RATINGS, dtype=np.float32)
    out[used] = nearest / nearest.sum(axis=0, keepdims=True)
    return out


def reread(tables: np.ndarray, coarse: Coarse | None) -> np.ndarray:
    """``tables`` (n, X, L 6) of log P(answer | level) gathered for each of n people (level
    column, then point) with the rows of coarse people read by their cells, in place (a
    gathered array is the caller's own); returned for chaining."""
    if coarse is None:
        return tables
    _, count, width = tables.shape
    rows = np.flatnonzero(coarse.who)
    # in float64: a table's least probability (1e-300, with no careless answers) underflows
    # float32, and a cell of nothing (log 0) times no answers would be NaN
    fine = np.exp(tables[rows].reshape(len(rows), count, width // RATINGS, RATINGS), dtype=float)
    summed = np.einsum("pxlv,puv->pxlu", fine, coarse.merge[rows].astype(float))
    tables[rows] = np.log(summed).reshape(len(rows), count, width)
    return tables


def own_tables(tables: np.ndarray, coarse: Coarse) -> np.ndarray:
    """Tables every person shares, (X, L 6), as each person of ``coarse``'s group reads
    them, (n, X, L 6)."""
    return reread(np.repeat(tables[None], len(coarse.who), axis=0), coarse)
