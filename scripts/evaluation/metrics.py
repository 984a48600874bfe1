"""Ranks of the true occupation, the figures of a ranking, and their confidence intervals.

Ties count half against a method (an occupation tied with the truth is ranked
above it half the time), so a method cannot gain by giving many occupations
the same score. Intervals are percentile bootstraps over respondents: the
respondents of every seed pooled, resampled with replacement; a difference
between two methods is resampled in pairs (the same respondents for both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["METRICS", "Estimate", "bootstrap", "figures", "ranks_of"]

METRICS = ("MRR", "hit@1", "hit@10")
#: Bootstrap resamples and the interval's coverage.
RESAMPLES = 1000
LEVEL = 0.95


def ranks_of(scores: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Rank (1 = best) of each person's true occupation among the scores (n, m)."""
    own = scores[np.arange(len(truth)), truth][:, None]
    better = (scores > own).sum(axis=1)
    ties = (scores == own).sum(axis=1) - 1
    return better + 1 + ties / 2.0


def figures(ranks: np.ndarray) -> dict[str, np.ndarray]:
    """Per-respondent values whose means are the metrics: 1/rank, rank ≤ 1, rank ≤ 10."""
    return {"MRR": 1.0 / ranks, "hit@1": (ranks <= 1) * 1.0, "hit@10": (ranks <= 10) * 1.0}


@dataclass(frozen=True)
class Estimate:
    """A mean and its bootstrap interval."""

    value: float
    low: float
    high: float

    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def bootstrap(values: np.ndarray | list[np.ndarray], seed: int = 0) -> Estimate:
    """Mean of ``values`` (n,) with its percentile interval; for a list of arrays (strata,
    e.g. styles), the mean of their means, each resampled within itself.

    For a difference between two methods pass the per-respondent differences: that is
    the paired bootstrap.
    """
    parts = [np.asarray(v, np.float64) for v in (values if isinstance(values, list) else [values])]
    rng = np.random.default_rng(seed)
    means = np.zeros(RESAMPLES)
    for part in parts:
        n = len(part)
        picks = rng.integers(0, n, size=(RESAMPLES, n))
        means += part[picks].mean(axis=1) / len(parts)
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return Estimate(float(np.mean([p.mean() for p in parts])), float(low), float(high))
