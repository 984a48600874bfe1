"""Answers that do not follow the items: the same rating, give or take, whatever is asked.

Straight-lining (a 3 for every item, or a 5) is the most common careless pattern of long
surveys. No response style of :mod:`matcher.core.styles` describes it: the most squeezed
of them still reads a rating off the item's level, so a person who rates everything 3 fits
best the occupations whose levels sit nearest 3, and was told so with confidence (Farm
Worker at 40 % for 280 answers of 3 on the built-in catalog). Here such answers are a style
of their own, the same for every occupation: a rating ``round(m + noise)`` with ``m``
anywhere on the scale, and a share of careless answers. Its likelihood needs only how many
answers a person gave of each rating, and, being the same for every occupation, it can
only make the ranking less sure where it explains the answers better than the styles that
read the levels; a person who tells their items apart loses nothing to it.

Pure NumPy (the standard library's ``erf``).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from .blanks import questionnaire
from .styles import CUTS

__all__ = ["FLAT_WEIGHT", "flat_likelihood"]

#: Prior probability of answering without regard to the item (against every other style).
FLAT_WEIGHT = 0.01
#: Where such a person's answers sit: every half point of the scale.
FLAT_LEVELS = np.arange(0.0, 5.0 + 1e-9, 0.5)
#: How tightly: little noise and few answers off the line. Looser, the style explains an honest
#: whole questionnaire of a listing catalog (mostly 0s for what the job does not need) as well
#: as the styles that read the levels, and a dentist's answers stopped pointing at Dentist.
FLAT_NOISE = 0.3
FLAT_CARELESS = (0.005, 0.05)


@functools.cache
def _tables() -> np.ndarray:
    """log P(rating v | flat style), (styles, 6): each level and careless share."""
    rows = []
    for m in FLAT_LEVELS:
        z = [(c - m) / (FLAT_NOISE * math.sqrt(2.0)) for c in CUTS[1:-1]]
        p = np.diff(np.concatenate([[0.0], [0.5 * (1.0 + math.erf(x)) for x in z], [1.0]]))
        for e in FLAT_CARELESS:
            rows.append(np.log((1 - e) * p + e / len(p)))
    return np.array(rows)


def flat_likelihood(counts: np.ndarray, n_blank: np.ndarray, n_asked: np.ndarray) -> np.ndarray:
    """log P(the answers | they do not follow the items) + log :data:`FLAT_WEIGHT`, (n,),
    for ``counts`` (6, n): how much each person's answers weigh at each rating (the same
    for every occupation: an occupation's counts summed over its level columns).

    Only for a questionnaire, where most of the ``n_asked`` items were answered (−inf for
    the others): a free list leaves most items blank, and which items it names is chosen,
    not at random (weighed there too, simulated free lists' first matches were given 9 %
    on average where 37 % were right)."""
    tables = _tables()
    each = tables @ counts.astype(np.float64)  # (styles, n)
    top = each.max(axis=0)
    total = np.log(np.exp(each - top).sum(axis=0))  # a few dozen styles: plainly
    out = total + top + (math.log(FLAT_WEIGHT) - math.log(len(tables)))
    out[~questionnaire(n_blank, n_asked)] = -np.inf
    return out
