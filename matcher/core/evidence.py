"""Counting a person's answers by the level each occupation needs: the evidence of a match.

For a likelihood over whole-point ratings, all that matters about one
occupation is how many of the person's ratings of each value (0-5) fall on
items it needs at each level (:mod:`matcher.core.weights`), and how many items
the person was asked but left blank, at each level.

:class:`Evidence` is what the likelihood passes take: counted for many people at
once with one SciPy sparse product (the typical rows' part once per person, not
once per occupation), or for one person with NumPy alone. Pure maths, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .coarse import points
from .weights import LevelWeights

__all__ = ["Evidence"]


@dataclass(frozen=True)
class Evidence:
    """What the likelihood passes need of n people, over m occupations.

    rated, base : the counts of the ratings, (m, L 6, n) and (L 6, n) (see
        :meth:`LevelWeights.rated`); person p's counts for occupation j are
        ``rated[j, :, p] + base[:, p]``: by level column, then rating value.
    answered : (L, m, n) the items answered, by level column of each occupation (the
        listing: does the occupation itself list the item).
    asked : (L, m, n) the items asked, the same way; None when everything was asked.
    n_blank, n_asked : (n,) how many items each person left blank, and was asked.
    points : (n, 6) how many answers each person gave at each point of the scale
        (:func:`matcher.core.coarse.points`).
    personal : the counts of the personal items alone (aptitudes, traits, interests:
        :mod:`matcher.core.personal`) of given occupation rows, as :meth:`rows`; None when
        the catalog has none. Counted when asked for: most people never need them.
    """

    rated: np.ndarray
    base: np.ndarray
    answered: np.ndarray
    asked: np.ndarray | None
    n_blank: np.ndarray
    n_asked: np.ndarray
    points: np.ndarray
    personal: Callable[[np.ndarray], np.ndarray] | None = None

    def rows(self, rows: np.ndarray) -> np.ndarray:
        """The counts of occupation ``rows`` (n, k) of each person, (n, k, L 6)."""
        return _gathered(self.rated, self.base, rows)

    @classmethod
    def of_people(
        cls,
        weights: LevelWeights,
        listing: LevelWeights,
        ratings: np.ndarray,
        asked: np.ndarray | None,
        personal: LevelWeights | None = None,
    ) -> Evidence:
        """The evidence of many people (SciPy): ``ratings`` (n, F) NaN where not answered,
        ``asked`` (n, F) bool (every answered item included), or None: every item;
        ``personal``: the weights of the personal items alone (:meth:`LevelWeights.only`)."""
        answered = ~np.isnan(ratings)
        rated, base = weights.rated(ratings)
        own = None
        if personal is not None:

            def own(rows: np.ndarray) -> np.ndarray:
                return _gathered(*personal.rated(ratings), rows)

        if asked is None or asked.all():
            n_asked = np.full(len(ratings), float(ratings.shape[1]))
            n_blank = n_asked - answered.sum(axis=1)
            present = listing.present(answered)
            return cls(rated, base, present, None, n_blank, n_asked, points(ratings), own)
        present = listing.present(answered)
        return cls(
            rated,
            base,
            present,
            present if np.array_equal(asked, answered) else listing.present(asked),
            (asked & ~answered).sum(axis=1).astype(np.float64),
            asked.sum(axis=1).astype(np.float64),
            points(ratings),
            own,
        )

    @classmethod
    def of_person(
        cls,
        weights: LevelWeights,
        listing: LevelWeights,
        ratings: np.ndarray,
        asked: np.ndarray,
        personal: LevelWeights | None = None,
    ) -> Evidence:
        """The evidence of one person, ``ratings`` and ``asked`` (F,). NumPy only."""
        answered = ~np.isnan(ratings)
        own = None
        if personal is not None:

            def own(rows: np.ndarray) -> np.ndarray:
                return personal.rated_rows(ratings, rows[0])[None]

        present = listing.present_one(np.flatnonzero(answered))
        if asked.all():
            counts = None  # everything asked: the listing's totals
        elif np.array_equal(asked, answered):  # nothing left blank: the same counts (read only)
            counts = present
        else:
            counts = listing.present_one(np.flatnonzero(asked))
        return cls(
            *weights.rated_one(ratings),
            present,
            counts,
            np.array([np.sum(asked & ~answered)], np.float64),
            np.array([np.sum(asked)], np.float64),
            points(ratings[None]),
            own,
        )

    @classmethod
    def joined(
        cls, parts: list[Evidence], groups: list[np.ndarray], listing: LevelWeights
    ) -> Evidence:
        """The evidence of people of ``parts``, each of people ``groups`` (indices), in the
        people's order; ``listing`` counts the items of a part asked everything."""
        n = sum(len(g) for g in groups)

        def placed(arrays: list[np.ndarray], axis: int) -> np.ndarray:
            shape = list(arrays[0].shape)
            shape[axis] = n
            out = np.empty(shape, arrays[0].dtype)
            for array, rows in zip(arrays, groups, strict=True):
                index = [slice(None)] * len(shape)
                index[axis] = rows
                out[tuple(index)] = array
            return out

        def field(name: str, axis: int) -> np.ndarray:
            return placed([getattr(p, name) for p in parts], axis)

        asked = None
        if any(p.asked is not None for p in parts):  # a part asked everything: the totals
            every = listing.total.T[:, :, None].astype(np.float32)
            asked = placed(
                [
                    every.repeat(len(g), 2) if p.asked is None else p.asked
                    for p, g in zip(parts, groups, strict=True)
                ],
                2,
            )
        own = None
        if all(p.personal is not None for p in parts):

            def own(rows: np.ndarray) -> np.ndarray:
                return placed([p.personal(rows[g]) for p, g in zip(parts, groups, strict=True)], 0)

        return cls(
            field("rated", 2),
            field("base", 1),
            field("answered", 2),
            asked,
            field("n_blank", 0),
            field("n_asked", 0),
            field("points", 0),
            own,
        )


def _gathered(rated: np.ndarray, base: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The counts of occupation ``rows`` (n, k) of each person, (n, k, L 6), from
    :meth:`LevelWeights.rated`'s ``rated`` (m, L 6, n) and ``base`` (L 6, n)."""
    out = rated.transpose(0, 2, 1)[rows, np.arange(rows.shape[0])[:, None]]
    out += base.T[:, None, :]
    return out
