"""The moves a catalog documents (related jobs, career-path steps), with what each asks.

A move a -> b asks what b needs beyond a: over b's key items, importance × discrimination
× the levels b needs beyond a's (:func:`move_costs`). The documented moves and their costs
are computed once, with the model, and kept in its arrays (:meth:`Moves.arrays`), so that a
route search (:mod:`matcher.match.routes`, with the cost of any move in typical moves from
:mod:`matcher.match.costs`) reads neither the documents nor every occupation's
requirements.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import KEY_IMPORTANCE
from matcher.core.relations import relation_graph
from matcher.core.sparse import edges_to_csr

from .stored_moves import (
    COSTED,
    MOVE_KINDS,
    MOVES_VERSION,
    SUPPLEMENTAL,
    SUPPLEMENTAL_RELATED,
    VERSION_ARRAY,
    cost_array,
    has_current_moves,
    move_arrays,
)

if TYPE_CHECKING:
    from .model import Model

__all__ = ["MOVES_VERSION", "Moves", "has_current_moves", "index_moves", "move_costs", "moves"]


@dataclass(frozen=True)
class Moves:
    """The moves a catalog documents, by occupation row, as sparse adjacency (CSR) arrays.

    ``forward``: rows some career path takes a row straight to; ``related``:
    related jobs, both ways; ``earlier``: rows some career path puts before a
    row; ``supplemental``: relations a source documents beside the related jobs, both
    ways (O*NET's *Supplemental* tier, ``model.extra["supplemental_related"]``), a move
    a route may take but no relation the ranking reads; None when there are none.
    Each is ``(indptr, indices)``: the rows of row r are
    ``indices[indptr[r]:indptr[r + 1]]``, sorted. ``forward_cost``,
    ``related_cost`` and ``supplemental_cost``: the raw cost (:func:`move_costs`) of each
    of those moves, in the order of ``indices``, computed with the moves: a route
    search reads them instead of every occupation's requirements.
    """

    forward: tuple[np.ndarray, np.ndarray]
    related: tuple[np.ndarray, np.ndarray]
    earlier: tuple[np.ndarray, np.ndarray]
    forward_cost: np.ndarray
    related_cost: np.ndarray
    supplemental: tuple[np.ndarray, np.ndarray] | None = None
    supplemental_cost: np.ndarray | None = None

    @staticmethod
    def _of(adjacency: tuple[np.ndarray, np.ndarray], row: int) -> frozenset[int]:
        indptr, indices = adjacency
        return frozenset(indices[indptr[row] : indptr[row + 1]].tolist())

    def forward_of(self, row: int) -> frozenset[int]:
        return self._of(self.forward, row)

    def related_of(self, row: int) -> frozenset[int]:
        return self._of(self.related, row)

    def earlier_of(self, row: int) -> frozenset[int]:
        return self._of(self.earlier, row)

    def of(self, row: int) -> frozenset[int]:
        """Every documented move from ``row``: career-path steps forward, related jobs
        (supplemental relations too)."""
        return frozenset(self.costs_of(row))

    def _costed_kinds(self) -> list[tuple[tuple[np.ndarray, np.ndarray], np.ndarray]]:
        kinds = [(self.forward, self.forward_cost), (self.related, self.related_cost)]
        if self.supplemental is not None and self.supplemental_cost is not None:
            kinds.append((self.supplemental, self.supplemental_cost))
        return kinds

    def costs_of(self, row: int) -> dict[int, float]:
        """Every documented move from ``row`` (as :meth:`of`) with its raw cost."""
        out: dict[int, float] = {}
        for (indptr, indices), cost in self._costed_kinds():
            begin, end = indptr[row], indptr[row + 1]
            out.update(zip(indices[begin:end].tolist(), cost[begin:end].tolist(), strict=True))
        return out

    def arrays(self) -> dict[str, np.ndarray]:
        """The moves as named arrays, as a model keeps them (see :func:`moves`)."""
        kinds = [k for k in (*MOVE_KINDS, SUPPLEMENTAL) if getattr(self, k) is not None]
        adjacency = {
            name: array
            for kind in kinds
            for name, array in zip(move_arrays(kind), getattr(self, kind), strict=True)
        }
        costed = [k for k in (*COSTED, SUPPLEMENTAL) if k in kinds]
        costs = {cost_array(k): getattr(self, f"{k}_cost") for k in costed}
        return {**adjacency, **costs, VERSION_ARRAY: np.array([MOVES_VERSION])}

    def relation_arrays(self) -> dict[str, np.ndarray]:
        """The ranking's relation graph of these moves (related jobs and career-path steps,
        :func:`matcher.core.relations.relation_graph`), as a model keeps it."""
        n = len(self.related[0]) - 1
        indptr, indices = relation_graph([self.related, self.forward], n)
        return {"relations_indptr": indptr, "relations_indices": indices}


def _adjacency(pairs: list[tuple[int, int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays of a set of (from, to) pairs over n rows, without repeats or self-moves."""
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return edges_to_csr(edges @ np.array([n, 1]), n)


#: Occupations costed at once (bounds the temporaries: this many × n_features floats).
_STRIPE = 4096


