"""Response styles: how a person's ratings relate to the levels of their occupation.

A self-rating is an ordinal answer on the whole points 0-5, read off a latent
value ``m + b × (level − c0) + noise``, where ``c0`` is the catalog's typical
level: ``m`` is where the person puts an item of typical level (an offset),
``b`` how much they spread their answers (a scale; squeezed below 1,
exaggerated above), the noise has standard deviation ``b × s``, and a share
``e`` of answers is careless (any point of the scale, at random). Rounding and
the ends of the scale are modelled as such: a 0 means "at most 0.5", a 5
"at least 4.5".

Nobody is told which style a person has: the likelihood integrates over a
prior on (m, b, s, e), held here as a grid of points with weights. The prior
is a mixture of the response styles that survey research documents, each a
family of points, plus a broad slab for anything else:

==========  ==========================================================  ======
family      styles it covers                                           weight
==========  ==========================================================  ======
honest      the occupation's own levels (m = c0, b = 1)                 0.15
shift       leniency, severity, weak profiles overrating (b = 1)        0.25
middle      midpoint and extreme responding: squeezed or stretched      0.15
            around the middle of the scale
top         acquiescence: pulled towards the top of the scale           0.20
bottom      nay-saying: pulled towards the bottom of the scale          0.05
slab        any other offset and scale                                   0.25
==========  ==========================================================  ======

(The weights are normalised to sum to 1.) The bottom family, the mirror of the
top one, was added after a held-out style that scales every answer towards 0
(``scripts/evaluate_heldout.py``, ``nay``) was found 2.4 points of MRR behind
cosine on O*NET (0.907; with the family, 0.919, no style of the suite more than
0.1 point apart). It has no Gaussian version in the first pass
(:mod:`matcher.core.gaussian`): with one (and prior 0.1), midpoint raters lost 2
points.

Each family is crossed with three noise levels and three careless shares,
equally weighted. :func:`style_grid` builds the grid; :func:`rating_tables`
turns it into log-probabilities of each rating at each level (SciPy, at build
time only: a model stores its tables); :func:`probes` picks the coarse cover a
first pass uses and :func:`near` the fine points around a person's styles.
The weights and the grid spacing were chosen on the suite of
``scripts/evaluate.py`` (see the README's ablation table).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "FAMILIES",
    "Cells",
    "StyleGrid",
    "cell_axes",
    "cells",
    "near",
    "probes",
    "rating_tables",
    "style_grid",
]

#: Prior weight of each family of response styles (see the module docstring).
FAMILIES: dict[str, float] = {
    "honest": 0.15,
    "shift": 0.25,
    "middle": 0.15,
    "top": 0.2,
    "bottom": 0.05,
    "slab": 0.25,
}
#: Noise of a self-rating relative to the person's scale (standard deviations, rating points).
NOISE = (0.45, 0.75, 1.1)
#: Shares of careless answers (the least near none: an honest rater's few slips should not
#: cost them; chosen on the suite: up to +0.4 points of hit@1 against (0.02, 0.1, 0.25), no
#: style worse, the personas unchanged).
CARELESS = (0.005, 0.1, 0.25)
#: Scales from squeezed to exaggerated (log-spaced, and 1).
# (sorted(set()), not np.unique: np.unique imports numpy.ma, 15 ms of every start-up)
SCALES = tuple(sorted(set(np.round(np.append(np.geomspace(0.25, 2.8, 12), 1.0), 4).tolist())))
#: Scales of the top family (pulled towards 5, squeezed): finer than :data:`SCALES`, and offsets
#: closer to its line, as a step of the scale here moves every rating but the 5s (on the suite:
#: +1.0 point of MRR on acquiescence, no style below 0.1 point worse).
TOP_SCALES = tuple(np.round(np.geomspace(0.25, 0.95, 14), 4).tolist())
TOP_OFFSETS = (-0.15, 0.0, 0.15)
#: Grid step of the offset at scale 1 (finer for squeezed scales, where a small offset matters).
OFFSET_STEP = 0.3
#: Largest offset of the shift and slab families, rating points.
OFFSET_MAX = 2.5
#: Rating-scale cut points between the whole points 0-5.
CUTS = np.array([-np.inf, 0.5, 1.5, 2.5, 3.5, 4.5, np.inf])


@dataclass(frozen=True)
class StyleGrid:
    """Points (m, b, s, e) of the response-style prior and their log weights, each (G,)."""

    centre: float
    offset: np.ndarray
    scale: np.ndarray
    noise: np.ndarray
    careless: np.ndarray
    log_prior: np.ndarray

    def __len__(self) -> int:
        return len(self.offset)


def style_grid(centre: float, families: dict[str, float] | None = None) -> StyleGrid:
    """The prior over response styles for a catalog whose typical level is ``centre``."""
    weights = dict(FAMILIES if families is None else families)
    points: dict[tuple[float, float], float] = {}

    def add(m: float, b: float, w: float) -> None:
        key = (round(float(m), 4), round(float(b), 4))
        points[key] = points.get(key, 0.0) + w

    add(centre, 1.0, weights["honest"])
    shift = np.arange(-OFFSET_MAX, OFFSET_MAX + 1e-9, OFFSET_STEP)
    for a in shift:
        add(centre + a, 1.0, weights["shift"] / len(shift))
    middle = [(2.5 + b * (centre - 2.5) + a, b) for b in SCALES for a in (-0.3, 0.0, 0.3)]
    for m, b in middle:
        add(m, b, weights["middle"] / len(middle))
    top = [(5 - b * (5 - centre) + a, b) for b in TOP_SCALES for a in TOP_OFFSETS]
    for m, b in top:
        add(m, b, weights["top"] / len(top))
    bottom = [(b * centre + a, b) for b in TOP_SCALES for a in TOP_OFFSETS]  # the mirror
    for m, b in bottom:
        add(m, b, weights["bottom"] / len(bottom))
    slab = []
    for b in SCALES:
        step = OFFSET_STEP * min(1.0, b)
        spread = OFFSET_MAX + 2.5 * abs(1 - b)
        low, high = max(centre - spread, -1.0), min(centre + spread, 6.0)
        slab += [(m, b) for m in np.arange(np.ceil(low / step) * step, high + 1e-9, step)]
    for m, b in slab:
        add(m, b, weights["slab"] / len(slab))
    keys = sorted(points)
    mb = np.array(keys)
    w = np.array([points[k] for k in keys])
    n_sub = len(NOISE) * len(CARELESS)
    return StyleGrid(
        centre=float(centre),
        offset=np.repeat(mb[:, 0], n_sub),
        scale=np.repeat(mb[:, 1], n_sub),
        noise=np.tile(np.repeat(NOISE, len(CARELESS)), len(keys)),
        careless=np.tile(CARELESS, len(keys) * len(NOISE)),
        log_prior=np.repeat(np.log(w / w.sum() / n_sub), n_sub),
    )


def rating_tables(
    grid: StyleGrid, knots: np.ndarray, background: tuple[np.ndarray, np.ndarray] | None = None
) -> np.ndarray:
    """log P(rating v | level) for every style, shape (6 × n_levels, G), rows v-major.

    ``knots`` are the levels (0-5) at which the tables are taken (a level between
    two knots is read by linear interpolation of the log-probabilities). With
    ``background = (levels, probabilities)`` a last level column holds the
    ratings of an item the occupation does not list: a mixture over those
    levels. Needs SciPy (build time).
    """
    from scipy.special import ndtr

    levels = np.asarray(knots, dtype=np.float64)
    g = grid
    sd = (np.abs(g.scale) * g.noise)[:, None, None]

    def probabilities(at: np.ndarray) -> np.ndarray:  # (G, 6, len(at))
        mean = g.offset[:, None] + g.scale[:, None] * (at[None, :] - g.centre)
        return np.diff(ndtr((CUTS[None, :, None] - mean[:, None, :]) / sd), axis=1)

    p = probabilities(levels)
    if background is not None:
        values, share = background
        p = np.concatenate([p, probabilities(np.asarray(values, float)) @ share[:, None]], axis=2)
    e = g.careless[:, None, None]
    p = (1 - e) * p + e / 6
    return np.log(np.maximum(p, 1e-300)).reshape(len(g), -1).T.astype(np.float32)


def _closest(grid: StyleGrid, m: float, b: float, noise: float, careless: float) -> int:
    distance = np.abs(grid.offset - m) + 3 * np.abs(np.log(np.abs(grid.scale) / b))
    distance = np.where((grid.noise == noise) & (grid.careless == careless), distance, np.inf)
    return int(np.argmin(distance))


def probes(grid: StyleGrid) -> np.ndarray:
    """A coarse cover of the families: the indices of about ten styles that a first pass
    scores every occupation with.

    The first is a severe reader (offset −1.8): the first pass reads through it the
    ratings a person gives items an occupation does not list, which makes that pass a
    harsh screen for occupations that do not list what a person rates (measured against
    the honest reader: simulated free lists 0.2 points of MRR better, one persona more
    passing; O*NET, where every occupation rates every item, is not concerned)."""
    c, s = grid.centre, NOISE[1]
    wanted = [(c - 1.8, 1.0, CARELESS[1])]
    wanted += [(c, 1.0, e) for e in CARELESS]
    wanted += [(c + a, 1.0, CARELESS[1]) for a in (-0.9, 0.9, 1.8)]
    wanted += [(2.5 + b * (c - 2.5), b, CARELESS[1]) for b in (0.35, 2.2)]
    wanted += [(5 - 0.6 * (5 - c), 0.6, CARELESS[1])]
    found = [_closest(grid, m, b, s, e) for m, b, e in wanted]
    return np.array(list(dict.fromkeys(found)), dtype=np.int64)  # in order, once each


def near(
    grid: StyleGrid, centres: np.ndarray, radius: tuple[float, float] = (0.6, 0.3)
) -> np.ndarray:
    """Indices of the styles within ``radius`` (offset, log scale) of any of ``centres``
    (k, 2) of (m, b), every noise and careless share."""
    found = np.zeros(len(grid), bool)
    log_scale = np.log(np.abs(grid.scale))
    for m, b in np.asarray(centres, float):
        b = max(b, 0.2)
        found |= (np.abs(grid.offset - m) <= radius[0] * min(max(b, 0.4), 1.5)) & (
            np.abs(log_scale - np.log(b)) <= radius[1]
        )
    return np.flatnonzero(found)


@dataclass(frozen=True)
class Cells:
    """A coarse lattice over (offset, log scale): each cell lists the fine styles near it, so
    that a person's styles are found by arithmetic, not a search of the grid.

    ``members`` (n_cells, C) style indices, ``valid`` (n_cells, C) where a row is padded.
    """

    low: float
    step: float
    log_low: float
    log_step: float
    shape: tuple[int, int]
    members: np.ndarray
    valid: np.ndarray

    def of(self, offset: np.ndarray, scale: np.ndarray) -> np.ndarray:
        """The cell of each (offset, scale), same shape."""
        i = np.clip(np.rint((offset - self.low) / self.step), 0, self.shape[0] - 1)
        b = np.log(np.clip(np.abs(scale), 0.05, None))
        j = np.clip(np.rint((b - self.log_low) / self.log_step), 0, self.shape[1] - 1)
        return (i * self.shape[1] + j).astype(np.intp)


#: Cell lattice: offsets within this many points of the centre, scales over SCALES.
CELL_SPAN, CELL_STEP, CELL_LOG_STEP = 4.0, 0.4, 0.2
#: What a cell lists: the fine styles within this (offset, log scale) of its centre.
CELL_RADIUS = (0.45, 0.22)


def cell_axes(centre: float) -> tuple[np.ndarray, np.ndarray]:
    """The cells' offsets and log scales of a grid about ``centre``: a model's stored cells
    have a row for each pair (:mod:`matcher.model.checks`)."""
    offsets = np.arange(centre - CELL_SPAN, centre + CELL_SPAN + 1e-9, CELL_STEP)
    logs = np.arange(np.log(SCALES[0]), np.log(SCALES[-1]) + 1e-9, CELL_LOG_STEP)
    return offsets, logs


def cells(
    grid: StyleGrid, members: np.ndarray | None = None, valid: np.ndarray | None = None
) -> Cells:
    """The cell lattice of a grid (see :class:`Cells`); ``members`` and ``valid`` as a model
    stores them, else found (a few milliseconds: a model stores them)."""
    offsets, logs = cell_axes(grid.centre)
    if members is None or valid is None:
        lists = [near(grid, [(m, np.exp(b))], CELL_RADIUS) for m in offsets for b in logs]
        width = max(1, max(len(x) for x in lists))
        members = np.zeros((len(lists), width), np.int64)
        valid = np.zeros((len(lists), width), bool)
        for k, x in enumerate(lists):
            members[k, : len(x)], valid[k, : len(x)] = x, True
    return Cells(
        float(offsets[0]),
        CELL_STEP,
        float(logs[0]),
        CELL_LOG_STEP,
        (len(offsets), len(logs)),
        np.asarray(members),
        np.asarray(valid),
    )
