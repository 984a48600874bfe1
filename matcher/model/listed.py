"""An occupation's listed requirements: the levels and importance a catalog *lists*, kept as
compressed sparse rows (CSR), so that a call reading a few occupations reads (and checks
against its digest) a few kilobytes, not the whole occupation × item matrices.

A catalog of job-profile documents lists a few dozen of its hundreds of items for each
occupation; the dense arrays are then mostly zeros (at 20,000 occupations, 90 MB of them
against 15 MB of entries). A catalog that rates every item (O*NET) keeps its dense arrays
only: :func:`listed_entries` is not worth storing for it.
"""

from __future__ import annotations

import numpy as np

from matcher.core.sparse import row_entries

__all__ = ["LISTED", "dense_rows", "listed_entries"]

#: The arrays of the listed entries, in a model's ``arrays``: ``indptr`` (n_occupations + 1,)
#: int64, ``columns`` int32 (sorted within a row), ``levels`` and ``importance`` float64.
LISTED = ("listed_indptr", "listed_columns", "listed_levels", "listed_importance")


def listed_entries(levels: np.ndarray, importance: np.ndarray) -> dict[str, np.ndarray]:
    """The entries where an occupation's level or importance is not zero, as the arrays
    :data:`LISTED` name (dense rows rebuilt from them are equal to the dense arrays)."""
    rows, columns = np.nonzero((levels != 0) | (importance != 0))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(levels)))])
    return dict(
        zip(
            LISTED,
            (
                indptr.astype(np.int64),
                columns.astype(np.int32),
                np.ascontiguousarray(levels[rows, columns], dtype=np.float64),
                np.ascontiguousarray(importance[rows, columns], dtype=np.float64),
            ),
            strict=True,
        )
    )


def dense_rows(
    indptr: np.ndarray,
    columns: np.ndarray,
    values: tuple[np.ndarray, ...],
    rows: np.ndarray | int,
    n_features: int,
) -> tuple[np.ndarray, ...]:
    """Each of ``values`` (entries of one CSR pattern) as dense rows: (len(rows), n_features)
    for an array of rows, (n_features,) for one row; zero where a row lists nothing."""
    picked = np.atleast_1d(np.asarray(rows, dtype=np.intp))
    take, lengths = row_entries(indptr, picked)
    at = np.repeat(np.arange(len(picked)), lengths), columns[take]
    dense = []
    for value in values:
        out = np.zeros((len(picked), n_features))
        out[at] = value[take]
        dense.append(out[0] if np.ndim(rows) == 0 else out)
    return tuple(dense)