def _adjacency_costs(model: Model, adjacency: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The raw cost (:func:`move_costs`) of every move of one adjacency, in its order."""
    indptr, indices = adjacency
    starts = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    cost = np.empty(len(indices))
    discrimination = model.vectorizer.discrimination_
    for begin in range(0, len(indices), _STRIPE):
        a, b = starts[begin : begin + _STRIPE], indices[begin : begin + _STRIPE]
        cost[begin : begin + len(b)] = move_costs(
            model.levels[a], model.levels[b], model.importance[b], discrimination
        )
    return cost


def _costed(
    model: Model,
    forward: tuple[np.ndarray, np.ndarray],
    related: tuple[np.ndarray, np.ndarray],
    earlier: tuple[np.ndarray, np.ndarray],
) -> Moves:
    costs = _adjacency_costs(model, forward), _adjacency_costs(model, related)
    return Moves(forward, related, earlier, *costs)


def _supplemental(
    model: Model, exact: dict[str, int]
) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray] | None:
    """The supplemental moves of ``model.extra`` (ids by row in ``exact``), costed."""
    given = model.extra.get(SUPPLEMENTAL_RELATED)
    if not given:
        return None
    pairs = [
        pair
        for occupation, others in sorted(given.items())
        if (row := exact.get(occupation)) is not None
        for other in others
        if (other_row := exact.get(other)) is not None
        for pair in ((row, other_row), (other_row, row))
    ]
    adjacency = _adjacency(pairs, len(model.catalog))
    return adjacency, _adjacency_costs(model, adjacency)


def index_moves(model: Model) -> Moves:
    """One pass over the catalog's documents: the moves they document, as :class:`Moves`.

    Names resolve by exact title or id first (a dictionary look-up), then as the
    catalog resolves a reference (normalised, aliases), once per distinct name.
    """
    exact: dict[str, int] = {}
    for row, occupation in enumerate(model.catalog):
        exact.setdefault(occupation.id, row)
        exact.setdefault(occupation.title, row)
    slow: dict[str, int | None] = {}

    def row_of(name: str) -> int | None:
        found = exact.get(name)
        if found is None and name not in exact:
            if name not in slow:
                resolved = model.catalog.resolve(name)
                slow[name] = None if resolved is None else model.index_of(resolved)
            found = slow[name]
        return found

    forward: list[tuple[int, int]] = []
    related: list[tuple[int, int]] = []
    earlier: list[tuple[int, int]] = []
    for row, occupation in enumerate(model.catalog):
        profile = occupation.profile
        for name in profile.related_jobs:
            other = row_of(name)
            if other is not None:
                related += ((row, other), (other, row))
        steps = [row_of(s) for s in profile.career_path]
        steps = [s for s in steps if s is not None]
        # A path that names its own occupation goes on past it in the author's order (the
        # Healthcare Assistant's `Healthcare Assistant → Nursing Associate → Staff Nurse →
        # Ward Manager`: appended again, every later step counted as below the assistant);
        # one that does not name it leads to it.
        if row not in steps:
            steps.append(row)
        forward += itertools.pairwise(steps)
        earlier += ((later, steps[i]) for j, later in enumerate(steps) for i in range(j))
    n = len(model.catalog)
    found = _costed(model, _adjacency(forward, n), _adjacency(related, n), _adjacency(earlier, n))
    supplemental = _supplemental(model, exact)
    return found if supplemental is None else replace(found, **_supplemental_fields(supplemental))


def _supplemental_fields(
    supplemental: tuple[tuple[np.ndarray, np.ndarray], np.ndarray],
) -> dict[str, object]:
    adjacency, cost = supplemental
    return {SUPPLEMENTAL: adjacency, f"{SUPPLEMENTAL}_cost": cost}


def moves(model: Model) -> Moves:
    """The documented moves of a model's catalog: those the model carries in
    ``model.arrays`` (:meth:`Moves.arrays`, stored at build time, so that a saved
    model need not read every document nor every occupation's requirements), else
    indexed on first use, once per model. Moves indexed then (none stored, or stored by an
    older matcher: :func:`has_current_moves`) replace those of ``model.arrays``, and so do
    the ranking's relations made of them (so that ``model.save`` keeps them too)."""

    def stored() -> Moves:
        adjacency = [tuple(model.arrays[name] for name in move_arrays(k)) for k in MOVE_KINDS]
        found = Moves(*adjacency, *(model.arrays[cost_array(k)] for k in COSTED))
        names = (*move_arrays(SUPPLEMENTAL), cost_array(SUPPLEMENTAL))
        if not all(name in model.arrays for name in names):
            return found
        indptr, indices, cost = (model.arrays[name] for name in names)
        return replace(found, **_supplemental_fields(((indptr, indices), cost)))

    def indexed() -> Moves:
        found = index_moves(model)
        for name in [name for name in model.arrays if name.startswith("moves_")]:
            del model.arrays[name]  # a kind the documents no longer give is not kept
        model.arrays.update(found.arrays())
        model.arrays.update(found.relation_arrays())
        return found

    return model.cached("moves", stored if has_current_moves(model.arrays) else indexed)


def move_costs(
    levels_a: np.ndarray, levels_b: np.ndarray, importance_b: np.ndarray, discrimination: np.ndarray
) -> np.ndarray:
    """Raw cost of moving from occupations a to occupations b (dense rows: one a for each b,
    or one a for all): over each b's key items, importance × discrimination × the levels it
    needs beyond a's."""
    need = np.where(importance_b >= KEY_IMPORTANCE, importance_b, 0.0)
    need *= discrimination
    return (need * np.maximum(levels_b - levels_a, 0.0)).sum(axis=-1)
