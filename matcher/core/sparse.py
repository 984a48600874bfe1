"""Compressed sparse rows (CSR) held as plain index arrays: gathering some rows' entries, and
building a graph from its edges. NumPy only (no SciPy on the way to an answer)."""

from __future__ import annotations

import numpy as np

__all__ = ["edges_to_csr", "row_entries"]


def row_entries(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the entries of ``rows`` (any shape, read flat) lie in a CSR matrix's index and
    data arrays, row after row, and how many entries each row has (``rows.size``,)."""
    rows = np.asarray(rows)
    starts = indptr[rows].ravel()
    lengths = indptr[rows + 1].ravel() - starts
    take = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    return take, lengths


def edges_to_csr(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR ``indptr``, ``indices`` (int64) over ``n`` rows of the edges coded ``row × n +
    column``: each edge once, without self-loops, columns sorted within a row."""
    codes = np.sort(np.asarray(codes, dtype=np.int64))
    # each edge once: sorted, then compared with the previous one (np.unique would import
    # numpy.ma, milliseconds of every start-up that reaches it)
    codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])] if len(codes) else codes
    codes = codes[codes // n != codes % n]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(codes // n, minlength=n))])
    return indptr.astype(np.int64), codes % n
