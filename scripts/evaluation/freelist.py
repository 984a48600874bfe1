"""Simulated free lists over a catalog that lists requirements (the built-in documents).

A person writes down what they have, not a questionnaire: the items they do not
mention are blanks of a free list (a self-assessment without ``"asked"``).
A person belongs to one occupation, and:

- has each item their occupation lists with probability ``0.5 + 0.5 × importance``, at its
  level plus noise (people in one job differ);
- has items their occupation does not list too, the more often the more common the item is
  in the catalog (``0.05 + 0.5 ×`` the share of occupations listing it), at the typical
  level of the occupations that list it, plus noise; everything else at level 0;
- mentions an item with a probability rising with their level (a logistic curve with a
  personal intercept and slope: long and short lists, choosy and generous writers);
- rates what they mention in a response style of :mod:`.styles` (offset, scale, noise,
  careless answers), rounded and clipped to 0-5.

These are this simulator's assumptions, not the model's: the model reads unlisted
items through one background distribution of levels and importance as the chance
of having a listed item; here both come from the catalog in another way.
"""

from __future__ import annotations

import numpy as np

from .styles import STYLES, Respondents, style

__all__ = ["FREE_STYLES", "simulate_free_lists"]

#: The styles that apply to a free list (skip-weak and short describe questionnaires).
FREE_STYLES = tuple(s for s in STYLES if s not in {"skip-weak", "short"})
#: Noise of a person's level of an item around the catalog's (rating points).
LEVEL_SD = 0.5
#: Mention probability: logistic in (level − MENTION_AT), intercept and slope per person.
MENTION_AT = 2.5
INTERCEPT = (-3.0, -1.0)
SLOPE = (1.0, 2.0)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def simulate_free_lists(
    levels: np.ndarray, importance: np.ndarray, name: str, rng: np.random.Generator, per: int = 1
) -> Respondents:
    """``per`` free lists in style ``name`` from each occupation (rows of ``levels`` and
    ``importance``, (m, F); importance 0 where an occupation does not list an item)."""
    st = style(name)
    listed = importance > 0
    m, n_features = levels.shape
    rows = np.arange(m)
    if st["pop"] == "weak":
        mean = (levels * listed).sum(axis=1) / np.maximum(listed.sum(axis=1), 1)
        rows = np.sort(np.argsort(mean, kind="stable")[: m // 3])
    truth = np.repeat(rows, per)
    n = len(truth)
    common = listed.mean(axis=0)
    typical = (levels * listed).sum(axis=0) / np.maximum(listed.sum(axis=0), 1)
    own = listed[truth] & (rng.random((n, n_features)) < 0.5 + 0.5 * importance[truth])
    other = ~own & (rng.random((n, n_features)) < 0.05 + 0.5 * common[None, :])
    true = np.where(own, levels[truth], np.where(other, typical[None, :], 0.0))
    true = np.clip(true + (own | other) * rng.normal(0, LEVEL_SD, size=true.shape), 0, 5)
    intercept = rng.uniform(*INTERCEPT, size=(n, 1))
    slope = rng.uniform(*SLOPE, size=(n, 1))
    mentioned = rng.random(true.shape) < _sigmoid(intercept + slope * (true - MENTION_AT))
    nothing = ~mentioned.any(axis=1)  # everybody writes something: their strongest item
    mentioned[nothing, np.argmax(true[nothing], axis=1)] = True
    s = rng.uniform(*st["s"], size=(n, 1))
    a, b = rng.uniform(*st["a"], size=(n, 1)), rng.uniform(*st["b"], size=(n, 1))
    c = st["centre"]
    ratings = np.clip(np.round(c + b * (true + rng.normal(0, 1, true.shape) * s - c) + a), 0, 5)
    careless = rng.random(true.shape) < rng.uniform(*st["careless"], size=(n, 1))
    ratings = np.where(careless, rng.integers(0, 6, size=true.shape), ratings)
    ratings = np.where(mentioned, ratings, np.nan)
    asked = np.ones(true.shape, bool)  # a free list: every item it does not mention is a blank
    return Respondents(ratings, asked, truth, np.full(n, list(STYLES).index(name)))
