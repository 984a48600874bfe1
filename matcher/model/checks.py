"""What a model's arrays must be: each array every model has, of its dtype and shape, and
the listed entries whole or absent. A problem is said in words, for the error that names the
file (:mod:`matcher.model.load`) or the builder (:class:`~matcher.model.model.Model`)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .arrays import Arrays
from .listed import LISTED

__all__ = ["wrong_arrays"]

#: The arrays every model has: name -> (dtype, shape as a function of n_occupations,
#: n_features and n_neighbours).
_ARRAYS: dict[str, tuple[np.dtype, Callable[[int, int, int], tuple[int, ...]]]] = {
    "levels": (np.dtype(np.float64), lambda n, f, k: (n, f)),
    "importance": (np.dtype(np.float64), lambda n, f, k: (n, f)),
    "discrimination": (np.dtype(np.float64), lambda n, f, k: (f,)),
    "neighbour_rows": (np.dtype(np.int32), lambda n, f, k: (n, k)),
    "neighbour_similarity": (np.dtype(np.float64), lambda n, f, k: (n, k)),
}


def wrong_arrays(arrays: Arrays, n: int, n_features: int) -> str | None:
    """What is wrong with a model's arrays (a missing one, a wrong dtype or shape), or None.

    The neighbour graph may be missing (it is computed on first use), not half of it.
    """
    graph = ("neighbour_rows", "neighbour_similarity")
    k = arrays.shape(graph[0])[-1] if graph[0] in arrays and arrays.shape(graph[0]) else 0
    for name, (dtype, shape) in _ARRAYS.items():
        if name not in arrays:
            if name in graph and not any(g in arrays for g in graph):
                continue
            return f"the array {name!r} is missing"
        expected = shape(n, n_features, k)
        if arrays.dtype(name) != dtype or arrays.shape(name) != expected:
            return (
                f"the array {name!r} is {arrays.dtype(name)} of shape {arrays.shape(name)}; "
                f"{dtype} of shape {expected} (n_occupations={n}, n_features={n_features}) "
                "is needed"
            )
    return _wrong_listed(arrays, n)


def _wrong_listed(arrays: Arrays, n: int) -> str | None:
    """What is wrong with the listed entries (all four arrays or none), or None."""
    if not any(name in arrays for name in LISTED):
        return None
    indptr, columns, levels, importance = LISTED
    if not all(name in arrays for name in LISTED):
        return f"the listed entries ({', '.join(LISTED)}) are incomplete"
    entries = arrays.shape(columns)
    expected = {
        indptr: (np.dtype(np.int64), (n + 1,)),
        columns: (np.dtype(np.int32), entries),
        levels: (np.dtype(np.float64), entries),
        importance: (np.dtype(np.float64), entries),
    }
    for name, (dtype, shape) in expected.items():
        if arrays.dtype(name) != dtype or arrays.shape(name) != shape or len(shape) != 1:
            return (
                f"the array {name!r} is {arrays.dtype(name)} of shape {arrays.shape(name)}; "
                f"{dtype} of shape {shape} is needed (one entry per listed item)"
            )
    return None
