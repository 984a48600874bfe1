"""A person's response styles: the candidates near their fits, and those kept.

The exact pass integrates over a person's own styles only: candidates are the
styles of the cells (:class:`~matcher.core.styles.Cells`) around the Gaussian
fits of their best occupations, the honest style and their best probes, and the
:data:`~matcher.core.likelihood.KEEP` of them that best explain the person's
ratings on their best few occupations are kept. Pure NumPy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .coarse import Coarse, own_tables, reread
from .logsum import logsumexp
from .ranking import gather

if TYPE_CHECKING:
    from .scorer import Scorer

__all__ = ["PART", "candidate_groups", "kept_styles", "style_groups"]

#: People whose styles are chosen at once (their gathered tables: about a megabyte).
PART = 32


def candidate_groups(
    scorer: Scorer,
    offset: np.ndarray,
    scale: np.ndarray,
    best: np.ndarray,
    best_probes: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate styles of each person: the cells of the Gaussian fits of their ``best``
    occupations (n, k), of the honest style and of their ``best_probes`` (n, p), and every
    probe, each style once.

    A cell lists whole groups of styles that differ only in noise and careless share
    (:attr:`Scorer.groups`), so a person's cells are merged as bit sets of groups. Returns
    the groups, (n, B) in increasing order, which of them are real (the rest pad), and
    which probes (n, P) no group of the person holds."""
    grid, lattice = scorer.grid, scorer.cells
    n = len(best)
    fit_m = grid.centre + gather(offset, best)
    fit_b = gather(scale, best)
    honest = scorer.honest_cell
    where = np.concatenate(
        [
            lattice.of(fit_m, fit_b),
            np.full((n, 1), honest),
            lattice.of(grid.offset[best_probes], grid.scale[best_probes]),
        ],
        axis=1,
    )
    size, bits = scorer.groups
    packed = np.bitwise_or.reduce(bits[where], axis=1)  # (n, groups / 8)
    found = np.unpackbits(packed, axis=1, count=len(grid) // size).view(bool)
    flat = np.flatnonzero(found)
    people, groups = np.divmod(flat, found.shape[1])
    counts = np.bincount(people, minlength=n)
    position = np.arange(len(flat)) - np.repeat(np.cumsum(counts) - counts, counts)
    chosen = np.zeros((n, counts.max()), np.intp)
    chosen[people, position] = groups
    valid = np.arange(chosen.shape[1]) < counts[:, None]
    return chosen, valid, ~found[:, scorer.probes // size]


def style_groups(scorer: Scorer) -> tuple[int, np.ndarray]:
    """The size of the groups of consecutive styles the cells list whole, and the groups of
    each cell as bits, (cells, groups / 8) uint8."""
    lattice, total = scorer.cells, len(scorer.grid)
    found = np.zeros((len(lattice.members), total), bool)
    rows = np.repeat(np.arange(len(lattice.members)), lattice.members.shape[1])
    found[rows[lattice.valid.ravel()], lattice.members[lattice.valid]] = True
    pairs = np.stack([scorer.grid.offset, scorer.grid.scale])
    pairs = pairs[:, np.lexsort(pairs)]  # distinct (offset, scale) points, without np.unique
    size = total // (1 + int(np.any(pairs[:, 1:] != pairs[:, :-1], axis=0).sum()))
    for candidate in (size, 1):
        if total % candidate == 0:
            blocks = found.reshape(len(found), -1, candidate)
            if (blocks.all(axis=2) == blocks.any(axis=2)).all():
                return candidate, np.packbits(blocks.any(axis=2), axis=1)
    raise AssertionError("unreachable: groups of one always fit")


def kept_styles(
    scorer: Scorer,
    on: np.ndarray,
    groups: np.ndarray,
    real: np.ndarray,
    probes: np.ndarray,
    keep: int,
    coarse: Coarse | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``keep`` candidate styles (n, keep) that best explain each person's counts
    ``on`` (n, k, 6 L) of their best k occupations (log-sum over those occupations, plus
    the prior), and their log prior (−inf where a person has fewer candidates).

    ``groups``, ``real``, ``probes``: from :func:`candidate_groups`; ``coarse``: who
    answers on part of the scale (:mod:`matcher.core.coarse`). People are scored
    :data:`PART` at a time in order of their number of candidates: little padding, and
    the tables gathered for them stay in cache."""
    n = len(on)
    kept = np.zeros((n, keep), np.intp)
    kept_prior = np.full((n, keep), -np.inf, np.float32)
    counts = real.sum(axis=1)
    order = np.argsort(counts, kind="stable")
    for part in np.array_split(order, max(1, round(n / PART))):
        width = max(int(counts[part].max()), 1)
        few = None if coarse is None else coarse.take(part)
        kept[part], kept_prior[part] = _kept(
            scorer, on[part], groups[part, :width], real[part, :width], probes[part], keep, few
        )
    return kept, kept_prior


def _kept(scorer, on, groups, real, probes, keep, coarse):
    n, _, c6 = on.shape
    size = scorer.groups[0]
    log_prior = scorer.grid.log_prior.astype(np.float32)  # fits in float32
    candidates = np.concatenate(
        [
            (groups[:, :, None] * size + np.arange(size)).reshape(n, -1),
            np.broadcast_to(scorer.probes, (n, len(scorer.probes))),
        ],
        axis=1,
    )
    valid = np.concatenate([np.repeat(real, size, axis=1), probes], axis=1)
    by_group = scorer.by_style.reshape(-1, size * c6).take(groups, axis=0).reshape(n, -1, c6)
    across = np.ascontiguousarray(on.transpose(0, 2, 1))  # (n, 6 L, k)
    fit = np.matmul(reread(by_group, coarse), across)  # (n, C, k)
    fit = np.ascontiguousarray(fit.transpose(0, 2, 1))  # the log-sum runs over rows
    if coarse is None:
        by_probe = on @ scorer.probe_tables
    else:  # each person's own probe tables
        by_probe = np.matmul(on, own_tables(scorer.probe_tables.T, coarse).transpose(0, 2, 1))
    fit = np.concatenate([logsumexp(fit, axis=1), logsumexp(by_probe, axis=1)], 1)
    fit += np.where(valid, log_prior[candidates], np.float32(-np.inf))
    chosen = _best(fit, min(keep, candidates.shape[1]))
    kept = gather(candidates, chosen)
    kept_prior = np.where(gather(valid, chosen), log_prior[kept], np.float32(-np.inf))
    if kept.shape[1] < keep:  # fewer candidates than kept styles
        pad = keep - kept.shape[1]
        kept = np.pad(kept, ((0, 0), (0, pad)))
        kept_prior = np.pad(kept_prior, ((0, 0), (0, pad)), constant_values=-np.inf)
    return kept, kept_prior


def _best(scores: np.ndarray, k: int) -> np.ndarray:
    """Columns of the k best scores of each row (n, k), in column order; of equal scores at
    the boundary the lower columns: the set :func:`~matcher.core.ranking.top_k` picks."""
    n, m = scores.shape
    if k >= m:
        return np.broadcast_to(np.arange(m), (n, m))
    kth = np.partition(scores, m - k, axis=1)[:, m - k : m - k + 1]
    above = scores > kth
    tied = scores == kth
    room = k - above.sum(axis=1, keepdims=True)
    above |= tied & (np.cumsum(tied, axis=1) <= room)
    return np.nonzero(above)[1].reshape(n, k)
