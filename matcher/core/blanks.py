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
    from .likelihood import Scorer

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
    """What the blanks say, (m, n): log P(which asked items are blank | occupation) relative
    to blanks at random at the person's own rate.

    An item is answered with log-odds ``α + lift + slope × (level − 3)`` when the
    occupation lists it and ``α`` when it does not (for a catalog that rates every
    item, everything is listed); ``lift = slope = 0`` is blanks at random. How a
    person answers is theirs, not the occupation's: (α, lift, slope) is weighed by
    how well it explains the blanks of the person's best occupations ``support``
    (n, k), then every occupation is judged under those weights.

    With z the log-odds of answering, log P(answered) − log P(blank) = z: so the
    log-likelihood is Σ log P(blank) over the items asked plus Σ z over those
    answered, and z is the person's α plus a table over level columns.
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
    log_blank = (-np.logaddexp(0, table[:, :, None] + base)).astype(np.float32)  # (C, L, n)
    if evidence.asked is None:  # everything asked: the listing's totals
        combos = np.matmul(scorer.listed, log_blank)  # (C, m, n)
    else:
        # a product per person (einsum took several times longer)
        asked = evidence.asked.transpose(2, 0, 1)  # (n, L, m)
        combos = np.matmul(log_blank.transpose(2, 0, 1), asked).transpose(1, 2, 0)
    combos += (table.astype(np.float32) @ answered.reshape(width, m * n)).reshape(-1, m, n)
    # the person's α times the items answered: the same for every mechanism
    shared = answered.sum(axis=0) * base.astype(np.float32)  # (m, n)
    people = np.arange(n)
    picked = combos[:, support.T, people] + shared[support.T, people]  # (C, k, n)
    weight = logsumexp(picked, axis=1)
    weight -= logsumexp(weight, axis=0)  # the person's mechanism, (C, n)
    combos += weight[:, None, :]
    random = n_blank * np.log(rate) + (n_asked - n_blank) * np.log1p(-rate)
    return logsumexp(combos, axis=0) + (shared - random.astype(np.float32))


def questionnaire(n_blank: np.ndarray, n_asked: np.ndarray) -> np.ndarray:
    """Whether each person answered a questionnaire, (n,) bool: most of the items they were
    asked answered. A free list (a self-assessment without ``"asked"``) leaves most items
    blank, and which ones it names is the person's choice, not a questionnaire's."""
    return 2 * np.asarray(n_blank) <= np.asarray(n_asked)
