"""What a model's arrays must be: each array every model has, of its dtype and shape, and
the listed entries whole or absent; and, read from a file, the values of its index arrays
within bounds and the response-style arrays of the shapes they must have together
(:func:`wrong_values`). A problem is said in words, for the error that names
the file (:mod:`matcher.model.load`) or the builder (:class:`~matcher.model.model.Model`)."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from matcher.core.personal import OFFSETS
from matcher.core.styles import cell_axes
from matcher.io.ratings import MAX_RATING, MIN_RATING

from .arrays import Arrays
from .listed import LISTED

__all__ = ["wrong_arrays", "wrong_values"]

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


#: Index arrays whose values are occupation rows (neighbours, moves, relations).
_ROWS = re.compile(r"neighbour_rows|moves_\w+_indices|relations_indices")
#: The scoring's sparse matrices, (features, occupations x level columns).
_EVIDENCE = re.compile(r"(evidence|listing|asked)_(index|indptr)")
#: Index arrays whose values are styles of the response-style grid (one per ``styles_offset``).
_STYLES = re.compile(r"styles_(probes|cell_members)")
#: Row pointers: name -> what they point into and what they have a row of.
_POINTERS = re.compile(r"(moves_\w+|relations|evidence|listing|asked|listed)_indptr")


def wrong_values(
    arrays: Arrays, name: str, values: np.ndarray, n: int, n_features: int
) -> str | None:
    """What is wrong with the values of the array ``name`` of a model file, or None: an index
    outside the rows or columns it indexes, row pointers that do not run from 0 to the end of
    their entries. A trusted file is what its maker wrote, not a file without faults: a
    neighbour row of 999 in a catalog of two stopped ``similar`` with an IndexError (and -7
    would have named the wrong occupation); a probe style of -1 read the grid's last style."""
    bound = _bound(arrays, name, n, n_features)
    if bound is not None and values.size:
        low, high = int(values.min()), int(values.max())
        if low < 0 or high >= bound:
            return (
                f"the array {name!r} holds the index {low if low < 0 else high}; its values "
                f"must lie in 0-{bound - 1}"
            )
    wrong = _wrong_style(arrays, name, values) or _wrong_total(arrays, name, values, n)
    if wrong:
        return wrong
    pointers = _POINTERS.fullmatch(name)
    if pointers:
        entries = _entries(arrays, pointers[1])
        if values.ndim != 1 or not values.size or values[0] != 0 or (np.diff(values) < 0).any():
            return f"the array {name!r} is no row pointers (from 0, never decreasing)"
        if entries is not None and int(values[-1]) != entries:
            return f"the array {name!r} ends at {int(values[-1])}, not at its {entries} entries"
    return None


def _wrong_total(arrays: Arrays, name: str, values: np.ndarray, n: int) -> str | None:
    """What is wrong with ``listing_total``, the counts of every item each occupation lists by
    level column (what a person asked everything has in all), or None."""
    if name != "listing_total" or "listing_typical" not in arrays:
        return None
    shape = (n, arrays.shape("listing_typical")[1])
    if values.dtype != np.float64 or values.shape != shape:
        return (
            f"the array {name!r} is {values.dtype} of shape {values.shape}; float64 of shape "
            f"{shape} is needed"
        )
    if not np.isfinite(values).all() or (values < 0).any():
        return f"the array {name!r} holds counts that are negative or not finite"
    return None


def _bound(arrays: Arrays, name: str, n: int, n_features: int) -> int | None:
    """The values of the array ``name`` lie in ``range(bound)``; None: not an index array."""
    if _ROWS.fullmatch(name):
        return n
    if name == "listed_columns":
        return n_features
    if _STYLES.fullmatch(name) and _styles(arrays) is not None:
        return _styles(arrays)
    evidence = _EVIDENCE.fullmatch(name)
    if evidence and evidence[2] == "index" and f"{evidence[1]}_typical" in arrays:
        return n * arrays.shape(f"{evidence[1]}_typical")[1]
    return None


def _entries(arrays: Arrays, prefix: str) -> int | None:
    """How many entries the row pointers of ``prefix`` point into, or None (unknown)."""
    for member in (f"{prefix}_indices", f"{prefix}_index", f"{prefix}_columns"):
        if member in arrays and len(arrays.shape(member)) == 1:
            return arrays.shape(member)[0]
    return None


#: The response-style grid's arrays, one value per style (most of them say how many).
_GRID = ("styles_offset", "styles_scale", "styles_noise", "styles_careless", "styles_log_prior")
#: What each dtype kind is called in a message.
_KINDS = {"f": "float", "iu": "integer", "b": "bool", "uint8": "uint8"}


