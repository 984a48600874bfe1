"""What a move costs, in typical moves: what going from one occupation to another asks.

A move a -> b asks what b needs beyond a: over b's key items, importance × discrimination
× the levels b needs beyond a's (:func:`~matcher.model.moves.move_costs`), said in typical
moves (:func:`move_cost`: 1 is the median documented move). The documented moves and their
costs are the model's (:mod:`matcher.model.moves`); a route search
(:mod:`matcher.match.routes`) costs any other move here.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import KEY_IMPORTANCE
from matcher.model.listed import LISTED, listed_entries
from matcher.model.moves import move_costs, moves

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["beyond", "move_cost", "move_price", "raw_move_cost", "route_cost", "unit"]

#: How many documented moves set the size of a typical move (the median cost).
_SAMPLE = 2000


def beyond(model: Model, target: int) -> list[float]:
    """The raw cost of moving from ``target`` to each occupation (what it asks beyond the
    target), by row: the sum of :func:`~matcher.model.moves.move_costs` over each
    occupation's listed key items only, in one pass over them all."""
    levels_t, _ = model.requirements(target)
    rows, columns, need, levels = model.cached("key_entries", lambda: _key_entries(model))
    cost = np.maximum(levels - levels_t[columns], 0.0)
    cost *= need
    return np.bincount(rows, cost, minlength=len(model.catalog)).tolist()


def _key_entries(model: Model) -> tuple[np.ndarray, ...]:
    """Each occupation's key items among its listed entries (made from the dense arrays when
    the model keeps none): the row, column, importance × discrimination and level of each."""
    listed = model.listed
    if listed is None:
        listed = tuple(listed_entries(model.levels, model.importance)[name] for name in LISTED)
    indptr, columns, levels, importance = listed
    key = np.flatnonzero(importance >= KEY_IMPORTANCE)
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))[key]
    cols = columns[key].astype(np.intp)
    return rows, cols, importance[key] * model.vectorizer.discrimination_[cols], levels[key]


def unit(model: Model) -> float:
    """The cost of a typical move (see :func:`_typical_move`), once per model."""
    return model.cached("typical_move", lambda: _typical_move(model))


def _typical_move(model: Model) -> float:
    """The median cost of the documented moves (an even sample of them), the unit of cost."""
    index = moves(model)
    costs = np.concatenate([index.forward_cost, index.related_cost])
    pick = np.linspace(0, len(costs) - 1, min(_SAMPLE, len(costs))).round().astype(int)
    costs = costs[pick]
    costs = costs[costs > 0]
    return _median(costs) if len(costs) else 1.0


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty array, without its check for masked arrays (which
    imports numpy.ma: 15-35 ms of the first route)."""
    half = len(values) // 2
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    low, high = np.partition(values, [half - 1, half])[half - 1 : half + 1]
    return float((low + high) / 2)


def move_cost(model: Model, a: int, b: int) -> float:
    """What moving from occupation a to b asks, in typical moves (1 = a median documented move).

    The sum over b's key items of importance × discrimination × the levels b
    needs beyond a's.
    """
    return raw_move_cost(model, a, b) / unit(model)


def raw_move_cost(model: Model, a: int, b: int) -> float:
    """:func:`move_cost` before it is said in typical moves: as the documented moves' costs
    are kept (:meth:`~matcher.model.moves.Moves.costs_of`)."""
    (levels_a, levels_b), (_, importance_b) = model.requirements(np.array([a, b]))
    discrimination = model.vectorizer.discrimination_
    cost = move_costs(levels_a, levels_b[None], importance_b[None], discrimination)
    return float(cost[0])


def move_price(move: float, ask: float, typical: float) -> float:
    """What a move a -> b costs a route, in typical moves: one, plus what b asks beyond a
    (``move``, raw: :func:`raw_move_cost`) and beyond the target (``ask``, raw:
    :func:`beyond`), over the cost of a typical move (``typical``: :func:`unit`)."""
    return 1.0 + (move + ask) / typical


def route_cost(model: Model, rows: tuple[int, ...], asks: Sequence[float]) -> float:
    """What a route costs as the route search counts it, whether documented or not: the
    :func:`move_price` of each of its moves. ``asks``: what each occupation asks beyond the
    target (:func:`beyond`, computed once per target)."""
    typical = unit(model)
    moves_of = itertools.pairwise(rows)
    return sum(move_price(raw_move_cost(model, a, b), asks[b], typical) for a, b in moves_of)
