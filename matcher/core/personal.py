"""Personal items read with an offset of their own: the maths, pure NumPy (SciPy to build).

A person may rate what they are (aptitudes, traits, interests: the *personal* items) more
generously, or more modestly, than what they can do (skills): socially desirable answers
inflate self-descriptions of character more than reports of skills, and over-claiming
inflates skills. One response style (:mod:`matcher.core.styles`) read for every item
explains such a person badly, under the right occupation as under any other: on O*NET
(``scripts/evaluate_heldout.py``), people whose personal items sat 1-2 points above their
skills got their occupation at MRR 0.703 (plain cosine 0.800), people with lenient skills
alone 0.751 (a person-centred Spearman correlation 0.799).

So with prior probability :data:`SHARE` the personal items are read with the style's
offset moved by one of :data:`OFFSETS` (rating points), equally likely. Under a style ``g``
with tables ``T`` and ``T_d`` (the same style moved by ``d``), the counts of the skills
``s`` and of the personal items ``p`` of one occupation have log-likelihood::

    T·s + log((1 − SHARE) exp(T·p) + Σ_d SHARE/D exp(T_d·p))
      = T·(s + p) + log(1 − SHARE + Σ_d SHARE/D exp(T_d·p − T·p))

the likelihood of one style for every item plus :func:`correction`, which is about
``log(1 − SHARE)`` for everybody whose personal items follow their style. With it those
people reach 0.913 and 0.825; the ten styles of ``scripts/evaluate.py``, which read every
item alike, stay within 0.1 point.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from .coarse import Coarse, reread

if TYPE_CHECKING:
    from .styles import StyleGrid

__all__ = ["OFFSETS", "SHARE", "correction", "offset_tables", "personal_features"]

#: How much further up or down a person may rate their personal items than their skills.
OFFSETS = (-1.5, 1.5)
#: Prior probability that they do (by one of :data:`OFFSETS`, equally likely).
SHARE = 0.01
#: The blocks whose items are what a person can do; every other block is personal.
SKILL_BLOCKS = frozenset({"skill"})


def personal_features(blocks: Iterable[str]) -> np.ndarray:
    """Which features are personal items (F,) bool, from each feature's block name."""
    return np.array([str(b) not in SKILL_BLOCKS for b in blocks], dtype=bool)


def offset_tables(
    grid: StyleGrid, knots: np.ndarray, background: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    """:func:`~matcher.core.styles.rating_tables` of every style moved by each of
    :data:`OFFSETS`, (D, 6 L, G) float32. Needs SciPy (build time)."""
    from dataclasses import replace

    from .styles import rating_tables

    return np.stack(
        [rating_tables(replace(grid, offset=grid.offset + d), knots, background) for d in OFFSETS]
    )


def correction(
    tables: np.ndarray, kept: np.ndarray, own: np.ndarray, coarse: Coarse | None = None
) -> np.ndarray:
    """What reading the personal items with an offset of their own adds to the
    log-likelihood of each kept style, (n, K, S).

    tables : (1 + D, G, L 6) the styles' tables a style a time (``Scorer.by_style``), then
        the same moved by each of :data:`OFFSETS` (``Scorer.offset_by_style``).
    kept : (n, K) the styles of each person.
    own : (n, L 6, S) the counts of each person's personal items for S occupations.
    coarse : who answers on part of the scale (:mod:`matcher.core.coarse`).
    """
    if not SHARE:  # not weighed
        return np.zeros((len(kept), kept.shape[1], own.shape[2]), np.float32)
    count, styles, width = tables.shape
    # every table of every kept style gathered and multiplied at once: (n, (1 + D) K, S)
    at = (kept[:, None, :] + styles * np.arange(count)[None, :, None]).reshape(len(kept), -1)
    gathered = reread(tables.reshape(-1, width)[at], coarse)
    fit = np.matmul(gathered, own).reshape(len(kept), count, -1, own.shape[2])
    moved = fit[:, 1:] - fit[:, :1]  # (n, D, K, S): log P(moved) − log P(as the skills)
    moved += np.float32(np.log(SHARE / len(OFFSETS)))
    # log(1 − SHARE + Σ_d exp(moved_d)) by exponentials relative to the largest term:
    # float32 exp and log are vectorised, np.logaddexp is not (four times the time here).
    stay = np.float32(np.log1p(-SHARE))
    top = np.maximum(moved.max(axis=1), stay)
    total = np.exp(stay - top)
    for part in np.moveaxis(moved, 1, 0):  # a handful
        total += np.exp(part - top)
    return np.log(total) + top
