"""What the blanks say: the items a person was asked and left blank, or left out of a list.

A blank is more likely the less an occupation needs the item, by how much depends on the
person (some leave out what they lack, some skip at random): see :func:`blank_likelihood`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from .evidence import Evidence
from .logsum import logsumexp

if TYPE_CHECKING:
    from .scorer import Scorer

__all__ = ["BLANK_LIFTS", "BLANK_SHIFTS", "BLANK_SLOPES", "blank_likelihood", "questionnaire"]

#: How much more often a person answers an item their occupation lists (log-odds), how much
#: more the higher its level (log-odds per level above 3), and shifts of the person's rate of
#: answering what their occupation does not list: the person's mechanism is chosen among these.
BLANK_LIFTS = (0.0, 1.5, 3.0, 4.5)
BLANK_SLOPES = (0.0, 1.0, 2.5)
BLANK_SHIFTS = (-1.0, 0.0)


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


def blank_likelihood(evidence: Evidence, scorer: Scorer, support: np.ndarray) -> np.ndarray:
    """What the blanks say, (n, m): log P(which asked items are blank | occupation) relative
    to blanks at random at the person's own rate.

    An item is answered with log-odds ``α + lift + slope × (level − 3)`` when the
    occupation lists it and ``α`` when it does not (for a catalog that rates every
    item, everything is listed); ``lift = slope = 0`` is blanks at random. How a
    person answers is theirs, not the occupation's: (α, lift, slope) is weighed by
    how well it explains the blanks of the person's best occupations ``support``
    (n, k), then every occupation is judged under those weights.

    With z the log-odds of answering, log P(answered) − log P(blank) = z: so the
    log-likelihood is Σ log P(blank) over the items asked plus Σ z over those
    answered, and z is the person's α plus a table over level columns. Each person's
    counts by level column (asked, answered, and a one for the mechanism's weight) meet
    each mechanism's coefficients in one product, (n, C, m), and the log-sum runs over
    the mechanisms.
    """
    n_blank, n_asked = evidence.n_blank, evidence.n_asked
    answered = evidence.answered  # (L, m, n)
    width, m, n = answered.shape
    rate = (n_blank + 0.5) / (n_asked + 1.0)
    base = np.log1p(-rate) - np.log(rate)  # log-odds of answering, (n,)
    listed = np.ones(width)
    if scorer.weights.background:
        listed[-1] = 0.0
    above = (scorer.level_values - 3.0) * listed
    mechanisms = _mechanisms()  # (C, 3): lift, slope, shift
    table = mechanisms[:, 2:3] + mechanisms[:, 0:1] * listed + mechanisms[:, 1:2] * above
    log_blank = -np.logaddexp(0, table[None] + base[:, None, None])  # (n, C, L)
    counts = np.empty((n, 2 * width + 1, m), np.float32)
    # everything asked: the listing's totals
    asked = scorer.listed.T if evidence.asked is None else evidence.asked.transpose(2, 0, 1)
    counts[:, :width] = asked
    counts[:, width : 2 * width] = answered.transpose(2, 0, 1)
    counts[:, -1] = 1.0
    coefficients = np.empty((n, len(mechanisms), 2 * width + 1), np.float32)
    coefficients[:, :, :width] = log_blank
    coefficients[:, :, width : 2 * width] = table[None] + base[:, None, None]
    coefficients[:, :, -1] = 0.0
    people = np.arange(n)[:, None]
    picked = np.matmul(coefficients, counts[people, :, support].transpose(0, 2, 1))  # (n, C, k)
    weight = logsumexp(picked, axis=2)
    weight -= logsumexp(weight, axis=1)[:, None]  # the person's mechanism, (n, C)
    coefficients[:, :, -1] = weight
    random = n_blank * np.log(rate) + (n_asked - n_blank) * np.log1p(-rate)
    return logsumexp(np.matmul(coefficients, counts), axis=1) - random.astype(np.float32)[:, None]


def questionnaire(n_blank: np.ndarray, n_asked: np.ndarray) -> np.ndarray:
    """Whether each person answered a questionnaire, (n,) bool: most of the items they were
    asked answered. A free list (a self-assessment without ``"asked"``) leaves most items
    blank, and which ones it names is the person's choice, not a questionnaire's."""
    return 2 * np.asarray(n_blank) <= np.asarray(n_asked)
