"""Response styles held out of the simulator (:mod:`.styles`): ways of answering that the
model's prior does not describe, to see what the ranking leans on.

Each reads a person's latent value ``t + e`` (their occupation's level plus noise of a
standard deviation drawn per person in 0.4-0.8) in a way of its own, then rounds and clips
to 0-5; 10-40 % of the items are left blank at random. Every parameter is drawn per
person.

- ``personal-up``: socially desirable answers: the personal items (every block but the
  skills) 1-2 points higher than the skills.
- ``skills-up``: over-claiming: the skills 0.75-2 points higher, the personal items as
  they are.
- ``halo``: one general impression pulls every answer: ``(1 − g)(t + e) + g × h``, g in
  0.3-0.6, h in 2-4.
- ``curved``: a curved response function: ``5 × ((t + e) / 5)^γ``, γ in 0.5-2.
- ``coarse``: only 1, 3 or 5 used (the nearest of them).
- ``yes-no``: 0 or 5 only: 5 at or above a threshold drawn per person in 2-3.
- ``floor``: nothing below a floor drawn in 1.5-2.5 (``max(x, floor)``): weakness not
  admitted.
- ``nay``: every answer scaled towards 0 by 0.5-0.8 (modest in proportion; the mirror of
  acquiescence).
- ``ranked``: the items ranked against each other and the ranks spread evenly over 0-5
  (a forced distribution), with noise of 0.3.
- ``no-top``: a ceiling shy of 5: above 3.6 every answer rises 0.3 per point.
- ``misread``: 10 % of the items read on a reversed scale (5 − x).

None has a closed likelihood in :mod:`.oracle`, so there is no ceiling to print. The
personal items' own offset (:mod:`matcher.core.personal`) was added after
``personal-up`` and ``skills-up`` were found to cost the ranking 20 points; the others were
not looked at before this table was made. Reading a person who answers on a few points
of the scale by cells (:mod:`matcher.core.coarse`) was added after ``coarse`` was found
behind Euclidean distance, with ``yes-no`` in mind (it was added here with it); ``floor``
and ``nay`` were tried next, and the floor's cell added after ``floor`` was found 18
points behind Spearman; ``ranked`` last, and left as it was.
"""

from __future__ import annotations

import numpy as np

from .styles import Respondents

__all__ = ["HELD_OUT", "simulate_held_out"]

HELD_OUT = (
    "personal-up",
    "skills-up",
    "halo",
    "curved",
    "coarse",
    "no-top",
    "misread",
    "yes-no",
    "floor",
    "nay",
    "ranked",
)


def _drawn(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    return rng.uniform(low, high, (n, 1))


def simulate_held_out(
    levels: np.ndarray,
    personal: np.ndarray,
    name: str,
    rng: np.random.Generator,
    per: int = 1,
) -> Respondents:
    """``per`` respondents of held-out style ``name`` from each occupation (rows of
    ``levels`` (m, F)); ``personal`` (F,) marks the personal items."""
    m = len(levels)
    truth = np.repeat(np.arange(m), per)
    n = len(truth)
    t = levels[truth]
    x = t + rng.normal(0.0, 1.0, t.shape) * _drawn(rng, 0.4, 0.8, n)
    if name == "personal-up":
        x = x + personal[None, :] * _drawn(rng, 1.0, 2.0, n)
    elif name == "skills-up":
        x = x + ~personal[None, :] * _drawn(rng, 0.75, 2.0, n)
    elif name == "halo":
        g = _drawn(rng, 0.3, 0.6, n)
        x = (1 - g) * x + g * _drawn(rng, 2.0, 4.0, n)
    elif name == "curved":
        gamma = np.exp(_drawn(rng, np.log(0.5), np.log(2.0), n))
        x = 5 * (np.clip(x, 0, 5) / 5) ** gamma
    elif name == "coarse":
        x = 1 + 2 * np.round((x - 1) / 2)
    elif name == "no-top":
        x = np.minimum(x, 3.6 + 0.3 * (x - 3.6))
    elif name == "misread":
        x = np.where(rng.random(t.shape) < 0.1, 5 - x, x)
    elif name == "yes-no":
        x = np.where(x >= _drawn(rng, 2.0, 3.0, n), 5.0, 0.0)
    elif name == "floor":
        x = np.maximum(x, _drawn(rng, 1.5, 2.5, n))
    elif name == "nay":
        x = x * _drawn(rng, 0.5, 0.8, n)
    elif name == "ranked":
        rank = np.argsort(np.argsort(x, axis=1), axis=1) / (x.shape[1] - 1)
        x = 5 * rank + rng.normal(0.0, 0.3, x.shape)
    else:
        raise ValueError(f"unknown held-out style {name!r}; one of {', '.join(HELD_OUT)}")
    ratings = np.clip(np.round(x), 0, 5)
    if name == "coarse":
        ratings = np.clip(ratings, 1, 5)
    blank = rng.random(t.shape) < _drawn(rng, 0.1, 0.4, n)
    ratings = np.where(blank, np.nan, ratings)
    empty = np.isnan(ratings).all(axis=1)
    ratings[empty, 0] = np.clip(np.round(t[empty, 0]), 0, 5)  # everybody answers something
    return Respondents(ratings, np.ones(t.shape, bool), truth, np.zeros(n, np.int64))
