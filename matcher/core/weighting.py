"""Building the occupation side of the evidence, :class:`~matcher.core.weights.LevelWeights`,
from a catalog's levels and importance (m occupations × F features): each occupation's own
level of an item spread over the two knots around it, the catalog's typical row, and the
excess of each occupation over it, kept sparse. A stripe of features at a time, so that the
temporaries of a catalog of 20,000 occupations stay small. Pure maths, no I/O.
"""

from __future__ import annotations

import numpy as np

from .weights import LevelWeights

__all__ = ["level_weights"]


def _hat(levels: np.ndarray, knots: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Linear interpolation of each level between its two knots: (lower knot, upper knot,
    weight of the upper one)."""
    lower = np.clip(np.searchsorted(knots, levels, side="right") - 1, 0, len(knots) - 1)
    upper = np.minimum(lower + 1, len(knots) - 1)
    span = np.where(upper > lower, knots[upper] - knots[lower], 1.0)
    t = np.clip((levels - knots[lower]) / span, 0.0, 1.0)
    return lower, upper, np.where(upper > lower, t, 0.0)


def level_weights(
    levels: np.ndarray,
    importance: np.ndarray,
    knots: np.ndarray,
    *,
    background: bool,
    block_weight: np.ndarray | None = None,
    discriminate: bool = True,
    unlisted: str = "typical",
) -> LevelWeights:
    """The occupation side of the evidence from levels and importance (m, F).

    Without ``background`` (a catalog that rates every item) an item counts fully at
    its level. With it (a catalog that lists requirements), an occupation that does
    not list an item has the catalog's *typical* row for it: the share of
    occupations that do not list it in the unlisted column, and the levels of those
    that do; a listed item of importance ``w`` counts ``w`` at its level and
    ``1 − w`` as typical. So an item every occupation lists alike (punctuality, say)
    tells occupations apart no more than the catalog does, and a rare one counts
    fully: the discrimination of an item is part of the likelihood.

    ``block_weight`` (F,) tempers the evidence of each feature's block (self-ratings
    of traits are less telling than of skills): it multiplies ``w``. With
    ``discriminate=False`` the typical row of a listing catalog is "unlisted" alone:
    what the blank model needs (whether the occupation itself lists an item). With
    ``unlisted="background"`` a listed item reads as above but an item an occupation does
    not list reads "unlisted" alone (the background's levels), not as typical: how a
    questionnaire is read, where everybody was asked every item
    (:meth:`~matcher.core.scorer.Scorer.evidence`).
    """
    if unlisted not in ("typical", "background"):
        raise ValueError(f"unlisted={unlisted!r}: 'typical' or 'background'")
    m, n_features = levels.shape
    knots = np.asarray(knots, dtype=np.float64)
    width = len(knots) + int(background)
    weight = None if block_weight is None else np.asarray(block_weight, dtype=np.float64)
    # A few features at a time: the (m, features, width) temporaries of a whole catalog of
    # 20,000 occupations would take over a gigabyte; the result is sparse and far smaller.
    stripe = max(1, STRIPE_ENTRIES // max(1, m * width))
    parts = [
        _feature_weights(
            levels[:, f : f + stripe],
            importance[:, f : f + stripe],
            knots,
            background,
            None if weight is None else weight[f : f + stripe],
            discriminate,
            unlisted == "background",
        )
        for f in range(0, n_features, stripe)
    ]
    typical = np.concatenate([p[0] for p in parts]) if parts else np.zeros((0, width))
    counts = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    indptr = np.zeros(n_features + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    return LevelWeights(
        knots,
        background,
        typical.astype(np.float32),
        indptr,
        np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int32),
        np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, np.float32),
        m,
    )


#: Entries of (occupations × features × level columns) worked on at once by :func:`level_weights`.
STRIPE_ENTRIES = 1 << 22


def _feature_weights(
    levels: np.ndarray,
    importance: np.ndarray,
    knots: np.ndarray,
    background: bool,
    block_weight: np.ndarray | None,
    discriminate: bool,
    apart: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`level_weights` for some features (m, f): their typical rows (f, width), and
    the CSR entries: count per feature (f,), index (occupation × width + column) and weight;
    ``apart``: unlisted items read "unlisted" (``unlisted="background"``)."""
    m, n_features = levels.shape
    width = len(knots) + int(background)
    lower, upper, t = _hat(levels, knots)
    listed = importance > 0 if background else np.ones(levels.shape, bool)
    share = np.where(listed, importance, 0.0) if background else np.ones_like(levels)
    if block_weight is not None:
        share = share * block_weight[None, :]
    own = np.zeros((m, n_features, width))  # each occupation's own level of each item
    np.put_along_axis(own, lower[..., None], (1 - t)[..., None], axis=2)
    np.put_along_axis(
        own, upper[..., None], np.take_along_axis(own, upper[..., None], 2) + t[..., None], axis=2
    )
    typical = np.zeros((n_features, width))
    if background:
        own[~listed] = 0.0
        own[~listed, -1] = 1.0
        typical = (
            own.mean(axis=0) if discriminate else np.eye(width)[-1][None].repeat(n_features, 0)
        )
    # excess of occupation j over the typical row: w (own − typical) where listed
    excess = np.where(listed[..., None], share[..., None] * (own - typical[None]), 0.0)
    if background and apart:  # unlisted items read "unlisted": that is the base row
        unlisted = np.zeros(width)
        unlisted[-1] = 1.0
        excess = np.where(listed[..., None], excess + (typical - unlisted)[None], 0.0)
        typical = np.repeat(unlisted[None], n_features, axis=0)
    if not background:
        excess = own * share[..., None]
    excess = excess.transpose(1, 0, 2).reshape(n_features, m * width)
    keep = np.abs(excess) > 1e-7
    return (
        typical,
        keep.sum(axis=1),
        np.nonzero(keep)[1].astype(np.int32),
        excess[keep].astype(np.float32),
    )
