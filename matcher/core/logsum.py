"""log Σ exp along an axis, and the probabilities it normalises, for the likelihood passes."""

from __future__ import annotations

import numpy as np

__all__ = ["logsumexp", "softmax"]


def logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    """log Σ exp(x) along ``axis``; the exponentials in float32 (terms relative to the
    largest lose nothing that matters: the result is off by 1e-6 at most)."""
    top = x.max(axis=axis, keepdims=True)  # methods, not np.max: a dozen calls a person
    finite = np.isfinite(top)
    if not finite.all():
        top[~finite] = 0
    shifted = np.subtract(x, top, dtype=np.float32)
    np.exp(shifted, out=shifted)
    with np.errstate(divide="ignore"):  # every term -inf: the sum is -inf, not an error
        return np.log(shifted.sum(axis=axis)) + top.squeeze(axis=axis)


def softmax(x: np.ndarray, axis: int) -> np.ndarray:
    """exp(x) normalised along ``axis``: probabilities from log-likelihoods."""
    out = np.exp(x - x.max(axis=axis, keepdims=True))
    out /= out.sum(axis=axis, keepdims=True)
    return out