def _wrong_style(arrays: Arrays, name: str, values: np.ndarray) -> str | None:
    """What is wrong with the dtype or shape of the response-style array ``name`` beside the
    others, or None. A trusted file is what its maker wrote: cell members of 268 rows for a
    lattice of 273, or tables of 4 levels' rows for 5, stopped scoring with a raw IndexError or
    ValueError (or read padding as styles)."""
    rule = _style_rule(arrays, name)
    if rule is None:
        return None
    kind, shape, why = rule
    fits = values.dtype == np.uint8 if kind == "uint8" else values.dtype.kind in kind
    if fits:
        fits = len(shape) == values.ndim and all(
            want is None or want == got for want, got in zip(shape, values.shape, strict=False)
        )
    if not fits:
        needed = ", ".join("any" if n is None else str(n) for n in shape)
        needed = f"({needed}{',' * (len(shape) == 1)})"
        return (
            f"the array {name!r} is {values.dtype} of shape {values.shape}; {_KINDS[kind]} of "
            f"shape {needed} is needed ({why})"
        )
    if name == "styles_centre" and not _typical(values[0]):
        return (
            f"the array {name!r} holds {values[0]}; the catalog's typical level is needed "
            f"(from {MIN_RATING:g} to {MAX_RATING:g})"
        )
    if name == "styles_group_size":
        size, styles = int(values[0]), _styles(arrays)
        if size < 1 or (styles is not None and styles % size):
            return f"the array {name!r} holds {size}; it must divide the {styles} styles"
    return None


def _style_rule(arrays: Arrays, name: str) -> tuple[str, tuple[int | None, ...], str] | None:
    """``(dtype kind, shape, why)`` the response-style array ``name`` must have beside the
    model's others (None in the shape: any size), or None: not one of them."""
    if not name.startswith("styles_"):
        return None
    styles = _styles(arrays)
    if name == "styles_centre":
        return "f", (1,), "the catalog's typical level"
    if name == "styles_probes":
        return "iu", (None,), "one value per style"
    if name in _GRID:
        # the count of styles is what most of the grid's arrays have: one of them short is
        # the one named ('styles_scale' was blamed for an 'styles_offset' a row short)
        others = [g for g in _GRID if g != name and g in arrays]
        return "f", (styles,), f"one per style, as {_listed(others)} have"
    if name in ("styles_tables", "styles_shifted"):
        typical = arrays.shape("evidence_typical") if "evidence_typical" in arrays else ()
        rows = 6 * typical[1] if len(typical) == 2 else None
        why = "a row per rating 0-5 of each level of 'evidence_typical', a column per style"
        if name == "styles_tables":
            return "f", (rows, styles), why
        return "f", (len(OFFSETS), rows, styles), f"{why}, for each of {len(OFFSETS)} offsets"
    cells = _cells(arrays)
    if name == "styles_cell_members":
        return "iu", (cells, None), "a row per cell of the style lattice"
    if name == "styles_cell_valid":
        members = "styles_cell_members"
        shape = arrays.shape(members) if members in arrays else (cells, None)
        return "b", tuple(shape), f"one per entry of {members!r}"
    if name == "styles_group_bits":
        size = int(arrays["styles_group_size"][0]) if "styles_group_size" in arrays else 0
        groups = -(-styles // (8 * size)) if styles is not None and size else None
        return "uint8", (cells, groups), "a row per cell, a bit per 'styles_group_size' styles"
    if name == "styles_group_size":
        return "iu", (1,), "the styles a cell lists together"
    return None


def _styles(arrays: Arrays) -> int | None:
    """How many response styles the model's grid has (None: unknown): the length most of the
    grid's one-per-style arrays have (``styles_offset``'s on a tie)."""
    lengths = [arrays.shape(g) for g in _GRID if g in arrays]
    lengths = [shape[0] for shape in lengths if len(shape) == 1]
    if not lengths:
        return None
    return max(lengths, key=lambda n: (lengths.count(n), n == lengths[0]))


def _cells(arrays: Arrays) -> int | None:
    """How many cells the model's style lattice has (None: unknown); its centre read (and
    checked) to find out. A centre that is no typical level (1e12) says nothing of the
    lattice: the centre is named (:func:`_wrong_style`), not the sound arrays sized by it."""
    if "styles_centre" not in arrays:
        return None
    centre = np.asarray(arrays["styles_centre"]).ravel()
    if centre.size != 1 or not _typical(centre[0]):
        return None
    offsets, logs = cell_axes(float(centre[0]))
    return len(offsets) * len(logs)


def _typical(value: float) -> bool:
    """Whether ``value`` can be a catalog's typical level (the mean of its levels, 0-5)."""
    return bool(np.isfinite(value)) and MIN_RATING <= float(value) <= MAX_RATING


def _listed(names: list[str]) -> str:
    """'a', 'b' and 'c'."""
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
