"""Respondent ids seen so far in a run: the duplicate check of the batch engines."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from matcher.io.survey.rejects import id_key

__all__ = ["MAX_RUN", "IdRegistry"]

#: Ids per sorted run of the duplicate check.
MAX_RUN = 1 << 18


class IdRegistry:
    """Respondent ids seen so far, as 128-bit hashes in sorted runs (memory ~24 bytes an id)."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    @staticmethod
    def _hash(ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        values = np.asarray([id_key(i) for i in ids], dtype=object)  # the duplicate rule's form
        return (
            pd.util.hash_array(values, hash_key="matcher-ids-0001"),
            pd.util.hash_array(values, hash_key="matcher-ids-0002"),
        )

    def first_seen(self, ids: Sequence[str], where: np.ndarray) -> np.ndarray:
        """Register ids in input order; return, for each, the ``where`` code of its first
        occurrence, or -1 where this is the first.

        ``where`` (n,) int64 codes of these records (file index << 40 | line).
        """
        n = len(ids)
        first = np.full(n, -1, np.int64)
        if n == 0:
            return first
        h1, h2 = self._hash(ids)
        for run_h1, run_h2, run_where, _ in self._runs:
            at = np.searchsorted(run_h1, h1)
            inside = at < len(run_h1)
            at = np.minimum(at, len(run_h1) - 1)
            hit = inside & (run_h1[at] == h1) & (run_h2[at] == h2) & (first < 0)
            first[hit] = run_where[at[hit]]
        # Repeats inside this batch: the earliest one wins.
        order = np.lexsort((np.arange(n), h2, h1))
        same = (h1[order][1:] == h1[order][:-1]) & (h2[order][1:] == h2[order][:-1])
        leader = order.copy()
        for i in np.flatnonzero(same):  # runs of equal ids are rare: a loop over repeats only
            leader[i + 1] = leader[i]
        repeat = np.zeros(n, bool)
        repeat[order[1:][same]] = True
        inner = np.where(repeat, where[leader[np.argsort(order)]], -1)
        first = np.where(first >= 0, first, inner)
        new = first < 0
        self._add(h1[new], h2[new], where[new])
        return first

    def _add(self, h1: np.ndarray, h2: np.ndarray, where: np.ndarray) -> None:
        # Runs are sorted by h1 alone: equal 64-bit h1 of different ids are too rare to
        # order by h2 as well, and a stable sort of two sorted runs is a single merge.
        if not len(h1):
            return
        order = np.argsort(h1, kind="stable")
        run = (h1[order], h2[order], where[order], np.array(len(order)))
        self._runs.append(run)
        # Merge runs of similar size (as a binary counter), up to a cap so that a merge never
        # copies more than a few megabytes: memory stays ~24 bytes an id, with no spikes.
        while (
            len(self._runs) > 1
            and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0])
            and len(self._runs[-2][0]) + len(self._runs[-1][0]) <= MAX_RUN
        ):
            a, b = self._runs.pop(), self._runs.pop()
            h1 = np.concatenate([b[0], a[0]])
            h2 = np.concatenate([b[1], a[1]])
            where = np.concatenate([b[2], a[2]])
            order = np.argsort(h1, kind="stable")
            self._runs.append((h1[order], h2[order], where[order], np.array(len(order))))
