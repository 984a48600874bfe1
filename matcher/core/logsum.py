"""log Σ exp along an axis, for the likelihood passes."""

from __future__ import annotations

import numpy as np

__all__ = ["logsumexp"]

#: Along an outer axis of at most this many terms, sum slice by slice: temporaries the
#: size of one slice stay in cache (the same sums, in the same order, as one reduction).
SLICES = 64


def logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    """log Σ exp(x) along ``axis``; the exponentials in float32 (terms relative to the
    largest lose nothing that matters: the result is off by 1e-6 at most)."""
    top = np.max(x, axis=axis, keepdims=True)
    top[~np.isfinite(top)] = 0
    if axis % x.ndim != x.ndim - 1 and x.shape[axis] <= SLICES:
        top = np.squeeze(top, axis=axis)
        total = np.zeros(top.shape, np.float32)
        part = np.empty(top.shape, np.float32)
        for piece in np.moveaxis(x, axis, 0):
            np.subtract(piece, top, out=part, dtype=np.float32)
            total += np.exp(part, out=part)
        with np.errstate(divide="ignore"):
            return np.log(total) + top
    shifted = np.subtract(x, top, dtype=np.float32)
    np.exp(shifted, out=shifted)
    with np.errstate(divide="ignore"):  # every term -inf: the sum is -inf, not an error
        return np.log(np.sum(shifted, axis=axis)) + np.squeeze(top, axis=axis)
